"""Each figure of the review on small hand-made data, including the edges of the period."""

from datetime import date

import pytest
from sqlalchemy import Engine

from models import CAMPAIGNS, CASES, SUSPECTS, TIPS, report
from models.awards import AWARD_DECISIONS, AWARD_RECIPIENTS
from models.db import read_session
from models.i18n import set_language

from .conftest import create

START, END = date(2017, 1, 1), date(2017, 12, 31)


def review(engine: Engine, start: date = START, end: date = END) -> report.Review:
    with read_session(engine) as session:
        return report.compute(session, start, end)


def tip(
    engine: Engine,
    code: str,
    received: str,
    status: str = "received",
    resolved: str | None = None,
    partner: str | None = "B",
    extended: str | None = None,
) -> None:
    create(
        engine,
        TIPS,
        code=code,
        kind="tin_bao",
        received_on=received,
        receiving_unit="A",
        partner_unit=partner,
        summary="Tin báo",
        status=status,
        resolved_on=resolved,
        extended_to=extended,
    )


def case(
    engine: Engine,
    code: str,
    occurred: str,
    locality: str = "LA",
    status: str = "investigating",
    cleared: str | None = None,
    coordination: str = "joint",
) -> None:
    create(
        engine,
        CASES,
        code=code,
        title="Vụ trộm",
        article="173",
        occurred_on=occurred,
        locality=locality,
        lead_unit="A",
        coordinating_units="B" if coordination != "none" else None,
        coordination=coordination,
        status=status,
        cleared_on=cleared,
    )


def test_an_empty_database_gives_zeros_and_a_zero_rate(engine: Engine) -> None:
    figures = review(engine).as_json()
    assert figures["cases"] == {
        "occurred": 0,
        "cleared": 0,
        "clearance_rate": 0,
        "joint_cleared": 0,
    }
    assert figures["period"] == {"from": "2017-01-01", "to": "2017-12-31"}


def test_tips_received_exchanged_and_verified(two_units: Engine) -> None:
    tip(two_units, "T0", "2016-12-31", "no_case", "2017-01-05")  # received before: not received
    tip(two_units, "T1", "2017-01-01", "case_opened", "2017-01-10")  # first day
    tip(two_units, "T2", "2017-12-31")  # last day, exchanged, open
    tip(two_units, "T3", "2017-06-01", "no_case", "2017-06-10", partner=None)  # not exchanged
    tip(two_units, "T4", "2017-12-20", "no_case", "2018-01-02")  # resolved after the period
    tip(two_units, "T5", "2017-03-01", "transferred", "2017-03-05")  # not an outcome that counts
    tip(two_units, "T6", "2018-01-01")
    figures = review(two_units)
    assert (figures.tips_received, figures.tips_exchanged) == (5, 4)
    # T0 (resolved inside, received before) and T1 count; T3 not exchanged; T4 resolved later.
    assert figures.tips_verified == 2


def test_overdue_tips_at_the_end_of_the_period(two_units: Engine) -> None:
    tip(two_units, "OPEN-LATE", "2017-12-01")  # deadline 21/12 < 31/12: overdue
    tip(two_units, "DEADLINE-ON-END", "2017-12-11")  # deadline 31/12 is not before 31/12
    tip(two_units, "EXTENDED", "2017-11-20", "verifying", extended="2018-01-20")
    tip(two_units, "RESOLVED-ON-END", "2017-11-01", "no_case", "2017-12-31")
    tip(two_units, "RESOLVED-AFTER", "2017-11-01", "no_case", "2018-01-03")  # open on 31/12
    tip(two_units, "NEXT-YEAR", "2018-01-02")
    assert review(two_units).tips_overdue == 2
    # On 21/12 only OPEN-LATE's deadline is not yet past, and RESOLVED-ON-END is overdue.
    assert review(two_units, START, date(2017, 12, 21)).tips_overdue == 2
    assert review(two_units, START, date(2017, 11, 21)).tips_overdue == 0


def test_campaigns_held_by_start_date(two_units: Engine) -> None:
    # two_units has CD1 starting 10/01/2017.
    for code, starts, ends in [
        ("C2", "2016-12-20", "2017-01-20"),
        ("C3", "2017-12-31", "2018-01-31"),
    ]:
        create(
            two_units, CAMPAIGNS, code=code, name=code, starts_on=starts, ends_on=ends, units="A"
        )
    assert review(two_units).campaigns_held == 2
    assert review(two_units, date(2016, 1, 1), date(2016, 12, 31)).campaigns_held == 1


def test_cases_occurred_cleared_and_joint(two_units: Engine) -> None:
    case(two_units, "C1", "2017-01-01", status="cleared", cleared="2017-01-20")
    case(two_units, "C2", "2017-12-31", status="cleared", cleared="2017-12-31")
    case(
        two_units,
        "C3",
        "2017-05-01",
        status="closed",
        cleared="2017-06-01",
        coordination="directed",
    )
    case(two_units, "C4", "2017-12-01", status="cleared", cleared="2018-01-05")  # cleared later
    case(two_units, "C5", "2017-07-01")  # investigating
    case(
        two_units, "C6", "2017-07-01", locality="LA2", status="cleared", cleared="2017-07-05"
    )  # not in the border zone
    case(two_units, "C7", "2016-12-31", status="cleared", cleared="2017-01-02")  # before
    case(
        two_units,
        "C8",
        "2017-03-03",
        locality="LB",
        status="cleared",
        cleared="2017-03-09",
        coordination="none",
    )
    figures = review(two_units)
    assert (figures.cases_occurred, figures.cases_cleared, figures.cases_joint_cleared) == (6, 4, 2)
    assert figures.clearance_rate == pytest.approx(4 / 6)
    assert figures.as_json()["cases"]["clearance_rate"] == 0.6667
    # Cleared on 05/01/2018: counted when the period reaches that day.
    assert review(two_units, START, date(2018, 1, 5)).cases_cleared == 5


def test_suspects_arrested_in_the_period_for_border_zone_cases(two_units: Engine) -> None:
    case(two_units, "BZ", "2016-11-01")
    case(two_units, "IN", "2017-02-01", locality="LA2", coordination="none")
    for code, cases, status, arrested in [
        ("S1", "BZ", "arrested", "2017-01-01"),  # border case from 2016, arrested in the period
        ("S2", "BZ;IN", "handled", "2017-12-31"),  # one of its cases is in the border zone
        ("S3", "IN", "arrested", "2017-05-05"),  # inland only
        ("S4", "BZ", "arrested", "2016-12-31"),
        ("S5", "BZ", "wanted", None),
        ("S6", "BZ", "surrendered", None),
    ]:
        create(
            two_units,
            SUSPECTS,
            code=code,
            full_name=f"Đối tượng {code}",
            case_codes=cases,
            status=status,
            arrested_on=arrested,
        )
    assert review(two_units).suspects_arrested == 2


def test_award_recipients_by_kind_and_decision_date(two_units: Engine) -> None:
    for number, day, kinds in [
        ("1/QĐ", "2017-01-01", "ci"),
        ("2/QĐ", "2017-12-31", "cii"),
        ("3/QĐ", "2018-01-01", "cc"),
    ]:
        decision = create(
            two_units,
            AWARD_DECISIONS,
            decision_no=number,
            decided_on=day,
            issuer="UBND",
            form="giay_khen",
        )
        for index, kind in enumerate(kinds):
            create(
                two_units,
                AWARD_RECIPIENTS,
                decision=decision.code,
                recipient_kind="collective" if kind == "c" else "individual",
                recipient_name=f"Người {number} {index}",
                achievement=f"Thành tích {number}",
            )
    figures = review(two_units)
    assert (figures.awards_collective, figures.awards_individual) == (2, 3)


def test_the_text_review_reads_like_the_seed(two_units: Engine) -> None:
    for index in range(7):
        case(two_units, f"C{index}", "2017-03-01", status="cleared", cleared="2017-03-05")
    case(two_units, "C9", "2017-03-01")
    text = review(two_units).as_text()
    assert "Từ ngày 01/01/2017 đến ngày 31/12/2017" in text
    assert "làm rõ 7/8 vụ phạm pháp hình sự ở địa bàn giáp ranh (đạt 87,5%)" in text
    assert "Thực hiện 01 đợt cao điểm" in text
    assert "Các đơn vị: Công an thị xã Sông Cầu." in text
    set_language("en")
    assert "Cleared 7 of 8 criminal cases in the border zone (87.5%)" in review(two_units).as_text()


def test_an_arrest_counts_while_one_of_its_cases_is_in_the_border_zone(two_units: Engine) -> None:
    """The suspect's border zone is derived; it follows its case's locality and the locality's
    own border zone when either changes."""
    from models import KINDS, Actor, records
    from models.db import write_session

    case(two_units, "V1", "2017-03-01", locality="LA2")  # inland
    create(
        two_units,
        SUSPECTS,
        code="S1",
        full_name="Trần Văn Bắt",
        case_codes="V1",
        status="arrested",
        arrested_on="2017-03-02",
    )
    assert review(two_units).suspects_arrested == 0

    def change(kind: str, code: str, **changes: object) -> None:
        with write_session(two_units) as session:
            current = records.get(session, KINDS[kind], code)
            records.update(
                session,
                actor=Actor.local_admin(),
                kind=KINDS[kind],
                key=code,
                expected_version=current.version,
                changes=changes,
            )

    change("cases", "V1", locality="LA")  # the case moves into the border zone
    assert review(two_units).suspects_arrested == 1
    change("localities", "LA", border_zone="no")  # the border zone moves away from it
    assert review(two_units).suspects_arrested == 0
    change("localities", "LA", border_zone="yes")
    assert review(two_units).suspects_arrested == 1
