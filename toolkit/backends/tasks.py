"""The work done on each batch of documents, the same on every back end.

A task is a small picklable object: it is sent once to each local worker
process (or with each batch to a Dask worker), builds its heavy state there
once (:meth:`BatchTask.setup`: a compiled matcher, a spaCy pipeline), and is
called on each batch of documents. Its result for a batch depends only on
the batch, so the results of consecutive batches, put together in order, are
the result of the single-process function on the whole corpus; that is what
makes every back end give the same table.

Tasks compose: :class:`AttributeFirst` splits each batch into statements by
actor (:func:`toolkit.attribution.attribute_statements`) before the task it
wraps, so that the slowest step per byte, the parse, runs on the workers too.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from ..analysis.collocates import NodeWindows, node_windows
from ..analysis.intensity import IntensityScale, score_intensity
from ..attribution.gazetteer import Gazetteer
from ..attribution.statements import attribute_statements, hits_outside_statements
from ..formulae.counts import count_matches, metadata_columns
from ..formulae.kwic import kwic
from ..formulae.lexicon import Lexicon
from ..formulae.match import Matcher, Matches, find_matches
from ..io.data import default_gazetteer
from ..text.corpus import Document
from ..text.groups import metadata_names
from ..text.tokenized import TokenizedCorpus, WordTally, tokenize_corpus

#: One parse at a time in a process: a Dask worker may run batches in several threads, and they share the one
#: spaCy pipeline a process loads.
_PARSING = threading.Lock()

__all__ = ["PARSE_CHARACTERS", "BatchTask", "AttributeBatch", "AttributeFirst", "CollocatesBatch", "CountBatch",
           "IntensityBatch", "KwicBatch", "MatchBatch", "TokenizeBatch"]


#: Characters of news per batch when a task parses (about 45 KB a second on one core: a few seconds a
#: batch, so that the batches of a small corpus still spread over the workers).
PARSE_CHARACTERS = 200_000


class BatchTask:
    """Work on one batch of documents; :meth:`setup` builds what every batch needs, once per process.

    The state that :meth:`setup` builds is not pickled: each process builds its own. ``characters`` is the
    size of the batches the task wants (None: :data:`toolkit.backends.parallel.BATCH_CHARACTERS`).
    """

    _state: Any = None
    characters: int | None = None

    def setup(self) -> None:
        """Build the heavy state of the task in this process (nothing by default)."""

    def run(self, batch: list[Document]) -> Any:  # pragma: no cover - every task defines it
        """The result of the task on one batch.

        Parameters
        ----------
        batch : list of Document
            Consecutive documents of the corpus.

        Returns
        -------
        object
            What the task gives for the batch.
        """
        raise NotImplementedError

    def __call__(self, batch: list[Document]) -> Any:
        """Set up on first use in this process, then :meth:`run` the batch.

        Parameters
        ----------
        batch : list of Document
            Consecutive documents of the corpus.

        Returns
        -------
        object
            The task's result for the batch.
        """
        if self._state is None:
            self.setup()
        return self.run(batch)

    def __getstate__(self) -> dict:
        return {key: value for key, value in self.__dict__.items() if key != "_state"}


class MatchBatch(BatchTask):
    """The matches of a lexicon in a batch: its hits table and its statements table."""

    def __init__(self, lexicon: Lexicon, *, dehyphenate: bool = False) -> None:
        self.lexicon = lexicon
        self.dehyphenate = dehyphenate

    def setup(self) -> None:
        """Compile the lexicon once in this process."""
        self._state = Matcher(self.lexicon, dehyphenate=self.dehyphenate)

    def run(self, batch: list[Document]) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The (hits, statements) tables of the batch.

        Parameters
        ----------
        batch : list of Document
            Consecutive documents of the corpus.

        Returns
        -------
        tuple of (DataFrame, DataFrame)
            The hits and statements tables of the batch's matches.
        """
        found = find_matches(batch, self._state)
        return found.table, found.statements


class CountBatch(MatchBatch):
    """The counts of a lexicon's formulae in a batch, without rates (counts are summed before rates)."""

    def __init__(self, lexicon: Lexicon, *, by: Sequence[str], level: str, dehyphenate: bool = False) -> None:
        super().__init__(lexicon, dehyphenate=dehyphenate)
        self.by = list(by)
        self.level = level

    def run(self, batch: list[Document]) -> pd.DataFrame:
        """The count table of the batch (:func:`toolkit.formulae.counts.count_matches`, ``rates=False``).

        A metadata column that ``by`` names and no document of the batch has
        is counted as missing (None) here: another batch may have it. Which
        metadata columns the batch has is in ``attrs["metadata"]``, so that
        a name no batch has can be refused once all are counted.

        Parameters
        ----------
        batch : list of Document
            Consecutive documents of the corpus.

        Returns
        -------
        pandas.DataFrame
            The counts of the batch, without rates; ``attrs["metadata"]``
            lists the batch's metadata columns, sorted.
        """
        found = find_matches(batch, self._state)
        statements = found.statements
        present = metadata_columns(statements)
        absent = [name for name in metadata_names(self.by) if name not in statements.columns]
        if absent:
            found = Matches(found.table, statements.assign(**dict.fromkeys(absent)), found.formulae, found.skipped)
        counts = count_matches(found, by=self.by, level=self.level, rates=False)
        counts.attrs["metadata"] = sorted(present)
        return counts


class KwicBatch(MatchBatch):
    """Every hit of a batch in its context (:func:`toolkit.formulae.kwic.kwic`)."""

    def __init__(self, lexicon: Lexicon, *, formulae: Sequence[str] | None, window: int, unit: str,
                 dehyphenate: bool = False) -> None:
        super().__init__(lexicon, dehyphenate=dehyphenate)
        self.formulae = tuple(formulae) if formulae else None
        self.window = window
        self.unit = unit

    def run(self, batch: list[Document]) -> pd.DataFrame:
        """The KWIC lines of the batch's hits of the chosen formulae.

        Parameters
        ----------
        batch : list of Document
            Consecutive documents of the corpus.

        Returns
        -------
        pandas.DataFrame
            The KWIC lines, in the batch's order.
        """
        found = find_matches(batch, self._state)
        if self.formulae:
            found = found.select(self.formulae)
        return kwic(found, batch, window=self.window, unit=self.unit)


class IntensityBatch(MatchBatch):
    """The intensity of each statement of a batch (:func:`toolkit.analysis.intensity.score_intensity`).

    Parameters
    ----------
    scale : IntensityScale
        The scale.
    cues : bool, default False
        One row per counted cue instead of one per statement.
    mode : {"auto", "parse", "rules"}, default "auto"
        How cues are read (:func:`toolkit.analysis.intensity.intensity_mode`).
    """

    def __init__(self, scale: IntensityScale, *, cues: bool = False, mode: str = "auto") -> None:
        super().__init__(scale.lexicon)
        self.scale = scale
        self.cues = cues
        self.mode = mode

    def run(self, batch: list[Document], parses: Mapping[str, Any] | None = None) -> pd.DataFrame:
        """One row per statement of the batch (per counted cue with ``cues=True``).

        Parameters
        ----------
        batch : list of Document
            Consecutive documents of the corpus.
        parses : mapping of str to list of Paragraph, optional
            The parse of the documents that attribution split (:attr:`toolkit.attribution.Attribution.parses`),
            read again in parse mode rather than parsed twice.

        Returns
        -------
        pandas.DataFrame
            The intensity of each statement (or each cue).
        """
        return score_intensity(find_matches(batch, self._state), batch, scale=self.scale, cues=self.cues,
                               mode=self.mode, parses=parses)


class CollocatesBatch(MatchBatch):
    """What a node's windows hold in a batch, and the batch's word frequencies: both sum over batches.

    Parameters
    ----------
    lexicon : Lexicon
        The lexicon whose matches are the node (:func:`toolkit.analysis.collocates.resolve_node`).
    ids : sequence of str, optional
        Keep only the matches of these formula or family ids (None: all).
    window : int
        Word tokens on each side of the node, within its sentence.
    side : {"both", "left", "right"}
        Which windows are read.
    """

    def __init__(self, lexicon: Lexicon, ids: Sequence[str] | None, *, window: int, side: str) -> None:
        super().__init__(lexicon)
        self.ids = list(ids) if ids is not None else None
        self.window = window
        self.side = side

    def run(self, batch: list[Document]) -> tuple[NodeWindows, WordTally]:
        """The node's windows in the batch (:func:`toolkit.analysis.collocates.node_windows`) and its word tally.

        Parameters
        ----------
        batch : list of Document
            Consecutive documents of the corpus.

        Returns
        -------
        tuple of (NodeWindows, WordTally)
            Counts that :meth:`NodeWindows.combine` and :meth:`WordTally.combine` sum over batches (the
            tally's words stay packed: they are spelled once, at the end).
        """
        tally = WordTally(statements=False)
        return node_windows(batch, self._state, self.ids, window=self.window, side=self.side, tally=tally), tally


class TokenizeBatch(BatchTask):
    """The token ids of a batch (:func:`toolkit.text.tokenized.tokenize_corpus`)."""

    def setup(self) -> None:
        """Nothing to build."""
        self._state = True

    def run(self, batch: list[Document]) -> TokenizedCorpus:
        """The batch's tokenisation.

        Parameters
        ----------
        batch : list of Document
            Consecutive documents of the corpus.

        Returns
        -------
        TokenizedCorpus
            The token ids of the batch.
        """
        return tokenize_corpus(batch)


class AttributeBatch(BatchTask):
    """The statements by actor of a batch of news articles: the attributed documents and the table."""

    characters = PARSE_CHARACTERS

    def __init__(self, gazetteer: Gazetteer | None = None, *, pipeline: str | None = None) -> None:
        self.gazetteer = gazetteer
        self.pipeline = pipeline

    def setup(self) -> None:
        """Take the gazetteer (the shipped one unless given) once in this process.

        The spaCy pipeline loads with the first document without an actor (a news article): a table of
        statements with an actor column is never parsed.
        """
        self._state = self.gazetteer if self.gazetteer is not None else default_gazetteer()

    def run(self, batch: list[Document]) -> tuple[list[Document], pd.DataFrame, dict[str, Any]]:
        """The attributed documents of the batch, in order, their statements table, and their parse.

        Parameters
        ----------
        batch : list of Document
            Consecutive documents of the corpus.

        Returns
        -------
        tuple of (list of Document, DataFrame, dict)
            The documents with their statements, the statements table, and the parse of every split
            document by id (:attr:`toolkit.attribution.Attribution.parses`), for a task that reads it again.
        """
        with _PARSING:
            found = attribute_statements(batch, self._state, pipeline=self.pipeline)
        return list(found.corpus.documents), found.table, found.parses


class AttributeFirst(BatchTask):
    """Attribute each batch, then run another task on its attributed documents.

    Parameters
    ----------
    then : BatchTask
        The task run on the attributed documents.
    attribute : AttributeBatch, optional
        The attribution (default: the shipped gazetteer and pipeline).
    outside : bool, default False
        Also count the hits of ``then``'s lexicon (of its chosen formulae, for KWIC) that lie in no statement
        (:func:`toolkit.attribution.statements.hits_outside_statements`): each batch then gives
        ``(result, n_outside)``. Only the documents that were split are matched again.
    """

    characters = PARSE_CHARACTERS

    def __init__(self, then: BatchTask, attribute: AttributeBatch | None = None, *, outside: bool = False) -> None:
        self.then = then
        self.attribute = attribute if attribute is not None else AttributeBatch()
        self.outside = outside

    def setup(self) -> None:
        """Set up both tasks."""
        self.attribute.setup()
        self.then.setup()
        self._state = True

    def run(self, batch: list[Document]) -> Any:
        """The wrapped task's result on the batch split into statements by actor.

        Parameters
        ----------
        batch : list of Document
            Consecutive documents of the corpus.

        Returns
        -------
        object
            What the wrapped task gives for the attributed batch; with ``outside``, that and the number of hits
            outside every statement.
        """
        documents, _, parses = self.attribute(batch)
        if isinstance(self.then, IntensityBatch):  # one parse per document: intensity reads attribution's
            if self.then._state is None:
                self.then.setup()
            result = self.then.run(documents, parses)
        else:
            result = self.then(documents)
        if not self.outside:
            return result
        if not isinstance(self.then, MatchBatch):
            return result, 0
        outside = hits_outside_statements(batch, documents, self.then._state)
        chosen = getattr(self.then, "formulae", None)
        if chosen:
            outside = outside[outside["formula"].isin(chosen) | outside["family"].isin(chosen)]
        return result, len(outside)
