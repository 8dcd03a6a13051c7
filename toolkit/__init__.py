"""condemnation-toolkit: measure the language of diplomatic condemnation.

The packages follow the flow of data, layer by layer (``ARCHITECTURE.md`` in
the shared folder):

* :mod:`toolkit.io` (edge): reading corpora (:func:`read_corpus`,
  :func:`iter_corpus`, the UN General Debate Corpus), lexicons and
  gazetteers; writing tables atomically;
* :mod:`toolkit.text` (1): the corpus model (:class:`Corpus`,
  :class:`Document`, :class:`Statement`), :func:`normalize`, tokens;
* :mod:`toolkit.formulae` (2): the pattern language, :class:`Lexicon`,
  :func:`find_matches` and the one matches table, :func:`count_matches`,
  :func:`kwic`, :class:`FormulaVectorizer`;
* :mod:`toolkit.attribution` (2): :func:`attribute_statements`, the
  gazetteer, :func:`evaluate_attribution`;
* :mod:`toolkit.analysis` (3): :func:`discover_formulae`,
  :func:`formulaicity`, :func:`head_words`, :func:`summarize_corpus`,
  :func:`cluster_statements`, :func:`compare_features`, :func:`keyness`, :func:`collocates`, :func:`adoption`,
  :func:`adoption_curve`, :func:`find_reuse`, :func:`score_intensity`
  (with :class:`IntensityScale`, :func:`intensity_table`, :func:`with_intensity`, :func:`kappa`,
  :func:`agreement`);
* :mod:`toolkit.report` (4): the registry of figures, the table of each
  figure, the figures and :func:`build_report`;
* :mod:`toolkit.backends` (edge): every corpus-scale step on local processes
  or a Dask cluster (:func:`toolkit.backends.run_batches`).

Errors are :class:`ToolkitError`: :class:`InputError` (bad data),
:class:`ParameterError` (bad usage), :class:`SetupError` (something to
install or start).
"""

from .analysis import (
    ADOPTION_COLUMNS,
    COLLOCATE_COLUMNS,
    CURVE_COLUMNS,
    DISCOVERY_COLUMNS,
    KEYNESS_COLUMNS,
    REUSE_COLUMNS,
    SHARE_COLUMNS,
    CorpusSummary,
    IntensityScale,
    adoption,
    adoption_curve,
    adoption_groups,
    agreement,
    collocates,
    covered_tokens,
    default_intensity_scale,
    discover_formulae,
    find_reuse,
    formulaicity,
    head_words,
    intensity_table,
    kappa,
    keyness,
    median_adoption,
    parse_intensity_scale,
    promote_formulae,
    reuse_formulae,
    reuse_shares,
    score_intensity,
    summarize_corpus,
    survival_data,
    with_intensity,
)
from .attribution import Attribution, Entity, Gazetteer, attribute_statements, evaluate_attribution
from .errors import ClusterUnavailable, InputError, MissingDependency, ParameterError, SetupError, ToolkitError
from .formulae import (
    Lexicon,
    Matcher,
    Matches,
    PatternError,
    add_rates,
    compile_pattern,
    count_matches,
    find_matches,
    format_kwic,
    kwic,
    sum_counts,
)
from .io import (
    default_gazetteer,
    default_lexicon,
    iter_corpus,
    locate_ungdc,
    read_corpus,
    read_gazetteer,
    read_lexicon,
    read_statement_table,
    read_table,
    read_texts,
    read_ungdc,
    write_table,
)
from .text import (
    Corpus,
    Document,
    Normalized,
    Skipped,
    Statement,
    TokenizedCorpus,
    count_tokens,
    normalize,
    token_spans,
    tokenize_corpus,
)
from .version import __version__

__all__ = [
    "__version__",
    # errors
    "ToolkitError", "InputError", "ParameterError", "SetupError", "MissingDependency", "ClusterUnavailable",
    # text
    "Corpus", "Document", "Statement", "Skipped", "Normalized", "normalize", "count_tokens", "token_spans",
    "TokenizedCorpus", "tokenize_corpus",
    # io
    "read_corpus", "read_texts", "read_table", "read_ungdc", "iter_corpus", "locate_ungdc", "read_lexicon",
    "default_lexicon", "read_gazetteer", "default_gazetteer", "read_statement_table", "write_table",
    # formulae
    "Lexicon", "PatternError", "compile_pattern", "Matcher", "Matches", "find_matches", "count_matches",
    "add_rates", "sum_counts", "kwic", "format_kwic", "FormulaVectorizer",
    # attribution
    "Attribution", "Entity", "Gazetteer", "attribute_statements", "evaluate_attribution",
    # analysis
    "DISCOVERY_COLUMNS", "discover_formulae", "promote_formulae", "formulaicity", "covered_tokens", "head_words",
    "CorpusSummary", "summarize_corpus", "cluster_statements", "compare_features", "evaluate_clusters",
    "IntensityScale", "score_intensity", "intensity_table", "with_intensity", "parse_intensity_scale",
    "default_intensity_scale", "kappa", "agreement", "KEYNESS_COLUMNS", "keyness", "COLLOCATE_COLUMNS", "collocates",
    "ADOPTION_COLUMNS", "CURVE_COLUMNS", "adoption", "adoption_curve", "adoption_groups", "median_adoption",
    "survival_data", "REUSE_COLUMNS", "SHARE_COLUMNS", "find_reuse", "reuse_formulae", "reuse_shares",
    # report
    "build_report",
]


# scikit-learn and matplotlib take a second or more to import: these load on first use.
_LAZY = {
    "FormulaVectorizer": "toolkit.formulae.features",
    "cluster_statements": "toolkit.analysis.cluster",
    "compare_features": "toolkit.analysis.cluster",
    "evaluate_clusters": "toolkit.analysis.cluster",
    "build_report": "toolkit.report.build",
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
