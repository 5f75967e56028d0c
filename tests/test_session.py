"""A station session's process (tui/session.py): the app on the terminal and in the environment
it is given, not the ones of the process it was forked from."""

import os
import pty
import subprocess
import sys
from pathlib import Path

from tui.station.launch import app_environment

from .apphelp import demo_copy, read_terminal_until

LOADED = "bản ghi".encode()


def test_a_session_runs_in_the_environment_it_is_given(tmp_path: Path) -> None:
    database = demo_copy(tmp_path)
    master, slave = pty.openpty()
    given = app_environment(
        {"PATH": os.environ["PATH"], "TERM": "xterm", "TEXTUAL_ANIMATIONS": "none"},
        colors="16",
        database=database,
    )
    # Started in the C locale, with 256 colours and English, as a server might be: the session
    # must take UTF-8, 16 colours and Vietnamese (the default) from what it is given.
    server_like = {"PATH": os.environ["PATH"], "LANG": "C", "LC_ALL": "C", "GIAPRANH_LANG": "en"}
    server_like["TEXTUAL_COLOR_SYSTEM"] = "256"
    code = "import sys; from tui.session import run; run(sys.argv[1], eval(sys.argv[2]), 'sc.hung')"
    child = subprocess.Popen(
        [sys.executable, "-c", code, os.ttyname(slave), repr(given)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=server_like,
    )
    try:
        screen = read_terminal_until(master, LOADED, 30)
        assert LOADED in screen, screen[-500:]
        assert b" records" not in screen  # "bản ghi": UTF-8, and Vietnamese
        assert b"\x1b[38;5;" not in screen and b"\x1b[38;2;" not in screen  # 16 colours only
        os.write(master, b"\x11")  # Ctrl+Q
        assert child.wait(20) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(master)
        os.close(slave)
