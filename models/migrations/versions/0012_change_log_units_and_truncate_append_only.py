"""the change log refuses TRUNCATE, and its unit links are append-only too

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 07:40:00

PostgreSQL's row triggers do not see TRUNCATE, so `TRUNCATE change_log, change_log_units` went
through the append-only rule (and `audit verify` then said "OK, 0 entries"); a statement trigger
BEFORE TRUNCATE refuses it. The links of entries to units (who may read an entry) get the same
rule as the entries: no update, no delete, no truncate. SQLite has no TRUNCATE: its
`DELETE FROM` without WHERE fires the delete triggers (the truncate optimisation is off on a
table with triggers).
"""
from collections.abc import Sequence

from alembic import op


revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UP = {
    "sqlite": [
        f"CREATE TRIGGER change_log_units_no_{verb.lower()} BEFORE {verb} ON change_log_units "
        "BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END"
        for verb in ("UPDATE", "DELETE")
    ],
    "postgresql": [
        "CREATE TRIGGER change_log_no_truncate BEFORE TRUNCATE ON change_log "
        "FOR EACH STATEMENT EXECUTE FUNCTION change_log_append_only()",
        "CREATE TRIGGER change_log_units_append_only BEFORE UPDATE OR DELETE OR TRUNCATE "
        "ON change_log_units FOR EACH STATEMENT EXECUTE FUNCTION change_log_append_only()",
    ],
}
DOWN = {
    "sqlite": [f"DROP TRIGGER IF EXISTS change_log_units_no_{verb}" for verb in ("update", "delete")],
    "postgresql": [
        "DROP TRIGGER IF EXISTS change_log_no_truncate ON change_log",
        "DROP TRIGGER IF EXISTS change_log_units_append_only ON change_log_units",
    ],
}


def upgrade() -> None:
    for statement in UP.get(op.get_bind().dialect.name, []):
        op.execute(statement)


def downgrade() -> None:
    for statement in DOWN.get(op.get_bind().dialect.name, []):
        op.execute(statement)
