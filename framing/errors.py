"""Exceptions users of the library can catch. Each message says what to do next."""
from __future__ import annotations


class FramingError(Exception):
    """Base class for every error the toolkit raises on purpose."""


class ArticleError(FramingError):
    """An article cannot be scored (empty, binary, mis-encoded, too large, malformed)."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


class CorpusError(FramingError):
    """A corpus path cannot be read at all (missing, unknown format)."""


class LexiconError(FramingError):
    """A lexicon file is malformed; the message names the file and line."""


class StoryError(FramingError):
    """A story file is malformed; the message names the file and the problem."""
