"""An award decision (*Quyết định khen thưởng*) and its attached list, as a DOCX in Decree 30's
layout: "QUYẾT ĐỊNH / Về việc tặng Giấy khen", the authority, the legal bases, Điều 1–3, the
chair's signature (his own decision: "KT." at most, never "TM."), "Nơi nhận", then the list of
collectives and individuals on pages of its own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.shared import Pt

from models.documents import blocks, layout
from models.documents.blocks import Issuer, Signature
from models.documents.layout import centred, paragraph
from models.documents.wording import (
    count,
    date_in_words,
    document_number,
    number,
    number_line,
    place_and_date,
)
from models.errors import Refused
from models.i18n import register, t

MESSAGES: dict[str, tuple[str, str]] = {
    "doc.decision": ("QUYẾT ĐỊNH", "DECISION"),
    "doc.award_subject": ("Về việc tặng {form}", "On awarding the {form}"),
    "doc.decides": ("QUYẾT ĐỊNH:", "DECIDES:"),
    "doc.article": ("Điều {number}.", "Article {number}."),
    "doc.article_1": (
        "Tặng {form} cho {whom} (có danh sách kèm theo) đã có thành tích {achievement}.",
        "To award the {form} to {whom} (list attached) for {achievement}.",
    ),
    "doc.whom_both": ("{collectives} và {individuals}", "{collectives} and {individuals}"),
    "doc.article_2_prizes": (
        "Kèm theo {form}, {prizes}; kinh phí khen thưởng trích từ {source}.",
        "With the {form}, {prizes}; the money comes from {source}.",
    ),
    "doc.prize_collective": (
        "mỗi tập thể được thưởng {amount} đồng",
        "each collective receives {amount} dong",
    ),
    "doc.prize_individual": (
        "mỗi cá nhân được thưởng {amount} đồng",
        "each individual receives {amount} dong",
    ),
    "doc.article_2_rules": (
        "Tiền thưởng kèm theo {form} thực hiện theo quy định hiện hành.",
        "The prize money with the {form} follows the regulations in force.",
    ),
    "doc.article_3": (
        "Quyết định này có hiệu lực kể từ ngày ký. {executors} và các tập thể, cá nhân có tên "
        "tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
        "This Decision takes effect on the date of signing. {executors} and the collectives and "
        "individuals named in Article 1 are responsible for carrying it out.",
    ),
    "doc.as_article_3": ("Như Điều 3", "As in Article 3"),
    "doc.award_list": (
        "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG {form}",
        "COLLECTIVES AND INDIVIDUALS AWARDED THE {form}",
    ),
    "doc.award_list_of": (
        "(Kèm theo Quyết định số {number} {date} của {authority})",
        "(Attached to Decision No. {number} of {date} by the {authority})",
    ),
    "doc.collectives": ("TẬP THỂ", "COLLECTIVES"),
    "doc.individuals": ("CÁ NHÂN", "INDIVIDUALS"),
    "doc.col.collective": ("Tên tập thể", "Collective"),
    "doc.col.parent": ("Đơn vị cấp trên", "Parent body"),
    "doc.col.full_name": ("Họ và tên", "Full name"),
    "doc.col.post": ("Chức vụ", "Post"),
    "doc.col.unit": ("Đơn vị", "Unit"),
    "doc.col.prize": ("Tiền thưởng (đồng)", "Prize (dong)"),
    "doc.award_total": ("Tổng cộng: {whom}.", "In all: {whom}."),
    "doc.award_total_money": (
        "Tổng cộng: {whom}; tổng số tiền thưởng {amount} đồng.",
        "In all: {whom}; prize money {amount} dong.",
    ),
    "doc.award_on_behalf": (
        "Quyết định khen thưởng do người đứng đầu ký (hoặc KT.), không ký thay mặt tập thể "
        "(TM.): {on_behalf}",
        "An award decision is signed by the head (or KT., on his behalf), never TM. for a "
        "collective body: {on_behalf}",
    ),
    "doc.award_nobody": (
        "Quyết định khen thưởng phải có ít nhất một tập thể hoặc cá nhân.",
        "An award decision needs at least one collective or individual.",
    ),
}
register(MESSAGES)


@dataclass(frozen=True)
class CollectiveAward:
    name: str
    parent: str = ""


@dataclass(frozen=True)
class IndividualAward:
    """A person: "Thượng úy Nguyễn Văn A", their post and unit (a civilian has no rank)."""

    full_name: str
    rank: str = ""
    post: str = ""
    unit: str = ""

    def named(self) -> str:
        return f"{self.rank} {self.full_name}".strip()


@dataclass(frozen=True)
class AwardDecisionDocument:
    """A decision to award `form` ("Giấy khen"). `authority` is who decides, as a sentence names
    him ("Chủ tịch Ủy ban nhân dân thị xã Sông Cầu"); `bases` the legal bases without their
    final punctuation; `proposal` "Theo đề nghị của …"; `achievement` ends Điều 1's sentence
    ("xuất sắc trong …"); `executors` carry it out (Điều 3). Prizes are in đồng, from settings."""

    issuer: Issuer
    number: int
    symbol: str
    place: str
    signed_on: date
    authority: str
    bases: tuple[str, ...]
    proposal: str
    achievement: str
    collectives: tuple[CollectiveAward, ...]
    individuals: tuple[IndividualAward, ...]
    signature: Signature
    executors: tuple[str, ...]
    form: str = "Giấy khen"
    prize_collective: int | None = None
    prize_individual: int | None = None
    prize_source: str = ""
    recipients: tuple[str, ...] = ()
    filed: str = "VT"

    def check(self) -> None:
        if self.signature.on_behalf.strip().upper().startswith("TM"):
            raise Refused("doc.award_on_behalf", on_behalf=self.signature.on_behalf)
        if not self.collectives and not self.individuals:
            raise Refused("doc.award_nobody")

    def whom(self) -> str:
        collectives = count(len(self.collectives), "collective") if self.collectives else ""
        individuals = count(len(self.individuals), "individual") if self.individuals else ""
        if collectives and individuals:
            return t("doc.whom_both", collectives=collectives, individuals=individuals)
        return collectives or individuals


def build_award_decision(decision: AwardDecisionDocument) -> Document:
    decision.check()
    document = layout.start_document(
        t("doc.award_subject", form=decision.form),
        decision.issuer.name,
        datetime.combine(decision.signed_on, datetime.min.time()),
    )
    blocks.header_boxes(
        document,
        (decision.issuer,),
        number_line(decision.number, decision.symbol),
        place_and_date(decision.place, decision.signed_on),
    )
    blocks.title_block(document, t("doc.decision"), t("doc.award_subject", form=decision.form))
    document.paragraphs[-1].paragraph_format.space_after = Pt(6)
    layout.centred_lines(
        document, decision.authority.upper(), layout.TEXT_WIDTH_MM, bold=True, after=12
    )
    lines = [*(basis.rstrip(" ;.,") + ";" for basis in decision.bases)]
    lines.append(decision.proposal.rstrip(" ;.,") + ".")
    for line in lines:
        paragraph(document, line, italic=True)
    centred(document, t("doc.decides"), bold=True, before=6, after=6)
    _article(document, 1, t(
        "doc.article_1", form=decision.form, whom=decision.whom(),
        achievement=decision.achievement.rstrip(" ."),
    ))  # fmt: skip
    _article(document, 2, _prizes(decision))
    executors = ", ".join(decision.executors)
    _article(document, 3, t("doc.article_3", executors=executors[:1].upper() + executors[1:]))
    _signature(document, decision)
    _award_list(document, decision)
    return document


def write_award_decision(decision: AwardDecisionDocument, path: Path) -> Path:
    build_award_decision(decision).save(str(path))
    return path


def award_decision_bytes(decision: AwardDecisionDocument) -> bytes:
    buffer = BytesIO()
    build_award_decision(decision).save(buffer)
    return buffer.getvalue()


def _article(document: Document, number_: int, text: str) -> None:
    """Write "Điều 1." in bold, then the article's text in the same paragraph."""
    added = paragraph(document, t("doc.article", number=number_), bold=True)
    run = added.add_run(f" {text}")
    run.font.size = Pt(layout.BODY_PT)


def _prizes(decision: AwardDecisionDocument) -> str:
    prizes = []
    if decision.collectives and decision.prize_collective:
        prizes.append(t("doc.prize_collective", amount=number(decision.prize_collective)))
    if decision.individuals and decision.prize_individual:
        prizes.append(t("doc.prize_individual", amount=number(decision.prize_individual)))
    if not prizes or not decision.prize_source:
        return t("doc.article_2_rules", form=decision.form)
    return t(
        "doc.article_2_prizes", form=decision.form, prizes=", ".join(prizes),
        source=decision.prize_source,
    )  # fmt: skip


def _signature(document: Document, decision: AwardDecisionDocument) -> None:
    document.paragraphs[-1].paragraph_format.keep_with_next = True
    table = layout.fixed_table(document, (80.0, 85.0), 1, borders=False, padding_mm=1.0)
    recipients_cell, signature_cell = table.rows[0].cells
    recipients = (t("doc.as_article_3"), *decision.recipients)
    blocks.recipients_block(recipients_cell, recipients, decision.filed)
    blocks.signature_block(signature_cell, decision.signature, 83.0)
    for cell in (recipients_cell, signature_cell):
        layout.empty_cell(cell)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    layout.cant_split(table, 0)


def _award_list(document: Document, decision: AwardDecisionDocument) -> None:
    layout.new_numbered_section(document)
    title = t("doc.award_list", form=decision.form.upper())
    layout.centred_lines(document, title, layout.TEXT_WIDTH_MM, bold=True)
    attached = t(
        "doc.award_list_of",
        number=document_number(decision.number, decision.symbol),
        date=date_in_words(decision.signed_on),
        authority=decision.authority,
    )
    layout.centred_lines(
        document, attached, layout.TEXT_WIDTH_MM, italic=True, break_before=t("doc.by")
    )
    layout.rule(document, 40.0, layout.TEXT_WIDTH_MM)
    document.paragraphs[-1].paragraph_format.space_after = Pt(12)
    collective_prize = decision.prize_collective if decision.collectives else None
    individual_prize = decision.prize_individual if decision.individuals else None
    priced = bool(collective_prize or individual_prize)
    part = 0
    if decision.collectives:
        part += 1
        _list_part(
            document, part, t("doc.collectives"),
            (t("doc.col.collective"), t("doc.col.parent")),
            [(c.name, c.parent) for c in decision.collectives], collective_prize, priced,
        )  # fmt: skip
    if decision.individuals:
        part += 1
        _list_part(
            document, part, t("doc.individuals"),
            (t("doc.col.full_name"), t("doc.col.post"), t("doc.col.unit")),
            [(i.named(), i.post, i.unit) for i in decision.individuals], individual_prize, priced,
        )  # fmt: skip
    total = (collective_prize or 0) * len(decision.collectives) + (individual_prize or 0) * len(
        decision.individuals
    )
    if priced:
        closing = t("doc.award_total_money", whom=decision.whom(), amount=number(total))
    else:
        closing = t("doc.award_total", whom=decision.whom())
    paragraph(document, closing, italic=True)


def _list_part(
    document: Document,
    part: int,
    heading: str,
    heads: Sequence[str],
    rows: Sequence[tuple[str, ...]],
    prize: int | None,
    priced: bool,
) -> None:
    numeral = ("I", "II")[part - 1]
    paragraph(document, f"{numeral}. {heading}", bold=True, indent=False, keep_with_next=True)
    values = []
    for index, row in enumerate(rows, start=1):
        amount = (number(prize) if prize else "",) if priced else ()
        values.append((str(index), *row, *amount))
    all_heads = (t("doc.table.number"), *heads, *((t("doc.col.prize"),) if priced else ()))
    aligns = ("center", *("left" for _ in heads), *(("center",) if priced else ()))
    layout.data_table(document, all_heads, values, aligns)
    paragraph(document, "", size=6, indent=False, after=6)
