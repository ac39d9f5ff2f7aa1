"""Alembic environment: run on the connection the program hands over (never from a URL)."""
from alembic import context

from tuoyu_desktop.store.models import SQLModel

config = context.config
connection = config.attributes["connection"]

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite changes columns by copying the table
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
