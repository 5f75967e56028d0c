"""The records a form's reference may name, as the operator types: by code or by any part of the
name, without tone marks (the folded search key, models.search), among those they may read.

A picker asks for the first few matches of what was typed, never the whole table: the typed
words go through the search index, the rows found are bounded (`CANDIDATES`), and only those are
ranked. So a picker over 100,000 cases answers as quickly as one over ten units.
"""

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from models import access
from models.base import Actor
from models.registry import kind_of
from models.search import SEARCHED, words_condition
from models.text import fold, harmless

SHOWN = 8  # choices a picker lists at once
CANDIDATES = 400  # matches ranked to find those: a common word's first rows, in index order
LABEL_MAX = 70  # a tip's summary is long: its start names it


@dataclass(frozen=True)
class Choice:
    code: str
    name: str

    @property
    def label(self) -> str:
        return f"{self.code}  {self.name}"


def _name(value: Any) -> str:
    text = " ".join(str(value or "").split())
    return harmless(text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1] + "…")


def _rank(text: str, choice: Choice) -> tuple[int, str]:
    """The code typed first, then codes that start with it, then names that do, then the rest;
    alike, by code."""
    typed = fold(text)
    code = fold(choice.code)
    if code == typed:
        return 0, choice.code
    if code.startswith(typed):
        return 1, choice.code
    if fold(choice.name).startswith(typed):
        return 2, choice.code
    return 3, choice.code


def choices(
    session: Session, actor: Actor, kind: str, text: str, limit: int = SHOWN
) -> list[Choice]:
    """The first `limit` records of `kind` (one of models.search.SEARCHED) whose code or name
    holds every word of `text`; with nothing typed, the first by code."""
    if kind not in SEARCHED:
        raise ValueError(kind)
    described = kind_of(kind)
    table = described.table
    title = getattr(table, described.title_field)
    statement = select(col(table.code), title).where(access.visible(actor, kind))
    if not fold(text):
        rows = session.exec(statement.order_by(col(table.code)).limit(limit)).all()
        return [Choice(code, _name(name)) for code, name in rows]
    dialect = session.get_bind().dialect.name
    found = statement.where(words_condition(table, text, dialect)).limit(CANDIDATES)
    exact = statement.where(col(table.code) == text.strip().upper())
    named: dict[str, Any] = dict(session.exec(exact).all())
    named.update(dict(session.exec(found).all()))
    found_choices = (Choice(code, _name(name)) for code, name in named.items())
    return sorted(found_choices, key=lambda choice: _rank(text, choice))[:limit]


def names(session: Session, actor: Actor, kind: str, codes: list[str]) -> dict[str, str]:
    """The names of the records of `kind` with these codes that `actor` may read."""
    if not codes:
        return {}
    described = kind_of(kind)
    table = described.table
    title = getattr(table, described.title_field)
    statement = select(col(table.code), title).where(
        col(table.code).in_(codes), access.visible(actor, kind)
    )
    return {code: _name(name) for code, name in session.exec(statement).all()}
