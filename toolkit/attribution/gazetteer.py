"""Actors: states, organisations and UN bodies, recognised by name, short name, demonym or capital.

A :class:`Gazetteer` holds :class:`Entity` records (built from the data files
``toolkit/data/states.tsv`` and ``organizations.tsv`` by
:func:`toolkit.io.default_gazetteer`, or from your own rows) and finds their
mentions in a run of tokens:

* states by name and aliases ("Türkiye", "Turkey", "Turkiye"), demonym
  ("Chinese Embassy", "the Russian statement") and capital ("Beijing said");
* organisations and UN bodies by name and short code ("OIC", "UN
  Secretary-General");
* news media ("Reuters") are recognised so that they are never taken for
  actors.

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

__all__ = ["Entity", "Mention", "Gazetteer", "ACTOR_TYPES"]

#: The types of actor a statement can have.
ACTOR_TYPES = ("state", "international_organization", "un_body", "non_state", "person", "unknown")
_ENTITY_TYPES = ("state", "international_organization", "un_body", "non_state", "media")
_LEADING = ("the",)


@dataclass(frozen=True)
class Entity:
    """A state (``id`` ISO 3166-1 alpha-3), an organisation (short code) or a news medium."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """Where an entity is named: token range ``[start, end)`` and how (name, demonym or capital)."""

    entity: Entity
    start: int
    end: int
    kind: str


def _key(text: str) -> tuple[str, ...]:
    return tuple(split_tokens(fold(text))[0])


class Gazetteer:
    """Entities and the token sequences that name them.

    Examples
    --------
    >>> g = Gazetteer([Entity("TUR", "Türkiye", "state", ("Turkey", "Turkiye"), ("Turkish",), ("Ankara",))])
    >>> words = "Earlier , Turkey and the Turkish embassy in Ankara spoke".split()
    >>> [(m.entity.id, m.start, m.end, m.kind) for m in g.find(words)]
    [('TUR', 2, 3, 'name'), ('TUR', 5, 6, 'demonym'), ('TUR', 8, 9, 'capital')]
    """

    def __init__(self, entities: Iterable[Entity]):
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
            for text, kind in forms:
                words = _key(text)
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
        self._longest = max((len(k) for k in self._names), default=0)

    def __len__(self) -> int:
        return len(self.entities)

    def __getitem__(self, entity_id: str) -> Entity:
        return self.entities[entity_id]

    def lookup(self, text: str) -> Entity | None:
        """The entity a whole string names, if any (case-insensitive)."""
        found = self._names.get(_key(text))
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
