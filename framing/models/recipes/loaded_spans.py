"""Recipe for `loaded_spans`: which words of an article belong to a loaded-language or
name-calling span (PTC, SemEval-2020 Task 11).

Every word token of an article is one unit: an Item whose `text` is the whole article and whose
`target` is the token's (start, end). Each article is analysed once (tokens, sentences, quotations,
lexicon matches) and the analysis is kept for the few most recent texts, so the features of
the thousands of units of one article cost a look-up each. Positive units next to each other are
then joined into the predicted spans.
"""
from __future__ import annotations

import random
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from ...lexicon import builtin
from ...sentiment import valences
from ...text import Doc
from ..items import Item

LABELS: tuple[str, ...] = ("outside", "loaded")
POSITIVE: str | None = "loaded"
PARAMS: dict = {
    "C": 2.0,
    "class_weight": None,
    "sublinear_tf": False,
    "min_df": 2,
    "max_features": 200000,
    "dense_weight": 1.0,
    "threshold": 0.4,
}
DENSE_NAMES: tuple[str, ...] = (
    "valence",
    "abs_valence",
    "context_abs_valence",
    "loaded_weight",
    "near_loaded",
    "capitalised",
    "in_quote",
    "in_title",
    "sentence_position",
    "article_loaded_density",
    "sentence_abs_valence",
    "word_length",
)

LEXICONS = ("loaded", "sarcasm", "hedges", "boosters")
_WINDOW = 2  # words either side that count as context
OUTSIDE_SHARE = 0.5  # share of `outside` words kept for training, which halves training time
JOIN_SHARE = 0.5  # a word next to a span joins it at this share of the threshold


@dataclass(frozen=True, slots=True)
class _Analysis:
    """Per-token facts of one text, shared by all of its units."""

    doc: Doc
    starts: list[int]  # token start offsets, for finding a unit's token
    lex: list[tuple[str, ...]]  # lexicon categories covering each token ("loaded:label", ...)
    loaded_weight: list[float]
    sentence_valence: list[float]  # mean |valence| of the words of each sentence
    loaded_density: float  # loaded-lexicon matches per 100 words of the text


def candidates(text: str) -> list[tuple[int, int]]:
    """The units to classify: every word token of `text`."""
    return [(t.start, t.end) for t in _analyse(text).doc.tokens if t.text[0].isalnum()]


def training_items(article_items: list[Item]) -> list[Item]:
    """Labelled unit Items from gold-annotated articles: a word is `loaded` when it overlaps a
    gold span. A fixed random share of the `outside` words is kept (seeded by article id)."""
    units = []
    for article in article_items:
        spans = sorted(article.spans)
        keep = random.Random(f"loaded_spans:{article.id}")
        for k, (start, end) in enumerate(candidates(article.text)):
            loaded = _overlaps(spans, start, end)
            if loaded or keep.random() < OUTSIDE_SHARE:
                label = "loaded" if loaded else "outside"
                unit = Item(article.text, label, (start, end), f"{article.id}:{k}", article.group)
                units.append(unit)
    return units


def to_spans(
    text: str, units: list[tuple[int, int]], probabilities: list[float]
) -> list[tuple[int, int]]:
    """Spans of `loaded` words: a run of units at or above JOIN_SHARE x threshold (separated
    only by punctuation or spaces on one line) becomes a span when one of its units reaches the
    threshold, so the weaker words of a loaded phrase join its strongest one."""
    threshold = PARAMS["threshold"] if PARAMS["threshold"] is not None else 0.5
    spans: list[tuple[int, int]] = []
    run: list[int] | None = None  # [start, end, reached the threshold]
    for (start, end), p in sorted(zip(units, probabilities)):
        if p >= JOIN_SHARE * threshold and run and _joinable(text[run[1] : start]):
            run[1], run[2] = end, run[2] or p >= threshold
            continue
        if run and run[2]:
            spans.append((run[0], run[1]))
        run = [start, end, p >= threshold] if p >= JOIN_SHARE * threshold else None
    if run and run[2]:
        spans.append((run[0], run[1]))
    return spans


def analyze(item: Item) -> list[str]:
    """Sparse features of one unit: the word, its neighbours, lexicon cues, shape, quotation."""
    a, i = _unit(item)
    tokens = a.doc.tokens
    word = tokens[i].norm
    prev1, prev2 = _norm(a, i - 1), _norm(a, i - 2)
    next1, next2 = _norm(a, i + 1), _norm(a, i + 2)
    feats = [
        f"w={word}",
        f"p1={prev1}",
        f"n1={next1}",
        f"p2={prev2}",
        f"n2={next2}",
        f"pw={prev1}_{word}",
        f"wn={word}_{next1}",
        f"pwn={prev1}_{word}_{next1}",
        f"stem={_stem(word)}",
        f"suf={word[-3:]}",
        f"shape={_shape(tokens[i].text)}",
    ]
    feats += [f"lex={c}" for c in a.lex[i]]
    feats += [f"lexp={c}" for c in a.lex[i - 1]] if i > 0 else []
    feats += [f"lexn={c}" for c in a.lex[i + 1]] if i + 1 < len(tokens) else []
    feats.append(f"val={_valence_bucket(word)}")
    feats.append(f"valp={_valence_bucket(prev1)}")
    feats.append(f"valn={_valence_bucket(next1)}")
    quote = a.doc.in_quote[i]
    if quote is not None:
        feats.append(f"quote={quote.kind}")
    return feats


def dense(item: Item) -> list[float]:
    """Dense features of one unit, in DENSE_NAMES order."""
    a, i = _unit(item)
    doc, table = a.doc, valences()
    token = doc.tokens[i]
    value = table.get(token.norm, 0.0)
    lo, hi = max(0, i - _WINDOW), min(len(doc.tokens), i + _WINDOW + 1)
    context = max(abs(table.get(t.norm, 0.0)) for t in doc.tokens[lo:hi])
    near = any(a.lex[j] and a.lex[j][0].startswith("loaded:") for j in range(lo, hi) if j != i)
    s = doc.sentence_of[i]
    return [
        value,
        abs(value),
        context,
        a.loaded_weight[i],
        float(near),
        float(token.text[0].isupper() and s < len(doc.sentences) and doc.sentences[s].first != i),
        float(doc.in_quote[i] is not None),
        float(s == 0),
        s / max(1, len(doc.sentences) - 1),
        a.loaded_density,
        a.sentence_valence[s] if a.sentence_valence else 0.0,
        min(len(token.text), 20) / 10.0,
    ]


# --- analysis of a text, shared by its units --------------------------------------------------


def _unit(item: Item) -> tuple[_Analysis, int]:
    a = _analyse(item.text)
    start = item.target[0] if item.target else 0
    i = min(bisect_left(a.starts, start), len(a.starts) - 1)
    return a, i


@lru_cache(maxsize=4)
def _analyse(text: str) -> _Analysis:
    doc = Doc(text, speech_verbs=builtin("speech_verbs"))
    n = len(doc.tokens)
    lex: list[tuple[str, ...]] = [()] * n
    weight = [0.0] * n
    for name in LEXICONS:
        for m in builtin(name).matches(doc):
            tag = f"{name}:{m.entry.category}"
            for j in range(m.first, m.stop):
                lex[j] = (*lex[j], tag)
                if name == "loaded":
                    weight[j] = max(weight[j], m.entry.weight)
    table = valences()
    sentence_valence = []
    for sent in doc.sentences:
        words = [t.norm for t in doc.tokens[sent.first : sent.stop] if t.text[0].isalnum()]
        sentence_valence.append(sum(abs(table.get(w, 0.0)) for w in words) / max(1, len(words)))
    n_loaded = len(builtin("loaded").matches(doc))
    density = 100.0 * n_loaded / max(1, doc.words)
    starts = [t.start for t in doc.tokens]
    return _Analysis(doc, starts, lex, weight, sentence_valence, density)


def _norm(a: _Analysis, i: int) -> str:
    if i < 0:
        return "<s>"
    if i >= len(a.doc.tokens):
        return "</s>"
    return a.doc.tokens[i].norm


def _stem(word: str) -> str:
    """A crude stem, so inflections of a rare word share its weight."""
    for suffix in ("ically", "ally", "ly", "ies", "ied", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _shape(word: str) -> str:
    if word.isupper() and len(word) > 1:
        return "CAPS"
    if word[0].isupper():
        return "Cap"
    if any(c.isdigit() for c in word):
        return "digit"
    return "lower"


def _valence_bucket(word: str) -> str:
    value = valences().get(word, 0.0)
    if value <= -2.0:
        return "neg2"
    if value < 0:
        return "neg1"
    if value >= 2.0:
        return "pos2"
    if value > 0:
        return "pos1"
    return "0"


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans[: bisect_left(spans, (end, end))])


def _joinable(gap: str) -> bool:
    return "\n" not in gap and not any(c.isalnum() for c in gap)
