"""The README is a contract: its Python examples run, and the commands it documents exist."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from framing.cli import cli

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README, re.DOTALL)


@pytest.mark.parametrize("block", python_blocks())
def test_readme_python_examples_run(block, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    exec(compile(block, "README.md", "exec"), {})  # noqa: S102 - our own README


@pytest.mark.parametrize(
    "command", sorted(set(re.findall(r"^framing (\w+(?: (?:list|show|check))?)", README, re.MULTILINE)))
)
def test_documented_commands_exist(command):
    result = CliRunner().invoke(cli, [*command.split(), "--help"])
    assert result.exit_code == 0, result.output


def test_score_record_fields_are_documented():
    for field in ("own_words", "per_1k", "quoted_count", "sentence_share", "index",
                  "certainty_balance", "mentions", "too little evidence", "in_quote", "source"):
        assert field in README
