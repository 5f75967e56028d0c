"""The review (sơ kết): the figures of DOMAIN.md for a closed period, counted by SQL aggregates."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col

from models.awards import AwardDecision, AwardRecipient
from models.campaigns import Campaign
from models.cases import Case
from models.i18n import current_language, t
from models.links import CaseSuspectLink
from models.localities import Locality
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


def border_zone_cases(start: date, end: date) -> Any:
    """Cases in border-zone localities that occurred in the period (the review's `cases`)."""
    return (
        select(Case)
        .join(Locality, col(Locality.id) == col(Case.locality_id))
        .where(col(Locality.border_zone), _between(col(Case.occurred_on), start, end))
    )


def count(condition: ColumnElement[bool]) -> Any:
    return func.count(case((condition, 1)))


def compute(session: Session, start: date, end: date) -> Review:
    """Every figure by a few aggregate queries; no record is loaded into Python."""
    received_on, resolved_on = col(Tip.received_on), col(Tip.resolved_on)
    tips_in_period = _between(received_on, start, end)
    exchanged = col(Tip.partner_unit_id).is_not(None)
    tips = select(
        count(tips_in_period),
        count(and_(tips_in_period, exchanged)),
        count(
            and_(
                exchanged,
                col(Tip.status).in_(VERIFIED_OUTCOMES),
                _between(resolved_on, start, end),
            )
        ),
        count(
            and_(
                received_on <= end,
                or_(resolved_on.is_(None), resolved_on > end),
                col(Tip.deadline_on) < end,
            )
        ),
    )
    cleared_on = col(Case.cleared_on)
    cleared = and_(cleared_on.is_not(None), cleared_on <= end)
    cases = border_zone_cases(start, end).with_only_columns(
        func.count(),
        count(cleared),
        count(and_(cleared, col(Case.coordination) == "joint")),
    )
    border_case_of_suspect = exists(
        select(1)
        .select_from(CaseSuspectLink)
        .join(Case, col(Case.id) == col(CaseSuspectLink.case_id))
        .join(Locality, col(Locality.id) == col(Case.locality_id))
        .where(col(CaseSuspectLink.suspect_id) == col(Suspect.id), col(Locality.border_zone))
    )
    arrested = select(func.count()).where(
        _between(col(Suspect.arrested_on), start, end), border_case_of_suspect
    )
    campaigns = select(func.count()).where(_between(col(Campaign.starts_on), start, end))
    recipient_kind = col(AwardRecipient.recipient_kind)
    awards = (
        select(count(recipient_kind == "collective"), count(recipient_kind == "individual"))
        .join(AwardDecision, col(AwardDecision.id) == col(AwardRecipient.decision_id))
        .where(_between(col(AwardDecision.decided_on), start, end))
    )
    lead_units = border_zone_cases(start, end).with_only_columns(col(Case.lead_unit_id))
    unit_names = session.scalars(
        select(col(Unit.name)).where(col(Unit.id).in_(lead_units)).order_by(col(Unit.name))
    ).all()
    tip_counts = session.execute(tips).one()
    case_counts = session.execute(cases).one()
    award_counts = session.execute(awards).one()
    return Review(
        start=start,
        end=end,
        tips_received=tip_counts[0],
        tips_exchanged=tip_counts[1],
        tips_verified=tip_counts[2],
        tips_overdue=tip_counts[3],
        campaigns_held=session.scalar(campaigns) or 0,
        cases_occurred=case_counts[0],
        cases_cleared=case_counts[1],
        cases_joint_cleared=case_counts[2],
        suspects_arrested=session.scalar(arrested) or 0,
        awards_collective=award_counts[0],
        awards_individual=award_counts[1],
        unit_names=list(unit_names),
    )
