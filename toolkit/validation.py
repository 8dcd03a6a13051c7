"""One set of parameter checks for every public entry point, with one message template.

The template is scikit-learn's: ``The 'window' parameter of kwic must be an
int >= 0. Got -3 instead.`` Every check takes its arguments in one order,
``check_<kind>(value, name, *, owner, ...)``: the value checked, the
parameter's name, and (by keyword, so that it cannot be swapped with the
name) the function or command that owns the parameter. Each raises
:class:`~toolkit.errors.ParameterError` (exit status 2 on the command line)
and returns the value it accepted, normalised where that helps (``by`` as a
list of columns). No module outside this one builds a ``ParameterError``
itself: a check that is not one of the kinds below is
:func:`check_parameter` (a condition) or :func:`parameter_error` (an error
to raise), with the same template.

The shared vocabulary of the API is checked here:

* ``corpus``: a corpus or an iterable of documents, never a single string or
  a single document (:func:`check_corpus`);
* ``by``: groupings of statements, the same columns everywhere
  (:data:`GROUPINGS`, :func:`check_by`);
* ``level``: ``"formula"`` or ``"family"``, and nothing else (:func:`check_level`);
  the intensity of a statement is the grouping ``by="intensity"``;
* ``jobs``: the number of processes or workers (:func:`check_jobs`);
* ``random_state``: an int seed (:func:`check_random_state`).

A public argument that is renamed keeps working for one release with a
:class:`FutureWarning` naming the new name (:func:`renamed`,
:func:`renamed_value`), as scikit-learn does.
"""

from __future__ import annotations

import functools
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import FrameType
from typing import Any, TypeVar

from .errors import ParameterError
from .version import __version__

__all__ = [
    "GROUPINGS", "LEVELS", "REMOVED_IN", "check_parameter", "parameter_error", "check_type", "check_int",
    "check_number", "check_choice", "check_corpus", "check_texts", "check_table", "check_path", "by_parts", "check_by",
    "check_level", "check_jobs", "check_random_state", "renamed", "renamed_value", "renamed_attribute", "warn_renamed",
]

#: Names accepted by ``by`` and the statement columns they stand for, everywhere in the toolkit.
GROUPINGS: dict[str, tuple[str, ...]] = {
    "doc": ("doc_id",),
    "document": ("doc_id",),
    "statement": ("doc_id", "statement_id"),
    "actor": ("actor",),
    "actor_id": ("actor_id",),
    "year": ("year",),
    "date": ("date",),
    "doc_id": ("doc_id",),
    "statement_id": ("statement_id",),
    "source": ("source",),
    "intensity": ("intensity",),  # toolkit.analysis.intensity.with_intensity adds it to the matches
}
#: Groupings renamed in this release: the old name still works, with a FutureWarning.
_RENAMED_GROUPINGS = {"level": "intensity"}
#: What ``level`` may be: count each formula (variant) or whole families.
LEVELS = ("formula", "family")
#: The release in which renamed arguments stop working.
REMOVED_IN = "0.3"

F = TypeVar("F", bound=Callable[..., Any])


def _template(name: Any, owner: Any, expected: str, got: str) -> str:
    if not isinstance(name, str) or not isinstance(owner, str):
        # a check called with its arguments out of order: fail loudly rather than garble the message
        raise TypeError(f"check helpers take (value, name, *, owner=...); got name={name!r}, owner={owner!r}")
    return f"The {name!r} parameter of {owner} must be {expected}. Got {got} instead."


def parameter_error(value: Any, name: str, *, owner: str, expected: str, got: str | None = None) -> ParameterError:
    """The :class:`ParameterError` of the toolkit's one template, to raise where a check is not a condition.

    Parameters
    ----------
    value : object
        The value refused; its ``repr`` is what the message says was got, unless ``got`` is given.
    name : str
        The parameter's name (``"window"``, ``"--phrase"``).
    owner : str
        The function, class or command the parameter belongs to.
    expected : str
        What the parameter must be, completing "must be ...".
    got : str, optional
        What was got, when ``repr(value)`` would not say it well (a type name, a count).

    Returns
    -------
    ParameterError
        The error, to be raised by the caller.

    Examples
    --------
    >>> str(parameter_error("x", "pipeline", owner="load_pipeline", expected="an installed spaCy pipeline"))
    "The 'pipeline' parameter of load_pipeline must be an installed spaCy pipeline. Got 'x' instead."
    """
    return ParameterError(_template(name, owner, expected, repr(value) if got is None else got))


def check_parameter(value: Any, name: str, *, owner: str, expected: str, ok: bool, got: str | None = None) -> Any:
    """Raise :class:`ParameterError` with the toolkit's one template unless ``ok``.

    Parameters
    ----------
    value : object
        The value checked.
    name : str
        The parameter's name.
    owner : str
        The function, class or command the parameter belongs to.
    expected : str
        What the parameter must be, completing "must be ...".
    ok : bool
        Whether the value is acceptable.
    got : str, optional
        What was got, when ``repr(value)`` would not say it well.

    Returns
    -------
    object
        ``value``, unchanged.

    Examples
    --------
    >>> check_parameter(5, "window", owner="kwic", expected="an int >= 0", ok=True)
    5
    >>> check_parameter(-3, "window", owner="kwic", expected="an int >= 0", ok=False)
    Traceback (most recent call last):
    ...
    toolkit.errors.ParameterError: The 'window' parameter of kwic must be an int >= 0. Got -3 instead.
    """
    if not ok:
        raise parameter_error(value, name, owner=owner, expected=expected, got=got)
    return value


def check_type(value: Any, name: str, *, owner: str, types: type | tuple[type, ...], expected: str,
               allow_none: bool = False) -> Any:
    """An instance of ``types`` (or None when ``allow_none``); the message names the type that was got.

    Parameters
    ----------
    value : object
        The value checked.
    name : str
        The parameter's name.
    owner : str
        The function, class or command the parameter belongs to.
    types : type or tuple of type
        The accepted types.
    expected : str
        What the parameter must be ("a Lexicon").
    allow_none : bool, default False
        Accept None too.

    Returns
    -------
    object
        ``value``, unchanged.

    Examples
    --------
    >>> check_type(3, "lexicon", owner="find_matches", types=str, expected="a Lexicon")
    Traceback (most recent call last):
    ...
    toolkit.errors.ParameterError: The 'lexicon' parameter of find_matches must be a Lexicon. Got int instead.
    """
    if allow_none and value is None:
        return None
    ok = isinstance(value, types) and not (isinstance(value, bool) and bool not in _as_tuple(types))
    return check_parameter(value, name, owner=owner, expected=expected, ok=ok, got=type(value).__name__)


def _as_tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_int(value: Any, name: str, *, owner: str, low: int | None = None, high: int | None = None,
              allow_none: bool = False) -> Any:
    """An int within ``[low, high]`` (either bound optional), or None when ``allow_none``.

    Parameters
    ----------
    value : object
        The value checked; a bool is not an int here.
    name : str
        The parameter's name.
    owner : str
        The function, class or command the parameter belongs to.
    low, high : int, optional
        The bounds, both included.
    allow_none : bool, default False
        Accept None too.

    Returns
    -------
    int or None
        ``value``, unchanged.

    Examples
    --------
    >>> check_int(3, "window", owner="kwic", low=0)
    3
    >>> check_int(True, "window", owner="kwic", low=0)
    Traceback (most recent call last):
    ...
    toolkit.errors.ParameterError: The 'window' parameter of kwic must be an int >= 0. Got True instead.
    """
    if allow_none and value is None:
        return None
    if low is not None and high is not None:
        expected = f"an int in [{low}, {high}]"
    elif low is not None:
        expected = f"an int >= {low}"
    elif high is not None:
        expected = f"an int <= {high}"
    else:
        expected = "an int"
    if allow_none:
        expected += " or None"
    ok = _is_int(value) and (low is None or value >= low) and (high is None or value <= high)
    return check_parameter(value, name, owner=owner, expected=expected, ok=ok)


def check_number(value: Any, name: str, *, owner: str, low: float, high: float, low_open: bool = False) -> float:
    """A real number in ``[low, high]`` (or ``(low, high]`` when ``low_open``).

    Parameters
    ----------
    value : object
        The value checked; NaN and bools are refused.
    name : str
        The parameter's name.
    owner : str
        The function, class or command the parameter belongs to.
    low, high : float
        The bounds.
    low_open : bool, default False
        Exclude ``low``.

    Returns
    -------
    float
        ``value`` as a float.

    Examples
    --------
    >>> check_number(0.5, "absorb", owner="discover_formulae", low=0, high=1, low_open=True)
    0.5
    """
    interval = f"{'(' if low_open else '['}{low:g}, {high:g}]"
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value == value and \
        (value > low if low_open else value >= low) and value <= high
    check_parameter(value, name, owner=owner, expected=f"a number in {interval}", ok=ok)
    return float(value)


def check_choice(value: Any, name: str, *, owner: str, choices: Sequence[str]) -> str:
    """One of ``choices``.

    Parameters
    ----------
    value : object
        The value checked.
    name : str
        The parameter's name.
    owner : str
        The function, class or command the parameter belongs to.
    choices : sequence of str
        The accepted values, in the order the message lists them.

    Returns
    -------
    str
        ``value``, unchanged.

    Examples
    --------
    >>> check_choice("kmeans", "method", owner="cluster_statements", choices=("agglomerative", "kmeans"))
    'kmeans'
    """
    return check_parameter(value, name, owner=owner, expected="one of " + ", ".join(map(repr, choices)),
                           ok=isinstance(value, str) and value in choices)


def _single_text(value: Any) -> str | None:
    """What a value is when it is one text where many are expected: a str, bytes, a document or statement."""
    if isinstance(value, (str, bytes)):
        return type(value).__name__
    if isinstance(getattr(value, "text", None), str):
        return type(value).__name__
    return None


def check_corpus(value: Any, name: str = "corpus", *, owner: str) -> Iterable:
    """A corpus or an iterable of documents: a single string or document is refused, not iterated.

    Parameters
    ----------
    value : object
        The value checked.
    name : str, default "corpus"
        The parameter's name.
    owner : str
        The function, class or command the parameter belongs to.

    Returns
    -------
    iterable
        ``value``, unchanged (an iterator is not consumed).

    Examples
    --------
    >>> check_corpus("We condemn the attack.", owner="find_matches")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    toolkit.errors.ParameterError: The 'corpus' parameter of find_matches must be ... Got a single str instead.
    """
    single = _single_text(value)
    ok = single is None and isinstance(value, Iterable)
    got = f"a single {single}" if single else type(value).__name__
    return check_parameter(value, name, owner=owner, expected="a Corpus or an iterable of Document", ok=ok, got=got)


def check_texts(value: Any, name: str = "texts", *, owner: str) -> list[str]:
    """A list of texts (str): a single string is refused, and so is anything that is not a str.

    Parameters
    ----------
    value : object
        The value checked.
    name : str, default "texts"
        The parameter's name.
    owner : str
        The function, class or command the parameter belongs to.

    Returns
    -------
    list of str
        The texts, as a list.

    Examples
    --------
    >>> check_texts(["a", "b"], owner="FormulaVectorizer")
    ['a', 'b']
    >>> check_texts("a", owner="FormulaVectorizer")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    toolkit.errors.ParameterError: The 'texts' parameter of ... (wrap a single text in a list). Got a single str ...
    """
    expected = "an iterable of str"
    if isinstance(value, (str, bytes)):
        raise parameter_error(value, name, owner=owner, expected=f"{expected} (wrap a single text in a list)",
                              got=f"a single {type(value).__name__}")
    check_parameter(value, name, owner=owner, expected=expected, ok=isinstance(value, Iterable),
                    got=type(value).__name__)
    found = list(value)
    bad = next((t for t in found if not isinstance(t, str)), None)
    check_parameter(value, name, owner=owner, expected=expected, ok=bad is None,
                    got=f"an item of type {type(bad).__name__}")
    return found


def check_path(value: Any, name: str = "path", *, owner: str) -> Any:
    """A file system path: a str or an ``os.PathLike``.

    Parameters
    ----------
    value : object
        The value checked.
    name : str, default "path"
        The parameter's name.
    owner : str
        The function, class or command the parameter belongs to.

    Returns
    -------
    str or os.PathLike
        ``value``, unchanged.

    Examples
    --------
    >>> check_path(3, owner="read_lexicon")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    toolkit.errors.ParameterError: The 'path' parameter of read_lexicon must be a path (str or ...). Got 3 instead.
    """
    return check_parameter(value, name, owner=owner, expected="a path (str or pathlib.Path)",
                           ok=isinstance(value, (str, os.PathLike)))


def check_table(value: Any, name: str, *, owner: str, columns: Iterable[str] = ()) -> Any:
    """A pandas DataFrame holding ``columns``.

    Parameters
    ----------
    value : object
        The value checked.
    name : str
        The parameter's name.
    owner : str
        The function, class or command the parameter belongs to.
    columns : iterable of str, optional
        Columns the table must hold.

    Returns
    -------
    pandas.DataFrame
        ``value``, unchanged.

    Examples
    --------
    >>> import pandas as pd
    >>> check_table(pd.DataFrame({"n_matches": [1]}), "counts", owner="add_rates", columns=["n_tokens"])
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    toolkit.errors.ParameterError: The 'counts' parameter of add_rates must be a table with the column 'n_tokens'. ...
    """
    import pandas as pd

    check_type(value, name, owner=owner, types=pd.DataFrame, expected="a pandas DataFrame")
    missing = [c for c in columns if c not in value.columns]
    if missing:
        raise parameter_error(value, name, owner=owner, expected=f"a table with the column {missing[0]!r}",
                              got="a table without it")
    return value


def by_parts(value: Any) -> list[Any]:
    """The parts of a ``by`` value as given, unchecked: a str split at commas, a list's items, else the value.

    Parameters
    ----------
    value : object
        A name, several joined by commas (``"actor, year"``), or an iterable of names.

    Returns
    -------
    list
        The parts, in order, repeats kept; checking them is the caller's.

    Examples
    --------
    >>> by_parts("actor, year"), by_parts(["actor"]), by_parts(3)
    (['actor', 'year'], ['actor'], [3])
    """
    if isinstance(value, str):
        return [part.strip() for part in value.split(",")]
    if isinstance(value, Iterable):
        return list(value)
    return [value]


def check_by(value: Any, name: str = "by", *, owner: str, allowed: Iterable[str] | None = None) -> list[str]:
    """The statement columns a ``by`` grouping stands for (:data:`GROUPINGS`), in order, without repeats.

    Parameters
    ----------
    value : str or list of str
        A name, several joined by commas (``"actor,year"``), or a list of names.
    name : str, default "by"
        The parameter's name.
    owner : str
        The function, class or command the parameter belongs to.
    allowed : iterable of str, optional
        The names this function accepts (default: every name of :data:`GROUPINGS`).

    Returns
    -------
    list of str
        The statement columns, in order, without repeats.

    Examples
    --------
    >>> check_by("statement,actor", owner="count_matches")
    ['doc_id', 'statement_id', 'actor']
    >>> check_by("country", owner="count_matches")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    toolkit.errors.ParameterError: The 'by' parameter of count_matches must be groupings among ... Got 'country' ...
    """
    names = list(allowed) if allowed is not None else list(GROUPINGS)
    columns: list[str] = []
    for part in by_parts(value):
        if isinstance(part, str) and part in _RENAMED_GROUPINGS and _RENAMED_GROUPINGS[part] in names:
            part = renamed_value(part, name, owner=owner, renames=_RENAMED_GROUPINGS)
        check_parameter(part, name, owner=owner, ok=isinstance(part, str) and part in names,
                        expected=f"groupings among {', '.join(map(repr, names))} (combine them with commas)")
        columns += [c for c in GROUPINGS[part] if c not in columns]
    check_parameter(value, name, owner=owner, expected="at least one grouping", ok=bool(columns))
    return columns


def check_level(value: Any, name: str = "level", *, owner: str) -> str:
    """``"formula"`` (each variant) or ``"family"`` (variants summed).

    Parameters
    ----------
    value : object
        The value checked.
    name : str, default "level"
        The parameter's name.
    owner : str
        The function, class or command the parameter belongs to.

    Returns
    -------
    str
        ``value``, unchanged.

    Examples
    --------
    >>> check_level("family", owner="count_matches")
    'family'
    """
    return check_choice(value, name, owner=owner, choices=LEVELS)


def check_jobs(value: Any, name: str = "jobs", *, owner: str) -> int | None:
    """The number of processes or workers: an int >= 1, or None for the caller's default.

    Parameters
    ----------
    value : object
        The value checked.
    name : str, default "jobs"
        The parameter's name.
    owner : str
        The function, class or command the parameter belongs to.

    Returns
    -------
    int or None
        ``value``, unchanged.

    Examples
    --------
    >>> check_jobs(2, owner="count_parallel")
    2
    """
    return check_int(value, name, owner=owner, low=1, allow_none=True)


def check_random_state(value: Any, name: str = "random_state", *, owner: str) -> int:
    """A seed: an int >= 0.

    Parameters
    ----------
    value : object
        The value checked.
    name : str, default "random_state"
        The parameter's name.
    owner : str
        The function, class or command the parameter belongs to.

    Returns
    -------
    int
        ``value``, unchanged.

    Examples
    --------
    >>> check_random_state(0, owner="cluster_statements")
    0
    """
    return check_int(value, name, owner=owner, low=0)


#: The folder of the package: a renamed name's warning points at the first caller outside it.
_PACKAGE = os.path.dirname(os.path.abspath(__file__))


def warn_renamed(message: str, *, stacklevel: int = 2) -> None:
    """A FutureWarning that a name was renamed (or replaced), pointing at the user's line, not the toolkit's.

    Parameters
    ----------
    message : str
        What was renamed, and into what ("The 'gold' parameter of f was renamed 'truth'"); the release and
        when the old name stops working are added.
    stacklevel : int, default 2
        Where to start looking for the caller; the warning points at the first frame outside the toolkit.

    Returns
    -------
    None

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn_renamed("X was renamed Y")
    >>> str(caught[0].message)
    'X was renamed Y in 0.2.0; the old name stops working in 0.3.'
    """
    frame: FrameType | None = sys._getframe(stacklevel)
    level = stacklevel + 1
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(_PACKAGE + os.sep):
        frame, level = frame.f_back, level + 1
    warnings.warn(f"{message} in {__version__}; the old name stops working in {REMOVED_IN}.", FutureWarning,
                  stacklevel=level)


def renamed(**old_to_new: str) -> Callable[[F], F]:
    """A decorator: keyword arguments under their old names still work for one release, with a FutureWarning.

    Parameters
    ----------
    **old_to_new : str
        The old name of each renamed keyword argument, and its new name.

    Returns
    -------
    callable
        The decorator; the decorated function keeps its signature and docstring.

    Examples
    --------
    >>> import warnings
    >>> @renamed(statements="corpus")
    ... def score(matches, corpus=None):
    ...     return corpus
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     score(None, statements="c")
    'c'
    >>> caught[0].category.__name__, str(caught[0].message)[:59]
    ('FutureWarning', "The 'statements' parameter of score was renamed 'corpus' in")
    """
    def decorate(function: F) -> F:
        owner = function.__qualname__.replace(".__init__", "")

        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for old, new in old_to_new.items():
                if old in kwargs:
                    check_parameter(kwargs[old], old, owner=owner, ok=new not in kwargs,
                                    expected=f"left out when {new!r} is given (it is its old name)")
                    warn_renamed(f"The {old!r} parameter of {owner} was renamed {new!r}", stacklevel=2)
                    kwargs[new] = kwargs.pop(old)
            return function(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def renamed_value(value: Any, name: str, *, owner: str, renames: Mapping[str, str]) -> Any:
    """A value under its old name, replaced by its new one with a FutureWarning; other values unchanged.

    Parameters
    ----------
    value : object
        The value given.
    name : str
        The parameter's name.
    owner : str
        The function, class or command the parameter belongs to.
    renames : mapping of str to str
        Old values and their new names.

    Returns
    -------
    object
        The new name of ``value``, or ``value`` itself.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     renamed_value("formulas", "features", owner="cluster_statements", renames={"formulas": "formulae"})
    'formulae'
    """
    if isinstance(value, str) and value in renames:
        warn_renamed(f"The value {value!r} of the {name!r} parameter of {owner} was renamed {renames[value]!r}",
                      stacklevel=3)
        return renames[value]
    return value


def renamed_attribute(old: str, new: str) -> property:
    """A read-only property under an attribute's old name: it gives the new one, with a FutureWarning.

    Parameters
    ----------
    old : str
        The attribute's old name (the name the property is assigned to).
    new : str
        The attribute's new name.

    Returns
    -------
    property
        To assign in the class body: ``formulas = renamed_attribute("formulas", "formulae")``.

    Examples
    --------
    >>> import warnings
    >>> class Box:
    ...     formulae = (1, 2)
    ...     formulas = renamed_attribute("formulas", "formulae")
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     Box().formulas
    (1, 2)
    """
    def getter(self: Any) -> Any:
        warn_renamed(f"The attribute {old!r} of {type(self).__name__} was renamed {new!r}", stacklevel=2)
        return getattr(self, new)

    return property(getter, doc=f"Renamed {new!r}; this old name stops working in {REMOVED_IN}.")
