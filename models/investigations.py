"""Investigations' clocks (BLTTHS arts. 172, 174), kept on the case: from its opening day, its
crime category and the decisions recorded on it (models.clock_decisions), the last day of the
investigation (`investigation_deadline_on`) and the clock's last step (`clock_stage`), derived
after every write (models.registry.REFRESH) and, for an import of cases, per row in Python
(`prepare_case`).

A case without an opening day or a category has no clock: both columns stay empty.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import inspect
from sqlmodel import Session, col, select

from models.cases import Case
from models.clock_decisions import (
    ClockDecision,
    case_state,
    refresh_calendar,
    refresh_tip,
    session_calendar,
    tip_decisions,
)
from models.i18n import t
from models.legal_limits import LIMIT_RULES
from models.text import format_date
from models.workdays import WorkingCalendar

CASE_NOTICE_DAYS = 10  # art. 172: the extension is asked for at least 10 days before expiry
# The steps after which a clock no longer runs (suspended, concluded, discontinued, an outcome).
STOPPED_STAGES = tuple(sorted({r.step for r in LIMIT_RULES if r.effect in ("stop", "close")}))
# The longest an investigation's clock runs: 20 months, then a resumption's months and their
# extension; a calendar correction reaches the cases opened since then.
_LONGEST_MONTHS = 30


def case_deadline_and_stage(
    calendar: WorkingCalendar, case: Any, decisions: list[Any]
) -> tuple[date | None, str | None]:
    state = case_state(calendar, case, decisions)
    return (None, None) if state is None else (state.deadline, state.stage)


def prepare_case(calendar: WorkingCalendar, case: Any) -> None:
    """A new case's derived clock (no decision yet): for an import's drafts, in Python."""
    case.investigation_deadline_on, case.clock_stage = case_deadline_and_stage(calendar, case, [])


def refresh_case(session: Session, case: Case) -> None:
    """Store the case's investigation deadline as its decisions and the calendar give it now."""
    if inspect(case).was_deleted:
        return
    deadline, stage = None, None
    if case.opened_on is not None and case.category is not None:  # a clock: the calendar
        calendar, decisions = session_calendar(session), tip_decisions(session, case)
        deadline, stage = case_deadline_and_stage(calendar, case, decisions)
    if (deadline, stage) != (case.investigation_deadline_on, case.clock_stage):
        case.investigation_deadline_on, case.clock_stage = deadline, stage
        session.add(case)


def refresh_decided(session: Session, record: ClockDecision) -> None:
    """A decision added, changed or deleted: its tip's or its case's clock again."""
    if record.tip is not None:
        refresh_tip(session, record.tip)
    if record.case is not None:
        refresh_case(session, record.case)


def refresh_calendar_days(session: Session, record: Any) -> None:
    """A corrected day moves the open tips' deadlines and those of the investigations it may
    reach."""
    refresh_calendar(session, record)
    day: date = record.day
    earliest = date(day.year - _LONGEST_MONTHS // 12 - 1, day.month, min(day.day, 28))
    statement = select(Case).where(
        col(Case.opened_on) >= earliest,
        col(Case.opened_on) <= day,
        col(Case.status) == "investigating",
    )
    for case in session.exec(statement):
        refresh_case(session, case)


def investigation_view(
    session: Session, case: Case, today: date
) -> tuple[tuple[date, str | None, bool, date | None] | None, list[str]]:
    """What a case's detail shows of its clock: (deadline, step, counting, the last day to ask
    for an extension — the 10-day notice) or None without a clock, and its decisions as lines
    "dd/mm/yyyy number (step)"."""
    decisions = sorted(tip_decisions(session, case), key=lambda item: item.decided_on)
    state = case_state(session_calendar(session), case, decisions)
    lines = [
        f"{format_date(item.decided_on)} {item.number} ({t('clock_decision_step.' + item.kind)})"
        for item in decisions
    ]
    if state is None:
        return None, lines
    counting = case.status == "investigating" and state.running and state.started_on <= today
    return (state.deadline, state.stage, counting, state.ask_by), lines
