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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..errors import ParameterError
from ..text.normalize import fold
from ..text.tokens import split_tokens

__all__ = ["Entity", "Mention", "Official", "Gazetteer", "ACTOR_TYPES", "OFFICES", "name_key"]

#: The types of actor a statement can have.
ACTOR_TYPES = ("state", "international_organization", "un_body", "non_state", "person", "unknown")
_ENTITY_TYPES = ("state", "international_organization", "un_body", "non_state", "media", "generic")
#: The offices of :class:`Official` records.
OFFICES = ("head_of_state", "head_of_government", "foreign_minister", "org_head", "spokesperson")
_LEADING = ("the",)


@dataclass(frozen=True)
class Entity:
    """A state (``id`` ISO 3166-1 alpha-3), an organisation (short code) or a news medium.

    ``institutions`` are names of a state's government that stand for it
    ("White House"); ``speaker`` is the id of the body that speaks when the
    organisation is named bare (the UN's Secretary-General).
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
    """Where an entity is named: token range ``[start, end)`` and how (name, demonym, capital, institution)."""

    entity: Entity
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Official:
    """A person who held an office for an actor from ``start`` to ``end`` (years; ``end`` None: in office)."""

    name: str
    aliases: tuple[str, ...]
    office: str
    title: str
    actor: str
    start: int
    end: int | None
    gender: str | None = None

    def held_in(self, year: int | None) -> bool:
        """Whether the office was held in ``year`` (always true when the year is unknown)."""
        return year is None or (self.start <= year and (self.end is None or year <= self.end))


def name_key(text: str) -> tuple[str, ...]:
    """The folded tokens of a name, the form every lookup uses."""
    return tuple(split_tokens(fold(text))[0])


class Gazetteer:
    """Entities, the token sequences that name them, and the officials who speak for them.

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
        for entity in entities:
            if not isinstance(entity, Entity):
                raise ParameterError(f"A gazetteer holds Entity objects. Got {type(entity).__name__} instead.")
            if entity.type not in _ENTITY_TYPES:
                raise ParameterError(f"entity {entity.id!r}: type must be one of {', '.join(_ENTITY_TYPES)}, "
                                     f"not {entity.type!r}")
            if entity.id in self.entities:
                raise ParameterError(f"entity id {entity.id!r} is defined twice")
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
                if known is not None and known[0].id != entity.id:
                    raise ParameterError(f"{text!r} names both {known[0].id} and {entity.id}")
                if known is None or kind == "name":
                    self._names[words] = (entity, kind, exact)
        for entity in self.entities.values():
            if entity.speaker is not None and entity.speaker not in self.entities:
                raise ParameterError(f"entity {entity.id!r} speaks through {entity.speaker!r}, which is not defined")
        self._longest = max((len(k) for k in self._names), default=0)
        self.officials: tuple[Official, ...] = tuple(officials)
        self._people: dict[tuple[str, ...], list[Official]] = {}
        for official in self.officials:
            if not isinstance(official, Official):
                raise ParameterError(f"A gazetteer's officials are Official objects. Got {type(official).__name__}.")
            if official.office not in OFFICES:
                raise ParameterError(f"official {official.name!r}: office must be one of {', '.join(OFFICES)}, "
                                     f"not {official.office!r}")
            for form in {name_key(official.name), *(name_key(a) for a in official.aliases)}:
                if form:
                    self._people.setdefault(form, []).append(official)

    def __len__(self) -> int:
        return len(self.entities)

    def __getitem__(self, entity_id: str) -> Entity:
        return self.entities[entity_id]

    def lookup(self, text: str) -> Entity | None:
        """The entity a whole string names, if any (case-insensitive)."""
        found = self._names.get(name_key(text))
        return found[0] if found else None

    def find(self, words: Sequence[str]) -> list[Mention]:
        """Mentions in a sequence of tokens as written in the text (case kept), longest first, left to right."""
        folded = [fold(w) for w in words]
        mentions = []
        i = 0
        while i < len(words):
            for size in range(min(self._longest, len(words) - i), 0, -1):
                found = self._names.get(tuple(folded[i:i + size]))
                if found is None:
                    continue
                entity, kind, exact = found
                written = words[i:i + size]
                if exact and not all(w.isupper() or w.isdigit() for w in written):
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
