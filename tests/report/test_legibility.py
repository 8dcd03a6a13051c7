"""The report stays readable from one article to a thousand speeches: checked on the drawn figures, not pixels.

Three corpora of different shape: the seed (one article, 27 statements), the
development news set read in place (14 texts, 170 statements, 31 actors), and
1,000 UN General Debate speeches spread over the archive (one statement per
speech, actor from the file name). For every figure: no two texts overlap, no
text leaves the canvas, no more rows than the configured maximum, and the
figure is no taller than :data:`toolkit.report.figures.MAX_HEIGHT`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.text import Annotation

from toolkit.io import iter_corpus, read_corpus
from toolkit.report import figures as F
from toolkit.report import tables as T
from toolkit.report.build import report_figures
from toolkit.text.corpus import Corpus

from ..paths import SEED, SHARED

NEWS_DEV = SHARED / "corpora" / "news-dev" / "texts"
UN_SAMPLE = 1000


def _figures(corpus: Corpus, *, attribute: bool) -> dict:
    found, _ = report_figures(corpus, attribute=attribute, name="test")
    return {f.name: f for f in found}


@pytest.fixture(scope="module")
def seed_figures():
    return _figures(read_corpus(SEED.parent), attribute=True)


@pytest.fixture(scope="module")
def news_figures():
    if not NEWS_DEV.is_dir():
        pytest.skip(f"the development news set is absent ({NEWS_DEV})")
    return _figures(read_corpus(NEWS_DEV), attribute=True)


@pytest.fixture(scope="module")
def un_figures(ungdc_path):
    stream = iter_corpus(ungdc_path)
    documents = list(stream)
    keep = np.unique(np.linspace(0, len(documents) - 1, UN_SAMPLE).round().astype(int))
    corpus = Corpus(tuple(documents[k] for k in keep))
    assert len(corpus) == UN_SAMPLE
    return _figures(corpus, attribute=False)


def _rows(ax) -> int:
    """The rows a figure names: its visible y tick labels."""
    lo, hi = sorted(ax.get_ylim())
    return sum(1 for tick, label in zip(ax.get_yticks(), ax.get_yticklabels())
               if lo <= tick <= hi and label.get_text().strip())


def _main_axes(figure):
    """The axes the figure is drawn on (not its colour bar)."""
    return max(figure.figure.axes, key=lambda ax: ax.get_position().width * ax.get_position().height)


LIMITS = {
    "01-actor-family-heatmap": T.TOP_ACTORS + 1,  # the unresolved row comes on top of the actors
    "02-formula-hits-by-formulaicity": T.TOP_ACTORS + 1,
    "03-statement-similarity": F.MATRIX_LABELS_MAX,
    "05-formula-dispersion": T.DISPERSION_DOCUMENTS,
    "08-discovered-formulae": T.TOP_FORMULAE,
    "09-intensity-by-actor": T.TOP_ACTORS + 1,
}


def _check(figures: dict) -> None:
    assert figures, "no figure was drawn"
    for name, figure in figures.items():
        fig = figure.figure
        problems = F.legibility_problems(fig)
        assert problems == [], f"{name}: {problems[:5]}"
        assert fig.get_figheight() <= F.MAX_HEIGHT + 1e-9, f"{name} is {fig.get_figheight():.1f} in tall"
        if name in LIMITS:
            assert _rows(_main_axes(figure)) <= LIMITS[name], f"{name}: {_rows(_main_axes(figure))} rows"


def test_the_seed_report_is_legible(seed_figures):
    _check(seed_figures)
    assert set(seed_figures) == {"01-actor-family-heatmap", "02-formula-hits-by-formulaicity",
                                 "03-statement-similarity", "04-statement-map", "05-formula-dispersion",
                                 "08-discovered-formulae", "09-intensity-by-actor"}
    # the seed's 11 runs of condemnation sentences are too few for a significant contrast: the candidates are
    # drawn hatched, and the caption says they are candidates, not findings
    characteristic = seed_figures["08-discovered-formulae"]
    assert not characteristic.table["significant"].any() and (characteristic.table["log_ratio"] > 0).all()
    assert "too few to tell" in characteristic.caption and "hatched" in characteristic.caption
    assert any(bar.get_hatch() for bar in _main_axes(characteristic).patches)
    # one article of 27 statements: statements, not actors, and one row per family in the dispersion plot
    assert _rows(_main_axes(seed_figures["03-statement-similarity"])) == 27
    assert seed_figures["05-formula-dispersion"].table.attrs["form"] == "families"


def test_the_news_report_is_legible_and_pools_the_unresolved_speakers(news_figures):
    _check(news_figures)
    heatmap = news_figures["01-actor-family-heatmap"].table
    actors = heatmap["actor"].drop_duplicates().tolist()
    # the 30 actors all fit (TOP_ACTORS = 30): every one is shown, the 2 without hits too, after those with hits
    totals = heatmap.groupby("actor", sort=False)["n_matches"].sum()
    assert actors[-1] == "unresolved" and len(actors) == 30 + 1 == T.TOP_ACTORS + 1
    assert (totals > 0).sum() == 29 and (totals.iloc[-3:-1] == 0).all() and heatmap.attrs["left_out"] == 0
    similarity = news_figures["03-statement-similarity"].table
    assert similarity.columns[0] == "actor" and similarity["n_statements"].sum() == 169  # one row per actor
    dispersion = news_figures["05-formula-dispersion"].table
    assert dispersion["doc_id"].nunique() == 14 and dispersion["position"].between(0, 1).all()
    characteristic = news_figures["08-discovered-formulae"].table
    shown = characteristic["ngram"].tolist()
    assert "condolences to the" not in shown and "condemned in the strongest" not in shown
    # phrases of condemnation sentences, not the reporter's frame, ranked by log ratio, used by 3 of the 30 actors
    assert "said in a statement" not in shown and shown[0] == "strongly condemned the horrific terrorist attack"
    assert characteristic["log_ratio"].is_monotonic_decreasing and (characteristic["n_actors"] >= 3).all()


def test_a_thousand_un_speeches_give_a_legible_report(un_figures):
    _check(un_figures)
    similarity = un_figures["03-statement-similarity"].table
    assert similarity.columns[0] == "actor" and similarity["n_statements"].sum() == UN_SAMPLE
    mapped = un_figures["04-statement-map"].table
    drawn = un_figures["04-statement-map"].figure.findobj(Annotation)
    assert len(drawn) <= mapped["labelled"].sum()
    if len(mapped) > T.LABEL_ALL_MAX:
        assert mapped["labelled"].sum() == mapped["cluster"].nunique()
    dispersion = un_figures["05-formula-dispersion"].table
    assert dispersion["doc_id"].nunique() == T.DISPERSION_DOCUMENTS
    # figure 8 by contrast: phrases of condemnation sentences, all significant, each used by a tenth of the actors
    characteristic = un_figures["08-discovered-formulae"].table
    actors = un_figures["03-statement-similarity"].table["actor"].nunique()
    assert len(characteristic) and characteristic["significant"].all()
    assert (characteristic["n_actors"] >= round(0.1 * actors)).all()
    assert characteristic["log_ratio"].is_monotonic_decreasing
    shown = " | ".join(characteristic["ngram"])
    assert "session of the general assembly" not in shown and "take this opportunity to" not in shown
    assert len(T.unchained(characteristic)) == len(characteristic)  # a long title shows once, not as a chain


def test_the_checker_finds_overlapping_and_clipped_texts():
    fig, (ax,) = F.new_figure(5, 3)
    ax.text(0.5, 0.5, "one label", transform=ax.transAxes)
    ax.text(0.52, 0.5, "another label", transform=ax.transAxes)
    ax.set_title("a title far too long to fit on a figure five inches wide, so it runs off the canvas on the right"
                 " side", loc="left")
    problems = F.legibility_problems(fig)
    assert any(p.startswith("overlapping texts: 'one label' and 'another label'") for p in problems)
    assert any(p.startswith("outside the figure: 'a title far too long") for p in problems)
    F.fit_to_canvas(fig)
    assert not [p for p in F.legibility_problems(fig) if p.startswith("outside")]
    assert "\n" in ax.get_title(loc="left")  # wrapped, not cut


def test_rotated_labels_are_checked_by_the_space_they_really_cover():
    fig, (ax,) = F.new_figure(4, 3)
    ax.set_xticks(range(6), [f"family number {k}" for k in range(6)], rotation=50, ha="right",
                  rotation_mode="anchor")
    # slanted labels side by side overlap as boxes, not as text
    assert F.legibility_problems(fig) == []


def test_the_top_actors_are_a_parameter_of_the_report(tmp_path):
    corpus = read_corpus(SEED.parent)
    found, _ = report_figures(corpus, top_actors=5, attribute=True)
    heatmap = {f.name: f for f in found}["01-actor-family-heatmap"]
    assert heatmap.table["actor"].nunique() == 5
    note = heatmap.figure._supxlabel.get_text()
    assert note.startswith("12 actors with fewer hits are left out (17 in all")


def test_a_legend_over_the_bars_is_a_problem():
    fig, (ax,) = F.new_figure(4, 2)
    ax.barh([0, 1], [3, 3], label="hits")
    ax.legend(loc="center")
    assert any(p.startswith("a legend covers the bars") for p in F.legibility_problems(fig))


def test_more_clusters_than_colours_are_told_apart_by_shape():
    table = pd.DataFrame({"x": range(12), "y": range(12), "cluster": range(12), "label": [f"A{k}" for k in range(12)]})
    ax = F.plot_statement_map(table)
    styles = {(tuple(c.get_facecolor()[0]), c.get_paths()[0].vertices.round(3).tobytes()) for c in ax.collections}
    assert len(styles) == 12


def _invented_archive(n_actors: int = 190, first: int = 1946, last: int = 2024, n_passages: int = 6000):
    """A General Debate of invented speeches and passages: every actor speaks every year, passages go forward."""
    from toolkit.analysis.reuse import REUSE_COLUMNS
    from toolkit.text.corpus import Document

    rng = np.random.default_rng(7)
    actors = [(f"State {k:03d}", f"S{k:03d}") for k in range(n_actors)]
    years = list(range(first, last + 1, 2))
    documents = [Document(f"{code}_{year}", " ".join(f"w{j}" for j in rng.integers(0, 500, 40)), actor=name,
                          actor_id=code, year=year) for name, code in actors for year in years]
    source, target = rng.integers(0, len(documents), (2, n_passages))
    rows = []
    for s, t in zip(source.tolist(), target.tolist()):
        a, b = sorted((documents[s], documents[t]), key=lambda d: d.year)
        if a.year == b.year:
            continue
        # a few states lend far more than the others: the log scale and the compact labels must hold them
        words = int(rng.lognormal(3.5, 1.0)) * (40 if a.actor_id in ("S000", "S001") else 1)
        rows.append((a.id, 0, 60, b.id, 0, int(rng.integers(20, 200)), words + 20, 0.95, 80.0, "forward", 0, a.id,
                     a.actor, b.actor, 0.1))
    return Corpus(tuple(documents)), pd.DataFrame(rows, columns=REUSE_COLUMNS)


def test_the_reuse_figure_is_legible_from_the_seed_article_to_a_whole_archive():
    from toolkit.analysis.intensity import default_intensity_scale
    from toolkit.analysis.reuse import find_reuse
    from toolkit.attribution import attribute_statements
    from toolkit.formulae.match import find_matches
    from toolkit.io import default_gazetteer, default_lexicon
    from toolkit.report.recipes import ReportInputs, ungdc_reuse
    from toolkit.report.registry import FIGURES, BuiltFigure, Drawing

    # the seed: one article of 27 short statements without a year; its passages are formulae of a few words
    statements = attribute_statements(read_corpus(SEED.parent), default_gazetteer()).corpus
    seed = T.reuse_table(find_reuse(statements, n=3, min_words=5, min_shared=1), statements)
    assert not seed.attrs["directed"] and set(seed["panel"]) == {"pairs"} and seed.attrs["left_out"] == 0
    ax = F.plot_reuse(seed)
    assert F.legibility_problems(ax.figure) == [] and len(ax.figure.axes) == 2  # the matrix and its colour bar
    assert _rows(ax) == seed["source"].nunique() and {"OIC", "EU", "AZE"} <= set(seed["source"])
    # a whole archive: 190 states over 79 years, drawn by the report's recipe with its title, caption and note
    corpus, passages = _invented_archive()
    table = T.reuse_table(passages, corpus)
    lexicon = default_lexicon()
    tiny = Corpus(corpus.documents[:2])
    un = T.UNTables(pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), len(corpus), 0, reuse=table)
    inputs = ReportInputs(tiny, tiny, lexicon, default_intensity_scale(), find_matches(tiny, lexicon), ungdc=un)
    drawn = ungdc_reuse(inputs)
    assert isinstance(drawn, Drawing)
    fig = drawn.figure
    assert F.legibility_problems(fig) == [] and fig.get_figheight() <= F.MAX_HEIGHT
    assert _rows(fig.axes[0]) == T.REUSE_ACTORS + 1 and fig.axes[0].get_yticklabels()[-1].get_text() == "other"
    built = BuiltFigure(next(f for f in FIGURES if f.recipe == "ungdc_reuse"), drawn)
    assert "the other 176 pooled as other" in built.caption and "{" not in built.caption + built.title
    cells = {t.get_text() for t in fig.axes[0].texts}
    assert all(len(text) <= 4 for text in cells) and any(text.endswith("k") for text in cells)
    assert drawn.table["year"].dropna().astype(int).tolist() == list(range(1946, 2025, 2))
