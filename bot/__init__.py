"""newsbot's faces over the engine: the command line (bot.cli) and the Slack app (bot.slack),
on shared settings (bot.config, bot.database, bot.logs)."""

__all__: list[str] = []  # its subpackages and modules are the faces
