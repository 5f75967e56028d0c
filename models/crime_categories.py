"""The crime category of a Penal Code clause (BLHS 2015 art. 9), which sets the investigation
limits of BLTTHS art. 172.

Art. 9 classifies by the top of the clause's penalty range, not by the article: up to 3 years
(or only a fine or non-custodial reform) is ít nghiêm trọng, up to 7 nghiêm trọng, up to 15 rất
nghiêm trọng, more (up to 20 years, life or death) đặc biệt nghiêm trọng. The table holds that top
for each clause of the articles police meet most (models.articles), taken from the Penal Code
2015 as amended by Law 12/2017/QH14 in the official codification (Bộ pháp điển, chủ đề 16.1).
Clauses that only add penalties ("người phạm tội còn có thể bị…") and clauses for legal
entities are not listed. An article or clause not in the table has no default category: the
operator sets it.

Not covered: art. 256a (added by Law 86/2025/QH15 from 01/07/2025) and the other 2025
amendments, except that removing the death penalty (art. 250(4)) keeps a clause đặc biệt
nghiêm trọng.
"""

from __future__ import annotations

from typing import Literal

from models.legal_limits import Category

LIFE: Literal["life"] = "life"
DEATH: Literal["death"] = "death"
TopPenalty = int | Literal["life", "death"]

# Article → the top penalty of clause 1, 2, … (years of imprisonment, or non-custodial reform
# for the lightest clauses, which art. 9 puts with prison up to 3 years).
TOP_PENALTIES: dict[str, tuple[TopPenalty, ...]] = {
    "123": (DEATH, 15, 5),
    "128": (5, 10),
    "134": (3, 6, 10, 14, LIFE, 2),
    "141": (7, 15, LIFE, 10),
    "142": (15, 20, DEATH),
    "146": (3, 7, 12),
    "150": (10, 15, 20),
    "155": (3, 2, 5),
    "157": (3, 7, 12),
    "168": (10, 15, 20, LIFE, 5),
    "169": (7, 12, 18, LIFE, 5),
    "170": (5, 10, 15, 20),
    "171": (5, 10, 15, LIFE),
    "172": (3, 7, 15, 20),
    "173": (3, 7, 15, 20),
    "174": (3, 7, 15, LIFE),
    "175": (3, 7, 12, 20),
    "178": (3, 7, 10, 20),
    "190": (5, 10, 15),
    "191": (3, 5, 10),
    "201": (3, 3),
    "242": (3, 5, 10),
    "248": (7, 15, 20, DEATH),
    "249": (5, 10, 15, LIFE),
    "250": (7, 15, 20, DEATH),
    "251": (7, 15, 20, DEATH),
    "255": (7, 15, 20, LIFE),
    "256": (7, 15),
    "260": (5, 10, 15, 1),
    "304": (7, 12, 15, LIFE),
    "306": (2, 5, 7),
    "318": (2, 7),
    "321": (3, 7),
    "322": (5, 10),
    "323": (3, 7, 10, 15),
    "327": (5, 10, 15, LIFE),
    "328": (3, 7, 15),
    "330": (3, 7),
    "341": (3, 5, 7),
}


def category_for_penalty(top: TopPenalty) -> Category:
    """Art. 9(1): the category of a clause whose penalty range tops out at `top`."""
    if top in (LIFE, DEATH):
        return "dac_biet_nghiem_trong"
    assert isinstance(top, int)
    if top <= 3:
        return "it_nghiem_trong"
    if top <= 7:
        return "nghiem_trong"
    if top <= 15:
        return "rat_nghiem_trong"
    return "dac_biet_nghiem_trong"


def top_penalty(article: str, clause: str | int | None) -> TopPenalty | None:
    tops = TOP_PENALTIES.get(str(article).strip().lower())
    if tops is None or clause is None:
        return None
    text = str(clause).strip()
    if not text.isdigit() or not 1 <= int(text) <= len(tops):
        return None
    return tops[int(text) - 1]


def category(article: str, clause: str | int | None) -> Category | None:
    """The default category of `article` clause `clause` ("173", "1"), or None when the table
    does not know it (the operator then sets the category)."""
    top = top_penalty(article, clause)
    return None if top is None else category_for_penalty(top)
