"""Local process pools: the same results as the single-process functions, faster.

Documents are read by one process (the reader streams them, so memory stays
bounded), cut into batches of about :data:`BATCH_CHARACTERS` characters,
and each batch is matched (or tokenised) by a worker. Results come back in
the order the batches were sent and are concatenated, so every table is
identical to the one the single-process function gives; only the time
differs.

* :func:`find_matches_parallel`, :func:`kwic_parallel` and
  :func:`tokenize_parallel` use a pool of ``jobs`` local processes, with at
  most two batches per process in flight.
* :func:`discover_parallel` gives each of ``jobs`` processes a share of the
  documents (an actor's documents stay together), which it tokenises and
  counts; the n-gram counts of each length are summed here, the survivors
  decided and sent back (:mod:`toolkit.analysis.ngrams`).
* :func:`toolkit.backends.dask.find_matches_dask` and
  :func:`toolkit.backends.dask.discover_dask` do the same on a Dask cluster.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import pandas as pd

from ..analysis.discover import check_discovery_options, discover_formulae, discovery_table
from ..analysis.ngrams import Assigner, NgramPartition
from ..formulae.counts import count_matches, sum_counts
from ..formulae.kwic import KWIC_COLUMNS, kwic
from ..formulae.lexicon import Lexicon
from ..formulae.match import (
    MATCH_COLUMNS,
    STATEMENT_COLUMNS,
    Matcher,
    Matches,
    find_matches,
    formula_table,
    read_ahead,
    typed,
)
from ..text.corpus import Corpus, Document
from ..text.tokenized import TokenizedCorpus, tokenize_corpus
from ..validation import check_by, check_corpus, check_jobs, check_level, check_parameter

__all__ = ["BATCH_CHARACTERS", "WorkerPartitions", "assemble", "batches", "count_parallel", "default_jobs",
           "discover_parallel",
           "find_matches_parallel", "kwic_parallel", "progress_bar", "tokenize_parallel"]

#: Characters of text per batch sent to a worker.
BATCH_CHARACTERS = 2_000_000
# Count tables of batches summed at once by count_parallel.
_SUM_EVERY = 16
_BATCH_DOCUMENTS = 512


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _jobs(jobs: int | None, owner: str) -> int:
    """``jobs`` checked; None means one process (see the README's "Speed": two measured under 1.6x)."""
    checked = check_jobs(jobs, owner=owner)
    return 1 if checked is None else checked


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


def progress_bar(iterable, progress: bool | None, description: str, unit: str = " batches"):
    """``iterable`` with a text progress bar on stderr (None: only when stderr is a terminal)."""
    from tqdm import tqdm  # the text bar: tqdm.auto would want ipywidgets in notebooks

    # None: a bar only when stderr is a terminal (tqdm's own rule).
    return tqdm(iterable, desc=description, unit=unit, disable=None if progress is None else not progress,
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


def _count_batch(job: tuple[list[Document], list[str], str]) -> pd.DataFrame:
    batch, keys, level = job
    return count_matches(find_matches(batch, _WORKER["matcher"]), by=keys, level=level, rates=False)


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
    """:func:`toolkit.formulae.match.find_matches` in ``jobs`` processes (default 1); the same Matches.

    Examples
    --------
    >>> from toolkit import Corpus, Lexicon, find_matches
    >>> corpus = Corpus.from_texts(["We condemn it.", "They condemned it."])
    >>> lexicon = Lexicon.from_phrases(["condemn*"])
    >>> find_matches_parallel(corpus, lexicon, jobs=2).table.equals(find_matches(corpus, lexicon).table)
    True
    """
    jobs = _jobs(jobs, "find_matches_parallel")
    check_parameter(type(lexicon).__name__, "lexicon", owner="find_matches_parallel", expected="a Lexicon",
                    ok=isinstance(lexicon, Lexicon))
    documents = check_corpus(corpus, owner="find_matches_parallel")
    if jobs == 1:  # in this process: find_matches reads ahead in a thread while it matches
        found = find_matches(progress_bar(documents, progress, "matching", unit=" documents"), lexicon,
                             dehyphenate=dehyphenate)
        skipped = tuple(getattr(documents, "skipped", ()))
        return Matches(found.table, found.statements, found.formulae, skipped) if skipped else found
    parts = _ordered_map(_match_batch, progress_bar(batches(documents), progress, "matching"), jobs=jobs,
                         initargs=(lexicon, dehyphenate))
    collected = list(parts)
    return assemble(collected, lexicon, getattr(documents, "skipped", ()))


def count_parallel(corpus: Corpus | Iterable[Document], lexicon: Lexicon, *, by: str | Sequence[str] = "doc",
                   level: str = "formula", rates: bool = True, jobs: int | None = None, dehyphenate: bool = False,
                   progress: bool | None = False) -> pd.DataFrame:
    """``count_matches(find_matches(corpus, lexicon), by=..., level=...)`` in memory that stays flat; the same table.

    Each batch of documents is matched and counted on its own (in ``jobs``
    processes; default 1) and the counts are summed as they come
    (:func:`toolkit.formulae.counts.sum_counts`): no table of hits is
    kept, so memory depends on the number of groups, not on the size of the
    corpus. This is what ``condemn count`` runs.

    Examples
    --------
    >>> from toolkit import Corpus, count_matches, find_matches
    >>> corpus = Corpus.from_texts(["We condemn it.", "They condemned it."])
    >>> lexicon = Lexicon.from_phrases(["condemn*"])
    >>> count_parallel(corpus, lexicon, by="doc").equals(count_matches(find_matches(corpus, lexicon), by="doc"))
    True
    """
    jobs = _jobs(jobs, "count_parallel")
    keys = check_by(by, owner="count_parallel")
    level = check_level(level, owner="count_parallel")
    check_parameter(type(lexicon).__name__, "lexicon", owner="count_parallel", expected="a Lexicon",
                    ok=isinstance(lexicon, Lexicon))
    documents = check_corpus(corpus, owner="count_parallel")
    # in one process, larger batches: fewer tables to build and sum, memory still bounded by the batch
    characters = BATCH_CHARACTERS if jobs > 1 else 10 * BATCH_CHARACTERS
    work: Iterator[tuple] = ((batch, keys, level) for batch in
                             progress_bar(batches(documents, characters=characters), progress, "counting"))
    if jobs == 1 and not isinstance(documents, (Corpus, list, tuple)):
        work = read_ahead(work)  # read and decompress in a thread while this one matches
    total: pd.DataFrame | None = None
    pending: list[pd.DataFrame] = []
    types: dict[str, Any] = {}  # the key columns keep the types count_matches gives them
    for part in _ordered_map(_count_batch, work, jobs=jobs, initargs=(lexicon, dehyphenate)):
        types = types or {key: part[key].dtype for key in keys}
        pending.append(part)
        if len(pending) >= _SUM_EVERY:
            total = sum_counts(pd.concat(([] if total is None else [total]) + pending, ignore_index=True),
                               by=keys, rates=False)
            pending = []
    if total is None and not pending:  # no document: the empty table count_matches gives
        return count_matches(find_matches([], lexicon), by=keys, level=level, rates=rates)
    counts = sum_counts(pd.concat(([] if total is None else [total]) + pending, ignore_index=True), by=keys,
                        rates=rates)
    return counts.astype(types)


def kwic_parallel(corpus: Corpus | Iterable[Document], lexicon: Lexicon, *, formulas: Sequence[str] | None = None,
                  window: int = 5, unit: str = "tokens", jobs: int | None = None, dehyphenate: bool = False,
                  progress: bool | None = False) -> pd.DataFrame:
    """Every hit in context, as :func:`toolkit.formulae.kwic.kwic` gives it, through ``jobs`` processes.

    ``formulas`` keeps only those formula or family ids. Only the batch
    being worked on is held in memory, so the corpus may be larger than RAM.
    """
    jobs = _jobs(jobs, "kwic_parallel")
    documents = check_corpus(corpus, owner="kwic_parallel")
    check_parameter(type(lexicon).__name__, "lexicon", owner="kwic_parallel", expected="a Lexicon",
                    ok=isinstance(lexicon, Lexicon))
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
    documents = check_corpus(corpus, owner="tokenize_parallel")
    parts = _ordered_map(_tokenize_batch, progress_bar(batches(documents), progress, "tokenising"), jobs=jobs,
                         initargs=(None, False))
    return TokenizedCorpus.concat(parts)


def discover_parallel(corpus: Corpus | Iterable[Document], *, jobs: int | None = None,
                      progress: bool | None = False, **options) -> pd.DataFrame:
    """:func:`toolkit.analysis.discover.discover_formulae` in ``jobs`` processes (default 1); the same table.

    Each process tokenises and counts a share of the documents (an actor's
    documents stay in one share, and the shares are about equal in
    characters); the counts of each n-gram length are summed in this
    process, which decides what survives and tells the workers. Only the
    worker processes hold token arrays. ``options`` are those of
    :func:`discover_formulae`.

    Examples
    --------
    >>> from toolkit import Corpus
    >>> texts = ["We condemn terrorism in all its forms.", "They condemn terrorism in all its forms!"]
    >>> found = discover_parallel(Corpus.from_texts(texts), jobs=2, min_actors=0)
    >>> found.equals(discover_formulae(Corpus.from_texts(texts), min_actors=0))
    True
    """
    jobs = _jobs(jobs, "discover_parallel")
    options = check_discovery_options(options, owner="discover_formulae")  # its options, its messages
    documents = check_corpus(corpus, owner="discover_parallel")
    if jobs == 1:
        stream = (doc for batch in progress_bar(batches(documents), progress, "tokenising") for doc in batch)
        return discover_formulae(tokenize_corpus(stream), **options)
    with WorkerPartitions(jobs) as parts:
        assigner = Assigner(jobs)
        for batch in progress_bar(batches(documents), progress, "tokenising"):
            for doc in batch:
                parts.add(*assigner.assign(doc), doc)
        parts.build(assigner.shared)
        return discovery_table(parts, len(assigner.codes), options)


# ---------------------------------------------------------------------------
# Partitions held by worker processes: each tokenises its documents, then answers calls
# ---------------------------------------------------------------------------
def _serve(connection) -> None:
    """A worker's loop: take documents, build the partition, answer method calls until told to stop."""
    parts: list[TokenizedCorpus] = []
    actors: list[int] = []
    numbers: list[int] = []
    partition: NgramPartition | None = None
    failed: BaseException | None = None
    while True:
        kind, payload = connection.recv()
        if kind == "stop":
            return
        try:
            if kind == "add":
                if failed is None:
                    docs, codes, order = payload
                    parts.append(tokenize_corpus(docs))
                    actors.extend(codes)
                    numbers.extend(order)
                continue
            if failed is not None:
                raise failed
            if kind == "build":
                partition = NgramPartition(TokenizedCorpus.concat(parts), actors, numbers, shared=payload)
                parts = []
                connection.send(("ok", len(partition.tc)))
            else:
                method, args = payload
                connection.send(("ok", getattr(partition, method)(*args)))
        except BaseException as exc:  # sent to the coordinator, which raises it
            if kind == "add":
                failed = exc
            else:
                connection.send(("error", exc))


class WorkerPartitions:
    """One partition in each of ``jobs`` worker processes (:class:`toolkit.analysis.discover.Partitions`).

    :meth:`add` gives a document to a partition (sent in batches of about
    :data:`BATCH_CHARACTERS`, by a thread per worker, so that reading never
    waits for one busy worker), :meth:`build` makes the partitions,
    :meth:`call` calls a method of every partition at once.
    """

    def __init__(self, jobs: int) -> None:
        context = multiprocessing.get_context()
        self.connections: list[Any] = []
        self.processes: list[Any] = []
        self.queues: list[queue.Queue] = []
        self.threads: list[threading.Thread] = []
        self.pending: list[tuple[list[Document], list[int], list[int]]] = []
        self.sizes: list[int] = []
        for _ in range(jobs):
            here, there = context.Pipe()
            process = context.Process(target=_serve, args=(there,), daemon=True)
            process.start()
            there.close()
            outbox: queue.Queue = queue.Queue(maxsize=2)
            thread = threading.Thread(target=self._send_all, args=(here, outbox), daemon=True)
            thread.start()
            self.connections.append(here)
            self.processes.append(process)
            self.queues.append(outbox)
            self.threads.append(thread)
            self.pending.append(([], [], []))
            self.sizes.append(0)

    @staticmethod
    def _send_all(connection, outbox: queue.Queue) -> None:
        while True:
            message = outbox.get()
            if message is None:
                return
            connection.send(message)

    def __len__(self) -> int:
        return len(self.connections)

    def __enter__(self) -> WorkerPartitions:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def add(self, part: int, codes: list[int], order: list[int], doc: Document) -> None:
        docs, actors, numbers = self.pending[part]
        docs.append(doc)
        actors.extend(codes)
        numbers.extend(order)
        self.sizes[part] += len(doc.text)
        if self.sizes[part] >= BATCH_CHARACTERS or len(docs) >= _BATCH_DOCUMENTS:
            self._flush(part)

    def _flush(self, part: int) -> None:
        if self.pending[part][0]:
            self.queues[part].put(("add", self.pending[part]))
        self.pending[part] = ([], [], [])
        self.sizes[part] = 0

    def build(self, shared) -> None:
        """Tokenise what is left and build every partition (``shared``: actors in more than one)."""
        for part in range(len(self)):
            self._flush(part)
            self.queues[part].put(None)
        for thread in self.threads:
            thread.join()
        for connection in self.connections:
            connection.send(("build", shared))
        self._answers()

    def call(self, method: str, args: Sequence[tuple]) -> list:
        for connection, a in zip(self.connections, args):
            connection.send(("call", (method, a)))
        return self._answers()

    def _answers(self) -> list:
        answers = [connection.recv() for connection in self.connections]
        for status, value in answers:
            if status == "error":
                raise value
        return [value for _, value in answers]

    def close(self) -> None:
        for outbox, thread in zip(self.queues, self.threads):
            if thread.is_alive():
                outbox.put(None)
                thread.join()
        for connection, process in zip(self.connections, self.processes):
            try:
                connection.send(("stop", None))
            except OSError:  # pragma: no cover - the worker is gone already
                pass
            process.join(timeout=10)
            if process.is_alive():  # pragma: no cover
                process.terminate()
            connection.close()
