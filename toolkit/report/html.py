"""The report page: one self-contained HTML file with the figures, their key tables and KWIC excerpts.

Numbers in the page's tables are shown to three significant digits; the CSV
beside each figure carries every value (rounded to six significant digits
when written, like every table the toolkit writes).
"""

from __future__ import annotations

import base64
import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..version import __version__
from .registry import BuiltFigure, Figure

__all__ = ["PageContent", "render_page", "html_table", "kwic_html"]


@dataclass
class PageContent:
    """What the page shows besides the figures.

    Parameters
    ----------
    notes : list of str
        Figures left out and why, and other remarks, in order.
    attribution : pandas.DataFrame, optional
        The statements by actor, when the corpus was attributed.
    kwic : pandas.DataFrame, optional
        Every hit of the lexicon's family tagged ``heads``, in context.
    kwic_label : str, optional
        That family's label.
    ungdc_examples : pandas.DataFrame, optional
        Two hits of the family per decade of the UN General Debate, in context.
    omitted : list of (Figure, str)
        The figures of the corpus left out, and why: the page says so where each would be.
    hits_outside : int, optional
        With attribution, the hits of the lexicon in no statement (None without attribution).
    """

    notes: list[str] = field(default_factory=list)
    attribution: pd.DataFrame | None = field(repr=False, default=None)
    kwic: pd.DataFrame | None = field(repr=False, default=None)
    kwic_label: str | None = None
    ungdc_examples: pd.DataFrame | None = field(repr=False, default=None)
    omitted: list[tuple[Figure, str]] = field(default_factory=list)
    hits_outside: int | None = None


def html_table(table: pd.DataFrame, *, rows: int = 20) -> str:
    """A table as HTML: the first ``rows`` rows, numbers to three significant digits, missing values blank.

    Parameters
    ----------
    table : pandas.DataFrame
        The table (its CSV beside the figure has every row and digit).
    rows : int, default 20
        The rows shown; a note says how many there are in all.

    Returns
    -------
    str
        The HTML.
    """
    shown = table.head(rows).copy()
    for column in shown.columns:  # each cell as text: years as years, missing values (None, NaN, <NA>) blank
        shown[column] = [_cell(value, year=_is_year(column)) for value in shown[column]]
    note = f"<p class=note>The first {rows} of {len(table):,} rows; all are in the CSV.</p>" if len(table) > rows \
        else ""
    return shown.to_html(index=False, escape=True, border=0, na_rep="") + note


def _is_year(column: object) -> bool:
    """Whether a column holds years (``year``, ``median_year``, ``first_year``): printed whole, never rounded."""
    return isinstance(column, str) and (column == "year" or column.endswith("_year"))


def _cell(value: object, *, year: bool = False) -> str:
    """One cell of a page's table: blank when missing; a float to three significant digits, without an exponent
    below a million, a year to its tenth (2007, 2007.5); anything else as it prints."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (float, np.floating)):
        return str(value)
    number = float(value)
    if year or number.is_integer() and abs(number) < 1e6:
        return f"{number:.1f}".removesuffix(".0")
    if 1e3 <= abs(number) < 1e6:
        return f"{number:.0f}"  # 2,345.6 as 2346, never 2.35e+03
    return f"{number:.3g}"


def kwic_html(lines: pd.DataFrame) -> str:
    """KWIC lines as an HTML table: where (document, actor, year), left context, the hit marked, right context.

    Parameters
    ----------
    lines : pandas.DataFrame
        :func:`toolkit.formulae.kwic.kwic` lines.

    Returns
    -------
    str
        The HTML; whitespace runs of the verbatim contexts shown as one space.
    """
    rows = []
    for _, line in lines.iterrows():
        where = " ".join(str(v) for v in (line["doc_id"], line.get("actor"), line.get("year"))
                         if v is not None and not pd.isna(v))
        left = html.escape(" ".join(line["left"].split()))
        rows.append(f"<tr><td class=src>{html.escape(where)}</td><td class=left>{left}"
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


def _figure_html(f: BuiltFigure, files: Mapping[str, bytes]) -> str:
    png = base64.b64encode(files[f"{f.name}.png"]).decode("ascii")
    title = html.escape(f.title)
    parts = [f"<section id='{f.name}'><h2>{title}</h2><figure>"
             f"<img alt='{title}' src='data:image/png;base64,{png}'>"
             f"<figcaption>{html.escape(f.caption)} Table: <a href='{f.name}.csv'>{f.name}.csv</a>; vector version: "
             f"<a href='{f.name}.svg'>{f.name}.svg</a>.</figcaption></figure>"]
    shown = f.page_table
    if shown is not None:
        if f.spec.key_heading:
            parts.append(f"<h3>{html.escape(f.spec.key_heading)}</h3>")
        parts.append(html_table(shown))
    parts.append("</section>")
    return "".join(parts)


def _omitted_html(spec: Figure, reason: str) -> str:
    return (f"<section id='{spec.name}'><h2>Figure {spec.number} ({html.escape(spec.name)}) was left out</h2>"
            f"<p class=note>Not drawn for this corpus: {html.escape(reason)}.</p></section>")


def render_page(figures: Sequence[BuiltFigure], files: Mapping[str, bytes], content: PageContent,
                provenance: Sequence[tuple[str, str]]) -> str:
    """The self-contained report page: every figure inline (base64 PNG) with its caption, tables and links.

    Parameters
    ----------
    figures : sequence of BuiltFigure
        The figures drawn, in order.
    files : mapping of str to bytes
        The files of the report by name (the PNG of each figure is inlined).
    content : PageContent
        Notes (figures left out and why, also said where each would be), the statements by actor, the KWIC
        excerpts.
    provenance : sequence of (str, str)
        Each input's name and SHA-256.

    Returns
    -------
    str
        The HTML page.
    """
    parts = ["<!DOCTYPE html><html lang=en><head><meta charset=utf-8>",
             "<title>The language of condemnation: report</title>", f"<style>{_STYLE}</style></head><body>",
             "<h1>The language of condemnation</h1>",
             f"<p>Made by condemnation-toolkit {html.escape(__version__)} with <code>condemn report</code>. Every "
             "figure is saved beside the CSV of the exact table it plots; each hit in those tables carries its span "
             "in the text.</p><h2>Inputs</h2><table><tr><th>input</th><th>SHA-256</th></tr>"]
    parts += [f"<tr><td>{html.escape(a)}</td><td><code>{b}</code></td></tr>" for a, b in provenance]
    parts.append("</table>")
    parts += [f"<p class=note>{html.escape(n)}</p>" for n in content.notes]
    # the figures drawn and those left out, in the registry's order: a figure left out is said where it would be
    entries: list[tuple[int, BuiltFigure | tuple[Figure, str]]] = [(f.spec.number, f) for f in figures]
    entries += [(spec.number, (spec, reason)) for spec, reason in content.omitted]
    entries.sort(key=lambda entry: entry[0])
    parts.append("<h2>Figures</h2><ol>" + "".join(
        f"<li><a href='#{f.name}'>{html.escape(f.title)}</a></li>" if isinstance(f, BuiltFigure) else
        f"<li><a href='#{f[0].name}'>Figure {f[0].number} ({html.escape(f[0].name)})</a>: left out</li>"
        for _, f in entries) + "</ol>")
    parts += [_figure_html(f, files) if isinstance(f, BuiltFigure) else _omitted_html(*f) for _, f in entries]
    if content.attribution is not None:
        table = content.attribution
        columns = [c for c in ("statement_id", "actor", "actor_id", "speaker", "cue", "quoted", "content")
                   if c in table.columns]
        parts.append("<section><h2>Statements by actor</h2>" + html_table(table[columns], rows=60) + "</section>")
    label = html.escape(content.kwic_label or "")
    if content.kwic is not None and not content.kwic.empty:
        parts.append(f"<section><h2>In context: every hit of \u201c{label.lower()}\u201d</h2>"
                     + kwic_html(content.kwic) + "</section>")
    if content.ungdc_examples is not None and not content.ungdc_examples.empty:
        parts.append(f"<section><h2>In context: \u201c{label.lower()}\u201d in the UN General Debate, two hits per "
                     "decade</h2>" + kwic_html(content.ungdc_examples) + "</section>")
    parts.append("</body></html>\n")
    return "".join(parts)
