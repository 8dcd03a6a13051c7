"""Layer 1, text: the corpus model, folding with an offset map, and tokens.

* :mod:`~toolkit.text.corpus`: frozen :class:`Statement`, :class:`Document`
  and :class:`Corpus`, with ``to_frame()`` / ``from_frame()``;
* :mod:`~toolkit.text.normalize`: :func:`normalize`, folding that keeps a map
  back to the verbatim text;
* :mod:`~toolkit.text.tokens`: the one definition of a token and of a
  sentence end;
* :mod:`~toolkit.text.tokenized`: a corpus as integer token ids, for the
  analyses that count n-grams;
* :mod:`~toolkit.text.groups`: what a ``by`` names (groupings, time bins
  ``decade`` and ``years:N``, metadata columns), one resolver for every
  function that groups statements.
"""

from .corpus import FIELDS, Corpus, Document, Skipped, Statement, document_from_record, parse_date
from .normalize import Normalized, fold, fold_for_tokens, normalize
from .tokenized import TokenizedCorpus, tokenize_corpus
from .tokens import TOKEN_PATTERN, count_tokens, ends_sentence, sentence_breaks, split_tokens, token_spans

__all__ = [
    "FIELDS", "Corpus", "Document", "Skipped", "Statement", "document_from_record", "parse_date",
    "Normalized", "fold", "fold_for_tokens", "normalize", "TokenizedCorpus", "tokenize_corpus",
    "TOKEN_PATTERN", "count_tokens", "sentence_breaks", "ends_sentence", "split_tokens", "token_spans",
]
