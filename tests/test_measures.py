"""Tricky sentences per measure: each case is one a naive word counter gets wrong."""
from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import framing
from framing.lexicon import builtin
from framing.sentiment import token_valences, valences
from framing.text import Doc
from framing.types import Actor, Story


def own(result):
    return [s.text for s in result.evidence if not s.in_quote]


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        ("The treaty was signed in May.", []),
        ("Troops may have withdrawn.", ["may"]),
        ("Officials could not confirm the figure.", []),
        ("A report about the war was published.", []),
        ("About 600 soldiers were killed.", ["About"]),
        ("Up to 12,000 troops were sent, reportedly by train.", ["Up to", "reportedly"]),
        ("The soldiers are believed to have withdrawn.", ["are believed to"]),
    ],
)
def test_hedges_in_context(text, hedges):
    found = own(framing.hedging(text))
    for hedge in hedges:
        assert any(hedge.lower() in f.lower() for f in found), (hedge, found)
    if not hedges:
        assert found == []


def test_quoted_hedges_are_the_source_not_the_outlet():
    result = framing.hedging("The minister said: “We may have lost around 600 men.”")
    assert result.count == 0 and result.quoted_count >= 2


def test_certainty_balance_runs_from_hedged_to_certain():
    hedged = framing.hedging("Troops may have retreated, reportedly after possibly heavy losses.")
    certain = framing.hedging("Clearly the troops retreated. Undoubtedly the losses were heavy.")
    assert hedged.extra["certainty_balance"] == -1.0
    assert certain.extra["certainty_balance"] == 1.0


@pytest.mark.parametrize(
    ("text", "loaded"),
    [
        ("The regime in Pyongyang sent troops.", True),
        ("The tyrant boasted of victory.", True),
        ("The government in Pyongyang said it sent troops.", False),
        ("Officials said 600 soldiers were killed in the war.", False),
    ],
)
def test_loaded_language(text, loaded):
    assert bool(framing.loaded_language(text).count) is loaded


def test_loaded_words_inside_quotes_are_quoted_speech():
    result = framing.loaded_language("KCNA quoted an order to “annihilate the neo-Nazi occupiers.”")
    assert result.count == 0 and result.quoted_count >= 2


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("They come from an “elite” unit, by local standards.", "scare_quote"),
        ("The so-called treaty binds both.", "so_called"),
        ("Who could have guessed? Nobody, of course.", "rhetorical_question"),
    ],
)
def test_sarcasm_markers(text, label):
    assert label in {s.label for s in framing.sarcasm(text).evidence}


def _questions_sentence_by_sentence(doc):
    """The definition `rhetorical_questions` keeps: each sentence in turn."""
    found = []
    for start, end in doc.sentence_bounds:
        text = doc.text[start:end]
        if not text.rstrip("\"”’') ").endswith("?"):
            continue
        mark = doc.text.rfind("?", start, end)
        if doc.quote_around(mark) is None and doc.quote_around(start) is None:
            found.append((start, end))
    return found


@given(st.lists(st.sampled_from(["Why", " ", "?", "?!", ".", "“", "”", "\"", "he said", "\n",
                                 "\n\n", "!", ")", "’", "ok"]), max_size=25))
@example(["Why", "?", " ", "“", "Why", "?", "”", " ", "he said", "."])
@example(["?", " ", "?", "\n", "ok", "?"])
def test_rhetorical_questions_are_the_own_voice_sentences_ending_in_a_question(parts):
    from framing.measures.sarcasm import rhetorical_questions

    doc = Doc("".join(parts), speech_verbs=builtin("speech_verbs"))
    found = [(s.start, s.end) for s in rhetorical_questions(doc)]
    assert found == _questions_sentence_by_sentence(doc)


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 5), st.sampled_from("ab")),
                max_size=12))
def test_a_results_evidence_is_in_reading_order(places):
    # sorted only when it is not already (most lists of evidence are): the same order either way
    from framing.measures._evidence import result
    from framing.types import Span

    spans = [Span(start, start + length, "", "m", label, "rule:x")
             for start, length, label in places]
    evidence = result(Doc("x " * 30), "m", spans).evidence
    assert evidence == tuple(sorted(spans, key=lambda s: (s.start, s.end)))


def test_attributed_short_quote_is_not_a_scare_quote():
    result = framing.sarcasm("Putin declared the “full liberation” of the region.")
    assert "scare_quote" not in {s.label for s in result.evidence}


def test_sarcasm_index_grows_with_markers():
    plain = framing.sarcasm("Troops arrived in the region on Monday, officials said.")
    ironic = framing.sarcasm(
        "Of course the so-called “heroes” were “liberating” the region. Who could have guessed?"
    )
    assert plain.extra["index"] == 0.0
    assert 0.5 < ironic.extra["index"] <= 1.0


STORY = Story("t", (Actor("North Korea", ("Pyongyang",), "country"), Actor("Ukraine", ("Kyiv",))))


def test_stance_own_voice_and_quoted_voice_apart():
    text = (
        "The brutal regime in Pyongyang sent cannon fodder. Pyongyang lied again. "
        "Kyiv said: “Pyongyang is a loyal and wonderful friend.”"
    )
    result = framing.stance(text, STORY.actors)["North Korea"]
    assert result.score < 0 and result.label == "unfavourable"
    assert result.quoted_mentions == 1 and result.quoted_score > 0


def test_stance_needs_more_than_one_mention():
    result = framing.stance("Pyongyang sent troops.", STORY.actors)["North Korea"]
    assert result.label == "too little evidence"
    assert framing.stance("Nothing here.", STORY.actors)["Ukraine"].label == "not mentioned"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(list("ab “”\"'’.?!(),:;\n-") + [
    "may ", "regime ", "so-called ", "Pyongyang ", "Kyiv ", "clearly ", "said "])).map("".join))
def test_every_span_indexes_the_text(text):
    score = framing.score_text(text, story=STORY)
    for span in score.evidence:
        assert text[span.start : span.end] == span.text
    for measure in score.measures.values():
        assert measure.count >= 0 and measure.per_1k >= 0
    assert 0.0 <= score.measures["sarcasm"].extra["index"] <= 1.0
    for stance in score.stance.values():
        assert stance.score is None or -1.0 <= stance.score <= 1.0


@pytest.mark.parametrize("enabled", [True, False])
def test_scoring_leaves_the_cycle_collector_as_it_was(enabled):
    """Scoring pauses Python's cycle collector for the length of one article, and only that."""
    import gc

    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        framing.score_text("Troops may have withdrawn, officials said.")
        assert gc.isenabled() is enabled
        with pytest.raises((AttributeError, TypeError)):
            framing.score_text(None)  # type: ignore[arg-type]
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_a_result_with_other_extra_figures_is_what_replace_makes():
    from dataclasses import fields, replace

    result = framing.hedging("Troops may have withdrawn, reportedly.")
    extra = {"model_share": 0.25}
    assert result.with_extra(extra) == replace(result, extra=extra)
    # every field but `extra` carried over (as a field added later must be)
    changed = [f.name for f in fields(result) if getattr(result.with_extra(extra), f.name)
               is not getattr(result, f.name)]
    assert changed == ["extra"]


@given(st.floats(allow_nan=False) | st.floats(-20, 20) | st.integers(-20_000, 20_000).map(
    lambda k: k / 2000))  # k / 2000: the halves where rounding could tip either way
def test_round3_is_round_to_three_places(x):
    """The stance evidence rounds its weights with `round3`: the very float `round(x, 3)` gives,
    the sign of a zero included."""
    from framing.measures.stance import round3

    assert repr(round3(x)) == repr(round(x, 3))


@given(st.floats() | st.floats(-2, 2) | st.integers(-4_000, 4_000).map(lambda k: k / 200)
       | st.floats(-0.005, 0.005))  # k / 200: the halves; near zero: "-0.00"
@example(-0.0)
@example(0.0)
def test_format_signed_writes_what_float_formatting_writes(x):
    """The model's share of a stance score is written with `format_signed`: the very text of
    f"{x:+.2f}", for halves, negative zeros, NaN and infinities too."""
    from framing.measures.stance import format_signed

    assert format_signed(x) == f"{x:+.2f}"


_VADER_WORDS = st.sampled_from(sorted(valences()))


@given(st.lists(_VADER_WORDS | st.text(max_size=8), max_size=40))
def test_token_valences_are_the_word_lists_valences(words):
    """The bit per hash class that rules most words out before the look-up never rules out a
    word of the list."""
    doc = Doc(" ".join(words))
    assert token_valences(doc) == [valences().get(norm) for norm in doc.token_norms]
