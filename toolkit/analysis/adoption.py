"""Adoption: when each actor first used a formula, and the share of actors that had taken it up by each time.

Norm and policy diffusion is studied with event-history methods: each unit
(a state, an organisation) is followed from the time it can adopt until it
adopts or is no longer observed. A corpus of statements gives that data
directly, since the one matches table (:func:`~toolkit.formulae.match.find_matches`)
holds every use of every formula with its actor, time and exact span:

* :func:`adoption` gives one row per actor: the time and place (document and
  character span) of its first use, how often and how long it kept using the
  formula, when it entered the corpus and when it was last seen.
  An actor is *at risk* of adopting from its first statement in the corpus, so
  a state that joined the United Nations in 1991 is not counted as a late
  adopter for the decades before it spoke (left truncation, or delayed
  entry); an actor that never used the formula is *censored* at its last
  statement, since nothing is known of what it said afterwards.
* :func:`adoption_curve` turns those rows into the cumulative share of actors
  that had adopted by each time: the Kaplan-Meier product-limit estimate
  with delayed entry, one minus the survival function ``S(t) = prod over
  s <= t of (1 - d(s) / n(s))``, where ``d(s)`` actors adopt at ``s`` out of
  the ``n(s)`` at risk then (entered at ``s`` or before, not yet adopted nor
  gone before ``s``). Its confidence band is Greenwood's variance on the
  log(-log) scale, as in lifelines' ``KaplanMeierFitter`` (a test checks both
  against lifelines and against a hand computation). Time is discrete (years
  or days): an actor that adopts, or leaves, at ``t`` was at risk at ``t``.
* :func:`median_adoption` reads the median adoption time of each curve (the
  first time at least half of the actors at risk had adopted) and its
  confidence interval from the band.

The estimate is computed here with numpy (cumulative products over the
sorted times: milliseconds for the 200 actors of the UN General Debate)
rather than by lifelines, which stays optional: :func:`survival_data` gives
the columns its fitters take (``entry``, ``duration``, ``event``) for hazard
models such as ``CoxPHFitter(...).fit(df, "duration", "event", entry_col="entry")``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from ..errors import InputError
from ..formulae.match import Matches, check_matches
from ..text.corpus import Corpus, Document
from ..validation import check_choice, check_corpus, check_number, check_parameter, parameter_error

__all__ = ["ADOPTION_COLUMNS", "CURVE_COLUMNS", "MEDIAN_COLUMNS", "TIMES", "ALL", "UNGROUPED", "adoption",
           "adoption_curve", "median_adoption", "survival_data", "adoption_groups"]

#: The columns of :func:`adoption` (with ``by="actor"``; ``by="actor_id"`` puts ``actor_id`` first, another column
#: of the statements replaces both).
ADOPTION_COLUMNS = ["actor", "actor_id", "first_time", "doc_id", "statement_id", "start", "end", "matched_text",
                    "n_uses", "n_documents_with", "n_documents_after_first", "n_later_documents", "entered",
                    "last_time", "adopted"]
#: The columns of :func:`adoption_curve`.
CURVE_COLUMNS = ["group", "time", "n_at_risk", "n_entered", "n_adopted", "n_censored", "n_adopters",
                 "adopted_share", "ci_lower", "ci_upper"]
#: The columns of :func:`median_adoption`.
MEDIAN_COLUMNS = ["group", "n_actors", "n_adopted", "median_time", "median_lower", "median_upper", "final_share"]
#: What time is measured in: the statements' year, or their date.
TIMES = ("year", "date")
#: The group of a curve drawn for every actor together.
ALL = "all"
#: The group of the actors a ``groups`` mapping does not name.
UNGROUPED = "no group"
_OWNER = "adoption"


# ---------------------------------------------------------------------------
# One row per actor
# ---------------------------------------------------------------------------
def adoption(matches: Matches, corpus: Corpus | Iterable[Document] | None = None, *,
             formula: str | Iterable[str] | None = None, family: str | Iterable[str] | None = None,
             by: str = "actor", time: str = "year") -> pd.DataFrame:
    """When each actor first used a formula (or any of several), where, and whether it kept using it.

    Parameters
    ----------
    matches : Matches
        The matches table (:func:`~toolkit.formulae.match.find_matches`); its
        statements are the actors' presence in the corpus.
    corpus : Corpus or iterable of Document, optional
        The corpus the matches were found in, when the matches hold only some
        of its statements (``matches.select(year=...)``): the actors'
        presence (when each entered and was last seen) is then read from
        it. Every hit's statement must be one of its statements.
    formula : str or iterable of str, optional
        The formula id (``"all_forms/full"``), or several: an actor adopts at
        its first use of any of them.
    family : str or iterable of str, optional
        A family id (any of its formulae), or several; not with ``formula``.
        With neither, every formula of ``matches`` counts (the matches of one
        ad hoc phrase, say).
    by : str, default "actor"
        The unit that adopts: ``"actor"`` (the name; its ``actor_id`` beside
        it), ``"actor_id"``, or another column of the statements (a
        metadata column such as ``bloc``). Statements without it are left
        out (their number is ``attrs["n_statements_without_unit"]``).
    time : {"year", "date"}, default "year"
        What time is measured in. Statements without it are left out
        (``attrs["n_statements_without_time"]``).

    Returns
    -------
    pandas.DataFrame
        One row per actor (:data:`ADOPTION_COLUMNS`), adopters first in the
        order they adopted (ties in corpus order), then the others by name:

        * ``first_time``: the year (or date) of the first use; missing for an
          actor that never used it;
        * ``doc_id``, ``statement_id``, ``start``, ``end``, ``matched_text``:
          the first use, ``start`` and ``end`` character offsets into the
          document's text (so ``text[start:end]`` is ``matched_text``);
        * ``n_uses``: its uses in all (a place of a document reported for
          the actor in two overlapping statements counts once);
        * ``n_documents_with``: its documents holding a use;
        * ``n_documents_after_first``: those of a time after the first use
          (did it keep using it), out of ``n_later_documents``, all of its
          documents of a time after the first use;
        * ``entered``, ``last_time``: the time of its first and last
          statement in the corpus: it is at risk from ``entered``, and an
          actor that never adopted is censored at ``last_time``;
        * ``adopted``: whether it used the formula.

        ``attrs`` holds ``formulae`` (the ids counted), ``by`` and ``time``.

    Raises
    ------
    ParameterError
        For ids that are no formula or family of the matches, ``formula``
        and ``family`` together, or a ``by`` the statements do not have.
    InputError
        When no statement has an actor (``by``) or a time: the message says
        which is missing.

    Examples
    --------
    >>> from toolkit import Corpus, Document, Lexicon, find_matches
    >>> corpus = Corpus([Document("a1", "We condemn it.", actor="A", year=1990),
    ...                  Document("b1", "Nothing to say.", actor="B", year=1990),
    ...                  Document("b2", "B condemns it.", actor="B", year=1995),
    ...                  Document("a2", "We condemned it again.", actor="A", year=2000)])
    >>> table = adoption(find_matches(corpus, Lexicon.from_phrases(["condemn*"])))
    >>> table[["actor", "first_time", "doc_id", "start", "end", "n_uses", "n_documents_after_first",
    ...        "entered", "adopted"]].values.tolist()
    [['A', 1990, 'a1', 3, 10, 2, 1, 1990, True], ['B', 1995, 'b2', 2, 10, 1, 0, 1990, True]]
    """
    matches = check_matches(matches, owner=_OWNER)
    check_choice(time, "time", owner=_OWNER, choices=TIMES)
    ids = _formula_ids(matches, formula, family)
    statements = matches.statements if corpus is None else _corpus_statements(corpus)
    present, dropped = _presence(statements, by, time)
    hits = matches.table[matches.table["formula"].isin(ids)]
    hits = hits[["statement_id", "doc_start", "doc_end", "matched_text"]].merge(
        present, on="statement_id", how="left", validate="many_to_one")
    if corpus is not None:
        lost = set(hits["statement_id"]) - set(statements["statement_id"])
        if lost:
            raise parameter_error(corpus, "corpus", owner=_OWNER, expected="the corpus the matches were found in",
                                  got=f"a corpus without the statement {min(lost)!r} of a hit")
    hits = hits.dropna(subset=["order"]).sort_values(["time", "order", "doc_start"], kind="stable")
    table = _per_unit(present, hits, by)
    table.attrs.update({"formulae": ids, "by": by, "time": time, "n_statements_without_unit": dropped[0],
                        "n_statements_without_time": dropped[1]})
    return table


def _formula_ids(matches: Matches, formula: Any, family: Any) -> list[str]:
    """The formula ids an actor adopts by using: those named, the formulae of the families named, or all."""
    check_parameter(family, "family", owner=_OWNER, ok=formula is None or family is None,
                    expected="None when formula is given (one or the other)")
    formulae = matches.formulae
    if formula is None and family is None:
        return formulae["formula"].tolist()
    name, given = ("formula", formula) if formula is not None else ("family", family)
    wanted = [given] if isinstance(given, str) else list(given)
    check_parameter(given, name, owner=_OWNER, ok=bool(wanted) and all(isinstance(w, str) for w in wanted),
                    expected=f"a {name} id or a list of them")
    known = formulae[name].tolist()
    for key in wanted:
        if key not in known:
            listed = ", ".join(dict.fromkeys(known))
            raise parameter_error(key, name, owner=_OWNER, expected=f"a {name} id of the matches ({listed})")
    return formulae.loc[formulae[name].isin(wanted), "formula"].tolist()


def _corpus_statements(corpus: Any) -> pd.DataFrame:
    """The statements of a corpus as the matches' statements table has them (their id, document, actor and times)."""
    documents = check_corpus(corpus, owner=_OWNER)
    frame = (documents if isinstance(documents, Corpus) else Corpus(tuple(documents))).to_frame()
    return frame.drop(columns=["text", "start", "end"])


def _presence(statements: pd.DataFrame, by: str, time: str) -> tuple[pd.DataFrame, tuple[int, int]]:
    """Each statement with a unit and a time: ``unit``, its other name, ``time``, ``doc_id``, corpus ``order``."""
    check_parameter(by, "by", owner=_OWNER, ok=isinstance(by, str) and by in statements.columns,
                    expected="actor, actor_id or a column of the statements (" +
                             ", ".join(c for c in statements.columns if c not in ("n_tokens", "n_characters")) + ")")
    if time == "date":
        when = pd.to_datetime(statements["date"], errors="coerce")
    else:
        when = statements["year"].astype("Int64")
    unit = statements[by]
    has_unit, has_time = unit.notna().to_numpy(), when.notna().to_numpy()
    if len(statements) and not has_unit.any():
        raise InputError(f"adoption needs the actor of each statement ({by}), and no statement of the corpus has "
                         "one: read a table with an actor column (--columns actor=...), or split news into "
                         "statements by actor (--attribute)")
    if len(statements) and not has_time.any():
        where = "a date" if time == "date" else "a year"
        raise InputError(f"adoption needs the time of each statement ({time}), and no statement of the corpus has "
                         f"{where}: read a table with a date or year column (--columns date=...), or name files "
                         "with the year")
    keep = has_unit & has_time
    present = pd.DataFrame({"statement_id": statements["statement_id"].to_numpy()[keep],
                            "doc_id": statements["doc_id"].to_numpy()[keep], "unit": unit.to_numpy()[keep],
                            "time": when.to_numpy()[keep], "order": np.flatnonzero(keep)})
    if by in ("actor", "actor_id"):
        other = "actor_id" if by == "actor" else "actor"
        present["other"] = statements[other].to_numpy()[keep]
    if time == "year":
        present["time"] = present["time"].astype("int64")
    present = present.drop_duplicates("statement_id")
    return present, (int((~has_unit).sum()), int((has_unit & ~has_time).sum()))


def _per_unit(present: pd.DataFrame, hits: pd.DataFrame, by: str) -> pd.DataFrame:
    """The adoption table from the statements present and the hits (sorted by time, then corpus order)."""
    units = present.groupby("unit", sort=False)
    table = pd.DataFrame({"entered": units["time"].min(), "last_time": units["time"].max()})
    if "other" in present:
        table["other"] = units["other"].first()
    first = hits.drop_duplicates("unit").set_index("unit")
    table["first_time"] = first["time"]
    table["first_order"] = first["order"]
    for column, source in (("doc_id", "doc_id"), ("statement_id", "statement_id"), ("start", "doc_start"),
                           ("end", "doc_end"), ("matched_text", "matched_text")):
        table[column] = first[source]
    places = hits.drop_duplicates(["unit", "doc_id", "doc_start", "doc_end"])
    table["n_uses"] = places.groupby("unit").size()
    table["n_documents_with"] = hits.groupby("unit")["doc_id"].nunique()
    began = present["unit"].map(table["first_time"])
    later = present[present["time"] > began]
    table["n_later_documents"] = later.groupby("unit")["doc_id"].nunique()
    after = hits[hits["time"].to_numpy() > hits["unit"].map(table["first_time"]).to_numpy()] if len(hits) else hits
    table["n_documents_after_first"] = after.groupby("unit")["doc_id"].nunique()
    table["adopted"] = table["first_time"].notna()
    counts = ["n_uses", "n_documents_with", "n_documents_after_first", "n_later_documents"]
    table[counts] = table[counts].fillna(0).astype("int64")
    table[["start", "end"]] = table[["start", "end"]].astype("Int64")
    if pd.api.types.is_integer_dtype(present["time"]):
        table["first_time"] = table["first_time"].astype("Int64")
    table = table.rename_axis("unit").reset_index()
    table["name"] = table["unit"].astype(str)
    table = table.sort_values(["adopted", "first_time", "first_order", "name"], ascending=[False, True, True, True],
                              kind="stable", na_position="last").reset_index(drop=True)
    names = [by] + (["actor_id" if by == "actor" else "actor"] if "other" in table else [])
    table = table.rename(columns={"unit": by, "other": names[-1]})
    return table[names + ADOPTION_COLUMNS[2:]]


# ---------------------------------------------------------------------------
# The curve
# ---------------------------------------------------------------------------
def adoption_groups(table: pd.DataFrame, groups: Any) -> pd.Series:
    """The group of each actor of an adoption table: from a mapping of actors to groups, or a column.

    Parameters
    ----------
    table : pandas.DataFrame
        An :func:`adoption` table.
    groups : str, mapping or pandas.Series
        The name of a column of ``table``, or a mapping of actor ids or
        names to groups (an id is looked up first, then the name): for the
        UN General Debate, :func:`toolkit.io.un_regional_groups`, the UN
        regional groups the toolkit ships, by state code.

    Returns
    -------
    pandas.Series
        One group per row of ``table``; :data:`UNGROUPED` for an actor the groups do not name.

    Examples
    --------
    >>> table = pd.DataFrame({"actor": ["Ghana", "Chile", "European Union"], "actor_id": ["GHA", "CHL", "EU"]})
    >>> adoption_groups(table, {"GHA": "African", "Chile": "Latin American"}).tolist()
    ['African', 'Latin American', 'no group']
    """
    if isinstance(groups, str) and groups in table.columns:
        return table[groups].fillna(UNGROUPED).astype(str)
    check_parameter(groups, "groups", owner="adoption_curve", ok=isinstance(groups, (Mapping, pd.Series)),
                    expected="a column of the adoption table, or a mapping of actors to groups "
                             "(toolkit.io.un_regional_groups() for the UN regional groups)")
    lookup = dict(groups.items())
    units = [c for c in ("actor_id", "actor") if c in table.columns] or [table.columns[0]]
    found = pd.Series([None] * len(table), index=table.index, dtype=object)
    for column in units:
        found = found.fillna(table[column].map(lookup))
    return found.fillna(UNGROUPED).astype(str)


def adoption_curve(table: pd.DataFrame, *, groups: Any = None, confidence: float = 0.95) -> pd.DataFrame:
    """The cumulative share of actors that had adopted by each time: Kaplan-Meier with delayed entry.

    Parameters
    ----------
    table : pandas.DataFrame
        An :func:`adoption` table (``entered``, ``first_time``, ``last_time``, ``adopted``).
    groups : str, mapping or pandas.Series, optional
        One curve per group (:func:`adoption_groups`: a column of ``table``,
        or a mapping of actors to groups such as
        :func:`toolkit.io.un_regional_groups`); default one curve of every
        actor, the group :data:`ALL`.
    confidence : float, default 0.95
        The level of the pointwise confidence band.

    Returns
    -------
    pandas.DataFrame
        :data:`CURVE_COLUMNS`, one row per group and time at which an actor
        entered, adopted or was last seen, in time order (groups by name,
        :data:`UNGROUPED` last):

        * ``n_at_risk``: actors that had entered by then and had neither
          adopted nor left before (the denominator of that time's step);
        * ``n_entered``, ``n_adopted``, ``n_censored``: actors entering,
          adopting, and seen for the last time without adopting, then;
        * ``n_adopters``: adopters so far;
        * ``adopted_share``: one minus the Kaplan-Meier estimate of not
          yet having adopted; ``ci_lower``, ``ci_upper``: its band (0 to 0
          before the first adoption; missing once every actor at risk has
          adopted, as in lifelines, since its variance is then infinite).

        :func:`median_adoption` reads each curve's median time.

    Examples
    --------
    Three actors: A enters in 2000 and adopts in 2001; B enters in 2001 and is
    last seen in 2002 without adopting; C enters in 2002 and adopts then.

    >>> table = pd.DataFrame({"actor": ["A", "B", "C"], "first_time": [2001, None, 2002],
    ...                       "entered": [2000, 2001, 2002], "last_time": [2003, 2002, 2002],
    ...                       "adopted": [True, False, True]})
    >>> curve = adoption_curve(table)
    >>> curve[["time", "n_at_risk", "n_adopted", "n_censored", "adopted_share"]].values.tolist()
    [[2000, 1, 0, 0, 0.0], [2001, 2, 1, 0, 0.5], [2002, 2, 1, 1, 0.75]]
    """
    owner = "adoption_curve"
    for column in ("entered", "first_time", "last_time", "adopted"):
        check_parameter(table, "table", owner=owner, ok=isinstance(table, pd.DataFrame) and column in table.columns,
                        expected="an adoption table (from adoption)", got=f"a table without the column {column!r}"
                        if isinstance(table, pd.DataFrame) else None)
    check_number(confidence, "confidence", owner=owner, low=0.0, high=1.0, low_open=True)
    check_parameter(confidence, "confidence", owner=owner, ok=confidence < 1, expected="a level below 1 (0.95)")
    if groups is None:
        labels = pd.Series(ALL, index=table.index)
    else:
        labels = adoption_groups(table, groups)
    parts = []
    names = sorted(set(labels), key=lambda g: (g == UNGROUPED, g))
    for name in names:
        parts.append(_product_limit(table[labels.to_numpy() == name], name, confidence))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=CURVE_COLUMNS)


def _ended(table: pd.DataFrame) -> pd.Series:
    """When each actor's follow-up ends: its adoption, or its last statement for an actor that never adopted."""
    return table["first_time"].where(table["adopted"], table["last_time"])


def _times(values: pd.Series) -> np.ndarray:
    """Times as sortable numpy values: years as int64, dates as datetime64."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.to_numpy(dtype="datetime64[ns]")
    return values.astype("float64").to_numpy()


def _product_limit(table: pd.DataFrame, group: str, confidence: float) -> pd.DataFrame:
    """The curve of one group's actors (see :func:`adoption_curve`)."""
    adopted = table["adopted"].to_numpy(dtype=bool)
    entered = _times(table["entered"])
    ended = _times(_ended(table))
    times = np.unique(np.concatenate([entered, ended]))
    # at risk at t: entered at t or before, not yet adopted nor gone before t
    at_risk = (np.searchsorted(np.sort(entered), times, side="right")
               - np.searchsorted(np.sort(ended), times, side="left"))
    n_entered = _count_at(entered, times)
    n_adopted = _count_at(ended[adopted], times)
    n_censored = _count_at(ended[~adopted], times)
    with np.errstate(divide="ignore", invalid="ignore"):
        step = np.where(at_risk > 0, 1.0 - n_adopted / np.maximum(at_risk, 1), 1.0)
        survival = np.cumprod(step)
        # Greenwood's sum; infinite once every actor at risk has adopted (survival 0)
        terms = np.where(at_risk > n_adopted, n_adopted / (at_risk * (at_risk - n_adopted)), np.where(
            n_adopted > 0, np.inf, 0.0))
        greenwood = np.cumsum(terms)
        z = stats.norm.ppf(0.5 + confidence / 2)
        log_s = np.log(survival)
        spread = z * np.sqrt(greenwood) / np.abs(log_s)
        low_s = np.exp(-np.exp(np.log(-log_s) + spread))
        high_s = np.exp(-np.exp(np.log(-log_s) - spread))
    never = survival >= 1.0  # nobody has adopted yet: no uncertainty about the share of adopters so far
    gone = survival <= 0.0  # every actor at risk has adopted: Greenwood's variance is infinite, the band undefined
    low_s = np.where(never, 1.0, np.where(gone, np.nan, low_s))
    high_s = np.where(never, 1.0, np.where(gone, np.nan, high_s))
    time_values: Any = times
    if not np.issubdtype(times.dtype, np.datetime64):
        time_values = pd.array(times.astype("int64"), dtype="Int64")
    return pd.DataFrame({
        "group": group, "time": time_values, "n_at_risk": at_risk.astype("int64"),
        "n_entered": n_entered, "n_adopted": n_adopted, "n_censored": n_censored,
        "n_adopters": np.cumsum(n_adopted), "adopted_share": 1.0 - survival,
        "ci_lower": 1.0 - high_s, "ci_upper": 1.0 - low_s}, columns=CURVE_COLUMNS)


def _count_at(values: np.ndarray, times: np.ndarray) -> np.ndarray:
    """How many of ``values`` equal each of the sorted ``times``."""
    ordered = np.sort(values)
    return (np.searchsorted(ordered, times, side="right") - np.searchsorted(ordered, times, side="left")).astype(
        "int64")


def median_adoption(curve: pd.DataFrame) -> pd.DataFrame:
    """The median adoption time of each curve, with its confidence interval read from the band.

    The median is the first time at which the share of adopters reaches one
    half; its interval runs from the first time the band's upper bound
    reaches one half to the first time its lower bound does (Brookmeyer and
    Crowley's construction, as lifelines' ``median_survival_times`` of the
    band). A curve that never reaches one half has no median (missing), and
    an interval without an end has a missing upper bound.

    Parameters
    ----------
    curve : pandas.DataFrame
        An :func:`adoption_curve` table.

    Returns
    -------
    pandas.DataFrame
        :data:`MEDIAN_COLUMNS`: per group, its actors, its adopters, the
        median time and its bounds, and the share adopted at the curve's end.

    Examples
    --------
    >>> curve = pd.DataFrame({"group": "all", "time": [2000, 2001, 2002], "n_entered": [2, 1, 0],
    ...                       "n_adopted": [0, 1, 1], "adopted_share": [0.0, 0.33, 0.67],
    ...                       "ci_lower": [0.0, 0.1, 0.3], "ci_upper": [0.0, 0.6, 0.9]})
    >>> median_adoption(curve)[["group", "n_actors", "n_adopted", "median_time", "median_lower"]].values.tolist()
    [['all', 3, 2, 2002, 2001]]
    """
    rows = []
    for group, part in curve.groupby("group", sort=False):
        times = part["time"]

        def first(column: str, part=part, times=times) -> Any:
            reached = part[column].to_numpy(dtype=float) >= 0.5 - 1e-12
            return times.iloc[int(np.argmax(reached))] if reached.any() else None

        rows.append({"group": group, "n_actors": int(part["n_entered"].sum()),
                     "n_adopted": int(part["n_adopted"].sum()), "median_time": first("adopted_share"),
                     "median_lower": first("ci_upper"),
                     "median_upper": first("ci_lower"),
                     "final_share": float(part["adopted_share"].iloc[-1]) if len(part) else 0.0})
    medians = pd.DataFrame(rows, columns=MEDIAN_COLUMNS)
    if len(curve) and pd.api.types.is_integer_dtype(curve["time"]):
        for column in ("median_time", "median_lower", "median_upper"):
            medians[column] = medians[column].astype("Int64")
    return medians


def survival_data(table: pd.DataFrame) -> pd.DataFrame:
    """The adoption table as event-history data: ``entry``, ``duration`` and ``event`` for lifelines' fitters.

    Times are years, or days since 1970-01-01 for dates. ``entry`` is one
    unit before the actor's first time in the corpus, so that lifelines,
    which counts a subject at risk at ``t`` when ``entry < t <= duration``,
    puts it at risk from its first year as :func:`adoption_curve` does;
    ``duration`` is the adoption time, or the last time seen for a censored
    actor, and ``event`` whether it adopted.

    Parameters
    ----------
    table : pandas.DataFrame
        An :func:`adoption` table.

    Returns
    -------
    pandas.DataFrame
        The unit's columns (``actor``, ``actor_id``), then ``entry``,
        ``duration``, ``event``: e.g. ``KaplanMeierFitter().fit(d["duration"],
        d["event"], entry=d["entry"])``.

    Examples
    --------
    >>> table = pd.DataFrame({"actor": ["A", "B"], "first_time": [2001, None], "entered": [2000, 2001],
    ...                       "last_time": [2003, 2002], "adopted": [True, False]})
    >>> survival_data(table).values.tolist()
    [['A', 1999, 2001, True], ['B', 2000, 2002, False]]
    """
    units = [c for c in table.columns if c not in ADOPTION_COLUMNS[2:]]

    def numeric(values: pd.Series) -> np.ndarray:
        if pd.api.types.is_datetime64_any_dtype(values):
            return (values.to_numpy(dtype="datetime64[D]").astype("int64")).astype(float)
        return values.astype("float64").to_numpy()

    frame = table[units].copy()
    frame["entry"] = (numeric(table["entered"]) - 1).astype("int64")
    frame["duration"] = numeric(_ended(table)).astype("int64")
    frame["event"] = table["adopted"].to_numpy(dtype=bool)
    return frame.reset_index(drop=True)
