"""Reading a large .xlsx sheet with openpyxl's read-only mode: slower, but its memory does not
grow with the sheet (calamine, models.registers.xlsx, holds all of it while it reads).

openpyxl streams the sheet's XML and gives each cell's value (dates by their number format),
its style (so its font), formulas as "=…" and error cells as such. Merged ranges are listed
after the rows in the XML, so they are found first, by a quick pass over it.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Iterator
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.utils.cell import range_boundaries

from models.errors import Refused
from models.registers.legacy import UNICODE, font_encoding
from models.registers.sheets import Merge, Opened, RawRow, RichText

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"')
_CHUNK = 1 << 20


def merges(archive: zipfile.ZipFile, part: str) -> list[Merge]:
    """The merged ranges of a sheet, from its XML."""
    found: list[Merge] = []
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            buffer = tail + chunk
            for ref in _MERGE.findall(buffer):
                first_col, first_row, last_col, last_row = range_boundaries(ref.decode())
                found.append((first_row - 1, first_col - 1, last_row - 1, last_col - 1))  # type: ignore[operator]
            tail = buffer[buffer.rfind(b"<") :] if b"<" in buffer else b""
    return found


class StreamedRows:
    """A sheet's rows as openpyxl streams them."""

    def __init__(self, file: Opened, sheet: str):
        file.stream.seek(0)
        try:
            with warnings.catch_warnings():  # openpyxl warns of every extension it skips
                warnings.simplefilter("ignore")
                self._workbook = load_workbook(
                    file.path or file.stream, read_only=True, data_only=False, rich_text=True
                )
        except Exception:  # a workbook calamine read but openpyxl cannot: a damaged one
            raise Refused("import.unreadable_file", name=file.name) from None
        self._sheet = self._workbook[sheet]
        fonts = self._workbook._fonts  # openpyxl's own list, as its styles index it
        self._style_fonts = [
            font_encoding(fonts[style.fontId].name) or UNICODE
            for style in self._workbook._cell_styles
        ]
        self.default_font = self._style_fonts[0] if self._style_fonts else UNICODE

    def close(self) -> None:
        self._workbook.close()

    def rows(self) -> Iterator[RawRow]:
        style_fonts, default = self._style_fonts, self.default_font
        for index, row in enumerate(self._sheet.iter_rows()):
            cells: list[Any] = []
            fonts: dict[int, str] | None = None
            unreadable: dict[int, tuple[str, str]] | None = None
            for column, cell in enumerate(row):
                value = getattr(cell, "value", None)
                if value is None:
                    cells.append("")
                    continue
                kind = cell.data_type
                if kind == "f" or kind == "e":
                    unreadable = unreadable or {}
                    reason = "import.formula" if kind == "f" else "import.error_cell"
                    shown = str(value) if value != "=" else "=…"  # a shared formula's copy
                    unreadable[column] = (reason, shown)
                    value = ""
                elif kind == "s":
                    if isinstance(value, CellRichText):
                        value = RichText(tuple(_run(part) for part in value))
                    style = cell._style_id
                    font = style_fonts[style] if style < len(style_fonts) else default
                    if font != default:
                        fonts = fonts or {}
                        fonts[column] = font
                cells.append(value)
            yield RawRow(index, cells, fonts, unreadable)


def _run(part: str | TextBlock) -> tuple[str, str | None]:
    if isinstance(part, TextBlock):
        name = part.font.rFont if part.font is not None else None
        return part.text, font_encoding(name) if name else None
    return part, None
