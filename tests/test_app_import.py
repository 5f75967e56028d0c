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


TIPS = "code,kind,received_on,receiving_unit,partner_unit,locality,summary,status\n"


def _tips(database: str) -> set[str]:
    with read_session(open_database(database)) as session:
        return set(session.scalars(select(KINDS["tips"].table.code)))


async def test_an_editor_imports_their_units_tips_and_no_other_units(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """sc.hung, an editor of Sông Cầu, sees only the kinds an editor writes; a register with a
    tip Quy Nhơn received is refused whole, naming that row; without it, it goes in."""
    database = demo_copy(tmp_path)
    monkeypatch.setenv(IMPORT_DIR_VARIABLE, str(tmp_path / "imports"))
    folder = import_folder("sc.hung")
    folder.mkdir(parents=True)
    ours = "NT-2018-901,tin_bao,2018-03-01,CA-SC,CA-QN,XA-XC,Tin báo trộm xe máy,verifying\n"
    theirs = "NT-2018-902,tin_bao,2018-03-02,CA-QN,CA-SC,XA-XC,Tin báo đánh bạc,verifying\n"
    (folder / "a-both.csv").write_text(TIPS + ours + theirs, encoding="utf-8")
    (folder / "b-ours.csv").write_text(TIPS + ours, encoding="utf-8")
    app = app_on(database, "sc.hung")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, ImportScreen))
        screen = app.screen
        kinds = screen.query_one("#import-kind", Select)
        offered = {value for _, value in kinds._options if isinstance(value, str)}
        assert "tips" in offered and "units" not in offered and "localities" not in offered
        kinds.value = "tips"
        await settle(pilot)
        preview = screen.query_one("#import-preview", Static)
        await pilot.press("enter")  # the first file: both units' tips
        await wait_for(pilot, lambda: "NT-2018-902" in str(preview.render()))
        shown = str(preview.render())
        assert "row 3, column receiving_unit: CA-QN" in shown, shown
        await pilot.press("ctrl+s")  # refused: nothing to confirm
        await settle(pilot)
        assert not {"NT-2018-901", "NT-2018-902"} & _tips(database)
        await pilot.press("down", "enter")  # the second file: ours alone
        await wait_for(pilot, lambda: "NT-2018-902" not in str(preview.render()))
        assert "NT-2018-901" in str(preview.render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await wait_for(pilot, lambda: "NT-2018-901" in _tips(database))
        assert "NT-2018-902" not in _tips(database)
