"""Loading, validating and matching lexicons (the format is described in lexicons/README.md).

Matching works on characters: one pass over a text finds the written forms of every entry of every
built-in lexicon, whatever the size of the lexicons (see `Scanner`); word boundaries and context
rules then filter the few occurrences it finds.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import pairwise
from pathlib import Path
from typing import NamedTuple

from ahocorasick_rs import AhoCorasick, Implementation

from .build import is_compiled
from .data import lexicon_dir, read_utf8
from .errors import LexiconError
from .hashbits import hash_bits
from .text import (
    TOKEN_RE,
    Doc,
    find_tokens,
    is_cased_beyond_ascii,
    normalise_text,
    skip_space,
    token_ranges,
    tokenize,
    trim_space,
)

BUILTIN = ("loaded", "hedges", "boosters", "sarcasm", "speech_verbs", "event_words")
# The built-in lexicons every scored article reads: the measures' and the speech verbs that
# attribute quotations. Only the stance measure reads the event words.
SCORING = ("loaded", "hedges", "boosters", "sarcasm", "speech_verbs")
COLUMNS = ("entry", "category", "inflect", "rule", "weight", "note")
REQUIRED_HEADER = ("name", "version", "description", "license", "provenance", "categories")
INFLECTIONS = ("-", "verb", "noun")
_COMPILED = is_compiled(__file__)  # setup.py compiles this module where it can


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


class Hit(NamedTuple):
    start: int  # character offsets into the text, `end` exclusive
    end: int
    entry: Entry


@dataclass(frozen=True)
class Lexicon:
    """A word list with its header (version, categories, provenance), matched in a text's
    characters by one Aho-Corasick pass (see `Scanner`)."""

    name: str
    version: str
    description: str
    license: str
    provenance: str
    categories: dict[str, str]
    entries: tuple[Entry, ...]
    path: str = ""

    def __len__(self) -> int:
        return len(self.entries)

    @cached_property
    def forms(self) -> dict[str, list[Entry]]:
        """Every written form an entry matches (inflected, spaced both ways around punctuation),
        normalised, with the entries it stands for in file order."""
        forms: dict[str, list[Entry]] = {}
        for entry in self.entries:
            for form in written_forms(entry):
                forms.setdefault(form, []).append(entry)
        return forms

    @cached_property
    def sources(self) -> dict[str, str]:
        """The source of each entry's evidence ("loaded.tsv:regime"), by its text: made once."""
        return {entry.entry: f"{self.name}.tsv:{entry.entry}" for entry in self.entries}

    def find(self, doc: Doc) -> list[Hit]:
        """All non-overlapping matches in reading order, longest first at each position, on word
        boundaries, with their context rules holding. Remembered on the `Doc`."""
        key = (id(self), "hits")
        memo = doc.memo.get(key)
        if memo is None or memo[0] is not self:
            new = tuple.__new__  # NamedTuple's own constructor is slower
            memo = (self, [new(Hit, found) for found in self.found(doc)])
            doc.memo[key] = memo
        return memo[1]  # type: ignore[index]

    def found(self, doc: Doc) -> list[tuple[int, int, Entry]]:
        """`find` as plain (start, end, entry) tuples, what scoring reads: a `Hit` costs several
        times as much to make. Remembered on the `Doc`."""
        memo = doc.memo.get(id(self))
        if memo is None or memo[0] is not self:
            if _is_builtin(self):  # the event words with whichever others are not matched yet
                scan_builtin(doc, SCORING if self.name in SCORING else BUILTIN)
            else:
                self.scanner.scan(doc)
            memo = doc.memo[id(self)]
        return memo[1]  # type: ignore[index]

    def matches(self, doc: Doc) -> list[Match]:
        """`find` in token indices, for the code that works on tokens. Remembered on the `Doc`."""
        key = (id(self), "tokens")
        memo = doc.memo.get(key)
        if memo is None or memo[0] is not self:
            hits, new = self.found(doc), tuple.__new__  # NamedTuple's own constructor is slower
            ranges = token_ranges([(start, end) for start, end, _ in hits], doc.token_starts)
            memo = (self, [new(Match, (first, stop, entry))
                           for (_, _, entry), (first, stop) in zip(hits, ranges)])
            doc.memo[key] = memo
        return memo[1]  # type: ignore[index]

    @cached_property
    def scanner(self) -> Scanner:
        """This lexicon alone in an automaton (built-in lexicons share one: `scan_builtin`)."""
        return Scanner([self])


class Scanner:
    """Several lexicons matched in one pass over a text; word boundaries and context rules then
    filter the occurrences found.

    Compiled, a typed loop reads the text's words and looks each one up (with the next word) among
    the openings of every written form, so the cost does not grow with the lexicons. It reads the
    text as written, lower-casing ASCII letters as it goes, unless the text has a cased letter
    beyond ASCII or a form begins with a mark: then it reads `Doc.norm`. As pure
    Python, an Aho-Corasick automaton over every form (ahocorasick-rs, a compiled library) is
    several times faster than any loop Python runs over the words."""

    def __init__(self, lexicons: Sequence[Lexicon]) -> None:
        self.lexicons = tuple(lexicons)
        table: dict[str, list[tuple[int, list[Entry]]]] = {}
        for slot, lexicon in enumerate(self.lexicons):
            for form, entries in lexicon.forms.items():
                table.setdefault(form, []).append((slot, entries))
        # longest first: the order in which a position's occurrences are wanted
        self._forms = sorted(table, key=len, reverse=True)
        self._targets = [_flat_targets(table[form]) for form in self._forms]
        # whether a form starts (ends) with a word character, so the text must not continue it
        self._opens = [_is_word_char(form[0]) for form in self._forms]
        self._closes = [_is_word_char(form[-1]) for form in self._forms]
        if _COMPILED:
            self._table = _opening_table(_openings(self._forms, self._opens), self._forms,
                                         self._closes)
            self._after_marks = [k for k, opens in enumerate(self._opens) if not opens]
        elif self._forms:
            self._automaton = AhoCorasick(self._forms, implementation=Implementation.ContiguousNFA)

    def scan(self, doc: Doc) -> None:
        """Find the matches of every lexicon in `doc` and remember them on it."""
        occurrences = None
        if _COMPILED and self._forms and not self._after_marks:
            occurrences = _word_occurrences(doc.text, self._table, True)
        if occurrences is None:
            norm = doc.norm
            occurrences = self._occurrences(norm.replace("\n", " ") if "\n" in norm else norm)
        hits = _longest_first(doc, occurrences, self._targets, len(self.lexicons))
        for lexicon, found in zip(self.lexicons, hits):
            doc.memo[id(lexicon)] = (lexicon, found)

    def _occurrences(self, text: str) -> list[tuple[int, int, int]]:
        """Every (start, -end, form) where a form occurs on word boundaries: tuples that sort
        leftmost, longest first, with no key function to call."""
        if not self._forms:
            return []
        if not _COMPILED:
            matches = self._automaton.find_matches_as_indexes(text, overlapping=True)
            return _on_word_boundaries(text, matches, self._opens, self._closes)
        found = _word_occurrences(text, self._table, False)
        if self._after_marks:
            found += _mark_occurrences(text, self._forms, self._closes, self._after_marks)
            found.sort()
        return found


def _on_word_boundaries(
    text: str, matches: list[tuple[int, int, int]], opens: list[bool], closes: list[bool]
) -> list[tuple[int, int, int]]:
    """The (form, start, end) matches the text does not continue on either side, sorted as
    (start, -end, form)."""
    kept = []
    n = len(text)
    for k, start, end in matches:
        # most occurrences sit inside a longer word ("so" in "also"): a quick test first
        if opens[k] and start > 0:
            before = text[start - 1]
            if before.isalnum() or (before in "-'_" and not _starts_word(text, start)):
                continue
        if closes[k] and end < n:
            after = text[end]
            if after.isalnum() or (after in "-'_" and not _ends_word(text, end)):
                continue
        kept.append((start, -end, k))
    kept.sort()
    return kept


_OPENING_RE = re.compile(r"(\w+)(?:(\W+)(\w+))?")  # \w: what _is_word_char says, exactly


def _openings(forms: list[str], opens: list[bool]) -> dict[int, list[int]]:
    """The forms that begin with a word (by index, in order), by the hash of their opening."""
    openings: dict[int, list[int]] = {}
    for k, form in enumerate(forms):
        if opens[k]:
            openings.setdefault(_opening_hash(form), []).append(k)
    return openings


def _opening_hash(form: str) -> int:
    """What a form is looked up by: the hash of its opening, which is its first word, or its
    first two words with what separates them ("in fact", "so-called")."""
    first, gap, second = _OPENING_RE.match(form).groups()  # type: ignore[union-attr]
    h = _word_hash(first)
    return _pair_hash(h, len(gap), _word_hash(second)) if gap else h


_SLOTS = len(hash_bits(()))  # where an opening table's slot count is, after its bits


def _opening_table(
    openings: dict[int, list[int]], forms: list[str], closes: list[bool]
) -> bytearray:
    """The openings, with the forms each one opens, as one hash table that the compiled matcher
    reads through a C pointer: a look-up makes no Python object and touches a few cache lines,
    not the scattered objects of lists of forms.

    Little-endian 4-byte words, in order:
    - the 8 KB of `hash_bits`, a bit for each class of hashes: most words open no form, and
      their look-up ends at a clear bit, in memory small enough to stay in the processor's
      nearest cache;
    - the number of slots less one (a power of two less one: the mask of a hash), and a 0;
    - the slots, two words each: an opening's hash, and where its forms are (0: an empty slot).
      Open addressing, at most a quarter full;
    - the forms of each opening, longest first: how many, then for each its index in `forms`,
      1 if the text must not continue its last word (`closes`), its length and the code of
      each of its characters."""
    size = 16
    while size < 4 * len(openings):
        size *= 2
    table = hash_bits(openings) + _uint32s([size - 1, 0]) + bytearray(8 * size)
    for h, ks in openings.items():
        at = h & (size - 1)
        while _read_uint32(table, _SLOTS + 8 + 8 * at + 4):
            at = (at + 1) & (size - 1)
        table[_SLOTS + 8 + 8 * at : _SLOTS + 16 + 8 * at] = _uint32s([h, len(table)])
        block = [len(ks)]
        for k in ks:
            block += [k, int(closes[k]), len(forms[k]), *map(ord, forms[k])]
        table += _uint32s(block)
    return table


def _uint32s(values: list[int]) -> bytes:
    """`values` as little-endian 4-byte words."""
    return b"".join(value.to_bytes(4, "little") for value in values)


def _opening_at(table: bytearray, h: int) -> int:
    """Where the forms opening with hash `h` are in `table`, or -1: none."""
    if not table[h >> 3 & (_SLOTS - 1)] >> (h & 7) & 1:  # hash_bits' bit, as has_bit reads it
        return -1
    mask = _read_uint32(table, _SLOTS)
    at = h & mask
    while True:
        p = _SLOTS + 8 + 8 * at
        forms_at = _read_uint32(table, p + 4)
        if forms_at == 0:
            return -1
        if _read_uint32(table, p) == h:
            return forms_at
        at = (at + 1) & mask


def _read_uint32(data: bytearray, at: int) -> int:
    """The unsigned little-endian 4-byte integer at `at`."""
    value = data[at + 3]
    value = value << 8 | data[at + 2]
    value = value << 8 | data[at + 1]
    return value << 8 | data[at]


def _word_occurrences(text: str, table: bytearray, fold: bool) -> list[tuple[int, int, int]] | None:
    """`Scanner._occurrences` for the forms that begin with a word, in order, by one loop over
    the characters that hashes each word as it reads it and looks it up in the `_opening_table`.

    Such a form can only begin where a word begins, and its opening is then exactly the text's
    word (or its two words and what separates them), as the text's words end where the form's
    do.

    With `fold`, the text is read as `normalise_text` and the scan would write it, with line
    breaks as spaces: ASCII capitals as small letters, curly apostrophes straight. That holds
    only for a text whose cased letters are all ASCII, so at any other (É, İ) it gives up and
    returns None."""
    found: list[tuple[int, int, int]] = []
    slots = table  # compiled, a C pointer
    ascii_codes = _FOLDED_WORD_CODES if fold else _WORD_CODES  # compiled, a C pointer too
    last_start = last_end = last_hash = -1  # the word before the one being read
    start, h = -1, 0
    for i, ch in enumerate(text + " "):  # a space ends the last word
        code = ord(ch)  # what the word's hash reads; 0: not a word character
        if code < 128:
            code = ascii_codes[code]
        elif fold and is_cased_beyond_ascii(ch):
            return None
        elif not ch.isalnum():
            code = 0
        if code:
            if start < 0:
                start, h = i, _FNV_SEED
            h = (h ^ code) * _FNV_PRIME & _FNV_MASK
        elif start >= 0:
            if last_start >= 0:  # the word before this one opens forms alone or with this one?
                pair_hash = _pair_hash(last_hash, start - last_end, h)
                pair = _opening_at(slots, pair_hash)
                word = _opening_at(slots, last_hash) if last_hash != pair_hash else -1
                if pair >= 0 or word >= 0:  # most words open none
                    _open_at(text, last_start, pair, word, slots, fold, found)
            last_start, last_end, last_hash, start = start, i, h, -1
    if last_start >= 0:
        word = _opening_at(slots, last_hash)
        if word >= 0:
            _open_at(text, last_start, -1, word, slots, fold, found)
    return found


def _open_at(
    text: str, start: int, pair: int, word: int, table: bytearray, fold: bool,
    found: list[tuple[int, int, int]],
) -> None:
    """The forms that occur at the word starting at `start`, whose openings were found in the
    table: those of its pair with the next word (at `pair`, or -1), and of the word alone (at
    `word`)."""
    if not _starts_word(text, start):  # "called" in "so-called"
        return
    if pair >= 0:  # two-word openings first: their forms are longer
        _add_found(text, start, table, pair, fold, found)
    if word >= 0:
        _add_found(text, start, table, word, fold, found)


def _add_found(
    text: str, start: int, table: bytearray, at: int, fold: bool,
    found: list[tuple[int, int, int]],
) -> None:
    """The forms listed at `at` in the table that occur at `start` (folded, with `fold`), longest
    first (a form of another opening with the same hash does not occur there)."""
    n = len(text)
    count, at = _read_uint32(table, at), at + 4
    for _ in range(count):
        k, closes, length = (_read_uint32(table, at), _read_uint32(table, at + 4),
                             _read_uint32(table, at + 8))
        codes, at = at + 12, at + 12 + 4 * length
        end = start + length
        if (end <= n and _occurs(text, start, length, table, codes, fold)
                and (not closes or _ends_word(text, end))):
            found.append((start, -end, k))


def _occurs(
    text: str, start: int, length: int, table: bytearray, codes: int, fold: bool
) -> bool:
    """Whether the `length` character codes at `codes` in the table are written at `start` (in
    any case, with curly apostrophes, a line break for a space, with `fold`: in a text whose
    cased letters are all ASCII)."""
    last = length - 1  # most misses, at once
    if _code(text[start + last], fold) != _read_uint32(table, codes + 4 * last):
        return False
    for j in range(last):
        if _code(text[start + j], fold) != _read_uint32(table, codes + 4 * j):
            return False
    return True


def _code(ch: str, fold: bool) -> int:
    """With `fold`, the code of `ch` as `normalise_text` writes it in a text whose cased letters
    are all ASCII, and a line break as a space; without, its own code."""
    code = ord(ch)
    if not fold:
        return code
    if 65 <= code <= 90:  # A-Z
        return code + 32
    if code == 0x2019 or code == 0x2018:  # ’ ‘
        return 39
    return 32 if code == 10 else code


def _mark_occurrences(
    text: str, forms: list[str], closes: list[bool], after_marks: list[int]
) -> list[tuple[int, int, int]]:
    """Every (start, -end, form) of the forms that begin with a mark ("!!!"), one by one."""
    found = []
    for k in after_marks:
        form = forms[k]
        start = text.find(form)
        while start >= 0:
            end = start + len(form)
            if not closes[k] or _ends_word(text, end):
                found.append((start, -end, k))
            start = text.find(form, start + 1)
    return found


# The hashes of the openings (FNV-1a, 32 bits, over a word's characters; a two-word opening's
# hash mixes its words' hashes with the length of what separates them).
_FNV_SEED, _FNV_PRIME, _FNV_MASK = 2166136261, 16777619, 0xFFFFFFFF


def _word_hash(word: str) -> int:
    h = _FNV_SEED
    for ch in word:
        h = (h ^ ord(ch)) * _FNV_PRIME & _FNV_MASK
    return h


def _pair_hash(first: int, gap: int, second: int) -> int:
    return ((first + gap) * _FNV_PRIME & _FNV_MASK) ^ second


def _flat_targets(targets: list[tuple[int, list[Entry]]]) -> tuple[int | Entry | tuple, ...]:
    """A form's (lexicon slot, entries) in one tuple: for each slot, the slot, the number of its
    entries, then each entry and its rules. Matching reads it for every occurrence; one object
    is read from memory at once, where nested lists and tuples would be several scattered ones
    (and the rules are not read from each entry's attribute)."""
    flat: list[int | Entry | tuple] = []
    for slot, entries in targets:
        flat += [slot, len(entries)]
        for entry in entries:
            flat += [entry, entry.rules]
    return tuple(flat)


def _longest_first(
    doc: Doc, occurrences: list[tuple[int, int, int]], targets: list[tuple], lexicons: int,
) -> list[list[tuple[int, int, Entry]]]:
    """Each lexicon's hits, as (start, end, entry): leftmost, longest, non-overlapping, at each
    position the longest form whose rules hold. The occurrences come in that order (by start,
    longest first), and each form stands for entries of one or more lexicons (its
    `_flat_targets`)."""
    hits: list[list[tuple[int, int, Entry]]] = [[] for _ in range(lexicons)]
    taken = [0] * lexicons  # where each lexicon's last hit ends
    for start, minus_end, k in occurrences:  # compiled, start and end stay Python ints: made once
        target = targets[k]
        at = 0
        while at < len(target):
            slot, count = target[at], target[at + 1]
            if start >= taken[slot]:
                for j in range(at + 2, at + 2 + 2 * count, 2):
                    rules = target[j + 1]
                    if not rules or _rules_hold(doc, rules, start, -minus_end):
                        end = -minus_end
                        hits[slot].append((start, end, target[j]))
                        taken[slot] = end
                        break
            at += 2 + 2 * count
    return hits


def _rules_hold(doc: Doc, rules: tuple[str, ...], start: int, end: int) -> bool:
    for rule in rules:
        if not RULES[rule](doc, start, end):
            return False
    return True


def _is_word_char(ch: str) -> bool:
    if ch < "\x80":  # ASCII, most of any text: no look-up in the Unicode tables
        return "a" <= ch <= "z" or "0" <= ch <= "9" or "A" <= ch <= "Z" or ch == "_"
    return ch.isalnum()


# For each ASCII code, the code a word's hash reads (folded: a capital as a small letter), or 0
# for a character that is not a word character.
_WORD_CODES = bytes(c if _is_word_char(chr(c)) else 0 for c in range(128))
_FOLDED_WORD_CODES = bytes(c + 32 if 65 <= c <= 90 else c for c in _WORD_CODES)


def _starts_word(text: str, start: int) -> bool:
    """No token continues to the left of `start` ("called" in "so-called", "t" in "don't")."""
    if start == 0:
        return True
    before = text[start - 1]
    if _is_word_char(before):
        return False
    return not (before in "-'’‘" and start > 1 and _is_word_char(text[start - 2]))


def _ends_word(text: str, end: int) -> bool:
    """No token continues to the right of `end`; a possessive 's may follow ("Russia's")."""
    n = len(text)
    if end >= n:
        return True
    after = text[end]
    if _is_word_char(after):
        return False
    if after in "-'’‘":
        if end + 1 >= n or not _is_word_char(text[end + 1]):
            return True
        if after != "-" and text[end + 1] in "sS":
            return end + 2 >= n or not _is_word_char(text[end + 2])
        return False
    return True


def scan_builtin(doc: Doc, names: Collection[str] = BUILTIN) -> None:
    """Match in one pass over `doc` the built-in lexicons of `names` not matched in it yet; each
    one's `find` then reads its hits from the doc."""
    wanted = tuple([name for name in BUILTIN  # compiled, a list is faster than a generator
                    if name in names and id(builtin(name)) not in doc.memo])
    if wanted:
        _builtin_scanner(wanted).scan(doc)


@cache
def _builtin_scanner(names: tuple[str, ...]) -> Scanner:
    return Scanner([builtin(name) for name in names])


def _is_builtin(lexicon: Lexicon) -> bool:
    return lexicon.name in BUILTIN and builtin(lexicon.name) is lexicon


# --- inflection -------------------------------------------------------------------------------

_VOWELS = "aeiou"


def written_forms(entry: Entry) -> list[str]:
    """The normalised strings an entry matches: each inflected form, written with single spaces
    between words and both with and without a space next to punctuation ("translation:" and
    "translation :")."""
    out = []
    for form in expand(entry):
        if not form:
            continue
        variants = [form[0]]
        for prev, word in pairwise(form):
            if _is_word_char(prev[-1]) and _is_word_char(word[0]):
                variants = [v + " " + word for v in variants]
            else:
                variants = [v + sep + word for v in variants for sep in ("", " ")]
        out += variants
    return list(dict.fromkeys(out))


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
# Each rule looks at the characters around a match text[start:end] of a `Doc`.

_NUMBER_WORDS = frozenset(
    ["a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions", "dozen", "dozens", "half", "quarter", "third", "several"]
)
_NEGATIONS = frozenset({"not", "n't", "never", "no", "cannot"})
_ALNUM_RE = re.compile(r"[^\W_]")
_NEXT_TOKEN_RE = re.compile(r"\s*(" + TOKEN_RE.pattern + ")")


_LOOK_BACK = 40  # characters read before a match for the token before it


def next_token(doc: Doc, end: int) -> str:
    """The normalised token right after offset `end` ("" at the end of the text)."""
    m = _NEXT_TOKEN_RE.match(doc.text, end)
    return normalise_text(m.group(1)) if m else ""


def previous_token(doc: Doc, start: int) -> str:
    """The normalised token right before offset `start` ("" at the start of the text)."""
    found = find_tokens(doc.text, max(0, start - _LOOK_BACK), start)
    return normalise_text(found[-1]) if found else ""


# Every character but white space belongs to a token, so the next token starts with the first
# character after `end` that is not white space, and the previous one ends with the last before
# `start`: most rules are settled by that one character (lower-cased: the words they look for
# are), without tokenizing.


def _first_after(text: str, end: int) -> str:
    """The first character of `next_token` ("" if none)."""
    at = skip_space(text, end)
    return text[at] if at < len(text) else ""


def _last_before(text: str, start: int) -> str:
    """The last character of `previous_token` ("" if none)."""
    lo = max(0, start - _LOOK_BACK)
    at = trim_space(text, start, lo)
    return text[at - 1] if at > lo else ""


_NUMBER_WORD_FIRSTS = frozenset(word[0] for word in _NUMBER_WORDS)
_NEGATION_FIRSTS = frozenset(word[0] for word in _NEGATIONS)
_NEGATION_LASTS = frozenset(word[-1] for word in _NEGATIONS)


def _rule_before_number(doc: Doc, start: int, end: int) -> bool:
    first = _first_after(doc.text, end)
    if first.isdigit() or first in ("$", "£", "€"):  # a currency sign is a token of its own
        return True
    return first.lower() in _NUMBER_WORD_FIRSTS and next_token(doc, end) in _NUMBER_WORDS


def _rule_not_month(doc: Doc, start: int, end: int) -> bool:
    """'May' capitalised mid-sentence, or before a number ('May 5'), is the month."""
    if _first_after(doc.text, end).isdigit():
        return False
    return doc.text[start].islower() or _rule_sentence_start(doc, start, end)


def _rule_not_negated(doc: Doc, start: int, end: int) -> bool:
    first = _first_after(doc.text, end).lower()
    if first in _NEGATION_FIRSTS and next_token(doc, end) in _NEGATIONS:
        return False
    return not (_last_before(doc.text, start).lower() in _NEGATION_LASTS
                and previous_token(doc, start) in _NEGATIONS)


def _rule_sentence_start(doc: Doc, start: int, end: int) -> bool:
    # a leading quote mark or dash may come before the first word
    sentence_start = doc.sentence_around(start)[0]
    return _ALNUM_RE.search(doc.text, min(sentence_start, start), start) is None


def _rule_in_parens(doc: Doc, start: int, end: int) -> bool:
    return _last_before(doc.text, start) in ("(", "[")  # a bracket is a token of its own


def _rule_question(doc: Doc, start: int, end: int) -> bool:
    lo, hi = doc.sentence_around(start)
    return doc.text[lo:hi].rstrip("\"”’') ").endswith("?")


def _rule_capitalised(doc: Doc, start: int, end: int) -> bool:
    return doc.text[start].isupper()


RuleFn = Callable[[Doc, int, int], bool]
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
