"""Importing a unit's register in the app: a file from the operator's folder on the server,
the same preview as `giapranh import --dry-run`, then the import on confirmation.

The folder is $GIAPRANH_IMPORT_DIR/<operator> (models.registers.importing.import_folder): the
operator copies files there (scp, a shared folder); the app lists only the registers in it,
never a path typed in. Admins import every kind; editors the kinds their unit may create, and
a row their unit may not write is a bad row like any other (models.access).
"""

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Select, Static
from textual.widgets.option_list import Option

from models import access
from models.errors import GiapranhError
from models.i18n import t
from models.registers.importing import Checked, check_register, files_in, import_folder
from models.tabular import COLUMNS
from tui.base import ReportsFailures, giapranh, in_thread
from tui.format import translate_bindings
from tui.screens.confirm import ConfirmScreen


class ImportScreen(ReportsFailures, Screen[None]):
    AUTO_FOCUS = "#import-files"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "key.back", id="import.back"),
        Binding("ctrl+s", "import", "key.import_confirm", id="import.confirm"),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self.checked: tuple[Path, str, Checked] | None = None

    def compose(self) -> ComposeResult:
        actor = giapranh(self).context.actor
        self.folder = import_folder(actor.username)
        kinds = [kind for kind in COLUMNS if access.can(actor, "create", kind)]
        yield Static(Text(t("import_screen.folder", folder=str(self.folder))), id="import-folder")
        yield Select(
            [(t(f"kind.{kind}"), kind) for kind in kinds],
            value=kinds[0] if kinds else Select.BLANK,
            allow_blank=not kinds,
            id="import-kind",
        )
        files = files_in(self.folder)
        options = [Option(Text(path.name), id=path.name) for path in files]
        yield OptionList(*options, id="import-files")
        with VerticalScroll(id="import-preview-box"):
            hint = "import_screen.pick" if files else "import_screen.empty"
            yield Static(Text(t(hint)), id="import-preview")
        yield Footer()

    def _kind(self) -> str | None:
        value = self.query_one("#import-kind", Select).value
        return value if isinstance(value, str) else None

    def _show(self, text: str) -> None:
        self.query_one("#import-preview", Static).update(Text(text))

    @on(OptionList.OptionSelected, "#import-files")
    async def _picked(self, event: OptionList.OptionSelected) -> None:
        await self._preview()

    @on(Select.Changed, "#import-kind")
    async def _kind_changed(self) -> None:
        if self.query_one("#import-files", OptionList).highlighted is not None and self.checked:
            await self._preview()

    def _path(self) -> Path | None:
        files = self.query_one("#import-files", OptionList)
        if files.highlighted is None:
            return None
        name = files.get_option_at_index(files.highlighted).id
        found = [path for path in files_in(self.folder) if path.name == name]
        return found[0] if found else None

    async def _run(self, path: Path, kind: str, write: bool) -> Checked | None:
        context = giapranh(self).context
        try:
            return await in_thread(  # type: ignore[no-any-return]
                self, lambda: check_register(context.engine, context.actor, path, kind, write=write)
            )
        except GiapranhError as error:
            self._show(error.message())
            return None

    async def _preview(self) -> None:
        path, kind = self._path(), self._kind()
        if path is None or kind is None:
            return
        self.checked = None
        self._show(t("import_screen.checking", name=path.name))
        checked = await self._run(path, kind, write=False)
        if checked is None:
            return
        self.checked = (path, kind, checked)
        verdict = (
            t("import.rejected", path=path.name, count=len(checked.problems))
            if checked.problems
            else t("import_screen.ready", count=checked.count, kind=t(f"kind.{kind}"))
        )
        self._show("\n".join([*checked.lines, "", verdict]))

    def action_import(self) -> None:
        self._import()

    @work(exclusive=True, group="import")
    async def _import(self) -> None:
        if self.checked is None or self.checked[2].problems or not self.checked[2].count:
            self.notify(t("import_screen.preview_first"), severity="warning")
            return
        path, kind, checked = self.checked
        question = t("import_screen.confirm", count=checked.count, kind=t(f"kind.{kind}"))
        if not await self.app.push_screen_wait(ConfirmScreen(question)):
            return
        done = await self._run(path, kind, write=True)
        if done is None:
            return
        self.checked = None
        if done.written:
            self._show(t("import.ok", count=done.count, kind=t(f"kind.{kind}"), path=path.name))
            self.notify(t("import.ok", count=done.count, kind=t(f"kind.{kind}"), path=path.name))
        else:  # the records changed since the preview
            self._show(
                "\n".join(
                    [
                        *done.lines,
                        "",
                        t("import.rejected", path=path.name, count=len(done.problems)),
                    ]
                )
            )
