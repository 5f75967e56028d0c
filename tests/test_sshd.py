"""The station server (`giapranh serve`) end to end, on 127.0.0.1: operators connect with the
real `ssh` client (in tmux) and with asyncssh's, each as themselves; everyone else is refused;
dropped connections leave nothing behind."""

import asyncio
import contextlib
import getpass
import os
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import asyncssh
import pytest
from sqlmodel import select

from models import Suspect
from models.db import open_database, read_session
from tui.station.logins import Throttle

from .apphelp import demo_copy
from .sshhelp import (
    SSH_OPTIONS,
    Proxy,
    Server,
    Tmux,
    children,
    connect,
    fingerprint,
    free_port,
    giapranh,
    have_tools,
    make_key,
    read_until,
    screen_text,
    ssh_command,
    start_server,
    wait,
)

pytestmark = pytest.mark.skipif(not have_tools(), reason="needs ssh, ssh-keygen and tmux")

CASES = "Vụ việc"  # the cases pane's tab: the app is up


@dataclass
class Station:
    folder: Path
    database: str
    server: Server
    keys: dict[str, Path]

    @property
    def port(self) -> int:
        return self.server.port

    def access_log(self) -> str:
        return giapranh(self.database, "access-log", "--limit", "200").stdout


@pytest.fixture(scope="module")
def station(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Station]:
    folder = tmp_path_factory.mktemp("station")
    database = demo_copy(folder)
    keys = {name: make_key(folder, name) for name in ("sc.hung", "qn.lan", "py.an", "stranger")}
    for name in ("sc.hung", "qn.lan", "py.an"):
        added = giapranh(database, "operator", "key", "add", name, f"{keys[name]}.pub")
        assert added.returncode == 0, added.stderr
    assert giapranh(database, "operator", "disable", "py.an").returncode == 0
    server = start_server(
        folder,
        database,
        "--host-key",
        str(folder / "host_key"),
        "--max-sessions",
        "3",
        "--login-timeout",
        "3",
        "--failure-delay",
        "0",
        "--operator-colors",
        "qn.lan=truecolor",
        "--keepalive",
        "1",
    )
    try:
        yield Station(folder, database, server, keys)
    finally:
        server.stop()
    assert server.process.returncode == 0, server.log.read_text()


def test_the_server_says_where_it_listens_and_keeps_its_host_key(station: Station) -> None:
    listening, host_key = station.server.banner[:2]
    assert f"127.0.0.1 cổng {station.port}" in listening
    key_path = station.folder / "host_key"
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    printed = host_key.split()[3]
    assert printed == fingerprint(key_path)  # ssh-keygen reads the .pub beside it

    async def seen_by_client() -> str:
        conn = await connect(station.port, "sc.hung", station.keys["sc.hung"])
        conn.close()
        return conn.get_server_host_key().get_fingerprint()  # type: ignore[union-attr]

    assert asyncio.run(seen_by_client()) == printed
    again = start_server(station.folder, station.database, "--host-key", str(key_path))
    try:
        assert again.banner[1] == host_key  # the same key on the next start
    finally:
        again.stop()


def test_refused_logins(station: Station) -> None:
    """Wrong key, unknown or disabled user, password, keyboard-interactive: all refused."""
    keys = station.keys

    async def attempts() -> None:
        for username, key in [
            ("sc.hung", keys["stranger"]),  # a key that is not his
            ("nobody", keys["stranger"]),
            ("nobody", keys["sc.hung"]),
            ("py.an", keys["py.an"]),  # his own key, but disabled
        ]:
            with pytest.raises(asyncssh.PermissionDenied):
                await connect(station.port, username, key)
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(station.port, "sc.hung", None, password="sc.hung")
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(
                station.port, "sc.hung", None, password="x", kbdint_auth=True, password_auth=False
            )

    asyncio.run(attempts())
    # The real client, trying passwords only: the server offers none.
    password = subprocess.run(
        [
            "ssh",
            "-o",
            "BatchMode=yes",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "PreferredAuthentications=password,keyboard-interactive",
            "-p",
            str(station.port),
            "sc.hung@127.0.0.1",
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert password.returncode == 255 and "Permission denied (publickey)" in password.stderr
    wait(lambda: "offered no key" in log_in_english(station), 10, "the refusals logged")
    logged = log_in_english(station)
    for line in [
        "refused      sc.hung          127.0.0.1       key not theirs",
        "refused      nobody           127.0.0.1       no such operator",
        "refused      py.an            127.0.0.1       operator disabled",
        "refused      sc.hung          127.0.0.1       offered no key",
    ]:
        assert line in logged
    assert "đã bị khóa" in station.server.log.read_text()  # and in the server's log output


def log_in_english(station: Station) -> str:
    return giapranh(station.database, "access-log", "--limit", "200", "--lang", "en").stdout


def test_only_a_terminal_session_is_served(station: Station) -> None:
    key, port = station.keys["sc.hung"], station.port
    message = "Chỉ phục vụ phiên có terminal"

    async def attempts() -> None:
        async with await connect(port, "sc.hung", key) as conn:
            result = await conn.run("cat /etc/passwd", timeout=20)
            assert result.exit_status == 1 and "root:" not in str(result.stdout)
            assert message in str(result.stderr) and "Only terminal sessions" in str(result.stderr)
        async with await connect(port, "sc.hung", key) as conn:
            shell = await conn.create_process(encoding=None)  # a shell, but no terminal
            stderr = await asyncio.wait_for(shell.stderr.read(), 20)
            assert message in stderr.decode()
            await asyncio.wait_for(shell.wait(), 20)
            await asyncio.wait_for(conn.wait_closed(), 20)  # and disconnected
        async with await connect(port, "sc.hung", key) as conn:  # SFTP: their folder only
            async with conn.start_sftp_client() as sftp:
                assert await sftp.getcwd() == "/"
                with pytest.raises(asyncssh.SFTPError):
                    await sftp.stat("/../../etc/passwd")
        async with await connect(port, "sc.hung", key) as conn:
            with pytest.raises(asyncssh.ChannelOpenError):
                await conn.create_connection(asyncssh.SSHTCPSession, "127.0.0.1", port)
            with pytest.raises(asyncssh.ChannelListenError):
                await conn.forward_remote_port("127.0.0.1", 0, "127.0.0.1", port)

    asyncio.run(attempts())
    base = ["ssh", "-F", "/dev/null", "-i", str(key), "-p", str(port), "-o", "BatchMode=yes"]
    base += ["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null"]
    for extra in (["-T"], ["echo", "hi"]):
        result = subprocess.run(
            [*base, "sc.hung@127.0.0.1", *extra],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert result.returncode == 1 and message in result.stderr and "hi" not in result.stdout
    copy = subprocess.run(
        ["scp", *base[1:], "sc.hung@127.0.0.1:/etc/passwd", str(station.folder / "passwd")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert copy.returncode != 0 and not (station.folder / "passwd").exists()
    wait(lambda: "asked for no terminal" in log_in_english(station), 10, "logged")
    assert station.server.sessions() == []


def test_keys_and_disabling_count_at_the_next_login(station: Station) -> None:
    """No restart: a new operator gets in, loses their key, gets it back, is disabled."""
    key = make_key(station.folder, "new.op")
    added = giapranh(
        station.database,
        "operator", "add", "new.op", "--unit", "CA-QN", "--role", "viewer", "--key", f"{key}.pub",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr

    async def can_log_in() -> bool:
        try:
            conn = await connect(station.port, "new.op", key)
        except asyncssh.PermissionDenied:
            return False
        conn.close()
        return True

    assert asyncio.run(can_log_in())
    removed = giapranh(station.database, "operator", "key", "remove", "new.op", fingerprint(key))
    assert removed.returncode == 0, removed.stderr
    assert not asyncio.run(can_log_in())
    assert (
        giapranh(station.database, "operator", "key", "add", "new.op", f"{key}.pub").returncode == 0
    )
    assert asyncio.run(can_log_in())
    assert giapranh(station.database, "operator", "disable", "new.op").returncode == 0
    assert not asyncio.run(can_log_in())


def test_a_login_that_takes_too_long_is_dropped(station: Station) -> None:
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", station.port), timeout=10) as client:
        client.settimeout(10)
        assert client.recv(100).startswith(b"SSH-2.0-")
        while client.recv(4096):  # the server's key exchange, then it hangs up
            pass
    assert time.monotonic() - started < 3 + 3
    wait(lambda: "login took too long" in log_in_english(station), 10, "logged")


@pytest.mark.slow
def test_two_operators_work_over_real_ssh_at_once(station: Station) -> None:
    """sc.hung adds a suspect in one session; his second session shows it; the screen follows
    the terminal's size; Vietnamese and colours arrive intact; quitting ends everything."""
    key, port = station.keys["sc.hung"], station.port
    first = Tmux(ssh_command(key, port, "sc.hung"))
    second = Tmux(ssh_command(key, port, "sc.hung"), width=100, height=30)
    try:
        screen = first.wait_for("55 bản ghi")  # the cases he may read, listed
        assert "sc.hung · Công an thị xã Sô" in screen and CASES in screen
        assert "Trộm cắp" in screen or "Đánh bạc" in screen
        colored = first.screen(escapes=True)
        assert "38;5;" in colored and "38;2;" not in colored  # 256 colours for TERM=xterm
        second.wait_for(CASES)
        assert len(station.server.sessions()) == 2  # one process each
        wait(lambda: len(screen_lines(second)) == 30, 15, "the app filled 100x30")
        second.keys("6")
        second.wait_for("Họ tên")
        first.keys("6")
        first.wait_for("Họ tên")
        first.keys("n")
        first.wait_for("Thêm đối tượng")  # the form starts at the name (the code is there)
        first.type("Nguyễn Thị Ánh Tuyết")
        first.keys("Tab", "Tab", "Tab")
        first.type("VV-2017-032")
        first.wait_for("VV-2017-032  Trộm")  # the case picker lists it: take it
        first.keys("Enter")
        wait(lambda: "VV-2017-032  Trộm" not in first.screen(), 10, "the picker's list closed")
        if "truy nã" not in first.screen():  # a new suspect may start as wanted already
            first.keys("Tab", "Enter", "Down", "Enter")
        first.wait_for("truy nã")
        first.keys("C-s")
        first.wait_for("Đã lưu DT-018")  # as the demo's suspects are coded
        second.wait_for("Nguyễn Thị Ánh Tuyết", 15)  # the other session sees it by itself
        second.run("resize-window", "-t", "0", "-x", "120", "-y", "40")
        wait(lambda: len(screen_lines(second)) == 40, 15, "the app took the new size")
        assert any(len(line) > 100 for line in screen_lines(second))
        for session in (first, second):
            session.keys("C-q")
            session.wait_for("SSH-EXITED 0", 15)
        wait(lambda: station.server.sessions() == [], 10, "the sessions ended")
    finally:
        first.kill()
        second.kill()
    logged = log_in_english(station)
    assert "login        sc.hung" in logged and "logout       sc.hung" in logged
    assert "ended normally" in logged


def test_forwarding_requests_and_a_hostile_term_reach_nothing(
    station: Station, tmp_path: Path
) -> None:
    """The real client asking for agent and X11 forwarding and a local and a dynamic forward,
    with TERM holding shell words: the app runs in its terminal, nothing is forwarded, the
    shell words are never run."""
    key, port = station.keys["sc.hung"], station.port
    planted = tmp_path / "pwned"
    hostile = f"'xterm;touch {planted};$(touch {planted})'"
    local, dynamic = free_port(), free_port()
    forwards = ("-A", "-X", "-L", f"{local}:127.0.0.1:{port}", "-D", f"127.0.0.1:{dynamic}")
    session = Tmux(ssh_command(key, port, "sc.hung", *forwards, term=hostile))
    try:
        session.wait_for("55 bản ghi")
        # The local forward listens on the client; the server refuses what comes through it.
        with socket.create_connection(("127.0.0.1", local), timeout=10) as through:
            through.settimeout(10)
            assert through.recv(100) == b""  # closed: no SSH banner from the server behind
        session.keys("C-q")
        session.wait_for("SSH-EXITED 0", 15)
    finally:
        session.kill()
    assert not planted.exists()
    wait(lambda: "logout       sc.hung" in log_in_english(station), 10, "logged")


def screen_lines(tmux: Tmux) -> list[str]:
    """The app's lines: the footer is the last one when the app fills the terminal."""
    lines = tmux.screen().rstrip("\n").split("\n")
    return lines if "^q" in lines[-1] else []


@pytest.mark.slow
def test_a_killed_client_leaves_no_half_saved_record_and_no_process(station: Station) -> None:
    key, port = station.keys["sc.hung"], station.port
    client = Tmux(ssh_command(key, port, "sc.hung"))
    try:
        client.wait_for(CASES)
        client.keys("6")
        client.wait_for("Họ tên")
        client.keys("n")
        client.wait_for("Thêm đối tượng")
        client.type("Trần Văn Bỏ Dở")
        client.keys("Tab", "Tab", "Tab")
        client.type("VV-2017-032")
        client.wait_for("Trần Văn Bỏ Dở")
        sessions = station.server.sessions()
        assert len(sessions) == 1
        (ssh,) = children(client.pane_pid())
        os.kill(ssh, 9)  # the ssh client dies mid-form
        dropped = time.monotonic()
        wait(lambda: station.server.sessions() == [], 10, "the session's process ended")
        assert time.monotonic() - dropped < 5
        wait(lambda: not Path(f"/proc/{sessions[0]}").exists(), 5, "the process was reaped")
    finally:
        client.kill()
    with read_session(open_database(station.database)) as session:
        assert (
            session.exec(select(Suspect).where(Suspect.full_name == "Trần Văn Bỏ Dở")).all() == []
        )
    wait(lambda: "connection dropped" in log_in_english(station), 10, "logged")


@pytest.mark.slow
def test_asyncssh_sessions_resize_colours_cap_and_abort(station: Station) -> None:
    """qn.lan gets truecolor (set for her alone); a window change reaches the app; a fourth
    session is refused at three; an aborted connection ends its app, the others go on."""
    key, port = station.keys["qn.lan"], station.port
    descriptors = open_descriptors(station.server.pid)

    async def scenario() -> None:
        conns = [await connect(port, "qn.lan", key) for _ in range(4)]
        try:
            processes = []
            for conn in conns[:3]:
                process = await conn.create_process(
                    term_type="xterm", term_size=(100, 30), encoding=None
                )
                processes.append(process)
            first = await read_until(processes[0], CASES)
            assert "qn.lan · Công an thành phố" in screen_text(first)
            assert b"\x1b[38;2;" in first  # truecolor for her
            for process in processes[1:]:
                await read_until(process, CASES)
            # Each app runs in UTF-8 (the server runs in the C locale), with the colour depth
            # chosen for her (above); the environment it is given: test_session.py.
            # The fourth: one line, in both languages, and the connection closes.
            extra = await conns[3].create_process(term_type="xterm", encoding=None)
            refused = await asyncio.wait_for(extra.stderr.read(), 20)
            assert "đủ 3 phiên" in refused.decode() and "3 sessions" in refused.decode()
            await asyncio.wait_for(conns[3].wait_closed(), 20)
            # A window change: the app redraws at 120x40 (row 40 is addressed).
            processes[1].change_terminal_size(120, 40)
            seen = b""
            deadline = time.monotonic() + 20
            while b"\x1b[40;" not in seen and time.monotonic() < deadline:
                try:
                    seen += await asyncio.wait_for(processes[1].stdout.read(65536), 1)
                except TimeoutError:
                    pass
            assert b"\x1b[40;" in seen, "the app never drew row 40"
            # Abort one connection mid-session: its app goes, the others stay.
            before = set(station.server.sessions())
            assert len(before) == 3
            conns[0].abort()
            await asyncio.to_thread(wait, lambda: len(station.server.sessions()) == 2, 5, "hung up")
            processes[2].stdin.write(b"2")  # still answering: the tips pane
            await read_until(processes[2], "Ngày nhận", 20)
        finally:
            for conn in conns:
                conn.close()

    asyncio.run(scenario())
    wait(lambda: station.server.sessions() == [], 10, "every session ended")
    # The server keeps no descriptor of a session that ended (ptys, pipes, sockets).
    wait(lambda: open_descriptors(station.server.pid) == descriptors, 10, "descriptors closed")


def test_logins_arriving_together_never_pass_the_cap(station: Station) -> None:
    """Eight sessions asked for at the same moment with a cap of three: three apps, five
    refusals, never more (the cap counts sessions whose app is still starting)."""
    key, port = station.keys["sc.hung"], station.port

    async def scenario() -> tuple[int, int]:
        conns = await asyncio.gather(*(connect(port, "sc.hung", key) for _ in range(8)))
        try:
            processes = await asyncio.gather(
                *(conn.create_process(term_type="xterm", encoding=None) for conn in conns)
            )
            refused = 0
            for process in processes:
                with contextlib.suppress(TimeoutError):
                    said = await asyncio.wait_for(process.stderr.read(), 3)
                    refused += "đủ 3 phiên" in said.decode()
            running = len(station.server.sessions())
            return running, refused
        finally:
            for conn in conns:
                conn.close()

    running, refused = asyncio.run(scenario())
    assert (running, refused) == (3, 5)
    wait(lambda: station.server.sessions() == [], 10, "every session ended")


def test_a_login_that_opens_no_session_is_hung_up(station: Station) -> None:
    """`ssh -N` (logged in, no terminal asked for) does not hold a connection: it is closed
    after the login timeout (3 s here), and the access log says why."""
    started = time.monotonic()
    held = subprocess.run(
        [
            "ssh",
            *SSH_OPTIONS,
            "-N",
            "-p",
            str(station.port),
            "-i",
            str(station.keys["qn.lan"]),
            "qn.lan@127.0.0.1",
        ],
        capture_output=True,
        timeout=30,
    )
    assert time.monotonic() - started < 15, held
    wait(lambda: "đăng nhập mà không mở phiên" in station.access_log(), 10, "logged as no session")


def _sftp(station: Station, user: str, commands: str) -> "subprocess.CompletedProcess[str]":
    """The real `sftp` client, in batch mode (each command's failure is printed, not fatal)."""
    return subprocess.run(
        ["sftp", *SSH_OPTIONS, "-P", str(station.port), "-i", str(station.keys[user]), "-b", "-",
         f"{user}@127.0.0.1"],
        input=commands,
        capture_output=True,
        text=True,
        timeout=60,
    )  # fmt: skip


def test_sftp_reaches_the_operators_folder_and_nothing_else(
    station: Station, tmp_path: Path
) -> None:
    """What the app writes for sc.hung is fetched by SFTP with his key, a register put there
    is what the import screen lists; `..`, absolute paths and links stay inside his folder."""
    folder = station.folder / "xdg-data" / "giapranh" / "imports" / "sc.hung"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "so-ket-2017.docx").write_bytes(b"the review")
    secret = station.folder / "secret.txt"
    secret.write_text("not for operators")
    (folder / "way-out").symlink_to(secret)  # left by someone with a shell on the server
    register = tmp_path / "so-nguon-tin.csv"
    register.write_text("code\n", encoding="utf-8")
    done = _sftp(
        station,
        "sc.hung",
        f"-get so-ket-2017.docx {tmp_path}/fetched.docx\n"
        f"-put {register} so-nguon-tin.csv\n"
        "-cd ..\n"
        "-pwd\n"
        f"-get /../../secret.txt {tmp_path}/escaped-1\n"
        f"-get ../../../../secret.txt {tmp_path}/escaped-2\n"
        f"-get way-out {tmp_path}/escaped-3\n"
        f"-get {station.database} {tmp_path}/escaped-4\n"
        "-symlink /etc/passwd link\n"
        "-ln so-nguon-tin.csv hard\n"
        "-ls -a\n",
    )
    assert (tmp_path / "fetched.docx").read_bytes() == b"the review", done.stdout + done.stderr
    assert (folder / "so-nguon-tin.csv").read_text() == "code\n"
    assert "Remote working directory: /" in done.stdout
    assert not list(tmp_path.glob("escaped-*")), done.stdout + done.stderr
    assert not (folder / "link").exists() and not (folder / "hard").exists()
    assert "not for operators" not in done.stdout
    # Another operator's folder is another folder: qn.lan does not see his files.
    hers = _sftp(station, "qn.lan", "-ls -a\n")
    assert hers.returncode == 0 and "so-ket-2017.docx" not in hers.stdout, hers.stderr


def open_descriptors(pid: int) -> int:
    """Pseudo-terminals and sockets held by `pid` (database files come and go with its pool)."""
    held = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            held += target.startswith(("/dev/ptmx", "/dev/pts/", "socket:"))
    return held


def test_failed_logins_from_one_address_slow_down(tmp_path: Path) -> None:
    throttle = Throttle(first=1.0, most=8.0)
    assert throttle.delay("10.0.0.1") == 0
    for expected in (1.0, 2.0, 4.0, 8.0, 8.0):
        throttle.failed("10.0.0.1")
        assert throttle.delay("10.0.0.1") == expected
    assert throttle.delay("10.0.0.2") == 0  # per address
    throttle.succeeded("10.0.0.1")
    assert throttle.delay("10.0.0.1") == 0

    database = demo_copy(tmp_path)
    key = make_key(tmp_path, "someone")
    server = start_server(
        tmp_path, database, "--host-key", str(tmp_path / "hk"), "--failure-delay", "0.5"
    )

    async def attempt() -> float:
        started = time.monotonic()
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(server.port, "sc.hung", key)
        return time.monotonic() - started

    try:
        times = [asyncio.run(attempt()) for _ in range(4)]
    finally:
        server.stop()
    assert times[0] < 0.5 and times[1] >= 0.5 and times[2] >= 1.0 and times[3] >= 2.0, times


def test_the_launcher_refuses_without_a_terminal(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "giapranh-ssh"),
            "--operator",
            "sc.hung",
            "--db",
            str(tmp_path / "x.sqlite"),
        ],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "Chỉ phục vụ phiên có terminal" in result.stderr and "Only terminal" in result.stderr


def test_access_log_is_for_administrators(station: Station) -> None:
    async def log_in_and_out() -> None:
        conn = await connect(station.port, "sc.hung", station.keys["sc.hung"])
        conn.close()
        await conn.wait_closed()

    asyncio.run(log_in_and_out())
    wait(lambda: "đăng xuất    sc.hung" in station.access_log(), 10, "logged")
    refused = giapranh(station.database, "access-log", "--operator", "sc.hung")
    assert refused.returncode == 1 and "không có quyền" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert "127.0.0.1" in giapranh(station.database, "access-log", "--operator", "admin").stdout


@pytest.mark.slow
def test_a_dead_network_ends_the_session_within_seconds(station: Station) -> None:
    """No FIN, no RST: the link just goes quiet. Keepalives (1 s here, 3 missed) notice."""
    proxy = Proxy(station.port)

    async def scenario() -> None:
        conn = await connect(proxy.port, "qn.lan", station.keys["qn.lan"])
        try:
            process = await conn.create_process(term_type="xterm", encoding=None)
            await read_until(process, CASES)
            assert len(station.server.sessions()) == 1
            proxy.cut.set()
            cut = time.monotonic()
            await asyncio.to_thread(wait, lambda: station.server.sessions() == [], 15, "ended")
            assert time.monotonic() - cut < 10
        finally:
            conn.abort()

    try:
        asyncio.run(scenario())
    finally:
        proxy.close()
    wait(lambda: "connection dropped" in log_in_english(station), 10, "logged")


SSHD = Path("/usr/sbin/sshd")


@pytest.fixture
def openssh(tmp_path: Path) -> Iterator[tuple[int, str, dict[str, Path]]]:
    """A real sshd on 127.0.0.1 with its own config: the current account stands for the
    locked-down one, its authorized_keys written by `giapranh operator authorized-keys`."""
    if not SSHD.exists():
        pytest.skip("OpenSSH's sshd is not installed (apt-get install openssh-server)")
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # sshd's privilege separation
    database = demo_copy(tmp_path)
    keys = {name: make_key(tmp_path, name) for name in ("sc.hung", "qn.lan", "py.an")}
    for name, key in keys.items():
        assert giapranh(database, "operator", "key", "add", name, f"{key}.pub").returncode == 0
    assert giapranh(database, "operator", "disable", "py.an").returncode == 0
    lines = giapranh(database, "operator", "authorized-keys", "--operator-colors", "qn.lan=16")
    assert lines.returncode == 0, lines.stderr
    authorized = tmp_path / "authorized_keys"
    authorized.write_text(lines.stdout)
    authorized.chmod(0o600)
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / "host")], check=True
    )
    port = free_port()
    user = getpass.getuser()
    config = tmp_path / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {tmp_path / 'host'}\n"
        f"PidFile {tmp_path / 'sshd.pid'}\nAuthorizedKeysFile {authorized}\n"
        "StrictModes no\nUsePAM no\nPasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\n"
        f"AllowUsers {user}\nClientAliveInterval 30\nPrintMotd no\nPrintLastLog no\n"
    )
    sshd = subprocess.Popen(
        [str(SSHD), "-D", "-e", "-f", str(config)],
        stderr=(tmp_path / "sshd.log").open("wb"),
    )
    try:
        wait(lambda: sshd.poll() is not None or _listening(port), 10, "sshd listening")
        if sshd.poll() is not None:
            pytest.skip(f"sshd would not start here: {(tmp_path / 'sshd.log').read_text()}")
        yield port, user, keys
    finally:
        sshd.terminate()
        sshd.wait(10)


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.slow
def test_the_openssh_recipe(openssh: tuple[int, str, dict[str, Path]], tmp_path: Path) -> None:
    port, user, keys = openssh
    hung = Tmux(ssh_command(keys["sc.hung"], port, user))
    lan = Tmux(ssh_command(keys["qn.lan"], port, user))
    try:
        screen = hung.wait_for("55 bản ghi")
        assert "sc.hung · Công an thị xã Sô" in screen  # the key decides who logs in
        assert "38;5;" in hung.screen(escapes=True)  # 256 colours by default
        lan.wait_for("qn.lan · Công an thành phố")
        assert "38;5;" not in lan.screen(escapes=True)  # 16, chosen for her
        for session in (hung, lan):
            session.keys("C-q")
            session.wait_for("SSH-EXITED 0", 15)
    finally:
        hung.kill()
        lan.kill()
    base = ["ssh", *SSH_OPTIONS, "-o", "BatchMode=yes", "-p", str(port)]
    for extra in (["-T"], ["cat", "/etc/passwd"]):
        result = subprocess.run(
            [*base, "-i", str(keys["sc.hung"]), f"{user}@127.0.0.1", *extra],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert result.returncode == 1, result.stderr
        assert "Chỉ phục vụ phiên có terminal" in result.stderr and "root:" not in result.stdout
    disabled = subprocess.run(
        [*base, "-i", str(keys["py.an"]), f"{user}@127.0.0.1"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert disabled.returncode == 255 and "Permission denied" in disabled.stderr
    forward = subprocess.run(
        [*base, "-i", str(keys["sc.hung"]), "-N", "-o", "ExitOnForwardFailure=yes"]
        + ["-R", "0:127.0.0.1:22", f"{user}@127.0.0.1"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert forward.returncode == 255  # restrict: no port forwarding


def test_authorized_keys_lines(station: Station) -> None:
    lines = giapranh(station.database, "operator", "authorized-keys", "--launcher", "/opt/g s")
    assert lines.returncode == 0, lines.stderr
    by_operator = {}
    for line in lines.stdout.splitlines():
        assert line.startswith("restrict,pty,command=\"'/opt/g s' --db sqlite:///")
        by_operator[line.split("--operator ")[1].split()[0]] = line
    assert "py.an" not in by_operator  # disabled
    hung_key = Path(f"{station.keys['sc.hung']}.pub").read_text().strip()
    assert by_operator["sc.hung"].endswith(f'--colors 256" {hung_key}')
    editor = giapranh(station.database, "operator", "authorized-keys", "--operator", "sc.hung")
    assert editor.returncode == 1 and "không có quyền" in editor.stderr
    bad = giapranh(station.database, "serve", "--operator-colors", "sc.hung=million")
    assert bad.returncode == 1 and "sc.hung=million" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.slow
def test_stopping_the_server_hangs_up_its_sessions(tmp_path: Path) -> None:
    database = demo_copy(tmp_path)
    key = make_key(tmp_path, "hung")
    assert giapranh(database, "operator", "key", "add", "sc.hung", f"{key}.pub").returncode == 0
    server = start_server(tmp_path, database, "--host-key", str(tmp_path / "hk"))

    async def session_then_stop() -> None:
        conn = await connect(server.port, "sc.hung", key)
        try:
            process = await conn.create_process(term_type="xterm", encoding=None)
            await read_until(process, CASES)
            (pid,) = server.sessions()
            server.process.terminate()
            await asyncio.to_thread(server.process.wait, 10)
            assert server.process.returncode == 0
            await asyncio.wait_for(conn.wait_closed(), 10)
            assert not Path(f"/proc/{pid}").exists()
        finally:
            conn.abort()

    try:
        asyncio.run(session_then_stop())
    finally:
        server.stop()
    assert "THÔNG TIN đang dừng: ngắt 1 phiên" in server.log.read_text()


def test_serve_explains_what_stops_it(tmp_path: Path) -> None:
    database = str(tmp_path / "db.sqlite")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        busy = giapranh(database, "serve", "--host", "127.0.0.1", "--port", port, "--host-key",
                        str(tmp_path / "hk"))  # fmt: skip
    assert busy.returncode == 1 and f"Không nghe được tại 127.0.0.1 cổng {port}" in busy.stderr
    (tmp_path / "bad").write_text("not a key")
    bad = giapranh(database, "serve", "--host-key", str(tmp_path / "bad"))
    assert bad.returncode == 1 and "Không đọc được khóa máy chủ" in bad.stderr
    narrowed = giapranh(database, "--operator", "sc.hung", "serve")
    assert narrowed.returncode == 1 and "quản trị viên tại máy chủ" in narrowed.stderr
    for result in (busy, bad, narrowed):
        assert "Traceback" not in result.stderr
