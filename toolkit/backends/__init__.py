"""The edge that runs work elsewhere: local process pools and Dask.

* :mod:`~toolkit.backends.parallel`: :func:`find_matches_parallel`,
  :func:`count_parallel` (counts in flat memory), :func:`kwic_parallel`, :func:`tokenize_parallel` and
  :func:`discover_parallel` over ``jobs`` local processes;
* :mod:`~toolkit.backends.dask`: :func:`find_matches_dask` and
  :func:`discover_dask` on a Dask cluster (the only module that imports
  dask).

Every function gives the same table as its single-process counterpart.
"""

from .dask import discover_dask, find_matches_dask
from .parallel import (
                       BATCH_CHARACTERS,
                       count_parallel,
                       default_jobs,
                       discover_parallel,
                       find_matches_parallel,
                       kwic_parallel,
                       tokenize_parallel,
)

__all__ = ["BATCH_CHARACTERS", "count_parallel", "default_jobs", "discover_dask", "discover_parallel",
           "find_matches_dask", "find_matches_parallel", "kwic_parallel", "tokenize_parallel"]
