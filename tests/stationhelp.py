"""What the station tests share: `giapranh station …` through click's runner on one database,
and the state a refused command must leave as it found it."""

from typing import Any

from click.testing import CliRunner, Result
from sqlalchemy import Engine, func
from sqlmodel import col, select

from models import OPERATORS, ChangeLogEntry
from models.db import read_session
from models.stations import Station
from tui.cli import main

from .conftest import create


def station(url: str, *args: str, operator: str | None = None, lang: str = "vi") -> Result:
    """`giapranh station ARGS --db URL --lang LANG [--operator NAME]`, its stdout and stderr
    apart (the language is the process's: each run says its own)."""
    options = ["--operator", operator] if operator else []
    return CliRunner().invoke(main, ["station", *args, "--db", url, "--lang", lang, *options])


def state(engine: Engine) -> tuple[list[tuple[Any, ...]], int]:
    """Every station record as stored, and how long the change log is."""
    with read_session(engine) as session:
        rows = session.exec(select(Station).order_by(col(Station.code))).all()
        stored = [
            (row.code, row.fingerprint, row.own, row.key_path, row.revoked_at, row.version)
            for row in rows
        ]
        logged = session.scalar(select(func.count()).select_from(ChangeLogEntry)) or 0
    return stored, logged


def add_operators(engine: Engine) -> None:
    """An administrator, an editor and a viewer of unit A (units from `two_units`)."""
    for role in ("admin", "editor", "viewer"):
        create(engine, OPERATORS, code=f"a.{role}", unit="A", role=role)
