"""The edge that runs work elsewhere: local process pools and Dask.

* :mod:`~toolkit.backends.parallel`: :func:`run_batches`, the one way work
  runs over the batches of a corpus on either back end (``backend="local"``:
  ``jobs`` processes of this machine; ``backend="dask"``: a Dask cluster,
  ``scheduler`` or a temporary local one), and the functions built on it:
  :func:`find_matches_parallel`, :func:`count_parallel` (counts in flat
  memory), :func:`kwic_parallel`, :func:`attribute_parallel`,
  :func:`intensity_parallel`, :func:`keyness_parallel` and
  :func:`collocates_parallel`; :func:`tokenize_parallel` and
  :func:`discover_parallel` over local processes;
* :mod:`~toolkit.backends.tasks`: the work on one batch (match, count, KWIC,
  attribute, score), the same on every back end;
* :mod:`~toolkit.backends.dask`: the Dask side (:func:`dask_map`,
  :func:`find_matches_dask`, :func:`discover_dask`; the only module that
  imports dask).

Every function gives the same table as its single-process counterpart, on
every back end.
"""

from .dask import LOST_WORKERS_TIMEOUT, dask_map, dask_partitions, discover_dask, find_matches_dask
from .parallel import (
    BACKENDS,
    BATCH_CHARACTERS,
    OUTSIDE_ATTR,
    attribute_parallel,
    collocates_parallel,
    count_parallel,
    default_jobs,
    discover_parallel,
    find_matches_parallel,
    intensity_parallel,
    keyness_parallel,
    kwic_parallel,
    run_batches,
    tokenize_parallel,
)
from .tasks import BatchTask

__all__ = ["BACKENDS", "BATCH_CHARACTERS", "LOST_WORKERS_TIMEOUT", "OUTSIDE_ATTR", "BatchTask", "attribute_parallel",
           "collocates_parallel", "count_parallel", "dask_map", "dask_partitions", "default_jobs", "discover_dask",
           "discover_parallel", "find_matches_dask", "find_matches_parallel", "intensity_parallel", "keyness_parallel",
           "kwic_parallel", "run_batches", "tokenize_parallel"]
