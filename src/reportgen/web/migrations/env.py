"""Alembic's environment: runs on the connection that :func:`reportgen.web.db.migrate` passes."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
