"""The access log: who logged in to the station server, from where, when, and who was refused why.

The SSH server writes it (login, logout, refused); administrators read it with
`giapranh access-log`. It is separate from the change log: nothing here changes a record, and a
refused stranger belongs to no unit.
"""

from datetime import datetime

from sqlmodel import Field, Session, SQLModel, col, select

from models import access
from models.base import Actor, utcnow

EVENTS = ("login", "logout", "refused")
# Why a connection was refused, or how a session ended: keys "access.<reason>" in the catalogue.
REASONS = (
    "unknown_user",
    "disabled",
    "wrong_key",
    "no_key",
    "timeout",
    "no_terminal",
    "too_many_sessions",
    "ended",
    "dropped",
    "no_session",
)


class AccessLogEntry(SQLModel, table=True):
    __tablename__ = "access_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    event: str = Field(max_length=10)
    username: str = Field(max_length=80, index=True)
    address: str = Field(max_length=80)
    reason: str | None = Field(default=None, max_length=40)
    seconds: int | None = Field(default=None)  # how long a session lasted (logout)


def record(
    session: Session,
    *,
    event: str,
    username: str,
    address: str,
    reason: str | None = None,
    seconds: int | None = None,
) -> AccessLogEntry:
    """Add one entry; the caller commits."""
    if event not in EVENTS or (reason is not None and reason not in REASONS):
        raise ValueError(f"unknown access log event {event!r} or reason {reason!r}")
    entry = AccessLogEntry(
        at=utcnow(),
        event=event,
        username=username[:80],
        address=address[:80],
        reason=reason,
        seconds=seconds,
    )
    session.add(entry)
    return entry


def recent(session: Session, *, actor: Actor, limit: int = 50) -> list[AccessLogEntry]:
    """The newest `limit` entries, oldest first; administrators only."""
    access.require(actor, "read", "access_log")
    newest = session.exec(
        select(AccessLogEntry).order_by(col(AccessLogEntry.id).desc()).limit(limit)
    ).all()
    return list(reversed(newest))
