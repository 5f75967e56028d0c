"""Every kind of record by name: the one place that lists them (see models.kinds)."""

from collections.abc import Callable
from typing import Any

from sqlmodel import Session

from models.awards import AWARD_DECISIONS, AWARD_RECIPIENTS
from models.calendar_days import CALENDAR_DAYS
from models.campaigns import CAMPAIGNS
from models.cases import CASES
from models.clock_decisions import CLOCK_DECISIONS, prepare_tip, refresh_tip
from models.investigations import (
    prepare_case,
    refresh_calendar_days,
    refresh_case,
    refresh_decided,
)
from models.kinds import KIND_NAMES, Kind
from models.localities import LOCALITIES
from models.operators import OPERATORS
from models.regulations import REGULATIONS
from models.reviews import REVIEWS
from models.stations import STATIONS
from models.suspects import SUSPECTS
from models.tips import TIPS
from models.units import UNITS
from models.workdays import WorkingCalendar

# Keyed by KindName; typed by str so that any name may be looked up (KeyError if unknown).
KINDS: dict[str, Kind[Any]] = {
    kind.name: kind
    for kind in (
        UNITS,
        LOCALITIES,
        CAMPAIGNS,
        TIPS,
        CASES,
        SUSPECTS,
        AWARD_DECISIONS,
        AWARD_RECIPIENTS,
        OPERATORS,
        CALENDAR_DAYS,
        CLOCK_DECISIONS,
        REVIEWS,
        REGULATIONS,
        STATIONS,
    )
}
assert tuple(KINDS) == KIND_NAMES, "every kind is registered once, in KindName's order"
# Fields only the owning unit's scope sees, whatever the kind.
PROTECTED_FIELDS = frozenset().union(*(kind.protected for kind in KINDS.values()))


# What a write changes in other records' derived columns, done after it is flushed: a tip's
# deadline follows its decisions and the calendar, so does a case's investigation deadline.
REFRESH: dict[str, Callable[[Session, Any], None]] = {
    "tips": refresh_tip,
    "cases": refresh_case,
    "clock_decisions": refresh_decided,
    "calendar_days": refresh_calendar_days,
}
# The same derived columns for a new record of an import (models.bulk), computed in Python from
# the record alone (a new record has no decision yet): no query per row.
PREPARE: dict[str, Callable[[WorkingCalendar, Any], None]] = {
    "tips": prepare_tip,
    "cases": prepare_case,
}


def kind_of(name: str) -> Kind[Any]:
    """The kind called `name` (KeyError for another name)."""
    return KINDS[name]


def kind_of_table(table: Any) -> Kind[Any]:
    """The kind whose records live in `table` (a table class or its name)."""
    return kind_of(table if isinstance(table, str) else str(table.__tablename__))
