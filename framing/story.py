"""Story files: the actors of a story and the names each goes by, in TOML.

```toml
[story]
title = "North Korean troops in Russia"

[actors."North Korea"]
kind = "country"
aliases = ["DPRK", "Pyongyang", "North Korean forces"]

[actors."Kim Jong Un"]
kind = "person"
aliases = ["Kim", "Kim Jong-un"]
```
"""
from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from framing.data import read_utf8
from framing.errors import StoryError
from framing.types import Actor, Story

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

KINDS = ("country", "person", "organisation", "group")
# Accepted spellings that mean one of KINDS.
_KIND_SYNONYMS = {"organization": "organisation", "org": "organisation"}
_STORY_KEYS = ("title", "description")
_ACTOR_KEYS = ("aliases", "kind")


def load_story(path: str | Path) -> Story:
    """Read and validate a story file; raise `StoryError` naming the file and the problem."""
    text = read_utf8(Path(path), StoryError, "story file")
    return story_from_toml(text, name=str(path))


def story_from_toml(text: str, *, name: str = "<story>") -> Story:
    """Parse story TOML given as a string; `name` is used in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # The decoder's message ends with "(at line L, column C)".
        raise StoryError(f"{name}: not valid TOML: {exc}") from None
    return story_from_dict(data, name=name)


def story_from_dict(data: Mapping[str, Any], *, name: str = "<story>") -> Story:
    """Build a `Story` from parsed TOML (or any mapping of the same shape), validating strictly."""
    if not isinstance(data, Mapping):
        raise StoryError(f"{name}: expected a table, got {type(data).__name__}")
    _check_keys(data, ("story", "actors"), f"{name}: unknown top-level key")
    title = _story_title(data.get("story"), name)
    actors_table = data.get("actors", {})
    if not isinstance(actors_table, Mapping):
        raise StoryError(f'{name}: "actors" must be tables like [actors."North Korea"]')
    actors = tuple(_actor(actor_name, body, name) for actor_name, body in actors_table.items())
    _check_unique_names(actors, name)
    return Story(title=title, actors=actors)


def story_to_toml(story: Story) -> str:
    """Write a story as TOML that `load_story` reads back to an equal `Story`."""
    lines = ["[story]", f"title = {_toml_string(story.title)}"]
    for actor in story.actors:
        lines += ["", f"[actors.{_toml_string(actor.name)}]"]
        if actor.kind:
            lines.append(f"kind = {_toml_string(actor.kind)}")
        aliases = ", ".join(_toml_string(alias) for alias in actor.aliases)
        lines.append(f"aliases = [{aliases}]")
    return "\n".join(lines) + "\n"


def _story_title(table: Any, name: str) -> str:
    if table is None:
        raise StoryError(f'{name}: missing [story] table; add [story] with title = "..."')
    if not isinstance(table, Mapping):
        raise StoryError(f'{name}: "story" must be a table: [story] then title = "..."')
    _check_keys(table, _STORY_KEYS, f"{name}: unknown key in [story]")
    title = table.get("title")
    if not isinstance(title, str) or not title.strip():
        raise StoryError(f'{name}: [story] needs a non-empty title = "..."')
    return title.strip()


def _actor(actor_name: str, body: Any, name: str) -> Actor:
    clean_name = actor_name.strip()
    if not clean_name:
        raise StoryError(f"{name}: an actor has an empty name")
    where = f"{name}: actor {clean_name!r}"
    if not isinstance(body, Mapping):
        raise StoryError(f'{where} must be a table: [actors."{clean_name}"]')
    _check_keys(body, _ACTOR_KEYS, f"{where}: unknown key")
    return Actor(name=clean_name, aliases=_aliases(body.get("aliases", []), clean_name, where),
                 kind=_kind(body.get("kind", ""), where))


def _aliases(raw: Any, actor_name: str, where: str) -> tuple[str, ...]:
    if not isinstance(raw, list):
        raise StoryError(f'{where}: aliases must be a list of strings, like ["DPRK", "Pyongyang"]')
    aliases: list[str] = []
    for item in raw:
        if not isinstance(item, str):
            raise StoryError(f"{where}: aliases must be a list of strings; {item!r} is not a string")
        alias = item.strip()
        if not alias:
            raise StoryError(f"{where}: an alias is empty")
        # Repeats and the actor's own name add nothing; drop them quietly.
        if alias != actor_name and alias not in aliases:
            aliases.append(alias)
    return tuple(aliases)


def _kind(raw: Any, where: str) -> str:
    if not isinstance(raw, str):
        raise StoryError(f"{where}: kind must be a string, one of {', '.join(KINDS)}")
    kind = raw.strip().lower()
    kind = _KIND_SYNONYMS.get(kind, kind)
    if kind and kind not in KINDS:
        raise StoryError(f"{where}: unknown kind {raw!r}; use one of {', '.join(KINDS)}")
    return kind


def _check_keys(table: Mapping[str, Any], allowed: tuple[str, ...], prefix: str) -> None:
    for key in table:
        if key not in allowed:
            raise StoryError(f"{prefix} {key!r}; expected one of {', '.join(allowed)}")


def _check_unique_names(actors: tuple[Actor, ...], name: str) -> None:
    """A name or alias may point at one actor only, or mentions could not be attributed."""
    owner: dict[str, str] = {}
    for actor in actors:
        for alias in actor.names:
            key = alias.casefold()
            if key in owner and owner[key] != actor.name:
                raise StoryError(
                    f"{name}: {alias!r} is used by two actors, {owner[key]!r} and {actor.name!r};"
                    " keep it in one of them"
                )
            owner[key] = actor.name


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f",
            "\r": "\\r"}


def _toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'
