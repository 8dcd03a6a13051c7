"""The report: one recipe per figure, each figure saved beside the exact table it plots.

A recipe turns the toolkit's tables (matches, counts, attribution,
clustering, discovery) into the finished table of one figure, then draws it
with :mod:`toolkit.figures`. :func:`build_report` runs every recipe and
writes, for each figure ``NN-name``: ``NN-name.png`` (300 dpi),
``NN-name.svg`` and ``NN-name.csv`` (the rows plotted, nothing more), and a
self-contained ``report.html`` with the figures, the key tables and KWIC
excerpts. All files are rendered in memory and written together
(:func:`toolkit.io.write_files`), so a failed run leaves the previous report
in place, and the same inputs always give the same bytes.

The table functions (``*_table``) are public so that the notebooks, and
users, draw the same figures from the same tables.
"""

from __future__ import annotations

import base64
import html
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np
import pandas as pd

from . import __version__
from .attribution import Attribution, attribute_statements
from .cluster import Clustering, cluster_statements
from .corpus import Corpus
from .counts import add_rates, count_matches
from .discover import discover_formulae, formulaicity
from .errors import ParameterError
from .figures import (figure_bytes, plot_dispersion, plot_formula_bars, plot_formula_heads, plot_formula_heatmap,
                      plot_formula_rates, plot_similarity_matrix, plot_statement_map, plot_top_formulae)
from .io import default_gazetteer, default_lexicon, file_sha256, iter_corpus, render_table, write_files
from .kwic import head_words, kwic
from .lexicon import Lexicon
from .match import Matcher, Matches, find_matches
from .tokens import count_tokens

__all__ = [
    "TREND_FAMILIES", "HEAD_FAMILY", "Figure", "build_report", "dispersion_table", "formulaicity_table",
    "heads_table", "heatmap_table", "map_table", "rates_table", "report_figures", "similarity_table",
    "top_formulae_table", "ungdc_tables", "statement_labels",
]

#: The families whose rates per year the UN figure follows.
TREND_FAMILIES = ("all_forms", "condemnation", "intensity", "condolence", "accountability", "peace_security")
#: The family whose head words (what it is attached to) the UN figure follows.
HEAD_FAMILY = "all_forms"
_DPI = 300


@dataclass
class Figure:
    """One figure of the report and the tables it was drawn from (the first is the one plotted)."""

    name: str
    title: str
    caption: str
    figure: object = field(repr=False)
    tables: dict[str, pd.DataFrame] = field(repr=False, default_factory=dict)
    key_table: pd.DataFrame | None = field(repr=False, default=None)


# ---------------------------------------------------------------------------
# Tables, one per figure
# ---------------------------------------------------------------------------
def statement_labels(statements: pd.DataFrame) -> list[str]:
    """Short labels for statements: the actor's code (or name) and the statement's number in its document."""
    labels = []
    for sid, actor, code in zip(statements["statement_id"], statements["actor"], statements["actor_id"]):
        who = code if isinstance(code, str) and code else (actor if isinstance(actor, str) and actor else "?")
        number = str(sid).rsplit(":", 1)[-1]
        labels.append(f"{who} {number}")
    return labels


def heatmap_table(matches: Matches, lexicon: Lexicon) -> pd.DataFrame:
    """Hits per actor and family, families with no hit left out; actors and families by total hits, then name."""
    counts = count_matches(matches, by="actor", level="family", rates=False)
    counts = counts[counts["actor"].notna()]
    family_totals = counts.groupby("family")["n_matches"].sum()
    used = family_totals[family_totals > 0]
    counts = counts[counts["family"].isin(used.index)].copy()
    actor_totals = counts.groupby("actor")["n_matches"].sum()
    counts["label"] = counts["family"].map({f.id: f.label for f in lexicon.families})
    counts["_a"] = -counts["actor"].map(actor_totals)
    counts["_f"] = -counts["family"].map(used)
    counts = counts.sort_values(["_a", "actor", "_f", "family"], kind="stable")
    return counts[["actor", "family", "label", "n_matches", "n_statements", "n_tokens"]].reset_index(drop=True)


def formulaicity_table(statements: Corpus, matches: Matches, lexicon: Lexicon) -> pd.DataFrame:
    """Per actor: hits, tokens and the share of tokens inside lexicon formulae; by share, then hits, then name."""
    shares = formulaicity(statements, lexicon=lexicon, by="actor")
    hits = matches.table.groupby("actor").size().rename("n_matches")
    table = shares.merge(hits, left_on="actor", right_index=True, how="left")
    table["n_matches"] = table["n_matches"].fillna(0).astype(np.int64)
    table = table[table["actor"].notna()]
    table = table.sort_values(["lexicon_share", "n_matches", "actor"], ascending=[False, False, True], kind="stable")
    return table[["actor", "actor_id", "n_statements", "n_tokens", "n_matches", "lexicon_tokens",
                  "lexicon_share"]].reset_index(drop=True)


def similarity_table(clustering: Clustering) -> pd.DataFrame:
    """The similarity matrix ordered by the dendrogram's leaves, with a ``label`` column first."""
    order = clustering.leaf_order()
    similarity = clustering.similarity().loc[order, order]
    assignments = clustering.assignments.set_index("statement_id").loc[order].reset_index()
    table = similarity.reset_index(drop=True)
    table.columns = list(order)
    table.insert(0, "statement_id", order)
    table.insert(1, "label", statement_labels(assignments))
    table.insert(2, "cluster", assignments["cluster"].to_numpy())
    return table


def map_table(clustering: Clustering) -> pd.DataFrame:
    """Statements on the clustering's 2-D map, with their cluster and label."""
    mapped = clustering.map()
    table = mapped[["statement_id", "actor", "actor_id", "cluster", "x", "y"]].copy()
    table.insert(1, "label", statement_labels(mapped))
    table.attrs = dict(mapped.attrs)
    return table


def dispersion_table(corpus: Corpus, matcher: Matcher) -> pd.DataFrame:
    """Every multi-word hit in the documents (not in statements, so none twice) with its place in its text."""
    matches = find_matches(corpus, matcher)
    table = matches.table
    multi = np.array([count_tokens(text) >= 2 for text in table["matched_text"]], dtype=bool)
    table = table[multi]
    lengths = {doc.id: len(doc.text) for doc in corpus}
    labels = {f.id: f.label for f in matcher.lexicon.families}
    order = {f.id: k for k, f in enumerate(matcher.lexicon.families)}
    out = table[["doc_id", "family", "formula", "doc_start", "doc_end", "matched_text"]].copy()
    out.insert(2, "label", out["family"].map(labels))
    out["doc_length"] = out["doc_id"].map(lengths)
    out["_f"] = out["family"].map(order)
    out = out.sort_values(["doc_id", "_f", "doc_start"], kind="stable").drop(columns="_f")
    return out.reset_index(drop=True)


def top_formulae_table(discovered: pd.DataFrame, *, top: int = 15) -> pd.DataFrame:
    """The first ``top`` discovered formulae (they come ranked by actor range)."""
    columns = ["ngram", "n", "frequency", "n_statements", "n_actors", "cohesion", "in_lexicon", "lexicon_formula",
               "example_statement", "example_text"]
    return discovered.head(top)[columns].reset_index(drop=True)


def rates_table(matches: Matches, lexicon: Lexicon, families: Sequence[str] = TREND_FAMILIES, *,
                per: int = 1_000_000) -> pd.DataFrame:
    """Hits per year and family, with the number of texts and words of each year and the rate per ``per`` words."""
    counts = count_matches(matches, by="year", level="family", rates=False)
    counts = counts[counts["year"].notna() & counts["family"].isin(families)].copy()
    counts["label"] = counts["family"].map({f.id: f.label for f in lexicon.families})
    counts["_f"] = counts["family"].map({f: k for k, f in enumerate(families)})
    counts = counts.sort_values(["_f", "year"], kind="stable").drop(columns="_f")
    counts = add_rates(counts, per=per)
    return counts[["family", "label", "year", "n_matches", "n_statements", "n_tokens", f"rate_per_{per}"]
                  ].reset_index(drop=True)


def heads_table(heads: pd.DataFrame, *, top: int = 8) -> pd.DataFrame:
    """Hits per decade and head word: the ``top`` most frequent heads, the rest as ``other``, zeros included."""
    table = heads[heads["year"].notna()].copy()
    table["head"] = table["head"].where(table["head"] != "", "(none)")
    sizes = table["head"].value_counts()
    kept = [h for h in sorted(sizes.index, key=lambda h: (-sizes[h], h)) if h != "(none)"][:top]
    table["head"] = table["head"].where(table["head"].isin(kept), "other")
    table["decade"] = (table["year"].astype(int) // 10 * 10).astype(int)
    decades = range(int(table["decade"].min()), int(table["decade"].max()) + 1, 10) if len(table) else []
    heads_order = kept + (["other"] if (table["head"] == "other").any() else [])
    grid = pd.MultiIndex.from_product([list(decades), heads_order], names=["decade", "head"])
    counted = table.groupby(["decade", "head"]).size().reindex(grid, fill_value=0).rename("n_matches")
    return counted.reset_index()


# ---------------------------------------------------------------------------
# The UN General Debate Corpus
# ---------------------------------------------------------------------------
@dataclass
class UNTables:
    rates: pd.DataFrame
    heads: pd.DataFrame
    head_hits: pd.DataFrame
    examples: pd.DataFrame
    n_documents: int
    n_skipped: int


def ungdc_tables(path, lexicon: Lexicon, *, families: Sequence[str] = TREND_FAMILIES, head_family: str = HEAD_FAMILY,
                 progress: bool = True) -> UNTables:
    """Read the UN General Debate Corpus once and derive the tables of the UN figures from one matches table."""
    from tqdm import tqdm  # the text bar: tqdm.auto would want ipywidgets in notebooks

    wanted = list(dict.fromkeys([*families, head_family]))
    selected = lexicon.select(wanted)
    stream = iter_corpus(path)
    documents = list(tqdm(stream, desc="reading the UN corpus", unit=" speeches", disable=not progress,
                          file=sys.stderr, mininterval=1.0))
    corpus = Corpus(documents, tuple(stream.skipped))
    matcher = Matcher(selected)
    matches = find_matches(tqdm(corpus.documents, desc="matching formulae", unit=" speeches", disable=not progress,
                                file=sys.stderr, mininterval=1.0), matcher)
    rates = rates_table(matches, selected, families)
    # Only the variants that follow the word they qualify ("terrorism in all its forms"), not those that lead
    # ("all forms of terrorism"): the ones whose pattern opens with the preposition "in".
    postnominal = [f.id for f in selected.family(head_family).formulas if f.patterns[0].text.split()[0] == "in"]
    chosen = matches.select(postnominal)
    head_hits = head_words(chosen, corpus)
    heads = heads_table(head_hits)
    lines = kwic(chosen, corpus, window=8)
    lines = lines.assign(decade=(lines["year"].astype(int) // 10 * 10))
    examples = (lines.sort_values(["decade", "year", "doc_id", "doc_start"], kind="stable")
                .groupby("decade").head(2).reset_index(drop=True))
    return UNTables(rates, heads, head_hits, examples, len(corpus), len(corpus.skipped))


# ---------------------------------------------------------------------------
# Recipes
# ---------------------------------------------------------------------------
def _seed_figures(corpus: Corpus, attribution: Attribution | None, matcher: Matcher, matches: Matches,
                  name: str) -> list[Figure]:
    statements = attribution.corpus if attribution is not None else corpus
    lexicon = matcher.lexicon
    figures = []

    table = heatmap_table(matches, lexicon)
    if not table.empty:
        ax = plot_formula_heatmap(table, column_labels="label")
        _title(ax, f"Formula hits by actor and family ({name})")
        figures.append(Figure("01-actor-family-heatmap", "Who uses which formulae",
                              f"Hits of the default lexicon's families in each actor's statements ({name}). "
                              "Families without any hit are left out; actors are ordered by total hits.",
                              ax.figure, {"": table}))

    table = formulaicity_table(statements, matches, lexicon)
    if not table.empty:
        ax = plot_formula_bars(table)
        figures.append(Figure("02-formula-hits-by-formulaicity", "How formulaic each actor is",
                              "Formula hits per actor, ordered by formulaicity: the share of the actor's words that "
                              "lie inside a formula of the lexicon (each word counted once).", ax.figure, {"": table}))

    if len(statements.statements) >= 3:
        clustering = cluster_statements(statements, lexicon=lexicon, random_state=0)
        table = similarity_table(clustering)
        ax = plot_similarity_matrix(table.drop(columns=["label", "cluster"]).set_index("statement_id")
                                    .rename_axis(None), linkage=clustering.linkage, labels=table["label"].tolist())
        linkage = pd.DataFrame(clustering.linkage, columns=["left", "right", "distance", "size"])
        linkage[["left", "right", "size"]] = linkage[["left", "right", "size"]].astype(np.int64)
        figures.append(Figure("03-statement-similarity", "How statements group",
                              f"Cosine similarity of the statements (words, character n-grams and formula profile), "
                              f"ordered by Ward clustering, whose dendrogram is drawn above. Stability of the "
                              f"clustering across subsamples (mean ARI): {clustering.stability:.2f}. The linkage is "
                              f"in the second CSV.", ax.figure, {"": table, "linkage": linkage},
                              key_table=clustering.clusters))
        table = map_table(clustering)
        ax = plot_statement_map(table)
        _title(ax, "Statements on a map of their wording, coloured by cluster")
        figures.append(Figure("04-statement-map", "A map of the statements",
                              "The first two principal components of the clustering's features; each point is a "
                              "statement, labelled by its actor and number, coloured by its Ward cluster.",
                              ax.figure, {"": table}))

    table = dispersion_table(corpus, matcher)
    if not table.empty:
        first = table["doc_id"].iloc[0]
        table = table[table["doc_id"] == first].reset_index(drop=True)
        ax = plot_dispersion(table, row_labels="label")
        _title(ax, f"Where the formulae fall in {first}")
        figures.append(Figure("05-formula-dispersion", "Where the formulae fall in the text",
                              f"Each tick is a hit of a multi-word formula at its place in the text of {first} "
                              "(characters from the start), one row per family.", ax.figure, {"": table}))

    discovered = discover_formulae(statements, lexicon=lexicon, min_actors=2 if attribution is not None else 0)
    table = top_formulae_table(discovered)
    if not table.empty:
        ax = plot_top_formulae(table)
        _title(ax, "Recurring word sequences, by the number of actors using them")
        figures.append(Figure("08-discovered-formulae", "Formulae found in the text",
                              "The most widely used recurring word sequences (3 to 8 words; a sequence said once "
                              "for several actors counts once), marked when the lexicon already has them.",
                              ax.figure, {"": table}))
    return figures


def _title(ax, text: str) -> None:
    """A title over the whole figure, flush left, so that long tick labels never push it out of the picture."""
    ax.figure.suptitle(text, x=0.01, ha="left", fontsize=9)


def _un_figures(tables: UNTables, lexicon: Lexicon) -> list[Figure]:
    figures = []
    ax = plot_formula_rates(tables.rates)
    ax.figure.suptitle("Formulae in the UN General Debate, per million words, by year", x=0.01, ha="left",
                       fontsize=9)
    figures.append(Figure("06-ungdc-formula-rates", "Formulae in the UN General Debate, 1946-2024",
                          f"Hits per million words in each year's speeches ({tables.n_documents:,} speeches), for "
                          "selected families; the bottom panel is the number of speeches per year.", ax.figure,
                          {"": tables.rates}))
    label = lexicon.family(HEAD_FAMILY).label
    ax = plot_formula_heads(tables.heads, title=f"What \u201c{label.lower()}\u201d is attached to, by decade")
    figures.append(Figure("07-ungdc-formula-heads", f"What \u201c{label.lower()}\u201d is attached to",
                          f"The word just before each hit of the family \u201c{label}\u201d that follows the word it "
                          "qualifies (\u201cterrorism in all its forms\u201d; articles and conjunctions passed "
                          "over), by decade: the eight most frequent words, the rest as other. The 2020s hold the "
                          f"years 2020 to {int(tables.rates['year'].max())} only.",
                          ax.figure, {"": tables.heads}))
    return figures


def report_figures(corpus: Corpus, *, lexicon: Lexicon | None = None, attribute: bool = True,
                   ungdc: UNTables | None = None, name: str = "shipped corpus") -> tuple[list[Figure], dict]:
    """Every figure of the report, in order, and the tables the page shows beside them."""
    lexicon = lexicon if lexicon is not None else default_lexicon()
    attribution = attribute_statements(corpus, default_gazetteer()) if attribute else None
    statements = attribution.corpus if attribution is not None else corpus
    matcher = Matcher(lexicon)
    matches = find_matches(statements, matcher)  # the one matches table of figures 1, 2 and the KWIC
    figures = _seed_figures(corpus, attribution, matcher, matches, name)
    if ungdc is not None:
        figures.extend(_un_figures(ungdc, lexicon))
    figures.sort(key=lambda f: f.name)
    extra = {
        "attribution": attribution.table if attribution is not None else None,
        "kwic": kwic(matches.select(HEAD_FAMILY), statements, window=8)
        if HEAD_FAMILY in {f.id for f in lexicon.families} else None,
    }
    return figures, extra


# ---------------------------------------------------------------------------
# Files and the page
# ---------------------------------------------------------------------------
def _csv(table: pd.DataFrame) -> bytes:
    return render_table(table, "csv").encode("utf-8")


def _html_table(table: pd.DataFrame, *, rows: int = 20) -> str:
    shown = table.head(rows)
    note = f"<p class=note>The first {rows} of {len(table):,} rows; all are in the CSV.</p>" if len(table) > rows \
        else ""
    return shown.to_html(index=False, escape=True, border=0, na_rep="", float_format=lambda v: f"{v:.3g}") + note


def _kwic_html(lines: pd.DataFrame) -> str:
    rows = []
    for _, line in lines.iterrows():
        where = " ".join(str(v) for v in (line["doc_id"], line.get("actor"), line.get("year"))
                         if v is not None and not pd.isna(v))
        rows.append(f"<tr><td class=src>{html.escape(where)}</td><td class=left>{html.escape(' '.join(line['left'].split()))}"
                    f"</td><td><mark>{html.escape(' '.join(line['matched_text'].split()))}</mark></td>"
                    f"<td>{html.escape(' '.join(line['right'].split()))}</td></tr>")
    return "<table class=kwic>" + "".join(rows) + "</table>"


_STYLE = """
body{font-family:Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1,h2,h3{font-family:Helvetica,Arial,sans-serif}figure{margin:1.5rem 0}img{max-width:100%;height:auto}
figcaption{font-size:.92rem;color:#444}table{border-collapse:collapse;font-size:.8rem;margin:.5rem 0}
td,th{padding:.15rem .5rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
.kwic td.left{text-align:right}.kwic td.src{color:#777;white-space:nowrap}mark{background:#DDCC77}
.note{font-size:.85rem;color:#666}code{font-size:.85rem}
"""


def _page(figures: list[Figure], files: dict[str, bytes], extra: dict, provenance: list[tuple[str, str]],
          notes: list[str], ungdc: UNTables | None) -> str:
    parts = ["<!DOCTYPE html><html lang=en><head><meta charset=utf-8>",
             "<title>The language of condemnation: report</title>", f"<style>{_STYLE}</style></head><body>",
             "<h1>The language of condemnation</h1>",
             f"<p>Made by condemnation-toolkit {html.escape(__version__)} with <code>condemn report</code>. Every "
             "figure is saved beside the CSV of the exact table it plots; each hit in those tables carries its span "
             "in the text.</p><h2>Inputs</h2><table><tr><th>input</th><th>SHA-256</th></tr>"]
    parts += [f"<tr><td>{html.escape(a)}</td><td><code>{b}</code></td></tr>" for a, b in provenance]
    parts.append("</table>")
    parts += [f"<p class=note>{html.escape(n)}</p>" for n in notes]
    parts.append("<h2>Figures</h2><ol>" + "".join(f"<li><a href='#{f.name}'>{html.escape(f.title)}</a></li>"
                                                  for f in figures) + "</ol>")
    for f in figures:
        png = base64.b64encode(files[f"{f.name}.png"]).decode("ascii")
        tables = ", ".join(f"<a href='{f.name}{'-' + k if k else ''}.csv'>{f.name}{'-' + k if k else ''}.csv</a>"
                           for k in f.tables)
        parts.append(f"<section id='{f.name}'><h2>{html.escape(f.title)}</h2><figure>"
                     f"<img alt='{html.escape(f.title)}' src='data:image/png;base64,{png}'>"
                     f"<figcaption>{html.escape(f.caption)} Table: {tables}; vector version: "
                     f"<a href='{f.name}.svg'>{f.name}.svg</a>.</figcaption></figure>")
        key = f.key_table if f.key_table is not None else f.tables[""]
        if f.name.startswith("03"):
            parts.append("<h3>The clusters and what defines them</h3>")
        if not f.name.startswith(("03", "04")) or f.key_table is not None:
            parts.append(_html_table(key))
        parts.append("</section>")
    if extra.get("attribution") is not None:
        table = extra["attribution"]
        columns = [c for c in ("statement_id", "actor", "actor_id", "speaker", "cue", "quoted", "content")
                   if c in table.columns]
        parts.append("<section><h2>Statements by actor</h2>" + _html_table(table[columns], rows=60) + "</section>")
    if extra.get("kwic") is not None and not extra["kwic"].empty:
        parts.append("<section><h2>In context: every hit of \u201cin all its forms and manifestations\u201d</h2>"
                     + _kwic_html(extra["kwic"]) + "</section>")
    if ungdc is not None and not ungdc.examples.empty:
        parts.append("<section><h2>In context: the formula in the UN General Debate, two hits per decade</h2>"
                     + _kwic_html(ungdc.examples) + "</section>")
    parts.append("</body></html>\n")
    return "".join(parts)


def build_report(corpus_paths: Iterable, out, *, ungdc=None, attribute: bool = True, lexicon: Lexicon | None = None,
                 progress: bool = False, log: Callable[[str], None] | None = None) -> list[Path]:
    """Build every figure, its table and the HTML page, and write them all into ``out`` at once.

    Parameters
    ----------
    corpus_paths : path or list of paths
        The corpus of the first figures (the shipped ``seeds/`` for ``make report``).
    out : path
        The folder to write into (created if missing); files of the same
        names are replaced, other files are left alone.
    ungdc : path, optional
        The UN General Debate Corpus; without it, figures 6 and 7 are skipped
        with a note.
    attribute : bool, default True
        Split the texts into statements by actor first (news articles).
    lexicon : Lexicon, optional
        The default lexicon unless given.
    progress : bool, default False
        Progress bars on stderr for the long steps (the UN corpus).
    log : callable, optional
        Called with one line for each step (the command line prints them on stderr).
    """
    log = log or (lambda message: None)
    if isinstance(corpus_paths, (str, Path)):
        corpus_paths = [corpus_paths]
    corpus_paths = [Path(p) for p in corpus_paths]
    if not corpus_paths:
        raise ParameterError("build_report needs at least one corpus path.")
    stream = iter_corpus(corpus_paths)
    corpus = Corpus(tuple(stream), tuple(stream.skipped))
    if not len(corpus):
        raise ParameterError(f"build_report: no documents in {', '.join(map(str, corpus_paths))}.")
    lexicon = lexicon if lexicon is not None else default_lexicon()
    notes = []
    un = None
    missing = [f for f in (*TREND_FAMILIES, HEAD_FAMILY) if f not in {family.id for family in lexicon.families}]
    if ungdc is not None and missing:
        notes.append(f"Figures 6 and 7 follow families the lexicon does not have ({', '.join(missing)}); they "
                     "were skipped.")
        log(f"report: the lexicon has no family {missing[0]!r}; figures 6 and 7 are skipped")
        ungdc = None
    elif ungdc is not None:
        log(f"report: the UN General Debate Corpus from {ungdc}")
        un = ungdc_tables(ungdc, lexicon, progress=progress)
    else:
        notes.append("Figures 6 and 7 need the UN General Debate Corpus (--ungdc, TOOLKIT_UNGDC or "
                     "../shared/corpora); it was not found, so they were skipped.")
        log("report: the UN General Debate Corpus was not found (--ungdc, TOOLKIT_UNGDC or ../shared); "
            "figures 6 and 7 are skipped")
    name = ", ".join(p.name for p in corpus_paths)
    log(f"report: figures of {name}")
    figures, extra = report_figures(corpus, lexicon=lexicon, attribute=attribute, ungdc=un, name=name)
    files: dict[str, bytes] = {}
    for f in figures:
        log(f"report: {f.name}")
        files[f"{f.name}.png"] = figure_bytes(f.figure, "png", dpi=_DPI)
        files[f"{f.name}.svg"] = figure_bytes(f.figure, "svg")
        for key, table in f.tables.items():
            files[f"{f.name}{'-' + key if key else ''}.csv"] = _csv(table)
    provenance = [(p.as_posix(), file_sha256(p)) for p in corpus_paths]
    if ungdc is not None:
        provenance.append((Path(ungdc).name, file_sha256(ungdc)))
    files["report.html"] = _page(figures, files, extra, provenance, notes, un).encode("utf-8")
    written = write_files(files, out)
    log(f"report: wrote {len(written)} files into {out}")
    return written
