"""The app as a process and among others: changes by another operator appear by themselves,
a dropped terminal ends it cleanly, and 100,000 cases page and search like 60."""

import asyncio
import os
import pty
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from benchmarks import synthetic
from models.db import open_database
from tui.widgets.record_table import RecordTable

from .apphelp import app_on, demo_copy, read_terminal_until, settle

OTHER_OPERATOR = textwrap.dedent(
    """
    import sys
    from models import CASES, Actor, records
    from models.db import open_database, write_session
    with write_session(open_database(sys.argv[1])) as session:
        records.create(session, actor=Actor("qn.lan", "editor"), kind=CASES, data=dict(
            code="VV-2017-900", title="Cướp giật tại đèo Cù Mông", article="171",
            occurred_on="2017-12-30", locality="PH-BTX", lead_unit="CA-QN",
            coordination="none", status="investigating"))
    """
)


async def test_another_operators_change_shows_up_within_two_seconds(tmp_path: Path) -> None:
    database = demo_copy(tmp_path)
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one("#cases-table", RecordTable)
        assert table.row_count == 61
        subprocess.run([sys.executable, "-c", OTHER_OPERATOR, database], check=True, timeout=60)
        saved = time.monotonic()
        while table.row_count == 61 and time.monotonic() - saved < 5:
            await pilot.pause(0.05)
        waited = time.monotonic() - saved
        assert table.row_count == 62
        assert waited < 2.0, f"took {waited:.2f} s"
        assert any("VV-2017-900" in table.render_text(i) for i in range(10))


def _run_in_terminal(args: list[str]) -> tuple[int, int]:
    """Start `giapranh *args` on a new pseudo-terminal; (pid, master fd)."""
    pid, master = pty.fork()
    if pid == 0:  # the child: the app, on the terminal's slave side
        os.environ.update(TERM="xterm", LANG="C.UTF-8", PYTHONUTF8="1", COLUMNS="80", LINES="24")
        os.execv(sys.executable, [sys.executable, "-m", "tui", *args])
    return pid, master


def _wait_exit(pid: int, seconds: float) -> int | None:
    deadline = time.monotonic() + seconds
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        if time.monotonic() > deadline:
            return None
        time.sleep(0.05)


@pytest.mark.parametrize("how", ["terminal closed", "SIGHUP"])
def test_a_dropped_connection_ends_the_app_cleanly(tmp_path: Path, how: str) -> None:
    database = demo_copy(tmp_path)
    pid, master = _run_in_terminal(["--db", database])
    status = None
    try:
        screen = read_terminal_until(master, "bản ghi".encode(), 60)
        assert "bản ghi".encode() in screen, screen[-500:]
        if how == "SIGHUP":
            os.kill(pid, signal.SIGHUP)
        else:
            os.close(master)
        status = _wait_exit(pid, 5)
        assert status is not None, "the app kept running after its terminal went away"
    finally:
        if status is None:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        if how == "SIGHUP":
            os.close(master)


def test_a_search_typed_in_one_burst_after_the_slash(tmp_path: Path) -> None:
    """Over a slow link, `/` and the text after it arrive together: the text is the search."""
    pid, master = _run_in_terminal(["--db", demo_copy(tmp_path)])
    try:
        screen = read_terminal_until(master, b"VV-2018-004", 60)
        assert b"VV-2018-004" in screen, screen[-500:]
        os.write(master, "/đèo cù mông\r".encode())
        found = "4 bản ghi · Tìm: đèo cù mông".encode()
        screen = read_terminal_until(master, found, 20)
        assert found in screen, screen[-500:]
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(master)


def test_an_escape_sequence_stored_in_a_title_never_reaches_the_terminal(tmp_path: Path) -> None:
    """Written past models/ (which refuses control characters), as a hostile tool might: the
    other operator's terminal receives the characters spelled out, not the sequence."""
    database = demo_copy(tmp_path)
    engine = open_database(database)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE cases SET title = ? WHERE code = 'VV-2018-004'",
            ("Trộm\x1b]2;PWNED\x07 xe\x1b[2J máy",),
        )
    engine.dispose()
    pid, master = _run_in_terminal(["--db", database, "--operator", "qn.lan"])
    try:
        screen = read_terminal_until(master, b"PWNED", 60)
        assert b"PWNED" in screen, screen[-500:]
        assert b"\x1b]2;PWNED" not in screen and b"\x1b[2J" not in screen
        assert b"\\x1b]2;PWNED\\x07" in screen  # shown as text
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(master)


@pytest.fixture(scope="module")
def large_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("large") / "large.sqlite")
    synthetic.build(open_database(path), 100_000)
    return path


async def test_the_app_at_100000_cases(large_database: str) -> None:
    app = app_on(large_database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one("#cases-table", RecordTable)
        assert table.row_count == 100_061
        await pilot.press("end")
        await settle(pilot)
        assert table.cursor == 100_060 and table.render_text(table.cursor).startswith("SVV-")
        await pilot.press("pageup", "pageup", "home")
        await settle(pilot)
        assert table.render_text(0) != ""
        await pilot.press("slash", *"svv-04711", "enter")
        await asyncio.sleep(0.3)
        await settle(pilot)
        assert table.row_count == 10  # SVV-047110 … SVV-047119
        assert table.render_text(0).startswith("SVV-0471")
