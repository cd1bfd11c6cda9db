"""Train, predict and evaluate one task on its data set's own file format."""
from __future__ import annotations

import platform
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .items import Item, read_items, same_text_key, split
from .linear import LinearModel, fit
from .locate import default_model
from .metrics import classification, span_overlap
from .persist import ModelError, load_model, save_model
from .recipes import recipe_for

DATA = {
    "stance": ("NewsMTSC (Hamborg & Donnay, EACL 2021)", "MIT"),
    "loaded": ("BABE (Spinde et al., Findings of EMNLP 2021)", "AGPL-3.0"),
    "sarcasm": ("News Headlines Dataset for Sarcasm Detection (Misra & Arora)", "research use"),
    "hedging": ("CoNLL-2010 shared task, Wikipedia weasels", "CC BY-SA text; research-use labels"),
    "loaded-spans": ("PTC, SemEval-2020 Task 11 (Da San Martino et al.)", "research use"),
}
PURPOSE = {
    "stance": "sentiment of a sentence toward a target mention (negative / neutral / positive)",
    "loaded": "is a sentence biased (loaded wording) or neutral",
    "sarcasm": "is a headline or sentence sarcastic/satirical or literal",
    "hedging": "is a sentence uncertain (hedged, weasel-worded) or certain",
    "loaded-spans": "character spans of loaded language and name calling in an article",
}


def units(task: str, items: Sequence[Item], *, labelled: bool) -> list[Item]:
    """What the classifier sees: the items themselves, or for loaded-spans the candidate
    phrases of each article."""
    if task != "loaded-spans":
        return [item for item in items if item.label is not None] if labelled else list(items)
    recipe = recipe_for(task)
    return recipe.training_items(items)


def train(task: str, data: str | Path | Sequence[str | Path], *, dev: Sequence[str | Path] = (),
          out: str | Path, seed: int = 0, command: str = "") -> dict[str, Any]:
    """Fit the task's model on `data`, measure it on each `dev` file (or a fixed grouped 20 % of
    the first data file when none is given), save it with its card into `out`; returns the card.

    Further data files add training items, minus any sentence already in the first file or in
    the dev data (data sets such as CoNLL-2010 ship overlapping files)."""
    files = [data] if isinstance(data, (str, Path)) else list(data)
    items = read_items(task, files[0])
    dev_sets = {Path(d).name: read_items(task, d) for d in dev}
    if not dev_sets:
        items, held = split(items, dev_share=0.2, seed=seed)
        dev_sets[f"{Path(files[0]).name} (grouped 20 % held out, seed {seed})"] = held
    items += extra_items(task, files[1:], [*items, *(i for d in dev_sets.values() for i in d)])
    started = time.perf_counter()
    model = fit(task, units(task, items, labelled=True), seed=seed)
    seconds = time.perf_counter() - started
    card = _card(task, files, model, command, seed, seconds)
    card["dev_metrics"] = {name: evaluate(task, held, model) for name, held in dev_sets.items()}
    save_model(model, out, card)
    return card


def extra_items(task: str, files: Sequence[str | Path], known: Sequence[Item]) -> list[Item]:
    seen = {same_text_key(item.text) for item in known}
    added = []
    for path in files:
        for item in read_items(task, path):
            key = same_text_key(item.text)
            if key not in seen:
                seen.add(key)
                added.append(item)
    return added


def _card(task: str, files: Sequence[str | Path], model: LinearModel, command: str, seed: int,
          seconds: float) -> dict[str, Any]:
    import numpy
    import sklearn

    from .._version import __version__

    source, licence = DATA[task]
    recipe = recipe_for(task)
    return {
        "task": task,
        "purpose": PURPOSE[task],
        "data": f"{source}; trained on {', '.join(Path(f).name for f in files)}",
        "licence": licence,
        "shipped": "yes" if licence == "MIT" else "no: train it locally with the command below",
        "features": f"{len(model.vocabulary)} TF-IDF features from the recipe's analyzer "
        f"(n-grams and lexicon cues) + dense: {', '.join(recipe.DENSE_NAMES)}",
        "model": f"logistic regression, {recipe.PARAMS}",
        "training_command": command or f"framing train {task} --data {Path(files[0]).name} ...",
        "seed": seed,
        "training_seconds": round(seconds, 1),
        "versions": {"framing": __version__, "scikit-learn": sklearn.__version__,
                     "numpy": numpy.__version__, "python": platform.python_version()},
    }


def predict(task: str, items: Sequence[Item], model: LinearModel) -> list[dict[str, Any]]:
    """One record per input item, in order (for loaded-spans: per article, with its spans)."""
    if task == "loaded-spans":
        return [{"id": item.id, "spans": [{"start": s, "end": e} for s, e in spans]}
                for item, spans in zip(items, predict_spans(items, model))]
    return [{"id": item.id, "label": label, "score": round(score, 6)}
            for item, (label, score) in zip(items, model.predict(items))]


def predict_spans(items: Sequence[Item], model: LinearModel) -> list[list[tuple[int, int]]]:
    recipe = recipe_for("loaded-spans")
    out = []
    for item in items:
        candidates = recipe.candidates(item.text)
        unit_items = [Item(item.text, None, span, item.id) for span in candidates]
        probabilities = model.probabilities(unit_items)[:, 1] if unit_items else []
        out.append(recipe.to_spans(item.text, candidates, probabilities))
    return out


def evaluate(task: str, items: Sequence[Item], model: LinearModel) -> dict[str, float]:
    """The data set's standard metrics of `model` on labelled `items`."""
    if task == "loaded-spans":
        return span_overlap([item.spans for item in items], predict_spans(items, model))
    labelled = [item for item in items if item.label is not None]
    predicted = [label for label, _ in model.predict(labelled)]
    recipe = recipe_for(task)
    return classification([i.label for i in labelled], predicted, recipe.LABELS, recipe.POSITIVE)


def resolve_model(task: str, folder: str | Path | None) -> LinearModel:
    """An explicit model folder, else the default one; a clear error when there is none."""
    if folder is not None:
        return load_model(folder, task=task)
    model = default_model(task)
    if model is None:
        raise ModelError(
            f"no trained {task!r} model found: train one with `framing train {task} --data FILE "
            f"--out DIR` and pass --model DIR (or put it under $FRAMING_MODELS/{task})"
        )
    return model
