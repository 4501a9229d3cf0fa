"""The /news slash command: its text parsed, and each subcommand answered without Slack."""
