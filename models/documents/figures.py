"""The review's figures as a document states them: a sentence each, and a comparison table.

A `Figure` is one number of the review (the keys of `models.report.FIGURES`), with the same
period last year and the split by unit when known. The sentences follow the seed's phrasing and
read well at zero ("Không có nguồn tin quá hạn giải quyết", never "Còn 0 nguồn tin").
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from models.documents.wording import (
    Measure,
    Number,
    change_versus_last_year,
    count,
    exact,
    number,
    percent,
    short_change,
    split_by_unit,
)
from models.i18n import register, t

FIGURE_MEASURES: dict[str, Measure] = {
    "tips_received": "tip",
    "tips_exchanged": "tip",
    "tips_verified": "tip",
    "tips_overdue": "tip",
    "campaigns_held": "campaign",
    "cases_occurred": "case",
    "cases_cleared": "case",
    "clearance_rate": "rate",
    "cases_joint_cleared": "case",
    "suspects_arrested": "suspect",
    "awards_collective": "collective",
    "awards_individual": "individual",
}
# The figures whose split by unit a sentence gives (a campaign is held by the units together).
SPLIT_FIGURES = frozenset(FIGURE_MEASURES) - {"campaigns_held", "clearance_rate"}

MESSAGES: dict[str, tuple[str, str]] = {
    "doc.fig.tips_received": ("Tiếp nhận {count} về tội phạm", "Received {count} about crimes"),
    "doc.zero.tips_received": (
        "Không tiếp nhận nguồn tin về tội phạm nào",
        "No crime tips were received",
    ),
    "doc.fig.tips_exchanged": (
        "Trao đổi {count} với đơn vị bạn",
        "Exchanged {count} with the partner unit",
    ),
    "doc.zero.tips_exchanged": (
        "Không có nguồn tin trao đổi với đơn vị bạn",
        "No tips were exchanged with the partner unit",
    ),
    "doc.fig.tips_verified": ("Phối hợp kiểm tra, xác minh {count}", "Jointly verified {count}"),
    "doc.zero.tips_verified": (
        "Chưa phối hợp kiểm tra, xác minh nguồn tin nào",
        "No tips were verified jointly",
    ),
    "doc.fig.tips_overdue": (
        "Còn {count} quá hạn giải quyết",
        "{count} past the legal deadline",
    ),
    "doc.zero.tips_overdue": (
        "Không có nguồn tin quá hạn giải quyết",
        "No tip is past the legal deadline",
    ),
    "doc.fig.campaigns_held": (
        "Thực hiện {count} cao điểm tấn công trấn áp tội phạm",
        "Ran {count} against crime",
    ),
    "doc.zero.campaigns_held": (
        "Không tổ chức đợt cao điểm tấn công trấn áp tội phạm nào",
        "No campaigns against crime were held",
    ),
    "doc.fig.cases_occurred": (
        "Xảy ra {count} phạm pháp hình sự ở địa bàn giáp ranh",
        "{count} of crime occurred in the border zone",
    ),
    "doc.zero.cases_occurred": (
        "Không xảy ra vụ phạm pháp hình sự nào ở địa bàn giáp ranh",
        "No criminal case occurred in the border zone",
    ),
    "doc.fig.cases_cleared": (
        "Điều tra làm rõ {count}, đạt {rate}",
        "Cleared {count} ({rate})",
    ),
    "doc.cleared_of": ("{cleared}/{occurred} vụ", "{cleared} of {occurred} cases"),
    "doc.zero.cases_cleared": ("Chưa điều tra làm rõ vụ nào", "No case was cleared"),
    "doc.fig.cases_joint_cleared": (
        "Trực tiếp phối hợp điều tra làm rõ {count}",
        "Cleared {count} by direct joint investigation",
    ),
    "doc.zero.cases_joint_cleared": (
        "Không có vụ nào được trực tiếp phối hợp điều tra làm rõ",
        "No case was cleared by direct joint investigation",
    ),
    "doc.fig.suspects_arrested": ("Bắt xử lý {count}", "Arrested {count}"),
    "doc.zero.suspects_arrested": ("Không bắt xử lý đối tượng nào", "No suspect was arrested"),
    "doc.fig.awards_collective": (
        "Khen thưởng {count} có thành tích xuất sắc",
        "Commended {count} for outstanding work",
    ),
    "doc.zero.awards_collective": (
        "Không có tập thể được khen thưởng",
        "No collective was commended",
    ),
    "doc.fig.awards_individual": (
        "Khen thưởng {count} có thành tích xuất sắc",
        "Commended {count} for outstanding work",
    ),
    "doc.zero.awards_individual": (
        "Không có cá nhân được khen thưởng",
        "No individual was commended",
    ),
    "doc.fig.other": ("{label}: {count}", "{label}: {count}"),
    "doc.table.number": ("STT", "No."),
    "doc.table.figure": ("Chỉ tiêu", "Figure"),
    "doc.table.current": ("Kỳ này", "This period"),
    "doc.table.previous": ("Cùng kỳ năm trước", "Same period last year"),
    "doc.table.change": ("Tăng (+), giảm (-)", "Change"),
}
register(MESSAGES)


@dataclass(frozen=True)
class Figure:
    """One figure of the review: its key (a `models.report.FIGURES` name, or another with a
    `label` and `measure`), this period's value, the same period last year's, and the split by
    unit as (unit name, value) pairs."""

    key: str
    value: Number
    previous: Number | None = None
    by_unit: tuple[tuple[str, Number], ...] = ()
    label: str = ""
    measure: Measure | None = None

    @property
    def unit_measure(self) -> Measure:
        return self.measure or FIGURE_MEASURES.get(self.key, "case")

    @property
    def title(self) -> str:
        return self.label or t(f"fig.{self.key}")


@dataclass(frozen=True)
class Figures:
    """The figures of one review, in the order the document gives them; the column heads of
    the comparison table ("Năm 2017", "Năm 2016") default to "Kỳ này" / "Cùng kỳ năm trước"."""

    items: tuple[Figure, ...]
    current_label: str = ""
    previous_label: str = ""

    def __iter__(self) -> Iterator[Figure]:
        return iter(self.items)

    def get(self, key: str) -> Figure | None:
        return next((figure for figure in self.items if figure.key == key), None)

    @property
    def compared(self) -> bool:
        return any(figure.previous is not None for figure in self.items)


def figures_from_reviews(
    current: Any,
    previous: Any | None = None,
    units: Sequence[tuple[str, Any]] = (),
    *,
    keys: Sequence[str] = tuple(FIGURE_MEASURES),
    split: Collection[str] = SPLIT_FIGURES,
    current_label: str = "",
    previous_label: str = "",
) -> Figures:
    """Figures from `models.report.Review` values (anything with the figures as attributes):
    this period, the same period last year, and each unit's own review, named."""
    items = []
    for key in keys:
        by_unit = (
            tuple((name, getattr(review, key)) for name, review in units) if key in split else ()
        )
        earlier = getattr(previous, key) if previous is not None else None
        items.append(Figure(key, getattr(current, key), earlier, by_unit))
    return Figures(tuple(items), current_label, previous_label)


def sentence(figure: Figure, figures: Figures | None = None) -> str:
    """The figure as a sentence (no final stop): what was done, the split by unit, the change.

    "Xảy ra 35 vụ phạm pháp hình sự ở địa bàn giáp ranh, trong đó Công an thị xã Sông Cầu
    18 vụ, Công an thành phố Qui Nhơn 17 vụ; tăng 3 vụ (+9,38%) so với cùng kỳ năm trước"
    """
    measure = figure.unit_measure
    known = f"doc.fig.{figure.key}" in MESSAGES
    if not figure.value and known:
        text = t(f"doc.zero.{figure.key}")
    elif figure.key == "cases_cleared":
        text = _cleared(figure, figures)
    elif known:
        text = t(f"doc.fig.{figure.key}", count=count(figure.value, measure))
    else:
        text = t("doc.fig.other", label=figure.title, count=count(figure.value, measure))
    split = split_by_unit(figure.by_unit, measure, figure.value)
    if split and figure.value:
        text = f"{text}, {split}"
    if not figure.value and not figure.previous:
        return text  # "Không có nguồn tin quá hạn", not "…; bằng cùng kỳ"
    versus = change_versus_last_year(figure.value, figure.previous, measure)
    return f"{text}; {versus}" if versus else text


def _cleared(figure: Figure, figures: Figures | None) -> str:
    occurred = figures.get("cases_occurred") if figures else None
    if occurred is None or not occurred.value:
        return t("doc.fig.other", label=figure.title, count=count(figure.value, "case"))
    cleared_of = t("doc.cleared_of", cleared=number(figure.value), occurred=number(occurred.value))
    rate = percent(exact(figure.value) / exact(occurred.value))
    return t("doc.fig.cases_cleared", count=cleared_of, rate=rate)


def sentences(figures: Figures) -> list[str]:
    """A sentence per figure; the clearance rate is in the cleared cases' sentence, and nothing
    about clearing is said when no case occurred."""
    occurred = figures.get("cases_occurred")
    nothing_occurred = occurred is not None and not occurred.value
    said = []
    for figure in figures:
        if figure.key == "clearance_rate" and figures.get("cases_cleared") is not None:
            continue
        if nothing_occurred and figure.key in ("cases_cleared", "cases_joint_cleared"):
            if not figure.value and not figure.previous:
                continue
        said.append(sentence(figure, figures))
    return said


def shown_value(value: Number | None, measure: Measure) -> str:
    if value is None:
        return ""
    return percent(value, trim=False) if measure == "rate" else number(value)


def table_rows(figures: Figures) -> list[tuple[str, str, str, str]]:
    """(figure, this period, same period last year, change) for each figure."""
    return [
        (
            figure.title,
            shown_value(figure.value, figure.unit_measure),
            shown_value(figure.previous, figure.unit_measure),
            short_change(figure.value, figure.previous, figure.unit_measure),
        )
        for figure in figures
    ]
