"""A pane of records: the paged list, its filters and search, and a preview of the highlighted
record on wide screens. Everything but the kind comes from the kind's list (models.listing)."""

import uuid
from functools import partial
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Input, Static

from models.errors import NotFound
from models.i18n import MESSAGES, t
from models.listing import Filters
from models.search import count_cap
from models.text import format_date, harmless
from tui.base import ReportsFailures, giapranh, in_thread
from tui.columns import laid_out
from tui.format import enum_label, translate_bindings, where_it_matched
from tui.screens.detail import detail_text
from tui.screens.filters import FilterScreen
from tui.widgets.record_table import RecordTable


class RecordPane(ReportsFailures, Vertical):
    """The list of one kind of record (KIND, or `kind`)."""

    KIND: ClassVar[str] = ""

    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding runs before the keys after it are handed out, so the text typed
        # right after / (in one burst over a slow link) lands in the search box.
        Binding("slash", "search", "key.search", id="pane.search", priority=True),
        Binding("f", "filter", "key.filter", id="pane.filter"),
        Binding("n", "new", "key.new", id="pane.new"),
        Binding("e", "edit", "key.edit", id="pane.edit"),
        Binding("d,delete", "delete", "key.delete", id="pane.delete"),
        Binding("s", "sort", "key.sort", id="pane.sort", show=False),
        Binding("r", "reverse", "key.sort_reverse", id="pane.reverse", show=False),
        Binding("x", "clear", "key.clear_filters", id="pane.clear", show=False),
        Binding("f5,ctrl+r", "reload", "key.reload", id="pane.reload", show=False),
        Binding("escape", "leave_search", show=False),
    ]

    def __init__(self, kind: str | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        translate_bindings(self)
        self.kind = kind or self.KIND
        context = giapranh(self).context
        self.view = context.view(self.kind)
        self.filters = Filters()
        self.filter_codes: dict[str, Any] = {}
        self.sort = self.view.default_sort
        self.descending = self.view.descending
        self._search_timer: Timer | None = None
        self._preview_timer: Timer | None = None
        self._match_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static("", classes="pane-summary")
        with Horizontal(classes="pane-body"):
            yield RecordTable(
                laid_out(self.kind, self.view.columns),
                giapranh(self).context.today,
                id=f"{self.kind}-table",
            )
            with VerticalScroll(classes="preview"):
                yield Static("", classes="preview-text")
        with Vertical(classes="pane-foot"):
            # While a search is on: where it matched the highlighted record, the words marked.
            yield Static("", classes="pane-match")
            yield Input(placeholder=t("search.placeholder"), classes="pane-search", compact=True)

    @property
    def table(self) -> RecordTable:
        return self.query_one(RecordTable)

    def on_mount(self) -> None:
        self.query_one(".pane-search", Input).display = False
        self.table.sort_column, self.table.descending = self.sort, self.descending
        self.reload()

    # --- loading ---------------------------------------------------------------------------------

    def reload(self, keep: uuid.UUID | None = None, at: int | None = None) -> None:
        context = giapranh(self).context
        view, filters, sort, descending = self.view, self.filters, self.sort, self.descending
        self.table.load(
            lambda: context.count(view, filters),
            lambda offset, limit, after, before: context.page(
                view, filters, sort, descending, offset, limit, after, before
            ),
            keep=keep,
            cap=count_cap(filters.search),
            at=at,
        )
        self._summarise()

    def action_reload(self) -> None:
        self.reload(keep=self.table.highlighted_id)

    def records_changed(self) -> None:
        """Another operator (or this one) saved something: show it, keep the cursor."""
        self.reload()

    @on(RecordTable.Highlighted)
    def _highlighted(self, event: RecordTable.Highlighted) -> None:
        self._summarise()
        self._preview_soon(event.record_id)
        self._match_soon(event.record_id)

    def on_resize(self) -> None:
        """A terminal widened past the breakpoint shows the preview: fill it."""
        self._preview_soon(self.table.highlighted_id)

    def _preview_soon(self, record_id: uuid.UUID | None) -> None:
        """Only where the preview shows (a wide terminal), a moment after the cursor stops:
        a narrow terminal, PuTTY's 80 columns, spends no query on it."""
        if self._preview_timer is not None:
            self._preview_timer.stop()
        if self.screen.has_class("-wide"):
            self._preview_timer = self.set_timer(0.15, lambda: self._preview(record_id))

    @work(
        thread=True,
        exclusive=True,
        group="preview",
        exit_on_error=False,
        description="work.preview",
    )
    def _preview(self, record_id: uuid.UUID | None) -> None:
        text: Text | str = ""
        if record_id is not None:
            try:
                detail = giapranh(self).context.describe(self.kind, record_id)
            except NotFound:
                return
            today = giapranh(self).context.today
            text = Text(detail.title + "\n\n", style="bold") + detail_text(detail, today)
        self.app.call_from_thread(self.query_one(".preview-text", Static).update, text)

    def _match_soon(self, record_id: uuid.UUID | None) -> None:
        line = self.query_one(".pane-match", Static)
        line.display = bool(self.filters.search) and record_id is not None
        if self._match_timer is not None:
            self._match_timer.stop()
        if line.display:
            search = self.filters.search
            self._match_timer = self.set_timer(0.1, lambda: self._match(record_id, search))

    @work(thread=True, exclusive=True, group="match", exit_on_error=False, description="work.match")
    def _match(self, record_id: uuid.UUID | None, search: str) -> None:
        if record_id is None:
            return
        context = giapranh(self).context
        try:
            detail = context.describe(self.kind, record_id)
        except NotFound:
            return
        line = self.query_one(".pane-match", Static)
        shown = where_it_matched(detail, search, context.today, max(line.size.width, 40))
        self.app.call_from_thread(line.update, shown)

    @on(RecordTable.Selected)
    def _selected(self, event: RecordTable.Selected) -> None:
        if event.record_id is not None:
            giapranh(self).open_record(self.kind, event.record_id)

    @on(RecordTable.SortRequested)
    def _sort_requested(self, event: RecordTable.SortRequested) -> None:
        if event.column == self.sort:
            self.descending = not self.descending
        else:
            self.sort, self.descending = event.column, False
        self._resort()

    def _resort(self) -> None:
        self.table.sort_column, self.table.descending = self.sort, self.descending
        self.reload()

    def _summarise(self) -> None:
        counted = f"{self.table.row_count:,}".replace(",", ".")
        parts = [t("msg.count_more" if self.table.capped else "msg.count", count=counted)]
        shown = []
        for name, value in self.filter_codes.items():
            if value is None:
                continue
            if name == "status":
                shown.append(enum_label(self.view.status_enum, value))
            elif name in ("date_from", "date_to"):
                shown.append(f"{t(f'filter.{name}').lower()} {format_date(value)}")
            else:
                shown.append(str(value))
        if self.filters.due_only:
            shown.append(t("msg.due_only"))
        if shown:
            parts.append(t("msg.filters", filters=", ".join(shown)))
        if self.filters.search:
            parts.append(t("msg.search", text=self.filters.search))
        self.query_one(".pane-summary", Static).update(Text(harmless(" · ".join(parts))))

    # --- search and filters ----------------------------------------------------------------------

    def action_search(self) -> None:
        box = self.query_one(".pane-search", Input)
        box.display = True
        # At once, not after a refresh: what is typed right after / (or pasted) is the search.
        self.screen.set_focus(box)

    @on(Input.Changed, ".pane-search")
    def _search_typed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        text = event.value
        self._search_timer = self.set_timer(0.2, lambda: self._apply_search(text))

    def _apply_search(self, text: str) -> None:
        if text != self.filters.search:
            self.filters = self.filters.with_changes(search=text)
            self.table.cursor = 0
            self.reload()

    @on(Input.Submitted, ".pane-search")
    def _search_done(self, event: Input.Submitted) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._apply_search(event.value)
        self.table.focus()

    def action_leave_search(self) -> None:
        """Esc in a searched list clears the search first (the whole list again), then goes."""
        if self._search_timer is not None:
            self._search_timer.stop()
        box = self.query_one(".pane-search", Input)
        box.value = ""
        box.display = False
        self._apply_search("")
        self.table.focus()

    def action_filter(self) -> None:
        self._open_filters()

    @work(exclusive=True, group="filters", exit_on_error=False, description="work.filters")
    async def _open_filters(self) -> None:
        context = giapranh(self).context
        view = self.view
        articles = await in_thread(
            self,
            lambda: context.options("articles") if view.article_column is not None else None,
        )
        current = self.filter_codes
        while True:  # a code that names nothing: said, and the filters shown again as typed
            chosen = await self.app.push_screen_wait(
                FilterScreen(
                    statuses=self.view.statuses,
                    status_prefix=self.view.status_enum,
                    status_label=self._status_label(),
                    localities=self.view.locality_column is not None,
                    articles=articles,
                    current=current,
                )
            )
            if chosen is None or not chosen:
                break
            ids = await in_thread(self, partial(self._ids, context, chosen))
            named = (chosen.get("unit"), chosen.get("locality"))
            unknown = [code for code, found in zip(named, ids, strict=True) if code and not found]
            if not unknown:
                break
            self.notify(
                harmless(t("picker.unknown", code=unknown[0])), severity="warning", markup=False
            )
            current = chosen
        if chosen is None:
            return
        if not chosen:
            ids = (None, None)
        self.filter_codes = chosen
        self.filters = self.filters.with_changes(
            status=chosen.get("status"),
            unit=ids[0],
            locality=ids[1],
            article=chosen.get("article"),
            date_from=chosen.get("date_from"),
            date_to=chosen.get("date_to"),
        )
        self.table.cursor = 0
        self.reload()

    @staticmethod
    def _ids(context: Any, chosen: dict[str, Any]) -> tuple[Any, Any]:
        """The ids of the unit and the locality chosen as filters (None: none, or unknown)."""
        return (
            context.unit_id(chosen["unit"]) if chosen.get("unit") else None,
            context.locality_id(chosen["locality"]) if chosen.get("locality") else None,
        )

    def _status_label(self) -> str:
        label = f"filter.{self.view.status_field}"
        return label if label in MESSAGES else "filter.status"

    def action_clear(self) -> None:
        self.filter_codes = {}
        self.filters = Filters()
        box = self.query_one(".pane-search", Input)
        box.value, box.display = "", False
        self.table.cursor = 0
        self.reload()
        self.table.focus()

    def action_sort(self) -> None:
        keys = [column.key for column, _ in self.table.visible_columns()]
        self.sort = keys[(keys.index(self.sort) + 1) % len(keys)] if self.sort in keys else keys[0]
        self.descending = False
        self._resort()

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self._resort()

    # --- writing ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("new", "edit", "delete"):
            return giapranh(self).can_write
        if action == "search":  # a / typed into a box is just a /
            return not isinstance(self.app.focused, Input)
        if action == "leave_search":  # otherwise Escape belongs to the screen (going back)
            return bool(self.query_one(".pane-search", Input).display or self.filters.search)
        return True

    def action_new(self) -> None:
        giapranh(self).new_record(self.kind, on_saved=self._saved)

    def action_edit(self) -> None:
        record_id = self.table.highlighted_id
        if record_id is not None:
            giapranh(self).edit_record_by_id(self.kind, record_id, on_saved=self._saved)

    def action_delete(self) -> None:
        record_id = self.table.highlighted_id
        if record_id is not None:
            giapranh(self).delete_record_by_id(self.kind, record_id, on_deleted=self.reload)

    def _saved(self, code: str) -> None:
        """The saved record, highlighted wherever the list's order puts it."""
        self._show_saved(code)

    @work(exclusive=True, group="saved", exit_on_error=False, description="work.list")
    async def _show_saved(self, code: str) -> None:
        context = giapranh(self).context
        view, filters, sort, descending = self.view, self.filters, self.sort, self.descending
        found = await in_thread(self, lambda: context.locate(view, filters, sort, descending, code))
        if found is None:  # not in this list as filtered: the cursor stays where it was
            self.reload(keep=self.table.highlighted_id)
        else:
            self.reload(keep=found[0], at=found[1])


class TipsPane(RecordPane):
    KIND = "tips"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "due_only", "key.due_only", id="tips.due_only"),
        Binding("c", "open_case", "key.open_case", id="tips.open_case"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_case":
            return giapranh(self).can_write
        return super().check_action(action, parameters)

    def action_open_case(self) -> None:
        """A new case from the highlighted tip; once saved, the tip is "case opened" with it."""
        tip_id = self.table.highlighted_id
        if tip_id is not None:
            giapranh(self).open_case_from_tip(tip_id, on_saved=self._case_opened)

    def _case_opened(self, _case_code: str) -> None:
        self.reload(keep=self.table.highlighted_id)

    def action_due_only(self) -> None:
        """Only the tips overdue or due within 5 days (and back)."""
        self.filters = self.filters.with_changes(due_only=not self.filters.due_only)
        self.table.cursor = 0
        self.reload()
