"""Stance toward each actor: how favourably the text speaks of it near each mention.

For every mention of an actor, the words of its sentence in the same voice (up to `WINDOW` tokens
either side, not crossing ; or a contrastive "but"/"while"/"however") are weighed, nearer words more:
VADER word valences (negation flips them) and pejorative labels from the loaded-language lexicon
("the regime in Pyongyang"). Words that only describe the events of a war (killed, casualties) are
ignored: they say what happened, not how the outlet judges an actor. In an article full of irony
markers praise is not taken at face value: positive words are discounted by the sarcasm index
(sentiment incongruity), and the irony markers themselves (scare quotes, "so-called", "none other
than") count against the actors of their sentence: mockery has a target. Own voice and quoted
voices are scored apart.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import NamedTuple

from ..lexicon import Lexicon, builtin
from ..records import new_record
from ..sentiment import NEGATION_SCALAR, NEGATIONS, negated, token_valences
from ..text import Doc, Quote, Sentence, bisect_from, normalise, tokenize
from ..types import Actor, ActorStance, Span
from ._evidence import as_doc

NAME = "stance"
WINDOW = 20
MIN_MENTIONS = 2  # fewer own-voice mentions than this is "too little evidence"
THRESHOLD = 0.1  # |score| below this is neutral
# A trained target-sentiment model: (doc, [(first token, stop token) of each mention]) -> one
# score in [-1, 1] per mention, all mentions of a text in one call (one batch for the model).
MentionModel = Callable[[Doc, Sequence[tuple[int, int]]], Sequence[float]]
MOCKERY = -1.5  # an irony marker near a mention, in VADER valence units
_ALPHA = 15.0  # VADER's normalisation: raw / sqrt(raw² + alpha) maps any sum into (-1, 1)
# A clause ends at ";" or a contrastive word (normalised tokens: one look-up for both).
_BOUNDARIES = frozenset([";", "but", "while", "whereas", "although", "though", "yet", "however"])
# Negators and discourse words carry VADER valences but say nothing about an actor.
_NOT_CUES = NEGATIONS | {"yes", "please", "ok", "okay", "like", "well", "agreed", "agree"}
_LABEL_WEIGHTS = {"label": -2.0, "euphemism": -1.5, "emotive": -1.0, "attribution": -0.5}


# A word that weighs in a mention's score: (value in VADER valence units, signed; source: the
# lexicon entry or rule; length in tokens; label: loaded-language category, "irony", or
# "favourable/unfavourable word"). A plain tuple: an article has a hundred, and a named tuple
# costs several times more to build and, compiled, to unpack.
Cue = tuple[float, str, int, str]


class Mention(NamedTuple):
    actor: str
    first: int  # token indices, `stop` exclusive
    stop: int


_new = tuple.__new__  # a named tuple's own constructor is a Python function: several times slower


class ActorMatcher:
    """Finds mentions of actors by their names and aliases: whole tokens, case as written,
    longest alias first ("North Korean troops" before "North Korean")."""

    def __init__(self, actors: Sequence[Actor]) -> None:
        self.actors = tuple(actors)
        # keyed by the lower-case first word, so most tokens fail one dict look-up; then, per
        # alias length (longest first), one look-up of the words' case keys
        forms: dict[str, dict[int, dict[tuple[str, ...], str]]] = {}
        for actor in self.actors:
            for name in actor.names:
                tokens = tokenize(name)
                if tokens:
                    form = tuple(_case_key(t.text) for t in tokens)
                    by_length = forms.setdefault(tokens[0].norm, {})
                    by_length.setdefault(len(form), {}).setdefault(form, actor.name)
        self._index = {first: sorted(by_length.items(), reverse=True)
                       for first, by_length in forms.items()}

    def mentions(self, doc: Doc) -> list[Mention]:
        return _find_mentions(self._index, doc.token_norms, doc.token_texts)


def _find_mentions(
    index: dict[str, list[tuple[int, dict[tuple[str, ...], str]]]], norms: list[str],
    texts: list[str],
) -> list[Mention]:
    found, taken = [], 0
    # a list comprehension finds the few tokens that can start a name much faster than a loop
    for i in [i for i in range(len(norms)) if norms[i] in index]:
        if i < taken:
            continue
        for length, names in index[norms[i]]:
            actor = names.get(tuple([_case_key(t) for t in texts[i : i + length]]))
            if actor is not None:
                found.append(_new(Mention, (actor, i, i + length)))
                taken = i + length
                break
    return found


def _case_key(text: str) -> str:
    # Case-sensitive for names, but straight and curly apostrophes are the same.
    return text.replace("’", "'") if text[0].isupper() else normalise(text)


def stance(
    text: Doc | str,
    actors: Sequence[Actor],
    *,
    matcher: ActorMatcher | None = None,
    labels: Lexicon | None = None,
    events: Lexicon | None = None,
    irony: float = 0.0,
    mockery: Sequence[Span] = (),
    model: MentionModel | None = None,
) -> dict[str, ActorStance]:
    """Stance toward each actor in [-1, 1], own voice and quoted voices apart, with evidence.

    `irony` (the article's sarcasm index, in [0, 1]) discounts positive words in the own voice;
    `mockery` (own-voice sarcasm evidence) counts against the actors of the same sentence;
    `model(doc, spans)`, a trained target-sentiment classifier's scores in [-1, 1] for the
    mentions at tokens (first, stop), is averaged with the lexicon score when given."""
    doc = as_doc(text)
    matcher = matcher or ActorMatcher(actors)
    labels = labels or builtin("loaded")
    events = events or builtin("event_words")
    cues = _cue_table(doc, labels, events)
    _add_mockery(doc, cues, mockery)
    by_actor: dict[str, list[tuple[Mention, float, list[Span]]]] = {a.name: [] for a in actors}
    mentions = matcher.mentions(doc)
    predicted: Sequence[float | None] = [None] * len(mentions)
    if model is not None and mentions:
        predicted = model(doc, [(m.first, m.stop) for m in mentions])
    clauses = _clauses(doc, cues)
    for mention, prediction in zip(mentions, predicted, strict=True):
        score, spans = _score_mention(mention, clauses, irony, prediction)
        by_actor.setdefault(mention.actor, []).append((mention, score, spans))
    return {name: _summarise(doc, name, scored) for name, scored in by_actor.items()}


def _cue_table(doc: Doc, labels: Lexicon, events: Lexicon) -> dict[int, Cue]:
    """token index → (valence, source, length in tokens) for every cue word in the text."""
    table: dict[int, Cue] = {}
    skip = set()
    for m in events.matches(doc):
        skip.update(range(m.first, m.stop))
    for m in labels.matches(doc):
        weight = _LABEL_WEIGHTS.get(m.entry.category)
        if weight is not None:
            source = f"loaded.tsv:{m.entry.entry}"
            table[m.first] = (weight * m.entry.weight, source, m.stop - m.first,
                              m.entry.category)
            skip.update(range(m.first, m.stop))
    norms = doc.token_norms
    values = token_valences(doc)
    for i in [i for i in range(len(values)) if values[i]]:
        if i in skip or i in table or norms[i] in _NOT_CUES:
            continue
        value = values[i]
        if negated(norms, i):
            value *= NEGATION_SCALAR
        label = "favourable word" if value > 0 else "unfavourable word"
        table[i] = (value, f"vader:{norms[i]}", 1, label)
    return table


def _add_mockery(
    doc: Doc, cues: dict[int, Cue], mockery: Sequence[Span]
) -> None:
    """Irony markers become unfavourable cues at the token where they start (scare quotes and
    "so-called" replace whatever valence the quoted word had: praise in scare quotes is mockery)."""
    for span in mockery:
        i = doc.token_at(span.start)
        if i >= len(doc.token_starts) or doc.token_starts[i] != span.start:
            continue
        if span.in_quote or span.label == "rhetorical_question":
            continue
        length = max(doc.token_at(span.end) - i, 1)
        value, source = MOCKERY * span.weight, f"sarcasm:{span.source}"
        previous = cues.get(i)
        if previous and previous[3] == "irony":  # a scare quote that is also praise
            value, source = value + previous[0], previous[1]
        cues[i] = (value, source, length, "irony")


class _Clauses(NamedTuple):
    """What every mention's window reads, worked out once per article, with the article's
    analyses it needs (each a cached property of the `Doc`: a look-up per access)."""

    cues: dict[int, Cue]
    stops: list[bool]  # per token: a clause boundary (; or a contrastive word) stops a window
    bounds: list[int]  # the tokens that are stops, in order
    positions: list[int]  # the cue tokens, in order
    one_voice: list[bool]  # per sentence: all its tokens in the same voice
    sentence_of: list[int]  # per token: its sentence
    sentences: list[Sentence]
    voices: list[Quote | None]  # per token: the quotation it is in
    starts: list[int]  # per token: where it starts and ends in the text
    ends: list[int]
    text: str


def _clauses(doc: Doc, cues: dict[int, Cue]) -> _Clauses:
    norms, voices, sentences = doc.token_norms, doc.in_quote, doc.sentences
    stops, bounds = [], []
    for i in range(len(norms)):
        is_stop = norms[i] in _BOUNDARIES
        stops.append(is_stop)
        if is_stop:
            bounds.append(i)
    one_voice = []
    for _, _, first, stop in sentences:
        same = True
        for i in range(first + 1, stop):
            if voices[i] is not voices[first]:
                same = False
                break
        one_voice.append(same)
    return _Clauses(cues, stops, bounds, sorted(cues), one_voice, doc.sentence_of, sentences,
                    voices, doc.token_starts, doc.token_ends, doc.text)


def _window(first: int, stop: int, clauses: _Clauses) -> list[tuple[int, int]]:
    """(token index, distance) of the cue tokens in the clause of the mention at tokens
    first..stop, in the same voice: up to `WINDOW` same-voice tokens either side, within the
    sentence, not across a boundary."""
    s = clauses.sentence_of[first]
    _, _, lo, hi = clauses.sentences[s]
    if clauses.one_voice[s]:
        return _plain_window(first, stop, clauses.bounds, clauses.positions, lo, hi)
    voices, stops, cues = clauses.voices, clauses.stops, clauses.cues
    voice = voices[first]
    out = []
    for step, start in ((-1, first - 1), (1, stop)):
        i, distance = start, 1
        while lo <= i < hi and distance <= WINDOW and not stops[i]:
            if voices[i] is voice:
                if i in cues:
                    out.append((i, distance))
                distance += 1
            i += step
    return out


def _plain_window(
    first: int, stop: int, bounds: list[int], positions: list[int], sent_first: int,
    sent_stop: int,
) -> list[tuple[int, int]]:
    """`_window` for a sentence in one voice, where distance is just the token gap: found by
    bisecting the sorted boundaries and cues instead of walking every token."""
    lo = max(sent_first, first - WINDOW)
    k = bisect_from(bounds, first) - 1
    if k >= 0 and bounds[k] >= lo:
        lo = bounds[k] + 1
    hi = min(sent_stop, stop + WINDOW)
    k = bisect_from(bounds, stop)
    if k < len(bounds) and bounds[k] < hi:
        hi = bounds[k]
    out = []
    for k in range(bisect_from(positions, first) - 1, bisect_from(positions, lo) - 1, -1):
        i = positions[k]
        out.append((i, first - i))
    for k in range(bisect_from(positions, stop), bisect_from(positions, hi)):
        i = positions[k]
        out.append((i, i - stop + 1))
    return out


def _score_mention(
    mention: Mention, clauses: _Clauses, irony: float, predicted: float | None
) -> tuple[float, list[Span]]:
    """Lexicon score of one mention, averaged with the model's `predicted` score if any."""
    raw, spans = 0.0, []
    starts, ends, text, cues = clauses.starts, clauses.ends, clauses.text, clauses.cues
    actor, first, stop = mention
    in_quote = clauses.voices[first] is not None
    for i, distance in _window(first, stop, clauses):
        value, source, length, label = cues[i]
        if value > 0 and not in_quote:
            value *= 1 - irony
        contribution = value / (1 + 0.1 * (distance - 1))
        if not contribution:
            continue
        raw += contribution
        start, end = starts[i], ends[min(i + length, len(ends)) - 1]
        # a Span built in place: a call per cue (new_span) costs more than the rest of its work
        spans.append(_new(Span, (start, end, text[start:end], "stance_cue", label, source,
                                 in_quote, actor, round3(contribution))))
    score = raw / math.sqrt(raw * raw + _ALPHA)
    source = "rule:clause_window"
    if predicted is not None:
        if predicted > 0 and not in_quote:  # the classifier reads ironic praise literally
            predicted *= 1 - irony
        source = (f"rule:clause_window {format_signed(score)} "
                  f"+ model:stance {format_signed(predicted)}")
        score = (score + predicted) / 2
    start, end = starts[first], ends[stop - 1]
    spans.append(_new(Span, (start, end, text[start:end], NAME, label_for(score, MIN_MENTIONS),
                             source, in_quote, actor, round3(score))))
    return score, spans


_ROUNDER = 6755399441055744.0  # 1.5 * 2**52


def round3(x: float) -> float:
    """`round(x, 3)`, the same float, at a fraction of the cost (an article has dozens of cue
    weights to round). The nearest whole number to x * 1000 is that of its computed product unless
    the product lies within a hair of a half, where rounding error could tip it: those, and
    numbers too large for the test, take `round` itself."""
    scaled = x * 1000.0
    if not -1e8 < scaled < 1e8:  # also NaN
        return round(x, 3)
    # the nearest whole number, halves to even as `round` does: adding 1.5 * 2**52 leaves no
    # bits for a fraction, and the addition itself rounds (no call into Python, compiled)
    whole = (scaled + _ROUNDER) - _ROUNDER
    if abs(abs(scaled - whole) - 0.5) < 1e-6:
        return round(x, 3)
    if whole == 0:
        return x * 0.0  # 0.0 keeping the sign of x, as round does
    return whole / 1000.0


def format_signed(x: float) -> str:
    """`f"{x:+.2f}"`, the same text, at about half the cost of formatting a float (every mention
    scored by the model names its two scores). As in `round3`, a product within a hair of a half,
    or too large for the test, takes the float formatting itself."""
    scaled = x * 100.0
    if not -1e8 < scaled < 1e8:  # also NaN
        return f"{x:+.2f}"
    whole = (scaled + _ROUNDER) - _ROUNDER  # the nearest whole number, halves to even
    if abs(abs(scaled - whole) - 0.5) < 1e-6:
        return f"{x:+.2f}"
    hundredths = int(abs(whole))
    sign = "-" if x < 0 or (x == 0 and math.copysign(1.0, x) < 0) else "+"  # "-0.00" as well
    return f"{sign}{hundredths // 100}.{hundredths % 100:02d}"


def label_for(score: float | None, mentions: int) -> str:
    if mentions == 0 or score is None:
        return "not mentioned"
    if mentions < MIN_MENTIONS:
        return "too little evidence"
    if score >= THRESHOLD:
        return "favourable"
    if score <= -THRESHOLD:
        return "unfavourable"
    return "neutral"


def _summarise(
    doc: Doc, actor: str, scored: list[tuple[Mention, float, list[Span]]]
) -> ActorStance:
    own = [s for m, s, _ in scored if doc.in_quote[m.first] is None]
    quoted = [s for m, s, _ in scored if doc.in_quote[m.first] is not None]
    own_score = sum(own) / len(own) if own else None
    quoted_score = sum(quoted) / len(quoted) if quoted else None
    evidence = tuple(span for _, _, spans in scored for span in spans)
    return new_record(ActorStance, {
        "actor": actor,
        "score": own_score,
        "mentions": len(own),
        "label": label_for(own_score, len(own)),
        "quoted_score": quoted_score,
        "quoted_mentions": len(quoted),
        "quoted_label": label_for(quoted_score, len(quoted)),
        "evidence": evidence,
    })
