"""The layout of real pages: datelines, headings, dates, and quotation marks.

News pages are not only sentences. A dateline ("LONDON (Reuters) -",
"Washington/London, Apr 23 (PTI)", "ISLAMABAD:") says where the report
comes from, and so whose officials "officials said" are; a heading on a line
of its own ("French President Emmanuel Macron", "UNITED NATIONS SECURITY
COUNCIL", "Pakistan: 'We stand with Sri Lanka'") names the speaker of the
quotes below it; the page's date says who held an office. These functions
read such things from text; they know no actor and no article.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .words import attribution_words

__all__ = ["Dateline", "Line", "find_dateline", "lines", "is_heading", "heading_label", "page_year", "quote_regions",
           "OPEN_QUOTES", "CLOSE_QUOTES", "STRAIGHT_QUOTES"]

OPEN_QUOTES = "“«„‘"
CLOSE_QUOTES = "”»’"
STRAIGHT_QUOTES = '"'


@functools.cache
def _months() -> str:
    """The month names of the word lists as an alternation, longest first ("september|january|...|may")."""
    return "|".join(sorted(attribution_words().months, key=lambda m: (-len(m), m)))


@functools.cache
def _dateline_pattern() -> re.Pattern[str]:
    """PLACE[/PLACE][, Month Day | Month Day][ (AGENCY)] followed by a separator, or (AGENCY) alone ending it."""
    months = _months()
    return re.compile(
        r"\A(?P<place>[A-Z][A-Za-z.'’-]*(?:(?:[ /]|, )[A-Z][A-Za-z.'’-]*){0,4})"
        rf"(?P<date>,?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?i:{months})\.?|(?i:{months})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?)"
        r"(?:,?\s+\d{4})?)?"
        r"\s*(?:(?P<agency>\((?:[A-Z][\w .&-]{1,30})\))\s*(?P<after>[:—–]|-(?=\s)|--)?|(?P<sep>[:—–]|-(?=\s)|--))\s*"
    )


@functools.cache
def _year_pattern() -> re.Pattern[str]:
    """A full date with its year: "April 21, 2019", "21 April 2019", "2019-04-21", "21/04/2019"."""
    months = _months()
    return re.compile(
        rf"(?i:\b(?:{months})\.?\s+\d{{1,2}},?\s+((?:19|20)\d\d)\b|\b\d{{1,2}}\s+(?:{months})\.?,?\s+((?:19|20)\d\d)\b"
        r"|\b((?:19|20)\d\d)-\d\d-\d\d\b|\b\d{1,2}/\d{1,2}/((?:19|20)\d\d)\b)"
    )


@dataclass(frozen=True)
class Dateline:
    """The place words of a dateline and where the dateline ends in its paragraph.

    Parameters
    ----------
    place : str
        The place words as written ("Washington/London").
    end : int
        The offset in the paragraph where the dateline (and its separator) ends.
    agency : str, optional
        The news agency in brackets ("(Reuters)").
    label : bool, default False
        Whether it is a label in title case before a colon ("Abu Dhabi: The Arab League has condemned ..."),
        which says where the line's own sentence comes from, or (on a round-up page) who speaks in it.
    """

    place: str
    end: int
    agency: str | None = None
    label: bool = False


def find_dateline(paragraph: str) -> Dateline | None:
    """The dateline that opens a paragraph, if it has one.

    A dateline is a place in capitals (or capitalised words) at the start,
    optionally a date and a news agency in brackets, ended by a colon or a
    dash, or by the agency itself. Capitalised words before a colon and a
    sentence of their own ("Abu Dhabi: The Arab League has condemned ...")
    are a *label*: the place of the sentence, or on a round-up page its
    speaker; before a quotation or a phrase without a final stop ("Pakistan:
    'We stand with Sri Lanka'") they are a heading, not a dateline.

    Parameters
    ----------
    paragraph : str
        A line of a page.

    Returns
    -------
    Dateline or None
        The dateline; None when the paragraph does not open with one (or is
        nothing but one).

    Examples
    --------
    >>> find_dateline("LONDON (Reuters) - The prime minister said ...")
    Dateline(place='LONDON', end=19, agency='(Reuters)', label=False)
    >>> find_dateline("Abu Dhabi: The Arab League has condemned the bombing.")
    Dateline(place='Abu Dhabi', end=11, agency=None, label=True)
    >>> find_dateline("Pakistan: 'We stand with Sri Lanka'") is None
    True
    >>> find_dateline("Washington/London, Apr 23 (PTI) European leaders condemned ...").place
    'Washington/London'
    >>> find_dateline("ISLAMABAD Sept 29 (APP): Saudi Arabia ...").end
    25
    >>> find_dateline("Pakistan condemned the attack.") is None
    True
    """
    m = _dateline_pattern().match(paragraph)
    if m is None:
        return None
    place = m.group("place")
    if place.split()[0] in ("The", "A", "An"):
        return None
    capitals = re.sub(r"[/, ]", "", place.split(",")[0]).isupper()
    dash = (m.group("sep") or m.group("after") or "") in ("—", "–", "-", "--")
    if m.end() >= len(paragraph):
        return None
    if not (capitals or m.group("date") or (m.group("agency") and m.group("after")) or dash):
        # "Pakistan: 'We stand ...'" is a heading, "The European Union (EU) said" a sentence
        rest = paragraph[m.end():]
        if m.group("sep") == ":" and rest[:1].isupper() and re.search(r"[.!?]['’”\"]?\s*$", rest):
            return Dateline(place, m.end(), None, label=True)
        return None
    return Dateline(place, m.end(), m.group("agency"))


@dataclass(frozen=True)
class Line:
    """A non-blank line of a document: ``[start, end)`` without its spaces and without a leading dateline.

    Parameters
    ----------
    start, end : int
        The line's span in the document, after its dateline.
    dateline : Dateline, optional
        The dateline cut from its start.
    """

    start: int
    end: int
    dateline: Dateline | None = None


def lines(text: str) -> list[Line]:
    r"""Every non-blank line of ``text``, spaces trimmed, a dateline cut from its start and kept beside it.

    A text whose lines are a typesetter's (many breaking a sentence before a
    lower-case word) has its broken lines joined first.

    Parameters
    ----------
    text : str
        A document.

    Returns
    -------
    list of Line
        Its lines, in order.

    Examples
    --------
    >>> text = "Title\n\nLONDON (Reuters) - Britain said ..."
    >>> [(text[l.start:l.end], l.dateline.place if l.dateline else None) for l in lines(text)]
    [('Title', None), ('Britain said ...', 'LONDON')]
    """
    spans = []  # (start, end, blank line before)
    position = 0
    blank = True
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            begin = position + (len(body) - len(body.lstrip()))
            spans.append((begin, begin + len(stripped), blank))
            blank = False
        else:
            blank = True
        position += len(raw)
    if _hard_wrapped(text, spans):
        joined: list[tuple[int, int, bool]] = []
        for start, end, after_blank in spans:
            if joined and not after_blank and not re.search(r"[.!?:…”\"']$", text[joined[-1][0]:joined[-1][1]]) \
                    and text[start] not in OPEN_QUOTES + STRAIGHT_QUOTES:
                joined[-1] = (joined[-1][0], end, joined[-1][2])
            else:
                joined.append((start, end, after_blank))
        spans = joined
    found = []
    for begin, end, _ in spans:
        dateline = find_dateline(text[begin:end])
        found.append(Line(begin + (dateline.end if dateline is not None else 0), end, dateline))
    return found


def _hard_wrapped(text: str, spans: list[tuple[int, int, bool]]) -> bool:
    """Whether the lines of a text are a typesetter's, breaking sentences: many end mid-sentence before lower case."""
    pairs = [(first, second) for first, second in zip(spans, spans[1:]) if not second[2]]
    if len(pairs) < 3:
        return False
    wrapped = sum(1 for (a, b, _), (c, _, _) in pairs
                  if not re.search(r"[.!?:…”\"']$", text[a:b]) and text[c:c + 1].islower())
    return wrapped >= 0.3 * len(pairs)


def page_year(text: str, *, lines: int = 12) -> int | None:
    r"""The year of the first full date in the first lines of a page ("Published April 21, 2019").

    Parameters
    ----------
    text : str
        A document.
    lines : int, default 12
        How many lines of its start to search.

    Returns
    -------
    int or None
        The year; None when no full date is found.

    Examples
    --------
    >>> page_year("Statement\nPublished 21 April 2019\n\nThe minister said ..."), page_year("No date here.")
    (2019, None)
    """
    head = "\n".join(text.splitlines()[:lines])
    m = _year_pattern().search(head)
    if m is None:
        return None
    return int(next(g for g in m.groups() if g))


def is_heading(line: str, *, max_words: int = 20) -> bool:
    """Whether a line is a heading: short, and not a sentence (no final full stop outside quotes).

    Parameters
    ----------
    line : str
        A line of a page.
    max_words : int, default 20
        The most words a heading has.

    Returns
    -------
    bool
        Whether it is a heading.

    Examples
    --------
    >>> is_heading("French President Emmanuel Macron"), is_heading("Pakistan: 'We stand with Sri Lanka'")
    (True, True)
    >>> is_heading("Macron said the attack was heinous."), is_heading("“We stand with you,” he said")
    (False, False)
    """
    stripped = line.strip()
    if not stripped or stripped[0] in OPEN_QUOTES + STRAIGHT_QUOTES:
        return False
    outside = re.sub(r"[“\"'‘].*?[”\"'’](?=\W*$)", "", stripped)  # a quoted snippet at the end
    if re.search(r"[.!?…]['’”\"]?\s*$", outside) or len(stripped.split()) > max_words:
        return False
    return not re.search(r"[.!?]\s+[A-Z]", outside)


def heading_label(line: str) -> str:
    """The part of a heading that names its speaker: before a colon or a dash ("Pakistan: 'We stand...'").

    Parameters
    ----------
    line : str
        A heading.

    Returns
    -------
    str
        Its label, trimmed; the whole heading when it has no colon or dash.

    Examples
    --------
    >>> heading_label("Kenya: 'We stand with you'"), heading_label("UN chief - a statement")
    ('Kenya', 'UN chief')
    """
    label = re.split(r"\s*(?::|\s[-—–]\s)\s*", line.strip(), maxsplit=1)[0]
    return label.strip()


def quote_regions(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every quotation in a paragraph; a mark left open closes at the paragraph's end.

    Apostrophes inside words ("Pakistan’s") are not quotation marks; a
    single quote opens only before a word and closes only after one.

    Parameters
    ----------
    text : str
        A paragraph.

    Returns
    -------
    list of tuple of int
        The ``(start, end)`` of each quotation, its marks included, in order.

    Examples
    --------
    >>> text = "Kenya’s minister said “it was cowardly” and 'unacceptable"
    >>> [text[a:b] for a, b in quote_regions(text)]
    ['“it was cowardly”', "'unacceptable"]
    """
    regions = []
    opened: tuple[int, str] | None = None
    for k, char in enumerate(text):
        if char not in OPEN_QUOTES + CLOSE_QUOTES + STRAIGHT_QUOTES + "'":
            continue
        before = text[k - 1] if k else " "
        after = text[k + 1] if k + 1 < len(text) else " "
        if char in "’'" and before.isalnum() and (after.isalnum() or char == "'" and after == "s"):
            continue  # an apostrophe inside a word
        single = char in "‘’'"
        if opened is None:
            if char in OPEN_QUOTES or (char in STRAIGHT_QUOTES + "'" and not before.isalnum()):
                if single and not after.isalnum():
                    continue
                opened = (k, "single" if single else "double")
        else:
            kind = "single" if single else "double"
            if kind == opened[1] and (char in CLOSE_QUOTES or char in STRAIGHT_QUOTES + "'"):
                if single and char != "‘" and not (before.isalnum() or before in ".,!?;:"):
                    continue
                regions.append((opened[0], k + 1))
                opened = None
    if opened is not None:
        regions.append((opened[0], len(text)))
    return regions
