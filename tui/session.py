"""One operator's session of the station server, in a process forked from one that has already
imported the app (`giapranh serve`, tui/station/server.py).

A fresh interpreter per session spends a second importing Textual, SQLModel and the app, and
holds 80 MiB of its own; a process forked from a preloaded one starts at once and shares those
pages with every other session until it writes to them (the objects imported here are frozen
out of the garbage collector's reach, whose passes would otherwise touch, and so copy, them).
Each session is still its own process with its own terminal: a crash stays in its session.

The server runs `run` through a multiprocessing "forkserver" that imported this module: the
child becomes the leader of a new session whose controlling terminal is the pty opened for the
SSH channel, then runs the app on it as `giapranh-ssh` would (tui/station/launch.py).
"""

import fcntl
import gc
import os
import sys
import termios
import time

import textual.constants

import tui.app
from models.errors import GiapranhError
from models.i18n import default_language, set_language


def run(terminal: str, environment: dict[str, str], operator: str) -> None:
    """The app for `operator` on the pseudo-terminal at path `terminal`, in the environment
    `environment` (see tui.station.launch.app_environment); exits with the app's status."""
    os.setsid()
    descriptor = os.open(terminal, os.O_RDWR)
    fcntl.ioctl(descriptor, termios.TIOCSCTTY, 0)  # hangups and window sizes reach us
    for standard in (0, 1, 2):
        os.dup2(descriptor, standard)
    if descriptor > 2:
        os.close(descriptor)
    os.environ.clear()
    os.environ.update(environment)
    time.tzset()
    # The preloaded modules read their settings at import, from the server's environment.
    # Textual's driver reads and writes the interpreter's original streams, sys.__stdin__ …
    streams = vars(sys)
    for name, number, mode in (("stdin", 0, "r"), ("stdout", 1, "w"), ("stderr", 2, "w")):
        stream = open(number, mode, encoding="utf-8", closefd=False)  # noqa: SIM115
        streams[name] = streams[f"__{name}__"] = stream
    settings = vars(textual.constants)  # Final to the type checker; read when the app starts
    settings["COLOR_SYSTEM"] = environment.get("TEXTUAL_COLOR_SYSTEM", "auto")
    delay = environment.get("ESCDELAY", "")
    settings["ESCAPE_DELAY"] = max(int(delay) if delay.isdigit() else 100, 1) / 1000.0
    animations = environment.get("TEXTUAL_ANIMATIONS", "").lower()
    if animations in ("none", "basic", "full"):
        settings["TEXTUAL_ANIMATIONS"] = animations
    set_language(default_language())
    try:
        app = tui.app.make_app(None, operator)  # the database is GIAPRANH_DATABASE_URL
    except GiapranhError as error:
        print(error.message(), file=sys.stderr, flush=True)
        sys.exit(1)
    app.run()
    sys.stdout.flush()
    sys.exit(app.return_code or 0)


gc.freeze()
