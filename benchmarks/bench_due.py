"""The due queue at scale: a database of 100,000 open tips and 100,000 open investigations
(brought in through the project's own import, which derives each deadline as a single save does),
then the time to build the queue in the process (models.due.due_queue, as the app's screen does)
and the time of `giapranh due` (a fresh process, text and JSON), medians of 3, beside the targets.

    .venv/bin/python -m benchmarks.bench_due --db /tmp/due.sqlite
    .venv/bin/python -m benchmarks.bench_due --db "postgresql+psycopg://…" --records 100000

Tips are received over the 30 days and cases opened over the 120 days before the day the queue
is built, so that many are overdue, some due within the windows, the rest not yet (a heavy
queue: tens of thousands of lines); an operator of one of the two units sees half of them. The
import's rows a second are printed too.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import select

from models import LOCALITIES, UNITS, Actor, csvio, records
from models.db import gather_statistics, open_database, read_session, write_session
from models.due import due_queue

TODAY = date.today()
# Open tips were received within the last 30 days (their base limit is 20), open investigations
# opened within the last 120 (2 to 4 months, by category): some overdue, some due, most not yet.
SPREAD_DAYS = {"tips": 30, "cases": 120}
TARGETS = {"queue": 0.3, "command": 1.0}  # seconds: the app's screen, a scheduled job


def _rows(kind: str, count: int) -> Iterator[tuple[int, dict[str, str]]]:
    for n in range(count):
        start = (TODAY - timedelta(days=1 + n % SPREAD_DAYS[kind])).isoformat()
        unit = "A" if n % 2 else "B"
        if kind == "tips":
            row = {
                "code": f"BNT-{n:07d}",
                "kind": "tin_bao",
                "received_on": start,
                "receiving_unit": unit,
                "summary": f"Tin báo số {n}",
                "status": "verifying",
            }
        else:
            row = {
                "code": f"BVV-{n:07d}",
                "title": f"Vụ trộm cắp số {n}",
                "article": "173",
                "clause": str(1 + n % 4),
                "occurred_on": start,
                "opened_on": start,
                "locality": "LA" if unit == "A" else "LB",
                "lead_unit": unit,
                "coordination": "none",
                "status": "investigating",
            }
        yield n + 2, row


def build(engine: Engine, count: int) -> None:
    admin = Actor("bench", "admin")
    with write_session(engine) as session:
        for code, name in (("A", "Công an thị xã Sông Cầu"), ("B", "Công an TP Quy Nhơn")):
            records.create(session, actor=admin, kind=UNITS, data={"code": code, "name": name})
        for code, unit in (("LA", "A"), ("LB", "B")):
            data = {"code": code, "name": f"Xã {code}", "unit_code": unit, "border_zone": "yes"}
            records.create(session, actor=admin, kind=LOCALITIES, data=data)
    for kind in ("tips", "cases"):
        started = time.perf_counter()
        with write_session(engine) as session:
            made = csvio.import_rows(session, actor=admin, kind=kind, rows=_rows(kind, count))
        took = time.perf_counter() - started
        print(f"import {kind}: {made:,} in {took:.1f} s ({made / took:,.0f} rows/s)")
    gather_statistics(engine)


def median_of_3(run: Callable[[], Any]) -> float:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def command(database: str, *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tui", "--db", database, "due", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "GIAPRANH_LANG": "vi"},
    )
    assert done.returncode == 0, done.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="a new SQLite path or an empty PostgreSQL URL")
    parser.add_argument("--records", type=int, default=100_000, help="open tips, and open cases")
    parser.add_argument("--keep", action="store_true", help="use the database if already built")
    args = parser.parse_args()
    database = args.db
    if "://" not in database and Path(database).exists() and not args.keep:
        sys.exit(f"{database} exists: remove it, or give --keep to measure it as it is")
    engine = open_database(database)
    with read_session(engine) as session:
        built = session.exec(select(UNITS.table)).first() is not None
    if not built:
        build(engine, args.records)
    admin = Actor("bench", "admin")
    with read_session(engine) as session:
        unit = records.get(session, UNITS, "A")
        operator = Actor("a.editor", "editor", unit.id)
        queue = due_queue(session, actor=admin, today=TODAY)
        print(
            f"queue: {queue.count():,} due ({queue.count('tips'):,} tips, "
            f"{queue.count('cases'):,} investigations, {queue.overdue:,} overdue)"
        )
    for who, actor in (("admin", admin), ("operator", operator)):

        def build_queue(actor: Actor = actor) -> None:
            with read_session(engine) as session:
                due_queue(session, actor=actor, today=TODAY)

        took = median_of_3(build_queue)
        print(
            f"due queue, {who}: {took * 1000:,.0f} ms (target ≤ {TARGETS['queue'] * 1000:.0f} ms)"
        )
    engine.dispose()
    for output in ("text", "json"):
        took = median_of_3(lambda output=output: command(database, "--format", output))
        print(f"giapranh due --format {output}: {took:.2f} s (target ≤ {TARGETS['command']:.1f} s)")


if __name__ == "__main__":
    main()
