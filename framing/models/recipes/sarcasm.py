"""Recipe for the `sarcasm` task: satirical or sarcastic headline versus literal news wording.

Trained on the News Headlines sarcasm set (Onion versus HuffPost headlines, lower-cased), and
applied to sentences of normal-case news, so every feature is computed on lower-cased text.
Besides word and character n-grams, a word *skeleton* (short words kept, longer words reduced
to their ending) carries the sentence shape that sets satire apart from news headlines, and
the project's sarcasm and loaded-language lexicons add cue categories.
"""

from __future__ import annotations

from functools import cache

from ...lexicon import Lexicon, builtin
from ...sentiment import valences
from ...text import Doc
from ..items import Item

LABELS: tuple[str, ...] = ("literal", "sarcastic")
POSITIVE: str | None = "sarcastic"
PARAMS: dict = {
    "C": 10.0,
    "class_weight": None,
    "sublinear_tf": True,
    "min_df": 2,
    "max_features": 400_000,
    "dense_weight": 0.1,
    "threshold": None,
}
DENSE_NAMES: tuple[str, ...] = (
    "tokens",
    "chars",
    "valence_mean",
    "valence_positive",
    "valence_negative",
    "incongruity",
    "sarcasm_cues",
    "loaded_cues",
    "second_person",
    "digits",
    "mean_word_length",
    "short_word_share",
    "punctuation",
    "long_word_share",
    "s_ending_share",
    "ing_ending_share",
)

LEXICONS = ("sarcasm", "loaded")
CHAR_RANGE = (2, 5)
# Headlines rarely run past these; longer news sentences are capped so length cannot dominate.
MAX_TOKENS = 25
MAX_CHARS = 150
# Closed-class grammar, not a word list: addressing the reader is a satire cue.
SECOND_PERSON = frozenset(["you", "your", "yours", "yourself", "you're", "you've", "you'll"])
STEM_SUFFIXES = ("ing", "ed", "es", "s", "ly")


@cache
def _lexicons() -> tuple[tuple[str, Lexicon], ...]:
    return tuple((name, builtin(name)) for name in LEXICONS)


def _norms(doc: Doc) -> list[str]:
    return [token.norm for token in doc.tokens]


def analyze(item: Item) -> list[str]:
    """Word and stem 1-2 grams, character 2-5 grams within words, skeleton 2-5 grams,
    lexicon cue categories and headline-shape flags."""
    doc = Doc(item.text)
    words = _norms(doc)
    feats = _ngrams("w", _edged(words), 2)
    feats += _ngrams("t", _edged([_stem(w) for w in words]), 2)
    feats += _ngrams("k", _edged([_skeleton(w, 3, 2) for w in words]), 4, low=2)
    feats += _ngrams("q", _edged([_skeleton(w, 4, 3) for w in words]), 5, low=2)
    feats += _char_ngrams(item.text.lower())
    feats += [
        f"lex:{name}:{m.entry.category}" for name, lex in _lexicons() for m in lex.matches(doc)
    ]
    feats += _shape(item.text, words)
    return feats


def dense(item: Item) -> list[float]:
    """Length, VADER valence (with incongruity = positive and negative words together),
    cue counts and word-shape shares, in DENSE_NAMES order."""
    doc = Doc(item.text)
    words = _norms(doc)
    table = valences()
    vals = [table[w] for w in words if w in table]
    positive = sum(v for v in vals if v > 0)
    negative = -sum(v for v in vals if v < 0)
    alpha = [w for w in words if w[0].isalpha()]
    n = max(len(alpha), 1)
    return [
        float(min(len(words), MAX_TOKENS)),
        float(min(len(item.text), MAX_CHARS)),
        sum(vals) / len(vals) if vals else 0.0,
        positive,
        negative,
        min(positive, negative),
        float(len(_lexicons()[0][1].matches(doc))),
        float(len(_lexicons()[1][1].matches(doc))),
        float(sum(w in SECOND_PERSON for w in words)),
        float(sum(c.isdigit() for c in item.text)),
        sum(map(len, alpha)) / n,
        sum(len(w) <= 3 for w in alpha) / n,
        float(len(words) - len(alpha)),
        sum(len(w) >= 8 for w in alpha) / n,
        sum(w.endswith("s") for w in alpha) / n,
        sum(w.endswith("ing") for w in alpha) / n,
    ]


def _edged(words: list[str]) -> list[str]:
    return ["<s>", *words, "</s>"]


def _ngrams(prefix: str, seq: list[str], high: int, *, low: int = 1) -> list[str]:
    """n-grams of a sequence with edge markers; the markers alone are not features."""
    out = []
    for k in range(low, high + 1):
        for i in range(len(seq) - k + 1):
            if k == 1 and seq[i] in ("<s>", "</s>"):
                continue
            out.append(prefix + ":" + " ".join(seq[i : i + k]))
    return out


def _char_ngrams(text: str) -> list[str]:
    """Character n-grams inside space-padded words (scikit-learn's char_wb)."""
    low, high = CHAR_RANGE
    out = []
    for word in text.split():
        padded = f" {word} "
        for k in range(low, high + 1):
            out.extend("c:" + padded[i : i + k] for i in range(len(padded) - k + 1))
    return out


def _stem(word: str) -> str:
    for suffix in STEM_SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _skeleton(word: str, keep: int, ending: int) -> str:
    """Short words stay (mostly function words); longer ones become their ending, digits `D`."""
    if word[0].isdigit():
        return "D"
    if len(word) <= keep or not word[0].isalpha():
        return word
    return "*" + word[-ending:]


def _shape(text: str, words: list[str]) -> list[str]:
    out = [f"len:{min(len(words) // 3, 8)}"]
    out += ["you" for w in words if w in SECOND_PERSON]
    out += ["num" for w in words if w.isdigit()]
    for mark, name in (("?", "question"), ("!", "exclaim"), (":", "colon"), ("(", "paren")):
        if mark in text:
            out.append(name)
    if any(q in text for q in "'\"‘“”"):
        out.append("quote")
    return out
