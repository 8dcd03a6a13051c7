"""A stream of documents read one at a time, with the record of what was skipped."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..text.corpus import Corpus, Document, Skipped
from ..validation import check_parameter
from .decode import Replacer, replace_escaped

__all__ = ["Part", "DocumentStream", "collect", "replacement_summary", "skip_reason", "walk"]


@dataclass
class Part:
    """One path of a stream: its label and the reader that yields its documents.

    Parameters
    ----------
    label : str
        The path as the user gave it, for errors and :attr:`DocumentStream.sources`.
    read : callable
        Called with the stream as ``read(stream)``; yields the path's
        documents, recording what it passes over with
        :meth:`DocumentStream.skip` and decoding with
        :attr:`DocumentStream.replacer`.
    """

    label: str
    read: Callable[[DocumentStream], Iterator[Document]]


class DocumentStream:
    """Documents read one at a time, with a record of what was skipped.

    Iterate over it once. Document ids are checked for uniqueness across all
    paths as they arrive. When iteration ends, :attr:`skipped` lists every
    file or row passed over, with its reason; a stream that yields no
    document at all raises :class:`~toolkit.errors.InputError`. Made by
    :func:`toolkit.io.iter_corpus`, which checks the paths and options.

    Parameters
    ----------
    parts : list of Part
        The paths to read, in order, each with its reader.
    encoding_errors : {"strict", "replace"}, default "strict"
        ``"replace"`` turns each invalid UTF-8 byte into U+FFFD and counts it
        in :attr:`replaced`; ``"strict"`` makes it an error. Not checked here.

    Attributes
    ----------
    skipped : list of Skipped
        The files and rows passed over so far, each with its reason.
    replaced : dict of str to int
        The invalid bytes replaced by U+FFFD so far, per source.
    encoding_errors : str
        As given.

    Raises
    ------
    ParameterError
        When iterated a second time.
    InputError
        While iterating: a document id seen before (the message names both
        sources), no document in any path, or an error of a reader (a file
        that cannot be read or decoded, a malformed table row).

    Examples
    --------
    >>> from toolkit.io import iter_corpus
    >>> stream = iter_corpus("tests/data/texts")
    >>> [doc.id for doc in stream]
    ['bom', 'crlf', 'curly', 'sub/nested']
    >>> [(s.source, s.reason) for s in stream.skipped][:2]  # doctest: +NORMALIZE_WHITESPACE
    [('tests/data/texts/.DS_Store', 'macOS folder metadata (.DS_Store)'),
     ('tests/data/texts/._curly.txt', 'macOS AppleDouble file, not a document')]
    """

    def __init__(self, parts: list[Part], encoding_errors: str = "strict") -> None:
        self._parts = parts
        self.skipped: list[Skipped] = []
        self.encoding_errors = encoding_errors
        #: Invalid bytes replaced by U+FFFD, per source (``encoding_errors="replace"`` only).
        self.replaced: dict[str, int] = {}
        self._used = False

    def replace(self, escaped: str, source: str) -> str:
        """Turn the escaped invalid bytes of a decoded text into U+FFFD, counting them for ``source``.

        Parameters
        ----------
        escaped : str
            Text decoded with ``errors="surrogateescape"``.
        source : str
            The file (or ``archive/member``) it was read from.

        Returns
        -------
        str
            The text with U+FFFD for each invalid byte; their number is added
            to ``replaced[source]``.
        """
        text, n = replace_escaped(escaped)
        self.replaced[source] = self.replaced.get(source, 0) + n
        return text

    @property
    def sources(self) -> list[str]:
        """The paths the stream reads."""
        return [part.label for part in self._parts]

    @property
    def replacer(self) -> Replacer | None:
        """What decoding calls for invalid bytes: :meth:`replace` when reading with ``encoding_errors="replace"``."""
        return self.replace if self.encoding_errors == "replace" else None

    def skip(self, source: str, reason: str) -> None:
        """Record that ``source`` was passed over, and why.

        Parameters
        ----------
        source : str
            The file, ``archive/member`` or ``file:line`` passed over.
        reason : str
            Why, in a few words ("empty text", "hidden file").
        """
        self.skipped.append(Skipped(source, reason))

    def __iter__(self) -> Iterator[Document]:
        check_parameter(self, "stream", owner="DocumentStream", ok=not self._used,
                        expected="iterated only once (call iter_corpus again for a new stream)",
                        got="a stream iterated before")
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


def replacement_summary(replaced: Mapping[str, int], *, file_names: bool = False) -> str:
    """One line on the invalid UTF-8 bytes read as U+FFFD (``encoding_errors="replace"``), for stderr or a page.

    Parameters
    ----------
    replaced : mapping of str to int
        The bytes replaced per source (:attr:`DocumentStream.replaced`), not empty.
    file_names : bool, default False
        Name the first source by its file name only (a page that is the same wherever the inputs lie).

    Returns
    -------
    str
        ``replaced N invalid UTF-8 bytes with U+FFFD in M file(s) (--encoding-errors replace); first: SOURCE (n)``.

    Examples
    --------
    >>> replacement_summary({"b/x.txt": 2, "a/y.txt": 1}, file_names=True)
    'replaced 3 invalid UTF-8 bytes with U+FFFD in 2 file(s) (--encoding-errors replace); first: y.txt (1)'
    """
    first = sorted(replaced)[0]
    shown = Path(first).name if file_names else first
    return (f"replaced {sum(replaced.values()):,} invalid UTF-8 bytes with U+FFFD in {len(replaced):,} file(s) "
            f"(--encoding-errors replace); first: {shown} ({replaced[first]:,})")


def collect(stream: DocumentStream) -> Corpus:
    """Read a whole stream into a corpus that keeps its record of skipped items.

    Parameters
    ----------
    stream : DocumentStream
        A stream not iterated yet.

    Returns
    -------
    Corpus
        Its documents in the order read, with ``skipped`` the stream's record.

    Raises
    ------
    InputError
        For the reasons iterating the stream does (duplicate ids, no
        documents, unreadable files).
    ParameterError
        When the stream was iterated before.

    Examples
    --------
    >>> from toolkit.io import iter_corpus
    >>> corpus = collect(iter_corpus("tests/data/texts"))
    >>> len(corpus), len(corpus.skipped)
    (4, 4)
    """
    documents = tuple(stream)
    return Corpus(documents, tuple(stream.skipped))


def skip_reason(name: str) -> str | None:
    """Why a file of this name is not a document (macOS metadata, hidden files), or None.

    Parameters
    ----------
    name : str
        A file or folder name, without its folder.

    Returns
    -------
    str or None
        The reason to skip it: a macOS AppleDouble file (``._*``), macOS
        folder metadata (``.DS_Store``) or another hidden file (``.*``);
        None for any other name.

    Examples
    --------
    >>> skip_reason("._NOR_01_1946.txt")
    'macOS AppleDouble file, not a document'
    >>> skip_reason(".gitignore")
    'hidden file'
    >>> skip_reason("NOR_01_1946.txt") is None
    True
    """
    if name.startswith("._"):
        return "macOS AppleDouble file, not a document"
    if name == ".DS_Store":
        return "macOS folder metadata (.DS_Store)"
    if name.startswith("."):
        return "hidden file"
    return None


def walk(root: Path, skip: Callable[[str, str], None] | None = None) -> Iterator[tuple[Path, str]]:
    """Every file under ``root``, in a fixed order, with its name relative to ``root``; symbolic links followed.

    Each folder's files come in name order, before the files of its
    subfolders, which are visited in name order. Hidden files and folders
    are included (the readers skip them with :func:`skip_reason` and record
    it). A symbolic link to a file or a folder is followed, as if the file
    or folder were there, except where that would read something twice or
    never end: a link that leads to a folder that holds it (a loop), a
    second way to a folder or file already found (whichever comes later in
    the order above is passed over), and a link that leads nowhere are not
    yielded but given to ``skip`` with the reason.

    Parameters
    ----------
    root : pathlib.Path
        The folder to walk.
    skip : callable, optional
        Called as ``skip(relative, reason)`` for each link passed over (the
        readers record it in the corpus's ``skipped``).

    Yields
    ------
    path : pathlib.Path
        The file's path (``root`` joined with its relative name).
    relative : str
        Its path relative to ``root``, with ``/`` between folders.

    Examples
    --------
    >>> [relative for _, relative in walk(Path("tests/data/texts"))][-3:]
    ['empty.txt', 'notes.md', 'sub/nested.txt']
    """
    def passed(relative: str, reason: str) -> None:
        if skip is not None:
            skip(relative, reason)

    folders = {os.path.realpath(root): "."}  # real path -> where it was found first
    files_seen: dict[str, str] = {}
    for folder, dirs, files in os.walk(root, followlinks=True):
        rel_folder = Path(folder).relative_to(root)
        real_folder = os.path.realpath(folder)
        kept = []
        for name in sorted(dirs):
            relative, real = (rel_folder / name).as_posix(), os.path.realpath(Path(folder) / name)
            if real == real_folder or real_folder.startswith(real + os.sep):
                passed(relative, "symbolic link loop: it leads to a folder that holds it")
            elif real in folders:
                passed(relative, f"the same folder as {folders[real]} (through a symbolic link), read once")
            else:
                folders[real] = relative
                kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            path, relative = Path(folder) / name, (rel_folder / name).as_posix()
            real = os.path.realpath(path)
            if not os.path.exists(path):
                passed(relative, "broken symbolic link: it leads to nothing")
            elif real in files_seen:
                passed(relative, f"the same file as {files_seen[real]} (through a symbolic link), read once")
            else:
                files_seen[real] = relative
                yield path, relative
