"""`giapranh restore PATH`: a checked copy replaces the SQLite database (the old one kept beside
it); a damaged, foreign, newer or tampered copy is refused and the database stays as it was."""

import contextlib
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy.engine import make_url

from models import demo
from models.db import open_database, write_session
from tui.cli import main

from .apphelp import demo_copy

ROW = "code,name,level\nZZ9,Công an xã thử khôi phục,xa\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=True)


def refused(result: Result, *words: str) -> None:
    shown = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert result.exit_code == 1, (shown, result.exception)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in shown
    for word in words:
        assert word in shown, shown


@pytest.fixture
def live(tmp_path: Path) -> str:
    return demo_copy(tmp_path)


@pytest.fixture
def copy(live: str, tmp_path: Path) -> Path:
    """A backup of the demo, then a unit added to the live database after it."""
    target = tmp_path / "copies" / "backup.sqlite"
    assert run("--db", live, "backup", str(target)).exit_code == 0
    rows = tmp_path / "units.csv"
    rows.write_text(ROW, encoding="utf-8")
    assert run("--db", live, "import", "units", str(rows)).exit_code == 0
    return target


def units(database: str) -> str:
    result = run("--db", database, "export", "units")
    assert result.exit_code == 0
    return result.output


def _sql(path: Path, *statements: str) -> None:
    with contextlib.closing(sqlite3.connect(path)) as connection, connection:
        for statement in statements:
            connection.execute(statement)


def test_a_good_copy_replaces_the_database_and_the_old_one_is_kept(live: str, copy: Path) -> None:
    assert "ZZ9" in units(live)
    done = run("--db", live, "restore", str(copy))
    assert done.exit_code == 0, (done.output, done.exception)
    assert "ZZ9" not in units(live)
    assert units(live) == units(str(copy))
    kept = list(Path(live).parent.glob("demo.before-restore-*.sqlite"))
    assert len(kept) == 1 and "ZZ9" in units(str(kept[0]))
    verified = run("--db", live, "audit", "verify")
    with sqlite3.connect(copy) as connection:
        (entries,) = connection.execute("SELECT count(*) FROM change_log").fetchone()
    assert (
        verified.exit_code == 0 and f"{entries}" in done.output and f"{entries}" in verified.output
    )
    assert not list(Path(live).parent.glob("*.restore-check*"))


def test_a_damaged_copy_is_refused(live: str, copy: Path) -> None:
    size = copy.stat().st_size
    with copy.open("r+b") as file:
        file.seek(size // 2)
        file.write(b"\x5a" * 8192)
    before = units(live)
    refused(run("--db", live, "restore", str(copy)), "bị hỏng", "giữ nguyên")
    assert units(live) == before and "ZZ9" in before


def test_a_copy_from_a_newer_giapranh_is_refused(live: str, copy: Path) -> None:
    _sql(copy, "UPDATE alembic_version SET version_num = '9999'")
    refused(run("--db", live, "restore", str(copy)), "mới hơn", "9999")
    assert "ZZ9" in units(live)


def test_a_copy_whose_change_log_was_rewritten_is_refused(live: str, copy: Path) -> None:
    _sql(
        copy,
        "DROP TRIGGER change_log_no_update",
        "UPDATE change_log SET actor = 'someone.else' WHERE id = 5",
    )
    refused(run("--db", live, "restore", str(copy)), "không nguyên vẹn", "Mục nhật ký 5")
    assert "ZZ9" in units(live)


def test_other_files_are_refused(live: str, tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.sqlite"
    _sql(foreign, "CREATE TABLE t (x)")
    refused(run("--db", live, "restore", str(foreign)), "không phải cơ sở dữ liệu của giapranh")
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    refused(run("--db", live, "restore", str(text)), "bị hỏng")
    refused(run("--db", live, "restore", str(tmp_path / "none.sqlite")), "Không có tệp")
    refused(run("--db", live, "--operator", "sc.hung", "restore", str(text)))


def test_restore_is_for_sqlite() -> None:
    url = "postgresql+psycopg://postgres@127.0.0.1:1/nothing"
    refused(run("--db", url, "restore", "x.sqlite"), "pg_restore")


def test_pg_dump_and_pg_restore_as_the_readme_gives_them(
    postgres_schema: str, tmp_path: Path
) -> None:
    """The README's PostgreSQL backup: pg_dump --format=custom, then pg_restore --clean."""
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump and pg_restore are not installed")
    url = make_url(postgres_schema)
    schema = str(url.query["options"]).removeprefix("-csearch_path=")
    libpq = url.set(drivername="postgresql", query={}).render_as_string(hide_password=False)
    engine = open_database(postgres_schema)
    with write_session(engine) as session:
        demo.build(session)
    engine.dispose()
    before = units(postgres_schema)
    dump = tmp_path / "giapranh.dump"
    subprocess.run(
        ["pg_dump", "--format=custom", f"--schema={schema}", f"--file={dump}", libpq],
        check=True,
        timeout=120,
    )
    rows = tmp_path / "units.csv"
    rows.write_text(ROW, encoding="utf-8")
    assert run("--db", postgres_schema, "import", "units", str(rows)).exit_code == 0
    assert "ZZ9" in units(postgres_schema)
    subprocess.run(
        ["pg_restore", "--clean", "--if-exists", "--single-transaction", f"--dbname={libpq}", dump],
        check=True,
        timeout=120,
    )
    assert units(postgres_schema) == before
    verified = run("--db", postgres_schema, "audit", "verify")
    assert verified.exit_code == 0, verified.output
