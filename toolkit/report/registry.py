"""The figures of the report, as a registry: each figure is one object, and everything else derives from it.

A :class:`Figure` says what a figure is (number, name, title, caption),
what it needs (the corpus of the report or the UN General Debate Corpus, a
tag of the lexicon's families), how it is drawn (its recipe, a function of
:mod:`toolkit.report.recipes`), what the page shows beside it (the table it
plots, a key table, or nothing) and how it is described in the guide's
figure table, docs/guide/report.md (``summary`` and ``form``; a test compares the two). The page
(:mod:`toolkit.report.html`), the command line's help, the notes on skipped
figures and the guide derive from :data:`FIGURES`; adding a figure is adding
one recipe and one entry here. No code recognises a figure by the digits of
its name.

This module is plain data: importing it does not import matplotlib, so the
command line can build its help from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..validation import warn_renamed

__all__ = ["Figure", "Drawing", "Omitted", "BuiltFigure", "FIGURES", "NEEDS", "PAGE_TABLES", "TREND_TAG", "HEADS_TAG",
           "figure_named", "numbers", "figure_table"]

#: What a figure is drawn from: the corpus of the report, or the UN General Debate Corpus.
NEEDS = ("corpus", "ungdc")
#: What the page shows beside a figure: the table it plots, its recipe's key table, or nothing.
PAGE_TABLES = ("table", "key", None)
#: The tag of the lexicon's families whose rates per year the UN figure follows (``tags: [trend]``).
TREND_TAG = "trend"
#: The tag of the lexicon's family whose head words (what it is attached to) the UN figure follows.
HEADS_TAG = "heads"


@dataclass(frozen=True)
class Figure:
    """One figure of the report.

    Parameters
    ----------
    number : int
        Its number; the file names begin with it (``01-...``).
    slug : str
        The rest of its name (``actor-family-heatmap``).
    title : str
        The title on the page; ``{fields}`` are filled from the recipe's :class:`Drawing`.
    caption : str
        The caption on the page, with ``{fields}`` filled the same way.
    summary : str
        What it shows, in a line (the guide's figure table, docs/guide/report.md).
    form : str
        How its form follows the size of its table (the guide's figure table).
    needs : {"corpus", "ungdc"}
        The corpus of the report, or the UN General Debate Corpus.
    recipe : str
        The name of its function in :mod:`toolkit.report.recipes`: ``recipe(inputs) -> Drawing | Omitted``.
    page_table : {"table", "key", None}, default "table"
        Beside the figure, the page shows the table it plots, its key table, or nothing.
    key_heading : str, optional
        The heading of the key table on the page.
    tag : str, optional
        A tag the lexicon's families must carry for the figure to be drawn (:meth:`toolkit.Lexicon.tagged`).
    """

    number: int
    slug: str
    title: str
    caption: str
    summary: str
    form: str
    needs: str
    recipe: str
    page_table: str | None = "table"
    key_heading: str | None = None
    tag: str | None = None

    @property
    def name(self) -> str:
        """The figure's file name without extension: ``NN-slug``."""
        return f"{self.number:02d}-{self.slug}"

    def draw(self, inputs: Any) -> Drawing | Omitted:
        """Run the recipe on the report's inputs (:class:`toolkit.report.recipes.ReportInputs`).

        Parameters
        ----------
        inputs : ReportInputs
            The corpora, the one matches table and what the recipes share.

        Returns
        -------
        Drawing or Omitted
            The figure drawn, or why it is not.
        """
        from . import recipes  # matplotlib loads here, when a figure is drawn

        return getattr(recipes, self.recipe)(inputs)


@dataclass(frozen=True)
class Drawing:
    """What a recipe returns: the drawn figure, the table it plots, the fields of the title and caption, a key table.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        The figure, drawn from ``table`` and nothing else.
    table : pandas.DataFrame
        The rows plotted, rounded as every written table (written beside the figure as CSV).
    fields : mapping, optional
        The values of the ``{fields}`` of the registry's title and caption.
    key_table : pandas.DataFrame, optional
        A table the page shows instead of ``table`` (``page_table="key"``).
    """

    figure: Any = field(repr=False)
    table: pd.DataFrame = field(repr=False)
    fields: Mapping[str, Any] = field(default_factory=dict)
    key_table: pd.DataFrame | None = field(repr=False, default=None)


@dataclass(frozen=True)
class Omitted:
    """A figure that is not drawn, and why (the page and the command line say so).

    Parameters
    ----------
    reason : str
        Why, and what to do about it, in a clause ("no statement has an actor; ...").
    """

    reason: str


@dataclass(frozen=True)
class BuiltFigure:
    """A figure of the registry with its drawing: what the report writes and the page shows.

    Parameters
    ----------
    spec : Figure
        The registry's entry.
    drawing : Drawing
        What its recipe drew.
    """

    spec: Figure
    drawing: Drawing = field(repr=False)

    @property
    def name(self) -> str:
        """``NN-slug``."""
        return self.spec.name

    @property
    def title(self) -> str:
        """The title, its fields filled."""
        return self.spec.title.format(**self.drawing.fields)

    @property
    def caption(self) -> str:
        """The caption, its fields filled."""
        return self.spec.caption.format(**self.drawing.fields)

    @property
    def figure(self) -> Any:
        """The matplotlib figure."""
        return self.drawing.figure

    @property
    def table(self) -> pd.DataFrame:
        """The table the figure plots (its CSV)."""
        return self.drawing.table

    @property
    def page_table(self) -> pd.DataFrame | None:
        """The table the page shows beside the figure, if any."""
        if self.spec.page_table == "key":
            return self.drawing.key_table
        return self.drawing.table if self.spec.page_table == "table" else None

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The figure's table as 0.1 gave it, ``{"": table}``; use :attr:`table` (a FutureWarning says so)."""
        warn_renamed('The attribute \'tables\' of a report figure (tables[""]) was replaced by \'table\'')
        return {"": self.table}

    @property
    def key_table(self) -> pd.DataFrame | None:
        """The key table of the figure (figure 3's clusters), or None."""
        return self.drawing.key_table


def numbers(figures: Iterable[Figure]) -> str:
    """The numbers of some figures as a reader writes them: runs joined ("1-5, 8 and 9").

    Parameters
    ----------
    figures : iterable of Figure
        The figures.

    Returns
    -------
    str
        Their numbers, in order, consecutive ones as ranges.

    Examples
    --------
    >>> numbers(f for f in FIGURES if f.needs == "ungdc")
    '6, 7 and 10-13'
    >>> numbers(f for f in FIGURES if f.needs == "corpus")
    '1-5, 8 and 9'
    """
    values = sorted(f.number for f in figures)
    if not values:
        return "none"
    runs: list[list[int]] = []
    for value in values:
        if runs and value == runs[-1][-1] + 1:
            runs[-1].append(value)
        else:
            runs.append([value])
    parts = [item for run in runs for item in ([f"{run[0]}-{run[-1]}"] if len(run) > 2 else map(str, run))]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


#: How the guide's figure table names what a figure is drawn from.
_SOURCES = {"corpus": "the corpus (`--corpus`)", "ungdc": "the UN corpus"}


def figure_table() -> str:
    """The guide's table of the figures (docs/guide/report.md), in Markdown, from the registry (a test compares).

    Returns
    -------
    str
        A header and one row per figure: its name, what it shows, what it is drawn from, how its form
        follows the size of its table.
    """
    rows = ["| figure | shows | from | its form by the size of its table |", "| --- | --- | --- | --- |"]
    rows += [f"| `{f.name}` | {f.summary} | {_SOURCES[f.needs]} | {f.form} |" for f in FIGURES]
    return "\n".join(rows) + "\n"


def figure_named(name: str) -> Figure:
    """The registry's figure of a name (``"01-actor-family-heatmap"``).

    Parameters
    ----------
    name : str
        A figure's ``NN-slug``.

    Returns
    -------
    Figure
        Its entry; a KeyError when there is none.
    """
    for entry in FIGURES:
        if entry.name == name:
            return entry
    raise KeyError(name)


_UNRESOLVED_NOTE = ("statements whose speaker was not resolved to an actor are pooled in the last row, "
                    "\u201cunresolved\u201d.")

#: The figures of the report, in order.
FIGURES: tuple[Figure, ...] = (
    Figure(
        1, "actor-family-heatmap", "Who uses which formulae",
        "Hits of the lexicon's formula families in the statements of {shown} ({name}). Families without any hit are "
        "left out; actors are ordered by total hits; " + _UNRESOLVED_NOTE,
        summary="hits per actor and formula family",
        form="the `TOP_ACTORS` = 30 actors with the most hits (`--top-actors N`), statements without an actor pooled "
             "in a last row, *unresolved*; families without hits dropped; a note under the figure says how many "
             "actors were left out",
        needs="corpus", recipe="actor_family_heatmap"),
    Figure(
        2, "formula-hits-by-formulaicity", "How formulaic each actor is",
        "Formula hits per actor, ordered by formulaicity: the share of the actor's words that lie inside a formula of "
        "the lexicon (each word counted once); the actors with the most hits, at most {top_actors}, and the "
        "unresolved statements last.",
        summary="hits per actor, ordered by the share of its words inside formulae",
        form="the same actors, the unresolved row last",
        needs="corpus", recipe="formula_hits_by_formulaicity"),
    Figure(
        3, "statement-similarity", "How statements group",
        "Cosine similarity of {unit}: TF-IDF of words and word pairs, the toolkit's default features, ordered by "
        "k-means cluster{majority}. Stability of the clustering across 90% subsamples (mean ARI): {stability}; each "
        "cluster's own stability is in the key table.",
        summary="the similarity matrix (default features) in k-means cluster order, a line between clusters; each "
                "cluster's size and stability in the key table",
        form="one row per statement up to `STATEMENT_LEVEL_MAX` = 40 statements, else one per actor (the mean of its "
             "statements' features, the number of statements beside its name); rows named up to "
             "`MATRIX_LABELS_MAX` = 60, else the clusters are named",
        needs="corpus", recipe="statement_similarity", page_table="key",
        key_heading="The clusters and what defines them"),
    Figure(
        4, "statement-map", "A map of the statements",
        "The first two principal components of the clustering's features; each point is {what}, coloured by its "
        "k-means cluster; {labels}.",
        summary="the same units on the first two principal components of the features, coloured by cluster",
        form="statements or actors as above (an actor's point grows with its statements); every point named up to "
             "`LABEL_ALL_MAX` = 200 points, else each cluster's medoid only; a label with no free room is left out "
             "and counted under the figure",
        needs="corpus", recipe="statement_map", page_table=None),
    Figure(
        5, "formula-dispersion", "Where the formulae fall in the {texts}",
        "Each tick is a hit of a multi-word formula at its place in {place}, one row {rows}.",
        summary="where each multi-word hit falls in its text",
        form="one document: one row per family, x in characters; several: one row per document, up to "
             "`DISPERSION_DOCUMENTS` = 30 (most hits first), x from 0 (start) to 1 (end), ticks coloured by family",
        needs="corpus", recipe="formula_dispersion"),
    Figure(
        6, "ungdc-formula-rates", "Formulae in the UN General Debate, {first}-{last}",
        "Hits per million words in each year's speeches ({n_documents:,} speeches), for the lexicon's families tagged "
        "\u201ctrend\u201d; the bottom panel is the number of speeches per year.",
        summary="rates per million words, year by year, for the lexicon's families tagged `trend`, and speeches per "
                "year",
        form="fixed",
        needs="ungdc", recipe="ungdc_formula_rates", tag=TREND_TAG),
    Figure(
        7, "ungdc-formula-heads", "What \u201c{label}\u201d is attached to",
        "The word just before each hit of the family \u201c{family}\u201d that follows the word it qualifies "
        "(\u201c{canonical}\u201d; function words passed over), by decade: the eight most frequent words, the rest as "
        "other.{partial}",
        summary="what the family tagged `heads` (\"in all its forms and manifestations\") qualifies, the word before "
                "it, by decade",
        form="fixed",
        needs="ungdc", recipe="ungdc_formula_heads", tag=HEADS_TAG),
    Figure(
        8, "discovered-formulae", "Phrases characteristic of condemnation",
        "Recurring word sequences (3 to 8 words{who}) of the sentences that hold one of the speaker's own "
        "condemnation cues (the intensity scale's cues of level 2 and above: deplores, rejects, condemns, ...), "
        "ranked by how much more often they are said there than in the other sentences of the same {texts} (log "
        "ratio), {which}. A sequence said once for several actors counts once; sequences are marked when the "
        "lexicon already has them (a formula of the lexicon matches in the sequence's first example). Fragments are "
        "left out: a sequence mostly used inside a longer one, one cut at a function word when a sequence "
        "bounded by content words covers it, and one that continues a sequence ranked above it (a long title "
        "recurs as overlapping windows of 8 words: it shows once).",
        summary="the recurring word sequences of condemnation sentences most characteristic of them against the "
                "other sentences (significant log-likelihood, ranked by log ratio), marked when a lexicon formula "
                "matches inside the sequence's first example",
        form="up to `TOP_FORMULAE` = 15 maximal phrases used by at least `CHARACTERISTIC_MIN_ACTORS` = 2 actors (a "
             "tenth of the corpus's actors where that is more: 20 on the UN corpus), the bar's length its log ratio "
             "and its label its counts; fragments left out as by `toolkit.analysis.discover.maximal_formulae` and "
             "overlapping windows of one passage by `toolkit.report.tables.unchained`; hatched candidates when none "
             "is significant; left out, with a note, when no sequence recurs",
        needs="corpus", recipe="discovered_formulae"),
    Figure(
        9, "intensity-by-actor", "How strongly each actor reacts",
        "Each actor's strongest reaction on the intensity scale ({levels}; toolkit/data/intensity.yaml), with the "
        "words that set it; statements without an actor pooled as unresolved. Validated against a hand-coded gold "
        "(docs/guide/intensity.md).",
        summary="each actor's strongest reaction on the intensity scale (0-5) and the words that set it",
        form="up to `TOP_ACTORS` actors, the highest levels first (then the most statements); unresolved last; a "
             "note counts those left out",
        needs="corpus", recipe="intensity_by_actor"),
    Figure(
        10, "ungdc-intensity-by-decade", "How strongly the UN General Debate condemns",
        "The share of the speakers' own condemnation and disapproval cues at each intensity level, by decade "
        "({n_documents:,} speeches; levels {levels}; other bodies' condemnations, the sense of doomed and "
        "negated cues left out; read by the scale's rules, without the dependency parse, too slow for so many "
        "speeches); below each decade, its two most frequent intensifying words.",
        summary="the share of the speakers' own condemnation cues at each level, by decade, with each decade's two "
                "most frequent intensifiers",
        form="fixed",
        needs="ungdc", recipe="ungdc_intensity_by_decade"),
    Figure(
        11, "ungdc-key-words", "What sets the condemnations of {target} apart from those of {reference}",
        "The words of the UN General Debate's condemnation sentences (sentences holding one of the speaker's own cues "
        "of level 2 and above, read by the rules without the parse) most characteristic of {target} (top) and of "
        "{reference} (below): the {top} of each side with the highest log ratio among those significantly more "
        "frequent there (log-likelihood G2, "
        "Benjamini-Hochberg at 0.05, words said at least {min_count} times in the two decades together; numbers "
        "and codes such as \u201c09\u201d are not words). At each bar, the word's count in {target}/{reference}.",
        summary="the words of condemnation sentences that set 2001-2010 apart from 1991-2000, both directions, "
                "each bar labelled with its counts (quanteda's keyness plot)",
        form="fixed: `KEY_WORDS` = 12 words each side, tested from `KEY_WORDS_MIN_COUNT` = 20 occurrences",
        needs="ungdc", recipe="ungdc_key_words"),
    Figure(
        12, "ungdc-adoption", "When the members took up the formulae, {first}-{last}",
        "The share of the speakers of the UN General Debate ({n_actors} states and observers) that had used each "
        "formula by each year, with its 95% band: the Kaplan-Meier estimate with delayed entry (a state is at risk "
        "from its first speech, so a late member is no late adopter; one that never used a formula counts until its "
        "last speech; Greenwood's variance, log-log band). Right: the first formula by UN regional group "
        "({ungrouped} in none left out). Under each panel, the number at risk: present and not yet adopted. "
        "Medians: {medians}. A first use here is the first in a General Debate speech, not anywhere; one speech a "
        "year is a thin sample of a state's language.",
        summary="adoption curves of four formulae (share of the members present that had used each, by year, with the "
                "number at risk), and of the first per UN regional group",
        form="fixed: the formulae of `ADOPTION_FORMULAE` the lexicon has, the number at risk every 10 years",
        needs="ungdc", recipe="ungdc_adoption"),
    Figure(
        13, "ungdc-reuse", "Who reuses whose words in the UN General Debate, {first}-{last}",
        "Left: the words of the passages a state's speech shares with an earlier speech of another state "
        "({n_passages:,} passages, {n_words:,} words, in {n_documents:,} speeches), from the source (row: the earlier "
        "speech, the lender) to the target (column: the later, the borrower){undirected}; the {top_actors} states "
        "with the most words lent and borrowed are named by their code, the other {n_others} pooled as other "
        "(other to other: between two different pooled states); the largest cell holds {top}; each cell is "
        "labelled with its words (k: thousands), the colour on a log scale. A state's reuse of its own speeches is "
        "not borrowing: its diagonal cell is grey, and the right panel shows it. Right: for each year, the mean "
        "share of a speech's words inside passages from the same state's earlier speeches (self-reuse) and from "
        "other states' earlier speeches (a word in both counts once, as borrowed); the number of speeches a year "
        "is in the table. Passages by toolkit.analysis.find_reuse with its defaults: shingles of {n} words, kept "
        "when at most {max_df} speeches share them; regions of at least {min_shared} shared shingles, aligned word "
        "by word (Smith-Waterman local alignment, parasail); at least {min_words} aligned words. Speeches of one "
        "session share a year: passages between them have no direction and are not counted here. Stock phrases "
        "and official titles are kept (the table of passages says how much of each is common, common_share).",
        summary="the words of passages each state shares with earlier speeches of another, source to target, and "
                "the mean share of a speech reused from its own and from other states' earlier speeches, by year",
        form="the `REUSE_ACTORS` = 14 states with the most words lent and borrowed named, the others pooled as "
             "*other*; every cell labelled (k: thousands), a log colour scale; one point a year",
        needs="ungdc", recipe="ungdc_reuse"),
)
