"""How fast a picker completes over a big database, beside its 200 ms target.

    .venv/bin/python -m benchmarks.build --db /tmp/wf100k.sqlite --cases 100000
    .venv/bin/python -m benchmarks.bench_picker --db /tmp/wf100k.sqlite [--db postgresql+psycopg://…]

Two figures, each as median and p95 over every keystroke of several typed texts (a code, a
frequent word, a rare place, a name without tone marks), as the local administrator and as the
operator sc.hung (an editor of Sông Cầu, who sees about a fifth of the records):

- the query: models.choices.choices for the text typed so far, as the picker's worker runs it;
- the app: in the app (headless, 80×24), a key typed into the case picker of a new suspect to
  the list under it showing the answer for that text (the picker waits TYPING_PAUSE after the
  last key, so a burst asks once; typed one key at a time here, each key waits for its answer).
"""

import argparse
import asyncio
import statistics
import time
from typing import Any

from benchmarks.build import FREQUENT, RARE_WORD
from models import Actor
from models.choices import choices
from models.db import open_database, read_session
from models.operators import log_in
from models.text import fold

TARGET_MS = 200
OPERATOR = "sc.hung"
TYPED = ["VV-2020-0012", fold(FREQUENT), fold(RARE_WORD), "trom cap tai san", "xuan hai"]


def _keystrokes(text: str) -> list[str]:
    return [text[:end] for end in range(1, len(text) + 1)]


def _line(name: str, seconds: list[float]) -> str:
    ordered = sorted(seconds)
    median = statistics.median(ordered) * 1000
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000
    verdict = "ok" if p95 <= TARGET_MS else "OVER"
    return (
        f"  {name:<34} median {median:7.1f} ms   p95 {p95:7.1f} ms   "
        f"target ≤ {TARGET_MS} ms  {verdict}  ({len(ordered)} keystrokes)"
    )


def query_times(database: str, runs: int) -> None:
    engine = open_database(database)
    with read_session(engine) as session:
        operator = log_in(session, OPERATOR)
    actors: list[tuple[str, Actor]] = [("admin", Actor.local_admin()), (OPERATOR, operator)]
    for label, actor in actors:
        times: list[float] = []
        for _ in range(runs):
            for text in TYPED:
                for typed in _keystrokes(text):
                    with read_session(engine) as session:
                        start = time.perf_counter()
                        choices(session, actor, "cases", typed)
                        times.append(time.perf_counter() - start)
        print(_line(f"query, cases ({label})", times))
    engine.dispose()


async def _app_times(database: str, operator: str | None) -> list[float]:
    from textual import events

    from tui.app import make_app
    from tui.screens.form import FormScreen
    from tui.widgets.picker import Picker

    app = make_app(database, operator)
    times: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(1.0)
        await pilot.press("6", "n")
        for _ in range(200):
            await pilot.pause(0.05)
            if isinstance(app.screen, FormScreen):
                break
        picker = app.screen.query_one("#field-case_codes", Picker)
        picker.focus()
        await pilot.pause(0.2)
        for text in TYPED:
            picker.box.value = ""
            await pilot.pause(0.1)
            for key in text:
                before = picker._asking
                start = time.perf_counter()
                # As the terminal's driver hands a key to the app (Pilot.press waits for idle).
                app.post_message(events.Key("space" if key == " " else key, key))
                while not (picker._asking > before and picker.expanded and _answered(picker)):
                    await asyncio.sleep(0.001)
                pass
                times.append(time.perf_counter() - start)
            picker.expanded = False
    return times


def _answered(picker: Any) -> bool:
    """The list shows the answer for what the box holds now."""
    return bool(picker.shown_for == picker._typed())


def app_times(database: str) -> None:
    for label, operator in (("admin", None), (OPERATOR, OPERATOR)):
        print(_line(f"app, key → list ({label})", asyncio.run(_app_times(database, operator))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", action="append", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-app", action="store_true", help="only the query")
    arguments = parser.parse_args()
    for database in arguments.db:
        print(database)
        query_times(database, arguments.runs)
        if not arguments.no_app:
            app_times(database)


if __name__ == "__main__":
    main()
