"""What is due: the open tips and investigations past their legal deadline or due within the
queue's days (models.due), fewest days left first. Enter opens the record; back from it, the
cursor is on the next one, so a morning's list is worked through from top to bottom."""

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from models.due import DueItem, DueQueue
from models.i18n import t
from models.text import format_date, harmless
from tui.base import ReportsFailures, giapranh
from tui.format import days_left, translate_bindings

COLUMNS = ("days_left", "deadline_on", "due_kind", "code", "due_unit", "title")
# The most the screen lists (fewest days left first); `giapranh due` prints them all.
SHOWN_MAX = 1_000


class DueScreen(ReportsFailures, Screen[None]):
    AUTO_FOCUS = "DataTable"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "key.back", id="due.back"),
        Binding("r", "reload", "key.reload", id="due.reload"),
        Binding("c", "app.calendar()", "key.calendar", id="due.calendar"),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self.queue: DueQueue | None = None
        self._opened: str | None = None  # the code of the record opened from the queue
        self._next: str | None = None  # and of the one after it, where the cursor goes back

    def compose(self) -> ComposeResult:
        yield Static(Text(t("due.title"), style="bold"), classes="screen-title")
        yield Static(t("msg.loading"), classes="pane-summary", id="due-summary")
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True, id="due-table")
        for key in COLUMNS:
            table.add_column(t(f"col.{key}"), key=key)
        yield table
        yield Footer()

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one(DataTable)

    def on_mount(self) -> None:
        self.action_reload()

    def on_screen_resume(self) -> None:
        if self._opened is not None:
            self.action_reload()

    def records_changed(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="due", exit_on_error=False, description="work.due")
    def _load(self) -> None:
        queue = giapranh(self).context.due()
        self.app.call_from_thread(self._show, queue)

    def _show(self, queue: DueQueue) -> None:
        self.queue = queue
        today = queue.today
        table = self.table
        table.clear()
        shown = queue.items[:SHOWN_MAX]
        for item in shown:
            notice = queue.tip_days if item.kind == "tips" else queue.case_days
            table.add_row(
                days_left(item.deadline, today, notice),
                Text(format_date(item.deadline)),
                Text(t(f"due.kind_{item.kind}")),
                Text(harmless(item.code)),
                Text(harmless(item.unit)),
                Text(harmless(" ".join(item.title.split()))),
                key=f"{item.kind}:{item.code}",
            )
        summary = queue.header() if queue.items else t("due.none", today=format_date(today))
        if len(shown) < len(queue.items):
            summary += " " + t("due.first_shown", count=len(shown))
        self.query_one("#due-summary", Static).update(summary)
        table.move_cursor(row=self._landing(shown))
        self._opened = self._next = None

    def _landing(self, items: tuple[DueItem, ...]) -> int:
        """Where the cursor goes: the record after the one opened (the opened one, if it is no
        longer due, is gone, and the next one has moved up to its place)."""
        codes = [item.code for item in items]
        for code in (self._next, self._opened):
            if code is not None and code in codes:
                at = codes.index(code)
                return min(at + 1 if code == self._opened else at, len(items) - 1)
        return 0

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        if self.queue is None or not 0 <= event.cursor_row < min(len(self.queue.items), SHOWN_MAX):
            return
        item = self.queue.items[event.cursor_row]
        following = self.queue.items[event.cursor_row + 1 : event.cursor_row + 2]
        self._opened, self._next = item.code, following[0].code if following else None
        giapranh(self).open_record(item.kind, item.id)

    def action_back(self) -> None:
        self.dismiss()
