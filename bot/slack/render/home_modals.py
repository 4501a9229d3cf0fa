"""The Home tab's modals: add a feed, set a schedule, preview a digest, and what came of each."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    Block,
    CheckboxesElement,
    ContextBlock,
    ConversationFilter,
    ConversationSelectElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    TimePickerElement,
)
from slack_sdk.models.views import View

from bot.slack.render.message import Message, marked, sections
from digests.schedule import DAY_NAMES, Schedule

FEED_FORM, SCHEDULE_FORM, PREVIEW_FORM = "home_feed_form", "home_schedule_form", "home_preview_form"
CHANNEL, URL, TIME, ZONE, DAYS, QUIET, INCLUDE, EXCLUDE = (
    "channel",
    "url",
    "time",
    "zone",
    "days",
    "quiet",
    "include",
    "exclude",
)
MAX_URL_INPUT, MAX_WORDS_INPUT = 2000, 500  # characters a feed address or a keyword list takes
SKIP = "skip"
DAYS_SHOWN = tuple(name.title() for name in DAY_NAMES)


def feed_modal(channel: str | None = None, url: str = "", problem: str | None = None) -> View:
    """Add a feed to a channel: the channel, the feed's address; why the last try failed."""
    blocks: list[Block] = _problem(problem)
    blocks += [
        _channel_input(channel),
        InputBlock(
            block_id=URL,
            label="Feed address",
            element=PlainTextInputElement(
                action_id=URL,
                placeholder="https://example.com/feed.xml",
                initial_value=url or None,
                max_length=MAX_URL_INPUT,
            ),
            hint="An RSS or Atom feed. newsbot reads it at once, then every few minutes.",
        ),
    ]
    return _form(FEED_FORM, "Add a feed", "Subscribe", blocks)


def schedule_modal(
    default_zone: str,
    schedule: Schedule | None = None,
    channel: str | None = None,
    problem: str | None = None,
) -> View:
    """Set a channel's daily digest, filled in with `schedule` when there is one."""
    day_options = [Option(text=name, value=str(n)) for n, name in enumerate(DAYS_SHOWN, 1)]
    days = [o for o in day_options if schedule and int(o.value or 0) in schedule.weekdays]
    quiet = Option(text="Post nothing on a day with no news", value=SKIP)
    blocks: list[Block] = _problem(problem)
    blocks += [
        _channel_input(schedule.channel if schedule else channel),
        InputBlock(
            block_id=TIME,
            label="Time of day",
            element=TimePickerElement(
                action_id=TIME, initial_time=f"{schedule.at:%H:%M}" if schedule else "08:00"
            ),
        ),
        InputBlock(
            block_id=ZONE,
            label="Time zone",
            element=PlainTextInputElement(
                action_id=ZONE,
                initial_value=schedule.zone if schedule else default_zone,
                max_length=100,
            ),
            hint="An IANA name such as Europe/Berlin or America/New_York, or UTC.",
        ),
        InputBlock(
            block_id=DAYS,
            label="Days",
            element=CheckboxesElement(
                action_id=DAYS, options=day_options, initial_options=days or None
            ),
            hint="None chosen: every day.",
            optional=True,
        ),
        InputBlock(
            block_id=QUIET,
            label="Quiet days",
            element=CheckboxesElement(
                action_id=QUIET,
                options=[quiet],
                initial_options=[quiet] if schedule and schedule.quiet == SKIP else None,
            ),
            hint="Otherwise a day with no news posts one line that says so.",
            optional=True,
        ),
        _words_input(INCLUDE, "Only stories with", schedule.include if schedule else ()),
        _words_input(EXCLUDE, "Leave out stories with", schedule.exclude if schedule else ()),
    ]
    return _form(SCHEDULE_FORM, "Digest schedule", "Save", blocks)


def preview_form_modal(channel: str | None = None) -> View:
    """Choose the channel whose digest to preview."""
    return _form(PREVIEW_FORM, "Preview a digest", "Preview", [_channel_input(channel)])


def preview_modal(channel: str, digest: Message) -> View:
    """The digest `channel` would get now (at most 50 blocks, so it fits a modal's 100)."""
    said = f"What <#{channel}> would get if its digest were posted now; only you see this."
    blocks: list[Block] = [ContextBlock(elements=[marked(said)]), *digest.blocks]
    return View(type="modal", title="Digest preview", close="Close", blocks=blocks)


def note_modal(title: str, text: str, close: str = "Close") -> View:
    """A modal that says one thing (trusted mrkdwn): work under way, or what came of it."""
    return View(type="modal", title=title, close=close, blocks=sections(text)[:10])


def _form(callback: str, title: str, submit: str, blocks: list[Block]) -> View:
    return View(
        type="modal",
        callback_id=callback,
        title=title,
        submit=submit,
        close="Cancel",
        blocks=blocks,
    )


def _channel_input(channel: str | None) -> InputBlock:
    return InputBlock(
        block_id=CHANNEL,
        label="Channel",
        element=ConversationSelectElement(
            action_id=CHANNEL,
            placeholder="Choose a channel",
            initial_conversation=channel,
            filter=ConversationFilter(include=["public", "private"], exclude_bot_users=True),
        ),
    )


def _words_input(block: str, label: str, words: tuple[str, ...]) -> InputBlock:
    return InputBlock(
        block_id=block,
        label=label,
        element=PlainTextInputElement(
            action_id=block,
            initial_value=", ".join(words) or None,
            placeholder="words, separated by commas",
            max_length=MAX_WORDS_INPUT,
        ),
        optional=True,
    )


def _problem(problem: str | None) -> list[Block]:
    """Why the last try did not work (trusted mrkdwn), above the form."""
    return list(sections(f":warning: {problem}")[:2]) if problem else []
