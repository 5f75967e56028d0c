"""Review reports as records: made and edited with the rights and change log of every record,
approved with their figures frozen and hashed into the change log, locked until reopened, and
telling which figures the records moved since (SQLite and PostgreSQL)."""

from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlmodel import col, select

from models import CASES, UNITS, Actor, ChangeLogEntry, Unit, audit, records
from models.db import read_session, write_session
from models.documents.report import build_report
from models.errors import Conflict, Forbidden, InvalidInput, NotFound
from models.report_document import record_report
from models.review_figures import (
    figures_of,
    hash_of,
    intact,
    moved_since_approval,
    set_approval,
    visible_reviews,
)
from models.reviews import REVIEWS, ReviewRecord

from .conftest import create


def case(engine: Engine, code: str, occurred: str, unit: str, locality: str = "LA") -> None:
    create(
        engine, CASES, code=code, title="Vụ trộm", article="173", occurred_on=occurred,
        locality=locality, lead_unit=unit, coordination="none", status="investigating",
    )  # fmt: skip


def actor(engine: Engine, code: str, role: str = "editor") -> Actor:
    with read_session(engine) as session:
        unit = session.exec(select(Unit).where(Unit.code == code)).one()
        return Actor(f"{code.lower()}.{role}", role, unit.id)


@pytest.fixture
def reviewed(two_units: Engine) -> Engine:
    """Units A and B, a third unit C on its own, cases of each, and a joint review of 2017."""
    create(two_units, UNITS, code="C", name="Công an huyện Khác")
    create(two_units, UNITS, code="AX", name="Công an xã Xuân Hải", parent_code="A")
    case(two_units, "C1", "2017-03-01", "A")
    case(two_units, "C2", "2017-04-01", "AX")  # a commune's police under A count for A
    case(two_units, "C3", "2017-05-01", "B", "LB")
    case(two_units, "C4", "2017-06-01", "C", "LB")  # led by C alone: not this review's
    create(
        two_units, REVIEWS, actor(two_units, "A"), code="SK-2017-01", starts_on="2017-01-01",
        ends_on="2017-12-31", host_unit="A", partner_units="B", report_no=3, place="Sông Cầu",
        signed_on="2018-01-19", addressed_to="Công an tỉnh Phú Yên\nCông an tỉnh Bình Định",
        signers="Trưởng Công an | Thượng tá | Nguyễn Văn A\nPhó Trưởng Công an | Trung tá | Lê B",
        situation="Tình hình ổn định.\nKhông có vụ việc phức tạp.",
        shortcomings="Trao đổi thông tin còn chậm.",
    )  # fmt: skip
    return two_units


def review(session: Any) -> ReviewRecord:
    return records.get(session, REVIEWS, "SK-2017-01")


def approve(engine: Engine, who: Actor, approved: bool = True) -> ReviewRecord:
    with write_session(engine) as session:
        found = review(session)
        return set_approval(
            session, actor=who, key=found.id, expected_version=found.version, approved=approved
        )


def test_a_reviews_figures_are_those_of_its_units(reviewed: Engine) -> None:
    with read_session(reviewed) as session:
        compared, records_behind = figures_of(session, review(session))
    assert compared.current.cases_occurred == 3  # C1, C2 (under A) and C3; not C's C4
    assert {unit.code: unit.review.cases_occurred for unit in compared.units} == {"A": 2, "B": 1}
    occurred = next(figure for figure in records_behind if figure.figure == "cases_occurred")
    assert [row["code"] for row in occurred.table.rows] == ["C1", "C2", "C3"]


def test_approving_freezes_the_figures_and_logs_their_hash(reviewed: Engine) -> None:
    sc = actor(reviewed, "A")
    approved = approve(reviewed, sc)
    assert approved.status == "approved" and approved.approved_on == date.today()
    with read_session(reviewed) as session:
        stored = review(session)
        assert stored.figures is not None and stored.figures_hash == hash_of(stored.figures)
        entry = session.exec(
            select(ChangeLogEntry)
            .where(ChangeLogEntry.record_code == "SK-2017-01")
            .order_by(col(ChangeLogEntry.id).desc())
        ).first()
        assert entry is not None and entry.actor == sc.username
        assert entry.after is not None and entry.after["figures_hash"] == stored.figures_hash
        assert entry.before is not None and entry.before["status"] == "draft"
        before = build_report(record_report(session, stored))
    # A case added after approval: the document stays the same, the review says what moved.
    case(reviewed, "C5", "2017-07-01", "B", "LB")
    with read_session(reviewed) as session:
        stored = review(session)
        after = build_report(record_report(session, stored))
        moved = moved_since_approval(session, stored)
        assert intact(stored)
    assert [p.text for p in after.paragraphs] == [p.text for p in before.paragraphs]
    said = {(change.figure, change.unit): (change.then, change.now) for change in moved}
    assert said[("cases_occurred", "")] == (3, 4)
    assert said[("cases_occurred", "Công an thành phố Qui Nhơn")] == (1, 2)
    assert ("cases_occurred", "Công an thị xã Sông Cầu") not in said
    with read_session(reviewed) as session:
        assert audit.verify(session).problem is None


def test_an_approved_review_is_locked_until_reopened(reviewed: Engine) -> None:
    sc = actor(reviewed, "A")
    approve(reviewed, sc)
    with write_session(reviewed) as session, pytest.raises(InvalidInput) as refused:
        found = review(session)
        records.update(
            session, actor=sc, kind=REVIEWS, key=found.id, expected_version=found.version,
            changes={"place": "Qui Nhơn"},
        )  # fmt: skip
    assert refused.value.problems[0].reason == "review.approved_locked"
    with write_session(reviewed) as session, pytest.raises(InvalidInput):
        found = review(session)
        records.delete(
            session, actor=sc, kind=REVIEWS, key=found.id, expected_version=found.version
        )
    reopened = approve(reviewed, sc, approved=False)
    assert reopened.status == "draft" and reopened.figures is None
    with write_session(reviewed) as session:
        found = review(session)
        records.update(
            session, actor=sc, kind=REVIEWS, key=found.id, expected_version=found.version,
            changes={"place": "Qui Nhơn"},
        )  # fmt: skip
    with read_session(reviewed) as session:
        assert review(session).place == "Qui Nhơn"


def test_each_status_has_its_words() -> None:
    from models.i18n import MESSAGES
    from models.reviews import REVIEW_STATUSES

    assert all(f"review_status.{status}" in MESSAGES for status in REVIEW_STATUSES)


def test_a_stale_approval_is_refused(reviewed: Engine) -> None:
    sc = actor(reviewed, "A")
    with write_session(reviewed) as session:
        found = review(session)
        stale = found.version
    approve(reviewed, sc)
    with write_session(reviewed) as session, pytest.raises(Conflict):
        set_approval(session, actor=sc, key="SK-2017-01", expected_version=stale, approved=False)


def test_figures_changed_outside_giapranh_are_caught(reviewed: Engine) -> None:
    approve(reviewed, actor(reviewed, "A"))
    with read_session(reviewed) as session:
        frozen = dict(review(session).figures or {})
    frozen["current"] = {**frozen["current"], "cases_occurred": 99}
    with reviewed.begin() as connection:
        connection.execute(
            text("UPDATE reviews SET figures = :figures WHERE code = 'SK-2017-01'"),
            {"figures": __import__("json").dumps(frozen)},
        )
    with read_session(reviewed) as session:
        assert not intact(review(session))


def test_the_host_writes_it_the_partners_read_it_others_never_see_it(reviewed: Engine) -> None:
    qn, xc = actor(reviewed, "B"), actor(reviewed, "C", "admin")
    with read_session(reviewed) as session:
        assert [found.code for found in visible_reviews(session, qn)] == ["SK-2017-01"]
        assert visible_reviews(session, xc) == []
        with pytest.raises(NotFound):
            records.get(session, REVIEWS, "SK-2017-01", actor=xc)
    with write_session(reviewed) as session, pytest.raises(Forbidden):
        set_approval(session, actor=qn, key="SK-2017-01", expected_version=1, approved=True)
    viewer = actor(reviewed, "A", "viewer")
    with write_session(reviewed) as session, pytest.raises(Forbidden):
        set_approval(session, actor=viewer, key="SK-2017-01", expected_version=1, approved=True)
    with read_session(reviewed) as session:
        assert not [entry for entry in audit.entries(session, actor=xc) if entry.kind == "reviews"]
        seen = [entry.record_code for entry in audit.entries(session, actor=qn)]
        assert "SK-2017-01" in seen


def test_a_review_is_checked_as_every_record_is(reviewed: Engine) -> None:
    sc = actor(reviewed, "A")
    with write_session(reviewed) as session, pytest.raises(InvalidInput) as refused:
        records.create(
            session, actor=sc, kind=REVIEWS,
            data={"code": "SK-2017-02", "starts_on": "2017-12-31", "ends_on": "2017-01-01",
                  "host_unit": "A", "partner_units": "A;ZZ",
                  "signers": "a | b | c\nd | e | f\ng | h | i"},
        )  # fmt: skip
    found = {(problem.field, problem.reason) for problem in refused.value.problems}
    assert found == {
        ("ends_on", "err.date_order"),
        ("partner_units", "err.unknown_unit"),
        ("partner_units", "review.partner_is_host"),
        ("signers", "review.too_many_signers"),
    }


@pytest.mark.parametrize(
    ("line", "signed"),
    [
        ("Trưởng Công an | Thượng tá | Nguyễn Văn A", ("Trưởng Công an", "Thượng tá", "")),
        ("Phó Trưởng Công an | Trung tá | Lê B", ("Phó Trưởng Công an", "Trung tá",
                                                  "KT. TRƯỞNG CÔNG AN")),
        ("TM. Đảng ủy | Bí thư | Đại tá | Trần C", ("Bí thư", "Đại tá", "TM. Đảng ủy")),
        ("Trưởng Công an | Phạm D", ("Trưởng Công an", "", "")),
        ("Hồ E", ("Trưởng Công an huyện Khác", "", "")),
    ],
)  # fmt: skip
def test_a_signer_line(line: str, signed: tuple[str, str, str]) -> None:
    from models.report_document import signature_of

    signature = signature_of(line, "Công an huyện Khác")
    assert (signature.post, signature.rank, signature.on_behalf) == signed
    assert signature.name == line.split("|")[-1].strip()
