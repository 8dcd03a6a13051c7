"""Groups of statements: what a ``by`` names, resolved against the data, time bins derived from the year.

One resolver for every function that groups statements (counts, sums of
counts, formulaicity, the command line): ``by`` is a name, several names
joined by commas (``"actor,decade"``), or a list of names, and each name is

* a grouping of :data:`toolkit.validation.GROUPINGS` (``doc``, ``statement``,
  ``actor``, ``actor_id``, ``year``, ``date``, ``source``, ...; ``intensity``
  once the matches carry the levels), which stands for its columns;
* a time bin derived from ``year``: ``decade`` (column ``decade``, the first
  year of the decade: 1990 for 1990 to 1999) or a bin width ``years:N``
  (column ``years_N``, the first year of each bin of ``N`` years; bins are
  aligned on multiples of ``N``, so ``years:5`` puts 1993 in the bin 1990
  and 1997 in 1995, and ``years:10`` is ``decade``). Both are nullable
  integers, missing where the year is;
* any other column of the data: the metadata a reader kept (a CSV's own
  columns, the UN corpus's ``session``).

A column of the data that has the name of a time bin (a counts table already
grouped by ``decade``) is used as it is. An unknown name is refused with the
groupings and the columns the data hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from ..errors import ParameterError
from ..validation import GROUPINGS, by_parts, check_parameter, parameter_error, renamed_value
from .corpus import UNRESOLVED

__all__ = ["TIME_BINS", "group_names", "group_columns", "bin_column", "metadata_names", "grouping_error",
           "unresolved_last"]

#: The time bins ``by`` accepts besides the groupings and the columns of the data (``years:N`` for any N >= 1).
TIME_BINS = ("decade", "years:N")
#: Groupings renamed in this release (the old name works, with a FutureWarning).
_RENAMES = {"level": "intensity"}
_YEARS = re.compile(r"years:(\d+)")


def _width(name: str) -> int | None:
    """The width in years of a time bin's name (``decade``: 10), or None for a name that is no bin."""
    if name == "decade":
        return 10
    found = _YEARS.fullmatch(name)
    return int(found.group(1)) if found else None


def bin_column(name: str) -> str | None:
    """The column a time bin adds (``decade``, ``years:5`` -> ``years_5``), or None for a name that is no bin.

    Parameters
    ----------
    name : str
        A name of ``by``.

    Returns
    -------
    str or None
        The column's name.

    Examples
    --------
    >>> bin_column("decade"), bin_column("years:5"), bin_column("actor")
    ('decade', 'years_5', None)
    """
    if _width(name) is None:
        return None
    return "decade" if name == "decade" else name.replace(":", "_")


def group_names(value: Any, name: str = "by", *, owner: str) -> list[str]:
    """The names a ``by`` holds, in order, without repeats (renamed ones under their new name), unchecked against data.

    Parameters
    ----------
    value : str or list of str
        A name, several joined by commas (``"actor,decade"``), or a list of names.
    name : str, default "by"
        The parameter's name.
    owner : str
        The function, class or command the parameter belongs to.

    Returns
    -------
    list of str
        The names, stripped.

    Raises
    ------
    ParameterError
        When ``value`` is not a str or a list of str, holds no name, or a
        bin width ``years:N`` whose ``N`` is not an int >= 1.

    Examples
    --------
    >>> group_names("actor, decade,actor", owner="count_matches")
    ['actor', 'decade']
    """
    names: list[str] = []
    for part in by_parts(value):
        check_parameter(part, name, owner=owner, ok=isinstance(part, str) and bool(part),
                        expected="a grouping, a time bin or a column of the data, or several joined by commas",
                        got=None if isinstance(part, str) else type(part).__name__)
        if part.startswith("years:"):
            width = _width(part)
            check_parameter(part, name, owner=owner, ok=width is not None and width >= 1,
                            expected="a bin width years:N with N an int >= 1 (years:5 for five-year bins)")
        part = renamed_value(part, name, owner=owner, renames=_RENAMES)
        if part not in names:
            names.append(part)
    check_parameter(value, name, owner=owner, expected="at least one grouping", ok=bool(names))
    return names


def metadata_names(names: Sequence[str]) -> list[str]:
    """The names that are neither groupings nor time bins: they must be columns of the data.

    Parameters
    ----------
    names : sequence of str
        From :func:`group_names`.

    Returns
    -------
    list of str
        Those names, in order.

    Examples
    --------
    >>> metadata_names(["actor", "bloc", "decade", "years:5"])
    ['bloc']
    """
    return [n for n in names if n not in GROUPINGS and _width(n) is None]


def grouping_error(value: Any, name: str = "by", *, owner: str, columns: Iterable[str], of: str = "statements",
                   intensity: bool = False) -> ParameterError:
    """The error for a ``by`` that names nothing in the data: it lists the groupings and the data's columns.

    Parameters
    ----------
    value : object
        The name refused.
    name : str, default "by"
        The parameter's name.
    owner : str
        The function, class or command the parameter belongs to.
    columns : iterable of str
        The columns of the data that may be groups (listed sorted).
    of : str, default "statements"
        What the data are, as the message names them.
    intensity : bool, default False
        Whether the data carry intensity levels (then ``intensity`` is listed).

    Returns
    -------
    ParameterError
        To be raised.

    Examples
    --------
    >>> print(grouping_error("blok", owner="count_matches", columns=["session", "bloc"]))  # doctest: +ELLIPSIS
    The 'by' parameter of count_matches must be a grouping (doc, ..., decade, years:N) or a column of the \
statements (bloc, session). Got 'blok' instead.
    """
    groupings = [g for g in GROUPINGS if intensity or g != "intensity"] + list(TIME_BINS)
    listed = sorted(set(columns))
    return parameter_error(value, name, owner=owner,
                           expected=f"a grouping ({', '.join(groupings)}) or a column of the {of} "
                                    f"({', '.join(listed) if listed else 'none in these data'})")


def group_columns(frame: pd.DataFrame, by: Any, *, owner: str, name: str = "by",
                  metadata: Iterable[str] | None = None, of: str = "statements") -> tuple[pd.DataFrame, list[str]]:
    """The columns to group ``frame`` by, with the time bins added (to a copy) where ``by`` asks for them.

    Parameters
    ----------
    frame : pandas.DataFrame
        The data grouped: a statements table (``Matches.statements``) or a table of counts.
    by : str or list of str
        Groupings (:data:`toolkit.validation.GROUPINGS`), time bins (``decade``,
        ``years:N``) and columns of ``frame``, one name, several joined by
        commas, or a list.
    owner : str
        The function, class or command the parameter belongs to.
    name : str, default "by"
        The parameter's name.
    metadata : iterable of str, optional
        The columns of ``frame`` accepted as groups besides those of the
        groupings and bins (default: every column of ``frame`` that no
        grouping stands for).
    of : str, default "statements"
        What the rows of ``frame`` are, as an error names them.

    Returns
    -------
    frame : pandas.DataFrame
        ``frame``, or a copy of it with the time bins added.
    columns : list of str
        The columns to group by, in order, without repeats. A grouping's
        columns are not checked to be in ``frame`` (the caller says what is
        missing, as for ``intensity``).

    Raises
    ------
    ParameterError
        For a name that is no grouping, time bin or accepted column
        (:func:`grouping_error`), or a time bin of data without ``year``.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"doc_id": ["a", "b"], "year": [1994, 2001], "bloc": ["EU", "OIC"]})
    >>> binned, columns = group_columns(frame, "bloc,decade", owner="count_matches")
    >>> columns, binned["decade"].tolist()
    (['bloc', 'decade'], [1990, 2000])
    """
    names = group_names(by, name, owner=owner)
    fixed = {c for columns in GROUPINGS.values() for c in columns}
    accepted = set(metadata) if metadata is not None else {c for c in frame.columns if c not in fixed}
    columns: list[str] = []
    added: dict[str, pd.Series] = {}
    for part in names:
        width, column = _width(part), bin_column(part)
        if part in GROUPINGS:
            wanted = list(GROUPINGS[part])
        elif column is not None and width is not None and column not in frame.columns:
            check_parameter(part, name, owner=owner, ok="year" in frame.columns,
                            expected=f"a grouping of data with years (the time bin {part!r} is derived from 'year')",
                            got=f"{part!r} for {of} without a 'year' column")
            years = frame["year"].astype("Int64")
            added[column] = (years // width) * width
            wanted = [column]
        elif column is not None or part in accepted:
            wanted = [column or part]
        else:
            raise grouping_error(part, name, owner=owner, columns=accepted - fixed, of=of,
                                 intensity="intensity" in frame.columns)
        columns += [c for c in wanted if c not in columns]
    return (frame.assign(**added) if added else frame), columns


def unresolved_last(column: pd.Series) -> pd.Series:
    """A sort key for group columns: the pooled statements without an actor sort with the missing values, last.

    Pass it as ``key=`` to :meth:`pandas.DataFrame.sort_values` with
    ``na_position="last"``; only the ``actor`` column is changed.

    Parameters
    ----------
    column : pandas.Series
        A column being sorted.

    Returns
    -------
    pandas.Series
        ``column``, with ``"unresolved"`` (:data:`toolkit.text.corpus.UNRESOLVED`) made missing if it is ``actor``.

    Examples
    --------
    >>> frame = pd.DataFrame({"actor": ["unresolved", "Chad", "Aruba"]})
    >>> frame.sort_values("actor", na_position="last", key=unresolved_last)["actor"].tolist()
    ['Aruba', 'Chad', 'unresolved']
    """
    return column.where(column != UNRESOLVED) if column.name == "actor" else column
