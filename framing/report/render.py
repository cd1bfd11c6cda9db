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


def render_html(context: dict[str, Any]) -> str:
    return html_environment().get_template("report.html").render(**context)


def render_markdown(context: dict[str, Any]) -> str:
    return markdown_environment().get_template("report.md").render(**context)


def write_report(comparison: Comparison, out_dir: str | Path, *, blind: bool = False,
                 max_articles: int = 200) -> dict[str, Path]:
    """Write index.html, report.md, charts/*.png, scores.csv, evidence.jsonl and manifest.json.

    Returns the written paths by kind. File names are fixed, so nothing derived from the input
    can place a file outside `out_dir`. With `blind=True` outlets appear as "Outlet A", ...
    The reports show at most `max_articles` articles in full; the data files hold them all.
    """
    from framing.report.plots import all_charts

    if blind:
        comparison = comparison.blinded()
    out = Path(out_dir)
    (out / "charts").mkdir(parents=True, exist_ok=True)
    context = build_context(comparison, max_articles=max_articles)
    charts = all_charts(comparison.outlets, comparison.stance, comparison.actors)
    written: dict[str, Path] = {}
    for name, (title, png) in charts.items():
        written[f"chart:{name}"] = _write(out, f"charts/{name}.png", png)
        context["charts"].append({
            "name": name, "title": title, "file": f"charts/{name}.png",
            "data_uri": "data:image/png;base64," + base64.b64encode(png).decode("ascii"),
        })
    written["html"] = _write(out, "index.html", render_html(context).encode("utf-8"))
    written["markdown"] = _write(out, "report.md", render_markdown(context).encode("utf-8"))
    written["csv"] = _write(out, "scores.csv", scores_csv(comparison).encode("utf-8"))
    written["evidence"] = _write(out, "evidence.jsonl", evidence_jsonl(comparison).encode("utf-8"))
    manifest = json.dumps(_plain(comparison.manifest), indent=2, sort_keys=True,
                          ensure_ascii=False) + "\n"
    written["manifest"] = _write(out, "manifest.json", manifest.encode("utf-8"))
    return written


def _write(out: Path, name: str, data: bytes) -> Path:
    path = (out / name).resolve()
    if not path.is_relative_to(out.resolve()):
        raise ValueError(f"refusing to write {name!r} outside {out}")
    path.write_bytes(data)
    return path


def scores_csv(comparison: Comparison) -> str:
    frame = comparison.to_frame()
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]):
            frame[column] = frame[column].map(neutralise)
    frame.columns = [neutralise(str(c)) for c in frame.columns]
    return frame.to_csv(index=False, lineterminator="\n", float_format="%.4g")


def evidence_jsonl(comparison: Comparison) -> str:
    """One span per line (evidence, then quotations), with its article id and outlet."""
    lines = []
    for score in comparison.scores:
        spans = [*score.evidence, *sorted(score.quotes, key=lambda s: (s.start, s.end))]
        for span in spans:
            record = {"article": score.article.id, "outlet": score.article.outlet,
                      **span.to_dict()}
            record["weight"] = round(record["weight"], 4)
            lines.append(json.dumps(record, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)


def _plain(value: Any) -> Any:
    """JSON-safe copy: NaN becomes null, tuples become lists."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
