"""Cell values as the import compares them: dates however written, yes/no however said,
codes and names without stray spaces, choices by their Vietnamese or English label.

`cell_value(column, value)` turns what a spreadsheet cell holds (text, number, date, bool) into
what validation takes: a `date` for a date column, else a string in the canonical form
(`border_zone` "yes"/"no", a choice's code such as "to_giac", a list joined by ";").
`same_value(column, a, b)` says whether two cells mean the same thing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable
from datetime import date, datetime, time, timedelta
from typing import Any

from models.awards import AWARD_FORMS, RECIPIENT_KINDS
from models.cases import CASE_STATUSES, COORDINATIONS
from models.i18n import MESSAGES
from models.suspects import SUSPECT_STATUSES
from models.text import fold
from models.tips import TIP_KINDS, TIP_STATUSES

DATE_COLUMNS = frozenset(
    {
        "valid_from",
        "valid_to",
        "received_on",
        "resolved_on",
        "extended_to",
        "occurred_on",
        "cleared_on",
        "arrested_on",
        "starts_on",
        "ends_on",
        "decided_on",
    }
)
LIST_COLUMNS = frozenset({"coordinating_units", "case_codes", "units", "articles", "localities"})
FLAG_COLUMNS = frozenset({"border_zone"})
CODE_COLUMNS = frozenset(
    {
        "code",
        "parent_code",
        "unit_code",
        "receiving_unit",
        "partner_unit",
        "locality",
        "case_code",
        "lead_unit",
        "tip_code",
        "campaign_code",
    }
)
NUMBER_COLUMNS = frozenset({"birth_year", "article", "clause"})

_YES = {"yes", "y", "true", "1", "co", "x", "dung", "c"}
_NO = {"no", "n", "false", "0", "khong", "k", "sai", ""}

# A choice column's values: the stored code, its labels in both languages, and what units
# write in their registers (folded).
_CHOICE_WORDS: dict[str, dict[str, list[str]]] = {
    "kind": {
        "to_giac": ["to giac ve toi pham", "to giac toi pham"],
        "tin_bao": ["tin bao ve toi pham", "tin bao toi pham"],
        "kien_nghi": ["kien nghi khoi to"],
    },
    "status": {
        "received": ["tiep nhan", "moi nhan", "da tiep nhan"],
        "verifying": ["dang xac minh", "xac minh", "dang giai quyet", "dang kiem tra"],
        "case_opened": ["khoi to", "khoi to vu an", "da khoi to vu an"],
        "no_case": ["khong khoi to vu an", "quyet dinh khong khoi to"],
        "transferred": ["chuyen", "chuyen noi khac", "chuyen co quan khac", "da chuyen di"],
        "investigating": ["dieu tra", "dang dieu tra"],
        "cleared": ["lam ro", "da pha an", "pha an"],
        "closed": ["ket thuc", "dinh chi", "da dinh chi"],
        "wanted": ["dang truy na"],
        "arrested": ["bat", "bi bat", "da bat giu", "bat giu"],
        "surrendered": ["ra dau thu", "da dau thu"],
        "handled": ["xu ly", "da xu ly hinh su"],
        "released": ["tra tu do", "tha"],
    },
    "coordination": {
        "none": ["khong phoi hop"],
        "directed": ["chi dao dieu tra"],
        "joint": ["truc tiep phoi hop", "truc tiep phoi hop dieu tra", "phoi hop dieu tra"],
    },
    "form": {"giay_khen": [], "bang_khen": [], "other": ["hinh thuc khac"]},
    "recipient_kind": {"collective": ["tap the"], "individual": ["ca nhan"]},
}
_CHOICE_CATALOGUE = {
    ("tips", "kind"): ("tip_kind", TIP_KINDS),
    ("tips", "status"): ("tip_status", TIP_STATUSES),
    ("cases", "status"): ("case_status", CASE_STATUSES),
    ("cases", "coordination"): ("coordination", COORDINATIONS),
    ("suspects", "status"): ("suspect_status", SUSPECT_STATUSES),
    ("awards", "form"): ("award_form", AWARD_FORMS),
    ("awards", "recipient_kind"): ("recipient_kind", RECIPIENT_KINDS),
}


def _choice_key(text: str) -> str:
    return fold(text.replace("_", " "))


def _choices() -> dict[tuple[str, str], dict[str, str]]:
    tables: dict[tuple[str, str], dict[str, str]] = {}
    for (kind, column), (prefix, codes) in _CHOICE_CATALOGUE.items():
        table: dict[str, str] = {}
        for code in codes:
            words = [code, *MESSAGES[f"{prefix}.{code}"], *_CHOICE_WORDS[column].get(code, [])]
            table.update({_choice_key(word): code for word in words})
        tables[kind, column] = table
    return tables


_CHOICES = _choices()
_LIST_SEPARATORS = re.compile(r"\s*[;,\n]\s*")
_SPACES = re.compile(r"\s+")
_ARTICLE_WORD = re.compile(r"^(?:đ\.|điều|dieu|khoản|khoan|k\.)\s*", re.IGNORECASE)


def flag(value: Any) -> bool | None:
    """True for yes/có/x/1, False for no/không/0/empty, None for anything else."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return {1: True, 0: False}.get(int(value)) if value in (0, 1) else None
    text = fold(str(value)) if value is not None else ""
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None


def number_text(value: float | int) -> str:
    """A number as a person reads it: 173.0 → "173", 0.1+0.2 → "0.3" (15 digits, as Excel)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.15g}"


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_DAY_FIRST = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?:\s+\d{1,2}:\d{2}.*)?")
_WORDS = re.compile(r"(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})")
EXCEL_EPOCH = date(1899, 12, 30)
EXCEL_1904_EPOCH = date(1904, 1, 1)


def text_date(text: str) -> date | None:
    """A date written dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, ISO yyyy-mm-dd (a time of
    day after it is ignored) or "ngày 28 tháng 5 năm 2020"; None if it is none of those."""
    text = text.strip()
    parts: tuple[str, ...] | None = None
    if match := _ISO.fullmatch(text):
        year, month, day = match.groups()
        parts = (day, month, year)
    elif match := _DAY_FIRST.fullmatch(text):
        parts = match.groups()
    elif match := _WORDS.fullmatch(fold(text)):
        parts = match.groups()
    if parts is None:
        return None
    day, month, year = (int(part) for part in parts)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def serial_date(serial: float, date1904: bool = False) -> date | None:
    """The date of a spreadsheet serial number (1900 system, or 1904); None if out of range.

    Excel counts 29/02/1900, which never was: serials from 61 on are days since 30/12/1899.
    """
    if date1904:
        epoch = EXCEL_1904_EPOCH
    elif serial < 61:
        epoch = date(1899, 12, 31)
    else:
        epoch = EXCEL_EPOCH
    if not 1 <= serial < 2958466:
        return None
    return epoch + timedelta(days=int(serial))


def as_date(value: Any, date1904: bool = False) -> date | None:
    """A cell as a date, however it holds one; None if it holds none.

    A number is a serial number, except one that reads as a year (1900–2100): "2020" typed in a
    date column is not 12/07/1905.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool) or isinstance(value, time | timedelta):
        return None
    if isinstance(value, int | float):
        if 1900 <= value <= 2100 and float(value).is_integer():
            return None
        return serial_date(float(value), date1904)
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"\d+(?:\.\d+)?", text) and not 1900 <= float(text) <= 2100:
            return serial_date(float(text), date1904)
        return text_date(text)
    return None


def clean_text(text: str) -> str:
    """No surrounding spaces, runs of spaces as one, line breaks kept (the text is NFC)."""
    text = text.strip()
    if "  " not in text and "\n" not in text and "\t" not in text and "\r" not in text:
        return text
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in lines)


def cell_text(value: Any) -> str:
    """Any cell as the text a person sees in it (dates dd/mm/yyyy, numbers without ".0")."""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y") if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool | int | float):
        return number_text(value)
    return "" if value is None else str(value)


Convert = Callable[[Any], "str | date | None"]
_CACHED = 4096  # distinct values remembered per choice or flag column


def converter(kind: str, column: str, date1904: bool = False) -> Convert:
    """The function that turns a cell of `column` into what validation gets (None for an empty
    cell). A date column's cell that holds no date comes back as its text, for the caller to
    report (see `as_date`). Text is expected in NFC already (models.registers.legacy)."""

    def text(value: Any) -> str | None:
        if value.__class__ is str:
            cleaned = value.strip()
            if "  " in cleaned or "\n" in cleaned or "\t" in cleaned or "\r" in cleaned:
                cleaned = clean_text(cleaned)
        else:
            cleaned = clean_text(cell_text(value))
        return cleaned or None

    if column in DATE_COLUMNS:

        def day(value: Any) -> str | date | None:
            return as_date(value, date1904) or text(value)

        remembered = _remembered(day)  # a register has few distinct dates

        def date_cell(value: Any) -> str | date | None:
            if value.__class__ is date:
                return value  # type: ignore[no-any-return]
            return remembered(value)

        return date_cell
    if column in LIST_COLUMNS:

        def listed(value: Any) -> str | None:
            cleaned = text(value)
            if cleaned and (";" in cleaned or "," in cleaned or "\n" in cleaned):
                return ";".join(part for part in _LIST_SEPARATORS.split(cleaned) if part) or None
            return cleaned

        return listed
    if column in CODE_COLUMNS:

        def code(value: Any) -> str | None:
            cleaned = text(value)
            return cleaned.replace("\n", " ") if cleaned and "\n" in cleaned else cleaned

        return code
    if column == "birth_year":
        return lambda value: str(value.year) if isinstance(value, date) else text(value)
    if column in ("article", "clause"):

        def numbered(value: Any) -> str | None:
            cleaned = text(value)
            if cleaned and not cleaned[0].isdigit():
                return _ARTICLE_WORD.sub("", cleaned)
            return cleaned

        return numbered
    if column in FLAG_COLUMNS:

        def yes_no(value: Any) -> str | None:
            answer = flag(value)
            return text(value) if answer is None else ("yes" if answer else "no")

        return _remembered(yes_no)
    choices = _CHOICES.get((kind, column))
    if choices:

        def choice(value: Any) -> str | None:
            cleaned = text(value)
            return choices.get(_choice_key(cleaned), cleaned) if cleaned else None

        return _remembered(choice)
    return text


def _remembered(convert: Convert) -> Convert:
    """`convert` with its results for the first _CACHED distinct texts kept."""
    seen: dict[Any, str | date | None] = {}

    def remembered(value: Any) -> str | date | None:
        if value.__class__ is not str:
            return convert(value)
        if value in seen:
            return seen[value]
        result = convert(value)
        if len(seen) < _CACHED:
            seen[value] = result
        return result

    return remembered


def cell_value(kind: str, column: str, value: Any, date1904: bool = False) -> str | date | None:
    """What validation gets for one cell (see `converter`); None when the cell is empty."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", value)
    return converter(kind, column, date1904)(value)


def value_key(kind: str, column: str, value: Any) -> Hashable:
    """What two cells must share to mean the same: the date, the choice, the code, or the name
    with case and spacing set aside."""
    cleaned = cell_value(kind, column, value)
    if cleaned is None or isinstance(cleaned, date):
        return cleaned
    if column in CODE_COLUMNS or (kind, column) in _CHOICES or column in FLAG_COLUMNS:
        return cleaned
    return " ".join(cleaned.split()).casefold()


def same_value(kind: str, column: str, first: Any, second: Any) -> bool:
    """Whether two cells of `column` mean the same ("28/05/2020" and "2020-05-28" do)."""
    return value_key(kind, column, first) == value_key(kind, column, second)
