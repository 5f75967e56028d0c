"""Forms never lose work: Esc asks before dropping changes, a drop-down's Esc stays in the
drop-down, long texts have boxes of several lines, pastes keep their lines and lose their control
characters, and every limited field counts its characters and stops at its limit."""

from pathlib import Path

import pytest
from sqlmodel import select
from textual import events
from textual.widgets import Input, Select, Static, TextArea

from models import Tip
from models.base import LONG_MAX, NAME_MAX, TITLE_MAX
from models.db import open_database, read_session
from tui.forms import FORMS
from tui.screens.confirm import UnsavedScreen
from tui.screens.form import FormScreen
from tui.widgets.picker import Picker
from tui.widgets.text_fields import LongText, TextField, clean

from .apphelp import app_on, demo_copy, settle


@pytest.fixture
def database(tmp_path: Path) -> str:
    return demo_copy(tmp_path)


def test_long_texts_are_boxes_of_several_lines_with_the_kinds_limits() -> None:
    fields = {(kind, spec.name): spec for kind, specs in FORMS.items() for spec in specs}
    for key, limit in [
        (("cases", "title"), TITLE_MAX),
        (("tips", "summary"), LONG_MAX),
        (("award_recipients", "achievement"), LONG_MAX),
        (("suspects", "address"), NAME_MAX),
        (("campaigns", "name"), TITLE_MAX),
    ]:
        assert (fields[key].widget, fields[key].max_length) == ("long", limit), key
    assert (fields["cases", "code"].widget, fields["cases", "code"].max_length) == ("text", 40)
    assert fields["suspects", "full_name"].max_length == NAME_MAX
    assert fields["cases", "status"].max_length is None


def test_clean_keeps_lines_and_tabs_and_drops_escapes() -> None:
    assert clean("a\tb\r\nc", one_line=False) == ("a\tb\nc", False)
    assert clean("x\x1b[5my\x07z", one_line=False) == ("xyz", True)
    assert clean("one\ntwo", one_line=True) == ("one two", False)


async def _new_tip(pilot) -> FormScreen:
    await settle(pilot)
    await pilot.press("2", "n")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, FormScreen)
    return form


async def test_escape_on_a_changed_form_asks_and_keep_editing_keeps_it(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _new_tip(pilot)
        # Unchanged: Esc closes at once.
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        form = await _new_tip(pilot)
        summary = form.query_one("#field-summary", LongText)
        summary.focus()
        await pilot.press(*"Tin báo")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, UnsavedScreen)
        await pilot.press("escape")  # keep editing
        await settle(pilot)
        assert app.screen is form and summary.text == "Tin báo"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("d")  # discard
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen | UnsavedScreen)
    with read_session(open_database(database)) as session:
        assert session.exec(select(Tip).where(Tip.summary == "Tin báo")).first() is None


async def test_save_from_the_question_saves_and_a_refusal_keeps_the_text(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _new_tip(pilot)
        form.query_one("#field-received_on", Input).value = "31/02/2017"
        form.query_one("#field-summary", TextArea).text = "Tin báo\nhai dòng"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        # Refused (a bad date): the form stays with everything typed.
        assert app.screen is form
        assert form.query_one("#field-summary", TextArea).text == "Tin báo\nhai dòng"
        assert form.query_one("#field-received_on", Input).value == "31/02/2017"
        form.query_one("#field-received_on", Input).value = "30/12/2017"
        form.query_one("#field-kind", Select).value = "tin_bao"
        form.query_one("#field-receiving_unit", Picker).value = "CA-SC"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen), [
            f"{e.id}: {e.render()}" for e in form.query(".field-error") if e.display
        ]
    with read_session(open_database(database)) as session:
        assert session.exec(select(Tip).where(Tip.summary == "Tin báo\nhai dòng")).one()


async def test_escape_closing_a_drop_down_leaves_the_form_open(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _new_tip(pilot)
        kind = form.query_one("#field-kind", Select)
        kind.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert kind.expanded
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form and not kind.expanded
        # Opened and closed again, with nothing changed: the next Esc closes the form.
        kind.expanded = True
        await pilot.pause()
        form.action_cancel()
        await pilot.pause()
        assert app.screen is form and not kind.expanded


async def test_paste_keeps_lines_drops_controls_and_stops_at_the_limit(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        form = await _new_tip(pilot)
        summary = form.query_one("#field-summary", LongText)
        summary.focus()
        app.post_message(events.Paste("dòng 1\n\tdòng 2\x1b[5m nhấp nháy"))
        await settle(pilot)
        assert summary.text == "dòng 1\n\tdòng 2 nhấp nháy"
        assert any("ký tự điều khiển" in str(n.message) for n in app._notifications)
        count = str(form.query_one("#form-count", Static).render())
        assert f"{len(summary.text)}/{LONG_MAX}" in count
        app.post_message(events.Paste("x" * 5000))
        await settle(pilot)
        assert len(summary.text) == LONG_MAX
        assert any("đủ số ký tự" in str(n.message) for n in app._notifications)
        await pilot.press("y")  # typing stops at the limit too
        assert len(summary.text) == LONG_MAX
        reporter = form.query_one("#field-reporter_name", TextField)
        reporter.focus()
        app.post_message(events.Paste("Nguyễn\r\nVăn A"))
        await settle(pilot)
        assert reporter.value == "Nguyễn Văn A"
        assert f"12/{NAME_MAX}" in str(form.query_one("#form-count", Static).render())
