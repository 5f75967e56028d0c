"""The working-day calendar of the legal clock, a year at a time: its public holidays, Tết and
days given back that fall on weekdays (the `holidays` package), and the administrators'
corrections (models.calendar_days, as `giapranh calendar list` shows them). Administrators add
a day off or a worked day with a note, and remove a correction; each is a record written and
logged as every record is, and moves the deadlines it reaches."""

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from models.calendar_days import YearDay
from models.detail import Detail
from models.i18n import register, t
from models.text import format_date, harmless
from tui.base import ReportsFailures, giapranh
from tui.format import translate_bindings

MESSAGES = {
    "calendar.title": ("Lịch ngày nghỉ năm {year}", "Working-day calendar, {year}"),
    "calendar.summary": (
        "{off} ngày lễ, Tết, nghỉ bù ngoài thứ Bảy, Chủ nhật · {corrections} ngày điều chỉnh (*)",
        "{off} holidays on weekdays · {corrections} corrected by an administrator (*)",
    ),
    "calendar.admins_only": (
        "Chỉ quản trị viên mới thay đổi được lịch ngày nghỉ.",
        "Only an administrator may change the calendar.",
    ),
    "calendar.not_corrected": (
        "Ngày {day} không có điều chỉnh nào để bỏ.",
        "{day} has no correction to remove.",
    ),
    "calendar.palette": (
        "Ngày lễ, Tết và ngày điều chỉnh dùng để tính thời hạn (phím c trong danh sách đến hạn)",
        "Holidays and corrections the deadlines count with (key c in the due queue)",
    ),
    "key.add_day_off": ("Nghỉ", "Day off"),
    "key.add_worked_day": ("Làm việc", "Worked day"),
    "key.year_before": ("Năm trước", "Year −1"),
    "key.year_after": ("Năm sau", "Year +1"),
    "work.calendar": ("tải lịch ngày nghỉ", "load the calendar"),
    "help.calendar": ("Trong lịch ngày nghỉ", "In the calendar"),
    "col.calendar_mark": ("*", "*"),
    "col.day": ("Ngày", "Day"),
    "col.weekday": ("Thứ", "Weekday"),
    "col.calendar_state": ("Là", "Counts as"),
    "col.calendar_reason": ("Lý do, ghi chú", "Why, note"),
    "col.note": ("Ghi chú", "Note"),
}
register(MESSAGES)
COLUMNS = ("calendar_mark", "day", "weekday", "calendar_state", "calendar_reason")


class CalendarScreen(ReportsFailures, Screen[None]):
    AUTO_FOCUS = "DataTable"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "key.back", id="calendar.back"),
        Binding("left_square_bracket", "year(-1)", "key.year_before", id="calendar.previous"),
        Binding("right_square_bracket", "year(1)", "key.year_after", id="calendar.next"),
        Binding("n", "add('off')", "key.add_day_off", id="calendar.add_off"),
        Binding("w", "add('working')", "key.add_worked_day", id="calendar.add_working"),
        Binding("d,delete", "remove", "key.delete", id="calendar.remove"),
    ]

    def __init__(self, year: int | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        self.year = year
        self.days: list[YearDay] = []

    def compose(self) -> ComposeResult:
        yield Static("", classes="screen-title", id="calendar-title")
        yield Static(t("msg.loading"), classes="pane-summary", id="calendar-summary")
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True)
        for key in COLUMNS:
            table.add_column(t(f"col.{key}"), key=key)
        yield table
        yield Footer()

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one(DataTable)

    def on_mount(self) -> None:
        today = giapranh(self).context.today
        if self.year is None:
            self.year = today.year
        self._load(today)

    def records_changed(self) -> None:
        self._load()

    @work(
        thread=True,
        exclusive=True,
        group="calendar",
        exit_on_error=False,
        description="work.calendar",
    )
    def _load(self, landing: date | None = None) -> None:
        assert self.year is not None
        days = giapranh(self).context.calendar_year(self.year)
        self.app.call_from_thread(self._show, self.year, days, landing)

    def _show(self, year: int, days: list[YearDay], landing: date | None) -> None:
        if year != self.year:
            return  # another year was asked for meanwhile
        highlighted = self.highlighted
        landing = landing or (highlighted.day if highlighted else None)
        self.days = days
        title = t("calendar.title", year=year)
        self.query_one("#calendar-title", Static).update(Text(title, style="bold"))
        corrections = sum(1 for item in days if item.corrected)
        summary = t("calendar.summary", off=len(days) - corrections, corrections=corrections)
        self.query_one("#calendar-summary", Static).update(summary)
        table = self.table
        table.clear()
        for item in days:
            state = Text(t("calendar_kind.off" if item.off else "calendar_kind.working"))
            if not item.off:
                state.stylize("bold")
            table.add_row(
                Text("*" if item.corrected else ""),
                Text(format_date(item.day)),
                Text(t(f"weekday.{item.day.weekday()}")),
                state,
                Text(harmless(item.reason)),
            )
        at = [item.day for item in days]
        if landing is not None and days:
            later = [n for n, day in enumerate(at) if day >= landing]
            table.move_cursor(row=later[0] if later else len(days) - 1)

    @property
    def highlighted(self) -> YearDay | None:
        row = self.table.cursor_row
        return self.days[row] if self.days and 0 <= row < len(self.days) else None

    def action_back(self) -> None:
        self.dismiss()

    def action_year(self, step: int) -> None:
        assert self.year is not None
        self.year += step
        self.days = []
        self.table.clear()
        self._load()

    def _may_change(self) -> bool:
        if not giapranh(self).context.may_change_calendar:
            self.notify(t("calendar.admins_only"), severity="warning", timeout=8)
            return False
        return True

    def action_add(self, kind: str) -> None:
        """A new correction of the year shown, from today (in another year, its first day); a
        worked day from the holiday highlighted."""
        if not self._may_change():
            return
        assert self.year is not None
        today, item = giapranh(self).context.today, self.highlighted
        day = today if today.year == self.year else date(self.year, 1, 1)
        if kind == "working" and item is not None and item.off:
            day = item.day
        giapranh(self).new_record(
            "calendar_days",
            values={"day": day, "kind": kind},
            on_saved=lambda code: self._load(date.fromisoformat(code)),
        )

    def action_remove(self) -> None:
        """Remove the highlighted day's correction: it is again as the holidays' calendar says."""
        item = self.highlighted
        if item is None or not self._may_change():
            return
        if item.record_id is None:
            self.notify(t("calendar.not_corrected", day=format_date(item.day)), timeout=6)
            return
        record = Detail(
            "calendar_days", item.record_id, format_date(item.day), item.version, "", [], [], {}
        )
        giapranh(self).delete_record(record, on_deleted=lambda: self._load(item.day))
