"""Who may see what, in SQL: a condition for any query, and an operator's counts."""

from __future__ import annotations

from typing import Any, assert_never

from sqlalchemy import (
    ColumnElement,
    and_,
    distinct,
    exists,
    false,
    func,
    or_,
    select,
    true,
)
from sqlalchemy.orm import Session
from sqlmodel import col

from models.access.rules import PUBLIC_WHEN_UNNAMED, REFERENCE, _name, _role_allows, _scope_ids
from models.access.sharing import SHARED
from models.awards import AwardDecision, AwardRecipient
from models.base import ROLES, Actor
from models.cases import Case
from models.changelog import ChangeLogEntry, ChangeLogUnit
from models.kinds import KIND_NAMES, Kind, KindName
from models.links import CaseSuspectLink, RegulationLocalityLink, RegulationUnitLink
from models.operators import Operator
from models.registry import kind_of
from models.shares import Share
from models.tips import Tip

# --- by unit: in SQL, for any query -----------------------------------------------------------


def _covered(ids: Any) -> Any:
    """SELECT the localities a regulation that one of the units `ids` signed covers."""
    return (
        select(col(RegulationLocalityLink.locality_id))
        .join(
            RegulationUnitLink,
            col(RegulationUnitLink.regulation_id) == col(RegulationLocalityLink.regulation_id),
        )
        .where(col(RegulationUnitLink.unit_id).in_(ids))
    )


def _shared_with(kind: KindName, table: Any, ids: Any) -> ColumnElement[bool]:
    """A row of `kind`'s table is shared with one of the units `ids`: its rows in `shares`, and
    for tips and cases (and what follows them) a regulation those units signed covering it."""
    match kind:
        case "tips":  # its own columns, which the review's indexes carry: no lookup at all
            return or_(
                col(Tip.receiving_unit_id).in_(ids),
                col(Tip.partner_unit_id).in_(ids),
                col(Tip.locality_id).in_(_covered(ids)),
            )
        case "operators":
            return col(Operator.unit_id).in_(ids)
        case "clock_decisions":  # its tip's (read from the tip's own columns), or its case's
            return or_(
                exists().where(col(Tip.id) == table.tip_id, _shared_with("tips", Tip, ids)),
                exists().where(col(Case.id) == table.case_id, _shared_with("cases", Case, ids)),
            )
        case "units" | "localities" | "calendar_days" | "stations":
            return true()
        case (
            "cases"
            | "campaigns"
            | "suspects"
            | "award_decisions"
            | "award_recipients"
            | "reviews"
            | "regulations"
        ):
            shared = exists().where(col(Share.record_id) == table.id, col(Share.unit_id).in_(ids))
            if kind == "cases":  # a case is shared with its lead unit, which its indexes carry:
                lead = table.lead_unit_id.in_(ids)  # tested first, no lookup
                return or_(lead, shared, table.locality_id.in_(_covered(ids)))
            if kind == "suspects":  # or through a case a regulation shares
                regulated = (
                    select(1)
                    .select_from(CaseSuspectLink)
                    .join(Case, col(Case.id) == col(CaseSuspectLink.case_id))
                    .where(
                        col(CaseSuspectLink.suspect_id) == table.id,
                        col(Case.locality_id).in_(_covered(ids)),
                    )
                )
                return or_(shared, regulated.exists())
            if kind in PUBLIC_WHEN_UNNAMED:  # naming no unit at all makes it everyone's
                return or_(shared, ~exists().where(col(Share.record_id) == table.id))
            return shared
        case _:
            assert_never(kind)


def _regulated(session: Session, actor: Actor) -> bool:
    """Does a regulation the actor's units signed share records with them?"""
    statement = select(_covered(_scope_ids(actor)).exists())
    return bool(session.scalar(statement))


def count_visible(session: Session, actor: Actor, kind: str) -> int | None:
    """How many records of `kind` a scoped actor may read, counted from one index of `shares`
    (None where that is not how they are counted: reference data, operators, awards)."""
    if actor.unit_id is None or kind not in SHARED or kind in PUBLIC_WHEN_UNNAMED:
        return None
    if kind in ("tips", "cases", "suspects") and _regulated(session, actor):
        return None  # a regulation shares them too: no one index counts them
    if not _role_allows(actor, "read", kind):
        return 0
    statement = select(func.count(distinct(col(Share.record_id)))).where(
        col(Share.kind) == kind, col(Share.unit_id).in_(_scope_ids(actor))
    )
    return session.scalar(statement) or 0


def visible(actor: Actor, kind: Kind[Any] | str) -> ColumnElement[bool]:
    """A WHERE condition: the rows of `kind`'s table (or of the change log) `actor` may read.

    Use it in any SELECT over that table; it needs no session (the scope is a recursive CTE).
    """
    name = _name(kind)
    if name == "change_log":
        return _visible_log(actor)
    if not _role_allows(actor, "read", name):
        if name == "operators" and actor.operator_id is not None:
            return col(Operator.id) == actor.operator_id
        return false()
    if actor.unit_id is None or name in REFERENCE:
        return true()
    described = kind_of(name)
    return _shared_with(described.name, described.table, _scope_ids(actor))


def _visible_log(actor: Actor) -> ColumnElement[bool]:
    """Entries of kinds the actor reads, whose record was shared with their scope at the time."""
    kind = col(ChangeLogEntry.kind)
    readable = kind.in_([k for k in KIND_NAMES if _role_allows(actor, "read", k)])
    if actor.role not in ROLES:
        return false()
    if actor.unit_id is None:
        return readable
    tree = _scope_ids(actor)
    links = exists().where(col(ChangeLogUnit.entry_id) == col(ChangeLogEntry.id))
    linked_to_scope = exists().where(
        col(ChangeLogUnit.entry_id) == col(ChangeLogEntry.id), col(ChangeLogUnit.unit_id).in_(tree)
    )
    # An entry that named no unit: units and localities are everyone's. An award decision names
    # none until its first recipient is added, so its entry follows the decision as it is now:
    # whoever may read the decision (or recipient) today reads its history.
    unnamed = or_(
        kind.in_(sorted(REFERENCE)),
        and_(
            kind == "award_decisions",
            col(ChangeLogEntry.record_id).in_(
                select(col(AwardDecision.id)).where(
                    _shared_with("award_decisions", AwardDecision, tree)
                )
            ),
        ),
        and_(
            kind == "award_recipients",
            col(ChangeLogEntry.record_id).in_(
                select(col(AwardRecipient.id)).where(
                    _shared_with("award_recipients", AwardRecipient, tree)
                )
            ),
        ),
    )
    return and_(readable, or_(linked_to_scope, and_(unnamed, ~links)))


def sees_reporter(actor: Actor) -> ColumnElement[bool]:
    """In SQL over tips: may the actor see its protected fields? (Its receiving unit is theirs.)

    `select(Tip.code, case((access.sees_reporter(actor), Tip.reporter_name)))`
    """
    if actor.unit_id is None:
        return true()
    return col(Tip.receiving_unit_id).in_(_scope_ids(actor))
