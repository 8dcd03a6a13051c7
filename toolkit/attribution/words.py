"""The word lists of statement attribution, as data: reporting verbs, titles of office, pronouns.

The rules in :mod:`toolkit.attribution.statements`,
:mod:`toolkit.attribution.speakers` and :mod:`toolkit.attribution.layout`
name no actor, person or phrase of any article: they read the parse, the
word lists of ``toolkit/data/attribution_words.yaml`` and the gazetteer
(``toolkit/data/states.tsv``, ``organizations.tsv``, ``officials.tsv``).
Every list is of lower-case words (lemmas for verbs); the file says what each
one is for.

:func:`attribution_words` reads the file on first use (never at import) and
keeps the lists as an :class:`AttributionWords`. The module constants of
earlier releases (``REPORTING_LEMMAS``, ``TITLE_WORDS``, ...) still work for
one release, with a :class:`FutureWarning` naming the field that replaces them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from types import MappingProxyType

from ..errors import InputError
from ..io.shipped import shipped_path, shipped_text, word_lists
from ..validation import warn_renamed

__all__ = ["AttributionWords", "attribution_words"]

#: The shipped file of the lists, ``toolkit/data/NAME.yaml``.
_FILE = "attribution_words"


@dataclass(frozen=True)
class AttributionWords:
    """The word lists of statement attribution, one field per list of ``toolkit/data/attribution_words.yaml``.

    Build it with :meth:`from_lists` (or get the shipped lists from
    :func:`attribution_words`): two fields are derived from the lists,
    ``reporting_forms`` (every inflected form of the reporting verbs) and
    ``source_nouns`` (the statement nouns and the source words).

    Parameters
    ----------
    reporting_lemmas, publishing_verbs, making_verbs : frozenset of str
        Verbs (lemmas) of statements: reporting verbs, verbs that publish a
        statement, verbs that make one with a statement noun as object.
    irregular_forms : mapping of str to tuple of str
        The irregular forms of reporting verbs (``{"say": ("said",)}``).
    statement_nouns, source_words, headline_openers : frozenset of str
        Nouns of statements, the nouns besides them whose "from X" names an
        owner, and the words besides them that open a headline naming its issuer.
    title_words, office_qualifiers, person_titles, bare_title_words : frozenset of str
        Words of titles of office, the words qualifying an office, the titles
        of one person, and the words of titles that name no organisation.
    government_words, non_government_words : frozenset of str
        Words that make a phrase a government's, or someone else's.
    collective_words, collective_heads, media_words : frozenset of str
        Words of phrases that name no one in particular, and of news media.
    honorifics, female_words, male_words : frozenset of str
        Courtesy titles, and the words that tell a speaker's gender.
    location_prepositions, place_nouns, determiners, epithets : frozenset of str
        Words around places and names that are not the speaker's.
    person_pronouns, group_pronouns, first_person, first_person_words : frozenset of str
        Pronouns of people, of institutions and of an issuer.
    list_words, clause_links, name_connectors : frozenset of str
        Words that join the items of a list, the clauses of speakers, and the
        words of a name.
    months : frozenset of str
        Month names as datelines write them.
    reaction_nouns, list_markers, leadership_words : frozenset of str
        Nouns of reactions whose "from X" names who reacted ("condemnation from
        A and B"); the words after which a sentence lists the actors of its
        cue ("included", "namely"); the words after an organisation that name
        its own leadership, not its members ("EU leaders").
    clause_only_lemmas, part_words : frozenset of str
        Reporting verbs that report only with a clause ("claimed that ...",
        not "claimed responsibility"); nouns of a part of a group ("a faction
        of ...").
    reporting_forms : frozenset of str
        Derived: the reporting lemmas with their regular and irregular forms.
    source_nouns : frozenset of str
        Derived: ``statement_nouns | source_words``.

    Examples
    --------
    >>> lists = attribution_words()
    >>> {"condemned", "said", "says", "saying"} <= lists.reporting_forms
    True
    >>> "source" in lists.source_nouns and "statement" in lists.source_nouns
    True
    """

    reporting_lemmas: frozenset[str]
    irregular_forms: Mapping[str, tuple[str, ...]]
    publishing_verbs: frozenset[str]
    making_verbs: frozenset[str]
    statement_nouns: frozenset[str]
    source_words: frozenset[str]
    headline_openers: frozenset[str]
    title_words: frozenset[str]
    office_qualifiers: frozenset[str]
    person_titles: frozenset[str]
    bare_title_words: frozenset[str]
    government_words: frozenset[str]
    non_government_words: frozenset[str]
    collective_words: frozenset[str]
    collective_heads: frozenset[str]
    media_words: frozenset[str]
    honorifics: frozenset[str]
    female_words: frozenset[str]
    male_words: frozenset[str]
    location_prepositions: frozenset[str]
    place_nouns: frozenset[str]
    determiners: frozenset[str]
    epithets: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    first_person: frozenset[str]
    first_person_words: frozenset[str]
    list_words: frozenset[str]
    clause_links: frozenset[str]
    name_connectors: frozenset[str]
    months: frozenset[str]
    reaction_nouns: frozenset[str]
    list_markers: frozenset[str]
    leadership_words: frozenset[str]
    clause_only_lemmas: frozenset[str]
    part_words: frozenset[str]
    reporting_forms: frozenset[str]
    source_nouns: frozenset[str]

    @classmethod
    def from_lists(cls, lists: Mapping[str, frozenset[str]], *, source: str | None = None,
                   text: str | None = None) -> AttributionWords:
        """The word lists from named lists of words, as :func:`toolkit.io.shipped.word_lists` reads them.

        Parameters
        ----------
        lists : mapping of str to frozenset of str
            Every list of the file by name (the fields of this class but the
            two derived ones), and no other; ``irregular_forms`` holds entries
            of a lemma followed by its forms (``"say said"``).
        source : str, optional
            The file the lists come from, for the error messages.
        text : str, optional
            The text of that file, for the line numbers of the error messages.

        Returns
        -------
        AttributionWords
            The lists, with ``reporting_forms`` and ``source_nouns`` derived from them.

        Raises
        ------
        InputError
            When a list is missing, unknown, or an irregular form belongs to no reporting verb.

        Examples
        --------
        >>> lists = dict(word_lists("attribution_words"), irregular_forms=frozenset({"say said"}))
        >>> forms = AttributionWords.from_lists(lists).reporting_forms
        >>> "said" in forms, "spoke" in forms, "spoke" in attribution_words().reporting_forms
        (True, False, True)
        """
        names = [f.name for f in fields(cls) if f.name not in _DERIVED]
        unknown = [name for name in lists if name not in names]
        if unknown:
            raise InputError(f"unknown list {unknown[0]!r}; the lists of attribution are {', '.join(names)}",
                             source=source, line=_line_of(text, rf"{unknown[0]}\s*:"))
        missing = [name for name in names if name not in lists]
        if missing:
            raise InputError(f"the list {missing[0]!r} is missing; the lists of attribution are {', '.join(names)}",
                             source=source)
        irregular = _irregular_forms(lists["irregular_forms"], lists["reporting_lemmas"], source, text)
        values: dict[str, object] = {name: lists[name] for name in names}
        values["irregular_forms"] = irregular
        values["reporting_forms"] = _reporting_forms(lists["reporting_lemmas"], irregular)
        values["source_nouns"] = lists["statement_nouns"] | lists["source_words"]
        return cls(**values)  # type: ignore[arg-type]


#: The fields of :class:`AttributionWords` derived from the others, not lists of the file.
_DERIVED = ("reporting_forms", "source_nouns")


def _irregular_forms(entries: frozenset[str], lemmas: frozenset[str], source: str | None, text: str | None
                     ) -> Mapping[str, tuple[str, ...]]:
    """``{"say": ("said",), ...}`` from the entries ``"say said"``; each lemma must be a reporting verb."""
    forms: dict[str, tuple[str, ...]] = {}
    for entry in sorted(entries):
        lemma, *inflected = entry.split() or [""]
        if lemma not in lemmas or not inflected or lemma in forms:
            pattern = r"\s*-\s*" + r"\s+".join(map(re.escape, entry.split())) + r"\s*(#.*)?$"
            raise InputError(f"an irregular form is a reporting verb given once, then its forms ('say said'); "
                             f"got {entry!r}", source=source, line=_line_of(text, pattern))
        forms[lemma] = tuple(inflected)
    return MappingProxyType(forms)


def _line_of(text: str | None, pattern: str) -> int | None:
    """The number of the first line of ``text`` that ``pattern`` matches from its start, if any."""
    for number, line in enumerate((text or "").splitlines(), start=1):
        if re.match(pattern, line):
            return number
    return None


def _reporting_forms(lemmas: frozenset[str], irregular: Mapping[str, tuple[str, ...]]) -> frozenset[str]:
    """Every lemma with its third person, past, -ing form and irregular forms ("condemns", "condemned", ...)."""
    forms = set()
    for lemma in lemmas:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        third = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s")
        if lemma.endswith("y") and lemma[-2] not in "aeiou":
            third, past = lemma[:-1] + "ies", lemma[:-1] + "ied"
        else:
            past = lemma + ("d" if lemma.endswith("e") else "ed")
        forms.update({lemma, third, past, stem + "ing"})
        forms.update(irregular.get(lemma, ()))
    return frozenset(forms)


@functools.cache
def attribution_words() -> AttributionWords:
    """The shipped word lists of attribution (``toolkit/data/attribution_words.yaml``), read once on first use.

    Returns
    -------
    AttributionWords
        The lists; an :class:`~toolkit.errors.InputError` naming the file
        (and line, where the YAML reader knows it) when the file is wrong.

    Examples
    --------
    >>> words = attribution_words()
    >>> "condemn" in words.reporting_lemmas and "minister" in words.person_titles
    True
    >>> words.irregular_forms["speak"]
    ('spoke', 'spoken')
    """
    name = f"{_FILE}.yaml"
    return AttributionWords.from_lists(word_lists(_FILE), source=str(shipped_path(name)), text=shipped_text(name))


#: The module constants of earlier releases and the fields that replace them.
_OLD_CONSTANTS = {
    "REPORTING_LEMMAS": "reporting_lemmas", "REPORTING_FORMS": "reporting_forms", "STATEMENT_NOUNS": "statement_nouns",
    "SOURCE_NOUNS": "source_nouns", "OFFICE_QUALIFIERS": "office_qualifiers", "TITLE_WORDS": "title_words",
    "PERSON_TITLES": "person_titles", "GOVERNMENT_WORDS": "government_words", "COLLECTIVE_HEADS": "collective_heads",
    "NON_GOVERNMENT_WORDS": "non_government_words", "COLLECTIVE_WORDS": "collective_words",
    "MEDIA_WORDS": "media_words", "HONORIFICS": "honorifics", "LOCATION_PREPOSITIONS": "location_prepositions",
    "PERSON_PRONOUNS": "person_pronouns", "GROUP_PRONOUNS": "group_pronouns", "FIRST_PERSON": "first_person",
    "NAME_CONNECTORS": "name_connectors", "FEMALE_WORDS": "female_words", "MALE_WORDS": "male_words",
    "CLAUSE_LINKS": "clause_links",
}


def __getattr__(name: str) -> frozenset[str]:
    """The constants of earlier releases (``REPORTING_LEMMAS``, ...), with a FutureWarning naming their field."""
    if name in _OLD_CONSTANTS:
        field = _OLD_CONSTANTS[name]
        warn_renamed(f"toolkit.attribution.words.{name} was replaced by attribution_words().{field}")
        value: frozenset[str] = getattr(attribution_words(), field)
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
