"""Vietnamese text typed in the old 8-bit encodings, turned into NFC Unicode.

A cell typed in a TCVN3 (ABC) or VNI font holds the font's bytes as if they were Western
letters: "Hà Nội" in `.VnTime` is stored as "Hµ Néi", in `VNI-Times` as "Haø Noäi". What a cell
holds is its *surface*: those Western letters (U+0000–U+00FF, and the cp1252 punctuation a
Windows keyboard makes of 0x80–0x9F). `convert(surface, encoding)` reads it back.

- TCVN3 (TCVN 5712:1993, VN3): one byte per letter. The table is the lower-case part of the
  standard plus the seven base capitals Ă Â Ê Ô Ơ Ư Đ (checked against glibc's TCVN5712-1 in the
  tests). VN3 has no toned capitals: they were typed with the same bytes in a capital font,
  `.VnTimeH`, `.VnArialH`, … (`TCVN3_CAPITALS`), which draws every letter as a capital.
- VNI (VNI-Windows): a base letter followed by a mark character; ơ ư đ, the tones of i and ỵ
  are single characters (checked against UniKey's VNI-WIN table in the tests).
- Windows-1258: base letters and combining tone bytes; Python's codec reads them, NFC joins.

`font_encoding(name)` says what a font name means; `detect(text)` guesses, when no font is
known, by scoring each reading as Vietnamese (see models.registers.syllables).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache

from models.registers.syllables import score

TCVN3 = "tcvn3"
TCVN3_CAPITALS = "tcvn3-capitals"  # TCVN3 in an "H" font: every letter drawn as a capital
VNI = "vni"
CP1258 = "cp1258"
UNICODE = "unicode"  # the text is already what it says
LEGACY = (TCVN3, TCVN3_CAPITALS, VNI, CP1258)
MARGIN = 2

_TCVN3_SURFACE = "¸µ¶·¹¨¾»¼½Æ©ÊÇÈÉËÐÌÎÏÑªÕÒÓÔÖÝ×ØÜÞãßáâä«èåæçé¬íêëìîóïñòô\xadøõö÷ùýúûüþ®¡¢£¤¥¦§"
_TCVN3_LETTERS = "áàảãạăắằẳẵặâấầẩẫậéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵđĂÂÊÔƠƯĐ"
_TCVN3_TABLE = str.maketrans(_TCVN3_SURFACE, _TCVN3_LETTERS)

# VNI marks, in the order acute, grave, hook, tilde, dot below (lower case; upper case marks
# are the capitals of the same Latin-1 letters).
_VNI_TONES = "ùøûõï"
_VNI_HAT_TONES = "áàåãä"  # circumflex + tone, after a, e, o
_VNI_BREVE_TONES = "éèúüë"  # breve + tone, after a
_TONE_MARKS = "\u0301\u0300\u0309\u0303\u0323"
_VNI_SINGLES = {
    "ñ": "đ",
    "ô": "ơ",
    "ö": "ư",
    "í": "í",
    "ì": "ì",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "î": "ỵ",
}


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}

    def add(surface: str, letter: str) -> None:
        letter = unicodedata.normalize("NFC", letter)
        table[surface] = letter
        table[surface.upper()] = letter.upper()

    for surface, letter in _VNI_SINGLES.items():
        add(surface, letter)
    for base, letter in [("a", "a"), ("e", "e"), ("o", "o"), ("u", "u"), ("y", "y")]:
        for mark, tone in zip(_VNI_TONES, _TONE_MARKS, strict=True):
            add(base + mark, letter + tone)
    for base, letter in [("ô", "ơ"), ("ö", "ư")]:
        for mark, tone in zip(_VNI_TONES, _TONE_MARKS, strict=True):
            add(base + mark, letter + tone)
    for base in "aeo":
        add(base + "â", base + "\u0302")
        for mark, tone in zip(_VNI_HAT_TONES, _TONE_MARKS, strict=True):
            add(base + mark, base + "\u0302" + tone)
    add("aê", "ă")
    for mark, tone in zip(_VNI_BREVE_TONES, _TONE_MARKS, strict=True):
        add("a" + mark, "a\u0306" + tone)
    return table


_VNI_TABLE = _vni_table()
# One left-to-right scan, longest sequence first, so a letter made is never read again.
_VNI_PATTERN = re.compile(
    "|".join(re.escape(key) for key in sorted(_VNI_TABLE, key=len, reverse=True))
)

# What a cell may hold if it is a legacy surface: Latin-1 and the cp1252 punctuation.
_CP1252_EXTRA = "".join(
    char for char in bytes(range(0x80, 0xA0)).decode("cp1252", "ignore") if ord(char) > 0xFF
)
_NOT_SURFACE = re.compile(f"[^\\x00-\\xff{re.escape(_CP1252_EXTRA)}]")


def _surface_errors(error: UnicodeError) -> tuple[str | bytes, int]:
    """Bytes cp1252 leaves undefined read as Latin-1, and written back the same way."""
    if isinstance(error, UnicodeDecodeError):
        return chr(error.object[error.start]), error.start + 1
    if isinstance(error, UnicodeEncodeError):
        char = error.object[error.start]
        if ord(char) <= 0xFF:
            return bytes([ord(char)]), error.start + 1
    raise error


codecs.register_error("giapranh.surface", _surface_errors)


def surface_of(raw: bytes) -> str:
    """8-bit bytes as the letters Windows shows for them (cp1252, else Latin-1)."""
    return raw.decode("cp1252", "giapranh.surface")


def is_surface(text: str) -> bool:
    """Whether `text` could be a legacy surface: not plain ASCII, nothing beyond cp1252."""
    return not text.isascii() and not _NOT_SURFACE.search(text)


def font_encoding(name: str | None) -> str | None:
    """The encoding a font implies: TCVN3 for `.Vn…`, VNI for `VNI-…`, else Unicode."""
    if not name:
        return None
    name = name.strip()
    folded = name.casefold()
    if folded.startswith(".vn"):
        return TCVN3_CAPITALS if name.endswith("H") else TCVN3
    if folded.startswith(("vni-", "vni ")):
        return VNI
    return UNICODE


def convert(text: str, encoding: str) -> str:
    """The NFC text a legacy surface stands for (unchanged for UNICODE)."""
    if encoding == UNICODE:
        return text
    if encoding in (TCVN3, TCVN3_CAPITALS):
        converted = text.translate(_TCVN3_TABLE)
        if encoding == TCVN3_CAPITALS:
            converted = converted.upper()
    elif encoding == VNI:
        converted = _VNI_PATTERN.sub(lambda match: _VNI_TABLE[match.group()], text)
    elif encoding == CP1258:
        converted = text.encode("cp1252", "giapranh.surface").decode("cp1258", "replace")
    else:
        raise ValueError(encoding)
    return unicodedata.normalize("NFC", converted)


_CAPITAL_INSIDE = re.compile(r"\w*[a-zà-ỹ]\w*")


def _capitals_font_guess(text: str) -> str:
    """TCVN3 read without its font: a word like "NGàY" was typed in an H font, so "NGÀY"."""

    def fix(match: re.Match[str]) -> str:
        word = match.group()
        return word.upper() if any(char.isupper() for char in word[1:]) else word

    return _CAPITAL_INSIDE.sub(fix, text)


def _readings(text: str) -> list[tuple[str, str]]:
    readings = [(UNICODE, text), (TCVN3, _capitals_font_guess(convert(text, TCVN3)))]
    readings.append((VNI, convert(text, VNI)))
    try:
        readings.append((CP1258, unicodedata.normalize("NFC", _strict_cp1258(text))))
    except UnicodeError:
        pass
    return readings


def _strict_cp1258(text: str) -> str:
    return text.encode("cp1252", "giapranh.surface").decode("cp1258")


def detect(text: str) -> tuple[str, str]:
    """(encoding, NFC text) for a cell with no font to go by: the reading that scores best as
    Vietnamese; the text as it is (UNICODE) unless another reading is clearly better: by at
    least MARGIN, a word that is no syllable (-1) becoming one (+1)."""
    if not is_surface(text):
        return UNICODE, unicodedata.normalize("NFC", text)
    return _detect_surface(text)


@lru_cache(maxsize=16384)
def _detect_surface(text: str) -> tuple[str, str]:
    as_is = score(text)
    best_encoding, best_text, best_score = UNICODE, text, as_is + MARGIN - 1
    for encoding, reading in _readings(text)[1:]:
        reading_score = score(reading)
        if reading_score > best_score:
            best_encoding, best_text, best_score = encoding, reading, reading_score
    return best_encoding, unicodedata.normalize("NFC", best_text)


@lru_cache(maxsize=8192)  # a register repeats its units, statuses and names
def read_text(text: str, font: str | None) -> tuple[str, str]:
    """(encoding, NFC text) of a cell whose font implies `font` (an encoding, or None unknown).

    A legacy font decides, unless the cell holds letters no legacy font has (it was typed in
    Unicode); with no font the text is scored (`detect`).
    """
    if text.isascii():
        if font == TCVN3_CAPITALS and text.upper() != text:
            return TCVN3_CAPITALS, text.upper()
        return UNICODE, text
    if font is None:
        return detect(text)
    if font != UNICODE and is_surface(text):
        return font, convert(text, font)
    return UNICODE, unicodedata.normalize("NFC", text)
