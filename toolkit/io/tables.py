"""Records of tables: CSV, TSV and JSONL rows with the line each starts on."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from .decode import Lines, Replacer

__all__ = ["csv_records", "jsonl_records"]


def csv_records(path: Path, label: str, delimiter: str, replace: Replacer | None = None) -> Iterator[tuple[int, dict]]:
    """``(line, row as a dict)`` of each row of a CSV or TSV file after its header; errors name file and line."""
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
    """``(line, object)`` of each JSON object of a JSONL file; blank lines are passed over."""
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
