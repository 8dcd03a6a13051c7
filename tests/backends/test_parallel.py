"""Process pools give the single-process results, row for row."""

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.analysis.discover import discover_formulae
from toolkit.attribution import attribute_statements
from toolkit.backends import parallel as scale
from toolkit.cli import main
from toolkit.errors import ParameterError
from toolkit.formulae.counts import count_matches
from toolkit.formulae.kwic import kwic
from toolkit.formulae.lexicon import Lexicon
from toolkit.formulae.match import find_matches
from toolkit.io import default_gazetteer, default_lexicon, iter_corpus, read_corpus, read_texts
from toolkit.text.corpus import Corpus
from toolkit.text.tokenized import tokenize_corpus

from ..paths import DATA, SEED

#: Discovery options tried: the defaults, and other values of each.
OPTION_SETS: list[dict[str, Any]] = [{}, {"min_n": 2, "max_n": 4, "min_actors": 1, "absorb": 0.5, "top": 5}]


def assert_same_matches(a, b):
    pd.testing.assert_frame_equal(a.table, b.table)
    pd.testing.assert_frame_equal(a.statements, b.statements)
    pd.testing.assert_frame_equal(a.formulae, b.formulae)
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


@pytest.mark.parametrize("jobs", [None, 1, 2])
def test_a_stream_keeps_its_skipped_files_whatever_the_number_of_processes(tmp_path, jobs):
    (tmp_path / "a.txt").write_text("We condemn terrorism in all its forms.", encoding="utf-8")
    (tmp_path / "._a.txt").write_bytes(b"\x00\x05\x16\x07 macOS metadata")
    (tmp_path / "b.txt").write_text("They condemned it.", encoding="utf-8")
    lexicon = default_lexicon()
    got = scale.find_matches_parallel(iter_corpus(tmp_path), lexicon, jobs=jobs)
    assert_same_matches(got, find_matches(iter_corpus(tmp_path), lexicon))
    assert [Path(s.source).name for s in got.skipped] == ["._a.txt"] and len(got.statements) == 2


@pytest.mark.parametrize("jobs", [1, 2])
def test_counts_summed_batch_by_batch_equal_the_counts_of_all_matches(articles, jobs, monkeypatch):
    monkeypatch.setattr(scale, "BATCH_CHARACTERS", 700)  # many batches, and groups split across them
    monkeypatch.setattr(scale, "_SUM_EVERY", 3)
    lexicon = default_lexicon()
    matches = find_matches(articles, lexicon)
    for by, level in (("doc", "formula"), ("actor", "family"), ("year", "formula"), ("actor,year", "family"),
                      ("statement", "formula")):
        expected = count_matches(matches, by=by, level=level)
        got = scale.count_parallel(articles, lexicon, by=by, level=level, jobs=jobs)
        pd.testing.assert_frame_equal(got, expected)
    assert expected["n_matches"].sum() == len(matches) > 20


def test_counting_an_archive_in_flat_memory_equals_counting_its_matches():
    archive = DATA / "ungdc_mini"
    lexicon = default_lexicon()
    expected = count_matches(find_matches(iter_corpus(archive), lexicon), by="year")
    pd.testing.assert_frame_equal(scale.count_parallel(iter_corpus(archive), lexicon, by="year"), expected)
    empty = scale.count_parallel([], lexicon, by="actor,year")
    pd.testing.assert_frame_equal(empty, count_matches(find_matches([], lexicon), by="actor,year"))


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
    got = scale.kwic_parallel(articles, lexicon, formulae=["all_forms"], window=4, jobs=2)
    pd.testing.assert_frame_equal(got, expected)
    single, merged = tokenize_corpus(articles), scale.tokenize_parallel(articles, jobs=2)
    assert merged.vocabulary == single.vocabulary
    assert all((a == b).all() for a, b in zip(merged.ids, single.ids))
    pd.testing.assert_frame_equal(merged.statements, single.statements)
    pd.testing.assert_frame_equal(scale.discover_parallel(articles, jobs=2, lexicon=lexicon),
                                  discover_formulae(articles, lexicon=lexicon))


@pytest.mark.parametrize("jobs", [2, 3])
def test_discovery_in_worker_processes_equals_the_single_process_table(articles, jobs, monkeypatch):
    monkeypatch.setattr(scale, "BATCH_CHARACTERS", 500)  # many batches per worker
    lexicon = default_lexicon()
    for options in OPTION_SETS:
        expected = discover_formulae(articles, lexicon=lexicon, **options)
        pd.testing.assert_frame_equal(scale.discover_parallel(articles, jobs=jobs, lexicon=lexicon, **options),
                                      expected)
        assert len(expected) >= 5


@pytest.mark.ungdc
def test_discovery_of_un_speeches_in_two_processes_equals_one(ungdc_sample):
    from toolkit.io import iter_corpus

    single = scale.discover_parallel(iter_corpus(ungdc_sample), jobs=1, min_actors=10)
    assert len(single) > 1000
    pd.testing.assert_frame_equal(scale.discover_parallel(iter_corpus(ungdc_sample), jobs=2, min_actors=10), single)


def test_the_command_line_discovers_the_same_with_any_number_of_jobs(capsys):
    outputs = []
    for jobs in ("1", "2"):
        assert main(["discover", str(SEED), str(DATA / "articles"), "--attribute", "--jobs", jobs]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] and "terrorism in all its forms" in outputs[0]


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


def corpus_with_sparse_metadata(folder):
    """Real statements whose own column ``bloc`` only some rows fill, so that some batches lack it entirely."""
    rows = pd.read_csv(DATA / "tables" / "statements.csv")
    rows["bloc"] = rows["iso"].map({"EU": "EU", "QAT": "OIC"})  # Canada and Sweden: no bloc
    rows.to_csv(folder / "blocs.csv", index=False)
    return folder / "blocs.csv"


TABLE = {"id": "ref", "text": "body", "actor": "country", "actor_id": "iso", "date": "published"}


@pytest.mark.parametrize("jobs", [1, 2])
def test_parallel_matches_carry_the_same_metadata_as_the_single_process_ones(tmp_path, jobs, monkeypatch):
    monkeypatch.setattr(scale, "BATCH_CHARACTERS", 1)  # one document a batch: most batches lack a column
    from toolkit.io import read_table, read_ungdc

    lexicon = default_lexicon()
    for corpus in (read_table(corpus_with_sparse_metadata(tmp_path), columns=TABLE), read_ungdc(DATA / "ungdc_mini")):
        expected = find_matches(corpus, lexicon)
        got = scale.find_matches_parallel(corpus, lexicon, jobs=jobs)
        assert_same_matches(got, expected)
        assert len(got.statements.columns) > 9  # the metadata are there
    assert got.statements["session"].tolist() == [1, 79, 79]


@pytest.mark.parametrize("jobs", [1, 2])
def test_counts_by_metadata_and_decade_summed_batch_by_batch_equal_the_counts_of_all_matches(tmp_path, jobs,
                                                                                          monkeypatch):
    monkeypatch.setattr(scale, "BATCH_CHARACTERS", 1)
    monkeypatch.setattr(scale, "_SUM_EVERY", 2)
    from toolkit.io import read_table, read_ungdc

    lexicon = default_lexicon()
    table = read_table(corpus_with_sparse_metadata(tmp_path), columns=TABLE)
    for corpus, by in ((table, "bloc"), (table, "actor,bloc,decade"), (read_ungdc(DATA / "ungdc_mini"), "session"),
                       (read_ungdc(DATA / "ungdc_mini"), "years:20,session")):
        expected = count_matches(find_matches(corpus, lexicon), by=by, level="family")
        got = scale.count_parallel(corpus, lexicon, by=by, level="family", jobs=jobs)
        pd.testing.assert_frame_equal(got, expected)
    with pytest.raises(ParameterError, match=r"^The 'by' parameter of count_parallel must be a grouping \(.*\) or a "
                                             r"column of the statements \(bloc, outlet\)\. Got 'blok' instead\.$"):
        scale.count_parallel(table, lexicon, by="actor,blok", jobs=jobs)
