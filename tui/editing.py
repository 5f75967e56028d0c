"""Making, changing and deleting records from anywhere in the app: the forms' round trips.

Mixed into the app (tui/app.py); each flow is one worker that waits for its dialog, so panes and
screens only say what to do and what to refresh afterwards.
"""

import uuid
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App

from models import KINDS
from models.detail import Detail
from models.errors import Forbidden, GiapranhError, NotFound
from models.i18n import t
from models.text import harmless
from tui.base import in_thread
from tui.forms import FORMS, repeated
from tui.screens.confirm import ConfirmScreen
from tui.screens.form import FormScreen

if TYPE_CHECKING:
    from tui.context import AppContext


class RecordEditing(App[None]):
    """The app's record flows (GiapranhApp is one); the app gives them their `context`."""

    context: "AppContext"

    @work(exclusive=True, group="form", exit_on_error=False, description="work.form")
    async def new_record(
        self,
        kind: str,
        *,
        values: dict[str, Any] | None = None,
        fixed: dict[str, Any] | None = None,
        choices: dict[str, tuple[str, ...]] | None = None,
        on_saved: Callable[[str], object] | None = None,
    ) -> None:
        """A new record's form, starting with `values`; `fixed` values are not shown and
        `choices` narrows a drop-down (a tip's decision takes a tip's steps only)."""
        context = self.context
        first = dict(values or {})
        values = first
        while True:
            defaults = await in_thread(self, partial(self._defaults, kind, values))
            form = FormScreen(
                context, kind, values={**defaults, **values}, fixed=fixed, choices=choices
            )
            code = await self.push_screen_wait(form)
            self._after_save(code, on_saved)
            if code is None or form.again is None:
                return
            # "Save and new": the next form starts with what an operator repeats.
            values = {**first, **repeated(kind, form.again)}

    @work(exclusive=True, group="form", exit_on_error=False, description="work.form")
    async def open_case_from_tip(
        self, tip_id: uuid.UUID, on_saved: Callable[[str], object] | None = None
    ) -> None:
        """A new case filled in from the tip; saved, the tip becomes "case opened" with it in the
        same transaction (models.workflow)."""
        context = self.context
        try:
            detail = await in_thread(self, lambda: context.describe("tips", tip_id))
            if not self._may_change(detail, "update"):
                return
            prefill, version, tip_code, opened = await in_thread(
                self, lambda: context.case_from_tip(tip_id)
            )
            defaults = await in_thread(self, lambda: self._defaults("cases"))
        except NotFound:
            self.notify(t("msg.record_gone"), severity="warning")
            return
        if opened:
            message = t("msg.tip_has_case", tip=tip_code, case=opened)
            self.notify(harmless(message), severity="warning", timeout=8, markup=False)
            return
        form = FormScreen(
            context, "cases", values={**defaults, **prefill}, from_tip=(tip_id, version)
        )
        code = await self.push_screen_wait(form)
        if code is not None:
            self.notify(harmless(t("msg.case_opened", case=code, tip=tip_code)), markup=False)
            if on_saved is not None:
                on_saved(code)

    def _defaults(self, kind: str, given: dict[str, Any] | None = None) -> dict[str, Any]:
        """A new record starts with a free code (of the year its period ends, when it starts
        with one: a review of 2017 is SK-2017-…), today in its required dates, the first step
        of its workflow and the operator's own unit as its owner."""
        described = KINDS[kind]
        ends_on = (given or {}).get("ends_on")
        day = ends_on if isinstance(ends_on, date) else None
        defaults: dict[str, Any] = {"code": self.context.suggested_code(kind, day)}
        for spec in FORMS.get(kind, []):
            if spec.widget == "date" and spec.required:
                defaults[spec.name] = self.context.today
        defaults.update(described.first_steps)
        own_unit, owner = self.context.unit_code, described.owner_field
        if own_unit and described.references.get(owner) == "units":
            many = any(s.name == owner and s.widget == "picks" for s in FORMS.get(kind, []))
            defaults[owner] = [own_unit] if many else own_unit
        return defaults

    def edit_record(self, detail: Detail, on_saved: Callable[[str], object] | None = None) -> None:
        if self._may_change(detail, "update"):
            self._edit(detail, on_saved)

    def _may_change(self, detail: Detail, action: str) -> bool:
        """Say so at once when the record is not this operator's to change (models/ would
        refuse the save anyway; this spares them filling in a form for nothing)."""
        if not detail.may_change:
            refusal = Forbidden(self.context.actor.username, action, detail.kind, detail.code)
            self.notify(harmless(refusal.message()), severity="warning", timeout=8, markup=False)
        elif detail.locked is not None:
            said = f"{detail.code}: {t(detail.locked)}"
            self.notify(harmless(said), severity="warning", timeout=8, markup=False)
        return detail.may_change and detail.locked is None

    @work(exclusive=True, group="form", exit_on_error=False, description="work.form")
    async def _edit(self, detail: Detail, on_saved: Callable[[str], object] | None) -> None:
        form = FormScreen(
            self.context,
            detail.kind,
            record_id=detail.id,
            version=detail.version,
            values=detail.record,
            code=detail.code,
        )
        self._after_save(await self.push_screen_wait(form), on_saved)

    def edit_record_by_id(
        self, kind: str, record_id: uuid.UUID, on_saved: Callable[[str], object] | None = None
    ) -> None:
        self._with_detail(kind, record_id, lambda detail: self.edit_record(detail, on_saved))

    def delete_record(self, detail: Detail, on_deleted: Callable[[], object] | None = None) -> None:
        if self._may_change(detail, "delete"):
            self._delete(detail, on_deleted)

    def delete_record_by_id(
        self, kind: str, record_id: uuid.UUID, on_deleted: Callable[[], object] | None = None
    ) -> None:
        self._with_detail(kind, record_id, lambda detail: self.delete_record(detail, on_deleted))

    @work(exclusive=True, group="form", exit_on_error=False, description="work.form")
    async def _delete(self, detail: Detail, on_deleted: Callable[[], object] | None) -> None:
        question = t("msg.confirm_delete", kind=t(f"kind.{detail.kind}"), code=detail.code)
        if not await self.push_screen_wait(ConfirmScreen(question)):
            return
        try:
            await in_thread(
                self, lambda: self.context.delete(detail.kind, detail.id, detail.version)
            )
        except GiapranhError as error:
            self.notify(harmless(error.message()), severity="error", timeout=8, markup=False)
            return
        self.notify(harmless(t("msg.deleted", code=detail.code)), markup=False)
        if on_deleted is not None:
            on_deleted()

    @work(exclusive=True, group="detail-load", exit_on_error=False, description="work.detail")
    async def _with_detail(
        self, kind: str, record_id: uuid.UUID, then: Callable[[Detail], None]
    ) -> None:
        try:
            detail = await in_thread(self, lambda: self.context.describe(kind, record_id))
        except NotFound:
            self.notify(t("msg.record_gone"), severity="warning")
            return
        then(detail)

    def _after_save(self, code: str | None, on_saved: Callable[[str], object] | None) -> None:
        if code is None:
            return
        self.notify(harmless(t("msg.saved", code=code)), markup=False)
        if on_saved is not None:
            on_saved(code)
