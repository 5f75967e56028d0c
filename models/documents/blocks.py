"""The parts every Decree 30 document has: the two header boxes, the title, the recipients
("Nơi nhận") and the signature, built from `layout`'s paragraphs, rules and tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.table import Table, _Cell

from models.documents.layout import (
    BODY_PT,
    TEXT_WIDTH_MM,
    centred,
    centred_lines,
    fixed_table,
    paragraph,
    rule,
)
from models.documents.metrics import balanced_lines, text_width_mm
from models.i18n import register, t

# The header boxes: the quốc hiệu at 12 pt bold is 88.3 mm wide, so its column takes 92 mm
# with 1 mm cell padding; the issuer's column keeps the rest (71 mm of text).
HEADER_LEFT_MM, HEADER_RIGHT_MM = 73.0, 92.0
HEADER_CELL_PADDING_MM = 1.0
ISSUER_PT = 12
NATIONAL_TITLE_PT = 12
MOTTO_PT = 13

MESSAGES: dict[str, tuple[str, str]] = {
    "doc.national_title": (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "SOCIALIST REPUBLIC OF VIET NAM",
    ),
    "doc.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "doc.to": ("Kính gửi: {recipient}", "To: {recipient}"),
    "doc.to_many": ("Kính gửi:", "To:"),
    "doc.recipients": ("Nơi nhận:", "Recipients:"),
    "doc.filed": ("- Lưu: {where}.", "- Filed: {where}."),
}
register(MESSAGES)


@dataclass(frozen=True)
class Issuer:
    """An issuing body as its header box names it: the parent body and the issuer itself,
    written as they are named ("Công an tỉnh Phú Yên"); the box prints them in capitals."""

    name: str
    parent: str = ""


@dataclass(frozen=True)
class Signature:
    """Who signs: "KT. TRƯỞNG CÔNG AN" (or "TM. …", or none), the post, the rank and name."""

    post: str
    name: str
    rank: str = ""
    on_behalf: str = ""

    def signed_name(self) -> str:
        return f"{self.rank} {self.name}".strip()


def header_boxes(
    document: Document, issuers: Sequence[Issuer], number_line: str, place_date: str
) -> Table:
    """Decree 30's two header boxes: on the left each issuer's parent body (regular) and name
    (bold) in capitals with a rule under the last; on the right the quốc hiệu and tiêu ngữ with a
    rule as long as the tiêu ngữ. Their second row holds the number and the place and date."""
    table = fixed_table(
        document, (HEADER_LEFT_MM, HEADER_RIGHT_MM), 2, borders=False,
        padding_mm=HEADER_CELL_PADDING_MM,
    )  # fmt: skip
    left, right = table.cell(0, 0), table.cell(0, 1)
    left_room = HEADER_LEFT_MM - 2 * HEADER_CELL_PADDING_MM
    right_room = HEADER_RIGHT_MM - 2 * HEADER_CELL_PADDING_MM
    left._tc.remove(left.paragraphs[0]._p)
    right._tc.remove(right.paragraphs[0]._p)
    widest = 0.0
    for issuer in issuers:
        for text, bold in ((issuer.parent, False), (issuer.name, True)):
            for line in (
                balanced_lines(text.upper(), ISSUER_PT, bold, left_room - 0.5) if text else []
            ):
                centred(left, line, size=ISSUER_PT, bold=bold)
                if bold:
                    widest = max(widest, text_width_mm(line, ISSUER_PT, bold=True))
    rule(left, min(max(widest * 0.4, 15.0), left_room), left_room)
    centred(right, t("doc.national_title"), size=NATIONAL_TITLE_PT, bold=True)
    motto = t("doc.motto")
    centred(right, motto, size=MOTTO_PT, bold=True)
    rule(right, text_width_mm(motto, MOTTO_PT, bold=True), right_room)
    _fill_first(table.cell(1, 0), number_line, size=13, before=4)
    _fill_first(table.cell(1, 1), place_date, size=14, italic=True, before=4)
    return table


def _fill_first(cell: _Cell, text: str, **options: float | bool) -> None:
    first = cell.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    format_ = first.paragraph_format
    format_.first_line_indent = Mm(0)
    format_.space_before, format_.space_after = Pt(float(options.get("before", 0))), Pt(0)
    run = first.add_run(text)
    run.font.size = Pt(float(options.get("size", BODY_PT)))
    run.font.italic = bool(options.get("italic", False))


def recipients_block(cell: _Cell, recipients: Sequence[str], filed: str) -> None:
    """The label "Nơi nhận:" in 12 pt bold italic; each recipient "- …;" in 11 pt; last
    "- Lưu: VT, …."."""
    label = paragraph(cell, t("doc.recipients"), size=12, bold=True, italic=True,
                      align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, before=6, after=0)  # fmt: skip
    label.paragraph_format.line_spacing = 1.0
    for recipient in recipients:
        line = paragraph(cell, f"- {recipient};", size=11, align=WD_ALIGN_PARAGRAPH.LEFT,
                         indent=False, after=0)  # fmt: skip
        line.paragraph_format.line_spacing = 1.0
    if filed:
        last = paragraph(cell, t("doc.filed", where=filed), size=11,
                         align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, after=0)  # fmt: skip
        last.paragraph_format.line_spacing = 1.0


def signature_titles(cell: _Cell, signature: Signature, room_mm: float) -> None:
    """The capacity line ("KT. TRƯỞNG CÔNG AN") and the post in bold capitals."""
    for text in (signature.on_behalf, signature.post):
        if text:
            centred_lines(cell, text.upper(), room_mm, bold=True)
    cell.paragraphs[1 if not cell.paragraphs[0].text else 0].paragraph_format.space_before = Pt(6)


def signature_name(cell: _Cell, signature: Signature) -> None:
    """Room to sign and stamp, then the rank and name in bold."""
    centred(cell, signature.signed_name(), bold=True, before=72)


def signature_block(cell: _Cell, signature: Signature, room_mm: float) -> None:
    signature_titles(cell, signature, room_mm)
    signature_name(cell, signature)


def title_block(document: Document, title: str, subject: str) -> None:
    """The kind of document in bold capitals, the subject in bold under it, a short rule."""
    centred(document, title.upper(), bold=True, before=18)
    lines = centred_lines(document, subject, TEXT_WIDTH_MM - 10, bold=True)
    widest = max(text_width_mm(line.text, BODY_PT, bold=True) for line in lines)
    rule(document, min(max(widest / 3, 25.0), 60.0), TEXT_WIDTH_MM)
    document.paragraphs[-1].paragraph_format.space_after = Pt(12)
