""".xlsx registers as units keep them: a title above the header, merged and two-row headers,
Excel dates beside typed ones, legacy fonts, formulas; rows numbered as Excel shows them."""

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from models.errors import Refused
from models.registers import TCVN3, TCVN3_CAPITALS, VNI, open_register, save_mapping
from models.registers import xlsx as xlsx_reader
from tests.registerfiles import TIPS_HEADER, excel_xlsx, xlsx


@pytest.fixture(autouse=True, params=["calamine", "openpyxl"])
def reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test reads its file both ways: with calamine, and streamed by openpyxl as a
    sheet too large for calamine is; both must give the same rows."""
    if request.param == "openpyxl":
        monkeypatch.setattr(xlsx_reader, "STREAM_ABOVE", -1)
    return str(request.param)


def read(path: Path, kind: str = "tips", **options: object) -> tuple[list, list[str]]:
    with open_register(path, kind, **options) as register:  # type: ignore[arg-type]
        rows = list(register.rows())
        return rows, [str(problem) for problem in register.problems]


def test_a_register_under_a_title_with_a_two_row_merged_header_is_placed(tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "so.xlsx",
        [
            ["SỔ THEO DÕI NGUỒN TIN VỀ TỘI PHẠM NĂM 2020"],
            [],
            ["STT", "Số hiệu", "Ngày", None, "Đơn vị thụ lý", "Tóm tắt nội dung", None, "Loại"],
            [None, None, "tiếp nhận", "giải quyết", None, None, None, None],
            [1, "NT-01", date(2020, 5, 28), None, "CA-SC", "Trộm cắp xe máy", None, "tố giác"],
            [
                2,
                "NT-02",
                date(2020, 6, 2),
                date(2020, 6, 20),
                "CA-QN",
                "Cướp giật",
                None,
                "Tin báo",
            ],
        ],
        merge=["A1:H1", "A3:A4", "B3:B4", "C3:D3", "E3:E4", "F3:G4", "H3:H4", "F5:G5", "F6:G6"],
    )
    with open_register(path, "tips") as register:
        assert register.mapping.row == 4
        assert register.mapping.placed == {
            "Số hiệu": "code",
            "Ngày tiếp nhận": "received_on",
            "Ngày giải quyết": "resolved_on",
            "Đơn vị thụ lý": "receiving_unit",
            "Tóm tắt nội dung": "summary",
            "Loại": "kind",
        }
        assert register.mapping.unplaced == [] and register.mapping.missing == ["status"]
        rows = list(register.rows())
    assert rows == [
        (
            5,
            {
                "code": "NT-01",
                "received_on": date(2020, 5, 28),
                "receiving_unit": "CA-SC",
                "summary": "Trộm cắp xe máy",
                "kind": "to_giac",
            },
        ),
        (
            6,
            {
                "code": "NT-02",
                "received_on": date(2020, 6, 2),
                "resolved_on": date(2020, 6, 20),
                "receiving_unit": "CA-QN",
                "summary": "Cướp giật",
                "kind": "tin_bao",
            },
        ),
    ]


def test_rows_keep_the_sheets_numbers_when_the_table_starts_lower_and_further_right(
    tmp_path: Path,
) -> None:
    rows: list[list[object]] = [[], [], [None, None, "Mã", "Tên", "Đơn vị"]]
    rows += [[None, None, f"X{n}", f"Xã {n}", "CA-SC"] for n in range(3)]
    rows += [[], [None, None, "X9", "Xã 9", "CA-QN"]]
    found, problems = read(xlsx(tmp_path / "xa.xlsx", rows), "localities")
    assert [number for number, _ in found] == [4, 5, 6, 8]
    assert found[-1][1] == {"code": "X9", "name": "Xã 9", "unit_code": "CA-QN"}
    assert problems == []


def test_excel_dates_serial_numbers_and_typed_dates_all_become_dates(tmp_path: Path) -> None:
    typed = [
        date(2020, 5, 28),
        datetime(2020, 5, 28, 14, 30),
        43979,  # a serial number in a cell not formatted as a date
        "28/05/2020",
        "28/5/2020",
        "2020-05-28",
        " 28.05.2020 ",
        "ngày 28 tháng 5 năm 2020",
    ]
    rows = [["Mã", "Ngày tiếp nhận"]] + [[f"T{n}", value] for n, value in enumerate(typed)]
    found, problems = read(xlsx(tmp_path / "d.xlsx", rows))
    assert [values["received_on"] for _, values in found] == [date(2020, 5, 28)] * len(typed)
    assert problems == []


@pytest.mark.parametrize("written", ["31/02/2020", "2020", "hôm qua", "28/05/20"])
def test_a_date_that_is_none_is_a_problem_of_its_cell(tmp_path: Path, written: str) -> None:
    found, problems = read(xlsx(tmp_path / "d.xlsx", [["Mã", "Ngày tiếp nhận"], ["T1", written]]))
    assert found == [(2, {"code": "T1"})]
    assert problems == [
        f"row 2, column received_on: {written} — không đọc được thành ngày (dd/mm/yyyy)"
    ]


def test_a_year_typed_as_a_number_in_a_date_column_is_not_a_day_of_1905(tmp_path: Path) -> None:
    _, problems = read(xlsx(tmp_path / "d.xlsx", [["Mã", "Ngày tiếp nhận"], ["T1", 2020]]))
    assert problems == ["row 2, column received_on: 2020 — không đọc được thành ngày (dd/mm/yyyy)"]


def test_a_1904_workbook_counts_its_serial_numbers_from_1904(tmp_path: Path) -> None:
    cells = [
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="1"><v>42517</v></c></row>',
        '<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3"><v>42517</v></c></row>',
    ]
    path = excel_xlsx(
        tmp_path / "mac.xlsx",
        cells,
        shared=["<t>Mã</t>", "<t>Ngày tiếp nhận</t>", "<t>T1</t>", "<t>T2</t>"],
        styles=((0, 0), (164, 0)),
        date1904=True,
    )
    found, _ = read(path)
    assert [values["received_on"] for _, values in found] == [date(2020, 5, 28)] * 2


def test_cells_in_legacy_fonts_are_converted_and_reported(tmp_path: Path) -> None:
    rows = [
        TIPS_HEADER,
        ["T1", "tè gi¸c", "28/05/2020", "CA-SC", "Trém c¾p xe m¸y t¹i Hµ Néi", "®ang x¸c minh"],
        ["T2", "tin baùo", "29/05/2020", "CA-SC", "Cöôùp giaät ôû Quy Nhôn", "ñaõ khôûi toá"],
        ["T3", "tè gi¸c", "30/05/2020", "CA-SC", "®Ìo c¶ m«ng", "Đã khởi tố"],
        ["T4", "Tố giác", "31/05/2020", "CA-SC", "Trộm cắp", "Đang xác minh"],
    ]
    fonts = {"B2": ".VnTime", "E2": ".VnTime", "F2": ".VnTime"}
    fonts |= {"B3": "VNI-Times", "E3": "VNI-Times", "F3": "VNI-Times"}
    fonts |= {"B4": ".VnTime", "E4": ".VnTimeH", "F4": ".VnTime"}
    fonts |= {"B5": ".VnTime"}  # Unicode typed in a legacy font is left as it is
    with open_register(xlsx(tmp_path / "l.xlsx", rows, fonts=fonts), "tips") as register:
        read = list(register.detailed_rows())
        assert [r.values["summary"] for r in read] == [
            "Trộm cắp xe máy tại Hà Nội",
            "Cướp giật ở Quy Nhơn",
            "ĐÈO CẢ MÔNG",
            "Trộm cắp",
        ]
        assert [(r.values["kind"], r.values["status"]) for r in read] == [
            ("to_giac", "verifying"),
            ("tin_bao", "case_opened"),
            ("to_giac", "case_opened"),
            ("to_giac", "verifying"),
        ]
        assert read[0].converted == {"kind": TCVN3, "summary": TCVN3, "status": TCVN3}
        assert read[1].converted == {"kind": VNI, "summary": VNI, "status": VNI}
        assert read[2].converted == {"kind": TCVN3, "summary": TCVN3_CAPITALS}
        assert read[3].converted == {}
        assert register.column_encodings()["summary"] == TCVN3
        assert register.encodings["summary"] == {TCVN3: 1, VNI: 1, TCVN3_CAPITALS: 1, "unicode": 1}
        shown = register.conversions[1]
        assert (shown.row, shown.column, shown.encoding) == (2, "summary", TCVN3)
        assert (shown.original, shown.text) == (
            "Trém c¾p xe m¸y t¹i Hµ Néi",
            read[0].values["summary"],
        )


def test_a_header_typed_in_a_legacy_font_is_placed(tmp_path: Path) -> None:
    rows: list[list[Any]] = [["M·", "Ngµy tiÕp nhËn", "®¬n vÞ thô lý"], ["T1", date(2020, 5, 28)]]
    fonts = {"A1": ".VnTimeH", "B1": ".VnTimeH", "C1": ".VnTimeH"}
    with open_register(xlsx(tmp_path / "h.xlsx", rows, fonts=fonts), "tips") as register:
        assert register.mapping.placed == {
            "MÃ": "code",
            "NGÀY TIẾP NHẬN": "received_on",
            "ĐƠN VỊ THỤ LÝ": "receiving_unit",
        }


def test_runs_of_a_rich_text_cell_are_read_each_in_its_own_font(tmp_path: Path) -> None:
    rich = (
        '<r><rPr><rFont val="Times New Roman"/></rPr><t xml:space="preserve">Đội CSHS: </t></r>'
        '<r><rPr><b/><rFont val=".VnTime"/></rPr><t>trém c¾p</t></r>'
    )
    cells = [
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>',
    ]
    shared = ["<t>Mã</t>", "<t>Tóm tắt</t>", "<t>T1</t>", rich]
    found, _ = read(excel_xlsx(tmp_path / "rich.xlsx", cells, shared=shared))
    assert found == [(2, {"code": "T1", "summary": "Đội CSHS: trộm cắp"})]


def test_fonts_of_cell_styles_are_found_in_a_file_excel_wrote(tmp_path: Path) -> None:
    cells = [
        '<row r="1"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="1" t="s"><v>1</v></c></row>',
        '<row r="2" s="2" customFormat="1"><c r="A2" t="s"><v>2</v></c>'
        '<c r="B2" s="2" t="s"><v>3</v></c></row>',
        '<row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3" t="s"><v>3</v></c></row>',
    ]
    shared = ["<t>Mã</t>", "<t>Tóm tắt</t>", "<t>T1</t>", "<t>Hµ Néi</t>", "<t>T2</t>"]
    path = excel_xlsx(
        tmp_path / "styles.xlsx",
        cells,
        shared=shared,
        fonts=("Times New Roman", "Arial", ".VnTime"),
        styles=((0, 0), (0, 1), (0, 2)),
    )
    found, _ = read(path)
    assert found == [
        (2, {"code": "T1", "summary": "Hà Nội"}),
        (3, {"code": "T2", "summary": "Hµ Néi"}),
    ]


def test_formula_and_error_cells_are_problems_not_values(tmp_path: Path) -> None:
    cells = [
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="s"><v>2</v></c></row>',
        '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2"><f>TODAY()-3</f><v>43979</v></c>'
        '<c r="C2" t="str"><f>A2&amp;"x"</f><v>T1x</v></c></row>',
        '<row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
        '<c r="C3" t="e"><v>#N/A</v></c></row>',
        '<row r="4"><c r="A4" t="s"><v>5</v></c><c r="B4"><f t="shared" si="0"/><v>1</v></c></row>',
    ]
    shared = ["<t>Mã</t>", "<t>Ngày tiếp nhận</t>", "<t>Tóm tắt</t>", "<t>T1</t>", "<t>T2</t>"]
    found, problems = read(excel_xlsx(tmp_path / "f.xlsx", cells, shared=shared + ["<t>T3</t>"]))
    assert found == [(2, {"code": "T1"}), (3, {"code": "T2"}), (4, {"code": "T3"})]
    formula = "là công thức: hãy thay bằng giá trị (Dán đặc biệt → Giá trị)"
    assert problems == [
        f"row 2, column received_on: =TODAY()-3 — {formula}",
        f'row 2, column summary: =A2&"x" — {formula}',
        f"row 3, column received_on: =1/0 — {formula}",  # its result is #DIV/0!
        "row 3, column summary: #N/A — ô đang báo lỗi",
        f"row 4, column received_on: =… — {formula}",
    ]


def test_openpyxl_formulas_are_problems_too(tmp_path: Path) -> None:
    rows = [["Mã", "Tóm tắt"], ["T1", "=A2"], ["T2", "bình thường"]]
    found, problems = read(xlsx(tmp_path / "f.xlsx", rows))
    assert found == [(2, {"code": "T1"}), (3, {"code": "T2", "summary": "bình thường"})]
    assert problems == [
        "row 2, column summary: =A2 — là công thức: hãy thay bằng giá trị (Dán đặc biệt → Giá trị)"
    ]


def test_a_decision_number_merged_over_its_recipients_rows_is_on_each_row(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        [
            "Số QĐ",
            "Ngày ký",
            "Cơ quan ban hành",
            "Hình thức",
            "Tập thể/Cá nhân",
            "Họ tên",
            "Thành tích",
        ],
        [
            "12/QĐ-UBND",
            date(2020, 5, 28),
            "UBND TX Sông Cầu",
            "Giấy khen",
            "Cá nhân",
            "Lê Văn An",
            "Phá án",
        ],
        [None, None, None, None, "Tập thể", "Đội CSHS", "Phá án"],
    ]
    path = xlsx(tmp_path / "kt.xlsx", rows, merge=["A2:A3", "B2:B3", "C2:C3", "D2:D3"])
    found, problems = read(path, "awards")
    decision = {
        "decision_no": "12/QĐ-UBND",
        "decided_on": date(2020, 5, 28),
        "issuer": "UBND TX Sông Cầu",
        "form": "giay_khen",
    }
    assert found == [
        (
            2,
            {
                **decision,
                "recipient_kind": "individual",
                "recipient_name": "Lê Văn An",
                "achievement": "Phá án",
            },
        ),
        (
            3,
            {
                **decision,
                "recipient_kind": "collective",
                "recipient_name": "Đội CSHS",
                "achievement": "Phá án",
            },
        ),
    ]
    assert problems == []


def test_a_row_numbering_the_columns_under_the_header_is_not_data(tmp_path: Path) -> None:
    rows = [["Mã", "Tên", "Đơn vị"], ["(1)", "(2)", "(3)"], ["X1", "Xã 1", "CA-SC"]]
    found, _ = read(xlsx(tmp_path / "n.xlsx", rows), "localities")
    assert found == [(3, {"code": "X1", "name": "Xã 1", "unit_code": "CA-SC"})]


def test_a_mapping_file_places_what_the_names_cannot(tmp_path: Path) -> None:
    rows = [["Mã", "Thời điểm nhận", "Ghi chú", "Diễn biến"], ["T1", "28/05/2020", "x", "Trộm"]]
    path = xlsx(tmp_path / "m.xlsx", rows)
    with open_register(path, "tips") as register:
        assert register.mapping.unplaced == ["Thời điểm nhận", "Ghi chú", "Diễn biến"]
        assert [str(p) for p in register.mapping.problems()][0] == (
            "row 1, column Thời điểm nhận:  — cột B: không biết tiêu đề này ứng với trường nào"
            " (dùng tệp ánh xạ cột)"
        )
    mapping = tmp_path / "cot.json"
    mapping.write_text(
        '{"kind": "tips", "columns": {"THOI DIEM NHAN": "received_on", "Ghi chú": null,'
        ' "Diễn biến": "summary"}}',
        encoding="utf-8",
    )
    with open_register(path, "tips", mapping=mapping) as register:
        assert register.mapping.unplaced == []
        assert list(register.rows()) == [
            (2, {"code": "T1", "received_on": date(2020, 5, 28), "summary": "Trộm"})
        ]
        saved = tmp_path / "saved.json"
        save_mapping(register.mapping, saved)
    with open_register(path, "tips", mapping=saved) as again:
        assert again.mapping.placed == register.mapping.placed


@pytest.mark.parametrize(
    "text",
    ['{"kind": "cases", "columns": {}}', "not json", '{"kind": "tips", "columns": {"A": "nope"}}'],
)
def test_a_mapping_file_for_another_kind_or_column_is_refused(tmp_path: Path, text: str) -> None:
    mapping = tmp_path / "cot.json"
    mapping.write_text(text, encoding="utf-8")
    with pytest.raises(Refused):
        open_register(xlsx(tmp_path / "m.xlsx", [["Mã"], ["T1"]]), "tips", mapping=mapping)


def test_a_field_given_twice_is_reported_and_read_from_the_first_column(tmp_path: Path) -> None:
    rows = [["Mã", "Tên", "Tên", "Đơn vị"], ["X1", "Xã 1", "Xã Một", "CA-SC"]]
    with open_register(xlsx(tmp_path / "dup.xlsx", rows), "localities") as register:
        assert [str(p) for p in register.mapping.problems()] == [
            "row 1, column Tên:  — cột C: trường này đã có ở một cột trước"
        ]
        assert list(register.rows()) == [(2, {"code": "X1", "name": "Xã 1", "unit_code": "CA-SC"})]


def test_a_sheet_is_picked_by_name_and_the_first_visible_one_by_default(tmp_path: Path) -> None:
    more = {"Năm 2021": [["Mã", "Tên", "Đơn vị"], ["X21", "Xã 21", "CA"]], "Ẩn": [["x"]]}
    path = xlsx(tmp_path / "s.xlsx", [["Mã", "Tên", "Đơn vị"], ["X20", "Xã", "CA"]], more=more)
    assert read(path, "localities")[0][0][1]["code"] == "X20"
    assert read(path, "localities", sheet="nam 2021")[0][0][1]["code"] == "X21"
    hidden = xlsx(tmp_path / "h.xlsx", [["x"]], title="Ẩn", hidden=["Ẩn"], more=more)
    assert read(hidden, "localities")[0][0][1]["code"] == "X21"
    with pytest.raises(Refused) as refused:
        open_register(path, "localities", sheet="2022")
    assert refused.value.params == {"sheet": "2022", "sheets": "Sổ, Năm 2021, Ẩn"}


def test_a_sheet_without_a_header_is_refused(tmp_path: Path) -> None:
    with pytest.raises(Refused) as refused:
        open_register(xlsx(tmp_path / "x.xlsx", [["a", "b"], [1, 2]]), "tips")
    assert refused.value.key == "import.no_header"
