"""The station server's sessions: each a process forked by a multiprocessing "forkserver" that
imported the app once (tui/session.py), so a session starts without importing anything and
shares the interpreter's pages with the others; still its own process, session and terminal.
"""

import asyncio
import importlib
import multiprocessing
import multiprocessing.process

# The app, imported once by the forkserver; named, not imported: the server imports no Textual.
SESSION_MODULE = "tui.session"
SESSIONS = multiprocessing.get_context("forkserver")
SESSIONS.set_forkserver_preload([SESSION_MODULE])


def run_session(terminal: str, environment: dict[str, str], operator: str) -> None:
    """A session's process: what runs in the child forked for it."""
    importlib.import_module(SESSION_MODULE).run(terminal, environment, operator)


class Session:
    """A session's process, forked by the forkserver (so not the server's child): its process
    id, which is also its process group's, and its exit status when it ends."""

    def __init__(self, process: multiprocessing.process.BaseProcess):
        self.process = process
        assert process.pid is not None
        self.pid: int = process.pid
        loop = asyncio.get_running_loop()
        self.ended: asyncio.Future[int] = loop.create_future()
        loop.add_reader(process.sentinel, self._exited)

    def _exited(self) -> None:
        asyncio.get_running_loop().remove_reader(self.process.sentinel)
        self.process.join(0)
        if not self.ended.done():
            self.ended.set_result(self.process.exitcode or 0)

    @property
    def returncode(self) -> int | None:
        return self.ended.result() if self.ended.done() else None

    async def wait(self) -> int:
        return await asyncio.shield(self.ended)
