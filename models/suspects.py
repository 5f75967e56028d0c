"""Suspects: people linked to one or more cases, and whether and when they were arrested."""

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator
from pydantic import Field as PydanticField
from sqlalchemy import Index, exists, update
from sqlmodel import Field, Relationship, Session, SQLModel, col, select

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
from models.localities import Locality
from models.text import person_sort_key

SUSPECT_STATUSES = ("wanted", "arrested", "surrendered", "handled", "released")
SuspectStatus = Literal["wanted", "arrested", "surrendered", "handled", "released"]
Year = Annotated[int, PydanticField(ge=1900, le=date.today().year)]
BirthYear = Annotated[Year | None, BeforeValidator(blank_to_none)]


class Suspect(RecordColumns, table=True):
    __tablename__ = "suspects"
    __table_args__ = (
        Index("ix_suspects_sort_key_code", "sort_key", "code"),
        Index("ix_suspects_arrested", "arrested_on", "border_zone"),
    )

    full_name: str = Field(max_length=NAME_MAX)
    birth_year: int | None = None
    address: str | None = Field(default=None, max_length=NAME_MAX)
    status: str = Field(max_length=20, index=True)
    arrested_on: date | None = Field(default=None)
    # Vietnamese order by given name (see models.text.person_sort_key).
    sort_key: str = Field(default="", max_length=600)
    # Whether any of its cases lies in the border zone: derived on every write (and when a
    # case's locality or a locality's border zone changes, `refresh_border_zone`), so the
    # review finds a year's arrests in the border zone from one index.
    border_zone: bool = Field(default=False)

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
    suspect.border_zone = any(case.locality.border_zone for case in suspect.cases)


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


def refresh_border_zone(session: Session, *, case_id: Any = None, locality_id: Any = None) -> None:
    """Derive `border_zone` again for the suspects of a case whose locality changed, or of the
    cases of a locality whose border zone changed (one UPDATE, in the caller's transaction)."""
    border_case = (
        select(1)
        .select_from(CaseSuspectLink)
        .join(Case, col(Case.id) == col(CaseSuspectLink.case_id))
        .join(Locality, col(Locality.id) == col(Case.locality_id))
        .where(col(CaseSuspectLink.suspect_id) == col(Suspect.id), col(Locality.border_zone))
    )
    linked = select(col(CaseSuspectLink.suspect_id)).join(
        Case, col(Case.id) == col(CaseSuspectLink.case_id)
    )
    if case_id is not None:
        linked = linked.where(col(Case.id) == case_id)
    if locality_id is not None:
        linked = linked.where(col(Case.locality_id) == locality_id)
    session.execute(
        update(Suspect).where(col(Suspect.id).in_(linked)).values(border_zone=exists(border_case))
    )
