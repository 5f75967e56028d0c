"""The review of a period, from the live database, as the documents the units file: the Decree 30
report (`ReportDocument`, for DOCX and PDF) and the workbook (`ReviewWorkbook`, for XLSX).

The figures are `models.report_units.compare`'s: this period, the same period a year earlier and
the split by unit. The issuers are the units the review covers: for the local administrator the
top units of the period's records (the host, the unit with the most, first); for an operator
their own unit. Made from the records alone (`review_report`), the document is a draft to
complete: its number is left blank for the number given when it is filed, the signature block has
room but no name, and the sections the units write themselves (situation, assessment, direction,
proposals) are headings over an empty paragraph. A review record (`record_report`,
models/reviews.py) fills them in, with its figures as approved.
"""

import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from sqlmodel import Session

from models import records
from models.base import Actor
from models.documents.blocks import Issuer, Signature
from models.documents.report import (
    Appendix,
    FigureSentences,
    FigureTable,
    ReportDocument,
    Section,
    write_report,
)
from models.documents.tables import RecordTable
from models.documents.wording import number, period
from models.documents.workbook import ReviewWorkbook, write_review_workbook
from models.i18n import register, t
from models.report_records import FigureRecords, all_records
from models.report_units import ComparedReview, ReviewUnit, by_unit, compare, year_of
from models.review_figures import figures_of
from models.reviews import REVIEWS, SECTIONS, ReviewRecord, signer_lines
from models.text import fold
from models.units import Unit

# The appendix lists at most this many records per figure; the workbook lists them all.
APPENDIX_LIMIT = 200
# A joint report is signed side by side: at most this many issuers (those with the most
# records); the other units are still in the split by unit and among the recipients.
MAX_ISSUERS = 3

MESSAGES: dict[str, tuple[str, str]] = {
    "doc.review.subject": (
        "Sơ kết thực hiện qui chế phối hợp bảo đảm an ninh, trật tự ở địa bàn giáp ranh {period}",
        "Review of the coordination of security and order in the border zone, {period}",
    ),
    "doc.review.year": ("năm {year}", "{year}"),
    "doc.review.results": ("Kết quả thực hiện qui chế phối hợp", "Results of the coordination"),
    "doc.review.exchange": (
        "Trao đổi thông tin, phối hợp điều tra, đấu tranh",
        "Information exchanged, joint investigation and action",
    ),
    "doc.review.achieved": (
        "Trong kỳ, các đơn vị đã đạt được những kết quả sau:",
        "In the period the units achieved the following:",
    ),
    "doc.review.compared": ("So sánh với cùng kỳ {year}", "Against the same period of {year}"),
    "doc.review.compared_any": ("So sánh với cùng kỳ năm trước", "Against the year before"),
    "doc.review.situation": (
        "Tình hình an ninh, trật tự ở địa bàn giáp ranh",
        "Security and order in the border zone",
    ),
    "doc.review.assessment": ("Đánh giá", "Assessment"),
    "doc.review.strengths": ("Ưu điểm", "Strengths"),
    "doc.review.shortcomings": ("Tồn tại, hạn chế", "Shortcomings"),
    "doc.review.causes": ("Nguyên nhân", "Causes"),
    "doc.review.lessons": ("Bài học kinh nghiệm", "Lessons"),
    "doc.review.direction": ("Phương hướng, nhiệm vụ", "Direction and tasks"),
    "doc.review.proposals": ("Kiến nghị, đề xuất", "Proposals"),
    "doc.review.appendix": (
        "Các hồ sơ của số liệu sơ kết {period}",
        "The records behind the review's figures, {period}",
    ),
    "doc.review.cut": (
        "{title} ({shown} hồ sơ đầu tiên trong tổng số {total}; đủ cả trong tệp XLSX)",
        "{title} (the first {shown} of {total} records; all of them in the XLSX file)",
    ),
    "doc.review.head": ("Trưởng {unit}", "Head of {unit}"),
    "doc.review.for_report": ("{unit} (để báo cáo)", "{unit} (for information)"),
}
register(MESSAGES)

# The words that name a unit's level before its place ("Công an thị xã Sông Cầu").
_LEVEL_WORDS = ("công an", "thị xã", "thành phố", "thị trấn", "huyện", "quận", "tỉnh", "xã",
                "phường")  # fmt: skip


def place_of(unit_name: str) -> str:
    """The place a unit is named after: "Công an thị xã Sông Cầu" → "Sông Cầu"."""
    rest = unit_name.strip()
    changed = True
    while changed:
        changed = False
        for word in _LEVEL_WORDS:
            if rest.casefold().startswith(f"{word} "):
                rest, changed = rest[len(word) + 1 :].strip(), True
    return rest or unit_name


def symbol_of(unit_name: str) -> str:
    """A unit's initials before its place: "Công an thị xã Sông Cầu" → "CATX"."""
    words = unit_name.removesuffix(place_of(unit_name)).split()
    return "".join(fold(word)[:1].upper() for word in words) or "CA"


def period_words(start: date, end: date) -> str:
    year = year_of(start, end)
    return t("doc.review.year", year=year) if year else period(start, end)


def issuing_units(
    session: Session, compared: ComparedReview, actor: Actor | None
) -> tuple[ReviewUnit, ...]:
    """The units the review covers: an operator's own unit, or the top units of the period's
    records (of all records when the period has none, so that a review of nothing still has
    an issuer), at most MAX_ISSUERS."""
    if actor is not None and actor.unit_id is not None:
        unit = session.get(Unit, actor.unit_id)
        assert unit is not None
        parent = unit.parent.name if unit.parent else ""
        return (ReviewUnit(unit.code, unit.name, parent, compared.current),)
    units = compared.units or by_unit(session, date.min, date.max, actor)
    return units[:MAX_ISSUERS]


def _shown_records(records: FigureRecords) -> RecordTable:
    if not records.cut:
        return records.table
    title = t(
        "doc.review.cut",
        title=records.table.title,
        shown=number(len(records.table.rows)),
        total=number(records.total),
    )
    return replace(records.table, title=title)


@dataclass(frozen=True)
class Written:
    """What the units write into their report; all empty in a draft made from the records
    alone, a review record's own otherwise (models.reviews)."""

    number: int = 0
    symbol: str = ""
    place: str = ""
    signed_on: date | None = None
    subject: str = ""
    to: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()  # empty: the parent bodies and the units not issuing
    signers: tuple[str, ...] = ()  # "post | rank | name", one line per issuer
    sections: Mapping[str, str] = field(default_factory=dict)


def _paragraphs(written: Written, name: str) -> tuple[str, ...]:
    lines = [line.strip() for line in written.sections.get(name, "").splitlines()]
    return tuple(line for line in lines if line) or ("",)


def signature_of(line: str, unit_name: str) -> Signature:
    """ "Phó Trưởng Công an | Thượng tá | Nguyễn Văn A" (or "post | name", or a name alone, or
    "TM. ĐẢNG ỦY | Bí thư | Đại tá | Trần B" with its capacity first); a deputy ("Phó …") signs
    KT. for the head it names."""
    parts = [part.strip() for part in line.split("|")]
    on_behalf = parts.pop(0) if len(parts) == 4 else ""
    post, rank, name = {3: parts, 2: [parts[0], "", parts[-1]]}.get(len(parts), ["", "", line])
    post = post or t("doc.review.head", unit=unit_name)
    deputy = re.match(r"(?i)(?:phó|deputy)\s+(.+)", post)  # signs for the head it names
    if not on_behalf and deputy:
        on_behalf = f"KT. {deputy.group(1).upper()}"
    return Signature(post, name.strip(), rank, on_behalf)


def _sections(compared: ComparedReview, written: Written) -> tuple[Section, ...]:
    start, end = compared.current.start, compared.current.end
    figures = compared.figures()
    year = year_of(start, end)
    compared_title = (
        t("doc.review.compared", year=t("doc.review.year", year=year - 1))
        if year
        else t("doc.review.compared_any")
    )
    assessment = tuple(
        Section(t(f"doc.review.{name}"), _paragraphs(written, name))
        for name in ("strengths", "shortcomings", "causes", "lessons")
    )
    return (
        Section(t("doc.review.situation"), _paragraphs(written, "situation")),
        Section(
            t("doc.review.results"),
            subsections=(
                Section(
                    t("doc.review.exchange"),
                    (t("doc.review.achieved"), FigureSentences(figures)),
                ),
                Section(compared_title, (FigureTable(figures),)),
            ),
        ),
        Section(t("doc.review.assessment"), subsections=assessment),
        Section(t("doc.review.direction"), _paragraphs(written, "direction")),
        Section(t("doc.review.proposals"), _paragraphs(written, "proposals")),
    )


def report_of(
    compared: ComparedReview,
    records: tuple[FigureRecords, ...],
    units: tuple[ReviewUnit, ...],
    written: Written,
) -> ReportDocument:
    """The report of `compared` issued by `units` (the host first), with what they wrote."""
    start, end = compared.current.start, compared.current.end
    parents = dict.fromkeys(unit.parent for unit in units if unit.parent)
    issuing = {unit.code for unit in units}
    recipients = written.recipients or (
        *(t("doc.review.for_report", unit=parent) for parent in parents),
        *(unit.name for unit in compared.units if unit.code not in issuing),
    )
    signatures = tuple(
        signature_of(written.signers[index], unit.name)
        if index < len(written.signers)
        else Signature(t("doc.review.head", unit=unit.name), "")
        for index, unit in enumerate(units)
    )
    words = period_words(start, end)
    return ReportDocument(
        issuers=tuple(Issuer(unit.name, unit.parent) for unit in units),
        number=written.number,
        symbol=written.symbol or "-".join(["BC", *(symbol_of(unit.name) for unit in units)]),
        place=written.place or (place_of(units[0].name) if units else ""),
        signed_on=written.signed_on or date.today(),
        subject=written.subject or t("doc.review.subject", period=words),
        sections=_sections(compared, written),
        signatures=signatures,
        recipients=recipients,
        filed="VT",
        to=written.to,
        appendix=Appendix(
            t("doc.review.appendix", period=words),
            tuple(_shown_records(figure) for figure in records),
        ),
    )


def review_report(
    session: Session,
    compared: ComparedReview,
    actor: Actor | None = None,
    signed_on: date | None = None,
    limit: int | None = APPENDIX_LIMIT,
) -> ReportDocument:
    """The report of `compared`'s period as a draft ready to number and sign."""
    start, end = compared.current.start, compared.current.end
    records = all_records(session, start, end, actor, limit)
    units = issuing_units(session, compared, actor)
    return report_of(compared, records, units, Written(signed_on=signed_on))


def record_report(session: Session, review: ReviewRecord) -> ReportDocument:
    """A review record's report: its figures as approved (a draft's as they are now) and what
    its units wrote."""
    compared, records = figures_of(session, review)
    units = tuple(
        ReviewUnit(unit.code, unit.name, unit.parent.name if unit.parent else "", compared.current)
        for unit in review.units
    )
    lines = signer_lines
    written = Written(
        number=review.report_no or 0,
        symbol=review.symbol or "",
        place=review.place or "",
        signed_on=review.signed_on,
        subject=review.subject or "",
        to=tuple(lines(review.addressed_to)),
        recipients=tuple(lines(review.recipients)),
        signers=tuple(lines(review.signers)),
        sections={name: getattr(review, name) or "" for name in SECTIONS},
    )
    return report_of(compared, records, units, written)


def review_workbook(
    session: Session, compared: ComparedReview, actor: Actor | None = None
) -> ReviewWorkbook:
    """The workbook: the figures with the comparison and the split, a sheet per figure."""
    start, end = compared.current.start, compared.current.end
    records = all_records(session, start, end, actor)
    return ReviewWorkbook(
        t("doc.review.subject", period=period_words(start, end)),
        start,
        end,
        compared.figures(),
        tuple(figure.table for figure in records),
    )


def free_path(folder: Path, stem: str, suffix: str) -> Path:
    """`folder/stem.suffix`, or `stem-2.suffix`, … when taken: a file already there is kept."""
    candidate, number_ = folder / f"{stem}{suffix}", 1
    while candidate.exists():
        number_ += 1
        candidate = folder / f"{stem}-{number_}{suffix}"
    return candidate


def write_review_files(
    session: Session, start: date, end: date, actor: Actor | None, folder: Path
) -> list[Path]:
    """The report (DOCX) and the workbook (XLSX) of [start, end] in `folder`, named after the
    period ("so-ket-2017.docx"); each written whole under a temporary name first, so a file of
    that name is never half there."""
    compared = compare(session, start, end, actor)
    year = year_of(start, end)
    stem = f"so-ket-{year}" if year else f"so-ket-{start:%Y%m%d}-{end:%Y%m%d}"
    report, workbook = (
        review_report(session, compared, actor),
        review_workbook(session, compared, actor),
    )
    return [
        write_whole(free_path(folder, stem, ".docx"), lambda path: write_report(report, path)),
        write_whole(
            free_path(folder, stem, ".xlsx"), lambda path: write_review_workbook(workbook, path)
        ),
    ]


def write_record_file(
    session: Session, key: str | uuid.UUID, actor: Actor | None, folder: Path
) -> Path:
    """A review record's report (DOCX) in `folder`, named after its code ("sk-2017-01.docx"),
    never over a file already there."""
    review = records.get(session, REVIEWS, key, actor=actor)
    report = record_report(session, review)
    stem = re.sub(r"[^a-z0-9]+", "-", fold(review.code)).strip("-") or "so-ket"
    return write_whole(free_path(folder, stem, ".docx"), lambda path: write_report(report, path))


def write_whole(target: Path, write: Callable[[Path], object]) -> Path:
    """`write(path)` under a hidden temporary name, then renamed to `target`: a file of that
    name is whole or not there, whatever stops the writing."""
    # The folder is an operator's own: private, as SFTP makes it (tui/station/files.py).
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = target.with_name(f".{target.name}.partial")
    try:
        write(partial)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target
