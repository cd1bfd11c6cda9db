"""framing: show how different news outlets frame the same story.

Score articles for loaded language, sarcasm and irony markers, hedging and boosting, and stance
toward each actor of a story, with the evidence (character spans) behind every number.

Names are imported on first use, so `import framing` stays cheap: pandas and the report code load
only when `compare` is called.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__ as __version__

_EXPORTS = {
    "Comparison": "comparison",
    "Corpus": "corpus",
    "FramingFeatures": "models.features",
    "load_corpus": "corpus",
    "ArticleError": "errors",
    "CorpusError": "errors",
    "FramingError": "errors",
    "LexiconError": "errors",
    "StoryError": "errors",
    "Lexicon": "lexicon",
    "load_lexicon": "lexicon",
    "boosting": "measures",
    "hedging": "measures",
    "loaded_language": "measures",
    "sarcasm": "measures",
    "stance": "measures",
    "compare": "pipeline",
    "score_corpus": "pipeline",
    "write_report": "report",
    "analyse": "score",
    "score_article": "score",
    "score_text": "score",
    "load_story": "story",
    "propose_actors": "actors",
    "Actor": "types",
    "ActorStance": "types",
    "Article": "types",
    "ArticleScore": "types",
    "MeasureResult": "types",
    "Skipped": "types",
    "Span": "types",
    "Story": "types",
}
__all__ = [
    "Actor",
    "ActorStance",
    "Article",
    "ArticleError",
    "ArticleScore",
    "Comparison",
    "Corpus",
    "CorpusError",
    "FramingError",
    "FramingFeatures",
    "Lexicon",
    "LexiconError",
    "MeasureResult",
    "Skipped",
    "Span",
    "Story",
    "StoryError",
    "analyse",
    "boosting",
    "compare",
    "hedging",
    "load_corpus",
    "load_lexicon",
    "load_story",
    "loaded_language",
    "propose_actors",
    "sarcasm",
    "score_article",
    "score_corpus",
    "score_text",
    "stance",
    "write_report",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'framing' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"framing.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


if TYPE_CHECKING:  # pragma: no cover - for type checkers and editors
    from .actors import propose_actors
    from .comparison import Comparison
    from .corpus import Corpus, load_corpus
    from .errors import ArticleError, CorpusError, FramingError, LexiconError, StoryError
    from .lexicon import Lexicon, load_lexicon
    from .measures import boosting, hedging, loaded_language, sarcasm, stance
    from .models.features import FramingFeatures
    from .pipeline import compare, score_corpus
    from .report import write_report
    from .score import analyse, score_article, score_text
    from .story import load_story
    from .types import (
        Actor,
        ActorStance,
        Article,
        ArticleScore,
        MeasureResult,
        Skipped,
        Span,
        Story,
    )
