"""Who a speaker phrase stands for: the actors of "British Prime Minister X and Foreign Secretary Y".

A :class:`Resolver` reads one document's speaker phrases in order and keeps
what they taught it:

* a phrase is split into its items at commas and "and" (never inside a
  name: "Trinidad and Tobago");
* an item names an actor by the gazetteer (a state by name, by demonym with
  a title of office, by capital or institution; an organisation, or the body
  it speaks through), by a person registered earlier in the document ("Starmer
  said" after "British Prime Minister Keir Starmer"), or by the officials
  table at the document's date ("President Erdogan");
* a title without a state ("Foreign Secretary David Lammy" after "British
  Prime Minister ...", "the interior minister") takes its state from the
  item before it in the list, from an earlier speaker with that title, from
  the heading above, or from the dateline;
* "he" and "she" refer to the last person who spoke with that gender when it
  is known; "it" and "they" to the last institution; "we" outside quotes to
  the issuer of an official statement;
* places after "in", "to" or "at", states in brackets, news media, and
  collectives ("world leaders", "other countries") are never speakers.

An item that names a person or a title but no actor still gives a speaker,
with no actor: the statement is kept, its ``actor_id`` left empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..text.normalize import fold_for_tokens
from ..text.tokens import split_tokens
from .gazetteer import Entity, Gazetteer, Mention, Official, name_key
from .words import (
    COLLECTIVE_HEADS,
    COLLECTIVE_WORDS,
    FEMALE_WORDS,
    FIRST_PERSON,
    GOVERNMENT_WORDS,
    GROUP_PRONOUNS,
    HONORIFICS,
    LOCATION_PREPOSITIONS,
    MALE_WORDS,
    MEDIA_WORDS,
    NAME_CONNECTORS,
    NON_GOVERNMENT_WORDS,
    OFFICE_QUALIFIERS,
    PERSON_PRONOUNS,
    PERSON_TITLES,
    SOURCE_NOUNS,
    STATEMENT_NOUNS,
    TITLE_WORDS,
)

__all__ = ["Speaker", "Resolver", "Words"]

_DETERMINERS = frozenset("the a an this that these those".split())
_EPITHETS = frozenset("neighbouring neighboring brotherly friendly fellow".split())
#: Words of titles that name an office without its organisation ("Secretary General", "High Representative").
_BARE = frozenset("general high of the".split())
#: Nouns after a capital that keep it the government's place ("police commissioner for the Abuja region").
_PLACES = frozenset("region area city district province territory metropolitan capital".split())
_POSSESSIVE = {"his": "m", "her": "f", "its": None, "their": None}
_LIST_WORDS = frozenset("and & as well along together".split())


@dataclass(frozen=True)
class Speaker:
    """Who made a statement: the actor (or None when unresolved) and the words that name them."""

    entity: Entity | None
    words: str
    start: int
    end: int
    person: bool = False
    gender: str | None = None
    titles: frozenset[str] = field(default_factory=frozenset)

    @property
    def actor_type(self) -> str:
        """The entity's type; ``"unknown"`` for a source resolved to no actor (a person named alone included)."""
        return self.entity.type if self.entity is not None else "unknown"

    @property
    def name(self) -> str | None:
        """The actor's name; None for a source that resolved to no actor."""
        return self.entity.name if self.entity is not None else None


@dataclass
class Words:
    """A phrase as tokens: the words as written, folded, and their character spans in the document."""

    written: list[str]
    folded: list[str]
    starts: list[int]
    ends: list[int]
    text: str  # the document text the offsets point into

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Words:
        folded = fold_for_tokens(text[start:end])
        tokens, starts, ends = split_tokens(folded.text)
        if not folded.is_identity:
            starts, ends = folded.spans_to_original(starts, ends)
        s = [start + int(a) for a in starts]
        e = [start + int(b) for b in ends]
        return cls([text[a:b] for a, b in zip(s, e)], list(tokens), s, e, text)

    def __len__(self) -> int:
        return len(self.written)

    def sep(self, k: int) -> str:
        """The text between token k - 1 and token k."""
        return self.text[self.ends[k - 1]:self.starts[k]] if k > 0 else ""

    def stop(self, a: int, b: int) -> int:
        """Where the phrase of tokens ``[a, b)`` ends: after its last token, or the bracket it leaves open."""
        stop = self.ends[b - 1]
        if self.text.count("(", self.starts[a], stop) > self.text.count(")", self.starts[a], stop) \
                and self.text[stop:stop + 1] == ")":
            stop += 1  # "The European Union (EU)"
        return stop

    def span(self, a: int, b: int) -> str:
        return self.text[self.starts[a]:self.stop(a, b)] if b > a else ""


class Resolver:
    """Resolves the speaker phrases of one document, in order, remembering who has spoken.

    Parameters
    ----------
    gazetteer : Gazetteer
    year : int, optional
        The document's year, for the officials table.
    home : Entity, optional
        The state of the document's dateline: whose "officials" speak when no
        other state is named.
    """

    def __init__(self, gazetteer: Gazetteer, *, year: int | None = None, home: Entity | None = None):
        self.gazetteer = gazetteer
        self.year = year
        self.home = home
        self.heading: list[Speaker] = []
        self.issuer: list[Speaker] = []
        self.history: list[Speaker] = []
        #: The speakers of the statement just before (in this paragraph or the one before it).
        self.recent: list[Speaker] = []
        self.people: list[tuple[tuple[str, ...], Speaker]] = []

    # -- memory ----------------------------------------------------------------
    def spoke(self, speakers: list[Speaker]) -> None:
        """Record speakers that made a statement, in document order."""
        self.history.extend(speakers)

    def register(self, key: tuple[str, ...], speaker: Speaker) -> None:
        """Remember a person's name (and, for an office holder, the other names news uses) for later mentions."""
        if not key or speaker.entity is None:
            return
        self.people.append((key, speaker))
        official = self._official(key)
        if official is not None and official.actor == speaker.entity.id:
            for alias in official.aliases:
                form = name_key(alias)
                if form and form != key:
                    self.people.append((form, speaker))

    def _registered(self, key: tuple[str, ...]) -> Speaker | None:
        """The latest person registered under a name ending with ``key`` (or whose name ``key`` ends with)."""
        for known, speaker in reversed(self.people):
            if known[-len(key):] == key or key[-len(known):] == known:
                return speaker
        return None

    # -- resolution --------------------------------------------------------------
    def resolve(self, text: str, start: int, end: int, *, nearby: list[Speaker] | None = None,
                strict: bool = False) -> list[Speaker]:
        """The speakers a phrase ``text[start:end]`` names: one per actor of a list, [] when it names no one.

        ``nearby`` are the speakers already found in the same sentence, for
        "his" and "its" ("..., said his deputy spokesman"). With ``strict``
        (a heading), every item must name someone, or nobody is named.
        """
        words = Words.of(text, start, end)
        if not len(words):
            return []
        if words.folded == ["they"] and not nearby and len({s.entity.id for s in self.recent if s.entity}) > 1:
            return [replace(s, words=words.written[0], start=start, end=end) for s in self.recent if s.entity]
        mentions = self.gazetteer.find(words.written)
        items = self._items(words, mentions)
        resolved: list[Speaker] = []
        persons: list[tuple[tuple[str, ...], Speaker]] = []
        unresolved: list[Speaker] = []
        previous: Entity | None = None
        self._collective_list = any(self._collective(words, a, b) for a, b in items)
        named_only: list[tuple[int, tuple[int, int]]] = []  # items that were only a person's name
        for a, b in items:
            inside = [m for m in mentions if a <= m.start and m.end <= b]
            found = self._item(words, a, b, inside, previous, nearby or [])
            if found is None:
                if strict:
                    return []  # "Ambulances and medics outside ... Hospital in Minya Province, Egypt": a caption
                continue
            if found.entity is None:
                key = self._person_key(words, a, b, [])
                if found.person and key:
                    persons.append((key, found))
                unresolved.append(found)
                continue
            if not inside and not any(w in TITLE_WORDS for w in words.folded[a:b]):
                named_only.append((len(resolved), (a, b)))
            previous = found.entity
            resolved.append(found)
        if named_only and len(named_only) < len(resolved) and len(items) <= 3:
            # "Amrullah Saleh, the acting Minister of Interior of Afghanistan": the title says who he speaks for
            dropped = {k for k, _ in named_only}
            titled = [s for k, s in enumerate(resolved) if k not in dropped]
            if len({s.entity.id for s in titled if s.entity}) == 1:
                for k, (a, b) in named_only:
                    persons.append((self._person_key(words, a, b, []), resolved[k]))
                resolved = titled
        if not resolved:
            return unresolved[:1]
        actors = {s.entity.id for s in resolved if s.entity is not None}
        if len(actors) == 1:
            # an apposition ("Stephane Dujarric, spokesman for the UN Secretary-General"): one speaker
            first = resolved[0]
            speaker = replace(first, words=words.span(0, len(words)), start=words.starts[0],
                              end=words.stop(0, len(words)),
                              person=first.person or bool(persons), gender=first.gender or next(
                                  (p.gender for _, p in persons if p.gender), None))
            for key, _ in persons:
                self.register(key, speaker)
            return [speaker]
        seen: set[str] = set()
        unique = []
        for speaker in resolved:
            if speaker.entity is not None and speaker.entity.id not in seen:
                seen.add(speaker.entity.id)
                unique.append(speaker)
        return unique

    def _collective(self, words: Words, a: int, b: int) -> bool:
        content = [w for w in words.folded[a:b] if w not in _DETERMINERS and w not in NAME_CONNECTORS]
        return bool(content) and all(w in COLLECTIVE_WORDS for w in content)

    _collective_list = False

    def _items(self, words: Words, mentions: list[Mention]) -> list[tuple[int, int]]:
        """Token ranges of the items of a list, split at commas, semicolons and "and", never inside a name."""
        inside = {k for m in mentions for k in range(m.start + 1, m.end)}
        depth = 0
        cuts: list[tuple[int, int]] = []  # (end of an item, start of the next)
        k = 1
        while k < len(words):
            sep = words.sep(k)
            depth += sep.count("(") - sep.count(")")
            if depth <= 0 and k not in inside:
                if any(c in sep for c in ",;"):
                    skip = k
                    while skip < len(words) and words.folded[skip] in _LIST_WORDS and skip not in inside:
                        skip += 1
                    cuts.append((k, skip))
                    k = skip + 1
                    continue
                if words.folded[k] in ("and", "&") and k + 1 < len(words) and \
                        words.folded[k - 1] not in OFFICE_QUALIFIERS:
                    cuts.append((k, k + 1))
                elif words.folded[k] == "as" and words.folded[k + 1:k + 3] == ["well", "as"]:
                    cuts.append((k, k + 3))
                elif words.folded[k] in ("along", "together") and words.folded[k + 1:k + 2] == ["with"]:
                    cuts.append((k, k + 2))
            k += 1
        items = []
        begin = 0
        for stop, restart in cuts:
            if stop > begin:
                items.append((begin, stop))
            begin = restart
        if begin < len(words):
            items.append((begin, len(words)))
        return items

    def _item(self, words: Words, a: int, b: int, mentions: list[Mention], previous: Entity | None,
              nearby: list[Speaker]) -> Speaker | None:
        first = a
        folded = words.folded[a:b]
        while folded and folded[0] in _DETERMINERS:
            a, folded = a + 1, folded[1:]
        if not folded:
            return None
        span = (words.span(first, b), words.starts[first], words.stop(first, b))  # "the Maldives", as written
        content = [w for w in folded if w not in HONORIFICS]
        titles = frozenset(w for w in folded if w in TITLE_WORDS)
        # common words count as such when written in lower case ("Julie Bishop", "National Security Council"
        # are names), or when the whole item is in capitals (a heading)
        shouting = all(w.isupper() for w in words.written[a:b] if w.isalpha())
        common = {w for w, written in zip(folded, words.written[a:b]) if shouting or not written[:1].isupper()}
        gender = self._gender(folded)
        if len(folded) == 1 and folded[0] in PERSON_PRONOUNS | GROUP_PRONOUNS | FIRST_PERSON:
            return self._pronoun(folded[0], span, nearby)
        if folded[0] in _POSSESSIVE:
            owner = self._antecedent(_POSSESSIVE[folded[0]], nearby, person=folded[0] in ("his", "her"))
            if owner is not None and owner.entity is not None:
                return Speaker(owner.entity, *span, person=bool(set(folded) & PERSON_TITLES), gender=gender,
                               titles=titles)
            return None
        if common & MEDIA_WORDS or any(m.entity.type == "media" for m in mentions):
            actors = [m for m in mentions if m.entity.type != "media"]
            if not actors or common & MEDIA_WORDS:
                return None
        if common & NON_GOVERNMENT_WORDS:
            return None
        if folded[0] in SOURCE_NOUNS and not [m for m in mentions if m.entity.type != "media"]:
            # "the message to President X said": the statement of the last speaker
            return replace(self.history[-1], words=span[0], start=span[1], end=span[2]) if self.history else None
        possessor = next((k for k in range(a + 1, b) if words.folded[k] == "s" and words.sep(k) in ("'", "’")
                          and words.folded[k - 1] in TITLE_WORDS), None)
        if possessor is not None and all(w in TITLE_WORDS for w in words.folded[a:possessor]):
            earlier = self._described(frozenset(words.folded[a:possessor]), nearby)  # "the embassy's spokesperson"
            if earlier is not None:
                return replace(earlier, words=span[0], start=span[1], end=span[2], person=True)
        if all(w in COLLECTIVE_WORDS or w in NAME_CONNECTORS for w in content):
            return None
        person_key = self._person_key(words, a, b, mentions)
        places = [m for m in mentions if m.kind != "capital"]
        if len(places) < len(mentions):  # "William Hague", "Hague said": a person's name, not a seat of government
            named = self._person_key(words, a, b, places)
            if named != person_key and (self._registered(named) or self._official(named, titles)):
                mentions, person_key = places, named
        if not mentions and not person_key and content and content[-1] in COLLECTIVE_HEADS:
            return None  # "some key foreign leaders", "governments from Paris to Tokyo"
        mention = self._owner(words, a, mentions, titles)
        bare_title = bool(content) and all(w in TITLE_WORDS or w in NAME_CONNECTORS for w in content)
        if bare_title:
            earlier = self._described(titles)
            if earlier is not None:
                return replace(earlier, words=span[0], start=span[1], end=span[2])
            holder = self._title_holder(content) if not mentions else None
            if holder is not None:
                return Speaker(holder, *span, person=True, titles=titles)
        if mention is not None:
            entity = mention.entity
            if entity.speaker:
                entity = self.gazetteer.entities[entity.speaker]
            official = self._official(person_key, titles)
            speaker = Speaker(entity, *span, person=bool(person_key) or bool(titles & PERSON_TITLES),
                              gender=gender or (official.gender if official else None), titles=titles)
            self.register(person_key, speaker)
            return speaker
        if person_key:
            known = self._registered(person_key)
            if known is not None:
                return replace(known, words=span[0], start=span[1], end=span[2], titles=known.titles | titles)
            official = self._official(person_key, titles)
            if official is not None and official.actor in self.gazetteer.entities:
                speaker = Speaker(self.gazetteer.entities[official.actor], *span, person=True,
                                  gender=gender or official.gender, titles=titles)
                self.register(person_key, speaker)
                return speaker
        if titles:
            earlier = self._described(titles) if not person_key else None
            if earlier is not None:
                return replace(earlier, words=span[0], start=span[1], end=span[2])
            if self._collective_list and not person_key and not previous:
                return None  # "the world community as well as high-ranking officials"
            state = self._context_state(previous, titles, named=bool(person_key))
            if state is not None:
                speaker = Speaker(state, *span, person=bool(titles & PERSON_TITLES) or bool(person_key),
                                  gender=gender, titles=titles)
                self.register(person_key, speaker)
                return speaker
        if person_key or titles:
            return Speaker(None, *span, person=bool(person_key) or bool(titles & PERSON_TITLES), gender=gender,
                           titles=titles)
        return None

    def _owner(self, words: Words, a: int, mentions: list[Mention], titles: frozenset[str]) -> Mention | None:
        """The mention that owns an item.

        Not a place after "in" or "to" (after "from" and "by" only when the
        item is a statement or a source: "a statement from the ministry"), not
        in brackets, not a medium; a state in front of another actor
        ("Lebanon's Hezbollah", "the Lebanese Hezbollah movement") or a bare
        title ("Secretary General of the Council of Europe") gives way to it.
        """
        sourced = words.folded[a] in SOURCE_NOUNS if a < len(words) else False
        places = LOCATION_PREPOSITIONS - ({"from", "by"} if sourced else set())
        candidates = []
        for m in mentions:
            if m.entity.type in ("media", "generic"):
                continue
            if m.entity.type != "state" and m.end < len(words) and words.folded[m.end] in COLLECTIVE_HEADS:
                continue  # "the G7 countries", "EU member states": the members, not the organisation
            before = m.start - 1
            while before >= a and words.folded[before] in _DETERMINERS | _EPITHETS:
                before -= 1
            if before >= a and words.folded[before] in places:
                continue
            opened = words.text[words.starts[a]:words.starts[m.start]]
            if opened.count("(") > opened.count(")"):
                continue
            rest = {w for k, w in enumerate(words.folded) if k >= a and not m.start <= k < m.end}
            if m.entity.type == "state" and m.kind == "demonym":
                if not (titles & GOVERNMENT_WORDS or rest & STATEMENT_NOUNS):
                    continue
            if m.entity.type == "state" and m.kind == "capital" and \
                    rest - _DETERMINERS - TITLE_WORDS - NAME_CONNECTORS - HONORIFICS - _PLACES:
                continue  # "Beijing said", not "Tehran Terror Attacks Draw ..."
            candidates.append(m)
        if len(candidates) > 1:
            strong = [m for m in candidates if not all(w in PERSON_TITLES or w in _BARE for w in
                                                       words.folded[m.start:m.end])]
            candidates = strong or candidates
        if len(candidates) > 1:
            others = [m for m in candidates if m.entity.type != "state"]
            states = [m for m in candidates if m.entity.type == "state"]
            modifiers = [m for m in states
                         if m.kind == "demonym" or (m.end < len(words) and words.folded[m.end] == "s")]
            if others and states and modifiers == states and all(m.start < others[0].start for m in states):
                candidates = others  # "the Lebanese Hezbollah movement", "Pakistan's TTP"
        return candidates[0] if candidates else None

    def _person_key(self, words: Words, a: int, b: int, mentions: list[Mention]) -> tuple[str, ...]:
        """The folded tokens of the person's name in an item: its capitalised words that are no title or actor."""
        taken = {k for m in mentions for k in range(m.start, m.end)}
        name: list[str] = []
        addressee = False  # a name after "to" and a title ("the message to President X") is not the speaker's
        for k in range(a, b):
            word, low = words.written[k], words.folded[k]
            if low in LOCATION_PREPOSITIONS and not name:
                addressee = True
                continue
            if addressee and (low in TITLE_WORDS or low in HONORIFICS or low in _DETERMINERS):
                continue
            if addressee and word[:1].isupper() and k not in taken:
                break
            addressee = addressee and k not in taken
            if k in taken or low in TITLE_WORDS or low in HONORIFICS or low in _DETERMINERS:
                inside_name = bool(name) and k not in taken and word[:1].isupper() and k + 1 < b and \
                    words.written[k + 1][:1].isupper() and words.folded[k + 1] not in TITLE_WORDS
                if inside_name:
                    name.append(low)  # "Hassan Sheikh Mohamud"
                    continue
                if name:
                    break
                continue
            connector = bool(name) and low in NAME_CONNECTORS and k + 1 < b and words.written[k + 1][:1].isupper()
            if word[:1].isupper() or connector:
                name.append(low)
            elif name:
                break
        while name and name[-1] in NAME_CONNECTORS:
            name.pop()
        return tuple(name) if any(w not in NAME_CONNECTORS for w in name) else ()

    def _official(self, key: tuple[str, ...], titles: frozenset[str] = frozenset()) -> Official | None:
        """The office holder a name stands for at the document's date, when only one actor fits.

        A full name must agree with the holder's ("Amrullah Saleh" is not "Ali
        Abdullah Saleh" though both are "Saleh"); between holders of several
        actors, the one whose title the phrase uses, then the shortest term.
        """
        if not key:
            return None
        found = []
        for official in self.gazetteer.officials_named(key, year=self.year):
            forms = [name_key(official.name), *(name_key(a) for a in official.aliases)]
            if len(key) > 1 and not any(form[-len(key):] == key for form in forms):
                continue  # only the surname matched, and the given names differ
            found.append(official)
        actors = {o.actor for o in found}
        if len(actors) > 1 and titles:
            fitting = [o for o in found if set(name_key(o.title)) & titles]
            found = fitting or found
            actors = {o.actor for o in found}
        if len(actors) > 1:
            if self.year is None:
                return None  # "Ban" was a foreign minister before he was Secretary-General: without a date, no one
            shortest = min(found, key=lambda o: (o.end or 2100) - o.start)
            if sum(1 for o in found if (o.end or 2100) - o.start == (shortest.end or 2100) - shortest.start) == 1:
                return shortest
            return None
        return found[0] if found else None

    def _title_holder(self, content: list[str]) -> Entity | None:
        """The actor of a title only one actor's office holders bear ("the Pope")."""
        title = " ".join(content)
        actors = {o.actor for o in self.gazetteer.officials if o.held_in(self.year) and name_key(o.title) ==
                  tuple(content)} if title else set()
        if len(actors) == 1:
            return self.gazetteer.entities.get(actors.pop())
        return None

    def _gender(self, folded: list[str]) -> str | None:
        if set(folded) & FEMALE_WORDS:
            return "f"
        if set(folded) & MALE_WORDS:
            return "m"
        return None

    def _described(self, titles: frozenset[str], nearby: list[Speaker] | None = None) -> Speaker | None:
        """The last speaker whose own words carried these titles ("the ministry", "the Secretary General")."""
        wanted = titles - {"general"} if titles - {"general"} else titles
        for speaker in list(reversed(nearby or [])) + list(reversed(self.history)):
            if speaker.entity is not None and wanted and wanted <= speaker.titles:
                return speaker
        return None

    def _context_state(self, previous: Entity | None, titles: frozenset[str], *, named: bool) -> Entity | None:
        """The actor of an office named without one ("Foreign Secretary David Lammy", "the interior minister").

        In order: the previous item of the same list; the heading above; the
        issuer of the page; the speaker of the statement just before, when it
        was one state ("French leaders expressed ... President Francois
        Hollande said"); for offices without a name ("officials", "the
        ministry"), the state of the dateline.
        """
        if previous is not None:
            return previous
        if not titles & GOVERNMENT_WORDS:
            return None
        for group in (self.heading, self.issuer, self.recent) if named else (self.heading, self.issuer):
            entities = {s.entity.id: s.entity for s in group if s.entity is not None}
            if len(entities) == 1:
                return next(iter(entities.values()))
        return None if named else self.home

    def _pronoun(self, word: str, span: tuple[str, int, int], nearby: list[Speaker]) -> Speaker | None:
        if word in FIRST_PERSON:
            source = self.issuer or self.heading
            target = source[0] if source else None
        elif word in PERSON_PRONOUNS:
            target = self._antecedent("f" if word == "she" else "m", nearby, person=True)
        elif self.recent and not nearby and self.recent[-1].entity is not None and len(
                {s.entity.id for s in self.recent if s.entity is not None}) == 1:
            target = self.recent[-1]  # "..., Kirby said in a statement. ... it added."
        else:
            target = self._antecedent(None, nearby, person=False)
        if target is None or target.entity is None:
            return None
        return replace(target, words=span[0], start=span[1], end=span[2])

    def _antecedent(self, gender: str | None, nearby: list[Speaker], *, person: bool) -> Speaker | None:
        """The last speaker a pronoun can stand for: a person of that gender (when known), or an institution."""
        for speaker in list(reversed(nearby)) + list(reversed(self.history)) + list(reversed(self.heading)):
            if person:
                if not speaker.person:
                    continue
                if gender and speaker.gender and speaker.gender != gender:
                    continue
                return speaker
            if not speaker.person:
                return speaker
        if not person:
            # "it" and "their" may stand for a person's government
            return next((s for s in reversed(nearby + self.history) if s.entity is not None), None)
        return None

    def name_key(self, text: str) -> tuple[str, ...]:
        return name_key(text)
