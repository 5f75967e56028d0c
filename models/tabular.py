"""The table every import and export speaks, in CSV and in spreadsheets: the canonical columns of
each kind (DOMAIN.md), the order a whole database imports in, and the escaping of formulas.

Spreadsheet formulas: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
run by Excel or LibreOffice as a formula (`=HYPERLINK(...)` sends data away). Export writes such a
cell with a `'` in front, as spreadsheets themselves escape text, and import takes the `'` away
again, so export → import gives back the same text. Negative numbers are escaped too: no canonical
column holds one (years, dates and codes never start with `-`), and `-1+cmd|…` is a formula. A
text that starts with `'` and then one of those characters gets one more `'`, so the round trip is
exact for every text.
"""

import re

from models.awards import AWARD_DECISIONS, AWARD_RECIPIENTS
from models.registry import KINDS

DECISION_FIELDS = ("decision_no", "decided_on", "issuer", "form")
CSV_KINDS = (
    "units",
    "localities",
    "regulations",
    "tips",
    "cases",
    "suspects",
    "campaigns",
    "awards",
    "clock_decisions",
)


def _columns(kind: str) -> list[tuple[str, bool]]:
    """(column, required) in the order export writes them: the Create model's fields. An awards
    row is one recipient with its decision: the decision's fields, then the recipient's."""
    if kind != "awards":
        return KINDS[kind].columns
    decision = [c for c in AWARD_DECISIONS.columns if c[0] in DECISION_FIELDS]
    recipient = [c for c in AWARD_RECIPIENTS.columns if c[0] not in ("code", "decision")]
    return decision + recipient


COLUMNS: dict[str, list[tuple[str, bool]]] = {kind: _columns(kind) for kind in CSV_KINDS}
# Dependencies first: importing a whole database goes in this order.
IMPORT_ORDER = [
    "units",
    "localities",
    "regulations",
    "campaigns",
    "tips",
    "cases",
    "clock_decisions",
    "suspects",
    "awards",
]
# Kinds imported one record at a time through models.records (each row's checks read the rows
# before it): an award and its decision, a clock decision and the earlier ones on its clock, a
# regulation (a handful, each with its parties, localities and hosts).
ONE_BY_ONE = ("awards", "clock_decisions", "regulations")
MAX_ROW_CHARACTERS = 64_000
_FORMULA = re.compile(r"'*[=+\-@\t\r]")  # what a spreadsheet would run, behind any quotes
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")


def neutralise(cell: str) -> str:
    """The text as a CSV cell no spreadsheet runs as a formula (see the module docstring)."""
    return f"'{cell}" if _FORMULA.match(cell) else cell


def unneutralise(cell: str) -> str:
    """The text `neutralise` was given."""
    return cell[1:] if _ESCAPED.match(cell) else cell
