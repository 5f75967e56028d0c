"""`giapranh import cases` of a 100,000-row register: rows a second and peak memory (RSS), for
an .xlsx and a .csv of the same rows, on SQLite and PostgreSQL.

    .venv/bin/python -m benchmarks.bench_import_registers [--rows 100000] [--runs 3] [--pg URL]

Each run imports into a fresh database that holds the demo and the reference records
(benchmarks.build's units, localities and tips), in a fresh `giapranh import` process:
wall time of the whole command and its peak resident memory (ru_maxrss of the child). The
.xlsx is the .csv written by the app's own writer (models.registers.write_xlsx, real dates).
Medians of the runs are printed; the machine may be shared, so say so with the numbers.
"""

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import uuid
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, make_url, text
from sqlmodel import col, select

from benchmarks.build import import_file, write_files
from models import Locality, demo
from models.db import open_database, read_session, write_session
from models.registers import write_xlsx
from models.tabular import COLUMNS

REFERENCE = ("units", "localities", "tips")  # what the cases refer to (campaigns: the demo's)


def prepare(url: str, folder: Path, rows: int) -> tuple[Path, Path]:
    """The database at `url` with the demo and the reference records; (cases .csv, .xlsx)."""
    engine = open_database(url)
    with write_session(engine) as session:
        demo.build(session)
    with read_session(engine) as session:
        border = list(
            session.scalars(
                select(Locality.code).where(col(Locality.border_zone)).order_by(Locality.code)
            )
        )
    write_files(folder, rows, 1, border)
    for kind in REFERENCE:
        import_file(engine, folder / f"{kind}.csv")
    engine.dispose()
    cases = folder / "cases.csv"
    with cases.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        dated = (
            {
                name: (date.fromisoformat(value) if name.endswith("_on") and value else value)
                for name, value in row.items()
            }
            for row in reader
        )
        write_xlsx(dated, [name for name, _ in COLUMNS["cases"]], folder / "cases.xlsx")
    return cases, folder / "cases.xlsx"


_WRAPPER = (
    "import resource, subprocess, sys, time;"
    "started = time.perf_counter();"
    "r = subprocess.run([sys.executable, '-m', 'tui', '--db', sys.argv[1], 'import', "
    "'cases', sys.argv[2]], capture_output=True, text=True);"
    "seconds = time.perf_counter() - started;"
    "sys.exit(r.stderr[-2000:]) if r.returncode else None;"
    "print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def run(url: str, path: Path) -> tuple[float, int]:
    """(seconds, peak RSS in KiB) of one `giapranh import cases` in a fresh process (measured
    by a wrapper process, whose only child it is)."""
    result = subprocess.run(
        [sys.executable, "-c", _WRAPPER, url, str(path)], capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr[-2000:])
    seconds, peak = result.stdout.split()
    return float(seconds), int(peak)


def sqlite_copies(template: Path, folder: Path):  # type: ignore[no-untyped-def]
    def fresh() -> str:
        target = folder / f"run-{uuid.uuid4().hex[:8]}.sqlite"
        shutil.copy(template, target)
        return str(target)

    return fresh


def postgres_schema(base: str, schema: str) -> str:
    url = make_url(base).set(drivername="postgresql+psycopg")
    with create_engine(url).begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    return url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pg", default=os.environ.get("GIAPRANH_TEST_DATABASE_URL"))
    arguments = parser.parse_args()
    print(f"load average before: {os.getloadavg()}; {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        template = folder / "template.sqlite"
        cases_csv, cases_xlsx = prepare(f"sqlite:///{template}", folder, arguments.rows)
        backends = [("sqlite", sqlite_copies(template, folder))]
        if arguments.pg:
            base = arguments.pg

            def fresh_pg() -> str:
                url = postgres_schema(base, f"bench_{uuid.uuid4().hex[:8]}")
                engine = open_database(url)
                with write_session(engine) as session:
                    demo.build(session)
                for kind in REFERENCE:
                    import_file(engine, folder / f"{kind}.csv")
                engine.dispose()
                return url

            backends.append(("postgresql", fresh_pg))
        for backend, fresh in backends:
            for path in (cases_csv, cases_xlsx):
                times, peaks = [], []
                for _ in range(arguments.runs):
                    seconds, peak = run(fresh(), path)
                    times.append(seconds)
                    peaks.append(peak)
                median = statistics.median(times)
                print(
                    f"{backend:<10} {path.suffix:<5} {arguments.rows:>8,} rows: "
                    f"median {median:6.1f} s = {arguments.rows / median:>8,.0f} rows/s; "
                    f"peak RSS median {statistics.median(peaks) / 1024:6.0f} MiB "
                    f"(runs: {', '.join(f'{t:.1f}' for t in times)} s)"
                )
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
