# cython: boundscheck=False, wraparound=False, cpow=True
"""The one model every task uses: TF-IDF over a recipe's string features, plus its standardised
dense features, into a logistic regression.

Training uses scikit-learn; the fitted numbers are then copied into a `LinearModel`, whose
inference needs only numpy, so a saved model is plain arrays and never code (no pickle).
"""
from __future__ import annotations

import math
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from types import ModuleType

import numpy as np

from ..build import is_compiled
from ..errors import FramingError
from .items import Item
from .recipes import recipe_for
from .rows import Rows


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

    def rows(
        self, items: Sequence[Item]
    ) -> tuple[Sequence[Sequence[int]], list[Sequence[float]]]:
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

    def margins(
        self, columns: Sequence[Sequence[int]], dense: Sequence[Sequence[float]], high: str,
        low: str,
    ) -> list[float]:
        """P(`high`) − P(`low`) for each row of `rows`: a score in [-1, 1] per item."""
        k_high, k_low = self.labels.index(high), self.labels.index(low)
        if _COMPILED and columns and len(self.labels) > 2:  # one typed pass, no numpy calls
            rows = columns if isinstance(columns, Rows) else Rows.of(columns)
            logits = _tfidf_logits(rows.flat, rows.bounds, self._loop_weights, self.intercept,
                                   self.sublinear_tf)
            return _softmax_margins(logits, dense, self.dense_mean, self.dense_scale,
                                    self._dense_coef, k_high, k_low)
        rows = self.probabilities_of(columns, dense)
        return (rows[:, k_high] - rows[:, k_low]).tolist()

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
        n = len(columns)
        rows = columns if isinstance(columns, Rows) else Rows.of(columns)
        if _COMPILED:  # the loops read the rows as C ints
            logits = _tfidf_logits(rows.flat, rows.bounds, self._loop_weights, self.intercept,
                                   self.sublinear_tf)
        else:
            logits = self._tfidf_logits(rows)
        values = np.asarray(dense, dtype=float).reshape(n, len(self.dense_mean))
        logits += ((values - self.dense_mean) / self.dense_scale) @ self._dense_coef.T
        return logits

    def _tfidf_logits(self, columns: Rows) -> np.ndarray:
        """Intercept plus TF-IDF rows times the vocabulary's weights: one sparse product for the
        whole batch, as index arrays into the coefficient columns."""
        n, vocab_size = len(columns), len(self.vocabulary)
        span = max(vocab_size, 1)
        flat = np.frombuffer(columns.flat, np.int32).astype(np.int64)
        rows = np.repeat(np.arange(n), np.diff(np.frombuffer(columns.bounds, np.int32)))
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
    def _loop_weights(self) -> np.ndarray:
        """What the loops read: a row per vocabulary column, its idf then its class weights."""
        vocab_size = len(self.vocabulary)
        return np.ascontiguousarray(np.column_stack([self.idf, self.coef[:, :vocab_size].T]),
                                    dtype=float)

    @cached_property
    def _dense_coef(self) -> np.ndarray:
        """The dense features' weights, one row per class."""
        return np.ascontiguousarray(self.coef[:, len(self.vocabulary) :], dtype=float)


_COMPILED = is_compiled(__file__)  # setup.py compiles this module where it can


# 1 + log(count), the sublinear term frequency, for the counts a row of features has: computed
# by numpy as the numpy product computes it (index 0 is never read)
_TF_TABLE_SIZE = 256
_SUBLINEAR_TF = np.concatenate([[0.0], 1.0 + np.log(np.arange(1, _TF_TABLE_SIZE))])


def _tfidf_logits(
    flat: array, bounds: array, weights: np.ndarray, intercept: np.ndarray, sublinear: bool
) -> np.ndarray:
    """`LinearModel._tfidf_logits` as loops, which the compiled module runs many times faster.
    The rows are a `Rows`' arrays of C ints ("i"): row r is flat[bounds[r]:bounds[r + 1]].
    `weights` has one row per vocabulary column, its idf then its weight for each class, so a
    feature costs one read of memory (a model of 88,000 columns does not stay in the CPU's cache
    between articles). A row's features are counted in a small hash table, in the order they
    first appear, rather than sorted by column: equal to within rounding."""
    n, longest, vocab_size = len(bounds) - 1, 0, len(weights)
    for r in range(n):
        longest = max(longest, bounds[r + 1] - bounds[r])
    for i in range(bounds[n]):
        if flat[i] >= vocab_size:  # checked first: the loops below do not check their indices
            raise IndexError(f"column {flat[i]} is outside the vocabulary ({vocab_size} columns)")
    size = 64
    while size < 2 * longest:  # at most half full, so probes stay short
        size *= 2
    mask = size - 1
    held = np.full(size, -1, np.intp)  # per slot: the column it counts, -1 when free
    counts = np.zeros(size, np.intp)
    order = np.empty(size, np.intp)  # the slots a row took, in first-seen order
    scaled = np.empty(size)  # tf-idf of each of those, then divided by the row's norm
    held_v, counts_v, order_v, scaled_v, weights_v = held, counts, order, scaled, weights
    tf_v, tabled = _SUBLINEAR_TF, len(_SUBLINEAR_TF)
    out = np.tile(intercept, (n, 1))
    out_v, classes = out, len(intercept)
    for r in range(n):
        m = 0
        for i in range(bounds[r], bounds[r + 1]):
            c = flat[i]
            if c < 0:
                continue
            h = (c * 40503) & mask
            while held_v[h] != c and held_v[h] != -1:
                h = (h + 1) & mask
            if held_v[h] == -1:
                held_v[h] = c
                order_v[m] = h
                m += 1
            counts_v[h] += 1
        total = 0.0
        for q in range(m):
            h = order_v[q]
            count = counts_v[h]
            if not sublinear:
                tf = count
            elif count < tabled:
                tf = tf_v[count]
            else:
                tf = 1.0 + math.log(count)
            w = tf * weights_v[held_v[h], 0]
            scaled_v[q] = w
            total += w * w
        norm = math.sqrt(total)
        if not norm > 0:
            norm = 1.0
        for q in range(m):
            scaled_v[q] = scaled_v[q] / norm
        for k in range(classes):
            acc = 0.0
            for q in range(m):
                acc += weights_v[held_v[order_v[q]], k + 1] * scaled_v[q]
            out_v[r, k] += acc
        for q in range(m):  # free the slots for the next row
            h = order_v[q]
            held_v[h] = -1
            counts_v[h] = 0
    return out


_E = math.e


def _softmax_margins(
    logits: np.ndarray, dense: Sequence[Sequence[float]], mean: np.ndarray, scale: np.ndarray,
    coef: np.ndarray, high: int, low: int,
) -> list[float]:
    """`margins` from the TF-IDF part of the logits (`_tfidf_logits`, updated in place): add
    the standardised dense features' part, take the softmax, and subtract, row by row, as
    `probabilities_of` does with numpy (equal to within rounding)."""
    n, classes, width = logits.shape[0], logits.shape[1], len(mean)
    logits_v, mean_v, scale_v, coef_v = logits, mean, scale, coef
    standard = np.empty(width)
    standard_v = standard
    out = []
    for r in range(n):
        values = dense[r]
        for j in range(width):
            value = values[j]  # a C double, compiled
            standard_v[j] = (value - mean_v[j]) / scale_v[j]
        for k in range(classes):
            acc = 0.0
            for j in range(width):
                acc += standard_v[j] * coef_v[k, j]
            logits_v[r, k] += acc
        top = logits_v[r, 0]
        for k in range(1, classes):
            top = max(top, logits_v[r, k])
        total = 0.0
        for k in range(classes):
            logits_v[r, k] = _E ** (logits_v[r, k] - top)  # C's pow, compiled or not
            total += logits_v[r, k]
        out.append(logits_v[r, high] / total - logits_v[r, low] / total)
    return out


class Lookup:
    """A model's vocabulary as a column look-up, with memos a recipe may fill with what it
    derives from the vocabulary (the columns of every feature built from one word, say)."""

    MAX_MEMO = 500_000  # keys per memo before it starts afresh: memory stays bounded

    def __init__(self, vocabulary: dict[str, int]) -> None:
        self.vocabulary = vocabulary
        self._memos: dict[str, ColumnMemo] = {}

    def column(self, feature: str) -> int:
        return self.vocabulary.get(feature, -1)

    def memo(self, name: str) -> ColumnMemo:
        """The memo called `name`; a new one once it is full (what was read from the old one
        stays valid)."""
        memo = self._memos.get(name)
        if memo is None or len(memo) >= self.MAX_MEMO:
            memo = self._memos[name] = ColumnMemo()
        return memo


class ColumnMemo:
    """The vocabulary columns of the features a recipe builds from one key (a word, a lexicon
    cue), worked out once: a key's columns sit side by side in one array of C ints, from
    `offsets[key]` on, so reading them touches one stretch of memory rather than a Python int
    object per column (which, scattered over the heap, missed the CPU's cache). How many columns
    a key has is the recipe's to know.

    The features of a pair of keys (two neighbouring words) have their own columns,
    `pair_columns`, from the offset `pairs` holds for the two keys' offsets."""

    def __init__(self) -> None:
        self.offsets: dict[object, int] = {}
        self.columns = array("i")
        self.pairs = PairIndex()
        self.pair_columns = array("i")

    def __len__(self) -> int:
        return len(self.offsets) + len(self.pairs)


_FIBONACCI = 0x9E3779B97F4A7C15  # 2**64 / the golden ratio: spreads keys over the slots
_UINT64 = 0xFFFFFFFFFFFFFFFF


class PairIndex:
    """Non-negative ints by a pair of non-negative ints below 2**31, in one array of C integers
    (open addressing, each key and its value side by side). A look-up reads one stretch of
    memory and builds no Python object: a dict keyed by tuples of words touched half a dozen
    scattered objects per look-up, each a likely miss of the CPU's cache."""

    def __init__(self) -> None:
        self._used = 0
        self._allocate(10)

    def __len__(self) -> int:
        return self._used

    def get(self, a: int, b: int) -> int:
        """The value of the pair (a, b), or -1."""
        key = (a << 31) | b
        slots, mask, h = self._slots, self._mask, self._home(key)
        while slots[2 * h] != -1:
            if slots[2 * h] == key:
                return slots[2 * h + 1]
            h = (h + 1) & mask
        return -1

    def put(self, a: int, b: int, value: int) -> None:
        """Set the value of a pair that has none."""
        if 2 * (self._used + 1) > self._mask + 1:  # at most half full: probes stay short
            self._grow()
        self._place((a << 31) | b, value)
        self._used += 1

    def _home(self, key: int) -> int:
        """The slot a key's probe starts at (& mask: always within the table, unchecked)."""
        return (((key * _FIBONACCI) & _UINT64) >> self._shift) & self._mask

    def _place(self, key: int, value: int) -> None:
        slots, mask, h = self._slots, self._mask, self._home(key)
        while slots[2 * h] != -1:
            h = (h + 1) & mask
        slots[2 * h] = key
        slots[2 * h + 1] = value

    def _allocate(self, bits: int) -> None:
        self._slots = array("q", [-1]) * (2 << bits)
        self._mask = (1 << bits) - 1
        self._shift = 64 - bits

    def _grow(self) -> None:
        old = self._slots
        self._allocate(64 - self._shift + 1)
        for h in range(len(old) // 2):
            if old[2 * h] != -1:
                self._place(old[2 * h], old[2 * h + 1])


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
