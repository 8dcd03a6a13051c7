"""The Dask back end gives the single-process matches, row for row; what it needs is said when missing."""

import threading
import time

import pandas as pd
import pytest

import toolkit.backends.dask
import toolkit.backends.parallel
from toolkit.analysis.discover import discover_formulae
from toolkit.attribution import attribute_statements
from toolkit.backends import attribute_parallel, count_parallel, intensity_parallel, kwic_parallel
from toolkit.backends.dask import discover_dask, find_matches_dask
from toolkit.cli import main
from toolkit.errors import ClusterUnavailable, MissingDependency
from toolkit.formulae.counts import count_matches
from toolkit.formulae.match import find_matches
from toolkit.io import default_gazetteer, default_lexicon, iter_corpus, read_corpus, read_texts

from ..conftest import SAMPLE_YEARS
from ..paths import DATA, SEED
from .test_parallel import OPTION_SETS, assert_same_matches


def test_discovery_on_a_dask_cluster_sums_partial_counts_to_the_single_process_table():
    from distributed import LocalCluster

    corpus = attribute_statements(read_corpus([SEED, DATA / "articles"]), default_gazetteer()).corpus
    lexicon = default_lexicon()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        for options in OPTION_SETS:
            expected = discover_formulae(corpus, lexicon=lexicon, **options)
            distributed = discover_dask(corpus, scheduler=cluster.scheduler_address, jobs=3, lexicon=lexicon,
                                        **options)
            pd.testing.assert_frame_equal(distributed, expected)
            assert len(expected) >= 5


def test_the_dask_backend_of_discover_prints_the_local_table(capsys):
    assert main(["discover", str(SEED), "--attribute", "--jobs", "1"]) == 0
    local = capsys.readouterr().out
    assert main(["discover", str(SEED), "--attribute", "--backend", "dask", "--jobs", "2"]) == 0
    assert capsys.readouterr().out == local and "terrorism in all its forms" in local
    assert main(["discover", str(SEED), "--scheduler", "tcp://127.0.0.1:9"]) == 2


@pytest.mark.ungdc
def test_dask_on_a_local_cluster_counts_the_un_sample_as_the_local_run_does(ungdc_sample):
    from distributed import Client, LocalCluster

    lexicon = default_lexicon()
    local = find_matches(iter_corpus(ungdc_sample), lexicon)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        distributed = find_matches_dask(iter_corpus(ungdc_sample), lexicon, scheduler=cluster.scheduler_address)
        with Client(cluster) as client:
            assert len(client.scheduler_info()["workers"]) == 2
    assert_same_matches(distributed, local)
    pd.testing.assert_frame_equal(count_matches(distributed, by="year,actor_id"),
                                  count_matches(local, by="year,actor_id"))
    assert len(local) > 1000 and local.statements["year"].nunique() == len(SAMPLE_YEARS)


@pytest.mark.ungdc
def test_the_dask_backend_of_the_command_line_prints_the_local_counts(ungdc_sample, capsys):
    assert main(["count", str(ungdc_sample), "--by", "year", "--level", "family", "--jobs", "1"]) == 0
    local = capsys.readouterr().out
    assert main(["count", str(ungdc_sample), "--by", "year", "--level", "family", "--backend", "dask",
                 "--jobs", "2"]) == 0
    assert capsys.readouterr().out == local


def test_an_unreachable_scheduler_is_one_line_and_status_3_saying_what_to_start(capsys, monkeypatch):
    monkeypatch.setattr(toolkit.backends.dask, "CONNECT_TIMEOUT", "1s")  # nothing listens: no need to wait 10 s
    status = main(["count", str(SEED), "--backend", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert status == 3 and err.startswith("condemn: error: cannot reach the Dask scheduler") and err.count("\n") == 1
    assert "dask scheduler" in err
    with pytest.raises(ClusterUnavailable, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        find_matches_dask(read_texts(SEED), default_lexicon(), scheduler="tcp://127.0.0.1:9")


def test_a_scheduler_without_the_dask_backend_is_a_usage_error():
    assert main(["count", str(SEED), "--scheduler", "tcp://127.0.0.1:9"]) == 2


def test_a_missing_dask_install_exits_3_with_what_to_install(monkeypatch, capsys):
    import builtins

    real_import = builtins.__import__

    def no_dask(name, *args, **kwargs):
        level = args[3] if len(args) > 3 else kwargs.get("level", 0)
        if level == 0 and name.split(".")[0] in ("dask", "distributed"):  # the libraries, not toolkit.backends.dask
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    with pytest.raises(MissingDependency, match=r"pip install 'condemnation-toolkit\[dask\]'"):
        find_matches_dask(read_texts(SEED), default_lexicon())
    with pytest.raises(MissingDependency, match="the Dask back end needs 'dask'"):
        discover_dask(read_texts(SEED))
    assert main(["count", str(SEED), "--backend", "dask"]) == 3
    assert "pip install" in capsys.readouterr().err


# --- every corpus-scale step runs on Dask and gives the local table -------------------------------------------
@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as running:
        yield running


def test_attribution_on_a_dask_cluster_is_the_single_process_attribution(cluster, monkeypatch):
    monkeypatch.setattr(toolkit.backends.parallel, "BATCH_CHARACTERS", 2_000)  # several batches, so order matters
    documents = read_corpus([SEED, DATA / "articles"])
    expected = attribute_statements(documents, default_gazetteer())
    got = attribute_parallel(documents, backend="dask", scheduler=cluster.scheduler_address)
    pd.testing.assert_frame_equal(got.table, expected.table)
    assert got.corpus.to_frame().equals(expected.corpus.to_frame()) and len(expected.table) > 30


def test_intensity_kwic_and_counts_with_attribution_on_dask_equal_the_local_ones(cluster, monkeypatch):
    monkeypatch.setattr(toolkit.backends.parallel, "BATCH_CHARACTERS", 2_000)
    paths = [SEED, DATA / "articles"]
    where = {"backend": "dask", "scheduler": cluster.scheduler_address}
    for attribute in (False, True):
        pd.testing.assert_frame_equal(intensity_parallel(read_corpus(paths), attribute=attribute, **where),
                                      intensity_parallel(read_corpus(paths), attribute=attribute))
        pd.testing.assert_frame_equal(
            kwic_parallel(read_corpus(paths), default_lexicon(), formulae=["all_forms"], attribute=attribute, **where),
            kwic_parallel(read_corpus(paths), default_lexicon(), formulae=["all_forms"], attribute=attribute))
        pd.testing.assert_frame_equal(
            count_parallel(read_corpus(paths), default_lexicon(), by="actor", attribute=attribute, **where),
            count_parallel(read_corpus(paths), default_lexicon(), by="actor", attribute=attribute))
    scores = intensity_parallel(read_corpus(paths), attribute=True, **where)
    assert scores["level"].max() == 5 and scores["actor"].nunique() > 10


@pytest.mark.parametrize("command", [["attribute", "--format", "csv"], ["intensity", "--attribute"],
                                     ["kwic", "--attribute", "--formula", "all_forms"]])
def test_the_corpus_scale_commands_print_the_same_on_dask_as_locally(cluster, command, capsys):
    name, *options = command
    assert main([name, str(SEED), *options]) == 0
    local = capsys.readouterr().out
    assert main([name, str(SEED), *options, "--backend", "dask", "--scheduler", cluster.scheduler_address]) == 0
    assert capsys.readouterr().out == local and local.count("\n") > 3


def test_a_cluster_that_loses_every_worker_mid_run_stops_with_one_line_and_status_3(tmp_path, monkeypatch, capsys):
    from distributed import LocalCluster

    monkeypatch.setattr(toolkit.backends.dask, "LOST_WORKERS_TIMEOUT", 3.0)
    monkeypatch.setattr(toolkit.backends.parallel, "BATCH_CHARACTERS", 1)  # one batch per document
    text = SEED.read_text(encoding="utf-8")
    for k in range(200):
        (tmp_path / f"article-{k:03d}.txt").write_text(text, encoding="utf-8")
    outcome: dict = {}
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as doomed:
        def run():
            started = time.monotonic()
            outcome["status"] = main(["count", str(tmp_path), "--attribute", "--backend", "dask",
                                      "--scheduler", doomed.scheduler_address])
            outcome["seconds"] = time.monotonic() - started

        worker = threading.Thread(target=run)
        worker.start()
        deadline = time.monotonic() + 60
        while not doomed.scheduler.tasks and time.monotonic() < deadline:  # the run has started
            time.sleep(0.05)
        assert doomed.scheduler.tasks, "the run never reached the cluster"
        doomed.scale(0)  # every worker goes, mid-run
        worker.join(timeout=120)
    assert not worker.is_alive(), "the command still waits for a worker"
    err = capsys.readouterr().err
    assert outcome["status"] == 3 and err.count("\n") == 1, err
    assert err.startswith("condemn: error: the Dask cluster at tcp://") and "lost all its workers" in err
    assert "none came back within 3 s" in err and outcome["seconds"] < 60


def test_discovery_on_a_cluster_without_workers_stops_with_one_line_and_status_3(monkeypatch, capsys):
    from distributed import LocalCluster

    monkeypatch.setattr(toolkit.backends.dask, "LOST_WORKERS_TIMEOUT", 2.0)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as empty:
        empty.scale(0)
        status = main(["discover", str(SEED), "--backend", "dask", "--scheduler", empty.scheduler_address,
                       "--jobs", "2"])
    err = capsys.readouterr().err
    assert status == 3 and err.count("\n") == 1 and "lost all its workers and none came back within 2 s" in err


def test_workers_with_several_threads_give_the_same_tables(monkeypatch):
    """`dask worker` runs one thread per core by default: each thread sets its task up on its own."""
    from distributed import LocalCluster

    monkeypatch.setattr(toolkit.backends.parallel, "BATCH_CHARACTERS", 2_000)
    paths = [SEED, DATA / "articles"]
    with LocalCluster(n_workers=1, threads_per_worker=3, processes=True, dashboard_address=None) as threaded:
        where = {"backend": "dask", "scheduler": threaded.scheduler_address}
        pd.testing.assert_frame_equal(count_parallel(read_corpus(paths), default_lexicon(), by="doc", **where),
                                      count_parallel(read_corpus(paths), default_lexicon(), by="doc"))
        pd.testing.assert_frame_equal(intensity_parallel(read_corpus(paths), attribute=True, **where),
                                      intensity_parallel(read_corpus(paths), attribute=True))


def test_a_worker_killed_mid_run_is_replaced_and_the_table_is_the_same(tmp_path, monkeypatch, capsys):
    import os
    import signal

    from distributed import Client, LocalCluster

    monkeypatch.setattr(toolkit.backends.parallel, "BATCH_CHARACTERS", 1)  # one batch per document
    text = SEED.read_text(encoding="utf-8")
    for k in range(60):
        (tmp_path / f"article-{k:03d}.txt").write_text(text.replace("Pakistan", f"Pakistan {k}"), encoding="utf-8")
    assert main(["count", str(tmp_path), "--attribute", "--by", "actor"]) == 0
    local = capsys.readouterr().out
    outcome: dict = {}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            pids = list(client.run(os.getpid).values())

        def run():
            outcome["status"] = main(["count", str(tmp_path), "--attribute", "--by", "actor", "--backend", "dask",
                                      "--scheduler", cluster.scheduler_address])

        worker = threading.Thread(target=run)
        worker.start()
        deadline = time.monotonic() + 60
        while len(cluster.scheduler.tasks) < 4 and time.monotonic() < deadline:  # the run is under way
            time.sleep(0.05)
        os.kill(pids[0], signal.SIGKILL)  # one worker dies; its nanny starts another
        worker.join(timeout=300)
    assert not worker.is_alive() and outcome["status"] == 0
    assert capsys.readouterr().out == local
