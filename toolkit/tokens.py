"""Word tokens: what ``n_tokens`` counts and what patterns match.

A token is a run of letters and digits (``[^\\W_]+``), or a number written
with separators (``1,000``, ``2.5``). Everything else (spaces, line breaks,
punctuation, quotes, hyphens, apostrophes) separates tokens, so
``self-determination`` is two tokens and ``Pakistan’s`` is ``pakistan`` and
``s``. Tokens are found on the folded text of :func:`~toolkit.normalize.normalize`
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
tokens. On pure-ASCII text the standard ``re`` engine, which agrees with
``regex`` there, is used because it is faster still.

This module is the single definition of a token: counts, rates, the
matcher's gaps (``_{0,3}``) and KWIC windows all use it.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import regex

from .normalize import Normalized, normalize

__all__ = ["TOKEN_PATTERN", "word_tokenizer", "count_tokens", "token_spans", "folded_token_spans"]

TOKEN_PATTERN = r"\d+(?:[.,]\d+)+|[^\W_]+"

# The flags NLTK's RegexpTokenizer compiles with.
_TOKENS = regex.compile(TOKEN_PATTERN, regex.UNICODE | regex.MULTILINE | regex.DOTALL)
_ASCII_TOKENS = re.compile(TOKEN_PATTERN, re.MULTILINE | re.DOTALL)


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


def _engine(folded: str):
    return _ASCII_TOKENS if folded.isascii() else _TOKENS


def folded_token_spans(folded: str) -> tuple[np.ndarray, np.ndarray]:
    """Start and end offsets of the tokens of an already folded text."""
    flat = np.fromiter((i for m in _engine(folded).finditer(folded) for i in m.span()), dtype=np.int64)
    return flat[0::2], flat[1::2]


def count_tokens(text: str | Normalized) -> int:
    """The number of word tokens in ``text`` (or in an already folded text).

    Examples
    --------
    >>> count_tokens("Pakistan’s “firm support” for self-\\ndetermination, 1,000 times.")
    9
    """
    folded = text.text if isinstance(text, Normalized) else normalize(text).text
    return len(_engine(folded).findall(folded))


def token_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each word token, as offsets into ``text`` itself.

    Examples
    --------
    >>> text = "In all its\\nforms — “and manifestations”"
    >>> [text[a:b] for a, b in token_spans(text)]
    ['In', 'all', 'its', 'forms', 'and', 'manifestations']
    """
    folded = normalize(text)
    starts, ends = folded_token_spans(folded.text)
    starts, ends = folded.spans_to_original(starts, ends)
    return list(zip(starts.tolist(), ends.tolist()))
