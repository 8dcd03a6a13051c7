"""Parallel and distributed back ends: the same results as the single-process functions, faster.

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
* :func:`find_matches_dask` sends the batches to a Dask cluster as a
  ``dask.bag`` (one partition per batch): an existing cluster when given a
  scheduler address, else a temporary local one. The client reads the
  files or archive members, so workers need no shared file system. ``dask``
  is imported only here, and only when this function runs (``pip install
  condemnation-toolkit[dask]``).
"""

from __future__ import annotations

import os
import warnings
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, Sequence

import numpy as np
import pandas as pd

from .corpus import Corpus, Document
from .discover import TokenizedCorpus, discover_formulae, tokenize_corpus
from .errors import ParameterError
from .kwic import KWIC_COLUMNS, kwic
from .lexicon import Lexicon
from .match import MATCH_COLUMNS, STATEMENT_COLUMNS, Matcher, Matches, _typed, find_matches, formula_table

__all__ = ["BATCH_CHARACTERS", "default_jobs", "discover_parallel", "find_matches_dask", "find_matches_parallel",
           "kwic_parallel", "tokenize_parallel"]

#: Characters of text per batch sent to a worker.
BATCH_CHARACTERS = 2_000_000
_BATCH_DOCUMENTS = 512


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _check_jobs(jobs: int | None, owner: str) -> int:
    if jobs is None:
        return default_jobs()
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ParameterError(f"The 'jobs' parameter of {owner} must be an int >= 1. Got {jobs!r} instead.")
    return jobs


def _documents(corpus, owner: str) -> Iterable[Document]:
    if isinstance(corpus, (str, Document)):
        raise ParameterError(f"The 'corpus' parameter of {owner} must be a Corpus or an iterable of Document. "
                             f"Got a single {type(corpus).__name__} instead.")
    return corpus


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


def _progress(iterable, progress: bool | None, description: str):
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


def _assemble(parts: Iterable[tuple[pd.DataFrame, pd.DataFrame]], lexicon: Lexicon, skipped) -> Matches:
    tables, statements = [], []
    for table, statement_table in parts:
        if len(table):
            tables.append(table)
        statements.append(statement_table)
    table = _typed(pd.concat(tables, ignore_index=True)) if tables else \
        _typed(pd.DataFrame(columns=MATCH_COLUMNS))
    statement_table = _typed(pd.concat(statements, ignore_index=True)) if statements else \
        _typed(pd.DataFrame(columns=STATEMENT_COLUMNS))
    return Matches(table, statement_table, formula_table(lexicon), tuple(skipped))


def find_matches_parallel(corpus: Corpus | Iterable[Document], lexicon: Lexicon, *, jobs: int | None = None,
                          dehyphenate: bool = False, progress: bool | None = False) -> Matches:
    """:func:`toolkit.match.find_matches` in ``jobs`` processes (default: every core); the same Matches.

    Examples
    --------
    >>> from toolkit.corpus import Corpus
    >>> from toolkit.lexicon import Lexicon
    >>> corpus = Corpus.from_texts(["We condemn it.", "They condemned it."])
    >>> lexicon = Lexicon.from_phrases(["condemn*"])
    >>> find_matches_parallel(corpus, lexicon, jobs=2).table.equals(find_matches(corpus, lexicon).table)
    True
    """
    jobs = _check_jobs(jobs, "find_matches_parallel")
    if not isinstance(lexicon, Lexicon):
        raise ParameterError(f"The 'lexicon' parameter of find_matches_parallel must be a Lexicon. "
                             f"Got {type(lexicon).__name__} instead.")
    documents = _documents(corpus, "find_matches_parallel")
    parts = _ordered_map(_match_batch, _progress(batches(documents), progress, "matching"), jobs=jobs,
                         initargs=(lexicon, dehyphenate))
    collected = list(parts)
    return _assemble(collected, lexicon, getattr(documents, "skipped", ()))


def kwic_parallel(corpus: Corpus | Iterable[Document], lexicon: Lexicon, *, formulas: Sequence[str] | None = None,
                  window: int = 5, unit: str = "tokens", jobs: int | None = None, dehyphenate: bool = False,
                  progress: bool | None = False) -> pd.DataFrame:
    """Every hit in context, as :func:`toolkit.kwic.kwic` gives it, with documents streamed through ``jobs`` processes.

    ``formulas`` keeps only those formula or family ids. Only the batch
    being worked on is held in memory, so the corpus may be larger than RAM.
    """
    jobs = _check_jobs(jobs, "kwic_parallel")
    documents = _documents(corpus, "kwic_parallel")
    formulas = tuple(formulas) if formulas else None
    work = ((batch, formulas, window, unit) for batch in _progress(batches(documents), progress, "kwic"))
    frames = [frame for frame in _ordered_map(_kwic_batch, work, jobs=jobs, initargs=(lexicon, dehyphenate))
              if len(frame)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=KWIC_COLUMNS)


def tokenize_parallel(corpus: Corpus | Iterable[Document], *, jobs: int | None = None,
                      progress: bool | None = False) -> TokenizedCorpus:
    """:func:`toolkit.discover.tokenize_corpus` in ``jobs`` processes; the vocabularies are merged in order.

    A word's id is its rank of first appearance in the corpus, as in the
    single-process function, so the result is the same.
    """
    jobs = _check_jobs(jobs, "tokenize_parallel")
    documents = _documents(corpus, "tokenize_parallel")
    vocabulary: dict[str, int] = {}
    merged = TokenizedCorpus([], [], [], [], [], None, [], [], [])
    offsets, overlapping, frames = [], [], []
    for part in _ordered_map(_tokenize_batch, _progress(batches(documents), progress, "tokenising"), jobs=jobs,
                             initargs=(None, False)):
        get = vocabulary.setdefault
        remap = np.fromiter((get(w, len(vocabulary)) for w in part.vocabulary), dtype=np.int64,
                            count=len(part.vocabulary))
        merged.ids.extend(remap[ids] for ids in part.ids)
        merged.sentences.extend(part.sentences)
        merged.starts.extend(part.starts)
        merged.ends.extend(part.ends)
        merged.texts.extend(part.texts)
        offsets.append(part.offsets)
        overlapping.append(part.overlapping)
        frames.append(part.statements)
    merged.vocabulary = list(vocabulary)
    statements = pd.concat(frames, ignore_index=True) if frames else \
        pd.DataFrame(columns=["statement_id", "doc_id", "actor", "actor_id", "year", "n_tokens"])
    statements["year"] = statements["year"].astype("Int64")
    merged.statements = statements
    merged.offsets = np.concatenate(offsets) if offsets else np.empty(0, dtype=np.int64)
    merged.overlapping = np.concatenate(overlapping) if overlapping else np.empty(0, dtype=bool)
    return merged


def discover_parallel(corpus: Corpus | Iterable[Document], *, jobs: int | None = None,
                      progress: bool | None = False, **options) -> pd.DataFrame:
    """:func:`toolkit.discover.discover_formulae` with the corpus tokenised in ``jobs`` processes.

    The counting of n-grams that follows runs in this process, on numpy
    arrays; ``options`` are those of :func:`discover_formulae`.
    """
    return discover_formulae(tokenize_parallel(corpus, jobs=jobs, progress=progress), **options)


# ---------------------------------------------------------------------------
# Dask
# ---------------------------------------------------------------------------
def _match_partition(partition: list, lexicon: Lexicon, dehyphenate: bool) -> list:
    matcher = Matcher(lexicon, dehyphenate=dehyphenate)
    out = []
    for batch in partition:
        found = find_matches(batch, matcher)
        out.append((found.table, found.statements))
    return out


def find_matches_dask(corpus: Corpus | Iterable[Document], lexicon: Lexicon, *, scheduler: str | None = None,
                      dehyphenate: bool = False, n_workers: int | None = None,
                      progress: bool | None = False) -> Matches:
    """:func:`toolkit.match.find_matches` on a Dask cluster, through a ``dask.bag`` of document batches.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        Read here, by the client (a file, folder, table or archive stream
        from :func:`toolkit.io.iter_corpus`); batches of documents are sent
        to the workers.
    lexicon : Lexicon
    scheduler : str, optional
        The address of a running Dask scheduler (``tcp://host:8786``); by
        default a temporary local cluster of ``n_workers`` processes is
        started and closed again.
    n_workers : int, optional
        For the temporary local cluster; default every core.

    Returns
    -------
    Matches
        The same as :func:`find_matches` gives, row for row.
    """
    try:
        import dask.bag as db
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - the extra is installed by make
        raise ParameterError("the Dask back end needs dask: pip install 'condemnation-toolkit[dask]'") from None
    if not isinstance(lexicon, Lexicon):
        raise ParameterError(f"The 'lexicon' parameter of find_matches_dask must be a Lexicon. "
                             f"Got {type(lexicon).__name__} instead.")
    documents = _documents(corpus, "find_matches_dask")
    work = list(batches(_progress(documents, progress, "reading")))
    skipped = getattr(documents, "skipped", ())
    if not work:
        return _assemble([], lexicon, skipped)
    cluster = None
    try:
        if scheduler:
            try:
                client = Client(scheduler, timeout="10s")
            except OSError as exc:
                raise ParameterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        else:
            cluster = LocalCluster(n_workers=n_workers or default_jobs(), threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        with client, warnings.catch_warnings():
            # The documents travel inside the task graph by design (the client reads them); dask warns about it.
            warnings.filterwarnings("ignore", message="Sending large graph", category=UserWarning)
            bag = db.from_sequence(work, npartitions=len(work))
            parts = bag.map_partitions(_match_partition, lexicon, dehyphenate).compute(scheduler=client)
    finally:
        if cluster is not None:
            cluster.close()
    return _assemble(parts, lexicon, skipped)
