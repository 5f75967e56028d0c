"""`giapranh due`: the queue of tips and investigations overdue or due soon (models.due), for a
person or a scheduled job (--format json)."""

from datetime import date

import click

from models.db import read_session, write_session
from models.due import DueQueue, due_queue, set_windows
from models.errors import Refused
from models.i18n import t
from models.settings import as_of
from models.text import format_date, harmless
from tui.cli.bilingual import option
from tui.cli.context import Invocation, command

TITLE_WIDTH = 50


@command(
    "due",
    help_vi="""Liệt kê nguồn tin và vụ án đang điều tra đã quá hạn luật định hoặc sắp đến hạn
    trong N ngày (5 ngày với nguồn tin, 10 ngày với điều tra, hoặc theo cài đặt của cơ sở dữ liệu),
    ít ngày còn lại nhất trước.

    Với --operator, chỉ các bản ghi cán bộ đó được xem. --save (quản trị viên) giữ
    --tip-days và --case-days cho ứng dụng và các lần chạy sau.

    \b
    Ví dụ:
      giapranh due
      giapranh due --within 30 --format json
      giapranh due --tip-days 7 --case-days 15 --save
    """,
)
@option(
    "--within",
    type=int,
    metavar="N",
    help="Days ahead, for tips and investigations.",
    help_vi="Số ngày tới, cho cả nguồn tin và điều tra.",
)
@option(
    "--tip-days",
    type=int,
    metavar="N",
    help="Days ahead for tips (default 5).",
    help_vi="Số ngày tới cho nguồn tin (mặc định 5).",
)
@option(
    "--case-days",
    type=int,
    metavar="N",
    help="Days ahead for investigations (default 10).",
    help_vi="Số ngày tới cho điều tra (mặc định 10).",
)
@option(
    "--save",
    is_flag=True,
    help="Keep --tip-days and --case-days as the database's defaults.",
    help_vi="Giữ --tip-days và --case-days làm mặc định của cơ sở dữ liệu.",
)
@option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
    help_vi="Định dạng xuất.",
)
@click.pass_obj
def due_command(
    invocation: Invocation,
    within: int | None,
    tip_days: int | None,
    case_days: int | None,
    save: bool,
    output_format: str,
) -> None:
    """List the open tips and investigations past their legal deadline or due within N days
    (5 for tips, 10 for investigations, or the database's settings), fewest days left first.

    With --operator, only the records that operator may read. --save (administrators) keeps
    --tip-days and --case-days for the app and later runs.

    \b
    Example:
      giapranh due
      giapranh due --within 30 --format json
      giapranh due --tip-days 7 --case-days 15 --save
    """
    engine, actor = invocation.engine, invocation.actor
    tip_days = within if tip_days is None else tip_days
    case_days = within if case_days is None else case_days
    if save:
        if actor.role != "admin":
            raise Refused("due.admin_only")
        with write_session(engine) as session:
            set_windows(session, tip_days, case_days)
    with read_session(engine) as session:
        today = as_of(session) or date.today()
        queue = due_queue(session, actor=actor, today=today, tip_days=tip_days, case_days=case_days)
    if output_format == "json":
        import json

        click.echo(json.dumps(queue.as_json(), ensure_ascii=False, indent=2))
        return
    click.echo("\n".join(due_lines(queue)))  # one write: a queue may hold thousands


def days_left_text(days: int) -> str:
    if days < 0:
        return t("due.overdue_days", days=-days)
    return t("due.today") if days == 0 else t("due.days_left", days=days)


def due_lines(queue: DueQueue) -> list[str]:
    """The header, then a line per record; what came from the database is made harmless once,
    over the whole text (a queue may hold tens of thousands of lines)."""
    kinds = {kind: t(f"due.kind_{kind}") for kind in ("tips", "cases")}
    days: dict[int, str] = {}
    dates: dict[date, str] = {}
    lines = []
    for item in queue.items:
        left = days.get(item.days_left) or days.setdefault(
            item.days_left, days_left_text(item.days_left)
        )
        day = dates.get(item.deadline) or dates.setdefault(
            item.deadline, format_date(item.deadline)
        )
        title = " ".join(item.title.split())
        if len(title) > TITLE_WIDTH:
            title = title[: TITLE_WIDTH - 1] + "…"
        lines.append(
            f"{left:>10}  {day}  {kinds[item.kind]:<9} {item.code:<14} {item.unit:<8} {title}"
        )
    return [queue.header(), *harmless("\n".join(lines)).split("\n")] if lines else [queue.header()]
