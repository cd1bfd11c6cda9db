"""Hand-built `ArticleScore`s whose figures are known in advance, for comparison and report tests."""
from __future__ import annotations

import re

from framing.comparison import aggregate, balance, stance_label
from framing.types import (
    Actor,
    ActorStance,
    Article,
    ArticleScore,
    MeasureResult,
    Skipped,
    Span,
    Story,
)

# Markup for hand-built sentences: {L:regime} loaded, {S:so-called} sarcasm, {H:may} hedge,
# {B:clearly} booster, {A=Russia/-0.5:Moscow} a mention of Russia scoring -0.5, {V=Russia/-0.2:boasted}
# an attribution verb that lowered the stance toward Russia by 0.2. A sentence that
# starts with ">" is quoted speech (in quotation marks, attributed to `speaker`).
CODES = {
    "L": ("loaded_language", "label", "loaded.tsv"),
    "S": ("sarcasm", "so_called", "sarcasm.tsv"),
    "H": ("hedging", "modal", "hedges.tsv"),
    "B": ("boosting", "certainty", "boosters.tsv"),
}
MARK = re.compile(r"\{(?:([LSHB])|([AV])=(.+?)/([-+]?[0-9.]+)):([^}]*)\}")


def _sentence(raw: str, offset: int, in_quote: bool) -> tuple[str, list[Span]]:
    text, spans, pos = "", [], 0
    for match in MARK.finditer(raw):
        text += raw[pos:match.start()]
        start = offset + len(text)
        code, kind, actor, weight, word = match.groups()
        text += word
        end = start + len(word)
        if code:
            measure, label, lexicon = CODES[code]
            spans.append(Span(start, end, word, measure, label, f"{lexicon}:{word.lower()}",
                              in_quote))
        elif kind == "A":
            spans.append(Span(start, end, word, "stance", "mention", "rule:mention", in_quote,
                              actor=actor, weight=float(weight)))
        else:
            spans.append(Span(start, end, word, "stance_cue", "attribution",
                              f"loaded.tsv:{word.lower()}", in_quote, actor=actor,
                              weight=float(weight)))
        pos = match.end()
    return text + raw[pos:], spans


def make_score(article_id: str, outlet: str, sentences: list[str], *, title: str = "",
               speaker: str = "a spokesman") -> ArticleScore:
    """An ArticleScore whose counts follow from the markup, like a scorer would produce."""
    text, spans, quotes, sentence_spans = "", [], [], []
    for raw in sentences:
        in_quote = raw.startswith(">")
        body = f'"{raw[1:].strip()}"' if in_quote else raw
        start = len(text)
        plain, found = _sentence(body, start, in_quote)
        text += plain + " "
        words = len(plain.split())
        sentence_spans.append((start, start + len(plain), 0 if in_quote else words))
        spans += found
        if in_quote:
            quotes.append(Span(start, start + len(plain), plain, "quote", "attributed",
                               "rule:quote", True, actor=speaker))
    text = text.rstrip()
    own_words = sum(own for _, _, own in sentence_spans)
    measures = {name: _measure(name, spans, own_words) for name, _, _ in CODES.values()}
    hedges, boosters = measures["hedging"].count, measures["boosting"].count
    if hedges + boosters:
        measures["hedging"].extra["certainty_balance"] = balance(boosters, hedges)
    measures["sarcasm"].extra["index"] = min(1.0, measures["sarcasm"].count / 5)
    return ArticleScore(
        article=Article(article_id, outlet, text, title=title),
        words=len(text.split()), own_words=own_words, sentences=len(sentences),
        own_sentences=sum(1 for _, _, own in sentence_spans if own),
        measures=measures, stance=_stances(spans), quotes=tuple(quotes),
        sentence_spans=tuple(sentence_spans),
    )


def _measure(name: str, spans: list[Span], own_words: int) -> MeasureResult:
    mine = tuple(s for s in spans if s.measure == name)
    count = sum(1 for s in mine if not s.in_quote)
    return MeasureResult(name, count, 1000 * count / own_words if own_words else 0.0,
                         sum(1 for s in mine if s.in_quote), 0.0, mine, {})


def _stances(spans: list[Span]) -> dict[str, ActorStance]:
    out = {}
    for actor in sorted({s.actor for s in spans if s.actor}):
        mine = tuple(s for s in spans if s.actor == actor)
        own = [s.weight for s in mine if s.measure == "stance" and not s.in_quote]
        quoted = [s.weight for s in mine if s.measure == "stance" and s.in_quote]
        score = sum(own) / len(own) if own else None
        qscore = sum(quoted) / len(quoted) if quoted else None
        out[actor] = ActorStance(actor, score, len(own), stance_label(score, len(own)), qscore,
                                 len(quoted), stance_label(qscore, len(quoted)), mine)
    return out


FILLER = "moved its units along the river bank today"  # eight words: every sentence has ten


def fixture_scores() -> list[ArticleScore]:
    alpha = [f"{{L:Regime}} {{A=Russia/-0.5:Moscow}} {FILLER}" if i < 2 else
             f"{{L:Regime}} {{H:may}} {FILLER}" if i < 10 else
             f"The {{L:regime}} {FILLER}" for i in range(20)]
    alpha[12] = f"{{A=Russia/-0.3:Kremlin}} {{V=Russia/-0.2:boasted}} {FILLER}"
    alpha[13] = f"{{A=Russia/-0.3:Kremlin}} {{L:regime}} {FILLER}"
    alpha.append(">{L:Brutal} attacks by {A=Russia/0.6:Russia} will end {B:clearly}")
    beta_one = [f"Reports {{B:clearly}} {FILLER}" for _ in range(8)]
    beta_one[0] = f"{{A=Russia/0.5:Russia}} said {FILLER}"
    beta_two = [f"Witnesses said {FILLER}" for _ in range(12)]
    beta_two[3] = f"{{A=Russia/0.3:Russia}} said {FILLER}"
    beta_two[4] = f"{{A=Ukraine/0.2:Kyiv}} said {FILLER}"
    gamma = [f"{{S:So-called}} {{L:tyrant}} {FILLER}" for _ in range(4)]
    return [
        make_score("a1", "Alpha", alpha, title="Alpha reports"),
        make_score("b1", "Beta", beta_one, title="Beta one"),
        make_score("b2", "Beta", beta_two, title="Beta two"),
        make_score("g1", "Gamma", gamma, title="Gamma short"),
    ]


STORY = Story("A test story", (Actor("Russia", ("Moscow", "the Kremlin")), Actor("Ukraine", ("Kyiv",))))


def fixture_comparison(**options):
    return aggregate(fixture_scores(), story=STORY, skipped=[Skipped("bad.txt", "empty file")],
                     inputs=[("a1.txt", "ab" * 32)], versions={"framing": "0.1.0",
                                                               "lexicon:loaded": "1.0.0"},
                     **options)
