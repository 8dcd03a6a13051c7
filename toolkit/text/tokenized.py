"""Every statement of a corpus as integer token ids, tokenised once for the analyses that count n-grams.

:func:`tokenize_corpus` folds and tokenises each statement exactly as the
matcher does (:mod:`toolkit.text.tokens`), gives every distinct token an id
(its rank of first appearance), and marks the tokens that begin a sentence,
so that n-grams never cross a sentence end.

The ids of all statements are kept in one array, one statement after the
other (:attr:`TokenizedCorpus.tokens`, cut by :attr:`TokenizedCorpus.bounds`),
with one flag per token saying whether a sentence starts there
(:attr:`TokenizedCorpus.breaks`; every statement's first token does). That
is what n-gram counting needs, in 5 bytes a token. The character span of a
token in its statement's verbatim text is computed again when it is asked for
(:meth:`TokenizedCorpus.spans`): few are ever needed, and keeping them all
would triple the memory.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from ..validation import check_corpus
from .corpus import Corpus, Document
from .normalize import fold_for_tokens
from .tokens import TokenBatch, _ends_sentence, abbreviations, ends_sentence, index_batch, split_tokens

__all__ = ["TokenizedCorpus", "WordCounts", "count_words", "tokenize_corpus", "tokenize_regions", "STATEMENT_FIELDS",
           "sum_by_word"]

#: The columns of :attr:`TokenizedCorpus.statements`.
STATEMENT_FIELDS = ["statement_id", "doc_id", "actor", "actor_id", "year", "n_tokens"]
# A separator can end a sentence (ends_sentence) only where it holds '.', '!', '?' or '…', or a blank line
# (two line breaks); the others are not asked about. A test checks that the sentence numbering equals
# the one of toolkit.text.tokens.sentence_breaks, which asks about every separator.
_STOPS = [ord(c) for c in ".!?\u2026"]
_STOPS_OR_LINES = re.compile("[.!?\u2026\n\r]")
_EIGHT = np.arange(8)
_LOW = (1 << 64) - 1
# The low k bytes of a 64-bit word, for k = 0 to 8.
_MASKS = np.array([(1 << (8 * k)) - 1 for k in range(9)], dtype=np.uint64)
# Characters of statements tokenised together (one pass of array operations).
_BATCH_CHARACTERS = 1_000_000
# Characters of statements counted together by count_words.
_COUNT_CHARACTERS = 8_000_000


@dataclass(eq=False)
class TokenizedCorpus:
    """Every statement as token ids, with what discovery and formulaicity need to know about it.

    Build one with :func:`tokenize_corpus`.

    Parameters
    ----------
    vocabulary : list of str
        The folded token of each id.
    tokens : numpy.ndarray of int32
        The ids of the tokens of every statement, one statement after the other.
    bounds : numpy.ndarray of int64
        Statement ``k`` holds ``tokens[bounds[k]:bounds[k + 1]]``.
    breaks : numpy.ndarray of bool
        Whether a sentence begins at each token (every statement's first token).
    sentence_starts : numpy.ndarray of int64
        Where each sentence's first token starts in its statement's text (one
        per ``True`` in :attr:`breaks`): :meth:`spans` tokenises from there.
    statements : pandas.DataFrame
        :data:`STATEMENT_FIELDS`, one row per statement.
    texts : list of str
        Each statement's verbatim text.
    offsets, overlapping : numpy.ndarray
        Where each statement starts in its document, and whether it overlaps
        another statement of the same document (attributed news: one sentence
        reported for several actors).
    """

    vocabulary: list[str]
    tokens: np.ndarray
    bounds: np.ndarray
    breaks: np.ndarray
    sentence_starts: np.ndarray
    statements: pd.DataFrame
    texts: list[str]
    offsets: np.ndarray
    overlapping: np.ndarray

    def __len__(self) -> int:
        return len(self.texts)

    @cached_property
    def _sentence_bounds(self) -> np.ndarray:
        """The index of each statement's first sentence in :attr:`sentence_starts`."""
        counts = np.zeros(len(self), dtype=np.int64)
        full = np.flatnonzero(np.diff(self.bounds) > 0)
        if full.size:
            counts[full] = np.add.reduceat(self.breaks, self.bounds[full], dtype=np.int64)
        return np.concatenate([[0], np.cumsum(counts)])

    @property
    def ids(self) -> list[np.ndarray]:
        """The token ids of each statement (views into :attr:`tokens`)."""
        return [self.tokens[a:b] for a, b in zip(self.bounds[:-1].tolist(), self.bounds[1:].tolist())]

    @property
    def sentences(self) -> list[np.ndarray]:
        """The sentence number (0, 1, ...) of each token, per statement."""
        return [np.cumsum(self.breaks[a:b], dtype=np.int32) - 1
                for a, b in zip(self.bounds[:-1].tolist(), self.bounds[1:].tolist())]

    def spans(self, k: int, first: int = 0, last: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The start and end offsets of statement ``k``'s tokens ``first`` to ``last - 1`` in its verbatim text.

        Only the sentences holding those tokens are tokenised again (a
        sentence starts at a token, after a separator, so its tokens are the
        same alone as in the whole text).

        Parameters
        ----------
        k : int
            The statement's index.
        first : int, default 0
            The first token wanted.
        last : int, optional
            One past the last token wanted (default: the statement's end).

        Returns
        -------
        starts, ends : numpy.ndarray of int64
            The tokens' offsets into ``texts[k]``.

        Examples
        --------
        >>> tc = tokenize_corpus(Corpus.from_texts(["In all its\\nforms. We condemn it."]))
        >>> tc.spans(0)
        (array([ 0,  3,  7, 11, 18, 21, 29]), array([ 2,  6, 10, 16, 20, 28, 31]))
        >>> tc.spans(0, 5, 7)
        (array([21, 29]), array([28, 31]))
        """
        a, b = int(self.bounds[k]), int(self.bounds[k + 1])
        last = b - a if last is None else last
        text = self.texts[k]
        if first == 0 and last == b - a:
            _, starts, ends = _tokens(text)
            return starts, ends
        heads = np.flatnonzero(self.breaks[a:b])  # the first token of each sentence of the statement
        first_sentence = int(self._sentence_bounds[k])
        chars = self.sentence_starts[first_sentence:first_sentence + heads.size]
        s0 = int(np.searchsorted(heads, first, side="right")) - 1
        s1 = int(np.searchsorted(heads, max(last - 1, first), side="right"))
        start_char = int(chars[s0])
        end_char = int(chars[s1]) if s1 < heads.size else len(text)
        _, starts, ends = _tokens(text[start_char:end_char])
        skip = first - int(heads[s0])
        return starts[skip:skip + last - first] + start_char, ends[skip:skip + last - first] + start_char

    @classmethod
    def concat(cls, parts: Iterable[TokenizedCorpus]) -> TokenizedCorpus:
        """Corpora tokenised apart (batches of one corpus, in order) as one; vocabularies merged.

        A word's id stays its rank of first appearance across the parts, so
        the result equals tokenising the whole corpus at once.

        Parameters
        ----------
        parts : iterable of TokenizedCorpus
            The parts, in corpus order.

        Returns
        -------
        TokenizedCorpus
            The parts as one.
        """
        vocabulary: dict[str, int] = {}
        tokens, breaks, heads, bounds = [], [], [], [np.zeros(1, np.int64)]
        frames, texts, offsets, overlapping = [], [], [], []
        size = 0
        for part in parts:
            get = vocabulary.setdefault
            remap = np.fromiter((get(w, len(vocabulary)) for w in part.vocabulary), dtype=np.int32,
                                count=len(part.vocabulary))
            tokens.append(remap[part.tokens])
            breaks.append(part.breaks)
            heads.append(part.sentence_starts)
            bounds.append(part.bounds[1:] + size)
            size += int(part.bounds[-1])
            frames.append(part.statements)
            texts.extend(part.texts)
            offsets.append(part.offsets)
            overlapping.append(part.overlapping)
        statements = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=STATEMENT_FIELDS)
        statements["year"] = statements["year"].astype("Int64")
        return cls(list(vocabulary), _joined(tokens, np.int32), np.concatenate(bounds), _joined(breaks, bool),
                   _joined(heads, np.int64), statements, texts, _joined(offsets, np.int64), _joined(overlapping, bool))


def _joined(arrays: list[np.ndarray], dtype) -> np.ndarray:
    return np.concatenate(arrays).astype(dtype, copy=False) if arrays else np.empty(0, dtype=dtype)


def _tokens(text: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The folded tokens of a verbatim text and their offsets in it."""
    folded = fold_for_tokens(text)
    tokens, starts, ends = split_tokens(folded.text)
    if not folded.is_identity:
        starts, ends = folded.spans_to_original(starts, ends)
    return tokens, starts, ends


def _sentence_begins(text: str, tokens: list[str], starts: np.ndarray, ends: np.ndarray, known: frozenset[str]
                     ) -> np.ndarray:
    """Whether a sentence begins at each token: the first one, and after each separator that ends one.

    ``known`` is :func:`~toolkit.text.tokens.abbreviations`, bound once by the caller.
    """
    begins = np.zeros(len(tokens), dtype=bool)
    if not tokens:
        return begins
    begins[0] = True
    if len(tokens) == 1:
        return begins
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    # The separators that may end a sentence (see _STOPS); each is asked of ends_sentence.
    stop = codes == _STOPS[0]
    for code in _STOPS[1:]:
        stop |= codes == code
    stops = np.flatnonzero(stop)
    lines = np.flatnonzero((codes == 10) | (codes == 13))
    after = np.searchsorted(starts, stops, side="right")
    if lines.size > 1:
        line_after, count = np.unique(np.searchsorted(starts, lines, side="right"), return_counts=True)
        after = np.concatenate([after, line_after[count > 1]])
    after = np.unique(after)
    for k in after[(after > 0) & (after < len(tokens))].tolist():
        if _ends_sentence(text, int(ends[k - 1]), int(starts[k]), tokens[k - 1], known):
            begins[k] = True
    return begins


def _shared(doc: Document) -> bool:
    """Whether any two statements of a document overlap."""
    spans = sorted((st.start, st.end) for st in doc.statements)
    reach = list(accumulate((end for _, end in spans), max))
    return any(spans[k][0] < reach[k - 1] for k in range(1, len(spans)))


class _Vocabulary:
    """Token ids by rank of first appearance, given a batch of tokens at a time.

    A token of at most 16 ASCII bytes is known by those bytes packed into two
    64-bit integers (zeros after the token's end: no token holds a NUL byte),
    so the bulk of a batch is given ids with one sort and one dictionary
    look-up per distinct token; tokens with other characters, or longer, are
    known by their text.
    """

    def __init__(self) -> None:
        self.packed: dict[int, int] = {}
        self.named: dict[str, int] = {}
        self.words: list[str] = []

    def ids(self, low: np.ndarray, high: np.ndarray, others: list[str], other_positions: np.ndarray) -> np.ndarray:
        """The id of each token of a batch: its packed bytes (``low`` 0: one of ``others``, at ``other_positions``)."""
        out = np.empty(low.size, dtype=np.int32)
        packed_positions = np.flatnonzero(low)
        new: list[tuple[int, int, object, int]] = []  # (first position, kind, key or word, index among uniques)
        inverse = np.empty(packed_positions.size, dtype=np.int64)
        unique_keys: list[int] = []
        firsts = []
        lo, hi = low[packed_positions], high[packed_positions]
        for part in (np.flatnonzero(hi == 0), np.flatnonzero(hi)):  # up to 8 bytes (most), then 9 to 16
            keys, first, where = _unique_pairs(lo[part], hi[part])
            inverse[part] = where + len(unique_keys)
            unique_keys += keys
            firsts.append(part[first])
        first = np.concatenate(firsts)
        found = np.fromiter((self.packed.get(k, -1) for k in unique_keys), dtype=np.int64, count=len(unique_keys))
        for m in np.flatnonzero(found < 0).tolist():
            new.append((int(packed_positions[first[m]]), 0, unique_keys[m], m))
        codes, words = pd.factorize(np.array(others, dtype=object)) if others else (np.empty(0, np.int64), [])
        found_words = np.fromiter((self.named.get(w, -1) for w in words), dtype=np.int64, count=len(words))
        if len(words):
            first_words = np.full(len(words), low.size, dtype=np.int64)  # the first place of each (any order)
            np.minimum.at(first_words, codes, other_positions)
            for m in np.flatnonzero(found_words < 0).tolist():
                new.append((int(first_words[m]), 1, words[m], m))
        new.sort(key=lambda item: item[0])
        for _, kind, key, m in new:
            number = len(self.words)
            if kind == 0:
                assert isinstance(key, int)
                self.words.append(key.to_bytes(16, "little").rstrip(b"\x00").decode("ascii"))
                self.packed[key] = number
                found[m] = number
            else:
                assert isinstance(key, str)
                self.words.append(key)
                self.named[key] = number
                found_words[m] = number
        out[packed_positions] = found[inverse]
        out[other_positions] = found_words[codes]
        return out


def _unique_pairs(low: np.ndarray, high: np.ndarray) -> tuple[list[int], np.ndarray, np.ndarray]:
    """The distinct keys ``low | high << 64`` (as ints), the first place of each, and each place's key."""
    if not high.any():
        unique, first, inverse = np.unique(low, return_index=True, return_inverse=True)
        return unique.tolist(), first, inverse
    order = np.lexsort((low, high))
    lo, hi = low[order], high[order]
    starts = np.ones(order.size, dtype=bool)
    starts[1:] = (lo[1:] != lo[:-1]) | (hi[1:] != hi[:-1])
    inverse = np.empty(order.size, dtype=np.int64)
    inverse[order] = np.cumsum(starts) - 1
    return [a | (b << 64) for a, b in zip(lo[starts].tolist(), hi[starts].tolist())], order[starts], inverse


def _pack(word: str) -> int:
    """The packed bytes of a token of at most 16 ASCII characters (0: another token)."""
    return int.from_bytes(word.encode("ascii"), "little") if len(word) <= 16 and word.isascii() else 0


def _statements(corpus: Iterable[Document]) -> Iterator[tuple]:
    for doc in corpus:
        shared = _shared(doc) if len(doc.statements) > 1 else False
        for st in doc.statements:
            yield st, shared


def tokenize_corpus(corpus: Corpus | Iterable[Document]) -> TokenizedCorpus:
    """Tokenise every statement once (a single pass; documents may be streamed).

    Statements are taken about :data:`_BATCH_CHARACTERS` characters at a
    time: their tokens are found with array operations over their bytes
    (:func:`toolkit.text.tokens.index_batch`), and only the separators that
    may end a sentence are looked at in Python. A text whose folding could
    change its tokens goes through :func:`~toolkit.text.tokens.split_tokens`
    on its folded text; both give the same tokens.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        The corpus; a single str or document is refused.

    Returns
    -------
    TokenizedCorpus
        Every statement's token ids, sentence starts and metadata.

    Examples
    --------
    >>> tc = tokenize_corpus(Corpus.from_texts(["We condemn it. We condemn", "it"]))
    >>> tc.vocabulary, tc.tokens.tolist(), tc.sentences[0].tolist()
    (['we', 'condemn', 'it'], [0, 1, 2, 0, 1, 2], [0, 0, 0, 1, 1])
    """
    check_corpus(corpus, owner="tokenize_corpus")
    vocabulary = _Vocabulary()
    ids: list[np.ndarray] = []
    breaks: list[np.ndarray] = []
    heads: list[np.ndarray] = []
    lengths: list[int] = []
    texts: list[str] = []
    rows: list[tuple] = []
    offsets: list[int] = []
    overlapping: list[bool] = []
    pending: list[str] = []
    size = 0

    def flush() -> None:
        if pending:
            found, counts, begins, starts = _tokenize_batch(pending, vocabulary)
            ids.append(found)
            breaks.append(begins)
            heads.append(starts[begins])
            lengths.extend(counts)
        pending.clear()

    for st, shared in _statements(corpus):
        text = st.text
        pending.append(text)
        size += len(text)
        rows.append((st.id, st.doc_id, st.actor, st.actor_id, st.year))
        texts.append(text)
        offsets.append(st.start)
        overlapping.append(shared)
        if size >= _BATCH_CHARACTERS:
            flush()
            size = 0
    flush()
    statements = pd.DataFrame(rows, columns=STATEMENT_FIELDS[:-1])
    statements["n_tokens"] = np.asarray(lengths, dtype=np.int64)
    statements["year"] = statements["year"].astype("Int64")
    bounds = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=bounds[1:])
    return TokenizedCorpus(vocabulary.words, _joined(ids, np.int32), bounds, _joined(breaks, bool),
                           _joined(heads, np.int64), statements, texts, np.asarray(offsets, dtype=np.int64),
                           np.asarray(overlapping, dtype=bool))


def sum_by_word(parts: Sequence[Any], columns: Sequence[str]) -> tuple[list[str], list[np.ndarray]]:
    """The words of several parts' counts and each column summed over the parts, word by word.

    Parameters
    ----------
    parts : sequence
        Objects with a ``words`` list and, per name of ``columns``, an array
        of one count per word (:class:`WordCounts`,
        :class:`toolkit.analysis.collocates.NodeWindows`).
    columns : sequence of str
        The count attributes to sum.

    Returns
    -------
    words : list of str
        The distinct words, sorted.
    sums : list of numpy.ndarray of int64
        One array per column, aligned with ``words``.

    Examples
    --------
    >>> a = WordCounts(["it", "we"], np.array([2, 1]), np.array([1, 1]), 3, 1)
    >>> b = WordCounts(["we"], np.array([4]), np.array([2]), 4, 2)
    >>> words, (frequency,) = sum_by_word([a, b], ["frequency"])
    >>> words, frequency.tolist()
    (['it', 'we'], [2, 5])
    """
    words = np.concatenate([np.asarray(p.words, dtype=object) for p in parts]) if parts else np.empty(0, object)
    codes, unique = pd.factorize(words, sort=True)
    sums = [np.bincount(codes, weights=np.concatenate([getattr(p, name) for p in parts]) if parts else None,
                        minlength=len(unique)).astype(np.int64) for name in columns]
    return list(unique), sums


@dataclass(frozen=True, eq=False)
class WordCounts:
    """How often each folded token occurs in a corpus, and in how many statements: counts that sum over parts.

    Build one with :func:`count_words`; :meth:`combine` sums the counts of
    parts of a corpus (batches, partitions of a cluster).

    Parameters
    ----------
    words : list of str
        The distinct folded tokens, sorted.
    frequency : numpy.ndarray of int64
        Each word's occurrences.
    statements : numpy.ndarray of int64
        The statements holding each word.
    n_tokens : int
        The tokens of the corpus (the sum of ``frequency``).
    n_statements : int
        The statements of the corpus.
    """

    words: list[str]
    frequency: np.ndarray
    statements: np.ndarray
    n_tokens: int
    n_statements: int

    def __len__(self) -> int:
        return len(self.words)

    def lookup(self, words) -> tuple[np.ndarray, np.ndarray]:
        """The frequency and statement count of each of ``words`` (0 for a word not in the corpus).

        Parameters
        ----------
        words : sequence of str
            Folded tokens.

        Returns
        -------
        frequency, statements : numpy.ndarray of int64
            One entry per word.
        """
        index = pd.Index(self.words).get_indexer(list(words))
        found = index >= 0
        out = [np.zeros(index.size, dtype=np.int64) for _ in range(2)]
        out[0][found], out[1][found] = self.frequency[index[found]], self.statements[index[found]]
        return out[0], out[1]

    @classmethod
    def combine(cls, parts: Iterable[WordCounts]) -> WordCounts:
        """The counts of parts of a corpus (no statement in two parts), summed.

        Parameters
        ----------
        parts : iterable of WordCounts
            The parts' counts.

        Returns
        -------
        WordCounts
            Their sum, words sorted.
        """
        parts = list(parts)
        words, (frequency, statements) = sum_by_word(parts, ("frequency", "statements"))
        return cls(words, frequency, statements, sum(p.n_tokens for p in parts),
                   sum(p.n_statements for p in parts))


def count_words(corpus: Corpus | Iterable[Document], *, statements: bool = True) -> WordCounts:
    """How often each folded token occurs in the statements of a corpus, and in how many statements.

    The tokens are those of :func:`tokenize_corpus` (the same folding and
    rules), counted without giving them ids or finding sentence ends: a token
    of at most 16 ASCII bytes is known by its packed bytes, so a batch is
    counted with one hash table, and the words are spelled once at the end.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        The corpus; a single str or document is refused.
    statements : bool, default True
        Count the statements holding each word too; False leaves
        :attr:`WordCounts.statements` at zero (frequencies only, faster).

    Returns
    -------
    WordCounts
        Each word's frequency and statement count, words sorted.

    Examples
    --------
    >>> counts = count_words(Corpus.from_texts(["We condemn it. We", "Straße and it"]))
    >>> counts.words, counts.frequency.tolist(), counts.statements.tolist(), counts.n_tokens
    (['and', 'condemn', 'it', 'strasse', 'we'], [1, 1, 2, 1, 2], [1, 1, 2, 1, 1], 7)
    >>> count_words(Corpus.from_texts(["We condemn it. We"]), statements=False).statements.tolist()
    [0, 0, 0]
    """
    check_corpus(corpus, owner="count_words")
    tally = WordTally(statements=statements)
    for texts in statement_batches(corpus, characters=_COUNT_CHARACTERS):
        tally.add(IndexedBatch.of(texts))
    return tally.counts()


def statement_batches(corpus: Iterable[Document], *, characters: int = _COUNT_CHARACTERS) -> Iterator[list[str]]:
    """The texts of the statements of a corpus, in order, in lists of about ``characters`` characters.

    Parameters
    ----------
    corpus : iterable of Document
        The documents, read as they are needed.
    characters : int, default 8,000,000
        The characters of a list (each list but the last has at least that many).

    Returns
    -------
    iterator of list of str
        The statements' verbatim texts; no statement is lost or repeated.

    Examples
    --------
    >>> list(statement_batches(Corpus.from_texts(["One.", "Two.", "Three."]), characters=8))
    [['One.', 'Two.'], ['Three.']]
    """
    pending: list[str] = []
    size = 0
    for doc in corpus:
        for st in doc.statements:
            pending.append(st.text)
            size += len(st.text)
            if size >= characters:
                yield pending
                pending, size = [], 0
    if pending:
        yield pending


@dataclass(frozen=True, eq=False)
class IndexedBatch:
    """Statement texts whose tokens are found once (:func:`~toolkit.text.tokens.index_batch`), for every reader.

    Counting words (:class:`WordTally`), matching a lexicon
    (:meth:`toolkit.formulae.match.Matcher.match_indexed`) and reading
    stretches of tokens (:meth:`region_tokens`) all read the same index, so
    a statement is tokenised once. Build one with :meth:`of`.

    Parameters
    ----------
    texts : list of str
        The verbatim texts.
    index : TokenBatch
        Their tokens.
    keys : numpy.ndarray of uint64, shape (n, 2)
        Each token's lower-cased bytes packed into two integers when it has
        at most 16 ASCII bytes (else zeros).
    wide : numpy.ndarray of bool
        Whether each token holds a character other than ASCII.
    """

    texts: list[str]
    index: TokenBatch
    keys: np.ndarray
    wide: np.ndarray

    @classmethod
    def of(cls, texts: list[str]) -> IndexedBatch:
        """The texts, indexed.

        Parameters
        ----------
        texts : list of str
            The verbatim texts.

        Returns
        -------
        IndexedBatch
            Their tokens and packed keys.
        """
        index = index_batch(texts)
        keys, wide = _packed_keys(index)
        return cls(texts, index, keys, wide)

    def region_tokens(self, regions: np.ndarray) -> tuple[list[str], np.ndarray, np.ndarray]:
        """:func:`tokenize_regions` of stretches of these texts, read from this index.

        Parameters
        ----------
        regions : numpy.ndarray of int, shape (m, 3)
            Each stretch: the text's index in :attr:`texts`, its first token and one past its last.

        Returns
        -------
        vocabulary, ids, breaks
            As :func:`tokenize_regions` returns them.

        Examples
        --------
        >>> words, ids, breaks = IndexedBatch.of(["We condemn it. They do"]).region_tokens(np.array([[0, 1, 4]]))
        >>> [words[i] for i in ids.tolist()], breaks.tolist()
        (['condemn', 'it', 'they'], [True, False, True])
        """
        regions = np.asarray(regions, dtype=np.int64).reshape(-1, 3)
        return _vocabulary_of(_region_tokens(self, regions, abbreviations()))


class WordTally:
    """Word counts summed over indexed batches of statements (:class:`IndexedBatch`); what :func:`count_words` adds.

    Parameters
    ----------
    statements : bool, default True
        Count the statements holding each word too (False: frequencies only,
        :attr:`WordCounts.statements` left at zero).

    Examples
    --------
    >>> tally = WordTally()
    >>> tally.add(IndexedBatch.of(["We condemn it.", "We"]))
    >>> counts = tally.counts()
    >>> counts.words, counts.frequency.tolist(), counts.statements.tolist()
    (['condemn', 'it', 'we'], [1, 1, 2], [1, 1, 2])
    """

    def __init__(self, *, statements: bool = True) -> None:
        self.statements = statements
        self._packed: list[np.ndarray] = []  # rows of (low key, high key, frequency, statements) of each batch
        self._named: list[WordCounts] = []
        self._n_statements = 0

    def add(self, batch: IndexedBatch) -> None:
        """Count the tokens of a batch.

        Parameters
        ----------
        batch : IndexedBatch
            Statement texts, indexed.
        """
        texts, index, keys = batch.texts, batch.index, batch.keys
        self._n_statements += len(texts)
        if not texts:
            return
        owner = np.repeat(np.arange(len(texts)), np.diff(index.token_bounds))
        kept = ~index.unsafe[owner]
        chosen = np.flatnonzero(kept & (keys[:, 0] != 0))
        rows = _packed_rows(keys[chosen, 0], keys[chosen, 1], owner[chosen] if self.statements else None, len(texts))
        if len(rows):
            self._packed.append(rows)
        for tokens, number in _other_words(texts, index, keys, batch.wide, kept, owner):
            pairs = pd.DataFrame({"word": pd.Series(tokens, dtype=object), "statement": number})
            grouped = pairs.groupby("word", sort=True)["statement"]
            self._named.append(WordCounts(list(grouped.size().index), grouped.size().to_numpy(dtype=np.int64),
                                          grouped.nunique().to_numpy(dtype=np.int64), len(tokens), 0))

    @classmethod
    def combine(cls, parts: Iterable[WordTally]) -> WordTally:
        """The tallies of parts of a corpus (no statement in two parts) as one, its words still packed.

        Summing tallies and spelling the words once (:meth:`counts`) is
        cheaper than summing the :class:`WordCounts` of many parts.

        Parameters
        ----------
        parts : iterable of WordTally
            The parts' tallies, all counting statements or none.

        Returns
        -------
        WordTally
            Their sum.

        Examples
        --------
        >>> parts = [WordTally(), WordTally()]
        >>> parts[0].add(IndexedBatch.of(["We condemn it."]))
        >>> parts[1].add(IndexedBatch.of(["We", "Straße"]))
        >>> counts = WordTally.combine(parts).counts()
        >>> counts.words, counts.frequency.tolist(), counts.statements.tolist(), counts.n_statements
        (['condemn', 'it', 'strasse', 'we'], [1, 1, 1, 2], [1, 1, 1, 2], 3)
        """
        parts = list(parts)
        total = cls(statements=all(p.statements for p in parts))
        rows = [r for p in parts for r in p._packed]
        if rows:
            keys, counts = _summed(*np.split(np.concatenate(rows), [2], axis=1))
            total._packed.append(np.concatenate([keys, counts.astype(np.uint64)], axis=1))
        total._named = [w for p in parts for w in p._named]
        total._n_statements = sum(p._n_statements for p in parts)
        return total

    def counts(self) -> WordCounts:
        """The counts of every batch added so far, summed.

        Returns
        -------
        WordCounts
            Each word's frequency (and statement count), words sorted.
        """
        rows = np.concatenate(self._packed) if self._packed else np.zeros((0, 4), dtype=np.uint64)
        keys, counts = _summed(rows[:, :2], rows[:, 2:].astype(np.int64))
        spelled = keys.copy().view("S16").ravel().astype("U16") if keys.size else np.empty(0, "U16")
        part = WordCounts(spelled.astype(object).tolist(), counts[:, 0], counts[:, 1], int(counts[:, 0].sum()), 0)
        total = WordCounts.combine([part, *self._named])
        if not self.statements:
            total = dataclasses.replace(total, statements=np.zeros(len(total), dtype=np.int64))
        return dataclasses.replace(total, n_statements=self._n_statements)


def _summed(keys: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of ``keys`` (two uint64 columns), with ``values`` summed over each."""
    if not keys.size:
        return keys.reshape(0, 2), values.reshape(0, values.shape[1] if values.ndim == 2 else 1)
    order = np.lexsort((keys[:, 0], keys[:, 1]))
    keys, values = keys[order], values[order]
    new = np.ones(len(keys), dtype=bool)
    new[1:] = (keys[1:, 0] != keys[:-1, 0]) | (keys[1:, 1] != keys[:-1, 1])
    heads = np.flatnonzero(new)
    return keys[heads], np.add.reduceat(values, heads, axis=0)


def _packed_rows(low: np.ndarray, high: np.ndarray, owner: np.ndarray | None, n_texts: int) -> np.ndarray:
    """Rows of (low key, high key, frequency, statements) of the distinct packed tokens of a batch.

    Hash tables, not sorts. The tokens of at most 8 bytes (high key 0: most
    of them) are told apart by their low key alone; the longer ones by the
    pair of keys. ``owner`` is each token's statement (None: statements not
    counted, left at zero).
    """
    parts = []
    short = high == 0
    for lo, hi, number in ((low[short], None, None if owner is None else owner[short]),
                           (low[~short], high[~short], None if owner is None else owner[~short])):
        if not lo.size:
            continue
        if hi is None:
            code, first = pd.factorize(lo)
            second = np.zeros(len(first), dtype=np.uint64)
        else:
            code_lo, unique_lo = pd.factorize(lo)
            code_hi, unique_hi = pd.factorize(hi)
            code, unique = pd.factorize(code_lo.astype(np.int64) * len(unique_hi) + code_hi)
            first, second = unique_lo[unique // len(unique_hi)], unique_hi[unique % len(unique_hi)]
        rows = np.zeros((len(first), 4), dtype=np.uint64)
        rows[:, 0], rows[:, 1] = first, second
        rows[:, 2] = np.bincount(code, minlength=len(first))
        if number is not None:
            pairs = pd.unique(code.astype(np.int64) * n_texts + number)  # (word, statement), each once
            rows[:, 3] = np.bincount(pairs // n_texts, minlength=len(first))
        parts.append(rows)
    return np.concatenate(parts) if parts else np.zeros((0, 4), dtype=np.uint64)


def _other_words(texts: list[str], index: TokenBatch, keys: np.ndarray, wide: np.ndarray, kept: np.ndarray,
                 owner: np.ndarray) -> list[tuple[list[str], np.ndarray]]:
    """The tokens that are not packed, as (words, statement of each): long or non-ASCII ones, and the tokens of
    the texts whose folding could change them (tokenised apart, as :func:`tokenize_corpus` does)."""
    named = np.flatnonzero(kept & (keys[:, 0] == 0))
    found = [index.data[x:y].lower().decode("utf-8", "surrogatepass")
             for x, y in zip(index.starts[named].tolist(), index.ends[named].tolist())]
    for i in np.flatnonzero(wide[named]).tolist():  # lower-cased as text, not as ASCII bytes
        j = int(named[i])
        k = int(owner[j])
        first = int(index.to_characters(index.byte_starts[k]))
        a, b = (int(index.to_characters(x)) - first for x in (index.starts[j], index.ends[j]))
        found[i] = texts[k][a:b].lower()
    out = [(found, owner[named])]
    for k in np.flatnonzero(index.unsafe).tolist():
        tokens = _tokens(texts[k])[0]
        out.append((tokens, np.full(len(tokens), k, dtype=np.int64)))
    return [(tokens, number) for tokens, number in out if tokens]


def tokenize_regions(texts: list[str], regions: np.ndarray) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The folded tokens of some stretches of texts, and where sentences begin among them, as in the whole texts.

    Only the stretches' tokens are given words and only the separators
    between them are asked whether they end a sentence (with the whole text
    at hand, so the answer is the one :func:`tokenize_corpus` gives); the
    first token of every stretch is marked as beginning one.

    Parameters
    ----------
    texts : list of str
        The verbatim texts.
    regions : numpy.ndarray of int, shape (m, 3)
        Each stretch: the text's index, its first token and one past its
        last (token positions of the whole text, within its tokens).

    Returns
    -------
    vocabulary : list of str
        The distinct folded tokens of the stretches.
    ids : numpy.ndarray of int32
        The id of each token of the stretches, one stretch after another.
    breaks : numpy.ndarray of bool
        Whether a sentence begins at each of them.

    Examples
    --------
    >>> words, ids, breaks = tokenize_regions(["We condemn it. They do", "Fine"], np.array([[0, 1, 4]]))
    >>> [words[i] for i in ids.tolist()], breaks.tolist()
    (['condemn', 'it', 'they'], [True, False, True])
    """
    regions = np.asarray(regions, dtype=np.int64).reshape(-1, 3)
    order = np.argsort(regions[:, 0], kind="stable")
    done = np.zeros(len(regions), dtype=bool)
    chosen: list[int] = []
    size = 0
    known = abbreviations()
    pieces: dict[int, tuple[list[str], np.ndarray]] = {}
    for at, k in enumerate(regions[order, 0].tolist()):
        if not chosen or chosen[-1] != k:
            chosen.append(k)
            size += len(texts[k])
        last = at + 1 == order.size or int(regions[order[at + 1], 0]) != k
        if last and (size >= _BATCH_CHARACTERS or at + 1 == order.size):
            rows = order[np.isin(regions[order, 0], chosen) & ~done[order]]
            done[rows] = True
            local = regions[rows].copy()  # the text's place among those indexed together
            local[:, 0] = np.searchsorted(np.asarray(chosen), local[:, 0])
            pieces.update(zip(rows.tolist(), _region_tokens(IndexedBatch.of([texts[k] for k in chosen]), local, known)))
            chosen, size = [], 0
    return _vocabulary_of([pieces[r] for r in range(len(regions))])


def _vocabulary_of(pieces: list[tuple[list[str], np.ndarray]]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The stretches' (words, sentence starts) as :func:`tokenize_regions` returns them: words, ids, breaks."""
    words: list[str] = []
    for tokens, _ in pieces:
        words += tokens
    codes, vocabulary = pd.factorize(np.array(words, dtype=object)) if words else (np.empty(0, np.int64), [])
    return list(vocabulary), codes.astype(np.int32), _joined([begins for _, begins in pieces], bool)


def _region_tokens(batch: IndexedBatch, regions: np.ndarray, known: frozenset[str]
                   ) -> list[tuple[list[str], np.ndarray]]:
    """The words and sentence starts of each stretch (text of ``batch``, first token, one past the last)."""
    index, keys, wide, texts = batch.index, batch.keys, batch.wide, batch.texts
    out: list[tuple[list[str], np.ndarray]] = []
    for k, first, last in regions.tolist():
        text = texts[k]
        if index.unsafe[k]:
            tokens, starts, ends = _tokens(text)
            begins = _sentence_begins(text, tokens, starts, ends, known)[first:last].copy()
            begins[:1] = True
            out.append((tokens[first:last], begins))
            continue
        j = np.arange(first, last) + int(index.token_bounds[k])
        base = int(index.to_characters(index.byte_starts[k]))
        char_starts = index.to_characters(index.starts[j]) - base
        char_ends = index.to_characters(index.ends[j]) - base
        tokens = keys[j].view("S16").ravel().astype("U16").tolist()  # packed tokens spelled (zeros dropped)
        for m in np.flatnonzero(keys[j, 0] == 0).tolist():
            if wide[j[m]]:
                tokens[m] = text[int(char_starts[m]):int(char_ends[m])].lower()
            else:
                tokens[m] = index.data[int(index.starts[j[m]]):int(index.ends[j[m]])].lower().decode("ascii")
        begins = np.zeros(j.size, dtype=bool)
        begins[:1] = True
        for m in range(1, j.size):
            x, y = int(char_ends[m - 1]), int(char_starts[m])
            if _STOPS_OR_LINES.search(text, x, y):
                begins[m] = ends_sentence(text, x, y, text[int(char_starts[m - 1]):x].lower())
        out.append((tokens, begins))
    return out


class _BatchTexts(NamedTuple):
    """Texts tokenised together: their token index, and where each token lies in characters."""

    texts: list[str]
    indexed: TokenBatch
    owner: np.ndarray  # the text of each token
    char_starts: np.ndarray  # token spans, in characters of the texts joined as in indexed.data
    char_ends: np.ndarray
    text_starts: np.ndarray  # where each text starts, in the same characters

    @classmethod
    def of(cls, texts: list[str]) -> _BatchTexts:
        index = index_batch(texts)
        owner = np.repeat(np.arange(len(texts)), np.diff(index.token_bounds))
        return cls(texts, index, owner, index.to_characters(index.starts), index.to_characters(index.ends),
                   index.to_characters(index.byte_starts))

    def token_text(self, j: int) -> str:
        """The verbatim text of token ``j`` of the batch."""
        k = int(self.owner[j])
        offset = int(self.text_starts[k])
        return self.texts[k][int(self.char_starts[j]) - offset:int(self.char_ends[j]) - offset]

    def ends_at(self, j: int, known: frozenset[str]) -> bool:
        """Whether the separator before token ``j`` ends a sentence (:func:`ends_sentence`; ``known`` abbreviations)."""
        k = int(self.owner[j])
        text, offset = self.texts[k], int(self.text_starts[k])
        x, y = int(self.char_ends[j - 1]) - offset, int(self.char_starts[j]) - offset
        return _ends_sentence(text, x, y, text[int(self.char_starts[j - 1]) - offset:x].lower(), known)


class _Placement(NamedTuple):
    """Where the tokens of a batch go once the texts whose folding could change their tokens are tokenised apart."""

    counts: np.ndarray  # the tokens of each text
    first: np.ndarray  # each text's first token among the batch's tokens (and the total, last)
    position: np.ndarray  # the place of each indexed token among the batch's tokens
    kept: np.ndarray  # whether an indexed token is kept (its text is not tokenised apart)


def _tokenize_batch(texts: list[str], vocabulary: _Vocabulary
                    ) -> tuple[np.ndarray, list[int], np.ndarray, np.ndarray]:
    """The token ids of ``texts`` (one after the other), how many each has, sentence starts, and token offsets.

    The offsets are character offsets into each token's own text. Tokens are
    found with array operations (:func:`~toolkit.text.tokens.index_batch`);
    a text whose folding could change its tokens is tokenised apart
    (:func:`~toolkit.text.tokens.split_tokens` on its folded text) and its
    tokens put in their place.
    """
    batch = _BatchTexts.of(texts)
    keys, wide = _packed_keys(batch.indexed)
    apart = {k: _tokens(texts[k]) for k in np.flatnonzero(batch.indexed.unsafe).tolist()}
    place = _placement(batch, apart)
    total = int(place.first[-1])
    kept = place.kept
    all_keys = np.zeros((total, 2), dtype=np.uint64)
    all_keys[place.position[kept]] = keys[kept]
    starts = np.empty(total, dtype=np.int64)
    starts[place.position[kept]] = (batch.char_starts - batch.text_starts[batch.owner])[kept]
    begins = np.zeros(total, dtype=bool)
    begins[place.first[:-1][place.counts > 0]] = True
    known = abbreviations()
    words, positions = _named_tokens(batch, keys, wide, place)
    apart_words, apart_positions = _place_apart(apart, texts, place.first, all_keys, starts, begins, known)
    ids = vocabulary.ids(all_keys[:, 0], all_keys[:, 1], words + apart_words,
                         np.concatenate([positions, *apart_positions]))
    _mark_sentence_starts(batch, place, all_keys, begins, known)
    return ids, place.counts.tolist(), begins, starts


def _packed_keys(index: TokenBatch) -> tuple[np.ndarray, np.ndarray]:
    """Each token's lower-cased bytes packed into two integers when it has at most 16 ASCII bytes (else zeros).

    Also returns which tokens hold a character other than ASCII. The bytes
    are read eight at a time through an unaligned 64-bit view of the data
    (little-endian, so the first byte is the lowest), then cut at the token's
    length.
    """
    n = index.starts.size
    lengths = index.ends - index.starts
    wide = np.zeros(n, dtype=bool)
    if index.foreign.size:
        wide[np.searchsorted(index.starts, index.foreign, side="right") - 1] = True
    short = np.flatnonzero((lengths <= 16) & ~wide)
    lowered = index.data.lower() + bytes(16)
    eights = np.ndarray((len(lowered) - 7,), dtype="<u8", buffer=lowered, strides=(1,))
    keys = np.zeros((n, 2), dtype=np.uint64)
    if short.size:
        at, size = index.starts[short], lengths[short]
        keys[short, 0] = eights[at] & _MASKS[np.minimum(size, 8)]
        keys[short, 1] = eights[at + 8] & _MASKS[np.clip(size - 8, 0, 8)]
    return keys, wide


def _placement(batch: _BatchTexts, apart: dict[int, tuple[list[str], np.ndarray, np.ndarray]]) -> _Placement:
    """Where each indexed token goes among the batch's tokens, the texts in ``apart`` holding their own tokens."""
    index = batch.indexed
    counts = np.diff(index.token_bounds)
    for k, (tokens, _, _) in apart.items():
        counts[k] = len(tokens)
    first = np.concatenate([[0], np.cumsum(counts)])
    position = np.arange(index.starts.size) + (first[:-1] - index.token_bounds[:-1])[batch.owner]
    return _Placement(counts, first, position, ~index.unsafe[batch.owner])


def _named_tokens(batch: _BatchTexts, keys: np.ndarray, wide: np.ndarray, place: _Placement
                  ) -> tuple[list[str], np.ndarray]:
    """The kept tokens that are not packed (longer than 16 bytes, or not ASCII), by their text, and their places."""
    index = batch.indexed
    longer = np.flatnonzero((keys[:, 0] == 0) & place.kept)
    words = [index.data[x:y].lower().decode("utf-8", "surrogatepass")
             for x, y in zip(index.starts[longer].tolist(), index.ends[longer].tolist())]
    for i in np.flatnonzero(wide[longer]).tolist():  # lower-cased as text, not as ASCII bytes
        words[i] = batch.token_text(int(longer[i])).lower()
    return words, place.position[longer]


def _place_apart(apart: dict[int, tuple[list[str], np.ndarray, np.ndarray]], texts: list[str], first: np.ndarray,
                 all_keys: np.ndarray, starts: np.ndarray, begins: np.ndarray, known: frozenset[str]
                 ) -> tuple[list[str], list[np.ndarray]]:
    """Put the tokens of the texts tokenised apart in their places (keys, offsets and sentence starts).

    Returns their tokens that are not packed, by their text, and their places.
    """
    words: list[str] = []
    positions: list[np.ndarray] = []
    for k, (tokens, token_starts, token_ends) in apart.items():
        at, size = int(first[k]), len(tokens)
        packed = [_pack(token) for token in tokens]
        all_keys[at:at + size, 0] = np.fromiter((v & _LOW for v in packed), dtype=np.uint64, count=size)
        all_keys[at:at + size, 1] = np.fromiter((v >> 64 for v in packed), dtype=np.uint64, count=size)
        starts[at:at + size] = token_starts
        begins[at:at + size] = _sentence_begins(texts[k], tokens, token_starts, token_ends, known)
        named = np.flatnonzero(all_keys[at:at + size, 0] == 0)
        words += [tokens[i] for i in named.tolist()]
        positions.append(named + at)
    return words, positions


def _separators_to_ask(batch: _BatchTexts, kept: np.ndarray) -> np.ndarray:
    """The kept tokens after a separator that may end a sentence: one holding a stop, or two line breaks."""
    index = batch.indexed
    data = np.frombuffer(index.data, dtype=np.uint8)
    stop = (data == 46) | (data == 33) | (data == 63)
    ellipsis = np.flatnonzero(data[:-2] == 0xE2)
    stop[ellipsis[(data[ellipsis + 1] == 0x80) & (data[ellipsis + 2] == 0xA6)]] = True
    stops = np.flatnonzero(stop)
    lines = np.flatnonzero((data == 10) | (data == 13))
    gap_starts, gap_ends = index.ends[:-1], index.starts[1:]  # the separator after each token
    asked = np.searchsorted(stops, gap_ends) > np.searchsorted(stops, gap_starts)
    asked |= np.searchsorted(lines, gap_ends) - np.searchsorted(lines, gap_starts) > 1
    after = np.flatnonzero(asked) + 1  # the token after the separator
    return after[(batch.owner[after] == batch.owner[after - 1]) & kept[after]]


def _mark_sentence_starts(batch: _BatchTexts, place: _Placement, all_keys: np.ndarray, begins: np.ndarray,
                          known: frozenset[str]) -> None:
    """Mark in ``begins`` the kept tokens after a separator that ends a sentence.

    A separator of at most 8 ASCII bytes with at most one line break, after
    an ASCII token: whether it ends a sentence depends only on its bytes and
    on whether that token is a single letter or an abbreviation
    (:func:`ends_sentence`), so each distinct pair is asked once.
    """
    index, position = batch.indexed, place.position
    after = _separators_to_ask(batch, place.kept)
    gap_a, gap_b = index.ends[after - 1], index.starts[after]
    gathered = np.frombuffer(index.data + bytes(8), dtype=np.uint8)[gap_a[:, None] + _EIGHT]
    gathered[_EIGHT >= (gap_b - gap_a)[:, None]] = 0
    before = all_keys[position[after - 1]]
    breaks = ((gathered == 10) | (gathered == 13)).sum(axis=1)  # with one line break no blank line: no heading
    simple = (gap_b - gap_a <= 8) & (before[:, 0] != 0) & (breaks <= 1) & ~(gathered >= 0x80).any(axis=1)
    chosen = np.flatnonzero(simple)
    if chosen.size:
        separator = gathered[chosen].view("<u8").ravel()
        kind = (gap_b - gap_a)[chosen] * 2 + _abbreviated(before[chosen])
        asked = after[chosen]
        begins[position[asked]] = _once_per_kind(separator, kind, lambda i: batch.ends_at(int(asked[i]), known))
    for i in np.flatnonzero(~simple).tolist():
        begins[position[after[i]]] = batch.ends_at(int(after[i]), known)


def _abbreviated(before: np.ndarray) -> np.ndarray:
    """Whether each packed token (a row of two keys) is a single letter or one of :func:`abbreviations`."""
    low, high = before[:, 0], before[:, 1]
    short, long = _abbreviation_keys()
    letter = (low < 256) & ((low < 48) | (low > 57)) & (high == 0)
    found = letter | (np.isin(low, short) & (high == 0))
    if long:  # abbreviations of 9 to 16 letters, none shipped: compared whole
        wide = np.flatnonzero(high != 0)
        found[wide] = [a | (b << 64) in long for a, b in before[wide].tolist()]
    return found


@functools.cache
def _abbreviation_keys() -> tuple[np.ndarray, frozenset[int]]:
    """The packed keys of the ASCII abbreviations: those of at most 8 letters (sorted), and the longer ones."""
    packed = [_pack(a) for a in abbreviations()]
    short = np.array(sorted(v for v in packed if 0 < v <= _LOW), dtype=np.uint64)
    return short, frozenset(v for v in packed if v > _LOW)


def _once_per_kind(separator: np.ndarray, kind: np.ndarray, ask: Callable[[int], bool]) -> np.ndarray:
    """``ask(i)`` for each ``i``, asked once for each distinct pair of ``separator`` and ``kind``."""
    order = np.lexsort((separator, kind))
    new = np.ones(order.size, dtype=bool)
    new[1:] = (separator[order][1:] != separator[order][:-1]) | (kind[order][1:] != kind[order][:-1])
    group = np.empty(order.size, dtype=np.int64)
    group[order] = np.cumsum(new) - 1
    answers = np.array([ask(i) for i in order[new].tolist()], dtype=bool)
    return answers[group]
