"""Whether a new decision on a tip's or a case's clock may be recorded: the legal maximum, the
order of steps, the lead time of a request. Problems are catalogue-keyed (models.errors.Problem)
and say which field of the decision is wrong: kind, decided_on, requested_on, counted_from or
deadline.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from models.errors import Problem
from models.i18n import register
from models.legal_clock import ClockRun, Decision, counting_day, replay, step_label
from models.legal_limits import LIMITS, Category, LimitBook, LimitRule, Procedure
from models.text import format_date
from models.workdays import WorkingCalendar

MESSAGES = {
    "clock.no_rules": (
        "chưa có quy định thời hạn cho {procedure} vào ngày {day}",
        "no time limits are known for {procedure} on {day}",
    ),
    "clock.needs_category": (
        "cần xác định loại tội phạm để tính thời hạn điều tra",
        "the crime category is needed to count an investigation's limit",
    ),
    "clock.unknown_step": (
        "không phải một quyết định của thủ tục này",
        "is not a decision of this procedure",
    ),
    "clock.no_extension_left": (
        "đã hết số lần luật cho phép ({count} lần)",
        "the law allows it only {count} times, all used",
    ),
    "clock.no_room_left": (
        "thời hạn đã kéo dài tối đa, đến {longest}",
        "the limit already runs to its longest, {longest}",
    ),
    "clock.wrong_stage": ("không thể ra sau bước «{stage}»", "cannot follow «{stage}»"),
    "clock.before_start": (
        "trước ngày bắt đầu tính thời hạn ({start})",
        "is before the clock started ({start})",
    ),
    "clock.before_previous": (
        "trước quyết định trước đó ({previous})",
        "is before the previous decision ({previous})",
    ),
    "clock.too_late": ("thời hạn đã hết ngày {deadline}", "the limit ran out on {deadline}"),
    "clock.request_too_late": (
        "phải đề nghị chậm nhất ngày {ask_by} ({days} ngày trước khi hết hạn)",
        "had to be asked for by {ask_by} ({days} days before the limit ends)",
    ),
    "clock.requested_after_decided": (
        "ngày đề nghị sau ngày ra quyết định",
        "the request is dated after the decision",
    ),
    "clock.beyond_maximum": (
        "vượt quá thời hạn tối đa luật cho phép ({longest})",
        "goes beyond the longest limit the law allows ({longest})",
    ),
    "clock.not_later": (
        "phải sau thời hạn đang áp dụng ({deadline})",
        "must be after the deadline in force ({deadline})",
    ),
    "clock.before_counting": (
        "trước ngày bắt đầu tính ({counted_from})",
        "is before the day it counts from ({counted_from})",
    ),
    "clock.no_deadline": ("quyết định này không đặt thời hạn", "this decision sets no deadline"),
    "clock.counted_before_decided": (
        "trước ngày ra quyết định",
        "is before the decision date",
    ),
}
register(MESSAGES)


def check_decision(
    procedure: Procedure,
    started_on: date,
    decisions: Iterable[Decision],
    new: Decision,
    *,
    calendar: WorkingCalendar,
    category: Category | None = None,
    book: LimitBook = LIMITS,
) -> list[Problem]:
    """What is wrong with adding `new` after `decisions`: a kind the procedure does not have, a
    wrong order, an extension when none is left, a decision taken after the limit ran out or
    asked for too late, a deadline not later than the one in force or beyond the legal maximum.
    Empty when it may be recorded."""
    run, _ = replay(procedure, started_on, decisions, category, calendar, book)
    return _problems(run, new)


def check_tip_decision(
    received_on: date,
    decisions: Iterable[Decision],
    new: Decision,
    *,
    calendar: WorkingCalendar,
    book: LimitBook = LIMITS,
) -> list[Problem]:
    return check_decision("tip", received_on, decisions, new, calendar=calendar, book=book)


def check_case_decision(
    opened_on: date,
    category: Category,
    decisions: Iterable[Decision],
    new: Decision,
    *,
    calendar: WorkingCalendar,
    book: LimitBook = LIMITS,
) -> list[Problem]:
    return check_decision(
        "investigation", opened_on, decisions, new, calendar=calendar, category=category, book=book
    )


def _problems(run: ClockRun, decision: Decision) -> list[Problem]:
    rule = run.rule_for(decision.kind)
    if rule is None:
        taken = run.counts.get(decision.kind, 0)
        if taken and decision.kind in run.rules.steps():
            return [_problem("kind", decision.kind, "clock.no_extension_left", count=taken)]
        return [_problem("kind", decision.kind, "clock.unknown_step")]
    if not run.allowed_now(rule):
        stage = step_label(run.procedure, run.stage)
        return [_problem("kind", decision.kind, "clock.wrong_stage", stage=stage)]
    when = decision.decided_on
    if when < run.started_on:
        start = format_date(run.started_on)
        return [_problem("decided_on", when, "clock.before_start", start=start)]
    if when < run.last_decided:
        previous = format_date(run.last_decided)
        return [_problem("decided_on", when, "clock.before_previous", previous=previous)]
    if rule.effect in ("extend", "stop") and when > run.deadline:
        deadline = format_date(run.deadline)
        return [_problem("decided_on", when, "clock.too_late", deadline=deadline)]
    return _request_problems(run, rule, decision) + _deadline_problems(run, rule, decision)


def _request_problems(run: ClockRun, rule: LimitRule, decision: Decision) -> list[Problem]:
    asked = decision.requested_on
    if asked is None or rule.effect != "extend":
        return []
    if asked > decision.decided_on:
        return [_problem("requested_on", asked, "clock.requested_after_decided")]
    ask_by = run.deadline - timedelta(days=rule.request_days_before)
    if asked > ask_by:
        params = {"ask_by": format_date(ask_by), "days": rule.request_days_before}
        return [_problem("requested_on", asked, "clock.request_too_late", **params)]
    return []


def _deadline_problems(run: ClockRun, rule: LimitRule, decision: Decision) -> list[Problem]:
    counted_from = counting_day(decision)
    if decision.counted_from is not None and counted_from < decision.decided_on:
        return [_problem("counted_from", counted_from, "clock.counted_before_decided")]
    if rule.effect not in ("extend", "restart"):
        if decision.deadline is not None:
            return [_problem("deadline", decision.deadline, "clock.no_deadline")]
        return []
    longest = run.longest(rule, counted_from)
    if rule.effect == "extend" and not run.has_room(rule):
        return [_problem("kind", decision.kind, "clock.no_room_left", longest=_shown(longest))]
    written = decision.deadline
    if written is None:
        return []
    if rule.effect == "extend" and run.calendar.last_day(written) <= run.deadline:
        deadline = format_date(run.deadline)
        return [_problem("deadline", written, "clock.not_later", deadline=deadline)]
    if rule.effect == "restart" and written < counted_from:
        shown = format_date(counted_from)
        return [_problem("deadline", written, "clock.before_counting", counted_from=shown)]
    if longest is not None and run.calendar.last_day(written) > longest:
        return [_problem("deadline", written, "clock.beyond_maximum", longest=_shown(longest))]
    return []


def _shown(day: date | None) -> str:
    return format_date(day) if day else "-"


def _problem(field_name: str, value: object, reason: str, **params: object) -> Problem:
    return Problem(field_name, value, reason, dict(params))
