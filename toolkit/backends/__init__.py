"""The edge that runs work elsewhere: local process pools and Dask.

* :mod:`~toolkit.backends.parallel`: :func:`find_matches_parallel`,
  :func:`kwic_parallel`, :func:`tokenize_parallel` and
  :func:`discover_parallel` over ``jobs`` local processes;
* :mod:`~toolkit.backends.dask`: :func:`find_matches_dask` on a Dask cluster
  (the only module that imports dask).

Every function gives the same table as its single-process counterpart.
"""

from .dask import find_matches_dask
from .parallel import (
                       BATCH_CHARACTERS,
                       default_jobs,
                       discover_parallel,
                       find_matches_parallel,
                       kwic_parallel,
                       tokenize_parallel,
)

__all__ = ["BATCH_CHARACTERS", "default_jobs", "discover_parallel", "find_matches_dask", "find_matches_parallel",
           "kwic_parallel", "tokenize_parallel"]
