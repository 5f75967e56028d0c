"""Vietnam's working days against the official schedules of 2024–2026, and administrators'
overrides (models.workdays)."""

from datetime import date, timedelta

import pytest

from models.i18n import set_language
from models.workdays import CalendarOverride, WorkingCalendar

CALENDAR = WorkingCalendar(2023, 2027)


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def day(text: str) -> date:
    """'26/4/2025' as a date."""
    number, month, year = (int(part) for part in text.split("/"))
    return date(year, month, number)


def days_off(text: str) -> list[date]:
    """'27/4/2025, 30/4/2025–4/5/2025': single days and runs of days, in order."""
    found: list[date] = []
    for item in text.split(", "):
        first, _, last = item.partition("–")
        found += days(day(first), day(last or first))
    return found


# The government's schedule for officials: a stretch of days around each holiday and the days
# off in it; every other day of the stretch is a working day (a worked Saturday included).
OFFICIAL_SCHEDULES = [
    ("New Year 2024", "29/12/2023", "2/1/2024", "30/12/2023–1/1/2024"),
    (
        "Tết 2024: Thu 8/2 to Wed 14/2",
        "5/2/2024",
        "19/2/2024",
        "8/2/2024–14/2/2024, 17/2/2024–18/2/2024",
    ),
    ("Giỗ Tổ 2024", "17/4/2024", "19/4/2024", "18/4/2024"),
    (
        "30/4 2024: Mon 29/4 off, Sat 4/5 worked",
        "26/4/2024",
        "6/5/2024",
        "27/4/2024–1/5/2024, 5/5/2024",
    ),
    ("2/9 2024 with Tue 3/9", "30/8/2024", "4/9/2024", "31/8/2024–3/9/2024"),
    ("New Year 2025", "31/12/2024", "2/1/2025", "1/1/2025"),
    ("Tết 2025: Sat 25/1 to Sun 2/2", "24/1/2025", "3/2/2025", "25/1/2025–2/2/2025"),
    ("Giỗ Tổ 2025", "4/4/2025", "8/4/2025", "5/4/2025–7/4/2025"),
    (
        "30/4 2025: Fri 2/5 off, Sat 26/4 worked",
        "25/4/2025",
        "5/5/2025",
        "27/4/2025, 30/4/2025–4/5/2025",
    ),
    ("2/9 2025 with Mon 1/9", "29/8/2025", "3/9/2025", "30/8/2025–2/9/2025"),
    ("Tết 2026: Sat 14/2 to Sun 22/2", "13/2/2026", "23/2/2026", "14/2/2026–22/2/2026"),
    (
        "Giỗ Tổ 2026 on Sun 26/4, given back Mon 27/4",
        "24/4/2026",
        "28/4/2026",
        "25/4/2026–27/4/2026",
    ),
    ("30/4 2026 on Thu, 1/5 on Fri", "29/4/2026", "4/5/2026", "30/4/2026–3/5/2026"),
    (
        "2/9 2026: Mon 31/8 off, Sat 22/8 worked",
        "21/8/2026",
        "3/9/2026",
        "23/8/2026, 29/8/2026–2/9/2026",
    ),
    ("Vietnam Culture Day 24/11 from 2026", "23/11/2026", "25/11/2026", "24/11/2026"),
]


@pytest.mark.parametrize(
    ("first", "last", "off"),
    [schedule[1:] for schedule in OFFICIAL_SCHEDULES],
    ids=[schedule[0] for schedule in OFFICIAL_SCHEDULES],
)
def test_working_days_follow_the_official_schedule_day_by_day(
    first: str, last: str, off: str
) -> None:
    stretch = days(day(first), day(last))
    expected = {each: each not in days_off(off) for each in stretch}
    assert {each: CALENDAR.is_working_day(each) for each in stretch} == expected
    assert CALENDAR.days_off(day(first), day(last)) == days_off(off)


@pytest.mark.parametrize(
    ("day", "last_day"),
    [
        (date(2025, 1, 29), date(2025, 2, 3)),  # mùng 1 Tết Ất Tỵ
        (date(2025, 4, 26), date(2025, 4, 26)),  # a worked Saturday is a working day
        (date(2025, 4, 30), date(2025, 5, 5)),
        (date(2024, 6, 22), date(2024, 6, 24)),  # an ordinary Saturday
        (date(2024, 6, 24), date(2024, 6, 24)),
        (date(2026, 2, 14), date(2026, 2, 23)),
    ],
)
def test_a_last_day_that_is_a_day_off_moves_to_the_next_working_day(
    day: date, last_day: date
) -> None:
    assert CALENDAR.last_day(day) == last_day


def test_next_and_previous_working_day_skip_tet() -> None:
    assert CALENDAR.next_working_day(date(2025, 1, 24)) == date(2025, 2, 3)
    assert CALENDAR.previous_working_day(date(2025, 2, 3)) == date(2025, 1, 24)
    assert CALENDAR.next_working_day(date(2025, 4, 25)) == date(2025, 4, 26)


def test_a_year_outside_the_range_is_added_when_asked() -> None:
    calendar = WorkingCalendar(2024, 2024)
    assert calendar.is_day_off(date(2026, 8, 31))
    assert calendar.is_working_day(date(2026, 8, 22))
    assert 2026 in calendar.years


def test_an_administrator_adds_a_day_off_and_a_worked_saturday() -> None:
    calendar = WorkingCalendar(
        2027,
        2027,
        overrides=[
            CalendarOverride(date(2027, 2, 12), "off", "nghỉ thêm dịp Tết"),
            (date(2027, 2, 20), "working"),
        ],
    )
    assert CALENDAR.is_working_day(date(2027, 2, 12))
    assert calendar.is_day_off(date(2027, 2, 12))
    assert CALENDAR.is_day_off(date(2027, 2, 20))
    assert calendar.is_working_day(date(2027, 2, 20))
    assert calendar.last_day(date(2027, 2, 12)) == date(2027, 2, 15)
    assert calendar.day_off_reason(date(2027, 2, 12)) == "nghỉ thêm dịp Tết"


def test_an_administrator_cancels_a_holiday_the_package_foresaw() -> None:
    foreseen = date(2027, 2, 10)  # mùng 5 Tết Đinh Mùi, foreseen as given back
    assert CALENDAR.is_day_off(foreseen)
    calendar = WorkingCalendar(2027, 2027, overrides=[(foreseen, "working")])
    assert calendar.is_working_day(foreseen)
    assert calendar.last_day(date(2027, 2, 7)) == foreseen


def test_the_later_of_two_overrides_of_one_day_wins() -> None:
    day = date(2027, 3, 1)
    calendar = WorkingCalendar(2027, 2027, overrides=[(day, "off"), (day, "working")])
    assert calendar.is_working_day(day)


def test_an_override_of_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError):
        WorkingCalendar(2027, 2027, overrides=[(date(2027, 3, 1), "holiday")])


@pytest.mark.parametrize(
    ("day", "kind", "reason"),
    [
        (date(2027, 3, 1), "off", None),
        (date(2027, 3, 6), "working", None),
        (date(2027, 3, 6), "off", "clock.override_no_change"),  # a Saturday is off already
        (date(2027, 3, 1), "working", "clock.override_no_change"),
        (date(2027, 3, 1), "holiday", "clock.override_kind"),
        (date(2027, 2, 12), "working", "clock.override_twice"),
    ],
)
def test_an_override_that_changes_nothing_or_repeats_a_day_is_reported(
    day: date, kind: str, reason: str | None
) -> None:
    calendar = WorkingCalendar(2027, 2027, overrides=[(date(2027, 2, 12), "off")])
    problems = calendar.check_override(day, kind)
    assert [problem.reason for problem in problems] == ([reason] if reason else [])


def test_a_day_off_says_why_in_the_operators_language() -> None:
    try:
        set_language("en")
        assert CALENDAR.day_off_reason(date(2025, 9, 2)) == "National Day"
        assert CALENDAR.day_off_reason(date(2025, 3, 8)) == "weekend"
        set_language("vi")
        assert CALENDAR.day_off_reason(date(2025, 9, 2)) == "Quốc khánh"
        assert CALENDAR.day_off_reason(date(2025, 3, 10)) is None
    finally:
        set_language("vi")
