"""Who gets in to the station server: the check of a login against the database, and the
growing wait of an address that keeps failing."""

import time

from sqlalchemy import Engine

from models.db import read_session
from models.operators import LoginRefused, log_in


class Throttle:
    """Repeated failed logins from one address wait longer and longer before each new attempt
    is answered (in memory: a restart forgets)."""

    def __init__(self, first: float, most: float, forget_after: float = 900.0):
        self.first, self.most, self.forget_after = first, most, forget_after
        self._failures: dict[str, tuple[int, float]] = {}

    def delay(self, address: str) -> float:
        count, last = self._failures.get(address, (0, 0.0))
        if count == 0 or time.monotonic() - last > self.forget_after:
            return 0.0
        return float(min(self.most, self.first * 2 ** (count - 1)))

    def failed(self, address: str) -> None:
        now = time.monotonic()
        if len(self._failures) > 10_000:  # a scan from many addresses: forget the stale ones
            stale = [a for a, (_, last) in self._failures.items() if now - last > self.forget_after]
            for gone in stale:
                del self._failures[gone]
        count, last = self._failures.get(address, (0, 0.0))
        if now - last > self.forget_after:
            count = 0
        self._failures[address] = (count + 1, now)

    def succeeded(self, address: str) -> None:
        self._failures.pop(address, None)


def check_login(engine: Engine, username: str, fingerprint: str) -> str | None:
    """None if `username` may log in with the key of `fingerprint`, else the access log's
    reason. Asked at every login, so a removed key or a disabled operator counts at once."""
    with read_session(engine) as session:
        try:
            log_in(session, username, fingerprint)
        except LoginRefused as refused:
            return refused.reason
    return None
