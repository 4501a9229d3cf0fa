"""The Home tab: published when a member opens it, and its buttons, each acked at once."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.views import View
from slack_sdk.web import SlackResponse

from bot.slack import schedules
from bot.slack.answers import Answers, Asker
from bot.slack.escape import mrkdwn
from bot.slack.home import home_facts, listed, read_pair
from bot.slack.listeners.ack import ack_now
from bot.slack.parse import UsageError
from bot.slack.place import Place, is_channel_id
from bot.slack.render.home import (
    ADD_FEED_ACTION,
    POST_NOW_ACTION,
    PREVIEW_ACTION,
    SCHEDULE_ACTION,
    STOP_ACTION,
    UNSUBSCRIBE_ACTION,
    home_view,
)
from bot.slack.render.home_modals import (
    feed_modal,
    note_modal,
    preview_form_modal,
    preview_modal,
    schedule_modal,
)
from bot.slack.subscriptions import unsubscribe
from digests import DigestError

log = logging.getLogger(__name__)
PAGE, PAGES = 200, 5  # a member's channels are asked 200 a page, five pages at most
PREVIEW_TITLE = "Digest preview"
NOT_LISTED = "That channel is not on your Home tab: newsbot does not know it, or you are not in it."


class HomeDesk:
    """The Home tab's side of Slack: the channels a member is in, the tab published, modals
    opened and updated; the rest is asked of Answers."""

    def __init__(self, answers: Answers) -> None:
        self.answers = answers

    def member_of(self, client: WebClient, user: str) -> dict[str, str]:
        """The channels `user` is in (id to name), public and private, as Slack lists them."""
        found: dict[str, str] = {}
        cursor = None
        for _ in range(PAGES):
            page = client.users_conversations(
                user=user,
                types="public_channel,private_channel",
                exclude_archived=True,
                limit=PAGE,
                cursor=cursor,
            )
            channels: list[dict[str, Any]] = page.get("channels") or []
            found |= {c["id"]: str(c.get("name") or c["id"]) for c in channels}
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                break
        return found

    def publish(
        self,
        client: WebClient,
        asker: Asker,
        status: str | None = None,
        member_of: dict[str, str] | None = None,
    ) -> None:
        """Show `asker` their Home tab, with what their last change came to."""
        unlisted = None
        if member_of is None:
            try:
                member_of = self.member_of(client, asker.user)
            except SlackApiError as exc:
                unlisted = str(exc.response.get("error"))
                log.warning("users.conversations failed: %s", unlisted, extra=asker.where)
        facts = home_facts(
            self.answers.store,
            self.answers.team(asker),
            member_of,
            self.answers.now(),
            admin=self.answers.is_admin(asker.user, asker.team),
            status=status,
            unlisted=unlisted,
        )
        view = home_view(facts)
        self._view(
            asker, "views.publish", lambda: client.views_publish(user_id=asker.user, view=view)
        )

    def check(self, client: WebClient, asker: Asker) -> tuple[dict[str, str], str | None]:
        """The member's channels, and why `asker.channel` may not be acted on from their Home
        (None: it may, being one newsbot knows and they are in)."""
        member_of, problem = self._channels(client, asker)
        known = listed(self.answers.store, self.answers.team(asker), asker.channel, member_of)
        return member_of, problem or (None if known else NOT_LISTED)

    def member_check(self, client: WebClient, asker: Asker) -> tuple[dict[str, str], str | None]:
        """The member's channels, and why they may not change `asker.channel` (None: they may,
        being in it, as they would be to type `/news` there)."""
        member_of, problem = self._channels(client, asker)
        if problem is None and asker.channel not in member_of:
            problem = f"You are not in <#{asker.channel}>: join it first, or choose another."
        return member_of, problem

    def _channels(self, client: WebClient, asker: Asker) -> tuple[dict[str, str], str | None]:
        try:
            return self.member_of(client, asker.user), None
        except SlackApiError as exc:
            error = exc.response.get("error")
            return {}, f"Slack did not say which channels you are in ({mrkdwn(str(error))})."

    def open(self, client: WebClient, asker: Asker, trigger_id: str, view: View) -> str | None:
        """Open a modal; its view id, or None when Slack refused (logged)."""
        return self._view(
            asker, "views.open", lambda: client.views_open(trigger_id=trigger_id, view=view)
        )

    def update(self, client: WebClient, asker: Asker, view_id: str, view: View) -> None:
        """Show an open modal anew (nothing when it was closed meanwhile: logged)."""
        self._view(asker, "views.update", lambda: client.views_update(view_id=view_id, view=view))

    def _view(self, asker: Asker, method: str, call: Callable[[], SlackResponse]) -> str | None:
        try:
            answer = call()
        except SlackApiError as exc:
            error = str(exc.response.get("error"))
            log.warning("%s failed: %s", method, error, extra=asker.where | {"error": error})
            return None
        return str((answer.get("view") or {}).get("id") or "") or None


def register(app: App, answers: Answers) -> None:
    """Publish the Home tab when it is opened, and answer its buttons."""
    desk = HomeDesk(answers)

    def opened(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        if event.get("tab") == "home":
            desk.publish(client, Asker(str(event.get("user") or ""), "", context.team_id or ""))

    def admin(asker: Asker, client: WebClient, doing: str) -> bool:
        """Whether the presser is an admin (asked again at every press); if not, their Home says
        so."""
        if answers.is_admin(asker.user, asker.team):
            return True
        desk.publish(client, asker, answers.refusal(doing))
        return False

    def add_feed(body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        if admin(asker := _asker(context), client, "add feeds"):
            desk.open(client, asker, body["trigger_id"], feed_modal())

    def schedule(
        body: dict[str, Any], action: dict[str, Any], context: BoltContext, client: WebClient
    ) -> None:
        asker = _asker(context, action.get("value"))
        if admin(asker, client, "change digest schedules"):
            channel = asker.channel or None
            found = answers.store.schedules(channel, answers.team(asker)) if channel else []
            zone = answers.policy.digest.default_zone
            modal = schedule_modal(zone, found[0] if found else None, channel)
            desk.open(client, asker, body["trigger_id"], modal)

    def preview(
        body: dict[str, Any], action: dict[str, Any], context: BoltContext, client: WebClient
    ) -> None:
        asker = _asker(context, action.get("value"))
        if not admin(asker, client, "preview digests on the Home tab"):
            return
        if not asker.channel:
            desk.open(client, asker, body["trigger_id"], preview_form_modal())
            return
        waiting = note_modal(PREVIEW_TITLE, f"Composing the digest of <#{asker.channel}>…")
        view_id = desk.open(client, asker, body["trigger_id"], waiting)
        if view_id is not None:
            _, problem = desk.check(client, asker)
            shown = (
                note_modal(PREVIEW_TITLE, problem)
                if problem
                else preview_modal(asker.channel, answers.preview(asker))
            )
            desk.update(client, asker, view_id, shown)

    def post_now(action: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        asker = _asker(context, action.get("value"))
        if admin(asker, client, "post a digest now"):
            member_of, problem = desk.check(client, asker)
            said = problem or _said(lambda: answers.digest_now(asker, Place(asker.channel)).text)
            desk.publish(client, asker, said, member_of or None)

    def stop(action: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        asker = _asker(context, action.get("value"))
        if admin(asker, client, "stop a digest"):
            member_of, problem = desk.check(client, asker)
            team = answers.team(asker)

            def stopped() -> str:
                place = Place(asker.channel)
                return schedules.stop(answers.store, asker.channel, team, asker.user, place).text

            desk.publish(client, asker, problem or _said(stopped), member_of or None)

    def unsubscribed(action: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        chosen = action.get("value") or (action.get("selected_option") or {}).get("value")
        feed, channel = read_pair(str(chosen or "")) or ("", "")
        asker = _asker(context, channel)
        if admin(asker, client, "unsubscribe channels"):
            member_of, problem = desk.check(client, asker)
            team, env = answers.team(asker), answers.policy.env_feeds
            said = problem or unsubscribe(answers.store, feed, channel, team, env, Place(channel))
            desk.publish(client, asker, said, member_of or None)

    app.event("app_home_opened")(ack=ack_now, lazy=[opened])
    app.action(ADD_FEED_ACTION)(ack=ack_now, lazy=[add_feed])
    app.action(SCHEDULE_ACTION)(ack=ack_now, lazy=[schedule])
    app.action(PREVIEW_ACTION)(ack=ack_now, lazy=[preview])
    app.action(POST_NOW_ACTION)(ack=ack_now, lazy=[post_now])
    app.action(STOP_ACTION)(ack=ack_now, lazy=[stop])
    app.action(UNSUBSCRIBE_ACTION)(ack=ack_now, lazy=[unsubscribed])


def _asker(context: BoltContext, channel: str | None = None) -> Asker:
    """Who pressed, in which workspace (the signed request's), about which channel (a button's
    value, kept only when it looks like a channel id)."""
    return Asker(
        context.user_id or "",
        channel if channel and is_channel_id(channel) else "",
        context.team_id or "",
    )


def _said(done: Callable[[], str]) -> str:
    """What `done()` said, or why it could not be done."""
    try:
        return done()
    except UsageError as exc:
        return str(exc)  # our own words, escaped where they quote outside text
    except DigestError as exc:
        return mrkdwn(str(exc))
