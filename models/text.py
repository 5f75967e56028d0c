"""Vietnamese text and date handling: normalisation, search keys, sort keys, display formats."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any

_COMBINING = re.compile(r"[\u0300-\u036f]")
_SPACES = re.compile(r"\s+")
# Terminal control: C0 (except tab/newline), DEL, C1. Never stored, so never echoed to a terminal.
_C0_C1 = r"\x00-\x08\x0b-\x1f\x7f-\x9f"
# Invisible format characters (Unicode category Cf) and the line and paragraph separators (Zl, Zp):
# bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069: PuTTY and others reorder
# the text around them, so a name can be spoofed), zero-width spaces and joiners (U+200B-U+200D,
# U+2060, U+FEFF: a row shifts by their width on some terminals), soft hyphen, tags. The list is
# checked against unicodedata by tests/test_terminal_safety.py.
_INVISIBLE = (
    r"\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    r"\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    r"\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    r"\U000e0020-\U000e007f"
)
# Zero-width characters a pasted text often carries; dropped on input rather than refused.
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_CONTROL = re.compile(f"[{_C0_C1}{_INVISIBLE}]")
# Spelling variants that people type interchangeably ("Qui Nhơn" / "Quy Nhơn").
_WORD_ALIASES = {"qui": "quy"}


def nfc(text: str) -> str:
    """Unicode NFC with surrounding whitespace removed: how every text is stored."""
    return unicodedata.normalize("NFC", text).strip()


def without_zero_width(text: str) -> str:
    """`text` without zero-width spaces and joiners (invisible, so never meant)."""
    return _ZERO_WIDTH.sub("", text)


_C0_C1_FOUND = re.compile(f"[{_C0_C1}]")


def has_control_characters(text: str) -> bool:
    """Control characters (C0 but tab and newline, DEL, C1): refused in every stored text."""
    return bool(_C0_C1_FOUND.search(text))


def has_invisible_characters(text: str) -> bool:
    """Bidi overrides and other invisible format characters: refused in every stored text."""
    return bool(_CONTROL.search(text))


_UNPRINTABLE = re.compile(f"[\t\n{_C0_C1}{_INVISIBLE}]")


def printable(text: str, limit: int = 80) -> str:
    """`text` safe to echo to a terminal on one line: control and invisible characters spelled
    out (`\\x1b`, `\\u202e`), cut short.

    For messages that quote what someone typed or a file held (it may be hostile).
    """
    shown = _spelled_out(_UNPRINTABLE, text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def harmless(value: Any) -> Any:
    """`value` as it may be shown on a terminal: a string's control characters (an escape
    sequence that slipped into the database some other way), bidi overrides and zero-width
    characters spelled out as `\\x1b` or `\\u202e`, so they are seen, never obeyed. Line breaks
    and tabs stay."""
    if not isinstance(value, str):
        return value
    return _spelled_out(_CONTROL, value)


# Like _CONTROL, but a CR that ends a line (CSV's CR LF) stays: a lone CR would overwrite the line.
_TERMINAL_UNSAFE = re.compile(rf"\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_INVISIBLE}]")


def for_terminal(text: str) -> str:
    """`text` as the command line writes it to a terminal: like `harmless`, but the line ends
    a CSV writes (CR LF) stay."""
    return _spelled_out(_TERMINAL_UNSAFE, text)


def _spelled_out(characters: re.Pattern[str], text: str) -> str:
    return characters.sub(_spelling, text)


def _spelling(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def fold(text: str) -> str:
    """The search key of a text: no case, no tone marks, đ→d, single spaces.

    >>> fold("Đèo  Cù Mông")
    'deo cu mong'
    """
    stripped = _COMBINING.sub("", unicodedata.normalize("NFD", text))
    stripped = stripped.replace("đ", "d").replace("Đ", "D").casefold()
    words = _SPACES.split(stripped.strip())
    return " ".join(_WORD_ALIASES.get(word, word) for word in words)


def _folded_char(char: str) -> str:
    stripped = _COMBINING.sub("", unicodedata.normalize("NFD", char))
    return stripped.replace("đ", "d").replace("Đ", "D").casefold()


def find_words(text: str, search: str) -> list[tuple[int, int]]:
    """Where the words of `search` occur in `text`, as (start, end) character spans of `text`,
    compared as search compares them (models.text.fold: no case, no tone marks).

    >>> find_words("Xã Xuân Hải", "xuan hai")
    [(3, 7), (8, 11)]
    """
    text = unicodedata.normalize("NFC", text)
    folded, origin = [], []
    for index, char in enumerate(text):
        for piece in _folded_char(char):
            folded.append(piece)
            origin.append(index)
    haystack = "".join(folded)
    spans = []
    for word in dict.fromkeys(_SPACES.split(fold(search))):
        if not word:
            continue
        start = haystack.find(word)
        while start >= 0:
            spans.append((origin[start], origin[start + len(word) - 1] + 1))
            start = haystack.find(word, start + len(word))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# Vietnamese collation (CLDR `vi`): letters a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư;
# tone marks are a secondary difference: none < grave < hook < tilde < acute < dot below.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter


def _letter_keys(word: str) -> tuple[str, str]:
    primary, secondary = [], []
    for char in unicodedata.normalize("NFC", word.casefold()):
        decomposed = unicodedata.normalize("NFD", char)
        base = "".join(c for c in decomposed if not unicodedata.combining(c) or c in _LETTER_MARKS)
        tone = next((_TONES[c] for c in decomposed if c in _TONES), 0)
        letter = unicodedata.normalize("NFC", base)
        if letter in _ALPHABET:
            primary.append(f"{_ALPHABET.index(letter) + 10:02d}")
        elif letter.isdigit():
            primary.append(f"0{letter}")
        else:
            continue
        secondary.append(str(tone))
    return "".join(primary), "".join(secondary)


def person_sort_key(full_name: str) -> str:
    """A key that sorts people by given name (the last word), then the rest, in Vietnamese order.

    Only digits, so databases with any collation order it the same way as Python does.
    """
    words = nfc(full_name).split()
    if not words:
        return ""
    # Per word: letters, then tone marks (secondary); words are compared in turn. Two words with
    # the same letters have as many tone digits, so the separators line up.
    ordered = [words[-1], *words[:-1]]
    return "9".join(f"{primary}00{secondary}" for primary, secondary in map(_letter_keys, ordered))


def parse_date(value: str | date) -> date:
    """A date typed as dd/mm/yyyy (also d/m/yyyy) or ISO yyyy-mm-dd."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return date.fromisoformat(text)
    match = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)
    if not match:
        raise ValueError(text)
    day, month, year = (int(part) for part in match.groups())
    return date(year, month, day)


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def format_percent(ratio: float, decimals: int = 1, decimal_separator: str = ",") -> str:
    """0.8857 → '88,6%' (Vietnamese decimal comma by default)."""
    return f"{ratio * 100:.{decimals}f}".replace(".", decimal_separator) + "%"
