"""Layer 4, report: the registry of figures, the finished table of each, the figures, and the report page.

* :mod:`~toolkit.report.registry`: every figure as one object (number, name,
  title, caption, the corpus it needs, its recipe, what the page shows beside
  it); plain data, so that the command line reads it without matplotlib;
* :mod:`~toolkit.report.tables`: one public ``*_table`` function per figure;
* :mod:`~toolkit.report.figures`: the only module that imports matplotlib;
  ``plot_<thing>(table, *, ax=None)`` draws a finished table and computes
  nothing;
* :mod:`~toolkit.report.recipes`: one recipe per figure, from the report's inputs
  to the drawn figure and its table;
* :mod:`~toolkit.report.build`: :func:`build_report`, which runs every recipe
  and writes every file at once, and :func:`report_figures`;
* :mod:`~toolkit.report.html`: the self-contained page.

Nothing here is imported by ``import toolkit``, and the names below load on
first use (PEP 562): matplotlib and scikit-learn load only when a figure or a
table is asked for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .build import build_report, report_figures, ungdc_tables
    from .figures import (
        figure_bytes,
        new_figure,
        plot_characteristic_phrases,
        plot_dispersion,
        plot_formula_bars,
        plot_formula_heads,
        plot_formula_heatmap,
        plot_formula_rates,
        plot_intensity,
        plot_intensity_decades,
        plot_keyness,
        plot_reuse,
        plot_similarity_matrix,
        plot_statement_map,
        plot_top_formulae,
    )
    from .html import PageContent
    from .registry import FIGURES, HEADS_TAG, TREND_TAG, BuiltFigure, Drawing, Figure, Omitted
    from .tables import (
        UNTables,
        characteristic_formulae_table,
        dispersion_table,
        formulaicity_table,
        heads_table,
        heatmap_table,
        intensity_decades_table,
        intensity_table,
        key_words_table,
        keyness_sides_table,
        map_table,
        rates_table,
        reuse_table,
        similarity_table,
        statement_labels,
        top_formulae_table,
        un_tables,
    )

#: Each public name and the module of this package that defines it.
_MODULES = {
    **dict.fromkeys(("build_report", "report_figures", "ungdc_tables"), "build"),
    "PageContent": "html",
    **dict.fromkeys(("FIGURES", "BuiltFigure", "Drawing", "Figure", "Omitted", "HEADS_TAG", "TREND_TAG"), "registry"),
    **dict.fromkeys(("figure_bytes", "new_figure", "plot_characteristic_phrases", "plot_dispersion",
                     "plot_formula_bars", "plot_formula_heads", "plot_formula_heatmap", "plot_formula_rates",
                     "plot_intensity", "plot_intensity_decades",
                     "plot_keyness", "plot_reuse", "plot_similarity_matrix", "plot_statement_map", "plot_top_formulae"),
                    "figures"),
    **dict.fromkeys(("UNTables", "characteristic_formulae_table", "key_words_table", "keyness_sides_table"),
                    "tables"),
    **dict.fromkeys(("dispersion_table", "formulaicity_table", "heads_table",
                     "heatmap_table", "intensity_decades_table", "intensity_table", "map_table", "rates_table",
                     "reuse_table", "similarity_table", "statement_labels", "top_formulae_table", "un_tables"),
                    "tables"),
}
#: Constants of 0.1 that the lexicon's family tags replace: the ids of the default lexicon's tagged families.
_RENAMED_CONSTANTS = {"TREND_FAMILIES": ("trend", "TREND_TAG"), "HEAD_FAMILY": ("heads", "HEADS_TAG")}

__all__ = [
    "FIGURES", "BuiltFigure", "Drawing", "Figure", "Omitted", "PageContent", "build_report", "report_figures",
    "ungdc_tables", "figure_bytes", "new_figure", "plot_dispersion", "plot_formula_bars", "plot_formula_heads",
    "plot_formula_heatmap", "plot_formula_rates", "plot_intensity", "plot_intensity_decades",
    "plot_similarity_matrix", "plot_statement_map", "plot_top_formulae", "HEADS_TAG", "TREND_TAG", "UNTables",
    "dispersion_table", "formulaicity_table", "heads_table", "heatmap_table", "intensity_decades_table",
    "intensity_table", "map_table", "rates_table", "similarity_table", "statement_labels", "top_formulae_table",
    "un_tables", "plot_keyness", "plot_characteristic_phrases", "characteristic_formulae_table", "key_words_table",
    "keyness_sides_table", "plot_reuse", "reuse_table",
]


if not TYPE_CHECKING:  # type checkers read the imports above; a misspelt name is an error for them

    def __getattr__(name: str) -> Any:
        if name in _MODULES:
            return getattr(importlib.import_module(f"{__name__}.{_MODULES[name]}"), name)
        if name in _RENAMED_CONSTANTS:
            from ..formulae.lexicon import default_lexicon
            from ..validation import warn_renamed

            tag, new = _RENAMED_CONSTANTS[name]
            warn_renamed(f"toolkit.report.{name} was replaced by the lexicon's family tags: "
                         f"Lexicon.tagged(toolkit.report.{new})")
            ids = tuple(f.id for f in default_lexicon().tagged(tag))
            return ids if name == "TREND_FAMILIES" else ids[0]
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
