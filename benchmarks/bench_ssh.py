"""The station server under load: time to the first screen, memory per session, and how many
sessions stay responsive.

    .venv/bin/python -m benchmarks.bench_ssh [--runs 10] [--max 64] [--budget-ms 200]

Starts `giapranh serve` on 127.0.0.1 with the demo database in a temporary folder, then with
asyncssh's client (80x24, TERM=xterm):

1. connect → first full screen (the cases list loaded, "N bản ghi"), `--runs` times, one at a
   time; the median and the slowest; and until the screen is still (the last redraw, such as
   the focused row, before 0.3 s without output);
2. memory of one session's process: RSS and PSS (PSS shares the interpreter's pages fairly
   between sessions, so it is the cost of one more session);
3. sessions 1, 2, 4, 8, … open at once; in each of 5 rounds every session presses a key (↓ or ↑,
   the list's cursor moves) at the same moment, and the time until its screen changes is
   measured. A level holds when every session's median answer is within the budget; past the
   first level that does not, the levels between are bisected.
"""

import argparse
import asyncio
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import asyncssh

GIAPRANH = [sys.executable, "-m", "tui"]
# "N bản ghi" with N > 0: the list is counted (the placeholder before the count reads "0 bản ghi")
LOADED = re.compile(rb"(?<![\d.])[1-9][\d.]* b\xe1\xba\xa3n ghi")
KEYS = [b"\x1b[B", b"\x1b[A"]  # down, up


def giapranh(*args: str) -> None:
    subprocess.run([*GIAPRANH, *args], check=True, capture_output=True, timeout=300)


def start_server(folder: Path, database: str) -> tuple["subprocess.Popen[bytes]", int]:
    env = {**os.environ, "XDG_DATA_HOME": str(folder / "data"), "TEXTUAL_ANIMATIONS": "none"}
    server = subprocess.Popen(
        [*GIAPRANH, "--db", database, "serve", "--host", "127.0.0.1", "--port", "0"]
        + ["--max-sessions", "200", "--failure-delay", "0", "--host-key", str(folder / "hk")],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert server.stdout is not None
    first = server.stdout.readline().decode()
    server.stdout.readline()
    port = re.search(r"(\d+)\.\s*$", first)
    assert port, first
    return server, int(port.group(1))


class Session:
    def __init__(self, conn: asyncssh.SSHClientConnection, process: asyncssh.SSHClientProcess):
        self.conn, self.process = conn, process

    @classmethod
    async def open(cls, port: int, key: Path) -> tuple["Session", float, float]:
        """A session up to its first full screen; seconds to the list shown, and to the screen
        still (its last byte before 0.3 s without output)."""
        started = time.perf_counter()
        conn = await asyncssh.connect(
            "127.0.0.1",
            port,
            username="sc.hung",
            client_keys=[str(key)],
            known_hosts=None,
            agent_path=None,
        )
        process = await conn.create_process(term_type="xterm", term_size=(80, 24), encoding=None)
        session = cls(conn, process)
        seen = b""
        while not LOADED.search(seen):
            chunk = await asyncio.wait_for(process.stdout.read(65536), 120)
            if not chunk:
                raise RuntimeError("the session ended before its first screen")
            seen += chunk
        elapsed = time.perf_counter() - started
        last = await session.quiet()  # the rest of the frame, before any keystroke is timed
        return session, elapsed, (last or time.perf_counter()) - started

    async def quiet(self, seconds: float = 0.3) -> float | None:
        """Read until the screen has been still for `seconds`; when the last bytes came."""
        last = None
        while True:
            try:
                await asyncio.wait_for(self.process.stdout.read(65536), seconds)
            except TimeoutError:
                return last
            last = time.perf_counter()

    async def keystroke(self, key: bytes) -> float:
        """Seconds from pressing `key` to the first bytes of the changed screen."""
        started = time.perf_counter()
        self.process.stdin.write(key)
        await asyncio.wait_for(self.process.stdout.read(65536), 30)
        elapsed = time.perf_counter() - started
        await self.quiet(0.15)
        return elapsed

    def close(self) -> None:
        self.conn.close()


def _children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def session_pids(server: int) -> list[int]:
    """The sessions' processes: forked by the server's forkserver."""
    found = []
    for helper in _children(server):
        try:
            if b"forkserver" in Path(f"/proc/{helper}/cmdline").read_bytes():
                found += _children(helper)
        except OSError:
            continue
    return found


def memory_mib(pid: int) -> tuple[float, float, float]:
    """(RSS, PSS, private) in MiB: private is what the session holds alone (its pages not
    shared with the forkserver and the other sessions), the cost of one more session."""
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("Rss", "Pss", "Private_Clean", "Private_Dirty"):
            values[name] = int(rest.split()[0]) / 1024
    return values["Rss"], values["Pss"], values["Private_Clean"] + values["Private_Dirty"]


async def bench(port: int, key: Path, server: int, runs: int, most: int, budget: float) -> None:
    print(f"connect → first full screen, {runs} runs one at a time:")
    times, still = [], []
    for _ in range(runs):
        session, seconds, settled = await Session.open(port, key)
        times.append(seconds)
        still.append(settled)
        if len(times) == 1:
            (pid,) = session_pids(server)
            rss, pss, private = memory_mib(pid)
        session.close()
        await asyncio.sleep(0.5)  # let it end before the next
    print(f"  list shown: median {statistics.median(times):.2f} s, slowest {max(times):.2f} s")
    print(f"  screen still: median {statistics.median(still):.2f} s", flush=True)
    print(
        f"memory of one session's process: RSS {rss:.0f} MiB, PSS {pss:.0f} MiB,"
        f" private {private:.0f} MiB"
    )

    print(f"keystroke → screen change, all sessions pressing at once (budget {budget:.0f} ms):")
    sessions: list[Session] = []
    holds, over = 0, most + 1
    level = 1
    try:
        while level < over:
            while len(sessions) < level:
                sessions.append((await Session.open(port, key))[0])
            while len(sessions) > level:
                sessions.pop().close()
            for _ in range(100):  # the closed ones gone, so they neither count nor load
                if len(session_pids(server)) == level:
                    break
                await asyncio.sleep(0.1)
            await asyncio.sleep(1.0)
            if await measure_level(sessions, server, budget):
                holds = level
            else:
                over = level
            # Double while it holds; then halve the gap between what held and what did not.
            level = level * 2 if over > most else (holds + over) // 2
            if level > most or (over <= most and over - holds <= 2):
                break
    finally:
        for session in sessions:
            session.close()
    print(f"sessions answering within {budget:.0f} ms: {holds} (tried up to {most})")


async def measure_level(sessions: list[Session], server: int, budget: float) -> bool:
    pss_total = sum(memory_mib(pid)[1] for pid in session_pids(server))
    per_session: list[list[float]] = [[] for _ in sessions]
    for round_ in range(5):
        answers = await asyncio.gather(*(s.keystroke(KEYS[round_ % 2]) for s in sessions))
        for mine, answer in zip(per_session, answers, strict=True):
            mine.append(answer * 1000)
        await asyncio.sleep(0.2)
    worst_median = max(statistics.median(mine) for mine in per_session)
    every = sorted(ms for mine in per_session for ms in mine)
    p95 = every[int(0.95 * (len(every) - 1))]
    ok = worst_median <= budget
    print(
        f"  {len(sessions):3d} sessions: worst median {worst_median:6.0f} ms, p95 {p95:6.0f} ms,"
        f" max {every[-1]:6.0f} ms, PSS total {pss_total:5.0f} MiB"
        f" {'ok' if ok else 'over budget'}",
        flush=True,
    )
    return ok


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--max", type=int, default=64)
    parser.add_argument("--budget-ms", type=float, default=200)
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
        f", {platform.platform()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        database = str(folder / "demo.sqlite")
        giapranh("demo", "--db", database)
        key = folder / "key"
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
        giapranh("--db", database, "operator", "key", "add", "sc.hung", f"{key}.pub")
        server, port = start_server(folder, database)
        try:
            asyncio.run(bench(port, key, server.pid, args.runs, args.max, args.budget_ms))
        finally:
            server.terminate()
            server.wait(30)


if __name__ == "__main__":
    main()
