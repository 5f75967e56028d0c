"""`giapranh import` of the units' registers: every format through the same bulk path, values
compared as values, the defects of issue 15 in the import path, export to .xlsx and back."""

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from models import KINDS, Actor, csvio, demo, records
from models.db import open_database, read_session, write_session
from models.errors import InvalidInput, Refused
from models.registers import write_xlsx
from models.registers.importing import read_register
from tests.registerfiles import ods, xls, xlsx
from tests.test_cli import giapranh
from tests.test_csvio import counts, import_text, problems

AWARD_HEADER = (
    "decision_no,decided_on,issuer,form,recipient_kind,recipient_name,recipient_unit,"
    "rank,position,achievement,campaign_code"
)


def _award(number: str, day: str, issuer: str, name: str, achievement: str) -> str:
    return f"{number},{day},{issuer},giay_khen,collective,{name},A,,,{achievement},"


def test_awards_already_given_are_listed_not_a_crash(two_units: Engine) -> None:
    first = [
        _award(
            "0511/QĐ-UBND",
            "2011-06-12",
            "UBND thị xã Sông Cầu",
            "Đội Cảnh sát hình sự 3",
            "Thành tích xuất sắc trong thực hiện qui chế phối hợp (3)",
        ),
        _award(
            "9911/QĐ-UBND",
            "2012-01-05",
            "UBND thành phố Qui Nhơn",
            "Đội Cảnh sát hình sự 2",
            "Thành tích xuất sắc trong thực hiện qui chế phối hợp (2)",
        ),
    ]
    assert import_text(two_units, "awards", "\n".join([AWARD_HEADER, *first])) == 2
    before = counts(two_units)
    new = [
        _award(f"{n}/QĐ-UBND", "2013-02-01", "UBND tỉnh", f"Đội {n}", f"Thành tích {n}")
        for n in range(100, 112)
    ]
    second = [
        _award(
            "9912/QĐ-UBND",
            "2013-01-05",
            "UBND thị xã Sông Cầu",
            "Đội Cảnh sát hình sự 3",
            "Thành tích xuất sắc trong thực hiện qui chế phối hợp (3)",
        ),
        *new[:6],
        _award(
            "0412/QĐ-UBND",
            "2012-11-18",
            "UBND thành phố Qui Nhơn",
            "Đội Cảnh sát hình sự 2",
            "Thành tích xuất sắc trong thực hiện qui chế phối hợp (2)",
        ),
        *new[6:],
    ]
    found = problems(two_units, "awards", "\n".join([AWARD_HEADER, *second]))
    assert [line.split(",")[0] for line in found] == ["row 2", "row 9"], found
    assert counts(two_units) == before


# --- through the registers readers, as `giapranh import` reads a file ------------------------


def import_file(engine: Engine, kind: str, path: Path, **options: Any) -> int:
    with read_register(path, kind, **options) as plan, write_session(engine) as session:
        return plan.import_into(session, Actor.local_admin())


def file_problems(engine: Engine, kind: str, path: Path, **options: Any) -> list[str]:
    with pytest.raises(InvalidInput) as raised:
        import_file(engine, kind, path, **options)
    return [str(problem) for problem in raised.value.problems]


TIPS = [
    "Mã",
    "Loại",
    "Ngày tiếp nhận",
    "Đơn vị thụ lý",
    "Địa bàn",
    "Tóm tắt nội dung",
    "Tình trạng",
]


def _tip(engine: Engine, code: str) -> dict[str, Any]:
    with read_session(engine) as session:
        return KINDS["tips"].snapshot(records.get(session, KINDS["tips"], code))


def test_an_xlsx_register_with_a_title_row_merged_header_and_excel_dates(
    two_units: Engine, tmp_path: Path
) -> None:
    rows: list[list[Any]] = [
        ["SỔ THEO DÕI NGUỒN TIN VỀ TỘI PHẠM NĂM 2017", None, None, None, None, None, None],
        ["STT", *TIPS],
        [1, "T1", "Tố giác về tội phạm", date(2017, 3, 5), "A", "LA", "Trộm xe máy", "Tiếp nhận"],
        [2, " T2 ", "tin báo", 42800, "A", "LA", "Đánh bạc  ở chợ", "đang xác minh"],
        [3, "T3", "to_giac", "6/4/2017", "A", "LA2", "Cướp giật", "received"],
    ]
    path = xlsx(tmp_path / "so.xlsx", rows, merge=["A1:H1"])
    assert import_file(two_units, "tips", path) == 3
    assert _tip(two_units, "T1")["received_on"] == date(2017, 3, 5)
    second = _tip(two_units, "T2")
    assert second["received_on"] == date(2017, 3, 6)  # serial 42800
    assert (second["kind"], second["status"], second["summary"]) == (
        "tin_bao",
        "verifying",
        "Đánh bạc ở chợ",
    )
    assert _tip(two_units, "T3")["received_on"] == date(2017, 4, 6)


def test_ods_and_xls_registers(two_units: Engine, tmp_path: Path) -> None:
    header = ["code", "name", "unit_code", "Giáp ranh"]
    path = ods(
        tmp_path / "xa.ods", [header, ["X1", "Xã Một", "A", "có"], ["X2", "Xã Hai", "B", ""]]
    )
    assert import_file(two_units, "localities", path) == 2
    cells = {(0, c): name for c, name in enumerate(header)}
    cells |= {(1, 0): "X3", (1, 1): "Xã Ba", (1, 2): "A", (1, 3): "x"}
    assert import_file(two_units, "localities", xls(tmp_path / "xa.xls", cells)) == 1
    with read_session(two_units) as session:
        zones = {
            code: records.get(session, KINDS["localities"], code).border_zone
            for code in ("X1", "X2", "X3")
        }
    assert zones == {"X1": True, "X2": False, "X3": True}


def test_legacy_text_is_converted_cell_by_cell(two_units: Engine, tmp_path: Path) -> None:
    rows = [TIPS, ["T9", "to_giac", "05/03/2017", "A", "LA", "Trém c¾p xe m¸y", "received"]]
    path = xlsx(tmp_path / "vntime.xlsx", rows, fonts={"F2": ".VnTime"})
    with read_register(path, "tips") as plan, write_session(two_units) as session:
        plan.import_into(session, Actor.local_admin())
        assert plan.column_encodings()["summary"] == "tcvn3"
    assert _tip(two_units, "T9")["summary"] == "Trộm cắp xe máy"


def test_a_mapping_file_saved_and_passed_again(two_units: Engine, tmp_path: Path) -> None:
    rows = [
        [*TIPS, "Ghi chú", "Ngày nhận đơn"],
        ["T1", "to_giac", "", "A", "LA", "Trộm", "received", "x", "05/03/2017"],
    ]
    path = xlsx(tmp_path / "so.xlsx", rows)
    found = file_problems(two_units, "tips", path)
    assert any("Ghi chú" in line for line in found), found
    with read_register(path, "tips") as plan:
        assert plan.unplaced() == ["Ghi chú", "Ngày nhận đơn"]
        plan.save_mapping(tmp_path / "m.json")
    saved = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    saved["columns"] |= {"Ghi chú": None, "Ngày nhận đơn": "received_on", "Ngày tiếp nhận": None}
    (tmp_path / "m.json").write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
    assert import_file(two_units, "tips", path, mapping=tmp_path / "m.json") == 1
    assert _tip(two_units, "T1")["received_on"] == date(2017, 3, 5)


def test_bad_rows_in_the_sheets_own_row_numbers_and_nothing_written(
    two_units: Engine, tmp_path: Path
) -> None:
    rows: list[list[Any]] = [
        ["Sổ nguồn tin"],
        [],
        TIPS,
        ["T1", "to_giac", "05/03/2017", "A", "LA", "Trộm", "received"],
        ["T2", "to_giac", "31/02/2017", "A", "LA", "Cướp", "received"],
        ["T3", "to_giac", "0001-01-01", "A", "LA", "Cướp", "received"],
        ["T4", "to_giac", "06/03/2017", "A", "NOWHERE", "Cướp", "received"],
    ]
    before = counts(two_units)
    found = file_problems(two_units, "tips", xlsx(tmp_path / "bad.xlsx", rows))
    assert found == [
        "row 5, column received_on: 31/02/2017 — không đọc được thành ngày (dd/mm/yyyy)",
        "row 6, column received_on: 0001-01-01 — ngày phải trong khoảng 01/01/1900 – 31/12/2999",
        "row 7, column locality: NOWHERE — không có xã/phường mã này",
    ], found
    assert counts(two_units) == before


@pytest.mark.parametrize("day", ["0001-01-01", "01/01/1899", "9999-12-31"])
def test_dates_outside_the_sane_range_are_refused(two_units: Engine, day: str) -> None:
    found = problems(
        two_units,
        "campaigns",
        f"code,name,starts_on,ends_on,units,articles,localities\nC9,Đợt,2017-01-01,{day},A,,",
    )
    assert found == [
        f"row 2, column ends_on: {day} — ngày phải trong khoảng 01/01/1900 – 31/12/2999"
    ]


def test_a_header_given_twice_is_refused(two_units: Engine, tmp_path: Path) -> None:
    text = "code,name,level,name\nU9,Đơn vị chín,district,Khác\n"
    assert problems(two_units, "units", text) == [
        "row 1, column name:  — cột này có hai lần trong dòng tiêu đề"
    ]
    path = tmp_path / "u.csv"
    path.write_text(text, encoding="utf-8")
    found = file_problems(two_units, "units", path)
    assert found == ["row 1, column name:  — cột D: trường này đã có ở một cột trước"], found


def test_a_hundred_thousand_unknown_columns_give_a_short_message(
    two_units: Engine, tmp_path: Path
) -> None:
    header = "code,name,level," + ",".join(f"extra{n}" for n in range(100_000))
    text = header + "\nU9,Đơn vị chín,district\n"
    found = problems(two_units, "units", text)
    assert len(found) == 21 and "99980" in found[-1], found[-1]
    path = tmp_path / "wide.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(Refused) as refused:
        file_problems(two_units, "units", path)
    assert "64000" in refused.value.message() and len(refused.value.message()) < 200
    narrower = "code,name,level," + ",".join(f"c{n}" for n in range(5_000))
    path.write_text(narrower + "\nU9,Đơn vị chín,district\n", encoding="utf-8")
    found = file_problems(two_units, "units", path)
    assert len(found) == 21 and "4980" in found[-1], found[-1]
    assert sum(map(len, found)) < 5_000


def test_award_rows_of_one_decision_agree_when_dates_are_equal_however_written(
    two_units: Engine, tmp_path: Path
) -> None:
    rows: list[list[Any]] = [
        AWARD_HEADER.split(","),
        [
            "12/QĐ-UBND",
            "28/05/2020",
            "UBND thị xã",
            "giay_khen",
            "collective",
            "Đội 1",
            "A",
            "",
            "",
            "Thành tích 1",
            "",
        ],
        [
            " 12/QĐ-UBND ",
            "2020-05-28",
            "UBND thị xã ",
            "Giấy khen",
            "tập thể",
            "Đội 2",
            "A",
            "",
            "",
            "Thành tích 2",
            "",
        ],
        [
            "12/QĐ-UBND",
            date(2020, 5, 28),
            "UBND thị xã",
            "giay_khen",
            "collective",
            "Đội 3",
            "A",
            "",
            "",
            "Thành tích 3",
            "",
        ],
    ]
    assert import_file(two_units, "awards", xlsx(tmp_path / "kt.xlsx", rows)) == 3
    assert counts(two_units)["award_decisions"] == 1
    text = "\n".join(
        [
            AWARD_HEADER,
            _award("13/QĐ", "28/05/2020", "UBND", "Đội 4", "Thành tích 4"),
            _award("13/QĐ", "2020-05-28", "UBND", "Đội 5", "Thành tích 5"),
        ]
    )
    assert import_text(two_units, "awards", text) == 2


def test_export_xlsx_reads_back_to_the_same_records(engine: Engine, tmp_path: Path) -> None:
    with write_session(engine) as session:
        demo.build(session)
    target = open_database(f"sqlite:///{tmp_path / 'copy.sqlite'}")
    for kind in csvio.IMPORT_ORDER:
        path = tmp_path / f"{kind}.xlsx"
        with read_session(engine) as session:
            rows = list(csvio.export_records(session, kind))
        write_xlsx(rows, [name for name, _ in csvio.COLUMNS[kind]], path, sheet=kind)
        assert import_file(target, kind, path) == len(rows), kind
        with read_session(target) as session:
            again = list(csvio.export_records(session, kind))
        assert again == rows, kind
        if kind == "tips":
            assert any(isinstance(row.get("received_on"), date) for row in rows)


def test_cli_dry_run_previews_then_imports_an_xlsx_and_exports_it_back(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.sqlite")
    units = tmp_path / "units.csv"
    units.write_text("code,name,level\nA,Công an thị xã Sông Cầu,district\n", encoding="utf-8")
    assert giapranh("import", "units", str(units), "--db", db).returncode == 0
    rows = [
        ["DANH SÁCH XÃ PHƯỜNG"],
        ["Mã xã", "Tên xã", "Đơn vị quản lý", "Giáp ranh", "Ghi chú"],
        ["X1", "Xã Xuân Hải", "A", "có", "ven biển"],
    ]
    path = xlsx(tmp_path / "xa.xlsx", rows, merge=["A1:E1"], title="Xã")
    dry = giapranh(
        "import",
        "localities",
        str(path),
        "--dry-run",
        "--save-mapping",
        str(tmp_path / "m.json"),
        "--db",
        db,
    )
    assert dry.returncode == 1, dry.stderr
    assert "B «Tên xã» → name" in dry.stdout and "«Ghi chú»" in dry.stdout
    assert "dòng 3: code=X1; name=Xã Xuân Hải; unit_code=A; border_zone=yes" in dry.stdout
    mapping = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    mapping["columns"]["Ghi chú"] = None
    (tmp_path / "m.json").write_text(json.dumps(mapping), encoding="utf-8")
    real = giapranh(
        "import",
        "localities",
        str(path),
        "--sheet",
        "Xã",
        "--mapping",
        str(tmp_path / "m.json"),
        "--db",
        db,
    )
    assert real.returncode == 0, real.stderr
    out = tmp_path / "out.xlsx"
    assert (
        giapranh("export", "localities", "--format", "xlsx", "-o", str(out), "--db", db).returncode
        == 0
    )
    again = giapranh("import", "localities", str(out), "--dry-run", "--db", db)
    assert "X1" in again.stdout and "row 2, column code: X1 — mã đã tồn tại" in again.stdout, again


def test_cli_awards_already_given_exit_1_and_change_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.sqlite")
    units = tmp_path / "units.csv"
    units.write_text("code,name,level\nA,Công an thị xã Sông Cầu,district\n", encoding="utf-8")
    giapranh("import", "units", str(units), "--db", db)
    line = _award("1/QĐ", "2011-06-12", "UBND", "Đội 3", "Thành tích (3)")
    first = tmp_path / "a1.csv"
    first.write_text(f"{AWARD_HEADER}\n{line}\n", encoding="utf-8")
    assert giapranh("import", "awards", str(first), "--db", db).returncode == 0
    second = tmp_path / "a2.csv"
    again = _award("2/QĐ", "2013-01-05", "UBND", "Đội 3", "Thành tích (3)")
    second.write_text(f"{AWARD_HEADER}\n{again}\n", encoding="utf-8")
    before = giapranh("export", "awards", "--db", db).stdout
    result = giapranh("import", "awards", str(second), "--db", db)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "row 2, column achievement" in result.stderr
    assert giapranh("export", "awards", "--db", db).stdout == before
