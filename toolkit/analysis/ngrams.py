"""Counting word n-grams level by level over token ids, in one partition of a corpus or in several.

This is the engine of :func:`toolkit.analysis.discover.discover_formulae`.
It counts, for every n-gram that could pass, its frequency, its statement
range (distinct statements) and its actor range (distinct actors), with
numpy sorts over one array of token ids, never a Python loop over statements:

* **Exact keys, level by level.** Level 1 counts words. The n-grams of level
  ``n + 1`` are looked at only where the n-gram starting at a position and the
  one starting at the next position both passed the thresholds of level ``n``
  (apriori pruning: frequency, statement range and actor range can only fall
  as an n-gram grows, so nothing that could pass is missed). Each surviving
  n-gram gets a rank (its place among the survivors, in the order of their
  words), and the key of an ``(n + 1)``-gram is the pair (rank of its first
  ``n`` tokens, rank of its last ``n`` tokens): a rolling code that, unlike a
  hash, is exact, so no two n-grams ever share a key. An n-gram never crosses
  a sentence end or a statement end: the barrier is checked when words become
  pairs, and an ``(n + 1)``-gram is only formed from two ``n``-grams that are
  already inside one sentence.
* **One sort per level.** Each key is packed into one 64-bit integer with the
  index of its occurrence and sorted. The statements of a partition are laid
  out by actor, so within one key the occurrences come by actor and by
  statement, and distinct statements and actors are counted as changes
  along the sorted array.
* **Overlapping statements** of one document (attributed news: one sentence
  reported for several actors) count an n-gram at one place in the document
  once; they still count for each statement and actor.
* **Partitions.** A corpus may be cut into partitions by document (worker
  processes, a Dask cluster). Each partition counts its own documents; the
  counts of each level are summed over the partitions
  (:func:`merge_level`), the survivors and their ranks decided once and sent
  back. Actor ranges sum because documents are given to partitions by actor
  (:class:`Assigner`); an actor whose documents went to more than one
  partition (a document reporting several actors) is counted through its
  (n-gram, actor) pairs instead, which are merged exactly.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse

from ..text.corpus import Document
from ..text.tokenized import TokenizedCorpus

__all__ = ["Assigner", "LevelCounts", "NgramPartition", "WordCounts", "actor_codes", "merge_level", "merge_words"]

_NO_YEAR = np.iinfo(np.int64).max
#: Characters of text kept on each side of a candidate's example, for matching the lexicon in context.
EXAMPLE_CONTEXT = 200
_CHUNK = 1 << 22


def actor_codes(statements: pd.DataFrame) -> np.ndarray:
    """One code per actor (``actor_id``, else ``actor``), by first appearance; -1 for a statement without one.

    Parameters
    ----------
    statements : pandas.DataFrame
        A table of statements with ``actor`` and ``actor_id``
        (:attr:`toolkit.text.tokenized.TokenizedCorpus.statements`).

    Returns
    -------
    numpy.ndarray of int64
        The actor code of each statement, in order.

    Examples
    --------
    >>> table = pd.DataFrame({"actor": ["France", None, "Chad", "French Republic"],
    ...                       "actor_id": ["FRA", None, None, "FRA"]})
    >>> actor_codes(table).tolist()
    [0, -1, 1, 0]
    """
    key = statements["actor_id"].where(statements["actor_id"].notna(), statements["actor"])
    codes, _ = pd.factorize(key, use_na_sentinel=True)
    return codes.astype(np.int64)


@dataclass
class WordCounts:
    """Level 1 of one partition, by its own token ids (:meth:`NgramPartition.words`).

    Parameters
    ----------
    words : list of str
        The partition's vocabulary: the word of each of its token ids.
    frequency : numpy.ndarray
        Occurrences of each word (a place shared by overlapping statements once).
    statements : numpy.ndarray
        The number of distinct statements using each word.
    actors : numpy.ndarray
        The number of distinct actors using it, among the actors not shared
        with another partition.
    pair_words, pair_actors : numpy.ndarray
        The distinct (word, actor) pairs of the actors shared with other
        partitions, merged exactly by :func:`merge_words`.
    unigrams : numpy.ndarray
        Every occurrence, overlapping statements each (for association measures).
    """

    words: list[str]
    frequency: np.ndarray  # occurrences, a place shared by overlapping statements once
    statements: np.ndarray
    actors: np.ndarray  # distinct actors not shared with another partition
    pair_words: np.ndarray  # (word, actor) for the actors shared with other partitions
    pair_actors: np.ndarray
    unigrams: np.ndarray  # every occurrence, overlapping statements each (for association measures)


@dataclass
class LevelCounts:
    """One level of one partition (or of several, merged): each distinct key, sorted, with its counts.

    Parameters
    ----------
    keys : numpy.ndarray of int64
        The n-grams of the level: rank of the first ``n - 1`` tokens times the
        number of survivors of the level before, plus the rank of the last
        ``n - 1`` tokens; exact, each n-gram one key.
    frequency, statements, actors : numpy.ndarray
        Occurrences (a place shared by overlapping statements once), distinct
        statements and distinct actors (not shared with another partition) of
        each key.
    pair_keys, pair_actors : numpy.ndarray, optional
        The distinct (index into ``keys``, actor) pairs of the shared actors.
    """

    keys: np.ndarray
    frequency: np.ndarray
    statements: np.ndarray
    actors: np.ndarray
    pair_keys: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))  # index into keys
    pair_actors: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))


def _firsts(values: np.ndarray) -> np.ndarray:
    """Where a run of equal values begins."""
    new = np.empty(values.size, dtype=bool)
    if values.size:
        new[0] = True
        np.not_equal(values[1:], values[:-1], out=new[1:])
    return new


def _distinct_pairs(keys: np.ndarray, actors: np.ndarray, n_actors: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (key index, actor) pairs."""
    packed = np.sort(keys.astype(np.int64) * max(n_actors, 1) + actors)
    packed = packed[_firsts(packed)]
    return packed // max(n_actors, 1), packed % max(n_actors, 1)


class NgramPartition:
    """The documents of one partition, laid out for counting, and what its levels found.

    The methods are called in order: :meth:`words`, :meth:`begin` (ranks of
    the surviving words; returns level 2), :meth:`advance` once per level,
    then :meth:`coverage`, :meth:`examples` and :meth:`pair_counts` in any
    order.

    Parameters
    ----------
    tc : TokenizedCorpus
        The partition's statements, tokenised.
    actors : array of int
        The actor code of each statement (-1: none), the same codes in every
        partition of a corpus (:func:`actor_codes`, :class:`Assigner`).
    order : array of int
        Each statement's number in the whole corpus (for the first occurrence).
    shared : array of int, optional
        The actor codes whose statements are in other partitions too.
    """

    def __init__(self, tc: TokenizedCorpus, actors, order, shared=None) -> None:
        self.tc = tc
        n_statements = len(tc)
        actors = np.asarray(actors, dtype=np.int64)
        # Statements by actor (statements without one first), then in corpus order.
        layout = np.lexsort((np.arange(n_statements), actors))
        lengths = np.diff(tc.bounds)[layout]
        self.layout = layout
        self.actor = actors[layout].astype(np.int32)
        self.order = np.asarray(order, dtype=np.int64)[layout]
        years = tc.statements["year"].to_numpy(dtype=float, na_value=np.nan)[layout]
        self.year = np.full(n_statements, _NO_YEAR, dtype=np.int64)  # no year: after every year
        self.year[~np.isnan(years)] = years[~np.isnan(years)].astype(np.int64)
        self.bounds = np.zeros(n_statements + 1, dtype=np.int64)
        np.cumsum(lengths, out=self.bounds[1:])
        self.ids: np.ndarray | None
        self.breaks: np.ndarray | None
        if np.array_equal(layout, np.arange(n_statements)):
            self.ids, self.breaks = tc.tokens, tc.breaks
        else:
            starts = tc.bounds[layout].tolist()
            ends = tc.bounds[layout + 1].tolist()
            self.ids = _gather(tc.tokens, starts, ends, np.int32)
            self.breaks = _gather(tc.breaks, starts, ends, bool)
        shared = np.empty(0, dtype=np.int64) if shared is None else np.asarray(shared, dtype=np.int64)
        top = max(int(actors.max()) if actors.size else -1, int(shared.max()) if shared.size else -1)
        self.shared = np.zeros(top + 2, dtype=bool)  # indexed by actor code; [-1] (no actor) stays False
        self.shared[shared] = True
        self._places(tc)
        self.remap = np.empty(0, dtype=np.int32)
        self.level = 1
        self.candidates: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self._pending: tuple | None = None

    # -- set-up ------------------------------------------------------------------------------------
    def _places(self, tc: TokenizedCorpus) -> None:
        """Where overlapping statements are: each of their tokens' place in its document."""
        self.ov_pos = self.ov_place = np.empty(0, dtype=np.int64)
        if not tc.overlapping.any():
            return
        docs = pd.factorize(tc.statements["doc_id"])[0].astype(np.int64)
        where = np.empty(len(tc), dtype=np.int64)
        where[self.layout] = np.arange(len(tc))
        positions, places = [], []
        for k in np.flatnonzero(tc.overlapping).tolist():
            starts, _ = tc.spans(k)
            positions.append(self.bounds[where[k]] + np.arange(starts.size))
            places.append((docs[k] << 32) | (int(tc.offsets[k]) + starts.astype(np.int64)))
        pos = np.concatenate(positions)
        if pos.size == 0:
            return
        order = np.argsort(pos)
        self.ov_pos, self.ov_place = pos[order], np.concatenate(places)[order]

    def _duplicates(self, positions: np.ndarray, keys: np.ndarray) -> np.ndarray | None:
        """Occurrences that repeat one at the same place of the same document with the same key."""
        if self.ov_pos.size == 0 or positions.size == 0:
            return None
        at = np.minimum(np.searchsorted(self.ov_pos, positions), self.ov_pos.size - 1)
        inside = np.flatnonzero(self.ov_pos[at] == positions)
        if inside.size < 2:
            return None
        place, key = self.ov_place[at[inside]], keys[inside]
        o = np.lexsort((inside, key, place))
        same = (place[o][1:] == place[o][:-1]) & (key[o][1:] == key[o][:-1])
        if not same.any():
            return None
        dup = np.zeros(positions.size, dtype=bool)
        dup[inside[o][1:][same]] = True
        return dup

    def _statement_of(self, positions: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.bounds, positions, side="right") - 1

    # -- level 1 -----------------------------------------------------------------------------------
    def words(self) -> WordCounts:
        """Frequency, statement range and actor range of every word of the partition (level 1).

        Returns
        -------
        WordCounts
            The counts of each token id of the partition.
        """
        ids, vocabulary = self.ids, self.tc.vocabulary
        assert ids is not None, "words() comes first"
        size = len(vocabulary)
        empty = np.zeros(size, dtype=np.int64)
        if ids.size == 0:
            none = np.empty(0, dtype=np.int64)
            return WordCounts(list(vocabulary), empty, empty, empty, none, none, empty)
        # (word, statement) in one integer, sorted: runs of a word, by statement (and so by actor). The
        # two halves are read back as int32 views, without copies.
        packed = ids.astype(np.int64)
        np.left_shift(packed, 32, out=packed)
        np.bitwise_or(packed, np.repeat(np.arange(self.bounds.size - 1, dtype=np.int32), np.diff(self.bounds)),
                      out=packed)
        packed.sort()
        new_statement = _firsts(packed)
        halves = packed.view(np.int32)
        low, high = (0, 1) if sys.byteorder == "little" else (1, 0)
        word, statement = halves[high::2], halves[low::2]
        n_stat = np.bincount(word[new_statement], minlength=size)
        del new_statement
        actor = self.actor[statement]
        new_actor = _firsts(actor)
        new_actor |= _firsts(word)
        new_actor &= actor >= 0
        shared = self.shared[actor]
        n_act = np.bincount(word[new_actor & ~shared], minlength=size)
        pairs = new_actor & shared
        pair_words, pair_actors = word[pairs].astype(np.int64), actor[pairs].astype(np.int64)
        del word, statement, halves, packed, actor, new_actor, shared, pairs
        unigrams = np.bincount(ids, minlength=size)
        frequency = unigrams.copy()
        if self.ov_pos.size:
            dup = self._duplicates(self.ov_pos, ids[self.ov_pos])
            if dup is not None:
                frequency -= np.bincount(ids[self.ov_pos[dup]], minlength=size)
        return WordCounts(list(vocabulary), frequency, n_stat, n_act, pair_words, pair_actors, unigrams)

    def _statements(self, positions: np.ndarray) -> np.ndarray:
        """The statement (in the layout) of each of the sorted ``positions``, as int32."""
        counts = np.diff(np.searchsorted(positions, self.bounds))
        return np.repeat(np.arange(counts.size, dtype=np.int32), counts)

    def begin(self, remap: np.ndarray, size: int) -> LevelCounts:
        """Given the rank of each surviving word (-1: did not survive), count the pairs of words (level 2).

        A pair is counted where both words survived and no sentence starts at
        the second.

        Parameters
        ----------
        remap : array of int
            The rank of each of the partition's token ids among the surviving
            words, or -1.
        size : int
            The number of surviving words.

        Returns
        -------
        LevelCounts
            The pairs, keyed ``rank of the first * size + rank of the second``.
        """
        self.remap = np.asarray(remap, dtype=np.int32)
        assert self.ids is not None and self.breaks is not None, "begin() comes once, after words()"
        rank = self.remap[self.ids] if self.ids.size else np.empty(0, dtype=np.int32)
        both = rank[:-1] >= 0
        both &= rank[1:] >= 0
        both &= ~self.breaks[1:]
        self.ids = self.breaks = None  # not needed any more (the layout's copies, if any, go)
        positions = _nonzero(both)
        del both
        keys = np.empty(positions.size, dtype=np.int64)
        for a in range(0, positions.size, _CHUNK):  # rank of the first word * size + rank of the second
            at = positions[a:a + _CHUNK]
            np.multiply(rank[at], size, out=keys[a:a + _CHUNK], dtype=np.int64)
            keys[a:a + _CHUNK] += rank[at + 1]
        del rank
        self.level = 2
        return self._count(positions, keys)

    # -- levels 2 and up ---------------------------------------------------------------------------
    def _count(self, positions: np.ndarray, keys: np.ndarray) -> LevelCounts:
        """Counts per distinct key of the occurrences at ``positions``; what :meth:`advance` needs is kept."""
        n = keys.size
        dup = self._duplicates(positions, keys)
        none = np.empty(0, dtype=np.int64)
        if n == 0:
            self._pending = (positions, np.empty(0, np.int32), none, dup)
            return LevelCounts(none, none, none, none)
        bits = max(int(n - 1).bit_length(), 1)
        if int(keys.max()).bit_length() + bits <= 63:
            # key and occurrence index in one integer: one fast sort, occurrences of a key in position order
            keys <<= bits
            for a in range(0, n, _CHUNK):
                keys[a:a + _CHUNK] |= np.arange(a, min(a + _CHUNK, n), dtype=np.int64)
            keys.sort()
            index = np.empty(n, dtype=np.int32)
            np.bitwise_and(keys, (1 << bits) - 1, out=index, casting="unsafe")
            keys >>= bits
        else:  # pragma: no cover - needs more than 2**63 packed values
            order = np.argsort(keys, kind="stable")
            index, keys = order.astype(np.int32), keys[order]
            del order
        new_key = _firsts(keys)
        starts = np.flatnonzero(new_key)
        unique = keys[starts]
        del keys
        sizes = np.diff(np.append(starts, n))
        statement = self._statements(positions)[index]
        new_statement = _firsts(statement)
        new_statement |= new_key
        n_stat = _group_sums(new_statement, starts)
        del new_statement
        actor = self.actor[statement]
        del statement
        new_actor = _firsts(actor)
        new_actor |= new_key
        new_actor &= actor >= 0
        del new_key
        frequency = sizes.astype(np.int64)
        if dup is not None:
            frequency -= _group_sums(dup[index], starts)
        if self.shared.any():
            shared = self.shared[actor]
            n_act = _group_sums(new_actor & ~shared, starts)
            at = np.flatnonzero(new_actor & shared)
            pair_keys = np.searchsorted(starts, at, side="right") - 1
            counts = LevelCounts(unique, frequency, n_stat, n_act, pair_keys, actor[at].astype(np.int64))
        else:
            counts = LevelCounts(unique, frequency, n_stat, _group_sums(new_actor, starts))
        self._pending = (positions, index, sizes, dup)
        return counts

    def advance(self, ranks: np.ndarray, size: int, candidate: np.ndarray | None, last: bool) -> LevelCounts | None:
        """Given the rank of each of the last level's keys among the survivors (-1: none), count the next level.

        An (n + 1)-gram is counted where the n-grams at a position and at the
        next both survived (so it lies in one sentence).

        Parameters
        ----------
        ranks : array of int
            The rank of each key of the level just counted among its
            survivors, or -1.
        size : int
            The number of survivors of that level.
        candidate : array of bool, optional
            Which survivors (by rank) are candidates; their occurrences are
            kept for :meth:`coverage` and :meth:`examples`.
        last : bool
            Whether this is the last level: nothing more is counted.

        Returns
        -------
        LevelCounts or None
            The next level, keyed ``rank of the prefix * size + rank of the
            suffix``; None after the last level.
        """
        assert self._pending is not None
        positions, index, sizes, dup = self._pending
        self._pending = None
        rank = np.empty(positions.size, dtype=np.int32)
        rank[index] = np.repeat(np.asarray(ranks, dtype=np.int32), sizes)
        del index
        keep = rank >= 0
        positions, rank = positions[keep], rank[keep]
        dup = dup[keep] if dup is not None else np.zeros(positions.size, dtype=bool)
        del keep
        if candidate is not None:
            chosen = np.asarray(candidate, dtype=bool)[rank] if rank.size else np.zeros(0, dtype=bool)
            self.candidates[self.level] = (positions[chosen], rank[chosen], dup[chosen])
        if last:
            return None
        following = _nonzero((positions[1:] - positions[:-1]) == 1)  # the n-grams at p and p + 1 both survived
        keys = np.empty(following.size, dtype=np.int64)
        for a in range(0, following.size, _CHUNK):
            at = following[a:a + _CHUNK]
            np.multiply(rank[at], size, out=keys[a:a + _CHUNK], dtype=np.int64)
            keys[a:a + _CHUNK] += rank[at + 1]
        positions = positions[following]
        del rank, following
        self.level += 1
        return self._count(positions, keys)

    # -- per statement (the dispersion of keyness) ---------------------------------------------------
    def lengths(self) -> np.ndarray:
        """The tokens of each statement, in the order of the partition's corpus.

        Returns
        -------
        numpy.ndarray of int64
            One length per statement.
        """
        return np.diff(self.tc.bounds)

    def statement_matrix(self, ranks: np.ndarray, size: int, level: int = 1) -> sparse.csr_matrix:
        """Occurrences per statement (rows, in the order of the partition's corpus) of ranked features (columns).

        Level 1 (between :meth:`words` and :meth:`begin`): the words, ``ranks`` giving each token id's column
        (-1: none). Level 2 and up: the candidates of that level kept by :meth:`advance`, by their rank among
        the level's survivors (``ranks`` is not used); they are handed over once.

        Parameters
        ----------
        ranks : array of int
            The column of each of the partition's token ids, or -1 (level 1).
        size : int
            The number of columns.
        level : int, default 1
            The n-gram length.

        Returns
        -------
        scipy.sparse.csr_matrix of int64
            Statements x features.
        """
        if level == 1:
            assert self.ids is not None, "the words' matrix comes before begin()"
            ids = np.asarray(ranks, dtype=np.int64)[self.ids] if self.ids.size else np.empty(0, np.int64)
            positions = np.arange(ids.size)
        else:
            positions, rank, _ = self.candidates.pop(level)
            ids = rank.astype(np.int64)
        keep = ids >= 0
        rows = self.layout[np.searchsorted(self.bounds, positions[keep], side="right") - 1]
        data = np.ones(int(keep.sum()), dtype=np.int64)
        matrix = sparse.coo_matrix((data, (rows, ids[keep])), shape=(self.bounds.size - 1, size)).tocsr()
        matrix.sum_duplicates()
        return matrix

    # -- after the last level ----------------------------------------------------------------------
    def coverage(self, min_n: int, max_n: int) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        """For each level: the candidates' ranks and how many of their occurrences lie inside a longer candidate.

        Parameters
        ----------
        min_n, max_n : int
            The shortest and the longest level of candidates.

        Returns
        -------
        dict of int to (numpy.ndarray, numpy.ndarray)
            For each level, the ranks of the candidates with covered
            occurrences, and how many of them each has (a place shared by
            overlapping statements once, covered if it is in any of them).
        """
        covering = np.zeros(int(self.bounds[-1]) + 1, dtype=bool)  # whose (n + 1)-gram is, or lies inside, a candidate
        found = {}
        for n in range(max_n, min_n - 1, -1):
            inside = covering  # the n-grams at p and p + 1 lie inside the (n + 1)-gram at p
            inside[1:] |= covering[:-1].copy()
            positions, rank, dup = self.candidates.get(n, (np.empty(0, np.int64),) * 2 + (np.empty(0, bool),))
            covered = inside[positions]
            if dup.any():
                self._covered_anywhere(positions, rank, covered)
            covered &= ~dup
            counts = np.bincount(rank[covered])
            ranks = np.flatnonzero(counts)
            found[n] = (ranks, counts[ranks])
            inside[positions] = True
            covering = inside
        return found

    def _covered_anywhere(self, positions: np.ndarray, rank: np.ndarray, covered: np.ndarray) -> None:
        """An n-gram at one place of a document is covered if it is in any of the statements sharing the place."""
        at = np.minimum(np.searchsorted(self.ov_pos, positions), self.ov_pos.size - 1)
        inside = np.flatnonzero(self.ov_pos[at] == positions)
        place, r = self.ov_place[at[inside]], rank[inside]
        o = np.lexsort((r, place))
        inside, place, r = inside[o], place[o], r[o]
        starts = np.flatnonzero(_firsts(place) | _firsts(r))
        anywhere = np.logical_or.reduceat(covered[inside], starts)
        covered[inside] = np.repeat(anywhere, np.diff(np.append(starts, inside.size)))

    def examples(self, wanted: dict[int, np.ndarray]) -> dict[int, dict]:
        """Each wanted candidate's first occurrence here (by year, then corpus order), with its text.

        Parameters
        ----------
        wanted : dict of int to array of int
            The ranks of the wanted candidates of each level.

        Returns
        -------
        dict of int to dict
            For each level: ``rank``, ``year`` and ``order`` (arrays, to
            choose the first over the partitions) and ``rows``, one tuple per
            candidate: statement id, start, end, text, year, actor, the text
            around the occurrence (:data:`EXAMPLE_CONTEXT` characters each
            side, in which the lexicon is matched) and the occurrence's offset
            in it.
        """
        found = {}
        statements = self.tc.statements
        for n, ranks in wanted.items():
            positions, rank, _ = self.candidates.get(n, (np.empty(0, np.int64), np.empty(0, np.int32), None))
            ranks = np.asarray(ranks, dtype=np.int64)
            table = np.zeros(max(int(ranks.max(initial=-1)), int(rank.max(initial=-1))) + 1, dtype=bool)
            table[ranks] = True
            chosen = table[rank]
            positions, rank = positions[chosen], rank[chosen]
            where = self._statement_of(positions)
            o = np.lexsort((positions, self.order[where], self.year[where], rank))
            first = o[_firsts(rank[o])]
            rows = []
            for p, st in zip(positions[first].tolist(), where[first].tolist()):
                k = int(self.layout[st])
                offset = p - int(self.bounds[st])
                starts, ends = self.tc.spans(k, offset, offset + n)
                start, end = int(starts[0]), int(ends[-1])
                row = statements.iloc[k]
                actor = row["actor_id"] if isinstance(row["actor_id"], str) else row["actor"]
                text = self.tc.texts[k]
                left = max(0, start - EXAMPLE_CONTEXT)
                rows.append((row["statement_id"], start, end, text[start:end],
                             None if pd.isna(row["year"]) else int(row["year"]),
                             actor if isinstance(actor, str) else None,
                             text[left:end + EXAMPLE_CONTEXT], start - left))
            found[n] = {"rank": rank[first], "year": self.year[where[first]], "order": self.order[where[first]],
                        "rows": rows}
        return found

    def pair_counts(self, size: int, wanted: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """How often each wanted pair of surviving words (``a * size + b``) occurs with b 1 and 2 tokens after a.

        Every occurrence counts (overlapping statements each), across sentence
        ends but not across statements, as the association measure wants.

        Parameters
        ----------
        size : int
            The number of surviving words (the ranks of :meth:`begin`).
        wanted : (array of int, array of int)
            The pairs wanted with b right after a (bigrams), and with one
            token between (skip-bigrams).

        Returns
        -------
        (numpy.ndarray, numpy.ndarray)
            The count of each wanted pair, in the order asked.
        """
        rank = self.remap[self.tc.tokens] if self.tc.tokens.size else np.empty(0, dtype=np.int32)
        bounds = self.tc.bounds
        counted = []
        for gap, codes in zip((1, 2), wanted):
            codes = np.asarray(codes, dtype=np.int64)
            if codes.size == 0 or rank.size <= gap:
                counted.append(np.zeros(codes.size, dtype=np.int64))
                continue
            first_word, second_word = np.zeros(size + 1, dtype=bool), np.zeros(size + 1, dtype=bool)
            first_word[codes // size + 1] = True  # index 0: a word that did not survive
            second_word[codes % size + 1] = True
            ok = first_word[rank[:-gap] + 1]
            ok &= second_word[rank[gap:] + 1]
            for g in range(1, gap + 1):  # not across a statement's start
                before = bounds[1:-1] - g
                ok[before[(before >= 0) & (before < ok.size)]] = False
            at = np.flatnonzero(ok)
            pairs = rank[at].astype(np.int64) * size + rank[at + gap]
            pairs.sort()
            counted.append(np.searchsorted(pairs, codes, side="right") - np.searchsorted(pairs, codes, side="left"))
        return counted[0], counted[1]


def _group_sums(mask: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """How many ``True`` in each run of ``mask`` beginning at ``starts``, a chunk of runs at a time."""
    out = np.empty(starts.size, dtype=np.int64)
    cuts = np.unique(np.searchsorted(starts, np.arange(0, mask.size, _CHUNK), side="right") - 1)
    cuts = np.append(cuts[cuts >= 0], starts.size)
    for g0, g1 in zip(cuts[:-1].tolist(), cuts[1:].tolist()):
        a, b = int(starts[g0]), int(starts[g1]) if g1 < starts.size else mask.size
        out[g0:g1] = np.add.reduceat(mask[a:b], starts[g0:g1] - a, dtype=np.int64)
    return out


def _nonzero(mask: np.ndarray) -> np.ndarray:
    """``numpy.flatnonzero`` as int32, a chunk at a time (half the memory)."""
    found = [np.flatnonzero(mask[a:a + _CHUNK]).astype(np.int32) + np.int32(a) for a in range(0, mask.size, _CHUNK)]
    return np.concatenate(found) if found else np.empty(0, dtype=np.int32)


def _gather(array: np.ndarray, starts: list[int], ends: list[int], dtype) -> np.ndarray:
    if not starts:
        return np.empty(0, dtype=dtype)
    return np.concatenate([array[a:b] for a, b in zip(starts, ends)]).astype(dtype, copy=False)


# ---------------------------------------------------------------------------------------------------
# The coordinator's side: summing partitions
# ---------------------------------------------------------------------------------------------------
def merge_words(parts: list[WordCounts], n_actors: int) -> tuple[list[str], dict[str, np.ndarray], list[np.ndarray]]:
    """The words of all partitions with their summed counts, and each partition's index into them.

    Parameters
    ----------
    parts : list of WordCounts
        Level 1 of each partition.
    n_actors : int
        The number of actor codes.

    Returns
    -------
    words : list of str
        Every word of the partitions, once (a single partition's in its order).
    summed : dict of str to numpy.ndarray
        ``frequency``, ``statements``, ``actors`` and ``unigrams`` of each
        word, summed; a shared actor counts once.
    where : list of numpy.ndarray
        For each partition, the index in ``words`` of each of its token ids.
    """
    if len(parts) == 1:
        only = parts[0]
        return only.words, {"frequency": only.frequency, "statements": only.statements, "actors": only.actors,
                            "unigrams": only.unigrams}, [np.arange(len(only.words))]
    codes, words = pd.factorize(np.array([w for p in parts for w in p.words], dtype=object))
    where, at = [], 0
    for p in parts:
        where.append(codes[at:at + len(p.words)])
        at += len(p.words)
    size = len(words)
    summed = {name: np.zeros(size, dtype=np.int64) for name in ("frequency", "statements", "actors", "unigrams")}
    for p, w in zip(parts, where):
        for name in summed:
            np.add.at(summed[name], w, getattr(p, name))
    keys, actors = _distinct_pairs(np.concatenate([w[p.pair_words] for p, w in zip(parts, where)]),
                                   np.concatenate([p.pair_actors for p in parts]), n_actors)
    summed["actors"] += np.bincount(keys, minlength=size)
    return list(words), summed, where


def merge_level(parts: list[LevelCounts], n_actors: int) -> tuple[LevelCounts, list[np.ndarray]]:
    """The keys of all partitions with their summed counts, and each partition's index into them.

    Parameters
    ----------
    parts : list of LevelCounts
        One level of each partition, keyed by the same ranks.
    n_actors : int
        The number of actor codes.

    Returns
    -------
    merged : LevelCounts
        Every key once, sorted, with its counts summed (a shared actor once).
    where : list of numpy.ndarray
        For each partition, the index in ``merged.keys`` of each of its keys.
    """
    if len(parts) == 1:
        only = parts[0]
        return only, [np.arange(only.keys.size)]
    keys, inverse = np.unique(np.concatenate([p.keys for p in parts]), return_inverse=True)
    where, at = [], 0
    for p in parts:
        where.append(inverse[at:at + p.keys.size])
        at += p.keys.size

    def total(name: str) -> np.ndarray:
        weights = np.concatenate([getattr(p, name) for p in parts]).astype(np.float64)
        return np.bincount(inverse, weights=weights, minlength=keys.size).astype(np.int64)

    actors = total("actors")
    pair_keys, _ = _distinct_pairs(np.concatenate([w[p.pair_keys] for p, w in zip(parts, where)]),
                                   np.concatenate([p.pair_actors for p in parts]), n_actors)
    actors += np.bincount(pair_keys, minlength=keys.size)
    return LevelCounts(keys, total("frequency"), total("statements"), actors), where


class Assigner:
    """Gives documents to ``parts`` partitions, keeping an actor's documents together and the sizes even.

    An actor goes, at its first document, to the partition with the fewest
    characters so far; a document without actor goes there too. Each
    statement gets its actor code and its number in the corpus. Actors that
    end up in more than one partition (a document reporting several) are
    :attr:`shared`.

    Parameters
    ----------
    parts : int
        The number of partitions.

    Examples
    --------
    >>> assigner = Assigner(2)
    >>> [assigner.assign(Document(k, "x" * n, actor=a))[0] for k, n, a in [("a", 9, "A"), ("b", 5, "B"),
    ...                                                                    ("c", 1, "A"), ("d", 2, "C")]]
    [0, 1, 0, 1]
    """

    def __init__(self, parts: int) -> None:
        self.parts = parts
        self.sizes = [0] * parts
        self.codes: dict[str, int] = {}
        self.home: dict[int, int] = {}
        self.places: dict[int, set[int]] = {}
        self.statements = 0

    def assign(self, doc: Document) -> tuple[int, list[int], list[int]]:
        """The partition of ``doc``, and the actor code and corpus number of each of its statements.

        Parameters
        ----------
        doc : Document
            The next document of the corpus.

        Returns
        -------
        part : int
            Its partition: its first actor's, or the smallest for a new actor
            or none.
        codes : list of int
            The actor code of each of its statements (-1: none).
        numbers : list of int
            The number of each of its statements in the corpus.
        """
        codes = []
        for st in doc.statements:
            key = st.actor_id if st.actor_id is not None else st.actor
            codes.append(-1 if key is None else self.codes.setdefault(key, len(self.codes)))
        first = next((c for c in codes if c >= 0), -1)
        part = self.home.get(first)
        if part is None:
            part = min(range(self.parts), key=self.sizes.__getitem__)
            if first >= 0:
                self.home[first] = part
        self.sizes[part] += len(doc.text)
        for c in codes:
            if c >= 0:
                self.places.setdefault(c, set()).add(part)
        numbers = list(range(self.statements, self.statements + len(codes)))
        self.statements += len(codes)
        return part, codes, numbers

    @property
    def shared(self) -> np.ndarray:
        """The codes of the actors whose statements are in more than one partition, sorted."""
        return np.array(sorted(c for c, where in self.places.items() if len(where) > 1), dtype=np.int64)
