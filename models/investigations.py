"""Investigations' clocks (BLTTHS arts. 172, 174), kept on the case: from its opening day, its
crime category and the decisions recorded on it (models.clock_decisions), the last day of the
investigation (`investigation_deadline_on`) and the clock's last step (`clock_stage`), derived
after every write (models.registry.REFRESH) and, for an import of cases, per row in Python
(`prepare_case`).

A case without an opening day or a category has no clock: both columns stay empty.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
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
from models.errors import Refused
from models.i18n import register
from models.legal_clock import Decision, tip_clock
from models.legal_limits import LIMIT_RULES
from models.tips import Tip
from models.workdays import WorkingCalendar

MESSAGES = {
    "link.clock_decisions": ("Quyết định về thời hạn", "Decisions on the time limit"),
    "col.ask_by": ("Đề nghị gia hạn", "Ask to extend by"),
}
register(MESSAGES)
CASE_NOTICE_DAYS = 10  # art. 172: the extension is asked for at least 10 days before expiry
# The steps after which a clock no longer runs (suspended, concluded, discontinued, an outcome).
STOPPED_STAGES = tuple(sorted({r.step for r in LIMIT_RULES if r.effect in ("stop", "close")}))
# The longest an investigation's clock runs: 20 months, then a resumption's months and their
# extension; a calendar correction reaches the cases opened since then.
_LONGEST_MONTHS = 30
_TIP_EXTENSIONS = ("extension", "procuracy_extension")  # the tip's deadline reads "extended"


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


@dataclass(frozen=True)
class DecisionLine:
    """One decision as a tip's or a case's detail lists it: `deadline` is the last day the clock
    runs to after it (None when it stops or closes the clock: a suspension, an outcome)."""

    id: uuid.UUID
    number: str
    decided_on: date
    step: str
    decided_by: str
    deadline: date | None


def _lines(
    session: Session, column: Any, owner_id: uuid.UUID, clock: Callable[[list[Decision]], Any]
) -> tuple[list[DecisionLine], Any]:
    """The decisions on one clock in date order, each with the deadline it left in force, and
    the clock after all of them."""
    statement = select(ClockDecision).where(col(column) == owner_id)
    rows = sorted(session.exec(statement), key=lambda row: (row.decided_on, row.code))
    lines, decisions, state = [], [], clock([])
    for row in rows:
        decisions.append(row.as_decision())
        state = clock(decisions)
        deadline = state.deadline if state is not None and state.running else None
        line = (row.id, row.number, row.decided_on, row.step, row.decided_by, deadline)
        lines.append(DecisionLine(*line))
    return lines, state


def tip_view(
    session: Session, tip: Tip, today: date
) -> tuple[tuple[date, str | None, bool], tuple[date, date] | None, list[DecisionLine]]:
    """What a tip's detail shows of its clock: (deadline, a catalogue key saying how it was set
    or None, counting), (the last day to ask for an extension, the deadline) — the 5-day
    notice; None when the clock does not run, no extension is left, or its deadline was typed
    in before decisions were recorded — and its decisions."""
    calendar = session_calendar(session)
    extended = tip.extended_to is not None or tip.clock_stage in _TIP_EXTENSIONS
    how = "word.extended" if extended else None
    if tip.clock_stage not in (None, "base", *_TIP_EXTENSIONS):  # suspended, restored, ended
        how = f"clock_step.tip_{tip.clock_stage}"
    counting = (tip.resolved_on is None or tip.resolved_on > today) and (
        tip.clock_stage not in STOPPED_STAGES
    )
    shown = (tip.deadline_on, how, counting)

    def clock(decisions: list[Decision]) -> Any:
        try:
            return tip_clock(tip.received_on, decisions, calendar=calendar)
        except Refused:  # received before the rules giapranh knows (01/01/2018)
            return None

    lines, state = _lines(session, ClockDecision.tip_id, tip.id, clock)
    typed = tip.extended_to is not None and not lines  # a typed extension: no step is known
    if state is None or not counting or not state.running or typed:
        return shown, None, lines
    return shown, _asking(state.ask_by, state.deadline), lines


def investigation_view(
    session: Session, case: Case, today: date
) -> tuple[tuple[date, str | None, bool] | None, tuple[date, date] | None, list[DecisionLine]]:
    """What a case's detail shows of its clock: (deadline, step, counting) or None without a
    clock, (the last day to ask for an extension, the deadline) — the 10-day notice; None when
    none is open — and its decisions."""
    calendar = session_calendar(session)

    def clock(decisions: list[Decision]) -> Any:
        return case_state(calendar, case, decisions)

    lines, state = _lines(session, ClockDecision.case_id, case.id, clock)
    if state is None:
        return None, None, lines
    counting = case.status == "investigating" and state.running and state.started_on <= today
    asking = _asking(state.ask_by, state.deadline) if counting else None
    return (state.deadline, state.stage, counting), asking, lines


def _asking(ask_by: date | None, deadline: date) -> tuple[date, date] | None:
    """(the last day to ask for an extension, the deadline it is counted back from)."""
    return None if ask_by is None else (ask_by, deadline)
