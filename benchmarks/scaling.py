"""How the cost of `framing score` grows with corpus size, and the speed-up from 1 to 2 workers.

    python benchmarks/scaling.py [--articles 500] [--workers-size N] [--lexicons-only]
                                 [-- EXTRA framing score ARGS]

Writes JSONL corpora of base x1, x4 and x16 articles (the sample story, plus the seeds folder's
.txt articles when present, repeated with distinct ids) to a temporary folder and times
`framing score CORPUS.jsonl --story corpus/story.toml --out OUT.jsonl --no-progress` on each as
a subprocess, polling the resident memory of its process tree every 0.05 s. A 1-article run
measures the start-up cost, so cost per article is shown both as measured and net of start-up.
Then it runs one size with `--jobs 1` and `--jobs 2`.
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
    print_machine,
    run_measured,
    source_label,
    write_jsonl,
)

FACTORS = (1, 4, 16)


def parse_args() -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500, help="the x1 size (default 500)")
    parser.add_argument("--workers-size", type=int,
                        help="articles for the 1- and 2-worker runs (default: the x16 size)")
    parser.add_argument("--lexicons-only", action="store_true",
                        help="pass --lexicons-only to framing score (no stance, no models)")
    args, extra = parser.parse_known_args()
    if args.lexicons_only:
        extra.append("--lexicons-only")
    return args, [a for a in extra if a != "--"]


def score(corpus: Path, out: Path, extra: list[str], jobs: int) -> Run:
    out.unlink(missing_ok=True)  # never resume from an earlier run's records
    run = run_measured(["score", str(corpus), "--story", str(STORY), "--out", str(out),
                        "--no-progress", "--jobs", str(jobs), *extra])
    check(run, f"framing score {corpus.name}")
    return run


def row(label: str, articles: int, size: int, run: Run) -> str:
    return (f"{label:<10} {articles:>8} {size / MB:>8.2f} {run.seconds:>8.2f}"
            f" {articles / run.seconds:>8.1f} {size / MB / run.seconds:>7.3f}"
            f" {run.peak_tree / MIB:>9.1f}")


def print_header() -> None:
    header = (f"{'run':<10} {'articles':>8} {'MB':>8} {'seconds':>8} {'art/s':>8} {'MB/s':>7}"
              f" {'peak MiB':>9}")
    print(header + "\n" + "-" * len(header))


def print_costs(runs: dict[int, tuple[int, Run]], startup: float) -> None:
    """Seconds per article at each size over the x1 figure, as measured and net of start-up."""
    n1, r1 = runs[1]
    per1, net1 = r1.seconds / n1, max(r1.seconds - startup, 1e-9) / n1
    print(f"\ncost per article relative to x1 (1.00 = linear growth); start-up {startup:.2f} s"
          " (a 1-article run):")
    print(f"  {'size':<5} {'measured':>8} {'net of start-up':>16}")
    for factor, (n, run) in runs.items():
        net = (run.seconds - startup) / n / net1
        print(f"  x{factor:<4} {run.seconds / n / per1:>8.2f} {net:>16.2f}")


def main() -> int:
    args, extra = parse_args()
    base = base_articles()
    sizes = {factor: args.articles * factor for factor in FACTORS}
    workers_size = args.workers_size or sizes[16]
    print_machine()
    print(f"corpus: {source_label(base)}, repeated; extra score args: {' '.join(extra) or '-'}")
    print("read: seconds include start-up (imports, lexicons, models), which makes the measured"
          " cost per article fall\n      with size; net of start-up, ratios near 1.00 mean cost"
          " grows linearly. Peak MiB sums the RSS of\n      the process tree. A speed-up near 2.0"
          " means the 2nd worker doubles throughput.\n")
    with tempfile.TemporaryDirectory(prefix="framing-scaling-") as tmp:
        folder, runs = Path(tmp), {}
        one = folder / "one.jsonl"
        write_jsonl(one, base, articles=1)
        startup = score(one, folder / "out.jsonl", extra, jobs=1).seconds
        print_header()
        for factor, n in sizes.items():
            corpus = folder / f"x{factor}.jsonl"
            n, size = write_jsonl(corpus, base, articles=n)
            runs[factor] = (n, score(corpus, folder / "out.jsonl", extra, jobs=1))
            print(row(f"x{factor}", n, size, runs[factor][1]), flush=True)
        print_costs(runs, startup)

        print(f"\nworkers on {workers_size} articles:")
        corpus = folder / "workers.jsonl"
        n, size = write_jsonl(corpus, base, articles=workers_size)
        print_header()
        timed = {}
        for jobs in (1, 2):
            timed[jobs] = score(corpus, folder / "out.jsonl", extra, jobs=jobs)
            print(row(f"--jobs {jobs}", n, size, timed[jobs]), flush=True)
    print(f"\nspeed-up 1 -> 2 workers: {timed[1].seconds / timed[2].seconds:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
