"""How documents word figures, dates and numbers, in Vietnamese as police reports do, or English.

Pure functions of their arguments and the current language (`models.i18n`): thousands with a
dot and a decimal comma ("2.679", "9,38"), the change against the same period last year
("tăng 3 vụ (+9,38%)", "bằng cùng kỳ"), the split by unit ("trong đó Công an thị xã Sông Cầu
18 vụ"), Decree 30's place-and-date line and document number.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from models.i18n import current_language, register, t

# What a figure counts; each has a word in both languages ("vụ" / "case", "cases").
Measure = Literal["case", "tip", "suspect", "campaign", "collective", "individual", "turn", "rate"]
MEASURES: tuple[Measure, ...] = (
    "case",
    "tip",
    "suspect",
    "campaign",
    "collective",
    "individual",
    "turn",
    "rate",
)
Number = int | float | Decimal

MESSAGES: dict[str, tuple[str, str]] = {
    "doc.measure.case": ("vụ", "case"),
    "doc.measures.case": ("vụ", "cases"),
    "doc.measure.tip": ("nguồn tin", "tip"),
    "doc.measures.tip": ("nguồn tin", "tips"),
    "doc.measure.suspect": ("đối tượng", "suspect"),
    "doc.measures.suspect": ("đối tượng", "suspects"),
    "doc.measure.campaign": ("đợt", "campaign"),
    "doc.measures.campaign": ("đợt", "campaigns"),
    "doc.measure.collective": ("tập thể", "collective"),
    "doc.measures.collective": ("tập thể", "collectives"),
    "doc.measure.individual": ("cá nhân", "individual"),
    "doc.measures.individual": ("cá nhân", "individuals"),
    "doc.measure.turn": ("lượt", "time"),
    "doc.measures.turn": ("lượt", "times"),
    "doc.measure.rate": ("điểm phần trăm", "percentage point"),
    "doc.measures.rate": ("điểm phần trăm", "percentage points"),
    "doc.change.up": ("tăng {count}", "up {count}"),
    "doc.change.down": ("giảm {count}", "down {count}"),
    "doc.change.with_percent": ("{change} ({percent})", "{change} ({percent})"),
    "doc.change.equal": ("bằng cùng kỳ", "the same as last year"),
    "doc.change.versus": ("{change} so với cùng kỳ năm trước", "{change} on the year before"),
    "doc.points_short": ("điểm %", "pts"),
    "doc.split": ("trong đó {parts}", "of which {parts}"),
    "doc.split.all": ("thuộc {unit}", "all by {unit}"),
    "doc.split.part": ("{unit} {count}", "{unit} {count}"),
    "doc.date": (
        "ngày {day} tháng {month} năm {year}",
        "{day} {month} {year}",
    ),
    "doc.place_date": ("{place}, {date}", "{place}, {date}"),
    "doc.number": ("Số: {number}", "No.: {number}"),
    "doc.period": ("từ ngày {start} đến ngày {end}", "from {start} to {end}"),
}
register(MESSAGES)

_ENGLISH_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def _separators() -> tuple[str, str]:
    """(thousands, decimal) in the current language."""
    return (",", ".") if current_language() == "en" else (".", ",")


def number(value: Number, decimals: int = 0, trim: bool = False) -> str:
    """2679 → "2.679"; 9.375 with 2 decimals → "9,38" (half up); `trim` drops trailing zeros."""
    exact = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{abs(rounded):,.{decimals}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    thousands, decimal = _separators()
    text = text.translate(str.maketrans(",.", thousands + decimal))
    return f"-{text}" if rounded < 0 else text


def percent(ratio: Number, decimals: int = 2, signed: bool = False, trim: bool = True) -> str:
    """0.8857142 → "88,57%"; signed: "+9,38%", "-5,71%"; trailing zeros dropped ("+50%")
    unless `trim` is off (a table's column of rates: "87,50%")."""
    hundred = Decimal(str(ratio) if isinstance(ratio, float) else ratio) * 100
    shown = number(hundred, decimals, trim=trim)
    sign = "+" if signed and not shown.startswith("-") and shown != "0" else ""
    return f"{sign}{shown}%"


def measure_word(measure: Measure, count: Number) -> str:
    """The unit word for `count` things: "vụ"; in English "case" or "cases"."""
    singular = Decimal(str(count)) == 1
    return t(f"doc.measure.{measure}" if singular else f"doc.measures.{measure}")


def count(value: Number, measure: Measure) -> str:
    """104 tips → "104 nguồn tin"; a rate → "88,57%"."""
    if measure == "rate":
        return percent(value)
    return f"{number(value)} {measure_word(measure, value)}"


def change(current: Number, previous: Number | None, measure: Measure) -> str:
    """The change against the same period last year, as police reports word it.

    "tăng 3 vụ (+9,38%)", "giảm 2 vụ (-5,71%)", "bằng cùng kỳ"; no percent when the earlier
    figure is 0 ("tăng 3 vụ"); a rate changes by percentage points ("tăng 2,5 điểm phần
    trăm"). "" when there is no earlier figure to compare with.
    """
    if previous is None:
        return ""
    now, before = exact(current), exact(previous)
    if now == before:
        return t("doc.change.equal")
    difference = abs(now - before)
    if measure == "rate":
        points = number(difference * 100, 2, trim=True)
        amount = f"{points} {measure_word('rate', difference * 100)}"
    else:
        amount = f"{number(difference)} {measure_word(measure, difference)}"
    worded = t("doc.change.up" if now > before else "doc.change.down", count=amount)
    if measure == "rate" or before == 0:
        return worded
    ratio = percent((now - before) / before, signed=True)
    return t("doc.change.with_percent", change=worded, percent=ratio)


def change_versus_last_year(current: Number, previous: Number | None, measure: Measure) -> str:
    """change() as the end of a sentence: "tăng 3 vụ (+9,38%) so với cùng kỳ năm trước"."""
    worded = change(current, previous, measure)
    if not worded or exact(current) == exact(previous or 0):
        return worded
    return t("doc.change.versus", change=worded)


def short_change(current: Number, previous: Number | None, measure: Measure) -> str:
    """change() for a table cell: "+3 (+9,38%)", "-2 (-5,71%)", "0", "+3" after a 0."""
    if previous is None:
        return ""
    now, before = exact(current), exact(previous)
    difference = now - before
    if measure == "rate":
        points = number(difference * 100, 2, trim=True)
        return f"{'+' if difference > 0 else ''}{points} {t('doc.points_short')}"
    signed = ("+" if difference > 0 else "") + number(difference)
    if difference == 0 or before == 0:
        return signed
    return f"{signed} ({percent(difference / before, signed=True)})"


def split_by_unit(
    parts: Sequence[tuple[str, Number]], measure: Measure, total: Number | None = None
) -> str:
    """The split by unit: "trong đó Công an thị xã Sông Cầu 18 vụ, Công an thành phố Qui
    Nhơn 17 vụ". Units with nothing are left out; "" when no unit has anything; "thuộc Công an
    thị xã Sông Cầu" when one unit holds all of `total`.
    """
    holding = [(unit, value) for unit, value in parts if value]
    if len(holding) == 1 and total is not None and exact(holding[0][1]) == exact(total):
        return t("doc.split.all", unit=holding[0][0])
    worded = [
        t("doc.split.part", unit=unit, count=count(value, measure)) for unit, value in holding
    ]
    return t("doc.split", parts=", ".join(worded)) if worded else ""


def date_in_words(day: date) -> str:
    """Decree 30's date: "ngày 05 tháng 01 năm 2018", "ngày 15 tháng 3 năm 2018".

    The day is padded below 10; the month only when it is January or February (so that
    "tháng 1" cannot be altered into "tháng 11" or "tháng 12"). English: "5 January 2018".
    """
    if current_language() == "en":
        return t("doc.date", day=day.day, month=_ENGLISH_MONTHS[day.month - 1], year=day.year)
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return t("doc.date", day=f"{day.day:02d}", month=month, year=day.year)


def place_and_date(place: str, day: date) -> str:
    """The place and date line: "Sông Cầu, ngày 05 tháng 01 năm 2018"."""
    return t("doc.place_date", place=place, date=date_in_words(day))


# A draft's number is filled in by hand when it is filed: room for it before the symbol.
BLANK_NUMBER = "\u00a0" * 7


def document_number(number_in_year: int, symbol: str) -> str:
    """The number and symbol, "01/BC-CATX": a number below 10 gets a leading zero; number 0
    leaves the room blank for the number given when the document is filed ("      /BC-CATX")."""
    if number_in_year == 0:
        return f"{BLANK_NUMBER}/{symbol}"
    return f"{number_in_year:02d}/{symbol}"


def number_line(number_in_year: int, symbol: str) -> str:
    """The number line: "Số: 01/BC-CATX"."""
    return t("doc.number", number=document_number(number_in_year, symbol))


def period(start: date, end: date) -> str:
    """The period: "từ ngày 15/12/2016 đến ngày 14/12/2017"."""
    return t("doc.period", start=start.strftime("%d/%m/%Y"), end=end.strftime("%d/%m/%Y"))


def exact(value: Number) -> Decimal:
    """A number as an exact decimal (a float by its shortest repr: 0.1 is 0.1)."""
    return Decimal(str(value)) if isinstance(value, float) else Decimal(value)
