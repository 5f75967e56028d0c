"""Helpers for driving the app in tests: a demo database per test, and waiting for workers."""

import asyncio
import os
import select
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, TextArea
from textual.worker import WorkerFailed

from models import demo
from models.db import open_database, write_session
from tui.app import GiapranhApp, make_app
from tui.screens.detail import DetailScreen
from tui.widgets.record_table import RecordTable

_DEMO: dict[str, Path] = {}


def demo_copy(folder: Path) -> str:
    """A fresh copy of the demo database (built once per test session)."""
    if "path" not in _DEMO:
        built = Path(folder.parent / "demo-template.sqlite")  # one per test worker
        if not built.exists():
            engine = open_database(str(built))
            with write_session(engine) as session:
                demo.build(session)
            with engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            engine.dispose()
        _DEMO["path"] = built
    target = folder / "demo.sqlite"
    shutil.copy(_DEMO["path"], target)
    return str(target)


async def settle(pilot: Pilot[None], rounds: int = 4) -> None:
    """Let database work finish and the screen catch up. Database work runs in thread workers;
    async workers may be waiting for a screen to close, so they are not waited for."""
    for _ in range(rounds):
        await pilot.pause()
        for _ in range(100):  # keys go to the focused widget: wait until there is one
            if pilot.app.focused is not None:
                break
            await pilot.pause(0.05)
        threads = [w for w in pilot.app.workers if w._thread_worker and not w.is_finished]
        waits = asyncio.gather(*(w.wait() for w in threads), return_exceptions=True)
        for outcome in await asyncio.wait_for(waits, timeout=30):
            if isinstance(outcome, WorkerFailed):  # a superseded (cancelled) load is fine
                raise outcome
    await pilot.pause()


async def wait_for(
    pilot: Pilot[None], condition: Callable[[], object], seconds: float = 20
) -> None:
    """Let the app work until `condition()` holds (a loaded machine may take a while)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the app never got there"
        await pilot.pause(0.05)
        await settle(pilot, rounds=1)


def app_on(database: str, operator: str | None = None) -> GiapranhApp:
    return make_app(database, operator)


def pictured_app(
    database: str, operator: str | None = None, *, sixteen_colours: bool = False
) -> GiapranhApp:
    """The app as screenshots show it: the database named the same wherever the copy lives;
    in 16 colours as PuTTY's default (TERM=xterm) shows it when asked."""
    app = make_app(database, operator)
    app.context.database_label = "giapranh-demo.sqlite"
    app.sixteen_colours = sixteen_colours
    return app


async def still(pilot: Pilot[None], *keys: str, screen: type[Screen[Any]] | None = None) -> None:
    """Press keys, then wait for `screen` (if given) and until it stops changing."""
    await settle(pilot)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)
    _cursor_steady(pilot)
    # Lists load, and the preview beside a wide list waits for the cursor to rest: wait until
    # every list shown has loaded, its preview is there, and two frames are the same.
    frames: list[str] = []
    for _ in range(60):
        await pilot.pause(0.25)
        await settle(pilot)
        if screen is not None and not isinstance(pilot.app.screen, screen):
            continue
        if not _loaded(pilot.app.screen):
            continue
        frames.append(pilot.app.export_screenshot())
        if len(frames) >= 3 and frames[-1] == frames[-2] == frames[-3]:
            return
    raise AssertionError("the screen never settled")


def _cursor_steady(pilot: Pilot[None]) -> None:
    """No blinking: the cursor shown where the focus is. A text area keeps its rendered lines
    in a cache whose key tells a shown cursor from a hidden one only while it blinks (Textual
    8.2), so a line drawn in a blink's hidden half stayed cursor-less once blinking stopped, in
    about one picture in twenty: its lines are drawn again."""
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        if area.cursor_blink:
            area.cursor_blink = False
            area._line_cache.clear()
            area.refresh()


def _loaded(screen: Screen[object]) -> bool:
    if isinstance(screen, DetailScreen) and screen.detail is None:
        return False
    for table in screen.query(RecordTable):
        if not table.display or not table.is_on_screen:
            continue
        if not table.settled:
            return False
        previews = screen.query(".preview-text")
        wide = screen.has_class("-wide") and any(p.is_on_screen for p in previews)
        shown = [str(p.render()) for p in previews if p.is_on_screen]
        if wide and table.row_count and not any(shown):
            return False
    return True


def read_terminal_until(master: int, text: bytes, seconds: float) -> bytes:
    """What a pseudo-terminal's master has read once `text` shows, or after `seconds`."""
    seen = b""
    deadline = time.monotonic() + seconds
    while text not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
    return seen
