"""Vietnamese wherever the operator reads, Textual's own words included: the key descriptions its
widgets show in the footer, the command palette's "no matches", counts on the command line."""

import inspect
from pathlib import Path

import pytest
import textual.widgets
from textual.binding import BindingsMap
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.widgets import Select
from textual.widgets._select import SelectOverlay

from models.i18n import MESSAGES, set_language
from tui.screens.form import FormScreen
from tui.widgets import textual_words
from tui.widgets.textual_words import TEXTUAL_WORDS, TRANSLATED, translate_textual

from .apphelp import app_on, demo_copy, settle, wait_for


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
