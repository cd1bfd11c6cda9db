"""Shared parts of the `framing score` benchmarks: JSONL corpora, the command, process-tree RSS.

The corpus is the bundled sample story (plus, when present, the .txt articles of a seeds folder,
read at run time and never copied into the repository) repeated with distinct ids, and written
to disk one record at a time so that even a corpus of gigabytes is never held in memory.
"""
from __future__ import annotations

import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from framing.corpus import load_corpus
from framing.types import Article

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpus"
STORY = SAMPLE / "story.toml"
DEFAULT_SEEDS = REPO.parent / "shared" / "seeds"
POLL_SECONDS = 0.05
MB = 1_000_000
MIB = 2**20


def base_articles(seeds: Path | None = DEFAULT_SEEDS) -> list[Article]:
    """The sample articles, plus the seed .txt articles when the folder exists."""
    seed_files = sorted(seeds.glob("*.txt")) if seeds is not None and seeds.is_dir() else []
    return list(load_corpus(SAMPLE, *seed_files).articles)


def source_label(articles: Sequence[Article]) -> str:
    seeds = len(articles) - len(load_corpus(SAMPLE).articles)
    return f"sample story{f' + {seeds} seed articles from {DEFAULT_SEEDS}' if seeds else ''}"


def _records(base: Sequence[Article]) -> Iterator[bytes]:
    """Endless JSONL lines: copy 0 of every base article, then copy 1, ..., each id distinct."""
    copy = 0
    while True:
        for article in base:
            record = {"id": f"{article.id}#{copy}", "outlet": article.outlet,
                      "title": article.title, "date": article.date, "text": article.text}
            yield (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        copy += 1


def write_jsonl(path: Path, base: Sequence[Article], *, articles: int | None = None,
                max_bytes: int | None = None) -> tuple[int, int]:
    """Stream `articles` records (or records until `max_bytes`) to `path`; (articles, bytes)."""
    count = size = 0
    with path.open("wb") as handle:
        for line in _records(base):
            if (articles is not None and count >= articles) or (
                    max_bytes is not None and size + len(line) > max_bytes):
                break
            handle.write(line)
            count, size = count + 1, size + len(line)
    return count, size


def count_lines(path: Path) -> int:
    """Lines of a (possibly huge, possibly still growing) file, read 1 MiB at a time."""
    if not path.exists():
        return 0
    lines = 0
    with path.open("rb") as handle:
        while chunk := handle.read(MIB):
            lines += chunk.count(b"\n")
    return lines


def framing_command() -> list[str]:
    """The installed `framing` entry point beside this Python, else the same via `-c`."""
    script = Path(sys.executable).parent / "framing"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-c", "from framing.cli import main; main()"]


def subprocess_env() -> dict[str, str]:
    """The repository's package first, so the benchmark measures this checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(child) for child in task.read_text().split()]
        except OSError:  # the task ended between listing and reading
            continue
    return found


def _rss_bytes(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0  # gone, or a zombie with no memory left


def tree_rss(root: int) -> tuple[int, int]:
    """(sum, largest) of the resident memory of `root` and all its descendants, in bytes."""
    total = largest = 0
    pending, seen = [root], set()
    while pending:
        pid = pending.pop()
        if pid in seen:
            continue
        seen.add(pid)
        rss = _rss_bytes(pid)
        total, largest = total + rss, max(largest, rss)
        pending += _children(pid)
    return total, largest


@dataclass
class Run:
    """What one measured command did: wall seconds, RSS peaks, exit code and stderr."""

    seconds: float
    peak_tree: int
    peak_single: int
    returncode: int
    stopped: bool
    stderr: str


class _Poller(threading.Thread):
    """Samples the process tree's RSS every POLL_SECONDS and keeps the peaks."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_tree, self.peak_single = pid, 0, 0
        self.finished = threading.Event()

    def run(self) -> None:
        while not self.finished.is_set():
            total, largest = tree_rss(self.pid)
            self.peak_tree = max(self.peak_tree, total)
            self.peak_single = max(self.peak_single, largest)
            self.finished.wait(POLL_SECONDS)


def run_measured(args: Sequence[str], *, limit_seconds: float | None = None) -> Run:
    """Run `framing ARGS`, polling its process tree's RSS; stop it after `limit_seconds`."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        start = time.perf_counter()
        # Own session, so stopping early reaches the workers as well as the main process.
        proc = subprocess.Popen([*framing_command(), *args], stdout=subprocess.DEVNULL,
                                stderr=err, env=subprocess_env(), start_new_session=True)
        poller = _Poller(proc.pid)
        poller.start()
        stopped = False
        try:
            proc.wait(timeout=limit_seconds)
        except subprocess.TimeoutExpired:
            stopped = True
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait()
        seconds = time.perf_counter() - start
        poller.finished.set()
        poller.join()
        err.seek(0)
        return Run(seconds, poller.peak_tree, poller.peak_single, proc.returncode, stopped,
                   err.read())


def check(run: Run, what: str) -> None:
    """Stop the benchmark with framing's own message when the command failed."""
    if run.returncode not in (0, 3) and not run.stopped:
        sys.exit(f"{what} failed (exit {run.returncode}):\n{run.stderr.strip()}")


def print_machine() -> None:
    print(f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()}"
          f" ({platform.python_implementation()}), {platform.system()} {platform.machine()}")
    print(f"command: {' '.join(framing_command())} score ...")
