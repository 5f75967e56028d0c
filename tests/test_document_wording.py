"""How documents word figures, dates and numbers: as police reports print them, or in English."""

import importlib
import pkgutil
import re
from datetime import date
from pathlib import Path

import pytest

from models.documents.figures import FIGURE_MEASURES, Figure, Figures, sentence, sentences
from models.documents.metrics import balanced_lines, text_width_mm
from models.documents.wording import (
    Measure,
    Number,
    change,
    change_versus_last_year,
    date_in_words,
    number,
    number_line,
    percent,
    place_and_date,
    short_change,
    split_by_unit,
)
from models.i18n import MESSAGES, set_language
from models.report import FIGURES

ROOT = Path(__file__).resolve().parent.parent
# Each module registers its own messages when imported.
for _module in pkgutil.iter_modules([str(ROOT / "models" / "documents")]):
    importlib.import_module(f"models.documents.{_module.name}")


@pytest.mark.parametrize(
    ("value", "decimals", "vietnamese", "english"),
    [
        (2679, 0, "2.679", "2,679"),
        (104, 0, "104", "104"),
        (1234567, 0, "1.234.567", "1,234,567"),
        (0, 0, "0", "0"),
        (-2679, 0, "-2.679", "-2,679"),
        (9.375, 2, "9,38", "9.38"),
        (1251.5, 1, "1.251,5", "1,251.5"),
    ],
)
def test_thousands_take_a_dot_and_decimals_a_comma(
    value: float, decimals: int, vietnamese: str, english: str
) -> None:
    assert number(value, decimals) == vietnamese
    set_language("en")
    assert number(value, decimals) == english


@pytest.mark.parametrize(
    ("current", "previous", "measure", "worded"),
    [
        # The press quotes of police reports (reference/review-document.md).
        (14981, 17660, "case", "giảm 2.679 vụ (-15,17%)"),
        (5738, 5552, "case", "tăng 186 vụ (+3,35%)"),
        (35, 32, "case", "tăng 3 vụ (+9,38%)"),
        (33, 35, "case", "giảm 2 vụ (-5,71%)"),
        (35, 35, "case", "bằng cùng kỳ"),
        (3, 0, "case", "tăng 3 vụ"),
        (0, 3, "case", "giảm 3 vụ (-100%)"),
        (104, 100, "tip", "tăng 4 nguồn tin (+4%)"),
        (7, 8, "suspect", "giảm 1 đối tượng (-12,5%)"),
        (6, 4, "campaign", "tăng 2 đợt (+50%)"),
        (4, 4, "collective", "bằng cùng kỳ"),
        (10, 12, "individual", "giảm 2 cá nhân (-16,67%)"),
        (1267, 1251, "turn", "tăng 16 lượt (+1,28%)"),
        (0.8857, 0.875, "rate", "tăng 1,07 điểm phần trăm"),
    ],
)
def test_a_figure_is_compared_with_the_same_period_last_year(
    current: Number, previous: Number, measure: Measure, worded: str
) -> None:
    assert change(current, previous, measure) == worded


@pytest.mark.parametrize(
    ("current", "previous", "measure", "worded"),
    [
        (35, 32, "case", "up 3 cases (+9.38%)"),
        (1, 0, "case", "up 1 case"),
        (33, 35, "tip", "down 2 tips (-5.71%)"),
        (5, 5, "suspect", "the same as last year"),
        (14981, 17660, "case", "down 2,679 cases (-15.17%)"),
    ],
)
def test_the_comparison_in_english(
    current: Number, previous: Number, measure: Measure, worded: str
) -> None:
    set_language("en")
    assert change(current, previous, measure) == worded


def test_no_comparison_without_an_earlier_figure() -> None:
    assert change(35, None, "case") == ""
    assert change_versus_last_year(35, None, "case") == ""
    assert short_change(35, None, "case") == ""


def test_the_comparison_closes_a_sentence_except_when_equal() -> None:
    assert change_versus_last_year(35, 32, "case") == "tăng 3 vụ (+9,38%) so với cùng kỳ năm trước"
    assert change_versus_last_year(35, 35, "case") == "bằng cùng kỳ"


@pytest.mark.parametrize(
    ("current", "previous", "measure", "cell"),
    [
        (35, 32, "case", "+3 (+9,38%)"),
        (33, 35, "case", "-2 (-5,71%)"),
        (35, 35, "case", "0"),
        (3, 0, "case", "+3"),
        (2679, 0, "tip", "+2.679"),
        (0.8857, 0.875, "rate", "+1,07 điểm %"),
    ],
)
def test_a_table_cell_gives_the_change_briefly(
    current: Number, previous: Number, measure: Measure, cell: str
) -> None:
    assert short_change(current, previous, measure) == cell


def test_percent_signs_and_trims() -> None:
    assert percent(31 / 35) == "88,57%"
    assert percent(0.875) == "87,5%"
    assert percent(0.875, trim=False) == "87,50%"
    assert percent(0.0938, signed=True) == "+9,38%"
    assert percent(0, signed=True) == "0%"


@pytest.mark.parametrize(
    ("parts", "total", "worded"),
    [
        (
            [("Công an thị xã Sông Cầu", 18), ("Công an thành phố Qui Nhơn", 17)],
            35,
            "trong đó Công an thị xã Sông Cầu 18 vụ, Công an thành phố Qui Nhơn 17 vụ",
        ),
        (
            [("Công an thị xã Sông Cầu", 0), ("Công an thành phố Qui Nhơn", 17)],
            35,
            "trong đó Công an thành phố Qui Nhơn 17 vụ",
        ),
        (
            [("Công an thị xã Sông Cầu", 35), ("Công an thành phố Qui Nhơn", 0)],
            35,
            "thuộc Công an thị xã Sông Cầu",
        ),
        ([("Công an thị xã Sông Cầu", 0), ("Công an thành phố Qui Nhơn", 0)], 0, ""),
        ([], 35, ""),
    ],
)
def test_the_split_by_unit(parts: list[tuple[str, int]], total: int, worded: str) -> None:
    assert split_by_unit(parts, "case", total) == worded


def test_the_split_by_unit_counts_with_thousands() -> None:
    parts = [("Công an tỉnh Bắc Kạn", 1251), ("huyện Na Rì", 13)]
    assert (
        split_by_unit(parts, "turn")
        == "trong đó Công an tỉnh Bắc Kạn 1.251 lượt, huyện Na Rì 13 lượt"
    )


@pytest.mark.parametrize(
    ("day", "worded"),
    [
        (date(2018, 1, 5), "ngày 05 tháng 01 năm 2018"),
        (date(2018, 2, 28), "ngày 28 tháng 02 năm 2018"),
        (date(2018, 3, 15), "ngày 15 tháng 3 năm 2018"),
        (date(2017, 9, 1), "ngày 01 tháng 9 năm 2017"),
        (date(2017, 10, 1), "ngày 01 tháng 10 năm 2017"),
        (date(2017, 11, 30), "ngày 30 tháng 11 năm 2017"),
        (date(2017, 12, 9), "ngày 09 tháng 12 năm 2017"),
    ],
)
def test_the_date_pads_the_day_and_only_january_and_february(day: date, worded: str) -> None:
    assert date_in_words(day) == worded


def test_the_place_and_date_line() -> None:
    assert place_and_date("Sông Cầu", date(2018, 1, 5)) == "Sông Cầu, ngày 05 tháng 01 năm 2018"
    set_language("en")
    assert place_and_date("Sông Cầu", date(2018, 1, 5)) == "Sông Cầu, 5 January 2018"


@pytest.mark.parametrize(
    ("number_in_year", "symbol", "line"),
    [
        (1, "BC-CATX", "Số: 01/BC-CATX"),
        (5, "BC-CATX", "Số: 05/BC-CATX"),
        (12, "QĐ-UBND", "Số: 12/QĐ-UBND"),
        (215, "QĐ-UBND", "Số: 215/QĐ-UBND"),
    ],
)
def test_a_number_below_ten_has_a_leading_zero(number_in_year: int, symbol: str, line: str) -> None:
    assert number_line(number_in_year, symbol) == line


@pytest.mark.parametrize("key", sorted(set(FIGURE_MEASURES) - {"clearance_rate"}))
def test_a_zero_figure_reads_well(key: str) -> None:
    said = sentence(Figure(key, 0, 0, (("Công an thị xã Sông Cầu", 0),)))
    assert not re.search(r"(?<![\d.,])0(?![\d.,])", said), said
    assert said and "trong đó" not in said


def test_no_overdue_tip_is_said_so() -> None:
    assert sentence(Figure("tips_overdue", 0)) == "Không có nguồn tin quá hạn giải quyết"
    assert sentence(Figure("tips_overdue", 2, 0)) == (
        "Còn 2 nguồn tin quá hạn giải quyết; tăng 2 nguồn tin so với cùng kỳ năm trước"
    )


def test_a_figure_sentence_has_the_split_and_the_change() -> None:
    figure = Figure(
        "cases_occurred",
        35,
        32,
        (("Công an thị xã Sông Cầu", 18), ("Công an thành phố Qui Nhơn", 17)),
    )
    assert sentence(figure) == (
        "Xảy ra 35 vụ phạm pháp hình sự ở địa bàn giáp ranh, trong đó Công an thị xã Sông Cầu "
        "18 vụ, Công an thành phố Qui Nhơn 17 vụ; tăng 3 vụ (+9,38%) so với cùng kỳ năm trước"
    )


def test_the_cleared_cases_carry_the_clearance_rate() -> None:
    figures = Figures(
        (
            Figure("cases_occurred", 35),
            Figure("cases_cleared", 31),
            Figure("clearance_rate", 31 / 35),
        )
    )
    said = sentences(figures)
    assert said == [
        "Xảy ra 35 vụ phạm pháp hình sự ở địa bàn giáp ranh",
        "Điều tra làm rõ 31/35 vụ, đạt 88,57%",
    ]
    set_language("en")
    assert sentences(figures)[1] == "Cleared 31 of 35 cases (88.57%)"


def test_nothing_is_said_of_clearing_when_no_case_occurred() -> None:
    figures = Figures(
        (Figure("cases_occurred", 0, 0), Figure("cases_cleared", 0, 0), Figure("clearance_rate", 0))
    )
    assert sentences(figures) == ["Không xảy ra vụ phạm pháp hình sự nào ở địa bàn giáp ranh"]


def test_every_review_figure_has_a_measure_and_sentences_in_both_languages() -> None:
    assert set(FIGURES) == set(FIGURE_MEASURES)
    for key in FIGURE_MEASURES:
        if key != "clearance_rate":
            assert f"doc.fig.{key}" in MESSAGES and f"doc.zero.{key}" in MESSAGES


def test_every_document_message_the_code_uses_is_in_the_catalogue() -> None:
    used = set()
    for path in (ROOT / "models" / "documents").glob("*.py"):
        used |= set(re.findall(r"""["'](doc\.[a-z_.]+)["']""", path.read_text(encoding="utf-8")))
    dynamic = {key for key in used if key.endswith(".")}
    assert len(used) > 40
    assert sorted(used - dynamic - set(MESSAGES)) == []


def test_widths_agree_with_the_measured_quoc_hieu() -> None:
    # The reference measured the quốc hiệu at 13 pt bold as 95 mm wide.
    assert text_width_mm("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True) == pytest.approx(
        95, abs=1
    )


@pytest.mark.parametrize(
    ("text", "size", "room", "lines"),
    [
        ("CÔNG AN THỊ XÃ SÔNG CẦU", 12, 71, ["CÔNG AN THỊ XÃ SÔNG CẦU"]),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ QUI NHƠN", 12, 70, ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ QUI NHƠN"]),
        ("PHÓ TRƯỞNG CÔNG AN THÀNH PHỐ", 14, 80, ["PHÓ TRƯỞNG CÔNG AN", "THÀNH PHỐ"]),
        ("CÔNG AN THÀNH PHỐ QUI NHƠN", 13, 66, ["CÔNG AN", "THÀNH PHỐ QUI NHƠN"]),
    ],
)
def test_a_long_name_is_split_where_it_reads_well(
    text: str, size: int, room: int, lines: list[str]
) -> None:
    assert balanced_lines(text, size, True, room) == lines
