"""Who may see and change what: each role against each kind of record and action, on each backend.

The world: province P over district A over commune AX; B, A's partner across the border; C, a
unit that shares nothing with A. Each kind has a record A owns (leads, receives, takes part in),
one A only shares (B leads it, A coordinates), one of C's, and for awards one that names no unit.
"""

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, case
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from models import KINDS, Actor, Operator, Tip, access, audit, csvio, records
from models.db import open_database, read_session, write_session
from models.errors import Forbidden, InvalidInput, NotFound
from models.text import fold

from .conftest import BACKENDS, create, fresh_postgres_schema

ROLES = ("admin", "editor", "viewer")
REPORTER = "Lê Văn Báo"


@dataclass
class World:
    engine: Engine
    actors: dict[str, Actor]


def build(engine: Engine) -> dict[str, Actor]:
    def add(kind_name: str, /, **data: Any) -> Any:
        return create(engine, KINDS[kind_name], Actor.local_admin(), **data)

    add("units", code="P", name="Công an tỉnh Phú Yên")
    add("units", code="A", name="Công an thị xã Sông Cầu", parent_code="P")
    add("units", code="AX", name="Công an xã Xuân Hải", parent_code="A")
    add("units", code="B", name="Công an thành phố Qui Nhơn")
    add("units", code="C", name="Công an huyện Tuy An")
    for code, unit in (("LA", "AX"), ("LB", "B"), ("LC", "C")):
        add("localities", code=code, name=f"Xã {code}", unit_code=unit, border_zone="yes")
    add(
        "campaigns",
        code="CD-AB",
        name="Cao điểm chung",
        starts_on="2017-01-10",
        ends_on="2017-02-15",
        units="A;B",
    )
    add(
        "campaigns",
        code="CD-C",
        name="Cao điểm Tuy An",
        starts_on="2017-01-10",
        ends_on="2017-02-15",
        units="C",
    )
    tip = {"kind": "to_giac", "received_on": "2017-03-01", "status": "received"}
    add(
        "tips",
        code="T-A",
        receiving_unit="AX",
        partner_unit="B",
        summary="Tố giác trộm xe",
        reporter_name=REPORTER,
        reporter_contact="0905123456",
        **tip,
    )
    add(
        "tips",
        code="T-B",
        receiving_unit="B",
        partner_unit="A",
        summary="Tố giác cướp giật",
        reporter_name="Phạm Thị Nguồn",
        **tip,
    )
    add(
        "tips",
        code="T-C",
        receiving_unit="C",
        summary="Tố giác lừa đảo",
        reporter_name="Võ Văn Kín",
        **tip,
    )
    case_ = {"article": "173", "occurred_on": "2017-03-05", "status": "investigating"}
    add(
        "cases",
        code="V-A",
        title="Trộm xe",
        locality="LA",
        lead_unit="A",
        coordinating_units="B",
        coordination="joint",
        **case_,
    )
    add(
        "cases",
        code="V-B",
        title="Cướp giật",
        locality="LB",
        lead_unit="B",
        coordinating_units="A",
        coordination="joint",
        **case_,
    )
    add(
        "cases",
        code="V-C",
        title="Lừa đảo",
        locality="LC",
        lead_unit="C",
        coordination="none",
        **case_,
    )
    for side in "ABC":
        add(
            "suspects",
            code=f"S-{side}",
            full_name=f"Nguyễn Văn {side}",
            case_codes=f"V-{side}",
            status="wanted",
        )
    awards: list[tuple[str, str | None, str | None]] = [
        ("A", "A", None),
        ("B", "B", "CD-AB"),  # B's officer, for a campaign A took part in
        ("C", "C", None),
        ("P", None, None),  # a civilian: the decision names no unit
    ]
    for who, their_unit, campaign in awards:
        decision = add(
            "award_decisions",
            code=f"D-{who}",
            decision_no=f"{who}/QĐ",
            decided_on="2017-12-28",
            issuer="UBND",
            form="giay_khen",
        )
        add(
            "award_recipients",
            code=f"R-{who}",
            decision=decision.code,
            recipient_kind="individual" if their_unit != "A" else "collective",
            recipient_name=f"Người được khen {who}",
            recipient_unit=their_unit,
            achievement=f"Thành tích {who}",
            campaign_code=campaign,
        )
    for username, unit, role in (
        ("a.admin", "A", "admin"),
        ("a.editor", "A", "editor"),
        ("a.viewer", "A", "viewer"),
        ("b.editor", "B", "editor"),
        ("p.viewer", "P", "viewer"),
        ("ax.viewer", "AX", "viewer"),
    ):
        add("operators", code=username, unit=unit, role=role)
    with read_session(engine) as session:
        return {
            operator.code: Actor(operator.code, operator.role, operator.unit_id, operator.id)
            for operator in session.exec(select(Operator)).all()
        }


@pytest.fixture(scope="module", params=BACKENDS)
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    if request.param == "sqlite":
        engine = open_database(f"sqlite:///{tmp_path_factory.mktemp('access') / 'world.sqlite'}")
        yield World(engine, build(engine))
        engine.dispose()
        return
    with fresh_postgres_schema() as url:
        engine = open_database(url)
        yield World(engine, build(engine))
        engine.dispose()


# --- the matrix -------------------------------------------------------------------------------

# Per kind: the code of the record each target names, the new record each target would create,
# and a change that alters a record.
TARGETS: dict[str, dict[str, str]] = {
    "tips": {"own": "T-A", "shared": "T-B", "foreign": "T-C"},
    "cases": {"own": "V-A", "shared": "V-B", "foreign": "V-C"},
    "suspects": {"own": "S-A", "shared": "S-B", "foreign": "S-C"},
    "campaigns": {"own": "CD-AB", "foreign": "CD-C"},
    "award_decisions": {"own": "D-A", "shared": "D-B", "foreign": "D-C", "public": "D-P"},
    "award_recipients": {"own": "R-A", "shared": "R-B", "foreign": "R-C", "public": "R-P"},
    "units": {"own": "AX", "shared": "A", "foreign": "B"},
    "localities": {"own": "LA", "foreign": "LB"},
    "operators": {"own": "ax.viewer", "foreign": "b.editor"},
}
_TIP = {"kind": "tin_bao", "received_on": "2017-04-01", "summary": "Tin báo", "status": "received"}
_CASE = {
    "title": "Vụ mới",
    "article": "171",
    "occurred_on": "2017-04-02",
    "status": "investigating",
}
NEW: dict[str, dict[str, dict[str, Any]]] = {
    "tips": {
        "own": {**_TIP, "receiving_unit": "A", "partner_unit": "B"},
        "shared": {**_TIP, "receiving_unit": "B", "partner_unit": "A"},
        "foreign": {**_TIP, "receiving_unit": "C"},
    },
    "cases": {
        "own": {**_CASE, "locality": "LA", "lead_unit": "A", "coordination": "none"},
        "shared": {
            **_CASE,
            "locality": "LB",
            "lead_unit": "B",
            "coordinating_units": "A",
            "coordination": "joint",
        },
        "foreign": {**_CASE, "locality": "LC", "lead_unit": "C", "coordination": "none"},
    },
    "suspects": {
        target: {"full_name": "Trần Văn Mới", "case_codes": code, "status": "wanted"}
        for target, code in (("own", "V-A"), ("shared", "V-B"), ("foreign", "V-C"))
    },
    "campaigns": {
        target: {
            "name": "Cao điểm mới",
            "starts_on": "2017-05-01",
            "ends_on": "2017-05-31",
            "units": units,
        }
        for target, units in (("own", "A;B"), ("foreign", "C"))
    },
    "award_decisions": {
        "public": {
            "decision_no": "99/QĐ",
            "decided_on": "2017-12-30",
            "issuer": "UBND",
            "form": "bang_khen",
        }
    },
    "award_recipients": {
        target: {
            "decision": decision,
            "recipient_kind": "individual",
            "recipient_name": "Lê Thị Mới",
            "recipient_unit": unit,
            "achievement": "Thành tích mới",
        }
        for target, decision, unit in (
            ("own", "D-A", "A"),
            ("shared", "D-B", "B"),
            ("foreign", "D-C", "C"),
            ("public", "D-P", None),
        )
    },
    "units": {
        target: {"name": "Công an mới", "parent_code": parent}
        for target, parent in (("own", "A"), ("shared", "P"), ("foreign", "B"))
    },
    "localities": {
        target: {"name": "Xã mới", "unit_code": unit}
        for target, unit in (("own", "AX"), ("foreign", "B"))
    },
    "operators": {
        target: {"unit": unit, "role": "viewer"}
        for target, unit in (("own", "A"), ("foreign", "B"))
    },
}
CHANGE = {
    "tips": {"summary": "Tin báo (đã sửa)"},
    "cases": {"title": "Vụ (đã sửa)"},
    "suspects": {"address": "Xuân Hải"},
    "campaigns": {"name": "Cao điểm (đã sửa)"},
    "award_decisions": {"signer": "Chủ tịch UBND"},
    "award_recipients": {"position": "Điều tra viên"},
    "units": {"level": "doi"},
    "localities": {"name": "Xã (đã sửa)"},
    "operators": {"full_name": "Đại úy Lê Văn Mới"},
}

# kind, action, target: what admin, editor and viewer of unit A get.
# ok: done; no: Forbidden; nf: NotFound (invisible); bad: InvalidInput (an invisible reference).
MATRIX = """
tips        read   own      ok ok ok
tips        read   shared   ok ok ok
tips        read   foreign  nf nf nf
tips        create own      ok ok no
tips        create shared   ok no no
tips        create foreign  no no no
tips        update own      ok ok no
tips        update shared   ok no no
tips        update foreign  nf nf no
tips        delete own      ok ok no
tips        delete shared   ok no no
tips        delete foreign  nf nf no
cases       read   own      ok ok ok
cases       read   shared   ok ok ok
cases       read   foreign  nf nf nf
cases       create own      ok ok no
cases       create shared   ok no no
cases       create foreign  no no no
cases       update own      ok ok no
cases       update shared   ok no no
cases       update foreign  nf nf no
cases       delete own      ok ok no
cases       delete shared   ok no no
cases       delete foreign  nf nf no
suspects    read   own      ok ok ok
suspects    read   shared   ok ok ok
suspects    read   foreign  nf nf nf
suspects    create own      ok ok no
suspects    create shared   ok no no
suspects    create foreign  bad bad no
suspects    update own      ok ok no
suspects    update shared   ok no no
suspects    update foreign  nf nf no
suspects    delete own      ok ok no
suspects    delete shared   ok no no
suspects    delete foreign  nf nf no
campaigns   read   own      ok ok ok
campaigns   read   foreign  nf nf nf
campaigns   create own      ok ok no
campaigns   create foreign  no no no
campaigns   update own      ok ok no
campaigns   update foreign  nf nf no
campaigns   delete own      ok ok no
campaigns   delete foreign  nf nf no
award_decisions read   own      ok ok ok
award_decisions read   shared   ok ok ok
award_decisions read   foreign  nf nf nf
award_decisions read   public   ok ok ok
award_decisions create public   ok ok no
award_decisions update own      ok ok no
award_decisions update shared   ok no no
award_decisions update foreign  nf nf no
award_decisions update public   ok ok no
award_decisions delete own      ok ok no
award_decisions delete shared   ok no no
award_decisions delete foreign  nf nf no
award_decisions delete public   ok ok no
award_recipients read   own      ok ok ok
award_recipients read   shared   ok ok ok
award_recipients read   foreign  nf nf nf
award_recipients read   public   ok ok ok
award_recipients create own      ok ok no
award_recipients create shared   ok no no
award_recipients create foreign  bad bad no
award_recipients create public   ok ok no
award_recipients update own      ok ok no
award_recipients update shared   ok no no
award_recipients update foreign  nf nf no
award_recipients update public   ok ok no
award_recipients delete own      ok ok no
award_recipients delete shared   ok no no
award_recipients delete foreign  nf nf no
award_recipients delete public   ok ok no
units       read   own      ok ok ok
units       read   shared   ok ok ok
units       read   foreign  ok ok ok
units       create own      ok no no
units       create shared   no no no
units       create foreign  no no no
units       update own      ok no no
units       update shared   no no no
units       update foreign  no no no
units       delete own      ok no no
units       delete shared   no no no
units       delete foreign  no no no
localities  read   own      ok ok ok
localities  read   foreign  ok ok ok
localities  create own      ok no no
localities  create foreign  no no no
localities  update own      ok no no
localities  update foreign  no no no
localities  delete own      ok no no
localities  delete foreign  no no no
operators   read   own      ok nf nf
operators   read   foreign  nf nf nf
operators   create own      ok no no
operators   create foreign  no no no
operators   update own      ok no no
operators   update foreign  nf no no
operators   delete own      ok no no
operators   delete foreign  nf no no
"""
ROWS = [line.split() for line in MATRIX.strip().splitlines()]


class _RollBack(Exception):
    pass


def outcome(engine: Engine, action: Callable[[Session], object]) -> str:
    """Run `action` in a write transaction that is always rolled back; what came of it."""
    try:
        with write_session(engine) as session:
            action(session)
            raise _RollBack
    except _RollBack:
        return "ok"
    except Forbidden:
        return "no"
    except NotFound:
        return "nf"
    except InvalidInput as error:
        # Allowed, but other records still refer to it: access said yes, the data said no.
        return "ok" if {p.reason for p in error.problems} == {"err.in_use"} else "bad"


def act(engine: Engine, actor: Actor, kind_name: str, action: str, target: str) -> str:
    kind = KINDS[kind_name]
    if action == "create":
        code = "new.op" if kind_name == "operators" else "NEW-1"
        data = {"code": code, **NEW[kind_name][target]}
        return outcome(engine, lambda s: records.create(s, actor=actor, kind=kind, data=data))
    key = TARGETS[kind_name][target]
    if action == "read":
        return outcome(engine, lambda s: records.get(s, kind, key, actor=actor))
    with read_session(engine) as session:
        version = records.get(session, kind, key).version
    if action == "update":
        return outcome(
            engine,
            lambda s: records.update(
                s,
                actor=actor,
                kind=kind,
                key=key,
                expected_version=version,
                changes=CHANGE[kind_name],
            ),
        )
    return outcome(
        engine,
        lambda s: records.delete(s, actor=actor, kind=kind, key=key, expected_version=version),
    )


@pytest.mark.parametrize(
    ("kind", "action", "target", *ROLES), ROWS, ids=[" ".join(r[:3]) for r in ROWS]
)
def test_each_role_against_each_kind_and_action(
    world: World, kind: str, action: str, target: str, admin: str, editor: str, viewer: str
) -> None:
    got = {
        role: act(world.engine, world.actors[f"a.{role}"], kind, action, target) for role in ROLES
    }
    assert got == {"admin": admin, "editor": editor, "viewer": viewer}


def test_the_matrix_covers_every_kind_action_and_target() -> None:
    covered = [(kind, action, target) for kind, action, target, *_ in ROWS]
    expected = [
        (kind, action, target)
        for kind, targets in TARGETS.items()
        for action in ("read", "create", "update", "delete")
        for target in (NEW[kind] if action == "create" else targets)
    ]
    assert sorted(covered) == sorted(expected)


def test_the_local_administrator_may_do_everything(world: World) -> None:
    local = Actor.local_admin()
    for kind, targets in TARGETS.items():
        for target in targets:
            for action in ("read", "update", "delete"):
                assert act(world.engine, local, kind, action, target) == "ok", (kind, target)
        for target in NEW[kind]:
            assert act(world.engine, local, kind, "create", target) == "ok", (kind, target)


# --- the rules' finer points --------------------------------------------------------------------


def test_a_province_sees_what_its_districts_and_communes_see(world: World) -> None:
    viewer = world.actors["p.viewer"]
    for kind in ("tips", "cases", "suspects", "award_recipients"):
        assert act(world.engine, viewer, kind, "read", "own") == "ok"
        assert act(world.engine, viewer, kind, "read", "shared") == "ok"
        assert act(world.engine, viewer, kind, "read", "foreign") == "nf"
    # T-A was received by commune AX, under A: A's editor may change it.
    assert TARGETS["tips"]["own"] == "T-A"
    assert act(world.engine, world.actors["a.editor"], "tips", "update", "own") == "ok"
    assert act(world.engine, world.actors["b.editor"], "tips", "update", "own") == "no"


def test_sql_and_python_agree_on_what_each_operator_sees(world: World) -> None:
    with read_session(world.engine) as session:
        for actor in [*world.actors.values(), Actor.local_admin()]:
            for name, kind in KINDS.items():
                rows = session.exec(select(kind.table)).all()
                by_python = {r.code for r in rows if access.can(actor, "read", kind, r)}
                visible = select(col(kind.table.code)).where(access.visible(actor, name))
                assert set(session.exec(visible).all()) == by_python, (actor.username, name)
                if actor.unit_id is None:
                    assert by_python == {r.code for r in rows}


def test_an_editor_cannot_hand_a_record_to_another_unit(world: World) -> None:
    editor = world.actors["a.editor"]
    with read_session(world.engine) as session:
        version = records.get(session, KINDS["cases"], "V-A").version
    moved = outcome(
        world.engine,
        lambda s: records.update(
            s,
            actor=editor,
            kind=KINDS["cases"],
            key="V-A",
            expected_version=version,
            changes={"lead_unit": "B", "coordinating_units": "A"},
        ),
    )
    assert moved == "no"


def test_an_invisible_record_is_an_unknown_code_when_referred_to(world: World) -> None:
    editor = world.actors["a.editor"]
    data = {**NEW["cases"]["own"], "code": "NEW-1", "tip_code": "T-C", "campaign_code": "CD-C"}
    with pytest.raises(InvalidInput) as raised, write_session(world.engine) as session:
        records.create(session, actor=editor, kind=KINDS["cases"], data=data)
    assert raised.value.by_field() == {
        "tip_code": "không có nguồn tin mã này",
        "campaign_code": "không có đợt cao điểm mã này",
    }


def test_an_operator_reads_their_own_operator_record(world: World) -> None:
    viewer = world.actors["a.viewer"]
    with read_session(world.engine) as session:
        assert records.get(session, KINDS["operators"], "a.viewer", actor=viewer).role == "viewer"
        listed = session.exec(select(Operator.code).where(access.visible(viewer, "operators")))
        assert listed.all() == ["a.viewer"]


def test_forbidden_says_who_may_not_do_what_in_both_languages(world: World) -> None:
    from models.i18n import set_language

    with pytest.raises(Forbidden) as raised, write_session(world.engine) as session:
        records.delete(
            session,
            actor=world.actors["a.viewer"],
            kind=KINDS["cases"],
            key="V-A",
            expected_version=1,
        )
    assert raised.value.message() == "a.viewer không có quyền xóa vụ việc."
    set_language("en")
    assert raised.value.message() == "a.viewer may not delete case."


# --- the reporter -------------------------------------------------------------------------------


def test_the_reporter_is_absent_from_another_units_export(world: World) -> None:
    import io
    import json

    def export(actor: Actor, output: str) -> Any:
        out = io.StringIO()
        with read_session(world.engine) as session:
            rows = csvio.export_records(session, "tips", actor)
            if output == "csv":
                csvio.write_csv(rows, "tips", out)
                return out.getvalue()
            csvio.write_json(rows, out)
            return {tip["code"]: tip for tip in json.loads(out.getvalue())}

    partner = export(world.actors["b.editor"], "json")
    assert set(partner) == {"T-A", "T-B"}
    assert "reporter_name" not in partner["T-A"] and "reporter_contact" not in partner["T-A"]
    assert partner["T-B"]["reporter_name"] == "Phạm Thị Nguồn"
    csv_text = export(world.actors["b.editor"], "csv")
    assert REPORTER not in csv_text and "0905123456" not in csv_text
    assert "Phạm Thị Nguồn" in csv_text
    receiver = export(world.actors["a.viewer"], "json")
    assert receiver["T-A"]["reporter_contact"] == "0905123456"
    assert "reporter_name" not in receiver["T-B"]
    assert export(world.actors["p.viewer"], "json")["T-A"]["reporter_name"] == REPORTER


def test_the_reporter_is_absent_from_the_change_log_as_another_unit_sees_it(world: World) -> None:
    import json

    editor = world.actors["a.editor"]
    tip = {**NEW["tips"]["own"], "code": "T-LOG", "received_on": "2016-05-02"}
    tip |= {"summary": "Tố giác mất xe đạp", "reporter_name": REPORTER}
    with write_session(world.engine) as session:
        records.create(session, actor=editor, kind=KINDS["tips"], data=tip)
    with write_session(world.engine) as session:
        records.update(
            session,
            actor=editor,
            kind=KINDS["tips"],
            key="T-LOG",
            expected_version=1,
            changes={"reporter_contact": "0914000111"},
        )

    def seen(actor: Actor) -> list[Any]:
        with read_session(world.engine) as session:
            return [
                (e.action, e.before, e.after)
                for e in audit.entries(session, actor=actor, record_code="T-LOG")
            ]

    partner = seen(world.actors["b.editor"])
    assert [action for action, *_ in partner] == ["create", "update"]
    assert REPORTER not in json.dumps(partner, ensure_ascii=False)
    assert "0914000111" not in json.dumps(partner)
    for _, before, after in partner:
        for snapshot in filter(None, (before, after)):
            assert snapshot["summary"] and not set(snapshot) & records.PROTECTED_FIELDS
    receiver = json.dumps(seen(editor), ensure_ascii=False)
    assert REPORTER in receiver and "0914000111" in receiver
    # The stored entry is whole: redaction happens on the way out, never in the table.
    with read_session(world.engine) as session:
        stored = session.exec(
            select(audit.ChangeLogEntry).where(audit.ChangeLogEntry.record_code == "T-LOG")
        ).all()
        assert [(e.after or {}).get("reporter_name") for e in stored] == [REPORTER, REPORTER]
        # And who does not share the tip at all does not see its history.
        assert list(audit.entries(session, actor=_outsider(session), record_code="T-LOG")) == []


def _outsider(session: Session) -> Actor:
    unit = records.get(session, KINDS["units"], "C")
    return Actor("c.viewer", "viewer", unit.id, uuid.uuid4())


def test_the_reporter_is_not_in_search_or_listings_of_another_unit(world: World) -> None:
    partner = world.actors["b.editor"]
    with read_session(world.engine) as session:

        def search(actor: Actor, words: str) -> list[str]:
            found = select(Tip.code).where(
                access.visible(actor, "tips"), col(Tip.search_key).contains(fold(words))
            )
            return list(session.exec(found.order_by(Tip.code)).all())

        assert search(partner, "trom xe") == ["T-A"]  # the summary, and the receiving unit:
        assert search(partner, "xuan hai") == ["T-A"]
        assert search(partner, REPORTER) == [] and search(partner, "0905123456") == []
        assert search(partner, "lua dao") == []  # C's tip: not even its summary
        listing = session.execute(
            sa_select(col(Tip.code), case((access.sees_reporter(partner), Tip.reporter_name)))
            .where(access.visible(partner, "tips"), col(Tip.code).in_(("T-A", "T-B", "T-C")))
            .order_by(col(Tip.code))
        ).all()
        assert [tuple(row) for row in listing] == [("T-A", None), ("T-B", "Phạm Thị Nguồn")]
        tip = records.get(session, KINDS["tips"], "T-A", actor=partner)
        shown = access.snapshot(partner, KINDS["tips"], tip)
        assert shown["summary"] == "Tố giác trộm xe" and "reporter_name" not in shown
        mine = access.snapshot(world.actors["a.viewer"], KINDS["tips"], tip)
        assert mine["reporter_name"] == REPORTER


def test_the_review_counts_only_what_the_operator_may_read(world: World) -> None:
    from datetime import date

    from models import report

    period = (date(2017, 1, 1), date(2017, 12, 31))
    with read_session(world.engine) as session:
        everything = report.compute(session, *period)
        a_side = report.compute(session, *period, world.actors["a.viewer"])
        b_side = report.compute(session, *period, world.actors["b.editor"])
    assert (everything.tips_received, everything.cases_occurred) == (3, 3)
    assert (a_side.tips_received, a_side.cases_occurred, a_side.campaigns_held) == (2, 2, 1)
    assert sorted(a_side.unit_names) == ["Công an thành phố Qui Nhơn", "Công an thị xã Sông Cầu"]
    assert (a_side.awards_collective, a_side.awards_individual) == (1, 2)  # D-A, D-B, D-P
    assert everything.awards_individual == 3 and b_side.awards_collective == 0


def test_a_deleted_records_history_stays_with_the_units_it_was_shared_with(
    world: World, tmp_path: Path
) -> None:
    local = Actor.local_admin()
    with write_session(world.engine) as session:
        created = records.create(
            session,
            actor=local,
            kind=KINDS["tips"],
            data={**NEW["tips"]["shared"], "code": "T-GONE", "reporter_name": "Ẩn Danh"},
        )
        records.delete(session, actor=local, kind=KINDS["tips"], key=created.id, expected_version=1)
    with read_session(world.engine) as session:
        rows = list(audit.export_rows(session, actor=world.actors["a.admin"], record_code="T-GONE"))
        assert [row["action"] for row in rows] == ["create", "delete"]
        assert rows[0]["after"]["partner_unit"] == "A" and "reporter_name" not in rows[0]["after"]
        whole = list(audit.export_rows(session, record_code="T-GONE"))
        assert whole[1]["before"]["reporter_name"] == "Ẩn Danh"
        with pytest.raises(Forbidden):
            list(audit.export_rows(session, actor=world.actors["a.editor"]))
        assert list(audit.entries(session, actor=_outsider(session), record_code="T-GONE")) == []


def test_another_units_edit_never_erases_the_reporter(world: World) -> None:
    """The partner's admin edits a shared tip; the reporter they cannot see stays as stored."""
    local = Actor.local_admin()
    tip = {**_TIP, "code": "T-KEEP", "receiving_unit": "B", "partner_unit": "A"}
    tip |= {"reporter_name": "Zorblax Informant", "reporter_contact": "zorb-0999111222"}
    with write_session(world.engine) as session:
        records.create(session, actor=local, kind=KINDS["tips"], data=tip)
    partner = world.actors["a.admin"]
    with read_session(world.engine) as session:
        seen = access.snapshot(
            partner, KINDS["tips"], records.get(session, KINDS["tips"], "T-KEEP")
        )
    assert "reporter_name" not in seen
    # What a form sends: every field, the hidden ones empty.
    changes = {
        **seen,
        "summary": "Tin báo (đã xác minh)",
        "reporter_name": "",
        "reporter_contact": None,
    }
    with write_session(world.engine) as session:
        records.update(
            session,
            actor=partner,
            kind=KINDS["tips"],
            key="T-KEEP",
            expected_version=1,
            changes=changes,
        )
    with pytest.raises(InvalidInput) as refused, write_session(world.engine) as session:
        records.update(
            session,
            actor=partner,
            kind=KINDS["tips"],
            key="T-KEEP",
            expected_version=2,
            changes={"reporter_name": "Someone Else"},
        )
    assert refused.value.by_field() == {
        "reporter_name": "chỉ đơn vị tiếp nhận được xem và sửa trường này"
    }
    with read_session(world.engine) as session:
        stored = records.get(session, KINDS["tips"], "T-KEEP")
        assert (stored.summary, stored.reporter_name, stored.reporter_contact) == (
            "Tin báo (đã xác minh)",
            "Zorblax Informant",
            "zorb-0999111222",
        )
        last = list(audit.entries(session, record_code="T-KEEP"))[-1]
        assert last.before and last.after
        assert last.after["reporter_name"] == last.before["reporter_name"] == "Zorblax Informant"


def test_the_change_log_shows_a_decision_only_to_the_units_it_concerns(world: World) -> None:
    """A decision is logged before its first recipient names a unit; that entry follows the
    decision as it is now: C's decision stays out of A's log, a civilian's is everyone's."""

    def codes(actor: Actor) -> set[str]:
        with read_session(world.engine) as session:
            return {
                entry.record_code
                for entry in audit.entries(session, actor=actor)
                if entry.kind in ("award_decisions", "award_recipients")
            }

    seen_by_a = {"D-A", "R-A", "D-B", "R-B", "D-P", "R-P"}
    assert codes(world.actors["a.admin"]) == seen_by_a
    assert codes(world.actors["a.viewer"]) == seen_by_a
    assert codes(world.actors["b.editor"]) == {"D-B", "R-B", "D-P", "R-P"}
    assert "D-C" in codes(Actor.local_admin())
    # A civilian's decision, then gone: its history is no unit's any more.
    local = Actor.local_admin()
    decision = {"decision_no": "X/QĐ", "decided_on": "2017-12-28", "issuer": "UBND"}
    with write_session(world.engine) as session:
        records.create(
            session,
            actor=local,
            kind=KINDS["award_decisions"],
            data={**decision, "code": "D-X", "form": "giay_khen"},
        )
        records.create(
            session,
            actor=local,
            kind=KINDS["award_recipients"],
            data={
                "code": "R-X",
                "decision": "D-X",
                "recipient_kind": "individual",
                "recipient_name": "Người dân X",
                "achievement": "Tố giác tội phạm",
            },
        )
    assert codes(world.actors["a.admin"]) == seen_by_a | {"D-X", "R-X"}
    with write_session(world.engine) as session:
        for kind, code in (("award_recipients", "R-X"), ("award_decisions", "D-X")):
            records.delete(session, actor=local, kind=KINDS[kind], key=code, expected_version=1)
    assert codes(world.actors["a.admin"]) == seen_by_a
    assert {"D-X", "R-X"} <= codes(local)


def test_sql_follows_a_change_that_shares_other_records_too(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Who sees a decision follows its recipients and the campaigns they are rewarded for;
    who sees a suspect follows its cases. Each such change moves what SQL shows exactly as
    Python's rule moves (models.shares is written with the record that changed)."""
    engine = open_database(f"sqlite:///{tmp_path_factory.mktemp('follow') / 'world.sqlite'}")
    actors = build(engine)
    local = Actor.local_admin()

    def change(kind: str, code: str, **changes: Any) -> None:
        with write_session(engine) as session:
            current = records.get(session, KINDS[kind], code)
            records.update(
                session,
                actor=local,
                kind=KINDS[kind],
                key=code,
                expected_version=current.version,
                changes=changes,
            )

    def agree() -> dict[str, set[str]]:
        seen: dict[str, set[str]] = {}
        with read_session(engine) as session:
            for name in ("suspects", "award_decisions", "award_recipients"):
                kind = KINDS[name]
                rows = session.exec(select(kind.table)).all()
                actor = actors["a.viewer"]
                by_python = {r.code for r in rows if access.can(actor, "read", kind, r)}
                visible = select(col(kind.table.code)).where(access.visible(actor, name))
                assert set(session.exec(visible).all()) == by_python, name
                seen[name] = by_python
        return seen

    assert "D-B" in agree()["award_decisions"]  # B's officer, rewarded for A's campaign
    change("campaigns", "CD-AB", units="B")  # A leaves the campaign
    assert {"D-B", "R-B"}.isdisjoint(agree()["award_decisions"] | agree()["award_recipients"])
    change("campaigns", "CD-AB", units="A;B")
    assert "R-B" in agree()["award_recipients"]
    change("cases", "V-C", coordinating_units="A", coordination="joint")  # C's case, now shared
    assert "S-C" in agree()["suspects"]
    with write_session(engine) as session:
        records.create(
            session,
            actor=local,
            kind=KINDS["award_recipients"],
            data={
                "code": "R-C2",
                "decision": "D-C",
                "recipient_kind": "individual",
                "recipient_name": "Cán bộ A",
                "recipient_unit": "A",
                "achievement": "Phối hợp tốt",
            },
        )
    assert {"D-C", "R-C", "R-C2"} <= agree()["award_decisions"] | agree()["award_recipients"]
    with write_session(engine) as session:
        records.delete(
            session, actor=local, kind=KINDS["award_recipients"], key="R-C2", expected_version=1
        )
    assert "D-C" not in agree()["award_decisions"]
    engine.dispose()
