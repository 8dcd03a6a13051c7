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

import enum
from dataclasses import dataclass, field, replace

from ..text.normalize import fold_for_tokens
from ..text.tokens import split_tokens
from .gazetteer import Entity, Gazetteer, Mention, Official, name_key
from .words import AttributionWords, attribution_words

__all__ = ["Speaker", "Resolver", "Words"]

#: The gender a possessive tells of its owner ("his deputy spokesman"); None: an institution's.
_POSSESSIVE = {"his": "m", "her": "f", "its": None, "their": None}


class _Pass(enum.Enum):
    """A rule of :meth:`Resolver._item` that does not apply: the next rule decides."""

    PASS = 0


_PASS = _Pass.PASS


@dataclass(frozen=True)
class Speaker:
    """Who made a statement: the actor (or None when unresolved) and the words that name them.

    Parameters
    ----------
    entity : Entity or None
        The actor; None for a source that names a person or an office but no actor.
    words : str
        The speaker's words as written in the document ("Foreign Secretary David Lammy").
    start, end : int
        The span of ``words`` in the document.
    person : bool, default False
        Whether the words name a person (a name, or a title of one person) rather than an institution.
    gender : {"f", "m"} or None, default None
        The person's gender, when the words or the officials table tell it.
    titles : frozenset of str, default empty
        The title words the speaker's words carry ("foreign", "secretary"), for later "the ministry".

    Examples
    --------
    >>> Speaker(None, "the spokesman", 0, 13, person=True).actor_type
    'unknown'
    """

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


def _restated(speaker: Speaker, span: tuple[str, int, int], **changes: object) -> Speaker:
    """An earlier speaker named again by other words: ``span`` is the new words and their offsets."""
    return replace(speaker, words=span[0], start=span[1], end=span[2], **changes)  # type: ignore[arg-type]


@dataclass
class Words:
    """A phrase as tokens: the words as written, folded, and their character spans in the document.

    Parameters
    ----------
    written : list of str
        The tokens as the document writes them.
    folded : list of str
        The same tokens folded (lower case, quotes unified), as the word lists hold them.
    starts, ends : list of int
        Each token's span in ``text``.
    text : str
        The document text the offsets point into.

    Examples
    --------
    >>> words = Words.of("Earlier, the Chinese Embassy said", 9, 28)
    >>> words.written, words.folded, words.span(1, 3)
    (['the', 'Chinese', 'Embassy'], ['the', 'chinese', 'embassy'], 'Chinese Embassy')
    """

    written: list[str]
    folded: list[str]
    starts: list[int]
    ends: list[int]
    text: str  # the document text the offsets point into

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Words:
        """The tokens of ``text[start:end]``, their offsets pointing into ``text``.

        Parameters
        ----------
        text : str
            The document.
        start, end : int
            The phrase's span in it.

        Returns
        -------
        Words
            The phrase's tokens.
        """
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
        """The text between token k - 1 and token k.

        Parameters
        ----------
        k : int
            A token's index.

        Returns
        -------
        str
            The separator before it ("" for the first token).
        """
        return self.text[self.ends[k - 1]:self.starts[k]] if k > 0 else ""

    def stop(self, a: int, b: int) -> int:
        """Where the phrase of tokens ``[a, b)`` ends: after its last token, or the bracket it leaves open.

        Parameters
        ----------
        a, b : int
            The tokens of the phrase, ``b`` excluded (``b > a``).

        Returns
        -------
        int
            The document offset where the phrase ends.
        """
        stop = self.ends[b - 1]
        if self.text.count("(", self.starts[a], stop) > self.text.count(")", self.starts[a], stop) \
                and self.text[stop:stop + 1] == ")":
            stop += 1  # "The European Union (EU)"
        return stop

    def span(self, a: int, b: int) -> str:
        """The document's text of tokens ``[a, b)``, as written (with a bracket it leaves open closed).

        Parameters
        ----------
        a, b : int
            The tokens of the phrase, ``b`` excluded.

        Returns
        -------
        str
            The words as written; "" when ``b <= a``.
        """
        return self.text[self.starts[a]:self.stop(a, b)] if b > a else ""


@dataclass(frozen=True)
class _Item:
    """One item of a speaker phrase, as the rules of :meth:`Resolver._item` read it.

    ``a`` is its first token after the determiners, ``span`` the item as
    written with them ("the Maldives") and its offsets.
    """

    words: Words
    a: int
    b: int
    span: tuple[str, int, int]
    folded: list[str]  # the tokens from a, folded
    content: list[str]  # the folded tokens without honorifics
    titles: frozenset[str]  # the title words
    common: frozenset[str]  # the words written as common words (lower case, or an item in capitals)
    gender: str | None

    @classmethod
    def of(cls, words: Words, a: int, b: int, lists: AttributionWords) -> _Item | None:
        """The item of tokens ``[a, b)``; None when it is only determiners."""
        first = a
        folded = words.folded[a:b]
        while folded and folded[0] in lists.determiners:
            a, folded = a + 1, folded[1:]
        if not folded:
            return None
        span = (words.span(first, b), words.starts[first], words.stop(first, b))  # "the Maldives", as written
        # common words count as such when written in lower case ("Julie Bishop", "National Security Council"
        # are names), or when the whole item is in capitals (a heading)
        shouting = all(w.isupper() for w in words.written[a:b] if w.isalpha())
        common = frozenset(w for w, written in zip(folded, words.written[a:b])
                           if shouting or not written[:1].isupper())
        if set(folded) & lists.female_words:
            gender: str | None = "f"
        elif set(folded) & lists.male_words:
            gender = "m"
        else:
            gender = None
        return cls(words, a, b, span, folded, [w for w in folded if w not in lists.honorifics],
                   frozenset(w for w in folded if w in lists.title_words), common, gender)


@dataclass
class _Resolution:
    """The items of a phrase resolved one by one (:meth:`Resolver._resolve_items`)."""

    resolved: list[Speaker] = field(default_factory=list)  # the items that named an actor
    persons: list[tuple[tuple[str, ...], Speaker]] = field(default_factory=list)  # names to register
    unresolved: list[Speaker] = field(default_factory=list)  # the items that named a person or office only
    named_only: list[tuple[int, tuple[int, int]]] = field(default_factory=list)  # items only a person's name


class Resolver:
    """Resolves the speaker phrases of one document, in order, remembering who has spoken.

    Parameters
    ----------
    gazetteer : Gazetteer
        The actors to recognise and their officials.
    year : int, optional
        The document's year, for the officials table.
    home : Entity, optional
        The state of the document's dateline: whose "officials" speak when no
        other state is named.

    Attributes
    ----------
    lists : AttributionWords
        The word lists the rules read (:func:`~toolkit.attribution.words.attribution_words`).
    heading, issuer : list of Speaker
        The speakers of the heading above and of the page's issuer, set by the
        caller as it reads the page.
    place : Entity or None
        The state of the current line's own dateline or label, set by the caller line by line.
    history, recent : list of Speaker
        Every speaker that made a statement (:meth:`spoke`), and those of the
        statement just before.
    people : list of (tuple of str, Speaker)
        The people named so far, by folded name (:meth:`register`).

    Examples
    --------
    >>> from toolkit.attribution.gazetteer import Entity, Gazetteer
    >>> resolver = Resolver(Gazetteer([Entity("FRA", "France", "state", demonyms=("French",))]))
    >>> text = "French Foreign Minister Jean Dupont"
    >>> [(s.entity.id, s.words, s.person) for s in resolver.resolve(text, 0, len(text))]
    [('FRA', 'French Foreign Minister Jean Dupont', True)]
    >>> [s.entity.id for s in resolver.resolve("Dupont", 0, 6)]
    ['FRA']
    """

    def __init__(self, gazetteer: Gazetteer, *, year: int | None = None, home: Entity | None = None):
        self.gazetteer = gazetteer
        self.year = year
        self.home = home
        #: The state of the current line's own dateline or label ("Riyadh: The foreign ministry ..."), set by the
        #: caller line by line: it names the state of an office the line names without one, before any other.
        self.place: Entity | None = None
        self.lists = attribution_words()
        self.heading: list[Speaker] = []
        self.issuer: list[Speaker] = []
        self.history: list[Speaker] = []
        #: The speakers of the statement just before (in this paragraph or the one before it).
        self.recent: list[Speaker] = []
        self.people: list[tuple[tuple[str, ...], Speaker]] = []

    # -- memory ----------------------------------------------------------------
    def spoke(self, speakers: list[Speaker]) -> None:
        """Record speakers that made a statement, in document order.

        Parameters
        ----------
        speakers : list of Speaker
            The speakers of one statement.

        Returns
        -------
        None
        """
        self.history.extend(speakers)

    def register(self, key: tuple[str, ...], speaker: Speaker) -> None:
        """Remember a person's name (and, for an office holder, the other names news uses) for later mentions.

        Parameters
        ----------
        key : tuple of str
            The person's name as folded tokens (``("keir", "starmer")``); nothing is kept when empty.
        speaker : Speaker
            Who the name stands for; nothing is kept when it has no actor.

        Returns
        -------
        None
        """
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

        Parameters
        ----------
        text : str
            The document.
        start, end : int
            The span of the phrase (a source: "British Prime Minister X and Foreign Secretary Y").
        nearby : list of Speaker, optional
            The speakers already found in the same sentence, for "his" and
            "its" ("..., said his deputy spokesman").
        strict : bool, default False
            For a heading: every item must name someone, or nobody is named.

        Returns
        -------
        list of Speaker
            One speaker per actor, in order; a single speaker without an actor
            when the phrase names a person or an office but no actor; [] when
            it names no one.
        """
        words = Words.of(text, start, end)
        if not len(words):
            return []
        if words.folded == ["they"] and not nearby and len({s.entity.id for s in self.recent if s.entity}) > 1:
            return [replace(s, words=words.written[0], start=start, end=end) for s in self.recent if s.entity]
        mentions = self.gazetteer.find(words.written)
        items = self._items(words, mentions)
        self._collective_list = any(self._collective(words, a, b) for a, b in items)
        found = self._resolve_items(words, items, mentions, nearby or [], strict=strict)
        if found is None:
            return []  # "Ambulances and medics outside ... Hospital in Minya Province, Egypt": a caption
        if found.named_only and len(found.named_only) < len(found.resolved) and len(items) <= 3:
            self._titles_speak_for_names(words, found)
        if not found.resolved:
            return found.unresolved[:1]
        return self._one_per_actor(words, found)

    def _resolve_items(self, words: Words, items: list[tuple[int, int]], mentions: list[Mention],
                       nearby: list[Speaker], *, strict: bool) -> _Resolution | None:
        """Each item of a list resolved in turn, an office taking its state from the item before it.

        None when ``strict`` and an item names no one.
        """
        found = _Resolution()
        previous: Entity | None = None
        for a, b in items:
            inside = [m for m in mentions if a <= m.start and m.end <= b]
            speaker = self._item(words, a, b, inside, previous, nearby)
            if speaker is None:
                if strict:
                    return None
                continue
            if speaker.entity is None:
                key = self._person_key(words, a, b, [])
                if speaker.person and key:
                    found.persons.append((key, speaker))
                found.unresolved.append(speaker)
                continue
            if not inside and not any(w in self.lists.title_words for w in words.folded[a:b]):
                found.named_only.append((len(found.resolved), (a, b)))
            previous = speaker.entity
            found.resolved.append(speaker)
        return found

    def _titles_speak_for_names(self, words: Words, found: _Resolution) -> None:
        """Names beside the titles of one actor are that actor's people, not speakers of their own.

        "Amrullah Saleh, the acting Minister of Interior of Afghanistan": the
        title says who he speaks for; the name is registered with it.
        """
        dropped = {k for k, _ in found.named_only}
        titled = [s for k, s in enumerate(found.resolved) if k not in dropped]
        if len({s.entity.id for s in titled if s.entity}) == 1:
            for k, (a, b) in found.named_only:
                found.persons.append((self._person_key(words, a, b, []), found.resolved[k]))
            found.resolved = titled

    def _one_per_actor(self, words: Words, found: _Resolution) -> list[Speaker]:
        """The speakers of resolved items, one per actor; one actor's items are one speaker of the whole phrase."""
        actors = {s.entity.id for s in found.resolved if s.entity is not None}
        if len(actors) == 1:
            # an apposition ("Stephane Dujarric, spokesman for the UN Secretary-General"): one speaker
            first = found.resolved[0]
            speaker = replace(first, words=words.span(0, len(words)), start=words.starts[0],
                              end=words.stop(0, len(words)), person=first.person or bool(found.persons),
                              gender=first.gender or next((p.gender for _, p in found.persons if p.gender), None))
            for key, _ in found.persons:
                self.register(key, speaker)
            return [speaker]
        seen: set[str] = set()
        unique = []
        for speaker in found.resolved:
            if speaker.entity is not None and speaker.entity.id not in seen:
                seen.add(speaker.entity.id)
                unique.append(speaker)
        return unique

    def _collective(self, words: Words, a: int, b: int) -> bool:
        """Whether tokens ``[a, b)`` are only collective words ("world leaders", "the international community")."""
        lists = self.lists
        content = [w for w in words.folded[a:b] if w not in lists.determiners and w not in lists.name_connectors]
        return bool(content) and all(w in lists.collective_words for w in content)

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
                    while skip < len(words) and words.folded[skip] in self.lists.list_words and skip not in inside:
                        skip += 1
                    cuts.append((k, skip))
                    k = skip + 1
                    continue
                if words.folded[k] in ("and", "&") and k + 1 < len(words) and \
                        words.folded[k - 1] not in self.lists.office_qualifiers:
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

    # -- one item ----------------------------------------------------------------
    def _item(self, words: Words, a: int, b: int, mentions: list[Mention], previous: Entity | None,
              nearby: list[Speaker]) -> Speaker | None:
        """The speaker one item of a list names (tokens ``[a, b)``), or None when it names no one.

        The rules, in order: a pronoun or a possessive refers back; a medium, a
        non-government phrase or a collective names no one; a statement noun
        is the last speaker's; then the item names an actor by a mention, a
        person or an office (:meth:`_by_name`).
        """
        item = _Item.of(words, a, b, self.lists)
        if item is None:
            return None
        found = self._by_reference(item, nearby)
        if found is not _PASS:
            return found
        if self._names_no_government(item, mentions):
            return None
        found = self._by_statement(item, mentions, nearby)
        if found is not _PASS:
            return found
        if all(w in self.lists.collective_words or w in self.lists.name_connectors for w in item.content):
            return None
        if item.content and item.content[0] in self.lists.part_words:
            return None  # "X, a faction of Y": a description of X, not Y
        return self._by_name(item, mentions, previous)

    def _by_reference(self, item: _Item, nearby: list[Speaker]) -> Speaker | None | _Pass:
        """A pronoun ("he", "it", "we") or a possessive ("his deputy spokesman") refers to an earlier speaker."""
        folded = item.folded
        lists = self.lists
        if len(folded) == 1 and folded[0] in lists.person_pronouns | lists.group_pronouns | lists.first_person:
            return self._pronoun(folded[0], item.span, nearby)
        if folded[0] in _POSSESSIVE:
            owner = self._antecedent(_POSSESSIVE[folded[0]], nearby, person=folded[0] in ("his", "her"))
            if owner is not None and owner.entity is not None:
                return Speaker(owner.entity, *item.span, person=bool(set(folded) & lists.person_titles),
                               gender=item.gender, titles=item.titles)
            return None
        return _PASS

    def _names_no_government(self, item: _Item, mentions: list[Mention]) -> bool:
        """Whether an item is a news medium ("the news agency", "Reuters") or someone other than a government."""
        lists = self.lists
        actors = [m for m in mentions if m.entity.type != "media"]
        # the words of an actor's own name are not the item's ("the UN refugee agency" is no news agency)
        common = item.common - {w for m in actors for w in item.words.folded[m.start:m.end]}
        if common & lists.media_words or any(m.entity.type == "media" for m in mentions):
            if not actors or common & lists.media_words:
                return True
        return bool(common & lists.non_government_words)

    def _by_statement(self, item: _Item, mentions: list[Mention], nearby: list[Speaker]) -> Speaker | None | _Pass:
        """A statement ("the message to President X said") or "the embassy's spokesperson": an earlier speaker's."""
        words, a, b = item.words, item.a, item.b
        title_words = self.lists.title_words
        if item.folded[0] in self.lists.source_nouns and not [m for m in mentions if m.entity.type != "media"]:
            # "the message to President X said": the statement of the last speaker
            return _restated(self.history[-1], item.span) if self.history else None
        possessor = next((k for k in range(a + 1, b) if words.folded[k] == "s" and words.sep(k) in ("'", "’")
                          and words.folded[k - 1] in title_words), None)
        if possessor is not None and all(w in title_words for w in words.folded[a:possessor]):
            earlier = self._described(frozenset(words.folded[a:possessor]), nearby)  # "the embassy's spokesperson"
            if earlier is not None:
                return _restated(earlier, item.span, person=True)
        return _PASS

    def _by_name(self, item: _Item, mentions: list[Mention], previous: Entity | None) -> Speaker | None:
        """The speaker of an item that names an actor, a person or an office, or None.

        In order: a bare title an earlier speaker carried or one actor's
        officials bear ("the Pope"); the actor mentioned; a person registered
        earlier or in the officials table; an office, from the context
        (:meth:`_by_office`); else a speaker without an actor.
        """
        mentions, person_key = self._name_or_capital(item, mentions)
        if not mentions and not person_key and item.content and item.content[-1] in self.lists.collective_heads:
            return None  # "some key foreign leaders", "governments from Paris to Tokyo"
        found = self._by_bare_title(item, mentions)
        if found is None:
            found = self._by_mention(item, mentions, person_key)
        if found is None and person_key:
            found = self._by_person(item, person_key)
        if found is None and item.titles:
            office = self._by_office(item, person_key, previous)
            if office is not _PASS:
                return office
        if found is None and (person_key or item.titles):
            found = Speaker(None, *item.span, person=bool(person_key) or bool(item.titles & self.lists.person_titles),
                            gender=item.gender, titles=item.titles)
        return found

    def _name_or_capital(self, item: _Item, mentions: list[Mention]) -> tuple[list[Mention], tuple[str, ...]]:
        """The mentions of an item and the person's name in it, a capital read as a known person's name.

        "William Hague", "Hague said": a person's name, not a seat of
        government, when that person was registered or is an official.
        """
        person_key = self._person_key(item.words, item.a, item.b, mentions)
        places = [m for m in mentions if m.kind != "capital"]
        if len(places) < len(mentions):
            named = self._person_key(item.words, item.a, item.b, places)
            if named != person_key and (self._registered(named) or self._official(named, item.titles)):
                return places, named
        return mentions, person_key

    def _by_bare_title(self, item: _Item, mentions: list[Mention]) -> Speaker | None:
        """An item of title words only: the earlier speaker who carried them, or the one actor holding the title."""
        lists = self.lists
        if not item.content or not all(w in lists.title_words or w in lists.name_connectors for w in item.content):
            return None
        earlier = self._described(item.titles)
        if earlier is not None:
            return _restated(earlier, item.span)
        holder = self._title_holder(item.content) if not mentions else None
        if holder is not None:
            return Speaker(holder, *item.span, person=True, titles=item.titles)
        return None

    def _by_mention(self, item: _Item, mentions: list[Mention], person_key: tuple[str, ...]) -> Speaker | None:
        """The actor a mention in the item names (or the body it speaks through), the person's name registered."""
        mention = self._owner(item.words, item.a, mentions, item.titles)
        if mention is None:
            return None
        entity = mention.entity
        if entity.speaker:
            entity = self.gazetteer.entities[entity.speaker]
        official = self._official(person_key, item.titles)
        speaker = Speaker(entity, *item.span, person=bool(person_key) or bool(item.titles & self.lists.person_titles),
                          gender=item.gender or (official.gender if official else None), titles=item.titles)
        self.register(person_key, speaker)
        return speaker

    def _by_person(self, item: _Item, person_key: tuple[str, ...]) -> Speaker | None:
        """A person named earlier in the document ("Starmer said"), or an official at the document's date."""
        known = self._registered(person_key)
        if known is not None:
            return _restated(known, item.span, titles=known.titles | item.titles)
        official = self._official(person_key, item.titles)
        if official is not None and official.actor in self.gazetteer.entities:
            speaker = Speaker(self.gazetteer.entities[official.actor], *item.span, person=True,
                              gender=item.gender or official.gender, titles=item.titles)
            self.register(person_key, speaker)
            return speaker
        return None

    def _by_office(self, item: _Item, person_key: tuple[str, ...], previous: Entity | None
                   ) -> Speaker | None | _Pass:
        """An office without a state ("the interior minister"): an earlier speaker with its titles, or the context.

        None when the item is an office in a list of collectives ("the world
        community as well as high-ranking officials"): no one.
        """
        earlier = self._described(item.titles) if not person_key else None
        if earlier is not None:
            return _restated(earlier, item.span)
        if self._collective_list and not person_key and not previous:
            return None  # "the world community as well as high-ranking officials"
        state = self._context_state(previous, item.titles, named=bool(person_key))
        if state is None:
            return _PASS
        speaker = Speaker(state, *item.span, person=bool(item.titles & self.lists.person_titles) or bool(person_key),
                          gender=item.gender, titles=item.titles)
        self.register(person_key, speaker)
        return speaker

    def _owner(self, words: Words, a: int, mentions: list[Mention], titles: frozenset[str]) -> Mention | None:
        """The mention that owns an item.

        Not a place after "in" or "to" (after "from" and "by" only when the
        item is a statement or a source: "a statement from the ministry"), not
        in brackets, not a medium; a state in front of another actor
        ("Lebanon's Hezbollah", "the Lebanese Hezbollah movement") or a bare
        title ("Secretary General of the Council of Europe") gives way to it.
        """
        lists = self.lists
        skipped = lists.determiners | lists.epithets
        sourced = words.folded[a] in lists.source_nouns if a < len(words) else False
        places = lists.location_prepositions - ({"from", "by"} if sourced else set())
        candidates = []
        for m in mentions:
            if m.entity.type in ("media", "generic"):
                continue
            if m.entity.type != "state" and m.end < len(words) and words.folded[m.end] in lists.collective_heads \
                    and words.folded[m.end] not in lists.leadership_words:
                continue  # "the G7 countries", "EU member states": the members, not the organisation ("EU leaders")
            before = m.start - 1
            while before >= a and words.folded[before] in skipped:
                before -= 1
            if before >= a and words.folded[before] in places:
                continue
            opened = words.text[words.starts[a]:words.starts[m.start]]
            if opened.count("(") > opened.count(")"):
                continue
            rest = {w for k, w in enumerate(words.folded) if k >= a and not m.start <= k < m.end}
            if m.entity.type == "state" and m.kind == "demonym":
                if not (titles & lists.government_words or rest & lists.statement_nouns):
                    continue
            if m.entity.type == "state" and m.kind == "capital" and rest - lists.determiners - lists.title_words - \
                    lists.name_connectors - lists.honorifics - lists.place_nouns:
                continue  # "Beijing said", not "Tehran Terror Attacks Draw ..."
            candidates.append(m)
        if len(candidates) > 1:
            strong = [m for m in candidates if not all(w in lists.person_titles or w in lists.bare_title_words
                                                       for w in words.folded[m.start:m.end])]
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
        lists = self.lists
        taken = {k for m in mentions for k in range(m.start, m.end)}
        name: list[str] = []
        addressee = False  # a name after "to" and a title ("the message to President X") is not the speaker's
        for k in range(a, b):
            word, low = words.written[k], words.folded[k]
            if low in lists.location_prepositions and not name:
                addressee = True
                continue
            if addressee and (low in lists.title_words or low in lists.honorifics or low in lists.determiners):
                continue
            if addressee and word[:1].isupper() and k not in taken:
                break
            addressee = addressee and k not in taken
            if k in taken or low in lists.title_words or low in lists.honorifics or low in lists.determiners:
                inside_name = bool(name) and k not in taken and word[:1].isupper() and k + 1 < b and \
                    words.written[k + 1][:1].isupper() and words.folded[k + 1] not in lists.title_words
                if inside_name:
                    name.append(low)  # "Hassan Sheikh Mohamud"
                    continue
                if name:
                    break
                continue
            connector = bool(name) and low in lists.name_connectors and k + 1 < b and \
                words.written[k + 1][:1].isupper()
            if word[:1].isupper() or connector:
                name.append(low)
            elif name:
                break
        while name and name[-1] in lists.name_connectors:
            name.pop()
        return tuple(name) if any(w not in lists.name_connectors for w in name) else ()

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
        ministry"), the state of the line's own dateline or label first, and
        of the page's dateline last.
        """
        if previous is not None:
            return previous
        if not titles & self.lists.government_words:
            return None
        if self.place is not None and not named:
            return self.place
        for group in (self.heading, self.issuer, self.recent) if named else (self.heading, self.issuer):
            entities = {s.entity.id: s.entity for s in group if s.entity is not None}
            if len(entities) == 1:
                return next(iter(entities.values()))
        return None if named else self.home

    def _pronoun(self, word: str, span: tuple[str, int, int], nearby: list[Speaker]) -> Speaker | None:
        """The speaker a pronoun stands for: "we" the issuer, "he"/"she" a person, "it"/"they" an institution."""
        lists = self.lists
        if word in lists.first_person:
            source = self.issuer or self.heading
            target = source[0] if source else None
        elif word in lists.person_pronouns:
            target = self._antecedent("f" if word == "she" else "m", nearby, person=True)
        elif self.recent and not nearby and self.recent[-1].entity is not None and len(
                {s.entity.id for s in self.recent if s.entity is not None}) == 1:
            target = self.recent[-1]  # "..., Kirby said in a statement. ... it added."
        else:
            target = self._antecedent(None, nearby, person=False)
        if target is None or target.entity is None:
            return None
        return _restated(target, span)

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
        """The folded tokens of a name, the form :meth:`register` keeps (see :func:`.gazetteer.name_key`).

        Parameters
        ----------
        text : str
            A person's name as written.

        Returns
        -------
        tuple of str
            Its folded tokens.
        """
        return name_key(text)
