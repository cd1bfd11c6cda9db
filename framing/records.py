"""Making the frozen result records (`MeasureResult`, `ArticleScore`, `ActorStance`) cheaply.

A frozen dataclass's own `__init__` is interpreted Python that sets each field through
`object.__setattr__`, about 1,500 machine instructions a field: more than a whole measure spends
on some articles. `new_record` fills an unfrozen twin class with the same slots, which sets a
field directly, then gives the record its real class. Python allows that change of class because
the two lay their objects out alike; the record is then exactly what the constructor makes.
"""
from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

R = TypeVar("R")

_DRAFTS: dict[type, type] = {}


def new_record(cls: type[R], values: dict[str, Any]) -> R:
    """`cls(**values)` for a frozen, slotted dataclass, every field given. (A dict, not keyword
    arguments: compiled, parsing keywords into one costs more than the rest together.)"""
    draft = _DRAFTS.get(cls) or _draft_class(cls)
    if len(values) != len(draft.__slots__):
        raise TypeError(f"{cls.__name__} takes the values of {', '.join(draft.__slots__)}")
    record = draft()
    for name, value in values.items():  # a name that is not a field: AttributeError
        setattr(record, name, value)
    record.__class__ = cls
    return record  # type: ignore[return-value]


def _draft_class(cls: type) -> type:
    """The unfrozen twin of `cls`: its slots, in field order, and nothing else."""
    names = tuple(f.name for f in fields(cls))
    if getattr(cls, "__slots__", None) != names or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} is not a slotted dataclass with only its fields")
    draft = _DRAFTS[cls] = type(f"{cls.__name__}Draft", (), {"__slots__": names})
    return draft
