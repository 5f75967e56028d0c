"""How much a text looks like Vietnamese: the judge between readings of a legacy cell.

Every Vietnamese word is one syllable of a known shape: an initial consonant, a vowel group, an
optional final consonant, at most one tone mark, and a syllable closed by p, t, c or ch takes
only the acute or the dot-below tone. A wrong reading of a legacy cell leaves symbols inside
words ("Hµ"), makes impossible vowel groups ("Néi") or puts a tone where none can be ("tèt");
the right one makes real syllables. ASCII words say nothing either way.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_STOP_TONES = {"\u0301", "\u0323"}
_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
_VOWEL_GROUPS = (
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iu iê yê oa oă oe oi ôi ơi oo ua uâ uê "
    "ui uô uơ uy ưa ưi ưu ươ iêu yêu oai oay oeo uây uôi ươi ươu uya uyu uyê"
).split()
_VOWELS = "|".join(sorted(_VOWEL_GROUPS, key=len, reverse=True))
_SYLLABLE = re.compile(f"{_ONSET}(?:{_VOWELS})(c|ch|m|n|ng|nh|p|t)?")
_LETTERS = set("abcdefghijklmnopqrstuvwxyzđăâêôơư")
_EDGES = "\"'()[]{}.,;:!?-–—/\\*«»“”‘’…0123456789%+=<>&#@_|~^`"


@lru_cache(maxsize=65536)
def word_score(word: str) -> int:
    """+1 a Vietnamese syllable with a letter beyond ASCII, 0 an ASCII word or a lone character,
    -1 letters that make no syllable, -2 a character that is no letter inside a word."""
    word = word.strip(_EDGES)
    if len(word) < 2 or word.isascii() or not any(char.isalpha() for char in word):
        return 0  # a lone letter or symbol says too little
    tones = []
    base = []
    for char in unicodedata.normalize("NFD", word.casefold()):
        if char in _TONES:
            tones.append(char)
        else:
            base.append(char)
    letters = unicodedata.normalize("NFC", "".join(base))
    if any(char not in _LETTERS for char in letters):
        return -2
    match = _SYLLABLE.fullmatch(letters)
    if match is None or len(tones) > 1:
        return -1
    if match.group(1) in ("c", "ch", "p", "t") and not (tones and tones[0] in _STOP_TONES):
        return -1
    return 1


def score(text: str) -> int:
    """The sum of `word_score` over the words of `text`."""
    return sum(word_score(word) for word in text.split())
