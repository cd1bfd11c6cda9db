"""Word valence from VADER's lexicon (MIT), read once from the installed vaderSentiment package.

We use the word list, not VADER's sentence scorer: stance needs the valence of the words *near a
mention*, and reading the list directly is many times faster than scoring whole sentences.
"""
from __future__ import annotations

from functools import cache
from importlib import resources

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
