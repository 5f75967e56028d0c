"""A yes/no question, answered by y/n, Enter/Escape or the mouse."""

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from models.i18n import t
from models.text import harmless
from tui.format import translate_bindings


class ConfirmScreen(ModalScreen[bool]):
    AUTO_FOCUS = "#no"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "key.yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "key.no", id="confirm.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        translate_bindings(self)
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(Text(harmless(self.question)), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{t('key.yes')} (y)", variant="error", id="yes", compact=True)
                yield Button(f"{t('key.no')} (n)", id="no", compact=True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class UnsavedScreen(ModalScreen[str | None]):
    """A form closed with changes in it: save, discard, or keep editing (Esc keeps editing)."""

    AUTO_FOCUS = "#keep"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "answer('save')", "key.save", id="unsaved.save"),
        Binding("d", "answer('discard')", "key.discard", id="unsaved.discard"),
        Binding("escape,k", "answer(None)", "key.keep_editing", id="unsaved.keep"),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(t("form.unsaved"), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{t('key.save')} (s)", variant="primary", id="save", compact=True)
                yield Button(f"{t('key.discard')} (d)", variant="error", id="discard", compact=True)
                yield Button(f"{t('key.keep_editing')} (Esc)", id="keep", compact=True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "keep" else event.button.id)

    def action_answer(self, choice: str | None) -> None:
        self.dismiss(choice)
