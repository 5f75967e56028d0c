"""A station's identity: one Ed25519 key pair, made once, that both signs and decrypts bundles.

The private key is an ordinary unencrypted OpenSSH private key file (what `ssh-keygen -t
ed25519 -N ''` writes), readable by its owner only, whose comment names the unit:
`giapranh station CA-SC`. So the usual tools work on it: `ssh-keygen -y -f KEY` prints the
public line, `ssh-keygen -lf KEY` the fingerprint, `age -d -i KEY` decrypts, and a key an
administrator made with `ssh-keygen -t ed25519 -N '' -C 'giapranh station CA-SC'` is accepted.

The public key travels as one OpenSSH line, `ssh-ed25519 AAAA… giapranh station CA-SC`; it is
what the partner station trusts, the age recipient it encrypts to, and the allowed_signers
entry an administrator checks a signature against. Its fingerprint is written exactly as
`ssh-keygen -lf` prints it (`SHA256:` and unpadded base64 of the SHA-256 of the key blob).

`cryptography` makes and checks the keys; it writes OpenSSH private keys without a comment,
so the file itself (PROTOCOL.key, a few fields) is written here.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
import secrets
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from models.errors import Refused
from models.exchange import wire
from models.i18n import register

KEY_TYPE = "ssh-ed25519"
COMMENT_PREFIX = "giapranh station "
# The same characters as a record's code (models.base), bounded so a header line stays short.
UNIT_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/\-]{0,63}")

_PEM_BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----"
_PEM_END = "-----END OPENSSH PRIVATE KEY-----"
_AUTH_MAGIC = b"openssh-key-v1\x00"
_LINE = 70  # ssh-keygen's width for base64 lines

MESSAGES = {
    "station.key_missing": (
        "không có tệp khóa của trạm: {path}",
        "the station's key file does not exist: {path}",
    ),
    "station.key_unreadable": (
        "không đọc được tệp khóa của trạm {path}: {reason}",
        "cannot read the station's key file {path}: {reason}",
    ),
    "station.key_exposed": (
        "tệp khóa của trạm {path} có quyền {mode}: người khác đọc được; "
        "chỉ chủ sở hữu được đọc (chmod 600)",
        "the station's key file {path} has mode {mode}, which others can read; "
        "it must be readable by its owner only (chmod 600)",
    ),
    "station.key_invalid": (
        "tệp {path} không phải khóa bí mật OpenSSH Ed25519 không đặt mật khẩu",
        "{path} is not an OpenSSH Ed25519 private key without a passphrase",
    ),
    "station.key_no_unit": (
        'khóa {path} không ghi đơn vị: chú thích phải là "giapranh station MÃ_ĐƠN_VỊ"',
        'the key {path} does not name its unit: its comment must be "giapranh station UNIT_CODE"',
    ),
    "station.key_exists": (
        "trạm đã có khóa tại {path}; không ghi đè khóa cũ",
        "the station already has a key at {path}; an existing key is never replaced",
    ),
    "station.key_unwritable": (
        "không ghi được tệp khóa {path}: {reason}",
        "cannot write the key file {path}: {reason}",
    ),
    "station.bad_unit": (
        "mã đơn vị của trạm không hợp lệ: {unit}",
        "not a valid unit code for a station: {unit}",
    ),
    "station.public_key_invalid": (
        "không phải khóa công khai ssh-ed25519 trên một dòng: {line}",
        "not an ssh-ed25519 public key on one line: {line}",
    ),
}
register(MESSAGES)


def public_key_blob(key: Ed25519PublicKey) -> bytes:
    """The key in SSH wire form, as it appears inside keys, signatures and fingerprints."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return wire.string(KEY_TYPE.encode()) + wire.string(raw)


def fingerprint(key: Ed25519PublicKey) -> str:
    """`SHA256:…`, character for character what `ssh-keygen -lf` prints for this key."""
    digest = hashlib.sha256(public_key_blob(key)).digest()
    return "SHA256:" + base64.b64encode(digest).decode().rstrip("=")


def public_key_line(key: Ed25519PublicKey, comment: str = "") -> str:
    line = f"{KEY_TYPE} {base64.b64encode(public_key_blob(key)).decode()}"
    return f"{line} {comment}" if comment else line


def parse_public_key(line: str) -> Ed25519PublicKey:
    """An `ssh-ed25519 AAAA… [comment]` line as a key; anything else is refused."""
    fields = line.strip().split(maxsplit=2)
    shown = line.strip()[:80]
    if len(fields) < 2 or fields[0] != KEY_TYPE or "\n" in line.strip():
        raise Refused("station.public_key_invalid", line=shown)
    try:
        key = serialization.load_ssh_public_key(f"{fields[0]} {fields[1]}".encode())
    except (ValueError, UnsupportedAlgorithm):
        raise Refused("station.public_key_invalid", line=shown) from None
    if not isinstance(key, Ed25519PublicKey):
        raise Refused("station.public_key_invalid", line=shown)
    return key


@dataclass(frozen=True, repr=False)
class StationKey:
    """This station's unit and private key. Its repr never shows the key."""

    unit: str
    private_key: Ed25519PrivateKey

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.private_key.public_key()

    @property
    def comment(self) -> str:
        return COMMENT_PREFIX + self.unit

    @property
    def public_key_line(self) -> str:
        return public_key_line(self.public_key, self.comment)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def openssh_private_key(self) -> bytes:
        """The private key file's contents (PROTOCOL.key, unencrypted, with the comment)."""
        raw_private = self.private_key.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        raw_public = self.public_key.public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        check = wire.uint32(secrets.randbits(32))
        private = b"".join(
            [
                check,
                check,
                wire.string(KEY_TYPE.encode()),
                wire.string(raw_public),
                wire.string(raw_private + raw_public),
                wire.string(self.comment.encode()),
            ]
        )
        private += bytes(range(1, 1 + (-len(private) % 8)))  # padding to the block size of "none"
        blob = b"".join(
            [
                _AUTH_MAGIC,
                wire.string(b"none"),  # cipher
                wire.string(b"none"),  # kdf
                wire.string(b""),  # kdf options
                wire.uint32(1),
                wire.string(public_key_blob(self.public_key)),
                wire.string(private),
            ]
        )
        encoded = base64.b64encode(blob).decode()
        lines = [encoded[i : i + _LINE] for i in range(0, len(encoded), _LINE)]
        return "\n".join([_PEM_BEGIN, *lines, _PEM_END, ""]).encode()

    def __repr__(self) -> str:
        return f"StationKey(unit={self.unit!r}, fingerprint={self.fingerprint!r})"


def create_station_key(path: Path, unit: str) -> StationKey:
    """Make the station's key pair once: `path` (0600) and `path.pub` (the public line).

    The private file appears whole or not at all, and never replaces an existing key: a
    station that lost its key must be trusted anew by its partners, so re-keying is a
    deliberate act (move the old file away first), not a side effect of `init`.
    """
    if not UNIT_CODE.fullmatch(unit):
        raise Refused("station.bad_unit", unit=unit)
    path = Path(path)
    key = StationKey(unit, Ed25519PrivateKey.generate())
    _write_new(path, key.openssh_private_key(), mode=0o600)
    public_path = path.with_name(path.name + ".pub")
    public_path.unlink(missing_ok=True)  # a stale line from a key moved away
    _write_new(public_path, (key.public_key_line + "\n").encode(), mode=0o644)
    return key


def load_station_key(path: Path) -> StationKey:
    """Read the station's key file; missing, unreadable, exposed or foreign keys are refused."""
    path = Path(path)
    try:
        with path.open("rb") as file:
            mode = stat.S_IMODE(os.fstat(file.fileno()).st_mode)
            data = file.read(64 * 1024)
    except FileNotFoundError:
        raise Refused("station.key_missing", path=str(path)) from None
    except OSError as error:
        raise Refused("station.key_unreadable", path=str(path), reason=error.strerror) from None
    if mode & 0o077:
        # As ssh does: a key others could read may have been copied; do not go on using it.
        raise Refused("station.key_exposed", path=str(path), mode=f"{mode:04o}")
    try:
        private_key = serialization.load_ssh_private_key(data, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise Refused("station.key_invalid", path=str(path)) from None
    if not isinstance(private_key, Ed25519PrivateKey):
        raise Refused("station.key_invalid", path=str(path))
    comment = _comment(data)
    unit = comment.removeprefix(COMMENT_PREFIX)
    if not comment.startswith(COMMENT_PREFIX) or not UNIT_CODE.fullmatch(unit):
        raise Refused("station.key_no_unit", path=str(path))
    return StationKey(unit, private_key)


def _comment(pem: bytes) -> str:
    """The comment of an unencrypted one-key OpenSSH private key (already checked by
    `cryptography`, which does not return it); "" when it cannot be read."""
    try:
        text = pem.decode("ascii").strip()
        body = text.removeprefix(_PEM_BEGIN).removesuffix(_PEM_END)
        reader = wire.Reader(base64.b64decode("".join(body.split()), validate=True))
        if reader.take(len(_AUTH_MAGIC)) != _AUTH_MAGIC:
            return ""
        for _ in range(3):  # cipher, kdf, kdf options: "none", "none", "" when unencrypted
            reader.string()
        if reader.uint32() != 1:
            return ""
        reader.string()  # public key
        private = wire.Reader(reader.string())
        private.take(8)  # the two check integers
        for _ in range(3):  # key type, public key, private key
            private.string()
        return private.string().decode("utf-8")
    except (UnicodeDecodeError, binascii.Error, wire.WireError):
        return ""


def _write_new(path: Path, data: bytes, *, mode: int) -> None:
    """Write a file that did not exist, atomically: a temporary file in the same directory,
    flushed to disk, then hard-linked into place (which fails, rather than overwrites, if the
    name is taken)."""
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as error:
        raise Refused("station.key_unwritable", path=str(path), reason=error.strerror) from None
    try:
        with os.fdopen(handle, "wb") as file:
            os.fchmod(file.fileno(), mode)
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.link(temporary, path)
    except FileExistsError:
        raise Refused("station.key_exists", path=str(path)) from None
    except OSError as error:
        raise Refused("station.key_unwritable", path=str(path), reason=error.strerror) from None
    finally:
        os.unlink(temporary)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
