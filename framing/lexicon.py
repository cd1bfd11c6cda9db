"""Loading, validating and matching lexicons (the format is described in lexicons/README.md).

Matching works on tokens, not on a regular expression: entries are indexed by their first token, so
each token of an article costs one dictionary look-up whatever the size of the lexicon.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import NamedTuple

from .data import lexicon_dir, read_utf8
from .errors import LexiconError
from .text import Doc, Token, tokenize

BUILTIN = ("loaded", "hedges", "boosters", "sarcasm", "speech_verbs", "event_words")
COLUMNS = ("entry", "category", "inflect", "rule", "weight", "note")
REQUIRED_HEADER = ("name", "version", "description", "license", "provenance", "categories")
INFLECTIONS = ("-", "verb", "noun")


@dataclass(frozen=True, slots=True)
class Entry:
    entry: str
    category: str
    inflect: str = "-"
    rules: tuple[str, ...] = ()
    weight: float = 1.0
    note: str = ""
    line: int = 0


class Match(NamedTuple):
    first: int  # token indices, `stop` exclusive
    stop: int
    entry: Entry


@dataclass(frozen=True)
class Lexicon:
    """A word list with its header (version, categories, provenance) and a token index."""

    name: str
    version: str
    description: str
    license: str
    provenance: str
    categories: dict[str, str]
    entries: tuple[Entry, ...]
    path: str = ""
    # first token -> [(length, {token tuple: entries})], longest first, and the second tokens
    # of its multi-word forms (a cheap test before building a tuple)
    _index: dict[str, tuple[list[tuple[int, dict[tuple[str, ...], list[Entry]]]], frozenset[str]]] = (
        field(default_factory=dict, repr=False, compare=False)
    )

    def __post_init__(self) -> None:
        forms: dict[str, dict[int, dict[tuple[str, ...], list[Entry]]]] = {}
        for entry in self.entries:
            for form in expand(entry):
                by_length = forms.setdefault(form[0], {})
                by_length.setdefault(len(form), {}).setdefault(form, []).append(entry)
        for first, by_length in forms.items():
            lengths = sorted(by_length.items(), reverse=True)
            seconds = frozenset(f[1] for table in by_length.values() for f in table if len(f) > 1)
            self._index[first] = (lengths, seconds)

    def __len__(self) -> int:
        return len(self.entries)

    def match_at(self, doc_or_tokens: Doc | list[Token], i: int) -> Match | None:
        """The longest entry starting at token i whose context rules hold, or None."""
        doc = doc_or_tokens if isinstance(doc_or_tokens, Doc) else None
        tokens = doc.tokens if doc else doc_or_tokens
        found = self._index.get(tokens[i].norm)
        if found is None:
            return None
        lengths, seconds = found
        n = len(tokens)
        multi = i + 1 < n and tokens[i + 1].norm in seconds
        for length, table in lengths:
            stop = i + length
            if length > 1 and (not multi or stop > n):
                continue
            key = tuple(t.norm for t in tokens[i:stop]) if length > 1 else (tokens[i].norm,)
            for entry in table.get(key, ()):
                if not entry.rules or all(RULES[r](tokens, i, stop, doc) for r in entry.rules):
                    return Match(i, stop, entry)
        return None

    def matches(self, doc: Doc) -> list[Match]:
        """All non-overlapping matches in reading order, longest first at each position.
        Remembered on the `Doc`, so measures that share a lexicon match it once."""
        memo = doc.memo.get(id(self))
        if memo is not None and memo[0] is self:
            return memo[1]
        found = []
        i, n = 0, len(doc.tokens)
        index = self._index
        tokens = doc.tokens
        while i < n:
            if tokens[i].norm in index:
                m = self.match_at(doc, i)
                if m is not None:
                    found.append(m)
                    i = m.stop
                    continue
            i += 1
        doc.memo[id(self)] = (self, found)
        return found


# --- inflection -------------------------------------------------------------------------------

_VOWELS = "aeiou"


def expand(entry: Entry) -> list[tuple[str, ...]]:
    """Token sequences an entry matches: as written, plus inflected forms of its head word.

    Inflection over-generates on purpose (both "slamed" and "slammed"): a form that is not a word
    never occurs in text, so it costs nothing, while a missed form would lose a match.
    """
    base = tuple(t.norm for t in tokenize(entry.entry))
    if entry.inflect == "-" or not base:
        return [base]
    head = 0 if entry.inflect == "verb" else len(base) - 1
    forms = verb_forms(base[head]) if entry.inflect == "verb" else noun_forms(base[head])
    return [base[:head] + (form,) + base[head + 1 :] for form in sorted(forms)]


def noun_forms(word: str) -> set[str]:
    forms = {word, word + "s"}
    if word.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(word + "es")
    if word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
        forms.add(word[:-1] + "ies")
    return forms


def verb_forms(word: str) -> set[str]:
    forms = noun_forms(word)
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    elif word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
        forms |= {word[:-1] + "ied", word + "ing"}
    else:
        forms |= {word + "ed", word + "ing"}
        if len(word) >= 3 and word[-1] not in _VOWELS + "wxy" and word[-2] in _VOWELS:
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


# --- context rules ----------------------------------------------------------------------------

_NUMBER_WORDS = frozenset(
    ["a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions", "dozen", "dozens", "half", "quarter", "third", "several"]
)
_NEGATIONS = frozenset({"not", "n't", "never", "no", "cannot"})


def _rule_before_number(tokens: list[Token], i: int, stop: int, doc: Doc | None) -> bool:
    if stop >= len(tokens):
        return False
    nxt = tokens[stop].norm
    return nxt[0].isdigit() or nxt in _NUMBER_WORDS or nxt in {"$", "£", "€"}


def _rule_not_month(tokens: list[Token], i: int, stop: int, doc: Doc | None) -> bool:
    """'May' capitalised mid-sentence, or before a number ('May 5'), is the month."""
    after = tokens[stop].norm if stop < len(tokens) else ""
    if after[:1].isdigit():
        return False
    return tokens[i].text[0].islower() or _rule_sentence_start(tokens, i, stop, doc)


def _rule_not_negated(tokens: list[Token], i: int, stop: int, doc: Doc | None) -> bool:
    after = tokens[stop].norm if stop < len(tokens) else ""
    before = tokens[i - 1].norm if i > 0 else ""
    return after not in _NEGATIONS and before not in _NEGATIONS


def _sentence_first(doc: Doc, i: int) -> int:
    return doc.sentences[doc.sentence_of[i]].first if doc.sentences else 0


def _rule_sentence_start(tokens: list[Token], i: int, stop: int, doc: Doc | None) -> bool:
    if doc is None:
        return i == 0
    first = _sentence_first(doc, i)
    # allow a leading quote mark or dash before the first word
    return all(not tokens[k].text[0].isalnum() for k in range(first, i))


def _rule_in_parens(tokens: list[Token], i: int, stop: int, doc: Doc | None) -> bool:
    return i > 0 and tokens[i - 1].text in "(["


def _rule_question(tokens: list[Token], i: int, stop: int, doc: Doc | None) -> bool:
    if doc is None:
        return any(t.text == "?" for t in tokens[stop:])
    sent = doc.sentences[doc.sentence_of[i]]
    return doc.text[sent.start : sent.end].rstrip("\"”’') ").endswith("?")


def _rule_capitalised(tokens: list[Token], i: int, stop: int, doc: Doc | None) -> bool:
    return tokens[i].text[0].isupper()


RuleFn = Callable[[list[Token], int, int, "Doc | None"], bool]
RULES: dict[str, RuleFn] = {
    "before_number": _rule_before_number,
    "not_month": _rule_not_month,
    "not_negated": _rule_not_negated,
    "sentence_start": _rule_sentence_start,
    "in_parens": _rule_in_parens,
    "question": _rule_question,
    "capitalised": _rule_capitalised,
}


# --- reading files ----------------------------------------------------------------------------

_HEADER_RE = re.compile(r"^#\s*([a-z_]+)\s*:\s*(.*?)\s*$")


def parse_lexicon(text: str, *, path: str = "<lexicon>") -> Lexicon:
    """Parse lexicon text; raise LexiconError naming the file and line of the first problem."""
    header: dict[str, str] = {}
    lines = text.splitlines()
    n = 0
    while n < len(lines) and (lines[n].startswith("#") or not lines[n].strip()):
        m = _HEADER_RE.match(lines[n])
        if m:
            header[m.group(1)] = m.group(2)
        n += 1
    missing = [key for key in REQUIRED_HEADER if key not in header]
    if missing:
        raise LexiconError(f"{path}: header lacks {', '.join(missing)} (see lexicons/README.md)")
    categories = _parse_categories(header["categories"], path)
    if n >= len(lines) or tuple(lines[n].split("\t")) != COLUMNS:
        raise LexiconError(
            f"{path}:{n + 1}: expected the column line {'<TAB>'.join(COLUMNS)!r} after the header"
        )
    entries = []
    seen: dict[tuple[str, str], int] = {}
    for lineno in range(n + 2, len(lines) + 1):
        line = lines[lineno - 1]
        if not line.strip() or line.startswith("#"):
            continue
        entry = _parse_entry(line, lineno, path, categories)
        key = (" ".join(t.norm for t in tokenize(entry.entry)), entry.category)
        if key in seen:
            raise LexiconError(
                f"{path}:{lineno}: {entry.entry!r} repeats line {seen[key]} in the same category"
            )
        seen[key] = lineno
        entries.append(entry)
    return Lexicon(
        name=header["name"],
        version=header["version"],
        description=header["description"],
        license=header["license"],
        provenance=header["provenance"],
        categories=categories,
        entries=tuple(entries),
        path=path,
    )


def _parse_categories(value: str, path: str) -> dict[str, str]:
    categories = {}
    for part in value.split(";"):
        name, _, description = part.partition("=")
        if name.strip():
            categories[name.strip()] = description.strip()
    if not categories:
        raise LexiconError(f"{path}: the categories header declares no category")
    return categories


def _parse_entry(line: str, lineno: int, path: str, categories: dict[str, str]) -> Entry:
    cells = line.split("\t")
    where = f"{path}:{lineno}"
    if not 5 <= len(cells) <= 6:
        raise LexiconError(f"{where}: expected 5 or 6 tab-separated columns, found {len(cells)}")
    entry, category, inflect, rule, weight = (c.strip() for c in cells[:5])
    note = cells[5].strip() if len(cells) == 6 else ""
    if not entry or not tokenize(entry):
        raise LexiconError(f"{where}: empty entry")
    if category not in categories:
        raise LexiconError(f"{where}: category {category!r} is not declared in the header")
    if inflect not in INFLECTIONS:
        raise LexiconError(f"{where}: inflect must be one of {', '.join(INFLECTIONS)}")
    rules = () if rule in ("", "-") else tuple(r.strip() for r in rule.split(","))
    unknown = [r for r in rules if r not in RULES]
    if unknown:
        raise LexiconError(f"{where}: unknown rule {unknown[0]!r}; known: {', '.join(RULES)}")
    try:
        value = float(weight)
    except ValueError:
        raise LexiconError(f"{where}: weight {weight!r} is not a number") from None
    if not value > 0:
        raise LexiconError(f"{where}: weight must be positive")
    return Entry(entry, category, inflect, rules, value, note, lineno)


def load_lexicon(path: str | Path) -> Lexicon:
    """Read and validate a lexicon file (a user's own, or a built-in one by path)."""
    text = read_utf8(Path(path), LexiconError, "lexicon file")
    return parse_lexicon(text, path=str(path))


@cache
def builtin(name: str) -> Lexicon:
    """A built-in lexicon by name (``loaded``, ``hedges``, ``boosters``, ``sarcasm``,
    ``speech_verbs``, ``event_words``), loaded once per process."""
    if name not in BUILTIN:
        raise LexiconError(f"no built-in lexicon {name!r}; built-in: {', '.join(BUILTIN)}")
    return load_lexicon(lexicon_dir() / f"{name}.tsv")


def versions(names: Iterable[str] = BUILTIN) -> dict[str, str]:
    return {f"lexicon:{name}": builtin(name).version for name in names}


def speech_verb_matcher() -> Callable[[list[Token], int], int]:
    """A function telling how many tokens of a speech verb start at token i (0 if none)."""
    lexicon = builtin("speech_verbs")

    def is_speech_verb(tokens: list[Token], i: int) -> int:
        m = lexicon.match_at(tokens, i)
        return m.stop - m.first if m else 0

    return is_speech_verb
