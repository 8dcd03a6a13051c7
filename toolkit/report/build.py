"""The report: every figure of the registry beside the exact table it plots, written all at once.

:func:`build_report` reads the corpus, attributes it when asked, matches the
lexicon and the intensity scale's cues once (the one matches table of every
figure), reads the UN General Debate Corpus when it is there, and runs the
recipe of every figure of the registry (:data:`toolkit.report.registry.FIGURES`).
For each figure ``NN-name`` it writes ``NN-name.png`` (300 dpi),
``NN-name.svg`` and ``NN-name.csv`` (the rows plotted, nothing more), and a
self-contained ``report.html`` (:mod:`toolkit.report.html`) that says which
figures were left out and why. All files are rendered in memory and written
together (:func:`toolkit.io.write.write_files`), so a failed run leaves the
previous report in place, and the same inputs always give the same bytes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ..analysis.intensity import IntensityScale, condemnation_sentences, default_intensity_scale, score_intensity
from ..analysis.reuse import find_reuse
from ..attribution.statements import attribute_statements, hits_outside_statements
from ..formulae.kwic import kwic
from ..formulae.lexicon import Lexicon, resolve_lexicon
from ..formulae.match import find_matches
from ..io.data import default_gazetteer, un_regional_groups
from ..io.readers import file_sha256, iter_corpus
from ..io.stream import collect, replacement_summary
from ..io.write import render_table, write_files
from ..text.corpus import Corpus, Document
from ..text.tokenized import tokenize_corpus
from ..validation import check_int, check_parameter, renamed
from .figures import figure_bytes
from .html import PageContent, render_page
from .recipes import ReportInputs
from .registry import FIGURES, HEADS_TAG, TREND_TAG, BuiltFigure, Drawing, Figure, Omitted, numbers
from .tables import (
    REUSE_OPTIONS,
    TOP_ACTORS,
    UNTables,
    adoption_followed,
    adoption_table,
    intensity_decades_table,
    key_words_table,
    reuse_table,
    un_tables,
)

__all__ = ["PageContent", "build_report", "report_figures", "ungdc_tables"]

_DPI = 300


@renamed(path="corpus")
def ungdc_tables(corpus: Any, lexicon: Lexicon | None = None, *, families: Sequence[str] | None = None,
                 head_family: str | None = None, scale: IntensityScale | None = None,
                 progress: bool = True, reuse: bool = False) -> UNTables:
    """Read the UN General Debate Corpus once and derive the tables of its figures from one matches table.

    Parameters
    ----------
    corpus : path, Corpus or iterable of Document
        The archive or folder as published (or the corpus read from it); ``path=`` is its old name.
    lexicon : Lexicon, optional
        The default lexicon unless given.
    families : sequence of str, optional
        The families followed year by year (default: the lexicon's families tagged ``trend``).
    head_family : str, optional
        The family whose head words are followed (default: the one tagged ``heads``).
    scale : IntensityScale, optional
        The intensity scale (default: the shipped one).
    progress : bool, default True
        Progress bars on stderr.
    reuse : bool, default False
        Also find the text reuse of the whole corpus (:func:`toolkit.analysis.reuse.find_reuse` with
        :data:`toolkit.report.tables.REUSE_OPTIONS`, its defaults; figure 13): two and a half minutes on one core and
        2.9 GB at most more on the UN corpus, so asked for (:func:`build_report` asks). Without it, ``reuse`` and
        ``passages`` are None and figure 13 is left out with a note.

    Returns
    -------
    UNTables
        The tables of the UN figures.
    """
    from tqdm import tqdm  # the text bar: tqdm.auto would want ipywidgets in notebooks

    lexicon = _lexicon(lexicon, "ungdc_tables")
    scale = scale if scale is not None else default_intensity_scale()
    wanted = list(families) if families is not None else [f.id for f in lexicon.tagged(TREND_TAG)]
    heads = [head_family] if head_family is not None else [f.id for f in lexicon.tagged(HEADS_TAG)][:1]
    families_of = {f.id: f.family for f in lexicon.formulae}
    adopted = [families_of[i] for _, ids in adoption_followed(lexicon) for i in ids]
    followed = list(dict.fromkeys(wanted + heads + adopted))  # the figures' families, matched with the scale's cues
    stream = iter_corpus(corpus) if isinstance(corpus, (str, Path)) else corpus
    documents = list(tqdm(stream, desc="reading the UN corpus", unit=" speeches", disable=not progress,
                          file=sys.stderr, mininterval=1.0))
    read = Corpus(tuple(documents), tuple(getattr(stream, "skipped", ())))
    both = lexicon.select(followed) + scale.lexicon if followed else scale.lexicon
    matches = find_matches(tqdm(read.documents, desc="matching formulae", unit=" speeches", disable=not progress,
                                file=sys.stderr, mininterval=1.0), both)
    tables = un_tables(read, matches.select(followed), lexicon, families=wanted,
                       head_family=heads[0] if heads else None)
    cues = score_intensity(matches, read, scale=scale, cues=True, mode="rules")  # 10,952 speeches: too many to parse
    tables.intensity = intensity_decades_table(cues, {k: label for k, (label, _) in scale.levels.items()},
                                               fillers=scale.words.get("fillers", ()))
    tables.key_words = key_words_table(condemnation_sentences(read, scale=scale, cues=cues)[0])
    tables.adoption = adoption_table(matches, lexicon, un_regional_groups())
    if reuse:
        tokenized = tokenize_corpus(read)  # once, for the passages and the shares of their words
        tables.passages = find_reuse(tokenized, **REUSE_OPTIONS)
        tables.reuse = reuse_table(tables.passages, tokenized)
    return tables


def _lexicon(lexicon: Any, owner: str) -> Lexicon:
    """The report's lexicon: the default one unless given; the figures need one, so ``False`` is refused."""
    resolved = resolve_lexicon(lexicon, owner=owner)
    check_parameter(lexicon, "lexicon", owner=owner, ok=resolved is not None,
                    expected="a Lexicon, or None for the default lexicon (the figures count formulae)")
    assert resolved is not None
    return resolved


def _content(inputs: ReportInputs, attribution: pd.DataFrame | None) -> PageContent:
    heads = inputs.lexicon.tagged(HEADS_TAG)
    content = PageContent(attribution=attribution)
    if heads:
        content.kwic = kwic(inputs.matches.select(heads[0].id), inputs.statements, window=8)
        content.kwic_label = heads[0].label
    if inputs.ungdc is not None and not inputs.ungdc.examples.empty:
        content.ungdc_examples = inputs.ungdc.examples
    return content


def report_figures(corpus: Corpus | Iterable[Document], *, lexicon: Lexicon | None = None, attribute: bool = False,
                   ungdc: UNTables | None = None, name: str = "shipped corpus", top_actors: int = TOP_ACTORS,
                   pipeline: str | None = None, ungdc_note: str | None = None
                   ) -> tuple[list[BuiltFigure], PageContent]:
    """Every figure of the registry that these inputs can draw, in order, and what the page shows beside them.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        The corpus of the report's first figures.
    lexicon : Lexicon, optional
        The default lexicon unless given.
    attribute : bool, default False
        Split the documents into statements by actor first (news articles).
    ungdc : UNTables, optional
        The tables of the UN General Debate Corpus (:func:`ungdc_tables`); without them its figures are left out,
        with a note.
    name : str, default "shipped corpus"
        How captions name the corpus.
    top_actors : int, default :data:`toolkit.report.tables.TOP_ACTORS`
        The figures by actor show the actors with the most hits, at most this many (the unresolved statements
        pooled in one more row).
    pipeline : str, optional
        The spaCy pipeline of the attribution.
    ungdc_note : str, optional
        The note that says why the figures of the UN corpus are left out, when ``ungdc`` is None (default: it
        was not given).

    Returns
    -------
    list of BuiltFigure, PageContent
        The figures drawn, and the page's other content, with a note for each figure left out.
    """
    check_int(top_actors, "top_actors", owner="report_figures", low=1)
    lexicon = _lexicon(lexicon, "report_figures")
    corpus = corpus if isinstance(corpus, Corpus) else Corpus(tuple(corpus))
    scale = default_intensity_scale()
    attribution = attribute_statements(corpus, default_gazetteer(), pipeline=pipeline) if attribute else None
    statements = attribution.corpus if attribution is not None else corpus
    outside = len(hits_outside_statements(corpus, attribution, lexicon)) if attribution is not None else 0
    # the one matches table of every figure of the corpus and the KWIC: the lexicon's formulae and the scale's cues
    everything = find_matches(statements, lexicon + scale.lexicon)
    inputs = ReportInputs(corpus, statements, lexicon, scale, everything, name=name, top_actors=top_actors,
                          ungdc=ungdc, parses=attribution.parses if attribution is not None else {})
    content = _content(inputs, attribution.table if attribution is not None else None)
    content.hits_outside = outside if attribution is not None else None
    if ungdc is None:
        content.notes.append(ungdc_note or f"Figures {numbers(f for f in FIGURES if f.needs == 'ungdc')} are of the "
                             "UN General Debate Corpus, which was not given (ungdc=ungdc_tables(path)).")
    if outside:
        content.notes.append(_outside_note(outside))
    built = []
    for entry in FIGURES:
        if entry.needs == "ungdc" and ungdc is None:
            continue  # the one note above says so for all of them
        drawn = _draw(entry, inputs)
        if isinstance(drawn, Omitted):
            content.notes.append(f"Figure {entry.number} ({entry.name}) was left out: {drawn.reason}.")
            content.omitted.append((entry, drawn.reason))
        else:
            assert isinstance(drawn, Drawing)
            built.append(BuiltFigure(entry, drawn))
    return built, content


def _outside_note(n: int) -> str:
    """The note of a report whose attribution left hits of the lexicon in no statement."""
    return (f"{n:,} {'hit' if n == 1 else 'hits'} of the lexicon {'lies' if n == 1 else 'lie'} outside every statement "
            "(text of a news article that no actor was found to say, such as the reporter's own words); the figures "
            "count only what actors said (toolkit.attribution.hits_outside_statements lists them).")


def _corpus_name(given: Sequence[Any]) -> str:
    """The corpus's name as the user gave it: a file's or folder's name (``.`` is named); several joined by commas.

    Only the last part of a path names the corpus, so that the same corpus read from another folder (an absolute
    path, another clone) gives the same titles and the same page.
    """
    return ", ".join(Path(p).name or Path(p).resolve().name for p in given)


def _draw(entry: Figure, inputs: ReportInputs) -> Drawing | Omitted:
    """A figure of the registry drawn from the inputs, or why not: the families its tag names, then its recipe."""
    if entry.tag is not None and not inputs.lexicon.tagged(entry.tag):
        return Omitted(f"the lexicon has no family tagged \u201c{entry.tag}\u201d (tags: [{entry.tag}] in a lexicon "
                       "file)")
    return entry.draw(inputs)


def _ungdc_note(ungdc: Any, log: Callable[[str], None]) -> str:
    which = numbers(f for f in FIGURES if f.needs == "ungdc")
    if ungdc is False:
        log(f"report: figures {which} (the UN General Debate Corpus) are skipped, as asked")
        return f"Figures {which}, of the UN General Debate Corpus, were not asked for (--no-ungdc)."
    log(f"report: the UN General Debate Corpus was not found (--ungdc, TOOLKIT_UNGDC or ../shared); figures {which} "
        "are skipped")
    return (f"Figures {which} need the UN General Debate Corpus (--ungdc, TOOLKIT_UNGDC or ../shared/corpora); it "
            "was not found, so they were skipped.")


@renamed(corpus_paths="corpus")
def build_report(corpus: Any, out: Any, *, ungdc: Any = None, attribute: bool = False, lexicon: Lexicon | None = None,
                 columns: dict[str, str] | None = None, delimiter: str | None = None, encoding_errors: str = "strict",
                 pipeline: str | None = None, progress: bool = False, log: Callable[[str], None] | None = None,
                 top_actors: int = TOP_ACTORS, name: str | None = None) -> list[Path]:
    """Build every figure, its table and the HTML page, and write them all into ``out`` at once.

    Parameters
    ----------
    corpus : path or list of paths
        The corpus of the first figures (the shipped ``seeds/`` for ``make report``); ``corpus_paths=`` is
        its old name.
    out : path
        The folder to write into (created if missing); files of the same names are replaced, other files are
        left alone.
    ungdc : path, optional
        The UN General Debate Corpus; without it, its figures are skipped with a note that it was not found
        (``False``: skipped as asked, and the note says so).
    attribute : bool, default False
        Split the texts into statements by actor first (news articles).
    lexicon : Lexicon, optional
        The default lexicon unless given.
    columns, delimiter, encoding_errors
        How to read the corpus, as for :func:`toolkit.io.read_corpus`.
    pipeline : str, optional
        The spaCy pipeline of the attribution.
    progress : bool, default False
        Progress bars on stderr for the long steps (the UN corpus).
    log : callable, optional
        Called with one line for each step (the command line prints them on stderr).
    top_actors : int, default :data:`toolkit.report.tables.TOP_ACTORS`
        The figures by actor show the actors with the most hits, at most this many.
    name : str, optional
        How titles and captions name the corpus (``condemn report --name``); default: the file's name, or the
        folder's name (several joined by commas).

    Returns
    -------
    list of pathlib.Path
        The files written. With ``attribute``, the page and ``log`` say how many hits of the lexicon lie in no
        statement (text of a news article no actor was found to say), when any do.
    """
    check_int(top_actors, "top_actors", owner="build_report", low=1)
    log = log or (lambda message: None)
    given = [corpus] if isinstance(corpus, (str, Path)) else list(corpus)
    check_parameter(given, "corpus", owner="build_report", expected="at least one path", ok=bool(given))
    check_parameter(name, "name", owner="build_report", expected="a non-empty str, or None",
                    ok=name is None or (isinstance(name, str) and bool(name.strip())))
    paths = [Path(p) for p in given]
    stream = iter_corpus(paths, columns=columns, delimiter=delimiter, encoding_errors=encoding_errors)
    documents = collect(stream)
    lexicon = _lexicon(lexicon, "build_report")
    un = None
    notes = [f"Reading the corpus {replacement_summary(stream.replaced, file_names=True)}."] if stream.replaced else []
    for note in notes:
        log(f"report: {note}")
    missing = None
    if ungdc in (None, False):
        missing = _ungdc_note(ungdc, log)
        ungdc = None
    else:
        log(f"report: the UN General Debate Corpus from {ungdc}")
        un = ungdc_tables(ungdc, lexicon, progress=progress, reuse=True)
    name = name if name is not None else _corpus_name(given)
    log(f"report: figures of {name}")
    figures, content = report_figures(documents, lexicon=lexicon, attribute=attribute, ungdc=un, name=name,
                                      top_actors=top_actors, pipeline=pipeline, ungdc_note=missing)
    content.notes[:0] = notes
    files: dict[str, bytes] = {}
    for f in figures:
        log(f"report: {f.name}")
        files[f"{f.name}.png"] = figure_bytes(f.figure, "png", dpi=_DPI)
        files[f"{f.name}.svg"] = figure_bytes(f.figure, "svg")
        files[f"{f.name}.csv"] = render_table(f.table, "csv").encode("utf-8")
    for note in content.notes[len(notes) + (missing is not None):]:
        log(f"report: {note}")
    # Inputs are named by their file or folder name, so the page is the same wherever the inputs lie.
    provenance = [(p.name, file_sha256(p)) for p in paths]
    if ungdc is not None:
        provenance.append((Path(ungdc).name, file_sha256(ungdc)))
    files["report.html"] = render_page(figures, files, content, provenance).encode("utf-8")
    written = write_files(files, out)
    log(f"report: wrote {len(written)} files into {out}")
    return written
