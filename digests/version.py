"""newsbot's version (pyproject.toml reads it from here) and the User-Agent it sends."""

VERSION = "0.1.0"

USER_AGENT = f"newsbot/{VERSION} (news digest bot; +https://pypi.org/project/newsbot/)"
