"""A reference chosen as it is typed: a code, or any part of a name without tone marks, completes
from the database (models.choices) in a list under the box; the name of what was chosen shows
beside it. Only the first few matches are ever asked for, whatever the size of the table.

The box holds codes (several separated by `;` where the field takes many), so what an operator
types stays what is saved; a code of another system (a tip's case kept elsewhere) may be typed as
is where the field allows it (`free`).
"""

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from models.choices import Choice
from models.i18n import t
from tui.widgets.text_fields import TextField

# (kind, text) → choices, and (kind, codes) → names: blocking, called from a thread worker.
Complete = Callable[[str, str], list[Choice]]
Name = Callable[[str, list[str]], dict[str, str]]
TYPING_PAUSE = 0.03  # seconds after the last key before asking (a burst, a paste, asks once)
SEPARATOR = ";"


def split_codes(text: str) -> list[str]:
    return [code.strip() for code in text.split(SEPARATOR) if code.strip()]


class PickerBox(TextField):
    """The box of a picker: Up and Down move in its list, Enter takes the highlighted choice and
    Esc closes the list (only the list: the form stays)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("enter", "take", show=False),
        Binding("escape", "close", show=False),
    ]

    @property
    def picker(self) -> "Picker":
        parent = self.parent.parent if self.parent else None
        assert isinstance(parent, Picker)
        return parent

    def insert_text_at_cursor(self, text: str) -> None:
        """Typing over a chosen code starts a new search (one code: several keep theirs)."""
        picker = self.picker
        if not picker.many and self.value and self.value == picker.chosen:
            self.value = ""
        super().insert_text_at_cursor(text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("move", "take", "close"):
            return self.picker.expanded
        return super().check_action(action, parameters)

    def action_move(self, step: int) -> None:
        options = self.picker.options
        if options.option_count:
            current = options.highlighted
            wanted = 0 if current is None else current + step
            options.highlighted = max(0, min(options.option_count - 1, wanted))

    def action_take(self) -> None:
        self.picker.take_highlighted()

    def action_close(self) -> None:
        self.picker.expanded = False


class PickerOptions(OptionList, can_focus=False):
    """The list under a picker's box (the box keeps the focus)."""


class Picker(Widget):
    DEFAULT_CSS = """
    Picker { height: auto; width: 1fr; }
    Picker > Horizontal { height: 1; width: 1fr; }
    Picker PickerBox { width: 22; }
    Picker.-many PickerBox:focus { width: 1fr; }
    Picker .picker-name { width: 1fr; height: 1; padding-left: 1; color: $text-muted; }
    Picker > PickerOptions {
        overlay: screen;
        constrain: inside inside;
        display: none;
        width: 1fr;
        max-height: 10;
        border: round $primary;
        background: $panel;
    }
    Picker.-expanded > PickerOptions { display: block; }
    """

    def __init__(
        self,
        kind: str,
        value: str,
        *,
        complete: Complete,
        name_of: Name,
        many: bool = False,
        free: bool = False,
        max_length: int = 0,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.kind, self.many, self.free = kind, many, free
        self._complete, self._name_of = complete, name_of
        self._initial, self._max_length = value, max_length
        self._timer: Timer | None = None
        self._asking = 0  # the current question: older answers are dropped
        self._shown: list[Choice] = []
        self.shown_for: str | None = None  # what the list's choices were found for
        self._names: dict[str, str] = {}
        self._set: str | None = None  # the text a choice put in the box
        self.chosen = value  # the code chosen or given, while it is what the box holds
        self.set_class(many, "-many")

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield PickerBox(
                self._initial,
                placeholder=t("picker.hint_many" if self.many else "picker.hint"),
                max_length=self._max_length,
                select_on_focus=False,
                compact=True,
            )
            yield Static("", classes="picker-name")
        yield PickerOptions()

    def on_mount(self) -> None:
        self._name_codes(self.codes)

    @property
    def box(self) -> PickerBox:
        return self.query_one(PickerBox)

    @property
    def options(self) -> PickerOptions:
        return self.query_one(PickerOptions)

    @property
    def expanded(self) -> bool:
        return self.has_class("-expanded")

    @expanded.setter
    def expanded(self, shown: bool) -> None:
        if not shown:  # an answer still on its way must not open it again
            self._asking += 1
            if self._timer is not None:
                self._timer.stop()
        self.set_class(shown, "-expanded")

    def focus(self, scroll_visible: bool = True) -> "Picker":
        self.box.focus(scroll_visible)
        return self

    # --- the value ------------------------------------------------------------------------------

    @property
    def codes(self) -> list[str]:
        return split_codes(self.box.value)

    @property
    def value(self) -> Any:
        """The codes typed (a list where the field takes many), or None."""
        codes = self.codes
        if self.many:
            return codes
        return codes[0] if codes else None

    @value.setter
    def value(self, value: Any) -> None:
        if isinstance(value, str):
            codes = split_codes(value) if self.many else [value.strip()]
        else:
            codes = list(value or []) if self.many else ([value] if value else [])
        self._set = f"{SEPARATOR} ".join(codes)
        self.chosen = self._set
        self.box.value = self._set
        self._name_codes(self.codes)

    def _typed(self) -> str:
        """What is being typed: the last code of several."""
        return self.box.value.rsplit(SEPARATOR, 1)[-1].strip() if self.many else self.box.value

    # --- completing ------------------------------------------------------------------------------

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        # The message goes on to the form, which counts characters and notices changes.
        if not self.box.has_focus or event.value == self._set:
            return  # set by the form or by a choice, not typed
        if self._timer is not None:
            self._timer.stop()
        typed = self._typed()
        self._asking += 1
        asking = self._asking
        self._timer = self.set_timer(TYPING_PAUSE, lambda: self._ask(typed, asking))
        self.query_one(".picker-name", Static).update("")

    @work(thread=True, exclusive=True, group="picker", exit_on_error=False, description="work.pick")
    def _ask(self, typed: str, asking: int) -> None:
        found = self._complete(self.kind, typed)
        self.app.call_from_thread(self._show, typed, found, asking)

    def _show(self, typed: str, found: list[Choice], asking: int) -> None:
        if asking != self._asking or typed != self._typed() or not self.box.has_focus:
            return  # typing went on, or the operator left: a newer answer is coming, or none
        self._shown, self.shown_for = found, typed
        options = self.options
        options.clear_options()
        for choice in found:
            options.add_option(Option(Text(choice.label), id=choice.code))
        if not found:
            options.add_option(Option(t("picker.none"), disabled=True))
        else:
            options.highlighted = 0
        self.expanded = True

    def take_highlighted(self) -> None:
        index = self.options.highlighted
        if index is not None and index < len(self._shown):
            self._take(self._shown[index])
        else:
            self.expanded = False

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = next((c for c in self._shown if c.code == event.option.id), None)
        if chosen is not None:
            self._take(chosen)

    def _take(self, choice: Choice) -> None:
        self.expanded = False
        self._names[choice.code] = choice.name
        if self.many:
            before, separated, _ = self.box.value.rpartition(SEPARATOR)
            kept = split_codes(before) if separated else []
            codes = [*(code for code in kept if code != choice.code), choice.code]
            text = f"{SEPARATOR} ".join(codes) + f"{SEPARATOR} "
        else:
            text = choice.code
        self._set = self.chosen = text
        self.box.value = text
        self.box.cursor_position = len(text)
        self._show_names()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """Leaving with a list open: a name typed that found exactly one record takes it."""
        if self.expanded and not self.free and not self.many and len(self._shown) == 1:
            if self.box.value.strip().upper() != self._shown[0].code.upper():
                self._take(self._shown[0])
        self.expanded = False
        self._name_codes(self.codes)

    # --- the names of the codes ------------------------------------------------------------------

    def _name_codes(self, codes: list[str]) -> None:
        missing = [code for code in codes if code not in self._names]
        if missing:
            self._look_up(missing)
        else:
            self._show_names()

    @work(thread=True, group="picker-names", exit_on_error=False, description="work.pick")
    def _look_up(self, codes: list[str]) -> None:
        found = self._name_of(self.kind, codes)
        self.app.call_from_thread(self._named, codes, found)

    def _named(self, codes: list[str], found: dict[str, str]) -> None:
        self._names.update(found)
        self._show_names()

    def _show_names(self) -> None:
        shown = []
        for code in self.codes:
            name = self._names.get(code)
            if name is None and self.free:
                continue
            shown.append(name if name is not None else t("picker.unknown", code=code))
        text = "; ".join(shown) if self.many else (shown[0] if shown else "")
        self.query_one(".picker-name", Static).update(Text(text))
