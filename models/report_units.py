"""The review beside the same period one year earlier, and split by unit.

Which unit a figure belongs to (the record's own unit, as the models hold it):

- a tip: its receiving unit (the partner only helped);
- a case: its lead unit;
- an arrested suspect: the lead unit of their first border-zone case (by date, then code) among
  the cases the actor may read, so that each arrest counts for one unit;
- an award recipient: the recipient's unit; a recipient without one (a civilian) belongs to the
  unit of the decision, which is the unit of its first recipient (by code) that has one;
- a campaign is held by its units together and belongs to none.

Each record's unit is then rolled up to the top units of the review: the units that hold
records of the period and have no ancestor that holds any (a commune's police under Sông Cầu's
count as Sông Cầu's). The units come first by how many records they hold, then by code: the
first is the host. Every figure is counted by aggregate queries grouped by unit, one per base
condition (models.report.counts_by); no record is loaded.
"""

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select, true
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col

from models import access
from models.awards import AwardRecipient
from models.base import Actor
from models.cases import Case
from models.documents.figures import Figures, figures_from_reviews, sentences
from models.i18n import register, t
from models.links import CaseSuspectLink
from models.report import Review, border_zone_case, compute, counts_by, join_names
from models.suspects import Suspect
from models.text import format_date
from models.tips import Tip
from models.units import Unit

MESSAGES: dict[str, tuple[str, str]] = {
    "doc.year": ("Năm {year}", "{year}"),
    "report.previous": (
        "So với cùng kỳ năm trước, từ ngày {start} đến ngày {end}.",
        "Against the same period a year earlier, from {start} to {end}.",
    ),
}
register(MESSAGES)

# The figures that belong to a unit, by the base condition that counts them.
UNIT_BASES = ("received", "resolved", "overdue", "occurred", "arrested", "decided")


def a_year_earlier(day: date) -> date:
    """The same day one year earlier; 29/02 becomes 28/02."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def year_of(start: date, end: date) -> int | None:
    """The year a period is, when it is a calendar year or the police statistical year (15/12
    of the year before to 14/12); None for any other period."""
    if (start, end) == (date(end.year, 1, 1), date(end.year, 12, 31)):
        return end.year
    if (start, end) == (date(end.year - 1, 12, 15), date(end.year, 12, 14)):
        return end.year
    return None


@dataclass(frozen=True)
class ReviewUnit:
    code: str
    name: str
    parent: str  # the parent body's name, "" for a unit at the top
    review: Review


@dataclass(frozen=True)
class ComparedReview:
    """A period's review, the same period one year earlier, and the review of each top unit."""

    current: Review
    previous: Review
    units: tuple[ReviewUnit, ...]

    def as_json(self) -> dict[str, Any]:
        """The report's keys, then `previous` (the same keys) and `units` (by unit code, the
        keys of the figures that belong to a unit: tips, cases, suspects, awards)."""
        return {
            **self.current.as_json(),
            "previous": self.previous.as_json(),
            "units": {unit.code: unit_json(unit.review) for unit in self.units},
        }

    def figures(self) -> Figures:
        """The figures as the documents state them, with the comparison and the split."""
        year = year_of(self.current.start, self.current.end)
        return figures_from_reviews(
            self.current,
            self.previous,
            [(unit.name, unit.review) for unit in self.units],
            current_label=t("doc.year", year=year) if year else "",
            previous_label=t("doc.year", year=year - 1) if year else "",
        )

    def as_text(self) -> str:
        """The review as sentences: each figure, its split by unit, its change."""
        current, previous = self.current, self.previous
        names = [unit.name for unit in self.units]
        start, end = format_date(previous.start), format_date(previous.end)
        return "\n".join(
            [
                t("report.title"),
                "",
                *review_lines(current.start, current.end, names, self.figures()),
                t("report.previous", start=start, end=end),
            ]
        )


def review_lines(start: date, end: date, unit_names: list[str], figures: Figures) -> list[str]:
    """The period, the units, and each figure as the documents word it ("- Tiếp nhận …")."""
    lines = [t("report.period", start=format_date(start), end=format_date(end))]
    if unit_names:
        lines.append(t("report.units", names=join_names(unit_names)))
    return lines + [f"- {said}." for said in sentences(figures)]


def unit_json(review: Review) -> dict[str, Any]:
    figures = review.as_json()
    return {key: figures[key] for key in ("tips", "cases", "suspects", "awards")}


def compare(session: Session, start: date, end: date, actor: Actor | None = None) -> ComparedReview:
    """The review of [start, end], of the same period one year earlier, and by unit."""
    current = compute(session, start, end, actor)
    previous = compute(session, a_year_earlier(start), a_year_earlier(end), actor)
    return ComparedReview(current, previous, by_unit(session, start, end, actor))


def _visible(actor: Actor | None, kind: str) -> ColumnElement[bool]:
    return true() if actor is None else access.visible(actor, kind)


def unit_of(base: str, actor: Actor | None) -> Any:
    """The unit a record counted by `base` belongs to (the module's docstring gives the rule)."""
    if base in ("received", "resolved", "overdue"):
        return col(Tip.receiving_unit_id)
    if base == "occurred":
        return col(Case.lead_unit_id)
    if base == "arrested":
        return (
            select(col(Case.lead_unit_id))
            .select_from(CaseSuspectLink)
            .join(Case, col(Case.id) == col(CaseSuspectLink.case_id))
            .where(
                col(CaseSuspectLink.suspect_id) == col(Suspect.id),
                border_zone_case(),
                _visible(actor, "cases"),
            )
            .order_by(col(Case.occurred_on), col(Case.code))
            .limit(1)
            .scalar_subquery()
        )
    assert base == "decided"
    other = aliased(AwardRecipient)
    decision_unit = (
        select(col(other.recipient_unit_id))
        .where(
            col(other.decision_id) == col(AwardRecipient.decision_id),
            col(other.recipient_unit_id).is_not(None),
        )
        .order_by(col(other.code))
        .limit(1)
        .scalar_subquery()
    )
    return func.coalesce(col(AwardRecipient.recipient_unit_id), decision_unit)


def by_unit(
    session: Session, start: date, end: date, actor: Actor | None = None
) -> tuple[ReviewUnit, ...]:
    """Each top unit's own review of the figures that belong to a unit (campaigns: 0)."""
    counted: dict[uuid.UUID, dict[str, int]] = {}
    for base in UNIT_BASES:
        for unit, figures in counts_by(
            session, base, start, end, actor, unit_of(base, actor)
        ).items():
            if unit is not None and any(figures.values()):
                counted.setdefault(unit, {}).update(figures)
    units = {
        unit_id: (code, name, parent)
        for unit_id, code, name, parent in session.execute(
            select(col(Unit.id), col(Unit.code), col(Unit.name), col(Unit.parent_id))
        )
    }
    top: dict[uuid.UUID, dict[str, int]] = {}
    for unit, figures in counted.items():
        holder, cursor, seen = unit, units[unit][2], {unit}
        while cursor is not None and cursor not in seen:  # the highest ancestor holding records
            seen.add(cursor)
            holder = cursor if cursor in counted else holder
            cursor = units[cursor][2]
        totals = top.setdefault(holder, {})
        for figure, value in figures.items():
            totals[figure] = totals.get(figure, 0) + value
    empty: dict[str, Any] = dict.fromkeys(_UNIT_FIGURES, 0)
    order = sorted(top, key=lambda unit: (-sum(top[unit].values()), units[unit][0]))
    return tuple(
        ReviewUnit(
            code=units[unit][0],
            name=units[unit][1],
            parent=units[parent][1] if (parent := units[unit][2]) in units else "",
            review=Review(start=start, end=end, campaigns_held=0, **(empty | top[unit])),
        )
        for unit in order
    )


_UNIT_FIGURES = (
    "tips_received",
    "tips_exchanged",
    "tips_verified",
    "tips_overdue",
    "cases_occurred",
    "cases_cleared",
    "cases_joint_cleared",
    "suspects_arrested",
    "awards_collective",
    "awards_individual",
)
