"""The whole path in one call: read a corpus, score every article, compare the outlets.

`compare` and `score_corpus` work in memory; `score_paths` and `compare_report` stream any corpus
size through an engine (`framing.engines`) with memory that stays flat.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .corpus import (
    DEFAULT_MAX_BYTES,
    Corpus,
    load_corpus,
    sample_corpus_path,
    sample_story_path,
    stream_corpus,
)
from .engines import keep_score, score_stream
from .measures.stance import ActorMatcher
from .score import score_article
from .story import load_story
from .types import Article, ArticleScore, Skipped, Story

if TYPE_CHECKING:
    from .comparison import BlindIds, Comparison
    from .models.bundle import Models

T = TypeVar("T")
STORY_FILE = "story.toml"
PROPOSE_FROM = 5000  # without a story file, actors are proposed from the first articles
_CSV_CHUNK = 5000  # article rows per chunk when writing the full scores.csv


def score_corpus(
    articles: Iterable[Article], *, story: Story | None = None, models: Models | None = None
) -> Iterator[ArticleScore]:
    """Score articles one at a time (a generator: memory stays flat on big corpora).
    `models=Models()` scores with lexicon evidence only; None uses the models found."""
    matcher = ActorMatcher(story.actors) if story else None
    for article in articles:
        yield score_article(article, story=story, matcher=matcher, models=models)


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
    engine: str = "local",
    jobs: int = 1,
    scheduler: str | None = None,
) -> Comparison:
    """Score every article of `corpus` and compare the outlets side by side.

    `corpus` is a `Corpus`, or one or more paths (folder, .txt/.md, .jsonl, .csv); None means the
    bundled sample story. Without `story`, a `story.toml` beside the corpus is used, else actors
    are proposed automatically. Unreadable articles are listed in `Comparison.skipped`.
    `engine`, `jobs` and `scheduler` choose where articles are scored (see `framing.engines`).
    Every score is kept in memory: for large corpora use `compare_report`.
    """
    from .comparison import aggregate  # pandas: loaded only when comparing, not when scoring

    if corpus is None:
        corpus, story = sample_corpus_path(), story or sample_story_path()
    paths: Sequence[str | Path] = ()
    if not isinstance(corpus, Corpus):
        paths = [corpus] if isinstance(corpus, (str, Path)) else list(corpus)
        corpus = load_corpus(*paths, max_bytes=max_bytes)
    resolved, story_origin = resolve_story(corpus, paths, story)
    scores = list(score_stream(corpus.articles, story=resolved, engine=engine, jobs=jobs,
                               scheduler=scheduler))
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


def resolve_story_stream(
    paths: Sequence[str | Path], story: Story | str | Path | None, *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[Story, str]:
    """`resolve_story` without loading the corpus: a proposal reads the first articles only."""
    if story is None and find_story(paths) is None:
        first = (item for item in stream_corpus(*paths, max_bytes=max_bytes)
                 if isinstance(item, Article))
        return resolve_story(Corpus(tuple(itertools.islice(first, PROPOSE_FROM))), paths, None)
    return resolve_story(Corpus(()), paths, story)


def score_paths(
    paths: Sequence[str | Path],
    *,
    story: Story | None,
    skipped: list[Skipped],
    convert: Callable[[ArticleScore], T] = keep_score,  # type: ignore[assignment]
    done: Collection[str] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
    **engine: Any,
) -> Iterator[T]:
    """Stream the articles under `paths` through an engine; yields `convert(score)` in input order.

    Unreadable inputs are appended to `skipped` as they are met; ids in `done` (already written
    by an interrupted run) are passed over. `engine` holds `engine`, `jobs`, `scheduler`, `staging`.
    """
    def articles() -> Iterator[Article]:
        for item in stream_corpus(*paths, max_bytes=max_bytes):
            if isinstance(item, Skipped):
                skipped.append(item)
            elif item.id not in done:
                yield item

    return score_stream(articles(), story=story, convert=convert, **engine)


def compare_report(
    corpus: str | Path | Sequence[str | Path] | None,
    out_dir: str | Path,
    *,
    story: Story | str | Path | None = None,
    n_boot: int = 1000,
    seed: int = 0,
    max_bytes: int = DEFAULT_MAX_BYTES,
    blind: bool = False,
    progress: Callable[[], None] | None = None,
    **engine: Any,
) -> tuple[Comparison, dict[str, Path]]:
    """Compare the outlets of a corpus of any size and write the report into `out_dir`.

    The numbers are those of `compare` (same bootstrap draws); memory stays flat because only
    per-article numbers are kept, plus the evidence of the first articles of each outlet for the
    report. scores.csv and evidence.jsonl hold every article: they are spooled as scores arrive.
    `progress` is called after each article; `engine` as for `score_paths`.
    """
    from .comparison import BlindIds, StreamingAggregate, blind_names
    from .report.render import evidence_lines, write_pages

    if corpus is None:
        corpus, story = sample_corpus_path(), story or sample_story_path()
    paths = [corpus] if isinstance(corpus, (str, Path)) else list(corpus)
    resolved, origin = resolve_story_stream(paths, story, max_bytes=max_bytes)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tally, skipped = StreamingAggregate(resolved), []
    rows_spool, evidence_spool = out / ".scores.partial", out / ".evidence.partial"
    try:
        with rows_spool.open("w", encoding="utf-8") as rows, \
                evidence_spool.open("w", encoding="utf-8") as evidence:
            for score in score_paths(paths, story=resolved, skipped=skipped,
                                     max_bytes=max_bytes, **engine):
                source = (score.article.origin or score.article.id, _sha256(score.article.text))
                rows.write(json.dumps(tally.add(score, source=source), ensure_ascii=False) + "\n")
                # blind ids number articles within their outlet: spool that number with each line
                number = f"{tally.tallies[score.article.outlet].articles}\t" if blind else ""
                evidence.writelines(f"{number}{line}\n" for line in evidence_lines(score))
                if progress is not None:
                    progress()
        comparison = tally.comparison(skipped=skipped, versions=versions(),
                                      story_source=_portable(origin), n_boot=n_boot, seed=seed)
        actors, outlets = tally.actors, list(tally.tallies)
        del tally  # free the per-sentence tallies before the report's libraries load
        ids = BlindIds(blind_names(outlets, seed=seed)) if blind else None  # as `blinded` names
        written = write_pages(comparison.blinded() if blind else comparison, out)
        written["csv"] = _write_scores_csv(out / "scores.csv", rows_spool, actors, ids)
        written["evidence"] = _write_evidence(out / "evidence.jsonl", evidence_spool, ids)
    finally:
        rows_spool.unlink(missing_ok=True)
        evidence_spool.unlink(missing_ok=True)
    return comparison, written


def _write_scores_csv(target: Path, spool: Path, actors: list[str], ids: BlindIds | None) -> Path:
    """scores.csv of every article, from the spooled rows, a chunk at a time."""
    import pandas as pd

    from .comparison import article_frame, blind_article_rows
    from .report.render import scores_csv

    columns = article_frame([], actors).columns
    partial = target.with_name(target.name + ".tmp")
    with spool.open(encoding="utf-8") as rows, partial.open("w", encoding="utf-8") as out:
        for number, chunk in enumerate(iter(lambda: list(itertools.islice(rows, _CSV_CHUNK)), [])):
            frame = pd.DataFrame([json.loads(line) for line in chunk], columns=columns)
            out.write(scores_csv(frame if ids is None else blind_article_rows(frame, ids),
                                 header=number == 0))
        if out.tell() == 0:  # no article at all: the header alone
            out.write(scores_csv(pd.DataFrame(columns=columns)))
    os.replace(partial, target)
    return target


def _write_evidence(target: Path, spool: Path, ids: BlindIds | None) -> Path:
    """evidence.jsonl of every article; blind mode renames outlets and article ids."""
    if ids is None:
        os.replace(spool, target)
        return target
    with spool.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for line in lines:
            number, text = line.split("\t", 1)
            record = json.loads(text)
            label = ids.names[record["outlet"]]
            record.update(article=f"{label} #{number}", outlet=label)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return target


def versions() -> dict[str, str]:
    """Versions of everything that shapes a score: tool, lexicons, sentiment word list, and the
    trained model (or "lexicon evidence only") behind each measure."""
    from ._version import __version__
    from .lexicon import versions as lexicon_versions
    from .models.bundle import available_models
    from .sentiment import version as vader_version

    return {"framing": __version__, **lexicon_versions(), "vaderSentiment": vader_version(),
            **available_models().describe()}


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _portable(origin: str) -> str:
    """Paths inside the installed package are shown by file name, so manifests do not depend on
    where Python is installed."""
    path = Path(origin)
    return path.name if path.is_absolute() and "site-packages" in path.parts else origin
