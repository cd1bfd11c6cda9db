from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Tests see only the models shipped with the package, never ones a developer trained locally.
# An empty folder, removed when the run ends (mkdtemp left one behind per run).
_NO_USER_MODELS = tempfile.TemporaryDirectory(prefix="framing-no-user-models-")
os.environ["FRAMING_MODELS"] = _NO_USER_MODELS.name

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("the seed articles (../shared/seeds) are not on this machine")
    return SEEDS


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    from framing.corpus import sample_corpus_path

    return sample_corpus_path()


@pytest.fixture(scope="session")
def story(sample_dir):
    from framing.story import load_story

    return load_story(sample_dir / "story.toml")
