"""`giapranh calendar …`: the working-day calendar of the legal clock, and the administrators'
corrections of it (models.calendar_days), written through models.records and logged."""

from datetime import date

import click

from models import access, records
from models.calendar_days import CALENDAR_DAYS, year_days
from models.db import read_session, write_session
from models.errors import Refused
from models.i18n import t
from models.text import format_date
from tui.cli.bilingual import argument, option
from tui.cli.context import Invocation, group


@group(
    "calendar",
    help_vi="""Lịch ngày làm việc: ngày lễ của Việt Nam và các điều chỉnh của quản trị viên.

    \b
    Ví dụ:
      giapranh calendar list 2025
      giapranh calendar add 2025-04-26 --working --note "Làm bù cho ngày 2/5"
      giapranh calendar remove 2025-04-26
    """,
)
def calendar_group() -> None:
    """The working-day calendar: Vietnam's holidays and the administrators' corrections.

    \b
    Example:
      giapranh calendar list 2025
      giapranh calendar add 2025-04-26 --working --note "Làm bù cho ngày 2/5"
      giapranh calendar remove 2025-04-26
    """


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        try:
            number, month, year = (int(part) for part in text.split("/"))
            return date(year, month, number)
        except ValueError:
            raise Refused("calendar.bad_day", value=text) from None


@calendar_group.command(
    "list",
    help_vi="""Liệt kê các ngày nghỉ của NĂM ngoài thứ Bảy, Chủ nhật, và các điều chỉnh (mặc định:
    năm nay).

    \b
    Ví dụ:
      giapranh calendar list 2026
    """,
)
@argument("year", type=int, required=False)
@click.pass_obj
def calendar_list(invocation: Invocation, year: int | None) -> None:
    """List YEAR's days off other than weekends, and the corrections (default: this year).

    \b
    Example:
      giapranh calendar list 2026
    """
    year = year or date.today().year
    engine, actor = invocation.engine, invocation.actor
    with read_session(engine) as session:
        days = year_days(session, year, access.visible(actor, "calendar_days"))
    if not days:
        click.echo(t("calendar.none", year=year))
    for item in days:
        reason = item.reason if item.off else t("calendar.worked", note=item.reason)
        mark = "*" if item.corrected else " "
        weekday = t(f"weekday.{item.day.weekday()}")
        click.echo(f"{mark} {format_date(item.day)}  {weekday}  {reason}".rstrip())


def _correct(invocation: Invocation, text: str, kind: str, note: str | None) -> None:
    day = _day(text)
    engine, actor = invocation.engine, invocation.actor
    with write_session(engine) as session:
        records.create(
            session, actor=actor, kind=CALENDAR_DAYS, data={"day": day, "kind": kind, "note": note}
        )
    click.echo(t(f"calendar.added_{kind}", day=format_date(day)))


@calendar_group.command(
    "add",
    help_vi="""Thêm một điều chỉnh: NGÀY (yyyy-mm-dd hoặc dd/mm/yyyy) là ngày nghỉ, hoặc với
    --working là ngày làm việc.

    \b
    Ví dụ:
      giapranh calendar add 2026-02-23 --note "Nghỉ Tết theo thông báo của Chính phủ"
    """,
)
@argument("day")
@option(
    "--working",
    is_flag=True,
    help="The day is worked (a worked Saturday, a holiday).",
    help_vi="Ngày đó đi làm (thứ Bảy làm bù, ngày lễ vẫn làm).",
)
@option(
    "--note",
    metavar="TEXT",
    help="Why: the official notice, the swap.",
    help_vi="Lý do: thông báo chính thức, ngày hoán đổi.",
)
@click.pass_obj
def calendar_add(invocation: Invocation, day: str, working: bool, note: str | None) -> None:
    """Add a correction: DAY (yyyy-mm-dd or dd/mm/yyyy) is a day off, or with --working a
    working day.

    \b
    Example:
      giapranh calendar add 2026-02-23 --note "Nghỉ Tết theo thông báo của Chính phủ"
    """
    _correct(invocation, day, "working" if working else "off", note)


@calendar_group.command(
    "remove",
    help_vi="""Bỏ điều chỉnh của NGÀY: ngày đó lại theo lịch ngày lễ.

    \b
    Ví dụ:
      giapranh calendar remove 2026-02-23
    """,
)
@argument("day")
@click.pass_obj
def calendar_remove(invocation: Invocation, day: str) -> None:
    """Remove the correction of DAY: it is again as the holidays' calendar says.

    \b
    Example:
      giapranh calendar remove 2026-02-23
    """
    found = _day(day)
    engine, actor = invocation.engine, invocation.actor
    with write_session(engine) as session:
        record = records.get(session, CALENDAR_DAYS, found.isoformat(), actor=actor)
        records.delete(
            session,
            actor=actor,
            kind=CALENDAR_DAYS,
            key=record.code,
            expected_version=record.version,
        )
    click.echo(t("calendar.removed", day=format_date(found)))
