"""The command line as an administrator uses it: real processes, real files."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from models.db import head_revision

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
    assert "làm rõ 31/35 vụ, đạt 88,57%" in vietnamese.stdout
    # Beside the same period of 2016 (8 cases), split by lead unit.
    assert (
        "Xảy ra 35 vụ phạm pháp hình sự ở địa bàn giáp ranh, trong đó Công an thị xã Sông Cầu "
        "20 vụ, Công an thành phố Qui Nhơn 15 vụ; tăng 27 vụ (+337,5%) so với cùng kỳ năm trước."
    ) in vietnamese.stdout
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
    assert (
        "row 2, column border_zone: maybe — phải là có hoặc không (x, yes, no cũng được)"
        in result.stderr
    )
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
    assert "sc.tuan" in listed and "1 khóa" in listed
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
    assert "(đã bị khóa)" in giapranh("operator", "list", "--db", demo_db).stdout
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
    head = head_revision()
    assert f"Lược đồ hiện tại: {head} (mới nhất: {head})" in current


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["demo"],
        ["import"],
        ["export"],
        ["award"],
        ["award", "document"],
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
        ["audit"],
        ["audit", "verify"],
        ["audit", "export"],
        ["serve"],
        ["access-log"],
        ["operator", "authorized-keys"],
    ],
)
def test_every_command_explains_itself_with_an_example(command: list[str]) -> None:
    result = giapranh(*command, "--help")
    assert result.returncode == 0
    assert "Ví dụ:" in result.stdout, result.stdout
    in_english = giapranh("--lang", "en", *command, "--help")
    assert "Example" in in_english.stdout, in_english.stdout


# --- operators' rights through the command line --------------------------------------------------

TIPS_HEADER = "code,kind,received_on,receiving_unit,partner_unit,summary,status\n"


def test_a_viewer_changes_nothing(demo_db: str, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("code,name,unit_code\nXA-V1,Xã Một,CA-SC\n", encoding="utf-8")
    before = giapranh("export", "localities", "--db", demo_db).stdout
    refused = giapranh("--operator", "py.an", "import", "localities", str(good), "--db", demo_db)
    assert refused.returncode == 1
    assert refused.stderr.strip() == "py.an không có quyền thêm xã/phường."
    assert giapranh("export", "localities", "--db", demo_db).stdout == before


def test_an_editor_imports_only_what_their_unit_receives(demo_db: str, tmp_path: Path) -> None:
    mixed = tmp_path / "tips.csv"
    mixed.write_text(
        TIPS_HEADER
        + "NT-X1,tin_bao,2018-02-01,CA-XH,CA-QN,Tin báo ở Xuân Hải,received\n"
        + "NT-X2,tin_bao,2018-02-01,CA-QN,CA-SC,Tin báo ở Qui Nhơn,received\n",
        encoding="utf-8",
    )
    refused = giapranh("--operator", "sc.hung", "import", "tips", str(mixed), "--db", demo_db)
    assert refused.returncode == 1
    assert (
        "row 3, column receiving_unit: CA-QN — sc.hung không có quyền thêm nguồn tin này"
        in refused.stderr
    )
    assert "row 2" not in refused.stderr  # CA-XH is a commune under CA-SC: Sông Cầu's
    assert "NT-X1" not in giapranh("export", "tips", "--db", demo_db).stdout
    mixed.write_text(
        mixed.read_text(encoding="utf-8").splitlines(keepends=True)[0]
        + ("NT-X1,tin_bao,2018-02-01,CA-XH,CA-QN,Tin báo ở Xuân Hải,received\n"),
        encoding="utf-8",
    )
    done = giapranh("--operator", "sc.hung", "import", "tips", str(mixed), "--db", demo_db)
    assert done.returncode == 0, done.stderr


def exported_tips(demo_db: str, *operator: str) -> list[dict[str, str]]:
    result = giapranh(*operator, "export", "tips", "--format", "json", "--db", demo_db)
    assert result.returncode == 0, result.stderr
    tips: list[dict[str, str]] = json.loads(result.stdout)
    return tips


def test_the_partner_unit_exports_no_reporter_of_our_tips(demo_db: str) -> None:
    everything = exported_tips(demo_db)
    ours = [tip for tip in everything if tip["receiving_unit"] == "CA-SC" and tip["reporter_name"]]
    partner = exported_tips(demo_db, "--operator", "qn.lan")
    assert 0 < len(partner) < len(everything)
    seen_by_partner = {tip["code"]: tip for tip in partner}
    shared = [tip for tip in ours if tip["code"] in seen_by_partner]
    assert shared, "the demo exchanges tips with the partner unit"
    assert all("reporter_name" not in seen_by_partner[tip["code"]] for tip in shared)
    assert any(tip.get("reporter_name") for tip in partner if tip["receiving_unit"] == "CA-QN")
    as_csv = giapranh("--operator", "qn.lan", "export", "tips", "--db", demo_db).stdout
    assert not any(
        tip["reporter_name"] in as_csv or tip["reporter_contact"] in as_csv for tip in ours
    )


def test_the_review_counts_what_each_operator_may_read(demo_db: str) -> None:
    def figures(*operator: str) -> tuple[int, int]:
        result = giapranh(
            *operator,
            "report",
            "--from",
            "2017-01-01",
            "--to",
            "2017-12-31",
            "--format",
            "json",
            "--db",
            demo_db,
        )
        assert result.returncode == 0, result.stderr
        said = json.loads(result.stdout)
        return int(said["cases"]["occurred"]), int(said["tips"]["received"])

    assert figures() == (35, 117)
    # The demo's regulation shares every border-zone record with both sides: each sees the 35
    # cases; a tip received inland stays its own unit's. A province sees what its district sees.
    assert figures("--operator", "sc.hung") == figures("--operator", "py.an") == (35, 113)
    assert figures("--operator", "qn.lan") == figures("--operator", "bd.nam") == (35, 112)


def test_operators_are_managed_within_the_admins_unit(demo_db: str) -> None:
    def add(username: str, unit: str) -> subprocess.CompletedProcess[str]:
        return giapranh(
            "--operator",
            "admin",
            "operator",
            "add",
            username,
            "--unit",
            unit,
            "--role",
            "viewer",
            "--db",
            demo_db,
        )

    refused = add("qn.moi", "CA-QN")
    assert refused.returncode == 1 and "admin không có quyền thêm cán bộ qn.moi" in refused.stderr
    assert add("xh.moi", "CA-XH").returncode == 0
    theirs = giapranh("--operator", "admin", "operator", "list", "--db", demo_db).stdout
    assert "xh.moi" in theirs and "sc.hung" in theirs and "qn.lan" not in theirs
    mine = giapranh("--operator", "sc.hung", "operator", "list", "--db", demo_db).stdout
    assert [line.split()[0] for line in mine.splitlines()] == ["sc.hung"]
    disable = giapranh("--operator", "sc.hung", "operator", "disable", "admin", "--db", demo_db)
    assert disable.returncode == 1 and disable.stderr == "Không tìm thấy cán bộ admin\n"


def test_whole_database_commands_are_for_the_local_administrator(
    demo_db: str, tmp_path: Path
) -> None:
    for args in (["demo", "--force"], ["backup", str(tmp_path / "copy.sqlite")]):
        result = giapranh("--operator", "admin", *args, "--db", demo_db)
        assert result.returncode == 1 and "--operator" in result.stderr
    assert not (tmp_path / "copy.sqlite").exists()


# --- the change log through the command line -----------------------------------------------------


def test_audit_verify_and_export(demo_db: str, tmp_path: Path) -> None:
    ok = giapranh("audit", "verify", "--lang", "en", "--db", demo_db)
    assert ok.returncode == 0, ok.stderr
    count = int(ok.stdout.split()[1])
    assert ok.stdout.startswith(f"OK, {count} entries") and count > 250
    head = ok.stdout.rsplit(": ", 1)[1].rstrip(").\n")
    assert giapranh("audit", "verify", "--head", head, "--db", demo_db).returncode == 0
    assert giapranh("--operator", "sc.hung", "audit", "export", "--db", demo_db).returncode == 1
    whole = giapranh("audit", "export", "--format", "json", "--db", demo_db).stdout
    theirs = [tip for tip in exported_tips(demo_db) if tip["receiving_unit"] == "CA-QN"]
    names = [tip["reporter_name"] for tip in theirs if tip["reporter_name"]]
    assert names and all(name in whole for name in names)
    as_admin = giapranh(
        "--operator", "admin", "audit", "export", "--format", "json", "--db", demo_db
    )
    assert as_admin.returncode == 0, as_admin.stderr
    assert not any(name in as_admin.stdout for name in names)
    assert len(json.loads(as_admin.stdout)) < len(json.loads(whole))
    one = giapranh(
        "audit",
        "export",
        "--record",
        "CA-SC",
        "--by",
        "demo",
        "--from",
        "2018-04-02",
        "--to",
        "02/04/2018",
        "-o",
        str(tmp_path / "log.csv"),
        "--db",
        demo_db,
    )
    assert one.returncode == 0, one.stderr
    lines = (tmp_path / "log.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "id,at,actor,action,kind,record_code,record_id,before,after,prev_hash,hash"
    assert len(lines) == 2 and ",demo,create,units,CA-SC," in lines[1]


def test_audit_verify_names_a_tampered_entry(demo_db: str, tmp_path: Path) -> None:
    import sqlite3

    copy = tmp_path / "copy.sqlite"
    assert giapranh("backup", str(copy), "--db", demo_db).returncode == 0
    with sqlite3.connect(copy) as connection:
        connection.execute("DROP TRIGGER change_log_no_update")
        connection.execute("UPDATE change_log SET actor = 'ai.do' WHERE id = 42")
    result = giapranh("audit", "verify", "--db", str(copy))
    assert result.returncode == 1
    assert result.stderr.strip() == "Mục nhật ký 42 đã bị sửa: nội dung không khớp mã băm của nó."


def test_the_command_line_starts_without_the_records() -> None:
    # `giapranh --version` and `--help` must start fast: the root imports click, not SQLModel.
    heavy = ("sqlalchemy", "sqlmodel", "pydantic", "models")
    probe = f"import sys, tui.cli; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    shown = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert shown.stdout.strip() == "[]"


def test_the_language_choices_are_the_catalogues() -> None:
    from models.i18n import LANGUAGES
    from tui.cli.context import LANGUAGES as OFFERED

    assert tuple(OFFERED) == tuple(LANGUAGES)


def test_every_command_named_in_the_root_exists() -> None:
    from tui.cli import COMMANDS, main

    context = main.make_context("giapranh", [])
    for name in COMMANDS:
        assert main.get_command(context, name) is not None, name
