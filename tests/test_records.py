from __future__ import annotations

import dataclasses

import pytest

from framing.records import new_record
from framing.types import ActorStance, Article, ArticleScore, MeasureResult, Span


def _result():
    return {"name": "hedging", "count": 2, "per_1k": 1.5, "quoted_count": 1,
            "sentence_share": 0.25, "extra": {"index": 0.5},
            "evidence": (Span(0, 3, "may", "hedging", "modal", "hedges.tsv:may"),)}


def test_a_record_is_what_its_constructor_makes_and_stays_frozen():
    made = new_record(MeasureResult, _result())
    assert type(made) is MeasureResult
    assert made == MeasureResult(**_result())
    assert made.to_dict() == MeasureResult(**_result()).to_dict()
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.count = 3  # type: ignore[misc]
    score = {"article": Article("a", "o", "Text."), "words": 1, "own_words": 1, "sentences": 1,
             "own_sentences": 1, "measures": {"hedging": made}, "stance": {}, "quotes": (),
             "sentence_spans": ((0, 5, 1),)}
    assert new_record(ArticleScore, score) == ArticleScore(**score)
    stance = {"actor": "Russia", "score": -0.25, "mentions": 3, "label": "unfavourable",
              "quoted_score": None, "quoted_mentions": 0, "quoted_label": "not mentioned",
              "evidence": ()}
    assert new_record(ActorStance, stance) == ActorStance(**stance)
    assert made.with_extra({"index": 0.1}) == dataclasses.replace(made, extra={"index": 0.1})


def test_every_field_must_be_given_and_no_other():
    with pytest.raises(TypeError):
        new_record(MeasureResult, {k: v for k, v in _result().items() if k != "extra"})
    with pytest.raises(AttributeError):
        values = _result()
        del values["extra"]
        new_record(MeasureResult, {"colour": "red", **values})


def test_only_slotted_dataclasses_with_their_fields_alone():
    @dataclasses.dataclass(frozen=True)
    class Loose:
        x: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        x: int

        def __post_init__(self):
            pass

    for cls in (Loose, Checked):
        with pytest.raises(TypeError):
            new_record(cls, {"x": 1})
