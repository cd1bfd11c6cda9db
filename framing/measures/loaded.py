"""Loaded language: charged labels, emotive wording, hyperbole, loaded attribution verbs."""
from __future__ import annotations

from ..lexicon import Lexicon, builtin
from ..text import Doc
from ..types import MeasureResult
from ._evidence import as_doc, lexicon_spans, result

NAME = "loaded_language"


def loaded_language(text: Doc | str, *, lexicon: Lexicon | None = None) -> MeasureResult:
    """Loaded words and phrases in `doc`; `count` and `per_1k` cover the outlet's own voice only."""
    doc = as_doc(text)
    lexicon = lexicon or builtin("loaded")
    return result(doc, NAME, lexicon_spans(doc, lexicon, measure=NAME))
