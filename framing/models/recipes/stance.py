"""Recipe for target-dependent sentiment: how a sentence speaks of one person in it (NewsMTSC).

The model sees the sentence from the target's seat: every word is marked by its side and its
distance from the mention ("L1_said" is the word just before it), so the same word means
different things before and after the target and counts more when near. Lexicon evidence
adds what n-grams learn slowly from 8,700 examples: VADER valences near the target
(nearer words weigh more, a negation flips them), pejorative labels and loaded verbs, whether
the target is the one speaking ("X said", "X accused"), whether it sits inside a quotation, and
how many other people the sentence names (words near this target then matter more).
"""
from __future__ import annotations

from array import array
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from ...lexicon import builtin
from ...sentiment import NEGATION_SCALAR, negated, token_valences
from ...text import Doc
from ...text import Sentence as TextSentence
from ..items import Item
from ..rows import Rows

if TYPE_CHECKING:
    from ..linear import Lookup

LABELS: tuple[str, ...] = ("negative", "neutral", "positive")
POSITIVE: str | None = None
PARAMS: dict = {
    "C": 1.0,
    "class_weight": "balanced",
    "sublinear_tf": True,
    "min_df": 2,
    "max_features": 200000,
    "dense_weight": 1.0,
    "threshold": None,
}
DENSE_NAMES: tuple[str, ...] = (
    "vader_near",
    "vader_left",
    "vader_right",
    "vader_sentence",
    "vader_pos_near",
    "vader_neg_near",
)
NEAR = 8  # tokens either side that count as "near" the target
_LEXICONS = ("loaded", "speech_verbs", "sarcasm", "event_words")


Cue = tuple[str, int, int, str, str]  # lexicon, first token, stop token, category, entry


class Sentence(NamedTuple):
    """What a sentence gives every target in it: its parse, lexicon matches and valences,
    worked out once however many targets it holds."""

    doc: Doc
    norms: list[str]
    capitalised: list[bool]  # a capital initial after the first token (a name, most likely)
    cues: list[Cue]  # token indices counted from the sentence's start
    valued: list[tuple[int, float]]  # (token, VADER valence with negation applied)
    flags: list[str]  # "question", "exclaim"


class View(NamedTuple):
    """A sentence seen from its target: the target's token range and whether it is quoted."""

    sentence: Sentence
    first: int  # first target token
    stop: int  # one past the last target token
    quoted: bool


def analyze(item: Item) -> list[str]:
    """Sparse features: positional words, sentence n-grams and lexicon cues."""
    return _features(_item_view(item))


def dense(item: Item) -> list[float]:
    """VADER valence sums near, left of, right of the target and over the whole sentence."""
    view = _item_view(item)
    return list(_valence(view.sentence.valued, view.first, view.stop))


def indexed_rows(
    items: Sequence[Item], lookup: Lookup
) -> tuple[Rows, list[Sequence[float]]]:
    """`analyze` as vocabulary columns, and `dense`, of many items at once: each sentence is
    analysed once, and the columns of a word's positional and n-gram features are looked up
    once per model (memoised by word), not once per target."""
    parsed = {item.text: _sentence(item.text) for item in items}
    rows = _RowBuilder(lookup, sum(len(sentence.norms) for sentence in parsed.values()))
    sentences = {text: (sentence, rows.add_sentence(sentence))
                 for text, sentence in parsed.items()}
    values: list[Sequence[float]] = []
    for item in items:
        sentence, at = sentences[item.text]
        _, first, stop, quoted = _view(sentence, *(item.target or (0, 0)))
        rows.add_target(sentence, first, stop, quoted, at)
        values.append(_valence(sentence.valued, first, stop))
    return rows.build(), values


def mention_rows(
    doc: Doc, mentions: Sequence[tuple[int, int]], lookup: Lookup
) -> tuple[Rows, list[Sequence[float]]]:
    """`indexed_rows` for mentions (token ranges) of an analysed article: each mention's sentence
    is read from the article's own tokens, quotations and lexicon matches, not parsed again
    (the features differ from a lone sentence's only where a quotation or a rule's context runs
    across sentences: 2 of 1,667 mentions on the seed and PTC articles)."""
    # the article's analyses, read once (each is a cached property: a look-up per access)
    sentence_of, sentences, in_quote = doc.sentence_of, doc.sentences, doc.in_quote
    by_sentence: dict[int, list[Cue]] = {}
    for cue in _lexicon_matches(doc):
        if cue[1] < len(sentence_of):
            by_sentence.setdefault(sentence_of[cue[1]], []).append(cue)
    rows = _RowBuilder(lookup, len(doc.token_norms))  # the sentences' tokens are the article's
    records: dict[int, tuple[Sentence, int, int]] = {}
    values: list[Sequence[float]] = []
    for first, stop in mentions:
        s = sentence_of[first]
        if s not in records:
            sentence = _sentence_of(doc, sentences[s], by_sentence.get(s, []))
            records[s] = sentence, rows.add_sentence(sentence), sentences[s].first
        sentence, at, base = records[s]
        quoted = in_quote[first] is not None
        first, stop = first - base, stop - base  # counted from the sentence's first token
        rows.add_target(sentence, first, stop, quoted, at)
        values.append(_valence(sentence.valued, first, stop))
    return rows.build(), values


_new = tuple.__new__  # a named tuple's own constructor is a Python function: several times slower


def _item_view(item: Item) -> View:
    return _view(_sentence(item.text), *(item.target or (0, 0)))


# analyze then dense on one item parse it once; small, so repeated texts never make a
# benchmark look faster than fresh text would be
@lru_cache(maxsize=8)
def _sentence(text: str) -> Sentence:
    doc = Doc(text)
    sentence = TextSentence(0, len(text), 0, len(doc.token_starts))
    return _sentence_of(doc, sentence, _lexicon_matches(doc))


def _lexicon_matches(doc: Doc) -> list[Cue]:
    """The matches of the lexicons the features read, in the whole of `doc`."""
    return [(name, m.first, m.stop, m.entry.category, m.entry.entry)
            for name in _LEXICONS for m in builtin(name).matches(doc)]


def _sentence_of(doc: Doc, sent: TextSentence, cues: list[Cue]) -> Sentence:
    """The target-free part of one sentence of `doc` (`cues`: at least its lexicon matches),
    token indices counted from its start."""
    start, end, first, stop = sent
    norms = doc.token_norms[first:stop]
    texts = doc.token_texts[first:stop]
    values = token_valences(doc)
    valued = []
    capitalised = []
    for i in range(len(norms)):
        value = values[first + i]
        if value:
            if negated(norms, i):
                value *= NEGATION_SCALAR
            valued.append((i, value))
        word = texts[i]
        capitalised.append(i > 0 and word[0].isupper())
    text = doc.text
    return _new(Sentence, (
        doc,
        norms,
        capitalised,
        [(name, cue_first - first, cue_stop - first, category, entry)
         for name, cue_first, cue_stop, category, entry in cues
         if first <= cue_first and cue_stop <= stop],
        valued,
        # a ? or ! is always a token of its own, so the sentence's characters tell
        [flag for flag, mark in (("question", "?"), ("exclaim", "!"))
         if text.find(mark, start, end) >= 0],
    ))


def _pairs(norms: list[str]) -> list[str]:
    """"_a_b" for each pair of neighbouring tokens."""
    return [f"_{a}_{b}" for a, b in pairwise(norms)]


def _view(sentence: Sentence, start: int, end: int) -> View:
    starts, ends = sentence.doc.token_starts, sentence.doc.token_ends
    n, first = len(starts), 0
    while first < n and not (starts[first] < end and ends[first] > start):
        first += 1
    if first == n:  # no target: treat the sentence start as the seat
        return View(sentence, 0, 0, False)
    stop = first + 1
    while stop < n and starts[stop] < end and ends[stop] > start:
        stop += 1
    return View(sentence, first, stop, sentence.doc.in_quote[first] is not None)


def _features(view: View) -> list[str]:
    feats = _positional(view)
    feats += _ngrams(view)
    feats += _cues(view)
    return feats


_BUCKETS = ("1", "2", "4", "7", "far")  # distance buckets, by `_slot`


def _bucket(distance: int) -> str:
    return _BUCKETS[_slot(distance)]


def _slot(distance: int) -> int:
    """The word table's column slot (0-4: _SIDES order) for a word this far from the target."""
    if distance == 1:
        return 0
    if distance <= 3:
        return 1
    if distance <= 6:
        return 2
    if distance <= 12:
        return 3
    return 4


_FAR = 13  # distances from here on share the last bucket
_LEFT = ["", *(f"L{_bucket(d)}" for d in range(1, _FAR + 1))]
_RIGHT = ["", *(f"R{_bucket(d)}" for d in range(1, _FAR + 1))]


def _positional(view: View) -> list[str]:
    """Each word (and the pair it starts, away from the target) by side and distance bucket:
    "L1_said", "R2_the_regime"."""
    norms, first, stop = view.sentence.norms, view.first, view.stop
    pairs = _pairs(norms)
    out = []
    append = out.append
    for i in range(first - 1, -1, -1):
        b = _LEFT[min(first - i, _FAR)]
        append(f"{b}_{norms[i]}")
        if i + 1 < first:
            append(b + pairs[i])
    for i in range(stop, len(norms)):
        b = _RIGHT[min(i - stop + 1, _FAR)]
        append(f"{b}_{norms[i]}")
        if i > stop:
            append(b + pairs[i - 1])
    return out


def _ngrams(view: View) -> list[str]:
    """Whole-sentence unigrams and bigrams with the target replaced by one placeholder."""
    norms, first, stop = view.sentence.norms, view.first, view.stop
    pairs = _pairs(norms)
    out = [f"w_{w}" for w in norms[:first]]
    out.append("w_<T>")
    out += [f"w_{w}" for w in norms[stop:]]
    out += [f"b{p}" for p in pairs[: max(first - 1, 0)]]
    if first:
        out.append(f"b_{norms[first - 1]}_<T>")
    if stop < len(norms):
        out.append(f"b_<T>_{norms[stop]}")
    out += [f"b{p}" for p in pairs[stop:]]
    return out


def _cues(view: View) -> list[str]:
    out = _lexicon_cues(view)
    out += _target_cues(view.sentence, view.first, view.stop, view.quoted)
    return out


_NAMES = tuple(f"names_{n}" for n in range(5))  # how many other names: 0, 1, 2, 3, 4 or more


def _target_cues(sentence: Sentence, first: int, stop: int, quoted: bool) -> list[str]:
    """The cues that are not lexicon matches, of the target at tokens first..stop: voice, how
    many others the sentence names, its punctuation, whether the target opens it."""
    out = ["quoted"] if quoted else ["own_voice"]
    capitalised, names = sentence.capitalised, 0
    for i in range(len(capitalised)):
        if capitalised[i] and not first <= i < stop:
            names += 1
    out.append(_NAMES[min(names, 4)])
    out += sentence.flags
    if first == 0:
        out.append("target_starts")
    return out


# The features one word makes wherever it stands: "L1_w" .. "Rfar_w", "w_w" and the bigrams
# with the target. Columns 0-4 are left buckets, 5-9 right ones, in _SIDES order; a pair of
# neighbouring words makes the _SIDES ones and the sentence bigram "b_a_b" (columns found by
# the two words' offsets in the word memo); a lexicon cue the _SIDES ones
# and "_T" (on the target), a speech verb then "target_says_" its category and its entry.
_SIDES = tuple(f"{side}{b}" for side in "LR" for b in _BUCKETS)
_W, _B_BEFORE_T, _B_AFTER_T = 10, 11, 12
_ON_TARGET, _SAYS_CATEGORY, _SAYS_ENTRY = 10, 11, 12
_TARGET_FIELDS = 8  # what `_RowBuilder.targets` holds per target (see `add_target`)


class _RowBuilder:
    """The columns of `_features` for many targets, built from the memoised columns of their
    words, pairs and lexicon cues instead of strings, and written in one typed pass at the end
    (`build`) into one array of C ints."""

    def __init__(self, lookup: Lookup, tokens: int) -> None:
        """`tokens`: how many tokens the sentences to be added have in all."""
        self.vocabulary = lookup.vocabulary
        self.column = lookup.column
        # fetched once: a memo that fills up mid-batch is replaced only for the next batch
        self.word_memo = lookup.memo("stance:words")
        self.cue_memo = lookup.memo("stance:cues")
        # C ints, written in place (compiled, a Python int per token cost a cache miss to read
        # and another to free)
        self.words = _zeros(tokens)  # per token: where its word's columns are
        self.pairs = _zeros(tokens)  # per token: where its pair's columns are
        self.tokens = 0  # how many of them the sentences so far have taken
        self.cues: list[int] = []  # per lexicon cue: first token, stop token, where, speech verb?
        self.sentences: list[tuple[int, int, int, int]] = []  # word base, tokens, cues from, to
        self.targets: list[int] = []  # per target: its sentence's four, first, stop, cues from, to
        self.target_cues: list[int] = []  # the columns of each target's `_target_cues`
        self.room = 0

    def add_sentence(self, sentence: Sentence) -> int:
        """Look up the columns of a sentence's words, pairs and cues; returns its number."""
        norms, column, words, pairs = sentence.norms, self.column, self.words, self.pairs
        base, n = self.tokens, len(norms)
        offsets, table = self.word_memo.offsets, self.word_memo.columns
        for i in range(n):
            norm = norms[i]
            found = offsets.get(norm)
            if found is None:
                found = offsets[norm] = len(table)
                table.extend([column(f"{side}_{norm}") for side in _SIDES] + [
                    column(f"w_{norm}"), column(f"b_{norm}_<T>"), column(f"b_<T>_{norm}")])
            words[base + i] = found
        index, table = self.word_memo.pairs, self.word_memo.pair_columns
        for i in range(n - 1):  # the last token starts no pair: its slot stays 0
            at = index.get(words[base + i], words[base + i + 1])
            if at < 0:
                at = len(table)
                index.put(words[base + i], words[base + i + 1], at)
                pair = f"_{norms[i]}_{norms[i + 1]}"
                table.extend([column(side + pair) for side in _SIDES] + [column(f"b{pair}")])
            pairs[base + i] = at
        self.tokens = base + n
        offsets, table = self.cue_memo.offsets, self.cue_memo.columns
        cues = self.cues
        first_cue = len(cues) // 4
        for name, first, stop, cat, entry in sentence.cues:
            key = (name, cat, entry)
            found = offsets.get(key)
            if found is None:
                found = offsets[key] = len(table)
                stem = f"{name}_{cat}_"
                table.extend([column(stem + side) for side in _SIDES] + [
                    column(stem + "T"), column(f"target_says_{cat}"),
                    column(f"target_says_{entry}")])
            cues += (first, stop, found, name == "speech_verbs")
        self.sentences.append((base, n, first_cue, len(cues) // 4))
        return len(self.sentences) - 1

    def add_target(
        self, sentence: Sentence, first: int, stop: int, quoted: bool, number: int
    ) -> None:
        """The target at tokens first..stop of sentence number `number` (from `add_sentence`)."""
        base, n, first_cue, stop_cue = self.sentences[number]
        vocabulary, target_cues = self.vocabulary, self.target_cues
        start = len(target_cues)
        for feature in _target_cues(sentence, first, stop, quoted):
            target_cues.append(vocabulary.get(feature, -1))
        self.targets += (base, n, first_cue, stop_cue, first, stop, start, len(target_cues))
        # at most 4 columns per word, 3 per cue: see `_fill_words` and `_fill_cues`
        self.room += 4 * n + 4 + 3 * (stop_cue - first_cue) + len(target_cues) - start

    def build(self) -> Rows:
        out = _zeros(self.room)
        bounds = _zeros(len(self.targets) // _TARGET_FIELDS + 1)
        _fill_rows(out, bounds, self.targets, self.words, self.pairs, self.cues,
                   self.target_cues, self.word_memo.columns, self.word_memo.pair_columns,
                   self.cue_memo.columns, self.vocabulary.get("w_<T>", -1))
        del out[bounds[len(bounds) - 1] :]
        return Rows(out, bounds)


def _zeros(n: int) -> array:
    """n C ints, 0: repeating one writes the memory once (array("i", bytes(4 * n)) wrote it
    twice, zeroed and then copied, and as the rows of an article run to some 20 KB, that
    doubled traffic showed as cache misses)."""
    return array("i", [0]) * n


def _fill_rows(
    out: array, bounds: array, targets: list[int], words: array, pairs: array,
    cues: list[int], target_cues: list[int], word_table: array, pair_table: array,
    cue_table: array, target: int,
) -> None:
    """Write each target's columns into `out`, row r from bounds[r] on (see `_RowBuilder`)."""
    m, fields = 0, _TARGET_FIELDS
    for r in range(len(targets) // fields):
        t = r * fields
        bounds[r] = m
        base, n, first, stop = targets[t], targets[t + 1], targets[t + 4], targets[t + 5]
        m = _fill_words(out, m, base, n, first, stop, words, pairs, word_table, pair_table,
                        target)
        m = _fill_cues(out, m, first, stop, cues, 4 * targets[t + 2], 4 * targets[t + 3],
                       cue_table)
        for i in range(targets[t + 6], targets[t + 7]):
            out[m] = target_cues[i]
            m += 1
    bounds[len(targets) // fields] = m


def _fill_words(
    out: array, m: int, base: int, n: int, first: int, stop: int, words: array,
    pairs: array, word_table: array, pair_table: array, target: int,
) -> int:
    """Write the columns of the words and pairs of a sentence of `n` tokens (from words[base]
    and pairs[base] on), as seen from a target at tokens first..stop, into `out` from `m` on;
    return where they end."""
    w, before_t, after_t = _W, _B_BEFORE_T, _B_AFTER_T  # typed locals when compiled
    # as _positional, in another order (the model counts features, order does not matter)
    for i in range(first):
        k = words[base + i]
        out[m] = word_table[k + _slot(first - i)]
        m += 1
    for i in range(first - 1):
        k = pairs[base + i]
        out[m] = pair_table[k + _slot(first - i)]
        m += 1
    for i in range(stop, n):
        k = words[base + i]
        out[m] = word_table[k + 5 + _slot(i - stop + 1)]
        m += 1
    for i in range(stop + 1, n):
        k = pairs[base + i - 1]
        out[m] = pair_table[k + 5 + _slot(i - stop + 1)]
        m += 1
    for i in range(first):  # as _ngrams
        k = words[base + i]
        out[m] = word_table[k + w]
        m += 1
    out[m] = target
    m += 1
    for i in range(stop, n):
        k = words[base + i]
        out[m] = word_table[k + w]
        m += 1
    for i in range(first - 1):
        k = pairs[base + i]
        out[m] = pair_table[k + w]
        m += 1
    if first:
        k = words[base + first - 1]
        out[m] = word_table[k + before_t]
        m += 1
    if stop < n:
        k = words[base + stop]
        out[m] = word_table[k + after_t]
        m += 1
    for i in range(stop, n - 1):
        k = pairs[base + i]
        out[m] = pair_table[k + w]
        m += 1
    return m


def _fill_cues(
    out: array, m: int, first: int, stop: int, cues: list[int], lo: int, hi: int,
    cue_table: array,
) -> int:
    """Write the columns of `_lexicon_cues` (cues[lo:hi]) into `out` from `m` on; return where
    they end."""
    for k in range(lo, hi, 4):
        cue_first, cue_stop, at, says = cues[k], cues[k + 1], cues[k + 2], cues[k + 3]
        if cue_stop <= first:  # left of the target
            out[m] = cue_table[at + _slot(first - cue_stop + 1)]
            m += 1
        elif cue_first >= stop:
            distance = cue_first - stop + 1
            out[m] = cue_table[at + 5 + _slot(distance)]
            m += 1
            if says and distance <= 2:  # "X said": the target is the speaker
                out[m] = cue_table[at + _SAYS_CATEGORY]
                out[m + 1] = cue_table[at + _SAYS_ENTRY]
                m += 2
        else:
            out[m] = cue_table[at + _ON_TARGET]
            m += 1
    return m


def _lexicon_cues(view: View) -> list[str]:
    out = []
    for name, first, stop, cat, entry in view.sentence.cues:
        side, distance = _side(view, first, stop)
        out.append(f"{name}_{cat}_{side}{_bucket(distance) if distance else ''}")
        if name == "speech_verbs" and side == "R" and distance <= 2:
            out.append(f"target_says_{cat}")
            out.append(f"target_says_{entry}")
    return out


def _side(view: View, first: int, stop: int) -> tuple[str, int]:
    if stop <= view.first:
        return "L", view.first - stop + 1
    if first >= view.stop:
        return "R", first - view.stop + 1
    return "T", 0


def _valence(valued: list[tuple[int, float]], first: int, stop: int) -> tuple[float, ...]:
    """`dense` of the target at tokens first..stop, from its sentence's `valued` words."""
    near = left = right = whole = pos = neg = 0.0
    for i, value in valued:
        if first <= i < stop:
            continue
        whole += value
        if i < first:
            left += value
            distance = first - i
        else:
            right += value
            distance = i - stop + 1
        if distance <= NEAR:
            weighted = value / distance
            near += weighted
            pos += max(weighted, 0.0)
            neg += min(weighted, 0.0)
    return near, left, right, whole, pos, neg
