"""Propose the actors of a story: countries from the gazetteer, people from frequent names.

The proposal is a starting point for a story file, not a finished one: users are expected to read
it, merge or drop actors and add aliases (`framing actors CORPUS --out story.toml`).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from framing.data import lexicon_dir
from framing.errors import LexiconError
from framing.types import Actor, Article, Story

PROPOSAL_TITLE = "Proposed actors"
_COLUMNS = ("name", "kind", "capital", "demonyms", "metonyms", "aliases")

# Capitalised words that open or join phrases but are never part of a person's name.
_STOP = frozenset((
    "A", "An", "And", "As", "At", "But", "By", "During", "For", "From", "He", "Her", "His", "How",
    "If", "In", "Into", "It", "Its", "Meanwhile", "My", "No", "Not", "Of", "On", "Or", "Our",
    "She", "So", "Some", "That", "The", "Their", "Then", "There", "These", "They", "This", "Those",
    "Though", "To", "Under", "Was", "We", "What", "When", "Where", "While", "Who", "Why", "With",
    "Yet", "You", "Your", "Also", "Although", "After", "Before", "Since", "Despite", "Others",
    "Other", "Many", "Most", "More", "Earlier", "Later", "Last", "Next", "However", "According",
    "Read", "Photo", "Image", "Video", "Watch", "Updated", "Monday", "Tuesday", "Wednesday",
    "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May",
    "June", "July", "August", "September", "October", "November", "December", "Christmas",
    "Easter", "God",
))
# Titles before a name: "President Putin" is Putin, with the title kept as an alias form.
_HONORIFICS = frozenset((
    "President", "Vice", "Prime", "Minister", "Premier", "Chancellor", "Secretary", "General",
    "Gen", "Admiral", "Adm", "Colonel", "Col", "Major", "Captain", "Capt", "Lieutenant", "Lt",
    "Sergeant", "Commander", "Marshal", "Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Professor",
    "Sir", "Dame", "Lord", "Lady", "King", "Queen", "Prince", "Princess", "Emperor", "Pope",
    "Cardinal", "Archbishop", "Bishop", "Rev", "Sheikh", "Emir", "Crown", "Supreme", "Leader",
    "Chairman", "Chairwoman", "Chief", "Senator", "Sen", "Rep", "Representative", "Congressman",
    "Congresswoman", "Governor", "Gov", "Mayor", "Ambassador", "Envoy", "Spokesman", "Spokeswoman",
    "Spokesperson", "Foreign", "Defence", "Defense", "Interior", "Finance", "Deputy", "Acting",
    "Former", "Judge", "Justice", "Attorney", "Comrade", "Speaker",
))
# Abbreviated titles written with a full stop ("Mr. Putin"): the stop does not end the sentence.
_ABBREVIATIONS = frozenset((
    "Mr", "Mrs", "Ms", "Dr", "Gen", "Adm", "Col", "Capt", "Lt", "Sen", "Rep", "Gov", "Prof", "Rev",
    "St",
))
# Words that mark a capitalised phrase as an organisation, place or event rather than a person.
_NOT_PERSON = frozenset((
    "Agency", "Army", "Assembly", "Association", "Authority", "Bank", "Brigade", "Bureau",
    "Center", "Centre", "Central", "Church", "City", "College", "Command", "Commission",
    "Committee", "Company", "Congress", "Corporation", "Corps", "Council", "Court", "Cup", "Daily",
    "Department", "Division", "Empire", "Federal", "Federation", "Force", "Forces", "Foundation",
    "Front", "Fund", "Games", "Group", "Guard", "Herald", "Hospital", "Independent", "Institute",
    "Intelligence", "International", "Island", "Islands", "Journal", "Kingdom", "Line", "Lines",
    "Media", "Ministry", "Museum", "National", "Nations", "Navy", "Network", "News", "Oblast",
    "Ocean", "Office", "Organisation", "Organization", "Parliament", "Party", "Peninsula",
    "Police", "Post", "Press", "Province", "Radio", "Region", "Republic", "Review", "River",
    "Royal", "School", "Sea", "Security", "Senate", "Service", "Square", "State", "States",
    "Station", "Street", "Summit", "Television", "Times", "Treaty", "Tribune", "Union",
    "University", "War", "World",
))
# Demonyms that already end like a plural, or whose plural is a different word.
_NO_PLURAL = ("s", "sh", "ch", "x", "z", "ese")
_TOKEN = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
_QUOTES_AND_SPACE = " \t\r\n\"'“”‘’«»([{"


@dataclass(frozen=True, slots=True)
class Country:
    """One gazetteer row."""

    name: str
    capital: str = ""
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """Every surface form: name, aliases, capital, metonyms, demonyms and their plurals."""
        plurals = tuple(d + "s" for d in self.demonyms if not d.endswith(_NO_PLURAL))
        forms = (self.name, *self.aliases, self.capital, *self.metonyms, *self.demonyms, *plurals)
        return tuple(dict.fromkeys(form for form in forms if form))


@dataclass(slots=True)
class _Tally:
    """Mentions of one candidate actor across the articles."""

    kind: str
    articles: set[str] = field(default_factory=set)
    forms: Counter[str] = field(default_factory=Counter)

    @property
    def mentions(self) -> int:
        return sum(self.forms.values())


def propose_actors(
    articles: Iterable[Article], *, limit: int = 12, min_articles: int = 2
) -> Story:
    """Propose the story's actors: countries and frequent person names, most widespread first.

    An actor qualifies when it is mentioned in at least `min_articles` articles (or, for a single
    article, at least three times). Actors are ranked by the number of articles, then mentions;
    each one's aliases are the forms actually seen ("Kremlin", "Putin", "President Putin").
    """
    articles = list(articles)
    texts = {article.id: _normalise(article.text) for article in articles}
    tallies = _count_countries(texts)
    tallies.update(_count_people(texts))
    needed = min(min_articles, len(articles))
    kept = [
        (name, tally) for name, tally in tallies.items()
        if len(tally.articles) >= needed and (len(articles) > 1 or tally.mentions >= 3)
    ]
    kept.sort(key=lambda item: (-len(item[1].articles), -item[1].mentions, item[0]))
    return Story(title=PROPOSAL_TITLE, actors=_to_actors(kept[:limit]))


def find_countries(text: str) -> list[tuple[int, int, str]]:
    """Country mentions in `text` as (start, end, country name), longest form first."""
    pattern, owner = _country_matcher()
    return [(m.start(), m.end(), owner[m.group()]) for m in pattern.finditer(_normalise(text))]


@cache
def load_gazetteer() -> tuple[Country, ...]:
    """The bundled country gazetteer (read once)."""
    return tuple(_parse_gazetteer(_gazetteer_text()))


def _gazetteer_text() -> str:
    return (lexicon_dir() / "gazetteer" / "countries.tsv").read_text(encoding="utf-8")


def _parse_gazetteer(text: str) -> Iterable[Country]:
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if tuple(cells) != _COLUMNS:
                raise LexiconError(f"countries.tsv:{number}: expected columns {_COLUMNS}")
            header_seen = True
            continue
        if len(cells) != len(_COLUMNS) or not cells[0]:
            raise LexiconError(f"countries.tsv:{number}: expected {len(_COLUMNS)} columns")
        name, _kind, capital, demonyms, metonyms, aliases = cells
        yield Country(name, capital, _split(demonyms), _split(metonyms), _split(aliases))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in cell.split("|") if item.strip())


@cache
def _country_matcher() -> tuple[re.Pattern[str], dict[str, str]]:
    owner: dict[str, str] = {}
    for country in load_gazetteer():
        for form in country.forms:
            owner.setdefault(form, country.name)
    return _whole_words(owner), owner


def _whole_words(forms: Iterable[str]) -> re.Pattern[str]:
    """Match any form as whole words; longer forms first, so "Papua New Guinea" beats "Guinea"."""
    ordered = sorted(forms, key=lambda form: (-len(form), form))
    alternatives = "|".join(re.escape(form) for form in ordered)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _normalise(text: str) -> str:
    # Same length as the input, so offsets stay valid: curly apostrophes become straight ones.
    return text.replace("\u2019", "'")


def _count_countries(texts: dict[str, str]) -> dict[str, _Tally]:
    pattern, owner = _country_matcher()
    tallies: dict[str, _Tally] = {}
    for article_id, text in texts.items():
        for match in pattern.finditer(text):
            tally = tallies.setdefault(owner[match.group()], _Tally("country"))
            tally.articles.add(article_id)
            tally.forms[match.group()] += 1
    return tallies


# ---- people -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Mention:
    words: tuple[str, ...]
    text: str
    titled: str  # the mention with its title ("President Putin"), or "" without one


@dataclass(slots=True)
class _Person:
    forms: Counter[str] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)


def _count_people(texts: dict[str, str]) -> dict[str, _Tally]:
    mentions = [mention for text in texts.values() for mention in _name_mentions(text)]
    people = _group_people(mentions)
    variants = {variant: key for key, person in people.items() for variant in _variants(person)}
    if not variants:
        return {}
    pattern = _whole_words(variants)
    names = {key: person.forms.most_common(1)[0][0] for key, person in people.items()}
    tallies: dict[str, _Tally] = {}
    for article_id, text in texts.items():
        for match in pattern.finditer(text):
            tally = tallies.setdefault(names[variants[match.group()]], _Tally("person"))
            tally.articles.add(article_id)
            tally.forms[match.group()] += 1
    return tallies


def _variants(person: _Person) -> set[str]:
    return set(person.forms) | person.aliases


def _group_people(mentions: list[_Mention]) -> dict[str, _Person]:
    """Full names (2-3 words) become people; a lone surname or titled surname joins its person."""
    people: dict[str, _Person] = defaultdict(_Person)
    singles = []
    for mention in mentions:
        if len(mention.words) == 1:
            singles.append(mention)
            continue
        person = people[_name_key(mention.text)]
        person.forms[mention.text] += 1
        if mention.titled:
            person.aliases.add(mention.titled)
    for mention in singles:
        key = _surname_owner(mention.words[0], people)
        if key is None and mention.titled:
            # Only ever called "President Macron": the surname is the best name we have.
            key = _name_key(mention.text)
            people[key].forms[mention.text] += 1
        if key is not None:
            people[key].aliases.update(form for form in (mention.text, mention.titled) if form)
    return dict(people)


def _surname_owner(word: str, people: dict[str, _Person]) -> str | None:
    """The one full name ending with `word` (Putin), else starting with it (Kim Jong Un)."""
    for position in (-1, 0):
        owners = {
            key for key, person in people.items()
            if any(len(form.split()) > 1 and form.split()[position] == word
                   for form in person.forms)
        }
        if owners:
            return owners.pop() if len(owners) == 1 else None
    return None


def _name_key(name: str) -> str:
    """"Kim Jong-un" and "Kim Jong Un" are one person."""
    return re.sub(r"[\s'-]", "", unicodedata.normalize("NFKC", name).casefold())


def _name_mentions(text: str) -> Iterable[_Mention]:
    """Capitalised 1-3 word names outside headings, not opening a sentence, not countries."""
    countries = [(start, end) for start, end, _ in find_countries(text)]
    headings = _heading_spans(text)
    for run in _capitalised_runs(text):
        if any(start <= run[0][1] < end for start, end in headings):
            continue
        yield from _run_mentions(text, run, countries)


def _capitalised_runs(text: str) -> Iterable[list[tuple[str, int, int]]]:
    """Runs of capitalised tokens joined by single spaces ("Mr. " joins too)."""
    run: list[tuple[str, int, int]] = []
    for match in _TOKEN.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        if word.endswith("'s"):
            word, end = word[:-2], end - 2
        if not word[0].isupper() or word.isupper():
            if run:
                yield run
            run = []
            continue
        if run and not _joins(text[run[-1][2]:start], run[-1][0]):
            yield run
            run = []
        run.append((word, start, end))
    if run:
        yield run


def _joins(gap: str, previous: str) -> bool:
    return gap == " " or (gap == ". " and previous in _ABBREVIATIONS)


def _run_mentions(
    text: str, run: list[tuple[str, int, int]], countries: Sequence[tuple[int, int]]
) -> Iterable[_Mention]:
    """Split a run at stop words and countries; titles before a name are kept with it."""
    title_start: int | None = None
    segment: list[tuple[str, int, int]] = []
    for index, (word, start, end) in enumerate([*run, ("", 0, 0)]):
        is_name = bool(word) and word not in _STOP and word not in _HONORIFICS and not any(
            c_start < end and start < c_end for c_start, c_end in countries)
        if is_name:
            segment.append((word, start, end))
            continue
        if segment:
            mention = _mention(text, segment, title_start, opens=segment[0][1] == run[0][1])
            if mention is not None:
                yield mention
            segment, title_start = [], None
        if word in _HONORIFICS:
            title_start = start if title_start is None else title_start
        else:
            title_start = None


def _mention(
    text: str, segment: list[tuple[str, int, int]], title_start: int | None, *, opens: bool
) -> _Mention | None:
    words = tuple(word for word, _, _ in segment)
    if len(words) > 3 or any(word.split("-")[0] in _NOT_PERSON for word in words):
        return None
    if opens and _sentence_start(text, segment[0][1]):
        return None
    start, end = segment[0][1], segment[-1][2]
    titled = text[title_start:end] if title_start is not None else ""
    return _Mention(words, text[start:end], titled)


def _sentence_start(text: str, index: int) -> bool:
    before = text[:index].rstrip(_QUOTES_AND_SPACE)
    skipped = text[len(before):index]
    return not before or "\n" in skipped or before[-1] in ".!?:;"


def _heading_spans(text: str) -> list[tuple[int, int]]:
    """Lines in Title Case without closing punctuation: subheadings, where every word is big."""
    spans, offset = [], 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        long_words = [w for w in _TOKEN.findall(stripped) if len(w) > 3]
        capitalised = sum(word[0].isupper() for word in long_words)
        if (long_words and not stripped.endswith((".", ",", ";", '"', "”"))
                and capitalised >= 0.75 * len(long_words)):
            spans.append((offset, offset + len(line)))
        offset += len(line)
    return spans


def _to_actors(kept: list[tuple[str, _Tally]]) -> tuple[Actor, ...]:
    """Actors with the forms seen most often first; a form never goes to two actors."""
    claimed = {name.casefold() for name, _ in kept}
    actors = []
    for name, tally in kept:
        aliases = []
        for form, _count in sorted(tally.forms.items(), key=lambda item: (-item[1], item[0])):
            if form != name and form.casefold() not in claimed:
                claimed.add(form.casefold())
                aliases.append(form)
        actors.append(Actor(name=name, aliases=tuple(aliases), kind=tally.kind))
    return tuple(actors)
