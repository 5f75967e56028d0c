"""Suspects: people linked to one or more cases, and whether and when they were arrested."""

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator
from pydantic import Field as PydanticField
from sqlalchemy import Index
from sqlmodel import Field, Relationship, SQLModel

from models.base import (
    NAME_MAX,
    Code,
    CodeList,
    Name,
    OptionalName,
    OptionalPastDay,
    RecordColumns,
    blank_to_none,
)
from models.cases import Case
from models.kinds import Checker, Kind
from models.links import CaseSuspectLink
from models.text import person_sort_key

SUSPECT_STATUSES = ("wanted", "arrested", "surrendered", "handled", "released")
SuspectStatus = Literal["wanted", "arrested", "surrendered", "handled", "released"]
Year = Annotated[int, PydanticField(ge=1900, le=date.today().year)]
BirthYear = Annotated[Year | None, BeforeValidator(blank_to_none)]


class Suspect(RecordColumns, table=True):
    __tablename__ = "suspects"
    __table_args__ = (Index("ix_suspects_sort_key_code", "sort_key", "code"),)

    full_name: str = Field(max_length=NAME_MAX)
    birth_year: int | None = None
    address: str | None = Field(default=None, max_length=NAME_MAX)
    status: str = Field(max_length=20, index=True)
    arrested_on: date | None = Field(default=None, index=True)
    # Vietnamese order by given name (see models.text.person_sort_key).
    sort_key: str = Field(default="", max_length=600)

    cases: list[Case] = Relationship(back_populates="suspects", link_model=CaseSuspectLink)


class SuspectCreate(SQLModel):
    code: Code
    full_name: Name
    birth_year: BirthYear = None
    address: OptionalName = None
    case_codes: CodeList
    status: SuspectStatus
    arrested_on: OptionalPastDay = None


def _apply(checker: Checker, suspect: Suspect, data: SuspectCreate) -> None:
    suspect.code, suspect.full_name, suspect.birth_year = data.code, data.full_name, data.birth_year
    suspect.address, suspect.status, suspect.arrested_on = (
        data.address,
        data.status,
        data.arrested_on,
    )
    suspect.sort_key = person_sort_key(data.full_name)
    if data.status == "arrested" and data.arrested_on is None:
        checker.problem("arrested_on", None, "err.arrested_needs_date")
    if data.status == "wanted" and data.arrested_on is not None:
        checker.problem("arrested_on", data.arrested_on, "err.wanted_no_date")
    if not data.case_codes:
        checker.problem("case_codes", None, "err.list_required")
    cases = checker.refs(Case, data.case_codes, "case_codes", "err.unknown_case")
    suspect.cases = list({case.id: case for case in cases}.values())


def _snapshot(suspect: Suspect) -> dict[str, Any]:
    return {
        "code": suspect.code,
        "full_name": suspect.full_name,
        "birth_year": suspect.birth_year,
        "address": suspect.address,
        "case_codes": sorted(case.code for case in suspect.cases),
        "status": suspect.status,
        "arrested_on": suspect.arrested_on,
    }


SUSPECTS = Kind(
    "suspects",
    Suspect,
    SuspectCreate,
    _apply,
    _snapshot,
    title_field="full_name",
    owner_field="case_codes",
    linked_words=lambda suspect: [case.title for case in suspect.cases],
    code_prefix="DT",
    first_steps={"status": "wanted"},
    applies_when={"arrested_on": ("status", ("arrested", "surrendered", "handled", "released"))},
    references={"case_codes": "cases"},
    enums={"status": "suspect_status"},
)
