"""Someone else saved the record while this operator was editing it: show what they changed
and let the operator choose to reload the latest version or to re-apply their own edit."""

from dataclasses import dataclass
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from models.i18n import t
from models.text import harmless
from tui.format import translate_bindings


@dataclass(frozen=True)
class FieldChange:
    label: str
    opened: str  # when this operator opened the form
    latest: str  # as the other operator saved it
    mine: str  # as this operator typed it


class ConflictScreen(ModalScreen[str | None]):
    """Dismisses with "reload", "reapply", or None (back to the form as it was typed)."""

    AUTO_FOCUS = "#reload"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "choose('reload')", "conflict.reload", id="conflict.reload"),
        Binding("a", "choose('reapply')", "conflict.reapply", id="conflict.reapply"),
        Binding("escape", "choose(None)", "key.back", id="conflict.back"),
    ]

    def __init__(self, headline: str, changes: list[FieldChange]) -> None:
        super().__init__()
        translate_bindings(self)
        self.headline, self.changes = headline, changes

    def compose(self) -> ComposeResult:
        table = Table(box=None, padding=(0, 1), expand=True)
        table.add_column(t("log.field"), style="bold", no_wrap=True)
        for key in ("conflict.opened", "conflict.latest", "conflict.mine"):
            table.add_column(t(key), ratio=1)
        for change in self.changes:
            mine = Text(change.mine, style="bold" if change.mine != change.opened else "dim")
            opened, latest = Text(change.opened), Text(change.latest, style="bold")
            table.add_row(Text(change.label), opened, latest, mine)
        with Vertical(id="conflict"):
            yield Static(Text(harmless(self.headline), style="bold"), id="conflict-title")
            with VerticalScroll(id="conflict-changes"):
                yield Static(table)
            yield Static(t("conflict.choices"), id="conflict-help")
            with Horizontal(id="conflict-buttons"):
                yield Button(f"{t('conflict.reload')} (r)", id="reload", compact=True)
                yield Button(
                    f"{t('conflict.reapply')} (a)", variant="primary", id="reapply", compact=True
                )
                yield Button(f"{t('key.back')} (Esc)", id="back", compact=True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id if event.button.id in ("reload", "reapply") else None)

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)
