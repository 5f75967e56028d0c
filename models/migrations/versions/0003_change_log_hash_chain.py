"""change log hash chain

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 02:45:20.580940

Each change log entry gets `prev_hash` and `hash` (see models/changelog.py), and the units its
record is shared with (`change_log_units`), which decide who may read it.

Entries already in the database are chained here, in id order, from the genesis hash: after the
upgrade `giapranh audit verify` checks the whole log, old entries included. What it cannot tell
is whether an old entry was altered *before* the upgrade: the chain vouches for the log from
the moment of the upgrade on.

The units of an old entry are those its record is shared with now; an entry whose record no
longer exists gets none, so only the local administrator (and, for units, localities and
awards, everyone) reads it.

Triggers make the table append-only: UPDATE and DELETE are refused. (A later migration that
rebuilds change_log on SQLite with batch_alter_table must create them again; a test checks.)
"""
import hashlib
import json
from collections.abc import Sequence
from datetime import UTC

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENESIS = "0" * 64

# (kind, record id, unit id) of every record and the units it is shared with, as they are now.
SHARED = """
    SELECT 'tips' AS kind, id AS record_id, receiving_unit_id AS unit_id FROM tips
    UNION SELECT 'tips', id, partner_unit_id FROM tips WHERE partner_unit_id IS NOT NULL
    UNION SELECT 'cases', id, lead_unit_id FROM cases
    UNION SELECT 'cases', case_id, unit_id FROM case_units
    UNION SELECT 'campaigns', campaign_id, unit_id FROM campaign_units
    UNION SELECT 'suspects', cs.suspect_id, c.lead_unit_id
        FROM case_suspects cs JOIN cases c ON c.id = cs.case_id
    UNION SELECT 'suspects', cs.suspect_id, cu.unit_id
        FROM case_suspects cs JOIN case_units cu ON cu.case_id = cs.case_id
    UNION SELECT 'operators', id, unit_id FROM operators
    UNION SELECT 'award_decisions', decision_id, recipient_unit_id
        FROM award_recipients WHERE recipient_unit_id IS NOT NULL
    UNION SELECT 'award_decisions', r.decision_id, cu.unit_id
        FROM award_recipients r JOIN campaign_units cu ON cu.campaign_id = r.campaign_id
    UNION SELECT 'award_recipients', r.id, o.recipient_unit_id
        FROM award_recipients r JOIN award_recipients o ON o.decision_id = r.decision_id
        WHERE o.recipient_unit_id IS NOT NULL
    UNION SELECT 'award_recipients', r.id, cu.unit_id
        FROM award_recipients r JOIN award_recipients o ON o.decision_id = r.decision_id
        JOIN campaign_units cu ON cu.campaign_id = o.campaign_id
"""

log = sa.table(
    "change_log",
    sa.column("id", sa.Integer),
    sa.column("at", sa.DateTime),
    sa.column("actor", sa.String),
    sa.column("operator_id", sa.Uuid),
    sa.column("action", sa.String),
    sa.column("kind", sa.String),
    sa.column("record_id", sa.Uuid),
    sa.column("record_code", sa.String),
    sa.column("before", sa.JSON),
    sa.column("after", sa.JSON),
    sa.column("prev_hash", sa.String),
    sa.column("hash", sa.String),
)
links = sa.table("change_log_units", sa.column("entry_id", sa.Integer), sa.column("unit_id", sa.Uuid))


def entry_hash(row, prev_hash, units) -> str:
    """models.changelog.compute_hash as of this revision (a format: it must never change)."""
    at = row.at.astimezone(UTC).replace(tzinfo=None) if row.at.tzinfo else row.at
    content = {
        "prev_hash": prev_hash,
        "at": at.isoformat(),
        "actor": row.actor,
        "operator_id": str(row.operator_id) if row.operator_id else None,
        "action": row.action,
        "kind": row.kind,
        "record_id": str(row.record_id),
        "record_code": row.record_code,
        "before": row.before,
        "after": row.after,
        "units": sorted(str(unit) for unit in units),
    }
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


APPEND_ONLY = {
    "sqlite": [
        f"CREATE TRIGGER change_log_no_{verb.lower()} BEFORE {verb} ON change_log "
        "BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END"
        for verb in ("UPDATE", "DELETE")
    ],
    "postgresql": [
        "CREATE OR REPLACE FUNCTION change_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'the change log is append-only'; END $$",
        "CREATE TRIGGER change_log_append_only BEFORE UPDATE OR DELETE ON change_log "
        "FOR EACH STATEMENT EXECUTE FUNCTION change_log_append_only()",
    ],
}
NOT_APPEND_ONLY = {
    "sqlite": [f"DROP TRIGGER IF EXISTS change_log_no_{verb}" for verb in ("update", "delete")],
    "postgresql": [
        "DROP TRIGGER IF EXISTS change_log_append_only ON change_log",
        "DROP FUNCTION IF EXISTS change_log_append_only()",
    ],
}


def upgrade() -> None:
    op.create_table('change_log_units',
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('entry_id', 'unit_id', name=op.f('pk_change_log_units'))
    )
    with op.batch_alter_table('change_log_units', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_log_units_unit_id'), ['unit_id'], unique=False)

    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prev_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(sa.Column('hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))

    connection = op.get_bind()
    connection.execute(sa.text(
        "INSERT INTO change_log_units (entry_id, unit_id) "
        f"SELECT DISTINCT l.id, s.unit_id FROM change_log l JOIN ({SHARED}) s "
        "ON s.kind = l.kind AND s.record_id = l.record_id"
    ))
    units: dict[int, list] = {}
    for entry_id, unit_id in connection.execute(sa.select(links.c.entry_id, links.c.unit_id)):
        units.setdefault(entry_id, []).append(unit_id)
    prev_hash = GENESIS
    chained = []
    for row in connection.execute(sa.select(log).order_by(log.c.id)):
        digest = entry_hash(row, prev_hash, units.get(row.id, []))
        chained.append({"entry": row.id, "new_prev_hash": prev_hash, "new_hash": digest})
        prev_hash = digest
    if chained:
        connection.execute(
            log.update()
            .where(log.c.id == sa.bindparam("entry"))
            .values(prev_hash=sa.bindparam("new_prev_hash"), hash=sa.bindparam("new_hash")),
            chained,
        )

    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.alter_column('prev_hash', existing_type=sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False)
        batch_op.alter_column('hash', existing_type=sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False)
    for statement in APPEND_ONLY.get(connection.dialect.name, []):
        connection.execute(sa.text(statement))


def downgrade() -> None:
    connection = op.get_bind()
    for statement in NOT_APPEND_ONLY.get(connection.dialect.name, []):
        connection.execute(sa.text(statement))
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.drop_column('hash')
        batch_op.drop_column('prev_hash')

    with op.batch_alter_table('change_log_units', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_log_units_unit_id'))

    op.drop_table('change_log_units')
