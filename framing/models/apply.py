"""Trained models as inputs to the measures: a mention scorer for stance, and the share of a
document's own-voice sentences a sentence classifier flags."""
from __future__ import annotations

from collections.abc import Callable

from ..text import Doc
from .items import Item
from .linear import LinearModel


def mention_scorer(model: LinearModel) -> Callable[[Doc, int, int], float]:
    """P(positive) − P(negative) toward the mention at tokens first..stop, from its sentence."""
    negative, positive = model.labels.index("negative"), model.labels.index("positive")

    def score(doc: Doc, first: int, stop: int) -> float:
        sentence = doc.sentences[doc.sentence_of[first]]
        target = (doc.tokens[first].start - sentence.start, doc.tokens[stop - 1].end - sentence.start)
        item = Item(doc.text[sentence.start : sentence.end], None, target)
        row = model.probabilities([item])[0]
        return float(row[positive] - row[negative])

    return score


def flagged_share(model: LinearModel, doc: Doc) -> float:
    """Share of own-voice words in sentences the model puts in its positive class."""
    own = doc.sentence_own_words
    sentences = [(s, n) for s, n in zip(doc.sentences, own) if n]
    if not sentences:
        return 0.0
    items = [Item(doc.text[s.start : s.end]) for s, _ in sentences]
    flags = [label == model.labels[1] for label, _ in model.predict(items)]
    return sum(n for (_, n), flag in zip(sentences, flags) if flag) / sum(n for _, n in sentences)
