"""The one error family of the news engine: every failure a caller can act on."""


class DigestError(Exception):
    """Base of every error newsbot's engine raises on purpose."""


class ArticleError(DigestError):
    """An input could not be turned into an article; `source` names it."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem
