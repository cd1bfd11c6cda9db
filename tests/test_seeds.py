"""Face validity on five real articles about one story (read from ../shared/seeds, never copied).

000 and 003/004 are near-neutral reporting, 001 a partisan piece, 002 a sarcastic op-ed. A careful
reader agrees on how they differ; these tests hold the toolkit to that reading.
"""
from __future__ import annotations

import pytest

from framing.corpus import load_corpus
from framing.pipeline import score_corpus


@pytest.fixture(scope="module")
def scores(seeds_dir, story):
    corpus = load_corpus(seeds_dir)
    assert not corpus.skipped
    return {s.article.id[:3]: s for s in score_corpus(corpus.articles, story=story)}


def measure(scores, name, key="per_1k"):
    return {
        seed: getattr(s.measures[name], key) if key in ("per_1k", "count") else
        s.measures[name].extra.get(key) for seed, s in scores.items()
    }


def test_the_sarcastic_op_ed_has_by_far_the_highest_sarcasm_index(scores):
    index = measure(scores, "sarcasm", "index")
    others = max(v for seed, v in index.items() if seed != "002")
    assert index["002"] >= 3 * others, index


def test_partisan_and_sarcastic_pieces_are_the_most_loaded(scores):
    loaded = measure(scores, "loaded_language")
    top_two = sorted(loaded, key=loaded.get, reverse=True)[:2]
    assert set(top_two) == {"001", "002"}, loaded


def test_the_careful_reports_hedge_most(scores):
    hedging = measure(scores, "hedging")
    assert max(hedging, key=hedging.get) == "003", hedging
    for careful in ("003", "004"):
        for opinion in ("001", "002"):
            assert hedging[careful] > hedging[opinion], hedging


def test_the_op_ed_is_the_most_certain(scores):
    balance = measure(scores, "hedging", "certainty_balance")
    assert max(balance, key=lambda k: balance[k] if balance[k] is not None else -2) == "002", balance


def test_a_quoted_call_to_violence_is_the_source_voice_not_the_outlet(scores):
    score = scores["001"]
    text = score.article.text
    start = text.index("annihilate and wipe out the Ukrainian neo-Nazi occupiers")
    end = start + len("annihilate and wipe out the Ukrainian neo-Nazi occupiers")
    quote = next(q for q in score.quotes if q.start <= start and end <= q.end)
    assert quote.label == "attributed"
    inside = [s for s in score.evidence if start <= s.start < end]
    assert inside, "the loaded words of the quoted order should still be found"
    assert all(s.in_quote for s in inside)


@pytest.mark.parametrize("actor", ["North Korea", "Kim Jong Un", "Russia"])
def test_the_op_ed_speaks_unfavourably_of_the_two_regimes(scores, actor):
    stance = scores["002"].stance[actor]
    assert stance.label == "unfavourable", (stance.score, stance.mentions)


def test_every_evidence_span_indexes_the_article(scores):
    for score in scores.values():
        for span in score.evidence:
            assert score.article.text[span.start : span.end] == span.text
