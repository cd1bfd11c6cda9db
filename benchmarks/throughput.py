"""Throughput of framing (full, and lexicons only) against NLTK Punkt + VADER on the same texts.

    python benchmarks/throughput.py [--articles 2000] [--repeat 3] [--seeds DIR]

The corpus is the bundled sample story (plus, when present, the .txt files of a seeds folder, read
at run time), repeated to about `--articles` articles. Timings are the best of `--repeat` runs
with `time.perf_counter`; memory is the tracemalloc peak of one extra, untimed run per phase
(tracemalloc slows Python down, so it is kept out of the timed runs).
"""
from __future__ import annotations

import argparse
import platform
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import replace
from importlib.metadata import version
from pathlib import Path

from nltk.tokenize.punkt import PunktSentenceTokenizer
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import framing
from framing.corpus import load_corpus
from framing.models.bundle import Models
from framing.pipeline import score_corpus
from framing.story import load_story
from framing.types import Article, Story

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpus"
DEFAULT_SEEDS = REPO.parent / "shared" / "seeds"
WARMUP = 5


def build_corpus(n: int, seeds: Path | None) -> list[Article]:
    """About `n` articles: the sample (and seed) articles repeated, each copy with its own id."""
    seed_files = sorted(seeds.glob("*.txt")) if seeds is not None else []
    base = list(load_corpus(SAMPLE, *seed_files).articles)
    copies = max(1, round(n / len(base)))
    return [replace(a, id=f"{a.id}#{i}") for i in range(copies) for a in base]


def run_framing(articles: Sequence[Article], story: Story, models: Models | None = None) -> None:
    for _ in score_corpus(articles, story=story, models=models):  # keep no results
        pass


def run_reference(
    articles: Sequence[Article], splitter: PunktSentenceTokenizer, analyser: SentimentIntensityAnalyzer
) -> None:
    for article in articles:
        for sentence in splitter.tokenize(article.text):
            analyser.polarity_scores(sentence)


def best_time(work: Callable[[], None], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_mib(work: Callable[[], None]) -> float:
    """Peak of memory allocated by Python while `work` runs (tracemalloc), in MiB."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="about this many articles")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best is shown")
    parser.add_argument("--seeds", type=Path, help="a folder of extra .txt articles to mix in")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    seeds = args.seeds or (DEFAULT_SEEDS if DEFAULT_SEEDS.is_dir() else None)
    story = load_story(SAMPLE / "story.toml")
    articles = build_corpus(args.articles, seeds)
    mb = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6
    splitter, analyser = PunktSentenceTokenizer(), SentimentIntensityAnalyzer()

    phases = {
        "framing (full scoring)": lambda: run_framing(articles, story),
        "framing (lexicons only)": lambda: run_framing(articles, story, Models()),
        "reference (Punkt + VADER)": lambda: run_reference(articles, splitter, analyser),
    }
    # Warm-up: lexicons, regexes and caches load here, outside the timed runs.
    run_framing(articles[:WARMUP], story)
    run_reference(articles[:WARMUP], splitter, analyser)

    print(f"Python {platform.python_version()} ({platform.python_implementation()})")
    print(f"versions: framing {framing.__version__}, nltk {version('nltk')},"
          f" vaderSentiment {version('vaderSentiment')}")
    print(f"corpus: {len(articles)} articles, {mb:.2f} MB of UTF-8 text"
          f" (sample{' + ' + str(seeds) if seeds else ''}), best of {args.repeat}")
    print("memory: tracemalloc peak (MiB) of one untimed run per phase\n")
    header = f"{'phase':<27} {'articles':>8} {'MB':>6} {'seconds':>8} {'art/s':>8} {'MB/s':>7}"
    print(header + f" {'peak MiB':>9}")
    print("-" * (len(header) + 10))
    seconds = {}
    for name, work in phases.items():
        seconds[name] = best_time(work, args.repeat)
        peak = peak_mib(work)
        s = seconds[name]
        print(f"{name:<27} {len(articles):>8} {mb:>6.2f} {s:>8.3f} {len(articles) / s:>8.0f}"
              f" {mb / s:>7.3f} {peak:>9.2f}")
    reference_s = seconds["reference (Punkt + VADER)"]
    print()
    for name in ("framing (full scoring)", "framing (lexicons only)"):
        print(f"ratio {name} / reference: {reference_s / seconds[name]:.2f}x as fast"
              " (above 1: framing is faster)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
