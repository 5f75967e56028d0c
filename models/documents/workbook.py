"""The review as an XLSX workbook (openpyxl): a sheet of the figures with the comparison and the
split by unit, then a sheet per figure of the records behind it. Cells hold real numbers and
dates (formatted dd/mm/yyyy), never text that looks like them; each header row is frozen."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from models.documents.figures import Figures
from models.documents.tables import Column, RecordTable, shown
from models.i18n import register, t

MESSAGES: dict[str, tuple[str, str]] = {
    "doc.sheet.figures": ("Số liệu", "Figures"),
    "doc.xlsx.change": ("Tăng (+), giảm (-)", "Change"),
    "doc.xlsx.change_ratio": ("Tỷ lệ tăng, giảm", "Change (%)"),
    "doc.xlsx.from": ("Từ ngày", "From"),
    "doc.xlsx.to": ("Đến ngày", "To"),
}
register(MESSAGES)

DATE_FORMAT = "dd/mm/yyyy"
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class ReviewWorkbook:
    title: str
    start: date
    end: date
    figures: Figures
    tables: tuple[RecordTable, ...] = ()


def build_review_workbook(book: ReviewWorkbook) -> Workbook:
    """The workbook, written row by row (openpyxl's write-only mode): a sheet of a hundred
    thousand records costs its file, not the memory of every cell. Save it once."""
    workbook = Workbook(write_only=True)
    workbook.properties.title = book.title
    workbook.properties.creator = "giapranh"
    created = datetime.combine(book.end, datetime.min.time())
    workbook.properties.created = workbook.properties.modified = created
    used = {t("doc.sheet.figures")}
    _figures_sheet(workbook.create_sheet(t("doc.sheet.figures")), book)
    for records in book.tables:
        name = _sheet_name(records.title, used)
        used.add(name)
        _records_sheet(workbook.create_sheet(name), records)
    return workbook


def write_review_workbook(book: ReviewWorkbook, path: Path) -> Path:
    build_review_workbook(book).save(path)
    return path


def review_workbook_bytes(book: ReviewWorkbook) -> bytes:
    buffer = BytesIO()
    build_review_workbook(book).save(buffer)
    return buffer.getvalue()


def _cell(sheet: Worksheet, value: Any, number_format: str | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if number_format is not None:
        cell.number_format = number_format
    return cell


def _figures_sheet(sheet: Worksheet, book: ReviewWorkbook) -> None:
    figures = book.figures
    units = list(dict.fromkeys(name for figure in figures for name, _ in figure.by_unit))
    heads = [
        t("doc.table.figure"),
        figures.current_label or t("doc.table.current"),
        figures.previous_label or t("doc.table.previous"),
        t("doc.xlsx.change"),
        t("doc.xlsx.change_ratio"),
        *units,
    ]
    sheet.freeze_panes = "B2"
    _widths(sheet, heads, [[figure.title] for figure in figures], minimum=12)
    _header(sheet, heads)
    for figure in figures:
        rate = figure.unit_measure == "rate"
        value = _number(figure.value)
        previous = None if figure.previous is None else _number(figure.previous)
        difference = None if previous is None else value - previous
        ratio = difference / previous if difference is not None and previous else None
        split = dict(figure.by_unit)
        cells = [figure.title, value, previous, difference, None if rate else ratio]
        cells += [_number(split[name]) if name in split else None for name in units]
        row = []
        for column, cell_value in enumerate(cells, start=1):
            shape = None
            if column in (2, 3, 4) and rate:
                shape = "0.00%"
            elif column == 5:
                shape = "+0.00%;-0.00%;0%"
            elif column > 1:
                shape = "#,##0"
            row.append(_cell(sheet, cell_value, shape))
        sheet.append(row)
    sheet.append([])
    for label, day in ((t("doc.xlsx.from"), book.start), (t("doc.xlsx.to"), book.end)):
        head = _cell(sheet, label)
        head.font = Font(bold=True)
        sheet.append([head, _cell(sheet, day, DATE_FORMAT)])


def _records_sheet(sheet: Worksheet, records: RecordTable) -> None:
    heads = [column.label for column in records.columns]
    typed = [
        [_typed(values.get(column.key), column) for column in records.columns]
        for values in records.rows
    ]
    texts = [
        [shown(value, column.kind) for value, column in zip(row, records.columns, strict=True)]
        for row in typed
    ]
    sheet.freeze_panes = "A2"
    if records.rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(heads))}{len(records.rows) + 1}"
    _widths(sheet, heads, texts)
    _header(sheet, heads)
    for row in typed:
        cells: list[Any] = []
        for value, column in zip(row, records.columns, strict=True):
            if isinstance(value, date):
                cells.append(_cell(sheet, value, DATE_FORMAT))
            elif isinstance(value, int | float) and column.kind == "number":
                cells.append(_cell(sheet, value, "#,##0"))
            else:
                cells.append(value)
        sheet.append(cells)


def _typed(value: Any, column: Column) -> Any:
    """A cell's value as a spreadsheet should hold it: a date, a number, or text."""
    if value is None:
        return None
    if column.kind == "date" and isinstance(value, str):
        return date.fromisoformat(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bool):
        return shown(value)
    if isinstance(value, list | tuple):
        return shown(value)
    return value


def _number(value: Any) -> int | float:
    if isinstance(value, int):
        return value
    return float(value)


def _header(sheet: Worksheet, heads: list[str]) -> None:
    cells = []
    for head in heads:
        cell = _cell(sheet, head)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cells.append(cell)
    sheet.append(cells)


def _widths(sheet: Worksheet, heads: list[str], rows: list[list[str]], minimum: int = 8) -> None:
    """Each column as wide as its longest value (a head may wrap), within 8–60 characters."""
    for index, head in enumerate(heads):
        longest = max((len(row[index]) for row in rows if index < len(row)), default=0)
        widest_word = max((len(word) for word in head.split()), default=0)
        width = min(max(longest, widest_word, minimum, min(len(head), 16)) + 2, 60)
        sheet.column_dimensions[get_column_letter(index + 1)].width = width


def _sheet_name(title: str, used: set[str]) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\, unique."""
    base = _SHEET_NAME_FORBIDDEN.sub(" ", title).strip()[:31] or "Sheet"
    name, number_ = base, 2
    while name.casefold() in {taken.casefold() for taken in used}:
        suffix = f" ({number_})"
        name, number_ = base[: 31 - len(suffix)] + suffix, number_ + 1
    return name
