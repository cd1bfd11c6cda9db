"""Turn a `Comparison` into plain dicts and strings that the templates lay out.

Nothing here escapes or formats HTML: templates autoescape every value. Article text is cut into
segments only at span boundaries, so joining the segments gives the article text back unchanged.
"""
from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from framing.comparison import TOO_LITTLE, TOO_LITTLE_TEXT, Comparison
from framing.types import MEASURES, ArticleScore, Span

MEASURE_TITLES = {
    "loaded_language": "Loaded language",
    "sarcasm": "Sarcasm and irony",
    "hedging": "Hedging",
    "boosting": "Boosting",
    "stance": "Actor mention",
    "stance_cue": "Stance cue",
    "quote": "Quotation",
}
HIGHLIGHTED = (*MEASURES, "stance", "stance_cue")
_LABEL_CATEGORIES = {"label", "labels", "name_calling", "name-calling", "dysphemism"}

GLOSSARY = (
    ("Loaded language", ("Words that carry strong feelings or judgement beyond the facts, such as "
     "calling a government a \"regime\" or a battle a \"meat grinder\".")),
    ("Scare quote", ("Quotation marks put around a word to signal doubt or mockery (\"the "
     "'liberation'\"), rather than to report what someone said.")),
    ("Hedge", "A word that makes a claim less certain: \"may\", \"reportedly\", \"around 10,000\"."),
    ("Booster", ("A word that makes a claim sound more certain: \"clearly\", \"undoubtedly\", "
     "\"in fact\".")),
    ("Certainty balance", ("(boosters - hedges) / (boosters + hedges): -1 means only hedges, +1 "
     "only boosters, 0 an even mix.")),
    ("Stance", ("How favourably the outlet's own words describe an actor, from -1 (very "
     "unfavourable) to +1 (very favourable).")),
    ("Own voice vs quoted speech", ("Own voice is what the outlet writes itself. Quoted speech is "
     "inside quotation marks and attributed to someone else; it is shown but not counted in the "
     "outlet's figures.")),
    ("Per 1,000 words", ("How many times something appears for every 1,000 words the outlet "
     "wrote in its own voice, so long and short articles can be compared.")),
    ("95 % interval", ("The range where the figure would probably land if the outlet had written "
     "other, similar sentences. When two outlets' ranges do not overlap, the difference is "
     "unlikely to be chance.")),
)

QUESTIONS = (
    ("Pick one highlighted loaded word. What neutral word could replace it, and how would the "
    "sentence feel different?"),
    ("Which outlet sounds most certain, and which most cautious? Is the certainty backed by "
    "named sources?"),
    "Find an actor that two outlets describe differently. Which words make the difference?",
    "How much of each article is the outlet's own voice, and how much is quoted? Who gets quoted?",
    ("Where might the tool be wrong? Find a highlight that is not really loaded, or a loaded "
    "phrase it missed."),
    "Read the report in blind mode first. Can you guess which outlet is which? What gave it away?",
)


def build_context(comparison: Comparison, *, max_articles: int = 200) -> dict[str, Any]:
    """Everything the HTML and Markdown templates show, as plain values.

    Only the first `max_articles` articles are shown in full (all are in scores.csv and
    evidence.jsonl), so a report over a large corpus stays a readable size.
    """
    actors = comparison.actors
    shown = comparison.scores[:max(0, max_articles)]
    return {
        "title": comparison.story.title if comparison.story else "News framing comparison",
        "story": comparison.story,
        "actors": actors,
        "measures": [{"key": m, "title": MEASURE_TITLES[m]} for m in MEASURES],
        "outlets": outlet_rows(comparison),
        "stance": stance_rows(comparison, actors),
        "differences": list(comparison.differences),
        "same_actor": same_actor_words(comparison.scores, actors),
        "articles": [article_view(score, actors) for score in shown],
        "articles_total": len(comparison.scores),
        "skipped": [{"name": s.name, "reason": s.reason} for s in comparison.skipped],
        "manifest": {"tool": "framing", "version": "", "n_boot": "", "seed": "",
                     **comparison.manifest},
        "versions": sorted((k, v) for k, v in comparison.manifest.get("versions", {}).items()
                           if k != "framing"),
        "glossary": [{"term": t, "text": d} for t, d in GLOSSARY],
        "questions": list(QUESTIONS),
        "charts": [],
    }


# --- numbers ---------------------------------------------------------------------------------


def fmt(value: Any, digits: int = 1, *, signed: bool = False) -> str:
    """A number for people: fixed decimals, "–" for missing."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    return f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"


def interval(lo: Any, hi: Any, digits: int = 1) -> str:
    if fmt(lo) == "–" or fmt(hi) == "–":
        return ""
    return f"{fmt(lo, digits)}–{fmt(hi, digits)}"


def outlet_rows(comparison: Comparison) -> list[dict[str, Any]]:
    rows = []
    for row in comparison.outlets.to_dict("records"):
        cells = [{
            "key": m,
            "value": fmt(row[f"{m}_per_1k"]),
            "interval": interval(row[f"{m}_lo"], row[f"{m}_hi"]),
            "count": int(row[f"{m}_count"]),
        } for m in MEASURES]
        rows.append({
            "outlet": row["outlet"], "articles": int(row["articles"]), "words": int(row["words"]),
            "own_words": int(row["own_words"]), "cells": cells,
            "sarcasm_index": fmt(row["sarcasm_index"], 2),
            "certainty_balance": fmt(row["certainty_balance"], 2, signed=True),
            "note": row["note"],
        })
    return rows


def stance_rows(comparison: Comparison, actors: Sequence[str]) -> list[dict[str, Any]]:
    """Outlets x actors, each cell with its score, label words and a background colour."""
    table = comparison.stance
    rows = []
    for outlet in comparison.outlets["outlet"]:
        cells = []
        for actor in actors:
            match = table[(table["outlet"] == outlet) & (table["actor"] == actor)]
            cells.append(_stance_cell(match.iloc[0].to_dict() if len(match) else None))
        rows.append({"outlet": outlet, "cells": cells})
    return rows


def _stance_cell(row: dict[str, Any] | None) -> dict[str, Any]:
    if row is None:
        return {"score": "–", "label": "not mentioned", "interval": "", "mentions": 0,
                "colour": "#ffffff", "quoted": ""}
    confident = row["label"] not in (TOO_LITTLE, "not mentioned")
    quoted = ""
    if row["quoted_mentions"]:
        quoted = f"quoted voices: {fmt(row['quoted_score'], 2, signed=True)} ({row['quoted_label']})"
    return {
        "score": fmt(row["score"], 2, signed=True) if confident else "–",
        "label": row["label"],
        "interval": interval(row["lo"], row["hi"], 2) if confident else "",
        "mentions": int(row["mentions"]),
        "colour": stance_colour(row["score"]) if confident else "#ffffff",
        "quoted": quoted,
    }


def stance_colour(score: float) -> str:
    """Red for unfavourable, blue for favourable, pale enough for dark text to stay readable."""
    score = max(-1.0, min(1.0, float(score)))
    end = (214, 96, 77) if score < 0 else (67, 147, 195)  # RdBu ends, colour-blind safe pair
    t = abs(score) * 0.75
    rgb = [round(255 + (c - 255) * t) for c in end]
    return "#{:02x}{:02x}{:02x}".format(*rgb)


# --- same actor, different words -------------------------------------------------------------


def same_actor_words(scores: Sequence[ArticleScore], actors: Sequence[str]) -> list[dict]:
    """Per actor and outlet: the names used, labels, attribution verbs and other cue words."""
    out = []
    outlets = list(dict.fromkeys(s.article.outlet for s in scores))
    for actor in actors:
        rows = []
        for outlet in outlets:
            spans = [span for s in scores if s.article.outlet == outlet
                     for span in s.evidence if span.actor == actor]
            if spans:
                rows.append({"outlet": outlet, **_actor_words(spans)})
        if rows:
            out.append({"actor": actor, "rows": rows})
    return out


def _actor_words(spans: Iterable[Span]) -> dict[str, str]:
    groups: dict[str, Counter] = {"names": Counter(), "labels": Counter(), "verbs": Counter(),
                                  "other": Counter()}
    for span in spans:
        word = " ".join(span.text.split()).lower()
        if span.measure == "stance":
            groups["names"][" ".join(span.text.split())] += 1
        elif not span.in_quote:
            groups[_word_group(span)][word] += 1
    return {key: _counted(counter) for key, counter in groups.items()}


def _word_group(span: Span) -> str:
    label = span.label.lower()
    if label in _LABEL_CATEGORIES:
        return "labels"
    if "attribution" in label or "verb" in label:
        return "verbs"
    return "other"


def _counted(counter: Counter) -> str:
    items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return ", ".join(word if n == 1 else f"{word} ×{n}" for word, n in items)


# --- articles --------------------------------------------------------------------------------


def article_view(score: ArticleScore, actors: Sequence[str]) -> dict[str, Any]:
    article = score.article
    stats = []
    for m in MEASURES:
        result = score.measures.get(m)
        if result is not None:
            stats.append({"key": m, "title": MEASURE_TITLES[m], "count": result.count,
                          "per_1k": fmt(result.per_1k), "quoted": result.quoted_count})
    stance = []
    for actor in actors:
        s = score.stance.get(actor)
        if s is not None and s.mentions + s.quoted_mentions:
            stance.append({"actor": actor, "label": s.label, "mentions": s.mentions,
                           "score": fmt(s.score, 2, signed=True)})
    highlights = [span for span in score.evidence if span.measure in HIGHLIGHTED]
    return {
        "id": article.id, "outlet": article.outlet, "title": article.title or article.id,
        "date": article.date, "words": score.words, "own_words": score.own_words,
        "note": TOO_LITTLE_TEXT if score.own_words < 150 else "",
        "stats": stats, "stance": stance, "words_found": words_found(score),
        "segments": segments(article.text, highlights, score.quotes),
    }


def words_found(score: ArticleScore) -> list[dict[str, str]]:
    """Per measure, the flagged words in own voice and in quoted speech, with counts."""
    out = []
    for m in MEASURES:
        result = score.measures.get(m)
        if result is None or not result.evidence:
            continue
        own, quoted = Counter(), Counter()
        for span in result.evidence:
            (quoted if span.in_quote else own)[" ".join(span.text.split()).lower()] += 1
        out.append({"title": MEASURE_TITLES[m], "own": _counted(own), "quoted": _counted(quoted)})
    return out


def choose(spans: Iterable[Span], length: int) -> list[tuple[Span, list[Span]]]:
    """Non-overlapping spans, longest first then earliest; each with the spans it covered."""
    valid = [s for s in spans if 0 <= s.start < s.end <= length]
    ranked = sorted(valid, key=lambda s: (-(s.end - s.start), s.start, s.measure, s.label))
    chosen: list[tuple[Span, list[Span]]] = []
    for span in ranked:
        hit = next((c for c in chosen if c[0].start < span.end and span.start < c[0].end), None)
        if hit is None:
            chosen.append((span, []))
        else:
            hit[1].append(span)
    return sorted(chosen, key=lambda c: c[0].start)


def segments(text: str, highlights: Iterable[Span], quotes: Iterable[Span]) -> list[dict]:
    """Cut `text` at span edges; each piece says its highlight (if any) and quotation (if any)."""
    marks = choose(highlights, len(text))
    quoted = choose(quotes, len(text))
    edges = sorted({0, len(text)} | {e for s, _ in marks + quoted for e in (s.start, s.end)})
    mark_starts = [s.start for s, _ in marks]
    quote_starts = [s.start for s, _ in quoted]
    out = []
    for a, b in itertools.pairwise(edges):
        mark = _covering(marks, mark_starts, a, b)
        quote = _covering(quoted, quote_starts, a, b)
        out.append({
            "text": text[a:b],
            "cls": _css_class(mark[0]) if mark else "",
            "tip": explain(mark[0], mark[1]) if mark else "",
            "quote": quote_tip(quote[0]) if quote else "",
        })
    return _merge(out)


def _covering(chosen: list[tuple[Span, list[Span]]], starts: list[int], a: int, b: int):
    i = bisect.bisect_right(starts, a) - 1
    if i >= 0 and chosen[i][0].start <= a and b <= chosen[i][0].end:
        return chosen[i]
    return None


def _merge(pieces: list[dict]) -> list[dict]:
    merged: list[dict] = []
    for piece in pieces:
        last = merged[-1] if merged else None
        if last and not piece["cls"] and not last["cls"] and last["quote"] == piece["quote"]:
            last["text"] += piece["text"]
        else:
            merged.append(piece)
    return merged


def _css_class(span: Span) -> str:
    name = span.measure if span.measure in HIGHLIGHTED else "other"
    kind = "q" if span.in_quote else "own"
    return f"m-{re.sub(r'[^a-z_]', '', name)} {kind}"


def explain(span: Span, covered: Sequence[Span] = ()) -> str:
    """The hover text of a highlight: measure, category, rule or entry, own voice or quoted."""
    parts = [_explain_one(span)]
    parts += [f"also: {_explain_one(other)}" for other in covered[:3]]
    return " | ".join(parts)


def _explain_one(span: Span) -> str:
    voice = "quoted speech, not counted" if span.in_quote else "own voice"
    title = MEASURE_TITLES.get(span.measure, span.measure)
    if span.measure == "stance":
        return f"{title}: {span.actor} · this mention scores {span.weight:+.2f} · {voice}"
    if span.measure == "stance_cue":
        way = "up" if span.weight >= 0 else "down"
        return (f"{title} for {span.actor}: {span.label} · moves stance {way} "
                f"({span.weight:+.2f}) · {span.source} · {voice}")
    return f"{title} · category: {span.label} · {span.source} · {voice}"


def quote_tip(span: Span) -> str:
    if span.label == "scare":
        return "scare quote: quotation marks not reporting anyone's words"
    who = f" of {span.actor}" if span.actor else ""
    return f"quoted speech{who} (not the outlet's own voice)"


def outlet_notes(comparison: Comparison) -> list[str]:
    """Outlets whose own text is too short for confident figures."""
    table = comparison.outlets
    return list(table.loc[table["note"] == TOO_LITTLE_TEXT, "outlet"])
