"""CSV import and export in the canonical columns of DOMAIN.md.

An import is one transaction: every row is validated (each in its own savepoint, so one bad row
does not hide the next), every problem is collected, and if there is any the whole file is
rolled back and InvalidInput lists them all as `row N, column C: value — reason`. Rows are
numbered as a spreadsheet shows them: the header is row 1.

Files are hostile. A row longer than MAX_ROW_CHARACTERS is refused; every cell goes through the
same validation as typed input (lengths, no control characters); a row the operator may not
write (models.access) is a bad row like any other.

Cells a spreadsheet would run as formulas are escaped on the way out and unescaped on the way in
(models.tabular, which also holds the canonical columns).
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import IO, Any

from sqlalchemy import inspect
from sqlalchemy.orm import selectinload
from sqlmodel import Session, col, select

from models import access, bulk, records
from models.awards import AWARD_DECISIONS, AWARD_RECIPIENTS, AwardDecision, AwardRecipient
from models.base import Actor
from models.campaigns import Campaign
from models.cases import Case
from models.clock_decisions import ClockDecision
from models.errors import Forbidden, InvalidInput, Problem, capped
from models.kinds import Kind
from models.localities import Locality
from models.registry import kind_of
from models.regulations import Regulation
from models.suspects import Suspect
from models.tabular import (
    COLUMNS,
    CSV_KINDS,
    DECISION_FIELDS,
    IMPORT_ORDER,
    MAX_ROW_CHARACTERS,
    ONE_BY_ONE,
    neutralise,
    unneutralise,
)

__all__ = [
    "COLUMNS",
    "CSV_KINDS",
    "IMPORT_ORDER",
    "MAX_ROW_CHARACTERS",
    "export_records",
    "import_rows",
    "iter_csv",
    "tables_of",
    "neutralise",
    "read_csv",
    "unneutralise",
    "write_csv",
    "write_json",
    "write_table",
]
from models.tips import Tip
from models.units import Unit


class _NotUtf8(Exception):
    def __init__(self, line: int):
        self.line = line


def _lines(stream: IO[bytes]) -> Iterator[str]:
    """The file's lines as text, one at a time (UTF-8 never splits a character across lines, so
    each decodes alone and a bad one is named by its line)."""
    for number, raw in enumerate(stream, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise _NotUtf8(number) from None
        yield line.removeprefix("\ufeff") if number == 1 else line


def iter_csv(stream: IO[bytes], kind: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, non-empty cells) of each data row, read as they are needed: memory holds
    one row whatever the file's size. InvalidInput at once for a problem with the header, and
    at the end for rows that could not be read (too long, not UTF-8)."""
    lines = _lines(stream)
    reader = csv.reader(lines)
    try:
        header = [name.strip() for name in next(reader)]
    except _NotUtf8 as error:
        raise InvalidInput([Problem("-", None, "err.encoding", row=error.line)]) from None
    except (StopIteration, csv.Error):
        raise InvalidInput([Problem("-", None, "err.empty_file", row=1)]) from None
    known = dict(COLUMNS[kind])
    problems = [
        Problem(name, None, "err.unknown_column", row=1) for name in header if name not in known
    ]
    seen: set[str] = set()
    for name in header:  # the same column twice: which one is meant? refused, not guessed
        if name in known and name in seen:
            problems.append(Problem(name, None, "err.duplicate_column", row=1))
        seen.add(name)
    problems = capped(problems)
    problems += [
        Problem(name, None, "err.missing_column", row=1)
        for name, required in COLUMNS[kind]
        if required and name not in header
    ]
    if problems:
        raise InvalidInput(problems)
    while True:
        number = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except _NotUtf8 as error:
            problems.append(Problem("-", None, "err.encoding", row=error.line))
            break  # the rest cannot be read as this format
        except csv.Error:
            problems.append(Problem("-", None, "err.row_too_long", row=number))
            continue
        if not any(cell.strip() for cell in cells):
            continue
        if sum(len(cell) for cell in cells) > MAX_ROW_CHARACTERS:
            problems.append(Problem("-", None, "err.row_too_long", row=number))
            continue
        yield (
            number,
            {
                name: unneutralise(cell)
                for name, cell in zip(header, cells, strict=False)
                if cell.strip()
            },
        )
    if problems:
        raise InvalidInput(problems)


def read_csv(content: bytes, kind: str) -> list[tuple[int, dict[str, str]]]:
    """`iter_csv` of a file held in memory, as a list."""
    return list(iter_csv(io.BytesIO(content), kind))


def import_rows(
    session: Session, *, actor: Actor, kind: str, rows: Iterable[tuple[int, dict[str, str]]]
) -> int:
    """Create a record per row; InvalidInput with every bad row. The caller rolls back on error.

    Forbidden at once if the actor may not create this kind at all; a row the actor may not
    write (another unit's record) is a bad row, named by the column that decides. Every kind
    but awards goes in batches (models.bulk); an awards row is a recipient and maybe a decision,
    made one by one, each in its own savepoint; so is a clock decision, whose checks read the
    decisions before it on the same clock (a file holds them in date order).
    """
    if kind == "units":
        rows = _parents_first(list(rows))
    if kind not in ONE_BY_ONE:
        return bulk.create_many(session, actor=actor, kind=kind_of(kind), rows=rows)
    access.require(actor, "create", "award_recipients" if kind == "awards" else kind)
    problems: list[Problem] = []
    created = 0
    decisions: dict[tuple[str, str], tuple[int, dict[str, str], str]] = {}
    try:
        for number, row in rows:
            savepoint = session.begin_nested()
            try:
                if kind == "awards":
                    _import_award(session, actor, number, row, decisions)
                else:
                    records.create(session, actor=actor, kind=kind_of(kind), data=row, row=number)
                savepoint.commit()
                created += 1
            except InvalidInput as error:
                savepoint.rollback()
                problems += error.problems
            except Forbidden as error:
                savepoint.rollback()
                column = kind_of(error.kind).owner_field
                problems.append(error.as_problem(column, row.get(column), number))
    except InvalidInput as unreadable:  # rows the file's reader could not read
        problems += unreadable.problems
    if problems:
        raise InvalidInput(sorted(problems, key=lambda problem: problem.row or 0))
    return created


def tables_of(kind: str) -> list[str]:
    """The tables an import of `kind` writes (for gathering their statistics after it)."""
    kinds: list[Kind[Any]] = (
        [AWARD_DECISIONS, AWARD_RECIPIENTS] if kind == "awards" else [kind_of(kind)]
    )
    tables = {"change_log", "change_log_units"}
    for described in kinds:
        table = described.table.__table__  # type: ignore[attr-defined]
        tables.add(table.name)
        for relationship in inspect(described.table).relationships:
            if relationship.secondary is not None:
                tables.add(relationship.secondary.name)
    return sorted(tables)


def _parents_first(rows: list[tuple[int, dict[str, str]]]) -> list[tuple[int, dict[str, str]]]:
    """Units in an order where a parent defined in the same file comes before its children."""
    pending = list(rows)
    ordered: list[tuple[int, dict[str, str]]] = []
    placed: set[str] = set()
    in_file = {row.get("code", "").strip() for _, row in rows}
    while pending:
        ready = [
            (n, row)
            for n, row in pending
            if row.get("parent_code", "").strip() not in in_file - placed
        ]
        if not ready:  # a cycle: leave the rest in file order, validation names the problem
            return ordered + pending
        ordered += ready
        placed |= {row.get("code", "").strip() for _, row in ready}
        pending = [item for item in pending if item not in ready]
    return ordered


def _text(value: Any) -> str:
    return " ".join(str(value or "").split())


def _same_key(column: str, value: Any) -> Any:
    """What two cells of an award decision must share to agree (models.registers.values)."""
    from models.registers.values import value_key  # the spreadsheet readers: only for awards

    key = value_key("awards", column, value)
    return value if key is None and value not in (None, "") else key


def _import_award(
    session: Session,
    actor: Actor,
    number: int,
    row: dict[str, str],
    decisions: dict[tuple[str, str], tuple[int, dict[str, str], str]],
) -> None:
    key = (_text(row.get("decision_no")), _text(row.get("issuer")))
    if key in decisions:
        first_number, first_row, decision_code = decisions[key]
        mismatched = [  # compared as values: one date written two ways is one date
            Problem(name, row.get(name), "err.decision_mismatch", {"row": first_number}, number)
            for name in DECISION_FIELDS
            if _same_key(name, row.get(name)) != _same_key(name, first_row.get(name))
        ]
        if mismatched:
            raise InvalidInput(mismatched)
    else:
        decision_data = {name: row.get(name) for name in DECISION_FIELDS}
        decision = records.create(
            session, actor=actor, kind=AWARD_DECISIONS, data=decision_data, row=number
        )
        decision_code = decision.code
        decisions[key] = (number, row, decision_code)
    recipient = {name: value for name, value in row.items() if name not in DECISION_FIELDS}
    records.create(
        session,
        actor=actor,
        kind=AWARD_RECIPIENTS,
        data={**recipient, "decision": decision_code},
        row=number,
    )


# --- export ---------------------------------------------------------------------------------------


def _loading(*relationships: Any) -> list[Any]:
    """Load these relationships for a batch of rows at once, not one query per row."""
    return [selectinload(relationship) for relationship in relationships]


_LOAD: dict[str, tuple[Any, list[Any]]] = {
    "units": (Unit, _loading(Unit.parent)),
    "localities": (Locality, _loading(Locality.unit)),
    "tips": (Tip, _loading(Tip.receiving_unit, Tip.partner_unit, Tip.locality)),
    "cases": (
        Case,
        _loading(Case.locality, Case.lead_unit, Case.coordinating_units, Case.tip, Case.campaign),
    ),
    "suspects": (Suspect, _loading(Suspect.cases)),
    "campaigns": (Campaign, _loading(Campaign.units, Campaign.localities)),
    "regulations": (
        Regulation,
        _loading(Regulation.parties, Regulation.localities, Regulation.hosts),
    ),
    "clock_decisions": (ClockDecision, _loading(ClockDecision.tip, ClockDecision.case)),
}
# What a JSON export adds to the columns import reads: the clocks' derived deadlines and steps.
DERIVED: dict[str, dict[str, Any]] = {
    "tips": {
        "deadline_on": lambda tip: tip.deadline_on,
        "stage": lambda tip: tip.clock_stage or "base",
    },
    "cases": {
        "investigation_deadline_on": lambda case: case.investigation_deadline_on,
        "stage": lambda case: case.clock_stage,
    },
}


def export_records(
    session: Session, kind: str, actor: Actor | None = None, *, derived: bool = False
) -> Iterator[dict[str, Any]]:
    """Each record of `kind` as a dict of the canonical columns, in code order, streamed.

    Only the records `actor` may read (none: the local administrator's export); a tip's reporter
    is absent from the dict unless the actor's unit received the tip. With `derived`, also what
    the records derive (DERIVED: a tip's deadline and clock step, a case's investigation
    deadline), which import does not read.
    """
    actor = actor or Actor.local_admin()
    columns = [name for name, _ in COLUMNS[kind]]
    if kind == "awards":
        statement = (
            select(AwardRecipient)
            .join(AwardDecision, col(AwardDecision.id) == col(AwardRecipient.decision_id))
            .options(
                *_loading(
                    AwardRecipient.decision, AwardRecipient.recipient_unit, AwardRecipient.campaign
                )
            )
            .where(access.visible(actor, "award_recipients"))
            .order_by(
                col(AwardDecision.decided_on), col(AwardDecision.code), col(AwardRecipient.code)
            )
        )
        for recipient in session.exec(statement.execution_options(yield_per=1000)):
            decision = AWARD_DECISIONS.snapshot(recipient.decision)
            snapshot = {**AWARD_RECIPIENTS.snapshot(recipient), **decision}
            yield {name: snapshot.get(name) for name in columns}
        return
    table, options = _LOAD[kind]
    ordered = select(table).options(*options).where(access.visible(actor, kind))
    for record in session.exec(ordered.order_by(table.code).execution_options(yield_per=1000)):
        snapshot = access.redact(actor, kind, kind_of(kind).snapshot(record), session=session)
        row = {name: snapshot[name] for name in columns if name in snapshot}
        if derived:
            row |= {name: value(record) for name, value in DERIVED.get(kind, {}).items()}
        yield row


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return neutralise(";".join(str(item) for item in value))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return neutralise(str(value))


def write_table(rows: Iterable[dict[str, Any]], columns: list[str], out: Any) -> int:
    """CSV with these columns; a key absent from a row is an empty cell; formulas neutralised."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in columns])
        count += 1
    return count


def write_csv(rows: Iterable[dict[str, Any]], kind: str, out: io.TextIOBase | Any) -> int:
    return write_table(rows, [name for name, _ in COLUMNS[kind]], out)


def write_json(rows: Iterable[dict[str, Any]], out: io.TextIOBase | Any) -> int:
    """A JSON array of objects with the CSV's keys; lists stay arrays, dates are ISO strings."""
    count = 0
    out.write("[")
    for row in rows:
        out.write(",\n " if count else "\n ")
        json.dump(row, out, ensure_ascii=False, default=lambda v: v.isoformat())
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count
