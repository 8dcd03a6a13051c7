"""The corpus model: documents, the statements made in them, and the corpus.

A :class:`Document` is one source text as it was read (a file, a CSV row, a
speech in the UN General Debate Corpus), with its metadata. A
:class:`Statement` is a stretch of a document said by one actor: for most
loaders the whole document, for a news article (after attribution) one
actor's words. A :class:`Corpus` holds documents, their statements and the
record of what the loaders skipped.

All three are frozen. ``statement.text`` is verbatim: it is always
``document.text[statement.start:statement.end]``, never normalised, trimmed or
re-encoded. Offsets are half-open character offsets into the decoded text.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NoReturn

import pandas as pd

from ..errors import InputError, ParameterError
from ..validation import check_choice, check_texts, check_type, parameter_error

__all__ = [
    "Statement",
    "Document",
    "Skipped",
    "Corpus",
    "FIELDS",
    "UNRESOLVED",
    "document_from_record",
    "parse_date",
]

#: The one group that pools statements without an actor (attribution found no actor for the speaker, or
#: the corpus names none) wherever statements are grouped by actor: counts, figures, cluster tables. A
#: speaker's own words ("A spokesman", "Witnesses") never become an actor.
UNRESOLVED = "unresolved"

#: The fields a record (a CSV row, a JSON object, a frame row) can fill.
FIELDS = ("id", "text", "actor", "actor_id", "date", "year")

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ].*)?)?)?")


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def parse_date(value: Any) -> tuple[_dt.date | None, int | None]:
    """Read a date or a year, returning ``(date, year)``.

    Accepts ``datetime.date``/``datetime``/``pandas.Timestamp`` objects and the
    ISO forms ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` and ``YYYY-MM-DDThh:mm...``.
    Day-first or month-first forms such as ``03/04/2020`` are refused rather
    than guessed.

    Parameters
    ----------
    value : str, datetime.date, datetime.datetime, pandas.Timestamp or None
        The date or year as read; None, NaN, NaT and an empty string are missing.

    Returns
    -------
    tuple of (datetime.date or None, int or None)
        The date (None when only a year or a month is given) and the year
        (None when the value is missing).

    Raises
    ------
    InputError
        For a form that is not ISO, or a date that does not exist.

    Examples
    --------
    >>> parse_date("2025-03-14")
    (datetime.date(2025, 3, 14), 2025)
    >>> parse_date("1946")
    (None, 1946)
    >>> parse_date(None)
    (None, None)
    """
    if _is_missing(value):
        return None, None
    if isinstance(value, _dt.datetime):  # includes pandas.Timestamp
        return value.date(), value.year
    if isinstance(value, _dt.date):
        return value, value.year
    text = str(value).strip()
    if not text:
        return None, None
    match = _DATE.fullmatch(text)
    if match is None:
        raise InputError(f"cannot read date {text!r} (expected YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = match.groups()
    if day is None:
        if month is not None and not 1 <= int(month) <= 12:
            raise InputError(f"cannot read date {text!r}: month {month} does not exist")
        return None, int(year)
    try:
        date = _dt.date(int(year), int(month), int(day))
    except ValueError as exc:
        raise InputError(f"cannot read date {text!r}: {exc}") from None
    return date, date.year


def _check_when(date: _dt.date | None, year: int | None, *, owner: str) -> int | None:
    """The year of a statement or document: its date's, or ``year``; a year that disagrees with the date is refused."""
    if date is not None and not isinstance(date, _dt.date):
        raise parameter_error(date, "date", owner=owner, expected="a datetime.date or None",
                              got=type(date).__name__)
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise parameter_error(year, "year", owner=owner, expected="an int or None")
    if date is None:
        return year
    if year is not None and year != date.year:
        raise parameter_error(year, "year", owner=owner, expected=f"None or the year of the date ({date.year})",
                              got=f"{year!r} with the date {date.isoformat()}")
    return date.year


@dataclass(frozen=True, slots=True)
class Statement:
    """A stretch of a document said by one actor.

    Parameters
    ----------
    id : str
        Unique in the corpus.
    doc_id : str
        The document the statement is part of.
    text : str
        Verbatim: ``document.text[start:end]``.
    start, end : int
        Half-open character offsets of ``text`` in the document.
    actor, actor_id : str, optional
        Who made the statement: a name as the source gives it, and a code
        (ISO 3166-1 alpha-3 for states) where one is known.
    date : datetime.date, optional
    year : int, optional
        Derived from ``date`` when a date is given.
    source : str, optional
        Where the document was read from.
    """

    id: str
    doc_id: str
    text: str
    start: int
    end: int
    actor: str | None = None
    actor_id: str | None = None
    date: _dt.date | None = None
    year: int | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        # one test for the common case: a statement is made for every statement of every corpus read
        if not (isinstance(self.id, str) and self.id and isinstance(self.text, str) and isinstance(self.start, int)
                and isinstance(self.end, int) and self.start >= 0 and self.end - self.start == len(self.text)):
            self._refuse()
        object.__setattr__(self, "year", _check_when(self.date, self.year, owner="Statement"))

    def _refuse(self) -> NoReturn:
        """Raise the error that says what is wrong with the id, text or span."""
        if not isinstance(self.id, str) or not self.id:
            raise parameter_error(self.id, "id", owner="Statement", expected="a non-empty str")
        if not isinstance(self.text, str):
            raise parameter_error(self.text, "text", owner="Statement", expected="a str",
                                  got=f"{type(self.text).__name__} for the statement {self.id!r}")
        if not isinstance(self.start, int) or self.start < 0:
            raise parameter_error(self.start, "start", owner="Statement", expected="an int >= 0",
                                  got=f"{self.start!r} for the statement {self.id!r}")
        raise parameter_error(self.end, "end", owner="Statement",
                              expected=f"start + len(text) = {self.start + len(self.text)}, so that the text fits the "
                                       "span [start, end)",
                              got=f"{self.end!r} for the statement {self.id!r}")


def _freeze(mapping: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Document:
    """One source text as it was read, with its metadata and statements.

    ``statements=None`` (the default) gives the document one statement that
    covers its whole text, with the document's id, actor and date; pass a
    tuple (possibly empty) to give it the statements found by attribution.

    Parameters
    ----------
    id : str
        Unique in the corpus.
    text : str
        The text as decoded, verbatim.
    source : str, optional
        Where it was read from (a file, ``archive/member``, ``file.csv:12``).
    actor, actor_id : str, optional
        Who wrote or spoke it, as the source names them, and a code (ISO
        3166-1 alpha-3 for states) where one is known.
    date : datetime.date, optional
    year : int, optional
        Derived from ``date`` when a date is given; a year that disagrees
        with the date is refused.
    meta : mapping, optional
        Other metadata (columns of a table, fields of a record); frozen.
    statements : tuple of Statement, optional
        The statements made in the document, each the text at its span;
        None (the default) for one statement covering the whole text.

    Examples
    --------
    >>> doc = Document("d1", "We condemn this attack.", actor="Norway", year=2025)
    >>> [(s.id, s.start, s.end, s.actor) for s in doc.statements]
    [('d1', 0, 23, 'Norway')]
    """

    id: str
    text: str
    source: str | None = None
    actor: str | None = None
    actor_id: str | None = None
    date: _dt.date | None = None
    year: int | None = None
    meta: Mapping[str, Any] = field(default_factory=dict, hash=False)
    statements: tuple[Statement, ...] = None  # type: ignore[assignment]  # None: one statement, the whole text

    def __reduce__(self):
        # The frozen metadata (a mappingproxy) cannot be pickled; worker processes get a plain dict, frozen again.
        return (Document, (self.id, self.text, self.source, self.actor, self.actor_id, self.date, self.year,
                           dict(self.meta), self.statements))

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise parameter_error(self.id, "id", owner="Document", expected="a non-empty str")
        if not isinstance(self.text, str):
            raise parameter_error(self.text, "text", owner="Document", expected="a str",
                                  got=f"{type(self.text).__name__} for the document {self.id!r}")
        object.__setattr__(self, "year", _check_when(self.date, self.year, owner="Document"))
        object.__setattr__(self, "meta", _freeze(self.meta))
        if self.statements is None:
            whole = Statement(
                id=self.id, doc_id=self.id, text=self.text, start=0, end=len(self.text),
                actor=self.actor, actor_id=self.actor_id, date=self.date, year=self.year,
                source=self.source,
            )
            object.__setattr__(self, "statements", (whole,))
            return
        statements = tuple(self.statements)
        seen: set[str] = set()
        for st in statements:
            if not (isinstance(st, Statement) and st.doc_id == self.id and st.id not in seen
                    and st.end <= len(self.text) and self.text[st.start:st.end] == st.text):
                raise self._refused(st, seen)
            seen.add(st.id)
        object.__setattr__(self, "statements", statements)

    def _refused(self, st: Any, seen: set[str]) -> ParameterError:
        """The error that says why ``st`` cannot be one of the document's statements."""
        expected = "a tuple of Statement of this document, with distinct ids, each the text at its span"
        if not isinstance(st, Statement):
            got = f"an item of type {type(st).__name__} in the document {self.id!r}"
        elif st.doc_id != self.id:
            got = f"the statement {st.id!r}, which names the document {st.doc_id!r}, in the document {self.id!r}"
        elif st.id in seen:
            got = f"the statement id {st.id!r} twice in the document {self.id!r}"
        else:
            got = f"the statement {st.id!r}, whose text is not document {self.id!r} characters [{st.start}, {st.end})"
        return parameter_error(self.statements, "statements", owner="Document", expected=expected, got=got)


@dataclass(frozen=True, slots=True)
class Skipped:
    """Something a loader passed over, and why.

    Parameters
    ----------
    source : str
        What was passed over: a file, an archive member, a row (``table.csv:12``).
    reason : str
        Why ("empty text", "macOS metadata file", ...).
    """

    source: str
    reason: str


_STATEMENT_COLUMNS = ("statement_id", "doc_id", "actor", "actor_id", "date", "year", "source", "start", "end", "text")
_DOCUMENT_COLUMNS = ("doc_id", "actor", "actor_id", "date", "year", "source", "text")


def _text_or_none(value: Any) -> str | None:
    if _is_missing(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _year(value: Any) -> int | None:
    if _is_missing(value):
        return None
    if isinstance(value, float):
        if not value.is_integer():
            raise InputError(f"year {value!r} is not a whole number")
        return int(value)
    text = str(value).strip()
    if not text:
        return None
    if not re.fullmatch(r"-?\d{1,4}", text):
        raise InputError(f"year {text!r} is not a whole number")
    return int(text)


def document_from_record(
    record: Mapping[str, Any],
    *,
    columns: Mapping[str, str] | None = None,
    default_id: str,
    source: str | None = None,
    line: int | None = None,
) -> Document | None:
    """Build a :class:`Document` from one record (a CSV row, a JSON object...).

    Parameters
    ----------
    record : mapping
        Column name to value.
    columns : mapping, optional
        Field (one of :data:`FIELDS`) to column name, e.g. ``{"text": "body"}``.
        Fields not given are read from the column of the same name if the
        record has one. Columns that fill no field are kept in ``meta``.
    default_id : str
        The document id when the record has no id.
    source, line : optional
        Where the record was read, used as the document's source and to
        locate errors.

    Returns
    -------
    Document or None
        ``None`` when the text is missing, empty or only whitespace; the
        caller records it as skipped.

    Raises
    ------
    InputError
        A mapped column is missing, or a date or year cannot be read.
    """
    mapping = {name: name for name in FIELDS}
    explicit = dict(columns or {})
    mapping.update(explicit)

    def fail(message: str) -> InputError:
        return InputError(message, source=source, line=line)

    for fieldname, column in explicit.items():
        if column not in record:
            found = ", ".join(repr(k) for k in record) or "none"
            raise fail(f"missing column {column!r} for {fieldname!r} (columns: {found})")
    if mapping["text"] not in record:
        found = ", ".join(repr(k) for k in record) or "none"
        raise fail(f"missing text column {mapping['text']!r} (columns: {found}); name it with columns={{'text': ...}}")

    text = record[mapping["text"]]
    if _is_missing(text):
        return None
    if not isinstance(text, str):
        raise fail(f"text in column {mapping['text']!r} is a {type(text).__name__}, not a string")
    if not text or text.isspace():
        return None
    try:
        date, year_from_date = parse_date(record.get(mapping["date"]))
        year = _year(record.get(mapping["year"]))
        if year is None:
            year = year_from_date
        elif date is None and year_from_date is not None and year_from_date != year:
            raise InputError(f"year {year} disagrees with date year {year_from_date}")
        elif date is not None and year != date.year:
            raise InputError(f"year {year} disagrees with date {date.isoformat()}")
    except InputError as exc:
        raise fail(exc.message) from None
    used = {mapping[f] for f in FIELDS}
    meta = {k: v for k, v in record.items() if k not in used and not _is_missing(v)}
    return Document(
        id=_text_or_none(record.get(mapping["id"])) or default_id,
        text=text,
        source=source if line is None else f"{source}:{line}",
        actor=_text_or_none(record.get(mapping["actor"])),
        actor_id=_text_or_none(record.get(mapping["actor_id"])),
        date=date,
        year=year,
        meta=meta,
    )


@dataclass(frozen=True)
class Corpus:
    """Documents, their statements, and what the loaders skipped.

    Parameters
    ----------
    documents : iterable of Document
        Document ids must be unique, and statement ids unique across the corpus.
    skipped : iterable of Skipped
        Files or rows the loaders passed over, each with its reason.

    Examples
    --------
    >>> corpus = Corpus.from_texts(["We condemn the attack.", "Our deepest condolences."])
    >>> len(corpus), [s.id for s in corpus.statements]
    (2, ['text1', 'text2'])
    >>> corpus.to_frame()[["statement_id", "start", "end"]].values.tolist()
    [['text1', 0, 22], ['text2', 0, 24]]
    """

    documents: tuple[Document, ...]
    skipped: tuple[Skipped, ...] = ()

    def __init__(self, documents: Iterable[Document], skipped: Iterable[Skipped] = ()) -> None:
        # written out (the dataclass keeps it) so that the constructor takes any iterable; the fields are tuples
        if isinstance(documents, (str, Document)):
            raise parameter_error(documents, "documents", owner="Corpus", expected="an iterable of Document",
                                  got=f"a single {type(documents).__name__}")
        found = tuple(documents)
        doc_ids: set[str] = set()
        statement_ids: dict[str, str] = {}
        for doc in found:
            if not isinstance(doc, Document):
                raise parameter_error(documents, "documents", owner="Corpus", expected="an iterable of Document",
                                      got=f"an item of type {type(doc).__name__}")
            if doc.id in doc_ids:
                raise InputError(f"duplicate document id {doc.id!r}", source=doc.source)
            doc_ids.add(doc.id)
            for st in doc.statements:
                if st.id in statement_ids:
                    raise InputError(
                        f"duplicate statement id {st.id!r} (documents {statement_ids[st.id]!r} and {doc.id!r})",
                        source=doc.source,
                    )
                statement_ids[st.id] = doc.id
        object.__setattr__(self, "documents", found)
        object.__setattr__(self, "skipped", tuple(skipped))

    def __len__(self) -> int:
        return len(self.documents)

    def __iter__(self):
        return iter(self.documents)

    @property
    def statements(self) -> tuple[Statement, ...]:
        """All statements, document by document."""
        return tuple(st for doc in self.documents for st in doc.statements)

    def document(self, doc_id: str) -> Document:
        """The document with this id.

        Parameters
        ----------
        doc_id : str
            A document id of the corpus.

        Returns
        -------
        Document
            The document; a ``KeyError`` when the corpus has none with that id.
        """
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        raise KeyError(doc_id)

    @classmethod
    def from_texts(cls, texts: Iterable[str], *, ids: Iterable[str] | None = None) -> Corpus:
        """A corpus with one document per text.

        Parameters
        ----------
        texts : iterable of str
            The texts; a single str is refused.
        ids : iterable of str, optional
            One id per text; by default ``text1``, ``text2``, ...

        Returns
        -------
        Corpus
            One document (and statement) per text, in order.

        Examples
        --------
        >>> [d.id for d in Corpus.from_texts(["We condemn it.", "Solidarity."])]
        ['text1', 'text2']
        """
        found = check_texts(texts, "texts", owner="Corpus.from_texts")
        names = [f"text{i}" for i in range(1, len(found) + 1)] if ids is None else list(ids)
        if len(names) != len(found):
            raise parameter_error(ids, "ids", owner="Corpus.from_texts", expected=f"one id per text ({len(found)})",
                                  got=f"{len(names)} ids")
        return cls(tuple(Document(id=i, text=t) for i, t in zip(names, found)))

    # -- tables ---------------------------------------------------------
    def to_frame(self, rows: str = "statements") -> pd.DataFrame:
        """The corpus as a table, one row per statement or per document.

        Parameters
        ----------
        rows : {"statements", "documents"}
            Statements carry ``statement_id``, ``doc_id``, ``start``, ``end``
            and their verbatim ``text``; documents carry the full text. Both
            carry the metadata, with each key of ``meta`` as a column.

        Returns
        -------
        pandas.DataFrame
            One row per statement (or document), in corpus order.
        """
        check_choice(rows, "rows", owner="Corpus.to_frame", choices=("statements", "documents"))
        meta_keys = sorted({k for doc in self.documents for k in doc.meta})
        records = []
        for doc in self.documents:
            meta = [doc.meta.get(k) for k in meta_keys]
            if rows == "documents":
                records.append([doc.id, doc.actor, doc.actor_id, _iso(doc.date), doc.year, doc.source, doc.text, *meta])
                continue
            for st in doc.statements:
                records.append([st.id, st.doc_id, st.actor, st.actor_id, _iso(st.date), st.year, st.source,
                             st.start, st.end, st.text, *meta])
        columns = list(_DOCUMENT_COLUMNS if rows == "documents" else _STATEMENT_COLUMNS) + meta_keys
        frame = pd.DataFrame(records, columns=columns)
        frame["year"] = frame["year"].astype("Int64")
        if rows == "statements":
            frame[["start", "end"]] = frame[["start", "end"]].astype("int64")
        return frame

    @classmethod
    def from_frame(cls, statements: pd.DataFrame, *, documents: pd.DataFrame | None = None) -> Corpus:
        """Rebuild a corpus from :meth:`to_frame` tables, or make one from any table.

        Parameters
        ----------
        statements : DataFrame
            Without ``documents``, every row is a document with one statement
            covering its ``text``; ``doc_id`` (or ``statement_id``), ``actor``,
            ``actor_id``, ``date`` and ``year`` are read when present and other
            columns become metadata. Rows with empty text are skipped and
            recorded in :attr:`skipped`.
        documents : DataFrame, optional
            The ``to_frame("documents")`` table. With it, ``statements`` must
            have ``statement_id``, ``doc_id``, ``start`` and ``end``, and each
            statement's text is checked against its document.

        Returns
        -------
        Corpus
            The corpus the tables describe.

        Raises
        ------
        InputError
            For a row that cannot be read, naming the table and the row.
        """
        check_type(statements, "statements", owner="Corpus.from_frame", types=pd.DataFrame,
                   expected="a pandas DataFrame")
        check_type(documents, "documents", owner="Corpus.from_frame", types=pd.DataFrame,
                   expected="a pandas DataFrame or None", allow_none=True)
        if documents is None:
            return cls._from_rows(statements)
        return cls._from_tables(statements, documents)

    @classmethod
    def _from_rows(cls, frame: pd.DataFrame) -> Corpus:
        names = set(frame.columns)
        if {"doc_id", "statement_id"} <= names and (
            frame["doc_id"].astype(str) != frame["statement_id"].astype(str)
        ).any():
            raise InputError(
                "statement ids differ from document ids, so documents hold several statements; "
                "pass documents= (the to_frame('documents') table) to rebuild them",
                source="DataFrame",
            )
        id_column = "doc_id" if "doc_id" in names else "statement_id"
        docs, skipped = [], []
        for number, record in enumerate(frame.to_dict("records"), start=1):
            start, end = record.pop("start", None), record.pop("end", None)
            origin = _text_or_none(record.pop("source", None))
            record["id"] = record.pop(id_column, None)
            record.pop("statement_id", None)
            doc = document_from_record(record, default_id=f"row{number}", source="DataFrame", line=number)
            if doc is None:
                skipped.append(Skipped(f"DataFrame:{number}", "empty text"))
                continue
            if not _is_missing(start) and (int(start), int(end)) != (0, len(doc.text)):
                raise InputError(
                    f"statement span [{start}, {end}) is not the whole text; pass documents= to rebuild "
                    "documents that hold several statements",
                    source="DataFrame", line=number,
                )
            docs.append(_with_source(doc, origin) if origin else doc)
        return cls(tuple(docs), tuple(skipped))

    @classmethod
    def _from_tables(cls, statements: pd.DataFrame, documents: pd.DataFrame) -> Corpus:
        missing = [c for c in ("statement_id", "doc_id", "start", "end") if c not in statements.columns]
        if missing:
            raise parameter_error(statements, "statements", owner="Corpus.from_frame",
                                  expected="a table with the columns statement_id, doc_id, start and end when "
                                           "documents= is given",
                                  got=f"a table without {', '.join(missing)}")
        by_doc: dict[str, list[tuple[int, dict]]] = {}
        for number, record in enumerate(statements.to_dict("records"), start=1):
            by_doc.setdefault(str(record["doc_id"]), []).append((number, record))
        docs = []
        for number, record in enumerate(documents.to_dict("records"), start=1):
            origin = _text_or_none(record.pop("source", None))
            record["id"] = record.pop("doc_id", None)
            doc = document_from_record(record, default_id=f"row{number}", source="documents", line=number)
            if doc is None:
                raise InputError("document has no text", source="documents", line=number)
            sts = tuple(_statement_from_record(doc, row, rec) for row, rec in by_doc.pop(doc.id, []))
            docs.append(_with_source(doc, origin, statements=sts))
        if by_doc:
            raise InputError(f"statements name unknown document(s): {', '.join(sorted(by_doc))}",
                             source="statements")
        return cls(tuple(docs))


def _with_source(doc: Document, source: str | None, statements: tuple[Statement, ...] | None = None) -> Document:
    return Document(doc.id, doc.text, source=source, actor=doc.actor, actor_id=doc.actor_id, date=doc.date,
                    year=doc.year, meta=doc.meta, statements=statements)  # type: ignore[arg-type]  # None is allowed


def _statement_from_record(doc: Document, number: int, record: Mapping[str, Any]) -> Statement:
    try:
        date, year = parse_date(record.get("date"))
        start, end = int(record["start"]), int(record["end"])
        if not 0 <= start <= end <= len(doc.text):
            raise InputError(f"span [{start}, {end}) lies outside document {doc.id!r}")
        text = record.get("text")
        if not _is_missing(text) and text != doc.text[start:end]:
            raise InputError(f"text differs from document {doc.id!r} characters [{start}, {end})")
        return Statement(
            id=str(record["statement_id"]), doc_id=doc.id, text=doc.text[start:end], start=start, end=end,
            actor=_text_or_none(record.get("actor")), actor_id=_text_or_none(record.get("actor_id")),
            date=date, year=year if date is not None else _year(record.get("year")),
            source=_text_or_none(record.get("source")),
        )
    except InputError as exc:
        raise InputError(exc.message, source="statements", line=number) from None
    except (ValueError, TypeError, KeyError) as exc:  # a bad number or a missing column; ParameterError included
        raise InputError(str(exc), source="statements", line=number) from None


def _iso(date: _dt.date | None) -> str | None:
    return None if date is None else date.isoformat()
