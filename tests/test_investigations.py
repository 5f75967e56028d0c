"""The legal clock as stored, table by table, on SQLite and PostgreSQL: tips' deadlines against
the official schedules of 2024–2026, investigations' deadlines by crime category (month ends,
leap years), each extension step up to its maximum and the one after it refused; an import
derives them exactly as a single save does; 0008 computes again what an older import stored; the
review counts the exact deadlines."""

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine

from models import CASES, TIPS, Actor, csvio, records
from models.clock_decisions import CLOCK_DECISIONS
from models.db import read_session, write_session
from models.errors import InvalidInput

from .conftest import create

ADMIN = Actor("tester", "admin")
UNIT_ID = uuid.UUID("00000000-0000-4000-8000-00000000000a")

# (received, the 20th day, the last day the law gives: the next working day when it is off)
TIP_SCHEDULES = [
    ("2024-01-20", "2024-02-09", "2024-02-15"),  # Tết 2024: 8/2–14/2 off, then a weekend
    ("2025-01-10", "2025-01-30", "2025-02-03"),  # Tết 2025: 25/1–2/2
    ("2025-04-06", "2025-04-26", "2025-04-26"),  # the worked Saturday 26/4/2025
    ("2025-04-10", "2025-04-30", "2025-05-05"),  # 30/4–4/5/2025 with the swapped Friday 2/5
    ("2025-08-13", "2025-09-02", "2025-09-03"),  # 2/9/2025 and its adjacent Monday 1/9
    ("2026-01-26", "2026-02-15", "2026-02-23"),  # Tết 2026: 14/2–22/2
    ("2026-08-02", "2026-08-22", "2026-08-22"),  # the worked Saturday 22/8/2026
    ("2026-08-11", "2026-08-31", "2026-09-03"),  # Monday 31/8/2026 off, then 1/9–2/9
    ("2026-11-04", "2026-11-24", "2026-11-25"),  # Ngày Văn hóa Việt Nam from 2026
]
# (article, clause, operator's category, opened, category, the last day of the first limit)
CASE_CATEGORIES = [
    ("173", "1", None, "2023-12-31", "it_nghiem_trong", "2024-02-29"),  # 2 months, leap year
    ("173", "2", None, "2024-11-30", "nghiem_trong", "2025-02-28"),  # 3 months, month end
    ("173", "3", None, "2025-10-31", "rat_nghiem_trong", "2026-03-02"),  # 28/2 is a Saturday
    ("173", "4", None, "2021-10-31", "dac_biet_nghiem_trong", "2022-02-28"),  # 4 months
    ("173", "1", "rat_nghiem_trong", "2025-06-02", "rat_nghiem_trong", "2025-10-02"),  # set
    ("999", "1", "nghiem_trong", "2025-06-02", "nghiem_trong", "2025-09-03"),  # 2/9 off
]
# Each category opened on 15/01/2024 (16/01/2023 for the most serious), the last day after the
# base limit and after each extension at its longest, counted from the previous limit's end.
EXTENSIONS = [
    ("173", "1", "2024-01-15", ["2024-03-15", "2024-05-15"]),
    ("173", "2", "2024-01-15", ["2024-04-15", "2024-07-15", "2024-09-16"]),  # 15/9 a Sunday
    ("173", "3", "2024-01-15", ["2024-05-15", "2024-09-16", "2025-01-15"]),
    (
        "173",
        "4",
        "2023-01-16",  # three extensions, then the Supreme Procuracy's fourth: 20 months
        ["2023-05-16", "2023-09-18", "2024-01-16", "2024-05-16", "2024-09-16"],
    ),
]


def tip_row(code: str, received: str) -> dict[str, str]:
    return {
        "code": code,
        "kind": "to_giac",
        "received_on": received,
        "receiving_unit": "A",
        "summary": "Tố giác trộm cắp",
        "status": "verifying",
    }


def case_row(code: str, article: str, clause: str, opened: str, **more: str) -> dict[str, str]:
    return {
        "code": code,
        "title": "Trộm cắp tài sản",
        "article": article,
        "clause": clause,
        "occurred_on": (date.fromisoformat(opened) - timedelta(days=1)).isoformat(),
        "locality": "LA",
        "lead_unit": "A",
        "coordination": "none",
        "status": "investigating",
        "opened_on": opened,
        **more,
    }


def imported(engine: Engine, kind: str, rows: list[dict[str, str]]) -> int:
    with write_session(engine) as session:
        numbered = [(number, row) for number, row in enumerate(rows, start=2)]
        return csvio.import_rows(session, actor=ADMIN, kind=kind, rows=numbered)


def stored(engine: Engine, kind: Any, code: str) -> Any:
    with read_session(engine) as session:
        return records.get(session, kind, code)


def decide(engine: Engine, **data: Any) -> Any:
    return create(engine, CLOCK_DECISIONS, decided_by="Viện trưởng VKSND", **data)


@pytest.mark.parametrize(("received", "twentieth", "last_day"), TIP_SCHEDULES)
def test_a_tips_deadline_follows_the_official_schedule_saved_or_imported(
    two_units: Engine, received: str, twentieth: str, last_day: str
) -> None:
    assert date.fromisoformat(received) + timedelta(days=20) == date.fromisoformat(twentieth)
    create(two_units, TIPS, **tip_row("T1", received))
    assert imported(two_units, "tips", [tip_row("T2", received)]) == 1
    for code in ("T1", "T2"):
        tip = stored(two_units, TIPS, code)
        assert (code, tip.deadline_on, tip.clock_stage) == (
            code,
            date.fromisoformat(last_day),
            "base",
        )


@pytest.mark.parametrize(
    ("article", "clause", "chosen", "opened", "category", "last_day"), CASE_CATEGORIES
)
def test_an_investigations_deadline_follows_its_category_saved_or_imported(
    two_units: Engine,
    article: str,
    clause: str,
    chosen: str | None,
    opened: str,
    category: str,
    last_day: str,
) -> None:
    more = {"category": chosen} if chosen else {}
    create(two_units, CASES, **case_row("V1", article, clause, opened, **more))
    assert imported(two_units, "cases", [case_row("V2", article, clause, opened, **more)]) == 1
    for code in ("V1", "V2"):
        case = stored(two_units, CASES, code)
        assert (code, case.category, case.investigation_deadline_on, case.clock_stage) == (
            code,
            category,
            date.fromisoformat(last_day),
            "base",
        )


@pytest.mark.parametrize(("article", "clause", "opened", "last_days"), EXTENSIONS)
def test_each_investigation_extension_up_to_the_maximum_then_no_more(
    two_units: Engine, article: str, clause: str, opened: str, last_days: list[str]
) -> None:
    create(two_units, CASES, **case_row("V1", article, clause, opened))
    assert stored(two_units, CASES, "V1").investigation_deadline_on == date.fromisoformat(
        last_days[0]
    )
    for number, last_day in enumerate([*last_days[1:], None], start=1):
        deadline = stored(two_units, CASES, "V1").investigation_deadline_on
        data = {
            "code": f"QD{number}",
            "case_code": "V1",
            "step": "extension",
            "number": f"{number}/QĐ-VKS",
            "decided_on": (deadline - timedelta(days=5)).isoformat(),
            "requested_on": (deadline - timedelta(days=12)).isoformat(),
        }
        if last_day is None:  # one more than the law allows
            with pytest.raises(InvalidInput) as refused:
                decide(two_units, **data)
            assert refused.value.problems[0].reason in (
                "clock.no_extension_left",
                "clock.no_room_left",
            )
            break
        decide(two_units, **data)
        case = stored(two_units, CASES, "V1")
        assert (number, case.investigation_deadline_on, case.clock_stage) == (
            number,
            date.fromisoformat(last_day),
            "extension",
        )


def test_an_investigation_extension_asked_too_late_or_too_long_is_refused(
    two_units: Engine,
) -> None:
    create(two_units, CASES, **case_row("V1", "173", "1", "2024-01-15"))  # ends 15/03/2024
    base = {"case_code": "V1", "step": "extension", "number": "1/VKS", "decided_on": "2024-03-10"}
    with pytest.raises(InvalidInput) as late:
        decide(two_units, code="QD1", requested_on="2024-03-08", **base)
    assert late.value.problems[0].reason == "clock.request_too_late"  # by 05/03, 10 days before
    with pytest.raises(InvalidInput) as long:
        decide(two_units, code="QD1", deadline="2024-06-15", **base)
    assert long.value.problems[0].reason == "clock.beyond_maximum"  # 2 + 2 months: 15/05/2024
    decide(two_units, code="QD1", deadline="2024-04-30", **base)  # a holiday: ends on 2/5
    assert stored(two_units, CASES, "V1").investigation_deadline_on == date(2024, 5, 2)


def test_each_tip_extension_step_up_to_its_maximum(two_units: Engine) -> None:
    create(two_units, TIPS, **tip_row("T1", "2024-03-01"))
    assert stored(two_units, TIPS, "T1").deadline_on == date(2024, 3, 21)
    decide(
        two_units,
        code="QD1",
        tip_code="T1",
        step="extension",
        number="1/QĐ",
        decided_on="2024-03-15",
    )
    tip = stored(two_units, TIPS, "T1")  # 2 months in all: 1/5/2024, a holiday
    assert (tip.deadline_on, tip.clock_stage) == (date(2024, 5, 2), "extension")
    decide(
        two_units,
        code="QD2",
        tip_code="T1",
        step="procuracy_extension",
        number="2/VKS",
        decided_on="2024-04-25",
        requested_on="2024-04-20",
    )
    tip = stored(two_units, TIPS, "T1")  # 2 more months from 1/5 as counted
    assert (tip.deadline_on, tip.clock_stage) == (date(2024, 7, 1), "procuracy_extension")
    with pytest.raises(InvalidInput) as refused:
        decide(
            two_units,
            code="QD3",
            tip_code="T1",
            step="procuracy_extension",
            number="3/VKS",
            decided_on="2024-06-20",
        )
    assert refused.value.problems[0].reason == "clock.no_extension_left"


def test_a_decision_names_one_tip_or_one_opened_case(two_units: Engine) -> None:
    create(two_units, TIPS, **tip_row("T1", "2024-03-01"))
    create(two_units, CASES, **{**case_row("V1", "173", "1", "2024-01-15"), "opened_on": ""})
    data = {"step": "extension", "number": "1/QĐ", "decided_on": "2024-03-15"}
    with pytest.raises(InvalidInput) as both:
        decide(two_units, code="QD1", tip_code="T1", case_code="V1", **data)
    assert both.value.problems[0].reason == "clock.one_record"
    with pytest.raises(InvalidInput) as not_opened:
        decide(two_units, code="QD1", case_code="V1", **data)
    assert not_opened.value.problems[0].reason == "clock.case_not_opened"
    assert stored(two_units, CASES, "V1").investigation_deadline_on is None


def test_imported_decisions_set_the_deadlines_they_would_set_one_by_one(
    two_units: Engine,
) -> None:
    imported(two_units, "cases", [case_row("V1", "173", "2", "2024-01-15")])
    decisions = [
        {
            "code": f"QD{n}",
            "case_code": "V1",
            "step": "extension",
            "number": f"{n}/VKS",
            "decided_by": "Viện trưởng VKSND",
            "decided_on": decided,
        }
        for n, decided in ((1, "2024-04-05"), (2, "2024-07-05"))
    ]
    assert imported(two_units, "clock_decisions", decisions) == 2
    case = stored(two_units, CASES, "V1")
    assert (case.investigation_deadline_on, case.clock_stage) == (date(2024, 9, 16), "extension")


def test_changing_the_article_moves_a_derived_category_not_a_chosen_one(
    two_units: Engine,
) -> None:
    create(two_units, CASES, **case_row("V1", "173", "1", "2025-06-02"))
    create(two_units, CASES, **case_row("V2", "173", "1", "2025-06-02", category="nghiem_trong"))
    for code in ("V1", "V2"):
        with write_session(two_units) as session:
            records.update(
                session,
                actor=ADMIN,
                kind=CASES,
                key=code,
                expected_version=1,
                changes={"clause": "3"},
            )
    assert stored(two_units, CASES, "V1").category == "rat_nghiem_trong"
    case = stored(two_units, CASES, "V2")
    assert (case.category, case.investigation_deadline_on) == ("nghiem_trong", date(2025, 9, 3))


def test_0008_computes_again_the_deadlines_an_older_import_stored(database_url: str) -> None:
    import sqlalchemy as sa
    from alembic import command

    from models.db import _alembic_config, make_engine, upgrade

    engine = make_engine(database_url)
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "0007")
    now = datetime(2026, 1, 1, tzinfo=UTC)
    common = [
        sa.column("id", sa.Uuid),
        sa.column("code", sa.String),
        sa.column("version", sa.Integer),
        sa.column("created_at", sa.DateTime),
        sa.column("updated_at", sa.DateTime),
        sa.column("search_key", sa.String),
    ]
    units = sa.table("units", *common, sa.column("name", sa.String))
    tips = sa.table(
        "tips",
        *[sa.column(c.name, c.type) for c in common],
        sa.column("kind", sa.String),
        sa.column("received_on", sa.Date),
        sa.column("receiving_unit_id", sa.Uuid),
        sa.column("summary", sa.String),
        sa.column("status", sa.String),
        sa.column("deadline_on", sa.Date),
    )
    row = {"version": 1, "created_at": now, "updated_at": now, "search_key": ""}
    with engine.begin() as connection:  # as an import before 0008 wrote them: + 20 days
        connection.execute(units.insert().values(id=UNIT_ID, code="A", name="A", **row))
        for code, received, naive in (
            ("T1", date(2026, 1, 26), date(2026, 2, 15)),  # a Sunday in Tết
            ("T2", date(2025, 4, 6), date(2025, 4, 26)),  # the worked Saturday
        ):
            connection.execute(
                tips.insert().values(
                    id=uuid.uuid4(),
                    code=code,
                    kind="to_giac",
                    received_on=received,
                    receiving_unit_id=UNIT_ID,
                    summary="x",
                    status="received",
                    deadline_on=naive,
                    **row,
                )
            )
    upgrade(engine)
    first, second = stored(engine, TIPS, "T1"), stored(engine, TIPS, "T2")
    assert (first.deadline_on, first.clock_stage) == (date(2026, 2, 23), "base")
    assert (second.deadline_on, second.clock_stage) == (date(2025, 4, 26), "base")
    engine.dispose()


def test_the_reviews_overdue_tips_count_the_exact_deadline(two_units: Engine) -> None:
    from models import report

    # Received 26/01/2026: the 20th day, Sunday 15/02, is in Tết; the tip is due on Monday 23/02.
    assert imported(two_units, "tips", [tip_row("T1", "2026-01-26")]) == 1
    with read_session(two_units) as session:
        overdue = {
            end: report.compute(session, date(2026, 1, 1), end, ADMIN).tips_overdue
            for end in (date(2026, 2, 20), date(2026, 2, 23), date(2026, 2, 24))
        }
    assert overdue == {date(2026, 2, 20): 0, date(2026, 2, 23): 0, date(2026, 2, 24): 1}
