"""Helpers for driving the app in tests: a demo database per test, and waiting for workers."""

import asyncio
import shutil
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input
from textual.worker import WorkerFailed

from models import demo
from models.db import open_database, write_session
from tui.app import GiapranhApp, make_app

_DEMO: dict[str, Path] = {}


def demo_copy(folder: Path) -> str:
    """A fresh copy of the demo database (built once per test session)."""
    if "path" not in _DEMO:
        built = Path(folder.parent.parent / "demo-template.sqlite")
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
        threads = [w for w in pilot.app.workers if w._thread_worker and not w.is_finished]
        waits = asyncio.gather(*(w.wait() for w in threads), return_exceptions=True)
        for outcome in await asyncio.wait_for(waits, timeout=30):
            if isinstance(outcome, WorkerFailed):  # a superseded (cancelled) load is fine
                raise outcome
    await pilot.pause()


def app_on(database: str, operator: str | None = None) -> GiapranhApp:
    return make_app(database, operator)


def pictured_app(database: str, operator: str | None = None) -> GiapranhApp:
    """The app as screenshots show it: the database named the same wherever the copy lives."""
    app = make_app(database, operator)
    app.context.database_label = "giapranh-demo.sqlite"
    return app


async def still(pilot: Pilot[None], *keys: str) -> None:
    """Press keys, then wait until the screen stops changing (for screenshots)."""
    await settle(pilot)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)
    await pilot.pause(0.3)  # the preview beside a wide list waits 0.15 s for the cursor to rest
    await settle(pilot)
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
