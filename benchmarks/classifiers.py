"""Dev-set figures of every task's classifier beside a plain baseline measured the same way.

    python benchmarks/classifiers.py [--tasks stance loaded ...] [--shared ../shared]

Reads the public data sets from ../shared/datasets (never copied into the repository). Dev data is
the data set's own dev file where it has one, else the same grouped 20 % that `framing train`
holds out. Baselines: TF-IDF word 1-2 grams + logistic regression (C=1) for sentence tasks; a VADER
window (valence sum within 5 tokens of the target, cut-offs chosen on train) for stance; the
loaded-language lexicon's matches for loaded-spans.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from framing.lexicon import builtin
from framing.models.items import Item, read_items, split
from framing.models.linear import fit
from framing.models.metrics import classification, span_overlap
from framing.models.recipes import recipe_for
from framing.models.training import evaluate, extra_items, units
from framing.sentiment import valences
from framing.text import Doc, tokenize

DATA = {
    "stance": ("newsmtsc/train.jsonl", ["newsmtsc/dev_rw.jsonl", "newsmtsc/dev_mt.jsonl"]),
    "loaded": ("babe/babe_sg2_train.csv", []),
    "sarcasm": ("sarcasm-headlines/sarcasm_headlines_v1_train.jsonl",
                ["sarcasm-headlines/sarcasm_headlines_v1_dev.jsonl"]),
    "hedging": ("conll2010-wiki-hedge/conll2010_wiki_train_partial.csv", [],
                "conll2010-wiki-hedge/conll2010_wiki_pattern_sample_balanced.csv"),
    "loaded-spans": ("ptc-semeval2020/ptc_v2_train.jsonl", []),
}


def tfidf_baseline(train: list[Item], dev: list[Item], task: str) -> dict[str, float]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    recipe = recipe_for(task)
    train = [i for i in train if i.label is not None]
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    classifier = LogisticRegression(C=1.0, max_iter=3000)
    classifier.fit(vectorizer.fit_transform([i.text for i in train]), [i.label for i in train])
    labelled = [i for i in dev if i.label is not None]
    predicted = classifier.predict(vectorizer.transform([i.text for i in labelled]))
    return classification([i.label for i in labelled], list(predicted), recipe.LABELS,
                          recipe.POSITIVE)


def window_valence(item: Item, width: int = 5) -> float:
    table = valences()
    tokens = tokenize(item.text)
    inside = [k for k, t in enumerate(tokens) if t.start < item.target[1] and t.end > item.target[0]]
    if not inside:
        return 0.0
    lo, hi = max(0, inside[0] - width), min(len(tokens), inside[-1] + width + 1)
    return sum(table.get(t.norm, 0.0) for t in tokens[lo:hi])


def vader_window_baseline(train: list[Item], dev: list[Item]) -> dict[str, float]:
    """Cut-offs (negative below a, positive above b) chosen for macro-F1 on train, then applied."""
    scores = np.array([window_valence(i) for i in train])
    labels = [i.label for i in train]
    best = (-1.0, 0.0, 0.0)
    for a in np.arange(-3, 0.01, 0.25):
        for b in np.arange(0, 3.01, 0.25):
            predicted = ["negative" if s < a else "positive" if s > b else "neutral" for s in scores]
            f1 = classification(labels, predicted, recipe_for("stance").LABELS)["macro_f1"]
            best = max(best, (f1, a, b))
    _, a, b = best
    predicted = ["negative" if s < a else "positive" if s > b else "neutral"
                 for s in (window_valence(i) for i in dev)]
    return classification([i.label for i in dev], predicted, recipe_for("stance").LABELS)


def lexicon_span_baseline(dev: list[Item]) -> dict[str, float]:
    lexicon = builtin("loaded")
    predicted = []
    for item in dev:
        doc = Doc(item.text)
        predicted.append([(doc.tokens[m.first].start, doc.tokens[m.stop - 1].end)
                          for m in lexicon.matches(doc)])
    return span_overlap([item.spans for item in dev], predicted)


def run(task: str, root: Path) -> None:
    train_file, dev_files, *extra = DATA[task]
    train = read_items(task, root / train_file)
    if dev_files:
        devs = {Path(f).name: read_items(task, root / f) for f in dev_files}
    else:
        train, held = split(train, dev_share=0.2, seed=0)
        devs = {"grouped 20 % of train": held}
    known = [*train, *(item for dev in devs.values() for item in dev)]
    train += extra_items(task, [root / f for f in extra], known)  # as `framing train` does
    started = time.perf_counter()
    model = fit(task, units(task, train, labelled=True))
    seconds = time.perf_counter() - started
    for name, dev in devs.items():
        ours = evaluate(task, dev, model)
        if task == "stance":
            base = vader_window_baseline(train, dev)
        elif task == "loaded-spans":
            base = lexicon_span_baseline(dev)
        else:
            base = tfidf_baseline(train, dev, task)
        print(f"{task:13} {name:30} train {seconds:6.1f} s")
        for key in ("macro_f1", "accuracy", "f1", "precision", "recall"):
            if key in ours:
                print(f"    {key:10} framing {ours[key]:.4f}   baseline {base.get(key, float('nan')):.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", nargs="+", default=list(DATA), choices=list(DATA))
    parser.add_argument("--shared", type=Path,
                        default=Path(__file__).resolve().parent.parent.parent / "shared")
    args = parser.parse_args()
    root = args.shared / "datasets"
    if not root.is_dir():
        raise SystemExit(f"no data sets at {root}")
    for task in args.tasks:
        run(task, root)


if __name__ == "__main__":
    main()
