"""How formulaic each statement, actor or year is: the share of its tokens that lie inside formulae.

Derived from matches tables, never from the text again: each hit of the
matches table carries its token range in its statement (``token_start``,
``token_end``), and each statement its number of tokens, so the tokens
covered by formulae are the union of the hits' ranges. A token counts once
however many formulae cover it. The share of a group (an actor, a year) is
its summed covered tokens over its summed tokens, never a mean of shares.

The share of discovered formulae is the same computation on the matches of
a lexicon made of them alone (:func:`toolkit.analysis.discover.promote_formulae`
with ``lexicon=False``: without it, the family is added to the default lexicon).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..formulae.counts import metadata_columns
from ..formulae.match import Matches, check_matches
from ..text.corpus import UNRESOLVED
from ..text.groups import group_columns
from ..validation import check_parameter, check_type

__all__ = ["covered_tokens", "formulaicity"]

_KEYS = ["doc_id", "statement_id", "actor", "actor_id", "year"]


def covered_tokens(matches: Matches) -> np.ndarray:
    """For each statement of ``matches.statements`` (in order), how many of its tokens lie inside a hit.

    Parameters
    ----------
    matches : Matches
        A matches table (:func:`toolkit.formulae.match.find_matches`).

    Returns
    -------
    numpy.ndarray
        One int per statement: its tokens inside at least one hit (a token
        covered by several hits counts once).

    Examples
    --------
    >>> from toolkit import Corpus, Lexicon, find_matches
    >>> corpus = Corpus.from_texts(["We condemn terrorism in all its forms.", "Solidarity."])
    >>> found = find_matches(corpus, Lexicon.from_phrases(["in all its forms", "all its", "condemn"]))
    >>> covered_tokens(found).tolist()
    [5, 0]
    """
    check_matches(matches, owner="covered_tokens")
    statements = matches.statements
    table = matches.table
    if table.empty:
        return np.zeros(len(statements), dtype=np.int64)
    rows = pd.Index(statements["statement_id"]).get_indexer(table["statement_id"])
    check_parameter(matches, "matches", owner="covered_tokens", ok=not (rows < 0).any(),
                    expected="a Matches whose table names only statements it holds",
                    got="a table of hits in other statements")
    starts = table["token_start"].to_numpy(dtype=np.int64)
    ends = table["token_end"].to_numpy(dtype=np.int64)
    order = np.lexsort((starts, rows))
    rows, starts, ends = rows[order], starts[order], ends[order]
    # Sorted by start within each statement: an interval adds what lies beyond the furthest end before it.
    new_row = np.r_[True, rows[1:] != rows[:-1]]
    group = np.cumsum(new_row) - 1
    reach = pd.Series(ends).groupby(group).cummax().to_numpy()
    before = np.where(new_row, -1, np.r_[-1, reach[:-1]])
    added = np.maximum(0, ends - np.maximum(starts, before))
    return np.bincount(rows, weights=added, minlength=len(statements)).astype(np.int64)


def formulaicity(matches: Matches, *, discovered: Matches | None = None,
                 by: str | Sequence[str] = "statement") -> pd.DataFrame:
    """The share of the tokens of each statement (or group) that lie inside formulae.

    Parameters
    ----------
    matches : Matches
        The matches of a lexicon (:func:`toolkit.formulae.match.find_matches`).
    discovered : Matches, optional
        The matches, in the same statements, of a lexicon of discovered
        formulae (``find_matches(corpus, promote_formulae(found, lexicon=False))``); adds
        ``discovered_tokens`` and ``discovered_share``.
    by : str or list of str, default "statement"
        Groupings as for :func:`toolkit.formulae.counts.count_matches`
        (``statement``, ``actor``, ``actor_id``, ``year``, ``doc``, a time
        bin ``decade`` or ``years:N``, a metadata column of the statements,
        or several joined by commas).

    Returns
    -------
    pandas.DataFrame
        The grouping columns, ``n_statements``, ``n_tokens``,
        ``lexicon_tokens`` and ``lexicon_share`` (and the discovered columns),
        groups sorted as in :func:`count_matches` (statements without an actor
        pooled as ``"unresolved"``, last).

    Examples
    --------
    >>> from toolkit import Corpus, Document, Lexicon, find_matches
    >>> corpus = Corpus([Document("a", "We condemn it.", actor="Norway"), Document("b", "We regret it.", actor="Chad")])
    >>> shares = formulaicity(find_matches(corpus, Lexicon.from_phrases(["condemn"])), by="actor")
    >>> shares[["actor", "n_tokens", "lexicon_tokens", "lexicon_share"]].round(2).values.tolist()
    [['Chad', 3, 0, 0.0], ['Norway', 3, 1, 0.33]]
    """
    check_matches(matches, owner="formulaicity")
    table, keys = group_columns(matches.statements, by, owner="formulaicity",
                                metadata=metadata_columns(matches.statements))
    table = table.copy()
    table["lexicon_tokens"] = covered_tokens(matches)
    measures = ["lexicon"]
    if discovered is not None:
        check_type(discovered, "discovered", owner="formulaicity", types=Matches, expected="a Matches or None")
        check_parameter(discovered, "discovered", owner="formulaicity",
                        ok=discovered.statements["statement_id"].equals(matches.statements["statement_id"]),
                        expected="found in the statements of the matches (find both in the same corpus)",
                        got="matches found in other statements")
        table["discovered_tokens"] = covered_tokens(discovered)
        measures.append("discovered")
    counted = [f"{m}_tokens" for m in measures]
    grouped = table.groupby(keys, dropna=False, sort=True)
    out = grouped[["n_tokens", *counted]].sum().reset_index()
    out.insert(len(keys), "n_statements", grouped.size().to_numpy())
    for key in keys:
        out[key] = out[key].astype(table[key].dtype)
    if "actor" in keys:  # statements without an actor: one group, last, as in count_matches
        out["actor"] = out["actor"].fillna(UNRESOLVED)
    tokens = out["n_tokens"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        for measure in measures:
            out[f"{measure}_share"] = np.where(tokens > 0, out[f"{measure}_tokens"] / tokens, np.nan)
    return out.reset_index(drop=True)
