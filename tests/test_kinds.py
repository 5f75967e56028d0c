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
    assert set(kind.first_steps) <= fields and set(kind.enums) <= fields
    assert kind.protected <= fields
    for field, (other, values) in kind.applies_when.items():
        assert {field, other} <= fields and values


@pytest.mark.parametrize("name", KIND_NAMES)
def test_every_coded_value_has_a_label_in_the_catalogue(name: str) -> None:
    kind = KINDS[name]
    for field, prefix in kind.enums.items():
        annotation = kind.create_model.model_fields[field].annotation
        literals = [t for t in _inner(annotation) if get_origin(t) is Literal]
        assert literals, field
        missing = [v for v in get_args(literals[0]) if f"{prefix}.{v}" not in MESSAGES]
        assert missing == []
