"""Crime tips (nguồn tin về tội phạm) and their legal clock (Criminal Procedure Code art. 147)."""

import calendar
import uuid
from datetime import date, timedelta
from typing import Any, Literal

from sqlalchemy import Index
from sqlmodel import Field, Relationship, SQLModel

from models.base import (
    CODE_MAX,
    LONG_MAX,
    NAME_MAX,
    Code,
    LongText,
    OptionalCode,
    OptionalDay,
    OptionalName,
    OptionalPastDay,
    PastDay,
    RecordColumns,
)
from models.kinds import Checker, Kind
from models.localities import Locality
from models.units import Unit

TIP_KINDS = ("to_giac", "tin_bao", "kien_nghi")
TIP_STATUSES = ("received", "verifying", "case_opened", "no_case", "suspended", "transferred")
RESOLVED_STATUSES = ("case_opened", "no_case", "suspended", "transferred")
# "Verified" in the review: a tip checked to an outcome, a case opened or no case.
VERIFIED_OUTCOMES = ("case_opened", "no_case")
BASE_DAYS = 20
NEARLY_DUE_DAYS = 5  # extensions must be asked for at least 5 days before the deadline

TipKind = Literal["to_giac", "tin_bao", "kien_nghi"]
TipStatus = Literal["received", "verifying", "case_opened", "no_case", "suspended", "transferred"]
# Who gave a tip is protected: only the receiving unit's scope sees it; never searched.
REPORTER_FIELDS = frozenset({"reporter_name", "reporter_contact"})


def add_months(day: date, months: int) -> date:
    """Art. 134: a limit in months ends on the same date, or that month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def base_deadline(received_on: date) -> date:
    return received_on + timedelta(days=BASE_DAYS)


def longest_deadline(received_on: date) -> date:
    """Two months for a complex tip, plus one procuracy extension of two more."""
    return add_months(received_on, 4)


class Tip(RecordColumns, table=True):
    __tablename__ = "tips"
    # Shaped for the lists (received_on, code: pages in order) and the review: the count of a
    # period and the operator's visibility are read from the index alone. The open ones
    # (resolved_on NULL or later than a day) lead the second: overdue and due tips, deadlines.
    __table_args__ = (
        Index("ix_tips_received", "received_on", "code", "partner_unit_id", "receiving_unit_id"),
        Index(
            "ix_tips_open",
            "resolved_on",
            "status",
            "deadline_on",
            "received_on",
            "partner_unit_id",
            "receiving_unit_id",
        ),
    )

    kind: str = Field(max_length=20)
    received_on: date
    receiving_unit_id: uuid.UUID = Field(foreign_key="units.id", index=True)
    partner_unit_id: uuid.UUID | None = Field(default=None, foreign_key="units.id", index=True)
    locality_id: uuid.UUID | None = Field(default=None, foreign_key="localities.id", index=True)
    summary: str = Field(max_length=LONG_MAX)
    status: str = Field(max_length=20, index=True)
    resolved_on: date | None = Field(default=None)
    extended_to: date | None = None
    # Derived from received_on and extended_to on every write, so SQL can compare it directly.
    deadline_on: date
    # The clock's last step (models.legal_limits: "base", "extension", …), with deadline_on.
    clock_stage: str | None = Field(default=None, max_length=30)
    # The case it opened may be kept by another unit or system, so this is a code, not a link.
    case_code: str | None = Field(default=None, max_length=CODE_MAX)
    reporter_name: str | None = Field(default=None, max_length=NAME_MAX)
    reporter_contact: str | None = Field(default=None, max_length=NAME_MAX)

    receiving_unit: Unit = Relationship(
        sa_relationship_kwargs={"foreign_keys": "Tip.receiving_unit_id"}
    )
    partner_unit: Unit | None = Relationship(
        sa_relationship_kwargs={"foreign_keys": "Tip.partner_unit_id"}
    )
    locality: Locality | None = Relationship()

    @property
    def resolved(self) -> bool:
        return self.status in RESOLVED_STATUSES

    def days_left(self, today: date) -> int:
        return (self.deadline_on - today).days


class TipCreate(SQLModel):
    code: Code
    kind: TipKind
    received_on: PastDay
    receiving_unit: Code
    partner_unit: OptionalCode = None
    locality: OptionalCode = None
    summary: LongText
    status: TipStatus
    resolved_on: OptionalPastDay = None
    extended_to: OptionalDay = None
    case_code: OptionalCode = None
    reporter_name: OptionalName = None
    reporter_contact: OptionalName = None


def _apply(checker: Checker, tip: Tip, data: TipCreate) -> None:
    tip.code, tip.kind, tip.received_on, tip.summary = (
        data.code,
        data.kind,
        data.received_on,
        data.summary,
    )
    tip.status, tip.resolved_on, tip.extended_to = data.status, data.resolved_on, data.extended_to
    tip.case_code, tip.reporter_name, tip.reporter_contact = (
        data.case_code,
        data.reporter_name,
        data.reporter_contact,
    )
    tip.deadline_on = data.extended_to or base_deadline(data.received_on)
    if data.status in RESOLVED_STATUSES and data.resolved_on is None:
        checker.problem("resolved_on", None, "err.resolved_needs_date")
    if data.status not in RESOLVED_STATUSES and data.resolved_on is not None:
        checker.problem("resolved_on", data.resolved_on, "err.unresolved_no_date")
    if data.resolved_on and data.resolved_on < data.received_on:
        checker.problem("resolved_on", data.resolved_on, "err.date_order", other="received_on")
    if data.extended_to is not None:
        if data.extended_to <= base_deadline(data.received_on):
            checker.problem("extended_to", data.extended_to, "err.extension_too_early")
        elif data.extended_to > longest_deadline(data.received_on):
            checker.problem("extended_to", data.extended_to, "err.extension_too_long")
    receiving = checker.ref(Unit, data.receiving_unit, "receiving_unit", "err.unknown_unit")
    partner = checker.ref(Unit, data.partner_unit, "partner_unit", "err.unknown_unit")
    if receiving is not None and partner is not None and receiving.id == partner.id:
        checker.problem("partner_unit", data.partner_unit, "err.partner_is_receiver")
    locality = checker.ref(Locality, data.locality, "locality", "err.unknown_locality")
    if receiving is not None:
        tip.receiving_unit = receiving
    tip.partner_unit, tip.locality = partner, locality


def _snapshot(tip: Tip) -> dict[str, Any]:
    return {
        "code": tip.code,
        "kind": tip.kind,
        "received_on": tip.received_on,
        "receiving_unit": tip.receiving_unit.code,
        "partner_unit": tip.partner_unit.code if tip.partner_unit else None,
        "locality": tip.locality.code if tip.locality else None,
        "summary": tip.summary,
        "status": tip.status,
        "resolved_on": tip.resolved_on,
        "extended_to": tip.extended_to,
        "case_code": tip.case_code,
        "reporter_name": tip.reporter_name,
        "reporter_contact": tip.reporter_contact,
    }


def _words(tip: Tip) -> list[str | None]:
    return [
        tip.receiving_unit.name,
        tip.partner_unit.name if tip.partner_unit else None,
        tip.locality.name if tip.locality else None,
    ]


TIPS = Kind(
    "tips",
    Tip,
    TipCreate,
    _apply,
    _snapshot,
    title_field="summary",
    owner_field="receiving_unit",
    linked_words=_words,
    code_prefix="NT",
    first_steps={"status": "received"},
    applies_when={"resolved_on": ("status", RESOLVED_STATUSES)},
    references={"receiving_unit": "units", "partner_unit": "units", "locality": "localities"},
    enums={"kind": "tip_kind", "status": "tip_status"},
    protected=REPORTER_FIELDS,
)
