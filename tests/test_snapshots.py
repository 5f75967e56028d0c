"""How the screens look, at PuTTY's 80×24 and on a wide terminal, in 256 colours and in the 16
of PuTTY's default `TERM=xterm` (the app's SixteenColours filter makes a headless picture exactly
what such a terminal shows). Update with
`pytest tests/test_snapshots.py --snapshot-update` after a deliberate change, and look at the
SVGs in tests/__snapshots__/ before committing them."""

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from models import Actor, records
from models.calendar_days import CALENDAR_DAYS
from models.clock_decisions import CLOCK_DECISIONS
from models.db import open_database, write_session
from tui.screens.calendar import CalendarScreen
from tui.screens.changelog import ChangeLogScreen
from tui.screens.detail import DetailScreen
from tui.screens.filters import FilterScreen
from tui.screens.form import FormScreen
from tui.screens.help import HelpScreen
from tui.screens.reviews import ReviewsScreen

from .apphelp import demo_copy, pictured_app, still

SIZES = [(80, 24), (120, 40)]
SCREENS = [
    ("new_case_form", ("n",), FormScreen),
    ("case_detail", ("enter",), DetailScreen),
    ("help", ("question_mark",), HelpScreen),
    ("tips_due", ("2", "o"), None),
    ("filter", ("f",), FilterScreen),
    ("change_log", ("l",), ChangeLogScreen),
    ("review_reports", ("5", "b"), ReviewsScreen),
    ("review_report", ("5", "b", "enter"), DetailScreen),
]
PANES = {"cases": "1", "tips": "2", "campaigns": "3", "awards": "4", "review": "5", "suspects": "6"}


@pytest.fixture
def database(tmp_path: Path) -> str:
    return demo_copy(tmp_path)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("pane", list(PANES))
def test_each_pane(snap_compare, database: str, pane: str, size: tuple[int, int]) -> None:
    async def show(pilot: Pilot[None]) -> None:
        await still(pilot, PANES[pane])

    assert snap_compare(pictured_app(database), run_before=show, terminal_size=size)


@pytest.mark.parametrize(
    ("name", "keys", "screen"), SCREENS, ids=lambda value: value if isinstance(value, str) else ""
)
def test_screens_at_80x24(
    snap_compare, database: str, name: str, keys: tuple[str, ...], screen: type | None
) -> None:
    async def show(pilot: Pilot[None]) -> None:
        await still(pilot, *keys, screen=screen)

    assert snap_compare(pictured_app(database), run_before=show, terminal_size=(80, 24))


@pytest.mark.parametrize("pane", list(PANES))
def test_each_pane_in_16_colours(snap_compare, database: str, pane: str) -> None:
    async def show(pilot: Pilot[None]) -> None:
        await still(pilot, PANES[pane])

    app = pictured_app(database, sixteen_colours=True)
    assert snap_compare(app, run_before=show, terminal_size=(80, 24))


@pytest.mark.parametrize(
    ("name", "keys", "screen"),
    [
        *SCREENS,
        # A drop-down open at the foot of the form (it opens upwards, framed) and a tick list.
        ("drop_down", ("n", *["tab"] * 12, "enter"), FormScreen),
        ("edit_case_form", ("e",), FormScreen),
        ("search_match", ("slash", *"vung chao", "enter"), None),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_screens_in_16_colours(
    snap_compare, database: str, name: str, keys: tuple[str, ...], screen: type | None
) -> None:
    async def show(pilot: Pilot[None]) -> None:
        await still(pilot, *keys, screen=screen)

    app = pictured_app(database, sixteen_colours=True)
    assert snap_compare(app, run_before=show, terminal_size=(80, 24))


# The clock's screens: a tip's detail with a decision on its clock, the calendar with corrections.
CLOCK: dict[str, tuple[tuple[Any, dict[str, Any]], ...]] = {
    "tip_with_decision": (
        (
            CLOCK_DECISIONS,
            {
                "code": "QD-2018-001",
                "tip_code": "NT-2018-013",
                "step": "extension",
                "number": "15/QĐ-CSĐT",
                "decided_on": date(2018, 3, 30),
                "decided_by": "Thủ trưởng CQĐT Lê Văn Bình",
                "deadline": date(2018, 5, 15),
            },
        ),
    ),
    "calendar": (
        (CALENDAR_DAYS, {"day": date(2018, 4, 5), "kind": "off", "note": "Nghỉ theo thông báo"}),
        (CALENDAR_DAYS, {"day": date(2018, 4, 28), "kind": "working", "note": "Làm bù"}),
    ),
}
CLOCK_KEYS: dict[str, tuple[tuple[str, ...], Any]] = {
    "tip_with_decision": (("2", "enter"), DetailScreen),
    "calendar": (("h", "c"), CalendarScreen),
}


@pytest.mark.parametrize("sixteen", [False, True], ids=["256", "16"])
@pytest.mark.parametrize("name", list(CLOCK))
def test_the_clock_screens(snap_compare, database: str, name: str, sixteen: bool) -> None:
    engine = open_database(database)
    with write_session(engine) as session:
        for kind, data in CLOCK[name]:
            records.create(session, actor=Actor.local_admin(), kind=kind, data=data)
    engine.dispose()
    keys, screen = CLOCK_KEYS[name]

    async def show(pilot: Pilot[None]) -> None:
        await still(pilot, *keys, screen=screen)

    app = pictured_app(database, sixteen_colours=sixteen)
    assert snap_compare(app, run_before=show, terminal_size=(80, 24))
