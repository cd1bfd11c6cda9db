"""The report folder: files, escaping, CSV safety, blind mode, no network, golden Markdown."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from framing.comparison import aggregate
from framing.report import write_report
from framing.report.build import choose, segments
from framing.report.render import md_escape, neutralise
from framing.types import Actor, Span, Story

from .builders import FILLER, fixture_comparison, make_score

GOLDEN = Path(__file__).parent / "golden" / "report.md"
EVIL = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def comparison():
    return fixture_comparison(n_boot=200, seed=0)


@pytest.fixture(scope="module")
def report(comparison, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    return out, write_report(comparison, out)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    sentences = [f"{EVIL} {{A={EVIL}/-0.5:Moscow}} {FILLER}",
                 f"Then {{A={EVIL}/-0.5:Moscow}} {{L:regime}} {FILLER}"]
    scores = [make_score("../../escape", f"{EVIL}/../x", sentences, title=f"=HYPERLINK {EVIL}"),
              make_score("@id", "-Minus", [f"Plain words {FILLER}"], title="+1 title")]
    story = Story(f"Story {EVIL}", (Actor(EVIL),))
    out = tmp_path_factory.mktemp("hostile") / "out"
    return out, write_report(aggregate(scores, story=story, n_boot=50), out)


def test_report_files_exist(report):
    out, written = report
    expected = {"index.html", "report.md", "scores.csv", "evidence.jsonl", "manifest.json",
                "charts/measures.png", "charts/stance.png", "charts/certainty.png"}
    assert {p.relative_to(out.resolve()).as_posix() for p in written.values()} == expected
    for path in written.values():
        assert path.stat().st_size > 0
    assert (out / "charts" / "stance.png").read_bytes().startswith(b"\x89PNG")


def test_html_is_self_contained(report):
    html = (report[0] / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.IGNORECASE)
    assert "<script" not in html.lower()
    assert html.count("data:image/png;base64,") == 3
    for heading in ("At a glance", "What differs", "Same actor, different words", "Glossary",
                    "Methods and limitations", "Questions for discussion", "Skipped inputs"):
        assert heading in html
    assert "@media print" in html and "@media (max-width" in html


def test_html_highlights_evidence(report):
    html = (report[0] / "index.html").read_text(encoding="utf-8")
    assert '<mark class="m-loaded_language own"' in html
    assert '<mark class="m-hedging own"' in html
    assert "quoted speech, not counted" in html  # the quoted "Brutal"
    assert "loaded.tsv:regime" in html
    assert "unfavourable" in html and "favourable" in html


def test_same_actor_different_words(report):
    markdown = (report[0] / "report.md").read_text(encoding="utf-8")
    assert "| Alpha | Kremlin ×2, Moscow ×2, Russia | – | boasted | – |" in markdown


def test_everything_is_escaped(hostile):
    _out, written = hostile
    html = written["html"].read_text(encoding="utf-8")
    assert EVIL not in html
    assert "<script" not in html.lower()
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 4  # title, outlet, actor, text
    markdown = written["markdown"].read_text(encoding="utf-8")
    assert EVIL not in markdown


def test_files_stay_in_out_dir(hostile):
    out, written = hostile
    for path in written.values():
        assert path.is_relative_to(out.resolve())
    assert sorted(p.name for p in out.parent.iterdir()) == ["out"]


def test_csv_cells_neutralised(hostile):
    text = hostile[1]["csv"].read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "'-Minus" in text and "'@id" in text and "'+1 title" in text
    assert not re.search(r"(^|,)[=+@]", text, re.MULTILINE)
    assert neutralise("-0.5") == "'-0.5" and neutralise(-0.5) == -0.5 and neutralise("ok") == "ok"


def test_evidence_jsonl(report, comparison):
    lines = (report[0] / "evidence.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    texts = {s.article.id: s.article.text for s in comparison.scores}
    assert records and all(set(r) >= {"article", "outlet", "measure", "start", "end", "text"}
                           for r in records)
    for record in records:
        assert texts[record["article"]][record["start"]:record["end"]] == record["text"]
    assert {"loaded_language", "stance", "quote"} <= {r["measure"] for r in records}


def test_manifest_file(report):
    manifest = json.loads((report[0] / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["versions"]["lexicon:loaded"] == "1.0.0"
    assert manifest["inputs"][0]["sha256"] == "ab" * 32
    assert manifest["n_boot"] == 200


def test_blind_mode_hides_outlets(comparison, tmp_path):
    written = write_report(comparison, tmp_path, blind=True)
    for key in ("html", "markdown", "csv", "evidence", "manifest"):
        text = written[key].read_text(encoding="utf-8")
        assert not re.search(r"Alpha|Beta|Gamma", text), key
    assert "Outlet A" in written["html"].read_text(encoding="utf-8")


def test_deterministic_output(comparison, tmp_path):
    one = write_report(comparison, tmp_path / "one")
    two = write_report(fixture_comparison(n_boot=200, seed=0), tmp_path / "two")
    for key in one:
        assert one[key].read_bytes() == two[key].read_bytes(), key


def test_golden_markdown(report):
    actual = (report[0] / "report.md").read_text(encoding="utf-8")
    if os.environ.get("FRAMING_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(actual, encoding="utf-8")
    assert GOLDEN.exists(), "run with FRAMING_UPDATE_GOLDEN=1 to create the golden file"
    assert actual == GOLDEN.read_text(encoding="utf-8")


def _span(start: int, end: int, text: str, measure: str = "loaded_language") -> Span:
    return Span(start, end, text[start:end], measure, "label", "test")


def test_overlapping_spans_keep_the_longest():
    text = "the regime in Pyongyang said"
    spans = [_span(4, 10, text), _span(4, 23, text, "stance"), _span(14, 23, text, "hedging")]
    chosen = choose(spans, len(text))
    assert [(s.start, s.end) for s, _ in chosen] == [(4, 23)]
    assert len(chosen[0][1]) == 2
    pieces = segments(text, spans, [])
    assert [p["text"] for p in pieces] == ["the ", "regime in Pyongyang", " said"]
    assert "also:" in pieces[1]["tip"]


@given(st.text(max_size=60), st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70)),
                                      max_size=8))
def test_segments_never_break_text(text, bounds):
    spans = [Span(a, b, text[a:b] if 0 <= a < b else "", "hedging", "modal", "t")
             for a, b in bounds]
    quotes = [Span(a, b, "", "quote", "attributed", "t") for a, b in bounds[:2]]
    pieces = segments(text, spans, quotes)
    assert "".join(p["text"] for p in pieces) == text


@pytest.mark.parametrize(("raw", "escaped"), [
    ("a | b", r"a \| b"), (EVIL, r"\<script\>alert(1)\</script\>"), ("[x](y)", r"\[x\](y)"),
    ("two\nlines", "two lines"), (3, 3),
])
def test_md_escape(raw, escaped):
    assert md_escape(raw) == escaped


def test_empty_and_capped_reports(comparison, tmp_path):
    written = write_report(aggregate([], n_boot=10), tmp_path / "empty")
    assert "No actor mentions were found." in written["html"].read_text(encoding="utf-8")
    capped = write_report(comparison, tmp_path / "capped", max_articles=1)
    html = capped["html"].read_text(encoding="utf-8")
    assert "Showing the first 1 of 4 articles" in " ".join(html.split())
    assert capped["csv"].read_text(encoding="utf-8").count("\n") == 5  # header + 4 articles
