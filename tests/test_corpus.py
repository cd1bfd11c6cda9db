"""Reading corpora: folders, front matter, JSONL, CSV, and every kind of bad input by name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from framing.corpus import (
    DEFAULT_MAX_BYTES,
    META_KEYS,
    Corpus,
    iter_articles,
    load_corpus,
    parse_front_matter,
    read_article_file,
    sample_corpus_path,
    sample_story_path,
)
from framing.errors import ArticleError, CorpusError
from framing.types import Article, Skipped

GOOD = "The council met on Tuesday and agreed a new budget for the harbour.\n"
FRENCH = "Le café était très cher à Paris, déjà l'été dernier, où l'on a mangé."
RUSSIAN = "Министр заявил, что переговоры прошли успешно и продолжатся в среду."


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


def reasons(corpus: Corpus) -> dict[str, str]:
    return {item.name: item.reason for item in corpus.skipped}


# --- bad articles are skipped by name, good ones still load ------------------------------------

BAD_FILES = [
    pytest.param("empty.txt", b"", "empty article: no text to score", id="empty"),
    pytest.param("blank.txt", b"  \n\t \r\n", "empty article: no text to score", id="whitespace"),
    pytest.param(
        "meta.md",
        b"---\ntitle: x\n---\n\n",
        "empty article: no text to score",
        id="front-matter-only",
    ),
    pytest.param("nul.txt", b"some text\0more", "binary file, not text", id="nul-byte"),
    pytest.param(
        "controls.txt",
        bytes(range(1, 9)) * 20 + b"words",
        "binary file, not text",
        id="control-chars",
    ),
    pytest.param("latin.txt", FRENCH.encode("latin-1"), "latin-1 / cp1252", id="latin-1"),
    pytest.param("win.txt", FRENCH.encode("cp1252"), "latin-1 / cp1252", id="cp1252"),
    pytest.param("cyr.txt", RUSSIAN.encode("cp1251"), "cp1251", id="cp1251"),
    pytest.param("wide.txt", GOOD.encode("utf-16"), "UTF-16", id="utf-16"),
    pytest.param(
        "digits.txt", b"1,234 -- 56.7 %\n2025-04-28\n", "no words to score", id="no-words"
    ),
    pytest.param(
        "open.md",
        b"---\ntitle: x\nText without a closing line.\n",
        "never closed",
        id="unterminated-front-matter",
    ),
    pytest.param(
        "prose.md",
        b"---\nthis line is prose\n---\nBody text.\n",
        "not 'key: value'",
        id="malformed-front-matter",
    ),
]


@pytest.mark.parametrize(("name", "data", "reason"), BAD_FILES)
def test_bad_file_is_skipped_by_name_and_good_files_still_load(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    write(tmp_path, "a_good.txt", GOOD)
    write(tmp_path, name, data)
    write(tmp_path, "z_good.md", GOOD)

    corpus = load_corpus(tmp_path)

    assert [article.id for article in corpus] == ["a_good", "z_good"]
    assert list(reasons(corpus)) == [name]
    assert reason in reasons(corpus)[name]


@pytest.mark.parametrize(("name", "data", "reason"), BAD_FILES)
def test_read_article_file_raises_article_error(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(ArticleError) as caught:
        read_article_file(path)
    assert caught.value.name == str(path)
    assert reason in caught.value.reason


def test_encoding_reason_names_byte_offset_and_encoding(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", GOOD)
    write(tmp_path, "latin.txt", ("Paris " + FRENCH).encode("latin-1"))
    reason = reasons(load_corpus(tmp_path))["latin.txt"]
    offset = len("Paris Le caf")
    assert reason == (
        f"not UTF-8 (invalid byte 0xE9 at offset {offset}); "
        "it looks like latin-1 / cp1252 — re-save it as UTF-8"
    )


def test_cp1251_hint_is_not_confused_by_a_few_accents(tmp_path: Path) -> None:
    mixed = (GOOD * 20 + FRENCH).encode("latin-1")
    path = write(tmp_path, "mixed.txt", mixed)
    with pytest.raises(ArticleError, match="latin-1 / cp1252"):
        read_article_file(path)


# --- size limit ----------------------------------------------------------------------------------


def test_huge_file_is_rejected_without_being_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "good.txt", GOOD)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(52_400_000)  # sparse: instant, takes no disk
    opened: list[Path] = []
    real_open = Path.open

    def spy_open(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        opened.append(self)
        return real_open(self, *args, **kwargs)

    def no_read_bytes(self: Path) -> bytes:
        raise AssertionError(f"read_bytes called on {self}")

    monkeypatch.setattr(Path, "open", spy_open)
    monkeypatch.setattr(Path, "read_bytes", no_read_bytes)

    corpus = load_corpus(tmp_path)

    assert [article.id for article in corpus] == ["good"]
    assert reasons(corpus) == {
        "huge.txt": "too large: 52.4 MB (limit 5.0 MB; raise it with --max-bytes)"
    }
    assert huge not in opened


@pytest.mark.parametrize(
    ("size", "limit", "expected"),
    [
        (200, 100, "too large: 200 bytes (limit 100 bytes; raise it with --max-bytes)"),
        (2_500, 1_000, "too large: 2.5 KB (limit 1.0 KB; raise it with --max-bytes)"),
    ],
)
def test_max_bytes_is_configurable(tmp_path: Path, size: int, limit: int, expected: str) -> None:
    path = write(tmp_path, "long.txt", "a" * size)
    with pytest.raises(ArticleError) as caught:
        read_article_file(path, max_bytes=limit)
    assert caught.value.reason == expected
    assert read_article_file(path, max_bytes=size).text == "a" * size


def test_max_bytes_must_be_positive(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", GOOD)
    with pytest.raises(ValueError, match="max_bytes"):
        load_corpus(tmp_path, max_bytes=0)


# --- folders, metadata, manifests, ids -----------------------------------------------------------


def test_front_matter_gives_metadata_and_body_is_kept_exactly(tmp_path: Path) -> None:
    text = (
        "\ufeff---\r\n"
        'outlet: "The Harbour Times"\r\n'
        "Title: 'Budget agreed'\r\n"
        "# a comment\r\n"
        "date: 2025-04-28\r\n"
        "url: https://example.org/a?b=c:d\r\n"
        "author: A. Writer\r\n"
        "id: story-1\r\n"
        "constructed: true\r\n"
        "---\r\n"
        "\r\nFirst line.\r\nSecond line.\r\n"
    )
    path = write(tmp_path, "x.md", text)
    article = read_article_file(path)
    assert article == Article(
        id="story-1",
        outlet="The Harbour Times",
        text="\nFirst line.\nSecond line.\n",
        title="Budget agreed",
        date="2025-04-28",
        url="https://example.org/a?b=c:d",
        author="A. Writer",
        origin=str(path),
    )


def test_outlet_from_front_matter_then_manifest_then_stem(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "---\noutlet: Front Matter Daily\n---\n" + GOOD)
    write(tmp_path, "b.txt", GOOD)
    write(tmp_path, "c.txt", GOOD)
    write(tmp_path, "manifest.csv", "file,outlet\na.txt,Ignored\nb.txt,Manifest Weekly\n")
    outlets = {article.id: article.outlet for article in load_corpus(tmp_path)}
    assert outlets == {"a": "Front Matter Daily", "b": "Manifest Weekly", "c": "c"}


def test_subfolders_are_read_one_level_deep_with_their_manifests(tmp_path: Path) -> None:
    write(tmp_path, "top.txt", GOOD)
    write(tmp_path, "north/one.txt", GOOD)
    write(tmp_path, "north/manifest.csv", "outlet,file\nNorth Post,one.txt\n")
    write(tmp_path, "south/two.md", GOOD)
    write(tmp_path, "manifest.csv", "file,outlet\nsouth/two.md,South Star\n")
    write(tmp_path, "north/deeper/three.txt", GOOD)  # two levels down: not read
    write(tmp_path, "README.md", "# About this corpus\n")  # documentation, not an article
    write(tmp_path, "story.toml", "[story]\n")  # other formats in a folder are ignored
    write(tmp_path, ".hidden.txt", GOOD)

    corpus = load_corpus(tmp_path)

    assert [(a.id, a.outlet) for a in corpus] == [
        ("one", "North Post"),
        ("two", "South Star"),
        ("top", "top"),
    ]
    assert corpus.skipped == ()


def test_bad_manifest_is_reported_and_stems_are_used(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", GOOD)
    write(tmp_path, "manifest.csv", "name,source\na.txt,X\n")
    corpus = load_corpus(tmp_path)
    assert [a.outlet for a in corpus] == ["a"]
    assert "'file' and 'outlet'" in reasons(corpus)["manifest.csv"]


def test_duplicate_ids_get_suffixes_and_stay_unique(tmp_path: Path) -> None:
    write(tmp_path, "a/story.txt", GOOD)
    write(tmp_path, "b/story.txt", GOOD)
    write(tmp_path, "c/other.txt", "---\nid: story\n---\n" + GOOD)
    write(tmp_path, "d/story-2.txt", GOOD)  # a real id that a suffix would have taken
    rows = [{"id": "story", "text": GOOD}, {"id": 7, "text": GOOD}, {"id": "7", "text": GOOD}]
    write(tmp_path, "e.jsonl", "".join(json.dumps(row) + "\n" for row in rows))

    ids = [article.id for article in load_corpus(tmp_path)]

    assert ids == ["story", "story-2", "story-3", "story-2-2", "story-4", "7", "7-2"]
    assert len(set(ids)) == len(ids)


def test_ids_are_unique_across_several_paths(tmp_path: Path) -> None:
    first = write(tmp_path, "one/a.txt", GOOD)
    second = write(tmp_path, "two/a.txt", GOOD)
    corpus = load_corpus(first, second)
    assert [a.id for a in corpus] == ["a", "a-2"]
    assert [a.origin for a in corpus] == [str(first), str(second)]


def test_order_is_sorted_and_repeatable(tmp_path: Path) -> None:
    for name in ["c.txt", "a.md", "b.txt", "sub/a0.txt"]:
        write(tmp_path, name, GOOD)
    first = load_corpus(tmp_path)
    assert [a.id for a in first] == ["a", "b", "c", "a0"]
    assert load_corpus(tmp_path) == first


# --- JSONL and CSV -------------------------------------------------------------------------------


def test_jsonl_good_and_malformed_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "j1", "outlet": "Wire", "text": GOOD, "title": "T", "extra": [1]}),
        json.dumps({"text": "No id or outlet here.\r\nSecond line."}),
        "",
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"title": "no text"}),
        json.dumps({"text": 42}),
        json.dumps({"text": "   "}),
        json.dumps({"text": "x" * 2_000}),
        json.dumps({"text": GOOD, "outlet": {"name": "Wire"}}),
        json.dumps({"text": "\ud800 broken surrogate"}),
        json.dumps({"text": "12 34"}),
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")

    corpus = load_corpus(path, max_bytes=1_000)

    assert [(a.id, a.outlet, a.title, a.origin) for a in corpus] == [
        ("j1", "Wire", "T", f"{path}:1"),
        ("feed:2", "unknown", "", f"{path}:2"),
    ]
    assert corpus.articles[1].text == "No id or outlet here.\nSecond line."
    got = reasons(corpus)
    assert set(got) == {f"{path}:{n}" for n in range(4, 13)}
    assert got[f"{path}:4"].startswith("not valid JSON")
    assert got[f"{path}:5"] == "not a JSON object (got array)"
    assert "string 'text'" in got[f"{path}:6"]
    assert "string 'text'" in got[f"{path}:7"]
    assert got[f"{path}:8"] == "empty article: no text to score"
    assert got[f"{path}:9"].startswith("too large: 2.0 KB (limit 1.0 KB")
    assert "'outlet' must be a string" in got[f"{path}:10"]
    assert "surrogate" in got[f"{path}:11"]
    assert got[f"{path}:12"] == "no words to score"


def test_jsonl_bad_encoding_and_overlong_line_are_skipped(tmp_path: Path) -> None:
    good = json.dumps({"text": GOOD}).encode()
    latin = json.dumps({"text": "x"}).encode().replace(b'"x"', b'"caf\xe9 cr\xe8me"')
    long_line = json.dumps({"text": "y" * 50_000}).encode()
    path = write(tmp_path, "f.jsonl", b"\n".join([good, latin, long_line, good]) + b"\n")

    corpus = load_corpus(path, max_bytes=5_000)

    assert [a.id for a in corpus] == ["f:1", "f:4"]
    got = reasons(corpus)
    assert "invalid byte 0xE9" in got[f"{path}:2"] and "latin-1" in got[f"{path}:2"]
    assert got[f"{path}:3"].startswith("too large: 50.0 KB (limit 5.0 KB")


def test_csv_good_and_malformed_rows(tmp_path: Path) -> None:
    body = (
        "ID,Outlet,Text,title\n"
        'c1,Wire,"A long text, with a comma\nand a line break.",First\n'
        ",,Second article without id.,\n"
        "\n"
        "c3,Wire,too,many,fields\n"
        "c4,Wire\n"
        "c5,Wire,,\n"
        'c6,Wire,"Last one.",,\n'  # a trailing empty cell is tolerated
    )
    path = write(tmp_path, "table.csv", body)

    corpus = load_corpus(path)

    assert [(a.id, a.outlet, a.title) for a in corpus] == [
        ("c1", "Wire", "First"),
        ("table:3", "unknown", ""),
        ("c6", "Wire", ""),
    ]
    assert corpus.articles[0].text == "A long text, with a comma\nand a line break."
    got = reasons(corpus)
    assert set(got) == {f"{path}:5", f"{path}:6", f"{path}:7"}
    assert "5 fields, the header has 4" in got[f"{path}:5"]
    assert "2 fields, the header has 4" in got[f"{path}:6"]
    assert got[f"{path}:7"] == "empty article: no text to score"


def test_csv_allows_long_fields_but_not_beyond_max_bytes(tmp_path: Path) -> None:
    long_text = "word " * 60_000  # 300 KB: over the csv module's default 128 KB cell limit
    path = write(tmp_path, "big.csv", f"text\n{long_text}\n{'z' * 400_000}\n")
    corpus = load_corpus(path, max_bytes=350_000)
    assert [a.text for a in corpus] == [long_text]
    assert reasons(corpus)[f"{path}:3"].startswith("too large: ")


def test_csv_badly_encoded_row_is_skipped_alone(tmp_path: Path) -> None:
    data = b"id,text\nr1,Fine text.\nr2,Caf\xe9 au lait.\nr3,Also fine.\n"
    path = write(tmp_path, "enc.csv", data)
    corpus = load_corpus(path)
    assert [a.id for a in corpus] == ["r1", "r3"]
    reason = reasons(corpus)[f"{path}:3"]
    assert "invalid byte 0xE9" in reason and "column 'text'" in reason


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("nocol.csv", "id,body\n1,hello\n", "no 'text' column"),
        ("sheet.csv", b"PK\x03\x04\x00\x00binary", "binary file"),
        ("sheet.jsonl", b"\x00\x01\x02", "binary file"),
    ],
)
def test_unreadable_table_is_one_skipped_entry(
    tmp_path: Path, name: str, data: str | bytes, reason: str
) -> None:
    write(tmp_path, "good.txt", GOOD)
    write(tmp_path, name, data)
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus] == ["good"]
    assert reason in reasons(corpus)[name]


def test_folder_mixes_text_jsonl_and_csv(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", GOOD)
    write(tmp_path, "b.jsonl", json.dumps({"id": "b1", "text": GOOD}) + "\n")
    write(tmp_path, "c.csv", "id,text\nc1,Some text.\n")
    assert [a.id for a in load_corpus(tmp_path)] == ["a", "b1", "c1"]


# --- paths that cannot be read at all ------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda root: root / "missing", "no such file or folder"),
        (lambda root: write(root, "doc.pdf", b"%PDF"), "cannot read '.pdf'"),
        (lambda root: write(root, "noext", GOOD), "without extension"),
        (lambda root: root, "no articles found"),
    ],
    ids=["missing", "unknown-extension", "no-extension", "empty-folder"],
)
def test_unreadable_path_raises_corpus_error(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    with pytest.raises(CorpusError, match=message) as caught:
        load_corpus(path)
    if "articles" not in message:
        assert ".txt, .md, .jsonl or .csv" in str(caught.value)
    with pytest.raises(CorpusError):
        iter_articles(path)  # raised at the call, before iterating


def test_folder_with_only_documentation_has_no_articles(tmp_path: Path) -> None:
    write(tmp_path, "README.md", "# notes\n")
    write(tmp_path, "manifest.csv", "file,outlet\n")
    with pytest.raises(CorpusError, match="no articles found"):
        load_corpus(tmp_path)


def test_no_path_at_all_is_an_error() -> None:
    with pytest.raises(CorpusError, match="no corpus path"):
        load_corpus()


def test_iter_articles_streams_items_in_order(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", GOOD)
    write(tmp_path, "b.txt", b"")
    write(tmp_path, "c.txt", GOOD)
    stream = iter_articles(tmp_path)
    assert next(stream) == read_article_file(tmp_path / "a.txt")
    assert next(stream) == Skipped("b.txt", "empty article: no text to score")
    assert isinstance(next(stream), Article)
    assert next(stream, None) is None


# --- front matter --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "meta", "body"),
    [
        ("plain text\n", {}, "plain text\n"),
        ("", {}, ""),
        ("----\nnot a fence\n", {}, "----\nnot a fence\n"),
        ("---\n---\nbody", {}, "body"),
        ("---  \nA: 1\n\n# c\nb :  ' x '  \n---\n", {"a": "1", "b": " x "}, ""),
        ("---\nurl: http://x.org:80/a\n---", {"url": "http://x.org:80/a"}, ""),
        ('---\nt: "it\'s"\n---\n---\nrule', {"t": "it's"}, "---\nrule"),
    ],
)
def test_parse_front_matter_examples(text: str, meta: dict[str, str], body: str) -> None:
    got_meta, got_body, offset = parse_front_matter(text)
    assert (got_meta, got_body) == (meta, body)
    assert text[offset:] == body


@pytest.mark.parametrize("text", ["---", "---\n", "---\nkey: value\n", "---\nkey: v\n--\n"])
def test_unterminated_front_matter_is_rejected(text: str) -> None:
    with pytest.raises(ArticleError, match="never closed") as caught:
        parse_front_matter(text, name="x.md")
    assert caught.value.name == "x.md"


@pytest.mark.parametrize("line", ["no colon here", ": no key", "two words: value"])
def test_malformed_front_matter_line_is_rejected(line: str) -> None:
    with pytest.raises(ArticleError, match="line 2 is not 'key: value'"):
        parse_front_matter(f"---\n{line}\n---\nbody")


def render(meta: dict[str, str], *, quoted: bool) -> str:
    lines = [f'{key}: "{value}"' if quoted else f"{key}: {value}" for key, value in meta.items()]
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n"


one_line = st.text(st.characters(blacklist_characters="\n"), max_size=40)
plain_value = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9 .,:/'-]*[A-Za-z0-9]", fullmatch=True)


@given(meta=st.dictionaries(st.sampled_from(META_KEYS), one_line), body=st.text())
def test_front_matter_round_trips_quoted(meta: dict[str, str], body: str) -> None:
    text = render(meta, quoted=True) + body
    got_meta, got_body, offset = parse_front_matter(text)
    assert got_meta == meta
    assert got_body == body
    assert text[offset:] == body


@given(meta=st.dictionaries(st.sampled_from(META_KEYS), plain_value), body=st.text())
def test_front_matter_round_trips_unquoted(meta: dict[str, str], body: str) -> None:
    text = render(meta, quoted=False) + body
    assert parse_front_matter(text) == (meta, body, len(text) - len(body))


@given(text=st.text())
@example(text="---")  # once found by chance: an opening fence and nothing else
def test_text_without_front_matter_is_untouched(text: str) -> None:
    try:
        meta, body, offset = parse_front_matter(text)
    except ArticleError:  # a block opened and never closed, or malformed: only after a fence
        assert text.startswith("---")
        return
    if meta or offset:
        assert text.startswith("---")
    else:
        assert body == text


# --- the bundled sample ------------------------------------------------------------------------


def test_sample_corpus_loads_cleanly() -> None:
    folder = sample_corpus_path()
    assert sample_story_path() == folder / "story.toml"
    assert sample_story_path().is_file()
    corpus = load_corpus(folder)
    assert corpus.skipped == ()
    assert len(corpus) >= 2
    assert len({article.outlet for article in corpus}) == len(corpus)


def test_default_limit_is_five_megabytes() -> None:
    assert DEFAULT_MAX_BYTES == 5_000_000


def test_count_items_counts_lines_rows_and_files_without_parsing(tmp_path):
    from framing.corpus import count_items

    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n{"text": "y"}\n{"text": "z"}', "utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    for name in ("one.txt", "two.md"):
        (folder / name).write_text("Some words here.", "utf-8")
    (tmp_path / "t.csv").write_text('text\n"a\nb"\n', "utf-8")
    assert count_items(tmp_path / "a.jsonl", folder) == 5
    assert count_items(tmp_path / "t.csv") is None  # CSV rows may span lines: unknown
    assert count_items(tmp_path / "missing.jsonl") is None


def test_count_items_reads_parquet_rows_from_the_metadata(tmp_path):
    from framing.corpus import count_items

    pa = pytest.importorskip("pyarrow")
    from pyarrow import parquet

    parquet.write_table(pa.table({"text": ["one", "two", "three"]}), tmp_path / "t.parquet")
    assert count_items(tmp_path / "t.parquet") == 3
