"""Bolt listeners by kind: each acks at once, then calls plain functions in bot.slack.answers."""

__all__: list[str] = []  # bot.slack.app registers each module: actions, commands, shortcuts
