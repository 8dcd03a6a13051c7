"""``condemn count --by``: the columns of the user's own table and time bins, checked against the data read."""

import csv
import io

import pandas as pd
import pytest

from toolkit.cli import main

from .paths import DATA, SEED

COLUMNS = "id=ref,text=body,actor=country,actor_id=iso,date=published"


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture()
def blocs(tmp_path):
    """The real statements of tests/data/tables/statements.csv, with a column of the user's own: ``bloc``."""
    rows = pd.read_csv(DATA / "tables" / "statements.csv")
    rows["bloc"] = rows["iso"].map({"CAN": "G7", "EU": "EU", "QAT": "OIC"})
    path = tmp_path / "blocs.csv"
    rows.to_csv(path, index=False)
    return path


def test_count_groups_by_a_column_of_the_table_and_by_decade(capsys, blocs):
    status, out, err = run(capsys, "count", str(blocs), "--columns", COLUMNS, "--by", "bloc,decade",
                           "--level", "family", "--phrase", "condolence*")
    assert status == 0
    table = list(csv.DictReader(io.StringIO(out)))
    assert list(table[0])[:6] == ["bloc", "decade", "family", "formula", "family_label", "formula_label"]
    assert [(r["bloc"], r["decade"], r["n_matches"], r["n_statements"]) for r in table] == [
        ("EU", "2020", "1", "1"), ("G7", "2020", "1", "1"), ("OIC", "2020", "0", "1")]


def test_count_by_the_session_of_un_speeches_and_a_bin_width(capsys):
    status, out, _ = run(capsys, "count", str(DATA / "ungdc_mini"), "--by", "session,years:50", "--level", "family",
                         "--format", "jsonl")
    assert status == 0
    rows = pd.read_json(io.StringIO(out), lines=True)
    assert rows.drop_duplicates(["session", "years_50"])[["session", "years_50", "n_statements"]].values.tolist() \
        == [[1, 1900, 1], [79, 2000, 2]]


def test_an_unknown_group_is_refused_after_reading_with_the_columns_of_the_data(capsys, blocs):
    status, out, err = run(capsys, "count", str(blocs), "--columns", COLUMNS, "--by", "actor,blok")
    assert status == 2 and out == ""
    assert err == ("condemn: error: The '--by' parameter of condemn count must be a grouping (doc, document, "
                   "statement, actor, actor_id, year, date, doc_id, statement_id, source, decade, years:N) or a "
                   "column of the statements (bloc, outlet). Got 'blok' instead.\n")
    assert "intensity" not in err


def test_a_table_without_own_columns_says_so_and_levels_are_not_offered_to_count(capsys):
    expected = ("or a column of the statements (none in these data). Got 'intensity' instead.\n")
    status, _, err = run(capsys, "count", str(SEED), "--by", "actor,intensity")
    assert status == 2 and err.endswith(expected) and "condemn intensity --by" not in err
    with pytest.warns(FutureWarning, match="'level' of the '--by' parameter of condemn count was renamed"):
        status, _, err = run(capsys, "count", str(SEED), "--by", "level")
    assert status == 2 and err.endswith(expected)
    status, _, err = run(capsys, "count", str(SEED), "--by", "years:0")
    assert status == 2 and "The '--by' parameter of condemn count must be a bin width years:N" in err
