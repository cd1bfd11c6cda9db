"""The data the pipeline passes along: articles, actors, evidence spans and results.

Every number the toolkit reports is backed by `Span`s whose `start`/`end` index the article text,
so `article.text[span.start:span.end] == span.text` always holds.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, NamedTuple

from .records import new_record

MEASURES = ("loaded_language", "sarcasm", "hedging", "boosting")


@dataclass(frozen=True, slots=True)
class Article:
    """One news article. `origin` says where it was read from (a path, or path:line)."""

    id: str
    outlet: str
    text: str
    title: str = ""
    date: str = ""
    url: str = ""
    author: str = ""
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be read, named so the user can find and fix it."""

    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class Actor:
    """A participant of the story (country, person, organisation, group) and the names it goes by."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Story:
    title: str
    actors: tuple[Actor, ...] = ()


class Span(NamedTuple):
    """One piece of evidence: a stretch of article text and the rule or model that flagged it.

    `source` names the lexicon entry (``lexicon:entry``) or rule that produced the span; `in_quote`
    is True when the text is quoted speech rather than the outlet's own voice; `weight` is the
    signed contribution to the measure (negative/positive for stance). A named tuple, not a
    dataclass: an archive run makes millions of them.
    """

    start: int
    end: int
    text: str
    measure: str
    label: str
    source: str
    in_quote: bool = False
    actor: str | None = None
    weight: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return self._asdict()


_READING_ORDER = itemgetter(0, 1, 3)  # a span's start, end and measure


@dataclass(frozen=True, slots=True)
class MeasureResult:
    """One measure on one article; counts and rates are for the outlet's own voice."""

    name: str
    count: int
    per_1k: float
    quoted_count: int
    sentence_share: float
    evidence: tuple[Span, ...] = ()
    extra: dict[str, float] = field(default_factory=dict)

    def to_dict(self, *, with_evidence: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "count": self.count,
            "per_1k": round(self.per_1k, 3),
            "quoted_count": self.quoted_count,
            "sentence_share": round(self.sentence_share, 3),
        }
        out.update({key: round(value, 3) for key, value in self.extra.items()})
        if with_evidence:
            out["evidence"] = [span.to_dict() for span in self.evidence]
        return out

    def with_extra(self, extra: dict[str, float]) -> MeasureResult:
        """This result with other `extra` figures: `dataclasses.replace(self, extra=extra)` at
        a fraction of the cost (replace reads the fields' definitions on every call)."""
        return new_record(MeasureResult, {
            "name": self.name, "count": self.count, "per_1k": self.per_1k,
            "quoted_count": self.quoted_count, "sentence_share": self.sentence_share,
            "evidence": self.evidence, "extra": extra,
        })


@dataclass(frozen=True, slots=True)
class ActorStance:
    """How an article speaks of one actor, own voice and quoted voices apart.

    `score` is in [-1, 1] (None when there is too little evidence); `label` is one of
    ``unfavourable``, ``neutral``, ``favourable``, ``too little evidence``, ``not mentioned``.
    """

    actor: str
    score: float | None
    mentions: int
    label: str
    quoted_score: float | None
    quoted_mentions: int
    quoted_label: str
    evidence: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": None if self.score is None else round(self.score, 3),
            "mentions": self.mentions,
            "label": self.label,
            "quoted": {
                "score": None if self.quoted_score is None else round(self.quoted_score, 3),
                "mentions": self.quoted_mentions,
                "label": self.quoted_label,
            },
        }


@dataclass(frozen=True, slots=True)
class ArticleScore:
    """Everything measured on one article."""

    article: Article
    words: int
    own_words: int
    sentences: int
    own_sentences: int
    measures: dict[str, MeasureResult]
    stance: dict[str, ActorStance]
    quotes: tuple[Span, ...] = ()
    # (start, end, own-voice words) per sentence: lets `compare` bootstrap over sentences.
    sentence_spans: tuple[tuple[int, int, int], ...] = ()

    @property
    def evidence(self) -> list[Span]:
        spans = [span for result in self.measures.values() for span in result.evidence]
        spans += [span for result in self.stance.values() for span in result.evidence]
        return sorted(spans, key=_READING_ORDER)

    def to_dict(self, *, with_evidence: bool = True) -> dict[str, Any]:
        """The public record of `framing score` (documented in the README)."""
        out: dict[str, Any] = {
            "id": self.article.id,
            "outlet": self.article.outlet,
            "title": self.article.title,
            "words": self.words,
            "own_words": self.own_words,
            "measures": {name: result.to_dict() for name, result in self.measures.items()},
            "stance": {name: stance.to_dict() for name, stance in self.stance.items()},
        }
        if with_evidence:
            out["evidence"] = [span.to_dict() for span in self.evidence]
        return out
