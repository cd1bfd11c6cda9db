"""Sentences, words, tokens and quotations, all with character offsets into the original text.

Quotation detection is what keeps the outlet's own voice apart from the people it quotes: every
offset knows whether it sits inside a quotation, and every quotation knows whether a speaker is
named (attributed) or whether it is a short phrase held at arm's length (a scare quote).

A `Doc` works on characters first, which is what scoring at speed needs: sentences, quotations and
word counts come from a few passes of C-level string methods. Tokens, which the stance measure and
the classifiers need, are built only when first asked for.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple, Protocol

from .build import is_compiled

# A word keeps inner hyphens and contractions ("so-called", "don't") but not the possessive 's,
# so "Russia's" yields "Russia" + "'s" and an alias "Russia" still matches.
TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # acronyms: U.S., U.N.
    r"|['’][sS]\b"  # possessive 's
    r"|\w+(?:-\w+)*(?:['’](?![sS]\b)\w+)?(?:-\w+)*"
    r"|[^\w\s]"
)

_ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "cmdr", "adm", "gov", "sen", "rep", "pres", "st", "jr", "sr", "vs", "etc", "inc", "ltd", "co", "corp", "no", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "fig", "e.g", "i.e", "approx", "est", "dept", "univ"]
)

_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))

OPEN_QUOTES = {"“": "”", '"': '"', "‘": "’", "«": "»", "„": "“"}

_COMPILED = is_compiled(__file__)  # setup.py compiles this module where it can


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


class Quote(NamedTuple):
    """A quotation: `start`/`end` include the marks, `inner_start`/`inner_end` exclude them.

    kind is ``attributed`` (a speech verb or speaker introduces it), ``scare`` (a short phrase with no
    speaker: the writer's distance, a sarcasm marker) or ``unattributed`` (longer quoted speech whose
    speaker is not named nearby). A named tuple, not a frozen dataclass: as immutable, and made in a
    tenth of the time.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    kind: str
    speaker: str | None = None
    cue: str | None = None  # the speech verb that attributes it


# A lexicon's hit as scoring reads it: (start, end, entry), character offsets, `end` exclusive.
Found = tuple[int, int, Any]


class SpeechVerbs(Protocol):
    """What finds speech verbs in a text (a speech-verb `Lexicon`): their hits, in reading
    order."""

    def found(self, doc: Doc) -> Sequence[Found]: ...


def normalise(word: str) -> str:
    """Lower case with straight apostrophes: the form lexicons and aliases are matched in."""
    lower = word.lower()
    if "’" in lower or "‘" in lower:
        lower = lower.replace("’", "'").replace("‘", "'")
    return lower


def normalise_text(text: str) -> str:
    """`normalise` for a whole text, keeping every character at its offset."""
    if _COMPILED:
        norm = _normalised_ascii_cased(text)
        if norm is not None:
            return norm
    norm = normalise(text)
    if len(norm) != len(text):  # a few characters (İ) lower-case to two: map one by one
        norm = "".join(c if len(n := normalise(c)) != 1 else n for c in text)
    return norm


def _normalised_ascii_cased(text: str) -> str | None:
    """`normalise(text)` by one typed loop that writes UTF-16, for a text whose only cased
    characters are ASCII letters (None for any other). str.lower() takes a slow path for any text
    with a character beyond ASCII, and curly quotes make most news text such."""
    if text.isascii():
        return text.lower()
    out = bytearray(2 * len(text))
    units = out  # compiled, a C pointer to its bytes
    i = 0
    for ch in text:
        code = ord(ch)
        if 65 <= code <= 90:  # A-Z
            code += 32
        elif code == 0x2019 or code == 0x2018:  # ’ ‘
            code = 39
        elif code > 127 and is_cased_beyond_ascii(ch):
            return None
        units[i] = code & 255  # little-endian
        units[i + 1] = code >> 8
        i += 2
    return out.decode("utf-16-le")


def is_cased_beyond_ascii(ch: str) -> bool:
    """Whether `ch`, beyond ASCII, may be changed by lower-casing: upper or title case (and a few
    such that it leaves alone, as ℂ); also a surrogate, or beyond one unit of UTF-16. A text
    without any has only ASCII letters to lower-case."""
    code = ord(ch)
    return ch.isupper() or ch.istitle() or 0xD800 <= code <= 0xDFFF or code > 0xFFFF


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split `text` into tokens whose offsets index `text` (shifted by `offset`)."""
    return _as_tokens(token_columns(text, offset))


def _as_tokens(columns: tuple[list[int], list[int], list[str], list[str]]) -> list[Token]:
    new = tuple.__new__  # NamedTuple's own constructor is several times slower
    return [new(Token, fields) for fields in zip(*columns)]


def token_columns(
    text: str, offset: int = 0
) -> tuple[list[int], list[int], list[str], list[str]]:
    """`tokenize` as four lists (starts, ends, texts, norms): what scoring reads, without the cost
    of one `Token` object per token."""
    if _COMPILED:  # the hot loop of stance scoring: compiled, one pass over the characters wins
        return _columns_by_character(text, offset)
    return _columns_by_chunk(text, offset)


_MARKS = ".,;:!?)]”\""  # a mark that often ends a word: "troops," "Kursk."


def _columns_by_chunk(
    text: str, offset: int
) -> tuple[list[int], list[int], list[str], list[str]]:
    """`token_columns` by white-space separated chunks: most are plain words, which need no
    regular expression, and str methods do the work (the fastest way in pure Python)."""
    starts: list[int] = []
    ends: list[int] = []
    texts: list[str] = []
    norms: list[str] = []
    find = text.find
    pos = 0
    for chunk in text.split():
        pos = find(chunk, pos)
        if chunk.isalnum():
            start = pos + offset
            starts.append(start)
            ends.append(start + len(chunk))
            texts.append(chunk)
            norms.append(chunk.lower())
        elif chunk[-1] in _MARKS and chunk[:-1].isalnum():
            start, word, mark = pos + offset, chunk[:-1], chunk[-1]
            end = start + len(word)
            starts.append(start)
            ends.append(end)
            texts.append(word)
            norms.append(word.lower())
            starts.append(end)
            ends.append(end + 1)
            texts.append(mark)
            norms.append(mark)
        else:
            _add_matches(chunk, pos + offset, starts, ends, texts, norms)
        pos += len(chunk)
    return starts, ends, texts, norms


def _columns_by_character(
    text: str, offset: int, texts_only: bool = False
) -> tuple[list[int] | None, list[int] | None, list[str], list[str] | None]:
    """`_columns_by_chunk` in one pass over the characters, which compiled code makes several
    times faster: no list of chunks, no search for each one, no method calls on plain words.
    Each chunk goes to `_add_chunk` with what the pass learnt of its characters. With
    `texts_only`, only the token strings are made: the other columns are None."""
    texts: list[str] = []
    starts: list[int] | None = None if texts_only else []
    ends: list[int] | None = None if texts_only else []
    norms: list[str] | None = None if texts_only else []
    first, alnum, plain = -1, True, True  # the chunk being read: its start, -1 between chunks
    for i, ch in enumerate(text):  # compiled, a loop over the characters without indexing
        if ch.isspace():
            if first >= 0:
                _add_chunk(text, first, i, alnum, plain, offset, starts, ends, texts, norms)
                first = -1
            continue
        if first < 0:
            first, alnum, plain = i, True, True
        if not _is_plain(ch):
            plain = False
            alnum = alnum and ch.isalnum()
    if first >= 0:
        _add_chunk(text, first, len(text), alnum, plain, offset, starts, ends, texts, norms)
    return starts, ends, texts, norms


def _add_chunk(
    text: str, i: int, j: int, alnum: bool, plain: bool, offset: int, starts: list[int],
    ends: list[int], texts: list[str], norms: list[str],
) -> None:
    """The tokens of text[i:j], a chunk without white space: one word when it is all letters and
    digits (its own normal form when `plain`, lower-case ASCII), else split by
    `_add_marked_word` or, failing that, by the regular expression. With `norms` None, the
    token strings alone."""
    if alnum:
        word = text[i:j]
        texts.append(word)
        if norms is not None:
            starts.append(i + offset)
            ends.append(j + offset)
            norms.append(word if plain else word.lower())
    elif not _add_marked_word(text, i, j, offset, starts, ends, texts, norms):
        _add_matches(text[i:j], i + offset, starts, ends, texts, norms)


def _add_marked_word(
    text: str, i: int, j: int, offset: int, starts: list[int], ends: list[int],
    texts: list[str], norms: list[str],
) -> bool:
    """The tokens of a chunk text[i:j] made of marks, a word, then marks ("“Kim", "(AP)",
    "troops,"), as TOKEN_RE splits it: one token per mark, and the word, whose runs of letters and
    digits may be joined by hyphens ("so-called") and which may end in a possessive ("Russia’s":
    "Russia" and "’s"). False, adding nothing, for any other chunk. An apostrophe may not lead:
    "’s" is a token of its own."""
    core = i
    while core < j and _is_mark(text[core]) and text[core] != "'" and text[core] != "’":
        core += 1
    stop, plain = core, True
    while stop < j:
        ch = text[stop]
        if ch.isalnum():
            plain = plain and _is_plain(ch)
        elif not (ch == "-" and stop + 1 < j and text[stop + 1].isalnum()):  # "so-called"
            break
        stop += 1
    end = stop  # after the possessive, if there is one
    if (stop > core and stop + 1 < j and (text[stop] == "'" or text[stop] == "’")
            and (text[stop + 1] == "s" or text[stop + 1] == "S")
            and (stop + 2 == j or _is_mark(text[stop + 2]))):
        end = stop + 2
    marks = end
    while marks < j and _is_mark(text[marks]):
        marks += 1
    if marks < j:
        return False
    _add_marks(text, i, core, offset, starts, ends, texts, norms)
    if stop > core:
        word = text[core:stop]
        texts.append(word)
        if norms is not None:
            starts.append(core + offset)
            ends.append(stop + offset)
            norms.append(word if plain else word.lower())
    if end > stop:
        possessive = text[stop:end]
        texts.append(possessive)
        if norms is not None:
            starts.append(stop + offset)
            ends.append(end + offset)
            norms.append(normalise(possessive))
    _add_marks(text, end, j, offset, starts, ends, texts, norms)
    return True


def _add_marks(
    text: str, start: int, stop: int, offset: int, starts: list[int], ends: list[int],
    texts: list[str], norms: list[str],
) -> None:
    """One token for each character of text[start:stop], all marks."""
    for k in range(start, stop):
        mark = text[k : k + 1]
        texts.append(mark)
        if norms is not None:
            starts.append(k + offset)
            ends.append(k + 1 + offset)
            norms.append(mark if text[k] < "\x80" else normalise(mark))  # ASCII: its own form


def _is_plain(ch: str) -> bool:
    """A lower-case ASCII letter or a digit: what str.lower() leaves as it is."""
    return "a" <= ch <= "z" or "0" <= ch <= "9"


def _is_mark(ch: str) -> bool:
    """A character TOKEN_RE makes a token of its own (`[^\\w\\s]`), in a chunk (no white space)."""
    return not ch.isalnum() and ch != "_"


def find_tokens(text: str, start: int, end: int) -> list[str]:
    """`TOKEN_RE.findall(text, start, end)`: compiled, by the tokenizer's character loop, several
    times faster than the regular expression (which pure Python runs fastest)."""
    if _COMPILED:
        return _columns_by_character(text[start:end], 0, True)[2]
    return TOKEN_RE.findall(text, start, end)


def _add_matches(
    chunk: str, start: int, starts: list[int], ends: list[int], texts: list[str],
    norms: list[str],
) -> None:
    """The tokens of a chunk that is not a plain word, by the regular expression."""
    for m in TOKEN_RE.finditer(chunk):
        word = m.group()
        texts.append(word)
        if norms is not None:
            at = start + m.start()
            starts.append(at)
            ends.append(at + len(word))
            norms.append(normalise(word))


def count_words(text: str, start: int = 0, end: int | None = None) -> int:
    """Words in text[start:end]: white-space separated chunks, except chunks that are one of the
    common marks standing alone (a dash, a bullet, an ellipsis...: `STANDALONE_MARKS`)."""
    start = max(start, 0)
    stop = len(text) if end is None else min(end, len(text))
    if stop <= start:
        return 0
    words, first, i = 0, -1, start  # first: where the chunk being read starts, -1 between chunks
    for ch in text[start:stop]:  # compiled, a loop over the characters (of one copy)
        if ch.isspace():
            if first >= 0:
                words += _is_word(text, first, i)
                first = -1
        elif first < 0:
            first = i
        i += 1
    if first >= 0:
        words += _is_word(text, first, i)
    return words


def _is_word(text: str, start: int, end: int) -> bool:
    """Whether the chunk text[start:end] counts as a word: a mark is at most three characters and
    never starts with a letter or digit."""
    return end - start > 3 or text[start].isalnum() or text[start:end] not in STANDALONE_MARKS


# Marks that are not words when they stand between spaces (a rarer one would count as a word).
STANDALONE_MARKS = frozenset(
    ["—", "–", "―", "-", "--", "•", "·", "*", "**", "***", "&", "/", "|", "…", "...", "“", "”", "‘",
     "’", '"', "'", "(", ")", "[", "]", "«", "»", ":", ";", ",", ".", "?", "!", "#", "+", "=", "~",
     "→", "»»", "%"]
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries as (start, end) offsets, trimmed of surrounding white space.

    Ends at . ! ? (not after a known abbreviation or an initial), at blank lines, and at a line break
    unless the next line visibly continues the sentence (starts in lower case, or with a number after
    a word in lower case), which copes with text pasted from web pages.
    """
    return sentences_and_words(text)[0]


def sentences_and_words(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """`split_sentences`, and the words of each sentence (`count_words`), in one pass."""
    n = len(text)
    bounds: list[tuple[int, int]] = []
    counts: list[int] = []
    cut = 0  # where the sentence being read starts (with the white space before it)
    count, first = 0, -1  # its words so far; where the chunk being read starts
    skip_to = 0  # the characters before it were read by the inner loops
    for i, ch in enumerate(text):  # compiled, a loop over the characters without indexing
        if i < skip_to:  # the end of a chunk: in it already, and never white space
            continue
        if "@" <= ch <= "\x7f":  # ASCII letters, most of a text: no space, no sentence end
            if first < 0:
                first = i
            continue
        # `count_words`' loop, written into this one: a call to share it would come at every
        # character
        if ch.isspace():
            if first >= 0:
                count += _is_word(text, first, i)
                first = -1
        elif first < 0:
            first = i
        if ch == "\n":
            if not _continues_line(text, i):
                _add_sentence(text, cut, i, count, bounds, counts)
                cut, count = i, 0
        elif ch in ".!?…":
            end = i
            while end < n and text[end] in ".!?…":
                end += 1
            while end < n and text[end] in "\"”’')]":  # closing quotes and brackets stay with it
                end += 1
            if (end < n and text[end].isspace()
                    and not (ch == "." and _is_abbreviation(text, i))
                    and not _lower_case_follows(text, end)):  # "the U.S. condemned": not an end
                count += _is_word(text, first, end)  # the chunk ends at the white space there
                first = -1
                _add_sentence(text, cut, end, count, bounds, counts)
                cut, count = end, 0
            skip_to = end
    if first >= 0:
        count += _is_word(text, first, n)
    _add_sentence(text, cut, n, count, bounds, counts)
    return bounds, counts


def _add_sentence(
    text: str, lead: int, tail: int, words: int, bounds: list[tuple[int, int]], counts: list[int]
) -> None:
    """text[lead:tail] and its `words`, without white space at either end: unless nothing is left
    (a stretch of white space alone has no words either)."""
    while lead < tail and text[lead].isspace():
        lead += 1
    while tail > lead and text[tail - 1].isspace():
        tail -= 1
    if lead < tail:
        bounds.append((lead, tail))
        counts.append(words)


def _lower_case_follows(text: str, end: int) -> bool:
    """Whether a lower-case letter comes next, after at most two spaces."""
    stop = min(end + 3, len(text))
    while end < stop and text[end].isspace():
        end += 1
    return end < stop and text[end].islower()


def _is_abbreviation(text: str, period: int) -> bool:
    """Whether the word before the full stop at `period` is an abbreviation or an initial: the
    characters after the last space or line break in the 12 before it (all of them if there is
    none), without opening quotes or brackets and trailing full stops."""
    lo, start, dot = max(0, period - 12), period, period  # dot: the first full stop in the stem
    while start > lo:
        ch = text[start - 1]
        if ch == " " or ch == "\n":
            break
        if ch == ".":
            dot = start - 1
        start -= 1
    end = period
    while start < end and text[start] in "\"“‘'([":
        start += 1
    while end > start and text[end - 1] == ".":
        end -= 1
    if end - start == 1:  # an initial, unless it lower-cases to two characters (as İ does)
        return len(text[start:end].lower()) == 1
    if dot < end:  # a full stop inside the stem, not one of those that end it ("U.S.")
        return True
    return end - start <= _LONGEST_ABBREVIATION and text[start:end].lower() in _ABBREVIATIONS


def _continues_line(text: str, newline: int) -> bool:
    """Whether the line after the line break at `newline` continues its sentence, judged on the
    (at most) 39 characters after it without leading spaces or tabs and the 40 before it without
    trailing white space: not when either is empty, at a blank line or after a closing mark; yes
    when the next line starts in lower case, or with a number after a word in lower case. One
    character at a time, with no slice: news text has a line break in every paragraph."""
    n = len(text)
    first, stop = newline + 1, min(newline + 40, n)
    while first < stop and (text[first] == " " or text[first] == "\t"):
        first += 1
    lo, last = max(0, newline - 40), newline - 1
    while last >= lo and text[last].isspace():
        last -= 1
    if first >= stop or last < lo:
        return False
    opening, closing = text[first], text[last]
    if closing in ".!?:…\"”":
        return False
    if opening.islower():  # never at a blank line: a line break is neither a letter nor a digit
        return True
    if not (opening.isdigit() and closing.isalpha()):
        return False
    word = last  # the last word before the break
    while word > lo and not text[word - 1].isspace():
        word -= 1
    return text[word : last + 1].islower()


class _memo:
    """`functools.cached_property` without its lock: a `Doc` is never shared between threads,
    and in Python 3.11 the lock and the interpreted `__get__` cost microseconds an article. As
    with the original, the value computed on first use is kept in the instance's `__dict__`,
    where later reads find it without calling `__get__`."""

    def __init__(self, compute: Callable[[Doc], Any]) -> None:
        self.compute = compute
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, doc: Doc | None, owner: type | None = None) -> Any:
        if doc is None:
            return self
        value = doc.__dict__[self.name] = self.compute(doc)
        return value


class Doc:
    """A text analysed once: sentences, quotations, own-voice word counts; tokens on demand.

    `speech_verbs` (a speech-verb lexicon) lets quotations be attributed to a speaker; without it
    only a colon or a "Quote:" label introduces speech.
    """

    def __init__(self, text: str, *, speech_verbs: SpeechVerbs | None = None) -> None:
        if not isinstance(text, str):  # the compiled string loops would misread anything else
            raise TypeError(f"a Doc is made of text (str), not {type(text).__name__}")
        self.text = text
        self.speech_verbs = speech_verbs
        self.memo: dict[object, object] = {}  # per-document results shared between measures

    # --- characters: what every measure needs ---------------------------------------------

    @_memo
    def norm(self) -> str:
        """The text lower-cased with straight apostrophes, every character at its offset: what
        lexicons are matched in, where the compiled matcher cannot fold the case as it reads."""
        return normalise_text(self.text)

    @_memo
    def _sentences_and_words(self) -> tuple[list[tuple[int, int]], list[int]]:
        return sentences_and_words(self.text)

    @_memo
    def sentence_bounds(self) -> list[tuple[int, int]]:
        return self._sentences_and_words[0]

    @_memo
    def _sentence_starts(self) -> list[int]:
        return [start for start, _ in self.sentence_bounds]

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding (or last starting before) character `offset`."""
        return max(bisect_right(self._sentence_starts, offset) - 1, 0)

    def sentences_at(self, offsets: Iterable[int]) -> list[int]:
        """`sentence_at` of each offset, by one walk when they come in order (evidence does)."""
        return _last_at_or_before(self._sentence_starts, offsets)

    def sentence_around(self, offset: int) -> tuple[int, int]:
        """(start, end) of that sentence; (0, 0) in a text without any."""
        return self.sentence_bounds[self.sentence_at(offset)] if self.sentence_bounds else (0, 0)

    @_memo
    def _quotes_and_words(self) -> tuple[list[Quote], list[int]]:
        return quotes_and_words(self)

    @_memo
    def quotes(self) -> list[Quote]:
        return self._quotes_and_words[0]

    @_memo
    def _quote_starts(self) -> list[int]:
        return [q.inner_start for q in self.quotes]

    def quote_around(self, start: int, end: int | None = None) -> Quote | None:
        """The quotation whose inner text holds text[start:end] (a single offset without `end`)."""
        k = bisect_right(self._quote_starts, start) - 1
        if k < 0:
            return None
        quote = self.quotes[k]
        stop = start + 1 if end is None else end
        return quote if stop <= quote.inner_end else None

    @_memo
    def sentence_words(self) -> list[int]:
        return self._sentences_and_words[1]

    @_memo
    def sentence_own_words(self) -> list[int]:
        """Own-voice words in each sentence: its words minus those inside quotations."""
        own, bounds = list(self.sentence_words), self.sentence_bounds
        quotes, words = self._quotes_and_words
        for quote, inside in zip(quotes, words):
            first = self.sentence_at(quote.inner_start)
            start, end = bounds[first] if bounds else (0, 0)
            if start <= quote.inner_start and quote.inner_end <= end:  # most: its words are known
                own[first] = max(own[first] - inside, 0)
                continue
            for s in range(first, len(own)):
                start, end = bounds[s]
                if start >= quote.inner_end:
                    break
                inside = count_words(self.text, max(start, quote.inner_start),
                                     min(end, quote.inner_end))
                own[s] = max(own[s] - inside, 0)
        return own

    @_memo
    def words(self) -> int:
        return sum(self.sentence_words)

    @_memo
    def own_sentences(self) -> int:
        """Sentences with at least one own-voice word."""
        return sum(1 for n in self.sentence_own_words if n)

    @_memo
    def own_words(self) -> int:
        return sum(self.sentence_own_words)

    # --- tokens: built on first use (stance, classifiers) -----------------------------------

    @_memo
    def tokens(self) -> list[Token]:
        return _as_tokens(self._token_columns)

    @_memo
    def _token_columns(self) -> tuple[list[int], list[int], list[str], list[str]]:
        return token_columns(self.text)

    # The tokens column by column: what the scoring code reads (no object per token).
    @_memo
    def token_starts(self) -> list[int]:
        return self._token_columns[0]

    @_memo
    def token_ends(self) -> list[int]:
        return self._token_columns[1]

    @_memo
    def token_texts(self) -> list[str]:
        return self._token_columns[2]

    @_memo
    def token_norms(self) -> list[str]:
        return self._token_columns[3]

    @_memo
    def sentences(self) -> list[Sentence]:
        """Sentences with the range of their tokens."""
        bounds = self.sentence_bounds
        new = tuple.__new__  # NamedTuple's own constructor is several times slower
        return [new(Sentence, (*bound, *tokens))
                for bound, tokens in zip(bounds, token_ranges(bounds, self.token_starts))]

    @_memo
    def sentence_of(self) -> list[int]:
        index = [0] * len(self.token_starts)
        for s, sent in enumerate(self.sentences):
            index[sent.first : sent.stop] = [s] * (sent.stop - sent.first)
        return index

    @_memo
    def in_quote(self) -> list[Quote | None]:
        """For each token, the quotation it sits inside, or None in the outlet's own voice."""
        starts, ends, quotes = self.token_starts, self.token_ends, self.quotes
        mask: list[Quote | None] = [None] * len(starts)
        inner = [(quote.inner_start, quote.inner_end) for quote in quotes]
        for quote, (first, stop) in zip(quotes, token_ranges(inner, starts)):
            if stop > first and ends[stop - 1] > quote.inner_end:
                stop -= 1
            mask[first:stop] = [quote] * (stop - first)
        return mask

    def token_at(self, offset: int) -> int:
        """Index of the first token that ends after `offset`."""
        k = bisect_right(self.token_starts, offset)
        return k - 1 if k and self.token_ends[k - 1] > offset else k


def token_ranges(
    spans: Sequence[tuple[int, int]], starts: list[int]
) -> list[tuple[int, int]]:
    """The token range of each (start, end) span of characters (end >= start): the first token
    (of those starting at `starts`) that starts at or after its start, and the first at or after
    its end, as `bisect_left` finds them. Spans mostly come in reading order, so each search starts
    where the last one ended. (Plain tuples: a named tuple's items, read by index in compiled
    code, cost a call into Python each.)"""
    ranges, k = [], 0
    for start, end in spans:
        if k and starts[k - 1] >= start:  # a span out of order: search from the beginning
            k = 0
        first = bisect_from(starts, start, k)
        k = bisect_from(starts, end, first)
        ranges.append((first, k))
    return ranges


def bisect_from(values: list[int], x: int, lo: int = 0) -> int:
    """`bisect.bisect_left(values, x, lo)`; compiled, as a loop, a fraction of the cost of a call
    into Python (which pure Python runs fastest)."""
    if not _COMPILED:
        return bisect_left(values, x, lo)
    hi = len(values)
    while lo < hi:
        mid = (lo + hi) // 2
        at = values[mid]  # typed, compiled: compared as a C integer
        if at < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _last_at_or_before(starts: list[int], offsets: Iterable[int]) -> list[int]:
    """For each offset, the index of the last of `starts` at or before it, 0 when there is none:
    `max(bisect_right(starts, offset) - 1, 0)`, found by one walk when offsets come in order."""
    places, k, n = [], 0, len(starts)
    for offset in offsets:
        while k > 0:
            at = starts[k]  # typed, compiled: compared as a C integer
            if at <= offset:
                break
            k -= 1
        while k + 1 < n:
            at = starts[k + 1]
            if at > offset:
                break
            k += 1
        places.append(k)
    return places


# --- quotations -------------------------------------------------------------------------------

SCARE_QUOTE_MAX_WORDS = 4
_VERB_WINDOW_BEFORE = 8  # tokens between a speech verb and the opening mark, at most
_VERB_WINDOW_AFTER = 6  # tokens after the closing mark in which a speech verb may start
_SPEAKER_REACH = 12  # tokens walked from the speech verb to find the speaker's name


def in_quotes(doc: Doc, hits: Sequence[Found]) -> list[bool]:
    """For each hit (start, end, ...), whether it lies inside a quotation of `doc`, as
    `Doc.quote_around(start, end) is not None` tells: the last quotation opening at or before the
    hit, found for all hits by one walk when they come in reading order, must close after it."""
    quotes, openings = doc.quotes, doc._quote_starts
    if not quotes:
        return [False] * len(hits)
    inside, k, last = [], 0, len(quotes) - 1
    for hit in hits:
        start, end = hit[0], hit[1]
        while k > 0:  # typed, compiled: the offsets are compared as C integers
            at = openings[k]
            if at <= start:
                break
            k -= 1
        while k < last:
            at = openings[k + 1]
            if at > start:
                break
            k += 1
        at, stop = openings[k], quotes[k].inner_end
        inside.append(at <= start and end <= stop)
    return inside


def find_quotes(doc: Doc) -> list[Quote]:
    """Find quotations and decide, for each, whether a speaker is named or it is a scare quote."""
    return quotes_and_words(doc)[0]


def quotes_and_words(doc: Doc) -> tuple[list[Quote], list[int]]:
    """`find_quotes`, and the words inside each quotation (`count_words`)."""
    text = doc.text
    verbs = doc.speech_verbs.found(doc) if doc.speech_verbs is not None else []
    starts = [verb[0] for verb in verbs]
    quotes, words = [], []
    new = tuple.__new__  # NamedTuple's own constructor is several times slower
    pairs, bounds = _pair_quote_marks(text), doc.sentence_bounds or [(0, 0)]
    # the sentences each quotation opens and closes in, by one walk: the pairs come in order
    around = doc.sentences_at([at for open_at, close_at, _ in pairs for at in (open_at, close_at)])
    for k, (open_at, close_at, closed) in enumerate(pairs):
        inner = text[open_at + 1 : close_at]
        n_words = count_words(inner)
        if n_words == 0:
            continue
        words.append(n_words)
        sentence = bounds[around[2 * k]][0], bounds[around[2 * k + 1]][1]
        cue, speaker = _attribution(doc, open_at, close_at, sentence, verbs, starts)
        if cue is not None:
            kind = "attributed"
        elif n_words <= SCARE_QUOTE_MAX_WORDS and not _ends_clause(inner):
            kind = "scare"
        else:
            kind = "unattributed"
        end = close_at + 1 if closed else close_at
        quotes.append(new(Quote, (open_at, end, open_at + 1, close_at, kind, speaker, cue)))
    return quotes, words


def _ends_clause(inner: str) -> bool:
    """A short quote ending in ! or ? is an exclamation someone made, not a scare quote."""
    return inner.rstrip().endswith(("!", "?"))


def _pair_quote_marks(text: str) -> list[tuple[int, int, bool]]:
    """Pair opening and closing marks. A quotation left open at a paragraph end closes there,
    unless the next paragraph starts with an opening mark (the convention for quotations that run
    over several paragraphs)."""
    pairs: list[tuple[int, int, bool]] = []  # (opening mark, closing mark or end, closed?)
    open_at = -1  # the open quotation's mark, -1 when none is open
    closer, scan_from, n = "\0", 0, len(text)
    for pos in _quote_marks(text):
        ch = text[pos]
        if ch == "’" and 0 < pos < n - 1 and text[pos - 1].isalnum() and text[pos + 1].isalnum():
            continue  # an apostrophe inside a word neither opens nor closes
        if open_at >= 0:
            newline = text.find("\n", scan_from, pos)
            if newline != -1:
                if ch in "“\"«„" and skip_space(text, newline) == pos:
                    scan_from = pos + 1
                    continue
                pairs.append((open_at, trim_space(text, newline), False))
                open_at = -1
            elif ch == closer and _can_close(text, pos, ch):
                pairs.append((open_at, pos, True))
                open_at = -1
                continue
        if open_at < 0 and ch in OPEN_QUOTES and _can_open(text, pos, ch):
            open_at, closer, scan_from = pos, OPEN_QUOTES[ch], pos + 1
    if open_at >= 0:
        end = text.find("\n", scan_from)
        pairs.append((open_at, trim_space(text, end if end != -1 else len(text)), False))
    return [(a, b, closed) for a, b, closed in pairs if b > a + 1]


def _quote_marks(text: str) -> list[int]:
    """Where the quotation marks are (curly apostrophes among them), in order. A search for each
    mark (only the straight double quote in an ASCII text) runs at the speed of memchr, where a
    loop would take each character in turn."""
    marks = []
    for mark in _ASCII_QUOTE_MARKS if text.isascii() else _QUOTE_MARKS:
        at = text.find(mark)
        while at != -1:
            marks.append(at)
            at = text.find(mark, at + 1)
    marks.sort()
    return marks


# The quotation marks (a straight apostrophe never opens or closes a quotation), and those of
# them in ASCII
_QUOTE_MARKS = ("“", "”", '"', "‘", "’", "«", "»", "„")
_ASCII_QUOTE_MARKS = ('"',)


def skip_space(text: str, at: int) -> int:
    """The first offset from `at` on that is not white space (the length of the text if none)."""
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def trim_space(text: str, end: int, lo: int = 0) -> int:
    """`end` moved back over the white space before it, no further than `lo`."""
    while end > lo and text[end - 1].isspace():
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


_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_NOT_NAMES = frozenset({"the", "a", "an", "in", "but", "and", "quote", "yet", "while", "as"})


def _attribution(
    doc: Doc, open_at: int, close_at: int, sentence: tuple[int, int], verbs: Sequence[Found],
    starts: list[int],
) -> tuple[str | None, str | None]:
    """Look for a speech verb (or a colon / "Quote:" label) introducing the quotation that opens
    at `open_at` and closes at `close_at`, and the name of the speaker next to it. `sentence`:
    where the sentence it opens in starts, and where the one it closes in ends."""
    text = doc.text
    sent_lo, sent_hi = sentence
    colon = open_at - 1
    while colon >= 0 and text[colon].isspace():
        colon -= 1
    if colon >= 0 and text[colon] == ":":
        label = find_tokens(text, max(0, colon - 40), colon)
        cue = "quote:" if label and label[-1].lower() == "quote" else ":"
        return cue, _speaker(_tokens(text, sent_lo, colon), backwards=True)
    k = bisect_right(starts, open_at) - 1
    while k >= 0 and verbs[k][1] > open_at:
        k -= 1
    if k >= 0 and verbs[k][0] >= sent_lo:
        start, end = verbs[k][0], verbs[k][1]
        if _at_most_tokens(text, start, open_at, _VERB_WINDOW_BEFORE):
            name = _speaker(_tokens(text, sent_lo, start), backwards=True) or _speaker(
                _tokens(text, end, open_at))
            return _cue(text, start, end), name
    close_end = min(close_at + 1, len(text))
    k = bisect_left(starts, close_end)
    if k < len(verbs) and verbs[k][0] < sent_hi:
        start, end = verbs[k][0], verbs[k][1]
        if _at_most_tokens(text, close_end, start, _VERB_WINDOW_AFTER - 1):
            name = _speaker(_tokens(text, end, sent_hi)) or _speaker(
                _tokens(text, close_end, start), backwards=True)
            return _cue(text, start, end), name
    return None, None


def _at_most_tokens(text: str, start: int, end: int, limit: int) -> bool:
    """Whether text[start:end] holds at most `limit` tokens. Every word counts as at least one
    token, so a span with more words is settled by a count of characters, without the regex."""
    if count_words(text, start, end) > limit:
        return False
    return len(find_tokens(text, start, end)) <= limit


def _cue(text: str, start: int, end: int) -> str:
    return " ".join(normalise(text[start:end]).split())


def _tokens(text: str, start: int, end: int) -> list[str]:
    """The token strings of text[start:end], at most `_SPEAKER_REACH` at each end."""
    found = find_tokens(text, start, end)
    if len(found) > 2 * _SPEAKER_REACH:
        found = found[:_SPEAKER_REACH] + found[-_SPEAKER_REACH:]
    return found


def _speaker(words: list[str], *, backwards: bool = False) -> str | None:
    """The first capitalised name met walking along `words` (backwards: from the end), with the
    capitalised words next to it ("Oleksandr Merezhko"); a pronoun stops the walk."""
    walk = words[::-1] if backwards else words
    for i, word in enumerate(walk[:_SPEAKER_REACH]):
        lower = word.lower()
        if lower in _PRONOUNS:
            return None
        if _is_name(word) and lower not in _NOT_NAMES:
            lo = hi = i
            while lo > 0 and _is_name(walk[lo - 1]):
                lo -= 1
            while hi + 1 < len(walk) and _is_name(walk[hi + 1]):
                hi += 1
            name = walk[lo : hi + 1]
            return " ".join(name[::-1] if backwards else name)
    return None


def _is_name(word: str) -> bool:
    """Whether `word` looks like part of a name: an ASCII capital, then letters, digits and
    ' ’ . - _ (the regular expression [A-Z][\\w'’.-]*, a character loop when compiled)."""
    if not word or not "A" <= word[0] <= "Z":
        return False
    for ch in word:
        if not (ch.isalnum() or ch in "_'’.-"):
            return False
    return True
