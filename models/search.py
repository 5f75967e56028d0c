"""Search by words, ignoring case and tone marks (models.text.fold), over full-text indexes.

Every searched table keeps the folded text of each record in `search_key` (models.records). The
index over it matches any part of a word, as `LIKE '%word%'` does, without reading every row:
on SQLite an FTS5 table with the trigram tokenizer beside each searched table (`<table>_fts`,
kept by triggers; migration 0006), on PostgreSQL a pg_trgm GIN index, which LIKE uses as it is.
A word shorter than three letters has no trigram: it is matched with LIKE among the rows the
other words found (or, alone, among all).
"""

from typing import Any

from sqlalchemy import Select, and_, column, literal_column, select, table, true
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from models.text import fold

SEARCHED = (
    "units",
    "localities",
    "tips",
    "cases",
    "suspects",
    "campaigns",
    "award_decisions",
    "award_recipients",
)
TRIGRAM = 3
# How many matches a search counts before it says "more than": an exact count of a word in one
# case in twelve, at a million cases, would cost more than showing the first screen.
COUNT_CAP = 10_000


def count_cap(search: str) -> int | None:
    """How far a list with this search text is counted: COUNT_CAP for a search (the count says
    "more than" past it), None (exactly) for a whole list, whose count an index gives."""
    return COUNT_CAP if search.strip() else None


def index_matches(records: Any, text: str, dialect: str) -> Select[Any] | None:
    """The rowids the full-text index alone finds for `text`, where it answers the whole search
    (SQLite, every word of three letters or more); None elsewhere."""
    words = fold(text).split()
    name = records.__tablename__
    if dialect != "sqlite" or name not in SEARCHED or not words:
        return None
    if any(len(word) < TRIGRAM for word in words):
        return None
    index = table(f"{name}_fts", column("rowid"))
    query = " AND ".join('"' + word.replace('"', '""') + '"' for word in words)
    return select(index.c.rowid).where(literal_column(f"{name}_fts").op("MATCH")(query))


def words_condition(
    records: Any, text: str, dialect: str, *, indexed: bool = True
) -> ColumnElement[bool]:
    """The rows of `records` (a table class) whose folded text holds every word of `text`.

    Not `indexed`: tested on each row (LIKE), for a walk along another index that stops at
    the first page (a common word fills it after a few rows; the full-text index would first
    list every match)."""
    words = fold(text).split()
    conditions: list[ColumnElement[bool]] = []
    name = records.__tablename__
    long = [word for word in words if len(word) >= TRIGRAM]
    if dialect == "sqlite" and long and name in SEARCHED and indexed:
        found = index_matches(records, " ".join(long), dialect)
        assert found is not None
        conditions.append(literal_column(f"{name}.rowid").in_(found))
        words = [word for word in words if len(word) < TRIGRAM]
    for word in words:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions.append(col(records.search_key).like(f"%{escaped}%", escape="\\"))
    return and_(true(), *conditions)
