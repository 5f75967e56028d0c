"""The station server: operators connect over SSH, each as themselves (`giapranh serve`).

An operator logs in with their username and one of their public keys, checked against the
database at every login; nothing else is accepted (asyncssh offers no password or
keyboard-interactive method and refuses forwarding unless asked to). SFTP reaches the operator's
own folder and nothing else (tui/station/files.py). Each terminal session runs
the app for that operator on its own pseudo-terminal, in its own process and session, so a crash
or a slow query in one never touches another. The process is forked from a multiprocessing
"forkserver" that imported the app once, at the server's start (tui/session.py): a session
starts without importing anything and shares the interpreter's pages with the others. It makes
the terminal its controlling terminal, so window changes (TIOCSWINSZ on the master) and hangups
reach the app as they would under OpenSSH.

A dropped connection hangs up the session's process group; the app leaves within its own grace
time (tui/app.py), and is killed if it has not after HANG_UP_GRACE_SECONDS. Every write in the
app is one transaction, so a session cut short leaves nothing half-saved.
"""

import asyncio
import contextlib
import logging
import multiprocessing
import multiprocessing.forkserver
import os
import pty
import signal
import termios
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncssh
from sqlalchemy import Engine

import tui.messages  # noqa: F401 - registers the interface's messages
from models import accesslog
from models.db import write_session
from models.i18n import both, t
from tui.station.files import OperatorFolder
from tui.station.launch import COLOR_SYSTEMS, DEFAULT_COLORS, app_environment
from tui.station.logins import Throttle, check_login
from tui.station.sessions import SESSIONS, Session, run_session

log = logging.getLogger("giapranh.station")

HANG_UP_GRACE_SECONDS = 3.0  # the app's own watchdog ends it after 1.5 s
# What the session's process inherits from the server; the rest is set for it (launch.py).
INHERITED_ENV = (
    "PATH",
    "HOME",
    "TZ",
    "XDG_DATA_HOME",
    "GIAPRANH_LANG",
    "GIAPRANH_IMPORT_DIR",  # the operator's folder: the app writes there, SFTP reaches it
    "TEXTUAL_ANIMATIONS",
)


@dataclass
class Settings:
    database: str  # a resolved SQLAlchemy URL
    host: str = "0.0.0.0"
    port: int = 2222
    host_key: Path = Path("ssh_host_ed25519_key")
    colors: str = DEFAULT_COLORS
    operator_colors: dict[str, str] = field(default_factory=dict)
    max_sessions: int = 20
    login_timeout: float = 30.0
    keepalive_interval: float = 10.0
    keepalive_count_max: int = 3
    failure_delay: float = 1.0  # first delay after a failed login; doubles with each failure
    failure_delay_max: float = 20.0


def load_host_key(path: Path) -> asyncssh.SSHKey:
    """The server's host key, created on first start: clients see the same key every time."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = asyncssh.generate_private_key("ssh-ed25519", comment="giapranh station server")
        partial = path.with_name(path.name + ".new")
        # Readable by the server's account alone, from the moment it exists.
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(key.export_private_key())
        partial.replace(path)
        path.with_name(path.name + ".pub").write_bytes(key.export_public_key())
    return asyncssh.read_private_key(path)


class StationServer:
    """What all connections share: the settings, the database, the sessions running."""

    def __init__(self, settings: Settings, engine: Engine):
        self.settings = settings
        self.engine = engine
        self.throttle = Throttle(settings.failure_delay, settings.failure_delay_max)
        self.children: set[Session] = set()
        # Sessions past the cap check, their app perhaps still starting: the cap counts these,
        # so logins arriving together cannot all pass it.
        self.open_sessions = 0
        self._acceptor: asyncssh.SSHAcceptor | None = None

    async def start(self) -> int:
        """Listen; the port listened on (useful when asked for port 0)."""
        settings = self.settings
        # The forkserver imports the app now, so that the first operator does not wait for it.
        await asyncio.to_thread(multiprocessing.forkserver.ensure_running)
        self._acceptor = await asyncssh.listen(
            settings.host,
            settings.port,
            server_host_keys=[load_host_key(settings.host_key)],
            server_factory=lambda: Connection(self),
            process_factory=self.serve_session,
            encoding=None,  # the terminal's bytes, passed through untouched
            line_editor=False,  # the app edits its own lines
            allow_scp=False,
            sftp_factory=OperatorFolder,  # the operator's own folder, nothing else
            agent_forwarding=False,
            x11_forwarding=False,
            login_timeout=settings.login_timeout,
            keepalive_interval=settings.keepalive_interval,
            keepalive_count_max=settings.keepalive_count_max,
        )
        return self._acceptor.get_port()

    async def stop(self) -> None:
        if self._acceptor is not None:
            self._acceptor.close()
            await self._acceptor.wait_closed()
        await asyncio.gather(*(self.hang_up(child) for child in list(self.children)))

    async def record(
        self,
        event: str,
        username: str,
        address: str,
        reason: str | None = None,
        seconds: int | None = None,
    ) -> None:
        """Into the access log and the server's log output."""
        words = [t(f"access.{event}"), username or "-", address]
        if reason:
            words.append(t(f"access.{reason}"))
        if seconds is not None:
            words.append(t("access.seconds", seconds=seconds))
        (log.warning if event == "refused" else log.info)(" ".join(words))

        def write() -> None:
            with write_session(self.engine) as session:
                accesslog.record(
                    session,
                    event=event,
                    username=username,
                    address=address,
                    reason=reason,
                    seconds=seconds,
                )

        try:
            await asyncio.to_thread(write)
        except Exception:  # the log must not take the server down with the database
            log.exception(t("server.access_log_failed"))

    # --- one session ---------------------------------------------------------------------------

    async def serve_session(self, process: asyncssh.SSHServerProcess[bytes]) -> None:
        connection = process.get_extra_info("connection")
        owner = connection.get_owner()
        assert isinstance(owner, Connection)
        username = owner.username
        owner.opened_session = True
        if process.get_terminal_type() is None or process.command or process.subsystem:
            await self._refuse(process, owner, "no_terminal", both("ssh.no_terminal"))
            return
        if self.open_sessions >= self.settings.max_sessions:
            message = both("ssh.too_many_sessions", count=self.settings.max_sessions)
            await self._refuse(process, owner, "too_many_sessions", message)
            return
        self.open_sessions += 1
        try:
            status = await self._run_app(process, username)
        except Exception:
            log.exception(t("server.session_failed", username=username))
            status = 1
        finally:
            self.open_sessions -= 1
        with contextlib.suppress(OSError, asyncssh.Error):
            process.exit(status if status >= 0 else 128 - status)  # killed by signal N: 128+N
        # Let asyncssh finish closing the pty's pipes (its cleanup runs in wait_closed).
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(process.wait_closed(), 5)

    async def _refuse(
        self, process: asyncssh.SSHServerProcess[bytes], owner: "Connection", reason: str, text: str
    ) -> None:
        await self.record("refused", owner.username, owner.address, reason)
        newline = "\r\n" if process.get_terminal_type() else "\n"
        process.stderr.write((text + newline).encode("utf-8"))
        process.exit(1)
        # Hang up once the client has the exit status (OpenSSH then exits with it, 1).
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(process.wait_closed(), 5)
        process.get_extra_info("connection").close()

    def _environment(self, username: str, terminal: str) -> dict[str, str]:
        inherited = {name: os.environ[name] for name in INHERITED_ENV if name in os.environ}
        inherited["TERM"] = terminal
        colors = self.settings.operator_colors.get(username, self.settings.colors)
        return app_environment(inherited, colors=colors, database=self.settings.database)

    async def _run_app(self, process: asyncssh.SSHServerProcess[bytes], username: str) -> int:
        """The app for `username` on a new pseudo-terminal, plumbed to the channel, until
        either ends. Its exit status."""
        width, height, _, _ = process.get_terminal_size()
        master, slave = pty.openpty()
        try:
            # The client's size from the start, so the first screen is drawn at the right size.
            termios.tcsetwinsize(slave, (height or 24, width or 80))
            environment = self._environment(username, process.get_terminal_type() or "xterm")
            forked = SESSIONS.Process(
                target=run_session, args=(os.ttyname(slave), environment, username), daemon=True
            )
            await asyncio.to_thread(forked.start)
            child = Session(forked)
        except BaseException:
            os.close(master)
            os.close(slave)
            raise
        self.children.add(child)
        try:
            return await self._plumb(process, child, master)
        finally:
            if child.returncode is None:  # something failed here: leave nothing running
                await self.hang_up(child)
            self.children.discard(child)
            # Held open until now: with no slave open, the master would read as ended before
            # the child had opened its terminal.
            os.close(slave)

    async def _plumb(
        self,
        process: asyncssh.SSHServerProcess[bytes],
        child: Session,
        master: int,
    ) -> int:
        # Two file objects over one master, each closed by asyncssh with its pipe. A window
        # change from the client is applied to the master (TIOCSWINSZ): the app gets SIGWINCH.
        await process.redirect(stdin=master, stdout=os.dup(master))
        exited = asyncio.ensure_future(child.wait())
        closed = asyncio.ensure_future(process.wait_closed())
        await asyncio.wait({exited, closed}, return_when=asyncio.FIRST_COMPLETED)
        closed.cancel()
        if not exited.done():  # the client left, or the connection dropped
            await self.hang_up(child)
            return await exited
        # The app's last output (the terminal restored) is still in the pty: let it out.
        with contextlib.suppress(TimeoutError, asyncssh.Error, OSError):
            await asyncio.wait_for(process.stdout.drain(), 2.0)
        return exited.result()

    async def hang_up(self, child: Session) -> None:
        """SIGHUP to the session's processes, as a terminal hangup would; SIGKILL if they linger."""
        if child.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGHUP)
        try:
            await asyncio.wait_for(child.wait(), HANG_UP_GRACE_SECONDS)
        except TimeoutError:
            log.warning(t("server.hangup_ignored", pid=child.pid))
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGKILL)
            await child.wait()


class Connection(asyncssh.SSHServer):
    """One client connection: its authentication, and its entries in the access log."""

    def __init__(self, station: StationServer):
        self.station = station
        self.username = ""
        self.address = "?"
        self.reason: str | None = None  # why the last key was refused
        self.authenticated = False
        self.counted = False  # a failure already counted against the address
        self.started = time.monotonic()
        self.opened_session = False
        self.ending: str | None = None  # why the server ended it, for the access log
        self._connection: asyncssh.SSHServerConnection | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        peer = conn.get_extra_info("peername")
        self.address = str(peer[0]) if peer else "?"
        self._connection = conn

    async def begin_auth(self, username: str) -> bool:
        self.username = username
        delay = self.station.throttle.delay(self.address)
        if delay:
            await asyncio.sleep(delay)
        return True  # everyone must authenticate

    def public_key_auth_supported(self) -> bool:
        return True

    async def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        engine = self.station.engine
        fingerprint = key.get_fingerprint("sha256")
        try:
            reason = await asyncio.to_thread(check_login, engine, username, fingerprint)
        except Exception:
            log.exception(t("server.login_check_failed"))
            reason = "wrong_key"
        if reason is not None:
            self.reason = reason
            self._count_failure()
            return False
        return True

    def _count_failure(self) -> None:
        if not self.counted:
            self.counted = True
            self.station.throttle.failed(self.address)

    def auth_completed(self) -> None:
        self.authenticated = True
        self.started = time.monotonic()
        self.station.throttle.succeeded(self.address)
        self._spawn(self.station.record("login", self.username, self.address))
        # A login that asks for no terminal (`ssh -N`, a forwarding alone) is not left holding
        # a connection: it gets as long as a login to open its session.
        timeout = self.station.settings.login_timeout
        asyncio.get_running_loop().call_later(timeout, self._without_session)

    def _without_session(self) -> None:
        if not self.opened_session and self._connection is not None:
            self.ending = "no_session"
            self._connection.close()

    def connection_lost(self, exc: Exception | None) -> None:
        if self.authenticated:
            seconds = round(time.monotonic() - self.started)
            reason = self.ending or ("dropped" if exc is not None else "ended")
            self._spawn(self.station.record("logout", self.username, self.address, reason, seconds))
            return
        if self.reason is None:
            timed_out = exc is not None and "timeout" in str(exc).lower()
            self.reason = "timeout" if timed_out else "no_key"
        self._count_failure()
        self._spawn(self.station.record("refused", self.username, self.address, self.reason))

    _tasks: set["asyncio.Task[None]"] = set()

    @classmethod
    def _spawn(cls, coroutine: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coroutine)
        cls._tasks.add(task)  # held until done: the loop keeps only weak references
        task.add_done_callback(cls._tasks.discard)


def parse_operator_colors(values: tuple[str, ...]) -> dict[str, str]:
    """{'sc.hung': 'truecolor'} from ('sc.hung=truecolor',); ValueError naming a bad one."""
    chosen = {}
    for value in values:
        name, _, depth = value.partition("=")
        if not name.strip() or depth not in COLOR_SYSTEMS:
            raise ValueError(value)
        chosen[name.strip().lower()] = depth
    return chosen


async def serve(settings: Settings, engine: Engine, ready: Callable[[int], None]) -> None:
    """Run the station server until SIGTERM or SIGINT; `ready(port)` once it listens."""
    station = StationServer(settings, engine)
    port = await station.start()
    ready(port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()
    log.info(t("server.stopping", n=len(station.children)))
    await station.stop()
