"""OpenSSH signatures (SSHSIG), the format of `ssh-keygen -Y sign` and `-Y verify`.

Written from OpenSSH's PROTOCOL.sshsig for Ed25519 keys, with `cryptography` doing the
signing. The PyPI package `sshsig` (0.3.1) only verifies, so signing would have had to be
written here anyway; it also hashes with any algorithm `hashlib` knows, where OpenSSH allows
only sha256 and sha512. A signature is:

    blob   = "SSHSIG" uint32(1) string(public key) string(namespace) string(reserved "")
             string(hash algorithm) string(string("ssh-ed25519") string(64-byte signature))
    signed = "SSHSIG" string(namespace) string(reserved "") string(hash algorithm)
             string(hash of the message)

armoured as `-----BEGIN SSH SIGNATURE-----`, base64 in lines of 70, `-----END SSH SIGNATURE-----`.
We sign with SHA-512 (as ssh-keygen does) and accept SHA-256 or SHA-512 from others. The
namespace keeps a bundle signature from being taken for a git commit's or a login's.
"""

from __future__ import annotations

import base64
import binascii
import hashlib

from cryptography.exceptions import InvalidSignature as _CryptographyInvalid
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from models.exchange import wire
from models.exchange.keys import KEY_TYPE, public_key_blob

BEGIN = b"-----BEGIN SSH SIGNATURE-----\n"
END = b"-----END SSH SIGNATURE-----\n"
MAGIC = b"SSHSIG"
VERSION = 1
_LINE = 70
# What a message may be: the envelope hashes a slice of the file without copying it.
Bytes = bytes | bytearray | memoryview
_HASHES = {b"sha512": hashlib.sha512, b"sha256": hashlib.sha256}


class SignatureError(ValueError):
    """The signature is malformed, for another key or namespace, or does not match."""


def _to_be_signed(namespace: str, hash_name: bytes, digest: bytes) -> bytes:
    return b"".join(
        [
            MAGIC,
            wire.string(namespace.encode()),
            wire.string(b""),
            wire.string(hash_name),
            wire.string(digest),
        ]
    )


def sign(message: Bytes, key: Ed25519PrivateKey, namespace: str) -> bytes:
    """The armoured signature of `message`, as `ssh-keygen -Y sign -n namespace` writes it."""
    digest = hashlib.sha512(message).digest()
    signature = key.sign(_to_be_signed(namespace, b"sha512", digest))
    blob = b"".join(
        [
            MAGIC,
            wire.uint32(VERSION),
            wire.string(public_key_blob(key.public_key())),
            wire.string(namespace.encode()),
            wire.string(b""),
            wire.string(b"sha512"),
            wire.string(wire.string(KEY_TYPE.encode()) + wire.string(signature)),
        ]
    )
    return armor(blob)


def armor(blob: bytes) -> bytes:
    encoded = base64.b64encode(blob)
    lines = [encoded[i : i + _LINE] + b"\n" for i in range(0, len(encoded), _LINE)]
    return BEGIN + b"".join(lines) + END


def dearmor(armored: bytes) -> bytes:
    text = armored.strip()
    if not (text.startswith(BEGIN.strip()) and text.endswith(END.strip())):
        raise SignatureError("not an armoured SSH signature")
    body = text[len(BEGIN.strip()) : -len(END.strip())]
    try:
        return base64.b64decode(b"".join(body.split()), validate=True)
    except binascii.Error:
        raise SignatureError("bad base64") from None


def verify(message: Bytes, armored: bytes, key: Ed25519PublicKey, namespace: str) -> None:
    """Check `armored` is `key`'s signature of `message` in `namespace`, as
    `ssh-keygen -Y verify` does with an allowed_signers file naming only `key`."""
    try:
        reader = wire.Reader(dearmor(armored))
        if reader.take(len(MAGIC)) != MAGIC or reader.uint32() != VERSION:
            raise SignatureError("not SSHSIG version 1")
        signer = reader.string()
        signed_namespace = reader.string()
        reader.string()  # reserved: OpenSSH ignores its contents
        hash_name = reader.string()
        inner = wire.Reader(reader.string())
        reader.end()
        algorithm = inner.string()
        raw_signature = inner.string()
        inner.end()
    except wire.WireError:
        raise SignatureError("truncated or overlong signature") from None
    if signer != public_key_blob(key):
        raise SignatureError("signed by another key")
    if signed_namespace != namespace.encode():
        raise SignatureError("signed for another namespace")
    if algorithm != KEY_TYPE.encode() or hash_name not in _HASHES:
        raise SignatureError("unsupported algorithm")
    digest = _HASHES[hash_name](message).digest()
    try:
        key.verify(raw_signature, _to_be_signed(namespace, hash_name, digest))
    except _CryptographyInvalid:
        raise SignatureError("does not match") from None
