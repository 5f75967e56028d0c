"""The command's options fuzzed (Hypothesis, bounded in time): garbage and impossible dates to
`report` and `audit export`, and every kind of bad `--db`. Each run ends with exit status 0 (the
value was good after all) or 1 and a message; never a traceback, and the database is unchanged."""

import hashlib
import os
import string
import uuid
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.text import parse_date
from tui.cli import main

from .apphelp import demo_copy

FUZZ = settings(
    max_examples=int(os.environ.get("GIAPRANH_FUZZ_EXAMPLES", "40")),
    deadline=10_000,  # ms: one command on a loaded machine
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same cases every run (CI stays reproducible)
)

CONTROL = "".join(map(chr, [0, 7, 8, 9, 10, 13, 27, 0x7F, 0x9B, 0x200D, 0x202E, 0xFEFF]))

# Dates a person or a hostile file might give: impossible days and months, years 0 and 10000,
# the ends of the calendar, other separators, escape sequences, very long digits.
structured_dates = st.one_of(
    st.builds(
        "{:02d}/{:02d}/{:04d}".format,
        st.integers(0, 40),
        st.integers(0, 14),
        st.integers(0, 9999),
    ),
    st.builds(
        "{:04d}-{:02d}-{:02d}".format,
        st.integers(0, 9999),
        st.integers(0, 14),
        st.integers(0, 40),
    ),
    st.sampled_from(
        [
            "31/02/2017",
            "29/02/2019",
            "0001-01-01",
            "9999-12-31",
            "0000-01-01",
            "10000-01-01",
            "1/1/1",
            "2017-1-1",
            "२०१७-०१-०१",  # Devanagari digits: \d matches them
            "2017-01-01\x1b[2J",
            "99999999999999999999/1/2017",
            "",
            " ",
        ]
    ),
    st.text(alphabet=string.digits + "/-. " + CONTROL, max_size=30),
    st.text(max_size=40),
)


def _valid(value: str) -> date | None:
    try:
        return parse_date(value)
    except (ValueError, OverflowError):
        return None


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(demo_copy(tmp_path_factory.mktemp("fuzz")))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=True)


def _ended_well(result: Result) -> None:
    """Exit 0, or 1 with a message; never a traceback (an exception other than SystemExit)."""
    shown = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert result.exit_code in (0, 1), (result.exit_code, shown)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in shown
    if result.exit_code == 1:
        assert shown.strip(), "refused without a message"
    assert not any(char in shown for char in "\x1b\x9b\u202e"), "a control sequence echoed"


@FUZZ
@given(start=structured_dates, end=structured_dates)
def test_report_takes_any_period_text(demo: Path, start: str, end: str) -> None:
    before = _digest(demo)
    result = _run("--db", str(demo), "report", "--from", start, "--to", end, "--format", "json")
    _ended_well(result)
    first, last = _valid(start), _valid(end)
    if first and last and first <= last:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 1
    assert _digest(demo) == before


@FUZZ
@given(start=structured_dates, end=structured_dates)
def test_audit_export_takes_any_period_text(demo: Path, start: str, end: str) -> None:
    before = _digest(demo)
    result = _run("--db", str(demo), "audit", "export", "--from", start, "--to", end)
    _ended_well(result)
    if _valid(start) and _valid(end):
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 1
    assert _digest(demo) == before


schemes = st.one_of(
    st.sampled_from(
        ["mysql", "mssql", "oracle", "foo", "http", "file", "sqlite+foo", "postgresql+nothing"]
    ),
    st.text(alphabet=string.ascii_lowercase + "+-.", min_size=1, max_size=12),
)
urls = st.builds(
    "{}://{}".format,
    schemes,
    st.text(alphabet=string.printable + CONTROL, max_size=40),
)


@FUZZ
@given(url=urls)
def test_a_db_url_of_any_kind_is_opened_or_refused_with_a_message(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    before = _digest(demo)
    monkeypatch.chdir(tmp_path)  # a relative path in a URL lands here, if anywhere
    made = set(os.listdir(tmp_path))
    result = _run("--db", url, "export", "units")
    _ended_well(result)
    if not url.startswith(("sqlite://", "postgresql://", "postgres://")):
        assert result.exit_code == 1, url
    if result.exit_code == 1:
        assert set(os.listdir(tmp_path)) == made, "a refused --db left files behind"
    assert _digest(demo) == before


files = st.one_of(
    st.binary(max_size=4096),
    st.binary(min_size=100, max_size=2000).map(lambda noise: b"SQLite format 3\x00" + noise),
    st.text(max_size=500).map(str.encode),
)


@FUZZ
@given(content=files)
def test_a_db_file_of_garbage_is_refused_and_left_as_it_was(tmp_path: Path, content: bytes) -> None:
    garbage = tmp_path / f"garbage-{uuid.uuid4().hex}.sqlite"  # no engine of an earlier case on it
    garbage.write_bytes(content)
    for command in (["export", "cases"], ["report", "--from", "2017-01-01"], ["audit", "verify"]):
        result = _run("--db", str(garbage), *command)
        _ended_well(result)
        if content:  # an empty file is a new database
            assert result.exit_code == 1, (content[:40], result.output)
            assert garbage.read_bytes() == content
