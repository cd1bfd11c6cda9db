"""Throughput of framing against NLTK Punkt + VADER, on the same texts, in one run.

    python benchmarks/throughput.py [--articles 2000] [--repeat 3] [--seeds DIR] [--varied FILE]

Two corpora: the story corpus (the bundled sample story plus, when present, the .txt seed articles,
read at run time, repeated to about `--articles` articles) and a corpus of varied text (the news
articles of the PTC data set, `../shared/datasets/ptc-semeval2020/ptc_v2_train.jsonl`, each once,
with actors proposed from them as `framing compare` does without a story file). The phases take
turns on batches of `BATCH` articles: each batch is run `--repeat` times by every phase, timed
with `time.process_time` (CPU time of this process: steadier than wall time on a shared machine),
and a phase's time is the sum of its best run on each batch. Memory is the tracemalloc peak of one extra,
untimed run per phase, and the resident set size of the whole process at the end.
"""
from __future__ import annotations

import argparse
import json
import platform
import resource
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import replace
from importlib.metadata import version
from pathlib import Path

from nltk.tokenize.punkt import PunktSentenceTokenizer
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import framing
from framing.actors import propose_actors
from framing.build import compiled
from framing.corpus import load_corpus
from framing.measures.stance import ActorMatcher
from framing.models.bundle import Models, available_models
from framing.score import score_article
from framing.story import load_story
from framing.types import Article, Story

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpus"
SHARED = REPO.parent / "shared"
DEFAULT_SEEDS = SHARED / "seeds"
DEFAULT_VARIED = SHARED / "datasets" / "ptc-semeval2020" / "ptc_v2_train.jsonl"
WARMUP = 5
BATCH = 25  # articles a phase runs on before the next phase takes its turn
PHASES = ("full scoring, stance classifier", "full scoring, lexicon stance", "lexicons only",
          "reference: Punkt + VADER")


def story_corpus(n: int, seeds: Path | None) -> list[Article]:
    """About `n` articles: the sample (and seed) articles repeated, each copy with its own id."""
    seed_files = sorted(seeds.glob("*.txt")) if seeds is not None else []
    base = list(load_corpus(SAMPLE, *seed_files).articles)
    copies = max(1, round(n / len(base)))
    return [replace(a, id=f"{a.id}#{i}") for i in range(copies) for a in base]


def varied_corpus(path: Path, n: int) -> list[Article]:
    """Up to `n` distinct news articles from the PTC data set (its own format: one JSON a line)."""
    articles = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            articles.append(Article(id=str(row["article_id"]), outlet="PTC", text=row["text"]))
            if len(articles) >= n:
                break
    return articles


Phase = Callable[[Sequence[Article]], None]


def phases(story: Story) -> dict[str, Phase]:
    matcher, models, lexicons = ActorMatcher(story.actors), available_models(), Models()
    splitter, analyser = PunktSentenceTokenizer(), SentimentIntensityAnalyzer()

    def full(articles: Sequence[Article]) -> None:
        for article in articles:
            score_article(article, story=story, matcher=matcher, models=models)

    def lexicon_stance(articles: Sequence[Article]) -> None:
        for article in articles:
            score_article(article, story=story, matcher=matcher, models=lexicons)

    def lexicons_only(articles: Sequence[Article]) -> None:  # `framing score --lexicons-only`
        for article in articles:
            score_article(article, models=lexicons)

    def reference(articles: Sequence[Article]) -> None:
        for article in articles:
            for sentence in splitter.tokenize(article.text):
                analyser.polarity_scores(sentence)

    return dict(zip(PHASES, (full, lexicon_stance, lexicons_only, reference), strict=True))


def best_times(
    work: dict[str, Phase], articles: Sequence[Article], repeat: int, batch: int = BATCH
) -> dict[str, float]:
    """Each phase's CPU time over all `articles`: the sum, batch by batch, of the best of `repeat`
    runs on that batch. Every phase runs on a batch before any moves to the next, so the phases
    compared share the machine's slow and fast spells (a few tenths of a second apart, not
    seconds), and a spell that slows one run of a batch is dropped by taking the best."""
    best: dict[str, list[float]] = {phase: [] for phase in work}
    for lo in range(0, len(articles), batch):
        chunk = articles[lo : lo + batch]
        runs: dict[str, float] = dict.fromkeys(work, float("inf"))
        for _ in range(repeat):
            for phase, job in work.items():
                start = time.process_time()
                job(chunk)
                runs[phase] = min(runs[phase], time.process_time() - start)
        for phase, seconds in runs.items():
            best[phase].append(seconds)
    return {phase: sum(times) for phase, times in best.items()}


def peak_mib(work: Phase, articles: Sequence[Article]) -> float:
    """Peak of memory allocated by Python while `work` runs (tracemalloc), in MiB."""
    tracemalloc.start()
    try:
        work(articles)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def run(name: str, articles: Sequence[Article], story: Story, repeat: int) -> None:
    mb = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6
    work = phases(story)
    for phase in work.values():  # lexicons, models and regexes load here, untimed
        phase(articles[:WARMUP])
    print(f"\n{name}: {len(articles)} articles, {mb:.2f} MB of UTF-8 text, "
          f"{len(story.actors)} actors; best of {repeat} per batch of {BATCH}")
    header = f"{'phase':<34} {'seconds':>8} {'art/s':>8} {'MB/s':>7} {'peak MiB':>9} {'ratio':>7}"
    print(header)
    print("-" * len(header))
    seconds = best_times(work, articles, repeat)
    reference = seconds[PHASES[-1]]
    for phase, job in work.items():
        s = seconds[phase]
        print(f"{phase:<34} {s:>8.2f} {len(articles) / s:>8.0f} {mb / s:>7.3f}"
              f" {peak_mib(job, articles):>9.2f} {reference / s:>6.2f}x")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="about this many articles")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best is shown")
    parser.add_argument("--seeds", type=Path, help="a folder of extra .txt articles to mix in")
    parser.add_argument("--varied", type=Path, help="the PTC articles file (ptc_v2_train.jsonl)")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    seeds = args.seeds or (DEFAULT_SEEDS if DEFAULT_SEEDS.is_dir() else None)
    varied = args.varied or (DEFAULT_VARIED if DEFAULT_VARIED.is_file() else None)
    print(f"Python {platform.python_version()} ({platform.python_implementation()}),"
          f" framing {framing.__version__}, nltk {version('nltk')},"
          f" vaderSentiment {version('vaderSentiment')}")
    print(f"framing's scoring modules: {'compiled (Cython)' if compiled() else 'pure Python'}")
    print("ratio: reference CPU time / phase CPU time (above 1: framing is faster)")
    run(f"story corpus (sample{' + seeds' if seeds else ''}, repeated)",
        story_corpus(args.articles, seeds), load_story(SAMPLE / "story.toml"), args.repeat)
    if varied is None:
        print("\nvaried corpus: skipped (no ../shared/datasets/ptc-semeval2020; pass --varied)")
    else:
        articles = varied_corpus(varied, args.articles)
        run("varied corpus (PTC news articles, each once)", articles,
            propose_actors(articles), args.repeat)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nresident memory of this process at its peak: {rss:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
