"""What a kind of record is: its name, and the one descriptor everything else reads.

Each kind of record (`models/<kind>.py`) describes itself once, with a `Kind`: its table and its
Create data model (whose fields are the CSV columns, references given as codes), how validated
data becomes columns (`apply`) and how a record reads back as a row (`snapshot`), the field that
names it, its code pattern, where its workflow starts, which fields apply in which status, which
fields refer to other kinds, and which are protected. Access rules, the write path, lists,
details, import and export, forms and search all read it; `models.registry` holds them all.

`Checker` collects the problems of one record as `apply` builds it; `find_by_code` and
`next_code` are the lookups `apply` needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, Literal, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, create_model
from sqlalchemy import func
from sqlmodel import Session, col, select

from models.base import RecordColumns
from models.errors import InvalidInput, Problem

KindName = Literal[
    "units",
    "localities",
    "campaigns",
    "tips",
    "cases",
    "suspects",
    "award_decisions",
    "award_recipients",
    "operators",
    "calendar_days",
    "clock_decisions",
    "reviews",
    "regulations",
    "stations",
]
KIND_NAMES: tuple[KindName, ...] = get_args(KindName)

R = TypeVar("R", bound=RecordColumns)


def partial_model(model: type[BaseModel]) -> type[BaseModel]:
    """The Update model of a Create model: the same fields, all optional, no others.

    Values are checked when merged into the whole record and validated by the Create model
    (see `models.records.update`), so cross-field rules apply to edits too; this model only
    names the fields.
    """
    fields: dict[str, Any] = dict.fromkeys(model.model_fields, (Any, None))
    name = model.__name__.replace("Create", "Update")
    return create_model(name, __config__=ConfigDict(extra="forbid"), **fields)


@dataclass(frozen=True)
class Kind(Generic[R]):
    name: KindName
    table: type[R]
    create_model: type[BaseModel]
    apply: Callable[[Checker, R, Any], None]
    snapshot: Callable[[R], dict[str, Any]]
    title_field: str  # the field that names a record (a case's title, a suspect's name)
    # The input field that decides who owns a record: an import row refused names it.
    owner_field: str
    # Names of the records it links to, which search finds it by too (beside its own text).
    linked_words: Callable[[R], Sequence[str | None]] | None = None
    code_prefix: str | None = None  # new records are coded <prefix>-<year>-<number>
    first_steps: Mapping[str, str] = field(default_factory=dict)  # a new record's workflow
    # A field that applies only while another has one of some values: {field: (other, values)}.
    applies_when: Mapping[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    # Input fields holding the codes of records of another kind.
    references: Mapping[str, KindName] = field(default_factory=dict)
    # Coded values shown through the catalogue as `<prefix>.<value>`: {field: prefix}.
    enums: Mapping[str, str] = field(default_factory=dict)
    # Fields only the owning unit's scope may see or change (a tip's reporter).
    protected: frozenset[str] = frozenset()
    # Why a record may be neither changed nor deleted now (a catalogue key), or None: an approved
    # review is frozen until it is reopened.
    locked: Callable[[Any], str | None] | None = None
    update_model: type[BaseModel] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "update_model", partial_model(self.create_model))

    @property
    def columns(self) -> list[tuple[str, bool]]:
        """(field, required) of the Create model, in order: the CSV columns of the kind."""
        return [(name, info.is_required()) for name, info in self.create_model.model_fields.items()]

    def new_code(self, session: Session, day: date) -> str | None:
        """The next free code for a record made on `day`, or None if the kind has no pattern."""
        if self.code_prefix is None:
            return None
        kind = f"{self.code_prefix}-"
        prefix = f"{kind}{day.year}-"
        # A kind whose codes carry no year (a suspect's DT-013) goes on without one.
        latest = session.scalar(
            select(func.max(col(self.table.code))).where(
                col(self.table.code).startswith(kind, autoescape=True)
            )
        )
        if latest is not None and re.fullmatch(rf"{re.escape(kind)}\d{{1,3}}", latest):
            prefix = kind
        return next_code(session, self.table, prefix, like=kind)

    def applies(self, name: str, values: Mapping[str, Any]) -> bool:
        """Does field `name` apply to a record with these `values` (its status, say)?"""
        rule = self.applies_when.get(name)
        return rule is None or values.get(rule[0]) in rule[1]


class Checker:
    """Collects every problem of one record, then fails once with all of them.

    `may_read(kind, record)`: whether the acting operator may read a referenced record; one they
    may not is an unknown code, exactly like one that does not exist.
    """

    def __init__(
        self,
        session: Session,
        row: int | None = None,
        may_read: Callable[[str, Any], bool] | None = None,
    ):
        self.session = session
        self.row = row
        self.may_read = may_read
        self.problems: list[Problem] = []

    def problem(self, field_name: str, value: Any, reason: str, **params: Any) -> None:
        self.problems.append(Problem(field_name, value, reason, params, self.row))

    def ref(self, table: type[R], code: str | None, field_name: str, reason: str) -> R | None:
        """The record of `table` with this code, or None (and a problem) if there is none."""
        if code is None:
            return None
        found = find_by_code(self.session, table, code)
        if found is not None and self.may_read is not None:
            if not self.may_read(str(table.__tablename__), found):
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


def forget_codes(session: Session) -> None:
    session.info.pop("code_cache", None)


def next_code(
    session: Session, table: type[R], prefix: str, width: int = 3, like: str | None = None
) -> str:
    """The next free code `<prefix><number>`, one past the highest number taken under `prefix`
    and written as wide as most codes there (`CD-2017-07` after `CD-2017-06`, never
    `CD-2017-007`), so that new codes sort with the old. The first code under `prefix` takes the
    width of the latest code under `like` (the kind's own prefix), else `width`."""
    code = col(table.code)
    under = code.startswith(prefix, autoescape=True)
    lengths = session.execute(
        select(func.length(code), func.count()).where(under).group_by(func.length(code))
    ).all()
    number = 1
    if lengths:
        length = max(lengths, key=lambda row: (row[1], row[0]))[0]
        width = max(length - len(prefix), 1)
        top = session.scalar(select(func.max(code)).where(under, func.length(code) == length))
        digits = (top or "")[len(prefix) :]
        number = int(digits) + 1 if digits.isdigit() else sum(n for _, n in lengths) + 1
    elif like is not None:
        latest = session.scalar(
            select(func.max(code)).where(code.startswith(like, autoescape=True))
        )
        found = re.search(r"(\d+)$", latest or "")
        width = len(found.group(1)) if found else width
    while find_by_code(session, table, f"{prefix}{number:0{width}d}") is not None:
        number += 1
    return f"{prefix}{number:0{width}d}"
