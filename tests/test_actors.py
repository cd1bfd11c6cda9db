"""Actor proposals: the country gazetteer, country matching and frequent person names."""
from __future__ import annotations

from collections import Counter

import pytest

from framing.actors import find_countries, load_gazetteer, propose_actors
from framing.story import story_from_toml, story_to_toml
from framing.types import Article


def articles(*texts: str) -> list[Article]:
    return [Article(id=f"a{i}", outlet=f"outlet{i}", text=text) for i, text in enumerate(texts)]


def by_name(story_actors: tuple) -> dict:
    return {actor.name: actor for actor in story_actors}


# ---- gazetteer -------------------------------------------------------------------------------


def test_gazetteer_covers_un_members_and_observers() -> None:
    countries = {country.name: country for country in load_gazetteer()}
    assert len(countries) >= 193 + 4
    for name in ("Holy See", "Palestine", "Taiwan", "Kosovo", "Tuvalu", "Eswatini", "Chile"):
        assert name in countries


def test_gazetteer_north_korea() -> None:
    north_korea = next(c for c in load_gazetteer() if c.name == "North Korea")
    assert north_korea.capital == "Pyongyang"
    assert "DPRK" in north_korea.aliases
    assert "Democratic People's Republic of Korea" in north_korea.aliases
    assert "North Korean" in north_korea.demonyms
    assert {"Pyongyang", "North Koreans"} <= set(north_korea.forms)


def test_no_form_belongs_to_two_countries() -> None:
    owners = Counter(form for country in load_gazetteer() for form in set(country.forms))
    assert [form for form, count in owners.items() if count > 1] == []


def test_every_country_has_a_capital() -> None:
    assert [c.name for c in load_gazetteer() if not c.capital] == []


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("A spokesman for the Kremlin declined to comment.", "Russia"),
        ("Officials in Pyongyang were silent.", "North Korea"),
        ("The DPRK sent troops.", "North Korea"),
        ("Downing Street said little.", "United Kingdom"),
        ("Whitehall was divided.", "United Kingdom"),
        ("The White House responded.", "United States"),
        ("The U.S. responded.", "United States"),
        ("The Élysée confirmed it.", "France"),
        ("Talks in Zhongnanhai ended.", "China"),
        ("A report from the Blue House.", "South Korea"),
        ("Several Russians were hurt.", "Russia"),
        ("Pro-Russian groups marched.", "Russia"),
        ("Russia\u2019s army advanced.", "Russia"),
        ("The Democratic People's Republic of Korea replied.", "North Korea"),
        ("The People's Republic of China replied.", "China"),
        ("Ties with Papua New Guinea grew.", "Papua New Guinea"),
        ("Ties with Guinea-Bissau grew.", "Guinea-Bissau"),
        ("Türkiye objected.", "Turkey"),
    ],
)
def test_find_countries(text: str, country: str) -> None:
    found = find_countries(text)
    assert [name for _, _, name in found] == [country]
    start, end, _ = found[0]
    assert text[start:end].strip()


@pytest.mark.parametrize(
    "text",
    ["russia in lower case", "Prussia was a kingdom.", "We ate turkey.", "Americana is a genre."],
)
def test_find_countries_whole_words_case_sensitive(text: str) -> None:
    assert find_countries(text) == []


# ---- proposals -------------------------------------------------------------------------------

STORY = (
    ("The talks stalled on Monday. A statement from the Kremlin praised the plan, and Russian "
     "President Vladimir Putin said he would travel. Critics said Putin had little to offer."),
    ("Officials said the Kremlin would not comment. Observers expect Vladimir Putin to attend; "
     "later, Putin cancelled."),
    "In Moscow, analysts doubted that President Putin would sign. Kyiv said nothing.",
)


def test_proposes_country_from_metonym_and_person_with_surname() -> None:
    actors = by_name(propose_actors(articles(*STORY)).actors)
    assert actors["Russia"].kind == "country"
    assert {"Kremlin", "Moscow", "Russian"} <= set(actors["Russia"].aliases)
    putin = actors["Vladimir Putin"]
    assert putin.kind == "person"
    assert "Putin" in putin.aliases
    assert "President Putin" in putin.aliases
    assert "Ukraine" not in actors  # Kyiv appears in one article only


def test_proposal_title_and_round_trip() -> None:
    story = propose_actors(articles(*STORY))
    assert story.title == "Proposed actors"
    assert story_from_toml(story_to_toml(story)) == story


def test_ranked_by_articles_then_mentions() -> None:
    story = propose_actors(articles(
        "Sources in Paris said Boris Aldane met Nina Koval in Berlin. Aldane smiled.",
        "Reporters saw Boris Aldane and Nina Koval in Berlin. Aldane left early.",
        "Again Boris Aldane was in Berlin.",
    ))
    assert [actor.name for actor in story.actors] == ["Boris Aldane", "Germany", "Nina Koval"]


def test_limit() -> None:
    assert len(propose_actors(articles(*STORY), limit=1).actors) == 1


@pytest.mark.parametrize(
    ("texts", "min_articles", "expected"),
    [
        (("Talks with Marta Lindqvist began.", "No names here."), 2, False),
        (("Talks with Marta Lindqvist began.", "Again Marta Lindqvist spoke."), 2, True),
        (("Talks with Marta Lindqvist began.", "No names here."), 1, True),
        (("Talks with Marta Lindqvist began. Later Lindqvist left. Aides backed Lindqvist.",),
         2, True),
        (("Talks with Marta Lindqvist began. Later Lindqvist left.",), 2, False),
    ],
)
def test_min_articles_and_single_article_rule(
    texts: tuple[str, ...], min_articles: int, expected: bool
) -> None:
    story = propose_actors(articles(*texts), min_articles=min_articles)
    assert ("Marta Lindqvist" in by_name(story.actors)) is expected


def test_spelling_variants_merge() -> None:
    story = propose_actors(articles(
        "Reports say Kim Jong Un inspected troops. Aides said Kim was pleased.",
        "State media showed Kim Jong-un at a parade.",
    ))
    people = [actor for actor in story.actors if actor.kind == "person"]
    assert len(people) == 1
    assert set(people[0].names) == {"Kim Jong Un", "Kim Jong-un", "Kim"}


@pytest.mark.parametrize(
    "text",
    [
        "Heavy Fighting continued. Heavy Fighting resumed.",  # sentence starts only
        "Analysts at the National Intelligence Service agreed.",  # an organisation
        "A Look at Viktor Hale Politics\nThe numbers rose.",  # a Title Case subheading
    ],
)
def test_not_people(text: str) -> None:
    story = propose_actors(articles(text, text))
    assert [actor.name for actor in story.actors if actor.kind == "person"] == []


def test_no_articles() -> None:
    assert propose_actors([]).actors == ()
