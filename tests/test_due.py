"""The due queue (models.due) on SQLite and PostgreSQL: what is due, fewest days left first,
across the units the operator sees, within the database's windows; `giapranh due` and the JSON
exports of the deadlines."""

import json
from datetime import date

import pytest
from sqlalchemy import Engine

from models import CASES, TIPS, UNITS, Actor, records
from models.db import read_session, write_session
from models.due import due_queue, set_windows

from .conftest import create
from .test_cli import giapranh
from .test_investigations import ADMIN, case_row, tip_row


@pytest.fixture
def due_world(two_units: Engine) -> Engine:
    """As of 02/03/2026: tips and investigations of unit A, one case of unit B."""
    for code, received in (("T1", "2026-02-01"), ("T2", "2026-02-09"), ("T3", "2026-01-02")):
        create(two_units, TIPS, **tip_row(code, received))  # ends 23/2, 2/3 and 23/1 … resolved
    with write_session(two_units) as session:
        records.update(
            session,
            actor=ADMIN,
            kind=TIPS,
            key="T3",
            expected_version=1,
            changes={"status": "no_case", "resolved_on": "2026-01-20"},
        )
    create(two_units, CASES, **case_row("V1", "173", "1", "2026-01-08"))  # ends 09/03/2026
    create(two_units, CASES, **case_row("V2", "173", "1", "2025-12-10"))  # ends 10/02/2026
    create(two_units, CASES, **case_row("V3", "173", "1", "2026-01-20", lead_unit="B"))  # 20/3
    return two_units


def test_the_due_queue_lists_what_is_due_fewest_days_left_first(due_world: Engine) -> None:
    with read_session(due_world) as session:
        queue = due_queue(session, actor=ADMIN, today=date(2026, 3, 2))
        wider = due_queue(session, actor=ADMIN, today=date(2026, 3, 2), case_days=30)
        unit_b = records.get(session, UNITS, "B")
    shown = [(item.code, item.days_left) for item in queue.items]
    assert shown == [("V2", -20), ("T1", -7), ("T2", 0), ("V1", 7)]
    assert (queue.count(), queue.overdue, queue.count("tips"), queue.count("cases")) == (4, 2, 2, 2)
    assert [item.code for item in wider.items][-1] == "V3"  # 18 days left
    seen_by_b = Actor("b.viewer", "viewer", unit_b.id)
    with read_session(due_world) as session:
        theirs = due_queue(session, actor=seen_by_b, today=date(2026, 3, 2), case_days=30)
    assert [item.code for item in theirs.items] == ["V3"]


def test_the_due_queue_windows_are_the_databases_settings(due_world: Engine) -> None:
    with write_session(due_world) as session:
        set_windows(session, 0, 0)
    with read_session(due_world) as session:
        queue = due_queue(session, actor=ADMIN, today=date(2026, 3, 2))
    assert [item.code for item in queue.items] == ["V2", "T1", "T2"]


def test_giapranh_due_prints_the_queue_and_export_json_its_deadlines(
    due_world: Engine, database_url: str
) -> None:
    printed = giapranh("due", "--within", "10", "--format", "json", "--db", database_url)
    assert printed.returncode == 0, printed.stderr
    queue = json.loads(printed.stdout)
    assert queue["today"] == date.today().isoformat()
    # Long past: every open one is overdue.
    assert [item["code"] for item in queue["items"]] == ["V2", "T1", "T2", "V1", "V3"]
    assert queue["items"][0]["deadline_on"] == "2026-02-10" and queue["overdue"] == 5
    text = giapranh("due", "--db", database_url, "--lang", "en")
    assert text.returncode == 0, text.stderr
    assert text.stdout.splitlines()[0].startswith("5 due, 5 overdue · tips 2 (≤5 days)")
    tips = json.loads(giapranh("export", "tips", "--format", "json", "--db", database_url).stdout)
    assert {tip["code"]: (tip["deadline_on"], tip["stage"]) for tip in tips}["T2"] == (
        "2026-03-02",
        "base",
    )
    cases = json.loads(giapranh("export", "cases", "--format", "json", "--db", database_url).stdout)
    assert {c["code"]: (c["investigation_deadline_on"], c["category"]) for c in cases}["V1"] == (
        "2026-03-09",
        "it_nghiem_trong",
    )
    refused = giapranh("due", "--within", "-3", "--db", database_url)
    assert refused.returncode != 0 and "số ngày phải từ 0 đến 366" in refused.stderr
