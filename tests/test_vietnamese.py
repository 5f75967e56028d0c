"""Vietnamese wherever the operator reads, Textual's own words included: the key descriptions its
widgets show in the footer, the command palette's "no matches", counts on the command line."""

import html
import inspect
import io
import re
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

import click
import pytest
import textual.widgets
from click.testing import CliRunner
from rich.console import Console
from textual.binding import BindingsMap
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.widgets import Select
from textual.widgets._select import SelectOverlay

import tui.cli as cli
from models.changelog import ChangeLogEntry
from models.i18n import MESSAGES, set_language
from tui.screens.changelog import entry_text
from tui.screens.form import FormScreen
from tui.widgets import textual_words
from tui.widgets.textual_words import TEXTUAL_WORDS, TRANSLATED, translate_textual

from .apphelp import app_on, demo_copy, pictured_app, settle, wait_for


@pytest.fixture
def database(tmp_path: Path) -> str:
    return demo_copy(tmp_path)


def _textual_classes() -> list[type[DOMNode]]:
    found = [getattr(textual.widgets, name) for name in dir(textual.widgets)]
    candidates = [*found, SelectOverlay, CommandPalette]
    return [c for c in candidates if inspect.isclass(c) and issubclass(c, DOMNode)]


def test_every_key_textual_shows_has_its_translation() -> None:
    """A Textual upgrade that shows a new key description fails here until it is translated."""
    translate_textual()
    for cls in _textual_classes():
        bindings = textual_words._ORIGINALS.get(cls) or cls._merged_bindings or BindingsMap()
        for binding in (b for bs in bindings.key_to_bindings.values() for b in bs):
            if binding.show and binding.description:
                words = binding.description
                assert words in TEXTUAL_WORDS, f"{cls.__name__}: {words!r} has no translation"
                assert cls in TRANSLATED, cls
    for key in TEXTUAL_WORDS.values():
        assert MESSAGES[key][0] != MESSAGES[key][1], key


def _screen(app) -> str:
    return app.export_screenshot().replace("&#160;", " ")


async def test_a_drop_down_and_the_palette_speak_vietnamese(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        status = app.screen.query_one("#field-status", Select)
        status.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert status.expanded
        shown = _screen(app)
        assert "Đóng danh sách" in shown and "Dismiss menu" not in shown
        await pilot.press("escape", "escape")
        await settle(pilot)
        await pilot.press("ctrl+p", *"zzzz")
        await wait_for(pilot, lambda: "Không tìm thấy" in _screen(app))
        shown = _screen(app)
        assert "No matches found" not in shown and "Exit the command palette" not in shown


async def test_english_stays_complete(database: str) -> None:
    set_language("en")
    try:
        app = app_on(database)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+p", *"zzzz")
            await wait_for(pilot, lambda: "Nothing found" in _screen(app))
    finally:
        set_language("vi")
        translate_textual()


def test_the_change_log_shows_values_as_the_app_does(tmp_path: Path) -> None:
    """A tip's status, kind and dates in the log read as in the tip's own screen, not as
    stored (`verifying → case_opened`, `2017-12-31`)."""
    entry = ChangeLogEntry(
        id=1,
        at=datetime(2017, 12, 31, 3, tzinfo=UTC),
        actor="sc.hung",
        action="update",
        kind="tips",
        record_id=uuid.uuid4(),
        record_code="NT-2017-001",
        prev_hash="0" * 64,
        hash="0" * 64,
        before={"status": "verifying", "resolved_on": None, "kind": "to_giac"},
        after={"status": "case_opened", "resolved_on": "2017-12-31", "kind": "tin_bao"},
    )
    console = Console(width=120, record=True, file=io.StringIO())
    console.print(entry_text(entry))
    shown = console.export_text()
    for words in ("đang xác minh", "đã khởi tố", "31/12/2017", "tố giác", "tin báo"):
        assert words in shown, shown
    for stored in ("verifying", "case_opened", "2017-12-31", "to_giac"):
        assert stored not in shown, shown


def _every_command(group: click.Group, path: list[str]) -> list[list[str]]:
    found = [path]
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if isinstance(command, click.Group):
            found += _every_command(command, [*path, name])
        elif command is not None:
            found.append([*path, name])
    return found


def _command_at(path: list[str]) -> click.Command:
    found: click.Command = cli.main
    for name in path:
        assert isinstance(found, click.Group)
        found = found.get_command(click.Context(found), name)  # type: ignore[assignment]
    return found


# Words of English prose that no Vietnamese sentence uses ("an", "to", "in" are Vietnamese too).
ENGLISH_WORDS = re.compile(
    r"\b(the|and|of|with|this|from|is|are|for|which|when|each|every|its|their|not|or|by|be|"
    r"has|have|must|only|one|all|default|file|database|records?|show)\b",
    re.IGNORECASE,
)


def _prose(help_text: str) -> list[str]:
    """The lines of a help that are sentences: not examples, without option names, variables,
    quoted text, file names and the names of subcommands listed, which stay as typed."""
    kept = []
    for line in help_text.splitlines():
        if line.strip().startswith(("giapranh ", ">", "Cách dùng: giapranh ")):
            continue
        line = re.sub(r"^  [a-z][\w-]*(?=\s{2,})", "", line)  # "  show    In …": a command's name
        kept.append(re.sub(r"--[\w-]+|\$\w+|`[^`]*`|\"[^\"]*\"|\S+\.(sqlite|pub|json)\b", "", line))
    return kept


def test_every_command_option_and_argument_has_its_help_in_vietnamese() -> None:
    for path in _every_command(cli.main, []):
        command = _command_at(path)
        assert command.help_vi, path  # type: ignore[attr-defined]
        for param in command.params:
            english = getattr(param, "_help_en", None)
            assert english is None or param.help_vi, (path, param.name)  # type: ignore[attr-defined]


def test_every_help_and_usage_error_of_the_command_line_speaks_vietnamese() -> None:
    runner = CliRunner()
    commands = _every_command(cli.main, [])
    assert len(commands) > 20
    for path in commands:
        shown = runner.invoke(cli.main, [*path, "--help"], prog_name="giapranh").output
        assert "Cách dùng:" in shown and "Hiện hướng dẫn này rồi thoát." in shown, path
        assert "[TÙY_CHỌN]" in shown, path
        for english in ("Usage:", "Options:", "Show this message", "Commands:", "[OPTIONS]"):
            assert english not in shown, (path, english)
        for line in _prose(shown):
            assert not ENGLISH_WORDS.search(line), (path, line)
    refused = runner.invoke(cli.main, ["operator", "add"], prog_name="giapranh")
    assert "Thiếu đối số 'TÊN_ĐĂNG_NHẬP'" in refused.output, refused.output
    refused = runner.invoke(cli.main, ["khong-co"], prog_name="giapranh")
    assert refused.exit_code == 2 and "Không có lệnh 'khong-co'" in refused.output
    assert "Gõ 'giapranh --help' để xem hướng dẫn." in refused.output
    refused = runner.invoke(cli.main, ["report", "--khong"])
    assert "Không có tùy chọn '--khong'" in refused.output, refused.output
    refused = runner.invoke(cli.main, ["report", "--format", "doc"])
    assert "Giá trị không hợp lệ cho" in refused.output and "không thuộc" in refused.output


def test_the_command_line_in_english_keeps_clicks_own_words() -> None:
    # A process of its own, as the command line runs (click keeps its help option once made).
    shown = subprocess.run(
        [sys.executable, "-m", "tui", "--lang", "en", "report", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Usage:" in shown and "Show this message and exit." in shown
    assert "report [OPTIONS]" in shown and "Print the review" in shown
    assert "Ngày" not in shown and "--from D " in shown


def _words_shown(app) -> str:
    """The screen's words, without folder paths (the test's own)."""
    shown = html.unescape(re.sub(r"<[^>]+>", " ", app.export_screenshot()))
    return re.sub(r"/[^\s\xa0]+", "", shown)


async def test_every_screen_of_the_app_speaks_vietnamese(database: str) -> None:
    """Each pane, and from it the help, the filter, a record's detail, a new record's form,
    the change log; the due queue, the search and the import screen: no English prose."""
    app = pictured_app(database)  # its database named, not the test's folder
    seen = 0
    async with app.run_test(size=(120, 40)) as pilot:

        async def look(*keys: str) -> None:
            nonlocal seen
            screens = len(app.screen_stack)
            for key in keys:
                await pilot.press(key)
                await settle(pilot)
            for line in _words_shown(app).splitlines():
                assert not ENGLISH_WORDS.search(line), (keys, line)
            seen += 1
            while len(app.screen_stack) > screens:
                await pilot.press("escape")
                await settle(pilot)

        await settle(pilot)
        for pane in "123456":
            await look(pane)
            for keys in (("question_mark",), ("f",), ("enter",), ("n",), ("l",)):
                await look(*keys)
        await look("h")
        await look("ctrl+f", "d", "e", "o")
        await look("i")
    assert seen == 6 * 6 + 3
