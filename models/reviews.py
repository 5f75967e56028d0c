"""The review report (*báo cáo sơ kết*) as a record: its period, the host unit and the partners of
a joint review, what heads the document (number, place and date, subject, "Kính gửi", "Nơi
nhận", the signers) and the sections the units write themselves.

A review is a draft until it is approved (models.review_figures.set_approval). Approving it
freezes its figures: this period, the same period a year earlier, the split by unit and the
records behind each figure are stored with it (`figures`), and their hash (`figures_hash`) is in
its snapshot, so the change log holds it. An approved review always makes the same document:
it cannot be edited until it is reopened, which drops the frozen figures.
"""

import uuid
from datetime import date
from typing import Annotated, Any

from annotated_types import Ge, Le
from sqlalchemy import JSON, Column
from sqlmodel import Field, Relationship, SQLModel

from models.base import (
    BLANK,
    NAME_MAX,
    SECTION_MAX,
    SHORT_MAX,
    Code,
    CodeList,
    Day,
    OptionalDay,
    OptionalName,
    OptionalSectionText,
    OptionalShortText,
    RecordColumns,
)
from models.i18n import register
from models.kinds import Checker, Kind
from models.links import ReviewUnitLink
from models.units import Unit

REVIEW_STATUSES = ("draft", "approved")
# The sections the units write, in the document's order (models.review_figures).
SECTIONS = (
    "situation",
    "strengths",
    "shortcomings",
    "causes",
    "lessons",
    "direction",
    "proposals",
)
# What heads and closes the document, one line each for the lists.
HEAD_FIELDS = ("report_no", "symbol", "place", "signed_on", "subject", "addressed_to", "recipients",
               "signers")  # fmt: skip

register(
    {
        "review.approved_locked": (
            "báo cáo đã duyệt thì không sửa, không xóa được; mở lại (về dự thảo) trước",
            "an approved review cannot be changed or deleted; reopen it (back to draft) first",
        ),
        "review.too_many_signers": (
            "có {signers} dòng người ký nhưng báo cáo chỉ có {issuers} đơn vị ban hành",
            "{signers} signer lines but the review has {issuers} issuing units",
        ),
        "review.partner_is_host": (
            "đơn vị chủ trì không đồng thời là đơn vị phối hợp",
            "the host unit is not also a partner",
        ),
        "kind.reviews": ("báo cáo sơ kết", "review report"),
        "col.host_unit": ("Đơn vị chủ trì", "Host unit"),
        "col.partner_units": ("Đơn vị phối hợp", "Partner units"),
        "col.report_no": ("Số báo cáo", "Report number"),
        "col.symbol": ("Ký hiệu", "Symbol"),
        "col.place": ("Địa danh", "Place"),
        "col.signed_on": ("Ngày ký", "Signed on"),
        "col.subject": ("Trích yếu", "Subject"),
        "col.addressed_to": ("Kính gửi (mỗi nơi một dòng)", "To (one per line)"),
        "col.recipients": ("Nơi nhận (mỗi nơi một dòng)", "Recipients (one per line)"),
        "col.signers": (
            "Người ký (mỗi đơn vị một dòng: chức vụ | cấp bậc | họ tên)",
            "Signers (a line per unit: post | rank | name)",
        ),
        "col.situation": ("Tình hình", "Situation"),
        "col.strengths": ("Ưu điểm", "Strengths"),
        "col.shortcomings": ("Tồn tại, hạn chế", "Shortcomings"),
        "col.causes": ("Nguyên nhân", "Causes"),
        "col.lessons": ("Bài học kinh nghiệm", "Lessons"),
        "col.direction": ("Phương hướng, nhiệm vụ", "Direction"),
        "col.proposals": ("Kiến nghị, đề xuất", "Proposals"),
        "col.approved_on": ("Ngày duyệt", "Approved on"),
        "col.figures_hash": ("Mã băm số liệu", "Figures' hash"),
        "review_status.draft": ("dự thảo", "draft"),
        "review_status.approved": ("đã duyệt", "approved"),
    }
)


class ReviewRecord(RecordColumns, table=True):
    __tablename__ = "reviews"

    starts_on: date = Field(index=True)
    ends_on: date
    host_unit_id: uuid.UUID = Field(foreign_key="units.id", index=True)
    report_no: int | None = None
    symbol: str | None = Field(default=None, max_length=SHORT_MAX)
    place: str | None = Field(default=None, max_length=NAME_MAX)
    signed_on: date | None = None
    subject: str | None = Field(default=None, max_length=NAME_MAX)
    addressed_to: str | None = Field(default=None, max_length=SECTION_MAX)
    recipients: str | None = Field(default=None, max_length=SECTION_MAX)
    signers: str | None = Field(default=None, max_length=SECTION_MAX)
    situation: str | None = Field(default=None, max_length=SECTION_MAX)
    strengths: str | None = Field(default=None, max_length=SECTION_MAX)
    shortcomings: str | None = Field(default=None, max_length=SECTION_MAX)
    causes: str | None = Field(default=None, max_length=SECTION_MAX)
    lessons: str | None = Field(default=None, max_length=SECTION_MAX)
    direction: str | None = Field(default=None, max_length=SECTION_MAX)
    proposals: str | None = Field(default=None, max_length=SECTION_MAX)
    status: str = Field(default="draft", max_length=12)
    approved_on: date | None = None
    # The figures as approved (models.review_figures.freeze) and the hash of their canonical JSON.
    figures: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    figures_hash: str | None = Field(default=None, max_length=64)

    host_unit: Unit = Relationship(
        sa_relationship_kwargs={"foreign_keys": "ReviewRecord.host_unit_id"}
    )
    partner_units: list[Unit] = Relationship(link_model=ReviewUnitLink)

    @property
    def units(self) -> list[Unit]:
        """The issuing units: the host first, then the partners."""
        return [self.host_unit, *self.partner_units]


# The number in the issuer's year of documents ("Số: 01/BC-…"); blank when not given yet.
ReportNumber = Annotated[Annotated[int, Ge(1), Le(99999)] | None, BLANK]


class ReviewCreate(SQLModel):
    code: Code
    starts_on: Day
    ends_on: Day
    host_unit: Code
    partner_units: CodeList = []
    report_no: ReportNumber = None
    symbol: OptionalShortText = None
    place: OptionalName = None
    signed_on: OptionalDay = None
    subject: OptionalName = None
    addressed_to: OptionalSectionText = None
    recipients: OptionalSectionText = None
    signers: OptionalSectionText = None
    situation: OptionalSectionText = None
    strengths: OptionalSectionText = None
    shortcomings: OptionalSectionText = None
    causes: OptionalSectionText = None
    lessons: OptionalSectionText = None
    direction: OptionalSectionText = None
    proposals: OptionalSectionText = None


def signer_lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _apply(checker: Checker, review: ReviewRecord, data: ReviewCreate) -> None:
    review.code, review.starts_on, review.ends_on = data.code, data.starts_on, data.ends_on
    for name in HEAD_FIELDS + SECTIONS:
        setattr(review, name, getattr(data, name))
    if data.ends_on < data.starts_on:
        checker.problem("ends_on", data.ends_on, "err.date_order", other="starts_on")
    host = checker.ref(Unit, data.host_unit, "host_unit", "err.unknown_unit")
    partners = checker.refs(Unit, data.partner_units, "partner_units", "err.unknown_unit")
    if host is not None:
        review.host_unit = host
        if any(partner.id == host.id for partner in partners):
            checker.problem("partner_units", data.host_unit, "review.partner_is_host")
    review.partner_units = list({unit.id: unit for unit in partners}.values())
    signers, issuers = len(signer_lines(data.signers)), 1 + len(review.partner_units)
    if signers > issuers:
        checker.problem(
            "signers", None, "review.too_many_signers", signers=signers, issuers=issuers
        )


def _locked(review: ReviewRecord) -> str | None:
    return "review.approved_locked" if review.status == "approved" else None


def _snapshot(review: ReviewRecord) -> dict[str, Any]:
    return {
        "code": review.code,
        "starts_on": review.starts_on,
        "ends_on": review.ends_on,
        "host_unit": review.host_unit.code if review.host_unit else None,
        "partner_units": sorted(unit.code for unit in review.partner_units),
        **{name: getattr(review, name) for name in HEAD_FIELDS + SECTIONS},
        "status": review.status,
        "approved_on": review.approved_on,
        "figures_hash": review.figures_hash,
    }


def _words(review: ReviewRecord) -> list[str]:
    return [unit.name for unit in review.units if unit is not None]


REVIEWS = Kind(
    "reviews",
    ReviewRecord,
    ReviewCreate,
    _apply,
    _snapshot,
    title_field="subject",
    owner_field="host_unit",
    linked_words=_words,
    code_prefix="SK",
    references={"host_unit": "units", "partner_units": "units"},
    enums={"status": "review_status"},  # set by approving (models.review_figures)
    locked=_locked,
)
