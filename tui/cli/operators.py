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
from tui.cli.context import Invocation, group
from tui.cli.station import authorized_keys_command


@group("operator")
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


@operator_group.command("add")
@click.argument("username")
@click.option("--unit", required=True, metavar="CODE", help="Code of the operator's unit.")
@click.option("--role", required=True, type=click.Choice(["admin", "editor", "viewer"]))
@click.option("--name", "full_name", help="Full name, rank and post, as shown in the app.")
@click.option(
    "--key",
    "key_files",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="An SSH public key file (id_ed25519.pub); repeat for several.",
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
    click.echo(t("operator.added", username=username, role=role, unit=unit))


@operator_group.command("list")
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
                f"{operator.code:<16} {operator.unit.code:<10} {operator.role:<7} "
                f"{keys}{state}  {operator.full_name or ''}".rstrip()
            )


@operator_group.command("disable")
@click.argument("username")
@click.pass_obj
def operator_disable(invocation: Invocation, username: str) -> None:
    """Disable USERNAME: they can no longer log in; their history stays.

    \b
    Example:
      giapranh operator disable sc.hung
    """
    _change_operator(invocation, username, lambda data: data.update(disabled=True))
    click.echo(t("operator.disabled", username=username))


@operator_group.group("key")
def operator_key() -> None:
    """Add or remove an operator's SSH public keys.

    \b
    Example:
      giapranh operator key add sc.hung hung.pub
    """


@operator_key.command("add")
@click.argument("username")
@click.argument("key_file", type=click.Path(dir_okay=False, path_type=Path))
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


@operator_key.command("remove")
@click.argument("username")
@click.argument("fingerprint")
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
