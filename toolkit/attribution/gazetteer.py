"""Actors and the people who speak for them: states, organisations, UN bodies, office holders.

A :class:`Gazetteer` holds :class:`Entity` records (built from the data files
``toolkit/data/states.tsv`` and ``organizations.tsv`` by
:func:`toolkit.io.default_gazetteer`, or from your own rows) and finds their
mentions in a run of tokens:

* states by name and aliases ("Türkiye", "Turkey", "Turkiye"), demonym
  ("Chinese Embassy", "the Russian statement"), capital ("Beijing said") and
  institution ("the White House", "the Kremlin");
* organisations and UN bodies by name and short code ("OIC", "UN
  Secretary-General"); an organisation may speak through another when named
  bare (``speaker``: a statement of "the UN" is the Secretary-General's);
* news media ("Reuters") are recognised so that they are never taken for
  actors.

It also holds :class:`Official` records (``toolkit/data/officials.tsv``):
heads of state and government, foreign ministers and the chiefs of
organisations with their years in office, so that "President Erdogan" or
"Modi" resolves to the state they speak for at the date of the article.

Matching is on tokens: names match case-insensitively but must start with a
capital letter in the text ("Chad", not "chad"), and short codes written in
capitals must be in capitals ("US", never "us").
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..io.shipped import word_lists
from ..text.normalize import fold
from ..text.tokens import split_tokens
from ..validation import check_parameter

__all__ = ["Entity", "Mention", "Official", "Gazetteer", "ACTOR_TYPES", "OFFICES", "name_key", "spelling_variants"]

#: The types of actor a statement can have.
ACTOR_TYPES = ("state", "international_organization", "un_body", "non_state", "person", "unknown")
_ENTITY_TYPES = ("state", "international_organization", "un_body", "non_state", "media", "generic")
#: The offices of :class:`Official` records.
OFFICES = ("head_of_state", "head_of_government", "foreign_minister", "org_head", "spokesperson")
_LEADING = ("the",)
_MAX_VARIANTS = 64  # spellings of one name at most (each rule doubles them)
_MIN_STEM = 5  # letters a word keeps after a prefix split from it ("inter-governmental")
_TITLE_ACRONYM = 4  # an acronym this long or longer is also known in title case ("Igad"; "Who" is no WHO)


@dataclass(frozen=True)
class Entity:
    """A state (``id`` ISO 3166-1 alpha-3), an organisation (short code) or a news medium.

    Parameters
    ----------
    id : str
        The actor's code: ISO 3166-1 alpha-3 for a state ("FRA"), a short
        code for an organisation ("EU", "UNSG").
    name : str
        The canonical name ("France").
    type : str
        One of :data:`ACTOR_TYPES` but "person" and "unknown", or "media"
        (a news medium, never an actor) or "generic" (an office many states
        have, so that a shorter name inside it is not taken for an actor).
    aliases : tuple of str, default ()
        Other names ("French Republic").
    demonyms : tuple of str, default ()
        A state's adjectives ("French"): they name it with a title of office.
    capitals : tuple of str, default ()
        A state's seats of government ("Paris said").
    institutions : tuple of str, default ()
        Names of a state's government that stand for it ("White House").
    speaker : str, optional
        The id of the body that speaks when the organisation is named bare
        (the UN's Secretary-General).

    Examples
    --------
    >>> Entity("FRA", "France", "state", demonyms=("French",)).demonyms
    ('French',)
    """

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    institutions: tuple[str, ...] = ()
    speaker: str | None = None


@dataclass(frozen=True)
class Mention:
    """Where an entity is named: token range ``[start, end)`` and how (name, demonym, capital, institution).

    Parameters
    ----------
    entity : Entity
        The entity named.
    start, end : int
        The tokens that name it, ``end`` excluded.
    kind : {"name", "demonym", "capital", "institution"}
        How it is named.
    """

    entity: Entity
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Official:
    """A person who held an office for an actor from ``start`` to ``end`` (years; ``end`` None: in office).

    Parameters
    ----------
    name : str
        The person's name ("Keir Starmer").
    aliases : tuple of str
        Other names news uses ("Starmer").
    office : str
        One of :data:`OFFICES`.
    title : str
        The title of the office ("Prime Minister").
    actor : str
        The id of the entity the person speaks for.
    start : int
        The first year in office.
    end : int or None
        The last year in office; None while in office.
    gender : {"f", "m"} or None, default None
        The person's gender, for "he" and "she".
    """

    name: str
    aliases: tuple[str, ...]
    office: str
    title: str
    actor: str
    start: int
    end: int | None
    gender: str | None = None

    def held_in(self, year: int | None) -> bool:
        """Whether the office was held in ``year`` (always true when the year is unknown).

        Parameters
        ----------
        year : int or None
            The year of a document.

        Returns
        -------
        bool
            True when ``year`` is None or within the term.
        """
        return year is None or (self.start <= year and (self.end is None or year <= self.end))


def name_key(text: str) -> tuple[str, ...]:
    """The folded tokens of a name, the form every lookup uses.

    Parameters
    ----------
    text : str
        A name as written.

    Returns
    -------
    tuple of str
        Its tokens, folded as the toolkit folds text (lower case, quotes unified).

    Examples
    --------
    >>> name_key("Côte d’Ivoire")
    ('côte', 'd', 'ivoire')
    """
    return tuple(split_tokens(fold(text))[0])


def spelling_variants(words: Sequence[str]) -> set[tuple[str, ...]]:
    """The folded tokens of a name in each of its spellings, itself included.

    The variants are data, ``toolkit/data/spelling_variants.yaml``: endings
    ("organisation", "organization"), whole words ("programme", "program"),
    prefixes written with a hyphen or joined ("co-operation", two tokens,
    and "cooperation", one; "inter-governmental" and "intergovernmental"),
    each read both ways and combined, and phrases
    that stand for one another inside a name of several words ("UN refugee
    agency", "United Nations refugee agency", "the U.N.'s refugee agency").

    Parameters
    ----------
    words : sequence of str
        A name's folded tokens (:func:`name_key`).

    Returns
    -------
    set of tuple of str
        Every spelling's tokens.

    Examples
    --------
    >>> sorted(spelling_variants(name_key("Co-operation Organisation")))
    [('co', 'operation', 'organisation'), ('co', 'operation', 'organization'), ('cooperation', 'organisation'), \
('cooperation', 'organization')]
    """
    endings, whole, joined = _variant_rules()
    prefixes = _prefixes()
    name = tuple(words)
    phrases = _phrase_rules() if len(name) > 1 else []
    # a phrase stands for another once, in the name as given ("UN's" is not read again as "UN" + "'s")
    found = {name} | {name[:k] + b + name[k + len(a):] for k in range(len(name)) for a, b in phrases
                      if name[k:k + len(a)] == a}
    todo = sorted(found)
    while todo and len(found) < _MAX_VARIANTS:
        name = todo.pop()
        for k, word in enumerate(name):
            others = [word[:len(word) - len(a)] + b for a, b in endings if word.endswith(a) and len(word) > len(a)]
            others += [b for a, b in whole if word == a]
            spelled = [name[:k] + (w,) + name[k + 1:] for w in others]
            spelled += [name[:k] + (a, b) + name[k + 1:] for a, b in joined if word == a + b]
            if k + 1 < len(name):
                spelled += [name[:k] + (a + b,) + name[k + 2:] for a, b in joined if (word, name[k + 1]) == (a, b)]
                spelled += [name[:k] + (word + name[k + 1],) + name[k + 2:] for p in prefixes if word == p]
            spelled += [name[:k] + (p, word[len(p):]) + name[k + 1:] for p in prefixes
                        if word.startswith(p) and len(word) - len(p) >= _MIN_STEM]
            for variant in spelled:
                if variant not in found:
                    found.add(variant)
                    todo.append(variant)
    return found


def _title_acronym(written: Sequence[str]) -> bool:
    """Whether one word is an acronym of four letters or more written in title case ("Igad", "Ecowas", "Nato")."""
    return len(written) == 1 and len(written[0]) >= _TITLE_ACRONYM and written[0][0].isupper() and \
        written[0][1:].islower() and written[0].isalpha()


@functools.cache
def _phrase_rules() -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Every ordered pair of phrases of a group of ``phrases`` in ``spelling_variants.yaml``, as folded tokens."""
    pairs = []
    for group in sorted(word_lists("spelling_variants")["phrases"]):
        forms = [name_key(form) for form in group.split("|")]
        pairs += [(a, b) for a in forms for b in forms if a != b and a and b]
    return pairs


@functools.cache
def _prefixes() -> frozenset[str]:
    """The ``prefixes`` of ``spelling_variants.yaml``: written joined to their word or with a hyphen."""
    return word_lists("spelling_variants")["prefixes"]


@functools.cache
def _variant_rules() -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]]]:
    """The pairs of ``spelling_variants.yaml`` (endings and whole words both ways; joined prefixes as read)."""
    lists = word_lists("spelling_variants")

    def pairs(name: str, both: bool) -> list[tuple[str, str]]:
        found = [tuple(item.split(":", 1)) for item in sorted(lists[name])]
        return [(a, b) for a, b in found] + ([(b, a) for a, b in found] if both else [])

    return pairs("endings", True), pairs("words", True), pairs("joined", False)


class Gazetteer:
    """Entities, the token sequences that name them, and the officials who speak for them.

    Every name is known in its spellings (:func:`spelling_variants`): "the
    Organisation for Security and Co-operation in Europe" and "the
    Organization for Security and Cooperation in Europe" are one entity.

    Parameters
    ----------
    entities : iterable of Entity
        The actors (and media) to recognise; ids distinct, and no name given
        to two entities. A leading "the" of a name is not part of it.
    officials : iterable of Official, default ()
        The office holders who speak for the entities.

    Raises
    ------
    ParameterError
        For anything but Entity and Official objects, an unknown type or
        office, an id given twice, a name given to two entities, or a
        ``speaker`` that is not defined.

    Examples
    --------
    >>> g = Gazetteer([Entity("TUR", "Türkiye", "state", ("Turkey", "Turkiye"), ("Turkish",), ("Ankara",))])
    >>> words = "Earlier , Turkey and the Turkish embassy in Ankara spoke".split()
    >>> [(m.entity.id, m.start, m.end, m.kind) for m in g.find(words)]
    [('TUR', 2, 3, 'name'), ('TUR', 5, 6, 'demonym'), ('TUR', 8, 9, 'capital')]
    """

    def __init__(self, entities: Iterable[Entity], officials: Iterable[Official] = ()):
        self.entities: dict[str, Entity] = {}
        self._names: dict[tuple[str, ...], tuple[Entity, str, bool]] = {}
        self._variants: dict[tuple[str, ...], tuple[Entity, str, bool]] = {}  # other spellings, after the names
        for entity in entities:
            self._add_entity(entity)
        for words in set(self._variants) & set(self._names):
            del self._variants[words]  # a spelling that is another entity's own name stays that entity's
        for entity in self.entities.values():
            check_parameter(entity.speaker, "entities", owner="Gazetteer",
                            expected="entities that speak through entities it defines",
                            ok=entity.speaker is None or entity.speaker in self.entities,
                            got=f"{entity.id!r} speaking through {entity.speaker!r}, which it does not define")
        self._longest = max((len(k) for k in (*self._names, *self._variants)), default=0)
        self.officials: tuple[Official, ...] = tuple(officials)
        self._people: dict[tuple[str, ...], list[Official]] = {}
        for official in self.officials:
            self._add_official(official)

    def _add_entity(self, entity: Entity) -> None:
        """Check an entity and index the token sequences of its names, demonyms, capitals and institutions."""
        check_parameter(entity, "entities", owner="Gazetteer", expected="an iterable of Entity",
                        ok=isinstance(entity, Entity), got=f"an item of type {type(entity).__name__}")
        check_parameter(entity.type, "entities", owner="Gazetteer",
                        expected=f"entities of a type among {', '.join(map(repr, _ENTITY_TYPES))}",
                        ok=entity.type in _ENTITY_TYPES, got=f"{entity.id!r} of type {entity.type!r}")
        check_parameter(entity.id, "entities", owner="Gazetteer", expected="entities with distinct ids",
                        ok=entity.id not in self.entities, got=f"{entity.id!r} twice")
        self.entities[entity.id] = entity
        forms = [(n, "name") for n in (entity.name, *entity.aliases)]
        forms += [(d, "demonym") for d in entity.demonyms] + [(c, "capital") for c in entity.capitals]
        forms += [(i, "institution") for i in entity.institutions]
        for text, kind in forms:
            words = name_key(text)
            if words and words[0] in _LEADING and len(words) > 1:
                words = words[1:]
            if not words:
                continue
            exact = text.replace(".", "").isupper() and len(text.replace(".", "")) <= 6
            known = self._names.get(words)
            check_parameter(text, "entities", owner="Gazetteer", expected="entities whose names name one entity each",
                            ok=known is None or known[0].id == entity.id,
                            got=f"{text!r} naming both {known[0].id if known else ''} and {entity.id}")
            if known is None or kind == "name":
                self._names[words] = (entity, kind, exact)
            for variant in spelling_variants(words) - {words}:
                if variant not in self._variants or kind == "name":
                    self._variants[variant] = (entity, kind, exact)

    def _add_official(self, official: Official) -> None:
        """Check an official and index the token sequences of their name and aliases."""
        check_parameter(official, "officials", owner="Gazetteer", expected="an iterable of Official",
                        ok=isinstance(official, Official), got=f"an item of type {type(official).__name__}")
        check_parameter(official.office, "officials", owner="Gazetteer",
                        expected=f"officials of an office among {', '.join(map(repr, OFFICES))}",
                        ok=official.office in OFFICES, got=f"{official.name!r} of office {official.office!r}")
        for form in {name_key(official.name), *(name_key(a) for a in official.aliases)}:
            if form:
                self._people.setdefault(form, []).append(official)

    def __len__(self) -> int:
        return len(self.entities)

    def __getitem__(self, entity_id: str) -> Entity:
        return self.entities[entity_id]

    def lookup(self, text: str) -> Entity | None:
        """The entity a whole string names, if any: a name (case-insensitive), else an id written exactly.

        Names, aliases, demonyms, capitals and institutions are looked up
        case-insensitively; an entity's id ("SVN", "EU", "CoE") only as it is
        stored, so "SVN" is Slovenia but "svn" is nothing. Ids are found by
        this lookup only: :meth:`find`, which reads running text, never takes
        an id for a name (the word "can" is not Canada, "CAN").

        Parameters
        ----------
        text : str
            A name, alias, demonym, capital or institution ("Turkey"), or an
            entity's id ("TUR").

        Returns
        -------
        Entity or None
            The entity it names (a name wins over an id written the same way).

        Examples
        --------
        >>> g = Gazetteer([Entity("SVN", "Slovenia", "state", demonyms=("Slovenian",)),
        ...                Entity("CAN", "Canada", "state")])
        >>> g.lookup("Slovenian").name, g.lookup("SVN").name, g.lookup("svn"), g.lookup("can")
        ('Slovenia', 'Slovenia', None, None)
        >>> g.find("We can say so , Canada said".split())[0].entity.id
        'CAN'
        """
        key = name_key(text)
        found = self._names.get(key) or self._variants.get(key)
        if found:
            return found[0]
        return self.entities.get(text)

    def find(self, words: Sequence[str]) -> list[Mention]:
        """Mentions in a sequence of tokens as written in the text (case kept), longest first, left to right.

        Parameters
        ----------
        words : sequence of str
            Tokens as written; a name must start with a capital letter, a
            short code in capitals be written in capitals.

        Returns
        -------
        list of Mention
            The mentions, left to right, none overlapping.
        """
        folded = [fold(w) for w in words]
        mentions = []
        i = 0
        while i < len(words):
            for size in range(min(self._longest, len(words) - i), 0, -1):
                key = tuple(folded[i:i + size])
                found = self._names.get(key) or self._variants.get(key)
                if found is None:
                    continue
                entity, kind, exact = found
                written = words[i:i + size]
                if exact and not all(w.isupper() or w.isdigit() for w in written) and not _title_acronym(written):
                    continue
                if not exact and not written[0][:1].isupper():
                    continue
                mentions.append(Mention(entity, i, i + size, kind))
                i += size
                break
            else:
                i += 1
        return mentions

    def officials_named(self, name: Sequence[str], *, year: int | None = None) -> list[Official]:
        """The officials a person's name (folded tokens, longest form first) can be, in office in ``year``.

        The whole name is tried first, then its shorter endings ("keir
        starmer", then "starmer"), so a full name is preferred to a surname.

        Parameters
        ----------
        name : sequence of str
            The name's folded tokens (:func:`name_key`).
        year : int, optional
            The document's year; None for any.

        Returns
        -------
        list of Official
            The officials of the longest ending of the name that some official bears.

        Examples
        --------
        >>> g = Gazetteer([], [Official("Keir Starmer", ("Starmer",), "head_of_government", "Prime Minister",
        ...                              "GBR", 2024, None, "m")])
        >>> [o.actor for o in g.officials_named(("keir", "starmer"), year=2025)]
        ['GBR']
        >>> g.officials_named(("starmer",), year=2010)
        []
        """
        for k in range(len(name)):
            found = [o for o in self._people.get(tuple(name[k:]), ()) if o.held_in(year)]
            if found:
                return found
        return []
