"""Legacy Vietnamese text reads back letter for letter: TCVN3 against glibc's TCVN 5712:1993
codec, VNI against UniKey's VNI-Windows table, Windows-1258 against Python's codec; and text
without a font is read in the encoding that makes Vietnamese of it."""

import shutil
import subprocess
import unicodedata

import pytest

from models.registers import legacy
from models.registers.legacy import CP1258, TCVN3, TCVN3_CAPITALS, UNICODE, VNI
from tests.registerfiles import cp1258_bytes

TONES = [
    "",
    "\u0301",
    "\u0300",
    "\u0309",
    "\u0303",
    "\u0323",
]  # none, acute, grave, hook, tilde, dot
BASES = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
LOWER = [
    letter
    for base in BASES
    for tone in TONES
    if not (letter := unicodedata.normalize("NFC", base + tone)).isascii()
] + ["đ"]
UPPER = [letter.upper() for letter in LOWER]

# UniKey's VNI-WIN table (ukengine/data.cpp, Pham Kim Long): per vowel, for no tone, acute,
# grave, hook, tilde and dot below, the capital's and the small letter's word, base letter in
# the low byte, mark (if any) in the high byte.
UNIKEY_VNI = {
    "a": [
        0x41,
        0x61,
        0xD941,
        0xF961,
        0xD841,
        0xF861,
        0xDB41,
        0xFB61,
        0xD541,
        0xF561,
        0xCF41,
        0xEF61,
    ],
    "â": [
        0xC241,
        0xE261,
        0xC141,
        0xE161,
        0xC041,
        0xE061,
        0xC541,
        0xE561,
        0xC341,
        0xE361,
        0xC441,
        0xE461,
    ],
    "ă": [
        0xCA41,
        0xEA61,
        0xC941,
        0xE961,
        0xC841,
        0xE861,
        0xDA41,
        0xFA61,
        0xDC41,
        0xFC61,
        0xCB41,
        0xEB61,
    ],
    "e": [
        0x45,
        0x65,
        0xD945,
        0xF965,
        0xD845,
        0xF865,
        0xDB45,
        0xFB65,
        0xD545,
        0xF565,
        0xCF45,
        0xEF65,
    ],
    "ê": [
        0xC245,
        0xE265,
        0xC145,
        0xE165,
        0xC045,
        0xE065,
        0xC545,
        0xE565,
        0xC345,
        0xE365,
        0xC445,
        0xE465,
    ],
    "i": [0x49, 0x69, 0xCD, 0xED, 0xCC, 0xEC, 0xC6, 0xE6, 0xD3, 0xF3, 0xD2, 0xF2],
    "o": [
        0x4F,
        0x6F,
        0xD94F,
        0xF96F,
        0xD84F,
        0xF86F,
        0xDB4F,
        0xFB6F,
        0xD54F,
        0xF56F,
        0xCF4F,
        0xEF6F,
    ],
    "ô": [
        0xC24F,
        0xE26F,
        0xC14F,
        0xE16F,
        0xC04F,
        0xE06F,
        0xC54F,
        0xE56F,
        0xC34F,
        0xE36F,
        0xC44F,
        0xE46F,
    ],
    "ơ": [
        0xD4,
        0xF4,
        0xD9D4,
        0xF9F4,
        0xD8D4,
        0xF8F4,
        0xDBD4,
        0xFBF4,
        0xD5D4,
        0xF5F4,
        0xCFD4,
        0xEFF4,
    ],
    "u": [
        0x55,
        0x75,
        0xD955,
        0xF975,
        0xD855,
        0xF875,
        0xDB55,
        0xFB75,
        0xD555,
        0xF575,
        0xCF55,
        0xEF75,
    ],
    "ư": [
        0xD6,
        0xF6,
        0xD9D6,
        0xF9F6,
        0xD8D6,
        0xF8F6,
        0xDBD6,
        0xFBF6,
        0xD5D6,
        0xF5F6,
        0xCFD6,
        0xEFF6,
    ],
    "y": [0x59, 0x79, 0xD959, 0xF979, 0xD859, 0xF879, 0xDB59, 0xFB79, 0xD559, 0xF579, 0xCE, 0xEE],
}


def unikey_vni() -> dict[str, str]:
    surface = {"Đ": "\xd1", "đ": "\xf1"}
    for base, words in UNIKEY_VNI.items():
        for position, tone in enumerate(TONES):
            small = unicodedata.normalize("NFC", base + tone)
            for letter, word in (
                (small.upper(), words[2 * position]),
                (small, words[2 * position + 1]),
            ):
                surface[letter] = chr(word & 0xFF) + (chr(word >> 8) if word >> 8 else "")
    return {letter: text for letter, text in surface.items() if not letter.isascii()}


def glibc_tcvn(text: str) -> str | None:
    """`text` encoded by glibc's TCVN5712-1 (TCVN 5712:1993, VN1), as the surface a cell shows."""
    if shutil.which("iconv") is None:
        return None
    done = subprocess.run(
        ["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=text.encode(), capture_output=True
    )
    return done.stdout.decode("latin-1") if done.returncode == 0 else None


def test_all_134_letters_are_counted() -> None:
    assert len(LOWER) == 67 and len(set(LOWER + UPPER)) == 134


def test_every_small_tcvn3_letter_and_base_capital_reads_back_as_glibc_encodes_it() -> None:
    letters = LOWER + ["Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"]
    surface = glibc_tcvn("".join(letters))
    if surface is None:
        pytest.skip("iconv has no TCVN5712-1 here")
    assert len(surface) == len(letters)  # one byte per letter, as VN3 has it
    assert legacy.convert(surface, TCVN3) == "".join(letters)


def test_a_capital_font_gives_every_toned_capital_from_the_small_letters_bytes() -> None:
    surface = glibc_tcvn("".join(LOWER))
    if surface is None:
        pytest.skip("iconv has no TCVN5712-1 here")
    assert legacy.convert(surface, TCVN3_CAPITALS) == "".join(UPPER)
    assert legacy.read_text(surface, TCVN3_CAPITALS) == (TCVN3_CAPITALS, "".join(UPPER))


@pytest.mark.parametrize("letter", LOWER + UPPER)
def test_every_vni_letter_reads_back_as_unikey_writes_it(letter: str) -> None:
    surface = unikey_vni()[letter]
    assert legacy.convert(surface, VNI) == letter
    assert legacy.convert(f"x{surface}x", VNI) == f"x{letter}x"


def test_vni_words_read_back() -> None:
    words = "Xin chào các bạn; Trộm cắp tài sản; ĐỘI CẢNH SÁT HÌNH SỰ; Nguyễn Thị Ỵ; ẳng ẵng"
    surface = "".join(unikey_vni().get(char, char) for char in words)
    assert legacy.convert(surface, VNI) == words


def test_every_windows_1258_letter_reads_back() -> None:
    letters = "".join(LOWER + UPPER)
    assert legacy.convert(legacy.surface_of(cp1258_bytes(letters)), CP1258) == letters


@pytest.mark.parametrize(
    ("font", "encoding"),
    [
        (".VnTime", TCVN3),
        (".VnArial", TCVN3),
        (".VnTimeH", TCVN3_CAPITALS),
        (".VnArialH", TCVN3_CAPITALS),
        (".VnCentury SchoolbookH", TCVN3_CAPITALS),
        ("VNI-Times", VNI),
        ("VNI-Helve", VNI),
        ("Times New Roman", UNICODE),
        ("Calibri", UNICODE),
        (None, None),
    ],
)
def test_a_font_name_says_its_encoding(font: str | None, encoding: str | None) -> None:
    assert legacy.font_encoding(font) == encoding


@pytest.mark.parametrize(
    ("surface", "encoding", "text"),
    [
        ("Hµ Néi", TCVN3, "Hà Nội"),
        ("C«ng an thÞ x· S«ng CÇu, tØnh Phó Yªn", TCVN3, "Công an thị xã Sông Cầu, tỉnh Phú Yên"),
        ("Trém c¾p tµi s¶n", TCVN3, "Trộm cắp tài sản"),
        ("NGµY TIÕP NHËN", TCVN3, "NGÀY TIẾP NHẬN"),  # typed in .VnTimeH, read without it
        ("Tèt", TCVN3, "Tốt"),  # "tèt" is no syllable: a grave tone cannot close on t
        ("Xin chaøo caùc baïn", VNI, "Xin chào các bạn"),
        ("Coâng an thò xaõ Soâng Caàu", VNI, "Công an thị xã Sông Cầu"),
        ("Vieät Nam", VNI, "Việt Nam"),
        (legacy.surface_of(cp1258_bytes("Việt Nam đồng hồ")), CP1258, "Việt Nam đồng hồ"),
        ("Đèo Cù Mông", UNICODE, "Đèo Cù Mông"),
        ("Tân Phú", UNICODE, "Tân Phú"),  # Unicode with Latin-1 letters only stays as it is
        ("Cà Mau", UNICODE, "Cà Mau"),
        ("Café José", UNICODE, "Café José"),
        ("5 × 3 ©", UNICODE, "5 × 3 ©"),
    ],
)
def test_text_without_a_font_is_read_in_the_encoding_that_makes_vietnamese_of_it(
    surface: str, encoding: str, text: str
) -> None:
    assert legacy.detect(surface) == (encoding, text)


def test_a_legacy_font_over_unicode_text_leaves_the_text_alone() -> None:
    assert legacy.read_text("Trộm cắp", TCVN3) == (UNICODE, "Trộm cắp")
    assert legacy.read_text("Hµ Néi", TCVN3) == (TCVN3, "Hà Nội")
    assert legacy.read_text("Hµ Néi", UNICODE) == (UNICODE, "Hµ Néi")
