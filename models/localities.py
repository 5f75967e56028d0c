"""Communes and wards, the unit with jurisdiction, and whether they lie in the border zone."""

import uuid
from typing import TYPE_CHECKING, Any

from sqlmodel import Field, Relationship, SQLModel

from models.base import NAME_MAX, Code, Name, RecordColumns, YesNo
from models.kinds import Checker, Kind
from models.links import RegulationLocalityLink
from models.units import Unit

if TYPE_CHECKING:
    from models.regulations import Regulation


class Locality(RecordColumns, table=True):
    __tablename__ = "localities"

    name: str = Field(max_length=NAME_MAX)
    unit_id: uuid.UUID = Field(foreign_key="units.id", index=True)
    border_zone: bool = Field(default=False, index=True)

    unit: Unit = Relationship()
    # The coordination regulations that cover it: its records are shared with their parties.
    regulations: list["Regulation"] = Relationship(
        link_model=RegulationLocalityLink, back_populates="localities"
    )


class LocalityCreate(SQLModel):
    code: Code
    name: Name
    unit_code: Code
    border_zone: YesNo = False


def _apply(checker: Checker, locality: Locality, data: LocalityCreate) -> None:
    locality.code, locality.name, locality.border_zone = data.code, data.name, data.border_zone
    unit = checker.ref(Unit, data.unit_code, "unit_code", "err.unknown_unit")
    if unit is not None:
        locality.unit = unit


def _snapshot(locality: Locality) -> dict[str, Any]:
    return {
        "code": locality.code,
        "name": locality.name,
        "unit_code": locality.unit.code,
        "border_zone": locality.border_zone,
    }


LOCALITIES = Kind(
    "localities",
    Locality,
    LocalityCreate,
    _apply,
    _snapshot,
    title_field="name",
    owner_field="unit_code",
    linked_words=lambda locality: [locality.unit.name],
    references={"unit_code": "units"},
)
