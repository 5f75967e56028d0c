"""The workflow links itself: a case opened from its tip in one transaction, references chosen
in a picker that completes on codes and names without tone marks, the saved record highlighted in
its list, "save and new", and a question before a tip is marked "case opened" without a case."""

import uuid
from pathlib import Path

import pytest
from sqlalchemy import Engine, func
from sqlmodel import col, select
from textual.widgets import Input, Select, TextArea

from models import Actor, Case, ChangeLogEntry, Tip, records
from models.cases import CASES
from models.choices import choices
from models.db import open_database, read_session, write_session
from models.errors import Conflict
from models.listing import Filters, listing
from models.paging import page, position
from models.suspects import SUSPECTS
from models.tips import TIPS
from models.units import UNITS
from models.workflow import case_from_tip, open_case
from tui.screens.confirm import ConfirmScreen
from tui.screens.detail import DetailScreen
from tui.screens.form import FormScreen
from tui.widgets.picker import Picker, PickerOptions
from tui.widgets.record_table import RecordTable

from .apphelp import app_on, demo_copy, settle, wait_for
from .conftest import DAY, create
from .test_app import problems

ADMIN = Actor("tester", "admin")


@pytest.fixture
def database(tmp_path: Path) -> str:
    return demo_copy(tmp_path)


def _tip(engine: Engine, code: str, **more: object) -> Tip:
    data = {
        "code": code,
        "kind": "to_giac",
        "received_on": "2017-03-01",
        "receiving_unit": "A",
        "partner_unit": "B",
        "locality": "LA",
        "summary": "Tố giác trộm bò ở thôn Phú Dương, xã Xuân Hải",
        "status": "verifying",
    }
    return create(engine, TIPS, **(data | more))


def _case(code: str, **more: object) -> dict[str, object]:
    data = {
        "code": code,
        "title": "Trộm bò",
        "article": "173",
        "occurred_on": "2017-03-02",
        "locality": "LA",
        "lead_unit": "A",
        "coordination": "none",
        "status": "investigating",
    }
    return data | more


# --- the models: one transaction, choices, positions ------------------------------------------


def test_a_case_opened_from_a_tip_marks_the_tip_in_the_same_transaction(two_units: Engine) -> None:
    tip = _tip(two_units, "T1")
    with read_session(two_units) as session:
        prefill = case_from_tip(records.get(session, TIPS, tip.id), DAY("2017-03-05"))
    assert prefill["title"].startswith("Tố giác trộm bò") and prefill["tip_code"] == "T1"
    assert (prefill["lead_unit"], prefill["locality"]) == ("A", "LA")
    assert prefill["coordinating_units"] == ["B"] and prefill["coordination"] == "joint"
    with write_session(two_units) as session:
        data = _case("V1", coordination="joint", coordinating_units=["B"])
        open_case(
            session,
            actor=ADMIN,
            data=data,
            tip_id=tip.id,
            tip_version=tip.version,
            day=DAY("2017-03-05"),
        )
    with read_session(two_units) as session:
        saved = session.exec(select(Tip).where(Tip.code == "T1")).one()
        case = session.exec(select(Case).where(Case.code == "V1")).one()
        assert (saved.status, saved.case_code, saved.resolved_on) == (
            "case_opened",
            "V1",
            DAY("2017-03-05"),
        )
        assert case.tip is not None and case.tip.code == "T1"
        logged = session.exec(
            select(ChangeLogEntry.kind, ChangeLogEntry.action).where(
                col(ChangeLogEntry.record_code).in_(["T1", "V1"])
            )
        ).all()
        assert sorted(logged) == [("cases", "create"), ("tips", "create"), ("tips", "update")]


def test_a_tip_changed_meanwhile_leaves_neither_the_case_nor_the_tip(two_units: Engine) -> None:
    tip = _tip(two_units, "T1")
    with write_session(two_units) as session:  # another operator edits the tip first
        records.update(
            session,
            actor=ADMIN,
            kind=TIPS,
            key=tip.id,
            expected_version=tip.version,
            changes={"summary": "Tố giác trộm bò (bổ sung)"},
        )
    with pytest.raises(Conflict), write_session(two_units) as session:
        open_case(
            session,
            actor=ADMIN,
            data=_case("V1"),
            tip_id=tip.id,
            tip_version=tip.version,
            day=DAY("2017-03-05"),
        )
    with read_session(two_units) as session:
        assert session.exec(select(Case).where(Case.code == "V1")).first() is None
        assert session.exec(select(Tip).where(Tip.code == "T1")).one().status == "verifying"
        logged = session.scalar(select(func.count()).where(col(ChangeLogEntry.record_code) == "V1"))
        assert logged == 0


def test_choices_complete_on_the_code_or_any_part_of_the_name(two_units: Engine) -> None:
    create(two_units, UNITS, code="AB", name="Đội cảnh sát hình sự")
    create(two_units, CASES, **_case("V1", title="Cướp giật điện thoại ở đèo Cù Mông"))
    create(two_units, CASES, **_case("V2", title="Trộm cắp xe máy"))
    create(
        two_units, SUSPECTS, code="S1", full_name="Nguyễn Văn Tý", case_codes="V1", status="wanted"
    )
    with read_session(two_units) as session:

        def codes(kind: str, text: str) -> list[str]:
            return [choice.code for choice in choices(session, ADMIN, kind, text)]

        assert codes("units", "song cau") == ["A"]  # no tone marks, part of the name
        assert codes("units", "a")[:2] == ["A", "AB"]  # the code typed first, then codes after it
        assert codes("units", "doi canh") == ["AB"]  # đ folds to d
        assert codes("localities", "xuan") == ["LA", "LA2", "LB"]
        assert codes("localities", "lb") == ["LB"]
        assert codes("cases", "deo cu mong") == ["V1"]
        assert codes("cases", "v2") == ["V2"]
        assert codes("suspects", "van ty") == ["S1"]
        assert codes("campaigns", "tet") == ["CD1"]
        assert codes("tips", "khong co") == []
        assert codes("units", "") == ["A", "AB", "B"]
        found = choices(session, ADMIN, "cases", "cu mong")[0]
        assert found.label == "V1  Cướp giật điện thoại ở đèo Cù Mông"


def test_choices_are_only_what_the_operator_may_read(two_units: Engine) -> None:
    create(two_units, CASES, **_case("V1", title="Trộm bò ở Xuân Hải"))
    create(
        two_units,
        CASES,
        **_case("V2", title="Trộm bò ở Bùi Thị Xuân", locality="LB", lead_unit="B"),
    )
    with read_session(two_units) as session:
        unit_b = session.exec(select(UNITS.table).where(UNITS.table.code == "B")).one()
        operator = Actor("qn.an", "editor", unit_b.id, uuid.uuid4())
        assert [c.code for c in choices(session, operator, "cases", "tro bo")] == ["V2"]
        assert [c.code for c in choices(session, ADMIN, "cases", "tro bo")] == ["V1", "V2"]


def test_position_says_where_a_record_is_in_its_list(two_units: Engine) -> None:
    for number in range(1, 131):
        create(
            two_units,
            CASES,
            **_case(f"V{number:03d}", occurred_on=f"2017-01-{number % 28 + 1:02d}"),
        )
    view = listing("cases", DAY("2017-12-31"))
    with read_session(two_units) as session:
        rows = page(session, view, Filters(), DAY("2017-12-31"), offset=0, limit=200)
        for index in (0, 57, 129):
            found = position(
                session,
                view,
                Filters(),
                DAY("2017-12-31"),
                view.default_sort,
                view.descending,
                rows[index]["code"],
                actor=ADMIN,
            )
            assert found == (rows[index]["id"], index)
        searched = Filters(search="khong co dau")
        assert (
            position(
                session, view, searched, DAY("2017-12-31"), "occurred_on", True, "V001", actor=ADMIN
            )
            is None
        )


# --- the app ----------------------------------------------------------------------------------


async def _tips_pane(pilot, code: str) -> RecordTable:
    """The tips pane with the cursor on the tip `code`."""
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)
    table = pilot.app.query_one("#tips RecordTable", RecordTable)
    await wait_for(pilot, lambda: table.settled)
    for _ in range(table.row_count):
        if table.render_text(table.cursor).startswith(code):
            return table
        await pilot.press("down")
        await settle(pilot, rounds=1)
    raise AssertionError(f"{code} is not in the list")


async def test_c_on_a_tip_opens_a_case_from_it_and_marks_the_tip(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        table = await _tips_pane(pilot, "NT-2018-007")
        await pilot.press("c")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen) and form.kind == "cases"
        title = form.query_one("#field-title", TextArea)
        assert title.has_focus and title.text.startswith("Tin báo đánh bắt cá bằng chất nổ")
        assert form.query_one("#field-tip_code", Picker).value == "NT-2018-007"
        assert form.query_one("#field-lead_unit", Picker).value is not None
        assert not form.check_action("save_and_new", ())  # one case from one tip
        await pilot.press(*" ở Xuân Hải")
        form.query_one("#field-article", Select).value = "242"
        form.query_one("#field-locality", Picker).value = "XA-XH"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        await wait_for(pilot, lambda: table.settled)
        assert table.render_text(table.cursor).startswith("NT-2018-007")
        assert "đã khởi tố" in table.render_text(table.cursor)
        assert any("NT-2018-007" in str(n.message) for n in app._notifications)
    with read_session(open_database(database)) as session:
        tip = session.exec(select(Tip).where(Tip.code == "NT-2018-007")).one()
        case = session.exec(select(Case).where(Case.code == tip.case_code)).one()
        assert tip.status == "case_opened" and case.tip_id == tip.id
        assert case.title.endswith("ở Xuân Hải")


async def test_c_on_a_tip_that_opened_a_case_says_so(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await _tips_pane(pilot, "NT-2018-001")
        await pilot.press("c")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        assert any("đã khởi tố vụ việc" in str(n.message) for n in app._notifications)


async def test_a_tip_case_opened_without_a_case_asks_first(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2", "n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#field-kind", Select).value = "tin_bao"
        form.query_one("#field-receiving_unit", Picker).value = "CA-SC"
        form.query_one("#field-summary", TextArea).text = "Tin báo chưa có vụ việc"
        form.query_one("#field-status", Select).value = "case_opened"
        await settle(pilot)
        form.query_one("#field-resolved_on", Input).value = "02/04/2018"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is form  # nothing saved, everything kept
        assert form.query_one("#field-summary", TextArea).text == "Tin báo chưa có vụ việc"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen | ConfirmScreen), problems(form)
    with read_session(open_database(database)) as session:
        tip = session.exec(select(Tip).where(Tip.summary == "Tin báo chưa có vụ việc")).one()
        assert tip.status == "case_opened" and tip.case_code is None


async def test_a_picker_completes_names_without_tone_marks_and_esc_closes_only_it(
    database: str,
) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        locality = form.query_one("#field-locality", Picker)
        locality.focus()
        await pilot.press(*"xuan hai")
        await wait_for(pilot, lambda: locality.expanded)
        options = locality.query_one(PickerOptions)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("Xuân Hải" in label for label in shown), shown
        await pilot.press("escape")  # closes the list, not the form
        await settle(pilot)
        assert app.screen is form and not locality.expanded
        await pilot.press("backspace")
        await wait_for(pilot, lambda: locality.expanded)
        await pilot.press("enter")
        await settle(pilot)
        assert locality.value == "XA-XH" and not locality.expanded
        assert "Xuân Hải" in str(locality.query_one(".picker-name").render())
        # Typing over a chosen code searches afresh.
        await pilot.press(*"song cau")
        await wait_for(pilot, lambda: locality.expanded)
        assert locality.box.value == "song cau"
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert app.screen is not form  # the form is changed: it asks
        await pilot.press("d")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)


async def test_picking_several_units(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        units = form.query_one("#field-coordinating_units", Picker)
        units.focus()
        await pilot.press(*"qui nhon")
        await wait_for(pilot, lambda: units.expanded)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press(*"song cau")
        await wait_for(pilot, lambda: units.expanded)
        await pilot.press("enter")
        await settle(pilot)
        assert units.value == ["CA-QN", "CA-SC"]
        assert form.collected()["coordinating_units"] == ["CA-QN", "CA-SC"]


async def test_save_and_new_starts_the_next_form_with_the_repeated_values(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.check_action("save_and_new", ())
        form.query_one("#field-title", TextArea).text = "Trộm cắp thứ nhất"
        form.query_one("#field-article", Select).value = "173"
        form.query_one("#field-occurred_on", Input).value = "05/10/2017"
        form.query_one("#field-locality", Picker).value = "XA-XH"
        form.query_one("#field-lead_unit", Picker).value = "CA-SC"
        form.query_one("#field-campaign_code", Picker).value = "CD-2017-06"
        await pilot.press("ctrl+n")
        await settle(pilot)
        following = app.screen
        assert isinstance(following, FormScreen) and following is not form
        values = following.collected()
        assert values["locality"] == "XA-XH" and values["lead_unit"] == "CA-SC"
        assert values["campaign_code"] == "CD-2017-06" and values["occurred_on"] == "05/10/2017"
        assert (
            values["title"] == ""
            and form.again is not None
            and values["code"] != form.again["code"]
        )
        await pilot.press("escape")
        await settle(pilot)
        table = app.query_one("#cases RecordTable", RecordTable)
        # Behind it, the list shows the saved case highlighted (deep in the list: October).
        await wait_for(
            pilot, lambda: table.settled and "Trộm cắp thứ nhất" in table.render_text(table.cursor)
        )
        assert table.cursor > 0
    with read_session(open_database(database)) as session:
        assert session.exec(select(Case).where(Case.title == "Trộm cắp thứ nhất")).one()


async def test_after_an_edit_the_cursor_follows_the_record(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one("#cases RecordTable", RecordTable)
        await wait_for(pilot, lambda: table.settled)
        first = table.render_text(0).split()[0]
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#field-occurred_on", Input).value = "02/01/2017"  # to the list's end
        await pilot.press("ctrl+s")
        await settle(pilot)
        await wait_for(pilot, lambda: table.settled and table.cursor > 0)
        assert table.render_text(table.cursor).startswith(first)


async def test_a_filter_chooses_its_unit_in_a_picker_and_an_unknown_code_is_said(
    database: str,
) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        table = app.query_one("#cases RecordTable", RecordTable)
        await wait_for(pilot, lambda: table.settled)
        everything = table.row_count
        await pilot.press("f")
        await settle(pilot)
        unit = app.screen.query_one("#filter-unit", Picker)
        unit.focus()
        await pilot.press(*"khong co")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        # Said, and the filters shown again with what was typed.
        assert any("không có mã khong co" in str(n.message) for n in app._notifications)
        unit = app.screen.query_one("#filter-unit", Picker)
        assert unit.value == "khong co"
        unit.value = ""
        unit.focus()
        await pilot.press(*"qui nhon")
        await wait_for(pilot, lambda: unit.expanded)
        await pilot.press("enter", "ctrl+s")
        await settle(pilot)
        await wait_for(pilot, lambda: table.settled and table.row_count < everything)
        assert "CA-QN" in str(app.query_one("#cases .pane-summary").render())


async def test_c_on_a_tips_detail_opens_a_case_from_it(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await _tips_pane(pilot, "NT-2018-007")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("c")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen) and form.from_tip is not None
        assert form.query_one("#field-tip_code", Picker).value == "NT-2018-007"
        await pilot.press("escape")  # nothing typed yet: closes at once, back on the tip
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
