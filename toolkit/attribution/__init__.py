"""Layer 2, attribution: statements by actor in news articles.

* :mod:`~toolkit.attribution.gazetteer`: states, organisations and media
  (:class:`Entity`, :class:`Gazetteer`), read from ``toolkit/data/`` by
  :func:`toolkit.io.default_gazetteer`;
* :mod:`~toolkit.attribution.statements`: sources, cues and content, and the
  resolution of speakers to actors (:func:`attribute_statements`; documents
  that have an actor pass through), and the hits left in no statement
  (:func:`hits_outside_statements`);
* :mod:`~toolkit.attribution.words`: the word lists the rules use, read
  from ``toolkit/data/attribution_words.yaml`` on first use
  (:func:`~toolkit.attribution.words.attribution_words`);
* :mod:`~toolkit.attribution.evaluate`: scores against a gold table
  (:func:`evaluate_attribution`).
"""

from .evaluate import evaluate_attribution
from .gazetteer import ACTOR_TYPES, Entity, Gazetteer, Mention
from .statements import (
    ATTRIBUTION_COLUMNS,
    OUTSIDE_COLUMNS,
    Attribution,
    attribute_statements,
    has_actor,
    hits_outside_statements,
)

__all__ = ["evaluate_attribution", "ACTOR_TYPES", "Entity", "Gazetteer", "Mention", "ATTRIBUTION_COLUMNS",
           "OUTSIDE_COLUMNS", "Attribution", "attribute_statements", "has_actor", "hits_outside_statements"]
