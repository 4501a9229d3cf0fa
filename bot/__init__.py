"""newsbot's faces: the `newsbot` command line (and, later, the Slack app)."""
