"""The app as an operator meets it, on a real pseudo-terminal (80×24, TERM=xterm): time from
`giapranh` start to the first full screen, the app's memory, and the time a search takes.

    .venv/bin/python -m benchmarks.bench_app [--runs 10] [--cases 100000]

"First full screen" is the cases list drawn with its newest case and the footer. A search is
`/`, the text, Enter, until the list shows the record count of the result. Prints medians.
"""

import argparse
import os
import platform
import pty
import re
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks import synthetic
from models.db import open_database, read_session
from models.listing import Filters, listing
from models.paging import count

FOOTER = "Trợ giúp".encode()


def start(database: str) -> tuple[int, int, float]:
    """The app on a new terminal: (pid, master fd, start time)."""
    started = time.perf_counter()
    pid, master = pty.fork()
    if pid == 0:
        os.environ.update(TERM="xterm", LANG="C.UTF-8", PYTHONUTF8="1", COLUMNS="80", LINES="24")
        os.execv(sys.executable, [sys.executable, "-m", "tui", "--db", database])
    return pid, master, started


def read_until(master: int, pattern: re.Pattern[bytes], seconds: float = 120) -> bytes:
    seen = b""
    deadline = time.monotonic() + seconds
    while not pattern.search(seen):
        if time.monotonic() > deadline:
            raise TimeoutError(pattern.pattern)
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            seen += os.read(master, 1 << 16)
    return seen


def memory_mib(pid: int) -> tuple[float, float]:
    """(resident now, peak resident) of the process, in MiB."""
    status = Path(f"/proc/{pid}/status").read_text()
    values = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.M))
    return int(values["VmRSS"]) / 1024, int(values["VmHWM"]) / 1024


def stop(pid: int, master: int) -> None:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(master)


def one_run(database: str, newest: bytes, search: str, found: bytes) -> tuple[float, float, float]:
    """(seconds to the first full screen, resident MiB then, seconds for the search)."""
    pid, master, started = start(database)
    try:
        screen = read_until(master, re.compile(re.escape(newest)))
        if FOOTER not in screen:
            read_until(master, re.compile(re.escape(FOOTER)))
        first = time.perf_counter() - started
        time.sleep(1.5)  # let it settle (the preview, the first poll) before measuring memory
        rss, _ = memory_mib(pid)
        os.write(master, b"/")
        read_until(master, re.compile("Tìm".encode()), 10)
        typed = time.perf_counter()
        os.write(master, search.encode() + b"\r")
        read_until(master, re.compile(found))
        return first, rss, time.perf_counter() - typed
    finally:
        stop(pid, master)


def found_count(database: str, search: str) -> int:
    """How many cases the search finds, from models/ (what the pane must then show)."""
    engine = open_database(database)
    with read_session(engine) as session:
        view = listing("cases", date.today())
        found = count(session, view, Filters(search=search), date.today())
    engine.dispose()
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--cases", type=int, default=100_000)
    options = parser.parse_args()
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; medians of {options.runs} runs, 80x24, TERM=xterm"
    )
    with tempfile.TemporaryDirectory() as folder:
        demo = str(Path(folder) / "demo.sqlite")
        subprocess.run(
            [sys.executable, "-m", "tui", "demo", "--db", demo], check=True, capture_output=True
        )
        large = str(Path(folder) / "large.sqlite")
        engine = open_database(large)
        synthetic.build(engine, options.cases)  # the demo, and that many cases more
        engine.dispose()
        for label, database, search in (
            ("demo", demo, "deo cu mong"),
            (f"{options.cases:,} cases", large, "svv-04711"),
        ):
            found = f"(?<![0-9.]){found_count(database, search)} bản ghi".encode()
            newest = b"VV-"
            results = [one_run(database, newest, search, found) for _ in range(options.runs)]
            first, rss, searched = (
                statistics.median(column) for column in zip(*results, strict=True)
            )
            print(
                f"{label:>16}: first full screen {first:.2f} s, memory {rss:.0f} MiB, "
                f"search '{search}' {searched * 1000:.0f} ms"
            )


if __name__ == "__main__":
    main()
