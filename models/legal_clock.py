"""The legal clock of tips and investigations: deadlines as the Criminal Procedure Code counts
them, from the clock's start and the decisions taken since.

Counting (BLTTHS art. 134). A limit in days ends at 24:00 of its last day; a limit in months ends
on the same date of the later month, or on that month's last day when it has no such date; a
limit whose last day is a day off ends on the next working day. Art. 134 does not say whether
the starting day counts. Its month rule only works if it does not (a month from 15/03 ends on
15/04, not 14/04), which is also the general rule of the Civil Code 2015 art. 147(1), so a limit
in days is read the same way: the first day is the day after the start, and "20 days from
receipt on D" ends at 24:00 on D + 20 (as giapranh counted before this module).

An extension "counted from the end of the limit in force" (art. 172(2); TTLT 01/2017 art.
11(2): "kể từ ngày hết thời hạn") counts from that limit's end as counted, before the day-off
rule, so the longest totals stay those of the law (a less serious crime: 2 + 2 = 4 months from
the opening); the day-off rule then moves each limit's own last day. A decision usually writes
the deadline it sets; when it does not, it sets the longest the law allows. The rules are those
in force on the day the clock started (models.legal_limits).
"""

from __future__ import annotations

import calendar as gregorian
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from models.errors import Refused
from models.i18n import t
from models.legal_limits import LIMITS, Category, LimitBook, LimitRule, Procedure, Unit
from models.text import format_date
from models.workdays import WorkingCalendar

_EXTENDING = ("extend", "restart")


def add_months(day: date, months: int) -> date:
    """Art. 134: the same date `months` later, or that month's last day (31/01 + 1 → 28/02)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if day.day <= 28:
        return date(year, month, day.day)
    return date(year, month, min(day.day, gregorian.monthrange(year, month)[1]))


def limit_end(anchor: date, amount: int, unit: Unit) -> date:
    """The day a limit of `amount` days or months counted from `anchor` ends, before the
    day-off rule (the starting day itself is not counted)."""
    return anchor + timedelta(days=amount) if unit == "days" else add_months(anchor, amount)


@dataclass(frozen=True)
class Decision:
    """One decision on a tip's or a case's clock (`kind` is a step of models.legal_limits:
    "extension", "suspension", "restoration", "case_opened", …).

    `deadline` is the last day the decision writes, None for the longest the law allows.
    `counted_from` is the day its limit counts from when that is not `decided_on` (for a
    cancelled suspension, the day the agency received the procuracy's decision).
    `requested_on` is the day the extension was asked for, checked against the lead time.
    """

    kind: str
    decided_on: date
    number: str = ""
    decided_by: str = ""
    deadline: date | None = None
    counted_from: date | None = None
    requested_on: date | None = None


class ClockState(NamedTuple):
    """Where a clock stands after its decisions.

    `stage` is the last step applied ("base" before any). `limit_end` is the limit in force as
    counted or written, `deadline` its last day after the day-off rule; once the clock is
    stopped (suspended) or closed they stay at the limit that was in force then. `ask_by` is
    the last day on which every extension still open can be asked for, None when none is left
    or the clock is not running. `ignored` lists the positions (in date order) of decisions
    that did not fit the rules and were left out.
    """

    procedure: Procedure
    category: Category | None
    started_on: date
    stage: str
    running: bool
    limit_end: date
    deadline: date
    ask_by: date | None
    ignored: tuple[int, ...] = ()

    def days_left(self, today: date) -> int:
        return (self.deadline - today).days

    def overdue(self, today: date) -> bool:
        return self.running and today > self.deadline


@dataclass(frozen=True)
class NextStep:
    """A decision that may come next: who takes it, by when it must be asked for, and the
    latest last day it may set (None for a suspension or an outcome)."""

    step: str
    nth: int | None
    decided_by: str
    ask_by: date | None
    longest: date | None
    source: str


class ClockRun:
    """A clock being replayed decision by decision (models.legal_checks validates against it)."""

    def __init__(
        self,
        procedure: Procedure,
        started_on: date,
        category: Category | None,
        calendar: WorkingCalendar,
        book: LimitBook,
    ) -> None:
        if procedure == "investigation" and category is None:
            raise Refused("clock.needs_category")
        self.rules = book.in_force(procedure, started_on, category)
        base = self.rules.get("base", 1)
        if base is None or base.amount is None:
            name = t(f"clock_procedure.{procedure}")
            raise Refused("clock.no_rules", procedure=name, day=format_date(started_on))
        self.procedure, self.category, self.started_on = procedure, category, started_on
        self.calendar = calendar
        self.stage, self.running = "base", True
        self.limit_end = limit_end(started_on, base.amount, base.unit)
        self.deadline = calendar.last_day(self.limit_end)
        self.counts: dict[str, int] = {}
        self.last_decided = started_on

    def rule_for(self, step: str) -> LimitRule | None:
        rule = self.rules.by_step.get
        return rule((step, self.counts.get(step, 0) + 1)) or rule((step, None))

    def allowed_now(self, rule: LimitRule) -> bool:
        return self.running if rule.after is None else self.stage in rule.after

    def longest_end(self, rule: LimitRule, anchor: date | None = None) -> date | None:
        """The latest end `rule` may set now, as counted before the day-off rule (`anchor`: the
        decision's counting day); None for a step that sets no limit."""
        ends = []
        if rule.amount is not None:
            start = {"start": self.started_on, "previous_end": self.limit_end}.get(
                rule.counted_from, anchor
            )
            if start is None:
                return None
            ends.append(limit_end(start, rule.amount, rule.unit))
        if rule.max_total is not None:
            ends.append(limit_end(self.started_on, rule.max_total, rule.unit))
        return min(ends) if ends else None

    def longest(self, rule: LimitRule, anchor: date | None = None) -> date | None:
        """The latest last day `rule` may set now, after the day-off rule."""
        end = self.longest_end(rule, anchor)
        return self.calendar.last_day(end) if end else None

    def has_room(self, rule: LimitRule) -> bool:
        """Whether `rule` can still give a later deadline than the one in force."""
        if rule.max_total is None:
            return True
        total = limit_end(self.started_on, rule.max_total, rule.unit)
        return self.calendar.last_day(total) > self.deadline

    def open_extensions(self) -> list[LimitRule]:
        if not self.running:
            return []
        return [
            rule
            for step in self.rules.extend_steps
            if (rule := self.rule_for(step)) is not None
            and rule.effect == "extend"
            and self.allowed_now(rule)
            and self.has_room(rule)
        ]

    def ask_by(self) -> date | None:
        leads = [rule.request_days_before for rule in self.open_extensions()]
        return self.deadline - timedelta(days=max(leads)) if leads else None

    def apply(self, rule: LimitRule, decision: Decision) -> None:
        if rule.effect in _EXTENDING:
            end = decision.deadline or self.longest_end(rule, counting_day(decision))
            if end is not None:
                self.limit_end, self.deadline = end, self.calendar.last_day(end)
            self.running = True
            if rule.effect == "restart":
                self.counts = {}
        elif rule.effect in ("stop", "close"):
            self.running = False
        self.stage = rule.step
        self.counts[rule.step] = self.counts.get(rule.step, 0) + 1
        self.last_decided = max(self.last_decided, decision.decided_on)

    def state(self, ignored: tuple[int, ...] = ()) -> ClockState:
        return ClockState(
            self.procedure,
            self.category,
            self.started_on,
            self.stage,
            self.running,
            self.limit_end,
            self.deadline,
            self.ask_by() if self.running else None,
            ignored,
        )


def counting_day(decision: Decision) -> date:
    return decision.counted_from or decision.decided_on


def replay(
    procedure: Procedure,
    started_on: date,
    decisions: Iterable[Decision],
    category: Category | None,
    calendar: WorkingCalendar,
    book: LimitBook,
) -> tuple[ClockRun, tuple[int, ...]]:
    run = ClockRun(procedure, started_on, category, calendar, book)
    ignored = []
    for position, decision in enumerate(sorted(decisions, key=lambda item: item.decided_on)):
        rule = run.rule_for(decision.kind)
        if rule is None or not run.allowed_now(rule) or decision.decided_on < started_on:
            ignored.append(position)
            continue
        run.apply(rule, decision)
    return run, tuple(ignored)


def clock_state(
    procedure: Procedure,
    started_on: date,
    decisions: Iterable[Decision] = (),
    *,
    calendar: WorkingCalendar,
    category: Category | None = None,
    book: LimitBook = LIMITS,
) -> ClockState:
    """The clock of a tip (`started_on`: received) or an investigation (`started_on`: the case
    opened; `category` required) after `decisions`, taken in date order. Decisions that do not
    fit the rules are left out and listed in `ignored`; `check_decision` keeps them out."""
    decisions = tuple(decisions)
    if not decisions:
        return _undecided(procedure, started_on, category, calendar, book)
    run, ignored = replay(procedure, started_on, decisions, category, calendar, book)
    return run.state(ignored)


# The due queue computes the clock of every open record, most of them without a decision yet
# and sharing their start day with many others; a calendar's answers never change once built.
@lru_cache(maxsize=8192)
def _undecided(
    procedure: Procedure,
    started_on: date,
    category: Category | None,
    calendar: WorkingCalendar,
    book: LimitBook,
) -> ClockState:
    return ClockRun(procedure, started_on, category, calendar, book).state()


def next_steps(
    procedure: Procedure,
    started_on: date,
    decisions: Iterable[Decision] = (),
    *,
    calendar: WorkingCalendar,
    category: Category | None = None,
    book: LimitBook = LIMITS,
) -> list[NextStep]:
    """The decisions that may come next, in the order the rules list them."""
    run, _ = replay(procedure, started_on, decisions, category, calendar, book)
    steps = []
    for step in run.rules.steps():
        rule = run.rule_for(step)
        if rule is None or rule.effect == "start" or not run.allowed_now(rule):
            continue
        extends = rule.effect == "extend"
        if extends and not run.has_room(rule):
            continue
        ask_by = run.deadline - timedelta(days=rule.request_days_before) if extends else None
        longest = run.longest(rule) if extends else None
        steps.append(NextStep(step, rule.nth, rule.decided_by, ask_by, longest, rule.source))
    return steps


def tip_clock(
    received_on: date,
    decisions: Sequence[Decision] = (),
    *,
    calendar: WorkingCalendar,
    book: LimitBook = LIMITS,
) -> ClockState:
    """Arts. 147–149: a tip's clock from the day it was received."""
    return clock_state("tip", received_on, decisions, calendar=calendar, book=book)


def case_clock(
    opened_on: date,
    category: Category,
    decisions: Sequence[Decision] = (),
    *,
    calendar: WorkingCalendar,
    book: LimitBook = LIMITS,
) -> ClockState:
    """Arts. 172 and 174: an investigation's clock from the decision opening the case."""
    return clock_state(
        "investigation", opened_on, decisions, calendar=calendar, category=category, book=book
    )


def step_label(procedure: str, step: str) -> str:
    return t(f"clock_step.{procedure}_{step}")
