"""Layer 3, analysis: tables computed from corpora and matches tables.

* :mod:`~toolkit.analysis.adoption`: when each actor first used a formula
  (:func:`adoption`) and the share of actors that had adopted it by each time
  (:func:`adoption_curve`: Kaplan-Meier with delayed entry, per group;
  :func:`median_adoption`);
* :mod:`~toolkit.analysis.collocates`: the words around a node within its
  sentence (:func:`collocates`: log-likelihood, MI, t-score, logDice);
* :mod:`~toolkit.analysis.discover`: recurring formulae not yet in the
  lexicon (:func:`discover_formulae`, :func:`promote_formulae`);
* :mod:`~toolkit.analysis.formulaicity`: the share of tokens inside formulae;
* :mod:`~toolkit.analysis.heads`: the word each hit is attached to;
* :mod:`~toolkit.analysis.intensity`: how strongly each statement condemns
  (:func:`score_intensity` on a :class:`IntensityScale`, :func:`intensity_table`
  per group, :func:`with_intensity` to count by level, :func:`kappa` to compare codings,
  :func:`condemnation_sentences` to set the sentences of condemnation apart);
* :mod:`~toolkit.analysis.keyness`: what sets a target group of statements
  apart from a reference (:func:`keyness`: log-likelihood, log ratio,
  corrected significance, a dispersion-aware test);
* :mod:`~toolkit.analysis.summary`: the size and coverage of a corpus;
* :mod:`~toolkit.analysis.reuse`: text reuse, the passages two documents
  share with exact spans (:func:`find_reuse`), and the share of each
  document's words taken from earlier ones (:func:`reuse_shares`);
* :mod:`~toolkit.analysis.cluster`: clustering of statements (imported on
  first use: scikit-learn is slow to import).
"""

from .adoption import (
    ADOPTION_COLUMNS,
    CURVE_COLUMNS,
    adoption,
    adoption_curve,
    adoption_groups,
    median_adoption,
    survival_data,
)
from .collocates import COLLOCATE_COLUMNS, association_scores, collocates, window_counts
from .discover import DISCOVERY_COLUMNS, discover_formulae, promote_formulae
from .formulaicity import covered_tokens, formulaicity
from .heads import head_words
from .intensity import (
    IntensityScale,
    agreement,
    condemnation_sentences,
    default_intensity_scale,
    intensity_table,
    kappa,
    parse_intensity_scale,
    score_intensity,
    with_intensity,
)
from .keyness import KEYNESS_COLUMNS, keyness, log_likelihood, log_ratio, significant
from .reuse import REUSE_COLUMNS, SHARE_COLUMNS, find_reuse, reuse_clusters, reuse_formulae, reuse_shares
from .summary import CorpusSummary, summarize_corpus

__all__ = ["ADOPTION_COLUMNS", "CURVE_COLUMNS", "adoption", "adoption_curve", "adoption_groups", "median_adoption",
           "REUSE_COLUMNS", "SHARE_COLUMNS", "find_reuse", "reuse_clusters", "reuse_formulae", "reuse_shares",
           "survival_data",
           "COLLOCATE_COLUMNS", "collocates", "association_scores", "window_counts", "DISCOVERY_COLUMNS",
           "discover_formulae", "promote_formulae", "covered_tokens", "formulaicity", "head_words", "IntensityScale",
           "score_intensity", "intensity_table", "with_intensity", "parse_intensity_scale", "default_intensity_scale",
           "kappa", "agreement", "condemnation_sentences",
           "KEYNESS_COLUMNS", "keyness", "log_likelihood", "log_ratio", "significant", "CorpusSummary",
           "summarize_corpus"]
