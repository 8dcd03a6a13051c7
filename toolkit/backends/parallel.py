"""Local process pools, and the one way every back end runs work over a corpus: the same results, faster.

Documents are read by one process (the reader streams them, so memory stays
bounded), cut into batches of about :data:`BATCH_CHARACTERS` characters, and
each batch is handed to a task (:mod:`toolkit.backends.tasks`: match, count,
KWIC, attribute, score intensity, tokenise) on a worker. Results come back in
the order the batches were sent and are put together in that order, so every
table is identical to the one the single-process function gives, on every
back end; only the time differs.

:func:`run_batches` is that one way: ``backend="local"`` runs ``jobs``
processes of this machine (default 1, at most two batches per process in
flight), ``backend="dask"`` a Dask cluster (:mod:`toolkit.backends.dask`;
``scheduler`` names a running one, else a temporary local cluster of
``jobs`` workers). The public functions below are built on it and take the
same ``jobs``, ``backend`` and ``scheduler``:

* :func:`find_matches_parallel`, :func:`count_parallel` (counts summed batch
  by batch, in flat memory), :func:`kwic_parallel`,
  :func:`attribute_parallel` and :func:`intensity_parallel`;
* :func:`tokenize_parallel` (local processes);
* :func:`discover_parallel` gives each of ``jobs`` processes a share of the
  documents (an actor's documents stay together), which it tokenises and
  counts; the n-gram counts of each length are summed here, the survivors
  decided and sent back (:mod:`toolkit.analysis.ngrams`);
  :func:`toolkit.backends.dask.discover_dask` does the same on Dask.

``attribute=True`` splits each batch into statements by actor on the worker
before the work itself (:class:`toolkit.backends.tasks.AttributeFirst`).
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import numpy as np
import pandas as pd

from ..analysis.collocates import NodeWindows, check_collocate_options, collocate_table, resolve_node
from ..analysis.discover import LocalPartitions, check_discovery_options, discover_formulae, discovery_table
from ..analysis.intensity import (
    CUE_COLUMNS,
    INTENSITY_COLUMNS,
    IntensityScale,
    default_intensity_scale,
    intensity_mode,
)
from ..analysis.keyness import (
    TABLE_OPTIONS,
    formula_counts,
    keyness_groups,
    keyness_options,
    keyness_partition,
    keyness_table,
    token_counts,
)
from ..analysis.ngrams import Assigner, NgramPartition
from ..attribution.gazetteer import Gazetteer
from ..attribution.statements import ATTRIBUTION_COLUMNS, Attribution
from ..formulae.counts import count_matches, sum_counts
from ..formulae.kwic import KWIC_COLUMNS
from ..formulae.lexicon import Lexicon, resolve_lexicon
from ..formulae.match import MATCH_COLUMNS, Matches, find_matches, formula_table, join_statements, read_ahead, typed
from ..text.corpus import Corpus, Document
from ..text.groups import group_names, grouping_error, metadata_names
from ..text.tokenized import TokenizedCorpus, WordTally, tokenize_corpus
from ..validation import (
    check_choice,
    check_corpus,
    check_jobs,
    check_level,
    check_parameter,
    check_type,
    renamed,
)
from .tasks import (
    AttributeBatch,
    AttributeFirst,
    BatchTask,
    CollocatesBatch,
    CountBatch,
    IntensityBatch,
    KwicBatch,
    MatchBatch,
    TokenizeBatch,
)

__all__ = ["BACKENDS", "BATCH_CHARACTERS", "OUTSIDE_ATTR", "WorkerPartitions", "assemble", "attribute_parallel",
           "batches", "collocates_parallel", "count_parallel", "default_jobs", "discover_parallel",
           "find_matches_parallel", "group_shares", "intensity_parallel", "keyness_parallel", "kwic_parallel",
           "reuse_parallel",
           "progress_bar", "run_batches", "tokenize_parallel"]

#: Where work can run: processes of this machine, or a Dask cluster.
BACKENDS = ("local", "dask")
#: Characters of text per batch sent to a worker.
BATCH_CHARACTERS = 2_000_000
# Count tables of batches summed at once by count_parallel.
_SUM_EVERY = 16
_BATCH_DOCUMENTS = 512


def default_jobs() -> int:
    """The number of cores this process may use.

    Returns
    -------
    int
        The cores of this process's CPU affinity (all cores where that is not known).
    """
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _jobs(value: int | None, *, owner: str) -> int:
    """``jobs`` checked; None means one process (docs/guide/large-corpora.md: two measured under 1.6x as fast)."""
    checked = check_jobs(value, owner=owner)
    return 1 if checked is None else checked


def batches(documents: Iterable[Document], *, characters: int | None = None) -> Iterator[list[Document]]:
    """Consecutive documents in lists of about ``characters`` characters (at least one document each).

    Parameters
    ----------
    documents : iterable of Document
        The corpus, read as it is iterated.
    characters : int, optional
        The size of a batch in characters (default :data:`BATCH_CHARACTERS`).

    Returns
    -------
    iterator of list of Document
        The batches, in corpus order; no document is lost or repeated.
    """
    limit = BATCH_CHARACTERS if characters is None else characters
    batch: list[Document] = []
    size = 0
    for doc in documents:
        batch.append(doc)
        size += len(doc.text)
        if size >= limit or len(batch) >= _BATCH_DOCUMENTS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def progress_bar(iterable, progress: bool | None, description: str, unit: str = " batches"):
    """``iterable`` with a text progress bar on stderr (None: only when stderr is a terminal).

    Parameters
    ----------
    iterable : iterable
        What to show the progress of.
    progress : bool or None
        True: a bar; False: none; None: a bar only when stderr is a terminal (tqdm's own rule).
    description : str
        The bar's label.
    unit : str, default " batches"
        What one item is.

    Returns
    -------
    iterable
        The same items, in order.
    """
    from tqdm import tqdm  # the text bar: tqdm.auto would want ipywidgets in notebooks

    return tqdm(iterable, desc=description, unit=unit, disable=None if progress is None else not progress,
                mininterval=1.0)


# ---------------------------------------------------------------------------
# Running a task over the batches of a corpus, on this machine or on Dask
# ---------------------------------------------------------------------------
_WORKER: dict = {}


def _start_worker(task: BatchTask) -> None:
    task.setup()
    _WORKER["task"] = task


def _run_batch(batch: list[Document]) -> Any:
    return _WORKER["task"](batch)


def _local_map(task: BatchTask, work: Iterable[list[Document]], jobs: int) -> Iterator:
    """``map(task, work)`` over a pool of ``jobs`` processes, in order, at most 2 * jobs batches in flight."""
    if jobs == 1:
        for batch in work:
            yield task(batch)  # set up on first use
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(task,)) as pool:
        pending = []
        for batch in work:
            pending.append(pool.submit(_run_batch, batch))
            if len(pending) >= 2 * jobs:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()


def check_backend(value: Any, name: str = "backend", *, owner: str, scheduler: Any = None, jobs: Any = None
                  ) -> int | None:
    """A back end, with the ``scheduler`` and ``jobs`` that go with it, checked together, the same everywhere.

    Parameters
    ----------
    value : {"local", "dask"}
        Processes of this machine, or a Dask cluster.
    name : str, default "backend"
        The parameter's name.
    owner : str
        The function or command the parameters belong to.
    scheduler : str or None
        The address of a running Dask scheduler; only with ``backend="dask"``.
    jobs : int or None
        Local processes (default 1), or the workers of a temporary local Dask cluster (default: every core).

    Returns
    -------
    int or None
        ``jobs``, checked.
    """
    backend = check_choice(value, name, owner=owner, choices=BACKENDS)
    check_parameter(scheduler, "scheduler", owner=owner, ok=scheduler is None or backend == "dask",
                    expected="None unless backend='dask' (a scheduler is a Dask cluster's)")
    check_parameter(scheduler, "scheduler", owner=owner, ok=scheduler is None or bool(
        isinstance(scheduler, str) and scheduler), expected="an address such as 'tcp://host:8786', or None")
    return check_jobs(jobs, owner=owner)


def run_batches(task: BatchTask, corpus: Corpus | Iterable[Document], *, jobs: int | None = None,
                backend: str = "local", scheduler: str | None = None, progress: bool | None = False,
                description: str = "working", characters: int | None = None) -> Iterator:
    """The results of ``task`` on each batch of the corpus, in corpus order, on the chosen back end.

    Parameters
    ----------
    task : BatchTask
        The work on one batch (:mod:`toolkit.backends.tasks`).
    corpus : Corpus or iterable of Document
        Read here, batch by batch, so a stream larger than memory can be worked through.
    jobs : int, optional
        Local processes (default 1); with ``backend="dask"`` and no scheduler, the workers of the temporary
        local cluster (default every core).
    backend : {"local", "dask"}, default "local"
        Processes of this machine, or a Dask cluster.
    scheduler : str, optional
        The address of a running Dask scheduler (``tcp://host:8786``); only with ``backend="dask"``.
    progress : bool or None, default False
        A progress bar on stderr (None: when stderr is a terminal).
    description : str, default "working"
        The progress bar's label.
    characters : int, optional
        Characters per batch (default: the task's own, ``task.characters``, else :data:`BATCH_CHARACTERS`;
        a task that parses wants smaller batches, :data:`toolkit.backends.tasks.PARSE_CHARACTERS`).

    Returns
    -------
    iterator
        One result per batch, in corpus order. Arguments are checked before the iterator is returned.

    Examples
    --------
    >>> from toolkit import Corpus, Lexicon
    >>> from toolkit.backends.tasks import CountBatch
    >>> corpus = Corpus.from_texts(["We condemn it.", "They condemned it."])
    >>> task = CountBatch(Lexicon.from_phrases(["condemn*"]), by=["doc_id"], level="formula")
    >>> [table["n_matches"].tolist() for table in run_batches(task, corpus, jobs=2)]
    [[1, 1]]
    """
    owner = "run_batches"
    check_type(task, "task", owner=owner, types=BatchTask, expected="a BatchTask (toolkit.backends.tasks)")
    documents = check_corpus(corpus, owner=owner)
    jobs = check_backend(backend, owner=owner, scheduler=scheduler, jobs=jobs)
    size = characters if characters is not None else task.characters
    work = progress_bar(batches(documents, characters=size), progress, description)
    if backend == "dask":
        from .dask import dask_map  # dask loads only when asked for

        return dask_map(task, work, scheduler=scheduler, jobs=jobs)
    if (jobs or 1) == 1 and not isinstance(documents, (Corpus, list, tuple)):
        work = read_ahead(iter(work))  # read and decompress in a thread while this one works
    return _local_map(task, work, jobs or 1)


def _attributed(task: BatchTask, attribute: bool, pipeline: str | None, *, outside: bool = False) -> BatchTask:
    return AttributeFirst(task, AttributeBatch(pipeline=pipeline), outside=outside) if attribute else task


#: The ``attrs`` key of a count or KWIC table of an attributed corpus: the hits of the lexicon in no statement.
OUTSIDE_ATTR = "hits_outside_statements"


class _Outside:
    """The hits outside every statement, summed over the ``(result, n_outside)`` of the batches as they pass."""

    def __init__(self) -> None:
        self.n = 0

    def passing(self, parts: Iterable[tuple[Any, int]]) -> Iterator:
        for result, n in parts:
            self.n += n
            yield result

    def said(self, table: pd.DataFrame, attribute: bool) -> pd.DataFrame:
        """``table`` with the number in ``attrs[OUTSIDE_ATTR]`` when the corpus was attributed."""
        if attribute:
            table.attrs[OUTSIDE_ATTR] = self.n
        return table


def assemble(parts: Iterable[tuple[pd.DataFrame, pd.DataFrame]], lexicon: Lexicon, skipped) -> Matches:
    """One Matches from the (hits, statements) tables of consecutive batches.

    Parameters
    ----------
    parts : iterable of (DataFrame, DataFrame)
        The hits and statements tables of each batch, in order.
    lexicon : Lexicon
        The lexicon the batches were matched with.
    skipped : sequence of Skipped
        What the reader passed over.

    Returns
    -------
    Matches
        The matches of the whole corpus.
    """
    tables, statements = [], []
    for table, statement_table in parts:
        if len(table):
            tables.append(table)
        statements.append(statement_table)
    table = typed(pd.concat(tables, ignore_index=True)) if tables else \
        typed(pd.DataFrame(columns=MATCH_COLUMNS))
    statement_table = join_statements(statements)  # the metadata of every batch, as find_matches gives it
    return Matches(table, statement_table, formula_table(lexicon), tuple(skipped))


def _lexicon(value: Any, *, owner: str) -> Lexicon:
    """The lexicon a ``lexicon`` argument names: None the shipped one; a matcher needs one, so False is refused."""
    lexicon = resolve_lexicon(value, owner=owner, allow_false=False)
    assert lexicon is not None  # False is refused above
    return lexicon


def find_matches_parallel(corpus: Corpus | Iterable[Document], lexicon: Lexicon | None = None, *,
                          jobs: int | None = None, backend: str = "local", scheduler: str | None = None,
                          dehyphenate: bool = False, attribute: bool = False, pipeline: str | None = None,
                          progress: bool | None = False) -> Matches:
    """:func:`toolkit.formulae.match.find_matches` over ``jobs`` processes or a Dask cluster; the same Matches.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        The documents, read as they are needed.
    lexicon : Lexicon, optional
        The formulae to find (default: the shipped lexicon).
    jobs, backend, scheduler
        Where to run (:func:`run_batches`).
    dehyphenate : bool, default False
        Join words hyphenated across a line break before matching.
    attribute : bool, default False
        Split each document into statements by actor first (the shipped gazetteer).
    pipeline : str, optional
        With ``attribute``: the spaCy pipeline to parse with.
    progress : bool or None, default False
        A progress bar on stderr.

    Returns
    -------
    Matches
        The same as :func:`find_matches` gives, row for row.

    Examples
    --------
    >>> from toolkit import Corpus, Lexicon, find_matches
    >>> corpus = Corpus.from_texts(["We condemn it.", "They condemned it."])
    >>> lexicon = Lexicon.from_phrases(["condemn*"])
    >>> find_matches_parallel(corpus, lexicon, jobs=2).table.equals(find_matches(corpus, lexicon).table)
    True
    """
    owner = "find_matches_parallel"
    lexicon = _lexicon(lexicon, owner=owner)
    documents = check_corpus(corpus, owner=owner)
    jobs = check_backend(backend, owner=owner, scheduler=scheduler, jobs=jobs)
    if (jobs or 1) == 1 and backend == "local" and not attribute:
        # in this process: find_matches reads ahead in a thread while it matches
        found = find_matches(progress_bar(documents, progress, "matching", unit=" documents"), lexicon,
                             dehyphenate=dehyphenate)
        skipped = tuple(getattr(documents, "skipped", ()))
        return Matches(found.table, found.statements, found.formulae, skipped) if skipped else found
    task = _attributed(MatchBatch(lexicon, dehyphenate=dehyphenate), attribute, pipeline)
    parts = list(run_batches(task, documents, jobs=jobs, backend=backend, scheduler=scheduler, progress=progress,
                             description="matching"))
    return assemble(parts, lexicon, getattr(documents, "skipped", ()))


def count_parallel(corpus: Corpus | Iterable[Document], lexicon: Lexicon | None = None, *,
                   by: str | Sequence[str] = "doc", level: str = "formula", rates: bool = True,
                   jobs: int | None = None, backend: str = "local", scheduler: str | None = None,
                   dehyphenate: bool = False, attribute: bool = False, pipeline: str | None = None,
                   progress: bool | None = False) -> pd.DataFrame:
    """``count_matches(find_matches(corpus, lexicon), by=..., level=...)`` in memory that stays flat; the same table.

    Each batch of documents is matched and counted on its own (in ``jobs``
    processes, default 1, or on a Dask cluster) and the counts are summed as
    they come (:func:`toolkit.formulae.counts.sum_counts`): no table of hits
    is kept, so memory depends on the number of groups, not on the size of
    the corpus. This is what ``condemn count`` runs.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        The documents, read as they are needed.
    lexicon : Lexicon, optional
        The formulae to count (default: the shipped lexicon).
    by : str or list of str, default "doc"
        The groupings (:data:`toolkit.validation.GROUPINGS`), time bins
        (``decade``, ``years:N``) and metadata columns, as for
        :func:`~toolkit.formulae.counts.count_matches`. A metadata column is
        checked once every batch is counted (a batch whose documents all
        lack it counts them as missing): a name that no document has is
        refused then, with the columns the documents have.
    level : {"formula", "family"}, default "formula"
        Count each variant or whole families.
    rates : bool, default True
        Add the rate per 1,000 tokens (after summing).
    jobs, backend, scheduler
        Where to run (:func:`run_batches`).
    dehyphenate : bool, default False
        Join words hyphenated across a line break before matching.
    attribute : bool, default False
        Split each document into statements by actor first (the shipped gazetteer).
    pipeline : str, optional
        With ``attribute``: the spaCy pipeline to parse with.
    progress : bool or None, default False
        A progress bar on stderr.

    Returns
    -------
    pandas.DataFrame
        The table :func:`toolkit.formulae.counts.count_matches` gives. With ``attribute``,
        ``attrs["hits_outside_statements"]`` (:data:`OUTSIDE_ATTR`) is the number of hits of the lexicon that lie
        in no statement (text no actor was found to say), counted nowhere in the table.

    Examples
    --------
    >>> from toolkit import Corpus, count_matches, find_matches
    >>> corpus = Corpus.from_texts(["We condemn it.", "They condemned it."])
    >>> lexicon = Lexicon.from_phrases(["condemn*"])
    >>> count_parallel(corpus, lexicon, by="doc").equals(count_matches(find_matches(corpus, lexicon), by="doc"))
    True
    """
    owner = "count_parallel"
    names = group_names(by, owner=owner)
    level = check_level(level, owner=owner)
    lexicon = _lexicon(lexicon, owner=owner)
    documents = check_corpus(corpus, owner=owner)
    jobs = check_backend(backend, owner=owner, scheduler=scheduler, jobs=jobs)
    # in one local process, larger batches: fewer tables to build and sum, memory still bounded by the batch
    characters = 10 * BATCH_CHARACTERS if (jobs or 1) == 1 and backend == "local" and not attribute else None
    task = _attributed(CountBatch(lexicon, by=names, level=level, dehyphenate=dehyphenate), attribute, pipeline,
                       outside=True)
    outside = _Outside()
    parts = run_batches(task, documents, jobs=jobs, backend=backend, scheduler=scheduler, progress=progress,
                        description="counting", characters=characters)
    parts = outside.passing(parts) if attribute else parts
    total: pd.DataFrame | None = None
    pending: list[pd.DataFrame] = []
    keys: list[str] = []  # the columns the names stand for, as the first batch gives them
    types: dict[str, Any] = {}  # the key columns keep the types count_matches gives them
    seen: set[str] = set()  # the metadata columns of the documents read
    for part in parts:
        seen.update(part.attrs.get("metadata", ()))
        if not keys:
            keys = list(part.columns[:part.columns.get_loc("family")])
            types = {key: part[key].dtype for key in keys if key not in metadata_names(names)}
        pending.append(part)
        if len(pending) >= _SUM_EVERY:
            total = sum_counts(pd.concat(([] if total is None else [total]) + pending, ignore_index=True),
                               by=keys, rates=False)
            pending = []
    if total is None and not pending:  # no document: the empty table count_matches gives
        return outside.said(count_matches(find_matches([], lexicon), by=names, level=level, rates=rates), attribute)
    unknown = [name for name in metadata_names(names) if name not in seen]
    if unknown:  # a name that is a column of no statement read
        raise grouping_error(unknown[0], owner=owner, columns=seen, intensity=False)
    counts = sum_counts(pd.concat(([] if total is None else [total]) + pending, ignore_index=True), by=keys,
                        rates=rates)
    return outside.said(_metadata_types(counts, metadata_names(names)).astype(types), attribute)


def _metadata_types(counts: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Metadata key columns typed as in the statements of the whole corpus (a batch without them counted None)."""
    for column in columns:
        values = counts[column].astype(object)
        counts[column] = values.where(values.notna(), None).infer_objects()
    return counts


@renamed(formulas="formulae")
def kwic_parallel(corpus: Corpus | Iterable[Document], lexicon: Lexicon | None = None, *,
                  formulae: Sequence[str] | None = None, window: int = 5, unit: str = "tokens",
                  jobs: int | None = None, backend: str = "local", scheduler: str | None = None,
                  dehyphenate: bool = False, attribute: bool = False, pipeline: str | None = None,
                  progress: bool | None = False) -> pd.DataFrame:
    """Every hit in context, as :func:`toolkit.formulae.kwic.kwic` gives it, through ``jobs`` processes or Dask.

    Only the batches being worked on are held in memory, so the corpus may be larger than RAM.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        The documents, read as they are needed.
    lexicon : Lexicon, optional
        The formulae to find (default: the shipped lexicon).
    formulae : list of str, optional
        Keep only these formula or family ids (``formulas=`` is the old name of this parameter).
    window : int, default 5
        Context on each side, in ``unit``.
    unit : {"tokens", "characters"}, default "tokens"
        The unit of ``window``.
    jobs, backend, scheduler
        Where to run (:func:`run_batches`).
    dehyphenate : bool, default False
        Join words hyphenated across a line break before matching.
    attribute : bool, default False
        Split each document into statements by actor first.
    pipeline : str, optional
        With ``attribute``: the spaCy pipeline to parse with.
    progress : bool or None, default False
        A progress bar on stderr.

    Returns
    -------
    pandas.DataFrame
        The KWIC lines (:data:`toolkit.formulae.kwic.KWIC_COLUMNS`), in corpus order. With ``attribute``,
        ``attrs["hits_outside_statements"]`` is the number of hits of the chosen formulae in no statement.
    """
    owner = "kwic_parallel"
    documents = check_corpus(corpus, owner=owner)
    lexicon = _lexicon(lexicon, owner=owner)
    jobs = check_backend(backend, owner=owner, scheduler=scheduler, jobs=jobs)
    task = _attributed(KwicBatch(lexicon, formulae=formulae, window=window, unit=unit, dehyphenate=dehyphenate),
                       attribute, pipeline, outside=True)
    outside = _Outside()
    parts = run_batches(task, documents, jobs=jobs, backend=backend, scheduler=scheduler, progress=progress,
                        description="kwic")
    frames = [frame for frame in (outside.passing(parts) if attribute else parts) if len(frame)]
    return outside.said(pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=KWIC_COLUMNS),
                        attribute)


def attribute_parallel(corpus: Corpus | Iterable[Document], gazetteer: Gazetteer | None = None, *,
                       pipeline: str | None = None, jobs: int | None = None, backend: str = "local",
                       scheduler: str | None = None, progress: bool | None = False) -> Attribution:
    """:func:`toolkit.attribution.attribute_statements` over ``jobs`` processes or a Dask cluster; the same result.

    Each batch of articles is parsed and attributed by a worker, which loads
    the spaCy pipeline once.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        News articles and official statements, one per document.
    gazetteer : Gazetteer, optional
        The actors to recognise (default: the shipped gazetteer, :func:`toolkit.io.default_gazetteer`).
    pipeline : str, optional
        The spaCy pipeline to parse with.
    jobs, backend, scheduler
        Where to run (:func:`run_batches`).
    progress : bool or None, default False
        A progress bar on stderr.

    Returns
    -------
    Attribution
        The attributed corpus and the statements table, as :func:`attribute_statements` gives them.
    """
    owner = "attribute_parallel"
    documents = check_corpus(corpus, owner=owner)
    check_type(gazetteer, "gazetteer", owner=owner, types=Gazetteer, expected="a Gazetteer or None", allow_none=True)
    jobs = check_backend(backend, owner=owner, scheduler=scheduler, jobs=jobs)
    attributed: list[Document] = []
    tables = []
    for docs, table, _parses in run_batches(AttributeBatch(gazetteer, pipeline=pipeline), documents, jobs=jobs,
                                   backend=backend, scheduler=scheduler, progress=progress,
                                   description="attributing"):
        attributed.extend(docs)
        tables.append(table)
    table = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=ATTRIBUTION_COLUMNS)
    table["quoted"] = table["quoted"].astype(bool)
    return Attribution(Corpus(tuple(attributed), skipped=tuple(getattr(documents, "skipped", ()))), table)


def intensity_parallel(corpus: Corpus | Iterable[Document], *, scale: IntensityScale | None = None,
                       cues: bool = False, attribute: bool = False, pipeline: str | None = None,
                       mode: str = "auto", jobs: int | None = None, backend: str = "local",
                       scheduler: str | None = None, progress: bool | None = False) -> pd.DataFrame:
    """:func:`toolkit.analysis.intensity.score_intensity` of every statement, over processes or a Dask cluster.

    Each batch is matched with the scale's cues and scored on a worker; the
    level of a statement depends only on its own text, so the table is the
    one the single-process scorer gives.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        The documents, read as they are needed.
    scale : IntensityScale, optional
        The scale (default: the shipped one).
    cues : bool, default False
        One row per counted cue instead of one per statement.
    attribute : bool, default False
        Split each document into statements by actor first.
    pipeline : str, optional
        With ``attribute``: the spaCy pipeline to parse with.
    mode : {"auto", "parse", "rules"}, default "auto"
        How cues are read (:func:`toolkit.analysis.intensity.intensity_mode`), decided once here; with
        ``attribute``, parse mode reads the parse attribution made (one parse per document).
    jobs, backend, scheduler
        Where to run (:func:`run_batches`).
    progress : bool or None, default False
        A progress bar on stderr.

    Returns
    -------
    pandas.DataFrame
        :data:`toolkit.analysis.intensity.INTENSITY_COLUMNS` (or ``CUE_COLUMNS``), then the documents' metadata
        columns in alphabetical order, in corpus order; ``attrs["intensity_mode"]`` (``"parse"`` or ``"rules"``)
        and ``attrs["intensity_reading"]`` say how the cues were read.
    """
    owner = "intensity_parallel"
    documents = check_corpus(corpus, owner=owner)
    scale = check_type(scale, "scale", owner=owner, types=IntensityScale, expected="an IntensityScale or None",
                       allow_none=True) or default_intensity_scale()
    jobs = check_backend(backend, owner=owner, scheduler=scheduler, jobs=jobs)
    mode, how = intensity_mode(mode, owner=owner)
    task = _attributed(IntensityBatch(scale, cues=cues, mode=mode), attribute, pipeline)
    frames = [frame for frame in run_batches(task, documents, jobs=jobs, backend=backend, scheduler=scheduler,
                                             progress=progress, description="scoring") if len(frame)]
    columns = CUE_COLUMNS if cues else INTENSITY_COLUMNS
    if not frames:
        frame = pd.DataFrame(columns=columns)
        frame["year"] = frame["year"].astype("Int64")
    else:
        frame = pd.concat(frames, ignore_index=True)  # batches carry the metadata of their own documents: in order
        frame = frame[columns + sorted(c for c in frame.columns if c not in columns)]
    frame.attrs.update(intensity_mode=mode, intensity_reading=how)
    return frame


def tokenize_parallel(corpus: Corpus | Iterable[Document], *, jobs: int | None = None,
                      progress: bool | None = False) -> TokenizedCorpus:
    """:func:`toolkit.text.tokenized.tokenize_corpus` in ``jobs`` processes; the vocabularies are merged in order.

    A word's id is its rank of first appearance in the corpus, as in the
    single-process function, so the result is the same.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        The documents.
    jobs : int, optional
        Local processes (default 1).
    progress : bool or None, default False
        A progress bar on stderr.

    Returns
    -------
    TokenizedCorpus
        The same as :func:`tokenize_corpus` gives.
    """
    owner = "tokenize_parallel"
    jobs = _jobs(jobs, owner=owner)
    documents = check_corpus(corpus, owner=owner)
    return TokenizedCorpus.concat(run_batches(TokenizeBatch(), documents, jobs=jobs, progress=progress,
                                              description="tokenising"))


def discover_parallel(corpus: Corpus | Iterable[Document], *, jobs: int | None = None,
                      progress: bool | None = False, **options) -> pd.DataFrame:
    """:func:`toolkit.analysis.discover.discover_formulae` in ``jobs`` processes (default 1); the same table.

    Each process tokenises and counts a share of the documents (an actor's
    documents stay in one share, and the shares are about equal in
    characters); the counts of each n-gram length are summed in this
    process, which decides what survives and tells the workers. Only the
    worker processes hold token arrays.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        The documents.
    jobs : int, optional
        Local processes (default 1).
    progress : bool or None, default False
        A progress bar on stderr.
    **options
        Those of :func:`discover_formulae`.

    Returns
    -------
    pandas.DataFrame
        The same table as :func:`discover_formulae`.

    Examples
    --------
    >>> from toolkit import Corpus
    >>> texts = ["We condemn terrorism in all its forms.", "They condemn terrorism in all its forms!"]
    >>> found = discover_parallel(Corpus.from_texts(texts), jobs=2, min_actors=0)
    >>> found.equals(discover_formulae(Corpus.from_texts(texts), min_actors=0))
    True
    """
    jobs = _jobs(jobs, owner="discover_parallel")
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


def keyness_parallel(corpus: Corpus | Iterable[Document], *, target: Any, reference: Any = None, by: Any = None,
                     jobs: int | None = None, backend: str = "local", scheduler: str | None = None,
                     progress: bool | None = False, **options) -> pd.DataFrame:
    """:func:`toolkit.analysis.keyness.keyness` over ``jobs`` processes or a Dask cluster; the same table.

    The groups are chosen here; each group's statements are cut into
    partitions in corpus order (at least one per group), each tokenised and
    counted by a worker. The counts of each n-gram length are summed over
    the partitions before ``min_count`` prunes (:mod:`toolkit.analysis.ngrams`),
    so nothing is lost, and the per-statement counts of the dispersion test
    are put together in corpus order. Formulae are matched batch by batch
    (:func:`find_matches_parallel`).

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        The documents (held in memory while the groups are chosen, as :func:`keyness` does).
    target, reference, by
        The groups, as :func:`keyness` takes them.
    jobs, backend, scheduler
        Where to run (:func:`run_batches`): with ``backend="local"``, ``jobs`` processes (default 1: the
        single-process function).
    progress : bool or None, default False
        A progress bar on stderr while the corpus is read.
    **options
        The other options of :func:`keyness` (``features``, ``min_n``, ``max_n``, ``lexicon``, ``level``,
        ``min_count``, ``correction``, ``alpha``, ``dispersion``, ``numbers``), checked with its messages.

    Returns
    -------
    pandas.DataFrame
        The same table as :func:`keyness` gives.

    Examples
    --------
    >>> from toolkit import Corpus, keyness
    >>> corpus = Corpus.from_texts(["We condemn the attack. We condemn it."] * 3 + ["We note the report."] * 3)
    >>> mask = [True] * 3 + [False] * 3
    >>> keyness_parallel(corpus, target=mask, min_count=3, jobs=2).equals(keyness(corpus, target=mask, min_count=3))
    True
    """
    owner = "keyness_parallel"
    options = keyness_options(**options)
    documents = check_corpus(corpus, owner=owner)
    jobs = check_backend(backend, owner=owner, scheduler=scheduler, jobs=jobs)
    stream = (doc for batch in progress_bar(batches(documents), progress, "reading") for doc in batch)
    chosen, other, n_target = keyness_groups(stream, target=target, reference=reference, by=by)
    tabling = {name: options[name] for name in TABLE_OPTIONS}
    if options["features"] == "formulae":
        found = find_matches_parallel([*chosen, *other], options["lexicon"], jobs=jobs, backend=backend,
                                      scheduler=scheduler)
        counts = formula_counts(found, n_target, level=options["level"], dispersion=options["dispersion"])
        return keyness_table(counts, **tabling)
    counting = {name: options[name] for name in ("features", "min_n", "max_n", "min_count", "dispersion")}
    if backend == "dask":
        from .dask import dask_partitions  # dask loads only when asked for

        with dask_partitions(lambda count: group_shares((chosen, other), count), scheduler=scheduler,
                             jobs=jobs) as (parts, groups):
            counts = token_counts(parts, groups, **counting)
    elif (jobs or 1) == 1:
        counts = token_counts(LocalPartitions([keyness_partition(chosen), keyness_partition(other)]), [0, 1],
                              **counting)
    else:
        shares, groups = group_shares((chosen, other), jobs or 1)
        with WorkerPartitions(len(shares)) as workers:
            for part, share in enumerate(shares):
                at = 0
                for doc in share:
                    size = len(doc.statements)
                    workers.add(part, [-1] * size, list(range(at, at + size)), doc)
                    at += size
            workers.build(np.empty(0, dtype=np.int64))
            counts = token_counts(workers, groups, **counting)
    return keyness_table(counts, **tabling)


def group_shares(groups: Sequence[list[Document]], count: int) -> tuple[list[list[Document]], list[int]]:
    """The documents of each group cut into consecutive shares of about equal characters, ``count`` in all.

    Each group gets a number of shares in proportion to its characters (at least one, and no more than its
    documents), so that each share is about the same size.

    Parameters
    ----------
    groups : sequence of list of Document
        The documents of each group, in corpus order (an empty group gets no share).
    count : int
        The shares wanted in all (at least one per group).

    Returns
    -------
    shares : list of list of Document
        The shares, group by group, each in corpus order.
    group_of : list of int
        The group of each share.

    Examples
    --------
    >>> from toolkit import Corpus
    >>> docs = list(Corpus.from_texts(["aa", "bb", "cc", "dd"]))
    >>> shares, group_of = group_shares([docs[:3], docs[3:]], 4)
    >>> [[d.id for d in share] for share in shares], group_of
    ([['text1'], ['text2'], ['text3'], ['text4']], [0, 0, 0, 1])
    """
    sizes = [np.array([len(doc.text) for doc in docs], dtype=np.float64) for docs in groups]
    total = sum(float(s.sum()) for s in sizes) or 1.0
    shares: list[list[Document]] = []
    group_of: list[int] = []
    for g, (docs, size) in enumerate(zip(groups, sizes)):
        if not docs:
            continue
        wanted = min(max(1, round(count * float(size.sum()) / total)), max(len(docs), 1))
        ends = np.cumsum(size)
        cut = np.searchsorted(ends, ends[-1] * np.arange(1, wanted) / wanted, side="left") + 1
        bounds = [0, *sorted({int(c) for c in cut if 0 < c < len(docs)}), len(docs)]
        for low, high in zip(bounds[:-1], bounds[1:]):
            shares.append(docs[low:high])
            group_of.append(g)
    return shares, group_of


def collocates_parallel(corpus: Corpus | Iterable[Document], node: str, *, window: int = 5,
                        measure: str = "log_likelihood", min_count: int = 3, lexicon: Lexicon | bool | None = None,
                        side: str = "both", numbers: bool = False, jobs: int | None = None, backend: str = "local",
                        scheduler: str | None = None, progress: bool | None = False) -> pd.DataFrame:
    """:func:`toolkit.analysis.collocates.collocates` over ``jobs`` processes or a Dask cluster; the same table.

    Each batch gives what the node's windows hold and its word counts; both
    are sums over statements, added up here before the measures are
    computed once.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        The documents, read as they are needed.
    node : str
        A word, a pattern, or a formula or family id of ``lexicon``.
    window, measure, min_count, lexicon, side, numbers
        As :func:`~toolkit.analysis.collocates.collocates` takes them.
    jobs, backend, scheduler
        Where to run (:func:`run_batches`).
    progress : bool or None, default False
        A progress bar on stderr.

    Returns
    -------
    pandas.DataFrame
        The same table as :func:`~toolkit.analysis.collocates.collocates` gives.

    Examples
    --------
    >>> from toolkit import Corpus, collocates
    >>> corpus = Corpus.from_texts(["We strongly condemn the attack.", "They condemn the attack."])
    >>> collocates_parallel(corpus, "condemn*", min_count=1, jobs=2).equals(
    ...     collocates(corpus, "condemn*", min_count=1))
    True
    """
    documents = check_corpus(corpus, owner="collocates")  # its options, its messages
    check_collocate_options(node, window=window, measure=measure, min_count=min_count, side=side, numbers=numbers)
    jobs = check_backend(backend, owner="collocates_parallel", scheduler=scheduler, jobs=jobs)
    node_lexicon, ids = resolve_node(node, lexicon, owner="collocates")
    windows: list[NodeWindows] = []
    counts: list[WordTally] = []
    for near, words in run_batches(CollocatesBatch(node_lexicon, ids, window=window, side=side), documents,
                                   jobs=jobs, backend=backend, scheduler=scheduler, progress=progress,
                                   description="collocates"):
        windows.append(near)
        counts.append(words)
    return collocate_table(NodeWindows.combine(windows), WordTally.combine(counts).counts(), measure=measure,
                           min_count=min_count, numbers=numbers)


# ---------------------------------------------------------------------------
# Partitions held by worker processes: each tokenises its documents, then answers calls
# ---------------------------------------------------------------------------
def _reuse_start(work: Any) -> None:
    _WORKER["reuse"] = work


def _reuse_run(function: Any, item: Any) -> Any:
    return function(_WORKER["reuse"], item)


def _reuse_pool(jobs: int):
    """A mapper for :func:`toolkit.analysis.reuse.find_reuse` over ``jobs`` processes: the tokens reach each worker
    once (inherited where processes are forked, so their pages are shared; else sent), and at most ``2 * jobs``
    parts are in flight."""

    def mapper(function: Any, work: Any, items: Iterable[Any]) -> Iterator[Any]:
        inherit = multiprocessing.get_start_method() == "fork"
        setup: dict[str, Any] = {} if inherit else {"initializer": _reuse_start, "initargs": (work,)}
        if inherit:
            _WORKER["reuse"] = work
        try:
            with ProcessPoolExecutor(max_workers=jobs, **setup) as pool:
                pending = []
                for item in items:
                    pending.append(pool.submit(_reuse_run, function, item))
                    if len(pending) >= 2 * jobs:
                        yield pending.pop(0).result()
                for future in pending:
                    yield future.result()
        finally:
            _WORKER.pop("reuse", None)

    return mapper


def reuse_parallel(corpus: Corpus | Iterable[Document], *, jobs: int | None = None, backend: str = "local",
                   scheduler: str | None = None, **options: Any) -> pd.DataFrame:
    """:func:`toolkit.analysis.reuse.find_reuse` over ``jobs`` processes or a Dask cluster; the same table.

    Each part of the two stages (shingles by hash, seeds by pair of statements)
    is a task, the token ids sent once to each worker.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        The documents.
    jobs, backend, scheduler
        Where to run (:func:`run_batches`).
    **options
        The options of :func:`~toolkit.analysis.reuse.find_reuse`.

    Returns
    -------
    pandas.DataFrame
        The same table as :func:`~toolkit.analysis.reuse.find_reuse` gives.
    """
    from ..analysis.reuse import find_reuse

    owner = "reuse_parallel"
    documents = check_corpus(corpus, owner=owner)
    jobs = check_backend(backend, owner=owner, scheduler=scheduler, jobs=jobs)
    if backend == "dask":
        from .dask import reuse_mapper

        with reuse_mapper(scheduler, jobs) as mapper:
            return find_reuse(documents, mapper=mapper, **options)
    if (jobs or 1) == 1:
        return find_reuse(documents, **options)
    return find_reuse(documents, mapper=_reuse_pool(jobs or 1), **options)


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
        """Give a document to a partition; it is sent with others once a batch's worth is pending.

        Parameters
        ----------
        part : int
            The partition (worker) the document goes to.
        codes : list of int
            The actor code of each of its statements.
        order : list of int
            The number of each of its statements in the corpus.
        doc : Document
            The document.
        """
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
        """Tokenise what is left and build every partition.

        Parameters
        ----------
        shared : array of int
            The codes of the actors whose statements are in more than one partition.
        """
        for part in range(len(self)):
            self._flush(part)
            self.queues[part].put(None)
        for thread in self.threads:
            thread.join()
        for connection in self.connections:
            connection.send(("build", shared))
        self._answers()

    def call(self, method: str, args: Sequence[tuple]) -> list:
        """Call a method of every partition at once, each with its own arguments.

        Parameters
        ----------
        method : str
            The name of a method of :class:`toolkit.analysis.ngrams.NgramPartition`.
        args : sequence of tuple
            The arguments of each partition's call, in partition order.

        Returns
        -------
        list
            Each partition's result, in partition order.
        """
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
        """Stop the sending threads and the worker processes (those that do not stop in 10 s are terminated)."""
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
