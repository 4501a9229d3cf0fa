"""A member's Home tab as a Block Kit view, within Slack's 100 blocks, outside text escaped."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    Option,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.slack.escape import link
from bot.slack.home import HomeChannel, HomeFacts, HomeFeed, pair_value
from bot.slack.render.message import MAX_SECTION, clip, date_token, fit, marked, shorten
from bot.slack.schedules import describe

MAX_HOME_BLOCKS = 100
ADD_FEED_ACTION, SCHEDULE_ACTION, PREVIEW_ACTION = "home_add_feed", "home_schedule", "home_preview"
POST_NOW_ACTION, STOP_ACTION = "home_post_now", "home_stop"
UNSUBSCRIBE_ACTION = "home_unsubscribe"
NAME, ERROR, URL = 200, 300, 1000  # characters of a feed's title, an error and a linked address
MENTIONED = 10  # channels named beside a feed; more are counted
INTRO = (
    "The channels you are in that newsbot posts a daily digest to or reads feeds for, and "
    "their feeds. `/news help` in any channel says what else it does."
)


def home_view(facts: HomeFacts) -> View:
    """The Home tab of `facts`: as many channels and feeds as 100 blocks hold, then how many
    more there are."""
    top: list[Block] = [HeaderBlock(text="newsbot"), SectionBlock(text=marked(INTRO))]
    if facts.status:
        top.append(SectionBlock(text=marked(shorten(facts.status, MAX_SECTION))))
    if facts.unlisted:
        why = clip(facts.unlisted, 100)
        said = f":warning: Slack did not say which channels you are in ({why}): try again later."
        top.append(SectionBlock(text=marked(said)))
    if facts.admin:
        top.append(_admin_buttons())
    top += [DividerBlock(), HeaderBlock(text="Your channels")]
    names = {channel.id: channel.name for channel in facts.channels}
    channels = [_channel(channel, facts.admin) for channel in facts.channels] or [[_none_yet()]]
    feeds = [_feed(feed, facts.admin, names) for feed in facts.feeds] or [[_no_feeds()]]
    room = MAX_HOME_BLOCKS - len(top) - 4  # a divider, the feeds' header, two "more" lines
    wanted = sum(len(blocks) for blocks in feeds)
    listed = _fitting(channels, max(room - wanted, room // 2))
    feeds_listed = _fitting(feeds, room - sum(len(blocks) for blocks in channels[:listed]))
    blocks = [*top, *_flat(channels[:listed])]
    unseen = len(facts.channels) - listed + facts.more_channels if facts.channels else 0
    if unseen > 0:
        blocks.append(_more(f"…and {unseen} more channels you are in."))
    blocks += [DividerBlock(), HeaderBlock(text="Feeds"), *_flat(feeds[:feeds_listed])]
    if facts.feeds and len(facts.feeds) > feeds_listed:
        unlisted = len(facts.feeds) - feeds_listed
        blocks.append(
            _more(f"…and {unlisted} more feeds: `/news feeds` in a channel lists its own.")
        )
    return View(type="home", blocks=blocks)


def _admin_buttons() -> ActionsBlock:
    return ActionsBlock(
        block_id="home_admin",
        elements=[
            ButtonElement(text="Add a feed", action_id=ADD_FEED_ACTION, style="primary"),
            ButtonElement(text="Set a schedule", action_id=SCHEDULE_ACTION),
            ButtonElement(text="Preview a digest", action_id=PREVIEW_ACTION),
        ],
    )


def _channel(channel: HomeChannel, admin: bool) -> list[Block]:
    """A channel's section: its digest time and when the next comes, or none; its last error.
    For admins, its buttons."""
    lines = [f"*<#{channel.id}>*"]
    schedule = channel.schedule
    if schedule is None:
        lines.append("No daily digest.")
    else:
        lines.append(f":calendar: {shorten(describe(schedule), 2000)}")
        lines.append(f"Next digest: {channel.next_digest}")
        if schedule.last_error:
            when = date_token(schedule.last_error_at) if schedule.last_error_at else "lately"
            error = clip(schedule.last_error, ERROR)
            lines.append(f":warning: The digest of {when} was not posted: {error}")
    blocks: list[Block] = [SectionBlock(text=marked("\n".join(lines)))]
    if admin:
        buttons = [
            ButtonElement(text="Preview", action_id=PREVIEW_ACTION, value=channel.id),
            ButtonElement(text="Post digest now", action_id=POST_NOW_ACTION, value=channel.id),
            ButtonElement(
                text="Set schedule" if schedule is None else "Change schedule",
                action_id=SCHEDULE_ACTION,
                value=channel.id,
            ),
        ]
        if schedule is not None and schedule.origin != "env":
            buttons.append(_stop_button(channel.id))
        blocks.append(ActionsBlock(elements=buttons))
    return blocks


def _stop_button(channel: str) -> ButtonElement:
    confirm = ConfirmObject(
        title="Stop the daily digest?",
        text=marked(f"<#{channel}> gets no daily digest until an admin sets one again."),
        confirm="Stop it",
        deny="Keep it",
        style="danger",
    )
    return ButtonElement(
        text="Stop digest", action_id=STOP_ACTION, value=channel, style="danger", confirm=confirm
    )


def _feed(feed: HomeFeed, admin: bool, names: Mapping[str, str]) -> list[Block]:
    """A feed's section: its name, who gets it and its health; for admins, Unsubscribe."""
    found = feed.feed
    name = link(found.url, fit(found.title or found.url, NAME), max_url=URL)
    if feed.channels:
        mentioned = ", ".join(f"<#{c}>" for c in feed.channels[:MENTIONED])
        more = len(feed.channels) - MENTIONED
        to = f"to {mentioned}" + (f" and {more} more" if more > 0 else "")
    else:
        to = "to every channel (NEWS_FEEDS)"
    read = date_token(found.last_success) if found.last_success else None
    health = f"last read {read}" if read else "not read yet"
    if found.failures:
        error = clip(found.last_error or "unknown error", ERROR)
        health += f" · :warning: {found.failures} failures in a row: {error}"
    text = marked(f"*{name}* `#{found.id}` {to}\n{health}")
    if not admin or not feed.channels:
        return [SectionBlock(text=text)]
    return [SectionBlock(text=text, accessory=_unsubscribe(feed, names))]


def _unsubscribe(feed: HomeFeed, names: Mapping[str, str]) -> ButtonElement | StaticSelectElement:
    """A button for a feed one listed channel gets; a menu of channels when several do."""
    title = clip(feed.feed.title or feed.feed.url, 100)
    if len(feed.channels) == 1:
        channel = feed.channels[0]
        confirm = ConfirmObject(
            title="Unsubscribe?",
            text=marked(f"<#{channel}> stops getting {title}."),
            confirm="Unsubscribe",
            deny="Keep it",
            style="danger",
        )
        value = pair_value(feed.feed.id, channel)
        return ButtonElement(
            text="Unsubscribe", action_id=UNSUBSCRIBE_ACTION, value=value, confirm=confirm
        )
    options = [
        Option(
            text=PlainTextObject(text="#" + shorten(names.get(c, c), 70), emoji=False),
            value=pair_value(feed.feed.id, c),
        )
        for c in feed.channels[:100]
    ]
    confirm = ConfirmObject(
        title="Unsubscribe?",
        text=marked(f"The channel you chose stops getting {title}."),
        confirm="Unsubscribe",
        deny="Keep it",
        style="danger",
    )
    return StaticSelectElement(
        placeholder="Unsubscribe from…",
        action_id=UNSUBSCRIBE_ACTION,
        options=options,
        confirm=confirm,
    )


def _none_yet() -> SectionBlock:
    said = (
        "You are in none of the channels newsbot posts to or reads feeds for. An admin gives a "
        "channel a feed with `/news subscribe <feed url>` there, or on this tab."
    )
    return SectionBlock(text=marked(said))


def _no_feeds() -> SectionBlock:
    return SectionBlock(text=marked("No feeds yet."))


def _more(text: str) -> ContextBlock:
    return ContextBlock(elements=[marked(text)])


def _fitting(items: Sequence[Sequence[Block]], room: int) -> int:
    """How many of `items` (each a few blocks) fit in `room` blocks, from the first."""
    used = 0
    for count, blocks in enumerate(items):
        used += len(blocks)
        if used > room:
            return count
    return len(items)


def _flat(items: Sequence[Sequence[Block]]) -> list[Block]:
    return [block for blocks in items for block in blocks]
