"""Sarcasm and irony markers: cue phrases, scare quotes, rhetorical questions and praise held in
scare quotes (sentiment incongruity), combined into an article-level index in [0, 1]."""
from __future__ import annotations

import math

from ..lexicon import Lexicon, builtin
from ..sentiment import valences
from ..text import Doc, find_tokens, normalise_text
from ..types import MeasureResult, Span
from ._evidence import as_doc, lexicon_spans, new_span, result

NAME = "sarcasm"
# Weighted markers per 1,000 own-voice words at which the index reaches 1 - 1/e (about 0.63).
INDEX_SCALE = 15.0
PRAISE_VALENCE = 1.0  # a scare-quoted word at least this positive is praise held at arm's length


def sarcasm(text: Doc | str, *, lexicon: Lexicon | None = None) -> MeasureResult:
    """Sarcasm markers in `doc` and `extra["index"]`, which grows with their weighted own-voice rate
    (1 − exp(−rate / 15)), so a single marker in a long article stays near 0."""
    doc = as_doc(text)
    spans = lexicon_spans(doc, lexicon or builtin("sarcasm"), measure=NAME)
    spans += scare_quotes(doc) + rhetorical_questions(doc)
    own_weight = sum(s.weight for s in spans if not s.in_quote)
    rate = 1000 * own_weight / doc.own_words if doc.own_words else 0.0
    return result(doc, NAME, spans, extra={"index": 1 - math.exp(-rate / INDEX_SCALE)})


def scare_quotes(doc: Doc) -> list[Span]:
    """A short quoted phrase with no speaker in the outlet's own voice; praise words inside one
    (“heroes”, “liberation”) are also flagged as sentiment incongruity."""
    spans = []
    table = valences()
    for quote in doc.quotes:
        if quote.kind != "scare":
            continue
        text = doc.text[quote.start : quote.end]
        spans.append(new_span(quote.start, quote.end, text, NAME, "scare_quote", "rule:scare_quote"))
        inner = find_tokens(doc.text, quote.inner_start, quote.inner_end)
        if any(table.get(normalise_text(w), 0.0) >= PRAISE_VALENCE for w in inner):
            spans.append(
                new_span(quote.start, quote.end, text, NAME, "incongruity",
                         "rule:praise_in_scare_quotes", weight=0.5)
            )
    return spans


def rhetorical_questions(doc: Doc) -> list[Span]:
    """Questions the outlet asks in its own voice (not inside a quotation)."""
    spans = []
    full, bounds = doc.text, doc.sentence_bounds
    found = full.find("?")  # most articles have none: one search, and done
    while found != -1:  # a question mark lies in a sentence: only white space is between them
        start, end = bounds[doc.sentence_at(found)]
        found = full.find("?", end)
        text = full[start:end]
        if not text.rstrip("\"”’') ").endswith("?"):
            continue
        mark = full.rfind("?", start, end)
        if doc.quote_around(mark) is not None or doc.quote_around(start) is not None:
            continue
        spans.append(new_span(start, end, text, NAME, "rhetorical_question", "rule:question"))
    return spans
