"""Keyness: the words, n-grams or formulae that set a target group of statements apart from a reference group.

:func:`keyness` compares two groups of statements of one corpus (a target
and a reference, by default every other statement) feature by feature, as
AntConc's keyword list and quanteda's ``textstat_keyness`` do:

* **Counts.** Words are the tokens of the toolkit's tokenizer
  (:mod:`toolkit.text.tokens`), folded as for matching; punctuation is no
  token, so only words (and numbers) count. N-grams are counted over token
  ids by the n-gram engine of discovery (:mod:`toolkit.analysis.ngrams`),
  never across a sentence end or a statement end; formulae are the hits of
  :func:`~toolkit.formulae.match.find_matches`, per statement
  (:func:`~toolkit.formulae.counts.statement_matrix`). A place of a document
  shared by overlapping statements of one group (attributed news) counts
  once, as in discovery.
* **Significance.** The signed log-likelihood G2 of the 2x2 table (the
  feature and every other token, in target and reference; Dunning 1993, as
  Rayson and Garside 2000 use it), its p-value on the chi-square
  distribution with one degree of freedom, and a correction over all the
  features tested (those with at least ``min_count`` occurrences).
* **Effect size.** Hardie's (2014) log ratio: the binary log of the ratio of
  the relative frequencies (1: twice as frequent in the target).
* **Dispersion.** Optionally, the Mann-Whitney U test of each feature's
  relative frequency per statement in the target against the reference, so
  that a feature that only a few long statements repeat is seen as such.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse, stats

from ..formulae.counts import statement_matrix
from ..formulae.lexicon import Lexicon, resolve_lexicon
from ..formulae.match import find_matches, statement_row, statements_frame
from ..text.corpus import Corpus, Document
from ..text.groups import group_columns
from ..text.tokenized import tokenize_corpus
from ..validation import check_choice, check_corpus, check_int, check_level, check_number, check_parameter, check_type
from .ngrams import NgramPartition, merge_level, merge_words

__all__ = ["KEYNESS_COLUMNS", "FEATURES", "CORRECTIONS", "keyness", "log_likelihood", "log_ratio", "significant",
           "split_statements"]

#: The columns of :func:`keyness` (``p_dispersion`` follows with ``dispersion=True``).
KEYNESS_COLUMNS = ["feature", "n_target", "n_reference", "per_million_target", "per_million_reference",
                   "docs_target", "docs_reference", "log_likelihood", "p_value", "log_ratio", "significant"]
#: The kinds of features :func:`keyness` compares.
FEATURES = ("words", "ngrams", "formulae")
#: The corrections for multiple tests: Benjamini-Hochberg, Bonferroni, none.
CORRECTIONS = ("bh", "bonferroni", "none")
_OWNER = "keyness"
_LETTER = r"[^\W\d_]"  # a letter of any script: a feature without one is a number or a date
# Statements x features of one dense block of the dispersion test.
_BLOCK = 1 << 22


def log_likelihood(n_target, n_reference, total_target, total_reference) -> tuple[np.ndarray, np.ndarray]:
    """Signed log-likelihood G2 of each feature's 2x2 table, and its p-value (chi-square, 1 df).

    The table holds the feature's occurrences and those of every other
    token, in the target and in the reference; G2 is ``2 * sum(O * ln(O /
    E))`` over its four cells, E from the margins (Dunning 1993). The sign is
    that of the difference of relative frequencies: positive where the target
    uses the feature more.

    Parameters
    ----------
    n_target, n_reference : array of int
        The feature's occurrences in each group.
    total_target, total_reference : int
        The tokens of each group.

    Returns
    -------
    g2 : numpy.ndarray
        Signed G2 of each feature.
    p : numpy.ndarray
        Its p-value.

    Examples
    --------
    >>> g2, p = log_likelihood([10, 0], [10, 5], 1000, 4000)
    >>> g2.round(3).tolist(), p.round(4).tolist()
    ([8.971, -2.233], [0.0027, 0.1351])
    """
    a, b = np.asarray(n_target, dtype=float), np.asarray(n_reference, dtype=float)
    t, r = float(total_target), float(total_reference)
    n = t + r
    observed = (a, b, t - a, r - b)
    expected = ((a + b) * t / n, (a + b) * r / n, (n - a - b) * t / n, (n - a - b) * r / n)
    g2 = np.zeros_like(a)
    for o, e in zip(observed, expected):
        with np.errstate(divide="ignore", invalid="ignore"):
            g2 += np.where(o > 0, o * np.log(o / np.where(e > 0, e, 1.0)), 0.0)
    g2 = np.maximum(2.0 * g2, 0.0)
    p = stats.chi2.sf(g2, 1)
    return np.where(a * r >= b * t, g2, -g2), p


def log_ratio(n_target, n_reference, total_target, total_reference) -> np.ndarray:
    """Hardie's log ratio: ``log2((a / total_target) / (b / total_reference))``, zeros smoothed.

    Where either count is zero, 0.5 is added to both counts (so a feature of
    only one group gets a finite value, and the other features their exact
    ratio).

    Parameters
    ----------
    n_target, n_reference : array of int
        The feature's occurrences in each group (``a`` and ``b``).
    total_target, total_reference : int
        The tokens of each group.

    Returns
    -------
    numpy.ndarray
        The log ratio of each feature (1: twice as frequent in the target).

    Examples
    --------
    >>> log_ratio([20, 0], [10, 3], 1000, 1000).tolist()
    [1.0, -2.807354922057604]
    """
    a, b = np.asarray(n_target, dtype=float), np.asarray(n_reference, dtype=float)
    smooth = np.where((a == 0) | (b == 0), 0.5, 0.0)
    return np.log2(((a + smooth) / float(total_target)) / ((b + smooth) / float(total_reference)))


def significant(p_values, *, correction: str = "bh", alpha: float = 0.05) -> np.ndarray:
    """Which tests pass at ``alpha`` after a correction for the number of tests.

    Parameters
    ----------
    p_values : array of float
        One p-value per test.
    correction : {"bh", "bonferroni", "none"}, default "bh"
        Benjamini-Hochberg (the false discovery rate held at ``alpha``),
        Bonferroni (the family-wise error rate), or none.
    alpha : float, default 0.05
        The level.

    Returns
    -------
    numpy.ndarray of bool
        Whether each test passes.

    Examples
    --------
    >>> significant([0.01, 0.02, 0.03, 0.5], correction="bh").tolist()
    [True, True, True, False]
    >>> significant([0.01, 0.02, 0.03, 0.5], correction="bonferroni").tolist()
    [True, False, False, False]
    """
    correction = check_choice(correction, "correction", owner="significant", choices=CORRECTIONS)
    alpha = check_number(alpha, "alpha", owner="significant", low=0.0, high=1.0, low_open=True)
    p = np.asarray(p_values, dtype=float)
    if p.size == 0 or correction == "none":
        return p <= alpha
    if correction == "bonferroni":
        return p * p.size <= alpha
    return stats.false_discovery_control(p, method="bh") <= alpha


@dataclass
class _Group:
    """The documents of one group, cut to its statements, and how many statements it holds."""

    documents: list[Document]
    size: int


@dataclass
class _Counts:
    """Each feature's counts in the target (index 0) and the reference (1), and the tokens of each group."""

    features: list[str]
    n: tuple[np.ndarray, np.ndarray]
    docs: tuple[np.ndarray, np.ndarray]
    totals: tuple[int, int]
    per_statement: tuple[sparse.csr_matrix, sparse.csr_matrix] | None = None
    lengths: tuple[np.ndarray, np.ndarray] | None = None


def keyness(corpus: Corpus | Iterable[Document], *, target: Any, reference: Any = None, by: Any = None,
            features: str = "words", min_n: int = 2, max_n: int = 4, lexicon: Lexicon | None = None,
            level: str = "formula", min_count: int = 5, correction: str = "bh", alpha: float = 0.05,
            dispersion: bool = False, numbers: bool = False) -> pd.DataFrame:
    """The features that set the ``target`` statements apart from the ``reference`` statements.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        The corpus; a single str or document is refused.
    target : object
        With ``by``: the value of the ``by`` column that makes the target
        group, a list (or set, or ``range``) of values, or a tuple ``(low,
        high)``: every value from ``low`` to ``high``, both included
        (``(2001, 2010)`` for years). Without ``by``: a boolean mask with one
        entry per statement, in corpus order.
    reference : object, optional
        The reference group, given as ``target`` is. Default: every statement
        not in the target. It may not share a statement with the target.
    by : str, optional
        A grouping (``actor``, ``year``, ...), a time bin (``decade``,
        ``years:N``) or a metadata column of the statements (``bloc``), as in
        :func:`toolkit.text.groups.group_columns`; one column.
    features : {"words", "ngrams", "formulae"}, default "words"
        Words (tokens of :mod:`toolkit.text.tokens`, folded; punctuation is
        no token), n-grams of ``min_n`` to ``max_n`` words (never across a
        sentence end) joined by spaces, or the lexicon's formulae.
    min_n, max_n : int, default 2 and 4
        The lengths of n-grams (``features="ngrams"``).
    lexicon : Lexicon, optional
        The lexicon of ``features="formulae"`` (default: the default lexicon).
    level : {"formula", "family"}, default "formula"
        Formulae one by one or summed by family.
    min_count : int, default 5
        The features tested and returned: at least ``min_count`` occurrences
        in the two groups together.
    correction : {"bh", "bonferroni", "none"}, default "bh"
        The correction over all the features tested (:func:`significant`).
    alpha : float, default 0.05
        The level of the significance filter.
    dispersion : bool, default False
        Add ``p_dispersion``: the two-sided Mann-Whitney U test
        (:func:`scipy.stats.mannwhitneyu`, asymptotic, with continuity
        correction) of the feature's relative frequency in each target
        statement against each reference statement (a statement without
        tokens counts 0).
    numbers : bool, default False
        Keep the features without a letter (``"09"``, ``"2008 2009"``):
        dates, paragraph and document numbers are rarely what a comparison of
        language is after, and they top lists of corpora that span years.
        Their tokens count in the group totals either way; the features
        dropped are not tested (nor counted in the correction).

    Returns
    -------
    pandas.DataFrame
        One row per feature (:data:`KEYNESS_COLUMNS`): ``feature``;
        ``n_target`` and ``n_reference`` (occurrences);
        ``per_million_target`` and ``per_million_reference`` (per million
        tokens of the group); ``docs_target`` and ``docs_reference``
        (statements using it); ``log_likelihood`` (signed G2, positive where
        the target uses it more: :func:`log_likelihood`); ``p_value``;
        ``log_ratio`` (:func:`log_ratio`; where either count is zero, 0.5 is
        added to both); ``significant`` (after the correction); and
        ``p_dispersion`` when asked. The significant features come first, by
        ``log_ratio`` from the highest (the target's) to the lowest (the
        reference's), then the others in the same order; ties by feature.

    Raises
    ------
    ParameterError
        For a group without statements, groups that overlap, or a ``by``
        the statements do not have.

    Examples
    --------
    >>> from toolkit import Corpus
    >>> corpus = Corpus.from_texts(["We condemn the attack. We condemn it."] * 3 + ["We note the report."] * 3)
    >>> table = keyness(corpus, target=[True] * 3 + [False] * 3, min_count=3)
    >>> table[["feature", "n_target", "n_reference", "log_ratio", "significant"]].head(4)
       feature  n_target  n_reference  log_ratio  significant
    0  condemn         6            0   2.893085         True
    1     note         0            3  -3.614710         True
    2   report         0            3  -3.614710         True
    3   attack         3            0   2.000000        False
    """
    check_corpus(corpus, owner=_OWNER)
    features = check_choice(features, "features", owner=_OWNER, choices=FEATURES)
    options = {"min_n": check_int(min_n, "min_n", owner=_OWNER, low=1),
               "max_n": check_int(max_n, "max_n", owner=_OWNER, low=1),
               "min_count": check_int(min_count, "min_count", owner=_OWNER, low=1)}
    check_parameter(max_n, "max_n", owner=_OWNER, ok=max_n >= min_n, expected=f"an int >= min_n ({min_n})")
    correction = check_choice(correction, "correction", owner=_OWNER, choices=CORRECTIONS)
    alpha = check_number(alpha, "alpha", owner=_OWNER, low=0.0, high=1.0, low_open=True)
    level = check_level(level, owner=_OWNER)
    found = resolve_lexicon(lexicon, owner=_OWNER, allow_false=False) if features == "formulae" else None
    documents = list(corpus)
    groups = _split(documents, *_masks(_statements(documents), target, reference, by))
    if features == "formulae":
        counts = _formula_counts(groups, found, level, dispersion)
    else:
        counts = _token_counts(groups, features, options, dispersion)
    check_type(numbers, "numbers", owner=_OWNER, types=bool, expected="a bool")
    return _table(counts, options["min_count"], correction, alpha, dispersion, numbers)


# -- groups -------------------------------------------------------------------------------------------
def _statements(documents: list[Document]) -> pd.DataFrame:
    """The statements table of the documents (their metadata as columns), one row per statement."""
    rows = [statement_row(st, 0) for doc in documents for st in doc.statements]
    return statements_frame(rows, [doc.meta for doc in documents for _ in doc.statements])


def _masks(frame: pd.DataFrame, target: Any, reference: Any, by: Any) -> tuple[np.ndarray, np.ndarray]:
    """Which statements are in the target and in the reference (checked: neither empty, no overlap)."""
    if by is None:
        chosen = _mask(target, "target", len(frame))
        other = ~chosen if reference is None else _mask(reference, "reference", len(frame))
    else:
        frame, columns = group_columns(frame, by, owner=_OWNER)
        check_parameter(by, "by", owner=_OWNER, ok=len(columns) == 1,
                        expected="one grouping, time bin or column (the target is a value of it)",
                        got=f"{by!r}, which stands for the columns {', '.join(columns)}")
        check_parameter(by, "by", owner=_OWNER, ok=columns[0] in frame.columns,
                        expected="a grouping the statements hold", got=f"{by!r} for statements without it")
        column = frame[columns[0]]
        chosen = _select(column, target, "target")
        other = ~chosen if reference is None else _select(column, reference, "reference")
    said = {"target": "a mask" if by is None else repr(target),
            "reference": "a mask" if by is None else repr(reference)}
    check_parameter(target, "target", owner=_OWNER, ok=bool(chosen.any()),
                    expected="a group holding at least one statement", got=f"{said['target']}, which selects none")
    check_parameter(reference, "reference", owner=_OWNER, ok=bool(other.any()),
                    expected="a group holding at least one statement",
                    got="no statement outside the target" if reference is None else
                    f"{said['reference']}, which selects none")
    both = int((chosen & other).sum())
    check_parameter(reference, "reference", owner=_OWNER, ok=both == 0,
                    expected="a group sharing no statement with the target",
                    got=f"{said['reference']}, which shares {both} statement{'s' if both > 1 else ''} with it")
    return chosen, other


def _mask(value: Any, name: str, size: int) -> np.ndarray:
    """A boolean mask of ``size`` statements (checked)."""
    array = np.asarray(value) if not isinstance(value, (str, bytes)) else np.asarray([])
    check_parameter(value, name, owner=_OWNER, ok=array.dtype == bool and array.shape == (size,),
                    expected=f"a boolean mask with one entry per statement ({size}) when by is None",
                    got=None if array.dtype != bool or array.ndim != 1 else f"a mask of {array.size} entries")
    return array.copy()


def _select(column: pd.Series, value: Any, name: str) -> np.ndarray:
    """The statements whose ``column`` holds ``value``: one value, a list or range of values, or ``(low, high)``."""
    if isinstance(value, tuple):
        check_parameter(value, name, owner=_OWNER, ok=len(value) == 2,
                        expected="a value, a list of values, or a tuple (low, high) of the range of values")
        low, high = value
        try:
            found = (column >= low) & (column <= high)
        except TypeError:
            found = None
        check_parameter(value, name, owner=_OWNER, ok=found is not None,
                        expected=f"a range (low, high) comparable with the values of {column.name!r}")
        return np.asarray(pd.Series(found).fillna(False), dtype=bool)
    if isinstance(value, (list, set, frozenset, range, np.ndarray, pd.Series)):
        return np.asarray(column.isin(list(value)), dtype=bool)
    return np.asarray(column.isin([value]), dtype=bool)


def split_statements(documents: Iterable[Document], mask: Any) -> tuple[list[Document], list[Document]]:
    """The documents cut to the statements a mask selects, and to the others.

    Parameters
    ----------
    documents : iterable of Document
        The corpus.
    mask : array of bool
        One entry per statement, in corpus order (True: the first group).

    Returns
    -------
    chosen, others : list of Document
        The documents holding statements of each group, each with those
        statements only (the same document when it keeps all of them);
        a document without any is left out of the group.

    Examples
    --------
    >>> from toolkit import Corpus
    >>> chosen, others = split_statements(Corpus.from_texts(["a", "b", "c"]), [True, False, True])
    >>> [d.id for d in chosen], [d.id for d in others]
    (['text1', 'text3'], ['text2'])
    """
    documents = list(documents)
    mask = np.asarray(mask, dtype=bool)
    groups: tuple[list[Document], list[Document]] = ([], [])
    at = 0
    for doc in documents:
        count = len(doc.statements)
        inside = mask[at:at + count]
        at += count
        for kept, chosen in zip(groups, (inside, ~inside)):
            if chosen.all():
                kept.append(doc)
            elif chosen.any():
                statements = tuple(st for st, keep in zip(doc.statements, chosen.tolist()) if keep)
                kept.append(Document(id=doc.id, text=doc.text, source=doc.source, actor=doc.actor,
                                     actor_id=doc.actor_id, date=doc.date, year=doc.year, meta=doc.meta,
                                     statements=statements))
    return groups


def _split(documents: list[Document], chosen: np.ndarray, other: np.ndarray) -> tuple[_Group, _Group]:
    """The documents of the target and of the reference, each cut to the group's statements."""
    return (_Group(split_statements(documents, chosen)[0], int(chosen.sum())),
            _Group(split_statements(documents, other)[0], int(other.sum())))


# -- counts -------------------------------------------------------------------------------------------
def _token_counts(groups: tuple[_Group, _Group], features: str, options: dict[str, int],
                  dispersion: bool) -> _Counts:
    """Counts of words, or of n-grams of ``min_n`` to ``max_n`` words, in each group."""
    tcs = [tokenize_corpus(g.documents) for g in groups]
    parts = [NgramPartition(tc, np.full(len(tc), -1, dtype=np.int64), np.arange(len(tc))) for tc in tcs]
    found = [p.words() for p in parts]
    words, summed, where = merge_words(found, 0)
    totals = (int(found[0].frequency.sum()), int(found[1].frequency.sum()))
    lengths = (np.diff(tcs[0].bounds), np.diff(tcs[1].bounds))
    passed = np.flatnonzero(summed["frequency"] >= options["min_count"])
    passed = np.array(sorted(passed.tolist(), key=words.__getitem__), dtype=np.int64)
    names: list[str] = []
    n: list[list[np.ndarray]] = [[], []]
    docs: list[list[np.ndarray]] = [[], []]
    matrices: list[list[sparse.csr_matrix]] = [[], []]
    if features == "words" or options["min_n"] == 1:
        names += [words[i] for i in passed]
        for g in (0, 1):
            n[g].append(_spread(found[g].frequency, where[g], len(words))[passed])
            docs[g].append(_spread(found[g].statements, where[g], len(words))[passed])
            if dispersion:
                rank = np.full(len(words), -1, dtype=np.int64)
                rank[passed] = np.arange(passed.size)
                ids = rank[where[g][tcs[g].tokens]] if tcs[g].tokens.size else np.empty(0, np.int64)
                matrices[g].append(_per_statement(ids, parts[g].bounds, passed.size))
    if features == "ngrams":
        _ngram_counts(parts, where, words, passed, options, dispersion, (names, n, docs, matrices))
    per_statement = None
    if dispersion:
        stacked = [sparse.hstack(m, format="csr") if m else sparse.csr_matrix((len(tc), 0)) for m, tc in
                   zip(matrices, tcs)]
        per_statement = (stacked[0], stacked[1])
    return _Counts(names, (_joined(n[0]), _joined(n[1])), (_joined(docs[0]), _joined(docs[1])), totals,
                   per_statement, lengths)


def _spread(values: np.ndarray, where: np.ndarray, size: int) -> np.ndarray:
    """A partition's counts laid out on the merged features (zero where the partition lacks one)."""
    out = np.zeros(size, dtype=np.int64)
    out[where] = values
    return out


def _joined(arrays: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(arrays).astype(np.int64) if arrays else np.empty(0, dtype=np.int64)


def _per_statement(ids: np.ndarray, bounds: np.ndarray, size: int, positions: np.ndarray | None = None
                   ) -> sparse.csr_matrix:
    """Occurrences per statement (rows) and feature (columns) of features ``ids`` (-1: none) at ``positions``."""
    positions = np.arange(ids.size) if positions is None else positions
    keep = ids >= 0
    rows = np.searchsorted(bounds, positions[keep], side="right") - 1
    data = np.ones(int(keep.sum()), dtype=np.int64)
    matrix = sparse.coo_matrix((data, (rows, ids[keep])), shape=(bounds.size - 1, size)).tocsr()
    matrix.sum_duplicates()
    return matrix


def _ngram_counts(parts: list[NgramPartition], where: list[np.ndarray], words: list[str], passed: np.ndarray,
                  options: dict[str, int], dispersion: bool, out: tuple) -> None:
    """Levels 2 to ``max_n`` counted in both groups, pruned at ``min_count``; rows of ``min_n`` and up to ``out``."""
    names, n, docs, matrices = out
    size = passed.size
    if not size:
        return
    rank_of_word = np.full(len(words), -1, dtype=np.int32)
    rank_of_word[passed] = np.arange(size, dtype=np.int32)
    vocabulary = np.array([words[i] for i in passed], dtype=object)
    labels, last_word = vocabulary, np.arange(size)
    found = [p.begin(rank_of_word[w], size) for p, w in zip(parts, where)]
    for level in range(2, options["max_n"] + 1):
        merged, where = merge_level(found, 0)
        keep = merged.frequency >= options["min_count"]
        keys = merged.keys[keep]
        last_word = last_word[keys % size]
        labels = labels[keys // size] + " " + vocabulary[last_word]
        wanted = level >= options["min_n"]
        if wanted:
            names += labels.tolist()
            for g in (0, 1):
                n[g].append(_spread(found[g].frequency, where[g], keep.size)[keep])
                docs[g].append(_spread(found[g].statements, where[g], keep.size)[keep])
        ranks = np.where(keep, np.cumsum(keep) - 1, -1).astype(np.int32)
        last = level == options["max_n"] or keys.size == 0
        candidate = np.ones(keys.size, dtype=bool) if wanted and dispersion else None
        advanced = [p.advance(ranks[w], keys.size, candidate, last) for p, w in zip(parts, where)]
        if candidate is not None:
            for g, p in enumerate(parts):
                positions, rank, _ = p.candidates.pop(level)
                matrices[g].append(_per_statement(rank.astype(np.int64), p.bounds, keys.size, positions))
        if last:
            break
        found = [f for f in advanced if f is not None]
        size = keys.size


def _formula_counts(groups: tuple[_Group, _Group], lexicon: Lexicon | None, level: str, dispersion: bool
                    ) -> _Counts:
    """Hits of each formula (or family) in each group, from one matches table per group."""
    matrices, lengths = [], []
    names: list[str] = []
    for group in groups:
        matches = find_matches(group.documents, lexicon)
        matrix, names = statement_matrix(matches, level=level)
        matrices.append(matrix)
        lengths.append(matches.statements["n_tokens"].to_numpy(dtype=np.int64))
    n = [np.asarray(m.sum(axis=0)).ravel().astype(np.int64) for m in matrices]
    docs = [np.asarray((m > 0).sum(axis=0)).ravel().astype(np.int64) for m in matrices]
    return _Counts(names, (n[0], n[1]), (docs[0], docs[1]), (int(lengths[0].sum()), int(lengths[1].sum())),
                   (matrices[0], matrices[1]) if dispersion else None, (lengths[0], lengths[1]))


# -- the table ----------------------------------------------------------------------------------------
def _table(counts: _Counts, min_count: int, correction: str, alpha: float, dispersion: bool,
           numbers: bool) -> pd.DataFrame:
    """The keyness table of the features with at least ``min_count`` occurrences (and a letter), sorted."""
    a, b = counts.n
    wanted = a + b >= min_count
    if not numbers and len(counts.features):
        wanted &= pd.Series(counts.features, dtype=object).str.contains(_LETTER, regex=True).to_numpy(dtype=bool)
    keep = np.flatnonzero(wanted)
    a, b = a[keep], b[keep]
    t, r = counts.totals
    g2, p = log_likelihood(a, b, t, r)
    table = pd.DataFrame({
        "feature": [counts.features[i] for i in keep.tolist()], "n_target": a, "n_reference": b,
        "per_million_target": a * 1e6 / max(t, 1), "per_million_reference": b * 1e6 / max(r, 1),
        "docs_target": counts.docs[0][keep], "docs_reference": counts.docs[1][keep], "log_likelihood": g2,
        "p_value": p, "log_ratio": log_ratio(a, b, max(t, 1), max(r, 1)),
        "significant": significant(p, correction=correction, alpha=alpha)})
    if dispersion:
        assert counts.per_statement is not None and counts.lengths is not None
        table["p_dispersion"] = _mann_whitney(counts.per_statement, counts.lengths, keep)
    table = table.sort_values(["significant", "log_ratio", "feature"], ascending=[False, False, True],
                              kind="stable")
    return table.reset_index(drop=True)


def _mann_whitney(matrices: tuple[sparse.csr_matrix, sparse.csr_matrix], lengths: tuple[np.ndarray, np.ndarray],
                  columns: np.ndarray) -> np.ndarray:
    """The two-sided Mann-Whitney p-value of each column's relative frequencies per statement, target vs reference."""
    rates = []
    for matrix, length in zip(matrices, lengths):
        scale = sparse.diags(1.0 / np.maximum(length, 1).astype(float))
        rates.append((scale @ matrix.tocsc()[:, columns]).tocsc())
    rows = rates[0].shape[0] + rates[1].shape[0]
    step = max(1, _BLOCK // max(rows, 1))
    out = np.full(columns.size, np.nan)
    for at in range(0, columns.size, step):
        x, y = (m[:, at:at + step].toarray() for m in rates)
        out[at:at + step] = stats.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic", axis=0).pvalue
    return out
