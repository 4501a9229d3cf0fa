"""The /news help: every subcommand with an example."""

from __future__ import annotations

from slack_sdk.models.blocks import HeaderBlock

from bot.slack.render.message import Message, sections

HELP = """\
*Find stories*
• `/news search <words>`: stories with these words, best and newest first. Filters: \
`from:<source>`, `who:<name>`, `since:<date>` (YYYY-MM-DD, `today`, `yesterday`, `3d`, `12h`). \
Put "quotes" around a phrase or a name with spaces: `/news search missiles who:"Vladimir Putin"`
• `/news latest [n]`: the n stories newsbot saw last (5 unless you say)
• `/news who <name>`: stories that name a person or organisation
• `/news story <id>`: one stored story in full; `/news story <url>`: read an article now
• The message shortcut *Summarize with newsbot* reads the article a message links to
*This channel*
• `/news feeds`: the feeds this channel's digest draws from, and their health
• `/news digest preview`: the digest this channel would get now (only you see it)
• `/news schedule`: when this channel's daily digest comes
*For admins*
• `/news subscribe <feed url>`: add an RSS or Atom feed to this channel
• `/news unsubscribe <feed url or id>`: remove one of this channel's feeds
• `/news schedule <HH:MM> [time zone] [days]`: set the daily digest, e.g. \
`/news schedule 08:00 Europe/Berlin mon-fri`; `/news schedule off` stops it
• `/news digest now`: post a digest here at once (the scheduled one still comes)
Answers are only visible to you; press *Share* to post a story into the channel."""


def help_message() -> Message:
    """How to use /news."""
    blocks = (HeaderBlock(text="newsbot: the /news command"), *sections(HELP))
    return Message(
        text="newsbot: how to use /news (search, latest, who, story, feeds)", blocks=blocks
    )
