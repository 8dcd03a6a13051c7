"""condemnation-toolkit: measure the language of diplomatic condemnation.

The public API, layer by layer (see ``ARCHITECTURE.md`` in the shared folder):

* the corpus model: :class:`Corpus`, :class:`Document`, :class:`Statement`;
* reading: :func:`read_corpus`, :func:`read_texts`, :func:`read_table`,
  :func:`read_ungdc`, and :func:`iter_corpus` for streaming;
* folding and tokens: :func:`normalize`, :func:`count_tokens`, :func:`token_spans`;
* :func:`summarize_corpus`;
* formulae: :class:`Lexicon`, :func:`compile_pattern`, :func:`default_lexicon`,
  :func:`read_lexicon`, :func:`find_matches`, :func:`count_matches`,
  :func:`add_rates`, :func:`kwic`; :class:`toolkit.features.FormulaVectorizer`
  for scikit-learn;
* statements by actor: :func:`attribute_statements`, :func:`default_gazetteer`,
  :func:`evaluate_attribution`;
* discovery and clustering: :func:`discover_formulae`, :func:`formulaicity`,
  :func:`promote_formulae`, :func:`cluster_statements`, :func:`evaluate_clusters`.
"""

__version__ = "0.1.0"

from .corpus import Corpus, Document, Skipped, Statement
from .errors import InputError, ParameterError, ToolkitError
from .actors import Entity, Gazetteer
from .attribution import Attribution, attribute_statements, evaluate_attribution
from .counts import add_rates, count_matches, sum_counts
from .discover import discover_formulae, formulaicity, promote_formulae
from .io import (default_gazetteer, default_lexicon, iter_corpus, locate_ungdc, read_corpus, read_gazetteer,
                 read_lexicon, read_statement_table, read_table, read_texts, read_ungdc, write_table)
from .kwic import kwic
from .lexicon import Lexicon, PatternError, compile_pattern
from .match import Matcher, Matches, find_matches
from .normalize import Normalized, normalize
from .summary import CorpusSummary, summarize_corpus
from .tokens import count_tokens, token_spans

__all__ = [
    "FormulaVectorizer",
    "cluster_statements",
    "discover_formulae",
    "evaluate_clusters",
    "formulaicity",
    "promote_formulae",
    "Attribution",
    "Entity",
    "Gazetteer",
    "attribute_statements",
    "default_gazetteer",
    "evaluate_attribution",
    "read_gazetteer",
    "read_statement_table",
    "Lexicon",
    "Matcher",
    "Matches",
    "PatternError",
    "add_rates",
    "compile_pattern",
    "count_matches",
    "default_lexicon",
    "find_matches",
    "kwic",
    "read_lexicon",
    "sum_counts",
    "write_table",
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


# scikit-learn takes a second to import: the estimators load on first use.
_LAZY = {"FormulaVectorizer": "features", "cluster_statements": "cluster", "evaluate_clusters": "cluster"}


def __getattr__(name):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
