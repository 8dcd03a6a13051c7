"""Keyness and collocate counts on the UN corpus equal a count made independently, with a plain tokenizer.

The archive is read a second time here with :mod:`tarfile` (``TXT/Session NN -
YYYY/ISO_NN_YYYY.txt``, macOS ``._*`` members and other files passed over, the
year taken from the file name) and its speeches are split into tokens and
sentences by the few lines below, written from the toolkit's documented rules
with the standard library alone (``re``, ``str.casefold``, ``unicodedata``),
not with the toolkit's tokenizer, its token index or its vocabulary.

Token rules of the plain tokenizer (those :mod:`toolkit.text.tokens` and
:func:`toolkit.text.normalize.normalize` document):

* the text is composed (NFC) and case-folded (``str.casefold``); diacritics
  stay (``Côte`` is ``côte``, not ``cote``);
* the invisible format characters are dropped (soft hyphen, zero-width space
  and joiners, word joiner, a byte-order mark inside the text; a soft hyphen
  at a line break takes the break with it), so they never split a word;
* a token is a number written with separators (``1,000``, ``2.5``) or a run
  of token characters: letters (Unicode categories L*), combining marks (M*)
  and decimal digits (Nd). Everything else separates tokens: spaces, line
  breaks, punctuation, straight and curly quotes and apostrophes, hyphens and
  dashes, so ``self-determination`` is ``self determination`` and
  ``Pakistan’s`` is ``pakistan s``.

Where this differs from the shortest plain tokenizer,
``re.findall(r"\\d+(?:[.,]\\d+)+|[^\\W_]+", text.casefold())``: Python's ``re``
takes any numeric character for a word character (superscripts and fractions
such as ``³`` and ``¼``, category No), which the toolkit (the ``regex``
engine's Unicode word characters) does not, and it splits a word at an
invisible character that the toolkit drops. On the speeches of 1991-2010 that
changes none of the words counted below, and the group totals by 2 tokens
(measured: 1991-2000 has 2 tokens fewer for the shortest tokenizer, 2001-2010
the same), all in names mis-decoded in the archive (UTF-8 read as Latin-1) in
four speeches of 1998: ``Asunciã³n`` (PRY) and ``Schã¼ssel`` (BEL, FIN) are
one token for ``re`` and two for the toolkit, ``Rodrã\\xadguez`` (CRI, a soft
hyphen) two for ``re`` and one for the toolkit. The plain tokenizer here
follows the documented rule, so its totals must equal the toolkit's exactly.

Sentences (for the collocate windows) end as :func:`toolkit.text.tokens.ends_sentence`
documents, read on the verbatim text: at ``.``, ``!``, ``?`` or ``…`` followed
by whitespace (closing quotes or brackets may come between), except a single
full stop right after a single non-digit letter or an abbreviation of
``toolkit/data/abbreviations.txt``; and at a blank line after such punctuation
or after a heading (a line of at most 10 tokens that is the text's first or
follows a blank line).

Collocate windows (as :mod:`toolkit.analysis.collocates` states them): the 5
tokens on each side of each node token (``condemn*``: a token beginning with
``condemn``) within its sentence; punctuation is no token, so it takes no
place in a window; node tokens are never collocates but take their places; each
position is counted once however many windows hold it. ``n_node`` is the
node's occurrences, ``n_window`` the positions in its windows, ``n_collocate``
the collocate's frequency in the corpus. Keyness runs on the whole corpus
(grouped by year); collocates, to keep the plain count's time down, on the
speeches of 1991-2010 (both groups).
"""

from __future__ import annotations

import functools
import re
import tarfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import pytest

import toolkit
from toolkit.io import read_ungdc
from toolkit.text.corpus import Corpus
from toolkit.text.tokens import abbreviations

pytestmark = pytest.mark.ungdc

TARGET, REFERENCE = (2001, 2010), (1991, 2000)
#: Words chosen for variety: frequent and rare, one decade's or the other's, the node's forms, a hyphenated
#: compound's first part (self-determination), the token after an apostrophe (Pakistan's), and a word with a
#: diacritic (Côte d'Ivoire).
WORDS = ("terrorism", "condemn", "condemns", "mdgs", "darfur", "monterrey", "peace", "cold", "soviet", "self", "s",
         "côte")
COLLOCATES = ("strongly", "terrorism", "the", "we")
WINDOW = 5
SPEECH = re.compile(r"(?:.*/)?Session (\d+) - (\d{4})/[A-Z]{2,4}_(\d+)_(\d{4})\.txt")

# -- the plain tokenizer -----------------------------------------------------------------------------------------
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
SOFT_HYPHEN_AT_BREAK = re.compile(f"\u00ad[^\\S{LINE_BREAKS}]*(?:\r\n|[{LINE_BREAKS}])\\s*")
# Python's re classes a character as [^\W_] by str.isalnum(): where that disagrees with token_character (numeric
# characters such as '³', combining marks), the character is replaced by a space or added to the class.
PLAIN_TOKEN = r"\d+(?:[.,]\d+)+|[^\W_]+"
PLAIN_TOKEN_WITH = r"\d+(?:[.,]\d+)+|(?:[^\W_]|[{}])+"
_RE_WORD = re.compile(r"[^\W_]")
#: Per character other than ASCII: "" (re classes it as the rule does), " " (re takes it for a token character and
#: the rule does not: replaced by a space) or "+" (a token character re does not take: added to the class).
_DISAGREES: dict[str, str] = {}


def token_character(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LM" or category == "Nd"


def _disagrees(char: str) -> str:
    found = _DISAGREES.get(char)
    if found is None:
        token, word = token_character(char), bool(_RE_WORD.match(char))
        found = _DISAGREES[char] = "" if token == word else "+" if token else " "
    return found


@functools.cache
def _token_pattern(extra: str) -> re.Pattern:
    return re.compile(PLAIN_TOKEN_WITH.format(re.escape(extra)) if extra else PLAIN_TOKEN)


def plain_fold(text: str) -> str:
    """NFC, case folding, invisible characters dropped (a soft hyphen at a line break with the break)."""
    if any(char in text for char in INVISIBLE):
        text = SOFT_HYPHEN_AT_BREAK.sub("", text)
        for char in INVISIBLE:
            text = text.replace(char, "")
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())


def plain_tokens(text: str) -> list[str]:
    folded = plain_fold(text)
    extra = ""
    if not folded.isascii():
        for char in set(folded):
            kind = "" if char.isascii() else _disagrees(char)
            if kind == " ":
                folded = folded.replace(char, " ")
            elif kind == "+":
                extra += char
    return _token_pattern("".join(sorted(extra))).findall(folded)


# -- plain sentences ----------------------------------------------------------------------------------------------
NEWLINE = "(?:\r\n|\n|\r(?!\n))"
SENTENCE_END = re.compile("(?P<stop>[.!?\u2026]+)[\"'\u2019\u201d\u00bb)\\]]*\\s" f"|{NEWLINE}[^\\S\r\n]*{NEWLINE}")


def _is_heading(text: str, at: int) -> bool:
    """Whether the line ending at ``at`` has at most 10 tokens and stands alone (first, or after a blank line)."""
    line_start = max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1
    if len(plain_tokens(text[line_start:at])) > 10:
        return False
    before = text[:line_start]
    return not before.strip() or re.search(f"{NEWLINE}[^\\S\r\n]*(?:\r\n|\n|\r)$", before) is not None


def plain_sentences(text: str) -> list[str]:
    """The verbatim text cut at each sentence end (see the module's description)."""
    known = abbreviations()
    cuts = [0]
    for m in SENTENCE_END.finditer(text):
        at = m.start()
        if m.group("stop") is None:  # a blank line: an end after a heading only (after punctuation, matched above)
            if _is_heading(text, _token_end_before(text, at)):
                cuts.append(m.end())
            continue
        if m.group("stop") == "." and at > 0 and _token_end_before(text, at) == at:  # a single stop right after a token
            last = plain_tokens(text[max(0, at - 40):at])[-1]
            if (len(last) == 1 and not last.isdigit()) or last in known:
                continue
        cuts.append(m.end())
    cuts.append(len(text))
    return [text[a:b] for a, b in zip(cuts, cuts[1:])]


def _token_end_before(text: str, at: int) -> int:
    """Where the last token before ``at`` ends (the start of the separator holding ``at``)."""
    while at > 0 and not (text[at - 1].isalnum() if text[at - 1].isascii() else token_character(text[at - 1])):
        at -= 1
    return at


# -- reading the archive once -------------------------------------------------------------------------------------
@dataclass
class PlainCounts:
    """What the plain reading of the archive found."""

    n: dict[str, Counter] = field(default_factory=lambda: {"target": Counter(), "reference": Counter()})
    docs: dict[str, Counter] = field(default_factory=lambda: {"target": Counter(), "reference": Counter()})
    totals: Counter = field(default_factory=Counter)
    frequency: Counter = field(default_factory=Counter)  # the collocates' frequency in the speeches read
    together: Counter = field(default_factory=Counter)
    n_node: int = 0
    n_window: int = 0
    speeches: int = 0


def _group(year: int) -> str | None:
    for name, (low, high) in (("target", TARGET), ("reference", REFERENCE)):
        if low <= year <= high:
            return name
    return None


def _windows(text: str, out: PlainCounts) -> None:
    """Count the node's windows of one speech, sentence by sentence."""
    for sentence in plain_sentences(text):
        if "condemn" not in plain_fold(sentence):
            continue
        tokens = plain_tokens(sentence)
        nodes = {i for i, token in enumerate(tokens) if token.startswith("condemn")}
        if not nodes:
            continue
        places = {j for i in nodes for j in range(i - WINDOW, i + WINDOW + 1) if 0 <= j < len(tokens)} - nodes
        out.n_node += len(nodes)
        out.n_window += len(places)
        out.together.update(tokens[j] for j in places if tokens[j] in COLLOCATES)


def read_plainly(path) -> PlainCounts:
    out = PlainCounts()
    with tarfile.open(path) as archive:
        for member in archive:
            name = member.name
            found = SPEECH.fullmatch(name)
            if not member.isfile() or "/._" in name or found is None:
                continue
            group = _group(int(found.group(4)))
            if group is None:
                continue
            handle = archive.extractfile(member)
            assert handle is not None
            text = handle.read().decode("utf-8")
            out.speeches += 1
            tokens = plain_tokens(text)
            counted = Counter(tokens)
            out.totals[group] += len(tokens)
            for word in WORDS:
                out.n[group][word] += counted[word]
                out.docs[group][word] += counted[word] > 0
            out.frequency.update({w: counted[w] for w in COLLOCATES})
            if "condemn" in plain_fold(text):
                _windows(text, out)
    return out


@pytest.fixture(scope="module")
def plain(ungdc_path) -> PlainCounts:
    return read_plainly(ungdc_path)


@pytest.fixture(scope="module")
def corpus(ungdc_path):
    return read_ungdc(ungdc_path)


# -- keyness ------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def key(corpus):
    return toolkit.keyness(corpus, by="year", target=TARGET, reference=REFERENCE, min_count=1).set_index("feature")


def test_keyness_counts_of_words_equal_a_plain_count_of_the_archive(plain, key):
    for word in WORDS:
        row = key.loc[word]
        found = (row.n_target, row.n_reference, row.docs_target, row.docs_reference)
        counted = (plain.n["target"][word], plain.n["reference"][word], plain.docs["target"][word],
                   plain.docs["reference"][word])
        assert found == counted, word


def test_keyness_group_totals_equal_the_plain_token_totals(plain, key, corpus):
    assert plain.speeches == sum(REFERENCE[0] <= doc.year <= TARGET[1] for doc in corpus)
    for group in ("target", "reference"):
        rows = key[key[f"n_{group}"] > 0]
        totals = {round(n * 1e6 / rate) for n, rate in zip(rows[f"n_{group}"], rows[f"per_million_{group}"])}
        assert totals == {plain.totals[group]}, group


# -- collocates ---------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def near(corpus):
    speeches = Corpus(tuple(doc for doc in corpus if REFERENCE[0] <= doc.year <= TARGET[1]))
    return toolkit.collocates(speeches, "condemn*", window=WINDOW, min_count=1).set_index("collocate")


def test_collocate_counts_of_condemn_equal_a_plain_count_over_sentences(plain, near):
    assert (int(near.n_node.iloc[0]), int(near.n_window.iloc[0])) == (plain.n_node, plain.n_window)
    for word in COLLOCATES:
        row = near.loc[word]
        assert (row.n_together, row.n_collocate) == (plain.together[word], plain.frequency[word]), word
