"""Text from the database is text, never markup and never a terminal's command: in the app (the
review, the header, the drop-down choices) and on the command line when it writes to a terminal
(the bytes a real pseudo-terminal receives). Bidi overrides and zero-width characters are
refused or dropped on input."""

import io
import os
import pty
import re
import select
import subprocess
import sys
import tty
import unicodedata
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.console import Console
from sqlalchemy import text

from models import CAMPAIGNS, CASES, UNITS, Actor, ChangeLogEntry, records
from models.db import open_database, read_session, write_session
from models.errors import InvalidInput
from models.text import for_terminal, harmless, printable
from tui.context import AppContext
from tui.panes.review import ReviewPane
from tui.screens.changelog import entry_text

from .apphelp import app_on, demo_copy, settle
from .test_app_trust import screen_text

# A clipboard write (OSC 52), a title, clear screen, backspace, a lone CR, a C1 CSI, a bidi
# override and a zero-width joiner: each a way to make a terminal do or show something else.
HOSTILE = (
    "Công an \x1b]52;c;cHduZWQ=\x07\x1b]0;PWNED\x07\x1b[2J\x08\rX\x9b31m\u202eNQ\u200d Quy Nhơn"
)
OBEYED = [b"\x1b", b"\x07", b"\x08", "\x9b".encode(), "\u202e".encode(), "\u200d".encode()]


def _obeyed(output: bytes) -> list[bytes]:
    found = [sequence for sequence in OBEYED if sequence in output]
    if re.search(rb"\r(?!\n)", output):
        found.append(b"lone CR")
    return found


def test_every_invisible_or_control_character_is_spelled_out() -> None:
    for code in range(0x110000):
        char = chr(code)
        category = unicodedata.category(char)
        hidden = category in ("Cf", "Zl", "Zp") or (category == "Cc" and char not in "\t\n")
        if category != "Cn":  # unassigned in this Python's Unicode, maybe assigned in later ones
            assert (harmless(char) != char) == hidden, f"U+{code:04X} {category}"
    assert harmless("a\u202eb") == "a\\u202eb" and harmless("\x1b") == "\\x1b"
    assert printable("a\tb\nc") == "a\\x09b\\x0ac"
    assert for_terminal("a,b\r\nc\rd") == "a,b\r\nc\\x0dd"


@pytest.mark.parametrize("field", ["title", "code"])
def test_bidi_overrides_are_refused_and_zero_width_characters_dropped(
    two_units: object, engine: object, field: str
) -> None:
    data = {
        "code": "VV-2017-001",
        "title": "Trộm cắp tài sản",
        "article": "173",
        "occurred_on": "2017-03-01",
        "locality": "LA",
        "lead_unit": "A",
        "coordination": "none",
        "status": "investigating",
    }
    admin = Actor("tester", "admin")
    with pytest.raises(InvalidInput) as refused, write_session(engine) as session:  # type: ignore[arg-type]
        spoofed = {**data, field: data[field][:3] + "\u202e" + data[field][3:]}
        records.create(session, actor=admin, kind=CASES, data=spoofed)
    assert field in refused.value.by_field()
    with write_session(engine) as session:  # type: ignore[arg-type]
        joined = {**data, "title": "Trộm\u200d cắp\u200b tài sản\ufeff"}
        record = records.create(session, actor=admin, kind=CASES, data=joined)
        assert record.title == "Trộm cắp tài sản"


# --- the command line on a terminal ----------------------------------------------------------


def _on_terminal(*args: str) -> tuple[int, bytes]:
    """`giapranh *args` with stdout and stderr on a raw pseudo-terminal: (status, the bytes)."""
    master, slave = pty.openpty()
    tty.setraw(slave)  # no CR added to LF: what the program wrote, byte for byte
    env = {**os.environ, "LANG": "C.UTF-8", "PYTHONUTF8": "1", "TERM": "xterm"}
    child = subprocess.Popen(
        [sys.executable, "-m", "tui", *args],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        env=env,
    )
    os.close(slave)
    output = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            child.kill()
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the last writer closed its side
            break
        if not chunk:
            break
        output += chunk
    os.close(master)
    return child.wait(timeout=60), output


@pytest.fixture
def hostile_database(tmp_path: Path) -> str:
    """The demo, with CA-QN's name written past models/ (which refuses it), as a hostile tool
    might."""
    database = demo_copy(tmp_path)
    engine = open_database(database)
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE units SET name = :name WHERE code = 'CA-QN'"), {"name": HOSTILE}
        )
    engine.dispose()
    return database


@pytest.mark.parametrize(
    "command",
    [
        ["export", "units", "--format", "csv"],
        ["export", "units", "--format", "json"],
        ["report", "--from", "2017-01-01", "--to", "2017-12-31"],
        ["--operator", "qn.lan", "report", "--from", "2017-01-01", "--to", "2017-12-31"],
    ],
    ids=["csv", "json", "report", "report-as-qn"],
)
def test_the_command_line_shows_stored_escapes_without_obeying_them(
    hostile_database: str, command: list[str]
) -> None:
    status, output = _on_terminal("--db", hostile_database, *command)
    assert status == 0, output[-2000:]
    assert _obeyed(output) == []
    # Shown, spelled out (JSON writes its own \\u001b for C0), not dropped.
    assert re.search(rb"\\(x1b|u001b)\]52;c;cHduZWQ=\\(x07|u0007)", output), output[-2000:]
    assert b"\\u202eNQ" in output


def test_an_error_quoting_a_hostile_header_quotes_it_harmlessly(tmp_path: Path) -> None:
    database = demo_copy(tmp_path)
    bad = tmp_path / "units.csv"
    bad.write_bytes(b"code,name,level,\x1b]0;PWNED-HDR\x07\xc2\x9b\r\nU9,Ten,district,x\r\n")
    status, output = _on_terminal("--db", database, "import", "units", str(bad))
    assert status == 1, output
    assert _obeyed(output) == []
    assert b"Traceback" not in output
    assert b"\\x1b]0;PWNED-HDR\\x07" in output


# --- the app ---------------------------------------------------------------------------------


def _rename(database: str, code: str, name: str) -> None:
    """Rename a unit through models/ (markup is ordinary text there)."""
    engine = open_database(database)
    with write_session(engine) as session:
        unit = records.get(session, UNITS, code)
        records.update(
            session,
            actor=Actor.local_admin(),
            kind=UNITS,
            key=unit.id,
            expected_version=unit.version,
            changes={"name": name},
        )
    engine.dispose()


async def test_a_unit_name_with_markup_is_shown_as_written_in_the_review(tmp_path: Path) -> None:
    database = demo_copy(tmp_path)
    _rename(database, "CA-SC", "Đội [/red] thử [bold]Sông Cầu")
    app = app_on(database, "sc.hung")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        pane = app.query_one(ReviewPane)
        assert pane.review is not None and app.is_running
        shown = " ".join(screen_text(app).split())  # the sentences wrap
        assert "Đội [/red] thử [bold]Sông Cầu" in shown


async def test_stored_escapes_reach_the_app_spelled_out(hostile_database: str) -> None:
    app = app_on(hostile_database, "qn.lan")  # the header names qn.lan's unit
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        screen = screen_text(app)
        assert "\\x1b]52;c;cHduZWQ=\\x07" in screen
        assert not any(char in screen for char in "\x1b\x07\x08\x9b\u202e\u200d")
        for label, _code in app.context.options("units"):
            assert not any(char in label.plain for char in "\x1b\x9b\u202e")


def test_an_operators_choices_hold_only_the_campaigns_they_may_read(tmp_path: Path) -> None:
    database = demo_copy(tmp_path)
    engine = open_database(database)
    with write_session(engine) as session:
        records.create(
            session,
            actor=Actor.local_admin(),
            kind=CAMPAIGNS,
            data={
                "code": "CD-QN-ONLY",
                "name": "Cao điểm riêng của Quy Nhơn",
                "starts_on": "2017-05-01",
                "ends_on": "2017-05-30",
                "units": "CA-QN",
                "articles": "173",
            },
        )
    with read_session(engine) as session:
        everyone = {code for (code,) in session.execute(text("SELECT code FROM campaigns"))}
    engine.dispose()
    assert "CD-QN-ONLY" in everyone
    sc = AppContext.open(database, "sc.hung").options("campaigns")
    qn = AppContext.open(database, "qn.lan").options("campaigns")
    assert "CD-QN-ONLY" not in {code for _, code in sc}
    assert "CD-QN-ONLY" in {code for _, code in qn}
    assert {code for _, code in sc} < everyone


def test_a_change_log_entry_with_markup_in_its_fields_renders_as_written() -> None:
    entry = ChangeLogEntry(
        id=1,
        at=datetime.now(UTC),
        actor="sc.hung",
        action="update",
        kind="cases",
        record_code="VV-2017-001",
        record_id=uuid.uuid4(),
        prev_hash="0" * 64,
        hash="1" * 64,
        before={"[/red]x": "Đội [/red] thử", "title": "a"},
        after={"[/red]x": "Đội [bold]", "title": "b"},
    )
    console = Console(file=io.StringIO(), width=120, color_system=None)
    console.print(entry_text(entry))
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert "[/red]x" in shown and "Đội [/red] thử" in shown
