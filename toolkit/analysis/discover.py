"""Discovery of recurring formulae: word n-grams that many actors repeat.

Formulaic language is the object here, not noise: n-grams are counted with
their stopwords, including at their edges ("in all its forms"), and ranked by
*range*, the number of distinct actors (and statements) that use them, since
a formula is what many speakers repeat, not what one speaker says often.

The method, in numbers rather than loops: every statement's tokens
(:mod:`toolkit.text.tokens`, :mod:`toolkit.text.tokenized`) become integer ids; each n-gram (3 to 8 tokens, never
across a sentence end) becomes a 64-bit rolling hash; frequencies, statement
ranges and actor ranges are counted with ``numpy.unique``. Candidates that
pass the thresholds get their text back from their first occurrence (first
by year where years exist), nested candidates are merged into maximal ones
(a shorter n-gram is absorbed when a longer candidate containing it accounts
for at least ``absorb`` of its occurrences), and 3-grams get NLTK's
likelihood-ratio association score (Dunning 1993) from their unigram,
bigram and skip-bigram counts.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..formulae.lexicon import Family, Formula, Lexicon
from ..formulae.match import Matcher
from ..formulae.pattern import compile_pattern
from ..text.corpus import Corpus, Document
from ..text.tokenized import TokenizedCorpus, tokenize_corpus
from ..validation import check_int, check_number, check_parameter, check_table

__all__ = ["DISCOVERY_COLUMNS", "discover_formulae", "promote_formulae"]

DISCOVERY_COLUMNS = ["ngram", "n", "frequency", "n_statements", "n_actors", "cohesion", "first_year", "first_actor",
                     "absorbed", "association", "in_lexicon", "lexicon_formula", "example_statement",
                     "example_start", "example_end", "example_text"]
_PRIME = np.uint64(1_000_003)


def _all_hashes(ids: np.ndarray, n: int) -> np.ndarray:
    """Rolling hashes of every n-gram of a run of token ids (position i: tokens i to i + n - 1)."""
    h = np.zeros(max(len(ids) - n + 1, 0), dtype=np.uint64)
    values = ids.astype(np.uint64) + np.uint64(1)
    with np.errstate(over="ignore"):
        for k in range(n):
            h = h * _PRIME + values[k:len(ids) - n + 1 + k]
    return h


def _hashes(ids: np.ndarray, sentence: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Rolling hashes of the n-grams of one statement that stay inside a sentence, and their positions."""
    if len(ids) < n:
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)
    keep = np.flatnonzero(sentence[: len(ids) - n + 1] == sentence[n - 1:])
    return _all_hashes(ids, n)[keep], keep


def _actor_codes(statements: pd.DataFrame) -> np.ndarray:
    key = statements["actor_id"].where(statements["actor_id"].notna(), statements["actor"])
    codes, _ = pd.factorize(key, use_na_sentinel=True)
    return codes


def _count(tc: TokenizedCorpus, n: int, actor_codes: np.ndarray) -> dict[str, np.ndarray]:
    """For every n-gram hash: frequency, statement range, actor range, and its (n-1)-token prefix and suffix.

    Where statements of a document overlap, an n-gram at one place in the
    document is one occurrence however many statements share it.
    """
    all_hashes, prefixes, suffixes, per_statement = [], [], [], []
    per_actor: dict[int, list[np.ndarray]] = {}
    overlapping = tc.overlapping
    doc_codes = pd.factorize(tc.statements["doc_id"])[0] if overlapping.any() else None
    seen: set[tuple[int, int]] = set()
    for k, (ids, sentence) in enumerate(zip(tc.ids, tc.sentences)):
        h, positions = _hashes(ids, sentence, n)
        if h.size == 0:
            continue
        shorter = _all_hashes(ids, n - 1)
        if overlapping[k] and doc_codes is not None:
            places = (tc.offsets[k] + tc.starts[k][positions]).tolist()
            new = [(int(doc_codes[k]), p) not in seen for p in places]
            seen.update((int(doc_codes[k]), p) for p in places)
            occurrence = np.flatnonzero(new)
        else:
            occurrence = np.arange(h.size)
        all_hashes.append(h[occurrence])
        prefixes.append(shorter[positions][occurrence])
        suffixes.append(shorter[positions + 1][occurrence])
        unique = np.unique(h)
        per_statement.append(unique)
        if actor_codes[k] >= 0:
            per_actor.setdefault(int(actor_codes[k]), []).append(unique)
    if not all_hashes:
        empty = np.empty(0, dtype=np.int64)
        return {"keys": np.empty(0, dtype=np.uint64), "frequency": empty, "n_statements": empty, "n_actors": empty,
                "prefix": np.empty(0, dtype=np.uint64), "suffix": np.empty(0, dtype=np.uint64)}
    keys, first, frequency = np.unique(np.concatenate(all_hashes), return_index=True, return_counts=True)
    del all_hashes
    prefix = np.concatenate(prefixes)[first]
    suffix = np.concatenate(suffixes)[first]
    del prefixes, suffixes
    _, n_statements = np.unique(np.concatenate(per_statement), return_counts=True)  # the same keys
    del per_statement
    n_actors = np.zeros(keys.size, dtype=np.int64)
    if per_actor:
        actor_level = np.concatenate([np.unique(np.concatenate(arrays)) for arrays in per_actor.values()])
        actor_keys, actor_counts = np.unique(actor_level, return_counts=True)
        n_actors[np.searchsorted(keys, actor_keys)] = actor_counts
    return {"keys": keys, "frequency": frequency, "n_statements": n_statements, "n_actors": n_actors,
            "prefix": prefix, "suffix": suffix}


def _frequency_of(keys: np.ndarray, frequency: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    at = np.clip(np.searchsorted(keys, wanted), 0, max(keys.size - 1, 0))
    found = keys.size > 0
    return np.where(found & (keys[at] == wanted), frequency[at], 0) if found else np.zeros(wanted.size, np.int64)


def _pair_counts(ids: list[np.ndarray], gap: int, size: int, wanted: set[tuple[int, int]]) -> dict:
    """How often each wanted pair (a, b) occurs with b ``gap`` tokens after a."""
    keys = np.concatenate([x[:-gap] * size + x[gap:] for x in ids if x.size > gap] or [np.empty(0, np.int64)])
    want = np.fromiter((a * size + b for a, b in wanted), dtype=np.int64, count=len(wanted))
    found, counts = np.unique(keys[np.isin(keys, want)], return_counts=True)
    return {(int(k) // size, int(k) % size): int(c) for k, c in zip(found, counts)}


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


def _likelihood_ratios(tc: TokenizedCorpus, grams: list[tuple[int, int, int, int]]) -> list[float]:
    """NLTK's trigram likelihood ratio (Dunning 1993) for each (id, id, id, frequency) 3-gram.

    The marginals are the unigram, bigram and skip-bigram counts of the
    corpus; the contingency cells derived from them are clipped at zero
    (:func:`_trigram_cells`) and NLTK's public
    ``TrigramAssocMeasures.likelihood_ratio`` scores the consistent marginals.
    """
    from nltk.metrics.association import TrigramAssocMeasures  # pure functions; no data needed

    ids = [x for x in tc.ids if x.size]
    if not ids:
        return [float("nan")] * len(grams)
    size = len(tc.vocabulary)
    unigrams = np.bincount(np.concatenate(ids), minlength=size)
    total = int(unigrams.sum())
    bigrams = _pair_counts(ids, 1, size, {(a, b) for a, b, _, _ in grams} | {(b, c) for _, b, c, _ in grams})
    skips = _pair_counts(ids, 2, size, {(a, c) for a, _, c, _ in grams})
    scores = []
    for a, b, c, count in grams:
        cells = _trigram_cells(count, (bigrams.get((a, b), 0), skips.get((a, c), 0), bigrams.get((b, c), 0)),
                               (int(unigrams[a]), int(unigrams[b]), int(unigrams[c])), total)
        scores.append(float(TrigramAssocMeasures.likelihood_ratio(*_trigram_marginals(cells))))
    return scores


def discover_formulae(corpus: Corpus | Iterable[Document] | TokenizedCorpus, *, min_n: int = 3, max_n: int = 8,
                      min_statements: int = 2, min_actors: int = 2, min_frequency: int = 2, top: int | None = 1000,
                      min_cohesion: float = 0.3, absorb: float = 0.9, lexicon: Lexicon | None = None
                      ) -> pd.DataFrame:
    """Recurring word n-grams, ranked by how many actors use them.

    Parameters
    ----------
    corpus : Corpus, iterable of Document, or TokenizedCorpus
    min_n, max_n : int, default 3 and 8
        Lengths in tokens.
    min_statements, min_actors, min_frequency : int
        Thresholds on range (distinct statements, distinct actors) and
        frequency. Statements without an actor count for no actor; set
        ``min_actors=0`` for a corpus without actors.
    top : int or None, default 1000
        Keep the best ``top`` candidates of each length before merging
        (``None``: all).
    min_cohesion : float, default 0.3
        The least share of the occurrences of its more frequent (n-1)-token
        part (prefix or suffix) that an n-gram must account for: fixed
        formulae are cohesive ("in all its forms and manifestations" is most
        of "all its forms and manifestations"), free combinations are not
        ("of the united nations and the").
    absorb : float, default 0.9
        A candidate is merged into a longer candidate containing it when the
        longer one accounts for at least this share of its occurrences.
    lexicon : Lexicon, optional
        Mark candidates a formula of this lexicon already matches.

    Returns
    -------
    pandas.DataFrame
        :data:`DISCOVERY_COLUMNS`, one row per maximal candidate, sorted by
        actor range, statement range, length and frequency (descending),
        then text.
    """
    owner = "discover_formulae"
    check_int(min_n, "min_n", owner, low=2)
    check_int(max_n, "max_n", owner, low=min_n)
    check_int(min_statements, "min_statements", owner, low=1)
    check_int(min_actors, "min_actors", owner, low=0)
    check_int(min_frequency, "min_frequency", owner, low=1)
    check_int(top, "top", owner, low=1, allow_none=True)
    check_number(min_cohesion, "min_cohesion", owner, low=0, high=1)
    check_number(absorb, "absorb", owner, low=0, high=1, low_open=True)
    check_parameter("lexicon", type(lexicon).__name__, owner, "a Lexicon or None",
                    lexicon is None or isinstance(lexicon, Lexicon))
    tc = corpus if isinstance(corpus, TokenizedCorpus) else tokenize_corpus(corpus)
    actor_codes = _actor_codes(tc.statements)
    years = tc.statements["year"].to_numpy(dtype=float, na_value=np.inf)
    order = np.lexsort((np.arange(len(years)), years))  # statements by year, then corpus order
    candidates: dict[int, dict[int, dict]] = {}
    shorter = _count(tc, min_n - 1, actor_codes)
    for n in range(min_n, max_n + 1):
        counted = _count(tc, n, actor_codes)
        keys, frequency = counted["keys"], counted["frequency"]
        n_statements, n_actors = counted["n_statements"], counted["n_actors"]
        # cohesion: the share of its more frequent (n-1)-token part's occurrences the n-gram accounts for
        parts = np.maximum(_frequency_of(shorter["keys"], shorter["frequency"], counted["prefix"]),
                           _frequency_of(shorter["keys"], shorter["frequency"], counted["suffix"]))
        cohesion = frequency / np.maximum(parts, 1)
        keep = (frequency >= min_frequency) & (n_statements >= min_statements) & (n_actors >= min_actors) & \
               (cohesion >= min_cohesion)
        chosen = np.flatnonzero(keep)
        if top is not None and chosen.size > top:
            rank = np.lexsort((-frequency[chosen], -n_statements[chosen], -n_actors[chosen]))
            chosen = chosen[rank[:top]]
        candidates[n] = {int(keys[k]): {"frequency": int(frequency[k]), "n_statements": int(n_statements[k]),
                                        "n_actors": int(n_actors[k]), "cohesion": float(cohesion[k])}
                         for k in chosen}
        shorter = counted
    _first_occurrences(tc, candidates, order)
    rows = _merge(candidates, absorb, min_n)
    if not rows:
        return pd.DataFrame(columns=DISCOVERY_COLUMNS)
    three = [(r["ids"][0], r["ids"][1], r["ids"][2], r["frequency"]) for r in rows if r["n"] == 3]
    scores = dict(zip([g[:3] for g in three], _likelihood_ratios(tc, three))) if three else {}
    table = []
    for r in rows:
        table.append({
            "ngram": " ".join(tc.vocabulary[i] for i in r["ids"]), "n": r["n"], "frequency": r["frequency"],
            "n_statements": r["n_statements"], "n_actors": r["n_actors"], "cohesion": r["cohesion"],
            "first_year": r["first_year"],
            "first_actor": r["first_actor"], "absorbed": r["absorbed"],
            "association": scores.get(tuple(r["ids"][:3])) if r["n"] == 3 else np.nan,
            "example_statement": r["statement_id"], "example_start": r["start"], "example_end": r["end"],
            "example_text": r["text"],
        })
    frame = pd.DataFrame(table)
    frame["lexicon_formula"] = _in_lexicon(frame["ngram"], lexicon)
    frame["in_lexicon"] = frame["lexicon_formula"].notna()
    frame["first_year"] = frame["first_year"].astype("Int64")
    frame = frame.sort_values(["n_actors", "n_statements", "n", "frequency", "ngram"],
                              ascending=[False, False, False, False, True], kind="stable")
    return frame[DISCOVERY_COLUMNS].reset_index(drop=True)


def _first_occurrences(tc: TokenizedCorpus, candidates: dict[int, dict[int, dict]], order: np.ndarray) -> None:
    """Fill each candidate with its token ids and its first occurrence (by year, then corpus order)."""
    for n, found in candidates.items():
        missing = set(found)
        if not missing:
            continue
        wanted = np.fromiter(missing, dtype=np.uint64, count=len(missing))
        for k in order:
            h, positions = _hashes(tc.ids[k], tc.sentences[k], n)
            if h.size == 0:
                continue
            keys, first = np.unique(h, return_index=True)  # each n-gram's first position in the statement
            new = np.isin(keys, wanted)
            if not new.any():
                continue
            row = tc.statements.iloc[k]
            for key, j in zip(keys[new].tolist(), first[new].tolist()):
                missing.discard(key)
                p = int(positions[j])
                start, end = int(tc.starts[k][p]), int(tc.ends[k][p + n - 1])
                actor = row["actor_id"] if isinstance(row["actor_id"], str) else row["actor"]
                found[key].update(ids=tuple(tc.ids[k][p:p + n].tolist()), statement_id=row["statement_id"],
                                  start=start, end=end, text=tc.texts[k][start:end],
                                  first_year=None if pd.isna(row["year"]) else int(row["year"]),
                                  first_actor=actor if isinstance(actor, str) else None)
            if not missing:
                break
            wanted = np.fromiter(missing, dtype=np.uint64, count=len(missing))


def _merge(candidates: dict[int, dict[int, dict]], absorb: float, min_n: int) -> list[dict]:
    """Merge nested candidates into maximal ones; count what each absorbed."""
    by_ids = {}
    for n, found in candidates.items():
        for info in found.values():
            by_ids[info["ids"]] = dict(info, n=n, absorbed=0, into=None)
    for ids in sorted(by_ids, key=len, reverse=True):  # longest first
        info = by_ids[ids]
        for sub in (ids[:-1], ids[1:]):
            if len(sub) < min_n or sub not in by_ids:
                continue
            shorter = by_ids[sub]
            if shorter["into"] is None and info["frequency"] >= absorb * shorter["frequency"]:
                shorter["into"] = ids
    # Credit each absorbed candidate to the maximal one it ends up in.
    for info in by_ids.values():
        target = info["into"]
        if target is None:
            continue
        while by_ids[target]["into"] is not None:
            target = by_ids[target]["into"]
        by_ids[target]["absorbed"] += 1
    return [info for info in by_ids.values() if info["into"] is None]


def _in_lexicon(ngrams: pd.Series, lexicon: Lexicon | None) -> list:
    """The lexicon formula that matches at least half of each candidate's tokens, if any."""
    if lexicon is None:
        return [None] * len(ngrams)
    matcher = Matcher(lexicon)
    found: list[str | None] = []
    for text in ngrams:
        tokens = text.split()
        hits = matcher.match_tokens(tokens)
        best = max(hits, key=lambda h: h[2] - h[1], default=None)
        if best is not None and (best[2] - best[1]) * 2 >= len(tokens):
            found.append(lexicon.formulas[best[0]].id)
        else:
            found.append(None)
    return found


def promote_formulae(candidates: pd.DataFrame, *, family: str = "discovered", label: str = "Discovered formulae",
                     lexicon: Lexicon | None = None) -> Lexicon:
    """Turn discovered candidates into a lexicon family (one variant each), optionally added to ``lexicon``.

    Write it out with ``toolkit.io.write_text(lexicon.to_yaml(), path)``.

    Examples
    --------
    >>> table = pd.DataFrame({"ngram": ["in all its forms and manifestations"], "example_text": ["x"]})
    >>> promote_formulae(table).formulas[0].id
    'discovered/in_all_its_forms_and_manifestations'
    """
    check_table(candidates, "candidates", "promote_formulae", columns=("ngram",))
    if candidates.empty:
        raise ParameterError("The 'candidates' parameter of promote_formulae must hold at least one candidate. "
                             "Got an empty table instead.")
    formulas = []
    for ngram in candidates["ngram"]:
        variant = "_".join(ngram.split())[:60]
        formulas.append(Formula(f"{family}/{variant}", family, variant, (compile_pattern(ngram),)))
    first = candidates["ngram"].iloc[0]
    example = candidates["example_text"].iloc[0] if "example_text" in candidates else None
    promoted = Lexicon([Family(family, label, first, tuple(formulas), example)], name=family)
    return promoted if lexicon is None else lexicon + promoted
