"""The standard metric of each data set: macro-F1 and accuracy (F1m for NewsMTSC), F1 of the
positive class for binary tasks, and the SemEval-2020 Task 11 span-overlap F1 for PTC."""
from __future__ import annotations

from collections.abc import Sequence


def classification(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str],
                   positive: str | None = None) -> dict[str, float]:
    """accuracy, macro_f1 and, for a binary task, f1/precision/recall of `positive`."""
    pairs = [(g, p) for g, p in zip(gold, predicted) if g is not None]
    if not pairs:
        return {}
    scores = {label: _prf(pairs, label) for label in labels}
    out = {
        "n": float(len(pairs)),
        "accuracy": sum(g == p for g, p in pairs) / len(pairs),
        "macro_f1": sum(f for _, _, f in scores.values()) / len(labels),
    }
    if positive is not None:
        out["precision"], out["recall"], out["f1"] = scores[positive]
    return out


def _prf(pairs: list[tuple[str, str]], label: str) -> tuple[float, float, float]:
    tp = sum(g == label and p == label for g, p in pairs)
    predicted = sum(p == label for _, p in pairs)
    actual = sum(g == label for g, _ in pairs)
    precision = tp / predicted if predicted else 0.0
    recall = tp / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def span_overlap(gold: Sequence[Sequence[tuple[int, int]]],
                 predicted: Sequence[Sequence[tuple[int, int]]]) -> dict[str, float]:
    """SemEval-2020 Task 11 SI: P = Σ_s Σ_t |s∩t|/|s| / |S|, R = Σ_s Σ_t |s∩t|/|t| / |T|,
    per document, summed over the corpus (techniques merged)."""
    p_sum = r_sum = 0.0
    n_pred = n_gold = 0
    for gold_spans, pred_spans in zip(gold, predicted):
        gold_spans, pred_spans = _merge(gold_spans), _merge(pred_spans)
        n_pred += len(pred_spans)
        n_gold += len(gold_spans)
        for s in pred_spans:
            for t in gold_spans:
                overlap = min(s[1], t[1]) - max(s[0], t[0])
                if overlap > 0:
                    p_sum += overlap / (s[1] - s[0])
                    r_sum += overlap / (t[1] - t[0])
    precision = p_sum / n_pred if n_pred else 0.0
    recall = r_sum / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "spans": float(n_pred)}


def _merge(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans merged, as the scorer does when techniques are ignored."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
