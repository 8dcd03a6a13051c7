"""Records of tables: CSV, TSV and JSONL rows with the line each starts on."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from .decode import Lines, Replacer

__all__ = ["DELIMITERS", "csv_records", "jsonl_records"]

#: The extensions of tables and their field delimiters (None: JSON lines), for every reader of tables.
DELIMITERS: dict[str, str | None] = {".csv": ",", ".tsv": "\t", ".tab": "\t", ".jsonl": None, ".ndjson": None}


def csv_records(path: Path, label: str, delimiter: str, replace: Replacer | None = None) -> Iterator[tuple[int, dict]]:
    """Each row of a CSV or TSV file after its header, as a dict, with the line it starts on.

    The file is decoded line by line (:class:`~toolkit.io.decode.Lines`) and
    parsed with :mod:`csv` in strict mode; a quoted cell may span lines, and
    a row is numbered by its first line. Blank lines are passed over. Long
    cells are normal here: the :mod:`csv` module's field size limit is
    raised for the whole process the first time a table is read. The file is
    read lazily, so errors come while iterating; the caller checks that
    ``path`` is a file (an :class:`OSError` is not turned into an
    :class:`~toolkit.errors.InputError`).

    Parameters
    ----------
    path : pathlib.Path
        The file to read.
    label : str
        The name errors give for it.
    delimiter : str
        The field separator: ``","`` for CSV, ``"\\t"`` for TSV.
    replace : callable, optional
        What to do with invalid UTF-8, as for :func:`~toolkit.io.decode.decode`;
        by default it is an error.

    Yields
    ------
    line : int
        The 1-based line the row starts on.
    row : dict of str to str
        The row's cells by column name (the header's).

    Raises
    ------
    InputError
        When the file is empty, its header repeats a column name, a row has
        more or fewer fields than the header, the CSV is malformed (a stray
        quote) or a line is not UTF-8; the message names ``label`` and the
        line.

    Examples
    --------
    >>> rows = csv_records(Path("tests/data/tables/plain.csv"), "plain.csv", ",")
    >>> [(line, row["id"], row["actor"]) for line, row in rows]
    [(2, 'A1', 'Norway'), (3, 'A2', '')]
    """
    limit = csv.field_size_limit()
    if limit < sys.maxsize // 2:  # long texts in one cell are normal here
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with path.open("rb") as handle:
        lines = Lines(handle, label, replace)
        reader = csv.reader(lines, delimiter=delimiter, strict=True)
        try:
            header = next(reader, None)
            if header is None:
                raise InputError("file is empty", source=label)
            duplicates = sorted({h for h in header if header.count(h) > 1})
            if duplicates:
                raise InputError(f"duplicate column name(s) {', '.join(map(repr, duplicates))}", source=label, line=1)
            while True:
                start = lines.line + 1
                row = next(reader, None)
                if row is None:
                    return
                if not row:  # a blank line
                    continue
                if len(row) != len(header):
                    raise InputError(f"row has {len(row)} fields, the header has {len(header)}",
                                     source=label, line=start)
                yield start, dict(zip(header, row))
        except csv.Error as exc:
            raise InputError(f"malformed {'TSV' if delimiter == chr(9) else 'CSV'}: {exc}",
                             source=label, line=lines.line) from None


def jsonl_records(path: Path, label: str, replace: Replacer | None = None) -> Iterator[tuple[int, dict]]:
    """Each JSON object of a JSONL file (one object a line), with its line number.

    Blank lines are passed over. The file is read lazily, so errors come
    while iterating; the caller checks that ``path`` is a file (an
    :class:`OSError` is not turned into an :class:`~toolkit.errors.InputError`).

    Parameters
    ----------
    path : pathlib.Path
        The file to read.
    label : str
        The name errors give for it.
    replace : callable, optional
        What to do with invalid UTF-8, as for :func:`~toolkit.io.decode.decode`;
        by default it is an error.

    Yields
    ------
    line : int
        The object's 1-based line.
    record : dict
        The object, as :func:`json.loads` gives it.

    Raises
    ------
    InputError
        When a line is not valid JSON (the message names the line and
        column), holds a JSON value that is not an object, or is not UTF-8.

    Examples
    --------
    >>> records = jsonl_records(Path("tests/data/tables/statements.jsonl"), "statements.jsonl")
    >>> [(line, record["iso"]) for line, record in records]
    [(1, 'CAN'), (2, 'EU'), (3, 'SWE'), (4, 'QAT')]
    >>> list(jsonl_records(Path("tests/data/tables/plain.csv"), "plain.csv"))
    Traceback (most recent call last):
    ...
    toolkit.errors.InputError: plain.csv:1:1: invalid JSON: Expecting value
    """
    with path.open("rb") as handle:
        lines = Lines(handle, label, replace)
        for text in lines:
            if not text or text.isspace():
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as exc:
                raise InputError(f"invalid JSON: {exc.msg}", source=label, line=lines.line, column=exc.colno) from None
            if not isinstance(record, dict):
                raise InputError(f"expected a JSON object, got {type(record).__name__}", source=label, line=lines.line)
            yield lines.line, record
