"""Text boxes that keep what is pasted into them: its lines and tabs (a one-line box joins the
lines), never its control characters or escape sequences, and never more than the field takes.
Each posts Cleaned when it had to drop something, so the form can tell the operator."""

import re
import unicodedata
from typing import Literal

from textual import events
from textual.message import Message
from textual.widgets import Input, TextArea
from textual.widgets.text_area import EditResult, Location

# A terminal's escape sequences (CSI, OSC, two-character ones), then any lone control character.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str, *, one_line: bool) -> tuple[str, bool]:
    """`text` as a field keeps it, and whether something was dropped on the way."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if one_line:
        text = " ".join(part for part in text.split("\n"))
    kept = _CONTROLS.sub("", _ESCAPES.sub("", text))
    return unicodedata.normalize("NFC", kept), kept != text


class Cleaned(Message):
    """Something typed or pasted was dropped: control characters, or text beyond the limit."""

    def __init__(self, what: Literal["control", "cut"]) -> None:
        super().__init__()
        self.what = what


class TextField(Input):
    """A one-line box: a paste of several lines arrives joined by spaces, not cut to its first."""

    Cleaned = Cleaned

    def _on_paste(self, event: events.Paste) -> None:
        # Textual calls each class's handler in turn: this one inserts, Input's is skipped.
        event.stop()
        event.prevent_default()
        text, dropped = clean(event.text, one_line=True)
        if dropped:
            self.post_message(Cleaned("control"))
        if self.max_length:
            room = self.max_length - len(self.value) + len(self.selected_text)
            if len(text) > room:
                text = text[: max(room, 0)]
                self.post_message(Cleaned("cut"))
        if text:
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *selection)


class LongText(TextArea):
    """A box of several lines (a title, a summary) that stops at its field's limit."""

    Cleaned = Cleaned

    def __init__(self, text: str = "", *, limit: int | None = None, id: str | None = None) -> None:
        super().__init__(text, soft_wrap=True, tab_behavior="focus", compact=True, id=id)
        self.limit = limit

    async def _on_paste(self, event: events.Paste) -> None:
        # Textual calls each class's handler in turn: this one inserts, the others are skipped.
        event.stop()
        event.prevent_default()
        await super()._on_paste(event)

    def _replace_via_keyboard(
        self, insert: str, start: Location, end: Location
    ) -> EditResult | None:
        insert, dropped = clean(insert, one_line=False)
        if dropped:
            self.post_message(Cleaned("control"))
        if self.limit is not None:
            replaced = len(self.get_text_range(start, end))
            room = self.limit - len(self.text) + replaced
            if len(insert) > room:
                insert = insert[: max(room, 0)]
                self.post_message(Cleaned("cut"))
                if not insert and start == end:
                    return None
        return super()._replace_via_keyboard(insert, start, end)
