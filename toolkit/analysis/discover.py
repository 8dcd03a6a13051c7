"""Discovery of recurring formulae: word n-grams that many actors repeat.

Formulaic language is the object here, not noise: n-grams are counted with
their stopwords, including at their edges ("in all its forms"), and ranked by
*range*, the number of distinct actors (and statements) that use them, since
a formula is what many speakers repeat, not what one speaker says often.

The method, in numbers rather than loops (:mod:`toolkit.analysis.ngrams`):
every statement's tokens (:mod:`toolkit.text.tokens`,
:mod:`toolkit.text.tokenized`) become integer ids in one array; n-grams of 1,
2, ... up to ``max_n`` tokens (never across a sentence end) are counted level
by level, each level only where the two shorter n-grams it is made of passed
the thresholds (frequency, statement range, actor range: none of them can
grow with the n-gram, so the pruning loses nothing); frequencies, statement
ranges and actor ranges come from one sort per level. Survivors of at least
``min_n`` tokens that are cohesive enough are *candidates*.

Nested candidates are merged into maximal ones: a candidate is *absorbed*
when longer candidates contain at least ``absorb`` of its occurrences (all
longer candidates together, at the places where it occurs, not only one of
them) and credited to the longest-used one that contains it; ``absorbed``
counts what each remaining candidate took in. Then the best ``top`` of each
length are kept, their first occurrence (first by year where years exist)
gives the example, and 3-grams get NLTK's likelihood-ratio association score
(Dunning 1993) from their unigram, bigram and skip-bigram counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import pandas as pd

from ..formulae.lexicon import Family, Formula, Lexicon, resolve_lexicon
from ..formulae.match import Matcher
from ..formulae.pattern import compile_pattern
from ..text.corpus import Corpus, Document
from ..text.tokenized import TokenizedCorpus, tokenize_corpus
from ..validation import check_choice, check_int, check_number, check_parameter, check_table
from .keyness import CORRECTIONS, log_likelihood, log_ratio, significant, split_statements
from .ngrams import NgramPartition, actor_codes, merge_level, merge_words

__all__ = ["DISCOVERY_COLUMNS", "CONTRAST_COLUMNS", "Partitions", "check_discovery_options", "contrast_table",
           "ngram_counts", "discover_formulae", "discovery_table",
           "maximal_formulae", "promote_formulae"]

DISCOVERY_COLUMNS = ["ngram", "n", "frequency", "n_statements", "n_actors", "cohesion", "first_year", "first_actor",
                     "absorbed", "association", "in_lexicon", "lexicon_formula", "example_statement",
                     "example_start", "example_end", "example_text"]
#: The columns :func:`discover_formulae` adds with a ``reference`` (after :data:`DISCOVERY_COLUMNS`).
CONTRAST_COLUMNS = ["n_reference", "log_likelihood", "p_value", "log_ratio", "significant"]
_DEFAULTS = {"min_n": 3, "max_n": 8, "min_statements": 2, "min_actors": 2, "min_frequency": 2, "top": 1000,
             "min_cohesion": 0.3, "absorb": 0.9}


class Partitions(Protocol):
    """Partitions of a corpus (:class:`~toolkit.analysis.ngrams.NgramPartition`), wherever they live.

    What :func:`discovery_table` needs of them: their number, and a way to
    call one method on every partition. Implemented here by
    :class:`LocalPartitions` (in this process), in :mod:`toolkit.backends`
    by worker processes and by a Dask cluster.
    """

    def __len__(self) -> int:
        """The number of partitions."""
        ...

    def call(self, method: str, args: Sequence[tuple]) -> list:
        """Call ``method`` on every partition, partition ``i`` with the arguments ``args[i]``.

        Parameters
        ----------
        method : str
            The name of a method of :class:`~toolkit.analysis.ngrams.NgramPartition`.
        args : sequence of tuple
            The positional arguments of each partition's call, one tuple per partition.

        Returns
        -------
        list
            The results, in the partitions' order.
        """
        ...


class LocalPartitions:
    """Partitions held in this process.

    Parameters
    ----------
    parts : list of NgramPartition
        The partitions.
    """

    def __init__(self, parts: list[NgramPartition]) -> None:
        self.parts = parts

    def __len__(self) -> int:
        """The number of partitions."""
        return len(self.parts)

    def call(self, method: str, args: Sequence[tuple]) -> list:
        """Call ``method`` on every partition with its arguments (:meth:`Partitions.call`).

        Parameters
        ----------
        method : str
            The name of a method of :class:`~toolkit.analysis.ngrams.NgramPartition`.
        args : sequence of tuple
            The positional arguments of each partition's call.

        Returns
        -------
        list
            The results, in the partitions' order.
        """
        return [getattr(part, method)(*a) for part, a in zip(self.parts, args)]


def check_discovery_options(options: dict[str, Any], *, owner: str) -> dict[str, Any]:
    """The options of :func:`discover_formulae`, checked, with defaults for those not given.

    Parameters
    ----------
    options : dict
        Option names (those of :func:`discover_formulae`) and values; any may
        be left out.
    owner : str
        The function the options were given to, as messages name it.

    Returns
    -------
    dict
        Every option, checked, defaults filled in; ``lexicon`` resolved
        (:func:`toolkit.formulae.lexicon.resolve_lexicon`): None, its default,
        becomes the default lexicon, and ``False`` (no lexicon) stays
        ``False``, so that checking the result again gives it back unchanged.

    Examples
    --------
    >>> checked = check_discovery_options({"min_n": 4, "lexicon": False}, owner="discover_formulae")
    >>> checked["min_n"], checked["max_n"], checked["lexicon"]
    (4, 8, False)
    >>> check_discovery_options({"min_actor": 2}, owner="discover_formulae")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    toolkit.errors.ParameterError: The 'options' parameter of discover_formulae must be ... Got 'min_actor' instead.
    """
    unknown = sorted(set(options) - set(_DEFAULTS) - {"lexicon"})
    check_parameter(options, "options", owner=owner, ok=not unknown,
                    expected=f"names among {', '.join(map(repr, [*_DEFAULTS, 'lexicon']))}",
                    got=", ".join(map(repr, unknown)))
    o = {**_DEFAULTS, "lexicon": None, **options}
    check_int(o["min_n"], "min_n", owner=owner, low=2)
    check_int(o["max_n"], "max_n", owner=owner, low=o["min_n"])
    check_int(o["min_statements"], "min_statements", owner=owner, low=1)
    check_int(o["min_actors"], "min_actors", owner=owner, low=0)
    check_int(o["min_frequency"], "min_frequency", owner=owner, low=1)
    check_int(o["top"], "top", owner=owner, low=1, allow_none=True)
    check_number(o["min_cohesion"], "min_cohesion", owner=owner, low=0, high=1)
    check_number(o["absorb"], "absorb", owner=owner, low=0, high=1, low_open=True)
    lexicon = resolve_lexicon(o["lexicon"], owner=owner)
    o["lexicon"] = False if lexicon is None else lexicon
    return o


def discover_formulae(corpus: Corpus | Iterable[Document] | TokenizedCorpus, *, min_n: int = 3, max_n: int = 8,
                      min_statements: int = 2, min_actors: int = 2, min_frequency: int = 2, top: int | None = 1000,
                      min_cohesion: float = 0.3, absorb: float = 0.9, lexicon: Lexicon | bool | None = None,
                      reference: Any = None, correction: str = "bh", alpha: float = 0.05) -> pd.DataFrame:
    """Recurring word n-grams, ranked by how many actors use them, or by how characteristic they are of the corpus.

    With a ``reference``, discovery contrasts: the candidates of ``corpus``
    (the *target*) are counted in the reference too, and ranked by keyness
    (:mod:`toolkit.analysis.keyness`): the signed log-likelihood G2 of each
    candidate's 2x2 table (its occurrences and those of every other token,
    in target and reference), its p-value, Hardie's log ratio, and a
    significance filter corrected over the candidates tested
    (:func:`~toolkit.analysis.keyness.log_likelihood`,
    :func:`~toolkit.analysis.keyness.log_ratio`,
    :func:`~toolkit.analysis.keyness.significant`). The thresholds
    (``min_actors``, ...) apply to the target alone: a candidate is a
    recurring sequence of the target, and the reference says how
    characteristic of the target it is. The sentences of a corpus that hold a
    condemnation against its other sentences: ``target, other =
    condemnation_sentences(corpus)``
    (:func:`toolkit.analysis.intensity.condemnation_sentences`), then
    ``discover_formulae(target, reference=other)``.

    Parameters
    ----------
    corpus : Corpus, iterable of Document, or TokenizedCorpus
        The statements to search (tokenised here unless already).
    min_n, max_n : int, default 3 and 8
        Lengths in tokens.
    min_statements, min_actors, min_frequency : int, default 2, 2 and 2
        Thresholds on range (distinct statements, distinct actors) and
        frequency. Statements without an actor count for no actor; set
        ``min_actors=0`` for a corpus without actors. Where statements of a
        document overlap, an n-gram at one place of the document is one
        occurrence, however many statements (and actors) share it.
    top : int or None, default 1000
        Keep the best ``top`` candidates of each length (by actor range, then
        statement range, then frequency) after merging (``None``: all).
    min_cohesion : float, default 0.3
        The least share of the occurrences of its more frequent (n-1)-token
        part (prefix or suffix) that an n-gram must account for: fixed
        formulae are cohesive ("in all its forms and manifestations" is most
        of "all its forms and manifestations"), free combinations are not
        ("of the united nations and the").
    absorb : float, default 0.9
        A candidate is merged into the longer candidates containing it when
        they account for at least this share of its occurrences.
    lexicon : Lexicon, None or False, default None
        Mark candidates a formula of this lexicon already matches: the
        lexicon is matched in the text around each candidate's example, and a
        hit inside the example, containing it, or covering at least half of it
        names the formula (``lexicon_formula``; ``in_lexicon`` is True). None
        is the default lexicon (:func:`toolkit.formulae.lexicon.default_lexicon`);
        ``False`` marks nothing (``in_lexicon`` False everywhere).
    reference : Corpus, iterable of Document, TokenizedCorpus or array of bool, optional
        What the candidates are contrasted with: another corpus (a part of
        the same corpus given as its own corpus, such as the other sentences
        of :func:`~toolkit.analysis.intensity.condemnation_sentences`), or a
        boolean mask with one entry per statement of ``corpus``, in corpus
        order, True for the statements of the reference: the target is then
        the other statements (``corpus`` must be a Corpus or documents, not
        a TokenizedCorpus). Occurrences are counted alike in both: never
        across a sentence end, a place shared by overlapping statements once.
        None (the default): no contrast.
    correction : {"bh", "bonferroni", "none"}, default "bh"
        With a reference: the correction of the significance filter over the
        candidates tested (all the rows returned).
    alpha : float, default 0.05
        With a reference: the level of the significance filter.

    Returns
    -------
    pandas.DataFrame
        :data:`DISCOVERY_COLUMNS`, one row per maximal candidate, sorted by
        actor range, statement range, length and frequency (descending),
        then text. ``absorbed`` is the number of shorter candidates merged
        into the row; the example is the first occurrence (by year, then
        corpus order). With a reference, :data:`CONTRAST_COLUMNS` follow:
        ``n_reference`` (occurrences in the reference; ``frequency`` is the
        target's), ``log_likelihood`` (signed G2, positive where the target
        uses the candidate more), ``p_value``, ``log_ratio`` (binary log of
        the ratio of relative frequencies, target over reference; 0.5 added
        to both counts where the reference has none) and ``significant``;
        the rows are then sorted as keyness sorts them: the significant
        candidates first, by ``log_ratio`` from the highest (the most
        characteristic of the target), then the others, ties in the order
        above.

    Examples
    --------
    >>> speeches = Corpus.from_texts(["We condemn terrorism in all its forms.",
    ...                               "They condemn terrorism in all its forms!"])
    >>> found = discover_formulae(speeches, min_actors=0)
    >>> found[["ngram", "n", "frequency", "absorbed"]].to_dict("records")
    [{'ngram': 'condemn terrorism in all its forms', 'n': 6, 'frequency': 2, 'absorbed': 9}]
    >>> unmarked = discover_formulae(speeches, min_actors=0, lexicon=False)  # no lexicon: nothing marked
    >>> found["lexicon_formula"].tolist(), unmarked["in_lexicon"].tolist()
    (['all_forms/truncated'], [False])

    Contrasted with a reference, the candidates get their keyness:

    >>> other = Corpus.from_texts(["We note the report in all its forms."] * 3)
    >>> found = discover_formulae(speeches, min_actors=0, reference=other, correction="none")
    >>> found.round(2)[["ngram", "frequency", "n_reference", "log_ratio", "significant"]].values.tolist()
    [['condemn terrorism in all its forms', 2, 0, 3.1, True]]
    """
    correction = check_choice(correction, "correction", owner="discover_formulae", choices=CORRECTIONS)
    alpha = check_number(alpha, "alpha", owner="discover_formulae", low=0.0, high=1.0, low_open=True)
    corpus, reference = _contrasted(corpus, reference)
    options = check_discovery_options(owner="discover_formulae", options={
        "min_n": min_n, "max_n": max_n, "min_statements": min_statements, "min_actors": min_actors,
        "min_frequency": min_frequency, "top": top, "min_cohesion": min_cohesion, "absorb": absorb,
        "lexicon": lexicon})
    tc = corpus if isinstance(corpus, TokenizedCorpus) else tokenize_corpus(corpus)
    codes = actor_codes(tc.statements)
    part = NgramPartition(tc, codes, np.arange(len(tc)))
    table = discovery_table(LocalPartitions([part]), int(codes.max()) + 1 if codes.size else 0, options)
    if reference is None:
        return table
    return contrast_table(table, tc, reference, correction=correction, alpha=alpha)


def _contrasted(corpus: Any, reference: Any) -> tuple[Any, Any]:
    """The target and the reference of a contrast: a mask over the statements of ``corpus`` splits it in two."""
    if reference is None or isinstance(reference, (TokenizedCorpus, Corpus)):
        return corpus, reference
    if isinstance(reference, (np.ndarray, pd.Series)) or (
            isinstance(reference, (list, tuple)) and reference and all(isinstance(v, (bool, np.bool_))
                                                                      for v in reference)):
        mask = np.asarray(reference)
        check_parameter(corpus, "corpus", owner="discover_formulae", ok=not isinstance(corpus, TokenizedCorpus),
                        expected="a Corpus or documents when the reference is a mask of its statements",
                        got="a TokenizedCorpus")
        documents = list(corpus)
        size = sum(len(doc.statements) for doc in documents)
        check_parameter(reference, "reference", owner="discover_formulae",
                        ok=mask.dtype == bool and mask.shape == (size,),
                        expected=f"a corpus, or a boolean mask with one entry per statement ({size})",
                        got=f"a mask of {mask.size} entries" if mask.dtype == bool else None)
        check_parameter(reference, "reference", owner="discover_formulae", ok=bool(mask.any() and not mask.all()),
                        expected="a mask selecting some statements but not all (the others are the target)")
        chosen, others = split_statements(documents, mask)
        return others, chosen
    return corpus, reference


def contrast_table(candidates: pd.DataFrame, target: TokenizedCorpus, reference: Any, *, correction: str = "bh",
                   alpha: float = 0.05) -> pd.DataFrame:
    """The candidates of a discovery table with their keyness against a reference (:data:`CONTRAST_COLUMNS`).

    Parameters
    ----------
    candidates : pandas.DataFrame
        A table of :func:`discover_formulae` (``ngram`` and ``frequency`` used) found in ``target``.
    target : TokenizedCorpus
        The corpus the candidates were found in (its tokens are the target's total).
    reference : Corpus, iterable of Document or TokenizedCorpus
        The reference corpus.
    correction : {"bh", "bonferroni", "none"}, default "bh"
        The correction over the candidates (:func:`toolkit.analysis.keyness.significant`).
    alpha : float, default 0.05
        The level of the filter.

    Returns
    -------
    pandas.DataFrame
        The candidates with :data:`CONTRAST_COLUMNS`, the significant first,
        by log ratio (highest first), ties in the candidates' order.

    Examples
    --------
    >>> from toolkit.text.tokenized import tokenize_corpus
    >>> tc = tokenize_corpus(Corpus.from_texts(["we condemn it", "we condemn it"]))
    >>> table = pd.DataFrame({"ngram": ["we condemn it"], "frequency": [2]})
    >>> contrast_table(table, tc, Corpus.from_texts(["we condemn it", "we note it"]))["n_reference"].tolist()
    [1]
    """
    check_table(candidates, "candidates", owner="contrast_table", columns=("ngram", "frequency"))
    ref = reference if isinstance(reference, TokenizedCorpus) else tokenize_corpus(reference)
    _, total_target = ngram_counts(target, [])
    n_reference, total_reference = ngram_counts(ref, candidates["ngram"].astype(str).tolist())
    a = candidates["frequency"].to_numpy(dtype=np.int64)
    g2, p = log_likelihood(a, n_reference, max(total_target, 1), max(total_reference, 1))
    table = candidates.assign(n_reference=n_reference, log_likelihood=g2, p_value=p,
                              log_ratio=log_ratio(a, n_reference, max(total_target, 1), max(total_reference, 1)),
                              significant=significant(p, correction=correction, alpha=alpha))
    table = table.assign(_order=np.arange(len(table)))
    table = table.sort_values(["significant", "log_ratio", "_order"], ascending=[False, False, True], kind="stable")
    return table.drop(columns="_order").reset_index(drop=True)


def ngram_counts(tc: TokenizedCorpus, ngrams: Sequence[str]) -> tuple[np.ndarray, int]:
    """How often each n-gram occurs in a tokenised corpus, and how many tokens the corpus has.

    Counted as discovery counts (:class:`~toolkit.analysis.ngrams.NgramPartition`):
    never across a sentence end, a place of a document shared by overlapping
    statements (attributed news) once. Only the words and shorter n-grams
    the wanted n-grams are made of are followed from level to level.

    Parameters
    ----------
    tc : TokenizedCorpus
        The corpus.
    ngrams : sequence of str
        Folded tokens joined by single spaces (the ``ngram`` column of
        :func:`discover_formulae`), each of two tokens or more.

    Returns
    -------
    counts : numpy.ndarray of int64
        The occurrences of each n-gram, in order.
    total : int
        The corpus's tokens (a shared place once).

    Examples
    --------
    >>> from toolkit.text.tokenized import tokenize_corpus
    >>> tc = tokenize_corpus(Corpus.from_texts(["We condemn it. It we condemn.", "we condemn"]))
    >>> counts, total = ngram_counts(tc, ["we condemn", "it it", "condemn it"])
    >>> counts.tolist(), total
    ([3, 0, 1], 8)
    """
    part = NgramPartition(tc, np.full(len(tc), -1, dtype=np.int64), np.arange(len(tc)))
    found = part.words()
    total = int(found.frequency.sum())
    grams = [str(g).split(" ") for g in ngrams]
    counts = np.zeros(len(grams), dtype=np.int64)
    longest = max((len(g) for g in grams), default=0)
    if longest < 2:
        return counts, total
    row = {" ".join(g): k for k, g in enumerate(grams)}
    wanted = {m: {" ".join(g[i:i + m]) for g in grams for i in range(len(g) - m + 1)} for m in range(1, longest + 1)}
    kept = sorted(i for i, w in enumerate(found.words) if w in wanted[1])
    if not kept:
        return counts, total
    rank_of_word = np.full(len(found.words), -1, dtype=np.int32)
    rank_of_word[kept] = np.arange(len(kept), dtype=np.int32)
    rank = {found.words[i]: r for r, i in enumerate(kept)}
    size = len(kept)
    level: Any = part.begin(rank_of_word, size)
    for m in range(2, longest + 1):
        # the wanted m-grams as keys of this level: rank of the prefix * size + rank of the suffix
        keyed = {}
        for gram in wanted[m]:
            words = gram.split(" ")
            prefix, suffix = " ".join(words[:-1]), " ".join(words[1:])
            if prefix in rank and suffix in rank:
                keyed[rank[prefix] * size + rank[suffix]] = gram
        keys = np.array(sorted(keyed), dtype=np.int64)
        at = np.minimum(np.searchsorted(level.keys, keys), max(level.keys.size - 1, 0))
        present = (level.keys[at] == keys) if level.keys.size else np.zeros(keys.size, dtype=bool)
        ranks = np.full(level.keys.size, -1, dtype=np.int32)
        ranks[at[present]] = np.arange(int(present.sum()), dtype=np.int32)
        grams_here = [keyed[k] for k in keys[present].tolist()]
        for gram, frequency in zip(grams_here, level.frequency[at[present]].tolist()):
            if gram in row:
                counts[row[gram]] = frequency
        rank, size = {gram: r for r, gram in enumerate(grams_here)}, len(grams_here)
        last = m == longest or size == 0
        level = part.advance(ranks, size, None, last)
        if last:
            break
    return counts, total


@dataclass
class _Level:
    """The survivors of one level, by rank, and what the coordinator knows of them."""

    keys: np.ndarray
    prefix: np.ndarray  # rank of the first n - 1 tokens (level n - 1)
    suffix: np.ndarray  # rank of the last n - 1 tokens
    frequency: np.ndarray
    statements: np.ndarray
    actors: np.ndarray
    cohesion: np.ndarray
    candidate: np.ndarray


def discovery_table(parts: Partitions, n_actors: int, options: dict[str, Any]) -> pd.DataFrame:
    """The discovery table from partitions of a corpus (one, or several in processes or on a cluster).

    The coordinator's side of :func:`discover_formulae`: the counts of each
    level are summed over the partitions, the survivors decided here and
    sent back (:mod:`toolkit.analysis.ngrams`).

    Parameters
    ----------
    parts : Partitions
        The partitions, each built with the same actor codes.
    n_actors : int
        The number of actor codes.
    options : dict
        Those of :func:`discover_formulae`, checked (:func:`check_discovery_options`).

    Returns
    -------
    pandas.DataFrame
        The table of :func:`discover_formulae`; the same whatever the partitions.
    """
    o = options
    count = len(parts)
    words_found = parts.call("words", [()] * count)
    words, summed, where = merge_words(words_found, n_actors)
    survivors = np.flatnonzero(_passes(summed["frequency"], summed["statements"], summed["actors"], o))
    # ranks follow the words' order, whatever the partitions
    survivors = np.array(sorted(survivors.tolist(), key=words.__getitem__), dtype=np.int64)
    vocabulary = [words[i] for i in survivors]
    rank_of_word = np.full(len(words), -1, dtype=np.int32)
    rank_of_word[survivors] = np.arange(survivors.size, dtype=np.int32)
    unigrams = summed["unigrams"][survivors]
    total = int(summed["unigrams"].sum())
    levels = _count_levels(parts, where, rank_of_word, summed["frequency"][survivors], n_actors, o)
    longest = max((n for n, level in levels.items() if level.candidate.any()), default=0)
    if longest < o["min_n"]:
        return pd.DataFrame(columns=DISCOVERY_COLUMNS)
    covered = _covered(parts, count, levels, o["min_n"], longest)
    kept, absorbed = _merge(levels, covered, o["absorb"], o["min_n"], longest)
    chosen = {n: _best(levels[n], kept[n], o["top"]) for n in kept}
    rows = _rows(levels, chosen, _examples(parts, count, chosen), absorbed, vocabulary)
    if not rows:
        return pd.DataFrame(columns=DISCOVERY_COLUMNS)
    three = [r["_tokens"] for r in rows if r["n"] == 3]
    if three:
        scores = _association(parts, count, three, [r["frequency"] for r in rows if r["n"] == 3], unigrams,
                              total, survivors.size)
        for r in (r for r in rows if r["n"] == 3):
            r["association"] = scores[r["_tokens"]]
    frame = pd.DataFrame(rows).drop(columns="_tokens")
    frame["lexicon_formula"] = _in_lexicon(frame.pop("_context").tolist(), o["lexicon"])
    frame["in_lexicon"] = frame["lexicon_formula"].notna()
    frame["first_year"] = frame["first_year"].astype("Int64")
    frame = frame.sort_values(["n_actors", "n_statements", "n", "frequency", "ngram"],
                              ascending=[False, False, False, False, True], kind="stable")
    return frame[DISCOVERY_COLUMNS].reset_index(drop=True)


def _count_levels(parts: Partitions, where: list[np.ndarray], rank_of_word: np.ndarray, frequency: np.ndarray,
                  n_actors: int, o: dict[str, Any]) -> dict[int, _Level]:
    """Levels 2 to ``max_n``: each counted in the partitions, summed, its survivors decided and sent back.

    ``where`` gives each partition's index into the merged words, ``rank_of_word`` the rank of each merged
    word among the survivors (-1: none), ``frequency`` the survivors' frequencies.
    """
    levels: dict[int, _Level] = {}
    size = frequency.size
    if not size:
        return levels
    found = parts.call("begin", [(rank_of_word[w], size) for w in where])
    for n in range(2, o["max_n"] + 1):
        merged, where = merge_level(found, n_actors)
        passed = _passes(merged.frequency, merged.statements, merged.actors, o)
        keys = merged.keys[passed]
        prefix, suffix = keys // size, keys % size
        f = merged.frequency[passed]
        cohesion = f / np.maximum(np.maximum(frequency[prefix], frequency[suffix]), 1)
        candidate = (cohesion >= o["min_cohesion"]) if n >= o["min_n"] else np.zeros(keys.size, dtype=bool)
        levels[n] = _Level(keys, prefix, suffix, f, merged.statements[passed], merged.actors[passed], cohesion,
                           candidate)
        ranks = np.where(passed, np.cumsum(passed) - 1, -1).astype(np.int32)
        last = n == o["max_n"] or keys.size == 0
        found = parts.call("advance", [(ranks[w], keys.size, candidate if n >= o["min_n"] else None, last)
                                       for w in where])
        if last:
            break
        size, frequency = keys.size, f
    return levels


def _rows(levels: dict[int, _Level], chosen: dict[int, np.ndarray], examples: dict[int, dict[int, tuple]],
          absorbed: dict[int, np.ndarray], vocabulary: list[str]) -> list[dict[str, Any]]:
    """One row per chosen candidate, with its example; ``_tokens`` and ``_context`` for what comes next."""
    rows = []
    for n, ranks in chosen.items():
        level = levels[n]
        tokens = _decode(levels, n, ranks)
        for j, r in enumerate(ranks.tolist()):
            statement_id, start, end, text, year, actor, context, offset = examples[n][r]
            rows.append({
                "ngram": " ".join(vocabulary[t] for t in tokens[j]), "n": n, "frequency": int(level.frequency[r]),
                "n_statements": int(level.statements[r]), "n_actors": int(level.actors[r]),
                "cohesion": float(level.cohesion[r]), "first_year": year, "first_actor": actor,
                "absorbed": int(absorbed[n][r]), "association": np.nan, "example_statement": statement_id,
                "example_start": start, "example_end": end, "example_text": text, "_tokens": tokens[j],
                "_context": (context, offset, offset + len(text))})
    return rows


def _passes(frequency: np.ndarray, statements: np.ndarray, actors: np.ndarray, o: dict[str, Any]) -> np.ndarray:
    """The monotone thresholds: what fails them at n tokens fails them at n + 1."""
    return (frequency >= o["min_frequency"]) & (statements >= o["min_statements"]) & (actors >= o["min_actors"])


def _decode(levels: dict[int, _Level], n: int, ranks: np.ndarray) -> list[tuple[int, ...]]:
    """The word ranks (level 1) of level-``n`` n-grams."""
    columns = []
    for i in range(n):  # token i: i steps to the suffix, then prefixes down to one word
        r = ranks
        for m in range(n, n - i, -1):
            r = levels[m].suffix[r]
        for m in range(n - i, 1, -1):
            r = levels[m].prefix[r]
        columns.append(r.tolist())
    return list(zip(*columns))


def _covered(parts: Partitions, count: int, levels: dict[int, _Level], min_n: int, longest: int
             ) -> dict[int, np.ndarray]:
    """How many occurrences of each candidate lie inside longer candidates (summed over the partitions)."""
    covered = {n: np.zeros(levels[n].keys.size, dtype=np.int64) for n in range(min_n, longest + 1)}
    for found in parts.call("coverage", [(min_n, longest)] * count):
        for n, (ranks, counts) in found.items():
            np.add.at(covered[n], ranks, counts)
    return covered


def _merge(levels: dict[int, _Level], covered: dict[int, np.ndarray], absorb: float, min_n: int, longest: int
           ) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray]]:
    """Which candidates stay (maximal ones), and how many shorter ones each took in.

    From the longest down: a candidate is absorbed when longer candidates
    account for at least ``absorb`` of its occurrences and a remaining
    longer candidate contains it; it is credited to the one of those used
    most (then the longest, then the first by text).
    """
    kept: dict[int, np.ndarray] = {}
    absorbed = {n: np.zeros(levels[n].keys.size, dtype=np.int64) for n in range(min_n, longest + 1)}
    # containers[m]: (rank at level m, container frequency, container length, container rank) of kept candidates
    containers: dict[int, list[np.ndarray]] = {m: [] for m in range(min_n, longest + 1)}
    for n in range(longest, min_n - 1, -1):
        level = levels[n]
        candidate = level.candidate
        share = covered[n] / np.maximum(level.frequency, 1)
        eligible = candidate & (share >= absorb)
        stay = candidate.copy()
        if eligible.any() and containers[n]:
            table = np.concatenate(containers[n], axis=1)
            table = table[:, eligible[table[0]]]
            if table.size:
                o = np.lexsort((table[3], -table[2], -table[1], table[0]))
                best = table[:, o[_first_of_runs(table[0][o])]]
                stay[best[0]] = False
                for m in np.unique(best[2]).tolist():
                    np.add.at(absorbed[m], best[3][best[2] == m], 1)
        kept[n] = stay
        ranks = np.flatnonzero(stay)
        if ranks.size:
            # every sub-n-gram of the kept candidates, by length: offset i is i steps to the suffix
            subs = ranks[None, :]
            for m in range(n - 1, min_n - 1, -1):
                upper = levels[m + 1]
                subs = np.vstack([upper.prefix[subs], upper.suffix[subs[-1:]]])
                containers[m].append(np.vstack([
                    subs.ravel(), np.tile(level.frequency[ranks], subs.shape[0]),
                    np.full(subs.size, n), np.tile(ranks, subs.shape[0])]))
    return kept, absorbed


def _first_of_runs(values: np.ndarray) -> np.ndarray:
    first = np.ones(values.size, dtype=bool)
    first[1:] = values[1:] != values[:-1]
    return first


def _best(level: _Level, stay: np.ndarray, top: int | None) -> np.ndarray:
    """The ranks of the best ``top`` remaining candidates (actor range, statement range, frequency; then text)."""
    ranks = np.flatnonzero(stay)
    order = np.lexsort((ranks, -level.frequency[ranks], -level.statements[ranks], -level.actors[ranks]))
    ranks = ranks[order]
    return ranks if top is None else ranks[:top]


def _examples(parts: Partitions, count: int, chosen: dict[int, np.ndarray]) -> dict[int, dict[int, tuple]]:
    """Each chosen candidate's first occurrence: earliest year, then corpus order, over all partitions."""
    best: dict[int, dict[int, tuple]] = {n: {} for n in chosen}
    for found in parts.call("examples", [(chosen,)] * count):
        for n, part in found.items():
            for r, year, order, row in zip(part["rank"].tolist(), part["year"].tolist(), part["order"].tolist(),
                                           part["rows"]):
                if r not in best[n] or (year, order) < best[n][r][0]:
                    best[n][r] = ((year, order), row)
    return {n: {r: row for r, (_, row) in rows.items()} for n, rows in best.items()}


def _trigram_cells(n_iii: int, pairs: tuple[int, int, int], singles: tuple[int, int, int], total: int) -> list[int]:
    """The eight cells of a trigram's contingency cube from its marginals, negative cells clipped at zero.

    The cells are NLTK's, in its order (``n_iii, n_oii, n_ioi, n_ooi, n_iio,
    n_oio, n_ioo, n_ooo``): ``i`` is "this word at this position", ``o``
    "another word". The marginals here come from overlapping windows rather
    than from one table, so a cell can come out slightly negative; it is
    clipped (Manning and Schuetze 1999, 5.3.4; Dunning 1993).
    """
    n_iix, n_ixi, n_xii = pairs
    n_ixx, n_xix, n_xxi = singles
    n_oii = n_xii - n_iii
    n_ioi = n_ixi - n_iii
    n_iio = n_iix - n_iii
    n_ooi = n_xxi - n_iii - n_oii - n_ioi
    n_oio = n_xix - n_iii - n_oii - n_iio
    n_ioo = n_ixx - n_iii - n_ioi - n_iio
    n_ooo = total - n_iii - n_oii - n_ioi - n_iio - n_ooi - n_oio - n_ioo
    return [max(0, cell) for cell in (n_iii, n_oii, n_ioi, n_ooi, n_iio, n_oio, n_ioo, n_ooo)]


def _trigram_marginals(cells: list[int]) -> tuple[int, tuple[int, int, int], tuple[int, int, int], int]:
    """The marginals of a contingency cube, in the form NLTK's public measures take."""
    n_iii, n_oii, n_ioi, n_ooi, n_iio, n_oio, n_ioo, n_ooo = cells
    return (n_iii, (n_iii + n_iio, n_iii + n_ioi, n_iii + n_oii),
            (n_iii + n_ioi + n_iio + n_ioo, n_iii + n_oii + n_iio + n_oio, n_iii + n_oii + n_ioi + n_ooi),
            sum(cells))


def _association(parts: Partitions, count: int, grams: list[tuple[int, ...]], frequencies: list[int],
                 unigrams: np.ndarray, total: int, size: int) -> dict[tuple[int, ...], float]:
    """NLTK's trigram likelihood ratio (Dunning 1993) for each 3-gram (word ranks) of the given frequency.

    The marginals are the unigram, bigram and skip-bigram counts of the
    corpus (every occurrence; pairs across sentence ends but not across
    statements); the contingency cells derived from them are clipped at zero
    (:func:`_trigram_cells`) and NLTK's public
    ``TrigramAssocMeasures.likelihood_ratio`` scores the consistent marginals.
    """
    from nltk.metrics.association import TrigramAssocMeasures  # pure functions; no data needed

    g = np.array(grams, dtype=np.int64).reshape(-1, 3)
    bigrams = np.unique(np.concatenate([g[:, 0] * size + g[:, 1], g[:, 1] * size + g[:, 2]]))
    skips = np.unique(g[:, 0] * size + g[:, 2])
    bigram_counts, skip_counts = np.zeros(bigrams.size, np.int64), np.zeros(skips.size, np.int64)
    for one, two in parts.call("pair_counts", [(size, (bigrams, skips))] * count):
        bigram_counts += one
        skip_counts += two
    pair = dict(zip(bigrams.tolist(), bigram_counts.tolist()))
    skip = dict(zip(skips.tolist(), skip_counts.tolist()))
    scores: dict[tuple[int, ...], float] = {}
    for (a, b, c), frequency in zip(grams, frequencies):
        cells = _trigram_cells(frequency, (pair[a * size + b], skip[a * size + c], pair[b * size + c]),
                               (int(unigrams[a]), int(unigrams[b]), int(unigrams[c])), total)
        scores[(a, b, c)] = float(TrigramAssocMeasures.likelihood_ratio(*_trigram_marginals(cells)))
    return scores


def _in_lexicon(contexts: list[tuple[str, int, int]], lexicon: Lexicon | bool) -> list:
    """The lexicon formula found in each candidate's example, if any, matched in the example's context.

    ``contexts`` holds, for each candidate, the text around its example and
    the example's span in it. A hit of the lexicon counts when it lies inside
    the span (the condemnation family's "condemned" in "condemned the
    attack"), contains it (a fragment of a longer formula), or overlaps at
    least half of it; of several, the one overlapping most (then the
    longest) is named. With no lexicon (``False``), none is.
    """
    if not isinstance(lexicon, Lexicon):
        return [None] * len(contexts)
    matcher = Matcher(lexicon)
    found: list[str | None] = []
    for (_, start, end), (_, hits) in zip(contexts, matcher.match_texts([c[0] for c in contexts])):
        best, best_key = None, None
        for hit in hits:
            overlap = min(end, hit.end) - max(start, hit.start)
            inside = hit.start >= start and hit.end <= end
            contains = hit.start <= start and hit.end >= end
            if overlap > 0 and (inside or contains or 2 * overlap >= end - start):
                key = (overlap, hit.end - hit.start, -hit.formula)
                if best_key is None or key > best_key:
                    best, best_key = lexicon.formulae[hit.formula].id, key
        found.append(best)
    return found


def maximal_formulae(candidates: pd.DataFrame, *, function_words: Iterable[str] = (), cover: float = 0.75,
                     top: int | None = None) -> pd.DataFrame:
    """The candidates worth showing: maximal phrases, bounded by content words where possible.

    Discovery merges a candidate into longer ones only when they account for
    nearly all its occurrences (``absorb``, 0.9); a table for reading needs
    less repetition. In the table's order, a candidate is left out when

    * a longer candidate of the table contains it and accounts for at least
      ``cover`` of its occurrences (the longer one's frequency over its own):
      "condemned in the strongest" beside "condemned in the strongest terms";
    * it begins or ends with one of ``function_words`` and a candidate that
      begins and ends with content words, and is not itself left out by the
      first rule, covers it: contains its words once the function words at
      its edges are set aside ("strongly condemned the" beside "strongly
      condemned the attack", "condemned in the strongest terms the" beside
      "condemned in the strongest terms"), or a shorter candidate not left
      out contains them ("of the cold war" beside "the cold war");
    * all its words but one are function words ("condolences to the", "and
      its people"): a fragment around one word, not a phrase.

    Parameters
    ----------
    candidates : DataFrame
        From :func:`discover_formulae` (``ngram`` and ``frequency`` used).
    function_words : iterable of str
        Lower-case words that do not bound a formula
        (:func:`toolkit.io.function_words`); none by default.
    cover : float, default 0.75
        The share of a candidate's occurrences a longer candidate containing
        it must account for to leave it out (first rule).
    top : int, optional
        Stop after this many rows are kept (the first ones of the table).

    Returns
    -------
    DataFrame
        The rows kept, in their order, with their columns.

    Examples
    --------
    >>> table = pd.DataFrame({"ngram": ["condemned in the strongest", "condemned in the strongest terms",
    ...                                 "condolences to the", "condolences to the families"],
    ...                       "frequency": [5, 4, 6, 3]})
    >>> maximal_formulae(table, function_words={"to", "the", "in"})["ngram"].tolist()
    ['condemned in the strongest terms', 'condolences to the families']
    >>> maximal_formulae(table)["ngram"].tolist()  # without function words: the first rule only
    ['condemned in the strongest terms', 'condolences to the', 'condolences to the families']
    """
    check_table(candidates, "candidates", owner="maximal_formulae", columns=("ngram", "frequency"))
    check_number(cover, "cover", owner="maximal_formulae", low=0.0, high=1.0, low_open=True)
    check_int(top, "top", owner="maximal_formulae", low=1, allow_none=True)
    phrases = _Phrases(candidates, frozenset(function_words), cover)
    keep: list[int] = []
    for k in range(len(candidates)):
        if top is not None and len(keep) >= top:
            break
        if not phrases.left_out(k):
            keep.append(k)
    return candidates.iloc[keep].reset_index(drop=True)


class _Phrases:
    """The candidates of :func:`maximal_formulae` as word lists, and the rules that leave one out."""

    def __init__(self, candidates: pd.DataFrame, function_words: frozenset[str], cover: float) -> None:
        self.words = function_words
        self.cover = cover
        self.grams = [str(g).split() for g in candidates["ngram"]]
        self.padded = [f" {' '.join(g)} " for g in self.grams]  # " a b " in " x a b y ": a run of whole tokens
        self.lengths = [len(g) for g in self.grams]
        self.frequency = candidates["frequency"].to_numpy()
        self.bounded = [bool(g) and g[0] not in function_words and g[-1] not in function_words for g in self.grams]
        self._nested: dict[int, bool] = {}

    def left_out(self, k: int) -> bool:
        """Whether candidate ``k`` is a fragment: one content word, nested, or a cut phrase that another covers."""
        gram = self.grams[k]
        if (self.words and sum(w not in self.words for w in gram) < 2) or self.nested(k):
            return True
        return not self.bounded[k] and self.core_covered(k)

    def nested(self, k: int) -> bool:
        """Whether a longer candidate contains ``k`` and accounts for at least ``cover`` of its occurrences."""
        if k not in self._nested:
            self._nested[k] = any(self.lengths[j] > self.lengths[k] and
                                  self.frequency[j] >= self.cover * self.frequency[k] and self.padded[k] in other
                                  for j, other in enumerate(self.padded))
        return self._nested[k]

    def core_covered(self, k: int) -> bool:
        """Whether ``k``'s content core lies in a candidate shown (bounded by content words, or shorter than ``k``).

        The core is the candidate without the function words at its edges.
        """
        gram = self.grams[k]
        first = next((i for i, w in enumerate(gram) if w not in self.words), len(gram))
        last = next((i for i in range(len(gram) - 1, -1, -1) if gram[i] not in self.words), -1)
        core = f" {' '.join(gram[first:last + 1])} "
        return last >= first and any(j != k and core in other and not self.nested(j)
                                     and (self.bounded[j] or self.lengths[j] < self.lengths[k])
                                     for j, other in enumerate(self.padded))


def promote_formulae(candidates: pd.DataFrame, *, family: str = "discovered", label: str = "Discovered formulae",
                     lexicon: Lexicon | bool | None = None) -> Lexicon:
    """Turn discovered candidates into a lexicon family (one variant each), added to a lexicon.

    Write it out with ``toolkit.io.write_text(lexicon.to_yaml(), path)``.

    Parameters
    ----------
    candidates : pandas.DataFrame
        Rows of :func:`discover_formulae` (``ngram`` used; ``example_text``
        of the first row, if present, becomes the family's example).
    family : str, default "discovered"
        The new family's id (and the prefix of its formulae's ids).
    label : str, default "Discovered formulae"
        The new family's label.
    lexicon : Lexicon, None or False, default None
        The lexicon the family is added to: None is the default lexicon
        (:func:`toolkit.formulae.lexicon.default_lexicon`); ``False`` is none,
        and the result holds the new family alone (as for the share of
        discovered formulae, :func:`toolkit.analysis.formulaicity.formulaicity`).

    Returns
    -------
    Lexicon
        ``lexicon`` and the new family after its families, or the new family
        alone (named ``family``) with ``lexicon=False``.

    Examples
    --------
    >>> table = pd.DataFrame({"ngram": ["in all its forms and manifestations"], "example_text": ["x"]})
    >>> promote_formulae(table, lexicon=False).formulae[0].id
    'discovered/in_all_its_forms_and_manifestations'
    >>> promote_formulae(table).families[-1].id, promote_formulae(table).families[0].id  # after the default's
    ('discovered', 'all_forms')
    """
    check_table(candidates, "candidates", owner="promote_formulae", columns=("ngram",))
    check_parameter(candidates, "candidates", owner="promote_formulae", ok=not candidates.empty,
                    expected="a table of at least one candidate", got="an empty table")
    base = resolve_lexicon(lexicon, owner="promote_formulae")
    formulae = []
    for ngram in candidates["ngram"]:
        variant = "_".join(ngram.split())[:60]
        formulae.append(Formula(f"{family}/{variant}", family, variant, (compile_pattern(ngram),)))
    first = candidates["ngram"].iloc[0]
    example = candidates["example_text"].iloc[0] if "example_text" in candidates else None
    promoted = Lexicon([Family(family, label, first, tuple(formulae), example)], name=family)
    return promoted if base is None else base + promoted
