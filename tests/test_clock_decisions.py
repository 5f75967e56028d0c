"""Decisions on a tip's clock as records (models.clock_decisions): checked against the law,
logged, and the tip's stored deadline follows them and the calendar; SQLite and PostgreSQL."""

from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from models import TIPS, UNITS, Actor, access, records
from models.calendar_days import CALENDAR_DAYS
from models.clock_decisions import CLOCK_DECISIONS, ClockDecision
from models.db import read_session, write_session
from models.errors import InvalidInput

from .conftest import create

ADMIN = Actor("tester", "admin")


def deadline(engine: Engine, code: str = "T1") -> date:
    with read_session(engine) as session:
        return records.get(session, TIPS, code).deadline_on


def decide(engine: Engine, **data: Any) -> Any:
    return create(engine, CLOCK_DECISIONS, tip_code="T1", decided_by="Thủ trưởng CQĐT", **data)


@pytest.fixture
def tip(two_units: Engine) -> Engine:
    # Received Wed 13/8/2025: 20 days end on Tue 2/9, the National Day (Mon 1/9 off with it).
    create(
        two_units,
        TIPS,
        code="T1",
        kind="to_giac",
        received_on="2025-08-13",
        receiving_unit="A",
        summary="Tố giác trộm cắp",
        status="verifying",
    )
    return two_units


def test_the_stored_deadline_follows_the_decisions(tip: Engine) -> None:
    assert deadline(tip) == date(2025, 9, 3)  # the next working day after 2/9
    decide(tip, code="QD1", step="extension", number="01/QĐ", decided_on="2025-08-25")
    assert deadline(tip) == date(2025, 10, 13)  # two months from receipt in all
    decide(
        tip,
        code="QD2",
        step="procuracy_extension",
        number="05/VKS",
        decided_on="2025-10-06",
        requested_on="2025-10-06",
        deadline="2025-12-13",  # a Saturday: the limit ends on Monday 15/12
    )
    assert deadline(tip) == date(2025, 12, 15)
    with write_session(tip) as session:
        records.delete(session, actor=ADMIN, kind=CLOCK_DECISIONS, key="QD2", expected_version=1)
    assert deadline(tip) == date(2025, 10, 13)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        # Beyond the legal maximum: the procuracy gives at most 2 more months (to 15/12).
        (
            {
                "step": "procuracy_extension",
                "decided_on": "2025-10-06",
                "requested_on": "2025-10-06",
                "deadline": "2025-12-20",
            },
            "deadline",
        ),
        # Restoration before any suspension.
        ({"step": "restoration", "decided_on": "2025-08-20"}, "step"),
        # Before the tip was received.
        ({"step": "extension", "decided_on": "2025-08-01"}, "decided_on"),
    ],
)
def test_a_decision_the_law_does_not_allow_is_refused(
    tip: Engine, data: dict[str, Any], field: str
) -> None:
    decide(tip, code="QD1", step="extension", number="01/QĐ", decided_on="2025-08-25")
    with pytest.raises(InvalidInput) as raised, write_session(tip) as session:
        records.create(
            session,
            actor=ADMIN,
            kind=CLOCK_DECISIONS,
            data={"code": "QD9", "tip_code": "T1", "number": "9", "decided_by": "VKS", **data},
        )
    assert field in [problem.field for problem in raised.value.problems]
    assert deadline(tip) == date(2025, 10, 13)


def test_a_corrected_calendar_moves_the_open_tips_deadlines(tip: Engine) -> None:
    create(tip, CALENDAR_DAYS, day="2025-09-03", kind="off", note="Nghỉ bù")
    assert deadline(tip) == date(2025, 9, 4)
    with write_session(tip) as session:
        records.delete(
            session, actor=ADMIN, kind=CALENDAR_DAYS, key="2025-09-03", expected_version=1
        )
    assert deadline(tip) == date(2025, 9, 3)


def test_a_tip_with_decisions_stays_and_only_its_own_unit_decides(tip: Engine) -> None:
    decide(tip, code="QD1", step="extension", number="01/QĐ", decided_on="2025-08-25")
    with pytest.raises(InvalidInput), write_session(tip) as session:
        records.delete(session, actor=ADMIN, kind=TIPS, key="T1", expected_version=1)
    with read_session(tip) as session:
        unit_b = records.get(session, UNITS, "B").id
        unit_a = records.get(session, UNITS, "A").id
    data = {"code": "QD2", "tip_code": "T1", "number": "2", "decided_by": "VKS"}
    data |= {"step": "suspension", "decided_on": "2025-09-01"}
    with pytest.raises(InvalidInput), write_session(tip) as session:  # B cannot see the tip
        records.create(session, actor=Actor("b", "editor", unit_b), kind=CLOCK_DECISIONS, data=data)
    create(tip, CLOCK_DECISIONS, Actor("a", "editor", unit_a), **data)
    with read_session(tip) as session:
        visible = access.visible(Actor("b", "viewer", unit_b), "clock_decisions")
        assert session.exec(select(ClockDecision).where(visible)).all() == []
        mine = access.visible(Actor("a", "viewer", unit_a), "clock_decisions")
        assert len(session.exec(select(ClockDecision).where(mine)).all()) == 2
