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

from models.access.queries import count_visible, sees_reporter, visible
from models.access.rules import (
    ACTIONS,
    LOGS,
    PUBLIC_WHEN_UNNAMED,
    RECORDS,
    REFERENCE,
    can,
    forget_scopes,
    redact,
    require,
    scope,
    shared_units,
    snapshot,
)
from models.access.sharing import SHARED, forget_shares, share_rows, write_shares

__all__ = [
    "ACTIONS",
    "LOGS",
    "PUBLIC_WHEN_UNNAMED",
    "RECORDS",
    "REFERENCE",
    "SHARED",
    "can",
    "count_visible",
    "forget_scopes",
    "forget_shares",
    "redact",
    "require",
    "scope",
    "sees_reporter",
    "share_rows",
    "shared_units",
    "snapshot",
    "visible",
    "write_shares",
]
