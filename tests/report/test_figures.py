"""Figures are tested on what they plot (data, order and labels), never on pixels."""

import hashlib
import itertools

import matplotlib
import matplotlib.text
import numpy as np
import pandas as pd
import pytest

from toolkit.errors import ParameterError
from toolkit.report import figures

COUNTS = pd.DataFrame({
    "actor": ["China", "China", "Chad", "Chad"],
    "family": ["all_forms", "condolence", "all_forms", "condolence"],
    "label": ["In all its forms", "Condolence", "In all its forms", "Condolence"],
    "n_matches": [3, 1, 0, 2],
})


def texts(labels):
    return [t.get_text() for t in labels]


def test_heatmap_cells_are_the_table_in_its_order_with_labelled_axes():
    ax = figures.plot_formula_heatmap(COUNTS, column_labels="label")
    image = ax.get_images()[0].get_array()
    assert np.array_equal(np.asarray(image), [[3, 1], [0, 2]])
    assert texts(ax.get_yticklabels()) == ["China", "Chad"]
    assert texts(ax.get_xticklabels()) == ["In all its forms", "Condolence"]
    annotations = sorted(t.get_text() for t in ax.texts)
    assert annotations == ["1", "2", "3"]  # zero cells are left blank
    assert ax.get_xlabel() == "formula family" and ax.get_ylabel() == "actor"
    colorbar = ax.figure.axes[-1]
    assert colorbar.get_ylabel() == "hits"


def test_bars_follow_the_table_order_and_show_the_share():
    table = pd.DataFrame({"actor": ["OIC", "Norway"], "n_matches": [5, 1], "lexicon_share": [0.57, 0.07]})
    ax = figures.plot_formula_bars(table)
    widths = [p.get_width() for p in ax.patches]
    assert widths == [5, 1]
    assert texts(ax.get_yticklabels()) == ["OIC", "Norway"]
    assert [t.get_text().strip() for t in ax.texts] == ["57%", "7%"]
    assert ax.get_xlim()[0] == 0


def test_similarity_matrix_draws_the_matrix_and_a_dendrogram_with_one_leaf_per_statement():
    from scipy.cluster.hierarchy import leaves_list, linkage

    rng = np.random.default_rng(0)
    points = rng.normal(size=(6, 3))
    tree = linkage(points, "ward")
    order = leaves_list(tree)
    ids = [f"s{k}" for k in range(6)]
    sim = pd.DataFrame(np.asarray(np.corrcoef(points))[np.ix_(order, order)], index=[ids[k] for k in order],
                       columns=[ids[k] for k in order])
    ax = figures.plot_similarity_matrix(sim, linkage=tree)
    assert np.allclose(np.asarray(ax.get_images()[0].get_array()), sim.to_numpy())
    assert texts(ax.get_xticklabels()) == list(sim.columns)
    dendrogram = ax.figure.axes[0]
    assert dendrogram.get_ylabel() == "Ward distance"
    assert len(dendrogram.collections[0].get_segments()) == 5  # n - 1 merges
    with pytest.raises(ParameterError, match="same statements in the same order"):
        figures.plot_similarity_matrix(sim.iloc[:, ::-1])


def test_statement_map_plots_every_point_and_no_two_labels_overlap():
    rng = np.random.default_rng(1)
    table = pd.DataFrame({"x": np.r_[rng.normal(size=8) * 0.01, rng.normal(size=6)],
                          "y": np.r_[rng.normal(size=8) * 0.01, rng.normal(size=6)],
                          "cluster": [0] * 8 + [1] * 6, "label": [f"ACTOR {k}" for k in range(14)]})
    ax = figures.plot_statement_map(table)
    points = np.concatenate([c.get_offsets() for c in ax.collections])
    assert sorted(map(tuple, np.round(points, 9))) == sorted(map(tuple, np.round(table[["x", "y"]].to_numpy(), 9)))
    labels = list(ax.texts)
    assert sorted(t.get_text() for t in labels) == sorted(table["label"])
    fig = ax.figure
    fig.draw_without_rendering()
    # The text alone: an annotation's own extent includes its leader line.
    boxes = [matplotlib.text.Text.get_window_extent(t, fig._get_renderer()) for t in labels]
    overlapping = [(a, b) for (a, x), (b, y) in itertools.combinations(enumerate(boxes), 2) if x.overlaps(y)]
    assert not overlapping, [(labels[a].get_text(), labels[b].get_text()) for a, b in overlapping]
    assert texts(ax.get_legend().get_texts()) == ["cluster 0", "cluster 1"]


def test_dispersion_puts_one_tick_per_hit_at_its_offset_on_its_family_row():
    hits = pd.DataFrame({"family": ["a", "a", "b"], "label": ["Alpha", "Alpha", "Beta"],
                         "doc_start": [10, 500, 250], "doc_length": [1000] * 3})
    ax = figures.plot_dispersion(hits, row_labels="label")
    segments = ax.collections[0].get_segments()
    assert [(s[0][0], round((s[0][1] + s[1][1]) / 2)) for s in segments] == [(10, 0), (500, 0), (250, 1)]
    assert texts(ax.get_yticklabels()) == ["Alpha", "Beta"]
    assert ax.get_xlim() == (0, 1000)


def test_rates_give_one_panel_per_family_from_zero_and_the_texts_per_year_below():
    rates = pd.DataFrame({"family": ["a"] * 3 + ["b"] * 3, "label": ["Alpha"] * 3 + ["Beta"] * 3,
                          "year": [2000, 2001, 2002] * 2, "n_statements": [10, 12, 0] * 2,
                          "rate_per_1000000": [1.0, 2.0, np.nan, 5.0, 0.0, np.nan]})
    ax = figures.plot_formula_rates(rates)
    axes = ax.figure.axes
    assert len(axes) == 3
    assert [a.get_title(loc="left") for a in axes] == ["Alpha", "Beta", "Number of speeches per year"]
    line = axes[1].get_lines()[0]
    assert list(line.get_xdata()) == [2000, 2001, 2002] and list(line.get_ydata())[:2] == [5.0, 0.0]
    assert all(a.get_ylim()[0] == 0 for a in axes)
    assert [p.get_height() for p in axes[2].patches] == [10, 12, 0]
    assert axes[0].get_ylabel() == "per million\nwords"


#: Rates of one family for three chosen actors (rates_table(..., actors=[...])): Peru has no hit.
CHOSEN = pd.DataFrame({
    "family": ["all_forms"] * 5, "label": ["In all its forms"] * 5,
    "actor": ["Chad", "Chad", "Peru", "Peru", "Saint Vincent and the Grenadines"],
    "actor_id": ["TCD", "TCD", "PER", "PER", "VCT"], "year": [2000, 2001, 2000, 2001, 2001],
    "n_matches": [2, 0, 0, 0, 1], "n_statements": [1, 1, 1, 1, 1],
    "rate_per_1000000": [400.0, 0.0, 0.0, 0.0, 250.0]})


def test_rates_of_chosen_actors_give_a_panel_each_a_zero_baseline_without_hits_and_their_speeches_per_year():
    ax = figures.plot_formula_rates(CHOSEN)
    axes = ax.figure.axes
    assert [a.get_title(loc="left") for a in axes] == [
        "Chad", "Peru", "Saint Vincent and the Grenadines", "Number of speeches per year (the 3 actors shown)"]
    assert ax.figure.get_suptitle() == "In all its forms"
    chad, peru, vincent, context = axes
    assert chad.get_ylim() == pytest.approx((0, 440.0)) and vincent.get_ylim() == pytest.approx((0, 275.0))
    # no hit: the baseline alone, at zero, and a note; no axis scaled to a tiny number
    assert peru.get_ylim() == (0, 1) and list(peru.get_yticks()) == [0]
    assert [t.get_text() for t in peru.texts] == [figures.NO_HITS] == ["no hits"]
    assert [t.get_text() for t in chad.texts] == []
    assert list(peru.get_lines()[0].get_ydata()) == [0.0, 0.0]
    # the chosen actors' speeches: two in 2000, three in 2001 (not one bar a year of the first actor's)
    assert [(p.get_x() + p.get_width() / 2, p.get_height()) for p in context.patches] == [(2000, 2), (2001, 3)]
    assert figures.legibility_problems(ax.figure) == []  # the longest state name fits


def test_rates_of_several_families_for_chosen_actors_are_lines_named_in_a_legend():
    both = pd.concat([CHOSEN, CHOSEN.assign(family="condolence", label="Condolence", rate_per_1000000=0.0)])
    ax = figures.plot_formula_rates(both)
    assert texts(ax.get_legend().get_texts()) == ["In all its forms", "Condolence"]
    assert [len(a.get_lines()) for a in ax.figure.axes] == [2, 2, 2, 0]
    # the speeches are counted once per actor and year, not once per family
    assert [p.get_height() for p in ax.figure.axes[-1].patches] == [2, 3]


def test_rates_on_given_axes_without_any_hit_keep_a_zero_baseline_with_the_note():
    _, (ax,) = figures.new_figure(figures.COLUMN, 2.0)
    ax = figures.plot_formula_rates(CHOSEN[CHOSEN["actor"] == "Peru"], ax=ax)
    assert ax.get_ylim() == (0, 1) and texts(ax.texts) == ["no hits"]
    assert texts(ax.get_legend().get_texts()) == ["Peru"]
    _, (ax,) = figures.new_figure(figures.COLUMN, 2.0)
    both = pd.concat([CHOSEN, CHOSEN.assign(family="condolence", label="Condolence")])
    ax = figures.plot_formula_rates(both[both["actor"] != "Chad"], ax=ax)
    assert texts(ax.get_legend().get_texts()) == [  # cut to LABEL_CHARACTERS, as every label
        "Peru: In all its forms", "Peru: Condolence", "Saint Vincent and the Grenadines: In al\u2026",
        "Saint Vincent and the Grenadines: Condo\u2026"]


def test_heads_stack_the_counts_of_each_decade():
    table = pd.DataFrame({"decade": [1960, 1960, 2000, 2000], "head": ["colonialism", "other"] * 2,
                          "n_matches": [5, 2, 0, 7]})
    ax = figures.plot_formula_heads(table)
    bars = ax.patches
    assert [p.get_height() for p in bars] == [5, 0, 2, 7]
    assert [p.get_y() for p in bars] == [0, 0, 5, 0]
    assert texts(ax.get_xticklabels()) == ["1960s", "2000s"]
    assert texts(ax.get_legend().get_texts()) == ["colonialism", "other"]


def test_top_formulae_bars_are_actor_ranges_and_lexicon_ones_are_set_apart():
    table = pd.DataFrame({"ngram": ["terrorism in all its forms", "solidarity with pakistan"], "n_actors": [5, 3],
                          "in_lexicon": [True, False]})
    ax = figures.plot_top_formulae(table)
    assert [p.get_width() for p in ax.patches] == [5, 3]
    assert ax.patches[0].get_facecolor() != ax.patches[1].get_facecolor()
    assert texts(ax.get_yticklabels()) == list(table["ngram"])
    assert ax.get_xlabel() == "actors using it"


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_the_same_figure_gives_the_same_bytes_without_dates(fmt):
    def draw():
        return figures.plot_formula_heatmap(COUNTS).figure

    first, second = figures.figure_bytes(draw(), fmt), figures.figure_bytes(draw(), fmt)
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()
    assert b"CreationDate" not in first and b"<dc:date>" not in first
    assert b"Matplotlib version" not in first and b"matplotlib.org" not in first


def test_a_png_is_rendered_at_300_dpi_by_default():
    data = figures.figure_bytes(figures.plot_formula_heatmap(COUNTS).figure, "png")
    width = int.from_bytes(data[16:20], "big")
    assert width == round(figures.PAGE * 300)


def test_plotting_never_changes_the_global_style():
    before = dict(matplotlib.rcParams)
    figures.plot_formula_heatmap(COUNTS)
    assert dict(matplotlib.rcParams) == before


def test_bad_tables_are_refused_with_the_missing_column_named():
    with pytest.raises(ParameterError, match=r"^The 'counts' parameter of plot_formula_heatmap must be a table with "
                                             r"the column 'n_matches'\. Got a table without it instead\.$"):
        figures.plot_formula_heatmap(COUNTS.drop(columns="n_matches"))
    with pytest.raises(ParameterError, match="must be a table with rows to plot. Got an empty table instead"):
        figures.plot_top_formulae(pd.DataFrame(columns=["ngram", "n_actors", "in_lexicon"]))
    with pytest.raises(ParameterError, match="'fmt' parameter of figure_bytes"):
        figures.figure_bytes(figures.plot_formula_heatmap(COUNTS).figure, "gif")
    square = pd.DataFrame([[1.0, 0.5], [0.5, 1.0]], index=["a", "b"], columns=["a", "b"])
    with pytest.raises(ParameterError, match=r"'labels' parameter of plot_similarity_matrix must be one label per "
                                             r"row \(2\)\. Got 3 labels instead"):
        figures.plot_similarity_matrix(square, labels=["x", "y", "z"])
    with pytest.raises(ParameterError, match="'similarity' parameter of plot_similarity_matrix must be a non-empty "
                                             "square DataFrame"):
        figures.plot_similarity_matrix(square.iloc[:, :1])


def test_keyness_bars_go_either_side_of_zero_with_their_counts_and_stay_legible_at_twelve_a_side():
    words = [f"word{k}" for k in range(24)]
    ratio = [3.0 - 0.1 * k for k in range(12)] + [-3.0 + 0.1 * k for k in range(12)]
    table = pd.DataFrame({"side": ["2001-2010"] * 12 + ["1991-2000"] * 12, "feature": words,
                          "n_target": [100 + k for k in range(24)], "n_reference": [10 + k for k in range(24)],
                          "log_ratio": ratio})
    ax = figures.plot_keyness(table, names=("2001-2010", "1991-2000"))
    assert [t.get_text() for t in ax.get_yticklabels()] == words
    assert [t.get_text() for t in ax.texts] == [f"{100 + k}/{10 + k}" for k in range(24)]
    assert [p.get_width() < 0 for p in ax.patches[:24]] == [r < 0 for r in ratio]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["2001-2010", "1991-2000"]
    assert figures.legibility_problems(figures.fit_to_canvas(ax.figure)) == []
