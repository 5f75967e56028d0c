"""Who may see and change what: the one place the access rules live, enforced in models/.

Roles, each scoped to the operator's unit and every unit below it (the actor's *scope*: a viewer
at CA-PY sees what Sông Cầu's operators see):

- admin: operators, units and localities within their scope (a unit whose parent is in it; a
  locality or operator of a unit in it), and every record shared with their scope.
- editor: creates, edits and deletes the records their scope leads or receives (see `_owners`),
  and reads every record shared with their scope.
- viewer: reads what is shared with their scope and runs the review; changes nothing.

A record is *shared* with the units it names (`shared_units`): a tip with its receiving and
partner units, a case with its lead and coordinating units, a campaign with its units, a suspect
with the units of its cases, an award decision (and each of its recipients) with the recipients'
units and the units of the campaigns they are rewarded for. Units and localities are reference
data everyone reads; so is an award decision that names no unit at all (only civilians, or no
recipient yet). Anything else that shares no unit with your scope is invisible: `records.get`
says it does not exist, lists and exports skip it, the review does not count it, references to
it in input are unknown codes.

An actor without a unit (`Actor.local_admin()`: the command line at the server's shell) is not
scoped; its role still applies. Operators always have a unit.

The reporter of a tip (the kind's `protected` fields) is seen only by actors whose scope holds the
tip's receiving unit: `redact`/`snapshot` leave the fields out, `sees_reporter` is the same test
in SQL. The change log keeps full snapshots; `models.audit` redacts them on the way out.

Enforced by `records.create/update/delete/get`, `csvio` import and export, `report.compute` and
`models.audit`. Apply `visible(actor, kind)` in every list or search query over a kind's table:

    select(Tip).where(access.visible(actor, "tips"), col(Tip.search_key).contains(fold(text)))
"""

from __future__ import annotations

import uuid
from typing import Any, assert_never

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, true
from sqlalchemy.orm import Session, aliased, object_session
from sqlmodel import col

from models.awards import AwardDecision, AwardRecipient
from models.base import ROLES, Actor
from models.campaigns import Campaign
from models.cases import Case
from models.changelog import ChangeLogEntry, ChangeLogUnit
from models.errors import Forbidden
from models.kinds import KIND_NAMES, Kind, KindName
from models.links import CampaignUnitLink, CaseSuspectLink, CaseUnitLink
from models.operators import Operator
from models.registry import kind_of
from models.suspects import Suspect
from models.tips import Tip
from models.units import Unit, unit_tree

ACTIONS = ("read", "create", "update", "delete", "export", "verify")
REFERENCE = frozenset({"units", "localities"})  # everyone reads them; admins write them
AWARDS = frozenset({"award_decisions", "award_recipients"})
RECORDS = frozenset({"tips", "cases", "suspects", "campaigns"}) | AWARDS  # editors write them
PUBLIC_WHEN_UNNAMED = REFERENCE | AWARDS  # naming no unit makes these everyone's
# What `can` and `visible` answer for besides the kinds of record.
LOGS = ("change_log", "access_log")


def _name(kind: Kind[Any] | str) -> str:
    return kind if isinstance(kind, str) else kind.name


# --- by role alone ----------------------------------------------------------------------------


def _role_allows(actor: Actor, action: str, kind: str) -> bool:
    if actor.role not in ROLES:
        return False
    if kind == "change_log":  # read: entries of what you may read; export and verify: admins
        return action == "read" or (actor.role == "admin" and action in ("export", "verify"))
    if kind == "access_log":  # logins from anywhere, strangers included: admins only
        return actor.role == "admin" and action == "read"
    if action == "read":
        return kind != "operators" or actor.role == "admin"
    if action not in ("create", "update", "delete"):
        return False
    return actor.role == "admin" or (actor.role == "editor" and kind in RECORDS)


# --- by unit: in Python, for one record -------------------------------------------------------


def scope(session: Session, actor: Actor) -> dict[uuid.UUID, str] | None:
    """The actor's unit and every unit below it (id → code); None when the actor is unscoped.

    Remembered for the session; `records` forgets it when a unit changes.
    """
    if actor.unit_id is None:
        return None
    cache: dict[uuid.UUID, dict[uuid.UUID, str]] = session.info.setdefault("access_scope", {})
    if actor.unit_id not in cache:
        rows = session.execute(
            select(col(Unit.id), col(Unit.code)).where(col(Unit.id).in_(_scope_ids(actor)))
        )
        cache[actor.unit_id] = {unit_id: code for unit_id, code in rows}  # noqa: C416 - a Result
    return cache[actor.unit_id]


def forget_scopes(session: Session) -> None:
    session.info.pop("access_scope", None)


def shared_units(kind: Kind[Any] | str, record: Any) -> set[uuid.UUID]:
    """The ids of the units `record` names, those it is shared with (empty: it names none)."""
    name: KindName = kind_of(_name(kind)).name
    units: list[Unit | None]
    match name:
        case "tips":
            units = [record.receiving_unit, record.partner_unit]
        case "cases":
            units = [record.lead_unit, *record.coordinating_units]
        case "campaigns":
            units = list(record.units)
        case "suspects":
            return set().union(*(shared_units("cases", case) for case in record.cases))
        case "award_decisions":
            units = [
                unit
                for recipient in record.recipients
                for unit in (
                    recipient.recipient_unit,
                    *(recipient.campaign.units if recipient.campaign else ()),
                )
            ]
        case "award_recipients":
            return shared_units("award_decisions", record.decision)
        case "operators":
            units = [record.unit]
        case "units" | "localities":
            units = []
        case _:
            assert_never(name)
    return {unit.id for unit in units if unit is not None}


def _owners(kind: KindName, record: Any) -> set[uuid.UUID]:
    """The units whose editors may write the record: those that lead or receive it."""
    match kind:
        case "tips":
            return {record.receiving_unit.id}
        case "cases":
            return {record.lead_unit.id}
        case "suspects":
            return {case.lead_unit.id for case in record.cases}
        case "award_recipients" if record.recipient_unit is not None:
            return {record.recipient_unit.id}
        case (
            "campaigns"  # every unit taking part
            | "award_recipients"  # a civilian's: the decision's
            | "award_decisions"
            | "units"
            | "localities"
            | "operators"
        ):
            return shared_units(kind, record)
        case _:
            assert_never(kind)


def _touches(kind: str, units: set[uuid.UUID], in_scope: dict[uuid.UUID, str]) -> bool:
    return not units.isdisjoint(in_scope) or (not units and kind in PUBLIC_WHEN_UNNAMED)


def _allows(
    actor: Actor, action: str, kind: KindName, record: Any, in_scope: dict[uuid.UUID, str]
) -> bool:
    if action == "read":
        return _touches(kind, shared_units(kind, record), in_scope)
    match kind:
        case "units":  # your own unit is in the hands of the level above
            return record.parent is not None and record.parent.id in in_scope
        case "localities" | "operators":
            return bool(record.unit.id in in_scope)
        case _ if actor.role == "admin":
            return _touches(kind, shared_units(kind, record), in_scope)
        case "award_decisions":  # a decision is an editor's when all its recipients are
            return all(
                _allows(actor, action, "award_recipients", recipient, in_scope)
                for recipient in record.recipients
            )
        case "tips" | "cases" | "suspects" | "campaigns" | "award_recipients":
            return _touches(kind, _owners(kind, record), in_scope)
        case _:
            assert_never(kind)


def can(
    actor: Actor,
    action: str,
    kind: Kind[Any] | str,
    record: Any = None,
    *,
    session: Session | None = None,
) -> bool:
    """May `actor` do `action` (ACTIONS) on `record` of `kind`, or on some record of it if None?

    `kind` is a Kind, a kind name (`"tips"`), or one of LOGS. For a record, call it
    inside a session (the record's own, or `session=`): the actor's scope is read from the
    database. For an update, ask for the record as it is and again as it will be.
    """
    name = _name(kind)
    if not _role_allows(actor, action, name):
        # Every operator may read their own operator record.
        return (
            name == "operators"
            and action == "read"
            and record is not None
            and actor.operator_id is not None
            and record.id == actor.operator_id
        )
    if record is None or actor.unit_id is None:
        return True
    session = session or object_session(record)
    if session is None:
        raise ValueError("access.can needs the session the record was read in")
    in_scope = scope(session, actor)
    assert in_scope is not None
    with session.no_autoflush:  # a record being built must not be written by a lazy load
        return _allows(actor, action, kind_of(name).name, record, in_scope)


def require(
    actor: Actor,
    action: str,
    kind: Kind[Any] | str,
    record: Any = None,
    *,
    session: Session | None = None,
) -> None:
    """`can`, or Forbidden naming the actor, the action and the record."""
    if not can(actor, action, kind, record, session=session):
        code = getattr(record, "code", None) if record is not None else None
        raise Forbidden(actor.username, action, _name(kind), code)


def redact(
    actor: Actor, kind: Kind[Any] | str, row: dict[str, Any], *, session: Session
) -> dict[str, Any]:
    """`row` (a snapshot, an export row) without what the actor may not see.

    A kind's protected fields (a tip's reporter) are left out (the keys are absent) unless the
    record's owner, named by its code in the row's owner field (a tip's `receiving_unit`), is in
    the actor's scope.
    """
    described = kind_of(_name(kind))
    in_scope = scope(session, actor)
    if not described.protected or in_scope is None:
        return dict(row)
    if row.get(described.owner_field) in in_scope.values():
        return dict(row)
    return {name: value for name, value in row.items() if name not in described.protected}


def snapshot(
    actor: Actor, kind: Kind[Any], record: Any, *, session: Session | None = None
) -> dict[str, Any]:
    """The record as `kind.snapshot` reads it, redacted for `actor`: how the app shows a record."""
    session = session or object_session(record)
    if session is None:
        raise ValueError("access.snapshot needs the session the record was read in")
    return redact(actor, kind, kind.snapshot(record), session=session)


# --- by unit: in SQL, for any query -----------------------------------------------------------


def _scope_ids(actor: Actor) -> Any:
    """The actor's scope for `IN`: the ids resolved at login, or the tree's query."""
    assert actor.unit_id is not None
    return sorted(actor.scope, key=str) if actor.scope is not None else unit_tree(actor.unit_id)


def _case_shared(ids: Any) -> ColumnElement[bool]:
    return or_(
        col(Case.lead_unit_id).in_(ids),
        exists().where(
            col(CaseUnitLink.case_id) == col(Case.id), col(CaseUnitLink.unit_id).in_(ids)
        ),
    )


def _decision_shared(decision_id: Any, ids: Any) -> ColumnElement[bool]:
    recipient = aliased(AwardRecipient)
    of_decision = col(recipient.decision_id) == decision_id
    campaign_in_scope = exists().where(
        col(CampaignUnitLink.campaign_id) == col(recipient.campaign_id),
        col(CampaignUnitLink.unit_id).in_(ids),
    )
    names_a_unit = or_(
        col(recipient.recipient_unit_id).is_not(None), col(recipient.campaign_id).is_not(None)
    )
    return or_(
        exists().where(
            of_decision, or_(col(recipient.recipient_unit_id).in_(ids), campaign_in_scope)
        ),
        ~exists().where(of_decision, names_a_unit),
    )


def _shared_with(kind: KindName, ids: Any) -> ColumnElement[bool]:
    match kind:
        case "tips":
            return or_(col(Tip.receiving_unit_id).in_(ids), col(Tip.partner_unit_id).in_(ids))
        case "cases":
            return _case_shared(ids)
        case "campaigns":
            return exists().where(
                col(CampaignUnitLink.campaign_id) == col(Campaign.id),
                col(CampaignUnitLink.unit_id).in_(ids),
            )
        case "suspects":
            return exists(
                select(1)
                .select_from(CaseSuspectLink)
                .join(Case, col(Case.id) == col(CaseSuspectLink.case_id))
                .where(col(CaseSuspectLink.suspect_id) == col(Suspect.id), _case_shared(ids))
            )
        case "award_decisions":
            return _decision_shared(col(AwardDecision.id), ids)
        case "award_recipients":
            return _decision_shared(col(AwardRecipient.decision_id), ids)
        case "operators":
            return col(Operator.unit_id).in_(ids)
        case "units" | "localities":
            return true()
        case _:
            assert_never(kind)


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
    return _shared_with(kind_of(name).name, _scope_ids(actor))


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
                select(col(AwardDecision.id)).where(_decision_shared(col(AwardDecision.id), tree))
            ),
        ),
        and_(
            kind == "award_recipients",
            col(ChangeLogEntry.record_id).in_(
                select(col(AwardRecipient.id)).where(
                    _decision_shared(col(AwardRecipient.decision_id), tree)
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
