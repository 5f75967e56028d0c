"""The one write path: validation, the change log, versions and deletes, on each backend."""

from pathlib import Path

import pytest
from sqlalchemy import Engine, func
from sqlmodel import select

from models import CASES, LOCALITIES, SUSPECTS, TIPS, UNITS, Actor, ChangeLogEntry, Unit, records
from models.awards import AWARD_DECISIONS, AWARD_RECIPIENTS
from models.campaigns import CAMPAIGNS
from models.db import open_database, read_session, write_session
from models.errors import Conflict, InvalidInput, NotFound
from models.i18n import set_language
from models.operators import OPERATORS, fingerprint

from .apphelp import demo_copy
from .conftest import create

CASE = {
    "code": "V1",
    "title": "Trộm cắp xe máy tại đèo Cù Mông",
    "article": "173",
    "clause": "1",
    "occurred_on": "05/03/2017",
    "locality": "LA",
    "lead_unit": "A",
    "coordinating_units": "B",
    "coordination": "joint",
    "status": "investigating",
}
ED25519 = (
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGNzF5EgX3dG19SJBISuWNPFu1y7Qh/dcF4AV3G57Vy6 hung@laptop"
)


def log_entries(engine: Engine) -> list[ChangeLogEntry]:
    with read_session(engine) as session:
        return list(session.exec(select(ChangeLogEntry).order_by(ChangeLogEntry.id)))  # type: ignore[arg-type]


def test_every_write_appends_who_what_before_and_after(two_units: Engine) -> None:
    engine = two_units
    clerk = Actor("sc.hung", "editor")
    case = create(engine, CASES, clerk, **CASE)
    with write_session(engine) as session:
        records.update(
            session,
            actor=clerk,
            kind=CASES,
            key="V1",
            expected_version=1,
            changes={"status": "cleared", "cleared_on": "2017-03-20"},
        )
    with write_session(engine) as session:
        records.delete(session, actor=clerk, kind=CASES, key=case.id, expected_version=2)
    entries = [e for e in log_entries(engine) if e.kind == "cases"]
    assert [(e.action, e.actor, e.record_code) for e in entries] == [
        ("create", "sc.hung", "V1"),
        ("update", "sc.hung", "V1"),
        ("delete", "sc.hung", "V1"),
    ]
    created, updated, deleted = entries
    assert created.before is None and created.after is not None
    assert created.after["coordinating_units"] == ["B"]
    assert updated.before is not None and updated.after is not None
    assert (updated.before["status"], updated.after["status"]) == ("investigating", "cleared")
    assert updated.after["cleared_on"] == "2017-03-20"
    assert deleted.after is None and deleted.before == updated.after
    assert created.at <= updated.at <= deleted.at
    assert len({e.record_id for e in entries}) == 1


def test_bad_input_lists_every_problem_in_the_operators_language(two_units: Engine) -> None:
    bad = {
        **CASE,
        "title": "  ",
        "article": "17x3",
        "occurred_on": "31/02/2017",
        "locality": "NOWHERE",
        "status": "done",
    }
    with pytest.raises(InvalidInput) as raised, write_session(two_units) as session:
        records.create(session, actor=Actor.local_admin(), kind=CASES, data=bad)
    messages = raised.value.by_field()
    assert set(messages) == {"title", "article", "occurred_on", "status"}
    assert messages["occurred_on"] == "không phải ngày hợp lệ (dd/mm/yyyy)"
    assert "investigating, cleared, suspended, closed" in messages["status"]
    set_language("en")
    assert raised.value.by_field()["title"] == "is required"


def test_cross_field_rules_hold_for_new_records_and_edits(two_units: Engine) -> None:
    engine = two_units
    with pytest.raises(InvalidInput) as raised, write_session(engine) as session:
        records.create(
            session,
            actor=Actor.local_admin(),
            kind=CASES,
            data={**CASE, "status": "cleared", "locality": "NOWHERE"},
        )
    assert raised.value.by_field() == {
        "cleared_on": "vụ việc đã làm rõ phải có ngày làm rõ",
        "locality": "không có xã/phường mã này",
    }
    create(engine, CASES, **CASE)
    with pytest.raises(InvalidInput) as raised, write_session(engine) as session:
        records.update(
            session,
            actor=Actor.local_admin(),
            kind=CASES,
            key="V1",
            expected_version=1,
            changes={"status": "cleared"},
        )
    assert list(raised.value.by_field()) == ["cleared_on"]
    with pytest.raises(InvalidInput), write_session(engine) as session:
        records.update(
            session,
            actor=Actor.local_admin(),
            kind=CASES,
            key="V1",
            expected_version=1,
            changes={"cleared_on": "2017-01-01", "status": "cleared"},
        )  # before it occurred
    with read_session(engine) as session:
        case = records.get(session, CASES, "V1")
        assert (case.status, case.cleared_on, case.version) == ("investigating", None, 1)


def test_a_failed_action_writes_nothing_at_all(two_units: Engine) -> None:
    before = len(log_entries(two_units))
    with pytest.raises(InvalidInput), write_session(two_units) as session:
        records.create(session, actor=Actor.local_admin(), kind=CASES, data=CASE)
        records.create(
            session,
            actor=Actor.local_admin(),
            kind=CASES,
            data={**CASE, "code": "V2", "lead_unit": "NOPE"},
        )
    with read_session(two_units) as session:
        assert session.scalar(select(func.count()).select_from(CASES.table)) == 0
    assert len(log_entries(two_units)) == before


def test_a_stale_version_is_a_conflict_and_changes_nothing(two_units: Engine) -> None:
    create(two_units, CASES, **CASE)
    with write_session(two_units) as session:
        records.update(
            session,
            actor=Actor("a", "editor"),
            kind=CASES,
            key="V1",
            expected_version=1,
            changes={"title": "Trộm cắp xe máy (đã sửa)"},
        )
    with pytest.raises(Conflict) as raised, write_session(two_units) as session:
        records.update(
            session,
            actor=Actor("b", "editor"),
            kind=CASES,
            key="V1",
            expected_version=1,
            changes={"article": "171"},
        )
    assert "phiên bản 2" in raised.value.message()
    with pytest.raises(Conflict), write_session(two_units) as session:
        records.delete(
            session, actor=Actor("b", "editor"), kind=CASES, key="V1", expected_version=1
        )
    with read_session(two_units) as session:
        case = records.get(session, CASES, "V1")
        assert (case.title, case.article, case.version) == ("Trộm cắp xe máy (đã sửa)", "173", 2)


def test_an_edit_that_changes_nothing_does_not_bump_the_version(two_units: Engine) -> None:
    create(two_units, CASES, **CASE)
    with write_session(two_units) as session:
        case = records.update(
            session,
            actor=Actor.local_admin(),
            kind=CASES,
            key="V1",
            expected_version=1,
            changes={"title": CASE["title"]},
        )
        assert case.version == 1


def test_a_record_others_depend_on_cannot_be_deleted(two_units: Engine) -> None:
    create(two_units, CASES, **CASE)
    create(
        two_units, SUSPECTS, code="S1", full_name="Nguyễn Văn Tý", case_codes="V1", status="wanted"
    )
    with pytest.raises(InvalidInput) as raised, write_session(two_units) as session:
        records.delete(session, actor=Actor.local_admin(), kind=UNITS, key="B", expected_version=1)
    assert "còn" in raised.value.by_field()["code"]
    with pytest.raises(InvalidInput), write_session(two_units) as session:
        records.delete(session, actor=Actor.local_admin(), kind=CASES, key="V1", expected_version=1)
    # The suspect goes first, then the case can go, and its coordination links with it.
    with write_session(two_units) as session:
        records.delete(
            session, actor=Actor.local_admin(), kind=SUSPECTS, key="S1", expected_version=1
        )
        records.delete(session, actor=Actor.local_admin(), kind=CASES, key="V1", expected_version=1)
    with pytest.raises(NotFound), read_session(two_units) as session:
        records.get(session, CASES, "V1")


def test_codes_are_unique_and_text_is_stored_nfc(two_units: Engine) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Trộm cắp tại Xuân Hải")
    case = create(two_units, CASES, **{**CASE, "title": f"  {decomposed}  "})
    assert case.title == unicodedata.normalize("NFC", "Trộm cắp tại Xuân Hải")
    with pytest.raises(InvalidInput) as raised, write_session(two_units) as session:
        records.create(session, actor=Actor.local_admin(), kind=CASES, data=CASE)
    assert raised.value.by_field() == {"code": "mã đã tồn tại"}


def test_new_codes_follow_the_kinds_pattern_and_sort_with_it(two_units: Engine) -> None:
    from datetime import date

    campaign = {"starts_on": "2017-03-01", "ends_on": "2017-03-30", "units": "A"}
    for number in ("05", "06"):
        create(two_units, CAMPAIGNS, code=f"CD-2017-{number}", name=f"Đợt {number}", **campaign)
    for code in ("V-9", "VV-2017-001", "VV-2017-002"):
        create(two_units, CASES, **{**CASE, "code": code})
    with read_session(two_units) as session:
        codes = {
            "campaign 2017": CAMPAIGNS.new_code(session, date(2017, 5, 1)),
            "campaign 2018": CAMPAIGNS.new_code(session, date(2018, 1, 3)),  # as wide as 2017's
            "case 2017": CASES.new_code(session, date(2017, 5, 1)),
            "case 2018": CASES.new_code(session, date(2018, 1, 3)),
            "suspect": SUSPECTS.new_code(session, date(2017, 5, 1)),  # none yet: with the year
        }
    assert codes == {
        "campaign 2017": "CD-2017-07",
        "campaign 2018": "CD-2018-01",
        "case 2017": "VV-2017-003",
        "case 2018": "VV-2018-001",
        "suspect": "DT-2017-001",
    }
    assert sorted(["CD-2017-05", "CD-2017-06", str(codes["campaign 2017"])])[-1] == "CD-2017-07"


def test_a_kind_coded_without_a_year_goes_on_without_one(tmp_path: Path) -> None:
    from datetime import date

    from models.demo import AS_OF_DAY

    engine = open_database(demo_copy(tmp_path))
    with read_session(engine) as session:
        assert SUSPECTS.new_code(session, AS_OF_DAY) == "DT-018"  # the demo's: DT-001…DT-017
        assert TIPS.new_code(session, AS_OF_DAY) == "NT-2018-014"
        assert CAMPAIGNS.new_code(session, date(2017, 12, 1)) == "CD-2017-07"
    engine.dispose()


def test_control_characters_never_reach_the_database(two_units: Engine) -> None:
    with pytest.raises(InvalidInput) as raised, write_session(two_units) as session:
        records.create(
            session,
            actor=Actor.local_admin(),
            kind=CASES,
            data={**CASE, "title": "Trộm\x1b[2J cắp"},
        )
    assert raised.value.by_field() == {"title": "chứa ký tự điều khiển"}


def test_units_cannot_form_a_parent_cycle(engine: Engine) -> None:
    create(engine, UNITS, code="P", name="Tỉnh")
    create(engine, UNITS, code="C", name="Huyện", parent_code="P")
    with pytest.raises(InvalidInput) as raised, write_session(engine) as session:
        records.update(
            session,
            actor=Actor.local_admin(),
            kind=UNITS,
            key="P",
            expected_version=1,
            changes={"parent_code": "C"},
        )
    assert raised.value.problems[0].reason == "err.parent_cycle"


def test_tip_deadline_follows_the_extension(two_units: Engine) -> None:
    tip = create(
        two_units,
        TIPS,
        code="T1",
        kind="to_giac",
        received_on="2017-11-02",
        receiving_unit="A",
        partner_unit="B",
        summary="Tố giác trộm cắp",
        status="verifying",
        reporter_name="Lê Văn Báo",
    )
    assert tip.deadline_on.isoformat() == "2017-11-22"
    with write_session(two_units) as session:
        tip = records.update(
            session,
            actor=Actor.local_admin(),
            kind=TIPS,
            key="T1",
            expected_version=1,
            changes={"extended_to": "2018-01-31"},
        )
        assert tip.deadline_on.isoformat() == "2018-01-31"
    for bad in ("2017-11-20", "2018-03-05"):  # not later than 20 days / beyond 4 months
        with pytest.raises(InvalidInput), write_session(two_units) as session:
            records.update(
                session,
                actor=Actor.local_admin(),
                kind=TIPS,
                key="T1",
                expected_version=2,
                changes={"extended_to": bad},
            )


def test_the_reporter_is_not_searchable(two_units: Engine) -> None:
    tip = create(
        two_units,
        TIPS,
        code="T1",
        kind="to_giac",
        received_on="2017-11-02",
        receiving_unit="A",
        summary="Tố giác trộm cắp",
        status="received",
        reporter_name="Lê Văn Báo",
        reporter_contact="0905123456",
    )
    assert "bao" not in tip.search_key.split() and "0905123456" not in tip.search_key
    assert "xuan hai" not in tip.search_key  # no locality given
    assert "trom cap" in tip.search_key and "song cau" in tip.search_key


def test_one_achievement_is_rewarded_once(two_units: Engine) -> None:
    first = create(
        two_units,
        AWARD_DECISIONS,
        decision_no="12/QĐ-UBND",
        decided_on="2017-12-28",
        issuer="UBND thị xã Sông Cầu",
        form="giay_khen",
    )
    second = create(
        two_units,
        AWARD_DECISIONS,
        decision_no="13/QĐ-UBND",
        decided_on="2017-12-29",
        issuer="UBND thị xã Sông Cầu",
        form="giay_khen",
    )
    assert (first.code, second.code) == ("KT-2017-001", "KT-2017-002")
    recipient = {
        "recipient_kind": "individual",
        "recipient_name": "Nguyễn Văn Hùng",
        "achievement": "Bắt đối tượng cướp giật tại đèo Cù Mông",
    }
    created = create(two_units, AWARD_RECIPIENTS, decision=first.code, **recipient)
    assert created.code == "KT-2017-001-001"
    with pytest.raises(InvalidInput) as raised, write_session(two_units) as session:
        records.create(
            session,
            actor=Actor.local_admin(),
            kind=AWARD_RECIPIENTS,
            data={**recipient, "decision": second.code, "recipient_name": "NGUYỄN VĂN HÙNG"},
        )
    assert raised.value.problems[0].reason == "err.award_twice"


def test_operators_keep_their_keys_with_fingerprints(two_units: Engine) -> None:
    operator = create(two_units, OPERATORS, code="sc.hung", unit="A", role="editor", keys=[ED25519])
    assert operator.keys[0].fingerprint == fingerprint(ED25519)
    assert (
        fingerprint(ED25519) == "SHA256:SSpKa7c7rESb3hcGW1vplGkDTJbYxP2KXUzxkw7cKoE"
    )  # ssh-keygen -lf
    with pytest.raises(InvalidInput) as raised, write_session(two_units) as session:
        records.create(
            session,
            actor=Actor.local_admin(),
            kind=OPERATORS,
            data={
                "code": "Bad Name",
                "unit": "A",
                "role": "boss",
                "keys": ["ssh-ed25519 not-base64"],
            },
        )
    assert set(raised.value.by_field()) == {"code", "role", "keys"}


def test_search_key_includes_names_of_linked_records(two_units: Engine) -> None:
    case = create(two_units, CASES, **{**CASE, "campaign_code": "CD1"})
    for words in ("xuan hai", "quy nhon", "cao diem tet", "deo cu mong"):
        assert words in case.search_key


def test_locality_lookup_by_code_and_listing(two_units: Engine) -> None:
    with read_session(two_units) as session:
        units = session.exec(select(Unit).order_by(Unit.code)).all()
        assert [u.code for u in units] == ["A", "B"]
        assert records.get(session, LOCALITIES, "LB").unit.code == "B"


def test_an_edit_may_blank_optional_fields_and_names_unknown_ones(two_units: Engine) -> None:
    create(
        two_units,
        TIPS,
        code="T1",
        kind="to_giac",
        received_on="2017-11-02",
        receiving_unit="A",
        summary="Tố giác",
        status="received",
        reporter_name="Lê Văn Báo",
    )
    with write_session(two_units) as session:
        tip = records.update(
            session,
            actor=Actor.local_admin(),
            kind=TIPS,
            key="T1",
            expected_version=1,
            changes={"reporter_name": "", "extended_to": "", "case_code": " "},
        )
        assert (tip.reporter_name, tip.extended_to, tip.case_code) == (None, None, None)
    with pytest.raises(InvalidInput) as raised, write_session(two_units) as session:
        records.update(
            session,
            actor=Actor.local_admin(),
            kind=TIPS,
            key="T1",
            expected_version=2,
            changes={"colour": "red"},
        )
    assert raised.value.problems[0].field == "colour"
