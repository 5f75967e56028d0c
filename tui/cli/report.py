"""The review (`report`): its figures as text or JSON, and the documents the units file — the
Decree 30 report as DOCX or PDF, the workbook as XLSX."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from models.db import read_session
from models.errors import Refused
from tui.cli.bilingual import option
from tui.cli.context import Invocation, command, date_option, say_written

if TYPE_CHECKING:
    from sqlmodel import Session

    from models.base import Actor
    from models.report_units import ComparedReview

FORMATS = ["text", "json", "docx", "pdf", "xlsx"]
DOCUMENTS = ("docx", "pdf", "xlsx")


@command(
    "report",
    help_vi="""In sơ kết của một kỳ: nguồn tin, đợt cao điểm, vụ việc, bắt giữ, khen thưởng;
    hoặc ghi ra báo cáo (DOCX, PDF) và sổ số liệu (XLSX).

    Mọi số liệu đều tính trong kỳ [từ, đến] kể cả hai đầu; DOMAIN.md định nghĩa từng số liệu.
    Mỗi số liệu có so sánh với cùng kỳ năm trước và số của từng đơn vị. Với --operator, chỉ đếm
    và liệt kê các bản ghi mà đơn vị của cán bộ đó được xem.

    --format docx ghi báo cáo theo thể thức Nghị định 30/2020/NĐ-CP, để trống số văn bản và chữ
    ký, kèm phụ lục các hồ sơ của từng số liệu; pdf chuyển báo cáo đó qua LibreOffice; xlsx ghi
    một trang số liệu và mỗi số liệu một trang hồ sơ.

    \b
    Ví dụ:
      giapranh report --from 2017-01-01 --to 2017-12-31
      giapranh --operator py.an report --from 01/01/2017 --to 31/12/2017 --format json
      giapranh report --from 2017-01-01 --to 2017-12-31 --format docx -o so-ket-2017.docx
    """,
)
@option(
    "--from",
    "start",
    metavar="D",
    callback=date_option,
    help="First day (yyyy-mm-dd or dd/mm/yyyy). Default: 1 January this year.",
    help_vi="Ngày đầu (yyyy-mm-dd hoặc dd/mm/yyyy). Mặc định: 1 tháng 1 năm nay.",
)
@option(
    "--to",
    "end",
    metavar="D",
    callback=date_option,
    help="Last day, included. Default: today.",
    help_vi="Ngày cuối, tính cả ngày đó. Mặc định: hôm nay.",
)
@option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format: text or json on the screen; docx, pdf or xlsx to the file -o names.",
    help_vi="Định dạng xuất: text hoặc json ra màn hình; docx, pdf hoặc xlsx ra tệp -o.",
)
@option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write to this file instead of the screen (needed for docx, pdf and xlsx).",
    help_vi="Ghi ra tệp này thay vì ra màn hình (cần cho docx, pdf và xlsx).",
)
@click.pass_obj
def report_command(
    invocation: Invocation,
    start: date | None,
    end: date | None,
    output_format: str,
    output: Path | None,
) -> None:
    """Print the review (sơ kết) of a period: tips, campaigns, cases, arrests, awards; or write
    it as the report (DOCX, PDF) and its workbook (XLSX).

    Every count is over the closed period [from, to]; DOMAIN.md defines each figure. Each is
    compared with the same period a year earlier and split by unit. With --operator, only the
    records that operator's unit may read are counted and listed.

    --format docx writes the report in Decree 30/2020's layout, its number and signature left
    for filling in, with an appendix of the records behind each figure; pdf converts that
    report through LibreOffice; xlsx writes a sheet of the figures and a sheet per figure.

    \b
    Example:
      giapranh report --from 2017-01-01 --to 2017-12-31
      giapranh --operator py.an report --from 01/01/2017 --to 31/12/2017 --format json
      giapranh report --from 2017-01-01 --to 2017-12-31 --format docx -o so-ket-2017.docx
    """
    from models.report_units import compare

    today = date.today()
    start = start or date(today.year, 1, 1)
    end = end or today
    if start > end:
        raise Refused("error.period")
    if output_format in DOCUMENTS and output is None:
        raise Refused("error.document_needs_output", format=output_format)
    engine, actor = invocation.engine, invocation.actor
    with read_session(engine) as session:
        compared = compare(session, start, end, actor)
        if output_format in DOCUMENTS:
            assert output is not None
            _write(session, compared, actor, output_format, output)
            return
    if output_format == "json":
        import json

        said = json.dumps(compared.as_json(), ensure_ascii=False, indent=2)
    else:
        said = compared.as_text()
    if output is None:
        click.echo(said)
    else:
        output.write_text(f"{said}\n", encoding="utf-8")


def _write(
    session: Session, compared: ComparedReview, actor: Actor, output_format: str, output: Path
) -> None:
    """The report or the workbook of `compared`, to `output`; the PDF through LibreOffice."""
    from models.documents.pdf import write_pdf
    from models.documents.report import write_report
    from models.documents.workbook import write_review_workbook
    from models.report_document import review_report, review_workbook

    if output_format == "xlsx":
        write_review_workbook(review_workbook(session, compared, actor), output)
    elif output_format == "docx":
        write_report(review_report(session, compared, actor), output)
    else:
        write_pdf(lambda docx: write_report(review_report(session, compared, actor), docx), output)
    say_written(output)
