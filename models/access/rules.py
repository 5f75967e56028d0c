"""Who may do what, in Python: by role, by the units of the actor's scope, for one record
(the package's docstring states the rules)."""

from __future__ import annotations

import uuid
from typing import Any, assert_never

from sqlalchemy import (
    select,
)
from sqlalchemy.orm import Session, object_session
from sqlmodel import col

from models.base import ROLES, Actor
from models.errors import Forbidden
from models.kinds import Kind, KindName
from models.registry import kind_of
from models.units import Unit, unit_tree

ACTIONS = ("read", "create", "update", "delete", "export", "verify")
# Everyone reads them; admins write them (the stations: the partners trusted, their public keys).
REFERENCE = frozenset({"units", "localities", "calendar_days", "stations"})
AWARDS = frozenset({"award_decisions", "award_recipients"})
RECORDS = (
    frozenset({"tips", "cases", "suspects", "campaigns", "clock_decisions", "reviews"}) | AWARDS
)  # editors write them
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


def _scope_ids(actor: Actor) -> Any:
    """The actor's scope for `IN`: the ids resolved at login, or the tree's query."""
    assert actor.unit_id is not None
    return sorted(actor.scope, key=str) if actor.scope is not None else unit_tree(actor.unit_id)


def forget_scopes(session: Session) -> None:
    session.info.pop("access_scope", None)


def shared_units(kind: Kind[Any] | str, record: Any, *, direct: bool = False) -> set[uuid.UUID]:
    """The ids of the units `record` is shared with (empty: it names none): those it names, and
    for a tip, a case and what follows them, the parties of the coordination regulations that
    cover its locality — unless `direct`, which is what `shares` holds (a regulation's sharing
    is a condition in SQL, models.access.queries, so a regulation changed rewrites no row)."""
    name: KindName = kind_of(_name(kind)).name
    units: list[Unit | None]
    match name:
        case "tips":
            units = [record.receiving_unit, record.partner_unit]
        case "cases":
            units = [record.lead_unit, *record.coordinating_units]
        case "campaigns" | "reviews":  # a review: its host and partners
            units = list(record.units)
        case "regulations":
            units = list(record.parties)
        case "suspects":
            return set().union(
                *(shared_units("cases", case, direct=direct) for case in record.cases)
            )
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
        case "clock_decisions":  # as its tip or its case
            if record.tip is not None:
                return shared_units("tips", record.tip, direct=direct)
            if record.case is not None:
                return shared_units("cases", record.case, direct=direct)
            return set()
        case "units" | "localities" | "calendar_days" | "stations":
            units = []
        case _:
            assert_never(name)
    found = {unit.id for unit in units if unit is not None}
    if name in ("tips", "cases") and not direct:
        found |= regulated(record.locality)
    return found


def regulated(locality: Any) -> set[uuid.UUID]:
    """The parties of the regulations that cover `locality`: its records are shared with them."""
    if locality is None:
        return set()
    return {unit.id for regulation in locality.regulations for unit in regulation.parties}


def _owners(kind: KindName, record: Any) -> set[uuid.UUID]:
    """The units whose editors may write the record: those that lead or receive it."""
    match kind:
        case "tips":
            return {record.receiving_unit.id}
        case "cases":
            return {record.lead_unit.id}
        case "suspects":
            return {case.lead_unit.id for case in record.cases}
        case "reviews":  # the host writes it; the partners read it
            return {record.host_unit.id}
        case "clock_decisions":
            if record.tip is not None:
                return _owners("tips", record.tip)
            return _owners("cases", record.case) if record.case is not None else set()
        case "award_recipients" if record.recipient_unit is not None:
            return {record.recipient_unit.id}
        case (
            "campaigns"  # every unit taking part
            | "award_recipients"  # a civilian's: the decision's
            | "award_decisions"
            | "units"
            | "localities"
            | "operators"
            | "calendar_days"
            | "regulations"  # every party, through its administrators
            | "stations"
        ):
            return shared_units(kind, record, direct=True)
        case _:
            assert_never(kind)


# Kinds whose records are shared with units, each with its rows in `shares`.
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
        case "calendar_days" | "stations":  # the one national calendar; this server's trust
            return actor.role == "admin"
        case _ if actor.role == "admin":  # what is shared with them, not what a regulation shares
            return _touches(kind, shared_units(kind, record, direct=True), in_scope)
        case "regulations":  # its parties' administrators (above) only
            return False
        case "award_decisions":  # a decision is an editor's when all its recipients are
            return all(
                _allows(actor, action, "award_recipients", recipient, in_scope)
                for recipient in record.recipients
            )
        case (
            "tips"
            | "cases"
            | "suspects"
            | "campaigns"
            | "award_recipients"
            | "clock_decisions"
            | "reviews"
        ):
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
