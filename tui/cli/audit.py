"""`giapranh audit …`: check the hash-chained change log, and export it."""

import sys
from datetime import date
from pathlib import Path

import click

from models import audit, csvio
from models.db import read_session
from models.i18n import t
from tui.cli.bilingual import option
from tui.cli.context import Failure, Invocation, date_option, group


@group(
    "audit",
    help_vi="""Kiểm tra và xuất nhật ký thay đổi (ai đã sửa bản ghi nào, lúc nào, trước và sau).

    \b
    Ví dụ:
      giapranh audit verify
      giapranh audit export --by sc.hung --from 2017-01-01 --format json
    """,
)
def audit_group() -> None:
    """Check and export the change log (who changed which record, when, before and after).

    \b
    Example:
      giapranh audit verify
      giapranh audit export --by sc.hung --from 2017-01-01 --format json
    """


@audit_group.command(
    "verify",
    help_vi="""Kiểm tra toàn bộ nhật ký thay đổi: không dòng nào bị sửa, bị xóa hay sai thứ tự.

    In "OK, N mục" cùng mã băm cuối và thoát với mã 0; nếu không, chỉ ra dòng đầu tiên
    bị sửa, bị xóa, bị chèn hoặc bị dời chỗ, và thoát với mã 1. Hãy giữ mã băm cuối ở nơi khác
    (trên giấy, trong biên bản sơ kết) và lần sau đưa vào --head: như vậy còn phát hiện được các
    dòng bị xóa ở cuối, hoặc cả nhật ký bị viết lại từ đầu.

    \b
    Ví dụ:
      giapranh audit verify
      giapranh audit verify --head 3f6c…e1
    """,
)
@option(
    "--head",
    metavar="HASH",
    help="A last hash printed by an earlier verify; fail if the log no longer contains it.",
    help_vi="Mã băm cuối do lần kiểm tra trước in ra; báo lỗi nếu nhật ký không còn chứa nó.",
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


@audit_group.command(
    "export",
    help_vi="""Xuất nhật ký thay đổi, cũ nhất trước, kèm mã băm của từng dòng (chỉ quản trị viên).

    Quản trị viên tại chỗ nhận mọi dòng; với --operator, một quản trị viên nhận các dòng của
    bản ghi được chia sẻ với đơn vị mình, không kèm người báo tin của nguồn tin đơn vị khác.

    \b
    Ví dụ:
      giapranh audit export -o audit.csv
      giapranh audit export --by sc.hung --record V-2017-001 --format json
      giapranh audit export --from 01/12/2017 --to 31/12/2017
    """,
)
@option(
    "--format",
    "output_format",
    type=click.Choice(["csv", "json"]),
    default="csv",
    show_default=True,
    help="Output format.",
    help_vi="Định dạng xuất.",
)
@option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write to this file instead of standard output.",
    help_vi="Ghi ra tệp này thay vì ra màn hình.",
)
@option(
    "--by",
    "by",
    metavar="USERNAME",
    help="Only changes made by this operator.",
    help_vi="Chỉ những thay đổi do cán bộ này làm.",
)
@option(
    "--record",
    "record_code",
    metavar="CODE",
    help="Only changes of this record.",
    help_vi="Chỉ những thay đổi của bản ghi này.",
)
@option(
    "--from",
    "start",
    metavar="D",
    callback=date_option,
    help="From this day.",
    help_vi="Từ ngày này.",
)
@option(
    "--to",
    "end",
    metavar="D",
    callback=date_option,
    help="Up to this day, included.",
    help_vi="Đến hết ngày này.",
)
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
