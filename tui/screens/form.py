"""A record's form: fields, choices, and the validation messages beside each field.

Nothing is saved until models/ accepts the whole record; its messages appear under the fields
they concern, in the operator's language, and the form stays open with what was typed.
"""

import uuid
from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Footer,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.select import InvalidSelectValueError

from models.detail import Detail
from models.errors import Conflict, GiapranhError, InvalidInput, NotFound
from models.i18n import t
from models.records import PROTECTED_FIELDS
from models.text import format_date, harmless
from tui.base import ReportsFailures, reason
from tui.context import AppContext, Options
from tui.format import enum_label, translate_bindings
from tui.forms import FORMS, FormField
from tui.screens.confirm import UnsavedScreen
from tui.screens.conflict import ConflictScreen, FieldChange
from tui.widgets.text_fields import Cleaned, LongText, TextField
from tui.widgets.tick_list import TickList


class FormScreen(ReportsFailures, ModalScreen[str | None]):
    """Create or edit one record. Dismisses with the saved record's code, or None."""

    AUTO_FOCUS = ".field-input"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "key.save", id="form.save", priority=True),
        Binding("escape", "cancel", "key.cancel", id="form.cancel"),
        Binding("f1", "app.help()", "key.help", id="form.help"),  # ? is a character here
    ]

    def __init__(
        self,
        context: AppContext,
        kind: str,
        *,
        record_id: uuid.UUID | None = None,
        version: int | None = None,
        values: dict[str, Any] | None = None,
        fixed: dict[str, Any] | None = None,
        code: str = "",
    ) -> None:
        super().__init__()
        translate_bindings(self)
        self.context, self.kind = context, kind
        self.record_id, self.version = record_id, version
        self.values = dict(values or {})
        self.fixed = dict(fixed or {})  # values the form does not show, e.g. the decision
        # Editing a record whose protected fields are not the operator's to see (another
        # unit's informant): those fields are not on the form at all.
        self.fields = [
            spec
            for spec in FORMS[kind]
            if record_id is None or spec.name not in PROTECTED_FIELDS or spec.name in self.values
        ]
        title_kind = t(f"kind.{kind}")
        self.title_text = (
            t("form.edit", kind=title_kind, code=code)
            if record_id
            else t("form.new", kind=title_kind)
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Static(self.title_text, id="form-title")
            # One flat grid (label, field; the error below spanning both): few widgets, so
            # moving between fields stays quick on a slow server.
            with Grid(id="form-fields"):
                for spec in self.fields:
                    row = f"row-{spec.name}"
                    mark = "*" if spec.required else " "
                    yield Label(f"{t(spec.label_key)}{mark}", classes=f"field-label {row}")
                    widget = self._widget(spec)
                    widget.add_class("field-input", row)
                    yield widget
                    yield Static("", classes=f"field-error {row}", id=f"error-{spec.name}")
            yield Static("", id="form-count")
            yield Static("", id="form-message")
            with Horizontal(id="form-buttons"):
                yield Button(t("key.save"), variant="primary", id="save", compact=True)
                yield Button(t("key.cancel"), id="cancel", compact=True)
        yield Footer()

    def _widget(self, spec: FormField) -> Widget:
        value = self._as_form(spec, self.values.get(spec.name))
        widget_id = f"field-{spec.name}"
        if spec.widget == "select":
            options = self._options(spec, value)
            initial = value if value in {code for _, code in options} else Select.NULL
            return Select(
                options,
                value=initial,
                allow_blank=not spec.required or initial is Select.NULL,
                prompt=t("form.none"),
                compact=True,
                id=widget_id,
            )
        if spec.widget == "multi":
            assert isinstance(spec.options, str)
            return TickList[str](
                *(
                    (label, code, code in value)
                    for label, code in self.context.options(spec.options)
                ),
                compact=True,
                id=widget_id,
            )
        if spec.widget == "long":
            return LongText(value, limit=spec.max_length, id=widget_id)
        hint = {"date": "form.date_hint", "codes": "form.codes_hint"}.get(spec.widget)
        return TextField(
            value,
            placeholder=t(hint) if hint else "",
            max_length=spec.max_length or 0,
            select_on_focus=False,
            compact=True,
            id=widget_id,
        )

    @staticmethod
    def _as_form(spec: FormField, value: Any) -> Any:
        """A record's value as its field holds it: a code or None, a sorted list, or text."""
        if spec.widget == "select":
            return value if value not in (None, "") else None
        if spec.widget == "multi":
            return sorted(value or [])
        if isinstance(value, date):
            return format_date(value)
        if isinstance(value, list):
            return ";".join(value)
        return "" if value is None else str(value).strip()

    def _set_field(self, spec: FormField, value: Any) -> None:
        widget = self.query_one(f"#field-{spec.name}")
        if isinstance(widget, Select):
            try:
                widget.value = Select.NULL if value is None else value
            except InvalidSelectValueError:
                pass  # a choice added meanwhile, not yet in this form's list: keep the field
        elif isinstance(widget, SelectionList):
            widget.deselect_all()
            for code in value:
                widget.select(code)
        elif isinstance(widget, TextArea):
            widget.text = value
        else:
            assert isinstance(widget, Input)
            widget.value = value

    def _options(self, spec: FormField, value: Any) -> Options:
        if isinstance(spec.options, tuple):
            return [(Text(enum_label(spec.enum, option)), option) for option in spec.options]
        options = list(self.context.options(spec.options))
        if value and value not in {code for _, code in options}:
            # e.g. an article not in the short list
            options.append((Text(harmless(str(value))), str(value)))
        return options

    def on_mount(self) -> None:
        self._apply_visibility()
        self.opened_with = self.collected()
        # The code is filled in for a new record: start where there is something to type.
        boxes = [box for box in self.query(".field-input") if isinstance(box, Input | TextArea)]
        empty = [box for box in boxes if not self._value((box.id or "").removeprefix("field-"))]
        if empty and self.record_id is None:
            self.set_focus(empty[0])
        elif self.record_id is not None:
            # An edit changes anything but the code first: start on the field after it.
            first = next(
                (box for box in self.query(".field-input") if box.id != "field-code"), None
            )
            if first is not None:
                self.set_focus(first)

    # --- what the operator typed, and how much of it a field takes -------------------------------

    def _count(self, widget: Widget | None) -> None:
        spec = next((s for s in self.fields if widget and widget.id == f"field-{s.name}"), None)
        text = ""
        if spec is not None and spec.max_length and isinstance(widget, Input | TextArea):
            length = len(widget.value if isinstance(widget, Input) else widget.text)
            text = t("form.count", field=t(spec.label_key), n=length, limit=spec.max_length)
        self.query_one("#form-count", Static).update(text)

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _text_changed(self, event: Input.Changed | TextArea.Changed) -> None:
        widget = event.input if isinstance(event, Input.Changed) else event.text_area
        self._count(widget)

    def on_descendant_focus(self, event: Any) -> None:
        self._count(self.focused)

    @on(Cleaned)
    def _cleaned(self, event: Cleaned) -> None:
        keys = {"control": "form.paste_cleaned", "cut": "form.paste_cut"}
        self.notify(t(keys[event.what]), severity="warning", timeout=6)

    # --- fields that depend on others (a cleared case asks for the cleared date) ---------------

    def _apply_visibility(self, changed: str | None = None) -> None:
        for spec in self.fields:
            if spec.show_if is None:
                continue
            source, values = spec.show_if
            shown = self._value(source) in values
            was_shown = self._shown(spec.name)
            self._show_row(spec.name, shown)
            if shown and changed == source and not was_shown:
                date_input = self.query_one(f"#field-{spec.name}", Input)
                if not date_input.value:
                    date_input.value = format_date(self.context.today)
                date_input.focus()

    def _shown(self, name: str) -> bool:
        return self.query_one(f"#field-{name}").display

    def _show_row(self, name: str, shown: bool) -> None:
        for widget in self.query(f".row-{name}"):
            widget.display = shown and not widget.has_class("field-error")

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        name = (event.select.id or "").removeprefix("field-")
        self._apply_visibility(changed=name)

    def _value(self, name: str) -> Any:
        widget = self.query_one(f"#field-{name}")
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else widget.value
        if isinstance(widget, SelectionList):
            return list(widget.selected)
        if isinstance(widget, TextArea):
            return widget.text
        assert isinstance(widget, Input)
        return widget.value

    def collected(self) -> dict[str, Any]:
        """The form's values; hidden fields count as empty."""
        data: dict[str, Any] = dict(self.fixed)
        for spec in self.fields:
            value = self._value(spec.name) if self._shown(spec.name) else None
            data[spec.name] = [] if spec.widget == "multi" and value is None else value
        return data

    # --- saving --------------------------------------------------------------------------------

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self._show_problems({}, "")
        self._save(self.collected())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close the form; what was typed is never lost without a question. An Esc that closes
        a drop-down closes only the drop-down."""
        for select in self.query(Select):
            if select.expanded:
                select.expanded = False
                return
        if self.collected() == self.opened_with:
            self.dismiss(None)
            return

        def answered(choice: str | None) -> None:
            if choice == "save":
                self.action_save()
            elif choice == "discard":
                self.dismiss(None)

        self.app.push_screen(UnsavedScreen(), answered)

    @work(
        thread=True, exclusive=True, group="form-save", exit_on_error=False, description="work.save"
    )
    def _save(self, data: dict[str, Any]) -> None:
        try:
            code = self.context.save(self.kind, data, self.record_id, self.version)
        except InvalidInput as error:
            self.app.call_from_thread(self._show_problems, error.by_field(), t("form.invalid"))
        except Conflict as error:
            try:
                assert self.record_id is not None
                latest = self.context.describe(self.kind, self.record_id)
                who = self.context.last_change(latest.id)
            except NotFound:
                self.app.call_from_thread(self._show_problems, {}, t("msg.record_gone"))
            else:
                headline = error.message()
                if who is not None:
                    headline = t("conflict.by", code=latest.code, by=who[0], at=who[1])
                changes = self._changes(latest, data)
                self.app.call_from_thread(self._conflicted, error, latest, headline, changes, data)
        except GiapranhError as error:
            self.app.call_from_thread(self._show_problems, {}, error.message())
        except Exception as error:  # unforeseen: say so, keep what was typed, log it
            self.log.error(repr(error))
            self.app.call_from_thread(self._show_problems, {}, t("msg.error", error=reason(error)))
        else:
            self.app.call_from_thread(self.dismiss, code)

    # --- someone else saved it first ------------------------------------------------------------

    def _changes(self, latest: Detail, mine: dict[str, Any]) -> list[FieldChange]:
        """The fields saved by someone else since the form opened (options: from the database,
        so this runs in a thread)."""
        changes = []
        for spec in self.fields:
            opened = self._as_form(spec, self.values.get(spec.name))
            now = self._as_form(spec, latest.record.get(spec.name))
            if opened != now:
                typed = self._as_form(spec, mine.get(spec.name))
                shown = [self._shown_value(spec, value) for value in (opened, now, typed)]
                changes.append(FieldChange(t(spec.label_key), *shown))
        return changes

    def _conflicted(
        self,
        error: Conflict,
        latest: Detail,
        headline: str,
        changes: list[FieldChange],
        mine: dict[str, Any],
    ) -> None:
        def chosen(choice: str | None) -> None:
            if choice is None:
                self._show_problems({}, error.message())
                return
            self._rebase(latest, mine if choice == "reapply" else None)
            if choice == "reapply":
                self.action_save()
            else:
                self._show_problems({}, t("conflict.reloaded"))

        self.app.push_screen(ConflictScreen(headline, changes), chosen)

    def _rebase(self, latest: Detail, mine: dict[str, Any] | None) -> None:
        """The form on the latest version: its values, and with `mine` the fields this operator
        changed since opening the form (their other fields take the latest values)."""
        for spec in self.fields:
            opened = self._as_form(spec, self.values.get(spec.name))
            value = self._as_form(spec, latest.record.get(spec.name))
            if mine is not None:
                typed = self._as_form(spec, mine.get(spec.name))
                value = typed if typed != opened else value
            self._set_field(spec, value)
        self.values, self.version = dict(latest.record), latest.version
        self._apply_visibility()

    def _shown_value(self, spec: FormField, value: Any) -> str:
        if value in (None, "", []):
            return "—"
        codes = value if isinstance(value, list) else [value]
        if spec.widget in ("select", "multi"):
            labels = {code: label.plain for label, code in self._options(spec, None)}
            codes = [labels.get(code, code) for code in codes]
        return ", ".join(harmless(str(code)) for code in codes)

    def _show_problems(self, problems: dict[str, str], message: str) -> None:
        names = {spec.name for spec in self.fields}
        unplaced = [f"{field}: {text}" for field, text in problems.items() if field not in names]
        for spec in self.fields:
            error = self.query_one(f"#error-{spec.name}", Static)
            error.update(Text(harmless(problems.get(spec.name, ""))))
            error.display = spec.name in problems
            for widget in self.query(f".row-{spec.name}"):
                widget.set_class(spec.name in problems, "-invalid")
            if spec.name in problems and not self._shown(spec.name):
                self._show_row(spec.name, True)
        shown = Text(harmless("\n".join([message, *unplaced]).strip()))
        self.query_one("#form-message", Static).update(shown)
        if problems:
            first = next(spec.name for spec in self.fields if spec.name in problems)
            self.query_one(f"#field-{first}").focus()
