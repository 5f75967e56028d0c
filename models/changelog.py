"""The append-only change log: who changed which record, when, what it was before and after."""

import json
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, Session, SQLModel, select

from models.base import Actor, utcnow


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


def _jsonable(snapshot: dict[str, Any] | None) -> dict[str, Any] | None:
    if snapshot is None:
        return None

    def convert(value: Any) -> Any:
        if isinstance(value, date | datetime):
            return value.isoformat()
        if isinstance(value, uuid.UUID):
            return str(value)
        return value

    return json.loads(json.dumps(snapshot, default=convert))


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
) -> ChangeLogEntry:
    entry = ChangeLogEntry(
        at=utcnow(),
        actor=actor.username,
        operator_id=actor.operator_id,
        action=action,
        kind=kind,
        record_id=record_id,
        record_code=record_code,
        before=_jsonable(before),
        after=_jsonable(after),
    )
    session.add(entry)
    return entry


def history(session: Session, record_id: uuid.UUID) -> list[ChangeLogEntry]:
    statement = select(ChangeLogEntry).where(ChangeLogEntry.record_id == record_id)
    return list(session.exec(statement.order_by(ChangeLogEntry.id)))  # type: ignore[arg-type]
