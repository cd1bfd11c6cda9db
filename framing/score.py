"""Scoring one article: analyse the text once, run every measure on it, gather the evidence."""
from __future__ import annotations

import gc
from collections.abc import Sequence

from .lexicon import scan_builtin
from .measures import boosting, hedging, loaded_language, sarcasm, stance
from .measures._evidence import as_doc, new_span
from .measures.stance import ActorMatcher
from .models.apply import flagged_share, mention_scorer
from .models.bundle import Models, available_models
from .records import new_record
from .text import Doc
from .types import Actor, Article, ArticleScore, MeasureResult, Span, Story


def analyse(text: str) -> Doc:
    """Sentences and quotations of `text` (tokens on demand), quotations attributed by speech
    verbs."""
    return as_doc(text)


def score_article(
    article: Article,
    *,
    story: Story | None = None,
    matcher: ActorMatcher | None = None,
    models: Models | None = None,
) -> ArticleScore:
    """Every measure on one article. Pass `matcher` when scoring many articles of one story;
    `models` defaults to the trained models found on this machine (`Models()`: lexicons only)."""
    models = available_models() if models is None else models
    # Python's cycle collector waits while one article is scored: the thousands of small objects
    # an article makes would otherwise be traversed again and again while still in use (a quarter
    # of the scoring time in the throughput benchmark). They hold no cycles; whatever garbage
    # there is goes at the next collection, as soon as the article is done. A collector the
    # caller had switched off stays off. Not a context manager: in contextlib, one is
    # interpreted Python, about 11K instructions an article.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _score(article, story.actors if story else (), matcher, models)
    finally:
        if enabled:
            gc.enable()


def _score(
    article: Article, actors: Sequence[Actor], matcher: ActorMatcher | None, models: Models
) -> ArticleScore:
    doc = analyse(article.text)
    if actors:  # stance reads the event words: matched with the measures' lexicons, in one pass
        scan_builtin(doc)
    boosts = boosting(doc)
    measures = _with_models(doc, models, {
        "loaded_language": loaded_language(doc),
        "sarcasm": sarcasm(doc),
        "hedging": hedging(doc, boosts=boosts),
        "boosting": boosts,
    })
    irony = measures["sarcasm"].extra["index"]
    mockery = measures["sarcasm"].evidence
    scorer = mention_scorer(models.stance) if models.stance is not None else None
    stances = (
        stance(doc, actors, matcher=matcher, irony=irony, mockery=mockery, model=scorer)
        if actors
        else {}
    )
    own_words = doc.sentence_own_words
    return new_record(ArticleScore, {
        "article": article,
        "words": doc.words,
        "own_words": doc.own_words,
        "sentences": len(doc.sentence_bounds),
        "own_sentences": doc.own_sentences,
        "measures": measures,
        "stance": stances,
        "quotes": tuple(_quote_spans(doc)),
        "sentence_spans": tuple([  # a list first: compiled, a generator is the slower way
            (start, end, n) for (start, end), n in zip(doc.sentence_bounds, own_words)
        ]),
    })


def _with_models(doc: Doc, models: Models, measures: dict[str, MeasureResult]) -> dict:
    """Add each sentence classifier's `model_share` (share of own-voice words in sentences it
    flags); the sarcasm index becomes the mean of the marker index and that share."""
    for name, task in (("loaded_language", "loaded"), ("sarcasm", "sarcasm"),
                       ("hedging", "hedging")):
        model = getattr(models, task)
        if model is None:
            continue
        share = flagged_share(model, doc)
        extra = {**measures[name].extra, "model_share": share}
        if name == "sarcasm":
            extra["index"] = (extra["index"] + share) / 2
        measures[name] = measures[name].with_extra(extra)
    return measures


def score_text(
    text: str, *, story: Story | None = None, outlet: str = "", id: str = "text"
) -> ArticleScore:
    """Score a piece of text as one article: the quickest way in from Python."""
    return score_article(Article(id=id, outlet=outlet, text=text), story=story)


def _quote_spans(doc: Doc) -> list[Span]:
    return [
        new_span(q.start, q.end, doc.text[q.start : q.end], "quote", q.kind,
                 f"rule:quote:{q.cue}" if q.cue else "rule:quote", True, q.speaker)
        for q in doc.quotes
    ]
