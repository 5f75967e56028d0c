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
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Static, Tab, Tabs

from models import KINDS
from models.detail import Detail
from models.errors import Forbidden, GiapranhError, NotFound
from models.i18n import set_language, t
from models.listing import Filters
from models.text import format_date
from tui.base import in_thread
from tui.context import AppContext
from tui.format import translate_bindings
from tui.panes.records import (
    AwardsPane,
    CampaignsPane,
    CasesPane,
    RecordPane,
    SuspectsPane,
    TipsPane,
)
from tui.panes.review import ReviewPane
from tui.screens.changelog import ChangeLogScreen
from tui.screens.confirm import ConfirmScreen
from tui.screens.detail import DetailScreen
from tui.screens.form import FormScreen
from tui.screens.help import HelpScreen
from tui.screens.search import GlobalSearchScreen
from tui.widgets.record_table import RecordTable

PANES: list[tuple[str, str, type[Any]]] = [
    ("cases", "pane.cases", CasesPane),
    ("tips", "pane.tips", TipsPane),
    ("campaigns", "pane.campaigns", CampaignsPane),
    ("awards", "pane.awards", AwardsPane),
    ("review", "pane.review", ReviewPane),
    ("suspects", "pane.suspects", SuspectsPane),
]
POLL_SECONDS = 1.0  # another operator's change shows within this, plus a query
HANG_UP_GRACE_SECONDS = 1.5


class FigurePane(RecordPane):
    """The records behind one figure of the review."""

    def __init__(self, kind: str, figure: tuple[str, date, date]) -> None:
        self.KIND = kind  # type: ignore[misc]
        super().__init__()
        self.filters = Filters(figure=figure)


class FigureScreen(Screen[None]):
    AUTO_FOCUS = "RecordTable"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "key.back")]

    def __init__(self, kind: str, figure: str, start: date, end: date) -> None:
        super().__init__()
        translate_bindings(self)
        self.kind, self.figure = kind, (figure, start, end)

    def compose(self) -> ComposeResult:
        figure, start, end = self.figure
        title = t(
            "review.drill",
            figure=t(f"fig.{figure}"),
            start=format_date(start),
            end=format_date(end),
        )
        yield Static(Text(title, style="bold"), classes="screen-title")
        yield FigurePane(self.kind, self.figure)
        yield Footer()

    def action_back(self) -> None:
        self.dismiss()

    def records_changed(self) -> None:
        self.query_one(FigurePane).records_changed()


class GiapranhApp(App[None]):
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
        Binding(
            "ctrl+p", "command_palette", "key.palette", id="app.palette", show=False, priority=True
        ),
        Binding("ctrl+q", "quit", "key.quit", id="app.quit", priority=True),
    ]

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        translate_bindings(self)
        self.context = context
        self._last_change = -1

    @property
    def can_write(self) -> bool:
        return self.context.actor.role != "viewer"

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static(self._who(), id="topbar-who")
            yield Static(self._where(), id="topbar-where")
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

    def _who(self) -> Text:
        line = Text(" giapranh ", style="bold")
        return line.append(f"│ {self.context.operator_label}")

    def _where(self) -> Text:
        where = self.context.database_label
        if self.context.as_of is not None:
            where += f" │ {t('header.as_of', date=format_date(self.context.as_of))}"
        return Text(where + " ", style="dim")

    def on_mount(self) -> None:
        if not self.is_headless and self.console.color_system in ("standard", "windows"):
            self.theme = "ansi-dark"  # 16 colours: use the terminal's own palette
            self.add_class("-sixteen-colours")
        try:
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self._hang_up)
        except (NotImplementedError, RuntimeError, ValueError):
            pass  # no signals here (Windows, or not the main thread: tests)
        self._last_change = -1
        self.set_interval(POLL_SECONDS, self._poll_changes)
        self._poll_changes()
        # The list takes the keys from the very start: keys typed before the first frame too.
        self.screen.set_focus(self.query_one("#cases-table", RecordTable))

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

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def _poll_changes(self) -> None:
        latest = self.context.latest_change()
        if latest != self._last_change:
            first = self._last_change < 0
            self._last_change = latest
            if not first:
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
        from models.report import FIGURE_KINDS

        self.push_screen(FigureScreen(FIGURE_KINDS[figure], figure, start, end))

    @work(exclusive=True, group="form")
    async def new_record(
        self,
        kind: str,
        *,
        values: dict[str, Any] | None = None,
        fixed: dict[str, Any] | None = None,
        on_saved: Callable[[str], object] | None = None,
    ) -> None:
        context = self.context
        defaults = await in_thread(self, lambda: self._defaults(kind))
        form = FormScreen(context, kind, values={**defaults, **(values or {})}, fixed=fixed)
        code = await self.push_screen_wait(form)
        self._after_save(code, on_saved)

    def _defaults(self, kind: str) -> dict[str, Any]:
        """A new record starts with a free code, today's date, the operator's own unit and the
        first status of its workflow; options are loaded here too."""
        today = self.context.today
        for source in ("units", "localities", "campaigns"):
            self.context.options(source)
        own_unit = self.context.unit_code
        return {
            "code": self.context.suggested_code(kind),
            **dict.fromkeys(
                ("occurred_on", "received_on", "starts_on", "ends_on", "decided_on"), today
            ),
            **KINDS[kind].first_steps,
            **({"receiving_unit": own_unit, "lead_unit": own_unit} if own_unit else {}),
            **({"units": [own_unit]} if own_unit and kind == "campaigns" else {}),
        }

    def edit_record(self, detail: Detail, on_saved: Callable[[str], object] | None = None) -> None:
        if self._may_change(detail, "update"):
            self._edit(detail, on_saved)

    def _may_change(self, detail: Detail, action: str) -> bool:
        """Say so at once when the record is not this operator's to change (models/ would
        refuse the save anyway; this spares them filling in a form for nothing)."""
        if not detail.may_change:
            refusal = Forbidden(self.context.actor.username, action, detail.kind, detail.code)
            self.notify(refusal.message(), severity="warning", timeout=8)
        return detail.may_change

    @work(exclusive=True, group="form")
    async def _edit(self, detail: Detail, on_saved: Callable[[str], object] | None) -> None:
        await in_thread(
            self, lambda: [self.context.options(s) for s in ("units", "localities", "campaigns")]
        )
        form = FormScreen(
            self.context,
            detail.kind,
            record_id=detail.id,
            version=detail.version,
            values=detail.record,
            code=detail.code,
        )
        self._after_save(await self.push_screen_wait(form), on_saved)

    def edit_record_by_id(
        self, kind: str, record_id: uuid.UUID, on_saved: Callable[[str], object] | None = None
    ) -> None:
        self._with_detail(kind, record_id, lambda detail: self.edit_record(detail, on_saved))

    def delete_record(self, detail: Detail, on_deleted: Callable[[], object] | None = None) -> None:
        if self._may_change(detail, "delete"):
            self._delete(detail, on_deleted)

    def delete_record_by_id(
        self, kind: str, record_id: uuid.UUID, on_deleted: Callable[[], object] | None = None
    ) -> None:
        self._with_detail(kind, record_id, lambda detail: self.delete_record(detail, on_deleted))

    @work(exclusive=True, group="form")
    async def _delete(self, detail: Detail, on_deleted: Callable[[], object] | None) -> None:
        question = t("msg.confirm_delete", kind=t(f"kind.{detail.kind}"), code=detail.code)
        if not await self.push_screen_wait(ConfirmScreen(question)):
            return
        try:
            await in_thread(
                self, lambda: self.context.delete(detail.kind, detail.id, detail.version)
            )
        except GiapranhError as error:
            self.notify(error.message(), severity="error", timeout=8)
            return
        self.notify(t("msg.deleted", code=detail.code))
        if on_deleted is not None:
            on_deleted()

    @work(exclusive=True, group="detail-load")
    async def _with_detail(
        self, kind: str, record_id: uuid.UUID, then: Callable[[Detail], None]
    ) -> None:
        try:
            detail = await in_thread(self, lambda: self.context.describe(kind, record_id))
        except NotFound:
            self.notify(t("msg.record_gone"), severity="warning")
            return
        then(detail)

    def _after_save(self, code: str | None, on_saved: Callable[[str], object] | None) -> None:
        if code is None:
            return
        self.notify(t("msg.saved", code=code))
        if on_saved is not None:
            on_saved(code)

    # --- help, search, commands ------------------------------------------------------------------

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(
            HelpScreen(
                [
                    ("help.everywhere", list(self.BINDINGS)),
                    (
                        "help.lists",
                        [*RecordTable.BINDINGS, *RecordPane.BINDINGS, *TipsPane.BINDINGS],
                    ),
                    ("help.detail", list(DetailScreen.BINDINGS)),
                    ("help.forms", list(FormScreen.BINDINGS)),
                    ("help.review", list(ReviewPane.BINDINGS)),
                    ("key.change_log", list(ChangeLogScreen.BINDINGS)),
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

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(
                CommandPalette(placeholder=t("palette.placeholder"), id="--command-palette")
            )

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
            for kind in ("cases", "tips", "suspects", "campaigns", "award_decisions"):
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
