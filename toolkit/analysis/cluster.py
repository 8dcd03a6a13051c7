"""Deterministic clustering of statements, with the formulae and terms that define each cluster.

Features (``features=``):

* ``"tfidf"``: TF-IDF of word tokens (:data:`toolkit.text.tokens.TOKEN_PATTERN`,
  the 50,000 most frequent unigrams and bigrams) beside TF-IDF of character
  3- to 5-grams within words (hashed into 4,096 buckets, so width, time and
  memory stay bounded on large corpora);
* ``"formulas"``: the formula-family profile of each statement, per 1,000
  tokens, from the one matches table (``matches=``, or found once here when
  only ``lexicon=`` is given);
* ``"combined"``: both, each block L2-normalised and weighted equally.

The feature matrix is reduced with TruncatedSVD (fixed ``random_state``) to
at most 100 dimensions and L2-normalised, so Euclidean distances order
statements like cosine distances. Methods (``method=``): Ward agglomerative
clustering (scipy; the linkage is kept for a dendrogram), k-means with the
number of clusters chosen by silhouette when not given, and HDBSCAN.
Stability is the mean adjusted Rand index between the main run and
``n_runs`` reruns, each on a random 90% of the statements (seeds
``random_state`` + 1, + 2, ...; k-means and HDBSCAN also reseeded), compared
on the statements both runs share.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage

from ..errors import InputError, ParameterError
from ..formulae.counts import statement_matrix
from ..formulae.lexicon import Lexicon
from ..formulae.match import Matches, check_matches, find_matches
from ..text.corpus import Corpus, Document
from ..text.tokens import TOKEN_PATTERN
from ..validation import check_choice, check_corpus, check_int, check_parameter, check_random_state

__all__ = ["Clustering", "cluster_statements", "evaluate_clusters"]

_FEATURES = ("tfidf", "formulas", "combined")
#: The most frequent word uni- and bigrams kept, and the buckets character n-grams are hashed into:
#: both bound the width of the matrix, so time and memory stay in proportion to the corpus.
_MAX_WORD_FEATURES = 50_000
_CHAR_BUCKETS = 2 ** 12
_METHODS = ("agglomerative", "kmeans", "hdbscan")
#: Decimals kept of the reduced features: far above the noise of BLAS kernels, far below any real difference.
_DECIMALS = 10


@dataclass
class Clustering:
    """The result of :func:`cluster_statements`.

    Attributes
    ----------
    assignments : DataFrame
        One row per statement: ``statement_id``, ``doc_id``, ``actor``,
        ``actor_id``, ``year``, ``cluster`` (-1 is HDBSCAN's noise).
    clusters : DataFrame
        One row per cluster: ``cluster``, ``size``, ``actors`` (the most
        frequent, up to five), ``formulas`` (the most distinctive formula
        families, by mean rate in the cluster over the mean rate overall),
        ``terms`` (the most distinctive words).
    embedding : ndarray
        The reduced, normalised features (statements x dimensions).
    linkage : ndarray or None
        Ward linkage (agglomerative only), for a dendrogram.
    stability : float
        Mean adjusted Rand index across ``random_state`` values.
    silhouette : dict
        For k-means without ``n_clusters``: the silhouette of each k tried.
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
        """Statement x statement cosine similarity, rows and columns labelled by statement id."""
        ids = self.assignments["statement_id"]
        return pd.DataFrame(self.embedding @ self.embedding.T, index=ids, columns=ids)

    def leaf_order(self) -> list[str]:
        """Statement ids in the order of the dendrogram's leaves (agglomerative), else by cluster then corpus order."""
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


def _statements(corpus: Corpus | Iterable[Document]) -> tuple[list[str], pd.DataFrame, Corpus]:
    check_corpus(corpus, "cluster_statements")
    corpus = corpus if isinstance(corpus, Corpus) else Corpus(tuple(corpus))
    rows = [(st.id, st.doc_id, st.actor, st.actor_id, st.year) for st in corpus.statements]
    table = pd.DataFrame(rows, columns=["statement_id", "doc_id", "actor", "actor_id", "year"])
    table["year"] = table["year"].astype("Int64")
    return [st.text for st in corpus.statements], table, corpus


def _text_features(texts: list[str]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Word TF-IDF beside character n-gram TF-IDF; returns the matrix and the word feature names."""
    from sklearn.feature_extraction.text import CountVectorizer, HashingVectorizer, TfidfTransformer, TfidfVectorizer
    from sklearn.preprocessing import normalize

    min_df = 2 if len(texts) >= 10 else 1
    words = TfidfVectorizer(token_pattern=TOKEN_PATTERN, ngram_range=(1, 2), min_df=min_df, max_df=0.95 if
                            len(texts) >= 10 else 1.0, sublinear_tf=True, dtype=np.float64,
                            max_features=_MAX_WORD_FEATURES)
    word_matrix = words.fit_transform(texts)
    # Character n-grams within tokens, counted once per word type and summed over each text's tokens:
    # the same counts as n-gramming every text, at the cost of its vocabulary only.
    counter = CountVectorizer(token_pattern=TOKEN_PATTERN, dtype=np.float64)
    counts = counter.fit_transform(texts)
    grams = HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), n_features=_CHAR_BUCKETS,
                              alternate_sign=False, norm=None, dtype=np.float64)
    char_counts = counts @ grams.transform(counter.get_feature_names_out())
    char_matrix = TfidfTransformer(sublinear_tf=True).fit_transform(char_counts)
    matrix = sparse.hstack([normalize(word_matrix), normalize(char_matrix)]).tocsr()
    return matrix, words.get_feature_names_out()


def _formula_features(matches: Matches, table: pd.DataFrame) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Hits per 1,000 tokens of each formula family, per statement, from the matches table."""
    if not matches.statements["statement_id"].reset_index(drop=True).equals(table["statement_id"]):
        raise ParameterError("cluster_statements: the matches were found in other statements than the corpus "
                             "holds; pass matches=find_matches(corpus, lexicon) for this corpus.")
    counts, names = statement_matrix(matches, level="family")
    tokens = np.maximum(matches.statements["n_tokens"].to_numpy(dtype=np.float64), 1.0)
    rates = sparse.diags(1000.0 / tokens) @ counts.astype(np.float64)
    return sparse.csr_matrix(rates), np.asarray(names, dtype=object)


def _embed(matrix: sparse.csr_matrix, random_state: int) -> np.ndarray:
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    n_components = min(100, matrix.shape[0] - 1, matrix.shape[1] - 1)
    if n_components >= 2:
        reduced = TruncatedSVD(n_components=n_components, random_state=random_state, algorithm="arpack"
                               if min(matrix.shape) < 500 else "randomized", n_iter=4).fit_transform(matrix)
    else:
        reduced = matrix.toarray()
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


def _describe(labels: np.ndarray, table: pd.DataFrame, formula_matrix, formula_names, text_matrix, terms,
              top: int = 5) -> pd.DataFrame:
    rows = []
    dense_formulas = formula_matrix.toarray() if formula_matrix is not None else None
    word_part = text_matrix[:, : len(terms)] if text_matrix is not None else None
    for cluster in sorted(set(labels.tolist())):
        inside = labels == cluster
        actors = table.loc[inside, "actor"].dropna().value_counts()
        row = {"cluster": int(cluster), "size": int(inside.sum()),
               "actors": ", ".join(f"{a} ({n})" for a, n in actors.head(top).items())}
        if dense_formulas is not None and dense_formulas.shape[1]:
            overall = dense_formulas.mean(axis=0)
            within = dense_formulas[inside].mean(axis=0)
            lift = np.where(overall > 0, within / np.maximum(overall, 1e-12), 0)
            best = [k for k in np.lexsort((formula_names, -within, -lift)) if within[k] > 0][:top]
            row["formulas"] = ", ".join(formula_names[k] for k in best)
        if word_part is not None and len(terms):
            within = np.asarray(word_part[inside].mean(axis=0)).ravel()
            overall = np.asarray(word_part.mean(axis=0)).ravel()
            score = within - overall
            best = [k for k in np.lexsort((terms, -score)) if within[k] > 0][:top]
            row["terms"] = ", ".join(terms[k] for k in best)
        rows.append(row)
    frame = pd.DataFrame(rows)
    for column in ("formulas", "terms"):
        if column not in frame:
            frame[column] = ""
    return frame[["cluster", "size", "actors", "formulas", "terms"]]


def cluster_statements(corpus: Corpus | Iterable[Document], *, features: str = "combined",
                       method: str = "agglomerative", n_clusters: int | None = None, matches: Matches | None = None,
                       lexicon: Lexicon | None = None, random_state: int = 0, n_runs: int = 5,
                       min_cluster_size: int = 5) -> Clustering:
    """Cluster the statements of a corpus and say what defines each cluster.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        Each statement is clustered (use :func:`attribute_statements` first
        to cluster statements by actor within news articles).
    features : {"combined", "tfidf", "formulas"}
    method : {"agglomerative", "kmeans", "hdbscan"}
    n_clusters : int, optional
        Chosen by silhouette (2 to 10) when not given (agglomerative, k-means).
    matches : Matches, optional
        The matches table of the corpus (:func:`toolkit.formulae.match.find_matches`),
        from which the formula features and the cluster descriptions come.
    lexicon : Lexicon, optional
        When ``matches`` is not given: the corpus is matched once with it.
    random_state : int, default 0
    n_runs : int, default 5
        Extra runs with other seeds for the stability score (0 to skip).
    min_cluster_size : int, default 5
        For HDBSCAN.

    Returns
    -------
    Clustering
    """
    owner = "cluster_statements"
    check_choice(features, "features", owner, _FEATURES)
    check_choice(method, "method", owner, _METHODS)
    check_int(n_clusters, "n_clusters", owner, low=1, allow_none=True)
    check_random_state(random_state, owner)
    check_int(n_runs, "n_runs", owner, low=0)
    check_int(min_cluster_size, "min_cluster_size", owner, low=2)
    check_parameter("lexicon", type(lexicon).__name__, owner, "a Lexicon or None", lexicon is None or
                    isinstance(lexicon, Lexicon))
    if matches is not None:
        check_matches(matches, owner)
    if features != "tfidf" and matches is None and lexicon is None:
        raise ParameterError(f"features={features!r} needs the formulae: pass matches=find_matches(corpus, lexicon) "
                             "or lexicon=default_lexicon().")
    texts, table, corpus = _statements(corpus)
    if len(texts) < 3:
        raise InputError(f"cluster_statements needs at least 3 statements; the corpus has {len(texts)}.")
    from sklearn.preprocessing import normalize

    if matches is None and lexicon is not None:
        matches = find_matches(corpus, lexicon)  # the one matches table of this call
    text_matrix, terms = _text_features(texts) if features != "formulas" else (None, np.array([]))
    formula_matrix, names = _formula_features(matches, table) if matches is not None else (None, np.array([]))
    blocks = []
    if text_matrix is not None:
        blocks.append(normalize(text_matrix))
    if features != "tfidf":
        blocks.append(normalize(formula_matrix))
    matrix = sparse.hstack(blocks).tocsr()

    X = _embed(matrix, random_state)
    silhouettes: dict = {}
    labels, tree = _labels(method, X, n_clusters, random_state, min_cluster_size, silhouettes)
    labels = _renumber(labels)
    stability = float("nan")
    if n_runs:
        from sklearn.metrics import adjusted_rand_score

        k = len(set(labels.tolist()) - {-1}) or 1
        scores = []
        for run in range(1, n_runs + 1):
            rng = np.random.default_rng(random_state + run)
            keep = np.sort(rng.choice(len(labels), size=max(3, int(0.9 * len(labels))), replace=False))
            rerun, _ = _labels(method, X[keep], n_clusters or k, random_state + run, min_cluster_size, {})
            scores.append(adjusted_rand_score(labels[keep], rerun))
        stability = float(np.mean(scores))
    assignments = table.assign(cluster=labels)
    clusters = _describe(labels, table, formula_matrix, names, text_matrix, terms)
    return Clustering(assignments, clusters, X, tree, stability, silhouettes, method, features)


def evaluate_clusters(labels, truth) -> dict:
    """Adjusted Rand index and normalised mutual information of clusters against a known grouping.

    Rows whose known group is missing are left out.
    """
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    for name, value in (("labels", labels), ("truth", truth)):
        check_parameter(name, type(value).__name__, "evaluate_clusters", "a sequence of labels",
                        isinstance(value, Iterable) and not isinstance(value, (str, bytes)))
    labels = pd.Series(list(labels))
    truth = pd.Series(list(truth))
    if len(labels) != len(truth):
        raise ParameterError(f"evaluate_clusters: {len(labels)} labels but {len(truth)} known groups.")
    known = truth.notna()
    return {"ari": float(adjusted_rand_score(truth[known].astype(str), labels[known])),
            "nmi": float(normalized_mutual_info_score(truth[known].astype(str), labels[known])),
            "n": int(known.sum())}
