from __future__ import annotations

from functools import partial

import pytest
from hypothesis import given
from hypothesis import strategies as st

from framing import lexicon as lexicon_module
from framing.errors import LexiconError
from framing.lexicon import BUILTIN, Scanner, builtin, parse_lexicon, verb_forms
from framing.text import Doc, find_tokens, is_cased_beyond_ascii, normalise_text

HEADER = """# name: test
# version: 0.1.0
# description: a test lexicon
# license: MIT
# provenance: written for the tests
# categories: modal=modal verbs; approx=approximators; label=labels; verb=verbs
entry\tcategory\tinflect\trule\tweight\tnote
"""

ENTRIES = """may\tmodal\t-\tnot_month\t1.0\t
could\tmodal\t-\tnot_negated\t1.0\t
about\tapprox\t-\tbefore_number\t1.0\t
up to\tapprox\t-\tbefore_number\t1.0\t
regime\tlabel\tnoun\t-\t1.5\t
propaganda arm\tlabel\tnoun\t-\t1.0\t
boast\tverb\tverb\t-\t1.0\tloaded attribution
"""


@pytest.fixture(scope="module")
def lexicon():
    return parse_lexicon(HEADER + ENTRIES, path="test.tsv")


def found(lexicon, text):
    doc = Doc(text)
    return [text[doc.tokens[m.first].start : doc.tokens[m.stop - 1].end] for m in lexicon.matches(doc)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops may have withdrawn.", ["may"]),
        ("The pact was signed in May.", []),
        ("May 5 was the date.", []),
        ("May they return safely.", ["May"]),
        ("They could not hold the line.", []),
        ("They could hold the line.", ["could"]),
        ("A report about the troops.", []),
        ("About 11,000 troops were sent.", ["About"]),
        ("up to twelve thousand", ["up to"]),
        ("The regimes of both states.", ["regimes"]),
        ("KCNA, the regime's propaganda arm, said", ["regime", "propaganda arm"]),
        ("He boasted and keeps boasting; she boasts.", ["boasted", "boasting", "boasts"]),
    ],
)
def test_context_rules_and_inflections(lexicon, text, expected):
    assert found(lexicon, text) == expected


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("tyrant\tnope\t-\t-\t1.0\t", "category 'nope' is not declared"),
        ("tyrant\tlabel\t-", "expected 5 or 6 tab-separated columns"),
        ("tyrant\tlabel\tadverb\t-\t1.0\t", "inflect must be one of"),
        ("tyrant\tlabel\t-\tsometimes\t1.0\t", "unknown rule 'sometimes'"),
        ("tyrant\tlabel\t-\t-\theavy\t", "weight 'heavy' is not a number"),
        ("tyrant\tlabel\t-\t-\t-1\t", "weight must be positive"),
        ("regime\tlabel\t-\t-\t1.0\t", "repeats line"),
    ],
)
def test_bad_lines_are_named(line, message):
    text = HEADER + ENTRIES + line + "\n"
    with pytest.raises(LexiconError, match=message) as err:
        parse_lexicon(text, path="mine.tsv")
    assert f"mine.tsv:{text.count(chr(10))}" in str(err.value)


def test_missing_header_is_reported():
    with pytest.raises(LexiconError, match="header lacks"):
        parse_lexicon("entry\tcategory\tinflect\trule\tweight\tnote\nx\ty\t-\t-\t1\t\n")


@pytest.mark.parametrize("word,form", [("boast", "boasted"), ("slam", "slammed"),
                                       ("decry", "decried"), ("praise", "praising")])
def test_verb_forms(word, form):
    assert form in verb_forms(word)


words = st.sampled_from(["the", "regime", "may", "up", "to", "10", "troops", "propaganda", "arm",
                         "boasted", ",", "said", "not", "could", "May", "about"])


@given(st.lists(words, max_size=40))
def test_matches_are_ordered_disjoint_and_on_token_boundaries(lexicon, tokens):
    text = " ".join(tokens)
    doc = Doc(text)
    last_stop = 0
    for m in lexicon.matches(doc):
        assert last_stop <= m.first < m.stop <= len(doc.tokens)
        last_stop = m.stop


@pytest.mark.parametrize("name", BUILTIN)
def test_builtin_lexicons_load_with_provenance(name):
    lex = builtin(name)
    assert lex.version and lex.provenance and lex.license == "MIT"
    assert {e.category for e in lex.entries} <= set(lex.categories)


@pytest.mark.parametrize(
    ("name", "minimum", "categories"),
    [("loaded", 500, 5), ("hedges", 150, 4), ("boosters", 60, 3), ("sarcasm", 40, 4)],
)
def test_builtin_lexicons_are_big_enough(name, minimum, categories):
    lex = builtin(name)
    assert len(lex) >= minimum
    assert len({e.category for e in lex.entries}) >= categories


pieces = st.sampled_from(["regime", "regimes", "may", "up to", "10", "propaganda arm", "boasted",
                          "so-called", "anti-regime", "regime's", "dismay", "“may”", "(", ",",
                          " ", "\n", "-", "'"])


@given(st.lists(pieces, max_size=30))
def test_hits_start_and_end_on_token_boundaries(lexicon, parts):
    text = "".join(parts)
    doc = Doc(text)
    starts = {t.start for t in doc.tokens}
    ends = {t.end for t in doc.tokens}
    last_end = 0
    for hit in lexicon.find(doc):
        assert hit.start in starts and hit.end in ends
        assert last_end <= hit.start < hit.end
        last_end = hit.end
    # what scoring reads: the same hits as plain tuples
    assert lexicon.found(doc) == [(h.start, h.end, h.entry) for h in lexicon.find(doc)]
    assert all(type(h) is lexicon_module.Hit for h in lexicon.find(doc))


def test_matching_is_spacing_and_case_blind_but_keeps_words_whole(lexicon):
    text = "The Regime's\npropaganda\narm; anti-regime dismay, so-called regimes."
    assert [text[h.start : h.end] for h in lexicon.find(Doc(text))] == [
        "Regime", "propaganda\narm", "regimes"]


MARKED = """so-called\tlabel\t-\t-\t1.0\t
in fact\tlabel\t-\t-\t1.0\t
in\tlabel\t-\t-\t1.0\t
!!!\tlabel\t-\t-\t1.0\t
#fake news\tlabel\t-\t-\t1.0\t
u.s.\tlabel\t-\t-\t1.0\t
translation:\tlabel\t-\t-\t1.0\t
"""


def every_occurrence(text, scanner):
    """The definition `Scanner._occurrences` must meet: each occurrence of each form, found by
    str.find, that the text does not continue on a side where the form starts or ends a word."""
    found = []
    for k, form in enumerate(scanner._forms):
        start = text.find(form)
        while start >= 0:
            end = start + len(form)
            if ((not scanner._opens[k] or lexicon_module._starts_word(text, start))
                    and (not scanner._closes[k] or lexicon_module._ends_word(text, end))):
                found.append((start, -end, k))
            start = text.find(form, start + 1)
    return sorted(found)


text_pieces = st.sampled_from(
    ["in", "fact", "in fact", "so", "called", "so-called", "!!!", "!", "#", "fake", "news", "u",
     "s", ".", "translation", ":", "may", "regime", "é", "İ", "_", "7", "-", "'", " ", "  ", "\n",
     "(", "“", "”", "clearly", "up to", "reportedly", "it is", "what a"])


@given(st.lists(text_pieces, max_size=30))
def test_scanner_finds_every_occurrence_on_word_boundaries(lexicon, parts):
    text = "".join(parts)
    own = Scanner([parse_lexicon(HEADER + MARKED, path="marked.tsv"), lexicon])
    for scanner in (own, lexicon_module._builtin_scanner(BUILTIN)):
        assert scanner._occurrences(text) == every_occurrence(text, scanner)


@pytest.mark.parametrize("mask", [None, 0])
@given(parts=st.lists(text_pieces, max_size=30))
def test_word_matcher_finds_every_occurrence_even_when_hashes_collide(lexicon, mask, parts):
    """The compiled path's matcher, called directly, so that pure Python runs it too. With a zero
    mask every word and pair of words hashes alike: the look-ups then hold every form."""
    if mask is not None and lexicon_module._COMPILED:
        pytest.skip("compiled, the hash's constants are C constants")
    text = "".join(parts)
    scanner = Scanner([parse_lexicon(HEADER + MARKED, path="marked.tsv"), lexicon])
    with pytest.MonkeyPatch.context() as patch:
        if mask is not None:
            patch.setattr(lexicon_module, "_FNV_MASK", mask)
        table = lexicon_module._opening_table(
            lexicon_module._openings(scanner._forms, scanner._opens), scanner._forms,
            scanner._closes)
        found = lexicon_module._word_occurrences(text, table, False)
    assert found == [o for o in every_occurrence(text, scanner) if scanner._opens[o[2]]]


cased_pieces = st.sampled_from(
    ["In", "FACT", "So-Called", "REGIME", "Regime’S", "’s", "‘", "’", "Clearly", "Up\nTo",
     "É", "İ", "\u212a", "ΟΔΟΣ", "\U0001f600", "don’t", "DON'T", "don‘t", "Don"])


@given(st.lists(st.one_of(text_pieces, cased_pieces), max_size=30))
def test_the_word_matcher_reads_a_text_as_its_normalised_form(lexicon, parts):
    """Folding the case as it reads, the matcher finds what it finds in the normalised text (with
    line breaks as spaces), or gives up on a text with a cased letter beyond ASCII."""
    text = "".join(parts)
    scanner = Scanner([parse_lexicon(HEADER + "don't\tlabel\t-\t-\t1.0\t\n"), lexicon])
    table = lexicon_module._opening_table(
        lexicon_module._openings(scanner._forms, scanner._opens), scanner._forms, scanner._closes)
    folded = lexicon_module._word_occurrences(text, table, True)
    if any(ord(ch) > 127 and is_cased_beyond_ascii(ch) for ch in text):
        assert folded is None
    else:
        norm = normalise_text(text).replace("\n", " ")
        assert folded == lexicon_module._word_occurrences(norm, table, False)


@given(st.sets(st.integers(0, 2**32 - 1), max_size=40), st.integers(0, 2**32 - 1))
def test_opening_table_finds_each_hash_and_no_other(hashes, other):
    """Every hash of the table is found, with its own forms; any other is not. The hashes that
    fall in the table's last slot make the look-up wrap around to the first. (Compiled, the
    look-up reads a C pointer and is not callable from Python: pure Python runs this.)"""
    if lexicon_module._COMPILED:
        pytest.skip("compiled, the look-up takes a C pointer")
    forms = [f"f{k}" + "é" * (k % 3) for k in range(97)]
    closes = [k % 2 == 0 for k in range(97)]
    openings = {h: [h % 97, (h + 1) % 97] for h in hashes}
    openings.update({2**32 - 1 - 2**16 * k: [k] for k in range(3)})  # all in the last slot
    table = lexicon_module._opening_table(openings, forms, closes)
    read = partial(lexicon_module._read_uint32, table)
    assert 4 * len(openings) <= read(lexicon_module._SLOTS) + 1
    for h, ks in openings.items():
        at = lexicon_module._opening_at(table, h)
        listed, count, at = [], read(at), at + 4
        for _ in range(count):
            k, ends_word, length = read(at), read(at + 4), read(at + 8)
            written = "".join(chr(read(at + 12 + 4 * j)) for j in range(length))
            assert (ends_word, written) == (closes[k], forms[k])
            listed.append(k)
            at += 12 + 4 * length
        assert listed == ks
    if other not in openings:
        assert lexicon_module._opening_at(table, other) == -1


SAMPLE_TEXT = (
    "Officials said the regime's troops reportedly attacked a village. \"It is clearly a "
    "so-called liberation,\" he claimed. Up to 300 soldiers may have been killed in the fighting."
)


@pytest.mark.parametrize("first", ["loaded", "event_words", "all"])
def test_builtin_lexicons_find_the_same_hits_however_they_are_matched_together(first):
    doc = Doc(SAMPLE_TEXT)
    if first == "all":
        lexicon_module.scan_builtin(doc)
    else:
        builtin(first).find(doc)
    for name in BUILTIN:
        alone = Doc(SAMPLE_TEXT)
        builtin(name).scanner.scan(alone)
        assert builtin(name).find(doc) == alone.memo[id(builtin(name))][1], name
    assert builtin("event_words").find(doc)  # the text has some: the test compares hits


def test_the_lexicons_scoring_reads_are_matched_without_the_event_words():
    doc = Doc(SAMPLE_TEXT)
    builtin("hedges").find(doc)
    assert {id(builtin(name)) for name in lexicon_module.SCORING} <= doc.memo.keys()
    assert id(builtin("event_words")) not in doc.memo
    lexicon_module.scan_builtin(doc)
    assert {id(builtin(name)) for name in BUILTIN} <= doc.memo.keys()


# The context rules as first written, on whole tokens: the rules settle most cases by one
# character, and must agree with these everywhere.
def _rules_on_tokens() -> dict:
    numbers, negations = lexicon_module._NUMBER_WORDS, lexicon_module._NEGATIONS

    def nxt(doc, end):  # the tokens of the normalised text
        m = lexicon_module._NEXT_TOKEN_RE.match(doc.norm, end)
        return m.group(1) if m else ""

    def prev(doc, start):
        found = find_tokens(doc.norm, max(0, start - 40), start)
        return found[-1] if found else ""

    def before_number(doc, start, end):
        token = nxt(doc, end)
        return bool(token) and (token[0].isdigit() or token in numbers
                                or token in {"$", "£", "€"})

    def not_month(doc, start, end):
        if nxt(doc, end)[:1].isdigit():
            return False
        return doc.text[start].islower() or lexicon_module._rule_sentence_start(doc, start, end)

    def not_negated(doc, start, end):
        return nxt(doc, end) not in negations and prev(doc, start) not in negations

    def in_parens(doc, start, end):
        return prev(doc, start) in ("(", "[")

    return {"before_number": before_number, "not_month": not_month, "not_negated": not_negated,
            "in_parens": in_parens}


rule_pieces = st.sampled_from(
    ["May", "may", "up to", "5", "²", "$", "£", "€", "a", "an", "several", "dozens", "ab", "not",
     "n't", "don't", "never", "no", "cannot", "can", "nor", "(", "[", ")", "u.s.", "’s", "'s",
     "Ten", "-", ".", " ", "  ", "\n", "\u00a0", "\t", "x" * 45, "é", "NOT", "Never", "DON’T",
     "N’T", "SEVERAL", "İ", "\u212a", "ΟΔΟΣ", "Σ"]
)


@given(st.lists(rule_pieces, max_size=20), st.data())
def test_context_rules_agree_with_their_definition_on_whole_tokens(parts, data):
    text = "".join(parts)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    doc = Doc(text)
    for name, rule in _rules_on_tokens().items():
        if name == "not_month" and start == len(text):  # it reads the match's first character
            continue
        assert lexicon_module.RULES[name](doc, start, end) == rule(doc, start, end), name


@given(st.lists(rule_pieces, max_size=20), st.data())
def test_the_tokens_around_a_match_are_those_of_the_normalised_text(parts, data):
    """The rules read the text as written, which a Doc does not normalise unless it must. The
    tokens are the same, lower-cased alike but for the Greek final sigma: lower-casing a whole
    text writes ς at the end of a word that a token alone may end in σ (no rule's word has one)."""
    text = "".join(parts)
    at = data.draw(st.integers(0, len(text)))
    doc = Doc(text)
    m = lexicon_module._NEXT_TOKEN_RE.match(doc.norm, at)
    found = find_tokens(doc.norm, max(0, at - 40), at)
    sigma = str.maketrans("ς", "σ")
    assert (lexicon_module.next_token(doc, at).translate(sigma)
            == (m.group(1) if m else "").translate(sigma))
    assert (lexicon_module.previous_token(doc, at).translate(sigma)
            == (found[-1] if found else "").translate(sigma))


@pytest.mark.parametrize("gap", [38, 39, 40, 41])
def test_context_rules_look_back_as_far_as_the_token_before_is_looked_for(gap):
    for before in ("(", "not"):
        text = before + " " * gap + "word"
        doc, start = Doc(text), len(text) - 4
        for name, rule in _rules_on_tokens().items():
            assert lexicon_module.RULES[name](doc, start, len(text)) == rule(doc, start, len(text))
