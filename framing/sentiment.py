"""Word valence from VADER's lexicon (MIT), read once from the installed vaderSentiment package.

We use the word list, not VADER's sentence scorer: stance needs the valence of the words *near a
mention*, and reading the list directly is many times faster than scoring whole sentences.
"""
from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from .hashbits import has_bit, hash_bits

if TYPE_CHECKING:
    from .text import Doc

NEGATIONS = frozenset(
    ["not", "n't", "no", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere", "without", "cannot", "hardly", "barely"]
)
NEGATION_SCALAR = -0.74  # VADER's own factor for a negated word


def negated(norms: list[str], i: int) -> bool:
    """Whether a negation is among the three words before word `i` (VADER's reach)."""
    for k in range(max(0, i - 3), i):
        if norms[k] in NEGATIONS:
            return True
    return False


_TOKEN_VALENCES = "sentiment:token_valences"  # the key in `Doc.memo`


def token_valences(doc: Doc) -> list[float | None]:
    """The valence of each token of `doc` (None for a word not in the list), looked up once per
    document and remembered on it: the stance measure and the stance model both read it."""
    found = doc.memo.get(_TOKEN_VALENCES)
    if found is None:
        table, listed, found = valences(), _listed_hashes(), []
        for norm in doc.token_norms:
            # most words are not in the list: one bit rules them out before the look-up in
            # its 7,500 words (compiled, all C calls: no map(table.get, ...))
            found.append(table.get(norm) if has_bit(listed, hash(norm)) else None)
        doc.memo[_TOKEN_VALENCES] = found
    return found  # type: ignore[return-value]


@cache
def _listed_hashes() -> bytearray:
    """The hashes of the list's words (a string's hash is fixed for the life of the process, and
    remembered by the string once computed)."""
    return hash_bits(map(hash, valences()))


@cache
def valences() -> dict[str, float]:
    """Lower-case word → mean valence in [-4, 4]."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    table = {}
    for line in text.splitlines():
        word, _, rest = line.partition("\t")
        if word and rest and word[0].isalpha():
            table[word] = float(rest.split("\t", 1)[0])
    return table


def version() -> str:
    from importlib.metadata import version as package_version

    return package_version("vaderSentiment")
