"""Writing tables and files: formats, rendering, rounding, and atomic writes.

* :func:`table_format` decides the format a table is written in, from the
  file's extension or a format asked for (the two must agree), for
  :func:`write_table` and the command line alike;
* :func:`render_table` gives a table as CSV, TSV, JSONL or a terminal table,
  with floats rounded to :data:`SIGNIFICANT_DIGITS` significant digits, so the
  tables the toolkit writes are the same on any machine, and list-valued
  cells as text (:func:`lists_as_text`) except in JSONL;
* :func:`write_text` and :func:`write_table` (also Parquet and Stata) write
  one file atomically (a temporary file, then a rename);
* :func:`write_files` writes a set of files only once all are ready.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from ..errors import InputError, MissingDependency
from ..validation import check_choice, check_parameter, check_path, check_table, parameter_error
from .shipped import word_list

__all__ = ["SIGNIFICANT_DIGITS", "TABLE_FORMATS", "TABLE_EXTENSIONS", "counted", "format_table", "lists_as_text",
           "render_table", "round_floats", "stata_names", "table_format", "write_text", "write_files", "write_table"]

#: Significant digits kept of every float in a written table.
SIGNIFICANT_DIGITS = 6
#: The formats a table is written in: the text formats, then the binary ones (files only).
TABLE_FORMATS = ("csv", "tsv", "jsonl", "table", "parquet", "stata")
TEXT_FORMATS = TABLE_FORMATS[:4]
BINARY_FORMATS = TABLE_FORMATS[4:]
#: Each file extension and the format it means (``.txt`` is the terminal table).
TABLE_EXTENSIONS = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".txt": "table", ".parquet": "parquet",
                    ".dta": "stata"}
_SUFFIXES = {fmt: suffix for suffix, fmt in TABLE_EXTENSIONS.items()}
# Stata 14+ (format 118): a str variable holds up to 2,045 bytes (longer text is strL); labels up to 80 characters.
_STATA_STR_BYTES = 2045
_STATA_LABEL_CHARS = 80
# The time stamp in a Stata file's header is fixed, so the same table gives the same bytes.
_STATA_TIME_STAMP = datetime.datetime(2000, 1, 1)
PathLike = str | os.PathLike


def counted(n: int, noun: str) -> str:
    """``n`` with thousands separators and the noun, in the plural unless one.

    Parameters
    ----------
    n : int
        How many.
    noun : str
        The noun in the singular (its plural takes an "s").

    Returns
    -------
    str

    Examples
    --------
    >>> counted(1, "passage"), counted(1234, "other actor")
    ('1 passage', '1,234 other actors')
    """
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


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
    if isinstance(value, (list, tuple, np.ndarray)):  # list-valued cells stay JSON arrays
        return [_json_value(item) for item in value]
    return value


def format_table(frame, *, max_width: int = 60) -> str:
    """A plain-text table for the terminal: whitespace inside cells collapsed, long cells cut.

    Numbers are right-aligned; text is left-aligned. Nothing is lost in CSV or
    JSONL output, which keep every value verbatim.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table (its index is not shown). Not checked: see
        :func:`render_table`.
    max_width : int, default 60
        The most characters a cell shows; a longer one is cut to
        ``max_width - 1`` characters and an ellipsis.

    Returns
    -------
    str
        A header line, a line of dashes, then one line per row, each ending
        in a newline; columns two spaces apart. Floats are shown with four
        decimals, missing values as empty cells; integer and float columns
        are right-aligned, the others left-aligned.

    Examples
    --------
    >>> table = pd.DataFrame({"actor": ["Norway", "Chad"], "n_matches": [3, 12], "share": [0.25, 1 / 3]})
    >>> print(format_table(table), end="")
    actor   n_matches   share
    ------  ---------  ------
    Norway          3  0.2500
    Chad           12  0.3333
    """
    columns = [str(c) for c in frame.columns]
    rows = [[_cell(v) for v in record] for record in frame.itertuples(index=False, name=None)]
    rows = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in r] for r in rows]
    numeric = [frame[c].dtype.kind in "iuf" for c in frame.columns]
    widths = [max([len(h)] + [len(r[k]) for r in rows]) for k, h in enumerate(columns)]

    def line(cells):
        return "  ".join(c.rjust(w) if num else c.ljust(w) for c, w, num in zip(cells, widths, numeric)).rstrip()

    return "\n".join([line(columns), line(["-" * w for w in widths])] + [line(r) for r in rows]) + "\n"


def round_floats(frame: pd.DataFrame, *, digits: int = SIGNIFICANT_DIGITS) -> pd.DataFrame:
    """A copy of ``frame`` with every float column rounded to ``digits`` significant digits.

    Tables are written with their floats rounded so that a committed table
    rebuilds identically on any machine: BLAS kernels differ between
    processors in the last bits (``0.9999999999999998`` against
    ``1.0000000000000002``), far below the precision of any reported number.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table; not changed.
    digits : int, default :data:`SIGNIFICANT_DIGITS`
        Significant digits kept (``6``).

    Returns
    -------
    pandas.DataFrame
        A copy in which every column of a float dtype holds ``float64``
        values, each the float that ``format(value, f".{digits}g")`` reads
        back as (missing values become NaN); other columns, and floats
        inside columns of another dtype, are left as they are.

    Examples
    --------
    >>> round_floats(pd.DataFrame({"x": [0.9999999999999998, 1.0000000000000002, 5.649717514124294], "n": [1, 2, 3]}))
             x  n
    0  1.00000  1
    1  1.00000  2
    2  5.64972  3
    """
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype.kind == "f":
            values = out[column].to_numpy(dtype=np.float64)
            out[column] = np.array([float(f"{v:.{digits}g}") for v in values.tolist()], dtype=np.float64)
    return out


def table_format(path: PathLike | None, fmt: str | None = None, *, owner: str, path_name: str = "path",
                 fmt_name: str = "fmt") -> str:
    """The one place that decides the format a table is written in: from ``fmt``, the extension of ``path``, or both.

    :func:`write_table` and the command line's ``--output``/``--format``
    both decide here, so a file is written in the same format whichever
    way it is asked for.

    Parameters
    ----------
    path : str, os.PathLike or None
        The file to write; None for the terminal (standard output), which
        takes only the text formats.
    fmt : str, optional
        ``"csv"``, ``"tsv"``, ``"jsonl"``, ``"table"`` (the terminal
        table), ``"parquet"`` or ``"stata"`` (also spelt ``"dta"``). With a
        path whose extension is one of :data:`TABLE_EXTENSIONS`, it must be
        that extension's format (or be left out).
    owner : str
        The function or command the arguments belong to, for messages.
    path_name, fmt_name : str, default "path" and "fmt"
        The names of the two arguments in messages (``"--output"`` and
        ``"--format"`` on the command line).

    Returns
    -------
    str
        One of :data:`TABLE_FORMATS`.

    Raises
    ------
    ParameterError
        When ``fmt`` is not a format; when ``fmt`` disagrees with the
        extension of ``path`` (the message names both and says which to
        change); when ``fmt`` is not given and ``path`` has no known
        extension (or is None); when a binary format is asked for the
        terminal.

    Examples
    --------
    >>> table_format("results.csv", owner="write_table"), table_format("results.dta", owner="write_table")
    ('csv', 'stata')
    >>> table_format("results", "tsv", owner="write_table"), table_format(None, "table", owner="condemn count")
    ('tsv', 'table')
    >>> table_format("x.jsonl", "csv", owner="write_table")
    Traceback (most recent call last):
    ...
    toolkit.errors.ParameterError: The 'fmt' parameter of write_table must be 'jsonl', the format of path 'x.jsonl' \
(change fmt to 'jsonl' or leave it out, or change path to end in .csv). Got 'csv' instead.
    """
    if fmt is not None:
        check_choice(fmt, fmt_name, owner=owner, choices=TABLE_FORMATS + ("dta",))
        fmt = "stata" if fmt == "dta" else fmt
    if path is None:
        check_parameter(fmt, fmt_name, owner=owner, ok=fmt is not None, expected="given to write a table")
        assert fmt is not None
        check_parameter(fmt, fmt_name, owner=owner, ok=fmt not in BINARY_FORMATS,
                        expected=f"a text format ({', '.join(TEXT_FORMATS)}) for the terminal: {fmt} is binary, "
                                 f"write it to a file with {path_name} (a name ending in {_SUFFIXES[fmt]})")
        return fmt
    check_path(path, path_name, owner=owner)
    implied = TABLE_EXTENSIONS.get(Path(path).suffix.lower())
    if fmt is None:
        known = ", ".join(TABLE_EXTENSIONS)
        check_parameter(str(path), path_name, owner=owner, ok=implied is not None,
                        expected=f"a name ending in {known}, unless {fmt_name} is given")
        assert implied is not None
        return implied
    check_parameter(fmt, fmt_name, owner=owner, ok=implied in (None, fmt),
                    expected=f"{implied!r}, the format of {path_name} {str(path)!r} (change {fmt_name} to "
                             f"{implied!r} or leave it out, or change {path_name} to end in {_SUFFIXES[fmt]})")
    return fmt


def lists_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its list- and tuple-valued cells as text: spans as ``start-end;start-end``, else ``;``-joined.

    A cell whose items are all pairs of whole numbers is a list of spans
    (``[(3, 10), (15, 21)]`` becomes ``"3-10;15-21"``); any other list or
    tuple has its items joined by ``;`` (``["a", "b"]`` becomes ``"a;b"``);
    an empty one becomes ``""``. CSV, TSV, Parquet, Stata and the terminal
    table show list columns so; JSONL keeps them as JSON arrays.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table; not changed.

    Returns
    -------
    pandas.DataFrame
        ``frame`` itself when no cell holds a list or tuple, else a copy in
        which those cells are strings (other cells of those columns, such
        as missing values, are kept).

    Examples
    --------
    >>> table = pd.DataFrame({"id": ["s1", "s2"], "evidence_spans": [[(3, 10), (15, 21)], []],
    ...                       "cues": [("said", "told"), None]})
    >>> lists_as_text(table)
       id evidence_spans       cues
    0  s1     3-10;15-21  said;told
    1  s2                       NaN
    """
    columns = [c for c in frame.columns if frame[c].dtype == object and frame[c].map(_is_list).any()]
    if not columns:
        return frame
    out = frame.copy()
    for column in columns:
        out[column] = out[column].map(lambda value: _list_text(value) if _is_list(value) else value)
    return out


def _is_list(value) -> bool:
    return isinstance(value, (list, tuple, np.ndarray))


def _is_span(item) -> bool:
    return (_is_list(item) and len(item) == 2
            and all(isinstance(n, (int, np.integer)) and not isinstance(n, bool) for n in item))


def _list_text(value) -> str:
    items = list(value)
    if items and all(_is_span(item) for item in items):
        return ";".join(f"{start}-{end}" for start, end in items)
    return ";".join(_list_text(item) if _is_list(item) else str(item) for item in items)


def render_table(frame: pd.DataFrame, fmt: str) -> str:
    """``frame`` as CSV, TSV, JSONL or a terminal table (the text formats), floats rounded.

    CSV, TSV and JSONL carry every value, with floats rounded to
    :data:`SIGNIFICANT_DIGITS` significant digits (:func:`round_floats`); the
    terminal table collapses whitespace and cuts long cells for display.
    List-valued cells are text in CSV, TSV and the terminal table
    (:func:`lists_as_text`: spans as ``start-end;start-end``) and JSON arrays
    in JSONL. The binary formats (Parquet, Stata) are files:
    :func:`write_table`.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table; its index is not written.
    fmt : {"csv", "tsv", "jsonl", "table"}
        ``"csv"``: a header and one line per row (``\\n`` line ends);
        ``"tsv"``: the same with tabs; ``"jsonl"``: one JSON object per row,
        non-ASCII characters kept, missing values as ``null``, dates in ISO
        form; ``"table"``: :func:`format_table`.

    Returns
    -------
    str
        The rendered table, ending in a newline.

    Raises
    ------
    ParameterError
        When ``frame`` is not a DataFrame or ``fmt`` is not one of the four
        (for ``"parquet"`` and ``"stata"``, the message says to write a
        file).

    Examples
    --------
    >>> table = pd.DataFrame({"actor": ["Norway", "Chad"], "share": [0.25, 1 / 3], "spans": [[(0, 8)], []]})
    >>> print(render_table(table, "csv"), end="")
    actor,share,spans
    Norway,0.25,0-8
    Chad,0.333333,
    >>> print(render_table(table, "jsonl"), end="")
    {"actor": "Norway", "share": 0.25, "spans": [[0, 8]]}
    {"actor": "Chad", "share": 0.333333, "spans": []}
    """
    check_table(frame, "frame", owner="render_table")
    check_choice(fmt, "fmt", owner="render_table", choices=TABLE_FORMATS + ("dta",))
    fmt = table_format(None, fmt, owner="render_table")  # a binary format is refused: it is a file
    if fmt == "jsonl":
        frame = round_floats(frame)
        return "".join(json.dumps({k: _json_value(v) for k, v in record.items()}, ensure_ascii=False) + "\n"
                       for record in frame.to_dict("records"))
    frame = lists_as_text(frame)
    if fmt == "table":
        return format_table(frame)
    return round_floats(frame).to_csv(index=False, lineterminator="\n", sep="\t" if fmt == "tsv" else ",")

def write_text(text: str, path: PathLike) -> None:
    """Write ``text`` to ``path`` atomically: a temporary file in the same folder, then a rename.

    A failure leaves any previous file at ``path`` untouched.

    Parameters
    ----------
    text : str
        Written as UTF-8, line ends as they are (no newline translation).
    path : str or os.PathLike
        The file to write or replace; its folder must exist. The temporary
        file beside it is named ``.NAME.PID.tmp``.

    Returns
    -------
    None

    Raises
    ------
    ParameterError
        When ``text`` is not a str or ``path`` is not a path.
    InputError
        When the folder does not exist or the file cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_text("one\\r\\ntwo\\n", Path(folder) / "notes.txt")
    ...     (Path(folder) / "notes.txt").read_bytes()
    b'one\\r\\ntwo\\n'
    """
    check_path(path, "path", owner="write_text")
    check_parameter(type(text).__name__, "text", owner="write_text", expected="a str", ok=isinstance(text, str))
    _atomic(Path(path), lambda handle: handle.write(text.encode("utf-8")))


def write_files(files: Mapping[str, bytes], folder: PathLike) -> list[Path]:
    """Write a set of files into ``folder`` (created if missing) only once all of them are ready.

    Every file is first written into a temporary folder beside ``folder``;
    only when all were written are they moved into place, each by an atomic
    rename. A failure before that leaves ``folder`` exactly as it was. Other
    files already in ``folder`` are left alone. Returns the paths written.

    Parameters
    ----------
    files : mapping of str to bytes
        Each file's name (a plain name: no folder, not hidden) and its
        content.
    folder : str or os.PathLike
        The folder to write into; its parent must exist.

    Returns
    -------
    list of pathlib.Path
        The paths written, in the order of ``files``.

    Raises
    ------
    ParameterError
        When ``folder`` is not a path, or a name in ``files`` is empty, has a
        folder in it or starts with a dot.
    InputError
        When the parent folder does not exist, ``folder`` is a file, or a
        file cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as parent:
    ...     written = write_files({"a.csv": b"x\\n1\\n", "a.txt": b"note\\n"}, Path(parent) / "out")
    ...     sorted(p.name for p in (Path(parent) / "out").iterdir()), [p.name for p in written]
    (['a.csv', 'a.txt'], ['a.csv', 'a.txt'])
    """
    check_path(folder, "folder", owner="write_files")
    folder = Path(folder)
    names = list(files)
    bad = [n for n in names if not n or Path(n).name != n or n.startswith(".")]
    check_parameter(bad[0] if bad else None, "files", owner="write_files", ok=not bad,
                    expected="a mapping of plain file names (no folder, not hidden) to bytes",
                    got=repr(bad[0]) if bad else None)
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
    """Write a table atomically, in the format of ``fmt`` or of the extension.

    The format is decided by :func:`table_format`: ``.csv``, ``.tsv``,
    ``.jsonl``, ``.txt`` (the terminal table), ``.parquet`` (needs
    ``pyarrow``: ``pip install 'condemnation-toolkit[parquet]'``) or ``.dta``
    (Stata 14+, format 118). Floats are rounded as in every written table
    (:func:`round_floats`). List-valued columns are text in every format but
    JSONL (:func:`lists_as_text`: spans as ``start-end;start-end``). In a
    Stata file, each column name becomes a valid Stata name (characters other
    than ASCII letters, digits and ``_`` become ``_``; a leading digit or a
    Stata reserved word gets a leading ``_``; at most 32 characters) and
    every variable's label is the column's name in the table; other text
    columns hold strings (missing values as empty strings, as Stata has
    them), and text longer than 2,045 bytes is stored as strL. The file is
    written to a temporary file beside ``path`` and renamed into place only
    when complete (:func:`write_text` for the text formats).

    Parameters
    ----------
    frame : pandas.DataFrame
        The table; its index is not written.
    path : str or os.PathLike
        The file to write or replace; its folder must exist.
    fmt : {"csv", "tsv", "jsonl", "table", "parquet", "stata"}, optional
        By default from the extension; when given with a known extension,
        it must agree with it. Needed for any other extension.

    Returns
    -------
    None

    Raises
    ------
    ParameterError
        When ``frame`` is not a DataFrame or ``path`` is not a path; when the
        format cannot be decided or disagrees with the extension (see
        :func:`table_format`); for Stata, when two column names become the
        same Stata name; when a column holds values the format cannot store
        (complex numbers, mappings, ...).
    MissingDependency
        For Parquet, when ``pyarrow`` is not installed (exit status 3 on the
        command line).
    InputError
        When the folder does not exist or the file cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_table(pd.DataFrame({"year": [2024], "rate": [2 / 3]}), Path(folder) / "rates.csv")
    ...     (Path(folder) / "rates.csv").read_text()
    'year,rate\\n2024,0.666667\\n'
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_table(pd.DataFrame({"2024 rate": [2 / 3], "spans": [[(0, 8), (12, 20)]]}), Path(folder) / "r.dta")
    ...     pd.read_stata(Path(folder) / "r.dta")
       _2024_rate      spans
    0    0.666667  0-8;12-20
    """
    check_table(frame, "frame", owner="write_table")
    fmt = table_format(path, fmt, owner="write_table")
    if fmt in TEXT_FORMATS:
        write_text(render_table(frame, fmt), path)
    elif fmt == "parquet":
        _write_parquet(frame, Path(path))
    else:
        _write_stata(frame, Path(path))


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    try:
        import pyarrow  # noqa: F401  (pandas writes Parquet through it)
    except ImportError:
        raise MissingDependency("Parquet output", "pyarrow", "condemnation-toolkit[parquet]") from None
    table = round_floats(lists_as_text(frame))
    for column in table.columns:  # an object column of mixed types (ids as numbers and text) is written as text
        if table[column].dtype == object and len({type(v) for v in table[column].dropna()}) > 1:
            table[column] = table[column].map(lambda v: v if _missing(v) else str(v))
    try:
        _atomic(path, lambda handle: table.to_parquet(handle, engine="pyarrow", index=False))
    except (ValueError, TypeError, NotImplementedError) as exc:  # pyarrow's errors are these: a column it cannot store
        raise parameter_error(frame, "frame", owner="write_table", expected="a table Parquet can store",
                              got=" ".join(str(exc).split())) from None


def stata_names(columns) -> dict[str, str]:
    """Each column name and the valid Stata variable name :func:`write_table` gives it.

    Characters other than ASCII letters, digits and ``_`` become ``_``; a
    name that starts with a digit, is empty, or is one of Stata's reserved
    words (``toolkit/data/stata_reserved.txt``, compared in lower case) gets
    a leading ``_``; names are cut to 32 characters. Valid names are kept.

    Parameters
    ----------
    columns : iterable
        The column names (non-strings are taken as ``str()``).

    Returns
    -------
    dict of str to str
        Each name (as a string) and its Stata name, in order.

    Raises
    ------
    ParameterError
        When two names become the same Stata name.

    Examples
    --------
    >>> stata_names(["actor", "n matches", "1990s", "long", "rate_per_1000_tokens_in_the_statements_of_the_year"])
    ... # doctest: +NORMALIZE_WHITESPACE
    {'actor': 'actor', 'n matches': 'n_matches', '1990s': '_1990s', 'long': '_long',
     'rate_per_1000_tokens_in_the_statements_of_the_year': 'rate_per_1000_tokens_in_the_stat'}
    """
    names: dict[str, str] = {}
    taken: dict[str, str] = {}
    for column in map(str, columns):
        name = re.sub(r"[^A-Za-z0-9_]", "_", column)
        if not name or name[0].isdigit() or name.lower() in word_list("stata_reserved") or \
                re.fullmatch(r"str\d+", name.lower()):
            name = "_" + name
        name = name[:32]
        if name in taken:
            raise parameter_error(column, "frame", owner="write_table",
                                  expected="a table whose column names stay distinct as Stata names",
                                  got=f"{taken[name]!r} and {column!r}, both {name!r}")
        names[column], taken[name] = name, column
    return names


def _write_stata(frame: pd.DataFrame, path: Path) -> None:
    table = round_floats(lists_as_text(frame))
    table.columns = [str(c) for c in table.columns]
    names = stata_names(table.columns)
    for column in table.columns:
        if table[column].dtype == object or isinstance(table[column].dtype, pd.StringDtype):
            table[column] = [None if _missing(v) else str(v) for v in table[column]]
            if table[column].isna().all():  # Stata has no column of nothing: empty strings
                table[column] = ""
    strl = [names[c] for c in table.columns if table[c].dtype == object and table[c].map(
        lambda v: isinstance(v, str) and len(v.encode("utf-8")) > _STATA_STR_BYTES).any()]
    labels = {names[c]: c[:_STATA_LABEL_CHARS] for c in table.columns}
    table = table.rename(columns=names)
    try:
        _atomic(path, lambda handle: table.to_stata(handle, version=118, write_index=False, variable_labels=labels,
                                                    convert_strl=strl, time_stamp=_STATA_TIME_STAMP))
    except (ValueError, NotImplementedError) as exc:  # a column of a type Stata has not (complex numbers, ...)
        raise parameter_error(frame, "frame", owner="write_table", expected="a table Stata can store",
                              got=" ".join(str(exc).split())) from None


def _missing(value) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


def _atomic(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Call ``write`` with a binary file beside ``path``, then rename it into place; remove it on any failure."""
    if not path.parent.is_dir():
        raise InputError("the folder to write into does not exist", source=str(path.parent))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as handle:
            write(handle)
        os.replace(tmp, path)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", source=str(path)) from None
    finally:
        if tmp.exists():
            tmp.unlink()
