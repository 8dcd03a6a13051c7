"""Collocates: the words that keep company with a node word, pattern or formula.

The node is found by the one matching engine (:func:`~toolkit.formulae.match.find_matches`),
so a node may be a word (``concern``), a pattern of the pattern language
(``condemn*``, ``in all [of] its forms``) or a formula or family of a lexicon
(``all_forms/full``, ``all_forms``), and a node of several words is one
node. Its neighbours are read from the one tokenisation of the corpus
(:func:`~toolkit.text.tokenized.tokenize_corpus`, tokens folded as for
matching), whose token positions are those of the matches table's
``token_start`` and ``token_end``.

Rules, stated once:

* **Tokens.** A token is a word token of :mod:`toolkit.text.tokens` (a run of
  letters and digits, or a number such as ``1,000``). Punctuation is never a
  token, so it neither takes a place in a window nor is a collocate; an
  apostrophe or a hyphen splits a word (``Pakistan's`` is ``pakistan s``).
* **Windows.** The window of a node occurrence is the ``window`` tokens
  before its first token (left) and the ``window`` tokens after its last
  (right), cut at the end of the node's sentence: a window never crosses a
  sentence end. The node's own tokens are not in its window, and the tokens
  of any node occurrence are never collocates (they still take their place
  in a neighbour's window).
* **Overlaps.** Each token position is counted once, however many windows
  hold it (two node occurrences three words apart share positions). So the
  co-occurrence count ``n_together`` never exceeds the collocate's frequency.
  ``n_left`` and ``n_right`` count the positions in left and right windows;
  a position left of one occurrence and right of another counts in both.
* **Contingency table.** The ``N`` word tokens of the corpus are classed as
  in a node window or not, and as the collocate or not (Evert 2008,
  span-based co-occurrence): ``n_ii = n_together``, ``n_ix = n_window`` (the
  positions in the node's windows, each once), ``n_xi = n_collocate`` (its
  frequency in the corpus), ``n_xx = N``. The window total, not the node's
  frequency, is the row margin because one occurrence's window holds up to
  ``2 * window`` tokens: with the node's frequency as margin, a word such as
  ``the`` co-occurs more often than the node occurs and the table has a
  negative cell (NLTK's windowed finder divides by the window size for the
  same reason).
* **Measures** (of :class:`nltk.metrics.BigramAssocMeasures` on that table;
  the tests check they are equal): ``log_likelihood`` Dunning's G2
  (``likelihood_ratio``), signed: negative where the collocate is rarer in
  the windows than expected; ``mi`` pointwise mutual information, log2
  (``pmi``); ``t_score`` (``student_t``); and ``log_dice`` Rychlý's (2008)
  ``14 + log2(2 * n_together / (n_node + n_collocate))``, on the node's
  frequency as Rychlý defines it.

Counting is array work over the token ids: a few passes over the corpus
whatever the number of node occurrences.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..formulae.lexicon import Lexicon, resolve_lexicon
from ..formulae.match import Matcher
from ..text.corpus import Corpus, Document
from ..text.tokenized import IndexedBatch, TokenizedCorpus, WordCounts, WordTally, statement_batches, sum_by_word
from ..validation import check_choice, check_corpus, check_int, check_type, parameter_error
from .keyness import has_letter

__all__ = ["COLLOCATE_COLUMNS", "MEASURES", "NodeWindows", "association_scores", "collocate_table", "collocates",
           "node_windows", "resolve_node", "window_counts", "check_collocate_options"]

#: The association measures, one column each.
MEASURES = ("log_likelihood", "mi", "t_score", "log_dice")
#: The columns of :func:`collocates`.
COLLOCATE_COLUMNS = ["collocate", "n_together", "n_collocate", "n_node", "n_window", "n_left", "n_right", *MEASURES]
_SIDES = ("both", "left", "right")
# Characters of statements indexed together (counted, matched and read for windows from one index).
_BATCH_CHARACTERS = 8_000_000


def association_scores(n_together, n_window, n_collocate, n_total, *, n_node) -> dict[str, np.ndarray]:
    """The association measures of collocates, from their counts (arrays or numbers, broadcast).

    Parameters
    ----------
    n_together : array-like of int
        The collocate's occurrences in the node's windows (``n_ii``).
    n_window : int or array-like of int
        The token positions in the node's windows (``n_ix``).
    n_collocate : array-like of int
        The collocate's frequency in the corpus (``n_xi``).
    n_total : int
        The word tokens of the corpus (``n_xx``).
    n_node : int or array-like of int
        The node's frequency, for logDice.

    Returns
    -------
    dict of str to numpy.ndarray
        ``log_likelihood`` (G2, signed: negative where ``n_together`` is
        below its expected value), ``mi`` (log2), ``t_score``, ``log_dice``.

    Examples
    --------
    >>> scores = association_scores([8], 40, [10], 1000, n_node=4)
    >>> {k: round(float(v[0]), 3) for k, v in scores.items()}
    {'log_likelihood': 43.28, 'mi': 4.322, 't_score': 2.687, 'log_dice': 14.193}
    """
    o11 = np.asarray(n_together, dtype=np.float64)
    r1 = np.asarray(n_window, dtype=np.float64)
    c1 = np.asarray(n_collocate, dtype=np.float64)
    n = float(n_total)
    observed = (o11, r1 - o11, c1 - o11, n - r1 - c1 + o11)
    expected = (r1 * c1 / n, r1 * (n - c1) / n, (n - r1) * c1 / n, (n - r1) * (n - c1) / n)
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2 * sum(np.where(o > 0, o * np.log(o / e), 0.0) for o, e in zip(observed, expected))
        return {
            "log_likelihood": np.where(o11 < expected[0], -g2, g2),
            "mi": np.log2(o11 * n) - np.log2(r1 * c1),
            "t_score": (o11 - expected[0]) / np.sqrt(o11),
            "log_dice": 14 + np.log2(2 * o11 / (np.asarray(n_node, dtype=np.float64) + c1)),
        }


def window_counts(tc: TokenizedCorpus, starts: np.ndarray, ends: np.ndarray, *, window: int = 5,
                  side: str = "both") -> tuple[np.ndarray, np.ndarray]:
    """Which token positions of a tokenised corpus lie in the left and in the right windows of node occurrences.

    Parameters
    ----------
    tc : TokenizedCorpus
        The corpus, tokenised.
    starts, ends : numpy.ndarray of int
        Each node occurrence's first token and one past its last, as
        positions in ``tc.tokens`` (statement ``k``'s tokens start at
        ``tc.bounds[k]``).
    window : int, default 5
        Tokens on each side, within the node's sentence.
    side : {"both", "left", "right"}, default "both"
        Which windows are wanted (the other mask is all False).

    Returns
    -------
    left, right : numpy.ndarray of bool
        One flag per token of ``tc.tokens``; tokens of a node occurrence are
        never flagged.

    Examples
    --------
    >>> from toolkit.text.tokenized import tokenize_corpus
    >>> tc = tokenize_corpus(Corpus.from_texts(["one two three node four five. Six seven"]))
    >>> left, right = window_counts(tc, np.array([3]), np.array([4]), window=2)
    >>> left.astype(int).tolist(), right.astype(int).tolist()
    ([0, 1, 1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 1, 1, 0, 0])
    """
    return _window_masks(tc.tokens.size, tc.breaks, starts, ends, window=window, side=side)


def _window_masks(n: int, breaks: np.ndarray, starts: np.ndarray, ends: np.ndarray, *, window: int, side: str
                  ) -> tuple[np.ndarray, np.ndarray]:
    """:func:`window_counts` over ``n`` tokens whose sentence starts are ``breaks``."""
    heads = np.flatnonzero(breaks)  # the first token of each sentence: a position's sentence by bisection
    starts, ends = np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
    order = np.argsort(starts, kind="stable")
    first, reach = starts[order], np.maximum.accumulate(ends[order]) if starts.size else ends
    steps = np.arange(1, window + 1, dtype=np.int64)
    masks = []
    for wanted, places, anchor in (("left", starts[:, None] - steps, starts), ("right", ends[:, None] - 1 + steps,
                                                                                 ends - 1)):
        mask = np.zeros(n, dtype=bool)
        if side in (wanted, "both") and starts.size:
            places = places[(places >= 0) & (places < n)
                            & (np.searchsorted(heads, places, side="right")
                               == np.searchsorted(heads, anchor, side="right")[:, None])]
            before = np.searchsorted(first, places, side="right") - 1  # the last occurrence starting at or before
            inside = (before >= 0) & (places < reach[np.maximum(before, 0)])
            mask[places[~inside]] = True
        masks.append(mask)
    return masks[0], masks[1]


def collocates(corpus: Corpus | Iterable[Document], node: str, *, window: int = 5, measure: str = "log_likelihood",
               min_count: int = 3, lexicon: Lexicon | bool | None = None, side: str = "both",
               numbers: bool = False) -> pd.DataFrame:
    """The collocates of a node: the words found near it, with their counts and association measures.

    See the module's description for the rules (tokens, windows, overlaps,
    the contingency table) and the measures.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        The corpus; a single str or document is refused.
    node : str
        A formula id (``family/variant``) or family id of ``lexicon``, or
        else a pattern of the pattern language (:mod:`toolkit.formulae.pattern`):
        a word, ``condemn*``, ``in all [of] its forms``. A node holding
        ``/`` and no space is a formula id and must be one of the lexicon's.
    window : int, default 5
        Word tokens on each side of the node, within its sentence.
    measure : {"log_likelihood", "mi", "t_score", "log_dice"}, default "log_likelihood"
        The measure the rows are sorted by (descending; ties by collocate).
    min_count : int, default 3
        The fewest co-occurrences (``n_together``) a collocate needs.
    lexicon : Lexicon, None or False, default None
        Where formula and family ids are looked up: None is the default
        lexicon, False none (the node is then always a pattern).
    side : {"both", "left", "right"}, default "both"
        Which windows are read; ``n_together`` and the measures count those.
    numbers : bool, default False
        List the collocates without a letter (``1762``, the number of a
        resolution), as :func:`toolkit.analysis.keyness.keyness` does; their
        tokens take their places in the windows and the totals either way.

    Returns
    -------
    pandas.DataFrame
        :data:`COLLOCATE_COLUMNS`, one row per collocate: ``n_together``,
        ``n_collocate``, ``n_node`` (the node's occurrences), ``n_window``
        (token positions in its windows), ``n_left``, ``n_right`` and the
        measures.

    Raises
    ------
    ParameterError
        For a bad option, an unknown formula id or a bad pattern.

    Examples
    --------
    >>> corpus = Corpus.from_texts(["We strongly condemn the attack. They condemn the attack too.",
    ...                             "We condemn the attack. The attack was heinous."])
    >>> table = collocates(corpus, "condemn*", window=2, min_count=2)
    >>> table[["collocate", "n_together", "n_collocate", "n_left", "n_right"]].values.tolist()
    [['we', 2, 2, 2, 0], ['attack', 3, 4, 0, 3], ['the', 3, 4, 0, 3]]
    >>> round(float(table["log_likelihood"].iloc[0]), 3), int(table["n_node"].iloc[0]), int(table["n_window"].iloc[0])
    (2.55, 3, 10)
    """
    documents = check_corpus(corpus, owner="collocates")
    check_collocate_options(node, window=window, measure=measure, min_count=min_count, side=side, numbers=numbers)
    node_lexicon, ids = resolve_node(node, lexicon, owner="collocates")
    tally = WordTally(statements=False)  # the corpus's frequencies, read from the windows' index
    near = node_windows(documents, node_lexicon, ids, window=window, side=side, tally=tally)
    return collocate_table(near, tally.counts(), measure=measure, min_count=min_count, numbers=numbers)


def check_collocate_options(node: str, *, window: int, measure: str, min_count: int, side: str,
                            numbers: bool) -> None:
    """Check the options of :func:`collocates` (and of its parallel form), with its messages.

    Parameters
    ----------
    node : str
        The node.
    window, measure, min_count, side, numbers
        As :func:`collocates` takes them.

    Returns
    -------
    None

    Raises
    ------
    ParameterError
        Naming the first bad option.
    """
    owner = "collocates"
    check_type(node, "node", owner=owner, types=str, expected="a word, a pattern, or a formula or family id")
    check_int(window, "window", owner=owner, low=1)
    check_choice(measure, "measure", owner=owner, choices=MEASURES)
    check_int(min_count, "min_count", owner=owner, low=1)
    check_choice(side, "side", owner=owner, choices=_SIDES)
    check_type(numbers, "numbers", owner=owner, types=bool, expected="a bool")


@dataclass(frozen=True, eq=False)
class NodeWindows:
    """What the windows of a node hold, in a corpus or a part of one: counts that sum over parts.

    Parameters
    ----------
    words : list of str
        The folded tokens found in the windows.
    n_together, n_left, n_right : numpy.ndarray of int64
        Each word's positions in the windows, in the left ones and in the right ones.
    n_node : int
        The node's occurrences.
    n_window : int
        The token positions in the windows (each once).
    """

    words: list[str]
    n_together: np.ndarray
    n_left: np.ndarray
    n_right: np.ndarray
    n_node: int
    n_window: int

    @classmethod
    def combine(cls, parts: Iterable[NodeWindows]) -> NodeWindows:
        """The windows of parts of a corpus (no statement in two parts), summed.

        Parameters
        ----------
        parts : iterable of NodeWindows
            The parts' windows.

        Returns
        -------
        NodeWindows
            Their sum, words sorted.
        """
        parts = list(parts)
        words, (together, left, right) = sum_by_word(parts, ("n_together", "n_left", "n_right"))
        return cls(words, together, left, right, sum(p.n_node for p in parts), sum(p.n_window for p in parts))


def node_windows(corpus: Corpus | Iterable[Document], node_lexicon: Lexicon | Matcher, ids: list[str] | None = None, *,
                 window: int = 5, side: str = "both", tally: WordTally | None = None) -> NodeWindows:
    """The words in the windows of a node's occurrences (found by ``node_lexicon``) in a corpus.

    Only the node's occurrences and the ``window`` tokens on each side are
    given words. The statements are read in batches
    (:func:`~toolkit.text.tokenized.statement_batches`); each batch is
    indexed once (:class:`~toolkit.text.tokenized.IndexedBatch`), and that
    one index is matched, read for the windows and, with ``tally``, counted.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        The corpus (or a part of it).
    node_lexicon : Lexicon or Matcher
        The lexicon whose matches are the node (or it compiled, :class:`~toolkit.formulae.match.Matcher`).
    ids : list of str, optional
        Keep only the matches of these formula or family ids (None: all).
    window : int, default 5
        Word tokens on each side of the node, within its sentence.
    side : {"both", "left", "right"}, default "both"
        Which windows are read.
    tally : WordTally, optional
        Where the words of every statement are counted too, from the same
        index (what :func:`collocate_table` needs for the corpus's frequencies).

    Returns
    -------
    NodeWindows
        The counts of the words in the windows.

    Examples
    --------
    >>> near = node_windows(Corpus.from_texts(["We condemn it. Fine.", "No"]), Lexicon.from_phrases(["condemn"]))
    >>> near.words, near.n_left.tolist(), near.n_right.tolist(), near.n_node, near.n_window
    (['it', 'we'], [0, 1], [1, 0], 1, 2)
    >>> tally = WordTally(statements=False)
    >>> near = node_windows(Corpus.from_texts(["We condemn it.", "It"]), Lexicon.from_phrases(["condemn"]), tally=tally)
    >>> counts = tally.counts()
    >>> near.words, counts.words, counts.frequency.tolist()
    (['it', 'we'], ['condemn', 'it', 'we'], [1, 2, 1])
    """
    matcher = node_lexicon if isinstance(node_lexicon, Matcher) else Matcher(node_lexicon)
    formulae = matcher.lexicon.formulae
    kept = np.array([ids is None or f.id in ids or f.family in ids for f in formulae], dtype=bool)
    parts = []
    for texts in statement_batches(corpus, characters=_BATCH_CHARACTERS):
        batch = IndexedBatch.of(texts)
        if tally is not None:
            tally.add(batch)
        parts.append(_batch_windows(batch, matcher, kept, window=window, side=side))
    return NodeWindows.combine(parts)


def _batch_windows(batch: IndexedBatch, matcher: Matcher, kept: np.ndarray, *, window: int, side: str
                   ) -> NodeWindows:
    """The windows of the node in an indexed batch; ``kept`` says which formulae (by index) are the node."""
    found = matcher.match_indexed(batch.texts, batch.index)
    size = np.array([n for n, _ in found], dtype=np.int64)
    text_of = np.concatenate([np.full(hits.formula.size, k, dtype=np.int64) for k, (_, hits) in enumerate(found)])
    formula, first, last = (np.concatenate([np.asarray(getattr(hits, name), dtype=np.int64) for _, hits in found])
                            for name in ("formula", "token_start", "token_end"))
    chosen = kept[formula]
    regions, starts, ends = _regions(text_of[chosen], size[text_of[chosen]], first[chosen], last[chosen], window)
    vocabulary, tokens, breaks = batch.region_tokens(regions)
    left, right = _window_masks(tokens.size, breaks, starts, ends, window=window, side=side)
    together = left | right
    counts = [np.bincount(tokens[mask], minlength=len(vocabulary)) for mask in (together, left, right)]
    seen = np.flatnonzero(counts[0])
    words = np.asarray(vocabulary, dtype=object)
    order = seen[np.argsort(words[seen], kind="stable")] if seen.size else seen
    together_n, left_n, right_n = (c[order].astype(np.int64) for c in counts)
    return NodeWindows(words[order].tolist(), together_n, left_n, right_n, int(starts.size), int(together.sum()))


def _regions(text_of: np.ndarray, size: np.ndarray, first: np.ndarray, last: np.ndarray, window: int
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The stretches of tokens the windows need: each node occurrence and ``window`` tokens on each side, merged.

    ``text_of``, ``size``, ``first`` and ``last`` give each occurrence's text, that text's token count, and the
    occurrence's first token and one past its last. Returns the stretches (text, first token, one past the
    last), and each occurrence's first token and one past its last among the stretches' tokens, sorted.
    """
    order = np.lexsort((last, first, text_of))
    text_of, size, first, last = text_of[order], size[order], first[order], last[order]
    low, high = np.maximum(first - window, 0), np.minimum(last + window, size)
    # a new stretch where the text changes, or where an occurrence's stretch starts after the reach of those before
    new = np.ones(low.size, dtype=bool)
    for group in np.split(np.arange(low.size), np.flatnonzero(np.diff(text_of)) + 1) if low.size else []:
        new[group[1:]] = low[group[1:]] > np.maximum.accumulate(high[group])[:-1]
    heads = np.flatnonzero(new)
    if not heads.size:
        return np.empty((0, 3), np.int64), first, last
    stretch = np.cumsum(new) - 1
    regions = np.stack([text_of[heads], low[heads], np.maximum.reduceat(high, heads)], axis=1)
    offset = np.concatenate([[0], np.cumsum(regions[:, 2] - regions[:, 1])])[:-1]
    starts, ends = first + offset[stretch] - regions[stretch, 1], last + offset[stretch] - regions[stretch, 1]
    again = np.lexsort((ends, starts))
    return regions, starts[again], ends[again]


def resolve_node(node: str, lexicon: Lexicon | bool | None, *, owner: str) -> tuple[Lexicon, list[str] | None]:
    """The lexicon that finds a node, and the formula or family ids to keep of its matches (None: all).

    Parameters
    ----------
    node : str
        A formula or family id of ``lexicon``, or a pattern.
    lexicon : Lexicon, None or False
        Where ids are looked up (None: the default lexicon; False: none).
    owner : str
        The function or command the node is given to, for the message.

    Returns
    -------
    tuple of (Lexicon, list of str or None)
        The lexicon to match, and the ids to keep.

    Examples
    --------
    >>> lexicon, ids = resolve_node("condemn*", False, owner="collocates")
    >>> len(lexicon.formulae), ids
    (1, None)
    """
    resolved = resolve_lexicon(lexicon, owner=owner)
    if resolved is not None:
        known = {f.id for f in resolved.formulae} | {family.id for family in resolved.families}
        if node in known:
            return resolved.select([node]), [node]
    if "/" in node and not node.strip().count(" "):
        name = resolved.name if resolved is not None else "no lexicon (lexicon=False)"
        raise parameter_error(node, "node", owner=owner,
                              expected=f"a formula id of the lexicon {name!r}, a family id, or a pattern")
    return Lexicon.from_phrases([node]), None


def collocate_table(near: NodeWindows, counts: WordCounts, *, measure: str = "log_likelihood", min_count: int = 3,
                    numbers: bool = False) -> pd.DataFrame:
    """The collocates table from a node's windows and the corpus's word counts (each summed over parts).

    Parameters
    ----------
    near : NodeWindows
        What the node's windows hold (:func:`node_windows`).
    counts : WordCounts
        The word counts of the same corpus (:func:`toolkit.text.tokenized.count_words`).
    measure : {"log_likelihood", "mi", "t_score", "log_dice"}, default "log_likelihood"
        The measure the rows are sorted by (descending; ties by collocate).
    min_count : int, default 3
        The fewest co-occurrences a collocate needs.
    numbers : bool, default False
        Keep the collocates without a letter.

    Returns
    -------
    pandas.DataFrame
        :data:`COLLOCATE_COLUMNS`, as :func:`collocates` gives it.
    """
    wanted = near.n_together >= min_count
    if not numbers and len(near.words):
        wanted &= has_letter(near.words)
    kept = np.flatnonzero(wanted)
    words = [near.words[i] for i in kept.tolist()]
    n_together = near.n_together[kept]
    n_collocate, _ = counts.lookup(words)
    table = pd.DataFrame({
        "collocate": np.asarray(words, dtype=object),
        "n_together": n_together,
        "n_collocate": n_collocate,
        "n_node": np.full(kept.size, near.n_node, dtype=np.int64),
        "n_window": np.full(kept.size, near.n_window, dtype=np.int64),
        "n_left": near.n_left[kept],
        "n_right": near.n_right[kept],
        **association_scores(n_together, near.n_window, n_collocate, counts.n_tokens, n_node=near.n_node),
    }, columns=COLLOCATE_COLUMNS)
    for column in COLLOCATE_COLUMNS[1:7]:
        table[column] = table[column].astype(np.int64)
    table = table.sort_values([measure, "collocate"], ascending=[False, True], kind="mergesort")
    return table.reset_index(drop=True)
