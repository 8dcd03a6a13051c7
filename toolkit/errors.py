"""Exceptions raised by the toolkit.

Every error the toolkit raises on purpose is a :class:`ToolkitError`. Its
``str()`` is a single line, so the command line can print it as it is. Two
kinds matter to a caller:

* :class:`InputError`: the data is wrong (a file, a row, a lexicon entry). It
  carries where: ``source``, and ``line``/``column`` or a byte ``offset`` when
  known, and renders as ``corpora/x.jsonl:41: missing field 'actor'``.
  The command line exits with status 1.
* :class:`ParameterError`: a function or command was called with a bad
  argument. It renders with one template, borrowed from scikit-learn:
  ``The 'window' parameter of kwic must be an int >= 0. Got -3 instead.``
  The command line exits with status 2, as for any usage error.
"""

from __future__ import annotations

__all__ = ["ToolkitError", "InputError", "ParameterError", "check_parameter"]


def _one_line(text: str) -> str:
    """Collapse line breaks so a message always prints as one line."""
    return " ".join(str(text).split())


class ToolkitError(Exception):
    """Base class of the errors the toolkit raises on purpose."""

    exit_code = 1

    def __str__(self) -> str:
        return _one_line(super().__str__())


class InputError(ToolkitError):
    """Bad input data, located as precisely as the reader knows.

    Parameters
    ----------
    message : str
        What is wrong, without the location.
    source : str, optional
        The file (or ``archive/member``) the data came from.
    line, column : int, optional
        1-based line and column in ``source``.
    offset : int, optional
        0-based byte offset in ``source``, for errors found before lines exist
        (undecodable bytes).

    Examples
    --------
    >>> str(InputError("missing field 'actor'", source="corpora/x.jsonl", line=41))
    "corpora/x.jsonl:41: missing field 'actor'"
    >>> str(InputError("invalid UTF-8", source="a.txt", line=3, offset=120))
    'a.txt:3: byte 120: invalid UTF-8'
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        column: int | None = None,
        offset: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = _one_line(message)
        self.source = source
        self.line = line
        self.column = column
        self.offset = offset

    @property
    def location(self) -> str:
        """``source:line:column`` with the parts that are known."""
        parts = [self.source] if self.source else []
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        if self.offset is not None:
            parts.append(f" byte {self.offset}")
        return ":".join(parts)

    def __str__(self) -> str:
        where = self.location
        return f"{where}: {self.message}" if where else self.message


class ParameterError(ToolkitError, ValueError):
    """A bad argument to a function or command."""

    exit_code = 2


def check_parameter(name: str, value, owner: str, expected: str, ok: bool) -> None:
    """Raise :class:`ParameterError` with the toolkit's one template unless ``ok``.

    Examples
    --------
    >>> check_parameter("window", 5, "kwic", "an int >= 0", ok=True)
    >>> check_parameter("window", -3, "kwic", "an int >= 0", ok=False)
    Traceback (most recent call last):
    ...
    toolkit.errors.ParameterError: The 'window' parameter of kwic must be an int >= 0. Got -3 instead.
    """
    if not ok:
        raise ParameterError(
            f"The {name!r} parameter of {owner} must be {expected}. Got {value!r} instead."
        )
