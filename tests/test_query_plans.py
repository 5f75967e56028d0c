"""The review of one year reads that year through an index, never every case.

A database of ten years of cases (benchmarks.build, through the project's own import, with
statistics gathered as after every import) is reviewed for one year, as the local administrator
and as an operator; every statement the review sends is explained by the database itself, and a
plan that reads a whole table of records fails the test. PostgreSQL is asked with sequential
scans priced out (`enable_seqscan = off`), so that on a table this small it shows the index it
would take at a million rows: a statement no index serves still scans, and fails.
"""

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, event

from benchmarks.build import build
from models import Actor, report
from models.choices import choices
from models.db import read_session
from models.operators import log_in

from .conftest import fresh_postgres_schema

CASES = 3000  # ten years of them (benchmarks.build spreads them over 2015–2024)
# The tables a year's review must not read whole; the small reference tables (units, localities,
# campaigns) and the awards of a year may be.
RECORD_TABLES = ("cases", "tips", "suspects", "case_suspects", "case_units", "shares")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def reviewed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    from models.db import open_database

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('plans')}/plans.sqlite"
        engine = open_database(url)
        build(engine, CASES, quiet=True)
        yield engine
        engine.dispose()
    else:
        with fresh_postgres_schema() as url:
            engine = open_database(url)
            build(engine, CASES, quiet=True)
            yield engine
            engine.dispose()


def _statements(engine: Engine, run: Any) -> list[tuple[str, Any]]:
    sent: list[tuple[str, Any]] = []

    def remember(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", remember)
    try:
        run()
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    return sent


def _whole_table_reads(engine: Engine, statement: str, parameters: Any) -> Iterator[str]:
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            for row in plan:
                detail = row[-1]
                # "SCAN cases" reads every row; "SCAN cases USING COVERING INDEX ix" too (every
                # entry of the index); "SEARCH cases USING INDEX ix (occurred_on>? AND …)" not.
                if detail.startswith("SCAN ") and detail.split()[1] in RECORD_TABLES:
                    yield detail
        else:
            connection.exec_driver_sql("SET enable_seqscan = off")
            explained = connection.exec_driver_sql(
                f"EXPLAIN (FORMAT JSON) {statement}", parameters
            ).scalar_one()
            if isinstance(explained, str):
                explained = json.loads(explained)
            yield from _postgres_scans(explained[0]["Plan"])


def _postgres_scans(node: dict[str, Any]) -> Iterator[str]:
    if node.get("Node Type") == "Seq Scan" and node.get("Relation Name") in RECORD_TABLES:
        yield f"Seq Scan on {node['Relation Name']}"
    if node.get("Node Type") == "Index Only Scan" and "Index Cond" not in node:
        if node.get("Relation Name") in RECORD_TABLES:
            yield f"Full index scan on {node['Relation Name']} ({node.get('Index Name')})"
    for child in node.get("Plans", []):
        yield from _postgres_scans(child)


@pytest.mark.parametrize("who", ["local administrator", "sc.hung"])
def test_a_year_review_reads_that_year_only(reviewed: Engine, who: str) -> None:
    with read_session(reviewed) as session:
        actor = None if who == "local administrator" else log_in(session, who)

    def review() -> None:
        with read_session(reviewed) as session:
            report.compute(session, date(2020, 1, 1), date(2020, 12, 31), actor)

    statements = _statements(reviewed, review)
    assert statements, "the review sent no query"
    scans = {
        read: statement
        for statement, parameters in statements
        for read in _whole_table_reads(reviewed, statement, parameters)
    }
    assert not scans, "\n\n".join(f"{read}:\n{statement}" for read, statement in scans.items())


@pytest.mark.parametrize("who", ["local administrator", "sc.hung"])
def test_a_picker_finds_its_choices_through_indexes(reviewed: Engine, who: str) -> None:
    """A picker over cases (models.choices) never reads the whole table: the words typed go
    through the full-text index, a code through the codes' index."""
    with read_session(reviewed) as session:
        actor = Actor.local_admin() if who == "local administrator" else log_in(session, who)

    def pick() -> None:
        with read_session(reviewed) as session:
            for typed in ("xeom", "trom cap", "VV-2020-0012", "khanh vinh yen"):
                choices(session, actor, "cases", typed)

    statements = _statements(reviewed, pick)
    assert statements, "the picker sent no query"
    scans = {
        read: statement
        for statement, parameters in statements
        for read in _whole_table_reads(reviewed, statement, parameters)
    }
    assert not scans, "\n\n".join(f"{read}:\n{statement}" for read, statement in scans.items())
