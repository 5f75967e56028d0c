"""The `giapranh` command line: the app, the demo, import/export, the review, operators, the
change log, the database, the station server.

One module per command group, joined here on the root group; tui/cli/context.py holds what they
share (the options --db, --lang and --operator, the database and the acting operator, and how
a command fails).
"""

import importlib

import click

from tui.cli import click_words
from tui.cli.context import Invocation, Root

click_words.install()  # click's own words ("Usage:", its errors) in the operator's language

# Each command by name, imported when it is run or its help is asked for, so that a command
# loads only what it needs (`giapranh --version` nothing but click).
COMMANDS = {
    "demo": "tui.cli.records:demo_command",
    "import": "tui.cli.records:import_command",
    "export": "tui.cli.records:export_command",
    "report": "tui.cli.report:report_command",
    "review": "tui.cli.review:review_group",
    "award": "tui.cli.award:award_group",
    "operator": "tui.cli.operators:operator_group",
    "audit": "tui.cli.audit:audit_group",
    "calendar": "tui.cli.calendar:calendar_group",
    "due": "tui.cli.due:due_command",
    "backup": "tui.cli.database:backup_command",
    "restore": "tui.cli.database:restore_command",
    "db": "tui.cli.database:db_group",
    "station": "tui.cli.station_keys:station_group",
    "serve": "tui.cli.station:serve_command",
    "access-log": "tui.cli.station:access_log_command",
}


class Giapranh(Root):
    """The root group, whose commands are found in COMMANDS when first needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module_name, name = COMMANDS[cmd_name].split(":")
        found: click.Command = getattr(importlib.import_module(module_name), name)
        return found


@click.group(
    cls=Giapranh,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help_vi="""giapranh: hồ sơ và sơ kết của các đơn vị công an có địa bàn giáp ranh.

    Không có lệnh thì mở ứng dụng toàn màn hình.

    \b
    Ví dụ:
      giapranh demo --db demo.sqlite          dựng tình huống năm 2017 của bài báo
      giapranh --db demo.sqlite               mở ứng dụng trên đó
      giapranh --db demo.sqlite report --from 2017-01-01 --to 2017-12-31
    """,
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
