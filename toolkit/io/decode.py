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
    """Replace the escaped invalid bytes of a decoded text with U+FFFD, and count them.

    Parameters
    ----------
    escaped : str
        Text decoded with ``errors="surrogateescape"``, in which each
        invalid byte is a lone surrogate (U+DC80 to U+DCFF).

    Returns
    -------
    text : str
        ``escaped`` with each of those surrogates replaced by U+FFFD.
    n_replaced : int
        How many were replaced.

    Examples
    --------
    >>> replace_escaped(b"caf\\xe9 au lait".decode("utf-8", errors="surrogateescape"))
    ('caf\ufffd au lait', 1)
    """
    return _ESCAPED.subn("\ufffd", escaped)


def decode(data: bytes, source: str, *, replace: Replacer | None = None, line: int | None = None,
           offset: int = 0) -> str:
    """Decode ``data`` as UTF-8: a whole file, or one line of it at ``line`` and byte ``offset``.

    A byte-order mark at the start of a whole file is removed (a line's is
    kept: :class:`Lines` removes it from the first line); line ends are kept
    as they are. Errors name the source, line and byte offset.

    Parameters
    ----------
    data : bytes
        The bytes of a whole file, or of one line of it.
    source : str
        The name errors give for the data: a path, or ``archive/member``.
    replace : callable, optional
        Called as ``replace(text, source)`` with the text decoded with
        ``errors="surrogateescape"`` when ``data`` is not valid UTF-8; it
        returns the text to use (:meth:`DocumentStream.replace
        <toolkit.io.stream.DocumentStream.replace>` turns each invalid byte
        into U+FFFD and counts it). By default invalid UTF-8 is an error.
    line : int, optional
        The 1-based line that ``data`` is, when it is one line of a file;
        by default ``data`` is a whole file and errors count its lines.
    offset : int, default 0
        The byte offset of ``data`` in its file, added to the offsets that
        errors name.

    Returns
    -------
    str
        The decoded text, byte-order mark removed (whole files only).

    Raises
    ------
    InputError
        When the data holds a NUL byte (a binary file; only the first 8 KiB
        of a whole file are looked at), is UTF-16 (a whole file starting with
        a UTF-16 byte-order mark and holding a NUL byte), or is not valid
        UTF-8 and ``replace`` is not given: the message names ``source``,
        the line and the byte offset from the start of the file.

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
    """Read a file and decode it as UTF-8 with :func:`decode`.

    Parameters
    ----------
    path : pathlib.Path
        The file to read.
    source : str
        The name errors give for it (usually ``str(path)``; a path relative
        to a folder the user named).
    replace : callable, optional
        What to do with invalid UTF-8, as for :func:`decode`; by default it
        is an error.

    Returns
    -------
    str
        The file's text, byte-order mark removed, line ends as in the file.

    Raises
    ------
    InputError
        When the file cannot be read (missing, a folder, no permission), or
        for the reasons :func:`decode` gives.

    Examples
    --------
    >>> read_file(Path("tests/data/texts/crlf.txt"), "crlf.txt")
    'We reject terrorism in all its\\r\\nforms.\\r\\nOur deepest condolences.\\r\\n'
    >>> read_file(Path("tests/data/missing.txt"), "missing.txt")
    Traceback (most recent call last):
    ...
    toolkit.errors.InputError: missing.txt: cannot read: No such file or directory
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=source) from None
    return decode(data, source, replace=replace)


class Lines:
    """Decoded lines of a binary file handle, with the current line number and byte offset.

    Iterating gives each line decoded with :func:`decode` (line end kept, a
    byte-order mark at the start of the first line removed), so that an
    error names the line and the byte offset where it is.

    Parameters
    ----------
    handle : binary file
        An open binary file (or any iterable of ``bytes`` lines).
    source : str
        The name errors give for it.
    replace : callable, optional
        What to do with invalid UTF-8, as for :func:`decode`; by default it
        is an error.

    Attributes
    ----------
    line : int
        The 1-based number of the line last given (0 before the first).
    offset : int
        The byte offset in the file of the end of the line last given: where
        the next line starts.

    Examples
    --------
    >>> import io
    >>> lines = Lines(io.BytesIO(b"\\xef\\xbb\\xbfone\\r\\ntwo\\n"), "a.txt")
    >>> [(text, lines.line, lines.offset) for text in lines]
    [('one\\r\\n', 1, 8), ('two\\n', 2, 12)]
    """

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
