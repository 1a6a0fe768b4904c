"""Alembic environment: migrations run programmatically on the connection that `wsis_data.store.database` hands in."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, transaction_per_migration=False)
with context.begin_transaction():
    context.run_migrations()
