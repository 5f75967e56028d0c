"""The one write path: create, update and delete any kind of record, with the change log.

Each kind of record (cases, tips, …) describes itself with a `RecordKind`: its table, its Create
data model (the CSV columns, references as codes), how validated data becomes columns (`apply`)
and how a record reads back as a row (`snapshot`). Updates merge the changes into the snapshot and
validate the whole record again, so cross-field rules hold for edits exactly as for new records.
Callers own the transaction: one user action, one transaction (see `models.db.write_session`).
Every function takes the acting operator and enforces `models.access`: a record the actor may not
read does not exist for them (NotFound, or an unknown code when referenced), one they may read
but not change is Forbidden.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, create_model
from sqlalchemy import func
from sqlmodel import Session, SQLModel, col, select

from models.base import Actor, RecordColumns, utcnow
from models.changelog import append_change
from models.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    Problem,
    problems_from_validation,
)
from models.text import fold

R = TypeVar("R", bound=RecordColumns)


def partial_model(model: type[BaseModel]) -> type[BaseModel]:
    """The Update model of a Create model: the same fields, all optional, no others.

    Values are checked when merged into the whole record and validated by the Create model
    (see `update`), so cross-field rules apply to edits too; this model only names the fields.
    """
    fields: dict[str, Any] = dict.fromkeys(model.model_fields, (Any, None))
    name = model.__name__.replace("Create", "Update")
    return create_model(name, __config__=ConfigDict(extra="forbid"), **fields)


@dataclass(frozen=True)
class RecordKind(Generic[R]):
    name: str
    table: type[R]
    create_model: type[BaseModel]
    apply: Callable[[Checker, R, Any], None]
    snapshot: Callable[[R], dict[str, Any]]
    # The words search finds the record by (names of what it links to, not just their codes).
    words: Callable[[R], Sequence[str | None]] | None = None
    update_model: type[BaseModel] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "update_model", partial_model(self.create_model))


class Checker:
    """Collects every problem of one record, then fails once with all of them.

    With an actor, a reference to a record the actor may not read is an unknown code.
    """

    def __init__(self, session: Session, row: int | None = None, actor: Actor | None = None):
        self.session = session
        self.row = row
        self.actor = actor
        self.problems: list[Problem] = []

    def problem(self, field_name: str, value: Any, reason: str, **params: Any) -> None:
        self.problems.append(Problem(field_name, value, reason, params, self.row))

    def ref(self, table: type[R], code: str | None, field_name: str, reason: str) -> R | None:
        """The record of `table` with this code, or None (and a problem) if there is none."""
        if code is None:
            return None
        found = find_by_code(self.session, table, code)
        if found is not None and self.actor is not None:
            from models import access

            kind = str(table.__tablename__)
            if not access.can(self.actor, "read", kind, found, session=self.session):
                found = None
        if found is None:
            self.problem(field_name, code, reason)
        return found

    def refs(self, table: type[R], codes: list[str], field_name: str, reason: str) -> list[R]:
        found = [self.ref(table, code, field_name, reason) for code in codes]
        return [record for record in found if record is not None]

    def raise_if_any(self) -> None:
        if self.problems:
            raise InvalidInput(self.problems)


def find_by_code(session: Session, table: type[R], code: str) -> R | None:
    # Imports resolve the same few codes thousands of times; remember them for this session.
    cache: dict[tuple[type, str], Any] = session.info.setdefault("code_cache", {})
    key = (table, code)
    if key not in cache:
        cache[key] = session.exec(select(table).where(table.code == code)).first()
    return cache[key]


def _forget_codes(session: Session) -> None:
    session.info.pop("code_cache", None)


def next_code(session: Session, table: type[R], prefix: str, width: int = 3) -> str:
    """The first free code `<prefix><number>` after those already taken."""
    taken = session.scalar(
        select(func.count()).select_from(table).where(col(table.code).startswith(prefix))
    )
    number = (taken or 0) + 1
    while find_by_code(session, table, f"{prefix}{number:0{width}d}") is not None:
        number += 1
    return f"{prefix}{number:0{width}d}"


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
    kind: RecordKind[R],
    key: uuid.UUID | str,
    *,
    for_update: bool = False,
    actor: Actor | None = None,
) -> R:
    """A record by id or code; NotFound if there is none, or if `actor` may not read it.

    Without an actor: the local administrator's view. What the app shows of it goes through
    `access.snapshot(actor, kind, record)`, which leaves out what the actor may not see.
    """
    from models import access

    column = kind.table.id if isinstance(key, uuid.UUID) else kind.table.code
    statement = select(kind.table).where(column == key)
    if for_update:
        statement = statement.with_for_update()
    record = session.exec(statement).first()
    if record is None or (actor is not None and not access.can(actor, "read", kind, record)):
        raise NotFound(kind.name, str(key))
    return record


# Who gave a tip is protected: never part of what search can match.
PROTECTED_FIELDS = frozenset({"reporter_name", "reporter_contact"})


def _search_key(kind: RecordKind[R], record: R, snapshot: dict[str, Any]) -> str:
    values: list[str] = []
    for name, value in snapshot.items():
        if isinstance(value, str) and name not in PROTECTED_FIELDS:
            values.append(value)
        elif isinstance(value, list):
            values.extend(str(item) for item in value)
    if kind.words is not None:
        values.extend(word for word in kind.words(record) if word)
    return fold(" ".join(values))[:8000]


def create(
    session: Session,
    *,
    actor: Actor,
    kind: RecordKind[R],
    data: BaseModel | dict[str, Any],
    row: int | None = None,
) -> R:
    """Validate and insert one record, and log it. Raises InvalidInput with every problem found.

    Forbidden if the actor may not create this record (models.access), nothing written.
    """
    from models import access

    access.require(actor, "create", kind)
    validated = validate(kind.create_model, data, row)
    checker = Checker(session, row, actor)
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
    record.search_key = _search_key(kind, record, after)
    session.add(record)
    session.flush()
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
    kind: RecordKind[R],
    key: uuid.UUID | str,
    expected_version: int,
    changes: BaseModel | dict[str, Any],
) -> R:
    """Apply `changes` if nobody changed the record since the operator read `expected_version`.

    The actor must be allowed to change the record both as it is and as it will be.
    """
    from models import access

    access.require(actor, "update", kind)
    record = get(session, kind, key, for_update=True, actor=actor)
    access.require(actor, "update", kind, record, session=session)
    current = record.version
    if current != expected_version:
        raise Conflict(kind.name, record.code, expected_version, current)
    if isinstance(changes, BaseModel):
        changed = changes.model_dump(exclude_unset=True)
    else:
        changed = validate(kind.update_model, changes).model_dump(exclude_unset=True)
    before = kind.snapshot(record)
    checker = Checker(session, actor=actor)
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
        _forget_codes(session)
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
    record.search_key = _search_key(kind, record, after)
    record.version = current + 1
    record.updated_at = utcnow()
    session.add(record)
    session.flush()
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
    kind: RecordKind[R],
    key: uuid.UUID | str,
    expected_version: int,
) -> None:
    """Delete a record nobody changed since `expected_version` and nothing else depends on."""
    from models import access

    access.require(actor, "delete", kind)
    record = get(session, kind, key, for_update=True, actor=actor)
    access.require(actor, "delete", kind, record, session=session)
    current = record.version
    if current != expected_version:
        raise Conflict(kind.name, record.code, expected_version, current)
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
    _forget_codes(session)
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
