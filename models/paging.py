"""Reading a list (models.listing) page by page: counts, pages by position or by keyset, with
the operator's visibility (models.access) and the filters and search of models.listing.Filters.

A pane never loads a whole table: it asks for the count, then for pages of rows as the operator
scrolls, each page one `LIMIT` query over indexed columns — after the neighbouring page's last
row where it has it (keyset paging: any depth costs what the first page costs), else by position.
"""

from datetime import date, timedelta
from typing import Any

from sqlalchemy import Column as TableColumn
from sqlalchemy import Select, and_, func, select, tuple_
from sqlalchemy.sql.elements import ColumnElement, True_
from sqlmodel import Session, col

from models import access
from models.base import Actor
from models.listing import PAGE_SIZE, Filters, Listing, tip_open_on
from models.report import figure_condition
from models.search import count_cap, index_matches, words_condition
from models.text import harmless
from models.tips import NEARLY_DUE_DAYS, Tip


def _statement(
    view: Listing,
    filters: Filters,
    today: date,
    actor: Actor | None,
    dialect: str,
    joined: bool = True,
    indexed_search: bool = True,
) -> Select[Any]:
    table = view.table
    statement = select(col(table.id)).select_from(table)
    if joined:
        statement = view.joins(statement)
    conditions: list[ColumnElement[bool]] = []
    if actor is not None:  # only what the operator may see (models.access)
        conditions.append(access.visible(actor, view.kind))
    if filters.figure is not None:
        conditions.append(figure_condition(*filters.figure, actor))
    if filters.search.strip():
        conditions.append(words_condition(table, filters.search, dialect, indexed=indexed_search))
    if filters.status and view.status_column is not None:
        conditions.append(view.status_column == filters.status)
    if filters.unit and view.unit_condition is not None:
        conditions.append(view.unit_condition(filters.unit))
    if filters.locality and view.locality_column is not None:
        conditions.append(view.locality_column == filters.locality)
    if filters.article and view.article_column is not None:
        conditions.append(view.article_column == filters.article.strip().lower())
    if filters.date_from:
        conditions.append(view.date_column >= filters.date_from)
    if filters.date_to:
        conditions.append(view.date_column <= filters.date_to)
    if filters.due_only and table is Tip:
        soon = today + timedelta(days=NEARLY_DUE_DAYS)
        conditions.append(and_(tip_open_on(today), col(Tip.deadline_on) <= soon))
    return statement.where(*conditions)


def count(
    session: Session, view: Listing, filters: Filters, today: date, actor: Actor | None = None
) -> int:
    if filters == Filters() and actor is not None and actor.unit_id is not None:
        counted = access.count_visible(session, actor, view.kind)
        if counted is not None:  # the whole list of an operator: one index of `shares`
            return counted
    statement = _statement(view, filters, today, actor, _dialect(session), joined=False)
    cap = count_cap(filters.search)
    if cap is None:
        return _counted(session, statement)
    # A common word counts up to the cap: "more than 10,000".
    sees_all = actor is None or isinstance(access.visible(actor, view.kind), True_)
    alone = index_matches(view.table, filters.search, _dialect(session))
    if sees_all and not filters.active and alone is not None:
        statement = alone  # counted on the index itself, not listed whole for an IN
    return _counted(session, statement, cap + 1)


def _counted(session: Session, statement: Select[Any], up_to: int | None = None) -> int:
    """How many rows `statement` gives, counting no further than `up_to`."""
    if up_to is not None:
        statement = statement.limit(up_to)
    return session.scalar(select(func.count()).select_from(statement.subquery())) or 0


FEW = 2_000  # matches a search sorts itself rather than walking the sort index for
# Matches of the words alone past which a search with no other filter walks the sort index
# testing each row (words_condition, not indexed): the page is full after a few hundred rows,
# where listing every match first would cost more the commoner the word.
COMMON = 10_000


def _matches(
    session: Session, view: Listing, filters: Filters, today: date, actor: Actor | None
) -> int:
    statement = _statement(view, filters, today, actor, _dialect(session), joined=False)
    return _counted(session, statement, FEW + 1)


def _common(session: Session, view: Listing, search: str) -> bool:
    """Whether the words alone match more than COMMON rows (counted on the full-text index,
    whoever asks: this only chooses how to find a page, never what it holds)."""
    matches = index_matches(view.table, search, _dialect(session))
    if matches is None:
        matches = select(col(view.table.id)).where(
            words_condition(view.table, search, _dialect(session))
        )
    return _counted(session, matches, COMMON + 1) > COMMON


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def page(
    session: Session,
    view: Listing,
    filters: Filters,
    today: date,
    *,
    sort: str | None = None,
    descending: bool | None = None,
    offset: int = 0,
    limit: int = PAGE_SIZE,
    actor: Actor | None = None,
    after: tuple[Any, str] | None = None,
    before: tuple[Any, str] | None = None,
) -> list[dict[str, Any]]:
    """Rows `offset`…`offset+limit` as dicts of column values (and `id`), sorted by `sort`.

    Each row carries `_key`, its place in the order, when the order allows keyset paging; the
    next page is then the rows `after` the last one (and the previous one those `before` the
    first), found where the index says they start, at any depth. `offset` counts from the end
    when it is negative (-1: the last row), so the end of a list costs what its start costs.
    """
    sort_key = view.column(sort or view.default_sort)
    sort_column = sort_key.expression if sort_key.sort_by is None else sort_key.sort_by
    descending = view.descending if descending is None else descending
    searched = bool(filters.search.strip())
    common = searched and not filters.active and _common(session, view, filters.search)
    few = searched and not common and _matches(session, view, filters, today, actor) <= FEW
    if few:
        # A search that matches few rows: find them all, then sort them. Walking the sort index
        # instead (SQLite's choice) would visit every row to fill a page that stays short. One
        # that matches many fills its page from the first rows of the index walk.
        sort_column = func.coalesce(sort_column, sort_column)
    expression = getattr(sort_column, "expression", sort_column)
    keyed = not few and isinstance(expression, TableColumn) and not expression.nullable
    reverse = before is not None or offset < 0
    order_descending = descending != reverse
    order = sort_column.desc() if order_descending else sort_column.asc()
    code = col(view.table.code)
    tiebreak = code.desc() if order_descending else code.asc()
    # Find the page's ids on the table alone (an index walk), then join for their columns:
    # skipping 99,900 rows through the joins would cost a join per skipped row.
    own_table = view.table.__table__
    sorts_by_joined = any(
        c.table is not own_table
        for c in getattr(sort_column, "base_columns", ())
        if hasattr(c, "table")
    )
    ids = _statement(
        view, filters, today, actor, _dialect(session), sorts_by_joined, indexed_search=not common
    )
    boundary = after if after is not None else before
    if boundary is not None and keyed:
        place = tuple_(sort_column, code)
        ids = ids.where(
            place < tuple_(*boundary) if order_descending else place > tuple_(*boundary)
        )
        start = 0
    else:
        start = -offset - limit if offset < 0 else offset
        if start < 0:  # the last page, shorter than a page
            limit, start = limit + start, 0
    ids = ids.order_by(order, tiebreak).offset(start).limit(limit)
    columns = [column.expression.label(column.key) for column in view.columns]
    if keyed:
        columns += [sort_column.label("_sort"), code.label("_code")]
    statement = (
        view.joins(select(col(view.table.id)).select_from(view.table))
        .add_columns(*columns)
        .where(col(view.table.id).in_(ids.scalar_subquery()))
        .order_by(order, tiebreak)
    )
    rows = []
    for found in session.execute(statement):
        row = {key: harmless(value) for key, value in found._mapping.items()}
        if keyed:
            row["_key"] = (row.pop("_sort"), row.pop("_code"))
        rows.append(row)
    return rows[::-1] if reverse else rows


def position(
    session: Session,
    view: Listing,
    filters: Filters,
    today: date,
    sort: str,
    descending: bool,
    code: str,
    *,
    actor: Actor | None = None,
) -> tuple[Any, int | None] | None:
    """Where the record with `code` is in the list: (its id, its row counted from 0), the row None
    where the order cannot say it cheaply (a sort on a column that may be empty); None when the
    list (its filters, its search, the operator's view) does not hold the record."""
    dialect = _dialect(session)
    table = view.table
    sort_key = view.column(sort)
    sort_column = sort_key.expression if sort_key.sort_by is None else sort_key.sort_by
    joined = any(
        c.table is not table.__table__
        for c in getattr(sort_column, "base_columns", ())
        if hasattr(c, "table")
    )
    held = _statement(view, filters, today, actor, dialect, joined=joined).where(
        col(table.code) == code
    )
    found = session.execute(held.add_columns(sort_column)).first()
    if found is None:
        return None
    record_id, value = found[0], found[1]
    expression = getattr(sort_column, "expression", sort_column)
    if not isinstance(expression, TableColumn) or expression.nullable or value is None:
        return record_id, None
    place = tuple_(sort_column, col(table.code))
    earlier = place > tuple_(value, code) if descending else place < tuple_(value, code)
    before = _statement(view, filters, today, actor, dialect, joined=joined).where(earlier)
    return record_id, _counted(session, before)
