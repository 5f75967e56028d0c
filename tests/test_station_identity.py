"""`giapranh station init|show`: a station's unit and key pair, made once and kept by the
database (the private key a 0600 file beside it), checked with OpenSSH's own ssh-keygen;
refusals change nothing. SQLite and PostgreSQL."""

import stat
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import col, select

from models.changelog import ChangeLogEntry
from models.db import read_session
from models.exchange.keys import create_station_key, load_station_key
from models.stations import default_key_path, own_station

from .stationhelp import add_operators, state, station
from .test_station_keys import needs_ssh_keygen, ssh_keygen


def _files(folder: Path) -> list[str]:
    """The files a test made in its folder, besides its database and data folder."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith(("test.", "xdg")))


@needs_ssh_keygen
def test_init_makes_the_key_once_and_prints_its_line_and_fingerprint(
    two_units: Engine, database_url: str, tmp_path: Path
) -> None:
    made = station(database_url, "init", "--unit", "A")
    assert made.exit_code == 0, made.output
    key_path = default_key_path(database_url)
    lines = made.stdout.splitlines()
    assert lines[0] == "Đã khởi tạo trạm của đơn vị A. Khóa công khai, để gửi cho các trạm đối tác:"
    public_line = lines[1]
    assert public_line == key_path.with_name(key_path.name + ".pub").read_text().strip()
    assert public_line.startswith("ssh-ed25519 AAAA") and public_line.endswith(
        " giapranh station A"
    )
    listed = ssh_keygen("-lf", str(key_path)).stdout.decode().split()
    assert lines[2] == f"Dấu vân tay: {listed[1]}"
    assert str(key_path) in lines[3]
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    with read_session(two_units) as session:
        own = own_station(session)
        assert own is not None
        assert (own.unit.code, own.public_key, own.fingerprint) == ("A", public_line, listed[1])
        assert own.key_path == str(key_path.resolve()) and own.revoked_at is None
        last = select(ChangeLogEntry).order_by(col(ChangeLogEntry.id).desc()).limit(1)
        entry = session.exec(last).one()
        assert (entry.kind, entry.action, entry.record_code) == ("stations", "create", "A")

    before, key_bytes = state(two_units), key_path.read_bytes()
    again = station(database_url, "init", "--unit", "A")
    other = station(database_url, "init", "--unit", "B", "--key", str(tmp_path / "second"))
    for refused in (again, other):
        assert refused.exit_code == 1 and "Traceback" not in refused.output
        assert "trạm này đã được khởi tạo: đơn vị A" in refused.stderr
        assert listed[1] in refused.stderr
    assert state(two_units) == before and key_path.read_bytes() == key_bytes
    assert not (tmp_path / "second").exists()


def test_the_key_lies_beside_a_sqlite_file_or_in_the_data_folder(tmp_path: Path) -> None:
    beside = default_key_path(f"sqlite:///{tmp_path / 'tram.sqlite'}")
    assert beside == tmp_path / "tram.station-key"
    served = default_key_path("postgresql+psycopg://giapranh@db.local:5432/songcau")
    assert served == tmp_path / "xdg-data" / "giapranh" / "songcau.station-key"  # conftest's
    assert stat.S_IMODE(served.parent.stat().st_mode) == 0o700


def test_show_gives_this_station_and_warns_of_a_key_file_that_cannot_be_used(
    two_units: Engine, database_url: str, tmp_path: Path
) -> None:
    missing = station(database_url, "show")
    assert missing.exit_code == 1
    assert "chưa được khởi tạo: chạy giapranh station init" in missing.stderr
    key_path = tmp_path / "keys" / "tram"
    key_path.parent.mkdir()
    assert station(database_url, "init", "--unit", "B", "--key", str(key_path)).exit_code == 0
    key = load_station_key(key_path)
    shown = station(database_url, "show", lang="en")
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.splitlines() == [
        "Unit: B — Công an thành phố Qui Nhơn",
        "Public key:",
        key.public_key_line,
        f"Fingerprint: {key.fingerprint}",
        f"Private key file: {key_path.resolve()} (readable by its owner only; "
        "never copy it off the server)",
    ]
    assert shown.stderr == ""
    key_path.chmod(0o644)
    exposed = station(database_url, "show")
    assert "có quyền 0644: người khác đọc được" in exposed.stderr
    key_path.unlink()
    create_station_key(key_path, "B")  # another key where the recorded one was
    swapped = station(database_url, "show")
    assert "chứa khóa khác" in swapped.stderr and key.fingerprint in swapped.stdout


@needs_ssh_keygen
def test_init_takes_a_key_made_with_ssh_keygen_and_never_removes_it(
    two_units: Engine, database_url: str, tmp_path: Path
) -> None:
    made = tmp_path / "tram_ed25519"
    keygen = ssh_keygen(
        "-q", "-t", "ed25519", "-N", "", "-C", "giapranh station A", "-f", str(made)
    )
    assert keygen.returncode == 0, keygen.stderr
    foreign = tmp_path / "other_ed25519"
    ssh_keygen("-q", "-t", "ed25519", "-N", "", "-C", "giapranh station B", "-f", str(foreign))
    before = state(two_units)
    wrong_unit = station(database_url, "init", "--unit", "A", "--key", str(foreign))
    assert wrong_unit.exit_code == 1
    assert f"khóa {foreign} là của đơn vị B, không phải A" in wrong_unit.stderr
    assert foreign.exists() and state(two_units) == before  # a key that was there stays
    accepted = station(database_url, "init", "--unit", "A", "--key", str(made))
    assert accepted.exit_code == 0, accepted.output
    fingerprint = ssh_keygen("-lf", str(made)).stdout.decode().split()[1]
    assert f"Dấu vân tay: {fingerprint}" in accepted.stdout
    assert accepted.stdout.splitlines()[1] == (made.parent / "tram_ed25519.pub").read_text().strip()
    with read_session(two_units) as session:
        own = own_station(session)
        assert own is not None and (own.fingerprint, own.key_path) == (fingerprint, str(made))


def test_a_refused_init_leaves_no_key_and_no_record(
    two_units: Engine, database_url: str, tmp_path: Path
) -> None:
    add_operators(two_units)
    before = state(two_units)
    key = tmp_path / "tram"
    unknown = station(database_url, "init", "--unit", "XX", "--key", str(key))
    assert unknown.exit_code == 1 and "không có đơn vị mã XX" in unknown.stderr
    for role in ("editor", "viewer"):
        refused = station(
            database_url, "init", "--unit", "A", "--key", str(key), operator=f"a.{role}"
        )
        assert refused.exit_code == 1 and f"a.{role}" in refused.stderr
        assert "không có quyền" in refused.stderr, refused.stderr
    bad_code = station(database_url, "init", "--unit", "A B", "--key", str(key))
    assert bad_code.exit_code == 1 and "Traceback" not in bad_code.output
    nowhere = station(database_url, "init", "--unit", "A", "--key", str(tmp_path / "no" / "k"))
    assert nowhere.exit_code == 1 and "không ghi được tệp khóa" in nowhere.stderr
    exposed = tmp_path / "exposed"
    create_station_key(exposed, "A")
    exposed.chmod(0o640)
    shared = station(database_url, "init", "--unit", "A", "--key", str(exposed))
    assert shared.exit_code == 1 and "có quyền 0640" in shared.stderr
    assert state(two_units) == before
    assert _files(tmp_path) == ["exposed", "exposed.pub"]
    # A key already at the default place is never taken over silently, nor replaced.
    default = default_key_path(database_url)
    stale = create_station_key(default, "A")
    stale_bytes = default.read_bytes()
    taken = station(database_url, "init", "--unit", "A")
    assert taken.exit_code == 1 and "không ghi đè khóa cũ" in taken.stderr
    assert default.read_bytes() == stale_bytes and state(two_units) == before
    admin = station(database_url, "init", "--unit", "A", "--key", str(default), operator="a.admin")
    assert admin.exit_code == 0, admin.output
    assert stale.fingerprint in admin.stdout
