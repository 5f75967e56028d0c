"""The review (sơ kết): the figures of DOMAIN.md for a closed period, counted by SQL aggregates."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import and_, case, exists, false, func, literal, or_, select, true
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col

from models import access
from models.awards import AwardDecision, AwardRecipient
from models.base import Actor
from models.campaigns import Campaign
from models.cases import Case
from models.i18n import current_language, t
from models.kinds import KindName
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
    # (year, month, border-zone cases occurred, of them cleared by the end): the pane's chart.
    months: list[tuple[int, int, int, int]] = field(default_factory=list)

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


def border_zone_case() -> ColumnElement[bool]:
    border_zone = select(col(Locality.id)).where(col(Locality.border_zone))
    return col(Case.locality_id).in_(border_zone)


def _visible(actor: Actor | None, kind: str) -> ColumnElement[bool]:
    return true() if actor is None else access.visible(actor, kind)


# What each figure counts, as (kind, base, extra): the records of `kind` that meet the base
# condition of the period and the extra one. Figures with one base are counted by one query,
# one pass over an index whose first column is the base's date.
Condition = Callable[[date, date], ColumnElement[bool]]
_BASES: dict[str, Condition] = {
    "received": lambda start, end: _between(col(Tip.received_on), start, end),
    "resolved": lambda start, end: _between(col(Tip.resolved_on), start, end),
    # Open at the end of the period (received by then, not resolved by then), its deadline
    # passed. The open ones are few whatever the history: the index on resolved_on finds them.
    "overdue": lambda start, end: and_(
        or_(col(Tip.resolved_on).is_(None), col(Tip.resolved_on) > end),
        col(Tip.received_on) <= end,
        col(Tip.deadline_on) < end,
    ),
    "held": lambda start, end: _between(col(Campaign.starts_on), start, end),
    "occurred": lambda start, end: and_(
        _between(col(Case.occurred_on), start, end), border_zone_case()
    ),
    "arrested": lambda start, end: _between(col(Suspect.arrested_on), start, end),
    "decided": lambda start, end: col(AwardRecipient.decision_id).in_(
        select(col(AwardDecision.id)).where(_between(col(AwardDecision.decided_on), start, end))
    ),
}


def _cleared(start: date, end: date) -> ColumnElement[bool]:
    return and_(col(Case.cleared_on).is_not(None), col(Case.cleared_on) <= end)


FIGURE_DEFINITIONS: dict[str, tuple[KindName, str, Condition | None]] = {
    "tips_received": ("tips", "received", None),
    "tips_exchanged": ("tips", "received", lambda s, e: col(Tip.partner_unit_id).is_not(None)),
    "tips_verified": (
        "tips",
        "resolved",
        lambda s, e: and_(
            col(Tip.partner_unit_id).is_not(None), col(Tip.status).in_(VERIFIED_OUTCOMES)
        ),
    ),
    "tips_overdue": ("tips", "overdue", None),
    "campaigns_held": ("campaigns", "held", None),
    "cases_occurred": ("cases", "occurred", None),
    "cases_cleared": ("cases", "occurred", _cleared),
    "cases_joint_cleared": (
        "cases",
        "occurred",
        lambda s, e: and_(_cleared(s, e), col(Case.coordination) == "joint"),
    ),
    "suspects_arrested": ("suspects", "arrested", None),  # … of a border-zone case (below)
    "awards_collective": (
        "award_recipients",
        "decided",
        lambda s, e: col(AwardRecipient.recipient_kind) == "collective",
    ),
    "awards_individual": (
        "award_recipients",
        "decided",
        lambda s, e: col(AwardRecipient.recipient_kind) == "individual",
    ),
}
# The kind of record each figure counts (the list a figure opens in the app).
FIGURE_KINDS: dict[str, KindName] = {
    figure: kind for figure, (kind, _, _) in FIGURE_DEFINITIONS.items()
}


def _base(base: str, start: date, end: date, actor: Actor | None) -> ColumnElement[bool]:
    condition = _BASES[base](start, end)
    if base == "arrested":  # suspects of border-zone cases (the actor may read)
        condition = and_(condition, col(Suspect.border_zone))
        if actor is not None:
            border_case = (
                select(1)
                .select_from(CaseSuspectLink)
                .join(Case, col(Case.id) == col(CaseSuspectLink.case_id))
                .where(
                    col(CaseSuspectLink.suspect_id) == col(Suspect.id),
                    border_zone_case(),
                    _visible(actor, "cases"),
                )
            )
            condition = and_(condition, exists(border_case))
    return condition


def figure_condition(
    figure: str, start: date, end: date, actor: Actor | None = None
) -> ColumnElement[bool]:
    """Which records of FIGURE_KINDS[figure] a figure counts: the one definition of each
    figure, used for the count and for the list of records behind it. With an actor, only
    the records they may read (models.access); without, all (the local administrator)."""
    kind, base, extra = FIGURE_DEFINITIONS[figure]
    conditions = [_base(base, start, end, actor), _visible(actor, kind)]
    if extra is not None:
        conditions.append(extra(start, end))
    return and_(*conditions)


def _counts(
    session: Session, base: str, start: date, end: date, actor: Actor | None
) -> dict[str, int]:
    """Every figure of one base, counted in one query."""
    return counts_by(session, base, start, end, actor)[None]


def counts_by(
    session: Session,
    base: str,
    start: date,
    end: date,
    actor: Actor | None,
    group: ColumnElement[Any] | None = None,
) -> dict[Any, dict[str, int]]:
    """Every figure of one base in one aggregate query, by the value of `group` (an expression
    on the base's table: a unit's id, a subquery); without a group, all of them under None."""
    figures = [figure for figure, (_, b, _) in FIGURE_DEFINITIONS.items() if b == base]
    kind = FIGURE_DEFINITIONS[figures[0]][0]
    extras = [FIGURE_DEFINITIONS[figure][2] for figure in figures]
    condition, visible = _base(base, start, end, actor), _visible(actor, kind)
    if base == "overdue" and actor is not None:
        # The tips resolved after the period are many for a past year and almost none are
        # counted: SQLite tests an operator's units only on the rows the period keeps.
        visible = case((condition, visible), else_=false())
    table = kind_of(kind).table
    if group is None:
        columns = [func.count(case((e(start, end), 1))) if e else func.count() for e in extras]
        row = session.execute(select(*columns).select_from(table).where(condition, visible)).one()
        return {None: dict(zip(figures, (value or 0 for value in row), strict=True))}
    # Summed over a subquery, so that `group` may be any expression on the table's rows.
    flags = [
        (case((e(start, end), 1), else_=0) if e else literal(1)).label(f"f{index}")
        for index, e in enumerate(extras)
    ]
    rows = select(group.label("unit"), *flags).select_from(table).where(condition, visible)
    inner = rows.subquery()
    sums = [func.sum(inner.c[f"f{index}"]) for index in range(len(figures))]
    return {
        unit: dict(zip(figures, (int(value or 0) for value in values), strict=True))
        for unit, *values in session.execute(select(inner.c.unit, *sums).group_by(inner.c.unit))
    }


def count_figure(
    session: Session, figure: str, start: date, end: date, actor: Actor | None = None
) -> int:
    table = kind_of(FIGURE_KINDS[figure]).table
    statement = select(func.count()).select_from(table)
    return session.scalar(statement.where(figure_condition(figure, start, end, actor))) or 0


Months = list[tuple[int, int, int, int]]


def _cases(
    session: Session, start: date, end: date, actor: Actor | None
) -> tuple[dict[str, int], Months, list[str]]:
    """The border-zone cases of the period in one pass: the three case figures, the months
    (year, month, occurred, of them cleared by `end`) and the names of the lead units."""
    day = col(Case.occurred_on)  # grouped by day, as the index is ordered; months in Python
    cleared = FIGURE_DEFINITIONS["cases_cleared"][2]
    joint = FIGURE_DEFINITIONS["cases_joint_cleared"][2]
    assert cleared is not None and joint is not None
    statement = (
        select(
            day,
            col(Case.lead_unit_id),
            func.count(),
            func.count(case((cleared(start, end), 1))),
            func.count(case((joint(start, end), 1))),
        )
        .where(_base("occurred", start, end, actor), _visible(actor, "cases"))
        .group_by(day, col(Case.lead_unit_id))
    )
    by_month: dict[tuple[int, int], list[int]] = {}
    totals = [0, 0, 0]
    leads = set()
    for occurred_on, lead, occurred, cleared_count, joint_count in session.execute(statement):
        counts = by_month.setdefault((occurred_on.year, occurred_on.month), [0, 0])
        counts[0] += occurred
        counts[1] += cleared_count
        totals = [totals[0] + occurred, totals[1] + cleared_count, totals[2] + joint_count]
        leads.add(lead)
    months = []
    cursor = date(start.year, start.month, 1)
    while cursor <= end:
        occurred, cleared_count = by_month.get((cursor.year, cursor.month), [0, 0])
        months.append((cursor.year, cursor.month, occurred, cleared_count))
        cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    names = session.scalars(
        select(col(Unit.name)).where(col(Unit.id).in_(leads)).order_by(col(Unit.name))
    ).all()
    figures = dict(
        zip(("cases_occurred", "cases_cleared", "cases_joint_cleared"), totals, strict=True)
    )
    return figures, months, list(names)


def compute(session: Session, start: date, end: date, actor: Actor | None = None) -> Review:
    """Every figure by aggregate queries, one per base condition (one pass each over an index
    whose first column is its date); no record is loaded into Python.

    The figures count only the records `actor` may read (models.access); without an actor,
    every record (the local administrator's review).
    """
    counts: dict[str, int] = {}
    for base in ("received", "resolved", "overdue", "held", "arrested", "decided"):
        counts |= _counts(session, base, start, end, actor)
    case_figures, by_month, unit_names = _cases(session, start, end, actor)
    return Review(
        start=start, end=end, unit_names=unit_names, months=by_month, **counts, **case_figures
    )


def months(session: Session, start: date, end: date, actor: Actor | None = None) -> Months:
    """(year, month, border-zone cases occurred, of them cleared by `end`) for each month."""
    return _cases(session, start, end, actor)[1]


def busiest_month(session: Session, actor: Actor | None = None) -> int:
    """The most border-zone cases that occurred in one month, over every month on record: the
    month chart's scale, so that one year's bars compare with another's."""
    first, last = session.execute(
        select(func.min(col(Case.occurred_on)), func.max(col(Case.occurred_on)))
    ).one()
    if first is None:
        return 0
    return max(occurred for _, _, occurred, _ in months(session, first, last, actor))
