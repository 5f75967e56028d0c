"""The widget of each field of a form (tui.forms says which), and the value it holds, both ways:
a record's value as its field shows it, and the field's value as a record takes it."""

from datetime import date
from typing import Any

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea
from textual.widgets.select import InvalidSelectValueError

from models.i18n import t
from models.text import format_date, harmless
from tui.context import AppContext, Options
from tui.format import enum_label
from tui.forms import FormField
from tui.widgets.picker import Picker
from tui.widgets.text_fields import LongText, TextField


def as_form(spec: FormField, value: Any) -> Any:
    """A record's value as its field holds it: a code or None, a list of codes, or text."""
    if spec.widget in ("select", "pick"):
        return value if value not in (None, "") else None
    if spec.widget == "picks":
        return list(value or [])
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, list):
        return ";".join(value)
    return "" if value is None else str(value).strip()


def options(context: AppContext, spec: FormField, value: Any) -> Options:
    """A drop-down's choices: an enum's values, or articles (with one not in the short list)."""
    if isinstance(spec.options, tuple):
        return [(Text(enum_label(spec.enum, option)), option) for option in spec.options]
    found = list(context.options(spec.options))
    if value and value not in {code for _, code in found}:
        found.append((Text(harmless(str(value))), str(value)))
    return found


def field_widget(context: AppContext, spec: FormField, value: Any) -> Widget:
    """The widget that takes the field's value, holding `value` (as_form's)."""
    widget_id = f"field-{spec.name}"
    if spec.widget == "select":
        choices = options(context, spec, value)
        initial = value if value in {code for _, code in choices} else Select.NULL
        return Select(
            choices,
            value=initial,
            allow_blank=not spec.required or initial is Select.NULL,
            prompt=t("form.none"),
            compact=True,
            id=widget_id,
        )
    if spec.widget in ("pick", "picks"):
        assert isinstance(spec.options, str)
        many = spec.widget == "picks"
        return Picker(
            spec.options,
            "; ".join(value) if many else (value or ""),
            complete=context.choices,
            name_of=context.names,
            many=many,
            free=spec.free,
            max_length=0 if many else spec.max_length or 0,
            id=widget_id,
        )
    if spec.widget == "long":
        return LongText(value, limit=spec.max_length, id=widget_id)
    hint = {"date": "form.date_hint", "codes": "form.codes_hint"}.get(spec.widget)
    return TextField(
        value,
        placeholder=t(hint) if hint else "",
        max_length=spec.max_length or 0,
        select_on_focus=False,
        compact=True,
        id=widget_id,
    )


def field_value(widget: Widget) -> Any:
    if isinstance(widget, Select):
        return None if widget.value is Select.NULL else widget.value
    if isinstance(widget, Picker):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    assert isinstance(widget, Input)
    return widget.value


def set_field(widget: Widget, value: Any) -> None:
    if isinstance(widget, Select):
        try:
            widget.value = Select.NULL if value is None else value
        except InvalidSelectValueError:
            pass  # a choice added meanwhile, not yet in this form's list: keep the field
    elif isinstance(widget, Picker):
        widget.value = value
    elif isinstance(widget, TextArea):
        widget.text = value
    else:
        assert isinstance(widget, Input)
        widget.value = value
