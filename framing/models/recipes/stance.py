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

from ...lexicon import Match, builtin
from ...sentiment import NEGATION_SCALAR, negated, valences
from ...text import Doc
from ...text import Sentence as TextSentence
from ..items import Item

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


class Sentence(NamedTuple):
    """What a sentence gives every target in it: its parse, lexicon matches and valences,
    worked out once however many targets it holds."""

    doc: Doc
    norms: list[str]
    pairs: list[str]  # "_a_b" for each pair of neighbouring tokens
    capitalised: list[bool]  # a capital initial after the first token (a name, most likely)
    cues: list[tuple[str, int, int, str, str]]  # lexicon, first, stop, category, entry
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
    return list(_valence(_item_view(item)))


def indexed_rows(
    items: Sequence[Item], lookup: Lookup
) -> tuple[list[array], list[Sequence[float]]]:
    """`analyze` as vocabulary columns, and `dense`, of many items at once: each sentence is
    analysed once, and the columns of a word's positional and n-gram features are looked up
    once per model (memoised by word), not once per target."""
    sentences: dict[str, tuple[Sentence, _Columns]] = {}
    columns: list[array] = []
    values: list[Sequence[float]] = []
    for item in items:
        if item.text not in sentences:
            sentence = _sentence(item.text)
            sentences[item.text] = sentence, _word_columns(sentence, lookup)
        sentence, table = sentences[item.text]
        view = _view(sentence, *(item.target or (0, 0)))
        columns.append(_columns(view, table, lookup))
        values.append(_valence(view))
    return columns, values


def mention_rows(
    doc: Doc, mentions: Sequence[tuple[int, int]], lookup: Lookup
) -> tuple[list[array], list[Sequence[float]]]:
    """`indexed_rows` for mentions (token ranges) of an analysed article: each mention's sentence
    is read from the article's own tokens, quotations and lexicon matches, not parsed again
    (the features differ from a lone sentence's only where a quotation or a rule's context runs
    across sentences: 2 of 1,667 mentions on the seed and PTC articles)."""
    by_sentence: dict[int, list[tuple[str, Match]]] = {}
    for name in _LEXICONS:
        for m in builtin(name).matches(doc):
            if m.first < len(doc.token_starts):
                by_sentence.setdefault(doc.sentence_of[m.first], []).append((name, m))
    records: dict[int, tuple[Sentence, _Columns]] = {}
    columns: list[array] = []
    values: list[Sequence[float]] = []
    for first, stop in mentions:
        s = doc.sentence_of[first]
        if s not in records:
            sentence = _sentence_of(doc, doc.sentences[s], by_sentence.get(s, []))
            records[s] = sentence, _word_columns(sentence, lookup)
        sentence, table = records[s]
        base = doc.sentences[s].first
        view = _new(View, (sentence, first - base, stop - base, doc.in_quote[first] is not None))
        columns.append(_columns(view, table, lookup))
        values.append(_valence(view))
    return columns, values


_new = tuple.__new__  # a named tuple's own constructor is a Python function: several times slower


def _item_view(item: Item) -> View:
    return _view(_sentence(item.text), *(item.target or (0, 0)))


# analyze then dense on one item parse it once; small, so repeated texts never make a
# benchmark look faster than fresh text would be
@lru_cache(maxsize=8)
def _sentence(text: str) -> Sentence:
    doc = Doc(text)
    matches = [(name, m) for name in _LEXICONS for m in builtin(name).matches(doc)]
    return _sentence_of(doc, TextSentence(0, len(text), 0, len(doc.token_starts)), matches)


def _sentence_of(doc: Doc, sent: TextSentence, matches: list[tuple[str, Match]]) -> Sentence:
    """The target-free part of one sentence of `doc`, token indices counted from its start."""
    first, stop = sent.first, sent.stop
    norms = doc.token_norms[first:stop]
    texts = doc.token_texts[first:stop]
    words = valences()
    valued = []
    capitalised = []
    for i in range(len(norms)):
        value = words.get(norms[i])
        if value:
            if negated(norms, i):
                value *= NEGATION_SCALAR
            valued.append((i, value))
        text = texts[i]
        capitalised.append(i > 0 and text[0].isupper())
    return _new(Sentence, (
        doc,
        norms,
        [f"_{a}_{b}" for a, b in pairwise(norms)],
        capitalised,
        [(name, m.first - first, m.stop - first, m.entry.category, m.entry.entry)
         for name, m in matches if first <= m.first and m.stop <= stop],
        valued,
        # a ? or ! is always a token of its own, so the sentence's characters tell
        [flag for flag, mark in (("question", "?"), ("exclaim", "!"))
         if doc.text.find(mark, sent.start, sent.end) >= 0],
    ))


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
    norms, pairs, first, stop = view.sentence.norms, view.sentence.pairs, view.first, view.stop
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
    norms, pairs, first, stop = view.sentence.norms, view.sentence.pairs, view.first, view.stop
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
    sentence, first, stop = view.sentence, view.first, view.stop
    out = ["quoted"] if view.quoted else ["own_voice"]
    out += _lexicon_cues(view)
    capitalised = sentence.capitalised
    names = sum(capitalised) - sum(capitalised[first:stop])
    out.append(f"names_{min(names, 4)}")
    out += sentence.flags
    if first == 0:
        out.append("target_starts")
    return out


class _Columns(NamedTuple):
    """Where the columns of a sentence's words and pairs are: offsets into two memos' arrays."""

    words: array  # per token: the offset of its word's 13 columns in `word_table`
    pairs: array  # per token pair (and a last 0): the offset of its 11 columns in `pair_table`
    word_table: array
    pair_table: array


# The features one word makes wherever it stands: "L1_w" .. "Rfar_w", "w_w" and the bigrams
# with the target. Columns 0-4 are left buckets, 5-9 right ones, in _SIDES order; a pair of
# words makes the _SIDES ones and the sentence bigram "b_a_b".
_SIDES = tuple(f"{side}{b}" for side in "LR" for b in _BUCKETS)
_W, _B_BEFORE_T, _B_AFTER_T = 10, 11, 12


def _word_columns(sentence: Sentence, lookup: Lookup) -> _Columns:
    words, pairs = lookup.memo("stance:words"), lookup.memo("stance:pairs")
    norms, column = sentence.norms, lookup.column
    by_word, by_pair = array("i", bytes(4 * len(norms))), array("i", bytes(4 * len(norms)))
    at_word, at_pair = by_word, by_pair  # typed views when compiled
    offsets, table = words.offsets, words.columns
    for i in range(len(norms)):
        norm = norms[i]
        found = offsets.get(norm)
        if found is None:
            found = offsets[norm] = len(table)
            table.extend([column(f"{side}_{norm}") for side in _SIDES] + [
                column(f"w_{norm}"), column(f"b_{norm}_<T>"), column(f"b_<T>_{norm}")])
        at_word[i] = found
    offsets, table = pairs.offsets, pairs.columns
    for i in range(len(sentence.pairs)):
        pair = sentence.pairs[i]
        found = offsets.get(pair)
        if found is None:
            found = offsets[pair] = len(table)
            table.extend([column(side + pair) for side in _SIDES] + [column(f"b{pair}")])
        at_pair[i] = found
    return _new(_Columns, (by_word, by_pair, words.columns, pairs.columns))


def _columns(view: View, table: _Columns, lookup: Lookup) -> array:
    """The columns of `_features(view)`, built from the memoised columns of its words instead
    of strings, as an array of C ints."""
    vocabulary = lookup.vocabulary
    cues = [vocabulary.get(feature, -1) for feature in _cues(view)]
    out = array("i", bytes(4 * (4 * len(table.words) + 4 + len(cues))))  # room for them all
    used = _fill_columns(out, view.first, view.stop, table.words, table.pairs, table.word_table,
                         table.pair_table, vocabulary.get("w_<T>", -1), cues)
    del out[used:]
    return out


def _fill_columns(
    out: array, first: int, stop: int, words: array, pairs: array, word_table: array,
    pair_table: array, target: int, cues: list[int],
) -> int:
    """Write the columns of a target at tokens first..stop into `out`; return how many."""
    n, m = len(words), 0
    w, before_t, after_t = _W, _B_BEFORE_T, _B_AFTER_T  # typed locals when compiled
    # as _positional, in another order (the model counts features, order does not matter)
    for i in range(first):
        out[m] = word_table[words[i] + _slot(first - i)]
        m += 1
    for i in range(first - 1):
        out[m] = pair_table[pairs[i] + _slot(first - i)]
        m += 1
    for i in range(stop, n):
        out[m] = word_table[words[i] + 5 + _slot(i - stop + 1)]
        m += 1
    for i in range(stop + 1, n):
        out[m] = pair_table[pairs[i - 1] + 5 + _slot(i - stop + 1)]
        m += 1
    for i in range(first):  # as _ngrams
        out[m] = word_table[words[i] + w]
        m += 1
    out[m] = target
    m += 1
    for i in range(stop, n):
        out[m] = word_table[words[i] + w]
        m += 1
    for i in range(first - 1):
        out[m] = pair_table[pairs[i] + w]
        m += 1
    if first:
        out[m] = word_table[words[first - 1] + before_t]
        m += 1
    if stop < n:
        out[m] = word_table[words[stop] + after_t]
        m += 1
    for i in range(stop, n - 1):
        out[m] = pair_table[pairs[i] + w]
        m += 1
    for i in range(len(cues)):
        out[m] = cues[i]
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


def _valence(view: View) -> tuple[float, ...]:
    first, stop = view.first, view.stop
    near = left = right = whole = pos = neg = 0.0
    for i, value in view.sentence.valued:
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
