"""The one write path: create, update and delete any kind of record, with the change log.

Each kind of record describes itself with a `models.kinds.Kind`: its table, its Create data model
(the CSV columns, references as codes), how validated data becomes columns (`apply`) and how a
record reads back as a row (`snapshot`). Updates merge the changes into the snapshot and validate
the whole record again, so cross-field rules hold for edits exactly as for new records.
Callers own the transaction: one user action, one transaction (see `models.db.write_session`).
Every function takes the acting operator and enforces `models.access`: a record the actor may not
read does not exist for them (NotFound, or an unknown code when referenced), one they may read
but not change is Forbidden.
"""

from __future__ import annotations

import uuid
from functools import lru_cache
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import func
from sqlmodel import Session, SQLModel, select

from models import access
from models.base import SEARCH_KEY_MAX, Actor, RecordColumns, utcnow
from models.changelog import append_change
from models.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    Problem,
    problems_from_validation,
)
from models.kinds import Checker, Kind, find_by_code, forget_codes
from models.registry import PROTECTED_FIELDS, REFRESH
from models.suspects import refresh_border_zone
from models.text import fold

__all__ = ["PROTECTED_FIELDS", "create", "delete", "get", "update", "validate"]

R = TypeVar("R", bound=RecordColumns)


def checker_for(session: Session, actor: Actor, row: int | None = None) -> Checker:
    """A Checker for which a referenced record the actor may not read does not exist."""

    def may_read(kind: str, record: Any) -> bool:
        return access.can(actor, "read", kind, record, session=session)

    return Checker(session, row, may_read)


def validate(
    model: type[BaseModel], data: BaseModel | dict[str, Any], row: int | None = None
) -> Any:
    # Validated again even if it is already a `model`: model_construct() skips validation.
    raw = data.model_dump() if isinstance(data, BaseModel) else data
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        raise InvalidInput(problems_from_validation(error, row)) from None


def get(
    session: Session,
    kind: Kind[R],
    key: uuid.UUID | str,
    *,
    for_update: bool = False,
    actor: Actor | None = None,
) -> R:
    """A record by id or code; NotFound if there is none, or if `actor` may not read it.

    Without an actor: the local administrator's view. What the app shows of it goes through
    `access.snapshot(actor, kind, record)`, which leaves out what the actor may not see.
    """
    column = kind.table.id if isinstance(key, uuid.UUID) else kind.table.code
    statement = select(kind.table).where(column == key)
    if for_update:
        statement = statement.with_for_update()
    record = session.exec(statement).first()
    if record is None or (actor is not None and not access.can(actor, "read", kind, record)):
        raise NotFound(kind.name, str(key))
    return record


# The same names (units, places) come back in every record of an import: fold each once.
_folded = lru_cache(maxsize=8192)(fold)


def search_key(kind: Kind[Any], record: Any, snapshot: dict[str, Any]) -> str:
    """What search finds a record by: its text and its links' names, never a protected field."""
    values: list[str] = []
    for name, value in snapshot.items():
        if isinstance(value, str) and name not in kind.protected:
            values.append(value)
        elif isinstance(value, list):
            values.extend(str(item) for item in value)
    if kind.linked_words is not None:
        values.extend(word for word in kind.linked_words(record) if word)
    # fold("a b") == fold("a") + " " + fold("b"): it works word by word.
    return " ".join(filter(None, map(_folded, values)))[:SEARCH_KEY_MAX]


def create(
    session: Session,
    *,
    actor: Actor,
    kind: Kind[R],
    data: BaseModel | dict[str, Any],
    row: int | None = None,
) -> R:
    """Validate and insert one record, and log it. Raises InvalidInput with every problem found.

    Forbidden if the actor may not create this record (models.access), nothing written.
    """
    access.require(actor, "create", kind)
    validated = validate(kind.create_model, data, row)
    checker = checker_for(session, actor, row)
    code = getattr(validated, "code", None)
    if code is not None and find_by_code(session, kind.table, code) is not None:
        checker.problem("code", code, "err.duplicate_code")
    record = kind.table()  # type: ignore[call-arg] # apply() sets every field
    with session.no_autoflush:  # a half-built record must not reach the database
        kind.apply(checker, record, validated)
    try:
        checker.raise_if_any()
        access.require(actor, "create", kind, record, session=session)
    except (InvalidInput, Forbidden):
        if record in session:  # a relationship may have cascaded it in
            session.expunge(record)
        raise
    after = kind.snapshot(record)
    with session.no_autoflush:
        units = access.shared_units(kind, record)
    record.search_key = search_key(kind, record, after)
    session.add(record)
    session.flush()
    access.write_shares(session, kind.name, record)
    _refresh_others(session, kind, record)
    session.info.get("code_cache", {})[(kind.table, record.code)] = record
    if kind.name == "units":
        access.forget_scopes(session)
    append_change(
        session,
        actor=actor,
        action="create",
        kind=kind.name,
        record_id=record.id,
        record_code=record.code,
        before=None,
        after=after,
        units=units,
    )
    return record


def update(
    session: Session,
    *,
    actor: Actor,
    kind: Kind[R],
    key: uuid.UUID | str,
    expected_version: int,
    changes: BaseModel | dict[str, Any],
) -> R:
    """Apply `changes` if nobody changed the record since the operator read `expected_version`.

    The actor must be allowed to change the record both as it is and as it will be.
    """
    access.require(actor, "update", kind)
    record = get(session, kind, key, for_update=True, actor=actor)
    access.require(actor, "update", kind, record, session=session)
    current = record.version
    if current != expected_version:
        raise Conflict(kind.name, record.code, expected_version, current)
    _refuse_if_locked(kind, record)
    if isinstance(changes, BaseModel):
        changed = changes.model_dump(exclude_unset=True)
    else:
        changed = validate(kind.update_model, changes).model_dump(exclude_unset=True)
    before = kind.snapshot(record)
    checker = checker_for(session, actor)
    # A field the actor may not see (another unit's informant) is never written by their save:
    # a form shows it empty, and an empty value there must not erase what is stored.
    hidden = set(before) - set(access.redact(actor, kind, before, session=session))
    for name in hidden & set(changed):
        if changed.pop(name) not in (None, ""):
            checker.problem(name, None, "err.hidden_field")
    units = access.shared_units(kind, record)
    validated = validate(kind.create_model, {**before, **changed})
    new_code = getattr(validated, "code", None)
    if new_code is not None and new_code != record.code:
        if find_by_code(session, kind.table, new_code) is not None:
            checker.problem("code", new_code, "err.duplicate_code")
        forget_codes(session)
    with session.no_autoflush:
        kind.apply(checker, record, validated)
    checker.raise_if_any()
    access.require(actor, "update", kind, record, session=session)
    after = kind.snapshot(record)
    if after == before:
        return record
    units |= access.shared_units(kind, record)
    if kind.name == "units":
        access.forget_scopes(session)
    record.search_key = search_key(kind, record, after)
    record.version = current + 1
    record.updated_at = utcnow()
    session.add(record)
    session.flush()
    access.write_shares(session, kind.name, record)
    _refresh_derived(session, kind, record, before, after)
    _refresh_others(session, kind, record)
    append_change(
        session,
        actor=actor,
        action="update",
        kind=kind.name,
        record_id=record.id,
        record_code=record.code,
        before=before,
        after=after,
        units=units,
    )
    return record


def _refuse_if_locked(kind: Kind[Any], record: Any) -> None:
    reason = kind.locked(record) if kind.locked is not None else None
    if reason is not None:
        raise InvalidInput([Problem("code", record.code, reason)])


def _refresh_derived(
    session: Session, kind: Kind[Any], record: Any, before: dict[str, Any], after: dict[str, Any]
) -> None:
    """What other records derive from this one, derived again (a suspect's border zone)."""
    if kind.name == "cases" and before["locality"] != after["locality"]:
        refresh_border_zone(session, case_id=record.id)
    elif kind.name == "localities" and before["border_zone"] != after["border_zone"]:
        refresh_border_zone(session, locality_id=record.id)


def _blocking_references(session: Session, record: Any) -> dict[str, int]:
    """Rows elsewhere that point at `record` through a foreign key that does not cascade."""
    counts: dict[str, int] = {}
    target = record.__table__
    for table in SQLModel.metadata.sorted_tables:
        for foreign_key in table.foreign_keys:
            if foreign_key.column.table is not target or foreign_key.ondelete == "CASCADE":
                continue
            count = session.scalar(
                select(func.count()).select_from(table).where(foreign_key.parent == record.id)
            )
            if count:
                counts[table.name] = counts.get(table.name, 0) + count
    return counts


def delete(
    session: Session,
    *,
    actor: Actor,
    kind: Kind[R],
    key: uuid.UUID | str,
    expected_version: int,
) -> None:
    """Delete a record nobody changed since `expected_version` and nothing else depends on."""
    access.require(actor, "delete", kind)
    record = get(session, kind, key, for_update=True, actor=actor)
    access.require(actor, "delete", kind, record, session=session)
    current = record.version
    if current != expected_version:
        raise Conflict(kind.name, record.code, expected_version, current)
    _refuse_if_locked(kind, record)
    blocking = _blocking_references(session, record)
    if blocking:
        raise InvalidInput(
            [
                Problem(
                    "code",
                    record.code,
                    "err.in_use",
                    {"count": sum(blocking.values()), "kinds": ", ".join(sorted(blocking))},
                )
            ]
        )
    before = kind.snapshot(record)
    units = access.shared_units(kind, record)
    session.delete(record)
    session.flush()
    access.forget_shares(session, kind.name, record)
    _refresh_others(session, kind, record)
    forget_codes(session)
    if kind.name == "units":
        access.forget_scopes(session)
    append_change(
        session,
        actor=actor,
        action="delete",
        kind=kind.name,
        record_id=record.id,
        record_code=record.code,
        before=before,
        after=None,
        units=units,
    )


def _refresh_others(session: Session, kind: Kind[Any], record: Any) -> None:
    """Derived columns that follow from this write (models.registry.REFRESH), flushed with it."""
    refresh = REFRESH.get(kind.name)
    if refresh is not None:
        refresh(session, record)
        session.flush()
