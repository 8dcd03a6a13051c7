"""The matching engine: every hit of a lexicon in a corpus, with its exact span.

One engine produces one matches table; counts, KWIC lines, matrices and
figures are all derived from it (or, for corpora too large to hold, from the
same engine run as a stream by :func:`iter_statement_matches`).

The unit searched is the statement: each statement's verbatim text is folded
(:func:`toolkit.text.normalize.fold_for_tokens`), split into tokens
(:mod:`toolkit.text.tokens`), matched token by token, and every hit's token range
mapped back to character offsets into the statement text (``start``,
``end``) and into its document (``doc_start``, ``doc_end``). A document read
without attribution has one statement covering its whole text, so the two
sets of offsets coincide. Statements that overlap (one sentence reported for
three countries) are each searched, so each actor is credited with the words
attributed to it.
"""

from __future__ import annotations

import bisect
import queue
import re
import threading
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import regex

from ..text.corpus import UNRESOLVED, Corpus, Document, Skipped, Statement
from ..text.normalize import fold_for_tokens
from ..text.tokens import TokenBatch, ends_sentence, index_batch, split_tokens
from ..validation import check_corpus, check_parameter, check_type, parameter_error, renamed, renamed_attribute
from .lexicon import Lexicon, resolve_lexicon
from .pattern import TokenTest
from .scan import Prefilter, build_prefilter

__all__ = [
    "read_ahead",
    "MATCH_COLUMNS",
    "STATEMENT_COLUMNS",
    "Hit",
    "Matcher",
    "Matches",
    "StatementMatches",
    "find_matches",
    "formula_table",
    "iter_statement_matches",
    "statement_row",
    "statements_frame",
    "join_statements",
    "metadata_column",
    "typed",
    "check_matches",
]

MATCH_COLUMNS = ["doc_id", "statement_id", "actor", "actor_id", "year", "family", "formula", "variant",
                 "start", "end", "doc_start", "doc_end", "token_start", "token_end", "matched_text"]
STATEMENT_COLUMNS = ["doc_id", "statement_id", "actor", "actor_id", "date", "year", "source", "n_tokens",
                     "n_characters"]
FORMULA_COLUMNS = ["family", "formula", "variant", "label", "patterns"]
#: Names a metadata key cannot take as a column of the statements (it becomes ``meta_<key>``).
_RESERVED = frozenset(STATEMENT_COLUMNS) | frozenset(MATCH_COLUMNS)

_MEMO_LIMIT = 500_000
#: Characters of statements matched together (their tokens are indexed in one pass).
_BATCH_CHARACTERS = 1_000_000


class Hit(NamedTuple):
    """One match in one statement; offsets are into the statement's text.

    Parameters
    ----------
    formula : int
        The index of its formula in ``Matcher.lexicon.formulae``.
    start, end : int
        Its character span in the statement's text.
    token_start, token_end : int
        Its token span in the statement.
    """

    formula: int  # index into Matcher.lexicon.formulae
    start: int
    end: int
    token_start: int
    token_end: int


class Matcher:
    """A lexicon compiled for matching many texts.

    Build one once and pass it to :func:`find_matches` or
    :func:`iter_statement_matches` many times.

    Parameters
    ----------
    lexicon : Lexicon or None, default None
        The formulae to match; None for the default lexicon
        (:func:`~toolkit.formulae.lexicon.default_lexicon`). It must hold
        at least one formula.
    dehyphenate : bool, default False
        Join words hyphenated across a line break before matching (see
        :func:`find_matches`).

    Examples
    --------
    >>> from toolkit.formulae.lexicon import Lexicon
    >>> m = Matcher(Lexicon.from_phrases(["in all its forms", "in all its forms and manifestations"]))
    >>> n_tokens, hits = m.match_text("Terrorism in all its\\nforms and manifestations")
    >>> n_tokens, [(m.lexicon.formulae[h.formula].id, h.start, h.end) for h in hits]
    (7, [('in all its forms', 10, 26), ('in all its forms and manifestations', 10, 45)])
    """

    def __init__(self, lexicon: Lexicon | None = None, *, dehyphenate: bool = False):
        lexicon = resolve_lexicon(lexicon, owner="Matcher", allow_false=False)
        assert lexicon is not None  # a lexicon is required: False is refused
        check_parameter(lexicon, "lexicon", owner="Matcher", expected="a Lexicon holding at least one formula",
                        ok=bool(lexicon.formulae))
        self.lexicon = lexicon
        self.dehyphenate = dehyphenate
        family_index = {family.id: k for k, family in enumerate(lexicon.families)}
        # One entry per pattern: formula index, family index, the pattern, the
        # test of its second token (a cheap first check) and its required words.
        self._patterns = [
            (k, family_index[formula.family], pattern, pattern.second_test(), pattern.required_words())
            for k, formula in enumerate(lexicon.formulae)
            for pattern in formula.patterns
        ]
        self._n_families = len(lexicon.families)
        self._by_literal: dict[str, list[int]] = {}
        self._by_glob: list[tuple[TokenTest, int]] = []
        for p, entry in enumerate(self._patterns):
            for test in entry[2].first_tests():
                for literal in test.literals:
                    self._by_literal.setdefault(literal, []).append(p)
                if test.glob is not None:
                    self._by_glob.append((test, p))
        # Token types classified so far, and those some pattern can start with.
        self._seen: set[str] = set()
        self._first: dict[str, tuple[int, ...]] = {}
        # The prefilter, built on first use (it cannot be pickled; workers build their own).
        self._prefilter: Prefilter | None = None
        self._prefilter_built = False
        # Fixed patterns checked by one regular expression (per engine of split_tokens): their length, else 0.
        exact = [entry[2].exact_expression() for entry in self._patterns]
        self._literal = np.array([entry[2].literal for entry in self._patterns], dtype=bool)
        self._pattern_formula = np.array([entry[0] for entry in self._patterns], dtype=np.int64)
        self._pattern_family = np.array([entry[1] for entry in self._patterns], dtype=np.int64)
        self._fixed_length = np.array([entry[2].min_tokens if e else 0 for entry, e in zip(self._patterns, exact)],
                                      dtype=np.int64)
        self._exact = ([re.compile(e, re.IGNORECASE) if e else None for e in exact],
                       [regex.compile(e, regex.IGNORECASE | regex.V0) if e else None for e in exact])

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state.update(_prefilter=None, _prefilter_built=False)
        return state

    @property
    def prefilter(self) -> Prefilter | None:
        """The Hyperscan prefilter of the lexicon's patterns (None: every text is matched token by token)."""
        if not self._prefilter_built:
            self._prefilter_built = True
            if not self.dehyphenate:
                self._prefilter = build_prefilter([entry[2] for entry in self._patterns], self._literal.tolist())
        return self._prefilter

    def _classify(self, types: set[str]) -> None:
        if len(self._seen) > _MEMO_LIMIT:
            self._seen.clear()
            self._first.clear()
        for token in types - self._seen:
            chosen = set(self._by_literal.get(token, ()))
            chosen.update(p for test, p in self._by_glob if test(token))
            if chosen:
                self._first[token] = tuple(sorted(chosen))
        self._seen.update(types)

    def match_tokens(self, tokens: list[str], ends_sentence=None) -> list[tuple[int, int, int]]:
        """``(formula index, token start, token end)`` of every hit.

        Within a family the longest hit wins, then the leftmost, then the
        formula listed first.

        Parameters
        ----------
        tokens : list of str
            The folded tokens of a text.
        ends_sentence : callable, optional
            ``ends_sentence(j)`` tells whether a sentence ends between tokens
            ``j`` and ``j + 1``; no hit crosses such a break (it is asked
            only about the tokens inside candidate hits). None: no breaks.

        Returns
        -------
        list of tuple of (int, int, int)
            ``(formula index, token start, token end)`` of every hit, sorted
            by token start.
        """
        types = set(tokens)
        self._classify(types)
        first = self._first
        starting = types.intersection(first)
        if not starting:
            return []
        # A pattern whose required words are not all in the text cannot match.
        active = [all(not words.isdisjoint(types) for words in entry[4]) for entry in self._patterns]
        candidates: list[list[tuple[int, int, int, int]]] = [[] for _ in range(self._n_families)]
        patterns = self._patterns
        n = len(tokens)
        for i in [i for i, token in enumerate(tokens) if token in starting]:
            for p in first[tokens[i]]:
                if not active[p]:
                    continue
                formula, family, pattern, second, _ = patterns[p]
                if second is not None and (i + 1 >= n or not second(tokens[i + 1])):
                    continue
                end = pattern.match_at(tokens, i)
                if end > i + 1 and ends_sentence is not None:
                    # Cut at the first sentence end inside the hit and match again before it.
                    cut = next((j for j in range(i, end - 1) if ends_sentence(j)), None)
                    if cut is not None:
                        end = pattern.match_at(tokens, i, cut + 1)
                if end > i:
                    # Longest first, then leftmost, then the formula listed first.
                    candidates[family].append((i - end, i, formula, end))
        return _longest(candidates)

    def match_text(self, text: str) -> tuple[int, list[Hit]]:
        """The number of tokens of ``text`` and its hits, with character offsets into ``text``.

        Parameters
        ----------
        text : str
            The verbatim text.

        Returns
        -------
        tuple of (int, list of Hit)
            The number of tokens and the hits, in order.
        """
        return self.match_texts([text])[0]

    def match_texts(self, texts: Sequence[str]) -> list[tuple[int, list[Hit]]]:
        """:meth:`match_text` for each of several texts, done together (faster for many short texts).

        Parameters
        ----------
        texts : sequence of str
            The verbatim texts.

        Returns
        -------
        list of tuple of (int, list of Hit)
            For each text, its number of tokens and its hits.
        """
        return [(n, list(map(Hit, *(column.tolist() for column in hits)))) for n, hits in self._match_many(texts)]

    def _match_many(self, texts: Sequence[str]) -> list[tuple[int, _Hits]]:
        """Token counts and hits (as columns) of several texts.

        With the prefilter (:mod:`toolkit.formulae.scan`), the texts' tokens
        are indexed with array operations and only the tokens where a pattern
        may end are read (:meth:`_match_batch`); otherwise, or for a text
        whose folding could change its tokens, every token is read
        (:meth:`_match_all`). Both give the same hits.
        """
        if self.prefilter is None:
            return [_columns(*self._match_all(text)) for text in texts]
        texts = list(texts)
        return self.match_indexed(texts, index_batch(texts))

    def match_indexed(self, texts: list[str], batch: TokenBatch) -> list[tuple[int, _Hits]]:
        """The token count and hits of each of several texts whose tokens are already indexed.

        The index is read as it is (no text is tokenised again) when the
        prefilter is there; without it each text is read whole. Both give the
        hits :meth:`match_texts` gives.

        Parameters
        ----------
        texts : list of str
            The verbatim texts.
        batch : TokenBatch
            Their tokens (:func:`toolkit.text.tokens.index_batch` of ``texts``).

        Returns
        -------
        list of tuple of (int, hits)
            For each text, its number of tokens and its hits as columns
            (``formula`` index, character ``start`` and ``end``, ``token_start``
            and ``token_end``), sorted by token start.

        Examples
        --------
        >>> from toolkit.formulae.lexicon import Lexicon
        >>> texts = ["We condemn it.", "No."]
        >>> found = Matcher(Lexicon.from_phrases(["condemn*"])).match_indexed(texts, index_batch(texts))
        >>> [(n, hits.token_start.tolist()) for n, hits in found]
        [(3, [1]), (1, [])]
        """
        prefilter = self.prefilter
        if prefilter is None:
            return [_columns(*self._match_all(text)) for text in texts]
        counts = np.diff(batch.token_bounds)
        results: list[tuple[int, _Hits]] = [(int(n), _NO_HITS) for n in counts.tolist()]
        for k in np.flatnonzero(batch.unsafe).tolist():
            results[k] = _columns(*self._match_all(texts[k]))
        hits = self._match_batch(texts, batch, *prefilter.scan(batch.data))
        if hits is not None:
            owner, columns = hits
            bounds = np.searchsorted(owner, np.arange(len(texts) + 1))
            for k in np.flatnonzero(np.diff(bounds)).tolist():
                a, b = bounds[k], bounds[k + 1]
                results[k] = (results[k][0], _Hits(*(column[a:b] for column in columns)))
        return results

    def _match_batch(self, texts: list[str], batch: TokenBatch, ids: np.ndarray, lefts: np.ndarray,
                     ends: np.ndarray) -> tuple[np.ndarray, _Hits] | None:
        """The hits of the patterns the prefilter reports (``ids`` ending at byte offsets ``ends``) in a batch.

        A report of a fixed pattern of ``n`` tokens that ends where token
        ``k`` ends is a match when tokens ``k - n + 1`` to ``k`` are. For a
        row of ASCII words, between tokens that hold only ASCII letters and
        digits, that is so exactly when the report's leftmost start
        (``lefts``) is where token ``k - n + 1`` starts; otherwise one exact
        regular expression over the tokens' text says so. For other patterns
        every start a match ending at token ``k`` can have is tried token by
        token, as :meth:`match_tokens` does. No match crosses a sentence end:
        that is asked only where a sentence mark or two line breaks lie
        inside a hit. Returns the text of each hit and the hits, sorted by
        text, first token and formula; None when there is none.
        """
        token_starts, token_ends, bounds = batch.starts, batch.ends, batch.token_bounds
        last = np.searchsorted(token_ends, ends)
        ok = last < token_ends.size
        ok[ok] = token_ends[last[ok]] == ends[ok]  # a match ends where a token does
        owner = np.searchsorted(batch.byte_starts, ends, side="right") - 1
        ok &= ~batch.unsafe[owner]
        if not ok.any():
            return None
        ids, lefts, last, owner = ids[ok], lefts[ok], last[ok], owner[ok]  # one report per pattern and end
        fixed = self._fixed_length[ids]
        first = last - fixed + 1
        simple = (fixed > 0) & (first >= bounds[owner])  # the match's tokens lie in its own text
        a = token_starts[np.where(simple, first, last)]
        b = token_ends[last]
        marks, breaks = self._stops(batch.data)
        # a sentence can end inside only where a stop or two line breaks lie between the tokens
        marked = ((np.searchsorted(marks, b) > np.searchsorted(marks, a))
                  | (np.searchsorted(breaks, b) - np.searchsorted(breaks, a) > 1))
        clean = simple & self._literal[ids]
        if batch.foreign.size:
            clean &= np.searchsorted(batch.foreign, a) == np.searchsorted(batch.foreign, b)
        accepted = clean & (lefts == a) & ~marked
        unsure = simple & ~clean | (clean & (lefts == a) & marked)
        char_starts = batch.to_characters(batch.byte_starts)
        found: list[tuple[int, int, int, int]] = []  # (text, pattern, first token, end token) decided in Python

        def span(j: int, k: int) -> tuple[int, int]:
            offset = char_starts[k]
            return int(batch.to_characters(token_starts[j]) - offset), int(batch.to_characters(token_ends[j]) - offset)

        def breaks_after(j: int, k: int) -> bool:
            x, y = span(j, k)
            return ends_sentence(texts[k], y, span(j + 1, k)[0], texts[k][x:y].casefold())

        if unsure.any():
            starts_c = batch.to_characters(a[unsure]) - char_starts[owner[unsure]]
            ends_c = batch.to_characters(b[unsure]) - char_starts[owner[unsure]]
            for p, i, j, k, start, stop in zip(ids[unsure].tolist(), first[unsure].tolist(), last[unsure].tolist(),
                                               owner[unsure].tolist(), starts_c.tolist(), ends_c.tolist()):
                if self._exact[batch.engines[k]][p].fullmatch(texts[k], start, stop) is None:
                    continue
                if any(breaks_after(t, k) for t in range(i, j)):
                    continue
                found.append((k, p, i, j + 1))
        rest = np.flatnonzero(fixed == 0)
        if rest.size:
            found += self._match_windows(texts, batch, ids[rest], last[rest], owner[rest], span, breaks_after)
        extra = np.array(found, dtype=np.int64).reshape(-1, 4)
        owner = np.concatenate([owner[accepted], extra[:, 0]])
        patterns = np.concatenate([ids[accepted], extra[:, 1]])
        firsts = np.concatenate([first[accepted], extra[:, 2]])
        stops = np.concatenate([last[accepted] + 1, extra[:, 3]])
        families = owner * self._n_families + self._pattern_family[patterns]  # families of different texts apart
        formulae, firsts, stops, owner = _select(families, self._pattern_formula[patterns], firsts, stops, owner)
        if not formulae.size:
            return None
        offsets = char_starts[owner]
        return owner, _Hits(formulae, batch.to_characters(token_starts[firsts]) - offsets,
                            batch.to_characters(token_ends[stops - 1]) - offsets,
                            firsts - bounds[owner], stops - bounds[owner])

    def _match_windows(self, texts, batch, ids, last, owner, span, breaks_after) -> list[tuple[int, int, int, int]]:
        """Candidates of the patterns that are not fixed rows, tried token by token where a report ends."""
        folded: dict[int, str] = {}
        cut_after: dict[int, bool] = {}
        tried: set[tuple[int, int]] = set()
        found: list[tuple[int, int, int, int]] = []
        for p, end_token, k in zip(ids.tolist(), last.tolist(), owner.tolist()):
            text = texts[k]

            def token(j: int, k: int = k, text: str = text) -> str:
                known = folded.get(j)
                if known is None:
                    x, y = span(j, k)
                    known = folded[j] = text[x:y].casefold()
                return known

            low, high = int(batch.token_bounds[k]), int(batch.token_bounds[k + 1])
            pattern = self._patterns[p][2]
            for i in range(max(low, end_token - pattern.max_tokens + 1), end_token - pattern.min_tokens + 2):
                if (p, i) in tried:
                    continue
                tried.add((p, i))
                window = _Window(token, i, min(high, i + pattern.max_tokens))
                end = pattern.match_at(window, 0, len(window))
                if end > 1:
                    cut = None
                    for j in range(end - 1):
                        known = cut_after.get(i + j)
                        if known is None:
                            known = cut_after[i + j] = breaks_after(i + j, k)
                        if known:
                            cut = j
                            break
                    if cut is not None:
                        end = pattern.match_at(window, 0, cut + 1)
                if end > 0:
                    found.append((k, p, i, i + end))
        return found

    @staticmethod
    def _stops(data: bytes) -> tuple[np.ndarray, np.ndarray]:
        """Byte offsets of every sentence mark (. ! ? …), and of every line break."""
        b = np.frombuffer(data, dtype=np.uint8)
        stops = (b == 46) | (b == 33) | (b == 63)
        ellipsis = np.flatnonzero(b[:-2] == 0xE2)
        stops[ellipsis[(b[ellipsis + 1] == 0x80) & (b[ellipsis + 2] == 0xA6)]] = True
        return np.flatnonzero(stops), np.flatnonzero((b == 10) | (b == 13))

    def _match_all(self, text: str) -> tuple[int, list[Hit]]:
        """Hits found by reading every token of the folded text."""
        folded = fold_for_tokens(text, dehyphenate=self.dehyphenate)
        tokens, starts, ends = split_tokens(folded.text)
        if not folded.is_identity:
            starts, ends = folded.spans_to_original(starts, ends)
        breaks: dict[int, bool] = {}

        def breaks_after(j: int) -> bool:
            found = breaks.get(j)
            if found is None:
                found = breaks[j] = ends_sentence(text, ends[j], starts[j + 1], tokens[j])
            return found

        found = self.match_tokens(tokens, breaks_after)
        if not found:
            return len(tokens), []
        first = np.fromiter((start for _, start, _ in found), dtype=np.int64, count=len(found))
        last = np.fromiter((end - 1 for _, _, end in found), dtype=np.int64, count=len(found))
        char_starts, char_ends = starts[first], ends[last]
        return len(tokens), [
            Hit(formula, a, b, start, end)
            for (formula, start, end), a, b in zip(found, char_starts.tolist(), char_ends.tolist())
        ]


class _Hits(NamedTuple):
    """The hits of one text as columns: formula index, character span, token span."""

    formula: np.ndarray
    start: np.ndarray
    end: np.ndarray
    token_start: np.ndarray
    token_end: np.ndarray


_EMPTY = np.empty(0, dtype=np.int64)
_NO_HITS = _Hits(_EMPTY, _EMPTY, _EMPTY, _EMPTY, _EMPTY)


def _columns(n_tokens: int, hits: list[Hit]) -> tuple[int, _Hits]:
    if not hits:
        return n_tokens, _NO_HITS
    return n_tokens, _Hits(*(np.array(column, dtype=np.int64) for column in zip(*hits)))


def _select(families: np.ndarray, formulae: np.ndarray, starts: np.ndarray, ends: np.ndarray, owner: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The hits among candidate matches: in each family the longest, then leftmost, then first-listed wins.

    ``owner`` is the text of each candidate (``families`` must tell texts
    apart). Returns formula indices, first tokens, end tokens and owners,
    sorted by owner, first token and formula. Families whose candidates do
    not overlap keep them all; the others are decided one candidate at a
    time (:func:`_longest`).
    """
    if not formulae.size:
        return _EMPTY, _EMPTY, _EMPTY, _EMPTY
    order = np.lexsort((starts, families))
    f, s, e = families[order], starts[order], ends[order]
    clash = (f[1:] == f[:-1]) & (s[1:] < e[:-1])
    if clash.any():
        crowded = np.isin(families, f[1:][clash])
        per_family: dict[int, list[tuple[int, int, int, int]]] = {}
        texts: dict[int, int] = {}
        for family, formula, start, end, text in zip(families[crowded].tolist(), formulae[crowded].tolist(),
                                                     starts[crowded].tolist(), ends[crowded].tolist(),
                                                     owner[crowded].tolist()):
            per_family.setdefault(family, []).append((start - end, start, formula, end))
            texts[family] = text
        kept = []
        for family, candidates in per_family.items():
            kept += [(texts[family], formula, start, end) for formula, start, end in _longest([candidates])]
        chosen = np.array(kept, dtype=np.int64).reshape(-1, 4)
        owner = np.concatenate([owner[~crowded], chosen[:, 0]])
        formulae = np.concatenate([formulae[~crowded], chosen[:, 1]])
        starts = np.concatenate([starts[~crowded], chosen[:, 2]])
        ends = np.concatenate([ends[~crowded], chosen[:, 3]])
    order = np.lexsort((formulae, starts, owner))
    return formulae[order], starts[order], ends[order], owner[order]


class _Window:
    """Tokens ``[start, stop)`` of a text as a sequence indexed from 0, folded on first access."""

    __slots__ = ("_token", "_start", "_length")

    def __init__(self, token, start: int, stop: int):
        self._token, self._start, self._length = token, start, stop - start

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, k: int) -> str:
        if not 0 <= k < self._length:
            raise IndexError(k)
        return self._token(self._start + k)


def _longest(candidates: list[list[tuple[int, int, int, int]]]) -> list[tuple[int, int, int]]:
    """``(formula, start, end)`` of the hits: in each family the longest, then leftmost, then first-listed wins.

    ``candidates`` holds, per family, ``(-length, start, formula, end)``.
    """
    hits: list[tuple[int, int, int]] = []
    for family_candidates in candidates:
        if not family_candidates:
            continue
        family_candidates.sort(key=_by_start)
        reach = -1
        for _, start, _, end in family_candidates:
            if start < reach:
                break
            reach = end
        else:  # no two candidates overlap: every one is a hit
            hits.extend((start, formula, end) for _, start, formula, end in family_candidates)
            continue
        family_candidates.sort()
        taken_starts: list[int] = []
        taken_ends: list[int] = []
        for _, start, formula, end in family_candidates:
            k = bisect.bisect_left(taken_starts, start)
            if (k and taken_ends[k - 1] > start) or (k < len(taken_starts) and taken_starts[k] < end):
                continue
            taken_starts.insert(k, start)
            taken_ends.insert(k, end)
            hits.append((start, formula, end))
    hits.sort()
    return [(formula, start, end) for start, formula, end in hits]


def _by_start(candidate: tuple[int, int, int, int]) -> int:
    return candidate[1]


@dataclass(frozen=True)
class StatementMatches:
    """The engine's result for one statement: its token count and its hits.

    Parameters
    ----------
    statement : Statement
        The statement searched.
    n_tokens : int
        Its number of tokens.
    hits : list of Hit
        Its hits, in order.
    """

    statement: Statement
    n_tokens: int
    hits: list[Hit]


def iter_statement_matches(corpus: Corpus | Iterable[Document], lexicon: Lexicon | Matcher | None = None
                           ) -> Generator[StatementMatches, None, None]:
    """Match every statement of a corpus (or of a stream of documents), one at a time.

    This is the streaming form of :func:`find_matches`, for corpora too large
    to hold their matches: memory stays flat however many documents pass.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        The corpus or a stream of documents; a single str or document is refused.
    lexicon : Lexicon, Matcher or None, default None
        The formulae to match; None for the default lexicon.

    Returns
    -------
    generator of StatementMatches
        One per statement, in order (the corpus is checked at the call,
        matched as the generator is read); closing it early stops reading
        the stream.
    """
    documents = check_corpus(corpus, owner="iter_statement_matches")
    matcher = _matcher(lexicon, owner="iter_statement_matches")

    def run() -> Generator[StatementMatches, None, None]:
        for batch in _batches(documents):
            yield from _matched(matcher, [st for st, _ in batch])

    return run()


def _matched(matcher: Matcher, statements: list[Statement]) -> Iterator[StatementMatches]:
    for st, (n_tokens, hits) in zip(statements, matcher.match_texts([st.text for st in statements])):
        yield StatementMatches(st, n_tokens, hits)


def _batches(documents: Iterable[Document]) -> Iterator[list[tuple[Statement, Mapping[str, Any]]]]:
    """The statements of documents, each with its document's metadata, in lists of about :data:`_BATCH_CHARACTERS`.

    A stream (a reader of files or an archive) is read in a background
    thread, a few batches ahead, so that reading and decompressing overlap
    with matching; errors of the reader are raised here, in order.
    """
    def grouped() -> Iterator[list[tuple[Statement, Mapping[str, Any]]]]:
        pending: list[tuple[Statement, Mapping[str, Any]]] = []
        size = 0
        for doc in documents:
            for st in doc.statements:
                pending.append((st, doc.meta))
                size += len(st.text)
            if size >= _BATCH_CHARACTERS:
                yield pending
                pending, size = [], 0
        if pending:
            yield pending

    if isinstance(documents, (Corpus, list, tuple)):
        return grouped()
    return read_ahead(grouped())


def read_ahead(items: Iterator, depth: int = 3) -> Iterator:
    """``items``, produced by a background thread at most ``depth`` ahead of the consumer.

    Parameters
    ----------
    items : iterator
        What to produce (reading and decompressing files, for example).
    depth : int, default 3
        The most items produced and not yet consumed.

    Returns
    -------
    iterator
        The items, in order; an error of ``items`` is raised to the consumer
        in its place. Closing it stops the thread.
    """
    slots: queue.Queue = queue.Queue(depth)
    stop = threading.Event()
    done = object()

    def produce() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        slots.put((item, None), timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            slots.put((done, None))
        except BaseException as error:  # handed to the consumer, raised there
            slots.put((done, error))

    def consume() -> Iterator:
        worker = threading.Thread(target=produce, name="toolkit-read-ahead", daemon=True)
        worker.start()
        try:
            while True:
                item, error = slots.get()
                if error is not None:
                    raise error
                if item is done:
                    return
                yield item
        finally:
            stop.set()

    return consume()


def statement_row(st: Statement, n_tokens: int) -> dict:
    """The statement table's row for one statement.

    Parameters
    ----------
    st : Statement
        The statement.
    n_tokens : int
        Its number of tokens.

    Returns
    -------
    dict
        The row, with the columns of :data:`STATEMENT_COLUMNS`.
    """
    return {
        "doc_id": st.doc_id, "statement_id": st.id, "actor": st.actor, "actor_id": st.actor_id,
        "date": st.date.isoformat() if st.date else None, "year": st.year, "source": st.source,
        "n_tokens": n_tokens, "n_characters": len(st.text),
    }


def metadata_column(key: str) -> str:
    """The column of the statements table that holds the metadata ``key`` (``meta_<key>`` where a column has its name).

    Parameters
    ----------
    key : str
        A key of :attr:`Document.meta <toolkit.text.corpus.Document.meta>`.

    Returns
    -------
    str
        ``key``, or ``meta_<key>`` when ``key`` is a column of :data:`STATEMENT_COLUMNS` or
        :data:`MATCH_COLUMNS` (a table's own ``source`` column beside the file it was read from).

    Examples
    --------
    >>> metadata_column("bloc"), metadata_column("source")
    ('bloc', 'meta_source')
    """
    return f"meta_{key}" if key in _RESERVED else key


def statements_frame(rows: Sequence[dict], metadata: Sequence[Mapping[str, Any]] = ()) -> pd.DataFrame:
    """The statements table: one row per statement (:func:`statement_row`), then its document's metadata.

    The metadata keys become columns after :data:`STATEMENT_COLUMNS`, sorted
    by name as :meth:`Corpus.to_frame <toolkit.text.corpus.Corpus.to_frame>`
    gives them (see :func:`metadata_column`), missing values None; a column
    of one type throughout (all ints) gets that type.

    Parameters
    ----------
    rows : sequence of dict
        The rows of :func:`statement_row`.
    metadata : sequence of mapping, optional
        The metadata of each row's document (the same length as ``rows``), or
        empty for none.

    Returns
    -------
    pandas.DataFrame
        The table, typed (:func:`typed`).

    Examples
    --------
    >>> from toolkit.text.corpus import Document
    >>> doc = Document("a", "We condemn it.", meta={"bloc": "EU", "session": 56})
    >>> statements_frame([statement_row(doc.statements[0], 4)], [doc.meta]).columns[-3:].tolist()
    ['n_characters', 'bloc', 'session']
    """
    table = typed(pd.DataFrame(list(rows), columns=STATEMENT_COLUMNS))
    keys = sorted({key for meta in metadata for key in meta}, key=metadata_column)
    for key in keys:
        values = np.empty(len(table), dtype=object)
        for k, meta in enumerate(metadata):  # one by one: a value may itself be a list
            values[k] = meta.get(key)
        table[metadata_column(key)] = _metadata_values(pd.Series(values, index=table.index, dtype=object))
    return table


def join_statements(tables: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """The statements tables of consecutive batches as one: the table :func:`find_matches` gives for them all.

    The metadata columns of every batch are kept (sorted after
    :data:`STATEMENT_COLUMNS`; None in the rows of a batch without them) and
    typed as :func:`statements_frame` types them.

    Parameters
    ----------
    tables : sequence of pandas.DataFrame
        The statements tables of the batches, in order.

    Returns
    -------
    pandas.DataFrame
        One table, rows in order.
    """
    if not tables:
        return typed(pd.DataFrame(columns=STATEMENT_COLUMNS))
    base = set(STATEMENT_COLUMNS)
    extra = sorted({c for t in tables for c in t.columns if c not in base})
    parts = [t.astype({c: object for c in extra if c in t.columns}).reindex(columns=STATEMENT_COLUMNS + extra)
             for t in tables]
    table = typed(pd.concat(parts, ignore_index=True))
    for column in extra:
        table[column] = _metadata_values(table[column].astype(object))
    return table


def _metadata_values(column: pd.Series) -> pd.Series:
    """A column of metadata: missing values None, the type of its values where they share one."""
    return column.where(column.notna(), None).infer_objects()


def formula_table(lexicon: Lexicon) -> pd.DataFrame:
    """One row per formula of a lexicon, in lexicon order.

    Parameters
    ----------
    lexicon : Lexicon
        The lexicon.

    Returns
    -------
    pandas.DataFrame
        The columns of ``FORMULA_COLUMNS``: family, formula, variant, label, patterns.
    """
    labels = {family.id: family.label for family in lexicon.families}
    rows = [{"family": f.family, "formula": f.id, "variant": f.variant, "label": labels[f.family],
             "patterns": " ; ".join(f.pattern_texts)} for f in lexicon.formulae]
    return pd.DataFrame(rows, columns=FORMULA_COLUMNS)


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns of the matches and statements tables with their dtypes (nullable years, int64 offsets).

    Parameters
    ----------
    frame : pandas.DataFrame
        A matches or statements table (or a part of one); changed in place.

    Returns
    -------
    pandas.DataFrame
        ``frame``.
    """
    for column in ("year",):
        if column in frame:
            frame[column] = frame[column].astype("Int64")
    for column in ("start", "end", "doc_start", "doc_end", "token_start", "token_end", "n_tokens", "n_characters"):
        if column in frame:
            frame[column] = frame[column].astype("int64")
    return frame


@dataclass(frozen=True, init=False)
class Matches:
    """The matches of a lexicon in a corpus, and what they were searched in.

    :func:`find_matches` builds it; every count, KWIC line and figure derives
    from it.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per hit (:data:`MATCH_COLUMNS`), in corpus order: ``start``
        and ``end`` index the statement's verbatim text, ``doc_start`` and
        ``doc_end`` its document's, ``token_start`` and ``token_end`` the
        hit's tokens in the statement, and ``matched_text`` is that slice.
    statements : pandas.DataFrame
        One row per statement searched (:data:`STATEMENT_COLUMNS`), with the
        denominators ``n_tokens`` and ``n_characters``, so that statements
        without any hit are counted too, then the metadata of its document
        (:attr:`Document.meta <toolkit.text.corpus.Document.meta>`: a table's
        own columns, the UN corpus's ``session``), one column per key, sorted
        (:func:`statements_frame`). Counts group by any of these columns
        (``count_matches(m, by="bloc")``), :meth:`select` filters by them,
        and :meth:`hits` gives the hits with them.
    formulae : pandas.DataFrame
        One row per formula searched, in lexicon order.
    skipped : tuple of Skipped
        What the reader passed over, carried along from the corpus.
    """

    table: pd.DataFrame
    statements: pd.DataFrame
    formulae: pd.DataFrame
    skipped: tuple[Skipped, ...] = ()

    formulas = renamed_attribute("formulas", "formulae")

    @renamed(formulas="formulae")
    def __init__(self, table: pd.DataFrame, statements: pd.DataFrame, formulae: pd.DataFrame,
                 skipped: tuple[Skipped, ...] = ()) -> None:
        for name, value in (("table", table), ("statements", statements), ("formulae", formulae),
                            ("skipped", skipped)):
            object.__setattr__(self, name, value)

    def __len__(self) -> int:
        return len(self.table)

    def __repr__(self) -> str:
        return (f"<Matches: {len(self.table):,} hits of {len(self.formulae)} formulae "
                f"in {len(self.statements):,} statements>")

    def document_hits(self) -> pd.DataFrame:
        """The hits as places in the documents: a hit found in several overlapping statements once.

        Attributed news reports one sentence for several actors, so the same
        words are searched in each actor's statement; per document, a
        formula at one span is one occurrence. The first statement's row is
        kept.

        Returns
        -------
        pandas.DataFrame
            The rows of :attr:`table`, one per document, formula and span.
        """
        return self.table.drop_duplicates(["doc_id", "formula", "doc_start", "doc_end"]).reset_index(drop=True)

    def hits(self) -> pd.DataFrame:
        """The hits table with the columns of each hit's statement it lacks: ``date``, ``source`` and the metadata.

        :attr:`table` keeps the columns of :data:`MATCH_COLUMNS`; this joins
        every other column of :attr:`statements` (the document's metadata,
        ``intensity`` once added) on ``statement_id``, so that hits can be
        compared by group without a hand-made merge. The denominators
        ``n_tokens`` and ``n_characters`` are left out (they belong to
        statements, not hits).

        Returns
        -------
        pandas.DataFrame
            The rows of :attr:`table`, in order, with those columns last.

        Examples
        --------
        >>> from toolkit import Corpus, Document, Lexicon
        >>> corpus = Corpus([Document("a", "We condemn it.", actor="Norway", meta={"bloc": "NATO"})])
        >>> find_matches(corpus, Lexicon.from_phrases(["condemn"])).hits()[["actor", "formula", "bloc"]].values.tolist()
        [['Norway', 'condemn', 'NATO']]
        """
        extra = [c for c in self.statements.columns
                 if c not in self.table.columns and c not in ("n_tokens", "n_characters")]
        columns = self.statements[["statement_id", *extra]].drop_duplicates("statement_id")
        return self.table.merge(columns, on="statement_id", how="left", validate="many_to_one")

    def select(self, ids: str | Iterable[str] | None = None, **columns: Any) -> Matches:
        """Only some formulae, or some statements, or both: the hits and the denominators of the subset.

        ``m.select("all_forms")`` keeps the hits of formulae (every statement
        kept); ``m.select(actor="European Union")``,
        ``m.select(year=range(2001, 2011))``, ``m.select(bloc=["EU", "OIC"])``
        keep the statements whose column holds that value: a scalar is
        compared for equality (None or ``"unresolved"`` for ``actor``: the
        statements without an actor), a list, tuple, set or range is a set of
        values to keep. Several filters and ids combine (all must hold). The
        result holds only the statements kept, so its counts and rates are
        those of the subset, and their hits.

        Parameters
        ----------
        ids : str or iterable of str, optional
            Formula or family ids among the matches (None: every formula).
        **columns
            A column of :attr:`statements` (``actor``, ``year``, ``doc_id``,
            a metadata column such as ``bloc`` or ``session``) and the
            value(s) to keep.

        Returns
        -------
        Matches
            The selected hits, statements and formulae.

        Raises
        ------
        ParameterError
            For an id that is no formula or family of the matches, or a
            column the statements do not have (the message lists them).

        Examples
        --------
        >>> from toolkit import Corpus, Document, Lexicon
        >>> corpus = Corpus([Document("a", "We condemn it.", actor="Norway", year=2001, meta={"bloc": "NATO"}),
        ...                  Document("b", "We condemn it.", actor="Chad", year=2015, meta={"bloc": "AU"})])
        >>> m = find_matches(corpus, Lexicon.from_phrases(["condemn"]))
        >>> m.select(year=range(2001, 2011)).statements["actor"].tolist()
        ['Norway']
        >>> m.select("condemn", bloc=["AU", "EU"]).table["doc_id"].tolist()
        ['b']
        """
        table, statements, formulae = self.table, self.statements, self.formulae
        if ids is not None:
            ids = [ids] if isinstance(ids, str) else list(ids)
            known = set(formulae["formula"]) | set(formulae["family"])
            missing = [key for key in ids if key not in known]
            if missing:
                raise parameter_error(missing[0], "ids", owner="Matches.select",
                                      expected="ids of formulae or families among the matches")
            formulae = formulae[formulae["formula"].isin(ids) | formulae["family"].isin(ids)].reset_index(drop=True)
            table = table[table["formula"].isin(ids) | table["family"].isin(ids)]
        if columns:
            keep = np.ones(len(statements), dtype=bool)
            for column, value in columns.items():
                keep &= _kept(statements, column, value)
            statements = statements[keep].reset_index(drop=True)
            table = table[table["statement_id"].isin(statements["statement_id"])]
        return Matches(table.reset_index(drop=True), statements, formulae, self.skipped)


def _kept(statements: pd.DataFrame, column: str, value: Any) -> np.ndarray:
    """Which statements hold ``value`` (a scalar, or a list, tuple, set or range of values) in ``column``."""
    if column not in statements.columns:
        listed = ", ".join(sorted(statements.columns))
        raise parameter_error(column, "**columns", owner="Matches.select",
                              expected=f"filters on columns of the statements ({listed})")
    values = statements[column]
    if isinstance(value, (list, tuple, set, frozenset, range)):
        wanted = list(value)
    else:
        wanted = [value]
    missing = any(v is None or (column == "actor" and v == UNRESOLVED) for v in wanted)
    present = [v for v in wanted if v is not None and not (column == "actor" and v == UNRESOLVED)]
    kept = values.isin(present).to_numpy(dtype=bool, na_value=False) if present else np.zeros(len(values), bool)
    return kept | values.isna().to_numpy(dtype=bool) if missing else kept


def check_matches(value: Any, name: str = "matches", *, owner: str) -> Matches:
    """``value`` when it is a :class:`Matches` (what :func:`find_matches` returns); else a ParameterError.

    Parameters
    ----------
    value : object
        The value checked.
    name : str, default "matches"
        The parameter's name.
    owner : str
        The function, class or command the parameter belongs to.

    Returns
    -------
    Matches
        ``value``, unchanged.
    """
    return check_type(value, name, owner=owner, types=Matches, expected="a Matches (from find_matches)")


def find_matches(corpus: Corpus | Iterable[Document], lexicon: Lexicon | Matcher | None = None, *,
                 dehyphenate: bool = False) -> Matches:
    """Find every hit of ``lexicon`` in ``corpus``.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        The corpus, or a stream of documents; a single str or document is refused.
    lexicon : Lexicon, Matcher or None, default None
        The formulae to find: None for the default lexicon
        (:func:`toolkit.formulae.lexicon.default_lexicon`); see also
        :func:`toolkit.io.read_lexicon` and :meth:`Lexicon.from_phrases`. A
        :class:`Matcher` built once can be reused across many calls.
    dehyphenate : bool, default False
        Join words hyphenated across a line break (``manifes-\\ntations``)
        before matching; see :func:`toolkit.text.normalize.normalize`. Ignored
        when ``lexicon`` is a Matcher (it has its own setting).

    Returns
    -------
    Matches
        The hits with their exact spans, the statements searched with their
        denominators, and the formulae.

    Examples
    --------
    >>> from toolkit.text.corpus import Corpus
    >>> from toolkit.formulae.lexicon import Lexicon
    >>> corpus = Corpus.from_texts(["We condemn “terrorism in all its\\nforms”."])
    >>> m = find_matches(corpus, Lexicon.from_phrases(["in all [of] its forms", "condemn*"]))
    >>> m.table[["formula", "start", "end", "matched_text"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'formula': 'condemn*', 'start': 3, 'end': 10, 'matched_text': 'condemn'},
     {'formula': 'in all [of] its forms', 'start': 22, 'end': 38, 'matched_text': 'in all its\\nforms'}]
    """
    documents = check_corpus(corpus, owner="find_matches")
    matcher = _matcher(lexicon, owner="find_matches", dehyphenate=dehyphenate)
    formulae = matcher.lexicon.formulae
    statements: list[dict] = []
    metadata: list[Mapping[str, Any]] = []  # the metadata of each statement's document
    owners: list[np.ndarray] = []  # the statement of each hit, by its row in `statements`
    columns: list[_Hits] = []
    texts: list[str] = []
    offsets: list[int] = []  # where each statement starts in its document
    for batch in _batches(documents):
        for (st, meta), (n_tokens, hits) in zip(batch, matcher._match_many([st.text for st, _ in batch])):
            if hits.formula.size:
                owners.append(np.full(hits.formula.size, len(statements), dtype=np.int64))
                columns.append(hits)
                text = st.text
                texts.extend(text[a:b] for a, b in zip(hits.start.tolist(), hits.end.tolist()))
            statements.append(statement_row(st, n_tokens))
            metadata.append(meta)
            offsets.append(st.start)
    statement_table = statements_frame(statements, metadata)
    if columns:
        owner = np.concatenate(owners)
        formula = np.concatenate([c.formula for c in columns])
        start, end = np.concatenate([c.start for c in columns]), np.concatenate([c.end for c in columns])
        shift = np.array(offsets, dtype=np.int64)[owner]
        table = pd.DataFrame({
            **{column: statement_table[column].to_numpy()[owner]
               for column in ("doc_id", "statement_id", "actor", "actor_id", "year")},
            "family": np.array([f.family for f in formulae], dtype=object)[formula],
            "formula": np.array([f.id for f in formulae], dtype=object)[formula],
            "variant": np.array([f.variant for f in formulae], dtype=object)[formula],
            "start": start, "end": end, "doc_start": shift + start, "doc_end": shift + end,
            "token_start": np.concatenate([c.token_start for c in columns]),
            "token_end": np.concatenate([c.token_end for c in columns]),
            "matched_text": np.array(texts, dtype=object),
        }, columns=MATCH_COLUMNS)
        table = typed(table)
    else:
        table = typed(pd.DataFrame(columns=MATCH_COLUMNS))
    return Matches(table, statement_table, formula_table(matcher.lexicon), tuple(getattr(documents, "skipped", ())))


def _matcher(lexicon: Any, *, owner: str, dehyphenate: bool = False) -> Matcher:
    """The matcher a ``lexicon`` argument means: a Matcher itself, else one built for a Lexicon or the default one."""
    if isinstance(lexicon, Matcher):
        return lexicon
    check_parameter(lexicon, "lexicon", owner=owner, expected="a Lexicon, a Matcher or None (the default lexicon)",
                    ok=lexicon is None or isinstance(lexicon, Lexicon),
                    got=repr(lexicon) if isinstance(lexicon, bool) else type(lexicon).__name__)
    return Matcher(lexicon, dehyphenate=dehyphenate)
