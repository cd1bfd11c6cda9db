"""Render the report templates and write the report folder.

HTML goes through a Jinja2 environment with autoescaping on, so article text, titles, outlet and
actor names can never become markup. Markdown output escapes the characters that Markdown or
embedded HTML would interpret.
"""
from __future__ import annotations

import base64
import json
import math
import re
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd

from framing.comparison import Comparison
from framing.report.build import build_context
from framing.sink import neutralise
from framing.types import ArticleScore

TEMPLATES = Path(__file__).with_name("templates")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|<>#!])")


def _loader() -> jinja2.BaseLoader:
    try:
        return jinja2.PackageLoader("framing.report", "templates")
    except (ValueError, ImportError):  # running from a source tree that is not installed
        return jinja2.FileSystemLoader(str(TEMPLATES))


def html_environment() -> jinja2.Environment:
    return jinja2.Environment(loader=_loader(), autoescape=True, keep_trailing_newline=True,
                              undefined=jinja2.StrictUndefined)


def markdown_environment() -> jinja2.Environment:
    """No HTML autoescaping (it would litter Markdown with entities); every value is md-escaped."""
    return jinja2.Environment(loader=_loader(), autoescape=False, finalize=md_escape,
                              keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                              undefined=jinja2.StrictUndefined)


def md_escape(value: Any) -> Any:
    """Escape a value for a Markdown table cell or line: no markup, links, HTML or line breaks."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    text = " ".join(value.split())
    return _MD_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;"))


def write_report(comparison: Comparison, out_dir: str | Path, *, blind: bool = False,
                 max_articles: int = 200) -> dict[str, Path]:
    """Write index.html, report.md, charts/*.png, scores.csv, evidence.jsonl and manifest.json.

    Returns the written paths by kind. File names are fixed, so nothing derived from the input
    can place a file outside `out_dir`. With `blind=True` outlets appear as "Outlet A", ...
    The reports show at most `max_articles` articles in full; the data files hold them all.
    """
    if blind:
        comparison = comparison.blinded()
    out = Path(out_dir)
    written = write_pages(comparison, out, max_articles=max_articles)
    written["csv"] = _write(out, "scores.csv", scores_csv(comparison.to_frame()).encode("utf-8"))
    evidence = "".join(f"{line}\n" for score in comparison.scores for line in evidence_lines(score))
    written["evidence"] = _write(out, "evidence.jsonl", evidence.encode("utf-8"))
    return written


def write_pages(comparison: Comparison, out_dir: str | Path, *,
                max_articles: int = 200) -> dict[str, Path]:
    """The report without its data files: index.html, report.md, charts/*.png, manifest.json.

    For callers that write scores.csv and evidence.jsonl themselves, a chunk at a time (blind
    the comparison first if need be)."""
    from framing.report.plots import all_charts

    out = Path(out_dir)
    (out / "charts").mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    charts = []  # drawn first: the figures are gone before the article pages are built
    for name, (title, png) in all_charts(comparison.outlets, comparison.stance,
                                         comparison.actors).items():
        written[f"chart:{name}"] = _write(out, f"charts/{name}.png", png)
        charts.append({
            "name": name, "title": title, "file": f"charts/{name}.png",
            "data_uri": "data:image/png;base64," + base64.b64encode(png).decode("ascii"),
        })
    context = build_context(comparison, max_articles=max_articles)
    context["charts"].extend(charts)
    written["html"] = _stream(out, "index.html", html_environment(), "report.html", context)
    written["markdown"] = _stream(out, "report.md", markdown_environment(), "report.md", context)
    manifest = json.dumps(_plain(comparison.manifest), indent=2, sort_keys=True,
                          ensure_ascii=False) + "\n"
    written["manifest"] = _write(out, "manifest.json", manifest.encode("utf-8"))
    return written


def _inside(out: Path, name: str) -> Path:
    path = (out / name).resolve()
    if not path.is_relative_to(out.resolve()):
        raise ValueError(f"refusing to write {name!r} outside {out}")
    return path


def _write(out: Path, name: str, data: bytes) -> Path:
    path = _inside(out, name)
    path.write_bytes(data)
    return path


def _stream(out: Path, name: str, environment: jinja2.Environment, template: str,
            context: dict[str, Any]) -> Path:
    """Render straight into the file: a report of hundreds of articles is never one string."""
    path = _inside(out, name)
    environment.get_template(template).stream(**context).dump(str(path), encoding="utf-8")
    return path


def scores_csv(frame: pd.DataFrame, *, header: bool = True) -> str:
    """Article rows (`Comparison.to_frame`, or a chunk of them) as scores.csv text, with every
    text cell and column name made safe for spreadsheets."""
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    safe.columns = [neutralise(str(c)) for c in safe.columns]
    return safe.to_csv(index=False, header=header, lineterminator="\n", float_format="%.4g")


def evidence_lines(score: ArticleScore) -> list[str]:
    """The article's lines of evidence.jsonl: one JSON object per span (evidence, then
    quotations), with its article id and outlet."""
    lines = []
    for span in [*score.evidence, *sorted(score.quotes, key=lambda s: (s.start, s.end))]:
        record = {"article": score.article.id, "outlet": score.article.outlet, **span.to_dict()}
        record["weight"] = round(record["weight"], 4)
        lines.append(json.dumps(record, ensure_ascii=False))
    return lines


def _plain(value: Any) -> Any:
    """JSON-safe copy: NaN becomes null, tuples become lists."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
