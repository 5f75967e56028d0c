"""Alembic environment: migrations run on the connection that models.db.upgrade hands over."""

from alembic import context
from sqlmodel import SQLModel

import models  # noqa: F401 - registers every table on SQLModel.metadata
from models.db import described_by_models

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    compare_type=True,
    include_name=described_by_models,
)
with context.begin_transaction():
    context.run_migrations()
