"""The queue of what is due: open tips and open investigations whose legal deadline has passed or
comes within a few days (5 for tips, the lead time of an extension request, BLTTHS art. 147; 10
for investigations, art. 172), across the units the operator may see, sorted by days left.

The deadlines are the stored, exact ones (tips' `deadline_on`, cases'
`investigation_deadline_on`, models.clock_decisions and models.investigations), so the queue is
two indexed range queries whatever the number of open records. How many days ahead the queue
looks is a setting of the database (`due.tip_days`, `due.case_days`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from sqlalchemy import Select, String, type_coerce
from sqlalchemy import select as rows_of
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from models import access
from models.base import Actor
from models.cases import Case
from models.errors import Refused
from models.i18n import register, t
from models.investigations import CASE_NOTICE_DAYS, STOPPED_STAGES
from models.listing import tip_open_on
from models.settings import get_setting, put_setting
from models.text import format_date
from models.tips import NEARLY_DUE_DAYS, Tip
from models.units import Unit

DueKind = Literal["tips", "cases"]
TIP_DAYS_SETTING, CASE_DAYS_SETTING = "due.tip_days", "due.case_days"
LONGEST_WINDOW = 366

MESSAGES = {
    "due.header": (
        "{count} đến hạn, {overdue} quá hạn · nguồn tin {tips} (≤{tip_days} ngày) · "
        "vụ án {cases} (≤{case_days} ngày) · {today}",
        "{count} due, {overdue} overdue · tips {tips} (≤{tip_days} days) · "
        "investigations {cases} (≤{case_days} days) · {today}",
    ),
    "due.overdue_days": ("quá {days} ngày", "{days} days over"),
    "due.days_left": ("còn {days} ngày", "{days} days left"),
    "due.today": ("hết hạn hôm nay", "due today"),
    "due.kind_tips": ("nguồn tin", "tip"),
    "due.kind_cases": ("vụ án", "case"),
    "due.bad_window": (
        "số ngày phải từ 0 đến {longest}, không phải «{value}»",
        "the number of days must be from 0 to {longest}, not «{value}»",
    ),
}
register(MESSAGES)


@dataclass(frozen=True)
class DueItem:
    """One record in the queue. `days_left` is negative once overdue."""

    kind: DueKind
    key: str  # the record's id as the database gives it (hex or text): `id` makes it a UUID
    code: str
    title: str
    unit: str
    deadline: date
    days_left: int
    stage: str | None

    @property
    def id(self) -> uuid.UUID:
        return self.key if isinstance(self.key, uuid.UUID) else uuid.UUID(str(self.key))

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "code": self.code,
            "title": self.title,
            "unit": self.unit,
            "deadline_on": self.deadline.isoformat(),
            "days_left": self.days_left,
            "overdue": self.overdue,
            "stage": self.stage or "base",
        }


@dataclass(frozen=True)
class DueQueue:
    today: date
    tip_days: int
    case_days: int
    items: tuple[DueItem, ...]

    def count(self, kind: DueKind | None = None) -> int:
        return sum(1 for item in self.items if kind is None or item.kind == kind)

    @property
    def overdue(self) -> int:
        return sum(1 for item in self.items if item.overdue)

    def header(self) -> str:
        """'Đến hạn: 12 (3 quá hạn) — nguồn tin 5 …', the queue's counts in one line."""
        return t(
            "due.header",
            count=self.count(),
            overdue=self.overdue,
            tips=self.count("tips"),
            cases=self.count("cases"),
            tip_days=self.tip_days,
            case_days=self.case_days,
            today=format_date(self.today),
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "tip_days": self.tip_days,
            "case_days": self.case_days,
            "count": self.count(),
            "overdue": self.overdue,
            "tips": self.count("tips"),
            "cases": self.count("cases"),
            "items": [item.as_json() for item in self.items],
        }


def check_window(value: object) -> int:
    """A number of days ahead, from 0 to a year; Refused with the value otherwise."""
    try:
        days = int(str(value).strip())
    except ValueError:
        days = -1
    if not 0 <= days <= LONGEST_WINDOW:
        raise Refused("due.bad_window", value=value, longest=LONGEST_WINDOW)
    return days


def windows(session: Session) -> tuple[int, int]:
    """(tips, investigations): how many days ahead the queue looks, as set for the database."""
    tip_days = get_setting(session, TIP_DAYS_SETTING)
    case_days = get_setting(session, CASE_DAYS_SETTING)
    return (
        check_window(tip_days) if tip_days is not None else NEARLY_DUE_DAYS,
        check_window(case_days) if case_days is not None else CASE_NOTICE_DAYS,
    )


def set_windows(session: Session, tip_days: int | None, case_days: int | None) -> None:
    if tip_days is not None:
        put_setting(session, TIP_DAYS_SETTING, str(check_window(tip_days)))
    if case_days is not None:
        put_setting(session, CASE_DAYS_SETTING, str(check_window(case_days)))


def due_queue(
    session: Session,
    *,
    actor: Actor,
    today: date,
    tip_days: int | None = None,
    case_days: int | None = None,
) -> DueQueue:
    """The open tips due within `tip_days` and the open investigations due within `case_days`
    (by default the database's settings), overdue ones included, that `actor` may read."""
    default_tips, default_cases = windows(session)
    tip_days = default_tips if tip_days is None else check_window(tip_days)
    case_days = default_cases if case_days is None else check_window(case_days)
    receiving, lead = aliased(Unit), aliased(Unit)
    # Plain rows (no ORM objects, ids not made UUIDs): a queue may hold tens of thousands.
    tips = (
        rows_of(
            type_coerce(col(Tip.id), String),
            col(Tip.code),
            col(Tip.summary),
            col(receiving.code),
            col(Tip.deadline_on),
            col(Tip.clock_stage),
        )
        .join(receiving, col(receiving.id) == col(Tip.receiving_unit_id))
        .where(
            tip_open_on(today),
            col(Tip.deadline_on) <= today + timedelta(days=tip_days),
            access.visible(actor, "tips"),
        )
    )
    cases = (
        rows_of(
            type_coerce(col(Case.id), String),
            col(Case.code),
            col(Case.title),
            col(lead.code),
            col(Case.investigation_deadline_on),
            col(Case.clock_stage),
        )
        .join(lead, col(lead.id) == col(Case.lead_unit_id))
        .where(
            col(Case.status) == "investigating",
            col(Case.investigation_deadline_on) <= today + timedelta(days=case_days),
            col(Case.clock_stage).notin_(STOPPED_STAGES),
            access.visible(actor, "cases"),
        )
    )
    connection = session.connection()
    statements: list[tuple[DueKind, Select[Any]]] = [("tips", tips), ("cases", cases)]  # type: ignore[list-item]
    items = [
        DueItem(kind, key, code, title, unit, deadline, (deadline - today).days, stage)
        for kind, statement in statements
        for key, code, title, unit, deadline, stage in connection.execute(statement)
    ]
    items.sort(key=lambda item: (item.days_left, item.kind, item.code))
    return DueQueue(today, tip_days, case_days, tuple(items))
