"""Text reuse: the passages one document (or statement) shares with another, with exact spans.

:func:`find_reuse` follows the steps of passim and of the text-reuse
literature, each a parameter:

1. **Shingles.** Each statement's tokens (folded as for matching,
   :mod:`toolkit.text.tokens`) are cut into overlapping n-grams of ``n``
   words (across sentence ends: a passage is longer than a sentence), each
   hashed to 64 bits.
2. **Informative shingles.** A shingle shared by at least 2 and at most
   ``max_df`` statements is kept: one of a single statement links nothing,
   and one of thousands (the boilerplate of the General Debate, "Mr.
   President, at the outset") would flood the candidates. The cap and the
   number of shingles it dropped are reported in ``attrs``. Dropped shingles
   are still aligned when they lie inside a passage.
3. **Candidates.** Each pair of postings of a kept shingle is a seed
   ``(statement a, position in a, statement b, position in b)``. The seeds of
   a pair of statements, sorted along ``a``, are chained while the next seed
   is at most ``gap`` tokens further in both texts; a chain of at least
   ``min_shared`` seeds is a candidate region.
4. **Alignment.** Each region, widened by ``margin`` tokens on every side, is
   aligned word by word with the Smith-Waterman local alignment of
   `parasail <https://github.com/jeffdaily/parasail>`_ (SIMD, C), which
   tolerates substitutions, insertions and deletions: words are the
   alphabet, a match scores ``match``, a substitution ``mismatch``, a gap
   ``gap_open`` then ``gap_extend`` a word. Why parasail: it is the one
   maintained local aligner with traceback for Python whose alphabet can be
   words (255 symbols a pair of regions: the words the two share; words of
   one side only can never match and share one symbol each side); edlib has
   no local mode, and a numpy alignment is a Python loop per row.
5. **Passages.** An alignment of at least ``min_words`` aligned word pairs is
   a passage, its ends mapped back to character offsets into each document.

See :func:`find_reuse` for the table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..text.corpus import Corpus, Document
from ..text.tokenized import TokenizedCorpus, tokenize_corpus
from ..validation import check_choice, check_corpus, check_int

__all__ = ["REUSE_COLUMNS", "SHARE_COLUMNS", "PAIRS", "find_reuse", "reuse_clusters", "reuse_formulae", "reuse_shares",
           "shingles", "informative", "seed_pairs", "chain_seeds", "align_region", "ReuseInput", "candidates_part",
           "passages_part"]

#: The columns of :func:`find_reuse`.
REUSE_COLUMNS = ["source_doc", "source_start", "source_end", "target_doc", "target_start", "target_end", "n_words",
                 "identity", "score", "direction", "cluster", "cluster_source", "source_actor", "target_actor",
                 "common_share"]
#: The pairs of statements :func:`find_reuse` compares (its ``pairs`` parameter).
PAIRS = ("all", "between_actors", "within_actor")
#: The columns of :func:`reuse_shares`.
SHARE_COLUMNS = ["doc_id", "actor", "year", "n_words", "borrowed_words", "self_words", "reused_share", "self_share"]
_OWNER = "find_reuse"
# Two spans of one document are one place of a cluster when they overlap by this share of the longer.
_SAME_PLACE = 0.8
# Odd 64-bit multipliers of the shingle hash (one per position in the n-gram).
_MULTIPLIERS = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                         0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9],
                        dtype=np.uint64)


def shingles(tokens: np.ndarray, bounds: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The hash of every n-gram of ``n`` tokens that lies inside one statement, with its statement and position.

    Parameters
    ----------
    tokens : numpy.ndarray of int
        The token ids of every statement, one after the other.
    bounds : numpy.ndarray of int
        Statement ``k`` holds ``tokens[bounds[k]:bounds[k + 1]]``.
    n : int
        The n-gram's length, at most 8.

    Returns
    -------
    hashes : numpy.ndarray of uint64
        One per n-gram.
    unit : numpy.ndarray of int32
        Its statement.
    position : numpy.ndarray of int32
        Its first token's index in its statement.

    Examples
    --------
    >>> h, unit, position = shingles(np.array([1, 2, 3, 1, 2, 3, 4]), np.array([0, 3, 7]), 3)
    >>> unit.tolist(), position.tolist(), bool(h[0] == h[1])
    ([0, 1, 1], [0, 0, 1], True)
    """
    total = tokens.size - n + 1
    if total <= 0:
        empty = np.zeros(0, dtype=np.int32)
        return np.zeros(0, dtype=np.uint64), empty, empty
    ids = tokens.astype(np.uint64) + np.uint64(1)
    hashes = np.zeros(total, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(n):
            hashes += ids[j:j + total] * _MULTIPLIERS[j]
        hashes ^= hashes >> np.uint64(29)
    lengths = np.diff(bounds)
    unit = np.repeat(np.arange(lengths.size, dtype=np.int32), lengths)[:total]
    position = (np.arange(total, dtype=np.int64) - bounds[unit]).astype(np.int32)
    inside = position + n <= lengths[unit]
    return hashes[inside], unit[inside], position[inside]


def informative(hashes: np.ndarray, unit: np.ndarray, *, max_df: int
                ) -> tuple[np.ndarray, dict[str, int], np.ndarray]:
    """Which shingles are in at least 2 and at most ``max_df`` statements; and how many were dropped.

    Parameters
    ----------
    hashes, unit : numpy.ndarray
        Each shingle's hash and statement (:func:`shingles`).
    max_df : int
        The most statements a kept shingle may be in.

    Returns
    -------
    keep : numpy.ndarray of bool
        One per shingle.
    counts : dict
        ``distinct`` shingles, ``single`` (in one statement), ``capped`` (in more than ``max_df``).
    capped : numpy.ndarray of uint64
        The hashes of the capped shingles, sorted.

    Examples
    --------
    >>> keep, counts, capped = informative(np.array([5, 5, 7, 9, 9, 9], dtype=np.uint64),
    ...                                    np.array([0, 1, 0, 0, 1, 2]), max_df=2)
    >>> keep.tolist(), counts, capped.tolist()
    ([True, True, False, False, False, False], {'distinct': 3, 'single': 1, 'capped': 1}, [9])
    """
    order = np.lexsort((unit, hashes))
    h, u = hashes[order], unit[order]
    new_hash = np.ones(h.size, dtype=bool)
    new_hash[1:] = h[1:] != h[:-1]
    new_pair = new_hash.copy()
    new_pair[1:] |= u[1:] != u[:-1]
    group = np.cumsum(new_hash) - 1
    df = np.bincount(group, weights=new_pair).astype(np.int64)
    keep_sorted = (df[group] >= 2) & (df[group] <= max_df)
    keep = np.empty_like(keep_sorted)
    keep[order] = keep_sorted
    capped = h[new_hash][df > max_df]
    return keep, {"distinct": int(df.size), "single": int((df == 1).sum()), "capped": int((df > max_df).sum())}, \
        capped


def seed_pairs(hashes: np.ndarray, unit: np.ndarray, position: np.ndarray, document: np.ndarray, *,
               extent: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """Every pair of postings of one shingle in two statements that are not the same text: the seeds.

    Parameters
    ----------
    hashes, unit, position : numpy.ndarray
        The kept shingles (:func:`shingles`, :func:`informative`).
    document : numpy.ndarray of int
        The document of each statement.
    extent : (numpy.ndarray, numpy.ndarray), optional
        Where each statement starts and ends in its document. Two statements of one document are paired when
        these spans do not overlap (two actors' statements in one round-up); without ``extent``, never.

    Returns
    -------
    numpy.ndarray of int32, shape (k, 4)
        ``(a, position in a, b, position in b)`` with statement ``a < b``.

    Examples
    --------
    >>> seed_pairs(np.array([3, 3, 4], dtype=np.uint64), np.array([0, 1, 1]), np.array([5, 2, 0]),
    ...            np.array([0, 1])).tolist()
    [[0, 5, 1, 2]]
    """
    order = np.lexsort((position, unit, hashes))
    h, u, p = hashes[order], unit[order], position[order]
    starts = np.flatnonzero(np.r_[True, h[1:] != h[:-1]])
    sizes = np.diff(np.r_[starts, h.size])
    # all pairs i < j inside each group of one hash
    pairs_per = sizes * (sizes - 1) // 2
    total = int(pairs_per.sum())
    if total == 0:
        return np.zeros((0, 4), dtype=np.int32)
    group = np.repeat(np.arange(sizes.size), pairs_per)
    k = np.arange(total) - np.repeat(np.cumsum(pairs_per) - pairs_per, pairs_per)
    s = sizes[group]
    # the k-th pair (i, j), i < j, of a group of s, in row-major order
    i = (2 * s - 1 - np.sqrt((2 * s - 1) ** 2 - 8 * k)) // 2
    i = i.astype(np.int64)
    fix = k >= i * (2 * s - i - 1) // 2 + (s - i - 1)
    i += fix
    j = k - i * (2 * s - i - 1) // 2 + i + 1
    left, right = starts[group] + i, starts[group] + j
    a, b = u[left], u[right]
    other = document[a] != document[b]
    if extent is not None:
        starts, ends = extent
        other |= (document[a] == document[b]) & ((ends[a] <= starts[b]) | (ends[b] <= starts[a]))
    return np.stack([a[other], p[left][other], b[other], p[right][other]], axis=1).astype(np.int32)


def chain_seeds(seeds: np.ndarray, *, gap: int, min_shared: int) -> np.ndarray:
    """Chain the seeds of each pair of statements into candidate regions.

    The seeds of a pair are grouped into bands of diagonals (``position in b - position in a``, ``2 * gap``
    wide) and sorted along ``a`` inside a band; a chain breaks where the next seed is more than ``gap`` tokens
    further in ``a`` or its diagonal moves by more than ``gap``. Banding keeps apart the seeds of a passage that
    one text holds twice (sorted along ``a`` alone, the seeds of the two copies alternate and break every
    chain); a second pass with the bands shifted by half a band keeps whole a chain whose diagonal drifts
    across a band's edge (insertions and deletions), and the regions of both passes are pooled without
    repeats.

    Parameters
    ----------
    seeds : numpy.ndarray, shape (k, 4)
        ``(a, position in a, b, position in b)`` (:func:`seed_pairs`).
    gap : int
        The most tokens between two consecutive seeds of a chain, in either text.
    min_shared : int
        The least seeds of a region.

    Returns
    -------
    numpy.ndarray of int64, shape (r, 6)
        ``(a, first, last, b, first, last)``: each region's statements and the positions of its first and last
        seeds in each, sorted.

    Examples
    --------
    >>> seeds = np.array([[0, 10, 1, 3], [0, 11, 1, 4], [0, 12, 1, 5], [0, 90, 1, 50]])
    >>> chain_seeds(seeds, gap=5, min_shared=3).tolist()
    [[0, 10, 12, 1, 3, 5]]

    A passage that ``b`` holds twice gives two regions:

    >>> twice = np.array([[0, p, 1, p + d] for p in (10, 11, 12) for d in (0, 100)])
    >>> chain_seeds(twice, gap=5, min_shared=3).tolist()
    [[0, 10, 12, 1, 10, 12], [0, 10, 12, 1, 110, 112]]
    """
    if not len(seeds):
        return np.zeros((0, 6), dtype=np.int64)
    a, pa, b, pb = (seeds[:, k].astype(np.int64) for k in range(4))
    width = 2 * gap
    passes = [_chained(a, pa, b, pb, (pb - pa + shift) // width, gap=gap, min_shared=min_shared)
              for shift in (0, gap)]
    regions = np.concatenate(passes)
    regions = regions[np.lexsort(regions.T[::-1])]
    repeat = np.zeros(len(regions), dtype=bool)
    repeat[1:] = (regions[1:] == regions[:-1]).all(axis=1)
    return regions[~repeat]


def _chained(a: np.ndarray, pa: np.ndarray, b: np.ndarray, pb: np.ndarray, band: np.ndarray, *, gap: int,
             min_shared: int) -> np.ndarray:
    """One pass of :func:`chain_seeds`: the seeds sorted by pair, band and position in ``a``, then chained."""
    order = _sort_order(a, b, band, pa)
    a, pa, b, pb, band = a[order], pa[order], b[order], pb[order], band[order]
    diagonal = pb - pa
    new = np.ones(a.size, dtype=bool)
    new[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1]) | (band[1:] != band[:-1]) | (pa[1:] - pa[:-1] > gap) | \
        (np.abs(diagonal[1:] - diagonal[:-1]) > gap)
    first = np.flatnonzero(new)
    counts = np.diff(np.r_[first, a.size])
    keep = counts >= min_shared
    regions = np.stack([a[first], np.minimum.reduceat(pa, first), np.maximum.reduceat(pa, first), b[first],
                        np.minimum.reduceat(pb, first), np.maximum.reduceat(pb, first)], axis=1)
    return regions[keep]


def _sort_order(*keys: np.ndarray) -> np.ndarray:
    """The stable order of rows by the non-negative integer keys, first key first: one sort of the keys packed into
    one integer when they fit in 63 bits (the usual case: several times faster than a lexsort)."""
    keys = tuple(key - key.min() for key in keys)
    widths = [int(key.max()).bit_length() for key in keys]
    if sum(widths) > 63:
        return np.lexsort(keys[::-1])
    packed = np.zeros(keys[0].size, dtype=np.int64)
    for key, width in zip(keys, widths):
        packed = (packed << width) | key
    return np.argsort(packed, kind="stable")


def align_region(left: np.ndarray, right: np.ndarray, *, match: int = 2, mismatch: int = -2, gap_open: int = 3,
                 gap_extend: int = 1) -> tuple[int, int, int, int, int, int, int] | None:
    """The best local alignment of two runs of token ids (Smith-Waterman, parasail).

    Parameters
    ----------
    left, right : numpy.ndarray of int
        The token ids of each side.
    match, mismatch, gap_open, gap_extend : int
        The scores: a word aligned to itself, to another word, and the penalties of a gap's first and next words.

    Returns
    -------
    tuple of int or None
        ``(start_left, end_left, start_right, end_right, n_pairs, n_equal, score)``: the aligned tokens
        ``left[start_left:end_left]`` and ``right[start_right:end_right]``, the aligned word pairs, those
        equal, and the score; None when nothing aligns.

    Examples
    --------
    >>> align_region(np.array([9, 1, 2, 3, 4, 5, 8]), np.array([1, 2, 7, 4, 5]))
    (1, 6, 0, 5, 5, 4, 6)
    """
    import parasail

    left_ids, right_ids = left.tolist(), right.tolist()
    shared = set(left_ids).intersection(right_ids)
    if not shared:
        return None
    codes = {t: _SYMBOLS[k % (len(_SYMBOLS) - 2)] for k, t in enumerate(sorted(shared))}
    lhs = "".join([codes.get(t, _SYMBOLS[-2]) for t in left_ids])
    rhs = "".join([codes.get(t, _SYMBOLS[-1]) for t in right_ids])
    matrix = _matrix(match, mismatch)
    result = parasail.sw_trace_striped_16(lhs, rhs, gap_open, gap_extend, matrix)
    if result.score <= 0:
        return None
    trace = result.get_traceback()
    query, ref = trace.query, trace.ref
    n_left = len(query) - query.count("-")
    n_right = len(ref) - ref.count("-")
    end_left, end_right = result.end_query + 1, result.end_ref + 1
    start_left, start_right = end_left - n_left, end_right - n_right
    # equality on the real ids (a symbol may stand for two words when more than 253 are shared)
    i, j, pairs, equal = start_left, start_right, 0, 0
    for q, r in zip(query, ref):
        if q != "-" and r != "-":
            pairs += 1
            equal += left_ids[i] == right_ids[j]
        i += q != "-"
        j += r != "-"
    return start_left, end_left, start_right, end_right, pairs, equal, int(result.score)


_MATRICES: dict[tuple[int, int], Any] = {}
# The alignment's alphabet: bytes 1 to 255 but "-" and "*", which parasail's traceback writes for gaps; the last two
# stand for the words of one side only.
_SYMBOLS = "".join(chr(c) for c in range(1, 256) if chr(c) not in "-*")


def _matrix(match: int, mismatch: int) -> Any:
    """parasail's scoring matrix over the 255 symbols (built once)."""
    import parasail

    key = (match, mismatch)
    if key not in _MATRICES:
        _MATRICES[key] = parasail.matrix_create(_SYMBOLS, match, mismatch)
    return _MATRICES[key]


def find_reuse(corpus: Corpus | Iterable[Document] | TokenizedCorpus, *, n: int = 5, max_df: int = 50,
               min_shared: int = 3, min_span: int | None = None, gap: int = 20, margin: int = 20,
               min_words: int = 20, match: int = 2, mismatch: int = -2, gap_open: int = 3, gap_extend: int = 1,
               pairs: str = "all", partitions: int = 16, mapper: Callable | None = None) -> pd.DataFrame:
    """The passages two documents (or statements) share: shingles, candidates, local alignment, exact spans.

    Parameters
    ----------
    corpus : Corpus, iterable of Document or TokenizedCorpus
        The documents (a statement is the unit: attributed news gives one per actor).
    n : int, default 5
        Words per shingle.
    max_df : int, default 50
        The most statements a shingle may be in and still seed candidates.
    min_shared : int, default 3
        The least shingles a candidate region shares.
    min_span : int, optional
        The least tokens a region's shingles cover (default ``min_words // 2``): three shingles in a row are
        one common seven-word phrase, which rarely grows into a passage.
    gap : int, default 20
        The most tokens between two shingles of one region.
    margin : int, default 20
        Tokens added on every side of a region before it is aligned.
    min_words : int, default 20
        The least aligned word pairs of a passage.
    match, mismatch, gap_open, gap_extend : int
        The alignment's scores (:func:`align_region`).
    pairs : {"all", "between_actors", "within_actor"}, default "all"
        Which pairs of statements are compared: all, those of two different actors (a statement without an
        actor counts as another actor's), or those of one actor (its self-reuse; statements without an actor
        are left out).
    partitions : int, default 16
        The shingles are cut into this many parts by hash (a shingle's postings, and so its document
        frequency, lie in one part: :func:`candidates_part`), and the seeds into as many by pair of statements
        (:func:`passages_part`).
    mapper : callable, optional
        How the parts run: ``mapper(function, work, items)`` yields ``function(work, item)`` for each item, in
        order (default: one after the other in this process). :mod:`toolkit.backends` gives process pools and
        Dask; the table is the same.

    Returns
    -------
    pandas.DataFrame
        :data:`REUSE_COLUMNS`, one row per passage: its character span in each document (``text[start:end]``),
        the aligned word pairs (``n_words``), the share of them that are equal (``identity``), the alignment's
        score, and ``direction``: ``forward`` when the source is the earlier document (by date when both
        statements have one, else by year; a TokenizedCorpus has years only),
        ``undirected`` for equal or unknown times (the source is then the first in corpus order);
        ``cluster`` and ``cluster_source`` (:func:`reuse_clusters`); the actors of both sides (missing when
        unknown); ``common_share``, the share of the target passage's shingles that more than ``max_df`` statements use
        (near 1: a stock phrase or an official title, such as the Programme of Action on small arms, which
        TextPAIR would drop as a banality; kept here, for the user to filter). ``attrs`` holds the shingle
        counts and the cap.
    """
    for name, value, low in (("max_df", max_df, 2), ("min_shared", min_shared, 1), ("gap", gap, 1),
                             ("margin", margin, 0), ("min_words", min_words, 1), ("partitions", partitions, 1)):
        check_int(value, name, owner=_OWNER, low=low)
    check_int(n, "n", owner=_OWNER, low=2, high=_MULTIPLIERS.size)
    span = min_words // 2 if min_span is None else check_int(min_span, "min_span", owner=_OWNER, low=1)
    check_choice(pairs, "pairs", owner=_OWNER, choices=PAIRS)
    if isinstance(corpus, TokenizedCorpus):
        tc, days = corpus, np.full(len(corpus), np.nan)
    else:
        documents = check_corpus(corpus, owner=_OWNER)
        documents = documents if isinstance(documents, Corpus) else list(documents)
        tc = tokenize_corpus(documents)
        days = np.array([st.date.toordinal() if st.date is not None else np.nan
                         for doc in documents for st in doc.statements], dtype=float)
    statements = tc.statements
    actors = statements["actor_id"].fillna(statements["actor"])
    starts = np.asarray(tc.offsets, dtype=np.int64)
    extent = (starts, starts + np.fromiter(map(len, tc.texts), dtype=np.int64, count=len(tc.texts)))
    options = {"n": n, "pairs": pairs, "max_df": max_df, "min_shared": min_shared, "span": span, "gap": gap,
               "margin": margin, "min_words": min_words, "match": match, "mismatch": mismatch, "gap_open": gap_open,
               "gap_extend": gap_extend}
    work = ReuseInput(tc.tokens, tc.bounds, pd.factorize(statements["doc_id"])[0].astype(np.int32),
                      pd.factorize(actors)[0].astype(np.int32), extent, partitions, options)
    each = mapper if mapper is not None else _in_turn
    found = list(each(candidates_part, work, _hash_parts(work)))
    totals = {key: sum(f[1][key] for f in found) for key in ("distinct", "single", "capped", "seeds")}
    common = np.sort(np.concatenate([f[2] for f in found])) if found else np.zeros(0, np.uint64)
    routed: list[list[np.ndarray] | None] = [[f[0][q] for f in found] for q in range(partitions)]
    del found
    aligned = list(each(passages_part, work, _joined_parts(routed)))
    rows = [row for part in aligned for row in part[0]]
    table = _passages(tc, rows, common, n, days)
    table.attrs.update({"n": n, "max_df": max_df, "shingles": totals["distinct"], "shingles_single": totals["single"],
                        "shingles_capped": totals["capped"], "seeds": totals["seeds"],
                        "regions": sum(part[1] for part in aligned)})
    return table


def _hash_parts(work: ReuseInput) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The shingles of the corpus cut by hash modulo the partitions: each part's hashes, statements, positions
    (a part is copied out when it is asked for: a mapper that keeps a few parts in flight holds only those)."""
    hashes, unit, position = shingles(work.tokens, work.bounds, work.options["n"])
    part = (hashes % np.uint64(work.partitions)).astype(np.int32)
    for k in range(work.partitions):
        chosen = part == k
        yield hashes[chosen], unit[chosen], position[chosen]


def _joined_parts(routed: list[list[np.ndarray] | None]) -> Iterator[np.ndarray]:
    """The seeds of each part of stage 2, joined when asked for, each part's pieces let go once joined."""
    for q, pieces in enumerate(routed):
        routed[q] = None
        yield np.concatenate(pieces) if pieces else np.zeros((0, 4), dtype=np.int32)


def _in_turn(function: Any, work: ReuseInput, items: Iterable[Any]) -> Iterator[Any]:
    """The default mapper: ``function(work, item)`` for each item, in this process, in order."""
    for item in items:
        yield function(work, item)


@dataclass(frozen=True)
class ReuseInput:
    """What every partition task of :func:`find_reuse` reads: the token ids, the statements' bounds, the options.

    Parameters
    ----------
    tokens : numpy.ndarray of int32
        The token ids of every statement, one after the other.
    bounds : numpy.ndarray of int64
        Statement ``k`` holds ``tokens[bounds[k]:bounds[k + 1]]``.
    documents : numpy.ndarray of int32
        The document of each statement (:func:`seed_pairs`).
    actors : numpy.ndarray of int32
        The actor of each statement as a code, -1 when unknown.
    extent : (numpy.ndarray, numpy.ndarray)
        Where each statement starts and ends in its document (:func:`seed_pairs`).
    partitions : int
        The number of parts of each stage.
    options : dict
        The options of :func:`find_reuse` (``n``, ``pairs``, ``max_df``, ``min_shared``, ``span``, ``gap``, ``margin``,
        ``min_words`` and the alignment's scores).
    """

    tokens: np.ndarray
    bounds: np.ndarray
    documents: np.ndarray
    actors: np.ndarray
    extent: tuple[np.ndarray, np.ndarray]
    partitions: int
    options: dict


def candidates_part(work: ReuseInput, part: tuple[np.ndarray, np.ndarray, np.ndarray]
                    ) -> tuple[list[np.ndarray], dict[str, int], np.ndarray]:
    """Stage 1 of :func:`find_reuse`, for the shingles of one part (those of one hash modulo the partitions).

    A shingle's postings, and so its document frequency, all lie in its part: the part keeps its informative
    shingles, pairs their postings into seeds, and routes each seed to the part of its pair of statements.

    Parameters
    ----------
    work : ReuseInput
        The tokens and options.
    part : (numpy.ndarray, numpy.ndarray, numpy.ndarray)
        The part's shingles: hashes, statements and positions (:func:`shingles`).

    Returns
    -------
    routed : list of numpy.ndarray
        The seeds (:func:`seed_pairs`) of each part of stage 2.
    counts : dict
        ``distinct``, ``single`` and ``capped`` shingles of the part, and its ``seeds``.
    capped : numpy.ndarray of uint64
        The hashes of its shingles of more than ``max_df`` statements.
    """
    hashes, unit, position = part
    keep, counts, capped = informative(hashes, unit, max_df=work.options["max_df"])
    seeds = seed_pairs(hashes[keep], unit[keep], position[keep], work.documents, extent=work.extent)
    if work.options["pairs"] != "all":
        left, right = work.actors[seeds[:, 0]], work.actors[seeds[:, 2]]
        same = (left == right) & (left >= 0)
        seeds = seeds[same if work.options["pairs"] == "within_actor" else ~same]
    route = (seeds[:, 0].astype(np.int64) * max(len(work.documents), 1) + seeds[:, 2]) % work.partitions
    return [seeds[route == q] for q in range(work.partitions)], {**counts, "seeds": int(len(seeds))}, capped


def passages_part(work: ReuseInput, seeds: np.ndarray) -> tuple[list[tuple], int]:
    """Stage 2 of :func:`find_reuse`: chain one part's seeds into regions and align each.

    Parameters
    ----------
    work : ReuseInput
        The tokens and options.
    seeds : numpy.ndarray
        The seeds of the part's pairs of statements.

    Returns
    -------
    rows : list of tuple
        ``(a, start, end, b, start, end, pairs, equal, score)`` in tokens, one per alignment of at least
        ``min_words`` word pairs.
    n_regions : int
        The regions aligned.
    """
    options = work.options
    n, margin = options["n"], options["margin"]
    regions = chain_seeds(seeds, gap=options["gap"], min_shared=options["min_shared"])
    regions = regions[regions[:, 2] - regions[:, 1] + n >= options["span"]]
    lengths = np.diff(work.bounds)
    rows: list[tuple] = []
    scores = {key: options[key] for key in ("match", "mismatch", "gap_open", "gap_extend")}
    for a, a0, a1, b, b0, b1 in regions.tolist():
        sa, ea = max(0, a0 - margin), min(int(lengths[a]), a1 + n + margin)
        sb, eb = max(0, b0 - margin), min(int(lengths[b]), b1 + n + margin)
        found = align_region(work.tokens[work.bounds[a] + sa:work.bounds[a] + ea],
                             work.tokens[work.bounds[b] + sb:work.bounds[b] + eb], **scores)
        if found is None or found[4] < options["min_words"]:
            continue
        s_a, e_a, s_b, e_b, pairs, equal, score = found
        rows.append((a, sa + s_a, sa + e_a, b, sb + s_b, sb + e_b, pairs, equal, score))
    return rows, int(len(regions))


def _passages(tc: TokenizedCorpus, rows: list[tuple], common: np.ndarray, n: int, days: np.ndarray
              ) -> pd.DataFrame:
    """The passages as rows of :data:`REUSE_COLUMNS`: merged where regions overlap, mapped to characters, directed
    by date where both statements have one (``days``: the date's ordinal, NaN when none), else by year."""
    if not rows:
        return pd.DataFrame(columns=REUSE_COLUMNS)
    found = _best_of_each_place(np.array(rows, dtype=np.int64))
    a, a0, a1, b, b0, b1, pairs, equal, score = (found[:, k] for k in range(9))
    statements = tc.statements
    years = statements["year"].to_numpy(dtype=float, na_value=np.nan)
    ya, yb, da, db = years[a], years[b], days[a], days[b]
    dated = ~np.isnan(da) & ~np.isnan(db)
    forward = np.where(dated, da != db, ~np.isnan(ya) & ~np.isnan(yb) & (ya != yb))
    swap = forward & np.where(dated, db < da, yb < ya)  # the source is the earlier statement
    s, s0, s1 = np.where(swap, b, a), np.where(swap, b0, a0), np.where(swap, b1, a1)
    t, t0, t1 = np.where(swap, a, b), np.where(swap, a0, b0), np.where(swap, a1, b1)
    chars = _characters(tc, np.concatenate([s, t]), np.concatenate([s0, t0]), np.concatenate([s1, t1]))
    size = len(found)
    doc_ids = statements["doc_id"].to_numpy(dtype=object)
    actors = statements["actor"].to_numpy(dtype=object)
    table = pd.DataFrame({
        "source_doc": doc_ids[s], "source_start": chars[:size, 0], "source_end": chars[:size, 1],
        "target_doc": doc_ids[t], "target_start": chars[size:, 0], "target_end": chars[size:, 1],
        "n_words": pairs, "identity": np.where(pairs > 0, equal / np.maximum(pairs, 1), 0.0), "score": score,
        "direction": np.where(forward, "forward", "undirected"), "source_actor": actors[s], "target_actor": actors[t],
        "common_share": _common_share(tc, t, t0, t1, common, n)})
    order = {doc: ((0, year, day if not np.isnan(day) else np.inf) if not np.isnan(year) else (1, 0, 0), k)
             for k, (doc, year, day) in enumerate(zip(doc_ids.tolist(), years.tolist(), days.tolist()))}
    table["cluster"], table["cluster_source"] = reuse_clusters(table, order)
    return table[REUSE_COLUMNS]


def _best_of_each_place(found: np.ndarray) -> np.ndarray:
    """The alignments ``(a, a0, a1, b, b0, b1, pairs, equal, score)`` a better one of the same pair does not
    overlap (in both texts), sorted by statement and position."""
    found = found[np.lexsort((-found[:, 8], found[:, 3], found[:, 0]))]
    kept: list[int] = []
    taken: list[tuple[int, int, int, int]] = []
    pair = None
    for k, (a, a0, a1, b, b0, b1) in enumerate(found[:, :6].tolist()):
        if (a, b) != pair:
            pair, taken = (a, b), []
        if any(a0 < x1 and x0 < a1 and b0 < y1 and y0 < b1 for x0, x1, y0, y1 in taken):
            continue  # a region the best alignment of this pair already covers
        taken.append((a0, a1, b0, b1))
        kept.append(k)
    found = found[kept]
    return found[np.lexsort((found[:, 4], found[:, 3], found[:, 1], found[:, 0]))]


def _characters(tc: TokenizedCorpus, unit: np.ndarray, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """The character span in its document of each run of tokens ``first`` to ``last - 1`` of statement ``unit``:
    each statement's tokens are placed once, over the stretch its runs cover."""
    out = np.zeros((unit.size, 2), dtype=np.int64)
    for k, chosen in _by_statement(unit):
        low, high = int(first[chosen].min()), int(last[chosen].max())
        starts, ends = tc.spans(k, low, high)
        shift = int(tc.offsets[k])
        out[chosen, 0] = starts[first[chosen] - low] + shift
        out[chosen, 1] = ends[last[chosen] - 1 - low] + shift
    return out


def _by_statement(unit: np.ndarray) -> Iterator[tuple[int, np.ndarray]]:
    """Each statement of ``unit`` and the rows that are its (one stable sort)."""
    order = np.argsort(unit, kind="stable")
    cuts = np.flatnonzero(np.r_[True, unit[order][1:] != unit[order][:-1], True])
    for lo, hi in zip(cuts[:-1].tolist(), cuts[1:].tolist()):
        yield int(unit[order[lo]]), order[lo:hi]


def _common_share(tc: TokenizedCorpus, unit: np.ndarray, first: np.ndarray, last: np.ndarray, common: np.ndarray,
                  n: int) -> np.ndarray:
    """The share of each run's shingles that are in ``common`` (sorted hashes), each statement hashed once."""
    share = np.zeros(unit.size, dtype=float)
    for k, chosen in _by_statement(unit):
        words = tc.tokens[tc.bounds[k]:tc.bounds[k + 1]]
        hashes = shingles(words, np.array([0, words.size]), n)[0]
        place = np.searchsorted(common, hashes).clip(max=max(common.size - 1, 0))
        flags = np.r_[0, np.cumsum(common[place] == hashes)] if common.size else np.zeros(hashes.size + 1)
        for row in chosen.tolist():
            lo, hi = int(first[row]), max(int(last[row]) - n + 1, int(first[row]))
            share[row] = (flags[hi] - flags[lo]) / (hi - lo) if hi > lo else 0.0
    return share


def reuse_clusters(table: pd.DataFrame, order: dict[str, tuple]) -> tuple[np.ndarray, list[str]]:
    """The cluster of each passage: passages linked through a span of one document that both cover.

    Each passage links its two spans; two spans of one document next to each other in order of start that
    overlap by at least :data:`_SAME_PLACE` of the longer are one place (nearly the same words: a place inside
    a longer passage is not the longer passage, so a speech reused year after year does not chain every
    passage it holds into one cluster). A cluster is a connected set of places; its source is its earliest
    document.

    Parameters
    ----------
    table : pandas.DataFrame
        Passages (``source_doc``, ``source_start``, ``source_end``, ``target_doc``, ``target_start``,
        ``target_end``).
    order : dict of str to tuple
        A sort key of each document: its time, then its place in the corpus (the earliest first).

    Returns
    -------
    cluster : numpy.ndarray of int64
        Each passage's cluster, numbered from 0 in the order of the passages.
    source : list of str
        Each passage's cluster's earliest document.

    Examples
    --------
    >>> table = pd.DataFrame({"source_doc": ["a", "a", "c"], "source_start": [0, 2, 20], "source_end": [10, 11, 25],
    ...                       "target_doc": ["b", "c", "d"], "target_start": [5, 0, 0], "target_end": [15, 9, 5]})
    >>> cluster, source = reuse_clusters(table, {"a": (1990, 0), "b": (1995, 1), "c": (1991, 2), "d": (1999, 3)})
    >>> cluster.tolist(), source
    ([0, 0, 1], ['a', 'a', 'c'])
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    size = len(table)
    if not size:
        return np.zeros(0, dtype=np.int64), []
    docs = np.concatenate([table["source_doc"].to_numpy(dtype=object), table["target_doc"].to_numpy(dtype=object)])
    starts = np.concatenate([table["source_start"].to_numpy(np.int64), table["target_start"].to_numpy(np.int64)])
    ends = np.concatenate([table["source_end"].to_numpy(np.int64), table["target_end"].to_numpy(np.int64)])
    doc_codes = pd.factorize(docs)[0]
    nodes = np.arange(2 * size)
    edges = [(nodes[:size], nodes[size:])]
    sort = np.lexsort((starts, doc_codes))
    d, s0, e0 = doc_codes[sort], starts[sort], ends[sort]
    overlap = np.minimum(e0[:-1], e0[1:]) - s0[1:]
    longer = np.maximum(e0[:-1] - s0[:-1], e0[1:] - s0[1:])
    same = (d[:-1] == d[1:]) & (overlap >= _SAME_PLACE * longer)
    edges.append((sort[:-1][same], sort[1:][same]))
    rows = np.concatenate([e[0] for e in edges])
    cols = np.concatenate([e[1] for e in edges])
    graph = coo_matrix((np.ones(rows.size), (rows, cols)), shape=(2 * size, 2 * size))
    _, labels = connected_components(graph, directed=False)
    # number the clusters in the order of the passages
    first_seen = pd.factorize(labels[:size])[0].astype(np.int64)
    earliest: dict[int, str] = {}
    for label, doc in zip(labels.tolist(), docs.tolist()):
        best = earliest.get(label)
        if best is None or order[doc] < order[best]:
            earliest[label] = doc
    return first_seen, [earliest[label] for label in labels[:size].tolist()]


def reuse_formulae(table: pd.DataFrame, matches: Any) -> list[str]:
    """The lexicon formulae inside each passage's target span, joined by ``;`` (empty when none).

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`find_reuse`'s passages.
    matches : Matches
        The matches of a lexicon in the same corpus (:func:`toolkit.find_matches`).

    Returns
    -------
    list of str
        One per passage, the formula ids in order of their first hit.

    Examples
    --------
    >>> from toolkit import Corpus, Document, Lexicon, find_matches
    >>> corpus = Corpus([Document("a", "We condemn terrorism in all its forms.")])
    >>> table = pd.DataFrame({"target_doc": ["a", "a"], "target_start": [0, 20], "target_end": [20, 38]})
    >>> reuse_formulae(table, find_matches(corpus, Lexicon.from_phrases(["condemn", "in all its forms"])))
    ['condemn', 'in all its forms']
    """
    hits = matches.document_hits()[["doc_id", "formula", "doc_start", "doc_end"]]
    if not len(table) or hits.empty:
        return [""] * len(table)
    by_doc = {doc: part.sort_values("doc_start") for doc, part in hits.groupby("doc_id", sort=False)}
    found = []
    for doc, start, end in zip(table["target_doc"], table["target_start"], table["target_end"]):
        part = by_doc.get(doc)
        if part is None:
            found.append("")
            continue
        inside = part[(part["doc_start"] >= start) & (part["doc_end"] <= end)]
        found.append(";".join(dict.fromkeys(inside["formula"].tolist())))
    return found


def reuse_shares(table: pd.DataFrame, corpus: Corpus | Iterable[Document] | TokenizedCorpus) -> pd.DataFrame:
    """Per statement (per document, for whole texts): the share of its words inside passages from earlier documents
    of other actors, and of its own.

    A document's word is *borrowed* when it lies in the target span of a ``forward`` passage whose source is an
    earlier document of another actor, and *self-reused* when the source is an earlier document of the same
    actor (a word in both counts as borrowed). Undirected passages count for neither.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`find_reuse`'s passages.
    corpus : Corpus, iterable of Document or TokenizedCorpus
        The corpus they were found in.

    Returns
    -------
    pandas.DataFrame
        :data:`SHARE_COLUMNS`, one row per document in corpus order.
    """
    tc = corpus if isinstance(corpus, TokenizedCorpus) else tokenize_corpus(check_corpus(corpus, owner="reuse_shares"))
    statements = tc.statements
    forward = table[table["direction"] == "forward"]
    same = forward["source_actor"].notna() & (forward["source_actor"] == forward["target_actor"])
    spans: dict[str, list[tuple[int, int, bool, Any]]] = {}
    for doc, start, end, own, actor in zip(forward["target_doc"], forward["target_start"], forward["target_end"], same,
                                           forward["target_actor"]):
        spans.setdefault(doc, []).append((int(start), int(end), bool(own), None if pd.isna(actor) else actor))
    rows = []
    for k, row in enumerate(statements.itertuples(index=False)):
        starts, _ = tc.spans(k) if row.n_tokens else (np.zeros(0, dtype=np.int64), None)
        starts = starts + int(tc.offsets[k])
        borrowed = np.zeros(starts.size, dtype=bool)
        own_words = np.zeros(starts.size, dtype=bool)
        mine = None if pd.isna(row.actor) else row.actor
        for start, end, own, actor in spans.get(row.doc_id, []):
            if actor != mine:
                continue  # a passage of another statement of the document (another actor's)
            inside = (starts >= start) & (starts < end)
            if own:
                own_words |= inside
            else:
                borrowed |= inside
        own_words &= ~borrowed
        n = int(starts.size)
        rows.append((row.doc_id, row.actor, row.year, n, int(borrowed.sum()), int(own_words.sum()),
                     borrowed.sum() / n if n else 0.0, own_words.sum() / n if n else 0.0))
    return pd.DataFrame(rows, columns=SHARE_COLUMNS)
