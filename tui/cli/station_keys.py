"""`giapranh station …`: this station's identity (its unit and signing key, made once) and the
partner stations it trusts (models.stations, ordered by models.station_trust). The SSH server's
own commands are in tui/cli/station.py."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from models.db import read_session, write_session
from models.i18n import register, t
from tui.cli.bilingual import argument, option
from tui.cli.context import Invocation, group

if TYPE_CHECKING:
    from models.stations import Station

register(
    {
        "station.initialised": (
            "Đã khởi tạo trạm của đơn vị {unit}. Khóa công khai, để gửi cho các trạm đối tác:",
            "Set up the station of {unit}. Its public key, to give to the partner stations:",
        ),
        "station.fingerprint_line": ("Dấu vân tay: {fingerprint}", "Fingerprint: {fingerprint}"),
        "station.key_file_line": (
            "Tệp khóa bí mật: {path} (chỉ chủ sở hữu được đọc; không chép ra khỏi máy chủ)",
            "Private key file: {path} (readable by its owner only; never copy it off the server)",
        ),
        "station.unit_line": ("Đơn vị: {unit} — {name}", "Unit: {unit} — {name}"),
        "station.public_key_line": ("Khóa công khai:", "Public key:"),
        "station.key_file_broken": (
            "Cảnh báo: tệp khóa không dùng được: {reason}",
            "Warning: the key file cannot be used: {reason}",
        ),
        "station.key_file_other": (
            "Cảnh báo: tệp khóa {path} chứa khóa khác ({fingerprint}), không phải khóa đã ghi",
            "Warning: the key file {path} holds another key ({fingerprint}), not the one recorded",
        ),
        "station.trusted": (
            "Đã tin cậy trạm {unit}: {fingerprint}.",
            "Trusted the station {unit}: {fingerprint}.",
        ),
        "station.replaced": (
            "Đã thay khóa của trạm {unit}: nay là {fingerprint}.",
            "Replaced the key of the station {unit}: now {fingerprint}.",
        ),
        "station.trusted_again": (
            "Đã tin cậy lại trạm {unit}: {fingerprint}.",
            "Trusted the station {unit} again: {fingerprint}.",
        ),
        "station.unchanged": (
            "Trạm {unit} vốn đã được tin cậy với khóa {fingerprint}; không có gì thay đổi.",
            "The station {unit} is already trusted with the key {fingerprint}; nothing changed.",
        ),
        "station.revoked": (
            "Đã thu hồi trạm {unit}: từ nay các gói trao đổi của trạm này bị từ chối.",
            "Revoked the station {unit}: its bundles are refused from now on.",
        ),
        "station.no_partners": (
            "Chưa tin cậy trạm đối tác nào.",
            "No partner station is trusted yet.",
        ),
        "station.state_trusted": ("tin cậy", "trusted"),
        "station.state_revoked": ("đã thu hồi {at}", "revoked {at}"),
    }
)


@group(
    "station",
    help_vi="""Danh tính của trạm này (đơn vị và khóa ký, tạo một lần) và các trạm đối tác mà
    trạm tin cậy, để trao đổi gói hồ sơ đã ký và mã hóa.

    \b
    Ví dụ:
      giapranh station init --unit CA-SC
      giapranh station trust --unit CA-QN ca-qn.pub
      giapranh station list
    """,
)
def station_group() -> None:
    """This station's identity (its unit and signing key, made once) and the partner stations
    it trusts, to exchange signed and encrypted bundles of records.

    \b
    Example:
      giapranh station init --unit CA-SC
      giapranh station trust --unit CA-QN ca-qn.pub
      giapranh station list
    """


def _unit_option(help_en: str, help_vi: str) -> Any:
    return option("--unit", "unit", required=True, metavar="CODE", help=help_en, help_vi=help_vi)


@station_group.command(
    "init",
    help_vi="""Khởi tạo trạm này cho đơn vị MÃ: tạo cặp khóa ký Ed25519 (một lần), ghi đơn vị,
    khóa công khai và nơi để tệp khóa bí mật vào cơ sở dữ liệu, rồi in khóa công khai trên một
    dòng riêng và dấu vân tay của nó. Không bao giờ tạo khóa thứ hai.

    Mặc định tệp khóa nằm cạnh tệp SQLite (giapranh.sqlite → giapranh.station-key), hoặc với
    PostgreSQL trong thư mục dữ liệu của người chạy giapranh trên máy chủ; quyền 0600.

    \b
    Ví dụ:
      giapranh station init --unit CA-SC
      ssh-keygen -t ed25519 -N '' -C 'giapranh station CA-SC' -f /srv/giapranh/tram
      giapranh station init --unit CA-SC --key /srv/giapranh/tram
    """,
)
@_unit_option("This station's unit.", "Đơn vị của trạm này.")
@option(
    "--key",
    "key",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="PATH",
    help="The private key file: an OpenSSH Ed25519 key without a passphrase whose comment is "
    "'giapranh station CODE' (made with ssh-keygen), or where to make one.",
    help_vi="Tệp khóa bí mật: một khóa OpenSSH Ed25519 không đặt mật khẩu có chú thích "
    "'giapranh station MÃ' (tạo bằng ssh-keygen), hoặc nơi tạo khóa mới.",
)
@click.pass_obj
def station_init(invocation: Invocation, unit: str, key: Path | None) -> None:
    """Set this station up for the unit CODE: make its Ed25519 signing key pair (once), record
    the unit, the public key and where the private key file is, then print the public key on a
    line of its own and its fingerprint. A second key is never made.

    The key file lies beside the SQLite file by default (giapranh.sqlite →
    giapranh.station-key), or for PostgreSQL in the data folder of the user running giapranh
    on the server; mode 0600.

    \b
    Example:
      giapranh station init --unit CA-SC
      ssh-keygen -t ed25519 -N '' -C 'giapranh station CA-SC' -f /srv/giapranh/tram
      giapranh station init --unit CA-SC --key /srv/giapranh/tram
    """
    from models.station_trust import check_init, init_station, station_key
    from models.stations import default_key_path

    engine, actor = invocation.engine, invocation.actor
    with read_session(engine) as session:  # refused before any file is made
        check_init(session, actor=actor, unit=unit)
    path = key if key is not None else default_key_path(invocation.url)
    with (
        station_key(path, unit, existing=key is not None) as made,
        write_session(engine) as session,
    ):
        station = init_station(session, actor=actor, key=made, key_path=path)
        shown = station.unit.code, station.public_key, station.fingerprint, station.key_path
    click.echo(t("station.initialised", unit=shown[0]))
    click.echo(shown[1])
    click.echo(t("station.fingerprint_line", fingerprint=shown[2]))
    click.echo(t("station.key_file_line", path=shown[3]))


@station_group.command(
    "show",
    help_vi="""Cho biết trạm này: đơn vị, khóa công khai (trên một dòng riêng), dấu vân tay và
    tệp khóa bí mật; cảnh báo nếu tệp khóa không dùng được.""",
)
@click.pass_obj
def station_show(invocation: Invocation) -> None:
    """Show this station: its unit, its public key (on a line of its own), its fingerprint and
    its private key file; warn when the key file cannot be used."""
    from models import access
    from models.errors import Refused
    from models.exchange.keys import load_station_key
    from models.station_trust import this_station

    with read_session(invocation.engine) as session:
        access.require(invocation.actor, "read", "stations")
        station = this_station(session)
        unit, name = station.unit.code, station.unit.name
        public_key, fingerprint, path = station.public_key, station.fingerprint, station.key_path
    click.echo(t("station.unit_line", unit=unit, name=name))
    click.echo(t("station.public_key_line"))
    click.echo(public_key)
    click.echo(t("station.fingerprint_line", fingerprint=fingerprint))
    click.echo(t("station.key_file_line", path=path))
    try:
        loaded = load_station_key(Path(path or ""))
    except Refused as error:
        click.echo(t("station.key_file_broken", reason=error.message()), err=True)
        return
    if loaded.fingerprint != fingerprint:
        click.echo(t("station.key_file_other", path=path, fingerprint=loaded.fingerprint), err=True)


@station_group.command(
    "trust",
    help_vi="""Tin cậy trạm đối tác của đơn vị MÃ với khóa công khai trong TỆP (tệp .pub mà
    lệnh station init của trạm đó in ra). Mỗi đơn vị một khóa: muốn thay khóa đã tin cậy, hoặc
    tin cậy lại một trạm đã thu hồi, thêm --replace.

    \b
    Ví dụ:
      giapranh station trust --unit CA-QN ca-qn.pub
      giapranh station trust --unit CA-QN ca-qn-moi.pub --replace
    """,
)
@_unit_option("The partner station's unit.", "Đơn vị của trạm đối tác.")
@argument("public_key_file", metavar="FILE", type=click.Path(path_type=Path))
@option(
    "--replace",
    is_flag=True,
    help="Replace the key already trusted for this unit, or trust a revoked station again.",
    help_vi="Thay khóa đã tin cậy của đơn vị này, hoặc tin cậy lại một trạm đã thu hồi.",
)
@click.pass_obj
def station_trust(invocation: Invocation, unit: str, public_key_file: Path, replace: bool) -> None:
    """Trust the partner station of the unit CODE with the public key in FILE (the .pub file
    its station init printed). One key per unit: to replace a trusted key, or to trust a
    revoked station again, add --replace.

    \b
    Example:
      giapranh station trust --unit CA-QN ca-qn.pub
      giapranh station trust --unit CA-QN ca-qn-new.pub --replace
    """
    from models.station_trust import read_public_key, trust

    line = read_public_key(public_key_file)
    engine, actor = invocation.engine, invocation.actor
    with write_session(engine) as session:
        station, outcome = trust(session, actor=actor, unit=unit, public_key=line, replace=replace)
        fingerprint = station.fingerprint
    click.echo(t(f"station.{outcome}", unit=unit, fingerprint=fingerprint))


@station_group.command(
    "list",
    help_vi="""Liệt kê các trạm đối tác: đơn vị, trạng thái (tin cậy hoặc đã thu hồi, lúc nào),
    dấu vân tay, ai tin cậy và lúc nào.

    \b
    Ví dụ:
      giapranh station list --format json
    """,
)
@option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format: text, or json with each partner's public key.",
    help_vi="Định dạng xuất: text, hoặc json kèm khóa công khai của từng trạm đối tác.",
)
@click.pass_obj
def station_list(invocation: Invocation, output_format: str) -> None:
    """List the partner stations: unit, state (trusted, or revoked and when), fingerprint, who
    trusted it and when.

    \b
    Example:
      giapranh station list --format json
    """
    from models import access
    from models.stations import partners

    actor = invocation.actor
    with read_session(invocation.engine) as session:
        access.require(actor, "read", "stations")
        rows = [_row(station) for station in partners(session)]
    if output_format == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo(t("station.no_partners"))
    for row in rows:
        state = (
            t("station.state_revoked", at=_local(row["revoked_at"]))
            if row["revoked_at"]
            else t("station.state_trusted")
        )
        by = f"{row['trusted_by']}, {_local(row['trusted_at'])}"
        click.echo(f"{row['unit']}  {state}  {row['fingerprint']}  {by}")


def _row(station: Station) -> dict[str, Any]:
    def moment(value: Any) -> str | None:
        return value.isoformat(timespec="seconds") if value is not None else None

    return {
        "unit": station.unit.code,
        "unit_name": station.unit.name,
        "public_key": station.public_key,
        "fingerprint": station.fingerprint,
        "trusted_by": station.trusted_by,
        "trusted_at": moment(station.trusted_at),
        "revoked_by": station.revoked_by,
        "revoked_at": moment(station.revoked_at),
    }


def _local(iso: str) -> str:
    return datetime.fromisoformat(iso).astimezone().strftime("%d/%m/%Y %H:%M")


@station_group.command(
    "revoke",
    help_vi="""Thu hồi trạm đối tác của đơn vị MÃ: từ nay các gói của trạm đó bị từ chối. Trạm
    vẫn có trong danh sách, ghi lúc thu hồi; tin cậy lại bằng station trust --replace.

    \b
    Ví dụ:
      giapranh station revoke --unit CA-QN
    """,
)
@_unit_option("The partner station's unit.", "Đơn vị của trạm đối tác.")
@click.pass_obj
def station_revoke(invocation: Invocation, unit: str) -> None:
    """Revoke the partner station of the unit CODE: its bundles are refused from now on. It
    stays listed, with when it was revoked; trust it again with station trust --replace.

    \b
    Example:
      giapranh station revoke --unit CA-QN
    """
    from models.station_trust import revoke

    engine, actor = invocation.engine, invocation.actor
    with write_session(engine) as session:
        revoke(session, actor=actor, unit=unit)
    click.echo(t("station.revoked", unit=unit))
