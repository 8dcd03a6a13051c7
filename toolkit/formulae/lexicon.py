"""Formulae and lexicons of formula families, and the YAML format they are written in.

A lexicon groups patterns (:mod:`toolkit.formulae.pattern`) into formula
*families* (for example everything that says "in all its forms and
manifestations"), each with *variants* (the full form, the truncated "in all
its forms", ...). Within a family the longest match wins and each hit records
its variant: "in all its forms and manifestations" never also counts as "in
all its forms". Families are independent of one another: one stretch of text
may be a hit of two families.

Lexicon files are YAML; see :func:`parse_lexicon` for the format. Reading a
user's file is the job of :mod:`toolkit.io`; this module parses text, and
:func:`default_lexicon` parses the shipped one (read through
:mod:`toolkit.io.shipped`). ``lexicon=None`` means the default lexicon
everywhere in the toolkit, and ``lexicon=False`` says explicitly that there
is none (:func:`resolve_lexicon`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from ..errors import InputError
from ..io.shipped import shipped_path, shipped_text
from ..validation import check_parameter, parameter_error, renamed, renamed_attribute
from .pattern import Pattern, PatternError, compile_pattern

__all__ = ["Formula", "Family", "Lexicon", "YamlReader", "parse_lexicon", "default_lexicon", "resolve_lexicon"]

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


# ---------------------------------------------------------------------------
# Formulae, families, lexicons
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Formula:
    """One variant of a family: the unit counts are reported for.

    Parameters
    ----------
    id : str
        ``family/variant`` for lexicon formulae, the pattern text itself for
        an ad hoc phrase (:meth:`Lexicon.from_phrases`).
    family : str
        The id of its family.
    variant : str
        The variant's name in its family (empty for an ad hoc phrase).
    patterns : tuple of Pattern
        Its patterns (:func:`~toolkit.formulae.pattern.compile_pattern`): a
        stretch of text matched by any of them is a hit of the formula.
    """

    id: str
    family: str
    variant: str
    patterns: tuple[Pattern, ...]

    @property
    def pattern_texts(self) -> tuple[str, ...]:
        """The patterns as written."""
        return tuple(p.text for p in self.patterns)


@dataclass(frozen=True, init=False)
class Family:
    """Formulae that say the same thing, of which the longest match wins.

    Parameters
    ----------
    id : str
        Letters, digits, ``_``, ``.`` or ``-``.
    label : str
        A short name for tables and figures.
    canonical : str
        The formula's full, canonical wording.
    formulae : tuple of Formula
        Its variants, longest first by convention.
    example : str, optional
        A sentence the family matches (the tests check it does).
    note : str, optional
        Free text.
    tags : tuple of str, default ()
        Free words that group families across a lexicon; the report draws
        the families tagged ``trend`` over the years of the UN General
        Debate and the head words of the family tagged ``heads``
        (:meth:`Lexicon.tagged`).
    """

    id: str
    label: str
    canonical: str
    formulae: tuple[Formula, ...]
    example: str | None = None
    note: str | None = None
    tags: tuple[str, ...] = ()

    formulas = renamed_attribute("formulas", "formulae")

    @renamed(formulas="formulae")
    def __init__(self, id: str, label: str, canonical: str, formulae: tuple[Formula, ...],
                 example: str | None = None, note: str | None = None, tags: tuple[str, ...] = ()) -> None:
        for name, value in (("id", id), ("label", label), ("canonical", canonical), ("formulae", formulae),
                            ("example", example), ("note", note), ("tags", tags)):
            object.__setattr__(self, name, value)


def _check_id(value: str, what: str) -> str:
    if not _ID.fullmatch(value):
        raise ValueError(f"{what} {value!r} must be letters, digits, '_', '.' or '-', starting with a letter or digit")
    return value


class Lexicon:
    """An ordered collection of formula families.

    Build one from a YAML text with :func:`parse_lexicon` (or from a file with
    :func:`toolkit.io.read_lexicon`), from ad hoc patterns with
    :meth:`from_phrases`, and combine lexicons with ``+``.

    Parameters
    ----------
    families : iterable of Family
        The families, in order; family ids and formula ids must be distinct,
        and no family may have the id of another family's formula.
    name : str, default "lexicon"
        A name for messages (the file's, or ``"default"``).

    Attributes
    ----------
    families : tuple of Family
        The families, in order.
    formulae : tuple of Formula
        Every formula, family by family.

    Examples
    --------
    >>> lex = Lexicon.from_phrases(["in all its forms", "condemn*"])
    >>> [f.id for f in lex.formulae]
    ['in all its forms', 'condemn*']
    """

    def __init__(self, families: Iterable[Family], *, name: str = "lexicon"):
        self.families: tuple[Family, ...] = tuple(families)
        self.name = name
        family_ids = [family.id for family in self.families]
        formula_ids = [f.id for family in self.families for f in family.formulae]
        expected = "families whose ids, and the ids of their formulae, are distinct"
        for ids, what in ((family_ids, "families"), (formula_ids, "formulae")):
            twice = sorted({key for key in ids if ids.count(key) > 1})
            if twice:
                raise parameter_error(families, "families", owner="Lexicon", expected=expected,
                                      got=f"{twice[0]!r} as the id of two {what}")
        clash = sorted(set(family_ids) & {f.id for fam in self.families for f in fam.formulae if f.id != fam.id})
        if clash:
            raise parameter_error(families, "families", owner="Lexicon", expected=expected,
                                  got=f"{clash[0]!r} as the id of a family and of a formula of another family")
        self.formulae: tuple[Formula, ...] = tuple(f for family in self.families for f in family.formulae)
        self._by_id = {f.id: f for f in self.formulae}
        self._families = {family.id: family for family in self.families}

    formulas = renamed_attribute("formulas", "formulae")

    @classmethod
    def from_phrases(cls, phrases: Iterable[str]) -> Lexicon:
        """One family per pattern, whose formula id is the pattern text exactly as given.

        Parameters
        ----------
        phrases : iterable of str
            Patterns of the pattern language; a single str is refused.

        Returns
        -------
        Lexicon
            Named ``"phrases"``.

        Raises
        ------
        PatternError
            For a pattern that cannot be compiled.
        """
        if isinstance(phrases, str):
            raise parameter_error(phrases, "phrases", owner="Lexicon.from_phrases", got="a single str",
                                  expected="an iterable of patterns (wrap a single pattern in a list)")
        families = []
        for text in phrases:
            pattern = compile_pattern(text)
            formula = Formula(text, text, "", (pattern,))
            families.append(Family(text, text, text, (formula,)))
        return cls(families, name="phrases")

    def __add__(self, other: Lexicon) -> Lexicon:
        if not isinstance(other, Lexicon):
            return NotImplemented
        return Lexicon(self.families + other.families, name=f"{self.name}+{other.name}")

    def __len__(self) -> int:
        return len(self.formulae)

    def __iter__(self) -> Iterator[Formula]:
        return iter(self.formulae)

    def __repr__(self) -> str:
        n_patterns = sum(len(f.patterns) for f in self.formulae)
        return (f"<Lexicon {self.name!r}: {len(self.families)} families, {len(self.formulae)} formulae, "
                f"{n_patterns} patterns>")

    def family(self, family_id: str) -> Family:
        """The family with this id.

        Parameters
        ----------
        family_id : str
            The id of a family of the lexicon.

        Returns
        -------
        Family
            The family.
        """
        try:
            return self._families[family_id]
        except (KeyError, TypeError):
            raise parameter_error(family_id, "family_id", owner="Lexicon.family",
                                  expected=f"the id of a family of the lexicon {self.name!r} ({self._known()})"
                                  ) from None

    def select(self, ids: Iterable[str]) -> Lexicon:
        """The whole families that hold ``ids`` (family or formula ids), in lexicon order.

        Whole families, because which variant a stretch of text counts as
        depends on the family's other variants (the longest match wins):
        filter the matches by formula afterwards.

        Parameters
        ----------
        ids : str or iterable of str
            Family or formula ids.

        Returns
        -------
        Lexicon
            The families chosen, with the same name.

        Examples
        --------
        >>> lex = parse_lexicon('''
        ... families:
        ...   - id: forms
        ...     label: In all its forms
        ...     canonical: in all its forms and manifestations
        ...     variants: {full: in all its forms and manifestations, truncated: in all its forms}
        ... ''')
        >>> [f.id for f in lex.select(["forms/truncated"]).formulae]
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
                raise parameter_error(key, "ids", owner="Lexicon.select",
                                      expected=f"ids of formulae or families of the lexicon {self.name!r} "
                                               f"({self._known()})")
        return Lexicon([family for family in self.families if family.id in wanted], name=self.name)

    def _known(self) -> str:
        """Some of the lexicon's family ids, for an error message."""
        ids = sorted(self._families)
        if not ids:
            return "it has none"
        return "such as " + ", ".join(map(repr, ids[:6])) + (", ..." if len(ids) > 6 else "")

    def tagged(self, tag: str) -> tuple[Family, ...]:
        """The families that carry ``tag``, in lexicon order.

        Parameters
        ----------
        tag : str
            A tag of the lexicon file's ``tags`` lists.

        Returns
        -------
        tuple of Family
            Possibly empty.

        Examples
        --------
        >>> [f.id for f in default_lexicon().tagged("heads")]
        ['all_forms']
        """
        return tuple(family for family in self.families if tag in family.tags)

    def to_frame(self):
        """One row per pattern: family, label, canonical, formula, variant, pattern.

        Returns
        -------
        pandas.DataFrame
            In lexicon order.
        """
        import pandas as pd

        rows = [
            {"family": fam.id, "label": fam.label, "canonical": fam.canonical, "formula": f.id,
             "variant": f.variant, "pattern": p.text}
            for fam in self.families for f in fam.formulae for p in f.patterns
        ]
        return pd.DataFrame(rows, columns=["family", "label", "canonical", "formula", "variant", "pattern"])

    def to_yaml(self) -> str:
        """The lexicon as YAML text that :func:`parse_lexicon` reads back.

        Returns
        -------
        str
            The YAML text.
        """
        families = []
        for fam in self.families:
            entry: dict[str, object] = {"id": fam.id, "label": fam.label, "canonical": fam.canonical}
            if fam.example:
                entry["example"] = fam.example
            if fam.note:
                entry["note"] = fam.note
            if fam.tags:
                entry["tags"] = list(fam.tags)
            entry["variants"] = {
                f.variant or "main": list(f.pattern_texts) if len(f.patterns) > 1 else f.patterns[0].text
                for f in fam.formulae
            }
            families.append(entry)
        return yaml.safe_dump({"families": families}, sort_keys=False, allow_unicode=True, width=100)


# ---------------------------------------------------------------------------
# The YAML format
# ---------------------------------------------------------------------------
class YamlReader:
    r"""Walks a composed YAML node tree (``yaml.compose``), raising errors at the node's place.

    The toolkit's YAML files (lexicons, intensity scales) are read through
    one of these, so that every error names the source, line and column.

    Parameters
    ----------
    source : str
        The file (or name) the YAML came from, as errors should name it.

    Examples
    --------
    >>> reader = YamlReader("mine.yaml")
    >>> reader.mapping(yaml.compose("a: 1\nb: [2]"), "the file")["a"][1].value
    '1'
    >>> reader.scalar(yaml.compose("b: [2]").value[0][1], "b")
    Traceback (most recent call last):
    ...
    toolkit.errors.InputError: mine.yaml:1:4: b must be a single value
    """

    def __init__(self, source: str):
        self.source = source

    def fail(self, node, message: str, column_offset: int = 0) -> InputError:
        """An :class:`InputError` located at ``node``.

        Parameters
        ----------
        node : yaml.Node
            Where the problem is.
        message : str
            What the problem is.
        column_offset : int, default 0
            Characters to move the column by (a place inside a scalar).

        Returns
        -------
        InputError
            Naming the source, line and column, to be raised by the caller.
        """
        mark = node.start_mark
        return InputError(message, source=self.source, line=mark.line + 1, column=mark.column + 1 + column_offset)

    def mapping(self, node, what: str) -> dict:
        """A mapping node's keys, each with its key node and value node.

        Parameters
        ----------
        node : yaml.Node
            The node, which must be a mapping without repeated keys.
        what : str
            What the node is, for messages ("a family").

        Returns
        -------
        dict of str to tuple of (yaml.Node, yaml.Node)
            Each key, with its key node and value node, in order.
        """
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
        """A scalar node's text.

        Parameters
        ----------
        node : yaml.Node
            The node; a list, a mapping or an empty value is an error.
        what : str
            What the node is, for messages ("'label'").

        Returns
        -------
        str
            The scalar's text.
        """
        if not isinstance(node, yaml.ScalarNode) or node.value == "" and node.tag.endswith(":null"):
            raise self.fail(node, f"{what} must be a single value")
        return node.value


_FAMILY_KEYS = {"id", "label", "canonical", "variants", "example", "note", "tags"}


def parse_lexicon(text: str, *, source: str = "<lexicon>") -> Lexicon:
    """Parse a lexicon written in YAML.

    The format (comments with ``#`` are allowed anywhere)::

        families:
          - id: all_forms                      # letters, digits, _ . -
            label: In all its forms and manifestations
            canonical: terrorism in all its forms and manifestations
            example: "combat terrorism in all its forms and manifestations"
            note: optional free text
            tags: [trend, heads]               # optional: words that group families
            variants:                          # variant id: pattern, or a list of patterns
              full: in all [of] its|their forms and manifestations
              truncated: in all [of] its|their forms

    ``id``, ``label``, ``canonical`` and ``variants`` are required. Formula
    ids are ``family/variant``.

    Parameters
    ----------
    text : str
        The YAML text.
    source : str, default "<lexicon>"
        Where it was read from, as errors name it; also the lexicon's name
        when the text gives none (``name:``).

    Returns
    -------
    Lexicon
        The families, in the file's order.

    Raises
    ------
    InputError
        For bad YAML, a missing or unknown key or a bad pattern, naming
        ``source``, the line and the column.
    """
    reader = YamlReader(source)
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
        for key in [family.id] + [f.id for f in family.formulae]:
            if key in seen:
                raise reader.fail(node, f"{key!r} is defined twice")
            seen[key] = node
        families.append(family)
    return Lexicon(families, name=name)


def _parse_family(reader: YamlReader, node) -> Family:
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
    formulae = []
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
        formulae.append(Formula(f"{family_id}/{variant}", family_id, variant, tuple(patterns)))
    tags: tuple[str, ...] = ()
    if "tags" in entry:
        tags_node = entry["tags"][1]
        if not isinstance(tags_node, yaml.SequenceNode):
            raise reader.fail(tags_node, f"the tags of {family_id!r} must be a list")
        tags = tuple(reader.scalar(tag, "a tag") for tag in tags_node.value)
    return Family(family_id, values["label"], values["canonical"], tuple(formulae),
                  values.get("example"), values.get("note"), tags)


def default_lexicon() -> Lexicon:
    """The lexicon shipped with the toolkit (``toolkit/data/lexicon.yaml``).

    Returns
    -------
    Lexicon
        A new lexicon, named ``"default"``, on every call.

    Examples
    --------
    >>> lexicon = default_lexicon()
    >>> len(lexicon.families) >= 12, lexicon.family("all_forms").canonical
    (True, 'terrorism in all its forms and manifestations')
    """
    lexicon = parse_lexicon(shipped_text("lexicon.yaml"), source=str(shipped_path("lexicon.yaml")))
    lexicon.name = "default"
    return lexicon


def resolve_lexicon(value: Any, name: str = "lexicon", *, owner: str, allow_false: bool = True) -> Lexicon | None:
    """The lexicon a ``lexicon=`` argument means: None the default one, False none at all.

    Parameters
    ----------
    value : Lexicon, None or False
        What the caller passed.
    name : str, default "lexicon"
        The parameter's name.
    owner : str
        The function, class or command the parameter belongs to.
    allow_false : bool, default True
        Whether False (no lexicon) is accepted; where a lexicon is needed
        (matching, a vectorizer of formulae), it is refused.

    Returns
    -------
    Lexicon or None
        The lexicon to use, or None when the caller asked for none.

    Examples
    --------
    >>> resolve_lexicon(None, owner="discover_formulae").name, resolve_lexicon(False, owner="discover_formulae")
    ('default', None)
    >>> resolve_lexicon(False, owner="Matcher", allow_false=False)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    toolkit.errors.ParameterError: The 'lexicon' parameter of Matcher must be a Lexicon or None ... Got False instead.
    """
    if value is None:
        return default_lexicon()
    expected = ("a Lexicon, None (the default lexicon) or False (no lexicon)" if allow_false
                else "a Lexicon or None (the default lexicon)")
    check_parameter(value, name, owner=owner, ok=(allow_false and value is False) or isinstance(value, Lexicon),
                    expected=expected, got=repr(value) if isinstance(value, bool) else type(value).__name__)
    return None if value is False else value
