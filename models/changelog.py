"""The append-only change log: who changed which record, when, what it was before and after.

Append-only: database triggers refuse UPDATE and DELETE on it (migration 0003).
Tamper-evident: each entry carries `hash`, a SHA-256 over its content, a secret salt of its own
and `prev_hash`, the hash of the entry before it (GENESIS for the first). Entries are chained in
id order; appends are serialised (SQLite's write lock, a PostgreSQL advisory lock) so the chain
never forks. `models.audit.verify` walks the chain. The units a record was shared with at the
time of the change (`change_log_units`) are part of the hashed content: they decide who may read
the entry (see models.access), even after the record itself is deleted.

The log keeps full snapshots, reporter fields included; who reads it sees them only through
`models.audit`, which leaves them out for anyone but the receiving unit.
"""

import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Column, func, text
from sqlmodel import Field, Session, SQLModel, col, select

from models.base import Actor, new_secret, utcnow
from models.db import insert_many, lock_change_log

GENESIS = "0" * 64


class ChangeLogEntry(SQLModel, table=True):
    __tablename__ = "change_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    actor: str = Field(max_length=80, index=True)
    operator_id: uuid.UUID | None = Field(default=None)
    action: str = Field(max_length=20)  # create, update, delete
    kind: str = Field(max_length=40)
    record_id: uuid.UUID = Field(index=True)
    record_code: str = Field(max_length=80)
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)
    # A secret of the entry's own, hashed with its content and never shown or exported: without
    # it nobody can test a guess (an informant's name, a phone number) against a hash they were
    # given. NULL in entries written before migration 0005.
    salt: str | None = Field(default=None, max_length=64)


class ChangeLogUnit(SQLModel, table=True):
    """A unit the entry's record was shared with, before or after the change."""

    __tablename__ = "change_log_units"

    # No foreign keys. A unit may be deleted later, its history stays readable. And SQLite
    # rebuilds a table in a migration by dropping it, which would cascade into this one.
    entry_id: int = Field(primary_key=True)
    unit_id: uuid.UUID = Field(primary_key=True, index=True)


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _jsonable(snapshot: dict[str, Any] | None) -> dict[str, Any] | None:
    """The snapshot as JSON holds it (dates as ISO text, ids as text, tuples as lists)."""
    return None if snapshot is None else _plain(snapshot)


def _utc_naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no spaces: the form the hash is taken over."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


class CanonicalJSON(str):
    """A snapshot already written as `canonical_json` (an import writes it once, for the hash
    and for the column alike)."""


def compute_hash(
    entry: ChangeLogEntry | Mapping[str, Any], units: Iterable[uuid.UUID | str]
) -> str:
    """SHA-256 of the entry's content, its units and `prev_hash`, in canonical JSON (an entry,
    or the row `append_changes` is about to insert).

    This is a format: changing it breaks every chain already written (migration 0003 keeps
    a copy of it for the entries of older databases).
    """
    value = entry.__getitem__ if isinstance(entry, Mapping) else lambda name: getattr(entry, name)
    operator_id = value("operator_id")
    content = {
        "prev_hash": value("prev_hash"),
        "at": _utc_naive(value("at")).isoformat(),
        "actor": value("actor"),
        "operator_id": str(operator_id) if operator_id else None,
        "action": value("action"),
        "kind": value("kind"),
        "record_id": str(value("record_id")),
        "record_code": value("record_code"),
        "before": value("before"),
        "after": value("after"),
        "units": sorted(str(unit) for unit in units),
    }
    if value("salt") is not None:
        content["salt"] = value("salt")
    # Snapshots already written (an import's) go in where json.dumps would have written them,
    # so the text is the same one json.dumps(content, sort_keys=True, …) gives.
    ready = {key: item for key, item in content.items() if isinstance(item, CanonicalJSON)}
    canonical = canonical_json({**content, **dict.fromkeys(ready, _SLOT)})
    for key in sorted(ready):  # in the order the keys are written
        canonical = canonical.replace(_SLOT_JSON, ready[key], 1)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# A place holder no snapshot can hold (a control character, which validation refuses; and
# json.dumps escapes it, so the escaped text cannot occur inside another string either).
_SLOT = "\x00snapshot\x00"
_SLOT_JSON = canonical_json(_SLOT)


def _tail(session: Session) -> str:
    """The newest entry's hash (one row of the primary key's index), after what is pending."""
    session.flush()  # earlier entries of this transaction first: the tail is the newest row
    last = session.scalar(
        select(ChangeLogEntry.hash).order_by(col(ChangeLogEntry.id).desc()).limit(1)
    )
    return last or GENESIS


def append_change(
    session: Session,
    *,
    actor: Actor,
    action: str,
    kind: str,
    record_id: uuid.UUID,
    record_code: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    units: Iterable[uuid.UUID] = (),
) -> ChangeLogEntry:
    """Append one entry, chained to the last one; `units`: who the record is shared with."""
    lock_change_log(session)
    prev_hash = _tail(session)
    unit_ids = sorted(set(units), key=str)
    entry = ChangeLogEntry(
        at=utcnow(),
        actor=actor.username[:80],
        operator_id=actor.operator_id,
        action=action,
        kind=kind,
        record_id=record_id,
        record_code=record_code,
        before=_jsonable(before),
        after=_jsonable(after),
        prev_hash=prev_hash,
        hash="",
        salt=new_secret(),
    )
    entry.hash = compute_hash(entry, unit_ids)
    session.add(entry)
    session.flush()
    assert entry.id is not None
    session.add_all(ChangeLogUnit(entry_id=entry.id, unit_id=unit) for unit in unit_ids)
    return entry


def _serialised(snapshot: dict[str, Any] | None) -> CanonicalJSON | None:
    return None if snapshot is None else CanonicalJSON(canonical_json(_plain(snapshot)))


@dataclass(frozen=True)
class Change:
    """One change to log with `append_changes`."""

    action: str
    kind: str
    record_id: uuid.UUID
    record_code: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    units: Iterable[uuid.UUID] = ()


def append_changes(session: Session, *, actor: Actor, changes: Sequence[Change]) -> None:
    """Append many entries at once (an import), chained in order exactly as `append_change`
    would chain them one by one: one INSERT of the entries, one of their units. The ids are
    given here, under the lock every writer of the log holds (`lock_change_log`)."""
    if not changes:
        return
    lock_change_log(session)
    prev_hash, at = _tail(session), utcnow()
    rows, unit_lists = [], []
    for change in changes:
        unit_ids = sorted(set(change.units), key=str)
        row = {
            "at": at,
            "actor": actor.username[:80],
            "operator_id": actor.operator_id,
            "action": change.action,
            "kind": change.kind,
            "record_id": change.record_id,
            "record_code": change.record_code,
            "before": _serialised(change.before),
            "after": _serialised(change.after),
            "prev_hash": prev_hash,
            "salt": new_secret(),
        }
        row["hash"] = prev_hash = compute_hash(row, unit_ids)
        rows.append(row)
        unit_lists.append(unit_ids)
    first_id = (session.scalar(select(func.max(ChangeLogEntry.id))) or 0) + 1
    for entry_id, row in enumerate(rows, start=first_id):
        row["id"] = entry_id
    links = [
        {"entry_id": row["id"], "unit_id": unit}
        for row, units in zip(rows, unit_lists, strict=True)
        for unit in units
    ]
    connection = session.connection()
    table = ChangeLogEntry.__table__  # type: ignore[attr-defined]
    insert_many(connection, table, rows, ready=("before", "after"))
    insert_many(connection, ChangeLogUnit.__table__, links)  # type: ignore[attr-defined]
    if connection.dialect.name == "postgresql":  # the ids were ours: the sequence follows
        connection.execute(
            text("SELECT setval(pg_get_serial_sequence('change_log', 'id'), :last)"),
            {"last": rows[-1]["id"]},
        )
