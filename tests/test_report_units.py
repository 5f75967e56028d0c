"""The review by unit and against the same period a year earlier, on small hand-made data, on
SQLite and on PostgreSQL (the `engine` fixture)."""

from datetime import date

import pytest
from sqlalchemy import Engine

from models import CASES, SUSPECTS, TIPS, UNITS
from models.awards import AWARD_DECISIONS, AWARD_RECIPIENTS
from models.db import read_session
from models.report_document import place_of, review_report, symbol_of
from models.report_units import ComparedReview, a_year_earlier, compare, year_of

from .conftest import create

START, END = date(2017, 1, 1), date(2017, 12, 31)


def compared(engine: Engine, start: date = START, end: date = END) -> ComparedReview:
    with read_session(engine) as session:
        return compare(session, start, end)


def tip(engine: Engine, code: str, received: str, unit: str, partner: str | None = None) -> None:
    create(
        engine, TIPS, code=code, kind="tin_bao", received_on=received, receiving_unit=unit,
        partner_unit=partner, summary="Tin báo", status="received",
    )  # fmt: skip


def case(engine: Engine, code: str, occurred: str, unit: str, locality: str = "LA") -> None:
    create(
        engine, CASES, code=code, title="Vụ trộm", article="173", occurred_on=occurred,
        locality=locality, lead_unit=unit, coordination="none", status="investigating",
    )  # fmt: skip


def test_the_figures_split_by_unit_and_sub_units_roll_up(two_units: Engine) -> None:
    create(two_units, UNITS, code="AX", name="Công an xã Xuân Hải", parent_code="A")
    tip(two_units, "T1", "2017-03-01", "A", "B")
    tip(two_units, "T2", "2017-03-02", "AX")  # a commune's police under A: A's
    tip(two_units, "T3", "2017-03-03", "B", "A")
    tip(two_units, "T5", "2017-12-30", "A")  # not yet overdue on 31/12
    tip(two_units, "T4", "2016-03-03", "B")  # the year before
    case(two_units, "C1", "2017-04-01", "B", "LB")
    case(two_units, "C2", "2017-04-02", "A", "LA2")  # inland: not a review case
    figures = compared(two_units)
    units = figures.as_json()["units"]
    assert list(units) == ["A", "B"]  # the host (most records) first
    assert units["A"]["tips"] == {"received": 3, "exchanged": 1, "verified": 0, "overdue": 2}
    assert units["B"]["tips"]["received"] == 1 and units["B"]["cases"]["occurred"] == 1
    assert units["B"]["tips"]["overdue"] == 2  # T3, and T4 of 2016, still open
    assert units["A"]["cases"] == {
        "occurred": 0, "cleared": 0, "clearance_rate": 0, "joint_cleared": 0,
    }  # fmt: skip
    assert "campaigns" not in units["A"] and "period" not in units["A"]
    assert figures.as_json()["previous"]["tips"]["received"] == 1
    assert figures.as_json()["previous"]["period"] == {"from": "2016-01-01", "to": "2016-12-31"}
    # Every unit figure adds up to the whole.
    assert sum(unit["tips"]["received"] for unit in units.values()) == 4


def test_an_arrest_counts_for_the_lead_unit_of_the_first_border_case(two_units: Engine) -> None:
    case(two_units, "CB", "2017-02-01", "B", "LB")
    case(two_units, "CA", "2017-05-01", "A")
    case(two_units, "CI", "2017-01-01", "A", "LA2")  # inland, earlier: not counted
    for code, cases in (("S1", "CA;CB"), ("S2", "CA;CI"), ("S3", "CB")):
        create(
            two_units, SUSPECTS, code=code, full_name=f"Đối tượng {code}", case_codes=cases,
            status="arrested", arrested_on="2017-06-01",
        )  # fmt: skip
    units = compared(two_units).as_json()["units"]
    assert units["B"]["suspects"]["arrested"] == 2  # S1 (CB is its first), S3
    assert units["A"]["suspects"]["arrested"] == 1  # S2
    assert compared(two_units).current.suspects_arrested == 3


def test_an_award_recipient_without_a_unit_is_the_decisions_unit(two_units: Engine) -> None:
    decision = create(
        two_units, AWARD_DECISIONS, decision_no="9/QĐ", decided_on="2017-12-20",
        issuer="UBND thị xã Sông Cầu", form="giay_khen",
    )  # fmt: skip
    for index, (kind, unit) in enumerate((("collective", "A"), ("individual", None))):
        create(
            two_units, AWARD_RECIPIENTS, decision=decision.code, recipient_kind=kind,
            recipient_name=f"Người {index}", recipient_unit=unit, achievement="Bắt cướp",
        )  # fmt: skip
    units = compared(two_units).as_json()["units"]
    assert units == {
        "A": {**units["A"], "awards": {"collective": 1, "individual": 1}},
    }


def test_a_period_with_nothing_has_no_units_and_reads_well(two_units: Engine) -> None:
    figures = compared(two_units, date(2030, 1, 1), date(2030, 12, 31))
    assert figures.as_json()["units"] == {}
    text = figures.as_text()
    assert "Không có nguồn tin quá hạn giải quyết." in text
    assert "Không xảy ra vụ phạm pháp hình sự nào ở địa bàn giáp ranh." in text
    assert " 0 " not in text and "bằng cùng kỳ" not in text


@pytest.mark.parametrize(
    ("day", "earlier"),
    [
        (date(2020, 2, 29), date(2019, 2, 28)),
        (date(2017, 12, 31), date(2016, 12, 31)),
        (date(2016, 12, 15), date(2015, 12, 15)),
    ],
)
def test_the_same_day_a_year_earlier(day: date, earlier: date) -> None:
    assert a_year_earlier(day) == earlier


def test_the_year_of_a_period() -> None:
    assert year_of(date(2017, 1, 1), date(2017, 12, 31)) == 2017
    assert year_of(date(2016, 12, 15), date(2017, 12, 14)) == 2017  # the statistical year
    assert year_of(date(2017, 1, 1), date(2017, 6, 30)) is None


def test_a_units_place_and_symbol() -> None:
    assert place_of("Công an thị xã Sông Cầu") == "Sông Cầu"
    assert place_of("Công an thành phố Qui Nhơn") == "Qui Nhơn"
    assert symbol_of("Công an thị xã Sông Cầu") == "CATX"
    assert symbol_of("Công an thành phố Qui Nhơn") == "CATP"
    assert symbol_of("Công an huyện Đồng Xuân") == "CAH"


def test_a_joint_report_has_at_most_three_issuers_the_others_receive_it(two_units: Engine) -> None:
    for code in ("C", "D"):
        create(two_units, UNITS, code=code, name=f"Công an huyện {code}")
    for index, unit in enumerate(("A", "A", "A", "B", "B", "C", "D", "D")):
        tip(two_units, f"T{index}", "2017-03-01", unit)
    with read_session(two_units) as session:
        figures = compare(session, START, END)
        document = review_report(session, figures, signed_on=date(2018, 1, 5))
    assert [issuer.name for issuer in document.issuers] == [
        "Công an thị xã Sông Cầu",
        "Công an thành phố Qui Nhơn",
        "Công an huyện D",
    ]  # fmt: skip  (B and D hold as many: by code)
    assert len(document.signatures) == 3 and document.signatures[0].name == ""
    assert document.recipients == ("Công an huyện C",)
    assert (document.number, document.symbol, document.place) == (0, "BC-CATX-CATP-CAH", "Sông Cầu")


def test_the_appendix_says_what_it_leaves_out(two_units: Engine) -> None:
    for index in range(5):
        tip(two_units, f"T{index}", f"2017-03-0{index + 1}", "A")
    with read_session(two_units) as session:
        document = review_report(session, compare(session, START, END), limit=2)
    assert document.appendix is not None
    received = document.appendix.tables[0]
    assert [row["code"] for row in received.rows] == ["T0", "T1"]
    assert received.title == (
        "Nguồn tin tiếp nhận (2 hồ sơ đầu tiên trong tổng số 5; đủ cả trong tệp XLSX)"
    )
