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

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import yaml

from ..errors import InputError, ParameterError
from ..formulae.lexicon import Family, Formula, Lexicon, YamlReader
from ..formulae.match import Matches, check_matches
from ..formulae.pattern import compile_pattern
from ..io.shipped import shipped_path, shipped_text
from ..text.corpus import UNRESOLVED, Corpus, Document
from ..text.normalize import fold_for_tokens
from ..text.tokens import sentence_breaks, split_tokens

__all__ = ["CUE_COLUMNS", "INTENSITY_COLUMNS", "IntensityScale", "parse_intensity_scale", "default_intensity_scale",
           "score_intensity",
           "with_levels", "kappa"]

#: The columns of :func:`score_intensity`'s table.
INTENSITY_COLUMNS = ["doc_id", "statement_id", "actor", "actor_id", "year", "level", "label", "target", "negated",
                     "hedged", "evidence", "evidence_spans"]
#: The columns of :func:`score_intensity` with ``cues=True``: one row per counted cue.
CUE_COLUMNS = ["doc_id", "statement_id", "actor", "actor_id", "year", "level", "cue", "intensifiers", "target",
               "start", "end"]
_ROLES = ("cue", "intensifier", "top", "evaluative")
_WORD_LISTS = ("negators", "affirmers", "doom_exceptions", "agent_markers", "agent_own", "others", "names", "own",
               "hedges")
_TARGETS = ("perpetrators", "terrorism", "attack", "other")
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
    """The levels, the cue classes and the context words of an intensity scale (:func:`parse_intensity_scale`)."""

    name: str
    levels: Mapping[int, tuple[str, str]]
    caps: Mapping[int, int]
    cues: tuple[Cue, ...]
    words: Mapping[str, frozenset[str]]
    phrases: tuple[tuple[str, ...], ...]
    targets: Mapping[str, frozenset[str]]
    lexicon: Lexicon = field(repr=False, compare=False, default=None)  # type: ignore[assignment]

    def label(self, level: int) -> str:
        return self.levels[level][0]

    def table(self) -> pd.DataFrame:
        """The levels as a table: ``level``, ``label``, ``example``."""
        return pd.DataFrame([(k, label, example) for k, (label, example) in sorted(self.levels.items())],
                            columns=["level", "label", "example"])


def parse_intensity_scale(text: str, *, source: str = "<scale>") -> IntensityScale:
    """Parse a scale written in YAML (the format of ``toolkit/data/intensity.yaml``).

    Errors name the source, line and column, as for lexicons.
    """
    reader = YamlReader(source)
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"not valid YAML: {getattr(exc, 'problem', exc)}", source=source,
                         line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None) from None
    if root is None:
        raise InputError("the scale is empty", source=source)
    top = reader.mapping(root, "the scale")
    for key in ("levels", "caps", "cues", "words"):
        if key not in top:
            raise reader.fail(root, f"the scale has no {key!r}")
    unknown = set(top) - {"name", "levels", "caps", "cues", "words"}
    if unknown:
        key = min(unknown)
        raise reader.fail(top[key][0], f"unknown key {key!r} (expected name, levels, caps, cues, words)")
    levels: dict[int, tuple[str, str]] = {}
    for key, (node, value) in reader.mapping(top["levels"][1], "levels").items():
        if not key.isdigit():
            raise reader.fail(node, f"a level must be a number 0-9, not {key!r}")
        fields = reader.mapping(value, f"level {key}")
        _only(reader, fields, {"label", "example"}, f"level {key}")
        if "label" not in fields:
            raise reader.fail(value, f"level {key} has no label")
        example = reader.scalar(fields["example"][1], "an example") if "example" in fields else ""
        levels[int(key)] = (reader.scalar(fields["label"][1], "a label"), example)
    if sorted(levels) != list(range(len(levels))) or len(levels) < 4:
        raise reader.fail(top["levels"][1], "levels must be numbered 0, 1, 2, 3, ... without gaps (the rules give "
                                            "cues the base levels 1 to 3)")
    caps = {}
    for key, (node, value) in reader.mapping(top["caps"][1], "caps").items():
        cap = reader.scalar(value, "a cap")
        if not key.isdigit() or not cap.isdigit() or int(cap) not in levels or int(key) not in levels:
            raise reader.fail(node, f"caps map a base level to the highest level it can reach; got {key}: {cap}")
        caps[int(key)] = int(cap)
    if not {1, 2, 3} <= set(caps):
        raise reader.fail(top["caps"][1], "caps must give the highest level of the base levels 1, 2 and 3")
    cues = []
    for key, (_node, value) in reader.mapping(top["cues"][1], "cues").items():
        fields = reader.mapping(value, f"cue class {key!r}")
        _only(reader, fields, {"role", "level", "patterns"}, f"cue class {key!r}")
        role = reader.scalar(fields["role"][1], "a role") if "role" in fields else None
        if role not in _ROLES:
            raise reader.fail(value, f"cue class {key!r} needs a role: one of {', '.join(_ROLES)}")
        level = None
        if role == "cue":
            raw = reader.scalar(fields["level"][1], "a level") if "level" in fields else ""
            if not raw.isdigit() or int(raw) not in caps:
                raise reader.fail(value, f"cue class {key!r} needs a level that caps names ({sorted(caps)})")
            level = int(raw)
        if "patterns" not in fields or not isinstance(fields["patterns"][1], yaml.SequenceNode):
            raise reader.fail(value, f"cue class {key!r} needs a list of patterns")
        patterns = []
        for item in fields["patterns"][1].value:
            pattern = reader.scalar(item, "a pattern")
            try:
                compile_pattern(pattern)
            except ValueError as exc:
                raise reader.fail(item, f"bad pattern {pattern!r}: {exc}") from None
            patterns.append(pattern)
        cues.append(Cue(key, role, level, tuple(patterns)))
    words_node = top["words"][1]
    word_fields = reader.mapping(words_node, "words")
    _only(reader, word_fields, set(_WORD_LISTS) | {"targets"}, "words")
    words: dict[str, frozenset[str]] = {}
    for name in _WORD_LISTS:
        if name not in word_fields:
            raise reader.fail(words_node, f"words has no list {name!r}")
        node = word_fields[name][1]
        if not isinstance(node, yaml.SequenceNode):
            raise reader.fail(node, f"words: {name} must be a list")
        words[name] = frozenset(reader.scalar(item, "a word").casefold() for item in node.value)
    phrases = tuple(tuple(p.split()) for p in sorted(words.pop("hedges")))
    targets: dict[str, frozenset[str]] = {}
    if "targets" in word_fields:
        for name, (node, value) in reader.mapping(word_fields["targets"][1], "targets").items():
            if name not in _TARGETS or not isinstance(value, yaml.SequenceNode):
                raise reader.fail(node, f"targets are lists named {', '.join(_TARGETS)}")
            targets[name] = frozenset(reader.scalar(item, "a word").casefold() for item in value.value)
    name = reader.scalar(top["name"][1], "a name") if "name" in top else "intensity"
    families = [Family(PREFIX + cue.id, cue.id, cue.patterns[0],
                       tuple(Formula(f"{PREFIX}{cue.id}/{k}", PREFIX + cue.id, str(k), (compile_pattern(p),))
                             for k, p in enumerate(cue.patterns, start=1)))
                for cue in cues]
    lexicon = Lexicon(families, name=name)
    return IntensityScale(name, levels, caps, tuple(cues), words, phrases, targets, lexicon)


def default_intensity_scale() -> IntensityScale:
    """The shipped scale of condemnation intensity (``toolkit/data/intensity.yaml``), 0 to 5.

    Returns
    -------
    IntensityScale
        The scale, parsed anew on every call.

    Examples
    --------
    >>> scale = default_intensity_scale()
    >>> scale.label(0), scale.label(5)
    ('no disapproval', 'in the strongest terms')
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


def _statement_tokens(text: str) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """The folded tokens of a text, their character spans in it, and each token's sentence number."""
    folded = fold_for_tokens(text)
    tokens, starts, ends = split_tokens(folded.text)
    if not folded.is_identity:
        starts, ends = folded.spans_to_original(starts, ends)
    starts, ends = np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
    sentence = np.zeros(len(tokens), dtype=np.int64)
    for k in sentence_breaks(text, tokens, starts, ends):
        sentence[k:] += 1
    return tokens, starts, ends, sentence


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
    if any(t in w["own"] and t not in _PRONOUNS for t in clause) or distinctive & set(clause):
        return True
    after = tokens[hit.last + 1:hit.last + 3]
    if len(after) == 2 and sentence[hit.last + 2] == sentence[hit.last] and after[0] in ("to", "by", "for") \
            and after[1] in _PRONOUNS | {"me"}:  # "of concern to my Government", "deplored by us"
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


#: Words of the "own" list that are the speaker's pronouns: they compete with another body's subject by nearness.
_PRONOUNS = frozenset({"we", "i", "my", "our", "us", "delegation", "government"})


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
            local.append(_Hit(h.role, h.level, first, last, h.start, h.end, h.words))
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
    negated = False
    cues, modifiers = [], []
    for hit in hits:
        if hit.role == "cue":
            if _doomed(scale, tokens, hit):
                continue
            if _negated(scale, tokens, sentence, hit):
                negated = negated or (hit.level or 0) >= 2
                continue
            if not _own(scale, tokens, text, starts, ends, sentence, hit, actor_words):
                continue
            cues.append(hit)
        else:
            modifiers.append(hit)
    # each modifier raises the nearest disapproval or condemnation cue of its sentence (the one it follows on a tie)
    raising = [c for c in cues if c.level is not None and c.level >= 2]
    attached: dict[int, list[_Hit]] = {id(c): [] for c in raising}
    alone = []
    for mod in modifiers:
        best_cue, best_distance = None, None
        for cue in raising:
            if sentence[cue.first] != sentence[mod.first] or (mod.first == cue.first and mod.last == cue.last):
                continue
            if mod.first > cue.last or (mod.first >= cue.first and mod.role == "top"):
                distance = max(0, mod.first - cue.last)
                if distance > _AFTER[mod.role]:
                    continue
                key = (distance, 0)
            else:
                distance = cue.first - mod.last
                if distance > _BEFORE[mod.role] or distance <= 0 and mod.role != "top":
                    continue
                key = (distance, 1)
            if mod.words[0] in ("deep", "deeply") and (cue.level or 0) > 3:
                continue
            if best_distance is None or key < best_distance:
                best_cue, best_distance = cue, key
        if best_cue is not None:
            attached[id(best_cue)].append(mod)
        elif mod.role == "evaluative":
            alone.append(mod)
    found = []
    for cue in cues:
        base = int(cue.level or 0)
        level, used, seen = base, [cue], set()
        mods = attached.get(id(cue), [])
        for mod in mods:
            inside = any(o is not mod and o.start <= mod.start and mod.end <= o.end and (o.end - o.start) >
                         (mod.end - mod.start) for o in mods)
            if mod.words in seen or inside:  # "strongly" within "most strongly" counts once, as the top formula
                continue
            seen.add(mod.words)
            level += 2 if mod.role == "top" else 1
            used.append(mod)
        found.append(((min(level, scale.caps.get(base, base)), base, -cue.start), cue, used,
                      _target(scale, tokens, sentence, cue)))
    for mod in alone:  # an evaluative word of the act without a cue is a disapproval
        found.append(((min(2, scale.caps.get(2, 2)), 2, -mod.start), mod, [mod], _target(scale, tokens, sentence, mod)))
    return found, negated


def score_intensity(matches: Matches, statements: Corpus | Iterable[Document], *,
                    scale: IntensityScale, cues: bool = False) -> pd.DataFrame:
    """The intensity of each statement, from the one matches table: level, target, flags and evidence.

    Parameters
    ----------
    matches : Matches
        Found with a lexicon that includes the scale's cue classes
        (``find_matches(corpus, lexicon + scale.lexicon)``); other families are
        ignored, nothing is matched again.
    statements : Corpus or iterable of Document
        The corpus the matches were found in (its texts give each cue's context).
    scale : IntensityScale
        :func:`toolkit.io.default_intensity_scale` or a user's scale.

    Returns
    -------
    DataFrame
        :data:`INTENSITY_COLUMNS`, one row per statement in corpus order:
        ``level`` (0-5) and its ``label``; ``target``; ``negated`` and ``hedged``;
        ``evidence`` (the words that set the level, " | " between fragments)
        and ``evidence_spans`` (their character offsets in the statement).
        With ``cues=True``, one row per cue of the speaker's that counts
        (:data:`CUE_COLUMNS`): its ``level`` once raised, the ``cue`` words,
        the ``intensifiers`` that raised it, its ``target`` and span.
    """
    check_matches(matches, owner="score_intensity")
    if not isinstance(scale, IntensityScale):
        raise ParameterError(f"score_intensity takes scale=IntensityScale (toolkit.io.default_intensity_scale()). "
                             f"Got {type(scale).__name__} instead.")
    families = {f.id for f in scale.lexicon.families}
    found = set(matches.formulae["family"])
    if not families <= found:
        raise ParameterError("score_intensity: the matches were found without the scale's cues; match once with "
                             "find_matches(corpus, lexicon + scale.lexicon).")
    corpus = statements if isinstance(statements, Corpus) else Corpus(tuple(statements))
    searched = set(matches.statements["statement_id"])
    mine = {st.id for st in corpus.statements}
    if searched != mine:
        example = sorted(mine ^ searched)[0]
        raise ParameterError(f"score_intensity: the matches were found in other statements than these (e.g. "
                             f"{example!r}); match and score the same corpus (attributed or not).")
    roles = {PREFIX + c.id: (c.role, c.level) for c in scale.cues}
    table = matches.table[matches.table["family"].isin(families)]
    by_statement: dict[str, list[_Hit]] = {}
    for row in table.itertuples(index=False):
        role, level = roles[row.family]
        words = tuple(fold_for_tokens(row.matched_text).text.split())
        by_statement.setdefault(row.statement_id, []).append(
            _Hit(role, level, int(row.token_start), int(row.token_end) - 1, int(row.start), int(row.end), words))
    rows, cue_rows = [], []
    for st in corpus.statements:
        hits = sorted(by_statement.get(st.id, []), key=lambda h: (h.first, h.last))
        names = fold_for_tokens(" ".join(a for a in (st.actor, st.actor_id) if a)).text.split()
        actor_words = {w for w in names if len(w) > 2 and w not in scale.words["own"]}
        scored = _score_one(scale, st.text, hits, actor_words)
        who = {"doc_id": st.doc_id, "statement_id": st.id, "actor": st.actor or UNRESOLVED, "actor_id": st.actor_id,
               "year": st.year}
        cue_rows += [{**who, **cue} for cue in scored.pop("_cues")]
        rows.append({**who, **scored, "label": scale.label(scored["level"])})
    if cues:
        frame = pd.DataFrame(cue_rows, columns=CUE_COLUMNS)
        frame["year"] = frame["year"].astype("Int64")
        return frame
    frame = pd.DataFrame(rows, columns=INTENSITY_COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    return frame


def with_levels(matches: Matches, scores: pd.DataFrame) -> Matches:
    """The matches with each statement's intensity ``level``, so that counts compose with intensity.

    ``count_matches(with_levels(matches, scores), by="level")`` counts every
    formula at each level: which formulae go with which level.
    """
    check_matches(matches, owner="with_levels")
    if not isinstance(scores, pd.DataFrame) or not {"statement_id", "level"} <= set(scores.columns):
        raise ParameterError("with_levels takes the table of score_intensity (statement_id, level).")
    if scores["statement_id"].duplicated().any():
        raise ParameterError("with_levels takes one row per statement (score_intensity without cues=True).")
    levels = scores.set_index("statement_id")["level"]
    missing = set(matches.statements["statement_id"]) - set(levels.index)
    if missing:
        raise ParameterError(f"with_levels: {len(missing)} statement(s) of the matches have no score, e.g. "
                             f"{sorted(missing)[0]!r}; score the same corpus.")
    statements = matches.statements.assign(level=matches.statements["statement_id"].map(levels).astype("int64"))
    table = matches.table.assign(level=matches.table["statement_id"].map(levels).astype("int64"))
    return Matches(table, statements, matches.formulae, matches.skipped)


def kappa(a: Iterable[int], b: Iterable[int], *, levels: int = 6) -> float:
    """Cohen's kappa with quadratic weights between two codings on an ordinal scale of ``levels`` levels."""
    a, b = np.asarray(list(a), dtype=int), np.asarray(list(b), dtype=int)
    if len(a) != len(b) or not len(a):
        raise ParameterError(f"kappa needs two codings of the same non-empty items; got {len(a)} and {len(b)}.")
    observed = np.zeros((levels, levels))
    np.add.at(observed, (a, b), 1)
    observed /= observed.sum()
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0))
    i, j = np.indices((levels, levels))
    weights = (i - j) ** 2 / (levels - 1) ** 2
    denominator = (weights * expected).sum()
    return 1.0 - (weights * observed).sum() / denominator if denominator else 1.0
