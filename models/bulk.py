"""Many new records at once (an import): the rules of `models.records.create`, written in batches.

Each row is validated by the kind's Create model and built by the kind's own `apply`, exactly as
`records.create` does, with the same rights (`models.access`) and the same change log entry; what
differs is how it reaches the database. A row is built on a *draft* (a plain object with the
table's defaults), not an ORM instance: nothing is flushed per row, and the drafts of a batch
become rows of one INSERT per table, then one INSERT of their change log entries. References are
looked up once per batch (one query per referenced table), so an import costs the same per row
however large the database; memory holds one batch, whatever the file's size.

All or nothing: every row is checked and every problem collected; the caller's transaction is
rolled back when there is any (`InvalidInput`). A good row of a bad file is written and rolled
back with the rest: so a later row that repeats its code is still found.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from types import SimpleNamespace
from typing import Any

from pydantic_core import PydanticUndefined
from sqlalchemy import Table
from sqlalchemy import inspect as orm_inspect
from sqlalchemy.orm import RelationshipDirection
from sqlmodel import Session, select

from models import access, records
from models.base import Actor
from models.changelog import Change, append_changes
from models.clock_decisions import session_calendar
from models.db import insert_many
from models.errors import Forbidden, InvalidInput, Problem
from models.kinds import Kind
from models.registry import PREPARE, kind_of
from models.shares import Share

BATCH = 2_000
IMPORT_CACHE_KIB = 256 * 1024
# Referenced tables small enough to keep whole for the import (the others are looked up per batch).
SMALL = ("units", "localities", "campaigns")
Rows = Iterable[tuple[int, dict[str, str]]]


@dataclass(frozen=True)
class _Shape:
    """How a table's drafts are made and turned into rows (worked out once per table)."""

    defaults: list[tuple[str, Any, Any]]  # (field, default factory, default)
    collections: list[str]  # relationships holding many
    singles: list[str]  # relationships holding one
    columns: list[str]
    parents: list[tuple[str, str, str]]  # (relationship, column, the parent's attribute)
    links: list[tuple[str, Table, list[tuple[str, str]], list[tuple[str, str]]]]
    targets: dict[str, type[Any]]  # relationship → the table class it points at


_SHAPES: dict[type[Any], _Shape] = {}


def _shape(table: type[Any]) -> _Shape:
    if table not in _SHAPES:
        _SHAPES[table] = _work_out(table)
    return _SHAPES[table]


def _work_out(table: type[Any]) -> _Shape:
    mapper = orm_inspect(table)
    defaults = [
        (
            name,
            field.default_factory,
            None if field.default is PydanticUndefined else field.default,
        )
        for name, field in table.model_fields.items()
    ]
    relationships = list(mapper.relationships)
    parents, links = [], []
    for relationship in relationships:
        if relationship.direction is RelationshipDirection.MANYTOONE:
            parents += [
                (relationship.key, local.key, remote.key)
                for local, remote in relationship.local_remote_pairs
            ]
        elif relationship.direction is RelationshipDirection.MANYTOMANY:
            own = [(mine.key, link.key) for mine, link in relationship.synchronize_pairs]
            other = [(its.key, link.key) for its, link in relationship.secondary_synchronize_pairs]
            links.append((relationship.key, relationship.secondary, own, other))
    return _Shape(
        defaults,
        [r.key for r in relationships if r.uselist],
        [r.key for r in relationships if not r.uselist],
        [column.key for column in mapper.columns],
        parents,
        links,
        {r.key: r.mapper.class_ for r in relationships},
    )


def draft(table: type[Any]) -> SimpleNamespace:
    """A new record of `table` as a plain object: its columns' defaults, empty relationships."""
    shape = _shape(table)
    record = SimpleNamespace()
    values = record.__dict__
    for name, factory, default in shape.defaults:
        values[name] = factory() if factory is not None else default
    for name in shape.collections:
        values[name] = []
    for name in shape.singles:
        values[name] = None
    return record


def _table_rows(table: type[Any], record: SimpleNamespace) -> list[tuple[Table, dict[str, Any]]]:
    """(table, row) to insert for one draft: its own row, then its many-to-many links."""
    shape = _shape(table)
    values = record.__dict__
    row = {name: values[name] for name in shape.columns}
    for relationship, column, attribute in shape.parents:
        parent = values[relationship]
        row[column] = getattr(parent, attribute) if parent is not None else None
    rows = [(table.__table__, row)]
    for relationship, secondary, own, other in shape.links:
        for item in values[relationship]:
            link = {key: values[attribute] for attribute, key in own}
            link |= {key: getattr(item, attribute) for attribute, key in other}
            rows.append((secondary, link))
    return rows


def _batches(rows: Rows) -> Iterator[list[tuple[int, dict[str, str]]]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, BATCH)):
        yield batch


class _Import:
    """One import of one kind: what the batches share."""

    def __init__(self, session: Session, actor: Actor, kind: Kind[Any]):
        self.session, self.actor, self.kind = session, actor, kind
        self.problems: list[Problem] = []
        self.created = 0
        self.cache: dict[tuple[type, str], Any] = session.info.setdefault("code_cache", {})
        self.by_id: dict[type[Any], dict[Any, Any]] = {}
        # Records of this kind may refer to others of the same file (a unit to its parent).
        self.refers_to_itself = kind.name in kind.references.values()

    def _codes(self, batch: list[tuple[int, dict[str, str]]], field: str) -> set[str]:
        codes: set[str] = set()
        for _, row in batch:
            value = (row.get(field) or "").strip()
            codes.update(part.strip() for part in value.split(";") if part.strip())
        return codes

    def _small(self) -> dict[type[Any], dict[Any, Any]]:
        """The small reference tables, whole, by id (loaded once per import)."""
        if not self.by_id:
            for name in SMALL:
                table = kind_of(name).table
                records = self.session.exec(select(table)).all()
                self.by_id[table] = {record.id: record for record in records}
                for record in records:
                    self.cache[(table, record.code)] = record
        return self.by_id

    def _look_up(self, target: str, codes: set[str]) -> None:
        """Put the records of `target` with these codes in the code cache (None: no such code).

        The small reference tables are there whole; a record of another kind is read as a plain
        object: its columns, its links to the small tables (what the rules and rights read of a
        referenced record), not an ORM instance, which would cost ten times as much to load.
        """
        small = self._small()
        table = kind_of(target).table
        if table in small:
            return
        wanted = [code for code in codes if (table, code) not in self.cache]
        shape, columns = _shape(table), table.__table__.c  # type: ignore[attr-defined]
        for start in range(0, len(wanted), 900):  # SQLite allows a few hundred parameters
            chunk = wanted[start : start + 900]
            found = {}
            for row in self.session.execute(select(table.__table__).where(columns.code.in_(chunk))):
                record = SimpleNamespace(**row._mapping)
                for relationship, column, attribute in shape.parents:
                    targets = small.get(shape.targets[relationship])
                    value = getattr(record, column)
                    if targets is not None and attribute == "id":
                        setattr(record, relationship, targets.get(value))
                found[record.id] = record
            for relationship, secondary, own, other in shape.links:
                targets = small.get(shape.targets[relationship])
                if targets is None:
                    continue
                for item in found.values():
                    setattr(item, relationship, [])
                (_, my_key), (_, its_key) = own[0], other[0]
                links = select(secondary.c[my_key], secondary.c[its_key]).where(
                    secondary.c[my_key].in_(list(found))
                )
                for owner, linked in self.session.execute(links):
                    getattr(found[owner], relationship).append(targets[linked])
            by_code = {record.code: record for record in found.values()}
            for code in chunk:
                self.cache[(table, code)] = by_code.get(code)

    def _forget_batch(self) -> None:
        """Keep the small reference tables; let the rest go (memory stays one batch)."""
        small = set(self._small())
        if self.refers_to_itself:
            small.add(self.kind.table)
        for key in [key for key in self.cache if key[0] not in small]:
            del self.cache[key]

    def run(self, batch: list[tuple[int, dict[str, str]]]) -> None:
        kind, table = self.kind, self.kind.table
        for field, target in kind.references.items():
            self._look_up(target, self._codes(batch, field))
        self._look_up(kind.name, self._codes(batch, "code"))  # codes already taken
        in_batch: set[str] = set()
        inserts: dict[Any, list[dict[str, Any]]] = {}
        changes: list[Change] = []
        for number, row in batch:
            record = self._build(number, row, in_batch)
            if record is None:
                continue
            after = kind.snapshot(record)
            record.search_key = records.search_key(kind, record, after)
            for target_table, table_row in _table_rows(table, record):
                inserts.setdefault(target_table, []).append(table_row)
            units = access.shared_units(kind, record)
            if kind.name in access.SHARED:
                shares = inserts.setdefault(Share.__table__, [])  # type: ignore[attr-defined]
                shares += access.share_rows(kind.name, record)
            changes.append(Change("create", kind.name, record.id, record.code, None, after, units))
            in_batch.add(record.code)
            if self.refers_to_itself:
                self.cache[(table, record.code)] = record
        connection = self.session.connection()
        for target_table, table_rows in inserts.items():
            insert_many(connection, target_table, table_rows)
        append_changes(self.session, actor=self.actor, changes=changes)
        self.created += len(changes)
        self._forget_batch()

    def _build(self, number: int, row: dict[str, str], in_batch: set[str]) -> Any:
        """The row's record as a draft, or None when it is bad (its problems are collected)."""
        kind = self.kind
        try:
            validated = records.validate(kind.create_model, row, number)
            checker = records.checker_for(self.session, self.actor, number)
            code = getattr(validated, "code", None)
            if code is not None and (code in in_batch or self.cache.get((kind.table, code))):
                checker.problem("code", code, "err.duplicate_code")
            record = draft(kind.table)
            kind.apply(checker, record, validated)
            checker.raise_if_any()
            access.require(self.actor, "create", kind, record, session=self.session)
            prepare = PREPARE.get(kind.name)
            if prepare is not None:  # what records.create derives after its flush, in Python
                prepare(session_calendar(self.session), record)
        except InvalidInput as error:
            self.problems += error.problems
            return None
        except Forbidden as error:
            column = kind_of(error.kind).owner_field
            self.problems.append(error.as_problem(column, row.get(column), number))
            return None
        return record


@contextmanager
def _roomy(session: Session) -> Iterator[None]:
    """On SQLite, a page cache that holds a batch's changes to every index (they are then
    written once, not spilled and written again, batch after batch); back to the default after."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    connection.exec_driver_sql(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql("PRAGMA cache_size = -2000")


@contextmanager
def _search_indexed_at_the_end(session: Session, table: type[Any]) -> Iterator[None]:
    """On SQLite, the imported rows enter the table's full-text index (models/search.py) in one
    statement at the end, not one trigger call per row: FTS5 writes its pending terms out at
    every statement of a trigger, so a row costs several times as much that way. The insert
    trigger is dropped and made again inside the import's transaction, so no other connection
    ever sees the table without it, and a failed import rolls the drop back with the rest."""
    connection = session.connection()
    name = table.__tablename__
    trigger = f"{name}_fts_insert"
    found = None
    if connection.dialect.name == "sqlite":
        found = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (trigger,)
        ).scalar()
    if found is None:
        yield
        return
    last = connection.exec_driver_sql(f"SELECT max(rowid) FROM {name}").scalar() or 0
    connection.exec_driver_sql(f"DROP TRIGGER {trigger}")
    yield
    connection.exec_driver_sql(
        f"INSERT INTO {name}_fts (rowid, search_key) "
        f"SELECT rowid, search_key FROM {name} WHERE rowid > ?",
        (last,),
    )
    connection.exec_driver_sql(found)


def create_many(session: Session, *, actor: Actor, kind: Kind[Any], rows: Rows) -> int:
    """Create a record per (row number, cells) in `rows`, in batches; how many were created.

    InvalidInput with every bad row when there is any (the caller rolls back); Forbidden at once
    when the actor may not create this kind at all.
    """
    access.require(actor, "create", kind)
    run = _Import(session, actor, kind)
    with session.no_autoflush, _roomy(session), _search_indexed_at_the_end(session, kind.table):
        try:
            for batch in _batches(rows):
                run.run(batch)
        except InvalidInput as unreadable:  # rows the file's reader could not read
            run.problems += unreadable.problems
    if kind.name == "units":
        access.forget_scopes(session)
    if run.problems:
        raise InvalidInput(sorted(run.problems, key=lambda problem: problem.row or 0))
    return run.created
