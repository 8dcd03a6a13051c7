"""Word tokens: what ``n_tokens`` counts and what patterns match.

A token is a run of letters and digits (``[^\\W_]+``), or a number written
with separators (``1,000``, ``2.5``). Everything else (spaces, line breaks,
punctuation, quotes, hyphens, apostrophes) separates tokens, so
``self-determination`` is two tokens and ``Pakistan’s`` is ``pakistan`` and
``s``. Tokens are found on the folded text of :func:`~toolkit.text.normalize.normalize`
and their spans mapped back to the original.

The split of apostrophes and hyphens is deliberate: a formula word then
matches whatever punctuation sits around it, and the count of tokens of a
text does not depend on its typography (curly or straight quotes, hyphens
broken across lines).

The tokenizer is NLTK's :class:`~nltk.tokenize.RegexpTokenizer` with
:data:`TOKEN_PATTERN` (:func:`word_tokenizer`), which needs no downloaded
data. NLTK (3.10.3 and later) compiles that expression with the ``regex``
engine and runs every call under a time limit; the toolkit runs the same
expression, compiled the same way, directly, which is twice as fast and has
no limit on the length of a text. The tests check that both give the same
tokens. Where the standard ``re`` engine provably gives the same tokens (on
ASCII text, and on any text whose characters both engines class alike) it is
used because it is faster still.

This module is the single definition of a token: counts, rates, the
matcher's gaps (``_{0,3}``) and KWIC windows all use it.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import regex

from .normalize import Normalized, fold_for_tokens

__all__ = [
    "TOKEN_PATTERN", "word_tokenizer", "count_tokens", "token_spans", "split_tokens", "folded_token_spans",
    "sentence_breaks", "separator_ends_sentence", "ABBREVIATIONS",
]

TOKEN_PATTERN = r"\d+(?:[.,]\d+)+|[^\W_]+"

#: Folded tokens that a full stop follows without ending a sentence
#: ("Mr. Guterres", "No. 5", "Art. 51", "etc. and"). Single letters
#: ("U.S.", "H.E.", "J. Smith") are handled by rule, not listed.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms messrs mme mlle dr prof sr jr st hon rev fr sir
    gen lt col maj capt cmdr adm sgt cpl pres gov sen rep amb ambs excy
    no nos art arts para paras sect sec ch chap vol vols pp pg op cit ibid
    fig figs approx est ca cf al etc vs viz incl dept govt corp inc ltd co bros
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)

# The flags NLTK's RegexpTokenizer compiles with.
_FLAGS = regex.UNICODE | regex.MULTILINE | regex.DOTALL
_TOKENS = regex.compile(TOKEN_PATTERN, _FLAGS)
_SPLIT = regex.compile(f"({TOKEN_PATTERN})", _FLAGS)
_RE_TOKENS = re.compile(TOKEN_PATTERN, re.MULTILINE | re.DOTALL)
_RE_SPLIT = re.compile(f"({TOKEN_PATTERN})", re.MULTILINE | re.DOTALL)
_LETTER = (re.compile(r"[^\W_]"), regex.compile(r"[^\W_]", _FLAGS))
_DIGIT = (re.compile(r"\d"), regex.compile(r"\d", _FLAGS))
# A sentence ends at '.', '!', '?' or an ellipsis followed (after closing quotes
# or brackets) by whitespace, and at a blank line.
_NEWLINE = "(?:\\r\\n|\\n|\\r(?!\\n))"
_SENTENCE_END = re.compile(
    "(?P<stop>[.!?\u2026]+)[\"'\u2019\u201d\u00bb)\\]]*\\s" f"|{_NEWLINE}[^\\S\\r\\n]*{_NEWLINE}"
)
_STOP_CHARS = ".!?\u2026\n\r"
#: Non-ASCII characters seen so far, and whether ``re`` and ``regex`` class them alike.
_AGREES: dict[str, bool] = {}


@lru_cache(maxsize=1)
def word_tokenizer():
    """NLTK's tokenizer for :data:`TOKEN_PATTERN`: the reference definition of a token.

    Examples
    --------
    >>> word_tokenizer().tokenize("terrorism in all its forms")
    ['terrorism', 'in', 'all', 'its', 'forms']
    """
    from nltk.tokenize import RegexpTokenizer  # NLTK's package import is slow; load it on first use

    return RegexpTokenizer(TOKEN_PATTERN)


def _agrees(char: str) -> bool:
    found = _AGREES.get(char)
    if found is None:
        found = _AGREES[char] = all(bool(a.match(char)) == bool(b.match(char)) for a, b in (_LETTER, _DIGIT))
    return found


def _use_re(folded: str) -> bool:
    """Whether the faster ``re`` engine gives exactly the tokens ``regex`` gives.

    The two engines agree on every ASCII character and on most others (they
    differ on combining marks and some digits); the expression classes one
    character at a time, so agreement on each distinct character of the text
    means identical tokens.
    """
    return folded.isascii() or all(_agrees(c) for c in set(folded) if not c.isascii())


def _engines(folded: str):
    return (_RE_TOKENS, _RE_SPLIT) if _use_re(folded) else (_TOKENS, _SPLIT)


def split_tokens(folded: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The tokens of an already folded text, with their start and end offsets in it.

    Examples
    --------
    >>> split_tokens("in all its-forms.")
    (['in', 'all', 'its', 'forms'], array([ 0,  3,  7, 11]), array([ 2,  6, 10, 16]))
    """
    parts = _engines(folded)[1].split(folded)
    bounds = np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)))
    # parts alternate separator, token, separator, ...: token k is parts[2k + 1].
    return parts[1::2], bounds[0:-1:2], bounds[1::2]


def folded_token_spans(folded: str) -> tuple[np.ndarray, np.ndarray]:
    """Start and end offsets of the tokens of an already folded text."""
    _, starts, ends = split_tokens(folded)
    return starts, ends


def count_tokens(text: str | Normalized) -> int:
    """The number of word tokens in ``text`` (or in an already folded text).

    Examples
    --------
    >>> count_tokens("Pakistan’s “firm support” for self-\\ndetermination, 1,000 times.")
    9
    """
    folded = text.text if isinstance(text, Normalized) else fold_for_tokens(text).text
    return len(_engines(folded)[0].findall(folded))


def token_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each word token, as offsets into ``text`` itself.

    Examples
    --------
    >>> text = "In all its\\nforms — “and manifestations”"
    >>> [text[a:b] for a, b in token_spans(text)]
    ['In', 'all', 'its', 'forms', 'and', 'manifestations']
    """
    folded = fold_for_tokens(text)
    _, starts, ends = split_tokens(folded.text)
    starts, ends = folded.spans_to_original(starts, ends)
    return list(zip(starts.tolist(), ends.tolist()))


def separator_ends_sentence(separator: str, before: str) -> bool:
    """Whether the text between two tokens ends a sentence.

    ``before`` is the folded token just before ``separator``. A sentence ends
    at ``.``, ``!``, ``?`` or ``…`` followed by whitespace (closing quotes and
    brackets may come between), and at a blank line. A single full stop right
    after a single letter (``U.S.``, ``J. Smith``) or after a common
    abbreviation (``Mr.``, ``No.``, ``etc.``; see
    :data:`ABBREVIATIONS`) does not end one.

    Examples
    --------
    >>> separator_ends_sentence(". ", "attacks"), separator_ends_sentence(". ", "mr")
    (True, False)
    >>> separator_ends_sentence(",\\n", "forms"), separator_ends_sentence(".\u201d ", "world")
    (False, True)
    """
    if not any(char in separator for char in _STOP_CHARS):
        return False
    for m in _SENTENCE_END.finditer(separator):
        if m.start() == 0 and m.group("stop") == ".":
            if (len(before) == 1 and not before.isdigit()) or before in ABBREVIATIONS:
                continue
        return True
    return False


def sentence_breaks(text: str, tokens: list[str], starts, ends) -> list[int]:
    """Indices of the tokens that begin a new sentence (never 0), in order.

    ``tokens`` are the folded tokens of ``text`` and ``starts``/``ends`` their
    offsets in ``text`` itself; see :func:`separator_ends_sentence`. The
    matcher never lets a match cross a break.

    Examples
    --------
    >>> text = "Mr. Guterres spoke. The U.S. agreed!\\n\\nNext"
    >>> tokens, starts, ends = split_tokens(text.casefold())
    >>> [tokens[k] for k in sentence_breaks(text, tokens, starts, ends)]
    ['the', 'next']
    """
    starts, ends = list(starts), list(ends)
    return [k for k in range(1, len(tokens)) if separator_ends_sentence(text[ends[k - 1]:starts[k]], tokens[k - 1])]
