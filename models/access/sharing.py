"""Keeping `shares` (models/shares.py) as the rules say: a record's rows written with it, and
those of the records whose sharing follows from it."""

from __future__ import annotations

from typing import Any, assert_never

from sqlalchemy import (
    delete,
    insert,
    select,
)
from sqlalchemy.orm import Session
from sqlmodel import col

from models.access.rules import shared_units
from models.awards import AwardRecipient
from models.kinds import KindName
from models.shares import Share

SHARED = (
    "tips",
    "cases",
    "campaigns",
    "suspects",
    "award_decisions",
    "award_recipients",
    "reviews",
    "regulations",
)


def share_rows(kind: KindName, record: Any) -> list[dict[str, Any]]:
    """The `shares` rows of a record: one per unit it is shared with (models.shares)."""
    return [
        {"record_id": record.id, "unit_id": unit, "kind": kind}
        for unit in sorted(shared_units(kind, record, direct=True), key=str)
    ]


def write_shares(session: Session, kind: KindName, record: Any) -> None:
    """Keep a record's rows in `shares` as `shared_units` says now, and those of the records
    whose sharing follows from it (a case's suspects, a decision's recipients)."""
    for name, item in [(kind, record), *_followers(session, kind, record)]:
        if name not in SHARED:
            continue
        session.execute(delete(Share).where(col(Share.record_id) == item.id))
        rows = share_rows(name, item)
        if rows:
            session.execute(insert(Share), rows)


def forget_shares(session: Session, kind: KindName, record: Any) -> None:
    """A deleted record's rows go; the records whose sharing followed from it are kept right."""
    session.execute(delete(Share).where(col(Share.record_id) == record.id))
    for name, item in _followers(session, kind, record):
        if item is not record and item in session:
            session.expire(item)  # its collections may still hold the deleted record
            write_shares(session, name, item)


def _followers(session: Session, kind: KindName, record: Any) -> list[tuple[KindName, Any]]:
    """The records shared with a record's units through it."""
    match kind:
        case "cases":
            return [("suspects", suspect) for suspect in record.suspects]
        case "award_recipients":
            decision = record.decision
            siblings = [r for r in decision.recipients if r is not record and r in session]
            return [("award_decisions", decision), *(("award_recipients", r) for r in siblings)]
        case "award_decisions":
            return [("award_recipients", recipient) for recipient in record.recipients]
        case "campaigns":
            rewarded = session.scalars(
                select(AwardRecipient).where(col(AwardRecipient.campaign_id) == record.id)
            ).all()
            decisions = {recipient.decision.id: recipient.decision for recipient in rewarded}
            return [("award_decisions", decision) for decision in decisions.values()] + [
                ("award_recipients", recipient)
                for decision in decisions.values()
                for recipient in decision.recipients
            ]
        case (
            "tips"
            | "suspects"
            | "units"
            | "localities"
            | "operators"
            | "calendar_days"
            | "clock_decisions"
            | "reviews"
            | "regulations"  # what it shares is a condition in SQL: no row follows from it
            | "stations"
        ):
            return []
        case _:
            assert_never(kind)
