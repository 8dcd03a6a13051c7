"""Decoding bytes as UTF-8, strictly, with errors that name the file, line and byte.

A leading byte-order mark is removed; line ends are kept exactly as in the
file (CRLF stays CRLF, a lone CR stays), so a document's text is the file's
text and every offset points into it. With ``replace`` (the stream's
``encoding_errors="replace"``) each invalid byte becomes U+FFFD and is
counted instead of stopping the read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import InputError

__all__ = ["Replacer", "decode", "read_file", "Lines", "replace_escaped"]

#: Called with a text decoded with ``surrogateescape`` and its source; returns the text with U+FFFD.
Replacer = Callable[[str, str], str]
_ESCAPED = re.compile("[\udc80-\udcff]")  # invalid bytes, as Python's surrogateescape decodes them
_BOM = b"\xef\xbb\xbf"


def replace_escaped(escaped: str) -> tuple[str, int]:
    """The escaped invalid bytes of a decoded text as U+FFFD, and how many there were."""
    return _ESCAPED.subn("\ufffd", escaped)


def decode(data: bytes, source: str, *, replace: Replacer | None = None, line: int | None = None,
           offset: int = 0) -> str:
    """UTF-8 text of ``data`` (a whole file, or one line of it at ``line`` and byte ``offset``).

    A byte-order mark at the start of a file is removed. Errors name the
    source, line and byte offset.

    Examples
    --------
    >>> decode("\\ufeffCafé".encode("utf-8"), "a.txt")
    'Café'
    >>> decode(b"ok\\n\\xff", "a.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    toolkit.errors.InputError: a.txt:2: byte 3: invalid UTF-8 (byte 0xff); the file must be UTF-8 ...
    """
    nul = data.find(b"\x00", 0, 8192 if line is None else len(data))
    if nul >= 0:
        if line is None and data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise InputError("UTF-16 text; convert it to UTF-8", source=source, offset=0)
        raise InputError("binary file, not text (NUL byte)", source=source, line=line, offset=offset + nul)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if replace is None:
            where = line if line is not None else data.count(b"\n", 0, exc.start) + 1
            raise InputError(
                f"invalid UTF-8 (byte 0x{data[exc.start]:02x}); the file must be UTF-8 "
                "(--encoding-errors replace to carry on)",
                source=source, line=where, offset=offset + exc.start,
            ) from None
        text = replace(data.decode("utf-8", errors="surrogateescape"), source)
    return text[1:] if line is None and text.startswith("\ufeff") else text


def read_file(path: Path, source: str, replace: Replacer | None = None) -> str:
    """The decoded text of a file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=source) from None
    return decode(data, source, replace=replace)


class Lines:
    """Decoded lines of a binary file handle, with the current line number and byte offset."""

    def __init__(self, handle, source: str, replace: Replacer | None = None) -> None:
        self._handle = handle
        self._source = source
        self._replace = replace
        self.line = 0
        self.offset = 0

    def __iter__(self) -> Iterator[str]:
        for raw in self._handle:
            self.line += 1
            if self.line == 1 and raw.startswith(_BOM):
                raw, self.offset = raw[len(_BOM):], len(_BOM)
            text = decode(raw, self._source, replace=self._replace, line=self.line, offset=self.offset)
            self.offset += len(raw)
            yield text
