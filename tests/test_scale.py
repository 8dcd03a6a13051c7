"""Parallel and Dask back ends give the single-process results, row for row."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit import scale
from toolkit.attribution import attribute_statements
from toolkit.cli import main
from toolkit.corpus import Corpus
from toolkit.counts import count_matches
from toolkit.discover import discover_formulae, tokenize_corpus
from toolkit.errors import ParameterError
from toolkit.io import default_gazetteer, default_lexicon, iter_corpus, read_corpus, read_texts
from toolkit.kwic import kwic
from toolkit.lexicon import Lexicon
from toolkit.match import find_matches

from .paths import DATA, SEED


def assert_same_matches(a, b):
    pd.testing.assert_frame_equal(a.table, b.table)
    pd.testing.assert_frame_equal(a.statements, b.statements)
    pd.testing.assert_frame_equal(a.formulas, b.formulas)
    assert a.skipped == b.skipped


@pytest.fixture(scope="module")
def articles():
    corpus = read_corpus([SEED, DATA / "articles"])
    return attribute_statements(corpus, default_gazetteer()).corpus


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_parallel_matches_equal_the_single_process_ones(articles, jobs, monkeypatch):
    monkeypatch.setattr(scale, "BATCH_CHARACTERS", 500)  # many small batches, so order matters
    lexicon = default_lexicon()
    expected = find_matches(articles, lexicon)
    got = scale.find_matches_parallel(articles, lexicon, jobs=jobs)
    assert_same_matches(got, expected)
    assert len(got) > 20


def test_batches_cut_the_stream_in_order_without_losing_a_document(articles):
    ids = [d.id for d in articles]
    for characters, expected in ((1, len(ids)), (4000, 2), (10 ** 9, 1)):
        cut = list(scale.batches(articles, characters=characters))
        assert len(cut) == expected
        assert [d.id for batch in cut for d in batch] == ids


def test_parallel_kwic_and_tokens_and_discovery_equal_the_single_process_ones(articles, monkeypatch):
    monkeypatch.setattr(scale, "BATCH_CHARACTERS", 500)
    lexicon = default_lexicon()
    expected = kwic(find_matches(articles, lexicon).select(["all_forms"]), articles, window=4)
    got = scale.kwic_parallel(articles, lexicon, formulas=["all_forms"], window=4, jobs=2)
    pd.testing.assert_frame_equal(got, expected)
    single, merged = tokenize_corpus(articles), scale.tokenize_parallel(articles, jobs=2)
    assert merged.vocabulary == single.vocabulary
    assert all((a == b).all() for a, b in zip(merged.ids, single.ids))
    pd.testing.assert_frame_equal(merged.statements, single.statements)
    pd.testing.assert_frame_equal(scale.discover_parallel(articles, jobs=2, lexicon=lexicon),
                                  discover_formulae(articles, lexicon=lexicon))


@settings(max_examples=25)
@given(st.lists(st.lists(st.sampled_from(list("ab .\n“”’") + ["ab ba ", "AB  BA", "ab\nba"]), max_size=20)
                .map("".join).filter(str.strip), min_size=1, max_size=12))
def test_parallel_counts_equal_single_process_counts_on_random_corpora(texts):
    corpus = Corpus.from_texts(texts)
    lexicon = Lexicon.from_phrases(["ab ba", "ba"])
    expected = count_matches(find_matches(corpus, lexicon), by="doc")
    got = count_matches(scale.find_matches_parallel(corpus, lexicon, jobs=2), by="doc")
    pd.testing.assert_frame_equal(got, expected)


def test_bad_jobs_are_refused():
    with pytest.raises(ParameterError, match="'jobs' parameter of find_matches_parallel must be an int >= 1"):
        scale.find_matches_parallel(read_texts(SEED), default_lexicon(), jobs=0)
    with pytest.raises(SystemExit) as exit_info:
        main(["count", str(SEED), "--jobs", "0"])
    assert exit_info.value.code == 2


def test_the_command_line_counts_the_same_with_any_number_of_jobs(capsys, tmp_path):
    outputs = []
    for jobs in ("1", "2"):
        assert main(["count", str(SEED), str(DATA / "articles"), "--attribute", "--by", "actor", "--jobs", jobs]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] and outputs[0].count("\n") > 100


@pytest.mark.ungdc
def test_dask_on_a_local_cluster_counts_the_un_sample_as_the_local_run_does(ungdc_sample):
    from distributed import Client, LocalCluster

    lexicon = default_lexicon()
    local = find_matches(iter_corpus(ungdc_sample), lexicon)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        distributed = scale.find_matches_dask(iter_corpus(ungdc_sample), lexicon, scheduler=cluster.scheduler_address)
        with Client(cluster) as client:
            assert len(client.scheduler_info()["workers"]) == 2
    assert_same_matches(distributed, local)
    pd.testing.assert_frame_equal(count_matches(distributed, by="year,actor_id"),
                                  count_matches(local, by="year,actor_id"))
    assert len(local) > 1000 and local.statements["year"].nunique() == 4


@pytest.mark.ungdc
def test_the_dask_backend_of_the_command_line_prints_the_local_counts(ungdc_sample, capsys):
    assert main(["count", str(ungdc_sample), "--by", "year", "--level", "family", "--jobs", "1"]) == 0
    local = capsys.readouterr().out
    assert main(["count", str(ungdc_sample), "--by", "year", "--level", "family", "--backend", "dask",
                 "--jobs", "2"]) == 0
    assert capsys.readouterr().out == local


def test_an_unreachable_scheduler_is_one_line_and_status_2(capsys):
    status = main(["count", str(SEED), "--backend", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert status == 2 and err.startswith("condemn: error: cannot reach the Dask scheduler") and err.count("\n") == 1
    assert main(["count", str(SEED), "--scheduler", "tcp://127.0.0.1:9"]) == 2
