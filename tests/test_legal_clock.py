"""Deadlines of tips (BLTTHS arts. 147–149) and investigations (arts. 172, 174), counted as
art. 134 says, and the checks on a new decision (models.legal_clock, models.legal_checks)."""

import time
from dataclasses import replace
from datetime import date, timedelta

import pytest

from models.crime_categories import TOP_PENALTIES, category, category_for_penalty
from models.errors import Refused
from models.legal_checks import check_case_decision, check_tip_decision
from models.legal_clock import (
    Decision,
    add_months,
    case_clock,
    clock_state,
    next_steps,
    step_label,
    tip_clock,
)
from models.legal_limits import CATEGORIES, LIMIT_RULES, LIMITS, Category, LimitBook, LimitRule
from models.workdays import WorkingCalendar

CALENDAR = WorkingCalendar(2023, 2028)


def reasons(problems: list) -> list[str]:
    return [problem.reason for problem in problems]


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2025, 3, 31), 1, date(2025, 4, 30)),
        (date(2023, 12, 31), 2, date(2024, 2, 29)),
        (date(2023, 11, 30), 3, date(2024, 2, 29)),
        (date(2025, 3, 15), 1, date(2025, 4, 15)),
        (date(2025, 11, 15), 4, date(2026, 3, 15)),
    ],
)
def test_a_limit_in_months_ends_on_the_same_date_or_the_months_last_day(
    start: date, months: int, end: date
) -> None:
    assert add_months(start, months) == end


@pytest.mark.parametrize(
    ("received_on", "limit_end", "deadline"),
    [
        (date(2025, 3, 4), date(2025, 3, 24), date(2025, 3, 24)),  # a Monday
        (date(2024, 6, 2), date(2024, 6, 22), date(2024, 6, 24)),  # a Saturday
        (date(2025, 1, 9), date(2025, 1, 29), date(2025, 2, 3)),  # mùng 1 Tết
        (date(2025, 4, 10), date(2025, 4, 30), date(2025, 5, 5)),  # 30/4
        (date(2025, 4, 6), date(2025, 4, 26), date(2025, 4, 26)),  # a worked Saturday
        (date(2026, 8, 11), date(2026, 8, 31), date(2026, 9, 3)),  # the 2026 swap day
    ],
)
def test_the_20_day_limit_counts_from_the_day_after_receipt_and_skips_days_off(
    received_on: date, limit_end: date, deadline: date
) -> None:
    state = tip_clock(received_on, calendar=CALENDAR)
    assert (state.stage, state.running) == ("base", True)
    assert (state.limit_end, state.deadline) == (limit_end, deadline)


def test_an_administrators_day_off_moves_a_deadline() -> None:
    calendar = WorkingCalendar(2027, 2027, overrides=[(date(2027, 3, 22), "off")])
    assert tip_clock(date(2027, 3, 2), calendar=CALENDAR).deadline == date(2027, 3, 22)
    assert tip_clock(date(2027, 3, 2), calendar=calendar).deadline == date(2027, 3, 23)


def test_a_worked_saturday_set_by_an_administrator_is_a_last_day() -> None:
    calendar = WorkingCalendar(2027, 2027, overrides=[(date(2027, 3, 20), "working")])
    assert tip_clock(date(2027, 2, 28), calendar=CALENDAR).deadline == date(2027, 3, 22)
    assert tip_clock(date(2027, 2, 28), calendar=calendar).deadline == date(2027, 3, 20)


RECEIVED = date(2025, 1, 10)  # 20 days end on Thu 30/01, mùng 2 Tết: the last day is Mon 03/02
EXTENDED = Decision("extension", date(2025, 1, 25), "05/QĐ-CSHS", "Thủ trưởng CQĐT")
BY_PROCURACY = Decision("procuracy_extension", date(2025, 3, 3), "02/QĐ-VKS", "Viện trưởng")


@pytest.mark.parametrize(
    ("decisions", "stage", "limit_end", "deadline", "ask_by"),
    [
        ([], "base", date(2025, 1, 30), date(2025, 2, 3), date(2025, 1, 29)),
        # The head of the agency extends to 2 months from receipt, at most.
        ([EXTENDED], "extension", date(2025, 3, 10), date(2025, 3, 10), date(2025, 3, 5)),
        (
            [replace(EXTENDED, deadline=date(2025, 2, 20))],
            "extension",
            date(2025, 2, 20),
            date(2025, 2, 20),
            date(2025, 2, 15),
        ),
        # The procuracy adds 2 months from the end of the limit in force: 10/05 is a Saturday.
        (
            [EXTENDED, BY_PROCURACY],
            "procuracy_extension",
            date(2025, 5, 10),
            date(2025, 5, 12),
            None,
        ),
        (
            [replace(BY_PROCURACY, decided_on=date(2025, 1, 27))],
            "procuracy_extension",
            date(2025, 3, 30),
            date(2025, 3, 31),
            None,
        ),
    ],
)
def test_each_tip_extension_sets_the_deadline_and_the_last_day_to_ask(
    decisions: list[Decision], stage: str, limit_end: date, deadline: date, ask_by: date | None
) -> None:
    state = tip_clock(RECEIVED, decisions, calendar=CALENDAR)
    assert (state.stage, state.limit_end, state.deadline, state.ask_by) == (
        stage,
        limit_end,
        deadline,
        ask_by,
    )
    assert state.running and state.ignored == ()


@pytest.mark.parametrize(
    ("decisions", "new", "reason"),
    [
        ([], EXTENDED, None),
        ([], replace(EXTENDED, deadline=date(2025, 3, 10)), None),
        ([], replace(EXTENDED, deadline=date(2025, 3, 11)), "clock.beyond_maximum"),
        ([], replace(EXTENDED, deadline=date(2025, 2, 3)), "clock.not_later"),
        ([], replace(EXTENDED, decided_on=date(2025, 2, 4)), "clock.too_late"),
        ([], replace(EXTENDED, decided_on=date(2025, 1, 9)), "clock.before_start"),
        (
            [replace(EXTENDED, deadline=date(2025, 2, 20))],
            replace(EXTENDED, decided_on=date(2025, 2, 10)),
            None,
        ),
        ([EXTENDED], replace(EXTENDED, decided_on=date(2025, 2, 10)), "clock.no_room_left"),
        ([EXTENDED], replace(EXTENDED, decided_on=date(2025, 1, 20)), "clock.before_previous"),
        ([EXTENDED], BY_PROCURACY, None),
        ([EXTENDED], replace(BY_PROCURACY, deadline=date(2025, 5, 12)), None),
        ([EXTENDED], replace(BY_PROCURACY, deadline=date(2025, 5, 13)), "clock.beyond_maximum"),
        (
            [EXTENDED],
            replace(BY_PROCURACY, decided_on=date(2025, 3, 7), requested_on=date(2025, 3, 5)),
            None,
        ),
        (
            [EXTENDED],
            replace(BY_PROCURACY, decided_on=date(2025, 3, 7), requested_on=date(2025, 3, 6)),
            "clock.request_too_late",
        ),
        (
            [EXTENDED],
            replace(BY_PROCURACY, requested_on=date(2025, 3, 4)),
            "clock.requested_after_decided",
        ),
        (
            [EXTENDED, BY_PROCURACY],
            replace(BY_PROCURACY, decided_on=date(2025, 5, 1)),
            "clock.no_extension_left",
        ),
        (
            [EXTENDED, BY_PROCURACY],
            replace(EXTENDED, decided_on=date(2025, 5, 1)),
            "clock.wrong_stage",
        ),
        ([], Decision("ket_luan", date(2025, 1, 20)), "clock.unknown_step"),
        ([], Decision("resumption", date(2025, 1, 20)), "clock.unknown_step"),
    ],
)
def test_a_tip_decision_is_checked_against_the_legal_maximum_and_order(
    decisions: list[Decision], new: Decision, reason: str | None
) -> None:
    problems = check_tip_decision(RECEIVED, decisions, new, calendar=CALENDAR)
    assert reasons(problems) == ([reason] if reason else [])


SUSPENDED = Decision("suspension", date(2025, 2, 3), "07/QĐ-CSHS")
RESTORED = Decision("restoration", date(2025, 6, 16), "11/QĐ-CSHS")


def test_a_suspended_tip_stops_its_clock() -> None:
    state = tip_clock(RECEIVED, [SUSPENDED], calendar=CALENDAR)
    assert (state.stage, state.running, state.ask_by) == ("suspension", False, None)
    assert state.deadline == date(2025, 2, 3)
    assert not state.overdue(date(2025, 12, 31))


@pytest.mark.parametrize(
    ("restart", "limit_end", "deadline"),
    [
        (RESTORED, date(2025, 7, 16), date(2025, 7, 16)),
        # Counted from the day the agency received the procuracy's cancellation.
        (
            Decision("suspension_cancelled", date(2025, 3, 28), counted_from=date(2025, 3, 31)),
            date(2025, 4, 30),
            date(2025, 5, 5),
        ),
        (replace(RESTORED, deadline=date(2025, 7, 1)), date(2025, 7, 1), date(2025, 7, 1)),
    ],
)
def test_a_resumed_tip_runs_one_more_month_from_the_resumption(
    restart: Decision, limit_end: date, deadline: date
) -> None:
    state = tip_clock(RECEIVED, [SUSPENDED, restart], calendar=CALENDAR)
    assert state.running and state.stage == restart.kind
    assert (state.limit_end, state.deadline, state.ask_by) == (limit_end, deadline, None)


@pytest.mark.parametrize(
    ("decisions", "new", "reason"),
    [
        ([], SUSPENDED, None),
        ([], replace(SUSPENDED, decided_on=date(2025, 2, 4)), "clock.too_late"),
        ([], replace(SUSPENDED, deadline=date(2025, 3, 1)), "clock.no_deadline"),
        ([], RESTORED, "clock.wrong_stage"),
        ([SUSPENDED], RESTORED, None),
        ([SUSPENDED], replace(RESTORED, deadline=date(2025, 7, 17)), "clock.beyond_maximum"),
        ([SUSPENDED], replace(RESTORED, deadline=date(2025, 6, 15)), "clock.before_counting"),
        ([SUSPENDED], replace(EXTENDED, decided_on=date(2025, 3, 1)), "clock.wrong_stage"),
        ([SUSPENDED], Decision("case_opened", date(2025, 3, 1)), "clock.wrong_stage"),
        (
            [SUSPENDED],
            Decision("suspension_cancelled", date(2025, 3, 28), counted_from=date(2025, 3, 27)),
            "clock.counted_before_decided",
        ),
        (
            [SUSPENDED, RESTORED],
            replace(EXTENDED, decided_on=date(2025, 7, 1)),
            "clock.wrong_stage",
        ),
        ([SUSPENDED, RESTORED], replace(SUSPENDED, decided_on=date(2025, 7, 16)), None),
        ([SUSPENDED, RESTORED], Decision("no_case", date(2025, 7, 20)), None),
    ],
)
def test_suspension_and_resumption_follow_arts_148_and_149(
    decisions: list[Decision], new: Decision, reason: str | None
) -> None:
    problems = check_tip_decision(RECEIVED, decisions, new, calendar=CALENDAR)
    assert reasons(problems) == ([reason] if reason else [])


def test_a_second_suspension_and_restoration_give_one_more_month_again() -> None:
    again = [SUSPENDED, RESTORED, replace(SUSPENDED, decided_on=date(2025, 7, 10))]
    restored = replace(RESTORED, decided_on=date(2025, 10, 1))
    state = tip_clock(RECEIVED, [*again, restored], calendar=CALENDAR)
    assert (state.running, state.deadline) == (True, date(2025, 11, 3))  # 01/11 is a Saturday


def test_an_outcome_closes_the_clock_and_nothing_follows_it() -> None:
    opened = Decision("case_opened", date(2025, 1, 28), "01/QĐ-KTVA")
    state = tip_clock(RECEIVED, [opened], calendar=CALENDAR)
    assert (state.stage, state.running, state.ask_by) == ("case_opened", False, None)
    later = replace(EXTENDED, decided_on=date(2025, 1, 29))
    assert reasons(check_tip_decision(RECEIVED, [opened], later, calendar=CALENDAR)) == [
        "clock.wrong_stage"
    ]


def test_decisions_are_taken_in_date_order_and_misfits_are_left_out() -> None:
    misfit = Decision("restoration", date(2025, 1, 20))
    state = tip_clock(RECEIVED, [BY_PROCURACY, EXTENDED, misfit], calendar=CALENDAR)
    assert state.stage == "procuracy_extension"
    assert state.ignored == (0,)  # the restoration, first in date order


def test_an_overdue_tip_is_one_still_running_after_its_last_day() -> None:
    state = tip_clock(RECEIVED, calendar=CALENDAR)
    assert not state.overdue(date(2025, 2, 3))
    assert state.overdue(date(2025, 2, 4))
    assert state.days_left(date(2025, 1, 31)) == 3


def test_next_steps_say_who_decides_by_when_and_up_to_when() -> None:
    steps = {step.step: step for step in next_steps("tip", RECEIVED, calendar=CALENDAR)}
    assert list(steps) == [
        "extension",
        "procuracy_extension",
        "suspension",
        "case_opened",
        "no_case",
        "transferred",
    ]
    assert (steps["extension"].decided_by, steps["extension"].ask_by) == (
        "cqdt_head",
        date(2025, 2, 3),
    )
    assert steps["extension"].longest == date(2025, 3, 10)
    assert (steps["procuracy_extension"].ask_by, steps["procuracy_extension"].longest) == (
        date(2025, 1, 29),
        date(2025, 3, 31),  # 30/01 + 2 months is a Sunday
    )
    assert step_label("tip", "procuracy_extension")


OPENED = date(2025, 3, 3)


# Each category: the base limit's end and, after every extension at its longest, the last day.
@pytest.mark.parametrize(
    ("category_code", "base_end", "extensions", "longest_end"),
    [
        ("it_nghiem_trong", date(2025, 5, 3), 1, date(2025, 7, 3)),
        ("nghiem_trong", date(2025, 6, 3), 2, date(2025, 11, 3)),
        ("rat_nghiem_trong", date(2025, 7, 3), 2, date(2026, 3, 3)),
        ("dac_biet_nghiem_trong", date(2025, 7, 3), 4, date(2026, 11, 3)),
    ],
)
def test_each_investigation_category_has_its_limit_and_extensions(
    category_code: Category, base_end: date, extensions: int, longest_end: date
) -> None:
    state = case_clock(OPENED, category_code, calendar=CALENDAR)
    assert state.limit_end == base_end
    assert state.deadline == CALENDAR.last_day(base_end)
    assert state.ask_by == state.deadline - timedelta(days=10)
    decisions: list[Decision] = []
    for _ in range(extensions):
        new = Decision("extension", state.deadline - timedelta(days=12))
        assert check_case_decision(OPENED, category_code, decisions, new, calendar=CALENDAR) == []
        decisions.append(new)
        state = case_clock(OPENED, category_code, decisions, calendar=CALENDAR)
    assert (state.limit_end, state.ask_by) == (longest_end, None)
    one_more = Decision("extension", state.deadline)
    problems = check_case_decision(OPENED, category_code, decisions, one_more, calendar=CALENDAR)
    assert reasons(problems) == ["clock.no_extension_left"]


def test_a_serious_crime_gets_3_then_2_months() -> None:
    first = Decision("extension", date(2025, 5, 20))
    state = case_clock(OPENED, "nghiem_trong", [first], calendar=CALENDAR)
    assert state.limit_end == date(2025, 9, 3)
    too_long = Decision("extension", date(2025, 8, 20), deadline=date(2025, 11, 4))
    problems = check_case_decision(OPENED, "nghiem_trong", [first], too_long, calendar=CALENDAR)
    assert reasons(problems) == ["clock.beyond_maximum"]


def test_only_the_supreme_procuracy_gives_the_fourth_extension() -> None:
    rules = LIMITS.in_force("investigation", OPENED, "dac_biet_nghiem_trong").by_step
    deciders = [rules[("extension", nth)].decided_by for nth in (1, 2, 3, 4)]
    assert deciders == ["procuracy", "procuracy", "procuracy", "supreme_procuracy"]
    assert LIMITS.in_force("investigation", OPENED, "rat_nghiem_trong").get("extension", 3) is None


def test_the_procuracy_must_be_asked_10_days_before_an_investigation_ends() -> None:
    state = case_clock(OPENED, "it_nghiem_trong", calendar=CALENDAR)
    assert (state.deadline, state.ask_by) == (date(2025, 5, 5), date(2025, 4, 25))
    late = Decision("extension", date(2025, 5, 2), requested_on=date(2025, 4, 28))
    problems = check_case_decision(OPENED, "it_nghiem_trong", [], late, calendar=CALENDAR)
    assert reasons(problems) == ["clock.request_too_late"]
    assert problems[0].params == {"ask_by": "25/04/2025", "days": 10}


@pytest.mark.parametrize(
    ("category_code", "resumed_end", "extended_end"),
    [
        ("it_nghiem_trong", date(2025, 12, 1), date(2026, 1, 1)),
        ("nghiem_trong", date(2025, 12, 1), date(2026, 2, 1)),
        ("rat_nghiem_trong", date(2026, 1, 1), date(2026, 3, 1)),
        ("dac_biet_nghiem_trong", date(2026, 1, 1), date(2026, 4, 1)),
    ],
)
def test_a_resumed_investigation_runs_as_art_174_says(
    category_code: Category, resumed_end: date, extended_end: date
) -> None:
    suspended_and_resumed = [
        Decision("suspension", date(2025, 4, 1)),
        Decision("resumption", date(2025, 10, 1)),
    ]
    state = case_clock(OPENED, category_code, suspended_and_resumed, calendar=CALENDAR)
    assert (state.stage, state.running, state.limit_end) == ("resumption", True, resumed_end)
    extended = [*suspended_and_resumed, Decision("resumption_extension", date(2025, 11, 1))]
    state = case_clock(OPENED, category_code, extended, calendar=CALENDAR)
    assert (state.limit_end, state.ask_by) == (extended_end, None)
    before = Decision("extension", date(2025, 10, 5))
    problems = check_case_decision(
        OPENED, category_code, suspended_and_resumed, before, calendar=CALENDAR
    )
    assert reasons(problems) == ["clock.wrong_stage"]


def test_an_investigation_needs_its_crime_category() -> None:
    with pytest.raises(Refused) as refused:
        clock_state("investigation", OPENED, calendar=CALENDAR)
    assert refused.value.key == "clock.needs_category"


def test_a_clock_keeps_the_rules_in_force_when_it_started() -> None:
    later_law = LimitRule(
        "tip", "base", "start", 30, "days", "start", "cqdt", "a later law", date(2026, 1, 1)
    )
    book = LimitBook([*LIMIT_RULES, later_law])
    before = tip_clock(date(2025, 12, 31), calendar=CALENDAR, book=book)
    after = tip_clock(date(2026, 1, 1), calendar=CALENDAR, book=book)
    assert before.limit_end == date(2026, 1, 20)
    assert after.limit_end == date(2026, 1, 31)


def test_a_step_repealed_by_a_later_row_is_no_longer_open() -> None:
    old = next(r for r in LIMIT_RULES if r.procedure == "tip" and r.step == "extension")
    repeal = replace(old, effective_from=date(2026, 1, 1), in_force=False)
    book = LimitBook([*LIMIT_RULES, repeal])
    decision = Decision("extension", date(2026, 1, 10))
    assert check_tip_decision(date(2025, 12, 31), [], decision, calendar=CALENDAR, book=book) == []
    late = check_tip_decision(date(2026, 1, 2), [], decision, calendar=CALENDAR, book=book)
    assert reasons(late) == ["clock.unknown_step"]


def test_no_rules_before_the_2015_code_took_effect() -> None:
    with pytest.raises(Refused) as refused:
        tip_clock(date(2017, 12, 31), calendar=CALENDAR)
    assert refused.value.key == "clock.no_rules"


@pytest.mark.parametrize(
    ("article", "clause", "expected"),
    [
        ("173", "1", "it_nghiem_trong"),
        ("173", 2, "nghiem_trong"),
        ("173", "3", "rat_nghiem_trong"),
        ("173", "4", "dac_biet_nghiem_trong"),
        ("134", "6", "it_nghiem_trong"),  # preparing the crime
        ("123", "1", "dac_biet_nghiem_trong"),
        ("128", "2", "rat_nghiem_trong"),
        ("251", "1", "nghiem_trong"),
        ("260", "4", "it_nghiem_trong"),
        ("318", "1", "it_nghiem_trong"),
        ("321", "2", "nghiem_trong"),
        ("173", "5", None),  # additional penalties only
        ("173", None, None),
        ("256a", "1", None),  # not in the table: the operator sets it
        ("999", "1", None),
    ],
)
def test_a_clause_has_the_category_of_its_top_penalty(
    article: str, clause: str | int | None, expected: str | None
) -> None:
    assert category(article, clause) == expected


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        (3, "it_nghiem_trong"),
        (7, "nghiem_trong"),
        (15, "rat_nghiem_trong"),
        (20, "dac_biet_nghiem_trong"),
        ("life", "dac_biet_nghiem_trong"),
    ],
)
def test_art_9_draws_the_lines_at_3_7_and_15_years(top: int | str, expected: str) -> None:
    assert category_for_penalty(top) == expected  # type: ignore[arg-type]


def test_the_category_table_covers_the_common_articles() -> None:
    from models.articles import ARTICLES

    assert set(ARTICLES) - set(TOP_PENALTIES) == {"256a"}
    for article, tops in TOP_PENALTIES.items():
        assert all(category(article, clause) in CATEGORIES for clause in range(1, len(tops) + 1))


def test_the_due_queue_of_100000_tips_takes_well_under_a_second() -> None:
    received = [date(2024, 1, 1) + timedelta(days=n % 1000) for n in range(100_000)]
    started = time.process_time()
    deadlines = [tip_clock(day, calendar=CALENDAR).deadline for day in received]
    assert time.process_time() - started < 1.0
    assert deadlines[9] == date(2024, 1, 30)  # received 10/01/2024
