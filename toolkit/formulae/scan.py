"""The literal prefilter: one pass of Hyperscan over a text's bytes finds where any pattern may match.

Each pattern of a lexicon is compiled to a relaxed regular expression over
UTF-8 bytes (:meth:`toolkit.formulae.pattern.Pattern.prefilter_expression`)
that matches wherever the pattern can, and more. Hyperscan scans a text for
all of them at once, case-insensitively, and reports each pattern and the
end of each of its matches. The matcher (:mod:`toolkit.formulae.match`) then
checks only the tokens that end there; a text with no report is never
tokenised in Python. The hits are exactly those of the token-by-token
engine: the prefilter only decides where that engine looks.

Hyperscan ships its library in its wheel (Linux x86-64). Where it is not
installed the matcher runs the token-by-token engine on every text, with
the same results, more slowly.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .pattern import Pattern

__all__ = ["Prefilter", "build_prefilter", "hyperscan_available"]


def hyperscan_available() -> bool:
    """Whether the ``hyperscan`` package can be imported.

    Returns
    -------
    bool
        True when the prefilter can be built.
    """
    try:
        import hyperscan  # noqa: F401
    except ImportError:
        return False
    return True


class Prefilter:
    """The relaxed expressions of some patterns, compiled into one Hyperscan database.

    Parameters
    ----------
    patterns : sequence of Pattern
        The patterns (:meth:`~toolkit.formulae.pattern.Pattern.prefilter_expression`).
    leftmost : sequence of bool, optional
        Per pattern, whether a report gives the leftmost start of its match.
    """

    def __init__(self, patterns: Sequence[Pattern], leftmost: Sequence[bool] | None = None):
        import hyperscan

        expressions = [pattern.prefilter_expression().encode("ascii") for pattern in patterns]
        leftmost = leftmost if leftmost is not None else [False] * len(expressions)
        flags = [hyperscan.HS_FLAG_CASELESS | (hyperscan.HS_FLAG_SOM_LEFTMOST if som else 0) for som in leftmost]
        self._database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        self._database.compile(expressions=expressions, ids=list(range(len(expressions))),
                               elements=len(expressions), flags=flags)
        self._scratch = hyperscan.Scratch(self._database)

    def scan(self, data: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(pattern indices, start byte offsets, end byte offsets)`` of every report in ``data``.

        A start is the leftmost start of a match ending there for the
        patterns compiled with ``leftmost``, and 0 for the others.

        Parameters
        ----------
        data : bytes
            The text (or texts joined) as UTF-8.

        Returns
        -------
        ids, starts, ends : numpy.ndarray of int64
            The index of the pattern of each report, and its byte offsets.
        """
        found: list[tuple[int, int, int]] = []
        if data:
            def report(pattern: int, start: int, end: int, flags: int, context: object) -> None:
                found.append((pattern, start, end))

            self._database.scan(data, match_event_handler=report, scratch=self._scratch)
        if not found:
            empty = np.empty(0, dtype=np.int64)
            return empty, empty, empty
        table = np.array(found, dtype=np.int64)
        return table[:, 0], table[:, 1], table[:, 2]


def build_prefilter(patterns: Sequence[Pattern], leftmost: Sequence[bool] | None = None) -> Prefilter | None:
    """The prefilter of ``patterns``; None when Hyperscan is missing or cannot compile one of them.

    Parameters
    ----------
    patterns : sequence of Pattern
        The patterns.
    leftmost : sequence of bool, optional
        Per pattern, whether to find the leftmost start of each match as well.

    Returns
    -------
    Prefilter or None
        The prefilter, or None (the matcher then reads every token).
    """
    if not hyperscan_available():
        return None
    import hyperscan

    try:
        return Prefilter(patterns, leftmost)
    except hyperscan.error:
        return None
