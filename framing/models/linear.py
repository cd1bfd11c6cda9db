"""The one model every task uses: TF-IDF over a recipe's string features, plus its standardised
dense features, into a logistic regression.

Training uses scikit-learn; the fitted numbers are then copied into a `LinearModel`, whose
inference needs only numpy, so a saved model is plain arrays and never code (no pickle).
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import chain
from types import ModuleType

import numpy as np

from ..build import is_compiled
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
        columns, dense = self.rows(items)
        return self.probabilities_of(columns, dense)

    def rows(self, items: Sequence[Item]) -> tuple[list[list[int]], list[Sequence[float]]]:
        """Each item's features as vocabulary columns (-1: not in the vocabulary) and its dense
        values. Recipes with `indexed_rows` analyse what items share (a sentence of several
        targets) once and memoise the columns of the strings they build again and again."""
        recipe = self.recipe
        if hasattr(recipe, "indexed_rows"):
            return recipe.indexed_rows(items, self.lookup)
        column = self.lookup.column
        return (
            [[column(f) for f in recipe.analyze(item)] for item in items],
            [recipe.dense(item) for item in items],
        )

    @cached_property
    def lookup(self) -> Lookup:
        return Lookup(self.vocabulary)

    def probabilities_of(
        self, columns: Sequence[Sequence[int]], dense: Sequence[Sequence[float]]
    ) -> np.ndarray:
        """Class probabilities from `rows`: feature columns and dense values per item."""
        if not columns:
            return np.zeros((0, len(self.labels)))
        logits = self._logits(columns, dense)
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

    def _logits(
        self, columns: Sequence[Sequence[int]], dense: Sequence[Sequence[float]]
    ) -> np.ndarray:
        """TF-IDF rows (l2-normalised) and standardised dense rows times the weights."""
        n, vocab_size = len(columns), len(self.vocabulary)
        if _COMPILED:
            rows = [row if type(row) is list else list(row) for row in columns]
            idf, coef = self._loop_weights
            logits = _tfidf_logits(rows, idf, coef, self.intercept, self.sublinear_tf)
        else:
            logits = self._tfidf_logits(columns)
        values = np.asarray(dense, dtype=float).reshape(n, len(self.dense_mean))
        logits += ((values - self.dense_mean) / self.dense_scale) @ self.coef[:, vocab_size:].T
        return logits

    def _tfidf_logits(self, columns: Sequence[Sequence[int]]) -> np.ndarray:
        """Intercept plus TF-IDF rows times the vocabulary's weights: one sparse product for the
        whole batch, as index arrays into the coefficient columns."""
        n, vocab_size = len(columns), len(self.vocabulary)
        span = max(vocab_size, 1)
        lengths = [len(row) for row in columns]
        flat = np.fromiter(chain.from_iterable(columns), np.int64, sum(lengths))
        rows = np.repeat(np.arange(n), lengths)
        known = flat >= 0
        # one (row, column) key per distinct feature of a row, with its count
        keys, counts = np.unique(rows[known] * span + flat[known], return_counts=True)
        rows, cols = keys // span, keys % span
        tf = 1.0 + np.log(counts) if self.sublinear_tf else counts.astype(float)
        weights = tf * self.idf[cols]
        norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=n))
        weights /= np.where(norms > 0, norms, 1.0)[rows]
        logits = np.tile(self.intercept, (n, 1))
        for k, coef in enumerate(self.coef[:, :vocab_size]):
            logits[:, k] += np.bincount(rows, weights=coef[cols] * weights, minlength=n)
        return logits

    @cached_property
    def _loop_weights(self) -> tuple[np.ndarray, np.ndarray]:
        """What the loops read: idf, and the vocabulary's weights as one contiguous row per
        column, both float64."""
        return (np.ascontiguousarray(self.idf, dtype=float),
                np.ascontiguousarray(self.coef[:, : len(self.vocabulary)].T, dtype=float))


_COMPILED = is_compiled(__file__)  # setup.py compiles this module where it can


def _tfidf_logits(
    columns: list, idf: np.ndarray, coef: np.ndarray, intercept: np.ndarray, sublinear: bool
) -> np.ndarray:
    """`LinearModel._tfidf_logits` as loops, which the compiled module runs many times faster.
    A row's features are counted in a table by column instead of sorted, so its sums run in the
    order the features first appear rather than by column: equal to within rounding."""
    n, size = len(columns), 0
    for row in columns:
        size += len(row)
    cols, counts, ends = np.empty(size, np.intp), np.empty(size), np.empty(n, np.intp)
    cols_v, counts_v, ends_v = cols, counts, ends
    seen_v = np.zeros(len(idf), np.int32)  # per column: its count in the row at hand
    m = 0
    for r in range(n):
        row, lo = columns[r], m
        for i in range(len(row)):
            c = row[i]
            if c >= 0:
                if seen_v[c] == 0:
                    cols_v[m] = c
                    m += 1
                seen_v[c] += 1
        for q in range(lo, m):
            c = cols_v[q]
            counts_v[q] = seen_v[c]
            seen_v[c] = 0
        ends_v[r] = m
    tf_v = 1.0 + np.log(counts[:m]) if sublinear else counts[:m]
    weights_v, idf_v, coef_v = np.empty(max(m, 1)), idf, coef
    out = np.tile(intercept, (n, 1))
    out_v, classes, lo = out, len(intercept), 0
    for r in range(n):
        hi, total = ends_v[r], 0.0
        for q in range(lo, hi):
            w = tf_v[q] * idf_v[cols_v[q]]
            weights_v[q] = w
            total += w * w
        norm = math.sqrt(total)
        if not norm > 0:
            norm = 1.0
        for q in range(lo, hi):
            weights_v[q] = weights_v[q] / norm
        for k in range(classes):
            acc = 0.0
            for q in range(lo, hi):
                acc += coef_v[cols_v[q], k] * weights_v[q]
            out_v[r, k] += acc
        lo = hi
    return out


class Lookup:
    """A model's vocabulary as a column look-up, with memo tables a recipe may fill with what it
    derives from the vocabulary (the columns of every feature built from one word, say)."""

    MAX_MEMO = 500_000  # entries per table before it starts afresh: memory stays bounded

    def __init__(self, vocabulary: dict[str, int]) -> None:
        self.vocabulary = vocabulary
        self._tables: dict[str, dict] = {}

    def column(self, feature: str) -> int:
        return self.vocabulary.get(feature, -1)

    def table(self, name: str) -> dict:
        table = self._tables.setdefault(name, {})
        if len(table) > self.MAX_MEMO:
            table.clear()
        return table


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
