"""Typed access to the running app from its screens and widgets, database work off the screen's
thread, and what happens when that work fails.

Background work never fails silently: every widget and screen that starts workers mixes in
`ReportsFailures`, which hands a failed worker to the app (`GiapranhApp.background_failed`): one
message in the operator's language, and the place it came from recovers (a list offers F5).
"""

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy.exc import SQLAlchemyError
from textual.dom import DOMNode
from textual.worker import Worker, WorkerCancelled, WorkerFailed, WorkerState

import tui.messages  # noqa: F401 - registers the interface's messages
from models.errors import GiapranhError
from models.i18n import MESSAGES, t
from models.text import printable

if TYPE_CHECKING:
    from tui.app import GiapranhApp

IN_THREAD = "in-thread"  # the group of work awaited by its caller (`in_thread`)


def giapranh(node: DOMNode) -> "GiapranhApp":
    return cast("GiapranhApp", node.app)


async def in_thread(node: DOMNode, function: Callable[[], Any]) -> Any:
    """`function()` run in a thread worker; its exception (a refusal, a conflict) is raised
    here as itself, for the caller to turn into a message."""
    worker = node.run_worker(
        function, thread=True, exit_on_error=False, group=IN_THREAD, description="work.query"
    )
    try:
        return await worker.wait()
    except WorkerFailed as failed:
        raise failed.error from None
    except WorkerCancelled:  # superseded (a newer request of the same kind): stop quietly
        raise asyncio.CancelledError from None


def reason(error: BaseException) -> str:
    """What went wrong, for the operator: our own message, or the database's first line (never
    a statement or a traceback)."""
    if isinstance(error, GiapranhError):
        return error.message()
    if isinstance(error, SQLAlchemyError):
        original = getattr(error, "orig", None) or error
        return printable(str(original).strip().splitlines()[0] if str(original) else "", 160)
    return printable(f"{type(error).__name__}: {error}", 160)


def failure_text(worker: Worker[Any]) -> str:
    """'Could not load the list: database is locked. F5 tries again.'"""
    what = worker.description if worker.description in MESSAGES else "work.query"
    error = worker.error or RuntimeError("?")
    return t("msg.background_failed", what=t(what), reason=reason(error))


class ReportsFailures:
    """Mixed into a widget or screen that starts workers: a failed one is reported (above)."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            node = cast(DOMNode, self)
            giapranh(node).background_failed(event.worker, node)
