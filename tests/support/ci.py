"""What a test does when the machine lacks what it needs: skip on a user's clone, fail under CI."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest

# Set by .ci/run: there every prerequisite is provided, so a missing one is CI's own fault.
CI_VARIABLE = "NEWSBOT_CI"


def under_ci() -> bool:
    """Whether this run is CI's (.ci/run sets NEWSBOT_CI=1)."""
    return os.environ.get(CI_VARIABLE, "").strip().lower() in {"1", "true", "yes"}


def missing(why: str, under_ci_fix: str) -> NoReturn:
    """Skip the test, saying `why`; under CI fail instead, saying also how CI should have it."""
    if under_ci():
        pytest.fail(f"{why} ({CI_VARIABLE} is set: {under_ci_fix})", pytrace=False)
    pytest.skip(why)
