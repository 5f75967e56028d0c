"""Helpers for the station server's tests: a server on a free port, keys, the real `ssh` client
in tmux, asyncssh sessions, and the server's session processes (from /proc)."""

import asyncio
import contextlib
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import asyncssh

from benchmarks.bench_ssh import session_pids

GIAPRANH = [sys.executable, "-m", "tui"]
ESCAPES = re.compile(
    rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|.)"
)
SSH_OPTIONS = [
    "-o",
    "StrictHostKeyChecking=no",
    "-o",
    "UserKnownHostsFile=/dev/null",
    "-o",
    "LogLevel=ERROR",
    "-o",
    "IdentitiesOnly=yes",
    "-o",
    "IdentityAgent=none",
]


def giapranh(
    database: str, *args: str, env: dict[str, str] | None = None
) -> "subprocess.CompletedProcess[str]":
    return subprocess.run(
        [*GIAPRANH, "--db", database, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def make_key(folder: Path, name: str) -> Path:
    path = folder / name
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(path)],
        check=True,
        timeout=30,
    )
    return path


def fingerprint(key: Path) -> str:
    out = subprocess.run(
        ["ssh-keygen", "-lf", f"{key}.pub"], capture_output=True, text=True, check=True
    ).stdout
    return out.split()[1]


def wait(condition: Callable[[], object], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what}: not within {seconds} s"
        time.sleep(0.1)


def children(pid: int) -> list[int]:
    """Live processes whose parent is `pid` (zombies excluded)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def server_environment(folder: Path, locale: str = "C") -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(folder),
        "XDG_DATA_HOME": str(folder / "xdg-data"),
        "GIAPRANH_LANG": "vi",
        "TEXTUAL_ANIMATIONS": "none",
        # A server whose own locale is not UTF-8: the sessions must not care.
        "LANG": locale,
        "LC_ALL": locale,
    }
    return env


@dataclass
class Server:
    process: "subprocess.Popen[bytes]"
    port: int
    banner: list[str]
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def sessions(self) -> list[int]:
        """The sessions' processes (forked by the server's forkserver)."""
        return session_pids(self.pid)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        if self.process.stdout:
            self.process.stdout.close()


def start_server(folder: Path, database: str, *options: str) -> Server:
    log = folder / f"serve-{uuid.uuid4().hex[:6]}.log"
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [*GIAPRANH, "--db", database, "serve", "--host", "127.0.0.1", "--port", "0", *options],
            stdout=subprocess.PIPE,
            stderr=stderr,
            env=server_environment(folder),
        )
    assert process.stdout is not None
    lines: list[str] = []
    buffer = b""
    deadline = time.monotonic() + 60
    while len(lines) < 2 and time.monotonic() < deadline and process.poll() is None:
        ready, _, _ = select.select([process.stdout], [], [], 0.2)
        if ready:
            chunk = os.read(process.stdout.fileno(), 4096)
            buffer += chunk
            lines = buffer.decode("utf-8").splitlines()
    if len(lines) < 2:
        process.kill()
        process.wait(5)
        raise AssertionError(f"the server did not start: {buffer!r} {log.read_text()}")
    port = int(re.search(r"cổng (\d+)", lines[0]).group(1))  # type: ignore[union-attr]
    return Server(process, port, lines, log)


def screen_text(data: bytes) -> str:
    """What a raw terminal stream says, escape sequences removed."""
    return ESCAPES.sub(b"", data).decode("utf-8", "replace")


@dataclass
class Tmux:
    """A detached tmux session running one command, on its own tmux server (socket)."""

    command: str
    width: int = 80
    height: int = 24
    socket: str = field(default_factory=lambda: f"giapranh-test-{uuid.uuid4().hex[:10]}")

    def __post_init__(self) -> None:
        self.run("new-session", "-d", "-x", str(self.width), "-y", str(self.height), self.command)

    def run(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=20,
        )
        return result.stdout

    def screen(self, escapes: bool = False) -> str:
        return self.run("capture-pane", "-p", *(["-e"] if escapes else []), "-t", "0")

    def wait_for(self, text: str, seconds: float = 40) -> str:
        deadline = time.monotonic() + seconds
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never showed; the screen:\n{screen}")

    def keys(self, *keys: str, pause: float = 0.3) -> None:
        for key in keys:
            self.run("send-keys", "-t", "0", key)
            time.sleep(pause)

    def type(self, text: str, pause: float = 0.3) -> None:
        self.run("send-keys", "-t", "0", "-l", text)
        time.sleep(pause)

    def pane_pid(self) -> int:
        return int(self.run("display-message", "-p", "-t", "0", "#{pane_pid}").strip())

    def kill(self) -> None:
        self.run("kill-server")
        folder = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}"
        (folder / self.socket).unlink(missing_ok=True)  # tmux leaves its socket file behind


def ssh_command(key: Path, port: int, user: str, *extra: str, term: str = "xterm") -> str:
    words = ["env", f"TERM={term}", "ssh", *SSH_OPTIONS, "-i", str(key), "-p", str(port)]
    # The pane stays after ssh exits, saying how it ended.
    return " ".join([*words, *extra, f"{user}@127.0.0.1", "; echo SSH-EXITED $?; sleep 60"])


async def connect(
    port: int, username: str, key: Path | None, **options: object
) -> asyncssh.SSHClientConnection:
    return await asyncssh.connect(
        "127.0.0.1",
        port,
        username=username,
        client_keys=[str(key)] if key else None,
        known_hosts=None,
        agent_path=None,
        **options,  # type: ignore[arg-type]
    )


async def read_until(
    process: asyncssh.SSHClientProcess[bytes], text: str, seconds: float = 40
) -> bytes:
    """Read the session's output until its text shows `text`; everything read."""
    seen = b""
    deadline = time.monotonic() + seconds
    while text not in screen_text(seen):
        left = deadline - time.monotonic()
        assert left > 0, f"{text!r} never showed: {screen_text(seen)[-800:]!r}"
        try:
            chunk = await asyncio.wait_for(process.stdout.read(65536), min(left, 1.0))
        except TimeoutError:
            continue
        if not chunk:
            raise AssertionError(f"the session ended before {text!r}: {screen_text(seen)!r}")
        seen += chunk
    return seen


def have_tools() -> bool:
    return all(shutil.which(tool) for tool in ("ssh", "ssh-keygen", "tmux"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Proxy:
    """A TCP relay to `port` whose link can be cut without closing anything: to the server,
    the client's network is simply gone."""

    def __init__(self, port: int):
        self.target = port
        self.cut = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.sockets: list[socket.socket] = [self.listener]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        with contextlib.suppress(OSError):
            client, _ = self.listener.accept()
            upstream = socket.create_connection(("127.0.0.1", self.target))
            self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._relay, args=(source, sink), daemon=True).start()

    def _relay(self, source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                if self.cut.is_set():
                    continue  # dropped on the floor, as on a dead link
                sink.sendall(data)

    def close(self) -> None:
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.close()
