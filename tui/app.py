"""The full-screen app: panes for cases, tips, suspects, campaigns, awards and the review.

`make_app` builds it from settings (database, operator, language) for the command line, the SSH
server and the tests alike. Database work runs in thread workers; the screen never waits on it.
"""

import asyncio
import os
import signal
import threading
import uuid
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.containers import Horizontal
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Footer, Static, Tab, Tabs
from textual.worker import Worker

from models.i18n import set_language, t
from models.report import FIGURE_KINDS
from models.text import format_date, harmless
from tui.base import IN_THREAD, ReportsFailures, failure_text
from tui.colours import SixteenColours
from tui.context import AppContext
from tui.editing import RecordEditing
from tui.format import translate_bindings
from tui.forms import FORM_KINDS
from tui.panes.awards import AwardsPane
from tui.panes.records import RecordPane, TipsPane
from tui.panes.review import ReviewPane
from tui.screens.calendar import CalendarScreen
from tui.screens.changelog import ChangeLogScreen
from tui.screens.detail import DetailScreen
from tui.screens.due import DueScreen
from tui.screens.figure import FigureScreen
from tui.screens.form import FormScreen
from tui.screens.help import HelpScreen
from tui.screens.reviews import ReviewsScreen
from tui.screens.search import GlobalSearchScreen
from tui.widgets.record_table import RecordTable
from tui.widgets.textual_words import Palette, translate_textual

# (id, title, the pane): the panes in the order of their keys 1…6.
PANES: list[tuple[str, str, Callable[..., Widget]]] = [
    ("cases", "pane.cases", partial(RecordPane, "cases")),
    ("tips", "pane.tips", TipsPane),
    ("campaigns", "pane.campaigns", partial(RecordPane, "campaigns")),
    ("awards", "pane.awards", AwardsPane),
    ("review", "pane.review", ReviewPane),
    ("suspects", "pane.suspects", partial(RecordPane, "suspects")),
]
POLL_SECONDS = 1.0  # another operator's change shows within this (no query: ChangeWatcher)
HANG_UP_GRACE_SECONDS = 1.5


class GiapranhApp(ReportsFailures, RecordEditing):
    CSS_PATH = "app.tcss"
    TITLE = "giapranh"
    AUTO_FOCUS = None  # on_mount focuses the list (not the tabs); dialogs name their own
    # From 120 columns the highlighted record shows beside the list (see app.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # type: ignore[misc]
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(number), f"pane('{name}')", title, id=f"pane.{name}", show=False)
            for number, (name, title, _) in enumerate(PANES, start=1)
        ),
        Binding("question_mark,f1", "help", "key.help", id="app.help"),
        Binding("ctrl+f", "global_search", "key.global_search", id="app.global_search", show=False),
        Binding("l", "change_log", "key.change_log", id="app.change_log", show=False),
        Binding("i", "import_register", "key.import", id="app.import", show=False),
        Binding("h", "due", "key.due", id="app.due", show=False),
        Binding(
            "ctrl+p", "command_palette", "key.palette", id="app.palette", show=False, priority=True
        ),
        Binding("ctrl+q", "quit", "key.quit", id="app.quit", priority=True),
    ]

    def __init__(self, context: AppContext) -> None:
        translate_textual()  # before any of Textual's widgets is made
        super().__init__()
        translate_bindings(self)
        self.context = context
        self._polling_failed = False
        # 16 colours (PuTTY's TERM=xterm): None finds out from the terminal; True for pictures.
        self.sixteen_colours: bool | None = None

    @property
    def can_write(self) -> bool:
        return self.context.actor.role != "viewer"

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            # Who and which day stay whole at 80 columns; the unit and the place give way first.
            name, _, rest = harmless(self.context.operator_label).partition(" ")
            yield Static(Text(" giapranh ", style="bold").append(f"│ {name}"), id="topbar-who")
            yield Static(f" {rest}" if rest else "", id="topbar-unit", markup=False)
            yield Static(self._where(), id="topbar-where")
            yield Static(self._day(), id="topbar-day")
        yield Tabs(
            *(
                Tab(f"{number} {t(title)}", id=f"tab-{name}")
                for number, (name, title, _) in enumerate(PANES, start=1)
            ),
            id="tabs",
        )
        with ContentSwitcher(initial="cases", id="panes"):
            for name, _, pane in PANES:
                yield pane(id=name)
        yield Footer()

    def _where(self) -> Text:
        return Text(harmless(self.context.database_label), style="dim")

    def _day(self) -> Text:
        if self.context.as_of is None:
            return Text(" ")
        return Text(f" │ {t('header.as_of', date=format_date(self.context.as_of))} ", style="dim")

    def on_mount(self) -> None:
        sixteen = self.sixteen_colours
        if sixteen is None:
            sixteen = not self.is_headless and self.console.color_system in ("standard", "windows")
        if sixteen:
            self.theme = "ansi-dark"  # 16 colours: use the terminal's own palette
            self.add_class("-sixteen-colours")
            self._filters.append(SixteenColours())
        try:
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self._hang_up)
        except (NotImplementedError, RuntimeError, ValueError):
            pass  # no signals here (Windows, or not the main thread: tests)
        self.set_interval(POLL_SECONDS, self._poll_changes)
        self._poll_changes()
        # The list takes the keys from the very start: keys typed before the first frame too.
        self.screen.set_focus(self.query_one("#cases-table", RecordTable))

    def on_unmount(self) -> None:
        self.workers.cancel_group(self, "poll")
        self.context.stop_watching()

    def _hang_up(self) -> None:
        """The operator's terminal is gone (SSH dropped): leave now, leave nothing running.

        Textual's orderly exit writes to the terminal, which may block for good once the
        terminal is gone; so the process is ended shortly after regardless. Nothing is lost:
        every write is one transaction, which the database rolls back if cut short.
        """
        watchdog = threading.Timer(HANG_UP_GRACE_SECONDS, os._exit, args=(129,))
        watchdog.daemon = True
        watchdog.start()
        self.exit()

    # --- background work that failed ------------------------------------------------------------

    def background_failed(self, worker: Worker[Any], node: DOMNode) -> None:
        """A query or a save in the background failed: say so, and let the place it came from
        recover (a list shows that it failed and reloads with F5). Work awaited through
        `in_thread` is its caller's to report."""
        if worker.group == IN_THREAD:
            return
        if worker.group == "poll":
            if self._polling_failed:
                return  # once, not every second, while the database stays away
            self._polling_failed = True
        self.notify(harmless(failure_text(worker)), severity="error", timeout=12, markup=False)
        recover = getattr(node, "recover", None)
        if callable(recover):
            recover(worker)

    # --- panes -----------------------------------------------------------------------------------

    def action_pane(self, name: str) -> None:
        if self.screen is not self.screen_stack[0]:
            return
        self.query_one("#tabs", Tabs).active = f"tab-{name}"

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        name = (event.tab.id or "").removeprefix("tab-")
        switcher = self.query_one("#panes", ContentSwitcher)
        if switcher.current == name:
            return
        switcher.current = name
        pane = self.query_one(f"#{name}")
        focus = pane.query(RecordTable).first() if isinstance(pane, RecordPane) else pane
        if isinstance(pane, ReviewPane):
            focus = pane.query_one("#review-figures")
        focus.focus()

    @property
    def current_pane(self) -> Any:
        switcher = self.query_one("#panes", ContentSwitcher)
        return self.query_one(f"#{switcher.current}")

    # --- other operators' changes ----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False, description="work.poll")
    def _poll_changes(self) -> None:
        changed = self.context.records_changed()
        self._polling_failed = False
        if changed:
            self.call_from_thread(self._records_changed)

    def _records_changed(self) -> None:
        self.context.forget_options()
        for screen in self.screen_stack:
            if hasattr(screen, "records_changed"):
                screen.records_changed()
        for name, _, _ in PANES:
            pane: Any = self.query_one(f"#{name}")
            pane.records_changed()

    # --- records ---------------------------------------------------------------------------------

    def open_record(self, kind: str, record_id: uuid.UUID) -> None:
        self.push_screen(DetailScreen(kind, record_id))

    def open_figure(self, figure: str, start: date, end: date) -> None:
        self.push_screen(FigureScreen(FIGURE_KINDS[figure], figure, start, end))

    # --- help, search, commands ------------------------------------------------------------------

    def action_help(self) -> None:
        """Every key: first those of the screen the operator is on, then the rest."""
        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        pane = self.current_pane
        list_keys = [*RecordTable.BINDINGS, *RecordPane.BINDINGS]
        sections: dict[str, list[BindingType]] = {
            "help.lists": [*list_keys, *TipsPane.BINDINGS],
            "help.detail": list(DetailScreen.BINDINGS),
            "help.forms": list(FormScreen.BINDINGS),
            "help.review": list(ReviewPane.BINDINGS),
            "key.change_log": list(ChangeLogScreen.BINDINGS),
            "help.due": list(DueScreen.BINDINGS),
            "help.calendar": list(CalendarScreen.BINDINGS),
            "help.reviews": list(ReviewsScreen.BINDINGS),
        }
        screen = self.screen
        own = [("help.detail", DetailScreen), ("help.forms", FormScreen)]
        own += [("key.change_log", ChangeLogScreen), ("help.due", DueScreen)]
        own += [("help.calendar", CalendarScreen), ("help.reviews", ReviewsScreen)]
        mine = next((name for name, kind in own if isinstance(screen, kind)), None)
        if mine is not None:
            here, first = mine, sections.pop(mine)
        elif screen is self.screen_stack[0] and isinstance(pane, ReviewPane):
            here, first = "help.review", sections.pop("help.review")
        else:  # a list: its own keys (the tips' own keys follow with the rest elsewhere)
            here = "help.lists"
            sections.pop(here)
            on_tips = isinstance(pane, TipsPane)
            first = [*list_keys, *(TipsPane.BINDINGS if on_tips else [])]
            if not on_tips:
                sections = {"help.tips": list(TipsPane.BINDINGS), **sections}
        self.push_screen(
            HelpScreen(
                [
                    (Text(t("help.here", where=t(here))), first),
                    ("help.everywhere", list(self.BINDINGS)),
                    *sections.items(),
                ]
            )
        )

    def action_global_search(self) -> None:
        def chosen(result: tuple[str, uuid.UUID] | None) -> None:
            if result is not None:
                self.open_record(*result)

        self.push_screen(GlobalSearchScreen(), chosen)

    def action_change_log(self) -> None:
        if not isinstance(self.screen, ChangeLogScreen):
            self.push_screen(ChangeLogScreen())

    def action_due(self) -> None:
        if not isinstance(self.screen, DueScreen):
            self.push_screen(DueScreen())

    def action_calendar(self) -> None:
        if not isinstance(self.screen, CalendarScreen):
            self.push_screen(CalendarScreen())

    def action_import_register(self) -> None:
        if not self.can_write:
            self.notify(t("import_screen.not_allowed"), severity="warning")
            return
        # The spreadsheet readers (openpyxl, calamine) load with the screen, not at start-up.
        from tui.screens.importing import ImportScreen

        if not isinstance(self.screen, ImportScreen):
            self.push_screen(ImportScreen())

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(Palette(placeholder=t("palette.placeholder"), id="--command-palette"))

    def action_help_quit(self) -> None:
        self.notify(t("msg.quit_hint", key="Ctrl+Q"))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for number, (name, title, _) in enumerate(PANES, start=1):
            yield SystemCommand(
                f"{number} {t(title)}",
                t("key.pane", pane=t(title)),
                lambda name=name: self.action_pane(name),
            )
        if self.can_write:
            for kind in FORM_KINDS[:-1]:  # a recipient is added from its decision
                label = t("cmd.new", kind=t(f"kind.{kind}"))
                yield SystemCommand(
                    label,
                    label,
                    lambda kind=kind: self.new_record(
                        kind, on_saved=lambda _code: self._records_changed()
                    ),
                )
        yield SystemCommand(
            t("key.global_search"), t("search.global_title"), self.action_global_search
        )
        yield SystemCommand(t("key.change_log"), t("log.title"), self.action_change_log)
        yield SystemCommand(t("key.due"), t("due.title"), self.action_due)
        yield SystemCommand(t("key.calendar"), t("calendar.palette"), self.action_calendar)
        yield SystemCommand(t("key.help"), t("help.title"), self.action_help)
        yield SystemCommand(t("cmd.theme"), t("cmd.theme"), self.action_change_theme)
        yield SystemCommand(t("key.quit"), t("key.quit"), self.exit)


def make_app(
    database: str | None = None, operator: str | None = None, language: str | None = None
) -> GiapranhApp:
    """The app on `database` (see models.db.resolve_url) for `operator` (None: the local
    administrator). Raises GiapranhError when the database or the operator is refused."""
    if language:
        set_language(language)
    return GiapranhApp(AppContext.open(database, operator))
