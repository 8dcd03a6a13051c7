"""Local process pools: the same results as the single-process functions, faster.

Documents are read by one process (the reader streams them, so memory stays
bounded), cut into batches of about :data:`BATCH_CHARACTERS` characters,
and each batch is matched (or tokenised) by a worker. Results come back in
the order the batches were sent and are concatenated, so every table is
identical to the one the single-process function gives; only the time
differs.

* :func:`find_matches_parallel`, :func:`kwic_parallel` and
  :func:`tokenize_parallel` (used by :func:`discover_parallel`) use a pool
  of ``jobs`` local processes, with at most two batches per process in
  flight.
* :func:`toolkit.backends.dask.find_matches_dask` sends the same batches to
  a Dask cluster.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

import pandas as pd

from ..analysis.discover import discover_formulae
from ..formulae.kwic import KWIC_COLUMNS, kwic
from ..formulae.lexicon import Lexicon
from ..formulae.match import MATCH_COLUMNS, STATEMENT_COLUMNS, Matcher, Matches, find_matches, formula_table, typed
from ..text.corpus import Corpus, Document
from ..text.tokenized import TokenizedCorpus, tokenize_corpus
from ..validation import check_corpus, check_jobs, check_parameter

__all__ = ["BATCH_CHARACTERS", "assemble", "batches", "default_jobs", "discover_parallel", "find_matches_parallel",
           "kwic_parallel", "progress_bar", "tokenize_parallel"]

#: Characters of text per batch sent to a worker.
BATCH_CHARACTERS = 2_000_000
_BATCH_DOCUMENTS = 512


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _jobs(jobs: int | None, owner: str) -> int:
    checked = check_jobs(jobs, owner)
    return default_jobs() if checked is None else checked


def batches(documents: Iterable[Document], *, characters: int = BATCH_CHARACTERS) -> Iterator[list[Document]]:
    """Consecutive documents in lists of about ``characters`` characters (at least one document each)."""
    batch: list[Document] = []
    size = 0
    for doc in documents:
        batch.append(doc)
        size += len(doc.text)
        if size >= characters or len(batch) >= _BATCH_DOCUMENTS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def progress_bar(iterable, progress: bool | None, description: str):
    """``iterable`` with a text progress bar on stderr (None: only when stderr is a terminal)."""
    from tqdm import tqdm  # the text bar: tqdm.auto would want ipywidgets in notebooks

    # None: a bar only when stderr is a terminal (tqdm's own rule).
    return tqdm(iterable, desc=description, unit=" batches", disable=None if progress is None else not progress,
                mininterval=1.0)


# ---------------------------------------------------------------------------
# The worker side: one matcher per process, built once from the pickled lexicon
# ---------------------------------------------------------------------------
_WORKER: dict = {}


def _start_worker(lexicon: Lexicon | None, dehyphenate: bool) -> None:
    _WORKER["matcher"] = Matcher(lexicon, dehyphenate=dehyphenate) if lexicon is not None else None


def _match_batch(batch: list[Document]) -> tuple[pd.DataFrame, pd.DataFrame]:
    found = find_matches(batch, _WORKER["matcher"])
    return found.table, found.statements


def _kwic_batch(job: tuple[list[Document], tuple[str, ...] | None, int, str]) -> pd.DataFrame:
    batch, formulas, window, unit = job
    found = find_matches(batch, _WORKER["matcher"])
    if formulas:
        found = found.select(formulas)
    return kwic(found, batch, window=window, unit=unit)


def _tokenize_batch(batch: list[Document]) -> TokenizedCorpus:
    return tokenize_corpus(batch)


def _ordered_map(work: Callable, jobs_in: Iterable, *, jobs: int, initargs: tuple) -> Iterator:
    """``map(work, jobs_in)`` over a pool of ``jobs`` processes, in order, at most 2 * jobs tasks in flight."""
    if jobs == 1:
        _start_worker(*initargs)
        for item in jobs_in:
            yield work(item)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=initargs) as pool:
        pending = []
        for item in jobs_in:
            pending.append(pool.submit(work, item))
            if len(pending) >= 2 * jobs:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()


def assemble(parts: Iterable[tuple[pd.DataFrame, pd.DataFrame]], lexicon: Lexicon, skipped) -> Matches:
    """One Matches from the (hits, statements) tables of consecutive batches."""
    tables, statements = [], []
    for table, statement_table in parts:
        if len(table):
            tables.append(table)
        statements.append(statement_table)
    table = typed(pd.concat(tables, ignore_index=True)) if tables else \
        typed(pd.DataFrame(columns=MATCH_COLUMNS))
    statement_table = typed(pd.concat(statements, ignore_index=True)) if statements else \
        typed(pd.DataFrame(columns=STATEMENT_COLUMNS))
    return Matches(table, statement_table, formula_table(lexicon), tuple(skipped))


def find_matches_parallel(corpus: Corpus | Iterable[Document], lexicon: Lexicon, *, jobs: int | None = None,
                          dehyphenate: bool = False, progress: bool | None = False) -> Matches:
    """:func:`toolkit.formulae.match.find_matches` in ``jobs`` processes (default: every core); the same Matches.

    Examples
    --------
    >>> from toolkit import Corpus, Lexicon, find_matches
    >>> corpus = Corpus.from_texts(["We condemn it.", "They condemned it."])
    >>> lexicon = Lexicon.from_phrases(["condemn*"])
    >>> find_matches_parallel(corpus, lexicon, jobs=2).table.equals(find_matches(corpus, lexicon).table)
    True
    """
    jobs = _jobs(jobs, "find_matches_parallel")
    check_parameter("lexicon", type(lexicon).__name__, "find_matches_parallel", "a Lexicon",
                    isinstance(lexicon, Lexicon))
    documents = check_corpus(corpus, "find_matches_parallel")
    parts = _ordered_map(_match_batch, progress_bar(batches(documents), progress, "matching"), jobs=jobs,
                         initargs=(lexicon, dehyphenate))
    collected = list(parts)
    return assemble(collected, lexicon, getattr(documents, "skipped", ()))


def kwic_parallel(corpus: Corpus | Iterable[Document], lexicon: Lexicon, *, formulas: Sequence[str] | None = None,
                  window: int = 5, unit: str = "tokens", jobs: int | None = None, dehyphenate: bool = False,
                  progress: bool | None = False) -> pd.DataFrame:
    """Every hit in context, as :func:`toolkit.formulae.kwic.kwic` gives it, through ``jobs`` processes.

    ``formulas`` keeps only those formula or family ids. Only the batch
    being worked on is held in memory, so the corpus may be larger than RAM.
    """
    jobs = _jobs(jobs, "kwic_parallel")
    documents = check_corpus(corpus, "kwic_parallel")
    check_parameter("lexicon", type(lexicon).__name__, "kwic_parallel", "a Lexicon", isinstance(lexicon, Lexicon))
    formulas = tuple(formulas) if formulas else None
    work = ((batch, formulas, window, unit) for batch in progress_bar(batches(documents), progress, "kwic"))
    frames = [frame for frame in _ordered_map(_kwic_batch, work, jobs=jobs, initargs=(lexicon, dehyphenate))
              if len(frame)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=KWIC_COLUMNS)


def tokenize_parallel(corpus: Corpus | Iterable[Document], *, jobs: int | None = None,
                      progress: bool | None = False) -> TokenizedCorpus:
    """:func:`toolkit.text.tokenized.tokenize_corpus` in ``jobs`` processes; the vocabularies are merged in order.

    A word's id is its rank of first appearance in the corpus, as in the
    single-process function, so the result is the same.
    """
    jobs = _jobs(jobs, "tokenize_parallel")
    documents = check_corpus(corpus, "tokenize_parallel")
    parts = _ordered_map(_tokenize_batch, progress_bar(batches(documents), progress, "tokenising"), jobs=jobs,
                         initargs=(None, False))
    return TokenizedCorpus.concat(parts)


def discover_parallel(corpus: Corpus | Iterable[Document], *, jobs: int | None = None,
                      progress: bool | None = False, **options) -> pd.DataFrame:
    """:func:`toolkit.analysis.discover.discover_formulae` with the corpus tokenised in ``jobs`` processes.

    The counting of n-grams that follows runs in this process, on numpy
    arrays; ``options`` are those of :func:`discover_formulae`.
    """
    return discover_formulae(tokenize_parallel(corpus, jobs=jobs, progress=progress), **options)
