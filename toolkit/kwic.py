"""Keyword in context, rendered from the stored spans of the matches table.

Nothing is matched here: each line is cut from the verbatim document text
around ``doc_start``/``doc_end`` of one row of the matches table, so every
KWIC line is a hit that the counts count, and its context is the text as it
was read (line breaks and typography included; :func:`format_kwic`
collapses whitespace only for display).
"""

from __future__ import annotations

from typing import Iterable, Mapping

import pandas as pd

from .corpus import Corpus, Document
from .errors import ParameterError
from .match import MATCH_COLUMNS, Matches
from .normalize import fold_for_tokens
from .resources import FUNCTION_WORDS
from .tokens import separator_ends_sentence, token_spans

__all__ = ["kwic", "format_kwic", "head_words", "KWIC_COLUMNS"]

KWIC_COLUMNS = [c for c in MATCH_COLUMNS if c != "matched_text"] + ["left", "matched_text", "right"]
_UNITS = ("tokens", "characters")


def _left_start(text: str, position: int, window: int) -> int:
    """Where the ``window`` tokens before ``position`` begin."""
    if window == 0:
        return position
    size = 16 * window + 64
    while True:
        begin = max(0, position - size)
        spans = token_spans(text[begin:position])
        # The first token of the slice may be cut; it counts only when the slice starts the text.
        usable = spans if begin == 0 else spans[1:]
        if len(usable) >= window or begin == 0:
            return begin + usable[-window][0] if len(usable) >= window else (begin + usable[0][0] if usable else position)
        size *= 4


def _right_end(text: str, position: int, window: int) -> int:
    """Where the ``window`` tokens after ``position`` end."""
    if window == 0:
        return position
    size = 16 * window + 64
    while True:
        end = min(len(text), position + size)
        spans = token_spans(text[position:end])
        usable = spans if end == len(text) else spans[:-1]
        if len(usable) >= window or end == len(text):
            return position + usable[window - 1][1] if len(usable) >= window else (
                position + usable[-1][1] if usable else position)
        size *= 4


def kwic(matches: Matches, corpus: Corpus | Iterable[Document] | Mapping[str, str], *, window: int = 5,
         unit: str = "tokens") -> pd.DataFrame:
    """Each hit with ``window`` tokens (or characters) of context on either side.

    Parameters
    ----------
    matches : Matches
        From :func:`toolkit.match.find_matches`; select formulae first with
        :meth:`Matches.select`.
    corpus : Corpus, iterable of Document, or mapping of document id to text
        The corpus the matches were found in (its texts are the context).
    window : int, default 5
        Context size on each side; the context stops at the document's edges.
    unit : {"tokens", "characters"}, default "tokens"

    Returns
    -------
    pandas.DataFrame
        The metadata of each hit (:data:`KWIC_COLUMNS`) with ``left``,
        ``matched_text`` and ``right`` verbatim, so that
        ``left + matched_text + right`` is a slice of the document.

    Examples
    --------
    >>> from toolkit.corpus import Corpus
    >>> from toolkit.lexicon import Lexicon
    >>> from toolkit.match import find_matches
    >>> corpus = Corpus.from_texts(["We firmly condemn terrorism in all its forms and wherever it occurs."])
    >>> lines = kwic(find_matches(corpus, Lexicon.from_phrases(["in all its forms"])), corpus, window=2)
    >>> lines[["left", "matched_text", "right"]].to_dict("records")
    [{'left': 'condemn terrorism ', 'matched_text': 'in all its forms', 'right': ' and wherever'}]
    """
    if isinstance(window, bool) or not isinstance(window, int) or window < 0:
        raise ParameterError(f"The 'window' parameter of kwic must be an int >= 0. Got {window!r} instead.")
    if unit not in _UNITS:
        raise ParameterError(f"The 'unit' parameter of kwic must be 'tokens' or 'characters'. Got {unit!r} instead.")
    texts = _texts(corpus, matches, "kwic")
    table = matches.table
    lefts, rights = [], []
    for doc_id, start, end in zip(table["doc_id"], table["doc_start"], table["doc_end"]):
        text = texts[doc_id]
        if unit == "characters":
            lefts.append(text[max(0, start - window):start])
            rights.append(text[end:end + window])
        else:
            lefts.append(text[_left_start(text, start, window):start])
            rights.append(text[end:_right_end(text, end, window)])
    out = table.drop(columns=["matched_text"]).assign(left=lefts, matched_text=table["matched_text"], right=rights)
    return out[KWIC_COLUMNS].reset_index(drop=True)


def _texts(corpus, matches: Matches, owner: str) -> dict[str, str]:
    """Document id -> text, checked to hold every document the matches name."""
    if isinstance(corpus, Mapping):
        texts = dict(corpus)
    elif isinstance(corpus, (str, Document)):
        raise ParameterError(f"The 'corpus' parameter of {owner} must be a Corpus, documents or a mapping of id to "
                             f"text. Got a single {type(corpus).__name__} instead.")
    else:
        texts = {doc.id: doc.text for doc in corpus}
    missing = sorted(set(matches.table["doc_id"]) - set(texts))
    if missing:
        raise ParameterError(f"{owner}: the corpus has no document {missing[0]!r} named in the matches.")
    return texts


def _flat(text: str) -> str:
    return " ".join(text.split())


def head_words(matches: Matches, corpus: Corpus | Iterable[Document] | Mapping[str, str], *,
               max_skip: int = 3) -> pd.DataFrame:
    """The word each hit is attached to: the nearest word before it in its sentence.

    Function words (:data:`toolkit.resources.FUNCTION_WORDS`: articles,
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
    >>> from toolkit.corpus import Corpus
    >>> from toolkit.lexicon import Lexicon
    >>> from toolkit.match import find_matches
    >>> corpus = Corpus.from_texts(["We reject Colonialism, in all its forms. In all its forms, no."])
    >>> m = find_matches(corpus, Lexicon.from_phrases(["in all its forms"]))
    >>> head_words(m, corpus)[["matched_text", "head"]].to_dict("records")
    [{'matched_text': 'in all its forms', 'head': 'colonialism'}, {'matched_text': 'In all its forms', 'head': ''}]
    """
    if isinstance(max_skip, bool) or not isinstance(max_skip, int) or max_skip < 0:
        raise ParameterError(f"The 'max_skip' parameter of head_words must be an int >= 0. Got {max_skip!r} instead.")
    texts = _texts(corpus, matches, "head_words")
    heads, starts, ends = [], [], []
    for doc_id, start in zip(matches.table["doc_id"], matches.table["doc_start"]):
        text = texts[doc_id]
        begin = _left_start(text, start, max_skip + 2)
        spans = token_spans(text[begin:start])
        found = ("", -1, -1)
        following = start
        for a, b in reversed(spans):
            a, b = begin + a, begin + b
            word = fold_for_tokens(text[a:b]).text.casefold()
            if separator_ends_sentence(text[b:following], word):
                break
            if word not in FUNCTION_WORDS:
                found = (word, a, b)
                break
            following = a
        heads.append(found[0])
        starts.append(found[1])
        ends.append(found[2])
    return matches.table.assign(head=heads, head_start=starts, head_end=ends)


def format_kwic(lines: pd.DataFrame, *, width: int = 40) -> str:
    """A concordance for the terminal: id, actor, year, then left context right-aligned, [hit], right context.

    Whitespace is collapsed and long contexts are cut at the outer end, for
    display only.
    """
    if lines.empty:
        return ""
    labels = [
        " ".join(str(v) for v in (doc, actor, year) if v is not None and not pd.isna(v))
        for doc, actor, year in zip(lines["doc_id"], lines["actor"], lines["year"])
    ]
    label_width = max(len(label) for label in labels)
    rows = []
    for label, left, hit, right in zip(labels, lines["left"], lines["matched_text"], lines["right"]):
        left, right = _flat(left), _flat(right)
        left = left if len(left) <= width else "…" + left[-(width - 1):]
        right = right if len(right) <= width else right[: width - 1] + "…"
        rows.append(f"{label:<{label_width}}  {left:>{width}} [{_flat(hit)}] {right}".rstrip())
    return "\n".join(rows) + "\n"
