"""The seed's 2017 review (Sông Cầu and Qui Nhơn) as document input: for tests and pictures.

The figures and records come from `samples/seed-2017.json`, which scripts/sample-review-data
takes from the demo database (models.demo); the prose is the seed article's, shortened. The
demo's 2016 holds only its second half, so the changes against 2016 are large.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from models.documents.award import AwardDecisionDocument, CollectiveAward, IndividualAward
from models.documents.blocks import Issuer, Signature
from models.documents.figures import Figure, Figures
from models.documents.report import (
    Appendix,
    FigureSentences,
    FigureTable,
    ReportDocument,
    Section,
)
from models.documents.tables import Column, RecordTable
from models.documents.workbook import ReviewWorkbook
from models.i18n import register, t

DATA = Path(__file__).with_name("samples") / "seed-2017.json"
MESSAGES: dict[str, tuple[str, str]] = {"doc.year": ("Năm {year}", "{year}")}
register(MESSAGES)

HOST = Issuer("Công an thị xã Sông Cầu", "Công an tỉnh Phú Yên")
PARTNER = Issuer("Công an thành phố Qui Nhơn", "Công an tỉnh Bình Định")
HOST_SIGNATURE = Signature("Phó Trưởng Công an", "Trần Văn Bình", "Thượng tá", "KT. Trưởng Công an")
PARTNER_SIGNATURE = Signature(
    "Phó Trưởng Công an thành phố", "Lê Quang Hòa", "Thượng tá", "KT. Trưởng Công an"
)
SUBJECT = "Sơ kết thực hiện qui chế phối hợp bảo đảm an ninh, trật tự ở địa bàn giáp ranh năm 2017"


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


def figures() -> Figures:
    items = tuple(
        Figure(key, entry["value"], entry["previous"], tuple(entry["by_unit"].items()))
        for key, entry in _data()["figures"].items()
    )
    return Figures(items, t("doc.year", year=2017), t("doc.year", year=2016))


def _dates(rows: list[dict[str, Any]], *keys: str) -> tuple[dict[str, Any], ...]:
    return tuple(
        {k: date.fromisoformat(v) if k in keys and v else v for k, v in row.items()} for row in rows
    )


def record_tables() -> tuple[RecordTable, ...]:
    """The records behind six figures, with the app's own column names."""
    records = _data()["records"]
    tips = [{**row, "status": t(f"tip_status.{row['status']}")} for row in records["tips_verified"]]
    cases = [
        {**row, "coordination": t(f"coordination.{row['coordination']}")}
        for row in records["cases_occurred"]
    ]
    day, text = "date", "text"

    def column(key: str, kind: str = text) -> Column:
        return Column(key, t(f"col.{key}"), kind=kind)  # type: ignore[arg-type]

    return (
        RecordTable(
            t("fig.tips_verified"),
            (
                column("code"),
                column("received_on", day),
                column("summary"),
                column("receiving_unit"),
                column("resolved_on", day),
                column("status"),
            ),  # fmt: skip
            _dates(tips, "received_on", "resolved_on"),
            "tips_verified",
        ),
        RecordTable(
            t("fig.campaigns_held"),
            (
                column("code"),
                column("name"),
                column("starts_on", day),
                column("ends_on", day),
            ),  # fmt: skip
            _dates(records["campaigns_held"], "starts_on", "ends_on"),
            "campaigns_held",
        ),
        RecordTable(
            t("fig.cases_occurred"),
            (
                column("code"),
                column("occurred_on", day),
                column("title"),
                column("lead_unit"),
                column("coordination"),
                column("cleared_on", day),
            ),  # fmt: skip
            _dates(cases, "occurred_on", "cleared_on"),
            "cases_occurred",
        ),
        RecordTable(
            t("fig.suspects_arrested"),
            (
                column("code"),
                column("full_name"),
                column("birth_year"),
                column("arrested_on", day),
                column("case_codes"),
            ),  # fmt: skip
            _dates(records["suspects_arrested"], "arrested_on"),
            "suspects_arrested",
        ),
        RecordTable(
            t("fig.awards_collective"),
            (
                column("recipient_name"),
                column("recipient_unit"),
                column("decision_no"),
                column("decided_on", day),
            ),  # fmt: skip
            _dates(records["awards_collective"], "decided_on"),
            "awards_collective",
        ),
        RecordTable(
            t("fig.awards_individual"),
            (
                column("recipient_name"),
                column("rank"),
                column("position"),
                column("recipient_unit"),
                column("decision_no"),
            ),  # fmt: skip
            _dates(records["awards_individual"], "decided_on"),
            "awards_individual",
        ),
    )


def _sections(review: Figures) -> tuple[Section, ...]:
    return (
        Section(
            "Tình hình an ninh, trật tự ở địa bàn giáp ranh",
            (
                "Tình hình an ninh, trật tự ở địa bàn giáp ranh giữa thị xã Sông Cầu và thành phố "
                "Qui Nhơn cơ bản ổn định; tội phạm trộm cắp tài sản, cướp giật trên Quốc lộ 1A qua "
                "đèo Cù Mông và đánh bạc còn diễn biến phức tạp.",
            ),
        ),  # fmt: skip
        Section(
            "Kết quả thực hiện qui chế phối hợp",
            subsections=(
                Section(
                    "Công tác chỉ đạo, triển khai",
                    (
                        "Đảng ủy, lãnh đạo Công an thị xã Sông Cầu và Công an thành phố Qui "
                        "Nhơn đã "
                        "chủ động tham mưu cấp ủy, chính quyền địa phương chỉ đạo triển khai thực "
                        "hiện các chủ trương, giải pháp bảo đảm an ninh, trật tự; kịp thời "
                        "giải quyết "
                        "ổn định các vấn đề phức tạp nổi lên ở địa bàn giáp ranh.",
                    ),
                ),  # fmt: skip
                Section(
                    "Trao đổi thông tin, phối hợp điều tra, đấu tranh",
                    (
                        "Công an hai địa phương đã đạt được những kết quả sau:",
                        FigureSentences(review),
                    ),
                ),  # fmt: skip
                Section("So sánh với cùng kỳ năm 2016", (FigureTable(review),)),
                Section(
                    "Phong trào Toàn dân bảo vệ an ninh Tổ quốc",
                    (
                        "Công tác xây dựng phong trào Toàn dân bảo vệ an ninh Tổ quốc ở địa "
                        "bàn giáp "
                        "ranh được các cấp ủy Đảng, chính quyền quan tâm chỉ đạo; xuất hiện "
                        "ngày càng "
                        "nhiều gương điển hình trong phát hiện, đấu tranh, tố giác tội phạm.",
                    ),
                ),  # fmt: skip
            ),
        ),
        Section(
            "Đánh giá",
            subsections=(
                Section(
                    "Ưu điểm",
                    (
                        "Mối quan hệ phối hợp giữa hai địa phương được duy trì thường xuyên, phát "
                        "huy hiệu quả nhất là trong quản lý địa bàn, phòng ngừa, đấu tranh, "
                        "truy bắt "
                        "các loại tội phạm.",
                    ),
                ),  # fmt: skip
                Section(
                    "Tồn tại, hạn chế",
                    ("Việc trao đổi kết quả xác minh nguồn tin có lúc chưa kịp thời.",),
                ),
            ),
        ),
        Section(
            "Phương hướng, nhiệm vụ năm 2018",
            subsections=(
                Section(
                    "Nhiệm vụ trọng tâm",
                    subsections=(
                        Section("Tiếp tục trao đổi, xác minh kịp thời các nguồn tin về tội phạm."),
                        Section("Tổ chức các đợt cao điểm tấn công trấn áp tội phạm."),
                    ),
                ),
            ),
        ),
    )


def report(joint: bool = False, appendix: bool = True) -> ReportDocument:
    """The 2017 report: Sông Cầu's own, or (joint) Sông Cầu's and Qui Nhơn's together."""
    review = figures()
    document = ReportDocument(
        issuers=(HOST,),
        number=1,
        symbol="BC-CATX",
        place="Sông Cầu",
        signed_on=date(2018, 1, 5),
        subject=SUBJECT,
        sections=_sections(review),
        signatures=(HOST_SIGNATURE,),
        recipients=("Công an tỉnh Phú Yên (để báo cáo)", "Công an thành phố Qui Nhơn"),
        filed="VT, CSHS",
        to=("Giám đốc Công an tỉnh Phú Yên",),
        appendix=Appendix("Các hồ sơ của số liệu sơ kết năm 2017", record_tables())
        if appendix
        else None,
    )
    if not joint:
        return document
    return replace(
        document,
        issuers=(HOST, PARTNER),
        symbol="BC-CATX-CATP",
        signatures=(HOST_SIGNATURE, PARTNER_SIGNATURE),
        recipients=("Công an tỉnh Phú Yên (để báo cáo)", "Công an tỉnh Bình Định (để báo cáo)"),
        filed="VT (2b)",
        to=("Giám đốc Công an tỉnh Phú Yên", "Giám đốc Công an tỉnh Bình Định"),
    )


def award_decision() -> AwardDecisionDocument:
    """Qui Nhơn's chairman's decision 215/QĐ-UBND for Sông Cầu's collectives and people."""
    records = _data()["records"]
    mine = "215/QĐ-UBND"
    collectives = tuple(
        CollectiveAward(row["recipient_name"].removesuffix(f", {HOST.name}"), HOST.name)
        for row in records["awards_collective"]
        if row["decision_no"] == mine
    )
    individuals = tuple(
        IndividualAward(
            row["recipient_name"],
            row["rank"] or "",
            row["position"] or "",
            row["recipient_unit"] or "Xã Xuân Hải, thị xã Sông Cầu",
        )  # fmt: skip
        for row in records["awards_individual"]
        if row["decision_no"] == mine
    )
    return AwardDecisionDocument(
        issuer=Issuer("Ủy ban nhân dân thành phố Qui Nhơn"),
        number=215,
        symbol="QĐ-UBND",
        place="Qui Nhơn",
        signed_on=date(2017, 12, 28),
        authority="Chủ tịch Ủy ban nhân dân thành phố Qui Nhơn",
        bases=(
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
            "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung "
            "một số điều của Luật Thi đua, khen thưởng ngày 16 tháng 11 năm 2013",
            "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định "
            "chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        ),
        proposal="Theo đề nghị của Trưởng Công an thành phố Qui Nhơn và Trưởng phòng Nội vụ",
        achievement="xuất sắc trong thực hiện qui chế phối hợp bảo đảm an ninh, trật tự ở địa "
        "bàn giáp ranh năm 2017",
        collectives=collectives,
        individuals=individuals,
        signature=Signature("Chủ tịch", "Ngô Hoàng Nam"),
        executors=(
            "Chánh Văn phòng HĐND và UBND thành phố",
            "Trưởng phòng Nội vụ thành phố",
            "Trưởng Công an thị xã Sông Cầu",
        ),
        prize_collective=780_000,
        prize_individual=390_000,
        prize_source="quỹ thi đua, khen thưởng của thành phố",
        recipients=("UBND thị xã Sông Cầu",),
        filed="VT, NV",
    )


def workbook() -> ReviewWorkbook:
    start, end = (date.fromisoformat(day) for day in _data()["period"])
    return ReviewWorkbook(SUBJECT, start, end, figures(), record_tables())
