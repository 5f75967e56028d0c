"""One record in full, with its linked records: Enter opens a link, Escape goes back."""

import uuid
from datetime import date
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from models.clock_decisions import CASE_STEPS, TIP_STEPS
from models.detail import DETAIL_KINDS, Detail
from models.errors import GiapranhError, NotFound
from models.i18n import register, t
from models.text import harmless
from tui.base import ReportsFailures, giapranh, in_thread
from tui.format import link_text, shown_style, shown_value, translate_bindings
from tui.screens.confirm import ConfirmScreen

register(
    {
        "key.approve": ("Duyệt/mở lại", "Approve/reopen"),
        "key.write_document": ("Văn bản", "Document"),
        "work.approve": ("duyệt báo cáo sơ kết", "approve the review"),
        "review.ask_approve": (
            "Duyệt {code}? Số liệu của kỳ và các hồ sơ được giữ nguyên từ nay; muốn sửa phải mở "
            "lại.",
            "Approve {code}? Its figures and records are frozen from now on; to change it, "
            "reopen it.",
        ),
        "review.ask_reopen": (
            "Mở lại {code}? Báo cáo lại là dự thảo, số liệu đã duyệt được bỏ.",
            "Reopen {code}? It becomes a draft again and its approved figures are dropped.",
        ),
        "review.approved_now": ("Đã duyệt {code}.", "Approved {code}."),
        "review.reopened_now": ("Đã mở lại {code}.", "Reopened {code}."),
        "review.writing_one": ("Đang ghi báo cáo…", "Writing the report…"),
    }
)


def detail_text(detail: Detail, today: date) -> Text:
    """The record's fields as aligned 'label  value' lines."""
    width = max((len(t(field.label)) for field in detail.fields), default=0)
    text = Text()
    for field in detail.fields:
        # A value of several lines (a review's figures) goes on under its first, aligned.
        value = shown_value(field, today).replace("\n", "\n" + " " * (width + 2))
        if value:
            text.append(f"{t(field.label):<{width}}  ", style="bold")
            text.append(value, style=shown_style(field, today))
            text.append("\n")
    return text


class DetailScreen(ReportsFailures, Screen[None]):
    AUTO_FOCUS = "#detail-links"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "key.back", id="detail.back"),
        Binding("e", "edit", "key.edit", id="detail.edit"),
        Binding("d", "delete", "key.delete", id="detail.delete"),
        Binding("a", "add_recipient", "key.add_recipient", id="detail.add_recipient"),
        Binding("c", "open_case", "key.open_case", id="detail.open_case"),
        Binding("q", "decide", "key.decide", id="detail.decide"),
        Binding("v", "approve", "key.approve", id="detail.approve"),
        Binding("w", "write_review", "key.write_document", id="detail.write_review"),
    ]

    def __init__(self, kind: str, record_id: uuid.UUID) -> None:
        super().__init__()
        translate_bindings(self)
        self.kind, self.record_id = kind, record_id
        self.detail: Detail | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="detail"):
            yield Static(t("msg.loading"), id="detail-title")
            with VerticalScroll(id="detail-fields"):
                yield Static("", id="detail-fields-text")
            yield OptionList(id="detail-links", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_detail()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        may_change = self.detail is None or self.detail.may_change
        if action == "add_recipient":
            return self.kind == "award_decisions"
        if action == "decide":
            may = self.detail is None or self.detail.may_change
            return self.kind in ("tips", "cases") and giapranh(self).can_write and may
        if action == "write_review":
            return self.kind == "reviews"
        if action == "approve":
            return self.kind == "reviews" and giapranh(self).can_write and may_change
        if action == "open_case":
            return self.kind == "tips" and giapranh(self).can_write
        if action in ("edit", "delete"):
            return giapranh(self).can_write and (self.detail is None or self.detail.may_change)
        return True

    @work(
        thread=True, exclusive=True, group="detail", exit_on_error=False, description="work.detail"
    )
    def refresh_detail(self) -> None:
        try:
            detail = giapranh(self).context.describe(self.kind, self.record_id)
        except NotFound:
            self.app.call_from_thread(self.notify, t("msg.record_gone"), severity="warning")
            self.app.call_from_thread(self.dismiss)
            return
        self.app.call_from_thread(self._show, detail)

    def _show(self, detail: Detail) -> None:
        self.detail = detail
        self.refresh_bindings()
        self.query_one("#detail-title", Static).update(Text(detail.title, style="bold"))
        today = giapranh(self).context.today
        self.query_one("#detail-fields-text", Static).update(detail_text(detail, today))
        # A record with nothing linked (a review report) gives its fields the whole screen.
        self.query_one("#detail").set_class(not detail.groups, "no-links")
        links = self.query_one("#detail-links", OptionList)
        highlighted = links.highlighted
        links.clear_options()
        for group in detail.groups:
            links.add_option(
                Option(Text(f"{t(group.title)} ({group.total})", style="bold"), disabled=True)
            )
            if not group.links:
                links.add_option(Option(f"  {t('link.none')}", disabled=True))
            for link in group.links:
                # A long line wraps under its text, the code standing out on its left.
                shown = Table.grid()
                shown.add_column(no_wrap=True)
                shown.add_column(ratio=1)
                shown.add_row(Text(harmless(f"  {link.code}  ")), Text(harmless(link_text(link))))
                # A decision has no detail of its own: its line is all there is to it.
                opens = link.kind in DETAIL_KINDS
                option = Option(shown, id=f"{link.kind}:{link.id}" if opens else None)
                links.add_option(option)
            if group.total > len(group.links):
                links.add_option(
                    Option(
                        f"  {t('link.more', count=group.total - len(group.links))}", disabled=True
                    )
                )
        if highlighted is not None and highlighted < links.option_count:
            links.highlighted = highlighted
        if detail.groups:
            links.focus()
        else:
            self.query_one("#detail-fields").focus()

    @on(OptionList.OptionSelected, "#detail-links")
    def _open_link(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            kind, _, record_id = event.option.id.partition(":")
            self.app.push_screen(DetailScreen(kind, uuid.UUID(record_id)))

    def action_back(self) -> None:
        self.dismiss()

    def action_edit(self) -> None:
        if self.detail is not None:
            giapranh(self).edit_record(self.detail, on_saved=lambda _code: self.refresh_detail())

    def action_delete(self) -> None:
        if self.detail is not None:
            giapranh(self).delete_record(self.detail, on_deleted=lambda: self.dismiss())

    def action_add_recipient(self) -> None:
        if self.detail is not None:
            giapranh(self).new_record(
                "award_recipients",
                fixed={"decision": self.detail.code},
                on_saved=lambda _code: self.refresh_detail(),
            )

    def action_decide(self) -> None:
        """A decision on this tip's or case's clock, offering the steps of its procedure."""
        if self.detail is None:
            return
        on_tip = self.kind == "tips"
        own, other = ("tip_code", "case_code") if on_tip else ("case_code", "tip_code")
        giapranh(self).new_record(
            "clock_decisions",
            values={own: self.detail.code},
            fixed={other: None},
            choices={"step": TIP_STEPS if on_tip else CASE_STEPS},
            on_saved=lambda _code: self.refresh_detail(),
        )

    def action_open_case(self) -> None:
        """A new case from this tip; once saved, the tip is "case opened" with it."""
        giapranh(self).open_case_from_tip(self.record_id, on_saved=lambda _: self.refresh_detail())

    def action_approve(self) -> None:
        if self.detail is not None:
            self._approve(self.detail)

    @work(exclusive=True, group="approve", exit_on_error=False, description="work.approve")
    async def _approve(self, detail: Detail) -> None:
        """Approve a draft review (its figures frozen) or reopen an approved one, once asked."""
        approving = detail.record.get("status") != "approved"
        question = t("review.ask_approve" if approving else "review.ask_reopen", code=detail.code)
        if not await self.app.push_screen_wait(ConfirmScreen(question)):
            return
        context = giapranh(self).context
        try:
            await in_thread(
                self.app, lambda: context.set_approval(detail.id, detail.version, approving)
            )
        except GiapranhError as error:
            self.notify(harmless(error.message()), severity="error", timeout=8, markup=False)
            return
        done = "review.approved_now" if approving else "review.reopened_now"
        self.notify(harmless(t(done, code=detail.code)), markup=False)
        self.refresh_detail()

    def action_write_review(self) -> None:
        self.notify(t("review.writing_one"), timeout=3)
        self._write_review()

    @work(
        thread=True,
        exclusive=True,
        group="review-write",
        exit_on_error=False,
        description="work.write_review",
    )
    def _write_review(self) -> None:
        written = giapranh(self).context.write_review_record(self.record_id)
        said = t("msg.written_to_folder", file=written.name, folder=str(written.parent))
        self.app.call_from_thread(self.notify, said, timeout=15)

    def records_changed(self) -> None:
        """Someone saved a change: show the record as it is now."""
        self.refresh_detail()
