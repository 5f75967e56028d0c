"""`giapranh award …`: the documents of award decisions."""

from pathlib import Path

import click

from models.db import read_session
from tui.cli.bilingual import argument, option
from tui.cli.context import Invocation, group, say_written


@group(
    "award",
    help_vi="""Văn bản khen thưởng.

    \b
    Ví dụ:
      giapranh award document KT-2017-001 -o qd-215.docx
    """,
)
def award_group() -> None:
    """Documents of award decisions.

    \b
    Example:
      giapranh award document KT-2017-001 -o qd-215.docx
    """


@award_group.command(
    "document",
    help_vi="""Ghi quyết định khen thưởng MÃ (KT-2017-001) thành văn bản: "Quyết định về việc tặng
    Giấy khen", các điều, người ký và danh sách kèm theo (tập thể; cá nhân với cấp bậc, chức vụ,
    đơn vị).

    Những gì bản ghi không có (căn cứ pháp lý đang có hiệu lực vào ngày quyết định, đề nghị
    của ai, thành tích chung, ai thi hành) được soạn sẵn để đơn vị sửa trong tệp. Với
    --operator, chỉ những người nhận mà cán bộ đó được xem.

    \b
    Ví dụ:
      giapranh award document KT-2017-001 -o qd-215.docx
      giapranh award document KT-2017-002 --format pdf -o qd-1024.pdf
    """,
)
@argument("code")
@option(
    "--format",
    "output_format",
    type=click.Choice(["docx", "pdf"]),
    default="docx",
    show_default=True,
    help="Output format; pdf through LibreOffice.",
    help_vi="Định dạng xuất; pdf qua LibreOffice.",
)
@option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    required=True,
    help="The file to write.",
    help_vi="Tệp cần ghi.",
)
@click.pass_obj
def award_document_command(
    invocation: Invocation, code: str, output_format: str, output: Path
) -> None:
    """Write award decision CODE (KT-2017-001) as its document: "Quyết định về việc tặng Giấy
    khen", its articles, the signer and the attached list (collectives; individuals with rank,
    post and unit).

    What the record does not hold (the legal bases in force on the day, who proposed it, the
    shared achievement, who carries it out) is drafted for the unit to correct in the file.
    With --operator, only the recipients that operator may read.

    \b
    Example:
      giapranh award document KT-2017-001 -o qd-215.docx
      giapranh award document KT-2017-002 --format pdf -o qd-1024.pdf
    """
    from models.award_document import award_document
    from models.documents.award import write_award_decision
    from models.documents.pdf import write_pdf

    engine, actor = invocation.engine, invocation.actor
    with read_session(engine) as session:
        decision = award_document(session, code, actor)
    if output_format == "docx":
        write_award_decision(decision, output)
    else:
        write_pdf(lambda docx: write_award_decision(decision, docx), output)
    say_written(output)
