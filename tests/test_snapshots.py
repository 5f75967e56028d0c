"""How the screens look, at PuTTY's 80×24 and on a wide terminal, in 256 colours and in the 16
of PuTTY's default `TERM=xterm` (the app's SixteenColours filter makes a headless picture exactly
what such a terminal shows). Update with
`pytest tests/test_snapshots.py --snapshot-update` after a deliberate change, and look at the
SVGs in tests/__snapshots__/ before committing them."""

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tui.screens.changelog import ChangeLogScreen
from tui.screens.detail import DetailScreen
from tui.screens.filters import FilterScreen
from tui.screens.form import FormScreen
from tui.screens.help import HelpScreen

from .apphelp import demo_copy, pictured_app, still

SIZES = [(80, 24), (120, 40)]
SCREENS = [
    ("new_case_form", ("n",), FormScreen),
    ("case_detail", ("enter",), DetailScreen),
    ("help", ("question_mark",), HelpScreen),
    ("tips_due", ("2", "o"), None),
    ("filter", ("f",), FilterScreen),
    ("change_log", ("l",), ChangeLogScreen),
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
