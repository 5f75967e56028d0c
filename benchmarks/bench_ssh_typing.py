"""Typing over ssh: a keystroke to the screen, in a form and in a picker completing over a big
database, beside the 200 ms target.

    .venv/bin/python -m benchmarks.build --db /tmp/b100k.sqlite --cases 100000
    .venv/bin/python -m benchmarks.bench_ssh_typing --db /tmp/b100k.sqlite [--sessions 4]

Starts `giapranh serve` on 127.0.0.1 over a copy of the database; each session logs in as sc.hung
(an editor of Sông Cầu) with asyncssh's client at 80×24, TERM=xterm, opens a new suspect (`6`,
`n`) and types, one key at a time, waiting for the screen to be still after each:

- in the form: a full name into "Họ tên", and an address;
- in the picker "Các vụ việc": texts that complete over every case the operator may see (a code,
  a frequent word, a rare place, a name without tone marks), the box cleared between them.

Two figures per key, median and p95 over every key of every session: "echo", the first bytes
of the changed screen (the character drawn in its box); "settled", the last bytes before the
screen stays still for 0.3 s (for the picker: its typing pause, the query and the list drawn).
With --sessions N, N sessions type at the same moment.
"""

import argparse
import asyncio
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.bench_ssh import Session, giapranh, start_server
from benchmarks.build import FREQUENT, RARE_WORD
from models.text import fold

TARGET_MS = 200
NAME = "Nguyễn Văn Thử Nghiệm"
ADDRESS = "thôn Tân Phú, xã Xuân Hải"
PICKED = ["VV-2020-0012", fold(FREQUENT), fold(RARE_WORD), "trom cap tai san", "xuan hai"]
TAB, BACKSPACE = b"\t", b"\x7f"
FORM_TITLE = "Thêm đối tượng".encode()


async def still(session: Session, started: float, seconds: float = 0.3) -> float:
    """Seconds from `started` to the last bytes before the screen stays still for `seconds`."""
    last = await session.quiet(seconds)
    return (last or started) - started


async def shown(session: Session, text: bytes) -> None:
    """Read until `text` has been drawn (the screen is still while the cursor blinks only in
    gaps of 0.5 s, so waiting for stillness alone can outlast a slow first paint)."""
    seen = b""
    while text not in seen:
        seen += await asyncio.wait_for(session.process.stdout.read(65536), 30)


async def key(session: Session, data: bytes, echo: list[float], settled: list[float]) -> None:
    started = time.perf_counter()
    session.process.stdin.write(data)
    await asyncio.wait_for(session.process.stdout.read(65536), 30)
    echo.append(time.perf_counter() - started)
    settled.append(await still(session, started))


async def type_in(session: Session, text: str, echo: list[float], settled: list[float]) -> None:
    for character in text:
        await key(session, character.encode(), echo, settled)


async def one_session(port: int, key_file: Path, figures: dict[str, list[float]]) -> None:
    session, _, _ = await Session.open(port, key_file)
    try:
        session.process.stdin.write(b"6")
        await session.quiet()
        session.process.stdin.write(b"n")
        await shown(session, FORM_TITLE)
        await session.quiet()
        await type_in(session, NAME, figures["form, echo"], figures["form, settled"])
        session.process.stdin.write(TAB + TAB)  # past the year of birth, into the address
        await session.quiet()
        await type_in(session, ADDRESS, figures["form, echo"], figures["form, settled"])
        session.process.stdin.write(TAB)  # into the cases' picker
        await session.quiet()
        for text in PICKED:
            await type_in(session, text, figures["picker, echo"], figures["picker, settled"])
            session.process.stdin.write(BACKSPACE * len(text))
            await session.quiet()
    finally:
        session.close()


def line(name: str, seconds: list[float]) -> str:
    ordered = sorted(seconds)
    median = statistics.median(ordered) * 1000
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000
    verdict = "ok" if p95 <= TARGET_MS else "OVER"
    return (
        f"  {name:<16} median {median:6.0f} ms   p95 {p95:6.0f} ms   target ≤ {TARGET_MS} ms"
        f"  {verdict}  ({len(ordered)} keys)"
    )


async def bench(port: int, key_file: Path, sessions: int) -> None:
    names = ["form, echo", "form, settled", "picker, echo", "picker, settled"]
    figures: dict[str, list[float]] = {name: [] for name in names}
    await asyncio.gather(*(one_session(port, key_file, figures) for _ in range(sessions)))
    print(f"{sessions} session(s) typing at once, 80×24, TERM=xterm:")
    for name in names:
        print(line(name, figures[name]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a SQLite file made by benchmarks.build")
    parser.add_argument("--sessions", type=int, default=1)
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
        f", load {os.getloadavg()[0]:.2f}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        database = str(folder / "copy.sqlite")
        shutil.copyfile(args.db, database)
        key_file = folder / "key"
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key_file)], check=True
        )
        giapranh("--db", database, "operator", "key", "add", "sc.hung", f"{key_file}.pub")
        server, port = start_server(folder, database)
        try:
            asyncio.run(bench(port, key_file, args.sessions))
        finally:
            server.terminate()
            server.wait(30)


if __name__ == "__main__":
    main()
