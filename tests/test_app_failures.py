"""Background work never fails silently: a query that fails says why in the operator's language,
and the pane it came from stays usable and loads again with F5 (driven through Textual's Pilot)."""

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from models.db import open_database
from tui.widgets.record_table import RecordTable

from .apphelp import app_on, demo_copy, settle


@pytest.fixture
def database(tmp_path: Path) -> str:
    return demo_copy(tmp_path)


def _rename(database: str, old: str, new: str) -> None:
    """The table goes away (or comes back) under the running app, as a damaged database would."""
    engine = open_database(database)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"ALTER TABLE {old} RENAME TO {new}")
    engine.dispose()


async def _until(pilot: Pilot[None], condition: Callable[[], object], seconds: float = 20) -> None:
    """Like apphelp.wait_for, without waiting on workers (one of them is meant to fail)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the app never got there"
        await pilot.pause(0.05)


def _messages(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def test_a_failed_list_says_why_and_reloads_with_f5(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one("#cases-table", RecordTable)
        assert table.row_count == 61
        _rename(database, "cases", "cases_away")
        await pilot.press("f5")
        await _until(pilot, lambda: table.failed)
        assert not table.counting  # not stuck "loading"
        said = [text for text in _messages(app) if text.startswith("Không tải danh sách được")]
        assert said and "no such table: cases" in said[0] and "F5" in said[0]
        assert "SELECT" not in said[0]  # the reason, never the statement
        await pilot.pause()
        assert "Không tải được danh sách — nhấn F5" in table.render_line(1).text
        # The rest of the app works meanwhile: another pane loads.
        await pilot.press("2")
        tips = app.query_one("#tips-table", RecordTable)
        await _until(pilot, lambda: tips.settled and tips.row_count == 154)
        await pilot.press("1")
        _rename(database, "cases_away", "cases")
        await pilot.press("f5")
        await _until(pilot, lambda: table.settled and not table.failed and table.row_count == 61)
        assert table.render_text(0).startswith("VV-2018-004")


async def test_the_review_pane_says_why_it_has_no_figures(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        _rename(database, "award_recipients", "recipients_away")
        await pilot.press("5", "f5")
        await _until(pilot, lambda: any("tính số liệu sơ kết" in m for m in _messages(app)))
        _rename(database, "recipients_away", "award_recipients")
        await pilot.press("f5")
        await settle(pilot)
        assert app.query_one("#review-figures", DataTable).row_count == 12
