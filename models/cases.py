"""Criminal cases in the border zone: who leads, who coordinates, and when they were cleared.

A case opened (khởi tố) has its opening day and a crime category (BLHS art. 9), by default the
one models.crime_categories gives its article and clause, which the operator may set instead;
its investigation deadline (BLTTHS art. 172) is derived from them and its clock decisions by
models.investigations after every write and stored, so lists and the due queue compare a column.
"""

import uuid
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal

from sqlalchemy import Index
from sqlmodel import Field, Relationship, SQLModel

from models.base import (
    BLANK,
    CLAUSE_MAX,
    TITLE_MAX,
    Article,
    Code,
    CodeList,
    OptionalClause,
    OptionalCode,
    OptionalPastDay,
    PastDay,
    RecordColumns,
    Title,
)
from models.campaigns import Campaign
from models.crime_categories import category as default_category
from models.kinds import Checker, Kind
from models.links import CaseSuspectLink, CaseUnitLink
from models.localities import Locality
from models.tips import Tip
from models.units import Unit

if TYPE_CHECKING:
    from models.suspects import Suspect

CASE_STATUSES = ("investigating", "cleared", "suspended", "closed")
COORDINATIONS = ("none", "directed", "joint")
CaseStatus = Literal["investigating", "cleared", "suspended", "closed"]
Coordination = Literal["none", "directed", "joint"]
CrimeCategory = Literal[
    "it_nghiem_trong", "nghiem_trong", "rat_nghiem_trong", "dac_biet_nghiem_trong"
]
CATEGORY_MAX = 30


class Case(RecordColumns, table=True):
    __tablename__ = "cases"
    # Lists page through cases by date (the code breaks ties so pages never overlap). The
    # review counts a period's border-zone cases, cleared and joint, from the second alone:
    # one date range in each border-zone locality. Both carry what an operator's visibility
    # reads (models.access: the lead unit, and the id that `shares` is looked up by).
    __table_args__ = (
        Index("ix_cases_occurred", "occurred_on", "code", "lead_unit_id", "id"),
        Index(
            "ix_cases_place",
            "locality_id",
            "occurred_on",
            "lead_unit_id",
            "cleared_on",
            "coordination",
            "id",
        ),
        # The due queue: open investigations by their deadline.
        Index("ix_cases_due", "status", "investigation_deadline_on", "lead_unit_id"),
    )

    title: str = Field(max_length=TITLE_MAX)
    article: str = Field(max_length=8, index=True)
    clause: str | None = Field(default=None, max_length=CLAUSE_MAX)
    occurred_on: date
    locality_id: uuid.UUID = Field(foreign_key="localities.id")
    lead_unit_id: uuid.UUID = Field(foreign_key="units.id", index=True)
    coordination: str = Field(max_length=10)
    status: str = Field(max_length=20, index=True)
    cleared_on: date | None = Field(default=None, index=True)
    tip_id: uuid.UUID | None = Field(default=None, foreign_key="tips.id", index=True)
    campaign_id: uuid.UUID | None = Field(default=None, foreign_key="campaigns.id", index=True)
    opened_on: date | None = None  # the decision opening the case (khởi tố vụ án)
    category: str | None = Field(default=None, max_length=CATEGORY_MAX)
    # Derived (models.investigations): the clock's last day and its last step.
    investigation_deadline_on: date | None = None
    clock_stage: str | None = Field(default=None, max_length=30)

    locality: Locality = Relationship()
    lead_unit: Unit = Relationship()
    tip: Tip | None = Relationship()
    campaign: Campaign | None = Relationship()
    coordinating_units: list[Unit] = Relationship(link_model=CaseUnitLink)
    suspects: list["Suspect"] = Relationship(back_populates="cases", link_model=CaseSuspectLink)


class CaseCreate(SQLModel):
    code: Code
    title: Title
    article: Article
    clause: OptionalClause = None
    occurred_on: PastDay
    locality: Code
    lead_unit: Code
    coordinating_units: CodeList = []
    coordination: Coordination
    status: CaseStatus
    cleared_on: OptionalPastDay = None
    tip_code: OptionalCode = None
    campaign_code: OptionalCode = None
    opened_on: OptionalPastDay = None
    category: Annotated[CrimeCategory | None, BLANK] = None


def derived_category(case: Case) -> str | None:
    """The category the table gives the case's article and clause (None: not in the table)."""
    article = getattr(case, "article", None)
    return default_category(article, case.clause) if article else None


def _category(case: Case, data: CaseCreate) -> str | None:
    """The operator's category, or the table's. A category that is what the record's former
    article and clause gave follows a change of them: it was the table's, not a choice."""
    if data.category is None:
        return default_category(data.article, data.clause)
    unchanged = (getattr(case, "article", None), getattr(case, "clause", None)) == (
        data.article,
        data.clause,
    )
    if not unchanged and case.category == data.category == derived_category(case):
        return default_category(data.article, data.clause) or data.category
    return data.category


def _apply(checker: Checker, case: Case, data: CaseCreate) -> None:
    category = _category(case, data)  # before the new article and clause are written
    case.code, case.title, case.article, case.clause = (
        data.code,
        data.title,
        data.article,
        data.clause,
    )
    case.occurred_on, case.coordination, case.status = (
        data.occurred_on,
        data.coordination,
        data.status,
    )
    case.category = category
    case.cleared_on, case.opened_on = data.cleared_on, data.opened_on
    if data.opened_on and data.opened_on < data.occurred_on:
        checker.problem("opened_on", data.opened_on, "err.date_order", other="occurred_on")
    if data.status == "cleared" and data.cleared_on is None:
        checker.problem("cleared_on", None, "err.cleared_needs_date")
    if data.status in ("investigating", "suspended") and data.cleared_on is not None:
        checker.problem("cleared_on", data.cleared_on, "err.not_cleared_no_date")
    if data.cleared_on and data.cleared_on < data.occurred_on:
        checker.problem("cleared_on", data.cleared_on, "err.date_order", other="occurred_on")
    locality = checker.ref(Locality, data.locality, "locality", "err.unknown_locality")
    lead = checker.ref(Unit, data.lead_unit, "lead_unit", "err.unknown_unit")
    coordinating = checker.refs(
        Unit, data.coordinating_units, "coordinating_units", "err.unknown_unit"
    )
    if lead is not None and any(unit.id == lead.id for unit in coordinating):
        checker.problem("coordinating_units", data.lead_unit, "err.lead_in_coordinating")
    if data.coordination == "joint" and not data.coordinating_units:
        checker.problem("coordinating_units", None, "err.list_required")
    case.tip = checker.ref(Tip, data.tip_code, "tip_code", "err.unknown_tip")
    case.campaign = checker.ref(
        Campaign, data.campaign_code, "campaign_code", "err.unknown_campaign"
    )
    if locality is not None:
        case.locality = locality
    if lead is not None:
        case.lead_unit = lead
    case.coordinating_units = list({unit.id: unit for unit in coordinating}.values())


def _snapshot(case: Case) -> dict[str, Any]:
    return {
        "code": case.code,
        "title": case.title,
        "article": case.article,
        "clause": case.clause,
        "occurred_on": case.occurred_on,
        "locality": case.locality.code,
        "lead_unit": case.lead_unit.code,
        "coordinating_units": sorted(unit.code for unit in case.coordinating_units),
        "coordination": case.coordination,
        "status": case.status,
        "cleared_on": case.cleared_on,
        "tip_code": case.tip.code if case.tip else None,
        "campaign_code": case.campaign.code if case.campaign else None,
        "opened_on": case.opened_on,
        "category": case.category,
    }


def _words(case: Case) -> list[str | None]:
    units = [case.lead_unit, *case.coordinating_units]
    return [
        case.locality.name,
        *(unit.name for unit in units),
        case.campaign.name if case.campaign else None,
    ]


CASES = Kind(
    "cases",
    Case,
    CaseCreate,
    _apply,
    _snapshot,
    title_field="title",
    owner_field="lead_unit",
    linked_words=_words,
    code_prefix="VV",
    first_steps={"status": "investigating", "coordination": "none"},
    applies_when={"cleared_on": ("status", ("cleared", "closed"))},
    references={
        "locality": "localities",
        "lead_unit": "units",
        "coordinating_units": "units",
        "tip_code": "tips",
        "campaign_code": "campaigns",
    },
    enums={"coordination": "coordination", "status": "case_status", "category": "clock_category"},
)
