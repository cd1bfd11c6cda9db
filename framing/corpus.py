"""Reading corpora into Articles: folders of .txt/.md files, JSONL, CSV and Parquet.

A bad article never stops the run: it comes back as a `Skipped` that names the file (or
``file:line`` / ``file:row``) and says what is wrong and how to fix it. Only a path that cannot be
read at all (missing, unknown format, nothing in it) raises `CorpusError`.

Article text is kept as read, apart from two normalisations that every reader of text files
expects: a leading byte-order mark is dropped and line ends become ``\\n``. Evidence offsets index
this text.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from framing.data import sample_dir
from framing.errors import ArticleError, CorpusError
from framing.types import Article, Skipped

DEFAULT_MAX_BYTES = 5_000_000
TEXT_SUFFIXES = (".txt", ".md")
TABLE_SUFFIXES = (".jsonl", ".csv", ".parquet")
ACCEPTED = "a folder of .txt/.md files, or a .txt, .md, .jsonl or .csv file, or a .parquet file"
META_KEYS = ("id", "outlet", "title", "date", "url", "author")
MANIFEST = "manifest.csv"
# Documentation kept next to the articles (the bundled sample has a README.md) is not an article.
NOT_ARTICLES = frozenset({"readme", "license", "licence"})
FENCE = "---"
_FENCE_LINE = re.compile(r"^---[ \t\r]*$", re.MULTILINE)
UNKNOWN_OUTLET = "unknown"

_CONTROL_SHARE = 0.10  # more control characters than this and it is not prose
_CYRILLIC_SHARE = 0.30  # Russian text read as cp1251 is mostly Cyrillic; French or German is not
_CONTROL_BYTES = bytes([*range(9), *range(14, 32), 127])  # not \t \n \v \f \r
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SNIFF_BYTES = 8192
_PARQUET_BATCH = 64  # rows decoded at a time: long articles times a small batch stay small
PARQUET_EXTRA = "reading Parquet needs pyarrow: pip install 'framing[parquet]'"


@dataclass(frozen=True, slots=True)
class Corpus:
    """Articles read from one or more paths, and the inputs skipped on the way (with reasons)."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...] = ()

    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)


def load_corpus(*paths: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Corpus:
    """Read every article under `paths` into a `Corpus`; ids are made unique across all paths.

    Raises `CorpusError` when a path is missing, of an unknown format, or a folder with nothing to
    read; every problem with a single article lands in `Corpus.skipped` instead.
    """
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in stream_corpus(*paths, max_bytes=max_bytes):
        if isinstance(item, Article):
            articles.append(item)
        else:
            skipped.append(item)
    return Corpus(tuple(articles), tuple(skipped))


def stream_corpus(
    *paths: str | Path, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | Skipped]:
    """What `load_corpus` reads, one item at a time: memory stays flat on any corpus size.

    Paths are checked (and `CorpusError` raised) at once, before the first item is asked for.
    """
    if not paths:
        raise CorpusError(f"no corpus path given; accepted: {ACCEPTED}")
    _check_limit(max_bytes)
    plans = [(Path(path), _sources(Path(path))) for path in paths]  # fail before reading anything
    items = itertools.chain.from_iterable(
        _read_sources(path, sources, max_bytes) for path, sources in plans
    )
    return _unique_ids(items)


def count_items(*paths: str | Path) -> int | None:
    """About how many items `stream_corpus(*paths)` will yield, for a progress bar: one per text
    file, per line of a JSONL file, per row of a Parquet file; None when a CSV file (whose
    rows may span lines) or an unreadable input makes the total unknown. Fast: JSONL lines are
    counted in 1 MB blocks, Parquet rows read from the file's metadata."""
    total = 0
    for path in map(Path, paths):
        try:
            sources = _sources(path)
        except CorpusError:
            return None
        for file, _ in sources:
            count = _count_rows(file)
            if count is None:
                return None
            total += count
    return total


def _count_rows(file: Path) -> int | None:
    suffix = file.suffix.lower()
    try:
        if suffix == ".jsonl":
            lines, last = 0, b"\n"
            with file.open("rb") as handle:
                while block := handle.read(1 << 20):
                    lines += block.count(b"\n")
                    last = block[-1:]
            return lines + (last != b"\n")
        if suffix == ".parquet":
            return int(_pyarrow_parquet().ParquetFile(file).metadata.num_rows)
    except (OSError, ValueError, CorpusError):
        return None
    return None if suffix == ".csv" else 1


def iter_articles(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | Skipped]:
    """Yield the articles under `path` one at a time (JSONL, CSV and Parquet are streamed).

    Problems with the path itself raise `CorpusError` at once, before the first item is asked for.
    """
    _check_limit(max_bytes)
    path = Path(path)
    return _unique_ids(_read_sources(path, _sources(path), max_bytes))


def read_article_file(
    path: str | Path, *, outlet: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Article:
    """Read one .txt/.md article, front matter included.

    The outlet comes from the front matter, else `outlet`, else the file name stem.
    Raises `ArticleError` naming the file when it is too large, binary, not UTF-8, malformed or empty.
    """
    _check_limit(max_bytes)
    path = Path(path)
    return _read_text_article(path, name=str(path), outlet=outlet, max_bytes=max_bytes)


def parse_front_matter(text: str, *, name: str = "<text>") -> tuple[dict[str, str], str, int]:
    """Split ``---`` front matter off the top of `text`: returns ``(meta, body, body_offset)``.

    ``text[body_offset:] == body`` always holds; text without front matter comes back as
    ``({}, text, 0)``. Keys are lower-cased, values stripped and freed of one pair of matching
    quotes; blank lines and ``#`` comments are ignored. Raises `ArticleError` (naming `name`) when
    the block is never closed or a line in it is not ``key: value``.
    """
    first_end = text.find("\n")
    if text[: first_end if first_end >= 0 else len(text)].rstrip(" \t\r") != FENCE:
        return {}, text, 0
    meta: dict[str, str] = {}
    pos = first_end + 1 if first_end >= 0 else len(text)
    for line_no in itertools.count(2):
        if pos >= len(text):
            break
        end = text.find("\n", pos)
        next_pos = len(text) if end < 0 else end + 1
        line = text[pos:next_pos].rstrip("\n")
        if line.rstrip(" \t\r") == FENCE:
            return meta, text[next_pos:], next_pos
        if line.strip() and not line.lstrip().startswith("#"):
            if not _FENCE_LINE.search(text, pos):
                break  # prose before any closing line: the block was never closed
            key, value = _meta_line(line, name=name, line_no=line_no)
            meta[key] = value
        pos = next_pos
    raise ArticleError(
        name,
        "front matter opened with '---' on line 1 is never closed: add a '---' line after the "
        "last 'key: value' line (or remove the opening '---')",
    )


def sample_corpus_path() -> Path:
    """The bundled sample corpus: installed package data, or the repository's ``corpus/`` folder."""
    return sample_dir()


def sample_story_path() -> Path:
    """The story file (actors and aliases) of the bundled sample corpus."""
    return sample_corpus_path() / "story.toml"


# --- finding the files ------------------------------------------------------------------------


def _check_limit(max_bytes: int) -> None:
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be a positive number of bytes, not {max_bytes}")


def _sources(path: Path) -> list[tuple[Path, str]]:
    """The files to read for `path`, each with the name used in messages."""
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder; accepted: {ACCEPTED}")
    if path.is_dir():
        found = _folder_files(path)
        if not found:
            raise CorpusError(
                f"{path}: no articles found (no .txt, .md, .jsonl or .csv files in the folder "
                "or its subfolders)"
            )
        return found
    if path.suffix.lower() not in TEXT_SUFFIXES + TABLE_SUFFIXES:
        shown = repr(path.suffix) if path.suffix else "a file without extension"
        raise CorpusError(f"{path}: cannot read {shown}; accepted: {ACCEPTED}")
    return [(path, str(path))]


def _folder_files(folder: Path) -> list[tuple[Path, str]]:
    """Inputs in `folder` and its direct subfolders, sorted by their path relative to `folder`."""
    files: list[Path] = []
    for child in _listing(folder):
        if child.is_dir():
            files += [grandchild for grandchild in _listing(child) if _is_input(grandchild)]
        elif _is_input(child):
            files.append(child)
    named = [(file, file.relative_to(folder).as_posix()) for file in files]
    return sorted(named, key=lambda pair: pair[1])


def _listing(folder: Path) -> list[Path]:
    try:
        return sorted(child for child in folder.iterdir() if not child.name.startswith("."))
    except OSError as error:
        raise CorpusError(f"{folder}: cannot list the folder ({error.strerror or error})") from None


def _is_input(path: Path) -> bool:
    return (
        path.suffix.lower() in TEXT_SUFFIXES + TABLE_SUFFIXES
        and path.name.lower() != MANIFEST
        and path.stem.lower() not in NOT_ARTICLES
        and path.is_file()
    )


def _read_sources(
    path: Path, sources: list[tuple[Path, str]], max_bytes: int
) -> Iterator[Article | Skipped]:
    outlets: dict[str, str] = {}
    if path.is_dir():
        for folder in sorted({path} | {file.parent for file, _ in sources}):
            mapping, problem = _read_manifest(folder / MANIFEST, root=path)
            outlets.update(mapping)
            if problem is not None:
                yield problem
    for file, name in sources:
        suffix = file.suffix.lower()
        if suffix == ".jsonl":
            yield from _iter_jsonl(file, name, max_bytes)
        elif suffix == ".csv":
            yield from _iter_csv(file, name, max_bytes)
        elif suffix == ".parquet":
            yield from _iter_parquet(file, name, max_bytes)
        else:
            yield _text_item(file, name, outlet=outlets.get(name), max_bytes=max_bytes)


def _read_manifest(manifest: Path, *, root: Path) -> tuple[dict[str, str], Skipped | None]:
    """Outlets by file path relative to `root`, from a ``file,outlet`` manifest.csv (if any)."""
    if not manifest.is_file():
        return {}, None
    name = manifest.relative_to(root).as_posix()
    prefix = manifest.parent.relative_to(root).as_posix()
    try:
        with manifest.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        return {}, Skipped(name, f"cannot read the manifest ({error}); save it as UTF-8 CSV")
    header = [cell.strip().lower() for cell in rows[0]] if rows else []
    if "file" not in header or "outlet" not in header:
        return {}, Skipped(name, "a manifest needs a header row with 'file' and 'outlet' columns")
    file_at, outlet_at = header.index("file"), header.index("outlet")
    mapping = {}
    for row in rows[1:]:
        if len(row) <= max(file_at, outlet_at):
            continue
        file = row[file_at].strip().replace("\\", "/").removeprefix("./")
        if file and row[outlet_at].strip():
            key = file if prefix == "." or "/" in file else f"{prefix}/{file}"
            mapping[key] = row[outlet_at].strip()
    return mapping, None


def _unique_ids(items: Iterable[Article | Skipped]) -> Iterator[Article | Skipped]:
    """Give repeated ids a suffix (``-2``, ``-3``) so every article keeps a unique id."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Article):
            unique = item.id
            for number in itertools.count(2):
                if unique not in seen:
                    break
                unique = f"{item.id}-{number}"
            seen.add(unique)
            if unique != item.id:
                item = replace(item, id=unique)
        yield item


# --- text files ------------------------------------------------------------------------------


def _text_item(path: Path, name: str, *, outlet: str | None, max_bytes: int) -> Article | Skipped:
    try:
        return _read_text_article(path, name=name, outlet=outlet, max_bytes=max_bytes)
    except ArticleError as error:
        return Skipped(error.name, error.reason)


def _read_text_article(path: Path, *, name: str, outlet: str | None, max_bytes: int) -> Article:
    text = _decode_file(_read_limited(path, name=name, max_bytes=max_bytes), name=name)
    meta, body, _ = parse_front_matter(text, name=name)
    _check_words(body, name=name)
    return Article(
        id=meta.get("id") or path.stem,
        outlet=meta.get("outlet") or outlet or path.stem,
        text=body,
        title=meta.get("title", ""),
        date=meta.get("date", ""),
        url=meta.get("url", ""),
        author=meta.get("author", ""),
        origin=str(path),
    )


def _read_limited(path: Path, *, name: str, max_bytes: int) -> bytes:
    """The file's bytes; its size is checked before reading, so a huge file is never loaded."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleError(name, _too_large(size, max_bytes))
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)  # bounded even if the file grew after stat
    except OSError as error:
        raise ArticleError(name, f"cannot read the file ({error.strerror or error})") from None
    if len(raw) > max_bytes:
        raise ArticleError(name, _too_large(len(raw), max_bytes, more_than=True))
    return raw


def _decode_file(raw: bytes, *, name: str) -> str:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ArticleError(name, "UTF-16 text, not UTF-8 — re-save it as UTF-8")
    if _looks_binary(raw):
        raise ArticleError(name, "binary file, not text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ArticleError(name, _encoding_reason(raw, error)) from None
    return _newlines(text.removeprefix("\ufeff"))


def _meta_line(line: str, *, name: str, line_no: int) -> tuple[str, str]:
    key, colon, value = line.partition(":")
    key = key.strip().lower()
    if not colon or not key or not key.replace("_", "").replace("-", "").isalnum():
        raise ArticleError(
            name, f"front matter line {line_no} is not 'key: value': {line.strip()[:60]!r}"
        )
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return key, value


# --- JSONL and CSV ---------------------------------------------------------------------------


def _iter_jsonl(path: Path, name: str, max_bytes: int) -> Iterator[Article | Skipped]:
    problem = _sniff_table(path, name)
    if problem is not None:
        yield problem
        return
    line_limit = 6 * max_bytes + 65_536  # JSON escapes can make a line 6x its text
    with path.open("rb") as handle:
        for line_no, line, size in _lines(handle, line_limit):
            where = f"{name}:{line_no}"
            if line is None:
                yield Skipped(where, _too_large(size, max_bytes))
                continue
            item = _jsonl_item(line, where=where, path=path, line_no=line_no, max_bytes=max_bytes)
            if item is not None:
                yield item


def _lines(handle: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line or None when longer than `limit`, size); memory stays bounded."""
    for line_no in itertools.count(1):
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line_no, line, len(line)
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = handle.readline(1 << 20)
            if not line:
                break
            size += len(line)
        yield line_no, None, size


def _jsonl_item(
    line: bytes, *, where: str, path: Path, line_no: int, max_bytes: int
) -> Article | Skipped | None:
    line = line.removeprefix(codecs.BOM_UTF8) if line_no == 1 else line
    if not line.strip():
        return None  # blank lines are common at the end of JSONL files
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as error:
        return Skipped(where, _encoding_reason(line, error, at="byte {} of the line"))
    except json.JSONDecodeError as error:
        return Skipped(where, f"not valid JSON ({error.msg} at column {error.colno})")
    except RecursionError:
        return Skipped(where, "not valid JSON (nested too deeply)")
    if not isinstance(record, dict):
        return Skipped(where, f"not a JSON object (got {_json_type(record)})")
    origin = f"{path}:{line_no}"
    return _row_article(
        record, where=where, default_id=f"{path.stem}:{line_no}", origin=origin, max_bytes=max_bytes
    )


def _iter_csv(path: Path, name: str, max_bytes: int) -> Iterator[Article | Skipped]:
    problem = _sniff_table(path, name)
    if problem is not None:
        yield problem
        return
    _raise_field_limit(max_bytes)
    # surrogateescape: one badly encoded row is skipped by name instead of failing the whole file.
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
        reader = csv.reader(handle)
        try:
            header = [cell.strip().lower() for cell in next(reader, [])]
        except csv.Error as error:
            yield Skipped(name, f"malformed CSV header ({error})")
            return
        if "text" not in header:
            yield Skipped(name, _no_text_column(header))
            return
        yield from _csv_rows(reader, header, name=name, path=path, max_bytes=max_bytes)


def _csv_rows(
    reader: Iterator[list[str]], header: list[str], *, name: str, path: Path, max_bytes: int
) -> Iterator[Article | Skipped]:
    """Rows are numbered as in a spreadsheet: the header is row 1."""
    for row_no in itertools.count(2):
        where = f"{name}:{row_no}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield Skipped(where, _csv_error_reason(error, max_bytes))
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header) or any(cell.strip() for cell in row[len(header) :]):
            yield Skipped(
                where,
                f"row has {len(row)} fields, the header has {len(header)} — "
                "check the quoting of commas and line breaks",
            )
            continue
        bad = _badly_encoded(row, header)
        if bad is not None:
            yield Skipped(where, bad)
            continue
        yield _row_article(
            dict(zip(header, row)),
            where=where,
            default_id=f"{path.stem}:{row_no}",
            origin=f"{path}:{row_no}",
            max_bytes=max_bytes,
        )


def _iter_parquet(path: Path, name: str, max_bytes: int) -> Iterator[Article | Skipped]:
    """Rows in small record batches (row 1 is the first row); memory is bounded by a row group."""
    parquet = _pyarrow_parquet()
    try:
        table = parquet.ParquetFile(path)
        header = [column.lower() for column in table.schema_arrow.names]
    except (OSError, ValueError) as error:  # pyarrow's errors derive from these
        yield Skipped(name, f"not a readable Parquet file ({error})")
        return
    if "text" not in header:
        yield Skipped(name, _no_text_column(header))
        return
    wanted = [column for column in table.schema_arrow.names
              if column.lower() in ("text", *META_KEYS)]
    row_no = 0
    for batch in table.iter_batches(batch_size=_PARQUET_BATCH, columns=wanted):
        for row in batch.to_pylist():
            row_no += 1
            record = {key.lower(): _plain_value(value) for key, value in row.items()}
            yield _row_article(record, where=f"{name}:{row_no}", default_id=f"{path.stem}:{row_no}",
                               origin=f"{path}:{row_no}", max_bytes=max_bytes)


def _pyarrow_parquet() -> Any:
    try:
        from pyarrow import parquet
    except ImportError:
        raise CorpusError(PARQUET_EXTRA) from None
    return parquet


def _plain_value(value: Any) -> Any:
    """Parquet dates and timestamps become ISO strings, like a date column in CSV."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def _row_article(
    record: dict[str, Any], *, where: str, default_id: str, origin: str, max_bytes: int
) -> Article | Skipped:
    text = record.get("text")
    if not isinstance(text, str):
        found = "missing" if text is None else f"a {_json_type(text)}"
        return Skipped(where, f"needs a string 'text' field ({found})")
    meta: dict[str, str] = {}
    for key in META_KEYS:
        value = record.get(key)
        if isinstance(value, bool) or not isinstance(value, (str, int, float, type(None))):
            return Skipped(where, f"field {key!r} must be a string, not {_json_type(value)}")
        if value is not None and str(value).strip():
            meta[key] = str(value).strip()
    try:
        text = _check_row_text(_newlines(text), where=where, max_bytes=max_bytes)
    except ArticleError as error:
        return Skipped(error.name, error.reason)
    return Article(
        id=meta.get("id") or default_id,
        outlet=meta.get("outlet") or UNKNOWN_OUTLET,
        text=text,
        title=meta.get("title", ""),
        date=meta.get("date", ""),
        url=meta.get("url", ""),
        author=meta.get("author", ""),
        origin=origin,
    )


def _check_row_text(text: str, *, where: str, max_bytes: int) -> str:
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as error:
        raise ArticleError(
            where, f"invalid Unicode: unpaired surrogate at character {error.start} of the text"
        ) from None
    if size > max_bytes:
        raise ArticleError(where, _too_large(size, max_bytes))
    if "\0" in text or _control_share(text) > _CONTROL_SHARE:
        raise ArticleError(where, "binary data, not text")
    _check_words(text, name=where)
    return text


def _sniff_table(path: Path, name: str) -> Skipped | None:
    """A renamed spreadsheet or archive is caught up front instead of as thousands of bad rows."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as error:
        return Skipped(name, f"cannot read the file ({error.strerror or error})")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Skipped(name, "UTF-16 text, not UTF-8 — re-save it as UTF-8")
    if b"\0" in head:
        return Skipped(name, "binary file, not text (a spreadsheet? export it as CSV UTF-8)")
    return None


def _raise_field_limit(max_bytes: int) -> None:
    # The csv module refuses cells over 128 KB by default, shorter than many long reads.
    wanted = min(max_bytes + 1, 2**31 - 1)
    if csv.field_size_limit() < wanted:
        csv.field_size_limit(wanted)


def _csv_error_reason(error: csv.Error, max_bytes: int) -> str:
    if "field larger than field limit" in str(error):
        return _too_large(max_bytes + 1, max_bytes, more_than=True)
    return f"malformed CSV row ({error})"


def _badly_encoded(row: list[str], header: list[str]) -> str | None:
    for column, cell in zip(header, row):
        if any("\udc80" <= char <= "\udcff" for char in cell):
            raw = cell.encode("utf-8", "surrogateescape")
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as error:
                return _encoding_reason(raw, error, at=f"byte {{}} of column {column!r}")
    return None


def _no_text_column(header: list[str]) -> str:
    shown = ", ".join(repr(column) for column in header) or "none"
    optional = ", ".join(META_KEYS)
    return f"no 'text' column (columns: {shown}); the header needs 'text' and may have {optional}"


# --- checks shared by all readers ------------------------------------------------------------


def _check_words(text: str, *, name: str) -> None:
    if not text.strip():
        raise ArticleError(name, "empty article: no text to score")
    if not any(char.isalpha() for char in text):
        raise ArticleError(name, "no words to score")


def _looks_binary(raw: bytes) -> bool:
    if b"\0" in raw:
        return True
    controls = len(raw) - len(raw.translate(None, _CONTROL_BYTES))
    return bool(raw) and controls / len(raw) > _CONTROL_SHARE


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return sum(1 for _ in _CONTROL_CHARS.finditer(text)) / len(text)


def _encoding_reason(raw: bytes, error: UnicodeDecodeError, *, at: str = "offset {}") -> str:
    """Name the bad byte and the likely encoding; the text is never guess-decoded."""
    where = at.format(error.start)
    return (
        f"not UTF-8 (invalid byte 0x{raw[error.start]:02X} at {where}); "
        f"it looks like {_guess_encoding(raw)} — re-save it as UTF-8"
    )


def _guess_encoding(raw: bytes) -> str:
    sample = raw[:1_000_000]
    letters = [char for char in sample.decode("cp1251", errors="replace") if char.isalpha()]
    cyrillic = sum(1 for char in letters if "\u0400" <= char <= "\u04ff")
    if letters and cyrillic / len(letters) >= _CYRILLIC_SHARE:
        return "cp1251 (Cyrillic)"
    latin = [char for char in sample.decode("latin-1") if char.isalpha()]
    accented = sum(1 for char in latin if not char.isascii())
    if latin and accented / len(latin) < _CYRILLIC_SHARE:
        return "latin-1 / cp1252"
    return "a legacy encoding (not latin-1 or cp1251)"


def _too_large(size: int, limit: int, *, more_than: bool = False) -> str:
    shown = f"more than {_human(limit)}" if more_than else _human(size)
    return f"too large: {shown} (limit {_human(limit)}; raise it with --max-bytes)"


def _human(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f} KB"
    return f"{size} bytes"


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "true/false", type(None): "null"}
    return names.get(type(value), "number" if isinstance(value, (int, float)) else "value")
