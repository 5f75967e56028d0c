"""The Sơ kết pane writes the period's report and workbook into the operator's own folder."""

from pathlib import Path

import docx
import openpyxl
import pytest

from models.registers.importing import IMPORT_DIR_VARIABLE

from .apphelp import app_on, demo_copy, settle, wait_for


async def test_w_writes_the_report_and_workbook_into_the_operators_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = demo_copy(tmp_path)
    monkeypatch.setenv(IMPORT_DIR_VARIABLE, str(tmp_path / "files"))
    folder = tmp_path / "files" / "qn.lan"
    folder.mkdir(parents=True)
    (folder / "so-ket-2017.docx").write_bytes(b"hers, kept")
    app = app_on(database, "qn.lan")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("5", "left_square_bracket")  # the pane opens on 2018: back to 2017
        await settle(pilot)
        await pilot.press("w")
        await wait_for(pilot, lambda: (folder / "so-ket-2017.xlsx").exists(), 60)
        await settle(pilot)
    assert (folder / "so-ket-2017.docx").read_bytes() == b"hers, kept"  # never overwritten
    document = docx.Document(str(folder / "so-ket-2017-2.docx"))
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    shown = "\n".join([*(p.text for p in document.paragraphs), *cells])
    assert "CÔNG AN THÀNH PHỐ QUI NHƠN" in shown and "năm 2017" in shown
    assert "CÔNG AN THỊ XÃ SÔNG CẦU" not in shown  # her unit issues it, not the other
    sheets = openpyxl.load_workbook(folder / "so-ket-2017.xlsx", read_only=True).sheetnames
    assert len(sheets) > 1
    assert not list(folder.glob(".*partial"))


async def test_w_on_an_award_decision_writes_its_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = demo_copy(tmp_path)
    monkeypatch.setenv(IMPORT_DIR_VARIABLE, str(tmp_path / "files"))
    folder = tmp_path / "files" / "sc.hung"
    app = app_on(database, "sc.hung")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("w")
        await wait_for(pilot, lambda: list(folder.glob("qd-*.docx")), 60)
        await settle(pilot)
    (written,) = folder.glob("qd-*.docx")
    document = docx.Document(str(written))
    shown = "\n".join(p.text for p in document.paragraphs)
    assert "QUYẾT ĐỊNH" in shown and "Về việc tặng Giấy khen" in shown, shown[:300]
    assert written.name.startswith("qd-") and "qd-ubnd" in written.name
