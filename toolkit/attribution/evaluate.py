"""Scoring attributed statements against a hand-made gold table."""

from __future__ import annotations

import pandas as pd

from ..validation import check_table, renamed

__all__ = ["evaluate_attribution"]


@renamed(gold="truth")
def evaluate_attribution(predicted: pd.DataFrame, truth: pd.DataFrame) -> dict:
    """Score attributed statements against the true ones, a hand-made gold table (same columns; see ``corpora/``).

    * actor precision, recall and F1 over the set of (document, actor_id)
      pairs, an actor counting once per document however many statements it
      made;
    * quote-owner accuracy: the share of true quoted statements whose span is
      covered, for the most part, by a predicted statement of the same actor.

    Parameters
    ----------
    predicted : pandas.DataFrame
        Attributed statements (:attr:`Attribution.table <toolkit.attribution.statements.Attribution.table>`),
        with at least the columns ``doc_id``, ``actor_id``, ``start``, ``end`` and ``quoted``.
    truth : pandas.DataFrame
        The true statements, with the same columns: a gold table read by
        :func:`toolkit.io.read_statement_table`. Renamed from ``gold`` in
        0.2.0: ``gold=`` still works, with a FutureWarning, until 0.3.

    Returns
    -------
    dict
        ``actor_precision``, ``actor_recall``, ``actor_f1``,
        ``quote_owner_accuracy`` and the counts behind them
        (``actors_predicted``, ``actors_gold``, ``actors_correct``,
        ``quotes_gold``, ``quotes_owned``).

    Examples
    --------
    >>> import pandas as pd
    >>> truth = pd.DataFrame({"doc_id": ["d", "d"], "actor_id": ["FRA", "RUS"], "start": [0, 10], "end": [9, 19],
    ...                       "quoted": [True, False]})
    >>> predicted = truth.assign(actor_id=["FRA", "IND"])
    >>> scores = evaluate_attribution(predicted, truth)
    >>> scores["actor_precision"], scores["actor_recall"], scores["quote_owner_accuracy"]
    (0.5, 0.5, 1.0)
    """
    for name, table in (("predicted", predicted), ("truth", truth)):
        check_table(table, name, owner="evaluate_attribution",
                    columns=("doc_id", "actor_id", "start", "end", "quoted"))

    def actors(table):
        return {(d, a) for d, a in zip(table["doc_id"], table["actor_id"]) if isinstance(a, str) and a}

    found, wanted = actors(predicted), actors(truth)
    hits = len(found & wanted)
    precision = hits / len(found) if found else 0.0
    recall = hits / len(wanted) if wanted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    quotes = truth[truth["quoted"].astype(bool)]
    owned = 0
    for row in quotes.itertuples():
        same_doc = predicted[predicted["doc_id"] == row.doc_id]
        overlap = (same_doc["end"].clip(upper=row.end) - same_doc["start"].clip(lower=row.start)).clip(lower=0)
        covering = same_doc[overlap >= 0.5 * (row.end - row.start)]
        owned += bool((covering["actor_id"] == row.actor_id).any())
    return {
        "actor_precision": precision, "actor_recall": recall, "actor_f1": f1,
        "actors_predicted": len(found), "actors_gold": len(wanted), "actors_correct": hits,
        "quote_owner_accuracy": owned / len(quotes) if len(quotes) else 0.0,
        "quotes_gold": len(quotes), "quotes_owned": owned,
    }
