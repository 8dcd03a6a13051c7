"""The edge that reads and writes: the only package that opens files, reads the environment or package data.

* :mod:`~toolkit.io.readers`: corpora from plain text, CSV/TSV/JSONL tables
  and the UN General Debate Corpus (:func:`read_corpus`, :func:`iter_corpus`);
* :mod:`~toolkit.io.ungdc`: the UN corpus layout and where to find it
  (:func:`locate_ungdc`, ``$TOOLKIT_UNGDC``);
* :mod:`~toolkit.io.decode`: strict UTF-8 with errors that name the place;
* :mod:`~toolkit.io.data`: lexicons, gazetteers and gold tables;
* :mod:`~toolkit.io.write`: tables rendered with rounded floats, and atomic
  writes.
"""

from .data import (
    DATA,
    default_gazetteer,
    default_intensity_scale,
    default_lexicon,
    function_words,
    read_gazetteer,
    read_intensity_scale,
    read_lexicon,
    read_statement_table,
    un_regional_groups,
)
from .readers import DocumentStream, file_sha256, iter_corpus, read_corpus, read_table, read_texts, read_ungdc
from .ungdc import UNGDC_ENV, locate_ungdc, shared_ungdc
from .write import SIGNIFICANT_DIGITS, format_table, render_table, round_floats, write_files, write_table, write_text

__all__ = [
    "DATA", "default_gazetteer", "default_lexicon", "read_gazetteer", "read_lexicon", "read_statement_table",
    "un_regional_groups", "function_words", "read_intensity_scale", "default_intensity_scale",
    "DocumentStream", "file_sha256", "iter_corpus", "read_corpus", "read_table", "read_texts", "read_ungdc",
    "UNGDC_ENV", "locate_ungdc", "shared_ungdc", "SIGNIFICANT_DIGITS", "format_table", "render_table",
    "round_floats", "write_files", "write_table", "write_text",
]
