"""Adoption: the per-actor table on invented corpora and attributed news, the curve against a hand computation
and against lifelines.

The hand computation (Kaplan-Meier with delayed entry, Greenwood's variance on
the log(-log) scale) is written out below and recomputed in the test with
:mod:`math` alone, never by calling the module.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import random
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest

from toolkit import (
    Corpus,
    Document,
    InputError,
    Lexicon,
    ParameterError,
    adoption,
    adoption_curve,
    attribute_statements,
    default_gazetteer,
    default_lexicon,
    find_matches,
    median_adoption,
)
from toolkit.analysis.adoption import survival_data
from toolkit.io import read_texts

from ..paths import SEED

# -- the curve by hand --------------------------------------------------------------------------------------------
# Eight actors, in years. Late entry (C, G in 2001, D in 2002, F in 2003), censoring (B, H, F never adopt), ties
# (C and D adopt in 2002 while B is last seen then; E adopts in 2003 while H is last seen then; G adopts in 2004
# while F is last seen then). A is seen until 2005 but adopted in 2001: it leaves the risk set after 2001.
#
#   actor  entered  first_time  last_time  adopted   ends (adoption, or last time seen)
#   A      2000     2001        2005       yes       2001
#   B      2000     -           2002       no        2002
#   C      2001     2002        2004       yes       2002
#   D      2002     2002        2002       yes       2002
#   E      2000     2003        2003       yes       2003
#   F      2003     -           2004       no        2004
#   G      2001     2004        2004       yes       2004
#   H      2000     -           2003       no        2003
#
# At risk at t: entered at t or before, ended at t or after.
#   t     entered  n at risk            d  censored  step       S(t)                   share = 1 - S
#   2000  4 ABEH   4 (A B E H)          0  0         1          1                      0
#   2001  2 CG     6 (A B C E G H)      1  0         5/6        5/6                    1/6
#   2002  1 D      6 (B C D E G H)      2  1 (B)     4/6        5/6 * 4/6 = 5/9        4/9
#   2003  1 F      4 (E F G H)          1  1 (H)     3/4        5/9 * 3/4 = 5/12       7/12
#   2004  0        2 (F G)              1  1 (F)     1/2        5/12 * 1/2 = 5/24      19/24
#
# Greenwood's sum, sum over s <= t of d / (n (n - d)):
#   2001: 1/(6*5) = 1/30;  2002: 1/30 + 2/(6*4) = 7/60;  2003: 7/60 + 1/(4*3) = 1/5;  2004: 1/5 + 1/(2*1) = 7/10.
# The log(-log) band of S at 2002 (z = 1.959964, the 97.5% normal quantile):
#   log S = log(5/9) = -0.587787;  spread = z * sqrt(7/60) / |log S| = 1.959964 * 0.341565 / 0.587787 = 1.138942
#   S low  = exp(-exp(log(0.587787) + 1.138942)) = exp(-exp(0.607551)) = exp(-1.835930) = 0.159465
#   S high = exp(-exp(log(0.587787) - 1.138942)) = exp(-exp(-1.670334)) = exp(-0.188184) = 0.828462
#   so the share's band is [1 - 0.828462, 1 - 0.159465] = [0.171538, 0.840535].
# The whole band of the share: 2000 [0, 0] (nobody adopted: no uncertainty), 2001 [0.025288, 0.726877],
# 2002 [0.171538, 0.840535], 2003 [0.275070, 0.907693], 2004 [0.423887, 0.988460].
# Median: the share first reaches 1/2 in 2003 (7/12); the band's upper bound first reaches 1/2 in 2001 (the lower
# end of the median's interval); its lower bound never does (0.423887 at the end): the interval has no upper end.
HAND = pd.DataFrame({
    "actor": list("ABCDEFGH"),
    "entered": [2000, 2000, 2001, 2002, 2000, 2003, 2001, 2000],
    "first_time": pd.array([2001, None, 2002, 2002, 2003, None, 2004, None], dtype="Int64"),
    "last_time": [2005, 2002, 2004, 2002, 2003, 2004, 2004, 2003],
    "adopted": [True, False, True, True, True, False, True, False],
})
HAND_TIMES = [2000, 2001, 2002, 2003, 2004]
HAND_AT_RISK = [4, 6, 6, 4, 2]
HAND_ENTERED = [4, 2, 1, 1, 0]
HAND_ADOPTED = [0, 1, 2, 1, 1]
HAND_CENSORED = [0, 0, 1, 1, 1]
HAND_SURVIVAL = [1.0, 5 / 6, 5 / 9, 5 / 12, 5 / 24]
HAND_GREENWOOD = [0.0, 1 / 30, 7 / 60, 1 / 5, 7 / 10]


def hand_band(survival: float, greenwood: float, confidence: float = 0.95) -> tuple[float, float]:
    """The share's band from S and Greenwood's sum, with math alone (see the comment above)."""
    if survival == 1.0:
        return 0.0, 0.0
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    log_s = math.log(survival)
    spread = z * math.sqrt(greenwood) / abs(log_s)
    low_s = math.exp(-math.exp(math.log(-log_s) + spread))
    high_s = math.exp(-math.exp(math.log(-log_s) - spread))
    return 1 - high_s, 1 - low_s


def test_curve_equals_the_hand_computation_with_late_entry_censoring_and_ties():
    curve = adoption_curve(HAND)
    assert curve["group"].tolist() == ["all"] * 5
    assert curve["time"].tolist() == HAND_TIMES
    assert curve["n_at_risk"].tolist() == HAND_AT_RISK
    assert curve["n_entered"].tolist() == HAND_ENTERED
    assert curve["n_adopted"].tolist() == HAND_ADOPTED
    assert curve["n_censored"].tolist() == HAND_CENSORED
    assert curve["n_adopters"].tolist() == [0, 1, 3, 4, 5]
    assert curve["adopted_share"].to_numpy() == pytest.approx([0, 1 / 6, 4 / 9, 7 / 12, 19 / 24], abs=1e-12)
    bands = [hand_band(s, g) for s, g in zip(HAND_SURVIVAL, HAND_GREENWOOD)]
    assert curve["ci_lower"].to_numpy() == pytest.approx([low for low, _ in bands], abs=1e-12)
    assert curve["ci_upper"].to_numpy() == pytest.approx([high for _, high in bands], abs=1e-12)
    # the band at 2002 as written out in the comment, to six places
    assert (round(curve["ci_lower"].iloc[2], 6), round(curve["ci_upper"].iloc[2], 6)) == (0.171538, 0.840535)


def test_median_of_the_hand_curve_and_its_interval_without_an_upper_end():
    curve = adoption_curve(HAND)
    medians = median_adoption(curve)
    row = medians.iloc[0]
    assert (row["group"], row["n_actors"], row["n_adopted"]) == ("all", 8, 5)
    assert (row["median_time"], row["median_lower"]) == (2003, 2001)
    assert pd.isna(row["median_upper"])
    assert row["final_share"] == pytest.approx(19 / 24)


def test_a_narrower_level_narrows_the_hand_band():
    curve = adoption_curve(HAND, confidence=0.5)
    bands = [hand_band(s, g, 0.5) for s, g in zip(HAND_SURVIVAL, HAND_GREENWOOD)]
    assert curve["ci_lower"].to_numpy() == pytest.approx([low for low, _ in bands], abs=1e-12)
    assert curve["ci_upper"].to_numpy() == pytest.approx([high for _, high in bands], abs=1e-12)


def test_curves_per_group_are_the_curves_of_each_groups_actors_alone():
    groups = {"A": "one", "B": "one", "C": "one", "D": "two", "E": "two", "F": "two"}  # G, H: no group
    curve = adoption_curve(HAND, groups=groups)
    assert list(dict.fromkeys(curve["group"])) == ["one", "two", "no group"]
    for name, actors in (("one", "ABC"), ("two", "DEF"), ("no group", "GH")):
        alone = adoption_curve(HAND[HAND["actor"].isin(list(actors))].reset_index(drop=True))
        part = curve[curve["group"] == name].drop(columns="group").reset_index(drop=True)
        pd.testing.assert_frame_equal(part, alone.drop(columns="group"))


# -- the curve against lifelines ----------------------------------------------------------------------------------
PHRASE = "in all its forms and manifestations"


def random_corpus(seed: int, n_actors: int = 300) -> Corpus:
    """Actors entering from 1950 to 2010, speaking on days of some years, some using the phrase from some year on."""
    rng = random.Random(seed)
    documents = []
    for k in range(n_actors):
        entered = rng.randint(1950, 2010)
        left = min(2024, entered + rng.randint(0, 40))
        adopts = rng.randint(entered, left + 15) if rng.random() < 0.7 else None
        for year in range(entered, left + 1):
            if rng.random() < 0.3 and year not in (entered, left):
                continue
            day = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
            uses = adopts is not None and year >= adopts and rng.random() < 0.8
            text = f"We condemn terrorism {PHRASE}." if uses else "We speak of peace."
            documents.append(Document(f"s{k}_{year}", text, actor=f"Actor {k:03d}", actor_id=f"A{k:03d}", date=day))
    return Corpus(tuple(documents))


@pytest.fixture(scope="module")
def random_matches():
    return find_matches(random_corpus(26), Lexicon.from_phrases([PHRASE]))


def _fitted(table: pd.DataFrame):
    lifelines = pytest.importorskip("lifelines")
    data = survival_data(table)
    return lifelines.KaplanMeierFitter().fit(data["duration"], data["event"], entry=data["entry"])


def _at(frame: pd.DataFrame, t: float) -> np.ndarray:
    """A step function's value at ``t`` (its last row at or before ``t``; 1 before the first)."""
    before = frame.loc[frame.index <= t]
    return before.iloc[-1].to_numpy(dtype=float) if len(before) else np.ones(frame.shape[1])


@pytest.mark.parametrize("time", ["year", "date"])
def test_curve_and_median_equal_lifelines_kaplan_meier_with_entry(random_matches, time):
    utils = pytest.importorskip("lifelines.utils")
    table = adoption(random_matches, time=time)
    assert len(table) == 300 and 0 < table["adopted"].sum() < 300
    assert (table["entered"] < table["first_time"]).any() and (table["entered"] == table["first_time"]).any()
    kmf = _fitted(table)
    curve = adoption_curve(table)
    times = curve["time"]
    numeric = (times.to_numpy(dtype="datetime64[D]").astype("int64") if time == "date"
               else times.to_numpy(dtype="int64")).astype(float)
    for t, share, low, high in zip(numeric, curve["adopted_share"], curve["ci_lower"], curve["ci_upper"]):
        (survival,) = _at(kmf.survival_function_, t)
        s_low, s_high = _at(kmf.confidence_interval_, t)
        assert share == pytest.approx(1 - survival, abs=1e-12), t
        if share == 0:  # before the first adoption lifelines' band is undefined (log(-log 1)); the share's is [0, 0]
            assert (low, high) == (0.0, 0.0)
            continue
        assert (low, high) == pytest.approx((1 - s_high, 1 - s_low), abs=1e-9), t
    assert kmf.median_survival_time_ < math.inf
    row = median_adoption(curve).iloc[0]
    interval = utils.median_survival_times(kmf.confidence_interval_)
    found = [row["median_time"], row["median_lower"], row["median_upper"]]
    if time == "date":
        found = [None if pd.isna(v) else float(np.datetime64(v, "D").astype("int64")) for v in found]
    else:
        found = [None if pd.isna(v) else float(v) for v in found]
    expected = [kmf.median_survival_time_, *interval.iloc[0].tolist()]
    expected = [None if not math.isfinite(v) else float(v) for v in expected]
    assert found == expected


def test_survival_data_puts_actors_at_risk_from_their_first_year_as_lifelines_counts():
    lifelines = pytest.importorskip("lifelines")
    data = survival_data(HAND)
    assert data["entry"].tolist() == [e - 1 for e in HAND["entered"]]
    kmf = lifelines.KaplanMeierFitter().fit(data["duration"], data["event"], entry=data["entry"])
    table = kmf.event_table
    # lifelines' at_risk of a row counts the subjects entering then (entry = t, at risk only after t): less them
    assert [int(table.loc[t, "at_risk"] - table.loc[t, "entrance"]) for t in HAND_TIMES] == HAND_AT_RISK
    assert [float(kmf.survival_function_.loc[t].iloc[0]) for t in HAND_TIMES] == pytest.approx(HAND_SURVIVAL)


# -- adoption on invented corpora ---------------------------------------------------------------------------------
def corpus_of(*rows: tuple) -> Corpus:
    """Documents from (id, text, actor, year) rows; the actor's id is its first three letters upper-cased."""
    return Corpus(tuple(Document(i, text, actor=actor, actor_id=actor[:3].upper() if actor else None, year=year)
                        for i, text, actor, year in rows))


SPEECHES = corpus_of(
    ("x0", "Nothing to report.", "Xland", 1990),
    ("a0", "Peace and development.", "Aland", 1985),
    ("c_late", "Later in the year we said it: we condemn it, and we condemn it again.", "Cland", 1995),
    ("a1", "Aland condemns this attack. We condemn it twice.", "Aland", 1995),
    ("b1", "Bland condemns it.", "Bland", 1995),
    ("c_early", "We condemn it.", "Cland", 1995),
    ("a2", "Aland condemns it again.", "Aland", 1995),
    ("x1", "Still nothing.", "Xland", 1999),
    ("a3", "We condemned it.", "Aland", 2000),
    ("a4", "Nothing this year.", "Aland", 2005),
)
CONDEMN = Lexicon.from_phrases(["condemn*"])


@pytest.fixture(scope="module")
def speeches_table():
    return adoption(find_matches(SPEECHES, CONDEMN))


def test_first_use_has_the_exact_span_into_its_document(speeches_table):
    texts = {doc.id: doc.text for doc in SPEECHES}
    for row in speeches_table[speeches_table["adopted"]].itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.matched_text
        assert row.matched_text.lower().startswith("condemn")
    aland = speeches_table.set_index("actor").loc["Aland"]
    assert (aland["doc_id"], aland["start"], aland["end"], aland["matched_text"]) == ("a1", 6, 14, "condemns")


def test_first_use_in_a_year_of_several_goes_to_corpus_order_then_position(speeches_table):
    cland = speeches_table.set_index("actor").loc["Cland"]
    # c_late comes first in the corpus: its first use (at 33) wins over c_early's at 3, the same year
    assert (cland["doc_id"], cland["start"], cland["first_time"]) == ("c_late", 33, 1995)
    # adopters in the order they adopted, ties in corpus order (Cland's c_late, Aland's a1, Bland's b1), then the rest
    assert speeches_table["actor"].tolist() == ["Cland", "Aland", "Bland", "Xland"]


def test_an_actor_that_never_uses_it_is_censored_at_its_last_statement(speeches_table):
    xland = speeches_table.set_index("actor").loc["Xland"]
    assert not xland["adopted"]
    assert (xland["entered"], xland["last_time"], xland["n_uses"], xland["n_documents_with"]) == (1990, 1999, 0, 0)
    assert pd.isna(xland["first_time"]) and pd.isna(xland["doc_id"]) and pd.isna(xland["start"])


def test_entered_is_the_first_statement_even_before_any_hit_and_counts_of_later_use(speeches_table):
    aland = speeches_table.set_index("actor").loc["Aland"]
    assert (aland["actor_id"], aland["entered"], aland["first_time"], aland["last_time"]) == ("ALA", 1985, 1995, 2005)
    # uses: a1 twice, a2 once (the same year as the first: not after), a3 once; a4 holds none
    assert (aland["n_uses"], aland["n_documents_with"]) == (4, 3)
    assert (aland["n_documents_after_first"], aland["n_later_documents"]) == (1, 2)
    assert list(speeches_table.columns) == ["actor", "actor_id", "first_time", "doc_id", "statement_id", "start",
                                            "end", "matched_text", "n_uses", "n_documents_with",
                                            "n_documents_after_first", "n_later_documents", "entered", "last_time",
                                            "adopted"]


def test_several_formula_ids_adopt_at_the_first_use_of_any():
    corpus = corpus_of(("a1", "We deplore it.", "Aland", 1990), ("a2", "We condemn it.", "Aland", 1991),
                       ("b1", "We condemn it.", "Bland", 1990), ("b2", "We deplore it.", "Bland", 1992),
                       ("c1", "We regret it.", "Cland", 1990))
    matches = find_matches(corpus, Lexicon.from_phrases(["condemn*", "deplor*", "regret*"]))
    alone = adoption(matches, formula="condemn*").set_index("actor")
    both = adoption(matches, formula=["condemn*", "deplor*"]).set_index("actor")
    assert alone.loc[["Aland", "Bland"], "first_time"].tolist() == [1991, 1990]
    assert both.loc[["Aland", "Bland"], "first_time"].tolist() == [1990, 1990]
    assert both.loc[["Aland", "Bland"], "n_uses"].tolist() == [2, 2]
    assert not both.loc["Cland", "adopted"]
    assert both.attrs["formulae"] == ["condemn*", "deplor*"]
    assert adoption(matches).set_index("actor")["adopted"].all()  # no formula named: every formula counts


def test_family_counts_every_formula_of_the_family():
    corpus = corpus_of(("a1", "Terrorism in all its forms must end.", "Aland", 1990),
                       ("b1", "Terrorism in all its forms and manifestations.", "Bland", 1991),
                       ("c1", "We condemn it.", "Cland", 1990))
    matches = find_matches(corpus, default_lexicon().select(["all_forms", "condemnation"]))
    table = adoption(matches, family="all_forms").set_index("actor")
    assert table["adopted"].to_dict() == {"Aland": True, "Bland": True, "Cland": False}
    assert table.loc["Bland", "matched_text"] == "in all its forms and manifestations"
    full = adoption(matches, formula="all_forms/full").set_index("actor")
    assert full["adopted"].to_dict() == {"Bland": True, "Aland": False, "Cland": False}
    assert set(table.attrs["formulae"]) == set(matches.formulae.loc[matches.formulae["family"] == "all_forms",
                                                                      "formula"])


def test_by_actor_id_and_time_by_date():
    corpus = Corpus((Document("a1", "Nothing.", actor="Aland", actor_id="ALD", date=dt.date(2020, 1, 5)),
                     Document("a2", "We condemn it.", actor="Aland", actor_id="ALD", date=dt.date(2020, 3, 9)),
                     Document("b1", "We condemn it.", actor="Bland", actor_id="BLD", date=dt.date(2020, 2, 1)),
                     Document("b2", "Quiet.", actor="Bland", actor_id="BLD", date=dt.date(2021, 6, 30))))
    table = adoption(find_matches(corpus, CONDEMN), by="actor_id", time="date")
    assert list(table.columns[:2]) == ["actor_id", "actor"]
    assert table["actor_id"].tolist() == ["BLD", "ALD"]  # Bland adopted on 1 February, Aland on 9 March
    assert table["first_time"].tolist() == [pd.Timestamp("2020-02-01"), pd.Timestamp("2020-03-09")]
    assert table["entered"].tolist() == [pd.Timestamp("2020-02-01"), pd.Timestamp("2020-01-05")]
    assert table["last_time"].tolist() == [pd.Timestamp("2021-06-30"), pd.Timestamp("2020-03-09")]
    assert (table.attrs["by"], table.attrs["time"]) == ("actor_id", "date")
    curve = adoption_curve(table)
    # times of entry and of adoption (Bland's last statement, after its adoption, is none)
    assert curve["time"].tolist() == [pd.Timestamp(d) for d in ("2020-01-05", "2020-02-01", "2020-03-09")]
    assert curve["n_at_risk"].tolist() == [1, 2, 1]
    assert curve["n_adopted"].tolist() == [0, 1, 1]


def test_statements_without_a_year_or_an_actor_are_left_out_and_counted():
    corpus = corpus_of(("a1", "We condemn it.", "Aland", 1990), ("a2", "We condemn it.", "Aland", None),
                       ("b1", "We condemn it.", "Bland", None), ("n1", "We condemn it.", None, 1980))
    table = adoption(find_matches(corpus, CONDEMN))
    assert table["actor"].tolist() == ["Aland"]  # Bland has no statement with a year
    assert (table["entered"].iloc[0], table["n_uses"].iloc[0]) == (1990, 1)
    assert (table.attrs["n_statements_without_time"], table.attrs["n_statements_without_unit"]) == (2, 1)


def test_a_corpus_given_with_a_subset_of_the_matches_gives_presence_from_the_corpus():
    matches = find_matches(SPEECHES, CONDEMN).select(year=range(1995, 2001))
    subset = adoption(matches).set_index("actor")
    whole = adoption(matches, SPEECHES).set_index("actor")
    assert (subset.loc["Aland", "entered"], subset.loc["Aland", "last_time"]) == (1995, 2000)
    assert (whole.loc["Aland", "entered"], whole.loc["Aland", "last_time"]) == (1985, 2005)
    assert (whole.loc["Xland", "entered"], whole.loc["Xland", "last_time"]) == (1990, 1999)
    assert whole.loc["Aland", "n_later_documents"] == 2  # a3 and a4, though a4 (2005) is outside the matches
    assert whole.loc["Aland", ["first_time", "doc_id", "start"]].tolist() == [1995, "a1", 6]


def test_a_corpus_missing_a_hits_statement_is_refused():
    matches = find_matches(SPEECHES, CONDEMN)
    fewer = Corpus(tuple(doc for doc in SPEECHES if doc.id != "b1"))
    with pytest.raises(ParameterError, match=r"'corpus' parameter of adoption.*without the statement 'b1"):
        adoption(matches, fewer)


# -- errors -------------------------------------------------------------------------------------------------------
def test_a_corpus_without_actors_is_refused_saying_the_actor_is_missing():
    corpus = Corpus((Document("d1", "We condemn it.", year=1990), Document("d2", "Nothing.", year=1991)))
    with pytest.raises(InputError, match=r"needs the actor of each statement \(actor\)") as raised:
        adoption(find_matches(corpus, CONDEMN))
    assert "\n" not in str(raised.value)


def test_a_corpus_without_years_is_refused_saying_the_time_is_missing():
    corpus = Corpus((Document("d1", "We condemn it.", actor="Aland"), Document("d2", "Nothing.", actor="Bland")))
    with pytest.raises(InputError, match=r"needs the time of each statement \(year\).*has a year") as raised:
        adoption(find_matches(corpus, CONDEMN))
    assert "\n" not in str(raised.value)
    with pytest.raises(InputError, match=r"\(date\).*has a date"):
        adoption(find_matches(corpus, CONDEMN), time="date")


def test_an_unknown_formula_id_is_refused_with_the_ids_listed():
    matches = find_matches(SPEECHES, Lexicon.from_phrases(["condemn*", "deplor*"]))
    with pytest.raises(ParameterError, match=r"'formula' parameter of adoption.*\(condemn\*, deplor\*\).*'oppose'"):
        adoption(matches, formula="oppose")
    with pytest.raises(ParameterError, match=r"'family' parameter of adoption.*'nothing'"):
        adoption(matches, family=["condemn*", "nothing"])


def test_formula_and_family_together_are_refused():
    matches = find_matches(SPEECHES, CONDEMN)
    with pytest.raises(ParameterError, match=r"'family' parameter of adoption must be None when formula is given"):
        adoption(matches, formula="condemn*", family="condemn*")


# -- attributed news ----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_attribution():
    pytest.importorskip("spacy")
    (article,) = read_texts(SEED)
    # the seed is a file without a date: it is given the date of its week (the readers of tables take a date column)
    dated = dataclasses.replace(article, date=dt.date(2025, 3, 20), year=None)
    return attribute_statements([dated], default_gazetteer())


@pytest.mark.parametrize("time", ["date", "year"])
def test_adopters_in_attributed_news_point_into_a_statement_of_theirs(seed_attribution, time):
    corpus = seed_attribution.corpus
    (document,) = corpus
    table = adoption(find_matches(corpus, default_lexicon().select(["all_forms"])), family="all_forms", time=time)
    adopters = table[table["adopted"]]
    # the OIC, Russia and Azerbaijan say "in all its forms and manifestations"; China "all forms of terrorism";
    # the EU and France "in all its forms"
    assert {"OIC", "RUS", "AZE", "CHN", "EU", "FRA"} <= set(adopters["actor_id"])
    statements = {st.id: st for st in document.statements}
    for row in adopters.itertuples():
        assert row.doc_id == document.id
        assert document.text[row.start:row.end] == row.matched_text
        holding = [st for st in document.statements
                   if st.start <= row.start and row.end <= st.end and st.actor_id == row.actor_id]
        assert holding, row.actor_id
        assert statements[row.statement_id].actor_id == row.actor_id
        assert row.first_time == (pd.Timestamp("2025-03-20") if time == "date" else 2025)
    assert (~table["adopted"]).any()  # actors of the article that said none of it are at risk and censored
