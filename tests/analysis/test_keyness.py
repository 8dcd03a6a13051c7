"""Keyness of words, n-grams and formulae: counts, G2, log ratio, corrections, groups and errors."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from toolkit import Corpus, Lexicon, find_matches
from toolkit.analysis.keyness import KEYNESS_COLUMNS, keyness, log_likelihood, log_ratio, significant
from toolkit.errors import ParameterError
from toolkit.io import read_table, read_ungdc
from toolkit.text.normalize import fold_for_tokens
from toolkit.text.tokenized import tokenize_corpus
from toolkit.text.tokens import split_tokens

from ..paths import DATA, SEED

OWN = DATA / "own" / "statements.csv"
COLUMNS = {"id": "ref", "actor": "country", "actor_id": "iso3", "year": "session_year", "text": "statement"}


@pytest.fixture(scope="module")
def own() -> Corpus:
    return read_table(OWN, columns=COLUMNS)


def _tokens(text: str) -> list[str]:
    return split_tokens(fold_for_tokens(text).text)[0]


def test_log_likelihood_equals_scipy_power_divergence_on_the_same_two_by_two_tables():
    a, b, t, r = np.array([10, 0, 7, 250, 3]), np.array([10, 5, 0, 100, 3]), 1000, 4000
    g2, p = log_likelihood(a, b, t, r)
    for k in range(a.size):
        observed = np.array([[a[k], b[k]], [t - a[k], r - b[k]]], dtype=float)
        expected = stats.contingency.expected_freq(observed)
        found = stats.power_divergence(observed, expected, lambda_="log-likelihood", axis=None, ddof=2)
        assert abs(g2[k]) == pytest.approx(found.statistic, rel=1e-12)
        assert p[k] == pytest.approx(found.pvalue, rel=1e-9)
        assert np.sign(g2[k]) == np.sign(a[k] / t - b[k] / r) or g2[k] == 0


def test_keyness_g2_of_real_text_equals_scipy_on_its_own_counts(own):
    table = keyness(own, by="bloc", target="EU", min_count=2)
    totals = {}
    for group, frame in (("t", own.to_frame()[own.to_frame()["bloc"] == "EU"]),
                         ("r", own.to_frame()[own.to_frame()["bloc"] != "EU"])):
        totals[group] = sum(len(_tokens(text)) for text in frame["text"])
    for row in table.head(10).itertuples():
        observed = np.array([[row.n_target, row.n_reference],
                             [totals["t"] - row.n_target, totals["r"] - row.n_reference]], dtype=float)
        found = stats.power_divergence(observed, stats.contingency.expected_freq(observed),
                                       lambda_="log-likelihood", axis=None, ddof=2)
        assert abs(row.log_likelihood) == pytest.approx(found.statistic, rel=1e-9)
        assert row.p_value == pytest.approx(found.pvalue, rel=1e-9)


def test_log_ratio_by_hand_with_half_added_to_both_counts_where_one_is_zero():
    # 20 per 1000 against 10 per 2000: four times as frequent, log2 = 2
    assert log_ratio([20], [10], 1000, 2000).tolist() == [2.0]
    # 3 against 0: (3.5 / 1000) / (0.5 / 1000) = 7
    assert log_ratio([3], [0], 1000, 1000)[0] == pytest.approx(np.log2(7))
    assert log_ratio([0], [1], 100, 100)[0] == pytest.approx(np.log2(0.5 / 1.5))


def test_bonferroni_keeps_fewer_features_than_benjamini_hochberg():
    p = np.array([0.001, 0.011, 0.02, 0.03, 0.04, 0.9])
    bh = significant(p, correction="bh", alpha=0.05)
    bonferroni = significant(p, correction="bonferroni", alpha=0.05)
    assert bh.tolist() == [True, True, True, True, True, False]  # 0.04 <= 5/6 * 0.05
    assert bonferroni.tolist() == [True, False, False, False, False, False]  # p * 6 <= 0.05
    assert significant(p, correction="none").tolist() == (p <= 0.05).tolist()


def test_keyness_correction_changes_only_the_significant_column_on_real_text(own):
    bh = keyness(own, by="bloc", target="EU", min_count=2)
    bonferroni = keyness(own, by="bloc", target="EU", min_count=2, correction="bonferroni")
    none = keyness(own, by="bloc", target="EU", min_count=2, correction="none")
    assert bonferroni["significant"].sum() <= bh["significant"].sum() <= none["significant"].sum()
    key = ["feature", "n_target", "n_reference"]
    assert sorted(map(tuple, bh[key].values)) == sorted(map(tuple, none[key].values))


def test_rows_sorted_significant_first_by_log_ratio_descending_ties_by_feature(own):
    table = keyness(own, by="bloc", target="EU", min_count=2, correction="none")
    assert list(table.columns) == KEYNESS_COLUMNS
    flags = table["significant"].tolist()
    assert flags == sorted(flags, reverse=True)
    for _, block in table.groupby("significant"):
        pairs = list(zip(-block["log_ratio"], block["feature"]))
        assert pairs == sorted(pairs)


@given(st.lists(st.lists(st.sampled_from(["we", "Condemn", "the", "attack", "it", "Peace", "of"]), max_size=12),
                min_size=2, max_size=8),
       st.lists(st.booleans(), min_size=8, max_size=8), st.integers(1, 3))
def test_word_counts_equal_a_plain_python_count(texts, flags, min_count):
    chosen = np.array(flags[:len(texts)])
    if not chosen.any() or chosen.all():
        chosen[0], chosen[-1] = True, False
    corpus = Corpus.from_texts([" ".join(words) + "." for words in texts])
    table = keyness(corpus, target=chosen, min_count=min_count).set_index("feature")
    counts: list[Counter[str]] = [Counter(), Counter()]
    docs: list[Counter[str]] = [Counter(), Counter()]
    for words, inside in zip(texts, chosen.tolist()):
        folded = [w.lower() for w in words]
        counts[0 if inside else 1].update(folded)
        docs[0 if inside else 1].update(set(folded))
    expected = {w for w in counts[0] | counts[1] if counts[0][w] + counts[1][w] >= min_count}
    assert set(table.index) == expected
    for w in expected:
        row = table.loc[w]
        assert (row.n_target, row.n_reference, row.docs_target, row.docs_reference) == (
            counts[0][w], counts[1][w], docs[0][w], docs[1][w])
    total = sum(counts[0].values())
    assert all(table["per_million_target"] == table["n_target"] * 1e6 / max(total, 1))


def test_punctuation_is_no_feature():
    corpus = Corpus.from_texts(["We condemn, condemn; and condemn!", "We note it: no."])
    table = keyness(corpus, target=[True, False], min_count=1)
    assert not any(re.search(r"[^\w ]", f) for f in table["feature"])


def test_features_without_a_letter_are_left_out_unless_numbers_but_their_tokens_count():
    corpus = Corpus.from_texts(["In 2008 and 2009 we condemned it, 09 times.", "In 1998 we noted it."])
    kept = keyness(corpus, target=[True, False], min_count=1)
    assert set(kept["feature"]) == {"in", "and", "we", "condemned", "it", "times", "noted"}
    every = keyness(corpus, target=[True, False], min_count=1, numbers=True)
    assert {"2008", "2009", "09", "1998"} <= set(every["feature"])
    same = every.set_index("feature").loc[kept["feature"], ["n_target", "per_million_target", "p_value"]]
    assert same.reset_index(drop=True).equals(kept[["n_target", "per_million_target", "p_value"]])
    grams = keyness(corpus, target=[True, False], features="ngrams", min_n=2, max_n=2, min_count=1)
    assert "in 2008" in set(grams["feature"]) and "2008 and" in set(grams["feature"])
    assert not any(f.replace(" ", "").isdigit() for f in grams["feature"])


def test_ngrams_never_cross_a_sentence_end():
    corpus = Corpus.from_texts(["We condemn the attack. Peace now. We condemn the attack.",
                                "Peace now, we said. The attack peace talks."])
    table = keyness(corpus, target=[True, False], features="ngrams", min_n=2, max_n=3, min_count=1)
    grams = set(table["feature"])
    assert {"we condemn", "condemn the attack", "peace now", "attack peace"} <= grams
    assert not {"attack peace now", "now we condemn", "now we said the"} & grams
    rows = table.set_index("feature")
    assert (rows.loc["attack peace", "n_target"], rows.loc["attack peace", "n_reference"]) == (0, 1)
    assert (rows.loc["now we", "n_target"], rows.loc["now we", "n_reference"]) == (0, 1)  # a comma is no end


def test_ngram_counts_equal_a_plain_count_within_sentences_on_the_seed():
    text = SEED.read_text(encoding="utf-8")
    paragraphs = [p for p in text.splitlines() if p.strip()]
    half = len(paragraphs) // 2
    corpus = Corpus.from_texts(paragraphs)
    mask = np.arange(len(paragraphs)) < half
    table = keyness(corpus, target=mask, features="ngrams", min_n=2, max_n=2, min_count=3).set_index("feature")
    tc = tokenize_corpus(corpus)
    expected: list[Counter[str]] = [Counter(), Counter()]
    for k, (ids, sentences) in enumerate(zip(tc.ids, tc.sentences)):
        words = [tc.vocabulary[i] for i in ids.tolist()]
        for j in range(len(words) - 1):
            if sentences[j] == sentences[j + 1]:
                expected[0 if mask[k] else 1][f"{words[j]} {words[j + 1]}"] += 1
    kept = {g for g in expected[0] | expected[1] if expected[0][g] + expected[1][g] >= 3}
    assert set(table.index) == kept
    for g in kept:
        assert (table.loc[g, "n_target"], table.loc[g, "n_reference"]) == (expected[0][g], expected[1][g])


def test_target_by_a_range_of_years_equals_the_same_mask(own):
    years = own.to_frame()["year"]
    by_range = keyness(own, by="year", target=(2001, 2010), min_count=2)
    by_mask = keyness(own, target=((years >= 2001) & (years <= 2010)).to_numpy(dtype=bool), min_count=2)
    assert by_range.equals(by_mask)
    assert by_range.equals(keyness(own, by="year", target=range(2001, 2011), min_count=2))
    assert by_range["n_target"].sum() > 0


def test_reference_by_decade_leaves_the_other_statements_out(own):
    table = keyness(own, by="decade", target=2010, reference=2000, min_count=1, numbers=True).set_index("feature")
    frame = own.to_frame()
    words = [Counter(w for text in frame.loc[frame["year"].between(a, a + 9), "text"] for w in _tokens(text))
             for a in (2010, 2000)]
    assert set(table.index) == set(words[0]) | set(words[1])  # nothing of the 2020s
    assert table["n_target"].to_dict() == {w: words[0][w] for w in table.index}
    assert table["n_reference"].to_dict() == {w: words[1][w] for w in table.index}


def test_formulae_counts_come_from_the_matches_table_per_group(own):
    lexicon = Lexicon.from_phrases(["terrorist attacks", "condemn", "peace"])
    table = keyness(own, by="bloc", target="EU", features="formulae", lexicon=lexicon, min_count=1)
    matches = find_matches(own, lexicon)
    eu = set(own.to_frame().loc[own.to_frame()["bloc"] == "EU", "statement_id"])
    hits = matches.table.assign(eu=matches.table["statement_id"].isin(eu))
    for row in table.itertuples():
        mine = hits[hits["formula"] == row.feature]
        assert (row.n_target, row.n_reference) == (int(mine["eu"].sum()), int((~mine["eu"]).sum()))
        assert row.docs_target == mine.loc[mine["eu"], "statement_id"].nunique()


def test_dispersion_equals_scipy_mann_whitney_on_per_statement_rates(own):
    table = keyness(own, by="bloc", target="EU", min_count=3, dispersion=True).set_index("feature")
    frame = own.to_frame()
    eu = (frame["bloc"] == "EU").to_numpy()
    tokens = [_tokens(text) for text in frame["text"]]
    for word in table.index[:8]:
        rates = np.array([t.count(word) / max(len(t), 1) for t in tokens])
        expected = stats.mannwhitneyu(rates[eu], rates[~eu], alternative="two-sided", method="asymptotic").pvalue
        assert table.loc[word, "p_dispersion"] == pytest.approx(expected, rel=1e-9)


def test_ngram_dispersion_counts_each_statement_occurrences():
    corpus = Corpus.from_texts(["we condemn it we condemn it", "we condemn it", "we note it", "we note it"])
    table = keyness(corpus, target=[True, True, False, False], features="ngrams", min_n=2, max_n=2, min_count=1,
                    dispersion=True).set_index("feature")
    rates = np.array([2 / 6, 1 / 3]), np.array([0.0, 0.0])
    expected = stats.mannwhitneyu(*rates, alternative="two-sided", method="asymptotic").pvalue
    assert table.loc["we condemn", "p_dispersion"] == pytest.approx(expected)


def test_ungdc_mini_decades_compare():
    un = read_ungdc(DATA / "ungdc_mini")
    years = un.to_frame()["year"]
    first = int(years.min())
    table = keyness(un, by="decade", target=(first // 10) * 10, min_count=2)
    assert len(table) > 0 and table["n_target"].sum() > 0 and table["n_reference"].sum() > 0


@pytest.mark.parametrize("kwargs, message", [
    ({"target": [True, False]}, r"The 'target' parameter of keyness must be a boolean mask with one entry per "
                                r"statement \(14\) when by is None. Got a mask of 2 entries instead."),
    ({"by": "bloc", "target": "OIC"}, r"The 'target' parameter of keyness must be a group holding at least one "
                                      r"statement. Got 'OIC', which selects none instead."),
    ({"target": np.zeros(14, dtype=bool)}, r"The 'target' parameter of keyness must be a group holding at least "
                                           r"one statement. Got a mask, which selects none instead."),
    ({"by": "year", "target": (2001, 2010), "reference": [2010, 2011]},
     r"The 'reference' parameter of keyness must be a group sharing no statement with the target. Got \[2010, "
     r"2011\], which shares 1 statement with it instead."),
    ({"by": "blok", "target": "EU"}, r"The 'by' parameter of keyness must be a grouping"),
    ({"by": "actor,year", "target": "EU"}, r"The 'by' parameter of keyness must be one grouping"),
    ({"by": "bloc", "target": "EU", "features": "lemmas"}, r"The 'features' parameter of keyness"),
    ({"by": "bloc", "target": "EU", "correction": "holm"}, r"The 'correction' parameter of keyness"),
    ({"by": "bloc", "target": "EU", "features": "ngrams", "min_n": 3, "max_n": 2},
     r"The 'max_n' parameter of keyness must be an int >= min_n \(3\). Got 2 instead."),
])
def test_errors_name_the_parameter(own, kwargs, message):
    with pytest.raises(ParameterError, match=message):
        keyness(own, **kwargs)


def test_a_target_of_every_statement_leaves_no_reference(own):
    with pytest.raises(ParameterError, match="Got no statement outside the target instead"):
        keyness(own, target=np.ones(len(own.statements), dtype=bool))


def test_measure_orders_each_block_by_the_signed_g2_and_changes_nothing_else(own):
    by_ratio = keyness(own, by="year", target=(2010, 2021), min_count=2)
    by_g2 = keyness(own, by="year", target=(2010, 2021), min_count=2, measure="log_likelihood")
    for _, block in by_g2.groupby("significant"):
        pairs = list(zip(-block["log_likelihood"], block["feature"]))
        assert pairs == sorted(pairs)
    assert by_g2.sort_values("feature").reset_index(drop=True).equals(
        by_ratio.sort_values("feature").reset_index(drop=True))
    with pytest.raises(ParameterError, match="The 'measure' parameter of keyness must be one of"):
        keyness(own, by="year", target=(2010, 2021), measure="chi2")
