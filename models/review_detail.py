"""A review record as the detail view shows it: its period and units, its status, the head of
its document, the first words of each section, its figures, and what moved since approval."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from models.i18n import register, t
from models.report import FIGURES
from models.review_figures import figures_of, intact, moved_since_approval
from models.reviews import SECTIONS, ReviewRecord
from models.text import format_date, format_percent

register(
    {
        "col.review_period": ("Kỳ sơ kết", "Period"),
        "col.review_figures": ("Số liệu", "Figures"),
        "col.review_figures_approved": ("Số liệu đã duyệt", "Figures as approved"),
        "col.review_moved": ("Thay đổi sau khi duyệt", "Changed since approval"),
        "col.review_number": ("Số văn bản", "Number"),
        "review.characters": ("({count} ký tự)", "({count} characters)"),
    }
)
# How much of a section the detail shows: the form and the document have all of it.
SECTION_SHOWN = 36


def _first_words(text: str | None) -> str | None:
    if not text:
        return None
    line = " ".join(text.split())
    if len(line) <= SECTION_SHOWN:
        return line
    return f"{line[:SECTION_SHOWN].rstrip()}… {t('review.characters', count=len(text))}"


def review_fields(session: Session, review: ReviewRecord) -> list[tuple[Any, ...]]:
    """(label, value, format) of each field, as models.detail.Shown takes them."""
    compared, _ = figures_of(session, review)
    current = compared.current
    approved = review.status == "approved" and review.figures is not None
    lines = []
    for figure in FIGURES:
        value: Any = getattr(current, figure)
        shown = format_percent(value) if figure == "clearance_rate" else f"{value}"
        lines.append(f"{t(f'fig.{figure}')}: {shown}")
    fields: list[tuple[Any, ...]] = [
        ("col.review_period", f"{format_date(review.starts_on)} – {format_date(review.ends_on)}"),
        ("col.host_unit", review.host_unit.name),
        ("col.partner_units", [unit.name for unit in review.partner_units], "list"),
        ("col.status", review.status, "enum:review_status"),
        ("col.approved_on", review.approved_on, "date"),
        ("col.review_number", _number(review)),
        ("col.place", review.place),
        ("col.signed_on", review.signed_on, "date"),
        ("col.subject", review.subject),
        *((f"col.{name}", _first_words(getattr(review, name))) for name in SECTIONS),
        ("col.review_figures_approved" if approved else "col.review_figures", "\n".join(lines)),
    ]
    if approved:
        if not intact(review):
            fields.append(("col.review_moved", t("review.tampered")))
        else:
            changes = moved_since_approval(session, review)
            said = [change.words() for change in changes] or [t("review.unchanged")]
            fields.append(("col.review_moved", "\n".join(said)))
    return fields


def _number(review: ReviewRecord) -> str | None:
    if review.report_no is None and not review.symbol:
        return None
    number = f"{review.report_no:02d}" if review.report_no is not None else "…"
    return f"{number}/{review.symbol}" if review.symbol else number
