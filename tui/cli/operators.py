"""`giapranh operator …`: who may log in, for which unit, with which role, by which keys.

Changes go through models.records like any record's, so they are checked against the acting
operator's rights and written to the change log. (`operator authorized-keys` is the station
server's: tui/cli/station.py.)
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from sqlmodel import select

from models import KINDS, Operator, access, records
from models.db import read_session, write_session
from models.errors import Refused
from models.i18n import t
from models.operators import fingerprint as key_fingerprint
from tui.cli.bilingual import argument, option
from tui.cli.context import Invocation, group
from tui.cli.station import authorized_keys_command


@group(
    "operator",
    help_vi="""Quản lý cán bộ: ai được đăng nhập, thuộc đơn vị nào, với vai trò gì.

    \b
    Ví dụ:
      giapranh operator add sc.hung --unit CA-SC --role editor --key hung.pub
      giapranh operator list
    """,
)
def operator_group() -> None:
    """Manage operators: who may log in, for which unit, with which role.

    \b
    Example:
      giapranh operator add sc.hung --unit CA-SC --role editor --key hung.pub
      giapranh operator list
    """


def _read_keys(files: tuple[Path, ...]) -> list[str]:
    keys = []
    for file in files:
        if not file.is_file():
            raise Refused("error.file_not_found", path=file)
        keys += [line for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
    return keys


def _change_operator(
    invocation: Invocation, username: str, change: Callable[[dict[str, Any]], None]
) -> None:
    """Apply `change` to the operator's data as a snapshot holds it, as one update."""
    engine, actor = invocation.engine, invocation.actor
    with write_session(engine) as session:
        operator = records.get(session, KINDS["operators"], username, actor=actor)
        data = KINDS["operators"].snapshot(operator)
        change(data)
        records.update(
            session,
            actor=actor,
            kind=KINDS["operators"],
            key=username,
            expected_version=operator.version,
            changes=data,
        )


@operator_group.command(
    "add",
    help_vi="""Thêm một cán bộ đăng nhập bằng TÊN_ĐĂNG_NHẬP.

    \b
    Ví dụ:
      giapranh operator add qn.lan --unit CA-QN --role editor --name "Đại úy Trần Thị Lan" \\
          --key lan.pub
    """,
)
@argument("username")
@option(
    "--unit",
    required=True,
    metavar="CODE",
    help="Code of the operator's unit.",
    help_vi="Mã đơn vị của cán bộ.",
)
@option(
    "--role",
    required=True,
    type=click.Choice(["admin", "editor", "viewer"]),
    help="admin: the unit's operators, units and localities; editor: adds and changes the "
    "unit's records; viewer: reads and runs the review. Each sees what is shared with the unit.",
    help_vi="admin: quản lý cán bộ, đơn vị, xã/phường của đơn vị; editor: thêm và sửa bản ghi "
    "của đơn vị; viewer: chỉ xem và lập sơ kết. Ai cũng xem được bản ghi chia sẻ với đơn vị.",
)
@option(
    "--name",
    "full_name",
    metavar="NAME",
    help="Full name, rank and post, as shown in the app.",
    help_vi="Họ tên, cấp bậc và chức vụ, như hiện trong ứng dụng.",
)
@option(
    "--key",
    "key_files",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="An SSH public key file (id_ed25519.pub); repeat for several.",
    help_vi="Tệp khóa công khai SSH (id_ed25519.pub); lặp lại cho nhiều khóa.",
)
@click.pass_obj
def operator_add(
    invocation: Invocation,
    username: str,
    unit: str,
    role: str,
    full_name: str | None,
    key_files: tuple[Path, ...],
) -> None:
    """Add an operator who logs in as USERNAME.

    \b
    Example:
      giapranh operator add qn.lan --unit CA-QN --role editor --name "Đại úy Trần Thị Lan" \\
          --key lan.pub
    """
    keys = _read_keys(key_files)
    data = {"code": username, "full_name": full_name, "unit": unit, "role": role, "keys": keys}
    engine, actor = invocation.engine, invocation.actor
    with write_session(engine) as session:
        records.create(session, actor=actor, kind=KINDS["operators"], data=data)
    click.echo(t("operator.added", username=username, role=t(f"role.{role}"), unit=unit))


@operator_group.command(
    "list",
    help_vi="""Liệt kê cán bộ: tên đăng nhập, đơn vị, vai trò, khóa, và có bị khóa không.

    \b
    Ví dụ:
      giapranh operator list --db /srv/giapranh/giapranh.sqlite
    """,
)
@click.pass_obj
def operator_list(invocation: Invocation) -> None:
    """List operators: username, unit, role, keys, and whether they are disabled.

    \b
    Example:
      giapranh operator list --db /srv/giapranh/giapranh.sqlite
    """
    engine, actor = invocation.engine, invocation.actor
    with read_session(engine) as session:
        visible = access.visible(actor, "operators")
        operators = session.exec(select(Operator).where(visible).order_by(Operator.code)).all()
        if not operators:
            click.echo(t("operator.none"))
        for operator in operators:
            state = f" ({t('operator.is_disabled')})" if operator.disabled else ""
            keys = t("operator.key_count", n=len(operator.keys))
            click.echo(
                f"{operator.code:<16} {operator.unit.code:<10} {t(f'role.{operator.role}'):<9} "
                f"{keys}{state}  {operator.full_name or ''}".rstrip()
            )


@operator_group.command(
    "disable",
    help_vi="""Khóa TÊN_ĐĂNG_NHẬP: người đó không đăng nhập được nữa; lịch sử vẫn giữ.

    \b
    Ví dụ:
      giapranh operator disable sc.hung
    """,
)
@argument("username")
@click.pass_obj
def operator_disable(invocation: Invocation, username: str) -> None:
    """Disable USERNAME: they can no longer log in; their history stays.

    \b
    Example:
      giapranh operator disable sc.hung
    """
    _change_operator(invocation, username, lambda data: data.update(disabled=True))
    click.echo(t("operator.disabled", username=username))


@operator_group.group(
    "key",
    help_vi="""Thêm hoặc bỏ khóa công khai SSH của một cán bộ.

    \b
    Ví dụ:
      giapranh operator key add sc.hung hung.pub
    """,
)
def operator_key() -> None:
    """Add or remove an operator's SSH public keys.

    \b
    Example:
      giapranh operator key add sc.hung hung.pub
    """


@operator_key.command(
    "add",
    help_vi="""Cho TÊN_ĐĂNG_NHẬP đăng nhập bằng khóa công khai trong TỆP_KHÓA.

    \b
    Ví dụ:
      giapranh operator key add sc.hung hung-laptop.pub
    """,
)
@argument("username")
@argument("key_file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def operator_key_add(invocation: Invocation, username: str, key_file: Path) -> None:
    """Let USERNAME log in with the public key in KEY_FILE.

    \b
    Example:
      giapranh operator key add sc.hung hung-laptop.pub
    """
    keys = _read_keys((key_file,))
    _change_operator(invocation, username, lambda data: data.update(keys=data["keys"] + keys))
    click.echo(t("operator.key_added", username=username))


@operator_key.command(
    "remove",
    help_vi="""Bỏ khóa có DẤU_VÂN_TAY (SHA256:…, như `ssh-keygen -lf` in ra) khỏi TÊN_ĐĂNG_NHẬP.

    \b
    Ví dụ:
      giapranh operator key remove sc.hung SHA256:q2p…
    """,
)
@argument("username")
@argument("fingerprint")
@click.pass_obj
def operator_key_remove(invocation: Invocation, username: str, fingerprint: str) -> None:
    """Remove the key with FINGERPRINT (SHA256:…, as `ssh-keygen -lf` prints) from USERNAME.

    \b
    Example:
      giapranh operator key remove sc.hung SHA256:q2p…
    """

    def remove(data: dict[str, Any]) -> None:
        kept = [key for key in data["keys"] if key_fingerprint(key) != fingerprint]
        if len(kept) == len(data["keys"]):
            raise Refused("error.unknown_key", username=username, fingerprint=fingerprint)
        data["keys"] = kept

    _change_operator(invocation, username, remove)
    click.echo(t("operator.key_removed", username=username, fingerprint=fingerprint))


operator_group.add_command(authorized_keys_command)
