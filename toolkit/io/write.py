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
    """Write a table atomically; the format comes from ``fmt`` or the extension (.csv, .jsonl, .txt)."""
    check_table(frame, "frame", owner="write_table")
    check_path(path, "path", owner="write_table")
    if fmt is None:
        fmt = {".csv": "csv", ".jsonl": "jsonl", ".txt": "table"}.get(Path(path).suffix.lower())
        check_parameter(str(path), "path", owner="write_table", ok=fmt is not None,
                        expected="a name ending in .csv, .jsonl or .txt, unless fmt is given")
    write_text(render_table(frame, fmt), path)
