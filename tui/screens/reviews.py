"""The review reports (báo cáo sơ kết) the operator may read, from the Sơ kết pane (`b`): Enter
opens one (its figures, what moved since approval; `e` edit, `v` approve or reopen, `w` write its
document), `n` makes a new one for a period."""

from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from models.i18n import register, t
from models.text import format_date, harmless
from tui.base import ReportsFailures, giapranh
from tui.format import translate_bindings
from tui.screens.detail import DetailScreen

register(
    {
        "reviews.title": ("Báo cáo sơ kết", "Review reports"),
        "reviews.summary": (
            "{count} báo cáo · Enter mở · n lập báo cáo mới cho kỳ {start} – {end}",
            "{count} reports · Enter opens · n makes one for {start} – {end}",
        ),
        "reviews.none": (
            "Chưa có báo cáo sơ kết. Phím n lập báo cáo cho kỳ {start} – {end}.",
            "No review reports yet. Press n to make one for {start} – {end}.",
        ),
        "help.reviews": ("Trong danh sách báo cáo sơ kết", "In the review reports"),
        "work.reviews": ("tải các báo cáo sơ kết", "load the review reports"),
        "key.new_review": ("Lập mới", "New"),
        "col.review_units": ("Đơn vị", "Units"),
    }
)
COLUMNS = ("code", "review_period", "review_units", "status", "subject")


class ReviewsScreen(ReportsFailures, Screen[None]):
    AUTO_FOCUS = "DataTable"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "key.back", id="reviews.back"),
        Binding("n", "new", "key.new_review", id="reviews.new"),
        Binding("f5,ctrl+r", "reload", "key.reload", id="reviews.reload", show=False),
    ]

    def __init__(self, start: date, end: date) -> None:
        super().__init__()
        translate_bindings(self)
        self.start, self.end = start, end  # what `n` offers
        self.rows: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        yield Static(Text(t("reviews.title"), style="bold"), classes="screen-title")
        yield Static(t("msg.loading"), classes="pane-summary", id="reviews-summary")
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True)
        for key in COLUMNS:
            table.add_column(t(f"col.{key}"), key=key)
        yield table
        yield Footer()

    def on_mount(self) -> None:
        self._load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "new":
            return giapranh(self).can_write
        return True

    def records_changed(self) -> None:
        self._load()

    def action_reload(self) -> None:
        self._load()

    @work(
        thread=True,
        exclusive=True,
        group="reviews",
        exit_on_error=False,
        description="work.reviews",
    )
    def _load(self, landing: str | None = None) -> None:
        rows = giapranh(self).context.reviews()
        self.app.call_from_thread(self._show, rows, landing)

    def _show(self, rows: list[dict[str, Any]], landing: str | None) -> None:
        self.rows = rows
        period = {"start": format_date(self.start), "end": format_date(self.end)}
        said = (
            t("reviews.summary", count=len(rows), **period) if rows else t("reviews.none", **period)
        )
        self.query_one("#reviews-summary", Static).update(said)
        table = self.query_one(DataTable)
        at = table.cursor_row
        table.clear()
        for row in rows:
            units = ", ".join([row["host_unit"], *row["partner_units"]])
            table.add_row(
                Text(harmless(row["code"])),
                Text(f"{format_date(row['starts_on'])} – {format_date(row['ends_on'])}"),
                Text(harmless(units)),
                Text(t(f"review_status.{row['status']}")),
                Text(harmless(row["subject"] or "")),
                key=str(row["id"]),
            )
        codes = [row["code"] for row in rows]
        table.move_cursor(row=codes.index(landing) if landing in codes else at)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        row = next((row for row in self.rows if str(row["id"]) == event.row_key.value), None)
        if row is not None:
            self.app.push_screen(DetailScreen("reviews", row["id"]))

    def action_new(self) -> None:
        giapranh(self).new_record(
            "reviews",
            values={"starts_on": self.start, "ends_on": self.end},
            on_saved=lambda code: self._load(code),
        )

    def action_back(self) -> None:
        self.dismiss()
