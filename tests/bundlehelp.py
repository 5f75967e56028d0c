"""Three stations and a way to seal, open and forge bundles between them, for the bundle tests.

Forged bundles are written out from the format in `models.exchange.envelope`'s docstring, not
with its functions, so the tests also check that the format is what the docstring says.
"""

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pyrage
import pytest

from models.exchange import (
    BundleRefused,
    Header,
    StationKey,
    create_station_key,
    make_header,
    open_bundle,
    seal,
    sshsig,
)
from models.i18n import set_language

Stations = dict[str, StationKey]
SENT_AT = datetime(2026, 12, 1, 15, 30, 5, 123456, tzinfo=timezone(timedelta(hours=7)))
BODY = "Nguồn tin NT-2026-001: trộm cắp tài sản tại đèo Cù Mông\n".encode() * 20
MAGIC = b"giapranh-bundle v1\n"


def make_stations(folder: Path) -> Stations:
    """Sông Cầu (CA-SC) sends to Quy Nhơn (CA-QN); Tuy An (CA-TY) is a third station."""
    return {unit: create_station_key(folder / unit, unit) for unit in ("CA-SC", "CA-QN", "CA-TY")}


def bundle(stations: Stations, body: bytes = BODY, sequence: int = 1,
           sender: str = "CA-SC", recipient: str = "CA-QN") -> bytes:  # fmt: skip
    own, partner = stations[sender], stations[recipient]
    header = make_header(own, recipient, partner.public_key_line, sequence, SENT_AT)
    return seal(body, header, own, partner.public_key_line)


def open_at(stations: Stations, data: bytes, at: str = "CA-QN",
            trust: tuple[str, ...] = ("CA-SC", "CA-TY"), applied: dict[str, int] | None = None,
            ) -> tuple[Header, bytes]:  # fmt: skip
    trusted = {unit: stations[unit].public_key_line for unit in trust}
    return open_bundle(data, stations[at], trusted, last_applied=applied or {})


def refusal(stations: Stations, data: bytes, **how: object) -> BundleRefused:
    """The refusal opening `data` gives, after checking it reads in both languages."""
    with pytest.raises(BundleRefused) as refused:
        open_at(stations, data, **how)  # type: ignore[arg-type]
    for language in ("vi", "en"):
        set_language(language)
        assert refused.value.message()
    return refused.value


def flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def fields(stations: Stations, sender: str, recipient: str, sequence: int = 1) -> bytes:
    """The header lines from sender to created-at, as the docstring spells them."""
    return (
        f"sender: {sender} {stations[sender].fingerprint}\n"
        f"recipient: {recipient} {stations[recipient].fingerprint}\n"
        f"sequence: {sequence}\ncreated-at: 2026-12-01T08:30:05Z\n"
    ).encode()


def signed(header_fields: bytes, ciphertext: bytes, signer: StationKey) -> bytes:
    """A bundle around `ciphertext` with this header, signed by `signer`."""
    data = MAGIC + header_fields + b"body-length: %d\n\n" % len(ciphertext) + ciphertext + b"\n"
    return data + sshsig.sign(data, signer.private_key, "giapranh-bundle")


def assemble(stations: Stations, header_fields: bytes, encrypt_to: str, signer: StationKey,
             body: bytes = BODY) -> bytes:  # fmt: skip
    """A whole bundle written by hand: the inner header and body encrypted to `encrypt_to`."""
    recipient = pyrage.ssh.Recipient.from_str(stations[encrypt_to].public_key_line)
    ciphertext = pyrage.encrypt(MAGIC + header_fields + b"\n" + body, [recipient])
    return signed(header_fields, ciphertext, signer)


def ciphertext_of(data: bytes) -> bytes:
    match = re.search(rb"body-length: (\d+)\n\n", data)
    assert match is not None
    return data[match.end() : match.end() + int(match[1])]
