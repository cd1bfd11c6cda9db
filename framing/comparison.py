"""Per-outlet aggregation: rates with bootstrap intervals, stance per actor, and differences.

Outlet figures pool the outlet's own-voice sentences across its articles. Intervals come from
resampling those sentences (stance: the actor's mentions) with replacement, so an outlet with little
text gets a wide interval and differences are only claimed where the intervals do not overlap.
"""
from __future__ import annotations

import bisect
import dataclasses
import hashlib
import re
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from framing.types import MEASURES, ArticleScore, Skipped, Story

MIN_OWN_WORDS = 150  # below this an outlet's rates are noise; say so instead of ranking it
MIN_MENTIONS = 2
FAVOURABLE = 0.1
TOO_LITTLE = "too little evidence"
NOT_MENTIONED = "not mentioned"
TOO_LITTLE_TEXT = "too little text"

# How each measure reads in a sentence: "Outlet A uses more ___ than Outlet B".
MEASURE_PHRASES = {
    "loaded_language": "loaded language",
    "sarcasm": "sarcasm and irony markers",
    "hedging": "hedges",
    "boosting": "boosters",
}
_CHUNK_CELLS = 1_000_000  # bootstrap draws per chunk, to keep memory bounded on big outlets


@dataclass(frozen=True, eq=False)
class Comparison:
    """The outcome of comparing outlets; `write_report` turns it into files."""

    scores: tuple[ArticleScore, ...]
    story: Story | None
    skipped: tuple[Skipped, ...]
    outlets: pd.DataFrame
    stance: pd.DataFrame
    articles: pd.DataFrame
    differences: list[str]
    manifest: dict[str, Any] = field(default_factory=dict)

    @property
    def actors(self) -> list[str]:
        """Actor names in report order (story order, then any others alphabetically)."""
        return _actor_names(self.scores, self.story)

    def to_frame(self) -> pd.DataFrame:
        """One row per article: the content of scores.csv."""
        return self.articles.copy()

    def blinded(self, *, seed: int | None = None) -> Comparison:
        """The same comparison with outlets renamed "Outlet A", "Outlet B", ... in shuffled order."""
        return blind(self, seed=seed)


def aggregate(
    scores: Sequence[ArticleScore],
    *,
    story: Story | None = None,
    skipped: Sequence[Skipped] = (),
    inputs: Sequence[tuple[str, str]] = (),
    versions: Mapping[str, str] | None = None,
    story_source: str = "",
    n_boot: int = 1000,
    seed: int = 0,
) -> Comparison:
    """Compare outlets: returns per-outlet rates, stance per actor, article rows and differences.
    `story_source` says where the actors came from (a story file, or proposed)."""
    scores = tuple(scores)
    actors = _actor_names(scores, story)
    outlets = outlet_frame(scores, n_boot=n_boot, seed=seed)
    stance = stance_frame(scores, actors, n_boot=n_boot, seed=seed)
    return Comparison(
        scores=scores,
        story=story,
        skipped=tuple(skipped),
        outlets=outlets,
        stance=stance,
        articles=article_frame(scores, actors),
        differences=find_differences(outlets, stance),
        manifest={
            **_manifest(scores, story, skipped, inputs, versions or {}, n_boot, seed),
            "story_source": story_source,
        },
    )


# --- outlets ---------------------------------------------------------------------------------


def outlet_names(scores: Sequence[ArticleScore]) -> list[str]:
    """Outlets in order of first appearance."""
    return list(dict.fromkeys(score.article.outlet for score in scores))


def outlet_frame(scores: Sequence[ArticleScore], *, n_boot: int, seed: int) -> pd.DataFrame:
    """One row per outlet: totals, per-1k rates with 95 % intervals, sarcasm index, balance."""
    rows = []
    for outlet in outlet_names(scores):
        group = [s for s in scores if s.article.outlet == outlet]
        rows.append(_outlet_row(outlet, group, n_boot=n_boot, seed=seed))
    columns = ["outlet", "articles", "words", "own_words"]
    for name in MEASURES:
        columns += [f"{name}_count", f"{name}_per_1k", f"{name}_lo", f"{name}_hi"]
    columns += ["sarcasm_index", "certainty_balance", "note"]
    return pd.DataFrame(rows, columns=columns)


def _outlet_row(outlet: str, group: list[ArticleScore], *, n_boot: int, seed: int) -> dict:
    own_words = sum(s.own_words for s in group)
    row: dict[str, Any] = {
        "outlet": outlet,
        "articles": len(group),
        "words": sum(s.words for s in group),
        "own_words": own_words,
    }
    counts, words = _sentence_table(group)
    intervals = _ratio_intervals(counts, words, n_boot=n_boot, seed=seed)
    for j, name in enumerate(MEASURES):
        total = sum(_count(s, name) for s in group)
        row[f"{name}_count"] = total
        row[f"{name}_per_1k"] = 1000.0 * total / own_words if own_words else float("nan")
        row[f"{name}_lo"], row[f"{name}_hi"] = intervals[j]
    indexes = [s.measures["sarcasm"].extra["index"] for s in group if _has_index(s)]
    row["sarcasm_index"] = float(np.mean(indexes)) if indexes else float("nan")
    row["certainty_balance"] = balance(
        sum(_count(s, "boosting") for s in group), sum(_count(s, "hedging") for s in group)
    )
    row["note"] = TOO_LITTLE_TEXT if own_words < MIN_OWN_WORDS else ""
    return row


def balance(boosters: float, hedges: float) -> float:
    """(B - H) / (B + H), NaN when there is neither."""
    total = boosters + hedges
    return (boosters - hedges) / total if total else float("nan")


def _has_index(score: ArticleScore) -> bool:
    result = score.measures.get("sarcasm")
    return result is not None and "index" in result.extra


def _count(score: ArticleScore, name: str) -> int:
    result = score.measures.get(name)
    return result.count if result is not None else 0


def _sentence_table(group: list[ArticleScore]) -> tuple[np.ndarray, np.ndarray]:
    """Own-voice evidence counts (sentences x measures) and own words per sentence, pooled."""
    counts, words = [], []
    for score in group:
        c, w = _article_sentences(score)
        counts.append(c)
        words.append(w)
    if not counts:
        return np.zeros((0, len(MEASURES))), np.zeros(0)
    return np.vstack(counts), np.concatenate(words)


def _article_sentences(score: ArticleScore) -> tuple[np.ndarray, np.ndarray]:
    sentences = score.sentence_spans or ((0, len(score.article.text), score.own_words),)
    starts = [start for start, _, _ in sentences]
    words = np.array([own for _, _, own in sentences], dtype=float)
    counts = np.zeros((len(sentences), len(MEASURES)))
    for j, name in enumerate(MEASURES):
        result = score.measures.get(name)
        if result is None:
            continue
        for span in result.evidence:
            if not span.in_quote:
                counts[max(bisect.bisect_right(starts, span.start) - 1, 0), j] += 1
        counts[:, j] = _match_total(counts[:, j], words, result.count)
    return counts, words


def _match_total(column: np.ndarray, words: np.ndarray, count: int) -> np.ndarray:
    """Scale evidence counts so they add up to the scorer's own count (which the rate reports)."""
    found = column.sum()
    if found == count:
        return column
    if found > 0:
        return column * (count / found)
    if count and words.sum() > 0:  # a count without located evidence: spread it by words
        return words * (count / words.sum())
    return column


def _ratio_intervals(
    counts: np.ndarray, words: np.ndarray, *, n_boot: int, seed: int,
    codes: np.ndarray | None = None,
) -> list[tuple[float, float]]:
    """Percentile 95 % intervals of 1000 * sum(counts) / sum(words), resampling sentences.

    With `codes`, sentence i is row codes[i] of `counts`/`words` (a table of distinct rows, as the
    streaming tally keeps); the draws are the same as with the full sentences x measures array."""
    n = len(words) if codes is None else codes.size
    nan = (float("nan"), float("nan"))
    if n == 0 or n_boot <= 0 or words.sum() == 0:
        return [nan] * counts.shape[1]
    rng = np.random.default_rng(seed)
    draws = []
    for size in _chunks(n_boot, n):
        idx = rng.integers(0, n, size=(size, n))
        if codes is not None:
            idx = codes[idx]
        total_words = words[idx].sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            draws.append(np.column_stack([1000.0 * counts[:, j][idx].sum(axis=1) / total_words
                                          for j in range(counts.shape[1])]))
    stats = np.vstack(draws)
    return [_percentiles(stats[:, j]) for j in range(counts.shape[1])]


def _chunks(n_boot: int, n: int) -> list[int]:
    step = max(1, _CHUNK_CELLS // max(n, 1))
    return [min(step, n_boot - i) for i in range(0, n_boot, step)]


def _percentiles(values: np.ndarray) -> tuple[float, float]:
    values = values[np.isfinite(values)]
    if values.size == 0:
        return float("nan"), float("nan")
    lo, hi = np.percentile(values, [2.5, 97.5])
    return float(lo), float(hi)


# --- stance ----------------------------------------------------------------------------------


def _actor_names(scores: Sequence[ArticleScore], story: Story | None) -> list[str]:
    named = [actor.name for actor in story.actors] if story else []
    found = sorted({name for s in scores for name in s.stance} - set(named))
    return named + found


def stance_label(score: float | None, mentions: int) -> str:
    """The label of a pooled stance score, following the per-article rule."""
    if mentions == 0:
        return NOT_MENTIONED
    if mentions < MIN_MENTIONS or score is None or not np.isfinite(score):
        return TOO_LITTLE
    if score >= FAVOURABLE:
        return "favourable"
    if score <= -FAVOURABLE:
        return "unfavourable"
    return "neutral"


def stance_frame(
    scores: Sequence[ArticleScore], actors: Sequence[str], *, n_boot: int, seed: int
) -> pd.DataFrame:
    """Long table: outlet, actor, own-voice score with interval, and the quoted-voice score."""
    rows = []
    for outlet in outlet_names(scores):
        group = [s for s in scores if s.article.outlet == outlet]
        for actor in actors:
            rows.append(_stance_row(outlet, actor, group, n_boot=n_boot, seed=seed))
    columns = ["outlet", "actor", "score", "lo", "hi", "mentions", "label",
               "quoted_score", "quoted_mentions", "quoted_label"]
    return pd.DataFrame(rows, columns=columns)


def _stance_row(outlet: str, actor: str, group: list[ArticleScore], *, n_boot: int,
                seed: int) -> dict[str, Any]:
    own, quoted = _mention_weights(group, actor)
    return _stance_values(outlet, actor, own, quoted, n_boot=n_boot, seed=seed)


def _stance_values(outlet: str, actor: str, own: np.ndarray, quoted: np.ndarray, *, n_boot: int,
                   seed: int) -> dict[str, Any]:
    lo, hi = _mean_interval(own, n_boot=n_boot, seed=seed) if len(own) >= MIN_MENTIONS else (
        float("nan"), float("nan"))
    score = float(np.mean(own)) if own.size else float("nan")
    quoted_score = float(np.mean(quoted)) if quoted.size else float("nan")
    return {
        "outlet": outlet, "actor": actor, "score": score, "lo": lo, "hi": hi,
        "mentions": int(own.size), "label": stance_label(score, int(own.size)),
        "quoted_score": quoted_score, "quoted_mentions": int(quoted.size),
        "quoted_label": stance_label(quoted_score, int(quoted.size)),
    }


def _mention_weights(group: list[ArticleScore], actor: str) -> tuple[np.ndarray, np.ndarray]:
    own, quoted = [], []
    for score in group:
        result = score.stance.get(actor)
        for span in result.evidence if result else ():
            if span.measure == "stance":
                (quoted if span.in_quote else own).append(span.weight)
    return np.array(own, dtype=float), np.array(quoted, dtype=float)


def _mean_interval(values: np.ndarray, *, n_boot: int, seed: int) -> tuple[float, float]:
    n = values.size
    if n == 0 or n_boot <= 0:
        return float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    means = [values[rng.integers(0, n, size=(size, n))].mean(axis=1)
             for size in _chunks(n_boot, n)]
    return _percentiles(np.concatenate(means))


# --- articles --------------------------------------------------------------------------------


def article_frame(scores: Sequence[ArticleScore], actors: Sequence[str]) -> pd.DataFrame:
    """One row per article (scores.csv): counts, rates, sarcasm index, balance, stance per actor."""
    rows = [_article_row(score, actors) for score in scores]
    columns = ["id", "outlet", "title", "words", "own_words"]
    for name in MEASURES:
        columns += [f"{name}_count", f"{name}_per_1k"]
    columns += ["sarcasm_index", "certainty_balance", *(f"stance:{a}" for a in actors), "note"]
    return pd.DataFrame(rows, columns=columns)


def _article_row(score: ArticleScore, actors: Sequence[str]) -> dict[str, Any]:
    article = score.article
    row: dict[str, Any] = {"id": article.id, "outlet": article.outlet, "title": article.title,
                           "words": score.words, "own_words": score.own_words}
    for name in MEASURES:
        result = score.measures.get(name)
        row[f"{name}_count"] = result.count if result else 0
        row[f"{name}_per_1k"] = round(result.per_1k, 3) if result else 0.0
    sarcasm = score.measures.get("sarcasm")
    row["sarcasm_index"] = sarcasm.extra.get("index", float("nan")) if sarcasm else float("nan")
    hedging = score.measures.get("hedging")
    row["certainty_balance"] = (
        hedging.extra.get("certainty_balance", float("nan")) if hedging else float("nan"))
    for actor in actors:
        stance = score.stance.get(actor)
        value = stance.score if stance is not None else None
        row[f"stance:{actor}"] = float("nan") if value is None else round(value, 3)
    row["note"] = TOO_LITTLE_TEXT if score.own_words < MIN_OWN_WORDS else ""
    return row


# --- differences -----------------------------------------------------------------------------


def find_differences(outlets: pd.DataFrame, stance: pd.DataFrame) -> list[str]:
    """Plain-English sentences for outlet pairs whose 95 % intervals do not overlap."""
    found = []
    usable = outlets[outlets["note"] != TOO_LITTLE_TEXT].to_dict("records")
    for name in MEASURES:
        for a, b in _pairs(usable):
            found += _rate_difference(name, a, b)
    usable_stance = stance[~stance["label"].isin([TOO_LITTLE, NOT_MENTIONED])]
    for actor, rows in usable_stance.groupby("actor", sort=False):
        for a, b in _pairs(rows.to_dict("records")):
            found += _stance_difference(actor, a, b)
    return found


def _pairs(rows: list[dict]) -> list[tuple[dict, dict]]:
    return [(a, b) for i, a in enumerate(rows) for b in rows[i + 1:]]


def _rate_difference(name: str, a: dict, b: dict) -> list[str]:
    if _finite(a[f"{name}_lo"], b[f"{name}_hi"]) and a[f"{name}_lo"] > b[f"{name}_hi"]:
        high, low = a, b
    elif _finite(b[f"{name}_lo"], a[f"{name}_hi"]) and b[f"{name}_lo"] > a[f"{name}_hi"]:
        high, low = b, a
    else:
        return []
    return [(f"{high['outlet']} uses more {MEASURE_PHRASES[name]} than {low['outlet']} "
            f"({high[f'{name}_per_1k']:.1f} vs {low[f'{name}_per_1k']:.1f} per 1,000 words)")]


def _stance_difference(actor: str, a: dict, b: dict) -> list[str]:
    if _finite(a["lo"], b["hi"]) and a["lo"] > b["hi"]:
        high, low = a, b
    elif _finite(b["lo"], a["hi"]) and b["lo"] > a["hi"]:
        high, low = b, a
    else:
        return []
    return [(f"{high['outlet']} writes about {actor} more favourably than {low['outlet']} "
            f"(stance {high['score']:+.2f} vs {low['score']:+.2f})")]


def _finite(*values: float) -> bool:
    return all(value is not None and np.isfinite(value) for value in values)


# --- manifest and blind mode -----------------------------------------------------------------


def _manifest(scores: Sequence[ArticleScore], story: Story | None, skipped: Sequence[Skipped],
              inputs: Sequence[tuple[str, str]], versions: Mapping[str, str], n_boot: int,
              seed: int) -> dict[str, Any]:
    # No creation time: the same inputs and versions must give byte-identical outputs.
    return {
        "tool": "framing",
        "version": versions.get("framing", ""),
        "versions": {key: versions[key] for key in sorted(versions)},
        "story": story.title if story else "",
        "actors": _actor_names(scores, story),
        "outlets": outlet_names(scores),
        "articles": len(scores),
        "inputs": [{"name": name, "sha256": digest} for name, digest in inputs],
        "skipped": [{"name": s.name, "reason": s.reason} for s in skipped],
        "n_boot": n_boot,
        "seed": seed,
        "interval": "percentile bootstrap 95 %, own-voice sentences (stance: mentions)",
    }


def blind_names(outlets: Sequence[str], *, seed: int = 0) -> dict[str, str]:
    """Map outlet names to "Outlet A", "Outlet B", ... in a seeded shuffle (input order hides)."""
    order = np.random.default_rng(seed).permutation(len(outlets))
    return {outlets[i]: f"Outlet {_letters(k)}" for k, i in enumerate(order)}


def _letters(k: int) -> str:
    text = ""
    k += 1
    while k:
        k, rest = divmod(k - 1, 26)
        text = chr(65 + rest) + text
    return text


class BlindIds:
    """Blind outlet names and neutral article ids ("Outlet A #3", ids often carry the outlet's
    name), handed out in article order: the same ids for a whole corpus or chunk by chunk."""

    def __init__(self, names: Mapping[str, str]) -> None:
        self.names = dict(names)
        self._seen: dict[str, int] = {}

    def next(self, outlet: str) -> tuple[str, str]:
        """The blind name of `outlet` and the id of its next article."""
        label = self.names[outlet]
        self._seen[label] = self._seen.get(label, 0) + 1
        return label, f"{label} #{self._seen[label]}"


def blind_article_rows(articles: pd.DataFrame, ids: BlindIds) -> pd.DataFrame:
    """Article rows (scores.csv) with outlet, id and title made blind; pass the chunks of a big
    table in order through the same `ids`."""
    labels = [ids.next(outlet) for outlet in articles["outlet"]]
    return articles.assign(outlet=[label for label, _ in labels],
                           id=[new_id for _, new_id in labels],
                           title=[replace_names(t, ids.names) for t in articles["title"]])


def blind(comparison: Comparison, *, seed: int | None = None) -> Comparison:
    """Rename outlets everywhere; article ids and input names become neutral too."""
    seed = comparison.manifest.get("seed", 0) if seed is None else seed
    names = blind_names(outlet_names(comparison.scores), seed=seed)
    ids = BlindIds(names)
    scores = tuple(_blind_score(s, names, ids.next(s.article.outlet)[1])
                   for s in comparison.scores)
    outlets = comparison.outlets.assign(outlet=comparison.outlets["outlet"].map(names))
    outlets = outlets.sort_values("outlet", key=_letter_key).reset_index(drop=True)
    stance = comparison.stance.assign(outlet=comparison.stance["outlet"].map(names))
    stance = stance.sort_values("outlet", key=_letter_key, kind="stable").reset_index(drop=True)
    articles = blind_article_rows(comparison.articles, BlindIds(names))
    skipped = tuple(Skipped(replace_names(s.name, names), replace_names(s.reason, names))
                    for s in comparison.skipped)
    manifest = dict(comparison.manifest, outlets=sorted(names.values(), key=_letter_sort),
                    inputs=[{"name": f"input {i + 1}", "sha256": item["sha256"]}
                            for i, item in enumerate(comparison.manifest.get("inputs", []))],
                    skipped=[{"name": s.name, "reason": s.reason} for s in skipped], blind=True)
    return Comparison(scores=scores, story=comparison.story, skipped=skipped, outlets=outlets,
                      stance=stance, articles=articles,
                      differences=find_differences(outlets, stance), manifest=manifest)


def _blind_score(score: ArticleScore, names: Mapping[str, str], new_id: str) -> ArticleScore:
    article = dataclasses.replace(
        score.article, id=new_id, outlet=names[score.article.outlet],
        title=replace_names(score.article.title, names), url="", author="", origin="")
    return dataclasses.replace(score, article=article)


def replace_names(text: str, names: Mapping[str, str]) -> str:
    """`text` with every real outlet name (longest first, any case) replaced by its blind name."""
    for real in sorted(names, key=len, reverse=True):
        if real:
            text = re.sub(re.escape(real), names[real], text, flags=re.IGNORECASE)
    return text


def _letter_sort(label: str) -> str:
    return f"{len(label):04d}{label}"  # "Outlet B" before "Outlet AA"


def _letter_key(column: pd.Series) -> pd.Series:
    return column.map(_letter_sort)


# --- aggregation of a stream of scores, in bounded memory ------------------------------------

KEEP_PER_OUTLET = 200  # articles per outlet kept whole (with evidence) for the report
KEEP_TOTAL = 200  # = the articles a report shows in full: the same ones as in memory
INPUTS_LISTED = 10_000  # inputs named one by one in the manifest; beyond, a digest of them all


class _OutletTally:
    """The numbers of one outlet: totals, and what the bootstrap resamples, compactly.

    Sentences are stored as codes into a table of distinct (counts..., own words) rows: corpora
    repeat the same few rows endlessly, and the codes rebuild exactly the arrays `aggregate` uses.
    """

    def __init__(self) -> None:
        self.articles = self.words = self.own_words = 0
        self.counts = dict.fromkeys(MEASURES, 0)
        self.indexes = array("d")
        self.rows: dict[tuple[float, ...], int] = {}
        self.codes = array("i")  # 4 bytes a sentence: the table of distinct rows stays small
        self.sentence_words = 0.0
        self.mentions: dict[tuple[str, bool], array] = {}

    def add(self, score: ArticleScore) -> None:
        self.articles += 1
        self.words += score.words
        self.own_words += score.own_words
        for name in MEASURES:
            self.counts[name] += _count(score, name)
        if _has_index(score):
            self.indexes.append(score.measures["sarcasm"].extra["index"])
        counts, words = _article_sentences(score)
        for row in np.column_stack([counts, words]).tolist():
            self.codes.append(self.rows.setdefault(tuple(row), len(self.rows)))
        self.sentence_words += float(words.sum())
        for actor, result in score.stance.items():
            for span in result.evidence:
                if span.measure == "stance":
                    self.mentions.setdefault((actor, span.in_quote), array("d")).append(span.weight)

    def weights(self, actor: str, in_quote: bool) -> np.ndarray:
        return np.array(self.mentions.get((actor, in_quote), ()), dtype=float)


class StreamingAggregate:
    """`aggregate` for a stream of scores: the same numbers, without keeping every score.

    `add` each score in input order. Only numbers are kept per article, plus the full scores
    (with evidence, for the report) of the first `keep_per_outlet` articles of each outlet, at most
    `keep_total` in all (every outlet keeps at least its first article).
    """

    def __init__(self, story: Story | None = None, *, keep_per_outlet: int | None = None,
                 keep_total: int | None = None) -> None:
        self.story = story
        self.keep_per_outlet = KEEP_PER_OUTLET if keep_per_outlet is None else keep_per_outlet
        self.keep_total = KEEP_TOTAL if keep_total is None else keep_total
        self.tallies: dict[str, _OutletTally] = {}
        self.kept: list[ArticleScore] = []
        self.found: set[str] = set()
        self.total = 0
        self.inputs: list[tuple[str, str]] = []
        self._inputs_digest = hashlib.sha256()

    def add(self, score: ArticleScore, *, source: tuple[str, str] | None = None) -> dict[str, Any]:
        """Tally one score; returns its row of the article table (scores.csv)."""
        outlet = score.article.outlet
        tally = self.tallies.setdefault(outlet, _OutletTally())
        if tally.articles < self.keep_per_outlet and (
                len(self.kept) < self.keep_total or tally.articles == 0):
            self.kept.append(score)
        tally.add(score)
        self.found.update(score.stance)
        self.total += 1
        if source is not None:
            self._add_input(source)
        named = [actor.name for actor in self.story.actors] if self.story else []
        return _article_row(score, list(dict.fromkeys([*named, *score.stance])))

    def _add_input(self, source: tuple[str, str]) -> None:
        if len(self.inputs) < INPUTS_LISTED:  # read at call time, so tests can lower it
            self.inputs.append(source)
        self._inputs_digest.update(f"{source[0]}\t{source[1]}\n".encode())

    @property
    def actors(self) -> list[str]:
        named = [actor.name for actor in self.story.actors] if self.story else []
        return named + sorted(self.found - set(named))

    def outlet_frame(self, *, n_boot: int, seed: int) -> pd.DataFrame:
        rows = [_tally_row(outlet, tally, n_boot=n_boot, seed=seed)
                for outlet, tally in self.tallies.items()]
        return outlet_frame([], n_boot=n_boot, seed=seed).pipe(
            lambda empty: pd.DataFrame(rows, columns=empty.columns))

    def stance_frame(self, *, n_boot: int, seed: int) -> pd.DataFrame:
        rows = [_stance_values(outlet, actor, tally.weights(actor, False),
                               tally.weights(actor, True), n_boot=n_boot, seed=seed)
                for outlet, tally in self.tallies.items() for actor in self.actors]
        return pd.DataFrame(rows, columns=stance_frame([], [], n_boot=n_boot, seed=seed).columns)

    def comparison(self, *, skipped: Sequence[Skipped] = (),
                   versions: Mapping[str, str] | None = None, story_source: str = "",
                   n_boot: int = 1000, seed: int = 0) -> Comparison:
        """The comparison: every number over all articles; `scores` and `articles` hold the kept
        articles only (the full article table is written as the scores arrive)."""
        outlets = self.outlet_frame(n_boot=n_boot, seed=seed)
        stance = self.stance_frame(n_boot=n_boot, seed=seed)
        kept = tuple(self.kept)
        manifest = _manifest(kept, self.story, skipped, self.inputs, versions or {}, n_boot, seed)
        manifest.update(actors=self.actors, outlets=list(self.tallies), articles=self.total,
                        story_source=story_source)
        if self.total > len(self.inputs):
            manifest.update(inputs_total=self.total,
                            inputs_sha256=self._inputs_digest.hexdigest())
        return Comparison(scores=kept, story=self.story, skipped=tuple(skipped), outlets=outlets,
                          stance=stance, articles=article_frame(kept, self.actors),
                          differences=find_differences(outlets, stance), manifest=manifest)


def _tally_row(outlet: str, tally: _OutletTally, *, n_boot: int, seed: int) -> dict[str, Any]:
    """`_outlet_row` from a tally: the same numbers, the same bootstrap draws."""
    row: dict[str, Any] = {"outlet": outlet, "articles": tally.articles, "words": tally.words,
                           "own_words": tally.own_words}
    intervals = _coded_intervals(tally, n_boot=n_boot, seed=seed)
    for j, name in enumerate(MEASURES):
        total = tally.counts[name]
        row[f"{name}_count"] = total
        row[f"{name}_per_1k"] = 1000.0 * total / tally.own_words if tally.own_words else float("nan")
        row[f"{name}_lo"], row[f"{name}_hi"] = intervals[j]
    indexes = np.array(tally.indexes, dtype=float)
    row["sarcasm_index"] = float(np.mean(indexes)) if indexes.size else float("nan")
    row["certainty_balance"] = balance(tally.counts["boosting"], tally.counts["hedging"])
    row["note"] = TOO_LITTLE_TEXT if tally.own_words < MIN_OWN_WORDS else ""
    return row


def _coded_intervals(tally: _OutletTally, *, n_boot: int, seed: int) -> list[tuple[float, float]]:
    """`_ratio_intervals` over the tally's sentence codes and its table of distinct rows."""
    codes = np.frombuffer(tally.codes, dtype=np.dtype(f"i{tally.codes.itemsize}"))
    table = np.array(list(tally.rows), dtype=float).reshape(-1, len(MEASURES) + 1)
    return _ratio_intervals(table[:, :-1], table[:, -1], n_boot=n_boot, seed=seed, codes=codes)
