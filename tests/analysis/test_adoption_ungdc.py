r"""Adoption of "in all its forms and manifestations" in the UN General Debate equals an independent reading.

The archive is read a second time here with :mod:`tarfile` (``TXT/Session NN -
YYYY/ISO_NN_YYYY.txt``, the session and year of the file name agreeing with
its folder's, macOS ``._*`` members, other files and empty speeches passed
over; the ISO code of the file name is the actor's id, the year of the file
name its time) and the phrase is found in each speech by a regular expression
of :mod:`re` alone, not by the toolkit's tokenizer or matcher: the words
``in all [of] its|their forms and manifestations``, case-insensitive, each a
whole word (no letter, digit or combining mark on either side), separated by
any run of characters that are no letters, digits or marks (whitespace,
punctuation, quotes, dashes), but no sentence end.

A sentence end is what :func:`toolkit.text.tokens.ends_sentence` documents,
read here on each separator between two of the words: ``.``, ``!``, ``?`` or
``…`` followed by whitespace (closing quotes or brackets may come between;
the exception for a single full stop after a single letter or an abbreviation
never applies, since none of the phrase's words is one), or a blank line after
a heading: a line of at most 10 words that is the speech's first or follows a
blank line (a page break inside a sentence ends none).

The toolkit (``read_ungdc`` or ``read_corpus`` of the archive, ``find_matches``
with the lexicon's family ``all_forms``, ``adoption`` of the formulae
``all_forms/full`` and ``all_forms/full_wherever`` together) must give each
actor the same first year, the same set of adopters, the same first and last
years of presence, and the same number of speeches holding the phrase.
"""

from __future__ import annotations

import re
import tarfile
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pytest

from toolkit import Corpus, Document, adoption, default_lexicon, find_matches
from toolkit.io import read_ungdc

pytestmark = pytest.mark.ungdc

FORMULAE = ["all_forms/full", "all_forms/full_wherever"]
SPEECH = re.compile(r"(?:^|.*/)Session (\d+) - (\d{4})/([A-Z]{2,4})_(\d+)_(\d{4})\.txt")
WORDS = ["in", "all", "(?:of)", "(?:its|their)", "forms", "and", "manifestations"]
# A separator: characters that are no letters, digits or marks. Python's \W is "not alphanumeric nor _": "_" is
# added back; the numeric characters re takes for word characters (superscripts, fractions) are not separators
# here as they are for the toolkit, a difference that reaches no occurrence (measured: no such character follows
# any of the phrase's words in the archive).
SEP = r"[\W_]+"
PHRASE = re.compile(
    r"(?<![^\W_])in(?P<s1>" + SEP + r")all(?P<s2>" + SEP + r")(?:of(?P<s3>" + SEP + r"))?(?:its|their)(?P<s4>"
    + SEP + r")forms(?P<s5>" + SEP + r")and(?P<s6>" + SEP + r")manifestations(?![^\W_])",
    re.IGNORECASE)
STOP = re.compile("[.!?\u2026]+[\"'\u2019\u201d\u00bb)\\]]*\\s")
NEWLINE = "(?:\r\n|\n|\r(?!\n))"
BLANK_LINE = re.compile(f"{NEWLINE}[^\\S\r\n]*{NEWLINE}")
HEADING_WORDS = 10


def _is_heading(text: str, at: int) -> bool:
    """Whether the line ending at ``at`` has at most 10 words and stands alone (first, or after a blank line)."""
    line_start = max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1
    if len(re.findall(r"[^\W_]+", text[line_start:at])) > HEADING_WORDS:
        return False
    before = text[:line_start]
    return not before.strip() or re.search(f"{NEWLINE}[^\\S\r\n]*(?:\r\n|\n|\r)$", before) is not None


def ends_sentence(text: str, start: int, end: int) -> bool:
    """Whether the separator ``text[start:end]`` between two of the phrase's words ends a sentence."""
    separator = text[start:end]
    if STOP.search(separator):
        return True
    return BLANK_LINE.search(separator) is not None and _is_heading(text, start)


def phrases(text: str) -> list[re.Match]:
    """The phrase's occurrences in a speech that no sentence end cuts."""
    text = unicodedata.normalize("NFC", text)
    return [m for m in PHRASE.finditer(text)
            if not any(m.group(g) is not None and ends_sentence(text, m.start(g), m.end(g))
                       for g in ("s1", "s2", "s3", "s4", "s5", "s6"))]


@dataclass
class Plain:
    """Per actor id: the years of its speeches, the years of its speeches holding the phrase, its occurrences."""

    years: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    found: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    uses: Counter = field(default_factory=Counter)


def read_plainly(path) -> Plain:
    out = Plain()
    with tarfile.open(path) as archive:
        for member in archive:
            name = member.name
            found = SPEECH.fullmatch(name)
            if not member.isfile() or "/._" in name or found is None:
                continue
            session, year, iso, file_session, file_year = found.groups()
            if int(session) != int(file_session) or year != file_year:
                continue
            handle = archive.extractfile(member)
            assert handle is not None
            text = handle.read().decode("utf-8")
            if not text.strip():
                continue
            out.years[iso].append(int(year))
            if "manifestations" not in text.lower():
                continue
            kept = phrases(text)
            if kept:
                out.found[iso].append(int(year))
                out.uses[iso] += len(kept)
    return out


@pytest.fixture(scope="module")
def plain(ungdc_path) -> Plain:
    return read_plainly(ungdc_path)


@pytest.fixture(scope="module")
def corpus(ungdc_path):
    return read_ungdc(ungdc_path)


@pytest.fixture(scope="module")
def table(corpus):
    matches = find_matches(corpus, default_lexicon().select(["all_forms"]))
    return adoption(matches, formula=FORMULAE).set_index("actor_id")


def test_every_actors_first_year_equals_the_first_year_a_plain_regex_finds_the_phrase(plain, table):
    adopters = table[table["adopted"]]
    first = {iso: min(years) for iso, years in plain.found.items()}
    found = {iso: int(year) for iso, year in adopters["first_time"].items()}
    assert found == first
    assert len(first) > 100  # most of the membership took it up


def test_the_adopters_are_the_actors_the_regex_finds_and_the_others_are_censored_at_their_last_speech(plain, table):
    assert set(table.index) == set(plain.years)
    assert set(table.index[table["adopted"]]) == set(plain.found)
    for iso, row in table.iterrows():
        years = plain.years[iso]
        assert (row["entered"], row["last_time"]) == (min(years), max(years)), iso
        assert row["n_documents_with"] == len(plain.found.get(iso, [])), iso
        assert row["n_uses"] == plain.uses[iso], iso


def test_each_first_use_is_the_phrase_at_its_span(corpus, table):
    texts = {doc.id: doc.text for doc in corpus}
    for iso, row in table[table["adopted"]].iterrows():
        assert texts[row["doc_id"]][row["start"]:row["end"]] == row["matched_text"], iso
        assert phrases(row["matched_text"]), iso


# The archive holds no occurrence that a sentence end or a heading cuts (measured: every separator between the
# phrase's words is a space or a line break), so the rule is checked against the toolkit on invented speeches too.
CUT_OR_NOT = [
    "We reject terrorism in all its forms and manifestations.",
    "We reject terrorism In All Of Their\nforms, and manifestations wherever committed.",
    "We reject terrorism in all its forms. And manifestations of it abound.",
    "We reject terrorism in all its forms! (And manifestations.)",
    "Racism in all its forms\u2026 and manifestations.",
    "the struggle in all its forms and\n\nmanifestations of colonialism",  # the first line, alone: a heading
    "We fight\ncolonialism in all its forms and\n\nmanifestations.",  # a page break inside a sentence
    "We shall fight colonialism and racial discrimination, in all its forms and\n\nmanifestations.",
    "In all its forms and\n\nmanifestations of colonialism",
    "in all its \u201cforms\u201d \u2014 and manifestations",
    "within all its forms and manifestations; in all its forms and manifestationsX",
]


@pytest.mark.parametrize("text", CUT_OR_NOT)
def test_the_plain_rule_of_sentence_ends_finds_what_the_toolkit_finds_in_invented_speeches(text):
    corpus = Corpus((Document("d", text, actor="Aland", actor_id="ALD", year=2000),))
    matches = find_matches(corpus, default_lexicon().select(["all_forms"]))
    found = matches.table[matches.table["formula"].isin(FORMULAE)]
    # the toolkit's span of full_wherever runs on to "wherever": compared up to "manifestations"
    spans = [(start, start + matched.lower().index("manifestations") + len("manifestations"))
             for start, matched in zip(found["start"], found["matched_text"])]
    assert [(m.start(), m.end()) for m in phrases(text)] == spans
