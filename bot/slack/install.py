""" "Add to Slack": the install page, Slack's redirect back, and the pages that say what next.

With SLACK_CLIENT_ID and SLACK_CLIENT_SECRET, GET /slack/install shows what newsbot does and
sends the visitor to Slack's consent screen; Slack sends them back to /slack/oauth_redirect,
where Bolt trades the code for the workspace's token (oauth.v2.access) and keeps it in
slack_sdk's installation store, in newsbot's database. The OAuth state is kept there too, so
any replica can finish an install another one began.
"""

from __future__ import annotations

import html
from urllib.parse import urljoin

import sqlalchemy as sa
from slack_bolt.oauth import OAuthFlow
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

from bot.config import Settings

INSTALL_PATH, REDIRECT_PATH = "/slack/install", "/slack/oauth_redirect"
STATE_SECONDS = 600  # an install must be finished within ten minutes of opening the page
HTML = {"Content-Type": "text/html; charset=utf-8"}


class InstallFlow(OAuthFlow):
    """Bolt's OAuth flow with newsbot's own install page."""

    def build_install_page_html(self, url: str, request: BoltRequest) -> str:
        return install_page(url)


def oauth_flow(
    settings: Settings, installations: SQLAlchemyInstallationStore, engine: sa.Engine
) -> InstallFlow:
    """The OAuth flow of SLACK_CLIENT_ID: Slack's consent screen beside SLACK_API_URL, the state
    and the installations in newsbot's database."""
    oauth = OAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        scopes=list(settings.slack_scopes),
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        # https://slack.com/api/ -> https://slack.com/oauth/v2/authorize
        authorization_url=urljoin(settings.slack_api_url, "../oauth/v2/authorize"),
        installation_store=installations,
        state_store=SQLAlchemyOAuthStateStore(expiration_seconds=STATE_SECONDS, engine=engine),
        state_expiration_seconds=STATE_SECONDS,
        callback_options=CallbackOptions(success=installed, failure=not_installed),
    )
    return InstallFlow(settings=oauth)


def installed(args: SuccessArgs) -> BoltResponse:
    """The page after Slack sent the installer back with their workspace's token stored."""
    team = html.escape(args.installation.team_name or "your workspace")
    body = _page(
        "newsbot is installed",
        f"<p>newsbot is now in <strong>{team}</strong>. What happens next:</p><ol>"
        "<li>Invite it to a channel: <code>/invite @newsbot</code>.</li>"
        "<li>Give that channel a feed: <code>/news subscribe https://example.com/feed.xml</code>"
        " (an admin or owner of the workspace does this).</li>"
        "<li>Choose when its digest comes: <code>/news schedule 08:00 Europe/Berlin</code>.</li>"
        "</ol><p>Every morning at that time the channel gets the news since the last digest, "
        "each story's details in its thread. newsbot's Home tab (under Apps in Slack's sidebar) "
        "shows each member their channels' digests and feeds, and gives admins buttons for all "
        "of the above. <code>/news help</code> lists the rest. You can close this page.</p>",
    )
    cookie = args.settings.state_utils.build_set_cookie_for_deletion()
    return BoltResponse(status=200, body=body, headers={**HTML, "Set-Cookie": cookie})


def not_installed(args: FailureArgs) -> BoltResponse:
    """The page when the install did not finish: why, and how to try again."""
    reasons = {
        "access_denied": "you cancelled on Slack's page",
        "invalid_browser": "this browser did not start the install (or its cookie is gone)",
        "invalid_state": "the install page was open too long",
        "invalid_code": "Slack did not accept the code it sent back",
    }
    said = reasons.get(args.reason, f"Slack said {args.reason}")
    body = _page(
        "newsbot was not installed",
        f"<p>The install did not finish: {html.escape(said)}.</p>"
        f'<p><a href="{INSTALL_PATH}">Start again</a>.</p>',
    )
    cookie = args.settings.state_utils.build_set_cookie_for_deletion()
    status = args.suggested_status_code
    return BoltResponse(status=status, body=body, headers={**HTML, "Set-Cookie": cookie})


def install_page(url: str) -> str:
    """What newsbot does, and the Add to Slack button that leads to Slack's consent screen."""
    return _page(
        "Add newsbot to Slack",
        "<p>newsbot reads the news feeds you give it, condenses each story into its key points "
        "(who, what happened, the numbers, in the article's own words) and posts a digest into "
        "your channels every morning at their own time. Anyone can ask it "
        "<code>/news search</code>, <code>/news who</code> or <code>/news latest</code>.</p>"
        "<p>Slack will ask you to allow it to post messages, answer <code>/news</code>, read "
        "channel names and its own messages (to never post a digest twice), and see who the "
        "workspace's admins are (only they change feeds and schedules).</p>"
        f'<p><a class="button" href="{html.escape(url)}">Add to Slack</a></p>'
        "<p>Afterwards this site shows you the three commands that set up your first digest.</p>",
    )


def _page(title: str, content: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<style>body{font:16px/1.5 sans-serif;max-width:40em;margin:3em auto;padding:0 1em}"
        "a.button{display:inline-block;background:#4a154b;color:#fff;padding:.6em 1.2em;"
        "border-radius:4px;text-decoration:none}</style>"
        f"</head><body><h1>{title}</h1>{content}</body></html>"
    )
