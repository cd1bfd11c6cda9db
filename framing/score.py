"""Scoring one article: analyse the text once, run every measure on it, gather the evidence."""
from __future__ import annotations

from collections.abc import Sequence

from .measures import boosting, hedging, loaded_language, sarcasm, stance
from .measures._evidence import as_doc
from .measures.stance import ActorMatcher
from .text import Doc
from .types import Actor, Article, ArticleScore, Span, Story


def analyse(text: str) -> Doc:
    """Tokens, sentences and quotations of `text`, with quotations attributed by speech verbs."""
    return as_doc(text)


def score_article(
    article: Article, *, story: Story | None = None, matcher: ActorMatcher | None = None
) -> ArticleScore:
    """Every measure on one article. Pass `matcher` when scoring many articles of one story."""
    actors: Sequence[Actor] = story.actors if story else ()
    doc = analyse(article.text)
    boosts = boosting(doc)
    measures = {
        "loaded_language": loaded_language(doc),
        "sarcasm": sarcasm(doc),
        "hedging": hedging(doc, boosts=boosts),
        "boosting": boosts,
    }
    irony = measures["sarcasm"].extra["index"]
    mockery = measures["sarcasm"].evidence
    stances = (
        stance(doc, actors, matcher=matcher, irony=irony, mockery=mockery) if actors else {}
    )
    own_words = doc.sentence_own_words
    return ArticleScore(
        article=article,
        words=doc.words,
        own_words=doc.own_words,
        sentences=len(doc.sentences),
        own_sentences=sum(1 for n in own_words if n),
        measures=measures,
        stance=stances,
        quotes=tuple(_quote_spans(doc)),
        sentence_spans=tuple(
            (sent.start, sent.end, n) for sent, n in zip(doc.sentences, own_words)
        ),
    )


def score_text(
    text: str, *, story: Story | None = None, outlet: str = "", id: str = "text"
) -> ArticleScore:
    """Score a piece of text as one article: the quickest way in from Python."""
    return score_article(Article(id=id, outlet=outlet, text=text), story=story)


def _quote_spans(doc: Doc) -> list[Span]:
    return [
        Span(q.start, q.end, doc.text[q.start : q.end], "quote", q.kind,
             f"rule:quote:{q.cue}" if q.cue else "rule:quote", in_quote=True, actor=q.speaker)
        for q in doc.quotes
    ]
