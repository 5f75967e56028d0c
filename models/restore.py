"""Restoring a SQLite database from a copy that `giapranh backup` made, checked first.

Nothing is replaced until the copy has passed: it is a SQLite file, `PRAGMA integrity_check`
finds nothing, it is a giapranh database no newer than this giapranh, and its change log's chain
of hashes verifies (on a scratch copy, upgraded if older). The database as it was is kept beside
it, and the copy goes in through SQLite's backup API, under the write lock, so operators working
meanwhile see either the old records or the restored ones, never a mix.
"""

import contextlib
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from models import audit
from models.db import HEAD, backup, is_sqlite, open_database, read_session
from models.errors import DatabaseError
from models.text import printable

_SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Restored:
    entries: int  # in the restored change log
    head: str  # its last hash, to note (audit verify --head)
    kept: Path  # the database as it was before


def _check_copy(copy: Path) -> None:
    """The copy as SQLite sees it: a database, undamaged, of a giapranh no newer than this."""
    shown = printable(str(copy), 300)
    if not copy.is_file():
        raise DatabaseError("error.restore_not_found", path=shown)
    with copy.open("rb") as file:
        if file.read(len(_SQLITE_HEADER)) != _SQLITE_HEADER:
            raise DatabaseError("error.restore_damaged", path=shown, reason="not a SQLite file")
    try:
        with contextlib.closing(
            sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro", uri=True)
        ) as db:
            problems = [row[0] for row in db.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise DatabaseError(
                    "error.restore_damaged", path=shown, reason=printable("; ".join(problems[:3]))
                )
            try:
                revision = db.execute("SELECT version_num FROM alembic_version").fetchone()
            except sqlite3.OperationalError:
                revision = None
    except sqlite3.DatabaseError as error:
        raise DatabaseError(
            "error.restore_damaged", path=shown, reason=printable(str(error))
        ) from None
    if revision is None:
        raise DatabaseError("error.restore_not_giapranh", path=shown)
    if str(revision[0]) > HEAD:
        raise DatabaseError("error.schema_newer", revision=printable(str(revision[0])))


def restore(engine: Engine, copy: Path) -> Restored:
    """Replace the SQLite database of `engine` with `copy`, once the copy is checked."""
    if not is_sqlite(engine):
        raise DatabaseError("error.restore_sqlite_only")
    _check_copy(copy)
    live = Path(make_url(str(engine.url)).database or "")
    scratch = live.with_name(f"{live.name}.restore-check")
    scratch.unlink(missing_ok=True)
    try:
        shutil.copyfile(copy, scratch)
        checked = open_database(str(scratch))  # upgraded here if the copy is older
        try:
            with read_session(checked) as session:
                verdict = audit.verify(session)
        finally:
            checked.dispose()
        if not verdict.intact:
            raise DatabaseError(
                "error.restore_chain", path=printable(str(copy), 300), problem=verdict.message()
            )
        kept = live.with_name(f"{live.stem}.before-restore-{datetime.now():%Y%m%d-%H%M%S}.sqlite")
        backup(engine, kept)
        with contextlib.closing(sqlite3.connect(scratch)) as source:
            raw = engine.raw_connection()
            try:
                target = raw.driver_connection
                assert isinstance(target, sqlite3.Connection)
                source.backup(target)
            finally:
                raw.close()
    finally:
        for leftover in (scratch, *scratch.parent.glob(f"{scratch.name}-*")):
            leftover.unlink(missing_ok=True)
    return Restored(verdict.count, verdict.head, kept)
