"""Reading an intensity cue on a dependency parse: whose reaction it is, and what governs it.

The rules of :mod:`toolkit.analysis.intensity` find the cues of a scale in the
text ("condemn", "strongly", "deplore") and read the words around them. Who
condemns, and whether a governing word takes the condemnation back, is a
matter of the sentence's structure, which a window of words misreads: the
subject of a cue four words away, the agent of a passive at any distance, a
possessor, the antecedent of a relative clause, "failed to condemn" with the
negative five words before the cue. :func:`read_cue` reads one cue on the
parse that attribution already made (a spaCy sentence ``Span``, passed in;
nothing here loads a pipeline) and says:

* ``own``: whether the cue is the speaker's own reaction (the subject, the
  agent of a passive, the possessor of a noun cue or the owner of the light
  verb that governs it, the antecedent of a relative clause, a call word's
  subject); ``None`` when the parse says nothing decisive, so that the caller
  keeps its rules' answer. The parse overrides the rules only when it finds
  an owner that is clearly not the speaker (or one that is).
* ``negated``: negations on the cue's head chain, counted so that two affirm
  ("cannot fail to condemn").
* ``disclaimed``: a ritual, mere or empty condemnation, one that has been
  exhausted or cannot take the place of something.
* ``doom``: the sense "condemn X to poverty", or a situation as the subject
  ("the misery that condemns so many").
* ``governed``: a call or duty ("It is the duty of ... to condemn") or a
  counterfactual ("tantamount to condemning").
* ``intensifiers``: the intensifiers that the parse attaches to the cue.

:func:`evaluative_judgements` finds the adjectives that judge an act ("a
callous crime", "the attack was sickening", "It is outrageous that ...") with
the parse and a shipped sentiment lexicon (VADER's, from the
``vaderSentiment`` package) filtered by the codebook's stop lists.

The word lists are data, ``toolkit/data/intensity_parse.yaml``, read through
:func:`toolkit.io.shipped.word_lists` on first use (:func:`parse_words`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ..errors import MissingDependency
from ..io.shipped import word_lists
from ..validation import check_parameter

__all__ = ["CueReading", "read_cue", "evaluative_judgements", "parse_words", "sentiment_lexicon",
           "is_judgement"]

#: Relations through which the owner of a verb cue is inherited from its head ("denounce and condemn",
#: "decided to condemn", "reacted by condemning", "have been unanimous in condemning").
_INHERIT = frozenset({"conj", "xcomp", "advcl", "pcomp", "acomp", "prep", "ccomp", "oprd"})
#: Relations through which a negation or a negative implicative of the head reaches the cue.
_NEGATION_SCOPE = frozenset({"xcomp", "conj", "pcomp", "pobj", "prep", "dobj", "attr", "acomp", "oprd", "appos",
                             "acl"})
#: Relations that leave a noun phrase for the word that governs it (the clause's verb).
_NOMINAL = frozenset({"conj", "pobj", "prep", "nsubj", "nsubjpass", "dobj", "compound", "appos", "attr", "npadvmod"})
#: Children left out of a phrase that names an owner (its clauses, appositions and other conjuncts).
_PHRASE_SKIP = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "prep", "advcl", "ccomp", "parataxis",
                          "case"})
#: Prepositions that introduce the members of an owner ("the international community, including Kenya").
_MEMBERS = frozenset({"including", "like", "among"})
#: Possessive pronouns and the personal pronoun the speaker test knows.
_POSSESSIVE = MappingProxyType({"our": "we", "my": "i", "their": "they", "his": "he", "her": "she", "its": "it"})
_SUBJECTS = frozenset({"nsubj", "csubj"})
#: Possessives that name no one by themselves: their owner is the clause subject, or no one.
_BARE_POSSESSIVES = frozenset({"its", "their"})
_RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
_MAX_CLIMB = 12
#: Entities that can call for a condemnation (a situation that "calls for" one is the speaker's judgement).
_AGENT_ENTITIES = frozenset({"ORG", "GPE", "NORP", "PERSON"})
#: At most this many words from "to" to the state noun of the doom sense ("to a life of poverty").
_DOOM_REACH = 4


@dataclass(frozen=True)
class CueReading:
    """What the parse says about one cue.

    Parameters
    ----------
    own : bool or None
        True: the speaker's own reaction; False: another's (a subject, passive agent or possessor that is
        not the speaker, an agentless passive or participle reporting a condemnation, a relative clause
        whose antecedent is another body); None: the parse says nothing decisive (the caller keeps its
        rules' answer).
    negated : bool
        An odd number of negations on the cue's head chain (``neg`` dependents, "without", negative
        implicatives such as "failed to", "refused to").
    disclaimed : bool
        The condemnation is disclaimed ("a ritual condemnation", "condemnations have been exhausted",
        "cannot take the place of", "not one of ... condemnation").
    doom : bool
        The doom sense ("condemn millions to poverty", "the misery that condemns so many").
    governed : str or None
        "call" (a call, duty, hope or obligation governs the cue), "counterfactual" ("tantamount to
        condemning": not a condemnation), or None.
    intensifiers : tuple of int
        Indices of the intensifiers the parse attaches to the cue, relative to the sentence span passed to
        :func:`read_cue` (``sentence[k]`` is the word; ``sentence.start + k`` its index in the Doc).
    why : str
        A short reason for the evidence column ("subject: the Security Council").
    owner : str or None
        The words of the phrase the reading gave the cue to, as written ("the Secretary-General", the
        subject, the agent of a passive, the possessor, the antecedent of a relative clause or the subject
        of a call); None when it found none (an agentless passive or participle, or no owner at all).
    """

    own: bool | None
    negated: bool = False
    disclaimed: bool = False
    doom: bool = False
    governed: str | None = None
    intensifiers: tuple[int, ...] = ()
    why: str = ""
    owner: str | None = None


@functools.cache
def parse_words() -> Mapping[str, frozenset[str]]:
    """The word lists of the parse reading (``toolkit/data/intensity_parse.yaml``), read once.

    Returns
    -------
    mapping of str to frozenset of str
        Each list's name and its words.

    Examples
    --------
    >>> "attack" in parse_words()["act_nouns"]
    True
    >>> "fail" in parse_words()["negative_implicatives"]
    True
    """
    return word_lists("intensity_parse")


def _threshold() -> float:
    """The mean VADER rating at or below which a word is a strong negative judgement."""
    (value,) = parse_words()["judgement_threshold"]
    return float(value)


@functools.cache
def sentiment_lexicon() -> Mapping[str, float]:
    """VADER's sentiment lexicon (word -> mean rating from -4 to +4), shipped in the ``vaderSentiment`` package.

    Returns
    -------
    mapping of str to float
        The lexicon, read once from the installed package (MIT licence).

    Raises
    ------
    MissingDependency
        When ``vaderSentiment`` is not installed.
    """
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - installed with the toolkit
        raise MissingDependency("evaluative judgements of an act", "vaderSentiment", "vaderSentiment==3.3.2") from None
    return MappingProxyType({str(k): float(v) for k, v in SentimentIntensityAnalyzer().lexicon.items()})


def is_judgement(word: str, *, lexicon: Mapping[str, float] | None = None) -> bool:
    """Whether a word is a strong negative judgement of an act (not a description, not an affect).

    A word is a judgement when it is on the shipped list of judgements the lexicon lacks, or when the
    lexicon rates it at or below the threshold, and it is on neither the list of descriptive words
    ("deadly", "terrorist") nor the list of affect words ("terrible", "tragic": level 1).

    Parameters
    ----------
    word : str
        The word (any case).
    lexicon : mapping of str to float, optional
        A sentiment lexicon; None for VADER's (:func:`sentiment_lexicon`).

    Returns
    -------
    bool
        True for a judgement.

    Examples
    --------
    >>> is_judgement("callous", lexicon={})
    True
    >>> is_judgement("deadly", lexicon={"deadly": -3.0})
    False
    >>> is_judgement("sickening", lexicon={"sickening": -2.4})
    True
    >>> is_judgement("terrible", lexicon={"terrible": -2.1})
    False
    """
    words = parse_words()
    w = word.lower()
    if w in words["descriptive_words"] or w in words["affect_words"]:
        return False
    if w in words["judgement_words"]:
        return True
    rating = (sentiment_lexicon() if lexicon is None else lexicon).get(w)
    return rating is not None and rating <= _threshold()


# --- phrases and owners -------------------------------------------------------------------------------------
def _collect(token: Any) -> Iterator[Any]:
    yield token
    for child in token.children:
        kept = (child.dep_ == "prep" and child.lower_ == "of") or child.tag_ == "HYPH"  # "Secretary-General"
        if child.dep_ in _PHRASE_SKIP and not kept:
            continue
        yield from _collect(child)


def _phrase(token: Any) -> str:
    """The compact phrase of a noun as written (its modifiers and "of" phrases, without clauses or conjuncts)."""
    words = sorted(_collect(token), key=lambda t: t.i)
    parts = []
    for k, word in enumerate(words):
        joined = k + 1 < len(words) and words[k + 1].i == word.i + 1
        parts.append(word.text_with_ws if joined else word.text + " ")
    return "".join(parts).strip()


def _candidates(token: Any) -> list[str]:
    """The phrases that may name an owner: the phrase, its conjuncts and appositions (a list the parser reads
    as one: "Canada, the Maldives, and Sweden"), its members ("including X")."""
    heads = [token, *token.conjuncts]
    heads += [child for head in list(heads) for child in head.children if child.dep_ == "appos"]
    phrases = []
    for head in heads:
        phrases.append(_phrase(head))
        if head.lower_ in _POSSESSIVE:
            phrases.append(_POSSESSIVE[head.lower_])
        for child in head.children:
            if child.dep_ == "prep" and (child.lower_ in _MEMBERS or child.lower_ == "of"):
                for member in child.children:
                    if member.dep_ == "pobj":
                        phrases += [_phrase(m) for m in (member, *member.conjuncts)]
    return phrases


def _possessed_by_subject(token: Any) -> Any:
    """The clause subject a bare possessive "its"/"their" stands for ("Barbados remains resolute in its
    rejection": Barbados); None when the clause has no other subject."""
    if token.dep_ != "poss" or token.lower_ not in _BARE_POSSESSIVES:
        return None
    subject, _ = _subject(_clause_word(token.head))
    return None if subject is None or subject.i == token.i or subject.lower_ in _BARE_POSSESSIVES else subject


def _through_antecedent(subject: Any) -> Any:
    """The owner of a relative clause whose antecedent is what a subject is or joins: "X were among the
    leaders who condemned", "X is the country that condemned", "we join the countries that condemned": X."""
    if subject.dep_ == "pobj" and subject.head.lower_ in _MEMBERS:
        verb = subject.head.head
    elif subject.dep_ in ("attr", "dobj"):
        verb = subject.head
    else:
        return subject
    if not _forms(verb) & parse_words()["sharing_verbs"] or verb.pos_ not in ("VERB", "AUX"):
        return subject
    owner, _ = _subject(verb)
    return subject if owner is None or owner.lower_ in parse_words()["undecided_subjects"] else owner


def _owner(token: Any, speaker: Callable[[str], bool]) -> bool | None:
    """True when a phrase names the speaker, False when it names another, None when it cannot say."""
    if token.lower_ in parse_words()["undecided_subjects"] or token.pos_ == "DET":
        return None
    if token.dep_ == "poss" and token.lower_ in _BARE_POSSESSIVES:
        subject = _possessed_by_subject(token)
        return None if subject is None else _owner(subject, speaker)
    if any(speaker(p) for p in _candidates(token)):
        return True
    if token.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "X"):
        return None
    return False


def _resolve(subject: Any) -> Any:
    """A relative pronoun's antecedent ("resolution 40/61, which expresses ..."), else the subject itself."""
    verb = subject.head
    if subject.tag_ in _RELATIVE_TAGS or (subject.lower_ == "that" and verb.dep_ == "relcl"):
        while verb.dep_ == "conj":
            verb = verb.head
        if verb.dep_ == "relcl":
            return verb.head
    return subject


def _forms(token: Any) -> frozenset[str]:
    """The lemma and lower-case forms of a word, with a plural or third-person "s" and a past "ed" taken off.

    The small pipeline's lemmatiser misreads some words ("hopes" as "hop"); a word list matches any form.
    """
    lower = token.lower_
    forms = {token.lemma_.lower(), lower}
    if lower.endswith("s"):
        forms.add(lower[:-1])
    if lower.endswith("ed"):
        forms.update((lower[:-1], lower[:-2]))
    return frozenset(forms)


def _child(token: Any, deps: Iterable[str]) -> Any:
    wanted = frozenset(deps)
    return next((c for c in token.children if c.dep_ in wanted), None)


def _subject(token: Any) -> tuple[Any, str]:
    """The subject of a verb cue, inherited through its head chain; (None, "") when there is none."""
    current = token
    for _ in range(_MAX_CLIMB):
        subject = _child(current, _SUBJECTS)
        if subject is not None:
            resolved = _resolve(subject)
            return (_through_antecedent(resolved), "antecedent") if resolved.i != subject.i else (subject, "subject")
        if current.dep_ not in _INHERIT or current.head.i == current.i:
            break
        current = current.head
        if current.pos_ in ("NOUN", "PROPN") and current.dep_ != "ROOT":
            break
    return None, ""


def _agent(token: Any) -> Any:
    """The "by" phrase's noun of a passive cue or of a passive it is coordinated with."""
    for verb in (token, *token.conjuncts):
        by = _child(verb, ("agent",))
        if by is not None:
            return _child(by, ("pobj",))
    return None


def _has_perfect(token: Any) -> bool:
    current = token
    for _ in range(_MAX_CLIMB):
        if any(c.dep_ == "aux" and c.lemma_ == "have" for c in current.children):
            return True
        if current.dep_ != "conj":
            return False
        current = current.head
    return False


def _modal(token: Any) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in token.children)


def _passive_owner(token: Any) -> tuple[bool | None, str] | None:
    """The owner of an agentless passive or participle cue; None when the cue is not one."""
    passive = _child(token, ("auxpass", "nsubjpass")) is not None
    participle = token.tag_ == "VBN" and not _has_perfect(token) and _child(token, _SUBJECTS) is None
    if not (passive or participle):
        return None
    if _modal(token):
        return None, ""
    auxpass = _child(token, ("auxpass",))
    if auxpass is not None and auxpass.tag_ in ("VBZ", "VBP", "VB"):
        return None, ""  # a present or infinitive passive may be the speaker's own ("such acts are condemned")
    if participle and not passive and token.dep_ in ("acomp", "oprd", "xcomp"):
        return None, ""  # a participle complement ("such governments stand condemned"): the speaker's verdict
    subject = _child(token, ("nsubjpass",))
    return False, f"passive without agent: {_phrase(subject)}" if subject is not None else "participle without agent"


def _verb_owner(token: Any, speaker: Callable[[str], bool]) -> tuple[bool | None, str, Any, Any]:
    """The owner of a verb cue: its agent, its passive, its subject (inherited); the subject and owner tokens."""
    agent = _agent(token)
    if agent is not None:
        return _owner(agent, speaker), f"agent: by {_phrase(agent)}", None, agent
    passive = _passive_owner(token)
    if passive is not None:
        return passive[0], passive[1], None, None
    subject, relation = _subject(token)
    if subject is None:
        return None, "", None, None
    return _owner(subject, speaker), f"{relation}: {_phrase(subject)}", subject, subject


def _noun_owner(token: Any, speaker: Callable[[str], bool]) -> tuple[bool | None, str, Any]:
    """The owner of a noun cue: its possessor, its "by" agent, or the owner of the verb that governs it."""
    possessor = _child(token, ("poss",))
    if possessor is not None:
        return _owner(possessor, speaker), f"possessor: {_phrase(possessor)}", possessor
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            agent = _child(child, ("pobj",))
            if agent is not None:
                return _owner(agent, speaker), f"agent: by {_phrase(agent)}", agent
    head = token
    while head.dep_ == "conj":
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        message = head.head.head  # "words of condemnation", "a message of condemnation"
        possessor = _child(message, ("poss",))
        if possessor is not None:
            return _owner(possessor, speaker), f"possessor: {_phrase(possessor)}", possessor
        head = message
    if head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
        own, why, _, owner = _verb_owner(head.head, speaker) if head.dep_ == "dobj" else (None, "", None, None)
        if head.dep_ == "nsubjpass":
            agent = _agent(head.head)
            if agent is not None:
                own, why, owner = _owner(agent, speaker), f"agent: by {_phrase(agent)}", agent
        if own is not None:
            return own, f"{why} ({head.head.text})", owner
    return None, "", None


# --- governing words ----------------------------------------------------------------------------------------
def _chain(token: Any) -> Iterator[Any]:
    """The cue and the words above it, up to the root, stopping at a relative or adverbial clause's head."""
    current = token
    yield current
    for _ in range(_MAX_CLIMB):
        if current.head.i == current.i or current.dep_ in ("relcl", "advcl"):
            return
        current = current.head
        yield current


def _call_word(token: Any, words: Mapping[str, frozenset[str]]) -> Any:
    """The call word of a chain word: itself, a modal auxiliary, or a predicate noun/adjective ("the duty")."""
    if bool(_forms(token) & words["call_words"]) and token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj"):
        return token
    for child in token.children:
        if child.dep_ in ("aux", "attr", "acomp", "nsubj") and bool(_forms(child) & words["call_words"]):
            return child
    return None


def _agentive(token: Any) -> bool:
    """Whether a call's subject can call: a named body or person, a personal pronoun, or the speaker's words.

    "The situation calls for condemnation" is the speaker's judgement; "the Council calls for" is the Council's.
    """
    return token.ent_type_ in _AGENT_ENTITIES or token.tag_ == "PRP" or token.lower_ in _POSSESSIVE \
        or any(c.dep_ == "poss" for c in token.children) or token.pos_ == "PROPN"


def _governing(token: Any, speaker: Callable[[str], bool]) -> tuple[str | None, bool | None, str, Any]:
    """The governing word class ("call", "counterfactual" or None), whether a call is the speaker's, why, and
    the call's subject (None when the call is the speaker's by default)."""
    words = parse_words()
    for word in _chain(token):
        forms = _forms(word)
        if forms & words["counterfactual_words"] or (
                forms & words["counterfactual_verbs"] and word.i != token.i
                and any(c.dep_ == "aux" and c.lower_ in words["counterfactual_modals"] for c in word.children)):
            return "counterfactual", None, f"governed: {word.text}", None
        call = _call_word(word, words)
        if call is None or (call.i == word.i == token.i):
            continue
        if call.dep_ == "aux":  # a modal: the speaker's call, unless reported in another's clause
            owner = _subject(word.head)[0] if word.dep_ == "ccomp" else None
        else:
            owner = _subject(word)[0] if word.pos_ in ("VERB", "AUX") else None
        own = _owner(owner, speaker) if owner is not None and _agentive(owner) else None
        return "call", True if own is None else own, f"governed: {call.text}", owner if own is not None else None
    return None, None, "", None


def _phrasal(token: Any) -> frozenset[str]:
    """The forms of a word with its particle ("back:down"), for the phrasal verbs of the word lists."""
    particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
    return frozenset(f"{form}:{p}" for form in _forms(token) for p in particles)


def _affirmed(negation: Any) -> bool:
    """A negation followed by "but" affirms ("cannot but deplore", "could not but condemn")."""
    doc = negation.doc
    return negation.i + 1 < len(doc) and doc[negation.i + 1].lower_ == "but"


def _negations(token: Any, cue: tuple[int, int] = (0, 0)) -> tuple[int, str, bool]:
    """The negations on the cue's head chain, the word of the last one, and whether one negates a copula.

    A negation inside the cue's own characters ``cue`` (the cue "there is no place for") is the cue's.
    """
    words = parse_words()
    count, why, copula = 0, "", False
    current, via = token, ""
    for _ in range(_MAX_CLIMB):
        distributes = via != "conj" or any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in current.children)
        for child in current.children:
            negative = child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no")
            if cue[0] <= child.idx < cue[1] or _affirmed(child):
                continue
            if negative and distributes:
                count, why = count + 1, child.text
                copula = copula or (current.lemma_ == "be" and via in ("attr", "acomp"))
        if current.dep_ not in _NEGATION_SCOPE or current.head.i == current.i:
            break
        via, current = current.dep_, current.head
        implicative = (_forms(current) | _phrasal(current)) & words["negative_implicatives"]
        if current.lower_ in words["negative_prepositions"] or (
                bool(implicative) and via in ("xcomp", "acl", "prep", "pcomp")):
            count, why = count + 1, current.text
    return count, why, copula


def _clause_word(token: Any) -> Any:
    """The verb whose clause holds a noun cue (through its prepositions, conjuncts and subjects)."""
    current = token
    for _ in range(_MAX_CLIMB):
        if current.pos_ in ("VERB", "AUX") or current.dep_ not in _NOMINAL or current.head.i == current.i:
            return current
        current = current.head
    return current


def _disclaimed(token: Any) -> str:
    """The word that disclaims the cue ("ritual", "exhausted", "take the place of"), or ""."""
    words = parse_words()
    for child in token.children:
        if child.dep_ in ("amod", "advmod", "compound") and bool(_forms(child) & words["disclaimer_modifiers"]):
            return child.text
    verb = _clause_word(token) if token.pos_ not in ("VERB", "AUX") else token.head
    if _forms(verb) & words["disclaiming_predicates"]:
        return verb.text
    for child in verb.children:
        pairs = {f"{a}:{b}" for a in _forms(verb) for b in _forms(child)}
        if child.dep_ == "dobj" and pairs & words["disclaiming_phrases"]:
            return f"{verb.text} the {child.text}"
    return ""


def _doom(token: Any, subject: Any) -> str:
    """The doom sense: a state noun after "to" ("to poverty"), or a situation as the subject; else ""."""
    words = parse_words()
    if "condemn" not in _forms(token) or token.pos_ not in ("VERB", "AUX"):
        return ""
    if subject is not None and bool(_forms(subject) & words["situation_subjects"]):
        return f"doom: {subject.text} condemns"
    if any(c.dep_ == "dobj" and _forms(c) & words["act_nouns"] for c in token.children):
        return ""  # an act is condemned, never doomed ("condemning the attacks, ... to supporting ...")
    for child in token.children:  # "condemned to die", "condemned to living in exile"
        if child.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children) \
                and child.i > token.i:
            return f"doom: to {child.text}"
        if child.dep_ == "prep" and child.lower_ == "to" and any(c.dep_ == "pcomp" for c in child.children):
            return f"doom: to {_child(child, ('pcomp',)).text}"
    doc = token.doc
    for noun in token.subtree:
        if noun.i <= token.i or not _forms(noun) & words["doom_states"]:
            continue
        between = doc[token.i + 1:noun.i]
        to = [t.i for t in between if t.lower_ == "to"]
        if any(t.is_punct for t in between) or not to or noun.i - to[-1] > _DOOM_REACH:
            continue
        path, current = [], noun
        while current.i != token.i and current.head.i != current.i:
            path.append(current.dep_)
            current = current.head
        # "to complete futility" may be read as an infinitive (advcl): the state noun after "to" still says doom
        if not {"relcl", "acl", "ccomp"} & set(path):
            return f"doom: to {noun.text}"
    return ""


def _intensifiers(token: Any, sentence: Any, intensifier_words: frozenset[str]) -> tuple[int, ...]:
    """Indices (in the sentence) of the intensifiers the parse attaches to the cue."""
    if not intensifier_words:
        return ()
    deps = ("advmod", "amod", "npadvmod") if token.pos_ in ("NOUN", "PROPN") else ("advmod", "npadvmod", "acomp")
    found: set[int] = set()

    def take(word: Any) -> None:
        if word.lower_ in intensifier_words or word.lemma_.lower() in intensifier_words:
            found.add(word.i)
        for child in word.children:
            if child.dep_ in ("advmod", "conj", "amod"):
                take(child)

    sources = [token]
    if token.dep_ == "conj" and token.head.pos_ == token.pos_:
        sources.append(token.head)  # "strongly denounce and condemn": a modifier before the first verb scopes over both
    for source in sources:
        for child in source.children:
            before = source.i == token.i or child.i < source.i
            if child.dep_ in deps and before:
                take(child)
            elif child.dep_ == "prep" and child.lower_ == "in" and source.i == token.i:
                for word in child.subtree:
                    if word.lower_ in intensifier_words:
                        found.add(word.i)
    return tuple(sorted(i - sentence.start for i in found))


def _cue_token(sentence: Any, start: int, end: int) -> Any:
    """The head token of the cue's characters (the token whose head lies outside them)."""
    tokens = [t for t in sentence if t.idx < end and t.idx + len(t.text) > start]
    check_parameter((start, end), "start, end", owner="read_cue",
                    expected="character offsets that overlap a token of the sentence", ok=bool(tokens))
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])


def read_cue(sentence: Any, start: int, end: int, *, speaker: Callable[[str], bool],
             intensifier_words: frozenset[str] = frozenset()) -> CueReading:
    """Read one intensity cue on the dependency parse of its sentence.

    Parameters
    ----------
    sentence : spacy.tokens.Span
        One sentence of a parsed document.
    start, end : int
        The cue's character offsets in ``sentence.doc.text`` (the ``token.idx`` space), half open.
    speaker : callable
        ``speaker(phrase) -> bool``: True when the phrase names the statement's speaker (the caller builds
        it from the actor's names and the first-person pronouns: "we", "I", "my delegation").
    intensifier_words : frozenset of str, optional
        The scale's intensifier words, lower case; the intensifiers returned are the words of this set that
        the parse attaches to the cue (none when it is empty).

    Returns
    -------
    CueReading
        Whose reaction the cue is, its negation, disclaimer, doom sense, governing word class and
        intensifiers, with a short reason.

    Raises
    ------
    ParameterError
        When the offsets overlap no token of the sentence.
    """
    token = _cue_token(sentence, start, end)
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        own, why, subject, owner = _verb_owner(token, speaker)
    else:
        (own, why, owner), subject = _noun_owner(token, speaker), None
    governed, call_owner, governed_why, caller = _governing(token, speaker)
    if governed == "call":
        own, why, owner = call_owner, governed_why, caller
    elif governed == "counterfactual":
        own, why, owner = None, governed_why, None
    count, negation_why, copula = _negations(token, (start, end))
    disclaimer = _disclaimed(token)
    doom = _doom(token, subject)
    reasons = [why] if why else []
    if count % 2:
        reasons.append(f"negated: {negation_why}")
    elif count:
        reasons.append(f"negations cancel: {negation_why}")
    if disclaimer:
        reasons.append(f"disclaimed: {disclaimer}")
    if doom:
        reasons.append(doom)
    return CueReading(own=own, negated=bool(count % 2), disclaimed=bool(disclaimer) or (copula and count % 2 == 1),
                      doom=bool(doom), governed=governed,
                      intensifiers=_intensifiers(token, sentence, frozenset(intensifier_words)),
                      why="; ".join(reasons), owner=_owner_phrase(owner))


def _owner_phrase(owner: Any) -> str | None:
    """The phrase of the owner token as written; a bare "its"/"their" stands for its clause subject."""
    if owner is None:
        return None
    subject = _possessed_by_subject(owner)
    if subject is not None:
        return _phrase(subject)
    return None if owner.dep_ == "poss" and owner.lower_ in _BARE_POSSESSIVES else _phrase(owner)


# --- evaluative judgements ----------------------------------------------------------------------------------
_TITLE_ENTITIES = frozenset({"ORG", "LAW", "WORK_OF_ART", "EVENT", "FAC"})


def _in_title(token: Any) -> bool:
    """Whether a word is part of a name or title ("Cruel, Inhuman or Degrading Treatment")."""
    capital = token.text[:1].isupper() and token.i != token.sent.start
    return token.tag_ in ("NNP", "NNPS") or capital or token.ent_type_ in _TITLE_ENTITIES


def _adjectival(token: Any) -> bool:
    """An adjective, a participle, or a word the tagger misreads but the parse attaches as one ("cowardly")."""
    if token.tag_.startswith("JJ") or token.tag_ in ("VBG", "VBN") or token.dep_ == "amod":
        return True
    if token.dep_ == "compound" and token.lower_ in parse_words()["judgement_words"]:
        return True  # "evil attacks": a judgement the tagger reads as a noun of a compound
    return token.dep_ == "conj" and (token.head.tag_.startswith("JJ") or token.head.dep_ == "amod")


def _judges_act(token: Any, nouns: frozenset[str]) -> bool:
    """Whether an adjective modifies an act noun or is predicated of one (or of "it"/"this"/"that")."""
    word = token
    while word.dep_ == "conj":
        word = word.head
    head = word.head
    if word.dep_ in ("amod", "compound"):
        return bool(_forms(head) & nouns) and not _in_title(head)
    if word.dep_ in ("acomp", "attr", "oprd"):
        subject = _child(head, ("nsubj", "nsubjpass"))
        if subject is None:
            return False
        if subject.lower_ in ("it", "this", "that"):
            return True
        return bool(_forms(subject) & nouns)
    return False


def evaluative_judgements(sentence: Any, *, act_nouns: Iterable[str] | None = None) -> list[tuple[int, int, str]]:
    """The evaluative judgements of an act in a parsed sentence.

    A judgement is an adjective that modifies an act noun ("a callous crime") or is predicated of one
    ("the attack was sickening", "It is outrageous that ..."), and that is a strong negative judgement
    (:func:`is_judgement`: VADER's lexicon at or below the shipped threshold, or the shipped list of
    judgements the lexicon lacks; not a descriptive word such as "deadly" nor an affect such as
    "terrible"). Words of a name or title ("the Convention against Torture and Other Cruel, Inhuman or
    Degrading Treatment") are not judgements.

    Parameters
    ----------
    sentence : spacy.tokens.Span
        One sentence of a parsed document.
    act_nouns : iterable of str, optional
        The lemmas of the act nouns; None for the shipped list (``act_nouns`` of
        ``toolkit/data/intensity_parse.yaml``).

    Returns
    -------
    list of (int, int, str)
        The start and end character offsets (``token.idx`` space) and the word of each judgement, in
        text order.
    """
    nouns = parse_words()["act_nouns"] if act_nouns is None else frozenset(w.lower() for w in act_nouns)
    found = []
    for token in sentence:
        if not _adjectival(token):
            continue
        if _in_title(token) or not is_judgement(token.text):
            continue
        if _judges_act(token, nouns):
            found.append((token.idx, token.idx + len(token.text), token.text))
    return found
