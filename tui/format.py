"""How values look on screen: dates dd/mm/yyyy, translated codes, the tip's countdown."""

from dataclasses import replace
from datetime import date
from typing import Any

from rich.text import Text
from textual.binding import BindingsMap
from textual.dom import DOMNode

import tui.messages  # noqa: F401 - registers the interface's messages
from models.articles import ARTICLES
from models.detail import Detail, Link, Shown
from models.i18n import MESSAGES, t
from models.legal_clock import step_label
from models.text import find_words, format_date
from models.tips import NEARLY_DUE_DAYS


def enum_label(prefix: str, value: str | None) -> str:
    if value is None:
        return ""
    key = f"{prefix}.{value}"
    return t(key) if key in MESSAGES else value


def days_left(deadline: date | None, today: date, notice: int = NEARLY_DUE_DAYS) -> Text:
    """'còn 5' / 'quá 3' for an open tip or investigation, styled so overdue ones and those
    due within `notice` days stand out."""
    if deadline is None:
        return Text("")
    days = (deadline - today).days
    if days < 0:
        return Text(t("tip.overdue_days", days=-days), style="bold red")
    style = "bold yellow" if days <= notice else ""
    return Text(t("tip.days_left", days=days), style=style)


def cell(kind: str, value: Any, today: date) -> Text:
    if value is None:
        return Text("")
    if kind == "date":
        return Text(format_date(value))
    if kind == "days":
        return days_left(value, today)
    if kind.startswith("days:"):
        return days_left(value, today, int(kind[5:]))
    if kind == "list":
        return Text(", ".join(str(item) for item in value))
    if kind == "number":
        return Text(str(value))
    if kind.startswith("enum:"):
        return Text(enum_label(kind[5:], value))
    if isinstance(value, bool):
        return Text(t("word.yes") if value else t("word.no"))
    return Text(str(value))


def article_label(article: str, clause: str | None = None) -> str:
    """'Điều 173 khoản 1 — Trộm cắp tài sản'."""
    text = t("word.article", article=article)
    if clause:
        text += " " + t("word.clause", clause=clause)
    name = ARTICLES.get(article)
    return f"{text} — {name}" if name else text


def shown_value(field: Shown, today: date) -> str:
    """A detail field's value as the detail view shows it ("" when there is none)."""
    value, kind = field.value, field.format
    if value is None or value == "" or value == []:
        return ""
    if kind == "article":
        return article_label(*value)
    if kind == "locality":
        name, border_zone = value
        return f"{name} ({t('word.border_zone')})" if border_zone else name
    if kind == "deadline":  # (deadline, how it was set, counting)
        deadline, how, counting = value
        text = format_date(deadline) + (f" ({t(how)})" if how else "")
        return text + (f" — {days_left(deadline, today).plain}" if counting else "")
    if kind == "investigation":  # (deadline, stage, counting)
        deadline, stage, counting = value
        text = format_date(deadline)
        if stage and stage != "base":
            text += f" ({step_label('investigation', stage)})"
        if counting:
            text += f" — {days_left(deadline, today).plain}"
        return text
    if kind == "ask_by":  # (the last day to ask for an extension, the deadline)
        ask_by, deadline = value
        days = (ask_by - today).days
        key = "ask_by.ahead" if days > 0 else "ask_by.today" if days == 0 else "ask_by.passed"
        notice = (deadline - ask_by).days if deadline else 0
        return t(key, day=format_date(ask_by), days=days, notice=notice)
    return cell(kind, value, today).plain


def shown_style(field: Shown, today: date) -> str:
    """How a detail field's value stands out: the day to ask for an extension once it came."""
    if field.format == "ask_by" and field.value:
        days = (field.value[0] - today).days
        return "" if days > 0 else "bold yellow" if days == 0 else "bold red"
    return ""


def link_text(link: Link) -> str:
    """A linked record's line: its day, what names it, its status (a decision: the deadline it
    left in force)."""
    text = f"{t(link.lead)}: {link.text}" if link.lead else link.text
    if link.note:
        text += f" ({t(link.note)})"
    if link.until:
        text += f" → {format_date(link.until)}"
    return f"{format_date(link.day)}  {text}" if link.day else text


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


def where_it_matched(detail: Detail, search: str, today: date, width: int) -> Text:
    """'Tóm tắt: …tại bãi Vũng Chào…': the field of a record a search found it by, cut to
    `width` around the words found, which are marked (reverse video reads in 16 colours too)."""
    places = [(t("col.code"), detail.code)]
    places += [(t(field.label), shown_value(field, today)) for field in detail.fields]
    places += [
        (t(group.title), f"{link.code} {link.text}")
        for group in detail.groups
        for link in group.links
    ]
    found = [(label, value, find_words(value, search)) for label, value in places if value]
    best = max(found, key=lambda place: len(place[2]), default=None)
    if best is None or not best[2]:
        return Text(t("search.matched_elsewhere"), style="dim")
    label, value, spans = best
    head = f"{t('search.matched_in', field=label)} "
    room = max(width - len(head), 10)
    first = spans[0][0]
    start = max(0, min(first - room // 3, len(value) - room))
    end = min(len(value), start + room)
    shown = Text(head, style="bold")
    shown.append("…" if start else "")
    piece = Text(value[start:end])
    for span_start, span_end in spans:
        if span_end > start and span_start < end:
            piece.stylize("reverse bold", max(span_start - start, 0), span_end - start)
    shown.append_text(piece)
    shown.append("…" if end < len(value) else "")
    return shown
