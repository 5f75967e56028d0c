"""The lists the app shows: for each kind, its columns, how it sorts and what it filters on.

models.paging reads them page by page.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, assert_never

from sqlalchemy import Select, and_, case, exists, func, or_, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from models.awards import AWARD_FORMS, RECIPIENT_KINDS, AwardDecision, AwardRecipient
from models.campaigns import Campaign
from models.cases import CASE_STATUSES, Case
from models.investigations import CASE_NOTICE_DAYS, STOPPED_STAGES
from models.kinds import KindName
from models.links import CampaignUnitLink, CaseSuspectLink, CaseUnitLink
from models.localities import Locality
from models.registry import kind_of
from models.suspects import SUSPECT_STATUSES, Suspect
from models.tips import TIP_STATUSES, Tip
from models.units import Unit

PAGE_SIZE = 100


@dataclass(frozen=True)
class Column:
    """One column of a list. `format` says how to show the value: text, date, number, days
    (a countdown, marked within NEARLY_DUE_DAYS; days:<n> marked within n days), list, or
    enum:<prefix> (translated through the catalogue as `<prefix>.<value>`). How wide
    it is, and from which screen width it shows, is the interface's business."""

    key: str
    expression: Any
    format: str = "text"
    sort_by: Any = None  # what sorting by this column orders by, when not the value itself


@dataclass(frozen=True)
class Filters:
    status: str | None = None
    unit: uuid.UUID | None = None
    article: str | None = None
    locality: uuid.UUID | None = None
    date_from: date | None = None
    date_to: date | None = None
    search: str = ""
    due_only: bool = False  # tips: overdue or due within NEARLY_DUE_DAYS
    figure: tuple[str, date, date] | None = None  # the records behind a review figure

    def with_changes(self, **changes: Any) -> "Filters":
        return replace(self, **changes)

    @property
    def active(self) -> bool:
        return self != Filters(search=self.search)


@dataclass(frozen=True)
class Listing:
    kind: str
    table: Any
    columns: tuple[Column, ...]
    joins: Callable[[Select[Any]], Select[Any]]
    date_column: Any
    statuses: tuple[str, ...]  # the values the status filter offers
    default_sort: str
    unit_condition: Callable[[uuid.UUID], ColumnElement[bool]] | None = None
    locality_column: Any = None
    article_column: Any = None
    descending: bool = True
    status_column: Any = None
    status_field: str = ""  # the kind's field the status filter acts on

    @property
    def status_enum(self) -> str:
        """The catalogue prefix of the statuses' labels."""
        return kind_of(self.kind).enums.get(self.status_field, "")

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)


def _case_unit(unit_id: uuid.UUID) -> ColumnElement[bool]:
    coordinating = exists().where(
        col(CaseUnitLink.case_id) == col(Case.id), col(CaseUnitLink.unit_id) == unit_id
    )
    return or_(col(Case.lead_unit_id) == unit_id, coordinating)


def _tip_unit(unit_id: uuid.UUID) -> ColumnElement[bool]:
    return or_(col(Tip.receiving_unit_id) == unit_id, col(Tip.partner_unit_id) == unit_id)


def _campaign_unit(unit_id: uuid.UUID) -> ColumnElement[bool]:
    return exists().where(
        col(CampaignUnitLink.campaign_id) == col(Campaign.id),
        col(CampaignUnitLink.unit_id) == unit_id,
    )


def _award_unit(unit_id: uuid.UUID) -> ColumnElement[bool]:
    return exists().where(
        col(AwardRecipient.decision_id) == col(AwardDecision.id),
        col(AwardRecipient.recipient_unit_id) == unit_id,
    )


def _suspect_unit(unit_id: uuid.UUID) -> ColumnElement[bool]:
    return exists().where(
        col(CaseSuspectLink.suspect_id) == col(Suspect.id),
        col(CaseSuspectLink.case_id) == col(Case.id),
        _case_unit(unit_id),
    )


def tip_open_on(today: date) -> ColumnElement[bool]:
    return or_(col(Tip.resolved_on).is_(None), col(Tip.resolved_on) > today)


def listing(kind: str, today: date) -> Listing:
    """The list of `kind` as the panes show it; `today` matters for the tips' legal clock."""
    name: KindName = kind_of(kind).name
    match name:
        case "cases":
            lead = aliased(Unit)
            # An investigation's countdown, while its clock runs (BLTTHS art. 172).
            running = and_(
                col(Case.status) == "investigating", col(Case.clock_stage).notin_(STOPPED_STAGES)
            )
            investigation_left = case((running, col(Case.investigation_deadline_on)), else_=None)
            return Listing(
                kind="cases",
                table=Case,
                columns=(
                    Column("code", col(Case.code)),
                    Column("occurred_on", col(Case.occurred_on), "date"),
                    Column("article", col(Case.article)),
                    Column("title", col(Case.title)),
                    Column("locality", col(Locality.name)),
                    Column("lead_unit", lead.code),
                    Column("coordination", col(Case.coordination), "enum:coordination"),
                    Column("status", col(Case.status), "enum:case_status"),
                    Column("cleared_on", col(Case.cleared_on), "date"),
                    Column("investigation_left", investigation_left, f"days:{CASE_NOTICE_DAYS}"),
                ),
                joins=lambda s: s.join(Locality, col(Locality.id) == col(Case.locality_id)).join(
                    lead, col(lead.id) == col(Case.lead_unit_id)
                ),
                date_column=col(Case.occurred_on),
                statuses=CASE_STATUSES,
                status_column=col(Case.status),
                status_field="status",
                default_sort="occurred_on",
                unit_condition=_case_unit,
                locality_column=col(Case.locality_id),
                article_column=col(Case.article),
            )
        case "tips":
            receiving, partner = aliased(Unit), aliased(Unit)
            # The deadline counts only while the tip is open; a resolved tip shows no countdown.
            counting = and_(col(Tip.received_on) <= today, tip_open_on(today))
            days_left = case((counting, col(Tip.deadline_on)), else_=None)
            return Listing(
                kind="tips",
                table=Tip,
                columns=(
                    Column("code", col(Tip.code)),
                    Column("received_on", col(Tip.received_on), "date"),
                    Column("tip_kind", col(Tip.kind), "enum:tip_kind"),
                    Column("summary", col(Tip.summary)),
                    Column("receiving_unit", receiving.code),
                    Column("partner_unit", partner.code),
                    Column("status", col(Tip.status), "enum:tip_status"),
                    Column("deadline_on", col(Tip.deadline_on), "date"),
                    Column("days_left", days_left, "days"),
                ),
                joins=lambda s: s.join(
                    receiving, col(receiving.id) == col(Tip.receiving_unit_id)
                ).outerjoin(partner, col(partner.id) == col(Tip.partner_unit_id)),
                date_column=col(Tip.received_on),
                statuses=TIP_STATUSES,
                status_column=col(Tip.status),
                status_field="status",
                default_sort="received_on",
                unit_condition=_tip_unit,
                locality_column=col(Tip.locality_id),
            )
        case "suspects":
            cases = (
                select(func.count())
                .where(col(CaseSuspectLink.suspect_id) == col(Suspect.id))
                .scalar_subquery()
            )
            return Listing(
                kind="suspects",
                table=Suspect,
                columns=(
                    Column("code", col(Suspect.code)),
                    Column("full_name", col(Suspect.full_name), sort_by=col(Suspect.sort_key)),
                    Column("birth_year", col(Suspect.birth_year), "number"),
                    Column("status", col(Suspect.status), "enum:suspect_status"),
                    Column("arrested_on", col(Suspect.arrested_on), "date"),
                    Column("case_count", cases, "number"),
                ),
                joins=lambda s: s,
                date_column=col(Suspect.arrested_on),
                statuses=SUSPECT_STATUSES,
                status_column=col(Suspect.status),
                status_field="status",
                default_sort="full_name",
                descending=False,
                unit_condition=_suspect_unit,
            )
        case "campaigns":
            return Listing(
                kind="campaigns",
                table=Campaign,
                columns=(
                    Column("code", col(Campaign.code)),
                    Column("name", col(Campaign.name)),
                    Column("starts_on", col(Campaign.starts_on), "date"),
                    Column("ends_on", col(Campaign.ends_on), "date"),
                    Column("articles", col(Campaign.articles), "list"),
                ),
                joins=lambda s: s,
                date_column=col(Campaign.starts_on),
                statuses=(),
                default_sort="starts_on",
                unit_condition=_campaign_unit,
            )
        case "award_decisions":

            def recipients(kind_name: str) -> Any:
                return (
                    select(func.count())
                    .where(
                        col(AwardRecipient.decision_id) == col(AwardDecision.id),
                        col(AwardRecipient.recipient_kind) == kind_name,
                    )
                    .scalar_subquery()
                )

            return Listing(
                kind="award_decisions",
                table=AwardDecision,
                columns=(
                    Column("decision_no", col(AwardDecision.decision_no)),
                    Column("decided_on", col(AwardDecision.decided_on), "date"),
                    Column("issuer", col(AwardDecision.issuer)),
                    Column("form", col(AwardDecision.form), "enum:award_form"),
                    Column("collectives", recipients("collective"), "number"),
                    Column("individuals", recipients("individual"), "number"),
                ),
                joins=lambda s: s,
                date_column=col(AwardDecision.decided_on),
                statuses=AWARD_FORMS,
                status_column=col(AwardDecision.form),
                status_field="form",
                default_sort="decided_on",
                unit_condition=_award_unit,
            )
        case "award_recipients":
            decision_no = (
                select(col(AwardDecision.decision_no))
                .where(col(AwardDecision.id) == col(AwardRecipient.decision_id))
                .scalar_subquery()
            )
            decided_on = (
                select(col(AwardDecision.decided_on))
                .where(col(AwardDecision.id) == col(AwardRecipient.decision_id))
                .scalar_subquery()
            )
            return Listing(
                kind="award_recipients",
                table=AwardRecipient,
                columns=(
                    Column("decision_no", decision_no),
                    Column("decided_on", decided_on, "date"),
                    Column(
                        "recipient_kind", col(AwardRecipient.recipient_kind), "enum:recipient_kind"
                    ),
                    Column("recipient_name", col(AwardRecipient.recipient_name)),
                    Column("achievement", col(AwardRecipient.achievement)),
                ),
                joins=lambda s: s,
                date_column=decided_on,
                statuses=RECIPIENT_KINDS,
                status_column=col(AwardRecipient.recipient_kind),
                status_field="recipient_kind",
                default_sort="decided_on",
                unit_condition=lambda unit_id: col(AwardRecipient.recipient_unit_id) == unit_id,
            )
        case (
            "units" | "localities" | "operators" | "calendar_days" | "clock_decisions" | "stations"
        ):
            raise KeyError(kind)  # no list of their own in the app
        case "reviews":  # listed by the Sơ kết pane (tui/screens/reviews.py)
            raise KeyError(kind)
        case "regulations":  # `giapranh export regulations`, and the detail of a review
            raise KeyError(kind)
        case _:
            assert_never(name)
