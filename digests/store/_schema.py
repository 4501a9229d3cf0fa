"""The tables as SQLAlchemy Core sees them; migrations/versions/ is what creates them."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

from digests.store._codec import UTCDateTime

metadata = sa.MetaData()

JSON_DOCUMENT = sa.JSON().with_variant(JSONB(), "postgresql")

feeds = sa.Table(
    "feeds",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("url", sa.Text, nullable=False, unique=True),
    sa.Column("title", sa.Text),
    sa.Column("last_success", UTCDateTime),
    sa.Column("last_failure", UTCDateTime),
    sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_error", sa.Text),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("created", UTCDateTime, nullable=False),
    sa.Column("next_poll", UTCDateTime),
    sa.Column("priority", sa.Float, nullable=False, server_default="1.0"),
    sqlite_autoincrement=True,
)

subscriptions = sa.Table(
    "subscriptions",
    metadata,
    sa.Column(
        "feed_id", sa.Integer, sa.ForeignKey("feeds.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("team", sa.Text, primary_key=True),  # "": the workspace of SLACK_BOT_TOKEN
    sa.Column("channel", sa.Text, primary_key=True),
)

stories = sa.Table(
    "stories",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("url", sa.Text, unique=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("published", UTCDateTime),
    sa.Column("fetched", UTCDateTime, nullable=False),
    sa.Column("first_seen", UTCDateTime, nullable=False),
    sa.Column("backlog", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("summary_json", JSON_DOCUMENT, nullable=False),
    sa.Column("fingerprint", sa.Text, nullable=False, unique=True),
    sa.Column("signature", sa.LargeBinary, nullable=False),
    sa.Column("cluster", sa.Integer),
    sa.Column("feed_id", sa.Integer, sa.ForeignKey("feeds.id", ondelete="SET NULL")),
    sa.Column("named", sa.Integer, nullable=False, server_default="0"),  # people, organisations
    sa.Column("figures", sa.Integer, nullable=False, server_default="0"),
    sa.Column("team", sa.Text),  # summarized for this workspace only (its own link or feed)
    sqlite_autoincrement=True,
)

story_names = sa.Table(
    "story_names",
    metadata,
    sa.Column(
        "story_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("role", sa.Text),
    sa.Column("key", sa.Text, nullable=False),  # the name casefolded, for the who lookup
)

story_numbers = sa.Table(
    "story_numbers",
    metadata,
    sa.Column(
        "story_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("value", sa.Float),
    sa.Column("unit", sa.Text),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("context", sa.Text, nullable=False),
)

sa.Index("ix_stories_first_seen", stories.c.first_seen)
sa.Index("ix_stories_source", sa.func.lower(stories.c.source))
sa.Index("ix_stories_cluster", stories.c.cluster)
sa.Index("ix_stories_feed_id", stories.c.feed_id)
sa.Index("ix_story_names_key", story_names.c.key)
sa.Index("ix_subscriptions_channel", subscriptions.c.team, subscriptions.c.channel)

schedules = sa.Table(
    "schedules",
    metadata,
    sa.Column("team", sa.Text, primary_key=True),
    sa.Column("channel", sa.Text, primary_key=True),
    sa.Column("at", sa.Text, nullable=False),
    sa.Column("zone", sa.Text, nullable=False),
    sa.Column("weekdays", sa.Text, nullable=False),
    sa.Column("quiet", sa.Text, nullable=False),
    sa.Column("include", sa.Text, nullable=False),
    sa.Column("exclude", sa.Text, nullable=False),
    sa.Column("origin", sa.Text, nullable=False),
    sa.Column("set_by", sa.Text),
    sa.Column("updated", UTCDateTime, nullable=False),
    sa.Column("last_error", sa.Text),
    sa.Column("last_error_at", UTCDateTime),
    sa.Column("starts", UTCDateTime),  # its time was set then: earlier occurrences are not due
)

digest_posts = sa.Table(
    "digest_posts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.Text, nullable=False, unique=True),
    sa.Column("team", sa.Text, nullable=False, server_default=""),
    sa.Column("channel", sa.Text, nullable=False),
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("owner", sa.Text, nullable=False),
    sa.Column("lease_until", UTCDateTime, nullable=False),
    sa.Column("since", UTCDateTime, nullable=False),
    sa.Column("until", UTCDateTime, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("retry_at", UTCDateTime),
    sa.Column("last_error", sa.Text),
    sa.Column("posted_ts", sa.Text),
    sa.Column("posted_at", UTCDateTime),
    sa.Column("thread_total", sa.Integer, nullable=False, server_default="0"),
    sa.Column("thread_done", sa.Integer, nullable=False, server_default="0"),
    sa.Column("thread_sending", sa.Integer),  # the reply in flight, until Slack confirms it
    sa.Column("created", UTCDateTime, nullable=False),
)
sa.Index(
    "ix_digest_posts_channel", digest_posts.c.channel, digest_posts.c.kind, digest_posts.c.until
)

# slack_sdk's SQLAlchemy installation and OAuth state stores keep workspaces' tokens here (the
# columns are theirs); the store reads them only to forget a workspace in one transaction.
installations = sa.Table(
    "slack_installations",
    metadata,
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
    sa.Index(
        "slack_installations_idx",
        "client_id",
        "enterprise_id",
        "team_id",
        "user_id",
        "installed_at",
    ),
)

bots = sa.Table(
    "slack_bots",
    metadata,
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
    sa.Index("slack_bots_idx", "client_id", "enterprise_id", "team_id", "installed_at"),
)

oauth_states = sa.Table(
    "slack_oauth_states",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("state", sa.String(200), nullable=False),
    sa.Column("expire_at", sa.DateTime, nullable=False),
)
