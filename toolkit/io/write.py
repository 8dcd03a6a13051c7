"""Writing tables and files: rendering, rounding, and atomic writes.

* :func:`render_table` gives a table as CSV, JSONL or a terminal table, with
  floats rounded to :data:`SIGNIFICANT_DIGITS` significant digits, so the
  tables the toolkit writes are the same on any machine;
* :func:`write_text` and :func:`write_table` write one file atomically (a
  temporary file, then a rename);
* :func:`write_files` writes a set of files only once all are ready.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError
from ..validation import check_choice, check_parameter, check_path, check_table

__all__ = ["SIGNIFICANT_DIGITS", "format_table", "render_table", "round_floats", "write_text", "write_files",
           "write_table"]

#: Significant digits kept of every float in a written table.
SIGNIFICANT_DIGITS = 6
PathLike = str | os.PathLike


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


def render_table(frame: pd.DataFrame, fmt: str) -> str:
    """``frame`` as CSV, JSONL or a terminal table (the formats of the command line), floats rounded.

    CSV and JSONL carry every value, with floats rounded to
    :data:`SIGNIFICANT_DIGITS` significant digits (:func:`round_floats`); the
    terminal table collapses whitespace and cuts long cells for display.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table; its index is not written.
    fmt : {"csv", "jsonl", "table"}
        ``"csv"``: a header and one line per row (``\\n`` line ends);
        ``"jsonl"``: one JSON object per row, non-ASCII characters kept,
        missing values as ``null``, dates in ISO form; ``"table"``:
        :func:`format_table`.

    Returns
    -------
    str
        The rendered table, ending in a newline.

    Raises
    ------
    ParameterError
        When ``frame`` is not a DataFrame or ``fmt`` is not one of the three.

    Examples
    --------
    >>> table = pd.DataFrame({"actor": ["Norway", "Chad"], "share": [0.25, 1 / 3]})
    >>> print(render_table(table, "csv"), end="")
    actor,share
    Norway,0.25
    Chad,0.333333
    >>> print(render_table(table, "jsonl"), end="")
    {"actor": "Norway", "share": 0.25}
    {"actor": "Chad", "share": 0.333333}
    """
    check_table(frame, "frame", owner="render_table")
    check_choice(fmt, "fmt", owner="render_table", choices=("csv", "jsonl", "table"))
    if fmt == "table":
        return format_table(frame)
    frame = round_floats(frame)
    if fmt == "csv":
        return frame.to_csv(index=False, lineterminator="\n")
    return "".join(json.dumps({k: _json_value(v) for k, v in record.items()}, ensure_ascii=False) + "\n"
                   for record in frame.to_dict("records"))


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
    """Write a table atomically; the format comes from ``fmt`` or the extension (.csv, .jsonl, .txt).

    The table is rendered by :func:`render_table` (floats rounded in CSV and
    JSONL) and written by :func:`write_text`.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table.
    path : str or os.PathLike
        The file to write or replace; its folder must exist.
    fmt : {"csv", "jsonl", "table"}, optional
        By default from the extension: ``.csv``, ``.jsonl``, or ``.txt`` for
        the terminal table.

    Returns
    -------
    None

    Raises
    ------
    ParameterError
        When ``frame`` is not a DataFrame, ``path`` is not a path or, without
        ``fmt``, does not end in one of the three extensions, or ``fmt`` is
        not one of the three (that message names :func:`render_table`).
    InputError
        When the folder does not exist or the file cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_table(pd.DataFrame({"year": [2024], "rate": [2 / 3]}), Path(folder) / "rates.csv")
    ...     (Path(folder) / "rates.csv").read_text()
    'year,rate\\n2024,0.666667\\n'
    """
    check_table(frame, "frame", owner="write_table")
    check_path(path, "path", owner="write_table")
    if fmt is None:
        fmt = {".csv": "csv", ".jsonl": "jsonl", ".txt": "table"}.get(Path(path).suffix.lower())
        check_parameter(str(path), "path", owner="write_table", ok=fmt is not None,
                        expected="a name ending in .csv, .jsonl or .txt, unless fmt is given")
    assert fmt is not None
    write_text(render_table(frame, fmt), path)
