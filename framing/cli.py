"""The `framing` command: thin wrappers over the package's public functions.

Exit codes: 0 all inputs scored; 1 an error stopped the command; 2 bad usage; 3 the command
finished but some inputs were skipped (each is named on stderr with its reason).
"""
from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

import click

from ._version import __version__
from .errors import FramingError

EXIT_SKIPPED = 3
DEFAULT_OUT = Path("reports") / "sample"


def main() -> None:
    try:
        cli(standalone_mode=True)
    except FramingError as err:  # pragma: no cover - click handles it inside commands
        click.echo(f"error: {err}", err=True)
        sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="framing")
def cli() -> None:
    """Show how different news outlets frame the same story."""


def _fail(err: Exception) -> None:
    raise click.ClickException(str(err))


def _report_skipped(skipped: Sequence, quiet: bool) -> None:
    for item in skipped:
        click.echo(f"skipped {item.name}: {item.reason}", err=True)
    if skipped and not quiet:
        click.echo(f"{len(skipped)} input(s) skipped; everything else was scored.", err=True)


max_bytes_option = click.option(
    "--max-bytes", type=click.IntRange(min=1), default=None,
    help="Skip articles larger than this many bytes (default 5,000,000).",
)
story_option = click.option(
    "--story", "story_path", type=click.Path(dir_okay=False, path_type=Path),
    help="Story file (TOML) naming the actors and their aliases.",
)


jobs_option = click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
    help="Worker processes scoring articles (with --engine dask: local Dask workers).",
)
engine_option = click.option(
    "--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
    help="local: this machine; dask: a Dask cluster (needs the 'dask' extra).",
)
scheduler_option = click.option(
    "--scheduler", metavar="ADDRESS",
    help="Dask scheduler address (tcp://host:8786); default: a local cluster of --jobs workers.",
)
staging_option = click.option(
    "--staging", type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the Dask engine's Parquet partitions; the workers must be able to read it.",
)
progress_option = click.option(
    "--progress/--no-progress", default=None,
    help="Show a running count on stderr (default: when stderr is a terminal).",
)


def scale_options(command: Callable) -> Callable:
    """The options shared by `score` and `compare`: input limit, engine and progress."""
    for option in (progress_option, staging_option, scheduler_option, engine_option, jobs_option,
                   max_bytes_option):
        command = option(command)
    return command


class Progress:
    """A progress bar on stderr, redrawn at most twice a second: a bar, the share done and the
    time left when the number of articles is known (`total`), else a running count."""

    WIDTH = 24

    def __init__(self, enabled: bool, total: int | None = None, done: int = 0) -> None:
        self.enabled = enabled
        self.total = total
        self.count = done  # already there when a run resumes
        self.start_count = done
        self.start = self.shown = time.monotonic()

    def __call__(self) -> None:
        self.count += 1
        now = time.monotonic()
        if self.enabled and now - self.shown >= 0.5:
            self.shown = now
            click.echo("\r" + self.line(now), err=True, nl=False)

    def line(self, now: float) -> str:
        rate = (self.count - self.start_count) / max(now - self.start, 1e-9)
        if not self.total:
            return f"scored {self.count:,} articles ({rate:,.1f}/s)"
        share = min(self.count / self.total, 1.0)
        bar = "#" * round(share * self.WIDTH)
        left = (self.total - self.count) / rate if rate > 0 else None
        eta = f", {_duration(left)} left" if left is not None and share < 1 else ""
        return (f"[{bar:<{self.WIDTH}}] {share:4.0%} {self.count:,}/{self.total:,} articles"
                f" ({rate:,.1f}/s{eta})")

    def close(self) -> None:
        if self.enabled and self.count > self.start_count:
            click.echo("\r" + self.line(time.monotonic()), err=True)


def _duration(seconds: float) -> str:
    seconds = max(round(seconds), 0)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}h {rest // 60:02d}m" if hours else f"{rest // 60}m {rest % 60:02d}s"


def _progress(enabled: bool | None, paths: Sequence[Path], done: int = 0) -> Progress:
    """A progress bar for `paths`; the articles are counted only when the bar will be shown."""
    from .corpus import count_items

    shown = sys.stderr.isatty() if enabled is None else enabled
    return Progress(shown, count_items(*paths) if shown and paths else None, done)


def _engine_options(engine: str, jobs: int, scheduler: str | None,
                    staging: Path | None) -> dict:
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    return {"engine": engine, "jobs": jobs, "scheduler": scheduler, "staging": staging}


@cli.command()
@click.argument("corpus", nargs=-1, type=click.Path(exists=True, path_type=Path))
@story_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_OUT, show_default=True, help="Folder to write the report into.")
@click.option("--blind", is_flag=True, help="Hide outlet names (Outlet A, B, ...).")
@click.option("--bootstrap", "n_boot", type=click.IntRange(min=100), default=1000,
              show_default=True, help="Bootstrap resamples for the 95% intervals.")
@scale_options
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
def compare(corpus: tuple[Path, ...], story_path: Path | None, out_dir: Path, blind: bool,
            n_boot: int, max_bytes: int | None, jobs: int, engine: str, scheduler: str | None,
            staging: Path | None, progress: bool | None, quiet: bool) -> None:
    """Compare the outlets of CORPUS side by side and write a report.

    CORPUS is a folder of .txt/.md articles, or .jsonl/.csv/.parquet files. With no CORPUS the
    bundled sample story (five constructed articles) is used. Any corpus size: memory stays flat.
    """
    from .corpus import DEFAULT_MAX_BYTES
    from .pipeline import compare_report

    options = _engine_options(engine, jobs, scheduler, staging)
    counter = _progress(False if quiet else progress, corpus)
    try:
        comparison, written = compare_report(
            list(corpus) or None, out_dir, story=story_path, n_boot=n_boot, blind=blind,
            max_bytes=max_bytes or DEFAULT_MAX_BYTES, progress=counter, **options)
    except FramingError as err:
        _fail(err)
    finally:
        counter.close()
    _report_skipped(comparison.skipped, quiet)
    if not quiet:
        click.echo(f"Compared {comparison.manifest['articles']} articles from "
                   f"{comparison.outlets.shape[0]} outlets.")
        click.echo(f"Report: {written['html']}")
    if comparison.skipped:
        sys.exit(EXIT_SKIPPED)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@story_option
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv", "parquet"]),
              help="json: one array; jsonl: one record a line; csv/parquet: a table "
                   "(default: from the --out file name, else json).")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here (.json, .jsonl, .csv or .parquet) instead of standard output.")
@click.option("--no-evidence", is_flag=True, help="Leave the evidence spans out of the records.")
@click.option("--resume", is_flag=True,
              help="Keep the records already in --out (.jsonl/.csv) and score only the rest.")
@click.option("--lexicons-only", is_flag=True,
              help="Loaded language, sarcasm markers, hedging and boosting from the lexicons "
                   "alone: no stance, no classifiers; many times faster, for whole archives.")
@scale_options
def score(paths: tuple[Path, ...], story_path: Path | None, fmt: str | None,
          out_file: Path | None, no_evidence: bool, resume: bool, lexicons_only: bool,
          max_bytes: int | None, jobs: int, engine: str, scheduler: str | None,
          staging: Path | None, progress: bool | None) -> None:
    """Score articles and print one record per article (see the README for the fields).

    Records come out in input order as they are scored; memory stays flat on any corpus size.
    """
    from .corpus import DEFAULT_MAX_BYTES
    from .engines import score_record
    from .pipeline import resolve_story_stream, score_paths
    from .sink import format_for, open_sink

    options = _engine_options(engine, jobs, scheduler, staging)
    limit = max_bytes or DEFAULT_MAX_BYTES
    skipped: list = []
    try:
        story = None if lexicons_only else resolve_story_stream(
            paths, story_path, max_bytes=limit)[0]
        sink = open_sink(out_file, format_for(out_file, fmt), resume=resume)
        counter = _progress(progress, paths, done=len(sink.done))
        records = score_paths(paths, story=story, skipped=skipped, done=sink.done,
                              convert=partial(score_record, with_evidence=not no_evidence),
                              max_bytes=limit, lexicons_only=lexicons_only, **options)
        try:
            for record in records:
                sink.write(record)
                counter()
        finally:
            sink.close()
            counter.close()
    except FramingError as err:
        _fail(err)
    _report_skipped(skipped, quiet=False)
    if skipped:
        sys.exit(EXIT_SKIPPED)


@cli.command()
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the proposal as a story file to edit.")
@click.option("--limit", type=click.IntRange(min=1), default=12, show_default=True)
def actors(corpus: tuple[Path, ...], out_file: Path | None, limit: int) -> None:
    """Propose the actors of a story (countries, leaders, frequent names) as a story file."""
    from .actors import propose_actors
    from .corpus import load_corpus
    from .story import story_to_toml

    try:
        loaded = load_corpus(*corpus)
    except FramingError as err:
        _fail(err)
    text = story_to_toml(propose_actors(loaded.articles, limit=limit))
    if out_file:
        out_file.write_text(text, encoding="utf-8")
        click.echo(f"Wrote {out_file}: edit it, then pass it with --story.")
    else:
        click.echo(text, nl=False)
    _report_skipped(loaded.skipped, quiet=False)


@cli.group()
def lexicon() -> None:
    """List, show and check lexicons."""


@lexicon.command("list")
def lexicon_list() -> None:
    """The built-in lexicons with version, size and categories."""
    from .lexicon import BUILTIN, builtin

    for name in BUILTIN:
        lex = builtin(name)
        click.echo(f"{name:13} v{lex.version:7} {len(lex):5} entries  "
                   f"{', '.join(lex.categories)}")


@lexicon.command("show")
@click.argument("name")
@click.option("--category", help="Only entries of this category.")
def lexicon_show(name: str, category: str | None) -> None:
    """Header and entries of a built-in lexicon (or a lexicon file)."""
    from .lexicon import builtin, load_lexicon

    try:
        lex = load_lexicon(name) if Path(name).is_file() else builtin(name)
    except FramingError as err:
        _fail(err)
    click.echo(f"{lex.name} {lex.version}: {lex.description}")
    click.echo(f"licence: {lex.license}\nprovenance: {lex.provenance}")
    for cat, description in lex.categories.items():
        click.echo(f"  {cat}: {description}")
    for entry in lex.entries:
        if category is None or entry.category == category:
            rules = ",".join(entry.rules) or "-"
            click.echo(f"{entry.entry}\t{entry.category}\t{entry.inflect}\t{rules}\t{entry.weight}")


@lexicon.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def lexicon_check(files: tuple[Path, ...]) -> None:
    """Validate lexicon files; name the first bad line of each."""
    from .lexicon import load_lexicon

    bad = 0
    for file in files:
        try:
            lex = load_lexicon(file)
        except FramingError as err:
            click.echo(f"error: {err}", err=True)
            bad += 1
            continue
        click.echo(f"{file}: ok, {len(lex)} entries in {len(lex.categories)} categories")
    if bad:
        sys.exit(1)


TASK_CHOICE = click.Choice(["stance", "loaded", "sarcasm", "hedging", "loaded-spans"])


@cli.command()
@click.argument("task", type=TASK_CHOICE)
@click.option("--data", "data", required=True, multiple=True,
              type=click.Path(exists=True, dir_okay=False),
              help="Training file; more --data files add their new sentences.")
@click.option("--dev", "dev", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Dev file(s) for the printed metrics (default: a grouped 20 % of --data).")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False))
@click.option("--seed", type=int, default=0, show_default=True)
def train(task: str, data: tuple[str, ...], dev: tuple[str, ...], out_dir: str, seed: int) -> None:
    """Train TASK's classifier on a data set file; print dev metrics; save model and card."""
    from .models.training import train as run_train

    command = " ".join(["framing", "train", task, *(f"--data {Path(d).name}" for d in data),
                        *(f"--dev {Path(d).name}" for d in dev), "--out", out_dir])
    try:
        card = run_train(task, data, dev=dev, out=out_dir, seed=seed, command=command)
    except FramingError as err:
        _fail(err)
    click.echo(f"trained {task} in {card['training_seconds']} s -> {out_dir}")
    for name, metrics in card["dev_metrics"].items():
        shown = ", ".join(f"{k} {v:.4f}" for k, v in metrics.items() if k != "n")
        click.echo(f"dev {name}: {shown}")


@cli.command()
@click.argument("task", type=TASK_CHOICE)
@click.option("--data", "data", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--model", "model_dir", type=click.Path(exists=True, file_okay=False),
              help="Model folder (default: the trained or shipped model for TASK).")
@click.option("--out", "out_file", required=True, type=click.Path(dir_okay=False))
def predict(task: str, data: str, model_dir: str | None, out_file: str) -> None:
    """Predict TASK for every item of a data file; one JSON line per item, in input order."""
    from .models.items import read_items
    from .models.training import predict as run_predict
    from .models.training import resolve_model

    try:
        model = resolve_model(task, model_dir)
        records = run_predict(task, read_items(task, data), model)
    except FramingError as err:
        _fail(err)
    with open(out_file, "w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    click.echo(f"{len(records)} predictions -> {out_file}")


@cli.command()
@click.argument("task", type=TASK_CHOICE)
@click.option("--data", "data", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--model", "model_dir", type=click.Path(exists=True, file_okay=False))
def evaluate(task: str, data: str, model_dir: str | None) -> None:
    """Standard metrics of TASK's model on a labelled data file."""
    from .models.items import read_items
    from .models.training import evaluate as run_evaluate
    from .models.training import resolve_model

    try:
        metrics = run_evaluate(task, read_items(task, data), resolve_model(task, model_dir))
    except FramingError as err:
        _fail(err)
    for key, value in metrics.items():
        click.echo(f"{key}\t{value:.4f}" if key != "n" else f"n\t{int(value)}")
