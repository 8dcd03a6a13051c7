"""Keyness and collocates over process pools and on Dask give the single-process tables, row for row."""

from typing import Any

import pandas as pd
import pytest

import toolkit.backends.parallel
from toolkit.analysis.collocates import collocates
from toolkit.analysis.keyness import keyness
from toolkit.attribution import attribute_statements
from toolkit.backends import collocates_parallel, keyness_parallel
from toolkit.backends.parallel import group_shares
from toolkit.errors import ParameterError
from toolkit.io import default_gazetteer, read_corpus, read_texts, read_ungdc

from ..paths import DATA, SEED

OWN = DATA / "own" / "statements.csv"
MAPPING = {"id": "ref", "actor": "country", "actor_id": "iso3", "year": "session_year", "text": "statement"}

#: (corpus, groups) pairs of real statements: a user's table by years, attributed news by actor, UN speeches by year.
CASES: dict[str, tuple[Any, dict[str, Any]]] = {
    "own by years": (lambda: read_corpus(OWN, columns=MAPPING), {"by": "year", "target": (2010, 2021)}),
    "news by actor": (lambda: attribute_statements(read_corpus([SEED, DATA / "articles"]), default_gazetteer()).corpus,
                      {"by": "actor", "target": "Pakistan"}),
    "un speeches by year": (lambda: read_ungdc(DATA / "ungdc_mini"), {"by": "year", "target": 2024}),
}
#: Options tried: every kind of feature, the dispersion test, n-grams from single words, families.
OPTIONS: list[dict[str, Any]] = [{"features": "words"}, {"features": "words", "dispersion": True},
           {"features": "ngrams", "dispersion": True}, {"features": "ngrams", "min_n": 1, "max_n": 3},
           {"features": "formulae", "dispersion": True}, {"features": "formulae", "level": "family"}]


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request):
    load, groups = CASES[request.param]
    return list(load()), groups


def test_keyness_in_two_processes_is_the_single_process_table(case):
    corpus, groups = case
    for options in OPTIONS:
        expected = keyness(corpus, min_count=2, **groups, **options)
        got = keyness_parallel(corpus, min_count=2, jobs=2, **groups, **options)
        assert got.equals(expected), options
        assert len(expected) > 0


def test_keyness_cut_into_more_partitions_than_groups_sums_counts_before_pruning():
    corpus = list(read_corpus(OWN, columns=MAPPING))
    for options in ({"features": "ngrams", "min_n": 1, "max_n": 4, "dispersion": True}, {"features": "words"}):
        expected = keyness(corpus, by="year", target=(2010, 2021), min_count=3, **options)
        got = keyness_parallel(corpus, by="year", target=(2010, 2021), min_count=3, jobs=4, **options)
        pd.testing.assert_frame_equal(got, expected)
        # a feature frequent only summed over partitions is still there
        assert (expected["n_target"] + expected["n_reference"]).min() == 3


def test_group_shares_cut_each_group_in_order_and_lose_no_document():
    docs = list(read_corpus(OWN, columns=MAPPING))
    shares, group_of = group_shares([docs[:5], docs[5:]], 4)
    assert len(shares) == 4
    assert [d.id for share in shares for d in share] == [d.id for d in docs]
    assert sorted(set(group_of)) == [0, 1] and group_of == sorted(group_of) and all(shares)


def test_keyness_parallel_refuses_what_keyness_refuses_with_its_messages():
    corpus = read_texts(SEED)
    with pytest.raises(ParameterError, match="The 'min_count' parameter of keyness must be an int >= 1"):
        keyness_parallel(corpus, target=[True] * len(corpus), min_count=0, jobs=2)
    with pytest.raises(ParameterError, match="The 'reference' parameter of keyness"):
        keyness_parallel(corpus, target=[True] * len(corpus), jobs=2)
    with pytest.raises(ParameterError, match="The 'jobs' parameter of keyness_parallel"):
        keyness_parallel(corpus, target=[True] * len(corpus), jobs=0)


@pytest.mark.parametrize("node", ["condemn*", "terrorism", "all_forms"])
def test_collocates_over_processes_sum_batches_to_the_single_process_table(node, monkeypatch):
    monkeypatch.setattr(toolkit.backends.parallel, "BATCH_CHARACTERS", 2_000)  # several batches, so sums matter
    corpus = read_corpus([SEED, DATA / "articles", DATA / "ungdc_mini"])
    expected = collocates(corpus, node, min_count=1)
    got = collocates_parallel(corpus, node, min_count=1, jobs=2)
    pd.testing.assert_frame_equal(got, expected)
    assert len(expected) > 5


# --- on a Dask cluster ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as running:
        yield running


def test_keyness_on_a_dask_cluster_is_the_single_process_table(case, cluster):
    corpus, groups = case
    for options in OPTIONS:
        expected = keyness(corpus, min_count=2, **groups, **options)
        got = keyness_parallel(corpus, min_count=2, backend="dask", scheduler=cluster.scheduler_address, jobs=3,
                               **groups, **options)
        pd.testing.assert_frame_equal(got, expected)


def test_collocates_on_a_dask_cluster_are_the_single_process_table(cluster, monkeypatch):
    monkeypatch.setattr(toolkit.backends.parallel, "BATCH_CHARACTERS", 2_000)
    corpus = read_corpus([SEED, DATA / "articles", DATA / "ungdc_mini"])
    for measure in ("log_likelihood", "log_dice"):
        expected = collocates(corpus, "condemn*", min_count=1, measure=measure, side="left")
        got = collocates_parallel(corpus, "condemn*", min_count=1, measure=measure, side="left", backend="dask",
                                  scheduler=cluster.scheduler_address)
        pd.testing.assert_frame_equal(got, expected)
        assert got["n_together"].sum() > 20


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_fast_word_count_of_one_statement_documents_gives_the_partition_counts(name):
    load, groups = CASES[name]
    corpus = list(load())
    fast = keyness(corpus, min_count=1, **groups)  # count_words where no document holds two statements
    counted = keyness(corpus, min_count=1, dispersion=True, **groups).drop(columns="p_dispersion")
    pd.testing.assert_frame_equal(fast, counted)
    assert len(fast) > 30
