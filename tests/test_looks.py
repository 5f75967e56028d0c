"""How the app reads at PuTTY's 80×24, in 16 colours and 256: where the cursor is, drop-downs,
tick boxes, the selected row, the review at 80×24 and 60×20, what a search found, the header,
and the help of the screen one is on."""

import socket
from pathlib import Path

import pytest
from rich.segment import Segment
from textual.widgets import DataTable, Input, OptionList, Select, TextArea

from models.text import find_words
from tui.panes.review import month_chart
from tui.screens.detail import DetailScreen
from tui.screens.form import FormScreen
from tui.screens.help import HelpScreen
from tui.widgets.picker import Picker
from tui.widgets.record_table import RecordTable

from .apphelp import app_on, demo_copy, pictured_app, settle, wait_for


@pytest.fixture
def database(tmp_path: Path) -> str:
    return demo_copy(tmp_path)


def cells(app: object, y: int) -> list[Segment]:
    """The segments of screen line `y` as the terminal gets them (filters applied)."""
    strips = app.screen._compositor.render_strips()  # type: ignore[attr-defined]
    return list(strips[y])


def colour_at(app: object, x: int, y: int) -> tuple[int | None, int | None]:
    """(foreground, background) of one cell as terminal colour numbers (None: the default)."""
    position = 0
    for segment in cells(app, y):
        if position + len(segment.text) > x:
            style = segment.style
            assert style is not None
            colours = (style.color, style.bgcolor)
            return tuple(  # type: ignore[return-value]
                None if colour is None or colour.is_default else colour.number for colour in colours
            )
        position += len(segment.text)
    raise AssertionError(f"nothing at {x},{y}")


BLACK, BLUE, WHITE, BRIGHT_WHITE = 0, 4, 7, 15


async def test_in_16_colours_the_focused_field_is_white_on_blue(database: str) -> None:
    app = pictured_app(database, sixteen_colours=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        focused = app.focused
        assert isinstance(focused, TextArea)  # the title: what an operator types first
        region = focused.region
        assert colour_at(app, region.x + 5, region.y) == (BRIGHT_WHITE, BLUE)
        code = form.query_one("#field-code", Input).region
        assert colour_at(app, code.x + 2, code.y)[1] is None  # not focused: no block
        # Every colour on the screen is one of the terminal's sixteen.
        for y in range(24):
            for segment in cells(app, y):
                for colour in (segment.style.color, segment.style.bgcolor) if segment.style else ():
                    assert colour is None or colour.is_default or colour.number < 16  # type: ignore[operator]


async def test_in_256_colours_the_focused_field_stands_out(database: str) -> None:
    app = pictured_app(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        title = app.focused
        assert title is not None
        code = app.screen.query_one("#field-code", Input)
        focused_bg = cells(app, title.region.y)[-3].style.bgcolor  # type: ignore[union-attr]
        blurred_bg = cells(app, code.region.y)[-3].style.bgcolor  # type: ignore[union-attr]
        assert focused_bg is not None and blurred_bg is not None
        one, other = focused_bg.get_truecolor(), blurred_bg.get_truecolor()
        assert sum(abs(a - b) for a, b in zip(one, other, strict=True)) > 90  # not 235 on 234


async def test_a_drop_down_is_framed_and_stays_on_the_screen(database: str) -> None:
    app = pictured_app(database, sixteen_colours=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        select = app.screen.query_one("#field-category", Select)  # the last field of the form
        select.focus()
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        overlay = select.query_one("SelectOverlay")
        region = overlay.region
        assert region.y >= 0 and region.bottom <= 23  # above the footer, inside the screen
        top = "".join(segment.text for segment in cells(app, region.y))
        assert "╭" in top[region.x : region.right]  # a frame
        assert colour_at(app, region.x + 3, region.y + 2)[1] == BLACK  # its own background
        await pilot.press("escape")  # closes the drop-down, not the form
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)


async def test_a_selected_overdue_row_takes_the_cursors_colours(database: str) -> None:
    app = pictured_app(database, sixteen_colours=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2", "o", "down")  # the overdue tip, under the cursor
        table = app.query_one("#tips-table", RecordTable)
        await wait_for(pilot, lambda: table.settled and table.row_count == 2 and table.cursor == 1)
        assert "quá 7" in table.render_text(1)
        y = table.region.y + 2
        colours = {colour_at(app, x, y) for x in range(1, 79)}
        assert colours == {(BLACK, WHITE)}  # no red on the cursor: it reads


async def test_an_edit_form_starts_on_the_first_field_not_the_code(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        focused = app.focused
        assert focused is not None and focused.id == "field-title"
        assert isinstance(focused, TextArea) and focused.selected_text == ""
        code = app.screen.query_one("#field-code", Input)
        assert code.value.startswith("VV-") and code.selected_text == ""


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
async def test_the_review_shows_every_figure_and_scrolls_its_text(
    database: str, size: tuple[int, int]
) -> None:
    app = app_on(database)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("5", "left_square_bracket")
        await settle(pilot)
        pane = app.query_one("#review")
        figures = app.query_one("#review-figures", DataTable)
        assert figures.row_count == 12
        assert figures.region.height == 13 and figures.region.bottom <= size[1] - 2
        screen_text = "\n".join(
            "".join(segment.text for segment in cells(app, y)) for y in range(size[1])
        )
        for value in ("117", "88,6%", "31", "10"):
            assert value in screen_text
        chart = app.query_one("#review-chart")
        assert chart.display == (size[0] >= 76)  # the chart gives way first
        text = app.query_one("#review-text")
        await pilot.press("tab")
        assert text.has_focus
        assert text.max_scroll_y > 0  # more text than room: it scrolls
        await pilot.press("down", "down")
        await pilot.pause()
        assert text.scroll_y > 0
        scale = pane.scale  # type: ignore[attr-defined]
        await pilot.press("shift+tab", "left_square_bracket")
        await settle(pilot)
        assert pane.review.start.year == 2016  # type: ignore[attr-defined]
        assert pane.scale == scale and scale == 5  # type: ignore[attr-defined]


def test_the_month_chart_keeps_its_scale_between_years() -> None:
    quiet = month_chart([(2016, 7, 1, 1)], top=5)
    busy = month_chart([(2017, 4, 5, 5)], top=5)
    assert "███ " in quiet.plain and "██████████████ 5/5" in busy.plain
    assert quiet.plain.count("█") == 3  # 1 of 5 on 14 cells, not the full bar


def test_search_finds_words_without_tone_marks() -> None:
    assert find_words("Trộm cắp tại bãi Vũng Chào", "vung chao") == [(17, 21), (22, 26)]
    assert find_words("ĐÈO Cù Mông", "deo") == [(0, 3)]
    assert find_words("Xuân Hải", "") == []


async def test_a_search_says_where_it_matched_and_esc_clears_it(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one("#cases-table", RecordTable)
        await pilot.press("slash", *"vung chao", "enter")
        await wait_for(pilot, lambda: table.settled and table.row_count == 5)
        line = app.query_one("#cases .pane-match")
        await wait_for(pilot, lambda: "Vũng Chào" in str(line.render()))
        shown = line.render()
        assert str(shown).startswith("Khớp ở Nội dung:")
        plain = str(shown)
        spans = getattr(shown, "spans", [])
        marked = [
            plain[span.start : span.end] for span in spans if getattr(span.style, "reverse", False)
        ]
        assert marked == ["Vũng", "Chào"]
        await pilot.press("escape")  # the list has the cursor: Esc clears the search first
        await wait_for(pilot, lambda: table.settled and table.row_count == 61)
        assert not line.display and not app.query_one("#cases .pane-search").display
        await pilot.press("slash", *"xyzxyz")
        await pilot.press("escape")  # in the box too
        await wait_for(pilot, lambda: table.settled and table.row_count == 61)
        assert table.has_focus


async def test_a_suspects_code_is_never_cut(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("6", "n")
        await settle(pilot)
        form = app.screen
        form.query_one("#field-code", Input).value = "DT-2017-0001"
        form.query_one("#field-full_name", Input).value = "Nguyễn Văn Mới"
        form.query_one("#field-case_codes", Picker).value = "VV-2017-032"
        form.query_one("#field-status", Select).value = "wanted"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        table = app.query_one("#suspects-table", RecordTable)
        await wait_for(pilot, lambda: table.settled)
        rows = [table.render_text(i) for i in range(table.row_count)]
        assert any(row.startswith("DT-2017-0001 ") for row in rows), rows


async def test_an_operator_sees_the_station_and_their_name_and_the_date_whole(
    database: str,
) -> None:
    app = app_on(database, operator="sc.hung")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        top = "".join(segment.text for segment in cells(app, 0))
        assert "sc.hung" in top and top.rstrip().endswith("ngày 02/04/2018")
        assert f"trạm {socket.gethostname()}"[:8] in top
        assert ".sqlite" not in top and "/" not in top.replace("02/04/2018", "")


async def test_global_search_finds_award_recipients_and_keeps_the_keys(database: str) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f", *"nguyen thanh", "enter")  # Enter: to the results
        await settle(pilot)
        results = app.screen.query_one("#global-search-results", OptionList)
        box = app.screen.query_one("#global-search-input", Input)
        assert results.has_focus
        found = [results.get_option_at_index(i).id or "" for i in range(results.option_count)]
        assert any(option.startswith("award_recipients:") for option in found)
        await pilot.press(*" binh")  # typing goes on in the box, from where it was
        await settle(pilot)
        assert box.has_focus and box.value == "nguyen thanh binh"
        await pilot.press("down")
        await settle(pilot)
        assert results.has_focus
        await pilot.press("up")  # from the first result, back to the box
        assert box.has_focus
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)


@pytest.mark.parametrize(
    ("keys", "here", "own_key"),
    [
        (("5",), "Màn hình sơ kết", "[ Năm trước"),
        (("enter",), "Khi xem một hồ sơ", "e Sửa"),
        (("n",), "Trong biểu mẫu", "Ctrl+s Lưu"),
        (("2",), "Trong danh sách", "o Sắp/quá hạn"),
    ],
)
async def test_help_shows_the_keys_of_the_current_screen_first(
    database: str, keys: tuple[str, ...], here: str, own_key: str
) -> None:
    app = app_on(database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        await pilot.press("f1")  # ? is a character in a form's text box
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        lines = [" ".join(line.split()) for line in app.screen.text().splitlines()]
        assert lines[0] == f"Ở màn hình này: {here}"
        assert lines.index(own_key) < lines.index("Mọi nơi")
        assert lines.count(f"{here}") == 0  # not a second time among the rest
