"""Every figure of the scale issue beside its target, for each database given.

    .venv/bin/python -m benchmarks.scale --db big.sqlite [--db postgresql+psycopg://…] \\
        [--runs 7] [--visidata /path/to/vd]

Each database is made by benchmarks.build first (`python -m benchmarks.build --db … --cases N`:
the demo and N synthetic cases, with their tips, suspects and change log, through the project's
own import). What is measured:

- in this process, as the app's workers and `giapranh report` call models/: a save (one case's
  title, as an editor of its unit), a year's and ten years' review, an operator's list (count
  and first page; a page in the middle), a search for a rare word and for a word in one case in
  twelve (count, capped, and first page); the local administrator and the operator sc.hung;
- the import of 20,000 more cases, rolled back at the end (the database stays as it was);
- as processes: `giapranh --version`, `giapranh report` for a year, `audit verify` (time and
  peak memory), and the app on a pseudo-terminal (80×24, TERM=xterm) to its first screen with
  rows, its memory, and a search typed to the rows shown; visidata's first screen on the same
  file when `--visidata` names its command (the runs of the two interleaved).

Each figure is the median of `--runs` runs (the import: of 3), the runs of every figure taken in
turn, round after round, so that a busy moment of the machine falls on all of them alike.
The station server's figures are benchmarks/bench_ssh.py's.
"""

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlmodel import Session, col

from benchmarks import bench_app
from benchmarks.build import FREQUENT, RARE_WORD, write_files
from models import Actor, Case, csvio, records, report
from models.db import display_url, open_database, read_session, write_session
from models.listing import Filters, listing
from models.operators import log_in
from models.paging import count, page
from models.registry import kind_of

GIAPRANH = [sys.executable, "-m", "tui"]
OPERATOR = "sc.hung"  # an editor of Sông Cầu: sees about a fifth of a benchmark database
TODAY = date(2025, 1, 1)  # after the last synthetic record
YEAR = (date(2020, 1, 1), date(2020, 12, 31))
DECADE = (date(2015, 1, 1), date(2024, 12, 31))
IMPORTED = 20_000


class Figures:
    """Named runs, each a list of seconds (or MiB), with their targets and units."""

    def __init__(self) -> None:
        self.runs: dict[str, list[float]] = {}
        self.targets: dict[str, str] = {}

    def add(self, name: str, value: float, target: str) -> None:
        self.runs.setdefault(name, []).append(value)
        self.targets[name] = target

    def print(self, title: str) -> None:
        print(f"\n{title}")
        width = max(len(name) for name in self.runs)
        for name, values in self.runs.items():
            print(
                f"  {name:<{width}}  {_shown(name, statistics.median(values)):>12}"
                f"   target {self.targets[name]}"
            )


def _shown(name: str, value: float) -> str:
    if name.endswith("MiB"):
        return f"{value:,.0f} MiB"
    if name.endswith("rows/s"):
        return f"{value:,.0f} /s"
    return f"{value * 1000:,.0f} ms" if value < 10 else f"{value:,.1f} s"


def timed(run: Callable[[], Any]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


# --- in process ----------------------------------------------------------------------------------


def in_process(engine: Engine, figures: Figures) -> None:
    with read_session(engine) as session:
        operator = log_in(session, OPERATOR)
        editable = session.scalar(
            select(Case.id).where(col(Case.lead_unit_id) == operator.unit_id).limit(1)
        )
    cases = listing("cases", TODAY)
    for who, actor in (("admin", None), ("operator", operator)):
        for label, (start, end) in (("1 year", YEAR), ("10 years", DECADE)):
            target = "≤ 100 ms" if label == "1 year" else "≤ 300 ms"

            def review(start: date = start, end: date = end, actor: Actor | None = actor) -> None:
                with read_session(engine) as session:
                    report.compute(session, start, end, actor)

            figures.add(f"review {label}, {who}", timed(review), target)

        def first_screen(filters: Filters, actor: Actor | None = actor) -> None:
            with read_session(engine) as session:
                if count(session, cases, filters, TODAY, actor):
                    page(session, cases, filters, TODAY, actor=actor)

        figures.add(
            f"list count + first page, {who}", timed(lambda: first_screen(Filters())), "≤ 100 ms"
        )

        def middle(actor: Actor | None = actor) -> None:
            with read_session(engine) as session:
                total = count(session, cases, Filters(), TODAY, actor)
                # The app asks the second half from the end; the middle is the deepest page.
                page(session, cases, Filters(), TODAY, actor=actor, offset=total // 2)

        figures.add(f"list page in the middle, {who}", timed(middle), "≤ 100 ms")
        with read_session(engine) as session:
            total = count(session, cases, Filters(), TODAY, actor)
            above = page(session, cases, Filters(), TODAY, actor=actor, offset=total // 2)

        def scrolled(actor: Actor | None = actor, last: Any = above[-1]["_key"]) -> None:
            with read_session(engine) as session:  # the next page as scrolling asks for it
                page(session, cases, Filters(), TODAY, actor=actor, after=last)

        figures.add(f"list next page in the middle, {who}", timed(scrolled), "≤ 100 ms")
        for word, label in ((RARE_WORD, "rare word"), (FREQUENT, "1 case in 12")):
            figures.add(
                f"search {label}, {who}",
                timed(lambda word=word: first_screen(Filters(search=word))),
                "≤ 150 ms",
            )

    def save() -> None:
        with write_session(engine) as session:
            case = session.get(Case, editable)
            assert case is not None
            records.update(
                session,
                actor=operator,
                kind=kind_of("cases"),
                key=case.id,
                expected_version=case.version,
                changes={"title": f"{case.title.rstrip('!')}!"[:300]},
            )

    figures.add("save one case, operator", timed(save), "≤ 50 ms")


def imports(engine: Engine, folder: Path, figures: Figures) -> None:
    """20,000 new cases (with their tips) into the database, rolled back."""
    with read_session(engine) as session:
        border = ["XA-XH", "PH-BTX"]
        first = (session.scalar(select(func.count()).select_from(Case)) or 0) + 10_000_000
    paths = write_files(folder, IMPORTED, seed=first, border=border)
    for path in paths:  # codes no earlier import used
        if path.stem in ("tips", "cases", "suspects"):
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r"\bS(NT|VV|DT)-", r"I\1-", text), encoding="utf-8")
    cases = folder / "cases.csv"
    tips = folder / "tips.csv"
    with Session(engine) as session, session.begin():
        with tips.open("rb") as stream:
            csvio.import_rows(
                session, actor=Actor.local_admin(), kind="tips", rows=csvio.iter_csv(stream, "tips")
            )
        started = time.perf_counter()
        with cases.open("rb") as stream:
            rows = csvio.import_rows(
                session,
                actor=Actor.local_admin(),
                kind="cases",
                rows=csvio.iter_csv(stream, "cases"),
            )
        seconds = time.perf_counter() - started
        session.rollback()
    target = "≥ 20,000 /s" if engine.dialect.name == "sqlite" else "≥ 10,000 /s"
    figures.add("import cases, rows/s", rows / seconds, target)


# --- as processes --------------------------------------------------------------------------------


def process(args: list[str]) -> tuple[float, float]:
    """(seconds, peak MiB) of `giapranh *args`."""
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M", *GIAPRANH, *args],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, kib = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kib) / 1024


def processes(database: str, figures: Figures, app: bool) -> None:
    figures.add("giapranh --version", process(["--version"])[0], "≤ 0.15 s")
    period = ["--from", YEAR[0].isoformat(), "--to", YEAR[1].isoformat()]
    figures.add(
        "giapranh report (1 year)", process(["--db", database, "report", *period])[0], "≤ 0.5 s"
    )
    if not app:
        return
    found = re.compile(r"(?<![0-9.])1 bản ghi".encode())
    first, rss, searched = bench_app.one_run(database, b"VV-", RARE_WORD.lower(), found)
    figures.add("app: first screen with rows", first, "≤ 0.6 s, ≤ 1.5× visidata")
    figures.add("app: memory, MiB", rss, "≤ 70 MiB")
    figures.add("app: search typed → rows shown", searched, "≤ 150 ms")


def audit_verify(database: str, figures: Figures) -> None:
    seconds, peak = process(["--db", database, "audit", "verify"])
    figures.add("audit verify, whole log", seconds, "bounded memory")
    figures.add("audit verify, peak MiB", peak, "flat with the log's size")


def visidata(command: str, database: str) -> float:
    """Seconds from starting visidata on the SQLite file to its first screen (its tables)."""
    pid, master = _pty([command, database])
    started = time.perf_counter()
    try:
        bench_app.read_until(master, re.compile(rb"cases"), 60)
        return time.perf_counter() - started
    finally:
        bench_app.stop(pid, master)


def _pty(argv: list[str]) -> tuple[int, int]:
    import pty

    pid, master = pty.fork()
    if pid == 0:
        os.environ.update(TERM="xterm", LANG="C.UTF-8", COLUMNS="80", LINES="24")
        os.execvp(argv[0], argv)
    return pid, master


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", action="append", required=True)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--visidata", metavar="COMMAND")
    parser.add_argument(
        "--in-process", action="store_true", help="only the figures measured in this process"
    )
    options = parser.parse_args()
    print(
        f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}, Python "
        f"{platform.python_version()}; load average {os.getloadavg()[0]:.2f} at the start; "
        f"medians of {options.runs} runs"
    )
    for database in options.db:
        engine = open_database(database)
        with read_session(engine) as session:
            total = session.scalar(select(func.count()).select_from(Case)) or 0
        figures = Figures()
        sqlite = engine.dialect.name == "sqlite"
        for round_ in range(options.runs):
            in_process(engine, figures)
            if options.in_process:
                continue
            processes(database, figures, app=sqlite)
            if sqlite and options.visidata:
                figures.add(
                    "visidata: first screen",
                    visidata(options.visidata, database),
                    "(for comparison)",
                )
            if round_ < 3:
                with tempfile.TemporaryDirectory() as folder:
                    imports(engine, Path(folder), figures)
        if not options.in_process:
            audit_verify(database, figures)
        engine.dispose()
        figures.print(f"{display_url(str(engine.url))}: {total:,} cases")


if __name__ == "__main__":
    main()
