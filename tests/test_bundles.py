"""A bundle opens as it was sealed, and a file that is damaged, cut short, of another
version or no bundle at all is refused for what is wrong with it, before it is applied."""

import base64
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from models.exchange import (
    NAMESPACE,
    BundleRefused,
    Header,
    Malformed,
    NotABundle,
    SenderNotTrusted,
    SignatureInvalid,
    Truncated,
    UnknownVersion,
    allowed_signers_line,
    detached_signature,
    envelope,
    make_header,
    peek_header,
    seal,
)
from models.i18n import MESSAGES
from tests.bundlehelp import (
    BODY,
    MAGIC,
    Stations,
    assemble,
    bundle,
    ciphertext_of,
    fields,
    flip,
    make_stations,
    open_at,
    refusal,
    signed,
)

SSH_KEYGEN = shutil.which("ssh-keygen")
AGE = shutil.which("age")


@pytest.fixture(scope="module")
def stations(tmp_path_factory: pytest.TempPathFactory) -> Stations:
    return make_stations(tmp_path_factory.mktemp("stations"))


@pytest.mark.parametrize(
    "body", [b"", b"x", BODY, bytes(range(256)) * 4096], ids=["empty", "1 byte", "text", "1 MiB"]
)
def test_a_sealed_bundle_opens_at_the_partner_with_the_same_header_and_body(
    stations: Stations, body: bytes
) -> None:
    header, opened = open_at(stations, bundle(stations, body))
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
    stations: Stations,
) -> None:
    data = bundle(stations)
    assert data.startswith(b"giapranh-bundle v1\nsender: CA-SC SHA256:")
    assert peek_header(data).recipient == "CA-QN"
    assert "Cù Mông".encode() not in data and b"NT-2026" not in data
    assert data.endswith(b"-----END SSH SIGNATURE-----\n")


def test_a_bundle_assembled_by_hand_from_the_documented_format_opens(
    stations: Stations,
) -> None:
    """The format in the envelope's docstring, written out independently of `seal`."""
    data = assemble(stations, fields(stations, "CA-SC", "CA-QN", 7), "CA-QN", stations["CA-SC"])
    header, body = open_at(stations, data)
    assert (header.sequence, body) == (7, BODY)
    sealed = bundle(stations, sequence=7)
    assert data[: data.index(b"body-length")] == sealed[: sealed.index(b"body-length")]


@pytest.mark.skipif(AGE is None, reason="the reference age (Go) is not installed")
def test_the_reference_age_tool_reads_and_writes_the_encrypted_body(
    stations: Stations, tmp_path: Path
) -> None:
    """The station key file is an age identity and its public line an age recipient, for
    `age` itself as for pyrage (rage): the encrypted body is no format of our own."""
    assert AGE is not None
    key_file = tmp_path / "CA-QN"
    key_file.write_bytes(stations["CA-QN"].openssh_private_key())
    key_file.chmod(0o600)
    plaintext = MAGIC + fields(stations, "CA-SC", "CA-QN") + b"\n" + BODY
    decrypted = subprocess.run(
        [AGE, "--decrypt", "-i", str(key_file)],
        input=ciphertext_of(bundle(stations)),
        capture_output=True,
        check=False,
    )
    assert (decrypted.returncode, decrypted.stdout) == (0, plaintext)
    encrypted = subprocess.run(
        [AGE, "-r", stations["CA-QN"].public_key_line],
        input=plaintext,
        capture_output=True,
        check=True,
    )
    by_age = signed(fields(stations, "CA-SC", "CA-QN"), encrypted.stdout, stations["CA-SC"])
    assert open_at(stations, by_age)[1] == BODY


def test_no_single_flipped_byte_anywhere_in_the_file_is_accepted(
    stations: Stations,
) -> None:
    data = bundle(stations, b"short")
    for at in range(len(data)):
        with pytest.raises(BundleRefused):
            open_at(stations, flip(data, at))


# (where, the bytes located, offset in them, the byte written there, the refusal); where the
# byte there is random (keys, ciphertext) the first of two that differs from it is written.
TAMPERING = [
    ("magic", b"giapranh", 0, b"G", NotABundle),
    ("version", b"v1\n", 1, b"3", UnknownVersion),
    ("version with a leading zero", b"v1\n", 1, b"0", NotABundle),
    ("field name", b"sender:", 5, b"s", Malformed),
    ("sender unit", b"sender: CA-SC", 8, b"D", SenderNotTrusted),
    ("sender fingerprint", b"sender: CA-SC SHA256:", 21, b"+/", SenderNotTrusted),
    ("recipient unit", b"recipient: CA-QN", 15, b"P", SignatureInvalid),
    ("recipient fingerprint", b"recipient: CA-QN SHA256:", 24, b"+/", SignatureInvalid),
    ("sequence", b"sequence: 1", 10, b"2", SignatureInvalid),
    ("created-at", b"created-at: 2026", 15, b"7", SignatureInvalid),
    ("created-at month 32", b"created-at: 2026-12", 17, b"3", Malformed),
    ("end of the header", b"\n\nage", 1, b"x", Malformed),
    ("age header", b"age-encryption.org/v1\n-> ssh-ed25519 ", 37, b"AB", SignatureInvalid),
    ("age payload", b"\n--- ", 60, b"\x00\x01", SignatureInvalid),
    ("separator before the signature", b"\n-----BEGIN SSH", 0, b"x", SignatureInvalid),
    ("signature's first line", b"-----BEGIN SSH SIGNATURE", 11, b"X", SignatureInvalid),
    ("signature's key", b"U1NIU0lH", 30, b"AB", SignatureInvalid),
    ("signature's last line", b"-----END SSH", 9, b"X", SignatureInvalid),
    ("last byte", b"-----\n", 5, b" ", SignatureInvalid),
]


@pytest.mark.parametrize(
    ("needle", "offset", "byte", "expected"),
    [case[1:] for case in TAMPERING],
    ids=[case[0] for case in TAMPERING],
)
def test_a_changed_byte_is_refused_for_what_it_breaks(
    stations: Stations, needle: bytes, offset: int, byte: bytes,
    expected: type[BundleRefused],
) -> None:  # fmt: skip
    data = bundle(stations)
    at = (
        data.rindex(needle) + offset if needle.startswith(b"-----") else data.index(needle) + offset
    )
    written = next(bytes([b]) for b in byte if b != data[at])
    assert type(refusal(stations, data[:at] + written + data[at + 1 :])) is expected


def test_a_file_cut_short_anywhere_is_refused_as_truncated(
    stations: Stations,
) -> None:
    data = bundle(stations, b"short")
    for length in range(len(data)):
        with pytest.raises(Truncated):
            open_at(stations, data[:length])
    assert str(len(data) - 1) in refusal(stations, data[:-1]).message()


def test_a_header_that_runs_into_binary_is_malformed_even_in_a_short_file(
    stations: Stations,
) -> None:
    data = bundle(stations, b"short")
    at = data.index(b"\n\nage") + 1
    damaged = data[:at] + b"x" + data[at + 1 : 600]
    assert isinstance(refusal(stations, damaged), Malformed)


@pytest.mark.parametrize("length", [0, 5, 18, 100, 250, 400, -310, -200, -1])
def test_a_large_bundle_cut_short_is_refused_as_truncated(stations: Stations, length: int) -> None:
    data = bundle(stations, bytes(300_000))
    assert isinstance(refusal(stations, data[:length]), Truncated)


@pytest.mark.parametrize(("change", "expected"), [(-1, SignatureInvalid), (+1, Truncated)])
def test_a_changed_body_length_is_refused(
    stations: Stations, change: int, expected: type[BundleRefused]
) -> None:
    data = bundle(stations)
    length = len(ciphertext_of(data))
    changed = data.replace(b"body-length: %d\n" % length, b"body-length: %d\n" % (length + change))
    assert type(refusal(stations, changed)) is expected


def test_bytes_added_after_the_signature_are_refused(stations: Stations) -> None:
    data = bundle(stations)
    assert isinstance(refusal(stations, data + b"\n"), SignatureInvalid)


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
def test_a_file_that_is_not_a_bundle_is_refused_as_such(stations: Stations, data: bytes) -> None:
    assert isinstance(refusal(stations, data), NotABundle)


@pytest.mark.parametrize("version", [b"2", b"10", b"999"])
def test_a_bundle_of_a_newer_version_is_refused_naming_the_version(
    stations: Stations, version: bytes
) -> None:
    data = bundle(stations).replace(b"v1\n", b"v" + version + b"\n", 1)
    refused = refusal(stations, data)
    assert isinstance(refused, UnknownVersion)
    assert version.decode() in refused.message()


def test_sealing_refuses_a_header_that_does_not_match_the_keys(
    stations: Stations,
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
    stations: Stations, tmp_path: Path
) -> None:
    commands = _documented_commands()
    assert commands[0].startswith('echo \'CA-SC namespaces="giapranh-bundle" ssh-ed25519 AAAA')
    line = allowed_signers_line("CA-SC", stations["CA-SC"].public_key_line)
    script = "\n".join([f"echo '{line}' > allowed_signers", *commands[1:]])
    data = bundle(stations)

    def check(bundle: bytes) -> subprocess.CompletedProcess[str]:
        (tmp_path / "FILE").write_bytes(bundle)
        return subprocess.run(["bash", "-ec", script], cwd=tmp_path, capture_output=True,
                              text=True, check=False)  # fmt: skip

    good = check(data)
    assert good.returncode == 0, good.stderr
    assert 'Good "giapranh-bundle" signature for CA-SC' in good.stdout + good.stderr
    assert (tmp_path / "FILE.sig").read_bytes() == detached_signature(data)
    assert check(flip(data, len(data) // 2)).returncode != 0
    assert check(data.replace(b"sequence: 1", b"sequence: 2")).returncode != 0


def test_the_allowed_signers_line_limits_the_key_to_bundles(
    stations: Stations,
) -> None:
    line = allowed_signers_line("CA-SC", stations["CA-SC"].public_key_line)
    principal, options, kind, encoded = line.split(" ")
    assert (principal, options, kind) == ("CA-SC", f'namespaces="{NAMESPACE}"', "ssh-ed25519")
    assert base64.b64decode(encoded)[4:15] == b"ssh-ed25519"
