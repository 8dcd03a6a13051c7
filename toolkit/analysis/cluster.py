"""Deterministic clustering of statements, with what defines each cluster and how stable it is.

Features (``features=``) come from :mod:`toolkit.analysis.vectors`, built once
from one tokenisation of the corpus:

* ``"words"``: TF-IDF of word uni- and bigrams;
* ``"characters"``: TF-IDF of character 3- to 5-grams within words;
* ``"formulae"``: the formula-family profile of each statement, per 1,000
  tokens, from the one matches table (``matches=``, or found once here with
  ``lexicon=``: None, its default, is the default lexicon; ``False`` is none,
  and then there are no formula features); spelled ``"formulas"`` before 0.2,
  a name that still works, with a FutureWarning;
* ``"tfidf"``: words and characters; ``"combined"``: all three.

Blocks are put side by side each scaled to unit total variance and by the
square root of its weight (``weights=``), then reduced with a randomized
TruncatedSVD (fixed ``random_state``) to at most 100 dimensions and
L2-normalised, so Euclidean distances order statements like cosine
distances. Methods (``method=``): k-means (the default), Ward agglomerative
clustering (scipy; the linkage is kept for a dendrogram) and HDBSCAN; the
number of clusters is chosen by silhouette when not given.

Stability reuses the reduced features: the clustering is run again on
``n_runs`` random 90% samples of the statements (seeds ``random_state`` + 1,
+ 2, ...). ``stability`` is the mean adjusted Rand index between the main
run and each rerun on the statements both share; each cluster's own
stability is the mean, over the reruns, of the Jaccard index between it and
the rerun cluster that best matches it (Hennig 2007), so a weak cluster shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage

from ..errors import InputError
from ..formulae.lexicon import Lexicon, resolve_lexicon
from ..formulae.match import Matches, check_matches, find_matches
from ..text.corpus import UNRESOLVED, Corpus, Document
from ..text.tokenized import TokenizedCorpus, tokenize_corpus
from ..validation import (
    check_choice,
    check_corpus,
    check_int,
    check_parameter,
    check_random_state,
    check_type,
    renamed_value,
)
from .vectors import BLOCKS, StatementVectors, check_weights, combine, same_statements, statement_vectors

__all__ = ["CLUSTER_COLUMNS", "Clustering", "cluster_statements", "compare_features", "evaluate_clusters"]

#: The columns of :attr:`Clustering.clusters`.
CLUSTER_COLUMNS = ["cluster", "size", "stability", "n_actors", "actors", "first_year", "median_year", "last_year",
                   "formulae", "terms"]

#: The feature sets and the blocks (toolkit.analysis.vectors) each uses.
_FEATURES = {"words": ("words",), "characters": ("characters",), "formulae": ("formulae",),
             "tfidf": ("words", "characters"), "combined": ("words", "characters", "formulae")}
#: Feature sets renamed in 0.2: the old name still works, with a FutureWarning.
_RENAMED_FEATURES = {"formulas": "formulae"}
_METHODS = ("kmeans", "agglomerative", "hdbscan")
#: Decimals kept of the reduced features: far above the noise of BLAS kernels, far below any real difference.
_DECIMALS = 10
#: Feature matrices up to this many non-zeros are reduced in float64 (the same to the bit on any BLAS kernel
#: after rounding); larger ones in float32, half the time and memory.
_FLOAT64_NONZEROS = 2_000_000


@dataclass
class Clustering:
    """The result of :func:`cluster_statements`.

    Parameters
    ----------
    assignments : DataFrame
        One row per statement: ``statement_id``, ``doc_id``, ``actor``,
        ``actor_id``, ``year``, ``cluster`` (-1 is HDBSCAN's noise).
    clusters : DataFrame
        One row per cluster (:data:`CLUSTER_COLUMNS`): ``cluster``, ``size``,
        ``stability`` (the mean Jaccard index of its best match across the
        reruns; below about 0.6 a cluster is not to be trusted), ``n_actors``,
        ``actors`` (the most frequent, up to five; statements without an
        actor as ``unresolved``, last; not counted in ``n_actors``), ``first_year``,
        ``median_year`` and ``last_year``, ``formulae`` (the most
        distinctive formula families, by mean rate in the cluster over the
        mean rate overall; empty without formulae) and ``terms`` (the most
        distinctive word n-grams).
    embedding : ndarray
        The reduced, normalised features (statements x dimensions).
    linkage : ndarray or None
        Ward linkage (agglomerative only), for a dendrogram.
    stability : float
        Mean adjusted Rand index between the clustering and its reruns on
        90% samples.
    silhouette : dict
        Without ``n_clusters``: the silhouette of each number of clusters tried.
    method : str
        The clustering method (``"kmeans"``, ``"agglomerative"``, ``"hdbscan"``).
    features : str
        The feature set clustered on (``"words"``, ..., ``"combined"``).
    """

    assignments: pd.DataFrame
    clusters: pd.DataFrame
    embedding: np.ndarray = field(repr=False)
    linkage: np.ndarray | None = field(default=None, repr=False)
    stability: float = float("nan")
    silhouette: dict = field(default_factory=dict)
    method: str = ""
    features: str = ""

    def similarity(self) -> pd.DataFrame:
        """Statement x statement cosine similarity, rows and columns labelled by statement id.

        Returns
        -------
        pandas.DataFrame
            A square table of similarities, 1 on the diagonal.
        """
        ids = self.assignments["statement_id"]
        return pd.DataFrame(self.embedding @ self.embedding.T, index=ids, columns=ids)

    def leaf_order(self) -> list[str]:
        """Statement ids in the order of the dendrogram's leaves (agglomerative), else by cluster then corpus order.

        Returns
        -------
        list of str
            Every statement id once.
        """
        ids = self.assignments["statement_id"].tolist()
        if self.linkage is not None:
            from scipy.cluster.hierarchy import leaves_list

            return [ids[k] for k in leaves_list(self.linkage)]
        order = np.lexsort((np.arange(len(ids)), self.assignments["cluster"].to_numpy()))
        return [ids[k] for k in order]

    def map(self) -> pd.DataFrame:
        """A 2-D map of the statements: the first two principal components of the embedding.

        Returns the assignments with ``x`` and ``y``; the share of variance
        each axis explains is in ``DataFrame.attrs["explained_variance"]``.
        Principal components are deterministic (signs fixed by scikit-learn's
        ``svd_flip``), so the map is the same from run to run.

        Returns
        -------
        pandas.DataFrame
            :attr:`assignments` with the columns ``x`` and ``y``.
        """
        from sklearn.decomposition import PCA

        k = min(2, *self.embedding.shape)
        pca = PCA(n_components=k, svd_solver="full")
        xy = pca.fit_transform(self.embedding)
        if k < 2:
            xy = np.column_stack([xy, np.zeros((len(xy), 2 - k))])
        out = self.assignments.assign(x=xy[:, 0], y=xy[:, 1])
        out.attrs["explained_variance"] = [float(v) for v in pca.explained_variance_ratio_] + [0.0] * (2 - k)
        return out


def _embed(matrix: sparse.csr_matrix, random_state: int) -> np.ndarray:
    """The features reduced (randomized TruncatedSVD, at most 100 dimensions), signs fixed, rows L2-normalised."""
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    n_components = min(100, matrix.shape[0] - 1, matrix.shape[1] - 1)
    if matrix.nnz <= _FLOAT64_NONZEROS:  # small: in float64, whose last bits the rounding below removes
        matrix = matrix.astype(np.float64)
    if n_components >= 2:
        reduced = TruncatedSVD(n_components=n_components, random_state=random_state, algorithm="arpack"
                               if min(matrix.shape) < 500 else "randomized", n_iter=4).fit_transform(matrix)
    else:
        reduced = matrix.toarray()
    reduced = reduced.astype(np.float64)
    # The sign of SVD components is arbitrary; fix it so runs agree to the bit.
    signs = np.sign(reduced[np.argmax(np.abs(reduced), axis=0), np.arange(reduced.shape[1])])
    reduced = reduced * np.where(signs == 0, 1, signs)
    # BLAS kernels differ between processors in the last bits; rounding keeps ties and orders the same anywhere.
    return np.round(normalize(reduced), _DECIMALS)


def _labels(method: str, X: np.ndarray, n_clusters: int | None, random_state: int, min_cluster_size: int,
            silhouettes: dict) -> tuple[np.ndarray, np.ndarray | None]:
    from sklearn.cluster import HDBSCAN, KMeans
    from sklearn.metrics import silhouette_score

    n = X.shape[0]
    if method == "hdbscan":
        return HDBSCAN(min_cluster_size=min(min_cluster_size, n), copy=True).fit_predict(X), None
    tree = linkage(X, method="ward") if method == "agglomerative" else None

    def fit(k):
        if method == "agglomerative":
            return fcluster(tree, t=k, criterion="maxclust") - 1
        return KMeans(n_clusters=k, n_init=10, random_state=random_state).fit_predict(X)

    if n_clusters is None:
        best = None
        for k in range(2, min(10, n - 1) + 1):
            labels = fit(k)
            if len(set(labels)) < 2:
                continue
            sample = min(n, 5000)
            score = float(silhouette_score(X, labels, sample_size=sample if sample < n else None,
                                           random_state=random_state))
            silhouettes[k] = score
            if best is None or score > best[0] + 1e-12:
                best = (score, labels)
        labels = best[1] if best else np.zeros(n, dtype=int)
    else:
        labels = fit(min(n_clusters, n))
    return np.asarray(labels), tree


def _renumber(labels: np.ndarray) -> np.ndarray:
    """Clusters numbered by size (largest 0), ties by first statement; noise stays -1."""
    ids = [c for c in pd.unique(labels) if c != -1]
    order = sorted(ids, key=lambda c: (-(labels == c).sum(), int(np.flatnonzero(labels == c)[0])))
    mapping = {c: k for k, c in enumerate(order)}
    return np.array([mapping.get(c, -1) for c in labels])


def _describe(labels: np.ndarray, table: pd.DataFrame, vectors: StatementVectors, stability: dict[int, float],
              top: int = 5) -> pd.DataFrame:
    """One row per cluster: size, stability, actors, years, distinctive formula families and terms."""
    rows = []
    formulae = vectors.blocks.get("formulae")
    dense_formulae = formulae.toarray() if formulae is not None else None
    words = vectors.blocks.get("words")
    overall_words = np.asarray(words.mean(axis=0)).ravel() if words is not None else None
    who = table["actor_id"].where(table["actor_id"].notna(), table["actor"])
    for cluster in sorted(set(labels.tolist())):
        inside = labels == cluster
        actors = table.loc[inside, "actor"].fillna(UNRESOLVED).value_counts()
        actors = actors[sorted(actors.index, key=lambda a: (a == UNRESOLVED, -actors[a]))]  # stable by count
        years = table.loc[inside, "year"].dropna().astype(int)
        row = {"cluster": int(cluster), "size": int(inside.sum()), "stability": stability.get(cluster, np.nan),
               "n_actors": int(who[inside].nunique()),
               "actors": ", ".join(f"{a} ({n})" for a, n in actors.head(top).items()),
               "first_year": int(years.min()) if len(years) else pd.NA,
               "median_year": float(years.median()) if len(years) else np.nan,
               "last_year": int(years.max()) if len(years) else pd.NA, "formulae": "", "terms": ""}
        if dense_formulae is not None and dense_formulae.shape[1]:
            overall = dense_formulae.mean(axis=0)
            within = dense_formulae[inside].mean(axis=0)
            lift = np.where(overall > 0, within / np.maximum(overall, 1e-12), 0)
            names = vectors.families
            best = [k for k in np.lexsort((names, -within, -lift)) if within[k] > 0][:top]
            row["formulae"] = ", ".join(names[k] for k in best)
        if words is not None and len(vectors.terms):
            within = np.asarray(words[inside].mean(axis=0)).ravel()
            score = within - overall_words
            best = [k for k in np.lexsort((vectors.terms, -score)) if within[k] > 0][:top]
            row["terms"] = ", ".join(vectors.terms[k] for k in best)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=CLUSTER_COLUMNS)
    for column in ("first_year", "last_year"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _stability(method: str, X: np.ndarray, labels: np.ndarray, k: int, n_clusters: int | None, random_state: int,
               min_cluster_size: int, n_runs: int) -> tuple[float, dict[int, float]]:
    """Mean ARI against reruns on 90% samples, and each cluster's mean best-match Jaccard index."""
    from sklearn.metrics import adjusted_rand_score
    from sklearn.metrics.cluster import contingency_matrix

    scores: list[float] = []
    jaccards: dict[int, list[float]] = {c: [] for c in set(labels.tolist()) if c != -1}
    for run in range(1, n_runs + 1):
        rng = np.random.default_rng(random_state + run)
        keep = np.sort(rng.choice(len(labels), size=max(3, int(0.9 * len(labels))), replace=False))
        rerun, _ = _labels(method, X[keep], n_clusters or k, random_state + run, min_cluster_size, {})
        main = labels[keep]
        scores.append(adjusted_rand_score(main, rerun))
        table = contingency_matrix(main, rerun)
        main_ids, rerun_ids = np.unique(main), np.unique(rerun)
        sizes_main, sizes_rerun = table.sum(axis=1), table.sum(axis=0)
        jaccard = table / (sizes_main[:, None] + sizes_rerun[None, :] - table)
        jaccard[:, rerun_ids == -1] = 0  # noise matches nothing
        for i, c in enumerate(main_ids.tolist()):
            if c in jaccards:
                jaccards[c].append(float(jaccard[i].max()))
    return float(np.mean(scores)), {c: float(np.mean(v)) if v else 0.0 for c, v in jaccards.items()}


def cluster_statements(corpus: Corpus | Iterable[Document], *, features: str = "words",
                       method: str = "kmeans", n_clusters: int | None = None, matches: Matches | None = None,
                       lexicon: Lexicon | bool | None = None, random_state: int = 0, n_runs: int = 5,
                       min_cluster_size: int = 5, weights: dict[str, float] | None = None) -> Clustering:
    """Cluster the statements of a corpus and say what defines each cluster.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        Each statement is clustered (use :func:`attribute_statements` first
        to cluster statements by actor within news articles).
    features : {"words", "characters", "formulae", "tfidf", "combined"}
        ``"words"`` by default: on the UN General Debate Corpus it gives the
        most stable clusters that also follow time (see
        docs/guide/discovery-and-clustering.md and ``make bench``). ``"formulas"``, the old
        spelling of ``"formulae"``, still works, with a FutureWarning.
    method : {"kmeans", "agglomerative", "hdbscan"}
        The clustering method.
    n_clusters : int, optional
        Chosen by silhouette (2 to 10) when not given (k-means, agglomerative).
    matches : Matches, optional
        The matches table of the corpus (:func:`toolkit.formulae.match.find_matches`),
        from which the formula features and the cluster descriptions come.
    lexicon : Lexicon, None or False, default None
        When ``matches`` is not given, the corpus is matched once with this
        lexicon; None is the default lexicon
        (:func:`toolkit.formulae.lexicon.default_lexicon`), ``False`` none (no
        formula features, and clusters described by their words only).
    random_state : int, default 0
        The seed of the reduction, of k-means and of the reruns.
    n_runs : int, default 5
        Reruns on 90% samples for the stability scores (0 to skip).
    min_cluster_size : int, default 5
        For HDBSCAN.
    weights : dict, optional
        The weight of each block of the features (``{"words": 2,
        "formulae": 1}``); default 1 each (:func:`toolkit.analysis.vectors.combine`).

    Returns
    -------
    Clustering
        The assignments, the clusters described, the embedding and the
        stability scores.
    """
    owner = "cluster_statements"
    features = check_choice(renamed_value(features, "features", owner=owner, renames=_RENAMED_FEATURES), "features",
                            owner=owner, choices=tuple(_FEATURES))
    check_int(min_cluster_size, "min_cluster_size", owner=owner, low=2)
    blocks = _FEATURES[features]
    weights = check_weights(weights, owner=owner, blocks=blocks) or None
    lexicon = _check_options(set(blocks), method, n_clusters, random_state, n_runs, matches, lexicon, owner=owner)
    check_corpus(corpus, owner=owner)
    tc, matches = _prepare(corpus, matches, lexicon, owner)
    described = set(blocks) | {"words"} | ({"formulae"} if matches is not None else set())
    vectors = statement_vectors(tc, matches, blocks=tuple(b for b in BLOCKS if b in described))
    return _fit(tc, vectors, features, method, n_clusters, random_state, n_runs, min_cluster_size, weights)


def _check_options(blocks: set[str], method: str, n_clusters: int | None, random_state: int, n_runs: int,
                   matches: Matches | None, lexicon: Lexicon | bool | None, *, owner: str) -> Lexicon | None:
    """The options :func:`cluster_statements` and :func:`compare_features` share, checked.

    Returns the lexicon to match the corpus with: None when the matches are
    given (they are the formulae) or when the caller asked for no lexicon.
    """
    check_choice(method, "method", owner=owner, choices=_METHODS)
    check_int(n_clusters, "n_clusters", owner=owner, low=1, allow_none=True)
    check_random_state(random_state, owner=owner)
    check_int(n_runs, "n_runs", owner=owner, low=0)
    if matches is not None:
        check_matches(matches, owner=owner)
        if lexicon is not None:
            resolve_lexicon(lexicon, owner=owner)  # checked; the matches are the formulae
        return None
    resolved = resolve_lexicon(lexicon, owner=owner)
    check_parameter(lexicon, "lexicon", owner=owner, ok=resolved is not None or "formulae" not in blocks,
                    expected="a Lexicon, or None (the default lexicon), for the formula features (or pass "
                             "matches=find_matches(corpus, lexicon))", got="False (no lexicon)")
    return resolved


def _prepare(corpus: Corpus | Iterable[Document], matches: Matches | None, lexicon: Lexicon | None, owner: str
             ) -> tuple[TokenizedCorpus, Matches | None]:
    """One tokenisation of the corpus and its one matches table (found here when only a lexicon is given)."""
    corpus = corpus if isinstance(corpus, Corpus) else Corpus(tuple(corpus))
    tc = tokenize_corpus(corpus)
    if len(tc) < 3:
        raise InputError(f"{owner} needs at least 3 statements; the corpus has {len(tc)}.")
    if matches is None and lexicon is not None:
        matches = find_matches(corpus, lexicon)
    if matches is not None:
        check_parameter(matches, "matches", owner=owner, ok=same_statements(tc, matches),
                        expected="the matches of the corpus (find_matches(corpus, lexicon))",
                        got="matches found in other statements")
    return tc, matches


def _fit(tc: TokenizedCorpus, vectors: StatementVectors, features: str, method: str, n_clusters: int | None,
         random_state: int, n_runs: int, min_cluster_size: int, weights: dict[str, float] | None) -> Clustering:
    """Reduce the chosen blocks, cluster, rerun for stability and describe the clusters."""
    blocks = _FEATURES[features]
    used = {name: (weights or {}).get(name, 1.0) if name in blocks else 0.0 for name in BLOCKS}
    X = _embed(combine(vectors, used), random_state)
    silhouettes: dict = {}
    labels, tree = _labels(method, X, n_clusters, random_state, min_cluster_size, silhouettes)
    labels = _renumber(labels)
    stability, per_cluster = float("nan"), dict[int, float]()
    if n_runs:
        k = len(set(labels.tolist()) - {-1}) or 1
        stability, per_cluster = _stability(method, X, labels, k, n_clusters, random_state, min_cluster_size, n_runs)
    table = tc.statements[["statement_id", "doc_id", "actor", "actor_id", "year"]].reset_index(drop=True)
    assignments = table.assign(cluster=labels)
    clusters = _describe(labels, table, vectors, per_cluster)
    return Clustering(assignments, clusters, X, tree, stability, silhouettes, method, features)


def compare_features(corpus: Corpus | Iterable[Document], *, features: Iterable[str] = tuple(_FEATURES),
                     truth: dict[str, Iterable] | None = None, method: str = "kmeans",
                     n_clusters: int | None = None, matches: Matches | None = None,
                     lexicon: Lexicon | bool | None = None, random_state: int = 0, n_runs: int = 5) -> pd.DataFrame:
    """How each feature set clusters the corpus: stability, silhouette, and agreement with known groupings.

    The evaluation behind the choice of the default features
    (docs/guide/discovery-and-clustering.md), to be run on one's own corpus:
    the corpus is tokenised, matched and vectorised once, then clustered with
    each feature set in turn as :func:`cluster_statements` would.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        The statements to cluster.
    features : iterable of str
        The feature sets to compare (default all: words, characters,
        formulae, tfidf, combined; ``"formulas"`` is the old name of
        ``"formulae"``).
    truth : dict, optional
        Known groupings of the statements, one label per statement in corpus
        order (``{"decade": [...], "region": [...]}``; missing labels as None),
        each compared with the clusters by adjusted Rand index
        (:func:`evaluate_clusters`).
    method, n_clusters, random_state, n_runs
        As in :func:`cluster_statements`; with ``n_clusters`` unset each
        feature set gets the number its silhouette prefers.
    matches, lexicon
        The formulae, as in :func:`cluster_statements` (``lexicon=None``, the
        default lexicon; ``lexicon=False``, none: then the feature sets
        ``formulae`` and ``combined`` cannot be compared).

    Returns
    -------
    DataFrame
        One row per feature set: ``features``, ``n_clusters``,
        ``stability`` (mean ARI against the reruns), ``weakest_cluster`` (the
        lowest per-cluster stability), ``silhouette`` (on the reduced, normalised
        features, as :func:`cluster_statements` uses it; at most 5,000
        statements) and ``ari_<name>`` for each grouping in ``truth``.
    """
    owner = "compare_features"
    names = _feature_sets(features, owner)
    check_type(truth, "truth", owner=owner, types=dict, expected="a dict of names to label sequences, or None",
               allow_none=True)
    blocks = {b for name in names for b in _FEATURES[name]}
    lexicon = _check_options(blocks, method, n_clusters, random_state, n_runs, matches, lexicon, owner=owner)
    check_corpus(corpus, owner=owner)
    tc, matches = _prepare(corpus, matches, lexicon, owner)
    known = {name: _labels_of(labels, f"truth[{name!r}]", len(tc), owner) for name, labels in (truth or {}).items()}
    described = blocks | {"words"} | ({"formulae"} if matches is not None else set())
    vectors = statement_vectors(tc, matches, blocks=tuple(b for b in BLOCKS if b in described))
    return pd.DataFrame([_compared(tc, vectors, name, known, method, n_clusters, random_state, n_runs)
                         for name in names])


def _feature_sets(features: Iterable[str], owner: str) -> list[str]:
    """The names of feature sets to compare, checked, old names renamed; at least one."""
    _check_sequence(features, "features", owner=owner, expected="an iterable of feature-set names")
    names = [check_choice(renamed_value(name, "features", owner=owner, renames=_RENAMED_FEATURES), "features",
                          owner=owner, choices=tuple(_FEATURES)) for name in features]
    check_parameter(features, "features", owner=owner, ok=bool(names), got="none",
                    expected=f"at least one feature-set name among {', '.join(map(repr, _FEATURES))}")
    return names


def _labels_of(labels: Iterable, name: str, n: int, owner: str) -> list:
    """A known grouping: one label per statement."""
    _check_sequence(labels, name, owner=owner, expected="a sequence of labels")
    found = list(labels)
    check_parameter(labels, name, owner=owner, ok=len(found) == n, expected=f"one label per statement ({n})",
                    got=f"{len(found)} labels")
    return found


def _check_sequence(value: Any, name: str, *, owner: str, expected: str) -> None:
    """An iterable of items, not a single string (which would be iterated as characters)."""
    single = isinstance(value, (str, bytes))
    check_parameter(value, name, owner=owner, expected=expected, ok=isinstance(value, Iterable) and not single,
                    got=f"a single {type(value).__name__}" if single else type(value).__name__)


def _compared(tc: TokenizedCorpus, vectors: StatementVectors, features: str, known: dict[str, list], method: str,
              n_clusters: int | None, random_state: int, n_runs: int) -> dict:
    """One row of :func:`compare_features`: how one feature set clusters the corpus."""
    from sklearn.metrics import silhouette_score

    result = _fit(tc, vectors, features, method, n_clusters, random_state, n_runs, 5, None)
    labels = result.assignments["cluster"].to_numpy()
    n = len(labels)
    silhouette = float("nan")
    if 2 <= len(set(labels.tolist())) < n:
        silhouette = float(silhouette_score(result.embedding, labels, sample_size=5000 if n > 5000 else None,
                                            random_state=random_state))
    row = {"features": features, "n_clusters": len(set(labels.tolist()) - {-1}), "stability": result.stability,
           "weakest_cluster": float(result.clusters["stability"].min()), "silhouette": silhouette}
    for group, values in known.items():
        row[f"ari_{group}"] = evaluate_clusters(labels, values)["ari"]
    return row


def evaluate_clusters(labels: Iterable, truth: Iterable) -> dict:
    """Adjusted Rand index and normalised mutual information of clusters against a known grouping.

    Parameters
    ----------
    labels : sequence
        The cluster of each statement.
    truth : sequence
        The known group of each statement, in the same order; rows whose
        known group is missing (None, NaN) are left out.

    Returns
    -------
    dict
        ``ari`` and ``nmi`` (floats), and ``n``, the number of rows compared.

    Examples
    --------
    >>> evaluate_clusters([0, 0, 1, 1], ["a", "a", "b", "b"])
    {'ari': 1.0, 'nmi': 1.0, 'n': 4}
    """
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    for name, value in (("labels", labels), ("truth", truth)):
        _check_sequence(value, name, owner="evaluate_clusters", expected="a sequence of labels")
    found = pd.Series(list(labels))
    groups = pd.Series(list(truth))
    check_parameter(truth, "truth", owner="evaluate_clusters", ok=len(found) == len(groups),
                    expected=f"one known group per label ({len(found)})", got=f"{len(groups)} known groups")
    known = groups.notna()
    return {"ari": float(adjusted_rand_score(groups[known].astype(str), found[known])),
            "nmi": float(normalized_mutual_info_score(groups[known].astype(str), found[known])),
            "n": int(known.sum())}
