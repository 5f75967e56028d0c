"""A large database for benchmarks and load tests: the demo plus N synthetic cases.

The synthetic rows are bulk-inserted with SQL (no change log), which is only right for
measuring; operators' records always go through models.records.

    .venv/bin/python -m benchmarks.synthetic --db big.sqlite --cases 100000
"""

import argparse
import random
import time
import uuid
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, insert
from sqlmodel import Session, select

from models import Case, CaseSuspectLink, CaseUnitLink, Locality, Suspect, Tip, Unit, demo
from models.db import open_database, write_session
from models.text import fold, person_sort_key

CHUNK = 5_000


def build(engine: Engine, cases: int, seed: int = 1) -> None:
    """The demo scenario, then `cases` cases (with a tip each and a suspect every third)."""
    with write_session(engine) as session:
        demo.build(session)
    rng = random.Random(seed)
    now = datetime(2024, 1, 1, tzinfo=UTC)
    with Session(engine) as session:
        units = {u.code: u.id for u in session.exec(select(Unit))}
        localities = [(loc.id, loc.name) for loc in session.exec(select(Locality))]
    first_day = date(2015, 1, 1)
    for start in range(0, cases, CHUNK):
        case_rows, tip_rows, suspect_rows, link_rows, unit_links = [], [], [], [], []
        for n in range(start, min(start + CHUNK, cases)):
            article, clause, title, summary = rng.choice(demo.CRIMES)
            locality_id, locality_name = rng.choice(localities)
            occurred = first_day + timedelta(days=rng.randint(0, 3650))
            cleared = rng.random() < 0.8
            lead, partner = rng.sample(["CA-SC", "CA-QN"], 2)
            tip_id, case_id = uuid.uuid4(), uuid.uuid4()
            full_title = f"{title} tại {locality_name} ({n})"
            common = {"version": 1, "created_at": now, "updated_at": now}
            tip_rows.append(
                {
                    **common,
                    "id": tip_id,
                    "code": f"SNT-{n:06d}",
                    "kind": "tin_bao",
                    "received_on": occurred,
                    "receiving_unit_id": units[lead],
                    "partner_unit_id": units[partner],
                    "locality_id": locality_id,
                    "summary": summary,
                    "status": "case_opened",
                    "resolved_on": occurred + timedelta(days=5),
                    "deadline_on": occurred + timedelta(days=20),
                    "search_key": fold(f"SNT-{n:06d} {summary} {locality_name}"),
                }
            )
            case_rows.append(
                {
                    **common,
                    "id": case_id,
                    "code": f"SVV-{n:06d}",
                    "title": full_title,
                    "article": article,
                    "clause": clause,
                    "occurred_on": occurred,
                    "locality_id": locality_id,
                    "lead_unit_id": units[lead],
                    "coordination": rng.choice(["none", "directed", "joint"]),
                    "status": "cleared" if cleared else "investigating",
                    "cleared_on": occurred + timedelta(days=rng.randint(1, 90))
                    if cleared
                    else None,
                    "tip_id": tip_id,
                    "campaign_id": None,
                    "search_key": fold(f"SVV-{n:06d} {full_title} {article}"),
                }
            )
            unit_links.append({"case_id": case_id, "unit_id": units[partner]})
            if n % 3 == 0:
                name = demo.fictitious_name(rng)
                suspect_id = uuid.uuid4()
                suspect_rows.append(
                    {
                        **common,
                        "id": suspect_id,
                        "code": f"SDT-{n:06d}",
                        "full_name": name,
                        "birth_year": rng.randint(1960, 2004),
                        "address": None,
                        "status": "arrested" if cleared else "wanted",
                        "arrested_on": occurred + timedelta(days=1) if cleared else None,
                        "sort_key": person_sort_key(name),
                        "search_key": fold(name),
                    }
                )
                link_rows.append({"case_id": case_id, "suspect_id": suspect_id})
        with engine.begin() as connection:
            connection.execute(insert(Tip), tip_rows)
            connection.execute(insert(Case), case_rows)
            connection.execute(insert(CaseUnitLink), unit_links)
            if suspect_rows:
                connection.execute(insert(Suspect), suspect_rows)
                connection.execute(insert(CaseSuspectLink), link_rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--cases", type=int, default=100_000)
    args = parser.parse_args()
    started = time.perf_counter()
    build(open_database(args.db), args.cases)
    print(f"{args.cases} synthetic cases in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
