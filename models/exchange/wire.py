"""The SSH wire encoding (RFC 4251 §5) that OpenSSH keys and signatures are made of.

Only what the station keys and SSHSIG need: length-prefixed strings and 32-bit integers,
written and read strictly (a reader that finds too few bytes, or bytes left over, raises
`WireError`, which callers turn into the operator's message).
"""

from __future__ import annotations

import struct


class WireError(ValueError):
    """The bytes are not the SSH structure expected (short, or with bytes left over)."""


def uint32(value: int) -> bytes:
    return struct.pack(">I", value)


def string(value: bytes) -> bytes:
    return uint32(len(value)) + value


class Reader:
    """Reads SSH wire values from a buffer, front to back, refusing to read past its end."""

    def __init__(self, data: bytes) -> None:
        self._data = memoryview(data)
        self._at = 0

    def take(self, length: int) -> bytes:
        if length < 0 or self._at + length > len(self._data):
            raise WireError("short")
        chunk = bytes(self._data[self._at : self._at + length])
        self._at += length
        return chunk

    def uint32(self) -> int:
        value: int = struct.unpack(">I", self.take(4))[0]
        return value

    def string(self) -> bytes:
        return self.take(self.uint32())

    def rest(self) -> bytes:
        return self.take(len(self._data) - self._at)

    def end(self) -> None:
        if self._at != len(self._data):
            raise WireError("bytes left over")
