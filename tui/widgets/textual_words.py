"""Textual's own words, in the operator's language: the key descriptions its widgets show in the
footer (a drop-down's "Dismiss menu", the command palette's) and the palette's "No matches found".

Textual keeps one map of bindings per widget class, copied into each widget it makes; the app's
language is the process's (models.i18n), so `translate_textual` rewrites those maps once per
app, from the originals kept here (a switch of language rewrites them again).
"""

from dataclasses import replace
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.binding import BindingsMap
from textual.command import CommandList, CommandPalette
from textual.widgets._select import SelectOverlay
from textual.widgets.option_list import Option

from models.i18n import t

# Textual's English, each with its catalogue key (tui/messages.py).
TEXTUAL_WORDS = {
    "Dismiss menu": "textual.dismiss_menu",
    "Exit the command palette": "textual.exit_palette",
    "Go to bottom": "textual.bottom",
    "Go to top": "textual.top",
    "Next command": "textual.next_command",
    "Previous command": "textual.previous_command",
    "Next page": "textual.next_page",
    "Previous page": "textual.previous_page",
}
TRANSLATED: tuple[type[Any], ...] = (SelectOverlay, CommandPalette)
_ORIGINALS: dict[type[Any], BindingsMap] = {}


def translate_textual() -> None:
    """Textual's widgets' key descriptions in the current language, for widgets made from now."""
    for cls in TRANSLATED:
        original = _ORIGINALS.setdefault(cls, cls._merged_bindings or BindingsMap())
        cls._merged_bindings = BindingsMap.from_keys(
            {
                key: [
                    replace(binding, description=t(TEXTUAL_WORDS[binding.description]))
                    if binding.description in TEXTUAL_WORDS
                    else binding
                    for binding in bindings
                ]
                for key, bindings in original.key_to_bindings.items()
            }
        )


class Palette(CommandPalette):
    """The command palette, which says "no matches" in the operator's language."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(t("search.none"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
