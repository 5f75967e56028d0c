"""The demo database reproduces the seed's 2017 review, and is the same on every run."""

from datetime import date
from pathlib import Path

from sqlalchemy import Engine, MetaData, select

from models import demo, report
from models.db import open_database, read_session, write_session


def build(engine: Engine) -> None:
    with write_session(engine) as session:
        demo.build(session)


def test_the_2017_review_gives_the_seeds_figures(engine: Engine) -> None:
    build(engine)
    with read_session(engine) as session:
        figures = report.compute(session, date(2017, 1, 1), date(2017, 12, 31)).as_json()
        other_years = [
            report.compute(session, date(y, 1, 1), date(y, 12, 31)).as_json() for y in (2016, 2018)
        ]
    assert figures["tips"]["verified"] >= 100
    assert figures["campaigns"]["held"] == 6
    assert figures["cases"] == {
        "occurred": 35,
        "cleared": 31,
        "clearance_rate": 0.8857,
        "joint_cleared": 24,
    }
    assert figures["suspects"]["arrested"] == 7
    assert figures["awards"] == {"collective": 4, "individual": 10}
    for year in other_years:  # other years have records of their own, so filtering shows
        assert year["cases"]["occurred"] > 0 and year["tips"]["received"] > 0
        assert year["cases"] != figures["cases"]


def _dump(engine: Engine) -> dict[str, list[tuple]]:
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        return {
            name: sorted(map(tuple, connection.execute(select(table))), key=repr)
            for name, table in metadata.tables.items()
        }


def test_the_same_command_gives_the_same_database(tmp_path: Path) -> None:
    first, second = (open_database(str(tmp_path / f"{n}.sqlite")) for n in (1, 2))
    build(first)
    build(second)
    assert _dump(first) == _dump(second)
    assert sum(len(rows) for rows in _dump(first).values()) > 300
