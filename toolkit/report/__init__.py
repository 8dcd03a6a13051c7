"""Layer 4, report: the finished table of each figure, the figures, and the report page.

* :mod:`~toolkit.report.tables`: one public ``*_table`` function per figure;
* :mod:`~toolkit.report.figures`: the only module that imports matplotlib;
  ``plot_<thing>(table, *, ax=None)`` draws a finished table and computes
  nothing;
* :mod:`~toolkit.report.build`: one recipe per figure and
  :func:`build_report`, which writes every file at once;
* :mod:`~toolkit.report.html`: the self-contained page.

Nothing here is imported by ``import toolkit``: matplotlib and scikit-learn
load only when a report is built.
"""

from .build import Figure, build_report, report_figures, ungdc_tables
from .figures import (
                      figure_bytes,
                      new_figure,
                      plot_dispersion,
                      plot_formula_bars,
                      plot_formula_heads,
                      plot_formula_heatmap,
                      plot_formula_rates,
                      plot_intensity,
                      plot_intensity_decades,
                      plot_similarity_matrix,
                      plot_statement_map,
                      plot_top_formulae,
)
from .tables import (
                      HEAD_FAMILY,
                      TREND_FAMILIES,
                      UNTables,
                      dispersion_table,
                      formulaicity_table,
                      heads_table,
                      heatmap_table,
                      intensity_decades_table,
                      intensity_table,
                      map_table,
                      rates_table,
                      similarity_table,
                      statement_labels,
                      top_formulae_table,
                      un_tables,
)

__all__ = [
    "Figure", "build_report", "report_figures", "ungdc_tables", "figure_bytes", "new_figure", "plot_dispersion",
    "plot_formula_bars", "plot_formula_heads", "plot_formula_heatmap", "plot_formula_rates", "plot_similarity_matrix",
    "plot_statement_map", "plot_top_formulae", "HEAD_FAMILY", "TREND_FAMILIES", "UNTables", "dispersion_table",
    "formulaicity_table", "heads_table", "heatmap_table", "map_table", "rates_table", "similarity_table",
    "statement_labels", "top_formulae_table", "un_tables", "plot_intensity", "plot_intensity_decades",
    "intensity_table", "intensity_decades_table",
]
