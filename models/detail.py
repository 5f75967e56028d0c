"""One record as the detail view shows it: its fields, and the records linked to it.

Values come as they are stored (texts, dates, codes) with the format to show them in; how they
look on screen (dates, translated codes, a tip's countdown) is the interface's business.
"""

import uuid
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, assert_never

from sqlalchemy import and_, func, or_
from sqlmodel import Session, col, select

from models import access, records
from models.awards import AwardDecision, AwardRecipient
from models.base import Actor
from models.campaigns import Campaign
from models.cases import Case
from models.investigations import DecisionLine, investigation_view, tip_view
from models.kinds import KindName
from models.links import CaseSuspectLink
from models.registry import kind_of
from models.review_detail import review_fields
from models.suspects import Suspect
from models.text import format_date, harmless
from models.tips import Tip

LINK_LIMIT = 50
# The kinds a detail view shows (units, localities and operators have none).
DETAIL_KINDS: tuple[KindName, ...] = (
    "cases",
    "tips",
    "suspects",
    "campaigns",
    "award_decisions",
    "award_recipients",
    "reviews",
)


@dataclass(frozen=True)
class Shown:
    """One field of a record: its label (a catalogue key), its value as stored, and how to show
    it: text, date, number, list, enum:<prefix>, article ((article, clause)), locality ((name, in
    the border zone)), deadline ((day, a catalogue key for how it was set, counting)),
    investigation ((day, step, counting)), ask_by ((the last day to ask, the deadline))."""

    label: str
    value: Any
    format: str = "text"


@dataclass(frozen=True)
class Link:
    kind: str
    id: uuid.UUID
    code: str
    text: str
    day: date | None = None  # shown before the text
    note: str | None = None  # a catalogue key shown after it, in brackets (a status)
    lead: str | None = None  # a catalogue key shown before it (collective or individual)
    until: date | None = None  # shown after it: the deadline a decision left in force


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
    fields: list[Shown]
    groups: list[LinkGroup]
    record: dict[str, Any]  # the record's snapshot: what an edit form starts from
    may_change: bool = True  # the actor may edit and delete it (models.access)
    locked: str | None = None  # why nobody may, for now (a catalogue key: an approved review)


Fields = list[Shown]


def _group(session: Session, title: str, kind: str, statement: Any, link: Any) -> LinkGroup:
    actor = session.info.get("actor")
    if actor is not None:  # only the linked records the operator may see
        statement = statement.where(access.visible(actor, kind))
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    rows = session.exec(statement.limit(LINK_LIMIT)).all()
    return LinkGroup(title, [link(row) for row in rows], total)


def _case_link(case: Case) -> Link:
    return Link(
        "cases", case.id, case.code, case.title, case.occurred_on, f"case_status.{case.status}"
    )


def _one(title: str, kind: str, record: Any, text: str) -> LinkGroup:
    return LinkGroup(title, [Link(kind, record.id, record.code, text)], 1)


def campaign_cases(campaign: Campaign) -> Any:
    """The cases that are a campaign's results: linked to it, or dated inside it in its
    localities and for its target articles (where it names any)."""
    inside = [
        col(Case.occurred_on) >= campaign.starts_on,
        col(Case.occurred_on) <= campaign.ends_on,
    ]
    if campaign.localities:
        inside.append(col(Case.locality_id).in_([place.id for place in campaign.localities]))
    if campaign.articles:
        inside.append(col(Case.article).in_(campaign.articles))
    return or_(col(Case.campaign_id) == campaign.id, and_(*inside))


def _decisions(lines: list[DecisionLine]) -> LinkGroup:
    """A clock's decisions: number, date, step, who decided, the deadline after it."""
    links = [
        Link(
            "clock_decisions",
            line.id,
            line.number,
            line.decided_by,
            line.decided_on,
            lead=f"clock_decision_step.{line.step}",
            until=line.deadline,
        )
        for line in lines
    ]
    return LinkGroup("link.clock_decisions", links, len(links))


def _case(session: Session, case: Case, today: date) -> tuple[Fields, list[LinkGroup]]:
    clock, ask_by, decisions = investigation_view(session, case, today)
    fields = [
        Shown("col.title", case.title),
        Shown("col.article", (case.article, case.clause), "article"),
        Shown("col.occurred_on", case.occurred_on, "date"),
        Shown("col.locality", (case.locality.name, case.locality.border_zone), "locality"),
        Shown("col.lead_unit", case.lead_unit.name),
        Shown("col.coordinating_units", [u.name for u in case.coordinating_units], "list"),
        Shown("col.coordination", case.coordination, "enum:coordination"),
        Shown("col.status", case.status, "enum:case_status"),
        Shown("col.cleared_on", case.cleared_on, "date"),
        Shown("col.opened_on", case.opened_on, "date"),
        Shown("col.category", case.category, "enum:clock_category"),
        Shown("col.investigation_deadline_on", clock, "investigation"),
        Shown("col.ask_by", ask_by, "ask_by"),
    ]
    groups = [_decisions(decisions)] if clock is not None or decisions else []
    if case.tip is not None:
        groups.append(_one("link.tip", "tips", case.tip, case.tip.summary))
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
            lambda s: Link(
                "suspects", s.id, s.code, s.full_name, note=f"suspect_status.{s.status}"
            ),
        )
    )
    if case.campaign is not None:
        groups.append(_one("link.campaign", "campaigns", case.campaign, case.campaign.name))
    return fields, groups


def _tip(session: Session, tip: Tip, today: date) -> tuple[Fields, list[LinkGroup]]:
    clock, ask_by, decisions = tip_view(session, tip, today)
    fields = [
        Shown("col.tip_kind", tip.kind, "enum:tip_kind"),
        Shown("col.received_on", tip.received_on, "date"),
        Shown("col.receiving_unit", tip.receiving_unit.name),
        Shown("col.partner_unit", tip.partner_unit.name if tip.partner_unit else None),
        Shown("col.locality", tip.locality.name if tip.locality else None),
        Shown("col.summary", tip.summary),
        Shown("col.status", tip.status, "enum:tip_status"),
        Shown("col.resolved_on", tip.resolved_on, "date"),
        Shown("col.deadline_on", clock, "deadline"),
        Shown("col.ask_by", ask_by, "ask_by"),
        Shown("col.case_code", tip.case_code),
        Shown("col.reporter_name", tip.reporter_name),
        Shown("col.reporter_contact", tip.reporter_contact),
    ]
    opened = select(Case).where(or_(col(Case.tip_id) == tip.id, col(Case.code) == tip.case_code))
    groups = [_decisions(decisions), _group(session, "link.cases", "cases", opened, _case_link)]
    return fields, groups


def _suspect(session: Session, suspect: Suspect) -> tuple[Fields, list[LinkGroup]]:
    fields = [
        Shown("col.full_name", suspect.full_name),
        Shown("col.birth_year", suspect.birth_year, "number"),
        Shown("col.address", suspect.address),
        Shown("col.status", suspect.status, "enum:suspect_status"),
        Shown("col.arrested_on", suspect.arrested_on, "date"),
    ]
    cases = (
        select(Case)
        .join(CaseSuspectLink)
        .where(CaseSuspectLink.suspect_id == suspect.id)
        .order_by(col(Case.occurred_on).desc())
    )
    return fields, [_group(session, "link.cases", "cases", cases, _case_link)]


def _campaign(session: Session, campaign: Campaign) -> tuple[Fields, list[LinkGroup]]:
    fields = [
        Shown("col.name", campaign.name),
        Shown("col.starts_on", campaign.starts_on, "date"),
        Shown("col.ends_on", campaign.ends_on, "date"),
        Shown("col.units", [unit.name for unit in campaign.units], "list"),
        Shown("col.articles", list(campaign.articles), "list"),
        Shown("col.localities", [place.name for place in campaign.localities], "list"),
    ]
    inside = campaign_cases(campaign)
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
        _group(session, "link.cases", "cases", cases, _case_link),
        _group(
            session,
            "link.arrests",
            "suspects",
            arrests,
            lambda s: Link("suspects", s.id, s.code, s.full_name, s.arrested_on),
        ),
        _group(
            session,
            "link.tips",
            "tips",
            tips,
            lambda tip: Link("tips", tip.id, tip.code, tip.summary, tip.received_on),
        ),
    ]
    return fields, groups


def _decision(session: Session, decision: AwardDecision) -> tuple[Fields, list[LinkGroup]]:
    fields = [
        Shown("col.decision_no", decision.decision_no),
        Shown("col.decided_on", decision.decided_on, "date"),
        Shown("col.issuer", decision.issuer),
        Shown("col.form", decision.form, "enum:award_form"),
        Shown("col.signer", decision.signer),
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

    def line(recipient: AwardRecipient) -> Link:
        who = " ".join(filter(None, [recipient.rank, recipient.recipient_name]))
        return Link(
            "award_recipients",
            recipient.id,
            recipient.code,
            f"{who} — {recipient.achievement}",
            lead=f"recipient_kind.{recipient.recipient_kind}",
        )

    campaigns = select(Campaign).where(
        col(Campaign.id).in_(
            select(AwardRecipient.campaign_id).where(AwardRecipient.decision_id == decision.id)
        )
    )
    return fields, [
        _group(session, "link.recipients", "award_recipients", recipients, line),
        _group(
            session,
            "link.campaigns",
            "campaigns",
            campaigns,
            lambda c: Link("campaigns", c.id, c.code, c.name),
        ),
    ]


def _recipient(session: Session, recipient: AwardRecipient) -> tuple[Fields, list[LinkGroup]]:
    fields = [
        Shown("col.recipient_kind", recipient.recipient_kind, "enum:recipient_kind"),
        Shown("col.recipient_name", recipient.recipient_name),
        Shown("col.rank", recipient.rank),
        Shown("col.position", recipient.position),
        Shown(
            "col.recipient_unit",
            recipient.recipient_unit.name if recipient.recipient_unit else None,
        ),
        Shown("col.achievement", recipient.achievement),
    ]
    decision = recipient.decision
    groups = [
        _one(
            "link.decision",
            "award_decisions",
            decision,
            f"{decision.decision_no} — {decision.issuer}",
        )
    ]
    if recipient.campaign is not None:
        groups.append(
            _one("link.campaign", "campaigns", recipient.campaign, recipient.campaign.name)
        )
    return fields, groups


def _fields(
    session: Session, kind: KindName, record: Any, today: date
) -> tuple[Fields, list[LinkGroup], str]:
    """The fields, the link groups and the title (what names the record) of one record."""
    match kind:
        case "cases":
            return (*_case(session, record, today), f"{record.code} — {record.title}")
        case "tips":
            return (*_tip(session, record, today), f"{record.code} — {record.summary}")
        case "suspects":
            return (*_suspect(session, record), f"{record.code} — {record.full_name}")
        case "campaigns":
            return (*_campaign(session, record), f"{record.code} — {record.name}")
        case "award_decisions":
            return (*_decision(session, record), f"{record.decision_no} — {record.issuer}")
        case "award_recipients":
            return (*_recipient(session, record), f"{record.code} — {record.recipient_name}")
        case "reviews":
            fields = [Shown(*field) for field in review_fields(session, record)]
            period = f"{format_date(record.starts_on)} – {format_date(record.ends_on)}"
            return fields, [], f"{record.code} — {record.subject or period}"
        case (
            "units"
            | "localities"
            | "operators"
            | "calendar_days"
            | "clock_decisions"
            | "regulations"
            | "stations"
        ):
            raise KeyError(kind)  # no detail view (DETAIL_KINDS)
        case _:
            assert_never(kind)


def _harmless(value: Any) -> Any:
    if isinstance(value, tuple):
        return tuple(_harmless(part) for part in value)
    if isinstance(value, list):
        return [harmless(item) for item in value]
    return harmless(value)


def describe(
    session: Session, kind: str, record_id: uuid.UUID, today: date, actor: Actor | None = None
) -> Detail:
    """The record's fields and links as `actor` may see them (None: all of them); NotFound if
    it was deleted meanwhile or the actor may not see it."""
    described = kind_of(kind)
    record: Any = records.get(session, described, record_id, actor=actor)
    session.info["actor"] = actor
    fields, groups, title = _fields(session, described.name, record, today)
    shown = (
        described.snapshot(record) if actor is None else access.snapshot(actor, described, record)
    )
    hidden = {f"col.{name}" for name in described.protected if name not in shown}
    fields = [
        replace(item, value=_harmless(item.value)) for item in fields if item.label not in hidden
    ]
    for group in groups:
        group.links = [replace(link, text=harmless(link.text)) for link in group.links]
    return Detail(
        kind,
        record.id,
        record.code,
        record.version,
        harmless(title),
        [Shown("col.code", harmless(record.code)), *fields],
        groups,
        shown,
        actor is None or access.can(actor, "update", described, record, session=session),
        described.locked(record) if described.locked is not None else None,
    )
