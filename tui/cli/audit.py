"""`giapranh audit …`: check the hash-chained change log, and export it."""

import sys
from datetime import date
from pathlib import Path

import click

from models import audit, csvio
from models.db import read_session
from models.i18n import t
from tui.cli.context import Failure, Invocation, date_option, group


@group("audit")
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
@click.pass_obj
def audit_verify(invocation: Invocation, head: str | None) -> None:
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
    engine, actor = invocation.engine, invocation.actor
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
@click.option("--from", "start", metavar="D", callback=date_option, help="From this day.")
@click.option("--to", "end", metavar="D", callback=date_option, help="Up to this day, included.")
@click.pass_obj
def audit_export(
    invocation: Invocation,
    output_format: str,
    output: Path | None,
    by: str | None,
    record_code: str | None,
    start: date | None,
    end: date | None,
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
    engine, actor = invocation.engine, invocation.actor
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
