"""`giapranh report --format docx|pdf|xlsx -o FILE` on the demo database: every figure the
documents print is the figure `report --format json` gives, for 2017, for a period with nothing,
and as an operator who sees only part of the records."""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph
from openpyxl import load_workbook

from models.documents.pdf import office_program, page_count
from models.documents.wording import percent
from models.i18n import t
from models.report import FIGURES
from tui.cli import main

from .apphelp import demo_copy

YEAR = ("--from", "2017-01-01", "--to", "2017-12-31")
NOTHING = ("--from", "2010-01-01", "--to", "2010-12-31")
RECORD_FIGURES = [figure for figure in FIGURES if figure != "clearance_rate"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_copy(tmp_path_factory.mktemp("reportdocs"))


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def value(figures: dict[str, Any], figure: str) -> Any:
    """A figure of `report --format json`: tips_received is ["tips"]["received"]."""
    if figure == "clearance_rate":
        return figures["cases"]["clearance_rate"]
    group, _, key = figure.partition("_")
    return figures[group][key]


def blocks(path: Path) -> Iterator[tuple[str, Paragraph | Table]]:
    """The document's body in order: each table with the paragraph before it."""
    document = Document(str(path))
    last = ""
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            paragraph = Paragraph(child, document)
            last = paragraph.text if paragraph.text.strip() else last
            yield last, paragraph
        elif child.tag.endswith("}tbl"):
            yield last, Table(child, document)


def comparison(path: Path) -> dict[str, tuple[str, str]]:
    """The comparison table: figure title → (this period, a year earlier)."""
    for _, block in blocks(path):
        if isinstance(block, Table) and block.rows[0].cells[0].text == "STT":
            heads = [cell.text for cell in block.rows[0].cells]
            if heads[1] == t("doc.table.figure"):
                return {
                    row.cells[1].text: (row.cells[2].text, row.cells[3].text)
                    for row in block.rows[1:]
                }
    raise AssertionError("no comparison table")


def appendix(path: Path) -> dict[str, int]:
    """The appendix: figure title → how many records its table lists (0 for "(không có)")."""
    listed: dict[str, int] = {}
    seen = False
    for before, block in blocks(path):
        if isinstance(block, Paragraph) and block.text == t("doc.appendix"):
            seen = True
        if not seen:
            continue
        if isinstance(block, Paragraph) and block.text[:1].isdigit() and ". " in block.text:
            listed[block.text.split(". ", 1)[1]] = 0
        elif isinstance(block, Table):
            listed[before.split(". ", 1)[1]] = len(block.rows) - 1
    return listed


def shown_number(text: str) -> int:
    return int(text.replace(".", ""))


def check_docx(path: Path, figures: dict[str, Any]) -> None:
    table = comparison(path)
    for figure in FIGURES:
        now, before = table[t(f"fig.{figure}")]
        if figure == "clearance_rate":
            assert now == percent(value(figures, figure), trim=False)
            assert before == percent(value(figures["previous"], figure), trim=False)
        else:
            assert shown_number(now) == value(figures, figure), figure
            assert shown_number(before) == value(figures["previous"], figure), figure
    listed = appendix(path)
    assert listed == {t(f"fig.{figure}"): value(figures, figure) for figure in RECORD_FIGURES}


def check_xlsx(path: Path, figures: dict[str, Any], names: dict[str, str]) -> None:
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    heads = [cell.value for cell in sheet[1]]
    rows = {row[0].value: [cell.value for cell in row] for row in sheet.iter_rows(min_row=2)}
    for figure in FIGURES:
        row = rows[t(f"fig.{figure}")]
        expected = (value(figures, figure), value(figures["previous"], figure))
        assert tuple(row[1:3]) == pytest.approx(expected, abs=5e-5), figure  # json: 4 places
        for code, unit in figures["units"].items():
            cell = row[heads.index(names[code])]
            if figure in ("campaigns_held", "clearance_rate"):
                assert cell is None
            else:
                assert cell == value(unit, figure), (figure, code)
    for sheet, figure in zip(workbook.worksheets[1:], RECORD_FIGURES, strict=True):
        assert sheet.title == t(f"fig.{figure}")[:31]
        assert sheet.max_row - 1 == value(figures, figure), figure
        assert sheet.freeze_panes == "A2"
        dates = [cell.value for cell in sheet["B"][1:] if cell.value is not None]
        if figure.startswith(("tips", "cases")) and value(figures, figure):
            assert dates and all(isinstance(day, datetime) for day in dates)


NAMES = {"CA-SC": "Công an thị xã Sông Cầu", "CA-QN": "Công an thành phố Qui Nhơn"}


@pytest.mark.parametrize("period", [YEAR, NOTHING], ids=["2017", "nothing"])
def test_the_documents_give_the_figures_of_the_json(
    demo: str, tmp_path: Path, period: tuple[str, ...]
) -> None:
    figures = json.loads(run("--db", demo, "report", *period, "--format", "json"))
    docx, xlsx = tmp_path / "review.docx", tmp_path / "review.xlsx"
    assert str(docx) in run("--db", demo, "report", *period, "--format", "docx", "-o", str(docx))
    run("--db", demo, "report", *period, "--format", "xlsx", "-o", str(xlsx))
    check_docx(docx, figures)
    check_xlsx(xlsx, figures, NAMES)
    text = "\n".join(paragraph.text for paragraph in Document(str(docx)).paragraphs)
    header = Document(str(docx)).tables[0]
    assert header.cell(0, 0).text.split("\n") == [
        "CÔNG AN TỈNH PHÚ YÊN", "CÔNG AN THỊ XÃ SÔNG CẦU", "CÔNG AN TỈNH BÌNH ĐỊNH",
        "CÔNG AN THÀNH PHỐ QUI NHƠN", "",
    ]  # fmt: skip
    assert header.cell(1, 0).text == "Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-CATX-CATP"
    assert header.cell(1, 1).text.startswith("Sông Cầu, ngày ")
    if period == YEAR:
        assert "năm 2017" in text and figures["units"]["CA-SC"]["cases"]["occurred"] == 20
        assert "trong đó Công an thị xã Sông Cầu 20 vụ, Công an thành phố Qui Nhơn 15 vụ" in text
    else:
        said = [p for p in text.splitlines() if p.startswith("- ")]
        assert said and not any(" 0 " in p or "bằng cùng kỳ" in p for p in said), said
        assert "Không xảy ra vụ phạm pháp hình sự nào ở địa bàn giáp ranh." in said[5]


def test_an_operator_sees_only_their_records_and_no_reporter(demo: str, tmp_path: Path) -> None:
    as_lan = ("--db", demo, "--operator", "qn.lan")
    figures = json.loads(run(*as_lan, "report", *YEAR, "--format", "json"))
    everything = json.loads(run("--db", demo, "report", *YEAR, "--format", "json"))
    assert figures["tips"]["received"] < everything["tips"]["received"]
    docx, xlsx = tmp_path / "lan.docx", tmp_path / "lan.xlsx"
    run(*as_lan, "report", *YEAR, "--format", "docx", "-o", str(docx))
    run(*as_lan, "report", *YEAR, "--format", "xlsx", "-o", str(xlsx))
    check_docx(docx, figures)
    check_xlsx(xlsx, figures, NAMES)
    header = Document(str(docx)).tables[0]
    assert header.cell(0, 0).text.split("\n")[:2] == [
        "CÔNG AN TỈNH BÌNH ĐỊNH",
        "CÔNG AN THÀNH PHỐ QUI NHƠN",
    ]
    assert "SÔNG CẦU" not in header.cell(0, 0).text
    # Every tip listed is one she may read; no reporter's name anywhere, not even her own unit's.
    visible = {
        tip["code"] for tip in json.loads(run(*as_lan, "export", "tips", "--format", "json"))
    }
    tips = json.loads(run("--db", demo, "export", "tips", "--format", "json"))
    reporters = {tip["reporter_name"] for tip in tips if tip.get("reporter_name")}
    assert reporters
    sheets = load_workbook(xlsx).worksheets
    listed = {row[0].value for sheet in sheets[1:5] for row in sheet.iter_rows(min_row=2)}
    assert listed and listed <= visible
    # (A citizen who reported a tip may be commended by name: the award lists are public.)
    words = " ".join(
        str(cell.value) for sheet in sheets[1:5] for row in sheet.iter_rows() for cell in row
    )
    tip_titles = {t(f"fig.{figure}") for figure in RECORD_FIGURES if figure.startswith("tips")}
    body = " ".join(
        cell.text
        for before, block in blocks(docx)
        if isinstance(block, Table) and before.partition(". ")[2] in tip_titles
        for row in block.rows
        for cell in row.cells
    )
    assert "NT-2017" in body
    for name in reporters:
        assert name not in words and name not in body


def test_the_json_goes_to_the_file_o_names(demo: str, tmp_path: Path) -> None:
    target = tmp_path / "review.json"
    assert run("--db", demo, "report", *YEAR, "--format", "json", "-o", str(target)) == ""
    assert json.loads(target.read_text(encoding="utf-8"))["cases"]["occurred"] == 35


def test_a_document_needs_a_file(demo: str) -> None:
    for output_format in ("docx", "pdf", "xlsx"):
        result = CliRunner().invoke(
            main, ["--db", demo, "report", *YEAR, "--format", output_format]
        )
        assert result.exit_code == 1
        assert f"-o TỆP.{output_format}" in result.output


@pytest.mark.skipif(office_program() is None, reason="LibreOffice is not installed")
def test_the_report_as_pdf(demo: str, tmp_path: Path) -> None:
    pdf = tmp_path / "review.pdf"
    run("--db", demo, "report", *YEAR, "--format", "pdf", "-o", str(pdf))
    assert pdf.read_bytes()[:5] == b"%PDF-" and page_count(pdf) > 0


def test_without_libreoffice_the_pdf_names_the_packages(demo: str, tmp_path: Path) -> None:
    pdf = tmp_path / "review.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--db", demo, "report", *YEAR, "--format", "pdf",
         "-o", str(pdf)],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "PATH": str(tmp_path)},
    )  # fmt: skip
    assert result.returncode == 1 and not pdf.exists()
    assert "libreoffice-writer-nogui fonts-liberation2" in result.stderr
