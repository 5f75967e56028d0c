"""`giapranh import` fuzzed (Hypothesis, bounded in time), for every kind, as CSV and as .xlsx:
random bytes, other encodings, NUL bytes, huge fields, many columns, duplicate and missing
headers, formula cells, impossible dates, codes with spaces or escape sequences, unknown
references, duplicates inside the file and against the database. Each run ends with exit 1 and
a message (or 0 when the garbage happened to be good rows), never a traceback, and nothing is
written unless the whole file was."""

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from models import csvio
from models.registers import write_xlsx

from .apphelp import demo_copy
from .test_fuzz_options import CONTROL, FUZZ, _ended_well, _run, structured_dates

KINDS = list(csvio.COLUMNS)
# Every kind gets its share of each test's examples (GIAPRANH_FUZZ_EXAMPLES, default 40, each).
MANY = settings(FUZZ, max_examples=FUZZ.max_examples * 4)
# Codes that exist in the demo, to collide with, and codes no record has.
TAKEN = ["VV-2017-001", "NT-2017-001", "CA-SC", "XA-XC", "CD-2017-01", "DT-2017-001"]
cells = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=CONTROL + "ab =+-@;,\"'", max_size=20),
    structured_dates,
    st.sampled_from(TAKEN + ["NOPE", "a b", "X\x1b]52;c;aGk=\x07", "=1+1", "@SUM(A1)", ""]),
    st.integers(-(10**20), 10**20).map(str),
    st.just("x" * 100_000),  # a huge field
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(demo_copy(tmp_path_factory.mktemp("fuzz-import")))


def _log_length(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return int(connection.execute("SELECT count(*) FROM change_log").fetchone()[0])


def _imported(demo: Path, kind: str, register: Path) -> None:
    """Import it; refused means nothing written (every write is in the change log)."""
    before = _log_length(demo)
    result = _run("--db", str(demo), "import", kind, str(register))
    _ended_well(result)
    if result.exit_code == 1:
        assert _log_length(demo) == before, result.output


@MANY
@given(kind=st.sampled_from(KINDS), content=st.binary(max_size=2000))
def test_random_bytes(demo: Path, tmp_path: Path, kind: str, content: bytes) -> None:
    register = tmp_path / "register.csv"
    register.write_bytes(content)
    _imported(demo, kind, register)


@st.composite
def registers(draw: st.DrawFn) -> tuple[str, list[str], list[list[str]]]:
    """A kind's header, mangled (columns left out, doubled, unknown, renamed), and rows of
    hostile cells, some rows repeated."""
    kind = draw(st.sampled_from(KINDS))
    header = [name for name, _ in csvio.COLUMNS[kind]]
    header = draw(st.lists(st.sampled_from(header), min_size=1, max_size=len(header) + 2))
    header += draw(st.lists(st.sampled_from(["", "colour", "Mã", "code", "\x00"]), max_size=2))
    if draw(st.booleans()):
        header += [f"c{number}" for number in range(draw(st.sampled_from([0, 100, 5000])))]
    rows = draw(st.lists(st.lists(cells, min_size=0, max_size=len(header) + 1), max_size=4))
    repeated = draw(st.booleans())
    if rows and repeated:
        rows.append(rows[0])  # a duplicate inside the file
    return kind, header, rows


def _csv_text(header: list[str], rows: list[list[str]]) -> str:
    def quoted(cell: str) -> str:
        return '"' + cell.replace('"', '""') + '"'

    return "\n".join(",".join(map(quoted, line)) for line in [header, *rows]) + "\n"


@MANY
@given(register=registers(), encoding=st.sampled_from(["utf-8", "utf-16", "cp1258", "latin-1"]))
def test_structured_garbage_as_csv(
    demo: Path, tmp_path: Path, register: tuple[str, list[str], list[list[str]]], encoding: str
) -> None:
    kind, header, rows = register
    path = tmp_path / "register.csv"
    path.write_bytes(_csv_text(header, rows).encode(encoding, errors="replace"))
    _imported(demo, kind, path)


@MANY
@given(register=registers())
def test_structured_garbage_as_xlsx(
    demo: Path, tmp_path: Path, register: tuple[str, list[str], list[list[str]]]
) -> None:
    kind, header, rows = register
    clean = (ILLEGAL_CHARACTERS_RE.sub("", name) for name in header)
    columns = list(dict.fromkeys(name for name in clean if name))  # a sheet's head is unique
    if not columns:
        columns = ["code"]
    # A sheet holds no C0 controls (XML forbids them); the rest of the garbage goes in.
    records = [
        dict(zip(columns, (ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row), strict=False))
        for row in rows
    ]
    path = tmp_path / "register.xlsx"
    write_xlsx(iter(records), columns, path, sheet=kind)
    _imported(demo, kind, path)
