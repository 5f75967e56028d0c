"""Reading one sheet of a legacy .xls (Excel 97–2003) with xlrd, fonts included.

xlrd's `formatting_info=True` gives each cell's style and so its font, and the fonts of the
runs of a rich-text cell. An .xls holds at most 65,536 rows and xlrd reads it whole; that is
bounded by the format. xlrd gives a formula's last value, not the formula, so formulas in an
.xls are read by their values.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import xlrd

from models.errors import Refused
from models.registers.legacy import UNICODE, font_encoding
from models.registers.sheets import XLS, Merge, Opened, RawRow, RichText, choose_sheet


class XlsSheet:
    format = XLS
    plain_encoding = UNICODE
    default_font: str | None = UNICODE

    def __init__(self, file: Opened, wanted: str | None):
        self._file = file
        try:
            file.stream.seek(0)
            self._book = xlrd.open_workbook(
                file_contents=file.stream.read(), formatting_info=True, on_demand=True
            )
        except Exception:  # xlrd fails on a damaged file in many ways, none of them useful here
            raise Refused("import.unreadable_file", name=file.name) from None
        self.sheets = self._book.sheet_names()
        visible = [self._book.sheet_by_index(i).visibility == 0 for i in range(len(self.sheets))]
        self.name = choose_sheet(self.sheets, visible, wanted)
        self._sheet = self._book.sheet_by_name(self.name)
        self.date1904 = self._book.datemode == 1
        self.merged: list[Merge] | None = [
            (rlo, clo, rhi - 1, chi - 1) for rlo, rhi, clo, chi in self._sheet.merged_cells
        ]
        self._font_encodings = [
            font_encoding(font.name) or UNICODE for font in self._book.font_list
        ]
        self._xf_encodings = [self._font_encodings[xf.font_index] for xf in self._book.xf_list]

    def close(self) -> None:
        self._book.release_resources()
        self._file.close()

    def rows(self) -> Iterator[RawRow]:
        sheet = self._sheet
        runs = sheet.rich_text_runlist_map
        for index in range(sheet.nrows):
            cells: list[Any] = []
            fonts: dict[int, str] | None = None
            unreadable: dict[int, tuple[str, str]] | None = None
            for column, cell in enumerate(sheet.row(index)):
                value: Any = cell.value
                if cell.ctype == xlrd.XL_CELL_TEXT:
                    encoding = self._xf_encodings[cell.xf_index]
                    if (index, column) in runs:
                        value = self._rich(value, encoding, runs[index, column])
                    elif encoding != UNICODE:
                        fonts = fonts or {}
                        fonts[column] = encoding
                elif cell.ctype == xlrd.XL_CELL_DATE:
                    try:
                        value = xlrd.xldate.xldate_as_datetime(value, self._book.datemode)
                    except (xlrd.xldate.XLDateError, OverflowError):
                        unreadable = unreadable or {}
                        unreadable[column] = ("import.bad_date", str(cell.value))
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    value = bool(value)
                elif cell.ctype == xlrd.XL_CELL_ERROR:
                    unreadable = unreadable or {}
                    text = xlrd.error_text_from_code.get(value, "#?")
                    unreadable[column] = ("import.error_cell", text)
                    value = ""
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    value = ""
                cells.append(value)
            yield RawRow(index, cells, fonts, unreadable)

    def _rich(self, text: str, cell_encoding: str, runlist: list[tuple[int, int]]) -> RichText:
        """The runs of a rich-text cell, each with its font's encoding."""
        bounds = [(0, cell_encoding)] + [
            (offset, self._font_encodings[font]) for offset, font in runlist
        ]
        parts = []
        for (start, encoding), (end, _) in zip(bounds, [*bounds[1:], (len(text), "")], strict=True):
            if end > start:
                parts.append((text[start:end], encoding))
        return RichText(tuple(parts))
