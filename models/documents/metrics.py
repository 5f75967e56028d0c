"""How wide a line of Times New Roman is, to size the header rules and split long issuer names.

Advance widths in 1/2048 em of Liberation Serif, which has Times New Roman's metrics (the font
LibreOffice uses in its place): printable ASCII and the Vietnamese letters that are wider than
their base letter (Đ, Ơ, Ư). A letter with tone marks is as wide as the letter without them.
"""

from __future__ import annotations

import unicodedata

_EM = 2048
_MM_PER_POINT = 25.4 / 72
_CHARACTERS = "".join(map(chr, range(32, 127))) + "ĐđƠơƯư"
_HORN = "\u031b"
# fmt: off
_REGULAR = (
    512, 682, 836, 1024, 1024, 1706, 1593, 369, 682, 682, 1024, 1155, 512, 682, 512, 569, 1024,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 569, 569, 1155, 1155, 1155, 909, 1886,
    1479, 1366, 1366, 1479, 1251, 1139, 1479, 1479, 682, 797, 1479, 1251, 1821, 1479, 1479, 1139,
    1479, 1366, 1139, 1251, 1479, 1479, 1933, 1479, 1479, 1251, 682, 569, 682, 961, 1024, 682, 909,
    1024, 909, 1024, 909, 682, 1024, 1024, 569, 569, 1024, 569, 1593, 1024, 1024, 1024, 1024, 682,
    797, 569, 1024, 1024, 1479, 1024, 1024, 909, 983, 410, 983, 1108, 1479, 1024, 1479, 1083, 1589,
    1110,
)
# fmt: on
# fmt: off
_BOLD = (
    512, 682, 1137, 1024, 1024, 2048, 1706, 569, 682, 682, 1024, 1167, 512, 682, 512, 569, 1024,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 682, 682, 1167, 1167, 1167, 1024, 1905,
    1479, 1366, 1479, 1479, 1366, 1251, 1593, 1593, 797, 1024, 1593, 1366, 1933, 1479, 1593, 1251,
    1593, 1479, 1139, 1366, 1479, 1479, 2048, 1479, 1479, 1366, 682, 569, 682, 1190, 1024, 682,
    1024, 1139, 909, 1139, 909, 682, 1024, 1139, 569, 682, 1139, 569, 1706, 1139, 1024, 1139, 1139,
    909, 797, 682, 1139, 1024, 1479, 1024, 1024, 909, 807, 451, 807, 1065, 1479, 1139, 1593, 1134,
    1630, 1229,
)
# fmt: on
_WIDTHS = {
    False: dict(zip(_CHARACTERS, _REGULAR, strict=True)),
    True: dict(zip(_CHARACTERS, _BOLD, strict=True)),
}


def _base_letter(character: str) -> str:
    """The letter ("Ồ" → "O", "ừ" → "ư") without its tone mark (a horn stays, it is wider)."""
    decomposed = unicodedata.normalize("NFD", character)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) or c == _HORN)
    return unicodedata.normalize("NFC", kept)


def text_width_mm(text: str, size_pt: float, bold: bool = False) -> float:
    """The printed width of `text` on one line; an unknown character counts as an "n"."""
    widths = _WIDTHS[bold]
    fallback = widths["n"]
    total = sum(
        widths.get(c, widths.get(_base_letter(c), fallback))
        for c in unicodedata.normalize("NFC", text)
    )
    return total / _EM * size_pt * _MM_PER_POINT


# Where a Vietnamese name or title reads well split in two: before the level of an
# administrative unit ("ỦY BAN NHÂN DÂN / THÀNH PHỐ QUI NHƠN"), never inside a compound word
# ("CÔNG / AN", "NHÂN / DÂN", "THÀNH / PHỐ").
_BREAK_BEFORE = {"tỉnh", "thành", "thị", "huyện", "quận", "xã", "phường", "của", "năm"}
_NO_BREAK_AFTER = {"công", "ủy", "nhân", "thành", "thị", "phó", "chủ", "giám", "cảnh", "bảo"}
_GOOD_BREAK_MM = 15.0


def balanced_lines(text: str, size_pt: float, bold: bool, width_mm: float) -> list[str]:
    """`text` as one line if it fits in `width_mm`, else as few lines as fit, split between
    words so the lines are as even as they can be; on two lines, a split before an
    administrative level or after a comma is preferred, and a compound word is never split."""
    words = text.split()
    if text_width_mm(text, size_pt, bold) <= width_mm or len(words) < 2:
        return [" ".join(words)]
    two = [
        [" ".join(words[:cut]), " ".join(words[cut:])]
        for cut in range(1, len(words))
        if words[cut - 1].casefold() not in _NO_BREAK_AFTER
    ]
    fitting = [lines for lines in two if _widest(lines, size_pt, bold) <= width_mm]
    if fitting:
        return min(fitting, key=lambda lines: _split_cost(lines, size_pt, bold))
    for count in range(3, len(words) + 1):
        best = _best_split(words, count, size_pt, bold)
        if _widest(best, size_pt, bold) <= width_mm:
            return best
    return words


def _widest(lines: list[str], size_pt: float, bold: bool) -> float:
    return max(text_width_mm(line, size_pt, bold) for line in lines)


def _split_cost(lines: list[str], size_pt: float, bold: bool) -> float:
    first, second = lines
    good = second.split()[0].casefold() in _BREAK_BEFORE or first.endswith(",")
    return _widest(lines, size_pt, bold) - (_GOOD_BREAK_MM if good else 0.0)


def _best_split(words: list[str], count: int, size_pt: float, bold: bool) -> list[str]:
    """The split into `count` lines whose widest line is narrowest."""
    if count == 1:
        return [" ".join(words)]
    candidates = []
    for cut in range(1, len(words) - count + 2):
        rest = _best_split(words[cut:], count - 1, size_pt, bold)
        candidates.append([" ".join(words[:cut]), *rest])
    return min(candidates, key=lambda lines: _widest(lines, size_pt, bold))
