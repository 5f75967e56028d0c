"""A bundle opens only at the station it is addressed to, only from a station trusted there,
only once, and only as it was sealed; anything else is refused before it is applied."""

import base64
import re
import shutil
import subprocess
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pyrage
import pytest

from models.exchange import (
    NAMESPACE,
    AddressedElsewhere,
    BundleRefused,
    CannotDecrypt,
    Header,
    HeaderMismatch,
    Malformed,
    NotABundle,
    Replayed,
    SenderNotTrusted,
    SignatureInvalid,
    StationKey,
    Truncated,
    UnknownVersion,
    allowed_signers_line,
    create_station_key,
    detached_signature,
    envelope,
    make_header,
    open_bundle,
    peek_header,
    seal,
    sshsig,
)
from models.i18n import MESSAGES, set_language

SSH_KEYGEN = shutil.which("ssh-keygen")
SENT_AT = datetime(2026, 12, 1, 15, 30, 5, 123456, tzinfo=timezone(timedelta(hours=7)))
BODY = "Nguồn tin NT-2026-001: trộm cắp tài sản tại đèo Cù Mông\n".encode() * 20


@pytest.fixture(scope="module")
def stations(tmp_path_factory: pytest.TempPathFactory) -> dict[str, StationKey]:
    """Sông Cầu (CA-SC) sends to Quy Nhơn (CA-QN); Tuy An (CA-TY) is a third station."""
    folder = tmp_path_factory.mktemp("stations")
    return {unit: create_station_key(folder / unit, unit) for unit in ("CA-SC", "CA-QN", "CA-TY")}


def _bundle(stations: dict[str, StationKey], body: bytes = BODY, sequence: int = 1,
            sender: str = "CA-SC", recipient: str = "CA-QN") -> bytes:  # fmt: skip
    own, partner = stations[sender], stations[recipient]
    header = make_header(own, recipient, partner.public_key_line, sequence, SENT_AT)
    return seal(body, header, own, partner.public_key_line)


def _open(stations: dict[str, StationKey], data: bytes, at: str = "CA-QN",
          trust: tuple[str, ...] = ("CA-SC", "CA-TY"), applied: dict[str, int] | None = None,
          ) -> tuple[Header, bytes]:  # fmt: skip
    trusted = {unit: stations[unit].public_key_line for unit in trust}
    return open_bundle(data, stations[at], trusted, last_applied=applied or {})


def _refusal(stations: dict[str, StationKey], data: bytes, **how: object) -> BundleRefused:
    """The refusal opening `data` gives, after checking it reads in both languages."""
    with pytest.raises(BundleRefused) as refused:
        _open(stations, data, **how)  # type: ignore[arg-type]
    for language in ("vi", "en"):
        set_language(language)
        assert refused.value.message()
    return refused.value


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


@pytest.mark.parametrize(
    "body", [b"", b"x", BODY, bytes(range(256)) * 4096], ids=["empty", "1 byte", "text", "1 MiB"]
)
def test_a_sealed_bundle_opens_at_the_partner_with_the_same_header_and_body(
    stations: dict[str, StationKey], body: bytes
) -> None:
    header, opened = _open(stations, _bundle(stations, body))
    assert opened == body
    assert header == Header(
        sender="CA-SC",
        sender_fingerprint=stations["CA-SC"].fingerprint,
        recipient="CA-QN",
        recipient_fingerprint=stations["CA-QN"].fingerprint,
        sequence=1,
        created_at=datetime(2026, 12, 1, 8, 30, 5, tzinfo=UTC),
    )


def test_the_header_is_readable_by_anyone_and_the_body_by_no_one_but_the_recipient(
    stations: dict[str, StationKey],
) -> None:
    data = _bundle(stations)
    assert data.startswith(b"giapranh-bundle v1\nsender: CA-SC SHA256:")
    assert peek_header(data).recipient == "CA-QN"
    assert "Cù Mông".encode() not in data and b"NT-2026" not in data
    assert data.endswith(b"-----END SSH SIGNATURE-----\n")


def test_a_bundle_assembled_by_hand_from_the_documented_format_opens(
    stations: dict[str, StationKey],
) -> None:
    """The format in the envelope's docstring, written out independently of `seal`."""
    sender, recipient = stations["CA-SC"], stations["CA-QN"]
    fields = (
        f"sender: CA-SC {sender.fingerprint}\nrecipient: CA-QN {recipient.fingerprint}\n"
        "sequence: 7\ncreated-at: 2026-12-01T08:30:05Z\n"
    ).encode()
    data = _assemble(fields, b"giapranh-bundle v1\n" + fields + b"\n" + BODY, "CA-QN", sender,
                     stations)  # fmt: skip
    header, body = _open(stations, data)
    assert (header.sequence, body) == (7, BODY)
    sealed = _bundle(stations, sequence=7)
    assert data[: data.index(b"body-length")] == sealed[: sealed.index(b"body-length")]


def _assemble(fields: bytes, plaintext: bytes, encrypt_to: str, signer: StationKey,
              stations: dict[str, StationKey]) -> bytes:  # fmt: skip
    recipient = pyrage.ssh.Recipient.from_str(stations[encrypt_to].public_key_line)
    ciphertext = pyrage.encrypt(plaintext, [recipient])
    return _signed(b"giapranh-bundle v1\n" + fields, ciphertext, signer)


def _signed(magic_and_fields: bytes, ciphertext: bytes, signer: StationKey) -> bytes:
    signed = magic_and_fields + b"body-length: %d\n\n" % len(ciphertext) + ciphertext + b"\n"
    return signed + sshsig.sign(signed, signer.private_key, "giapranh-bundle")


def test_no_single_flipped_byte_anywhere_in_the_file_is_accepted(
    stations: dict[str, StationKey],
) -> None:
    data = _bundle(stations, b"short")
    for at in range(len(data)):
        with pytest.raises(BundleRefused):
            _open(stations, _flip(data, at))


# (where, the bytes located, offset in them, the byte written there, the refusal)
TAMPERING = [
    ("magic", b"giapranh", 0, b"G", NotABundle),
    ("version", b"v1\n", 1, b"3", UnknownVersion),
    ("version with a leading zero", b"v1\n", 1, b"0", NotABundle),
    ("field name", b"sender:", 5, b"s", Malformed),
    ("sender unit", b"sender: CA-SC", 8, b"D", SenderNotTrusted),
    ("sender fingerprint", b"sender: CA-SC SHA256:", 21, b"+", SenderNotTrusted),
    ("recipient unit", b"recipient: CA-QN", 15, b"P", SignatureInvalid),
    ("recipient fingerprint", b"recipient: CA-QN SHA256:", 24, b"+", SignatureInvalid),
    ("sequence", b"sequence: 1", 10, b"2", SignatureInvalid),
    ("created-at", b"created-at: 2026", 15, b"7", SignatureInvalid),
    ("created-at month 32", b"created-at: 2026-12", 17, b"3", Malformed),
    ("end of the header", b"\n\nage", 1, b"x", Malformed),
    ("age header", b"age-encryption.org/v1\n-> ssh-ed25519 ", 37, b"A", SignatureInvalid),
    ("age payload", b"\n--- ", 60, b"\x00", SignatureInvalid),
    ("separator before the signature", b"\n-----BEGIN SSH", 0, b"x", SignatureInvalid),
    ("signature's first line", b"-----BEGIN SSH SIGNATURE", 11, b"X", SignatureInvalid),
    ("signature's key", b"U1NIU0lH", 30, b"B", SignatureInvalid),
    ("signature's last line", b"-----END SSH", 9, b"X", SignatureInvalid),
    ("last byte", b"-----\n", 5, b" ", SignatureInvalid),
]


@pytest.mark.parametrize(
    ("needle", "offset", "byte", "refusal"),
    [case[1:] for case in TAMPERING],
    ids=[case[0] for case in TAMPERING],
)
def test_a_changed_byte_is_refused_for_what_it_breaks(
    stations: dict[str, StationKey], needle: bytes, offset: int, byte: bytes,
    refusal: type[BundleRefused],
) -> None:  # fmt: skip
    data = _bundle(stations)
    at = (
        data.rindex(needle) + offset if needle.startswith(b"-----") else data.index(needle) + offset
    )
    assert data[at : at + 1] != byte
    assert type(_refusal(stations, data[:at] + byte + data[at + 1 :])) is refusal


def test_a_file_cut_short_anywhere_is_refused_as_truncated(
    stations: dict[str, StationKey],
) -> None:
    data = _bundle(stations, b"short")
    for length in range(len(data)):
        with pytest.raises(Truncated):
            _open(stations, data[:length])
    assert str(len(data) - 1) in _refusal(stations, data[:-1]).message()


def test_a_header_that_runs_into_binary_is_malformed_even_in_a_short_file(
    stations: dict[str, StationKey],
) -> None:
    data = _bundle(stations, b"short")
    at = data.index(b"\n\nage") + 1
    damaged = data[:at] + b"x" + data[at + 1 : 600]
    assert isinstance(_refusal(stations, damaged), Malformed)


@pytest.mark.parametrize("length", [0, 5, 18, 100, 250, 400, -310, -200, -1])
def test_a_large_bundle_cut_short_is_refused_as_truncated(
    stations: dict[str, StationKey], length: int
) -> None:
    data = _bundle(stations, bytes(300_000))
    assert isinstance(_refusal(stations, data[:length]), Truncated)


@pytest.mark.parametrize(("change", "refusal"), [(-1, SignatureInvalid), (+1, Truncated)])
def test_a_changed_body_length_is_refused(
    stations: dict[str, StationKey], change: int, refusal: type[BundleRefused]
) -> None:
    data = _bundle(stations)
    length = len(_ciphertext(data))
    changed = data.replace(b"body-length: %d\n" % length, b"body-length: %d\n" % (length + change))
    assert type(_refusal(stations, changed)) is refusal


def test_bytes_added_after_the_signature_are_refused(stations: dict[str, StationKey]) -> None:
    data = _bundle(stations)
    assert isinstance(_refusal(stations, data + b"\n"), SignatureInvalid)


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04\x14\x00\x06\x00",
        b"age-encryption.org/v1\n-> X25519 abc\n",
        b"GIAPRANH-BUNDLE v1\n",
        b"giapranh-bundle version 1\n",
        b"giapranh-bundle v\n",
        b"giapranh-bundle v" + b"1" * 2000,
        "giapranh-bundle v١\n".encode(),  # an Arabic-Indic digit one
    ],
)
def test_a_file_that_is_not_a_bundle_is_refused_as_such(
    stations: dict[str, StationKey], data: bytes
) -> None:
    assert isinstance(_refusal(stations, data), NotABundle)


@pytest.mark.parametrize("version", [b"2", b"10", b"999"])
def test_a_bundle_of_a_newer_version_is_refused_naming_the_version(
    stations: dict[str, StationKey], version: bytes
) -> None:
    data = _bundle(stations).replace(b"v1\n", b"v" + version + b"\n", 1)
    refused = _refusal(stations, data)
    assert isinstance(refused, UnknownVersion)
    assert version.decode() in refused.message()


def test_a_bundle_for_another_station_is_refused(stations: dict[str, StationKey]) -> None:
    data = _bundle(stations, recipient="CA-TY")
    refused = _refusal(stations, data)
    assert isinstance(refused, AddressedElsewhere)
    assert "CA-TY" in refused.message() and "CA-QN" in refused.message()
    assert _open(stations, data, at="CA-TY", trust=("CA-SC",))[1] == BODY


def test_a_bundle_for_the_key_this_unit_had_before_is_refused(
    stations: dict[str, StationKey], tmp_path: Path
) -> None:
    rekeyed = create_station_key(tmp_path / "new", "CA-QN")
    data = _bundle(stations)
    trusted = {"CA-SC": stations["CA-SC"].public_key_line}
    with pytest.raises(AddressedElsewhere):
        open_bundle(data, rekeyed, trusted, last_applied={})


@pytest.mark.parametrize("trust", [(), ("CA-TY",)], ids=["never trusted", "revoked"])
def test_a_bundle_from_a_station_not_trusted_is_refused(
    stations: dict[str, StationKey], trust: tuple[str, ...]
) -> None:
    refused = _refusal(stations, _bundle(stations), trust=trust)
    assert isinstance(refused, SenderNotTrusted)
    assert "CA-SC" in refused.message()


def test_a_sender_whose_trusted_key_is_another_is_refused(
    stations: dict[str, StationKey],
) -> None:
    trusted = {"CA-SC": stations["CA-TY"].public_key_line}
    with pytest.raises(SenderNotTrusted):
        open_bundle(_bundle(stations), stations["CA-QN"], trusted, last_applied={})


def test_a_bundle_signed_by_another_station_in_a_senders_name_is_refused(
    stations: dict[str, StationKey],
) -> None:
    honest = _bundle(stations)
    head_end = honest.index(b"body-length")
    forged = _signed(honest[:head_end], _ciphertext(honest), stations["CA-TY"])
    assert isinstance(_refusal(stations, forged), SignatureInvalid)


def _ciphertext(data: bytes) -> bytes:
    length = int(re.search(rb"body-length: (\d+)\n\n", data)[1])  # type: ignore[index]
    start = data.index(b"\n\n") + 2
    return data[start : start + length]


def test_a_ciphertext_re_signed_by_another_trusted_station_is_refused(
    stations: dict[str, StationKey],
) -> None:
    """Tuy An takes Sông Cầu's bundle to Quy Nhơn and signs it as its own."""
    honest = _bundle(stations)
    thief = stations["CA-TY"]
    fields = (
        f"sender: CA-TY {thief.fingerprint}\nrecipient: CA-QN {stations['CA-QN'].fingerprint}\n"
        "sequence: 1\ncreated-at: 2026-12-01T08:30:05Z\n"
    ).encode()
    rewrapped = _signed(b"giapranh-bundle v1\n" + fields, _ciphertext(honest), thief)
    refused = _refusal(stations, rewrapped)
    assert isinstance(refused, HeaderMismatch)
    assert "CA-TY" in refused.message()


@pytest.mark.parametrize("encrypt_to", ["CA-TY", None], ids=["another key", "not age"])
def test_a_signed_bundle_whose_contents_this_station_cannot_decrypt_is_refused(
    stations: dict[str, StationKey], encrypt_to: str | None
) -> None:
    sender, recipient = stations["CA-SC"], stations["CA-QN"]
    fields = (
        f"sender: CA-SC {sender.fingerprint}\nrecipient: CA-QN {recipient.fingerprint}\n"
        "sequence: 1\ncreated-at: 2026-12-01T08:30:05Z\n"
    ).encode()
    if encrypt_to is None:
        data = _signed(b"giapranh-bundle v1\n" + fields, b"not age at all", sender)
    else:
        data = _assemble(fields, b"giapranh-bundle v1\n" + fields + b"\n" + BODY, encrypt_to,
                         sender, stations)  # fmt: skip
    assert isinstance(_refusal(stations, data), CannotDecrypt)


@pytest.mark.parametrize(("sequence", "applied", "opens"), [
    (3, {}, True), (3, {"CA-SC": 2}, True), (3, {"CA-TY": 9}, True),
    (3, {"CA-SC": 3}, False), (3, {"CA-SC": 5}, False),
])  # fmt: skip
def test_a_bundle_already_applied_or_older_is_refused_as_replayed(
    stations: dict[str, StationKey], sequence: int, applied: dict[str, int], opens: bool
) -> None:
    data = _bundle(stations, sequence=sequence)
    if opens:
        assert _open(stations, data, applied=applied)[0].sequence == sequence
    else:
        refused = _refusal(stations, data, applied=applied)
        assert isinstance(refused, Replayed)
        assert str(applied["CA-SC"]) in refused.message()


def test_sealing_refuses_a_header_that_does_not_match_the_keys(
    stations: dict[str, StationKey],
) -> None:
    own, partner, third = stations["CA-SC"], stations["CA-QN"], stations["CA-TY"]
    for_third = make_header(own, "CA-QN", third.public_key_line, 1)
    from_third = make_header(third, "CA-QN", partner.public_key_line, 1)
    with pytest.raises(ValueError, match="recipient"):
        seal(BODY, for_third, own, partner.public_key_line)
    with pytest.raises(ValueError, match="sender"):
        seal(BODY, from_third, own, partner.public_key_line)


def test_each_refusal_has_its_own_message_in_both_languages() -> None:
    kinds = BundleRefused.__subclasses__()
    keys = {kind.KEY for kind in kinds}
    assert len(kinds) == len(keys) == 10
    assert keys == {key for key in MESSAGES if key.startswith("bundle.")}


# Checking a bundle by hand, as the envelope's docstring says, with coreutils and ssh-keygen.


def _documented_commands() -> list[str]:
    doc = envelope.__doc__ or ""
    block = doc[doc.index("Checking a bundle by hand") :].split("\n\n")[1]
    return [line.strip() for line in block.replace("\\\n", " ").splitlines()]


@pytest.mark.skipif(SSH_KEYGEN is None, reason="ssh-keygen is not installed")
def test_an_administrator_checks_a_bundle_with_the_documented_commands(
    stations: dict[str, StationKey], tmp_path: Path
) -> None:
    commands = _documented_commands()
    assert commands[0].startswith('echo \'CA-SC namespaces="giapranh-bundle" ssh-ed25519 AAAA')
    line = allowed_signers_line("CA-SC", stations["CA-SC"].public_key_line)
    script = "\n".join([f"echo '{line}' > allowed_signers", *commands[1:]])
    data = _bundle(stations)

    def check(bundle: bytes) -> subprocess.CompletedProcess[str]:
        (tmp_path / "FILE").write_bytes(bundle)
        return subprocess.run(["bash", "-ec", script], cwd=tmp_path, capture_output=True,
                              text=True, check=False)  # fmt: skip

    good = check(data)
    assert good.returncode == 0, good.stderr
    assert 'Good "giapranh-bundle" signature for CA-SC' in good.stdout + good.stderr
    assert (tmp_path / "FILE.sig").read_bytes() == detached_signature(data)
    assert check(_flip(data, len(data) // 2)).returncode != 0
    assert check(data.replace(b"sequence: 1", b"sequence: 2")).returncode != 0


def test_the_allowed_signers_line_limits_the_key_to_bundles(
    stations: dict[str, StationKey],
) -> None:
    line = allowed_signers_line("CA-SC", stations["CA-SC"].public_key_line)
    principal, options, kind, encoded = line.split(" ")
    assert (principal, options, kind) == ("CA-SC", f'namespaces="{NAMESPACE}"', "ssh-ed25519")
    assert base64.b64decode(encoded)[4:15] == b"ssh-ed25519"
