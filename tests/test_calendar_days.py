"""The administrators' calendar corrections as records (models.calendar_days): stored, logged,
applied to the working-day calendar, refused when they change nothing; SQLite and PostgreSQL."""

from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select

from models import Actor, ChangeLogEntry, records
from models.calendar_days import CALENDAR_DAYS, overrides, working_calendar
from models.db import read_session, write_session
from models.errors import Forbidden, InvalidInput
from models.i18n import set_language

from .conftest import create


def test_a_corrected_day_is_stored_logged_and_applied(engine: Engine) -> None:
    # 2026: suppose the official schedule gives Friday 2/1 off and has Saturday 10/1 worked.
    create(engine, CALENDAR_DAYS, day="2026-01-02", kind="off", note="Nghỉ bù Tết dương lịch")
    create(engine, CALENDAR_DAYS, day="10/01/2026", kind="working")
    with read_session(engine) as session:
        calendar = working_calendar(session, 2025, 2027)
        assert calendar.is_day_off(date(2026, 1, 2))
        assert calendar.day_off_reason(date(2026, 1, 2)) == "Nghỉ bù Tết dương lịch"
        assert calendar.is_working_day(date(2026, 1, 10))
        # A deadline falling on Friday 2/1 now moves to Monday 5/1.
        assert calendar.last_day(date(2026, 1, 2)) == date(2026, 1, 5)
        assert [o.day for o in overrides(session, 2026)] == [date(2026, 1, 2), date(2026, 1, 10)]
        assert overrides(session, 2025) == []
        logged = session.exec(
            select(ChangeLogEntry).where(col(ChangeLogEntry.kind) == "calendar_days")
        ).all()
        assert [(entry.action, entry.record_code) for entry in logged] == [
            ("create", "2026-01-02"),
            ("create", "2026-01-10"),
        ]
    with write_session(engine) as session:
        records.delete(
            session,
            actor=Actor("tester", "admin"),
            kind=CALENDAR_DAYS,
            key="2026-01-10",
            expected_version=1,
        )
    with read_session(engine) as session:
        assert working_calendar(session, 2026, 2026).is_day_off(date(2026, 1, 10))


@pytest.mark.parametrize(
    ("day", "kind", "reason"),
    [
        ("2025-09-02", "off", "ngày 02/09/2025 vốn đã là ngày nghỉ"),  # the National Day already is
        ("2025-04-28", "working", "ngày 28/04/2025 vốn đã là ngày làm việc"),  # a Monday
        (
            "2025-04-26",
            "working",
            "ngày 26/04/2025 vốn đã là ngày làm việc",
        ),  # the 2025 swap already worked it
    ],
)
def test_a_correction_that_changes_nothing_is_refused(
    engine: Engine, day: str, kind: str, reason: str
) -> None:
    set_language("vi")
    with pytest.raises(InvalidInput) as raised, write_session(engine) as session:
        records.create(
            session,
            actor=Actor("tester", "admin"),
            kind=CALENDAR_DAYS,
            data={"day": day, "kind": kind},
        )
    assert [problem.message() for problem in raised.value.problems] == [
        f"{reason}; điều chỉnh này không thay đổi gì"
    ]
    with read_session(engine) as session:
        assert overrides(session) == []


def test_one_day_has_one_correction_and_only_admins_make_them(engine: Engine) -> None:
    create(engine, CALENDAR_DAYS, day="2026-01-02", kind="off")
    with pytest.raises(InvalidInput), write_session(engine) as session:
        records.create(
            session,
            actor=Actor("tester", "admin"),
            kind=CALENDAR_DAYS,
            data={"day": "2026-01-02", "kind": "off"},
        )
    with pytest.raises(Forbidden), write_session(engine) as session:
        records.create(
            session,
            actor=Actor("editor", "editor"),
            kind=CALENDAR_DAYS,
            data={"day": "2026-01-03", "kind": "working"},
        )
    with read_session(engine) as session:
        assert [o.day for o in overrides(session)] == [date(2026, 1, 2)]
