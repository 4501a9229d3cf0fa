"""The Home tab's modals submitted: a bad field named at once, the work done after the ack."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.slack import schedules
from bot.slack.answers import Answers, Asker
from bot.slack.escape import mrkdwn
from bot.slack.home_forms import (
    FeedForm,
    ScheduleForm,
    read_channel,
    read_feed_form,
    read_schedule_form,
)
from bot.slack.listeners.home import HomeDesk
from bot.slack.parse import UsageError
from bot.slack.place import Place
from bot.slack.render.home_modals import (
    FEED_FORM,
    PREVIEW_FORM,
    SCHEDULE_FORM,
    feed_modal,
    note_modal,
    preview_modal,
    schedule_modal,
)
from bot.slack.subscriptions import first_poll, subscribe

FEED_TITLE, SCHEDULE_TITLE, PREVIEW_TITLE = "Add a feed", "Digest schedule", "Digest preview"


def register(app: App, answers: Answers) -> None:
    """Answer the add-a-feed, schedule and preview modals: a bad field at once with Slack's
    `response_action: errors`, else with a note that the work is under way; then, as a lazy
    listener, check the admin again, do what `/news` does, show the outcome in the modal and
    publish the Home. The modal is updated only after a call to Slack of the listener's own (the
    member's channels), so that it lands after the note the ack answered with."""
    desk = HomeDesk(answers)

    def feed_checked(ack: Ack, body: dict[str, Any]) -> None:
        form = read_feed_form(_values(body))
        if not isinstance(form, FeedForm):
            ack(response_action="errors", errors=form)
            return
        ack(response_action="update", view=note_modal(FEED_TITLE, f"Reading {mrkdwn(form.url)}…"))

    def feed_added(body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        form = read_feed_form(_values(body))
        if not isinstance(form, FeedForm):
            return
        asker, view_id = _asker(context, form.channel), _view_id(body)
        member_of, problem = desk.member_check(client, asker)  # first: see register()
        if not admin(asker, client, view_id, FEED_TITLE, "subscribe channels to feeds"):
            return
        if problem is not None:
            desk.update(client, asker, view_id, feed_modal(form.channel, form.url, problem))
            return
        place, team = Place(form.channel), answers.team(asker)
        done = subscribe(answers.store, answers.client, form.url, form.channel, team, place)
        feed = done.feed
        if feed is None:
            desk.update(client, asker, view_id, feed_modal(form.channel, form.url, done.said))
            return
        said = done.said + " Reading them now…"
        desk.update(client, asker, view_id, note_modal(FEED_TITLE, said, close="Done"))
        desk.publish(client, asker, said, member_of)
        read = first_poll(answers.store, answers.client, feed, answers.now)
        desk.publish(client, asker, f"{done.said}\n{read}", member_of)

    def schedule_checked(ack: Ack, body: dict[str, Any]) -> None:
        form = read_schedule_form(_values(body))
        if not isinstance(form, ScheduleForm):
            ack(response_action="errors", errors=form)
            return
        ack(response_action="update", view=note_modal(SCHEDULE_TITLE, "Saving…"))

    def schedule_set(body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        form = read_schedule_form(_values(body))
        if not isinstance(form, ScheduleForm):
            return
        asker, view_id = _asker(context, form.channel), _view_id(body)
        member_of, problem = desk.member_check(client, asker)
        if not admin(asker, client, view_id, SCHEDULE_TITLE, "change digest schedules"):
            return
        now = answers.now()
        schedule = schedules.schedule_of(
            form.channel,
            answers.team(asker),
            form.at,
            form.zone,
            form.weekdays,
            skip_quiet=form.skip_quiet,
            include=form.include,
            exclude=form.exclude,
            now=now,
        )
        zone = answers.policy.digest.default_zone
        if problem is None:
            try:
                said = schedules.save(
                    answers.store,
                    schedule,
                    user=asker.user,
                    bot_in_channel=answers.bot_in_channel,
                    now=now,
                    place=Place(form.channel),
                ).text
            except UsageError as exc:
                problem = str(exc)
        if problem is not None:
            desk.update(client, asker, view_id, schedule_modal(zone, schedule, problem=problem))
            return
        desk.update(client, asker, view_id, note_modal(SCHEDULE_TITLE, said, close="Done"))
        desk.publish(client, asker, said, member_of)

    def preview_checked(ack: Ack, body: dict[str, Any]) -> None:
        channel = read_channel(_values(body))
        if not isinstance(channel, str):
            ack(response_action="errors", errors=channel)
            return
        waiting = f"Composing the digest of <#{channel}>…"
        ack(response_action="update", view=note_modal(PREVIEW_TITLE, waiting))

    def previewed(body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        channel = read_channel(_values(body))
        if not isinstance(channel, str):
            return
        asker, view_id = _asker(context, channel), _view_id(body)
        _, problem = desk.member_check(client, asker)
        if not admin(asker, client, view_id, PREVIEW_TITLE, "preview digests on the Home tab"):
            return
        shown = (
            note_modal(PREVIEW_TITLE, problem)
            if problem
            else preview_modal(channel, answers.preview(asker))
        )
        desk.update(client, asker, view_id, shown)

    def admin(asker: Asker, client: WebClient, view_id: str, title: str, doing: str) -> bool:
        """Whether the submitter is an admin (asked again at every submission); if not, the
        modal says so and nothing changes."""
        if answers.is_admin(asker.user, asker.team):
            return True
        desk.update(client, asker, view_id, note_modal(title, answers.refusal(doing)))
        return False

    app.view(FEED_FORM)(ack=feed_checked, lazy=[feed_added])
    app.view(SCHEDULE_FORM)(ack=schedule_checked, lazy=[schedule_set])
    app.view(PREVIEW_FORM)(ack=preview_checked, lazy=[previewed])


def _values(body: dict[str, Any]) -> dict[str, Any]:
    """The submitted modal's input values, by block id."""
    values = ((body.get("view") or {}).get("state") or {}).get("values")
    return values if isinstance(values, dict) else {}


def _view_id(body: dict[str, Any]) -> str:
    return str((body.get("view") or {}).get("id") or "")


def _asker(context: BoltContext, channel: str) -> Asker:
    """Who submitted, in which workspace (the signed request's), about the channel they chose."""
    return Asker(context.user_id or "", channel, context.team_id or "")
