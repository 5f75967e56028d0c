"""A list of choices ticked with `[x]` and left with `[ ]`: in the text's own colours, so it reads
the same in 16 colours and 256, on a black terminal and a white one (Textual's own boxes differ
only by colour, and in 16 colours an unticked one is black on black)."""

from typing import Generic, TypeVar

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widgets import SelectionList

Value = TypeVar("Value")


class TickList(SelectionList[Value], Generic[Value]):
    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        segments = list(line)
        if len(segments) < 4 or segments[0].text != "▐":
            return line  # not an option's line (past the last one)
        box, text = segments[:4], segments[4:]
        index = (box[1].style.meta if box[1].style else {}).get("option")
        ticked = index is not None and self.get_option_at_index(index).value in self._selected
        plain = (text[0].style if text else None) or self.rich_style
        meta = Style(meta={"option": index})
        mark = plain + Style(bold=True) + meta
        return Strip(
            [
                Segment("[", plain + meta),
                Segment("x" if ticked else " ", mark),
                Segment("]", plain + meta),
                Segment(" ", plain),
                *text,
            ],
            line.cell_length,
        )
