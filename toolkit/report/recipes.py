"""One recipe per figure: the figure's finished table, drawn, with the fields of its caption.

Each recipe takes the report's :class:`ReportInputs` (the corpora, the one
matches table and what several figures share, computed once on first use),
builds the finished table of its figure (:mod:`toolkit.report.tables`),
rounds its floats as every written table is rounded
(:func:`toolkit.io.write.round_floats`), and draws it with
:mod:`toolkit.report.figures`, so that the figure and its CSV show the same
numbers on any machine. It returns a :class:`~toolkit.report.registry.Drawing`,
or an :class:`~toolkit.report.registry.Omitted` saying why the figure cannot
be drawn from these inputs. The registry (:data:`toolkit.report.registry.FIGURES`)
names each recipe.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pandas as pd

from ..analysis.cluster import Clustering, cluster_statements
from ..analysis.discover import discover_formulae
from ..analysis.intensity import IntensityScale, condemnation_sentences, score_intensity
from ..attribution.parse import Paragraph
from ..formulae.lexicon import Lexicon
from ..formulae.match import Matches
from ..io.write import counted, round_floats
from ..text.corpus import UNRESOLVED, Corpus
from .figures import (
    fit_to_canvas,
    plot_adoption,
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
)
from .registry import Drawing, Omitted
from .tables import (
    KEY_PERIODS,
    KEY_WORDS,
    KEY_WORDS_MIN_COUNT,
    REUSE_ACTORS,
    REUSE_OPTIONS,
    TOP_ACTORS,
    UNTables,
    characteristic_formulae_table,
    dispersion_table,
    formulaicity_table,
    heatmap_table,
    intensity_table,
    keyness_sides_table,
    map_table,
    similarity_table,
)

__all__ = ["ReportInputs", "actor_family_heatmap", "formula_hits_by_formulaicity", "statement_similarity",
           "statement_map", "formula_dispersion", "ungdc_formula_rates", "ungdc_formula_heads",
           "discovered_formulae", "intensity_by_actor", "ungdc_intensity_by_decade", "ungdc_key_words",
           "ungdc_adoption", "ungdc_reuse", "CHARACTERISTIC_MIN_ACTORS", "CHARACTERISTIC_ACTOR_SHARE"]

_NO_ACTORS = ("no statement has an actor: split news articles into statements by actor first (condemn report "
              "--attribute; attribute=True in Python), or read a table with an actor column")
_NO_UNGDC = "the UN General Debate Corpus was not read"
#: Figure 8: below this many statements, a corpus without a recurring sequence is said to be too small.
_DISCOVERY_FEW = 50
_SIGNIFICANCE = "log-likelihood G2, Benjamini-Hochberg at 0.05"
#: Figure 8: a phrase is kept when at least this many actors use it in their condemnation sentences...
CHARACTERISTIC_MIN_ACTORS = 2
#: ... or this share of the corpus's actors, where that is more (20 of the UN General Debate's 200 or so).
CHARACTERISTIC_ACTOR_SHARE = 0.1


@dataclass
class ReportInputs:
    """What the recipes draw from: the corpora, the lexicon and the scale, and the one matches table.

    Parameters
    ----------
    corpus : Corpus
        The corpus as read (documents).
    statements : Corpus
        The same corpus split into statements by actor, or the corpus itself when not attributed.
    lexicon : Lexicon
        The lexicon of the figures.
    scale : IntensityScale
        The intensity scale.
    everything : Matches
        The one matches table of ``statements``: the lexicon's formulae and the scale's cues, matched once.
    name : str, default "shipped corpus"
        How captions name the corpus.
    top_actors : int, default :data:`toolkit.report.tables.TOP_ACTORS`
        The figures by actor show at most this many actors.
    ungdc : UNTables, optional
        The tables of the UN General Debate Corpus (:func:`toolkit.report.build.ungdc_tables`).
    parses : dict of str to list of Paragraph, optional
        The parse of each document that attribution split (:attr:`toolkit.attribution.Attribution.parses`):
        intensity reads its cues on it, so that no document is parsed twice.
    """

    corpus: Corpus
    statements: Corpus
    lexicon: Lexicon
    scale: IntensityScale
    everything: Matches = field(repr=False)
    name: str = "shipped corpus"
    top_actors: int = TOP_ACTORS
    ungdc: UNTables | None = field(repr=False, default=None)
    parses: dict[str, list[Paragraph]] = field(repr=False, default_factory=dict)

    @functools.cached_property
    def matches(self) -> Matches:
        """The matches of the lexicon's families only (the scale's cues left out)."""
        return self.everything.select([f.id for f in self.lexicon.families])

    @functools.cached_property
    def has_actors(self) -> bool:
        """Whether any statement has an actor."""
        frame = self.statements.to_frame()
        return bool(len(frame) and frame["actor"].notna().any())

    @functools.cached_property
    def condemnation(self) -> tuple[Corpus, Corpus]:
        """The sentences of the statements that hold a condemnation cue, and the others (figure 8)."""
        return condemnation_sentences(self.statements, scale=self.scale, cues=self.cues)

    @functools.cached_property
    def clustering(self) -> Clustering:
        """The clustering of the statements with the default features (figures 3 and 4 share it)."""
        return cluster_statements(self.statements, matches=self.matches, random_state=0)

    @functools.cached_property
    def scores(self) -> pd.DataFrame:
        """The intensity of each statement, from the one matches table."""
        return score_intensity(self.everything, self.statements, scale=self.scale, parses=self.parses)

    @functools.cached_property
    def cues(self) -> pd.DataFrame:
        """The intensity cues each statement counts (``score_intensity(..., cues=True)``), read as for ``scores``."""
        return score_intensity(self.everything, self.statements, scale=self.scale, cues=True, parses=self.parses)

    def level_labels(self) -> dict[int, str]:
        """The scale's label of each level.

        Returns
        -------
        dict of int to str
            Each level and its label (``0: "no disapproval"``, ...).
        """
        return {k: label for k, (label, _) in self.scale.levels.items()}


def _left_out(attrs: dict, what: str, reason: str = "with fewer hits") -> str | None:
    """The note under a figure that shows only part of its table's units: how many were left out, and which.

    With ``left_out_without_hits`` and ``tied`` in ``attrs`` (the tables by actor), the units without hits are
    counted apart from those with fewer hits, and a cut between units with as many hits says so.
    """
    if not attrs.get("left_out"):
        return None
    k, n = attrs["left_out"], attrs["n_" + what]
    without = attrs.get("left_out_without_hits", 0)
    if attrs.get("tied"):
        reason = "with no more hits than the last one shown"
    parts = [(k - without, reason), (without, "without hits")]
    said = " and ".join(f"{m} {what if m > 1 else what[:-1]} {why}" for m, why in parts if m)
    return f"{said} {'are' if k > 1 else 'is'} left out ({n:,} in all; the table of the figure lists the ones shown)."


def _title(ax, text: str) -> None:
    """A title over the whole figure, flush left, so that long tick labels never push it out of the picture."""
    ax.figure.suptitle(text, x=0.01, ha="left", fontsize=9)


def _unique(values: pd.Series) -> list:
    return list(dict.fromkeys(values.tolist()))


# ---------------------------------------------------------------------------
# The figures of the corpus
# ---------------------------------------------------------------------------
def actor_family_heatmap(inputs: ReportInputs) -> Drawing | Omitted:
    """Figure: hits per actor and formula family (the actors with the most hits, unresolved pooled last).

    Parameters
    ----------
    inputs : ReportInputs
        The report's inputs.

    Returns
    -------
    Drawing or Omitted
        The heatmap and its table, or why there is none.
    """
    table = heatmap_table(inputs.matches, inputs.lexicon, top_actors=inputs.top_actors)
    attrs = dict(table.attrs)
    table = round_floats(table)
    if not inputs.has_actors:
        return Omitted(_NO_ACTORS)
    if table.empty:
        return Omitted("no formula of the lexicon occurs in the statements")
    ax = plot_formula_heatmap(table, column_labels="label", note=_left_out(attrs, "actors"))
    _title(ax, f"Formula hits by actor and family ({inputs.name})")
    n_shown = len([a for a in _unique(table["actor"]) if a != UNRESOLVED])
    shown = f"the {n_shown} actors with the most hits" if attrs["left_out"] else "each actor"
    return Drawing(fit_to_canvas(ax.figure), table, {"shown": shown, "name": inputs.name})


def formula_hits_by_formulaicity(inputs: ReportInputs) -> Drawing | Omitted:
    """Figure: hits per actor, ordered by the share of its words inside formulae.

    Parameters
    ----------
    inputs : ReportInputs
        The report's inputs.

    Returns
    -------
    Drawing or Omitted
        The bars and their table, or why there are none.
    """
    table = formulaicity_table(inputs.matches, top_actors=inputs.top_actors)
    attrs = dict(table.attrs)
    table = round_floats(table)
    if not inputs.has_actors:
        return Omitted(_NO_ACTORS)
    if table.empty:
        return Omitted("no statement has a word")
    ax = plot_formula_bars(table, note=_left_out(attrs, "actors"))
    return Drawing(fit_to_canvas(ax.figure), table, {"top_actors": inputs.top_actors})


def _clustered(inputs: ReportInputs) -> Omitted | None:
    n = len(inputs.statements.statements)
    return Omitted(f"clustering needs at least 3 statements; there are {n}") if n < 3 else None


def statement_similarity(inputs: ReportInputs) -> Drawing | Omitted:
    """Figure: the similarity matrix of the statements (or actors) in cluster order; the clusters as key table.

    Parameters
    ----------
    inputs : ReportInputs
        The report's inputs.

    Returns
    -------
    Drawing or Omitted
        The matrix, its table and the table of clusters, or why there is none.
    """
    too_few = _clustered(inputs)
    if too_few:
        return too_few
    clustering = inputs.clustering
    table = round_floats(similarity_table(clustering))
    actors = "actor" in table.columns[:1]
    key = "actor" if actors else "statement_id"
    drop = ["label", "cluster"] + (["n_statements"] if actors else [])
    ax = plot_similarity_matrix(table.drop(columns=drop).set_index(key).rename_axis(None),
                                labels=table["label"].tolist(), clusters=table["cluster"].tolist(),
                                unit="actors" if actors else "statements")
    _title(ax, f"{'Actors' if actors else 'Statements'} by the similarity of their wording, cluster by cluster")
    n = len(inputs.statements.statements)
    unit = (f"the {len(table)} actors (the mean of each actor's statements, {n} in all; statements without an actor "
            "pooled as unresolved; the number of statements beside each name)" if actors else "the statements")
    fields = {"unit": unit, "majority": " (an actor's: the cluster of most of its statements)" if actors else "",
              "stability": f"{clustering.stability:.2f}"}
    return Drawing(fit_to_canvas(ax.figure), table, fields, key_table=clustering.clusters)


def statement_map(inputs: ReportInputs) -> Drawing | Omitted:
    """Figure: the statements (or actors) on the first two principal components, coloured by cluster.

    Parameters
    ----------
    inputs : ReportInputs
        The report's inputs.

    Returns
    -------
    Drawing or Omitted
        The map and its table, or why there is none.
    """
    too_few = _clustered(inputs)
    if too_few:
        return too_few
    table = round_floats(map_table(inputs.clustering))
    actors = table.attrs.get("unit") == "actor"
    ax = plot_statement_map(table, size="n_statements" if actors else None, labelled="labelled",
                            title=f"{'Actors' if actors else 'Statements'} on a map of their wording, "
                                  "coloured by cluster")
    labels = ("each point is named where its label finds room near it (a note under the figure counts any left out)"
              if table["labelled"].all() else "only the most central point of each cluster is named")
    what = ("an actor at the mean of its statements, its area growing with their number, labelled by its code and "
            "number of statements" if actors else "a statement, labelled by its actor and number")
    return Drawing(fit_to_canvas(ax.figure), table, {"what": what, "labels": labels})


def formula_dispersion(inputs: ReportInputs) -> Drawing | Omitted:
    """Figure: where each multi-word hit falls in its text (one document: by family; several: by document).

    Parameters
    ----------
    inputs : ReportInputs
        The report's inputs.

    Returns
    -------
    Drawing or Omitted
        The ticks and their table, or why there are none.
    """
    table = dispersion_table(inputs.matches, inputs.corpus, inputs.lexicon)
    attrs = dict(table.attrs)
    if table.empty:
        return Omitted("no multi-word formula of the lexicon occurs in the texts")
    if attrs["form"] == "families":
        first = table["doc_id"].iloc[0]
        actor = inputs.corpus.document(first).actor
        text = f"{actor.strip()}'s text ({first})" if isinstance(actor, str) and actor.strip() else None
        ax = plot_dispersion(table, row_labels="label")
        _title(ax, f"Where the formulae fall in {text or first}")
        return Drawing(fit_to_canvas(ax.figure), table, {
            "texts": "text", "place": f"{text or 'the text of ' + first} (characters from the start)",
            "rows": "per family"})
    ax = plot_dispersion(table, row="doc_id", row_labels="doc_label", position="position", length=None,
                         color="family", color_labels="label", note=_left_out(attrs, "documents"))
    _title(ax, "Where the formulae fall in each document")
    shown = (f"the {len(_unique(table['doc_id']))} documents with the most hits" if attrs["left_out"]
             else "each document with hits")
    return Drawing(fit_to_canvas(ax.figure), round_floats(table), {
        "texts": "texts", "place": "its document (0: the start, 1: the end)",
        "rows": f"for {shown} (named by its actor, else its id), most hits first; ticks coloured by family"})


def discovered_formulae(inputs: ReportInputs) -> Drawing | Omitted:
    """Figure: the phrases characteristic of condemnation sentences against the other sentences, by log ratio.

    Parameters
    ----------
    inputs : ReportInputs
        The report's inputs.

    Returns
    -------
    Drawing or Omitted
        The bars and their table, or why there are none.
    """
    condemning, other = inputs.condemnation
    n_sentences = len(condemning.statements)
    if not n_sentences:
        return Omitted("no sentence holds a condemnation cue of the speakers' own (the intensity scale's cues of "
                       "level 2 and above), so there is nothing to contrast")
    if not other.statements:
        return Omitted("every sentence holds a condemnation cue: there are no other sentences to contrast them with")
    n_actors = len({st.actor for st in inputs.statements.statements if st.actor})
    least = max(CHARACTERISTIC_MIN_ACTORS, round(CHARACTERISTIC_ACTOR_SHARE * n_actors)) if inputs.has_actors else 0
    contrasted = discover_formulae(condemning, reference=other, lexicon=inputs.lexicon, min_actors=least)
    table = round_floats(characteristic_formulae_table(contrasted))
    tentative = table.empty  # too few sentences for a significant contrast: the candidates, hatched, say so
    if tentative:
        table = round_floats(characteristic_formulae_table(contrasted, significant_only=False))
    who = f" of {least} actors or more" if least else ""
    if table.empty:
        few = ", too few for discovery" if n_sentences < _DISCOVERY_FEW else ""
        return Omitted(f"no word sequence of 3 to 8 words recurs in the condemnation sentences{who} more often "
                       f"than in the other sentences: the corpus has {n_sentences:,} runs of condemnation "
                       f"sentences{few}")
    ax = plot_characteristic_phrases(table)
    _title(ax, "Phrases characteristic of condemnation (count in condemnation sentences/in the others)")
    texts = "texts" if len(inputs.corpus) > 1 else "text"
    return Drawing(fit_to_canvas(ax.figure), table, {
        "texts": texts, "who": f", used by at least {least} actors" if least else "",
        "which": (f"none of them significantly more frequent there ({_SIGNIFICANCE}: {n_sentences:,} runs of "
                  "condemnation sentences are too few to tell), so every recurring sequence more frequent there "
                  "is shown, hatched: candidates, not findings") if tentative
        else f"among those significantly more frequent there ({_SIGNIFICANCE})"})


def intensity_by_actor(inputs: ReportInputs) -> Drawing | Omitted:
    """Figure: each actor's strongest reaction on the intensity scale, with the words that set it.

    Parameters
    ----------
    inputs : ReportInputs
        The report's inputs.

    Returns
    -------
    Drawing or Omitted
        The chart and its table, or why there is none.
    """
    scores = inputs.scores
    if not (scores["actor"] != UNRESOLVED).any():
        return Omitted(_NO_ACTORS)
    table = intensity_table(scores, top_actors=inputs.top_actors)
    attrs = dict(table.attrs)
    labels = inputs.level_labels()  # each states its rule: the axis names the levels, the caption gives the rules
    names = {k: inputs.scale.short_label(k) for k in labels}
    ax = plot_intensity(table, levels=names, note=_left_out(attrs, "actors", "with a lower level or fewer statements"))
    _title(ax, f"How strongly each actor reacts ({inputs.name})")
    levels = "; ".join(f"{k} {label}" for k, label in sorted(labels.items()))
    return Drawing(fit_to_canvas(ax.figure), round_floats(table), {"levels": levels})


# ---------------------------------------------------------------------------
# The figures of the UN General Debate Corpus
# ---------------------------------------------------------------------------
def ungdc_formula_rates(inputs: ReportInputs) -> Drawing | Omitted:
    """Figure: rates per million words by year of the lexicon's families tagged ``trend``, and speeches per year.

    Parameters
    ----------
    inputs : ReportInputs
        The report's inputs (with ``ungdc``).

    Returns
    -------
    Drawing or Omitted
        The lines and their table, or why there are none.
    """
    if inputs.ungdc is None:
        return Omitted(_NO_UNGDC)
    if inputs.ungdc.rates.empty:
        return Omitted("no family was followed over the years")
    rates = round_floats(inputs.ungdc.rates)
    ax = plot_formula_rates(rates)
    ax.figure.suptitle("Formulae in the UN General Debate, per million words, by year", x=0.01, ha="left", fontsize=9)
    return Drawing(ax.figure, rates, {"n_documents": inputs.ungdc.n_documents, "first": int(rates["year"].min()),
                                      "last": int(rates["year"].max())})


def ungdc_formula_heads(inputs: ReportInputs) -> Drawing | Omitted:
    """Figure: what the family tagged ``heads`` is attached to (the word before it), by decade.

    Parameters
    ----------
    inputs : ReportInputs
        The report's inputs (with ``ungdc``).

    Returns
    -------
    Drawing or Omitted
        The bars and their table, or why there are none.
    """
    un = inputs.ungdc
    if un is None:
        return Omitted(_NO_UNGDC)
    if un.head_family is None:
        return Omitted("no family's head words were followed")
    family = inputs.lexicon.family(un.head_family)
    ax = plot_formula_heads(un.heads, title=f"What \u201c{family.label.lower()}\u201d is attached to, by decade")
    last = int(un.last_year) if un.last_year is not None else None
    partial = (f" The {last // 10 * 10}s hold the years {last // 10 * 10} to {last} only."
               if last is not None and last % 10 != 9 else "")
    return Drawing(ax.figure, un.heads, {"label": family.label.lower(), "family": family.label,
                                         "canonical": family.canonical, "partial": partial})


def ungdc_intensity_by_decade(inputs: ReportInputs) -> Drawing | Omitted:
    """Figure: the share of the speakers' own condemnation cues at each intensity level, by decade.

    Parameters
    ----------
    inputs : ReportInputs
        The report's inputs (with ``ungdc``).

    Returns
    -------
    Drawing or Omitted
        The stacked bars and their table, or why there are none.
    """
    un = inputs.ungdc
    if un is None:
        return Omitted(_NO_UNGDC)
    if un.intensity is None or un.intensity.empty:
        return Omitted("no cue of the intensity scale occurs in the UN corpus")
    table = round_floats(un.intensity)
    names = {k: inputs.scale.short_label(k) for k in inputs.scale.levels}  # the legend names; the caption the rules
    ax = plot_intensity_decades(table.assign(label=table["level"].map(names)))
    _title(ax, "How strongly the General Debate condemns, by decade")
    labels = inputs.level_labels()
    top = max(labels)
    levels = f"1 ({labels[1]}) to {top} ({labels[top]})"
    return Drawing(fit_to_canvas(ax.figure), table, {"n_documents": un.n_documents, "levels": levels})


def ungdc_key_words(inputs: ReportInputs) -> Drawing | Omitted:
    """Figure: the words of condemnation sentences that set 2001-2010 apart from 1991-2000, both directions.

    Parameters
    ----------
    inputs : ReportInputs
        The report's inputs (with ``ungdc``).

    Returns
    -------
    Drawing or Omitted
        The bars and their table, or why there are none.
    """
    un = inputs.ungdc
    if un is None:
        return Omitted(_NO_UNGDC)
    (a, b), (c, d) = KEY_PERIODS
    target, reference = f"{a}-{b}", f"{c}-{d}"
    if un.key_words is None:
        return Omitted(f"the UN corpus has no condemnation sentence of {target} or none of {reference}")
    table = round_floats(keyness_sides_table(un.key_words, target=target, reference=reference))
    if table.empty:
        return Omitted(f"no word of the condemnation sentences is significantly more frequent in {target} than in "
                       f"{reference}, or the reverse")
    ax = plot_keyness(table, names=(target, reference))
    _title(ax, f"Key words of condemnation sentences: {target} against {reference}")
    return Drawing(fit_to_canvas(ax.figure), table, {"target": target, "reference": reference, "top": KEY_WORDS,
                                                     "min_count": KEY_WORDS_MIN_COUNT})


def ungdc_adoption(inputs: ReportInputs) -> Drawing | Omitted:
    """Figure: adoption curves of the formulae of :data:`toolkit.report.tables.ADOPTION_FORMULAE`, the first by group.

    Parameters
    ----------
    inputs : ReportInputs
        The report's inputs (with ``ungdc``).

    Returns
    -------
    Drawing or Omitted
        The curves and their table, or why there are none.
    """
    un = inputs.ungdc
    if un is None:
        return Omitted(_NO_UNGDC)
    if un.adoption is None or un.adoption.empty:
        return Omitted("the lexicon has none of the formulae the figure follows (ADOPTION_FORMULAE)")
    table = round_floats(un.adoption)
    formulae = table[table["panel"] == "formulae"]
    first = formulae["curve"].iloc[0]
    ax = plot_adoption(table, titles={"formulae": "Formulae", "groups": f"\u201c{first}\u201d by regional group"})
    medians = formulae.drop_duplicates("curve")
    said = "; ".join(f"{c} {int(m)}" if pd.notna(m) else f"{c} not reached"
                     for c, m in zip(medians["curve"], medians["median_year"]))
    grouped = int(table.loc[table["panel"] == "groups"].drop_duplicates("curve")["n_actors"].sum())
    n_actors = int(formulae["n_actors"].iloc[0])
    return Drawing(fit_to_canvas(ax.figure), table, {
        "first": int(table["year"].min()), "last": int(table["year"].max()), "n_actors": n_actors,
        "ungrouped": counted(n_actors - grouped, "actor"), "medians": said})


def _pooled(attrs: dict) -> str | None:
    """The note under figure 13: how many actors the matrix pools as other."""
    k = attrs.get("left_out", 0)
    if not k:
        return None
    return (f"other: the {counted(k, 'other actor')} pooled ({attrs['n_actors']:,} actors with passages in "
            "all; the figure's table lists each cell).")


def ungdc_reuse(inputs: ReportInputs) -> Drawing | Omitted:
    """Figure: the words reused from each actor by each other actor, and the shares of reused words by year.

    Parameters
    ----------
    inputs : ReportInputs
        The report's inputs (with ``ungdc``).

    Returns
    -------
    Drawing or Omitted
        The matrix and the lines, with their table, or why there are none.
    """
    un = inputs.ungdc
    if un is None:
        return Omitted(_NO_UNGDC)
    if un.reuse is None:
        return Omitted("the text reuse of the UN corpus was not computed (ungdc_tables(..., reuse=True))")
    attrs = dict(un.reuse.attrs)
    table = round_floats(un.reuse)
    pairs = table[table["panel"] == "pairs"]
    if pairs.empty or not attrs.get("n_passages"):
        return Omitted("no passage of one actor's speech recurs in a later speech of another actor")
    years = table[table["panel"] == "years"]
    top = int(pairs["n_words"].fillna(0).max())
    shares = {"self_share": "from its own earlier speeches", "reused_share": "from other states' earlier speeches"}
    titles = {"pairs": f"Words one state took from another's earlier speeches ({REUSE_ACTORS} states named)",
              "years": "Share of a speech's words reused, mean by year"}
    ax = plot_reuse(table, note=_pooled(attrs), shares=shares, titles=titles, unit="speech")
    _title(ax, "Who reuses whose words in the UN General Debate")
    undirected = "" if attrs["directed"] else (" (no passage has a direction here: all are counted, the source "
                                               "the earlier in the corpus's order)")
    span = (int(years["year"].min()), int(years["year"].max())) if len(years) else ("", "")
    return Drawing(fit_to_canvas(ax.figure), table, {
        "n_documents": un.n_documents, "n_passages": attrs["n_passages"], "n_words": attrs["n_words"],
        "top": counted(top, "word"), "top_actors": REUSE_ACTORS, "n_actors": attrs["n_actors"],
        "n_others": f"{attrs['left_out']:,}", "undirected": undirected, **REUSE_OPTIONS,
        "first": span[0], "last": span[1]})
