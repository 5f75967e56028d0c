"""A record's form: fields, choices, and the validation messages beside each field.

Nothing is saved until models/ accepts the whole record; its messages appear under the fields
they concern, in the operator's language, and the form stays open with what was typed.
"""

import uuid
from dataclasses import replace
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Label, Select, Static, TextArea

from models.detail import Detail
from models.errors import Conflict, GiapranhError, InvalidInput, NotFound
from models.i18n import t
from models.records import PROTECTED_FIELDS
from models.text import format_date, harmless
from tui.base import ReportsFailures, reason
from tui.context import AppContext
from tui.format import translate_bindings
from tui.forms import FORMS, FormField, question
from tui.screens.confirm import ConfirmScreen, UnsavedScreen
from tui.screens.conflict import ConflictScreen, FieldChange
from tui.screens.form_fields import as_form, field_value, field_widget, options, set_field
from tui.widgets.picker import Picker
from tui.widgets.text_fields import Cleaned


class FormScreen(ReportsFailures, ModalScreen[str | None]):
    """Create or edit one record. Dismisses with the saved record's code, or None."""

    AUTO_FOCUS = ".field-input"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "key.save", id="form.save", priority=True),
        Binding("ctrl+n", "save_and_new", "key.save_new", id="form.save_new", priority=True),
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
        choices: dict[str, tuple[str, ...]] | None = None,
        code: str = "",
        from_tip: tuple[uuid.UUID, int] | None = None,
    ) -> None:
        super().__init__()
        translate_bindings(self)
        self.context, self.kind = context, kind
        self.record_id, self.version = record_id, version
        self.values = dict(values or {})
        self.fixed = dict(fixed or {})  # values the form does not show, e.g. the decision
        choices = choices or {}
        self.from_tip = from_tip  # a new case's tip, "case opened" with it (models.workflow)
        self.again: dict[str, Any] | None = None  # saved with "save and new": what was saved
        # Editing a record whose protected fields are not the operator's to see (another
        # unit's informant): those fields are not on the form at all.
        self.fields = [
            replace(spec, options=choices[spec.name]) if spec.name in choices else spec
            for spec in FORMS[kind]
            if (record_id is None or spec.name not in PROTECTED_FIELDS or spec.name in self.values)
            and spec.name not in self.fixed
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
                    value = as_form(spec, self.values.get(spec.name))
                    widget = field_widget(self.context, spec, value)
                    widget.add_class("field-input", row)
                    yield widget
                    yield Static("", classes=f"field-error {row}", id=f"error-{spec.name}")
            yield Static("", id="form-count")
            yield Static("", id="form-message")
            with Horizontal(id="form-buttons"):
                yield Button(t("key.save"), variant="primary", id="save", compact=True)
                yield Button(t("key.cancel"), id="cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self._apply_visibility()
        self.opened_with = self.collected()
        # The code is filled in for a new record: start where there is something to type.
        boxes = [
            box for box in self.query(".field-input") if isinstance(box, Input | TextArea | Picker)
        ]
        empty = [box for box in boxes if not self._value((box.id or "").removeprefix("field-"))]
        if self.from_tip is not None:  # the title starts with the tip's summary: finish it
            title = self.query_one("#field-title", TextArea)
            title.focus()
            title.move_cursor(title.document.end)
        elif empty and self.record_id is None:
            empty[0].focus()
        elif self.record_id is not None:
            # An edit changes anything but the code first: start on the field after it.
            first = next(
                (box for box in self.query(".field-input") if box.id != "field-code"), None
            )
            if first is not None:
                first.focus()

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
        return field_value(self.query_one(f"#field-{name}"))

    def collected(self) -> dict[str, Any]:
        """The form's values; hidden fields count as empty."""
        data: dict[str, Any] = dict(self.fixed)
        for spec in self.fields:
            value = self._value(spec.name) if self._shown(spec.name) else None
            data[spec.name] = [] if spec.widget == "picks" and value is None else value
        return data

    # --- saving --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save_and_new":  # a new record only: an edit has no "next"
            return self.record_id is None and self.from_tip is None
        return True

    @on(Button.Pressed, "#save")
    def action_save(self, again: bool = False) -> None:
        """Save; a save that is allowed but likely not meant (a tip "case opened" without its
        case) asks first."""
        self._show_problems({}, "")
        data = self.collected()
        asked = question(self.kind, data)
        if asked is None:
            self._save(data, again)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._save(data, again)

        self.app.push_screen(ConfirmScreen(t(asked)), answered)

    def action_save_and_new(self) -> None:
        """Save, and start the next record with the values an operator repeats."""
        self.action_save(again=True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close the form; what was typed is never lost without a question. An Esc that closes
        a drop-down closes only the drop-down."""
        for select in self.query(Select):
            if select.expanded:
                select.expanded = False
                return
        for picker in self.query(Picker):
            if picker.expanded:
                picker.expanded = False
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
    def _save(self, data: dict[str, Any], again: bool = False) -> None:
        try:
            code = self.context.save(self.kind, data, self.record_id, self.version, self.from_tip)
        except InvalidInput as error:
            self.app.call_from_thread(self._show_problems, error.by_field(), t("form.invalid"))
        except Conflict as error:
            if self.record_id is None:  # the tip of a new case changed meanwhile
                self.app.call_from_thread(self._show_problems, {}, error.message())
                return
            try:
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
            self.again = data if again else None
            self.app.call_from_thread(self.dismiss, code)

    # --- someone else saved it first ------------------------------------------------------------

    def _changes(self, latest: Detail, mine: dict[str, Any]) -> list[FieldChange]:
        """The fields saved by someone else since the form opened (options: from the database,
        so this runs in a thread)."""
        changes = []
        for spec in self.fields:
            opened = as_form(spec, self.values.get(spec.name))
            now = as_form(spec, latest.record.get(spec.name))
            if opened != now:
                typed = as_form(spec, mine.get(spec.name))
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
            opened = as_form(spec, self.values.get(spec.name))
            value = as_form(spec, latest.record.get(spec.name))
            if mine is not None:
                typed = as_form(spec, mine.get(spec.name))
                value = typed if typed != opened else value
            set_field(self.query_one(f"#field-{spec.name}"), value)
        self.values, self.version = dict(latest.record), latest.version
        self._apply_visibility()

    def _shown_value(self, spec: FormField, value: Any) -> str:
        if value in (None, "", []):
            return "—"
        codes = value if isinstance(value, list) else [value]
        if spec.widget == "select":
            labels = {code: label.plain for label, code in options(self.context, spec, None)}
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
