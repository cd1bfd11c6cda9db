"""Rows of feature columns, many in one array of C ints: what the compiled TF-IDF loops read
without taking a buffer of every row (which, once per row, cost more than the row's work)."""
from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence


class Rows(Sequence[array]):
    """Row r is `flat[bounds[r]:bounds[r + 1]]`: vocabulary columns, -1 for a feature outside
    the vocabulary."""

    __slots__ = ("bounds", "flat")

    def __init__(self, flat: array, bounds: array) -> None:
        self.flat = flat
        self.bounds = bounds

    @classmethod
    def of(cls, rows: Iterable[Iterable[int]]) -> Rows:
        flat, bounds = array("i"), array("i", [0])
        for row in rows:
            flat.extend(row)
            bounds.append(len(flat))
        return cls(flat, bounds)

    def __len__(self) -> int:
        return len(self.bounds) - 1

    def __getitem__(self, r: int) -> array:  # type: ignore[override]
        if not 0 <= r < len(self):
            raise IndexError(f"row {r} of {len(self)}")
        return self.flat[self.bounds[r] : self.bounds[r + 1]]
