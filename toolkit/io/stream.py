"""A stream of documents read one at a time, with the record of what was skipped."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..text.corpus import Corpus, Document, Skipped
from ..validation import check_parameter
from .decode import Replacer, replace_escaped

__all__ = ["Part", "DocumentStream", "collect", "skip_reason", "walk"]


@dataclass
class Part:
    """One path of a stream: its label and the reader that yields its documents."""

    label: str
    read: Callable[[DocumentStream], Iterator[Document]]


class DocumentStream:
    """Documents read one at a time, with a record of what was skipped.

    Iterate over it once. Document ids are checked for uniqueness across all
    paths as they arrive. When iteration ends, :attr:`skipped` lists every
    file or row passed over, with its reason; a stream that yields no
    document at all raises :class:`~toolkit.errors.InputError`.
    """

    def __init__(self, parts: list[Part], encoding_errors: str = "strict") -> None:
        self._parts = parts
        self.skipped: list[Skipped] = []
        self.encoding_errors = encoding_errors
        #: Invalid bytes replaced by U+FFFD, per source (``encoding_errors="replace"`` only).
        self.replaced: dict[str, int] = {}
        self._used = False

    def replace(self, escaped: str, source: str) -> str:
        """Turn the escaped invalid bytes of a decoded text into U+FFFD, counting them for ``source``."""
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
        """Record that ``source`` was passed over, and why."""
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


def collect(stream: DocumentStream) -> Corpus:
    """Read a whole stream into a corpus that keeps its record of skipped items."""
    documents = tuple(stream)
    return Corpus(documents, tuple(stream.skipped))


def skip_reason(name: str) -> str | None:
    """Why a file of this name is not a document (macOS metadata, hidden files), or None."""
    if name.startswith("._"):
        return "macOS AppleDouble file, not a document"
    if name == ".DS_Store":
        return "macOS folder metadata (.DS_Store)"
    if name.startswith("."):
        return "hidden file"
    return None


def walk(root: Path) -> Iterator[tuple[Path, str]]:
    """Files under ``root`` in sorted order, as (path, relative posix name); hidden folders included."""
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        rel_folder = Path(folder).relative_to(root)
        for name in sorted(files):
            yield Path(folder) / name, (rel_folder / name).as_posix()
