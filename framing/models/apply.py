"""Trained models as inputs to the measures: mention scores for stance, and the share of a
document's own-voice sentences a sentence classifier flags."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from ..text import Doc
from .items import Item
from .linear import LinearModel

# (doc, [(first token, stop token) of each mention]) -> one score in [-1, 1] per mention
MentionScores = Callable[[Doc, Sequence[tuple[int, int]]], list[float]]


def mention_scorer(model: LinearModel) -> MentionScores:
    """`mention_scores` with the model bound: what the stance measure takes as its model."""

    def score(doc: Doc, mentions: Sequence[tuple[int, int]]) -> list[float]:
        return mention_scores(model, doc, mentions)

    return score


def mention_scores(
    model: LinearModel, doc: Doc, mentions: Sequence[tuple[int, int]]
) -> list[float]:
    """P(positive) − P(negative) toward each mention (tokens first..stop), from its sentence;
    all mentions in one batch, so a sentence naming several actors is analysed once."""
    if not mentions:
        return []
    recipe = model.recipe
    if hasattr(recipe, "mention_rows"):  # reads the article's own analysis of each sentence
        columns, dense = recipe.mention_rows(doc, mentions, model.lookup)
    else:
        columns, dense = model.rows([_mention_item(doc, first, stop) for first, stop in mentions])
    return model.margins(columns, dense, "positive", "negative")


def _mention_item(doc: Doc, first: int, stop: int) -> Item:
    """The mention's sentence, with the mention's characters as the target."""
    sentence = doc.sentences[doc.sentence_of[first]]
    target = (doc.tokens[first].start - sentence.start, doc.tokens[stop - 1].end - sentence.start)
    return Item(doc.text[sentence.start : sentence.end], None, target)


def flagged_share(model: LinearModel, doc: Doc) -> float:
    """Share of own-voice words in sentences the model puts in its positive class."""
    own = doc.sentence_own_words
    sentences = [(s, n) for s, n in zip(doc.sentences, own) if n]
    if not sentences:
        return 0.0
    items = [Item(doc.text[s.start : s.end]) for s, _ in sentences]
    flags = [label == model.labels[1] for label, _ in model.predict(items)]
    return sum(n for (_, n), flag in zip(sentences, flags) if flag) / sum(n for _, n in sentences)
