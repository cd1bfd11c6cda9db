"""A set of hashes kept as one bit per hash class, 8 KB in all: a quick "no" before a look-up in a
table of a few thousand words, which most words of a text are not in (with a few thousand hashes,
about one bit in ten is set)."""
from __future__ import annotations

from collections.abc import Iterable

_MASK = 8191  # bytes - 1: 65,536 bits


def hash_bits(hashes: Iterable[int]) -> bytearray:
    """The bits of `hashes` (any ints: a negative one falls in a class like any other)."""
    bits = bytearray(_MASK + 1)
    for h in hashes:
        bits[h >> 3 & _MASK] |= 1 << (h & 7)
    return bits


def has_bit(bits: bytearray, h: int) -> bool:
    """Whether the class of `h` is set in `bits` (false: `h` is not one of the hashes)."""
    return bits[h >> 3 & _MASK] >> (h & 7) & 1
