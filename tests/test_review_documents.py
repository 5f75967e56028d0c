"""`giapranh review …` from the command line, and the Decree 30 document of a review record: its
figures are those `review show --format json` gives, its head and sections what the units wrote,
unchanged once approved whatever the records do; the demo's 2017 review matches its reference
document block by block."""

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document
from docx.shared import Length
from docx.table import Table
from docx.text.paragraph import Paragraph

from models import CASES, Actor, records
from models.db import open_database, write_session
from models.documents.pdf import office_program, page_count
from tui.cli import main

from .apphelp import demo_copy
from .test_report_documents import blocks, check_docx

REFERENCE = Path(__file__).parent / "reference" / "review-2017.json"


def run(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.output


def body(path: Path) -> list[str]:
    texts = []
    for _, block in blocks(path):
        if isinstance(block, Paragraph):
            texts.append(block.text)
        else:
            texts.extend(cell.text for row in block.rows for cell in row.cells)
    return texts


def test_a_review_made_edited_approved_and_written_from_the_command_line(tmp_path: Path) -> None:
    demo = demo_copy(tmp_path)
    db = ("--db", demo)
    situation = tmp_path / "tinh-hinh.txt"
    situation.write_text("Tình hình cơ bản ổn định.\nCó 2 vụ phức tạp.\n", encoding="utf-8")
    said = run(*db, "review", "new", "--host", "CA-QN", "--partner", "CA-SC",
               "--from", "2017-01-01", "--to", "2017-12-31",
               "--set", f"situation=@{situation}", "--set", "report_no=7")  # fmt: skip
    code = said.split()[-1].rstrip(".")
    assert code.startswith("SK-2017-")
    run(*db, "review", "edit", code, "--set", "place=Qui Nhơn", "--set", "signed_on=05/01/2018",
        "--set", "signers=Trưởng Công an | Đại tá | Trần Văn Một\n"
                 "Phó Trưởng Công an | Thượng tá | Lê Văn Hai",
        "--set", "addressed_to=Công an tỉnh Bình Định")  # fmt: skip
    assert "--set" in run(*db, "review", "edit", code, "--set", "nonsense=1", code=1)
    assert "@" in run(*db, "review", "edit", code, "--set", "causes=@/no/such/file", code=1)
    approved = run(*db, "review", "approve", code)
    assert code in approved
    shown = json.loads(run(*db, "review", "show", code, "--format", "json"))
    assert shown["status"] == "approved" and shown["intact"] and shown["moved"] == []
    docx = tmp_path / "review.docx"
    run(*db, "review", "export", code, "-o", str(docx))
    check_docx(docx, shown["figures"])
    document = Document(str(docx))
    header = document.tables[0]
    assert header.cell(0, 0).text.split("\n")[:2] == ["CÔNG AN TỈNH BÌNH ĐỊNH",
                                                       "CÔNG AN THÀNH PHỐ QUI NHƠN"]  # fmt: skip
    assert header.cell(1, 0).text == "Số: 07/BC-CATP-CATX"
    assert header.cell(1, 1).text == "Qui Nhơn, ngày 05 tháng 01 năm 2018"
    texts = body(docx)
    assert "Kính gửi: Công an tỉnh Bình Định" in texts
    assert "Tình hình cơ bản ổn định." in texts and "Có 2 vụ phức tạp." in texts
    assert "III. ĐÁNH GIÁ" in texts and "2. Tồn tại, hạn chế" in texts
    # Side by side: the host on the right, its partner on the left, each with its signer.
    signatures = next(
        block for _, block in blocks(docx)
        if isinstance(block, Table) and "Trần Văn Một" in block.rows[1].cells[-1].text
    )  # fmt: skip
    assert "Lê Văn Hai" in signatures.rows[1].cells[0].text
    assert "KT. TRƯỞNG CÔNG AN" in signatures.rows[0].cells[0].text
    # A case added after approval: the document is the same, `show` says what moved.
    engine = open_database(demo)
    with write_session(engine) as session:
        records.create(
            session, actor=Actor("tester", "admin"), kind=CASES,
            data={"code": "VV-2017-99", "title": "Vụ thêm", "article": "173",
                  "occurred_on": "2017-06-01", "locality": "PH-BTX", "lead_unit": "CA-QN",
                  "coordination": "none", "status": "investigating"},
        )  # fmt: skip
    engine.dispose()
    again = tmp_path / "again.docx"
    run(*db, "review", "export", code, "-o", str(again))
    assert body(again) == texts
    moved = json.loads(run(*db, "review", "show", code, "--format", "json"))["moved"]
    assert {"figure": "cases_occurred", "then": 35, "now": 36, "unit": ""} in moved
    assert "36" in run(*db, "review", "show", code)
    assert code in run(*db, "review", "reopen", code)
    run(*db, "review", "delete", code)
    assert code not in run(*db, "review", "list")


def test_an_operator_of_another_unit_cannot_see_or_approve_it(tmp_path: Path) -> None:
    demo = demo_copy(tmp_path)
    as_lan = ("--db", demo, "--operator", "qn.lan")  # Qui Nhơn: the partner of SK-2017-01
    assert "SK-2017-01" in run(*as_lan, "review", "list")
    refused = run(*as_lan, "review", "reopen", "SK-2017-01", code=1)
    assert "SK-2017-01" in refused and "Traceback" not in refused


def structure(path: Path) -> dict[str, Any]:
    """What the reference compares: the page, and each block in order — a paragraph's text,
    alignment, first-line indent and its first run's bold, italic and size; a table's shape and
    its cells' texts."""
    document = Document(str(path))
    section = document.sections[0]
    page = [section.page_width, section.page_height, section.top_margin, section.bottom_margin,
            section.left_margin, section.right_margin]  # fmt: skip
    assert all(value is not None for value in page)
    shown: list[Any] = []
    for _, block in blocks(path):
        if isinstance(block, Paragraph):
            run_ = block.runs[0] if block.runs else None
            size = run_.font.size if run_ is not None else None
            indent = block.paragraph_format.first_line_indent
            shown.append(
                [
                    "p",
                    block.text,
                    str(block.alignment),
                    round(Length(indent).mm, 1) if indent else 0,
                    bool(run_ and run_.bold),
                    bool(run_ and run_.italic),
                    size.pt if size else None,
                ]
            )
        else:
            shown.append(["table", [[cell.text for cell in row.cells] for row in block.rows]])
    return {"page_mm": [round(Length(value or 0).mm, 1) for value in page], "blocks": shown}


def test_the_demos_2017_review_matches_its_reference_document(tmp_path: Path) -> None:
    docx = tmp_path / "sk-2017.docx"
    run("--db", demo_copy(tmp_path), "review", "export", "SK-2017-01", "-o", str(docx))
    found = structure(docx)
    if os.environ.get("GIAPRANH_WRITE_REFERENCE"):  # after a change to the layout, looked at
        lines = ",\n".join(json.dumps(block, ensure_ascii=False) for block in found["blocks"])
        page = json.dumps(found["page_mm"])
        REFERENCE.write_text(f'{{"page_mm": {page},\n"blocks": [\n{lines}\n]}}\n', "utf-8")
    expected = json.loads(REFERENCE.read_text(encoding="utf-8"))
    assert found["page_mm"] == expected["page_mm"]
    for index, (got, wanted) in enumerate(zip(found["blocks"], expected["blocks"], strict=False)):
        assert got == wanted, f"block {index}"
    assert len(found["blocks"]) == len(expected["blocks"])


@pytest.mark.skipif(office_program() is None, reason="LibreOffice (soffice) is not installed")
def test_a_review_as_pdf(tmp_path: Path) -> None:
    pdf = tmp_path / "sk.pdf"
    run("--db", demo_copy(tmp_path), "review", "export", "SK-2017-01", "--format", "pdf",
        "-o", str(pdf))  # fmt: skip
    assert pdf.read_bytes().startswith(b"%PDF") and page_count(pdf) > 3
