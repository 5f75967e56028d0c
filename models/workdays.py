"""Vietnam's working-day calendar, for the legal clock (Criminal Procedure Code art. 134).

Days off are Saturdays, Sundays, public holidays and Tết. The public holidays, the days given
back when a holiday falls on a weekend and the government's yearly swaps (2025: Friday 2/5 off,
Saturday 26/4 worked) come from the `holidays` package, which computes Tết and Giỗ Tổ with the
Vietnamese lunar calendar (UTC+7). Each year's schedule is announced late and may differ from
what the package foresees, so administrators keep overrides per day: a day added as a day off, or
a day that is worked (a holiday cancelled, a worked Saturday). Overrides are plain data here; the
caller stores them.

A calendar is built once for a range of years and answers `is_working_day` from a set; a year
outside the range is added the first time it is asked about.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType
from typing import Literal, get_args

import holidays

from models.errors import Problem
from models.i18n import current_language, register, t
from models.text import format_date

OverrideKind = Literal["off", "working"]
OVERRIDE_KINDS: tuple[str, ...] = get_args(OverrideKind)
_ONE_DAY = timedelta(days=1)
_LIBRARY_LANGUAGE = {"vi": "vi", "en": "en_US"}

MESSAGES = {
    "clock.weekend": ("ngày nghỉ hằng tuần", "weekend"),
    "clock.override_off": ("ngày nghỉ do quản trị viên thêm", "day off added by an administrator"),
    "clock.override_kind": (
        "loại điều chỉnh phải là off (ngày nghỉ) hoặc working (ngày làm việc)",
        "an override is off (a day off) or working (a working day)",
    ),
    "clock.override_no_change": (
        "ngày {day} vốn đã là {state}; điều chỉnh này không thay đổi gì",
        "{day} is already {state}; this override changes nothing",
    ),
    "clock.override_twice": (
        "ngày {day} đã có điều chỉnh khác",
        "{day} already has another override",
    ),
    "clock.state_off": ("ngày nghỉ", "a day off"),
    "clock.state_working": ("ngày làm việc", "a working day"),
}
register(MESSAGES)


@dataclass(frozen=True)
class CalendarOverride:
    """An administrator's correction of one day: `off` makes it a day off, `working` a working
    day (a holiday that is worked, a worked Saturday or Sunday)."""

    day: date
    kind: OverrideKind
    note: str = ""


def _as_override(item: CalendarOverride | tuple[date, str]) -> CalendarOverride:
    if isinstance(item, CalendarOverride):
        return item
    day, kind = item
    if kind not in OVERRIDE_KINDS:
        raise ValueError(f"override kind must be one of {OVERRIDE_KINDS}, not {kind!r}")
    return CalendarOverride(day, kind)  # type: ignore[arg-type]


class WorkingCalendar:
    """Which days are working days in Vietnam, with administrators' overrides applied.

    `overrides` is any iterable of `CalendarOverride` or `(day, "off" | "working")`; when one day
    appears twice the later entry wins (a table keyed by day never has two).
    """

    def __init__(
        self,
        first_year: int = 2018,
        last_year: int | None = None,
        overrides: Iterable[CalendarOverride | tuple[date, str]] = (),
    ) -> None:
        last_year = last_year if last_year is not None else date.today().year + 2
        if last_year < first_year:
            raise ValueError("last_year must not be before first_year")
        # Fixed once built (clocks computed from it may be cached): a changed override is a new
        # calendar.
        self._overrides: dict[date, CalendarOverride] = {}
        for item in overrides:
            override = _as_override(item)
            self._overrides[override.day] = override
        self._library = holidays.country_holidays("VN", years=range(first_year, last_year + 1))
        self._names: dict[str, holidays.HolidayBase] = {}
        self._years: set[int] = set()
        self._off: set[date] = set()
        self._rolled: dict[date, date] = {}  # day off → the next working day, as asked
        for year in range(first_year, last_year + 1):
            self._add_year(year)

    def _add_year(self, year: int) -> None:
        day = date(year, 1, 1)
        while day.year == year:
            if not self._base_is_working_day(day):
                self._off.add(day)
            day += _ONE_DAY
        for override in self._overrides.values():
            if override.day.year == year:
                if override.kind == "off":
                    self._off.add(override.day)
                else:
                    self._off.discard(override.day)
        self._years.add(year)

    def _base_is_working_day(self, day: date) -> bool:
        # The package's own answer (weekends, holidays, days given back, worked weekend days);
        # it adds a year it has not computed yet by itself.
        return bool(self._library.is_working_day(day))

    @property
    def overrides(self) -> Mapping[date, CalendarOverride]:
        return MappingProxyType(self._overrides)

    @property
    def years(self) -> range:
        return range(min(self._years), max(self._years) + 1)

    def is_working_day(self, day: date) -> bool:
        if day.year not in self._years:
            self._add_year(day.year)
        return day not in self._off

    def is_day_off(self, day: date) -> bool:
        return not self.is_working_day(day)

    def next_working_day(self, day: date) -> date:
        """The first working day after `day`."""
        day += _ONE_DAY
        while not self.is_working_day(day):
            day += _ONE_DAY
        return day

    def previous_working_day(self, day: date) -> date:
        """The last working day before `day`."""
        day -= _ONE_DAY
        while not self.is_working_day(day):
            day -= _ONE_DAY
        return day

    def last_day(self, day: date) -> date:
        """Art. 134: a limit ending on a day off ends on the next working day instead."""
        if self.is_working_day(day):
            return day
        rolled = self._rolled.get(day)
        if rolled is None:
            rolled = self._rolled[day] = self.next_working_day(day)
        return rolled

    def days_off(self, first: date, last: date) -> list[date]:
        """The days off from `first` to `last`, both included, in order."""
        days, day = [], first
        while day <= last:
            if not self.is_working_day(day):
                days.append(day)
            day += _ONE_DAY
        return days

    def day_off_reason(self, day: date) -> str | None:
        """Why `day` is a day off, in the operator's language; None on a working day."""
        if self.is_working_day(day):
            return None
        override = self._overrides.get(day)
        if override is not None:
            return override.note or t("clock.override_off")
        language = _LIBRARY_LANGUAGE.get(current_language(), "vi")
        if language not in self._names:
            self._names[language] = holidays.country_holidays("VN", language=language)
        name = self._names[language].get(day)
        return str(name) if name else t("clock.weekend")

    def check_override(self, day: date, kind: str) -> list[Problem]:
        """What is wrong with adding the override `(day, kind)`: a kind that is neither `off`
        nor `working`, a day that already has an override, or an override that changes nothing
        (the day is already a day off, or already a working day, without any override)."""
        if kind not in OVERRIDE_KINDS:
            return [Problem("kind", kind, "clock.override_kind")]
        if day in self._overrides:
            return [Problem("day", day, "clock.override_twice", {"day": format_date(day)})]
        if day.year not in self._years:
            self._add_year(day.year)
        base_working = self._base_is_working_day(day)
        if base_working == (kind == "working"):
            state = t("clock.state_working" if base_working else "clock.state_off")
            return [
                Problem(
                    "day",
                    day,
                    "clock.override_no_change",
                    {"day": format_date(day), "state": state},
                )
            ]
        return []
