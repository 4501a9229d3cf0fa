"""The exit codes of every command: 0 all went well, 1 some input failed (the rest was done),
2 wrong usage or configuration."""

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
