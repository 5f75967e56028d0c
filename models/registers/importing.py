"""A register as the rows of an import: what `giapranh import` and the app's import screen read.

    plan = read_register("so-nguon-tin.xlsx", "tips", sheet="2020", mapping="anh-xa.json")
    with plan, write_session(engine) as session:
        count = plan.import_into(session, actor)  # InvalidInput: every problem, nothing kept
        plan.preview  # the first PREVIEW_ROWS rows as validation gets them
        plan.column_encodings()  # {"summary": "tcvn3", …}

Every format (.xlsx, .xls, .ods, .csv, recognised by content and name) goes through the
registers readers (models.registers) into the same batched path (models.bulk). A header that
names no column, or one named twice, is a problem of the import like a bad row; the listing of
header problems is capped at HEADER_PROBLEMS_SHOWN with a count of the rest (a file of 100,000
unknown columns gives a short message). A required column missing refuses the file at once.
Cells that could not be read (a formula, a date that is none) are the problems of their rows,
listed at the end with the rest, in the sheet's own row numbers.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from models import csvio
from models.base import Actor
from models.db import data_folder, write_session
from models.errors import PROBLEMS_SHOWN, InvalidInput, Problem, capped
from models.i18n import t
from models.registers.columns import Header, HeaderMapping, save_mapping
from models.registers.reader import Conversion, Register, open_register
from models.text import printable

PREVIEW_ROWS = 5
HEADER_PROBLEMS_SHOWN = PROBLEMS_SHOWN


class RegisterPlan:
    """A register opened for an import: its mapping, its rows, what was seen reading them."""

    def __init__(self, register: Register):
        self.register = register
        self.kind = register.kind
        mapping = register.mapping
        self.missing = [p for p in mapping.problems() if p.reason == "err.missing_column"]
        self.header_problems = capped(
            [p for p in mapping.problems() if p.reason != "err.missing_column"]
        )
        self.preview: list[tuple[int, dict[str, str | date]]] = []
        self.count = 0

    @property
    def mapping(self) -> HeaderMapping:
        return self.register.mapping

    @property
    def headers(self) -> list[Header]:
        return self.register.mapping.headers

    def unplaced(self) -> list[str]:
        return self.register.mapping.unplaced

    def save_mapping(self, path: str | Path) -> None:
        save_mapping(self.register.mapping, path)

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """(sheet row number, {column: value}) of each data row whose cells could all be read
        (the others are in `problems()` once read); InvalidInput at once if a required column
        is missing."""
        if self.missing:
            raise InvalidInput(self.missing + self.header_problems)
        for read in self.register.detailed_rows():
            if read.problems:  # named as they are; validating the rest would name them again
                continue
            number, values = read.number, read.values
            self.count += 1
            if len(self.preview) < PREVIEW_ROWS:
                self.preview.append((number, dict(values)))
            yield number, values

    def problems(self) -> list[Problem]:
        """The header problems and the cells that could not be read, once the rows are read."""
        return self.header_problems + self.register.problems

    def import_into(self, session: Session, actor: Actor) -> int:
        """Every row created through the import path (models.csvio, models.bulk); InvalidInput
        with every problem of the file, in row order, if there is any (the caller rolls back)."""
        problems: list[Problem] = []
        try:
            count = csvio.import_rows(session, actor=actor, kind=self.kind, rows=self.rows())
        except InvalidInput as error:
            problems = error.problems
            count = 0
        problems += self.problems()
        if problems:
            raise InvalidInput(sorted(problems, key=lambda problem: problem.row or 0))
        return count

    def column_encodings(self) -> dict[str, str]:
        return self.register.column_encodings()

    def encodings(self) -> dict[str, Counter[str]]:
        return self.register.encodings

    @property
    def conversions(self) -> list[Conversion]:
        return self.register.conversions

    @property
    def format(self) -> str:
        return self.register.format

    @property
    def sheet(self) -> str:
        return self.register.sheet

    @property
    def file_encoding(self) -> str | None:
        return self.register.file_encoding

    def close(self) -> None:
        self.register.close()

    def __enter__(self) -> RegisterPlan:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def read_register(
    path: str | Path,
    kind: str,
    *,
    sheet: str | None = None,
    mapping: str | Path | None = None,
) -> RegisterPlan:
    """The register at `path` opened for an import of `kind` (Refused: no spreadsheet, no such
    sheet, no header, a bad mapping file)."""
    return RegisterPlan(open_register(Path(path), kind, sheet=sheet, mapping=mapping))


def _shown(value: Any) -> str:
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return printable(str(value), 40)


def preview_lines(plan: RegisterPlan, problems: list[Problem]) -> list[str]:
    """What a dry run shows: the file, the mapping, the encoding found per column, the first
    rows as validation gets them, the headers left unplaced and every problem."""
    lines = [
        t(
            "import.preview_file",
            format=plan.format,
            sheet=printable(plan.sheet),
            row=plan.mapping.row,
            encoding=plan.file_encoding or "-",
        ),
        t("import.preview_mapping"),
    ]
    for header in plan.headers[: HEADER_PROBLEMS_SHOWN * 5]:
        target = header.column or (
            "?" if header.how in ("unplaced", "duplicate") else t("import.preview_left_out")
        )
        lines.append(f"  {header.letter} «{printable(header.text, 40)}» → {target}")
    if len(plan.headers) > HEADER_PROBLEMS_SHOWN * 5:
        lines.append(
            "  " + t("import.more_headers", count=len(plan.headers) - HEADER_PROBLEMS_SHOWN * 5)
        )
    encodings = plan.encodings()
    lines.append(t("import.preview_encodings"))
    if not encodings:
        lines.append("  " + t("import.preview_ascii"))
    for column, counts in sorted(encodings.items()):
        found = ", ".join(f"{name} ({count})" for name, count in counts.most_common())
        lines.append(f"  {column}: {found}")
    for conversion in plan.conversions[:PREVIEW_ROWS]:
        lines.append(
            "  "
            + t(
                "import.preview_converted",
                row=conversion.row,
                column=conversion.column,
                encoding=conversion.encoding,
                original=printable(conversion.original, 40),
                text=printable(conversion.text, 40),
            )
        )
    lines.append(t("import.preview_rows", count=len(plan.preview)))
    for number, values in plan.preview:
        cells = "; ".join(f"{column}={_shown(value)}" for column, value in values.items())
        lines.append(f"  {t('import.preview_row', row=number)}: {cells}")
    unplaced = plan.unplaced()
    if unplaced:
        names = ", ".join(f"«{printable(text, 40)}»" for text in unplaced[:HEADER_PROBLEMS_SHOWN])
        rest = len(unplaced) - HEADER_PROBLEMS_SHOWN
        if rest > 0:
            names += " " + t("import.more_headers", count=rest)
        lines.append(t("import.preview_unplaced", headers=names))
    if problems:
        lines.append(t("import.preview_problems", count=len(problems)))
        lines += [f"  {problem}" for problem in problems]
    return lines


IMPORT_DIR_VARIABLE = "GIAPRANH_IMPORT_DIR"


def import_folder(username: str | None) -> Path:
    """The folder on the server an operator's registers are picked from in the app:
    $GIAPRANH_IMPORT_DIR (default: `imports` in the user's data folder), and in it a folder
    named after the operator (the local administrator: the folder itself)."""
    configured = os.environ.get(IMPORT_DIR_VARIABLE)
    root = Path(configured) if configured else data_folder() / "imports"
    if username is None or username.startswith("local:"):
        return root
    return root / username


def files_in(folder: Path) -> list[Path]:
    """The registers in `folder` (not below it; no link that leads out of it), by name."""
    if not folder.is_dir():
        return []
    inside = folder.resolve()
    found = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in (".xlsx", ".xls", ".ods", ".csv") or not path.is_file():
            continue
        if path.resolve().parent != inside:
            continue
        found.append(path)
    return found


@dataclass
class Checked:
    """A register read through the import: what a preview shows, and whether it was written."""

    lines: list[str]
    problems: list[Problem]
    count: int
    written: bool


def check_register(engine: Engine, actor: Actor, path: Path, kind: str, *, write: bool) -> Checked:
    """Read the register at `path` through the whole import, in one transaction; kept only
    when `write` and there is no problem. Refused (no spreadsheet, no header), Forbidden."""
    with read_register(path, kind) as plan:
        problems: list[Problem] = []
        count = 0
        try:
            with write_session(engine) as session:
                count = plan.import_into(session, actor)
                if not write:
                    session.rollback()
        except InvalidInput as error:
            problems = error.problems
        return Checked(preview_lines(plan, problems), problems, count, write and not problems)
