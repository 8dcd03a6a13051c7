"""One set of parameter checks for every public entry point, with one message template.

The template is scikit-learn's: ``The 'window' parameter of kwic must be an
int >= 0. Got -3 instead.`` Every check raises
:class:`~toolkit.errors.ParameterError` (exit status 2 on the command line)
and returns the value it accepted, normalised where that helps (``by`` as a
list of columns). The shared vocabulary of the API is checked here:

* ``corpus``: a corpus or an iterable of documents, never a single string or
  a single document (:func:`check_corpus`);
* ``by``: groupings of statements, the same columns everywhere
  (:data:`GROUPINGS`, :func:`check_by`);
* ``level``: ``"formula"`` or ``"family"``, and nothing else (:func:`check_level`);
* ``jobs``: the number of processes or workers (:func:`check_jobs`);
* ``random_state``: an int seed (:func:`check_random_state`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

from .errors import ParameterError

__all__ = [
    "GROUPINGS", "LEVELS", "check_parameter", "check_int", "check_number", "check_choice", "check_corpus",
    "check_texts", "check_table", "check_path", "check_by", "check_level", "check_jobs", "check_random_state",
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
    "level": ("level",),  # intensity: toolkit.analysis.intensity.with_levels adds it to the matches
}
#: What ``level`` may be: count each formula (variant) or whole families.
LEVELS = ("formula", "family")


def check_parameter(name: str, value: Any, owner: str, expected: str, ok: bool) -> None:
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
        raise ParameterError(f"The {name!r} parameter of {owner} must be {expected}. Got {value!r} instead.")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_int(value: Any, name: str, owner: str, *, low: int | None = None, high: int | None = None,
              allow_none: bool = False) -> Any:
    """An int within ``[low, high]`` (either bound optional), or None when ``allow_none``.

    Examples
    --------
    >>> check_int(3, "window", "kwic", low=0)
    3
    >>> check_int(True, "window", "kwic", low=0)
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
    check_parameter(name, value, owner, expected, ok)
    return value


def check_number(value: Any, name: str, owner: str, *, low: float, high: float, low_open: bool = False) -> float:
    """A real number in ``[low, high]`` (or ``(low, high]`` when ``low_open``).

    Examples
    --------
    >>> check_number(0.5, "absorb", "discover_formulae", low=0, high=1, low_open=True)
    0.5
    """
    interval = f"{'(' if low_open else '['}{low:g}, {high:g}]"
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value == value and \
        (value > low if low_open else value >= low) and value <= high
    check_parameter(name, value, owner, f"a number in {interval}", ok)
    return float(value)


def check_choice(value: Any, name: str, owner: str, choices: Sequence[str]) -> str:
    """One of ``choices``.

    Examples
    --------
    >>> check_choice("kmeans", "method", "cluster_statements", ("agglomerative", "kmeans"))
    'kmeans'
    """
    check_parameter(name, value, owner, "one of " + ", ".join(map(repr, choices)),
                    isinstance(value, str) and value in choices)
    return value


def _single_text(value: Any) -> str | None:
    """What a value is when it is one text where many are expected: a str, bytes, a document or statement."""
    if isinstance(value, (str, bytes)):
        return type(value).__name__
    if isinstance(getattr(value, "text", None), str):
        return type(value).__name__
    return None


def check_corpus(corpus: Any, owner: str, name: str = "corpus") -> Iterable:
    """A corpus or an iterable of documents: a single string or document is refused, not iterated.

    Examples
    --------
    >>> check_corpus("We condemn the attack.", "find_matches")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    toolkit.errors.ParameterError: The 'corpus' parameter of find_matches must be ... Got a single str instead.
    """
    single = _single_text(corpus)
    if single is not None or not isinstance(corpus, Iterable):
        got = f"a single {single}" if single else type(corpus).__name__
        raise ParameterError(f"The {name!r} parameter of {owner} must be a Corpus or an iterable of Document. "
                             f"Got {got} instead.")
    return corpus


def check_texts(texts: Any, owner: str, name: str = "texts") -> list[str]:
    """A list of texts (str): a single string is refused, and so is anything that is not a str.

    Examples
    --------
    >>> check_texts(["a", "b"], "FormulaVectorizer")
    ['a', 'b']
    >>> check_texts("a", "FormulaVectorizer")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    toolkit.errors.ParameterError: The 'texts' parameter of ... Got a single str instead; wrap it in a list.
    """
    if isinstance(texts, (str, bytes)):
        raise ParameterError(f"The {name!r} parameter of {owner} must be an iterable of str. "
                             f"Got a single {type(texts).__name__} instead; wrap it in a list.")
    if not isinstance(texts, Iterable):
        raise ParameterError(f"The {name!r} parameter of {owner} must be an iterable of str. "
                             f"Got {type(texts).__name__} instead.")
    found = list(texts)
    bad = next((t for t in found if not isinstance(t, str)), None)
    if bad is not None:
        raise ParameterError(f"The {name!r} parameter of {owner} must be an iterable of str. "
                             f"Got an item of type {type(bad).__name__} instead.")
    return found


def check_path(path: Any, name: str, owner: str) -> Any:
    """A file system path: a str or an ``os.PathLike``."""
    check_parameter(name, path, owner, "a path (str or pathlib.Path)", isinstance(path, (str, os.PathLike)))
    return path


def check_table(table: Any, name: str, owner: str, *, columns: Iterable[str] = ()) -> Any:
    """A pandas DataFrame holding ``columns``.

    Examples
    --------
    >>> import pandas as pd
    >>> check_table(pd.DataFrame({"n_matches": [1]}), "counts", "add_rates", columns=["n_matches", "n_tokens"])
    Traceback (most recent call last):
    ...
    toolkit.errors.ParameterError: The 'counts' parameter of add_rates lacks the column 'n_tokens'.
    """
    import pandas as pd

    check_parameter(name, type(table).__name__, owner, "a pandas DataFrame", isinstance(table, pd.DataFrame))
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ParameterError(f"The {name!r} parameter of {owner} lacks the column {missing[0]!r}.")
    return table


def check_by(by: Any, owner: str, *, allowed: Iterable[str] | None = None) -> list[str]:
    """The statement columns a ``by`` grouping stands for (:data:`GROUPINGS`), in order, without repeats.

    ``by`` is a name, several joined by commas (``"actor,year"``), or a list
    of names; ``allowed`` limits the names a function accepts.

    Examples
    --------
    >>> check_by("statement,actor", "count_matches")
    ['doc_id', 'statement_id', 'actor']
    >>> check_by("country", "count_matches")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    toolkit.errors.ParameterError: The 'by' parameter of count_matches must be ... Got 'country' instead.
    """
    names = list(allowed) if allowed is not None else list(GROUPINGS)
    if isinstance(by, str):
        parts = [part.strip() for part in by.split(",")]
    elif isinstance(by, Iterable):
        parts = list(by)
    else:
        parts = [by]
    columns: list[str] = []
    for part in parts:
        if not isinstance(part, str) or part not in names:
            raise ParameterError(f"The 'by' parameter of {owner} must be groupings among "
                                 f"{', '.join(map(repr, names))} (combine them with commas). Got {part!r} instead.")
        columns += [c for c in GROUPINGS[part] if c not in columns]
    if not columns:
        raise ParameterError(f"The 'by' parameter of {owner} must name at least one grouping. Got {by!r} instead.")
    return columns


def check_level(level: Any, owner: str) -> str:
    """``"formula"`` (each variant) or ``"family"`` (variants summed).

    Examples
    --------
    >>> check_level("family", "count_matches")
    'family'
    """
    return check_choice(level, "level", owner, LEVELS)


def check_jobs(jobs: Any, owner: str) -> int | None:
    """The number of processes or workers: an int >= 1, or None for the caller's default."""
    return check_int(jobs, "jobs", owner, low=1, allow_none=True)


def check_random_state(random_state: Any, owner: str) -> int:
    """A seed: an int >= 0."""
    return check_int(random_state, "random_state", owner, low=0)
