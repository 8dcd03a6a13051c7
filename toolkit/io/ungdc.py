"""The UN General Debate Corpus as published: the archive, its extracted folder, and where to find them.

The layout is ``TXT/Session NN - YYYY/ISO_NN_YYYY.txt`` (ISO 3166-1
alpha-3 code, ``EU`` for the European Union; session; year). Each speech
becomes a document with id ``ISO_NN_YYYY``, ``actor`` the state's name and
``actor_id`` the code (:func:`speech_actor`), ``year`` and ``meta["session"]``. Everything else in the archive (macOS
``._*`` AppleDouble files, ``.DS_Store``, ``README.txt``, the speakers'
spreadsheet) is skipped and recorded with its reason. The archive is read
member by member, so memory stays flat.
"""

from __future__ import annotations

import os
import re
import tarfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import InputError
from ..text.corpus import Document
from .data import ungdc_names
from .decode import decode, read_file
from .stream import DocumentStream, skip_reason, walk

__all__ = ["UNGDC_ENV", "speech_name", "speech_actor", "archive_reader", "folder_reader", "is_ungdc_folder",
           "locate_ungdc", "shared_ungdc"]

#: The environment variable naming the UN General Debate Corpus archive or folder.
UNGDC_ENV = "TOOLKIT_UNGDC"
_SESSION_DIR = re.compile(r"Session (\d+) - (\d{4})")
_SPEECH = re.compile(r"(?:^|.*/)Session (\d+) - (\d{4})/([A-Z]{2,4})_(\d+)_(\d{4})\.txt")
_SPEECH_NAME = re.compile(r"([A-Z]{2,4})_(\d+)_(\d{4})\.txt")
PathLike = str | os.PathLike


def speech_name(name: str) -> tuple[str, int, int, str] | str:
    """Parse a speech file's path, ``Session NN - YYYY/ISO_NN_YYYY.txt``, or say why it is not one.

    Parameters
    ----------
    name : str
        The file's path inside the archive or folder, with ``/`` between
        folders; only its last folder and its name are looked at.

    Returns
    -------
    tuple of (str, int, int, str), or str
        ``(iso, session, year, doc_id)`` for a speech: the ISO 3166-1 alpha-3
        code (``EU`` for the European Union), the session and year, and the
        file name without ``.txt``. For any other file, the reason to skip
        it: a hidden or macOS file (:func:`~toolkit.io.stream.skip_reason`),
        a speech file outside a session folder, a file name whose session or
        year disagrees with its folder's, or not a speech file at all.

    Examples
    --------
    >>> speech_name("TXT/Session 01 - 1946/NOR_01_1946.txt")
    ('NOR', 1, 1946, 'NOR_01_1946')
    >>> speech_name("TXT/Session 79 - 2024/FRA_78_2023.txt")
    "file name disagrees with its folder 'Session 79 - 2024'"
    >>> speech_name("TXT/Session 79 - 2024/.DS_Store")
    'macOS folder metadata (.DS_Store)'
    """
    base = name.rsplit("/", 1)[-1]
    reason = skip_reason(base)
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


def speech_actor(code: str) -> str:
    """The name a speech's code stands for: the actor of the speech, its code being the ``actor_id``.

    The names are :func:`~toolkit.io.data.ungdc_names`: the gazetteer's
    canonical name ("SVN": "Slovenia", "EU": "European Union"), else that of
    ``toolkit/data/ungdc_codes.tsv`` for the states that no longer exist
    (CSK, DDR, YMD, YUG). A code named by neither keeps the code as its name,
    so no speech loses its actor; in the corpus as published (1946-2024,
    200 codes) there is no such code: a test reads the archive's codes and
    checks that each has a name.

    Parameters
    ----------
    code : str
        The code of a speech's file name (:func:`speech_name`).

    Returns
    -------
    str
        The state's (or organisation's) name, or ``code`` itself when it has none.

    Examples
    --------
    >>> speech_actor("SVN"), speech_actor("YUG"), speech_actor("XYZ")
    ('Slovenia', 'Yugoslavia', 'XYZ')
    """
    return ungdc_names().get(code, code)


def _speech_document(text: str, found: tuple[str, int, int, str], source: str) -> Document:
    iso, session, year, doc_id = found
    return Document(id=doc_id, text=text, source=source, actor=speech_actor(iso), actor_id=iso, year=year,
                    meta={"session": session})


def archive_reader(path: Path, label: str) -> Callable[[DocumentStream], Iterator[Document]]:
    """The reader of a :class:`~toolkit.io.stream.Part` for the corpus's archive (``.tgz``, ``.tar.gz``, ``.tar``).

    The archive is read as a stream, member by member, forgetting each
    member's header once read, so memory stays flat however large it is.
    Each speech file (:func:`speech_name`) becomes a document with id
    ``ISO_NN_YYYY``, ``actor`` the state's name and ``actor_id`` the code
    (:func:`speech_actor`: "Norway" and "NOR"), ``year`` and
    ``meta["session"]``, and source ``label/member``. Other files, and
    empty speeches, are skipped and recorded in the stream with their
    reason; members that are not regular files (folders, links) are passed
    over without a record.

    Parameters
    ----------
    path : pathlib.Path
        The archive, compressed with gzip, bzip2 or xz, or not.
    label : str
        The name errors and sources give for the archive.

    Returns
    -------
    callable
        ``read(stream)``, which yields the documents in archive order when
        called with the :class:`~toolkit.io.stream.DocumentStream` reading it.
        Reading raises :class:`~toolkit.errors.InputError` for an unreadable
        or truncated archive (naming the member being read, if any) and for
        a speech that is not UTF-8 (unless the stream replaces invalid bytes).

    Examples
    --------
    >>> import tarfile, tempfile
    >>> from toolkit.io.stream import DocumentStream, Part, collect
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     archive = Path(folder) / "mini.tgz"
    ...     with tarfile.open(archive, "w:gz") as tar:
    ...         tar.add("tests/data/ungdc_mini/TXT", arcname="TXT")
    ...     corpus = collect(DocumentStream([Part("mini.tgz", archive_reader(archive, "mini.tgz"))]))
    >>> [(doc.id, doc.actor, doc.actor_id, doc.year) for doc in corpus]  # doctest: +NORMALIZE_WHITESPACE
    [('NOR_01_1946', 'Norway', 'NOR', 1946), ('EU_79_2024', 'European Union', 'EU', 2024),
     ('PAK_79_2024', 'Pakistan', 'PAK', 2024)]
    >>> len(corpus.skipped)
    4
    """
    def read(stream: DocumentStream) -> Iterator[Document]:
        reading = None  # the member whose bytes are being read, to name it in errors
        try:
            with tarfile.open(path, mode="r|*") as archive:
                # Read member by member; forgetting each header keeps memory flat.
                while (member := archive.next()) is not None:
                    archive.members.clear()  # type: ignore[attr-defined]  # TarFile keeps every header
                    if not member.isfile():
                        continue
                    source = f"{label}/{member.name}"
                    found = speech_name(member.name)
                    if isinstance(found, str):
                        stream.skip(source, found)
                        continue
                    reading = member.name
                    handle = archive.extractfile(member)
                    data = handle.read() if handle is not None else b""
                    reading = None
                    text = decode(data, source, replace=stream.replacer)
                    if not text or text.isspace():
                        stream.skip(source, "empty text")
                        continue
                    yield _speech_document(text, found, source)
        except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
            where = f"{label}/{reading}" if reading else label
            raise InputError(f"unreadable archive: {exc}", source=where) from None

    return read


def folder_reader(root: Path, label: str) -> Callable[[DocumentStream], Iterator[Document]]:
    """The reader of a :class:`~toolkit.io.stream.Part` for the corpus's extracted folder.

    Files are read in the order of :func:`~toolkit.io.stream.walk`. ``root``
    may be the folder holding ``TXT``, ``TXT`` itself or a single
    ``Session NN - YYYY`` folder. Documents are those of
    :func:`archive_reader`, with source ``label/relative path``; other
    files and empty speeches are skipped and recorded.

    Parameters
    ----------
    root : pathlib.Path
        The folder.
    label : str
        The name errors and sources give for it.

    Returns
    -------
    callable
        ``read(stream)``, which yields the documents when called with the
        :class:`~toolkit.io.stream.DocumentStream` reading it. Reading raises
        :class:`~toolkit.errors.InputError` for a speech that cannot be read
        or is not UTF-8 (unless the stream replaces invalid bytes).

    Examples
    --------
    >>> from toolkit.io.stream import DocumentStream, Part, collect
    >>> session = Path("tests/data/ungdc_mini/TXT/Session 79 - 2024")
    >>> corpus = collect(DocumentStream([Part("2024", folder_reader(session, "2024"))]))
    >>> [(doc.id, doc.source) for doc in corpus]
    [('EU_79_2024', '2024/EU_79_2024.txt'), ('PAK_79_2024', '2024/PAK_79_2024.txt')]
    >>> [(s.source, s.reason) for s in corpus.skipped][1]
    ('2024/FRA_78_2023.txt', "file name disagrees with its folder 'Session 79 - 2024'")
    """
    # Paths are matched relative to the folder above ``root`` so that a single
    # "Session NN - YYYY" folder is recognised too.
    def read(stream: DocumentStream) -> Iterator[Document]:
        for path, rel in walk(root, lambda rel, reason: stream.skip(f"{label.rstrip('/')}/{rel}", reason)):
            source = f"{label.rstrip('/')}/{rel}"
            found = speech_name(f"{root.name}/{rel}")
            if isinstance(found, str):
                stream.skip(source, found)
                continue
            text = read_file(path, source, stream.replacer)
            if not text or text.isspace():
                stream.skip(source, "empty text")
                continue
            yield _speech_document(text, found, source)

    return read


def is_ungdc_folder(root: Path) -> bool:
    """Whether a folder is laid out as the UN General Debate Corpus.

    It is when it is named ``Session NN - YYYY`` (not looked into), or holds
    such a folder, itself or in its ``TXT`` folder.

    Parameters
    ----------
    root : pathlib.Path
        A folder.

    Returns
    -------
    bool
        True for the corpus's layout; False otherwise, and for a path that is
        not a folder.

    Examples
    --------
    >>> is_ungdc_folder(Path("tests/data/ungdc_mini")), is_ungdc_folder(Path("tests/data/texts"))
    (True, False)
    """
    if _SESSION_DIR.fullmatch(root.name):
        return True
    for child in (root, root / "TXT"):
        if child.is_dir() and any(p.is_dir() and _SESSION_DIR.fullmatch(p.name) for p in child.iterdir()):
            return True
    return False


def locate_ungdc(path: PathLike | None = None) -> Path | None:
    """Where the UN General Debate Corpus is: ``path`` if given, else ``$TOOLKIT_UNGDC``, else None.

    An empty ``$TOOLKIT_UNGDC`` counts as unset. Only existence is checked:
    whether the path holds the corpus is found when it is read.

    Parameters
    ----------
    path : str or os.PathLike, optional
        The corpus's archive or folder; by default the environment variable
        :data:`UNGDC_ENV` (``TOOLKIT_UNGDC``) names it.

    Returns
    -------
    pathlib.Path or None
        The path, or None when neither ``path`` nor the variable is given.

    Raises
    ------
    InputError
        When the path given (or named by the variable) does not exist; the
        message says which of the two named it.

    Examples
    --------
    >>> locate_ungdc("tests/data/ungdc_mini").name
    'ungdc_mini'
    >>> locate_ungdc("tests/data/missing.tgz")
    Traceback (most recent call last):
    ...
    toolkit.errors.InputError: tests/data/missing.tgz: the UN General Debate Corpus named by argument does not exist
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
    next to it. ``$TOOLKIT_UNGDC`` is not read here (:func:`locate_ungdc`
    reads it).

    Returns
    -------
    pathlib.Path or None
        ``../shared/corpora/UNGDC_1946-2024.tgz``, relative to the current
        folder or else to the checkout, when it is a file; else None.
    """
    name = Path("shared", "corpora", "UNGDC_1946-2024.tgz")
    for root in (Path.cwd(), Path(__file__).resolve().parents[2]):
        candidate = root.parent / name
        if candidate.is_file():
            return candidate
    return None
