"""How strongly each statement condemns: an ordinal scale of intensity, with its evidence.

The scale (``toolkit/data/intensity.yaml``; a user's own file is read the same
way, :func:`parse_intensity_scale`) has six levels, from 0 (no disapproval) to
5 (condemnation in the strongest terms), and classes of cue words written as
patterns. The cue words are matched with the lexicon, once (``scale.lexicon``
joins any lexicon: ``find_matches(corpus, lexicon + scale.lexicon)``), and
:func:`score_intensity` reads the level of each statement from that one
matches table and the words around each hit. The rules, each tested on its
own, follow the coding manual (``corpora/intensity.codebook.md``):

1. A cue has a base level: 1 for concern, regret, shock or sorrow; 2 for
   deplores, denounces, rejects and verdicts such as "unacceptable"; 3 for
   condemns or censures.
2. An intensifier attached to the cue (within two words before it, or
   between it and its object, in its sentence) adds one; a top formula ("in
   the strongest terms", "utmost", "without reservation") adds two; an
   evaluative word of the act in the cue's sentence ("heinous", "cowardly")
   adds one. Each distinct word counts once. Level-1 cues are never raised;
   level-2 cues stop at 4, condemnations at 5 (``caps``).
3. An evaluative word with no cue in its sentence gives level 2.
4. A cue does not count when it is not the speaker's: another body's
   reaction (a subject such as "the Council" opens its clause, with no word
   of the speaker's own association such as "we", "join", "call"), or a
   passive agent ("condemned by ..."); nor in the sense of doomed
   ("condemned to poverty"); nor when negated ("does not condemn",
   "refrained from condemning"; "not only", "cannot but" affirm). A negated
   cue flags the statement ``negated``.
5. The statement's level is the highest of its cues; ties go to the higher
   base (a condemnation before a raised "rejects"), then to the first.
6. ``target`` is read from the first target word after the level-setting
   cue in its sentence (attack, perpetrators, terrorism, other), else
   ``unclear``; ``hedged`` when the statement spreads its reaction over all
   parties or calls for restraint.
"""

from __future__ import annotations

import bisect
import collections
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd
import yaml

from ..attribution.gazetteer import Gazetteer, name_key, spelling_variants
from ..attribution.parse import Paragraph, load_pipeline
from ..errors import InputError, MissingDependency
from ..formulae.lexicon import Family, Formula, Lexicon, YamlReader
from ..formulae.match import Matches, check_matches, find_matches
from ..formulae.pattern import compile_pattern
from ..io.shipped import shipped_path, shipped_text
from ..text.corpus import UNRESOLVED, Corpus, Document, Statement
from ..text.groups import group_columns, grouping_error, unresolved_last
from ..text.normalize import fold_for_tokens
from ..text.tokenized import tokenize_corpus
from ..text.tokens import sentence_breaks, split_tokens
from ..validation import (
    check_choice,
    check_corpus,
    check_int,
    check_parameter,
    check_table,
    check_type,
    parameter_error,
    renamed,
    warn_renamed,
)

__all__ = ["CUE_COLUMNS", "INTENSITY_COLUMNS", "IntensityScale", "parse_intensity_scale", "default_intensity_scale",
           "score_intensity", "intensity_mode", "MODES", "intensity_table", "with_intensity", "with_levels", "kappa",
           "agreement",
           "condemnation_sentences"]

#: The columns of :func:`score_intensity`'s table (the documents' metadata columns follow them).
INTENSITY_COLUMNS = ["doc_id", "statement_id", "actor", "actor_id", "actor_type", "year", "level", "label", "target",
                     "negated", "hedged", "evidence", "evidence_spans"]
#: The columns of :func:`score_intensity` with ``cues=True``: one row per counted cue (the metadata follows).
CUE_COLUMNS = ["doc_id", "statement_id", "actor", "actor_id", "actor_type", "year", "level", "cue", "intensifiers",
               "target", "start", "end"]
_ROLES = ("cue", "intensifier", "top", "evaluative")
#: The lists of ``words`` every scale has.
_WORD_LISTS = ("negators", "affirmers", "doom_exceptions", "agent_markers", "agent_own", "others", "names", "own",
               "hedges")
#: The lists of ``words`` a scale may leave out (a scale written before they were data has none).
_OPTIONAL_LISTS = ("pronouns", "fillers")
_TARGETS = ("perpetrators", "terrorism", "attack", "other")
_TOP_KEYS = ("name", "levels", "caps", "cues", "words")
#: Family ids of the scale's cue classes start with this, so that they never clash with a lexicon's.
PREFIX = "scale."


@dataclass(frozen=True)
class Cue:
    """One class of cue words: its role, its base level (cues only) and its patterns."""

    id: str
    role: str
    level: int | None
    patterns: tuple[str, ...]


@dataclass(frozen=True)
class IntensityScale:
    """The levels, the cue classes and the context words of an intensity scale.

    Made by :func:`parse_intensity_scale` (or :func:`default_intensity_scale`),
    not by hand.

    Parameters
    ----------
    name : str
        The scale's name (``"intensity"``).
    levels : mapping of int to (str, str)
        Each level, 0 to the highest, with its label and a real example.
    caps : mapping of int to int
        The highest level a cue of each base level (1, 2, 3) can reach.
    cues : tuple of Cue
        The classes of cue words, each with its role, base level and patterns.
    words : mapping of str to frozenset of str
        The context word lists the rules read, by name (``negators``,
        ``own``, ``pronouns``, ``fillers``, ...; the hedges are in ``phrases``).
    phrases : tuple of tuple of str
        The hedging phrases, as words.
    targets : mapping of str to frozenset of str
        The words that name each target (``perpetrators``, ``terrorism``,
        ``attack``, ``other``).
    lexicon : Lexicon
        The cue classes as lexicon families (ids prefixed with ``scale.``), to
        match once with the lexicon: ``find_matches(corpus, lexicon + scale.lexicon)``.

    Examples
    --------
    >>> scale = default_intensity_scale()
    >>> scale.label(5)  # doctest: +ELLIPSIS
    "strongest: a condemnation 'in the strongest terms' (or 'utmost', 'unreserved'), or with two intensifiers ..."
    >>> scale.short_label(5), scale.table()["short_label"].tolist()[:2]
    ('strongest', ['none', 'concern'])
    >>> sorted(scale.words["fillers"])
    ['manner', 'term', 'terms', 'way']
    """

    name: str
    levels: Mapping[int, tuple[str, str]]
    caps: Mapping[int, int]
    cues: tuple[Cue, ...]
    words: Mapping[str, frozenset[str]]
    phrases: tuple[tuple[str, ...], ...]
    targets: Mapping[str, frozenset[str]]
    lexicon: Lexicon = field(repr=False, compare=False, default=None)  # type: ignore[assignment]

    def label(self, level: int) -> str:
        """The label of a level.

        Parameters
        ----------
        level : int
            A level of the scale.

        Returns
        -------
        str
            Its label, which states how a statement reaches the level (the
            shipped scale's ``"condemns: 'condemns', or a disapproval with one
            intensifier ('strongly rejects')"``).
        """
        return self.levels[level][0]

    def short_label(self, level: int) -> str:
        """The name of a level: its label up to the first colon (the whole label when it has none).

        Figures write it on their axes, where the whole rule does not fit.

        Parameters
        ----------
        level : int
            A level of the scale.

        Returns
        -------
        str
            Its name (``"condemns"``, ``"strongest"``).
        """
        return self.label(level).split(":", 1)[0].strip()

    def table(self) -> pd.DataFrame:
        """The levels as a table.

        Returns
        -------
        pandas.DataFrame
            ``level``, ``label``, ``short_label``, ``example``, one row per level in order.
        """
        return pd.DataFrame([(k, label, self.short_label(k), example)
                             for k, (label, example) in sorted(self.levels.items())],
                            columns=["level", "label", "short_label", "example"])


def parse_intensity_scale(text: str, *, source: str = "<scale>") -> IntensityScale:
    """Parse a scale written in YAML (the format of ``toolkit/data/intensity.yaml``).

    The file has ``levels``, ``caps``, ``cues`` and ``words`` (and an
    optional ``name``); the shipped file's comments describe each. Two lists
    of ``words`` are optional, so that a scale written before they existed
    still loads: ``pronouns`` (the words of ``own`` that are the speaker's
    pronouns; a scale without the list uses the shipped scale's, the words
    the rules used before the list was data, so that it scores as it did)
    and ``fillers`` (the words of top formulae that are not intensifying
    words, "terms" of "in the strongest terms", which tables of intensifiers
    leave out; none without the list). An empty list (``pronouns: []``) is
    taken as it is.

    Parameters
    ----------
    text : str
        The YAML text.
    source : str, default "<scale>"
        The file (or name) it came from, as errors should name it.

    Returns
    -------
    IntensityScale
        The scale, with its cue classes as a lexicon (``scale.lexicon``).

    Raises
    ------
    InputError
        For a scale that breaks the format; the message names the source,
        line and column, as for lexicons.

    Examples
    --------
    >>> scale = parse_intensity_scale(shipped_text("intensity.yaml"))
    >>> scale.name, len(scale.levels), scale.caps[2]
    ('intensity', 6, 4)
    """
    reader = YamlReader(source)
    top = _scale_root(reader, text)
    levels = _parse_levels(reader, top["levels"][1])
    caps = _parse_caps(reader, top["caps"][1], levels)
    cues = tuple(_parse_cue(reader, key, value, caps)
                 for key, (_node, value) in reader.mapping(top["cues"][1], "cues").items())
    words, phrases, targets = _parse_words(reader, top["words"][1])
    name = reader.scalar(top["name"][1], "a name") if "name" in top else "intensity"
    return IntensityScale(name, levels, caps, cues, words, phrases, targets, _cue_lexicon(cues, name))


def _scale_root(reader: YamlReader, text: str) -> dict:
    """The top-level keys of the scale, each with its key and value node: the required ones present, no other."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"not valid YAML: {getattr(exc, 'problem', exc)}", source=reader.source,
                         line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None) from None
    if root is None:
        raise InputError("the scale is empty", source=reader.source)
    top = reader.mapping(root, "the scale")
    for key in _TOP_KEYS[1:]:
        if key not in top:
            raise reader.fail(root, f"the scale has no {key!r}")
    unknown = set(top) - set(_TOP_KEYS)
    if unknown:
        key = min(unknown)
        raise reader.fail(top[key][0], f"unknown key {key!r} (expected {', '.join(_TOP_KEYS)})")
    return top


def _parse_levels(reader: YamlReader, node: yaml.Node) -> dict[int, tuple[str, str]]:
    """``levels``: each numbered level's label and example, numbered 0, 1, 2, ... without gaps, four at least."""
    levels: dict[int, tuple[str, str]] = {}
    for key, (key_node, value) in reader.mapping(node, "levels").items():
        if not key.isdigit():
            raise reader.fail(key_node, f"a level must be a number 0-9, not {key!r}")
        fields = reader.mapping(value, f"level {key}")
        _only(reader, fields, {"label", "example"}, f"level {key}")
        if "label" not in fields:
            raise reader.fail(value, f"level {key} has no label")
        example = reader.scalar(fields["example"][1], "an example") if "example" in fields else ""
        levels[int(key)] = (reader.scalar(fields["label"][1], "a label"), example)
    if sorted(levels) != list(range(len(levels))) or len(levels) < 4:
        raise reader.fail(node, "levels must be numbered 0, 1, 2, 3, ... without gaps (the rules give cues the base "
                                "levels 1 to 3)")
    return levels


def _parse_caps(reader: YamlReader, node: yaml.Node, levels: Mapping[int, Any]) -> dict[int, int]:
    """``caps``: the highest level each base level 1, 2 and 3 can reach, both levels of the scale."""
    caps = {}
    for key, (key_node, value) in reader.mapping(node, "caps").items():
        cap = reader.scalar(value, "a cap")
        if not key.isdigit() or not cap.isdigit() or int(cap) not in levels or int(key) not in levels:
            raise reader.fail(key_node, f"caps map a base level to the highest level it can reach; got {key}: {cap}")
        caps[int(key)] = int(cap)
    if not {1, 2, 3} <= set(caps):
        raise reader.fail(node, "caps must give the highest level of the base levels 1, 2 and 3")
    return caps


def _parse_cue(reader: YamlReader, key: str, node: yaml.Node, caps: Mapping[int, int]) -> Cue:
    """One cue class: a role, a base level that ``caps`` names (cues only), and patterns that compile."""
    fields = reader.mapping(node, f"cue class {key!r}")
    _only(reader, fields, {"role", "level", "patterns"}, f"cue class {key!r}")
    role = reader.scalar(fields["role"][1], "a role") if "role" in fields else None
    if role not in _ROLES:
        raise reader.fail(node, f"cue class {key!r} needs a role: one of {', '.join(_ROLES)}")
    level = None
    if role == "cue":
        raw = reader.scalar(fields["level"][1], "a level") if "level" in fields else ""
        if not raw.isdigit() or int(raw) not in caps:
            raise reader.fail(node, f"cue class {key!r} needs a level that caps names ({sorted(caps)})")
        level = int(raw)
    if "patterns" not in fields or not isinstance(fields["patterns"][1], yaml.SequenceNode):
        raise reader.fail(node, f"cue class {key!r} needs a list of patterns")
    patterns = []
    for item in fields["patterns"][1].value:
        pattern = reader.scalar(item, "a pattern")
        try:
            compile_pattern(pattern)
        except ValueError as exc:
            raise reader.fail(item, f"bad pattern {pattern!r}: {exc}") from None
        patterns.append(pattern)
    return Cue(key, role, level, tuple(patterns))


def _parse_words(reader: YamlReader, node: yaml.Node
                 ) -> tuple[dict[str, frozenset[str]], tuple[tuple[str, ...], ...], dict[str, frozenset[str]]]:
    """``words``: the context word lists (the optional ones filled in), the hedging phrases, and the targets."""
    fields = reader.mapping(node, "words")
    _only(reader, fields, set(_WORD_LISTS) | set(_OPTIONAL_LISTS) | {"targets"}, "words")
    words: dict[str, frozenset[str]] = {}
    for name in _WORD_LISTS:
        if name not in fields:
            raise reader.fail(node, f"words has no list {name!r}")
        words[name] = _word_set(reader, fields[name][1], f"words: {name}")
    for name in _OPTIONAL_LISTS:
        words[name] = _word_set(reader, fields[name][1], f"words: {name}") if name in fields else _fallback(name)
    phrases = tuple(tuple(p.split()) for p in sorted(words.pop("hedges")))
    targets: dict[str, frozenset[str]] = {}
    if "targets" in fields:
        for name, (key_node, value) in reader.mapping(fields["targets"][1], "targets").items():
            if name not in _TARGETS or not isinstance(value, yaml.SequenceNode):
                raise reader.fail(key_node, f"targets are lists named {', '.join(_TARGETS)}")
            targets[name] = _word_set(reader, value, f"targets: {name}")
    return words, phrases, targets


def _word_set(reader: YamlReader, node: yaml.Node, what: str) -> frozenset[str]:
    """A YAML list of words, case-folded."""
    if not isinstance(node, yaml.SequenceNode):
        raise reader.fail(node, f"{what} must be a list")
    return frozenset(reader.scalar(item, "a word").casefold() for item in node.value)


def _fallback(name: str) -> frozenset[str]:
    """What a scale without an optional list uses: the shipped scale's pronouns; no fillers."""
    return _shipped_words(name) if name == "pronouns" else frozenset()


@functools.cache
def _shipped_words(name: str) -> frozenset[str]:
    """A list of ``words`` of the shipped scale, read on first use."""
    shipped = yaml.safe_load(shipped_text("intensity.yaml"))
    return frozenset(str(word).casefold() for word in shipped["words"][name])


def _cue_lexicon(cues: Iterable[Cue], name: str) -> Lexicon:
    """The cue classes as lexicon families, one formula per pattern."""
    families = [Family(PREFIX + cue.id, cue.id, cue.patterns[0],
                       tuple(Formula(f"{PREFIX}{cue.id}/{k}", PREFIX + cue.id, str(k), (compile_pattern(p),))
                             for k, p in enumerate(cue.patterns, start=1)))
                for cue in cues]
    return Lexicon(families, name=name)


def default_intensity_scale() -> IntensityScale:
    """The shipped scale of condemnation intensity (``toolkit/data/intensity.yaml``), 0 to 5.

    Returns
    -------
    IntensityScale
        The scale, parsed anew on every call.

    Examples
    --------
    >>> scale = default_intensity_scale()
    >>> scale.short_label(0), scale.short_label(5)
    ('none', 'strongest')
    """
    return parse_intensity_scale(shipped_text("intensity.yaml"), source=str(shipped_path("intensity.yaml")))


def _only(reader: YamlReader, fields: dict, allowed: set[str], what: str) -> None:
    """A one-line error at the first key of ``fields`` that is not ``allowed`` (a typo would silently do nothing)."""
    for name, (node, _) in fields.items():
        if name not in allowed:
            raise reader.fail(node, f"unknown key {name!r} in {what} (expected {', '.join(sorted(allowed))})")


@dataclass
class _Hit:
    role: str
    level: int | None
    first: int  # token range
    last: int
    start: int  # characters in the statement
    end: int
    words: tuple[str, ...]
    reading: _Reading | None = None  # parse mode: what the dependency parse says of a cue


@dataclass(frozen=True)
class _Reading:
    """What the parse says of one cue (:func:`toolkit.analysis.reading.read_cue`), its intensifiers as spans.

    ``intensifiers`` are (start, end, word) in the statement; ``own`` None and
    False flags say nothing, and the rules' answer stands.
    """

    own: bool | None
    negated: bool
    disclaimed: bool
    doom: bool
    governed: str | None
    intensifiers: tuple[tuple[int, int, str], ...]


def _statement_tokens(text: str) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """The folded tokens of a text, their character spans in it, and each token's sentence number."""
    folded = fold_for_tokens(text)
    tokens, starts, ends = split_tokens(folded.text)
    if not folded.is_identity:
        starts, ends = folded.spans_to_original(starts, ends)
    starts, ends = np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
    marks = np.zeros(len(tokens) + 1, dtype=np.int64)  # a sentence begins at each break: number them by a sum
    np.add.at(marks, np.fromiter(sentence_breaks(text, tokens, starts, ends), dtype=np.int64), 1)
    return tokens, starts, ends, np.cumsum(marks[:-1])


def _clause_start(text: str, starts: np.ndarray, ends: np.ndarray, sentence: np.ndarray, k: int) -> int:
    """The first token of the clause of token ``k``: back to the sentence start or a comma, semicolon or colon."""
    begin = k
    while begin > 0 and sentence[begin - 1] == sentence[k] and k - begin < 20:
        if any(mark in text[ends[begin - 1]:starts[begin]] for mark in ",;:"):
            break
        begin -= 1
    return begin


def _own(scale: IntensityScale, tokens: list[str], text: str, starts: np.ndarray, ends: np.ndarray,
         sentence: np.ndarray, hit: _Hit, actor_words: set[str]) -> bool:
    """Whether a cue is the speaker's: not another body's reaction, not a passive agent's.

    In the cue's clause, a word of association or call ("join", "together",
    "call", "must") or the speaker's own name makes it the speaker's; else the
    nearest of the speaker's pronouns ("we", "my delegation") and another
    body's subject ("the Council", "speakers") decides; a passive agent after
    a disapproval ("condemned by ...") makes it another's.
    """
    w = scale.words
    begin = _clause_start(text, starts, ends, sentence, hit.first)
    clause = tokens[begin:hit.first]
    distinctive = actor_words - w["others"] - w["names"]  # "States" of "United States" names no one in particular
    if any(t in w["own"] and t not in w["pronouns"] for t in clause) or distinctive & set(clause):
        return True
    after = tokens[hit.last + 1:hit.last + 3]
    if len(after) == 2 and sentence[hit.last + 2] == sentence[hit.last] and after[0] in ("to", "by", "for") \
            and after[1] in w["pronouns"] | {"me"}:  # "of concern to my Government", "deplored by us"
        return True
    if hit.level is not None and hit.level >= 2:
        after = tokens[hit.last + 1:hit.last + 4]
        for k, t in enumerate(after):
            if t in w["agent_markers"] and not (after[k + 1:k + 2] and after[k + 1] in w["agent_own"]):
                return False
    for k in range(len(clause) - 1, -1, -1):
        if clause[k] in w["own"]:
            return True
        if clause[k] in w["others"] and not (k and clause[k - 1] in w["names"]):
            return False
    return True


def _negated(scale: IntensityScale, tokens: list[str], sentence: np.ndarray, hit: _Hit) -> bool:
    """Whether a cue is negated: a negator within three words before it, in its sentence.

    Two negations affirm ("cannot fail to condemn", "never ceased to condemn"), and so does a
    negator followed by an affirming word ("not only", "without reservation", "cannot but").
    """
    w = scale.words
    negators, affirmers = w["negators"], w["affirmers"]
    for k in range(max(0, hit.first - 3), hit.first):
        if sentence[k] != sentence[hit.first] or tokens[k] not in negators:
            continue
        before = tokens[max(0, k - 2):k]
        following = tokens[k + 1:hit.first]
        if any(t in negators for t in before) or any(t in affirmers or t in negators for t in following):
            continue
        if tokens[k] == "no" and hit.level != 3:
            continue
        return True
    return False


def _doomed(scale: IntensityScale, tokens: list[str], hit: _Hit) -> bool:
    """Condemn in the sense of doomed or sentenced: "condemned to poverty", "condemning people to famine"."""
    if not hit.words or not hit.words[0].startswith("condemn") or hit.words[0].startswith("condemnation"):
        return False
    exceptions = scale.words["doom_exceptions"]
    for k in range(hit.last + 1, min(len(tokens), hit.last + 4)):
        if tokens[k] == "to":
            return k + 1 >= len(tokens) or tokens[k + 1] not in exceptions
        if tokens[k] in exceptions:  # "condemns the attack": an object, not a doom
            return False
    return False


def _target(scale: IntensityScale, tokens: list[str], sentence: np.ndarray, hit: _Hit) -> str:
    for k in range(hit.last + 1, min(len(tokens), hit.last + 13)):
        if sentence[k] != sentence[hit.last]:
            break
        for name in _TARGETS:
            if tokens[k] in scale.targets.get(name, ()):
                return name
    return "unclear"


def _hedged(scale: IntensityScale, tokens: list[str]) -> bool:
    joined = f" {' '.join(tokens)} "
    return any(f" {' '.join(phrase)} " in joined for phrase in scale.phrases)


#: How far (in tokens) a modifier may sit before or after the cue it raises, by role.
_BEFORE = {"intensifier": 3, "top": 5, "evaluative": 8}
_AFTER = {"intensifier": 8, "top": 8, "evaluative": 10}


#: Characters of context read on each side of a group of hits (the rules look at most 20 words away, about
#: 130 characters; a clause is cut there).
_CONTEXT = 160


def _score_one(scale: IntensityScale, text: str, hits: list[_Hit], actor_words: set[str]) -> dict:
    """The level of one statement: its hits in groups, each read in a window of text around it."""
    candidates: list[tuple[tuple[int, int, int], _Hit, list[_Hit], str]] = []
    negated = hedged = False
    groups: list[list[_Hit]] = []
    for hit in sorted(hits, key=lambda h: h.start):
        if groups and hit.start - groups[-1][-1].end <= 2 * _CONTEXT:
            groups[-1].append(hit)
        else:
            groups.append([hit])
    for group in groups:
        if not any(h.role in ("cue", "evaluative") for h in group):
            continue  # intensifiers with nothing to raise
        a = max(0, group[0].start - _CONTEXT)
        b = min(len(text), max(h.end for h in group) + _CONTEXT)
        window = text[a:b]
        tokens, starts, ends, sentence = _statement_tokens(window)
        local = []
        for h in group:  # the hit's tokens in the window, found by their characters
            first = int(np.searchsorted(starts, h.start - a))
            last = int(np.searchsorted(ends, h.end - a))
            if first >= len(tokens) or last >= len(tokens):
                continue
            local.append(_Hit(h.role, h.level, first, last, h.start, h.end, h.words, h.reading))
        found, was_negated = _candidates(scale, window, tokens, starts, ends, sentence, local, actor_words)
        negated = negated or was_negated
        if found:
            hedged = hedged or _hedged(scale, tokens)
        candidates += found
    cues = [{"level": int(key[0]), "cue": text[cue.start:cue.end], "target": target,
             "intensifiers": " ".join(_without(text, h, cue) for h in sorted(used, key=lambda h: h.start)
                                      if h is not cue),
             "start": cue.start, "end": cue.end} for key, cue, used, target in candidates]
    if not candidates:
        return {"level": 0, "target": None, "negated": negated, "hedged": False, "evidence": "",
                "evidence_spans": [], "_cues": cues}
    (level, _, _), _cue, used, target = max(candidates, key=lambda c: c[0])
    # the evidence once: a cue inside its top formula ("strongest condemnation") is not repeated
    used = sorted((h for h in used if not any(o is not h and o.start <= h.start and h.end <= o.end for o in used)),
                  key=lambda h: h.start)
    return {"level": int(level), "target": target, "negated": negated, "hedged": hedged,
            "evidence": " | ".join(text[h.start:h.end] for h in used),
            "evidence_spans": [(h.start, h.end) for h in used], "_cues": cues}


def _without(text: str, modifier: _Hit, cue: _Hit) -> str:
    """A modifier's words, without the cue's when the modifier contains it ("strongest condemnation")."""
    if modifier.start <= cue.start and cue.end <= modifier.end:
        return " ".join((text[modifier.start:cue.start] + " " + text[cue.end:modifier.end]).split())
    return text[modifier.start:modifier.end]


def _candidates(scale: IntensityScale, text: str, tokens: list[str], starts: np.ndarray, ends: np.ndarray,
                sentence: np.ndarray, hits: list[_Hit], actor_words: set[str]
                ) -> tuple[list[tuple[tuple[int, int, int], _Hit, list[_Hit], str]], bool]:
    """The level each of the speaker's cues reaches in one window (rules 1-4), and whether a cue was negated."""
    cues, modifiers, negated = _speakers_cues(scale, text, tokens, starts, ends, sentence, hits, actor_words)
    attached, alone = _attach(cues, modifiers, sentence)
    found = []
    for cue in cues:
        level, used = _raised(scale, cue, attached.get(id(cue), []))
        found.append(((level, int(cue.level or 0), -cue.start), cue, used, _target(scale, tokens, sentence, cue)))
    for mod in alone:  # an evaluative word of the act without a cue is a disapproval
        found.append(((min(2, scale.caps.get(2, 2)), 2, -mod.start), mod, [mod], _target(scale, tokens, sentence, mod)))
    return found, negated


def _speakers_cues(scale: IntensityScale, text: str, tokens: list[str], starts: np.ndarray, ends: np.ndarray,
                   sentence: np.ndarray, hits: list[_Hit], actor_words: set[str]
                   ) -> tuple[list[_Hit], list[_Hit], bool]:
    """The cues that count (the speaker's, not doomed, not negated), the modifiers, and whether a cue was negated.

    A negated cue of concern does not flag the statement; a negated disapproval or condemnation does.
    """
    negated = False
    cues, modifiers = [], []
    for hit in hits:
        read = hit.reading
        if hit.role != "cue":
            modifiers.append(hit)
        elif _doomed(scale, tokens, hit) or read and (read.doom or read.disclaimed
                                                      or read.governed == "counterfactual"):
            continue
        elif _negated(scale, tokens, sentence, hit) or read and read.negated:
            negated = negated or (hit.level or 0) >= 2
        elif read and read.own is not None:
            if read.own:
                cues.append(hit)
        elif read and read.governed == "call" or _own(scale, tokens, text, starts, ends, sentence, hit, actor_words):
            cues.append(hit)
    return cues, modifiers, negated


def _attach(cues: list[_Hit], modifiers: list[_Hit], sentence: np.ndarray
            ) -> tuple[dict[int, list[_Hit]], list[_Hit]]:
    """The modifiers each cue takes (by the cue's ``id``), and the evaluative words that raise no cue.

    Each modifier goes to the nearest disapproval or condemnation cue of its
    sentence (:func:`_attachment`; on a tie, the one it follows).
    """
    raising = [c for c in cues if c.level is not None and c.level >= 2]
    attached: dict[int, list[_Hit]] = {id(c): [] for c in raising}
    alone = []
    for mod in modifiers:
        best_cue, best_key = None, None
        for cue in raising:
            key = _attachment(mod, cue, sentence)
            if key is not None and (best_key is None or key < best_key):
                best_cue, best_key = cue, key
        if best_cue is not None:
            attached[id(best_cue)].append(mod)
        elif mod.role == "evaluative":
            alone.append(mod)
    return attached, alone


def _attachment(mod: _Hit, cue: _Hit, sentence: np.ndarray) -> tuple[int, int] | None:
    """How near a modifier is to a cue it can raise (distance, then after before before); None if it cannot.

    It can within ``_AFTER`` tokens after the cue (a top formula also over it:
    "strongest condemnation") or ``_BEFORE`` tokens before it, in its sentence;
    "deep" and "deeply" never raise a cue above level 3. In parse mode, a cue
    whose reading names its intensifiers takes those intensifying words (at
    distance 0) and no other of one word (a phrase, "clearly and", is placed by distance).
    """
    if sentence[cue.first] != sentence[mod.first] or (mod.first == cue.first and mod.last == cue.last):
        return None
    if mod.words[0] in ("deep", "deeply") and (cue.level or 0) > 3:
        return None
    if cue.reading and cue.reading.intensifiers and mod.role == "intensifier" and len(mod.words) == 1:
        named = any(a < mod.end and mod.start < b for a, b, _ in cue.reading.intensifiers)
        return (0, 0) if named else None
    if mod.first > cue.last or (mod.first >= cue.first and mod.role == "top"):
        distance = max(0, mod.first - cue.last)
        return (distance, 0) if distance <= _AFTER[mod.role] else None
    distance = cue.first - mod.last
    if distance > _BEFORE[mod.role] or distance <= 0 and mod.role != "top":
        return None
    return (distance, 1)


def _raised(scale: IntensityScale, cue: _Hit, mods: list[_Hit]) -> tuple[int, list[_Hit]]:
    """The level a cue reaches with its modifiers (each distinct word once, within its cap), and the hits used."""
    base = int(cue.level or 0)
    level, used, seen = base, [cue], set()
    for mod in mods:
        inside = any(o is not mod and o.start <= mod.start and mod.end <= o.end and (o.end - o.start) >
                     (mod.end - mod.start) for o in mods)
        if mod.words in seen or inside:  # "strongly" within "most strongly" counts once, as the top formula
            continue
        seen.add(mod.words)
        level += 2 if mod.role == "top" else 1
        used.append(mod)
    return min(level, scale.caps.get(base, base)), used


@renamed(statements="corpus")
def score_intensity(matches: Matches, corpus: Corpus | Iterable[Document], *, scale: IntensityScale | None = None,
                    cues: bool = False, gazetteer: Gazetteer | None = None, mode: str = "auto",
                    parses: Mapping[str, Sequence[Paragraph]] | None = None) -> pd.DataFrame:
    """The intensity of each statement, from the one matches table: level, target, flags and evidence.

    In parse mode, each counted cue is also read on the dependency parse
    (:func:`toolkit.analysis.reading.read_cue`): whose it is (the subject,
    the agent of a passive, the possessor of a noun), whether it is negated,
    disclaimed ("a ritual condemnation"), in the doom sense, or governed by a
    call or a counterfactual, and which intensifiers depend on it; where the
    parse says something, it overrides the window rules, and elsewhere their
    answer stands. Evaluative judgements of the act that no list holds
    ("a callous crime", :func:`toolkit.analysis.reading.evaluative_judgements`)
    count as the scale's evaluative words do: +1 on a cue of their sentence,
    or level 2 alone. The table's ``attrs["intensity_mode"]`` says which mode
    ran (``"parse"`` or ``"rules"``), ``attrs["intensity_reading"]`` how.

    Parameters
    ----------
    matches : Matches
        The matches of ``corpus``. Found with a lexicon that includes the
        scale's cue classes (``find_matches(corpus, lexicon + scale.lexicon)``,
        as :func:`toolkit.backends.intensity_parallel` does), their cues are
        read and nothing is matched again; found without them (the shipped
        lexicon alone, ``find_matches(corpus)``), the scale's cues are
        matched in ``corpus`` here. Other families are ignored.
    corpus : Corpus or iterable of Document
        The corpus the matches were found in (its texts give each cue's
        context). Its old name ``statements=`` works until 0.3, with a
        FutureWarning.
    scale : IntensityScale, optional
        The scale; None (the default) is the shipped one,
        :func:`default_intensity_scale`. A user's scale comes from
        :func:`parse_intensity_scale` (``toolkit.io.read_intensity_scale``).
    cues : bool, default False
        One row per counted cue instead of one per statement.
    gazetteer : Gazetteer, optional
        Where ``actor_type`` comes from: the type of the entity ``actor_id``
        names. None (the default) is the shipped gazetteer's
        (:func:`toolkit.io.default_gazetteer`). In parse mode it also tells
        whether a subject names the speaker (a name or id the gazetteer
        knows; the shipped names of ``actor_id`` are always known).
    mode : {"auto", "parse", "rules"}, default "auto"
        How cues are read (:func:`intensity_mode`): on the dependency parse,
        by the rules alone, or on the parse when spaCy and an English
        pipeline are installed, else by the rules.
    parses : mapping of str to list of Paragraph, optional
        The parse of each document by id, as attribution made it
        (:attr:`toolkit.attribution.Attribution.parses`): in parse mode those
        documents are not parsed again. Any other statement's sentences that
        hold a hit of the scale or a word of an act are parsed here, each once.

    Returns
    -------
    pandas.DataFrame
        :data:`INTENSITY_COLUMNS`, one row per statement in corpus order:
        who spoke (``actor``, ``"unresolved"`` for a statement without an
        actor, :data:`toolkit.text.corpus.UNRESOLVED`; ``actor_id``;
        ``actor_type``, the gazetteer's type of ``actor_id``: ``state``,
        ``international_organization``, ``un_body``, ``non_state``, ...,
        missing for an id the gazetteer does not hold or a missing id) and
        ``year``; ``level`` (0-5) and its ``label``; ``target``; ``negated``
        and ``hedged``; ``evidence`` (the words that set the level, " | "
        between fragments) and ``evidence_spans`` (their character offsets
        in the statement). Then the documents' metadata (:attr:`Document.meta`,
        one column per key, in alphabetical order; a key named like a column
        above is left out), so that :func:`intensity_table` can group by a
        column of the user's. With ``cues=True``, one row per cue of the
        speaker's that counts (:data:`CUE_COLUMNS`, then the metadata): its
        ``level`` once raised, the ``cue`` words, the ``intensifiers`` that
        raised it, its ``target`` and span.

    Examples
    --------
    >>> from toolkit import Corpus, Document, find_matches
    >>> scale = default_intensity_scale()
    >>> corpus = Corpus((Document("a", "Norway strongly condemns the heinous attack.", actor="Norway"),))
    >>> row = score_intensity(find_matches(corpus, scale.lexicon), corpus).iloc[0]
    >>> int(row["level"]), row["evidence"]
    (5, 'strongly | condemns | heinous')
    >>> print(row["label"])
    strongest: a condemnation 'in the strongest terms' (or 'utmost', 'unreserved'), or with two intensifiers ...
    """
    owner = "score_intensity"
    check_matches(matches, owner=owner)
    check_corpus(corpus, owner=owner)
    scale = check_type(scale, "scale", owner=owner, types=IntensityScale, allow_none=True,
                       expected="an IntensityScale (parse_intensity_scale), or None for the shipped scale")
    scale = default_intensity_scale() if scale is None else scale
    gazetteer = check_type(gazetteer, "gazetteer", owner=owner, types=Gazetteer, allow_none=True,
                           expected="a Gazetteer, or None for the shipped one")
    types = _shipped_actor_types() if gazetteer is None else {k: e.type for k, e in gazetteer.entities.items()}
    families = {f.id for f in scale.lexicon.families}
    corpus = corpus if isinstance(corpus, Corpus) else Corpus(tuple(corpus))
    if not families <= set(matches.formulae["family"]):  # found without the scale's cues: match them here
        matches = _with_cues(matches, corpus, scale)
    mine = {st.id for st in corpus.statements}
    other = sorted(mine ^ set(matches.statements["statement_id"]))
    check_parameter(corpus, "corpus", owner=owner, ok=not other,
                    expected="the corpus the matches were found in (match and score the same corpus, attributed "
                             "or not)", got=f"other statements (e.g. {other[0]!r})" if other else None)
    mode, how = intensity_mode(mode, owner=owner)
    by_statement = _hits_by_statement(scale, matches)
    if mode == "parse":
        _read_on_the_parse(scale, corpus, by_statement, parses or {}, gazetteer)
    columns = CUE_COLUMNS if cues else INTENSITY_COLUMNS
    meta = sorted({k for doc in corpus.documents for k in doc.meta} - set(columns))
    rows, cue_rows = [], []
    for doc in corpus.documents:
        for st in doc.statements:
            hits = sorted(by_statement.get(st.id, []), key=lambda h: (h.first, h.last))
            names = fold_for_tokens(" ".join(a for a in (st.actor, st.actor_id) if a)).text.split()
            actor_words = {w for w in names if len(w) > 2 and w not in scale.words["own"]}
            scored = _score_one(scale, st.text, hits, actor_words)
            who = {"doc_id": st.doc_id, "statement_id": st.id, "actor": st.actor or UNRESOLVED,
                   "actor_id": st.actor_id, "actor_type": types.get(st.actor_id) if st.actor_id else None,
                   "year": st.year, **{k: doc.meta.get(k) for k in meta}}
            cue_rows += [{**who, **cue} for cue in scored.pop("_cues")]
            rows.append({**who, **scored, "label": scale.label(scored["level"])})
    frame = pd.DataFrame(cue_rows if cues else rows, columns=columns + meta)
    frame["year"] = frame["year"].astype("Int64")
    frame.attrs.update(intensity_mode=mode, intensity_reading=how)
    return frame


def _with_cues(matches: Matches, corpus: Corpus, scale: IntensityScale) -> Matches:
    """The hits of the scale's cues in ``corpus``, with the statements of ``matches`` (checked against it after)."""
    cues = find_matches(corpus, scale.lexicon)
    return Matches(cues.table, matches.statements, cues.formulae, matches.skipped)


@functools.cache
def _shipped_actor_types() -> Mapping[str, str]:
    """The type of each entity of the shipped gazetteer, by id, read on first use.

    Only the ids and types of ``states.tsv`` (every row a state) and
    ``organizations.tsv`` (its ``type`` column): the entities of
    :func:`toolkit.io.default_gazetteer`, whose reader is the ``io`` edge's
    and not this layer's.
    """
    types: dict[str, str] = {}
    for name, kind in (("states.tsv", "state"), ("organizations.tsv", None)):
        rows = [line.split("\t") for line in shipped_text(name).splitlines() if line.strip() and line[0] != "#"]
        header = [cell.strip() for cell in rows[0]]
        for row in rows[1:]:
            cells = dict(zip(header, (cell.strip() for cell in row)))
            types[cells["id"]] = kind or cells["type"]
    return MappingProxyType(types)


def _hits_by_statement(scale: IntensityScale, matches: Matches) -> dict[str, list[_Hit]]:
    """The hits of the scale's cue classes in the matches table, by statement, with their roles and levels."""
    roles = {PREFIX + c.id: (c.role, c.level) for c in scale.cues}
    table = matches.table[matches.table["family"].isin(set(roles))]
    by_statement: dict[str, list[_Hit]] = {}
    folded: dict[str, tuple[str, ...]] = {}  # a cue's words, folded once per spelling ("concern", "condemns")
    columns = ("family", "statement_id", "matched_text", "token_start", "token_end", "start", "end")
    for family, statement, text, token_start, token_end, start, end in zip(
            *(table[c].tolist() for c in columns)):
        role, level = roles[family]
        words = folded.get(text)
        if words is None:
            words = folded[text] = tuple(fold_for_tokens(text).text.split())
        by_statement.setdefault(statement, []).append(
            _Hit(role, level, int(token_start), int(token_end) - 1, int(start), int(end), words))
    return by_statement


#: How :func:`score_intensity` reads the cues: on the dependency parse, by the rules alone, or the parse when it
#: is installed.
MODES = ("auto", "parse", "rules")


def intensity_mode(mode: str = "auto", *, owner: str = "intensity_mode") -> tuple[str, str]:
    """Which mode ``mode`` runs in here, and the sentence that says so (``condemn intensity`` prints it).

    Parameters
    ----------
    mode : {"auto", "parse", "rules"}, default "auto"
        ``"parse"`` reads each cue on the dependency parse (spaCy and an
        English pipeline, :func:`toolkit.attribution.parse.load_pipeline`;
        missing, it is an error); ``"rules"`` reads them with the rules alone;
        ``"auto"`` is ``"parse"`` when spaCy and a pipeline are installed, else
        ``"rules"``.
    owner : str, default "intensity_mode"
        The function named by a bad ``mode``.

    Returns
    -------
    mode, description : str
        ``"parse"`` or ``"rules"``, and how it reads ("read on the dependency
        parse (en_core_web_sm 3.8.0)", "rules without the parse (spaCy is not
        installed)").

    Raises
    ------
    MissingDependency
        For ``mode="parse"`` without spaCy or a pipeline.

    Examples
    --------
    >>> intensity_mode("rules")
    ('rules', 'rules without the parse (asked for)')
    """
    mode = check_choice(mode, "mode", owner=owner, choices=MODES)
    if mode == "rules":
        return "rules", "rules without the parse (asked for)"
    try:
        nlp = load_pipeline()
    except MissingDependency as missing:
        if mode == "parse":
            raise
        if missing.module == "spacy":
            return "rules", "rules without the parse (spaCy is not installed)"
        return "rules", f"rules without the parse ({missing.module} is not installed)"
    meta = nlp.meta
    return "parse", f"read on the dependency parse ({meta.get('lang', 'en')}_{meta.get('name')} {meta.get('version')})"


def _read_on_the_parse(scale: IntensityScale, corpus: Corpus, by_statement: dict[str, list[_Hit]],
                       parses: Mapping[str, Sequence[Paragraph]], gazetteer: Gazetteer | None) -> None:
    """Read every cue of the corpus on the parse (in place): each cue's reading, and the evaluative judgements.

    A statement of a document in ``parses`` (attribution's parse) is read on
    the sentences of that parse; any other statement's sentences that hold a
    hit of the scale or a word of an act (the ``attack`` targets) are cut
    with the toolkit's sentence ends and parsed here, in batches, each once.
    """
    from . import reading

    words = _intensifier_words(scale)
    acts = scale.targets.get("attack", frozenset())
    pending: list[tuple[str, Statement, int]] = []  # sentences to parse: text, statement, its offset
    for doc in corpus.documents:
        for st in doc.statements:
            hits = by_statement.setdefault(st.id, [])
            if doc.id in parses:
                for span, offset in _parsed_sentences(parses[doc.id], st, hits):
                    _read_sentence(reading, scale, span, offset, st, hits, words, gazetteer)
            else:
                pending += [(st.text[a:b], st, a) for a, b in _sentences_to_parse(st.text, hits, acts)]
    if pending:
        nlp = load_pipeline()
        for parsed, (st, offset) in _parsed(nlp, pending):
            _read_sentence(reading, scale, parsed[:], offset, st, by_statement[st.id], words, gazetteer)


#: The sentences parsed last (pipeline, text) -> Doc, so that scoring the same statements twice (the
#: statements and their cues, as the report does) parses each sentence once; the oldest are let go.
_PARSED: collections.OrderedDict[tuple[int, str], Any] = collections.OrderedDict()
_PARSED_KEPT = 5_000  # about 60 MB of parsed sentences


def _parsed(nlp: Any, pending: list[tuple[str, Statement, int]]) -> Iterator[tuple[Any, tuple[Statement, int]]]:
    """Each pending sentence's parse, in order: from the sentences parsed last, or parsed now in batches."""
    new = list(dict.fromkeys(t for t, _, _ in pending if (id(nlp), t) not in _PARSED))
    fresh = {(id(nlp), t): doc for t, doc in zip(new, nlp.pipe(new, batch_size=64))}
    for t, st, a in pending:
        key = (id(nlp), t)
        doc = fresh.get(key)
        if doc is None:
            doc = _PARSED[key]
            _PARSED.move_to_end(key)
        else:
            _PARSED[key] = doc
        yield doc, (st, a)
    while len(_PARSED) > _PARSED_KEPT:
        _PARSED.popitem(last=False)


def _intensifier_words(scale: IntensityScale) -> frozenset[str]:
    """The one-word intensifiers of the scale (its intensifier and top patterns of one word)."""
    return frozenset(word for cue in scale.cues if cue.role in ("intensifier", "top") for pattern in cue.patterns
                     if " " not in pattern.strip() for word in pattern.strip("[]").split("|") if word.isalpha())


def _parsed_sentences(paragraphs: Sequence[Paragraph], st: Statement, hits: list[_Hit]) -> list[tuple[Any, int]]:
    """The parsed sentences of the statement's document that hold its hits, and each one's offset in the statement."""
    found: dict[tuple[int, int], tuple[Any, int]] = {}
    starts = [p.start for p in paragraphs]
    for hit in hits:
        at = st.start + hit.start
        k = bisect.bisect_right(starts, at) - 1
        if k < 0 or at >= paragraphs[k].end:
            continue
        paragraph = paragraphs[k]
        doc = paragraph.doc
        token = doc[max(0, bisect.bisect_right([t.idx for t in doc], at - paragraph.start) - 1)]
        sent = token.sent
        found.setdefault((k, sent.start), (sent, paragraph.start - st.start))
    return list(found.values())


def _sentences_to_parse(text: str, hits: list[_Hit], acts: frozenset[str]) -> list[tuple[int, int]]:
    """The (start, end) of the statement's sentences (the toolkit's) that hold a hit or a word of an act."""
    tokens, starts, ends, sentence = _statement_tokens(text)
    if not tokens:
        return []
    chosen = {int(sentence[min(int(np.searchsorted(starts, h.start, side="right")) - 1, len(tokens) - 1)])
              for h in hits if h.start >= starts[0]}
    chosen |= {int(sentence[k]) for k, t in enumerate(tokens) if t in acts}
    bounds = np.flatnonzero(np.diff(sentence)) + 1
    first = np.concatenate([[0], bounds]).tolist()
    last = np.concatenate([bounds - 1, [len(tokens) - 1]]).tolist()
    return [(int(starts[first[k]]), int(ends[last[k]])) for k in sorted(chosen)]


def _read_sentence(reading: Any, scale: IntensityScale, span: Any, offset: int, st: Statement, hits: list[_Hit],
                   words: frozenset[str], gazetteer: Gazetteer | None) -> None:
    """One sentence's cues read on its parse, and its evaluative judgements added as hits (in place).

    ``offset`` turns a character of the span's Doc into one of the statement.
    """
    low, high = span.start_char + offset, span.end_char + offset
    speaker = _speaker(scale, st, gazetteer)
    for hit in hits:
        if hit.role != "cue" or not low <= hit.start < high:
            continue
        read = reading.read_cue(span, hit.start - offset, hit.end - offset, speaker=speaker, intensifier_words=words)
        named = tuple((span[k].idx + offset, span[k].idx + offset + len(span[k].text), span[k].lower_)
                      for k in read.intensifiers)  # indices in the span
        own = read.own
        if own is False and read.owner is not None and not speaker.another(read.owner):  # type: ignore[attr-defined]
            own = None  # a person or an office ("the Secretary-General", "Julia Gillard"): the rules decide
        hit.reading = _Reading(own, bool(read.negated), bool(read.disclaimed), bool(read.doom), read.governed, named)
        for a, b, word in named:  # an intensifying word the scale's patterns did not catch
            if not any(h.start < b and a < h.end for h in hits if h.role in ("intensifier", "top")):
                hits.append(_Hit("intensifier", None, 0, 0, a, b, (word,)))  # read by its characters
    for a, b, word in reading.evaluative_judgements(span):
        a, b = a + offset, b + offset
        if not any(h.start < b and a < h.end for h in hits):
            hits.append(_Hit("evaluative", None, 0, 0, a, b, (word.casefold(),)))  # read by its characters


def _speaker(scale: IntensityScale, st: Statement, gazetteer: Gazetteer | None) -> Callable[[str], bool]:
    """Whether a phrase names the statement's actor (a name, alias or id of it) or is the speaker's first person."""
    given = {part.strip() for n in (st.actor, st.actor_id) if n for part in n.split(";")} - {""}  # "A; B": both
    names = set(_spellings(given))
    shipped = _shipped_names()
    # the actor's entities: its id, an actor given as its code ("DOM"), or the entity whose name it is; and the
    # organisations it speaks for when they are named bare (the UN's statements are the Secretary-General's)
    ids = given | {k for k, keys in shipped.items() if names & keys}
    ids |= {k for k, spoken in _shipped_speakers().items() if spoken in ids}
    for code in ids:
        names |= shipped.get(code, frozenset())
    # the speaker's first person, and "it"/"its" that the parse left without an antecedent in the sentence: in a
    # statement, the speaker ("It henceforth rejects ...", "Barbados remains resolute in its rejection")
    first_person = scale.words["pronouns"] - {"government", "delegation"} | {"me", "it", "its", "itself"}
    others = scale.words["others"]

    def speaker(phrase: str) -> bool:
        phrase = phrase.strip()
        if phrase[-2:] in ("'s", "\u2019s"):
            phrase = phrase[:-2]
        key = name_key(phrase)
        while key and key[0] == "the":
            key = key[1:]
        if not key:
            return False
        if first_person & set(key) or any(_holds(key, name) for name in names):
            return True  # "we", "my delegation", "the Syrian delegation", "the people and Government of Mongolia"
        if not ids:  # a statement without an actor: a named speaker is its speaker, another body's subject is not
            return not others & set(key)
        entity = gazetteer.lookup(" ".join(key)) if gazetteer is not None else None
        return entity is not None and entity.id in ids

    def another(phrase: str) -> bool:
        key = name_key(phrase)
        return bool(others & set(key)) or _names_another(key, names)

    speaker.another = another  # type: ignore[attr-defined]
    return speaker


def _holds(key: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Whether the words of ``name`` occur in a row in ``key``."""
    n = len(name)
    return n > 0 and any(key[k:k + n] == name for k in range(len(key) - n + 1))


def _names_another(key: tuple[str, ...], mine: set[tuple[str, ...]]) -> bool:
    """Whether a phrase holds the name of an entity of the shipped gazetteer that is not one of ``mine``."""
    index = _shipped_name_index()
    return any(key[k:k + len(name)] == name and name not in mine
               for k, word in enumerate(key) for name in index.get(word, ()))


@functools.cache
def _shipped_name_index() -> Mapping[str, tuple[tuple[str, ...], ...]]:
    """Every name key of the shipped gazetteer, by its first word."""
    index: dict[str, set[tuple[str, ...]]] = {}
    for keys in _shipped_names().values():
        for key in keys:
            index.setdefault(key[0], set()).add(key)
    return MappingProxyType({word: tuple(sorted(keys)) for word, keys in index.items()})


@functools.cache
def _shipped_names() -> Mapping[str, frozenset[tuple[str, ...]]]:
    """The name keys of each entity of the shipped gazetteer (name, aliases, demonyms, institutions), by id."""
    names: dict[str, frozenset[tuple[str, ...]]] = {}
    for name in ("states.tsv", "organizations.tsv"):
        rows = [line.split("\t") for line in shipped_text(name).splitlines() if line.strip() and line[0] != "#"]
        header = [cell.strip() for cell in rows[0]]
        for row in rows[1:]:
            cells = dict(zip(header, (cell.strip() for cell in row)))
            written = [cells.get("name", "")] + [a for key in ("aliases", "demonyms", "institutions")
                                                 for a in cells.get(key, "").split("|")]
            names[cells["id"]] = _spellings(w for w in written if w.strip())
    return MappingProxyType(names)


@functools.cache
def _shipped_speakers() -> Mapping[str, str]:
    """The body that speaks for each organisation of the shipped gazetteer named bare (``speaker`` column), by id."""
    rows = [line.split("\t") for line in shipped_text("organizations.tsv").splitlines()
            if line.strip() and line[0] != "#"]
    header = [cell.strip() for cell in rows[0]]
    cells = (dict(zip(header, (cell.strip() for cell in row))) for row in rows[1:])
    return MappingProxyType({c["id"]: c["speaker"] for c in cells if c.get("speaker")})


def _spellings(written: Iterable[str]) -> frozenset[tuple[str, ...]]:
    """The name keys of names in every spelling the gazetteer folds (:func:`spelling_variants`: "Organisation" and
    "Organization", "United Nations" and "UN" inside a name)."""
    return frozenset(variant for w in written if (key := name_key(w)) for variant in spelling_variants(key))


def intensity_table(scores: pd.DataFrame, *, by: str | Sequence[str], scale: IntensityScale | None = None
                    ) -> pd.DataFrame:
    """How strongly each group reacts: its statements at each level of the scale, their share, maximum and mean.

    Groupings compose as in :func:`toolkit.formulae.counts.count_matches`
    (``by="actor,year"`` or a list), and any column of the scores is one: the
    ``actor_type``, a metadata column of the user's (``bloc``), and ``decade``
    (from ``year``).

    Parameters
    ----------
    scores : pandas.DataFrame
        :func:`score_intensity`'s table (one row per statement; with the
        columns of ``by`` and ``level``).
    by : str or list of str
        Columns of ``scores`` (``actor``, ``actor_id``, ``actor_type``,
        ``year``, ``target``, a metadata column, ...), or ``decade``;
        several joined by commas (``"actor,year"``).
    scale : IntensityScale, optional
        The scale the statements were scored on, whose levels make the
        columns; None (the default) is the shipped one,
        :func:`default_intensity_scale`.

    Returns
    -------
    pandas.DataFrame
        One row per group: the grouping columns, ``n_statements``,
        ``n_level_0`` ... ``n_level_5`` (the statements at each level of the
        scale, zeros included), ``share_level_0`` ... ``share_level_5``
        (their share of the group's statements), ``max_level`` and
        ``mean_level``. Groups are sorted, missing values last, and the
        statements without an actor (``"unresolved"``,
        :data:`toolkit.text.corpus.UNRESOLVED`) last.

    Examples
    --------
    >>> from toolkit import Corpus, Document, find_matches
    >>> corpus = Corpus((Document("a", "Norway strongly condemns the attack.", actor="Norway", year=2001),
    ...                  Document("b", "Norway is deeply concerned.", actor="Norway", year=2011),
    ...                  Document("c", "Chad condemns the attack.", actor="Chad", year=2001)))
    >>> scores = score_intensity(find_matches(corpus, default_intensity_scale().lexicon), corpus)
    >>> table = intensity_table(scores, by="actor")
    >>> table[["actor", "n_statements", "n_level_1", "n_level_4", "max_level", "mean_level"]].values.tolist()
    [['Chad', 1, 0, 0, 3, 3.0], ['Norway', 2, 1, 1, 4, 2.5]]
    >>> intensity_table(scores, by="decade,actor")[["decade", "actor", "share_level_3"]].values.tolist()
    [[2000, 'Chad', 1.0], [2000, 'Norway', 0.0], [2010, 'Norway', 0.0]]
    """
    owner = "intensity_table"
    check_table(scores, "scores", owner=owner, columns=("level",))
    scale = check_type(scale, "scale", owner=owner, types=IntensityScale, allow_none=True,
                       expected="an IntensityScale (parse_intensity_scale), or None for the shipped scale")
    levels = sorted((default_intensity_scale() if scale is None else scale).levels)
    frame, keys = _groups(scores, by, owner)
    stray = sorted(set(frame["level"].dropna()) - set(levels))
    check_parameter(scores, "scores", owner=owner, ok=not stray and frame["level"].notna().all(),
                    expected=f"levels of the scale ({levels[0]}-{levels[-1]}; score with the same scale)",
                    got=f"the level {stray[0]!r}" if stray else "a statement without a level")
    columns = (keys + ["n_statements"] + [f"n_level_{k}" for k in levels] + [f"share_level_{k}" for k in levels]
               + ["max_level", "mean_level"])
    if frame.empty:
        return pd.DataFrame(columns=columns)
    number = frame.groupby(keys, dropna=False, sort=False).ngroup().to_numpy()
    table = frame.drop_duplicates(keys)[keys].reset_index(drop=True)  # the groups in the order ngroup numbers them
    counts = np.zeros((len(table), len(levels)), dtype=np.int64)
    np.add.at(counts, (number, np.searchsorted(levels, frame["level"].to_numpy(dtype=np.int64))), 1)
    n = counts.sum(axis=1)
    table["n_statements"] = n
    for k, level in enumerate(levels):
        table[f"n_level_{level}"] = counts[:, k]
    for k, level in enumerate(levels):
        table[f"share_level_{level}"] = counts[:, k] / n
    table["max_level"] = np.asarray(levels, dtype=np.int64)[len(levels) - 1 - np.argmax(counts[:, ::-1] > 0, axis=1)]
    table["mean_level"] = (counts @ np.asarray(levels, dtype=float)) / n
    table = table.sort_values(keys, na_position="last", kind="stable", key=unresolved_last)
    return table.reset_index(drop=True)[columns]


def _groups(frame: pd.DataFrame, by: Any, owner: str) -> tuple[pd.DataFrame, list[str]]:
    """The columns ``by`` names in ``frame``, time bins added, through the toolkit's one group resolver.

    Any column of the scores but list-valued ones, the names of
    :data:`toolkit.validation.GROUPINGS` whose columns it holds (``doc``,
    ``statement``) and the time bins ``decade`` and ``years:N``
    (:func:`toolkit.text.groups.group_columns`); else an error listing what is there.
    """
    groupable = [c for c in frame.columns if not (len(frame) and isinstance(frame[c].iloc[0], (list, tuple)))]
    frame, keys = group_columns(frame, by, owner=owner, metadata=groupable, of="scores")
    missing = [key for key in keys if key not in frame.columns]
    if missing:
        raise grouping_error(missing[0], owner=owner, columns=groupable, of="scores")
    return frame, keys


def with_intensity(matches: Matches, scores: pd.DataFrame) -> Matches:
    """The matches with each statement's intensity level, so that counts compose with intensity.

    ``count_matches(with_intensity(matches, scores), by="intensity")`` counts
    every formula at each intensity level: which formulae go with which level.

    Parameters
    ----------
    matches : Matches
        The matches table of a corpus.
    scores : pandas.DataFrame
        :func:`score_intensity` of the same corpus (one row per statement,
        with ``statement_id`` and ``level``).

    Returns
    -------
    Matches
        The same matches, their table and statements with a column
        ``intensity`` (int: the statement's level).

    Examples
    --------
    >>> from toolkit import Corpus, Document, count_matches, find_matches
    >>> scale = default_intensity_scale()
    >>> corpus = Corpus((Document("a", "Norway condemns the attack.", actor="Norway"),))
    >>> matches = find_matches(corpus, scale.lexicon)
    >>> with_intensity(matches, score_intensity(matches, corpus)).statements["intensity"].tolist()
    [3]
    """
    owner = "with_intensity"
    check_matches(matches, owner=owner)
    check_table(scores, "scores", owner=owner, columns=("statement_id", "level"))
    repeated = scores["statement_id"][scores["statement_id"].duplicated()]
    check_parameter(scores, "scores", owner=owner, ok=repeated.empty,
                    expected="one row per statement (score_intensity without cues=True)",
                    got=f"statement {repeated.iloc[0]!r} twice" if not repeated.empty else None)
    levels = scores.set_index("statement_id")["level"]
    missing = sorted(set(matches.statements["statement_id"]) - set(levels.index))
    check_parameter(scores, "scores", owner=owner, ok=not missing,
                    expected="a score for every statement of the matches (score the corpus they were found in)",
                    got=f"none for {len(missing)} statement(s), e.g. {missing[0]!r}" if missing else None)
    statements = matches.statements.assign(intensity=matches.statements["statement_id"].map(levels).astype("int64"))
    table = matches.table.assign(intensity=matches.table["statement_id"].map(levels).astype("int64"))
    return Matches(table, statements, matches.formulae, matches.skipped)


def with_levels(matches: Matches, scores: pd.DataFrame) -> Matches:
    """Deprecated: renamed :func:`with_intensity`; this name stops working in 0.3.

    Parameters
    ----------
    matches : Matches
        The matches table of a corpus.
    scores : pandas.DataFrame
        :func:`score_intensity` of the same corpus.

    Returns
    -------
    Matches
        What :func:`with_intensity` returns (the column is ``intensity``), with a FutureWarning.
    """
    warn_renamed("with_levels was renamed with_intensity (its column is 'intensity'; count by='intensity')")
    return with_intensity(matches, scores)


def kappa(a: Iterable[int], b: Iterable[int], *, levels: int = 6) -> float:
    """Cohen's kappa with quadratic weights between two codings on an ordinal scale of ``levels`` levels.

    scikit-learn's :func:`sklearn.metrics.cohen_kappa_score` (``weights="quadratic"``,
    ``labels=range(levels)``), once the codings are checked: near misses
    count less than far ones, and a level neither coding uses still counts
    in the weights' scale.

    Parameters
    ----------
    a, b : sequence of int
        Two codings of the same items, in the same order: one level each, an
        int in ``[0, levels - 1]``.
    levels : int, default 6
        The number of levels of the scale (the shipped scale has 6: 0 to 5).

    Returns
    -------
    float
        1 for perfect agreement, 0 for agreement by chance, below 0 for less;
        NaN where kappa is undefined (both codings give every item one and
        the same level).

    Examples
    --------
    >>> kappa([0, 0, 1, 2], [0, 1, 1, 2], levels=3)
    0.8
    >>> kappa([3, 3], [3, 3])
    nan
    >>> kappa([-1, 2], [1, 2])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    toolkit.errors.ParameterError: The 'a' parameter of kappa must be a sequence of int levels in [0, 5]. Got -1 at ...
    """
    from sklearn.metrics import cohen_kappa_score

    check_int(levels, "levels", owner="kappa", low=2)
    first, second = _coding(a, "a", levels), _coding(b, "b", levels)
    check_parameter(b, "b", owner="kappa", ok=len(second) == len(first),
                    expected=f"a coding of the same {len(first)} items as 'a'", got=f"{len(second)} levels")
    if len(set(first) | set(second)) == 1:  # one and the same level everywhere: kappa is undefined
        return float("nan")
    return float(cohen_kappa_score(first, second, weights="quadratic", labels=list(range(levels))))


def agreement(gold: Iterable[int], found: Iterable[int], *, levels: int = 6) -> pd.DataFrame:
    """How well a scoring agrees with a hand coding of the same units: weighted kappa, exact and per-level agreement.

    The one measure of the scale's validity: the tests and
    ``benchmarks/intensity_agreement.py`` (the README's table) both use it.

    Parameters
    ----------
    gold : sequence of int
        The hand-coded level of each unit.
    found : sequence of int
        The level :func:`score_intensity` gave each unit, in the same order.
    levels : int, default 6
        The number of levels of the scale.

    Returns
    -------
    pandas.DataFrame
        One row: ``n`` (units), ``kappa`` (quadratic weights, :func:`kappa`),
        ``exact`` (share of units on the same level), then for each level k
        ``n_gold_k`` (units coded k) and ``exact_k`` (the share of them scored
        k; NaN where no unit is coded k).

    Examples
    --------
    >>> table = agreement([0, 1, 3, 3], [0, 1, 3, 4])
    >>> float(table["kappa"].iloc[0]) > 0.9, float(table["exact"].iloc[0]), float(table["exact_3"].iloc[0])
    (True, 0.75, 0.5)
    """
    check_int(levels, "levels", owner="agreement", low=2)
    first, second = _coding(gold, "gold", levels, owner="agreement"), _coding(found, "found", levels, owner="agreement")
    check_parameter(found, "found", owner="agreement", ok=len(second) == len(first),
                    expected=f"a coding of the same {len(first)} units as 'gold'", got=f"{len(second)} levels")
    a, b = np.asarray(first), np.asarray(second)
    row: dict[str, Any] = {"n": len(a), "kappa": kappa(first, second, levels=levels), "exact": float((a == b).mean())}
    for k in range(levels):
        row[f"n_gold_{k}"] = int((a == k).sum())
    for k in range(levels):
        row[f"exact_{k}"] = float((b[a == k] == k).mean()) if (a == k).any() else float("nan")
    return pd.DataFrame([row])


def _coding(value: Any, name: str, levels: int, *, owner: str = "kappa") -> list[int]:
    """One coding for :func:`kappa`: a non-empty sequence of int levels in ``[0, levels - 1]``."""
    expected = f"a sequence of int levels in [0, {levels - 1}]"
    check_parameter(value, name, owner=owner, expected=expected, got=type(value).__name__,
                    ok=isinstance(value, Iterable) and not isinstance(value, (str, bytes)))
    codes = list(value)
    check_parameter(value, name, owner=owner, expected=expected, ok=bool(codes), got="an empty sequence")
    for position, code in enumerate(codes):
        if not isinstance(code, (int, np.integer)) or isinstance(code, bool) or not 0 <= code < levels:
            raise parameter_error(value, name, owner=owner, expected=expected, got=f"{code!r} at position {position}")
    return [int(code) for code in codes]


def condemnation_sentences(corpus: Corpus | Iterable[Document], *, scale: IntensityScale | None = None,
                           min_level: int = 2, cues: pd.DataFrame | None = None,
                           matches: Matches | None = None, mode: str = "auto") -> tuple[Corpus, Corpus]:
    """The sentences of a corpus that hold a condemnation, and its other sentences, as two corpora.

    A sentence holds a condemnation when one of the speaker's own cues of the
    scale at ``min_level`` or above lies in it: the cues
    :func:`score_intensity` counts (``cues=True``), so that another body's
    condemnation, a negated cue and "condemned to poverty" do not count; the
    level is the cue's once raised by its intensifiers (2: deplores,
    denounces, rejects, "unacceptable"; 3: condemns). Sentences are those of
    the toolkit's tokenizer (:func:`toolkit.text.tokens.sentence_breaks`).

    Each statement is cut into runs of consecutive sentences of one kind;
    each run becomes a statement of the same document, with the statement's
    actor and date, its id the statement's and the number of its first
    sentence (``"speech-12:4"``), its span the run's in the document (the
    trailing spaces left out). So n-grams still never cross a sentence end,
    a place that overlapping statements share stays one place, and actors
    stay what they were. A document without a run of a kind is left out of
    that corpus.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        The corpus (attributed or not).
    scale : IntensityScale, optional
        The scale (default: :func:`default_intensity_scale`).
    min_level : int, default 2
        The least level of a cue, once raised, that makes its sentence one of
        condemnation.
    cues : pandas.DataFrame, optional
        ``score_intensity(matches, corpus, scale=scale, cues=True)`` when it
        has already been computed (the UN corpus's report does); else it is.
    matches : Matches, optional
        The matches of the corpus, when ``cues`` is not given (found with the
        scale's cues, or they are matched here); else they are found here.
    mode : {"auto", "parse", "rules"}, default "auto"
        How the cues are read when ``cues`` is not given (:func:`score_intensity`);
        ``"rules"`` for a corpus of speeches too large to parse.

    Returns
    -------
    condemning, other : Corpus
        The runs of sentences holding such a cue, and the runs of the other
        sentences.

    Examples
    --------
    >>> from toolkit import Corpus
    >>> corpus = Corpus.from_texts(["We met on Monday. We condemn the attack. Talks go on.", "We note it."])
    >>> condemning, other = condemnation_sentences(corpus)
    >>> [(st.id, st.text) for st in condemning.statements]
    [('text1:1', 'We condemn the attack.')]
    >>> [(st.id, st.text) for st in other.statements]
    [('text1:0', 'We met on Monday.'), ('text1:2', 'Talks go on.'), ('text2:0', 'We note it.')]
    """
    owner = "condemnation_sentences"
    check_corpus(corpus, owner=owner)
    scale = check_type(scale, "scale", owner=owner, types=IntensityScale, allow_none=True,
                       expected="an IntensityScale (parse_intensity_scale), or None for the shipped scale")
    scale = default_intensity_scale() if scale is None else scale
    min_level = check_int(min_level, "min_level", owner=owner, low=1)
    documents = corpus if isinstance(corpus, Corpus) else Corpus(tuple(corpus))
    if cues is None:
        if matches is None:
            matches = find_matches(documents, scale.lexicon)
        cues = score_intensity(matches, documents, scale=scale, cues=True, mode=mode)
    check_table(cues, "cues", owner=owner, columns=("statement_id", "level", "start"))
    strong = cues[cues["level"] >= min_level]
    starts = strong.groupby("statement_id")["start"].agg(list).to_dict()
    tc = tokenize_corpus(documents)
    per_statement = np.zeros(len(tc), dtype=np.int64)
    full = np.flatnonzero(np.diff(tc.bounds) > 0)
    if full.size:
        per_statement[full] = np.add.reduceat(tc.breaks, tc.bounds[full], dtype=np.int64)
    first = np.concatenate([[0], np.cumsum(per_statement)]).tolist()
    sides: tuple[list[Document], list[Document]] = ([], [])
    k = 0
    for doc in documents:
        runs: tuple[list[Statement], list[Statement]] = ([], [])
        for st in doc.statements:
            heads = tc.sentence_starts[first[k]:first[k + 1]]
            k += 1
            held = np.zeros(heads.size, dtype=bool)
            if heads.size and st.id in starts:
                held[np.maximum(np.searchsorted(heads, starts[st.id], side="right") - 1, 0)] = True
            for a, b, side in _runs(held):
                begin = int(heads[a])
                end = int(heads[b]) if b < heads.size else len(st.text)
                text = st.text[begin:end].rstrip()
                runs[0 if side else 1].append(Statement(
                    id=f"{st.id}:{a}", doc_id=doc.id, text=text, start=st.start + begin,
                    end=st.start + begin + len(text), actor=st.actor, actor_id=st.actor_id, date=st.date,
                    year=st.year, source=st.source))
        for kept, found in zip(sides, runs):
            if found:
                kept.append(Document(id=doc.id, text=doc.text, source=doc.source, actor=doc.actor,
                                     actor_id=doc.actor_id, date=doc.date, year=doc.year, meta=doc.meta,
                                     statements=tuple(found)))
    return Corpus(sides[0]), Corpus(sides[1])


def _runs(held: np.ndarray) -> list[tuple[int, int, bool]]:
    """The runs of equal values of ``held``: (first index, one past the last, value)."""
    if not held.size:
        return []
    cuts = np.flatnonzero(held[1:] != held[:-1]) + 1
    bounds = [0, *cuts.tolist(), held.size]
    return [(a, b, bool(held[a])) for a, b in zip(bounds[:-1], bounds[1:])]
