"""Turning matches into evidence spans and evidence spans into a `MeasureResult`."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

from ..lexicon import Lexicon, Match, speech_verb_matcher
from ..text import Doc, Token
from ..types import MeasureResult, Span


def as_doc(text: Doc | str) -> Doc:
    """Analyse `text` (tokens, sentences, quotations attributed by speech verbs) unless it already
    is a `Doc`; measures accept either, so a user can call `framing.hedging("...")` directly."""
    return text if isinstance(text, Doc) else Doc(text, is_speech_verb=_speech_verbs())


@cache
def _speech_verbs() -> Callable[[list[Token], int], int]:
    return speech_verb_matcher()


def span_for_match(doc: Doc, match: Match, *, measure: str, lexicon: Lexicon) -> Span:
    start, end = doc.tokens[match.first].start, doc.tokens[match.stop - 1].end
    return Span(
        start=start,
        end=end,
        text=doc.text[start:end],
        measure=measure,
        label=match.entry.category,
        source=f"{lexicon.name}.tsv:{match.entry.entry}",
        in_quote=doc.in_quote[match.first] is not None,
        weight=match.entry.weight,
    )


def lexicon_spans(doc: Doc, lexicon: Lexicon, *, measure: str) -> list[Span]:
    return [span_for_match(doc, m, measure=measure, lexicon=lexicon) for m in lexicon.matches(doc)]


def result(
    doc: Doc, name: str, spans: Iterable[Span], *, extra: dict[str, float] | None = None
) -> MeasureResult:
    """Count own-voice evidence, rate it per 1,000 own-voice words, and note the share of own-voice
    sentences that hold at least one piece of it."""
    spans = sorted(spans, key=lambda s: (s.start, s.end))
    own = [s for s in spans if not s.in_quote]
    own_words = doc.own_words
    flagged = {doc.sentence_of[_token_at(doc, s.start)] for s in own} if doc.tokens else set()
    own_sentences = sum(1 for n in doc.sentence_own_words if n)
    return MeasureResult(
        name=name,
        count=len(own),
        per_1k=1000 * len(own) / own_words if own_words else 0.0,
        quoted_count=len(spans) - len(own),
        sentence_share=len(flagged) / own_sentences if own_sentences else 0.0,
        evidence=tuple(spans),
        extra=extra or {},
    )


def _token_at(doc: Doc, offset: int) -> int:
    """Index of the token starting at or after `offset` (spans always start on a token or mark)."""
    tokens = doc.tokens
    lo, hi = 0, len(tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if tokens[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    return min(lo, len(tokens) - 1)
