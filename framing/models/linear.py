"""The one model every task uses: TF-IDF over a recipe's string features, plus its standardised
dense features, into a logistic regression.

Training uses scikit-learn; the fitted numbers are then copied into a `LinearModel`, whose
inference needs only numpy, so a saved model is plain arrays and never code (no pickle).
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType

import numpy as np

from ..errors import FramingError
from .items import Item
from .recipes import recipe_for


@dataclass(frozen=True, eq=False)
class LinearModel:
    """Fitted weights for one task. `coef` has one row per class (one row for binary tasks:
    the logit of the second label), columns = vocabulary then dense features."""

    task: str
    labels: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: np.ndarray
    dense_mean: np.ndarray
    dense_scale: np.ndarray  # divide by this: std / dense_weight
    coef: np.ndarray
    intercept: np.ndarray
    sublinear_tf: bool
    threshold: float | None = None

    @property
    def recipe(self) -> ModuleType:
        return recipe_for(self.task)

    def probabilities(self, items: Sequence[Item]) -> np.ndarray:
        """Class probabilities, one row per item, columns in `labels` order."""
        recipe = self.recipe
        logits = np.array([self._logits(recipe, item) for item in items], dtype=float)
        if logits.size == 0:
            return np.zeros((0, len(self.labels)))
        if len(self.labels) == 2:
            positive = 1.0 / (1.0 + np.exp(-logits[:, 0]))
            return np.column_stack([1.0 - positive, positive])
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def predict(self, items: Sequence[Item]) -> list[tuple[str, float]]:
        """(label, probability of that label) per item; binary tasks apply the tuned threshold."""
        out = []
        for row in self.probabilities(items):
            if len(self.labels) == 2 and self.threshold is not None:
                k = 1 if row[1] >= self.threshold else 0
            else:
                k = int(row.argmax())
            out.append((self.labels[k], float(row[k])))
        return out

    def _logits(self, recipe: ModuleType, item: Item) -> np.ndarray:
        vocab_size = len(self.vocabulary)
        weights: dict[int, float] = {}
        for feature, count in Counter(recipe.analyze(item)).items():
            j = self.vocabulary.get(feature)
            if j is not None:
                tf = 1.0 + math.log(count) if self.sublinear_tf else float(count)
                weights[j] = tf * self.idf[j]
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        logits = self.intercept.copy()
        if weights:
            index = np.fromiter(weights, dtype=np.int64, count=len(weights))
            values = np.fromiter(weights.values(), dtype=float, count=len(weights)) / norm
            logits += self.coef[:, index] @ values
        dense = (np.asarray(recipe.dense(item), dtype=float) - self.dense_mean) / self.dense_scale
        logits += self.coef[:, vocab_size:] @ dense
        return logits


def fit(task: str, items: Sequence[Item], *, seed: int = 0) -> LinearModel:
    """Train the task's model on labelled items (scikit-learn), then keep only the numbers."""
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    recipe = recipe_for(task)
    params = recipe.PARAMS
    labelled = [item for item in items if item.label is not None]
    found = sorted({item.label for item in labelled})
    if len(found) < 2:
        raise FramingError(f"cannot train {task!r}: the training data has labels {found or 'none'}"
                           f"; it needs examples of at least two of {', '.join(recipe.LABELS)}")
    y = np.array([recipe.LABELS.index(item.label) for item in labelled])
    vectorizer = TfidfVectorizer(
        analyzer=recipe.analyze, lowercase=False, sublinear_tf=params["sublinear_tf"],
        min_df=params["min_df"], max_features=params["max_features"], norm="l2", smooth_idf=True,
    )
    x_sparse = vectorizer.fit_transform(labelled)
    dense = np.array([recipe.dense(item) for item in labelled], dtype=float).reshape(
        len(labelled), len(recipe.DENSE_NAMES)
    )
    mean = dense.mean(axis=0) if len(dense) else np.zeros(len(recipe.DENSE_NAMES))
    std = dense.std(axis=0) if len(dense) else np.ones(len(recipe.DENSE_NAMES))
    scale = np.where(std > 0, std, 1.0) / params["dense_weight"]
    x = sparse.hstack([x_sparse, sparse.csr_matrix((dense - mean) / scale)]).tocsr()
    classifier = LogisticRegression(
        C=params["C"], class_weight=params["class_weight"], max_iter=3000, random_state=seed
    )
    classifier.fit(x, y)
    vocabulary = {str(k): int(v) for k, v in vectorizer.vocabulary_.items()}
    return LinearModel(
        task=task,
        labels=tuple(recipe.LABELS),
        vocabulary=vocabulary,
        idf=np.asarray(vectorizer.idf_, dtype=float),
        dense_mean=mean,
        dense_scale=scale,
        coef=np.asarray(classifier.coef_, dtype=float),
        intercept=np.asarray(classifier.intercept_, dtype=float),
        sublinear_tf=bool(params["sublinear_tf"]),
        threshold=params.get("threshold"),
    )
