"""`giapranh calendar list|add|remove`: corrections stored, logged, listed, refused in the
operator's language; SQLite and PostgreSQL."""

from sqlalchemy import Engine

from models.calendar_days import overrides
from models.db import read_session

from .test_cli import giapranh


def test_calendar_add_list_remove(engine: Engine, database_url: str) -> None:
    added = giapranh("calendar", "add", "2026-01-02", "--note", "Nghỉ bù", "--db", database_url)
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "Đã thêm ngày nghỉ 02/01/2026."
    worked = giapranh("calendar", "add", "10/01/2026", "--working", "--db", database_url)
    assert worked.returncode == 0, worked.stderr
    listed = giapranh("calendar", "list", "2026", "--db", database_url)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert "  01/01/2026  Thứ Năm" in lines[0]
    assert lines[1] == "* 02/01/2026  Thứ Sáu  Nghỉ bù"
    assert lines[2].startswith("* 10/01/2026  Thứ Bảy  làm việc (điều chỉnh)")
    again = giapranh("calendar", "add", "2026-09-02", "--db", database_url)  # the National Day
    assert again.returncode != 0
    assert "vốn đã là ngày nghỉ" in again.stderr and "Traceback" not in again.stderr
    removed = giapranh("calendar", "remove", "2026-01-10", "--db", database_url)
    assert removed.returncode == 0, removed.stderr
    with read_session(engine) as session:
        assert [str(o.day) for o in overrides(session)] == ["2026-01-02"]
    bad = giapranh("calendar", "add", "31/02/2026", "--db", database_url)
    assert "31/02/2026 không phải là ngày" in bad.stderr
