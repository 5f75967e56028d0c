"""The coordination regulation as a record: the records in the localities it covers are shared with
all its parties (a tip's reporter still only with the receiving unit), read-only to the other
parties, in SQL as in Python; it is checked, imported and exported as every record is (SQLite and
PostgreSQL)."""

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select

from models import CASES, KINDS, SUSPECTS, TIPS, UNITS, Actor, Unit, access, audit, records
from models.db import read_session, write_session
from models.errors import Forbidden, InvalidInput
from models.regulations import REGULATIONS, host_of
from models.report import compute

from .conftest import DAY, create

REPORTER = "Lê Văn Báo"


def actor(engine: Engine, unit: str, role: str) -> Actor:
    with read_session(engine) as session:
        found = session.exec(select(Unit).where(Unit.code == unit)).one()
        return Actor(f"{unit.lower()}.{role}", role, found.id)


@pytest.fixture
def border(two_units: Engine) -> Engine:
    """A's tip and case in the border-zone LA and a case inland (LA2); C, a unit apart."""
    engine = two_units
    create(engine, UNITS, code="C", name="Công an huyện Tuy An")
    create(
        engine, TIPS, code="T-A", kind="to_giac", received_on="2017-03-01", receiving_unit="A",
        locality="LA", summary="Tố giác trộm xe", reporter_name=REPORTER, status="received",
    )  # fmt: skip
    for code, locality in (("V-A", "LA"), ("V-IN", "LA2")):
        create(
            engine, CASES, code=code, title="Trộm xe", article="173", occurred_on="2017-03-05",
            locality=locality, lead_unit="A", coordination="none", status="investigating",
        )  # fmt: skip
    create(engine, SUSPECTS, code="S-A", full_name="Nguyễn Văn A", case_codes="V-A",
           status="wanted")  # fmt: skip
    return engine


def regulate(engine: Engine, who: Actor | None = None, /, **changes: Any) -> None:
    data = {
        "code": "QC-2017-01", "name": "Quy chế phối hợp giữa A và B", "parties": "A;B",
        "localities": "LA;LB", "signed_on": "2016-12-20", "starts_on": "2017-01-01",
        "hosts": "2017:A;2018:B", **changes,
    }  # fmt: skip
    create(engine, REGULATIONS, who or Actor.local_admin(), **data)


def seen(engine: Engine, who: Actor, kind: str) -> set[str]:
    """The codes `who` may read, by SQL — checked against Python's rule for each record."""
    described = KINDS[kind]
    with read_session(engine) as session:
        rows = session.exec(select(described.table)).all()
        by_python = {row.code for row in rows if access.can(who, "read", described, row)}
        statement = select(col(described.table.code)).where(access.visible(who, kind))
        by_sql = set(session.exec(statement).all())
    assert by_sql == by_python, (who.username, kind)
    return by_sql


def test_the_parties_read_the_records_of_the_localities_it_covers(border: Engine) -> None:
    qn, apart = actor(border, "B", "viewer"), actor(border, "C", "admin")
    assert seen(border, qn, "cases") == set() and seen(border, qn, "tips") == set()
    regulate(border)
    assert seen(border, qn, "tips") == {"T-A"}
    assert seen(border, qn, "cases") == {"V-A"}  # not the inland V-IN
    assert seen(border, qn, "suspects") == {"S-A"}
    assert seen(border, qn, "regulations") == {"QC-2017-01"}
    for kind in ("tips", "cases", "suspects", "regulations"):
        assert seen(border, apart, kind) == set()
    with read_session(border) as session:
        tip = records.get(session, TIPS, "T-A", actor=qn)
        assert "reporter_name" not in access.snapshot(qn, TIPS, tip)  # still A's alone
        assert compute(session, DAY("2017-01-01"), DAY("2017-12-31"), qn).cases_occurred == 1
        host = host_of(records.get(session, REGULATIONS, "QC-2017-01"), 2018)
        assert host is not None and host.code == "B"


def test_another_party_reads_but_never_changes(border: Engine) -> None:
    regulate(border)
    qn_admin = actor(border, "B", "admin")
    with write_session(border) as session, pytest.raises(Forbidden):
        case = records.get(session, CASES, "V-A", actor=qn_admin)
        records.update(
            session, actor=qn_admin, kind=CASES, key=case.id, expected_version=case.version,
            changes={"title": "Sửa của đơn vị khác"},
        )  # fmt: skip
    # A change by its owner after the regulation reaches the partner's change log.
    sc = actor(border, "A", "editor")
    with write_session(border) as session:
        case = records.get(session, CASES, "V-A", actor=sc)
        records.update(
            session, actor=sc, kind=CASES, key=case.id, expected_version=case.version,
            changes={"title": "Trộm xe máy"},
        )  # fmt: skip
    with read_session(border) as session:
        entries = [e for e in audit.entries(session, actor=qn_admin) if e.record_code == "V-A"]
        assert [entry.action for entry in entries] == ["update"]


def test_only_the_parties_administrators_write_it(border: Engine) -> None:
    with pytest.raises(Forbidden):
        regulate(border, actor(border, "A", "editor"))
    with pytest.raises(Forbidden):
        regulate(border, actor(border, "C", "admin"))  # not a party
    regulate(border, actor(border, "A", "admin"))
    with write_session(border) as session:
        found = records.get(session, REGULATIONS, "QC-2017-01")
        records.delete(session, actor=actor(border, "B", "admin"), kind=REGULATIONS,
                       key=found.id, expected_version=found.version)  # fmt: skip
    assert seen(border, actor(border, "B", "viewer"), "cases") == set()  # shared no more


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"parties": "A"}, "parties", "regulation.two_parties"),
        ({"localities": "LA;LA2"}, "localities", "regulation.not_border_zone"),
        ({"hosts": "2017:C"}, "hosts", "regulation.host_not_party"),
        ({"hosts": "2017:A;2017:B"}, "hosts", "regulation.host_twice"),
        ({"hosts": "năm 2017 A"}, "hosts", "regulation.host_format"),
        ({"ends_on": "2016-01-01"}, "ends_on", "err.date_order"),
    ],
)
def test_a_regulation_is_checked(
    border: Engine, changes: dict[str, str], field: str, reason: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        regulate(border, **changes)
    assert (field, reason) in {(p.field, p.reason) for p in refused.value.problems}


def test_regulations_import_and_export_as_a_register(border: Engine, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tui.cli import main

    url = border.url.render_as_string(hide_password=False)
    register = tmp_path / "quy-che.csv"
    register.write_text(
        "code,name,parties,localities,signed_on,starts_on,ends_on,hosts\n"
        "QC-2017-01,Quy chế phối hợp,A;B,LA;LB,20/12/2016,2017-01-01,,2017:A;2018:B\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    done = runner.invoke(main, ["--db", url, "import", "regulations", str(register)])
    assert done.exit_code == 0, done.output
    exported = runner.invoke(main, ["--db", url, "export", "regulations"])
    assert exported.exit_code == 0, exported.output
    assert "QC-2017-01,Quy chế phối hợp,A;B,LA;LB,2016-12-20,2017-01-01,,2017:A;2018:B" in (
        exported.output
    )
    assert seen(border, actor(border, "B", "viewer"), "tips") == {"T-A"}
