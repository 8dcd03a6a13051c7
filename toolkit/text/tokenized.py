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

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate

import numpy as np
import pandas as pd

from ..validation import check_corpus
from .corpus import Corpus, Document
from .normalize import fold_for_tokens
from .tokens import ABBREVIATIONS, ends_sentence, index_batch, split_tokens

__all__ = ["TokenizedCorpus", "tokenize_corpus", "STATEMENT_FIELDS"]

#: The columns of :attr:`TokenizedCorpus.statements`.
STATEMENT_FIELDS = ["statement_id", "doc_id", "actor", "actor_id", "year", "n_tokens"]
# A separator can end a sentence (ends_sentence) only where it holds '.', '!', '?' or '…', or a blank line
# (two line breaks); the others are not asked about. A test checks that the sentence numbering equals
# the one of toolkit.text.tokens.sentence_breaks, which asks about every separator.
_STOPS = [ord(c) for c in ".!?\u2026"]
_SIXTEEN = np.arange(16)
_EIGHT = np.arange(8)
_LOW = (1 << 64) - 1
# The abbreviations (ASCII, at most 8 letters) as packed tokens.
_ABBREVIATION_KEYS = np.array(sorted(int.from_bytes(a.encode("ascii"), "little") for a in ABBREVIATIONS),
                              dtype=np.uint64)
# Characters of statements tokenised together (one pass of array operations).
_BATCH_CHARACTERS = 1_000_000


@dataclass(eq=False)
class TokenizedCorpus:
    """Every statement as token ids, with what discovery and formulaicity need to know about it.

    Attributes
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


def _sentence_begins(text: str, tokens: list[str], starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Whether a sentence begins at each token: the first one, and after each separator that ends one."""
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
        if ends_sentence(text, int(ends[k - 1]), int(starts[k]), tokens[k - 1]):
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


def _ends_at(texts: list[str], owner: np.ndarray, text_starts: np.ndarray, char_starts: np.ndarray,
             char_ends: np.ndarray, j: int) -> bool:
    """Whether the separator before token ``j`` of a batch ends a sentence (:func:`ends_sentence`)."""
    k = int(owner[j])
    text, offset = texts[k], int(text_starts[k])
    x, y = int(char_ends[j - 1]) - offset, int(char_starts[j]) - offset
    return ends_sentence(text, x, y, text[int(char_starts[j - 1]) - offset:x].lower())


def _tokenize_batch(texts: list[str], vocabulary: _Vocabulary
                    ) -> tuple[np.ndarray, list[int], np.ndarray, np.ndarray]:
    """The token ids of ``texts`` (one after the other), how many each has, sentence starts, and token offsets.

    The offsets are character offsets into each token's own text.
    """
    batch = index_batch(texts)
    n = batch.starts.size
    counts = np.diff(batch.token_bounds)
    owner = np.repeat(np.arange(len(texts)), counts)  # the text of each token of the batch
    char_starts, char_ends = batch.to_characters(batch.starts), batch.to_characters(batch.ends)
    text_starts = batch.to_characters(batch.byte_starts)
    # Tokens of at most 16 ASCII bytes: their lower-cased bytes packed into two integers each.
    lengths = batch.ends - batch.starts
    wide = np.zeros(n, dtype=bool)  # holding a character other than ASCII
    if batch.foreign.size:
        wide[np.searchsorted(batch.starts, batch.foreign, side="right") - 1] = True
    short = np.flatnonzero((lengths <= 16) & ~wide)
    lowered = np.frombuffer(batch.data.lower() + bytes(16), dtype=np.uint8)
    keys = np.zeros((n, 2), dtype=np.uint64)
    if short.size:
        gathered = lowered[batch.starts[short, None] + _SIXTEEN]
        gathered[_SIXTEEN >= lengths[short, None]] = 0
        keys[short] = gathered.view("<u8")
    # Where each token goes among the batch's tokens once texts whose folding could change their tokens are
    # tokenised apart (split_tokens on the folded text).
    slow = {k: _tokens(texts[k]) for k in np.flatnonzero(batch.unsafe).tolist()}
    final_counts = counts.copy()
    for k, (tokens, _, _) in slow.items():
        final_counts[k] = len(tokens)
    first = np.concatenate([[0], np.cumsum(final_counts)])
    position = np.arange(n) + (first[:-1] - batch.token_bounds[:-1])[owner]
    kept = ~batch.unsafe[owner]
    total = int(first[-1])
    all_keys = np.zeros((total, 2), dtype=np.uint64)
    all_keys[position[kept]] = keys[kept]
    starts = np.empty(total, dtype=np.int64)
    starts[position[kept]] = (char_starts - text_starts[owner])[kept]
    begins = np.zeros(total, dtype=bool)
    begins[first[:-1][final_counts > 0]] = True
    # the other tokens, by their text
    longer = np.flatnonzero((keys[:, 0] == 0) & kept)
    words = [batch.data[x:y].lower().decode("utf-8", "surrogatepass")
             for x, y in zip(batch.starts[longer].tolist(), batch.ends[longer].tolist())]
    for i in np.flatnonzero(wide[longer]).tolist():  # lower-cased as text, not as ASCII bytes
        j = int(longer[i])
        k = int(owner[j])
        offset = int(text_starts[k])
        words[i] = texts[k][int(char_starts[j]) - offset:int(char_ends[j]) - offset].lower()
    others, other_positions = words, [position[longer]]
    for k, (tokens, token_starts, token_ends) in slow.items():
        at = int(first[k])
        packed = [_pack(token) for token in tokens]
        all_keys[at:at + len(tokens), 0] = np.fromiter((v & _LOW for v in packed), dtype=np.uint64, count=len(tokens))
        all_keys[at:at + len(tokens), 1] = np.fromiter((v >> 64 for v in packed), dtype=np.uint64, count=len(tokens))
        starts[at:at + len(tokens)] = token_starts
        begins[at:at + len(tokens)] = _sentence_begins(texts[k], tokens, token_starts, token_ends)
        named = np.flatnonzero(all_keys[at:at + len(tokens), 0] == 0)
        others += [tokens[i] for i in named.tolist()]
        other_positions.append(named + at)
    ids = vocabulary.ids(all_keys[:, 0], all_keys[:, 1], others, np.concatenate(other_positions))
    # Sentence starts in the other texts: asked only at separators holding a stop or two line breaks.
    data = np.frombuffer(batch.data, dtype=np.uint8)
    stop = (data == 46) | (data == 33) | (data == 63)
    ellipsis = np.flatnonzero(data[:-2] == 0xE2)
    stop[ellipsis[(data[ellipsis + 1] == 0x80) & (data[ellipsis + 2] == 0xA6)]] = True
    stops = np.flatnonzero(stop)
    lines = np.flatnonzero((data == 10) | (data == 13))
    gap_starts, gap_ends = batch.ends[:-1], batch.starts[1:]  # the separator after each token
    asked = np.searchsorted(stops, gap_ends) > np.searchsorted(stops, gap_starts)
    asked |= np.searchsorted(lines, gap_ends) - np.searchsorted(lines, gap_starts) > 1
    after = np.flatnonzero(asked) + 1  # the token after the separator
    after = after[(owner[after] == owner[after - 1]) & kept[after]]
    # A separator of at most 8 ASCII bytes with at most one line break, after an ASCII token: whether it ends a
    # sentence depends only on its bytes and on whether that token is a single letter or an abbreviation
    # (ends_sentence), so each distinct pair is asked once.
    gap_a, gap_b = batch.ends[after - 1], batch.starts[after]
    gathered = np.frombuffer(batch.data + bytes(8), dtype=np.uint8)[gap_a[:, None] + _EIGHT]
    gathered[_EIGHT >= (gap_b - gap_a)[:, None]] = 0
    before = all_keys[position[after - 1]]
    breaks = ((gathered == 10) | (gathered == 13)).sum(axis=1)  # with one line break no blank line: no heading
    simple = (gap_b - gap_a <= 8) & (before[:, 0] != 0) & (breaks <= 1) & ~(gathered >= 0x80).any(axis=1)
    letter = (before[:, 0] < 256) & ((before[:, 0] < 48) | (before[:, 0] > 57)) & (before[:, 1] == 0)
    abbreviated = letter | (np.isin(before[:, 0], _ABBREVIATION_KEYS) & (before[:, 1] == 0))
    chosen = np.flatnonzero(simple)
    if chosen.size:
        separator = gathered[chosen].view("<u8").ravel()
        kind = (gap_b - gap_a)[chosen] * 2 + abbreviated[chosen]
        order = np.lexsort((separator, kind))
        new = np.ones(order.size, dtype=bool)
        new[1:] = (separator[order][1:] != separator[order][:-1]) | (kind[order][1:] != kind[order][:-1])
        group = np.empty(order.size, dtype=np.int64)
        group[order] = np.cumsum(new) - 1
        answers = np.array([_ends_at(texts, owner, text_starts, char_starts, char_ends, int(after[chosen[i]]))
                            for i in order[new].tolist()], dtype=bool)
        begins[position[after[chosen]]] = answers[group]
    for i in np.flatnonzero(~simple).tolist():
        begins[position[after[i]]] = _ends_at(texts, owner, text_starts, char_starts, char_ends, int(after[i]))
    return ids, final_counts.tolist(), begins, starts
