"""A station's key: made once, kept private, read by OpenSSH's own tools, and signing what
`ssh-keygen -Y verify` accepts (and the other way round)."""

import shutil
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from models.errors import Refused
from models.exchange import sshsig
from models.exchange.keys import (
    MESSAGES as KEY_MESSAGES,
)
from models.exchange.keys import (
    create_station_key,
    load_station_key,
    parse_public_key,
)
from models.i18n import MESSAGES, set_language, t

SSH_KEYGEN = shutil.which("ssh-keygen")
needs_ssh_keygen = pytest.mark.skipif(SSH_KEYGEN is None, reason="ssh-keygen is not installed")
NAMESPACE = "giapranh-bundle"


def ssh_keygen(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    assert SSH_KEYGEN is not None
    return subprocess.run([SSH_KEYGEN, *args], input=stdin, capture_output=True, check=False)


def test_a_new_key_is_readable_by_its_owner_only_and_loads_back(tmp_path: Path) -> None:
    made = create_station_key(tmp_path / "station", "CA-SC")
    mode = stat.S_IMODE((tmp_path / "station").stat().st_mode)
    loaded = load_station_key(tmp_path / "station")
    assert mode == 0o600
    assert (loaded.unit, loaded.fingerprint) == ("CA-SC", made.fingerprint)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["station", "station.pub"]


def test_the_public_key_is_one_openssh_line_naming_the_unit(tmp_path: Path) -> None:
    key = create_station_key(tmp_path / "station", "CA-SC")
    kind, encoded, comment = key.public_key_line.split(" ", 2)
    assert (kind, encoded[:4], comment) == ("ssh-ed25519", "AAAA", "giapranh station CA-SC")
    assert (tmp_path / "station.pub").read_text() == key.public_key_line + "\n"
    assert "PRIVATE" not in repr(key) and key.fingerprint in repr(key)


@needs_ssh_keygen
def test_ssh_keygen_reads_the_key_and_prints_the_same_line_and_fingerprint(
    tmp_path: Path,
) -> None:
    key = create_station_key(tmp_path / "station", "CA-SC")
    (tmp_path / "station.pub").unlink()  # so ssh-keygen reads the private file itself
    public = ssh_keygen("-y", "-f", str(tmp_path / "station"))
    listed = ssh_keygen("-l", "-f", str(tmp_path / "station"))
    assert public.stdout.decode().strip() == key.public_key_line
    assert listed.stdout.decode().split()[1] == key.fingerprint
    assert listed.stdout.decode().split()[-1] == "(ED25519)"


def test_a_second_init_never_replaces_the_key(tmp_path: Path) -> None:
    first = create_station_key(tmp_path / "station", "CA-SC")
    with pytest.raises(Refused) as refused:
        create_station_key(tmp_path / "station", "CA-SC")
    assert refused.value.key == "station.key_exists"
    assert load_station_key(tmp_path / "station").fingerprint == first.fingerprint
    assert sorted(p.name for p in tmp_path.iterdir()) == ["station", "station.pub"]


@pytest.mark.parametrize("unit", ["", "CA SC", "-CA", "CA\nSC", "Công-an", "X" * 65])
def test_a_key_needs_a_unit_code_that_fits_a_header_line(tmp_path: Path, unit: str) -> None:
    with pytest.raises(Refused) as refused:
        create_station_key(tmp_path / "station", unit)
    assert refused.value.key == "station.bad_unit"
    assert list(tmp_path.iterdir()) == []


def test_a_key_in_a_missing_folder_is_refused_with_the_reason(tmp_path: Path) -> None:
    with pytest.raises(Refused) as refused:
        create_station_key(tmp_path / "no" / "station", "CA-SC")
    assert refused.value.key == "station.key_unwritable"


def _write(path: Path, data: bytes, mode: int = 0o600) -> None:
    path.write_bytes(data)
    path.chmod(mode)


def _ssh_keygen_key(path: Path, *args: str) -> None:
    made = ssh_keygen("-q", "-f", str(path), *args)
    assert made.returncode == 0, made.stderr


def _public_key_file(path: Path) -> None:
    _write(path, create_station_key(path.with_name("other"), "X").public_key_line.encode())


def _exposed_key(path: Path) -> None:
    create_station_key(path, "CA-SC")
    path.chmod(0o644)


# Each case makes a file (or not) at `path` and names the refusal loading it must give.
LOAD_CASES = [
    pytest.param("station.key_missing", lambda path: None, id="missing"),
    pytest.param("station.key_unreadable", lambda path: path.mkdir(), id="a folder"),
    pytest.param("station.key_exposed", _exposed_key, id="others can read it"),
    pytest.param("station.key_invalid", lambda path: _write(path, b"hello\n"), id="not a key"),
    pytest.param("station.key_invalid", lambda path: _write(path, b""), id="empty"),
    pytest.param("station.key_invalid", _public_key_file, id="a public key"),
    pytest.param(
        "station.key_invalid",
        lambda path: _ssh_keygen_key(path, "-t", "rsa", "-b", "2048", "-N", ""),
        id="an RSA key",
        marks=needs_ssh_keygen,
    ),
    pytest.param(
        "station.key_invalid",
        lambda path: _ssh_keygen_key(
            path, "-t", "ed25519", "-N", "secret", "-C", "giapranh station CA-SC"
        ),
        id="protected by a passphrase",
        marks=needs_ssh_keygen,
    ),
    pytest.param(
        "station.key_no_unit",
        lambda path: _ssh_keygen_key(path, "-t", "ed25519", "-N", "", "-C", "root@host"),
        id="an ordinary ssh key",
        marks=needs_ssh_keygen,
    ),
]


@pytest.mark.parametrize(("expected", "make"), LOAD_CASES)
def test_loading_a_key_that_is_not_a_usable_station_key_is_refused(
    tmp_path: Path, expected: str, make: Callable[[Path], object]
) -> None:
    path = tmp_path / "station"
    make(path)
    with pytest.raises(Refused) as refused:
        load_station_key(path)
    assert refused.value.key == expected
    for language in ("vi", "en"):
        set_language(language)
        assert str(path) in refused.value.message()


@needs_ssh_keygen
def test_a_key_an_administrator_made_with_ssh_keygen_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "station"
    _ssh_keygen_key(path, "-t", "ed25519", "-N", "", "-C", "giapranh station CA-QN")
    key = load_station_key(path)
    assert key.unit == "CA-QN"
    assert key.public_key_line == (tmp_path / "station.pub").read_text().strip()


@pytest.mark.parametrize(
    "line",
    [
        "",
        "ssh-ed25519",
        "ssh-ed25519 not-base64",
        "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 x",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFxKV+0zl+AL5mfUOvhZNU4DJgXzyEwtHTSDC8XVgZha\nx y",
        # the blob says ssh-rsa although the line says ssh-ed25519
        "ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQABAAAAgQC7",
    ],
)
def test_a_public_key_line_that_is_not_ssh_ed25519_is_refused(line: str) -> None:
    with pytest.raises(Refused) as refused:
        parse_public_key(line)
    assert refused.value.key == "station.public_key_invalid"


def test_every_station_message_is_in_the_catalogue_in_both_languages() -> None:
    assert len(KEY_MESSAGES) == 9 and set(KEY_MESSAGES) <= set(MESSAGES)
    for key in [key for key in MESSAGES if key.startswith("station.")]:
        vietnamese, english = MESSAGES[key]
        assert vietnamese != english
    assert t("station.key_missing", path="/x").startswith("không có tệp khóa")


# Interoperability with OpenSSH's signatures, both ways.


@pytest.fixture
def signer(tmp_path: Path) -> Path:
    create_station_key(tmp_path / "station", "CA-SC")
    return tmp_path / "station"


def _allowed_signers(tmp_path: Path, line: str) -> Path:
    path = tmp_path / "allowed_signers"
    kind, encoded = line.split()[:2]
    path.write_text(f'CA-SC namespaces="{NAMESPACE}" {kind} {encoded}\n')
    return path


def _ssh_verify(tmp_path: Path, key_line: str, message: bytes, signature: bytes) -> bool:
    (tmp_path / "message.sig").write_bytes(signature)
    allowed = _allowed_signers(tmp_path, key_line)
    checked = ssh_keygen(
        "-Y", "verify", "-f", str(allowed), "-I", "CA-SC", "-n", NAMESPACE,
        "-s", str(tmp_path / "message.sig"), stdin=message,
    )  # fmt: skip
    return checked.returncode == 0


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


MESSAGE = "Biên bản trao đổi nguồn tin, đèo Cù Mông\n".encode() * 100


@needs_ssh_keygen
def test_ssh_keygen_accepts_what_python_signs_and_refuses_a_flipped_byte(
    tmp_path: Path, signer: Path
) -> None:
    key = load_station_key(signer)
    signature = sshsig.sign(MESSAGE, key.private_key, NAMESPACE)
    assert _ssh_verify(tmp_path, key.public_key_line, MESSAGE, signature)
    assert not _ssh_verify(tmp_path, key.public_key_line, _flip(MESSAGE, 1234), signature)
    assert not _ssh_verify(tmp_path, key.public_key_line, MESSAGE, _flip(signature, 200))


@needs_ssh_keygen
def test_python_accepts_what_ssh_keygen_signs_and_refuses_a_flipped_byte(
    tmp_path: Path, signer: Path
) -> None:
    key = load_station_key(signer)
    (tmp_path / "message").write_bytes(MESSAGE)
    signed = ssh_keygen("-Y", "sign", "-f", str(signer), "-n", NAMESPACE, str(tmp_path / "message"))
    assert signed.returncode == 0, signed.stderr
    signature = (tmp_path / "message.sig").read_bytes()
    sshsig.verify(MESSAGE, signature, key.public_key, NAMESPACE)
    # Ed25519 is deterministic: the same key, namespace and message give the same bytes.
    assert sshsig.sign(MESSAGE, key.private_key, NAMESPACE) == signature
    with pytest.raises(sshsig.SignatureError):
        sshsig.verify(_flip(MESSAGE, 1234), signature, key.public_key, NAMESPACE)
    with pytest.raises(sshsig.SignatureError):
        sshsig.verify(MESSAGE, _flip(signature, 200), key.public_key, NAMESPACE)


def test_a_signature_is_refused_in_another_namespace_or_for_another_key(
    tmp_path: Path, signer: Path
) -> None:
    key = load_station_key(signer)
    other = create_station_key(tmp_path / "other", "CA-QN")
    signature = sshsig.sign(MESSAGE, key.private_key, NAMESPACE)
    with pytest.raises(sshsig.SignatureError, match="namespace"):
        sshsig.verify(MESSAGE, signature, key.public_key, "git")
    with pytest.raises(sshsig.SignatureError, match="another key"):
        sshsig.verify(MESSAGE, signature, other.public_key, NAMESPACE)
    with pytest.raises(sshsig.SignatureError):
        sshsig.verify(MESSAGE, signature[:-40] + signature[-28:], key.public_key, NAMESPACE)
