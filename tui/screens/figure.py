"""The records behind one figure of the review (Enter on a figure in the Sơ kết pane)."""

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from models.i18n import t
from models.listing import Filters
from models.text import format_date
from tui.format import translate_bindings
from tui.panes.records import RecordPane


class FigurePane(RecordPane):
    """The records behind one figure of the review."""

    def __init__(self, kind: str, figure: tuple[str, date, date]) -> None:
        super().__init__(kind)
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
