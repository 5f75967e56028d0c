"""CSV import is all or nothing and lists every bad row; export writes back the same columns."""

import io
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from models import KINDS, Actor, ChangeLogEntry, csvio, demo, records, report
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
