"""The awards pane: the decisions, and `w` to write the highlighted one as its document into
the operator's own folder on the server (fetched by SFTP)."""

import uuid
from typing import ClassVar

from textual import work
from textual.binding import Binding, BindingType

from models.i18n import register, t
from tui.base import giapranh
from tui.panes.records import RecordPane

register(
    {
        "awards.key_write": ("Văn bản", "Document"),
        "work.write_award": ("ghi văn bản quyết định khen thưởng", "write the award decision"),
    }
)


class AwardsPane(RecordPane):
    KIND = "award_decisions"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "write_document", "awards.key_write", id="awards.write"),
    ]

    def action_write_document(self) -> None:
        decision = self.table.highlighted_id
        if decision is not None:
            self._write(decision)

    @work(
        thread=True,
        exclusive=True,
        group="award-write",
        exit_on_error=False,
        description="work.write_award",
    )
    def _write(self, decision: uuid.UUID) -> None:
        written = giapranh(self).context.write_award(decision)
        said = t("msg.written_to_folder", file=written.name, folder=str(written.parent))
        self.app.call_from_thread(self.notify, said, timeout=15)
