"""The records behind a figure, as a table: the report's appendix and a sheet of the workbook."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from math import ceil
from typing import Literal

from models.documents.metrics import text_width_mm
from models.documents.wording import number
from models.i18n import register, t

ColumnKind = Literal["text", "date", "number"]

MESSAGES: dict[str, tuple[str, str]] = {
    "doc.yes": ("có", "yes"),
    "doc.no": ("không", "no"),
}
register(MESSAGES)


@dataclass(frozen=True)
class Column:
    """One column: the row key it shows, its heading, and its kind (a "number" is printed with
    a thousands dot and stored as a number; a "date" as a date). Widths are measured."""

    key: str
    label: str
    kind: ColumnKind = "text"


@dataclass(frozen=True)
class RecordTable:
    """The records behind one figure: `rows` are plain dicts keyed by the columns' keys."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[Mapping[str, object], ...]
    figure: str = ""


def shown(value: object, kind: ColumnKind = "text") -> str:
    """A cell as a document prints it: dates dd/mm/yyyy, numbers with a thousands dot."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return t("doc.yes" if value else "doc.no")
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if kind == "number" and isinstance(value, int | float | Decimal):
        return number(value, 0 if isinstance(value, int) else 2, trim=True)
    if isinstance(value, Sequence) and not isinstance(value, str):
        return "; ".join(shown(item) for item in value)
    return str(value)


# A wrapped line holds a little less than its width: the words do not fill it to the end.
_WRAP_WASTE = 1.06


def fit_widths(
    heads: Sequence[str],
    rows: Sequence[Sequence[str]],
    total_mm: float,
    size_pt: float,
    padding_mm: float,
) -> list[float]:
    """Column widths that fill `total_mm`, measured from the text so that the table is short.

    Every column holds its longest word (a code or a date never breaks). Then the fewest lines
    `h` such that every row fits in `h` lines within the width; then the width left goes, a
    step at a time, where it saves the most lines of the table per millimetre (a row is as
    tall as its tallest cell; ties parted by the cells' own lines); what is left after that is
    shared among the columns that would still wrap, or among all.
    """
    slack = 2 * padding_mm + 0.8
    table = [[(head, True) for head in heads], *([(text, False) for text in row] for row in rows)]
    widths_of = [[text_width_mm(text, size_pt, bold) for text, bold in row] for row in table]
    words_of = [
        [
            max(text_width_mm(word, size_pt, bold) for word in text.split() or [""])
            for text, bold in row
        ]
        for row in table
    ]
    columns = range(len(heads))
    least = [max(row[i] for row in words_of) + slack for i in columns]
    natural = [max(row[i] for row in widths_of) + slack for i in columns]
    if sum(least) >= total_mm:
        return _rounded([total_mm * width / sum(least) for width in least], total_mm)
    if sum(natural) <= total_mm:
        extra = total_mm - sum(natural)
        return _rounded([width + extra * width / sum(natural) for width in natural], total_mm)
    widths = least
    for lines in range(2, 50):
        needed = [
            max(
                max(
                    _room_for(row[i], word[i], lines)
                    for row, word in zip(widths_of, words_of, strict=True)
                )
                + slack,
                least[i],
            )
            for i in columns
        ]
        if sum(needed) <= total_mm:
            widths = needed
            break
    spare = total_mm - sum(widths)
    height = _height(widths_of, widths, slack)
    while spare > 0.1:
        best: tuple[float, int, float, int] | None = None
        for index in columns:
            room = widths[index] - slack
            steps = [_fewer_lines_at(row[index], room) for row in widths_of if row[index] > room]
            if not steps:
                continue
            target = max(min(steps), room + 0.1) + slack
            if target - widths[index] > spare:
                continue
            trial = [*widths[:index], target, *widths[index + 1 :]]
            trial_height = _height(widths_of, trial, slack)
            gain = (height - trial_height) / (target - widths[index])
            if best is None or gain > best[0]:
                best = (gain, index, target, trial_height)
        if best is None or best[0] <= 0:
            break
        _, index, target, height = best
        spare -= target - widths[index]
        widths = [*widths[:index], target, *widths[index + 1 :]]
    wanting = [max(natural[i] - widths[i], 0.0) for i in columns]
    shares = wanting if sum(wanting) else widths
    widths = [
        width + spare * share / sum(shares) for width, share in zip(widths, shares, strict=True)
    ]
    return _rounded(widths, total_mm)


def _lines(width: float, room: float) -> int:
    """About how many lines a text `width` long takes in `room` millimetres."""
    return 1 if width <= room else max(2, ceil(width * _WRAP_WASTE / room))


def _room_for(width: float, longest_word: float, lines: int) -> float:
    """About the room a text needs to take at most `lines` lines."""
    return (
        width
        if lines == 1 or width <= longest_word
        else max(width * _WRAP_WASTE / lines, longest_word)
    )


def _height(widths_of: Sequence[Sequence[float]], widths: Sequence[float], slack: float) -> int:
    """The table's lines (each row as tall as its tallest cell), then, to part ties, its
    cells' lines: a step that shortens no row yet may let the next one."""
    rooms = [width - slack for width in widths]
    rows = [
        [_lines(text, room) for text, room in zip(row, rooms, strict=True)] for row in widths_of
    ]
    return sum(max(lines) for lines in rows) * 10_000 + sum(sum(lines) for lines in rows)


def _fewer_lines_at(width: float, room: float) -> float:
    """The least room above `room` at which a text `width` long takes one line fewer."""
    lines = max(2, ceil(width * _WRAP_WASTE / room))
    return width if lines == 2 else width * _WRAP_WASTE / (lines - 1)


def _rounded(widths: Sequence[float], total_mm: float) -> list[float]:
    """Widths to a tenth of a millimetre that still add up to `total_mm`."""
    rounded = [round(width, 1) for width in widths]
    rounded[-1] = round(total_mm - sum(rounded[:-1]), 1)
    return rounded
