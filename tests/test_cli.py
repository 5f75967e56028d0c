"""The command line as an administrator uses it: real processes, real files."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ED25519 = (
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGNzF5EgX3dG19SJBISuWNPFu1y7Qh/dcF4AV3G57Vy6 hung@laptop"
)


def giapranh(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    result = giapranh("demo", "--db", path)
    assert result.returncode == 0, result.stderr
    assert "61 vụ việc" in result.stdout
    return path


def test_report_json_has_the_seeds_figures(demo_db: str) -> None:
    result = giapranh(
        "report", "--db", demo_db, "--from", "2017-01-01", "--to", "2017-12-31", "--format", "json"
    )
    figures = json.loads(result.stdout)
    assert figures["cases"]["cleared"] == 31 and figures["cases"]["occurred"] == 35
    assert figures["period"] == {"from": "2017-01-01", "to": "2017-12-31"}


def test_report_text_in_vietnamese_and_english(demo_db: str) -> None:
    vietnamese = giapranh("--db", demo_db, "report", "--from", "01/01/2017", "--to", "31/12/2017")
    assert "làm rõ 31/35 vụ" in vietnamese.stdout and "88,6%" in vietnamese.stdout
    english = giapranh(
        "report", "--db", demo_db, "--from", "2017-01-01", "--to", "2017-12-31", "--lang", "en"
    )
    assert "Cleared 31 of 35" in english.stdout


def test_demo_refuses_to_overwrite_without_force(demo_db: str) -> None:
    result = giapranh("demo", "--db", demo_db)
    assert result.returncode != 0 and "--force" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--from", "2017-13-45"],
        ["report", "--from", "2017-12-31", "--to", "2017-01-01"],
        ["import", "cases", "/nonexistent.csv"],
        ["operator", "disable", "nobody"],
        ["--operator", "nobody", "report"],
        ["backup", "/dev/null"],
    ],
)
def test_bad_input_is_a_message_not_a_traceback(demo_db: str, args: list[str]) -> None:
    result = giapranh(*args, "--db", demo_db)
    assert result.returncode != 0
    assert result.stderr.strip() and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_import_rejects_a_bad_file_listing_rows_and_changes_nothing(
    demo_db: str, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "code,name,unit_code,border_zone\nX1,Xã Một,CA-SC,maybe\nX2,,NOPE,no\n", encoding="utf-8"
    )
    before = giapranh("export", "localities", "--db", demo_db).stdout
    result = giapranh("import", "localities", str(bad), "--db", demo_db)
    assert result.returncode == 1
    assert "row 2, column border_zone: maybe — phải là yes hoặc no" in result.stderr
    assert "row 3, column name:  — bắt buộc phải có" in result.stderr
    assert giapranh("export", "localities", "--db", demo_db).stdout == before


def test_import_dry_run_then_for_real(demo_db: str, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text(
        "code,name,unit_code,border_zone\nXA-XT,Xã Xuân Thịnh,CA-SC,yes\n", encoding="utf-8"
    )
    dry = giapranh("import", "localities", str(good), "--dry-run", "--db", demo_db)
    assert dry.returncode == 0 and "--dry-run" in dry.stdout
    assert "XA-XT" not in giapranh("export", "localities", "--db", demo_db).stdout
    real = giapranh("import", "localities", str(good), "--db", demo_db)
    assert real.returncode == 0, real.stderr
    assert "XA-XT" in giapranh("export", "localities", "--db", demo_db).stdout


def test_operators_are_added_listed_given_keys_and_disabled(demo_db: str, tmp_path: Path) -> None:
    key = tmp_path / "hung.pub"
    key.write_text(ED25519 + "\n")
    added = giapranh(
        "operator",
        "add",
        "sc.tuan",
        "--unit",
        "CA-SC",
        "--role",
        "editor",
        "--name",
        "Trung úy Lê Tuấn",
        "--key",
        str(key),
        "--db",
        demo_db,
    )
    assert added.returncode == 0, added.stderr
    listed = giapranh("operator", "list", "--db", demo_db).stdout
    assert "sc.tuan" in listed and "1 key(s)" in listed
    removed = giapranh(
        "operator",
        "key",
        "remove",
        "sc.tuan",
        "SHA256:SSpKa7c7rESb3hcGW1vplGkDTJbYxP2KXUzxkw7cKoE",
        "--db",
        demo_db,
    )
    assert removed.returncode == 0, removed.stderr
    assert giapranh("operator", "key", "add", "sc.tuan", str(key), "--db", demo_db).returncode == 0
    assert giapranh("operator", "disable", "sc.tuan", "--db", demo_db).returncode == 0
    assert "(disabled)" in giapranh("operator", "list", "--db", demo_db).stdout
    refused = giapranh("--operator", "sc.tuan", "report", "--db", demo_db)
    assert refused.returncode == 1 and "khóa" in refused.stderr


def test_backup_is_a_consistent_copy_that_opens(demo_db: str, tmp_path: Path) -> None:
    target = tmp_path / "backup.sqlite"
    result = giapranh("backup", str(target), "--db", demo_db)
    assert result.returncode == 0, result.stderr
    again = giapranh(
        "report",
        "--db",
        str(target),
        "--from",
        "2017-01-01",
        "--to",
        "2017-12-31",
        "--format",
        "json",
    )
    assert json.loads(again.stdout)["cases"]["occurred"] == 35
    assert giapranh("backup", str(target), "--db", demo_db).returncode == 1  # never overwrites


def test_db_current_and_upgrade(tmp_path: Path) -> None:
    path = str(tmp_path / "new.sqlite")
    assert "chưa khởi tạo" in giapranh("db", "current", "--db", path).stdout
    assert giapranh("db", "upgrade", "--db", path).returncode == 0
    current = giapranh("db", "current", "--db", path).stdout
    assert "Lược đồ hiện tại: 0002 (mới nhất: 0002)" in current


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["demo"],
        ["import"],
        ["export"],
        ["report"],
        ["operator"],
        ["operator", "add"],
        ["operator", "list"],
        ["operator", "disable"],
        ["operator", "key", "add"],
        ["operator", "key"],
        ["operator", "key", "remove"],
        ["backup"],
        ["db"],
        ["db", "upgrade"],
        ["db", "current"],
    ],
)
def test_every_command_explains_itself_with_an_example(command: list[str]) -> None:
    result = giapranh(*command, "--help")
    assert result.returncode == 0
    assert "Example" in result.stdout, result.stdout
