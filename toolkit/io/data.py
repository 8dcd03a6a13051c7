"""The toolkit's own data files and their readers: lexicons, gazetteers and gold tables.

The shipped files live in ``toolkit/data/`` (:data:`DATA`); a user's own
files are read by the same functions, with errors that name the file, line
and column.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from ..analysis.intensity import IntensityScale, default_intensity_scale, parse_intensity_scale
from ..attribution.gazetteer import ACTOR_TYPES, Entity, Gazetteer, Official
from ..errors import InputError, ParameterError
from ..formulae.lexicon import Lexicon, default_lexicon, parse_lexicon
from ..validation import check_parameter, check_path
from .decode import read_file
from .shipped import DATA, word_list
from .tables import DELIMITERS, csv_records, jsonl_records

__all__ = ["read_lexicon", "default_lexicon", "read_gazetteer", "default_gazetteer", "read_statement_table",
           "un_regional_groups", "ungdc_names", "function_words", "read_intensity_scale", "default_intensity_scale",
           "read_actor_groups"]

PathLike = str | os.PathLike


def read_lexicon(path: PathLike) -> Lexicon:
    """Read a lexicon file (YAML; see :func:`toolkit.formulae.lexicon.parse_lexicon` for the format).

    Errors name the file, line and column.

    Parameters
    ----------
    path : str or os.PathLike
        The lexicon file, UTF-8.

    Returns
    -------
    Lexicon
        Its formula families, in the file's order.

    Raises
    ------
    ParameterError
        When ``path`` is not a path.
    InputError
        When the file does not exist, is a folder, is empty, is not UTF-8,
        or is not a valid lexicon (bad YAML, an unknown key, a pattern that
        does not compile).

    Examples
    --------
    >>> lexicon = read_lexicon(DATA / "lexicon.yaml")  # the shipped lexicon's file
    >>> [f.id for f in lexicon.families] == [f.id for f in default_lexicon().families]
    True
    >>> read_lexicon("tests/data/missing.yaml")
    Traceback (most recent call last):
    ...
    toolkit.errors.InputError: tests/data/missing.yaml: no such lexicon file
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

    In every file, lines starting with ``#`` and blank lines are passed
    over, the first other line is the header, and lists inside a cell
    (aliases, demonyms...) are separated by ``|``. Only some columns are
    required: id and name for states; id, type and name for organisations
    (which may also have the states' columns); all eight for officials. A
    row with fewer cells than the header has the rest empty.

    Parameters
    ----------
    states : str or os.PathLike, optional
        The states: each entity's type is ``"state"``.
    organizations : str or os.PathLike, optional
        Organisations, UN bodies, non-state groups and media, their type in
        the ``type`` column; ``speaker`` names the entity (by id) that speaks
        for one.
    officials : str or os.PathLike, optional
        People and the office they held, with the actor (an entity id) they
        speak for, from the year ``start`` to the year ``end`` (empty: still
        in office); ``gender`` is ``f``, ``m`` or empty.

    Returns
    -------
    Gazetteer
        The entities of ``states`` then ``organizations``, and the officials.

    Raises
    ------
    ParameterError
        When a value given is not a path.
    InputError
        When a file does not exist, is not UTF-8, lacks a required column, or
        has a row with more cells than its header; for officials, years that
        are not whole numbers, an office that ends before it starts, or
        another gender; and when the rows do not make a gazetteer (an id
        defined twice, one name for two entities, an unknown organisation
        type or office, a ``speaker`` that is not defined). That last error
        names the officials file when one is given, else the states file,
        whichever file holds the fault.

    Examples
    --------
    >>> states = read_gazetteer(states=DATA / "states.tsv")
    >>> states.lookup("Turkey").id, states.lookup("Ankara").id, states.lookup("Atlantis") is None
    ('TUR', 'TUR', True)
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

    Read from ``toolkit/data/states.tsv``, ``organizations.tsv`` and
    ``officials.tsv`` with :func:`read_gazetteer`, each time it is called
    (keep the result rather than calling it again).

    Returns
    -------
    Gazetteer
        The shipped entities and officials.

    Examples
    --------
    >>> g = default_gazetteer()
    >>> g.lookup("Turkey").name, g.lookup("Organisation of Islamic Cooperation").id, g.lookup("Holy See").id
    ('Türkiye', 'OIC', 'VAT')
    """
    return read_gazetteer(DATA / "states.tsv", DATA / "organizations.tsv", DATA / "officials.tsv")


@functools.cache
def ungdc_names() -> Mapping[str, str]:
    """The name of each code of the UN General Debate Corpus: the gazetteer's name, else ``ungdc_codes.tsv``'s.

    The corpus names a speech by its state's ISO 3166-1 alpha-3 code (``EU``
    for the European Union). A code of the shipped gazetteer
    (``toolkit/data/states.tsv``, ``organizations.tsv``) takes the canonical
    name there ("SVN": "Slovenia", "EU": "European Union"); the codes of states
    that no longer exist, which the gazetteer leaves out so that news is never
    attributed to them, are named in ``toolkit/data/ungdc_codes.tsv`` (CSK,
    DDR, YMD, YUG). Every code of the corpus as published (1946-2024) is named
    by one or the other. Read once, then cached.

    Returns
    -------
    mapping of str to str
        Each code and its name (read-only).

    Raises
    ------
    InputError
        When ``ungdc_codes.tsv`` names a code that the gazetteer already names
        (file and line said).

    Examples
    --------
    >>> names = ungdc_names()
    >>> names["SVN"], names["EU"], names["YUG"], names["DDR"]
    ('Slovenia', 'European Union', 'Yugoslavia', 'German Democratic Republic')
    """
    gazetteer = read_gazetteer(DATA / "states.tsv", DATA / "organizations.tsv")
    names = {e.id: e.name for e in gazetteer.entities.values() if e.type in ACTOR_TYPES}
    path = DATA / "ungdc_codes.tsv"
    for number, row in _tsv_rows(path, ("id", "name")):
        code = row["id"].strip()
        if code in names:
            raise InputError(f"the code {code!r} is the gazetteer's already ({names[code]})", source=str(path),
                             line=number)
        names[code] = row["name"].strip()
    return MappingProxyType(names)


def un_regional_groups() -> dict[str, str]:
    """The UN regional group of each state (ISO 3166-1 alpha-3), from ``toolkit/data/un_regional_groups.tsv``.

    The current groups, applied to every year (see the file's header for states that no longer exist);
    the Holy See and the European Union belong to none. The file is read each time.

    Returns
    -------
    dict of str to str
        Each state's code and its group's name (``"African"``,
        ``"Asia-Pacific"``, ``"Eastern European"``, ``"Latin American and
        Caribbean"``, ``"Western European and others"``).

    Examples
    --------
    >>> groups = un_regional_groups()
    >>> groups["GHA"], groups["YUG"], "EU" in groups
    ('African', 'Eastern European', False)
    """
    path = DATA / "un_regional_groups.tsv"
    return {row["id"].strip(): row["group"].strip() for _, row in _tsv_rows(path, ("id", "group"))}


def read_actor_groups(path: PathLike) -> dict[str, str]:
    """Read the group of each actor from a CSV or TSV file with the columns ``actor_id`` (or ``actor``) and ``group``.

    Parameters
    ----------
    path : str or os.PathLike
        The file, UTF-8, ``.csv`` or ``.tsv`` (the extension decides the delimiter).

    Returns
    -------
    dict of str to str
        Each actor id (or name) and its group, stripped of spaces.

    Raises
    ------
    InputError
        Naming the file and line: a missing file, no ``group`` or actor column,
        an empty cell, or an actor given twice.
    ParameterError
        For a file that is neither ``.csv`` nor ``.tsv``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "blocs.csv").write_text("actor_id,group\\nFRA,EU\\nQAT,GCC\\n", encoding="utf-8")
    >>> read_actor_groups(folder / "blocs.csv")
    {'FRA': 'EU', 'QAT': 'GCC'}
    """
    path = Path(check_path(path, owner="read_actor_groups"))
    suffix = path.suffix.lower()
    check_parameter(str(path), "path", owner="read_actor_groups", ok=suffix in (".csv", ".tsv"),
                    expected="a .csv or .tsv file")
    label = str(path)
    if not path.is_file():
        raise InputError("no such file", source=label)
    groups: dict[str, str] = {}
    key = None
    for line, row in csv_records(path, label, "\t" if suffix == ".tsv" else ","):
        if key is None:
            key = next((c for c in ("actor_id", "actor") if c in row), None)
            if key is None or "group" not in row:
                raise InputError("expected the columns actor_id (or actor) and group, found " + ", ".join(row),
                                 source=label, line=1)
        actor, group = (row.get(key) or "").strip(), (row.get("group") or "").strip()
        if not actor or not group:
            raise InputError(f"an empty {key} or group", source=label, line=line)
        if actor in groups:
            raise InputError(f"{actor!r} is given a group twice", source=label, line=line)
        groups[actor] = group
    return groups


def read_intensity_scale(path: PathLike) -> IntensityScale:
    """Read an intensity scale from a YAML file (the format of ``toolkit/data/intensity.yaml``).

    Parameters
    ----------
    path : str or os.PathLike
        The scale's file, UTF-8.

    Returns
    -------
    IntensityScale
        Its levels with their labels, cue classes and word lists (see
        :func:`toolkit.analysis.intensity.parse_intensity_scale`).

    Raises
    ------
    ParameterError
        When ``path`` is not a path.
    InputError
        When the file cannot be read or is not UTF-8 (naming the file), or is
        not a valid scale (naming the file and line).

    Examples
    --------
    >>> sorted(read_intensity_scale(DATA / "intensity.yaml").levels)  # the shipped scale's file
    [0, 1, 2, 3, 4, 5]
    """
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
    """Read a statements table (JSONL, TSV or CSV), e.g. hand-annotated gold attributions.

    The format comes from the extension, as for
    :func:`~toolkit.io.readers.read_table`: ``.jsonl`` or ``.ndjson`` is
    read as JSON lines, ``.tsv`` or ``.tab`` as tab-separated values, any
    other file as CSV with commas; CSV and TSV need a header row. Nothing is
    renamed or converted: the table is the file's.

    Parameters
    ----------
    path : str or os.PathLike
        The file, UTF-8.

    Returns
    -------
    pandas.DataFrame
        One row per record, in file order; the columns are the CSV or TSV
        header's, or every key of the JSON objects (missing keys as NaN). CSV
        and TSV values are strings; JSON values keep their JSON types.

    Raises
    ------
    ParameterError
        When ``path`` is not a path.
    InputError
        When the file does not exist or has no rows, or (naming the line)
        when a row is malformed, has more or fewer fields than the header, or
        is not a JSON object.

    Examples
    --------
    >>> table = read_statement_table("tests/data/tables/statements.csv")
    >>> table.shape, list(table.columns)
    ((4, 6), ['ref', 'country', 'iso', 'published', 'body', 'outlet'])
    >>> read_statement_table("tests/data/tables/statements.tsv").equals(table)  # the same rows, tab-separated
    True
    """
    check_path(path, "path", owner="read_statement_table")
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", source=str(path))
    delimiter = DELIMITERS.get(path.suffix.lower(), ",")
    records = jsonl_records(path, str(path)) if delimiter is None else csv_records(path, str(path), delimiter)
    frame = pd.DataFrame([record for _, record in records])
    if frame.empty:
        raise InputError("the table has no rows", source=str(path))
    return frame
