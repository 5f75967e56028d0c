"""What operators do in the app, driven through Textual's Pilot on a copy of the demo."""

from pathlib import Path

import pytest
from sqlmodel import select
from textual.widgets import ContentSwitcher, Input, Select

from models import Case, Tip
from models.db import open_database, read_session
from tui.screens.detail import DetailScreen
from tui.screens.form import FormScreen
from tui.widgets.record_table import RecordTable

from .apphelp import app_on, demo_copy, settle


@pytest.fixture
def database(tmp_path: Path) -> str:
    return demo_copy(tmp_path)


def rows(app, pane: str) -> list[str]:
    table = app.query_one(f"#{pane}-table", RecordTable)
    return [table.render_text(i) for i in range(min(table.row_count, 200))]


async def test_the_cases_pane_opens_with_the_newest_cases(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one("#cases-table", RecordTable)
        assert table.row_count == 61
        assert rows(app, "cases")[0].startswith("VV-2018-004 14/03/2018 174")
        assert table.has_focus


async def test_number_keys_switch_panes(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key, pane in [
            ("2", "tips"),
            ("3", "campaigns"),
            ("4", "awards"),
            ("5", "review"),
            ("6", "suspects"),
            ("1", "cases"),
        ]:
            await pilot.press(key)
            await settle(pilot)
            assert app.query_one("#panes", ContentSwitcher).current == pane


async def test_search_ignores_tone_marks(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"deo cu mong")
        await pilot.pause(0.4)
        await settle(pilot)
        found = {row.split()[0] for row in rows(app, "cases")}
        with read_session(open_database(database)) as session:
            cases = {case.code: case for case in session.exec(select(Case))}
            on_the_pass = {code for code, case in cases.items() if "đèo Cù Mông" in case.title}
            # A case matches by its own words or by those of what it links to (its campaign).
            assert on_the_pass and on_the_pass <= found
            for code in found:
                campaign = cases[code].campaign
                assert "Cù Mông" in cases[code].title + (campaign.name if campaign else "")


async def test_create_a_case_through_the_form(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        await pilot.click("#field-title")
        await pilot.press(*"Trộm cắp xe máy tại chợ Xuân Hải")
        for name, value in [
            ("article", "173"),
            ("locality", "XA-XH"),
            ("lead_unit", "CA-SC"),
            ("coordination", "none"),
            ("status", "investigating"),
        ]:
            form.query_one(f"#field-{name}", Select).value = value
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
    with read_session(open_database(database)) as session:
        case = session.exec(
            select(Case).where(Case.title == "Trộm cắp xe máy tại chợ Xuân Hải")
        ).one()
        assert case.code == "VV-2017-044" and case.occurred_on.isoformat() == "2017-12-31"


async def test_a_bad_date_shows_beside_the_field_and_nothing_is_saved(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2", "n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#field-received_on", Input).value = "31/02/2017"
        form.query_one("#field-summary", Input).value = "Tin báo thử"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        error = form.query_one("#error-received_on")
        assert "không phải ngày hợp lệ" in str(error.render())
    with read_session(open_database(database)) as session:
        assert session.exec(select(Tip).where(Tip.summary == "Tin báo thử")).first() is None


async def test_open_a_case_and_follow_its_links(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.detail is not None and app.screen.detail.code == "VV-2018-004"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, DetailScreen)
