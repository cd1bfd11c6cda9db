"""Sentences, tokens and quotations, all with character offsets into the original text.

Quotation detection is what keeps the outlet's own voice apart from the people it quotes: every token
knows whether it sits inside a quotation, and every quotation knows whether a speaker is named
(attributed) or whether it is a short phrase held at arm's length (a scare quote).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import NamedTuple

# A word keeps inner hyphens and contractions ("so-called", "don't") but not the possessive 's,
# so "Russia's" yields "Russia" + "'s" and an alias "Russia" still matches.
_TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # acronyms: U.S., U.N.
    r"|['’][sS]\b"  # possessive 's
    r"|\w+(?:-\w+)*(?:['’](?![sS]\b)\w+)?(?:-\w+)*"
    r"|[^\w\s]"
)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})

_ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "cmdr", "adm", "gov", "sen", "rep", "pres", "st", "jr", "sr", "vs", "etc", "inc", "ltd", "co", "corp", "no", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "fig", "e.g", "i.e", "approx", "est", "dept", "univ"]
)
_SENTENCE_END_RE = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s)")
_HARD_BREAK_RE = re.compile(r"\n\s*\n")

OPEN_QUOTES = {"“": "”", '"': '"', "‘": "’", "«": "»", "„": "“"}


class Token(NamedTuple):
    start: int
    end: int
    text: str
    norm: str  # lower case, straight apostrophes


class Sentence(NamedTuple):
    start: int
    end: int
    first: int  # index of the first token
    stop: int  # one past the last token


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: `start`/`end` include the marks, `inner_start`/`inner_end` exclude them.

    kind is ``attributed`` (a speech verb or speaker introduces it), ``scare`` (a short phrase with no
    speaker: the writer's distance, a sarcasm marker) or ``unattributed`` (longer quoted speech whose
    speaker is not named nearby).
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    kind: str
    speaker: str | None = None
    cue: str | None = None  # the speech verb that attributes it


def normalise(word: str) -> str:
    lower = word.lower()
    return lower.translate(_APOSTROPHES) if "’" in lower or "‘" in lower else lower


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split `text` into tokens whose offsets index `text` (shifted by `offset`)."""
    # The hot loop of the whole toolkit: tuple.__new__ skips NamedTuple's Python-level __new__.
    new, tokens = tuple.__new__, []
    append = tokens.append
    for m in _TOKEN_RE.finditer(text):
        word = m.group()
        start = m.start() + offset
        lower = word.lower()
        if "’" in lower or "‘" in lower:
            lower = lower.translate(_APOSTROPHES)
        append(new(Token, (start, start + len(word), word, lower)))
    return tokens


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries as (start, end) offsets, trimmed of surrounding white space.

    Ends at . ! ? (not after a known abbreviation or an initial), at blank lines, and at a line break
    unless the next line visibly continues the sentence (starts in lower case, or with a number after
    a word in lower case), which copes with text pasted from web pages.
    """
    cuts = {0, len(text)}
    for m in _SENTENCE_END_RE.finditer(text):
        word = re.search(r"([\w.]+)[.!?…]*[\"”’')\]]*$", text[max(0, m.start() - 12) : m.end()])
        stem = word.group(1).rstrip(".").lower() if word else ""
        if text[m.start()] == "." and (stem in _ABBREVIATIONS or len(stem) == 1 or "." in stem):
            continue
        following = text[m.end() : m.end() + 3].lstrip()
        if following[:1].islower():  # "the U.S. condemned", "approx. ten": not an end
            continue
        cuts.add(m.end())
    for m in re.finditer(r"\n", text):
        if _continues_line(text, m.start()):
            continue
        cuts.add(m.start())
    for m in _HARD_BREAK_RE.finditer(text):
        cuts.add(m.start())
    bounds = []
    points = sorted(cuts)
    for start, end in pairwise(points):
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            bounds.append((start + lead, start + lead + len(stripped)))
    return bounds


def _continues_line(text: str, newline: int) -> bool:
    rest = text[newline + 1 : newline + 40].lstrip(" \t")
    before = text[max(0, newline - 40) : newline].rstrip()
    if not rest or not before or rest[0] == "\n":
        return False
    if before[-1] in ".!?:…\"”":
        return False
    if rest[0].islower():
        return True
    return rest[0].isdigit() and before[-1].isalpha() and before.split()[-1].islower()


class Doc:
    """A text analysed once: tokens, sentences, quotations and which tokens are quoted speech."""

    def __init__(
        self,
        text: str,
        *,
        is_speech_verb: Callable[[list[Token], int], int] | None = None,
    ) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.sentences = _sentences_with_tokens(text, self.tokens)
        self.sentence_of = _sentence_index(self.sentences, len(self.tokens))
        self.quotes = find_quotes(text, self.tokens, self.sentences, is_speech_verb)
        self.in_quote = _quote_mask(self.tokens, self.quotes)
        self.memo: dict[int, object] = {}  # per-document results shared between measures

    @cached_property
    def word_flags(self) -> list[bool]:
        return [tok.text[0].isalnum() for tok in self.tokens]

    @cached_property
    def words(self) -> int:
        return sum(self.word_flags)

    @cached_property
    def own_words(self) -> int:
        return sum(self.sentence_own_words)

    @cached_property
    def sentence_own_words(self) -> list[int]:
        """Own-voice words in each sentence."""
        own = [w and q is None for w, q in zip(self.word_flags, self.in_quote)]
        return [sum(own[s.first : s.stop]) for s in self.sentences]

    def quote_at(self, token_index: int) -> Quote | None:
        return self.in_quote[token_index]


def _sentences_with_tokens(text: str, tokens: list[Token]) -> list[Sentence]:
    sentences = []
    i = 0
    for start, end in split_sentences(text):
        first = i
        while i < len(tokens) and tokens[i].start < end:
            i += 1
        sentences.append(Sentence(start, end, first, i))
    return sentences


def _sentence_index(sentences: list[Sentence], n_tokens: int) -> list[int]:
    index = [0] * n_tokens
    for s, sent in enumerate(sentences):
        for i in range(sent.first, sent.stop):
            index[i] = s
    return index


def _quote_mask(tokens: list[Token], quotes: list[Quote]) -> list[Quote | None]:
    mask: list[Quote | None] = [None] * len(tokens)
    q = 0
    for i, tok in enumerate(tokens):
        while q < len(quotes) and quotes[q].end <= tok.start:
            q += 1
        if q < len(quotes) and quotes[q].inner_start <= tok.start and tok.end <= quotes[q].inner_end:
            mask[i] = quotes[q]
    return mask


# --- quotations -------------------------------------------------------------------------------

_QUOTE_CHARS = re.compile(r"[“”\"‘’«»„]")
SCARE_QUOTE_MAX_WORDS = 4
_VERB_WINDOW_BEFORE = 8
_VERB_WINDOW_AFTER = 6


def find_quotes(
    text: str,
    tokens: list[Token],
    sentences: list[Sentence],
    is_speech_verb: Callable[[list[Token], int], int] | None = None,
) -> list[Quote]:
    """Find quotations and decide, for each, whether a speaker is named or it is a scare quote.

    `is_speech_verb(tokens, i)` returns the number of tokens of a speech verb or phrase starting at
    token i (0 if none); without it only a colon or a "Quote:" label introduces speech.
    """
    pairs = _pair_quote_marks(text)
    quotes = []
    starts = [t.start for t in tokens]
    for open_at, close_at, closed in pairs:
        inner = text[open_at + 1 : close_at]
        n_words = len(re.findall(r"\w+", inner))
        if n_words == 0:
            continue
        first = _bisect(starts, open_at + 1)
        last = _bisect(starts, close_at)
        cue, speaker = _attribution(text, tokens, sentences, first, last, is_speech_verb)
        if cue is not None:
            kind = "attributed"
        elif n_words <= SCARE_QUOTE_MAX_WORDS and not _ends_clause(inner):
            kind = "scare"
        else:
            kind = "unattributed"
        end = close_at + 1 if closed else close_at
        quotes.append(Quote(open_at, end, open_at + 1, close_at, kind, speaker, cue))
    return quotes


def _ends_clause(inner: str) -> bool:
    """A short quote ending in ! or ? is an exclamation someone made, not a scare quote."""
    return inner.rstrip().endswith(("!", "?"))


def _bisect(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _pair_quote_marks(text: str) -> list[tuple[int, int, bool]]:
    """Pair opening and closing marks. A quotation left open at a paragraph end closes there,
    unless the next paragraph starts with an opening mark (the convention for quotations that run
    over several paragraphs)."""
    pairs: list[tuple[int, int, bool]] = []  # (opening mark, closing mark or end, closed?)
    open_at: int | None = None
    closer, scan_from = "", 0
    for m in _QUOTE_CHARS.finditer(text):
        ch, pos = m.group(), m.start()
        if open_at is not None:
            newline = text.find("\n", scan_from, pos)
            if newline != -1:
                if ch in _REOPENERS and _next_paragraph_start(text, newline) == pos:
                    scan_from = pos + 1
                    continue
                pairs.append((open_at, _trim_end(text, newline), False))
                open_at = None
            elif ch == closer and _can_close(text, pos, ch):
                pairs.append((open_at, pos, True))
                open_at = None
                continue
        if open_at is None and ch in OPEN_QUOTES and _can_open(text, pos, ch):
            open_at, closer, scan_from = pos, OPEN_QUOTES[ch], pos + 1
    if open_at is not None:
        end = text.find("\n", scan_from)
        pairs.append((open_at, _trim_end(text, end if end != -1 else len(text)), False))
    return [(a, b, closed) for a, b, closed in pairs if b > a + 1]


_REOPENERS = frozenset("“\"«„")


def _next_paragraph_start(text: str, newline: int) -> int:
    i = newline
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _can_open(text: str, pos: int, ch: str) -> bool:
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    if after.isspace():
        return False
    if ch in "'‘’":
        return not before.isalnum()
    return ch != '"' or not before.isalnum()


def _can_close(text: str, pos: int, ch: str) -> bool:
    after = text[pos + 1] if pos + 1 < len(text) else " "
    if ch in "’'":  # an apostrophe inside a word is not a closing quote
        return not after.isalnum()
    return True


_NAME_RE = re.compile(r"[A-Z][\w'’.-]*")
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}


def _attribution(
    text: str,
    tokens: list[Token],
    sentences: list[Sentence],
    first: int,
    last: int,
    is_speech_verb: Callable[[list[Token], int], int] | None,
) -> tuple[str | None, str | None]:
    """Look for a speech verb (or a colon / "Quote:" label) introducing the quotation between
    tokens `first` and `last`, and the name of the speaker next to it."""
    sent_lo, sent_hi = _sentence_range(sentences, first, last, len(tokens))
    before = range(max(sent_lo, first - 1 - _VERB_WINDOW_BEFORE), first - 1)
    after = range(last + 1, min(sent_hi, last + 1 + _VERB_WINDOW_AFTER))
    if first >= 2 and tokens[first - 2].text == ":":
        label = tokens[first - 3].norm if first >= 3 else ""
        return ("quote:" if label == "quote" else ":"), _speaker(tokens, first - 3, sent_lo, -1)
    if is_speech_verb is None:
        return None, None
    for i in reversed(before):
        n = is_speech_verb(tokens, i)
        if n:
            cue = " ".join(t.norm for t in tokens[i : i + n])
            return cue, _speaker(tokens, i - 1, sent_lo, -1) or _speaker(tokens, i + n, first - 1, 1)
    for i in after:
        n = is_speech_verb(tokens, i)
        if n:
            cue = " ".join(t.norm for t in tokens[i : i + n])
            return cue, _speaker(tokens, i + n, sent_hi, 1) or _speaker(tokens, i - 1, last, -1)
    return None, None


def _sentence_range(
    sentences: list[Sentence], first: int, last: int, n_tokens: int
) -> tuple[int, int]:
    lo, hi = 0, n_tokens
    for sent in sentences:
        if sent.first <= first - 1 < sent.stop:
            lo = sent.first
        if sent.first <= last < sent.stop:
            hi = sent.stop
    return lo, hi


def _speaker(tokens: list[Token], i: int, limit: int, step: int) -> str | None:
    """The capitalised name nearest to token i, walking in direction `step` (a pronoun stops)."""
    for _ in range(12):
        if (step < 0 and i < max(limit, 0)) or (step > 0 and i >= min(limit, len(tokens))):
            return None
        tok = tokens[i]
        if tok.norm in _PRONOUNS:
            return None
        if _NAME_RE.fullmatch(tok.text) and tok.norm not in _NOT_NAMES:
            return _name_around(tokens, i)
        i += step
    return None


_NOT_NAMES = frozenset({"the", "a", "an", "in", "but", "and", "quote", "yet", "while", "as"})


def _name_around(tokens: list[Token], i: int) -> str:
    lo = hi = i
    while lo > 0 and _NAME_RE.fullmatch(tokens[lo - 1].text):
        lo -= 1
    while hi + 1 < len(tokens) and _NAME_RE.fullmatch(tokens[hi + 1].text):
        hi += 1
    return " ".join(t.text for t in tokens[lo : hi + 1])
