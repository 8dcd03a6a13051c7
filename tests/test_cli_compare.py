"""`condemn compare` and `condemn collocates`: the tables of keyness and collocates, on real statements."""

import io

import pandas as pd
import pytest

from toolkit.analysis.collocates import collocates
from toolkit.analysis.keyness import keyness
from toolkit.cli import main
from toolkit.io import read_corpus

from .paths import DATA, SEED

OWN = DATA / "own" / "statements.csv"
MAPPING = {"id": "ref", "actor": "country", "actor_id": "iso3", "year": "session_year", "text": "statement"}
COLUMNS = ["--columns", ",".join(f"{field}={column}" for field, column in MAPPING.items())]


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_compare_a_range_of_years_prints_the_keyness_table_python_gives(capsys):
    status, out, err = run(capsys, "compare", str(OWN), *COLUMNS, "--by", "year", "--target", "2010-2021",
                           "--min-count", "2")
    assert status == 0 and err == ""
    table = pd.read_csv(io.StringIO(out), keep_default_na=False)
    expected = keyness(read_corpus(OWN, columns=MAPPING), by="year", target=(2010, 2021), min_count=2)
    assert list(table.columns) == list(expected.columns)
    assert table["feature"].tolist() == expected["feature"].tolist()
    assert table["n_target"].tolist() == expected["n_target"].tolist()
    assert table["n_reference"].tolist() == expected["n_reference"].tolist()
    top = table.iloc[0]
    assert (top["feature"], top["n_target"], top["n_reference"]) == ("international", 4, 0)


def test_compare_values_of_a_users_column_against_a_chosen_reference(capsys):
    status, out, _ = run(capsys, "compare", str(OWN), *COLUMNS, "--by", "bloc", "--target", "EU,AU",
                         "--reference", "SAARC", "--min-count", "2", "--top", "3")
    table = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert status == 0 and len(table) == 3
    assert (table.iloc[0]["feature"], table.iloc[0]["n_target"], table.iloc[0]["n_reference"]) == ("of", 12, 1)


def test_compare_by_a_column_the_data_lack_is_one_line_and_status_2(capsys):
    status, out, err = run(capsys, "compare", str(SEED), "--by", "bloc", "--target", "EU")
    assert (status, out) == (2, "") and len(err.splitlines()) == 1 and "Got 'bloc' instead." in err


def test_collocates_of_a_pattern_print_the_table_python_gives(capsys):
    status, out, err = run(capsys, "collocates", str(SEED), "--node", "condemn*", "--min-count", "1")
    assert status == 0 and err == ""
    table = pd.read_csv(io.StringIO(out), keep_default_na=False)
    expected = collocates(read_corpus(SEED), "condemn*", min_count=1)
    assert table["collocate"].tolist() == expected["collocate"].tolist()
    assert table["n_together"].tolist() == expected["n_together"].tolist()
    top = table.iloc[0]
    assert (top["collocate"], top["n_together"], top["n_node"], top["n_left"]) == ("international", 2, 3, 2)


def test_compare_names_the_by_option_of_the_command_line_when_by_is_bad(capsys):
    status, out, err = run(capsys, "compare", str(OWN), *COLUMNS, "--by", "blok", "--target", "EU")
    assert (status, out) == (2, "") and len(err.splitlines()) == 1
    assert err.startswith("condemn: error: The '--by' parameter of condemn compare must be a grouping")
    assert "statements (bloc)." in err and "Got 'blok' instead." in err and "keyness" not in err
    status, out, err = run(capsys, "compare", str(OWN), *COLUMNS, "--by", "year,bloc", "--target", "EU")
    assert status == 2 and "The '--by' parameter of condemn compare must be one grouping" in err
    assert "Got 'year,bloc', which names 2: year, bloc instead." in err


def test_compare_prints_the_same_table_in_two_processes_and_on_dask(capsys):
    argv = ["compare", str(OWN), *COLUMNS, "--by", "year", "--target", "2010-2021", "--min-count", "2",
            "--features", "ngrams", "--min-n", "1", "--max-n", "3", "--dispersion"]
    status, local, _ = run(capsys, *argv)
    assert status == 0 and local.count("\n") > 50 and "p_dispersion" in local.splitlines()[0]
    assert run(capsys, *argv, "--jobs", "2") == (0, local, "")
    assert run(capsys, *argv, "--backend", "dask", "--jobs", "2") == (0, local, "")
    assert run(capsys, *argv, "--scheduler", "tcp://127.0.0.1:9")[0] == 2


def test_collocates_print_the_same_table_in_two_processes_and_on_dask(capsys):
    argv = ["collocates", str(SEED), str(DATA / "articles"), "--node", "condemn*", "--min-count", "1"]
    status, local, _ = run(capsys, *argv)
    assert status == 0 and local.count("\n") > 20
    assert run(capsys, *argv, "--jobs", "2") == (0, local, "")
    assert run(capsys, *argv, "--backend", "dask", "--jobs", "2") == (0, local, "")


def test_a_node_that_is_a_family_of_the_lexicon_is_said_and_pattern_reads_the_word(capsys):
    # the shipped lexicon has a family "condemnation" (condemns, condemned, ...): the node is then the family
    status, out, err = run(capsys, "collocates", str(OWN), *COLUMNS, "--node", "condemnation", "--min-count", "1")
    family = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert status == 0 and "--node condemnation is the family 'condemnation' of the lexicon" in err
    status, out, err = run(capsys, "collocates", str(OWN), *COLUMNS, "--node", "condemnation", "--pattern",
                           "--min-count", "1")
    word = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert status == 0 and err == ""
    expected = collocates(read_corpus(OWN, columns=MAPPING), "condemnation", lexicon=False, min_count=1)
    assert word["collocate"].tolist() == expected["collocate"].tolist() and len(word)
    assert word["n_node"].iloc[0] == 2 < family["n_node"].iloc[0]  # the word twice; the family more often
    with pytest.raises(SystemExit) as stopped:
        main(["collocates", str(OWN), "--node", "concern", "--pattern", "--lexicon", "x.yaml"])
    assert stopped.value.code == 2 and "not allowed with argument" in capsys.readouterr().err
