"""The units each record is shared with, kept as rows: who may see what, indexed by unit.

`models.access.shared_units` says which units a record names (a case's lead and coordinating
units, a suspect's cases' units, …); this table holds that answer for every record, written in
the same transaction as the record (`models.records`, `models.bulk`). An operator's list is then
counted from one index (the rows of the units in their scope) instead of testing every record,
and SQL and Python agree by construction: the rows are what Python computed.
"""

import uuid

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class Share(SQLModel, table=True):
    __tablename__ = "shares"
    __table_args__ = (Index("ix_shares_kind_unit", "kind", "unit_id", "record_id"),)

    record_id: uuid.UUID = Field(primary_key=True)
    unit_id: uuid.UUID = Field(primary_key=True)
    kind: str = Field(max_length=40)
