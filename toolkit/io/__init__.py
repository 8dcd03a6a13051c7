"""The edge that reads and writes: the only package that opens files, reads the environment or package data.

* :mod:`~toolkit.io.readers`: corpora from plain text, CSV/TSV/JSONL tables
  and the UN General Debate Corpus (:func:`read_corpus`, :func:`iter_corpus`);
* :mod:`~toolkit.io.ungdc`: the UN corpus layout and where to find it
  (:func:`locate_ungdc`, ``$TOOLKIT_UNGDC``);
* :mod:`~toolkit.io.decode`: strict UTF-8 with errors that name the place;
* :mod:`~toolkit.io.shipped`: the shipped data files and word lists, the one
  part of ``io`` that the layers below may import;
* :mod:`~toolkit.io.data`: lexicons, gazetteers, scales and gold tables;
* :mod:`~toolkit.io.write`: tables rendered with rounded floats, and atomic
  writes.

The names below are loaded on first use (PEP 562), so that importing
:mod:`toolkit.io.shipped` from a lower layer does not import the readers,
which import those layers: no cycle, whatever is imported first.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .data import (
        default_gazetteer,
        default_intensity_scale,
        default_lexicon,
        function_words,
        read_actor_groups,
        read_gazetteer,
        read_intensity_scale,
        read_lexicon,
        read_statement_table,
        un_regional_groups,
        ungdc_names,
    )
    from .readers import DocumentStream, file_sha256, iter_corpus, read_corpus, read_table, read_texts, read_ungdc
    from .shipped import DATA
    from .stream import replacement_summary
    from .ungdc import UNGDC_ENV, locate_ungdc, shared_ungdc
    from .write import (
        SIGNIFICANT_DIGITS,
        TABLE_EXTENSIONS,
        TABLE_FORMATS,
        format_table,
        lists_as_text,
        render_table,
        round_floats,
        stata_names,
        table_format,
        write_files,
        write_table,
        write_text,
    )

#: Each public name and the module of this package that defines it.
_MODULES = {
    "DATA": "shipped",
    "default_gazetteer": "data", "default_lexicon": "data", "read_gazetteer": "data", "read_lexicon": "data",
    "read_statement_table": "data", "un_regional_groups": "data", "ungdc_names": "data", "function_words": "data",
    "read_intensity_scale": "data", "default_intensity_scale": "data", "read_actor_groups": "data",
    "DocumentStream": "readers", "file_sha256": "readers", "iter_corpus": "readers", "read_corpus": "readers",
    "read_table": "readers", "read_texts": "readers", "read_ungdc": "readers",
    "UNGDC_ENV": "ungdc", "locate_ungdc": "ungdc", "shared_ungdc": "ungdc",
    "replacement_summary": "stream",
    "SIGNIFICANT_DIGITS": "write", "format_table": "write", "render_table": "write", "round_floats": "write",
    "write_files": "write", "write_table": "write", "write_text": "write", "TABLE_EXTENSIONS": "write",
    "TABLE_FORMATS": "write", "lists_as_text": "write", "stata_names": "write", "table_format": "write",
}

__all__ = [
    "DATA", "default_gazetteer", "default_lexicon", "read_gazetteer", "read_lexicon", "read_statement_table",
    "un_regional_groups", "ungdc_names", "function_words", "read_intensity_scale", "default_intensity_scale",
    "read_actor_groups", "DocumentStream", "file_sha256", "iter_corpus", "read_corpus", "read_table", "read_texts",
    "read_ungdc",
    "UNGDC_ENV", "locate_ungdc", "shared_ungdc", "SIGNIFICANT_DIGITS", "format_table", "render_table", "round_floats",
    "write_files", "write_table", "write_text", "replacement_summary", "TABLE_EXTENSIONS", "TABLE_FORMATS",
    "lists_as_text", "stata_names", "table_format",
]


if not TYPE_CHECKING:  # type checkers read the imports above; a misspelt name is an error for them

    def __getattr__(name: str) -> Any:
        if name in _MODULES:
            return getattr(importlib.import_module(f"{__name__}.{_MODULES[name]}"), name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
