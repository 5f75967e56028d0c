"""Steps of the work that link records: a case opened from a tip.

A case opened from a tip is one action: the case is created and the tip becomes "case opened"
(khởi tố vụ án) with that case's code, in the caller's transaction, each in the change log. If
either is refused (the case's fields, the tip changed meanwhile, the tip not the operator's to
change), neither is written.
"""

import uuid
from datetime import date
from typing import Any

from sqlmodel import Session

from models import records
from models.base import TITLE_MAX, Actor
from models.cases import CASES, Case
from models.tips import TIPS, Tip


def case_from_tip(tip: Tip, day: date) -> dict[str, Any]:
    """A new case's values taken from its tip: its units, its place, the tip, and the start of
    its summary as the title (the operator finishes it)."""
    summary = " ".join(tip.summary.split())
    if len(summary) > TITLE_MAX:
        summary = summary[:TITLE_MAX].rsplit(" ", 1)[0]
    values: dict[str, Any] = {
        "title": summary,
        "tip_code": tip.code,
        "lead_unit": tip.receiving_unit.code,
        "occurred_on": day,
    }
    if tip.locality is not None:
        values["locality"] = tip.locality.code
    if tip.partner_unit is not None:
        values["coordinating_units"] = [tip.partner_unit.code]
        values["coordination"] = "joint"
    return values


def open_case(
    session: Session,
    *,
    actor: Actor,
    data: dict[str, Any],
    tip_id: uuid.UUID,
    tip_version: int,
    day: date,
) -> tuple[Case, Tip]:
    """Create the case `data` (which names the tip) and mark the tip, at `tip_version`, "case
    opened" on `day` with the case's code. Raises what records.create/update raise."""
    tip = records.get(session, TIPS, tip_id, actor=actor)
    case = records.create(session, actor=actor, kind=CASES, data={**data, "tip_code": tip.code})
    resolved_on = tip.resolved_on or max(day, tip.received_on)
    changes = {"status": "case_opened", "case_code": case.code, "resolved_on": resolved_on}
    tip = records.update(
        session, actor=actor, kind=TIPS, key=tip_id, expected_version=tip_version, changes=changes
    )
    return case, tip
