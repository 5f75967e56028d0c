"""Writing rows as an .xlsx a unit can open, sort and give back.

Dates are written as dates (shown dd/mm/yyyy) and whole numbers as numbers, never as text; a
list is joined by ";". The header row is frozen and bold, and each column is as wide as its
header and the first WIDTH_SAMPLE rows need. openpyxl's write-only mode keeps one row in
memory, and those first rows. A text is always written as text, even one that starts with "="
(openpyxl would otherwise write it as a formula).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable
from datetime import date, datetime
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from models.registers.values import NUMBER_COLUMNS

WIDTH_SAMPLE = 200
MIN_WIDTH, MAX_WIDTH = 6, 60
DATE_FORMAT = "dd/mm/yyyy"


def _value(column: str, value: Any) -> Any:
    if isinstance(value, list | tuple | set):
        return ";".join(str(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and column in NUMBER_COLUMNS and value.isdigit() and len(value) < 16:
        return int(value)
    return value


def _width(value: Any) -> int:
    if isinstance(value, date):
        return 10
    text = "" if value is None else str(value)
    return max((len(line) for line in text.split("\n")), default=0)


def write_xlsx(
    rows: Iterable[dict[str, Any]],
    columns: list[str],
    out: str | os.PathLike[str] | IO[bytes],
    *,
    headers: dict[str, str] | None = None,
    sheet: str = "Sheet1",
) -> int:
    """Write one sheet with these columns (headers: canonical names, or `headers[column]`);
    a key absent from a row is an empty cell. Returns the number of rows written."""
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet[:31])
    rows = iter(rows)
    first = [
        [_value(c, row.get(c)) for c in columns] for row in itertools.islice(rows, WIDTH_SAMPLE)
    ]
    titles = [(headers or {}).get(column, column) for column in columns]
    for position, title in enumerate(titles):
        wanted = max([len(title) + 2, *(_width(values[position]) + 1 for values in first)])
        letter = get_column_letter(position + 1)
        worksheet.column_dimensions[letter].width = min(max(wanted, MIN_WIDTH), MAX_WIDTH)
    worksheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for title in titles:
        cell = WriteOnlyCell(worksheet, value=title)
        cell.font = bold
        header_cells.append(cell)
    worksheet.append(header_cells)
    count = 0
    rest = ([_value(c, row.get(c)) for c in columns] for row in rows)
    for values in itertools.chain(first, rest):
        worksheet.append([_cell(worksheet, value) for value in values])
        count += 1
    workbook.save(out)
    return count


def _cell(worksheet: Any, value: Any) -> Any:
    if isinstance(value, str):
        if value.startswith("="):
            cell = WriteOnlyCell(worksheet, value=value)
            cell.data_type = "s"
            return cell
        return value
    if isinstance(value, datetime):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.number_format = "dd/mm/yyyy hh:mm"
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    return value
