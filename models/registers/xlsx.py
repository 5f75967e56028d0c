"""Reading one sheet of an .xlsx: python-calamine for the values, a quick pass for the rest.

calamine (Rust) reads values, dates (by their number format) and merged ranges fast, but says
nothing of fonts or formulas. What it does not say comes from the sheet's XML itself, streamed
in chunks and searched at C speed for three things only: formulas (`<f`), error cells
(`t="e"`), and cells whose style has a font of another encoding than the default style's
(`s="N"` for those N alone; none at all when no style has a legacy font). Rich text whose runs
carry legacy fonts is read from the shared strings the same way.

calamine holds the whole sheet while it is read (about 1 KB per row of 13 columns): a sheet
whose XML is over STREAM_ABOVE is read by openpyxl's streaming reader instead
(models.registers.xlsx_stream), so memory stays bounded whatever the file.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from posixpath import dirname, join, normpath
from typing import Any

import python_calamine

from models.errors import Refused
from models.registers.legacy import LEGACY, UNICODE, font_encoding
from models.registers.sheets import XLSX, Merge, Opened, RawRow, RichText, choose_sheet
from models.registers.xlsx_stream import StreamedRows, merges

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CHUNK = 1 << 20
# A sheet whose XML is larger is streamed by openpyxl (constant memory, some 5 times slower):
# calamine would hold it whole, about 2.5 times its XML (100 MB: some 250,000 rows × 13).
STREAM_ABOVE = 100 * 1024 * 1024
_LEGACY_RUN_FONT = re.compile(rb'rFont val="(?:\.vn|vni)', re.IGNORECASE)
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_FORMULA_END = re.compile(rb"</(?:\w+:)?f>")
_SHEET_DATA = re.compile(rb"<(\w+:)?sheetData\b")


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1


class XlsxSheet:
    format = XLSX
    plain_encoding = UNICODE

    def __init__(self, file: Opened, wanted: str | None):
        self._file = file
        try:
            self._zip = zipfile.ZipFile(file.stream)
            parts, self.date1904 = self._workbook()
            file.stream.seek(0)
            workbook = (
                python_calamine.CalamineWorkbook.from_path(file.path)
                if file.path
                else python_calamine.CalamineWorkbook.from_filelike(file.stream)
            )
        except (zipfile.BadZipFile, KeyError, ET.ParseError, python_calamine.CalamineError):
            raise Refused("import.unreadable_file", name=file.name) from None
        metadata = [m for m in workbook.sheets_metadata if m.name in parts]
        self.sheets = [m.name for m in metadata]
        visible = [m.visible == python_calamine.SheetVisibleEnum.Visible for m in metadata]
        self.name = choose_sheet(self.sheets, visible, wanted)
        self._part = parts[self.name]
        self._stream: StreamedRows | None = None
        if self._zip.getinfo(self._part).file_size > STREAM_ABOVE:
            workbook.close()  # it holds the shared strings, which openpyxl reads again
            self._stream = StreamedRows(file, self.name)
            self.merged: list[Merge] | None = merges(self._zip, self._part)
        else:
            self._sheet = workbook.get_sheet_by_name(self.name)
            self.merged = [
                (first[0], first[1], last[0], last[1])
                for first, last in self._sheet.merged_cell_ranges or []
            ]
        self._xf_fonts = self._styles()
        has_legacy = any(encoding in LEGACY for encoding in self._xf_fonts)
        self.default_font: str | None = self._xf_fonts[0] if self._xf_fonts else UNICODE
        self._other_styles = (
            [i for i, e in enumerate(self._xf_fonts) if e != self.default_font]
            if has_legacy
            else []
        )
        self._rich = self._rich_strings() if self._stream is None else {}
        if self._stream is not None:
            self.default_font = self._stream.default_font

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
        self._zip.close()
        self._file.close()

    # --- the workbook's parts -----------------------------------------------------------------

    def _workbook(self) -> tuple[dict[str, str], bool]:
        """Worksheet name → its part in the zip; whether dates count from 1904."""
        root = ET.fromstring(self._zip.read("xl/workbook.xml"))
        rels = ET.fromstring(self._zip.read("xl/_rels/workbook.xml.rels"))
        targets = {
            rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PACKAGE_REL}Relationship")
        }
        parts = {}
        for sheet in root.iter(f"{_MAIN}sheet"):
            target = targets.get(sheet.get(f"{_REL}id"), "")
            part = target.lstrip("/") if target.startswith("/") else normpath(join("xl", target))
            if "worksheets/" in part:
                parts[sheet.get("name", "")] = part
        properties = root.find(f"{_MAIN}workbookPr")
        date1904 = properties is not None and properties.get("date1904") in ("1", "true")
        return parts, date1904

    def _styles(self) -> list[str]:
        """The encoding each cell style's font implies."""
        try:
            root = ET.fromstring(self._zip.read("xl/styles.xml"))
        except KeyError:
            return []
        fonts = []
        for font in root.iter(f"{_MAIN}font"):
            name = font.find(f"{_MAIN}name")
            fonts.append(font_encoding(name.get("val") if name is not None else None) or UNICODE)
        xfs = root.find(f"{_MAIN}cellXfs")
        if xfs is None:
            return []
        encodings = []
        for xf in xfs.iter(f"{_MAIN}xf"):
            font_id = int(xf.get("fontId", "0"))
            encodings.append(fonts[font_id] if font_id < len(fonts) else UNICODE)
        return encodings

    def _rich_strings(self) -> dict[str, RichText]:
        """Shared strings some of whose runs are in a legacy font, by their whole text."""
        name = normpath(join(dirname(self._part), "../sharedStrings.xml"))
        if name not in self._zip.namelist() or not self._has_legacy_runs(name):
            return {}
        rich = {}
        with self._zip.open(name) as stream:
            for _, element in ET.iterparse(stream):
                if element.tag != f"{_MAIN}si":
                    continue
                runs = []
                for run in element.iter(f"{_MAIN}r"):
                    font = run.find(f"{_MAIN}rPr/{_MAIN}rFont")
                    encoding = font_encoding(font.get("val")) if font is not None else None
                    runs.append(("".join(t.text or "" for t in run.iter(f"{_MAIN}t")), encoding))
                if any(encoding in LEGACY for _, encoding in runs):
                    value = RichText(tuple(runs))
                    rich[str(value)] = value
                element.clear()
        return rich

    def _has_legacy_runs(self, name: str) -> bool:
        tail = b""
        with self._zip.open(name) as stream:
            while chunk := stream.read(_CHUNK):
                if _LEGACY_RUN_FONT.search(tail + chunk):
                    return True
                tail = chunk[-64:]
        return False

    # --- rows ---------------------------------------------------------------------------------

    def rows(self) -> Iterator[RawRow]:
        if self._stream is not None:
            yield from self._stream.rows()
            return
        # calamine yields every row from the sheet's first (row 1), cells from the first column
        # that holds anything (tests/test_registers.py checks the numbers rows get).
        start = self._sheet.start
        if start is None:
            return
        pad = [""] * start[1]
        rich = self._rich
        events = self._cell_events()
        pending = next(events, None)
        for index, cells in enumerate(self._sheet.iter_rows()):
            row: list[Any] = pad + cells if pad else cells
            if rich:
                row = [rich.get(cell, cell) if isinstance(cell, str) else cell for cell in row]
            fonts: dict[int, str] | None = None
            unreadable: dict[int, tuple[str, str]] | None = None
            while pending is not None and pending[0] <= index:
                if pending[0] == index:
                    _, column, what, detail = pending
                    if what == "font":
                        fonts = fonts or {}
                        fonts[column] = detail
                    else:
                        unreadable = unreadable or {}
                        if what == "import.formula" or column not in unreadable:
                            unreadable[column] = (what, detail)  # a formula is the cause
                pending = next(events, None)
            yield RawRow(index, row, fonts, unreadable)

    def _cell_events(self) -> Iterator[tuple[int, int, str, str]]:
        """(row, column, what, detail) in sheet order: "font" cells of another encoding than the
        default, "import.formula" and "import.error_cell" cells."""
        styles = None
        if self._other_styles:
            ids = b"|".join(str(i).encode() for i in self._other_styles)
            styles = re.compile(rb'\ss="(' + ids + rb')"')
        prefix: bytes | None = None
        tail = b""
        with self._zip.open(self._part) as stream:
            while True:
                chunk = stream.read(_CHUNK)
                buffer = tail + chunk
                if prefix is None:
                    found = _SHEET_DATA.search(buffer)
                    if found is None and chunk:
                        tail = buffer
                        continue
                    prefix = found.group(1) or b"" if found else b""
                cut = _complete(buffer) if chunk else len(buffer)
                if cut <= 0:
                    tail = buffer
                    continue
                tail = buffer[cut:]
                yield from self._events_in(buffer[:cut], prefix, styles)
                if not chunk:
                    return

    def _events_in(
        self, buffer: bytes, prefix: bytes, styles: re.Pattern[bytes] | None
    ) -> Iterator[tuple[int, int, str, str]]:
        found: list[tuple[int, str, int]] = []  # position, what, style
        formula = b"<" + prefix + b"f"
        position = buffer.find(formula)
        while position >= 0:
            if buffer[position + len(formula) : position + len(formula) + 1] in (b">", b" ", b"/"):
                found.append((position, "import.formula", 0))
            position = buffer.find(formula, position + 1)
        position = buffer.find(b' t="e"')
        while position >= 0:
            found.append((position, "import.error_cell", 0))
            position = buffer.find(b' t="e"', position + 1)
        if styles is not None:
            found += [(m.start(), "font", int(m.group(1))) for m in styles.finditer(buffer)]
        found.sort()
        cell_tag = b"<" + prefix + b"c "
        for position, what, style in found:
            cell = buffer.rfind(cell_tag, 0, position)
            if cell < 0:
                continue
            opened_at = buffer.find(b">", cell)
            ref = _REF.search(buffer, cell, opened_at)
            if ref is None:
                continue  # a cell without its reference: it cannot be placed
            row, column = int(ref.group(2)) - 1, _column_index(ref.group(1))
            if what == "import.formula":  # a formula only ever stands inside a cell
                after = position + len(formula)
                yield row, column, what, "=" + _formula_text(buffer, after + 1)
            elif opened_at < position:
                continue  # an attribute of a row, not of a cell
            elif what == "import.error_cell":
                yield row, column, what, _value_text(buffer, opened_at)
            else:
                yield row, column, what, self._xf_fonts[style]


def _complete(buffer: bytes) -> int:
    """Where the buffer's last complete row ends (or cell, in a row longer than a chunk)."""
    for end_tag in (b"</row>", b"</c>"):
        cut = buffer.rfind(end_tag)
        if cut >= 0:
            return cut + len(end_tag)
    return 0


def _formula_text(buffer: bytes, after: int) -> str:
    """The formula of `<f …>text</f>`; "…" for a shared formula written once, elsewhere."""
    opened_at = after - 1 if buffer[after - 1 : after] in (b">", b"/") else buffer.find(b">", after)
    if buffer[opened_at : opened_at + 1] == b"/" or buffer[opened_at - 1 : opened_at] == b"/":
        return "…"
    end = _FORMULA_END.search(buffer, opened_at)
    return _text(buffer[opened_at + 1 : end.start()]) if end else "…"


def _value_text(buffer: bytes, opened_at: int) -> str:
    start = buffer.find(b"<v>", opened_at)
    end = buffer.find(b"</v>", start)
    return _text(buffer[start + 3 : end]) if 0 <= start < end else ""


def _text(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    return html.unescape(text) if "&" in text else text
