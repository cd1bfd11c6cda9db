"""Peak memory of `framing score` on a large JSONL corpus (the target: under 250 MB at 1 GB).

    python benchmarks/memory.py [--gigabytes 1.0] [--jobs 2] [--keep DIR] [--limit-seconds S]
                                [-- EXTRA framing score ARGS]

Streams a JSONL file of about `--gigabytes` GB to disk (the sample story, plus the seeds folder's
.txt articles when present, repeated with distinct ids; never held in memory), then runs
`framing score BIG.jsonl --story corpus/story.toml --out OUT.jsonl --no-progress --jobs N` as a
subprocess, summing the resident memory (VmRSS) of its whole process tree every 0.05 s.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from _harness import (
    MB,
    MIB,
    STORY,
    Run,
    base_articles,
    check,
    count_lines,
    print_machine,
    run_measured,
    source_label,
    write_jsonl,
)

TARGET_MB = 250


def parse_args() -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gigabytes", type=float, default=1.0, help="input size (default 1.0)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="write the corpus into DIR and reuse it there on later runs")
    parser.add_argument("--limit-seconds", type=float,
                        help="stop scoring after this many seconds and report the figures so far")
    args, extra = parser.parse_known_args()
    return args, [a for a in extra if a != "--"]


def corpus_file(folder: Path, gigabytes: float) -> tuple[Path, int, bool]:
    """The corpus of about `gigabytes` GB in `folder`: (path, articles, reused)."""
    path = folder / f"framing-{gigabytes:g}GB.jsonl"
    if path.exists():
        return path, count_lines(path), True
    partial = path.with_suffix(".partial")  # an interrupted write is never reused
    articles, _ = write_jsonl(partial, base_articles(), max_bytes=int(gigabytes * 1e9))
    partial.replace(path)
    return path, articles, False


def report(run: Run, *, size: int, articles: int, scored: int) -> None:
    seconds = run.seconds
    done_mb = size / MB * scored / max(articles, 1)  # the input share already scored
    print(f"scored:      {scored} of {articles} articles in {seconds:.1f} s"
          f"{' (stopped early by --limit-seconds)' if run.stopped else ''}")
    print(f"throughput:  {scored / seconds:.1f} articles/s, {done_mb / seconds:.3f} MB/s")
    print(f"peak RSS, whole process tree:   {run.peak_tree / MIB:8.1f} MiB"
          f" = {run.peak_tree / MB:8.1f} MB")
    print(f"peak RSS, largest one process:  {run.peak_single / MIB:8.1f} MiB"
          f" = {run.peak_single / MB:8.1f} MB")
    verdict = "yes" if run.peak_tree < TARGET_MB * MB else "NO"
    print(f"process tree under {TARGET_MB} MB: {verdict}"
          f"{' (so far: the run was stopped early)' if run.stopped else ''}")


def measure(folder: Path, args: argparse.Namespace, extra: list[str]) -> None:
    corpus, articles, reused = corpus_file(folder, args.gigabytes)
    size = corpus.stat().st_size
    print(f"input:       {corpus} ({'reused' if reused else 'written'}),"
          f" {size / MB:.1f} MB = {size / MIB:.1f} MiB, {articles} articles")
    out = folder / "out.jsonl"
    out.unlink(missing_ok=True)  # never resume from an earlier run's records
    run = run_measured(["score", str(corpus), "--story", str(STORY), "--out", str(out),
                        "--no-progress", "--jobs", str(args.jobs), *extra],
                       limit_seconds=args.limit_seconds)
    check(run, "framing score")
    report(run, size=size, articles=articles, scored=count_lines(out))
    out.unlink(missing_ok=True)


def main() -> int:
    args, extra = parse_args()
    print_machine()
    print(f"corpus: {source_label(base_articles())}, repeated;"
          f" --jobs {args.jobs}; extra score args: {' '.join(extra) or '-'}")
    print(f"read: peak RSS sums every process of the run (main + workers); the target is"
          f" under {TARGET_MB} MB (decimal) at 1 GB of input.\n")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        measure(args.keep, args, extra)
    else:
        with tempfile.TemporaryDirectory(prefix="framing-memory-") as tmp:
            measure(Path(tmp), args, extra)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
