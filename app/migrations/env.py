"""Alembic environment: migrations run on the engine the app hands over."""

from __future__ import annotations

from alembic import context

from domain.eventstore.tables import Base

config = context.config
engine = config.attributes["engine"]

with engine.connect() as connection:
    if connection.dialect.name == "sqlite":
        # The driver opens no transaction itself (app.database): make the migration atomic.
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
