"""`giapranh award document`: a decision record as its DOCX, the record's own words in it and
what it lacks drafted by the rules in force on its day."""

import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pytest

from models.award_document import bases_on, written_out

from .apphelp import demo_copy


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_copy(tmp_path_factory.mktemp("award"))


def _giapranh(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=120
    )


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


def test_a_deputys_decision_with_its_list(demo: str, tmp_path: Path) -> None:
    out = tmp_path / "qd-1024.docx"
    written = _giapranh("--db", demo, "award", "document", "KT-2017-002", "-o", str(out))
    assert written.returncode == 0 and "Đã ghi" in written.stdout, written.stderr
    shown = _text(out)
    for words in (
        "ỦY BAN NHÂN DÂN",
        "THỊ XÃ SÔNG CẦU",
        "Số: 1024/QĐ-UBND",
        "Sông Cầu, ngày 29 tháng 12 năm 2017",
        "Về việc tặng Giấy khen",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ XÃ SÔNG CẦU",
        "Nghị định số 91/2017/NĐ-CP",
        "Theo đề nghị của Trưởng Công an thành phố Qui Nhơn.",
        "Tặng Giấy khen cho 2 tập thể và 5 cá nhân",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Trần Xuân Túc",
        "Đại úy Đặng Minh Ánh",
        "Công an phường Bùi Thị Xuân",
    ):
        assert words in shown, words
    exported = _giapranh("--db", demo, "export", "awards").stdout
    names = [line.split(",")[5] for line in exported.splitlines() if line.startswith("1024/")]
    assert len(names) == 7 and all(name.strip('"') in shown for name in names)


def test_an_unknown_or_unreadable_decision_is_a_message(demo: str, tmp_path: Path) -> None:
    out = tmp_path / "x.docx"
    missing = _giapranh("--db", demo, "award", "document", "KT-9999-001", "-o", str(out))
    assert missing.returncode == 1 and "Không tìm thấy" in missing.stderr
    assert "Traceback" not in missing.stderr and not out.exists()
    no_output = _giapranh("--db", demo, "award", "document", "KT-2017-001")
    assert no_output.returncode == 2 and "-o" in no_output.stderr


def test_the_bases_are_those_in_force_on_the_day() -> None:
    assert any("91/2017" in basis for basis in bases_on(date(2017, 12, 28)))
    assert any("98/2023" in basis for basis in bases_on(date(2024, 3, 1)))
    assert any("152/2025" in basis for basis in bases_on(date(2025, 7, 1)))
    assert written_out("UBND xã Xuân Hải") == "Ủy ban nhân dân xã Xuân Hải"
    assert written_out("Công an thị xã Sông Cầu") == "Công an thị xã Sông Cầu"
