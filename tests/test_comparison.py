"""Per-outlet aggregation on hand-built scores whose figures are known in advance."""
from __future__ import annotations

import math
import re

import pytest

from framing.comparison import aggregate, balance, blind_names, stance_label

from .builders import fixture_comparison, fixture_scores


@pytest.fixture(scope="module")
def comparison():
    return fixture_comparison(n_boot=500, seed=1)


def _row(frame, outlet):
    return frame[frame["outlet"] == outlet].iloc[0]


def test_fixture_is_consistent():
    for score in fixture_scores():
        for span in score.evidence + list(score.quotes):
            assert score.article.text[span.start:span.end] == span.text


def test_outlet_totals(comparison):
    alpha, beta = _row(comparison.outlets, "Alpha"), _row(comparison.outlets, "Beta")
    assert (alpha.articles, alpha.own_words) == (1, 200)
    assert (beta.articles, beta.own_words, beta.words) == (2, 200, 200)
    assert alpha.loaded_language_count == 19  # the quoted "Brutal" does not count
    assert alpha.loaded_language_per_1k == pytest.approx(95.0)
    assert alpha.hedging_per_1k == pytest.approx(40.0)
    assert beta.boosting_per_1k == pytest.approx(35.0)
    assert beta.loaded_language_per_1k == 0.0


def test_intervals(comparison):
    alpha = _row(comparison.outlets, "Alpha")
    # All but one own-voice sentence of Alpha have one loaded word in ten words.
    assert 80.0 < alpha.loaded_language_lo < 95.0
    assert alpha.loaded_language_hi == pytest.approx(100.0)
    assert 0 < alpha.hedging_lo < 40.0 < alpha.hedging_hi < 100
    beta = _row(comparison.outlets, "Beta")
    assert beta.loaded_language_lo == beta.loaded_language_hi == 0.0


def test_pooled_balance_and_sarcasm_index(comparison):
    alpha, beta = _row(comparison.outlets, "Alpha"), _row(comparison.outlets, "Beta")
    assert alpha.certainty_balance == -1.0  # 8 hedges, no own-voice booster
    assert beta.certainty_balance == 1.0
    gamma = _row(comparison.outlets, "Gamma")
    assert gamma.sarcasm_index == pytest.approx(0.8)
    assert math.isnan(balance(0, 0))


def test_short_outlet_is_noted(comparison):
    notes = dict(zip(comparison.outlets["outlet"], comparison.outlets["note"]))
    assert notes == {"Alpha": "", "Beta": "", "Gamma": "too little text"}


def test_stance_labels(comparison):
    stance = comparison.stance.set_index(["outlet", "actor"])
    alpha = stance.loc[("Alpha", "Russia")]
    assert alpha.score == pytest.approx(-0.4)
    assert (alpha.mentions, alpha.label) == (4, "unfavourable")
    assert -0.5 <= alpha.lo < -0.4 < alpha.hi <= -0.3
    assert (alpha.quoted_mentions, alpha.quoted_label) == (1, "too little evidence")
    assert alpha.quoted_score == pytest.approx(0.6)
    assert stance.loc[("Beta", "Russia")].label == "favourable"
    assert stance.loc[("Beta", "Ukraine")].label == "too little evidence"
    assert stance.loc[("Alpha", "Ukraine")].label == "not mentioned"
    assert stance.loc[("Gamma", "Russia")].mentions == 0


@pytest.mark.parametrize(("score", "mentions", "label"), [
    (0.5, 1, "too little evidence"), (0.1, 2, "favourable"), (-0.1, 3, "unfavourable"),
    (0.09, 5, "neutral"), (None, 0, "not mentioned"),
])
def test_stance_label_rule(score, mentions, label):
    assert stance_label(score, mentions) == label


def test_differences(comparison):
    assert ("Alpha uses more loaded language than Beta (95.0 vs 0.0 per 1,000 words)"
            in comparison.differences)
    assert any(line.startswith("Beta uses more boosters than Alpha") for line in
               comparison.differences)
    assert ("Beta writes about Russia more favourably than Alpha (stance +0.40 vs -0.40)"
            in comparison.differences)
    assert not any("Gamma" in line for line in comparison.differences)  # too little text


def test_article_frame(comparison):
    frame = comparison.to_frame()
    assert list(frame["id"]) == ["a1", "b1", "b2", "g1"]
    assert {"stance:Russia", "stance:Ukraine", "loaded_language_count",
            "boosting_per_1k"} <= set(frame.columns)
    assert frame.loc[0, "stance:Russia"] == pytest.approx(-0.4)
    assert math.isnan(frame.loc[3, "stance:Russia"])
    assert frame.loc[3, "note"] == "too little text"


def test_manifest(comparison):
    manifest = comparison.manifest
    assert manifest["version"] == "0.1.0"
    assert manifest["versions"]["lexicon:loaded"] == "1.0.0"
    assert manifest["inputs"] == [{"name": "a1.txt", "sha256": "ab" * 32}]
    assert (manifest["n_boot"], manifest["seed"]) == (500, 1)
    assert not any("time" in key or "created" in key for key in manifest)


def test_deterministic():
    one, two = fixture_comparison(n_boot=200, seed=3), fixture_comparison(n_boot=200, seed=3)
    assert one.outlets.equals(two.outlets)
    assert one.stance.equals(two.stance)
    assert one.differences == two.differences


def test_blind_renames_everywhere(comparison):
    blind = comparison.blinded()
    names = set(blind.outlets["outlet"])
    assert names == {"Outlet A", "Outlet B", "Outlet C"}
    assert set(blind.stance["outlet"]) == names and set(blind.articles["outlet"]) == names
    assert all(s.article.outlet in names for s in blind.scores)
    text = " ".join([*blind.differences, *blind.articles["title"], *blind.articles["id"]])
    assert not re.search("Alpha|Beta|Gamma", text)
    assert blind.manifest["inputs"][0]["name"] == "input 1"
    assert len(set(blind_names(["x", "y", "z"]).values())) == 3


def test_no_articles():
    empty = aggregate([], n_boot=10)
    assert empty.outlets.empty and empty.stance.empty and empty.differences == []
