"""Where articles are scored: in this process, in N worker processes, or on a Dask cluster.

Every engine runs the same `score_article` on each article and yields the results in input order,
so the numbers never depend on the engine. Work is sent in chunks and only a few chunks are in
flight at once, so memory stays flat however long the input is.
"""
from __future__ import annotations

import itertools
import multiprocessing
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from .errors import FramingError
from .measures.stance import ActorMatcher
from .models.bundle import Models
from .score import score_article
from .types import Article, ArticleScore, Story

T = TypeVar("T")
ENGINES = ("local", "dask")
DASK_EXTRA = "the Dask engine needs dask and pyarrow: pip install 'framing[dask]'"
CHUNK = 16  # articles per task sent to a worker process
PARTITION = 500  # articles per Parquet partition scored by one Dask task
IN_FLIGHT = 2  # tasks queued per worker: keeps workers busy without reading ahead unboundedly
_ARTICLE_FIELDS = tuple(f.name for f in fields(Article))


class EngineError(FramingError):
    """An engine that cannot run (a missing extra, an unreachable scheduler)."""


def score_record(score: ArticleScore, *, with_evidence: bool = True) -> dict[str, Any]:
    """The `framing score` record of one article (runs in the worker, so only the record travels)."""
    return score.to_dict(with_evidence=with_evidence)


def keep_score(score: ArticleScore) -> ArticleScore:
    return score


def score_stream(
    articles: Iterable[Article],
    *,
    story: Story | None = None,
    convert: Callable[[ArticleScore], T] = keep_score,  # type: ignore[assignment]
    engine: str = "local",
    jobs: int = 1,
    scheduler: str | None = None,
    staging: str | Path | None = None,
    lexicons_only: bool = False,
) -> Iterator[T]:
    """Score `articles` and yield `convert(score)` for each, in input order.

    `engine` is "local" (`jobs` worker processes; 1 scores in this process) or "dask" (the
    cluster at `scheduler`, else a local cluster of `jobs` workers). `convert` must be a
    module-level function (it is sent to the workers); Dask partitions are written under
    `staging`, which the workers must be able to read. `lexicons_only` scores loaded language,
    sarcasm markers, hedging and boosting from the lexicons alone: no stance, no classifiers.
    """
    plan = _Plan(None, True) if lexicons_only else _Plan(story, False)
    if engine == "dask":
        return _dask_stream(articles, plan, convert, jobs, scheduler, staging)
    if engine != "local":
        raise EngineError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if jobs <= 1:
        return (convert(score) for score in _score_all(articles, plan))
    return _process_stream(articles, plan, convert, jobs)


# --- in this process and in worker processes -------------------------------------------------


@lru_cache(maxsize=4)
def _matcher(story: Story | None) -> ActorMatcher | None:
    """One matcher per story and process (building it compiles the actors' name patterns)."""
    return ActorMatcher(story.actors) if story else None


class _Plan(NamedTuple):
    """What every worker needs to know to score an article the same way."""

    story: Story | None
    lexicons_only: bool


def _score_all(articles: Iterable[Article], plan: _Plan) -> Iterator[ArticleScore]:
    matcher = _matcher(plan.story)
    models = Models() if plan.lexicons_only else None
    for article in articles:
        yield score_article(article, story=plan.story, matcher=matcher, models=models)


def _score_chunk(chunk: list[Article], plan: _Plan, convert: Callable[[ArticleScore], T]
                 ) -> list[T]:
    return [convert(score) for score in _score_all(chunk, plan)]


def _process_stream(articles: Iterable[Article], plan: _Plan,
                    convert: Callable[[ArticleScore], T], jobs: int) -> Iterator[T]:
    # "spawn" behaves the same on Linux, macOS and Windows and never copies a half-used parent.
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs) as pool:
        pending: deque = deque()
        for chunk in _chunks(articles, CHUNK):
            pending.append(pool.apply_async(_score_chunk, (chunk, plan, convert)))
            if len(pending) >= IN_FLIGHT * jobs:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


# --- Dask -----------------------------------------------------------------------------------


def _dask_stream(articles: Iterable[Article], plan: _Plan,
                 convert: Callable[[ArticleScore], T], jobs: int, scheduler: str | None,
                 staging: str | Path | None) -> Iterator[T]:
    try:
        import pyarrow  # noqa: F401  (the partitions are Parquet)
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise EngineError(DASK_EXTRA) from None
    cluster = None if scheduler else LocalCluster(
        n_workers=max(jobs, 1), threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        client = Client(scheduler or cluster, set_as_default=False)
    except OSError as error:
        raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    folder = Path(tempfile.mkdtemp(prefix="framing-parts-", dir=staging))
    try:
        yield from _dask_results(client, articles, plan, convert, folder)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
        shutil.rmtree(folder, ignore_errors=True)


def _dask_results(client: Any, articles: Iterable[Article], plan: _Plan,
                  convert: Callable[[ArticleScore], T], folder: Path) -> Iterator[T]:
    window = IN_FLIGHT * max(1, sum(client.nthreads().values()))
    pending: deque = deque()
    for number, part in enumerate(_chunks(articles, PARTITION)):
        path = folder / f"part-{number:06d}.parquet"
        write_partition(path, part)
        pending.append((path, client.submit(score_partition, str(path), plan, convert,
                                            pure=False)))
        if len(pending) >= window:
            yield from _collect(*pending.popleft())
    while pending:
        yield from _collect(*pending.popleft())


def _collect(path: Path, future: Any) -> list:
    results = future.result()
    path.unlink(missing_ok=True)  # scored: the staging folder never holds the whole corpus
    return results


def write_partition(path: Path, articles: list[Article]) -> None:
    """Articles as one Parquet file, every field kept (ids stay unique, origins stay named)."""
    import pyarrow as pa
    from pyarrow import parquet

    table = pa.Table.from_pylist(
        [{name: getattr(article, name) for name in _ARTICLE_FIELDS} for article in articles],
        schema=pa.schema([(name, pa.string()) for name in _ARTICLE_FIELDS]),
    )
    parquet.write_table(table, path)


def read_partition(path: str | Path) -> list[Article]:
    from pyarrow import parquet

    return [Article(**row) for row in parquet.read_table(path).to_pylist()]


def score_partition(path: str, plan: _Plan, convert: Callable[[ArticleScore], T]) -> list[T]:
    """One Dask task: score the articles of one Parquet partition, in order."""
    return _score_chunk(read_partition(path), plan, convert)
