"""Records in and out: `import` and `export` as CSV or JSON, the `demo`."""

import sys
from pathlib import Path

import click
from sqlalchemy import func
from sqlmodel import select

from models import Unit, csvio, demo
from models.db import (
    display_url,
    erase,
    gather_statistics,
    read_session,
    upgrade,
    write_session,
)
from models.errors import InvalidInput, Problem, Refused
from models.i18n import t
from tui.cli.bilingual import argument, option
from tui.cli.context import Failure, Invocation, command

CSV_KINDS = list(csvio.COLUMNS)
kind_argument = argument(
    "kind",
    type=click.Choice(CSV_KINDS),
    metavar="KIND",
    help=f"One of: {', '.join(CSV_KINDS)}.",
    help_vi=f"Một trong: {', '.join(CSV_KINDS)}.",
)


@command(
    "demo",
    operator=False,
    help_vi="""Dựng tình huống của bài báo gốc: Công an thị xã Sông Cầu và Công an thành phố Quy
    Nhơn, năm 2017.

    Sơ kết năm 2017 cho đúng các số liệu của bài báo (làm rõ 31/35 vụ, 24 vụ phối hợp trực
    tiếp, 6 đợt cao điểm, …); một số bản ghi năm 2016 và 2018 để thấy việc lọc theo kỳ. Lệnh này
    lần nào cũng dựng ra cùng một cơ sở dữ liệu.

    \b
    Ví dụ:
      giapranh demo --db demo.sqlite --force
    """,
)
@option(
    "--force",
    is_flag=True,
    help="Erase the database first if it already holds data.",
    help_vi="Xóa cơ sở dữ liệu trước nếu đã có dữ liệu.",
)
@click.pass_obj
def demo_command(invocation: Invocation, force: bool) -> None:
    """Build the seed's scenario: Sông Cầu and Quy Nhơn police, 2017.

    The review of 2017 gives the seed's figures (31 of 35 cases cleared, 24 jointly, 6
    campaigns, …); some 2016 and 2018 records show period filtering. The same command always
    builds the same database.

    \b
    Example:
      giapranh demo --db demo.sqlite --force
    """
    invocation.require_local_admin()
    url, engine = invocation.url, invocation.engine
    with read_session(engine) as session:
        has_data = (session.scalar(select(func.count()).select_from(Unit)) or 0) > 0
    if has_data:
        if not force:
            raise Refused("error.demo_exists", url=display_url(url))
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


@command(
    "import",
    help_vi="""Nhập bản ghi LOẠI từ một sổ: tệp .xlsx, .xls, .ods hoặc .csv (TỆP).

    Định dạng được nhận ra theo nội dung cũng như theo tên. Dòng tiêu đề được tìm thấy cả khi
    nằm dưới các dòng tên bảng và trong ô gộp; tiêu đề là tên chuẩn trong DOMAIN.md hoặc tên
    tiếng Việt, có dấu hay không dấu ("Ngày tiếp nhận", "Ngay tiep nhan"). Chữ TCVN3 (ABC), VNI
    hoặc Windows-1258 được đổi sang Unicode, từng ô một. Ngày là ngày Excel, số sê-ri,
    dd/mm/yyyy, d/m/yyyy hoặc yyyy-mm-dd; ô danh sách ngăn các giá trị bằng ';'.

    Được cả hoặc không gì: nếu có dòng sai, mọi dòng sai được liệt kê dạng
    `row N, column C: giá trị — lý do` (theo số dòng của chính trang tính) và không ghi gì cả.
    Tiêu đề không ứng với trường nào cũng bị từ chối: hãy ánh xạ nó, hoặc bỏ nó ra (null), trong
    một tệp ánh xạ. Nhập theo thứ tự này để các tham chiếu tìm được nhau: units, localities,
    campaigns, tips, cases, suspects, awards. Với --operator, dòng mà cán bộ đó không được ghi là
    dòng sai. --dry-run hiện ánh xạ, bảng mã tìm được ở từng cột, các dòng đầu như sẽ được lưu
    và mọi lỗi.

    \b
    Ví dụ:
      giapranh import tips so-nguon-tin-2020.xlsx --sheet 2020 --dry-run --save-mapping m.json
      giapranh import tips so-nguon-tin-2020.xlsx --sheet 2020 --mapping m.json
      giapranh --operator sc.hung import cases cases-2017.csv
    """,
)
@kind_argument
@argument(
    "file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The register: .xlsx, .xls, .ods or .csv.",
    help_vi="Tệp sổ: .xlsx, .xls, .ods hoặc .csv.",
)
@option(
    "--dry-run",
    is_flag=True,
    help="Check every row and show a preview, write nothing.",
    help_vi="Kiểm tra mọi dòng và cho xem trước, không ghi gì.",
)
@option(
    "--sheet",
    metavar="NAME",
    help="The sheet to read (default: the first visible).",
    help_vi="Trang tính cần đọc (mặc định: trang đầu tiên đang hiện).",
)
@option(
    "--mapping",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="A column mapping file (JSON: header → column, null to leave a column out).",
    help_vi="Tệp ánh xạ cột (JSON: tiêu đề → cột, null để bỏ một cột).",
)
@option(
    "--save-mapping",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write the mapping found to this file (edit it, then pass it with --mapping).",
    help_vi="Ghi ánh xạ tìm được ra tệp này (sửa nó, rồi đưa vào bằng --mapping).",
)
@click.pass_obj
def import_command(
    invocation: Invocation,
    kind: str,
    file: Path,
    dry_run: bool,
    sheet: str | None,
    mapping: Path | None,
    save_mapping: Path | None,
) -> None:
    """Import records of KIND from a register: an .xlsx, .xls, .ods or .csv FILE.

    The format is recognised by content as well as by name. The header row is found below
    title rows and in merged cells; headers are the canonical names of DOMAIN.md or Vietnamese
    ones, with or without tone marks ("Ngày tiếp nhận", "Ngay tiep nhan"). Text in TCVN3 (ABC),
    VNI or Windows-1258 is converted to Unicode, cell by cell. Dates are Excel dates, serial
    numbers, dd/mm/yyyy, d/m/yyyy or yyyy-mm-dd; list cells separate values with ';'.

    All or nothing: if any row is bad, every bad row is listed as
    `row N, column C: value — reason` (in the sheet's own row numbers) and nothing is written.
    A header that names no field is refused too: map it, or leave it out (null), in a mapping
    file. Import in this order so references resolve: units, localities, campaigns, tips,
    cases, suspects, awards. With --operator, a row that operator may not write is a bad row.
    --dry-run shows the mapping, the encoding found per column, the first rows as they will be
    stored and every problem.

    \b
    Example:
      giapranh import tips so-nguon-tin-2020.xlsx --sheet 2020 --dry-run --save-mapping m.json
      giapranh import tips so-nguon-tin-2020.xlsx --sheet 2020 --mapping m.json
      giapranh --operator sc.hung import cases cases-2017.csv
    """
    if not file.is_file():
        raise Refused("error.file_not_found", path=file)
    if mapping is not None and not mapping.is_file():
        raise Refused("error.file_not_found", path=mapping)
    # The spreadsheet readers (openpyxl, calamine) only for the commands that read or write one.
    from models.registers.importing import preview_lines, read_register

    engine, actor = invocation.engine, invocation.actor
    problems: list[Problem] = []
    count = 0
    with read_register(file, kind, sheet=sheet, mapping=mapping) as plan:
        if save_mapping is not None:
            plan.save_mapping(save_mapping)
        try:
            with write_session(engine) as session:
                count = plan.import_into(session, actor)
                if dry_run:
                    session.rollback()
        except InvalidInput as error:
            problems = error.problems
        if dry_run:
            click.echo("\n".join(preview_lines(plan, problems)))
    if problems:
        lines = [t("import.rejected", path=file, count=len(problems))]
        if not dry_run:
            lines += [str(problem) for problem in problems]
        raise Failure("\n".join(lines))
    if not dry_run:
        gather_statistics(engine, csvio.tables_of(kind))
    key = "import.dry_run_ok" if dry_run else "import.ok"
    click.echo(t(key, count=count, kind=t(f"kind.{kind}"), path=file))


@command(
    "export",
    help_vi="""Xuất mọi bản ghi LOẠI, theo đúng các cột mà lệnh import đọc.

    Với --operator, chỉ những gì cán bộ đó được xem: người báo tin của một nguồn tin chỉ hiện
    cho đơn vị đã tiếp nhận nó. Ô CSV mà bảng tính sẽ chạy như công thức (bắt đầu bằng = + - @)
    được ghi kèm dấu ' ở đầu; import bỏ dấu đó đi. --format xlsx (kèm -o) ghi một trang tính có
    ngày thật (hiện dd/mm/yyyy) mà import đọc lại ra đúng các bản ghi.

    \b
    Ví dụ:
      giapranh export cases --format csv -o cases.csv
      giapranh --operator qn.lan export tips --format json
      giapranh export tips --format xlsx -o so-nguon-tin.xlsx
    """,
)
@kind_argument
@option(
    "--format",
    "output_format",
    type=click.Choice(["csv", "json", "xlsx"]),
    default="csv",
    show_default=True,
    help="Output format; json adds what records derive (deadlines, clock steps).",
    help_vi="Định dạng xuất; json có thêm những gì suy ra từ bản ghi (thời hạn, bước gia hạn).",
)
@option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write to this file instead of standard output.",
    help_vi="Ghi ra tệp này thay vì ra màn hình.",
)
@click.pass_obj
def export_command(
    invocation: Invocation, kind: str, output_format: str, output: Path | None
) -> None:
    """Export every record of KIND, in the same columns import reads.

    With --operator, only what that operator may read: a tip's reporter only for the unit that
    received it. CSV cells that a spreadsheet would run as a formula (starting with = + - @)
    are written with a ' in front; import removes it. --format xlsx (with -o) writes a sheet
    with real dates (shown dd/mm/yyyy) that import reads back to the same records.

    \b
    Example:
      giapranh export cases --format csv -o cases.csv
      giapranh --operator qn.lan export tips --format json
      giapranh export tips --format xlsx -o so-nguon-tin.xlsx
    """
    engine, actor = invocation.engine, invocation.actor
    if output_format == "xlsx":
        from models.registers import write_xlsx

        if output is None:
            raise Refused("error.xlsx_needs_output")
        with read_session(engine) as session:
            rows = csvio.export_records(session, kind, actor)
            write_xlsx(rows, [name for name, _ in csvio.COLUMNS[kind]], output, sheet=kind)
        return
    with read_session(engine) as session:
        # JSON also carries what the records derive: deadlines and clock steps.
        rows = csvio.export_records(session, kind, actor, derived=output_format == "json")
        out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            if output_format == "csv":
                csvio.write_csv(rows, kind, out)
            else:
                csvio.write_json(rows, out)
        finally:
            if output:
                out.close()
