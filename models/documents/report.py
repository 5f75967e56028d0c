"""The review report (*Báo cáo*) as a DOCX in Decree 30/2020/NĐ-CP's layout, from plain data.

The header boxes, number, place and date, "BÁO CÁO" and the subject, "Kính gửi", the sections
numbered I./1./a), the figures as sentences and as a comparison table, the signatures (two side
by side for a joint review), "Nơi nhận", and an appendix of the records behind each figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.table import Table

from models.documents import blocks, layout
from models.documents.blocks import Issuer, Signature
from models.documents.figures import Figures, sentences, table_rows
from models.documents.layout import centred, paragraph
from models.documents.tables import RecordTable, shown
from models.documents.wording import date_in_words, document_number, number_line, place_and_date
from models.errors import Refused
from models.i18n import register, t

MESSAGES: dict[str, tuple[str, str]] = {
    "doc.report": ("BÁO CÁO", "REPORT"),
    "doc.appendix": ("Phụ lục", "Appendix"),
    "doc.by": ("của", "by"),
    "doc.appendix_of": (
        "(Kèm theo Báo cáo số {number} {date} của {issuers})",
        "(Attached to Report No. {number} of {date} by {issuers})",
    ),
    "doc.signatures_mismatch": (
        "Báo cáo có {issuers} đơn vị ban hành nhưng {signatures} chữ ký; mỗi đơn vị một chữ ký.",
        "The report has {issuers} issuing units but {signatures} signatures; one per unit.",
    ),
    "doc.no_issuer": ("Văn bản phải có đơn vị ban hành.", "A document needs an issuing unit."),
}
register(MESSAGES)


@dataclass(frozen=True)
class FigureSentences:
    """The figures here, a paragraph each ("- Xảy ra 35 vụ …")."""

    figures: Figures


@dataclass(frozen=True)
class FigureTable:
    """The figures here as a table: figure, this period, the same period last year, change."""

    figures: Figures


Block = str | FigureSentences | FigureTable | RecordTable


@dataclass(frozen=True)
class Section:
    """A heading and what follows it; a section's subsections are numbered I., 1., a)."""

    title: str
    body: tuple[Block, ...] = ()
    subsections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Appendix:
    """The records behind the figures, a table each, after the signature on a new page."""

    title: str
    tables: tuple[RecordTable, ...]


@dataclass(frozen=True)
class ReportDocument:
    """A report. `issuers` is one unit, or the host and its partners for a joint review (the
    host first); `signatures` has one signer per issuer. `number` is the number in the year,
    `symbol` what follows it ("BC-CATX"); `to` fills "Kính gửi"; `recipients` is "Nơi nhận"
    without "Lưu", which `filed` gives ("VT, CATX")."""

    issuers: tuple[Issuer, ...]
    number: int
    symbol: str
    place: str
    signed_on: date
    subject: str
    sections: tuple[Section, ...]
    signatures: tuple[Signature, ...]
    recipients: tuple[str, ...] = ()
    filed: str = "VT"
    to: tuple[str, ...] = ()
    opening: tuple[str, ...] = ()
    appendix: Appendix | None = None
    title: str = ""

    def check(self) -> None:
        if not self.issuers:
            raise Refused("doc.no_issuer")
        if len(self.signatures) != len(self.issuers):
            raise Refused(
                "doc.signatures_mismatch",
                issuers=len(self.issuers),
                signatures=len(self.signatures),
            )


def build_report(report: ReportDocument) -> Document:
    """The report as a python-docx Document (to inspect, or to save)."""
    report.check()
    issuer_names = [issuer.name for issuer in report.issuers]
    document = layout.start_document(
        report.subject,
        " - ".join(issuer_names)[:255],  # the core properties hold 255 characters
        datetime.combine(report.signed_on, datetime.min.time()),
    )
    blocks.header_boxes(
        document,
        report.issuers,
        number_line(report.number, report.symbol),
        place_and_date(report.place, report.signed_on),
    )
    blocks.title_block(document, report.title or t("doc.report"), report.subject)
    addressed_to(document, report.to)
    for text in report.opening:
        paragraph(document, text)
    for index, section in enumerate(report.sections, start=1):
        _section(document, section, 1, index)
    signatures_and_recipients(document, report.signatures, report.recipients, report.filed)
    if report.appendix is not None:
        _appendix(document, report, report.appendix)
    return document


def write_report(report: ReportDocument, path: Path) -> Path:
    build_report(report).save(str(path))
    return path


def report_bytes(report: ReportDocument) -> bytes:
    buffer = BytesIO()
    build_report(report).save(buffer)
    return buffer.getvalue()


def addressed_to(document: Document, recipients: Sequence[str]) -> None:
    """The line "Kính gửi: …" centred; several recipients each on a line of their own."""
    if len(recipients) == 1:
        centred(document, t("doc.to", recipient=recipients[0]), after=12)
    elif recipients:
        centred(document, t("doc.to_many"))
        for index, recipient in enumerate(recipients):
            end = "." if index == len(recipients) - 1 else ";"
            centred(document, f"- {recipient}{end}", after=12 if end == "." else 0)


def _roman(value: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    text = ""
    for amount, numeral in numerals:
        while value >= amount:
            text, value = text + numeral, value - amount
    return text


def _heading_text(title: str, level: int, index: int) -> str:
    if level == 1:
        return f"{_roman(index)}. {title.upper()}"
    if level == 2:
        return f"{index}. {title}"
    return f"{chr(ord('a') + index - 1)}) {title}"


def _section(document: Document, section: Section, level: int, index: int) -> None:
    paragraph(
        document,
        _heading_text(section.title, level, index),
        bold=level <= 2,
        italic=level >= 3,
        keep_with_next=True,
    )
    for block in section.body:
        _block(document, block)
    for number_, subsection in enumerate(section.subsections, start=1):
        _section(document, subsection, min(level + 1, 3), number_)


def _block(document: Document, block: Block) -> None:
    if isinstance(block, str):
        paragraph(document, block)
    elif isinstance(block, FigureSentences):
        for text in sentences(block.figures):
            paragraph(document, f"- {text}.")
    elif isinstance(block, FigureTable):
        figure_table(document, block.figures)
    else:
        record_table(document, block)


def figure_table(document: Document, figures: Figures) -> Table:
    """STT, figure, this period, the same period last year, change."""
    heads = (
        t("doc.table.number"),
        t("doc.table.figure"),
        figures.current_label or t("doc.table.current"),
        figures.previous_label or t("doc.table.previous"),
        t("doc.table.change"),
    )
    rows = [(str(index), *row) for index, row in enumerate(table_rows(figures), start=1)]
    aligns = ("center", "left", "center", "center", "center")
    table = layout.data_table(document, heads, rows, aligns)
    _gap_after(document)
    return table


def record_table(document: Document, records: RecordTable) -> Table | None:
    """The records as a table with a numbered first column; "(không có)" when there are none."""
    if not records.rows:
        paragraph(document, t("doc.none"), italic=True)
        return None
    heads = (t("doc.table.number"), *(column.label for column in records.columns))
    rows = [
        (str(index), *(shown(row.get(column.key), column.kind) for column in records.columns))
        for index, row in enumerate(records.rows, start=1)
    ]
    aligns = ("center", *("left" if c.kind == "text" else "center" for c in records.columns))
    table = layout.data_table(document, heads, rows, aligns)
    _gap_after(document)
    return table


def _gap_after(document: Document) -> None:
    """A small empty paragraph after a table, so the next paragraph does not touch it."""
    paragraph(document, "", size=6, indent=False, after=0)


def signatures_and_recipients(
    document: Document,
    signatures: Sequence[Signature],
    recipients: Sequence[str],
    filed: str,
) -> Table:
    """The recipients ("Nơi nhận") on the left and the signature on the right; for several
    signers, their signatures side by side (the first, the host, on the right, as joint
    circulars sign) and "Nơi nhận" under them. Rows can't split and follow the last paragraph."""
    if document.paragraphs:
        document.paragraphs[-1].paragraph_format.keep_with_next = True
    if len(signatures) == 1:
        table = layout.fixed_table(document, (80.0, 85.0), 1, borders=False, padding_mm=1.0)
        recipients_cell, signature_cell = table.rows[0].cells
        blocks.recipients_block(recipients_cell, recipients, filed)
        blocks.signature_block(signature_cell, signatures[0], 83.0)
        for cell in (recipients_cell, signature_cell):
            layout.empty_cell(cell)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        layout.cant_split(table, 0)
        return table
    # Titles, names and recipients in rows of their own, so the names line up whatever
    # the length of each post.
    share = layout.TEXT_WIDTH_MM / len(signatures)
    table = layout.fixed_table(
        document, [share] * len(signatures), 3, borders=False, padding_mm=1.0
    )
    for column, signature in enumerate(reversed(signatures)):
        titles, name = table.cell(0, column), table.cell(1, column)
        blocks.signature_titles(titles, signature, share - 2.0)
        blocks.signature_name(name, signature)
        for cell in (titles, name):
            layout.empty_cell(cell)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
            for added in cell.paragraphs:
                added.paragraph_format.keep_with_next = True
    recipients_cell = table.cell(2, 0)
    blocks.recipients_block(recipients_cell, recipients, filed)
    layout.empty_cell(recipients_cell)
    for row in range(3):
        layout.cant_split(table, row)
    return table


def _appendix(document: Document, report: ReportDocument, appendix: Appendix) -> None:
    layout.new_numbered_section(document)
    centred(document, t("doc.appendix"), bold=True)
    layout.centred_lines(document, appendix.title.upper(), layout.TEXT_WIDTH_MM, bold=True)
    names = [issuer.name for issuer in report.issuers]
    issuers = (
        names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {t('word.and')} {names[-1]}"
    )
    attached = t(
        "doc.appendix_of",
        number=document_number(report.number, report.symbol),
        date=date_in_words(report.signed_on),
        issuers=issuers,
    )
    layout.centred_lines(
        document, attached, layout.TEXT_WIDTH_MM, italic=True, after=12, break_before=t("doc.by")
    )
    for index, records in enumerate(appendix.tables, start=1):
        paragraph(
            document, f"{index}. {records.title}", bold=True, indent=False, keep_with_next=True
        )
        record_table(document, records)
