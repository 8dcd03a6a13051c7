"""Formulae, the pattern language that describes them, and lexicons of formula families.

The pattern language
--------------------
A pattern is a sequence of words separated by spaces. Each word matches one
token (:mod:`toolkit.tokens`) case-insensitively, whatever whitespace, line
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

A lexicon groups patterns into formula *families* (for example everything
that says "in all its forms and manifestations"), each with *variants* (the
full form, the truncated "in all its forms", ...). Within a family the
longest match wins and each hit records its variant: "in all its forms and
manifestations" never also counts as "in all its forms". Families are
independent of one another: one stretch of text may be a hit of two families.

Lexicon files are YAML; see :func:`parse_lexicon` for the format. Reading a
file is the job of :mod:`toolkit.io`; this module parses text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Sequence

import regex
import yaml

from .errors import InputError, ParameterError
from .normalize import fold
from .tokens import TOKEN_PATTERN

__all__ = [
    "Pattern",
    "PatternError",
    "Formula",
    "Family",
    "Lexicon",
    "compile_pattern",
    "parse_lexicon",
]

#: The largest gap a pattern may ask for.
MAX_GAP = 50
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
# A pattern word split into tokens: the tokens of the text, where '*' counts as a letter.
_WORD_PIECES = regex.compile(rf"(?:{TOKEN_PATTERN}|\*)+", regex.UNICODE)
_GAP = re.compile(r"_(?:\{(\d+)(?:,(\d+))?\})?")


class PatternError(ParameterError):
    """A pattern that cannot be compiled; ``position`` is 0-based in the pattern."""

    def __init__(self, pattern: str, position: int, problem: str):
        self.pattern = pattern
        self.position = position
        self.problem = problem
        super().__init__(f"bad pattern {pattern!r} at position {position + 1}: {problem}")


# ---------------------------------------------------------------------------
# Compiled patterns
# ---------------------------------------------------------------------------
class _TokenTest:
    """Does a folded token match one pattern word (literals and globs)?"""

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

    tests: tuple[_TokenTest, ...]


@dataclass(frozen=True)
class _Choice:
    options: tuple[_Seq, ...]  # longest first


@dataclass(frozen=True)
class _Optional:
    items: tuple  # of _TokenTest | _Choice


@dataclass(frozen=True)
class _Gap:
    low: int
    high: int


def _match_seq(tests: Sequence[_TokenTest], tokens: Sequence[str], i: int, limit: int) -> int:
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
    if isinstance(item, _TokenTest):
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


def _first_tests(items: tuple) -> list[_TokenTest]:
    """Every test that can match the first token of a match of ``items``."""
    tests: list[_TokenTest] = []
    for item in items:
        if isinstance(item, _TokenTest):
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

    Attributes
    ----------
    text : str
        The pattern exactly as written.
    min_tokens, max_tokens : int
        The fewest and most tokens a match can span.
    """

    text: str
    _items: tuple = field(repr=False)
    min_tokens: int = 0
    max_tokens: int = 0

    def match_at(self, tokens: Sequence[str], i: int, limit: int | None = None) -> int:
        """The end (exclusive token index) of the preferred match starting at token ``i``, or -1.

        A match uses no token at or after ``limit`` (default: the end of ``tokens``).
        """
        return _match_items(self._items, 0, tokens, i, len(tokens) if limit is None else limit)

    def first_tests(self) -> list:
        """The token tests one of which the first token of any match passes."""
        return _first_tests(self._items)

    def second_test(self):
        """The test the second token of every match passes, when the pattern starts with two plain words."""
        items = self._items
        if len(items) > 1 and isinstance(items[0], _TokenTest) and isinstance(items[1], _TokenTest):
            return items[1]
        return None

    def required_words(self) -> list[frozenset]:
        """For each plain word every match needs, the set of tokens it can be (globs excluded)."""
        return [item.literals for item in self._items if isinstance(item, _TokenTest) and item.glob is None]

    def finditer(self, tokens: Sequence[str]) -> Iterator[tuple[int, int]]:
        """Non-overlapping ``(start, end)`` token ranges, left to right, in one run of tokens.

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


def _word_test(pattern: str, position: int, word: str) -> tuple[_TokenTest, ...] | _Choice:
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
        return tuple(_TokenTest([piece], piece) for piece in options[0])
    if all(len(option) == 1 for option in options):
        return (_TokenTest([option[0] for option in options], word),)
    ordered = sorted(options, key=len, reverse=True)  # longest first; sort is stable
    return _Choice(tuple(_Seq(tuple(_TokenTest([p], p) for p in option)) for option in ordered))


def _span_of(items) -> tuple[int, int]:
    low = high = 0
    for item in items:
        if isinstance(item, _TokenTest):
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

    Raises
    ------
    PatternError
        Naming the pattern and the 1-based position of the problem.

    Examples
    --------
    >>> p = compile_pattern("bring|brought _{0,12} to justice")
    >>> p.min_tokens, p.max_tokens
    (3, 15)
    >>> compile_pattern("in all [its forms")
    Traceback (most recent call last):
    ...
    toolkit.lexicon.PatternError: bad pattern 'in all [its forms' at position 8: '[' is never closed
    """
    if not isinstance(pattern, str):
        raise ParameterError(f"A pattern must be a str. Got {type(pattern).__name__} instead.")
    items: list = []
    optional: list | None = None
    opened = -1
    for m in re.finditer(r"\S+", pattern):
        word, position = m.group(), m.start()
        while word.startswith("["):
            if optional is not None:
                raise PatternError(pattern, position, "'[' inside '[...]': optional words do not nest")
            optional, opened = [], position
            word, position = word[1:], position + 1
        closes = 0
        while word.endswith("]"):
            word, closes = word[:-1], closes + 1
        if "[" in word or "]" in word:
            raise PatternError(pattern, position + max(word.find("["), word.find("]")),
                               "brackets go around whole words: '[of]', '[of the]'")
        if word:
            target = items if optional is None else optional
            gap = _GAP.fullmatch(word)
            if gap is not None:
                if optional is not None:
                    raise PatternError(pattern, position, "a gap '_' cannot be an alternative or sit inside '[...]'")
                low = int(gap.group(1)) if gap.group(1) else 1
                high = int(gap.group(2)) if gap.group(2) else low
                if gap.group(1) is None:
                    low = high = 1
                if low > high:
                    raise PatternError(pattern, position, f"gap {word}: the minimum {low} exceeds the maximum {high}")
                if high > MAX_GAP:
                    raise PatternError(pattern, position, f"gap {word}: at most {MAX_GAP} tokens")
                if high == 0:
                    raise PatternError(pattern, position, f"gap {word} matches nothing")
                if not items:
                    raise PatternError(pattern, position, "a pattern cannot begin with a gap")
                if isinstance(items[-1], _Gap):
                    raise PatternError(pattern, position, "two gaps in a row: write one gap")
                items.append(_Gap(low, high))
            elif word.startswith("_") or "{" in word or "}" in word:
                raise PatternError(pattern, position, f"{word!r} is not a word or a gap ('_', '_{{N}}' or '_{{M,N}}')")
            else:
                compiled = _word_test(pattern, position, word)
                if isinstance(compiled, _Choice):
                    target.append(compiled)
                else:
                    target.extend(compiled)
        elif closes == 0:
            raise PatternError(pattern, position, "'[' must be followed by a word")
        for _ in range(closes):
            if optional is None:
                raise PatternError(pattern, m.end() - closes, "']' without '['")
            if not optional:
                raise PatternError(pattern, opened, "'[]' holds no word")
            items.append(_Optional(tuple(optional)))
            optional = None
    if optional is not None:
        raise PatternError(pattern, opened, "'[' is never closed")
    if not items:
        raise PatternError(pattern, 0, "the pattern is empty")
    if isinstance(items[-1], _Gap):
        raise PatternError(pattern, len(pattern.rstrip()) - 1, "a pattern cannot end with a gap")
    low, high = _span_of(items)
    if low == 0:
        raise PatternError(pattern, 0, "every word is optional: a pattern needs a word outside '[...]'")
    return Pattern(pattern, tuple(items), low, high)


# ---------------------------------------------------------------------------
# Formulae, families, lexicons
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Formula:
    """One variant of a family: the unit counts are reported for.

    ``id`` is ``family/variant`` for lexicon formulae and the pattern text
    itself for an ad hoc phrase.
    """

    id: str
    family: str
    variant: str
    patterns: tuple[Pattern, ...]

    @property
    def pattern_texts(self) -> tuple[str, ...]:
        return tuple(p.text for p in self.patterns)


@dataclass(frozen=True)
class Family:
    """Formulae that say the same thing, of which the longest match wins."""

    id: str
    label: str
    canonical: str
    formulas: tuple[Formula, ...]
    example: str | None = None
    note: str | None = None


def _check_id(value: str, what: str) -> str:
    if not _ID.fullmatch(value):
        raise ValueError(f"{what} {value!r} must be letters, digits, '_', '.' or '-', starting with a letter or digit")
    return value


class Lexicon:
    """An ordered collection of formula families.

    Build one from a YAML text with :func:`parse_lexicon` (or from a file with
    :func:`toolkit.io.read_lexicon`), from ad hoc patterns with
    :meth:`from_phrases`, and combine lexicons with ``+``.

    Examples
    --------
    >>> lex = Lexicon.from_phrases(["in all its forms", "condemn*"])
    >>> [f.id for f in lex.formulas]
    ['in all its forms', 'condemn*']
    """

    def __init__(self, families: Iterable[Family], *, name: str = "lexicon"):
        self.families: tuple[Family, ...] = tuple(families)
        self.name = name
        family_ids = [family.id for family in self.families]
        formula_ids = [f.id for family in self.families for f in family.formulas]
        for ids, what in ((family_ids, "families"), (formula_ids, "formulae")):
            twice = sorted({key for key in ids if ids.count(key) > 1})
            if twice:
                raise ParameterError(f"{twice[0]!r} names two {what} in the lexicon")
        clash = sorted(set(family_ids) & {f.id for fam in self.families for f in fam.formulas if f.id != fam.id})
        if clash:
            raise ParameterError(f"{clash[0]!r} names both a family and a formula of another family")
        self.formulas: tuple[Formula, ...] = tuple(f for family in self.families for f in family.formulas)
        self._by_id = {f.id: f for f in self.formulas}
        self._families = {family.id: family for family in self.families}

    @classmethod
    def from_phrases(cls, phrases: Iterable[str]) -> "Lexicon":
        """One family per pattern, whose formula id is the pattern text exactly as given."""
        if isinstance(phrases, str):
            raise ParameterError("The 'phrases' parameter of Lexicon.from_phrases must be a list of patterns. "
                                 "Got a single str instead.")
        families = []
        for text in phrases:
            pattern = compile_pattern(text)
            formula = Formula(text, text, "", (pattern,))
            families.append(Family(text, text, text, (formula,)))
        return cls(families, name="phrases")

    def __add__(self, other: "Lexicon") -> "Lexicon":
        if not isinstance(other, Lexicon):
            return NotImplemented
        return Lexicon(self.families + other.families, name=f"{self.name}+{other.name}")

    def __len__(self) -> int:
        return len(self.formulas)

    def __iter__(self) -> Iterator[Formula]:
        return iter(self.formulas)

    def __repr__(self) -> str:
        n_patterns = sum(len(f.patterns) for f in self.formulas)
        return f"<Lexicon {self.name!r}: {len(self.families)} families, {len(self.formulas)} formulae, " \
               f"{n_patterns} patterns>"

    def family(self, family_id: str) -> Family:
        try:
            return self._families[family_id]
        except KeyError:
            raise ParameterError(f"no family {family_id!r} in the lexicon") from None

    def select(self, ids: Iterable[str]) -> "Lexicon":
        """The whole families that hold ``ids`` (family or formula ids), in lexicon order.

        Whole families, because which variant a stretch of text counts as
        depends on the family's other variants (the longest match wins):
        filter the matches by formula afterwards.

        Examples
        --------
        >>> lex = parse_lexicon('''
        ... families:
        ...   - id: forms
        ...     label: In all its forms
        ...     canonical: in all its forms and manifestations
        ...     variants: {full: in all its forms and manifestations, truncated: in all its forms}
        ... ''')
        >>> [f.id for f in lex.select(["forms/truncated"]).formulas]
        ['forms/full', 'forms/truncated']
        """
        if isinstance(ids, str):
            ids = [ids]
        wanted = set()
        for key in ids:
            if key in self._families:
                wanted.add(key)
            elif key in self._by_id:
                wanted.add(self._by_id[key].family)
            else:
                known = ", ".join(sorted(self._families)[:6])
                raise ParameterError(f"no formula or family {key!r} in the lexicon {self.name!r} "
                                     f"(families include {known})")
        return Lexicon([family for family in self.families if family.id in wanted], name=self.name)

    def to_frame(self):
        """One row per pattern: family, label, canonical, formula, variant, pattern."""
        import pandas as pd

        rows = [
            {"family": fam.id, "label": fam.label, "canonical": fam.canonical, "formula": f.id,
             "variant": f.variant, "pattern": p.text}
            for fam in self.families for f in fam.formulas for p in f.patterns
        ]
        return pd.DataFrame(rows, columns=["family", "label", "canonical", "formula", "variant", "pattern"])

    def to_yaml(self) -> str:
        """The lexicon as YAML text that :func:`parse_lexicon` reads back."""
        families = []
        for fam in self.families:
            entry = {"id": fam.id, "label": fam.label, "canonical": fam.canonical}
            if fam.example:
                entry["example"] = fam.example
            if fam.note:
                entry["note"] = fam.note
            entry["variants"] = {
                f.variant or "main": list(f.pattern_texts) if len(f.patterns) > 1 else f.patterns[0].text
                for f in fam.formulas
            }
            families.append(entry)
        return yaml.safe_dump({"families": families}, sort_keys=False, allow_unicode=True, width=100)


# ---------------------------------------------------------------------------
# The YAML format
# ---------------------------------------------------------------------------
class _Reader:
    """Walks a composed YAML node tree, raising errors at the node's place."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, node, message: str, column_offset: int = 0) -> InputError:
        mark = node.start_mark
        return InputError(message, source=self.source, line=mark.line + 1, column=mark.column + 1 + column_offset)

    def mapping(self, node, what: str) -> dict:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping (key: value)")
        found = {}
        for key, value in node.value:
            name = self.scalar(key, "a key")
            if name in found:
                raise self.fail(key, f"{name!r} appears twice in {what}")
            found[name] = (key, value)
        return found

    def scalar(self, node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or node.value == "" and node.tag.endswith(":null"):
            raise self.fail(node, f"{what} must be a single value")
        return node.value


_FAMILY_KEYS = {"id", "label", "canonical", "variants", "example", "note"}


def parse_lexicon(text: str, *, source: str = "<lexicon>") -> Lexicon:
    """Parse a lexicon written in YAML.

    The format (comments with ``#`` are allowed anywhere)::

        families:
          - id: all_forms                      # letters, digits, _ . -
            label: In all its forms and manifestations
            canonical: terrorism in all its forms and manifestations
            example: "combat terrorism in all its forms and manifestations"
            note: optional free text
            variants:                          # variant id: pattern, or a list of patterns
              full: in all [of] its|their forms and manifestations
              truncated: in all [of] its|their forms

    ``id``, ``label``, ``canonical`` and ``variants`` are required. Formula
    ids are ``family/variant``.

    Raises
    ------
    InputError
        For bad YAML, a missing or unknown key or a bad pattern, naming
        ``source``, the line and the column.
    """
    reader = _Reader(source)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        raise InputError(f"invalid YAML: {problem}", source=source,
                         line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {' '.join(str(exc).split())}", source=source) from None
    if root is None:
        raise InputError("the lexicon is empty", source=source)
    top = reader.mapping(root, "the lexicon")
    unknown = set(top) - {"families", "name"}
    if unknown:
        key = min(unknown)
        raise reader.fail(top[key][0], f"unknown key {key!r} (expected 'families' and optionally 'name')")
    if "families" not in top:
        raise reader.fail(root, "the lexicon has no 'families'")
    name = reader.scalar(top["name"][1], "'name'") if "name" in top else source
    families_node = top["families"][1]
    if not isinstance(families_node, yaml.SequenceNode) or not families_node.value:
        raise reader.fail(families_node, "'families' must be a non-empty list")
    families = []
    seen: dict[str, object] = {}
    for node in families_node.value:
        family = _parse_family(reader, node)
        for key in [family.id] + [f.id for f in family.formulas]:
            if key in seen:
                raise reader.fail(node, f"{key!r} is defined twice")
            seen[key] = node
        families.append(family)
    return Lexicon(families, name=name)


def _parse_family(reader: _Reader, node) -> Family:
    entry = reader.mapping(node, "a family")
    for key in entry:
        if key not in _FAMILY_KEYS:
            raise reader.fail(entry[key][0], f"unknown key {key!r} in a family "
                                             f"(expected {', '.join(sorted(_FAMILY_KEYS))})")
    for key in ("id", "label", "canonical", "variants"):
        if key not in entry:
            raise reader.fail(node, f"a family is missing {key!r}")
    id_node = entry["id"][1]
    try:
        family_id = _check_id(reader.scalar(id_node, "'id'"), "family id")
    except ValueError as exc:
        raise reader.fail(id_node, str(exc)) from None
    values = {key: reader.scalar(entry[key][1], repr(key)) for key in ("label", "canonical", "example", "note")
              if key in entry}
    variants_node = entry["variants"][1]
    variants = reader.mapping(variants_node, f"the variants of {family_id!r}")
    if not variants:
        raise reader.fail(variants_node, f"family {family_id!r} has no variants")
    formulas = []
    for variant, (key_node, value) in variants.items():
        try:
            _check_id(variant, "variant id")
        except ValueError as exc:
            raise reader.fail(key_node, str(exc)) from None
        nodes = value.value if isinstance(value, yaml.SequenceNode) else [value]
        if not nodes:
            raise reader.fail(value, f"variant {variant!r} has no pattern")
        patterns = []
        for pattern_node in nodes:
            text = reader.scalar(pattern_node, f"a pattern of {family_id}/{variant}")
            try:
                patterns.append(compile_pattern(text))
            except PatternError as exc:
                quoted = 1 if pattern_node.style in ("'", '"') else 0
                raise reader.fail(pattern_node, str(exc), exc.position + quoted) from None
        formulas.append(Formula(f"{family_id}/{variant}", family_id, variant, tuple(patterns)))
    return Family(family_id, values["label"], values["canonical"], tuple(formulas),
                  values.get("example"), values.get("note"))
