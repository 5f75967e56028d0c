"""A large database for benchmarks: the demo, then a province's worth of synthetic records —
16 more district units with 12 communes each, N tips, N cases and N/3 suspects — written as CSV
files and brought in through the project's own import (models.csvio, the path an administrator's
`giapranh import` takes), so that every record has its change log entry.

One record in five is in the demo's border zone (the Sông Cầu – Quy Nhơn border: led by one side,
three in four coordinated with the other); the rest are spread over the province's other
communes, led by their district. So an operator of one district sees about a fifth of it all.

    .venv/bin/python -m benchmarks.build --db big.sqlite --cases 1000000
    .venv/bin/python -m benchmarks.build --db "$GIAPRANH_BENCH_PG_URL" --cases 100000

Prints the import's rows per second for each file. Codes are SNT-…, SVV-…, SDT-…; one case in
twelve carries the word "xeôm" in its title (a word a search finds often); the case numbered
RARE carries "Khánh Vĩnh Yên" (found once).
"""

import argparse
import csv
import random
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlmodel import col

from models import Actor, Locality, Unit, csvio, demo
from models.db import gather_statistics, open_database, read_session, write_session

FREQUENT = "xeôm"  # in one case title in twelve
RARE_WORD = "Khánh Vĩnh Yên"
FIRST_DAY = date(2015, 1, 1)
DAYS = 3650


def rare_number(cases: int) -> int:
    return cases // 2 + 7


DISTRICTS = [(f"CA-PY{n:02d}", "CA-PY") for n in range(1, 9)] + [
    (f"CA-BD{n:02d}", "CA-BD") for n in range(1, 9)
]
COMMUNES = 12


def _reference_rows() -> dict[str, list[list[str]]]:
    units = [
        [code, f"Công an huyện {code[-4:]}", "huyen", parent, "", ""] for code, parent in DISTRICTS
    ]
    localities = [
        [f"X-{code[3:]}-{n:02d}", f"Xã {code[3:]} số {n}", code, "no"]
        for code, _ in DISTRICTS
        for n in range(1, COMMUNES + 1)
    ]
    return {"units": units, "localities": localities}


def _places(border: list[str], inland: list[tuple[str, str]]) -> Any:
    def place(rng: random.Random) -> tuple[str, str, str | None]:
        """(locality, lead unit, coordinating unit or None)."""
        if rng.random() < 0.2:
            locality = rng.choice(border)
            lead = "CA-SC" if locality in SONG_CAU_SIDE else "CA-QN"
            other = "CA-QN" if lead == "CA-SC" else "CA-SC"
            return locality, lead, other if rng.random() < 0.75 else None
        locality, lead = rng.choice(inland)
        return locality, lead, None

    return place


SONG_CAU_SIDE = {"XA-XH", "XA-XL", "XA-XC"}


def _rows(cases: int, seed: int, place: Any) -> Iterator[dict[str, list[str]]]:
    """Per synthetic number n: its tip's, case's and (every third) suspect's CSV cells."""
    rng = random.Random(seed)
    rare = rare_number(cases)
    for n in range(cases):
        article, clause, title, summary = rng.choice(demo.CRIMES)
        locality, lead, partner = place(rng)
        occurred = FIRST_DAY + timedelta(days=rng.randint(0, DAYS))
        cleared = rng.random() < 0.8
        if n % 12 == 0:
            title = f"{title} ({FREQUENT})"
        if n == rare:
            title = f"{title} tại {RARE_WORD}"
        coordination = rng.choice(["directed", "joint"]) if partner else "none"
        rows = {
            "tips": [
                f"SNT-{n:07d}",
                "tin_bao",
                occurred.isoformat(),
                lead,
                partner or "",
                locality,
                summary,
                "case_opened",
                (occurred + timedelta(days=5)).isoformat(),
                "",
                "",
                "",
                "",
            ],
            "cases": [
                f"SVV-{n:07d}",
                f"{title} ({n})",
                article,
                clause or "",
                occurred.isoformat(),
                locality,
                lead,
                partner or "",
                coordination,
                "cleared" if cleared else "investigating",
                (occurred + timedelta(days=rng.randint(1, 90))).isoformat() if cleared else "",
                f"SNT-{n:07d}",
                "",
            ],
        }
        if n % 3 == 0:
            rows["suspects"] = [
                f"SDT-{n:07d}",
                demo.fictitious_name(rng),
                str(rng.randint(1960, 2004)),
                "",
                f"SVV-{n:07d}",
                "arrested" if cleared else "wanted",
                (occurred + timedelta(days=1)).isoformat() if cleared else "",
            ]
        yield rows


def _write(path: Path, kind: str, rows: Iterator[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow([name for name, _ in csvio.COLUMNS[kind]])
        writer.writerows(rows)
    return path


def write_files(folder: Path, cases: int, seed: int, border: list[str]) -> list[Path]:
    """The CSV files in the order they import: units, localities, tips, cases, suspects."""
    reference = _reference_rows()
    paths = [_write(folder / f"{kind}.csv", kind, iter(rows)) for kind, rows in reference.items()]
    inland = [(row[0], row[2]) for row in reference["localities"]]
    inland += [("PH-XP", "CA-SC"), ("PH-XD", "CA-SC"), ("PH-LL", "CA-QN"), ("PH-TP", "CA-QN")]
    kinds = ("tips", "cases", "suspects")
    files = {
        kind: (folder / f"{kind}.csv").open("w", newline="", encoding="utf-8") for kind in kinds
    }
    writers = {kind: csv.writer(file) for kind, file in files.items()}
    for kind, writer in writers.items():
        writer.writerow([name for name, _ in csvio.COLUMNS[kind]])
    for rows in _rows(cases, seed, _places(border, inland)):
        for kind, cells in rows.items():
            writers[kind].writerow(cells)
    for file in files.values():
        file.close()
    return [*paths, *(folder / f"{kind}.csv" for kind in kinds)]


def import_file(engine: Engine, path: Path) -> tuple[int, float]:
    """(rows, seconds) of importing one file, as `giapranh import` does."""
    kind = path.stem
    started = time.perf_counter()
    with path.open("rb") as stream, write_session(engine) as session:
        count = csvio.import_rows(
            session, actor=Actor.local_admin(), kind=kind, rows=csvio.iter_csv(stream, kind)
        )
    gather_statistics(engine, csvio.tables_of(kind))
    return count, time.perf_counter() - started


def build(engine: Engine, cases: int, seed: int = 1, quiet: bool = False) -> None:
    with read_session(engine) as session:
        empty = not session.scalar(select(func.count()).select_from(Unit))
    if empty:
        with write_session(engine) as session:
            demo.build(session)
    with read_session(engine) as session:
        border = list(
            session.scalars(
                select(col(Locality.code))
                .where(col(Locality.border_zone))
                .order_by(col(Locality.code))
            )
        )
    with tempfile.TemporaryDirectory() as folder:
        for path in write_files(Path(folder), cases, seed, border):
            count, seconds = import_file(engine, path)
            if not quiet:
                print(
                    f"  imported {count:>9,} {path.stem:<9} in {seconds:6.1f} s: "
                    f"{count / seconds:>8,.0f} rows/s"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--cases", type=int, default=100_000)
    args = parser.parse_args()
    build(open_database(args.db), args.cases)


if __name__ == "__main__":
    main()
