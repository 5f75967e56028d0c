"""Cells compared as values (a date however written, yes/no however said), and rows written
as an .xlsx that reads back to the same values."""

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from models.csvio import COLUMNS
from models.registers import as_date, cell_value, flag, open_register, same_value, write_xlsx


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("yes", True),
        ("Có", True),
        ("CO", True),
        ("x", True),
        ("X", True),
        (True, True),
        (1, True),
        ("no", False),
        ("không", False),
        ("Khong", False),
        ("", False),
        (0, False),
        ("có lẽ", None),
        (2, None),
    ],
)
def test_a_flag_reads_yes_no_co_khong_x_and_empty(value: object, expected: bool | None) -> None:
    assert flag(value) == expected


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("28/05/2020", "2020-05-28"),
        ("28/5/2020", date(2020, 5, 28)),
        (datetime(2020, 5, 28, 8, 0), 43979),
        ("ngày 28 tháng 05 năm 2020", "28.05.2020"),
    ],
)
def test_dates_however_written_are_the_same_value(first: object, second: object) -> None:
    assert same_value("awards", "decided_on", first, second)
    assert not same_value("awards", "decided_on", first, "29/05/2020")


def test_codes_names_and_choices_compare_as_values() -> None:
    assert same_value("tips", "receiving_unit", " CA-SC ", "CA-SC")
    assert not same_value("tips", "receiving_unit", "CA-SC", "ca-sc")
    assert same_value("awards", "issuer", "UBND  TX Sông Cầu", "UBND tx Sông Cầu ")
    assert not same_value("awards", "issuer", "UBND TX Sông Cầu", "UBND TX Sông Câu")
    assert same_value("awards", "form", "Giấy khen", "giay_khen")
    assert same_value("localities", "border_zone", "Có", "x")


@pytest.mark.parametrize(
    ("kind", "column", "value", "expected"),
    [
        ("tips", "kind", "Tố giác", "to_giac"),
        ("tips", "kind", "KIẾN NGHỊ KHỞI TỐ", "kien_nghi"),
        ("tips", "status", "Đã khởi tố", "case_opened"),
        ("tips", "status", "không khởi tố", "no_case"),
        ("cases", "coordination", "Trực tiếp phối hợp điều tra", "joint"),
        ("cases", "status", "Đã làm rõ", "cleared"),
        ("suspects", "status", "Đầu thú", "surrendered"),
        ("awards", "recipient_kind", "Tập thể", "collective"),
        ("awards", "form", "Huân chương", "Huân chương"),  # unknown: validation will say so
        ("cases", "coordinating_units", "CA-SC, CA-QN;CA-TH\nCA-PY", "CA-SC;CA-QN;CA-TH;CA-PY"),
        ("cases", "article", "Điều 173", "173"),
        ("cases", "article", 173.0, "173"),
        ("suspects", "birth_year", 1985.0, "1985"),
        ("units", "code", "  CA-SC  ", "CA-SC"),
        ("units", "name", " Công an   thị xã\nSông Cầu ", "Công an thị xã\nSông Cầu"),
        ("localities", "border_zone", "Có", "yes"),
        ("localities", "border_zone", "", None),
    ],
)
def test_a_cell_becomes_what_validation_takes(
    kind: str, column: str, value: object, expected: object
) -> None:
    assert cell_value(kind, column, value) == expected


def test_serial_numbers_follow_excels_calendar() -> None:
    assert as_date(43979) == date(2020, 5, 28)
    assert as_date(1) == date(1900, 1, 1)
    assert as_date(61) == date(1900, 3, 1)  # Excel's 29/02/1900 never was
    assert as_date(42517, date1904=True) == date(2020, 5, 28)
    assert as_date(2020) is None and as_date("31/02/2020") is None


def test_rows_written_as_xlsx_read_back_to_the_same_values(tmp_path: Path) -> None:
    columns = [name for name, _ in COLUMNS["suspects"]]
    rows: list[dict[str, Any]] = [
        {
            "code": "DT-01",
            "full_name": "Nguyễn Văn Đức",
            "birth_year": 1985,
            "address": "Xuân Hải, Sông Cầu",
            "case_codes": ["V1", "V2"],
            "status": "arrested",
            "arrested_on": date(2020, 5, 28),
        },
        {
            "code": "DT-02",
            "full_name": '=HYPERLINK("x")',
            "case_codes": ["V3"],
            "status": "wanted",
        },
    ]
    path = tmp_path / "doi-tuong.xlsx"
    assert write_xlsx(rows, columns, path, sheet="Đối tượng") == 2
    with open_register(path, "suspects") as register:
        read = list(register.rows())
        assert register.problems == []
    assert read == [
        (
            2,
            {
                "code": "DT-01",
                "full_name": "Nguyễn Văn Đức",
                "birth_year": "1985",
                "address": "Xuân Hải, Sông Cầu",
                "case_codes": "V1;V2",
                "status": "arrested",
                "arrested_on": date(2020, 5, 28),
            },
        ),
        (
            3,
            {
                "code": "DT-02",
                "full_name": '=HYPERLINK("x")',
                "case_codes": "V3",
                "status": "wanted",
            },
        ),
    ]
    sheet = load_workbook(path)["Đối tượng"]
    assert sheet.freeze_panes == "A2"
    assert sheet["G2"].is_date and sheet["G2"].number_format == "dd/mm/yyyy"
    assert sheet["C2"].data_type == "n" and sheet["C2"].value == 1985
    assert sheet["B3"].data_type == "s"  # text that looks like a formula stays text
    assert sheet.column_dimensions["B"].width >= len("Nguyễn Văn Đức")
    assert sheet.column_dimensions["B"].width <= 60


def test_vietnamese_headers_written_by_the_app_are_read_back(tmp_path: Path) -> None:
    columns = [name for name, _ in COLUMNS["localities"]]
    headers = {"code": "Mã", "name": "Tên xã", "unit_code": "Đơn vị", "border_zone": "Giáp ranh"}
    path = tmp_path / "xa.xlsx"
    row = {"code": "X1", "name": "Xuân Hải", "unit_code": "CA-SC", "border_zone": True}
    write_xlsx([row], columns, path, headers=headers)
    with open_register(path, "localities") as register:
        assert list(register.rows()) == [
            (2, {"code": "X1", "name": "Xuân Hải", "unit_code": "CA-SC", "border_zone": "yes"})
        ]
