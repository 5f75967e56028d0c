"""Every format a unit may hand in: .xls (Excel 97–2003) with its fonts, .ods, .csv in any
encoding and separator; each recognised by what it holds, whatever its name says."""

import codecs
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from models.errors import Refused
from models.registers import CP1258, TCVN3, VNI, open_register, sniff
from models.registers.sheets import opened
from tests.registerfiles import cp1258_bytes, ods, xls, xlsx


def read(path: Path | bytes, kind: str = "tips", **options: object) -> tuple[list, list[str]]:
    with open_register(path, kind, **options) as register:  # type: ignore[arg-type]
        return list(register.rows()), [str(problem) for problem in register.problems]


def test_an_xls_gives_its_dates_merged_header_and_legacy_fonts(tmp_path: Path) -> None:
    cells = {
        (2, 0): "Mã",
        (2, 1): "Ngày tiếp nhận",
        (2, 2): "Tóm tắt",
        (2, 3): "Loại",
        (3, 0): "T1",
        (3, 1): date(2020, 5, 28),
        (3, 2): "Trém c¾p t¹i Hµ Néi",
        (3, 3): "tè gi¸c",
        (4, 0): "T2",
        (4, 1): "28/05/2020",
        (4, 2): "Troäm caép taïi Haø Noäi",
        (4, 3): "Tin báo",
        (6, 0): "T3",
        (6, 1): 43979.0,
        (6, 2): "Trộm cắp",
    }
    fonts = {(3, 2): ".VnTime", (3, 3): ".VnTime", (4, 2): "VNI-Times", (6, 2): ".VnTime"}
    path = xls(tmp_path / "so.xls", cells, fonts=fonts, merges=((0, 0, 0, 3, "SỔ NGUỒN TIN"),))
    with open_register(path, "tips") as register:
        assert register.format == "xls" and register.mapping.row == 3
        found = list(register.detailed_rows())
    assert [(r.number, r.values) for r in found] == [
        (
            4,
            {
                "code": "T1",
                "received_on": date(2020, 5, 28),
                "summary": "Trộm cắp tại Hà Nội",
                "kind": "to_giac",
            },
        ),
        (
            5,
            {
                "code": "T2",
                "received_on": date(2020, 5, 28),
                "summary": "Trộm cắp tại Hà Nội",
                "kind": "tin_bao",
            },
        ),
        (7, {"code": "T3", "received_on": date(2020, 5, 28), "summary": "Trộm cắp"}),
    ]
    assert [r.converted for r in found] == [{"summary": TCVN3, "kind": TCVN3}, {"summary": VNI}, {}]


def test_an_xls_header_over_two_rows_in_merged_cells_is_placed(tmp_path: Path) -> None:
    cells = {(1, 2): "tiếp nhận", (1, 3): "giải quyết", (2, 0): "T1", (2, 2): date(2020, 5, 28)}
    merges = ((0, 1, 0, 0, "Mã"), (0, 0, 2, 3, "Ngày"), (0, 1, 1, 1, "Đơn vị thụ lý"))
    cells |= {(2, 1): "CA-SC", (2, 3): date(2020, 6, 1)}
    with open_register(xls(tmp_path / "h.xls", cells, merges=merges), "tips") as register:
        assert list(register.mapping.placed.values()) == [
            "code",
            "receiving_unit",
            "received_on",
            "resolved_on",
        ]
        assert list(register.rows()) == [
            (
                3,
                {
                    "code": "T1",
                    "receiving_unit": "CA-SC",
                    "received_on": date(2020, 5, 28),
                    "resolved_on": date(2020, 6, 1),
                },
            )
        ]


def test_an_ods_with_a_title_and_a_two_row_header_is_read(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["SỔ THEO DÕI NGUỒN TIN"],
        [],
        ["Mã", "Ngày", None, "Tóm tắt"],
        [None, "tiếp nhận", "giải quyết", None],
        ["T1", date(2020, 5, 28), "01/06/2020", "Trém c¾p t¹i Hµ Néi"],
        ["T2", 43979, None, "Trộm cắp"],
    ]
    path = ods(tmp_path / "so.ods", rows, spans={(2, 1): 2})
    with open_register(path, "tips") as register:
        assert register.format == "ods"
        assert register.mapping.placed == {
            "Mã": "code",
            "Ngày tiếp nhận": "received_on",
            "Ngày giải quyết": "resolved_on",
            "Tóm tắt": "summary",
        }
        found = list(register.detailed_rows())
    assert [(r.number, r.values, r.converted) for r in found] == [
        (
            5,
            {
                "code": "T1",
                "received_on": date(2020, 5, 28),
                "resolved_on": date(2020, 6, 1),
                "summary": "Trộm cắp tại Hà Nội",
            },
            {"summary": TCVN3},
        ),
        (6, {"code": "T2", "received_on": date(2020, 5, 28), "summary": "Trộm cắp"}, {}),
    ]


def test_a_utf8_csv_with_a_bom_semicolons_and_a_title_row_is_read(tmp_path: Path) -> None:
    text = (
        "\ufeffSỔ THEO DÕI;;;\n"
        "Mã;Ngày tiếp nhận;Tóm tắt nội dung;Loại\n"
        'T1;28/05/2020;"Trộm cắp; xe máy";tố giác\n'
        "T2;2020-05-28;Hµ Néi;Tin báo\n"
    )
    path = tmp_path / "so.csv"
    path.write_text(text, encoding="utf-8")
    with open_register(path, "tips") as register:
        assert register.file_encoding == "utf-8"
        found = list(register.detailed_rows())
    assert [(r.number, r.values) for r in found] == [
        (
            3,
            {
                "code": "T1",
                "received_on": date(2020, 5, 28),
                "summary": "Trộm cắp; xe máy",
                "kind": "to_giac",
            },
        ),
        (
            4,
            {
                "code": "T2",
                "received_on": date(2020, 5, 28),
                "summary": "Hà Nội",
                "kind": "tin_bao",
            },
        ),
    ]
    assert found[1].converted == {"summary": TCVN3}  # TCVN3 text saved by Excel as UTF-8


def test_an_8_bit_csv_reads_each_cell_in_its_own_encoding(tmp_path: Path) -> None:
    content = b"\r\n".join(
        [
            "M·,Tãm t¾t".encode("latin-1"),  # the header is in TCVN3 too: "Mã,Tóm tắt"
            b"T1," + "Trém c¾p tµi s¶n".encode("latin-1"),
            b"T2," + "Troäm caép taøi saûn".encode("latin-1"),
            b"T3," + cp1258_bytes("Trộm cắp tài sản"),
            b"T4,Caf\xe9 Jos\xe9",
            b"",
        ]
    )
    path = tmp_path / "cu.csv"
    path.write_bytes(content)
    with open_register(path, "tips") as register:
        assert register.file_encoding == "8-bit"
        assert register.mapping.placed == {"Mã": "code", "Tóm tắt": "summary"}
        found = list(register.detailed_rows())
        assert register.encodings["summary"] == {TCVN3: 1, VNI: 1, CP1258: 1, "cp1252": 1}
    assert [r.values["summary"] for r in found] == ["Trộm cắp tài sản"] * 3 + ["Café José"]
    assert [r.converted.get("summary") for r in found] == [TCVN3, VNI, CP1258, None]


def test_a_utf16_csv_as_excel_saves_unicode_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    path.write_bytes(
        codecs.BOM_UTF16_LE + "Mã\tTên\tĐơn vị\r\nX1\tXã Xuân Hải\tCA\r\n".encode("utf-16-le")
    )
    assert read(path, "localities") == (
        [(2, {"code": "X1", "name": "Xã Xuân Hải", "unit_code": "CA"})],
        [],
    )


def test_a_csv_row_longer_than_allowed_is_a_problem_of_its_row(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("Mã,Tóm tắt\nT1," + "x" * 70_000 + "\nT2,ngắn\n", encoding="utf-8")
    found, problems = read(path)
    assert found == [(2, {}), (3, {"code": "T2", "summary": "ngắn"})]
    assert problems == ["row 2, column -:  — dòng quá dài"]


def test_a_file_is_recognised_by_what_it_holds_not_by_its_name(tmp_path: Path) -> None:
    book = xlsx(tmp_path / "a.xlsx", [["Mã", "Tên", "Đơn vị"], ["X1", "Xã", "CA"]])
    disguised = tmp_path / "so.csv"
    disguised.write_bytes(book.read_bytes())
    assert read(disguised, "localities")[0] == [
        (2, {"code": "X1", "name": "Xã", "unit_code": "CA"})
    ]
    sheet = xls(tmp_path / "b.xls", {(0, 0): "Mã", (0, 1): "Tên", (0, 2): "Đơn vị", (1, 0): "X2"})
    for name, content in [("so.xlsx", sheet.read_bytes()), ("so.dat", sheet.read_bytes())]:
        assert sniff(opened(content, name)) == "xls"
    assert sniff(opened(ods(tmp_path / "c.ods", [["Mã"]]).read_bytes(), "so.xlsx")) == "ods"
    assert sniff(opened(b"Ma,Ten\nX1,Xa\n", None)) == "csv"


@pytest.mark.parametrize(
    ("content", "name", "key"),
    [
        (b"<html><table><tr><td>M\xc3\xa3</td></tr></table></html>", "so.xls", "import.web_page"),
        (
            b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
            "so.xls",
            "import.web_page",
        ),
        (b"Ma,Ten\nX1,Xa\n", "so.xlsx", "import.not_a_sheet"),
        (b"PK\x03\x04 broken zip", "so.xlsx", "import.unreadable_file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "so.xls", "import.unreadable_file"),
    ],
    ids=["html", "spreadsheetml", "csv-named-xlsx", "broken-zip", "broken-ole2"],
)
def test_a_file_that_is_no_spreadsheet_is_refused_saying_why(
    content: bytes, name: str, key: str
) -> None:
    with pytest.raises(Refused) as refused:
        open_register(content, "localities", name=name)
    assert refused.value.key == key


def test_a_word_document_is_not_a_spreadsheet(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "bao-cao.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(Refused) as refused:
        open_register(path, "tips")
    assert refused.value.key == "import.not_a_sheet"


def test_a_csv_the_app_exported_reads_back_with_its_formula_like_text(tmp_path: Path) -> None:
    import io

    from models.csvio import write_csv

    out = io.StringIO()
    write_csv([{"code": "X1", "name": "=HYPERLINK(1)", "unit_code": "CA"}], "localities", out)
    assert "'=HYPERLINK" in out.getvalue()
    rows, _ = read(out.getvalue().encode("utf-8"), "localities", name="xa.csv")
    assert rows == [(2, {"code": "X1", "name": "=HYPERLINK(1)", "unit_code": "CA"})]
