from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from framing.lexicon import parse_lexicon
from framing.text import TOKEN_RE, Doc, _quote_marks, count_words, split_sentences, tokenize

speech = parse_lexicon(
    "# name: speech\n# version: 1\n# description: d\n# license: MIT\n# provenance: tests\n"
    "# categories: neutral=said\nentry\tcategory\tinflect\trule\tweight\tnote\n"
    + "".join(f"{verb}\tneutral\t-\t-\t1\t\n" for verb in
              ("said", "says", "declared", "told", "warned"))
)


@given(st.text())
def test_token_offsets_index_the_text(text):
    for tok in tokenize(text):
        assert text[tok.start : tok.end] == tok.text
        assert tok.text.strip() == tok.text != ""


@given(st.text())
def test_sentences_are_ordered_trimmed_and_within_the_text(text):
    bounds = split_sentences(text)
    previous_end = 0
    for start, end in bounds:
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        previous_end = end


@given(st.text(alphabet=st.sampled_from(list("a '“”\"‘’«»„é\n"))))
def test_quote_marks_are_every_quotation_mark_in_order(text):
    """Searched for mark by mark (only the straight one in an ASCII text), found in order."""
    assert _quote_marks(text) == [i for i, ch in enumerate(text) if ch in "“”\"‘’«»„"]


@given(st.text(alphabet=st.sampled_from(list("ab “”\"‘’.\n?"))))
def test_quotes_never_overlap_and_stay_inside_the_text(text):
    doc = Doc(text, speech_verbs=speech)
    last_end = 0
    for quote in doc.quotes:
        assert last_end <= quote.start < quote.inner_start <= quote.inner_end < quote.end + 1
        assert quote.end <= len(text)
        last_end = quote.end


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia’s army", ["Russia", "’s", "army"]),
        ("the so-called deal", ["the", "so-called", "deal"]),
        ("it doesn't matter", ["it", "doesn't", "matter"]),
        ("the U.S. and 11,000 troops", ["the", "U.S.", "and", "11", ",", "000", "troops"]),
    ],
)
def test_tokenize(text, expected):
    assert [t.text for t in tokenize(text)] == expected


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Gen. Gerasimov spoke. Then he left.", 2),
        ("The U.S. condemned it. Kyiv agreed.", 2),
        ("Headline without a full stop\nBody text starts here.", 2),
        ("South Korea's intelligence service estimates\n4,700 casualties in total.", 1),
        ("troops sent to\ndefend Russia as if it were home.", 1),
        ("Is it over? Nobody knows!", 2),
        ("First paragraph.\n\nSecond paragraph", 2),
    ],
)
def test_split_sentences(text, count):
    assert len(split_sentences(text)) == count


def test_attributed_quote_after_speech_verb():
    text = "Putin said: “The heroes fought well.” Then he left."
    (quote,) = Doc(text, speech_verbs=speech).quotes
    assert quote.kind == "attributed"
    assert text[quote.inner_start : quote.inner_end] == "The heroes fought well."


def test_speaker_named_after_the_quote():
    text = "“We will respond firmly and without delay,” warned Oleksandr Merezhko on Monday."
    (quote,) = Doc(text, speech_verbs=speech).quotes
    assert (quote.kind, quote.speaker) == ("attributed", "Oleksandr Merezhko")


def test_short_unattributed_quote_is_a_scare_quote():
    text = "They come from an “elite” unit, by local standards."
    doc = Doc(text, speech_verbs=speech)
    (quote,) = doc.quotes
    assert quote.kind == "scare"
    inside = [t.text for t, q in zip(doc.tokens, doc.in_quote) if q is not None]
    assert inside == ["elite"]


@pytest.mark.parametrize("marks", ["“”", '""', "‘’", "«»", "„“"])
def test_every_kind_of_quotation_mark_makes_a_quotation(marks):
    text = f"They come from an {marks[0]}elite{marks[1]} unit, by local standards."
    (quote,) = Doc(text, speech_verbs=speech).quotes
    assert text[quote.inner_start : quote.inner_end] == "elite"


def test_apostrophes_do_not_open_quotes():
    text = "Russia’s generals and the soldiers’ families don’t agree."
    assert Doc(text).quotes == []


def test_quote_running_over_paragraphs_stays_one_quote():
    text = "He said: “First part of the statement.\n\n“Second part of it,” he added.\n\nNarration."
    doc = Doc(text, speech_verbs=speech)
    assert len(doc.quotes) == 1
    assert "Second part" in text[doc.quotes[0].inner_start : doc.quotes[0].inner_end]


def test_unterminated_quote_closes_at_paragraph_end():
    text = "The statement read “an open quote that never closes\n\nOwn voice again here."
    doc = Doc(text, speech_verbs=speech)
    assert len(doc.quotes) == 1
    assert doc.quotes[0].end < text.index("Own voice")
    assert all(q is None for t, q in zip(doc.tokens, doc.in_quote) if t.start > doc.quotes[0].end)


def test_a_doc_computes_each_analysis_once_on_first_use(monkeypatch):
    calls = []
    monkeypatch.setattr(Doc.sentence_bounds, "compute", lambda doc: calls.append(doc) or [(0, 3)])
    doc = Doc("One. Two.")
    assert "sentence_bounds" not in vars(doc)  # nothing before it is asked for
    assert doc.sentence_bounds == [(0, 3)] and doc.sentence_bounds is doc.sentence_bounds
    assert calls == [doc]
    assert Doc.sentence_own_words.__doc__.startswith("Own-voice words in each sentence")


def test_own_words_exclude_quoted_speech():
    doc = Doc("Officials said “four quoted words here” today.", speech_verbs=speech)
    assert doc.words == 7
    assert doc.own_words == 3


@given(st.text(alphabet=st.sampled_from(list("ab1 ,.—“”’\n-"))))
def test_words_are_counted_once_whether_whole_or_by_sentence(text):
    doc = Doc(text)
    assert doc.words == count_words(text) >= doc.own_words >= 0
    assert len(doc.sentence_words) == len(doc.sentence_bounds)


@given(st.lists(st.sampled_from(["ab", "said", " ", "  ", ".", "!", "“", "”", "\"", "’", "—",
                                 "\n", "\n\n", "Who?", "he said:", "A"]), max_size=30))
@example(["“", "ab", ".", " ", "A", "”", " ", "said", " ", "ab", "."])  # a quotation of two
def test_own_words_are_each_sentences_words_less_those_inside_quotations(parts):
    text = "".join(parts)
    doc = Doc(text, speech_verbs=speech)
    own = []
    for start, end in doc.sentence_bounds:
        inside = sum(count_words(text, max(start, q.inner_start), min(end, q.inner_end))
                     for q in doc.quotes if q.inner_start < end and start < q.inner_end)
        own.append(max(count_words(text, start, end) - inside, 0))
    assert doc.sentence_own_words == own


@pytest.mark.parametrize(
    ("text", "words"),
    [("Russia’s so-called “heroes” — 11,000 of them.", 6), ("— • …", 0), ("", 0)],
)
def test_count_words(text, words):
    assert count_words(text) == words


@given(st.text(alphabet=st.sampled_from(list("aB1_ .,;:!?)]”\"'’-“\n\tİé½"))))
def test_tokenize_agrees_with_the_token_pattern(text):
    # the fast path for plain words must give what the token pattern alone gives
    expected = [(m.start(), m.group()) for m in TOKEN_RE.finditer(text)]
    assert [(t.start, t.text) for t in tokenize(text)] == expected


@given(text=st.one_of(st.text(), st.text(alphabet=st.sampled_from(list("aZsS9_ .,;:!?()]”\"'’‘-“\n\tİéÉ½\u2028")))),
       offset=st.integers(0, 1000))
def test_both_tokenizers_give_the_same_columns(text, offset):
    # compiled, the character loop runs; as pure Python the chunk loop: one answer either way
    from framing.text import _columns_by_character, _columns_by_chunk

    assert _columns_by_character(text, offset) == _columns_by_chunk(text, offset)
    # the token strings alone, as find_tokens asks for them
    texts = _columns_by_character(text, offset)[2]
    assert _columns_by_character(text, offset, True) == (None, None, texts, None)


@given(text=st.text(alphabet=st.sampled_from(list("aMr.Uİ “‘'([\n")), max_size=30),
       at=st.integers(0, 29))
def test_abbreviations_are_the_stem_before_the_full_stop(text, at):
    from framing.text import _ABBREVIATIONS, _is_abbreviation

    period = min(at, len(text))
    lo = max(0, period - 12)
    space = max(text.rfind(" ", lo, period), text.rfind("\n", lo, period))
    stem = text[max(space + 1, lo) : period].lstrip("\"“‘'([").rstrip(".").lower()
    expected = stem in _ABBREVIATIONS or len(stem) == 1 or "." in stem
    assert _is_abbreviation(text, period) == expected


def test_a_long_word_before_a_full_stop_ends_a_sentence_after_an_earlier_one():
    # the word is longer than the 12 characters read before a full stop: not an abbreviation,
    # whatever full stops came earlier in the text
    text = "First one. It was a matter of responsibilities. Then more."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "First one.", "It was a matter of responsibilities.", "Then more."]


@given(st.one_of(st.text(), st.text(alphabet=st.sampled_from(list("AZaz9_'’.-“ ,İÉé½\n")))))
def test_a_name_word_is_what_the_name_pattern_matches(word):
    import re

    from framing.text import _is_name

    assert _is_name(word) == bool(re.fullmatch(r"[A-Z][\w'’.-]*", word))


@given(text=st.text(alphabet=st.sampled_from(list("aZsS9_ .,;:!?()]”\"'’‘-“\nİé"))),
       start=st.integers(0, 30), end=st.integers(0, 30))
def test_found_tokens_are_the_token_pattern_s(text, start, end):
    from framing.text import find_tokens

    start, end = min(start, len(text)), min(end, len(text))
    assert find_tokens(text, start, end) == TOKEN_RE.findall(text, start, end)


@given(st.one_of(st.text(), st.text(alphabet=st.sampled_from(list("aZ’‘“İΣσé É\ud800")))))
def test_a_normalised_text_is_normalised_character_by_character(text):
    from framing.text import _normalised_ascii_cased, normalise, normalise_text

    norm = normalise_text(text)
    assert len(norm) == len(text)
    if len(normalise(text)) == len(text):  # lower-casing keeps the length: the whole text at once
        assert norm == normalise(text)
    else:
        assert norm == "".join(c if len(n := normalise(c)) != 1 else n for c in text)
    fast = _normalised_ascii_cased(text)  # what compiled code tries first (pure Python too here)
    assert fast is None or fast == norm


@given(st.one_of(st.text(), st.text(alphabet=st.sampled_from(list("aZ’‘“İΣσé É-—…\n ")))))
def test_words_are_counted_alike_in_the_text_and_in_its_normalised_form(text):
    # counted on the text as written, which a Doc does not normalise unless it must
    from framing.text import normalise_text

    norm = normalise_text(text)
    assert count_words(text) == count_words(norm)
    assert [count_words(text, a, b) for a, b in split_sentences(text)] == [
        count_words(norm, a, b) for a, b in split_sentences(text)]


@given(st.text(alphabet=st.sampled_from(list("ab A.!?…'\"”’)—-•\n\t\u2028é")), max_size=80))
@example("U.S. troops left. The end")
@example("He said “Stop!” — and left.\n\nNext - one.")
def test_sentences_are_split_and_their_words_counted_in_one_pass(text):
    from framing.text import sentences_and_words

    bounds, words = sentences_and_words(text)
    assert words == [count_words(text, start, end) for start, end in bounds]
    assert sum(words) == count_words(text)


def _continues_line_by_slices(text, newline):
    """The definition `_continues_line` keeps, as it was first written."""
    rest = text[newline + 1 : newline + 40].lstrip(" \t")
    before = text[max(0, newline - 40) : newline].rstrip()
    if not rest or not before or rest[0] == "\n":
        return False
    if before[-1] in ".!?:…\"”":
        return False
    if rest[0].islower():
        return True
    return rest[0].isdigit() and before[-1].isalpha() and before.split()[-1].islower()


_LINE = st.text(alphabet=st.sampled_from(list("aaB11   \t\n.:”\u2028é")), max_size=50)


@given(before=_LINE, after=_LINE, pad_before=st.integers(0, 45), pad_after=st.integers(0, 45))
@example(before="the troops", after="2 days later", pad_before=0, pad_after=0)
@example(before="Ten of 12", after="2 days later", pad_before=0, pad_after=0)
@example(before="the troops", after="arrived", pad_before=0, pad_after=39)  # the windows' ends
@example(before="b" + " " * 39, after="2", pad_before=0, pad_after=0)
@example(before="B" + "a" * 39, after="2", pad_before=0, pad_after=0)
def test_a_line_continues_as_the_definition_says(before, after, pad_before, pad_after):
    # padding moves the ends of the two windows (40 characters each way) over the text
    from framing.text import _continues_line

    text = " " * pad_before + before + "\n" + " " * pad_after + after
    for newline in (i for i, ch in enumerate(text) if ch == "\n"):
        assert _continues_line(text, newline) == _continues_line_by_slices(text, newline)


def test_every_character_lower_casing_changes_is_upper_or_title_case():
    # what lets the typed loop of `normalise_text` test a character without lower-casing it
    changed = [c for c in map(chr, range(0x80, 0x10000)) if c.lower() != c]
    assert changed and all(c.isupper() or c.istitle() for c in changed)


@given(st.text(alphabet=st.sampled_from(list("ab said “”\"‘’.\n?"))))
def test_token_views_agree_with_the_character_views(text):
    doc = Doc(text, speech_verbs=speech)
    for i, tok in enumerate(doc.tokens):
        inside = [q for q in doc.quotes if q.inner_start <= tok.start and tok.end <= q.inner_end]
        assert doc.in_quote[i] == (inside[0] if inside else None)
        sent = doc.sentences[doc.sentence_of[i]]
        assert sent.first <= i < sent.stop
        assert doc.token_at(tok.start) == i


@given(text=st.text(alphabet=st.sampled_from("ab A.'’-:“”—… \n,1"), max_size=60),
       start=st.integers(0, 60), length=st.integers(0, 60), limit=st.integers(0, 10))
def test_the_token_window_check_agrees_with_counting_tokens(text, start, length, limit):
    """Quotation attribution settles long spans by their word count: no span has more words
    than tokens, so the shortcut never changes the answer."""
    from framing.text import _at_most_tokens

    end = min(start + length, len(text))
    tokens = len(TOKEN_RE.findall(text, start, end))
    assert count_words(text, start, end) <= tokens
    assert _at_most_tokens(text, start, end, limit) == (tokens <= limit)


@given(text=st.text(alphabet=st.sampled_from(list("ab .“”\"'’\n")), max_size=40),
       edges=st.lists(st.integers(0, 40), max_size=20).map(sorted))
@example(text="“ab” said “cd”", edges=[1, 3, 4, 8, 11, 13])  # a hit filling a quotation
def test_in_quotes_is_quote_around_for_each_hit(text, edges):
    """The evidence spans learn whether each hit is quoted from one walk along the quotations:
    the very answer `Doc.quote_around` gives hit by hit."""
    from framing.lexicon import Entry, Hit
    from framing.text import in_quotes

    doc, entry = Doc(text), Entry("x", "c")
    hits = [Hit(a, b, entry) for a, b in zip(edges[::2], edges[1::2])]
    expected = [doc.quote_around(h.start, h.end) is not None for h in hits]
    assert in_quotes(doc, hits) == expected


@given(st.lists(st.integers(0, 300), max_size=60).map(sorted),
       st.lists(st.tuples(st.integers(0, 300), st.integers(0, 40)), max_size=30), st.booleans())
def test_token_ranges_are_bisections_of_the_token_starts(starts, spans, in_order):
    """Sentences, quotations and lexicon hits find their tokens by one walk along the token
    starts: the very `bisect_left` of each span's start and end, in reading order or not."""
    from bisect import bisect_left

    from framing.text import token_ranges

    spans = [(start, start + length) for start, length in spans]
    if in_order:
        spans.sort()
    want = [(bisect_left(starts, start), bisect_left(starts, end)) for start, end in spans]
    assert token_ranges(spans, starts) == want


@given(st.lists(st.integers(0, 300), max_size=30).map(sorted),
       st.lists(st.integers(-5, 320), max_size=30), st.booleans())
def test_sentences_at_many_offsets_are_bisections(starts, offsets, in_order):
    """Evidence finds the sentence of each of its spans by one walk: the very sentence that
    `bisect_right` on the sentence starts gives, in reading order or not."""
    from bisect import bisect_right

    from framing.text import _last_at_or_before

    if in_order:
        offsets.sort()
    want = [max(bisect_right(starts, offset) - 1, 0) for offset in offsets]
    assert _last_at_or_before(starts, offsets) == want


@given(st.lists(st.integers(0, 60)).map(sorted), st.integers(-5, 65), st.integers(0, 70))
def test_bisect_from_is_bisect_left(values, x, lo):
    """The compiled modules' own bisection (no call into Python), held to `bisect_left`."""
    from bisect import bisect_left

    from framing.text import bisect_from

    lo = min(lo, len(values))
    assert bisect_from(values, x, lo) == bisect_left(values, x, lo)
    assert bisect_from(values, x) == bisect_left(values, x)
