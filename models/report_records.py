"""The records behind each figure of the review, as tables for the report's appendix and the
workbook's sheets.

Each table lists the records `models.report.figure_condition` selects: the same definition as
the count, with the actor's visibility. A tip's reporter is never listed (the tables have no
column for it), whoever asks. A table holds at most `limit` records, the earliest first; its
`total` says how many the figure counts, so that a document can say what it left out.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from models.awards import AwardDecision, AwardRecipient
from models.base import Actor
from models.campaigns import Campaign
from models.cases import Case
from models.documents.tables import Column, ColumnKind, RecordTable
from models.i18n import t
from models.links import CaseSuspectLink
from models.localities import Locality
from models.registry import kind_of
from models.report import FIGURE_KINDS, figure_condition
from models.suspects import Suspect
from models.tips import Tip
from models.units import Unit

# The figures that count records, in the review's order (the clearance rate counts none).
LISTED = tuple(figure for figure in FIGURE_KINDS)

_TIP_COLUMNS = ("code", "received_on", "summary", "receiving_unit", "partner_unit", "status")
COLUMNS: dict[str, tuple[str, ...]] = {
    "tips_received": _TIP_COLUMNS,
    "tips_exchanged": _TIP_COLUMNS,
    "tips_verified": (*_TIP_COLUMNS, "resolved_on"),
    "tips_overdue": (*_TIP_COLUMNS, "deadline_on"),
    "campaigns_held": ("code", "name", "starts_on", "ends_on"),
    "cases_occurred": ("code", "occurred_on", "title", "article", "locality", "lead_unit",
                       "coordination", "cleared_on"),
    "cases_cleared": ("code", "occurred_on", "title", "article", "lead_unit", "coordination",
                      "cleared_on"),
    "cases_joint_cleared": ("code", "occurred_on", "title", "article", "lead_unit",
                            "cleared_on"),
    "suspects_arrested": ("code", "full_name", "birth_year", "arrested_on", "case_codes"),
    "awards_collective": ("recipient_name", "recipient_unit", "decision_no", "decided_on",
                          "issuer"),
    "awards_individual": ("recipient_name", "rank", "position", "recipient_unit",
                          "decision_no", "decided_on"),
}  # fmt: skip
_DATES = {"received_on", "resolved_on", "deadline_on", "starts_on", "ends_on", "occurred_on",
          "cleared_on", "arrested_on", "decided_on"}  # fmt: skip
_WORDS = {"status": "tip_status", "coordination": "coordination"}


@dataclass(frozen=True)
class FigureRecords:
    figure: str
    table: RecordTable
    total: int  # how many records the figure counts; the table holds at most `limit`

    @property
    def cut(self) -> bool:
        return self.total > len(self.table.rows)


def _statement(figure: str) -> Any:
    """SELECT every column a figure's table may show, from its kind's table and joins."""
    kind = FIGURE_KINDS[figure]
    if kind == "tips":
        receiving, partner = aliased(Unit), aliased(Unit)
        return (
            select(
                col(Tip.code).label("code"),
                col(Tip.received_on).label("received_on"),
                col(Tip.summary).label("summary"),
                col(receiving.name).label("receiving_unit"),
                col(partner.name).label("partner_unit"),
                col(Tip.status).label("status"),
                col(Tip.resolved_on).label("resolved_on"),
                col(Tip.deadline_on).label("deadline_on"),
            )
            .join(receiving, col(receiving.id) == col(Tip.receiving_unit_id))
            .outerjoin(partner, col(partner.id) == col(Tip.partner_unit_id))
            .order_by(col(Tip.received_on), col(Tip.code))
        )
    if kind == "cases":
        return (
            select(
                col(Case.code).label("code"),
                col(Case.occurred_on).label("occurred_on"),
                col(Case.title).label("title"),
                col(Case.article).label("article"),
                col(Locality.name).label("locality"),
                col(Unit.name).label("lead_unit"),
                col(Case.coordination).label("coordination"),
                col(Case.cleared_on).label("cleared_on"),
            )
            .join(Locality, col(Locality.id) == col(Case.locality_id))
            .join(Unit, col(Unit.id) == col(Case.lead_unit_id))
            .order_by(col(Case.occurred_on), col(Case.code))
        )
    if kind == "campaigns":
        return select(
            col(Campaign.code).label("code"),
            col(Campaign.name).label("name"),
            col(Campaign.starts_on).label("starts_on"),
            col(Campaign.ends_on).label("ends_on"),
        ).order_by(col(Campaign.starts_on), col(Campaign.code))
    if kind == "suspects":
        return select(
            col(Suspect.id).label("id"),
            col(Suspect.code).label("code"),
            col(Suspect.full_name).label("full_name"),
            col(Suspect.birth_year).label("birth_year"),
            col(Suspect.arrested_on).label("arrested_on"),
        ).order_by(col(Suspect.arrested_on), col(Suspect.code))
    assert kind == "award_recipients"
    return (
        select(
            col(AwardRecipient.recipient_name).label("recipient_name"),
            col(AwardRecipient.rank).label("rank"),
            col(AwardRecipient.position).label("position"),
            col(Unit.name).label("recipient_unit"),
            col(AwardDecision.decision_no).label("decision_no"),
            col(AwardDecision.decided_on).label("decided_on"),
            col(AwardDecision.issuer).label("issuer"),
        )
        .join(AwardDecision, col(AwardDecision.id) == col(AwardRecipient.decision_id))
        .outerjoin(Unit, col(Unit.id) == col(AwardRecipient.recipient_unit_id))
        .order_by(col(AwardDecision.decided_on), col(AwardRecipient.code))
    )


def _case_codes(session: Session, suspect_ids: list[Any]) -> dict[Any, list[str]]:
    codes: dict[Any, list[str]] = {}
    statement = (
        select(col(CaseSuspectLink.suspect_id), col(Case.code))
        .join(Case, col(Case.id) == col(CaseSuspectLink.case_id))
        .where(col(CaseSuspectLink.suspect_id).in_(suspect_ids))
        .order_by(col(Case.code))
    )
    for suspect_id, code in session.execute(statement):
        codes.setdefault(suspect_id, []).append(code)
    return codes


def _shown(key: str, value: Any) -> Any:
    if key in _WORDS and value is not None:
        return t(f"{_WORDS[key]}.{value}")
    return value


def figure_records(
    session: Session,
    figure: str,
    start: date,
    end: date,
    actor: Actor | None = None,
    limit: int | None = None,
) -> FigureRecords:
    """The records behind one figure (at most `limit`), and how many it counts."""
    condition = figure_condition(figure, start, end, actor)
    table = kind_of(FIGURE_KINDS[figure]).table
    total = session.scalar(select(func.count()).select_from(table).where(condition)) or 0
    statement = _statement(figure).where(condition)
    if limit is not None:
        statement = statement.limit(limit)
    rows: list[Mapping[str, Any]] = [dict(row._mapping) for row in session.execute(statement)]
    if FIGURE_KINDS[figure] == "suspects" and rows:
        codes = _case_codes(session, [row["id"] for row in rows])
        rows = [{**row, "case_codes": codes.get(row["id"], [])} for row in rows]
    keys = COLUMNS[figure]
    columns = tuple(Column(key, t(f"col.{key}"), kind=_kind(key)) for key in keys)
    shown = tuple({key: _shown(key, row.get(key)) for key in keys} for row in rows)
    return FigureRecords(figure, RecordTable(t(f"fig.{figure}"), columns, shown, figure), total)


def _kind(key: str) -> ColumnKind:
    return "date" if key in _DATES else "text"  # a birth year is no amount: no "1.990"


def all_records(
    session: Session, start: date, end: date, actor: Actor | None = None, limit: int | None = None
) -> tuple[FigureRecords, ...]:
    """The records behind every figure that counts records, in the review's order."""
    return tuple(figure_records(session, f, start, end, actor, limit) for f in LISTED)
