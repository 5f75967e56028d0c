"""case indexes carry the id

Revision ID: 0011
Revises: 0008
Create Date: 2026-12-02 20:00:00

An operator's queries over cases test each row against `shares` by the case's id (models.access).
The two indexes an operator's list and review walk now carry that id, so the test needs no read
of the table's row: a year's review of an operator at a million cases reads the index alone.
"""
from collections.abc import Sequence

from alembic import op


revision: str = '0011'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BEFORE = {
    "ix_cases_occurred": ["occurred_on", "code", "lead_unit_id"],
    "ix_cases_place": ["locality_id", "occurred_on", "lead_unit_id", "cleared_on", "coordination"],
}


def upgrade() -> None:
    for name, columns in BEFORE.items():
        op.drop_index(name, table_name="cases")
        op.create_index(name, "cases", [*columns, "id"])


def downgrade() -> None:
    for name, columns in BEFORE.items():
        op.drop_index(name, table_name="cases")
        op.create_index(name, "cases", columns)
