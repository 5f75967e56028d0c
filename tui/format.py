"""How values look on screen: dates dd/mm/yyyy, translated codes, the tip's countdown."""

from dataclasses import replace
from datetime import date
from typing import Any

from rich.text import Text
from textual.binding import BindingsMap
from textual.dom import DOMNode

from models.i18n import MESSAGES, t
from models.text import format_date
from models.tips import NEARLY_DUE_DAYS


def enum_label(prefix: str, value: str | None) -> str:
    if value is None:
        return ""
    key = f"{prefix}.{value}"
    return t(key) if key in MESSAGES else value


def days_left(deadline: date | None, today: date) -> Text:
    """'còn 5' / 'quá 3' for an open tip, styled so overdue and nearly-due tips stand out."""
    if deadline is None:
        return Text("")
    days = (deadline - today).days
    if days < 0:
        return Text(t("tip.overdue_days", days=-days), style="bold red")
    style = "bold yellow" if days <= NEARLY_DUE_DAYS else ""
    return Text(t("tip.days_left", days=days), style=style)


def cell(kind: str, value: Any, today: date) -> Text:
    if value is None:
        return Text("")
    if kind == "date":
        return Text(format_date(value))
    if kind == "days":
        return days_left(value, today)
    if kind == "list":
        return Text(", ".join(str(item) for item in value))
    if kind.startswith("enum:"):
        return Text(enum_label(kind[5:], value))
    if isinstance(value, bool):
        return Text(t("word.yes") if value else t("word.no"))
    return Text(str(value))


def translate_bindings(node: DOMNode) -> None:
    """Give this node's key bindings descriptions in the operator's language.

    Bindings are declared with catalogue keys as descriptions ("key.new"); Textual keeps a copy
    per node, which is translated here, so the footer and help read in the current language.
    """
    translated = {
        key: [
            replace(binding, description=t(binding.description))
            if binding.description in MESSAGES
            else binding
            for binding in bindings
        ]
        for key, bindings in node._bindings.key_to_bindings.items()
    }
    node._bindings = BindingsMap.from_keys(translated)
