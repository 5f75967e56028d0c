"""Spreadsheet files for the register tests, made the ways units' files are made: openpyxl
(as the app writes), a hand-written workbook in Excel's own layout (shared strings, cached
formula values, rich text), xlwt for Excel 97–2003 .xls, odfpy for LibreOffice's .ods."""

from __future__ import annotations

import unicodedata
import zipfile
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import CoveredTableCell, Table, TableCell, TableRow
from odf.text import P
from openpyxl import Workbook
from openpyxl.styles import Font

# What openpyxl needs in a stylesheet besides fonts and cell styles.
FILLS = '<fills><fill><patternFill patternType="none"/></fill></fills>'
CELL_STYLES = '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'

TIPS_HEADER = ["Mã", "Loại", "Ngày tiếp nhận", "Đơn vị thụ lý", "Tóm tắt nội dung", "Tình trạng"]


def xlsx(
    path: Path, rows: list[list[Any]], *, fonts: dict[str, str] | None = None, **sheet: Any
) -> Path:
    """An .xlsx written by openpyxl: `rows` from A1 (None for an empty cell); `fonts` maps a
    cell ("C4") to a font name; `merge` lists ranges, `number_formats` cell → format,
    `title` the sheet's name, `more` further sheets {name: rows}, `hidden` sheets hidden."""
    workbook = Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = sheet.get("title", "Sổ")
    for values in rows:
        worksheet.append(values)
    for ref, name in (fonts or {}).items():
        worksheet[ref].font = Font(name=name)
    for ref, number_format in sheet.get("number_formats", {}).items():
        worksheet[ref].number_format = number_format
    for ref in sheet.get("merge", []):
        worksheet.merge_cells(ref)
    for name, more in sheet.get("more", {}).items():
        other = workbook.create_sheet(name)
        for values in more:
            other.append(values)
        if name in sheet.get("hidden", []):
            other.sheet_state = "hidden"
    if worksheet.title in sheet.get("hidden", []):
        worksheet.sheet_state = "hidden"
    workbook.save(path)
    return path


def excel_xlsx(
    path: Path,
    cells: list[str],
    *,
    shared: list[str] = (),  # type: ignore[assignment]
    fonts: tuple[str, ...] = ("Times New Roman",),
    styles: tuple[tuple[int, int], ...] = ((0, 0),),
    merges: tuple[str, ...] = (),
    date1904: bool = False,
) -> Path:
    """An .xlsx laid out as Excel writes it: `cells` are the rows' XML (`<row r=…>…</row>`),
    `shared` the shared strings' inner XML (`<t>…</t>` or rich runs), `fonts` the font names,
    `styles` each cell style's (number format id, font index)."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    merged = "".join(f'<mergeCell ref="{ref}"/>' for ref in merges)
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}"><sheetData>'
        + "".join(cells)
        + "</sheetData>"
        + (f'<mergeCells count="{len(merges)}">{merged}</mergeCells>' if merges else "")
        + "</worksheet>"
    )
    strings = f'<sst xmlns="{main}">' + "".join(f"<si>{si}</si>" for si in shared) + "</sst>"
    font_xml = "".join(f'<font><sz val="12"/><name val="{escape(n)}"/></font>' for n in fonts)
    xf_xml = "".join(f'<xf numFmtId="{fmt}" fontId="{font}" xfId="0"/>' for fmt, font in styles)
    style_xml = (
        f'<styleSheet xmlns="{main}"><numFmts count="1"><numFmt numFmtId="164" '
        f'formatCode="dd/mm/yyyy"/></numFmts><fonts>{font_xml}</fonts>{FILLS}'
        f"<borders><border/></borders><cellStyleXfs><xf/></cellStyleXfs><cellXfs>{xf_xml}"
        f"</cellXfs>{CELL_STYLES}</styleSheet>"
    )
    workbook = (
        f'<workbook xmlns="{main}" xmlns:r="{rel}"><workbookPr'
        + (' date1904="1"' if date1904 else "")
        + '/><sheets><sheet name="Sổ" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    kinds = [("rId1", "worksheet", "worksheets/sheet1.xml"), ("rId2", "styles", "styles.xml")]
    kinds.append(("rId3", "sharedStrings", "sharedStrings.xml"))
    rels = (
        f'<Relationships xmlns="{package}">'
        + "".join(
            f'<Relationship Id="{i}" Type="{rel}/{kind}" Target="{target}"/>'
            for i, kind, target in kinds
        )
        + "</Relationships>"
    )
    content = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{content}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{content}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{content}.styles+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{content}.sharedStrings+xml"/>'
        "</Types>"
    )
    root = (
        f'<Relationships xmlns="{package}"><Relationship Id="rId1" '
        f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", root)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", rels)
        archive.writestr("xl/styles.xml", style_xml)
        archive.writestr("xl/sharedStrings.xml", strings)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def xls(
    path: Path,
    cells: dict[tuple[int, int], Any],
    *,
    fonts: dict[tuple[int, int], str] | None = None,
    merges: tuple[tuple[int, int, int, int, Any], ...] = (),
    sheet: str = "Sổ",
) -> Path:
    """An Excel 97–2003 .xls by xlwt: `cells` (row, column) → value (0-based); `fonts` (row,
    column) → font name; `merges` (first row, last row, first column, last column, value)."""
    workbook = xlwt.Workbook(encoding="utf-8")
    worksheet = workbook.add_sheet(sheet)
    for (row, column), value in cells.items():
        style = xlwt.easyxf(num_format_str="dd/mm/yyyy") if isinstance(value, date) else None
        font = (fonts or {}).get((row, column))
        if font:
            style = xlwt.easyxf(f"font: name {font}")
        worksheet.write(row, column, value, style) if style else worksheet.write(row, column, value)
    for first_row, last_row, first_column, last_column, value in merges:
        worksheet.write_merge(first_row, last_row, first_column, last_column, value)
    workbook.save(str(path))
    return path


def ods(
    path: Path, rows: list[list[Any]], *, spans: dict[tuple[int, int], int] | None = None
) -> Path:
    """An .ods by odfpy: `rows` of cells (str, date, int, None); `spans` (row, column) → how many
    columns that cell is merged over (the covered cells follow it in `rows` as None)."""
    document = OpenDocumentSpreadsheet()
    table = Table(name="Sổ")
    for r, values in enumerate(rows):
        row = TableRow()
        for c, value in enumerate(values):
            span = (spans or {}).get((r, c))
            if value is None:
                covered = any(
                    (r, start) in (spans or {}) and start < c < start + (spans or {})[r, start]
                    for start in range(c)
                )
                row.addElement(CoveredTableCell() if covered else TableCell())
                continue
            attributes: dict[str, Any] = {"numbercolumnsspanned": span} if span else {}
            if isinstance(value, date):
                cell = TableCell(valuetype="date", datevalue=value.isoformat(), **attributes)
                text = value.strftime("%d/%m/%Y")
            elif isinstance(value, int | float):
                cell = TableCell(valuetype="float", value=value, **attributes)
                text = str(value)
            else:
                cell = TableCell(valuetype="string", **attributes)
                text = value
            cell.addElement(P(text=text))
            row.addElement(cell)
        table.addElement(row)
    document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


def cp1258_bytes(text: str) -> bytes:
    """How Windows-1258 stores a text: base letters, then a combining tone byte."""
    out = bytearray()
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out += base.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)
