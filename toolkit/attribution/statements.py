"""Statement attribution: split news articles into statements by the actors who made them.

Rule-based, with no downloaded model. Each paragraph is split into sentences
(:func:`toolkit.text.tokens.sentence_breaks`) and quotations (curly or straight
marks; a mark left open closes at the end of its sentence). In each sentence:

1. *Cues* are reporting verbs outside quotations (``said``, ``condemned``,
   ``conveyed``, ``reaffirmed``, ...; :data:`toolkit.attribution.words.REPORTING_VERBS`)
   and "according to". Participles (``saying``, ``expressing``) continue the
   statement before them; passives ("claimed by") and verbs inside names
   ("United States") are not cues.
2. The *source* of a cue is the noun phrase just before it, skipping adverbs
   ("also", "had similarly") and parenthetical clauses (", while condemning
   the attack,"), or just after it when inverted ("said the ministry"), or the
   phrase after "according to".
3. The source is resolved to actors with the gazetteer
   (:class:`toolkit.attribution.gazetteer.Gazetteer`): a coordinated list ("Canada, the
   Maldives, and Sweden") gives one statement per actor; a place after "in"
   ("the Chinese Embassy in Islamabad") is a location, not the speaker;
   officials named by title ("Interior Minister Mohsin Naqvi") speak for the
   article's home state, read from its dateline ("ISLAMABAD:"); "he", "it",
   "the embassy", "the interior minister" and a repeated surname refer back
   to the last matching speaker of the paragraph (of the article for
   surnames). News media ("According to Reuters") are never actors.
4. The *content* is the rest of the clause after the cue, up to the next
   source in the sentence, or, when the cue ends the sentence ("..., the
   embassy said."), the words before the source. A sentence that is only a
   quotation continues the statement of the sentence before it.

Sentences without a cue and a source (background, the reporter's own words)
give no statement. A source that cannot be resolved gives a statement with
an empty ``actor_id`` and ``actor_type`` "unknown".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from ..text.corpus import Corpus, Document, Statement
from ..text.normalize import fold_for_tokens
from ..text.tokens import sentence_breaks, split_tokens
from ..validation import check_corpus, check_parameter
from .gazetteer import Entity, Gazetteer, Mention
from .words import (
    ADVERBIALS,
    GOVERNMENT_WORDS,
    PERSON_TITLES,
    PRONOUNS,
    REPORTING_VERBS,
    SUBORDINATORS,
    TITLE_WORDS,
    TRAILING_WORDS,
)

__all__ = ["ATTRIBUTION_COLUMNS", "Attribution", "attribute_statements"]

ATTRIBUTION_COLUMNS = ["doc_id", "statement_id", "actor", "actor_id", "actor_type", "speaker", "cue", "content",
                       "quoted", "start", "end"]
_OPEN = "“«„‘"
_CLOSE = "”»’"
_STRAIGHT = '"'
_QUOTES = _OPEN + _CLOSE + _STRAIGHT
_CONNECTORS = {"the", "of", "for", "in", "at", "to", "on", "s", "and"}
_LOCATION_PREPOSITIONS = {"in", "at", "to", "from"}
_OTHERS = {"countries", "nations", "states", "governments", "organizations", "organisations", "members",
           "partners", "leaders", "allies"}
_PASSIVE = {"was", "were", "been", "being", "is", "are", "be"}
_NOUN_BEFORE = {"the", "a", "an", "member", "these", "those", "its", "their", "his", "her", "our", "all", "other",
                "some", "many", "several", "key", "main"}
_DATELINE = re.compile(r"\A\s*([A-Z][A-Z .'’-]{1,40}?)(?:\s*,[^:\n]{0,60})?\s*(?::|—|–|\s-\s)")


@dataclass
class _Speaker:
    entity: Entity | None
    actor_type: str
    name: str | None  # the actor's canonical name (or the speaker words when unresolved)
    words: str  # the speaker as written
    start: int  # character offsets of the speaker words in the document
    end: int
    person: bool = False


@dataclass
class Attribution:
    """The result of :func:`attribute_statements`.

    Attributes
    ----------
    corpus : Corpus
        The documents, each with its attributed statements (so that
        ``find_matches`` and ``count_matches(..., by="actor")`` count per actor).
    table : pandas.DataFrame
        One row per statement (:data:`ATTRIBUTION_COLUMNS`): source
        (``actor``, ``actor_id``, ``actor_type``, ``speaker``), ``cue`` and
        ``content``, ``quoted``, and the statement's span in its document.
    """

    corpus: Corpus
    table: pd.DataFrame = field(repr=False)


class _Article:
    """One document being attributed: its text, tokens, home state and speakers so far."""

    def __init__(self, doc: Document, gazetteer: Gazetteer):
        self.doc = doc
        self.text = doc.text
        self.gazetteer = gazetteer
        self.home = self._dateline()
        dateline = _DATELINE.match(self.text)
        self.dateline_end = dateline.end() if dateline is not None and self.home is not None else 0
        self.persons: dict[str, _Speaker] = {}
        self.rows: list[dict] = []
        self.history: list[_Speaker] = []  # every speaker so far, in order
        self.last: list[_Speaker] = []  # the current paragraph's speakers

    def _dateline(self) -> Entity | None:
        found = _DATELINE.match(self.text)
        if found is None:
            return None
        entity = self.gazetteer.lookup(found.group(1).strip())
        return entity if entity is not None and entity.type == "state" else None

    # -- tokens ---------------------------------------------------------------
    def run(self) -> list[dict]:
        for m in re.finditer(r"[^\r\n]+", self.text):
            if m.group().strip():
                self._paragraph(m.start(), m.end())
        return self.rows

    def _paragraph(self, begin: int, end: int) -> None:
        text = self.text[begin:end]
        folded = fold_for_tokens(text)
        folded_tokens, starts, ends = split_tokens(folded.text)
        if not folded_tokens:
            return
        starts, ends = folded.spans_to_original(starts, ends)
        self.p_begin = begin
        self.p_text = text
        self.words = [text[a:b] for a, b in zip(starts.tolist(), ends.tolist())]
        self.folded = folded_tokens
        self.starts, self.ends = starts.tolist(), ends.tolist()
        self.quoted = self._quotes(text)
        self.mentions = self.gazetteer.find(self.words)
        self.mention_at = {}
        for mention in self.mentions:
            for k in range(mention.start, mention.end):
                self.mention_at[k] = mention
        self.last = []
        breaks = [0] + sentence_breaks(text, self.folded, starts, ends) + [len(self.words)]
        for a, b in zip(breaks, breaks[1:]):
            self._sentence(a, b)

    def _quotes(self, text: str) -> list[bool]:
        """For each token, whether it lies inside a quotation (unpaired marks close at their sentence's end)."""
        regions = []
        opened = None
        for k, char in enumerate(text):
            if char not in _QUOTES or (char == "’" and 0 < k < len(text) - 1 and text[k - 1].isalnum()
                                       and text[k + 1].isalnum()):
                continue  # an apostrophe inside a word
            if opened is None and (char in _OPEN or char == _STRAIGHT):
                opened = k
            elif opened is not None and (char in _CLOSE or char == _STRAIGHT):
                regions.append((opened, k + 1))
                opened = None
        if opened is not None:
            stop = re.compile(r"[.!?](?=\s|$)").search(text, opened)
            regions.append((opened, stop.end() if stop else len(text)))
        self.quote_regions = regions
        return [any(a <= s < b for a, b in regions) for s in self.starts]

    def _sep(self, k: int) -> str:
        """The text between tokens k - 1 and k."""
        return self.p_text[self.ends[k - 1]:self.starts[k]]

    def _offset(self, k: int) -> int:
        return self.p_begin + self.starts[k]

    def _end_offset(self, k: int) -> int:
        return self.p_begin + self.ends[k]

    # -- cues and sources ------------------------------------------------------
    def _cues(self, a: int, b: int) -> list[tuple[int, int, bool]]:
        """(first token, last token + 1, is 'according to') of every cue in tokens [a, b)."""
        cues = []
        for k in range(a, b):
            word, low = self.words[k], self.folded[k]
            if self.quoted[k] or k in self.mention_at:
                continue
            if low == "according" and k + 1 < b and self.folded[k + 1] == "to":
                cues.append((k, k + 2, True))
            elif low in REPORTING_VERBS and word[:1].islower():
                before = self.folded[k - 1] if k > a else ""
                after = self.folded[k + 1] if k + 1 < b else ""
                if before in _PASSIVE or after == "by" or before in _NOUN_BEFORE:
                    continue
                cues.append((k, k + 1, False))
        return cues

    def _is_actor_mention_end(self, k: int) -> bool:
        mention = self.mention_at.get(k)
        return mention is not None and mention.end == k + 1 and mention.entity.type != "media"

    def _source_left(self, cue: int, floor: int) -> tuple[int, int]:
        """Token range of the noun phrase that ends just before ``cue`` (empty if none)."""
        k = cue - 1
        while k >= floor and not self.quoted[k] and (self.folded[k] in ADVERBIALS or
                                                     (self.folded[k].endswith("ly") and self.words[k].islower())):
            if any(q in self._sep(k + 1) for q in _QUOTES + ","):
                break
            k -= 1
        # ", while condemning the attack," between the subject and its verb
        if k >= floor and "," in self._sep(k + 1):
            j = k
            while j > floor and "," not in self._sep(j):
                j -= 1
            if j > floor and self.folded[j] in SUBORDINATORS:
                k = j - 1
        # "Indonesia, Malaysia and other countries": the tail is not an actor
        if k - 2 >= floor and self.folded[k] in _OTHERS and self.folded[k - 1] == "other" and \
                self.folded[k - 2] in ("and", "among", "with"):
            k -= 3
        end = k + 1
        start = end
        if k >= floor and self.folded[k] in PRONOUNS and not self.quoted[k]:
            return k, end
        while k >= floor:
            if self.quoted[k] or any(q in self._sep(k + 1) for q in _QUOTES) and k + 1 < end or \
                    self._offset(k) < self.dateline_end:
                break
            sep = self._sep(k + 1) if k + 1 < end else ""
            word, low = self.words[k], self.folded[k]
            if "," in sep or low == "and":
                # continue only along a list of actors
                first = start
                while first < end and self.folded[first] in ("the", "and"):
                    first += 1
                head = self.mention_at.get(first) if first < end else None
                prev = k if low != "and" else k - 1
                if head is None or prev < floor or not self._is_actor_mention_end(prev) or \
                        (low == "and" and "," in sep):
                    break
                if low == "and":
                    start = k
                    k -= 1
                    continue
            if k in self.mention_at or low in TITLE_WORDS or word[:1].isupper() or low in _CONNECTORS:
                start = k
                k -= 1
                continue
            break
        while start < end and self.folded[start] in _CONNECTORS - {"the"}:
            start += 1
        return start, end

    def _source_right(self, first: int, b: int) -> tuple[int, int]:
        """The noun phrase right after a cue ("said the ministry")."""
        k = first
        while k < b and not self.quoted[k] and (k == first or not any(c in self._sep(k) for c in ",;:" + _QUOTES)):
            if k in self.mention_at or self.folded[k] in TITLE_WORDS or self.words[k][:1].isupper() or \
                    self.folded[k] in _CONNECTORS:
                k += 1
                continue
            break
        start, end = first, k
        while end > start and self.folded[end - 1] in _CONNECTORS:
            end -= 1
        return start, end

    # -- resolution -----------------------------------------------------------
    def _speaker(self, entity: Entity | None, actor_type: str, name: str | None, a: int, b: int,
                 person: bool = False) -> _Speaker:
        end = self.ends[b - 1]
        words = self.p_text[self.starts[a]:end]
        if words.count("(") > words.count(")") and self.p_text[end:end + 1] == ")":
            end += 1  # "The Organization of Islamic Cooperation (OIC)"
        return _Speaker(entity, actor_type, name, self.p_text[self.starts[a]:end], self._offset(a),
                        self.p_begin + end, person)

    def _resolve(self, a: int, b: int) -> list[_Speaker]:
        """The actors a source phrase (tokens [a, b)) stands for; [] when it is not an actor."""
        mentions = [m for m in self.mentions if a <= m.start and m.end <= b]
        if any(m.entity.type == "media" for m in mentions):
            mentions = [m for m in mentions if m.entity.type != "media"]
            if not mentions:
                return []
        places = [m for m in mentions if m.start > a and self.folded[m.start - 1] in _LOCATION_PREPOSITIONS]
        owners = [m for m in mentions if m not in places] or places
        if owners:
            return self._from_mentions(owners, a, b)
        low = [self.folded[k] for k in range(a, b)]
        content = [w for w in low if w != "the"]
        if len(content) == 1 and content[0] in PRONOUNS:
            return self._refer_back(content[0], a, b)
        titled = [w for w in content if w in TITLE_WORDS]
        names = [k for k in range(a, b) if self.words[k][:1].isupper() and self.folded[k] not in TITLE_WORDS
                 and self.folded[k] not in _CONNECTORS]
        if names and not titled:  # a surname or a name said again
            for k in names:
                known = self.persons.get(self.folded[k])
                if known is not None:
                    return [self._speaker(known.entity, known.actor_type, known.name, a, b, person=True)]
            return [self._speaker(None, "person", self.p_text[self.starts[a]:self.ends[b - 1]], a, b, person=True)]
        if low and low[0] == "the" and not names:  # "the embassy", "the interior minister"
            earlier = self._described(content)
            if earlier is not None:
                return [self._speaker(earlier.entity, earlier.actor_type, earlier.name, a, b, earlier.person)]
        if titled and any(w in GOVERNMENT_WORDS for w in titled) and self.home is not None:
            speaker = self._speaker(self.home, "state", self.home.name, a, b,
                                    person=any(w in PERSON_TITLES for w in titled))
            self._remember_person(names, speaker)
            return [speaker]
        if not titled and not names:
            return []
        speaker = self._speaker(None, "person" if names else "unknown",
                                self.p_text[self.starts[a]:self.ends[b - 1]] if names else None, a, b,
                                person=bool(names))
        self._remember_person(names, speaker)
        return [speaker]

    def _remember_person(self, names: list[int], speaker: _Speaker) -> None:
        if names:
            self.persons[self.folded[names[-1]]] = speaker

    def _from_mentions(self, owners: list[Mention], a: int, b: int) -> list[_Speaker]:
        """One speaker per entity named; a single entity's speaker words are the whole phrase."""
        unique: dict[str, Mention] = {}
        for mention in owners:
            unique.setdefault(mention.entity.id, mention)
        titled = any(self.folded[k] in PERSON_TITLES for k in range(a, b))
        if len(unique) == 1:
            entity = next(iter(unique.values())).entity
            speakers = [self._speaker(entity, entity.type, entity.name, a, b, titled)]
        else:  # a list: each member's words are its own name, with its article
            speakers = []
            for mention in unique.values():
                first = mention.start - (mention.start > a and self.folded[mention.start - 1] == "the")
                speakers.append(self._speaker(mention.entity, mention.entity.type, mention.entity.name, first,
                                              mention.end, titled))
        names = [k for k in range(a, b) if self.words[k][:1].isupper() and k not in self.mention_at
                 and self.folded[k] not in TITLE_WORDS and self.folded[k] not in _CONNECTORS]
        if len(speakers) == 1 and names:
            self._remember_person(names, speakers[0])
        return speakers

    def _refer_back(self, pronoun: str, a: int, b: int) -> list[_Speaker]:
        # The paragraph's speakers; at the start of a paragraph, the article's.
        candidates = self.last or self.history[-1:]
        if pronoun in ("he", "she"):
            people = [s for s in candidates if s.person]
            candidates = people or candidates
        elif pronoun == "it":
            things = [s for s in candidates if not s.person]
            candidates = things or candidates
        if not candidates:
            return []
        chosen = candidates[-1]
        return [self._speaker(chosen.entity, chosen.actor_type, chosen.name, a, b, chosen.person)]

    def _described(self, words: list[str]) -> _Speaker | None:
        for speaker in reversed(self.history):
            said = set(re.findall(r"[^\W_]+", speaker.words.casefold()))
            if words and all(w in said for w in words):
                return speaker
        return None

    # -- sentences ------------------------------------------------------------
    def _sentence(self, a: int, b: int) -> None:
        cues = self._cues(a, b)
        found = []  # (source start, source end, cue first, cue end, speakers, inverted)
        floor = a
        for first, end, according in cues:
            if according:
                s, e = self._source_right(end, b)
                speakers = self._resolve(s, e) if e > s else []
                if speakers:
                    found.append((s, e, first, end, speakers, True))
                floor = max(floor, e)
                continue
            s, e = self._source_left(first, floor)
            inverted = False
            if e <= s and (first == a or any(q in self._sep(first) for q in _QUOTES + ",")):
                s, e = self._source_right(first + 1, b)
                inverted = True
            if e <= s:
                continue
            if found and not inverted and e - s == 1 and self.folded[s] in PRONOUNS:
                continue  # "X said that it condemned ...": reported words of X, not a new statement
            speakers = self._resolve(s, e)
            if speakers:
                found.append((s, e, first, end, speakers, inverted))
                floor = max(floor, (e if inverted else end))
        if not found:
            self._continuation(a, b)
            return
        for index, (s, e, first, end, speakers, inverted) in enumerate(found):
            next_start = found[index + 1][0] if index + 1 < len(found) else b
            after_cue = (e if inverted else end)
            rest = [k for k in range(after_cue, next_start) if self.folded[k] not in ADVERBIALS]
            only_adverbial = not rest or self._trailing(after_cue, next_start)
            lead = self._leading_quote(found[index - 1][3] if index > 0 else a, min(s, first))
            if only_adverbial:  # "<content>, X said." : the content comes first
                begin = found[index - 1][3] if index > 0 else a
                content = [(self._opening(begin), self.p_begin + self._content_end_before(min(s, first)))]
                span_end = max(content[0][1], self._end_offset(max(e, end) - 1))
            else:
                last = next_start - 1
                while last > after_cue and self.folded[last] in SUBORDINATORS | {"and", "but", "whereas"}:
                    last -= 1
                content = [(self._opening(after_cue), self._clause_end(last))]
                if lead is not None:
                    content.insert(0, lead)
                span_end = content[-1][1]
            cue_words = self.p_text[self.starts[first]:self.ends[end - 1]]
            for speaker in speakers:
                start = min(speaker.start, content[0][0])
                self._emit(speaker, cue_words, content, start, span_end)

    def _opening(self, k: int) -> int:
        """Document offset where the content beginning at token k begins, an opening quote mark included."""
        position = self.starts[k]
        while position > 0 and self.p_text[position - 1] in _OPEN + _STRAIGHT:
            position -= 1
        if self.p_begin == 0 and self.home is not None:  # the content starts after the dateline
            dateline = _DATELINE.match(self.text)
            if dateline is not None and dateline.end() > position:
                position = dateline.end()
                while position < len(self.p_text) and self.p_text[position] == " ":
                    position += 1
        return self.p_begin + position

    def _leading_quote(self, begin: int, source: int) -> tuple[int, int] | None:
        """The quotation that opens the sentence and ends just before its source ("“...,” the minister said")."""
        if source <= begin or not all(self.quoted[k] for k in range(begin, source)):
            return None
        if not any(q in self._sep(source) for q in _CLOSE + _STRAIGHT):
            return None
        return self._opening(begin), self.p_begin + self._content_end_before(source)

    def _trailing(self, start: int, stop: int) -> bool:
        """Whether tokens [start, stop) are only a short adverbial tail ("on Monday", "in a statement")."""
        words = self.folded[start:stop]
        return len(words) <= 4 and all(w in ADVERBIALS or w in _CONNECTORS or w in TRAILING_WORDS for w in words)

    def _content_end_before(self, k: int) -> int:
        """End (paragraph offset) of the content that precedes token k, dropping the comma before the source."""
        position = self.starts[k]
        while position > 0 and self.p_text[position - 1] in " ,\u00a0\t":
            position -= 1
        return position

    def _clause_end(self, k: int) -> int:
        """End of the clause whose last token is k: closing quotes and final punctuation included."""
        end = self.ends[k]
        following = self.p_text[end:end + 4]
        m = re.match(r"[.!?,;:]*[" + re.escape(_CLOSE + _STRAIGHT) + r"]*[.!?]?", following)
        return self.p_begin + end + (m.end() if m else 0)

    def _continuation(self, a: int, b: int) -> None:
        """A sentence that is only a quotation continues the statement before it."""
        if not self.last or not all(self.quoted[k] for k in range(a, b)):
            return
        content = (self._offset(a) - (1 if self._offset(a) > self.p_begin and
                                      self.text[self._offset(a) - 1] in _QUOTES else 0),
                   self._clause_end(b - 1))
        for speaker in list(self.last):
            self._emit(speaker, "", [content], content[0], content[1], continuing=True)

    def _emit(self, speaker: _Speaker, cue: str, content: list[tuple[int, int]], start: int, end: int,
              continuing: bool = False) -> None:
        text = " ".join(self.text[a:b].strip() for a, b in content)
        quoted = any(self.p_begin + qa < b and a < self.p_begin + qb
                     for a, b in content for qa, qb in self.quote_regions)
        if not continuing:
            self.history.append(speaker)
            self.last = [s for s in self.last if s.entity is None or s.entity != speaker.entity] + [speaker]
        self.rows.append({
            "actor": speaker.name, "actor_id": speaker.entity.id if speaker.entity else None,
            "actor_type": speaker.actor_type if speaker.entity or speaker.actor_type != "person" else "person",
            "speaker": speaker.words or None, "cue": cue or None, "content": text, "quoted": quoted,
            "start": start, "end": end,
        })


def _attribute_document(doc: Document, gazetteer: Gazetteer) -> tuple[Document, list[dict]]:
    rows = sorted(_Article(doc, gazetteer).run(), key=lambda r: (r["start"], r["end"]))
    statements = []
    for k, row in enumerate(rows, start=1):
        row["doc_id"] = doc.id
        row["statement_id"] = f"{doc.id}:{k}"
        statements.append(Statement(
            id=row["statement_id"], doc_id=doc.id, text=doc.text[row["start"]:row["end"]], start=row["start"],
            end=row["end"], actor=row["actor"], actor_id=row["actor_id"], date=doc.date, year=doc.year,
            source=doc.source,
        ))
    attributed = Document(doc.id, doc.text, source=doc.source, actor=doc.actor, actor_id=doc.actor_id,
                          date=doc.date, year=doc.year, meta=doc.meta, statements=tuple(statements))
    return attributed, rows


def attribute_statements(corpus: Corpus | Iterable[Document], gazetteer: Gazetteer) -> Attribution:
    """Split each document into statements by the actors who made them.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        News articles, one per document.
    gazetteer : Gazetteer
        The actors to recognise; :func:`toolkit.io.default_gazetteer` has
        every UN member and observer state and the common organisations.

    Returns
    -------
    Attribution
        ``.corpus`` (the documents with their statements) and ``.table``.

    Examples
    --------
    >>> from toolkit import Entity, Gazetteer
    >>> g = Gazetteer([Entity("CAN", "Canada", "state"), Entity("SWE", "Sweden", "state")])
    >>> doc = Document("d", "Canada and Sweden also conveyed condolences.")
    >>> attribute_statements([doc], g).table[["actor_id", "speaker", "cue", "content"]].values.tolist()
    [['CAN', 'Canada', 'conveyed', 'condolences.'], ['SWE', 'Sweden', 'conveyed', 'condolences.']]
    """
    check_corpus(corpus, "attribute_statements")
    check_parameter("gazetteer", type(gazetteer).__name__, "attribute_statements", "a Gazetteer",
                    isinstance(gazetteer, Gazetteer))
    documents, rows = [], []
    for doc in corpus:
        attributed, found = _attribute_document(doc, gazetteer)
        documents.append(attributed)
        rows.extend(found)
    table = pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)
    table["quoted"] = table["quoted"].astype(bool)
    return Attribution(Corpus(tuple(documents), skipped=tuple(getattr(corpus, "skipped", ()))), table)
