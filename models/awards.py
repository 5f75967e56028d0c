"""Award decisions (khen thưởng) and their recipients, collectives or individuals.

One CSV row of kind `awards` is one recipient; rows that share decision_no and issuer are one
decision. An achievement is rewarded once: the same recipient with the same achievement twice is
refused (Law on Emulation and Commendation 2022).
"""

import uuid
from datetime import date
from typing import Any, Literal

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, Relationship, SQLModel, col, select

from models.base import (
    LONG_MAX,
    NAME_MAX,
    SHORT_MAX,
    Code,
    LongText,
    Name,
    OptionalCode,
    OptionalName,
    OptionalShortText,
    PastDay,
    RecordColumns,
    ShortText,
)
from models.campaigns import Campaign
from models.kinds import Checker, Kind, next_code
from models.text import fold, person_sort_key
from models.units import Unit

AWARD_FORMS = ("giay_khen", "bang_khen", "other")
RECIPIENT_KINDS = ("collective", "individual")
AwardForm = Literal["giay_khen", "bang_khen", "other"]
RecipientKind = Literal["collective", "individual"]


class AwardDecision(RecordColumns, table=True):
    __tablename__ = "award_decisions"
    __table_args__ = (UniqueConstraint("decision_no", "issuer"),)

    decision_no: str = Field(max_length=SHORT_MAX)
    decided_on: date = Field(index=True)
    issuer: str = Field(max_length=NAME_MAX)
    form: str = Field(max_length=20)
    signer: str | None = Field(default=None, max_length=NAME_MAX)

    recipients: list["AwardRecipient"] = Relationship(back_populates="decision")


class AwardRecipient(RecordColumns, table=True):
    __tablename__ = "award_recipients"

    decision_id: uuid.UUID = Field(foreign_key="award_decisions.id", index=True)
    recipient_kind: str = Field(max_length=12, index=True)
    recipient_name: str = Field(max_length=NAME_MAX)
    recipient_unit_id: uuid.UUID | None = Field(default=None, foreign_key="units.id", index=True)
    rank: str | None = Field(default=None, max_length=SHORT_MAX)
    position: str | None = Field(default=None, max_length=NAME_MAX)
    achievement: str = Field(max_length=LONG_MAX)
    campaign_id: uuid.UUID | None = Field(default=None, foreign_key="campaigns.id", index=True)
    # fold(recipient_name + achievement): finds the same achievement rewarded twice.
    achievement_key: str = Field(default="", max_length=4300, index=True)
    sort_key: str = Field(default="", max_length=600)

    decision: AwardDecision = Relationship(back_populates="recipients")
    recipient_unit: Unit | None = Relationship()
    campaign: Campaign | None = Relationship()


class AwardDecisionCreate(SQLModel):
    code: OptionalCode = None  # given by the database when absent: KT-<year>-<n>
    decision_no: ShortText
    decided_on: PastDay
    issuer: Name
    form: AwardForm
    signer: OptionalName = None


class AwardRecipientCreate(SQLModel):
    code: OptionalCode = None  # <decision code>-<n> when absent
    decision: Code
    recipient_kind: RecipientKind
    recipient_name: Name
    recipient_unit: OptionalCode = None
    rank: OptionalShortText = None
    position: OptionalName = None
    achievement: LongText
    campaign_code: OptionalCode = None


def _apply_decision(checker: Checker, decision: AwardDecision, data: AwardDecisionCreate) -> None:
    decision.decision_no, decision.decided_on = data.decision_no, data.decided_on
    decision.issuer, decision.form, decision.signer = data.issuer, data.form, data.signer
    decision.code = (
        data.code
        or decision.code
        or next_code(checker.session, AwardDecision, f"KT-{data.decided_on.year}-", like="KT-")
    )
    same = checker.session.exec(
        select(AwardDecision).where(
            AwardDecision.decision_no == data.decision_no,
            AwardDecision.issuer == data.issuer,
            AwardDecision.id != decision.id,
        )
    ).first()
    if same is not None:
        checker.problem("decision_no", data.decision_no, "err.decision_exists")


def _decision_snapshot(decision: AwardDecision) -> dict[str, Any]:
    return {
        "code": decision.code,
        "decision_no": decision.decision_no,
        "decided_on": decision.decided_on,
        "issuer": decision.issuer,
        "form": decision.form,
        "signer": decision.signer,
    }


def _apply_recipient(
    checker: Checker, recipient: AwardRecipient, data: AwardRecipientCreate
) -> None:
    recipient.recipient_kind, recipient.recipient_name = data.recipient_kind, data.recipient_name
    recipient.rank, recipient.position, recipient.achievement = (
        data.rank,
        data.position,
        data.achievement,
    )
    recipient.achievement_key = f"{fold(data.recipient_name)}|{fold(data.achievement)}"
    recipient.sort_key = (
        person_sort_key(data.recipient_name) if data.recipient_kind == "individual" else ""
    )
    decision = checker.ref(AwardDecision, data.decision, "decision", "err.unknown_code")
    recipient.recipient_unit = checker.ref(
        Unit, data.recipient_unit, "recipient_unit", "err.unknown_unit"
    )
    recipient.campaign = checker.ref(
        Campaign, data.campaign_code, "campaign_code", "err.unknown_campaign"
    )
    if decision is None:
        return
    recipient.decision = decision
    recipient.code = (
        data.code
        or recipient.code
        or next_code(checker.session, AwardRecipient, f"{decision.code}-")
    )
    earlier = checker.session.exec(
        select(AwardDecision.decision_no)
        .join(AwardRecipient, col(AwardRecipient.decision_id) == col(AwardDecision.id))
        .where(
            col(AwardRecipient.achievement_key) == recipient.achievement_key,
            col(AwardRecipient.id) != recipient.id,
        )
    ).first()
    if earlier is not None:
        checker.problem("achievement", data.achievement, "err.award_twice", decision=earlier)


def _recipient_snapshot(recipient: AwardRecipient) -> dict[str, Any]:
    return {
        "code": recipient.code,
        "decision": recipient.decision.code,
        "recipient_kind": recipient.recipient_kind,
        "recipient_name": recipient.recipient_name,
        "recipient_unit": recipient.recipient_unit.code if recipient.recipient_unit else None,
        "rank": recipient.rank,
        "position": recipient.position,
        "achievement": recipient.achievement,
        "campaign_code": recipient.campaign.code if recipient.campaign else None,
    }


AWARD_DECISIONS = Kind(
    "award_decisions",
    AwardDecision,
    AwardDecisionCreate,
    _apply_decision,
    _decision_snapshot,
    title_field="issuer",
    owner_field="decision_no",
    enums={"form": "award_form"},
)
AWARD_RECIPIENTS = Kind(
    "award_recipients",
    AwardRecipient,
    AwardRecipientCreate,
    _apply_recipient,
    _recipient_snapshot,
    title_field="recipient_name",
    owner_field="recipient_unit",
    references={
        "decision": "award_decisions",
        "recipient_unit": "units",
        "campaign_code": "campaigns",
    },
    enums={"recipient_kind": "recipient_kind"},
)
