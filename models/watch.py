"""Other connections' changes, seen without a query: what an idle app looks at once a second."""

import threading
from typing import Any

from sqlalchemy import Engine

from models.db import CHANGES_CHANNEL


class ChangeWatcher:
    """Whether another connection has committed a change since the last look, without a
    query: SQLite's `PRAGMA data_version` (a counter in the shared memory of the database) on a
    connection of the watcher's own, PostgreSQL's notifications (LISTEN) of lock_change_log's
    NOTIFY. An idle app looks once a second and costs the database nothing."""

    def __init__(self, engine: Engine):
        # The app looks from a worker thread and closes from its own: never both at once (a
        # SQLite connection closed under a running statement crashes the process).
        self._lock = threading.Lock()
        self._closed = False
        self._connection = engine.raw_connection()  # held: both signals are per connection
        self._sqlite = engine.dialect.name == "sqlite"
        if self._sqlite:
            self._version = self._data_version()
        else:
            driver: Any = self._connection.driver_connection
            driver.autocommit = True
            (schema,) = driver.execute("SELECT current_schema()").fetchone()
            channel = (CHANGES_CHANNEL + schema).replace('"', '""')
            driver.execute(f'LISTEN "{channel}"')

    def _data_version(self) -> int:
        cursor = self._connection.cursor()
        try:
            cursor.execute("PRAGMA data_version")
            row: Any = cursor.fetchone()
            return int(row[0])
        finally:
            cursor.close()

    def changed(self) -> bool:
        with self._lock:
            return False if self._closed else self._changed()

    def _changed(self) -> bool:
        if self._sqlite:
            version, self._version = self._version, self._data_version()
            return version != self._version
        driver: Any = self._connection.driver_connection
        return any(True for _ in driver.notifies(timeout=0))

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if self._sqlite:
                self._connection.close()
            else:  # listening and in autocommit: not for the pool's next borrower
                self._connection.invalidate()
