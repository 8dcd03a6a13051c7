"""Folding text for matching, with a map from every folded position back to the original.

:func:`normalize` folds a text so that formulae can be matched without caring
about typography, and keeps enough to map any position of the folded text
back to the verbatim original:

* Unicode composition (NFC) and case folding (``str.casefold``);
* curly and angled quotes and apostrophes to ``'`` and ``"``;
* hyphens, dashes and the minus sign to ``-``;
* any run of whitespace (spaces, tabs, non-breaking and thin spaces, line
  breaks of any convention, form feeds) to one space;
* invisible format characters (soft hyphen, zero-width space and joiners,
  word joiner, a stray byte-order mark) removed;
* a word hyphenated across a line break joined: ``self-\\ndetermination``
  becomes ``self-determination``; with ``dehyphenate=True`` the hyphen goes
  too (``manifes-\\ntations`` becomes ``manifestations``). Keeping the hyphen
  is the default because in the UN General Debate Corpus about nine in ten
  hyphens at a line end belong to compounds (``self-determination``,
  ``Secretary-General``), not to a word broken by the typesetter. A soft
  hyphen at a line break always joins without a hyphen.

The original text is never modified; the folded text lives beside it.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import regex

from ..validation import check_type, parameter_error

__all__ = ["Normalized", "normalize", "fold", "fold_for_tokens", "INVISIBLE", "LETTERS_REPLACED"]

#: Invisible format characters that are dropped.
INVISIBLE = _INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
#: Line boundaries, as ``str.splitlines`` knows them.
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_HYPHENS = "-\u2010\u2011"

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u2035\u0060\u00b4\u02bc\u2039\u203a\uff07"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\u301d\u301e\uff02"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"


def _replacements() -> tuple[tuple[str, str], ...]:
    """The one-for-one character foldings: quotes, dashes, whitespace."""
    table = dict.fromkeys(_SINGLE_QUOTES, "'")
    table.update(dict.fromkeys(_DOUBLE_QUOTES, '"'))
    table.update(dict.fromkeys(_DASHES, "-"))
    table.update({chr(cp): " " for cp in range(0x3001) if chr(cp).isspace() and cp != 0x20})
    return tuple(sorted(table.items()))


_REPLACEMENTS = _replacements()
#: Replaced characters that count as letters on their own (the modifier letter
#: apostrophe): folding them changes the tokens, so the fast fold must not skip them.
LETTERS_REPLACED = _LETTERS_REPLACED = "".join(c for c, _ in _REPLACEMENTS if regex.match(r"[^\W_]", c))


def _translate(text: str) -> str:
    # Chained str.replace on the characters present is several times faster
    # than str.translate with a table for non-ASCII text.
    for char, replacement in _REPLACEMENTS:
        if char in text:
            text = text.replace(char, replacement)
    return text


# A hyphen ending a line inside a word: the line break and indentation go.
_HYPHEN_BREAK = re.compile(
    rf"[{_HYPHENS}](?<=[^\W_].)[^\S{_BREAKS}]*(?:\r\n|[{_BREAKS}])\s*(?=[^\W_])"
)
_SPACE_RUN = re.compile("  +")
_ANY_INVISIBLE = re.compile(f"[{_INVISIBLE}]")
# The general case, used only when invisible characters are present: they
# may sit inside whitespace runs or at a line break (a soft hyphen).
_EDITS = re.compile(
    rf"(?P<hyphen>{_HYPHEN_BREAK.pattern})"
    rf"|(?P<soft>\u00ad[^\S{_BREAKS}]*(?:\r\n|[{_BREAKS}])\s*)"
    rf"|(?P<space>(?=[\s{_INVISIBLE}]{{2}})[\s{_INVISIBLE}]*\s[\s{_INVISIBLE}]*)"
    rf"|(?P<drop>[{_INVISIBLE}]+)"
)
# A run of printable ASCII, tabs and line feeds, none of them followed by a character that could join its
# grapheme (only ASCII other than CR may follow; CR LF is one grapheme); else one grapheme.
_PLAIN_OR_GRAPHEME = regex.compile(r"(?:[\t\n\x20-\x7e](?=[\t\n\x20-\x7e]|\Z))+|\X")


@dataclass(frozen=True, eq=False)
class Normalized:
    """A folded text and the map back to its original.

    The map is stored compactly as breakpoints: from folded position
    ``starts[k]`` onward, until the next breakpoint, the original position is
    the folded position plus ``deltas[k]``.

    Use :meth:`span_to_original` for the original span of a folded span, and
    :meth:`to_original` for single positions. Build one with :func:`normalize`
    or :func:`fold_for_tokens`.

    Parameters
    ----------
    text : str
        The folded text.
    original_length : int
        The length of the original text.
    _starts, _deltas : numpy.ndarray of int64
        The map to the start of each character's original extent, as breakpoints.
    _end_starts, _end_deltas : numpy.ndarray of int64, optional
        The map to the end of each character's original extent, where it is
        not one character after its start (case folding that changed lengths).
    """

    text: str
    original_length: int
    _starts: np.ndarray
    _deltas: np.ndarray
    _end_starts: np.ndarray | None = None
    _end_deltas: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.text)

    @property
    def is_identity(self) -> bool:
        """Whether every folded position maps to the same original position."""
        return (self._end_starts is None and self._starts.size == 1 and not self._deltas[0]
                and len(self.text) == self.original_length)

    def to_original(self, positions):
        """Original index of the character that produced each folded position.

        Parameters
        ----------
        positions : int or array of int
            Positions in the folded text, ``0`` to ``len(text)``.

        Returns
        -------
        int or numpy.ndarray of int64
            The original positions (as ``positions``: one int or an array);
            position ``len(text)`` maps to ``original_length``.
        """
        pos = np.asarray(positions, dtype=np.int64)
        mapped = pos + self._deltas[np.searchsorted(self._starts, pos, side="right") - 1]
        return int(mapped) if mapped.ndim == 0 else mapped

    def _end_of(self, positions):
        """One past the original extent of the character at each folded position."""
        pos = np.asarray(positions, dtype=np.int64)
        if self._end_starts is None or self._end_deltas is None:
            return self.to_original(pos) + 1
        mapped = pos + self._end_deltas[np.searchsorted(self._end_starts, pos, side="right") - 1]
        return int(mapped) if mapped.ndim == 0 else mapped

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original ``[start, end)`` covering folded ``[start, end)``.

        Parameters
        ----------
        start, end : int
            A span of the folded text, ``0 <= start <= end <= len(text)``.

        Returns
        -------
        tuple of (int, int)
            The span of the original text the folded span comes from.

        Examples
        --------
        >>> n = normalize("In all its\\n  FORMS")
        >>> n.text
        'in all its forms'
        >>> n.span_to_original(11, 16)
        (13, 18)
        """
        size = len(self.text)
        if not 0 <= start <= end <= size:
            name, value, low = ("start", start, 0) if not 0 <= start <= size else ("end", end, start)
            raise parameter_error(value, name, owner="Normalized.span_to_original",
                                  expected=f"an offset in [{low}, {size}] of the folded text")
        if start == end:
            pos = self.to_original(start)
            return pos, pos
        return self.to_original(start), self._end_of(end - 1)

    def spans_to_original(self, starts, ends) -> tuple[np.ndarray, np.ndarray]:
        """Vectorised :meth:`span_to_original` for non-empty spans.

        Parameters
        ----------
        starts, ends : array of int
            Non-empty spans of the folded text.

        Returns
        -------
        tuple of (numpy.ndarray, numpy.ndarray)
            Their starts and ends in the original text.
        """
        starts = np.asarray(starts, dtype=np.int64)
        ends = np.asarray(ends, dtype=np.int64)
        if starts.size == 0:
            return starts, ends
        return self.to_original(starts), self._end_of(ends - 1)


def _compress(dense: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Breakpoints of a dense position map (``dense[i]`` for folded ``i``)."""
    delta = dense - np.arange(dense.size, dtype=np.int64)
    change = np.flatnonzero(np.diff(delta)) + 1
    starts = np.concatenate(([0], change)).astype(np.int64)
    return starts, delta[starts]


def _prefold(text: str, casefolded: str) -> tuple[str, np.ndarray, np.ndarray] | None:
    """Compose and case-fold grapheme by grapheme, when that changes lengths.

    Returns ``None`` when NFC plus ``casefold`` map the text one character for
    one (the common case, handled without a Python loop). Otherwise returns
    the folded text and, for each of its characters, the original extent
    ``[start, end)`` of the grapheme it came from. Runs of plain ASCII (each
    character its own grapheme, folded to its lower case) are taken whole.
    """
    if len(casefolded) == len(text) and unicodedata.is_normalized("NFC", text):
        return None
    pieces: list[str] = []
    starts: list[np.ndarray] = []
    ends: list[np.ndarray] = []
    for m in _PLAIN_OR_GRAPHEME.finditer(text):
        a, b = m.span()
        piece = m.group()
        if piece.isascii() and "\r" not in piece:  # one grapheme per character ("\r\n" is one grapheme)
            pieces.append(piece.lower())
            starts.append(np.arange(a, b, dtype=np.int64))
            ends.append(np.arange(a + 1, b + 1, dtype=np.int64))
            continue
        folded = unicodedata.normalize("NFC", unicodedata.normalize("NFC", piece).casefold())
        pieces.append(folded)
        starts.append(np.full(len(folded), a, dtype=np.int64))
        ends.append(np.full(len(folded), b, dtype=np.int64))
    starts.append(np.array([len(text)], dtype=np.int64))
    ends.append(np.array([len(text)], dtype=np.int64))
    return "".join(pieces), np.concatenate(starts), np.concatenate(ends)


def _apply(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, list[int], list[int]]:
    """Replace sorted, disjoint ``[a, b)`` stretches; return text and breakpoints."""
    pieces: list[str] = []
    starts = [0]
    deltas = [0]
    last = 0
    out = 0
    for a, b, replacement in edits:
        pieces.append(text[last:a])
        pieces.append(replacement)
        out += (a - last) + len(replacement)
        starts.append(out)
        deltas.append(b - out)
        last = b
    pieces.append(text[last:])
    return "".join(pieces), starts, deltas


def _inside_any(spans: list[tuple[int, int]]):
    """A test for 'position lies inside one of these sorted disjoint spans'."""
    ends = [b for _, b in spans]
    begins = [a for a, _ in spans]

    def inside(pos: int) -> bool:
        k = bisect.bisect_right(begins, pos) - 1
        return k >= 0 and pos < ends[k]

    return inside


def normalize(text: str, *, dehyphenate: bool = False) -> Normalized:
    """Fold ``text`` for matching and keep the map back to it.

    Parameters
    ----------
    text : str
        The verbatim text; it is not modified.
    dehyphenate : bool, default False
        Also drop the hyphen of a word hyphenated across a line break
        (``manifes-\\ntations`` to ``manifestations``). By default the hyphen
        stays and only the line break goes.

    Returns
    -------
    Normalized
        The folded text and the map back to ``text``.

    Examples
    --------
    >>> n = normalize("“Terrorism in all\\r\\nits forms” — self-\\ndetermination")
    >>> n.text
    '"terrorism in all its forms" - self-determination'
    >>> start = n.text.index("all its")
    >>> a, b = n.span_to_original(start, start + len("all its"))
    >>> "“Terrorism in all\\r\\nits forms” — self-\\ndetermination"[a:b]
    'all\\r\\nits'
    """
    check_type(text, "text", owner="normalize", types=str, expected="a str")
    base = text.casefold()
    pre = _prefold(text, base)
    if pre is not None:
        base = pre[0]
    hyphen = "" if dehyphenate else "-"
    if _ANY_INVISIBLE.search(base):
        replace = {"hyphen": hyphen, "soft": "", "space": " ", "drop": ""}
        edits = [(m.start(), m.end(), replace[m.lastgroup or "drop"]) for m in _EDITS.finditer(base)]
        folded, starts, deltas = _apply(base, edits)
        folded = _translate(folded)
    else:
        joins = [m.span() for m in _HYPHEN_BREAK.finditer(base)]
        translated = _translate(base)
        edits = [(a, b, hyphen) for a, b in joins]
        if joins:
            # Whitespace after a line-end hyphen belongs to the join.
            inside = _inside_any(joins)
            edits += [(a, b, " ") for a, b in (m.span() for m in _SPACE_RUN.finditer(translated)) if not inside(a)]
            edits.sort()
        else:
            edits = [(m.start(), m.end(), " ") for m in _SPACE_RUN.finditer(translated)]
        folded, starts, deltas = _apply(translated, edits)

    starts_arr = np.asarray(starts, dtype=np.int64)
    deltas_arr = np.asarray(deltas, dtype=np.int64)
    if pre is None:
        return Normalized(folded, len(text), starts_arr, deltas_arr)
    # Compose folded -> prefolded -> original, then store breakpoints again.
    positions = np.arange(len(folded) + 1, dtype=np.int64)
    in_pre = positions + deltas_arr[np.searchsorted(starts_arr, positions, side="right") - 1]
    s_starts, s_deltas = _compress(pre[1][in_pre])
    e_starts, e_deltas = _compress(pre[2][in_pre])
    return Normalized(folded, len(text), s_starts, s_deltas, e_starts, e_deltas)


def fold_for_tokens(text: str, *, dehyphenate: bool = False) -> Normalized:
    """Fold ``text`` just enough to find its tokens, as fast as possible.

    Tokens (:mod:`toolkit.text.tokens`) are runs of letters and digits, so the
    foldings of whitespace, quotes, dashes and line-end hyphens (keeping the
    hyphen) never change which tokens a text has, only the characters between
    them (the one exception, the modifier letter apostrophe, takes the full
    path). When the text is already composed (NFC), case folding keeps its
    length and it holds no invisible format characters, the folded text is
    ``text.casefold()`` with every position mapping to itself, and no map
    needs building. Otherwise this is :func:`normalize`. Either way the tokens
    of the returned text, mapped back, are the tokens of ``normalize(text)``.

    Parameters
    ----------
    text : str
        The verbatim text.
    dehyphenate : bool, default False
        As for :func:`normalize` (which then always runs).

    Returns
    -------
    Normalized
        The folded text and the map back to ``text``.

    Examples
    --------
    >>> n = fold_for_tokens("In ALL its\\n  forms")
    >>> n.text, n.span_to_original(3, 6)
    ('in all its\\n  forms', (3, 6))
    """
    if not isinstance(text, str):  # checked first, without a call: this runs once for every statement
        check_type(text, "text", owner="fold_for_tokens", types=str, expected="a str")
    casefolded = text.casefold()
    if (
        not dehyphenate
        and len(casefolded) == len(text)
        and not any(char in text for char in _INVISIBLE + _LETTERS_REPLACED)
        and (text.isascii() or unicodedata.is_normalized("NFC", text))
    ):
        zero = np.zeros(1, dtype=np.int64)
        return Normalized(casefolded, len(text), zero, zero)
    return normalize(text, dehyphenate=dehyphenate)


def fold(text: str) -> str:
    """The folded form of a short string (a pattern word, a token).

    Parameters
    ----------
    text : str
        The string.

    Returns
    -------
    str
        ``normalize(text).text``.

    Examples
    --------
    >>> fold("Türkiye’s")
    "türkiye's"
    """
    return normalize(text).text
