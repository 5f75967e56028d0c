"""Where the records live: choosing the database, opening it safely, and transactions.

SQLite (a file in the user's data folder by default) or PostgreSQL, through the same code.
SQLite runs in WAL mode with foreign keys on and a busy timeout, and a write transaction starts
with BEGIN IMMEDIATE, so several operator processes share one file without "database is locked".
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Connection, Engine, Table, create_engine, event, insert, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.exc import DatabaseError as SQLDatabaseError
from sqlmodel import Session, SQLModel

from models.errors import DatabaseError
from models.text import printable

ENV_DATABASE_URL = "GIAPRANH_DATABASE_URL"
MIGRATIONS = Path(__file__).parent / "migrations"
BUSY_TIMEOUT_SECONDS = 30
_WRITE = "giapranh_write"
_MIGRATION_LOCK, _LOG_LOCK = 7531902, 7531903  # PostgreSQL advisory lock keys


def data_folder() -> Path:
    return platformdirs.user_data_path("giapranh", appauthor=False)


def default_path() -> Path:
    return data_folder() / "giapranh.sqlite"


def resolve_url(database: str | None = None) -> str:
    """A SQLAlchemy URL from `--db` (a URL or a file path), the environment, or the default file.

    An empty `--db` is refused: it must not quietly mean the default database."""
    if database is not None and not database.strip():
        raise DatabaseError("error.db_empty")
    value = database or os.environ.get(ENV_DATABASE_URL) or str(default_path())
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser().resolve()}"
    for plain in ("postgresql://", "postgres://"):
        if value.startswith(plain):
            return "postgresql+psycopg://" + value[len(plain) :]
    return value


def display_url(url: str) -> str:
    """The URL without its password, fit to show on screen."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def is_sqlite(engine_or_url: Engine | str) -> bool:
    url = engine_or_url.url if isinstance(engine_or_url, Engine) else make_url(engine_or_url)
    return url.get_backend_name() == "sqlite"


SUPPORTED_BACKENDS = ("sqlite", "postgresql")
_SQLITE_HEADER = b"SQLite format 3\x00"


def _looks_like_sqlite(path: Path) -> bool:
    """A new or empty file, or one that starts as every SQLite database does."""
    try:
        with path.open("rb") as file:
            start = file.read(len(_SQLITE_HEADER))
    except FileNotFoundError:
        return True
    except OSError:
        return True  # unreadable: SQLite's own error says why
    return not start or start == _SQLITE_HEADER


CONNECT_TIMEOUT_SECONDS = 10


def make_engine(url: str) -> Engine:
    """The engine of a SQLite or PostgreSQL URL; DatabaseError for anything else.

    Only the default database's folder is created: a path someone typed names a folder that
    must already exist (no folders made anywhere a URL points)."""
    try:
        parsed = make_url(url)
        backend = parsed.get_backend_name()
    except (ArgumentError, ValueError):  # not a URL at all, or a port that is not a number
        raise DatabaseError("error.db_unsupported", url=printable(url)) from None
    if backend not in SUPPORTED_BACKENDS:
        raise DatabaseError("error.db_unsupported", url=printable(display_url(url)))
    try:
        if backend != "sqlite":
            return create_engine(
                url,
                pool_pre_ping=True,
                connect_args={"connect_timeout": CONNECT_TIMEOUT_SECONDS},
            )
        engine = create_engine(
            url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS, "check_same_thread": False}
        )
    except (ArgumentError, ImportError):
        raise DatabaseError("error.db_unsupported", url=printable(display_url(url))) from None
    database = parsed.database
    if database and database != ":memory:" and not parsed.query.get("uri"):
        folder = Path(database).parent
        if Path(database).is_dir():
            raise DatabaseError("error.db_is_folder", path=printable(database))
        if not _looks_like_sqlite(Path(database)):  # SQLite would take a short file for empty
            raise DatabaseError(
                "error.db_corrupt", url=printable(database), reason="not a SQLite file"
            )
        if Path(database) == default_path():
            folder.mkdir(parents=True, exist_ok=True)
        elif not folder.is_dir():
            raise DatabaseError("error.db_no_folder", path=printable(str(folder)))

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # Transactions are begun by us (below), not by the sqlite3 module.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # A write takes the write lock up front: a deferred transaction that reads and then writes
        # fails at once with SQLITE_BUSY if another process wrote in between, whatever the timeout.
        immediate = connection.get_execution_options().get(_WRITE)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _alembic_config(connection: Any = None) -> Any:
    from alembic.config import Config  # Alembic (and Mako) only when a migration runs

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


# Revisions are numbered (scripts/new-migration): the newest is the highest number, known
# without importing Alembic (tests/test_db.py checks it against Alembic's own head).
HEAD = max(path.name[:4] for path in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))


def described_by_models(name: str | None, type_: str, parent_names: Any) -> bool:
    """Whether a schema object is one the models describe (for Alembic's comparison of the two):
    the full-text indexes of search are the migrations' own (models/search.py)."""
    if type_ == "table" and name and "_fts" in name:
        return False
    return not (type_ == "index" and name and name.endswith("_search"))


def head_revision() -> str:
    return HEAD


def upgrade(engine: Engine) -> str:
    """Bring the schema to the newest revision; refuse a database from a newer giapranh.

    A database already at the newest revision is only read (no write lock: opening it never
    waits behind a long import) and Alembic is not even imported.
    """
    try:
        if current_revision(engine) == HEAD:
            return HEAD
        migrated = _migrate(engine)
    except DBAPIError as error:
        raise failure(error, engine, opening=True) from None
    if migrated:
        gather_statistics(engine)
    return HEAD


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at (None: not a giapranh database yet), read
    without a lock and without Alembic."""
    with engine.connect() as connection:
        try:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except OperationalError as error:
            if "no such table" in str(error.orig):
                return None
            raise
        except DBAPIError:  # PostgreSQL: no such relation
            return None


def _migrate(engine: Engine) -> bool:
    """Migrate under the write lock (and PostgreSQL's migration lock); whether it did."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    current = None
    try:
        with engine.execution_options(**{_WRITE: True}).begin() as connection:
            if not is_sqlite(engine):
                # Two processes opening a fresh database at once: one migrates, the other waits.
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK}
                )
            current = MigrationContext.configure(connection).get_current_revision()
            if current is None:
                tables = set(inspect(connection).get_table_names()) - {"alembic_version"}
                if tables:
                    raise DatabaseError("error.not_giapranh", url=display_url(str(engine.url)))
            elif script.get_revision(current) is None:
                raise DatabaseError("error.schema_newer", revision=current)
            if current == script.get_current_head():
                return False
            command.upgrade(_alembic_config(connection), "head")
            return True
    except Exception as error:
        if type(error).__name__ == "CommandError":  # alembic: a revision it does not know
            raise DatabaseError("error.schema_newer", revision=current) from None
        raise


def _reason(error: DBAPIError) -> str:
    text = str(error.orig) if error.orig else str(error)
    return printable(text.strip().splitlines()[0] if text.strip() else type(error).__name__, 160)


# What SQLite and PostgreSQL say, and the message it becomes.
_FAILURES = (
    (("readonly", "read-only", "read only"), "error.db_read_only"),
    (("disk is full", "no space left", "disk full"), "error.db_full"),
    (("malformed", "not a database", "file is encrypted", "disk i/o error"), "error.db_corrupt"),
    (("database is locked",), "error.db_locked"),
)


def failure(error: DBAPIError, engine: Engine | str, *, opening: bool = False) -> DatabaseError:
    """The operator's message for a database's own error (a read-only or corrupt file, a full
    disk, a server that does not answer): what happened, in their language, without the
    statement or a traceback."""
    url = display_url(str(engine.url if isinstance(engine, Engine) else engine))
    reason = _reason(error)
    lowered = reason.lower()
    for words, key in _FAILURES:
        if any(word in lowered for word in words):
            return DatabaseError(key, url=url, reason=reason)
    return DatabaseError(
        "error.cannot_open" if opening else "error.db_failed", url=url, reason=reason
    )


def open_database(database: str | None = None) -> Engine:
    """The engine for `database` (see resolve_url), its schema upgraded to this version."""
    engine = make_engine(resolve_url(database))
    try:
        upgrade(engine)
    except DatabaseError:
        engine.dispose()
        raise
    return engine


def read_session(engine: Engine) -> Session:
    return Session(engine, expire_on_commit=False)


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One user action: everything inside commits together, or nothing does.

    Writers take turns, as SQLite's BEGIN IMMEDIATE makes them: on PostgreSQL the transaction
    starts by taking the change log's lock, so the chain of hashes never forks and a writer never
    waits for a row while holding it.
    """
    with Session(engine.execution_options(**{_WRITE: True}), expire_on_commit=False) as session:
        try:
            with session.begin():
                lock_change_log(session)
                yield session
        except DBAPIError as error:  # read-only, full, corrupt: nothing was written
            if not isinstance(error, OperationalError) and type(error) is not SQLDatabaseError:
                raise  # a constraint, a trigger's refusal: the caller's to explain
            raise failure(error, engine) from None


CHANGES_CHANNEL = "giapranh_changes"


def lock_change_log(session: Session) -> None:
    """Hold the change log's tail until the transaction ends (PostgreSQL; on SQLite the write
    lock does). On PostgreSQL, also tell the sessions watching (models.watch) that records
    change, once the transaction commits."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            # One channel per schema: several stations' schemas may share a database.
            text("SELECT pg_advisory_xact_lock(:key), pg_notify(:channel || current_schema(), '')"),
            {"key": _LOG_LOCK, "channel": CHANGES_CHANNEL},
        )


def insert_many(
    connection: Connection, table: Table, rows: list[dict[str, Any]], ready: tuple[str, ...] = ()
) -> None:
    """INSERT every row (dicts with the same keys) in one executemany, the values converted by
    the columns' own types as SQLAlchemy converts them, without its per-row bookkeeping (which
    costs more than the insert itself in an import of a million rows). The columns named in
    `ready` already hold what the database stores (JSON written as text)."""
    if not rows:
        return
    dialect = connection.dialect
    names = list(rows[0])
    compiled = insert(table).compile(dialect=dialect, column_keys=names)
    processors = {
        name: None
        if name in ready
        else table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        for name in names
    }
    if compiled.positional:
        converters = [(name, processors[name]) for name in compiled.positiontup or ()]
        params: list[Any] = [
            tuple(convert(row[name]) if convert else row[name] for name, convert in converters)
            for row in rows
        ]
    else:
        converters = [(name, processors[name]) for name in names]
        params = [
            {name: convert(row[name]) if convert else row[name] for name, convert in converters}
            for row in rows
        ]
    connection.exec_driver_sql(str(compiled), params)


def gather_statistics(engine: Engine, tables: list[str] | None = None) -> None:
    """Tell the query planner how the tables look now (after an import or a migration), so it
    picks the indexes made for each query: ANALYZE, sampled on SQLite (analysis_limit) so that a
    table of millions of rows costs a moment, not a scan."""
    # Named one by one: a bare ANALYZE on PostgreSQL would take every table of the database,
    # other schemas' too.
    with engine.execution_options(**{_WRITE: True}).begin() as connection:
        # Those that exist: a table the models have and the migrations do not yet (while a
        # developer writes the migration that adds it, scripts/new-migration) has no statistics.
        existing = set(inspect(connection).get_table_names())
        names = [
            name
            for name in tables or [table.name for table in SQLModel.metadata.sorted_tables]
            if name in existing
        ]
        if is_sqlite(engine):
            connection.exec_driver_sql("PRAGMA analysis_limit = 2000")
        for name in names:
            connection.exec_driver_sql(f'ANALYZE "{name}"')


def erase(engine: Engine) -> None:
    """Drop every giapranh table (for `demo --force`); the next upgrade builds them again.

    Every table is on the metadata already: importing any `models.*` module runs the package's
    `__init__`, which imports them all.
    """
    with engine.execution_options(**{_WRITE: True}).begin() as connection:
        SQLModel.metadata.drop_all(connection)
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


def backup(engine: Engine, target: Path) -> int:
    """A consistent copy of a live SQLite database (SQLite's online backup API); its size."""
    import sqlite3

    if not is_sqlite(engine):
        raise DatabaseError("error.backup_sqlite_only")
    if target.exists():
        raise DatabaseError("error.backup_target_exists", path=str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(make_url(str(engine.url)).database or ":memory:")
    copy = sqlite3.connect(target)
    try:
        with copy:
            source.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    finally:
        copy.close()
        source.close()
    return target.stat().st_size
