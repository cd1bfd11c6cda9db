"""`FramingFeatures`: the toolkit's evidence as a scikit-learn transformer.

Turns texts into one row of numbers each: lexicon matches per category (per 100 words, own voice
and quoted apart), VADER word-valence totals, and quotation, question and exclamation cues. It
follows the estimator contract (parameters stored by `__init__`, fitted attributes ending in `_`,
`fit` returns self, `get_feature_names_out`), so it can sit in a `Pipeline` or `FeatureUnion`.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from ..lexicon import builtin
from ..measures._evidence import as_doc
from ..sentiment import valences

CUES = ("words", "own_voice_share", "quotes", "scare_quotes", "questions", "exclamations",
        "valence_positive", "valence_negative", "strong_words")


class FramingFeatures(TransformerMixin, BaseEstimator):
    """Texts → framing features. `lexicons` names the built-in lexicons whose categories become
    columns; `per_100_words` turns counts into rates so long and short texts compare."""

    def __init__(self, lexicons: Sequence[str] = ("loaded", "hedges", "boosters", "sarcasm"),
                 per_100_words: bool = True) -> None:
        self.lexicons = lexicons
        self.per_100_words = per_100_words

    def fit(self, X: Iterable[str], y: object = None) -> FramingFeatures:
        names = [f"{name}:{category}" for name in self.lexicons
                 for category in builtin(name).categories]
        self.feature_names_ = np.array([*names, *CUES], dtype=object)
        return self

    def transform(self, X: Iterable[str]) -> np.ndarray:
        check_is_fitted(self, "feature_names_")
        rows = [self._row(str(text)) for text in X]
        return np.array(rows, dtype=float).reshape(len(rows), len(self.feature_names_))

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        check_is_fitted(self, "feature_names_")
        return self.feature_names_.copy()

    def _row(self, text: str) -> list[float]:
        doc = as_doc(text)
        words = max(doc.words, 1)
        scale = 100.0 / words if self.per_100_words else 1.0
        row = []
        for name in self.lexicons:
            lexicon = builtin(name)
            counts = dict.fromkeys(lexicon.categories, 0.0)
            for match in lexicon.matches(doc):
                counts[match.entry.category] += match.entry.weight
            row += [counts[c] * scale for c in lexicon.categories]
        table = valences()
        values = [table.get(tok.norm, 0.0) for tok in doc.tokens]
        row += [
            float(doc.words),
            doc.own_words / words,
            float(len(doc.quotes)),
            float(sum(q.kind == "scare" for q in doc.quotes)),
            float(text.count("?")),
            float(text.count("!")),
            sum(v for v in values if v > 0) * scale,
            -sum(v for v in values if v < 0) * scale,
            sum(abs(v) >= 2.5 for v in values) * scale,
        ]
        return row
