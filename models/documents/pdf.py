"""PDF and page pictures of a DOCX, by LibreOffice headless (and pdftoppm for pictures).

LibreOffice is a system program, not a Python package: where it is missing the operator is told
which Debian packages bring it. Each conversion uses a profile of its own, so two conversions at
once (two operators, a test run under xdist) do not fight over one profile's lock.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from models.errors import Refused
from models.i18n import register

OFFICE_PACKAGES = "libreoffice-writer-nogui fonts-liberation2"
PICTURE_PACKAGES = "poppler-utils"
TIMEOUT_SECONDS = 180

MESSAGES: dict[str, tuple[str, str]] = {
    "doc.no_libreoffice": (
        "Không có LibreOffice để xuất PDF. Cài đặt: apt-get install {packages}",
        "LibreOffice is needed for PDF output. Install it: apt-get install {packages}",
    ),
    "doc.no_pdftoppm": (
        "Không có pdftoppm để vẽ trang. Cài đặt: apt-get install {packages}",
        "pdftoppm is needed to picture a page. Install it: apt-get install {packages}",
    ),
    "doc.pdf_failed": (
        "LibreOffice không chuyển được {path} sang PDF: {reason}",
        "LibreOffice could not convert {path} to PDF: {reason}",
    ),
    "doc.pdf_timeout": (
        "LibreOffice không chuyển xong {path} sau {seconds} giây.",
        "LibreOffice did not finish converting {path} within {seconds} seconds.",
    ),
}
register(MESSAGES)


def office_program() -> str | None:
    """The LibreOffice program on PATH (`soffice`, or `libreoffice`), if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx: Path, pdf: Path | None = None, timeout: float = TIMEOUT_SECONDS) -> Path:
    """Write `docx` as PDF to `pdf` (default: beside it, same name) and return its path."""
    program = office_program()
    if program is None:
        raise Refused("doc.no_libreoffice", packages=OFFICE_PACKAGES)
    target = pdf or docx.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="giapranh-office-") as work:
        folder = Path(work)
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(folder / "out"),
            str(docx.resolve()),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL
            )
        except subprocess.TimeoutExpired as error:
            raise Refused("doc.pdf_timeout", path=docx, seconds=int(timeout)) from error
        produced = folder / "out" / f"{docx.stem}.pdf"
        if done.returncode != 0 or not produced.exists():
            said = (done.stderr or done.stdout).strip().splitlines()
            raise Refused("doc.pdf_failed", path=docx, reason=said[-1] if said else done.returncode)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(produced, target)
    return target


def write_pdf(write_docx: Callable[[Path], object], pdf: Path) -> Path:
    """A document as PDF: `write_docx(path)` writes its DOCX to a temporary file, which is
    converted. LibreOffice's absence is said before the document is built."""
    if office_program() is None:
        raise Refused("doc.no_libreoffice", packages=OFFICE_PACKAGES)
    with tempfile.TemporaryDirectory(prefix="giapranh-pdf-") as folder:
        docx = Path(folder) / f"{pdf.stem or 'document'}.docx"
        write_docx(docx)
        return convert_to_pdf(docx, pdf)


def picture_page(document: Path, png: Path, page: int = 1, dpi: int = 60) -> Path:
    """A PNG of one page of a DOCX (converted by LibreOffice) or a PDF, `dpi` dots per inch."""
    if document.suffix.lower() != ".pdf" and office_program() is None:
        raise Refused("doc.no_libreoffice", packages=f"{OFFICE_PACKAGES} {PICTURE_PACKAGES}")
    program = shutil.which("pdftoppm")
    if program is None:
        raise Refused("doc.no_pdftoppm", packages=PICTURE_PACKAGES)
    with tempfile.TemporaryDirectory(prefix="giapranh-picture-") as work:
        pdf = document
        if document.suffix.lower() != ".pdf":
            pdf = convert_to_pdf(document, Path(work) / "page.pdf")
        stem = Path(work) / "page"
        command = [program, "-png", "-r", str(dpi), "-f", str(page), "-l", str(page)]
        subprocess.run([*command, "-singlefile", str(pdf), str(stem)], check=True, timeout=60)
        png.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(stem.with_suffix(".png"), png)
    return png


def page_count(pdf: Path) -> int:
    """How many pages a PDF has (pdfinfo, from the same package as pdftoppm)."""
    program = shutil.which("pdfinfo")
    if program is None:
        raise Refused("doc.no_pdftoppm", packages=PICTURE_PACKAGES)
    output = subprocess.run([program, str(pdf)], capture_output=True, text=True, check=True)
    pages = next(line for line in output.stdout.splitlines() if line.startswith("Pages:"))
    return int(pages.split()[1])
