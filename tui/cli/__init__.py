"""The `giapranh` command line: the app, the demo, import/export, the review, operators, the
change log, the database, the station server.

One module per command group, joined here on the root group; tui/cli/context.py holds what they
share (the options --db, --lang and --operator, the database and the acting operator, and how
a command fails).
"""

import click

from tui.cli.audit import audit_group
from tui.cli.context import Invocation, Root
from tui.cli.database import backup_command, db_group, restore_command
from tui.cli.operators import operator_group
from tui.cli.records import demo_command, export_command, import_command, report_command
from tui.cli.station import access_log_command, authorized_keys_command, serve_command


@click.group(
    cls=Root, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(package_name="giapranh")
@click.pass_context
def main(ctx: click.Context) -> None:
    """giapranh: records and annual review for police units sharing a border area.

    Without a command, opens the full-screen app.

    \b
    Examples:
      giapranh demo --db demo.sqlite          build the seed's 2017 scenario
      giapranh --db demo.sqlite               open the app on it
      giapranh --db demo.sqlite report --from 2017-01-01 --to 2017-12-31
    """
    invocation = ctx.ensure_object(Invocation)
    if ctx.invoked_subcommand is None:
        from tui.app import make_app  # the app's imports cost time the other commands skip

        make_app(invocation.database, invocation.operator_name).run()


for _command in (
    demo_command,
    import_command,
    export_command,
    report_command,
    operator_group,
    audit_group,
    backup_command,
    restore_command,
    db_group,
    serve_command,
    access_log_command,
):
    main.add_command(_command)
operator_group.add_command(authorized_keys_command)
