"""A scikit-learn transformer: documents to a sparse document x formula count matrix."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

from ..text.corpus import Corpus, Document
from ..validation import check_level, check_parameter, check_texts
from .counts import statement_matrix
from .lexicon import Lexicon
from .match import find_matches

__all__ = ["FormulaVectorizer"]


class FormulaVectorizer(TransformerMixin, BaseEstimator):
    """Count the formulae of a lexicon in each document.

    Parameters
    ----------
    lexicon : Lexicon
        For example :func:`toolkit.default_lexicon()` or
        ``Lexicon.from_phrases([...])``.
    level : {"formula", "family"}, default "formula"
        One column per formula (variant) or per family.
    dehyphenate : bool, default False
        See :func:`toolkit.formulae.match.find_matches`.

    The input is an iterable of texts (one row per text) or a
    :class:`~toolkit.text.corpus.Corpus` (one row per document, its statements
    summed). The counts come from :func:`toolkit.formulae.match.find_matches`, so they
    equal the counts of :func:`toolkit.formulae.counts.count_matches` by document.

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

    def __init__(self, lexicon=None, *, level: str = "formula", dehyphenate: bool = False):
        self.lexicon = lexicon
        self.level = level
        self.dehyphenate = dehyphenate

    def _check(self) -> None:
        check_parameter(type(self.lexicon).__name__, "lexicon", owner="FormulaVectorizer", expected="a Lexicon",
                        ok=isinstance(self.lexicon, Lexicon))
        check_level(self.level, owner="FormulaVectorizer")

    def fit(self, X=None, y=None):
        """Check the parameters and fix the feature names; learns nothing from ``X``."""
        self._check()
        if self.level == "formula":
            names = [f.id for f in self.lexicon.formulae]
        else:
            names = [family.id for family in self.lexicon.families]
        self.feature_names_ = np.asarray(names, dtype=object)
        self.n_features_out_ = len(names)
        return self

    def transform(self, X) -> sparse.csr_matrix:
        """The document x formula count matrix (int64, CSR)."""
        if not hasattr(self, "feature_names_"):
            self.fit()
        if isinstance(X, Corpus):
            corpus = X
        else:
            texts = check_texts(X, "X", owner="FormulaVectorizer.transform")
            corpus = Corpus(tuple(Document(f"row{k}", text) for k, text in enumerate(texts)))
        matches = find_matches(corpus, self.lexicon, dehyphenate=self.dehyphenate)
        per_statement, _ = statement_matrix(matches, level=self.level)
        doc_ids = [doc.id for doc in corpus]
        rows = np.asarray(pd.Index(doc_ids).get_indexer(matches.statements["doc_id"]))
        to_documents = sparse.csr_matrix(
            (np.ones(len(rows), dtype=np.int64), (rows, np.arange(len(rows)))),
            shape=(len(doc_ids), len(rows)),
        )
        return (to_documents @ per_statement).tocsr().astype(np.int64)

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """The formula (or family) ids, in lexicon order."""
        if not hasattr(self, "feature_names_"):
            self.fit()
        return self.feature_names_.copy()
