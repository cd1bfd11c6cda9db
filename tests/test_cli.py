"""The command line end to end: bad input is named and skipped, everything else is reported."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from framing.cli import EXIT_SKIPPED, cli

GOOD = (
    "---\noutlet: {outlet}\ntitle: {title}\n---\n"
    "The regime in Pyongyang clearly sent troops to Russia. Officials said around 600 may have "
    "died. Kim Jong Un praised the so-called “heroes” of Kursk. Russia thanked North Korea.\n"
)


@pytest.fixture()
def messy_corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.md").write_text(GOOD.format(outlet="Alpha News", title="Plain"), "utf-8")
    (folder / "b.md").write_text(
        GOOD.format(outlet="<script>alert('o')</script>", title="<script>alert(1)</script>"),
        "utf-8",
    )
    (folder / "empty.txt").write_text("   \n", "utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (folder / "latin1.txt").write_bytes("Le régime a déclaré la victoire.".encode("latin-1"))
    (folder / "cp1251.txt").write_bytes("Режим заявил о победе в Курской области.".encode("cp1251"))
    with open(folder / "huge.txt", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    (folder / "rows.jsonl").write_text(
        json.dumps({"id": "j1", "outlet": "Gamma", "text": GOOD.split("---\n")[-1]}) + "\n"
        + "{not json\n",
        "utf-8",
    )
    return folder


def test_compare_reports_every_bad_input_by_name_and_scores_the_rest(messy_corpus, tmp_path):
    out = tmp_path / "report"
    result = CliRunner().invoke(cli, ["compare", str(messy_corpus), "--out", str(out),
                                      "--bootstrap", "100"])
    assert result.exit_code == EXIT_SKIPPED, result.output
    for name in ("empty.txt", "binary.txt", "latin1.txt", "cp1251.txt", "huge.txt",
                 "rows.jsonl:2"):
        assert name in result.output
    assert "cp1251" in result.output and "too large" in result.output
    rows = list(csv.DictReader((out / "scores.csv").open(encoding="utf-8")))
    assert sorted(r["id"] for r in rows) == ["a", "b", "j1"]
    html = (out / "index.html").read_text("utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "huge.txt" in html  # skipped inputs are listed in the report too


def test_score_json_record_follows_the_documented_contract(messy_corpus, sample_dir):
    story = str(sample_dir / "story.toml")
    result = CliRunner().invoke(cli, ["score", str(messy_corpus / "a.md"), "--story", story])
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.output)
    assert record["outlet"] == "Alpha News"
    assert set(record["measures"]) == {"loaded_language", "sarcasm", "hedging", "boosting"}
    for measure in record["measures"].values():
        assert {"count", "per_1k"} <= set(measure)
    assert 0 <= record["measures"]["sarcasm"]["index"] <= 1
    assert -1 <= record["measures"]["hedging"]["certainty_balance"] <= 1
    stance = record["stance"]["North Korea"]
    assert {"score", "mentions", "label"} <= set(stance)
    text = (messy_corpus / "a.md").read_text("utf-8").split("---\n", 2)[2]
    for span in record["evidence"]:
        assert text[span["start"] : span["end"]] == span["text"]


def test_score_csv_has_one_row_per_article(messy_corpus):
    paths = [str(messy_corpus / "a.md"), str(messy_corpus / "b.md")]
    result = CliRunner().invoke(cli, ["score", *paths, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["id"] for r in rows] == ["a", "b"]
    assert "hedging_certainty_balance" in rows[0]


def test_score_exit_code_says_something_was_skipped(messy_corpus):
    result = CliRunner().invoke(cli, ["score", str(messy_corpus), "--format", "jsonl"])
    assert result.exit_code == EXIT_SKIPPED
    assert "skipped empty.txt: empty article" in result.output


def test_lexicon_commands(tmp_path):
    runner = CliRunner()
    listing = runner.invoke(cli, ["lexicon", "list"])
    assert listing.exit_code == 0 and "hedges" in listing.output
    shown = runner.invoke(cli, ["lexicon", "show", "hedges", "--category", "approximator"])
    assert shown.exit_code == 0 and "up to" in shown.output
    bad = tmp_path / "bad.tsv"
    bad.write_text(
        "# name: bad\n# version: 1\n# description: d\n# license: MIT\n# provenance: p\n"
        "# categories: x=y\nentry\tcategory\tinflect\trule\tweight\tnote\nfoo\tz\t-\t-\t1\t\n",
        "utf-8",
    )
    checked = runner.invoke(cli, ["lexicon", "check", str(bad)])
    assert checked.exit_code == 1
    assert "bad.tsv:8" in checked.output and "'z'" in checked.output


def test_actors_proposes_a_story_file(messy_corpus, tmp_path):
    out = tmp_path / "story.toml"
    result = CliRunner().invoke(cli, ["actors", str(messy_corpus / "a.md"),
                                      str(messy_corpus / "b.md"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    from framing.story import load_story

    names = [a.name for a in load_story(out).actors]
    assert "North Korea" in names and "Russia" in names


def test_compare_without_arguments_builds_the_sample_report(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["compare", "--bootstrap", "100"])
    assert result.exit_code == 0, result.output
    report = tmp_path / "reports" / "sample"
    for name in ("index.html", "report.md", "scores.csv", "evidence.jsonl", "manifest.json"):
        assert (report / name).is_file()
    manifest = json.loads((report / "manifest.json").read_text("utf-8"))
    assert manifest["versions"]["lexicon:loaded"]
    assert len(manifest["inputs"]) == 5


def test_score_lexicons_only_leaves_out_stance_and_keeps_the_lexicon_counts(sample_dir):
    from framing.corpus import load_corpus
    from framing.models.bundle import Models
    from framing.score import score_article

    result = CliRunner().invoke(cli, ["score", str(sample_dir), "--lexicons-only", "--no-evidence"])
    assert result.exit_code == 0, result.output
    records = {r["id"]: r for r in json.loads(result.output)}
    for article in load_corpus(sample_dir).articles:
        expected = score_article(article, models=Models()).to_dict(with_evidence=False)
        assert records[article.id]["stance"] == {}
        assert records[article.id]["measures"] == expected["measures"]


def test_progress_bar_shows_share_rate_and_time_left():
    from framing.cli import Progress

    bar = Progress(False, total=200, done=50)
    bar.start -= 10.0  # ten seconds ago
    for _ in range(50):
        bar()
    line = bar.line(bar.start + 10.0)
    assert line.startswith("[############            ]  50% 100/200 articles")
    assert "(5.0/s, 0m 20s left)" in line
    counter = Progress(False)
    counter()
    assert counter.line(counter.start + 2.0) == "scored 1 articles (0.5/s)"
