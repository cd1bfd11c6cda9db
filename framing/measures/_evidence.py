"""Turning lexicon hits into evidence spans and evidence spans into a `MeasureResult`."""
from __future__ import annotations

from collections.abc import Iterable
from operator import itemgetter

from ..lexicon import Entry, Lexicon, builtin
from ..records import new_record
from ..text import Doc, in_quotes
from ..types import MeasureResult, Span


def as_doc(text: Doc | str) -> Doc:
    """Analyse `text` (sentences, quotations attributed by speech verbs) unless it already is a
    `Doc`; measures accept either, so a user can call `framing.hedging("...")` directly."""
    return text if isinstance(text, Doc) else Doc(text, speech_verbs=builtin("speech_verbs"))


def new_span(
    start: int, end: int, text: str, measure: str, label: str, source: str,
    in_quote: bool = False, actor: str | None = None, weight: float = 1.0,
) -> Span:
    """`Span(...)` at a fraction of the cost: a named tuple's own constructor is a Python function,
    slow beside `tuple.__new__`, and scoring an archive makes millions of spans."""
    return _new(Span, (start, end, text, measure, label, source, in_quote, actor, weight))


_new = tuple.__new__
_start_end = itemgetter(0, 1)  # a span's (start, end)


def lexicon_spans(doc: Doc, lexicon: Lexicon, *, measure: str) -> list[Span]:
    """An evidence span for every hit of `lexicon` in `doc`, its source the lexicon's entry."""
    hits = lexicon.found(doc)
    return _spans(doc.text, hits, in_quotes(doc, hits), measure, lexicon.sources)


def _spans(
    text: str, hits: list[tuple[int, int, Entry]], quoted: list[bool], measure: str,
    sources: dict[str, str],
) -> list[Span]:
    spans = []
    # one loop, no call per hit: archives have millions
    for (start, end, entry), inside in zip(hits, quoted):
        spans.append(_new(Span, (start, end, text[start:end], measure, entry.category,
                                 sources[entry.entry], inside, None, entry.weight)))
    return spans


def result(
    doc: Doc, name: str, spans: Iterable[Span], *, extra: dict[str, float] | None = None
) -> MeasureResult:
    """Count own-voice evidence, rate it per 1,000 own-voice words, and note the share of own-voice
    sentences that hold at least one piece of it."""
    spans = list(spans)
    if not _in_reading_order(spans):  # most are: a lexicon's hits come in order
        spans.sort(key=_start_end)
    own = [s for s in spans if not s.in_quote]
    own_words = doc.own_words
    flagged = set(doc.sentences_at([s.start for s in own]))
    own_sentences = doc.own_sentences
    return new_record(MeasureResult, {
        "name": name,
        "count": len(own),
        "per_1k": 1000 * len(own) / own_words if own_words else 0.0,
        "quoted_count": len(spans) - len(own),
        "sentence_share": len(flagged) / own_sentences if own_sentences else 0.0,
        "evidence": tuple(spans),
        "extra": extra or {},
    })


def _in_reading_order(spans: list[Span]) -> bool:
    """Whether each span's (start, end) is at or after the one before it."""
    for k in range(1, len(spans)):
        before, after = spans[k - 1], spans[k]
        start, end, next_start, next_end = before.start, before.end, after.start, after.end
        if next_start < start or (next_start == start and next_end < end):
            return False
    return True
