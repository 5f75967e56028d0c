"""The app's import screen: a register from the operator's folder, previewed, then imported."""

from pathlib import Path

import pytest
from sqlalchemy import select
from textual.widgets import Select, Static

from models import KINDS
from models.db import open_database, read_session
from models.registers.importing import IMPORT_DIR_VARIABLE, files_in, import_folder
from tests.apphelp import app_on, demo_copy, settle, wait_for
from tests.registerfiles import xlsx
from tui.screens.importing import ImportScreen


def _codes(database: str) -> set[str]:
    with read_session(open_database(database)) as session:
        return set(session.scalars(select(KINDS["localities"].table.code)))


async def test_an_admin_previews_then_imports_a_register(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = demo_copy(tmp_path)
    monkeypatch.setenv(IMPORT_DIR_VARIABLE, str(tmp_path / "imports"))
    folder = import_folder(None)
    folder.mkdir(parents=True)
    rows = [
        ["DANH SÁCH XÃ"],
        ["Mã xã", "Tên xã", "Đơn vị quản lý", "Giáp ranh"],
        ["XA-MOI", "Xã [bold]Mới[/]", "CA-SC", "có"],
    ]
    xlsx(folder / "xa-moi.xlsx", rows, merge=["A1:D1"])
    (tmp_path / "outside.csv").write_text("code\n", encoding="utf-8")
    app = app_on(database)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, ImportScreen))
        screen = app.screen
        screen.query_one("#import-kind", Select).value = "localities"
        await settle(pilot)
        await pilot.press("enter")
        preview = screen.query_one("#import-preview", Static)
        await wait_for(pilot, lambda: "XA-MOI" in str(preview.render()))
        shown = str(preview.render())
        assert "B «Tên xã» → name" in shown and "Xã [bold]Mới[/]" in shown
        assert "XA-MOI" not in _codes(database)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await wait_for(pilot, lambda: "XA-MOI" in _codes(database))


def test_only_the_registers_in_the_folder_are_listed(tmp_path: Path) -> None:
    folder = tmp_path / "sc.hung"
    folder.mkdir()
    (folder / "so.xlsx").write_bytes(b"")
    (folder / "ghi-chu.txt").write_text("x")
    (tmp_path / "secret.csv").write_text("code\n")
    (folder / "link.csv").symlink_to(tmp_path / "secret.csv")
    (folder / "sub").mkdir()
    (folder / "sub" / "deeper.csv").write_text("code\n")
    assert [path.name for path in files_in(folder)] == ["so.xlsx"]
    assert files_in(tmp_path / "none") == []
