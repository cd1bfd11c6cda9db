"""Labelled items of the public data sets, read from their own file formats.

Every reader works on copies with the label fields removed (`label` is then None), because
`framing predict` must run on unlabelled data.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FramingError

STANCE_LABELS = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


class DatasetError(FramingError):
    """A data file cannot be read as the task's format; the message names file and line."""


@dataclass(frozen=True, slots=True)
class Item:
    """One unit to classify: a sentence (with a target span for stance), or a whole article
    (for loaded-spans, with `spans` = gold (start, end) character spans when known)."""

    text: str
    label: str | None = None
    target: tuple[int, int] | None = None
    id: str = ""
    group: str = ""  # items of one group stay on one side of a split (same article, same sentence)
    spans: tuple[tuple[int, int], ...] = field(default=())


def read_newsmtsc(path: str | Path) -> list[Item]:
    """NewsMTSC jsonl: one item per target, in file order."""
    items = []
    for n, row in _jsonl(path):
        text = _field(row, "sentence_normalized", str, path, n)
        for k, target in enumerate(_field(row, "targets", list, path, n)):
            start, end = int(target["from"]), int(target["to"])
            if not 0 <= start < end <= len(text):
                raise DatasetError(f"{path}:{n}: target {k} offsets {start}-{end} outside the text")
            polarity = target.get("polarity")
            label = STANCE_LABELS.get(float(polarity)) if polarity is not None else None
            gid = str(target.get("Input.gid") or f"{n}:{k}")
            items.append(Item(text, label, (start, end), gid, str(row.get("primary_gid", n))))
    return items


def read_babe(path: str | Path) -> list[Item]:
    """BABE csv: `text` with `label_bias` Biased / Non-biased ("No agreement" rows are kept
    unlabelled so predictions stay one per input row)."""
    items = []
    for n, row in _csv(path, required=("text",)):
        raw = (row.get("label_bias") or "").strip()
        label = {"Biased": "biased", "Non-biased": "neutral"}.get(raw)
        items.append(Item(row["text"], label, None, str(n), row.get("news_link") or str(n)))
    return items


def read_headlines(path: str | Path) -> list[Item]:
    """Sarcasm headlines jsonl: `headline` with `is_sarcastic` 0/1."""
    items = []
    for n, row in _jsonl(path):
        text = _field(row, "headline", str, path, n)
        raw = row.get("is_sarcastic")
        label = None if raw is None else ("sarcastic" if int(raw) else "literal")
        items.append(Item(text, label, None, str(row.get("id", n)), text.strip().lower()))
    return items


def read_conll_hedge(path: str | Path) -> list[Item]:
    """CoNLL-2010 Wikipedia csv: `text` with `is_uncertain` 0/1."""
    items = []
    for n, row in _csv(path, required=("text",)):
        raw = (row.get("is_uncertain") or "").strip()
        label = None if raw == "" else ("uncertain" if int(float(raw)) else "certain")
        items.append(Item(row["text"], label, None, str(n), row["text"].strip().lower()))
    return items


def read_ptc(path: str | Path) -> list[Item]:
    """PTC jsonl, one article a line; gold spans = Loaded_Language and Name_Calling spans."""
    items = []
    for n, row in _jsonl(path):
        text = _field(row, "text", str, path, n)
        spans = tuple(
            (int(s["start"]), int(s["end"]))
            for s in row.get("technique_spans") or ()
            if s.get("technique") in ("Loaded_Language", "Name_Calling,Labeling", "Name_Calling")
        )
        article = str(row.get("article_id", n))
        items.append(Item(text, None, None, article, article, tuple(sorted(set(spans)))))
    return items


READERS = {
    "stance": read_newsmtsc,
    "loaded": read_babe,
    "sarcasm": read_headlines,
    "hedging": read_conll_hedge,
    "loaded-spans": read_ptc,
}


def read_items(task: str, path: str | Path) -> list[Item]:
    """Items of `task` from a file in that task's data-set format."""
    if task not in READERS:
        raise DatasetError(f"unknown task {task!r}; tasks: {', '.join(READERS)}")
    if not Path(path).is_file():
        raise DatasetError(f"{path}: no such data file")
    return READERS[task](path)


def _jsonl(path: str | Path) -> Iterator[tuple[int, dict]]:
    with open(path, encoding="utf-8") as handle:
        for n, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                raise DatasetError(f"{path}:{n}: not JSON ({err.msg})") from None
            if not isinstance(row, dict):
                raise DatasetError(f"{path}:{n}: expected a JSON object")
            yield n, row


def _csv(path: str | Path, *, required: tuple[str, ...]) -> Iterator[tuple[int, dict]]:
    csv.field_size_limit(2**27)
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or ())]
        if missing:
            raise DatasetError(f"{path}: no {', '.join(missing)} column")
        yield from enumerate(reader, 2)


def _field(row: dict, name: str, kind: type, path: str | Path, n: int):
    value = row.get(name)
    if not isinstance(value, kind):
        raise DatasetError(f"{path}:{n}: field {name!r} missing or not {kind.__name__}")
    return value


def same_text_key(text: str) -> str:
    """Text reduced to lower-case letters and digits (Penn-style bracket codes such as -LRB-
    dropped), so copies of a sentence in two files of one data set are recognised."""
    import re

    return re.sub(r"[^a-z0-9]", "", re.sub(r"-[LR][RSC]B-", "", text).lower())


def split(items: list[Item], *, dev_share: float = 0.2, seed: int = 0) -> tuple[list[Item], list[Item]]:
    """A fixed train/dev split by `group` (no sentence or article on both sides), for data sets
    that ship no dev file. The same seed gives the same split."""
    import random

    groups = sorted({item.group for item in items})
    random.Random(seed).shuffle(groups)
    dev_groups = set(groups[: round(len(groups) * dev_share)])
    train = [item for item in items if item.group not in dev_groups]
    dev = [item for item in items if item.group in dev_groups]
    return train, dev
