"""Layer 2, formulae: the pattern language, lexicons, the matching engine and what derives from its table.

* :mod:`~toolkit.formulae.pattern`: the pattern language and its compiler;
* :mod:`~toolkit.formulae.lexicon`: :class:`Formula`, :class:`Family`,
  :class:`Lexicon` and the YAML format;
* :mod:`~toolkit.formulae.match`: the engine and the one matches table
  (:func:`find_matches`);
* :mod:`~toolkit.formulae.kwic`, :mod:`~toolkit.formulae.counts`: KWIC lines
  and counts, derived from that table;
* :mod:`~toolkit.formulae.features`: :class:`FormulaVectorizer`, a
  scikit-learn transformer (imported on first use: scikit-learn is slow to
  import).
"""

from .counts import add_rates, count_matches, statement_matrix, sum_counts
from .kwic import KWIC_COLUMNS, format_kwic, kwic
from .lexicon import Family, Formula, Lexicon, parse_lexicon
from .match import MATCH_COLUMNS, Matcher, Matches, find_matches, iter_statement_matches
from .pattern import Pattern, PatternError, compile_pattern

__all__ = [
    "add_rates", "count_matches", "statement_matrix", "sum_counts", "KWIC_COLUMNS", "format_kwic", "kwic",
    "Family", "Formula", "Lexicon", "parse_lexicon", "MATCH_COLUMNS", "Matcher", "Matches", "find_matches",
    "iter_statement_matches", "Pattern", "PatternError", "compile_pattern",
]
