"""Counts of formulae per document, statement, actor, year or any combination, and their rates.

Counts keep their numerators and denominators: ``n_matches`` (hits of the
formula), ``n_statements`` and ``n_tokens`` (the statements and tokens of the
group, hits or not). Every group gets a row for every formula, zeros
included, so a mean over rows or a plot of rates never silently drops the
groups that did not use a formula. Rates per 1,000 tokens are added last
(:func:`add_rates`), after all summing: to regroup a counts table use
:func:`sum_counts` on the counts without rates; a table of rates is refused.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import sparse

from ..text.corpus import UNRESOLVED
from ..text.groups import group_columns, unresolved_last
from ..validation import GROUPINGS, check_int, check_level, check_table, parameter_error
from .match import STATEMENT_COLUMNS, Matches, check_matches

__all__ = ["GROUPINGS", "count_matches", "add_rates", "sum_counts", "statement_matrix", "metadata_columns"]

_COUNT_COLUMNS = ["n_matches", "n_statements", "n_tokens"]
#: What names the formula of a row of counts: ids, then the lexicon's label and the variant's wording.
_FORMULA_COLUMNS = ["family", "formula", "family_label", "formula_label"]
_RATE = "rate_per_1000"


def statement_matrix(matches: Matches, *, level: str = "formula") -> tuple[sparse.csr_matrix, list[str]]:
    """Hits per statement (rows, in ``matches.statements`` order) and formula or family (columns).

    Parameters
    ----------
    matches : Matches
        From :func:`toolkit.formulae.match.find_matches`.
    level : {"formula", "family"}, default "formula"
        One column per formula (variant) or per family.

    Returns
    -------
    matrix : scipy.sparse.csr_matrix of int64
        The number of hits of each formula (or family) in each statement.
    names : list of str
        The formula (or family) id of each column, in lexicon order.

    Examples
    --------
    >>> from toolkit import Corpus, Lexicon, find_matches
    >>> corpus = Corpus.from_texts(["We condemn it.", "We condemn, condemn."])
    >>> m = find_matches(corpus, Lexicon.from_phrases(["condemn"]))
    >>> matrix, names = statement_matrix(m)
    >>> matrix.toarray().tolist(), names
    ([[1], [2]], ['condemn'])
    """
    check_matches(matches, owner="statement_matrix")
    level = check_level(level, owner="statement_matrix")
    if level == "formula":
        names = list(matches.formulae["formula"])
    else:
        names = list(dict.fromkeys(matches.formulae["family"]))
    row_of = pd.Index(matches.statements["statement_id"])
    rows = row_of.get_indexer(matches.table["statement_id"])
    cols = pd.Index(names).get_indexer(matches.table[level])
    if (rows < 0).any() or (cols < 0).any():
        stray = (f"statement {matches.table['statement_id'].iloc[int(np.argmax(rows < 0))]!r}" if (rows < 0).any()
                 else f"{level} {matches.table[level].iloc[int(np.argmax(cols < 0))]!r}")
        raise parameter_error(matches, "matches", owner="statement_matrix",
                              expected="a Matches whose hits name only its own statements and formulae",
                              got=f"a hit of the {stray}, which it does not hold")
    data = np.ones(len(rows), dtype=np.int64)
    matrix = sparse.coo_matrix((data, (rows, cols)), shape=(len(row_of), len(names))).tocsr()
    matrix.sum_duplicates()
    return matrix, names


def count_matches(matches: Matches, *, by: str | Sequence[str] = "doc", level: str = "formula",
                  rates: bool = True) -> pd.DataFrame:
    """Count hits per group and formula, zeros included.

    Parameters
    ----------
    matches : Matches
        From :func:`toolkit.formulae.match.find_matches`.
    by : str or list of str, default "doc"
        ``doc``, ``statement``, ``actor``, ``actor_id``, ``year``, ``date``,
        ``source``; a time bin, ``decade`` or ``years:N`` (column
        ``decade`` or ``years_N``: the first year of the bin, bins aligned on
        multiples of N); any metadata column of the statements (a table's
        own column such as ``bloc``, the UN corpus's ``session``); or
        several joined by commas (``"actor,decade"``). See
        :mod:`toolkit.text.groups`.
    level : {"formula", "family"}, default "formula"
        Count each variant (``all_forms/truncated``) or whole families.
    rates : bool, default True
        Add ``rate_per_1000`` (:func:`add_rates`) as the last column.

    Returns
    -------
    pandas.DataFrame
        The grouping columns, ``family``, ``formula`` (at family level, the
        family id), ``family_label`` (the lexicon family's label),
        ``formula_label`` (the variant's pattern(s) as written in the
        lexicon, joined by `` ; ``; at family level the family's label),
        ``n_matches``, ``n_statements``, ``n_tokens`` and
        ``rate_per_1000``; groups sorted (missing values last), formulae in
        lexicon order. By ``actor``, the statements without an actor are
        one group named ``"unresolved"`` (:data:`toolkit.text.corpus.UNRESOLVED`), last.

    Raises
    ------
    ParameterError
        For a ``by`` that names no grouping, time bin or column of the
        statements; the message lists the groupings and the columns.

    Examples
    --------
    >>> from toolkit import Corpus, Document, Lexicon, default_lexicon, find_matches
    >>> corpus = Corpus([Document("a", "We condemn it. We condemn them.", actor="Norway", year=1994,
    ...                           meta={"bloc": "NATO"}),
    ...                  Document("b", "Solidarity.", actor="Chad", year=2003, meta={"bloc": "AU"})])
    >>> m = find_matches(corpus, Lexicon.from_phrases(["condemn*"]))
    >>> count_matches(m, by="actor")[["actor", "formula", "n_matches", "n_statements", "n_tokens", "rate_per_1000"]]
        actor   formula  n_matches  n_statements  n_tokens  rate_per_1000
    0    Chad  condemn*          0             1         1       0.000000
    1  Norway  condemn*          2             1         6     333.333333
    >>> count_matches(m, by="bloc,decade")[["bloc", "decade", "n_matches", "n_tokens"]]
       bloc  decade  n_matches  n_tokens
    0    AU    2000          0         1
    1  NATO    1990          2         6

    Each row names its formula by id and in words:

    >>> m = find_matches(Corpus.from_texts(["Terrorism in all its forms and manifestations."]),
    ...                  default_lexicon().select(["all_forms"]))
    >>> count_matches(m).loc[1, ["formula", "family_label", "formula_label"]].tolist()
    ['all_forms/full', 'In all its forms and manifestations', 'in all [of] its|their forms and manifestations']
    """
    check_matches(matches, owner="count_matches")
    level = check_level(level, owner="count_matches")
    statements, keys = group_columns(matches.statements, by, owner="count_matches",
                                     metadata=metadata_columns(matches.statements))
    matrix, names = statement_matrix(matches, level=level)
    absent = [k for k in keys if k not in statements.columns]
    if absent:
        how = ('for by="intensity", add it with toolkit.analysis.intensity.with_intensity(matches, '
               'score_intensity(matches, corpus))')
        raise parameter_error(matches, "matches", owner="count_matches", got="statements without it",
                              expected=f"a Matches whose statements have the column {absent[0]!r} to group by; {how}")
    if statements.empty:
        columns = keys + _FORMULA_COLUMNS + _COUNT_COLUMNS + ([_RATE] if rates else [])
        return pd.DataFrame(columns=columns)
    groups = statements.groupby(keys, dropna=False, sort=True)
    numbered = groups.ngroup()
    group_index = numbered.to_numpy()
    n_groups = groups.ngroups
    indicator = sparse.csr_matrix(
        (np.ones(len(group_index), dtype=np.int64), (group_index, np.arange(len(group_index)))),
        shape=(n_groups, len(group_index)),
    )
    per_group = (indicator @ matrix).toarray()  # groups x formulae
    first = statements.drop_duplicates(keys)[keys]
    first = first.assign(_g=numbered.loc[first.index].to_numpy()).sort_values("_g")
    n_tokens = np.bincount(group_index, weights=statements["n_tokens"].to_numpy(), minlength=n_groups)
    n_statements = np.bincount(group_index, minlength=n_groups)

    if level == "formula":
        families = list(matches.formulae["family"])
        family_labels = list(matches.formulae["label"])
        formula_labels = list(matches.formulae["patterns"])
    else:
        families = names
        family_labels = formula_labels = list(matches.formulae.drop_duplicates("family")["label"])
    frame = pd.DataFrame({key: np.repeat(first[key].to_numpy(), len(names)) for key in keys})
    for key in keys:
        frame[key] = frame[key].astype(statements[key].dtype)
    if "actor" in keys:  # statements without an actor: one group, last (groups sort missing values last)
        frame["actor"] = frame["actor"].fillna(UNRESOLVED)
    frame["family"] = np.tile(families, n_groups)
    frame["formula"] = np.tile(names, n_groups)
    frame["family_label"] = np.tile(np.array(family_labels, dtype=object), n_groups)
    frame["formula_label"] = np.tile(np.array(formula_labels, dtype=object), n_groups)
    frame["n_matches"] = per_group.reshape(-1).astype(np.int64)
    frame["n_statements"] = np.repeat(n_statements, len(names)).astype(np.int64)
    frame["n_tokens"] = np.repeat(n_tokens, len(names)).astype(np.int64)
    return add_rates(frame) if rates else frame


def add_rates(counts: pd.DataFrame, *, per: int = 1000) -> pd.DataFrame:
    """Add ``rate_per_<per>`` = ``n_matches / n_tokens * per`` as the last column (NaN where there are no tokens).

    Parameters
    ----------
    counts : pandas.DataFrame
        A table with ``n_matches`` and ``n_tokens``, summed as wanted.
    per : int, default 1000
        The number of tokens the rate is per.

    Returns
    -------
    pandas.DataFrame
        A copy of ``counts`` with the rate column added.

    Examples
    --------
    >>> import pandas as pd
    >>> add_rates(pd.DataFrame({"n_matches": [2, 0], "n_tokens": [500, 0]}))
       n_matches  n_tokens  rate_per_1000
    0          2       500            4.0
    1          0         0            NaN
    """
    check_table(counts, "counts", owner="add_rates", columns=("n_matches", "n_tokens"))
    check_int(per, "per", owner="add_rates", low=1)
    out = counts.copy()
    tokens = out["n_tokens"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out[f"rate_per_{per}"] = np.where(tokens > 0, out["n_matches"].to_numpy(dtype=float) / tokens * per, np.nan)
    return out


def sum_counts(counts: pd.DataFrame, *, by: str | Sequence[str], rates: bool = True) -> pd.DataFrame:
    """Sum a finer counts table into coarser groups (e.g. statements into actors), rates recomputed.

    Refuses a table that already holds rates: rates are never summed or
    averaged; drop the rate column, sum the counts, then add the rates
    (``rates=False`` leaves them out, for a table to be summed again). Rows
    of the same group and formula are summed too, so the counts of parts of
    a corpus (batches) sum to the counts of the whole.

    Parameters
    ----------
    counts : pandas.DataFrame
        A counts table without rates (``count_matches(..., rates=False)``)
        holding the columns of ``by``.
    by : str or list of str
        The coarser groups, as for :func:`count_matches`.
    rates : bool, default True
        Add ``rate_per_1000`` (:func:`add_rates`) as the last column.

    Returns
    -------
    pandas.DataFrame
        One row per group and formula, as :func:`count_matches` gives.
    """
    check_table(counts, "counts", owner="sum_counts")
    rate_columns = [c for c in counts.columns if str(c).startswith("rate_per_")]
    if rate_columns:
        raise parameter_error(counts, "counts", owner="sum_counts",
                              expected="a table of counts without rates: sum the counts of "
                                       "count_matches(..., rates=False), then add the rates last with add_rates",
                              got=f"a table of rates ({rate_columns[0]!r})")
    named = [*_FORMULA_COLUMNS, *_COUNT_COLUMNS]
    counts, keys = group_columns(counts, by, owner="sum_counts", of="counts",
                                 metadata=[c for c in counts.columns if c not in named])
    check_table(counts, "counts", owner="sum_counts", columns=keys + ["family", "formula"] + _COUNT_COLUMNS)
    labels = [c for c in ("family_label", "formula_label") if c in counts.columns]  # tables of before 0.2 lack them
    order = list(dict.fromkeys(counts["formula"]))
    summed = (counts.groupby(keys + ["family", "formula", *labels], dropna=False, sort=False)[_COUNT_COLUMNS].sum()
              .reset_index())
    summed["_order"] = summed["formula"].map({f: k for k, f in enumerate(order)})
    summed = summed.sort_values(keys + ["_order"], na_position="last", kind="stable", key=unresolved_last
                                ).drop(columns="_order")
    summed = summed.reset_index(drop=True)
    return add_rates(summed) if rates else summed


def metadata_columns(statements: pd.DataFrame) -> list[str]:
    """The columns of a statements table beyond :data:`~toolkit.formulae.match.STATEMENT_COLUMNS`: its metadata.

    These are the columns ``by`` accepts besides the groupings and time bins
    (:mod:`toolkit.text.groups`), and that an error about ``by`` lists.

    Parameters
    ----------
    statements : pandas.DataFrame
        ``Matches.statements``.

    Returns
    -------
    list of str
        The metadata columns (and ``intensity`` once added), in table order.

    Examples
    --------
    >>> from toolkit import Corpus, Document, Lexicon, find_matches
    >>> corpus = Corpus([Document("a", "We condemn it.", meta={"bloc": "EU", "session": 56})])
    >>> metadata_columns(find_matches(corpus, Lexicon.from_phrases(["condemn"])).statements)
    ['bloc', 'session']
    """
    return [c for c in statements.columns if c not in STATEMENT_COLUMNS]

