"""Faults an import meets in real use: the process killed midway (SIGKILL, a power cut) and a
full disk. Each leaves the database as it was or with the whole file in it, never part of
it, its pages intact and its change log's chain whole."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .apphelp import demo_copy

ROWS = 5000
HEADER = (
    "code,title,article,clause,occurred_on,locality,lead_unit,coordinating_units,coordination,"
    "status,cleared_on,tip_code,campaign_code,opened_on,category\n"
)


def _cases_file(folder: Path, rows: int = ROWS) -> Path:
    """A register of `rows` new border-zone cases of the demo's units and localities."""
    path = folder / "cases.csv"
    with path.open("w", encoding="utf-8") as stream:
        stream.write(HEADER)
        for number in range(1, rows + 1):
            day = f"2017-{number % 12 + 1:02d}-{number % 28 + 1:02d}"
            stream.write(
                f"VV-2017-{number + 500:05d},Trộm cắp tài sản tại chợ số {number},173,1,{day},"
                "XA-XC,CA-SC,CA-QN,joint,investigating,,,,,\n"
            )
    return path


def _import(database: str, path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tui", "--db", database, "import", "cases", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _cases(database: str) -> int:
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return int(connection.execute("SELECT count(*) FROM cases").fetchone()[0])


def _chain_verifies(database: str) -> None:
    verified = subprocess.run(
        [sys.executable, "-m", "tui", "--db", database, "audit", "verify"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_an_import_killed_at_any_point_leaves_all_or_nothing(tmp_path: Path) -> None:
    register = _cases_file(tmp_path)
    (tmp_path / "whole").mkdir()
    whole = demo_copy(tmp_path / "whole")
    before = _cases(whole)
    started = time.monotonic()
    finished = _import(whole, register)
    assert finished.wait(timeout=300) == 0, finished.communicate()[1]
    duration = time.monotonic() - started
    assert _cases(whole) == before + ROWS
    killed_midway = 0
    for share in (0.15, 0.35, 0.55, 0.75, 0.9, 0.97):  # start-up, reading, writing, committing
        folder = tmp_path / f"kill-{share}"
        folder.mkdir()
        database = demo_copy(folder)
        running = _import(database, register)
        time.sleep(duration * share)
        if running.poll() is None:
            running.send_signal(signal.SIGKILL)
            killed_midway += 1
        running.wait(timeout=60)
        assert _cases(database) in (before, before + ROWS), share
        _chain_verifies(database)
    assert killed_midway >= 4  # the kills landed while it worked, not after


def _mounted_tmpfs(folder: Path, size: str) -> bool:
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
    )
    return mounted.returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A 4 MiB file system of its own (tmpfs): a full disk without filling the machine's."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small file system needs root and mount(8)")
    disk = tmp_path / "disk"
    if not _mounted_tmpfs(disk, "4m"):
        pytest.skip("this machine refuses to mount a tmpfs")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_full_disk_stops_an_import_with_a_message_and_loses_nothing(
    small_disk: Path, tmp_path: Path
) -> None:
    database = demo_copy(small_disk)
    before = _cases(database)
    register = _cases_file(tmp_path, rows=20000)
    # Leave the database room for a few hundred rows, not for 20,000 and their indexes.
    free = shutil.disk_usage(small_disk).free
    (small_disk / "filler").write_bytes(b"\0" * max(free - 600_000, 0))
    refused = _import(database, register)
    _, stderr = refused.communicate(timeout=300)
    message = stderr.decode()
    assert refused.returncode == 1, message
    assert "Traceback" not in message and "đầy" in message, message
    (small_disk / "filler").unlink()
    assert _cases(database) == before
    _chain_verifies(database)
