"""Matching on a Dask cluster: the same matches table as one process gives, row for row.

The client reads the files or archive members and sends batches of documents
(:func:`toolkit.backends.parallel.batches`) to the workers as the partitions
of a ``dask.bag``: an existing cluster when given a scheduler address, else a
temporary local one. Workers need the toolkit but no shared file system.
``dask`` is imported only in this module, and only when its function runs
(``pip install 'condemnation-toolkit[dask]'``).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

from ..errors import ClusterUnavailable, MissingDependency
from ..formulae.lexicon import Lexicon
from ..formulae.match import Matcher, Matches, find_matches
from ..text.corpus import Corpus, Document
from ..validation import check_corpus, check_jobs, check_parameter
from .parallel import assemble, batches, default_jobs, progress_bar

__all__ = ["find_matches_dask"]


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
    documents = check_corpus(corpus, owner)
    check_parameter("lexicon", type(lexicon).__name__, owner, "a Lexicon", isinstance(lexicon, Lexicon))
    jobs = check_jobs(jobs, owner)
    check_parameter("scheduler", scheduler, owner, "an address such as 'tcp://host:8786', or None",
                    scheduler is None or (isinstance(scheduler, str) and bool(scheduler)))
    try:
        import dask.bag as db
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - the extra is installed by make
        raise MissingDependency("the Dask back end", "dask", "condemnation-toolkit[dask]") from None
    work = list(batches(progress_bar(documents, progress, "reading")))
    skipped = getattr(documents, "skipped", ())
    if not work:
        return assemble([], lexicon, skipped)
    cluster = None
    try:
        if scheduler:
            try:
                client = Client(scheduler, timeout="10s")
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
            bag = db.from_sequence(work, npartitions=len(work))
            parts = bag.map_partitions(_match_partition, lexicon, dehyphenate).compute(scheduler=client)
    finally:
        if cluster is not None:
            cluster.close()
    return assemble(parts, lexicon, skipped)
