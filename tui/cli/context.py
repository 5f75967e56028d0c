"""What every `giapranh` command shares: the options --db, --lang and --operator, the database
and the acting operator (each found once, when first needed), and the one way a command fails.

Whoever runs these commands on the server can already open the database file, so they act as the
built-in local administrator unless `--operator NAME` narrows them to that operator's rights.
Bad input is a message on stderr in the operator's language and a non-zero exit, never a
traceback: a command raises a GiapranhError (models.errors) or a Failure, and the root group
turns the first into the second for every command at once.

This module and tui/cli/__init__.py import only click, so that `giapranh --version` and
`--help` start in a few tens of milliseconds: the records (SQLModel, SQLAlchemy, pydantic) are
imported by the command that needs them, when it runs.
"""

from __future__ import annotations

import contextlib
import functools
import io
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tui.cli.bilingual import BilingualCommand, Option
from tui.cli.click_words import gettext

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from models import Actor

# models.i18n.LANGUAGES, spelled out so that parsing the options imports no records
# (tests/test_cli.py checks that the two agree).
LANGUAGES = ("vi", "en")


class Failure(click.ClickException):
    """A message for the operator, already in their language: on stderr, exit status 1."""

    def show(self, file: Any = None) -> None:
        click.echo(self.message, err=True)


class Invocation:
    """One run of `giapranh`: the database and operator it names, each opened or found once.

    The shared options fill it in as they are parsed, before or after the command's name (after
    wins); commands receive it with `@click.pass_obj`.
    """

    def __init__(self) -> None:
        self.database: str | None = None  # --db as given: a path, a URL, or None for the default
        self.operator_name: str | None = None  # --operator; None is the local administrator

    @property
    def url(self) -> str:
        """The SQLAlchemy URL of the database (see models.db.resolve_url)."""
        from models.db import resolve_url

        return resolve_url(self.database)

    @functools.cached_property
    def engine(self) -> Engine:
        """The database, its schema upgraded to this version of giapranh."""
        from models.db import open_database

        return open_database(self.database)

    @functools.cached_property
    def actor(self) -> Actor:
        """The local administrator, or the operator named by --operator with their rights."""
        from models import Actor
        from models.db import read_session
        from models.operators import log_in

        if self.operator_name is None:
            return Actor.local_admin()
        with read_session(self.engine) as session:
            return log_in(session, self.operator_name)

    def require_local_admin(self) -> None:
        """Commands on the whole database file (demo, backup, serve) are not for a narrowed
        operator."""
        from models.errors import Refused

        if self.operator_name is not None:
            raise Refused("error.local_admin_only")


def _remember(attribute: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    def callback(ctx: click.Context, _param: click.Parameter, value: Any) -> Any:
        if value is not None and not str(value).strip():  # --db "": not the default database
            from models.errors import DatabaseError

            raise Failure(DatabaseError("error.db_empty").message())
        if value:
            setattr(ctx.ensure_object(Invocation), attribute, value)
        return value

    return callback


def _language(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value:
        from models.i18n import set_language

        set_language(value)
    return value


def shared_options(*, operator: bool = True) -> list[click.Parameter]:
    """--db and --lang, and --operator unless the command is for the local administrator only.
    New options each time: click keeps per-command state in them."""
    options: list[click.Parameter] = [
        Option(
            ["--db", "database"],
            metavar="URL-OR-PATH",
            expose_value=False,
            callback=_remember("database"),
            help="Database: a SQLite file path or a SQLAlchemy URL (postgresql+psycopg://…). "
            "Default: $GIAPRANH_DATABASE_URL, else giapranh.sqlite in the user's data folder.",
            help_vi="Cơ sở dữ liệu: đường dẫn tệp SQLite hoặc URL SQLAlchemy "
            "(postgresql+psycopg://…). Mặc định: $GIAPRANH_DATABASE_URL, nếu không có thì "
            "giapranh.sqlite trong thư mục dữ liệu của người dùng.",
        ),
        Option(
            ["--lang"],
            type=click.Choice(LANGUAGES),
            callback=_language,
            expose_value=False,
            is_eager=True,  # before the other options, whose messages it chooses
            help="Language of messages: vi (default, or $GIAPRANH_LANG) or en.",
            help_vi="Ngôn ngữ của thông báo: vi (mặc định, hoặc $GIAPRANH_LANG) hoặc en.",
        ),
    ]
    if operator:
        options.append(
            Option(
                ["--operator", "operator_name"],
                metavar="USERNAME",
                expose_value=False,
                callback=_remember("operator_name"),
                help="Act as this operator, with their rights, instead of the local administrator.",
                help_vi="Làm việc với tư cách cán bộ này, theo quyền của họ, thay cho quản trị "
                "viên tại chỗ.",
            )
        )
    return options


class Command(BilingualCommand, click.Command):
    """A giapranh command: it takes the shared options after its name as well as before.

    `operator=False` leaves out --operator, for the commands that no operator's rights narrow:
    the schema's, and those on the whole database file, which also refuse an --operator given
    before their name (Invocation.require_local_admin).
    """

    def __init__(self, *args: Any, operator: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.extend(shared_options(operator=operator))


class Group(BilingualCommand, click.Group):
    """A group of giapranh commands; its commands are Commands, its subgroups Groups."""

    command_class = Command
    group_class = type  # subgroups of the same class

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        *pieces, commands = super().collect_usage_pieces(ctx)
        return [*pieces, gettext(commands)]


class TerminalText(io.TextIOBase):
    """A terminal's stdout or stderr that spells out what a terminal would obey (models.text.
    for_terminal): escape sequences, C1 controls, bidi overrides and zero-width characters in a
    stored text are shown as `\\x1b`, `\\u202e`, never sent. No `buffer`, so no writer gets past
    it; click takes it as it is (same encoding and errors)."""

    def __init__(self, stream: Any) -> None:
        super().__init__()
        self._stream = stream

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(self._stream.encoding)

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return self._stream.errors  # type: ignore[no-any-return]

    def write(self, text: str) -> int:
        if not text.replace("\n", "").isprintable():  # else nothing to spell out (--version)
            from models.text import for_terminal

            text_shown = for_terminal(text)
        else:
            text_shown = text
        self._stream.write(text_shown)
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return int(self._stream.fileno())

    def writable(self) -> bool:
        return True


@contextlib.contextmanager
def terminal_safe_output() -> Iterator[None]:
    """While a command runs, its standard output and error, where they are terminals, pass
    through TerminalText. Files and pipes get the text as it is (an export stays faithful)."""
    original = sys.stdout, sys.stderr
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        with contextlib.suppress(AttributeError, ValueError, OSError):
            if stream is not None and stream.isatty():
                setattr(sys, name, TerminalText(stream))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = original


class Root(Group):
    """`giapranh` itself: the shared options before a command's name, and the one place where
    an operator's error (GiapranhError) becomes their message and exit status 1."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params[:0] = shared_options()

    def main(self, *args: Any, **kwargs: Any) -> Any:
        with terminal_safe_output():  # the app draws on sys.__stdout__, past these
            return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        # Every command's options are parsed and its callback run inside this call.
        from sqlalchemy.exc import DBAPIError

        import tui.messages  # noqa: F401 - registers the interface's messages
        from models.db import failure
        from models.errors import GiapranhError

        try:
            return super().invoke(ctx)
        except GiapranhError as error:
            raise Failure(error.message()) from None
        except DBAPIError as error:  # a corrupt file, a disk gone read-only midway
            raise Failure(failure(error, ctx.ensure_object(Invocation).url).message()) from None


def command(name: str, **attrs: Any) -> Callable[[Callable[..., Any]], Command]:
    """A Command, added to its group in tui/cli/__init__.py."""
    return click.command(name, cls=Command, **attrs)


def group(name: str, **attrs: Any) -> Callable[[Callable[..., Any]], Group]:
    """A Group, added to the root in tui/cli/__init__.py."""
    return click.group(name, cls=Group, **attrs)


def date_option(_ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """The callback of a --from or --to option: yyyy-mm-dd or dd/mm/yyyy."""
    from models.errors import Refused
    from models.text import parse_date, printable

    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError:
        raise Refused(
            "error.bad_date_option", option=param.opts[0], value=printable(value)
        ) from None


def say_written(path: Path) -> None:
    """ "Đã ghi FILE (64 KB)." once a command has written a file."""
    from models.i18n import t

    size = path.stat().st_size
    shown = f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"
    click.echo(t("report.written", path=path, size=shown))
