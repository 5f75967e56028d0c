"""`giapranh review …`: review reports (báo cáo sơ kết) as records — made, edited, approved
(their figures frozen), reopened, shown beside what the records say now, and written as the
Decree 30 report."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from models.db import read_session, write_session
from models.errors import Refused
from models.i18n import register, t
from tui.cli.bilingual import argument, option
from tui.cli.context import Invocation, date_option, group, say_written

if TYPE_CHECKING:
    from sqlmodel import Session

    from models.reviews import ReviewRecord

register(
    {
        "review.bad_set": (
            "--set {value}: cần TRƯỜNG=GIÁ_TRỊ, với TRƯỜNG là một trong: {fields}",
            "--set {value}: FIELD=VALUE is needed, FIELD one of: {fields}",
        ),
        "review.unreadable": (
            "--set {field}=@{path}: không đọc được tệp ({reason})",
            "--set {field}=@{path}: the file cannot be read ({reason})",
        ),
        "review.saved": ("Đã lưu báo cáo sơ kết {code}.", "Saved review {code}."),
        "review.approved": (
            "Đã duyệt {code}: số liệu được giữ nguyên từ nay (mã băm {hash}).",
            "Approved {code}: its figures are frozen from now on (hash {hash}).",
        ),
        "review.reopened": (
            "Đã mở lại {code}: là dự thảo, số liệu theo hồ sơ hiện có.",
            "Reopened {code}: a draft again, its figures those of the records now.",
        ),
        "review.unchanged_status": (
            "{code} đã ở trạng thái {status}.",
            "{code} is already {status}.",
        ),
        "review.deleted": ("Đã xóa báo cáo sơ kết {code}.", "Deleted review {code}."),
        "review.none": ("Chưa có báo cáo sơ kết nào.", "No review reports yet."),
    }
)
_SET_HELP = (
    "FIELD=VALUE, repeatable: report_no, symbol, place, signed_on, subject, addressed_to, "
    "recipients, signers, situation, strengths, shortcomings, causes, lessons, direction, "
    "proposals; VALUE @FILE reads a UTF-8 text file (several lines)."
)
_SET_HELP_VI = (
    "TRƯỜNG=GIÁ_TRỊ, dùng nhiều lần: report_no, symbol, place, signed_on, subject, "
    "addressed_to, recipients, signers, situation, strengths, shortcomings, causes, lessons, "
    "direction, proposals; GIÁ_TRỊ @TỆP đọc một tệp văn bản UTF-8 (nhiều dòng)."
)


@group(
    "review",
    help_vi="""Báo cáo sơ kết: lập, sửa, duyệt (giữ nguyên số liệu), mở lại, xem, ghi văn bản.

    \b
    Ví dụ:
      giapranh review new --host CA-SC --partner CA-QN --from 2017-01-01 --to 2017-12-31
      giapranh review edit SK-2017-01 --set situation=@tinh-hinh.txt --set report_no=1
      giapranh review approve SK-2017-01
      giapranh review export SK-2017-01 -o so-ket-2017.docx
    """,
)
def review_group() -> None:
    """Review reports: make, edit, approve (figures frozen), reopen, show, write the document.

    \b
    Example:
      giapranh review new --host CA-SC --partner CA-QN --from 2017-01-01 --to 2017-12-31
      giapranh review edit SK-2017-01 --set situation=@tinh-hinh.txt --set report_no=1
      giapranh review approve SK-2017-01
      giapranh review export SK-2017-01 -o so-ket-2017.docx
    """


def _settings(values: tuple[str, ...]) -> dict[str, Any]:
    from models.reviews import HEAD_FIELDS, SECTIONS

    fields = (*HEAD_FIELDS, *SECTIONS)
    settings: dict[str, Any] = {}
    for value in values:
        name, equals, text = value.partition("=")
        if not equals or name.strip() not in fields:
            raise Refused("review.bad_set", value=value, fields=", ".join(fields))
        name = name.strip()
        if text.startswith("@"):
            try:
                text = Path(text[1:]).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                reason = getattr(error, "strerror", None) or str(error)
                raise Refused(
                    "review.unreadable", field=name, path=text[1:], reason=reason
                ) from None
        settings[name] = text
    return settings


def statistical_year(day: date) -> tuple[date, date]:
    """The police statistical year that ends in `day`'s year: 15/12 of the year before to 14/12."""
    return date(day.year - 1, 12, 15), date(day.year, 12, 14)


_SET = option(
    "--set",
    "settings",
    multiple=True,
    metavar="FIELD=VALUE",
    help=_SET_HELP,
    help_vi=_SET_HELP_VI,
)


@review_group.command(
    "new",
    help_vi="""Lập một báo cáo sơ kết (dự thảo) của đơn vị chủ trì --host, với các đơn vị phối
    hợp --partner. Kỳ mặc định là năm thống kê của ngành: từ 15/12 năm trước đến 14/12 năm nay.

    \b
    Ví dụ:
      giapranh review new --host CA-SC --partner CA-QN --from 2017-01-01 --to 2017-12-31
    """,
)
@option("--host", required=True, metavar="UNIT", help="The host unit's code.",
        help_vi="Mã đơn vị chủ trì.")  # fmt: skip
@option("--partner", "partners", multiple=True, metavar="UNIT",
        help="A partner unit's code (repeatable).",
        help_vi="Mã một đơn vị phối hợp (dùng nhiều lần).")  # fmt: skip
@option("--from", "start", metavar="D", callback=date_option,
        help="First day. Default: 15 December last year.",
        help_vi="Ngày đầu. Mặc định: 15 tháng 12 năm trước.")  # fmt: skip
@option("--to", "end", metavar="D", callback=date_option,
        help="Last day, included. Default: 14 December this year.",
        help_vi="Ngày cuối, tính cả ngày đó. Mặc định: 14 tháng 12 năm nay.")  # fmt: skip
@option("--code", metavar="CODE", help="The review's code. Default: the next SK-<year it ends>-NN.",
        help_vi="Mã báo cáo. Mặc định: mã SK-<năm kết thúc kỳ>-NN tiếp theo.")  # fmt: skip
@_SET
@click.pass_obj
def review_new(
    invocation: Invocation,
    host: str,
    partners: tuple[str, ...],
    start: date | None,
    end: date | None,
    code: str | None,
    settings: tuple[str, ...],
) -> None:
    """Make a review report (a draft) of the host unit --host with the partner units --partner.
    The period defaults to the police statistical year: 15/12 of last year to 14/12 this year.

    \b
    Example:
      giapranh review new --host CA-SC --partner CA-QN --from 2017-01-01 --to 2017-12-31
    """
    from models import records
    from models.reviews import REVIEWS

    default_start, default_end = statistical_year(date.today())
    data = {
        "starts_on": start or default_start,
        "ends_on": end or default_end,
        "host_unit": host,
        "partner_units": list(partners),
        **_settings(settings),
    }
    engine, actor = invocation.engine, invocation.actor
    with write_session(engine) as session:
        data["code"] = code or REVIEWS.new_code(session, data["ends_on"])  # a review of 2017
        review = records.create(session, actor=actor, kind=REVIEWS, data=data)
        saved = review.code
    click.echo(t("review.saved", code=saved))


@review_group.command(
    "edit",
    help_vi="""Sửa báo cáo sơ kết MÃ (dự thảo): các trường --set, kỳ, đơn vị.

    \b
    Ví dụ:
      giapranh review edit SK-2017-01 --set situation=@tinh-hinh.txt
      giapranh review edit SK-2017-01 --set "signers=Trưởng Công an | Thượng tá | Nguyễn Văn A"
    """,
)
@argument("code")
@option("--host", metavar="UNIT", help="A new host unit.", help_vi="Đơn vị chủ trì mới.")
@option("--partner", "partners", multiple=True, metavar="UNIT",
        help="The partner units, all of them (repeatable).",
        help_vi="Các đơn vị phối hợp, đủ cả (dùng nhiều lần).")  # fmt: skip
@option("--from", "start", metavar="D", callback=date_option, help="First day.",
        help_vi="Ngày đầu.")  # fmt: skip
@option("--to", "end", metavar="D", callback=date_option, help="Last day.",
        help_vi="Ngày cuối.")  # fmt: skip
@_SET
@click.pass_obj
def review_edit(
    invocation: Invocation,
    code: str,
    host: str | None,
    partners: tuple[str, ...],
    start: date | None,
    end: date | None,
    settings: tuple[str, ...],
) -> None:
    """Edit review CODE (a draft): the --set fields, the period, the units.

    \b
    Example:
      giapranh review edit SK-2017-01 --set situation=@tinh-hinh.txt
      giapranh review edit SK-2017-01 --set "signers=Trưởng Công an | Thượng tá | Nguyễn Văn A"
    """
    from models import records
    from models.reviews import REVIEWS

    changes: dict[str, Any] = _settings(settings)
    for name, value in (("host_unit", host), ("starts_on", start), ("ends_on", end)):
        if value is not None:
            changes[name] = value
    if partners:
        changes["partner_units"] = list(partners)
    engine, actor = invocation.engine, invocation.actor
    with write_session(engine) as session:
        review = records.get(session, REVIEWS, code, actor=actor)
        records.update(
            session,
            actor=actor,
            kind=REVIEWS,
            key=review.id,
            expected_version=review.version,
            changes=changes,
        )
    click.echo(t("review.saved", code=code))


def _approval(invocation: Invocation, code: str, approved: bool) -> None:
    from models import records
    from models.review_figures import set_approval
    from models.reviews import REVIEWS

    engine, actor = invocation.engine, invocation.actor
    with write_session(engine) as session:
        review = records.get(session, REVIEWS, code, actor=actor)
        version = review.version
        review = set_approval(
            session, actor=actor, key=review.id, expected_version=version, approved=approved
        )
        changed, status, digest = review.version != version, review.status, review.figures_hash
    if not changed:
        click.echo(t("review.unchanged_status", code=code, status=t(f"review_status.{status}")))
    elif approved:
        click.echo(t("review.approved", code=code, hash=digest))
    else:
        click.echo(t("review.reopened", code=code))


@review_group.command(
    "approve",
    help_vi="""Duyệt báo cáo sơ kết MÃ: số liệu của kỳ, cùng kỳ năm trước, của từng đơn vị và các
    hồ sơ của từng số liệu được lưu cùng báo cáo, mã băm của chúng vào nhật ký thay đổi. Từ đó
    văn bản luôn như nhau; hồ sơ đổi sau đó thì `review show` nói số liệu nào đã đổi.
    """,
)
@argument("code")
@click.pass_obj
def review_approve(invocation: Invocation, code: str) -> None:
    """Approve review CODE: the figures of the period, of the same period a year earlier, of each
    unit and the records behind each are stored with it, their hash in the change log. Its
    document is the same from then on; `review show` says which figures records changed since.
    """
    _approval(invocation, code, approved=True)


@review_group.command(
    "reopen",
    help_vi="""Mở lại báo cáo sơ kết MÃ đã duyệt: lại là dự thảo, sửa được, số liệu theo hồ sơ.""",
)
@argument("code")
@click.pass_obj
def review_reopen(invocation: Invocation, code: str) -> None:
    """Reopen approved review CODE: a draft again, editable, its figures the records' own."""
    _approval(invocation, code, approved=False)


@review_group.command(
    "list",
    help_vi="""Liệt kê các báo cáo sơ kết được xem: mã, kỳ, đơn vị, trạng thái.""",
)
@option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
        show_default=True, help="Output format.", help_vi="Định dạng xuất.")  # fmt: skip
@click.pass_obj
def review_list(invocation: Invocation, output_format: str) -> None:
    """List the review reports one may read: code, period, units, status."""
    from models import access
    from models.review_figures import visible_reviews
    from models.reviews import REVIEWS
    from models.text import format_date

    engine, actor = invocation.engine, invocation.actor
    with read_session(engine) as session:
        rows = [
            access.snapshot(actor, REVIEWS, review, session=session)
            for review in visible_reviews(session, actor)
        ]
    if output_format == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    if not rows:
        click.echo(t("review.none"))
    for row in rows:
        units = ", ".join([row["host_unit"], *row["partner_units"]])
        period = f"{format_date(row['starts_on'])}–{format_date(row['ends_on'])}"
        status = t(f"review_status.{row['status']}")
        click.echo(f"{row['code']}  {period}  {units}  {status}  {row['subject'] or ''}".rstrip())


@review_group.command(
    "show",
    help_vi="""In báo cáo sơ kết MÃ: các trường, số liệu (đã duyệt thì số liệu lúc duyệt) và các
    số liệu hồ sơ đã làm thay đổi kể từ khi duyệt.""",
)
@argument("code")
@option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
        show_default=True, help="Output format.", help_vi="Định dạng xuất.")  # fmt: skip
@click.pass_obj
def review_show(invocation: Invocation, code: str, output_format: str) -> None:
    """Print review CODE: its fields, its figures (as approved, once approved) and the figures
    the records changed since approval."""
    with read_session(invocation.engine) as session:
        said = _shown(session, invocation, code, output_format)
    click.echo(said)


def _shown(session: Session, invocation: Invocation, code: str, output_format: str) -> str:
    from models import access, records
    from models.review_detail import review_fields
    from models.review_figures import figures_of, intact, moved_since_approval
    from models.reviews import REVIEWS

    review: ReviewRecord = records.get(session, REVIEWS, code, actor=invocation.actor)
    if output_format == "json":
        compared, _ = figures_of(session, review)
        return json.dumps(
            {
                **access.snapshot(invocation.actor, REVIEWS, review, session=session),
                "figures": compared.as_json(),
                "intact": intact(review),
                "moved": [vars(change) for change in moved_since_approval(session, review)],
            },
            ensure_ascii=False,
            indent=2,
            default=str,
        )
    from models.detail import Shown
    from tui.format import shown_value

    lines = [f"{review.code} — {review.subject or ''}".rstrip(" —")]
    for field in review_fields(session, review):
        shown = shown_value(Shown(*field), date.today())
        if shown:
            label = t(field[0])
            lines.append(f"{label}: " + shown.replace("\n", "\n  "))
    return "\n".join(lines)


@review_group.command(
    "export",
    help_vi="""Ghi báo cáo sơ kết MÃ thành văn bản theo thể thức Nghị định 30/2020/NĐ-CP: số, địa
    danh và ngày, kính gửi, các phần đơn vị viết, số liệu và bảng so sánh, chữ ký từng đơn vị,
    nơi nhận, phụ lục hồ sơ. Báo cáo đã duyệt thì dùng số liệu lúc duyệt.

    \b
    Ví dụ:
      giapranh review export SK-2017-01 -o so-ket-2017.docx
      giapranh review export SK-2017-01 --format pdf -o so-ket-2017.pdf
    """,
)
@argument("code")
@option("--format", "output_format", type=click.Choice(["docx", "pdf"]), default="docx",
        show_default=True, help="Output format; pdf through LibreOffice.",
        help_vi="Định dạng xuất; pdf qua LibreOffice.")  # fmt: skip
@option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
        required=True, help="The file to write.", help_vi="Tệp cần ghi.")  # fmt: skip
@click.pass_obj
def review_export(invocation: Invocation, code: str, output_format: str, output: Path) -> None:
    """Write review CODE as the Decree 30/2020 report: number, place and date, addressees, the
    sections the units wrote, the figures and their comparison table, each unit's signature,
    recipients, the appendix of records. An approved review uses its figures as approved.

    \b
    Example:
      giapranh review export SK-2017-01 -o so-ket-2017.docx
      giapranh review export SK-2017-01 --format pdf -o so-ket-2017.pdf
    """
    from models import records
    from models.documents.pdf import write_pdf
    from models.documents.report import write_report
    from models.report_document import record_report
    from models.reviews import REVIEWS

    with read_session(invocation.engine) as session:
        review = records.get(session, REVIEWS, code, actor=invocation.actor)
        report = record_report(session, review)
    if output_format == "docx":
        write_report(report, output)
    else:
        write_pdf(lambda docx: write_report(report, docx), output)
    say_written(output)


@review_group.command(
    "delete",
    help_vi="""Xóa báo cáo sơ kết MÃ (dự thảo; báo cáo đã duyệt phải mở lại trước).""",
)
@argument("code")
@click.pass_obj
def review_delete(invocation: Invocation, code: str) -> None:
    """Delete review CODE (a draft; an approved one is reopened first)."""
    from models import records
    from models.reviews import REVIEWS

    engine, actor = invocation.engine, invocation.actor
    with write_session(engine) as session:
        review = records.get(session, REVIEWS, code, actor=actor)
        records.delete(
            session, actor=actor, kind=REVIEWS, key=review.id, expected_version=review.version
        )
    click.echo(t("review.deleted", code=code))
