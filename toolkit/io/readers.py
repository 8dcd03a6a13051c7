"""Reading corpora from files: plain text, tables and the UN General Debate Corpus.

Loaders
-------
* :func:`read_texts`: a ``.txt`` file or a folder of them, one document per file.
* :func:`read_table`: CSV, TSV or JSONL, one document per row, with a
  column mapping (``columns={"text": "body", "actor": "country"}``).
* :func:`read_ungdc`: the UN General Debate Corpus, from the ``.tgz`` archive
  as published or from its extracted folder.
* :func:`read_corpus`: any of the above, chosen from the path, for one path
  or several.

Each ``read_*`` returns a :class:`~toolkit.text.corpus.Corpus`. For corpora too
large to hold, :func:`iter_corpus` returns a :class:`DocumentStream` that
yields documents one at a time and records what it skipped.

Text is decoded as UTF-8 (strictly: an undecodable byte is an error naming
the file, line and byte offset). A leading byte-order mark is removed; line
ends are kept exactly as in the file (CRLF stays CRLF), so document text is
the file's text and every offset points into it. Files that are not
documents (macOS ``._*`` AppleDouble files, ``.DS_Store``, hidden files,
files of another type inside a folder, empty files inside a folder or
archive) are skipped and recorded with their reason, never dropped silently.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from ..errors import InputError
from ..text.corpus import FIELDS, Corpus, Document, document_from_record
from ..validation import check_choice, check_parameter, check_type, parameter_error
from .decode import read_file
from .stream import DocumentStream, Part, collect, skip_reason, walk
from .tables import DELIMITERS, csv_records, jsonl_records
from .ungdc import UNGDC_ENV, archive_reader, folder_reader, is_ungdc_folder, locate_ungdc

__all__ = ["DocumentStream", "iter_corpus", "read_corpus", "read_texts", "read_table", "read_ungdc", "file_sha256"]

PathLike = str | os.PathLike
_TEXT_SUFFIXES = {".txt"}
_TABLE_SUFFIXES = DELIMITERS
_ARCHIVE_SUFFIXES = (".tgz", ".tar.gz", ".tar")


# ---------------------------------------------------------------------------
# Plain text
# ---------------------------------------------------------------------------
def _text_file(path: Path, label: str) -> Callable[[DocumentStream], Iterator[Document]]:
    def read(stream: DocumentStream) -> Iterator[Document]:
        text = read_file(path, label, stream.replacer)
        if not text or text.isspace():
            raise InputError("file is empty", source=label)
        yield Document(id=path.stem, text=text, source=label)

    return read


def _text_folder(root: Path, label: str) -> Callable[[DocumentStream], Iterator[Document]]:
    def read(stream: DocumentStream) -> Iterator[Document]:
        for path, rel in walk(root, lambda rel, reason: stream.skip(f"{label.rstrip('/')}/{rel}", reason)):
            source = f"{label.rstrip('/')}/{rel}"
            hidden = next((reason for part in rel.split("/") if (reason := skip_reason(part))), None)
            if hidden is not None:
                stream.skip(source, hidden)
                continue
            if path.suffix.lower() not in _TEXT_SUFFIXES:
                stream.skip(source, f"not a .txt file ({path.suffix or 'no extension'})")
                continue
            text = read_file(path, source, stream.replacer)
            if not text or text.isspace():
                stream.skip(source, "empty text")
                continue
            yield Document(id=rel[: -len(path.suffix)], text=text, source=source)

    return read


# ---------------------------------------------------------------------------
# Tables: CSV, TSV, JSONL
# ---------------------------------------------------------------------------
def _check_reading(columns: Mapping[str, str] | None, delimiter: str | None, encoding_errors: str, *,
                   owner: str) -> dict[str, str]:
    """The reading options every reader takes, checked in the name of the function the user called."""
    check_choice(encoding_errors, "encoding_errors", owner=owner, choices=("strict", "replace"))
    check_parameter(delimiter, "delimiter", owner=owner, expected="one character or None",
                    ok=delimiter is None or (isinstance(delimiter, str) and len(delimiter) == 1))
    return _check_columns(columns, owner=owner)


def _check_columns(columns: Mapping[str, str] | None, *, owner: str) -> dict[str, str]:
    if columns is None:
        return {}
    check_type(columns, "columns", owner=owner, types=Mapping, expected="a mapping of field to column name")
    unknown = sorted(set(columns) - set(FIELDS))
    check_parameter(columns, "columns", owner=owner, ok=not unknown,
                    expected=f"a mapping whose fields are among {', '.join(FIELDS)}",
                    got=f"the unknown field(s) {', '.join(map(repr, unknown))}")
    return dict(columns)


def _table_file(path: Path, label: str, columns: dict[str, str], delimiter: str | None,
                ) -> Callable[[DocumentStream], Iterator[Document]]:
    suffix = path.suffix.lower()

    def read(stream: DocumentStream) -> Iterator[Document]:
        if suffix in (".jsonl", ".ndjson"):
            records = jsonl_records(path, label, stream.replacer)
        else:
            records = csv_records(path, label, delimiter or _TABLE_SUFFIXES[suffix] or ",", stream.replacer)
        for number, (line, record) in enumerate(records, start=1):
            doc = document_from_record(record, columns=columns, default_id=f"{path.stem}:{number}",
                                       source=label, line=line)
            if doc is None:
                stream.skip(f"{label}:{line}", "empty text")
                continue
            yield doc

    return read


# ---------------------------------------------------------------------------
# Dispatch
# ---------------------------------------------------------------------------
def _kind(path: Path) -> str:
    name = path.name.lower()
    if path.is_dir():
        return "ungdc-folder" if is_ungdc_folder(path) else "text-folder"
    if name.endswith(_ARCHIVE_SUFFIXES):
        return "ungdc-archive"
    if path.suffix.lower() in _TEXT_SUFFIXES:
        return "text"
    if path.suffix.lower() in _TABLE_SUFFIXES:
        return "table"
    return "unknown"


def _as_paths(paths: PathLike | Iterable[PathLike], owner: str) -> list[Path]:
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    try:
        found = [Path(p) for p in paths]
    except TypeError:
        raise parameter_error(paths, "paths", owner=owner, expected="a path or a list of paths") from None
    return check_parameter(found, "paths", owner=owner, expected="at least one path", ok=bool(found), got="[]")


def iter_corpus(
    paths: PathLike | Iterable[PathLike],
    *,
    columns: Mapping[str, str] | None = None,
    delimiter: str | None = None,
    expect: str | None = None,
    encoding_errors: str = "strict",
) -> DocumentStream:
    """Stream the documents of one or more paths, choosing the reader by path.

    Parameters
    ----------
    paths : path or list of paths
        ``.txt`` files, folders of them, ``.csv``/``.tsv``/``.jsonl`` tables,
        the UNGDC ``.tgz`` archive or its extracted folder.
    columns : mapping, optional
        For tables: field to column name, e.g. ``{"text": "body"}``.
    delimiter : str, optional
        For tables: overrides the delimiter implied by the extension.
    expect : {"text", "table", "ungdc"}, optional
        Refuse paths of another kind (used by the specific readers).
    encoding_errors : {"strict", "replace"}, default "strict"
        Invalid UTF-8 is an error naming the file, line and byte; with
        ``"replace"`` each invalid byte becomes U+FFFD and is counted in the
        stream's ``replaced`` (bytes per source).

    Returns
    -------
    DocumentStream
        Every path is checked before the stream is returned: a missing path or
        an unknown file type raises :class:`~toolkit.errors.InputError` at once.
        Files are read as the stream is iterated, once.

    Raises
    ------
    ParameterError
        When ``paths`` is empty or not a path or list of paths, or an option is not one of its values (the
        message names the reader that passed ``expect``, else ``iter_corpus``; for ``columns``, ``read_table``).
    InputError
        When a path does not exist, is of an unsupported type, or is not of the ``expect`` kind.

    Examples
    --------
    >>> stream = iter_corpus(["tests/data/tables/plain.csv", "tests/data/ungdc_mini"])
    >>> [doc.id for doc in stream], len(stream.skipped)
    (['A1', 'A2', 'NOR_01_1946', 'EU_79_2024', 'PAK_79_2024'], 5)
    """
    owner = {"text": "read_texts", "table": "read_table", "ungdc": "read_ungdc"}.get(expect or "", "iter_corpus")
    columns = _check_reading(columns, delimiter, encoding_errors, owner=owner)
    parts = []
    for path in _as_paths(paths, owner):
        label = str(path)
        if not path.exists():
            raise InputError("no such file or folder", source=label)
        kind = _kind(path)
        family = {"text": "text", "text-folder": "text", "table": "table",
                  "ungdc-folder": "ungdc", "ungdc-archive": "ungdc"}.get(kind)
        if family is None:
            raise InputError(
                f"unsupported file type {path.suffix or '(no extension)'!r}: expected .txt, a folder, "
                ".csv, .tsv, .jsonl, or the UN General Debate Corpus .tgz",
                source=label,
            )
        if expect is not None and family != expect:
            raise InputError(f"{owner} reads {expect} input, and this is {family} input", source=label)
        if kind == "text":
            read = _text_file(path, label)
        elif kind == "text-folder":
            read = _text_folder(path, label)
        elif kind == "table":
            read = _table_file(path, label, columns, delimiter)
        elif kind == "ungdc-folder":
            read = folder_reader(path, label)
        else:
            read = archive_reader(path, label)
        parts.append(Part(label, read))
    return DocumentStream(parts, encoding_errors)


def read_corpus(paths: PathLike | Iterable[PathLike], *, columns: Mapping[str, str] | None = None,
                delimiter: str | None = None, encoding_errors: str = "strict") -> Corpus:
    """Read one or more paths of any supported kind into a :class:`~toolkit.text.corpus.Corpus`.

    The reader is chosen from each path as in :func:`iter_corpus`: a
    ``.txt`` file or a folder of them (:func:`read_texts`), a ``.csv``,
    ``.tsv`` or ``.jsonl`` table (:func:`read_table`), the UN General Debate
    Corpus's archive or extracted folder (:func:`read_ungdc`).

    Parameters
    ----------
    paths : str, os.PathLike, or list of them
        The files and folders to read, in order; the documents of all of them
        make one corpus, so their ids must be distinct.
    columns : mapping, optional
        For tables: field to column name, as for :func:`read_table`.
    delimiter : str, optional
        For tables: one character, instead of the delimiter the extension
        implies.
    encoding_errors : {"strict", "replace"}, default "strict"
        Invalid UTF-8 is an error naming the file, line and byte; with
        ``"replace"`` each invalid byte becomes U+FFFD.

    Returns
    -------
    Corpus
        The documents in the order read; ``corpus.skipped`` lists every file
        or row passed over (hidden and macOS files, empty texts, files of
        another type inside a folder) with its reason.

    Raises
    ------
    ParameterError
        When ``paths`` or an option is not one of the values above.
    InputError
        When a path does not exist or is of an unsupported type, when a file
        cannot be read or decoded or a table row is malformed (naming the
        file and line), when two documents share an id, and when no document
        is found.

    Examples
    --------
    >>> seed = Path(__file__).parents[2] / "seeds" / "000_41fac0b0c36391c2.txt"  # the project's seed
    >>> corpus = read_corpus(seed)
    >>> [(d.id, len(d.text)) for d in corpus]
    [('000_41fac0b0c36391c2', 3708)]
    >>> corpus = read_corpus(["tests/data/tables/plain.csv", "tests/data/texts/curly.txt"])
    >>> [(d.id, d.actor) for d in corpus]
    [('A1', 'Norway'), ('A2', None), ('curly', None)]
    """
    _check_reading(columns, delimiter, encoding_errors, owner="read_corpus")
    found = _as_paths(paths, "read_corpus")
    return collect(iter_corpus(found, columns=columns, delimiter=delimiter, encoding_errors=encoding_errors))


def read_texts(paths: PathLike | Iterable[PathLike], *, encoding_errors: str = "strict") -> Corpus:
    """Read ``.txt`` files, or folders of them, one document per file.

    A file's document id is its name without ``.txt``; inside a folder, its
    path relative to the folder (``2025/statement-01``). Inside a folder,
    files are read in name order, each folder's before its subfolders';
    hidden and macOS files, files of another type and empty files are
    skipped and recorded. A symbolic link inside a folder is followed, to a
    file or a folder, as if it were there; a link that leads nowhere, loops
    back to a folder that holds it, or is a second way to a file or folder
    already read is skipped and recorded (see
    :func:`~toolkit.io.stream.walk`).

    Parameters
    ----------
    paths : str, os.PathLike, or list of them
        ``.txt`` files and folders holding them.
    encoding_errors : {"strict", "replace"}, default "strict"
        Invalid UTF-8 is an error naming the file, line and byte; with
        ``"replace"`` each invalid byte becomes U+FFFD.

    Returns
    -------
    Corpus
        One document per file, without actor or date; ``corpus.skipped``
        lists what was passed over, with the reason.

    Raises
    ------
    ParameterError
        When ``paths`` is empty or not a path or list of paths, or
        ``encoding_errors`` is not one of its values.
    InputError
        When a path does not exist or is not text input (a table, the UN
        corpus), when a ``.txt`` file named directly is empty, when a file
        cannot be read or (strictly) is not UTF-8, when two documents share an id, and
        when no document is found.

    Examples
    --------
    >>> corpus = read_texts("tests/data/texts")
    >>> [doc.id for doc in corpus]
    ['bom', 'crlf', 'curly', 'sub/nested']
    >>> [(s.source, s.reason) for s in corpus.skipped][2:]
    [('tests/data/texts/empty.txt', 'empty text'), ('tests/data/texts/notes.md', 'not a .txt file (.md)')]
    """
    return collect(iter_corpus(paths, expect="text", encoding_errors=encoding_errors))


def read_table(paths: PathLike | Iterable[PathLike], *, columns: Mapping[str, str] | None = None,
               delimiter: str | None = None, encoding_errors: str = "strict") -> Corpus:
    """Read CSV, TSV or JSONL files, one document per row.

    The format comes from the extension: ``.csv``; ``.tsv`` or ``.tab``;
    ``.jsonl`` or ``.ndjson`` (one JSON object a line). CSV and TSV files
    need a header row. Rows whose text is missing or empty are skipped and
    recorded as ``file:line``.

    Parameters
    ----------
    paths : str, os.PathLike, or list of them
        The table files, in order.
    columns : mapping, optional
        Field to column name for the fields ``id``, ``text``, ``actor``,
        ``actor_id``, ``date`` and ``year``. A field not mapped is read from
        the column of its own name when there is one; only ``text`` is
        required. Other columns are kept in each document's ``meta``.
        Rows without an id get ``<file stem>:<row number>``.
    delimiter : str, optional
        One character that overrides ``,`` for ``.csv`` and tab for ``.tsv``
        (JSONL files ignore it).
    encoding_errors : {"strict", "replace"}, default "strict"
        Invalid UTF-8 is an error naming the file, line and byte; with
        ``"replace"`` each invalid byte becomes U+FFFD.

    Returns
    -------
    Corpus
        One document per row with text, in file order; ``date`` and ``year``
        read by :func:`toolkit.text.corpus.parse_date` (ISO forms only; a
        year alone sets ``year``), ``year`` taken from the date when not
        given; ``corpus.skipped`` lists the rows passed over.

    Raises
    ------
    ParameterError
        When ``paths`` is empty, ``columns`` maps a field not among ``id``,
        ``text``, ``actor``, ``actor_id``, ``date`` and ``year``,
        ``delimiter`` is not one character, or ``encoding_errors`` is not one
        of its values.
    InputError
        When a path does not exist or is not a table; and, naming the file
        and line, when a mapped column is missing, a row has more or fewer
        fields than the header, a line is not valid JSON, a date or year
        cannot be read (or the two disagree), or two rows share an id.

    Examples
    --------
    >>> corpus = read_table("tests/data/tables/statements.jsonl",
    ...                     columns={"id": "ref", "text": "body", "actor": "country", "actor_id": "iso",
    ...                              "date": "published"})
    >>> [(doc.id, doc.actor_id, str(doc.date), dict(doc.meta)) for doc in corpus][:2]
    [('s1', 'CAN', '2025-03-14', {'outlet': 'Test Wire'}), ('s2', 'EU', '2025-03-15', {'outlet': 'Test Wire'})]
    >>> corpus.skipped
    (Skipped(source='tests/data/tables/statements.jsonl:3', reason='empty text'),)
    """
    return collect(iter_corpus(paths, columns=columns, delimiter=delimiter, expect="table",
                               encoding_errors=encoding_errors))


def read_ungdc(path: PathLike | None = None) -> Corpus:
    """Read the UN General Debate Corpus from its ``.tgz`` archive or extracted folder.

    ``path`` defaults to the ``TOOLKIT_UNGDC`` environment variable. Each
    speech ``Session NN - YYYY/ISO_NN_YYYY.txt`` becomes a document with id
    ``ISO_NN_YYYY``, ``actor`` the state's name ("Slovenia") and ``actor_id``
    the ISO 3166-1 alpha-3 code ("SVN"; ``EU`` for the European Union, and
    the former codes of states that no longer exist, such as ``YUG``: see
    :func:`~toolkit.io.ungdc.speech_actor`), ``year`` and
    ``meta["session"]``. Everything
    else in the archive is skipped and recorded. For a streaming read, use
    ``iter_corpus(path)``, which holds one speech at a time.

    Parameters
    ----------
    path : str or os.PathLike, optional
        The archive (``.tgz``, ``.tar.gz`` or ``.tar``), or the extracted
        folder (the one holding ``TXT``, ``TXT`` itself, or one
        ``Session NN - YYYY`` folder); by default ``$TOOLKIT_UNGDC``.

    Returns
    -------
    Corpus
        One document per speech, in archive (or folder) order;
        ``corpus.skipped`` lists the other files with the reason.

    Raises
    ------
    ParameterError
        When ``path`` is not given and ``$TOOLKIT_UNGDC`` is not set.
    InputError
        When the path does not exist or is not laid out as the corpus, when
        the archive is unreadable or truncated, or when a speech is not UTF-8.

    Examples
    --------
    >>> corpus = read_ungdc("tests/data/ungdc_mini")  # a miniature of the layout
    >>> [(doc.id, doc.actor, doc.actor_id, doc.year, doc.meta["session"]) for doc in corpus]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('NOR_01_1946', 'Norway', 'NOR', 1946, 1), ('EU_79_2024', 'European Union', 'EU', 2024, 79),
     ('PAK_79_2024', 'Pakistan', 'PAK', 2024, 79)]
    >>> corpus.skipped[-1].reason
    "file name disagrees with its folder 'Session 79 - 2024'"
    """
    found = locate_ungdc(path)
    check_parameter(path, "path", owner="read_ungdc", ok=found is not None,
                    expected=f"the corpus archive or folder when ${UNGDC_ENV} is not set")
    assert found is not None
    return collect(iter_corpus(found, expect="ungdc"))


def file_sha256(path: PathLike) -> str:
    """The SHA-256 of a file (or of every file of a folder, in sorted order), for provenance.

    For a folder, each file's path relative to the folder (with ``/``,
    followed by a NUL byte) and then its bytes are hashed, file after file
    in sorted order, hidden files included: a renamed file changes the
    digest too. Files are read in blocks of 1 MiB.

    Parameters
    ----------
    path : str or os.PathLike
        A file or a folder.

    Returns
    -------
    str
        The digest as 64 hexadecimal digits.

    Raises
    ------
    InputError
        When the path does not exist or a file cannot be read.

    Examples
    --------
    >>> import hashlib
    >>> seed = "seeds/000_41fac0b0c36391c2.txt"
    >>> file_sha256(seed) == hashlib.sha256(Path(seed).read_bytes()).hexdigest()
    True
    """
    path = Path(path)
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    try:
        for file in files:
            if path.is_dir():
                digest.update(file.relative_to(path).as_posix().encode("utf-8") + b"\0")
            with open(file, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=str(path)) from None
    return digest.hexdigest()
