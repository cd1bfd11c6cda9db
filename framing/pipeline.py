"""The whole path in one call: read a corpus, score every article, compare the outlets."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .corpus import DEFAULT_MAX_BYTES, Corpus, load_corpus, sample_corpus_path, sample_story_path
from .measures.stance import ActorMatcher
from .score import score_article
from .story import load_story
from .types import Article, ArticleScore, Story

if TYPE_CHECKING:
    from .comparison import Comparison

STORY_FILE = "story.toml"


def score_corpus(articles: Iterable[Article], *, story: Story | None = None) -> Iterator[ArticleScore]:
    """Score articles one at a time (a generator: memory stays flat on big corpora)."""
    matcher = ActorMatcher(story.actors) if story else None
    for article in articles:
        yield score_article(article, story=story, matcher=matcher)


def find_story(paths: Sequence[str | Path]) -> Path | None:
    """A `story.toml` next to the corpus: inside a corpus folder, or beside a corpus file."""
    for path in map(Path, paths):
        folder = path if path.is_dir() else path.parent
        if (folder / STORY_FILE).is_file():
            return folder / STORY_FILE
    return None


def resolve_story(
    corpus: Corpus, paths: Sequence[str | Path], story: Story | str | Path | None
) -> tuple[Story, str]:
    """The story to score with, and where it came from: given, found beside the corpus, or
    proposed from the articles themselves (countries from the gazetteer, frequent names)."""
    if isinstance(story, Story):
        return story, "given"
    if story is not None:
        return load_story(story), str(story)
    found = find_story(paths)
    if found is not None:
        return load_story(found), str(found)
    from .actors import propose_actors

    return propose_actors(corpus.articles), "proposed from the articles"


def compare(
    corpus: Corpus | str | Path | Sequence[str | Path] | None = None,
    *,
    story: Story | str | Path | None = None,
    n_boot: int = 1000,
    seed: int = 0,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Comparison:
    """Score every article of `corpus` and compare the outlets side by side.

    `corpus` is a `Corpus`, or one or more paths (folder, .txt/.md, .jsonl, .csv); None means the
    bundled sample story. Without `story`, a `story.toml` beside the corpus is used, else actors
    are proposed automatically. Unreadable articles are listed in `Comparison.skipped`.
    """
    from .comparison import aggregate  # pandas: loaded only when comparing, not when scoring

    if corpus is None:
        corpus, story = sample_corpus_path(), story or sample_story_path()
    paths: Sequence[str | Path] = ()
    if not isinstance(corpus, Corpus):
        paths = [corpus] if isinstance(corpus, (str, Path)) else list(corpus)
        corpus = load_corpus(*paths, max_bytes=max_bytes)
    resolved, story_origin = resolve_story(corpus, paths, story)
    scores = list(score_corpus(corpus.articles, story=resolved))
    return aggregate(
        scores,
        story=resolved,
        skipped=corpus.skipped,
        inputs=[(a.origin or a.id, _sha256(a.text)) for a in corpus.articles],
        versions=versions(),
        story_source=_portable(story_origin),
        n_boot=n_boot,
        seed=seed,
    )


def versions() -> dict[str, str]:
    """Versions of everything that shapes a score: tool, lexicons, sentiment word list."""
    from ._version import __version__
    from .lexicon import versions as lexicon_versions
    from .sentiment import version as vader_version

    return {"framing": __version__, **lexicon_versions(), "vaderSentiment": vader_version()}


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _portable(origin: str) -> str:
    """Paths inside the installed package are shown by file name, so manifests do not depend on
    where Python is installed."""
    path = Path(origin)
    return path.name if path.is_absolute() and "site-packages" in path.parts else origin
