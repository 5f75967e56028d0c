"""Sixteen colours, as PuTTY shows them by default (`TERM=xterm`).

The app then uses the terminal's own palette (Textual's `ansi-dark` theme, and the
`-sixteen-colours` rules in app.tcss). `SixteenColours` brings every other colour down to the
nearest of the sixteen before the frame is written, as the terminal would: so a headless run
(the snapshot tests, the screenshots) shows what a 16-colour terminal shows.
"""

from functools import lru_cache

from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter


@lru_cache(1024)
def _standard(style: Style) -> Style:
    color, bgcolor = style.color, style.bgcolor
    low_color = color.downgrade(ColorSystem.STANDARD) if color is not None else None
    low_bgcolor = bgcolor.downgrade(ColorSystem.STANDARD) if bgcolor is not None else None
    if low_color is color and low_bgcolor is bgcolor:
        return style
    return style + Style.from_color(low_color, low_bgcolor)


class SixteenColours(LineFilter):
    """Every colour in a line as one of the terminal's sixteen."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            Segment(text, _standard(style), control) if style is not None else segment
            for segment in segments
            for text, style, control in (segment,)
        ]
