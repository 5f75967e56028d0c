"""What every record shares: identity, human code, version, validated field types, the actor."""

from __future__ import annotations

import getpass
import re
import secrets
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Annotated, Any

from annotated_types import MaxLen
from pydantic import AfterValidator, BeforeValidator, StringConstraints
from pydantic_core import PydanticCustomError
from sqlmodel import Field, SQLModel

from models.text import (
    has_control_characters,
    has_invisible_characters,
    nfc,
    parse_date,
    without_zero_width,
)

# Stable constraint names let Alembic alter SQLite tables in batch mode.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROLES = ("admin", "editor", "viewer")


# --- clock and identity: replaceable so the demo database is the same on every run ---------------

_clock: Callable[[], datetime] = lambda: datetime.now(UTC)  # noqa: E731


def _time_ordered_id() -> uuid.UUID:
    """A UUID version 7: the time in milliseconds, then 74 random bits. Ids made one after the
    other sort one after the other, so every index of ids grows at its end (a million-row
    import writes each index page once, not a random page per row)."""
    value = (time.time_ns() // 1_000_000 & (1 << 48) - 1) << 80 | secrets.randbits(80)
    value = value & ~(0xF << 76) | 0x7 << 76  # version 7
    value = value & ~(0x3 << 62) | 0x2 << 62  # RFC 4122 variant
    return uuid.UUID(int=value)


_new_id: Callable[[], uuid.UUID] = _time_ordered_id
_new_secret: Callable[[], str] = lambda: secrets.token_hex(32)  # noqa: E731


def utcnow() -> datetime:
    return _clock()


def new_id() -> uuid.UUID:
    return _new_id()


def new_secret() -> str:
    """256 random bits as hex (predictable only inside `deterministic`: the demo)."""
    return _new_secret()


@contextmanager
def deterministic(now: datetime, seed: int) -> Iterator[None]:
    """Within this block every timestamp is `now` and ids come from a seeded generator."""
    import random

    global _clock, _new_id, _new_secret
    rng, secrets_rng = random.Random(seed), random.Random(-seed)
    saved = _clock, _new_id, _new_secret
    _clock = lambda: now  # noqa: E731
    _new_id = lambda: uuid.UUID(int=rng.getrandbits(128), version=4)  # noqa: E731
    _new_secret = lambda: f"{secrets_rng.getrandbits(256):064x}"  # noqa: E731
    try:
        yield
    finally:
        _clock, _new_id, _new_secret = saved


# --- the acting operator --------------------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    """Who performs a write: an operator, or the local administrator at the server's shell."""

    username: str
    role: str
    unit_id: uuid.UUID | None = None
    operator_id: uuid.UUID | None = None
    # The actor's unit and every unit below it, when resolved at login (models.operators.log_in):
    # queries then match a short list instead of walking the units' tree every time.
    scope: frozenset[uuid.UUID] | None = field(default=None, compare=False)

    @classmethod
    def local_admin(cls) -> Actor:
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = "unknown"
        return cls(username=f"local:{user}", role="admin")


# --- validated field types for Create/Update data models ------------------------------------------


def blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _clean_text(value: Any, multiline: bool) -> Any:
    if not isinstance(value, str):
        return value
    text = nfc(without_zero_width(value))
    if not multiline:
        text = " ".join(text.split())
    if has_control_characters(text) or (not multiline and "\n" in text):
        raise PydanticCustomError("err.control_chars", "control characters")
    if has_invisible_characters(text):
        raise PydanticCustomError("err.invisible_chars", "invisible characters")
    return text


def _strip_text(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _single_line(value: Any) -> Any:
    return _clean_text(value, multiline=False)


def _multi_line(value: Any) -> Any:
    return _clean_text(value, multiline=True)


def _parse_day(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return parse_date(value)
        except ValueError:
            raise PydanticCustomError("err.date", "bad date") from None
    return value


# Days a record can hold: none before 1900 (a year typed wrong, 0001-01-01 of an empty cell), none
# so late that counting days from it (deadlines, extensions) would overflow Python's dates.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)


def _sane_day(value: date) -> date:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise PydanticCustomError("err.date_range", "date out of range")
    return value


def _not_future(value: date) -> date:
    if value > date.today():
        raise PydanticCustomError("err.future_date", "future date")
    return value


def _split_list(value: Any) -> Any:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return value


def _yes_no(value: Any) -> Any:
    if isinstance(value, str):
        folded = value.strip().lower()
        if folded in ("yes", "y", "true", "1", "có", "co", "x"):
            return True
        if folded in ("no", "n", "false", "0", "không", "khong", ""):
            return False
        raise PydanticCustomError("err.yes_no", "yes or no")
    return value


def _check_article(value: str) -> str:
    value = value.strip().lower()
    if not _ARTICLE.fullmatch(value):
        raise PydanticCustomError("err.article_format", "bad article")
    return value


_ARTICLE = re.compile(r"\d{1,3}[a-z]?")  # Penal Code articles are strings: "173", "256a"
_BLANK = BLANK = BeforeValidator(blank_to_none)

# Limits, declared once: the Create models' types below and the tables' columns use them.
CODE_MAX = 40
SHORT_MAX = 60  # a rank, a decision number, a unit's level
NAME_MAX = 200  # a person's, a unit's or a place's name
TITLE_MAX = 300  # a case's title, a campaign's name
LONG_MAX = 4000  # a summary, an achievement
SECTION_MAX = 20000  # a section of a report the units write (a review's assessment)
CLAUSE_MAX = 10  # a Penal Code clause: "1", "2a"
SEARCH_KEY_MAX = 8000


_ONE_LINE = BeforeValidator(_single_line)
# (Written out each: mypy needs a literal Annotated[...] to take a name for a type.)
Name = Annotated[str, _ONE_LINE, StringConstraints(min_length=1, max_length=NAME_MAX)]
ShortText = Annotated[str, _ONE_LINE, StringConstraints(min_length=1, max_length=SHORT_MAX)]
Title = Annotated[str, _ONE_LINE, StringConstraints(min_length=1, max_length=TITLE_MAX)]
Clause = Annotated[str, _ONE_LINE, StringConstraints(min_length=1, max_length=CLAUSE_MAX)]
LongText = Annotated[
    str, BeforeValidator(_multi_line), StringConstraints(min_length=1, max_length=LONG_MAX)
]
SectionText = Annotated[
    str, BeforeValidator(_multi_line), StringConstraints(min_length=1, max_length=SECTION_MAX)
]
# Checked by pydantic-core itself (no Python per value: an import checks millions of codes).
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._/\-]*$"
Code = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=CODE_MAX, pattern=CODE_PATTERN
    ),
]
Day = Annotated[date, BeforeValidator(_parse_day), AfterValidator(_sane_day)]
PastDay = Annotated[
    date, BeforeValidator(_parse_day), AfterValidator(_sane_day), AfterValidator(_not_future)
]
MAX_LIST = 200  # values in one list cell: units of a campaign, cases of a suspect, …
CodeList = Annotated[list[Code], BeforeValidator(_split_list), MaxLen(MAX_LIST)]
Article = Annotated[str, BeforeValidator(_strip_text), AfterValidator(_check_article)]
ArticleList = Annotated[list[Article], BeforeValidator(_split_list), MaxLen(MAX_LIST)]
YesNo = Annotated[bool, BeforeValidator(_yes_no)]
# One line of an OpenSSH public key file (an RSA-16384 key is some 2,800 characters).
KEY_LINE_MAX = 16000
KeyLine = Annotated[str, _ONE_LINE, StringConstraints(min_length=1, max_length=KEY_LINE_MAX)]

# Optional fields: a blank value means "not given".
OptionalName = Annotated[Name | None, _BLANK]
OptionalShortText = Annotated[ShortText | None, _BLANK]
OptionalClause = Annotated[Clause | None, _BLANK]
OptionalLongText = Annotated[LongText | None, _BLANK]
OptionalSectionText = Annotated[SectionText | None, _BLANK]
OptionalCode = Annotated[Code | None, _BLANK]
OptionalDay = Annotated[Day | None, _BLANK]
OptionalPastDay = Annotated[PastDay | None, _BLANK]


# --- columns every record table has ---------------------------------------------------------------


class RecordColumns(SQLModel):
    """Identity and bookkeeping. `version` grows by one on every change (no lost updates)."""

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    code: str = Field(max_length=CODE_MAX, unique=True, index=True)
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    # Folded text of the record's words (see models.text.fold), for search without tone marks.
    search_key: str = Field(default="", max_length=SEARCH_KEY_MAX)
