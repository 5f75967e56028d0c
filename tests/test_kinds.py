"""Each kind's descriptor is consistent with its table and its Create model, so nothing drifts."""

import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import pytest
from pydantic import StringConstraints

from models import KINDS
from models.i18n import MESSAGES
from models.kinds import KIND_NAMES
from tui.forms import _inner


def _text_limit(annotation: Any, metadata: list[Any]) -> int | None:
    """The longest text a field takes (StringConstraints), through Annotated and X | None."""
    found = [m.max_length for m in metadata if isinstance(m, StringConstraints) and m.max_length]
    if get_origin(annotation) is Annotated:
        _, *inner_metadata = get_args(annotation)
        return _text_limit(get_args(annotation)[0], [*found, *inner_metadata])
    if get_origin(annotation) in (Union, types.UnionType):
        limits = [_text_limit(arg, found) for arg in get_args(annotation)]
        return next((limit for limit in limits if limit), None)
    return found[0] if found else None


@pytest.mark.parametrize("name", KIND_NAMES)
def test_a_text_is_as_long_in_the_form_as_in_its_column(name: str) -> None:
    kind = KINDS[name]
    columns = kind.table.__table__.columns  # type: ignore[attr-defined]
    checked = 0
    for field, info in kind.create_model.model_fields.items():
        column = columns.get(field)
        limit = _text_limit(info.annotation, list(info.metadata))
        length = getattr(column.type, "length", None) if column is not None else None
        if length is None or limit is None:
            continue
        assert (field, limit) == (field, length)
        checked += 1
    assert checked or name == "operators"  # operators: only a username, checked by pattern


@pytest.mark.parametrize("name", KIND_NAMES)
def test_a_descriptor_names_only_fields_and_kinds_that_exist(name: str) -> None:
    kind = KINDS[name]
    fields = set(kind.create_model.model_fields)
    assert kind.title_field in set(kind.table.model_fields) | fields
    assert kind.owner_field in fields
    assert set(kind.references) <= fields and set(kind.references.values()) <= set(KINDS)
    # A coded value set by the app, not typed in (a review's status), is a column only.
    assert set(kind.first_steps) <= fields
    assert set(kind.enums) <= fields | set(kind.table.model_fields)
    assert kind.protected <= fields
    for field, (other, values) in kind.applies_when.items():
        assert {field, other} <= fields and values


@pytest.mark.parametrize("name", KIND_NAMES)
def test_every_coded_value_has_a_label_in_the_catalogue(name: str) -> None:
    kind = KINDS[name]
    for field, prefix in kind.enums.items():
        if field not in kind.create_model.model_fields:
            continue  # set by the app, its values checked where they are set
        annotation = kind.create_model.model_fields[field].annotation
        literals = [t for t in _inner(annotation) if get_origin(t) is Literal]
        assert literals, field
        missing = [v for v in get_args(literals[0]) if f"{prefix}.{v}" not in MESSAGES]
        assert missing == []


# --- every place a kind must be named --------------------------------------------------------
# The registries that list kinds by name. The type checker names the `match` statements a new
# kind must join (access, listing, detail); these are plain collections, so this test names them:
# a new kind fails here until its line below says, place by place, whether it belongs.
def _csv_name(kind: str) -> str:
    return "awards" if kind.startswith("award_") else kind  # one file for decisions and lists


def _places() -> dict[str, Any]:
    from models import csvio, detail, search, tabular
    from models.access.rules import RECORDS
    from models.access.sharing import SHARED
    from models.registers.columns import _NAMES as HEADERS
    from tui import app, columns, forms
    from tui.screens import search as global_search

    return {
        "models/access/rules.py RECORDS (editors write it)": lambda k: k in RECORDS,
        "models/access/sharing.py SHARED (in `shares`; its followers in _followers)": (
            lambda k: k in SHARED
        ),
        "models/search.py SEARCHED (and its full-text index in a migration, as 0006)": (
            lambda k: k in search.SEARCHED
        ),
        "models/tabular.py CSV_KINDS": lambda k: _csv_name(k) in tabular.CSV_KINDS,
        "models/tabular.py IMPORT_ORDER": lambda k: _csv_name(k) in tabular.IMPORT_ORDER,
        "models/csvio.py _LOAD (export)": lambda k: _csv_name(k) in csvio._LOAD,
        "models/registers/columns.py _NAMES (spreadsheet headers)": (
            lambda k: _csv_name(k) in HEADERS
        ),
        "models/detail.py DETAIL_KINDS": lambda k: k in detail.DETAIL_KINDS,
        "tui/forms.py FORM_KINDS": lambda k: k in forms.FORM_KINDS,
        "tui/screens/search.py SEARCHED (Ctrl+F)": lambda k: k in global_search.SEARCHED,
        "tui/app.py PANES": lambda k: _csv_name(k) in [pane[0] for pane in app.PANES],
        "tui/columns.py LAYOUT": lambda k: k in columns.LAYOUT,
    }


_REFERENCE = {"CSV_KINDS", "IMPORT_ORDER", "SEARCHED (and", "_LOAD", "_NAMES"}
_RECORD = _REFERENCE | {"RECORDS", "SHARED", "DETAIL_KINDS", "FORM_KINDS", "PANES", "LAYOUT"}
# Each kind and the places it is named in (a word of each place's description).
WHERE_EACH_KIND_IS = {
    "units": _REFERENCE,
    "localities": _REFERENCE,
    "campaigns": _RECORD | {"Ctrl+F"},
    "tips": _RECORD | {"Ctrl+F"},
    "cases": _RECORD | {"Ctrl+F"},
    "suspects": _RECORD | {"Ctrl+F"},
    "award_decisions": (_RECORD - {"_LOAD"}) | {"Ctrl+F"},  # exported with their recipients
    "award_recipients": (_RECORD - {"_LOAD"}) | {"Ctrl+F"},
    "operators": set(),  # the command line's `operator` group
    "calendar_days": set(),  # the command line's `calendar` group
    # Seen and shared as their tip or case is; imported and exported as CSV with their codes.
    "clock_decisions": {"RECORDS", "CSV_KINDS", "IMPORT_ORDER", "_LOAD", "_NAMES"},
    # Made, shown and written from the Sơ kết pane and `giapranh review`; no CSV of their own.
    "reviews": {"RECORDS", "SHARED", "DETAIL_KINDS"},
    # Imported and exported as a register; shared with its parties, whose administrators write it.
    "regulations": {"SHARED", "CSV_KINDS", "IMPORT_ORDER", "_LOAD", "_NAMES"},
    "stations": set(),  # the command line's `station` group
}


def test_every_kind_says_where_it_is_named() -> None:
    places = _places()
    for name in KINDS:
        assert name in WHERE_EACH_KIND_IS, (
            f"New kind {name!r}: add it to WHERE_EACH_KIND_IS, having decided for each of "
            + ", ".join(places)
        )
        found = {place for place, holds in places.items() if holds(name)}
        wanted = {
            place for place in places if any(word in place for word in WHERE_EACH_KIND_IS[name])
        }
        assert found == wanted, (
            f"{name}: missing from {sorted(wanted - found)}; unexpected in {sorted(found - wanted)}"
        )
