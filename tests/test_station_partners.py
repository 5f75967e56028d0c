"""`giapranh station trust|list|revoke`: the partner stations this one trusts, one key per
unit, replaced only when asked, revoked but kept, every change in the change log; what opens a
partner's bundle follows the list. Refusals change nothing. SQLite and PostgreSQL."""

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select

from models.changelog import ChangeLogEntry
from models.db import read_session
from models.exchange import SenderNotTrusted, make_header, open_bundle, seal
from models.exchange.keys import StationKey, create_station_key, load_station_key
from models.stations import trusted

from .stationhelp import add_operators, state, station
from .test_station_keys import needs_ssh_keygen, ssh_keygen


@pytest.fixture
def stations(two_units: Engine, database_url: str, tmp_path: Path) -> tuple[StationKey, Path]:
    """This station set up for unit A; the key of B's station, its .pub beside it."""
    made = station(database_url, "init", "--unit", "A", "--key", str(tmp_path / "a"))
    assert made.exit_code == 0, made.output
    create_station_key(tmp_path / "b", "B")
    return load_station_key(tmp_path / "b"), tmp_path / "b.pub"


def _listed(url: str, *options: str) -> list[dict[str, str | None]]:
    result = station(url, "list", "--format", "json", *options)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, str | None]] = json.loads(result.stdout)
    return rows


def test_trust_list_replace_revoke_and_trust_again(
    two_units: Engine, database_url: str, tmp_path: Path, stations: tuple[StationKey, Path]
) -> None:
    partner, public_file = stations
    assert station(database_url, "list").stdout == "Chưa tin cậy trạm đối tác nào.\n"
    trusted_now = station(database_url, "trust", "--unit", "B", str(public_file))
    assert trusted_now.exit_code == 0, trusted_now.output
    assert trusted_now.stdout == f"Đã tin cậy trạm B: {partner.fingerprint}.\n"
    [row] = _listed(database_url)
    assert (row["unit"], row["unit_name"]) == ("B", "Công an thành phố Qui Nhơn")
    assert (row["public_key"], row["fingerprint"]) == (partner.public_key_line, partner.fingerprint)
    assert row["trusted_by"] and row["trusted_by"].startswith("local:")
    assert row["trusted_at"] and row["revoked_at"] is None
    text = station(database_url, "list").stdout.split("  ")
    assert text[:3] == ["B", "tin cậy", partner.fingerprint]

    before = state(two_units)
    again = station(database_url, "trust", "--unit", "B", str(public_file))
    assert again.exit_code == 0 and "không có gì thay đổi" in again.stdout
    new_key = create_station_key(tmp_path / "b2", "B")
    clash = station(database_url, "trust", "--unit", "B", str(tmp_path / "b2.pub"))
    assert clash.exit_code == 1
    assert f"đã được tin cậy với khóa {partner.fingerprint}; thêm --replace" in clash.stderr
    assert state(two_units) == before

    replaced = station(database_url, "trust", "--unit", "B", str(tmp_path / "b2.pub"), "--replace")
    assert replaced.stdout == f"Đã thay khóa của trạm B: nay là {new_key.fingerprint}.\n"
    revoked = station(database_url, "revoke", "--unit", "B")
    assert revoked.exit_code == 0 and "Đã thu hồi trạm B" in revoked.stdout
    [row] = _listed(database_url)
    assert row["fingerprint"] == new_key.fingerprint and row["revoked_at"] is not None
    assert " đã thu hồi " in station(database_url, "list").stdout
    before = state(two_units)
    twice = station(database_url, "revoke", "--unit", "B")
    assert twice.exit_code == 1 and "trạm B đã bị thu hồi lúc" in twice.stderr
    unasked = station(database_url, "trust", "--unit", "B", str(tmp_path / "b2.pub"))
    assert unasked.exit_code == 1 and "thêm --replace để tin cậy lại" in unasked.stderr
    assert state(two_units) == before
    back = station(database_url, "trust", "--unit", "B", str(tmp_path / "b2.pub"), "--replace")
    assert back.stdout == f"Đã tin cậy lại trạm B: {new_key.fingerprint}.\n"
    assert _listed(database_url)[0]["revoked_at"] is None

    with read_session(two_units) as session:
        entries = session.exec(
            select(ChangeLogEntry)
            .where(col(ChangeLogEntry.kind) == "stations", col(ChangeLogEntry.record_code) == "B")
            .order_by(col(ChangeLogEntry.id))
        ).all()
    assert [entry.action for entry in entries] == ["create", "update", "update", "update"]
    assert entries[1].before and entries[1].after
    assert entries[1].before["public_key"] == partner.public_key_line
    assert entries[1].after["public_key"] == new_key.public_key_line
    assert entries[2].after and entries[2].after["revoked_at"] is not None
    assert entries[3].after and entries[3].after["revoked_at"] is None


def test_a_revoked_partner_s_bundle_is_refused(
    two_units: Engine, database_url: str, tmp_path: Path, stations: tuple[StationKey, Path]
) -> None:
    partner, public_file = stations
    own = load_station_key(tmp_path / "a")
    assert station(database_url, "trust", "--unit", "B", str(public_file)).exit_code == 0
    header = make_header(partner, "A", own.public_key_line, sequence=1)
    bundle = seal(b"records", header, partner, own.public_key_line)
    with read_session(two_units) as session:
        assert trusted(session) == {"B": partner.public_key_line}
        assert open_bundle(bundle, own, trusted(session), last_applied={})[1] == b"records"
    assert station(database_url, "revoke", "--unit", "B").exit_code == 0
    with read_session(two_units) as session, pytest.raises(SenderNotTrusted):
        open_bundle(bundle, own, trusted(session), last_applied={})


@needs_ssh_keygen
def test_bad_public_keys_and_units_are_refused_and_change_nothing(
    two_units: Engine, database_url: str, tmp_path: Path, stations: tuple[StationKey, Path]
) -> None:
    partner, public_file = stations
    add_operators(two_units)
    ssh_keygen("-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", str(tmp_path / "rsa"))
    (tmp_path / "two.pub").write_text(public_file.read_text() * 2)
    (tmp_path / "text.pub").write_text("Công an thành phố Qui Nhơn\n")
    (tmp_path / "broken.pub").write_text("ssh-ed25519 AAAAnotbase64 giapranh station B\n")
    (tmp_path / "binary.pub").write_bytes(bytes(range(256)))
    not_one_key = "không phải tệp khóa công khai (.pub): cần đúng một dòng ssh-ed25519"
    cases = {
        str(tmp_path / "b"): not_one_key,  # the private key itself
        str(tmp_path / "two.pub"): not_one_key,
        str(tmp_path / "text.pub"): not_one_key,
        str(tmp_path / "binary.pub"): not_one_key,
        str(tmp_path / "missing.pub"): "không đọc được tệp khóa công khai",
        str(tmp_path / "rsa.pub"): "public_key: ssh-rsa",
        str(tmp_path / "broken.pub"): "không phải khóa công khai ssh-ed25519",
        str(tmp_path / "a.pub"): "khóa này là của trạm A, không phải của đơn vị đã nêu",
    }
    before = state(two_units)
    for path, message in cases.items():
        refused = station(database_url, "trust", "--unit", "B", path)
        assert refused.exit_code == 1 and "Traceback" not in refused.output, path
        assert message in refused.stderr, (path, refused.stderr)
    own_key = tmp_path / "own-copy.pub"
    own_key.write_text(" ".join((tmp_path / "a.pub").read_text().split()[:2]) + "\n")
    taken = station(database_url, "trust", "--unit", "B", str(own_key))
    assert "khóa này đã được dùng cho trạm A" in taken.stderr
    itself = station(database_url, "trust", "--unit", "A", str(public_file))
    assert "A là đơn vị của chính trạm này" in itself.stderr
    unknown = station(database_url, "trust", "--unit", "XX", str(public_file))
    assert "không có đơn vị mã XX" in unknown.stderr
    for role in ("editor", "viewer"):
        refused = station(
            database_url, "trust", "--unit", "B", str(public_file), operator=f"a.{role}"
        )
        assert refused.exit_code == 1 and f"a.{role} không có quyền" in refused.stderr
    assert station(database_url, "revoke", "--unit", "B").exit_code == 1
    assert (
        "không có trạm đối tác nào của đơn vị B"
        in station(database_url, "revoke", "--unit", "B").stderr
    )
    assert "A là đơn vị của chính trạm này" in station(database_url, "revoke", "--unit", "A").stderr
    assert state(two_units) == before

    by_admin = station(database_url, "trust", "--unit", "B", str(public_file), operator="a.admin")
    assert by_admin.exit_code == 0, by_admin.output
    assert _listed(database_url, "--operator", "a.viewer")[0]["trusted_by"] == "a.admin"
    before = state(two_units)
    viewer = station(database_url, "revoke", "--unit", "B", operator="a.viewer")
    assert viewer.exit_code == 1 and "a.viewer không có quyền" in viewer.stderr
    assert state(two_units) == before


@needs_ssh_keygen
def test_a_key_line_from_ssh_keygen_is_trusted_with_its_fingerprint(
    two_units: Engine, database_url: str, tmp_path: Path, stations: tuple[StationKey, Path]
) -> None:
    made = tmp_path / "qn_ed25519"
    ssh_keygen("-q", "-t", "ed25519", "-N", "", "-C", "admin@qn", "-f", str(made))
    result = station(database_url, "trust", "--unit", "B", str(made) + ".pub")
    assert result.exit_code == 0, result.output
    fingerprint = ssh_keygen("-lf", str(made) + ".pub").stdout.decode().split()[1]
    [row] = _listed(database_url)
    assert row["fingerprint"] == fingerprint
    assert row["public_key"] == " ".join(
        [*(made.with_suffix(".pub").read_text().split()[:2]), "giapranh", "station", "B"]
    )
