"""The legal clock in the app: a decision recorded from a tip's detail (its deadline moves, the
decision is listed), one the law does not allow refused with what was typed kept; the calendar
screen's corrections, which move the deadlines they reach, and are the administrators' only."""

import io
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from sqlmodel import col, select
from textual.widgets import DataTable, Input, OptionList, Select, Static

from models import KINDS, Actor, ChangeLogEntry, Tip, records
from models.db import open_database, read_session, write_session
from tui.screens.calendar import CalendarScreen
from tui.screens.confirm import ConfirmScreen
from tui.screens.detail import DetailScreen, detail_text
from tui.screens.due import DueScreen
from tui.screens.form import FormScreen
from tui.screens.form_fields import set_field
from tui.screens.help import HelpScreen
from tui.widgets.picker import Picker

from .apphelp import app_on, demo_copy, settle, wait_for

TIP = "NT-2018-013"  # received 26/03/2018, due 16/04/2018; the demo's today is 02/04/2018


@pytest.fixture
def database(tmp_path: Path) -> str:
    return demo_copy(tmp_path)


def deadline_of(database: str, code: str) -> date | None:
    engine = open_database(database)
    with read_session(engine) as session:
        tip = session.exec(select(Tip).where(Tip.code == code)).one()
        deadline = tip.deadline_on
    engine.dispose()
    return deadline


async def open_tip(pilot) -> DetailScreen:
    app = pilot.app
    await settle(pilot)
    await pilot.press("2", "enter")
    await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen) and app.screen.detail)
    screen = app.screen
    assert isinstance(screen, DetailScreen) and screen.detail is not None
    assert screen.detail.code == TIP
    return screen


async def fill_decision(pilot, deadline: str) -> FormScreen:
    await pilot.press("q")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, FormScreen))
    form = pilot.app.screen
    assert isinstance(form, FormScreen)
    assert form.query_one("#field-tip_code", Picker).value == TIP
    assert not form.query("#field-case_code")  # a tip's decision: no case to name
    steps = [value for _, value in form.query_one("#field-step", Select)._options]
    assert "extension" in steps and "procuracy_extension" in steps
    assert "resumption" not in steps and "concluded" not in steps  # an investigation's
    for name, value in [
        ("step", "extension"),
        ("number", "15/QĐ-CSĐT"),
        ("decided_by", "Thủ trưởng CQĐT Lê Văn Bình"),
        ("deadline", deadline),
    ]:
        set_field(form.query_one(f"#field-{name}"), value)
    await pilot.press("ctrl+s")
    await settle(pilot)
    return form


def fields_text(screen: DetailScreen) -> str:
    return str(screen.query_one("#detail-fields-text", Static).render())


def links_text(screen: DetailScreen) -> list[str]:
    """The lines of the linked records' list, as 80 columns show them."""
    links = screen.query_one("#detail-links", OptionList)
    console = Console(width=78, file=io.StringIO(), record=True)
    for n in range(links.option_count):
        console.print(links.get_option_at_index(n).prompt)
    return [line.rstrip() for line in console.export_text().splitlines()]


async def test_a_decision_from_a_tip_moves_its_deadline_and_is_listed(database: str) -> None:
    assert deadline_of(database, TIP) == date(2018, 4, 16)
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await open_tip(pilot)
        assert "16/04/2018 — còn 14" in fields_text(detail)
        assert "chậm nhất 11/04/2018 (còn 9 ngày)" in fields_text(detail)
        assert "  (không có)" in links_text(detail)[1]
        await fill_decision(pilot, "15/05/2018")
        await wait_for(pilot, lambda: app.screen is detail and "15/05/2018" in fields_text(detail))
        shown = fields_text(detail)
        assert "15/05/2018 (đã gia hạn) — còn 43" in shown
        # An extension by the agency's head is followed by the procuracy's: 5 days' notice.
        assert "chậm nhất 10/05/2018" in shown
        lines = links_text(detail)
        assert lines[0] == "Quyết định về thời hạn (1)"
        assert lines[1:3] == [
            "  15/QĐ-CSĐT  02/04/2018  gia hạn, kéo dài thời hạn: Thủ trưởng CQĐT Lê Văn",
            "              Bình → 15/05/2018",
        ]
    assert deadline_of(database, TIP) == date(2018, 5, 15)


async def test_a_decision_beyond_the_maximum_is_refused_keeping_what_was_typed(
    database: str,
) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tip(pilot)
        form = await fill_decision(pilot, "30/06/2018")
        assert app.screen is form
        error = str(form.query_one("#error-deadline", Static).render())
        assert error == "vượt quá thời hạn tối đa luật cho phép (28/05/2018)"
        assert form.query_one("#field-deadline", Input).value == "30/06/2018"
        assert form.query_one("#field-number", Input).value == "15/QĐ-CSĐT"
        assert form.query_one("#field-step", Select).value == "extension"
    assert deadline_of(database, TIP) == date(2018, 4, 16)


async def test_a_decision_without_its_step_says_it_is_required(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tip(pilot)
        form = await fill_decision(pilot, "30/06/2018")  # refused: the form stays open
        set_field(form.query_one("#field-step"), None)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert str(form.query_one("#error-step", Static).render()) == "bắt buộc phải có"
    assert deadline_of(database, TIP) == date(2018, 4, 16)


async def test_a_decision_refused_in_english(tmp_path: Path) -> None:
    from tui.app import make_app

    app = make_app(demo_copy(tmp_path), language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tip(pilot)
        form = await fill_decision(pilot, "30/06/2018")
        error = str(form.query_one("#error-deadline", Static).render())
        assert error == "goes beyond the longest limit the law allows (28/05/2018)"


def calendar_rows(screen: CalendarScreen) -> list[str]:
    table = screen.query_one(DataTable)
    return [
        " ".join(str(cell) for cell in table.get_row_at(n)).strip() for n in range(table.row_count)
    ]


def logged(database: str) -> list[tuple[str, str]]:
    engine = open_database(database)
    with read_session(engine) as session:
        entries = session.exec(
            select(ChangeLogEntry)
            .where(ChangeLogEntry.kind == "calendar_days")
            .order_by(col(ChangeLogEntry.id))
        )
        found = [(entry.action, entry.record_code) for entry in entries]
    engine.dispose()
    return found


async def open_calendar(pilot) -> CalendarScreen:
    await settle(pilot)
    await pilot.press("h")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, DueScreen))
    await pilot.press("c")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CalendarScreen))
    screen = pilot.app.screen
    assert isinstance(screen, CalendarScreen)
    await wait_for(pilot, lambda: screen.query_one(DataTable).row_count > 0)
    return screen


async def test_the_calendar_adds_and_removes_a_day_off_and_the_deadline_follows(
    database: str,
) -> None:
    tip = "NT-2018-012"  # due on Thursday 05/04/2018
    assert deadline_of(database, tip) == date(2018, 4, 5)
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        calendar = await open_calendar(pilot)
        title = str(calendar.query_one("#calendar-title", Static).render())
        assert title == "Lịch ngày nghỉ năm 2018"
        rows = calendar_rows(calendar)
        assert "25/04/2018 Thứ Tư ngày nghỉ Ngày Giỗ Tổ Hùng Vương" in rows
        assert len(rows) == 11
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        form = app.screen
        assert isinstance(form, FormScreen)
        set_field(form.query_one("#field-day"), "05/04/2018")
        set_field(form.query_one("#field-note"), "Nghỉ theo thông báo của tỉnh")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is calendar and len(calendar_rows(calendar)) == 12)
        rows = calendar_rows(calendar)
        assert rows[6] == "* 05/04/2018 Thứ Năm ngày nghỉ Nghỉ theo thông báo của tỉnh"
        assert calendar.query_one(DataTable).cursor_row == 6  # the day just added
        assert deadline_of(database, tip) == date(2018, 4, 6)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is calendar and len(calendar_rows(calendar)) == 11)
        assert deadline_of(database, tip) == date(2018, 4, 5)
        # Next year's calendar, and back.
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: "2019" in str(calendar.query_one("#calendar-title").render()))
        assert any(row.startswith("05/02/2019") for row in calendar_rows(calendar))
    assert logged(database) == [("create", "2018-04-05"), ("delete", "2018-04-05")]


async def test_an_operator_may_look_at_the_calendar_but_not_change_it(database: str) -> None:
    app = app_on(database, operator="sc.hung")  # an editor of CA-SC
    async with app.run_test(size=(80, 24)) as pilot:
        calendar = await open_calendar(pilot)
        assert len(calendar_rows(calendar)) == 11
        for key in ("n", "w", "d"):
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is calendar
        notices = [notification.message for notification in app._notifications]
        assert notices == ["Chỉ quản trị viên mới thay đổi được lịch ngày nghỉ."] * 3
    assert logged(database) == []


async def test_a_case_offers_its_own_steps_and_says_when_to_ask_for_an_extension(
    database: str,
) -> None:
    engine = open_database(database)
    with write_session(engine) as session:  # opened (khởi tố) the day after: a less serious crime
        case = records.get(session, KINDS["cases"], "VV-2018-004")
        records.update(
            session,
            actor=Actor.local_admin(),
            kind=KINDS["cases"],
            key=case.id,
            expected_version=case.version,
            changes={"opened_on": date(2018, 3, 15)},
        )
    engine.dispose()
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen) and app.screen.detail)
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        shown = fields_text(detail)
        assert "Hạn điều tra     15/05/2018 — còn 43" in shown
        assert "Đề nghị gia hạn  chậm nhất 05/05/2018 (còn 33 ngày)" in shown  # 10 days before
        assert links_text(detail)[:2] == ["Quyết định về thời hạn (0)", "  (không có)"]
        await pilot.press("q")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#field-case_code", Picker).value == "VV-2018-004"
        assert not form.query("#field-tip_code")
        steps = [value for _, value in form.query_one("#field-step", Select)._options]
        assert "resumption" in steps and "concluded" in steps
        assert "procuracy_extension" not in steps and "no_case" not in steps


async def test_the_day_to_ask_for_an_extension_passed_stands_out(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2", "down", "enter")  # NT-2018-012, due 05/04/2018
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen) and app.screen.detail)
        detail = app.screen
        assert isinstance(detail, DetailScreen) and detail.detail is not None
        text = detail_text(detail.detail, app.context.today)  # as #detail-fields shows it
        assert text.plain in fields_text(detail)
        line = next(line for line in text.split() if line.plain.startswith("Đề nghị gia hạn"))
        assert line.plain.endswith("đã quá ngày 31/03/2018 (phải đề nghị trước hạn 5 ngày)")
        assert any(span.style == "bold red" for span in line.spans)


async def test_help_names_the_clocks_keys(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_calendar(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert isinstance(app.screen, HelpScreen)
        lines = [" ".join(line.split()) for line in app.screen.text().splitlines()]
        assert lines[0] == "Ở màn hình này: Trong lịch ngày nghỉ"
        for line in ("[ Năm trước", "] Năm sau", "n Nghỉ", "w Làm việc", "d / Del Xóa"):
            assert line in lines[: lines.index("Mọi nơi")]
        assert "c Lịch ngày nghỉ" in lines  # in the due queue
        assert "q Quyết định" in lines  # on a record's detail
