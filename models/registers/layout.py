"""Where a register's header is, and what a merged cell shows.

Registers put a title above the header ("SỔ THEO DÕI NGUỒN TIN NĂM 2020"), merge a header over
several columns, or write it on two rows ("Ngày" over "tiếp nhận" and "giải quyết"). A merged
cell shows its value over the whole range, so `filled` copies it there, in the header and in
the data alike (a decision number merged over its recipients' rows). The header is the row, or
pair of rows read as one, among the first HEADER_SEARCH_ROWS that names most columns.

Where the format does not say what is merged (.ods, .csv), a blank in the upper row of a
two-row header over a filled lower cell belongs to the heading on its left.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from models.registers.sheets import Merge, RawRow

HEADER_SEARCH_ROWS = 30
Origin = tuple[int, int]  # the cell a shown value comes from


class FilledRow(NamedTuple):
    raw: RawRow
    origins: dict[int, Origin]  # columns showing another cell's value (merged), by source


_NONE: dict[int, Origin] = {}


def filled(rows: Iterable[RawRow], merges: list[Merge] | None) -> Iterator[FilledRow]:
    """Rows with each merged range's value (and font, and unreadable mark) over all its cells."""
    pending = sorted(merges or [])
    active: list[tuple[Merge, object, str | None, tuple[str, str] | None]] = []
    for raw in rows:
        if not pending and not active:
            yield FilledRow(raw, _NONE)
            continue
        origins: dict[int, Origin] = {}
        while pending and pending[0][0] <= raw.row_index:
            merge = pending.pop(0)
            if merge[0] == raw.row_index:
                value = raw.cells[merge[1]] if merge[1] < len(raw.cells) else ""
                font = raw.fonts.get(merge[1]) if raw.fonts else None
                mark = raw.unreadable.get(merge[1]) if raw.unreadable else None
                active.append((merge, value, font, mark))
        active = [item for item in active if item[0][2] >= raw.row_index]
        for (first_row, first_col, _, last_col), value, font, mark in active:
            cells = raw.cells
            if len(cells) <= last_col:
                cells.extend([""] * (last_col + 1 - len(cells)))
            for column in range(first_col, last_col + 1):
                if (raw.row_index, column) == (first_row, first_col):
                    continue
                cells[column] = value
                origins[column] = (first_row, first_col)
                if font is not None:
                    raw = raw._replace(fonts={**(raw.fonts or {}), column: font})
                if mark is not None:
                    raw = raw._replace(unreadable={**(raw.unreadable or {}), column: mark})
        yield FilledRow(raw, origins)


@dataclass(frozen=True)
class HeaderCell:
    index: int
    text: str
    origin: tuple[Origin, ...]  # the cells its text comes from; one heading if shared


def header_cells(rows: list[FilledRow], read: Callable[[FilledRow, int], str]) -> list[HeaderCell]:
    """The headers of one row, or of two rows read as one ("Ngày" + "tiếp nhận")."""
    width = max(len(row.raw.cells) for row in rows)
    texts = [[read(row, column) for column in range(width)] for row in rows]
    origins = [
        [row.origins.get(column, (row.raw.row_index, column)) for column in range(width)]
        for row in rows
    ]
    if len(rows) == 2 and not any(row.origins for row in rows):
        _fill_left(texts, origins)
    cells = []
    for column in range(width):
        parts: list[str] = []
        for level in range(len(rows)):
            if texts[level][column] and texts[level][column] not in parts:
                parts.append(texts[level][column])
        if parts:
            origin = tuple(origins[level][column] for level in range(len(rows)))
            cells.append(HeaderCell(column, " ".join(parts), origin))
    return cells


def _fill_left(texts: list[list[str]], origins: list[list[Origin]]) -> None:
    top, bottom = texts
    for column in range(1, len(top)):
        if not top[column] and bottom[column] and top[column - 1] and bottom[column - 1]:
            top[column] = top[column - 1]
            origins[0][column] = origins[0][column - 1]


def find_header(
    rows: list[FilledRow], score: Callable[[list[str]], int], read: Callable[[FilledRow, int], str]
) -> tuple[int, list[HeaderCell]] | None:
    """(position in `rows` of the last header row, its cells), or None if no row names a column."""
    best: tuple[int, int, list[HeaderCell]] | None = None
    for position in range(len(rows)):
        for height in (1, 2):
            if position + height > len(rows):
                continue
            cells = header_cells(rows[position : position + height], read)
            found = score([cell.text for cell in cells])
            if found and (best is None or found > best[0]):
                best = (found, position + height - 1, cells)
    return None if best is None else (best[1], best[2])


def is_numbering_row(texts: list[str]) -> bool:
    """A row that numbers the columns under the header: "(1)", "(2)", … or 1, 2, 3, …."""
    numbers = [text.strip("() ") for text in texts if text]
    if len(numbers) < 3 or not all(number.isdigit() for number in numbers):
        return False
    values = [int(number) for number in numbers]
    return values[0] <= 1 and values == list(range(values[0], values[0] + len(values)))
