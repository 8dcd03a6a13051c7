"""Keyword in context, rendered from the stored spans of the matches table.

Nothing is matched here: each line is cut from the verbatim document text
around ``doc_start``/``doc_end`` of one row of the matches table, so every
KWIC line is a hit that the counts count, and its context is the text as it
was read (line breaks and typography included; :func:`format_kwic`
collapses whitespace only for display).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from ..text.corpus import Corpus, Document
from ..text.tokens import token_spans
from ..validation import check_choice, check_corpus, check_int, parameter_error
from .match import MATCH_COLUMNS, Matches, check_matches

__all__ = ["kwic", "format_kwic", "left_start", "right_end", "document_texts", "KWIC_COLUMNS"]

#: The columns of a KWIC table: the hit's (the formula named by id, then by the lexicon's label and the variant's
#: wording, as in the count tables), then the context and the hit.
KWIC_COLUMNS = [name for c in MATCH_COLUMNS if c != "matched_text"
                for name in ([c, "family_label", "formula_label"] if c == "formula" else [c])] + \
    ["left", "matched_text", "right"]
_UNITS = ("tokens", "characters")


def left_start(text: str, position: int, window: int) -> int:
    """Where the ``window`` tokens before ``position`` begin.

    Parameters
    ----------
    text : str
        The verbatim text.
    position : int
        A character offset in ``text``, at the start of a token.
    window : int
        The number of tokens wanted before it.

    Returns
    -------
    int
        The offset where the first of them starts (fewer at the start of the text).

    Examples
    --------
    >>> left_start("We firmly condemn it", 10, 1)
    3
    """
    if window == 0:
        return position
    size = 16 * window + 64
    while True:
        begin = max(0, position - size)
        spans = token_spans(text[begin:position])
        # The first token of the slice may be cut; it counts only when the slice starts the text.
        usable = spans if begin == 0 else spans[1:]
        if len(usable) >= window or begin == 0:
            if len(usable) >= window:
                return begin + usable[-window][0]
            return begin + usable[0][0] if usable else position
        size *= 4


def right_end(text: str, position: int, window: int) -> int:
    """Where the ``window`` tokens after ``position`` end.

    Parameters
    ----------
    text : str
        The verbatim text.
    position : int
        A character offset in ``text``, at the end of a token.
    window : int
        The number of tokens wanted after it.

    Returns
    -------
    int
        The offset where the last of them ends (fewer at the end of the text).

    Examples
    --------
    >>> right_end("We firmly condemn it", 9, 1)
    17
    """
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
        From :func:`toolkit.formulae.match.find_matches`; select formulae first with
        :meth:`Matches.select`.
    corpus : Corpus, iterable of Document, or mapping of document id to text
        The corpus the matches were found in (its texts are the context).
    window : int, default 5
        Context size on each side; the context stops at the document's edges.
    unit : {"tokens", "characters"}, default "tokens"

    Returns
    -------
    pandas.DataFrame
        The metadata of each hit (:data:`KWIC_COLUMNS`): its formula by id
        and by name (``family_label``, the lexicon family's label;
        ``formula_label``, the variant's pattern(s) as written, as in
        :func:`~toolkit.formulae.counts.count_matches`), with ``left``,
        ``matched_text`` and ``right`` verbatim, so that
        ``left + matched_text + right`` is a slice of the document.

    Examples
    --------
    >>> from toolkit import Corpus, Lexicon, find_matches
    >>> corpus = Corpus.from_texts(["We firmly condemn terrorism in all its forms and wherever it occurs."])
    >>> lines = kwic(find_matches(corpus, Lexicon.from_phrases(["in all its forms"])), corpus, window=2)
    >>> lines[["left", "matched_text", "right"]].to_dict("records")
    [{'left': 'condemn terrorism ', 'matched_text': 'in all its forms', 'right': ' and wherever'}]
    """
    check_matches(matches, owner="kwic")
    check_int(window, "window", owner="kwic", low=0)
    check_choice(unit, "unit", owner="kwic", choices=_UNITS)
    texts = document_texts(corpus, matches, "kwic")
    table = matches.table
    lefts, rights = [], []
    for doc_id, start, end in zip(table["doc_id"], table["doc_start"], table["doc_end"]):
        text = texts[doc_id]
        if unit == "characters":
            lefts.append(text[max(0, start - window):start])
            rights.append(text[end:end + window])
        else:
            lefts.append(text[left_start(text, start, window):start])
            rights.append(text[end:right_end(text, end, window)])
    formulae = matches.formulae.set_index("formula")
    out = table.drop(columns=["matched_text"]).assign(
        family_label=table["formula"].map(formulae["label"]), formula_label=table["formula"].map(formulae["patterns"]),
        left=lefts, matched_text=table["matched_text"], right=rights)
    return out[KWIC_COLUMNS].reset_index(drop=True)


def document_texts(corpus, matches: Matches, owner: str) -> dict[str, str]:
    """The text of each document, checked to hold every document the matches name.

    Parameters
    ----------
    corpus : Corpus, iterable of Document, or mapping of document id to text
        The corpus the matches were found in.
    matches : Matches
        The matches.
    owner : str
        The function the corpus was given to, as its errors name it.

    Returns
    -------
    dict of str to str
        The text of each document, by id.
    """
    if isinstance(corpus, Mapping):
        texts = dict(corpus)
    else:
        texts = {doc.id: doc.text for doc in check_corpus(corpus, owner=owner)}
    missing = sorted(set(matches.table["doc_id"]) - set(texts))
    if missing:
        raise parameter_error(corpus, "corpus", owner=owner, expected="the corpus the matches were found in",
                              got=f"a corpus without the document {missing[0]!r} of the matches")
    return texts


def _flat(text: str) -> str:
    return " ".join(text.split())


def format_kwic(lines: pd.DataFrame, *, width: int = 40) -> str:
    """A concordance for the terminal: id, actor, year, then left context right-aligned, [hit], right context.

    Whitespace is collapsed and long contexts are cut at the outer end, for
    display only.

    Parameters
    ----------
    lines : pandas.DataFrame
        From :func:`kwic`.
    width : int, default 40
        The most characters of context shown on each side.

    Returns
    -------
    str
        One line per hit, each ending in a line break; empty without hits.
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
