"""Each /news subcommand answered as a Message from the store; no Slack calls in here."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from bot.config import Settings
from bot.slack import schedules
from bot.slack.escape import mrkdwn
from bot.slack.parse import UsageError, parse_command, parse_search, story_id
from bot.slack.place import HERE, Place
from bot.slack.poster import DigestNotPosted
from bot.slack.render import (
    PAGE_SIZE,
    Message,
    digest_message,
    feeds_message,
    help_message,
    notice,
    results_message,
    story_message,
)
from bot.slack.render.message import clip
from bot.slack.subscriptions import first_poll, subscribe, unsubscribe
from digests import DigestError
from digests.channel_digest import DigestPolicy, channel_plan, compose_for_channel
from digests.clock import utcnow
from digests.ingest import Ingestor, PoliteClient, canonical_url, fetch_article
from digests.model import EntityKind, Story
from digests.store import Store

log = logging.getLogger(__name__)
LATEST_DEFAULT, LATEST_MAX = 5, 50
HEADING = 200  # characters of a user's words or a headline repeated above results
MAX_PAGE_VALUE = 2000  # Slack's limit on a button's value
MAX_OFFSET = 10_000  # no one pages that far: a larger offset in a button was forged
EXPIRED = "That button has expired: run the command again."


@dataclass(frozen=True)
class Asker:
    """Who typed the command, and where (Slack's team id: their workspace)."""

    user: str
    channel: str
    team: str = ""

    @property
    def where(self) -> dict[str, str]:
        """The team and channel, as a log record's `extra=`."""
        return {"team": self.team, "channel": self.channel}


@dataclass(frozen=True)
class AnswerPolicy:
    """What answering needs of the settings: the digest policy, the admins, the .env feeds."""

    digest: DigestPolicy = field(default_factory=DigestPolicy)
    admins: tuple[str, ...] = ()
    env_feeds: tuple[str, ...] = ()  # NEWS_FEEDS: only .env removes them
    many_workspaces: bool = False  # each workspace's rows and stories its own (SLACK_CLIENT_ID)

    @classmethod
    def of(cls, settings: Settings) -> AnswerPolicy:
        return cls(
            settings.digest_policy,
            settings.admin_user_ids,
            settings.news_feeds,
            settings.many_workspaces,
        )


@dataclass(frozen=True)
class Reply:
    """The answer, and slow work to do once it is sent, whose result is a second answer."""

    message: Message
    then: Callable[[], Message] | None = None


class Answers:
    """Answers /news subcommands and button presses, each from the asker's workspace's rows
    and the stories it may see."""

    def __init__(
        self,
        store: Store,
        policy: AnswerPolicy,
        client: PoliteClient,
        is_admin: Callable[[str, str], bool],
        now: Callable[[], datetime] = utcnow,
        *,
        post_now: Callable[[str, str], str] | None = None,
        bot_in_channel: Callable[[str, str], bool] = lambda channel, team: True,
    ) -> None:
        self.store = store
        self.policy = policy
        self.client = client
        self.is_admin = is_admin  # (user, team) -> whether they are newsbot's admin
        self.now = now
        self.post_now = post_now  # (channel, team) -> the posted digest's ts
        self.bot_in_channel = bot_in_channel  # (channel, team) -> whether newsbot is in it

    def team(self, asker: Asker) -> str:
        """The team id the asker's workspace's rows carry ("" for SLACK_BOT_TOKEN's)."""
        return asker.team if self.policy.many_workspaces else ""

    def sees(self, asker: Asker) -> str | None:
        """Whose stories the asker may see: their workspace's, or (one workspace) all."""
        return asker.team if self.policy.many_workspaces else None

    def answer(self, text: str, asker: Asker) -> Reply:
        """The reply to `/news <text>`; a mistake gets a line that says how to do it right."""
        command = parse_command(text)
        log.info(
            "/news %s from %s in %s", command.name, asker.user, asker.channel, extra=asker.where
        )
        handlers: dict[str, Callable[[str, Asker], Reply]] = {
            "search": self._search,
            "latest": self._latest,
            "who": self._who,
            "story": self._story,
            "feeds": self._feeds,
            "subscribe": self._subscribe,
            "unsubscribe": self._unsubscribe,
            "digest": self._digest,
            "schedule": self._schedule,
        }
        try:
            if command.name not in handlers:
                return Reply(self._help_for(command.unknown))
            return handlers[command.name](command.args, asker)
        except UsageError as exc:
            return Reply(notice(str(exc)))
        except DigestError as exc:
            log.warning(
                "/news %s failed: %s", command.name, exc, extra=asker.where | {"error": str(exc)}
            )
            return Reply(notice(f"Sorry, that did not work: {mrkdwn(str(exc))}"))

    def page(self, value: str, asker: Asker) -> Message:
        """Another page of a listing, from the value of its Previous or Next button."""
        try:
            wanted = json.loads(value)
            kind, args, offset = wanted["c"], wanted["a"], wanted["o"]
        except (ValueError, KeyError, TypeError):
            return notice(EXPIRED)
        listings = {"search": self._search, "latest": self._latest, "who": self._who}
        if not (
            isinstance(kind, str)
            and kind in listings
            and isinstance(args, str)
            and type(offset) is int  # not a float, a string or a bool
            and 0 <= offset <= MAX_OFFSET
        ):
            return notice(EXPIRED)
        try:
            return listings[kind](args, asker, offset).message
        except (UsageError, DigestError) as exc:
            return notice(mrkdwn(str(exc)))

    def full(self, value: str, asker: Asker) -> Message:
        """One story in full, for its Full summary button."""
        story = self.stored(value, asker)
        if story is None:
            return notice("That story is no longer stored.")
        return story_message(story)

    def more_like(self, value: str, asker: Asker) -> Message:
        """Stories about the same people, or with the same headline words, for More like this."""
        story = self.stored(value, asker)
        if story is None:
            return notice("That story is no longer stored.")
        named = [e.name for e in story.summary.who if e.kind is not EntityKind.PLACE]
        sees = self.sees(asker)
        if named:
            found = self.store.mentioning(named[0], limit=PAGE_SIZE + 1, visible_to=sees)
        else:
            words = sorted(story.summary.headline.split(), key=len, reverse=True)[:2]
            found = self.store.search(" ".join(words), limit=PAGE_SIZE + 1, visible_to=sees)
        others = [s for s in found if s.cluster != story.cluster][:PAGE_SIZE]
        heading = f"*More like* {clip(story.summary.headline or story.title, HEADING)}"
        return results_message(heading, others, empty="Nothing like it is stored yet.")

    def stored(self, value: str, asker: Asker) -> Story | None:
        """The story a button's value names, or None (gone, not the asker's workspace's to see,
        or a value that is no id)."""
        number = story_id(value)
        return None if number is None else self.store.story(number, self.sees(asker))

    # listings

    def _search(self, args: str, asker: Asker, offset: int = 0) -> Reply:
        request = parse_search(args, self.now(), self.policy.digest.default_zone)
        stories = self.store.search(
            request.words,
            who=request.who,
            source=request.source,
            since=request.since,
            limit=PAGE_SIZE + 1,
            offset=offset,
            visible_to=self.sees(asker),
        )
        heading = f"*Stories for* `{clip(args, HEADING)}`"
        return Reply(self._listing("search", args, heading, stories, offset))

    def _latest(self, args: str, asker: Asker, offset: int = 0) -> Reply:
        wanted = args.split()[0] if args.split() else str(LATEST_DEFAULT)
        if not re.fullmatch(r"[0-9]{1,3}", wanted) or not 1 <= int(wanted) <= LATEST_MAX:
            raise UsageError(f"`/news latest [n]` takes a number from 1 to {LATEST_MAX}")
        total = int(wanted)
        count = min(PAGE_SIZE, total - offset)
        more = offset + count < total  # then ask for one more, to see whether there is one
        stories = (
            self.store.latest(limit=count + more, offset=offset, visible_to=self.sees(asker))
            if count > 0
            else []
        )
        heading = f"*The {total} latest stories*"
        return Reply(self._listing("latest", wanted, heading, stories, offset))

    def _who(self, args: str, asker: Asker, offset: int = 0) -> Reply:
        if not args:
            raise UsageError("Say whom: `/news who <name>`, e.g. `/news who Putin`")
        stories = self.store.mentioning(
            args, limit=PAGE_SIZE + 1, offset=offset, visible_to=self.sees(asker)
        )
        heading = f"*Stories naming* {clip(args, HEADING)}"
        return Reply(self._listing("who", args, heading, stories, offset))

    def _listing(
        self, kind: str, args: str, heading: str, stories: list[Story], offset: int
    ) -> Message:
        """A page of results with Previous and Next buttons where there is more."""
        more = len(stories) > PAGE_SIZE

        def page(at: int) -> str | None:
            value = json.dumps({"c": kind, "a": args, "o": at})
            return value if len(value) <= MAX_PAGE_VALUE else None

        return results_message(
            heading,
            stories[:PAGE_SIZE],
            next_page=page(offset + PAGE_SIZE) if more else None,
            previous_page=page(max(offset - PAGE_SIZE, 0)) if offset > 0 else None,
        )

    # one story

    def _story(self, args: str, asker: Asker) -> Reply:
        wanted = args.split()[0] if args.split() else ""
        number = story_id(wanted)
        if number is not None:
            story = self.store.story(number, self.sees(asker))
            if story is None:
                return Reply(notice(f"No story #{number} is stored."))
            return Reply(story_message(story))
        if wanted.startswith(("http://", "https://")):
            return Reply(self.summarize_link(wanted, asker))
        raise UsageError("`/news story <id>` shows a stored story; `/news story <url>` reads one")

    def summarize_link(self, url: str, asker: Asker) -> Message:
        """The story at `url`: stored already, or fetched (never from a private address unless
        ALLOW_PRIVATE_URLS), summarized and kept, out of the digests (it was asked for) and,
        with many workspaces, for the asker's only."""
        known = self.store.find(url=canonical_url(url))
        if known is None:
            try:
                article = fetch_article(url, self.client)
            except DigestError as exc:
                return notice(f"I could not read {mrkdwn(url)}: {mrkdwn(exc.problem)}")
            ingestor = Ingestor(self.store, self.client, now=self.now)
            outcome = ingestor.save(article, backlog=True, team=self.sees(asker))
            if outcome.story_id is None:
                return notice(f"I could not summarize {mrkdwn(url)}: {mrkdwn(outcome.error or '')}")
            known = outcome.story_id
        story = self.store.story(known)
        if story is None:
            return notice("That story was removed meanwhile; try again.")
        return story_message(story)

    # feeds

    def _feeds(self, args: str, asker: Asker) -> Reply:
        feeds = self.store.feeds(asker.channel, self.team(asker))
        global_ids = {f.id for f in feeds if f.is_global}
        return Reply(feeds_message(feeds, global_ids=global_ids))

    def _subscribe(self, args: str, asker: Asker) -> Reply:
        self._require_admin(asker, "subscribe this channel to a feed")
        url = args.split()[0] if args.split() else ""
        if not url.startswith(("http://", "https://")):
            raise UsageError(
                "`/news subscribe <feed url>` takes the address of an RSS or Atom feed"
            )
        done = subscribe(self.store, self.client, url, asker.channel, self.team(asker))
        feed = done.feed
        if feed is None:
            return Reply(notice(done.said))
        return Reply(
            notice(done.said + " Reading them now…"),
            then=lambda: notice(first_poll(self.store, self.client, feed, self.now)),
        )

    def _unsubscribe(self, args: str, asker: Asker) -> Reply:
        self._require_admin(asker, "unsubscribe this channel from a feed")
        wanted = args.split()[0].lstrip("#") if args.split() else ""
        if not wanted:
            raise UsageError("`/news unsubscribe <feed url or id>`; `/news feeds` lists them")
        env_feeds = self.policy.env_feeds
        said = unsubscribe(self.store, wanted, asker.channel, self.team(asker), env_feeds)
        return Reply(notice(said))

    def _require_admin(self, asker: Asker, doing: str) -> None:
        if not self.is_admin(asker.user, asker.team):
            raise UsageError(self.refusal(doing))

    def refusal(self, doing: str) -> str:
        """The polite no a user who is no admin gets, and whom to ask."""
        admins = ", ".join(f"<@{u}>" for u in self.policy.admins[:5])
        ask = f"Ask one of them ({admins})" if admins else "Ask a workspace admin or owner"
        return f"Sorry, only newsbot's admins can {doing}. {ask}."

    # digests

    def _digest(self, args: str, asker: Asker) -> Reply:
        wanted = args.lower()
        if wanted == "now":
            return Reply(self.digest_now(asker))
        if wanted not in ("", "preview"):
            raise UsageError(
                "`/news digest preview` shows the digest this channel would get now; "
                "`/news digest now` posts it (admins)"
            )
        return Reply(self.preview(asker))

    def preview(self, asker: Asker) -> Message:
        """The digest the asker's channel would get now, as its preview."""
        plan = channel_plan(
            self.store, self.policy.digest, asker.channel, until=self.now(), team=self.team(asker)
        )
        digest = compose_for_channel(self.store, plan)
        return digest_message(digest, zone=plan.zone, preview=True)

    def digest_now(self, asker: Asker, place: Place = HERE) -> Message:
        """Post the asker's channel's digest now, if they are an admin; what came of it."""
        try:
            self._require_admin(asker, "post a digest now")
        except UsageError as exc:
            return notice(str(exc))
        if self.post_now is None:
            return notice("Digests are posted by `newsbot run`, which is not running here.")
        try:
            self.post_now(asker.channel, self.team(asker))
        except DigestNotPosted as exc:
            return notice(f"The digest was not posted: {mrkdwn(str(exc))}")
        return notice(f"Posted {place.name}'s digest; the scheduled one still comes.")

    def _schedule(self, args: str, asker: Asker) -> Reply:
        if not args:
            return Reply(schedules.show(self.store, asker.channel, self.now(), self.team(asker)))
        self._require_admin(asker, "change this channel's digest schedule")
        return Reply(
            schedules.change(
                self.store,
                args,
                channel=asker.channel,
                team=self.team(asker),
                user=asker.user,
                default_zone=self.policy.digest.default_zone,
                bot_in_channel=self.bot_in_channel,
                now=self.now(),
            )
        )

    def _help_for(self, unknown: str | None) -> Message:
        helped = help_message()
        if unknown is None:
            return helped
        said = notice(f"I don't know `{mrkdwn(unknown)}`. Here is what I can do:")
        return Message(text=said.text, blocks=said.blocks + helped.blocks)
