"""The review (sơ kết): the figures of a period, by month, and the records behind each figure."""

from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Input, Label, Static

from models.documents.figures import figures_from_reviews
from models.i18n import register, t
from models.report import FIGURES, Review
from models.report_units import review_lines, year_of
from models.text import format_date, format_percent, harmless, parse_date
from tui.base import ReportsFailures, giapranh
from tui.format import translate_bindings
from tui.screens.reviews import ReviewsScreen

register(
    {
        "review.key_write": ("Văn bản", "Documents"),
        "review.key_reports": ("Báo cáo", "Reports"),
        "work.write_review": ("ghi văn bản sơ kết", "write the review's documents"),
        "review.writing": ("Đang ghi báo cáo và bảng số liệu…", "Writing the report and workbook…"),
        "review.written": (
            "Đã ghi {files} vào thư mục của bạn trên máy chủ: {folder}. Lấy về bằng SFTP "
            "(WinSCP, psftp, sftp) với khóa của bạn.",
            "Wrote {files} to your folder on the server: {folder}. Fetch them by SFTP "
            "(WinSCP, psftp, sftp) with your key.",
        ),
    }
)
CHART_WIDTH = 14
# Narrower than this, the chart gives way first: the figures and the text keep the width.
CHART_SHOWN_FROM = 76


def month_chart(months: list[tuple[int, int, int, int]], top: int = 0) -> Text:
    """One line a month: occurred border-zone cases as a bar, the cleared part solid. `top` is
    the scale (the busiest month on record), the same whatever the period."""
    text = Text()
    top = max(top, *(occurred for _, _, occurred, _ in months), 1)
    text.append(f"{t('review.by_month')}\n", style="bold")
    for year, month, occurred, cleared in months:
        solid = round(cleared / top * CHART_WIDTH)
        hollow = max(round(occurred / top * CHART_WIDTH) - solid, 0)
        text.append(f"{month:02d}/{year % 100:02d} ")
        text.append("█" * solid, style="green")
        text.append("░" * hollow, style="yellow")
        text.append(" " * (CHART_WIDTH - solid - hollow) + f" {cleared}/{occurred}\n")
    return text


class ReviewPane(ReportsFailures, Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "year(-1)", "key.previous_year", id="review.previous"),
        Binding("right_square_bracket", "year(1)", "key.next_year", id="review.next"),
        Binding("p", "period", "key.period", id="review.period"),
        Binding("w", "write_documents", "review.key_write", id="review.write"),
        Binding("b", "reports", "review.key_reports", id="review.reports"),
        Binding("f5,ctrl+r", "reload", "key.reload", id="review.reload", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        translate_bindings(self)
        today = giapranh(self).context.today
        self.start, self.end = date(today.year, 1, 1), today
        self.review: Review | None = None
        self.scale: int | None = None  # the chart's: the busiest month on record

    def compose(self) -> ComposeResult:
        with Horizontal(id="review-period"):
            yield Label(t("filter.date_from"))
            yield Input(format_date(self.start), id="review-from", compact=True)
            yield Label(t("filter.date_to"))
            yield Input(format_date(self.end), id="review-to", compact=True)
            yield Static("", id="review-note")
        with Horizontal(id="review-body"):
            with Vertical(id="review-left"):
                yield DataTable(id="review-figures", cursor_type="row", zebra_stripes=False)
                # The same figures as sentences, the way the review report words them: below the
                # figures, in a box of its own that Tab reaches and the arrows scroll.
                with VerticalScroll(id="review-text"):
                    yield Static("", id="review-words")
            yield Static("", id="review-chart")
        yield Static(t("review.open_hint"), id="review-hint")

    def on_mount(self) -> None:
        table = self.query_one("#review-figures", DataTable)
        table.add_column(t("review.figure"), key="figure")
        table.add_column(t("review.value"), key="value")
        self.refresh_review()

    def on_resize(self) -> None:
        self.query_one("#review-chart").display = self.size.width >= CHART_SHOWN_FROM

    def records_changed(self) -> None:
        self.scale = None
        self.refresh_review()

    def action_reload(self) -> None:
        self.refresh_review()

    @work(
        thread=True, exclusive=True, group="review", exit_on_error=False, description="work.review"
    )
    def refresh_review(self) -> None:
        context = giapranh(self).context
        review = context.review(self.start, self.end)
        months = context.months(self.start, self.end)
        scale = self.scale if self.scale is not None else context.busiest_month()
        self.app.call_from_thread(self._show, review, months, scale)

    def _show(self, review: Review, months: list[tuple[int, int, int, int]], scale: int) -> None:
        self.review = review
        self.scale = scale
        figures = self.query_one("#review-figures", DataTable)
        row = figures.cursor_row
        figures.clear()
        for figure in FIGURES:
            value: Any = getattr(review, figure)
            shown = format_percent(value) if figure == "clearance_rate" else f"{value}"
            figures.add_row(t(f"fig.{figure}"), Text(shown, justify="right"), key=figure)
        figures.move_cursor(row=min(row, len(FIGURES) - 1))
        self.query_one("#review-chart", Static).update(month_chart(months, scale))
        # Worded as the documents word them ("Không có nguồn tin quá hạn", not "Còn 0").
        words = review_lines(
            review.start, review.end, review.unit_names, figures_from_reviews(review)
        )
        # Units' names are in it: text, never markup, its escapes spelled out.
        self.query_one("#review-words", Static).update(Text(harmless("\n".join(words))))
        self.query_one("#review-from", Input).value = format_date(self.start)
        self.query_one("#review-to", Input).value = format_date(self.end)

    # --- the documents ---------------------------------------------------------------------------

    def action_write_documents(self) -> None:
        self.notify(t("review.writing"), timeout=3)
        self._write_documents(self.start, self.end)

    @work(
        thread=True,
        exclusive=True,
        group="review-write",
        exit_on_error=False,
        description="work.write_review",
    )
    def _write_documents(self, start: date, end: date) -> None:
        written = giapranh(self).context.write_review(start, end)
        files = ", ".join(path.name for path in written)
        folder = str(written[0].parent) if written else ""
        self.app.call_from_thread(
            self.notify, t("review.written", files=files, folder=folder), timeout=15
        )

    def action_reports(self) -> None:
        """The review reports; a new one is offered this period when it is a year, else the
        police statistical year (15/12 to 14/12) of this period's year."""
        start, end = self.start, self.end
        if year_of(start, end) is None:
            start, end = date(end.year - 1, 12, 15), date(end.year, 12, 14)
        self.app.push_screen(ReviewsScreen(start, end))

    # --- the period ------------------------------------------------------------------------------

    def action_year(self, step: int) -> None:
        year = self.start.year + step
        self.start, self.end = date(year, 1, 1), date(year, 12, 31)
        self.refresh_review()

    def action_period(self) -> None:
        self.query_one("#review-from", Input).focus()

    @on(Input.Submitted)
    def _period_typed(self) -> None:
        note = self.query_one("#review-note", Static)
        try:
            start = parse_date(self.query_one("#review-from", Input).value)
            end = parse_date(self.query_one("#review-to", Input).value)
        except ValueError:
            note.update(Text(t("err.date"), style="bold red"))
            return
        if start > end:
            note.update(Text(t("error.period"), style="bold red"))
            return
        note.update("")
        self.start, self.end = start, end
        self.refresh_review()
        self.query_one("#review-figures", DataTable).focus()

    # --- the records behind a figure -------------------------------------------------------------

    @on(DataTable.RowSelected, "#review-figures")
    def _figure_chosen(self, event: DataTable.RowSelected) -> None:
        figure = str(event.row_key.value)
        if figure != "clearance_rate":
            giapranh(self).open_figure(figure, self.start, self.end)
