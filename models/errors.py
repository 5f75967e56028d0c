"""What can go wrong in a user action, as values shown to the operator in their language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from pydantic import ValidationError

from models.base import CODE_PATTERN
from models.i18n import MESSAGES, t
from models.text import printable


def field_label(name: str) -> str:
    """A field as forms and registers name it ("Ngày nhận"), else as stored."""
    key = f"col.{name}"
    return t(key) if key in MESSAGES else name


@dataclass(frozen=True)
class Problem:
    """One bad value: which field, what was given, why it is refused (a catalogue key)."""

    field: str
    value: Any
    reason: str
    params: dict[str, Any] = dataclass_field(default_factory=dict)
    row: int | None = None

    def message(self) -> str:
        params = dict(self.params)
        if "other" in params:  # another field, named as the operator sees it
            params["other"] = field_label(str(params["other"]))
        return t(self.reason, **params)

    def __str__(self) -> str:
        shown = "" if self.value is None else printable(str(self.value))
        if self.row is not None:
            return t(
                "import.problem",
                row=self.row,
                column=printable(self.field),
                value=shown,
                reason=self.message(),
            )
        return f"{printable(self.field)}: {shown} — {self.message()}"


PROBLEMS_SHOWN = 20  # problems of one header listed; the rest are counted


def capped(problems: list[Problem], shown: int = PROBLEMS_SHOWN) -> list[Problem]:
    """The first `shown` problems and one that counts the rest (a header of 100,000 unknown
    columns is a short message, not megabytes)."""
    if len(problems) <= shown:
        return problems
    rest = len(problems) - shown
    more = Problem("-", None, "import.more_problems", {"count": rest}, problems[shown].row)
    return [*problems[:shown], more]


class GiapranhError(Exception):
    """An error whose message is meant for the operator, not a traceback."""

    def message(self) -> str:
        return str(self)


class InvalidInput(GiapranhError):
    def __init__(self, problems: list[Problem]):
        super().__init__(problems)
        self.problems = problems

    def message(self) -> str:
        return "\n".join([t("error.invalid"), *(f"  {problem}" for problem in self.problems)])

    def by_field(self) -> dict[str, str]:
        return {problem.field: problem.message() for problem in self.problems}


class NotFound(GiapranhError):
    def __init__(self, kind: str, code: str):
        super().__init__(kind, code)
        self.kind, self.code = kind, code

    def message(self) -> str:
        return t("error.not_found", kind=t(f"kind.{self.kind}"), code=self.code)


class Conflict(GiapranhError):
    """The record changed since the operator read it; their edit was not applied."""

    def __init__(self, kind: str, code: str, expected: int, current: int):
        super().__init__(kind, code, expected, current)
        self.kind, self.code, self.expected, self.current = kind, code, expected, current

    def message(self) -> str:
        return t(
            "error.conflict",
            kind=t(f"kind.{self.kind}"),
            code=self.code,
            expected=self.expected,
            current=self.current,
        )


class Forbidden(GiapranhError):
    """The actor's role or unit does not allow this action on this record (see models.access)."""

    def __init__(self, username: str, action: str, kind: str, code: str | None = None):
        super().__init__(username, action, kind, code)
        self.username, self.action, self.kind, self.code = username, action, kind, code

    def as_problem(self, column: str, value: Any, row: int | None) -> Problem:
        """The refusal as one bad row of an import, named by the column that decides."""
        params = {
            "username": self.username,
            "action": t(f"action.{self.action}"),
            "kind": t(f"kind.{self.kind}"),
        }
        return Problem(column, value, "err.forbidden", params, row)

    def message(self) -> str:
        return t(
            "error.forbidden",
            username=self.username,
            action=t(f"action.{self.action}"),
            kind=t(f"kind.{self.kind}"),
            code=f" {self.code}" if self.code else "",
        )


class Refused(GiapranhError):
    """An action refused for a reason the catalogue explains (`key`, with `params`)."""

    def __init__(self, key: str, **params: Any):
        super().__init__(key, params)
        self.key, self.params = key, params

    def message(self) -> str:
        return t(self.key, **self.params)


class DatabaseError(Refused):
    """The database cannot be opened or used as it is."""


_PYDANTIC_REASONS = {
    "missing": "err.required",
    "string_too_long": "err.too_long",
    "too_long": "err.too_many",
    "int_parsing": "err.integer",
    "int_from_float": "err.integer",
    "enum": "err.choice",
    "literal_error": "err.choice",
    "bool_parsing": "err.yes_no",
    "date_parsing": "err.date",
    "date_from_datetime_parsing": "err.date",
    "date_type": "err.date",
    "greater_than_equal": "err.year",
    "less_than_equal": "err.year",
}


def problems_from_validation(error: ValidationError, row: int | None = None) -> list[Problem]:
    """Turn pydantic's errors into Problems; our own validators raise catalogue keys as types."""
    problems = []
    for item in error.errors():
        field_name = ".".join(str(part) for part in item["loc"] if not isinstance(part, int)) or "-"
        kind = item["type"]
        context = dict(item.get("ctx") or {})
        reason = kind if kind in MESSAGES else _PYDANTIC_REASONS.get(kind, "err.required")
        if kind == "string_pattern_mismatch" and context.get("pattern") == CODE_PATTERN:
            reason = "err.code_format"
        if reason == "err.too_many" and isinstance(item.get("input"), str):
            reason = "err.too_long"
        if reason == "err.choice" and item.get("input") is None:  # a choice left empty
            reason = "err.required"
        params: dict[str, Any] = {}
        if reason in ("err.too_long", "err.too_many"):
            params["max"] = context.get("max_length")
        elif reason == "err.choice":
            params["choices"] = ", ".join(
                re.findall(r"'([^']*)'", str(context.get("expected", "")))
            )
        else:
            params = {k: v for k, v in context.items() if k != "error"}
        value = item.get("input") if kind != "missing" else None
        if isinstance(value, dict):
            value = None
        problems.append(Problem(field_name, value, reason, params, row))
    return problems
