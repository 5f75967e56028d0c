"""Review reports in the app: `b` in the Sơ kết pane lists them, Enter opens one with its
figures and what moved since approval, `v` reopens or approves it after a question, `e` edits a
draft (an approved one says why not), `n` makes a new one, `w` writes its report."""

from pathlib import Path

import docx
import pytest
from sqlmodel import select
from textual.widgets import DataTable, Input, Static

from models.db import open_database, read_session
from models.registers.importing import IMPORT_DIR_VARIABLE
from models.reviews import ReviewRecord
from tui.screens.confirm import ConfirmScreen
from tui.screens.detail import DetailScreen
from tui.screens.form import FormScreen
from tui.screens.form_fields import set_field
from tui.screens.reviews import ReviewsScreen
from tui.widgets.picker import Picker

from .apphelp import app_on, demo_copy, settle, wait_for


def status_of(database: str, code: str = "SK-2017-01") -> str | None:
    engine = open_database(database)
    with read_session(engine) as session:
        found = session.exec(select(ReviewRecord).where(ReviewRecord.code == code)).first()
        status = found.status if found is not None else None
    engine.dispose()
    return status


def fields_text(screen: DetailScreen) -> str:
    return str(screen.query_one("#detail-fields-text", Static).render())


async def open_review(pilot) -> DetailScreen:  # type: ignore[no-untyped-def]
    app = pilot.app
    await settle(pilot)
    await pilot.press("5", "b")
    await wait_for(pilot, lambda: isinstance(app.screen, ReviewsScreen) and app.screen.rows)
    table = app.screen.query_one(DataTable)
    assert table.row_count == 1
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen) and app.screen.detail)
    return app.screen


async def test_a_review_is_opened_reopened_edited_and_approved_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = demo_copy(tmp_path)
    monkeypatch.setenv(IMPORT_DIR_VARIABLE, str(tmp_path / "files"))
    app = app_on(database, "sc.hung")
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await open_review(pilot)
        shown = fields_text(detail)
        assert "Số liệu đã duyệt" in shown and "Vụ xảy ra ở địa bàn giáp ranh: 35" in shown
        assert "Số liệu không thay đổi kể từ khi duyệt." in shown
        await pilot.press("e")  # approved: locked, said at once, no form
        await settle(pilot)
        assert app.screen is detail
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: "dự thảo" in fields_text(detail))
        assert status_of(database) == "draft"
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        form = app.screen
        set_field(form.query_one("#field-place"), "Xuân Hải")
        set_field(form.query_one("#field-causes"), "Lực lượng mỏng.\nĐịa bàn rộng.")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is detail and "Xuân Hải" in fields_text(detail))
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: "đã duyệt" in fields_text(detail))
        await pilot.press("w")
        folder = tmp_path / "files" / "sc.hung"
        await wait_for(pilot, lambda: (folder / "sk-2017-01.docx").exists(), 60)
        await settle(pilot)
    assert status_of(database) == "approved"
    written = docx.Document(str(folder / "sk-2017-01.docx"))
    texts = [paragraph.text for paragraph in written.paragraphs]
    assert "Lực lượng mỏng." in texts and "Địa bàn rộng." in texts
    assert written.tables[0].cell(1, 1).text.startswith("Xuân Hải, ngày 19 tháng 01 năm 2018")


async def test_n_makes_a_review_of_the_period_and_a_viewer_cannot(tmp_path: Path) -> None:
    database = demo_copy(tmp_path)
    app = app_on(database, "qn.lan")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("5", "left_square_bracket", "b")  # 2017: a year, offered as it is
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewsScreen) and app.screen.rows)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        form = app.screen
        assert form.query_one("#field-starts_on", Input).value == "01/01/2017"
        assert form.query_one("#field-ends_on", Input).value == "31/12/2017"
        assert form.query_one("#field-host_unit", Picker).value == "CA-QN"
        await pilot.press("ctrl+s")
        await wait_for(
            pilot, lambda: isinstance(app.screen, ReviewsScreen) and len(app.screen.rows) == 2
        )
        screen = app.screen
        assert isinstance(screen, ReviewsScreen)
        codes = [row["code"] for row in screen.rows]
    assert "SK-2017-02" in codes
    assert status_of(database, "SK-2017-02") == "draft"
    viewer = app_on(database, "py.an")
    async with viewer.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("5", "b")
        await wait_for(pilot, lambda: isinstance(viewer.screen, ReviewsScreen))
        assert not viewer.screen.check_action("new", ())
