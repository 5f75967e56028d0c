"""Filter a list by status, unit, article, locality and a date range."""

from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from models.i18n import t
from models.text import format_date, parse_date, printable
from tui.base import giapranh
from tui.context import Options
from tui.format import enum_label, translate_bindings
from tui.widgets.picker import Picker


class FilterScreen(ModalScreen[dict[str, Any] | None]):
    """Dismisses with the chosen filters as codes and dates (None: cancelled)."""

    AUTO_FOCUS = "Select, Input, PickerBox"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "apply", "key.filter", id="filter.apply", priority=True),
        Binding("escape", "cancel", "key.cancel", id="filter.cancel"),
    ]

    def __init__(
        self,
        *,
        statuses: tuple[str, ...],
        status_prefix: str,
        status_label: str,
        localities: bool,
        articles: Options | None,
        current: dict[str, Any],
    ) -> None:
        super().__init__()
        translate_bindings(self)
        self.statuses, self.status_prefix, self.status_label = statuses, status_prefix, status_label
        self.localities, self.articles = localities, articles
        self.current = current

    def compose(self) -> ComposeResult:
        def select(name: str, options: Options) -> Select[str]:
            value = self.current.get(name)
            known = {code for _, code in options}
            return Select(
                options,
                value=value if value in known else Select.NULL,
                prompt=t("filter.any"),
                compact=True,
                id=f"filter-{name}",
            )

        def picker(name: str, kind: str) -> Picker:
            context = giapranh(self).context
            return Picker(
                kind,
                self.current.get(name) or "",
                complete=context.choices,
                name_of=context.names,
                id=f"filter-{name}",
            )

        with Vertical(id="filters"):
            yield Static(t("filter.title"), id="filters-title")
            if self.statuses:
                yield Label(t(self.status_label))
                yield select(
                    "status", [(Text(enum_label(self.status_prefix, s)), s) for s in self.statuses]
                )
            yield Label(t("filter.unit"))
            yield picker("unit", "units")
            if self.localities:
                yield Label(t("filter.locality"))
                yield picker("locality", "localities")
            if self.articles is not None:
                yield Label(t("filter.article"))
                yield select("article", self.articles)
            with Horizontal(id="filter-dates"):
                for name in ("date_from", "date_to"):
                    value = self.current.get(name)
                    with Vertical():
                        yield Label(t(f"filter.{name}"))
                        yield Input(
                            format_date(value) if value else "",
                            placeholder=t("form.date_hint"),
                            compact=True,
                            id=f"filter-{name}",
                        )
            yield Static("", id="filter-error")
            with Horizontal(id="filter-buttons"):
                yield Button(t("key.filter"), variant="primary", id="apply", compact=True)
                yield Button(t("key.clear_filters"), id="clear", compact=True)

    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        chosen: dict[str, Any] = {}
        for select in self.query(Select):
            name = (select.id or "").removeprefix("filter-")
            chosen[name] = None if select.value is Select.NULL else select.value
        for picked in self.query(Picker):
            chosen[(picked.id or "").removeprefix("filter-")] = picked.value
        for name in ("date_from", "date_to"):
            text = self.query_one(f"#filter-{name}", Input).value.strip()
            try:
                chosen[name] = parse_date(text) if text else None
            except ValueError:
                self.query_one("#filter-error", Static).update(
                    Text(f"{t(f'filter.{name}')}: {printable(text)} — {t('err.date')}")
                )
                self.query_one(f"#filter-{name}", Input).focus()
                return
        start, end = chosen.get("date_from"), chosen.get("date_to")
        if isinstance(start, date) and isinstance(end, date) and start > end:
            self.query_one("#filter-error", Static).update(t("error.period"))
            return
        self.dismiss(chosen)

    @on(Button.Pressed, "#clear")
    def _clear(self) -> None:
        self.dismiss({})

    def action_cancel(self) -> None:
        self.dismiss(None)
