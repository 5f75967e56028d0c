"""The change log: who changed what and when, newest first, filtered by operator, record and day.

Every operator sees the entries of records shared with their unit, a tip's reporter left out
unless their unit received it (models.audit); `giapranh audit export` writes the log to a file.
"""

import re
from datetime import date
from typing import Any, ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from models.audit import LogFilters
from models.changelog import ChangeLogEntry
from models.detail import DETAIL_KINDS
from models.i18n import MESSAGES, t
from models.registry import KINDS
from models.text import format_date, harmless, parse_date
from tui.base import ReportsFailures, giapranh
from tui.columns import TableColumn
from tui.format import enum_label, translate_bindings
from tui.widgets.record_table import RecordTable

COLUMNS = (
    TableColumn("at", width=19),
    TableColumn("actor", width=14),
    TableColumn("action", "enum:action", 6),
    TableColumn("kind", "enum:kind", hide_below=70),
    TableColumn("record_code"),
)
FILTERS = ("by", "record_code", "start", "end")


def entry_text(entry: ChangeLogEntry) -> RenderableType:
    """The fields the change touched: before → after."""
    before, after = entry.before or {}, entry.after or {}
    names = dict.fromkeys([*before, *after])
    changed = [name for name in names if before.get(name) != after.get(name)]
    table = Table(box=None, show_header=True, padding=(0, 1), expand=True)
    table.add_column(t("log.field"), style="bold", no_wrap=True)
    table.add_column(t("log.before"), ratio=1)
    table.add_column(t("log.after"), ratio=1)
    for name in changed:
        label = f"col.{name}"
        shown = t(label) if label in MESSAGES else name
        enum = KINDS[entry.kind].enums.get(name, "") if entry.kind in KINDS else ""
        table.add_row(
            Text(harmless(shown)), _shown(before.get(name), enum), _shown(after.get(name), enum)
        )
    title = Text(
        f"#{entry.id}  {entry.at.astimezone():%d/%m/%Y %H:%M:%S}  {harmless(entry.actor)}  "
        f"{t(f'action.{entry.action}')} {t(f'kind.{entry.kind}')} {harmless(entry.record_code)}",
        style="bold",
    )
    return Group(title, table) if changed else title


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _shown(value: Any, enum: str = "") -> Text:
    """A logged value as the app shows it elsewhere: a status or kind by its label, a day as
    dd/mm/yyyy, yes or no; the log keeps the values as stored."""
    if value is None or value == [] or value == "":
        return Text("—", style="dim")
    if isinstance(value, list):
        value = ", ".join(str(item) for item in value)
    elif isinstance(value, bool):
        value = t("word.yes" if value else "word.no")
    elif enum and isinstance(value, str):
        value = enum_label(enum, value)
    elif isinstance(value, str) and _ISO_DAY.fullmatch(value):
        value = format_date(date.fromisoformat(value))
    return Text(str(harmless(str(value))))


class ChangeLogScreen(ReportsFailures, Screen[None]):
    AUTO_FOCUS = "RecordTable"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "key.back", id="log.back"),
        Binding("f", "filter", "key.filter", id="log.filter"),
        Binding("x", "clear", "key.clear_filters", id="log.clear"),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self.filters = LogFilters()

    def compose(self) -> ComposeResult:
        yield Static(Text(t("log.title"), style="bold"), classes="screen-title")
        with Horizontal(id="log-filters"):
            for name in FILTERS:
                yield Input(placeholder=t(f"log.{name}"), compact=True, id=f"log-{name}")
        yield Static("", classes="pane-summary", id="log-summary")
        table = RecordTable(COLUMNS, date.today(), id="log-table")
        table.sort_column, table.descending = "at", True
        yield table
        with VerticalScroll(id="log-entry-box"):
            yield Static("", id="log-entry")
        yield Footer()

    @property
    def table(self) -> RecordTable:
        return self.query_one(RecordTable)

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        context, filters = giapranh(self).context, self.filters
        self.table.load(
            lambda: context.log_count(filters),
            lambda offset, limit, after, before: context.log_page(
                filters, offset, limit, after, before
            ),
        )

    def records_changed(self) -> None:
        self.reload()

    @on(RecordTable.Highlighted)
    def _highlighted(self, event: RecordTable.Highlighted) -> None:
        count = f"{self.table.row_count:,}".replace(",", ".")
        self.query_one("#log-summary", Static).update(t("msg.count", count=count))
        self._show_entry(event.record_id)

    @work(
        thread=True, exclusive=True, group="log-entry", exit_on_error=False, description="work.log"
    )
    def _show_entry(self, entry_id: Any) -> None:
        entry = None if entry_id is None else giapranh(self).context.log_entry(entry_id)
        shown = "" if entry is None else entry_text(entry)
        self.app.call_from_thread(self.query_one("#log-entry", Static).update, shown)

    @on(RecordTable.Selected)
    def _selected(self) -> None:
        """The record the entry is about, unless the entry deleted it."""
        row = self.table.row(self.table.cursor)
        if row is not None and row["kind"] in DETAIL_KINDS and row["action"] != "delete":
            giapranh(self).open_record(row["kind"], row["record_id"])

    # --- filters ---------------------------------------------------------------------------------

    def action_filter(self) -> None:
        self.set_focus(self.query_one("#log-by", Input))  # at once: typing follows

    def action_clear(self) -> None:
        for name in FILTERS:
            self.query_one(f"#log-{name}", Input).value = ""
        self._apply()

    @on(Input.Submitted)
    def _apply(self) -> None:
        values = {name: self.query_one(f"#log-{name}", Input).value.strip() for name in FILTERS}
        days: dict[str, date | None] = {}
        for name in ("start", "end"):
            try:
                days[name] = parse_date(values[name]) if values[name] else None
            except ValueError:
                self._problem(t("log.bad_date", value=harmless(values[name])), name)
                return
        self.filters = LogFilters(
            by=values["by"] or None,
            record_code=values["record_code"] or None,
            start=days["start"],
            end=days["end"],
        )
        self.table.cursor = 0
        self.reload()
        self.table.focus()

    def _problem(self, message: str, field: str) -> None:
        self.query_one("#log-summary", Static).update(Text(message, style="bold red"))
        self.query_one(f"#log-{field}", Input).focus()

    def action_back(self) -> None:
        if isinstance(self.focused, Input):
            self.table.focus()
        else:
            self.dismiss()
