"""Exceptions raised by the toolkit.

Every error the toolkit raises on purpose is a :class:`ToolkitError`. Its
``str()`` is a single line, so the command line prints it as it is and exits
with the error's ``exit_code``. Three kinds matter to a caller:

* :class:`InputError` (exit 1): the data is wrong (a file, a row, a lexicon
  entry, a corpus with no documents). It carries where: ``source``, and
  ``line``/``column`` or a byte ``offset`` when known, and renders as
  ``corpora/x.jsonl:41: missing field 'actor'``.
* :class:`ParameterError` (exit 2): a function or command was called with a
  bad argument. Its message follows one template, borrowed from scikit-learn
  (see :mod:`toolkit.validation`): ``The 'window' parameter of kwic must be an
  int >= 0. Got -3 instead.``
* :class:`SetupError` (exit 3): the environment cannot do what was asked, not
  the data or the call: an optional dependency that is not installed
  (:class:`MissingDependency`) or a cluster that cannot be reached
  (:class:`ClusterUnavailable`). The message says what to install or start.
"""

from __future__ import annotations

__all__ = ["ToolkitError", "InputError", "ParameterError", "SetupError", "MissingDependency", "ClusterUnavailable"]


def _one_line(text: object) -> str:
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

    exit_code = 1

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

    def at(self, source: str | None, line: int | None = None) -> InputError:
        """The same error, located in ``source`` (and ``line``) when it had no place yet.

        Parameters
        ----------
        source : str or None
            The file (or ``archive/member``) the data came from.
        line : int, optional
            The 1-based line in it.

        Returns
        -------
        InputError
            This error when it is located already, else a located copy.
        """
        if self.source is not None:
            return self
        return InputError(self.message, source=source, line=line, column=self.column, offset=self.offset)

    def __str__(self) -> str:
        where = self.location
        return f"{where}: {self.message}" if where else self.message


class ParameterError(ToolkitError, ValueError, TypeError):
    """A bad argument to a function or command (a usage error).

    It is also a ``ValueError`` and a ``TypeError``, so code written against
    the built-in errors keeps catching it.
    """

    exit_code = 2


class SetupError(ToolkitError):
    """The environment cannot do what was asked: something to install or start."""

    exit_code = 3


class MissingDependency(SetupError):
    """An optional dependency is not installed.

    Examples
    --------
    >>> str(MissingDependency("the Dask back end", "dask", "condemnation-toolkit[dask]"))
    "the Dask back end needs 'dask', which is not installed: pip install 'condemnation-toolkit[dask]'"
    """

    def __init__(self, feature: str, module: str, install: str) -> None:
        super().__init__(f"{feature} needs {module!r}, which is not installed: pip install {install!r}")
        self.module = module
        self.install = install


class ClusterUnavailable(SetupError):
    """A Dask scheduler that cannot be reached."""
