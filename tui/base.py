"""Typed access to the running app from its screens and widgets, and database work off the
screen's thread."""

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from textual.dom import DOMNode
from textual.worker import WorkerCancelled, WorkerFailed

if TYPE_CHECKING:
    from tui.app import GiapranhApp


def giapranh(node: DOMNode) -> "GiapranhApp":
    return cast("GiapranhApp", node.app)


async def in_thread(node: DOMNode, function: Callable[[], Any]) -> Any:
    """`function()` run in a thread worker; its exception (a refusal, a conflict) is raised
    here as itself, for the caller to turn into a message."""
    worker = node.run_worker(function, thread=True, exit_on_error=False)
    try:
        return await worker.wait()
    except WorkerFailed as failed:
        raise failed.error from None
    except WorkerCancelled:  # superseded (a newer request of the same kind): stop quietly
        raise asyncio.CancelledError from None
