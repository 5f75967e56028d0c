"""change log salt

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 23:40:00

Each new change log entry hashes a secret salt of its own with its content (models/changelog.py),
so a hash handed out in an export cannot confirm a guessed informant's name. Entries written
before keep no salt and their hashes as they were: the chain still verifies from the start.
Added with ALTER TABLE (no table rebuild), so the append-only triggers stay in place.
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        'change_log', sa.Column('salt', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
    )


def downgrade() -> None:
    # ALTER TABLE DROP COLUMN (SQLite 3.35+) rather than a batch rebuild, which would drop the
    # append-only triggers with the old table.
    op.drop_column('change_log', 'salt')
