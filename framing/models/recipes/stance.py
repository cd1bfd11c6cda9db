"""Recipe for target-dependent sentiment: how a sentence speaks of one person in it (NewsMTSC).

The model sees the sentence from the target's seat: every word is marked by its side and its
distance from the mention ("L1_said" is the word just before it), so the same word means
different things before and after the target and counts more when near. Lexicon evidence
adds what n-grams learn slowly from 8,700 examples: VADER valences near the target
(nearer words weigh more, a negation flips them), pejorative labels and loaded verbs, whether
the target is the one speaking ("X said", "X accused"), whether it sits inside a quotation, and
how many other people the sentence names (words near this target then matter more).
"""
from __future__ import annotations

from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from ...lexicon import builtin
from ...sentiment import NEGATION_SCALAR, NEGATIONS, valences
from ...text import Doc, Token
from ..items import Item

LABELS: tuple[str, ...] = ("negative", "neutral", "positive")
POSITIVE: str | None = None
PARAMS: dict = {
    "C": 1.0,
    "class_weight": "balanced",
    "sublinear_tf": True,
    "min_df": 2,
    "max_features": 200000,
    "dense_weight": 1.0,
    "threshold": None,
}
DENSE_NAMES: tuple[str, ...] = (
    "vader_near",
    "vader_left",
    "vader_right",
    "vader_sentence",
    "vader_pos_near",
    "vader_neg_near",
)
NEAR = 8  # tokens either side that count as "near" the target


class View(NamedTuple):
    """A sentence seen from its target: tokens, the target's token range, and quotation marks."""

    tokens: list[Token]
    first: int  # first target token
    stop: int  # one past the last target token
    quoted: bool
    doc: Doc


def analyze(item: Item) -> list[str]:
    """Sparse features: positional words, sentence n-grams and lexicon cues."""
    view = _view(item.text, *(item.target or (0, 0)))
    feats = _positional(view)
    feats += _ngrams(view)
    feats += _cues(view)
    return feats


def dense(item: Item) -> list[float]:
    """VADER valence sums near, left of, right of the target and over the whole sentence."""
    return list(_valence(_view(item.text, *(item.target or (0, 0)))))


@lru_cache(maxsize=4096)
def _view(text: str, start: int, end: int) -> View:
    doc = Doc(text)
    tokens = doc.tokens
    inside = [i for i, t in enumerate(tokens) if t.start < end and t.end > start]
    if not inside:  # no target: treat the sentence start as the seat
        return View(tokens, 0, 0, False, doc)
    first, stop = inside[0], inside[-1] + 1
    return View(tokens, first, stop, doc.in_quote[first] is not None, doc)


def _bucket(distance: int) -> str:
    if distance == 1:
        return "1"
    if distance <= 3:
        return "2"
    if distance <= 6:
        return "4"
    if distance <= 12:
        return "7"
    return "far"


def _positional(view: View) -> list[str]:
    tokens, first, stop = view.tokens, view.first, view.stop
    out = []
    for i in range(first - 1, -1, -1):
        b = _bucket(first - i)
        out.append(f"L{b}_{tokens[i].norm}")
        if i + 1 < first:
            out.append(f"L{b}_{tokens[i].norm}_{tokens[i + 1].norm}")
    for i in range(stop, len(tokens)):
        b = _bucket(i - stop + 1)
        out.append(f"R{b}_{tokens[i].norm}")
        if i > stop:
            out.append(f"R{b}_{tokens[i - 1].norm}_{tokens[i].norm}")
    return out


def _ngrams(view: View) -> list[str]:
    """Whole-sentence unigrams and bigrams with the target replaced by one placeholder."""
    before = [t.norm for t in view.tokens[: view.first]]
    words = [*before, "<T>", *(t.norm for t in view.tokens[view.stop :])]
    out = [f"w_{w}" for w in words]
    out += [f"b_{a}_{b}" for a, b in pairwise(words)]
    return out


def _cues(view: View) -> list[str]:
    tokens, first, stop = view.tokens, view.first, view.stop
    out = ["quoted"] if view.quoted else ["own_voice"]
    out += _lexicon_cues(view)
    names = sum(
        1 for i, t in enumerate(tokens) if t.text[:1].isupper() and i > 0 and not first <= i < stop
    )
    out.append(f"names_{min(names, 4)}")
    if any(t.text == "?" for t in tokens):
        out.append("question")
    if any(t.text == "!" for t in tokens):
        out.append("exclaim")
    if first == 0:
        out.append("target_starts")
    return out


def _lexicon_cues(view: View) -> list[str]:
    out = []
    for name in ("loaded", "speech_verbs", "sarcasm", "event_words"):
        for m in builtin(name).matches(view.doc):
            side, distance = _side(view, m.first, m.stop)
            cat = m.entry.category
            out.append(f"{name}_{cat}_{side}{_bucket(distance) if distance else ''}")
            if name == "speech_verbs" and side == "R" and distance <= 2:
                out.append(f"target_says_{cat}")
                out.append(f"target_says_{m.entry.entry}")
    return out


def _side(view: View, first: int, stop: int) -> tuple[str, int]:
    if stop <= view.first:
        return "L", view.first - stop + 1
    if first >= view.stop:
        return "R", first - view.stop + 1
    return "T", 0


def _valence(view: View) -> tuple[float, ...]:
    words = valences()
    near = left = right = whole = pos = neg = 0.0
    for i, tok in enumerate(view.tokens):
        value = words.get(tok.norm)
        if not value or view.first <= i < view.stop:
            continue
        if any(t.norm in NEGATIONS for t in view.tokens[max(0, i - 3) : i]):
            value *= NEGATION_SCALAR
        whole += value
        side, distance = _side(view, i, i + 1)
        if side == "L":
            left += value
        else:
            right += value
        if distance <= NEAR:
            weighted = value / distance
            near += weighted
            pos += max(weighted, 0.0)
            neg += min(weighted, 0.0)
    return near, left, right, whole, pos, neg
