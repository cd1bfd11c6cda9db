"""The trained models a scoring run uses, found once: a measure without one uses its lexicons."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .linear import LinearModel
from .locate import default_model, find_model
from .persist import read_card

SENTENCE_TASKS = ("loaded", "sarcasm", "hedging")


@dataclass(frozen=True, eq=False)
class Models:
    """Optional trained models per task; `Models()` means lexicon evidence only."""

    stance: LinearModel | None = None
    loaded: LinearModel | None = None
    sarcasm: LinearModel | None = None
    hedging: LinearModel | None = None

    def describe(self) -> dict[str, str]:
        """For manifests and the report's methods: which model each measure used, if any."""
        out = {}
        for task in ("stance", *SENTENCE_TASKS):
            folder = find_model(task) if getattr(self, task) is not None else None
            if folder is None:
                out[f"model:{task}"] = "none (lexicon evidence only)"
                continue
            card = read_card(folder)
            figures = "; ".join(
                f"{name}: " + ", ".join(f"{k} {v:.3f}" for k, v in dev.items() if k != "n")
                for name, dev in card.get("dev_metrics", {}).items()
            )
            out[f"model:{task}"] = f"{card.get('data', task)}; dev {figures}"
        return out


@cache
def available_models() -> Models:
    """The models found on this machine (shipped, or trained into the user's model folder)."""
    return Models(**{task: default_model(task) for task in ("stance", *SENTENCE_TASKS)})
