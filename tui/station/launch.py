"""`giapranh-ssh`: start the app for one operator on the terminal of an SSH session.

OpenSSH runs it as the forced command of an operator's key (see `giapranh operator
authorized-keys`); `giapranh serve` runs it for each session on a fresh pseudo-terminal. Either
way it makes the terminal right before the app starts, then replaces itself with the app:

- it refuses a session without a terminal (a command, a file copy, `ssh -T`), with one line;
- it makes the terminal its controlling terminal when it leads a session without one (the SSH
  server starts it with start_new_session), so hangups and window resizes reach the app;
- text is UTF-8 whatever the server's locale (PYTHONUTF8 is read at interpreter start, hence
  the exec), the colour depth is the one chosen for the operator (clients such as PuTTY
  announce plain "xterm" though they show 256 colours or more), and ESCDELAY leaves room for a
  slow link to deliver an escape sequence in one piece.

It imports little (the message catalogue only to refuse), so the app's own start-up dominates
the time to the first screen.
"""

import argparse
import fcntl
import os
import sys
import termios
from typing import NoReturn

# Textual's names for a colour depth (TEXTUAL_COLOR_SYSTEM).
COLOR_SYSTEMS = {"16": "standard", "256": "256", "truecolor": "truecolor"}
DEFAULT_COLORS = "256"
ESCAPE_DELAY_MS = "200"


def app_environment(
    base: dict[str, str], *, colors: str | None = None, database: str | None = None
) -> dict[str, str]:
    """The environment the app runs in: `base` with UTF-8, the colour depth and ESCDELAY."""
    env = dict(base)
    env.update(PYTHONUTF8="1", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    env.pop("PYTHONIOENCODING", None)  # would override UTF-8 on the terminal
    if colors is not None:
        env["TEXTUAL_COLOR_SYSTEM"] = COLOR_SYSTEMS[colors]
    else:
        env.setdefault("TEXTUAL_COLOR_SYSTEM", COLOR_SYSTEMS[DEFAULT_COLORS])
    env.setdefault("ESCDELAY", ESCAPE_DELAY_MS)
    if not env.get("TERM") or env["TERM"] == "dumb":
        env["TERM"] = "xterm-256color"
    if database:
        # In the environment rather than argv: a PostgreSQL password stays out of `ps`.
        env["GIAPRANH_DATABASE_URL"] = database
    return env


def _take_terminal() -> None:
    """Make stdin's terminal ours if we lead a session that has none (so SIGHUP and SIGWINCH
    reach the app); under OpenSSH's sshd the session already has it."""
    try:
        os.close(os.open("/dev/tty", os.O_RDWR))
        return  # already has a controlling terminal
    except OSError:
        pass
    if os.getsid(0) == os.getpid():
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def parser() -> argparse.ArgumentParser:
    parse = argparse.ArgumentParser(
        prog="giapranh-ssh",
        description="Start giapranh for OPERATOR on this SSH session's terminal.",
    )
    parse.add_argument("--operator", metavar="USERNAME", help="The operator who logs in.")
    parse.add_argument("--db", metavar="URL-OR-PATH", help="The database (as giapranh --db).")
    parse.add_argument("--colors", choices=sorted(COLOR_SYSTEMS), help="Colour depth (256).")
    parse.add_argument("--lang", choices=("vi", "en"), help="Language of the app (vi).")
    return parse


def _refuse(key: str, status: int) -> NoReturn:
    # The models package costs 0.4 s: only when refusing.
    from models.i18n import both
    from tui.messages import MESSAGES  # noqa: F401 - registers the station's messages

    print(both(key), file=sys.stderr)
    sys.exit(status)


def main(argv: list[str] | None = None) -> None:
    args = parser().parse_args(argv)
    if not args.operator:
        _refuse("ssh.no_operator", 2)
    if not (os.isatty(0) and os.isatty(1)):
        _refuse("ssh.no_terminal", 1)
    _take_terminal()
    env = app_environment(dict(os.environ), colors=args.colors, database=args.db)
    if args.lang:
        env["GIAPRANH_LANG"] = args.lang
    command = [sys.executable, "-m", "tui", "--operator", args.operator]
    sys.stdout.flush()
    os.execve(sys.executable, command, env)


if __name__ == "__main__":
    main()
