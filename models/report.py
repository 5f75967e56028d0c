"""The review (sơ kết): the figures of DOMAIN.md for a closed period, counted by SQL aggregates."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import and_, case, extract, func, or_, select, true
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col

from models import access
from models.awards import AwardDecision, AwardRecipient
from models.base import Actor
from models.campaigns import Campaign
from models.cases import Case
from models.i18n import current_language, t
from models.links import CaseSuspectLink
from models.localities import Locality
from models.registry import kind_of
from models.suspects import Suspect
from models.text import format_date, format_percent
from models.tips import VERIFIED_OUTCOMES, Tip
from models.units import Unit


@dataclass(frozen=True)
class Review:
    start: date
    end: date
    tips_received: int
    tips_exchanged: int
    tips_verified: int
    tips_overdue: int
    campaigns_held: int
    cases_occurred: int
    cases_cleared: int
    cases_joint_cleared: int
    suspects_arrested: int
    awards_collective: int
    awards_individual: int
    unit_names: list[str] = field(default_factory=list)

    @property
    def clearance_rate(self) -> float:
        return self.cases_cleared / self.cases_occurred if self.cases_occurred else 0.0

    def as_json(self) -> dict[str, Any]:
        """The report's JSON keys, nested: `tips.received` is `["tips"]["received"]`."""
        return {
            "period": {"from": self.start.isoformat(), "to": self.end.isoformat()},
            "tips": {
                "received": self.tips_received,
                "exchanged": self.tips_exchanged,
                "verified": self.tips_verified,
                "overdue": self.tips_overdue,
            },
            "campaigns": {"held": self.campaigns_held},
            "cases": {
                "occurred": self.cases_occurred,
                "cleared": self.cases_cleared,
                "clearance_rate": round(self.clearance_rate, 4),
                "joint_cleared": self.cases_joint_cleared,
            },
            "suspects": {"arrested": self.suspects_arrested},
            "awards": {
                "collective": self.awards_collective,
                "individual": self.awards_individual,
            },
        }

    def as_text(self) -> str:
        """The review as the seed phrases it, in the current language."""
        english = current_language() == "en"
        rate = format_percent(self.clearance_rate, decimal_separator="." if english else ",")
        lines = [
            t("report.title"),
            "",
            t("report.period", start=format_date(self.start), end=format_date(self.end)),
        ]
        if self.unit_names:
            lines.append(t("report.units", names=join_names(self.unit_names)))
        lines += [
            t(
                "report.tips",
                received=self.tips_received,
                exchanged=self.tips_exchanged,
                verified=self.tips_verified,
            ),
            t("report.overdue", overdue=self.tips_overdue, end=format_date(self.end)),
            t("report.campaigns", held=self.campaigns_held),
            t(
                "report.cases",
                cleared=self.cases_cleared,
                occurred=self.cases_occurred,
                rate=rate,
                joint=self.cases_joint_cleared,
            ),
            t("report.suspects", arrested=self.suspects_arrested),
            t(
                "report.awards",
                collective=self.awards_collective,
                individual=self.awards_individual,
            ),
        ]
        return "\n".join(lines)


def join_names(names: list[str]) -> str:
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {t('word.and')} {names[-1]}"


def _between(column: Any, start: date, end: date) -> ColumnElement[bool]:
    return and_(column >= start, column <= end)


FIGURES = (
    "tips_received",
    "tips_exchanged",
    "tips_verified",
    "tips_overdue",
    "campaigns_held",
    "cases_occurred",
    "cases_cleared",
    "clearance_rate",
    "cases_joint_cleared",
    "suspects_arrested",
    "awards_collective",
    "awards_individual",
)
# The kind of record each figure counts (the list a figure opens in the app).
FIGURE_KINDS = {
    "tips_received": "tips",
    "tips_exchanged": "tips",
    "tips_verified": "tips",
    "tips_overdue": "tips",
    "campaigns_held": "campaigns",
    "cases_occurred": "cases",
    "cases_cleared": "cases",
    "cases_joint_cleared": "cases",
    "suspects_arrested": "suspects",
    "awards_collective": "award_recipients",
    "awards_individual": "award_recipients",
}


def _border_zone_case() -> ColumnElement[bool]:
    border_zone = select(col(Locality.id)).where(col(Locality.border_zone))
    return col(Case.locality_id).in_(border_zone)


def _visible(actor: Actor | None, kind: str) -> ColumnElement[bool]:
    return true() if actor is None else access.visible(actor, kind)


def figure_condition(
    figure: str, start: date, end: date, actor: Actor | None = None
) -> ColumnElement[bool]:
    """Which records of FIGURE_KINDS[figure] a figure counts: the one definition of each
    figure, used for the count and for the list of records behind it. With an actor, only
    the records they may read (models.access); without, all (the local administrator)."""
    return and_(_figure_condition(figure, start, end, actor), _visible(actor, FIGURE_KINDS[figure]))


def _figure_condition(
    figure: str, start: date, end: date, actor: Actor | None
) -> ColumnElement[bool]:
    received = _between(col(Tip.received_on), start, end)
    exchanged = col(Tip.partner_unit_id).is_not(None)
    occurred = and_(_border_zone_case(), _between(col(Case.occurred_on), start, end))
    cleared = and_(occurred, col(Case.cleared_on).is_not(None), col(Case.cleared_on) <= end)
    if figure == "tips_received":
        return received
    if figure == "tips_exchanged":
        return and_(received, exchanged)
    if figure == "tips_verified":
        return and_(
            exchanged,
            col(Tip.status).in_(VERIFIED_OUTCOMES),
            _between(col(Tip.resolved_on), start, end),
        )
    if figure == "tips_overdue":
        return and_(
            col(Tip.received_on) <= end,
            or_(col(Tip.resolved_on).is_(None), col(Tip.resolved_on) > end),
            col(Tip.deadline_on) < end,
        )
    if figure == "campaigns_held":
        return _between(col(Campaign.starts_on), start, end)
    if figure == "cases_occurred":
        return occurred
    if figure == "cases_cleared":
        return cleared
    if figure == "cases_joint_cleared":
        return and_(cleared, col(Case.coordination) == "joint")
    if figure == "suspects_arrested":
        border_cases = (
            select(col(CaseSuspectLink.suspect_id))
            .join(Case, col(Case.id) == col(CaseSuspectLink.case_id))
            .where(_border_zone_case(), _visible(actor, "cases"))
        )
        return and_(
            _between(col(Suspect.arrested_on), start, end), col(Suspect.id).in_(border_cases)
        )
    if figure in ("awards_collective", "awards_individual"):
        decisions = select(col(AwardDecision.id)).where(
            _between(col(AwardDecision.decided_on), start, end)
        )
        return and_(
            col(AwardRecipient.recipient_kind) == figure.removeprefix("awards_"),
            col(AwardRecipient.decision_id).in_(decisions),
        )
    raise KeyError(figure)


def count_figure(
    session: Session, figure: str, start: date, end: date, actor: Actor | None = None
) -> int:
    table = kind_of(FIGURE_KINDS[figure]).table
    statement = select(func.count()).select_from(table)
    return session.scalar(statement.where(figure_condition(figure, start, end, actor))) or 0


def compute(session: Session, start: date, end: date, actor: Actor | None = None) -> Review:
    """Every figure by an aggregate query each; no record is loaded into Python.

    The figures count only the records `actor` may read (models.access); without an actor,
    every record (the local administrator's review).
    """
    counts = {
        figure: count_figure(session, figure, start, end, actor)
        for figure in FIGURES
        if figure != "clearance_rate"
    }
    lead_units = select(col(Case.lead_unit_id)).where(
        figure_condition("cases_occurred", start, end, actor)
    )
    unit_names = session.scalars(
        select(col(Unit.name)).where(col(Unit.id).in_(lead_units)).order_by(col(Unit.name))
    ).all()
    return Review(start=start, end=end, unit_names=list(unit_names), **counts)


def months(
    session: Session, start: date, end: date, actor: Actor | None = None
) -> list[tuple[int, int, int, int]]:
    """(year, month, border-zone cases occurred, of them cleared by `end`) for each month."""
    year = extract("year", col(Case.occurred_on))
    month = extract("month", col(Case.occurred_on))
    cleared = and_(col(Case.cleared_on).is_not(None), col(Case.cleared_on) <= end)
    statement = (
        select(year, month, func.count(), func.count(case((cleared, 1))))
        .where(figure_condition("cases_occurred", start, end, actor))
        .group_by(year, month)
    )
    found = {(int(y), int(m)): (n, c) for y, m, n, c in session.execute(statement)}
    result = []
    cursor = date(start.year, start.month, 1)
    while cursor <= end:
        occurred, cleared_count = found.get((cursor.year, cursor.month), (0, 0))
        result.append((cursor.year, cursor.month, occurred, cleared_count))
        cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    return result
