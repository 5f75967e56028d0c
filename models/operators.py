"""Operators: who may log in, for which unit, with which role, and by which SSH public keys."""

import base64
import binascii
import hashlib
import re
import uuid
from typing import Annotated, Any, Literal

from annotated_types import MaxLen
from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError
from sqlmodel import Field, Relationship, Session, SQLModel, select

from models.base import (
    KEY_LINE_MAX,
    NAME_MAX,
    Actor,
    Code,
    KeyLine,
    OptionalName,
    RecordColumns,
    YesNo,
)
from models.errors import Refused
from models.kinds import Checker, Kind
from models.units import Unit, unit_tree

Role = Literal["admin", "editor", "viewer"]
_USERNAME = re.compile(r"[a-z][a-z0-9._-]{0,31}")
_KEY_TYPES = (
    "ssh-ed25519",
    "ssh-rsa",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
)


def _check_username(value: str) -> str:
    if not _USERNAME.fullmatch(value):
        raise PydanticCustomError("err.username_format", "bad username")
    return value


def parse_public_key(line: str) -> tuple[str, bytes, str]:
    """(type, key blob, comment) of an OpenSSH public key line; ValueError if it is not one."""
    parts = line.strip().split(None, 2)
    if len(parts) < 2 or parts[0] not in _KEY_TYPES:
        raise ValueError(line)
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except binascii.Error:
        raise ValueError(line) from None
    # The blob starts with its own type name; a key pasted with the wrong prefix is refused.
    length = int.from_bytes(blob[:4], "big")
    if blob[4 : 4 + length].decode("ascii", "replace") != parts[0]:
        raise ValueError(line)
    return parts[0], blob, parts[2] if len(parts) > 2 else ""


def fingerprint(line: str) -> str:
    """OpenSSH's SHA256 fingerprint, as `ssh-keygen -lf` prints it."""
    _, blob, _ = parse_public_key(line)
    digest = base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")
    return f"SHA256:{digest}"


def _check_key(value: str) -> str:
    try:
        key_type, blob, comment = parse_public_key(value)
    except ValueError:
        raise PydanticCustomError("err.key_format", "bad key") from None
    return " ".join(filter(None, [key_type, base64.b64encode(blob).decode(), comment]))


Username = Annotated[
    str, BeforeValidator(lambda v: v.strip().lower()), AfterValidator(_check_username)
]
PublicKey = Annotated[KeyLine, AfterValidator(_check_key)]
MAX_KEYS = 20


class Operator(RecordColumns, table=True):
    """`code` is the username."""

    __tablename__ = "operators"

    full_name: str | None = Field(default=None, max_length=NAME_MAX)
    unit_id: uuid.UUID = Field(foreign_key="units.id", index=True)
    role: str = Field(max_length=10)
    disabled: bool = Field(default=False)

    unit: Unit = Relationship()
    keys: list["OperatorKey"] = Relationship(
        back_populates="operator", sa_relationship_kwargs={"cascade": "all, delete-orphan"}
    )

    @property
    def username(self) -> str:
        return self.code


class OperatorKey(SQLModel, table=True):
    __tablename__ = "operator_keys"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    operator_id: uuid.UUID = Field(foreign_key="operators.id", index=True, ondelete="CASCADE")
    public_key: str = Field(max_length=KEY_LINE_MAX)
    fingerprint: str = Field(max_length=80, index=True)

    operator: Operator = Relationship(back_populates="keys")


class OperatorCreate(SQLModel):
    code: Username
    full_name: OptionalName = None
    unit: Code
    role: Role
    disabled: YesNo = False
    keys: Annotated[list[PublicKey], MaxLen(MAX_KEYS)] = []


def _apply(checker: Checker, operator: Operator, data: OperatorCreate) -> None:
    operator.code, operator.full_name = data.code, data.full_name
    operator.role, operator.disabled = data.role, data.disabled
    unit = checker.ref(Unit, data.unit, "unit", "err.unknown_unit")
    if unit is not None:
        operator.unit = unit
    kept = {key.public_key: key for key in operator.keys}
    operator.keys = [
        kept.get(line)
        or OperatorKey(operator_id=operator.id, public_key=line, fingerprint=fingerprint(line))
        for line in dict.fromkeys(data.keys)
    ]


def _snapshot(operator: Operator) -> dict[str, Any]:
    return {
        "code": operator.code,
        "full_name": operator.full_name,
        "unit": operator.unit.code,
        "role": operator.role,
        "disabled": operator.disabled,
        "keys": [key.public_key for key in operator.keys],
    }


OPERATORS = Kind(
    "operators",
    Operator,
    OperatorCreate,
    _apply,
    _snapshot,
    title_field="full_name",
    owner_field="unit",
    references={"unit": "units"},
    enums={"role": "role"},
)


class LoginRefused(Refused):
    """An operator who may not log in. `reason` is the access log's word for why
    (`unknown_user`, `disabled`, `wrong_key`); the message is the operator's."""

    def __init__(self, reason: str, key: str, **params: Any):
        super().__init__(key, **params)
        self.reason = reason


def log_in(session: Session, username: str, fingerprint: str | None = None) -> Actor:
    """The operator `username` as an actor with their rights, if they may log in: they exist,
    are not disabled and, when `fingerprint` is given, own the key with that fingerprint.
    LoginRefused otherwise. Asked at every login, so a removed key or a disabled operator
    counts at once. The command line's `--operator`, the app and the station server use it."""
    operator = session.exec(select(Operator).where(Operator.code == username)).first()
    if operator is None:
        raise LoginRefused("unknown_user", "error.unknown_operator", username=username)
    if operator.disabled:
        raise LoginRefused("disabled", "error.operator_disabled", username=username)
    if fingerprint is not None and all(key.fingerprint != fingerprint for key in operator.keys):
        raise LoginRefused(
            "wrong_key", "error.unknown_key", username=username, fingerprint=fingerprint
        )
    scope = frozenset(session.scalars(unit_tree(operator.unit_id)))
    return Actor(operator.code, operator.role, operator.unit_id, operator.id, scope)
