"""Every statement of a corpus as integer token ids, tokenised once for the analyses that count n-grams.

:func:`tokenize_corpus` folds and tokenises each statement exactly as the
matcher does (:mod:`toolkit.text.tokens`), gives every distinct token an id
(its rank of first appearance), and records for each token its sentence
number, so that n-grams never cross a sentence end, and its character span
in the statement's verbatim text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

import numpy as np
import pandas as pd

from ..validation import check_corpus
from .corpus import Corpus, Document
from .normalize import fold_for_tokens
from .tokens import separator_ends_sentence, split_tokens

__all__ = ["TokenizedCorpus", "tokenize_corpus", "STATEMENT_FIELDS"]

#: The columns of :attr:`TokenizedCorpus.statements`.
STATEMENT_FIELDS = ["statement_id", "doc_id", "actor", "actor_id", "year", "n_tokens"]
_STOPS = re.compile("[.!?\u2026\n\r]")


@dataclass
class TokenizedCorpus:
    """Every statement as token ids, with what discovery and formulaicity need to know about it."""

    vocabulary: list[str]
    ids: list[np.ndarray]  # token ids per statement
    sentences: list[np.ndarray]  # sentence number of each token
    starts: list[np.ndarray]  # character offsets of tokens in the statement text
    ends: list[np.ndarray]
    statements: pd.DataFrame  # statement_id, doc_id, actor, actor_id, year, n_tokens
    texts: list[str]
    #: Where each statement starts in its document, and whether it overlaps another statement of the
    #: same document (attributed news: one sentence reported for several actors).
    offsets: np.ndarray
    overlapping: np.ndarray

    @classmethod
    def concat(cls, parts: Iterable[TokenizedCorpus]) -> TokenizedCorpus:
        """Corpora tokenised apart (batches of one corpus, in order) as one; vocabularies merged.

        A word's id stays its rank of first appearance across the parts, so
        the result equals tokenising the whole corpus at once.
        """
        vocabulary: dict[str, int] = {}
        ids: list[np.ndarray] = []
        sentences: list[np.ndarray] = []
        starts: list[np.ndarray] = []
        ends: list[np.ndarray] = []
        texts: list[str] = []
        frames, offsets, overlapping = [], [], []
        for part in parts:
            get = vocabulary.setdefault
            remap = np.fromiter((get(w, len(vocabulary)) for w in part.vocabulary), dtype=np.int64,
                                count=len(part.vocabulary))
            ids.extend(remap[x] for x in part.ids)
            sentences.extend(part.sentences)
            starts.extend(part.starts)
            ends.extend(part.ends)
            texts.extend(part.texts)
            frames.append(part.statements)
            offsets.append(part.offsets)
            overlapping.append(part.overlapping)
        statements = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=STATEMENT_FIELDS)
        statements["year"] = statements["year"].astype("Int64")
        return cls(list(vocabulary), ids, sentences, starts, ends, statements, texts,
                   np.concatenate(offsets) if offsets else np.empty(0, dtype=np.int64),
                   np.concatenate(overlapping) if overlapping else np.empty(0, dtype=bool))


def tokenize_corpus(corpus: Corpus | Iterable[Document]) -> TokenizedCorpus:
    """Tokenise every statement once (a single pass; documents may be streamed)."""
    check_corpus(corpus, "tokenize_corpus")
    vocabulary: dict[str, int] = {}
    ids: list[np.ndarray] = []
    sentences: list[np.ndarray] = []
    starts_all: list[np.ndarray] = []
    ends_all: list[np.ndarray] = []
    texts: list[str] = []
    rows: list[tuple] = []
    offsets: list[int] = []
    overlapping: list[bool] = []
    for doc in corpus:
        spans = sorted((st.start, st.end) for st in doc.statements)
        reach = list(accumulate((end for _, end in spans), max))
        shared = any(spans[k][0] < reach[k - 1] for k in range(1, len(spans)))
        for st in doc.statements:
            folded = fold_for_tokens(st.text)
            tokens, starts, ends = split_tokens(folded.text)
            if not folded.is_identity:
                starts, ends = folded.spans_to_original(starts, ends)
            get = vocabulary.setdefault
            token_ids = np.fromiter((get(t, len(vocabulary)) for t in tokens), dtype=np.int64, count=len(tokens))
            sentence = np.zeros(len(tokens), dtype=np.int32)
            # A sentence can only end where a separator holds . ! ? … or a line break.
            text = st.text
            marks = [m.start() for m in _STOPS.finditer(text)]
            if marks and len(tokens) > 1:
                after = np.unique(np.searchsorted(starts, np.asarray(marks), side="right"))
                for k in after[(after > 0) & (after < len(tokens))].tolist():
                    if separator_ends_sentence(text[ends[k - 1]:starts[k]], tokens[k - 1]):
                        sentence[k] = 1
            ids.append(token_ids)
            sentences.append(np.cumsum(sentence, dtype=np.int32))
            starts_all.append(np.asarray(starts, dtype=np.int64))
            ends_all.append(np.asarray(ends, dtype=np.int64))
            rows.append((st.id, st.doc_id, st.actor, st.actor_id, st.year, len(tokens)))
            texts.append(text)
            offsets.append(st.start)
            overlapping.append(shared)
    statements = pd.DataFrame(rows, columns=STATEMENT_FIELDS)
    statements["year"] = statements["year"].astype("Int64")
    words = [""] * len(vocabulary)
    for word, k in vocabulary.items():
        words[k] = word
    return TokenizedCorpus(words, ids, sentences, starts_all, ends_all, statements, texts,
                           np.asarray(offsets, dtype=np.int64), np.asarray(overlapping, dtype=bool))
