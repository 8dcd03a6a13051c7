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

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..text.corpus import Corpus, Document, Skipped, Statement
from ..text.normalize import fold_for_tokens
from ..text.tokens import separator_ends_sentence, split_tokens
from ..validation import check_corpus, check_parameter
from .lexicon import Lexicon
from .pattern import TokenTest

__all__ = [
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
    "typed",
    "check_matches",
]

MATCH_COLUMNS = ["doc_id", "statement_id", "actor", "actor_id", "year", "family", "formula", "variant",
                 "start", "end", "doc_start", "doc_end", "token_start", "token_end", "matched_text"]
STATEMENT_COLUMNS = ["doc_id", "statement_id", "actor", "actor_id", "date", "year", "source", "n_tokens",
                     "n_characters"]
FORMULA_COLUMNS = ["family", "formula", "variant", "label", "patterns"]

_MEMO_LIMIT = 500_000


class Hit(NamedTuple):
    """One match in one statement; offsets are into the statement's text."""

    formula: int  # index into Matcher.lexicon.formulas
    start: int
    end: int
    token_start: int
    token_end: int


class Matcher:
    """A lexicon compiled for matching many texts.

    Examples
    --------
    >>> from toolkit.formulae.lexicon import Lexicon
    >>> m = Matcher(Lexicon.from_phrases(["in all its forms", "in all its forms and manifestations"]))
    >>> n_tokens, hits = m.match_text("Terrorism in all its\\nforms and manifestations")
    >>> n_tokens, [(m.lexicon.formulas[h.formula].id, h.start, h.end) for h in hits]
    (7, [('in all its forms', 10, 26), ('in all its forms and manifestations', 10, 45)])
    """

    def __init__(self, lexicon: Lexicon, *, dehyphenate: bool = False):
        check_parameter("lexicon", type(lexicon).__name__, "Matcher", "a Lexicon", isinstance(lexicon, Lexicon))
        if not lexicon.formulas:
            raise ParameterError("The lexicon holds no formulae.")
        self.lexicon = lexicon
        self.dehyphenate = dehyphenate
        family_index = {family.id: k for k, family in enumerate(lexicon.families)}
        # One entry per pattern: formula index, family index, the pattern, the
        # test of its second token (a cheap first check) and its required words.
        self._patterns = [
            (k, family_index[formula.family], pattern, pattern.second_test(), pattern.required_words())
            for k, formula in enumerate(lexicon.formulas)
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

        ``ends_sentence(j)`` tells whether a sentence ends between tokens
        ``j`` and ``j + 1``; no hit crosses such a break (it is asked only
        about the tokens inside candidate hits). Within a family the longest
        hit wins, then the leftmost, then the formula listed first; hits are
        returned sorted by token start.
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
        hits = []
        for family_candidates in candidates:
            if not family_candidates:
                continue
            family_candidates.sort()
            taken: list[tuple[int, int]] = []
            for _, start, formula, end in family_candidates:
                if all(end <= a or start >= b for a, b in taken):
                    taken.append((start, end))
                    hits.append((start, formula, end))
        hits.sort()
        return [(formula, start, end) for start, formula, end in hits]

    def match_text(self, text: str) -> tuple[int, list[Hit]]:
        """The number of tokens of ``text`` and its hits, with character offsets into ``text``."""
        folded = fold_for_tokens(text, dehyphenate=self.dehyphenate)
        tokens, starts, ends = split_tokens(folded.text)
        if not folded.is_identity:
            starts, ends = folded.spans_to_original(starts, ends)
        breaks: dict[int, bool] = {}

        def ends_sentence(j: int) -> bool:
            found = breaks.get(j)
            if found is None:
                found = breaks[j] = separator_ends_sentence(text[ends[j]:starts[j + 1]], tokens[j])
            return found

        found = self.match_tokens(tokens, ends_sentence)
        if not found:
            return len(tokens), []
        first = np.fromiter((start for _, start, _ in found), dtype=np.int64, count=len(found))
        last = np.fromiter((end - 1 for _, _, end in found), dtype=np.int64, count=len(found))
        char_starts, char_ends = starts[first], ends[last]
        return len(tokens), [
            Hit(formula, a, b, start, end)
            for (formula, start, end), a, b in zip(found, char_starts.tolist(), char_ends.tolist())
        ]


@dataclass(frozen=True)
class StatementMatches:
    """The engine's result for one statement: its token count and its hits."""

    statement: Statement
    n_tokens: int
    hits: list[Hit]


def iter_statement_matches(corpus: Corpus | Iterable[Document], lexicon: Lexicon | Matcher,
                           ) -> Iterator[StatementMatches]:
    """Match every statement of a corpus (or of a stream of documents), one at a time.

    This is the streaming form of :func:`find_matches`, for corpora too large
    to hold their matches: memory stays flat however many documents pass.
    """
    documents = check_corpus(corpus, "iter_statement_matches")
    matcher = lexicon if isinstance(lexicon, Matcher) else Matcher(lexicon)

    def run() -> Iterator[StatementMatches]:
        for doc in documents:
            for st in doc.statements:
                n_tokens, hits = matcher.match_text(st.text)
                yield StatementMatches(st, n_tokens, hits)

    return run()


def statement_row(st: Statement, n_tokens: int) -> dict:
    """The statement table's row for one statement."""
    return {
        "doc_id": st.doc_id, "statement_id": st.id, "actor": st.actor, "actor_id": st.actor_id,
        "date": st.date.isoformat() if st.date else None, "year": st.year, "source": st.source,
        "n_tokens": n_tokens, "n_characters": len(st.text),
    }


def formula_table(lexicon: Lexicon) -> pd.DataFrame:
    """One row per formula of a lexicon, in lexicon order."""
    labels = {family.id: family.label for family in lexicon.families}
    rows = [{"family": f.family, "formula": f.id, "variant": f.variant, "label": labels[f.family],
             "patterns": " ; ".join(f.pattern_texts)} for f in lexicon.formulas]
    return pd.DataFrame(rows, columns=FORMULA_COLUMNS)


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns of the matches and statements tables with their dtypes (nullable years, int64 offsets)."""
    for column in ("year",):
        if column in frame:
            frame[column] = frame[column].astype("Int64")
    for column in ("start", "end", "doc_start", "doc_end", "token_start", "token_end", "n_tokens", "n_characters"):
        if column in frame:
            frame[column] = frame[column].astype("int64")
    return frame


@dataclass(frozen=True)
class Matches:
    """The matches of a lexicon in a corpus, and what they were searched in.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per hit (:data:`MATCH_COLUMNS`), in corpus order: ``start``
        and ``end`` index the statement's verbatim text, ``doc_start`` and
        ``doc_end`` its document's, ``token_start`` and ``token_end`` the
        hit's tokens in the statement, and ``matched_text`` is that slice.
    statements : pandas.DataFrame
        One row per statement searched (:data:`STATEMENT_COLUMNS`), with the
        denominators ``n_tokens`` and ``n_characters``, so that statements
        without any hit are counted too.
    formulas : pandas.DataFrame
        One row per formula searched, in lexicon order.
    skipped : tuple of Skipped
        What the reader passed over, carried along from the corpus.
    """

    table: pd.DataFrame
    statements: pd.DataFrame
    formulas: pd.DataFrame
    skipped: tuple[Skipped, ...] = ()

    def __len__(self) -> int:
        return len(self.table)

    def __repr__(self) -> str:
        return (f"<Matches: {len(self.table):,} hits of {len(self.formulas)} formulae "
                f"in {len(self.statements):,} statements>")

    def document_hits(self) -> pd.DataFrame:
        """The hits as places in the documents: a hit found in several overlapping statements once.

        Attributed news reports one sentence for several actors, so the same
        words are searched in each actor's statement; per document, a
        formula at one span is one occurrence. The first statement's row is
        kept.
        """
        return self.table.drop_duplicates(["doc_id", "formula", "doc_start", "doc_end"]).reset_index(drop=True)

    def select(self, ids: Iterable[str]) -> Matches:
        """Only the hits of the given formula or family ids (statements and denominators kept)."""
        if isinstance(ids, str):
            ids = [ids]
        ids = list(ids)
        known = set(self.formulas["formula"]) | set(self.formulas["family"])
        missing = [key for key in ids if key not in known]
        if missing:
            raise ParameterError(f"no formula or family {missing[0]!r} among the matches")
        keep_formulas = self.formulas["formula"].isin(ids) | self.formulas["family"].isin(ids)
        keep = self.table["formula"].isin(ids) | self.table["family"].isin(ids)
        return Matches(self.table[keep].reset_index(drop=True), self.statements,
                       self.formulas[keep_formulas].reset_index(drop=True), self.skipped)


def check_matches(matches, owner: str) -> Matches:
    """``matches`` when it is a :class:`Matches` (what :func:`find_matches` returns); else a ParameterError."""
    check_parameter("matches", type(matches).__name__, owner, "a Matches (from find_matches)",
                    isinstance(matches, Matches))
    return matches


def find_matches(corpus: Corpus | Iterable[Document], lexicon: Lexicon | Matcher, *,
                 dehyphenate: bool = False) -> Matches:
    """Find every hit of ``lexicon`` in ``corpus``.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
    lexicon : Lexicon or Matcher
        See :func:`toolkit.io.default_lexicon`, :func:`toolkit.io.read_lexicon`
        and :meth:`Lexicon.from_phrases`. A :class:`Matcher` built once can
        be reused across many calls.
    dehyphenate : bool, default False
        Join words hyphenated across a line break (``manifes-\\ntations``)
        before matching; see :func:`toolkit.text.normalize.normalize`. Ignored
        when ``lexicon`` is a Matcher (it has its own setting).

    Returns
    -------
    Matches

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
    documents = check_corpus(corpus, "find_matches")
    matcher = lexicon if isinstance(lexicon, Matcher) else Matcher(lexicon, dehyphenate=dehyphenate)
    lexicon = matcher.lexicon
    formulas = lexicon.formulas
    rows: list[tuple] = []
    statements: list[dict] = []
    for result in iter_statement_matches(documents, matcher):
        st = result.statement
        statements.append(statement_row(st, result.n_tokens))
        for hit in result.hits:
            formula = formulas[hit.formula]
            rows.append((st.doc_id, st.id, st.actor, st.actor_id, st.year, formula.family, formula.id,
                         formula.variant, hit.start, hit.end, st.start + hit.start, st.start + hit.end,
                         hit.token_start, hit.token_end, st.text[hit.start:hit.end]))
    table = typed(pd.DataFrame.from_records(rows, columns=MATCH_COLUMNS))
    statement_table = typed(pd.DataFrame(statements, columns=STATEMENT_COLUMNS))
    return Matches(table, statement_table, formula_table(lexicon), tuple(getattr(documents, "skipped", ())))
