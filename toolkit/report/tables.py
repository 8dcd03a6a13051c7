"""The finished table of each figure: one public ``*_table`` function per figure.

Each table holds exactly the rows a figure plots, in the order it plots them,
and is derived from the toolkit's tables (the matches table, a clustering,
a discovery table), so a figure saved beside its table can be checked number
by number. The notebooks, and users, draw the same figures from the same
tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..analysis.cluster import Clustering
from ..analysis.formulaicity import formulaicity
from ..analysis.heads import head_words
from ..formulae.counts import add_rates, count_matches
from ..formulae.kwic import kwic
from ..formulae.lexicon import Lexicon
from ..formulae.match import Matches
from ..text.corpus import Corpus, Document

__all__ = [
    "TREND_FAMILIES", "HEAD_FAMILY", "UNTables", "dispersion_table", "formulaicity_table", "heads_table",
    "heatmap_table", "map_table", "rates_table", "similarity_table", "statement_labels", "top_formulae_table",
    "un_tables",
]

#: The families whose rates per year the UN figure follows.
TREND_FAMILIES = ("all_forms", "condemnation", "intensity", "condolence", "accountability", "peace_security")
#: The family whose head words (what it is attached to) the UN figure follows.
HEAD_FAMILY = "all_forms"


def statement_labels(statements: pd.DataFrame) -> list[str]:
    """Short labels for statements: the actor's code (or name) and the statement's number in its document."""
    labels = []
    for sid, actor, code in zip(statements["statement_id"], statements["actor"], statements["actor_id"]):
        who = code if isinstance(code, str) and code else (actor if isinstance(actor, str) and actor else "?")
        number = str(sid).rsplit(":", 1)[-1]
        labels.append(f"{who} {number}")
    return labels


def heatmap_table(matches: Matches, lexicon: Lexicon) -> pd.DataFrame:
    """Hits per actor and family, families with no hit left out; actors and families by total hits, then name."""
    counts = count_matches(matches, by="actor", level="family", rates=False)
    counts = counts[counts["actor"].notna()]
    family_totals = counts.groupby("family")["n_matches"].sum()
    used = family_totals[family_totals > 0]
    counts = counts[counts["family"].isin(used.index)].copy()
    actor_totals = counts.groupby("actor")["n_matches"].sum()
    counts["label"] = counts["family"].map({f.id: f.label for f in lexicon.families})
    counts["_a"] = -counts["actor"].map(actor_totals)
    counts["_f"] = -counts["family"].map(used)
    counts = counts.sort_values(["_a", "actor", "_f", "family"], kind="stable")
    return counts[["actor", "family", "label", "n_matches", "n_statements", "n_tokens"]].reset_index(drop=True)


def formulaicity_table(matches: Matches) -> pd.DataFrame:
    """Per actor: hits, tokens and the share of tokens inside lexicon formulae; by share, then hits, then name."""
    shares = formulaicity(matches, by=["actor", "actor_id"])
    hits = matches.table.groupby(["actor", "actor_id"], dropna=False).size().rename("n_matches")
    table = shares.merge(hits, left_on=["actor", "actor_id"], right_index=True, how="left")
    table["n_matches"] = table["n_matches"].fillna(0).astype(np.int64)
    table = table[table["actor"].notna()]
    table = table.sort_values(["lexicon_share", "n_matches", "actor"], ascending=[False, False, True], kind="stable")
    return table[["actor", "actor_id", "n_statements", "n_tokens", "n_matches", "lexicon_tokens",
                  "lexicon_share"]].reset_index(drop=True)


def similarity_table(clustering: Clustering) -> pd.DataFrame:
    """The similarity matrix in the clustering's order, with a ``label`` column first.

    The order is :meth:`Clustering.leaf_order`: by cluster for k-means and
    HDBSCAN, the dendrogram's leaves for Ward.
    """
    order = clustering.leaf_order()
    similarity = clustering.similarity().loc[order, order]
    assignments = clustering.assignments.set_index("statement_id").loc[order].reset_index()
    table = similarity.reset_index(drop=True)
    table.columns = list(order)
    table.insert(0, "statement_id", order)
    table.insert(1, "label", statement_labels(assignments))
    table.insert(2, "cluster", assignments["cluster"].to_numpy())
    return table


def map_table(clustering: Clustering) -> pd.DataFrame:
    """Statements on the clustering's 2-D map, with their cluster and label."""
    mapped = clustering.map()
    table = mapped[["statement_id", "actor", "actor_id", "cluster", "x", "y"]].copy()
    table.insert(1, "label", statement_labels(mapped))
    table.attrs = dict(mapped.attrs)
    return table


def dispersion_table(matches: Matches, corpus: Corpus | Iterable[Document], lexicon: Lexicon) -> pd.DataFrame:
    """Every multi-word hit as a place in its document (a hit shared by overlapping statements once).

    Derived from the matches table (:meth:`Matches.document_hits`); ``corpus``
    gives the documents' lengths.
    """
    table = matches.document_hits()
    table = table[(table["token_end"] - table["token_start"]) >= 2]
    lengths = {doc.id: len(doc.text) for doc in corpus}
    labels = {f.id: f.label for f in lexicon.families}
    order = {f.id: k for k, f in enumerate(lexicon.families)}
    out = table[["doc_id", "family", "formula", "doc_start", "doc_end", "matched_text"]].copy()
    out.insert(2, "label", out["family"].map(labels))
    out["doc_length"] = out["doc_id"].map(lengths)
    out["_f"] = out["family"].map(order)
    out = out.sort_values(["doc_id", "_f", "doc_start"], kind="stable").drop(columns="_f")
    return out.reset_index(drop=True)


def top_formulae_table(discovered: pd.DataFrame, *, top: int = 15) -> pd.DataFrame:
    """The first ``top`` discovered formulae (they come ranked by actor range)."""
    columns = ["ngram", "n", "frequency", "n_statements", "n_actors", "cohesion", "in_lexicon", "lexicon_formula",
               "example_statement", "example_text"]
    return discovered.head(top)[columns].reset_index(drop=True)


def rates_table(matches: Matches, lexicon: Lexicon, families: Sequence[str] = TREND_FAMILIES, *,
                per: int = 1_000_000) -> pd.DataFrame:
    """Hits per year and family, with the number of texts and words of each year and the rate per ``per`` words."""
    counts = count_matches(matches, by="year", level="family", rates=False)
    counts = counts[counts["year"].notna() & counts["family"].isin(families)].copy()
    counts["label"] = counts["family"].map({f.id: f.label for f in lexicon.families})
    counts["_f"] = counts["family"].map({f: k for k, f in enumerate(families)})
    counts = counts.sort_values(["_f", "year"], kind="stable").drop(columns="_f")
    counts = add_rates(counts, per=per)
    return counts[["family", "label", "year", "n_matches", "n_statements", "n_tokens", f"rate_per_{per}"]
                  ].reset_index(drop=True)


def heads_table(heads: pd.DataFrame, *, top: int = 8) -> pd.DataFrame:
    """Hits per decade and head word: the ``top`` most frequent heads, the rest as ``other``, zeros included."""
    table = heads[heads["year"].notna()].copy()
    table["head"] = table["head"].where(table["head"] != "", "(none)")
    sizes = table["head"].value_counts()
    kept = [h for h in sorted(sizes.index, key=lambda h: (-sizes[h], h)) if h != "(none)"][:top]
    table["head"] = table["head"].where(table["head"].isin(kept), "other")
    table["decade"] = (table["year"].astype(int) // 10 * 10).astype(int)
    decades = range(int(table["decade"].min()), int(table["decade"].max()) + 1, 10) if len(table) else []
    heads_order = kept + (["other"] if (table["head"] == "other").any() else [])
    grid = pd.MultiIndex.from_product([list(decades), heads_order], names=["decade", "head"])
    counted = table.groupby(["decade", "head"]).size().reindex(grid, fill_value=0).rename("n_matches")
    return counted.reset_index()


@dataclass
class UNTables:
    """The tables of the UN figures, all derived from one matches table."""

    rates: pd.DataFrame
    heads: pd.DataFrame
    head_hits: pd.DataFrame
    examples: pd.DataFrame
    n_documents: int
    n_skipped: int


def un_tables(corpus: Corpus, matches: Matches, lexicon: Lexicon, *, families: Sequence[str] = TREND_FAMILIES,
              head_family: str = HEAD_FAMILY) -> UNTables:
    """The tables of the UN figures from the corpus and its one matches table (of ``lexicon``'s families)."""
    rates = rates_table(matches, lexicon, families)
    # Only the variants that follow the word they qualify ("terrorism in all its forms"), not those that lead
    # ("all forms of terrorism"): the ones whose pattern opens with the preposition "in".
    postnominal = [f.id for f in lexicon.family(head_family).formulas if f.patterns[0].text.split()[0] == "in"]
    chosen = matches.select(postnominal)
    head_hits = head_words(chosen, corpus)
    heads = heads_table(head_hits)
    lines = kwic(chosen, corpus, window=8)
    lines = lines.assign(decade=(lines["year"].astype(int) // 10 * 10))
    examples = (lines.sort_values(["decade", "year", "doc_id", "doc_start"], kind="stable")
                .groupby("decade").head(2).reset_index(drop=True))
    return UNTables(rates, heads, head_hits, examples, len(corpus), len(corpus.skipped))
