"""Many writer processes on one database for a while (SQLite file and PostgreSQL): every write
attempted is stored, none fails with "database is locked", no code is stored twice, and the change
log's chain verifies. Bounded for CI: GIAPRANH_SOAK_WRITERS (8) × GIAPRANH_SOAK_SECONDS (15)."""

import json
import os
import subprocess
import sys
import textwrap
from collections import Counter

from sqlalchemy import Engine, func
from sqlmodel import col, select

from models import Unit, audit
from models.db import read_session

WRITERS = int(os.environ.get("GIAPRANH_SOAK_WRITERS", "8"))
SECONDS = float(os.environ.get("GIAPRANH_SOAK_SECONDS", "15"))

WRITER = textwrap.dedent(
    """
    import json, sys, time
    from models import UNITS, Actor, records
    from models.db import open_database, write_session
    url, writer, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    engine = open_database(url)
    actor = Actor(f"soak.{writer}", "admin")
    print("ready", flush=True)
    sys.stdin.readline()  # all start together
    until = time.time() + seconds
    attempted, stored, failures = 0, 0, {}
    while time.time() < until:
        attempted += 1
        code = f"S{writer}-{attempted}"
        try:
            with write_session(engine) as session:
                records.create(session, actor=actor, kind=UNITS, data=dict(
                    code=code, name=f"Đơn vị thử {writer}/{attempted}", level="xa"))
            stored += 1
        except Exception as error:  # counted, not hidden: the test fails on any
            reason = str(error).splitlines()[0][:120]
            failures[reason] = failures.get(reason, 0) + 1
    engine.dispose()
    print(json.dumps({"attempted": attempted, "stored": stored, "failures": failures}))
    """
)


def test_writers_in_parallel_lose_nothing(engine: Engine) -> None:
    url = engine.url.render_as_string(hide_password=False)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, url, str(writer), str(SECONDS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for writer in range(WRITERS)
    ]
    for process in processes:  # every one started and its database open
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    for process in processes:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    reports = []
    for process in processes:
        out, err = process.communicate(timeout=SECONDS + 120)
        assert process.returncode == 0, err[-2000:]
        reports.append(json.loads(out.strip().splitlines()[-1]))
    attempted = sum(report["attempted"] for report in reports)
    stored = sum(report["stored"] for report in reports)
    failures: Counter[str] = Counter()
    for report in reports:
        failures.update(report["failures"])
    with read_session(engine) as session:
        ours = col(Unit.code).like("S%-%")
        in_database = session.scalar(select(func.count()).select_from(Unit).where(ours))
        distinct = session.scalar(select(func.count(func.distinct(col(Unit.code)))).where(ours))
        verdict = audit.verify(session)
    print(
        f"\nsoak {engine.dialect.name}: {WRITERS} writers × {SECONDS:.0f} s: "
        f"{attempted} attempted, {stored} stored, {in_database} in the database, "
        f"failures {dict(failures)}, log {verdict.message()}"
    )
    assert not failures, failures
    assert attempted > WRITERS  # they did run
    assert stored == attempted == in_database == distinct
    assert verdict.intact, verdict.message()
    assert verdict.count >= stored
