"""Police units: data with history, never an enum (units are abolished, merged and renamed)."""

import uuid
from datetime import date
from typing import Any, Optional

from sqlalchemy import Select, select
from sqlmodel import Field, Relationship, SQLModel, col

from models.base import (
    NAME_MAX,
    SHORT_MAX,
    Code,
    Name,
    OptionalCode,
    OptionalDay,
    OptionalShortText,
    RecordColumns,
)
from models.kinds import Checker, Kind


class Unit(RecordColumns, table=True):
    __tablename__ = "units"

    name: str = Field(max_length=NAME_MAX)
    level: str | None = Field(default=None, max_length=SHORT_MAX)
    parent_id: uuid.UUID | None = Field(default=None, foreign_key="units.id", index=True)
    valid_from: date | None = None
    valid_to: date | None = None

    parent: Optional["Unit"] = Relationship(sa_relationship_kwargs={"remote_side": "Unit.id"})

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class UnitCreate(SQLModel):
    code: Code
    name: Name
    level: OptionalShortText = None
    parent_code: OptionalCode = None
    valid_from: OptionalDay = None
    valid_to: OptionalDay = None


def unit_tree(unit_id: uuid.UUID) -> Select[Any]:
    """SELECT the ids of a unit and every unit below it (a recursive CTE)."""
    tree = select(col(Unit.id).label("id")).where(col(Unit.id) == unit_id).cte(recursive=True)
    tree = tree.union(select(col(Unit.id)).join(tree, col(Unit.parent_id) == tree.c.id))
    return select(tree.c.id)


def _apply(checker: Checker, unit: Unit, data: UnitCreate) -> None:
    unit.code, unit.name, unit.level = data.code, data.name, data.level
    unit.valid_from, unit.valid_to = data.valid_from, data.valid_to
    if data.valid_from and data.valid_to and data.valid_to < data.valid_from:
        checker.problem("valid_to", data.valid_to, "err.date_order", other="valid_from")
    parent = checker.ref(Unit, data.parent_code, "parent_code", "err.unknown_unit")
    if parent is not None and parent.id == unit.id:
        checker.problem("parent_code", data.parent_code, "err.parent_self")
        return
    ancestor, seen = parent, set()
    while ancestor is not None and ancestor.id not in seen:
        seen.add(ancestor.id)
        if ancestor.id == unit.id:
            checker.problem("parent_code", data.parent_code, "err.parent_cycle")
            return
        ancestor = ancestor.parent
    unit.parent = parent


def _snapshot(unit: Unit) -> dict[str, Any]:
    return {
        "code": unit.code,
        "name": unit.name,
        "level": unit.level,
        "parent_code": unit.parent.code if unit.parent else None,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
    }


UNITS = Kind(
    "units",
    Unit,
    UnitCreate,
    _apply,
    _snapshot,
    title_field="name",
    owner_field="parent_code",
    references={"parent_code": "units"},
)
