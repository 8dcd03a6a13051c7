"""Statement features for clustering, built once from token ids: words, characters and formula profiles.

Every block is a sparse matrix with one row per statement, in float32, made
from one tokenisation of the corpus (:class:`toolkit.text.tokenized.TokenizedCorpus`)
rather than by one vectorizer per block re-reading the text:

* ``words``: word unigrams and bigrams (a bigram never crosses a sentence
  end), those in at least ``min_df`` statements and at most ``max_df`` of
  them, the ``max_words`` most frequent kept; TF-IDF with sublinear term
  frequency (scikit-learn's ``TfidfTransformer``), rows L2-normalised;
* ``characters``: character 3- to 5-grams within words (``char_wb``),
  hashed into :data:`CHAR_BUCKETS` buckets, counted once per word type and
  summed over each statement's words (the same counts as n-gramming every
  text, at the cost of the vocabulary only); TF-IDF, rows L2-normalised;
* ``formulae``: hits per 1,000 tokens of each formula family, from the
  matches table, rows L2-normalised (a statement without hits is a zero row).
  (Spelled ``formulas`` before 0.2: the old name still works, with a
  FutureWarning, in ``blocks=`` and as a key of ``weights=``.)

:func:`combine` puts blocks side by side, each scaled to unit total variance
(the sum of its columns' variances) and then by the square root of its
weight, so that a block's share of the distances is its weight, whatever its
width or sparsity.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from ..formulae.counts import statement_matrix
from ..formulae.match import Matches
from ..text.tokenized import TokenizedCorpus
from ..validation import check_choice, check_number, check_parameter, check_type, renamed_value

__all__ = ["BLOCKS", "CHAR_BUCKETS", "RENAMED_BLOCKS", "StatementVectors", "check_weights", "combine",
           "same_statements", "statement_vectors"]

#: The feature blocks, in the order :func:`combine` puts them.
BLOCKS = ("words", "characters", "formulae")
#: Block names renamed in 0.2: the old name still works, with a FutureWarning.
RENAMED_BLOCKS = {"formulas": "formulae"}
#: Buckets character n-grams are hashed into (bounds the width, whatever the corpus).
CHAR_BUCKETS = 2 ** 12
_CHUNK = 1 << 22


@dataclass
class StatementVectors:
    """The feature blocks of a corpus's statements (rows in corpus order), made by :func:`statement_vectors`.

    Parameters
    ----------
    blocks : dict of str to scipy.sparse.csr_matrix
        Each block of :data:`BLOCKS` that was built, rows L2-normalised, float32.
    terms : numpy.ndarray
        The name of each column of ``words`` ("peace", "peace security").
    families : numpy.ndarray
        The formula family of each column of ``formulae``.
    """

    blocks: dict[str, sparse.csr_matrix]
    terms: np.ndarray
    families: np.ndarray


def _packed(rows: np.ndarray, columns: np.ndarray, width: int) -> np.ndarray:
    """Each (row, column) pair as one integer, ``row * width + column``."""
    packed = rows.astype(np.int64)
    packed *= width
    packed += columns
    return packed


def _counts(packed: np.ndarray, shape: tuple[int, int]) -> sparse.csr_matrix:
    """How often each packed (row, column) pair occurs (:func:`_packed`), as a canonical float32 CSR matrix.

    ``packed`` is sorted in place and then dropped: one sort gives the rows
    and, within each, the columns in order.
    """
    packed.sort()
    first = np.empty(packed.size, dtype=bool)
    first[:1] = True
    np.not_equal(packed[1:], packed[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    del first
    pairs = packed[starts]
    size = packed.size
    packed.resize(0, refcheck=False)  # the caller's array, no longer needed: its memory goes now
    counts = np.diff(np.append(starts, size)).astype(np.float32)
    del starts
    indptr = np.searchsorted(pairs, np.arange(shape[0] + 1, dtype=np.int64) * shape[1])
    pairs %= shape[1]
    return sparse.csr_matrix((counts, pairs.astype(np.int32), indptr), shape=shape)


def _side_by_side(left: sparse.csr_matrix, right: sparse.csr_matrix) -> sparse.csr_matrix:
    """Two CSR matrices of the same rows side by side (each row: the left's entries, then the right's)."""
    indptr = left.indptr.astype(np.int64) + right.indptr
    indices = np.empty(int(indptr[-1]), dtype=np.int32)
    data = np.empty(int(indptr[-1]), dtype=np.float32)
    left_lengths = np.diff(left.indptr)
    for part, lengths, shift, offset in ((left, left_lengths, 0, 0), (right, np.diff(right.indptr), left.shape[1],
                                                                      left_lengths)):
        kind = np.int32 if indptr[-1] < 2 ** 31 else np.int64
        destination = np.repeat((indptr[:-1] + offset - part.indptr[:-1]).astype(kind), lengths)
        destination += np.arange(part.nnz, dtype=kind)
        indices[destination] = part.indices + shift
        data[destination] = part.data
    return sparse.csr_matrix((data, indices, indptr), shape=(left.shape[0], left.shape[1] + right.shape[1]))


def _tfidf(counts: sparse.csr_matrix) -> sparse.csr_matrix:
    from sklearn.feature_extraction.text import TfidfTransformer

    tfidf = TfidfTransformer(sublinear_tf=True).fit(counts)
    return tfidf.transform(counts, copy=False).astype(np.float32, copy=False).tocsr()  # in the counts' arrays


def _word_block(tc: TokenizedCorpus, min_df: int, max_df: float, max_words: int
                ) -> tuple[sparse.csr_matrix, sparse.csr_matrix, np.ndarray]:
    """The TF-IDF of word uni- and bigrams, the unigram counts (for the characters), and the terms."""
    n, size = len(tc), len(tc.vocabulary)
    statement = np.repeat(np.arange(n, dtype=np.int32), np.diff(tc.bounds))
    unigrams = _counts(_packed(statement, tc.tokens, size), (n, size))
    # a bigram at each token that continues its sentence, keyed by (previous token, token)
    continues = ~tc.breaks
    continues[:1] = False
    inside = np.flatnonzero(continues).astype(np.int32)
    del continues
    rows = statement[inside]
    del statement
    keys = np.empty(inside.size, dtype=np.int64)
    for a in range(0, inside.size, _CHUNK):  # in chunks: no temporary of every occurrence
        at = inside[a:a + _CHUNK]
        np.multiply(tc.tokens[at - 1], size, out=keys[a:a + _CHUNK], dtype=np.int64)
        keys[a:a + _CHUNK] += tc.tokens[at]
    del inside
    codes, bigram_keys = pd.factorize(keys)  # a hash table: no sort of every occurrence
    del keys
    packed = _packed(rows, codes, bigram_keys.size)
    del rows, codes
    bigrams = _counts(packed, (n, bigram_keys.size))
    del packed
    df = np.concatenate([np.bincount(m.indices, minlength=m.shape[1]) for m in (unigrams, bigrams)])
    total = np.concatenate([np.asarray(m.sum(axis=0)).ravel() for m in (unigrams, bigrams)])
    allowed = (df >= min_df) & (df <= max_df * n)
    chosen = np.flatnonzero(allowed)
    # the most frequent, ties by column (unigrams first, each in order of first appearance)
    chosen = chosen[np.lexsort((chosen, -total[chosen]))][:max_words]
    chosen.sort()
    right = bigrams[:, chosen[chosen >= size] - size]
    del bigrams  # every bigram's counts: the largest matrix here, not needed any more
    both = _side_by_side(unigrams[:, chosen[chosen < size]], right)
    del right
    vocabulary = np.asarray(tc.vocabulary, dtype=object)
    names = np.empty(chosen.size, dtype=object)
    single = chosen < size
    names[single] = vocabulary[chosen[single]]
    pairs = bigram_keys[chosen[~single] - size]
    names[~single] = [f"{a} {b}" for a, b in zip(vocabulary[pairs // size], vocabulary[pairs % size])]
    return _normalized(_tfidf(both)), unigrams, names


def _character_block(tc: TokenizedCorpus, unigrams: sparse.csr_matrix) -> sparse.csr_matrix:
    from sklearn.feature_extraction.text import HashingVectorizer

    grams = HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), n_features=CHAR_BUCKETS,
                              alternate_sign=False, norm=None, dtype=np.float32)
    per_word = grams.transform(tc.vocabulary).tocsr()
    return _normalized(_tfidf((unigrams @ per_word).tocsr()))


def same_statements(tc: TokenizedCorpus, matches: Matches) -> bool:
    """Whether the matches were found in the statements of a tokenised corpus, in its order.

    Parameters
    ----------
    tc : TokenizedCorpus
        The corpus, tokenised.
    matches : Matches
        A matches table.

    Returns
    -------
    bool
        True when ``matches.statements`` holds the statements of ``tc``, in order.
    """
    ids = matches.statements["statement_id"].reset_index(drop=True)
    return bool(ids.equals(tc.statements["statement_id"].reset_index(drop=True)))


def _formula_block(tc: TokenizedCorpus, matches: Matches) -> tuple[sparse.csr_matrix, np.ndarray]:
    counts, names = statement_matrix(matches, level="family")
    tokens = np.maximum(matches.statements["n_tokens"].to_numpy(dtype=np.float64), 1.0)
    rates = sparse.diags((1000.0 / tokens).astype(np.float32)) @ counts.astype(np.float32)
    return _normalized(sparse.csr_matrix(rates, dtype=np.float32)), np.asarray(names, dtype=object)


def _normalized(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    from sklearn.preprocessing import normalize

    return normalize(matrix, copy=False).astype(np.float32, copy=False).tocsr()


def statement_vectors(tc: TokenizedCorpus, matches: Matches | None = None, *, blocks: Iterable[str] = BLOCKS,
                      min_df: int | None = None, max_df: float = 0.95, max_words: int = 50_000
                      ) -> StatementVectors:
    """The feature blocks of every statement of a tokenised corpus (see the module's description).

    Parameters
    ----------
    tc : TokenizedCorpus
        The corpus, tokenised once (:func:`toolkit.text.tokenized.tokenize_corpus`).
    matches : Matches, optional
        The matches table of the same statements; needed for ``formulae``.
    blocks : iterable of str, default BLOCKS
        Which of :data:`BLOCKS` to build.
    min_df : int, optional
        The fewest statements a word n-gram must occur in (default 5, or 1
        for a corpus of fewer than 50 statements).
    max_df : float, default 0.95
        The largest share of statements it may occur in (1.0 below 10 statements).
    max_words : int, default 50,000
        The most word n-grams kept, the most frequent first.

    Returns
    -------
    StatementVectors
        The blocks asked for, with the names of the columns of ``words``
        (``terms``) and ``formulae`` (``families``).
    """
    owner = "statement_vectors"
    check_parameter(blocks, "blocks", owner=owner, expected="an iterable of block names", got=type(blocks).__name__,
                    ok=isinstance(blocks, Iterable) and not isinstance(blocks, (str, bytes)))
    blocks = {check_choice(renamed_value(b, "blocks", owner=owner, renames=RENAMED_BLOCKS), "blocks", owner=owner,
                           choices=BLOCKS) for b in blocks}
    n = len(tc)
    if min_df is None:
        min_df = 5 if n >= 50 else 1
    if n < 10:
        max_df = 1.0
    built: dict[str, sparse.csr_matrix] = {}
    terms = families = np.empty(0, dtype=object)
    if "words" in blocks or "characters" in blocks:
        words, unigrams, terms = _word_block(tc, min_df, max_df, max_words)
        if "words" in blocks:
            built["words"] = words
        if "characters" in blocks:
            built["characters"] = _character_block(tc, unigrams)
    if "formulae" in blocks:
        check_parameter(matches, "matches", owner=owner, ok=matches is not None, got="None",
                        expected="the matches of the corpus for the 'formulae' block (find_matches(corpus, lexicon))")
        assert matches is not None
        check_parameter(matches, "matches", owner=owner, ok=same_statements(tc, matches),
                        expected="found in the statements of tc (find_matches(corpus, lexicon) for this corpus)",
                        got="matches found in other statements")
        built["formulae"], families = _formula_block(tc, matches)
    return StatementVectors(built, terms, families)


def check_weights(weights: Any, name: str = "weights", *, owner: str, blocks: Iterable[str] = BLOCKS
                  ) -> dict[str, float]:
    """Weights of feature blocks: a mapping of block names among ``blocks`` to numbers >= 0.

    A block under its old name (``"formulas"``) is renamed, with a FutureWarning.

    Parameters
    ----------
    weights : mapping of str to float, or None
        The weights given (None: no weights, each block its default).
    name : str, default "weights"
        The parameter's name.
    owner : str
        The function the weights were given to.
    blocks : iterable of str, default BLOCKS
        The blocks that may have a weight.

    Returns
    -------
    dict of str to float
        The weights by the blocks' current names (empty for None).

    Examples
    --------
    >>> check_weights({"words": 2}, owner="combine")
    {'words': 2.0}
    >>> check_weights({"words": -1}, owner="combine")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    toolkit.errors.ParameterError: The "weights['words']" parameter of combine must be a number in [0, inf]. ...
    """
    check_type(weights, name, owner=owner, types=Mapping, expected="a dict of block names to weights",
               allow_none=True)
    blocks = tuple(blocks)
    checked: dict[str, float] = {}
    for block, weight in (weights or {}).items():
        block = renamed_value(block, name, owner=owner, renames=RENAMED_BLOCKS)
        check_parameter(weights, name, owner=owner, ok=block in blocks, got=f"a weight for {block!r}",
                        expected=f"a dict of weights of the blocks {', '.join(map(repr, blocks))}")
        checked[block] = check_number(weight, f"{name}[{block!r}]", owner=owner, low=0, high=math.inf)
    return checked


def combine(vectors: StatementVectors, weights: Mapping[str, float] | None = None) -> sparse.csr_matrix:
    """The blocks side by side, each scaled to unit total variance times the square root of its weight.

    Parameters
    ----------
    vectors : StatementVectors
        The blocks (:func:`statement_vectors`).
    weights : mapping of str to float, optional
        The weight of each block, by name (default 1 each; a block left out,
        or of weight 0, is not used). ``"formulas"``, the old name of
        ``"formulae"``, still works, with a FutureWarning.

    Returns
    -------
    scipy.sparse.csr_matrix
        The weighted blocks side by side, in the order of :data:`BLOCKS`.

    Examples
    --------
    >>> rows = sparse.csr_matrix(np.array([[1, 0], [0, 1], [1, 0]], dtype=np.float32))
    >>> one = combine(StatementVectors({"words": rows, "formulae": rows * 5}, np.array([]), np.array([])))
    >>> [round(float(one[:, k:k + 2].toarray().var(axis=0).sum()), 6) for k in (0, 2)]
    [1.0, 1.0]
    """
    checked = dict.fromkeys(vectors.blocks, 1.0) if weights is None else check_weights(weights, owner="combine")
    parts = []
    for name in BLOCKS:
        weight = checked.get(name, 0.0)
        if weight == 0 or name not in vectors.blocks:
            continue
        block = vectors.blocks[name]
        variance = _total_variance(block)
        if variance > 0:
            parts.append(block * np.float32(np.sqrt(weight / variance)))
    check_parameter(weights, "weights", owner="combine", ok=bool(parts), got=repr(checked),
                    expected="a weight above 0 for at least one block of the vectors that varies")
    combined = parts[0].tocsr()
    for part in parts[1:]:  # row by row, without the triplets scipy's hstack would make of a large matrix
        combined = _side_by_side(combined, part.tocsr())
    return combined


def _total_variance(block: sparse.csr_matrix) -> float:
    """The sum of the variances of the columns of a sparse matrix (population variance)."""
    n = block.shape[0]
    if n == 0:
        return 0.0
    mean = np.asarray(block.mean(axis=0), dtype=np.float64).ravel()
    squares = float(block.multiply(block).sum()) / n
    return max(squares - float(mean @ mean), 0.0)
