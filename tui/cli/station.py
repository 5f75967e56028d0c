"""The station server from the command line: `serve`, `access-log`, and the OpenSSH recipe's
`operator authorized-keys` (joined to the `operator` group in tui/cli/__init__.py)."""

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from sqlmodel import select

from models import Operator, access
from models.db import read_session
from models.errors import Refused
from models.i18n import MESSAGES, t
from tui.cli.bilingual import option
from tui.cli.context import Invocation, command

F = TypeVar("F", bound=Callable[..., Any])


def _level_in_words(record: "logging.LogRecord") -> bool:
    """The server's log lines say their level in the operator's language (THÔNG TIN, CẢNH BÁO)."""
    key = f"level.{record.levelname.lower()}"
    record.level = t(key) if key in MESSAGES else record.levelname
    return True


def _operator_colors(
    _ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> dict[str, str]:
    from tui.station.server import parse_operator_colors

    try:
        return parse_operator_colors(values)
    except ValueError as error:
        raise Refused("ssh.bad_colors", value=error.args[0]) from None


def colors_options(function: F) -> F:
    """--colors and --operator-colors, shared by `serve` and `operator authorized-keys`."""
    function = option(
        "--operator-colors",
        "operator_colors",
        multiple=True,
        metavar="NAME=DEPTH",
        callback=_operator_colors,
        help="Colour depth for one operator (16, 256 or truecolor); repeat for several.",
        help_vi="Số màu cho một cán bộ (16, 256 hoặc truecolor); lặp lại cho nhiều người.",
    )(function)
    return option(
        "--colors",
        type=click.Choice(["16", "256", "truecolor"]),
        default="256",
        show_default=True,
        help="Colour depth of the app for every operator not named in --operator-colors.",
        help_vi="Số màu của ứng dụng cho mọi cán bộ không có trong --operator-colors.",
    )(function)


@command(
    "serve",
    operator=False,
    help_vi="""Chạy máy chủ trạm: cán bộ kết nối bằng `ssh TÊN_ĐĂNG_NHẬP@MÁY -p CỔNG`.

    Mỗi người đăng nhập bằng tên đăng nhập và một trong các khóa công khai của mình (xem
    `operator add`, `operator key add`); ngoài ra không ai vào được. Mỗi phiên chạy ứng dụng
    toàn màn hình với quyền của cán bộ đó. Đăng nhập, đăng xuất và lần bị từ chối được ghi vào
    nhật ký truy cập (`access-log`) và ra luồng lỗi chuẩn. Dừng bằng Ctrl+C hoặc SIGTERM: các
    phiên đang mở bị ngắt.

    \b
    Ví dụ:
      giapranh serve --db /srv/giapranh/giapranh.sqlite --port 2222
      giapranh serve --colors 16 --operator-colors sc.hung=truecolor
    """,
)
@option(
    "--host",
    default="0.0.0.0",
    show_default=True,
    metavar="HOST",
    help="Address to listen on.",
    help_vi="Địa chỉ lắng nghe.",
)
@option(
    "--port",
    default=2222,
    show_default=True,
    metavar="PORT",
    type=click.IntRange(0, 65535),
    help="Port to listen on.",
    help_vi="Cổng lắng nghe.",
)
@option(
    "--host-key",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="PATH",
    help="The server's private host key, created if missing. "
    "Default: ssh_host_ed25519_key in the user's data folder.",
    help_vi="Khóa bí mật của máy chủ, tạo mới nếu chưa có. "
    "Mặc định: ssh_host_ed25519_key trong thư mục dữ liệu của người dùng.",
)
@colors_options
@option(
    "--max-sessions",
    default=20,
    show_default=True,
    metavar="N",
    type=click.IntRange(1),
    help="Sessions open at once; one more is refused.",
    help_vi="Số phiên mở cùng lúc; phiên thêm bị từ chối.",
)
@option(
    "--login-timeout",
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    type=click.FloatRange(0.1),
    help="Seconds a client has to log in.",
    help_vi="Số giây một máy khách có để đăng nhập.",
)
@option(
    "--keepalive",
    default=10.0,
    show_default=True,
    metavar="SECONDS",
    type=click.FloatRange(0.1),
    help="Seconds between keepalives; 3 unanswered end the session.",
    help_vi="Số giây giữa hai lần kiểm tra kết nối; 3 lần không trả lời thì kết thúc phiên.",
)
@option(
    "--failure-delay",
    default=1.0,
    show_default=True,
    metavar="SECONDS",
    type=click.FloatRange(0),
    help="Seconds an address waits after a failed login; doubles with each (up to 20).",
    help_vi="Số giây một địa chỉ phải chờ sau lần đăng nhập sai; gấp đôi sau mỗi lần (tối đa 20).",
)
@click.pass_obj
def serve_command(
    invocation: Invocation,
    host: str,
    port: int,
    host_key: Path | None,
    colors: str,
    operator_colors: dict[str, str],
    max_sessions: int,
    login_timeout: float,
    keepalive: float,
    failure_delay: float,
) -> None:
    """Run the station server: operators connect with `ssh USERNAME@HOST -p PORT`.

    Each logs in with their username and one of their public keys (see `operator add`,
    `operator key add`); nothing else gets in. Each session runs the full-screen app as that
    operator. Logins, logouts and refused attempts go to the access log (`access-log`) and to
    standard error. Stop it with Ctrl+C or SIGTERM: open sessions are hung up.

    \b
    Example:
      giapranh serve --db /srv/giapranh/giapranh.sqlite --port 2222
      giapranh serve --colors 16 --operator-colors sc.hung=truecolor
    """
    import asyncio

    from models.db import data_folder
    from tui.station import server

    invocation.require_local_admin()
    url, engine = invocation.url, invocation.engine
    key_path = host_key or data_folder() / "ssh_host_ed25519_key"
    try:
        fingerprint = server.load_host_key(key_path).get_fingerprint("sha256")
    except (OSError, ValueError) as error:  # asyncssh.KeyImportError is a ValueError
        raise Refused("ssh.bad_host_key", path=key_path, reason=error) from None
    settings = server.Settings(
        database=url,
        host=host,
        port=port,
        host_key=key_path,
        colors=colors,
        operator_colors=operator_colors,
        max_sessions=max_sessions,
        login_timeout=login_timeout,
        keepalive_interval=keepalive,
        failure_delay=failure_delay,
    )
    logging.basicConfig(
        stream=sys.stderr, level=logging.INFO, format="%(asctime)s %(level)s %(message)s"
    )
    for handler in logging.getLogger().handlers:
        handler.addFilter(_level_in_words)
    logging.getLogger("asyncssh").setLevel(logging.WARNING)

    def ready(listening: int) -> None:
        click.echo(t("ssh.listening", host=host, port=listening))
        click.echo(t("ssh.host_key", fingerprint=fingerprint, path=key_path))
        sys.stdout.flush()

    try:
        asyncio.run(server.serve(settings, engine, ready))
    except OSError as error:
        raise Refused("ssh.cannot_listen", host=host, port=port, reason=error.strerror) from None


@command(
    "access-log",
    help_vi="""Hiện các lần đăng nhập, đăng xuất và bị từ chối mới nhất của máy chủ trạm (quản trị
    viên).

    Mỗi dòng một lần: lúc nào (UTC), việc gì, ai, từ đâu, vì sao hoặc bao lâu.

    \b
    Ví dụ:
      giapranh access-log --limit 20
    """,
)
@option(
    "--limit",
    default=50,
    show_default=True,
    metavar="N",
    type=click.IntRange(1),
    help="How many entries, newest first.",
    help_vi="Bao nhiêu dòng, mới nhất trước.",
)
@click.pass_obj
def access_log_command(invocation: Invocation, limit: int) -> None:
    """Show the station server's newest logins, logouts and refused attempts (administrators).

    One line each: when (UTC), what, who, from where, why or how long.

    \b
    Example:
      giapranh access-log --limit 20
    """
    from models import accesslog

    engine, actor = invocation.engine, invocation.actor
    with read_session(engine) as session:
        entries = accesslog.recent(session, actor=actor, limit=limit)
    if not entries:
        click.echo(t("access.none"))
    for entry in entries:
        why = [t(f"access.{entry.reason}")] if entry.reason else []
        if entry.seconds is not None:
            why.append(t("access.seconds", seconds=entry.seconds))
        click.echo(
            f"{entry.at:%Y-%m-%d %H:%M:%S}  {t(f'access.{entry.event}'):<12} "
            f"{entry.username or '-':<16} {entry.address:<15} {', '.join(why)}".rstrip()
        )


@command(
    "authorized-keys",
    help_vi="""In các dòng authorized_keys cho OpenSSH: mọi khóa của mọi cán bộ đang hoạt động, mỗi
    khóa chỉ được mở một cửa sổ chạy giapranh với tư cách cán bộ đó.

    Ghi chúng vào ~/.ssh/authorized_keys của tài khoản đã khóa chặt (xem README, "Station
    server"); chạy lại sau khi thêm, bỏ hoặc khóa cán bộ và khóa.

    \b
    Ví dụ:
      giapranh operator authorized-keys --db /srv/giapranh/giapranh.sqlite \\
          > /home/giapranh/.ssh/authorized_keys
    """,
)
@option(
    "--launcher",
    metavar="PATH",
    help="The giapranh-ssh the keys run. Default: the one installed beside this giapranh.",
    help_vi="Chương trình giapranh-ssh mà các khóa chạy. Mặc định: bản cài cùng chỗ với "
    "giapranh này.",
)
@colors_options
@click.pass_obj
def authorized_keys_command(
    invocation: Invocation, launcher: str | None, colors: str, operator_colors: dict[str, str]
) -> None:
    """Print authorized_keys lines for OpenSSH: every key of every enabled operator, each
    restricted to a terminal running giapranh as its operator.

    Write them to the locked-down account's ~/.ssh/authorized_keys (see the README, "Station
    server"); run it again after adding, removing or disabling operators and keys.

    \b
    Example:
      giapranh operator authorized-keys --db /srv/giapranh/giapranh.sqlite \\
          > /home/giapranh/.ssh/authorized_keys
    """
    import shlex

    from sqlalchemy.orm import selectinload

    from models import OperatorKey

    url, engine, actor = invocation.url, invocation.engine, invocation.actor
    access.require(actor, "read", "operators")  # the lines name operators and their keys
    # The console script sits beside the interpreter of this installation (a venv's bin/).
    program = launcher or str(Path(sys.executable).parent / "giapranh-ssh")
    with read_session(engine) as session:
        operators = session.exec(
            select(Operator)
            .where(access.visible(actor, "operators"))
            .where(Operator.disabled == False)  # noqa: E712 - SQL, not Python
            .options(selectinload(Operator.keys))  # type: ignore[arg-type]
            .order_by(Operator.code)
        ).all()
        for operator in operators:
            depth = operator_colors.get(operator.code, colors)
            forced = shlex.join(
                [program, "--db", url, "--operator", operator.code, "--colors", depth]
            )
            quoted = forced.replace("\\", "\\\\").replace('"', '\\"')
            key: OperatorKey
            for key in operator.keys:
                click.echo(f'restrict,pty,command="{quoted}" {key.public_key}')
