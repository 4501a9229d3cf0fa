"""The one error family: every failure newsbot raises on purpose, each with a one-line problem.

DigestError                   base; `problem` says what went wrong and what to do
├── ArticleError              digests: an input is no article (`source` names it)
├── FetchError                digests.ingest: a URL could not be fetched (`status`, …)
├── FeedError                 digests.ingest: a download is no feed it can read
├── OpmlError                 digests.ingest: an OPML file could not be read
├── StoreError                digests.store: the database could not do what was asked
│   └── StoreConflict         another writer stored the same row first
├── ConfigError               bot: bad settings, every one listed (`problems`)
├── UsageError                bot: a /news command typed wrong; says how to type it
├── DigestNotPosted           bot: Slack did not take a digest; says why
└── ServeError                bot: `newsbot run` could not listen or connect
"""

from __future__ import annotations


class DigestError(Exception):
    """Base of every error newsbot raises on purpose; `subject` (a URL, a file) is optional."""

    def __init__(self, problem: str, subject: str | None = None) -> None:
        super().__init__(f"{subject}: {problem}" if subject else problem)
        self.problem = problem
        self.subject = subject


class ArticleError(DigestError):
    """An input could not be turned into an article; `source` names it."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(problem, source)
        self.source = source
