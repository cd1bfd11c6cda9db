"""Writing `framing score` records as they come: JSON, JSONL, CSV and Parquet.

Records are never all held in memory. JSONL is written line by line. CSV and Parquet need every
column before the first row (a hedging record has no `certainty_balance` when there are neither
hedges nor boosters), so their rows are spooled to ``OUT.partial`` as they come and the table is
built from the spool when the sink closes. `--resume` reads the ids already written (and the spool
of an interrupted CSV run) and appends the rest.
"""
from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .errors import FramingError

FORMATS = ("json", "jsonl", "csv", "parquet")
RESUMABLE = ("jsonl", "csv")
PARQUET_EXTRA = "writing Parquet needs pyarrow: pip install 'framing[parquet]'"
# A cell starting with one of these runs as a formula in a spreadsheet.
CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PARQUET_BATCH = 2000  # rows per Parquet row group


class SinkError(FramingError):
    """An output that cannot be written or resumed."""


def format_for(path: Path | None, fmt: str | None) -> str:
    """The format asked for, else the one the file name says, else JSON."""
    if fmt:
        return fmt
    suffix = path.suffix.lower().lstrip(".") if path else ""
    return suffix if suffix in FORMATS else "json"


def flat_row(record: dict[str, Any]) -> dict[str, Any]:
    """One `framing score` record as a flat table row: numbers per measure and per actor."""
    row = {key: record[key] for key in ("id", "outlet", "title", "words", "own_words")}
    for name, measure in record["measures"].items():
        for key, value in measure.items():
            if key != "evidence":
                row[f"{name}_{key}"] = value
    for actor, stance in record["stance"].items():
        row[f"stance:{actor}"] = stance["score"]
        row[f"mentions:{actor}"] = stance["mentions"]
    return row


def neutralise(value: object) -> object:
    """Spreadsheets run cells starting with = + - @ as formulas; text cells get a leading '."""
    if isinstance(value, str) and value[:1] in CSV_TRIGGERS:
        return "'" + value
    return value


def open_sink(path: Path | None, fmt: str, *, resume: bool = False) -> Sink:
    """A sink writing `fmt` to `path` (standard output when None); `resume` appends."""
    if resume and (path is None or fmt not in RESUMABLE):
        raise SinkError("--resume needs --out with a .jsonl or .csv file")
    if fmt == "parquet" and path is None:
        raise SinkError("Parquet output needs --out FILE.parquet")
    if fmt == "jsonl":
        return JsonlSink(path, resume=resume)
    if fmt == "json":
        return JsonSink(path)
    if fmt == "csv":
        return CsvSink(path, resume=resume)
    if fmt == "parquet":
        _pyarrow()
        return ParquetSink(path)
    raise SinkError(f"unknown output format {fmt!r}; use one of {', '.join(FORMATS)}")


class Sink:
    """Write records one at a time; `close` finishes the file. `done` holds ids already written."""

    done: frozenset[str] = frozenset()

    def write(self, record: dict[str, Any]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class JsonlSink(Sink):
    def __init__(self, path: Path | None, *, resume: bool = False) -> None:
        if path is not None and resume and path.exists():
            self.done = frozenset(_jsonl_ids(path, repair=True))
        self._handle = _open(path, "a" if resume else "w")

    def write(self, record: dict[str, Any]) -> None:
        self._handle.write(json.dumps(record, ensure_ascii=False) + "\n")

    def close(self) -> None:
        _close(self._handle)


class JsonSink(Sink):
    """One JSON array, laid out exactly as ``json.dumps(records, indent=2)`` would."""

    def __init__(self, path: Path | None) -> None:
        self._handle = _open(path, "w")
        self._count = 0

    def write(self, record: dict[str, Any]) -> None:
        text = json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        self._handle.write(("[\n  " if self._count == 0 else ",\n  ") + text)
        self._count += 1

    def close(self) -> None:
        self._handle.write("\n]\n" if self._count else "[]\n")
        _close(self._handle)


class _SpoolSink(Sink):
    """Flat rows go to ``OUT.partial`` (one JSON object a line) until `close` builds the table."""

    def __init__(self, path: Path | None, *, resume: bool = False) -> None:
        self.path = path
        self.spool = _spool_path(path)
        if resume and self.spool.exists():
            self.done = frozenset(_jsonl_ids(self.spool, repair=True))
        self._handle = self.spool.open("a" if resume else "w", encoding="utf-8")

    def write(self, record: dict[str, Any]) -> None:
        self._handle.write(json.dumps(self.row(record), ensure_ascii=False) + "\n")

    def row(self, record: dict[str, Any]) -> dict[str, Any]:
        return flat_row(record)

    def spooled(self) -> Iterator[dict[str, Any]]:
        with self.spool.open(encoding="utf-8") as handle:
            yield from (json.loads(line) for line in handle)

    def close(self) -> None:
        self._handle.close()
        self.build()
        self.spool.unlink()

    def build(self) -> None:
        raise NotImplementedError


class CsvSink(_SpoolSink):
    def __init__(self, path: Path | None, *, resume: bool = False) -> None:
        super().__init__(path, resume=resume)
        if path is not None and resume and path.exists():
            self.done = self.done | frozenset(_csv_ids(path))

    def build(self) -> None:
        header, old_rows = self._previous()
        columns = _columns(header, self.spooled())
        if self.path is None:
            _write_csv(sys.stdout, columns, self.spooled())
            return
        partial = self.path.with_name(self.path.name + ".tmp")
        with partial.open("w", encoding="utf-8", newline="") as handle:
            _write_csv(handle, columns, old_rows, raw=True)
            _write_csv(handle, columns, self.spooled(), header=False)
        os.replace(partial, self.path)

    def _previous(self) -> tuple[list[str], Iterator[dict[str, Any]]]:
        """Header and rows of the CSV an earlier run wrote (already made safe)."""
        if self.path is None or not self.path.exists() or not self.done:
            return [], iter(())
        with self.path.open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle), [])
        return header, _csv_rows(self.path)


class ParquetSink(_SpoolSink):
    """The same flat table as CSV, plus the evidence spans as JSON text when they are kept."""

    def row(self, record: dict[str, Any]) -> dict[str, Any]:
        row = flat_row(record)
        if "evidence" in record:
            row["evidence"] = json.dumps(record["evidence"], ensure_ascii=False)
        return row

    def build(self) -> None:
        pa = _pyarrow()
        from pyarrow import parquet

        schema = _schema(pa, self.spooled())
        assert self.path is not None  # open_sink refuses Parquet on standard output
        with parquet.ParquetWriter(self.path, schema) as writer:
            batch: list[dict[str, Any]] = []
            for row in self.spooled():
                batch.append(row)
                if len(batch) >= _PARQUET_BATCH:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    batch = []
            if batch:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))


def read_ids(path: Path) -> set[str]:
    """Ids of the records in a JSONL or CSV score output (for checks and tests)."""
    return _csv_ids(path) if path.suffix.lower() == ".csv" else _jsonl_ids(path, repair=False)


# --- helpers ---------------------------------------------------------------------------------


def _open(path: Path | None, mode: str) -> IO[str]:
    if path is None:
        return sys.stdout
    try:
        return path.open(mode, encoding="utf-8")
    except OSError as error:
        raise SinkError(f"{path}: cannot write ({error.strerror or error})") from None


def _close(handle: IO[str]) -> None:
    if handle is sys.stdout:
        handle.flush()
    else:
        handle.close()


def _spool_path(path: Path | None) -> Path:
    if path is None:
        import tempfile

        handle, name = tempfile.mkstemp(prefix="framing-", suffix=".partial")
        os.close(handle)
        return Path(name)
    return path.with_name(path.name + ".partial")


def _jsonl_ids(path: Path, *, repair: bool) -> set[str]:
    """Ids of complete lines; with `repair`, a line cut short by an interrupted run is removed."""
    ids: set[str] = set()
    good = 0
    with path.open("rb") as handle:
        for line in handle:
            try:
                record = json.loads(line)
            except ValueError:
                break
            if not line.endswith(b"\n"):
                break
            ids.add(str(record["id"]))
            good += len(line)
    if repair and good < path.stat().st_size:
        with path.open("r+b") as handle:
            handle.truncate(good)
    return ids


def _csv_rows(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _csv_ids(path: Path) -> set[str]:
    ids = set()
    for row in _csv_rows(path):
        value = row.get("id") or ""
        ids.add(value[1:] if value[:1] == "'" and value[1:2] in CSV_TRIGGERS else value)
    return ids


def _columns(header: list[str], rows: Iterator[dict[str, Any]] | list[dict[str, Any]]) -> list[str]:
    """`header`, then every other key in order of first appearance."""
    columns = dict.fromkeys(header)
    for row in rows:
        columns.update(dict.fromkeys(row))
    return list(columns)


def _write_csv(handle: IO[str], columns: list[str], rows: Any, *, header: bool = True,
               raw: bool = False) -> None:
    writer = csv.DictWriter(handle, columns, lineterminator="\n")
    if header:
        writer.writeheader()
    for row in rows:
        writer.writerow(row if raw else {k: neutralise(v) for k, v in row.items()})


def _schema(pa: Any, rows: Iterator[dict[str, Any]]) -> Any:
    """Column types from every value seen: text, whole numbers, else decimals."""
    kinds: dict[str, set[type]] = {}
    for row in rows:
        for key, value in row.items():
            kinds.setdefault(key, set()).add(type(value))
    fields = []
    for key, seen in kinds.items():
        if str in seen:
            kind = pa.string()
        elif seen <= {int, type(None)} and int in seen:
            kind = pa.int64()
        elif seen <= {bool, type(None)} and bool in seen:
            kind = pa.bool_()
        else:
            kind = pa.float64()
        fields.append(pa.field(key, kind))
    return pa.schema(fields)


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:
        raise SinkError(PARQUET_EXTRA) from None
    return pyarrow
