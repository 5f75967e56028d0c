"""The fields of each record's form, derived from its kind (models.kinds): which widget, which
choices, when a field shows.

Names are those of the record's Create model, so a form's values go straight to
`models.records.create/update`, which validate them; the form only shows what they say. What is
required, what refers to what, which coded values a field takes and when a field applies all come
from the kind; only how a field is typed in is decided here.
"""

import types
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from annotated_types import MaxLen
from pydantic import StringConstraints

from models.base import TITLE_MAX
from models.registry import kind_of


@dataclass(frozen=True)
class FormField:
    name: str
    # text, long (several lines), date, select, multi, codes, number; pick (one reference, chosen
    # as it is typed: tui.widgets.picker) or picks (several)
    widget: str = "text"
    options: str | tuple[str, ...] = ()  # articles, enum values, or the kind a pick refers to
    enum: str = ""  # catalogue prefix of the options' labels
    required: bool = False
    show_if: tuple[str, tuple[str, ...]] | None = None  # (field, values) that reveal this one
    label: str = ""  # catalogue key; col.<name> when empty
    max_length: int | None = None  # characters a text field takes, from the kind's type
    free: bool = False  # a pick that takes codes of records kept elsewhere too

    @property
    def label_key(self) -> str:
        return self.label or f"col.{self.name}"


# Fields a form does not show: given by the database, or by where the form was opened from.
# A tip's extension is a decision on its clock (`q` on its detail), never a typed date: the
# typed `extended_to` of older registers stays, read by the import and the clock.
HIDDEN = {
    "award_decisions": ("code",),
    "award_recipients": ("code", "decision"),
    "tips": ("extended_to",),
}
# How a field is typed in where the kind alone does not say.
OVERRIDES: dict[str, dict[str, dict[str, Any]]] = {
    "cases": {"article": {"widget": "select", "options": "articles"}},
    # The case a tip opened may be kept by another unit or system: its code is not checked.
    "tips": {
        "kind": {"label": "col.tip_kind"},
        "case_code": {"widget": "pick", "options": "cases", "free": True},
    },
    "suspects": {"address": {"widget": "long"}},
    # A review's lists are lines of their own: a box of several lines, not a single line.
    "reviews": {name: {"widget": "long"} for name in ("addressed_to", "recipients", "signers")},
}
FORM_KINDS = ("cases", "tips", "suspects", "campaigns", "award_decisions", "award_recipients")
# Forms opened from elsewhere only: a decision from its tip's or case's detail, a correction of
# the calendar from the calendar screen, a review report from the Sơ kết pane.
OTHER_FORM_KINDS = ("clock_decisions", "calendar_days", "reviews")


def _inner(annotation: Any) -> list[Any]:
    """The types inside Annotated[...] and X | None."""
    if get_origin(annotation) is Annotated:
        return _inner(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        return [inner for arg in get_args(annotation) for inner in _inner(arg)]
    return [annotation]


def _max_length(annotation: Any, metadata: list[Any]) -> int | None:
    """The length a text value may have: its StringConstraints, on the field or inside it."""
    found = [m.max_length for m in metadata if isinstance(m, StringConstraints | MaxLen)]
    if get_origin(annotation) is Annotated:
        found += [
            m.max_length
            for m in get_args(annotation)[1:]
            if isinstance(m, StringConstraints) and m.max_length
        ]
    elif get_origin(annotation) in (Union, types.UnionType):
        found += [
            length for arg in get_args(annotation) if (length := _max_length(arg, [])) is not None
        ]
    return next((length for length in found if length), None)


def _widget(kind: str, name: str, annotation: Any) -> dict[str, Any]:
    described = kind_of(kind)
    inner = [t for t in _inner(annotation) if t is not type(None)]
    if name in described.references:
        target = described.references[name]
        many = any(get_origin(t) is list for t in inner)
        return {"widget": "picks" if many else "pick", "options": target}
    literals = [t for t in inner if get_origin(t) is Literal]
    if literals:
        values = tuple(str(value) for value in get_args(literals[0]))
        return {"widget": "select", "options": values, "enum": described.enums.get(name, "")}
    if date in inner:
        return {"widget": "date"}
    if int in inner:
        return {"widget": "number"}
    if any(get_origin(t) is list for t in inner):
        return {"widget": "codes"}
    return {}


def _text_settings(settings: dict[str, Any], length: int | None) -> dict[str, Any]:
    """Text fields take their limit from the kind; long ones (a title, a summary) get a box of
    several lines."""
    if settings.get("widget", "text") not in ("text", "long"):
        return settings
    settings = {"max_length": length} | settings
    if length is not None and length >= TITLE_MAX and "widget" not in settings:
        settings["widget"] = "long"
    return settings


def form_fields(kind: str) -> list[FormField]:
    """The form of `kind`: the Create model's fields, in order, as they are typed in."""
    described = kind_of(kind)
    fields = []
    for name, info in described.create_model.model_fields.items():
        if name in HIDDEN.get(kind, ()):
            continue
        settings = _widget(kind, name, info.annotation) | OVERRIDES.get(kind, {}).get(name, {})
        settings = _text_settings(settings, _max_length(info.annotation, info.metadata))
        rule = described.applies_when.get(name)
        fields.append(FormField(name, required=info.is_required(), show_if=rule, **settings))
    return fields


FORMS: dict[str, list[FormField]] = {
    kind: form_fields(kind) for kind in (*FORM_KINDS, *OTHER_FORM_KINDS)
}


# What "save and new" carries to the next form: the references an operator repeats from one
# record to the next (units, localities, campaigns), and the dates.
REPEATED_KINDS = ("units", "localities", "campaigns")


def repeated(kind: str, saved: dict[str, Any]) -> dict[str, Any]:
    """The values of the record just saved that start the next one."""
    return {
        spec.name: saved[spec.name]
        for spec in FORMS[kind]
        if spec.name in saved
        and (
            spec.widget == "date"
            and spec.required
            or spec.widget in ("pick", "picks")
            and spec.options in REPEATED_KINDS
        )
    }


def question(kind: str, data: dict[str, Any]) -> str | None:
    """A save that is allowed but probably not meant, asked about first (a catalogue key)."""
    if kind == "tips" and data.get("status") == "case_opened" and not data.get("case_code"):
        return "form.tip_without_case"
    return None
