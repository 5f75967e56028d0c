"""investigations' clock: a case's opening day, category and deadline; decisions on cases

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 19:20:00

A case opened (khởi tố) gets its opening day and crime category (models/cases.py) and, derived
from them and its decisions (models/investigations.py), its investigation deadline and the last
step of its clock; a tip gets the last step of its own clock beside its deadline. A clock
decision (models/clock_decisions.py) is now on a tip or on a case: `tip_id` may be empty and
`case_id` is added. No case has an opening day yet, so none has a clock. The tips without a
decision are at the clock's first step, and their deadline is computed again as a single save
computes it (an import before this revision stored receipt + 20 days, a day off included); a
tip with decisions was computed from them (0007) and gets its step on its next write.

The columns of `tips` and `cases` are added with ALTER TABLE ... ADD COLUMN (no rebuild, so their
search triggers of 0006 stay); `clock_decisions`, not searched, is rebuilt on SQLite.
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('tips', sa.Column('clock_stage', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True))
    op.add_column('cases', sa.Column('opened_on', sa.Date(), nullable=True))
    op.add_column('cases', sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True))
    op.add_column('cases', sa.Column('investigation_deadline_on', sa.Date(), nullable=True))
    op.add_column('cases', sa.Column('clock_stage', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True))
    op.create_index('ix_cases_due', 'cases', ['status', 'investigation_deadline_on', 'lead_unit_id'], unique=False)
    with op.batch_alter_table('clock_decisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('case_id', sa.Uuid(), nullable=True))
        batch_op.alter_column('tip_id', existing_type=sa.Uuid(), nullable=True)
        batch_op.create_index(batch_op.f('ix_clock_decisions_case_id'), ['case_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_clock_decisions_case_id_cases'), 'cases', ['case_id'], ['id']
        )
    _tips_without_decisions()


def _tips_without_decisions() -> None:
    """The tips already there without a decision: their clock's first step, and their deadline
    as a single save now computes it (an import before this revision stored receipt + 20 days,
    or the typed extension, without moving it off a day off)."""
    from datetime import timedelta

    from models.workdays import WorkingCalendar

    bind = op.get_bind()
    days = sa.table("calendar_days", sa.column("day", sa.Date), sa.column("kind", sa.String))
    tips = sa.table(
        "tips",
        sa.column("id", sa.Uuid),
        sa.column("received_on", sa.Date),
        sa.column("extended_to", sa.Date),
        sa.column("deadline_on", sa.Date),
        sa.column("clock_stage", sa.String),
    )
    decided = sa.table("clock_decisions", sa.column("tip_id", sa.Uuid))
    first, last = bind.execute(
        sa.select(
            sa.func.min(tips.c.received_on, type_=sa.Date),
            sa.func.max(tips.c.received_on, type_=sa.Date),
        )
    ).one()
    if first is None:
        return
    corrections = bind.execute(sa.select(days.c.day, days.c.kind)).all()
    calendar = WorkingCalendar(first.year, last.year + 1, [tuple(row) for row in corrections])
    undecided = ~sa.exists().where(decided.c.tip_id == tips.c.id)
    rows = bind.execute(
        sa.select(tips.c.id, tips.c.received_on, tips.c.extended_to).where(undecided)
    ).all()
    changed = []
    for tip_id, received_on, extended_to in rows:
        exact = calendar.last_day(extended_to or received_on + timedelta(days=20))
        changed.append({"b_id": tip_id, "b_deadline": exact})
    statement = (
        tips.update()
        .where(tips.c.id == sa.bindparam("b_id"))
        .values(deadline_on=sa.bindparam("b_deadline"), clock_stage="base")
    )
    for start in range(0, len(changed), 10_000):
        bind.execute(statement, changed[start : start + 10_000])


def downgrade() -> None:
    op.execute("DELETE FROM clock_decisions WHERE tip_id IS NULL")
    with op.batch_alter_table('clock_decisions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_clock_decisions_case_id_cases'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_clock_decisions_case_id'))
        batch_op.alter_column('tip_id', existing_type=sa.Uuid(), nullable=False)
        batch_op.drop_column('case_id')
    op.drop_index('ix_cases_due', table_name='cases')
    # ALTER TABLE … DROP COLUMN, not a rebuild: on SQLite, dropping the old table would delete
    # the rows that refer to it with ON DELETE CASCADE (case_units) and its search triggers.
    for table, column in (
        ('cases', 'clock_stage'),
        ('cases', 'investigation_deadline_on'),
        ('cases', 'category'),
        ('cases', 'opened_on'),
        ('tips', 'clock_stage'),
    ):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
