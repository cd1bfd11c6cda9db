"""The compiled build (see setup.py) gives exactly the results of the Python source it is built
from: every record of the sample corpus and the seed articles, evidence included, byte for byte."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from framing.build import compiled

from .conftest import REPO, SEEDS

COMPILED = compiled()

SCORE_ALL = """
import json, sys
from pathlib import Path
from framing.corpus import load_corpus, sample_corpus_path
from framing.measures.stance import ActorMatcher
from framing.models.bundle import available_models
from framing.score import score_article
from framing.story import load_story
from framing.build import compiled

sample = sample_corpus_path()
story = load_story(sample / "story.toml")
matcher, models = ActorMatcher(story.actors), available_models()
paths = [sample, *sorted(Path(p) for p in sys.argv[1:])]
records = [score_article(a, story=story, matcher=matcher, models=models).to_dict()
           for a in load_corpus(*paths).articles]
print(json.dumps({"compiled": compiled(), "records": records}))
"""


def _score_all(pythonpath: Path | None, cwd: Path) -> dict:
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    env.pop("PYTHONPATH", None)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    seeds = sorted(str(p) for p in SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    done = subprocess.run([sys.executable, "-c", SCORE_ALL, *seeds], cwd=cwd, env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.mark.skipif(not COMPILED, reason="framing is running as pure Python: nothing to compare")
def test_compiled_modules_give_the_results_of_their_source(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(REPO / "framing", source / "framing",
                    ignore=shutil.ignore_patterns("*.so", "*.pyd", "__pycache__"))
    for data in ("lexicons", "corpus"):
        shutil.copytree(REPO / data, source / data)
    pure = _score_all(source, tmp_path)
    built = _score_all(None, REPO)
    assert not pure["compiled"] and built["compiled"]
    assert len(built["records"]) >= 5
    for got, want in zip(built["records"], pure["records"], strict=True):
        assert got == want, (
            f"{got['id']}: the compiled modules differ from their source; after editing a "
            "compiled module, rebuild it with `pip install -e .`")
