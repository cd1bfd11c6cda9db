"""Recipe for the `loaded` classifier: is a news sentence biased (loaded) or neutral? (BABE).

Word unigrams and bigrams plus the project's lexicon evidence: loaded-language categories (all
matches and own-voice matches apart), the loaded entries themselves, hedge, booster and sarcasm
categories, and neutral versus loaded verbs of saying. The lexicon categories are what lifts the
model over plain n-grams: they pool many rare charged words into a few well-estimated features.
Chosen on an article-grouped dev part of BABE's train file; character n-grams, VADER valence
buckets, quotation kinds, dense scores and the SG1/MBIC label sets did not help there.
"""
from __future__ import annotations

from itertools import pairwise

from ...lexicon import builtin
from ...text import Doc
from ..items import Item

LABELS: tuple[str, ...] = ("neutral", "biased")
POSITIVE: str | None = "biased"
PARAMS: dict = {
    "C": 2.0,
    "class_weight": None,
    "sublinear_tf": True,
    "min_df": 1,
    "max_features": None,
    "dense_weight": 1.0,  # no dense features; kept 1.0 so scaling never divides by 0
    "threshold": None,
}
DENSE_NAMES: tuple[str, ...] = ()

# lexicon name -> feature prefix of its category features
_CUE_LEXICONS = (("hedges", "H:"), ("boosters", "B:"), ("sarcasm", "S:"), ("speech_verbs", "SV:"))


def analyze(item: Item) -> list[str]:
    """Sparse features of a sentence: n-grams, then lexicon cues."""
    doc = Doc(item.text)
    return _ngrams(doc) + _loaded_cues(doc) + _other_cues(doc)


def dense(item: Item) -> list[float]:
    """No dense features: VADER and lexicon scores added nothing on dev over the sparse cues."""
    return []


def _ngrams(doc: Doc) -> list[str]:
    norms = [tok.norm for tok in doc.tokens]
    return ["w:" + w for w in norms] + ["b:" + a + " " + b for a, b in pairwise(norms)]


def _loaded_cues(doc: Doc) -> list[str]:
    features = []
    for match in builtin("loaded").matches(doc):
        category = match.entry.category
        features += ["L:any", "L:" + category, "E:" + match.entry.entry]
        if doc.in_quote[match.first] is None:  # the outlet's own voice, not a quoted speaker
            features.append("Lo:" + category)
    return features


def _other_cues(doc: Doc) -> list[str]:
    return [
        prefix + match.entry.category
        for name, prefix in _CUE_LEXICONS
        for match in builtin(name).matches(doc)
    ]
