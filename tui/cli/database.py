"""The database file itself: schema migrations (`db upgrade`, `db current`) and `backup`."""

from pathlib import Path

import click

from models.db import backup, current_revision, display_url, head_revision, make_engine, upgrade
from models.i18n import t
from models.restore import restore
from tui.cli.bilingual import argument
from tui.cli.context import Invocation, command, group


@command(
    "backup",
    operator=False,
    help_vi="""Sao cơ sở dữ liệu SQLite đang chạy ra ĐƯỜNG_DẪN, nhất quán, trong khi cán bộ vẫn làm
    việc.

    \b
    Ví dụ:
      giapranh backup /var/backups/giapranh-$(date +%F).sqlite
    """,
)
@argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def backup_command(invocation: Invocation, path: Path) -> None:
    """Copy the live SQLite database to PATH, consistently, while operators keep working.

    \b
    Example:
      giapranh backup /var/backups/giapranh-$(date +%F).sqlite
    """
    invocation.require_local_admin()
    size = backup(invocation.engine, path)
    source = display_url(invocation.url)
    click.echo(t("backup.done", source=source, path=path, size=f"{size / 1024:.0f} KiB"))


@command(
    "restore",
    operator=False,
    help_vi="""Thay cơ sở dữ liệu SQLite bằng bản sao ở ĐƯỜNG_DẪN (do `giapranh backup` tạo).

    Bản sao được kiểm tra trước: kiểm tra toàn vẹn của SQLite, là cơ sở dữ liệu giapranh không
    mới hơn phiên bản này, chuỗi nhật ký thay đổi nguyên vẹn. Nếu một bước kiểm tra không đạt
    thì không thay gì cả. Cơ sở dữ liệu cũ được giữ bên cạnh (TÊN.before-restore-NGÀY.sqlite).

    \b
    Ví dụ:
      giapranh restore /var/backups/giapranh-2017-12-31.sqlite
    """,
)
@argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def restore_command(invocation: Invocation, path: Path) -> None:
    """Replace the SQLite database with the copy at PATH (made by `giapranh backup`).

    The copy is checked first: SQLite's integrity check, a giapranh database no newer than this
    version, its change log's chain intact. If any check fails nothing is replaced. The
    database as it was is kept beside it (NAME.before-restore-DATE.sqlite).

    \b
    Example:
      giapranh restore /var/backups/giapranh-2017-12-31.sqlite
    """
    invocation.require_local_admin()
    engine = make_engine(invocation.url)  # not upgraded first: the database may be damaged
    try:
        done = restore(engine, path)
    finally:
        engine.dispose()
    click.echo(
        t(
            "restore.done",
            url=display_url(invocation.url),
            path=path,
            entries=done.entries,
            head=done.head,
            kept=done.kept,
        )
    )


@group(
    "db",
    help_vi="""Nâng cấp cấu trúc (migration) của cơ sở dữ liệu.

    \b
    Ví dụ:
      giapranh db current
    """,
)
def db_group() -> None:
    """Schema migrations of the database.

    \b
    Example:
      giapranh db current
    """


# These two see the schema as it is: they do not open the database through Invocation.engine,
# which upgrades it first.


@db_group.command(
    "upgrade",
    operator=False,
    help_vi="""Nâng cấu trúc cơ sở dữ liệu lên phiên bản giapranh này (ứng dụng cũng tự làm khi
    khởi động).

    \b
    Ví dụ:
      giapranh db upgrade --db postgresql+psycopg://giapranh@localhost/giapranh
    """,
)
@click.pass_obj
def db_upgrade(invocation: Invocation) -> None:
    """Upgrade the database schema to this version of giapranh (the app does it on start too).

    \b
    Example:
      giapranh db upgrade --db postgresql+psycopg://giapranh@localhost/giapranh
    """
    revision = upgrade(make_engine(invocation.url))
    click.echo(t("db.upgraded", url=display_url(invocation.url), revision=revision))


@db_group.command(
    "current",
    operator=False,
    help_vi="""Cho biết phiên bản cấu trúc của cơ sở dữ liệu và phiên bản mới nhất mà bản này biết.

    \b
    Ví dụ:
      giapranh db current
    """,
)
@click.pass_obj
def db_current(invocation: Invocation) -> None:
    """Show the database's schema revision and the newest this version knows.

    \b
    Example:
      giapranh db current
    """
    engine = make_engine(invocation.url)
    revision = current_revision(engine) or t("db.empty")
    click.echo(t("db.current", revision=revision, head=head_revision()))
