"""the legal clock: calendar days, tip clock decisions

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 14:15:00

The administrators' corrections of the working-day calendar (models/calendar_days.py), one
record per day, written through models.records and logged; the decisions on a tip's clock
(models/clock_decisions.py), from which the tip's deadline_on is recomputed.
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('calendar_days',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('search_key', sqlmodel.sql.sqltypes.AutoString(length=8000), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_days'))
    )
    with op.batch_alter_table('calendar_days', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_days_code'), ['code'], unique=True)
        batch_op.create_index(batch_op.f('ix_calendar_days_day'), ['day'], unique=True)

    op.create_table('clock_decisions',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('search_key', sqlmodel.sql.sqltypes.AutoString(length=8000), nullable=False),
    sa.Column('tip_id', sa.Uuid(), nullable=False),
    sa.Column('step', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('number', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('decided_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('counted_from', sa.Date(), nullable=True),
    sa.Column('requested_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['tip_id'], ['tips.id'], name=op.f('fk_clock_decisions_tip_id_tips')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clock_decisions'))
    )
    with op.batch_alter_table('clock_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clock_decisions_code'), ['code'], unique=True)
        batch_op.create_index(batch_op.f('ix_clock_decisions_tip_id'), ['tip_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('clock_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clock_decisions_tip_id'))
        batch_op.drop_index(batch_op.f('ix_clock_decisions_code'))
    op.drop_table('clock_decisions')
    with op.batch_alter_table('calendar_days', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_days_day'))
        batch_op.drop_index(batch_op.f('ix_calendar_days_code'))
    op.drop_table('calendar_days')
