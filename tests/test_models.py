"""Classifier plumbing: numpy inference equals scikit-learn, safe persistence, CLI commands."""
from __future__ import annotations

import hashlib
import io
import json
import math
import random
from collections import Counter
from dataclasses import replace

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.cli import cli
from framing.models.items import Item, read_items
from framing.models.linear import PairIndex, _softmax_margins, _tfidf_logits, fit
from framing.models.persist import ModelError, load_model, save_model
from framing.models.recipes import recipe_for
from framing.models.rows import Rows

from .conftest import SHARED

DATASETS = SHARED / "datasets"
NAMES = ["Ted Cruz", "Angela Merkel", "Joe Biden", "Nancy Pelosi", "Boris Johnson", "Emmanuel Macron"]
FRAMES = {
    "positive": ["{} was praised as a wise and brilliant leader.", "Voters love {} and admire her courage.",
                 "{} won a great victory, delighting supporters."],
    "negative": ["{} was accused of corruption and lies.", "Critics called {} a disgraceful failure.",
                 "{} faces an ugly scandal and angry protests."],
    "neutral": ["{} travelled to Brussels on Tuesday.", "{} will speak at the conference next week.",
                "{} met officials in the capital."],
}


def synthetic_stance(n_per_frame: int = 4, seed: int = 0) -> list[Item]:
    rng = random.Random(seed)
    items = []
    for label, frames in FRAMES.items():
        for frame in frames:
            for _ in range(n_per_frame):
                name = rng.choice(NAMES)
                text = frame.format(name)
                start = text.index(name)
                items.append(Item(text, label, (start, start + len(name)), f"{len(items)}"))
    return items


@pytest.fixture(scope="module")
def model():
    return fit("stance", synthetic_stance())


def test_numpy_inference_equals_scikit_learn(model):
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    recipe, items = recipe_for("stance"), synthetic_stance()
    params = recipe.PARAMS
    vectorizer = TfidfVectorizer(analyzer=recipe.analyze, lowercase=False,
                                 sublinear_tf=params["sublinear_tf"], min_df=params["min_df"],
                                 max_features=params["max_features"])
    dense = np.array([recipe.dense(i) for i in items], dtype=float)
    std = dense.std(axis=0)
    scale = np.where(std > 0, std, 1.0) / params["dense_weight"]
    x = sparse.hstack([vectorizer.fit_transform(items),
                       sparse.csr_matrix((dense - dense.mean(axis=0)) / scale)]).tocsr()
    y = [recipe.LABELS.index(i.label) for i in items]
    reference = LogisticRegression(C=params["C"], class_weight=params["class_weight"],
                                   max_iter=3000, random_state=0).fit(x, y)
    assert np.allclose(model.probabilities(items), reference.predict_proba(x), atol=1e-6)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.lists(st.integers(-1, 40) | st.integers(0, 10**6), max_size=80),
                    min_size=1, max_size=6),
       sublinear=st.booleans())
def test_the_tfidf_loops_equal_the_numpy_product(model, rows, sublinear):
    """The loops the compiled module runs (features counted in a hash table, in first-seen order)
    and numpy's product (features sorted by column) give the same logits to within rounding:
    repeated columns, columns that share a slot, unknown ones (-1) and empty rows included."""
    size = len(model.vocabulary)
    columns = [[c if c < 0 else c % size for c in row] for row in rows]
    numpy_model = replace(model, sublinear_tf=sublinear)
    rows = Rows.of(columns)
    loops = _tfidf_logits(rows.flat, rows.bounds, numpy_model._loop_weights, model.intercept,
                          sublinear)
    assert np.allclose(loops, numpy_model._tfidf_logits(rows), rtol=0, atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.lists(st.integers(-1, 10**6), max_size=60), min_size=1, max_size=6),
       values=st.lists(st.floats(-30, 30), min_size=6, max_size=6))
def test_the_margin_loops_equal_numpys_probabilities(model, rows, values):
    """The dense features and the softmax done in loops (what `margins` runs compiled) give
    numpy's P(positive) − P(negative) to within rounding, large logits included."""
    size = len(model.vocabulary)
    columns = Rows.of([[c if c < 0 else c % size for c in row] for row in rows])
    dense = [[v * (r + 1) for v in values] for r in range(len(columns))]
    logits = _tfidf_logits(columns.flat, columns.bounds, model._loop_weights, model.intercept,
                           model.sublinear_tf)
    high, low = model.labels.index("positive"), model.labels.index("negative")
    loops = _softmax_margins(logits, dense, model.dense_mean, model.dense_scale,
                             model._dense_coef, high, low)
    probabilities = model.probabilities_of(columns, dense)
    assert np.allclose(loops, probabilities[:, high] - probabilities[:, low], rtol=0, atol=1e-12)
    assert model.margins(columns, dense, "positive", "negative") == pytest.approx(loops, abs=1e-12)


_INDEXED = st.integers(0, 40) | st.integers(0, 2**31 - 1)  # repeats, and the whole range


@settings(max_examples=40, deadline=None)
@given(pairs=st.lists(st.tuples(_INDEXED, _INDEXED), max_size=60),
       more=st.integers(0, 2000), absent=st.tuples(_INDEXED, _INDEXED))
def test_the_pair_index_maps_pairs_as_a_dict_does(pairs, more, absent):
    """Every pair put keeps its value, however full the table grows (it starts with room for
    512), and a pair never put has none."""
    index, expected = PairIndex(), {}
    for a, b in pairs + [(i % 37, i) for i in range(more)]:
        if (a, b) not in expected:
            expected[a, b] = len(expected)
            index.put(a, b, expected[a, b])
        assert index.get(a, b) == expected[a, b]
    assert len(index) == len(expected)
    assert all(index.get(a, b) == value for (a, b), value in expected.items())
    assert index.get(*absent) == expected.get(absent, -1)


def test_the_tfidf_loops_refuse_a_column_outside_the_vocabulary(model):
    with pytest.raises(IndexError, match="outside the vocabulary"):
        rows = Rows.of([[0, 1], [2, len(model.vocabulary)]])
        _tfidf_logits(rows.flat, rows.bounds, model._loop_weights, model.intercept, True)


def test_save_and_load_give_the_same_predictions(model, tmp_path):
    save_model(model, tmp_path / "m", {"task": "stance"})
    loaded = load_model(tmp_path / "m", task="stance")
    items = synthetic_stance(seed=1)
    assert np.allclose(loaded.probabilities(items), model.probabilities(items), atol=1e-4)
    assert (tmp_path / "m" / "MODEL_CARD.md").is_file()


def test_a_tampered_weights_file_is_refused(model, tmp_path):
    folder = save_model(model, tmp_path / "m", {"task": "stance"})
    weights = bytearray((folder / "weights.npz").read_bytes())
    weights[-40] ^= 0xFF
    (folder / "weights.npz").write_bytes(bytes(weights))
    with pytest.raises(ModelError, match="changed after training"):
        load_model(folder)


def test_a_pickle_inside_the_weights_is_refused_even_with_a_matching_hash(model, tmp_path):
    folder = save_model(model, tmp_path / "m", {"task": "stance"})
    buffer = io.BytesIO()
    hostile = {name: np.array([object()], dtype=object)
               for name in ("idf", "dense_mean", "dense_scale", "coef", "intercept")}
    np.savez(buffer, **hostile)
    (folder / "weights.npz").write_bytes(buffer.getvalue())
    meta = json.loads((folder / "model.json").read_text("utf-8"))
    meta["weights_sha256"] = hashlib.sha256(buffer.getvalue()).hexdigest()
    (folder / "model.json").write_text(json.dumps(meta), "utf-8")
    with pytest.raises(ModelError, match="not plain numeric arrays"):
        load_model(folder)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": "pickle"}, "not a framing model"),
        ({"task": "astrology"}, "unknown task"),
        ({"labels": ["good", "bad", "ugly"]}, "other labels or features"),
        ({"vocabulary": [1, 2, 3]}, "list of strings"),
    ],
)
def test_a_malformed_model_file_is_refused(model, tmp_path, change, message):
    folder = save_model(model, tmp_path / "m", {"task": "stance"})
    meta = json.loads((folder / "model.json").read_text("utf-8"))
    meta.update(change)
    (folder / "model.json").write_text(json.dumps(meta), "utf-8")
    with pytest.raises(ModelError, match=message):
        load_model(folder)


def test_training_is_reproducible():
    items = synthetic_stance()
    first, second = fit("stance", items, seed=3), fit("stance", items, seed=3)
    assert np.array_equal(first.coef, second.coef)


def _one_at_a_time(model, item):
    """P(positive) - P(negative) of one item from its feature strings: the per-mention path
    the shipped weights were checked against, kept here as the reference."""
    recipe, vocab_size, weights = model.recipe, len(model.vocabulary), {}
    for feature, count in Counter(recipe.analyze(item)).items():
        j = model.vocabulary.get(feature)
        if j is not None:
            weights[j] = (1.0 + math.log(count)) * model.idf[j]
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    logits = model.intercept + model.coef[:, list(weights)] @ (np.array(list(weights.values())) / norm)
    dense = (np.array(recipe.dense(item)) - model.dense_mean) / model.dense_scale
    logits = logits + model.coef[:, vocab_size:] @ dense
    p = np.exp(logits - logits.max())
    p /= p.sum()
    return p[model.labels.index("positive")] - p[model.labels.index("negative")]


def test_batched_mention_scores_equal_one_mention_at_a_time(sample_dir, story):
    from framing.corpus import load_corpus
    from framing.measures.stance import ActorMatcher
    from framing.models.apply import _mention_item, mention_scores
    from framing.models.bundle import available_models
    from framing.score import analyse

    model = available_models().stance
    if model is None:
        pytest.skip("no stance model shipped")
    matcher, checked = ActorMatcher(story.actors), 0
    for article in load_corpus(sample_dir):
        doc = analyse(article.text)
        mentions = [(m.first, m.stop) for m in matcher.mentions(doc)]
        batched = mention_scores(model, doc, mentions)
        items = [_mention_item(doc, first, stop) for first, stop in mentions]
        alone = [model.probabilities([item])[0] for item in items]
        assert len(batched) == len(mentions)
        for score, item, row in zip(batched, items, alone):
            assert score == pytest.approx(_one_at_a_time(model, item), abs=1e-9)
            assert score == pytest.approx(row[2] - row[0], abs=1e-9)
        checked += len(mentions)
    assert checked > 50
    assert mention_scores(model, doc, []) == []


def test_framing_features_follow_the_estimator_contract():
    from sklearn.base import clone
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    from framing import FramingFeatures

    texts = ["The regime clearly lied.", "Officials said troops may have left.",
             "So-called heroes? Of course!", "Troops arrived on Monday."]
    features = FramingFeatures()
    assert clone(features).get_params() == features.get_params()
    matrix = features.fit_transform(texts)
    assert matrix.shape == (4, len(features.get_feature_names_out()))
    names = list(features.get_feature_names_out())
    assert matrix[0, names.index("loaded:label")] > 0
    assert matrix[1, names.index("hedges:modal")] > 0
    pipeline = make_pipeline(FramingFeatures(), LogisticRegression()).fit(texts, [1, 0, 1, 0])
    assert list(pipeline.predict(texts)) == [1, 0, 1, 0]


# --- the commands on small slices of the real data sets -------------------------------------

SLICES = {
    "stance": ("newsmtsc/train.jsonl", "newsmtsc/dev_rw.jsonl", ("polarity",)),
    "loaded": ("babe/babe_sg2_train.csv", None, ("label_bias", "label_opinion", "biased_words")),
    "sarcasm": ("sarcasm-headlines/sarcasm_headlines_v1_train.jsonl",
                "sarcasm-headlines/sarcasm_headlines_v1_dev.jsonl", ("is_sarcastic", "source")),
    "hedging": ("conll2010-wiki-hedge/conll2010_wiki_train_partial.csv", None, ("is_uncertain",)),
    "loaded-spans": ("ptc-semeval2020/ptc_v2_train.jsonl", None,
                     ("technique_spans", "propaganda_spans_si")),
}


def _slice(source, target, n):
    lines = source.read_text("utf-8").splitlines(keepends=True)
    header = lines[:1] if source.suffix == ".csv" else []
    body = lines[len(header):]
    step = max(1, len(body) // n)  # spread over the file: some data sets are sorted by label
    target.write_text("".join(header + body[::step][:n]), "utf-8")
    return target


def _unlabelled(source, target, fields):
    """A copy with every label field removed, as the held-out evaluation will use."""
    if source.suffix == ".csv":
        import csv

        with source.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        keep = [c for c in rows[0] if c not in fields]
        with target.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, keep, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        return target
    out = []
    for line in source.read_text("utf-8").splitlines():
        row = json.loads(line)
        for field in fields:
            row.pop(field, None)
        for target_row in row.get("targets", []):
            for field in fields:
                target_row.pop(field, None)
        out.append(json.dumps(row))
    target.write_text("\n".join(out) + "\n", "utf-8")
    return target


@pytest.mark.parametrize("task", list(SLICES))
def test_train_predict_evaluate_on_a_slice(task, tmp_path):
    train_name, dev_name, label_fields = SLICES[task]
    if not (DATASETS / train_name).is_file():
        pytest.skip("the public data sets (../shared/datasets) are not on this machine")
    size = 60 if task == "loaded-spans" else 400
    data = _slice(DATASETS / train_name, tmp_path / f"train{DATASETS.joinpath(train_name).suffix}",
                  size)
    runner, out = CliRunner(), tmp_path / "model"
    args = ["train", task, "--data", str(data), "--out", str(out)]
    if dev_name:
        args += ["--dev", str(_slice(DATASETS / dev_name, tmp_path / f"dev{data.suffix}", 200))]
    trained = runner.invoke(cli, args)
    assert trained.exit_code == 0, trained.output
    assert "dev" in trained.output and (out / "MODEL_CARD.md").is_file()

    unlabelled = _unlabelled(data, tmp_path / f"nolabels{data.suffix}", label_fields)
    predictions = tmp_path / "pred.jsonl"
    predicted = runner.invoke(cli, ["predict", task, "--data", str(unlabelled), "--model", str(out),
                                    "--out", str(predictions)])
    assert predicted.exit_code == 0, predicted.output
    records = [json.loads(line) for line in predictions.read_text("utf-8").splitlines()]
    expected = read_items(task, data)
    assert [r["id"] for r in records] == [item.id for item in expected]
    if task != "loaded-spans":
        assert all({"label", "score"} <= set(r) for r in records)

    evaluated = runner.invoke(cli, ["evaluate", task, "--data", str(data), "--model", str(out)])
    assert evaluated.exit_code == 0, evaluated.output
    assert ("f1" if task == "loaded-spans" else "macro_f1") in evaluated.output
