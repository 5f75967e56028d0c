"""What operators do in the app, driven through Textual's Pilot on a copy of the demo."""

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select
from textual.widgets import ContentSwitcher, Input, OptionList, Select, Static, Tab, TextArea

from models import Case, Tip
from models.db import open_database, read_session
from tui.screens.detail import DetailScreen
from tui.screens.form import FormScreen
from tui.screens.form_fields import set_field
from tui.screens.help import HelpScreen
from tui.widgets.picker import Picker
from tui.widgets.record_table import RecordTable

from .apphelp import app_on, demo_copy, settle, wait_for


@pytest.fixture
def database(tmp_path: Path) -> str:
    return demo_copy(tmp_path)


def rows(app, pane: str) -> list[str]:
    table = app.query_one(f"#{pane}-table", RecordTable)
    return [table.render_text(i) for i in range(min(table.row_count, 200))]


async def test_the_cases_pane_opens_with_the_newest_cases(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one("#cases-table", RecordTable)
        assert table.row_count == 61
        assert rows(app, "cases")[0].startswith("VV-2018-004 14/03/2018 174")
        assert table.has_focus


async def test_number_keys_switch_panes(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key, pane in [
            ("2", "tips"),
            ("3", "campaigns"),
            ("4", "awards"),
            ("5", "review"),
            ("6", "suspects"),
            ("1", "cases"),
        ]:
            await pilot.press(key)
            await settle(pilot)
            assert app.query_one("#panes", ContentSwitcher).current == pane


async def test_search_ignores_tone_marks(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"deo cu mong", "enter")
        table = app.query_one("#cases-table", RecordTable)
        await wait_for(pilot, lambda: table.row_count < 61 and table.settled)
        found = {row.split()[0] for row in rows(app, "cases")}
        with read_session(open_database(database)) as session:
            cases = {case.code: case for case in session.exec(select(Case))}
            on_the_pass = {code for code, case in cases.items() if "đèo Cù Mông" in case.title}
            # A case matches by its own words or by those of what it links to (its campaign).
            assert on_the_pass and on_the_pass <= found
            for code in found:
                campaign = cases[code].campaign
                assert "Cù Mông" in cases[code].title + (campaign.name if campaign else "")


async def test_a_search_past_the_cap_says_more_than(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # At a million cases a common word is counted up to models.search.COUNT_CAP; a cap of 5
    # stands for it on the demo, where "Sông Cầu" is in many more cases than five.
    monkeypatch.setattr("models.search.COUNT_CAP", 5)
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"song cau", "enter")
        table = app.query_one("#cases-table", RecordTable)
        await wait_for(pilot, lambda: table.row_count < 61 and table.settled)
        assert table.capped and table.row_count == 5
        await pilot.press("end")
        await wait_for(pilot, lambda: table.settled)
        assert table.cursor == 4 and table.row(4) is not None
        summary = app.query_one("#cases .pane-summary", Static)
        assert "hơn 5 bản ghi" in str(summary.render())


async def test_create_a_case_through_the_form(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        await pilot.click("#field-title")
        await pilot.press(*"Trộm cắp xe máy tại chợ Xuân Hải")
        for name, value in [
            ("article", "173"),
            ("locality", "XA-XH"),
            ("lead_unit", "CA-SC"),
            ("coordination", "none"),
            ("status", "investigating"),
        ]:
            set_field(form.query_one(f"#field-{name}"), value)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
    with read_session(open_database(database)) as session:
        case = session.exec(
            select(Case).where(Case.title == "Trộm cắp xe máy tại chợ Xuân Hải")
        ).one()
        assert case.code == "VV-2018-008" and case.occurred_on.isoformat() == "2018-04-02"


async def test_a_bad_date_shows_beside_the_field_and_nothing_is_saved(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2", "n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#field-received_on", Input).value = "31/02/2017"
        form.query_one("#field-summary", TextArea).text = "Tin báo thử"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        error = form.query_one("#error-received_on")
        assert "không phải ngày hợp lệ" in str(error.render())
    with read_session(open_database(database)) as session:
        assert session.exec(select(Tip).where(Tip.summary == "Tin báo thử")).first() is None


async def test_open_a_case_and_follow_its_links(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.detail is not None and app.screen.detail.code == "VV-2018-004"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, DetailScreen)


def problems(form: FormScreen) -> list[str]:
    shown = [str(form.query_one("#form-message").render())]
    return shown + [f"{e.id}: {e.render()}" for e in form.query(".field-error") if e.display]


async def fill(pilot, form: FormScreen, values: dict[str, object]) -> None:
    for name, value in values.items():
        widget = form.query_one(f"#field-{name}")
        set_field(widget, value if isinstance(widget, Select | Picker) else str(value))
    await pilot.pause()


async def open_form(pilot, keys: tuple[str, ...]) -> FormScreen:
    await pilot.press(*keys)
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, FormScreen)
    return form


async def save(pilot) -> None:
    await pilot.press("ctrl+s")
    await settle(pilot)


@pytest.mark.parametrize(
    ("pane_key", "pane", "values", "edit", "find"),
    [
        (
            "2",
            "tips",
            {
                "kind": "to_giac",
                "receiving_unit": "CA-SC",
                "status": "received",
                "summary": "Tố giác trộm bò ở Xuân Lộc",
            },
            {"summary": "Tố giác trộm bò ở thôn Phú Dương"},
            "tro bo",
        ),
        (
            "3",
            "campaigns",
            {
                "name": "Cao điểm Tết Kỷ Hợi 2019",
                "starts_on": "20/01/2019",
                "ends_on": "20/02/2019",
                "units": ["CA-SC", "CA-QN"],
            },
            {"name": "Cao điểm Tết Kỷ Hợi 2019 (mở rộng)"},
            "ky hoi",
        ),
        (
            "4",
            "awards",
            {"decision_no": "99/QĐ-UBND", "issuer": "UBND thị xã Sông Cầu", "form": "giay_khen"},
            {"issuer": "UBND thành phố Qui Nhơn"},
            "99/qd",
        ),
        (
            "6",
            "suspects",
            {"full_name": "Phạm Văn Tèo", "case_codes": "VV-2017-001", "status": "wanted"},
            {"full_name": "Phạm Văn Tý"},
            "pham van",
        ),
    ],
)
async def test_each_pane_creates_searches_edits_and_deletes(
    database: str,
    pane_key: str,
    pane: str,
    values: dict[str, object],
    edit: dict[str, object],
    find: str,
) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(pane_key)
        await settle(pilot)
        table = app.query_one(f"#{pane} RecordTable", RecordTable)
        before = table.row_count
        form = await open_form(pilot, ("n",))
        await fill(pilot, form, values)
        await save(pilot)
        assert not isinstance(app.screen, FormScreen), problems(form)
        assert table.row_count == before + 1
        # Search finds it without tone marks; the cursor is on it.
        await pilot.press("slash", *find, "enter")
        await wait_for(pilot, lambda: table.row_count == 1 and table.settled)
        form = await open_form(pilot, ("e",))
        await fill(pilot, form, edit)
        await save(pilot)
        assert not isinstance(app.screen, FormScreen), (problems(form), form.collected())
        assert str(next(iter(edit.values())))[:20] in table.render_text(0)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("escape", "x")
        await settle(pilot)
        assert table.row_count == before


async def test_a_cleared_case_asks_for_the_cleared_date(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # The newest case is still under investigation; mark it cleared.
        form = await open_form(pilot, ("e",))
        cleared = form.query_one("#field-cleared_on", Input)
        assert not cleared.display
        form.query_one("#field-status", Select).value = "cleared"
        await pilot.pause()
        assert cleared.display and cleared.has_focus
        assert cleared.value == "02/04/2018"  # the day the records are as of
        cleared.value = "01/02/2018"  # before it occurred (14/03/2018)
        await save(pilot)
        assert isinstance(app.screen, FormScreen)
        refusal = str(form.query_one("#error-cleared_on").render())
        assert "phải sau hoặc bằng Ngày xảy ra" in refusal, refusal  # the field as labelled
        cleared.value = "20/03/2018"
        await save(pilot)
        assert not isinstance(app.screen, FormScreen)
        assert "đã làm rõ" in app.query_one("#cases-table", RecordTable).render_text(0)


async def test_filter_by_status_and_date(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        filters = app.screen
        filters.query_one("#filter-status", Select).value = "investigating"
        filters.query_one("#filter-date_from", Input).value = "01/01/2017"
        filters.query_one("#filter-date_to", Input).value = "31/12/2017"
        await pilot.press("ctrl+s")
        await settle(pilot)
        table = app.query_one("#cases-table", RecordTable)
        with read_session(open_database(database)) as session:
            expected = [
                case
                for case in session.exec(select(Case))
                if case.status == "investigating" and case.occurred_on.year == 2017
            ]
        assert table.row_count == len(expected) == 2
        assert all("đang điều tra" in table.render_text(i) for i in range(2))
        summary = str(app.query_one("#cases .pane-summary").render())
        assert "2 bản ghi" in summary and "đang điều tra" in summary
        await pilot.press("x")
        await settle(pilot)
        assert table.row_count == 61


async def test_a_bad_filter_date_is_refused_with_a_message(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        app.screen.query_one("#filter-date_from", Input).value = "32/01/2017"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "không phải ngày hợp lệ" in str(app.screen.query_one("#filter-error").render())


async def test_tips_show_their_deadline_and_can_list_only_the_due(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("2", "o")
        await settle(pilot)
        table = app.query_one("#tips-table", RecordTable)
        assert table.row_count == 2  # the extended one and the one well inside are not due
        assert table.render_text(0).startswith("NT-2018-012 16/03/2018")
        assert table.render_text(0).endswith("05/04/2018 còn 3")
        # 20 days from 05/03/2018 end on Sunday 25/03: art. 134 moves the last day to Monday
        # 26/03, so as of 02/04 it is 7 days overdue (8 before the exact clock).
        assert table.render_text(1).startswith("NT-2018-010 05/03/2018")
        assert table.render_text(1).endswith("26/03/2018 quá 7")


async def test_the_review_shows_the_seed_figures_and_opens_the_records(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        review = app.query_one("#review")
        assert review.review.start == date(2018, 1, 1)  # type: ignore[attr-defined]
        assert review.review.end == date(2018, 4, 2)  # type: ignore[attr-defined]
        await pilot.press("left_square_bracket")  # the seed's year
        await settle(pilot)
        assert review.review is not None and review.review.cases_cleared == 31  # type: ignore[attr-defined]
        figures = app.query_one("#review-figures")
        figures.move_cursor(row=6)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        table = app.screen.query_one(RecordTable)
        assert table.row_count == 31
        await pilot.press("escape", "left_square_bracket")
        await settle(pilot)
        assert review.review.start.year == 2016  # type: ignore[attr-defined]


async def test_global_search_finds_any_kind_of_record(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f", *"tet dinh dau")
        await settle(pilot)
        results = app.screen.query_one("#global-search-results", OptionList)
        found = [results.get_option_at_index(i).id or "" for i in range(results.option_count)]
        assert any(option.startswith("campaigns:") for option in found)
        assert any(option.startswith("cases:") for option in found)  # cases of that campaign
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        assert f"{app.screen.kind}:{app.screen.record_id}" == found[0]


async def test_help_lists_the_keys_in_the_operators_language(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.text()
        lines = [" ".join(line.split()) for line in text.splitlines()]
        for line in (
            "n Thêm",
            "e Sửa",
            "d / Del Xóa",
            "Ctrl+f Tìm mọi nơi",
            "o Sắp/quá hạn",
            "[ Năm trước",
            "Ctrl+s Lưu",
            "? / f1 Trợ giúp",
            "5 Sơ kết",
            "/ Tìm",
        ):
            assert line in lines, text
        assert lines[0] == "Ở màn hình này: Trong danh sách"
        assert lines.index("n Thêm") < lines.index("Mọi nơi") < lines.index("Ctrl+s Lưu")
        await pilot.press("escape")


async def test_the_app_in_english(database: str) -> None:
    from tui.app import make_app

    app = make_app(database, language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one("#cases-table", RecordTable)
        await wait_for(pilot, lambda: table.has_focus and table.settled and table.row_count)
        tabs = [str(tab.label) for tab in app.query(Tab)]
        assert tabs[:5] == ["1 Cases", "2 Tips", "3 Campaigns", "4 Awards", "5 Review"]
        assert "investigating" in table.render_text(0)
        active = app.screen.active_bindings.values()
        footer_keys = {item.binding.description for item in active}
        assert {"New", "Edit", "Delete", "Search", "Filter", "Help"} <= footer_keys


async def test_a_viewer_cannot_write(database: str) -> None:
    app = app_on(database, operator="py.an")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "py.an" in str(app.query_one("#topbar-who").render())
        await pilot.press("n")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
