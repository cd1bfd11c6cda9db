"""Engines, streaming output and the streaming comparison: the same numbers at any scale."""
from __future__ import annotations

import csv
import dataclasses
import filecmp
import json
from functools import partial
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from framing import engines, pipeline
from framing.cli import EXIT_SKIPPED, cli
from framing.comparison import StreamingAggregate, aggregate
from framing.corpus import iter_articles, load_corpus
from framing.engines import score_record, score_stream
from framing.pipeline import compare, compare_report
from framing.report import write_report
from framing.sink import read_ids

COPIES = 3  # the five sample articles, three times over: 15 articles, 3 per outlet


@pytest.fixture(scope="module")
def articles(sample_dir):
    base = load_corpus(sample_dir).articles
    return [dataclasses.replace(article, id=f"{article.id}-{copy}")
            for copy in range(COPIES) for article in base]


@pytest.fixture(scope="module")
def jsonl_corpus(tmp_path_factory, articles, sample_dir) -> Path:
    folder = tmp_path_factory.mktemp("jsonl")
    with (folder / "corpus.jsonl").open("w", encoding="utf-8") as handle:
        for article in articles:
            record = {"id": article.id, "outlet": article.outlet, "title": article.title,
                      "date": article.date, "url": article.url, "text": article.text}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    (folder / "story.toml").write_text((sample_dir / "story.toml").read_text("utf-8"), "utf-8")
    return folder / "corpus.jsonl"


@pytest.fixture(scope="module")
def local_records(articles, story):
    convert = partial(score_record, with_evidence=True)
    return list(score_stream(articles, story=story, convert=convert))


def test_worker_processes_give_the_local_records_in_input_order(articles, story, local_records,
                                                                monkeypatch):
    monkeypatch.setattr(engines, "CHUNK", 2)  # many small chunks: order must still hold
    convert = partial(score_record, with_evidence=True)
    records = list(score_stream(articles, story=story, convert=convert, jobs=2))
    assert [r["id"] for r in records] == [a.id for a in articles]
    assert records == local_records


def test_dask_local_cluster_gives_the_local_records_and_numbers(articles, story, local_records,
                                                                monkeypatch, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    pytest.importorskip("pyarrow")
    monkeypatch.setattr(engines, "PARTITION", 4)  # several partitions over two workers
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        convert = partial(score_record, with_evidence=True)
        records = list(score_stream(articles, story=story, convert=convert, engine="dask",
                                    scheduler=address, staging=tmp_path))
        scores = list(score_stream(articles, story=story, engine="dask", scheduler=address))
    assert records == local_records
    assert list(tmp_path.iterdir()) == []  # partitions are removed once scored
    on_dask, here = StreamingAggregate(story), StreamingAggregate(story)
    for score in scores:
        on_dask.add(score)
    for score in score_stream(articles, story=story):
        here.add(score)
    pd.testing.assert_frame_equal(on_dask.outlet_frame(n_boot=200, seed=0),
                                  here.outlet_frame(n_boot=200, seed=0))
    pd.testing.assert_frame_equal(on_dask.stance_frame(n_boot=200, seed=0),
                                  here.stance_frame(n_boot=200, seed=0))


def test_streaming_aggregate_gives_the_numbers_of_aggregate(articles, story):
    scores = list(score_stream(articles, story=story))
    tally = StreamingAggregate(story, keep_per_outlet=1, keep_total=2)
    for score in scores:
        tally.add(score)
    whole = aggregate(scores, story=story, n_boot=200)
    streamed = tally.comparison(n_boot=200)
    pd.testing.assert_frame_equal(streamed.outlets, whole.outlets, check_exact=True)
    pd.testing.assert_frame_equal(streamed.stance, whole.stance, check_exact=True)
    assert streamed.differences == whole.differences
    # every outlet keeps its first article, even past the total cap
    assert [s.article.outlet for s in streamed.scores] == whole.outlets["outlet"].tolist()


@pytest.mark.parametrize(("blind", "seed"), [(False, 0), (True, 0), (True, 3)])
def test_compare_report_writes_the_files_of_the_in_memory_report(jsonl_corpus, tmp_path,
                                                                 monkeypatch, blind, seed):
    monkeypatch.setattr(pipeline, "_CSV_CHUNK", 4)  # scores.csv written in several chunks
    whole, streamed = tmp_path / "whole", tmp_path / "streamed"
    write_report(compare(jsonl_corpus, n_boot=200, seed=seed), whole, blind=blind)
    compare_report(jsonl_corpus, streamed, n_boot=200, seed=seed, blind=blind)
    for name in ("scores.csv", "evidence.jsonl", "manifest.json", "report.md", "index.html"):
        assert filecmp.cmp(whole / name, streamed / name, shallow=False), name
    assert sorted(p.name for p in streamed.iterdir()) == sorted(p.name for p in whole.iterdir())


def test_compare_report_keeps_numbers_for_every_article_past_the_kept_ones(jsonl_corpus,
                                                                           tmp_path,
                                                                           monkeypatch):
    from framing import comparison

    monkeypatch.setattr(comparison, "KEEP_PER_OUTLET", 1)
    monkeypatch.setattr(comparison, "KEEP_TOTAL", 1)
    monkeypatch.setattr(comparison, "INPUTS_LISTED", 4)
    whole = compare(jsonl_corpus, n_boot=200)
    result, written = compare_report(jsonl_corpus, tmp_path / "r", n_boot=200)
    assert len(result.scores) == 5  # the first article of each outlet
    pd.testing.assert_frame_equal(result.outlets, whole.outlets, check_exact=True)
    rows = list(csv.DictReader(written["csv"].open(encoding="utf-8")))
    assert len(rows) == 5 * COPIES
    articles = {json.loads(line)["article"] for line in written["evidence"].open(encoding="utf-8")}
    assert len(articles) == 5 * COPIES
    manifest = json.loads(written["manifest"].read_text("utf-8"))
    assert manifest["articles"] == 5 * COPIES and len(manifest["inputs"]) == 4
    assert manifest["inputs_total"] == 5 * COPIES and len(manifest["inputs_sha256"]) == 64


def test_cli_score_jobs_writes_jsonl_in_input_order(jsonl_corpus, tmp_path, local_records):
    out = tmp_path / "scores.jsonl"
    result = CliRunner().invoke(cli, ["score", str(jsonl_corpus), "--out", str(out),
                                      "--jobs", "2", "--no-progress"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.open(encoding="utf-8")]
    assert records == local_records


def test_cli_score_json_to_stdout_is_one_indented_array(jsonl_corpus, local_records):
    result = CliRunner().invoke(cli, ["score", str(jsonl_corpus)])
    assert result.exit_code == 0, result.output
    assert result.output == json.dumps(local_records, ensure_ascii=False, indent=2) + "\n"


def test_resume_continues_an_interrupted_jsonl_run(jsonl_corpus, tmp_path, local_records):
    out = tmp_path / "scores.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in local_records[:5]]
    out.write_text("".join(lines[:4]) + lines[4][:50], encoding="utf-8")  # cut mid-record
    result = CliRunner().invoke(cli, ["score", str(jsonl_corpus), "--out", str(out), "--resume"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line) for line in out.open(encoding="utf-8")] == local_records


def test_resume_continues_a_csv_run(jsonl_corpus, tmp_path):
    whole, out = tmp_path / "whole.csv", tmp_path / "scores.csv"
    runner = CliRunner()
    assert runner.invoke(cli, ["score", str(jsonl_corpus), "--out", str(whole)]).exit_code == 0
    with whole.open(encoding="utf-8") as handle:
        out.write_text("".join(handle.readlines()[:6]), encoding="utf-8")  # header + 5 rows
    result = runner.invoke(cli, ["score", str(jsonl_corpus), "--out", str(out), "--resume"])
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8") == whole.read_text("utf-8")
    assert not Path(str(out) + ".partial").exists()
    assert len(read_ids(out)) == 5 * COPIES


def test_resume_refuses_formats_it_cannot_append_to(jsonl_corpus, tmp_path):
    result = CliRunner().invoke(cli, ["score", str(jsonl_corpus), "--resume"])
    assert result.exit_code == 1 and "--resume needs --out" in result.output


def test_csv_output_is_the_flat_table(jsonl_corpus, local_records):
    result = CliRunner().invoke(cli, ["score", str(jsonl_corpus), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(result.output.splitlines()))
    assert [r["id"] for r in rows] == [r["id"] for r in local_records]
    assert "stance:North Korea" in rows[0] and "sarcasm_index" in rows[0]


def test_parquet_round_trip(jsonl_corpus, tmp_path, articles):
    pa = pytest.importorskip("pyarrow")
    from pyarrow import parquet

    source = tmp_path / "corpus.parquet"
    rows = [{"id": a.id, "outlet": a.outlet, "title": a.title, "date": a.date, "url": a.url,
             "text": a.text} for a in articles]
    parquet.write_table(pa.Table.from_pylist(rows), source, row_group_size=4)
    read = [a for a in iter_articles(source) if not hasattr(a, "reason")]
    assert [dataclasses.replace(a, origin="") for a in read] == [
        dataclasses.replace(a, origin="") for a in articles]
    out = tmp_path / "scores.parquet"
    result = CliRunner().invoke(cli, ["score", str(source), "--out", str(out), "--story",
                                      str(jsonl_corpus.parent / "story.toml")])
    assert result.exit_code == 0, result.output
    table = parquet.read_table(out).to_pylist()
    assert [r["id"] for r in table] == [a.id for a in articles]
    from_csv = CliRunner().invoke(cli, ["score", str(jsonl_corpus), "--format", "csv"]).output
    first = next(csv.DictReader(from_csv.splitlines()))
    assert float(first["loaded_language_per_1k"]) == pytest.approx(
        table[0]["loaded_language_per_1k"])
    assert json.loads(table[0]["evidence"])  # the spans travel as JSON text


def test_parquet_row_without_text_is_skipped_by_row(tmp_path):
    pa = pytest.importorskip("pyarrow")
    from pyarrow import parquet

    source = tmp_path / "rows.parquet"
    parquet.write_table(pa.Table.from_pylist([
        {"id": "a", "outlet": "X", "text": "The regime clearly boasted of victory."},
        {"id": "b", "outlet": "X", "text": None},
    ]), source)
    result = CliRunner().invoke(cli, ["score", str(source), "--format", "jsonl"])
    assert result.exit_code == EXIT_SKIPPED
    assert "rows.parquet:2" in result.output


def test_missing_pyarrow_names_the_extra(tmp_path, monkeypatch):
    import sys

    source = tmp_path / "x.parquet"
    source.write_bytes(b"PAR1")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    result = CliRunner().invoke(cli, ["score", str(source)])
    assert result.exit_code == 1
    assert "framing[parquet]" in result.output


def test_lexicons_only_records_are_the_same_in_worker_processes(articles, story, monkeypatch):
    monkeypatch.setattr(engines, "CHUNK", 3)
    convert = partial(score_record, with_evidence=True)
    local = list(score_stream(articles, story=story, convert=convert, lexicons_only=True))
    workers = list(score_stream(articles, story=story, convert=convert, lexicons_only=True,
                                jobs=2))
    assert workers == local
    assert all(record["stance"] == {} for record in local)
