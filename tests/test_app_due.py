"""The due queue in the app (tui/screens/due.py): what is due, fewest days left first, a record
opened from it and, back from it, the cursor on the next one."""

from pathlib import Path

from textual.widgets import DataTable, Static

from models.db import open_database, write_session
from models.due import set_windows
from tui.screens.detail import DetailScreen
from tui.screens.due import DueScreen

from .apphelp import app_on, demo_copy, settle, wait_for


async def test_the_due_queue_opens_a_record_and_comes_back_to_the_next(tmp_path: Path) -> None:
    database = demo_copy(tmp_path)
    engine = open_database(database)
    with write_session(engine) as session:  # the demo as of 02/04/2018: tips due in 10 days
        set_windows(session, 10, None)
    engine.dispose()
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, DueScreen))
        table = app.screen.query_one(DataTable)
        await wait_for(pilot, lambda: table.row_count > 0)
        summary = str(app.screen.query_one("#due-summary", Static).render())
        assert summary.startswith("2 đến hạn, 1 quá hạn · nguồn tin 2 (≤10 ngày)")
        codes = [str(table.get_row_at(n)[3]) for n in range(table.row_count)]
        assert codes == ["NT-2018-010", "NT-2018-012"]
        assert str(table.get_row_at(0)[0]) == "quá 7"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen))
        await settle(pilot)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, DueScreen))
        await settle(pilot)
        assert table.cursor_row == 1
