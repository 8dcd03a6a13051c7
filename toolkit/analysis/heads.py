"""What a formula is attached to: the head word before each hit.

"Terrorism in all its forms and manifestations" and "colonialism in all its
forms" use one formula about different things. :func:`head_words` reads, for
each row of a matches table, the nearest content word before the hit in its
sentence, from the verbatim text around the stored span; nothing is matched
again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from ..formulae.kwic import document_texts, left_start
from ..formulae.match import Matches, check_matches
from ..text.corpus import Corpus, Document
from ..text.normalize import fold_for_tokens
from ..text.tokens import ends_sentence, token_spans
from ..validation import check_int

__all__ = ["FUNCTION_WORDS", "head_words"]

#: Words passed over when looking for the word a formula is attached to
#: ("acts of terrorism, in all its forms" -> "terrorism"): articles,
#: conjunctions, possessives and quantifiers.
FUNCTION_WORDS = frozenset(
    """
    a an the and or nor but of its their his her our your my all any every each such this that these those
    also as well including
    """.split()
)


def head_words(matches: Matches, corpus: Corpus | Iterable[Document] | Mapping[str, str], *,
               max_skip: int = 3) -> pd.DataFrame:
    """The word each hit is attached to: the nearest word before it in its sentence.

    Function words (:data:`FUNCTION_WORDS`: articles,
    conjunctions, possessives) are passed over, at most ``max_skip`` of them,
    so that "terrorism, in all its forms" and "acts of terrorism and
    extremism in all their forms" give ``terrorism`` and ``extremism``. The
    search never crosses a sentence end; a hit that opens its sentence, or
    follows only function words, has no head word (an empty string).

    Parameters
    ----------
    matches : Matches
    corpus : Corpus, iterable of Document, or mapping of document id to text
        The corpus the matches were found in.
    max_skip : int, default 3

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
            if word not in FUNCTION_WORDS:
                found = (word, a, b)
                break
            following = a
        heads.append(found[0])
        starts.append(found[1])
        ends.append(found[2])
    return matches.table.assign(head=heads, head_start=starts, head_end=ends)
