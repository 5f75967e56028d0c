"""The change log is append-only and tamper-evident: `audit verify` names the first bad entry.

Tampering is done the way an attacker with the database would do it: SQL straight to the
tables, on SQLite and on PostgreSQL, after disabling the append-only triggers.
"""

from datetime import datetime, timedelta
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, delete, inspect, select, update
from sqlalchemy.exc import DBAPIError

from models import CASES, KINDS, TIPS, Actor, ChangeLogEntry, audit, records
from models.changelog import ChangeLogUnit, compute_hash
from models.db import _alembic_config, open_database, read_session, write_session

from .conftest import create

LOG = ChangeLogEntry.__table__  # type: ignore[attr-defined]
LINKS = ChangeLogUnit.__table__  # type: ignore[attr-defined]


@pytest.fixture
def logged(two_units: Engine) -> Engine:
    """Two units' reference data, a tip, a case edited twice: a dozen entries."""
    create(
        two_units,
        TIPS,
        code="T1",
        kind="to_giac",
        received_on="2017-11-02",
        receiving_unit="A",
        partner_unit="B",
        summary="Tố giác trộm cắp",
        status="received",
        reporter_name="Lê Văn Báo",
    )
    create(
        two_units,
        CASES,
        code="V1",
        title="Trộm cắp",
        article="173",
        occurred_on="2017-11-05",
        locality="LA",
        lead_unit="A",
        coordinating_units="B",
        coordination="joint",
        status="investigating",
    )
    for version, title in ((1, "Trộm cắp xe máy"), (2, "Trộm cắp xe máy tại Xuân Hải")):
        with write_session(two_units) as session:
            records.update(
                session,
                actor=Actor("sc.hung", "editor"),
                kind=CASES,
                key="V1",
                expected_version=version,
                changes={"title": title},
            )
    return two_units


def verify(engine: Engine, head: str | None = None) -> audit.Verdict:
    with read_session(engine) as session:
        return audit.verify(session, head=head)


def ids(engine: Engine) -> list[int]:
    with engine.connect() as connection:
        return list(connection.execute(select(LOG.c.id).order_by(LOG.c.id)).scalars())


def tamper(engine: Engine, *statements: Any) -> None:
    """Write to the log as someone who owns the database: triggers off, then plain SQL."""
    with engine.begin() as connection:
        for table in ("change_log", "change_log_units"):
            if engine.dialect.name == "sqlite":
                connection.exec_driver_sql(f"DROP TRIGGER {table}_no_update")
                connection.exec_driver_sql(f"DROP TRIGGER {table}_no_delete")
            else:
                connection.exec_driver_sql(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        for statement in statements:
            connection.execute(statement)


def test_an_intact_log_verifies(logged: Engine) -> None:
    verdict = verify(logged)
    assert verdict.intact and verdict.count == len(ids(logged)) >= 9
    assert verdict.message() == f"OK, {verdict.count} mục — nhật ký thay đổi nguyên vẹn " + (
        f"(mã băm cuối: {verdict.head})."
    )
    with read_session(logged) as session:
        last = session.scalars(select(ChangeLogEntry).order_by(LOG.c.id.desc())).first()
        assert last is not None and verdict.head == last.hash
    assert verify(logged, head=verdict.head).intact


def test_the_log_refuses_updates_and_deletes(logged: Engine) -> None:
    first = ids(logged)[0]
    for statement in (
        update(LOG).where(LOG.c.id == first).values(actor="someone else"),
        delete(LOG).where(LOG.c.id == first),
    ):
        with pytest.raises(DBAPIError, match="append-only"), logged.begin() as connection:
            connection.execute(statement)
    assert verify(logged).intact


def test_the_log_and_its_unit_links_refuse_truncation(logged: Engine) -> None:
    """PostgreSQL's TRUNCATE passes row triggers; SQLite's DELETE FROM is its truncate."""
    emptying = (
        ["TRUNCATE change_log, change_log_units", "TRUNCATE change_log_units"]
        if logged.dialect.name == "postgresql"
        else ["DELETE FROM change_log", "DELETE FROM change_log_units"]
    )
    emptying += ["UPDATE change_log_units SET unit_id = unit_id"]
    for statement in emptying:
        with pytest.raises(DBAPIError, match="append-only"), logged.begin() as connection:
            connection.exec_driver_sql(statement)
    assert verify(logged).intact and verify(logged).count >= 9


def test_an_edited_entry_is_named(logged: Engine) -> None:
    entry = ids(logged)[-2]  # the first edit of the case
    with logged.connect() as connection:
        after = dict(connection.execute(select(LOG.c.after).where(LOG.c.id == entry)).scalar_one())
    tamper(logged, update(LOG).where(LOG.c.id == entry).values(after={**after, "title": "Khác"}))
    verdict = verify(logged)
    assert (verdict.problem, verdict.entry_id) == ("audit.altered", entry)
    assert f"Mục nhật ký {entry} đã bị sửa" in verdict.message()


def test_an_edited_actor_or_unit_link_is_named(logged: Engine) -> None:
    entries = ids(logged)
    tamper(logged, update(LOG).where(LOG.c.id == entries[3]).values(actor="ai.do"))
    assert (verify(logged).problem, verify(logged).entry_id) == ("audit.altered", entries[3])


def test_a_removed_unit_link_is_named(logged: Engine) -> None:
    with logged.connect() as connection:
        entry = connection.execute(select(LINKS.c.entry_id).order_by(LINKS.c.entry_id)).first()
    assert entry is not None  # the tip's entry: shared with A and B
    tamper(logged, delete(LINKS).where(LINKS.c.entry_id == entry[0]))
    assert (verify(logged).problem, verify(logged).entry_id) == ("audit.altered", entry[0])


def test_a_deleted_entry_is_named_by_the_one_after_it(logged: Engine) -> None:
    entries = ids(logged)
    tamper(logged, delete(LOG).where(LOG.c.id == entries[4]))
    verdict = verify(logged)
    assert (verdict.problem, verdict.entry_id, verdict.previous_id) == (
        "audit.broken_link",
        entries[5],
        entries[3],
    )
    assert verdict.count == 4  # four good entries before it


def test_deleting_the_first_entries_is_named(logged: Engine) -> None:
    entries = ids(logged)
    tamper(logged, delete(LOG).where(LOG.c.id <= entries[1]))
    verdict = verify(logged)
    assert (verdict.problem, verdict.entry_id) == ("audit.broken_start", entries[2])


def test_a_reordered_entry_is_named(logged: Engine) -> None:
    entries = ids(logged)
    first, second = entries[3], entries[4]
    with logged.connect() as connection:
        rows = {
            row.id: {k: v for k, v in row._mapping.items() if k != "id"}
            for row in connection.execute(select(LOG).where(LOG.c.id.in_((first, second))))
        }
    tamper(
        logged,
        update(LOG).where(LOG.c.id == first).values(**rows[second]),
        update(LOG).where(LOG.c.id == second).values(**rows[first]),
    )
    verdict = verify(logged)
    assert (verdict.problem, verdict.entry_id, verdict.previous_id) == (
        "audit.broken_link",
        first,
        entries[2],
    )


def test_an_entry_rewritten_with_a_fresh_hash_breaks_the_next_link(logged: Engine) -> None:
    entries = ids(logged)
    with read_session(logged) as session:
        entry = session.get(ChangeLogEntry, entries[3])
        assert entry is not None
        units = session.scalars(select(LINKS.c.unit_id).where(LINKS.c.entry_id == entries[3])).all()
        entry.actor = "ai.do"
        forged = compute_hash(entry, units)
        session.rollback()
    tamper(logged, update(LOG).where(LOG.c.id == entries[3]).values(actor="ai.do", hash=forged))
    verdict = verify(logged)
    assert (verdict.problem, verdict.entry_id) == ("audit.broken_link", entries[4])


def test_an_entry_inserted_out_of_order_is_named(logged: Engine) -> None:
    entries = ids(logged)
    with logged.connect() as connection:
        row = connection.execute(select(LOG).where(LOG.c.id == entries[2])).one()
    copy = {k: v for k, v in row._mapping.items() if k != "id"}
    tamper(logged, LOG.insert().values(id=entries[-1] + 10, **copy))
    verdict = verify(logged)
    assert (verdict.problem, verdict.entry_id) == ("audit.broken_link", entries[-1] + 10)


def test_entries_removed_from_the_end_are_found_with_a_known_head(logged: Engine) -> None:
    head = verify(logged).head
    tamper(logged, delete(LOG).where(LOG.c.id == ids(logged)[-1]))
    assert verify(logged).intact  # a chain cut short is still a chain…
    verdict = verify(logged, head=head)
    assert verdict.problem == "audit.head_missing" and head in verdict.message()


def test_an_older_database_gets_its_chain_and_links_on_upgrade(logged: Engine) -> None:
    with logged.begin() as connection:
        command.downgrade(_alembic_config(connection), "0002")
    with logged.connect() as connection:
        assert "hash" not in {c["name"] for c in _columns(connection)}
    upgraded = open_database(logged.url.render_as_string(hide_password=False))
    verdict = verify(upgraded)
    assert verdict.intact and verdict.count == len(ids(upgraded))
    # Links come back from the records as they are, so each unit still reads its history.
    with read_session(upgraded) as session:
        b_unit = records.get(session, KINDS["units"], "B")
        partner = Actor("qn.lan", "editor", b_unit.id)
        seen = {(e.record_code, e.action) for e in audit.entries(session, actor=partner)}
        assert {("T1", "create"), ("V1", "create"), ("V1", "update")} <= seen
        tip_log = list(audit.entries(session, actor=partner, record_code="T1"))
        assert tip_log and all("reporter_name" not in (e.after or {}) for e in tip_log)
    with pytest.raises(DBAPIError), upgraded.begin() as connection:  # append-only again
        connection.execute(delete(LOG))
    create(upgraded, CASES, **_case("V2"))
    assert verify(upgraded).intact


def _columns(connection: Any) -> list[Any]:
    return inspect(connection).get_columns("change_log")


def _case(code: str) -> dict[str, str]:
    return {
        "code": code,
        "title": "Cướp giật",
        "article": "171",
        "occurred_on": "2017-12-01",
        "locality": "LB",
        "lead_unit": "B",
        "coordination": "none",
        "status": "investigating",
    }


def test_export_filters_by_operator_record_and_day(logged: Engine) -> None:
    with read_session(logged) as session:
        by_hung = list(audit.export_rows(session, by="sc.hung"))
        assert [(r["record_code"], r["action"]) for r in by_hung] == [("V1", "update")] * 2
        assert [r["action"] for r in audit.export_rows(session, record_code="T1")] == ["create"]
        every = list(audit.export_rows(session))
        # The filter's days are the server's (TZ is ICT-7 here); "at" is in UTC.
        today = datetime.fromisoformat(every[0]["at"]).astimezone().date()
        assert len(list(audit.export_rows(session, start=today, end=today))) == len(every)
        assert list(audit.export_rows(session, end=today - timedelta(days=1))) == []
        assert list(every[0]) == audit.COLUMNS
        assert every[1]["prev_hash"] == every[0]["hash"]


def test_a_hash_given_out_cannot_confirm_a_guessed_reporter(logged: Engine) -> None:
    """The export hands every admin each entry's hash; without the entry's secret salt, a
    guess of the reporter's name (here even the right one) cannot be checked against it."""
    with read_session(logged) as session:
        row = next(r for r in audit.export_rows(session) if r["record_code"] == "T1")
        assert row["after"]["reporter_name"] == "Lê Văn Báo"
        assert "salt" not in row
        stored = session.get(ChangeLogEntry, row["id"])
        assert stored is not None and stored.salt
        units = session.scalars(select(LINKS.c.unit_id).where(LINKS.c.entry_id == row["id"])).all()
        guess = ChangeLogEntry.model_validate({**stored.model_dump(), "salt": None})
        assert compute_hash(guess, units) != row["hash"]
        assert compute_hash(stored, units) == row["hash"]
        # Nor does any copy the app or the command line is handed carry it.
        assert all(entry.salt is None for entry in audit.entries(session))
    assert verify(logged).intact
