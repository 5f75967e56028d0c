"""Reading, exporting and verifying the change log (models/changelog.py writes it).

`entries` is how anyone reads the log: only the entries `actor` may read (models.access: the
record was shared with their unit at the time of the change), with a tip's reporter left out of
`before` and `after` unless the actor's unit received the tip. Entries come back as detached
copies, never attached to a session, so a redacted copy can never be written back.

`verify` walks the whole chain and names the first entry that breaks it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from models import access
from models.base import Actor
from models.changelog import GENESIS, ChangeLogEntry, ChangeLogUnit, compute_hash
from models.i18n import t
from models.text import harmless

COLUMNS = [
    "id",
    "at",
    "actor",
    "action",
    "kind",
    "record_code",
    "record_id",
    "before",
    "after",
    "prev_hash",
    "hash",
]


@dataclass(frozen=True)
class LogFilters:
    """Which entries to list: one record (by id or code), who made the change (`by`, a
    username), and the days [start, end] it was made on, in the server's time zone."""

    record_id: uuid.UUID | None = None
    record_code: str | None = None
    by: str | None = None
    start: date | None = None
    end: date | None = None


def _local_midnight(day: date) -> datetime | None:
    """The day's start in local time; None for a day so far off (year 1, year 9999) that no
    entry can be beyond it."""
    try:
        return datetime.combine(day, time()).astimezone()
    except (OverflowError, ValueError):
        return None


def _statement(actor: Actor, filters: LogFilters) -> SelectOfScalar[ChangeLogEntry]:
    access.require(actor, "read", "change_log")
    statement = select(ChangeLogEntry).where(access.visible(actor, "change_log"))
    if filters.record_id is not None:
        statement = statement.where(col(ChangeLogEntry.record_id) == filters.record_id)
    if filters.record_code:
        code = filters.record_code.strip().upper()
        statement = statement.where(func.upper(col(ChangeLogEntry.record_code)) == code)
    if filters.by:
        statement = statement.where(col(ChangeLogEntry.actor) == filters.by.strip())
    start = _local_midnight(filters.start) if filters.start is not None else None
    if start is not None:
        statement = statement.where(col(ChangeLogEntry.at) >= start)
    if filters.end is not None and filters.end < date.max:
        next_day = _local_midnight(filters.end + timedelta(days=1))
        if next_day is not None:
            statement = statement.where(col(ChangeLogEntry.at) < next_day)
    return statement


def entries(
    session: Session, *, actor: Actor | None = None, **filters: Any
) -> Iterator[ChangeLogEntry]:
    """The entries `actor` may read (none: the local administrator), oldest first, redacted.

    `filters` are the fields of LogFilters.
    """
    actor = actor or Actor.local_admin()
    statement = _statement(actor, LogFilters(**filters))
    ordered = statement.order_by(col(ChangeLogEntry.id)).execution_options(yield_per=1000)
    for entry in session.exec(ordered):
        yield _redacted(session, actor, entry)


def count(session: Session, actor: Actor, filters: LogFilters) -> int:
    """How many entries `page` can show."""
    subquery = _statement(actor, filters).subquery()
    return session.scalar(select(func.count()).select_from(subquery)) or 0


def page(
    session: Session,
    actor: Actor,
    filters: LogFilters,
    offset: int,
    limit: int,
    after: tuple[int] | None = None,
    before: tuple[int] | None = None,
) -> list[dict[str, Any]]:
    """Newest first: one page of the list the app shows (its change log screen). Like
    `models.paging.page`: the rows `after` (or `before`) a row's `_key` (an entry's id), or
    from `offset`, counted from the end when negative."""
    statement = _statement(actor, filters)
    entry_id = col(ChangeLogEntry.id)
    reverse = before is not None or offset < 0
    if after is not None:
        statement, offset = statement.where(entry_id < after[0]), 0
    elif before is not None:
        statement, offset = statement.where(entry_id > before[0]), 0
    elif offset < 0:
        offset = -offset - limit
        if offset < 0:
            limit, offset = limit + offset, 0
    statement = statement.order_by(entry_id.asc() if reverse else entry_id.desc())
    rows = list(session.exec(statement.offset(offset).limit(limit)))
    if reverse:
        rows.reverse()
    return [
        {
            "id": entry.id,
            "at": entry.at.astimezone().strftime("%d/%m/%Y %H:%M:%S"),
            "actor": harmless(entry.actor),
            "action": entry.action,
            "kind": entry.kind,
            "record_code": harmless(entry.record_code),
            "record_id": entry.record_id,
            "_key": (entry.id,),
        }
        for entry in rows
    ]


def read_entry(session: Session, actor: Actor, entry_id: int) -> ChangeLogEntry | None:
    """One entry, redacted for `actor`; None when it is not theirs to read."""
    statement = _statement(actor, LogFilters()).where(col(ChangeLogEntry.id) == entry_id)
    found = session.exec(statement).first()
    return None if found is None else _redacted(session, actor, found)


def _redacted(session: Session, actor: Actor, entry: ChangeLogEntry) -> ChangeLogEntry:
    def view(snapshot: dict[str, Any] | None) -> dict[str, Any] | None:
        if snapshot is None:
            return None
        return access.redact(actor, entry.kind, snapshot, session=session)

    copy = ChangeLogEntry.model_validate(entry.model_dump())
    copy.before, copy.after = view(entry.before), view(entry.after)
    copy.salt = None  # the hash's secret never leaves models/ (see models.changelog)
    return copy


def history(
    session: Session, record_id: uuid.UUID, *, actor: Actor | None = None
) -> list[ChangeLogEntry]:
    """Every change of one record the actor may read, oldest first."""
    return list(entries(session, actor=actor, record_id=record_id))


def export_rows(
    session: Session, *, actor: Actor | None = None, **filters: Any
) -> Iterator[dict[str, Any]]:
    """The entries of `entries` as rows of COLUMNS, for CSV or JSON; admins only.

    Redacted entries keep their stored hashes: the export documents the chain, `verify`
    checks it.
    """
    actor = actor or Actor.local_admin()
    access.require(actor, "export", "change_log")
    for entry in entries(session, actor=actor, **filters):
        row = entry.model_dump()
        row["at"] = entry.at.astimezone(UTC).isoformat()
        row["record_id"] = str(entry.record_id)
        yield {name: row[name] for name in COLUMNS}


# --- verification -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """What `verify` found: the number of entries and the last hash, or the first bad entry."""

    count: int
    head: str
    problem: str | None = None  # a catalogue key: audit.altered, audit.broken_link, …
    entry_id: int | None = None
    previous_id: int | None = None

    @property
    def intact(self) -> bool:
        return self.problem is None

    def message(self) -> str:
        if self.problem is None:
            return t("audit.ok", count=self.count, head=self.head)
        return t(self.problem, id=self.entry_id, previous=self.previous_id, head=self.head)


def verify(session: Session, *, actor: Actor | None = None, head: str | None = None) -> Verdict:
    """Check the whole chain, oldest first; the first entry that breaks it, if any.

    An entry whose content does not match its hash was altered; one whose `prev_hash` is not
    the hash of the entry before it follows a removed entry, or was inserted or moved. With
    `head` (a hash `verify` printed earlier, kept outside the database), the chain must still
    contain it: this finds entries removed from the end, or a log rewritten from scratch.
    """
    access.require(actor or Actor.local_admin(), "verify", "change_log")
    links = iter(
        session.execute(
            select(col(ChangeLogUnit.entry_id), col(ChangeLogUnit.unit_id))
            .order_by(col(ChangeLogUnit.entry_id))
            .execution_options(yield_per=5000)
        )
    )
    link = next(links, None)
    previous: ChangeLogEntry | None = None
    count, seen_head = 0, head is None
    statement = select(ChangeLogEntry).order_by(col(ChangeLogEntry.id))
    for entry in session.exec(statement.execution_options(yield_per=1000)):
        units = []
        while link is not None and link[0] <= (entry.id or 0):
            if link[0] == entry.id:
                units.append(link[1])
            link = next(links, None)
        expected_prev = previous.hash if previous is not None else GENESIS
        if entry.prev_hash != expected_prev:
            key = "audit.broken_link" if previous is not None else "audit.broken_start"
            return Verdict(count, expected_prev, key, entry.id, previous.id if previous else None)
        if compute_hash(entry, units) != entry.hash:
            return Verdict(count, expected_prev, "audit.altered", entry.id)
        count += 1
        seen_head = seen_head or entry.hash == head
        previous = entry
        session.expunge(entry)
    last = previous.hash if previous is not None else GENESIS
    if not seen_head:
        return Verdict(count, head or "", "audit.head_missing")
    return Verdict(count, last)
