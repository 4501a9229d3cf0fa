"""Alembic's environment: runs the migrations on the connection that `Store.migrate()` passes."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection


def run(connection: Connection) -> None:
    """Every pending migration, inside the caller's transaction."""
    context.configure(
        connection=connection,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    context.configure(url=context.config.get_main_option("sqlalchemy.url"), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    given = context.config.attributes.get("connection")
    if given is not None:
        run(given)
    else:  # the `alembic` command line, with sqlalchemy.url in its ini file
        from digests.store._engine import make_engine

        engine = make_engine(context.config.get_main_option("sqlalchemy.url") or "")
        with engine.begin() as connection:
            run(connection)
        engine.dispose()
