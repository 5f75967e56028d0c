"""Decisions on a tip's legal clock (BLTTHS arts. 147–149): the extension by the head of the
investigation agency, the procuracy's extension, suspension, its cancellation, restoration and
the outcomes. Each is a record (number, date, who decided, the deadline it sets), checked
against the rules in force when the tip was received (models.legal_checks), written through
models.records and logged; the tip's `deadline_on` is recomputed from them and the calendar
(models.calendar_days) whenever one is added, changed or deleted, so lists and the review
compare a stored, indexed column.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, Literal

from sqlalchemy import inspect
from sqlmodel import Field, Relationship, Session, SQLModel, col, select

from models.base import (
    NAME_MAX,
    Code,
    Name,
    OptionalDay,
    PastDay,
    RecordColumns,
)
from models.calendar_days import working_calendar
from models.i18n import register
from models.kinds import Checker, Kind
from models.legal_checks import check_tip_decision
from models.legal_clock import Decision, tip_clock
from models.legal_limits import LABELS
from models.tips import Tip, base_deadline
from models.workdays import WorkingCalendar

TIP_STEPS = (
    "extension",
    "procuracy_extension",
    "suspension",
    "suspension_cancelled",
    "restoration",
    "case_opened",
    "no_case",
    "transferred",
)
TipStep = Literal[
    "extension",
    "procuracy_extension",
    "suspension",
    "suspension_cancelled",
    "restoration",
    "case_opened",
    "no_case",
    "transferred",
]

MESSAGES = {
    "clock.decision_moved": (
        "quyết định đã ghi cho một nguồn tin không chuyển sang nguồn tin khác",
        "a decision recorded for one tip does not move to another",
    ),
}
register(MESSAGES)
register({f"clock_decision_step.{step}": LABELS[f"clock_step.tip_{step}"] for step in TIP_STEPS})
# The checks name the decision's step `kind` (models.legal_clock.Decision); here it is `step`.
_FIELDS = {"kind": "step"}


class ClockDecision(RecordColumns, table=True):
    __tablename__ = "clock_decisions"

    tip_id: uuid.UUID = Field(foreign_key="tips.id", index=True)
    step: str = Field(max_length=30)
    number: str = Field(max_length=NAME_MAX)
    decided_on: date
    decided_by: str = Field(max_length=NAME_MAX)
    deadline: date | None = None
    counted_from: date | None = None
    requested_on: date | None = None

    tip: Tip = Relationship()

    def as_decision(self) -> Decision:
        return Decision(
            self.step,
            self.decided_on,
            self.number,
            self.decided_by,
            self.deadline,
            self.counted_from,
            self.requested_on,
        )


class ClockDecisionCreate(SQLModel):
    code: Code
    tip_code: Code
    step: TipStep
    number: Name
    decided_on: PastDay
    decided_by: Name
    deadline: OptionalDay = None
    counted_from: OptionalDay = None
    requested_on: OptionalDay = None


def session_calendar(session: Session) -> WorkingCalendar:
    """The calendar with the stored corrections, built once per session (calendar_days'
    writes forget it)."""
    calendar = session.info.get("working_calendar")
    if calendar is None:
        calendar = session.info["working_calendar"] = working_calendar(session)
    return calendar  # type: ignore[no-any-return]


def tip_decisions(
    session: Session, tip: Tip, leaving_out: uuid.UUID | None = None
) -> list[Decision]:
    statement = select(ClockDecision).where(col(ClockDecision.tip_id) == tip.id)
    if leaving_out is not None:
        statement = statement.where(col(ClockDecision.id) != leaving_out)
    with session.no_autoflush:
        return [row.as_decision() for row in session.exec(statement)]


def tip_deadline(calendar: WorkingCalendar, tip: Tip, decisions: list[Decision]) -> date:
    """A tip's last day: from its decisions when it has any, otherwise 20 days from receipt (or
    the extension date typed in before decisions were recorded), moved off days off."""
    if decisions:
        return tip_clock(tip.received_on, decisions, calendar=calendar).deadline
    return calendar.last_day(tip.extended_to or base_deadline(tip.received_on))


def refresh_tip(session: Session, tip: Tip) -> None:
    """Store the tip's deadline as its decisions and the calendar give it now."""
    if inspect(tip).was_deleted:
        return
    tip.deadline_on = tip_deadline(session_calendar(session), tip, tip_decisions(session, tip))
    session.add(tip)


def _apply(checker: Checker, record: ClockDecision, data: ClockDecisionCreate) -> None:
    record.code, record.step, record.number = data.code, data.step, data.number
    record.decided_on, record.decided_by, record.deadline = (
        data.decided_on,
        data.decided_by,
        data.deadline,
    )
    record.counted_from, record.requested_on = data.counted_from, data.requested_on
    tip = checker.ref(Tip, data.tip_code, "tip_code", "err.unknown_tip")
    if tip is None:
        return
    if record.tip_id is not None and record.tip_id != tip.id:
        checker.problem("tip_code", data.tip_code, "clock.decision_moved")
        return
    record.tip = tip
    calendar = session_calendar(checker.session)
    earlier = [
        decision
        for decision in tip_decisions(checker.session, tip, leaving_out=record.id)
        if decision.decided_on <= data.decided_on
    ]
    for problem in check_tip_decision(
        tip.received_on, earlier, record.as_decision(), calendar=calendar
    ):
        field_name = _FIELDS.get(problem.field, problem.field)
        checker.problem(field_name, problem.value, problem.reason, **problem.params)


def _snapshot(record: ClockDecision) -> dict[str, Any]:
    return {
        "code": record.code,
        "tip_code": record.tip.code,
        "step": record.step,
        "number": record.number,
        "decided_on": record.decided_on,
        "decided_by": record.decided_by,
        "deadline": record.deadline,
        "counted_from": record.counted_from,
        "requested_on": record.requested_on,
    }


CLOCK_DECISIONS = Kind(
    "clock_decisions",
    ClockDecision,
    ClockDecisionCreate,
    _apply,
    _snapshot,
    title_field="number",
    owner_field="tip_code",
    code_prefix="QD",
    references={"tip_code": "tips"},
    enums={"step": "clock_decision_step"},
)


def refresh_decided_tip(session: Session, record: ClockDecision) -> None:
    refresh_tip(session, record.tip)


def refresh_calendar(session: Session, record: Any) -> None:
    """A corrected day moves the deadlines of the open tips whose clock may reach it (the
    longest a tip's clock runs is four months, plus a suspension's month)."""
    session.info.pop("working_calendar", None)
    day: date = record.day
    earliest = date(day.year - 1, day.month, min(day.day, 28))
    statement = select(Tip).where(
        col(Tip.received_on) >= earliest,
        col(Tip.received_on) <= day,
        col(Tip.resolved_on).is_(None),
    )
    for tip in session.exec(statement):
        refresh_tip(session, tip)
