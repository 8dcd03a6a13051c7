"""The toolkit's shipped data files (``toolkit/data/``), read on first use and cached.

Word lists, abbreviations, function words, scales and gazetteers are data,
not literals in a module. This module is how every layer reads them: it is
the part of the ``io`` edge that the layers below may import (the
architecture test allows it and nothing else of ``io``), and it imports
nothing of the toolkit but :mod:`toolkit.errors` and :mod:`toolkit.io.decode`,
so it can be imported from anywhere without a cycle. Nothing is read at
import time: each file is read once, the first time it is asked for.

Two formats hold word lists:

* ``NAME.txt``: one word (or phrase) per line, lower case; ``#`` starts a
  comment (:func:`word_list`);
* ``NAME.yaml``: a mapping of list names to lists, each written as a YAML
  list or as one string of words separated by white space; ``#`` comments
  above each list say what it is for (:func:`word_lists`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from ..errors import InputError
from .decode import read_file

__all__ = ["DATA", "shipped_path", "shipped_text", "word_list", "word_lists"]

#: The folder of the shipped data files.
DATA = Path(__file__).resolve().parents[1] / "data"


def shipped_path(name: str) -> Path:
    """The path of a shipped data file.

    Parameters
    ----------
    name : str
        The file's name in ``toolkit/data/`` (``"lexicon.yaml"``).

    Returns
    -------
    pathlib.Path
        Its path; an :class:`~toolkit.errors.InputError` when there is no such file.

    Examples
    --------
    >>> shipped_path("lexicon.yaml").name
    'lexicon.yaml'
    """
    path = DATA / name
    if not path.is_file():
        raise InputError("no such data file in the toolkit's installation", source=str(path))
    return path


@functools.cache
def shipped_text(name: str) -> str:
    """The text of a shipped data file, decoded as UTF-8 (read once, then cached).

    Parameters
    ----------
    name : str
        The file's name in ``toolkit/data/``.

    Returns
    -------
    str
        Its text.

    Examples
    --------
    >>> shipped_text("lexicon.yaml").startswith("#")
    True
    """
    path = shipped_path(name)
    return read_file(path, str(path))


@functools.cache
def word_list(name: str) -> frozenset[str]:
    """The words of ``toolkit/data/NAME.txt``: one a line, lower case, ``#`` comments and blank lines ignored.

    Parameters
    ----------
    name : str
        The file's name without ``.txt`` (``"function_words"``).

    Returns
    -------
    frozenset of str
        The words.

    Examples
    --------
    >>> "mr" in word_list("abbreviations")
    True
    """
    source = str(DATA / f"{name}.txt")
    words = set()
    for number, line in enumerate(shipped_text(f"{name}.txt").splitlines(), start=1):
        word = line.split("#", 1)[0].strip()
        if not word:
            continue
        if word != word.lower():
            raise InputError(f"word lists are lower case; got {word!r}", source=source, line=number)
        words.add(word)
    return frozenset(words)


@functools.cache
def word_lists(name: str) -> Mapping[str, frozenset[str]]:
    """The named word lists of ``toolkit/data/NAME.yaml``.

    Each list is a YAML list of words or phrases, or one string of words
    separated by white space (a folded block, ``>``); words are lower case.

    Parameters
    ----------
    name : str
        The file's name without ``.yaml`` (``"attribution_words"``).

    Returns
    -------
    mapping of str to frozenset of str
        Each list's name and its words, in the file's order (read only). A list that is empty, holds an
        empty item or a word with capitals is an :class:`~toolkit.errors.InputError` naming the file and
        the line of the word.

    Notes
    -----
    Files are read once per name and cached; a test that points :data:`DATA` elsewhere clears the caches
    (``word_lists.cache_clear()``, ``shipped_text.cache_clear()``).

    Examples
    --------
    >>> lists = word_lists("attribution_words")
    >>> "say" in lists["reporting_lemmas"]
    True
    """
    import yaml

    source = str(DATA / f"{name}.yaml")
    try:
        root = yaml.compose(shipped_text(f"{name}.yaml"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"not valid YAML: {getattr(exc, 'problem', exc)}", source=source,
                         line=mark.line + 1 if mark else None) from None
    if not isinstance(root, yaml.MappingNode):
        raise InputError("a word-list file is a mapping of list names to lists", source=source, line=1)
    lists: dict[str, frozenset[str]] = {}
    for key, value in root.value:
        where = {"source": source, "line": key.start_mark.line + 1}
        if not isinstance(key, yaml.ScalarNode) or not str(key.value).isidentifier() or key.value in lists:
            raise InputError(f"a list needs a new name made of letters, digits and _; got {key.value!r}", **where)
        if isinstance(value, yaml.ScalarNode):
            items = [(word, value.start_mark.line + 1) for word in str(value.value).split()]
        elif isinstance(value, yaml.SequenceNode) and all(isinstance(item, yaml.ScalarNode) for item in value.value):
            items = [(" ".join(str(item.value).split()), item.start_mark.line + 1) for item in value.value]
        else:
            raise InputError(f"the list {key.value!r} must be a list of words or a string of words", **where)
        if not items:
            raise InputError(f"the list {key.value!r} is empty", **where)
        for word, line in items:
            if not word or word != word.lower():
                raise InputError(f"the list {key.value!r} must hold lower-case words; got {word!r}", source=source,
                                 line=line)
        lists[key.value] = frozenset(word for word, _ in items)
    return MappingProxyType(lists)
