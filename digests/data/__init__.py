"""Word lists the summarizer reads: organisations and places (one a line, # for comments)."""

__all__: list[str] = []  # data files only; digests.gazetteer reads them
