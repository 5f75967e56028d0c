"""Opening databases: migrations, refusing what we must not touch, several writers at once."""

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, func, inspect, text
from sqlmodel import SQLModel, select

import models  # noqa: F401
from models import CASES, UNITS, ChangeLogEntry, Unit
from models.db import (
    current_revision,
    described_by_models,
    head_revision,
    make_engine,
    open_database,
    read_session,
    resolve_url,
    upgrade,
)
from models.errors import DatabaseError
from models.watch import ChangeWatcher

from .conftest import create


def test_migrations_build_the_whole_schema_from_an_empty_database(database_url: str) -> None:
    engine = make_engine(database_url)
    assert current_revision(engine) is None
    assert upgrade(engine) == head_revision()
    assert current_revision(engine) == head_revision()
    # The migrated schema is the schema the models describe: tables, columns, indexes, keys.
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": described_by_models})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []
    assert upgrade(engine) == head_revision()  # opening it again changes nothing


def test_every_searched_table_has_its_full_text_index(engine: Engine) -> None:
    # The index is the migrations' own, not the models' (models.db.described_by_models), so
    # the comparison above cannot miss it: a kind added to SEARCHED needs it in a migration.
    from models.search import SEARCHED

    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            found = {
                row[0]
                for row in connection.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE name LIKE '%fts%'"
                )
            }
            expected = {
                f"{name}_fts{part}"
                for name in SEARCHED
                for part in ("", "_insert", "_delete", "_update")
            }
        else:
            found = {
                row[0]
                for row in connection.execute(
                    text("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
                )
            }
            expected = {f"ix_{name}_search" for name in SEARCHED}
    assert expected <= found


def test_a_database_from_a_newer_giapranh_is_refused(database_url: str) -> None:
    engine = open_database(database_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(DatabaseError) as raised:
        open_database(database_url)
    assert "phiên bản giapranh mới hơn" in raised.value.message()
    assert "9999_future" in raised.value.message()


def test_a_database_of_something_else_is_not_touched(database_url: str) -> None:
    with create_engine(database_url).begin() as connection:
        connection.execute(text("CREATE TABLE payroll (id INTEGER PRIMARY KEY)"))
    with pytest.raises(DatabaseError) as raised:
        open_database(database_url)
    assert raised.value.key == "error.not_giapranh"
    assert set(inspect(create_engine(database_url)).get_table_names()) == {"payroll"}


def test_sqlite_runs_in_wal_with_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    engine = open_database(str(tmp_path / "x.sqlite"))
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert (connection.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0) >= 5000


def test_a_path_or_a_url_or_the_environment_chooses_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resolve_url(str(tmp_path / "a.sqlite")) == f"sqlite:///{tmp_path / 'a.sqlite'}"
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("GIAPRANH_DATABASE_URL", "sqlite:////tmp/env.sqlite")
    assert resolve_url(None) == "sqlite:////tmp/env.sqlite"
    monkeypatch.delenv("GIAPRANH_DATABASE_URL")
    assert resolve_url(None).endswith("/giapranh/giapranh.sqlite")
    assert str(tmp_path / "xdg-data") in resolve_url(None)  # the user's data folder


WRITER = textwrap.dedent(
    """
    import sys, time
    from models import Actor, CASES, UNITS, records
    from models.db import open_database, read_session, write_session
    from models.errors import Conflict

    url, name, start = sys.argv[1], sys.argv[2], float(sys.argv[3])
    engine = open_database(url)
    actor = Actor(name, "admin")  # units are reference data: admins change them
    while time.time() < start:
        time.sleep(0.005)
    for n in range(40):
        with write_session(engine) as session:
            records.create(session, actor=actor, kind=CASES, data=dict(
                code=f"{name}-{n}", title=f"Vụ {n} của {name}", article="173",
                occurred_on="2017-03-01", locality="L", lead_unit="U",
                coordination="none", status="investigating"))
        while True:  # read-modify-write of one shared record, retried on a conflict
            with read_session(engine) as session:
                version = records.get(session, UNITS, "U").version
            try:
                with write_session(engine) as session:
                    records.update(session, actor=actor, kind=UNITS, key="U",
                                   expected_version=version,
                                   changes={"level": f"{name}-{n}"})
                break
            except Conflict:
                continue
    print("done")
    """
)


def test_two_processes_write_at_once_without_losing_anything(
    engine: Engine, database_url: str
) -> None:

    create(engine, UNITS, code="U", name="Công an thị xã Sông Cầu")
    create(engine, models.LOCALITIES, code="L", name="Xã Xuân Hải", unit_code="U")
    import time

    start = str(time.time() + 1.5)
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, database_url, name, start],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("alpha", "beta")
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert "locked" not in err and out.strip() == "done"
    with read_session(engine) as session:
        assert session.scalar(select(func.count()).select_from(CASES.table)) == 80
        unit = session.exec(select(Unit).where(Unit.code == "U")).one()
        assert unit.version == 1 + 80  # every one of the 80 edits landed, none overwritten
        updates = session.scalar(
            select(func.count())
            .select_from(ChangeLogEntry)
            .where(ChangeLogEntry.kind == "units", ChangeLogEntry.action == "update")
        )
        assert updates == 80


RACER = textwrap.dedent(
    """
    import sys, time
    from models import Actor, CASES, records
    from models.db import open_database, read_session, write_session
    from models.errors import Conflict, NotFound

    from pathlib import Path

    url, name, action, folder = sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4])
    engine = open_database(url)
    actor = Actor(name, "editor")
    with read_session(engine) as session:  # both operators open the record...
        version = records.get(session, CASES, "V1").version
    (folder / name).touch()
    deadline = time.time() + 60
    while not (folder / "go").exists():  # ...and press save at the same moment
        if time.time() > deadline:
            sys.exit("never told to go")
        time.sleep(0.001)
    try:
        with write_session(engine) as session:
            if action == "update":
                records.update(session, actor=actor, kind=CASES, key="V1",
                               expected_version=version, changes={"title": f"Sửa bởi {name}"})
            else:
                records.delete(session, actor=actor, kind=CASES, key="V1",
                               expected_version=version)
        print("saved")
    except Conflict:
        print("conflict")
    except NotFound:
        print("gone")
    """
)


@pytest.mark.parametrize("second", ["update", "delete"])
def test_two_operators_saving_the_same_version_one_wins_the_other_is_told(
    engine: Engine, database_url: str, second: str, tmp_path: Path
) -> None:
    import time

    create(engine, UNITS, code="U", name="Công an thị xã Sông Cầu")
    create(engine, models.LOCALITIES, code="L", name="Xã Xuân Hải", unit_code="U")
    create(
        engine,
        CASES,
        code="V1",
        title="Trộm cắp",
        article="173",
        occurred_on="2017-03-01",
        locality="L",
        lead_unit="U",
        coordination="none",
        status="investigating",
    )
    racers = {
        name: subprocess.Popen(
            [sys.executable, "-c", RACER, database_url, name, action, str(tmp_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, action in (("alpha", "update"), ("beta", second))
    }
    deadline = time.monotonic() + 60
    while not all((tmp_path / name).exists() for name in racers):  # both have read version 1
        assert time.monotonic() < deadline, "the racers never got ready"
        time.sleep(0.01)
    (tmp_path / "go").touch()
    said = {}
    for name, racer in racers.items():
        out, err = racer.communicate(timeout=120)
        assert racer.returncode == 0, err
        said[name] = out.strip()
    assert sorted(said.values()) in (["conflict", "saved"], ["gone", "saved"])
    winner = next(name for name, outcome in said.items() if outcome == "saved")
    with read_session(engine) as session:
        log = session.exec(
            select(ChangeLogEntry.actor, ChangeLogEntry.action)
            .where(ChangeLogEntry.record_code == "V1", ChangeLogEntry.action != "create")
            .order_by(ChangeLogEntry.id)  # type: ignore[arg-type]
        ).all()
        case = session.exec(select(CASES.table).where(CASES.table.code == "V1")).first()
    assert [tuple(entry) for entry in log] == [(winner, "update" if winner == "alpha" else second)]
    if case is not None:  # the update won: it is there, once, as its saver wrote it
        assert (case.version, case.title) == (2, f"Sửa bởi {winner}")
    else:
        assert said == {"alpha": "gone", "beta": "saved"}
    with read_session(engine) as session:
        from models import audit

        assert audit.verify(session).intact


def test_the_newest_revision_is_known_without_alembic_and_is_alembics_own() -> None:
    from alembic.script import ScriptDirectory

    from models.db import _alembic_config

    assert head_revision() == ScriptDirectory.from_config(_alembic_config()).get_current_head()


def test_opening_a_current_database_takes_no_lock_and_imports_no_alembic(tmp_path: Path) -> None:
    """A long import holds the write lock; everyone else still opens the database at once."""
    path = tmp_path / "busy.sqlite"
    open_database(str(path)).dispose()
    writer = create_engine(f"sqlite:///{path}", connect_args={"isolation_level": None})
    with writer.connect() as connection:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        connection.exec_driver_sql("INSERT INTO settings (key, value) VALUES ('x', 'y')")
        code = textwrap.dedent(
            f"""
            import sys, time
            started = time.perf_counter()
            from models.db import open_database
            open_database({str(path)!r}).dispose()
            print(round(time.perf_counter() - started, 2), "alembic" in sys.modules)
            """
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
        )
        connection.exec_driver_sql("ROLLBACK")
    seconds, alembic = result.stdout.split()
    assert alembic == "False"
    assert float(seconds) < 5  # the busy timeout is 30 s: it never waited for the lock


def _seen_within(watcher: ChangeWatcher, seconds: float) -> bool:
    # A PostgreSQL notification travels after the commit: the app looks again a second later.
    deadline = time.monotonic() + seconds
    while not watcher.changed():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_a_watcher_sees_each_change_by_another_connection_once(engine: Engine) -> None:
    watcher = ChangeWatcher(engine)
    try:
        assert not _seen_within(watcher, 0.3)  # nothing yet
        create(engine, UNITS, code="W", name="Công an xã thử")  # another connection's change
        assert _seen_within(watcher, 2)
        assert not _seen_within(watcher, 0.3)  # seen once, and nothing since
        create(engine, UNITS, code="W2", name="Công an xã thử hai")
        assert _seen_within(watcher, 2)
    finally:
        watcher.close()


def test_a_watcher_closed_while_another_thread_looks_does_not_crash(engine: Engine) -> None:
    # The app's poll looks from a worker thread while the app, leaving, closes the watcher.
    import threading

    for _ in range(20):
        watcher = ChangeWatcher(engine)
        looked: list[bool] = []

        def look(watcher: ChangeWatcher = watcher, looked: list[bool] = looked) -> None:
            for _ in range(200):
                looked.append(watcher.changed())

        looking = threading.Thread(target=look)
        looking.start()
        watcher.close()
        looking.join(10)
        assert not looking.is_alive() and len(looked) == 200
        assert not watcher.changed()  # closed: nothing more to see
