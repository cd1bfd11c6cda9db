"""Where trained models are found: an explicit folder, `$FRAMING_MODELS/<task>`, the user's data
folder, or the models shipped inside the package (only those whose training data allows it)."""
from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from .linear import LinearModel
from .persist import MODEL_FILE, load_model

SHIPPED = Path(__file__).resolve().parent / "shipped"


def user_model_dir() -> Path:
    """`$FRAMING_MODELS`, else `$XDG_DATA_HOME/framing/models` (~/.local/share/framing/models)."""
    if os.environ.get("FRAMING_MODELS"):
        return Path(os.environ["FRAMING_MODELS"])
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "framing" / "models"


def find_model(task: str) -> Path | None:
    """The folder of the model `task` would use, or None (the measure then uses its lexicons)."""
    for folder in (user_model_dir() / task, SHIPPED / task):
        if (folder / MODEL_FILE).is_file():
            return folder
    return None


@cache
def default_model(task: str) -> LinearModel | None:
    """The task's model, loaded once per process, or None when there is none."""
    folder = find_model(task)
    return load_model(folder, task=task) if folder else None
