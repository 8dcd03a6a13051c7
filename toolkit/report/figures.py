"""Publication figures, drawn from finished tables.

This is the only module that imports matplotlib, and it computes nothing:
each ``plot_<thing>(table, *, ax=None)`` draws the rows of a table it is
given, in the table's order, and returns the Axes (a new Figure is made when
``ax`` is None). Everything plotted is in the table, so a figure saved beside
its table (see :func:`toolkit.report.build_report`) can be checked number by
number.

One style for all figures (:data:`STYLE`): sizes for a journal column
(:data:`COLUMN` and :data:`PAGE` inches wide), 8-point type, a
colour-blind-safe categorical palette (Paul Tol's "muted") and a
perceptually uniform sequential map (viridis). The style is applied while a
figure is drawn and saved; the global ``rcParams`` are never changed.
:func:`figure_bytes` renders PNG, SVG or PDF without dates or software
versions, so the same figure always gives the same bytes.
"""

from __future__ import annotations

import functools
import io
import textwrap
from typing import Any, cast

import matplotlib
import matplotlib.ticker
import numpy as np
import pandas as pd
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..validation import check_choice, check_int, check_parameter, check_table, check_type

__all__ = ["MplFigure", "COLUMN", "PAGE", "PALETTE", "STYLE", "MAX_HEIGHT", "MATRIX_LABELS_MAX", "LABEL_CHARACTERS",
           "NO_HITS", "figure_bytes", "fit_to_canvas", "legibility_problems", "new_figure", "plot_dispersion",
           "plot_formula_bars", "plot_formula_heads", "plot_formula_heatmap", "plot_formula_rates",
           "plot_similarity_matrix", "plot_statement_map", "plot_top_formulae", "plot_characteristic_phrases",
           "plot_intensity", "plot_intensity_decades", "plot_keyness", "plot_adoption", "plot_reuse"]

#: The type of the figures the plots draw on (a matplotlib Figure), for code that must not import matplotlib.
MplFigure = Figure
#: Widths in inches of one journal column and of the full page.
COLUMN = 3.5
PAGE = 7.2
#: Paul Tol's "muted" scheme, distinct for colour-blind readers; grey is for "other".
PALETTE = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499")
OTHER = "#BBBBBB"
SEQUENTIAL = "viridis"
_MARKERS = ("o", "s", "^", "D")
# The colours of the palette dark enough for lines and small numbers on white (no light blue, no sand).
_DARK = tuple(PALETTE[k] for k in (0, 6, 2, 4, 7, 3))
#: No figure is taller than this (inches): a page of text. Rows get thinner instead.
MAX_HEIGHT = 9.0
#: The similarity matrix names every row up to this many rows; above, it marks the clusters instead.
MATRIX_LABELS_MAX = 60
#: A map of more points than this is drawn larger, and its labels only close to their points.
MAP_CROWDED = 40
#: Row labels longer than this many characters are cut, with an ellipsis.
LABEL_CHARACTERS = 40
#: The name of the pooled group of statements without an actor (toolkit.text.corpus.UNRESOLVED), drawn apart.
UNRESOLVED = "unresolved"
#: The name of the pooled actors of a matrix of reuse (toolkit.report.tables.OTHER_ACTORS), set in italics.
POOLED = "other"
#: The note in a panel of rates without any hit (:func:`plot_formula_rates`).
NO_HITS = "no hits"

STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.labelsize": 8,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "legend.fontsize": 7,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": cycler(color=PALETTE),
    "axes.grid": False,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.5,
    "lines.linewidth": 1.2,
    "figure.dpi": 100,
    "savefig.dpi": 300,
    "image.cmap": SEQUENTIAL,
    "svg.hashsalt": "condemnation-toolkit",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
}
_FORMATS = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None},
            "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None}}


def _styled(plot):
    """Draw under :data:`STYLE`, leaving the global rcParams as they were."""

    @functools.wraps(plot)
    def draw(*args, **kwargs):
        with matplotlib.rc_context(cast(Any, STYLE)):
            return plot(*args, **kwargs)

    return draw


def new_figure(width: float = PAGE, height: float = 4.0, *, rows: int = 1, height_ratios=None,
               sharex: bool = False) -> tuple[Figure, list[Axes]]:
    """A Figure in the toolkit's style, with constrained layout and ``rows`` axes stacked.

    The Figure is made directly, not through :mod:`matplotlib.pyplot`: it
    opens no window and is not kept by pyplot, so it is freed with its last
    reference.

    Parameters
    ----------
    width : float, default :data:`PAGE`
        Inches (7.2, the full page; :data:`COLUMN` is one column).
    height : float, default 4.0
        Inches.
    rows : int, default 1
        How many axes, stacked from top to bottom in one column.
    height_ratios : sequence of float, optional
        The relative heights of the rows; equal by default.
    sharex : bool, default False
        Whether the axes share their x axis.

    Returns
    -------
    fig : matplotlib.figure.Figure
        The new figure.
    axes : list of matplotlib.axes.Axes
        Its axes, top first.

    Examples
    --------
    >>> fig, axes = new_figure(COLUMN, 3.0, rows=2, height_ratios=[1, 2])
    >>> len(axes), fig.get_size_inches().tolist()
    (2, [3.5, 3.0])
    """
    with matplotlib.rc_context(cast(Any, STYLE)):
        fig = Figure(figsize=(width, height), layout="constrained")
        axes = fig.subplots(rows, 1, sharex=sharex, squeeze=False, height_ratios=height_ratios)[:, 0]
    return fig, list(axes)


def figure_bytes(fig: Figure, fmt: str = "png", *, dpi: int = 300) -> bytes:
    """The figure rendered as ``png``, ``svg`` or ``pdf``, with no date or version in it.

    Rendered under :data:`STYLE` (its fixed SVG hash salt keeps the SVG's
    ids the same from run to run), so that the same figure, drawn again,
    gives the same bytes. Each call lays the figure out again (constrained
    layout), which can move its parts by a fraction of a point: two calls
    on one figure object need not give the same bytes.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure, drawn.
    fmt : {"png", "svg", "pdf"}, default "png"
        The file format.
    dpi : int, default 300
        Dots per inch of the raster image (of raster parts only, in SVG and
        PDF); at least 72.

    Returns
    -------
    bytes
        The file's content, without the software, date or creator metadata.

    Raises
    ------
    ParameterError
        When ``fmt`` is not one of the three or ``dpi`` is not an int >= 72.

    Examples
    --------
    >>> def drawn():
    ...     fig, (ax,) = new_figure(COLUMN, 2.0)
    ...     _ = ax.plot([2001, 2002, 2003], [1.0, 3.0, 2.0])
    ...     return fig
    >>> figure_bytes(drawn())[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    >>> figure_bytes(drawn(), "svg") == figure_bytes(drawn(), "svg")
    True
    """
    check_choice(fmt, "fmt", owner="figure_bytes", choices=tuple(_FORMATS))
    check_int(dpi, "dpi", owner="figure_bytes", low=72)
    buffer = io.BytesIO()
    with matplotlib.rc_context(cast(Any, STYLE)):
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_FORMATS[fmt])
    return buffer.getvalue()


def _visible_texts(fig: Figure) -> list:
    """Every Text artist of a drawn figure a reader sees: visible, non-empty, tick labels only inside the axes' view."""
    from matplotlib.text import Text

    ticks: set[int] = set()
    shown: list = []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            slack = 1e-9 * max(1.0, abs(hi - lo))
            for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]:
                labels = (tick.label1, tick.label2)
                ticks.update(id(t) for t in labels)
                if ax.get_visible() and lo - slack <= tick.get_loc() <= hi + slack:
                    shown += [t for t in labels if t.get_visible()]
    for text in fig.findobj(Text):
        if id(text) in ticks or not text.get_visible() or (text.axes is not None and not text.axes.get_visible()):
            continue
        shown.append(text)
    return [t for t in shown if t.get_text().strip() and t.get_alpha() != 0]


def _corners(text) -> np.ndarray:
    """The four corners, in display pixels, of the rectangle a (possibly rotated) text covers.

    Only the text: an annotation's leader line is not part of it.
    """
    from matplotlib.text import Text

    box = Text.get_window_extent(text)
    angle = np.deg2rad(text.get_rotation() % 180)
    if np.isclose(np.sin(angle), 0) or np.isclose(np.cos(angle), 0):
        return np.array([[box.x0, box.y0], [box.x1, box.y0], [box.x1, box.y1], [box.x0, box.y1]])
    rotation = text.get_rotation()
    text.set_rotation(0)
    flat = Text.get_window_extent(text)
    text.set_rotation(rotation)
    w, h = flat.width / 2, flat.height / 2
    c, s = np.cos(angle), np.sin(angle)
    centre = np.array([(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2])
    local = np.array([[-w, -h], [w, -h], [w, h], [-w, h]])
    return centre + local @ np.array([[c, s], [-s, c]])


def _overlap(a: np.ndarray, b: np.ndarray, slack: float = 0.5) -> bool:
    """Whether two convex quadrilaterals overlap by more than ``slack`` pixels (separating axis test)."""
    for poly in (a, b):
        for k in range(4):
            edge = poly[(k + 1) % 4] - poly[k]
            axis = np.array([-edge[1], edge[0]])
            norm = np.hypot(*axis)
            if norm == 0:
                continue
            axis = axis / norm
            pa, pb = a @ axis, b @ axis
            if pa.max() - slack <= pb.min() or pb.max() - slack <= pa.min():
                return False
    return True


def legibility_problems(fig: Figure) -> list[str]:
    """What a reader could not read in a drawn figure: texts that overlap, and texts that leave the canvas.

    Every visible text artist counts (titles, labels, tick labels,
    annotations, legends), rotated ones by the rectangle they really cover;
    a legend drawn over the bars or points of its axes counts too. Returns
    one line per problem; an empty list is a legible figure.

    The figure is laid out (drawn without rendering) first. Tick labels
    count only when their tick is inside the axis's view; a text may pass
    the canvas's edge by 1 pixel, and two texts may overlap by half a pixel.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to check.

    Returns
    -------
    list of str
        ``"outside the figure: 'TEXT'"``, ``"a legend covers the bars:
        [...]"``, ``"a legend covers points: [...]"`` and ``"overlapping
        texts: 'A' and 'B'"``, in that order.

    Examples
    --------
    >>> fig, (ax,) = new_figure(COLUMN, 2.0)
    >>> legibility_problems(fig)
    []
    >>> _ = ax.text(0.5, 0.5, "first"), ax.text(0.5, 0.5, "second")
    >>> legibility_problems(fig)
    ["overlapping texts: 'first' and 'second'"]
    """
    fig.draw_without_rendering()
    canvas = fig.bbox
    texts = _visible_texts(fig)
    corners = [_corners(t) for t in texts]
    problems = []
    for text, box in zip(texts, corners):
        if box[:, 0].min() < canvas.x0 - 1 or box[:, 0].max() > canvas.x1 + 1 or \
                box[:, 1].min() < canvas.y0 - 1 or box[:, 1].max() > canvas.y1 + 1:
            problems.append(f"outside the figure: {text.get_text()!r}")
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is None or not legend.get_visible():
            continue
        area = legend.get_window_extent()
        if any(area.overlaps(patch.get_window_extent()) for patch in ax.patches if patch.get_visible()):
            problems.append(f"a legend covers the bars: {[t.get_text() for t in legend.get_texts()]}")
        for collection in ax.collections:
            offsets = np.asarray(collection.get_offsets())
            if offsets.size and collection.get_visible():
                points = collection.get_offset_transform().transform(offsets)
                if ((points[:, 0] >= area.x0) & (points[:, 0] <= area.x1) & (points[:, 1] >= area.y0)
                        & (points[:, 1] <= area.y1)).any():
                    problems.append(f"a legend covers points: {[t.get_text() for t in legend.get_texts()]}")
    lows, highs = np.array([c.min(axis=0) for c in corners]) if corners else np.empty((0, 2)), \
        np.array([c.max(axis=0) for c in corners]) if corners else np.empty((0, 2))
    for i in range(len(texts)):
        near = np.flatnonzero((lows[i + 1:, 0] < highs[i, 0]) & (highs[i + 1:, 0] > lows[i, 0])
                              & (lows[i + 1:, 1] < highs[i, 1]) & (highs[i + 1:, 1] > lows[i, 1])) + i + 1
        for j in near.tolist():
            if _overlap(corners[i], corners[j]):
                problems.append(f"overlapping texts: {texts[i].get_text()!r} and {texts[j].get_text()!r}")
    return problems


def fit_to_canvas(fig: Figure) -> Figure:
    """Wrap, then shrink, any title or axis label that runs off the canvas; returns the figure.

    The figure's titles (``suptitle``, ``supxlabel``), the axes' titles and
    axis labels are measured once the figure is laid out; one that runs past
    an edge is wrapped to the width available, and if it still does not fit,
    its type is made smaller (down to 5 points).

    Each text gets up to eight tries: it is wrapped while the width
    available holds at least 12 characters, else its type is made 10%
    smaller. A vertical label may use the figure's height. Other texts
    (tick labels, annotations, legends) are not touched:
    :func:`legibility_problems` finds them.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure, changed in place.

    Returns
    -------
    matplotlib.figure.Figure
        ``fig`` itself.

    Examples
    --------
    >>> fig, (ax,) = new_figure(COLUMN, 2.0)
    >>> _ = ax.set_title("A title much too long to fit on one line of a figure one journal column wide")
    >>> legibility_problems(fig)  # doctest: +ELLIPSIS
    ["outside the figure: 'A title much too long ..."]
    >>> legibility_problems(fit_to_canvas(fig)), "\\n" in ax.get_title()
    ([], True)
    """
    with matplotlib.rc_context(cast(Any, STYLE)):
        fig.draw_without_rendering()
        candidates = [t for t in (getattr(fig, "_suptitle", None), getattr(fig, "_supxlabel", None)) if t]
        for ax in fig.axes:
            candidates += [getattr(ax, name) for name in ("title", "_left_title", "_right_title")]
            candidates += [ax.xaxis.label, ax.yaxis.label]
        for text in candidates:
            if not text.get_text().strip():
                continue
            for _ in range(8):
                box = text.get_window_extent()
                if box.x0 >= fig.bbox.x0 - 0.5 and box.x1 <= fig.bbox.x1 + 0.5 and box.y0 >= fig.bbox.y0 - 0.5 \
                        and box.y1 <= fig.bbox.y1 + 0.5:
                    break
                lines = text.get_text().split("\n")
                longest = max(len(line) for line in lines)
                horizontal = text.get_rotation() % 180 == 0
                room = (fig.bbox.x1 - max(box.x0, fig.bbox.x0)) if horizontal else fig.bbox.height
                span = box.width if horizontal else box.height
                width = int(longest * room / max(span, 1) * 0.95)
                if width >= 12 and width < longest:
                    text.set_text("\n".join(textwrap.wrap(" ".join(lines), width)))
                elif text.get_fontsize() > 5:
                    text.set_fontsize(max(5, text.get_fontsize() * 0.9))
                else:
                    break
                fig.draw_without_rendering()
    return fig


def _root(ax: Axes) -> Figure:
    """The top-level Figure an Axes is drawn on (through any SubFigure)."""
    fig = ax.figure
    while not isinstance(fig, Figure):
        fig = fig.figure
    return fig


def _require(table: pd.DataFrame, columns, owner: str, name: str = "table") -> None:
    check_table(table, name, owner=owner, columns=columns)
    check_parameter(table, name, owner=owner, ok=not table.empty, expected="a table with rows to plot",
                    got="an empty table")


def _axes(ax: Axes | None, width: float, height: float) -> Axes:
    if ax is not None:
        return ax
    return new_figure(width, min(height, MAX_HEIGHT))[1][0]


def _short(text, limit: int = LABEL_CHARACTERS) -> str:
    """A label cut to ``limit`` characters, with an ellipsis."""
    text = str(text)
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"


def _mark_unresolved(labels) -> None:
    """Tick labels of the pooled unresolved group in grey italics, so that it does not read as an actor."""
    for label in labels:
        if label.get_text().split(" (")[0] == UNRESOLVED:
            label.set_color("#666666")
            label.set_fontstyle("italic")


def _rows_finished(ax: Axes, note: str | None) -> Axes:
    """The last touches of a figure of rows: vertical grid lines behind, no y ticks, the note under it."""
    ax.xaxis.grid(True)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)
    _note(ax, note)
    return ax


def _note(ax: Axes, note: str | None) -> None:
    """A footnote under the figure (what the figure leaves out)."""
    if note:
        _root(ax).supxlabel(note, x=0.01, ha="left", fontsize=6.5, color="#444444")


def _ordered(values: pd.Series) -> list:
    """Distinct values in order of first appearance: the table's order is the plot's order."""
    return list(dict.fromkeys(values.tolist()))


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


@_styled
def plot_formula_heatmap(counts: pd.DataFrame, *, row: str = "actor", column: str = "family",
                         value: str = "n_matches", column_labels: str | None = None, ax: Axes | None = None,
                         note: str | None = None) -> Axes:
    """Heatmap of ``value`` for each (row, column) pair, e.g. hits per actor and formula family.

    Rows and columns appear in the order they first occur in ``counts``; each non-zero cell is annotated with its
    value. The pooled ``unresolved`` row is labelled in grey italics; ``note`` is written under the figure (how many
    actors the table leaves out).

    Parameters
    ----------
    counts : pandas.DataFrame
        One row per (row, column) pair, such as :func:`toolkit.report.tables.heatmap_table`; a pair given twice is
        summed, a pair not given is a blank cell.
    row, column : str, default "actor" and "family"
        The columns whose values make the rows (cut to :data:`LABEL_CHARACTERS` characters) and the columns.
    value : str, default "n_matches"
        The column of the values; the colour scale runs from 0 to the largest (at least 1).
    column_labels : str, optional
        A column naming each of ``column``'s values (``"label"``), written slanted; by default the values.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; by default those of a new figure (the page's width, taller with more rows).
    note : str, optional
        A footnote under the figure.

    Returns
    -------
    matplotlib.axes.Axes
        The matrix's axes, with a colour bar labelled ``hits`` (for ``n_matches``, else the value column's name);
        the x axis is labelled "formula family" whatever ``column`` is.

    Raises
    ------
    ParameterError
        When ``counts`` is not a DataFrame, lacks a column named here or has no rows (the message says ``table``).

    Examples
    --------
    >>> counts = pd.DataFrame({"actor": ["Chad", "Chad", "Norway"], "family": ["a", "b", "a"], "n_matches": [1, 2, 1]})
    >>> ax = plot_formula_heatmap(counts)
    >>> [t.get_text() for t in ax.get_yticklabels()], [t.get_text() for t in ax.texts]
    (['Chad', 'Norway'], ['1', '2', '1'])
    """
    _require(counts, [row, column, value] + ([column_labels] if column_labels else []), "plot_formula_heatmap",
             "counts")
    rows, cols = _ordered(counts[row]), _ordered(counts[column])
    grid = counts.pivot_table(index=row, columns=column, values=value, aggfunc="sum", sort=False).reindex(
        index=rows, columns=cols)
    longest = max((len(str(n)) for n in (counts[column_labels] if column_labels else cols)), default=0)
    ax = _axes(ax, PAGE, 1.2 + 0.2 * len(rows) + 0.055 * longest)  # room for the slanted family names
    data = grid.to_numpy(dtype=float)
    top = np.nanmax(data) if np.isfinite(data).any() else 1.0
    image = ax.imshow(data, aspect="auto", cmap=SEQUENTIAL, vmin=0, vmax=max(top, 1), interpolation="nearest")
    names = cols
    if column_labels:
        labels = dict(zip(counts[column], counts[column_labels]))
        names = [labels[c] for c in cols]
    ax.set_xticks(range(len(cols)), [_short(n, 2 * LABEL_CHARACTERS) for n in names], rotation=50, ha="right",
                  rotation_mode="anchor")  # slanted: room for longer names
    ax.set_yticks(range(len(rows)), [_short(r) for r in rows])
    _mark_unresolved(ax.get_yticklabels())
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    for (i, j), v in np.ndenumerate(data):
        if np.isfinite(v) and v:
            ax.text(j, i, f"{v:g}", ha="center", va="center", fontsize=6,
                    color="black" if v > 0.6 * top else "white")
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    bar.set_label("hits" if value == "n_matches" else value)
    bar.outline.set_visible(False)
    if counts[value].dtype.kind in "iu":
        bar.ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.set_xlabel("formula family")
    ax.set_ylabel(row.replace("_", " "))
    _note(ax, note)
    return ax


@_styled
def plot_formula_bars(table: pd.DataFrame, *, label: str = "actor", value: str = "n_matches",
                      share: str = "lexicon_share", ax: Axes | None = None, note: str | None = None) -> Axes:
    """Horizontal bars of formula hits per actor, in the table's order, each annotated with its formulaicity.

    ``share`` (a fraction of the actor's tokens) is written at the end of
    each bar, so that the order of the bars (the table's) can be read off;
    ``note`` is written under the figure.

    Shares are written as percentages, with one decimal when all are below
    10%, and as ``n/a`` when missing. The title and the x axis's label are
    fixed: they speak of formulaicity and of the default lexicon.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per bar, top first, such as :func:`toolkit.report.tables.formulaicity_table`.
    label : str, default "actor"
        The column naming each bar (cut to :data:`LABEL_CHARACTERS`
        characters; ``unresolved`` in grey italics).
    value : str, default "n_matches"
        The column of the bars' lengths.
    share : str, default "lexicon_share"
        The column of the fractions written at the bars' ends.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; by default those of a new figure (:data:`COLUMN` x 1.6 wide, taller with more rows).
    note : str, optional
        A footnote under the figure.

    Returns
    -------
    matplotlib.axes.Axes
        The bars' axes.

    Raises
    ------
    ParameterError
        When ``table`` is not a DataFrame, lacks a column named here, or has
        no rows.

    Examples
    --------
    >>> table = pd.DataFrame({"actor": ["Norway", "Chad", "unresolved"], "n_matches": [3, 1, 2],
    ...                       "lexicon_share": [0.2, 0.05, 0.01]})
    >>> ax = plot_formula_bars(table)
    >>> [t.get_text() for t in ax.get_yticklabels()], [t.get_text().strip() for t in ax.texts]
    (['Norway', 'Chad', 'unresolved'], ['20%', '5%', '1%'])
    """
    _require(table, [label, value, share], "plot_formula_bars")
    ax = _axes(ax, COLUMN * 1.6, 0.8 + 0.18 * len(table))
    y = np.arange(len(table))
    values = table[value].to_numpy(dtype=float)
    ax.barh(y, values, color=PALETTE[0], height=0.7)
    ax.set_yticks(y, [_short(t) for t in table[label]])
    _mark_unresolved(ax.get_yticklabels())
    ax.invert_yaxis()
    ax.set_xlim(0, max(values.max(), 1) * 1.25)
    shares = table[share].to_numpy(dtype=float)
    digits = 1 if np.nanmax(shares, initial=0) < 0.1 else 0  # small shares all read "1%" without a decimal
    for k, (v, s) in enumerate(zip(values, shares)):
        text = "n/a" if pd.isna(s) else f"{100 * s:.{digits}f}%"
        ax.text(v, k, f" {text}", va="center", ha="left", fontsize=6.5, color="#333333")
    ax.set_xlabel("formula hits (default lexicon)")
    ax.set_title("Formula hits per actor, ordered by formulaicity\n(% = share of the actor's words inside formulae)",
                 loc="left")
    ax.xaxis.grid(True)
    ax.set_axisbelow(True)
    _note(ax, note)
    return ax


@_styled
def plot_similarity_matrix(similarity: pd.DataFrame, *, linkage: np.ndarray | None = None,
                           labels: list[str] | None = None, ax: Axes | None = None,
                           dendrogram_ax: Axes | None = None, clusters: list | None = None,
                           unit: str = "statements") -> Axes:
    """Statement (or actor) x statement similarity, in the table's order; with ``linkage``, the dendrogram above it.

    Pass the matrix in the clustering's order (:meth:`toolkit.analysis.cluster.Clustering.leaf_order`: by
    cluster, or the dendrogram's leaves for Ward, whose ``linkage`` draws the dendrogram; the linkage is checked
    to have one leaf per row, not that its leaves come in the matrix's order). Up to :data:`MATRIX_LABELS_MAX`
    rows, every row and column is labelled; above, the rows are too thin to name, and with ``clusters`` (each
    row's cluster, in order) the clusters are marked instead: a line between two clusters and the cluster's
    number beside its block, when the block is tall enough for it (the lines are drawn at any size); ``unit``
    names the rows in the axis label ("statements", "actors").

    Parameters
    ----------
    similarity : pandas.DataFrame
        A square matrix whose index and columns are the same, in the same
        order (:func:`toolkit.report.tables.similarity_table` without its
        label columns, indexed by id). The colour scale runs from 0 (or the
        lowest value, if negative) to 1.
    linkage : numpy.ndarray, optional
        A :mod:`scipy.cluster.hierarchy` linkage of the rows, drawn as a
        dendrogram above the matrix.
    labels : list of str, optional
        One name per row (cut to :data:`LABEL_CHARACTERS` characters); by
        default the index.
    ax : matplotlib.axes.Axes, optional
        The axes to draw the matrix on; by default those of a new figure,
        with the dendrogram's axes above when ``linkage`` is given.
    dendrogram_ax : matplotlib.axes.Axes, optional
        With ``ax`` given, where to draw the dendrogram; without it, none is
        drawn.
    clusters : list, optional
        Each row's cluster, in order.
    unit : str, default "statements"
        What the rows are, for the axis label of a large matrix.

    Returns
    -------
    matplotlib.axes.Axes
        The matrix's axes, with a colour bar labelled "cosine similarity".

    Raises
    ------
    ParameterError
        When ``similarity`` is not a non-empty square DataFrame with the same
        index and columns, ``labels`` or ``clusters`` has not one item per
        row, or ``linkage`` has another number of leaves.

    Examples
    --------
    >>> names = ["NOR 1", "SWE 1", "TCD 1"]
    >>> similarity = pd.DataFrame([[1.0, 0.8, 0.1], [0.8, 1.0, 0.2], [0.1, 0.2, 1.0]], index=names, columns=names)
    >>> ax = plot_similarity_matrix(similarity, clusters=[0, 0, 1])
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['NOR 1', 'SWE 1', 'TCD 1']
    """
    owner = "plot_similarity_matrix"
    square = "a non-empty square DataFrame whose rows and columns are the same statements in the same order"
    check_type(similarity, "similarity", owner=owner, types=pd.DataFrame, expected=square)
    check_parameter(similarity, "similarity", owner=owner, expected=square, got="another table",
                    ok=not similarity.empty and list(similarity.index) == list(similarity.columns))
    n = len(similarity)
    labels = list(similarity.index) if labels is None else list(labels)
    check_parameter(labels, "labels", owner=owner, ok=len(labels) == n, expected=f"one label per row ({n})",
                    got=f"{len(labels)} labels")
    if ax is None:
        fig, axes = new_figure(COLUMN * 1.8, COLUMN * 2.1, rows=2 if linkage is not None else 1,
                               height_ratios=[1, 4] if linkage is not None else None)
        dendrogram_ax, ax = (axes[0], axes[1]) if linkage is not None else (None, axes[0])
    check_parameter(clusters, "clusters", owner=owner, ok=clusters is None or len(clusters) == n,
                    expected=f"one cluster per row ({n}) or None",
                    got=f"{0 if clusters is None else len(clusters)} clusters")
    image = ax.imshow(similarity.to_numpy(dtype=float), cmap=SEQUENTIAL, vmin=min(0.0, similarity.min().min()),
                      vmax=1, interpolation="nearest", aspect="auto")
    starts = []
    if clusters is not None:  # a white line between two clusters
        values = list(clusters)
        starts = [k for k in range(n) if k == 0 or values[k] != values[k - 1]]
        for k in starts[1:]:
            ax.axhline(k - 0.5, color="white", linewidth=0.6)
            ax.axvline(k - 0.5, color="white", linewidth=0.6)
    if n <= MATRIX_LABELS_MAX:
        ax.set_xticks(range(n), [_short(t) for t in labels], rotation=90, fontsize=5.5)
        ax.set_yticks(range(n), [_short(t) for t in labels], fontsize=5.5)
        _mark_unresolved([*ax.get_xticklabels(), *ax.get_yticklabels()])
    else:
        ax.set_xticks([])
        ax.set_yticks([])
        if clusters is not None:
            centres = [(a + b - 1) / 2 for a, b in zip(starts, [*starts[1:], n])]
            names = [f"cluster {values[a]}" for a in starts]
            sizes = [b - a for a, b in zip(starts, [*starts[1:], n])]
            # name the blocks big enough to hold a line of text (about 1.5% of the rows each), the rest stay lines
            room = max(1.0, 0.015 * n)
            shown = [(c, t) for c, t, size in zip(centres, names, sizes) if size >= room]
            ax.set_yticks([c for c, _ in shown], [t for _, t in shown], fontsize=6)
        ax.set_xlabel(f"{n} {unit}, cluster by cluster (too many to name)")
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    # With a dendrogram, both axes share the colour bar so that they keep the same width and the leaves line up.
    bar = ax.figure.colorbar(image, ax=[dendrogram_ax, ax] if linkage is not None and dendrogram_ax is not None
                             else ax, fraction=0.04, pad=0.02)
    bar.set_label("cosine similarity")
    bar.outline.set_visible(False)
    if linkage is not None and dendrogram_ax is not None:
        from scipy.cluster.hierarchy import dendrogram

        tree = dendrogram(linkage, ax=dendrogram_ax, no_labels=True, color_threshold=0,
                          above_threshold_color="#555555")
        check_parameter(linkage, "linkage", owner=owner, ok=len(tree["leaves"]) == n,
                        expected=f"a linkage of the {n} rows", got=f"a linkage of {len(tree['leaves'])} leaves")
        # scipy draws leaf k at x = 10k + 5; stretch the axis so leaves sit over the matrix columns.
        dendrogram_ax.set_xlim(0, 10 * n)
        dendrogram_ax.set_ylabel("Ward distance")
        dendrogram_ax.spines["bottom"].set_visible(False)
        dendrogram_ax.tick_params(axis="x", length=0)
        dendrogram_ax.set_title("Statements ordered by the clustering (dendrogram) and their similarity", loc="left")
    return ax


def _place_labels(ax: Axes, xs, ys, texts, *, fontsize: float = 6, rings: int = 15) -> int:
    """Label points without overlaps: each label takes the first free spot on growing rings around its point.

    Labels placed away from their point get a thin leader line; a label
    with no free spot inside the axes within ``rings`` rings is left out.
    Returns how many were left out.
    """
    fig = _root(ax)
    fig.draw_without_rendering()
    placed = ax.transData.transform(np.column_stack([xs, ys])) if len(xs) else np.empty((0, 2))
    frame = ax.get_window_extent()
    taken = [(px - 3, py - 3, px + 3, py + 3) for px, py in placed]  # the markers are obstacles too
    directions = [(1, 0), (1, 1), (1, -1), (0, 1), (0, -1), (-1, 0), (-1, 1), (-1, -1)]
    points = 72 / fig.dpi
    missed = 0
    for x, y, text, (px, py) in zip(xs, ys, texts, placed):
        if text is None:
            continue
        probe = ax.text(0, 0, text, fontsize=fontsize)
        extent = probe.get_window_extent()
        probe.remove()
        width, height = extent.width, extent.height
        choice = None
        for ring in range(1, rings + 1):
            for dx, dy in directions:
                cx, cy = px + dx * (4 + (ring - 1) * 7), py + dy * (ring - 1) * 6
                x0 = cx if dx > 0 else (cx - width if dx < 0 else cx - width / 2)
                y0 = cy - height / 2 + (dy * height / 2 if dx == 0 else 0)
                candidate = (x0, y0, x0 + width, y0 + height)
                inside = (candidate[0] >= frame.x0 and candidate[2] <= frame.x1 and candidate[1] >= frame.y0
                          and candidate[3] <= frame.y1)
                if inside and all(candidate[2] < t[0] or candidate[0] > t[2] or candidate[3] < t[1]
                                  or candidate[1] > t[3] for t in taken):
                    choice = (ring, candidate)
                    break
            if choice:
                break
        if choice is None:
            missed += 1
            continue
        ring, box = choice
        taken.append(box)
        arrow = {"arrowstyle": "-", "color": "#999999", "lw": 0.4, "shrinkA": 0, "shrinkB": 2} if ring > 1 else None
        ax.annotate(text, (x, y), xytext=((box[0] - px) * points, (box[1] + height / 2 - py) * points),
                    textcoords="offset points", fontsize=fontsize, ha="left", va="center", arrowprops=arrow,
                    annotation_clip=False)
    return missed


@_styled
def plot_statement_map(table: pd.DataFrame, *, x: str = "x", y: str = "y", group: str = "cluster",
                       label: str = "label", ax: Axes | None = None, x_label: str | None = None,
                       y_label: str | None = None, size: str | None = None, labelled: str | None = None,
                       note: str | None = None, title: str | None = None) -> Axes:
    """Statements (or actors) as points on a 2-D map, coloured by ``group`` (the cluster), labelled.

    The axes are labelled as principal components, with the share of
    variance each explains when the table carries it in
    ``attrs["explained_variance"]`` (as :meth:`toolkit.analysis.cluster.Clustering.map` gives it).
    With ``size`` (a count column, such as the number of statements of an
    actor), the area of each point grows with it; with ``labelled`` (a
    boolean column), only those points are named. A label that finds no
    free spot is left out, and the figure says how many were; ``note`` is
    written under the figure too. ``title`` goes over the whole figure.

    Labels are placed once the figure is laid out, and the layout is then
    frozen (a new Figure only: with ``ax`` given, the caller owns the
    layout), so that nothing added later moves the points under their labels.

    Groups are drawn in sorted order, each in a colour of :data:`PALETTE`
    (then in another marker shape when there are more groups than colours);
    the group ``-1`` (HDBSCAN's noise) is grey and named "noise". Above
    :data:`MAP_CROWDED` points the figure is larger and labels stay close to
    their points.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per point, such as :func:`toolkit.report.tables.map_table`.
    x, y : str, default "x" and "y"
        The columns of the coordinates.
    group : str, default "cluster"
        The column of each point's group (integers), also the legend's title.
    label : str, default "label"
        The column naming each point.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; by default those of a new figure (80% of the page's width, or all of it when crowded).
    x_label, y_label : str, optional
        The axes' labels; by default "first principal component" and
        "second principal component", with their shares of variance.
    size : str, optional
        A column of counts: each point's area grows with the square root of
        its count. By default all points are the same size.
    labelled : str, optional
        A boolean column: only the points where it is true are named. By
        default every point is.
    note : str, optional
        A footnote under the figure.
    title : str, optional
        A title over the whole figure.

    Returns
    -------
    matplotlib.axes.Axes
        The map's axes, with the legend to the right.

    Raises
    ------
    ParameterError
        When ``table`` is not a DataFrame, lacks a column named here, or has
        no rows.

    Examples
    --------
    >>> points = pd.DataFrame({"x": [0.6, 0.7, -0.6], "y": [0.3, -0.3, 0.0], "cluster": [0, 0, 1],
    ...                        "label": ["NOR 1", "SWE 1", "TCD 1"]})
    >>> ax = plot_statement_map(points)
    >>> sorted(t.get_text() for t in ax.texts), [t.get_text() for t in ax.get_legend().get_texts()]
    (['NOR 1', 'SWE 1', 'TCD 1'], ['cluster 0', 'cluster 1'])
    """
    _require(table, [x, y, group, label] + [c for c in (size, labelled) if c], "plot_statement_map")
    owned = ax is None
    crowded = len(table) > MAP_CROWDED
    ax = _axes(ax, PAGE, 6.0) if crowded else _axes(ax, PAGE * 0.8, 4.2)
    if title:
        _root(ax).suptitle(title, x=0.01, ha="left", fontsize=9)
    if owned:  # room for the note under the figure, whose text is known only once the labels are placed
        _root(ax).supxlabel("\u00a0", x=0.01, ha="left", fontsize=6.5, color="#444444")
    groups = sorted(table[group].unique().tolist())
    areas = np.full(len(table), 18.0)
    if size:
        counts = table[size].to_numpy(float)
        areas = 12.0 + 60.0 * np.sqrt(counts / max(counts.max(), 1.0))
    for k, g in enumerate(groups):
        inside = (table[group] == g).to_numpy()
        part = table[inside]
        color = OTHER if g == -1 else PALETTE[k % len(PALETTE)]
        marker = _MARKERS[(k // len(PALETTE)) % len(_MARKERS)]  # more clusters than colours: another shape
        ax.scatter(part[x], part[y], s=areas[inside], color=color, edgecolor="white", linewidth=0.4, marker=marker,
                   label="noise" if g == -1 else f"cluster {g}", zorder=3)
    pad_x = 0.12 * (table[x].max() - table[x].min() or 1)
    pad_y = 0.12 * (table[y].max() - table[y].min() or 1)
    ax.set_xlim(table[x].min() - pad_x, table[x].max() + pad_x * 2.5)
    ax.set_ylim(table[y].min() - pad_y, table[y].max() + pad_y)
    variance = table.attrs.get("explained_variance")
    for setter, text, k, name in ((ax.set_xlabel, x_label, 0, "first"), (ax.set_ylabel, y_label, 1, "second")):
        share = f" ({100 * variance[k]:.0f}% of variance)" if variance is not None and len(variance) > k else ""
        setter(text if text is not None else f"{name} principal component{share}")
    legend = ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), title=group)
    for handle in legend.legend_handles:
        if handle is not None and hasattr(handle, "set_sizes"):
            cast(Any, handle).set_sizes([18.0])  # one size in the key, whatever the points' sizes
    names = [str(t) if (not labelled or flag) else None
             for t, flag in zip(table[label], table[labelled] if labelled else [True] * len(table))]
    fig = _root(ax)
    fig.draw_without_rendering()
    if owned:
        fig.set_layout_engine("none")  # the positions the labels are placed for are the ones saved
    # among many points a far label is harder to follow than none: keep labels close to their points
    missed = _place_labels(ax, table[x].to_numpy(float), table[y].to_numpy(float), names,
                           rings=4 if crowded else 15)
    notes = [note] if note else []
    if missed:
        notes.append(f"{missed} of {sum(n is not None for n in names)} labels left out for lack of room.")
    if notes:
        _note(ax, " ".join(notes))
    return ax


@_styled
def plot_dispersion(hits: pd.DataFrame, *, row: str = "family", position: str = "doc_start",
                    length: str | None = "doc_length", row_labels: str | None = None, color: str | None = None,
                    color_labels: str | None = None, ax: Axes | None = None, note: str | None = None) -> Axes:
    """A dispersion ("x-ray") plot: one row per formula family (or per document), one tick per hit at its place.

    With ``length``, ``position`` and ``length`` are character offsets into the document, and the x axis runs
    from the first character of the text to its last; without, ``position`` is a fraction of the document (0 to
    1), as for one row per document. With ``color`` (a column such as the family), ticks are coloured by it: the
    most frequent values get the palette's colours, the rest grey as "other", with a legend (``color_labels``
    names them). Rows come in the order they first occur in ``hits``; with more values of ``color`` than colours
    in :data:`PALETTE`, the eight most frequent (then by name) get a colour.

    Parameters
    ----------
    hits : pandas.DataFrame
        One row per hit, such as :func:`toolkit.report.tables.dispersion_table`.
    row : str, default "family"
        The column whose values make the rows.
    position : str, default "doc_start"
        The column of each hit's place: a character offset with ``length``, a fraction of the document without.
    length : str or None, default "doc_length"
        The column of the documents' lengths in characters (the x axis runs to the largest); None for fractions.
    row_labels : str, optional
        A column naming each row (cut to :data:`LABEL_CHARACTERS` characters); by default the row values.
    color, color_labels : str, optional
        A column to colour the ticks by, and one naming its values in the legend.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; by default those of a new figure (the page's width, taller with more rows).
    note : str, optional
        A footnote under the figure.

    Returns
    -------
    matplotlib.axes.Axes
        The plot's axes.

    Raises
    ------
    ParameterError
        When ``hits`` is not a DataFrame, lacks a column named here or has no rows (the message says ``table``).

    Examples
    --------
    >>> hits = pd.DataFrame({"family": ["all_forms"] * 2, "doc_start": [10, 41], "doc_length": [58, 58]})
    >>> ax = plot_dispersion(hits)
    >>> [t.get_text() for t in ax.get_yticklabels()], [float(v) for v in ax.get_xlim()]
    (['all_forms'], [0.0, 58.0])
    """
    _require(hits, [row, position] + [c for c in (length, row_labels, color, color_labels) if c], "plot_dispersion",
             "hits")
    rows = _ordered(hits[row])
    names = dict(zip(hits[row], hits[row_labels])) if row_labels else {r: r for r in rows}
    ax = _axes(ax, PAGE, 0.7 + 0.22 * len(rows))
    index = {r: k for k, r in enumerate(rows)}
    ys = hits[row].map(index).to_numpy()
    xs = hits[position].to_numpy(float)
    if color:
        counts = hits[color].value_counts()
        ranked = sorted(counts.index, key=lambda v: (-counts[v], str(v)))
        top = ranked[:len(PALETTE) - 1] if len(ranked) > len(PALETTE) else ranked
        legend = dict(zip(hits[color], hits[color_labels])) if color_labels else {v: v for v in ranked}
        for k, value in enumerate([*top, None] if len(top) < len(ranked) else top):
            inside = (~hits[color].isin(top)).to_numpy() if value is None else (hits[color] == value).to_numpy()
            ax.vlines(xs[inside], ys[inside] - 0.35, ys[inside] + 0.35, linewidth=1.0,
                      color=OTHER if value is None else PALETTE[k], label="other" if value is None
                      else _short(legend[value], 30))
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), title=color.replace("_", " "))
    else:
        ax.vlines(xs, ys - 0.35, ys + 0.35, color=PALETTE[0], linewidth=1.0)
    ax.set_yticks(range(len(rows)), [_short(names[r]) for r in rows])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    if length:
        ax.set_xlim(0, float(hits[length].max()))
        ax.set_xlabel("position in the text (characters from the start)")
    else:
        ax.set_xlim(0, 1)
        ax.set_xlabel("position in the document (0: its start, 1: its end)")
    return _rows_finished(ax, note)


@_styled
def plot_formula_rates(rates: pd.DataFrame, *, x: str = "year", group: str | None = None,
                       value: str = "rate_per_1000000", context: str | None = "n_statements",
                       group_labels: str | None = "label", ax: Axes | None = None,
                       context_label: str = "speeches") -> Axes:
    """Rates per year, one panel per family or per actor (small multiples), with the number of texts per year below.

    A table by family (:func:`toolkit.report.tables.rates_table`) gives one panel per family, titled by its label. A
    table of chosen actors (``rates_table(..., actors=[...])``, with an ``actor`` column) gives one panel per actor,
    titled by its name, with one line per family in each (a legend names them when there are several, else the
    family's label heads the figure). With ``ax`` given, every panel's lines are drawn on that one axes, with a
    legend, and the context panel is left out. Panels come in the order their groups first occur in ``rates``. Each
    panel's y axis starts at zero; a panel without hits is drawn at a zero baseline, with the note "no hits", and no
    other tick. The unit of the y axis comes from ``value``'s name (``rate_per_1000000``: per million words). The
    figure is the page's width and 0.95 inches taller per panel.

    Parameters
    ----------
    rates : pandas.DataFrame
        One row per family (and actor) and year, such as :func:`toolkit.report.tables.rates_table`.
    x : str, default "year"
        The column of the x axis.
    group : str, optional
        The column whose values make the panels (or the lines on ``ax``): by default ``"actor"`` when the table
        has that column, else ``"family"``.
    value : str, default "rate_per_1000000"
        The column of the rates, named ``rate_per_<N>``.
    context : str or None, default "n_statements"
        The column of the texts per year, drawn as bars in a last panel: each year's texts counted once (a table
        has them on every family's row), summed over the actors of a table with an ``actor`` column, so that the
        bars count the texts of the actors shown. None: no panel.
    group_labels : str or None, default "label"
        The column naming each family; None to use the family values.
    ax : matplotlib.axes.Axes, optional
        Draw every line on these axes, with a legend, instead of a new figure of panels.
    context_label : str, default "speeches"
        What the texts are, for the context panel's labels.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax`` when given; else the first panel (all the panels are ``ax.figure.axes``).

    Raises
    ------
    ParameterError
        When ``rates`` is not a DataFrame, lacks a column named here or has no rows (the message says ``table``).

    Examples
    --------
    >>> rates = pd.DataFrame({"year": [2001, 2002, 2001, 2002], "family": ["a", "a", "b", "b"],
    ...                       "label": ["Condemnation", "Condemnation", "All its forms", "All its forms"],
    ...                       "rate_per_1000000": [10.0, 20.0, 5.0, 0.0], "n_statements": [3, 4, 3, 4]})
    >>> ax = plot_formula_rates(rates)
    >>> [panel.get_title(loc="left") for panel in ax.figure.axes]
    ['Condemnation', 'All its forms', 'Number of speeches per year']
    >>> chosen = pd.DataFrame({"year": [2001, 2002, 2001], "family": ["b"] * 3, "label": ["All its forms"] * 3,
    ...                        "actor": ["Chad", "Chad", "Peru"], "rate_per_1000000": [5.0, 0.0, 0.0],
    ...                        "n_statements": [1, 1, 1]})
    >>> ax = plot_formula_rates(chosen)
    >>> [(panel.get_title(loc="left"), [t.get_text() for t in panel.texts]) for panel in ax.figure.axes]
    [('Chad', []), ('Peru', ['no hits']), ('Number of speeches per year (the 2 actors shown)', [])]
    """
    if group is None:
        group = "actor" if isinstance(rates, pd.DataFrame) and "actor" in rates.columns else "family"
    series = _rate_series(rates, group)
    _require(rates, [x, group, value] + [c for c in (context, group_labels, series) if c],
             "plot_formula_rates", "rates")
    named = series if series == "family" else group  # the column that group_labels names
    names = dict(zip(rates[named], rates[group_labels])) if group_labels else {}
    unit = value.replace("rate_per_", "")
    unit_text = {"1000": "1,000", "1000000": "million"}.get(unit, unit)
    groups = _ordered(rates[group])
    if ax is not None:
        several = series is not None and rates[series].nunique() > 1
        for k, ((g, s), part) in enumerate(_rate_lines(rates, group, series, groups)):
            ax.plot(part[x], part[value], color=PALETTE[k % len(PALETTE)],
                    label=_short(_line_name(g, s if several else None, names)))
        _zero_baseline(ax, rates[value])
        ax.set_ylabel(f"per {unit_text} words")
        ax.legend()
        return ax
    n = len(groups) + (1 if context else 0)
    fig, axes = new_figure(PAGE, 1.0 + 0.95 * n, rows=n, sharex=True)
    lines = _ordered(rates[series]) if series else [None]
    for k, g in enumerate(groups):
        panel = axes[k]
        for j, (key, part) in enumerate(_rate_lines(rates[rates[group] == g], group, series, [g])):
            colour = PALETTE[(j if len(lines) > 1 else k) % len(PALETTE)]
            panel.plot(part[x], part[value], color=colour, label=_short(names.get(key[1], key[1])))
        _zero_baseline(panel, rates.loc[rates[group] == g, value])
        panel.set_title(_short(names.get(g, g), 2 * LABEL_CHARACTERS), loc="left", fontsize=8)
        panel.set_ylabel(f"per {unit_text}\nwords", fontsize=7)
        panel.yaxis.grid(True)
        panel.set_axisbelow(True)
    if len(lines) > 1:
        axes[0].legend(fontsize=6.5, loc="upper left")
    elif series == "family":
        fig.suptitle(_short(names.get(lines[0], lines[0]), 2 * LABEL_CHARACTERS), x=0.01, ha="left", fontsize=9)
    if context:
        _context_panel(axes[-1], rates, x, context, context_label)
    axes[-1].set_xlabel(x)
    return axes[0]


def _rate_series(rates: Any, group: str) -> str | None:
    """The column whose values are the lines inside each panel of rates: an actor's families, a family's actors."""
    other = "actor" if group == "family" else "family"
    return other if isinstance(rates, pd.DataFrame) and other in rates.columns and other != group else None


def _rate_lines(rates: pd.DataFrame, group: str, series: str | None, groups: list):
    """The rows of each line of a rates figure, keyed (group, series value), in the table's order."""
    for g in groups:
        part = rates[rates[group] == g]
        for s in _ordered(part[series]) if series else [None]:
            yield (g, s), (part if series is None else part[part[series] == s])


def _line_name(g: Any, s: Any, names: dict) -> str:
    """A line's name on one axes: its group's, and its series' (``s``) when there are several."""
    return str(names.get(g, g)) if s is None else f"{names.get(g, g)}: {names.get(s, s)}"


def _zero_baseline(ax: Axes, values: pd.Series) -> None:
    """The y axis of rates from zero: up to the largest rate, or, with no hit, a baseline alone and a note."""
    top = float(values.fillna(0).max())
    if top > 0:
        ax.set_ylim(0, top * 1.1)
        return
    ax.set_ylim(0, 1)
    ax.set_yticks([0])
    ax.text(0.5, 0.5, NO_HITS, transform=ax.transAxes, ha="center", va="center", fontsize=7, color="#666666")


def _context_panel(ax: Axes, rates: pd.DataFrame, x: str, context: str, label: str) -> None:
    """Bars of the texts per year: counted once per year (once per actor and year in a table of actors)."""
    n_actors = rates["actor"].nunique() if "actor" in rates.columns else 0
    keys = [x] + (["actor"] if n_actors else [])
    texts = rates.drop_duplicates(keys).groupby(x, sort=True)[context].sum()
    ax.bar(texts.index, texts.to_numpy(), color=OTHER, width=0.8)
    ax.set_ylabel(label, fontsize=7)
    shown = f" (the {n_actors} actor{'s' if n_actors != 1 else ''} shown)" if n_actors else ""
    ax.set_title(f"Number of {label} per {x}{shown}", loc="left", fontsize=8)


@_styled
def plot_formula_heads(table: pd.DataFrame, *, x: str = "decade", head: str = "head", value: str = "n_matches",
                       ax: Axes | None = None, title: str | None = None) -> Axes:
    """Stacked bars: for each decade, how many hits were attached to each head word.

    Head words are stacked in the order they first appear in the table; a
    head called ``other`` is drawn in grey.

    The other heads take the colours of :data:`PALETTE` in turn (grey too
    once it runs out); integer decades are written ``1990s``.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per decade and head, such as :func:`toolkit.report.tables.heads_table`.
    x : str, default "decade"
        The column of the bars.
    head : str, default "head"
        The column of the head words, stacked.
    value : str, default "n_matches"
        The column of the hits (summed when a pair is given twice).
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; by default those of a new figure (the page's width, 3.6 inches high).
    title : str, optional
        A title over the axes, on the left.

    Returns
    -------
    matplotlib.axes.Axes
        The bars' axes, with the legend ("attached to") to the right.

    Raises
    ------
    ParameterError
        When ``table`` is not a DataFrame, lacks a column named here, or has
        no rows.

    Examples
    --------
    >>> heads = pd.DataFrame({"decade": [1990, 1990, 2000, 2000], "head": ["terrorism", "other"] * 2,
    ...                       "n_matches": [2, 0, 0, 2]})
    >>> ax = plot_formula_heads(heads)
    >>> [t.get_text() for t in ax.get_xticklabels()], [t.get_text() for t in ax.get_legend().get_texts()]
    (['1990s', '2000s'], ['terrorism', 'other'])
    """
    _require(table, [x, head, value], "plot_formula_heads")
    xs = _ordered(table[x])
    heads = _ordered(table[head])
    grid = table.pivot_table(index=x, columns=head, values=value, aggfunc="sum", sort=False).reindex(
        index=xs, columns=heads).fillna(0)
    ax = _axes(ax, PAGE, 3.6)
    bottom = np.zeros(len(xs))
    positions = np.arange(len(xs))
    colors = iter(PALETTE)
    for h in heads:
        values = grid[h].to_numpy(float)
        color = OTHER if h == "other" else next(colors, OTHER)
        ax.bar(positions, values, bottom=bottom, color=color, label=h, width=0.75, edgecolor="white", linewidth=0.3)
        bottom += values
    ax.set_xticks(positions, [f"{v}s" if isinstance(v, (int, np.integer)) else str(v) for v in xs])
    ax.set_xlabel(x)
    ax.set_ylabel("hits")
    ax.legend(title="attached to", loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.yaxis.grid(True)
    ax.set_axisbelow(True)
    if title:
        ax.set_title(title, loc="left")
    return ax


@_styled
def plot_top_formulae(table: pd.DataFrame, *, label: str = "ngram", value: str = "n_actors",
                      known: str | None = "in_lexicon", xlabel: str | None = None, significant: str | None = None,
                      ax: Axes | None = None) -> Axes:
    """Horizontal bars of discovered formulae by actor range, in the table's order; lexicon ones set apart.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per formula, top first, such as :func:`toolkit.report.tables.top_formulae_table`.
    label : str, default "ngram"
        The column naming each bar (wrapped at 60 characters).
    value : str, default "n_actors"
        The column of the bars' lengths; the x axis reads "actors using it"
        for ``n_actors``, else the column's name.
    known : str or None, default "in_lexicon"
        A boolean column: formulae already in the lexicon get another colour
        and a legend says which. None to draw every bar alike.
    xlabel : str, optional
        The x axis's label (default: from ``value``, as above).
    significant : str, optional
        A boolean column: the bars where it is False are hatched and paler,
        and the legend says "not significant" (figure 8 on a corpus too small
        for a significant contrast). None: every bar alike.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; by default those of a new figure (the page's width, taller with more rows).

    Returns
    -------
    matplotlib.axes.Axes
        The bars' axes.

    Raises
    ------
    ParameterError
        When ``table`` is not a DataFrame, lacks a column named here, or has
        no rows.

    Examples
    --------
    >>> table = pd.DataFrame({"ngram": ["in all its forms", "condemn the attack"], "n_actors": [5, 3],
    ...                       "in_lexicon": [True, False]})
    >>> ax = plot_top_formulae(table)
    >>> [t.get_text() for t in ax.get_yticklabels()], ax.get_xlabel()
    (['in all its forms', 'condemn the attack'], 'actors using it')
    """
    _require(table, [label, value] + [c for c in (known, significant) if c], "plot_top_formulae")
    ax = _axes(ax, PAGE, max(2.2, 0.8 + 0.24 * len(table)))
    y = np.arange(len(table))
    flags = table[known].astype(bool).to_numpy() if known else np.zeros(len(table), bool)
    colors = [PALETTE[6] if f else PALETTE[0] for f in flags]
    bars = ax.barh(y, table[value].to_numpy(float), color=colors, height=0.7)
    doubtful = ~table[significant].astype(bool).to_numpy() if significant else np.zeros(len(table), bool)
    for bar, weak in zip(bars, doubtful.tolist()):
        if weak:
            bar.set_hatch("///")
            bar.set_alpha(0.55)
    ax.set_yticks(y, [_wrap(t, 60) for t in table[label]])
    ax.invert_yaxis()
    ax.set_xlabel(xlabel or ("actors using it" if value == "n_actors" else value.replace("_", " ")))
    if value in ("n_actors", "n_statements"):
        ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.xaxis.grid(True)
    ax.set_axisbelow(True)
    if known:
        from matplotlib.patches import Patch

        handles = [Patch(color=PALETTE[0], label="new (not in the lexicon)"),
                   Patch(color=PALETTE[6], label="already in the lexicon")]
        if doubtful.any():
            handles.append(Patch(facecolor="white", edgecolor="0.3", hatch="///", label="not significant"))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0))  # beside the bars, never over them
    return ax


@_styled
def plot_intensity(table: pd.DataFrame, *, label: str = "actor", value: str = "level", evidence: str = "evidence",
                   levels: dict | None = None, ax: Axes | None = None, note: str | None = None) -> Axes:
    """Each actor's strongest reaction on the intensity scale, with the words that set it, in the table's order.

    One row per actor: a point at its level (0-5, named on the axis by
    ``levels``, the scale's labels), and its evidence written beside the scale.

    The x axis runs from 0 to the highest level of ``levels`` (without it,
    to 5 or the highest value); each value must be a whole level in that
    range. Evidence is cut to 45 characters; the ``unresolved`` row is in
    grey italics.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per actor, top first, such as :func:`toolkit.report.tables.intensity_table`.
    label : str, default "actor"
        The column naming each row (cut to :data:`LABEL_CHARACTERS` characters).
    value : str, default "level"
        The column of the levels.
    evidence : str, default "evidence"
        The column of the words that set each level (missing: nothing
        written).
    levels : dict of int to str, optional
        Each level and its label, written under its number.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; by default those of a new figure (the page's width, taller with more rows).
    note : str, optional
        A footnote under the figure.

    Returns
    -------
    matplotlib.axes.Axes
        The chart's axes.

    Raises
    ------
    ParameterError
        When ``table`` is not a DataFrame, lacks a column named here, or has
        no rows.

    Examples
    --------
    >>> table = pd.DataFrame({"actor": ["Chad", "Norway"], "level": [5, 4],
    ...                       "evidence": ["in the strongest terms", "strongly | condemn"]})
    >>> ax = plot_intensity(table, levels={0: "none", 3: "condemns", 4: "strongly condemns", 5: "strongest"})
    >>> [t.get_text() for t in ax.get_yticklabels()], [t.get_text() for t in ax.texts]
    (['Chad', 'Norway'], ['in the strongest terms', 'strongly | condemn'])
    """
    _require(table, [label, value, evidence], "plot_intensity")
    ax = _axes(ax, PAGE, 1.0 + 0.24 * len(table))
    y = np.arange(len(table))
    values = table[value].to_numpy(dtype=float)
    top = int(max(levels or {5: ""})) if levels else int(max(5, values.max()))
    ax.hlines(y, 0, values, color="#DDDDDD", linewidth=0.8, zorder=1)
    colors = matplotlib.colormaps[SEQUENTIAL](np.linspace(0.15, 0.85, top + 1))
    ax.scatter(values, y, s=30, color=[colors[int(v)] for v in values], zorder=3, edgecolor="white", linewidth=0.4)
    ax.set_yticks(y, [_short(t) for t in table[label]])
    _mark_unresolved(ax.get_yticklabels())
    ax.invert_yaxis()
    names = [f"{k}" + (f"\n{_wrap(levels[k], 12)}" if levels and k in levels else "") for k in range(top + 1)]
    ax.set_xticks(range(top + 1), names, fontsize=6)
    ax.set_xlim(-0.4, top + 0.4)
    for k, text in enumerate(table[evidence].fillna("")):
        if text:
            ax.annotate(_short(" ".join(str(text).split()), 45), (1.0, k), xycoords=("axes fraction", "data"),
                        xytext=(6, 0), textcoords="offset points", va="center", ha="left", fontsize=6,
                        color="#333333", annotation_clip=False)
    ax.set_xlabel("intensity level (the strongest of the actor's statements)")
    return _rows_finished(ax, note)


@_styled
def plot_intensity_decades(table: pd.DataFrame, *, x: str = "decade", level: str = "level", value: str = "share",
                           labels: str = "label", words: str | None = "intensifiers", ax: Axes | None = None) -> Axes:
    """Stacked bars: for each decade, the share of condemnation cues at each level; its commonest intensifiers below.

    Levels are stacked from the lowest up, in sequential colours; with
    ``words``, each decade's label carries the intensifying words of the table.

    Levels are stacked in the order they first occur in the table, which
    :func:`toolkit.report.tables.intensity_decades_table` gives from the
    lowest; the y axis runs from 0 to 100%.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per decade and level, such as :func:`toolkit.report.tables.intensity_decades_table`.
    x : str, default "decade"
        The column of the bars (integer decades are written ``1990s``).
    level : str, default "level"
        The column of the levels, stacked.
    value : str, default "share"
        The column of the shares (fractions of 1).
    labels : str, default "label"
        The column naming each level in the legend.
    words : str or None, default "intensifiers"
        The column of each decade's words (``", "`` between them; the
        decade's first row is read), written one a line under the decade.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; by default those of a new figure (the page's width, 3.8 inches high).

    Returns
    -------
    matplotlib.axes.Axes
        The bars' axes, with the legend ("intensity level") to the right.

    Raises
    ------
    ParameterError
        When ``table`` is not a DataFrame, lacks a column named here, or has
        no rows.

    Examples
    --------
    >>> table = pd.DataFrame({"decade": [1990, 1990, 2000, 2000], "level": [4, 5, 4, 5],
    ...                       "label": ["strongly", "strongest"] * 2, "share": [1.0, 0.0, 0.5, 0.5],
    ...                       "intensifiers": ["strongly", "strongly", "strongest", "strongest"]})
    >>> ax = plot_intensity_decades(table)
    >>> [t.get_text() for t in ax.get_xticklabels()], [t.get_text() for t in ax.get_legend().get_texts()]
    (['1990s\\nstrongly', '2000s\\nstrongest'], ['4 strongly', '5 strongest'])
    """
    _require(table, [x, level, value, labels] + ([words] if words else []), "plot_intensity_decades")
    xs = _ordered(table[x])
    levels = _ordered(table[level])
    grid = table.pivot_table(index=x, columns=level, values=value, aggfunc="sum", sort=False).reindex(
        index=xs, columns=levels).fillna(0)
    names = dict(zip(table[level], table[labels]))
    ax = _axes(ax, PAGE, 3.8)
    colors = matplotlib.colormaps[SEQUENTIAL](np.linspace(0.15, 0.85, len(levels)))
    bottom = np.zeros(len(xs))
    positions = np.arange(len(xs))
    for k, lvl in enumerate(levels):
        values = grid[lvl].to_numpy(float)
        ax.bar(positions, values, bottom=bottom, color=colors[k], width=0.75, edgecolor="white", linewidth=0.3,
               label=f"{lvl} {names[lvl]}")
        bottom += values
    ticks = []
    for v in xs:
        head = f"{v}s" if isinstance(v, (int, np.integer)) else str(v)
        extra = table.loc[table[x] == v, words].iloc[0] if words else ""
        ticks.append(head + ("\n" + "\n".join(extra.split(", ")) if extra else ""))
    ax.set_xticks(positions, ticks, fontsize=6)
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.set_ylabel("share of the speakers' condemnation cues")
    ax.set_xlabel("decade (below: its most frequent intensifying words)")
    ax.legend(title="intensity level", loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


@_styled
def plot_characteristic_phrases(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Figure 8's bars: each phrase's log ratio, labelled with its counts in the target and in the reference.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`toolkit.report.tables.characteristic_formulae_table` (``ngram``,
        ``log_ratio``, ``frequency``, ``n_reference``, ``significant``,
        ``in_lexicon``), at least one row.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; by default those of a new figure.

    Returns
    -------
    matplotlib.axes.Axes
        The bars' axes: lexicon phrases set apart, phrases that are not
        significant hatched (:func:`plot_top_formulae`).

    Examples
    --------
    >>> table = pd.DataFrame({"ngram": ["we strongly condemn"], "log_ratio": [6.5], "frequency": [40],
    ...                       "n_reference": [0], "significant": [True], "in_lexicon": [True]})
    >>> [t.get_text() for t in plot_characteristic_phrases(table).texts]
    ['40/0']
    """
    _require(table, ["log_ratio", "frequency", "n_reference"], "plot_characteristic_phrases")
    ax = plot_top_formulae(table, value="log_ratio", significant="significant", ax=ax,
                           xlabel="log ratio: how much more often in condemnation sentences than in the others")
    reach = float(table["log_ratio"].max())
    ax.set_xlim(0, 1.2 * reach)
    for k, (v, a, b) in enumerate(zip(table["log_ratio"].tolist(), table["frequency"].tolist(),
                                      table["n_reference"].tolist())):
        ax.text(v + 0.01 * reach, k, f"{a}/{b}", va="center", ha="left", fontsize=6.5)
    return ax


@_styled
def plot_keyness(table: pd.DataFrame, *, label: str = "feature", value: str = "log_ratio", side: str = "side",
                 counts: tuple[str, str] = ("n_target", "n_reference"),
                 names: tuple[str, str] = ("target", "reference"), ax: Axes | None = None) -> Axes:
    """Key features of two groups as bars either side of zero, each labelled with its counts (quanteda's keyness plot).

    The target's features (positive ``value``) are drawn first, top down,
    the reference's below them in another colour; each bar ends in its counts
    in both groups, ``target/reference``.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per feature, the target's first, such as
        :func:`toolkit.report.tables.keyness_sides_table`.
    label : str, default "feature"
        The column naming each bar.
    value : str, default "log_ratio"
        The column of the bars' lengths (signed).
    side : str, default "side"
        The column naming each row's group (the legend).
    counts : (str, str), default ("n_target", "n_reference")
        The columns of the counts written at each bar's end.
    names : (str, str), default ("target", "reference")
        How the x axis names the two groups.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; by default those of a new figure.

    Returns
    -------
    matplotlib.axes.Axes
        The bars' axes.

    Examples
    --------
    >>> table = pd.DataFrame({"side": ["2000s", "1990s"], "feature": ["terrorism", "apartheid"],
    ...                       "n_target": [90, 2], "n_reference": [10, 40], "log_ratio": [3.1, -4.3]})
    >>> ax = plot_keyness(table)
    >>> [t.get_text() for t in ax.get_yticklabels()], [t.get_text() for t in ax.texts]
    (['terrorism', 'apartheid'], ['90/10', '2/40'])
    """
    _require(table, [label, value, side, *counts], "plot_keyness")
    ax = _axes(ax, PAGE, max(2.2, 0.9 + 0.22 * len(table)))
    y = np.arange(len(table))
    values = table[value].to_numpy(float)
    colors = [PALETTE[0] if v > 0 else PALETTE[6] for v in values]
    ax.barh(y, values, color=colors, height=0.7)
    ax.set_yticks(y, [_wrap(str(t), 40) for t in table[label]])
    ax.invert_yaxis()
    reach = float(np.abs(values).max()) if values.size else 1.0
    for k, (v, a, b) in enumerate(zip(values, table[counts[0]].tolist(), table[counts[1]].tolist())):
        ax.text(v + (0.02 * reach if v >= 0 else -0.02 * reach), k, f"{int(a)}/{int(b)}", va="center",
                ha="left" if v >= 0 else "right", fontsize=6.5)
    ax.set_xlim(-1.3 * reach if (values < 0).any() else 0, 1.3 * reach if (values > 0).any() else 0)
    ax.axvline(0, color="0.3", linewidth=0.6)
    ax.set_xlabel(f"log ratio (\u2190 {names[1]} | {names[0]} \u2192); at each bar: count in {names[0]}/{names[1]}")
    ax.xaxis.grid(True)
    ax.set_axisbelow(True)
    from matplotlib.patches import Patch

    first = dict(zip(table[side].tolist()[::-1], values[::-1].tolist()))  # each group's sign, from its rows
    groups = list(dict.fromkeys(table[side].tolist()))
    handles = [Patch(color=PALETTE[0] if first[g] > 0 else PALETTE[6], label=str(g)) for g in groups]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


@_styled
def plot_adoption(table: pd.DataFrame, *, panel: str = "panel", curve: str = "curve", x: str = "year",
                  value: str = "adopted_share", band: tuple[str, str] = ("ci_lower", "ci_upper"),
                  at_risk: str = "n_at_risk", median: str | None = "median_year", every: int = 10,
                  titles: dict[str, str] | None = None) -> Axes:
    """Adoption curves: the share of actors that had adopted by each time, with its band and the number at risk.

    One panel per value of ``panel`` (side by side, in the table's order), one
    step line per ``curve`` in it, its confidence band shaded, the panel's
    title heading its legend, above the curves; under each
    panel, the number of actors at risk in the years that are multiples of
    ``every``, one row per curve in its colour, as survival plots show it.
    Each curve's legend entry gives its median year (or "median not
    reached").

    Parameters
    ----------
    table : pandas.DataFrame
        One row per curve and time, such as :func:`toolkit.report.tables.adoption_table`.
    panel, curve, x, value : str
        The columns of the panels, the lines, the x axis and the share (0 to 1).
    band : (str, str), default ("ci_lower", "ci_upper")
        The columns of the band.
    at_risk : str, default "n_at_risk"
        The column of the number at risk.
    median : str or None, default "median_year"
        The column of each curve's median time, shown in the legend; None: not shown.
    every : int, default 10
        The number at risk is written at the times that are multiples of it.
    titles : dict of str to str, optional
        The title of each panel (default: the panel's value).

    Returns
    -------
    matplotlib.axes.Axes
        The first panel's axes (all are ``ax.figure.axes``).

    Examples
    --------
    >>> table = pd.DataFrame({"panel": "formulae", "curve": ["a"] * 3, "year": [1990, 2000, 2010],
    ...                       "adopted_share": [0.0, 0.4, 0.7], "ci_lower": [0.0, 0.3, 0.6],
    ...                       "ci_upper": [0.0, 0.5, 0.8], "n_at_risk": [10, 6, 3], "median_year": [2005] * 3})
    >>> ax = plot_adoption(table, titles={"formulae": "One formula"})
    >>> ax.get_legend().get_title().get_text(), [t.get_text() for t in ax.get_legend().get_texts()]
    ('One formula', ['a (median 2005)'])
    >>> [t.get_text() for t in ax.figure.axes[1].texts]
    ['10', '6', '3']
    """
    columns = [panel, curve, x, value, *band, at_risk] + ([median] if median else [])
    _require(table, columns, "plot_adoption")
    check_int(every, "every", owner="plot_adoption", low=1)
    panels = _ordered(table[panel])
    rows = max(table[table[panel] == p][curve].nunique() for p in panels)
    fig = Figure(figsize=(PAGE, 3.4 + 0.3 * rows), layout="constrained")
    grid = fig.subplots(2, len(panels), squeeze=False, height_ratios=[3.0, 0.35 + 0.16 * rows])
    low, high = table[x].min(), table[x].max()
    for k, name in enumerate(panels):
        ax, risk = grid[0, k], grid[1, k]
        part = table[table[panel] == name]
        curves = _ordered(part[curve])
        ticks = list(range(int(np.ceil(low / every) * every), int(high) + 1, every))
        for j, line in enumerate(curves):
            rows_of = part[part[curve] == line]
            color = _DARK[j % len(_DARK)]
            label = _short(line)
            if median:
                when = rows_of[median].iloc[0]
                label += f" (median {int(when)})" if pd.notna(when) else " (median not reached)"
            ax.step(rows_of[x], rows_of[value], where="post", color=color, label=label)
            ax.fill_between(rows_of[x], rows_of[band[0]], rows_of[band[1]], step="post", color=color, alpha=0.15,
                            linewidth=0)
            shown = rows_of[rows_of[x].isin(ticks)]
            for year, n in zip(shown[x].tolist(), shown[at_risk].tolist()):
                risk.text(year, j, f"{int(n)}", ha="center", va="center", fontsize=6, color=color)
        ax.set_ylim(0, 1)
        ax.set_xlim(low, high)
        ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
        ax.axhline(0.5, color="0.6", linewidth=0.5, linestyle=":")
        ax.set_ylabel("share of actors present that had adopted" if k == 0 else "")
        ax.set_xticks(ticks)
        title = _wrap((titles or {}).get(name, str(name)), 52)
        legend = ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), fontsize=6, borderaxespad=0.2,
                           title=title, title_fontsize=8.5, alignment="left")
        legend.get_title().set_fontweight("normal")
        ax.yaxis.grid(True)
        ax.set_axisbelow(True)
        risk.set_xlim(low, high)
        risk.set_ylim(len(curves) - 0.5, -0.5)
        risk.set_xticks(ticks)
        risk.set_yticks([])
        risk.tick_params(axis="x", labelsize=6)
        for side in ("left", "top", "right"):
            risk.spines[side].set_visible(False)
        risk.set_title("number at risk (present, not yet adopted)", loc="left", fontsize=6.5)
    return grid[0, 0]


def _compact(value: float) -> str:
    """A count in at most four characters: ``987``, ``1.2k``, ``12k``, ``1.2M``."""
    for size, suffix in ((1e6, "M"), (1e3, "k")):
        if round(value) >= size:
            scaled = value / size
            text = f"{scaled:.1f}" if scaled < 9.95 else f"{scaled:.0f}"
            return text.removesuffix(".0") + suffix
    return f"{value:.0f}"


def _reuse_matrix(ax: Axes, part: pd.DataFrame, source: str, target: str, value: str, title: str) -> None:
    """The matrix panel of :func:`plot_reuse`: a cell per (source, target), labelled, grey where missing."""
    from matplotlib.colors import ListedColormap, LogNorm

    labels = list(dict.fromkeys(part[source].tolist() + part[target].tolist()))
    values = pd.to_numeric(part[value], errors="coerce").astype(float)
    cells = dict(zip(zip(part[source], part[target]), values))
    data = np.array([[cells.get((a, b), np.nan) for b in labels] for a in labels], dtype=float)
    missing = ~np.isfinite(data)
    shown = np.where(missing | (data <= 0), np.nan, data)
    low = np.nanmin(shown) if np.isfinite(shown).any() else 1.0
    high = np.nanmax(shown) if np.isfinite(shown).any() else 10.0
    low = max(1.0, float(low))
    high = max(float(high), 2 * low)
    norm = LogNorm(vmin=low, vmax=high)
    ax.imshow(np.where(missing, 1.0, 0.0), cmap=ListedColormap(["white", "#D9D9D9"]), vmin=0, vmax=1,
              interpolation="nearest", aspect="equal")  # grey: no value (an actor's own reuse), white: none
    image = ax.imshow(shown, cmap=SEQUENTIAL, norm=norm, interpolation="nearest", aspect="equal")
    size = 5.5 if len(labels) <= 12 else 5.0
    cmap = matplotlib.colormaps[SEQUENTIAL]
    for (i, j), v in np.ndenumerate(shown):
        if np.isfinite(v):
            red, green, blue, _ = cmap(norm(v))
            light = 0.299 * red + 0.587 * green + 0.114 * blue > 0.5
            ax.text(j, i, _compact(v), ha="center", va="center", fontsize=size, color="black" if light else "white")
    ax.set_xticks(range(len(labels)), [_short(t, 12) for t in labels], rotation=90)
    ax.set_yticks(range(len(labels)), [_short(t, 12) for t in labels])
    ax.tick_params(length=0, labelsize=6.5)
    pooled = [t for t in (*ax.get_xticklabels(), *ax.get_yticklabels()) if t.get_text() == POOLED]
    for label in pooled:
        label.set_fontstyle("italic")
    _mark_unresolved([*ax.get_xticklabels(), *ax.get_yticklabels()])
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_ylabel("source: the earlier (lender)")
    ax.set_xlabel("target: the later (borrower)")
    ax.set_title(title, loc="left")
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02, shrink=0.8)
    bar.set_label("words reused (log scale)")
    if high < 10 * low:  # less than a decade: its ends and middle, not powers of ten
        bar.set_ticks(sorted({round(low), round((low * high) ** 0.5), round(high)}))
    bar.ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: _compact(v)))
    bar.ax.yaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    bar.outline.set_visible(False)


def _reuse_years(ax: Axes, part: pd.DataFrame, x: str, shares: dict[str, str], title: str, unit: str) -> None:
    """The years panel of :func:`plot_reuse`: one line per share, in percent."""
    for k, (column, name) in enumerate(shares.items()):
        ax.plot(part[x], part[column], color=_DARK[k % len(_DARK)], label=name, linewidth=1.0)
    top = float(np.nanmax(part[list(shares)].to_numpy(dtype=float)))
    ax.set_ylim(0, max(0.01, top * 1.1))
    ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(5, steps=[1, 2, 2.5, 5, 10]))
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{100 * v:.3g}%"))
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(5, integer=True))
    ax.yaxis.grid(True)
    ax.set_axisbelow(True)
    ax.set_ylabel(f"mean share of a {unit}'s words")
    legend = ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), fontsize=6.5, handlelength=1.5, borderaxespad=0.2,
                       title=title, title_fontsize=8.5, alignment="left")  # above the lines, under its title
    legend.get_title().set_fontweight("normal")


@_styled
def plot_reuse(table: pd.DataFrame, *, panel: str = "panel", source: str = "source", target: str = "target",
               value: str = "n_words", x: str = "year", shares: dict[str, str] | None = None,
               titles: dict[str, str] | None = None, unit: str = "document", note: str | None = None) -> Axes:
    """Who reuses whose words: a matrix of words from source to target, and shares of reused words by year.

    The rows of the panel ``pairs`` are the matrix's cells, the sources as rows and the targets as columns in
    the order they first occur; each cell is coloured on a log scale and labelled with its count (``1.2k``);
    a missing value (an actor's own reuse) is a grey cell, a zero a white one. The rows of the panel
    ``years``, when there are any, are drawn on the right: one line per column of ``shares``, in percent.

    Parameters
    ----------
    table : pandas.DataFrame
        Such as :func:`toolkit.report.tables.reuse_table`.
    panel, source, target, value, x : str
        The columns of the panels, the matrix's rows and columns, its values and the years.
    shares : dict of str to str, optional
        The columns of the years panel and their names (default: ``self_share`` and ``reused_share``).
    titles : dict of str to str, optional
        The title of each panel (``pairs``, ``years``).
    unit : str, default "document"
        What a text is, for the axis of the shares ("mean share of a document's words").
    note : str, optional
        A footnote under the figure.

    Returns
    -------
    matplotlib.axes.Axes
        The matrix's axes (the years panel is ``ax.figure.axes``).

    Raises
    ------
    ParameterError
        When ``table`` lacks a column named here or has no row of the panel ``pairs``.

    Examples
    --------
    >>> table = pd.DataFrame({"panel": "pairs", "source": ["NOR", "NOR", "TCD", "TCD"],
    ...                       "target": ["NOR", "TCD", "NOR", "TCD"], "n_words": [None, 1250, 40, None]})
    >>> ax = plot_reuse(table)
    >>> [t.get_text() for t in ax.texts], [t.get_text() for t in ax.get_yticklabels()]
    (['1.2k', '40'], ['NOR', 'TCD'])
    """
    shares = shares if shares is not None else {"self_share": "own earlier texts (self-reuse)",
                                                "reused_share": "other actors' earlier texts"}
    _require(table, [panel, source, target, value], "plot_reuse")
    pairs = table[table[panel] == "pairs"]
    check_parameter(table, "table", owner="plot_reuse", ok=not pairs.empty, expected="rows of the panel 'pairs'",
                    got="none")
    years = table[table[panel] == "years"]
    if not years.empty:
        check_table(years, "table", owner="plot_reuse", columns=[x, *shares])
    n = len(set(pairs[source]) | set(pairs[target]))
    side = min(MAX_HEIGHT - 1.6, 1.0 + 0.2 * n)  # the matrix's rows and its labels
    fig = Figure(figsize=(PAGE if not years.empty else min(PAGE, side + 1.8), side + 1.2), layout="constrained")
    axes = fig.subplots(1, 2 if not years.empty else 1, squeeze=False,
                        width_ratios=[1.75, 1] if not years.empty else None)[0]
    names = titles or {}
    _reuse_matrix(axes[0], pairs, source, target, value, _wrap(names.get("pairs", "Words reused, source to target"),
                                                                 max(24, int(11 * side))))
    if not years.empty:
        _reuse_years(axes[1], years, x, shares, _wrap(names.get("years", "Words reused, by year"), 34), unit)
    _note(axes[0], note)
    return axes[0]
