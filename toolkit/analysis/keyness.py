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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse, stats

from ..formulae.counts import statement_matrix
from ..formulae.lexicon import Lexicon, resolve_lexicon
from ..formulae.match import Matches, find_matches, statement_row, statements_frame
from ..text.corpus import Corpus, Document
from ..text.groups import group_columns
from ..text.tokenized import WordCounts, count_words, tokenize_corpus
from ..validation import check_choice, check_corpus, check_int, check_level, check_number, check_parameter, check_type
from .ngrams import NgramPartition, merge_level, merge_words

__all__ = ["KEYNESS_COLUMNS", "FEATURES", "CORRECTIONS", "LETTER", "has_letter", "ORDERS", "TABLE_OPTIONS",
           "KeynessCounts", "formula_counts", "keyness", "keyness_groups", "keyness_options", "keyness_partition",
           "keyness_table", "log_likelihood", "log_ratio", "significant", "split_statements", "token_counts"]

#: The columns of :func:`keyness` (``p_dispersion`` follows with ``dispersion=True``).
KEYNESS_COLUMNS = ["feature", "n_target", "n_reference", "per_million_target", "per_million_reference",
                   "docs_target", "docs_reference", "log_likelihood", "p_value", "log_ratio", "significant"]
#: The kinds of features :func:`keyness` compares.
FEATURES = ("words", "ngrams", "formulae")
#: What orders the rows of :func:`keyness`: the effect size or the signed G2.
ORDERS = ("log_ratio", "log_likelihood")
#: The options of :func:`keyness` that :func:`keyness_table` takes.
TABLE_OPTIONS = ("min_count", "correction", "alpha", "dispersion", "numbers", "measure")
#: The corrections for multiple tests: Benjamini-Hochberg, Bonferroni, none.
CORRECTIONS = ("bh", "bonferroni", "none")
_OWNER = "keyness"
#: A letter of any script: a feature without one is a number or a date (left out unless ``numbers``).
LETTER = r"[^\W\d_]"
# Statements x features of one dense block of the dispersion test.
_BLOCK = 1 << 22


def has_letter(features: Sequence[str]) -> np.ndarray:
    """Whether each feature holds a letter of any script (:data:`LETTER`): numbers and dates do not.

    Parameters
    ----------
    features : sequence of str
        Words or n-grams.

    Returns
    -------
    numpy.ndarray of bool
        One flag per feature.

    Examples
    --------
    >>> has_letter(["09", "2008 2009", "côte", "in 2008"]).tolist()
    [False, False, True, True]
    """
    if not len(features):
        return np.zeros(0, dtype=bool)
    return pd.Series(list(features), dtype=object).str.contains(LETTER, regex=True).to_numpy(dtype=bool)


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
class KeynessCounts:
    """Each feature's counts in the target (index 0) and the reference (1), and the tokens of each group.

    Parameters
    ----------
    features : list of str
        The features counted.
    n, docs : tuple of two numpy.ndarray of int64
        Each feature's occurrences, and the statements using it, in each group.
    totals : tuple of two int
        The tokens of each group.
    per_statement : tuple of two scipy.sparse.csr_matrix, optional
        Occurrences per statement (rows, in corpus order) and feature (columns), for the dispersion test.
    lengths : tuple of two numpy.ndarray, optional
        The tokens of each statement of each group.
    """

    features: list[str]
    n: tuple[np.ndarray, np.ndarray]
    docs: tuple[np.ndarray, np.ndarray]
    totals: tuple[int, int]
    per_statement: tuple[sparse.csr_matrix, sparse.csr_matrix] | None = None
    lengths: tuple[np.ndarray, np.ndarray] | None = None


def keyness(corpus: Corpus | Iterable[Document], *, target: Any, reference: Any = None, by: Any = None,
            features: str = "words", min_n: int = 2, max_n: int = 4, lexicon: Lexicon | None = None,
            level: str = "formula", min_count: int = 5, correction: str = "bh", alpha: float = 0.05,
            dispersion: bool = False, numbers: bool = False, measure: str = "log_ratio") -> pd.DataFrame:
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
    measure : {"log_ratio", "log_likelihood"}, default "log_ratio"
        What orders the rows within the significant and the other features:
        the effect size (Hardie's log ratio), or the signed G2 (the order of
        AntConc's keyword lists: the surest differences first, which favours
        frequent features).

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
        ``measure`` from the highest (the target's) to the lowest (the
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
    options = keyness_options(features=features, min_n=min_n, max_n=max_n, lexicon=lexicon, level=level,
                              min_count=min_count, correction=correction, alpha=alpha, dispersion=dispersion,
                              numbers=numbers, measure=measure)
    chosen, other, n_target = keyness_groups(corpus, target=target, reference=reference, by=by)
    if options["features"] == "formulae":
        counts = formula_counts(find_matches(chosen + other, options["lexicon"]), n_target, level=options["level"],
                                dispersion=options["dispersion"])
    elif options["features"] == "words" and not options["dispersion"] and _one_statement_each(chosen + other):
        counts = _word_counts(count_words(chosen), count_words(other))  # no place to count once: the fast count
    else:
        from .discover import LocalPartitions  # discover imports this module

        counts = token_counts(LocalPartitions([keyness_partition(chosen), keyness_partition(other)]), [0, 1],
                              **_counting(options))
    return keyness_table(counts, **{name: options[name] for name in TABLE_OPTIONS})


def _one_statement_each(documents: list[Document]) -> bool:
    """Whether no document holds more than one statement (so no two statements share a place)."""
    return all(len(doc.statements) <= 1 for doc in documents)


def _word_counts(target: WordCounts, reference: WordCounts) -> KeynessCounts:
    """The counts of every word of either group, from :func:`~toolkit.text.tokenized.count_words` of each."""
    words = sorted(set(target.words) | set(reference.words))
    found = [counts.lookup(words) for counts in (target, reference)]
    return KeynessCounts(words, (found[0][0], found[1][0]), (found[0][1], found[1][1]),
                         (target.n_tokens, reference.n_tokens))


def keyness_options(**options: Any) -> dict[str, Any]:
    """The options of :func:`keyness` (all but the corpus and the groups), checked with its messages.

    Parameters
    ----------
    **options
        ``features``, ``min_n``, ``max_n``, ``lexicon``, ``level``, ``min_count``, ``correction``, ``alpha``,
        ``dispersion``, ``numbers`` and ``measure``, as :func:`keyness` takes them (any left out: its default).

    Returns
    -------
    dict
        Every option, checked; ``lexicon`` resolved (a Lexicon with ``features="formulae"``, else None).

    Examples
    --------
    >>> keyness_options(features="ngrams")["max_n"]
    4
    """
    known = {"features": "words", "min_n": 2, "max_n": 4, "lexicon": None, "level": "formula", "min_count": 5,
             "correction": "bh", "alpha": 0.05, "dispersion": False, "numbers": False, "measure": "log_ratio"}
    unknown = sorted(set(options) - set(known))
    check_parameter(options, unknown[0] if unknown else "options", owner=_OWNER, ok=not unknown,
                    expected=f"one of the options of keyness ({', '.join(known)})",
                    got=f"an unknown option {unknown[0]!r}" if unknown else None)
    o = {**known, **options}
    o["features"] = check_choice(o["features"], "features", owner=_OWNER, choices=FEATURES)
    for name, low in (("min_n", 1), ("max_n", 1), ("min_count", 1)):
        o[name] = check_int(o[name], name, owner=_OWNER, low=low)
    check_parameter(o["max_n"], "max_n", owner=_OWNER, ok=o["max_n"] >= o["min_n"],
                    expected=f"an int >= min_n ({o['min_n']})")
    o["correction"] = check_choice(o["correction"], "correction", owner=_OWNER, choices=CORRECTIONS)
    o["alpha"] = check_number(o["alpha"], "alpha", owner=_OWNER, low=0.0, high=1.0, low_open=True)
    o["level"] = check_level(o["level"], owner=_OWNER)
    o["lexicon"] = resolve_lexicon(o["lexicon"], owner=_OWNER, allow_false=False) if o["features"] == "formulae" \
        else None
    check_type(o["numbers"], "numbers", owner=_OWNER, types=bool, expected="a bool")
    o["measure"] = check_choice(o["measure"], "measure", owner=_OWNER, choices=ORDERS)
    return o


def _counting(options: dict[str, Any]) -> dict[str, Any]:
    return {name: options[name] for name in ("features", "min_n", "max_n", "min_count", "dispersion")}


def keyness_groups(corpus: Corpus | Iterable[Document], *, target: Any, reference: Any = None, by: Any = None
                   ) -> tuple[list[Document], list[Document], int]:
    """The documents of the target and of the reference, each cut to its group's statements (checked).

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        The corpus.
    target, reference, by
        The groups, as :func:`keyness` takes them.

    Returns
    -------
    target, reference : list of Document
        The documents holding statements of each group, in corpus order (:func:`split_statements`).
    n_target : int
        The statements of the target.

    Raises
    ------
    ParameterError
        For a group without statements, groups that overlap, or a ``by`` the statements do not have.

    Examples
    --------
    >>> from toolkit import Corpus
    >>> chosen, other, n = keyness_groups(Corpus.from_texts(["a", "b", "c"]), target=[True, False, False])
    >>> [d.id for d in chosen], [d.id for d in other], n
    (['text1'], ['text2', 'text3'], 1)
    """
    documents = list(corpus)
    chosen, other = _masks(_statements(documents), target, reference, by)
    return split_statements(documents, chosen)[0], split_statements(documents, other)[0], int(chosen.sum())


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


# -- counts -------------------------------------------------------------------------------------------
def keyness_partition(documents: Iterable[Document]) -> NgramPartition:
    """The documents of (a part of) one group, tokenised and laid out for counting (:func:`token_counts`).

    Parameters
    ----------
    documents : iterable of Document
        Consecutive documents of one group, cut to its statements.

    Returns
    -------
    NgramPartition
        Its statements in corpus order (no actors: keyness counts no actor range).
    """
    tc = tokenize_corpus(documents)
    return NgramPartition(tc, np.full(len(tc), -1, dtype=np.int64), np.arange(len(tc)))


def token_counts(parts: Any, groups: list[int], *, features: str, min_n: int, max_n: int, min_count: int,
                 dispersion: bool) -> KeynessCounts:
    """Counts of words, or of n-grams of ``min_n`` to ``max_n`` words, in the target and the reference.

    The groups may be cut into several partitions each (worker processes, a Dask cluster): the counts of each
    level are summed over every partition before ``min_count`` prunes, so the counts are those of the whole
    groups, whatever the cut.

    Parameters
    ----------
    parts : Partitions
        :class:`~toolkit.analysis.ngrams.NgramPartition` s (:func:`keyness_partition`) wherever they live
        (:class:`toolkit.analysis.discover.Partitions`), each group's in corpus order.
    groups : list of int
        The group of each partition: 0 the target, 1 the reference.
    features : {"words", "ngrams"}
        What is counted.
    min_n, max_n, min_count : int
        N-gram lengths, and the fewest occurrences in both groups together a feature needs.
    dispersion : bool
        Also count each feature per statement.

    Returns
    -------
    KeynessCounts
        The counts, for :func:`keyness_table`.
    """
    count = len(groups)
    found = parts.call("words", [()] * count)
    words, summed, where = merge_words(found, 0)
    by_group = [[i for i in range(count) if groups[i] == g] for g in (0, 1)]
    totals = tuple(int(sum(int(found[i].frequency.sum()) for i in chosen)) for chosen in by_group)
    lengths = tuple(_stacked(parts.call("lengths", [()] * count), chosen) for chosen in by_group)
    passed = np.flatnonzero(summed["frequency"] >= min_count)
    passed = np.array(sorted(passed.tolist(), key=words.__getitem__), dtype=np.int64)
    out = _Rows(by_group)
    if features == "words" or min_n == 1:
        size = len(words)
        out.add([words[i] for i in passed], [_spread(found[i].frequency, where[i], size)[passed] for i in range(count)],
                 [_spread(found[i].statements, where[i], size)[passed] for i in range(count)])
        if dispersion:
            rank = np.full(size, -1, dtype=np.int64)
            rank[passed] = np.arange(passed.size)
            out.matrices(parts.call("statement_matrix", [(rank[w], passed.size) for w in where]))
    if features == "ngrams":
        _ngram_counts(parts, where, words, passed, {"max_n": max_n, "min_n": min_n, "min_count": min_count},
                      dispersion, out)
    return out.counts(totals, lengths, dispersion)


def _stacked(arrays: list[np.ndarray], chosen: list[int]) -> np.ndarray:
    return np.concatenate([arrays[i] for i in chosen]).astype(np.int64) if chosen else np.empty(0, np.int64)


class _Rows:
    """The features found so far, with their counts in each partition, summed by group at the end."""

    def __init__(self, by_group: list[list[int]]) -> None:
        self.by_group = by_group
        self.names: list[str] = []
        self.n: list[np.ndarray] = []  # one array per partition and batch of features
        self.docs: list[np.ndarray] = []
        self.blocks: list[list[sparse.csr_matrix]] = []

    def add(self, names: list[str], n: list[np.ndarray], docs: list[np.ndarray]) -> None:
        self.names += names
        self.n.append(np.stack(n) if n else np.empty((0, len(names)), np.int64))
        self.docs.append(np.stack(docs) if docs else np.empty((0, len(names)), np.int64))

    def matrices(self, per_part: list[sparse.csr_matrix]) -> None:
        self.blocks.append(per_part)

    def counts(self, totals: tuple, lengths: tuple, dispersion: bool) -> KeynessCounts:
        n = np.concatenate(self.n, axis=1) if self.n else np.zeros((len(sum(self.by_group, [])), 0), np.int64)
        docs = np.concatenate(self.docs, axis=1) if self.docs else n
        per_group = [(n[chosen].sum(axis=0).astype(np.int64), docs[chosen].sum(axis=0).astype(np.int64))
                     for chosen in self.by_group]
        per_statement = None
        if dispersion:
            stacked = []
            for chosen, length in zip(self.by_group, lengths):
                rows = [sparse.hstack([block[i] for block in self.blocks], format="csr") if self.blocks else
                        sparse.csr_matrix((0, 0)) for i in chosen]
                stacked.append(sparse.vstack(rows, format="csr") if self.blocks and rows else
                               sparse.csr_matrix((length.size, len(self.names)), dtype=np.int64))
            per_statement = (stacked[0], stacked[1])
        return KeynessCounts(self.names, (per_group[0][0], per_group[1][0]), (per_group[0][1], per_group[1][1]),
                             totals, per_statement, lengths)


def _spread(values: np.ndarray, where: np.ndarray, size: int) -> np.ndarray:
    """A partition's counts laid out on the merged features (zero where the partition lacks one)."""
    out = np.zeros(size, dtype=np.int64)
    out[where] = values
    return out


def _ngram_counts(parts: Any, where: list[np.ndarray], words: list[str], passed: np.ndarray,
                  options: dict[str, int], dispersion: bool, out: _Rows) -> None:
    """Levels 2 to ``max_n`` counted in every partition, summed, pruned at ``min_count``; ``min_n`` and up kept."""
    size = passed.size
    if not size:
        return
    count = len(where)
    rank_of_word = np.full(len(words), -1, dtype=np.int32)
    rank_of_word[passed] = np.arange(size, dtype=np.int32)
    vocabulary = np.array([words[i] for i in passed], dtype=object)
    labels, last_word = vocabulary, np.arange(size)
    found = parts.call("begin", [(rank_of_word[w], size) for w in where])
    for level in range(2, options["max_n"] + 1):
        merged, where = merge_level(found, 0)
        keep = merged.frequency >= options["min_count"]
        keys = merged.keys[keep]
        last_word = last_word[keys % size]
        labels = labels[keys // size] + " " + vocabulary[last_word]
        wanted = level >= options["min_n"]
        if wanted:
            out.add(labels.tolist(), [_spread(found[i].frequency, where[i], keep.size)[keep] for i in range(count)],
                    [_spread(found[i].statements, where[i], keep.size)[keep] for i in range(count)])
        ranks = np.where(keep, np.cumsum(keep) - 1, -1).astype(np.int32)
        last = level == options["max_n"] or keys.size == 0
        candidate = np.ones(keys.size, dtype=bool) if wanted and dispersion else None
        advanced = parts.call("advance", [(ranks[w], keys.size, candidate, last) for w in where])
        if candidate is not None:
            out.matrices(parts.call("statement_matrix", [(None, keys.size, level)] * count))
        if last:
            break
        found = advanced
        size = keys.size


def formula_counts(matches: Matches, n_target: int, *, level: str, dispersion: bool) -> KeynessCounts:
    """Hits of each formula (or family) in the target and the reference, from one matches table of both.

    Parameters
    ----------
    matches : Matches
        The matches of the target's documents followed by the reference's (each cut to its group's statements).
    n_target : int
        The number of statements of the target: the first rows of ``matches.statements``.
    level : {"formula", "family"}
        Formulae one by one or summed by family.
    dispersion : bool
        Keep the hits per statement.

    Returns
    -------
    KeynessCounts
        The counts, for :func:`keyness_table`.
    """
    matrix, names = statement_matrix(matches, level=level)
    length = matches.statements["n_tokens"].to_numpy(dtype=np.int64)
    matrices = (matrix[:n_target], matrix[n_target:])
    lengths = (length[:n_target], length[n_target:])
    n = [np.asarray(m.sum(axis=0)).ravel().astype(np.int64) for m in matrices]
    docs = [np.asarray((m > 0).sum(axis=0)).ravel().astype(np.int64) for m in matrices]
    return KeynessCounts(names, (n[0], n[1]), (docs[0], docs[1]), (int(lengths[0].sum()), int(lengths[1].sum())),
                         matrices if dispersion else None, lengths)


# -- the table ----------------------------------------------------------------------------------------
def keyness_table(counts: KeynessCounts, *, min_count: int = 5, correction: str = "bh", alpha: float = 0.05,
                  dispersion: bool = False, numbers: bool = False, measure: str = "log_ratio") -> pd.DataFrame:
    """The keyness table of the features with at least ``min_count`` occurrences (and a letter), sorted.

    Parameters
    ----------
    counts : KeynessCounts
        The counts of both groups (:func:`token_counts`, :func:`formula_counts`).
    min_count, correction, alpha, dispersion, numbers, measure
        As :func:`keyness` takes them (checked by :func:`keyness_options`).

    Returns
    -------
    pandas.DataFrame
        The table :func:`keyness` gives.
    """
    a, b = counts.n
    wanted = a + b >= min_count
    if not numbers and len(counts.features):
        wanted &= has_letter(counts.features)
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
    table = table.sort_values(["significant", measure, "feature"], ascending=[False, False, True], kind="stable")
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
