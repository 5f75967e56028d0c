"""Every key, by where it works, in the operator's language."""

import io
from typing import ClassVar

from rich.console import Console
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from models.i18n import MESSAGES, t
from tui.format import translate_bindings


def key_name(key: str) -> str:
    names = {
        "question_mark": "?",
        "slash": "/",
        "escape": "Esc",
        "enter": "Enter",
        "ctrl+": "Ctrl+",
        "pageup": "PgUp",
        "pagedown": "PgDn",
        "left_square_bracket": "[",
        "right_square_bracket": "]",
        "delete": "Del",
    }
    shown = key
    for name, display in names.items():
        shown = shown.replace(name, display)
    return shown


def keys_table(sections: list[tuple[str | Text, list[BindingType]]]) -> Table:
    """The keys by section; a section's title is a message key, or a Text already in words."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", min_width=10)
    table.add_column()
    for title, bindings in sections:
        heading = title.copy() if isinstance(title, Text) else Text(t(title))
        heading.stylize("bold underline")
        table.add_row(heading, "")
        for binding in bindings:
            if not isinstance(binding, Binding) or binding.description not in MESSAGES:
                continue
            keys = " / ".join(key_name(key) for key in binding.key.split(","))
            table.add_row(keys, t(binding.description))
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    AUTO_FOCUS = "#help"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "key.back", id="help.close"),
    ]

    def __init__(self, sections: list[tuple[str | Text, list[BindingType]]]) -> None:
        super().__init__()
        translate_bindings(self)
        self.sections = sections

    def text(self) -> str:
        """The help as plain text."""
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(keys_table(self.sections))
        return console.export_text()

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Text(t("help.title"), style="bold"), id="help-title")
            yield Static(keys_table(self.sections), id="help-keys")
            yield Static(t("help.close"), id="help-close")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
