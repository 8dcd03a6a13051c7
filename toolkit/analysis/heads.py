"""What a formula is attached to: the head word before each hit.

"Terrorism in all its forms and manifestations" and "colonialism in all its
forms" use one formula about different things. :func:`head_words` reads, for
each row of a matches table, the nearest content word before the hit in its
sentence, from the verbatim text around the stored span; nothing is matched
again. The words passed over are the toolkit's one list of function words,
``toolkit/data/function_words.txt`` (:func:`toolkit.io.function_words`),
the list discovery uses to tell phrases from fragments.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from ..formulae.kwic import document_texts, left_start
from ..formulae.match import Matches, check_matches
from ..io.shipped import word_list
from ..text.corpus import Corpus, Document
from ..text.normalize import fold_for_tokens
from ..text.tokens import ends_sentence, token_spans
from ..validation import check_int, warn_renamed

__all__ = ["head_words"]


def __getattr__(name: str) -> Any:
    """``FUNCTION_WORDS``, this module's own list until 0.2: now the toolkit's one list, with a FutureWarning."""
    if name == "FUNCTION_WORDS":
        warn_renamed("toolkit.analysis.heads.FUNCTION_WORDS was replaced by the toolkit's one list of function "
                     "words, toolkit.io.function_words()")
        return word_list("function_words")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def head_words(matches: Matches, corpus: Corpus | Iterable[Document] | Mapping[str, str], *,
               max_skip: int = 3) -> pd.DataFrame:
    """The word each hit is attached to: the nearest word before it in its sentence.

    Function words (the toolkit's one list, ``toolkit/data/function_words.txt``:
    articles, determiners, pronouns, prepositions, conjunctions, auxiliaries)
    are passed over, so that "terrorism, in all its forms" and "acts of
    terrorism and extremism in all their forms" give ``terrorism`` and
    ``extremism``, and "to combat it in all its forms" gives ``combat``, not
    ``it``. The head is looked for among the ``max_skip + 2`` words before
    the hit (so up to ``max_skip + 1`` function words are passed over). The
    search never crosses a sentence end; a hit that opens its sentence, or
    follows only function words, has no head word (an empty string).

    Parameters
    ----------
    matches : Matches
        The matches table of the corpus (:func:`toolkit.formulae.match.find_matches`).
    corpus : Corpus, iterable of Document, or mapping of document id to text
        The corpus the matches were found in.
    max_skip : int, default 3
        How far to look: the ``max_skip + 2`` words before the hit.

    Returns
    -------
    pandas.DataFrame
        The matches table with ``head`` (case-folded) and ``head_start``,
        ``head_end`` (its span in the document; -1 when there is none).

    Examples
    --------
    >>> from toolkit import Corpus, Lexicon, find_matches
    >>> corpus = Corpus.from_texts(["We reject Colonialism, in all its forms. In all its forms, no."])
    >>> m = find_matches(corpus, Lexicon.from_phrases(["in all its forms"]))
    >>> head_words(m, corpus)[["matched_text", "head"]].to_dict("records")
    [{'matched_text': 'in all its forms', 'head': 'colonialism'}, {'matched_text': 'In all its forms', 'head': ''}]
    """
    check_matches(matches, owner="head_words")
    check_int(max_skip, "max_skip", owner="head_words", low=0)
    texts = document_texts(corpus, matches, "head_words")
    function_words = word_list("function_words")
    heads, starts, ends = [], [], []
    for doc_id, start in zip(matches.table["doc_id"], matches.table["doc_start"]):
        text = texts[doc_id]
        begin = left_start(text, start, max_skip + 2)
        spans = token_spans(text[begin:start])
        found = ("", -1, -1)
        following = start
        for a, b in reversed(spans):
            a, b = begin + a, begin + b
            word = fold_for_tokens(text[a:b]).text.casefold()
            if ends_sentence(text, b, following, word):
                break
            if word not in function_words:
                found = (word, a, b)
                break
            following = a
        heads.append(found[0])
        starts.append(found[1])
        ends.append(found[2])
    return matches.table.assign(head=heads, head_start=starts, head_end=ends)
