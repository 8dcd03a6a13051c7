"""Matching and discovery on a Dask cluster: the same tables as one process gives, row for row.

The client reads the files or archive members and sends documents to the
workers: an existing cluster when given a scheduler address, else a
temporary local one. Workers need the toolkit but no shared file system.
``dask`` is imported only in this module, and only when its functions run
(``pip install 'condemnation-toolkit[dask]'``).

* :func:`find_matches_dask`: batches of documents
  (:func:`toolkit.backends.parallel.batches`) are the partitions of a
  ``dask.bag``; their matches are concatenated in order.
* :func:`discover_dask`: the documents are cut into one partition per worker
  (an actor's documents together); each partition is tokenised and counted
  on a worker and stays there, and for each n-gram length the partial counts
  are summed by the client, which sends back what survives
  (:mod:`toolkit.analysis.ngrams`).
"""

from __future__ import annotations

import contextlib
import copy
import operator
import warnings
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import pandas as pd

from ..analysis.discover import check_discovery_options, discovery_table
from ..analysis.ngrams import Assigner, NgramPartition
from ..errors import ClusterUnavailable, MissingDependency
from ..formulae.lexicon import Lexicon
from ..formulae.match import Matcher, Matches, find_matches
from ..text.corpus import Corpus, Document
from ..text.tokenized import tokenize_corpus
from ..validation import check_corpus, check_jobs, check_parameter
from .parallel import assemble, batches, default_jobs, progress_bar

#: How long to wait for a scheduler given by address before giving up.
CONNECT_TIMEOUT = "10s"

__all__ = ["discover_dask", "find_matches_dask"]


def _match_partition(partition: list, lexicon: Lexicon, dehyphenate: bool) -> list:
    matcher = Matcher(lexicon, dehyphenate=dehyphenate)
    out = []
    for batch in partition:
        found = find_matches(batch, matcher)
        out.append((found.table, found.statements))
    return out


def find_matches_dask(corpus: Corpus | Iterable[Document], lexicon: Lexicon, *, scheduler: str | None = None,
                      dehyphenate: bool = False, jobs: int | None = None,
                      progress: bool | None = False) -> Matches:
    """:func:`toolkit.formulae.match.find_matches` on a Dask cluster, through a ``dask.bag`` of document batches.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        Read here, by the client (a file, folder, table or archive stream
        from :func:`toolkit.io.iter_corpus`); batches of documents are sent
        to the workers.
    lexicon : Lexicon
    scheduler : str, optional
        The address of a running Dask scheduler (``tcp://host:8786``); by
        default a temporary local cluster of ``jobs`` processes is
        started and closed again.
    jobs : int, optional
        Worker processes of the temporary local cluster; default every core.

    Returns
    -------
    Matches
        The same as :func:`find_matches` gives, row for row.

    Raises
    ------
    MissingDependency
        When dask is not installed (exit status 3 on the command line).
    ClusterUnavailable
        When the scheduler cannot be reached (exit status 3).
    """
    owner = "find_matches_dask"
    documents = check_corpus(corpus, owner=owner)
    check_parameter(type(lexicon).__name__, "lexicon", owner=owner, expected="a Lexicon",
                    ok=isinstance(lexicon, Lexicon))
    jobs = _check_cluster(owner, scheduler, jobs)
    try:
        import dask.bag as db
    except ImportError:  # pragma: no cover - the extra is installed by make
        raise MissingDependency("the Dask back end", "dask", "condemnation-toolkit[dask]") from None
    work = list(batches(progress_bar(documents, progress, "reading")))
    skipped = getattr(documents, "skipped", ())
    if not work:
        return assemble([], lexicon, skipped)
    with _client(scheduler, jobs) as client:
        bag = db.from_sequence(work, npartitions=len(work))
        parts = bag.map_partitions(_match_partition, lexicon, dehyphenate).compute(scheduler=client)
    return assemble(parts, lexicon, skipped)


def _check_cluster(owner: str, scheduler: str | None, jobs: int | None) -> int | None:
    check_parameter(scheduler, "scheduler", owner=owner, expected="an address such as 'tcp://host:8786', or None",
                    ok=scheduler is None or (isinstance(scheduler, str) and bool(scheduler)))
    return check_jobs(jobs, owner=owner)


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
    result, gathered by the client.
    """

    def __init__(self, client: Any, futures: list) -> None:
        self.client = client
        self.futures = futures

    def __len__(self) -> int:
        return len(self.futures)

    def call(self, method: str, args: Sequence[tuple]) -> list:
        submit = self.client.submit
        steps = [submit(_step, f, method, a, pure=False) for f, a in zip(self.futures, args)]
        self.futures = [submit(operator.itemgetter(0), s, pure=False) for s in steps]
        return self.client.gather([submit(operator.itemgetter(1), s, pure=False) for s in steps])


def discover_dask(corpus: Corpus | Iterable[Document], *, scheduler: str | None = None, jobs: int | None = None,
                  progress: bool | None = False, **options) -> pd.DataFrame:
    """:func:`toolkit.analysis.discover.discover_formulae` on a Dask cluster; the same table.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        Read here, by the client, and cut into one partition per worker (an
        actor's documents together, the partitions about equal in
        characters); each partition is tokenised and counted on a worker.
    scheduler, jobs
        As for :func:`find_matches_dask`; ``jobs`` is also the number of
        partitions (default: one per worker of the cluster).
    **options
        Those of :func:`discover_formulae`.

    Raises the errors :func:`find_matches_dask` raises, for the same reasons.
    """
    owner = "discover_dask"
    options = check_discovery_options(options, owner="discover_formulae")  # its options, its messages
    documents = check_corpus(corpus, owner=owner)
    jobs = _check_cluster(owner, scheduler, jobs)
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
        return discovery_table(DaskPartitions(client, futures), len(assigner.codes), options)
