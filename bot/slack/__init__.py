"""newsbot's Slack face: the Bolt app, /news answered from the store, Block Kit messages, the
digest poster, and the server and background threads of `newsbot run`."""

__all__: list[str] = []  # its modules are the face: bot.slack.app, bot.slack.poster, …
