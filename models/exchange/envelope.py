"""The bundle envelope: how one station's records travel, signed and encrypted, to a partner.

A bundle is one file carried on approved media. Anyone holding it can read who sent it to whom
and when; only the recipient station can read what it carries; only a trusted sender can have
made it. What goes inside (records, changes, a manifest) is the caller's `body`; this module
neither knows nor parses it.

File format, version 1, byte by byte (all text is ASCII, lines end in a single LF):

    giapranh-bundle v1\\n                          magic line: format name, " v", version
    sender: CA-SC SHA256:<43 base64>\\n            sender's unit code and key fingerprint
    recipient: CA-QN SHA256:<43 base64>\\n         recipient's unit code and key fingerprint
    sequence: 42\\n                                decimal, from 1, no leading zeros
    created-at: 2026-12-01T08:00:00Z\\n            UTC, to the second
    body-length: 10486213\\n                       N, the number of ciphertext bytes that follow
    \\n                                            an empty line ends the header
    <N bytes>                                     age v1, binary, to the recipient's ssh-ed25519
                                                  key; its plaintext is the magic line, the four
                                                  lines from sender to created-at, an empty line,
                                                  then the body
    \\n
    <310 bytes, 6 lines>                          `-----BEGIN SSH SIGNATURE-----` … `-----END
                                                  SSH SIGNATURE-----\\n`: the sender's SSHSIG,
                                                  namespace `giapranh-bundle`, SHA-512, over
                                                  every byte above it

Every field has one spelling (a reader re-encodes what it parsed and compares), so there is
exactly one file for one bundle, and every byte of it is either signed or is the signature.

Why encrypt, then sign the header and the ciphertext (and repeat the header inside):
- Everything is checked before anything is decrypted, let alone applied: the sender is one
  this station trusts (`trusted`, from which revoked stations are removed), the signature is
  that sender's over every byte before it (one changed byte anywhere is refused), the bundle
  is addressed to this station's unit *and* key, and its sequence number is above the last
  one applied from that sender (a replayed or older bundle is refused). All of it uses only
  public keys, so an administrator can check the same with `ssh-keygen` alone, and a station
  never parses a plaintext it has not authenticated.
- A station that is not the recipient (or anyone who finds the medium) learns only the header
  and the size of the body: the body is age-encrypted to the recipient's key alone (age's own
  header names that key by a 4-byte tag, which the cleartext header already gives away).
- The weakness of plain encrypt-then-sign is that a signature can be stripped and replaced:
  a third trusted station could re-sign another's ciphertext under its own header and pass off
  records it cannot read as its own. The header inside the ciphertext closes that: after
  decrypting, the inner header must equal the signed outer one, or the bundle is refused.
- Sign-then-encrypt would hide the sender from strangers, but a station would have to decrypt
  before it knew who wrote the file, and only the recipient could check anything.

Checking a bundle by hand on the recipient's server, with coreutils and OpenSSH only (the
signature is always the last 6 lines, and what it signs is everything before them):

    echo 'CA-SC namespaces="giapranh-bundle" ssh-ed25519 AAAA…' > allowed_signers
    tail -n 6 FILE > FILE.sig
    head -n -6 FILE | ssh-keygen -Y verify -f allowed_signers -I CA-SC -n giapranh-bundle \\
        -s FILE.sig

`allowed_signers_line` writes the first line from a trusted public key, `detached_signature`
gives FILE.sig's contents; `ssh-keygen` prints `Good "giapranh-bundle" signature for CA-SC`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

import pyrage

from models.exchange import sshsig
from models.exchange.keys import (
    UNIT_CODE,
    StationKey,
    fingerprint,
    parse_public_key,
    public_key_line,
)
from models.exchange.refusals import (
    AddressedElsewhere,
    CannotDecrypt,
    HeaderMismatch,
    Malformed,
    NotABundle,
    Replayed,
    SenderNotTrusted,
    SignatureInvalid,
    Truncated,
    UnknownVersion,
)

FORMAT = b"giapranh-bundle"
VERSION = 1
NAMESPACE = "giapranh-bundle"
_MAGIC = FORMAT + b" v"
_HEADER_LIMIT = 1024  # a real header is about 230 bytes
_HEADER_TEXT = re.compile(rb"[ -~\n]*")
_TIME = "%Y-%m-%dT%H:%M:%SZ"
_FINGERPRINT = re.compile(r"SHA256:[A-Za-z0-9+/]{43}")
_UNIT = UNIT_CODE.pattern.encode()
_FIELDS = re.compile(
    rb"sender: (?P<sender>%s) (?P<sender_fingerprint>SHA256:[A-Za-z0-9+/]{43})\n"
    rb"recipient: (?P<recipient>%s) (?P<recipient_fingerprint>SHA256:[A-Za-z0-9+/]{43})\n"
    rb"sequence: (?P<sequence>[1-9][0-9]{0,17})\n"
    rb"created-at: (?P<created_at>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)\n"
    rb"body-length: (?P<body_length>0|[1-9][0-9]{0,17})\n" % (_UNIT, _UNIT)
)
# An Ed25519 SSHSIG in our namespace always has this length once armoured.
SIGNATURE_LENGTH = len(
    sshsig.armor(bytes(6 + 4 + 4 + 51 + 4 + len(NAMESPACE) + 4 + 4 + 6 + 4 + 83))
)


@dataclass(frozen=True)
class Header:
    """What anyone holding the bundle can read. `created_at` is kept in UTC, to the second."""

    sender: str
    sender_fingerprint: str
    recipient: str
    recipient_fingerprint: str
    sequence: int
    created_at: datetime

    def __post_init__(self) -> None:
        for unit in (self.sender, self.recipient):
            if not UNIT_CODE.fullmatch(unit):
                raise ValueError(f"not a unit code: {unit!r}")
        for value in (self.sender_fingerprint, self.recipient_fingerprint):
            if not _FINGERPRINT.fullmatch(value):
                raise ValueError(f"not an SSH SHA256 fingerprint: {value!r}")
        if not 1 <= self.sequence < 10**18:
            raise ValueError(f"a sequence number counts from 1: {self.sequence}")
        if self.created_at.tzinfo is None:
            raise ValueError("created_at needs a time zone")
        utc = self.created_at.astimezone(UTC).replace(microsecond=0)
        object.__setattr__(self, "created_at", utc)

    def _fields(self) -> bytes:
        return (
            f"sender: {self.sender} {self.sender_fingerprint}\n"
            f"recipient: {self.recipient} {self.recipient_fingerprint}\n"
            f"sequence: {self.sequence}\n"
            f"created-at: {self.created_at.strftime(_TIME)}\n"
        ).encode()


def make_header(
    own_key: StationKey,
    recipient: str,
    recipient_public_key: str,
    sequence: int,
    created_at: datetime | None = None,
) -> Header:
    """The header of our next bundle to `recipient`, whose key line we trust."""
    return Header(
        sender=own_key.unit,
        sender_fingerprint=own_key.fingerprint,
        recipient=recipient,
        recipient_fingerprint=fingerprint(parse_public_key(recipient_public_key)),
        sequence=sequence,
        created_at=created_at or datetime.now(UTC),
    )


def _magic_line() -> bytes:
    return _MAGIC + str(VERSION).encode() + b"\n"


def _outer_header(header: Header, body_length: int) -> bytes:
    return _magic_line() + header._fields() + b"body-length: %d\n\n" % body_length


def _inner_header(header: Header) -> bytes:
    return _magic_line() + header._fields() + b"\n"


def seal(body: bytes, header: Header, own_key: StationKey, partner_public_key: str) -> bytes:
    """The bundle file carrying `body` to the partner whose public key line is given."""
    partner = parse_public_key(partner_public_key)
    if (header.sender, header.sender_fingerprint) != (own_key.unit, own_key.fingerprint):
        raise ValueError("the header's sender is not this station's key")
    if header.recipient_fingerprint != fingerprint(partner):
        raise ValueError("the header's recipient fingerprint is not the partner's key")
    recipient = pyrage.ssh.Recipient.from_str(public_key_line(partner))
    ciphertext = pyrage.encrypt(_inner_header(header) + body, [recipient])
    bundle = bytearray(_outer_header(header, len(ciphertext)))
    bundle += ciphertext
    del ciphertext
    bundle += b"\n"
    bundle += sshsig.sign(bundle, own_key.private_key, NAMESPACE)
    return bytes(bundle)


@dataclass(frozen=True)
class _Parts:
    header: Header
    ciphertext: memoryview
    signed: memoryview
    signature: bytes


def _split(data: bytes) -> _Parts:
    """The parts of a bundle file, checked for shape only (nothing is verified yet)."""
    view = memoryview(data)
    if not data.startswith(_MAGIC):
        if _MAGIC.startswith(data):
            raise Truncated(length=len(data))
        raise NotABundle()
    first_end = data.find(b"\n", 0, _HEADER_LIMIT)
    version = bytes(view[len(_MAGIC) : first_end if first_end >= 0 else _HEADER_LIMIT])
    if first_end < 0:
        if len(data) < _HEADER_LIMIT and (version.isdigit() or not version):
            raise Truncated(length=len(data))
        raise NotABundle()
    if not (version.isdigit() and version.isascii()) or version.startswith(b"0"):
        raise NotABundle()
    if int(version) != VERSION:
        raise UnknownVersion(version=int(version), supported=VERSION)
    header_end = data.find(b"\n\n", first_end, _HEADER_LIMIT)
    if header_end < 0:
        # Cut inside the header, the file ends in header text; a broken one runs into binary.
        if len(data) < _HEADER_LIMIT and _HEADER_TEXT.fullmatch(view[first_end:]):
            raise Truncated(length=len(data))
        raise Malformed()
    fields = _FIELDS.fullmatch(bytes(view[first_end + 1 : header_end + 1]))
    if fields is None:
        raise Malformed()
    try:
        header = Header(
            sender=fields["sender"].decode(),
            sender_fingerprint=fields["sender_fingerprint"].decode(),
            recipient=fields["recipient"].decode(),
            recipient_fingerprint=fields["recipient_fingerprint"].decode(),
            sequence=int(fields["sequence"]),
            created_at=datetime.strptime(fields["created_at"].decode(), _TIME).replace(tzinfo=UTC),
        )
    except ValueError:
        raise Malformed() from None
    body_length = int(fields["body_length"])
    if _outer_header(header, body_length) != bytes(view[: header_end + 2]):
        raise Malformed()
    body_start = header_end + 2
    signed_end = body_start + body_length + 1
    if len(data) < signed_end + SIGNATURE_LENGTH:
        raise Truncated(length=len(data))
    return _Parts(
        header=header,
        ciphertext=view[body_start : signed_end - 1],
        signed=view[:signed_end],
        signature=bytes(view[signed_end:]),
    )


def peek_header(data: bytes) -> Header:
    """The header as written, NOT verified: for showing what a file claims to be."""
    return _split(data).header


def open_bundle(
    data: bytes,
    own_key: StationKey,
    trusted: Mapping[str, str],
    *,
    last_applied: Mapping[str, int],
) -> tuple[Header, bytes]:
    """Verify a bundle addressed to us and return its header and body.

    `trusted` maps each trusted partner's unit code to its public key line (a revoked station
    is simply not in it); `last_applied` maps a unit code to the highest sequence number
    already applied from it (absent: none yet). Refuses with a `BundleRefused` subclass.
    """
    parts = _split(data)
    header = parts.header
    sender_line = trusted.get(header.sender)
    sender_key = parse_public_key(sender_line) if sender_line is not None else None
    if sender_key is None or fingerprint(sender_key) != header.sender_fingerprint:
        raise SenderNotTrusted(unit=header.sender, fingerprint=header.sender_fingerprint)
    try:
        if len(parts.signature) != SIGNATURE_LENGTH:
            raise sshsig.SignatureError("bytes after the signature")
        if sshsig.armor(sshsig.dearmor(parts.signature)) != parts.signature:
            raise sshsig.SignatureError("not armoured as ssh-keygen does")
        sshsig.verify(parts.signed, parts.signature, sender_key, NAMESPACE)
    except sshsig.SignatureError:
        raise SignatureInvalid(unit=header.sender) from None
    if (header.recipient, header.recipient_fingerprint) != (own_key.unit, own_key.fingerprint):
        raise AddressedElsewhere(
            unit=header.recipient,
            fingerprint=header.recipient_fingerprint,
            own_unit=own_key.unit,
            own_fingerprint=own_key.fingerprint,
        )
    last = last_applied.get(header.sender, 0)
    if header.sequence <= last:
        raise Replayed(unit=header.sender, sequence=header.sequence, last=last)
    identity = pyrage.ssh.Identity.from_buffer(own_key.openssh_private_key())
    try:
        plaintext = pyrage.decrypt(bytes(parts.ciphertext), [identity])
    except pyrage.DecryptError:
        raise CannotDecrypt() from None
    inner = _inner_header(header)
    if not plaintext.startswith(inner):
        raise HeaderMismatch(unit=header.sender)
    return header, plaintext[len(inner) :]


def detached_signature(data: bytes) -> bytes:
    """The bundle's signature as `ssh-keygen -Y verify -s FILE.sig` reads it (its last 6 lines)."""
    return _split(data).signature


def allowed_signers_line(unit: str, public_key: str) -> str:
    """The allowed_signers line that lets `ssh-keygen -Y verify -I unit` accept this station's
    bundle signatures, and only in the bundle namespace."""
    if not UNIT_CODE.fullmatch(unit):
        raise ValueError(f"not a unit code: {unit!r}")
    key = parse_public_key(public_key)
    return f'{unit} namespaces="{NAMESPACE}" {public_key_line(key)}'
