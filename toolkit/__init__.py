"""condemnation-toolkit: measure the language of diplomatic condemnation.

The public API, layer by layer (see ``ARCHITECTURE.md`` in the shared folder):

* the corpus model: :class:`Corpus`, :class:`Document`, :class:`Statement`;
* reading: :func:`read_corpus`, :func:`read_texts`, :func:`read_table`,
  :func:`read_ungdc`, and :func:`iter_corpus` for streaming;
* folding and tokens: :func:`normalize`, :func:`count_tokens`, :func:`token_spans`;
* :func:`summarize_corpus`.
"""

__version__ = "0.1.0"

from .corpus import Corpus, Document, Skipped, Statement
from .errors import InputError, ParameterError, ToolkitError
from .io import iter_corpus, locate_ungdc, read_corpus, read_table, read_texts, read_ungdc
from .normalize import Normalized, normalize
from .summary import CorpusSummary, summarize_corpus
from .tokens import count_tokens, token_spans

__all__ = [
    "Corpus",
    "CorpusSummary",
    "Document",
    "InputError",
    "Normalized",
    "ParameterError",
    "Skipped",
    "Statement",
    "ToolkitError",
    "count_tokens",
    "iter_corpus",
    "locate_ungdc",
    "normalize",
    "read_corpus",
    "read_table",
    "read_texts",
    "read_ungdc",
    "summarize_corpus",
    "token_spans",
]
