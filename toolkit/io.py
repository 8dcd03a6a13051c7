"""Reading corpora from files: the only module that opens files or reads the environment.

Loaders
-------
* :func:`read_texts`: a ``.txt`` file or a folder of them, one document per file.
* :func:`read_table`: CSV, TSV or JSONL, one document per row, with a
  column mapping (``columns={"text": "body", "actor": "country"}``).
* :func:`read_ungdc`: the UN General Debate Corpus, from the ``.tgz`` archive
  as published or from its extracted folder.
* :func:`read_corpus`: any of the above, chosen from the path, for one path
  or several.
* :func:`read_lexicon` and :func:`default_lexicon`: formula lexicons (YAML).
* :func:`write_table`: a table written atomically as CSV, JSONL or a text table.

Each ``read_*`` returns a :class:`~toolkit.corpus.Corpus`. For corpora too
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

import csv
import hashlib
import json
import os
import re
import shutil
import sys
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

import pandas as pd

from .corpus import FIELDS, Corpus, Document, Skipped, document_from_record
from .errors import InputError, ParameterError
from .actors import Entity, Gazetteer
from .lexicon import Lexicon, parse_lexicon

__all__ = [
    "DocumentStream",
    "iter_corpus",
    "read_corpus",
    "read_texts",
    "read_table",
    "read_ungdc",
    "locate_ungdc",
    "read_lexicon",
    "default_lexicon",
    "read_gazetteer",
    "default_gazetteer",
    "read_statement_table",
    "format_table",
    "render_table",
    "write_table",
    "write_text",
    "UNGDC_ENV",
]

#: The environment variable naming the UN General Debate Corpus archive or folder.
UNGDC_ENV = "TOOLKIT_UNGDC"

_TEXT_SUFFIXES = {".txt"}
_TABLE_SUFFIXES = {".csv": ",", ".tsv": "\t", ".tab": "\t", ".jsonl": None, ".ndjson": None}
_ARCHIVE_SUFFIXES = (".tgz", ".tar.gz", ".tar")

_SESSION_DIR = re.compile(r"Session (\d+) - (\d{4})")
_ESCAPED = re.compile("[\udc80-\udcff]")  # invalid bytes, as Python's surrogateescape decodes them
_SPEECH = re.compile(r"(?:^|.*/)Session (\d+) - (\d{4})/([A-Z]{2,4})_(\d+)_(\d{4})\.txt")
_SPEECH_NAME = re.compile(r"([A-Z]{2,4})_(\d+)_(\d{4})\.txt")

PathLike = str | os.PathLike


# ---------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------
def _decode(data: bytes, source: str, stream: "DocumentStream | None" = None) -> str:
    """UTF-8 text of a file's bytes, BOM removed; errors name file, line, byte.

    When the stream was opened with ``encoding_errors="replace"``, each
    invalid byte becomes U+FFFD instead and the stream counts it.
    """
    nul = data.find(b"\x00", 0, 8192)
    if nul >= 0:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise InputError("UTF-16 text; convert it to UTF-8", source=source, offset=0)
        raise InputError("binary file, not text (NUL byte)", source=source, offset=nul)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if stream is not None and stream.encoding_errors == "replace":
            text = stream.replace(data.decode("utf-8", errors="surrogateescape"), source)
        else:
            line = data.count(b"\n", 0, exc.start) + 1
            raise InputError(
                f"invalid UTF-8 (byte 0x{data[exc.start]:02x}); the file must be UTF-8 "
                "(--encoding-errors replace to carry on)",
                source=source, line=line, offset=exc.start,
            ) from None
    return text[1:] if text.startswith("\ufeff") else text


def _read_file(path: Path, source: str, stream: "DocumentStream | None" = None) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=source) from None
    return _decode(data, source, stream)


# ---------------------------------------------------------------------------
# The stream
# ---------------------------------------------------------------------------
@dataclass
class _Part:
    label: str
    read: Callable[["DocumentStream"], Iterator[Document]]


class DocumentStream:
    """Documents read one at a time, with a record of what was skipped.

    Iterate over it once. Document ids are checked for uniqueness across all
    paths as they arrive. When iteration ends, :attr:`skipped` lists every
    file or row passed over, with its reason; a stream that yields no
    document at all raises :class:`~toolkit.errors.InputError`.
    """

    def __init__(self, parts: list[_Part], encoding_errors: str = "strict") -> None:
        self._parts = parts
        self.skipped: list[Skipped] = []
        self.encoding_errors = encoding_errors
        #: Invalid bytes replaced by U+FFFD, per source (``encoding_errors="replace"`` only).
        self.replaced: dict[str, int] = {}
        self._used = False

    def replace(self, escaped: str, source: str) -> str:
        """Turn the escaped invalid bytes of a decoded text into U+FFFD, counting them for ``source``."""
        text, n = _ESCAPED.subn("\ufffd", escaped)
        self.replaced[source] = self.replaced.get(source, 0) + n
        return text

    @property
    def sources(self) -> list[str]:
        """The paths the stream reads."""
        return [part.label for part in self._parts]

    def skip(self, source: str, reason: str) -> None:
        self.skipped.append(Skipped(source, reason))

    def __iter__(self) -> Iterator[Document]:
        if self._used:
            raise RuntimeError("a DocumentStream can be iterated only once; call iter_corpus again")
        self._used = True
        seen: dict[str, str | None] = {}
        for part in self._parts:
            for doc in part.read(self):
                if doc.id in seen:
                    raise InputError(
                        f"duplicate document id {doc.id!r} (also in {seen[doc.id]})", source=doc.source
                    )
                seen[doc.id] = doc.source
                yield doc
        if not seen:
            raise InputError("no documents found", source=", ".join(self.sources))


def _collect(stream: DocumentStream) -> Corpus:
    documents = tuple(stream)
    return Corpus(documents, tuple(stream.skipped))


# ---------------------------------------------------------------------------
# Plain text
# ---------------------------------------------------------------------------
def _skip_reason(name: str) -> str | None:
    if name.startswith("._"):
        return "macOS AppleDouble file, not a document"
    if name == ".DS_Store":
        return "macOS folder metadata (.DS_Store)"
    if name.startswith("."):
        return "hidden file"
    return None


def _text_file(path: Path, label: str) -> Callable[[DocumentStream], Iterator[Document]]:
    def read(stream: DocumentStream) -> Iterator[Document]:
        text = _read_file(path, label, stream)
        if not text or text.isspace():
            raise InputError("file is empty", source=label)
        yield Document(id=path.stem, text=text, source=label)

    return read


def _walk(root: Path) -> Iterator[tuple[Path, str]]:
    """Files under ``root`` in sorted order, as (path, relative posix name); hidden folders included."""
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        rel_folder = Path(folder).relative_to(root)
        for name in sorted(files):
            yield Path(folder) / name, (rel_folder / name).as_posix()


def _text_folder(root: Path, label: str) -> Callable[[DocumentStream], Iterator[Document]]:
    def read(stream: DocumentStream) -> Iterator[Document]:
        for path, rel in _walk(root):
            source = f"{label.rstrip('/')}/{rel}"
            hidden = next((part for part in rel.split("/") if _skip_reason(part)), None)
            if hidden is not None:
                stream.skip(source, _skip_reason(hidden))
                continue
            if path.suffix.lower() not in _TEXT_SUFFIXES:
                stream.skip(source, f"not a .txt file ({path.suffix or 'no extension'})")
                continue
            text = _read_file(path, source, stream)
            if not text or text.isspace():
                stream.skip(source, "empty text")
                continue
            yield Document(id=rel[: -len(path.suffix)], text=text, source=source)

    return read


# ---------------------------------------------------------------------------
# Tables: CSV, TSV, JSONL
# ---------------------------------------------------------------------------
class _Lines:
    """Decoded lines of a file, with the current line number and byte offset."""

    def __init__(self, handle, source: str, stream: DocumentStream | None = None) -> None:
        self._handle = handle
        self._source = source
        self._stream = stream
        self.line = 0
        self.offset = 0

    def __iter__(self) -> Iterator[str]:
        for raw in self._handle:
            self.line += 1
            if self.line == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw, self.offset = raw[3:], 3
            if b"\x00" in raw:
                raise InputError("binary file, not text (NUL byte)", source=self._source,
                                 line=self.line, offset=self.offset + raw.index(b"\x00"))
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                if self._stream is not None and self._stream.encoding_errors == "replace":
                    text = self._stream.replace(raw.decode("utf-8", errors="surrogateescape"), self._source)
                else:
                    raise InputError(
                        f"invalid UTF-8 (byte 0x{raw[exc.start]:02x}); the file must be UTF-8 "
                        "(--encoding-errors replace to carry on)",
                        source=self._source, line=self.line, offset=self.offset + exc.start,
                    ) from None
            self.offset += len(raw)
            yield text


def _check_columns(columns: Mapping[str, str] | None) -> dict[str, str]:
    if columns is None:
        return {}
    if not isinstance(columns, Mapping):
        raise ParameterError(
            f"The 'columns' parameter of read_table must be a mapping of field to column name. "
            f"Got {type(columns).__name__} instead."
        )
    unknown = sorted(set(columns) - set(FIELDS))
    if unknown:
        raise ParameterError(
            f"The 'columns' parameter of read_table names unknown field(s) {', '.join(map(repr, unknown))}; "
            f"the fields are {', '.join(FIELDS)}."
        )
    return dict(columns)


def _csv_records(path: Path, label: str, delimiter: str, stream: DocumentStream | None = None
                 ) -> Iterator[tuple[int, dict]]:
    limit = csv.field_size_limit()
    if limit < sys.maxsize // 2:  # long texts in one cell are normal here
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with path.open("rb") as handle:
        lines = _Lines(handle, label, stream)
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


def _jsonl_records(path: Path, label: str, stream: DocumentStream | None = None) -> Iterator[tuple[int, dict]]:
    with path.open("rb") as handle:
        lines = _Lines(handle, label, stream)
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


def _table_file(path: Path, label: str, columns: dict[str, str], delimiter: str | None,
                ) -> Callable[[DocumentStream], Iterator[Document]]:
    suffix = path.suffix.lower()

    def read(stream: DocumentStream) -> Iterator[Document]:
        if suffix in (".jsonl", ".ndjson"):
            records = _jsonl_records(path, label, stream)
        else:
            records = _csv_records(path, label, delimiter or _TABLE_SUFFIXES[suffix], stream)
        for number, (line, record) in enumerate(records, start=1):
            doc = document_from_record(record, columns=columns, default_id=f"{path.stem}:{number}",
                                       source=label, line=line)
            if doc is None:
                stream.skip(f"{label}:{line}", "empty text")
                continue
            yield doc

    return read


# ---------------------------------------------------------------------------
# UN General Debate Corpus
# ---------------------------------------------------------------------------
def _speech(name: str) -> tuple[str, int, int, str] | str:
    """``(iso, session, year, doc_id)`` for a speech file's path, or why it is not one."""
    base = name.rsplit("/", 1)[-1]
    reason = _skip_reason(base)
    if reason:
        return reason
    match = _SPEECH.fullmatch(name)
    if match is None:
        if _SPEECH_NAME.fullmatch(base):
            return "speech file outside a 'Session NN - YYYY' folder"
        return "not a speech file (expected Session NN - YYYY/ISO_NN_YYYY.txt)"
    session, year, iso, file_session, file_year = match.groups()
    if int(session) != int(file_session) or year != file_year:
        return f"file name disagrees with its folder 'Session {session} - {year}'"
    return iso, int(session), int(year), base[:-4]


def _speech_document(text: str, found: tuple[str, int, int, str], source: str) -> Document:
    iso, session, year, doc_id = found
    return Document(id=doc_id, text=text, source=source, actor=iso, actor_id=iso, year=year,
                    meta={"session": session})


def _ungdc_archive(path: Path, label: str) -> Callable[[DocumentStream], Iterator[Document]]:
    def read(stream: DocumentStream) -> Iterator[Document]:
        reading = None  # the member whose bytes are being read, to name it in errors
        try:
            with tarfile.open(path, mode="r|*") as archive:
                # Read member by member; forgetting each header keeps memory flat.
                while (member := archive.next()) is not None:
                    archive.members.clear()
                    if not member.isfile():
                        continue
                    source = f"{label}/{member.name}"
                    found = _speech(member.name)
                    if isinstance(found, str):
                        stream.skip(source, found)
                        continue
                    reading = member.name
                    data = archive.extractfile(member).read()
                    reading = None
                    text = _decode(data, source, stream)
                    if not text or text.isspace():
                        stream.skip(source, "empty text")
                        continue
                    yield _speech_document(text, found, source)
        except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
            where = f"{label}/{reading}" if reading else label
            raise InputError(f"unreadable archive: {exc}", source=where) from None

    return read


def _ungdc_folder(root: Path, label: str) -> Callable[[DocumentStream], Iterator[Document]]:
    # Paths are matched relative to the folder above ``root`` so that a single
    # "Session NN - YYYY" folder is recognised too.
    def read(stream: DocumentStream) -> Iterator[Document]:
        for path, rel in _walk(root):
            source = f"{label.rstrip('/')}/{rel}"
            found = _speech(f"{root.name}/{rel}")
            if isinstance(found, str):
                stream.skip(source, found)
                continue
            text = _read_file(path, source, stream)
            if not text or text.isspace():
                stream.skip(source, "empty text")
                continue
            yield _speech_document(text, found, source)

    return read


def _is_ungdc_folder(root: Path) -> bool:
    if _SESSION_DIR.fullmatch(root.name):
        return True
    for child in (root, root / "TXT"):
        if child.is_dir() and any(p.is_dir() and _SESSION_DIR.fullmatch(p.name) for p in child.iterdir()):
            return True
    return False


def locate_ungdc(path: PathLike | None = None) -> Path | None:
    """The UN General Debate Corpus: ``path`` if given, else ``$TOOLKIT_UNGDC``, else None.

    Raises :class:`~toolkit.errors.InputError` when the named path does not exist.
    """
    origin = "argument"
    if path is None:
        path, origin = os.environ.get(UNGDC_ENV) or None, f"${UNGDC_ENV}"
    if path is None:
        return None
    found = Path(path)
    if not found.exists():
        raise InputError(f"the UN General Debate Corpus named by {origin} does not exist", source=str(path))
    return found


def shared_ungdc() -> Path | None:
    """The archive in the project's ``../shared/corpora`` folder, if it is there.

    Looked for beside the current folder and beside the toolkit's own
    checkout, so that ``make report`` finds it in a clone with ``../shared``
    next to it.
    """
    name = Path("shared", "corpora", "UNGDC_1946-2024.tgz")
    for root in (Path.cwd(), Path(__file__).resolve().parents[1]):
        candidate = root.parent / name
        if candidate.is_file():
            return candidate
    return None


def file_sha256(path: PathLike) -> str:
    """The SHA-256 of a file (or of every file of a folder, in sorted order), for provenance."""
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


# ---------------------------------------------------------------------------
# Dispatch
# ---------------------------------------------------------------------------
def _kind(path: Path) -> str:
    name = path.name.lower()
    if path.is_dir():
        return "ungdc-folder" if _is_ungdc_folder(path) else "text-folder"
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
        paths = [Path(p) for p in paths]
    except TypeError:
        raise ParameterError(
            f"The 'paths' parameter of {owner} must be a path or a list of paths. Got {paths!r} instead."
        ) from None
    if not paths:
        raise ParameterError(f"The 'paths' parameter of {owner} must name at least one path. Got [] instead.")
    return paths


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
    """
    owner = {"text": "read_texts", "table": "read_table", "ungdc": "read_ungdc"}.get(expect, "iter_corpus")
    if encoding_errors not in ("strict", "replace"):
        raise ParameterError(f"The 'encoding_errors' parameter of {owner} must be 'strict' or 'replace'. "
                             f"Got {encoding_errors!r} instead.")
    columns = _check_columns(columns)
    if delimiter is not None and (not isinstance(delimiter, str) or len(delimiter) != 1):
        raise ParameterError(f"The 'delimiter' parameter of {owner} must be one character. Got {delimiter!r} instead.")
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
            read = _ungdc_folder(path, label)
        else:
            read = _ungdc_archive(path, label)
        parts.append(_Part(label, read))
    return DocumentStream(parts, encoding_errors)


def read_corpus(paths: PathLike | Iterable[PathLike], *, columns: Mapping[str, str] | None = None,
                delimiter: str | None = None, encoding_errors: str = "strict") -> Corpus:
    """Read one or more paths of any supported kind into a :class:`~toolkit.corpus.Corpus`.

    Examples
    --------
    >>> seed = Path(__file__).parents[1] / "seeds" / "000_41fac0b0c36391c2.txt"  # the project's seed
    >>> corpus = read_corpus(seed)
    >>> [(d.id, len(d.text)) for d in corpus]
    [('000_41fac0b0c36391c2', 3708)]
    """
    return _collect(iter_corpus(paths, columns=columns, delimiter=delimiter, encoding_errors=encoding_errors))


def read_texts(paths: PathLike | Iterable[PathLike]) -> Corpus:
    """Read ``.txt`` files, or folders of them, one document per file.

    A file's document id is its name without ``.txt``; inside a folder, its
    path relative to the folder (``2025/statement-01``).
    """
    return _collect(iter_corpus(paths, expect="text"))


def read_table(paths: PathLike | Iterable[PathLike], *, columns: Mapping[str, str] | None = None,
               delimiter: str | None = None) -> Corpus:
    """Read CSV, TSV or JSONL files, one document per row.

    Parameters
    ----------
    columns : mapping, optional
        Field to column name for the fields ``id``, ``text``, ``actor``,
        ``actor_id``, ``date`` and ``year``. A field not mapped is read from
        the column of its own name when there is one; only ``text`` is
        required. Other columns are kept in each document's ``meta``.
        Rows without an id get ``<file stem>:<row number>``.
    delimiter : str, optional
        Overrides ``,`` for ``.csv`` and tab for ``.tsv``.
    """
    return _collect(iter_corpus(paths, columns=columns, delimiter=delimiter, expect="table"))


def read_ungdc(path: PathLike | None = None) -> Corpus:
    """Read the UN General Debate Corpus from its ``.tgz`` archive or extracted folder.

    ``path`` defaults to the ``TOOLKIT_UNGDC`` environment variable. Each
    speech ``Session NN - YYYY/ISO_NN_YYYY.txt`` becomes a document with id
    ``ISO_NN_YYYY``, actor and ``actor_id`` the ISO 3166-1 alpha-3 code (``EU``
    for the European Union), ``year`` and ``meta["session"]``. Everything
    else in the archive is skipped and recorded. For a streaming read, use
    ``iter_corpus(path)``.
    """
    found = locate_ungdc(path)
    if found is None:
        raise ParameterError(
            f"The 'path' parameter of read_ungdc must name the corpus archive or folder when ${UNGDC_ENV} "
            "is not set. Got None instead."
        )
    return _collect(iter_corpus(found, expect="ungdc"))


# ---------------------------------------------------------------------------
# Lexicons
# ---------------------------------------------------------------------------
_DEFAULT_LEXICON = Path(__file__).with_name("data") / "lexicon.yaml"


def read_lexicon(path: PathLike) -> Lexicon:
    """Read a lexicon file (YAML; see :func:`toolkit.lexicon.parse_lexicon` for the format).

    Errors name the file, line and column.
    """
    label = str(path)
    path = Path(path)
    if not path.is_file():
        raise InputError("no such lexicon file" if not path.exists() else "a lexicon must be a file", source=label)
    text = _read_file(path, label)
    if not text.strip():
        raise InputError("the lexicon file is empty", source=label)
    return parse_lexicon(text, source=label)


def default_lexicon() -> Lexicon:
    """The lexicon shipped with the toolkit (``toolkit/data/lexicon.yaml``).

    Examples
    --------
    >>> lexicon = default_lexicon()
    >>> len(lexicon.families) >= 12, lexicon.family("all_forms").canonical
    (True, 'terrorism in all its forms and manifestations')
    """
    lexicon = read_lexicon(_DEFAULT_LEXICON)
    lexicon.name = "default"
    return lexicon


# ---------------------------------------------------------------------------
# Writing tables
# ---------------------------------------------------------------------------
def _cell(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return " ".join(str(value).split())


def _json_value(value):
    """A table cell as a JSON value: missing values become null, numpy scalars plain numbers."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def format_table(frame, *, max_width: int = 60) -> str:
    """A plain-text table for the terminal: whitespace inside cells collapsed, long cells cut.

    Numbers are right-aligned; text is left-aligned. Nothing is lost in CSV or
    JSONL output, which keep every value verbatim.
    """
    columns = [str(c) for c in frame.columns]
    rows = [[_cell(v) for v in record] for record in frame.itertuples(index=False, name=None)]
    rows = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in r] for r in rows]
    numeric = [frame[c].dtype.kind in "iuf" for c in frame.columns]
    widths = [max([len(h)] + [len(r[k]) for r in rows]) for k, h in enumerate(columns)]

    def line(cells):
        return "  ".join(c.rjust(w) if num else c.ljust(w) for c, w, num in zip(cells, widths, numeric)).rstrip()

    return "\n".join([line(columns), line(["-" * w for w in widths])] + [line(r) for r in rows]) + "\n"


def render_table(frame, fmt: str) -> str:
    """``frame`` as CSV, JSONL or a terminal table (the formats of the command line)."""
    if fmt == "csv":
        return frame.to_csv(index=False, lineterminator="\n")
    if fmt == "jsonl":
        return "".join(json.dumps({k: _json_value(v) for k, v in record.items()}, ensure_ascii=False) + "\n"
                       for record in frame.to_dict("records"))
    if fmt == "table":
        return format_table(frame)
    raise ParameterError(f"The 'fmt' parameter of render_table must be 'csv', 'jsonl' or 'table'. Got {fmt!r} instead.")


def write_text(text: str, path: PathLike) -> None:
    """Write ``text`` to ``path`` atomically: a temporary file in the same folder, then a rename.

    A failure leaves any previous file at ``path`` untouched.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise InputError("the folder to write into does not exist", source=str(path.parent))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", source=str(path)) from None
    finally:
        if tmp.exists():
            tmp.unlink()


def write_files(files: Mapping[str, bytes], folder: PathLike) -> list[Path]:
    """Write a set of files into ``folder`` (created if missing) only once all of them are ready.

    Every file is first written into a temporary folder beside ``folder``;
    only when all were written are they moved into place, each by an atomic
    rename. A failure before that leaves ``folder`` exactly as it was. Other
    files already in ``folder`` are left alone. Returns the paths written.
    """
    folder = Path(folder)
    names = list(files)
    bad = [n for n in names if not n or Path(n).name != n or n.startswith(".")]
    if bad:
        raise ParameterError(f"write_files takes plain file names. Got {bad[0]!r} instead.")
    if not folder.parent.is_dir():
        raise InputError("the folder to write into does not exist", source=str(folder.parent))
    if folder.exists() and not folder.is_dir():
        raise InputError("not a folder", source=str(folder))
    try:
        stage = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", source=str(folder.parent)) from None
    try:
        for name in names:
            (stage / name).write_bytes(files[name])
        folder.mkdir(exist_ok=True)
        for name in names:
            os.replace(stage / name, folder / name)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", source=str(folder)) from None
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return [folder / name for name in names]


def write_table(frame, path: PathLike, *, fmt: str | None = None) -> None:
    """Write a table atomically; the format comes from ``fmt`` or the extension (.csv, .jsonl, .txt)."""
    if fmt is None:
        fmt = {".csv": "csv", ".jsonl": "jsonl", ".txt": "table"}.get(Path(path).suffix.lower())
        if fmt is None:
            raise ParameterError(f"Cannot tell the format of {str(path)!r}: use .csv, .jsonl or .txt, or pass fmt.")
    write_text(render_table(frame, fmt), path)


# ---------------------------------------------------------------------------
# Gazetteers of actors
# ---------------------------------------------------------------------------
_DATA = Path(__file__).with_name("data")


def _tsv_rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict]]:
    label = str(path)
    lines = _read_file(path, label).splitlines()
    header = None
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            missing = [c for c in required if c not in header]
            if missing:
                raise InputError(f"missing column {missing[0]!r}", source=label, line=number)
            continue
        if len(cells) > len(header):
            raise InputError(f"row has {len(cells)} fields, the header has {len(header)}", source=label, line=number)
        yield number, dict(zip(header, cells + [""] * (len(header) - len(cells))))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def read_gazetteer(states: PathLike | None = None, organizations: PathLike | None = None) -> Gazetteer:
    """Read a gazetteer from tab-separated files (see ``toolkit/data/*.tsv`` for the format).

    ``states`` has the columns id, name, aliases, demonyms, capitals;
    ``organizations`` the columns id, type, name, aliases. Either may be
    omitted. Errors name the file and line.
    """
    entities = []
    for path, kind in ((states, "state"), (organizations, None)):
        if path is None:
            continue
        path = Path(path)
        if not path.is_file():
            raise InputError("no such gazetteer file", source=str(path))
        required = ("id", "name") if kind else ("id", "type", "name")
        for number, row in _tsv_rows(path, required):
            try:
                entities.append(Entity(
                    id=row["id"].strip(), name=row["name"].strip(), type=kind or row["type"].strip(),
                    aliases=_split(row.get("aliases", "")), demonyms=_split(row.get("demonyms", "")),
                    capitals=_split(row.get("capitals", "")),
                ))
            except (KeyError, ValueError) as exc:
                raise InputError(str(exc), source=str(path), line=number) from None
    try:
        return Gazetteer(entities)
    except ParameterError as exc:
        raise InputError(str(exc), source=str(states or organizations)) from None


def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer: every UN member and observer state and the common organisations.

    Examples
    --------
    >>> g = default_gazetteer()
    >>> g.lookup("Turkey").name, g.lookup("Organisation of Islamic Cooperation").id, g.lookup("Holy See").id
    ('Türkiye', 'OIC', 'VAT')
    """
    return read_gazetteer(_DATA / "states.tsv", _DATA / "organizations.tsv")


def read_statement_table(path: PathLike) -> pd.DataFrame:
    """Read a statements table (JSONL or CSV), e.g. hand-annotated gold attributions."""
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", source=str(path))
    frame = pd.DataFrame([record for _, record in (_jsonl_records(path, str(path)) if path.suffix == ".jsonl"
                                                   else _csv_records(path, str(path), ","))])
    if frame.empty:
        raise InputError("the table has no rows", source=str(path))
    return frame
