"""The finished table of each figure: one public ``*_table`` function per figure.

Each table holds exactly the rows a figure plots, in the order it plots them,
and is derived from the toolkit's tables (the matches table, a clustering,
a discovery table), so a figure saved beside its table can be checked number
by number. The notebooks, and users, draw the same figures from the same
tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..analysis.adoption import adoption, adoption_curve, median_adoption
from ..analysis.cluster import Clustering
from ..analysis.discover import maximal_formulae
from ..analysis.formulaicity import formulaicity
from ..analysis.heads import head_words
from ..analysis.keyness import keyness
from ..analysis.reuse import REUSE_COLUMNS, reuse_shares
from ..formulae.counts import add_rates, count_matches
from ..formulae.kwic import kwic
from ..formulae.lexicon import Lexicon
from ..formulae.match import Matches
from ..io.data import function_words as io_function_words
from ..text.corpus import UNRESOLVED, Corpus, Document
from ..text.tokenized import TokenizedCorpus, tokenize_corpus
from ..validation import (
    check_choice,
    check_corpus,
    check_int,
    check_parameter,
    check_table,
    check_texts,
    check_type,
    renamed,
)
from .registry import HEADS_TAG, TREND_TAG

__all__ = [
    "UNTables", "dispersion_table", "intensity_table", "intensity_decades_table", "formulaicity_table", "heads_table",
    "heatmap_table", "map_table", "rates_table", "similarity_table", "statement_labels", "top_formulae_table",
    "characteristic_formulae_table", "unchained", "keyness_sides_table", "key_words_table", "un_tables", "TREND_TAG",
    "HEADS_TAG", "ADOPTION_FORMULAE", "adoption_table", "adoption_followed", "REUSE_ACTORS", "REUSE_PANELS",
    "REUSE_OPTIONS", "OTHER_ACTORS", "reuse_table",
]


def __getattr__(name: str):
    """The constants of 0.1 that the lexicon's family tags replace (TREND_FAMILIES, HEAD_FAMILY), with a warning."""
    import importlib

    if name in ("TREND_FAMILIES", "HEAD_FAMILY"):
        return getattr(importlib.import_module(__package__ or "toolkit.report"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Figure 12: the formulae whose adoption the UN figure follows, each a name and the lexicon's formula ids it takes
#: (an actor adopts at its first use of any of them); the first is also drawn per regional group. "In all its
#: forms and manifestations" with or without "wherever committed" (the longest variant wins a match), the
#: strongest terms, the accountability formula, and one that never spread.
ADOPTION_FORMULAE = (
    ("in all its forms and manifestations", ("all_forms/full", "all_forms/full_wherever")),
    ("in the strongest terms", ("intensity/strongest_terms",)),
    ("brought to justice", ("accountability/brought_to_justice",)),
    ("war on terror", ("counterterrorism/war_on_terror",)),
)
#: Figure 12: the panel of the formulae, and that of the first formula per group.
ADOPTION_PANELS = ("formulae", "groups")
#: Figure 13: the actors named in the matrix of reuse (the most words borrowed and lent); the others are pooled.
REUSE_ACTORS = 14
#: Figure 13: the options of :func:`toolkit.analysis.reuse.find_reuse` (its defaults), said in the caption.
REUSE_OPTIONS: dict[str, Any] = {"n": 5, "max_df": 50, "min_shared": 3, "min_words": 20}
#: Figure 13: the panel of the matrix (source actor, target actor), and that of the shares by year.
REUSE_PANELS = ("pairs", "years")
#: Figure 13: the name of the pooled actors outside the :data:`REUSE_ACTORS` named.
OTHER_ACTORS = "other"
#: Figures 1 and 2: the actors with the most hits shown (``--top-actors``); the unresolved group comes last.
TOP_ACTORS = 30
#: Figures 3 and 4: one row or point per statement up to this many statements, one per actor above.
STATEMENT_LEVEL_MAX = 40
#: Figure 4 names every point up to this many points; above, only each cluster's medoid.
LABEL_ALL_MAX = 200
#: Figure 8: the discovered formulae shown.
TOP_FORMULAE = 15
#: Figure 11: the key words shown on each side (the target's and the reference's).
KEY_WORDS = 12
#: Figure 11: the decades compared, (first year, last year): the target, then the reference.
KEY_PERIODS = ((2001, 2010), (1991, 2000))
#: Figure 11: the least occurrences of a word in the two decades together for it to be tested at all.
KEY_WORDS_MIN_COUNT = 20
# A word of letters, a hyphen or an apostrophe inside it ("anti-terrorism", "people's"): no number, no code.
_WORD = r"^[^\W\d_]+(?:['\u2019-][^\W\d_]+)*$"
#: Figure 5: one row per document for a corpus of several, at most this many (the most hits first).
DISPERSION_DOCUMENTS = 30


def statement_labels(statements: pd.DataFrame) -> list[str]:
    """Short labels for statements: the actor's code (or name, or ``unresolved``) and the statement's number.

    Parameters
    ----------
    statements : pandas.DataFrame
        One row per statement with the columns ``statement_id``, ``actor``
        and ``actor_id`` (:meth:`Corpus.to_frame
        <toolkit.text.corpus.Corpus.to_frame>`, a clustering's
        ``assignments``).

    Returns
    -------
    list of str
        One label per row, in order: the ``actor_id`` (else the actor's
        name, else ``unresolved``), a space, and the part of the statement
        id after its last ``:`` (the whole id when it has none).

    Examples
    --------
    >>> statements = pd.DataFrame({"statement_id": ["d1:1", "d1:2", "d2"], "actor": ["Norway", "Hamas", None],
    ...                            "actor_id": ["NOR", None, None]})
    >>> statement_labels(statements)
    ['NOR 1', 'Hamas 2', 'unresolved d2']
    """
    labels = []
    for sid, actor, code in zip(statements["statement_id"], statements["actor"], statements["actor_id"]):
        who = code if isinstance(code, str) and code else (actor if isinstance(actor, str) and actor else UNRESOLVED)
        number = str(sid).rsplit(":", 1)[-1]
        labels.append(f"{who} {number}")
    return labels


def _top_actors(totals: pd.Series, top: int) -> tuple[list[str], dict[str, Any]]:
    """The ``top`` actors with the most hits (then by name), the unresolved group last; and what was left out.

    ``totals`` holds the hits of every actor (the pooled unresolved group included). Actors without hits are
    shown only when every actor fits: never one without hits in place of one with hits, nor some of them in
    place of others, so that the note under the figure can say truthfully what was left out. The attrs:
    ``n_actors`` (the unresolved group not counted), ``left_out`` (how many actors the table leaves out),
    ``left_out_without_hits`` (how many of them have no hit) and ``tied`` (whether an actor left out with hits
    has as many as the last one shown).
    """
    resolved = totals[totals.index != UNRESOLVED]
    ranked = sorted(resolved.index, key=lambda a: (-resolved[a], a))
    with_hits = [a for a in ranked if resolved[a] > 0]
    kept = ranked if len(ranked) <= top else with_hits[:top]
    without = 0 if len(ranked) <= top else len(ranked) - len(with_hits)
    tied = len(with_hits) > top and resolved[with_hits[top]] == resolved[with_hits[top - 1]]
    left = {"n_actors": len(ranked), "left_out": len(ranked) - len(kept), "left_out_without_hits": without,
            "tied": bool(tied)}
    if UNRESOLVED in totals.index and totals[UNRESOLVED] > 0:
        kept = kept + [UNRESOLVED]
    return kept, left


def heatmap_table(matches: Matches, lexicon: Lexicon, *, top_actors: int = TOP_ACTORS) -> pd.DataFrame:
    """Hits per actor and family for the ``top_actors`` actors with the most hits.

    Families with no hit are left out; actors are ordered by total hits, then
    name, and the statements without an actor are pooled in one row named
    ``"unresolved"``, shown last (when it has hits). Actors without hits are
    shown only when every actor fits. ``attrs["n_actors"]`` is the number of
    actors with statements (the unresolved group not counted),
    ``attrs["left_out"]`` how many of them the table leaves out,
    ``attrs["left_out_without_hits"]`` how many of those have no hit, and
    ``attrs["tied"]`` whether one left out with hits has as many as the last
    shown.

    Parameters
    ----------
    matches : Matches
        The one matches table.
    lexicon : Lexicon
        The lexicon the matches were found with; it gives each family's
        label.
    top_actors : int, default :data:`TOP_ACTORS`
        How many actors to keep (30), at least 1.

    Returns
    -------
    pandas.DataFrame
        The columns ``actor``, ``family``, ``label`` (the family's),
        ``n_matches``, ``n_statements`` and ``n_tokens`` (the actor's
        statements and tokens), one row per kept actor and used family,
        zeros included; by actor as above, then family by its total hits
        (most first), then family id.

    Raises
    ------
    ParameterError
        When ``top_actors`` is not an int >= 1.

    Examples
    --------
    >>> from toolkit import Corpus, Document, Lexicon, find_matches
    >>> corpus = Corpus([Document("a", "We condemn the attack.", actor="Norway", actor_id="NOR", year=2001),
    ...                  Document("b", "Terrorism in all its forms is condemned, in all its forms.", actor="Chad",
    ...                           actor_id="TCD", year=2003),
    ...                  Document("c", "We condemn it. Condolences.", year=2003)])
    >>> lexicon = Lexicon.from_phrases(["condemn*", "in all its forms"])
    >>> matches = find_matches(corpus, lexicon)
    >>> table = heatmap_table(matches, lexicon)
    >>> table[["actor", "family", "n_matches"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['Chad', 'condemn*', 1], ['Chad', 'in all its forms', 2], ['Norway', 'condemn*', 1],
     ['Norway', 'in all its forms', 0], ['unresolved', 'condemn*', 1], ['unresolved', 'in all its forms', 0]]
    >>> table.attrs
    {'n_actors': 2, 'left_out': 0, 'left_out_without_hits': 0, 'tied': False}
    """
    check_int(top_actors, "top_actors", owner="heatmap_table", low=1)
    counts = count_matches(matches, by="actor", level="family", rates=False)
    family_totals = counts.groupby("family")["n_matches"].sum()
    used = family_totals[family_totals > 0]
    actor_totals = counts.groupby("actor")["n_matches"].sum()
    kept, left = _top_actors(actor_totals, top_actors)
    counts = counts[counts["family"].isin(used.index) & counts["actor"].isin(kept)].copy()
    counts["label"] = counts["family"].map({f.id: f.label for f in lexicon.families})
    counts["_a"] = counts["actor"].map({a: k for k, a in enumerate(kept)})
    counts["_f"] = -counts["family"].map(used)
    counts = counts.sort_values(["_a", "_f", "family"], kind="stable")
    table = counts[["actor", "family", "label", "n_matches", "n_statements", "n_tokens"]].reset_index(drop=True)
    table.attrs = left
    return table


def formulaicity_table(matches: Matches, *, top_actors: int = TOP_ACTORS) -> pd.DataFrame:
    """Per actor: hits, tokens and the share of tokens inside lexicon formulae, for the actors with the most hits.

    The ``top_actors`` actors with the most hits, ordered by share, then
    hits, then name; the unresolved group (statements without an actor) last.
    ``attrs`` as in :func:`heatmap_table`.

    Parameters
    ----------
    matches : Matches
        The one matches table (its formulae give the tokens covered).
    top_actors : int, default :data:`TOP_ACTORS`
        How many actors to keep (30), at least 1.

    Returns
    -------
    pandas.DataFrame
        The columns ``actor``, ``actor_id``, ``n_statements``, ``n_tokens``,
        ``n_matches`` (hits), ``lexicon_tokens`` (tokens inside a hit) and
        ``lexicon_share`` (``lexicon_tokens / n_tokens``, see
        :func:`toolkit.analysis.formulaicity.formulaicity`), one row per kept
        actor; the unresolved group's ``actor_id`` is missing.

    Raises
    ------
    ParameterError
        When ``top_actors`` is not an int >= 1.

    Examples
    --------
    >>> from toolkit import Corpus, Document, Lexicon, find_matches
    >>> corpus = Corpus([Document("a", "We condemn the attack.", actor="Norway", actor_id="NOR", year=2001),
    ...                  Document("b", "Terrorism in all its forms is condemned, in all its forms.", actor="Chad",
    ...                           actor_id="TCD", year=2003),
    ...                  Document("c", "We condemn it. Condolences.", year=2003)])
    >>> lexicon = Lexicon.from_phrases(["condemn*", "in all its forms"])
    >>> matches = find_matches(corpus, lexicon)
    >>> table = formulaicity_table(matches)
    >>> table[["actor", "n_tokens", "n_matches", "lexicon_tokens"]].values.tolist()
    [['Chad', 11, 3, 9], ['Norway', 4, 1, 1], ['unresolved', 4, 1, 1]]
    """
    check_int(top_actors, "top_actors", owner="formulaicity_table", low=1)
    shares = formulaicity(matches, by=["actor", "actor_id"])
    hits = matches.table.assign(actor=matches.table["actor"].fillna(UNRESOLVED)).groupby(
        ["actor", "actor_id"], dropna=False).size().rename("n_matches").reset_index()
    table = shares.merge(hits, on=["actor", "actor_id"], how="left")  # the unresolved group's missing ids match
    table["n_matches"] = table["n_matches"].fillna(0).astype(np.int64)
    totals = table.groupby("actor")["n_matches"].sum()
    kept, left = _top_actors(totals, top_actors)
    table = table[table["actor"].isin(kept)].copy()
    table["_u"] = table["actor"] == UNRESOLVED
    table = table.sort_values(["_u", "lexicon_share", "n_matches", "actor"], ascending=[True, False, False, True],
                              kind="stable")
    table = table[["actor", "actor_id", "n_statements", "n_tokens", "n_matches", "lexicon_tokens",
                   "lexicon_share"]].reset_index(drop=True)
    table.attrs = left
    return table


def _unit(clustering: Clustering, unit: str, owner: str) -> str:
    check_choice(unit, "unit", owner=owner, choices=("auto", "statement", "actor"))
    if unit == "auto":
        return "statement" if len(clustering.assignments) <= STATEMENT_LEVEL_MAX else "actor"
    return unit


def _actor_units(clustering: Clustering) -> tuple[pd.DataFrame, list[np.ndarray]]:
    """One unit per actor (the unresolved statements pooled): its statements' mean features, majority cluster.

    Units are ordered by cluster, then by number of statements (most first),
    then by label. Returns the units (``actor``, ``actor_id``, ``label``,
    ``cluster``, ``n_statements``) and the rows of the features that belong
    to each, as a list of index arrays.
    """
    assignments = clustering.assignments.reset_index(drop=True)
    actor = assignments["actor"].fillna(UNRESOLVED)
    rows = []
    for name, members in actor.groupby(actor, sort=False).groups.items():
        members = np.asarray(members)
        codes = assignments.loc[members, "actor_id"].dropna()
        code = str(codes.iloc[0]) if len(codes) and name != UNRESOLVED else name
        clusters = assignments.loc[members, "cluster"].value_counts()
        majority = int(min(c for c in clusters.index if clusters[c] == clusters.max()))
        rows.append({"actor": name, "actor_id": codes.iloc[0] if len(codes) and name != UNRESOLVED else None,
                     "label": f"{code} ({len(members)})", "cluster": majority, "n_statements": len(members),
                     "_members": members})
    units = pd.DataFrame(rows)
    units = units.sort_values(["cluster", "n_statements", "label"], ascending=[True, False, True],
                              kind="stable").reset_index(drop=True)
    return units.drop(columns="_members"), units["_members"].tolist()


def _mean_features(embedding: np.ndarray, members: list[np.ndarray]) -> np.ndarray:
    """Each unit's mean feature vector, L2-normalised (so that dot products are cosine similarities)."""
    means = np.vstack([embedding[m].mean(axis=0) for m in members])
    norms = np.linalg.norm(means, axis=1, keepdims=True)
    return means / np.where(norms > 0, norms, 1)


@renamed(level="unit")
def similarity_table(clustering: Clustering, *, unit: str = "auto") -> pd.DataFrame:
    """The similarity matrix of the statements (or of the actors) in the clustering's order, labelled.

    ``unit="auto"`` draws statements up to :data:`STATEMENT_LEVEL_MAX`
    statements and actors above; ``"statement"`` or ``"actor"`` forces one.

    * Statements: the first columns are ``statement_id``, ``label`` (actor
      code and statement number) and ``cluster``, then one column per
      statement; the order is :meth:`Clustering.leaf_order` (by cluster for
      k-means and HDBSCAN, the dendrogram's leaves for Ward).
    * Actors: ``actor``, ``label`` (code and number of statements),
      ``cluster`` (the cluster most of its statements are in),
      ``n_statements``, then one column per actor: the cosine similarity of
      the actors' mean features (the statements without an actor pooled as
      ``unresolved``); ordered by cluster, then by number of statements.

    ``attrs["unit"]`` says which.

    Parameters
    ----------
    clustering : Clustering
        From :func:`toolkit.analysis.cluster.cluster_statements`.
    unit : {"auto", "statement", "actor"}, default "auto"
        Which rows and columns the matrix has.

    Returns
    -------
    pandas.DataFrame
        The columns above, then one column of cosine similarities per row,
        named by the row's ``statement_id`` (or ``actor``), in the rows'
        order: a square matrix beside its labels.

    Raises
    ------
    ParameterError
        When ``unit`` is not one of the three.

    Examples
    --------
    >>> from toolkit import Corpus, Document, cluster_statements
    >>> texts = {"NOR": "We condemn the terrorist attack in the strongest terms.",
    ...          "SWE": "We condemn the terrorist attack in the strongest possible terms.",
    ...          "TCD": "Our deepest condolences to the families of the victims.",
    ...          "MLI": "Deepest condolences to the families of the victims."}
    >>> corpus = Corpus([Document(f"{code}:1", text, actor=code, actor_id=code) for code, text in texts.items()])
    >>> clustering = cluster_statements(corpus, n_clusters=2, n_runs=0)
    >>> table = similarity_table(clustering)
    >>> table[["statement_id", "label", "cluster"]].values.tolist()
    [['NOR:1', 'NOR 1', 0], ['SWE:1', 'SWE 1', 0], ['TCD:1', 'TCD 1', 1], ['MLI:1', 'MLI 1', 1]]
    >>> round(float(table.loc[0, "SWE:1"]), 2), table.attrs["unit"]
    (0.83, 'statement')
    """
    unit = _unit(clustering, unit, "similarity_table")
    if unit == "actor":
        units, members = _actor_units(clustering)
        features = _mean_features(clustering.embedding, members)
        table = pd.DataFrame(features @ features.T, columns=units["actor"].tolist())
        table = pd.concat([units[["actor", "label", "cluster", "n_statements"]], table], axis=1)
        table.attrs = {"unit": "actor"}
        return table
    order = clustering.leaf_order()
    similarity = clustering.similarity().loc[order, order]
    assignments = clustering.assignments.set_index("statement_id").loc[order].reset_index()
    table = similarity.reset_index(drop=True)
    table.columns = list(order)
    table.insert(0, "statement_id", order)
    table.insert(1, "label", statement_labels(assignments))
    table.insert(2, "cluster", assignments["cluster"].to_numpy())
    table.attrs = {"unit": "statement"}
    return table


@renamed(level="unit")
def map_table(clustering: Clustering, *, unit: str = "auto") -> pd.DataFrame:
    """Statements (or actors) on the clustering's 2-D map, with their cluster, label and whether it is drawn.

    The map is the first two principal components of the statements'
    features (:meth:`Clustering.map`); an actor is placed at the mean of its
    statements. ``unit`` as in :func:`similarity_table`. The column
    ``labelled`` says which points the figure names: all of them up to
    :data:`LABEL_ALL_MAX` points, else only each cluster's medoid (the point
    whose features are closest to the cluster's mean).
    ``attrs["explained_variance"]`` and ``attrs["unit"]`` as in the tables above.

    Parameters
    ----------
    clustering : Clustering
        From :func:`toolkit.analysis.cluster.cluster_statements`.
    unit : {"auto", "statement", "actor"}, default "auto"
        One point per statement or per actor.

    Returns
    -------
    pandas.DataFrame
        Statements: ``statement_id``, ``label``, ``actor``, ``actor_id``,
        ``cluster``, ``x``, ``y`` and ``labelled``, in the clustering's
        statement order. Actors: ``actor``, ``actor_id``, ``label``,
        ``cluster``, ``n_statements``, ``x``, ``y`` and ``labelled``, in the
        order of :func:`similarity_table`. ``attrs["explained_variance"]`` is
        the share of variance of each of the two components.

    Raises
    ------
    ParameterError
        When ``unit`` is not one of the three.

    Examples
    --------
    >>> from toolkit import Corpus, Document, cluster_statements
    >>> texts = {"NOR": "We condemn the terrorist attack in the strongest terms.",
    ...          "SWE": "We condemn the terrorist attack in the strongest possible terms.",
    ...          "TCD": "Our deepest condolences to the families of the victims.",
    ...          "MLI": "Deepest condolences to the families of the victims."}
    >>> corpus = Corpus([Document(f"{code}:1", text, actor=code, actor_id=code) for code, text in texts.items()])
    >>> clustering = cluster_statements(corpus, n_clusters=2, n_runs=0)
    >>> table = map_table(clustering, unit="actor")
    >>> table[["actor", "label", "cluster", "labelled"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['NOR', 'NOR (1)', 0, True], ['SWE', 'SWE (1)', 0, True],
     ['MLI', 'MLI (1)', 1, True], ['TCD', 'TCD (1)', 1, True]]
    >>> len(table.attrs["explained_variance"]), table.attrs["unit"]
    (2, 'actor')
    """
    unit = _unit(clustering, unit, "map_table")
    mapped = clustering.map()
    if unit == "actor":
        units, members = _actor_units(clustering)
        xy = mapped[["x", "y"]].to_numpy()
        table = units.assign(x=[float(xy[m, 0].mean()) for m in members],
                             y=[float(xy[m, 1].mean()) for m in members])
        features = _mean_features(clustering.embedding, members)
    else:
        table = mapped[["statement_id", "actor", "actor_id", "cluster", "x", "y"]].copy()
        table.insert(1, "label", statement_labels(mapped))
        features = clustering.embedding
    labelled = np.ones(len(table), dtype=bool)
    if len(table) > LABEL_ALL_MAX:
        labelled[:] = False
        clusters = table["cluster"].to_numpy()
        for c in np.unique(clusters[clusters >= 0]):
            inside = np.flatnonzero(clusters == c)
            centre = features[inside].mean(axis=0)
            labelled[inside[int(np.argmax(features[inside] @ centre))]] = True
    table["labelled"] = labelled
    table.attrs = {**mapped.attrs, "unit": unit}
    return table


def dispersion_table(matches: Matches, corpus: Corpus | Iterable[Document], lexicon: Lexicon, *,
                     max_documents: int = DISPERSION_DOCUMENTS) -> pd.DataFrame:
    """Every multi-word hit as a place in its document (a hit shared by overlapping statements once).

    Derived from the matches table (:meth:`Matches.document_hits`); ``corpus`` gives the documents' lengths. A
    hit is multi-word when it spans at least two tokens. The table has one of two forms (``attrs["form"]``):

    * ``"families"`` when the hits lie in one document: every hit, by family
      (lexicon order), then place; the figure draws one row per family.
    * ``"documents"`` for several: the hits of the ``max_documents``
      documents with the most hits (then by id), documents in that order,
      each hit with its ``position`` in its document from 0 (start) to 1
      (end) and its document's ``doc_label`` (the document's actor, with its
      year where two documents of one actor are kept; the id of a document
      without an actor); the figure draws one row per document. ``attrs["n_documents"]``
      is the number of documents with hits and ``attrs["left_out"]`` how
      many the table leaves out.

    Parameters
    ----------
    matches : Matches
        The one matches table.
    corpus : Corpus or iterable of Document
        The documents the matches were found in (read once, for their lengths).
    lexicon : Lexicon
        The lexicon the matches were found with: the families' labels and order.
    max_documents : int, default :data:`DISPERSION_DOCUMENTS`
        How many documents to keep in the ``"documents"`` form (30), at least 1.

    Returns
    -------
    pandas.DataFrame
        One row per hit: ``doc_id``, ``family``, ``label``, ``formula``, ``doc_start`` and ``doc_end`` (character
        offsets in the document), ``matched_text`` and ``doc_length`` (characters); the ``"documents"`` form adds
        ``doc_label`` and ``position`` (``doc_start / doc_length``). ``attrs``: ``form``, ``n_documents`` and
        ``left_out``.

    Raises
    ------
    ParameterError
        When ``max_documents`` is not an int >= 1.

    Examples
    --------
    >>> from toolkit import Corpus, Document, Lexicon, find_matches
    >>> corpus = Corpus([Document("a", "We condemn the attack."),
    ...                  Document("b", "Terrorism in all its forms is condemned, in all its forms.")])
    >>> lexicon = Lexicon.from_phrases(["condemn*", "in all its forms"])
    >>> table = dispersion_table(find_matches(corpus, lexicon), corpus, lexicon)  # "condemn*" is one word: not drawn
    >>> table[["doc_id", "family", "doc_start", "doc_end", "doc_length"]].values.tolist()
    [['b', 'in all its forms', 10, 26, 58], ['b', 'in all its forms', 41, 57, 58]]
    >>> table.attrs
    {'form': 'families', 'n_documents': 1, 'left_out': 0}
    """
    check_int(max_documents, "max_documents", owner="dispersion_table", low=1)
    table = matches.document_hits()
    table = table[(table["token_end"] - table["token_start"]) >= 2]
    documents = {doc.id: doc for doc in corpus}
    lengths = {doc_id: len(doc.text) for doc_id, doc in documents.items()}
    labels = {f.id: f.label for f in lexicon.families}
    order = {f.id: k for k, f in enumerate(lexicon.families)}
    out = table[["doc_id", "family", "formula", "doc_start", "doc_end", "matched_text"]].copy()
    out.insert(2, "label", out["family"].map(labels))
    out["doc_length"] = out["doc_id"].map(lengths)
    hits = out["doc_id"].value_counts()
    if len(hits) <= 1:
        out["_f"] = out["family"].map(order)
        out = out.sort_values(["doc_id", "_f", "doc_start"], kind="stable").drop(columns="_f").reset_index(drop=True)
        out.attrs = {"form": "families", "n_documents": len(hits), "left_out": 0}
        return out
    ranked = sorted(hits.index, key=lambda d: (-hits[d], d))
    kept = ranked[:max_documents]
    out = out[out["doc_id"].isin(kept)].copy()
    out["doc_label"] = out["doc_id"].map(_document_labels(documents, kept))
    out["position"] = out["doc_start"] / out["doc_length"]
    out["_d"] = out["doc_id"].map({d: k for k, d in enumerate(kept)})
    out["_f"] = out["family"].map(order)
    out = out.sort_values(["_d", "doc_start", "_f"], kind="stable").drop(columns=["_d", "_f"]).reset_index(drop=True)
    out.attrs = {"form": "documents", "n_documents": len(hits), "left_out": len(ranked) - len(kept)}
    return out


def _document_labels(documents: dict[str, Document], kept: Sequence[str]) -> dict[str, str]:
    """A row label for each kept document: its actor, with its year (else its id) where two would read alike.

    A document without an actor (a news article, split into several actors' statements) keeps its id.
    """
    def who(doc_id: str) -> str:
        actor = documents[doc_id].actor
        return actor.strip() if isinstance(actor, str) and actor.strip() else doc_id

    labels = {d: who(d) for d in kept}
    seen = pd.Series(list(labels.values())).value_counts()
    for d, label in list(labels.items()):
        if seen[label] > 1 and label != d:
            year = documents[d].year
            labels[d] = f"{label} {year}" if year is not None else f"{label} ({d})"
    again = pd.Series(list(labels.values())).value_counts()
    return {d: (f"{label} ({d})" if again[label] > 1 and label != d else label) for d, label in labels.items()}


def intensity_table(scores: pd.DataFrame, *, top_actors: int = TOP_ACTORS) -> pd.DataFrame:
    """Each actor's strongest reaction: its highest intensity level, with the evidence of that statement.

    From :func:`toolkit.analysis.intensity.score_intensity`. Actors by level
    (highest first), then number of statements, then name; the statements
    without an actor pooled as ``unresolved``, last; the ``top_actors``
    first kept (``attrs`` as in :func:`heatmap_table`).

    Parameters
    ----------
    scores : pandas.DataFrame
        One row per statement, with the columns ``actor``, ``actor_id``,
        ``level``, ``label``, ``evidence`` and ``statement_id``
        (:func:`~toolkit.analysis.intensity.score_intensity` without
        ``cues``).
    top_actors : int, default :data:`TOP_ACTORS`
        How many actors to keep (30), at least 1; the unresolved group is
        kept besides.

    Returns
    -------
    pandas.DataFrame
        The columns ``actor``, ``actor_id``, ``level``, ``label``,
        ``n_statements`` (all the actor's statements), ``evidence`` and
        ``statement_id``: one row per kept actor, with the level, label,
        evidence and id of its first statement (in ``scores`` order) at its
        highest level.

    Raises
    ------
    ParameterError
        When ``top_actors`` is not an int >= 1.

    Examples
    --------
    >>> scores = pd.DataFrame({
    ...     "statement_id": ["a", "b", "c", "d"], "actor": ["Norway", "Chad", "Chad", None],
    ...     "actor_id": ["NOR", "TCD", "TCD", None], "level": [4, 3, 5, 1],
    ...     "label": ["strongly condemns", "condemns", "in the strongest terms", "concern or regret"],
    ...     "evidence": ["strongly | condemn", "condemn", "in the strongest terms", "concerned"]})
    >>> intensity_table(scores)[["actor", "level", "n_statements", "statement_id"]].values.tolist()
    [['Chad', 5, 2, 'c'], ['Norway', 4, 1, 'a'], ['unresolved', 1, 1, 'd']]
    """
    check_int(top_actors, "top_actors", owner="intensity_table", low=1)
    table = scores.assign(actor=scores["actor"].fillna(UNRESOLVED))
    order = table.sort_values(["level"], ascending=False, kind="stable")
    best = order.drop_duplicates("actor")[["actor", "actor_id", "level", "label", "evidence", "statement_id"]]
    counts = table.groupby("actor").size().rename("n_statements")
    best = best.merge(counts, left_on="actor", right_index=True)
    best["_u"] = best["actor"] == UNRESOLVED
    best = best.sort_values(["_u", "level", "n_statements", "actor"], ascending=[True, False, False, True],
                            kind="stable").drop(columns="_u")
    resolved = best[best["actor"] != UNRESOLVED]
    kept = pd.concat([resolved.head(top_actors), best[best["actor"] == UNRESOLVED]])
    columns = ["actor", "actor_id", "level", "label", "n_statements", "evidence", "statement_id"]
    out = kept[columns].reset_index(drop=True)
    out.attrs = {"n_actors": len(resolved), "left_out": max(0, len(resolved) - top_actors)}
    return out


def intensity_decades_table(cues: pd.DataFrame, labels: dict[int, str], *, top: int = 2,
                            fillers: Iterable[str] = ()) -> pd.DataFrame:
    """The share of the speakers' condemnation cues at each level, by decade, with each decade's commonest intensifiers.

    ``cues`` is :func:`toolkit.analysis.intensity.score_intensity` with
    ``cues=True``; ``labels`` the scale's level labels. One row per decade and
    level (1 to the highest; zeros included): ``n_cues``, ``share`` of the
    decade's cues, and ``intensifiers``, the decade's ``top`` most frequent
    intensifying words, function words and ``fillers`` left out (the same on each row of the decade; the
    shipped scale's ``fillers`` are the words of its top formulae that do not intensify, so that "in the
    strongest terms" counts as "strongest").

    Cues without a year, or at level 0, are left out. The decades run from
    the first to the last with a cue, every decade between included.

    Parameters
    ----------
    cues : pandas.DataFrame
        One row per cue, with the columns ``year``, ``level`` and
        ``intensifiers`` (the intensifying words, separated by spaces).
    labels : dict of int to str
        Each level of the scale and its label; levels above 0 make the rows
        (a cue at a level not in ``labels`` is not counted).
    top : int, default 2
        How many intensifying words to name per decade (most frequent first,
        then alphabetical). Not checked.
    fillers : iterable of str, default ()
        Lower-case words not to count as intensifying, besides the function
        words (:func:`toolkit.io.function_words`).

    Returns
    -------
    pandas.DataFrame
        The columns ``decade`` (its first year), ``level``, ``label``,
        ``n_cues``, ``share`` (of the decade's cues; 0 for a decade without
        any) and ``intensifiers`` (the words, ``", "`` between them), by
        decade, then level.

    Examples
    --------
    >>> cues = pd.DataFrame({"year": [1995, 2004, 2007], "level": [4, 5, 3],
    ...                      "intensifiers": ["strongly", "in the strongest terms", ""]})
    >>> table = intensity_decades_table(cues, {0: "none", 3: "condemns", 4: "strongly", 5: "strongest"},
    ...                                 fillers=["terms"])
    >>> table.values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [[1990, 3, 'condemns', 0, 0.0, 'strongly'], [1990, 4, 'strongly', 1, 1.0, 'strongly'],
     [1990, 5, 'strongest', 0, 0.0, 'strongly'], [2000, 3, 'condemns', 1, 0.5, 'strongest'],
     [2000, 4, 'strongly', 0, 0.0, 'strongest'], [2000, 5, 'strongest', 1, 0.5, 'strongest']]
    """
    table = cues[cues["year"].notna() & (cues["level"] > 0)].copy()
    table["decade"] = (table["year"].astype(int) // 10 * 10).astype(int)
    levels = sorted(k for k in labels if k > 0)
    decades = range(int(table["decade"].min()), int(table["decade"].max()) + 1, 10) if len(table) else []
    grid = pd.MultiIndex.from_product([list(decades), levels], names=["decade", "level"])
    counted = table.groupby(["decade", "level"]).size().reindex(grid, fill_value=0).rename("n_cues").reset_index()
    totals = counted.groupby("decade")["n_cues"].transform("sum")
    counted["share"] = np.where(totals > 0, counted["n_cues"] / totals.where(totals > 0, 1), 0.0)
    counted.insert(2, "label", counted["level"].map(labels))
    words = table.assign(word=table["intensifiers"].str.lower().str.split()).explode("word")
    stop = io_function_words() | set(fillers)
    words = words[words["word"].notna() & (words["word"] != "") & ~words["word"].isin(stop)]
    common = {}
    for decade, part in words.groupby("decade"):
        sizes = part["word"].value_counts()
        common[decade] = ", ".join(sorted(sizes.index, key=lambda w: (-sizes[w], w))[:top])
    counted["intensifiers"] = [common.get(decade, "") for decade in counted["decade"]]
    return counted


def top_formulae_table(discovered: pd.DataFrame, *, top: int = TOP_FORMULAE,
                       function_words: Iterable[str] | None = None) -> pd.DataFrame:
    """The first ``top`` discovered formulae worth showing (they come ranked by actor range).

    Fragments are left out (:func:`toolkit.analysis.discover.maximal_formulae`):
    a candidate mostly used inside a longer one, and one that begins or ends
    with a function word (the shipped list, :func:`toolkit.io.function_words`,
    unless given) when a phrase bounded by content words covers it.

    Parameters
    ----------
    discovered : pandas.DataFrame
        :func:`toolkit.analysis.discover.discover_formulae`'s table, in its
        order.
    top : int, default :data:`TOP_FORMULAE`
        How many formulae to keep (15), at least 1.
    function_words : iterable of str, optional
        The words that make a candidate a fragment when it begins or ends
        with one; by default the shipped list.

    Returns
    -------
    pandas.DataFrame
        The columns ``ngram``, ``n``, ``frequency``, ``n_statements``,
        ``n_actors``, ``cohesion``, ``in_lexicon``, ``lexicon_formula``,
        ``example_statement`` and ``example_text``, in ``discovered``'s order.

    Raises
    ------
    ParameterError
        When ``top`` is not an int >= 1.

    Examples
    --------
    >>> from toolkit import Corpus, discover_formulae
    >>> speeches = Corpus.from_texts(["We condemn terrorism in all its forms.",
    ...                               "They condemn terrorism in all its forms!"])
    >>> top_formulae_table(discover_formulae(speeches, min_actors=0))[["ngram", "frequency"]].values.tolist()
    [['condemn terrorism in all its forms', 2]]
    """
    check_int(top, "top", owner="top_formulae_table", low=1)
    columns = ["ngram", "n", "frequency", "n_statements", "n_actors", "cohesion", "in_lexicon", "lexicon_formula",
               "example_statement", "example_text"]
    words = io_function_words() if function_words is None else function_words
    return maximal_formulae(discovered, function_words=words, top=top)[columns].reset_index(drop=True)


def characteristic_formulae_table(contrasted: pd.DataFrame, *, top: int = TOP_FORMULAE,
                                  function_words: Iterable[str] | None = None,
                                  significant_only: bool = True) -> pd.DataFrame:
    """The first ``top`` phrases characteristic of the target of a contrasted discovery, fragments left out.

    The rows kept are the significant ones more frequent in the target than
    in the reference (``significant`` and ``log_ratio`` > 0), in the table's
    order (by log ratio, highest first), then fragments are left out as for
    :func:`top_formulae_table` (:func:`toolkit.analysis.discover.maximal_formulae`).
    With ``significant_only=False`` every row more frequent in the target is
    a candidate, significant or not (the ``significant`` column says which):
    for a corpus too small for any phrase to be significant.

    Parameters
    ----------
    contrasted : pandas.DataFrame
        :func:`toolkit.analysis.discover.discover_formulae` with a ``reference``.
    top : int, default :data:`TOP_FORMULAE`
        How many phrases to keep (15), at least 1.
    function_words : iterable of str, optional
        As for :func:`top_formulae_table`; by default the shipped list.
    significant_only : bool, default True
        Keep only the significant rows (else every row with ``log_ratio`` > 0).

    Returns
    -------
    pandas.DataFrame
        The columns ``ngram``, ``n``, ``frequency`` (in the target),
        ``n_reference``, ``log_ratio``, ``log_likelihood``, ``p_value``,
        ``significant``, ``n_statements``, ``n_actors``, ``in_lexicon``, ``lexicon_formula``,
        ``example_statement`` and ``example_text``.

    Examples
    --------
    >>> table = pd.DataFrame({"ngram": ["condemn the heinous attack", "the talks go on"], "n": [4, 4],
    ...     "frequency": [30, 30], "n_reference": [0, 90], "log_ratio": [6.2, -1.1], "log_likelihood": [60.0, -9.0],
    ...     "p_value": [1e-9, 1e-3], "significant": [True, True], "n_statements": [30, 30], "n_actors": [30, 30],
    ...     "in_lexicon": [True, False], "lexicon_formula": ["condemnation/condemn", None],
    ...     "example_statement": ["a", "b"], "example_text": ["x", "y"]})
    >>> characteristic_formulae_table(table)["ngram"].tolist()
    ['condemn the heinous attack']
    """
    check_int(top, "top", owner="characteristic_formulae_table", low=1)
    check_type(significant_only, "significant_only", owner="characteristic_formulae_table", types=bool,
               expected="a bool")
    columns = ["ngram", "n", "frequency", "n_reference", "log_ratio", "log_likelihood", "p_value", "significant",
               "n_statements", "n_actors", "in_lexicon", "lexicon_formula", "example_statement", "example_text"]
    chosen = contrasted["log_ratio"] > 0
    if significant_only:
        chosen &= contrasted["significant"].astype(bool)
    kept = contrasted[chosen].reset_index(drop=True)
    words = io_function_words() if function_words is None else function_words
    maximal = maximal_formulae(kept, function_words=words)
    return unchained(maximal).head(top)[columns].reset_index(drop=True)


def unchained(table: pd.DataFrame, *, label: str = "ngram", least: int = 3) -> pd.DataFrame:
    """The rows of a ranked table of phrases without those that continue a phrase ranked above them.

    A long fixed passage (a convention's title) recurs as a chain of
    overlapping windows of at most 8 words ("convention against torture and
    other cruel inhuman or", "against torture and other cruel inhuman or
    degrading", ...), each maximal on its own. A phrase is left out when it
    and a phrase ranked above it (shown or itself left out) overlap: the end
    of one is the start of the other, over at least ``least`` words and at
    least half of the shorter phrase. So the passage shows once, by its
    best-ranked window, even where two of its windows overlap little and the
    windows between them link them.

    Parameters
    ----------
    table : pandas.DataFrame
        Ranked phrases, best first, words separated by single spaces.
    label : str, default "ngram"
        The column of the phrases.
    least : int, default 3
        The fewest words an overlap needs.

    Returns
    -------
    pandas.DataFrame
        The rows kept, in the same order.

    Examples
    --------
    >>> phrases = pd.DataFrame({"ngram": ["convention against torture and other cruel inhuman or",
    ...                                   "we strongly condemn",
    ...                                   "torture and other cruel inhuman or degrading treatment",
    ...                                   "strongly condemn the attack"]})
    >>> unchained(phrases)["ngram"].tolist()
    ['convention against torture and other cruel inhuman or', 'we strongly condemn', 'strongly condemn the attack']
    """
    check_int(least, "least", owner="unchained", low=1)
    above: list[list[str]] = []
    keep = []
    for phrase in table[label].astype(str).tolist():
        words = phrase.split(" ")
        keep.append(not any(_overlap(words, other, least) or _overlap(other, words, least) for other in above))
        above.append(words)
    return table[np.array(keep, dtype=bool)] if len(table) else table


def _overlap(first: list[str], second: list[str], least: int) -> bool:
    """Whether ``first`` ends with the start of ``second`` over at least ``least`` words and half the shorter."""
    need = max(least, (min(len(first), len(second)) + 1) // 2)
    for size in range(min(len(first), len(second)) - (first == second), need - 1, -1):
        if first[-size:] == second[:size]:
            return True
    return False


def keyness_sides_table(table: pd.DataFrame, *, target: str, reference: str, top: int = KEY_WORDS) -> pd.DataFrame:
    """The key words of each side of a keyness table: the ``top`` significant ones of each, by log ratio.

    Only words are kept: a feature of letters, with a hyphen or an apostrophe
    inside ("anti-terrorism"); numbers and codes ("09", "2001", "a/58") are
    not words and are left out.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`toolkit.analysis.keyness.keyness` (``feature``, ``n_target``,
        ``n_reference``, ``log_ratio``, ``log_likelihood``, ``p_value``,
        ``significant``).
    target, reference : str
        How the two groups are named (``"2001-2010"``): the ``side`` column.
    top : int, default :data:`KEY_WORDS`
        The words shown on each side, at least 1.

    Returns
    -------
    pandas.DataFrame
        ``side``, ``feature``, ``n_target``, ``n_reference``, ``log_ratio``,
        ``log_likelihood``, ``p_value``: the target's words first, the
        highest log ratio first, then the reference's, the lowest first.

    Examples
    --------
    >>> table = pd.DataFrame({"feature": ["terrorism", "09", "apartheid", "peace"], "n_target": [90, 30, 2, 50],
    ...     "n_reference": [10, 0, 40, 50], "log_ratio": [3.1, 5.9, -4.3, 0.0],
    ...     "log_likelihood": [70.0, 40.0, -45.0, 0.0], "p_value": [0.0, 0.0, 0.0, 1.0],
    ...     "significant": [True, True, True, False]})
    >>> keyness_sides_table(table, target="2000s", reference="1990s")[["side", "feature"]].values.tolist()
    [['2000s', 'terrorism'], ['1990s', 'apartheid']]
    """
    check_int(top, "top", owner="keyness_sides_table", low=1)
    words = table[table["significant"].astype(bool) & table["feature"].astype(str).str.match(_WORD)]
    mine = words[words["log_ratio"] > 0].sort_values(["log_ratio", "feature"], ascending=[False, True]).head(top)
    theirs = words[words["log_ratio"] < 0].sort_values(["log_ratio", "feature"]).head(top)
    columns = ["feature", "n_target", "n_reference", "log_ratio", "log_likelihood", "p_value"]
    sides = pd.concat([mine[columns].assign(side=target), theirs[columns].assign(side=reference)],
                      ignore_index=True)
    return sides[["side", *columns]]


def rates_table(matches: Matches, lexicon: Lexicon, families: Sequence[str] | None = None, *,
                per: int = 1_000_000, actors: Sequence[str] | None = None) -> pd.DataFrame:
    """Hits per year and family, with the number of texts and words of each year and the rate per ``per`` words.

    ``families`` default to the lexicon's families tagged :data:`TREND_TAG`, in lexicon order. With
    ``actors``, the same for each chosen actor: its hits, texts and words each year it has texts.

    Parameters
    ----------
    matches : Matches
        The one matches table.
    lexicon : Lexicon
        The lexicon the matches were found with: the families' labels and,
        by default, which families.
    families : sequence of str, optional
        The family ids to follow, in the order of the rows.
    per : int, default 1_000_000
        The number of words the rate is given per.
    actors : sequence of str, optional
        Actors to follow one by one, each by name or code (``"Slovenia"`` or
        ``"SVN"``: a statement's ``actor`` or ``actor_id``), in the order of
        the rows. By default the corpus as a whole.

    Returns
    -------
    pandas.DataFrame
        The columns ``family``, ``label``, ``year``, ``n_matches``,
        ``n_statements`` and ``n_tokens`` (the year's texts and words, all of
        them) and ``rate_per_<per>`` (``n_matches`` per ``per`` tokens): one
        row per family and year with texts, zeros included, by family in
        ``families`` order, then year. Statements without a year are left
        out. With ``actors``, the columns ``actor`` (the name) and
        ``actor_id`` (the code, missing when the actor has none) follow
        ``label``, and there is one row per family, actor and year in which
        the actor has texts (its texts and words that year), by family, then
        actor in ``actors`` order, then year.

    Raises
    ------
    ParameterError
        When ``actors`` is a single string, or names an actor that no
        statement has, or one actor twice (by name and by code, say).

    Examples
    --------
    >>> from toolkit import Corpus, Document, Lexicon, find_matches
    >>> corpus = Corpus([Document("a", "We condemn the attack.", actor="Norway", actor_id="NOR", year=2001),
    ...                  Document("b", "Terrorism in all its forms is condemned, in all its forms.", actor="Chad",
    ...                           actor_id="TCD", year=2003),
    ...                  Document("c", "We condemn it. Condolences.", year=2003)])
    >>> lexicon = Lexicon.from_phrases(["condemn*", "in all its forms"])
    >>> matches = find_matches(corpus, lexicon)
    >>> table = rates_table(matches, lexicon, ["condemn*"], per=1000)
    >>> table[["family", "year", "n_matches", "n_tokens", "rate_per_1000"]].round(1).values.tolist()
    [['condemn*', 2001, 1, 4, 250.0], ['condemn*', 2003, 2, 15, 133.3]]
    >>> table = rates_table(matches, lexicon, ["in all its forms"], per=1000, actors=["TCD", "Norway"])
    >>> table[["actor", "actor_id", "year", "n_matches", "n_statements", "rate_per_1000"]].round(1).values.tolist()
    [['Chad', 'TCD', 2003, 2, 1, 181.8], ['Norway', 'NOR', 2001, 0, 1, 0.0]]
    """
    if families is None:
        families = [f.id for f in lexicon.tagged(TREND_TAG)]
    keys = ["year"] if actors is None else ["actor", "actor_id", "year"]
    counts = count_matches(matches, by=keys, level="family", rates=False)
    counts = counts[counts["year"].notna() & counts["family"].isin(families)].copy()
    counts["label"] = counts["family"].map({f.id: f.label for f in lexicon.families})
    counts["_f"] = counts["family"].map({f: k for k, f in enumerate(families)})
    order = ["_f", "year"]
    if actors is not None:
        counts["_a"] = _chosen_actors(counts, actors, owner="rates_table")
        counts = counts[counts["_a"] >= 0]
        order = ["_f", "_a", "year"]
    counts = counts.sort_values(order, kind="stable").drop(columns=[c for c in ("_f", "_a") if c in order])
    counts = add_rates(counts, per=per)
    columns = ["family", "label"] + keys + ["n_matches", "n_statements", "n_tokens", f"rate_per_{per}"]
    return counts[columns].reset_index(drop=True)


def _chosen_actors(counts: pd.DataFrame, actors: Sequence[str], *, owner: str) -> pd.Series:
    """Which of ``actors`` (by name or code) each row of a table by actor belongs to: its index, or -1."""
    chosen = check_texts(actors, "actors", owner=owner)
    chosen_by = pd.Series(-1, index=counts.index)
    for k, actor in enumerate(chosen):
        rows = (counts["actor"] == actor) | (counts["actor_id"] == actor)
        check_parameter(actors, "actors", owner=owner, ok=bool(rows.any()),
                        expected="actors of the matches' statements, each by name or code",
                        got=f"{actor!r}, which no statement has")
        again = chosen_by[rows].max()
        check_parameter(actors, "actors", owner=owner, ok=again < 0, expected="distinct actors",
                        got=f"{chosen[again]!r} and {actor!r}, the same actor" if again >= 0 else None)
        chosen_by[rows] = k
    return chosen_by


def heads_table(heads: pd.DataFrame, *, top: int = 8) -> pd.DataFrame:
    """Hits per decade and head word: the ``top`` most frequent heads, the rest as ``other``, zeros included.

    Hits without a year are left out. Hits with no head word (an empty
    ``head``) never count among the ``top`` heads: they are counted in
    ``other``.

    Parameters
    ----------
    heads : pandas.DataFrame
        One row per hit with the columns ``year`` and ``head``
        (:func:`toolkit.analysis.heads.head_words`).
    top : int, default 8
        How many heads to name (most frequent first, then alphabetical). Not
        checked.

    Returns
    -------
    pandas.DataFrame
        The columns ``decade`` (its first year), ``head`` and ``n_matches``:
        every decade from the first to the last with a hit, and in each the
        named heads in their order, then ``other`` when any hit is in it.

    Examples
    --------
    >>> heads = pd.DataFrame({"year": [1995, 1998, 2003, 2004], "head": ["terrorism", "terrorism", "racism", ""]})
    >>> heads_table(heads, top=1).values.tolist()
    [[1990, 'terrorism', 2], [1990, 'other', 0], [2000, 'terrorism', 0], [2000, 'other', 2]]
    """
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
    """The tables of the UN figures, all derived from one matches table.

    Parameters
    ----------
    rates : pandas.DataFrame
        :func:`rates_table` of the trend families (empty when there are none).
    heads : pandas.DataFrame
        :func:`heads_table` of the head family (empty when there is none).
    head_hits : pandas.DataFrame
        Each hit of the head family with its head word.
    examples : pandas.DataFrame
        KWIC lines of the head family, two per decade.
    n_documents, n_skipped : int
        Speeches read and files skipped.
    intensity : pandas.DataFrame, optional
        :func:`intensity_decades_table`, when the scale's cues were matched.
    head_family : str, optional
        The id of the family whose heads are followed.
    last_year : int, optional
        The last year of the corpus.
    matches : Matches, optional
        The matches table the tables derive from (of the figures' families),
        to draw more from: :func:`rates_table` with ``actors``, say.
    key_words : pandas.DataFrame, optional
        :func:`toolkit.analysis.keyness.keyness` of the words of the
        condemnation sentences of 2001-2010 against those of 1991-2000 (figure
        11), when the scale's cues were matched.
    adoption : pandas.DataFrame, optional
        :func:`adoption_table` (figure 12).
    reuse : pandas.DataFrame, optional
        :func:`reuse_table` (figure 13), when the text reuse was computed.
    passages : pandas.DataFrame, optional
        :func:`toolkit.analysis.reuse.find_reuse`'s passages of the corpus, which ``reuse`` derives from.
    """

    rates: pd.DataFrame
    heads: pd.DataFrame
    head_hits: pd.DataFrame
    examples: pd.DataFrame
    n_documents: int
    n_skipped: int
    intensity: pd.DataFrame | None = None  # intensity_decades_table, when the scale's cues were matched
    head_family: str | None = None
    last_year: int | None = None
    matches: Matches | None = field(default=None, repr=False)
    key_words: pd.DataFrame | None = field(default=None, repr=False)
    adoption: pd.DataFrame | None = field(default=None, repr=False)
    reuse: pd.DataFrame | None = field(default=None, repr=False)
    passages: pd.DataFrame | None = field(default=None, repr=False)


def key_words_table(condemning: Corpus) -> pd.DataFrame | None:
    """Keyness of the words of condemnation sentences, :data:`KEY_PERIODS` against each other (figure 11).

    Parameters
    ----------
    condemning : Corpus
        The condemnation sentences (:func:`toolkit.analysis.intensity.condemnation_sentences`).

    Returns
    -------
    pandas.DataFrame or None
        :func:`toolkit.analysis.keyness.keyness` of the words (at least
        :data:`KEY_WORDS_MIN_COUNT` occurrences in the two periods together),
        or None when a period has no sentence.
    """
    (a, b), (c, d) = KEY_PERIODS
    years = {st.year for st in condemning.statements}
    if not any(y is not None and a <= y <= b for y in years) or not any(y is not None and c <= y <= d for y in years):
        return None
    return keyness(condemning, by="year", target=(a, b), reference=(c, d), min_count=KEY_WORDS_MIN_COUNT)


def un_tables(corpus: Corpus, matches: Matches, lexicon: Lexicon, *, families: Sequence[str] | None = None,
              head_family: str | None = None) -> UNTables:
    """The tables of the UN figures from the corpus and its one matches table (of ``lexicon``'s families).

    Parameters
    ----------
    corpus : Corpus
        The UN General Debate Corpus (or any corpus of dated documents).
    matches : Matches
        Its one matches table.
    lexicon : Lexicon
        The lexicon the matches were found with.
    families : sequence of str, optional
        The families followed year by year (default: those tagged :data:`TREND_TAG`).
    head_family : str, optional
        The family whose head words are followed (default: the first tagged :data:`HEADS_TAG`).

    Returns
    -------
    UNTables
        The tables; those of a figure whose families the lexicon lacks are
        empty. ``matches`` is the matches table given.
    """
    rates = rates_table(matches, lexicon, families)
    if head_family is None:
        tagged = lexicon.tagged(HEADS_TAG)
        head_family = tagged[0].id if tagged else None
    years = [d.year for d in corpus if d.year is not None]
    last_year = max(years) if years else None
    if head_family is None:
        empty = pd.DataFrame()
        return UNTables(rates, empty, empty, empty, len(corpus), len(corpus.skipped), last_year=last_year,
                        matches=matches)
    # Only the variants that follow the word they qualify ("terrorism in all its forms"), not those that lead
    # ("all forms of terrorism"): the ones whose pattern opens with the preposition "in".
    postnominal = [f.id for f in lexicon.family(head_family).formulae if f.patterns[0].text.split()[0] == "in"]
    chosen = matches.select(postnominal)
    head_hits = head_words(chosen, corpus)
    heads = heads_table(head_hits)
    lines = kwic(chosen, corpus, window=8)
    lines = lines.assign(decade=(lines["year"].astype(int) // 10 * 10))
    examples = (lines.sort_values(["decade", "year", "doc_id", "doc_start"], kind="stable")
                .groupby("decade").head(2).reset_index(drop=True))
    return UNTables(rates, heads, head_hits, examples, len(corpus), len(corpus.skipped), head_family=head_family,
                    last_year=last_year, matches=matches)


def adoption_followed(lexicon: Lexicon, formulae: Sequence[tuple[str, Sequence[str]]] = ADOPTION_FORMULAE
                      ) -> list[tuple[str, list[str]]]:
    """The formulae of figure 12 the lexicon has: each name with its formula ids in the lexicon (none: left out).

    Parameters
    ----------
    lexicon : Lexicon
        The lexicon of the report.
    formulae : sequence of (str, sequence of str), default :data:`ADOPTION_FORMULAE`
        Each formula's name and ids.

    Returns
    -------
    list of (str, list of str)
        The names with the ids the lexicon holds, in the order given.

    Examples
    --------
    >>> from toolkit import default_lexicon
    >>> [name for name, ids in adoption_followed(default_lexicon())][:2]
    ['in all its forms and manifestations', 'in the strongest terms']
    """
    known = {f.id for f in lexicon.formulae}
    chosen = [(name, [i for i in ids if i in known]) for name, ids in formulae]
    return [(name, ids) for name, ids in chosen if ids]


def _every_year(curve: pd.DataFrame) -> pd.DataFrame:
    """A curve of years with a row for every year of its span: the share carried over, the number at risk kept."""
    curve = curve.reset_index(drop=True)
    years = np.arange(int(curve["time"].min()), int(curve["time"].max()) + 1)
    full = curve.set_index(curve["time"].astype(int)).reindex(years)
    # at risk in a year without any entry, adoption or exit: those at risk after the last year that had one
    after = (curve["n_at_risk"] - curve["n_adopted"] - curve["n_censored"]).to_numpy()
    carried = pd.Series(after, index=curve["time"].astype(int).to_numpy()).reindex(years).ffill().shift(1)
    missing = full["n_at_risk"].isna().to_numpy()
    full.loc[missing, "n_at_risk"] = carried.to_numpy()[missing]
    for column in ("n_entered", "n_adopted", "n_censored"):
        full[column] = full[column].fillna(0)
    for column in ("group", "n_adopters", "adopted_share", "ci_lower", "ci_upper"):
        full[column] = full[column].ffill()
    full["time"] = years
    counts = ["n_at_risk", "n_entered", "n_adopted", "n_censored", "n_adopters"]
    full[counts] = full[counts].astype("int64")
    return full.reset_index(drop=True)


def adoption_table(matches: Matches, lexicon: Lexicon, groups: dict[str, str], *,
                   formulae: Sequence[tuple[str, Sequence[str]]] = ADOPTION_FORMULAE) -> pd.DataFrame:
    """Figure 12: the adoption curve of each formula, and of the first per group, on every year of its span.

    Parameters
    ----------
    matches : Matches
        The matches of the formulae (of the UN General Debate: actors and years).
    lexicon : Lexicon
        The lexicon the matches were found with (the formulae it lacks are left out).
    groups : dict of str to str
        The group of each actor id (the UN regional groups); actors in none are
        left out of the panel of groups.
    formulae : sequence of (str, sequence of str), default :data:`ADOPTION_FORMULAE`
        The formulae drawn: names and ids.

    Returns
    -------
    pandas.DataFrame
        ``panel`` (:data:`ADOPTION_PANELS`), ``curve`` (the formula's name, or
        the group's), ``formula`` (its ids joined by ``+``), ``year``, the
        columns of :data:`toolkit.analysis.adoption.CURVE_COLUMNS` but
        ``group`` and ``time``, ``median_year`` (the curve's median adoption
        year, missing when it never reaches one half) and ``n_actors``. A row
        per year from the first actor's entry to the last year.
    """
    parts = []
    for k, (name, ids) in enumerate(adoption_followed(lexicon, formulae)):
        table = adoption(matches, formula=ids)
        curves = [("formulae", adoption_curve(table))]
        if k == 0:
            curves.append(("groups", adoption_curve(table, groups=groups)))
        for panel, curve in curves:
            for group, part in curve.groupby("group", sort=False):
                if panel == "groups" and group == "no group":
                    continue
                median = median_adoption(part).iloc[0]
                full = _every_year(part).rename(columns={"time": "year"})
                parts.append(full.drop(columns="group").assign(
                    panel=panel, curve=name if panel == "formulae" else group, formula="+".join(ids),
                    median_year=median["median_time"], n_actors=int(median["n_actors"])))
    if not parts:
        return pd.DataFrame()
    table = pd.concat(parts, ignore_index=True)
    table["median_year"] = table["median_year"].astype("Int64")
    first = ["panel", "curve", "formula", "year"]
    return table[first + [c for c in table.columns if c not in first]]


#: The columns of :func:`reuse_table`.
_REUSE_TABLE = ["panel", "source", "target", "n_words", "n_passages", "year", "n_documents", "self_share",
                "reused_share"]


def _actor_codes(tc: TokenizedCorpus) -> dict[str, str]:
    """Each actor's name to its code (its first statement's ``actor_id``; the name when it has none)."""
    frame = tc.statements[tc.statements["actor"].notna()]
    codes = frame["actor_id"].where(frame["actor_id"].notna() & (frame["actor_id"] != ""), frame["actor"])
    return dict(zip(frame["actor"].iloc[::-1], codes.iloc[::-1]))  # the first statement's code wins


def _reuse_pairs(passages: pd.DataFrame, codes: dict[str, str], top: int) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The matrix panel: words from source to target actor, the ``top`` actors named, the rest pooled."""
    directed = bool((passages["direction"] == "forward").any())
    counted = passages[passages["direction"] == "forward"] if directed else passages
    def code(actor: Any) -> str:
        return codes.get(actor, actor) if isinstance(actor, str) and actor else UNRESOLVED

    source, target = counted["source_actor"].map(code), counted["target_actor"].map(code)
    between = ((source != target) | (source == UNRESOLVED)).to_numpy()  # an actor's own words: the years panel
    pairs = pd.DataFrame({"source": source[between], "target": target[between],
                          "n_words": counted["n_words"][between].astype("int64")})
    totals = pd.concat([pairs.groupby("source")["n_words"].sum(), pairs.groupby("target")["n_words"].sum()])
    totals = totals.groupby(level=0).sum()
    named = totals.drop(UNRESOLVED, errors="ignore")
    ranked = sorted(named.index, key=lambda a: (-named[a], a))
    kept = ranked[:top]
    labels = kept + ([OTHER_ACTORS] if len(ranked) > top else []) + ([UNRESOLVED] if UNRESOLVED in totals else [])
    pool = dict.fromkeys(ranked[top:], OTHER_ACTORS)
    pairs["source"], pairs["target"] = pairs["source"].replace(pool), pairs["target"].replace(pool)
    cells = pairs.groupby(["source", "target"])["n_words"].agg(["sum", "size"])
    grid = pd.MultiIndex.from_product([labels, labels], names=["source", "target"])
    cells = cells.reindex(grid).reset_index().rename(columns={"sum": "n_words", "size": "n_passages"})
    own = (cells["source"] == cells["target"]) & cells["source"].isin(kept)
    for column in ("n_words", "n_passages"):
        cells[column] = cells[column].fillna(0).astype("Int64").mask(own)  # an actor's own reuse is not borrowing
    attrs = {"directed": directed, "n_actors": len(ranked), "left_out": max(len(ranked) - top, 0),
             "n_passages": int(between.sum()), "n_words": int(pairs["n_words"].sum())}
    return cells.assign(panel=REUSE_PANELS[0]), attrs


def _reuse_years(passages: pd.DataFrame, tc: TokenizedCorpus) -> pd.DataFrame:
    """The years panel: each year's documents and the mean of their self-reused and borrowed shares."""
    shares = reuse_shares(passages, tc)
    shares = shares[shares["year"].notna()]
    if shares.empty:
        return pd.DataFrame(columns=["panel", "year", "n_documents", "self_share", "reused_share"])
    by_year = shares.groupby("year").agg(n_documents=("doc_id", "size"), self_share=("self_share", "mean"),
                                         reused_share=("reused_share", "mean")).reset_index()
    by_year["year"] = by_year["year"].astype("Int64")
    by_year["n_documents"] = by_year["n_documents"].astype("Int64")
    return by_year.assign(panel=REUSE_PANELS[1])


def reuse_table(passages: pd.DataFrame, corpus: Corpus | Iterable[Document] | TokenizedCorpus, *,
                top_actors: int = REUSE_ACTORS) -> pd.DataFrame:
    """Figure 13: who borrows whose words, actor by actor, and the share of a document reused, year by year.

    The panel ``pairs`` is a matrix of the words of the passages (:func:`toolkit.analysis.reuse.find_reuse`)
    from each source actor to each target actor: the passages whose ``direction`` is ``forward`` (the source
    is the earlier document), or all of them when none is (a corpus without years: the source is then the
    earlier statement in corpus order). A passage between two statements of one actor is its own reuse, not
    borrowing: it is left out (the diagonal of the named actors is blank; two different actors pooled as
    ``other`` do count in its cell). Actors are named by their code (``actor_id``, else their name); the
    ``top_actors`` actors with the most words in and out are named, the others pooled as
    :data:`OTHER_ACTORS`, and passages with a side of no actor as ``unresolved``, last. The panel
    ``years`` holds, for each year, the documents of the year and the mean of their ``self_share`` and
    ``reused_share`` (:func:`toolkit.analysis.reuse.reuse_shares`); it is empty for a corpus without years.

    Parameters
    ----------
    passages : pandas.DataFrame
        :func:`toolkit.analysis.reuse.find_reuse`'s table.
    corpus : Corpus, iterable of Document or TokenizedCorpus
        The corpus the passages were found in (the actors' codes, the documents' words and years).
    top_actors : int, default :data:`REUSE_ACTORS`
        How many actors are named, at least 1.

    Returns
    -------
    pandas.DataFrame
        ``panel`` (:data:`REUSE_PANELS`), ``source`` and ``target`` (the actors, matrix rows), ``n_words``
        and ``n_passages`` (each cell of the matrix, row by row, blank on an actor's own diagonal), ``year``,
        ``n_documents``, ``self_share`` and ``reused_share`` (one row a year). ``attrs``: ``directed``
        (whether only forward passages were counted), ``n_actors`` (the actors with passages counted),
        ``left_out`` (how many are pooled), ``n_passages`` and ``n_words`` (counted), ``max_df`` and ``n``
        (find_reuse's, when its table says them).

    Examples
    --------
    >>> from toolkit import Corpus, Document
    >>> from toolkit.analysis.reuse import find_reuse
    >>> words = " ".join(f"word{k}" for k in range(30))
    >>> corpus = Corpus([Document("a", f"First. {words}.", actor="Norway", actor_id="NOR", year=2001),
    ...                  Document("b", f"Then: {words}!", actor="Chad", actor_id="TCD", year=2003),
    ...                  Document("c", f"Again {words}.", actor="Chad", actor_id="TCD", year=2005)])
    >>> table = reuse_table(find_reuse(corpus), corpus)
    >>> table[table.panel == "pairs"][["source", "target", "n_words"]].values.tolist()
    [['NOR', 'NOR', <NA>], ['NOR', 'TCD', 60], ['TCD', 'NOR', 0], ['TCD', 'TCD', <NA>]]
    >>> years = table[table.panel == "years"]  # Chad's 2005 words are borrowed from Norway first, then its own
    >>> years[["year", "n_documents"]].values.tolist(), years["reused_share"].round(3).tolist()
    ([[2001, 1], [2003, 1], [2005, 1]], [0.0, 0.968, 0.968])
    """
    check_int(top_actors, "top_actors", owner="reuse_table", low=1)
    check_table(passages, "passages", owner="reuse_table", columns=REUSE_COLUMNS)
    tc = corpus if isinstance(corpus, TokenizedCorpus) else tokenize_corpus(check_corpus(corpus, owner="reuse_table"))
    pairs, attrs = _reuse_pairs(passages, _actor_codes(tc), top_actors)
    table = pd.concat([pairs, _reuse_years(passages, tc)], ignore_index=True)
    for column in ("year", "n_documents", "n_words", "n_passages"):
        table[column] = table[column].astype("Int64")
    table = table[_REUSE_TABLE]
    table.attrs = {**attrs, **{k: passages.attrs[k] for k in ("n", "max_df") if k in passages.attrs}}
    return table
