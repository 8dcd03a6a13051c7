"""The pattern language of formulae and its compiler.

The pattern language
--------------------
A pattern is a sequence of words separated by spaces. Each word matches one
token (:mod:`toolkit.text.tokens`) case-insensitively, whatever whitespace, line
breaks, quotes or punctuation sit between the tokens of the text.

==========================  ====================================================
``condemn``                 the token ``condemn`` (any case)
``condemn*``                a glob: ``*`` stands for any letters or digits, so
                            condemn, condemns, condemned, condemnation
``heinous|cowardly``        one of several words
``[of]``, ``[of the]``      optional words, taken when present
``_``                       any one token
``_{0,3}``, ``_{2}``        a gap of 0 to 3 tokens, of exactly 2 tokens; a gap
                            takes as few tokens as it can
==========================  ====================================================

A pattern word is folded and split into tokens exactly like the text, so
``Pakistan's`` matches the two tokens ``pakistan s`` and ``self-determination``
the two tokens ``self determination``. A gap may not begin or end a pattern
(it would only blur the span) and a pattern needs at least one word outside
brackets. Errors name the pattern and the position of the problem.

Lexicons of formulae built from patterns are in :mod:`toolkit.formulae.lexicon`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import regex

from ..errors import ParameterError
from ..text.normalize import fold
from ..text.tokens import TOKEN_PATTERN
from ..validation import check_type

__all__ = ["MAX_GAP", "Pattern", "PatternError", "TokenTest", "compile_pattern"]

#: The largest gap a pattern may ask for.
MAX_GAP = 50
# A pattern word split into tokens: the tokens of the text, where '*' counts as a letter.
_WORD_PIECES = regex.compile(rf"(?:{TOKEN_PATTERN}|\*)+", regex.UNICODE)
_GAP = re.compile(r"_(?:\{(\d+)(?:,(\d+))?\})?")


class PatternError(ParameterError):
    """A pattern that cannot be compiled: ``bad pattern 'P' at position N: problem`` (N 1-based).

    It is a :class:`~toolkit.errors.ParameterError` (exit status 2), with a
    message of its own: a pattern's problem lies at a place in it.

    Parameters
    ----------
    pattern : str
        The pattern as written.
    position : int
        Where the problem is, 0-based in ``pattern``.
    problem : str
        What the problem is.
    """

    def __init__(self, pattern: str, position: int, problem: str):
        self.pattern = pattern
        self.position = position
        self.problem = problem
        super().__init__(f"bad pattern {pattern!r} at position {position + 1}: {problem}")


# ---------------------------------------------------------------------------
# Compiled patterns
# ---------------------------------------------------------------------------
class TokenTest:
    """Does a folded token match one pattern word (literals and globs)?

    Call it with a folded token; it answers True or False.

    Parameters
    ----------
    words : sequence of str
        The folded forms the token may have: literals, and globs where ``*``
        stands for any letters or digits.
    text : str
        The pattern word as written, for messages and the prefilter.

    Examples
    --------
    >>> test = TokenTest(["condemn*", "deplore"], "condemn*|deplore")
    >>> test("condemnation"), test("deplore"), test("deplores")
    (True, True, False)
    """

    __slots__ = ("literals", "glob", "_memo", "text")

    def __init__(self, words: Sequence[str], text: str):
        self.literals = frozenset(w for w in words if "*" not in w)
        globs = [w for w in words if "*" in w]
        self.glob = (
            re.compile("|".join(r"[^\W_]*".join(map(re.escape, w.split("*"))) for w in globs)) if globs else None
        )
        self._memo: dict[str, bool] = {}
        self.text = text

    def __call__(self, token: str) -> bool:
        """Whether a token matches.

        Parameters
        ----------
        token : str
            A folded token.

        Returns
        -------
        bool
            True when it is one of the literals or matches a glob.
        """
        if token in self.literals:
            return True
        if self.glob is None:
            return False
        found = self._memo.get(token)
        if found is None:
            if len(self._memo) > 200_000:
                self._memo.clear()
            found = self._memo[token] = self.glob.fullmatch(token) is not None
        return found

    def __repr__(self) -> str:
        return f"<{self.text}>"


@dataclass(frozen=True)
class _Seq:
    """Tokens in a row (one alternative of a word, or the words of ``[...]``)."""

    tests: tuple[TokenTest, ...]


@dataclass(frozen=True)
class _Choice:
    options: tuple[_Seq, ...]  # longest first


@dataclass(frozen=True)
class _Optional:
    items: tuple  # of TokenTest | _Choice


@dataclass(frozen=True)
class _Gap:
    low: int
    high: int


def _match_seq(tests: Sequence[TokenTest], tokens: Sequence[str], i: int, limit: int) -> int:
    if i + len(tests) > limit:
        return -1
    for k, test in enumerate(tests):
        if not test(tokens[i + k]):
            return -1
    return i + len(tests)


def _match_items(items: tuple, k: int, tokens: Sequence[str], i: int, limit: int) -> int:
    """End of the first way ``items[k:]`` matches at token ``i`` without passing ``limit``, or -1.

    Alternatives are tried longest first, optional words present first and
    gaps shortest first, so the result is the preferred match at ``i``.
    """
    if k == len(items):
        return i
    item = items[k]
    if isinstance(item, TokenTest):
        if i < limit and item(tokens[i]):
            return _match_items(items, k + 1, tokens, i + 1, limit)
        return -1
    if isinstance(item, _Choice):
        for option in item.options:
            j = _match_seq(option.tests, tokens, i, limit)
            if j >= 0:
                end = _match_items(items, k + 1, tokens, j, limit)
                if end >= 0:
                    return end
        return -1
    if isinstance(item, _Optional):
        j = _match_items(item.items, 0, tokens, i, limit)
        if j >= 0:
            end = _match_items(items, k + 1, tokens, j, limit)
            if end >= 0:
                return end
        return _match_items(items, k + 1, tokens, i, limit)
    for width in range(item.low, item.high + 1):  # _Gap
        if i + width > limit:
            break
        end = _match_items(items, k + 1, tokens, i + width, limit)
        if end >= 0:
            return end
    return -1


def _first_tests(items: tuple) -> list[TokenTest]:
    """Every test that can match the first token of a match of ``items``."""
    tests: list[TokenTest] = []
    for item in items:
        if isinstance(item, TokenTest):
            return tests + [item]
        if isinstance(item, _Choice):
            return tests + [option.tests[0] for option in item.options]
        if isinstance(item, _Optional):
            tests += _first_tests(item.items)
            continue
        raise AssertionError("a pattern never starts with a gap")  # pragma: no cover - refused when compiling
    return tests


@dataclass(frozen=True, eq=False)
class Pattern:
    """A compiled pattern. Build one with :func:`compile_pattern`.

    Parameters
    ----------
    text : str
        The pattern exactly as written.
    _items : tuple
        The compiled items: token tests, choices, optional groups and gaps.
    min_tokens, max_tokens : int
        The fewest and most tokens a match can span.
    """

    text: str
    _items: tuple = field(repr=False)
    min_tokens: int = 0
    max_tokens: int = 0

    def match_at(self, tokens: Sequence[str], i: int, limit: int | None = None) -> int:
        """The end of the preferred match starting at token ``i``.

        Alternatives are tried longest first, optional words present first and
        gaps shortest first.

        Parameters
        ----------
        tokens : sequence of str
            Folded tokens.
        i : int
            Where the match starts.
        limit : int, optional
            A match uses no token at or after ``limit`` (default: the end of ``tokens``).

        Returns
        -------
        int
            The exclusive token index where the match ends, or -1 when none starts at ``i``.
        """
        return _match_items(self._items, 0, tokens, i, len(tokens) if limit is None else limit)

    def first_tests(self) -> list[TokenTest]:
        """The token tests one of which the first token of any match passes.

        Returns
        -------
        list of TokenTest
            The tests of the first word, and of each optional group before it.
        """
        return _first_tests(self._items)

    def second_test(self) -> TokenTest | None:
        """The test the second token of every match passes, when the pattern starts with two plain words.

        Returns
        -------
        TokenTest or None
            The test of the second word, or None.
        """
        items = self._items
        if len(items) > 1 and isinstance(items[0], TokenTest) and isinstance(items[1], TokenTest):
            return items[1]
        return None

    def required_words(self) -> list[frozenset]:
        """For each plain word every match needs, the set of tokens it can be (globs excluded).

        Returns
        -------
        list of frozenset of str
            One set per required word without a glob: a text holding none of
            a set's tokens holds no match.
        """
        return [item.literals for item in self._items if isinstance(item, TokenTest) and item.glob is None]

    @property
    def fixed(self) -> bool:
        """Whether every match has the same tokens count: a row of words, none optional, no gap."""
        return all(isinstance(item, TokenTest) for item in self._items)

    @property
    def literal(self) -> bool:
        """Whether the pattern is a fixed row of ASCII words without digits or ``*`` ("human rights")."""
        return self.fixed and all(item.glob is None and all(w.isascii() and w.isalpha() for w in item.literals)
                                  for item in self._items)

    def exact_expression(self) -> str | None:
        """For a fixed pattern without digits: a regular expression that matches exactly its matches.

        Applied (case-insensitively) to the text of ``n`` whole tokens, where
        ``n`` is the pattern's length, it matches when those tokens are a match:
        each word is a token and what lies between them holds no token
        character.

        Returns
        -------
        str or None
            The expression; None for other patterns, which are matched token by token.
        """
        if not self.fixed or any(c.isdigit() for item in self._items for c in item.text):
            return None
        words = []
        for item in self._items:
            forms = sorted(item.literals)
            if item.glob is not None:
                forms += [fold(w) for w in item.text.split("|") if "*" in w]
            words.append("(?:" + "|".join(r"[^\W_]*".join(map(re.escape, w.split("*"))) for w in forms) + ")")
        return r"[\W_]+".join(words)

    def prefilter_expression(self) -> str:
        """A regular expression over UTF-8 bytes that matches wherever this pattern can (and more).

        Hyperscan scans a text for it case-insensitively (:mod:`toolkit.formulae.scan`):
        every match of the pattern ends where the expression reports a match,
        so a text with no report holds no match. Separators are any bytes but
        ASCII letters and digits, a non-ASCII character is any run of
        non-ASCII bytes, and a gap takes up to its maximum of tokens; the
        matcher checks every report against the tokens.

        Returns
        -------
        str
            The expression, in ASCII (Hyperscan's syntax, as Python's ``re`` reads it too).
        """
        return _relaxed(self._items, lead=False)

    def finditer(self, tokens: Sequence[str]) -> Iterator[tuple[int, int]]:
        """Non-overlapping ``(start, end)`` token ranges, left to right, in one run of tokens.

        Parameters
        ----------
        tokens : sequence of str
            Folded tokens (of one sentence: no break is looked for).

        Returns
        -------
        iterator of tuple of (int, int)
            The token span of each match.

        Examples
        --------
        >>> p = compile_pattern("in all [of] its forms")
        >>> list(p.finditer("terrorism in all its forms in all of its forms".split()))
        [(1, 5), (5, 10)]
        """
        i = 0
        while i < len(tokens):
            end = self.match_at(tokens, i)
            if end > i:
                yield i, end
                i = end
            else:
                i += 1


_SEPARATOR = r"[^0-9A-Za-z]"
_WORD_BYTE = r"[0-9A-Za-z\x80-\xff]"
_GAP_TOKEN = r"[0-9A-Za-z.,\x80-\xff]+"


def _relaxed_word(word: str) -> str:
    """A folded pattern word (``*`` for any letters) as bytes: ASCII kept, other characters as non-ASCII runs."""
    pieces = []
    for char in word:
        if char == "*":
            pieces.append(_WORD_BYTE + "*")
        elif char.isascii():
            pieces.append(re.escape(char))
        else:
            pieces.append(r"[\x80-\xff]+")
    return "".join(pieces)


def _relaxed_test(test: TokenTest) -> str:
    words = sorted(test.literals) + [w for w in (test.text.split("|") if test.glob is not None else []) if "*" in w]
    return "(?:" + "|".join(_relaxed_word(fold(w)) for w in words) + ")"


def _may_be_number(item) -> bool:
    """Whether the last token this item matches can be a number with separators, which the next may touch."""
    if isinstance(item, TokenTest):
        return any(c in ".," for c in item.text)
    if isinstance(item, _Choice):
        return any(_may_be_number(option.tests[-1]) for option in item.options)
    if isinstance(item, _Optional):
        return _may_be_number(item.items[-1])
    return True  # a gap's tokens may be anything


def _relaxed(items: tuple, *, lead: bool, number: bool = False) -> str:
    """The prefilter expression of a run of items.

    ``lead``: a separator comes before the first item; ``number``: the token
    before may be a number, which the next token may touch ("1,000km").
    """
    parts: list[str] = []
    for item in items:
        separator = (_SEPARATOR + ("*" if number else "+")) if lead else ""
        if isinstance(item, _Gap):
            parts.append(f"(?:{_SEPARATOR}+{_GAP_TOKEN}){{0,{item.high}}}")
            number = True
            continue
        if isinstance(item, _Optional):
            inner = _relaxed(item.items, lead=lead, number=number)
            if not lead:  # "[the] attack": the optional words and their separator, or nothing
                parts.append(f"(?:{inner}{_SEPARATOR}*)?")
                number = True
                continue
            parts.append(f"(?:{inner})?")
            number = number or _may_be_number(item)
        elif isinstance(item, _Choice):
            options = ["".join((_SEPARATOR + ("*" if _may_be_number(o.tests[k - 1]) else "+") if k else "")
                               + _relaxed_test(t) for k, t in enumerate(o.tests)) for o in item.options]
            parts.append(separator + "(?:" + "|".join(options) + ")")
            number = _may_be_number(item)
        else:
            parts.append(separator + _relaxed_test(item))
            number = _may_be_number(item)
        lead = True
    return "".join(parts)


def _word_test(pattern: str, position: int, word: str) -> tuple[TokenTest, ...] | _Choice:
    """Compile one word (``a|b*``) to one test per token, or a choice of token rows."""
    options: list[list[str]] = []
    offset = position
    for alternative in word.split("|"):
        if not alternative:
            raise PatternError(pattern, offset, "empty alternative in '|'")
        if alternative == "_" or _GAP.fullmatch(alternative):
            raise PatternError(pattern, offset, "a gap '_' cannot be an alternative or sit inside '[...]'")
        folded = fold(alternative)
        pieces = _WORD_PIECES.findall(folded)
        if not pieces:
            raise PatternError(pattern, offset, f"{alternative!r} has no letters or digits")
        for piece in pieces:
            if piece.strip("*") == "":
                raise PatternError(pattern, offset, "'*' must stand inside a word with letters or digits; "
                                                    "use '_' for any one token")
            if "**" in piece:
                raise PatternError(pattern, offset + max(alternative.find("**"), 0), "'**' is one '*' written twice")
        options.append(pieces)
        offset += len(alternative) + 1
    if len(options) == 1:
        return tuple(TokenTest([piece], piece) for piece in options[0])
    if all(len(option) == 1 for option in options):
        return (TokenTest([option[0] for option in options], word),)
    ordered = sorted(options, key=len, reverse=True)  # longest first; sort is stable
    return _Choice(tuple(_Seq(tuple(TokenTest([p], p) for p in option)) for option in ordered))


def _span_of(items) -> tuple[int, int]:
    low = high = 0
    for item in items:
        if isinstance(item, TokenTest):
            low, high = low + 1, high + 1
        elif isinstance(item, _Choice):
            lengths = [len(o.tests) for o in item.options]
            low, high = low + min(lengths), high + max(lengths)
        elif isinstance(item, _Optional):
            high += _span_of(item.items)[1]
        else:
            low, high = low + item.low, high + item.high
    return low, high


def compile_pattern(pattern: str) -> Pattern:
    """Compile a pattern of the pattern language (see the module documentation).

    Parameters
    ----------
    pattern : str
        The pattern, such as ``"in all [of] its forms"`` or
        ``"bring|brought _{0,12} to justice"``.

    Returns
    -------
    Pattern
        The compiled pattern, which keeps ``pattern`` as its ``text``.

    Raises
    ------
    PatternError
        Naming the pattern and the 1-based position of the problem.
    ParameterError
        When ``pattern`` is not a str.

    Examples
    --------
    >>> p = compile_pattern("bring|brought _{0,12} to justice")
    >>> p.min_tokens, p.max_tokens
    (3, 15)
    >>> compile_pattern("in all [its forms")
    Traceback (most recent call last):
    ...
    toolkit.formulae.pattern.PatternError: bad pattern 'in all [its forms' at position 8: '[' is never closed
    """
    check_type(pattern, "pattern", owner="compile_pattern", types=str, expected="a str")
    parser = _Parser(pattern)
    for m in re.finditer(r"\S+", pattern):
        parser.read(m.group(), m.start())
    items = parser.finish()
    low, high = _span_of(items)
    if low == 0:
        raise PatternError(pattern, 0, "every word is optional: a pattern needs a word outside '[...]'")
    return Pattern(pattern, tuple(items), low, high)


class _Parser:
    """Compiles a pattern one word (a run of non-space characters) at a time.

    It holds the items compiled so far, and the words of an optional group
    ``[...]`` while one is open.
    """

    def __init__(self, pattern: str):
        self.pattern = pattern
        self.items: list = []
        self.optional: list | None = None  # the words of the open '[...]', if any
        self.opened = -1  # where the open '[' is

    def error(self, position: int, problem: str) -> PatternError:
        return PatternError(self.pattern, position, problem)

    def read(self, word: str, position: int) -> None:
        """Compile one word of the pattern, found at ``position``, with the brackets around it."""
        end = position + len(word)
        while word.startswith("["):
            if self.optional is not None:
                raise self.error(position, "'[' inside '[...]': optional words do not nest")
            self.optional, self.opened = [], position
            word, position = word[1:], position + 1
        closes = len(word) - len(word.rstrip("]"))
        word = word[:len(word) - closes]
        if "[" in word or "]" in word:
            raise self.error(position + max(word.find("["), word.find("]")),
                             "brackets go around whole words: '[of]', '[of the]'")
        if word:
            self._add(word, position)
        elif closes == 0:
            raise self.error(position, "'[' must be followed by a word")
        for _ in range(closes):
            self._close(end - closes)

    def _add(self, word: str, position: int) -> None:
        gap = _GAP.fullmatch(word)
        if gap is not None:
            self.items.append(self._gap(word, position, gap))
        elif word.startswith("_") or "{" in word or "}" in word:
            raise self.error(position, f"{word!r} is not a word or a gap ('_', '_{{N}}' or '_{{M,N}}')")
        else:
            target = self.items if self.optional is None else self.optional
            compiled = _word_test(self.pattern, position, word)
            if isinstance(compiled, _Choice):
                target.append(compiled)
            else:
                target.extend(compiled)

    def _gap(self, word: str, position: int, gap: re.Match) -> _Gap:
        """The gap ``word`` (``_``, ``_{N}``, ``_{M,N}``), refused where a gap cannot be."""
        if self.optional is not None:
            raise self.error(position, "a gap '_' cannot be an alternative or sit inside '[...]'")
        if gap.group(1) is None:
            low = high = 1
        else:
            low = int(gap.group(1))
            high = int(gap.group(2)) if gap.group(2) else low
        if low > high:
            raise self.error(position, f"gap {word}: the minimum {low} exceeds the maximum {high}")
        if high > MAX_GAP:
            raise self.error(position, f"gap {word}: at most {MAX_GAP} tokens")
        if high == 0:
            raise self.error(position, f"gap {word} matches nothing")
        if not self.items:
            raise self.error(position, "a pattern cannot begin with a gap")
        if isinstance(self.items[-1], _Gap):
            raise self.error(position, "two gaps in a row: write one gap")
        return _Gap(low, high)

    def _close(self, position: int) -> None:
        """Close the open optional group at a ``]`` found at ``position``."""
        if self.optional is None:
            raise self.error(position, "']' without '['")
        if not self.optional:
            raise self.error(self.opened, "'[]' holds no word")
        self.items.append(_Optional(tuple(self.optional)))
        self.optional = None

    def finish(self) -> list:
        """The items of the whole pattern, refused if a group is left open, nothing was read or a gap ends it."""
        if self.optional is not None:
            raise self.error(self.opened, "'[' is never closed")
        if not self.items:
            raise self.error(0, "the pattern is empty")
        if isinstance(self.items[-1], _Gap):
            raise self.error(len(self.pattern.rstrip()) - 1, "a pattern cannot end with a gap")
        return self.items
