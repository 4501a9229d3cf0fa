"""Bolt listeners by kind: each acks at once, then calls plain functions in bot.slack.answers."""

# bot.slack.app registers each module: actions, commands, events, home, home_forms, shortcuts
__all__: list[str] = []
