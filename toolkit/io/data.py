"""The toolkit's own data files and their readers: lexicons, gazetteers and gold tables.

The shipped files live in ``toolkit/data/`` (:data:`DATA`); a user's own
files are read by the same functions, with errors that name the file, line
and column.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from ..analysis.intensity import IntensityScale, default_intensity_scale, parse_intensity_scale
from ..attribution.gazetteer import Entity, Gazetteer, Official
from ..errors import InputError, ParameterError
from ..formulae.lexicon import Lexicon, default_lexicon, parse_lexicon
from ..validation import check_path
from .decode import read_file
from .shipped import DATA, word_list
from .tables import csv_records, jsonl_records

__all__ = ["read_lexicon", "default_lexicon", "read_gazetteer", "default_gazetteer", "read_statement_table",
           "un_regional_groups", "function_words", "read_intensity_scale", "default_intensity_scale"]

PathLike = str | os.PathLike


def read_lexicon(path: PathLike) -> Lexicon:
    """Read a lexicon file (YAML; see :func:`toolkit.formulae.lexicon.parse_lexicon` for the format).

    Errors name the file, line and column.
    """
    check_path(path, "path", owner="read_lexicon")
    label = str(path)
    path = Path(path)
    if not path.is_file():
        raise InputError("no such lexicon file" if not path.exists() else "a lexicon must be a file", source=label)
    text = read_file(path, label)
    if not text.strip():
        raise InputError("the lexicon file is empty", source=label)
    return parse_lexicon(text, source=label)




def _tsv_rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict]]:
    label = str(path)
    lines = read_file(path, label).splitlines()
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


def read_gazetteer(states: PathLike | None = None, organizations: PathLike | None = None,
                   officials: PathLike | None = None) -> Gazetteer:
    """Read a gazetteer from tab-separated files (see ``toolkit/data/*.tsv`` for the format).

    ``states`` has the columns id, name, aliases, demonyms, capitals and
    optionally institutions; ``organizations`` the columns id, type, name,
    aliases and optionally speaker; ``officials`` the columns name, aliases,
    office, title, actor, start, end, gender. Any may be omitted. Errors name
    the file and line.
    """
    for name, value in (("states", states), ("organizations", organizations), ("officials", officials)):
        if value is not None:
            check_path(value, name, owner="read_gazetteer")
    entities = []
    for path, kind in ((states, "state"), (organizations, None)):
        if path is None:
            continue
        path = Path(path)
        if not path.is_file():
            raise InputError("no such gazetteer file", source=str(path))
        required = ("id", "name") if kind else ("id", "type", "name")
        for _, row in _tsv_rows(path, required):
            entities.append(Entity(
                id=row["id"].strip(), name=row["name"].strip(), type=kind or row["type"].strip(),
                aliases=_split(row.get("aliases", "")), demonyms=_split(row.get("demonyms", "")),
                capitals=_split(row.get("capitals", "")), institutions=_split(row.get("institutions", "")),
                speaker=row.get("speaker", "").strip() or None,
            ))
    people = [] if officials is None else _read_officials(Path(officials))
    try:
        return Gazetteer(entities, people)
    except ParameterError as exc:
        raise InputError(str(exc), source=str(officials or states or organizations)) from None


def _read_officials(path: Path) -> list[Official]:
    if not path.is_file():
        raise InputError("no such officials file", source=str(path))
    found = []
    for number, row in _tsv_rows(path, ("name", "aliases", "office", "title", "actor", "start", "end", "gender")):
        try:
            start = int(row["start"])
            end = int(row["end"]) if row["end"].strip() else None
        except ValueError:
            raise InputError(f"years must be whole numbers, got {row['start']!r} and {row['end']!r}",
                             source=str(path), line=number) from None
        if end is not None and end < start:
            raise InputError(f"the office ends ({end}) before it starts ({start})", source=str(path), line=number)
        gender = row["gender"].strip() or None
        if gender not in (None, "f", "m"):
            raise InputError(f"gender must be f, m or empty, got {gender!r}", source=str(path), line=number)
        found.append(Official(row["name"].strip(), _split(row["aliases"]), row["office"].strip(),
                              row["title"].strip(), row["actor"].strip(), start, end, gender))
    return found


def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer: every UN member and observer state, the common organisations, office holders.

    Examples
    --------
    >>> g = default_gazetteer()
    >>> g.lookup("Turkey").name, g.lookup("Organisation of Islamic Cooperation").id, g.lookup("Holy See").id
    ('Türkiye', 'OIC', 'VAT')
    """
    return read_gazetteer(DATA / "states.tsv", DATA / "organizations.tsv", DATA / "officials.tsv")


def un_regional_groups() -> dict[str, str]:
    """The UN regional group of each state (ISO 3166-1 alpha-3), from ``toolkit/data/un_regional_groups.tsv``.

    The current groups, applied to every year (see the file's header for states that no longer exist);
    the Holy See and the European Union belong to none.

    Examples
    --------
    >>> groups = un_regional_groups()
    >>> groups["GHA"], groups["YUG"], "EU" in groups
    ('African', 'Eastern European', False)
    """
    path = DATA / "un_regional_groups.tsv"
    return {row["id"].strip(): row["group"].strip() for _, row in _tsv_rows(path, ("id", "group"))}


def read_intensity_scale(path: PathLike) -> IntensityScale:
    """An intensity scale from a YAML file (the format of ``toolkit/data/intensity.yaml``); errors name file:line."""
    path = Path(check_path(path, "path", owner="read_intensity_scale"))
    return parse_intensity_scale(read_file(path, str(path)), source=str(path))




def function_words() -> frozenset[str]:
    """English function words (articles, pronouns, prepositions, conjunctions, auxiliaries), lower case.

    From ``toolkit/data/function_words.txt``, the toolkit's one list of
    them: it tells formulae bounded by content words from fragments
    ("condolences to the") and is passed over when looking for the word a
    formula is attached to.

    Returns
    -------
    frozenset of str
        The words.

    Examples
    --------
    >>> words = function_words()
    >>> "the" in words, "condolences" in words
    (True, False)
    """
    return word_list("function_words")


def read_statement_table(path: PathLike) -> pd.DataFrame:
    """Read a statements table (JSONL or CSV), e.g. hand-annotated gold attributions."""
    check_path(path, "path", owner="read_statement_table")
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", source=str(path))
    records = jsonl_records(path, str(path)) if path.suffix == ".jsonl" else csv_records(path, str(path), ",")
    frame = pd.DataFrame([record for _, record in records])
    if frame.empty:
        raise InputError("the table has no rows", source=str(path))
    return frame
