"""A unit's register read as rows of canonical columns, ready for validation.

`open_register(source, kind)` finds the sheet, its header (below title rows, in merged
cells, on two rows) and places the headers (models.registers.columns); `Register.rows()` then
streams `(row number, {column: value})` with sheet row numbers, each value a string or a date
(models.registers.values), legacy text converted to Unicode (models.registers.legacy).

What cannot be read (a date that is none, a formula, an error cell) is not passed on: it is a
`Problem` of its row, in `RowRead.problems` and gathered in `Register.problems`. The import
is all or nothing, so a register with any problem is refused whole, like a CSV with a bad row.
Converted cells are counted per column and encoding (`Register.encodings`), and the first
SAMPLE_LIMIT are kept to be shown (`Register.conversions`).
"""

from __future__ import annotations

import itertools
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple

from models.errors import Problem, Refused
from models.registers import columns as headers
from models.registers import csvfile, ods, xls, xlsx
from models.registers.layout import (
    HEADER_SEARCH_ROWS,
    FilledRow,
    filled,
    find_header,
    is_numbering_row,
)
from models.registers.legacy import LEGACY, TCVN3_CAPITALS, UNICODE, read_text
from models.registers.sheets import RichText, Sheet, Source, opened, sniff
from models.registers.values import DATE_COLUMNS, cell_text, converter
from models.tabular import COLUMNS, MAX_ROW_CHARACTERS

SAMPLE_LIMIT = 200
NO_COLUMN = "-"  # a problem of the whole row
Value = str | date


def open_sheet(source: Source, sheet: str | None = None, name: str | None = None) -> Sheet:
    """The sheet of a .xlsx, .xls, .ods or .csv file; Refused if it is none of those."""
    file = opened(source, name)
    try:
        match sniff(file):
            case "xlsx":
                return xlsx.XlsxSheet(file, sheet)
            case "xls":
                return xls.XlsSheet(file, sheet)
            case "ods":
                return ods.OdsSheet(file, sheet)
            case _:
                return csvfile.CsvSheet(file)
    except BaseException:
        file.close()
        raise


@dataclass(frozen=True)
class Conversion:
    """A cell read from a legacy encoding: where, which, what it held and what it says."""

    row: int
    column: str
    encoding: str
    original: str
    text: str


class RowRead(NamedTuple):
    number: int  # the sheet's own row number
    values: dict[str, Value]
    converted: dict[str, str]  # column → encoding found, for the cells read from a legacy one
    problems: list[Problem]  # what could not be read; those cells are not in `values`


class Register:
    """One sheet of a register, its header placed; rows are read once, as they are asked for."""

    def __init__(
        self,
        sheet: Sheet,
        kind: str,
        mapping: dict[str, str | None] | None = None,
    ):
        if kind not in COLUMNS:
            raise ValueError(kind)
        self._sheet = sheet
        self.kind = kind
        self.format = sheet.format
        self.sheet = sheet.name
        self.sheets = sheet.sheets
        self.file_encoding: str | None = getattr(sheet, "file_encoding", None)
        self._legacy_counts: dict[str, Counter[str]] = {}
        self.conversions: list[Conversion] = []
        self.problems: list[Problem] = []
        self._rows = filled(sheet.rows(), sheet.merged)
        self._head = list(itertools.islice(self._rows, HEADER_SEARCH_ROWS))
        found = find_header(
            self._head,
            lambda texts: headers.score_headers(texts, kind, mapping),
            self._header_text,
        )
        if found is None:
            raise Refused("import.no_header", kind=kind, rows=HEADER_SEARCH_ROWS)
        position, cells = found
        for above in self._head[:position]:  # a header too long to read is not skipped over
            if above.raw.unreadable and -1 in above.raw.unreadable:
                raise Refused(
                    "import.header_too_long", row=above.raw.row_index + 1, limit=MAX_ROW_CHARACTERS
                )
        row = self._head[position].raw.row_index + 1
        self.mapping = headers.map_headers(
            [(c.index, c.text, c.origin) for c in cells], kind, row, mapping
        )
        # (column, sheet column, other sheet columns under its merged header, converter, date?)
        self._plan = [
            (
                column,
                indexes[0],
                indexes[1:],
                converter(kind, column, sheet.date1904),
                column in DATE_COLUMNS,
            )
            for column, indexes in self.mapping.groups()
        ]
        self._plain = dict.fromkeys((column for column, *_ in self._plan), 0)
        self._head = self._head[position + 1 :]
        self._read = False

    # --- reading ------------------------------------------------------------------------------

    def _header_text(self, row: FilledRow, column: int) -> str:
        cells = row.raw.cells
        if column >= len(cells) or cells[column] in ("", None):
            return ""
        text, _ = self._text(row, column, cells[column])
        return " ".join(cell_text(text).split())

    def _text(self, row: FilledRow, column: int, value: Any) -> tuple[Any, str | None]:
        """The cell's value with legacy text converted; the encoding found for text."""
        fonts = row.raw.fonts
        font = fonts.get(column, self._sheet.default_font) if fonts else self._sheet.default_font
        if isinstance(value, str):
            if value.isascii() and font is not TCVN3_CAPITALS:
                return value, None
            encoding, text = read_text(value, font)
            return text, encoding
        if isinstance(value, RichText):
            parts = [read_text(text, run_font or font) for text, run_font in value.runs]
            found = next((e for e, _ in parts if e in LEGACY), UNICODE)
            return unicodedata.normalize("NFC", "".join(text for _, text in parts)), found
        return value, None

    def detailed_rows(self) -> Iterator[RowRead]:
        """Each data row with what was converted and what could not be read in it."""
        if self._read:
            raise RuntimeError("a register's rows are read once")
        self._read = True
        rows = itertools.chain(self._head, self._rows)
        self._head = []
        for position, row in enumerate(rows):
            if position == 0 and self._numbering(row):
                continue
            read = self._row(row)
            if read is not None:
                self.problems += read.problems
                yield read

    def rows(self) -> Iterator[tuple[int, dict[str, Value]]]:
        """(sheet row number, {canonical column: str or date}) for each row that holds data."""
        for read in self.detailed_rows():
            yield read.number, read.values

    def _numbering(self, row: FilledRow) -> bool:
        return is_numbering_row([cell_text(cell).strip() for cell in row.raw.cells])

    def _row(self, row: FilledRow) -> RowRead | None:
        raw = row.raw
        number = raw.row_index + 1
        values: dict[str, Value] = {}
        converted: dict[str, str] = {}
        problems: list[Problem] = []
        unreadable = raw.unreadable
        if unreadable and -1 in unreadable:
            return RowRead(
                number, {}, {}, [Problem(NO_COLUMN, None, unreadable[-1][0], row=number)]
            )
        cells = raw.cells
        width = len(cells)
        # Text needs a closer look unless its font draws it as it is (ASCII: unless the font
        # is a capital one; beyond ASCII: unless the font is known to be a Unicode one).
        default_font = self._sheet.default_font
        plain_ascii = raw.fonts is None and default_font != TCVN3_CAPITALS
        plain_font = raw.fonts is None and default_font == UNICODE
        for column, index, others, convert, is_date in self._plan:
            value = cells[index] if index < width else ""
            if unreadable and index in unreadable:
                reason, shown = unreadable[index]
                problems.append(Problem(column, shown, reason, row=number))
                continue
            if value == "" or value is None:
                if not others:
                    continue
                index = next((i for i in others if i < width and cells[i] not in ("", None)), -1)
                if index < 0:
                    continue
                value = cells[index]
            if value.__class__ is str:
                if value.isascii():
                    if not plain_ascii:
                        value = self._legacy(number, converted, row, column, index, value)
                elif plain_font:
                    if not unicodedata.is_normalized("NFC", value):
                        value = unicodedata.normalize("NFC", value)
                    self._plain[column] += 1
                else:
                    value = self._legacy(number, converted, row, column, index, value)
            elif value.__class__ is RichText:
                value = self._legacy(number, converted, row, column, index, value)
            result = convert(value)
            if result is None:
                continue
            if is_date and result.__class__ is str:
                problems.append(Problem(column, result, "import.bad_date", row=number))
                continue
            values[column] = result
        if not values and not problems:
            return None
        return RowRead(number, values, converted, problems)

    def _legacy(
        self,
        number: int,
        converted: dict[str, str],
        row: FilledRow,
        column: str,
        index: int,
        value: Any,
    ) -> Any:
        """The cell's text converted where its font or its letters say so, and counted."""
        text, encoding = self._text(row, index, value)
        if encoding is None:
            return text
        if encoding == UNICODE:
            self._plain[column] += 1
            return text
        counts = self._legacy_counts.get(column)
        if counts is None:
            counts = self._legacy_counts[column] = Counter()
        counts[encoding] += 1
        converted[column] = encoding
        if len(self.conversions) < SAMPLE_LIMIT:
            self.conversions.append(Conversion(number, column, encoding, str(value), text))
        return text

    @property
    def encodings(self) -> dict[str, Counter[str]]:
        """Column → {encoding: cells} over the cells read so far that had letters beyond ASCII
        ("unicode", "cp1252" in an 8-bit CSV, or the legacy encoding they were read from)."""
        counts = {column: Counter(found) for column, found in self._legacy_counts.items()}
        for column, plain in self._plain.items():
            if plain:
                counts.setdefault(column, Counter())[self._sheet.plain_encoding] += plain
        return counts

    def column_encodings(self) -> dict[str, str]:
        """Each column's most frequent encoding among the cells read so far that had letters
        beyond ASCII ("unicode", "tcvn3", "tcvn3-capitals", "vni", "cp1258", "cp1252")."""
        return {column: counts.most_common(1)[0][0] for column, counts in self.encodings.items()}

    # --- lifetime -----------------------------------------------------------------------------

    def close(self) -> None:
        self._sheet.close()

    def __enter__(self) -> Register:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open_register(
    source: Source,
    kind: str,
    *,
    sheet: str | None = None,
    mapping: str | Path | dict[str, str | None] | None = None,
    name: str | None = None,
) -> Register:
    """A register of `kind` (a KIND of DOMAIN.md) from a path, bytes or a binary file.

    `sheet` picks a sheet by name (default: the first visible); `mapping` is a mapping file
    (models.registers.columns) or its loaded form; `name` is the file's name where `source`
    has none (bytes), used to tell a CSV from a broken spreadsheet. Refused if the file is no
    spreadsheet, the sheet does not exist, or no header names a column.
    """
    saved = headers.load_mapping(mapping, kind) if isinstance(mapping, str | Path) else mapping
    opened = open_sheet(source, sheet, name)
    try:
        return Register(opened, kind, saved)
    except BaseException:
        opened.close()
        raise
