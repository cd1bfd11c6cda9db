"""Saving and loading models as plain JSON and NPZ arrays, with a model card. No pickle.

`model.json` holds names (labels, vocabulary, settings, the card) and the SHA-256 of
`weights.npz`; arrays are read with `allow_pickle=False`. A file that was altered after training,
holds objects instead of numbers, or does not fit its recipe is refused with `ModelError`.
"""
from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import FramingError
from .linear import LinearModel
from .recipes import TASKS, recipe_for

FORMAT = "framing-linear/1"
MODEL_FILE, WEIGHTS_FILE, CARD_FILE = "model.json", "weights.npz", "MODEL_CARD.md"
ARRAYS = ("idf", "dense_mean", "dense_scale", "coef", "intercept")
MAX_BYTES = 200_000_000


class ModelError(FramingError):
    """A model folder is missing, damaged, tampered with, or made for other features."""


def save_model(model: LinearModel, folder: str | Path, card: dict[str, Any]) -> Path:
    """Write weights.npz, model.json (with the card) and MODEL_CARD.md into `folder`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    # float32 on disk halves the files; inference casts back to float64
    np.savez_compressed(
        buffer, **{name: getattr(model, name).astype(np.float32) for name in ARRAYS}
    )
    weights = buffer.getvalue()
    (folder / WEIGHTS_FILE).write_bytes(weights)
    vocabulary = sorted(model.vocabulary, key=model.vocabulary.__getitem__)
    meta = {
        "format": FORMAT,
        "task": model.task,
        "labels": list(model.labels),
        "dense_names": list(model.recipe.DENSE_NAMES),
        "sublinear_tf": model.sublinear_tf,
        "threshold": model.threshold,
        "weights_sha256": hashlib.sha256(weights).hexdigest(),
        "vocabulary": vocabulary,
        "card": card,
    }
    text = json.dumps(meta, ensure_ascii=False, sort_keys=True)
    (folder / MODEL_FILE).write_text(text + "\n", encoding="utf-8")
    (folder / CARD_FILE).write_text(render_card(card), encoding="utf-8")
    return folder


def load_model(folder: str | Path, *, task: str | None = None) -> LinearModel:
    """Read a model folder, refusing anything that is not exactly what `save_model` wrote."""
    folder = Path(folder)
    meta = _read_meta(folder)
    if task is not None and meta.get("task") != task:
        raise ModelError(f"{folder}: a {meta.get('task')!r} model, not a {task!r} model")
    weights = _read_bytes(folder / WEIGHTS_FILE)
    if hashlib.sha256(weights).hexdigest() != meta.get("weights_sha256"):
        raise ModelError(
            f"{folder / WEIGHTS_FILE}: does not match the hash recorded in {MODEL_FILE}; the file "
            "was changed after training. Retrain the model or restore the original files."
        )
    arrays = _read_arrays(folder, weights)
    return _build(folder, meta, arrays)


def _read_meta(folder: Path) -> dict[str, Any]:
    path = folder / MODEL_FILE
    try:
        meta = json.loads(_read_bytes(path))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ModelError(f"{path}: not a valid model file ({err})") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ModelError(f"{path}: not a framing model (expected format {FORMAT!r})")
    if meta.get("task") not in TASKS:
        raise ModelError(f"{path}: unknown task {meta.get('task')!r}")
    return meta


def _read_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise ModelError(f"{path}: missing; a model folder holds {MODEL_FILE} and {WEIGHTS_FILE}")
    if path.stat().st_size > MAX_BYTES:
        raise ModelError(f"{path}: larger than {MAX_BYTES:,} bytes; refusing to read it")
    return path.read_bytes()


def _read_arrays(folder: Path, weights: bytes) -> dict[str, np.ndarray]:
    try:
        with np.load(io.BytesIO(weights), allow_pickle=False) as npz:
            if sorted(npz.files) != sorted(ARRAYS):
                raise ModelError(f"{folder / WEIGHTS_FILE}: expected arrays {', '.join(ARRAYS)}")
            arrays = {name: npz[name].astype(np.float64) for name in ARRAYS}
    except ModelError:
        raise
    except (ValueError, OSError) as err:  # object arrays need pickle: refused
        raise ModelError(f"{folder / WEIGHTS_FILE}: not plain numeric arrays ({err})") from None
    for name, array in arrays.items():
        if array.dtype.kind != "f" or not np.all(np.isfinite(array)):
            raise ModelError(f"{folder / WEIGHTS_FILE}: {name} is not finite floating point")
    return arrays


def _build(folder: Path, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> LinearModel:
    recipe = recipe_for(meta["task"])
    vocabulary = meta.get("vocabulary")
    if not isinstance(vocabulary, list) or not all(isinstance(v, str) for v in vocabulary):
        raise ModelError(f"{folder / MODEL_FILE}: vocabulary must be a list of strings")
    if list(meta.get("labels", ())) != list(recipe.LABELS) or list(
        meta.get("dense_names", ())
    ) != list(recipe.DENSE_NAMES):
        raise ModelError(
            f"{folder}: trained with other labels or features than this version's "
            f"{meta['task']!r} recipe; retrain it with `framing train {meta['task']}`"
        )
    n_out = 1 if len(recipe.LABELS) == 2 else len(recipe.LABELS)
    n_features = len(vocabulary) + len(recipe.DENSE_NAMES)
    shapes = {
        "idf": (len(vocabulary),), "dense_mean": (len(recipe.DENSE_NAMES),),
        "dense_scale": (len(recipe.DENSE_NAMES),), "coef": (n_out, n_features),
        "intercept": (n_out,),
    }
    for name, shape in shapes.items():
        if arrays[name].shape != shape:
            raise ModelError(f"{folder / WEIGHTS_FILE}: {name} has shape {arrays[name].shape}, "
                             f"expected {shape}")
    if np.any(arrays["dense_scale"] == 0):
        raise ModelError(f"{folder / WEIGHTS_FILE}: dense_scale has zeros")
    threshold = meta.get("threshold")
    if threshold is not None and not (isinstance(threshold, (int, float)) and 0 < threshold < 1):
        raise ModelError(f"{folder / MODEL_FILE}: threshold must be a probability")
    return LinearModel(
        task=meta["task"], labels=tuple(recipe.LABELS),
        vocabulary={word: i for i, word in enumerate(vocabulary)}, idf=arrays["idf"],
        dense_mean=arrays["dense_mean"], dense_scale=arrays["dense_scale"], coef=arrays["coef"],
        intercept=arrays["intercept"], sublinear_tf=bool(meta.get("sublinear_tf")),
        threshold=threshold,
    )


def read_card(folder: str | Path) -> dict[str, Any]:
    return _read_meta(Path(folder)).get("card", {})


def render_card(card: dict[str, Any]) -> str:
    """The model card as Markdown: what it does, on what data and licence, how well, how made."""
    lines = [f"# Model card: {card.get('task', '?')}", ""]
    for key in ("purpose", "data", "licence", "shipped", "features", "model", "training_command",
                "seed", "training_seconds", "versions"):
        if key in card:
            lines.append(f"- **{key.replace('_', ' ')}**: {_plain(card[key])}")
    if "dev_metrics" in card:
        lines += ["", "## Dev metrics", "", "| data | metric | value |", "|---|---|---|"]
        for data, metrics in card["dev_metrics"].items():
            for metric, value in metrics.items():
                lines.append(f"| {data} | {metric} | {_plain(value)} |")
    if "baseline" in card:
        lines += ["", "## Plain baseline, measured the same way", ""]
        for data, metrics in card["baseline"].items():
            lines.append(f"- {data}: " + ", ".join(f"{k} {_plain(v)}" for k, v in metrics.items()))
    if "notes" in card:
        lines += ["", "## Notes", "", str(card["notes"])]
    return "\n".join(lines) + "\n"


def _plain(value: Any) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.4f}"
    if isinstance(value, dict):
        return ", ".join(f"{k} {_plain(v)}" for k, v in value.items())
    return str(value)
