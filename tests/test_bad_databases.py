"""A database that cannot be used is a message in the operator's language and exit status 1,
never a traceback: a read-only, text, corrupt or immutable file, a folder, a URL of another kind
of database, an empty --db, a server that does not answer, a newer schema; impossible periods of
the change log; the app's save on a read-only database. No folders are made where a URL points."""

import contextlib
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from textual.widgets import Static, TextArea

from models.db import resolve_url
from models.errors import DatabaseError
from tui.cli import main
from tui.context import AppContext
from tui.screens.form import FormScreen
from tui.widgets.record_table import RecordTable

from .apphelp import app_on, demo_copy, still, wait_for


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=True)


def refused(result: Result, *words: str) -> str:
    """The run ended with a message and status 1, no traceback; the message."""
    shown = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert result.exit_code == 1, (result.exit_code, shown, result.exception)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in shown and "sqlalchemy" not in shown.lower()
    for word in words:
        assert word in shown, shown
    return shown


@pytest.fixture
def demo(tmp_path: Path) -> str:
    return demo_copy(tmp_path)


def _corrupt(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as file:
        file.seek(8192)
        file.write(b"\xa5" * (size - 8192))


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[None]:
    """The file made read-only; for root (who writes any file) made immutable."""
    path.chmod(0o444)
    immutable = False
    try:
        try:
            path.open("r+b").close()
            writable = True
        except PermissionError:
            writable = False
        if writable:
            done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
            if done.returncode != 0:
                pytest.skip("cannot make a file read-only here")
            immutable = True
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(0o644)


def test_a_text_file_is_not_a_database(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello\n" * 100)
    refused(run("--db", str(notes), "export", "units"), "không phải cơ sở dữ liệu")
    assert notes.read_text() == "hello\n" * 100


def test_a_corrupt_file_is_named_as_damaged(demo: str) -> None:
    _corrupt(Path(demo))
    refused(run("--db", demo, "export", "cases"), "bị hỏng", "sao lưu")
    refused(run("--db", demo, "report", "--from", "2017-01-01"), "bị hỏng")


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    refused(run("--db", str(tmp_path), "export", "units"), "là một thư mục")


@pytest.mark.parametrize("url", ["mysql://user@host/db", "foo://bar", "oracle://x/y", "://"])
def test_other_kinds_of_database_are_refused(url: str) -> None:
    refused(run("--db", url, "export", "units"), "SQLite", "PostgreSQL")


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_db_never_means_the_default(value: str, tmp_path: Path) -> None:
    default = Path(resolve_url(None).removeprefix("sqlite:///"))
    refused(run("--db", value, "export", "units"), "--db")
    refused(run("export", "units", "--db", value), "--db")
    assert not default.exists()


def test_an_unreachable_server_is_a_message() -> None:
    url = "postgresql+psycopg://postgres@127.0.0.1:1/nothing"
    refused(run("--db", url, "export", "units"), "Không mở được", "127.0.0.1")


def test_a_newer_schema_is_refused(demo: str) -> None:
    with contextlib.closing(sqlite3.connect(demo)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    before = Path(demo).read_bytes()
    refused(run("--db", demo, "export", "units"), "mới hơn", "9999")
    assert Path(demo).read_bytes() == before


def test_a_url_makes_no_folders(tmp_path: Path) -> None:
    far = tmp_path / "new" / "deep"
    refused(run("--db", f"sqlite:///{far}/x.sqlite", "export", "units"), "Không có thư mục")
    refused(run("--db", f"{far}/x.sqlite", "export", "units"), "Không có thư mục")
    assert not (tmp_path / "new").exists()
    uri = f"sqlite:///file:{tmp_path}/ro.sqlite?mode=ro&uri=true"
    refused(run("--db", uri, "export", "units"))
    assert sorted(os.listdir(tmp_path)) == []
    assert not Path("file:").exists()


def test_a_read_only_file_refuses_imports_with_a_message(demo: str, tmp_path: Path) -> None:
    rows = tmp_path / "units.csv"
    rows.write_text("code,name,level\nZZ9,Công an xã thử,xa\n", encoding="utf-8")
    with _read_only(Path(demo)):
        before = Path(demo).read_bytes()
        refused(run("--db", demo, "import", "units", str(rows)), "chỉ đọc")
        assert Path(demo).read_bytes() == before
    uri = f"sqlite:///file:{demo}?mode=ro&uri=true"
    refused(run("--db", uri, "import", "units", str(rows)), "chỉ đọc", "không có gì được lưu")
    assert "ZZ9" not in run("--db", demo, "export", "units").output


@pytest.mark.parametrize(
    "period", [["--to", "9999-12-31"], ["--from", "0001-01-01"], ["--from", "01/01/0001"]]
)
def test_the_change_log_over_any_period_a_date_can_name(demo: str, period: list[str]) -> None:
    everything = run("--db", demo, "audit", "export")
    result = run("--db", demo, "audit", "export", *period)
    assert result.exit_code == 0, (result.output, result.exception)
    assert result.output == everything.output


def test_a_save_on_a_read_only_database_is_a_message(demo: str) -> None:
    context = AppContext.open(f"sqlite:///file:{demo}?mode=ro&uri=true", None)
    with pytest.raises(DatabaseError) as failed:
        context.save(
            "cases",
            {
                "code": "VV-2017-950",
                "title": "Trộm cắp tài sản",
                "article": "173",
                "occurred_on": "2017-03-01",
                "locality": "PH-BTX",
                "lead_unit": "CA-QN",
                "coordination": "none",
                "status": "investigating",
            },
        )
    assert "chỉ đọc" in failed.value.message()


async def test_the_apps_save_on_a_read_only_database_says_so(demo: str) -> None:
    # The newest case is Quy Nhơn's: hers to edit.
    app = app_on(f"sqlite:///file:{demo}?mode=ro&uri=true", "qn.lan")
    async with app.run_test(size=(100, 30)) as pilot:
        await still(pilot)
        assert app.query_one("#cases-table", RecordTable).row_count > 0
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        title = app.screen.query_one("#field-title", TextArea)  # a long text: several lines
        title.text = title.text + " (sửa)"
        await pilot.press("ctrl+s")
        message = app.screen.query_one("#form-message", Static)
        await wait_for(pilot, lambda: "chỉ đọc" in str(message.render()))
        shown = str(message.render())
        assert "UPDATE" not in shown and "sqlite3" not in shown and "[SQL" not in shown
        assert isinstance(app.screen, FormScreen)  # what was typed is kept


@pytest.mark.parametrize("content", [b"\x00", b"hello", b"SQLite format 2\x00" + b"\x00" * 200])
def test_a_short_file_is_not_taken_for_an_empty_database(tmp_path: Path, content: bytes) -> None:
    small = tmp_path / "small.sqlite"
    small.write_bytes(content)
    refused(run("--db", str(small), "export", "units"), "không phải cơ sở dữ liệu")
    assert small.read_bytes() == content
