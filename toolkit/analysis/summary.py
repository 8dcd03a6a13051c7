"""What a corpus holds: documents, statements, tokens, years, actors, and what was skipped."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..text.corpus import Corpus, Document, Skipped
from ..text.tokens import count_tokens
from ..validation import check_corpus

__all__ = ["CorpusSummary", "summarize_corpus"]


@dataclass(frozen=True)
class CorpusSummary:
    """The size and coverage of a corpus (:func:`summarize_corpus`).

    Parameters
    ----------
    documents, statements : int
        How many documents and statements the corpus holds.
    tokens, characters : int
        Counted over whole documents.
    year_min, year_max : int or None
        The first and last year of its documents and statements (None without years).
    actors : int
        Distinct statement actors (by ``actor_id`` where there is one, else by name).
    skipped : tuple of Skipped
        What the loaders passed over, each with its reason.
    """

    documents: int
    statements: int
    tokens: int
    characters: int
    year_min: int | None
    year_max: int | None
    actors: int
    skipped: tuple[Skipped, ...]

    def to_dict(self) -> dict:
        """The summary as a JSON-ready dict.

        Returns
        -------
        dict
            The counts, ``years`` (``min``, ``max``), ``n_skipped``,
            ``skipped_by_reason``, and ``skipped``, every item with its reason.
        """
        reasons = Counter(s.reason for s in self.skipped)
        return {
            "documents": self.documents,
            "statements": self.statements,
            "tokens": self.tokens,
            "characters": self.characters,
            "years": {"min": self.year_min, "max": self.year_max},
            "actors": self.actors,
            "n_skipped": len(self.skipped),
            "skipped_by_reason": dict(sorted(reasons.items())),
            "skipped": [{"source": s.source, "reason": s.reason} for s in self.skipped],
        }


def summarize_corpus(corpus: Corpus | Iterable[Document]) -> CorpusSummary:
    """Summarise a corpus, or a stream of documents read once.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        A :class:`~toolkit.io.readers.DocumentStream` is consumed; its record of
        skipped items is read after the last document.

    Returns
    -------
    CorpusSummary
        Documents, statements, tokens, characters, years, actors and what was skipped.

    Examples
    --------
    >>> from toolkit import Document, Corpus
    >>> s = summarize_corpus(Corpus((Document("a", "We condemn it.", actor="Norway", year=2025),)))
    >>> s.documents, s.tokens, s.year_min, s.actors
    (1, 3, 2025, 1)
    """
    check_corpus(corpus, owner="summarize_corpus")
    documents = statements = tokens = characters = 0
    years: set[int] = set()
    actors: set[str] = set()
    for doc in corpus:
        documents += 1
        tokens += count_tokens(doc.text)
        characters += len(doc.text)
        for st in doc.statements:
            statements += 1
            if st.year is not None:
                years.add(st.year)
            actor = st.actor_id or st.actor
            if actor:
                actors.add(actor)
        if doc.year is not None:
            years.add(doc.year)
    return CorpusSummary(
        documents=documents,
        statements=statements,
        tokens=tokens,
        characters=characters,
        year_min=min(years) if years else None,
        year_max=max(years) if years else None,
        actors=len(actors),
        skipped=tuple(getattr(corpus, "skipped", ())),
    )
