"""The administrators' corrections of the working-day calendar, kept in the database: one
record per day, `off` (a day off the `holidays` package does not know: the official Tết
schedule, a swapped day) or `working` (a holiday that is worked, a worked Saturday).

A record's code is its day in ISO form (`2025-04-26`), so `calendar remove 2025-04-26` finds
it. Written through models.records like every record: admins only, logged in the change log.
`working_calendar` builds the models.workdays calendar with them applied; `year_days` lists a
year as `calendar list` and the app's calendar screen show it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Literal

from sqlmodel import Field, Session, SQLModel, col, select

from models.base import NAME_MAX, Day, OptionalName, RecordColumns
from models.kinds import Checker, Kind, find_by_code
from models.workdays import CalendarOverride, WorkingCalendar


class CalendarDay(RecordColumns, table=True):
    __tablename__ = "calendar_days"

    day: date = Field(unique=True, index=True)
    kind: str = Field(max_length=10)
    note: str | None = Field(default=None, max_length=NAME_MAX)


class CalendarDayCreate(SQLModel):
    day: Day
    kind: Literal["off", "working"]
    note: OptionalName = None


def _apply(checker: Checker, record: CalendarDay, data: CalendarDayCreate) -> None:
    code = data.day.isoformat()
    if record.code != code:
        # A day that already has its record is corrected by editing it, not by a second one.
        stored = [] if find_by_code(checker.session, CalendarDay, code) is None else [data.day]
        calendar = WorkingCalendar(data.day.year, data.day.year, [(day, "off") for day in stored])
        for problem in calendar.check_override(data.day, data.kind):
            checker.problem(problem.field, problem.value, problem.reason, **problem.params)
    record.code, record.day, record.kind, record.note = code, data.day, data.kind, data.note


def _snapshot(record: CalendarDay) -> dict[str, Any]:
    return {"day": record.day, "kind": record.kind, "note": record.note}


CALENDAR_DAYS = Kind(
    "calendar_days",
    CalendarDay,
    CalendarDayCreate,
    _apply,
    _snapshot,
    title_field="note",
    owner_field="day",
    enums={"kind": "calendar_kind"},
)


def overrides(session: Session, year: int | None = None) -> list[CalendarOverride]:
    """The stored corrections, in day order (of one year when `year` is given)."""
    statement = select(CalendarDay).order_by(col(CalendarDay.day))
    if year is not None:
        statement = statement.where(
            col(CalendarDay.day) >= date(year, 1, 1), col(CalendarDay.day) <= date(year, 12, 31)
        )
    return [
        CalendarOverride(row.day, _kind(row.kind), row.note or "")
        for row in session.exec(statement)
    ]


def _kind(value: str) -> Literal["off", "working"]:
    return "working" if value == "working" else "off"


def working_calendar(
    session: Session, first_year: int = 2018, last_year: int | None = None
) -> WorkingCalendar:
    """Vietnam's calendar with the administrators' corrections stored in the database.

    Building one takes a second or more (the `holidays` package, day by day), so a process
    keeps the few it built, by their corrections: a session costs one query for them."""
    last_year = last_year if last_year is not None else date.today().year + 2
    return _built(first_year, last_year, tuple(overrides(session)))


@lru_cache(maxsize=8)
def _built(
    first_year: int, last_year: int, corrections: tuple[CalendarOverride, ...]
) -> WorkingCalendar:
    return WorkingCalendar(first_year, last_year, corrections)


@dataclass(frozen=True)
class YearDay:
    """A day of a year's calendar worth listing: a day off other than a Saturday or a Sunday,
    or a day an administrator corrected. `reason` is why it is off (the holiday's name, in the
    operator's language, or the correction's note), or the note of a worked day; `corrected`
    is the correction's kind, with its record's id and version to remove it by."""

    day: date
    off: bool
    reason: str
    corrected: str | None = None
    record_id: uuid.UUID | None = None
    version: int = 0


def year_days(session: Session, year: int, visible: Any = None) -> list[YearDay]:
    """The year's public holidays, Tết and days given back that fall on weekdays (from the
    `holidays` package) and the stored corrections (those `visible`, a where clause, lets the
    caller read), in day order."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    calendar = working_calendar(session, year, year)
    statement = select(CalendarDay).where(
        col(CalendarDay.day) >= first, col(CalendarDay.day) <= last
    )
    if visible is not None:
        statement = statement.where(visible)
    corrected = {row.day: row for row in session.exec(statement)}
    weekdays_off = {day for day in calendar.days_off(first, last) if day.weekday() < 5}
    listed = []
    for day in sorted(weekdays_off | set(corrected)):
        row = corrected.get(day)
        off = calendar.is_day_off(day)
        reason = (calendar.day_off_reason(day) if off else None) or (row.note if row else "")
        listed.append(
            YearDay(
                day,
                off,
                reason or "",
                row.kind if row else None,
                row.id if row else None,
                row.version if row else 0,
            )
        )
    return listed
