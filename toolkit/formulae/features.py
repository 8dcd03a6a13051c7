"""A scikit-learn transformer: documents to a sparse document x formula count matrix."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

from ..text.corpus import Corpus, Document
from ..validation import check_level, check_texts
from .counts import statement_matrix
from .lexicon import Lexicon, resolve_lexicon
from .match import find_matches

__all__ = ["FormulaVectorizer"]


class FormulaVectorizer(TransformerMixin, BaseEstimator):
    """Count the formulae of a lexicon in each document.

    The input is an iterable of texts (one row per text) or a
    :class:`~toolkit.text.corpus.Corpus` (one row per document, its statements
    summed). The counts come from :func:`toolkit.formulae.match.find_matches`, so they
    equal the counts of :func:`toolkit.formulae.counts.count_matches` by document.

    Parameters
    ----------
    lexicon : Lexicon or None, default None
        The formulae to count: None for the default lexicon
        (:func:`toolkit.formulae.lexicon.default_lexicon`), or for example
        ``Lexicon.from_phrases([...])``. False (no lexicon) is refused: a
        vectorizer of formulae needs some.
    level : {"formula", "family"}, default "formula"
        One column per formula (variant) or per family.
    dehyphenate : bool, default False
        See :func:`toolkit.formulae.match.find_matches`.

    Attributes
    ----------
    lexicon_ : Lexicon
        The lexicon counted (the default one when ``lexicon`` is None).
    feature_names_ : numpy.ndarray of str
        The formula (or family) ids, in lexicon order.
    n_features_out_ : int
        The number of columns of the matrix.

    Examples
    --------
    >>> from toolkit import Lexicon
    >>> vec = FormulaVectorizer(Lexicon.from_phrases(["condemn*", "solidarity"]))
    >>> X = vec.fit_transform(["We condemn and condemn.", "Solidarity with Chile."])
    >>> X.toarray()
    array([[2, 0],
           [0, 1]])
    >>> vec.get_feature_names_out()
    array(['condemn*', 'solidarity'], dtype=object)
    """

    def __init__(self, lexicon: Lexicon | None = None, *, level: str = "formula", dehyphenate: bool = False):
        self.lexicon = lexicon
        self.level = level
        self.dehyphenate = dehyphenate

    def fit(self, X: Any = None, y: Any = None) -> FormulaVectorizer:
        """Check the parameters and fix the feature names; learns nothing from ``X``.

        Parameters
        ----------
        X : ignored
            Accepted for scikit-learn's API.
        y : ignored
            Accepted for scikit-learn's API.

        Returns
        -------
        FormulaVectorizer
            The vectorizer itself, fitted.
        """
        lexicon = resolve_lexicon(self.lexicon, owner="FormulaVectorizer", allow_false=False)
        assert lexicon is not None  # False is refused
        check_level(self.level, owner="FormulaVectorizer")
        if self.level == "formula":
            names = [f.id for f in lexicon.formulae]
        else:
            names = [family.id for family in lexicon.families]
        self.lexicon_ = lexicon
        self.feature_names_ = np.asarray(names, dtype=object)
        self.n_features_out_ = len(names)
        return self

    def transform(self, X: Any) -> sparse.csr_matrix:
        """The document x formula count matrix.

        Parameters
        ----------
        X : Corpus or iterable of str
            The documents; a single str is refused.

        Returns
        -------
        scipy.sparse.csr_matrix of int64
            One row per document (or text), one column per feature name.
        """
        if not hasattr(self, "feature_names_"):
            self.fit()
        if isinstance(X, Corpus):
            corpus = X
        else:
            texts = check_texts(X, "X", owner="FormulaVectorizer.transform")
            corpus = Corpus(tuple(Document(f"row{k}", text) for k, text in enumerate(texts)))
        matches = find_matches(corpus, self.lexicon_, dehyphenate=self.dehyphenate)
        per_statement, _ = statement_matrix(matches, level=self.level)
        doc_ids = [doc.id for doc in corpus]
        rows = np.asarray(pd.Index(doc_ids).get_indexer(matches.statements["doc_id"]))
        to_documents = sparse.csr_matrix(
            (np.ones(len(rows), dtype=np.int64), (rows, np.arange(len(rows)))),
            shape=(len(doc_ids), len(rows)),
        )
        return (to_documents @ per_statement).tocsr().astype(np.int64)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """The formula (or family) ids, in lexicon order.

        Parameters
        ----------
        input_features : ignored
            Accepted for scikit-learn's API.

        Returns
        -------
        numpy.ndarray of str
            The name of each column of :meth:`transform`'s matrix.
        """
        if not hasattr(self, "feature_names_"):
            self.fit()
        return self.feature_names_.copy()
