"""Decisions on a tip's legal clock (BLTTHS arts. 147–149): the extension by the head of the
investigation agency, the procuracy's extension, suspension, its cancellation, restoration and
the outcomes; and on an investigation's (arts. 172, 174): its extensions, suspension,
resumption and end. Each is a record (number, date, who decided, the deadline it sets) of one
tip or one case, checked against the rules in force when the clock started
(models.legal_checks), written through models.records and logged; the tip's `deadline_on`, or
the case's `investigation_deadline_on` (models.investigations), is recomputed from them and the
calendar (models.calendar_days) whenever one is added, changed or deleted, so lists, the review
and the due queue compare a stored, indexed column.
"""

import uuid
from datetime import date
from typing import Any, Literal, get_args

from sqlalchemy import inspect
from sqlmodel import Field, Relationship, Session, SQLModel, col, select

from models.base import (
    NAME_MAX,
    Code,
    Name,
    OptionalCode,
    OptionalDay,
    PastDay,
    RecordColumns,
)
from models.calendar_days import working_calendar
from models.cases import Case
from models.i18n import register, t
from models.kinds import Checker, Kind
from models.legal_checks import check_case_decision, check_tip_decision
from models.legal_clock import ClockState, Decision, case_clock, tip_clock
from models.legal_limits import LABELS, LIMITS, Category
from models.text import format_date
from models.tips import Tip, base_deadline
from models.workdays import WorkingCalendar

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
CaseStep = Literal[
    "extension", "suspension", "resumption", "resumption_extension", "concluded", "discontinued"
]
Step = Literal[TipStep, CaseStep]
TIP_STEPS: tuple[str, ...] = get_args(TipStep)
CASE_STEPS: tuple[str, ...] = get_args(CaseStep)

MESSAGES = {
    "clock.decision_moved": (
        "quyết định đã ghi cho một nguồn tin hoặc vụ án không chuyển sang hồ sơ khác",
        "a decision recorded for one tip or case does not move to another",
    ),
    "clock.one_record": (
        "ghi mã nguồn tin hoặc mã vụ án, chỉ một trong hai",
        "give a tip's code or a case's code, one of the two",
    ),
    "clock.case_not_opened": (
        "vụ án chưa có ngày khởi tố và loại tội phạm",
        "the case has no opening date and crime category yet",
    ),
}
register(MESSAGES)
# A step both clocks have is named for both; the others as their procedure names them.
_SHARED_STEPS = {
    "clock_decision_step.extension": ("gia hạn, kéo dài thời hạn", "extension"),
    "clock_decision_step.suspension": ("tạm đình chỉ", "suspension"),
}
register(
    {
        **{f"clock_decision_step.{step}": LABELS[f"clock_step.tip_{step}"] for step in TIP_STEPS},
        **{
            f"clock_decision_step.{step}": LABELS[f"clock_step.investigation_{step}"]
            for step in CASE_STEPS
        },
        **_SHARED_STEPS,
    }
)
# The checks name the decision's step `kind` (models.legal_clock.Decision); here it is `step`.
_FIELDS = {"kind": "step"}


class ClockDecision(RecordColumns, table=True):
    __tablename__ = "clock_decisions"

    # One of the two: the decision is on a tip's clock or on a case's.
    tip_id: uuid.UUID | None = Field(default=None, foreign_key="tips.id", index=True)
    case_id: uuid.UUID | None = Field(default=None, foreign_key="cases.id", index=True)
    step: str = Field(max_length=30)
    number: str = Field(max_length=NAME_MAX)
    decided_on: date
    decided_by: str = Field(max_length=NAME_MAX)
    deadline: date | None = None
    counted_from: date | None = None
    requested_on: date | None = None

    tip: Tip | None = Relationship()
    case: Case | None = Relationship()

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
    tip_code: OptionalCode = None
    case_code: OptionalCode = None
    step: Step
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
    session: Session, tip: Any, leaving_out: uuid.UUID | None = None
) -> list[Decision]:
    """The decisions on a tip's clock, or on a case's."""
    # A tip, or an import's plain copy of one, has its receipt day; a case does not.
    column = ClockDecision.tip_id if hasattr(tip, "received_on") else ClockDecision.case_id
    statement = select(ClockDecision).where(col(column) == tip.id)
    if leaving_out is not None:
        statement = statement.where(col(ClockDecision.id) != leaving_out)
    with session.no_autoflush:
        return [row.as_decision() for row in session.exec(statement)]


def tip_deadline(calendar: WorkingCalendar, tip: Any, decisions: list[Decision]) -> date:
    """A tip's last day: from its decisions when it has any, otherwise 20 days from receipt (or
    the extension date typed in before decisions were recorded), moved off days off."""
    return tip_deadline_and_stage(calendar, tip, decisions)[0]


def tip_deadline_and_stage(
    calendar: WorkingCalendar, tip: Any, decisions: list[Decision]
) -> tuple[date, str]:
    """A tip's last day and the last step of its clock ("base" before any decision)."""
    if decisions:
        state = tip_clock(tip.received_on, decisions, calendar=calendar)
        return state.deadline, state.stage
    return calendar.last_day(tip.extended_to or base_deadline(tip.received_on)), "base"


def prepare_tip(calendar: WorkingCalendar, tip: Any) -> None:
    """A new tip's derived clock (it has no decision yet): for an import's drafts, in Python."""
    tip.deadline_on, tip.clock_stage = tip_deadline_and_stage(calendar, tip, [])


def refresh_tip(session: Session, tip: Tip) -> None:
    """Store the tip's deadline as its decisions and the calendar give it now."""
    if inspect(tip).was_deleted:
        return
    calendar, decisions = session_calendar(session), tip_decisions(session, tip)
    tip.deadline_on, tip.clock_stage = tip_deadline_and_stage(calendar, tip, decisions)
    session.add(tip)


def case_state(
    calendar: WorkingCalendar, case: Any, decisions: list[Decision]
) -> ClockState | None:
    """An investigation's clock: None until the case has its opening day and category, or when
    no rules are known for its opening day (before BLTTHS 2015 took effect, 01/01/2018)."""
    if case.opened_on is None or case.category is None:
        return None
    category: Category = case.category
    if LIMITS.in_force("investigation", case.opened_on, category).get("base", 1) is None:
        return None
    return case_clock(case.opened_on, category, decisions, calendar=calendar)


def _apply(checker: Checker, record: ClockDecision, data: ClockDecisionCreate) -> None:
    record.code, record.step, record.number = data.code, data.step, data.number
    record.decided_on, record.decided_by, record.deadline = (
        data.decided_on,
        data.decided_by,
        data.deadline,
    )
    record.counted_from, record.requested_on = data.counted_from, data.requested_on
    if (data.tip_code is None) == (data.case_code is None):
        checker.problem("tip_code", data.tip_code, "clock.one_record")
        return
    if data.tip_code is not None:
        _apply_to_tip(checker, record, data.tip_code)
    else:
        _apply_to_case(checker, record, str(data.case_code))


def _apply_to_tip(checker: Checker, record: ClockDecision, code: str) -> None:
    tip = checker.ref(Tip, code, "tip_code", "err.unknown_tip")
    if tip is None:
        return
    if (record.tip_id is not None and record.tip_id != tip.id) or record.case_id is not None:
        checker.problem("tip_code", code, "clock.decision_moved")
        return
    record.tip, record.case = tip, None
    calendar = session_calendar(checker.session)
    earlier = [
        decision
        for decision in tip_decisions(checker.session, tip, leaving_out=record.id)
        if decision.decided_on <= record.decided_on
    ]
    for problem in check_tip_decision(
        tip.received_on, earlier, record.as_decision(), calendar=calendar
    ):
        field_name = _FIELDS.get(problem.field, problem.field)
        checker.problem(field_name, problem.value, problem.reason, **problem.params)


def _apply_to_case(checker: Checker, record: ClockDecision, code: str) -> None:
    case = checker.ref(Case, code, "case_code", "err.unknown_case")
    if case is None:
        return
    if (record.case_id is not None and record.case_id != case.id) or record.tip_id is not None:
        checker.problem("case_code", code, "clock.decision_moved")
        return
    record.case, record.tip = case, None
    if case.opened_on is None or case.category is None:
        checker.problem("case_code", code, "clock.case_not_opened")
        return
    if case_state(session_calendar(checker.session), case, []) is None:
        name, day = t("clock_procedure.investigation"), format_date(case.opened_on)
        checker.problem("case_code", code, "clock.no_rules", procedure=name, day=day)
        return
    category: Category = case.category  # type: ignore[assignment]
    earlier = [
        decision
        for decision in tip_decisions(checker.session, case, leaving_out=record.id)
        if decision.decided_on <= record.decided_on
    ]
    calendar = session_calendar(checker.session)
    for problem in check_case_decision(
        case.opened_on, category, earlier, record.as_decision(), calendar=calendar
    ):
        field_name = _FIELDS.get(problem.field, problem.field)
        checker.problem(field_name, problem.value, problem.reason, **problem.params)


def _snapshot(record: ClockDecision) -> dict[str, Any]:
    return {
        "code": record.code,
        "tip_code": record.tip.code if record.tip else None,
        "case_code": record.case.code if record.case else None,
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
    references={"tip_code": "tips", "case_code": "cases"},
    enums={"step": "clock_decision_step"},
)


def refresh_decided_tip(session: Session, record: ClockDecision) -> None:
    if record.tip is not None:
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
