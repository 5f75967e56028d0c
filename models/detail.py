"""One record as the detail view shows it: its fields, and the records linked to it."""

import uuid
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import and_, func, or_
from sqlmodel import Session, col, select

from models import access, records
from models.articles import article_label
from models.awards import AWARD_DECISIONS, AWARD_RECIPIENTS, AwardDecision, AwardRecipient
from models.base import Actor
from models.campaigns import CAMPAIGNS, Campaign, cases_condition
from models.cases import CASES, Case
from models.i18n import t
from models.links import CaseSuspectLink
from models.records import PROTECTED_FIELDS
from models.suspects import SUSPECTS, Suspect
from models.text import format_date, harmless
from models.tips import TIPS, Tip

LINK_LIMIT = 50
DETAIL_KINDS = {
    kind.name: kind
    for kind in (CASES, TIPS, SUSPECTS, CAMPAIGNS, AWARD_DECISIONS, AWARD_RECIPIENTS)
}


@dataclass(frozen=True)
class Link:
    kind: str
    id: uuid.UUID
    code: str
    text: str


@dataclass
class LinkGroup:
    title: str  # a catalogue key
    links: list[Link] = field(default_factory=list)
    total: int = 0  # how many there are in all; only LINK_LIMIT are listed


@dataclass
class Detail:
    kind: str
    id: uuid.UUID
    code: str
    version: int
    title: str
    fields: list[tuple[str, str]]  # (catalogue key of the label, value as shown)
    groups: list[LinkGroup]
    record: dict[str, Any]  # the record's snapshot: what an edit form starts from
    may_change: bool = True  # the actor may edit and delete it (models.access)


def _enum(prefix: str, value: str | None) -> str:
    return t(f"{prefix}.{value}") if value else ""


def _group(session: Session, title: str, kind: str, statement: Any, text: Any) -> LinkGroup:
    actor = session.info.get("actor")
    if actor is not None:  # only the linked records the operator may see
        statement = statement.where(access.visible(actor, kind))
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    rows = session.exec(statement.limit(LINK_LIMIT)).all()
    return LinkGroup(title, [Link(kind, row.id, row.code, text(row)) for row in rows], total)


def _case_line(case: Case) -> str:
    return f"{format_date(case.occurred_on)}  {case.title} ({_enum('case_status', case.status)})"


def _case(session: Session, case: Case) -> tuple[list[tuple[str, str]], list[LinkGroup]]:
    fields = [
        ("col.title", case.title),
        ("col.article", article_label(case.article, case.clause)),
        ("col.occurred_on", format_date(case.occurred_on)),
        (
            "col.locality",
            case.locality.name
            + (f" ({t('word.border_zone')})" if case.locality.border_zone else ""),
        ),
        ("col.lead_unit", case.lead_unit.name),
        ("col.coordinating_units", ", ".join(u.name for u in case.coordinating_units)),
        ("col.coordination", _enum("coordination", case.coordination)),
        ("col.status", _enum("case_status", case.status)),
        ("col.cleared_on", format_date(case.cleared_on)),
    ]
    groups = []
    if case.tip is not None:
        groups.append(
            LinkGroup("link.tip", [Link("tips", case.tip.id, case.tip.code, case.tip.summary)], 1)
        )
    suspects = (
        select(Suspect)
        .join(CaseSuspectLink)
        .where(CaseSuspectLink.case_id == case.id)
        .order_by(col(Suspect.sort_key))
    )
    groups.append(
        _group(
            session,
            "link.suspects",
            "suspects",
            suspects,
            lambda s: f"{s.full_name} ({_enum('suspect_status', s.status)})",
        )
    )
    if case.campaign is not None:
        groups.append(
            LinkGroup(
                "link.campaign",
                [Link("campaigns", case.campaign.id, case.campaign.code, case.campaign.name)],
                1,
            )
        )
    return fields, groups


def _tip(session: Session, tip: Tip, today: date) -> tuple[list[tuple[str, str]], list[LinkGroup]]:
    open_today = tip.resolved_on is None or tip.resolved_on > today
    left = (tip.deadline_on - today).days
    countdown = t("tip.overdue_days", days=-left) if left < 0 else t("tip.days_left", days=left)
    fields = [
        ("col.tip_kind", _enum("tip_kind", tip.kind)),
        ("col.received_on", format_date(tip.received_on)),
        ("col.receiving_unit", tip.receiving_unit.name),
        ("col.partner_unit", tip.partner_unit.name if tip.partner_unit else ""),
        ("col.locality", tip.locality.name if tip.locality else ""),
        ("col.summary", tip.summary),
        ("col.status", _enum("tip_status", tip.status)),
        ("col.resolved_on", format_date(tip.resolved_on)),
        (
            "col.deadline_on",
            format_date(tip.deadline_on)
            + (f" ({t('word.extended')})" if tip.extended_to else "")
            + (f" — {countdown}" if open_today else ""),
        ),
        ("col.case_code", tip.case_code or ""),
        ("col.reporter_name", tip.reporter_name or ""),
        ("col.reporter_contact", tip.reporter_contact or ""),
    ]
    opened = select(Case).where(or_(col(Case.tip_id) == tip.id, col(Case.code) == tip.case_code))
    return fields, [_group(session, "link.cases", "cases", opened, _case_line)]


def _suspect(session: Session, suspect: Suspect) -> tuple[list[tuple[str, str]], list[LinkGroup]]:
    fields = [
        ("col.full_name", suspect.full_name),
        ("col.birth_year", str(suspect.birth_year or "")),
        ("col.address", suspect.address or ""),
        ("col.status", _enum("suspect_status", suspect.status)),
        ("col.arrested_on", format_date(suspect.arrested_on)),
    ]
    cases = (
        select(Case)
        .join(CaseSuspectLink)
        .where(CaseSuspectLink.suspect_id == suspect.id)
        .order_by(col(Case.occurred_on).desc())
    )
    return fields, [_group(session, "link.cases", "cases", cases, _case_line)]


def _campaign(
    session: Session, campaign: Campaign
) -> tuple[list[tuple[str, str]], list[LinkGroup]]:
    fields = [
        ("col.name", campaign.name),
        ("col.starts_on", format_date(campaign.starts_on)),
        ("col.ends_on", format_date(campaign.ends_on)),
        ("col.units", ", ".join(unit.name for unit in campaign.units)),
        ("col.articles", ", ".join(campaign.articles)),
        ("col.localities", ", ".join(place.name for place in campaign.localities)),
    ]
    inside = cases_condition(campaign)
    cases = select(Case).where(inside).order_by(col(Case.occurred_on))
    in_dates = and_(
        col(Suspect.arrested_on) >= campaign.starts_on, col(Suspect.arrested_on) <= campaign.ends_on
    )
    arrests = (
        select(Suspect)
        .where(
            in_dates,
            col(Suspect.id).in_(select(CaseSuspectLink.suspect_id).join(Case).where(inside)),
        )
        .order_by(col(Suspect.arrested_on))
    )
    tip_dates = [
        col(Tip.received_on) >= campaign.starts_on,
        col(Tip.received_on) <= campaign.ends_on,
    ]
    if campaign.localities:
        tip_dates.append(col(Tip.locality_id).in_([place.id for place in campaign.localities]))
    tips = select(Tip).where(*tip_dates).order_by(col(Tip.received_on))
    groups = [
        _group(session, "link.cases", "cases", cases, _case_line),
        _group(
            session,
            "link.arrests",
            "suspects",
            arrests,
            lambda s: f"{format_date(s.arrested_on)}  {s.full_name}",
        ),
        _group(
            session,
            "link.tips",
            "tips",
            tips,
            lambda tip: f"{format_date(tip.received_on)}  {tip.summary}",
        ),
    ]
    return fields, groups


def _decision(
    session: Session, decision: AwardDecision
) -> tuple[list[tuple[str, str]], list[LinkGroup]]:
    fields = [
        ("col.decision_no", decision.decision_no),
        ("col.decided_on", format_date(decision.decided_on)),
        ("col.issuer", decision.issuer),
        ("col.form", _enum("award_form", decision.form)),
        ("col.signer", decision.signer or ""),
    ]
    recipients = (
        select(AwardRecipient)
        .where(AwardRecipient.decision_id == decision.id)
        .order_by(
            col(AwardRecipient.recipient_kind),
            col(AwardRecipient.sort_key),
            col(AwardRecipient.code),
        )
    )

    def line(recipient: AwardRecipient) -> str:
        who = " ".join(filter(None, [recipient.rank, recipient.recipient_name]))
        return (
            f"{_enum('recipient_kind', recipient.recipient_kind)}: {who} — {recipient.achievement}"
        )

    campaigns = select(Campaign).where(
        col(Campaign.id).in_(
            select(AwardRecipient.campaign_id).where(AwardRecipient.decision_id == decision.id)
        )
    )
    return fields, [
        _group(session, "link.recipients", "award_recipients", recipients, line),
        _group(session, "link.campaigns", "campaigns", campaigns, lambda c: c.name),
    ]


def _recipient(
    session: Session, recipient: AwardRecipient
) -> tuple[list[tuple[str, str]], list[LinkGroup]]:
    fields = [
        ("col.recipient_kind", _enum("recipient_kind", recipient.recipient_kind)),
        ("col.recipient_name", recipient.recipient_name),
        ("col.rank", recipient.rank or ""),
        ("col.position", recipient.position or ""),
        ("col.recipient_unit", recipient.recipient_unit.name if recipient.recipient_unit else ""),
        ("col.achievement", recipient.achievement),
    ]
    decision = recipient.decision
    groups = [
        LinkGroup(
            "link.decision",
            [
                Link(
                    "award_decisions",
                    decision.id,
                    decision.code,
                    f"{decision.decision_no} — {decision.issuer}",
                )
            ],
            1,
        )
    ]
    if recipient.campaign is not None:
        groups.append(
            LinkGroup(
                "link.campaign",
                [
                    Link(
                        "campaigns",
                        recipient.campaign.id,
                        recipient.campaign.code,
                        recipient.campaign.name,
                    )
                ],
                1,
            )
        )
    return fields, groups


def describe(
    session: Session, kind: str, record_id: uuid.UUID, today: date, actor: Actor | None = None
) -> Detail:
    """The record's fields and links as `actor` may see them (None: all of them); NotFound if
    it was deleted meanwhile or the actor may not see it."""
    record_kind: Any = DETAIL_KINDS[kind]
    record: Any = records.get(session, record_kind, record_id, actor=actor)
    session.info["actor"] = actor
    if kind == "cases":
        fields, groups = _case(session, record)
        title = f"{record.code} — {record.title}"
    elif kind == "tips":
        fields, groups = _tip(session, record, today)
        title = f"{record.code} — {record.summary}"
    elif kind == "suspects":
        fields, groups = _suspect(session, record)
        title = f"{record.code} — {record.full_name}"
    elif kind == "campaigns":
        fields, groups = _campaign(session, record)
        title = f"{record.code} — {record.name}"
    elif kind == "award_decisions":
        fields, groups = _decision(session, record)
        title = f"{record.decision_no} — {record.issuer}"
    else:
        fields, groups = _recipient(session, record)
        title = f"{record.code} — {record.recipient_name}"
    shown = (
        record_kind.snapshot(record)
        if actor is None
        else access.snapshot(actor, record_kind, record)
    )
    hidden = {f"col.{name}" for name in PROTECTED_FIELDS if name not in shown}
    fields = [(label, value) for label, value in fields if label not in hidden]
    for group in groups:
        group.links = [replace(link, text=harmless(link.text)) for link in group.links]
    return Detail(
        kind,
        record.id,
        record.code,
        record.version,
        harmless(title),
        [(label, harmless(value)) for label, value in [("col.code", record.code), *fields]],
        groups,
        shown,
        actor is None or access.can(actor, "update", record_kind, record, session=session),
    )
