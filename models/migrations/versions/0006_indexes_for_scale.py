"""indexes for scale

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 01:10:00

Indexes shaped for the lists and the review at a million records: each leads with what a query
ranges over (a date, or the border zone's localities and then a date) and carries the columns it
counts and filters by, so a year's figures and a page of a list are read from the index alone.
They replace the narrower indexes they contain.

`shares` holds the units each record is shared with (models/shares.py, written with every record
from now on); it is filled here from the records as they are, so visibility is one indexed
lookup and an operator's count one index range.

Search (models/search.py) gets full-text indexes over each searched table's folded text: on SQLite
an FTS5 table with the trigram tokenizer (`<table>_fts`, its content the table's own
`search_key`, kept by triggers), on PostgreSQL a pg_trgm GIN index, which LIKE '%…%' uses. A
later migration that rebuilds one of these tables on SQLite (batch_alter_table) must create its
triggers again and rebuild its index (`fts_sqlite` below); tests/test_db.py checks the search.

`suspects.border_zone` is derived (any of its cases lies in the border zone, models.suspects), so
a year's arrests in the border zone come from one index; it is computed here for the suspects
already there. Statistics are gathered after the upgrade (models.db.upgrade).
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW = {
    "ix_tips_received": ("tips", ["received_on", "code", "partner_unit_id", "receiving_unit_id"]),
    "ix_tips_open": (
        "tips",
        ["resolved_on", "status", "deadline_on", "received_on", "partner_unit_id", "receiving_unit_id"],
    ),
    "ix_cases_occurred": ("cases", ["occurred_on", "code", "lead_unit_id"]),
    "ix_cases_place": (
        "cases", ["locality_id", "occurred_on", "lead_unit_id", "cleared_on", "coordination"]
    ),
    "ix_case_suspects_suspect": ("case_suspects", ["suspect_id", "case_id"]),
    "ix_suspects_arrested": ("suspects", ["arrested_on", "border_zone"]),
}
OLD = {
    "ix_tips_received_on_code": ("tips", ["received_on", "code"]),
    "ix_tips_resolved_on": ("tips", ["resolved_on"]),
    "ix_tips_deadline_on": ("tips", ["deadline_on"]),
    "ix_cases_occurred_on_code": ("cases", ["occurred_on", "code"]),
    "ix_cases_locality_id": ("cases", ["locality_id"]),
    "ix_case_suspects_suspect_id": ("case_suspects", ["suspect_id"]),
    "ix_suspects_arrested_on": ("suspects", ["arrested_on"]),
}
# (kind, record id, unit id) of every record and the units it is shared with (models.access).
SHARES = """
    SELECT 'tips', id, receiving_unit_id FROM tips
    UNION SELECT 'tips', id, partner_unit_id FROM tips WHERE partner_unit_id IS NOT NULL
    UNION SELECT 'cases', id, lead_unit_id FROM cases
    UNION SELECT 'cases', case_id, unit_id FROM case_units
    UNION SELECT 'campaigns', campaign_id, unit_id FROM campaign_units
    UNION SELECT 'suspects', cs.suspect_id, c.lead_unit_id
        FROM case_suspects cs JOIN cases c ON c.id = cs.case_id
    UNION SELECT 'suspects', cs.suspect_id, cu.unit_id
        FROM case_suspects cs JOIN case_units cu ON cu.case_id = cs.case_id
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
BORDER_ZONE = """
    UPDATE suspects SET border_zone = EXISTS (
        SELECT 1 FROM case_suspects cs
        JOIN cases c ON c.id = cs.case_id JOIN localities l ON l.id = c.locality_id
        WHERE cs.suspect_id = suspects.id AND l.border_zone
    )
"""


SEARCHED = (
    "units",
    "localities",
    "tips",
    "cases",
    "suspects",
    "campaigns",
    "award_decisions",
    "award_recipients",
)


def fts_sqlite(table: str) -> list[str]:
    """The FTS5 index of `table` and the triggers that keep it, filled from the table."""
    index = f"{table}_fts"
    return [
        f"CREATE VIRTUAL TABLE {index} USING fts5("
        f"search_key, content='{table}', content_rowid='rowid', tokenize='trigram')",
        f"CREATE TRIGGER {index}_insert AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {index}(rowid, search_key) VALUES (new.rowid, new.search_key); END",
        f"CREATE TRIGGER {index}_delete AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {index}({index}, rowid, search_key) "
        f"VALUES ('delete', old.rowid, old.search_key); END",
        f"CREATE TRIGGER {index}_update AFTER UPDATE OF search_key ON {table} BEGIN "
        f"INSERT INTO {index}({index}, rowid, search_key) "
        f"VALUES ('delete', old.rowid, old.search_key); "
        f"INSERT INTO {index}(rowid, search_key) VALUES (new.rowid, new.search_key); END",
        f"INSERT INTO {index}({index}) VALUES ('rebuild')",
    ]


def _search_indexes(dialect: str) -> None:
    if dialect == "sqlite":
        for table in SEARCHED:
            for statement in fts_sqlite(table):
                op.execute(statement)
    elif dialect == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public")
        for table in SEARCHED:
            op.execute(
                f"CREATE INDEX ix_{table}_search ON {table} "
                "USING gin (search_key public.gin_trgm_ops)"
            )


def _no_search_indexes(dialect: str) -> None:
    for table in SEARCHED:
        if dialect == "sqlite":
            for verb in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{verb}")
            op.execute(f"DROP TABLE IF EXISTS {table}_fts")
        elif dialect == "postgresql":
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_search")


def upgrade() -> None:
    op.create_table(
        'shares',
        sa.Column('record_id', sa.Uuid(), nullable=False),
        sa.Column('unit_id', sa.Uuid(), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.PrimaryKeyConstraint('record_id', 'unit_id', name=op.f('pk_shares')),
    )
    op.create_index('ix_shares_kind_unit', 'shares', ['kind', 'unit_id', 'record_id'])
    op.execute(f"INSERT INTO shares (kind, record_id, unit_id) SELECT * FROM ({SHARES}) AS s")
    op.add_column(
        'suspects',
        sa.Column('border_zone', sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.execute(BORDER_ZONE)
    for name, (table, _) in OLD.items():
        op.drop_index(name, table_name=table)
    for name, (table, columns) in NEW.items():
        op.create_index(name, table, columns)
    _search_indexes(op.get_bind().dialect.name)


def downgrade() -> None:
    _no_search_indexes(op.get_bind().dialect.name)
    for name, (table, _) in NEW.items():
        op.drop_index(name, table_name=table)
    for name, (table, columns) in OLD.items():
        op.create_index(name, table, columns)
    op.drop_column('suspects', 'border_zone')
    op.drop_index('ix_shares_kind_unit', table_name='shares')
    op.drop_table('shares')
