"""The `framing` command: thin wrappers over the package's public functions.

Exit codes: 0 all inputs scored; 1 an error stopped the command; 2 bad usage; 3 the command
finished but some inputs were skipped (each is named on stderr with its reason).
"""
from __future__ import annotations

import json
import sys
from collections.abc import Sequence
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


@cli.command()
@click.argument("corpus", nargs=-1, type=click.Path(exists=True, path_type=Path))
@story_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_OUT, show_default=True, help="Folder to write the report into.")
@click.option("--blind", is_flag=True, help="Hide outlet names (Outlet A, B, ...).")
@click.option("--bootstrap", "n_boot", type=click.IntRange(min=100), default=1000,
              show_default=True, help="Bootstrap resamples for the 95% intervals.")
@max_bytes_option
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
def compare(corpus: tuple[Path, ...], story_path: Path | None, out_dir: Path, blind: bool,
            n_boot: int, max_bytes: int | None, quiet: bool) -> None:
    """Compare the outlets of CORPUS side by side and write a report.

    CORPUS is a folder of .txt/.md articles, or .jsonl/.csv files. With no CORPUS the bundled
    sample story (five constructed articles) is used.
    """
    from .corpus import DEFAULT_MAX_BYTES
    from .pipeline import compare as run_compare
    from .report import write_report

    try:
        comparison = run_compare(list(corpus) or None, story=story_path, n_boot=n_boot,
                                 max_bytes=max_bytes or DEFAULT_MAX_BYTES)
        written = write_report(comparison, out_dir, blind=blind)
    except FramingError as err:
        _fail(err)
    _report_skipped(comparison.skipped, quiet)
    if not quiet:
        click.echo(f"Compared {len(comparison.scores)} articles from "
                   f"{comparison.outlets.shape[0]} outlets.")
        click.echo(f"Report: {written['html']}")
    if comparison.skipped:
        sys.exit(EXIT_SKIPPED)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@story_option
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv"]), default="json",
              show_default=True, help="json: one array; jsonl: one record a line; csv: a table.")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of standard output.")
@click.option("--no-evidence", is_flag=True, help="Leave the evidence spans out of JSON records.")
@max_bytes_option
def score(paths: tuple[Path, ...], story_path: Path | None, fmt: str, out_file: Path | None,
          no_evidence: bool, max_bytes: int | None) -> None:
    """Score articles and print one record per article (see the README for the fields)."""
    from .corpus import DEFAULT_MAX_BYTES, load_corpus
    from .pipeline import resolve_story, score_corpus

    try:
        corpus = load_corpus(*paths, max_bytes=max_bytes or DEFAULT_MAX_BYTES)
        story, _ = resolve_story(corpus, paths, story_path)
        records = [s.to_dict(with_evidence=not no_evidence)
                   for s in score_corpus(corpus.articles, story=story)]
    except FramingError as err:
        _fail(err)
    text = _format_records(records, fmt)
    if out_file:
        out_file.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    _report_skipped(corpus.skipped, quiet=False)
    if corpus.skipped:
        sys.exit(EXIT_SKIPPED)


def _format_records(records: list[dict], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    return _records_csv(records)


def _records_csv(records: list[dict]) -> str:
    import csv
    import io

    rows = []
    for record in records:
        row = {key: record[key] for key in ("id", "outlet", "title", "words", "own_words")}
        for name, measure in record["measures"].items():
            for key, value in measure.items():
                row[f"{name}_{key}"] = value
        for actor, stance in record["stance"].items():
            row[f"stance:{actor}"] = stance["score"]
            row[f"mentions:{actor}"] = stance["mentions"]
        rows.append(row)
    columns = list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _safe_cell(v) for k, v in row.items()})
    return out.getvalue()


def _safe_cell(value: object) -> object:
    """Spreadsheets run cells starting with = + - @ as formulas; text cells get a leading '."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


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
@click.option("--data", "data", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--dev", "dev", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Dev file(s) for the printed metrics (default: a grouped 20 % of --data).")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False))
@click.option("--seed", type=int, default=0, show_default=True)
def train(task: str, data: str, dev: tuple[str, ...], out_dir: str, seed: int) -> None:
    """Train TASK's classifier on a data set file; print dev metrics; save model and card."""
    from .models.training import train as run_train

    command = " ".join(["framing", "train", task, "--data", Path(data).name,
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
