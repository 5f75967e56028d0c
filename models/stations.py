"""The stations this one knows: itself, and the partner stations whose bundles it trusts.

One record per station, coded by its unit (one station per unit): the unit, its public key
line (`ssh-ed25519 AAAA… giapranh station CA-QN`) and the key's fingerprint, who trusted the
key and when, and for a partner, when it was revoked. Exactly one record is this station's own
(`own`): it also names the private key file (`key_path`), which stays outside the database,
because a database is backed up, restored and copied where a key must not follow it. The file
is an OpenSSH private key, mode 0600, read by models.exchange.keys; for SQLite it lies beside
the database file, for PostgreSQL on the server that runs giapranh, in the data folder of the
user who runs it (see `default_key_path`). The database keeps the path and the public half, so
a station can say who it is without reading its secret.

Written through models.records like every record: administrators only, each change in the
hash-chained change log (a partner trusted, its key replaced, revoked). A revoked partner stays,
with `revoked_at`: its old bundles are refused by name, and the log still reads. The orders
themselves (init, trust, revoke) are in models.station_trust.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from pydantic import AwareDatetime, StringConstraints
from sqlalchemy import make_url
from sqlmodel import Field, Relationship, Session, SQLModel, col, select

from models.base import BLANK, Code, RecordColumns, YesNo
from models.db import data_folder
from models.errors import Refused
from models.exchange.keys import COMMENT_PREFIX, fingerprint, parse_public_key, public_key_line
from models.kinds import Checker, Kind
from models.units import Unit

# An ed25519 line is 80 characters before its comment; the comment names a unit (UNIT_CODE).
PUBLIC_KEY_MAX = 200
FINGERPRINT_MAX = 60  # "SHA256:" and 43 characters
PATH_MAX = 1000
OPERATOR_MAX = 80  # as the change log's `actor`
KEY_FILE_SUFFIX = ".station-key"

PublicKeyLine = Annotated[str, StringConstraints(min_length=1, max_length=PUBLIC_KEY_MAX)]
KeyPath = Annotated[str, StringConstraints(min_length=1, max_length=PATH_MAX)]
OperatorName = Annotated[str, StringConstraints(min_length=1, max_length=OPERATOR_MAX)]
OptionalKeyPath = Annotated[KeyPath | None, BLANK]
OptionalOperatorName = Annotated[OperatorName | None, BLANK]


class Station(RecordColumns, table=True):
    __tablename__ = "stations"

    unit_id: uuid.UUID = Field(foreign_key="units.id", unique=True, index=True)
    public_key: str = Field(max_length=PUBLIC_KEY_MAX)
    fingerprint: str = Field(max_length=FINGERPRINT_MAX, unique=True, index=True)
    own: bool = Field(default=False)
    key_path: str | None = Field(default=None, max_length=PATH_MAX)
    trusted_by: str = Field(max_length=OPERATOR_MAX)
    trusted_at: datetime
    revoked_by: str | None = Field(default=None, max_length=OPERATOR_MAX)
    revoked_at: datetime | None = None

    unit: Unit = Relationship()

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


class StationCreate(SQLModel):
    unit: Code
    public_key: PublicKeyLine
    own: YesNo = False
    key_path: OptionalKeyPath = None
    trusted_by: OperatorName
    trusted_at: AwareDatetime
    revoked_by: OptionalOperatorName = None
    revoked_at: AwareDatetime | None = None


def _apply(checker: Checker, station: Station, data: StationCreate) -> None:
    unit = checker.ref(Unit, data.unit, "unit", "err.unknown_unit")
    if unit is not None:
        station.unit = unit
        with checker.session.no_autoflush:
            other = station_of(checker.session, data.unit)
        if other is not None and other.id != station.id:
            checker.problem("unit", data.unit, "station.unit_taken")
    comment = data.public_key.strip().split(maxsplit=2)[2:]
    named = comment[0].removeprefix(COMMENT_PREFIX) if comment else data.unit
    if comment and comment[0].startswith(COMMENT_PREFIX) and named != data.unit:
        # A partner's .pub names its station's unit: trusting it for another is a mix-up.
        checker.problem("public_key", comment[0], "station.key_names_other_unit", unit=named)
    try:
        key = parse_public_key(data.public_key)
    except Refused:
        checker.problem("public_key", data.public_key[:80], "station.public_key_not_ed25519")
    else:
        # Kept in one spelling: the key and the comment that names its unit.
        station.public_key = public_key_line(key, COMMENT_PREFIX + data.unit)
        station.fingerprint = fingerprint(key)
        _check_unique_key(checker, station)
    if data.own:
        if data.key_path is None:
            checker.problem("key_path", None, "err.required")
        if data.revoked_at is not None:
            checker.problem("revoked_at", data.revoked_at, "station.own_not_revoked")
        other = own_station(checker.session)
        if other is not None and other.id != station.id:
            checker.problem("own", data.unit, "station.own_exists", unit=other.unit.code)
    elif data.key_path is not None:
        checker.problem("key_path", data.key_path, "station.partner_no_key_file")
    station.code = data.unit
    station.own, station.key_path = data.own, data.key_path
    station.trusted_by, station.trusted_at = data.trusted_by, data.trusted_at
    station.revoked_by, station.revoked_at = data.revoked_by, data.revoked_at


def _check_unique_key(checker: Checker, station: Station) -> None:
    """One key, one station: a key already known for another unit is refused by its name."""
    with checker.session.no_autoflush:
        other = checker.session.exec(
            select(Station).where(col(Station.fingerprint) == station.fingerprint)
        ).first()
    if other is not None and other.id != station.id:
        checker.problem(
            "public_key", station.fingerprint, "station.key_taken", unit=other.unit.code
        )


def _snapshot(station: Station) -> dict[str, Any]:
    return {
        "unit": station.unit.code,
        "public_key": station.public_key,
        "own": station.own,
        "key_path": station.key_path,
        "trusted_by": station.trusted_by,
        "trusted_at": station.trusted_at,
        "revoked_by": station.revoked_by,
        "revoked_at": station.revoked_at,
    }


STATIONS = Kind(
    "stations",
    Station,
    StationCreate,
    _apply,
    _snapshot,
    title_field="fingerprint",
    owner_field="unit",
    linked_words=lambda station: [station.unit.name],
    references={"unit": "units"},
)


def own_station(session: Session) -> Station | None:
    """This station's record, once `giapranh station init` made it."""
    return session.exec(select(Station).where(col(Station.own))).first()


def station_of(session: Session, unit_code: str) -> Station | None:
    """The station of a unit (this one or a partner), by the unit's code as it is now."""
    statement = select(Station).join(Unit).where(col(Unit.code) == unit_code)
    return session.exec(statement).first()


def partners(session: Session) -> list[Station]:
    """The partner stations, revoked ones included, in the order of their units' codes."""
    statement = select(Station).join(Unit).where(~col(Station.own)).order_by(col(Unit.code))
    return list(session.exec(statement))


def trusted(session: Session) -> dict[str, str]:
    """Unit code → public key line of every partner not revoked: what a bundle is opened with
    (models.exchange.open_bundle's `trusted`)."""
    return {
        station.unit.code: station.public_key
        for station in partners(session)
        if not station.revoked
    }


def default_key_path(url: str) -> Path:
    """Where `station init` makes the key when no --key is given: beside a SQLite database file
    (`giapranh.sqlite` → `giapranh.station-key`, and `.pub`), so the file and its key stay
    together; for PostgreSQL (or SQLite in memory), in the data folder of the user running
    giapranh on the server, named by the database (`giapranh.station-key`)."""
    parsed = make_url(url)
    database = parsed.database or "giapranh"
    if parsed.get_backend_name() == "sqlite" and database != ":memory:":
        path = Path(database).resolve()
        return path.with_name(path.stem + KEY_FILE_SUFFIX)
    folder = data_folder()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    name = Path(database).name if database != ":memory:" else "memory"
    return folder / (name + KEY_FILE_SUFFIX)
