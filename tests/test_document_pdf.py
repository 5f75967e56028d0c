"""PDF through LibreOffice, read back as text: what a reader sees on each page.

Skipped, saying why, where LibreOffice or poppler-utils is not installed; the message an
operator gets in that case is tested everywhere.
"""

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.documents import award, report, sample
from models.documents.pdf import convert_to_pdf, office_program, page_count, picture_page
from models.errors import Refused

needs_office = pytest.mark.skipif(
    office_program() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice or poppler-utils is not installed "
    "(apt-get install libreoffice-writer-nogui fonts-liberation2 poppler-utils)",
)


def pages(pdf: Path) -> list[list[str]]:
    """Each page's non-empty lines, laid out as printed."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [
        [line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")
    ]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    if office_program() is None:
        pytest.skip("LibreOffice is not installed")
    folder = tmp_path_factory.mktemp("pdf")
    documents = {
        "report": report.write_report(sample.report(), folder / "report.docx"),
        "joint": report.write_report(sample.report(joint=True, appendix=False), folder / "j.docx"),
        "award": award.write_award_decision(sample.award_decision(), folder / "award.docx"),
    }
    yield {name: convert_to_pdf(path) for name, path in documents.items()}


def test_without_libreoffice_the_operator_is_told_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    docx = report.write_report(sample.report(appendix=False), tmp_path / "report.docx")
    with pytest.raises(Refused) as refused:
        convert_to_pdf(docx)
    assert "apt-get install libreoffice-writer-nogui fonts-liberation2" in refused.value.message()
    with pytest.raises(Refused):
        picture_page(docx, tmp_path / "page.png")


@needs_office
def test_the_header_boxes_do_not_wrap(pdfs: dict[str, Path]) -> None:
    first = pages(pdfs["report"])[0]
    assert "CÔNG AN TỈNH PHÚ YÊN" in first[0] and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first[0]
    assert "CÔNG AN THỊ XÃ SÔNG CẦU" in first[1] and "Độc lập - Tự do - Hạnh phúc" in first[1]
    assert "Số: 01/BC-CATX" in first[2] and "Sông Cầu, ngày 05 tháng 01 năm 2018" in first[2]
    joint = pages(pdfs["joint"])[0]
    assert joint[3].startswith("CÔNG AN THÀNH PHỐ QUI NHƠN")


@needs_office
def test_page_numbers_start_on_page_two_and_restart_in_the_appendix(pdfs: dict[str, Path]) -> None:
    printed = [page for page in pages(pdfs["report"]) if page]
    assert page_count(pdfs["report"]) == len(printed) >= 5
    assert not printed[0][0].isdigit()
    assert printed[1][0] == "2"
    appendix = next(i for i, page in enumerate(printed) if page[0] == "Phụ lục")
    assert printed[appendix - 1][0] == str(appendix)
    assert printed[appendix + 1][0] == "2"


@needs_office
def test_the_signature_stays_on_one_page(pdfs: dict[str, Path]) -> None:
    for name, signer in (("report", "Thượng tá Trần Văn Bình"), ("award", "Ngô Hoàng Nam")):
        page = next(p for p in pages(pdfs[name]) if any(signer in line for line in p))
        said = "\n".join(page)
        assert "Nơi nhận:" in said
        assert ("KT. TRƯỞNG CÔNG AN" if name == "report" else "CHỦ TỊCH") in said
    joint = next(p for p in pages(pdfs["joint"]) if any("Lê Quang Hòa" in line for line in p))
    names = next(line for line in joint if "Lê Quang Hòa" in line)
    assert "Thượng tá Trần Văn Bình" in names  # side by side, on one line


@needs_office
def test_tables_keep_their_widths(pdfs: dict[str, Path]) -> None:
    printed = pages(pdfs["report"])
    appendix = "\n".join(line for page in printed for line in page)
    for code in ("NT-2017-100", "VV-2017-024", "CD-2017-01", "09/01/2017", "14/01/2017"):
        assert code in appendix  # codes and dates are never broken over two lines
    appendix_start = next(i for i, page in enumerate(printed) if page and page[0] == "Phụ lục")
    continued = printed[appendix_start + 1]
    assert any("Ngày nhận" in line for line in continued[:3])  # the header row repeats


@needs_office
def test_the_award_list_starts_on_its_own_page(pdfs: dict[str, Path]) -> None:
    decision, attached = pages(pdfs["award"])[:2]
    assert any("QUYẾT ĐỊNH:" in line for line in decision)
    assert attached[0] == "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN"


@needs_office
def test_the_fonts_are_embedded(pdfs: dict[str, Path]) -> None:
    fonts = subprocess.run(
        ["pdffonts", str(pdfs["report"])], capture_output=True, text=True, check=True
    ).stdout
    embedded = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert embedded and all(" yes " in line for line in embedded)
    assert any("Serif" in line or "Times" in line for line in embedded)


@needs_office
def test_a_picture_of_the_first_page(pdfs: dict[str, Path], tmp_path: Path) -> None:
    png = picture_page(pdfs["report"], tmp_path / "page.png", dpi=60)
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
    assert (width, height) == (pytest.approx(496, abs=2), pytest.approx(702, abs=2))
