"""Story files: strict validation with useful messages, and a lossless round trip."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from framing.errors import StoryError
from framing.story import KINDS, load_story, story_from_dict, story_from_toml, story_to_toml
from framing.types import Actor, Story

VALID = """\
[story]
title = "Troops abroad"

[actors."North Korea"]
kind = "country"
aliases = ["DPRK", "Pyongyang", "North Korean forces"]

[actors."Kim Jong Un"]
kind = "person"
aliases = ["Kim", "Kim Jong-un"]

[actors."NIS"]
kind = "organization"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "story.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_valid_story(tmp_path: Path) -> None:
    story = load_story(write(tmp_path, VALID))
    assert story.title == "Troops abroad"
    assert [actor.name for actor in story.actors] == ["North Korea", "Kim Jong Un", "NIS"]
    assert story.actors[0] == Actor("North Korea", ("DPRK", "Pyongyang", "North Korean forces"),
                                    "country")
    assert story.actors[2].kind == "organisation"
    assert story.actors[2].aliases == ()


def test_repeated_aliases_and_own_name_are_dropped() -> None:
    story = story_from_dict({"story": {"title": "t"},
                             "actors": {"Russia": {"aliases": ["Moscow", " Moscow ", "Russia"]}}})
    assert story.actors == (Actor("Russia", ("Moscow",)),)


def test_story_without_actors_is_allowed() -> None:
    assert story_from_dict({"story": {"title": "Only a title"}}) == Story("Only a title")


BAD = {
    "missing story": ("[actors.A]\naliases = []\n", "missing [story]"),
    "story not a table": ('story = "x"\n', '"story" must be a table'),
    "missing title": ("[story]\n", "title"),
    "empty title": ('[story]\ntitle = "  "\n', "title"),
    "unknown story key": ('[story]\ntitle = "t"\ntitel = "t"\n', "'titel'"),
    "unknown top-level key": ('[story]\ntitle = "t"\n[actor.A]\n', "'actor'"),
    "aliases not a list": ('[story]\ntitle = "t"\n[actors.A]\naliases = "DPRK"\n',
                           "aliases must be a list of strings"),
    "alias not a string": ('[story]\ntitle = "t"\n[actors.A]\naliases = ["x", 3]\n',
                           "3 is not a string"),
    "empty alias": ('[story]\ntitle = "t"\n[actors.A]\naliases = [" "]\n', "alias is empty"),
    "unknown kind": ('[story]\ntitle = "t"\n[actors.A]\nkind = "planet"\n',
                     "unknown kind 'planet'"),
    "kind not a string": ('[story]\ntitle = "t"\n[actors.A]\nkind = 1\n', "kind must be a string"),
    "unknown actor key": ('[story]\ntitle = "t"\n[actors.A]\nalias = ["x"]\n', "'alias'"),
    "actor not a table": ('[story]\ntitle = "t"\n[actors]\nA = "x"\n', "must be a table"),
    "actors not tables": ('[story]\ntitle = "t"\nactors = 3\n', "actors"),
    "shared alias": (('[story]\ntitle = "t"\n[actors.A]\naliases = ["Kim"]\n'
                      '[actors.B]\naliases = ["kim"]\n'), "used by two actors"),
    "alias is another actor": (('[story]\ntitle = "t"\n[actors.Russia]\n'
                                '[actors.Putin]\naliases = ["Russia"]\n'), "used by two actors"),
    "invalid toml": ('[story]\ntitle = "unclosed\n', "line 2"),
    "duplicate table": ('[story]\ntitle = "t"\n[story]\ntitle = "u"\n', "not valid TOML"),
}


@pytest.mark.parametrize(("text", "expected"), BAD.values(), ids=BAD.keys())
def test_invalid_story_names_file_and_problem(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(StoryError) as caught:
        load_story(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert expected in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoryError, match="no such story file"):
        load_story(tmp_path / "absent.toml")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('[story]\ntitle = "caf\xe9"\n'.encode("latin-1"))
    with pytest.raises(StoryError, match="not UTF-8"):
        load_story(path)


def test_not_a_mapping() -> None:
    with pytest.raises(StoryError, match="expected a table"):
        story_from_dict(["story"])  # type: ignore[arg-type]


TRICKY = Story(
    title='He said "no" \\ then\tleft',
    actors=(
        Actor('The "so-called" leader', ("back\\slash", "new\nline", "Élysée", "\x7f\x00"),
              "person"),
        Actor("[actors.x]", ("a = b", "#comment"), ""),
        Actor("Côte d'Ivoire", (), "country"),
    ),
)


@pytest.mark.parametrize("story", [TRICKY, Story("Empty"), Story("t", (Actor("A"),))])
def test_round_trip(tmp_path: Path, story: Story) -> None:
    text = story_to_toml(story)
    assert story_from_toml(text) == story
    assert load_story(write(tmp_path, text)) == story


names = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=20).map(
    str.strip).filter(bool)


@st.composite
def stories(draw: st.DrawFn) -> Story:
    pool = draw(st.lists(names, max_size=15, unique_by=str.casefold))
    actors = []
    while pool:
        size = draw(st.integers(min_value=1, max_value=len(pool)))
        chunk, pool = pool[:size], pool[size:]
        kind = draw(st.sampled_from(("", *KINDS)))
        actors.append(Actor(chunk[0], tuple(chunk[1:]), kind))
    return Story(draw(names), tuple(actors))


@given(stories())
def test_round_trip_property(story: Story) -> None:
    assert story_from_toml(story_to_toml(story)) == story
