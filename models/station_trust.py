"""A station's identity and the partners it trusts, as the administrators order them.

`station_key` makes (or takes) the key file and takes it back if the order fails, `init_station`
records this station once; `trust`, `revoke` and `read_public_key` look after its partners.
Each takes the session (the caller owns the transaction) and the acting operator, and writes
through models.records: administrators only, in the change log. Refusals change nothing: the
database is written in one transaction, and a key file made for an order that failed is removed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from sqlmodel import Session

from models import access, records
from models.base import Actor, utcnow
from models.errors import Refused
from models.exchange.keys import StationKey, create_station_key, load_station_key
from models.i18n import register
from models.kinds import find_by_code
from models.stations import STATIONS, Station, own_station, station_of
from models.units import Unit

PUBLIC_KEY_FILE_MAX = 64 * 1024  # a .pub file is one line; anything larger is not one

MESSAGES = {
    "station.unit_taken": (
        "đơn vị này đã có trạm (của trạm này hoặc một trạm đối tác)",
        "this unit already has a station (this one, or a partner)",
    ),
    "station.key_names_other_unit": (
        "khóa này là của trạm {unit}, không phải của đơn vị đã nêu",
        "this key is the station key of {unit}, not of the unit given",
    ),
    "station.public_key_not_ed25519": (
        "không phải khóa công khai ssh-ed25519",
        "not an ssh-ed25519 public key",
    ),
    "station.key_taken": (
        "khóa này đã được dùng cho trạm {unit}",
        "this key is already the key of the station {unit}",
    ),
    "station.own_exists": (
        "trạm này đã được khởi tạo cho đơn vị {unit}",
        "this station was already set up for the unit {unit}",
    ),
    "station.own_not_revoked": (
        "không thu hồi khóa của chính trạm này",
        "this station's own key is not revoked",
    ),
    "station.partner_no_key_file": (
        "trạm đối tác không có tệp khóa bí mật ở đây",
        "a partner station has no private key file here",
    ),
    "station.already_initialised": (
        "trạm này đã được khởi tạo: đơn vị {unit}, khóa {fingerprint} tại {path}; "
        "không tạo khóa thứ hai",
        "this station is already set up: unit {unit}, key {fingerprint} at {path}; "
        "a second key is never made",
    ),
    "station.not_initialised": (
        "trạm này chưa được khởi tạo: chạy giapranh station init --unit MÃ_ĐƠN_VỊ",
        "this station is not set up yet: run giapranh station init --unit UNIT_CODE",
    ),
    "station.key_other_unit": (
        "khóa {path} là của đơn vị {key_unit}, không phải {unit}",
        "the key {path} belongs to the unit {key_unit}, not {unit}",
    ),
    "station.unknown_unit": (
        "không có đơn vị mã {unit}",
        "no unit has the code {unit}",
    ),
    "station.partner_is_self": (
        "{unit} là đơn vị của chính trạm này, không phải trạm đối tác",
        "{unit} is this station's own unit, not a partner",
    ),
    "station.partner_exists": (
        "trạm {unit} đã được tin cậy với khóa {fingerprint}; thêm --replace để thay bằng khóa mới",
        "the station {unit} is already trusted with the key {fingerprint}; "
        "add --replace to trust the new key instead",
    ),
    "station.partner_revoked": (
        "trạm {unit} đã bị thu hồi lúc {at}; thêm --replace để tin cậy lại",
        "the station {unit} was revoked at {at}; add --replace to trust it again",
    ),
    "station.partner_unknown": (
        "không có trạm đối tác nào của đơn vị {unit}",
        "no partner station of the unit {unit} is trusted",
    ),
    "station.already_revoked": (
        "trạm {unit} đã bị thu hồi lúc {at}",
        "the station {unit} was already revoked at {at}",
    ),
    "station.public_file_unreadable": (
        "không đọc được tệp khóa công khai {path}: {reason}",
        "cannot read the public key file {path}: {reason}",
    ),
    "station.public_file_not_one_key": (
        "tệp {path} không phải tệp khóa công khai (.pub): cần đúng một dòng ssh-ed25519",
        "{path} is not a public key file (.pub): it must hold one ssh-ed25519 line",
    ),
}
register(MESSAGES)


@contextlib.contextmanager
def station_key(path: Path, unit: str, *, existing: bool) -> Iterator[StationKey]:
    """The station's key for `init`: made at `path` (which must not exist), or with
    `existing` an OpenSSH key already there (`ssh-keygen -t ed25519 -N '' -C 'giapranh station
    UNIT'`), which must name `unit`. A key made here is removed again if the block fails, so a
    refused `init` leaves no file behind; a key that was there is never touched."""
    made = not (existing and path.exists())
    key = create_station_key(path, unit) if made else load_station_key(path)
    try:
        if key.unit != unit:
            raise Refused("station.key_other_unit", path=str(path), key_unit=key.unit, unit=unit)
        yield key
    except BaseException:
        if made:
            path.unlink(missing_ok=True)
            path.with_name(path.name + ".pub").unlink(missing_ok=True)
        raise


def check_init(session: Session, *, actor: Actor, unit: str) -> None:
    """What `init` refuses before any key is made: a non-administrator, a second init, a unit
    that does not exist."""
    access.require(actor, "create", STATIONS)
    own = own_station(session)
    if own is not None:
        raise Refused(
            "station.already_initialised",
            unit=own.unit.code,
            fingerprint=own.fingerprint,
            path=own.key_path,
        )
    _require_unit(session, unit)


def init_station(session: Session, *, actor: Actor, key: StationKey, key_path: Path) -> Station:
    """Record this station: its unit, its public key and where its private key file is."""
    check_init(session, actor=actor, unit=key.unit)
    data = {
        "unit": key.unit,
        "public_key": key.public_key_line,
        "own": True,
        "key_path": str(key_path.resolve()),
        "trusted_by": actor.username,
        "trusted_at": utcnow(),
    }
    return records.create(session, actor=actor, kind=STATIONS, data=data)


def this_station(session: Session) -> Station:
    """This station's record, or a refusal saying to run `station init`."""
    own = own_station(session)
    if own is None:
        raise Refused("station.not_initialised")
    return own


def read_public_key(path: Path) -> str:
    """The one key line of a `.pub` file; a file that holds anything else is refused."""
    try:
        with path.open("rb") as file:
            data = file.read(PUBLIC_KEY_FILE_MAX + 1)
    except OSError as error:
        raise Refused(
            "station.public_file_unreadable", path=str(path), reason=error.strerror
        ) from None
    try:
        lines = [line for line in data.decode("ascii").splitlines() if line.strip()]
    except UnicodeDecodeError:
        lines = []
    if len(data) > PUBLIC_KEY_FILE_MAX or len(lines) != 1 or not lines[0].startswith("ssh-"):
        raise Refused("station.public_file_not_one_key", path=str(path))
    return lines[0].strip()


Trusted = Literal["trusted", "replaced", "trusted_again", "unchanged"]


def trust(
    session: Session, *, actor: Actor, unit: str, public_key: str, replace: bool = False
) -> tuple[Station, Trusted]:
    """Trust `public_key` as the partner station of `unit`; the record, and what changed.

    One key per partner: a unit already trusted keeps its key unless `replace`, which also
    trusts again a revoked partner. The same key trusted again changes nothing."""
    access.require(actor, "create", STATIONS)
    _require_unit(session, unit)
    own = own_station(session)
    if own is not None and own.unit.code == unit:
        raise Refused("station.partner_is_self", unit=unit)
    data = {
        "unit": unit,
        "public_key": public_key,
        "trusted_by": actor.username,
        "trusted_at": utcnow(),
        "revoked_by": None,
        "revoked_at": None,
    }
    known = station_of(session, unit)
    if known is None:
        return records.create(session, actor=actor, kind=STATIONS, data=data), "trusted"
    same = _same_key(known.public_key, public_key)
    if known.revoked_at is None and same:
        return known, "unchanged"
    if not replace:
        if known.revoked_at is not None:
            raise Refused("station.partner_revoked", unit=unit, at=_shown(known))
        raise Refused("station.partner_exists", unit=unit, fingerprint=known.fingerprint)
    outcome: Trusted = "trusted_again" if same else "replaced"
    updated = records.update(
        session,
        actor=actor,
        kind=STATIONS,
        key=known.id,
        expected_version=known.version,
        changes=data,
    )
    return updated, outcome


def revoke(session: Session, *, actor: Actor, unit: str) -> Station:
    """Stop trusting the partner station of `unit`; it stays listed, revoked, with when."""
    access.require(actor, "update", STATIONS)
    known = station_of(session, unit)
    if known is None:
        raise Refused("station.partner_unknown", unit=unit)
    if known.own:
        raise Refused("station.partner_is_self", unit=unit)
    if known.revoked_at is not None:
        raise Refused("station.already_revoked", unit=unit, at=_shown(known))
    return records.update(
        session,
        actor=actor,
        kind=STATIONS,
        key=known.id,
        expected_version=known.version,
        changes={"revoked_by": actor.username, "revoked_at": utcnow()},
    )


def _require_unit(session: Session, unit: str) -> None:
    if find_by_code(session, Unit, unit) is None:
        raise Refused("station.unknown_unit", unit=unit)


def _same_key(line: str, other: str) -> bool:
    return line.split()[:2] == other.split()[:2]


def _shown(station: Station) -> str:
    assert station.revoked_at is not None
    return station.revoked_at.astimezone().strftime("%d/%m/%Y %H:%M")
