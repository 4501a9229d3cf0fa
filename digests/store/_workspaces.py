"""Forgetting a workspace: its subscriptions, schedules, digests and installation, at once."""

from __future__ import annotations

import sqlalchemy as sa

from digests.store._base import StorageBase
from digests.store._feeds import drop_if_unsubscribed
from digests.store._schema import bots, digest_posts, installations, schedules, subscriptions


class WorkspaceStorage(StorageBase):
    """What belongs to one workspace (Slack's team id), removed in one transaction."""

    @property
    def engine(self) -> sa.Engine:
        """The engine, for slack_sdk's installation and OAuth state stores, whose tables the
        migrations make in this same database."""
        return self._engine

    def forget_workspace(self, team: str) -> int:
        """Remove workspace `team`'s installation (tokens), schedules, digest records and
        subscriptions (a feed nobody else has goes, its stories kept for no one else) in one
        transaction: a process that dies midway leaves all of it or none. How many channels
        lost a schedule or a subscription."""
        with self._write() as conn:
            feed_ids = list(
                conn.scalars(
                    sa.select(subscriptions.c.feed_id)
                    .where(subscriptions.c.team == team)
                    .distinct()
                )
            )
            channels = set(
                conn.scalars(sa.select(subscriptions.c.channel).where(subscriptions.c.team == team))
            )
            channels |= set(
                conn.scalars(sa.select(schedules.c.channel).where(schedules.c.team == team))
            )
            conn.execute(sa.delete(subscriptions).where(subscriptions.c.team == team))
            for feed_id in feed_ids:
                drop_if_unsubscribed(conn, feed_id, team)
            conn.execute(sa.delete(schedules).where(schedules.c.team == team))
            conn.execute(sa.delete(digest_posts).where(digest_posts.c.team == team))
            conn.execute(sa.delete(installations).where(installations.c.team_id == team))
            conn.execute(sa.delete(bots).where(bots.c.team_id == team))
            return len(channels)
