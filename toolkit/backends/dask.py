"""Work on a Dask cluster: the same tables as one process gives, row for row.

The client reads the files or archive members and sends batches of
documents to the workers: an existing cluster when given a scheduler
address, else a temporary local one. Workers need the toolkit but no shared
file system. ``dask`` is imported only in this module, and only when its
functions run (``pip install 'condemnation-toolkit[dask]'``).

* :func:`dask_map`: the back end of :func:`toolkit.backends.parallel.run_batches`
  (``backend="dask"``): each batch is a task on the cluster running a
  :class:`toolkit.backends.tasks.BatchTask`, which each worker process sets up
  once; at most a few batches per worker are in flight, and results are
  handed back in corpus order. Counting, KWIC, matching, attribution and
  intensity run through it.
* :func:`discover_dask`: the documents are cut into one partition per worker
  (an actor's documents together); each partition is tokenised and counted
  on a worker and stays there, and for each n-gram length the partial counts
  are summed by the client, which sends back what survives
  (:mod:`toolkit.analysis.ngrams`).

Faults. A worker that dies is replaced (a local cluster's nanny restarts it)
and its batches run again elsewhere: the table is the same. When the cluster
has no worker left, the client waits at most :data:`LOST_WORKERS_TIMEOUT`
seconds for one to come back, then stops with one line saying so
(:class:`~toolkit.errors.ClusterUnavailable`, exit status 3 on the command
line). A batch that kills its workers again and again stops the run the same
way.
"""

from __future__ import annotations

import contextlib
import copy
import operator
import threading
import time
import uuid
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import pandas as pd

from ..analysis.discover import check_discovery_options, discovery_table
from ..analysis.keyness import keyness_partition
from ..analysis.ngrams import Assigner, NgramPartition
from ..errors import ClusterUnavailable, MissingDependency
from ..formulae.lexicon import Lexicon
from ..formulae.match import Matches
from ..text.corpus import Corpus, Document
from ..text.tokenized import tokenize_corpus
from ..validation import check_corpus
from .parallel import batches, check_backend, default_jobs, find_matches_parallel, progress_bar
from .tasks import BatchTask

#: How long to wait for a scheduler given by address before giving up.
CONNECT_TIMEOUT = "10s"
#: How long (seconds) the client waits for a result while the cluster has no worker, before it gives up.
LOST_WORKERS_TIMEOUT = 60.0
#: How often (seconds) the client looks at the cluster while it waits for a result.
_POLL = 1.0
#: Batches in flight per worker.
_IN_FLIGHT = 2

__all__ = ["CONNECT_TIMEOUT", "LOST_WORKERS_TIMEOUT", "DaskPartitions", "dask_map", "dask_partitions", "discover_dask",
           "find_matches_dask"]

#: On a worker: the task of the current run, set up once per thread (a worker may run several threads, and a
#: compiled matcher's scratch space serves one thread at a time).
_THREAD = threading.local()


def _run_on_worker(key: str, task: BatchTask, batch: list[Document]) -> Any:
    tasks = getattr(_THREAD, "tasks", None)
    if tasks is None or key not in tasks:
        task.setup()
        _THREAD.tasks = tasks = {key: task}
    return tasks[key](batch)


def dask_map(task: BatchTask, work: Iterable[list[Document]], *, scheduler: str | None = None,
             jobs: int | None = None) -> Iterator:
    """The results of ``task`` on each batch of ``work``, computed on a Dask cluster, in order.

    Parameters
    ----------
    task : BatchTask
        The work on one batch; each worker process sets it up once.
    work : iterable of list of Document
        The batches, read by the client as the cluster takes them.
    scheduler : str, optional
        The address of a running scheduler; by default a temporary local
        cluster of ``jobs`` worker processes is started and closed again.
    jobs : int, optional
        Workers of the temporary local cluster (default every core).

    Returns
    -------
    iterator
        One result per batch, in order.

    Raises
    ------
    MissingDependency
        When dask is not installed (exit status 3 on the command line).
    ClusterUnavailable
        When the scheduler cannot be reached, or the cluster has had no worker for
        :data:`LOST_WORKERS_TIMEOUT` seconds (exit status 3).
    """
    check_backend("dask", owner="dask_map", scheduler=scheduler, jobs=jobs)
    _require_dask()
    return _results(task, work, scheduler, jobs)


def _require_dask() -> None:
    """A one-line error saying what to install, before any work starts, when dask is missing."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise MissingDependency("the Dask back end", "dask", "condemnation-toolkit[dask]") from None


def _results(task: BatchTask, work: Iterable[list[Document]], scheduler: str | None, jobs: int | None) -> Iterator:
    key = uuid.uuid4().hex
    with _client(scheduler, jobs) as client:
        pending: list = []
        limit = _IN_FLIGHT * max(_workers(client), jobs or 1, 1)
        for batch in work:
            pending.append(client.submit(_run_on_worker, key, task, batch, pure=False))
            while len(pending) >= limit:
                yield _result(client, pending.pop(0), scheduler)
        while pending:
            yield _result(client, pending.pop(0), scheduler)


def _workers(client: Any) -> int:
    return len(client.scheduler_info().get("workers", {}))


def _result(client: Any, future: Any, scheduler: str | None) -> Any:
    """A future's result; a one-line error when the cluster stays without workers or a batch kills its workers."""
    from distributed import KilledWorker

    where = f"at {scheduler}" if scheduler else "(the temporary local cluster)"
    alone_since: float | None = None
    while True:
        try:
            return future.result(timeout=_POLL)
        except TimeoutError:
            if _workers(client):
                alone_since = None
                continue
            alone_since = alone_since if alone_since is not None else time.monotonic()
            if time.monotonic() - alone_since >= LOST_WORKERS_TIMEOUT:
                future.cancel()
                raise ClusterUnavailable(
                    f"the Dask cluster {where} lost all its workers and none came back within "
                    f"{LOST_WORKERS_TIMEOUT:g} s; start workers (`dask worker ADDRESS`) and run again") from None
        except OSError as exc:  # the scheduler went away (distributed's CommClosedError is an OSError)
            raise ClusterUnavailable(f"lost the connection to the Dask scheduler {where} ({exc}); start it again "
                                     "with `dask scheduler` and run again") from None
        except KilledWorker as exc:
            raise ClusterUnavailable(f"the Dask cluster {where} lost the workers that ran a batch, several times "
                                     f"({exc}); a worker may be short of memory: give it more, or use smaller "
                                     "batches") from None


def find_matches_dask(corpus: Corpus | Iterable[Document], lexicon: Lexicon | None = None, *,
                      scheduler: str | None = None,
                      dehyphenate: bool = False, jobs: int | None = None,
                      progress: bool | None = False) -> Matches:
    """:func:`toolkit.formulae.match.find_matches` on a Dask cluster, batch by batch.

    The same as ``find_matches_parallel(corpus, lexicon, backend="dask", ...)``.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        Read here, by the client (a file, folder, table or archive stream
        from :func:`toolkit.io.iter_corpus`); batches of documents are sent
        to the workers.
    lexicon : Lexicon, optional
        The formulae to find (default: the shipped lexicon).
    scheduler : str, optional
        The address of a running Dask scheduler (``tcp://host:8786``); by
        default a temporary local cluster of ``jobs`` processes is
        started and closed again.
    dehyphenate : bool, default False
        Join words hyphenated across a line break before matching.
    jobs : int, optional
        Worker processes of the temporary local cluster; default every core.
    progress : bool or None, default False
        A progress bar on stderr.

    Returns
    -------
    Matches
        The same as :func:`find_matches` gives, row for row.

    Raises
    ------
    MissingDependency
        When dask is not installed (exit status 3 on the command line).
    ClusterUnavailable
        When the scheduler cannot be reached, or the cluster loses all its workers (exit status 3).
    """
    return find_matches_parallel(corpus, lexicon, backend="dask", scheduler=scheduler, jobs=jobs,
                                 dehyphenate=dehyphenate, progress=progress)


@contextlib.contextmanager
def _client(scheduler: str | None, jobs: int | None) -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, or of a temporary local cluster of ``jobs`` processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - the extra is installed by make
        raise MissingDependency("the Dask back end", "dask", "condemnation-toolkit[dask]") from None
    cluster = None
    try:
        if scheduler:
            try:
                client = Client(scheduler, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError) as exc:
                raise ClusterUnavailable(f"cannot reach the Dask scheduler at {scheduler} ({exc}); start it with "
                                         "`dask scheduler` and its workers with `dask worker ADDRESS`") from None
        else:
            cluster = LocalCluster(n_workers=jobs or default_jobs(), threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        with client, warnings.catch_warnings():
            # The documents travel inside the task graph by design (the client reads them); dask warns about it.
            warnings.filterwarnings("ignore", message="Sending large graph", category=UserWarning)
            yield client
    finally:
        if cluster is not None:
            cluster.close()


@contextlib.contextmanager
def reuse_mapper(scheduler: str | None, jobs: int | None) -> Iterator[Callable]:
    """A mapper for :func:`toolkit.analysis.reuse.find_reuse` on a Dask cluster: the tokens scattered once.

    Parameters
    ----------
    scheduler : str or None
        A running scheduler's address, or None for a temporary local cluster of ``jobs`` workers.
    jobs : int or None
        The workers of a temporary local cluster (default: every core).

    Yields
    ------
    callable
        ``mapper(function, work, items)``: ``function(work, item)`` for each item on the cluster, in order.
    """
    _require_dask()
    with contextlib.ExitStack() as stack:
        client = stack.enter_context(_client(scheduler, jobs))

        def mapper(function: Callable, work: Any, items: Iterable[Any]) -> Iterator[Any]:
            shared = client.scatter(work, broadcast=True, hash=False)  # a new key each call: none released under it
            futures = [client.submit(function, shared, item, pure=False) for item in items]
            for future in futures:
                yield _result(client, future, scheduler)

        yield mapper


def _build_partition(docs: list[Document], codes: list[int], numbers: list[int], shared) -> NgramPartition:
    return NgramPartition(tokenize_corpus(docs), codes, numbers, shared=shared)


def _step(partition: NgramPartition, method: str, args: tuple) -> tuple[NgramPartition, Any]:
    """Call ``method`` on a copy of the partition: the result, and the partition as it is after the call."""
    after = copy.copy(partition)
    after.candidates = dict(partition.candidates)
    return after, getattr(after, method)(*args)


class DaskPartitions:
    """Partitions kept on the workers of a Dask cluster (:class:`toolkit.analysis.discover.Partitions`).

    Each partition is the result of a task (a future); a call is a task on
    it that gives the partition after the call, kept on its worker, and the
    result, gathered by the client with the bounded wait of :func:`dask_map`.
    A partition lost with its worker is computed again from the tasks that
    made it.

    Parameters
    ----------
    client : distributed.Client
        The client of the cluster.
    futures : list of distributed.Future
        One future per partition.
    scheduler : str, optional
        The scheduler's address, for the messages of a lost cluster.
    """

    def __init__(self, client: Any, futures: list, scheduler: str | None = None) -> None:
        self.client = client
        self.futures = futures
        self.scheduler = scheduler

    def __len__(self) -> int:
        return len(self.futures)

    def call(self, method: str, args: Sequence[tuple]) -> list:
        """Call a method on every partition, on its worker; the partitions after it stay there.

        Parameters
        ----------
        method : str
            The name of the partition's method.
        args : sequence of tuple
            The arguments of the call, one tuple per partition.

        Returns
        -------
        list
            The results, one per partition, in order.
        """
        submit = self.client.submit
        steps = [submit(_step, f, method, a, pure=False) for f, a in zip(self.futures, args)]
        self.futures = [submit(operator.itemgetter(0), s, pure=False) for s in steps]
        results = [submit(operator.itemgetter(1), s, pure=False) for s in steps]
        return [_result(self.client, future, self.scheduler) for future in results]


def discover_dask(corpus: Corpus | Iterable[Document], *, scheduler: str | None = None, jobs: int | None = None,
                  progress: bool | None = False, **options) -> pd.DataFrame:
    """:func:`toolkit.analysis.discover.discover_formulae` on a Dask cluster; the same table.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        Read here, by the client, and cut into one partition per worker (an
        actor's documents together, the partitions about equal in
        characters); each partition is tokenised and counted on a worker.
    scheduler : str, optional
        The address of a running Dask scheduler (``tcp://host:8786``); by
        default a temporary local cluster of ``jobs`` processes (every core
        when ``jobs`` is None) is started and closed again.
    jobs : int, optional
        The number of partitions, and the workers of the temporary local
        cluster; by default one partition per worker of the cluster.
    progress : bool or None, default False
        A progress bar on stderr while the client reads the documents (None:
        only when stderr is a terminal).
    **options
        Those of :func:`~toolkit.analysis.discover.discover_formulae`
        (``min_n``, ``max_n``, ``min_statements``, ``min_actors``,
        ``min_frequency``, ``top``, ``min_cohesion``, ``absorb``,
        ``lexicon``), checked with its messages.

    Returns
    -------
    pandas.DataFrame
        The same table as :func:`~toolkit.analysis.discover.discover_formulae`
        gives for the corpus (:data:`~toolkit.analysis.discover.DISCOVERY_COLUMNS`),
        row for row.

    Raises
    ------
    ParameterError
        For an unknown or bad option (the message names
        ``discover_formulae``), a single text or document as ``corpus``, an
        empty ``scheduler`` or a ``jobs`` that is not an int >= 1.
    MissingDependency
        When dask is not installed (exit status 3 on the command line).
    ClusterUnavailable
        When the scheduler cannot be reached, or the cluster loses all its
        workers for :data:`LOST_WORKERS_TIMEOUT` seconds, or a partition kills
        its workers again and again (exit status 3), as for :func:`dask_map`.
    """
    owner = "discover_dask"
    options = check_discovery_options(options, owner="discover_formulae")  # its options, its messages
    documents = check_corpus(corpus, owner=owner)
    jobs = check_backend("dask", owner=owner, scheduler=scheduler, jobs=jobs)
    with _client(scheduler, jobs) as client:
        count = jobs or max(len(client.scheduler_info().get("workers", {})), 1)
        assigner = Assigner(count)
        shares: list[tuple[list, list, list]] = [([], [], []) for _ in range(count)]
        for batch in progress_bar(batches(documents), progress, "reading"):
            for doc in batch:
                part, codes, numbers = assigner.assign(doc)
                shares[part][0].append(doc)
                shares[part][1].extend(codes)
                shares[part][2].extend(numbers)
        shared = assigner.shared
        futures = [client.submit(_build_partition, docs, codes, numbers, shared, pure=False)
                   for docs, codes, numbers in shares]
        return discovery_table(DaskPartitions(client, futures, scheduler), len(assigner.codes), options)


def _build_group_partition(docs: list[Document]) -> NgramPartition:
    return keyness_partition(docs)


@contextlib.contextmanager
def dask_partitions(cut: Callable[[int], tuple[list[list[Document]], list[int]]], *, scheduler: str | None = None,
                    jobs: int | None = None) -> Iterator[tuple[DaskPartitions, list[int]]]:
    """Partitions of the groups of :func:`toolkit.backends.parallel.keyness_parallel`, kept on a Dask cluster.

    Parameters
    ----------
    cut : callable
        Given the number of partitions wanted (``jobs``, else the cluster's workers), the documents of each
        partition and the group of each (:func:`toolkit.backends.parallel.group_shares`).
    scheduler : str, optional
        The address of a running scheduler; by default a temporary local cluster of ``jobs`` processes.
    jobs : int, optional
        The partitions wanted, and the workers of the temporary local cluster.

    Returns
    -------
    contextmanager of (DaskPartitions, list of int)
        The partitions (:func:`toolkit.analysis.keyness.keyness_partition` of each share, built on the
        workers) and the group of each, while the client is open.
    """
    check_backend("dask", owner="dask_partitions", scheduler=scheduler, jobs=jobs)
    _require_dask()
    with _client(scheduler, jobs) as client:
        shares, groups = cut(jobs or max(_workers(client), 1))
        futures = [client.submit(_build_group_partition, docs, pure=False) for docs in shares]
        yield DaskPartitions(client, futures, scheduler), groups
