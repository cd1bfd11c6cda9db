"""One recipe per task: the features (`analyze`, `dense`) and settings (`PARAMS`) of its model.

A recipe is code that ships with the package; a saved model holds only numbers and names the
recipe by task, so loading a model never runs anything from the model file.
"""
from __future__ import annotations

import importlib
from types import ModuleType

TASKS = ("stance", "loaded", "sarcasm", "hedging", "loaded-spans")


def recipe_for(task: str) -> ModuleType:
    if task not in TASKS:
        from ...errors import FramingError

        raise FramingError(f"unknown task {task!r}; tasks: {', '.join(TASKS)}")
    return importlib.import_module(f"{__name__}.{task.replace('-', '_')}")
