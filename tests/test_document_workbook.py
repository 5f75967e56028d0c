"""The review workbook, reopened with openpyxl: real numbers and dates, frozen header rows."""

from datetime import date, datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from models.documents import sample
from models.documents.figures import Figure, Figures
from models.documents.tables import Column, RecordTable
from models.documents.workbook import ReviewWorkbook, _sheet_name, review_workbook_bytes
from models.i18n import set_language


def reopened(book: ReviewWorkbook | None = None) -> Workbook:
    return load_workbook(BytesIO(review_workbook_bytes(book or sample.workbook())))


def test_a_sheet_of_figures_then_one_per_figure_behind_them() -> None:
    workbook = reopened()
    tables = sample.record_tables()
    assert workbook.sheetnames == ["Số liệu", *(table.title for table in tables)]
    for sheet, table in zip(workbook.worksheets[1:], tables, strict=True):
        assert sheet.max_row == len(table.rows) + 1


def test_the_figures_sheet_compares_and_splits_by_unit() -> None:
    sheet = reopened().worksheets[0]
    heads = [cell.value for cell in sheet[1]]
    assert heads == [
        "Chỉ tiêu", "Năm 2017", "Năm 2016", "Tăng (+), giảm (-)", "Tỷ lệ tăng, giảm",
        "Công an thị xã Sông Cầu", "Công an thành phố Qui Nhơn",
    ]  # fmt: skip
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2) if row[0].value}
    occurred = rows["Vụ xảy ra ở địa bàn giáp ranh"]
    assert [cell.value for cell in occurred[1:4]] == [35, 8, 27]
    assert all(isinstance(cell.value, int) for cell in occurred[1:4])
    assert occurred[4].value == pytest.approx(27 / 8)
    assert "%" in occurred[4].number_format
    assert [occurred[5].value, occurred[6].value] == [20, 15]
    rate = rows["Tỷ lệ làm rõ"]
    assert rate[1].value == pytest.approx(31 / 35) and rate[1].number_format == "0.00%"
    assert rows["Nguồn tin quá hạn"][4].value is None  # no ratio against 0
    assert sheet.freeze_panes == "B2"
    assert sheet.column_dimensions["A"].width >= len("Nguồn tin đã phối hợp xác minh")


def test_the_period_is_held_as_dates() -> None:
    sheet = reopened().worksheets[0]
    cells = {row[0].value: row[1] for row in sheet.iter_rows() if row[0].value}
    assert cells["Từ ngày"].value == datetime(2017, 1, 1)
    assert cells["Đến ngày"].value == datetime(2017, 12, 31)
    assert cells["Từ ngày"].number_format == "dd/mm/yyyy"


def test_record_sheets_hold_dates_and_numbers_not_text() -> None:
    workbook = reopened()
    tips = workbook["Nguồn tin đã phối hợp xác minh"]
    assert [cell.value for cell in tips[1]][:3] == ["Mã", "Ngày nhận", "Tóm tắt"]
    received = [row[1] for row in tips.iter_rows(min_row=2)]
    assert all(isinstance(cell.value, datetime) for cell in received)
    assert all(cell.number_format == "dd/mm/yyyy" for cell in received)
    assert received[0].value == datetime(2017, 1, 9)
    suspects = workbook["Đối tượng bị bắt"]
    years = [row[2].value for row in suspects.iter_rows(min_row=2)]
    assert all(isinstance(year, int) for year in years)
    for sheet in workbook.worksheets[1:]:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
    assert tips.column_dimensions["C"].width > tips.column_dimensions["A"].width >= 10


def test_a_number_column_holds_numbers() -> None:
    records = RecordTable(
        "Tra cứu",
        (
            Column("unit", "Đơn vị"),
            Column("times", "Số lượt", "number"),
            Column("on", "Ngày", "date"),
        ),
        ({"unit": "Công an tỉnh Bắc Kạn", "times": 1251, "on": "2020-12-14"},),
    )
    book = ReviewWorkbook("Thử", date(2019, 12, 15), date(2020, 12, 14), Figures(()), (records,))
    sheet = reopened(book)["Tra cứu"]
    assert sheet["B2"].value == 1251 and sheet["B2"].number_format == "#,##0"
    assert sheet["C2"].value == datetime(2020, 12, 14)


def test_a_workbook_in_english() -> None:
    set_language("en")
    figures = Figures((Figure("cases_occurred", 35, 32),))
    book = ReviewWorkbook("Review", date(2017, 1, 1), date(2017, 12, 31), figures)
    sheet = reopened(book).worksheets[0]
    assert sheet.title == "Figures"
    assert [cell.value for cell in sheet[1]][:3] == [
        "Figure",
        "This period",
        "Same period last year",
    ]
    assert [cell.value for cell in sheet[2]][:4] == ["Border-zone cases", 35, 32, 3]


@pytest.mark.parametrize(
    ("title", "used", "name"),
    [
        ("Vụ xảy ra ở địa bàn giáp ranh", set(), "Vụ xảy ra ở địa bàn giáp ranh"),
        ("Nguồn tin [đã] phối hợp: xác minh/kiểm tra", set(), "Nguồn tin  đã  phối hợp  xác mi"),
        ("Số liệu", {"Số liệu"}, "Số liệu (2)"),
        ("A" * 40, {"A" * 31}, "A" * 27 + " (2)"),
    ],
)
def test_sheet_names_are_ones_excel_accepts(title: str, used: set[str], name: str) -> None:
    assert _sheet_name(title, used) == name
    assert len(name) <= 31
