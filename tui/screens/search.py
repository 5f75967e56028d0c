"""Search every kind of record at once (ctrl+f), ignoring case and tone marks."""

import uuid
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from models import KINDS
from models.i18n import t
from models.listing import Filters
from models.text import harmless
from tui.base import ReportsFailures, giapranh
from tui.format import translate_bindings

# Every kind an operator lists: a recipient too (an officer's name finds their commendation).
SEARCHED = ("cases", "tips", "suspects", "campaigns", "award_decisions", "award_recipients")
PER_KIND = 8


class GlobalSearchScreen(ReportsFailures, ModalScreen[tuple[str, uuid.UUID] | None]):
    """Dismisses with (kind, id) of the record chosen."""

    AUTO_FOCUS = "#global-search-input"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "key.back", id="search.close"),
        Binding("down", "focus_results", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="global-search"):
            yield Static(t("search.global_title"), id="global-search-title")
            yield Input(
                placeholder=t("search.placeholder"),
                id="global-search-input",
                compact=True,
                select_on_focus=False,  # coming back from the results, typing goes on
            )
            yield OptionList(id="global-search-results", compact=True)

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    @on(Input.Changed, "#global-search-input")
    def _typed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @on(Input.Submitted, "#global-search-input")
    def action_focus_results(self) -> None:
        results = self.query_one("#global-search-results", OptionList)
        if results.option_count:
            results.focus()
            if results.highlighted is None:
                results.action_first()

    def on_key(self, event: events.Key) -> None:
        """Typing while the results have the cursor goes on in the search box (after Enter, or
        Down, the keys still count); Up from the first result goes back there too."""
        box = self.query_one("#global-search-input", Input)
        results = self.query_one("#global-search-results", OptionList)
        if not results.has_focus:
            return
        if event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            box.focus()
            box.cursor_position = len(box.value)
            box.insert_text_at_cursor(event.character)
        elif event.key == "backspace":
            event.stop()
            box.focus()
            box.cursor_position = len(box.value)
            box.action_delete_left()
        elif event.key == "up" and results.highlighted in (None, 0):
            event.stop()
            box.focus()

    @work(
        thread=True,
        exclusive=True,
        group="global-search",
        exit_on_error=False,
        description="work.search",
    )
    def _search(self, text: str) -> None:
        context = giapranh(self).context
        found: list[tuple[str, dict[str, object]]] = []
        if text.strip():
            for kind in SEARCHED:
                view = context.view(kind)
                rows = context.page(
                    view, Filters(search=text), view.default_sort, view.descending, 0, PER_KIND
                )
                found += [(kind, row) for row in rows]
        self.app.call_from_thread(self._show, text, found)

    def _show(self, text: str, found: list[tuple[str, dict[str, object]]]) -> None:
        if text != self.query_one("#global-search-input", Input).value:
            return  # typing went on; a newer search is coming
        results = self.query_one("#global-search-results", OptionList)
        results.clear_options()
        for kind, row in found:
            label = (
                f"{t(f'kind.{kind}')}: {row.get('code') or row.get('decision_no')}  "
                f"{row.get(KINDS[kind].title_field)}"
            )
            results.add_option(Option(Text(harmless(label)), id=f"{kind}:{row['id']}"))
        if not found and text.strip():
            results.add_option(Option(t("search.none"), disabled=True))

    @on(OptionList.OptionSelected, "#global-search-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            kind, _, record_id = event.option.id.partition(":")
            self.dismiss((kind, uuid.UUID(record_id)))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
