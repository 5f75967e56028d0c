"""Decree 30/2020/NĐ-CP's page, fonts and building blocks, in python-docx: shared by every document.

A4 portrait, margins 20/20/30/15 mm, Times New Roman; the two header boxes (issuer and quốc
hiệu) with their rules drawn as paragraph borders; fixed-width tables that LibreOffice lays out as
Word does (`tblLayout fixed` and the `tblGrid`); the page number top centre from page 2.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy
from datetime import datetime

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from models.documents.metrics import balanced_lines, text_width_mm
from models.documents.tables import fit_widths
from models.i18n import current_language, register

FONT = "Times New Roman"
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]
BODY_PT = 14
TABLE_PT = 12
FIRST_LINE_INDENT_MM = 12.7
PARAGRAPH_GAP_PT = 6
LINE_SPACING = 1.15
DATA_CELL_PADDING_MM = 1.0

MESSAGES: dict[str, tuple[str, str]] = {
    "doc.none": ("(không có)", "(none)"),
}
register(MESSAGES)


# WordprocessingML wants the children of a properties element in its schema's order (Word
# calls a file with them out of order damaged): what may follow each element we add.
_AFTER_PAGE_NUMBERING = (
    "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
    "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
)  # fmt: skip
_AFTER_PARAGRAPH_BORDERS = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_TABLE_HEADER = ("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")
_AFTER_CANT_SPLIT = ("w:trHeight", "w:tblHeader", *_AFTER_TABLE_HEADER)


def start_document(title: str, author: str, created: datetime) -> Document:
    """An empty A4 document in Times New Roman with Decree 30's margins and body paragraphs."""
    document = new_document()
    _set_defaults(document)
    setup_section(document.sections[0])
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = title, author, author
    properties.created = properties.modified = created
    properties.revision = 1
    properties.language = "en-GB" if current_language() == "en" else "vi-VN"
    return document


def _set_defaults(document: Document) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = run_defaults.find(qn("w:rFonts"))
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for script in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(script), FONT)
    for size in ("w:sz", "w:szCs"):
        run_defaults.find(qn(size)).set(qn("w:val"), str(BODY_PT * 2))
    language = run_defaults.find(qn("w:lang"))
    language.set(qn("w:val"), "en-GB" if current_language() == "en" else "vi-VN")
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    paragraph = normal.paragraph_format
    paragraph.space_before, paragraph.space_after = Pt(0), Pt(PARAGRAPH_GAP_PT)
    paragraph.line_spacing = LINE_SPACING
    paragraph.widow_control = True


def setup_section(section: Section) -> None:
    """A4 portrait, Decree 30's margins, the page number top centre except on the first page."""
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Mm(0)
    _page_field(paragraph)


def new_numbered_section(document: Document) -> Section:
    """A section on a new page whose page numbers restart at 1 (an appendix, an attached list);
    its first page has no number, like the document's."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = True
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    section._sectPr.insert_element_before(numbering, *_AFTER_PAGE_NUMBERING)
    return section


def _page_field(paragraph: Paragraph) -> None:
    """A PAGE field (begin, instruction, separate, cached value, end) at 13 pt."""
    parts = [("fldChar", "begin"), ("instrText", " PAGE "), ("fldChar", "separate"),
             ("t", "2"), ("fldChar", "end")]  # fmt: skip
    for kind, value in parts:
        run = paragraph.add_run()
        run.font.size = Pt(13)
        element = OxmlElement(f"w:{kind}")
        if kind == "fldChar":
            element.set(qn("w:fldCharType"), value)
        else:
            element.text = value
            if kind == "instrText":
                element.set(qn("xml:space"), "preserve")
        run._r.append(element)


def paragraph(
    container: Document | _Cell,
    text: str = "",
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = True,
    after: float = PARAGRAPH_GAP_PT,
    before: float = 0,
    keep_with_next: bool = False,
) -> Paragraph:
    """One paragraph of one run. Text never holds a hard line break: each line the reader
    should see on its own is a paragraph of its own (a break in justified text stretches it)."""
    if "\n" in text:
        raise ValueError("a paragraph holds no line break; give each line its own paragraph")
    added = container.add_paragraph()
    format_ = added.paragraph_format
    added.alignment = align
    format_.first_line_indent = Mm(FIRST_LINE_INDENT_MM) if indent else Mm(0)
    format_.space_before, format_.space_after = Pt(before), Pt(after)
    format_.keep_with_next = keep_with_next
    if text:
        run = added.add_run(text)
        run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
    return added


def centred(container: Document | _Cell, text: str, **options: object) -> Paragraph:
    options.setdefault("after", 0)
    return paragraph(container, text, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, **options)  # type: ignore[arg-type]


def centred_lines(
    container: Document | _Cell,
    text: str,
    room_mm: float,
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    after: float = 0,
    break_before: str = "",
) -> list[Paragraph]:
    """A centred text too long for one line as evenly long lines, a paragraph each (a centred
    title wrapped by the word processor leaves one word on its last line); on two lines split
    before the word `break_before` when both halves fit ("… / của Công an thị xã Sông Cầu)")."""
    lines = balanced_lines(text, size, bold, room_mm - 2)
    head, found, tail = text.rpartition(f" {break_before} ") if break_before else ("", "", "")
    halves = [head, f"{break_before} {tail}"]
    if (
        len(lines) == 2
        and found
        and all(text_width_mm(h, size, bold) <= room_mm - 2 for h in halves)
    ):
        lines = halves
    added = [centred(container, line, size=size, bold=bold, italic=italic) for line in lines]
    added[-1].paragraph_format.space_after = Pt(after)
    return added


def rule(container: Document | _Cell, length_mm: float, room_mm: float) -> Paragraph:
    """A centred horizontal rule `length_mm` long: an empty paragraph's bottom border, narrowed
    by indents to that length within `room_mm` (never dashes, which break differently)."""
    added = container.add_paragraph()
    format_ = added.paragraph_format
    added.alignment = WD_ALIGN_PARAGRAPH.CENTER
    side = max((room_mm - length_mm) / 2, 0)
    format_.left_indent = format_.right_indent = Mm(side)
    format_.first_line_indent = Mm(0)
    format_.space_before = format_.space_after = Pt(0)
    format_.line_spacing = Pt(3)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{name}"), value)
    borders.append(bottom)
    added._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PARAGRAPH_BORDERS)
    run = added.add_run()
    run.font.size = Pt(2)
    return added


def fixed_table(
    container: Document | _Cell,
    widths_mm: Sequence[float],
    rows: int,
    *,
    borders: bool = True,
    padding_mm: float | None = None,
) -> Table:
    """A table whose columns keep `widths_mm` in Word and in LibreOffice: fixed layout, the
    grid and every cell's width set, centred on the page."""
    table = container.add_table(rows=rows, cols=len(widths_mm))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    properties = table._tbl.tblPr
    width = properties.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        properties.append(width)
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(_twips(sum(widths_mm))))
    properties.insert_element_before(
        _table_borders("single" if borders else "nil"), "w:shd", "w:tblLayout", "w:tblCellMar",
        "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange",
    )  # fmt: skip
    if padding_mm is not None:
        margins = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            margin = OxmlElement(f"w:{side}")
            margin.set(qn("w:w"), str(_twips(padding_mm)))
            margin.set(qn("w:type"), "dxa")
            margins.append(margin)
        properties.insert_element_before(
            margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"
        )
    for column, width_mm in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width_mm)
        for cell in column.cells:
            cell.width = Mm(width_mm)
    return table


def _table_borders(kind: str) -> BaseOxmlElement:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), kind)
        if kind != "nil":
            border.set(qn("w:sz"), "4")
            border.set(qn("w:space"), "0")
            border.set(qn("w:color"), "000000")
        borders.append(border)
    return borders


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def cant_split(table: Table, row_index: int) -> None:
    """The row stays on one page (a signature never breaks across pages)."""
    row_properties = table.rows[row_index]._tr.get_or_add_trPr()
    row_properties.insert_element_before(OxmlElement("w:cantSplit"), *_AFTER_CANT_SPLIT)


def repeat_header(table: Table) -> None:
    """The first row is repeated on every page the table runs onto."""
    row_properties = table.rows[0]._tr.get_or_add_trPr()
    row_properties.insert_element_before(OxmlElement("w:tblHeader"), *_AFTER_TABLE_HEADER)


def cell_text(
    cell: _Cell,
    text: str,
    *,
    size: float = TABLE_PT,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.LEFT,
) -> Paragraph:
    """Put `text` in the cell's first paragraph (a cell always has one)."""
    first = cell.paragraphs[0]
    first.alignment = align
    format_ = first.paragraph_format
    format_.first_line_indent = Mm(0)
    format_.space_before, format_.space_after = Pt(1), Pt(1)
    format_.line_spacing = 1.0
    run = first.add_run(text)
    run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
    return first


def empty_cell(cell: _Cell) -> None:
    """Drop the cell's own first paragraph once other paragraphs were added after it."""
    first = cell.paragraphs[0]
    if not first.text and len(cell.paragraphs) > 1:
        cell._tc.remove(first._p)


_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER}


def data_table(
    container: Document | _Cell,
    heads: Sequence[str],
    rows: Sequence[Sequence[str]],
    aligns: Sequence[str],
    *,
    total_mm: float = TEXT_WIDTH_MM,
) -> Table:
    """A bordered table whose widths are measured from its text (`fit_widths`), a bold header
    row repeated on each page, then a row per value list that never splits across pages;
    `aligns` is "left" or "center" per column."""
    widths = fit_widths(heads, rows, total_mm, TABLE_PT, DATA_CELL_PADDING_MM)
    table = fixed_table(container, widths, 1, padding_mm=DATA_CELL_PADDING_MM)
    for cell, head in zip(table.rows[0].cells, heads, strict=True):
        cell_text(cell, head, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    repeat_header(table)
    cant_split(table, 0)
    if not rows:
        return table
    # One row through python-docx, the others copied from it: a cell through its API costs a
    # millisecond, and an appendix has thousands.
    first = table.add_row()
    cant_split(table, len(table.rows) - 1)
    for cell, align in zip(first.cells, aligns, strict=True):
        cell_text(cell, "-", align=_ALIGN[align])
    template = deepcopy(first._tr)
    _fill_row(first._tr, rows[0])
    for values in rows[1:]:
        row = deepcopy(template)
        _fill_row(row, values)
        table._tbl.append(row)
    return table


def _fill_row(row: BaseOxmlElement, values: Sequence[str]) -> None:
    texts = row.findall(f".//{qn('w:t')}")
    for text, value in zip(texts, values, strict=True):
        text.text = value
        if value != value.strip():
            text.set(qn("xml:space"), "preserve")
