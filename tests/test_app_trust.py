"""Trust in the app: the change log screen, the reporter hidden from the other unit, hostile text
shown harmlessly, and two operators editing the same record (driven through Textual's Pilot)."""

import html
import io
import re
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from sqlalchemy import text
from sqlmodel import select
from textual.widgets import Input, TextArea

from models import CASES, Actor, Case, Tip, demo, records
from models.db import open_database, read_session, write_session
from tui.screens.changelog import ChangeLogScreen, entry_text
from tui.screens.confirm import ConfirmScreen
from tui.screens.conflict import ConflictScreen
from tui.screens.detail import DetailScreen
from tui.screens.form import FormScreen
from tui.widgets.record_table import RecordTable

from .apphelp import app_on, demo_copy, settle, still, wait_for

# A tip Sông Cầu received and shares with Quy Nhơn, and the person who gave it (the demo's).
SHARED_TIP, REPORTER = "NT-2017-003", "Huỳnh Hữu Ân"


@pytest.fixture
def database(tmp_path: Path) -> str:
    return demo_copy(tmp_path)


def first_row(table: RecordTable) -> dict[str, Any]:
    row = table.row(0)
    assert row is not None
    return row


def screen_text(app) -> str:
    """The screen's text, read from its SVG (one run of text per style)."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def test_the_change_log_lists_filters_and_shows_what_changed(database: str) -> None:
    app = app_on(database, "qn.lan")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # Change the newest case's title through the form, then read the log.
        edited = first_row(app.query_one("#cases-table", RecordTable))["code"]
        await pilot.press("e")
        await settle(pilot)
        title = app.screen.query_one("#field-title", TextArea)
        old_title = title.text
        title.text = "Lừa đảo qua mạng xã hội (đã bổ sung)"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("l")
        await still(pilot, screen=ChangeLogScreen)
        log = app.screen
        assert isinstance(log, ChangeLogScreen)
        table = log.query_one(RecordTable)
        everything = table.row_count
        newest = table.row(0)
        assert newest is not None
        assert (newest["actor"], newest["action"], newest["record_code"]) == (
            "qn.lan",
            "update",
            edited,
        )
        entry = screen_text(app)
        assert old_title[:15] in entry and "Lừa đảo qua mạng" in entry
        # By operator, by record, by day; a bad day is refused and changes nothing.
        await pilot.press("f", *"qn.lan", "enter")
        await wait_for(pilot, lambda: table.settled and table.row_count == 1)
        await pilot.press("f", "tab", "tab", *"31/02/2017", "enter")
        await settle(pilot)
        assert "31/02/2017" in screen_text(app)
        assert table.row_count == 1
        await pilot.press("escape", "x")  # out of the filter, then clear them all
        await wait_for(pilot, lambda: table.settled and table.row_count == everything)
        await pilot.press("f", "tab", *"NT-2017-003", "enter")
        await wait_for(pilot, lambda: table.settled and table.row_count == 1)
        assert first_row(table)["action"] == "create"
        # Enter opens the record the entry is about.
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen))
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, ChangeLogScreen | DetailScreen)


async def test_the_other_unit_never_sees_who_gave_a_tip(database: str) -> None:
    for operator, sees in (("sc.hung", True), ("qn.lan", False)):
        app = app_on(database, operator)
        async with app.run_test(size=(120, 40)) as pilot:
            shown: list[str] = []
            await still(pilot, "2", "slash", *SHARED_TIP, "enter")  # the list and its preview
            shown.append(screen_text(app))
            await still(pilot, "enter", screen=DetailScreen)
            shown.append(screen_text(app))
            await still(pilot, "escape", "l", "f", "tab", *SHARED_TIP, "enter")
            table = app.screen.query_one(RecordTable)
            assert table.row_count == 1  # the entry that created the tip, in full
            console = Console(width=120, record=True, file=io.StringIO())
            entry = app.context.log_entry(first_row(table)["id"])
            assert entry is not None
            console.print(entry_text(entry))
            shown.append(console.export_text())
            assert all(SHARED_TIP in screen for screen in shown)  # the tip itself is shared
            assert [REPORTER in screen for screen in shown] == [sees] * 3, operator


async def test_an_escape_sequence_in_a_title_is_shown_not_obeyed(database: str) -> None:
    # Written past models/ (which refuses control characters), as a hostile tool might.
    hostile = "Trộm\x1b]2;PWNED\x07 xe\x1b[2J máy"
    engine = open_database(database)
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE cases SET title = :title WHERE code = 'VV-2018-004'"), {"title": hostile}
        )
    engine.dispose()
    app = app_on(database, "qn.lan")
    async with app.run_test(size=(120, 40)) as pilot:
        await still(pilot)
        table = app.query_one("#cases-table", RecordTable)
        assert table.render_text(0).count("\\x1b") == 2
        await still(pilot, "enter", screen=DetailScreen)
        screen = screen_text(app)
        assert "\\x1b]2;PWNED\\x07 xe\\x1b[2J máy" in screen
        assert "\x1b" not in screen and "\x07" not in screen


def _demo_on(url: str) -> None:
    engine = open_database(url)
    with write_session(engine) as session:
        demo.build(session)
    engine.dispose()


def _changed_by_another_operator(url: str, code: str, changes: dict[str, Any]) -> None:
    engine = open_database(url)
    with write_session(engine) as session:
        case = session.exec(select(Case).where(Case.code == code)).one()
        records.update(
            session,
            actor=Actor.local_admin(),
            kind=CASES,
            key=code,
            expected_version=case.version,
            changes=changes,
        )
    engine.dispose()


def _case(url: str, code: str) -> Case:
    engine = open_database(url)
    with read_session(engine) as session:
        case = session.exec(select(Case).where(Case.code == code)).one()
        session.expunge(case)
    engine.dispose()
    return case


@pytest.mark.parametrize("choice", ["reapply", "reload"])
async def test_the_second_to_save_sees_what_changed_and_chooses(
    database_url: str, choice: str
) -> None:
    _demo_on(database_url)
    app = app_on(database_url, "qn.lan")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        code = first_row(app.query_one("#cases-table", RecordTable))["code"]
        before = _case(database_url, code)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        form = app.screen
        form.query_one("#field-title", TextArea).text = "Tiêu đề do qn.lan sửa"
        # Meanwhile another operator changes the clause and saves first.
        _changed_by_another_operator(database_url, code, {"clause": "3"})
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictScreen))
        shown = screen_text(app)
        assert f"{code} vừa được local:" in shown and "Khoản" in shown
        await pilot.press("a" if choice == "reapply" else "r")
        await settle(pilot)
        after = _case(database_url, code)
        assert after.clause == "3"  # the other operator's change stays either way
        if choice == "reapply":
            await wait_for(pilot, lambda: not isinstance(app.screen, FormScreen | ConflictScreen))
            assert after.title == "Tiêu đề do qn.lan sửa" and after.version == before.version + 2
        else:
            assert app.screen is form
            assert form.query_one("#field-title", TextArea).text == before.title
            assert form.query_one("#field-clause", Input).value == "3"
            assert after.title == before.title and after.version == before.version + 1


async def test_deleting_a_record_someone_just_changed_is_refused(database_url: str) -> None:
    _demo_on(database_url)
    app = app_on(database_url, "qn.lan")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        code = first_row(app.query_one("#cases-table", RecordTable))["code"]
        await still(pilot, "enter", screen=DetailScreen)  # the record as read now
        _changed_by_another_operator(database_url, code, {"clause": "3"})
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert _case(database_url, code).clause == "3"  # still there, with the change
        assert any(code in str(n.message) for n in app._notifications), "no message"


async def test_an_editor_is_told_at_once_a_shared_record_is_not_theirs_to_change(
    database: str,
) -> None:
    """VV-2018-001 is led by Sông Cầu and shared with Quy Nhơn: Quy Nhơn reads it, Sông Cầu
    changes it."""
    for operator, may_change in (("qn.lan", False), ("sc.hung", True)):
        app = app_on(database, operator)
        async with app.run_test(size=(80, 24)) as pilot:
            await still(pilot, "slash", *"VV-2018-001", "enter")
            assert first_row(app.query_one("#cases-table", RecordTable))["code"] == "VV-2018-001"
            for key in ("e", "d"):
                await pilot.press(key)
                await settle(pilot)
                opened = isinstance(app.screen, FormScreen | ConfirmScreen)
                assert opened == may_change, (operator, key)
                if opened:
                    await pilot.press("escape")
                    await settle(pilot)
                else:
                    assert any("không có quyền" in str(n.message) for n in app._notifications)


async def test_the_partner_units_edit_keeps_the_informant_it_cannot_see(database: str) -> None:
    """NT-2017-005 was received by Quy Nhơn and shared with Sông Cầu, whose admin edits it."""
    code = "NT-2017-005"
    app = app_on(database, "admin")
    async with app.run_test(size=(80, 24)) as pilot:
        await still(pilot, "2", "slash", *code, "enter")
        assert first_row(app.query_one("#tips-table", RecordTable))["code"] == code
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        form = app.screen
        assert not form.query("#field-reporter_name") and not form.query("#field-reporter_contact")
        summary = form.query_one("#field-summary", TextArea)
        summary.text = summary.text + " (đã xác minh)"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, FormScreen))
    engine = open_database(database)
    with read_session(engine) as session:
        tip = session.exec(select(Tip).where(Tip.code == code)).one()
        assert tip.summary.endswith("(đã xác minh)")
        assert (tip.reporter_name, tip.reporter_contact) == ("Bùi Đức Khoa", tip.reporter_contact)
        assert tip.reporter_contact
    engine.dispose()
