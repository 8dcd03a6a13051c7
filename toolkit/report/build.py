"""The report: one recipe per figure, each figure saved beside the exact table it plots.

A recipe takes the finished table of one figure (:mod:`toolkit.report.tables`),
rounds its floats as every written table is rounded
(:func:`toolkit.io.write.round_floats`), and draws it with
:mod:`toolkit.report.figures`, so the figure and its CSV show the same
numbers on any machine. :func:`build_report` runs every recipe and writes,
for each figure ``NN-name``: ``NN-name.png`` (300 dpi), ``NN-name.svg`` and
``NN-name.csv`` (the rows plotted, nothing more), and a self-contained
``report.html`` (:mod:`toolkit.report.html`). All files are rendered in
memory and written together (:func:`toolkit.io.write.write_files`), so a
failed run leaves the previous report in place, and the same inputs always
give the same bytes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..analysis.cluster import cluster_statements
from ..analysis.discover import discover_formulae
from ..analysis.intensity import score_intensity
from ..attribution.statements import attribute_statements
from ..errors import ParameterError
from ..formulae.kwic import kwic
from ..formulae.lexicon import Lexicon
from ..formulae.match import Matches, find_matches
from ..io.data import default_gazetteer, default_intensity_scale, default_lexicon
from ..io.readers import file_sha256, iter_corpus, read_corpus
from ..io.write import render_table, round_floats, write_files
from ..text.corpus import UNRESOLVED, Corpus
from ..validation import check_int
from .figures import (
    MplFigure,
    figure_bytes,
    fit_to_canvas,
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
from .html import render_page
from .tables import (
    HEAD_FAMILY,
    TOP_ACTORS,
    TREND_FAMILIES,
    UNTables,
    dispersion_table,
    formulaicity_table,
    heatmap_table,
    intensity_decades_table,
    intensity_table,
    map_table,
    similarity_table,
    top_formulae_table,
    un_tables,
)

__all__ = ["Figure", "build_report", "report_figures", "ungdc_tables"]

_DPI = 300


@dataclass
class Figure:
    """One figure of the report and the tables it was drawn from (the first is the one plotted)."""

    name: str
    title: str
    caption: str
    figure: MplFigure = field(repr=False)
    tables: dict[str, pd.DataFrame] = field(repr=False, default_factory=dict)
    key_table: pd.DataFrame | None = field(repr=False, default=None)


def ungdc_tables(path, lexicon: Lexicon, *, families: Sequence[str] = TREND_FAMILIES, head_family: str = HEAD_FAMILY,
                 progress: bool = True) -> UNTables:
    """Read the UN General Debate Corpus once and derive the tables of the UN figures from one matches table."""
    from tqdm import tqdm  # the text bar: tqdm.auto would want ipywidgets in notebooks

    selected = lexicon.select(list(dict.fromkeys([*families, head_family])))
    scale = default_intensity_scale()
    stream = iter_corpus(path)
    documents = list(tqdm(stream, desc="reading the UN corpus", unit=" speeches", disable=not progress,
                          file=sys.stderr, mininterval=1.0))
    corpus = Corpus(tuple(documents), tuple(stream.skipped))
    matches = find_matches(tqdm(corpus.documents, desc="matching formulae", unit=" speeches", disable=not progress,
                                file=sys.stderr, mininterval=1.0), selected + scale.lexicon)
    tables = un_tables(corpus, matches.select([f.id for f in selected.families]), selected, families=families,
                       head_family=head_family)
    cues = score_intensity(matches, corpus, scale=scale, cues=True)
    tables.intensity = intensity_decades_table(cues, {k: label for k, (label, _) in scale.levels.items()})
    return tables


def _left_out(attrs: dict, what: str, reason: str = "with fewer hits") -> str | None:
    """The note under a figure that shows only part of its table's units."""
    if not attrs.get("left_out"):
        return None
    k, n = attrs["left_out"], attrs["n_" + what]
    return (f"{k} {what if k > 1 else what[:-1]} {reason} {'are' if k > 1 else 'is'} left out "
            f"({n:,} in all; the table of the figure lists the ones shown).")


def _seed_figures(corpus: Corpus, statements: Corpus, matches: Matches, lexicon: Lexicon, *, name: str,
                  top_actors: int = TOP_ACTORS) -> list[Figure]:
    """Figures 1-5 and 8, all from the one matches table of the statements (and its corpus).

    Each recipe chooses the figure's form from the size of its table (the
    thresholds are the named constants of :mod:`toolkit.report.tables` and
    :mod:`toolkit.report.figures`).
    """
    figures = []
    has_actors = statements.to_frame()["actor"].notna().any() if len(statements.statements) else False

    table = heatmap_table(matches, lexicon, top_actors=top_actors)
    attrs = dict(table.attrs)
    table = round_floats(table)
    if not table.empty and has_actors:
        ax = plot_formula_heatmap(table, column_labels="label", note=_left_out(attrs, "actors"))
        _title(ax, f"Formula hits by actor and family ({name})")
        shown = f"the {top_actors} actors with the most hits" if attrs["left_out"] else "each actor"
        figures.append(Figure("01-actor-family-heatmap", "Who uses which formulae",
                              f"Hits of the default lexicon's families in the statements of {shown} ({name}). "
                              "Families without any hit are left out; actors are ordered by total hits; statements "
                              "whose speaker was not resolved to an actor are pooled in the last row, "
                              "\u201cunresolved\u201d.", fit_to_canvas(ax.figure), {"": table}))

    table = formulaicity_table(matches, top_actors=top_actors)
    attrs = dict(table.attrs)
    table = round_floats(table)
    if not table.empty and has_actors:
        ax = plot_formula_bars(table, note=_left_out(attrs, "actors"))
        figures.append(Figure("02-formula-hits-by-formulaicity", "How formulaic each actor is",
                              "Formula hits per actor, ordered by formulaicity: the share of the actor's words that "
                              "lie inside a formula of the lexicon (each word counted once); the actors with the "
                              f"most hits, at most {top_actors}, and the unresolved statements last.",
                              fit_to_canvas(ax.figure), {"": table}))

    if len(statements.statements) >= 3:
        clustering = cluster_statements(statements, matches=matches, random_state=0)  # the default features
        table = round_floats(similarity_table(clustering))
        actors = "actor" in table.columns[:1]
        key = "actor" if actors else "statement_id"
        drop = ["label", "cluster"] + (["n_statements"] if actors else [])
        ax = plot_similarity_matrix(table.drop(columns=drop).set_index(key).rename_axis(None),
                                    labels=table["label"].tolist(), clusters=table["cluster"].tolist(),
                                    unit="actors" if actors else "statements")
        _title(ax, f"{'Actors' if actors else 'Statements'} by the similarity of their wording, cluster by cluster")
        n = len(statements.statements)
        unit = (f"the {len(table)} actors (the mean of each actor's statements, {n} in all; statements without "
                "an actor pooled as unresolved; the number of statements beside each name)"
                if actors else "the statements")
        majority = " (an actor's: the cluster of most of its statements)" if actors else ""
        figures.append(Figure("03-statement-similarity", "How statements group",
                              f"Cosine similarity of {unit}: TF-IDF of words and word pairs, the toolkit's default "
                              f"features, ordered by k-means cluster{majority}. "
                              f"Stability of the clustering across 90% subsamples (mean ARI): "
                              f"{clustering.stability:.2f}; each cluster's own stability is in the key table.",
                              fit_to_canvas(ax.figure), {"": table}, key_table=clustering.clusters))
        table = round_floats(map_table(clustering))
        ax = plot_statement_map(table, size="n_statements" if actors else None, labelled="labelled",
                                title=f"{'Actors' if actors else 'Statements'} on a map of their wording, "
                                      "coloured by cluster")
        labels = ("each point is named where its label finds room near it (a note under the figure counts any "
                  "left out)" if table["labelled"].all()
                  else "only the most central point of each cluster is named")
        what = ("an actor at the mean of its statements, its area growing with their number, labelled by its code "
                "and number of statements" if actors else "a statement, labelled by its actor and number")
        figures.append(Figure("04-statement-map", "A map of the statements",
                              f"The first two principal components of the clustering's features; each point is "
                              f"{what}, coloured by its k-means cluster; {labels}.",
                              fit_to_canvas(ax.figure), {"": table}))

    table = dispersion_table(matches, corpus, lexicon)
    attrs = dict(table.attrs)
    if not table.empty and attrs["form"] == "families":
        first = table["doc_id"].iloc[0]
        ax = plot_dispersion(table, row_labels="label")
        _title(ax, f"Where the formulae fall in {first}")
        figures.append(Figure("05-formula-dispersion", "Where the formulae fall in the text",
                              f"Each tick is a hit of a multi-word formula at its place in the text of {first} "
                              "(characters from the start), one row per family.", fit_to_canvas(ax.figure),
                              {"": table}))
    elif not table.empty:
        note = _left_out(attrs, "documents")
        ax = plot_dispersion(table, row="doc_id", position="position", length=None, color="family",
                             color_labels="label", note=note)
        _title(ax, "Where the formulae fall in each document")
        shown = (f"the {len(_unique(table['doc_id']))} documents with the most hits" if attrs["left_out"]
                 else "each document with hits")
        figures.append(Figure("05-formula-dispersion", "Where the formulae fall in the texts",
                              f"Each tick is a hit of a multi-word formula at its place in its document (0: the "
                              f"start, 1: the end), one row for {shown}, most hits first; ticks coloured by "
                              "family.", fit_to_canvas(ax.figure), {"": round_floats(table)}))

    discovered = discover_formulae(statements, lexicon=lexicon, min_actors=2 if has_actors else 0)
    table = round_floats(top_formulae_table(discovered))
    if not table.empty:
        ax = plot_top_formulae(table, value="n_actors" if has_actors else "n_statements")
        _title(ax, f"Recurring word sequences, by the number of {'actors' if has_actors else 'statements'} "
                   "using them")
        figures.append(Figure("08-discovered-formulae", "Formulae found in the text",
                              "The most widely used recurring word sequences (3 to 8 words; a sequence said once "
                              "for several actors counts once), marked when the lexicon already has them (a "
                              "formula of the lexicon matches in the sequence's first example). Fragments are left "
                              "out: a sequence mostly used inside a longer one, and one cut at a function word "
                              "(\u201ccondolences to the\u201d) when a sequence bounded by content words covers it.",
                              fit_to_canvas(ax.figure), {"": table}))
    return figures


def _unique(values: pd.Series) -> list:
    return list(dict.fromkeys(values.tolist()))


def _title(ax, text: str) -> None:
    """A title over the whole figure, flush left, so that long tick labels never push it out of the picture."""
    ax.figure.suptitle(text, x=0.01, ha="left", fontsize=9)


def _un_figures(tables: UNTables, lexicon: Lexicon) -> list[Figure]:
    figures = []
    rates = round_floats(tables.rates)
    ax = plot_formula_rates(rates)
    ax.figure.suptitle("Formulae in the UN General Debate, per million words, by year", x=0.01, ha="left",
                       fontsize=9)
    figures.append(Figure("06-ungdc-formula-rates", "Formulae in the UN General Debate, 1946-2024",
                          f"Hits per million words in each year's speeches ({tables.n_documents:,} speeches), for "
                          "selected families; the bottom panel is the number of speeches per year.", ax.figure,
                          {"": rates}))
    label = lexicon.family(HEAD_FAMILY).label
    ax = plot_formula_heads(tables.heads, title=f"What \u201c{label.lower()}\u201d is attached to, by decade")
    figures.append(Figure("07-ungdc-formula-heads", f"What \u201c{label.lower()}\u201d is attached to",
                          f"The word just before each hit of the family \u201c{label}\u201d that follows the word it "
                          "qualifies (\u201cterrorism in all its forms\u201d; articles and conjunctions passed "
                          "over), by decade: the eight most frequent words, the rest as other. The 2020s hold the "
                          f"years 2020 to {int(rates['year'].max())} only.",
                          ax.figure, {"": tables.heads}))
    if tables.intensity is not None and not tables.intensity.empty:
        ax = plot_intensity_decades(tables.intensity)
        _title(ax, "How strongly the General Debate condemns, by decade")
        figures.append(Figure("10-ungdc-intensity-by-decade", "How strongly the UN General Debate condemns",
                              f"The share of the speakers' own condemnation and disapproval cues at each intensity "
                              f"level, by decade ({tables.n_documents:,} speeches; concern 1 to the strongest terms 5; "
                              "other bodies' condemnations, the sense of doomed and negated cues left out); below "
                              "each decade, its two most frequent intensifying words.", fit_to_canvas(ax.figure),
                              {"": round_floats(tables.intensity)}))
    return figures


def report_figures(corpus: Corpus, *, lexicon: Lexicon | None = None, attribute: bool = True,
                   ungdc: UNTables | None = None, name: str = "shipped corpus",
                   top_actors: int = TOP_ACTORS) -> tuple[list[Figure], dict]:
    """Every figure of the report, in order, and the tables the page shows beside them.

    ``top_actors``: figures 1 and 2 show the actors with the most hits, at
    most this many (the unresolved statements pooled in one more row).
    """
    lexicon = lexicon if lexicon is not None else default_lexicon()
    scale = default_intensity_scale()
    attribution = attribute_statements(corpus, default_gazetteer()) if attribute else None
    statements = attribution.corpus if attribution is not None else corpus
    # the one matches table of every figure of the corpus and the KWIC: the lexicon's formulae and the scale's cues
    everything = find_matches(statements, lexicon + scale.lexicon)
    matches = everything.select([f.id for f in lexicon.families])
    figures = _seed_figures(corpus, statements, matches, lexicon, name=name, top_actors=top_actors)
    scores = score_intensity(everything, statements, scale=scale)
    table = intensity_table(scores, top_actors=top_actors)
    attrs = dict(table.attrs)
    if (scores["actor"] != UNRESOLVED).any():
        labels = {k: label for k, (label, _) in scale.levels.items()}
        ax = plot_intensity(table, levels=labels,
                            note=_left_out(attrs, "actors", "with a lower level or fewer statements"))
        _title(ax, f"How strongly each actor reacts ({name})")
        figures.append(Figure("09-intensity-by-actor", "How strongly each actor reacts",
                              "Each actor's strongest reaction on the intensity scale (0 no disapproval, 1 concern or "
                              "regret, 2 deplores, denounces or rejects, 3 condemns, 4 strongly condemns, 5 in the "
                              "strongest terms; toolkit/data/intensity.yaml), with the words that set it; statements "
                              "without an actor pooled as unresolved. Validated against a hand-coded gold (README, "
                              "\u201cIntensity\u201d).", fit_to_canvas(ax.figure), {"": round_floats(table)}))
    if ungdc is not None:
        figures.extend(_un_figures(ungdc, lexicon))
    figures.sort(key=lambda f: f.name)
    extra = {
        "attribution": attribution.table if attribution is not None else None,
        "kwic": kwic(matches.select(HEAD_FAMILY), statements, window=8)
        if HEAD_FAMILY in {f.id for f in lexicon.families} else None,
    }
    return figures, extra


def build_report(corpus_paths: Iterable, out, *, ungdc=None, attribute: bool = True, lexicon: Lexicon | None = None,
                 progress: bool = False, log: Callable[[str], None] | None = None,
                 top_actors: int = TOP_ACTORS) -> list[Path]:
    """Build every figure, its table and the HTML page, and write them all into ``out`` at once.

    Parameters
    ----------
    corpus_paths : path or list of paths
        The corpus of the first figures (the shipped ``seeds/`` for ``make report``).
    out : path
        The folder to write into (created if missing); files of the same
        names are replaced, other files are left alone.
    ungdc : path, optional
        The UN General Debate Corpus; without it, figures 6, 7 and 10 are skipped
        with a note that it was not found (``False``: skipped as asked, and
        the note says so).
    attribute : bool, default True
        Split the texts into statements by actor first (news articles).
    lexicon : Lexicon, optional
        The default lexicon unless given.
    progress : bool, default False
        Progress bars on stderr for the long steps (the UN corpus).
    log : callable, optional
        Called with one line for each step (the command line prints them on stderr).
    top_actors : int, default :data:`toolkit.report.tables.TOP_ACTORS`
        Figures 1 and 2 show the actors with the most hits, at most this many.
    """
    check_int(top_actors, "top_actors", owner="build_report", low=1)
    log = log or (lambda message: None)
    if isinstance(corpus_paths, (str, Path)):
        corpus_paths = [corpus_paths]
    corpus_paths = [Path(p) for p in corpus_paths]
    if not corpus_paths:
        raise ParameterError("The 'corpus_paths' parameter of build_report must name at least one path. "
                             "Got [] instead.")
    corpus = read_corpus(corpus_paths)  # a path without documents is an InputError
    lexicon = lexicon if lexicon is not None else default_lexicon()
    notes = []
    un = None
    missing = [f for f in (*TREND_FAMILIES, HEAD_FAMILY) if f not in {family.id for family in lexicon.families}]
    if ungdc not in (None, False) and missing:
        notes.append(f"Figures 6, 7 and 10 follow families the lexicon does not have ({', '.join(missing)}); they "
                     "were skipped.")
        log(f"report: the lexicon has no family {missing[0]!r}; figures 6, 7 and 10 are skipped")
        ungdc = None
    elif ungdc not in (None, False):
        log(f"report: the UN General Debate Corpus from {ungdc}")
        un = ungdc_tables(ungdc, lexicon, progress=progress)
    elif ungdc is False:
        notes.append("Figures 6, 7 and 10, of the UN General Debate Corpus, were not asked for (--no-ungdc).")
        log("report: figures 6, 7 and 10 (the UN General Debate Corpus) are skipped, as asked")
        ungdc = None
    else:
        notes.append("Figures 6, 7 and 10 need the UN General Debate Corpus (--ungdc, TOOLKIT_UNGDC or "
                     "../shared/corpora); it was not found, so they were skipped.")
        log("report: the UN General Debate Corpus was not found (--ungdc, TOOLKIT_UNGDC or ../shared); "
            "figures 6, 7 and 10 are skipped")
    name = ", ".join(p.name for p in corpus_paths)
    log(f"report: figures of {name}")
    figures, extra = report_figures(corpus, lexicon=lexicon, attribute=attribute, ungdc=un, name=name,
                                    top_actors=top_actors)
    files: dict[str, bytes] = {}
    for f in figures:
        log(f"report: {f.name}")
        files[f"{f.name}.png"] = figure_bytes(f.figure, "png", dpi=_DPI)
        files[f"{f.name}.svg"] = figure_bytes(f.figure, "svg")
        for key, table in f.tables.items():
            files[f"{f.name}{'-' + key if key else ''}.csv"] = render_table(table, "csv").encode("utf-8")
    # Inputs are named by their file or folder name, so the page is the same wherever the inputs lie.
    provenance = [(p.name, file_sha256(p)) for p in corpus_paths]
    if ungdc is not None:
        provenance.append((Path(ungdc).name, file_sha256(ungdc)))
    files["report.html"] = render_page(figures, files, extra, provenance, notes, un).encode("utf-8")
    written = write_files(files, out)
    log(f"report: wrote {len(written)} files into {out}")
    return written
