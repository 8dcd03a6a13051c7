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

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import numpy as np
import regex

from ..io.shipped import word_list
from ..validation import warn_renamed
from .normalize import INVISIBLE, LETTERS_REPLACED, Normalized, fold_for_tokens

__all__ = [
    "TOKEN_PATTERN", "word_tokenizer", "count_tokens", "token_spans", "split_tokens", "folded_token_spans",
    "sentence_breaks", "ends_sentence", "abbreviations", "HEADING_TOKENS", "TokenIndex", "TokenBatch", "index_tokens",
    "index_batch",
]

TOKEN_PATTERN = r"\d+(?:[.,]\d+)+|[^\W_]+"

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
_STOPS = re.compile("[" + re.escape(_STOP_CHARS) + "]")
#: Non-ASCII characters seen so far, and whether ``re`` and ``regex`` class them alike.
_AGREES: dict[str, bool] = {}


@functools.cache
def abbreviations() -> frozenset[str]:
    """The folded tokens that a full stop follows without ending a sentence.

    "Mr. Guterres", "No. 5", "Art. 51", "etc. and": the list is data,
    ``toolkit/data/abbreviations.txt``, read on first use (then cached)
    through :func:`toolkit.io.shipped.word_list`. Single letters ("U.S.",
    "H.E.", "J. Smith") are handled by rule, not listed. See
    :func:`ends_sentence`.

    Returns
    -------
    frozenset of str
        The abbreviations, lower case and without their full stop.

    Examples
    --------
    >>> "mr" in abbreviations(), "art" in abbreviations(), "u" in abbreviations()
    (True, True, False)
    """
    return word_list("abbreviations")


def __getattr__(name: str) -> Any:
    """The module's deprecated names (PEP 562): ``ABBREVIATIONS`` is now :func:`abbreviations`."""
    if name == "ABBREVIATIONS":
        warn_renamed("toolkit.text.tokens.ABBREVIATIONS was replaced by the function abbreviations() (the list is "
                     "read from toolkit/data/abbreviations.txt on first use)")
        return abbreviations()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def word_tokenizer():
    """NLTK's tokenizer for :data:`TOKEN_PATTERN`: the reference definition of a token.

    Returns
    -------
    nltk.tokenize.RegexpTokenizer
        The tokenizer (one, made on first use).

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

    Parameters
    ----------
    folded : str
        A folded text (:func:`~toolkit.text.normalize.fold_for_tokens`).

    Returns
    -------
    tokens : list of str
        The tokens.
    starts, ends : numpy.ndarray of int64
        Their offsets in ``folded``.

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
    """Start and end offsets of the tokens of an already folded text.

    Parameters
    ----------
    folded : str
        A folded text.

    Returns
    -------
    starts, ends : numpy.ndarray of int64
        The offsets of its tokens (:func:`split_tokens` without the tokens).
    """
    _, starts, ends = split_tokens(folded)
    return starts, ends


def count_tokens(text: str | Normalized) -> int:
    """The number of word tokens in ``text`` (or in an already folded text).

    Parameters
    ----------
    text : str or Normalized
        A verbatim text (folded here), or one already folded.

    Returns
    -------
    int
        What ``n_tokens`` counts.

    Examples
    --------
    >>> count_tokens("Pakistan’s “firm support” for self-\\ndetermination, 1,000 times.")
    9
    """
    folded = text.text if isinstance(text, Normalized) else fold_for_tokens(text).text
    return len(_engines(folded)[0].findall(folded))


def token_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each word token, as offsets into ``text`` itself.

    Parameters
    ----------
    text : str
        The verbatim text.

    Returns
    -------
    list of tuple of (int, int)
        The span of each token in ``text``, in order.

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


def ends_sentence(text: str, a: int, b: int, before: str) -> bool:
    r"""Whether the separator ``text[a:b]`` between two tokens ends a sentence.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` followed by whitespace
    (closing quotes and brackets may come between); a single full stop right
    after a single letter (``U.S.``, ``J. Smith``) or after a common
    abbreviation (``Mr.``, ``No.``, ``etc.``; see :func:`abbreviations`)
    does not end one. A blank line ends a sentence only where the text before
    it does: after such punctuation, or after a heading, a line of at most
    :data:`HEADING_TOKENS` tokens that stands alone (the text's first line,
    or a line after a blank line). A page break inside a sentence
    (``international peace and\n\nsecurity``) ends none.

    Parameters
    ----------
    text : str
        The verbatim text.
    a, b : int
        The separator's start and end offsets in ``text``: the end of one
        token and the start of the next.
    before : str
        The folded token just before the separator (ending at ``a``).

    Returns
    -------
    bool
        True when a new sentence begins after the separator.

    Examples
    --------
    >>> ends_sentence("attacks. We", 7, 9, "attacks"), ends_sentence("Mr. Guterres", 2, 4, "mr")
    (True, False)
    >>> ends_sentence("forms,\nand", 5, 7, "forms"), ends_sentence("world.” He", 5, 9, "world")
    (False, True)
    >>> text = "the maintenance of\ninternational peace and\n\nsecurity"
    >>> ends_sentence(text, 41, 43, "and"), ends_sentence("Terrorism\n\nWe condemn", 9, 11, "terrorism")
    (False, True)
    """
    return _ends_sentence(text, a, b, before, abbreviations())


def _ends_sentence(text: str, a: int, b: int, before: str, known: frozenset[str]) -> bool:
    """:func:`ends_sentence`, with the abbreviations bound once by a caller that asks about many separators."""
    separator = text[a:b]
    if not any(char in separator for char in _STOP_CHARS):
        return False
    for m in _SENTENCE_END.finditer(separator):
        if m.group("stop") is None:
            if _heading_ends_at(text, a):
                return True
            continue
        if m.start() == 0 and m.group("stop") == ".":
            if (len(before) == 1 and not before.isdigit()) or before in known:
                continue
        return True
    return False


#: The most tokens a line standing alone before a blank line may have to be a heading that ends a sentence.
HEADING_TOKENS = 10
_BLANK_BEFORE = re.compile(r"(?:\r\n|\n|\r(?!\n))[^\S\r\n]*(?:\r\n|\n|\r)$")


def _heading_ends_at(text: str, a: int) -> bool:
    """Whether the line that ends at ``a`` is a heading: short, and first in the text or after a blank line."""
    line_start = max(text.rfind("\n", 0, a), text.rfind("\r", 0, a)) + 1
    line = text[line_start:a]
    if len(_RE_TOKENS.findall(line)) > HEADING_TOKENS:
        return False
    head = text[max(0, line_start - 64):line_start]
    return not text[:line_start].strip() or _BLANK_BEFORE.search(head) is not None


def sentence_breaks(text: str, tokens: list[str], starts, ends) -> list[int]:
    """Indices of the tokens that begin a new sentence (never 0), in order.

    See :func:`ends_sentence`. The matcher never lets a match cross a
    break, and n-grams never cross one.

    Parameters
    ----------
    text : str
        The verbatim text.
    tokens : list of str
        Its folded tokens.
    starts, ends : array of int
        Their offsets in ``text`` itself.

    Returns
    -------
    list of int
        The indices of the tokens that begin a sentence, in order.

    Examples
    --------
    >>> text = "Mr. Guterres spoke. The U.S. agreed!\\n\\nNext"
    >>> tokens, starts, ends = split_tokens(text.casefold())
    >>> [tokens[k] for k in sentence_breaks(text, tokens, starts, ends)]
    ['the', 'next']
    """
    starts = np.asarray(starts, dtype=np.int64)
    ends = np.asarray(ends, dtype=np.int64)
    # only a separator holding a stop character can end a sentence (ends_sentence's first test): look there alone
    marks = np.fromiter((m.start() for m in _STOPS.finditer(text)), dtype=np.int64)
    gaps = np.unique(np.searchsorted(starts, marks, side="right")).tolist()
    known = abbreviations()
    return [k for k in gaps if 1 <= k < len(tokens)
            and _ends_sentence(text, int(ends[k - 1]), int(starts[k]), tokens[k - 1], known)]


# ---------------------------------------------------------------------------
# The token index: where every token is, found with numpy on the text's bytes
# ---------------------------------------------------------------------------
_ASCII_DIGIT = np.array([chr(code).isdigit() for code in range(256)]) & (np.arange(256) < 128)
#: Per non-ASCII character: (a token character for ``re``, for ``regex``, folding it may change the tokens).
_KINDS: dict[str, tuple[bool, bool, bool]] = {}


def _kind(char: str) -> tuple[bool, bool, bool]:
    found = _KINDS.get(char)
    if found is None:
        folded = char.casefold()
        unsafe = (
            len(folded) != 1 or folded.isascii() or folded != char.lower() or char in INVISIBLE
            or char in LETTERS_REPLACED
            or not unicodedata.is_normalized("NFC", char) or unicodedata.category(char)[0] == "M"
            or unicodedata.category(char) in ("Nd", "Cs") or 0x1100 <= ord(char) <= 0x11FF
        )
        found = _KINDS[char] = (bool(_LETTER[0].match(folded)), bool(_LETTER[1].match(folded)), unsafe)
    return found


@dataclass(frozen=True)
class TokenIndex:
    """Where the tokens of one text are. Build it with :func:`index_tokens` or :func:`index_batch`.

    :meth:`to_characters` turns byte offsets into offsets into the text
    (:attr:`starts`, :attr:`ends`: exactly the spans :func:`token_spans`
    gives).

    Parameters
    ----------
    byte_starts, byte_ends : numpy.ndarray of int64
        The tokens' offsets into the text's UTF-8 bytes.
    engine : int
        0 when Python's ``re`` classes the text's characters as ``regex``
        does (see :func:`split_tokens`), else 1.
    continuations : numpy.ndarray of int64, optional
        Byte offsets of UTF-8 continuation bytes (None: the text is ASCII).
    foreign : numpy.ndarray of int64, optional
        Byte offsets of the non-ASCII token characters (None: there are none).
    """

    byte_starts: np.ndarray
    byte_ends: np.ndarray
    engine: int
    continuations: np.ndarray | None = None  # byte offsets of UTF-8 continuation bytes (None: ASCII)
    foreign: np.ndarray | None = None  # byte offsets of the non-ASCII token characters (None: none)

    def __len__(self) -> int:
        return int(self.byte_starts.size)

    def to_characters(self, byte_offsets):
        """Character offsets of byte offsets at character boundaries.

        Parameters
        ----------
        byte_offsets : int or numpy.ndarray of int
            Offsets into the text's UTF-8 bytes.

        Returns
        -------
        int or numpy.ndarray of int
            The offsets into the text.
        """
        if self.continuations is None or not self.continuations.size:
            return byte_offsets
        return byte_offsets - np.searchsorted(self.continuations, byte_offsets)

    @property
    def starts(self) -> np.ndarray:
        """The tokens' start offsets into the text."""
        return self.to_characters(self.byte_starts)

    @property
    def ends(self) -> np.ndarray:
        """The tokens' end offsets into the text."""
        return self.to_characters(self.byte_ends)


@dataclass(frozen=True)
class TokenBatch:
    """The tokens of several texts, found in one pass over their bytes joined by NUL bytes.

    :meth:`index` gives one text's :class:`TokenIndex` (None when folding
    could change its tokens). Build one with :func:`index_batch`.

    Parameters
    ----------
    data : bytes
        The texts as UTF-8, each followed by a NUL byte (which no pattern or
        token spans).
    byte_starts : numpy.ndarray of int64
        Where each text begins in ``data``.
    starts, ends : numpy.ndarray of int64
        The tokens' spans, bytes of ``data``.
    token_bounds : numpy.ndarray of int64
        Each text's first token (and one past the last text's last).
    unsafe : numpy.ndarray of bool
        Whether folding could change a text's tokens.
    engines : numpy.ndarray of int64
        The engine :func:`split_tokens` would choose for each text (see :class:`TokenIndex`).
    continuations, continuation_bounds : numpy.ndarray of int64
        Byte offsets of UTF-8 continuation bytes, and each text's first.
    foreign, foreign_bounds : numpy.ndarray of int64
        Byte offsets of non-ASCII token characters, and each text's first.
    """

    data: bytes
    byte_starts: np.ndarray
    starts: np.ndarray  # token spans, bytes of data
    ends: np.ndarray
    token_bounds: np.ndarray  # each text's first token (and one past the last text's last)
    unsafe: np.ndarray
    engines: np.ndarray
    continuations: np.ndarray  # byte offsets of UTF-8 continuation bytes
    continuation_bounds: np.ndarray
    foreign: np.ndarray  # byte offsets of non-ASCII token characters
    foreign_bounds: np.ndarray

    def __len__(self) -> int:
        return int(self.byte_starts.size)

    def to_characters(self, byte_offsets):
        """Character offsets in the joined texts of byte offsets into :attr:`data`.

        Parameters
        ----------
        byte_offsets : int or numpy.ndarray of int
            Offsets into :attr:`data`, at character boundaries.

        Returns
        -------
        int or numpy.ndarray of int
            The offsets into the texts joined (each followed by one character).
        """
        if not self.continuations.size:
            return byte_offsets
        return byte_offsets - np.searchsorted(self.continuations, byte_offsets)

    def index(self, k: int) -> TokenIndex | None:
        """The tokens of text ``k``, with offsets into its bytes.

        Parameters
        ----------
        k : int
            The text's index in the batch.

        Returns
        -------
        TokenIndex or None
            None when folding could change the text's tokens.
        """
        if self.unsafe[k]:
            return None
        a, b = self.token_bounds[k], self.token_bounds[k + 1]
        offset = self.byte_starts[k]
        c, d = self.continuation_bounds[k], self.continuation_bounds[k + 1]
        e, f = self.foreign_bounds[k], self.foreign_bounds[k + 1]
        return TokenIndex(self.starts[a:b] - offset, self.ends[a:b] - offset, int(self.engines[k]),
                          self.continuations[c:d] - offset if d > c else None,
                          self.foreign[e:f] - offset if f > e else None)


def index_tokens(text: str) -> TokenIndex | None:
    """The :class:`TokenIndex` of ``text``, or None when folding could change its tokens.

    The tokens are those of :func:`token_spans` (runs of letters and
    digits, numbers written with separators as one), found with array
    operations on the UTF-8 bytes. A text holding a character whose case
    folding changes its length or gives ASCII letters (``ß``, ``ﬁ``, the
    Kelvin sign), a combining mark, an invisible format character or a
    non-ASCII digit returns None: use :func:`split_tokens` on its folded
    text, which handles everything. :func:`index_batch` does many texts at once.

    Parameters
    ----------
    text : str
        The verbatim text.

    Returns
    -------
    TokenIndex or None
        Where its tokens are, or None.

    Examples
    --------
    >>> text = "In 1,000 towns — “Côte d’Ivoire”"
    >>> index = index_tokens(text)
    >>> [text[a:b] for a, b in zip(index.starts.tolist(), index.ends.tolist())]
    ['In', '1,000', 'towns', 'Côte', 'd', 'Ivoire']
    >>> index_tokens("Straße") is None
    True
    """
    return index_batch([text]).index(0)


def index_batch(texts: list[str]) -> TokenBatch:
    """The tokens of many texts in one pass of array operations (see :func:`index_tokens`).

    Parameters
    ----------
    texts : list of str
        The verbatim texts.

    Returns
    -------
    TokenBatch
        Their tokens; :meth:`TokenBatch.index` gives each text's.

    Examples
    --------
    >>> batch = index_batch(["We condemn it.", "Straße"])
    >>> len(batch), batch.index(0).ends.tolist(), batch.index(1) is None
    (2, [2, 10, 13], True)
    """
    encoded = [text.encode("utf-8", "surrogatepass") for text in texts]
    data = b"\x00".join(encoded) + b"\x00"
    byte_lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded)) + 1
    byte_starts = np.concatenate([[0], np.cumsum(byte_lengths)[:-1]]).astype(np.int64)
    b = np.frombuffer(data, dtype=np.uint8)
    word = ((b | 0x20) - 97 < 26) | (b - 48 < 10)  # ASCII letters and digits
    unsafe = np.zeros(len(texts), dtype=bool)
    engines = np.zeros(len(texts), dtype=np.int64)
    continuations = foreign = np.empty(0, dtype=np.int64)
    if len(data) != sum(map(len, texts)) + len(texts):
        high = np.flatnonzero(b >= 0x80)
        top = b[high]
        lead, continuations = high[top >= 0xC0], high[top < 0xC0]
        length = np.where(b[lead] >= 0xF0, 4, np.where(b[lead] >= 0xE0, 3, 2))
        padded = np.concatenate([b, np.zeros(3, dtype=np.uint8)])
        key = padded[lead].astype(np.uint32) << 24
        for j in (1, 2, 3):
            key |= np.where(length > j, padded[lead + j], 0).astype(np.uint32) << (24 - 8 * j)
        distinct, inverse = np.unique(key, return_inverse=True)
        kinds = np.array([_kind(value.to_bytes(4, "big").rstrip(b"\x00").decode("utf-8", "surrogatepass"))
                          for value in distinct.tolist()], dtype=bool).reshape(-1, 3)
        owner = np.searchsorted(byte_starts, lead, side="right") - 1  # the text of each non-ASCII character
        unsafe = np.bincount(owner, weights=kinds[inverse, 2], minlength=len(texts)) > 0
        engines = (np.bincount(owner, weights=kinds[inverse, 0] != kinds[inverse, 1], minlength=len(texts)) > 0
                   ).astype(np.int64)  # the engine split_tokens would choose for each text
        is_word = np.where(engines[owner] == 1, kinds[inverse, 1], kinds[inverse, 0])
        for j in range(4):
            chosen = is_word & (length > j)
            word[lead[chosen] + j] = True
        foreign = lead[is_word]
    starts, ends = _runs_to_tokens(data, b, word)
    edges = np.append(byte_starts, len(data))
    return TokenBatch(data, byte_starts, starts, ends, np.searchsorted(starts, edges), unsafe, engines,
                      continuations, np.searchsorted(continuations, edges), foreign, np.searchsorted(foreign, edges))


def _runs_to_tokens(data: bytes, b: np.ndarray, word: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Token byte spans from the token-character mask: runs, joined where :data:`TOKEN_PATTERN` reads a number.

    ``\\d+(?:[.,]\\d+)+`` makes one token of runs linked by a single ``.`` or
    ``,`` between digits, starting from a run of digits only; the digits of
    the next run are taken up to its first other character, which starts a
    token of its own ("1,000km" is "1,000" and "km").
    """
    padded = np.zeros(word.size + 2, dtype=bool)
    padded[1:-1] = word
    changes = np.flatnonzero(padded[1:] != padded[:-1])  # where a run starts or ends
    run_starts, run_ends = changes[0::2], changes[1::2]
    # a link: one '.' or ',' between digits, which ends a run and precedes the next ('.' is ',' | 2)
    separators = np.flatnonzero((b[1:-1] | 2) == 46)
    separators += 1
    separators = separators[_ASCII_DIGIT[b[separators - 1]] & _ASCII_DIGIT[b[separators + 1]]]
    if not separators.size:
        return run_starts, run_ends
    linked = np.searchsorted(run_ends, separators).tolist()  # the run that ends at each link
    digits_end: dict[int, int] = {}  # where the leading digits of a run next to a link stop
    for r in set(linked) | {r + 1 for r in linked}:
        a, e = int(run_starts[r]), int(run_ends[r])
        digits_end[r] = e - len(data[a:e].lstrip(b"0123456789"))
    starts, ends = run_starts.copy(), run_ends.copy()
    dropped = []
    # a run of digits only that links to the next absorbs it: the number goes on to the next run's digits;
    # a run absorbed whole gives no token, one with letters after its digits starts a token there
    absorbed = {r + 1 for r in linked if digits_end[r] == run_ends[r]}
    for r in sorted(absorbed):
        head = r - 1
        while head in absorbed:
            head -= 1
        ends[head] = digits_end[r]
        if digits_end[r] == run_ends[r]:
            dropped.append(r)
        else:
            starts[r] = digits_end[r]
    if dropped:
        keep = np.ones(run_starts.size, dtype=bool)
        keep[dropped] = False
        starts, ends = starts[keep], ends[keep]
    return starts, ends
