"""The UN General Debate Corpus as published: the archive, its extracted folder, and where to find them.

The layout is ``TXT/Session NN - YYYY/ISO_NN_YYYY.txt`` (ISO 3166-1
alpha-3 code, ``EU`` for the European Union; session; year). Each speech
becomes a document with id ``ISO_NN_YYYY``, actor and ``actor_id`` the code,
``year`` and ``meta["session"]``. Everything else in the archive (macOS
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
from .decode import decode, read_file
from .stream import DocumentStream, skip_reason, walk

__all__ = ["UNGDC_ENV", "speech_name", "archive_reader", "folder_reader", "is_ungdc_folder", "locate_ungdc",
           "shared_ungdc"]

#: The environment variable naming the UN General Debate Corpus archive or folder.
UNGDC_ENV = "TOOLKIT_UNGDC"
_SESSION_DIR = re.compile(r"Session (\d+) - (\d{4})")
_SPEECH = re.compile(r"(?:^|.*/)Session (\d+) - (\d{4})/([A-Z]{2,4})_(\d+)_(\d{4})\.txt")
_SPEECH_NAME = re.compile(r"([A-Z]{2,4})_(\d+)_(\d{4})\.txt")
PathLike = str | os.PathLike


def speech_name(name: str) -> tuple[str, int, int, str] | str:
    """``(iso, session, year, doc_id)`` for a speech file's path, or why it is not one."""
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


def _speech_document(text: str, found: tuple[str, int, int, str], source: str) -> Document:
    iso, session, year, doc_id = found
    return Document(id=doc_id, text=text, source=source, actor=iso, actor_id=iso, year=year,
                    meta={"session": session})


def archive_reader(path: Path, label: str) -> Callable[[DocumentStream], Iterator[Document]]:
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
    # Paths are matched relative to the folder above ``root`` so that a single
    # "Session NN - YYYY" folder is recognised too.
    def read(stream: DocumentStream) -> Iterator[Document]:
        for path, rel in walk(root):
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
    for root in (Path.cwd(), Path(__file__).resolve().parents[2]):
        candidate = root.parent / name
        if candidate.is_file():
            return candidate
    return None
