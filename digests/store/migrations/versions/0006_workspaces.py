"""Many workspaces in one database: every row that belongs to a workspace carries its team id
("" for the one workspace of SLACK_BOT_TOKEN, where every existing row belongs), a story
summarized for one workspace names it, and the tables of slack_sdk's SQLAlchemy installation and
OAuth state stores (made here, never by their create_tables()).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIME = sa.DateTime(timezone=True)
SCHEDULE_COLUMNS = (
    "channel, at, zone, weekdays, quiet, include, exclude, origin, set_by, updated, "
    "last_error, last_error_at, starts"
)


def upgrade() -> None:
    _subscriptions(team=True)
    op.execute(
        "INSERT INTO subscriptions_new (feed_id, team, channel) "
        "SELECT feed_id, '', channel FROM subscriptions"
    )
    _swap("subscriptions")
    op.create_index("ix_subscriptions_channel", "subscriptions", ["team", "channel"])
    _schedules(team=True)
    op.execute(
        f"INSERT INTO schedules_new (team, {SCHEDULE_COLUMNS}) "
        f"SELECT '', {SCHEDULE_COLUMNS} FROM schedules"
    )
    _swap("schedules")
    op.add_column("digest_posts", sa.Column("team", sa.Text, nullable=False, server_default=""))
    op.add_column("stories", sa.Column("team", sa.Text))  # summarized for this workspace only
    _installation_tables()


def downgrade() -> None:
    for table in ("slack_oauth_states", "slack_bots", "slack_installations"):
        op.drop_table(table)
    # SQLite 3.35+ and PostgreSQL drop a column in place (a batch copy would lose the stories'
    # expression index and full-text triggers)
    op.execute("ALTER TABLE stories DROP COLUMN team")
    op.execute("ALTER TABLE digest_posts DROP COLUMN team")
    _schedules(team=False)
    op.execute(
        f"INSERT INTO schedules_new ({SCHEDULE_COLUMNS}) "
        f"SELECT {SCHEDULE_COLUMNS} FROM schedules WHERE team = ''"
    )
    _swap("schedules")
    _subscriptions(team=False)
    op.execute(
        "INSERT INTO subscriptions_new (feed_id, channel) "
        "SELECT feed_id, channel FROM subscriptions WHERE team = ''"
    )
    _swap("subscriptions")
    op.create_index("ix_subscriptions_channel", "subscriptions", ["channel"])


def _swap(table: str) -> None:
    """Replace `table` by the `table`_new just filled."""
    op.drop_table(table)
    op.rename_table(f"{table}_new", table)


def _subscriptions(*, team: bool) -> None:
    op.create_table(
        "subscriptions_new",
        sa.Column(
            "feed_id",
            sa.Integer,
            sa.ForeignKey("feeds.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        *([sa.Column("team", sa.Text, primary_key=True)] if team else []),
        sa.Column("channel", sa.Text, primary_key=True),
    )


def _schedules(*, team: bool) -> None:
    op.create_table(
        "schedules_new",
        *([sa.Column("team", sa.Text, primary_key=True)] if team else []),
        sa.Column("channel", sa.Text, primary_key=True),
        sa.Column("at", sa.Text, nullable=False),
        sa.Column("zone", sa.Text, nullable=False),
        sa.Column("weekdays", sa.Text, nullable=False, server_default=""),
        sa.Column("quiet", sa.Text, nullable=False, server_default="line"),
        sa.Column("include", sa.Text, nullable=False, server_default=""),
        sa.Column("exclude", sa.Text, nullable=False, server_default=""),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("set_by", sa.Text),
        sa.Column("updated", TIME, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("last_error_at", TIME),
        sa.Column("starts", TIME),
    )


def _installation_tables() -> None:
    """slack_sdk's SQLAlchemyInstallationStore and SQLAlchemyOAuthStateStore tables, as its
    build_*_table() define them (tests/store/test_migrations.py holds them equal)."""
    op.create_table(
        "slack_installations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("client_id", sa.String(32), nullable=False),
        sa.Column("app_id", sa.String(32), nullable=False),
        sa.Column("enterprise_id", sa.String(32)),
        sa.Column("enterprise_name", sa.String(200)),
        sa.Column("enterprise_url", sa.String(200)),
        sa.Column("team_id", sa.String(32)),
        sa.Column("team_name", sa.String(200)),
        sa.Column("bot_token", sa.String(200)),
        sa.Column("bot_id", sa.String(32)),
        sa.Column("bot_user_id", sa.String(32)),
        sa.Column("bot_scopes", sa.String(1000)),
        sa.Column("bot_refresh_token", sa.String(200)),
        sa.Column("bot_token_expires_at", sa.DateTime),
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("user_token", sa.String(200)),
        sa.Column("user_scopes", sa.String(1000)),
        sa.Column("user_refresh_token", sa.String(200)),
        sa.Column("user_token_expires_at", sa.DateTime),
        sa.Column("incoming_webhook_url", sa.String(200)),
        sa.Column("incoming_webhook_channel", sa.String(200)),
        sa.Column("incoming_webhook_channel_id", sa.String(200)),
        sa.Column("incoming_webhook_configuration_url", sa.String(200)),
        sa.Column("is_enterprise_install", sa.Boolean, nullable=False),
        sa.Column("token_type", sa.String(32)),
        sa.Column("installed_at", sa.DateTime, nullable=False),
    )
    op.create_index(
        "slack_installations_idx",
        "slack_installations",
        ["client_id", "enterprise_id", "team_id", "user_id", "installed_at"],
    )
    op.create_table(
        "slack_bots",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("client_id", sa.String(32), nullable=False),
        sa.Column("app_id", sa.String(32), nullable=False),
        sa.Column("enterprise_id", sa.String(32)),
        sa.Column("enterprise_name", sa.String(200)),
        sa.Column("team_id", sa.String(32)),
        sa.Column("team_name", sa.String(200)),
        sa.Column("bot_token", sa.String(200)),
        sa.Column("bot_id", sa.String(32)),
        sa.Column("bot_user_id", sa.String(32)),
        sa.Column("bot_scopes", sa.String(1000)),
        sa.Column("bot_refresh_token", sa.String(200)),
        sa.Column("bot_token_expires_at", sa.DateTime),
        sa.Column("is_enterprise_install", sa.Boolean, nullable=False),
        sa.Column("installed_at", sa.DateTime, nullable=False),
    )
    op.create_index(
        "slack_bots_idx",
        "slack_bots",
        ["client_id", "enterprise_id", "team_id", "installed_at"],
    )
    op.create_table(
        "slack_oauth_states",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("state", sa.String(200), nullable=False),
        sa.Column("expire_at", sa.DateTime, nullable=False),
    )
