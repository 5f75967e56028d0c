"""A list of records paged from SQL as the operator scrolls (Textual's line API).

Only the pages on screen are in memory: `render_line` asks for a page it lacks, a thread worker
fetches it, and the lines redraw when it arrives. Any number of rows scrolls at the same speed.
"""

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import Worker, get_current_worker

from models.i18n import MESSAGES, t
from models.listing import PAGE_SIZE
from tui.base import ReportsFailures
from tui.columns import TableColumn
from tui.format import cell, translate_bindings

# (offset, limit, after, before): rows from `offset` (negative: from the end), or the rows after
# (before) a row's `_key` when a neighbouring page is at hand (keyset paging, models.listing).
PageLoader = Callable[[int, int, Any, Any], list[dict[str, Any]]]
CountLoader = Callable[[], int]
MAX_CACHED_PAGES = 30


class RecordTable(ReportsFailures, ScrollView, can_focus=True):
    """The records of a pane, one per line, with a header line that stays put."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(-1)", show=False),
        Binding("down,j", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "edge(0)", show=False),
        Binding("end", "edge(1)", show=False),
        Binding("enter", "select", "key.open", id="table.open"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "record-table--header",
        "record-table--cursor",
        "record-table--sorted",
        "record-table--placeholder",
    }
    DEFAULT_CSS = """
    RecordTable {
        background: $surface;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        & > .record-table--header { color: $foreground; text-style: bold; background: $panel; }
        & > .record-table--sorted {
            color: $foreground;
            text-style: bold underline;
            background: $panel;
        }
        & > .record-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
        &:blur > .record-table--cursor {
            background: $block-cursor-blurred-background;
            text-style: none;
        }
        & > .record-table--placeholder { color: $text-muted; }
    }
    """

    cursor: reactive[int] = reactive(0)
    row_count: reactive[int] = reactive(0)

    class Highlighted(Message):
        def __init__(self, table: "RecordTable", record_id: uuid.UUID | None) -> None:
            super().__init__()
            self.table, self.record_id = table, record_id

        @property
        def control(self) -> "RecordTable":
            return self.table

    class Selected(Highlighted):
        """Enter or a click on the highlighted row."""

    class SortRequested(Message):
        def __init__(self, table: "RecordTable", column: str) -> None:
            super().__init__()
            self.table, self.column = table, column

        @property
        def control(self) -> "RecordTable":
            return self.table

    def __init__(self, columns: tuple[TableColumn, ...], today: date, *, id: str | None = None):
        super().__init__(id=id)
        translate_bindings(self)
        self.columns = columns
        self.today = today
        self.sort_column = ""
        self.descending = True
        self._pages: dict[int, list[dict[str, Any]]] = {}
        self._loading: set[int] = set()
        self._generation = 0
        self._page_loader: PageLoader | None = None
        self._count_loader: CountLoader | None = None
        self._pending_highlight: uuid.UUID | None = None
        self._pending_at: int | None = None
        self.counting = False  # a count (a new list) is on its way
        self.capped = False  # the list holds more rows than it counted (models.search.COUNT_CAP)
        self._cap: int | None = None
        self.failed = False  # the last load failed: the list says so until it is reloaded
        self._widest: dict[str, int] = {}  # the longest value of each column kept whole

    # --- data ------------------------------------------------------------------------------------

    def load(
        self,
        count: CountLoader,
        pages: PageLoader,
        keep: uuid.UUID | None = None,
        cap: int | None = None,
        at: int | None = None,
    ) -> None:
        """Show a new set of rows (a new filter, sort or a change elsewhere); fetched off-thread.

        `keep`: a record to keep the cursor on if it is still among the first pages, or at row
        `at` (its place in the new order, models.paging.position) wherever that is. `cap`: how
        far `count` counts (models.search.count_cap); past it the list shows its first `cap`
        rows and says "more than".
        """
        if keep is None and self.counting:  # a reload before the last arrived: keep its record
            keep, at = self._pending_highlight, self._pending_at
        self._generation += 1
        self._cap = cap
        self._count_loader, self._page_loader = count, pages
        self._pending_highlight = keep or self.highlighted_id
        self._pending_at = at
        self.counting, self.failed = True, False
        self._fetch_count(self._generation, at)

    @work(
        thread=True,
        group="table-count",
        exclusive=True,
        exit_on_error=False,
        description="work.list",
    )
    def _fetch_count(self, generation: int, at: int | None = None) -> None:
        assert self._count_loader is not None and self._page_loader is not None
        total = self._count_loader()
        pages = {0: self._page_loader(0, PAGE_SIZE, None, None) if total else []}
        if at is not None and PAGE_SIZE <= at < total:  # the kept record's page, further down
            number = at // PAGE_SIZE
            pages[number] = self._page_loader(number * PAGE_SIZE, PAGE_SIZE, None, None)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._counted, generation, total, pages)

    def _counted(self, generation: int, total: int, pages: dict[int, list[dict[str, Any]]]) -> None:
        if generation != self._generation:
            return
        self._pages = pages
        self._widest = {}
        for rows in pages.values():
            self._measure(rows)
        self._loading.clear()
        self.counting = False
        # A search that found more than the cap shows its first COUNT_CAP rows ("hơn 10.000").
        self.capped = self._cap is not None and total > self._cap
        if self._cap is not None:
            total = min(total, self._cap)
        self.row_count = total
        self.virtual_size = Size(self.size.width, total + 1)
        wanted = self._pending_highlight
        index = next(
            (
                number * PAGE_SIZE + i
                for number, rows in pages.items()
                for i, row in enumerate(rows)
                if row["id"] == wanted
            ),
            None,
        )
        self.cursor = min(index if index is not None else self.cursor, max(total - 1, 0))
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self, self.highlighted_id))

    def recover(self, worker: Worker[Any]) -> None:
        """A load failed (the app said why): stop waiting for it, say so in the list, and let
        the next `load` (F5) start afresh."""
        self.counting, self.failed = False, True
        self._loading.clear()
        self.refresh()

    def _need(self, page: int) -> None:
        if self.failed or page in self._pages or page in self._loading:
            return
        if self._page_loader is None:
            return
        self._loading.add(page)
        self._fetch_page(self._generation, page)

    @work(thread=True, group="table-page", exit_on_error=False, description="work.page")
    def _fetch_page(self, generation: int, page: int) -> None:
        assert self._page_loader is not None
        rows = self._page_loader(*self._where(page))
        self.app.call_from_thread(self._page_arrived, generation, page, rows)

    def _where(self, page: int) -> tuple[int, int, Any, Any]:
        """How to ask for a page: after its neighbour's last row or before the next one's first
        (at any depth, where the index says they start), else by position, counted from the end
        in the second half (the End key costs what Home costs)."""
        previous, following = self._pages.get(page - 1), self._pages.get(page + 1)
        if previous and len(previous) == PAGE_SIZE and "_key" in previous[-1]:
            return 0, PAGE_SIZE, previous[-1]["_key"], None
        if following and "_key" in following[0]:
            return 0, PAGE_SIZE, None, following[0]["_key"]
        start = page * PAGE_SIZE
        if start > self.row_count // 2 and not self.capped:
            return start - self.row_count, PAGE_SIZE, None, None  # negative: from the end
        return start, PAGE_SIZE, None, None

    def _page_arrived(self, generation: int, page: int, rows: list[dict[str, Any]]) -> None:
        if generation != self._generation:
            return
        self._loading.discard(page)
        self._pages[page] = rows
        self._measure(rows)
        while len(self._pages) > MAX_CACHED_PAGES:  # keep memory flat however far one scrolls
            farthest = max(self._pages, key=lambda p: abs(p - self.cursor // PAGE_SIZE))
            del self._pages[farthest]
        self.refresh()
        if page == self.cursor // PAGE_SIZE:
            self.post_message(self.Highlighted(self, self.highlighted_id))

    def _measure(self, rows: list[dict[str, Any]]) -> None:
        for column in self.columns:
            if column.whole:
                longest = max((cell_len(str(row.get(column.key) or "")) for row in rows), default=0)
                self._widest[column.key] = max(self._widest.get(column.key, 0), longest)

    def row(self, index: int) -> dict[str, Any] | None:
        rows = self._pages.get(index // PAGE_SIZE)
        if rows is None or index % PAGE_SIZE >= len(rows):
            return None
        return rows[index % PAGE_SIZE]

    @property
    def settled(self) -> bool:
        """The list is counted and the row under the cursor has arrived."""
        return not self.counting and (not self.row_count or self.row(self.cursor) is not None)

    @property
    def highlighted_id(self) -> uuid.UUID | None:
        row = self.row(self.cursor) if self.row_count else None
        return row["id"] if row else None

    # --- drawing ---------------------------------------------------------------------------------

    def visible_columns(self) -> list[tuple[TableColumn, int]]:
        """Columns that fit the width, each with its width; the flexible one takes the rest."""
        width = self.scrollable_content_region.width
        shown = [column for column in self.columns if width >= column.hide_below]
        widths = {
            column.key: max(column.width, self._widest.get(column.key, 0))
            if column.width and column.whole
            else column.width
            for column in shown
        }
        fixed = sum(widths.values()) + len(shown)
        flexible = [column for column in shown if column.width == 0]
        spare = max(width - fixed, 8)
        return [(column, widths[column.key] or spare // max(len(flexible), 1)) for column in shown]

    def _line(self, cells: list[tuple[Text, int]], style: Style, selected: bool = False) -> Strip:
        """A row. On the selected row the cursor's colours win over a cell's own (an overdue tip's
        red), so it reads the same whatever its colour; the cell keeps its bold."""
        segments: list[Segment] = [Segment(" ", style)]
        for text, width in cells:
            plain = text.plain
            if cell_len(plain) > width:
                plain = set_cell_size(plain, max(width - 1, 0)) + "…"
            own = Style.parse(text.style) if isinstance(text.style, str) else text.style
            if selected:
                own = own.without_color
            segments.append(Segment(set_cell_size(plain, width), style + own))
            segments.append(Segment(" ", style))
        return Strip(segments)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            header = self.get_component_rich_style("record-table--header")
            sorted_style = self.get_component_rich_style("record-table--sorted")
            segments: list[Segment] = [Segment(" ", header)]
            for column, column_width in self.visible_columns():
                short = f"head.{column.key}"
                label = t(short) if short in MESSAGES else t(f"col.{column.key}")
                if column.key == self.sort_column:
                    arrow = "▼" if self.descending else "▲"
                    label = set_cell_size(label, max(column_width - 1, 1)).rstrip() + arrow
                style = sorted_style if column.key == self.sort_column else header
                segments.append(Segment(set_cell_size(label, column_width), style))
                segments.append(Segment(" ", header))
            return Strip(segments).adjust_cell_length(width, header)
        index = self.scroll_offset.y + y - 1
        if self.failed and (index == 0 or self.row(index) is None):
            placeholder = self.get_component_rich_style("record-table--placeholder")
            text = f" {t('msg.list_failed')}" if index == 0 else ""
            return Strip([Segment(text, placeholder)]).adjust_cell_length(width, base)
        if index >= self.row_count:
            return Strip.blank(width, base)
        row = self.row(index)
        if row is None:
            self._need(index // PAGE_SIZE)
            placeholder = self.get_component_rich_style("record-table--placeholder")
            return Strip([Segment(" …", placeholder)]).adjust_cell_length(width, base)
        selected = index == self.cursor
        style = self.get_component_rich_style("record-table--cursor") if selected else base
        cells = [
            (cell(column.format, row.get(column.key), self.today), column_width)
            for column, column_width in self.visible_columns()
        ]
        return self._line(cells, style, selected).adjust_cell_length(width, style)

    def render_text(self, index: int) -> str:
        """A row as plain text, the way it is drawn (for tests and screen readers)."""
        row = self.row(index)
        if row is None:
            return ""
        return " ".join(
            cell(column.format, row.get(column.key), self.today).plain
            for column, _ in self.visible_columns()
        )

    def on_resize(self, _event: events.Resize) -> None:
        self.virtual_size = Size(self.size.width, self.row_count + 1)
        self.refresh()

    # --- moving ----------------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        if old != new:
            self._scroll_to_cursor()
            self.refresh()
            self.post_message(self.Highlighted(self, self.highlighted_id))

    def _scroll_to_cursor(self) -> None:
        visible = max(self.scrollable_content_region.height - 1, 1)
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False)

    def action_move(self, step: int) -> None:
        if self.row_count:
            self.cursor = max(0, min(self.row_count - 1, self.cursor + step))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(self.scrollable_content_region.height - 2, 1))

    def action_edge(self, end: int) -> None:
        self.action_move(self.row_count if end else -self.row_count)

    def action_select(self) -> None:
        if self.highlighted_id is not None:
            self.post_message(self.Selected(self, self.highlighted_id))

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            x = event.x - 1
            for column, column_width in self.visible_columns():
                if x < column_width + 1:
                    self.post_message(self.SortRequested(self, column.key))
                    return
                x -= column_width + 1
            return
        index = self.scroll_offset.y + event.y - 1
        if 0 <= index < self.row_count:
            if index == self.cursor or event.chain > 1:
                self.cursor = index
                self.action_select()
            self.cursor = index
