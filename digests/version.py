"""newsbot's version and the User-Agent it sends."""

from importlib.metadata import PackageNotFoundError, version

try:
    VERSION = version("newsbot")
except PackageNotFoundError:  # running from a source tree that was not installed
    VERSION = "0.0.0"

USER_AGENT = f"newsbot/{VERSION} (news digest bot; +https://pypi.org/project/newsbot/)"
