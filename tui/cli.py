"""The `giapranh` command line: the app, the demo, import/export, the review, operators, backups.

Whoever runs these commands on the server can already open the database file, so they act as the
built-in local administrator unless `--operator NAME` narrows them to that operator's rights.
Bad input is a message on stderr in the operator's language and a non-zero exit, never a traceback.
"""

import functools
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click
from sqlalchemy import Engine, func
from sqlmodel import select

from models import KINDS, Actor, Operator, Unit, access, audit, csvio, demo, records, report
from models.db import (
    backup,
    current_revision,
    display_url,
    erase,
    head_revision,
    make_engine,
    open_database,
    read_session,
    resolve_url,
    upgrade,
    write_session,
)
from models.errors import GiapranhError, InvalidInput
from models.i18n import LANGUAGES, set_language, t
from models.text import parse_date

F = TypeVar("F", bound=Callable[..., Any])
CSV_KINDS = list(csvio.COLUMNS)


class Failure(click.ClickException):
    """A message for the operator, already in their language."""

    def show(self, file: Any = None) -> None:
        click.echo(self.message, err=True)


def reports_errors(command: F) -> F:
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except GiapranhError as error:
            raise Failure(error.message()) from None

    return wrapper  # type: ignore[return-value]


def _language(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value:
        set_language(value)
    return value


def database_option(command: F) -> F:
    """--db, and --lang: every command takes them, before or after its name."""
    command = click.option(
        "--lang",
        type=click.Choice(LANGUAGES),
        callback=_language,
        expose_value=False,
        is_eager=True,
        help="Language of messages: vi (default, or $GIAPRANH_LANG) or en.",
    )(command)
    return click.option(
        "--db",
        "database",
        metavar="URL-OR-PATH",
        help="Database: a SQLite file path or a SQLAlchemy URL (postgresql+psycopg://…). "
        "Default: $GIAPRANH_DATABASE_URL, else giapranh.sqlite in the user's data folder.",
    )(command)


def operator_option(command: F) -> F:
    return click.option(
        "--operator",
        "operator_name",
        metavar="USERNAME",
        help="Act as this operator, with their rights, instead of the local administrator.",
    )(command)


def acting(engine: Engine, operator_name: str | None) -> Actor:
    """The local administrator, or the operator named by --operator with their rights."""
    if operator_name is None:
        return Actor.local_admin()
    with read_session(engine) as session:
        operator = session.exec(select(Operator).where(Operator.code == operator_name)).first()
        if operator is None:
            raise Failure(t("error.unknown_operator", username=operator_name))
        if operator.disabled:
            raise Failure(t("error.operator_disabled", username=operator_name))
        return Actor(operator.code, operator.role, operator.unit_id, operator.id)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@database_option
@operator_option
@click.version_option(package_name="giapranh")
@click.pass_context
@reports_errors
def main(ctx: click.Context, database: str | None, operator_name: str | None) -> None:
    """giapranh: records and annual review for police units sharing a border area.

    Without a command, opens the full-screen app.

    \b
    Examples:
      giapranh demo --db demo.sqlite          build the seed's 2017 scenario
      giapranh --db demo.sqlite               open the app on it
      giapranh --db demo.sqlite report --from 2017-01-01 --to 2017-12-31
    """
    ctx.ensure_object(dict)
    ctx.obj["database"] = database
    ctx.obj["operator"] = operator_name
    if ctx.invoked_subcommand is None:
        from tui.app import make_app  # the app's imports cost time the other commands skip

        make_app(database, operator_name).run()


def _database(ctx: click.Context, database: str | None) -> str | None:
    return database or ctx.obj.get("database")


def _operator(ctx: click.Context, operator_name: str | None) -> str | None:
    return operator_name or ctx.obj.get("operator")


def _local_admin_only(ctx: click.Context, operator_name: str | None = None) -> None:
    """Commands on the whole database file (demo, backup) are not for a narrowed operator."""
    if _operator(ctx, operator_name) is not None:
        raise Failure(t("error.local_admin_only"))


# --- demo -----------------------------------------------------------------------------------


@main.command("demo")
@database_option
@click.option("--force", is_flag=True, help="Erase the database first if it already holds data.")
@click.pass_context
@reports_errors
def demo_command(ctx: click.Context, database: str | None, force: bool) -> None:
    """Build the seed's scenario: Sông Cầu and Quy Nhơn police, 2017.

    The review of 2017 gives the seed's figures (31 of 35 cases cleared, 24 jointly, 6
    campaigns, …); some 2016 and 2018 records show period filtering. The same command always
    builds the same database.

    \b
    Example:
      giapranh demo --db demo.sqlite --force
    """
    _local_admin_only(ctx)
    url = resolve_url(_database(ctx, database))
    engine = make_engine(url)
    upgrade(engine)
    with read_session(engine) as session:
        has_data = (session.scalar(select(func.count()).select_from(Unit)) or 0) > 0
    if has_data:
        if not force:
            raise Failure(t("error.demo_exists", url=display_url(url)))
        erase(engine)
        upgrade(engine)
    with write_session(engine) as session:
        counts = demo.build(session)
    click.echo(
        t(
            "demo.done",
            url=display_url(url),
            cases=counts["cases"],
            tips=counts["tips"],
            campaigns=counts["campaigns"],
            awards=counts["award_recipients"],
        )
    )


# --- import / export --------------------------------------------------------------------------


@main.command("import")
@click.argument("kind", type=click.Choice(CSV_KINDS))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check every row, write nothing.")
@database_option
@operator_option
@click.pass_context
@reports_errors
def import_command(
    ctx: click.Context,
    kind: str,
    file: Path,
    dry_run: bool,
    database: str | None,
    operator_name: str | None,
) -> None:
    """Import records of KIND from a CSV FILE (columns as in DOMAIN.md).

    All or nothing: if any row is bad, every bad row is listed as
    `row N, column C: value — reason` (the header is row 1) and nothing is written.
    Dates are dd/mm/yyyy or yyyy-mm-dd; list cells separate values with ';'.
    Import in this order so references resolve: units, localities, campaigns, tips, cases,
    suspects, awards. With --operator, a row that operator may not write is a bad row.
    A cell that starts with ' followed by = + - @ (as export writes formulas) loses the '.

    \b
    Example:
      giapranh import cases cases-2017.csv --dry-run
      giapranh --operator sc.hung import cases cases-2017.csv
    """
    if not file.is_file():
        raise Failure(t("error.file_not_found", path=file))
    engine = open_database(_database(ctx, database))
    actor = acting(engine, _operator(ctx, operator_name))
    try:
        rows = csvio.read_csv(file.read_bytes(), kind)
        with write_session(engine) as session:
            count = csvio.import_rows(session, actor=actor, kind=kind, rows=rows)
            if dry_run:
                session.rollback()
    except InvalidInput as error:
        lines = [t("import.rejected", path=file, count=len(error.problems))]
        lines += [str(problem) for problem in error.problems]
        raise Failure("\n".join(lines)) from None
    key = "import.dry_run_ok" if dry_run else "import.ok"
    click.echo(t(key, count=count, kind=t(f"kind.{kind}"), path=file))


@main.command("export")
@click.argument("kind", type=click.Choice(CSV_KINDS))
@click.option("--format", "output_format", type=click.Choice(["csv", "json"]), default="csv")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@database_option
@operator_option
@click.pass_context
@reports_errors
def export_command(
    ctx: click.Context,
    kind: str,
    output_format: str,
    output: Path | None,
    database: str | None,
    operator_name: str | None,
) -> None:
    """Export every record of KIND, in the same columns import reads.

    With --operator, only what that operator may read: a tip's reporter only for the unit that
    received it. CSV cells that a spreadsheet would run as a formula (starting with = + - @)
    are written with a ' in front; import removes it.

    \b
    Example:
      giapranh export cases --format csv -o cases.csv
      giapranh --operator qn.lan export tips --format json
    """
    engine = open_database(_database(ctx, database))
    actor = acting(engine, _operator(ctx, operator_name))
    with read_session(engine) as session:
        rows = csvio.export_records(session, kind, actor)
        out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            if output_format == "csv":
                csvio.write_csv(rows, kind, out)
            else:
                csvio.write_json(rows, out)
        finally:
            if output:
                out.close()


# --- the review ----------------------------------------------------------------------------------


def _date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError:
        raise Failure(t("error.bad_date_option", option=param.opts[0], value=value)) from None


@main.command("report")
@click.option(
    "--from",
    "start",
    metavar="D",
    callback=_date_option,
    help="First day (yyyy-mm-dd or dd/mm/yyyy). Default: 1 January this year.",
)
@click.option(
    "--to", "end", metavar="D", callback=_date_option, help="Last day, included. Default: today."
)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
@database_option
@operator_option
@click.pass_context
@reports_errors
def report_command(
    ctx: click.Context,
    start: date | None,
    end: date | None,
    output_format: str,
    database: str | None,
    operator_name: str | None,
) -> None:
    """Print the review (sơ kết) of a period: tips, campaigns, cases, arrests, awards.

    Every count is over the closed period [from, to]; DOMAIN.md defines each figure.
    With --operator, only the records that operator's unit may read are counted.

    \b
    Example:
      giapranh report --from 2017-01-01 --to 2017-12-31
      giapranh --operator py.an report --from 01/01/2017 --to 31/12/2017 --format json
    """
    today = date.today()
    start = start or date(today.year, 1, 1)
    end = end or today
    if start > end:
        raise Failure(t("error.period"))
    engine = open_database(_database(ctx, database))
    actor = acting(engine, _operator(ctx, operator_name))
    with read_session(engine) as session:
        review = report.compute(session, start, end, actor)
    if output_format == "json":
        import json

        click.echo(json.dumps(review.as_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(review.as_text())


# --- operators -----------------------------------------------------------------------------------


@main.group("operator")
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
            raise Failure(t("error.file_not_found", path=file))
        keys += [line for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
    return keys


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
@database_option
@operator_option
@click.pass_context
@reports_errors
def operator_add(
    ctx: click.Context,
    username: str,
    unit: str,
    role: str,
    full_name: str | None,
    key_files: tuple[Path, ...],
    database: str | None,
    operator_name: str | None,
) -> None:
    """Add an operator who logs in as USERNAME.

    \b
    Example:
      giapranh operator add qn.lan --unit CA-QN --role editor --name "Đại úy Trần Thị Lan" \\
          --key lan.pub
    """
    engine = open_database(_database(ctx, database))
    actor = acting(engine, _operator(ctx, operator_name))
    data = {
        "code": username,
        "full_name": full_name,
        "unit": unit,
        "role": role,
        "keys": _read_keys(key_files),
    }
    with write_session(engine) as session:
        records.create(session, actor=actor, kind=KINDS["operators"], data=data)
    click.echo(t("operator.added", username=username, role=role, unit=unit))


@operator_group.command("list")
@database_option
@operator_option
@click.pass_context
@reports_errors
def operator_list(ctx: click.Context, database: str | None, operator_name: str | None) -> None:
    """List operators: username, unit, role, keys, and whether they are disabled.

    \b
    Example:
      giapranh operator list --db /srv/giapranh/giapranh.sqlite
    """
    engine = open_database(_database(ctx, database))
    actor = acting(engine, _operator(ctx, operator_name))
    with read_session(engine) as session:
        visible = access.visible(actor, "operators")
        operators = session.exec(select(Operator).where(visible).order_by(Operator.code)).all()
        if not operators:
            click.echo(t("operator.none"))
        for operator in operators:
            state = " (disabled)" if operator.disabled else ""
            click.echo(
                f"{operator.code:<16} {operator.unit.code:<10} {operator.role:<7} "
                f"{len(operator.keys)} key(s){state}  {operator.full_name or ''}".rstrip()
            )


def _change_operator(
    engine: Engine, actor: Actor, username: str, change: Callable[[dict[str, Any]], None]
) -> None:
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


@operator_group.command("disable")
@click.argument("username")
@database_option
@operator_option
@click.pass_context
@reports_errors
def operator_disable(
    ctx: click.Context, username: str, database: str | None, operator_name: str | None
) -> None:
    """Disable USERNAME: they can no longer log in; their history stays.

    \b
    Example:
      giapranh operator disable sc.hung
    """
    engine = open_database(_database(ctx, database))
    actor = acting(engine, _operator(ctx, operator_name))
    _change_operator(engine, actor, username, lambda data: data.update(disabled=True))
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
@database_option
@operator_option
@click.pass_context
@reports_errors
def operator_key_add(
    ctx: click.Context,
    username: str,
    key_file: Path,
    database: str | None,
    operator_name: str | None,
) -> None:
    """Let USERNAME log in with the public key in KEY_FILE.

    \b
    Example:
      giapranh operator key add sc.hung hung-laptop.pub
    """
    engine = open_database(_database(ctx, database))
    actor = acting(engine, _operator(ctx, operator_name))
    keys = _read_keys((key_file,))
    _change_operator(engine, actor, username, lambda data: data.update(keys=data["keys"] + keys))
    click.echo(t("operator.key_added", username=username))


@operator_key.command("remove")
@click.argument("username")
@click.argument("fingerprint")
@database_option
@operator_option
@click.pass_context
@reports_errors
def operator_key_remove(
    ctx: click.Context,
    username: str,
    fingerprint: str,
    database: str | None,
    operator_name: str | None,
) -> None:
    """Remove the key with FINGERPRINT (SHA256:…, as `ssh-keygen -lf` prints) from USERNAME.

    \b
    Example:
      giapranh operator key remove sc.hung SHA256:q2p…
    """
    from models.operators import fingerprint as key_fingerprint

    engine = open_database(_database(ctx, database))
    actor = acting(engine, _operator(ctx, operator_name))

    def remove(data: dict[str, Any]) -> None:
        kept = [key for key in data["keys"] if key_fingerprint(key) != fingerprint]
        if len(kept) == len(data["keys"]):
            raise Failure(t("error.unknown_key", username=username, fingerprint=fingerprint))
        data["keys"] = kept

    _change_operator(engine, actor, username, remove)
    click.echo(t("operator.key_removed", username=username, fingerprint=fingerprint))


# --- the change log ------------------------------------------------------------------------------


@main.group("audit")
def audit_group() -> None:
    """Check and export the change log (who changed which record, when, before and after).

    \b
    Example:
      giapranh audit verify
      giapranh audit export --by sc.hung --from 2017-01-01 --format json
    """


@audit_group.command("verify")
@click.option(
    "--head",
    metavar="HASH",
    help="A last hash printed by an earlier verify; fail if the log no longer contains it.",
)
@database_option
@operator_option
@click.pass_context
@reports_errors
def audit_verify(
    ctx: click.Context, head: str | None, database: str | None, operator_name: str | None
) -> None:
    """Check the whole change log: every entry unaltered, none removed, none out of order.

    Prints "OK, N entries" and the last hash, and exits 0; otherwise names the first entry
    that was altered, removed, inserted or moved, and exits 1. Keep the last hash somewhere
    else (on paper, in the review's minutes) and pass it as --head next time: that also finds
    entries removed from the end, or a log rewritten from scratch.

    \b
    Example:
      giapranh audit verify
      giapranh audit verify --head 3f6c…e1
    """
    engine = open_database(_database(ctx, database))
    actor = acting(engine, _operator(ctx, operator_name))
    with read_session(engine) as session:
        verdict = audit.verify(session, actor=actor, head=head)
    if not verdict.intact:
        raise Failure(verdict.message())
    click.echo(verdict.message())


@audit_group.command("export")
@click.option("--format", "output_format", type=click.Choice(["csv", "json"]), default="csv")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@click.option("--by", "by", metavar="USERNAME", help="Only changes made by this operator.")
@click.option("--record", "record_code", metavar="CODE", help="Only changes of this record.")
@click.option("--from", "start", metavar="D", callback=_date_option, help="From this day.")
@click.option("--to", "end", metavar="D", callback=_date_option, help="Up to this day, included.")
@database_option
@operator_option
@click.pass_context
@reports_errors
def audit_export(
    ctx: click.Context,
    output_format: str,
    output: Path | None,
    by: str | None,
    record_code: str | None,
    start: date | None,
    end: date | None,
    database: str | None,
    operator_name: str | None,
) -> None:
    """Export the change log, oldest first, with each entry's hashes (administrators only).

    Local administrators get every entry; with --operator, an administrator gets the entries
    of records shared with their unit, without the reporters of other units' tips.

    \b
    Example:
      giapranh audit export -o audit.csv
      giapranh audit export --by sc.hung --record V-2017-001 --format json
      giapranh audit export --from 01/12/2017 --to 31/12/2017
    """
    engine = open_database(_database(ctx, database))
    actor = acting(engine, _operator(ctx, operator_name))
    filters = {"by": by, "record_code": record_code, "start": start, "end": end}
    with read_session(engine) as session:
        rows = audit.export_rows(session, actor=actor, **filters)
        out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            if output_format == "csv":
                count = csvio.write_table(rows, audit.COLUMNS, out)
            else:
                count = csvio.write_json(rows, out)
        finally:
            if output:
                out.close()
    if output:
        click.echo(t("audit.exported", count=count))


# --- database ------------------------------------------------------------------------------------


@main.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@database_option
@click.pass_context
@reports_errors
def backup_command(ctx: click.Context, path: Path, database: str | None) -> None:
    """Copy the live SQLite database to PATH, consistently, while operators keep working.

    \b
    Example:
      giapranh backup /var/backups/giapranh-$(date +%F).sqlite
    """
    _local_admin_only(ctx)
    url = resolve_url(_database(ctx, database))
    size = backup(open_database(url), path)
    click.echo(t("backup.done", source=display_url(url), path=path, size=f"{size / 1024:.0f} KiB"))


@main.group("db")
def db_group() -> None:
    """Schema migrations of the database.

    \b
    Example:
      giapranh db current
    """


@db_group.command("upgrade")
@database_option
@click.pass_context
@reports_errors
def db_upgrade(ctx: click.Context, database: str | None) -> None:
    """Upgrade the database schema to this version of giapranh (the app does it on start too).

    \b
    Example:
      giapranh db upgrade --db postgresql+psycopg://giapranh@localhost/giapranh
    """
    url = resolve_url(_database(ctx, database))
    revision = upgrade(make_engine(url))
    click.echo(t("db.upgraded", url=display_url(url), revision=revision))


@db_group.command("current")
@database_option
@click.pass_context
@reports_errors
def db_current(ctx: click.Context, database: str | None) -> None:
    """Show the database's schema revision and the newest this version knows.

    \b
    Example:
      giapranh db current
    """
    engine = make_engine(resolve_url(_database(ctx, database)))
    revision = current_revision(engine) or t("db.empty")
    click.echo(t("db.current", revision=revision, head=head_revision()))


# --- the station server --------------------------------------------------------------------------


def _operator_colors(
    _ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> dict[str, str]:
    from tui.sshd import parse_operator_colors

    try:
        return parse_operator_colors(values)
    except ValueError as error:
        raise Failure(t("ssh.bad_colors", value=error.args[0])) from None


def colors_options(command: F) -> F:
    """--colors and --operator-colors, shared by `serve` and `operator authorized-keys`."""
    command = click.option(
        "--operator-colors",
        "operator_colors",
        multiple=True,
        metavar="NAME=DEPTH",
        callback=_operator_colors,
        help="Colour depth for one operator (16, 256 or truecolor); repeat for several.",
    )(command)
    return click.option(
        "--colors",
        type=click.Choice(["16", "256", "truecolor"]),
        default="256",
        show_default=True,
        help="Colour depth of the app for every operator not named in --operator-colors.",
    )(command)


@main.command("serve")
@click.option("--host", default="0.0.0.0", show_default=True, help="Address to listen on.")
@click.option("--port", default=2222, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--host-key",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The server's private host key, created if missing. "
    "Default: ssh_host_ed25519_key in the user's data folder.",
)
@colors_options
@click.option("--max-sessions", default=20, show_default=True, type=click.IntRange(1))
@click.option(
    "--login-timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(0.1),
    help="Seconds a client has to log in.",
)
@click.option(
    "--keepalive",
    default=10.0,
    show_default=True,
    type=click.FloatRange(0.1),
    help="Seconds between keepalives; 3 unanswered end the session.",
)
@click.option(
    "--failure-delay",
    default=1.0,
    show_default=True,
    type=click.FloatRange(0),
    help="Seconds an address waits after a failed login; doubles with each (up to 20).",
)
@database_option
@click.pass_context
@reports_errors
def serve_command(
    ctx: click.Context,
    host: str,
    port: int,
    host_key: Path | None,
    colors: str,
    operator_colors: dict[str, str],
    max_sessions: int,
    login_timeout: float,
    keepalive: float,
    failure_delay: float,
    database: str | None,
) -> None:
    """Run the station server: operators connect with `ssh USERNAME@HOST -p PORT`.

    Each logs in with their username and one of their public keys (see `operator add`,
    `operator key add`); nothing else gets in. Each session runs the full-screen app as that
    operator. Logins, logouts and refused attempts go to the access log (`access-log`) and to
    standard error. Stop it with Ctrl+C or SIGTERM: open sessions are hung up.

    \b
    Example:
      giapranh serve --db /srv/giapranh/giapranh.sqlite --port 2222
      giapranh serve --colors 16 --operator-colors sc.hung=truecolor
    """
    import asyncio
    import logging

    from models.db import data_folder
    from tui import sshd

    _local_admin_only(ctx)
    url = resolve_url(_database(ctx, database))
    engine = open_database(url)
    key_path = host_key or data_folder() / "ssh_host_ed25519_key"
    try:
        fingerprint = sshd.load_host_key(key_path).get_fingerprint("sha256")
    except (OSError, ValueError) as error:  # asyncssh.KeyImportError is a ValueError
        raise Failure(t("ssh.bad_host_key", path=key_path, reason=error)) from None
    settings = sshd.Settings(
        database=url,
        host=host,
        port=port,
        host_key=key_path,
        colors=colors,
        operator_colors=operator_colors,
        max_sessions=max_sessions,
        login_timeout=login_timeout,
        keepalive_interval=keepalive,
        failure_delay=failure_delay,
    )
    logging.basicConfig(
        stream=sys.stderr, level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s"
    )
    logging.getLogger("asyncssh").setLevel(logging.WARNING)

    def ready(listening: int) -> None:
        click.echo(t("ssh.listening", host=host, port=listening))
        click.echo(t("ssh.host_key", fingerprint=fingerprint, path=key_path))
        sys.stdout.flush()

    try:
        asyncio.run(sshd.serve(settings, engine, ready))
    except OSError as error:
        raise Failure(t("ssh.cannot_listen", host=host, port=port, reason=error.strerror)) from None


@main.command("access-log")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1))
@database_option
@operator_option
@click.pass_context
@reports_errors
def access_log_command(
    ctx: click.Context, limit: int, database: str | None, operator_name: str | None
) -> None:
    """Show the station server's newest logins, logouts and refused attempts (administrators).

    One line each: when (UTC), what, who, from where, why or how long.

    \b
    Example:
      giapranh access-log --limit 20
    """
    from models import accesslog

    engine = open_database(_database(ctx, database))
    actor = acting(engine, _operator(ctx, operator_name))
    with read_session(engine) as session:
        entries = accesslog.recent(session, actor=actor, limit=limit)
    if not entries:
        click.echo(t("access.none"))
    for entry in entries:
        why = [t(f"access.{entry.reason}")] if entry.reason else []
        if entry.seconds is not None:
            why.append(t("access.seconds", seconds=entry.seconds))
        click.echo(
            f"{entry.at:%Y-%m-%d %H:%M:%S}  {t(f'access.{entry.event}'):<12} "
            f"{entry.username or '-':<16} {entry.address:<15} {', '.join(why)}".rstrip()
        )


@operator_group.command("authorized-keys")
@click.option(
    "--launcher",
    metavar="PATH",
    help="The giapranh-ssh the keys run. Default: the one installed beside this giapranh.",
)
@colors_options
@database_option
@operator_option
@click.pass_context
@reports_errors
def operator_authorized_keys(
    ctx: click.Context,
    launcher: str | None,
    colors: str,
    operator_colors: dict[str, str],
    database: str | None,
    operator_name: str | None,
) -> None:
    """Print authorized_keys lines for OpenSSH: every key of every enabled operator, each
    restricted to a terminal running giapranh as its operator.

    Write them to the locked-down account's ~/.ssh/authorized_keys (see the README, "Station
    server"); run it again after adding, removing or disabling operators and keys.

    \b
    Example:
      giapranh operator authorized-keys --db /srv/giapranh/giapranh.sqlite \\
          > /home/giapranh/.ssh/authorized_keys
    """
    import shlex

    from sqlalchemy.orm import selectinload

    from models import OperatorKey

    url = resolve_url(_database(ctx, database))
    engine = open_database(url)
    actor = acting(engine, _operator(ctx, operator_name))
    access.require(actor, "read", "operators")  # the lines name operators and their keys
    # The console script sits beside the interpreter of this installation (a venv's bin/).
    program = launcher or str(Path(sys.executable).parent / "giapranh-ssh")
    with read_session(engine) as session:
        operators = session.exec(
            select(Operator)
            .where(access.visible(actor, "operators"))
            .where(Operator.disabled == False)  # noqa: E712 - SQL, not Python
            .options(selectinload(Operator.keys))  # type: ignore[arg-type]
            .order_by(Operator.code)
        ).all()
        for operator in operators:
            depth = operator_colors.get(operator.code, colors)
            command = shlex.join(
                [program, "--db", url, "--operator", operator.code, "--colors", depth]
            )
            quoted = command.replace("\\", "\\\\").replace('"', '\\"')
            key: OperatorKey
            for key in operator.keys:
                click.echo(f'restrict,pty,command="{quoted}" {key.public_key}')
