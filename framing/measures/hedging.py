"""Hedging (lowered commitment: may, reportedly, around 600) and boosting (clearly, in fact)."""
from __future__ import annotations

from ..lexicon import Lexicon, builtin
from ..text import Doc
from ..types import MeasureResult
from ._evidence import as_doc, lexicon_spans, result


def hedging(
    text: Doc | str, *, lexicon: Lexicon | None = None, boosts: MeasureResult | None = None
) -> MeasureResult:
    """Hedges in `doc`, with `extra["certainty_balance"]` = (boosters − hedges) / (boosters + hedges)
    over the outlet's own voice (absent when there is neither). Pass the `boosting` result when you
    have it, to avoid matching boosters twice."""
    doc = as_doc(text)
    spans = lexicon_spans(doc, lexicon or builtin("hedges"), measure="hedging")
    hedges = sum(1 for s in spans if not s.in_quote)
    boosts_count = (boosts or boosting(doc)).count
    extra = {}
    if hedges + boosts_count:
        extra["certainty_balance"] = (boosts_count - hedges) / (boosts_count + hedges)
    return result(doc, "hedging", spans, extra=extra)


def boosting(text: Doc | str, *, lexicon: Lexicon | None = None) -> MeasureResult:
    """Boosters in `doc`: words and phrases that raise the writer's commitment to a claim."""
    doc = as_doc(text)
    spans = lexicon_spans(doc, lexicon or builtin("boosters"), measure="boosting")
    return result(doc, "boosting", spans)
