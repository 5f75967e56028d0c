"""Typed access to the running app from its screens and widgets."""

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

if TYPE_CHECKING:
    from tui.app import GiapranhApp


def giapranh(node: DOMNode) -> "GiapranhApp":
    return cast("GiapranhApp", node.app)
