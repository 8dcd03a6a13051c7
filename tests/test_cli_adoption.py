"""``condemn adoption``: the per-actor table and the curve, on real UN speeches and on a user's own table."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from toolkit import read_corpus
from toolkit.cli import main

COLUMNS = "id=ref,text=body,actor=country,actor_id=iso,date=published"
PHRASE = "in all [of] its|their forms and manifestations"


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture()
def dated(tmp_path):
    """Invented dated statements of three actors: one adopts at once, one later, one never."""
    rows = [
        ("a1", "Norway", "NOR", "2020-01-05", "We condemn terrorism in all its forms and manifestations."),
        ("b1", "Chile", "CHL", "2020-02-01", "Chile sends its condolences."),
        ("c1", "Ghana", "GHA", "2020-03-01", "Ghana stands with the victims."),
        ("b2", "Chile", "CHL", "2021-06-30", "Chile rejects terrorism in all its forms\nand manifestations."),
        ("a2", "Norway", "NOR", "2021-07-01", "Norway mourns."),
        ("c2", "Ghana", "GHA", "2022-01-01", "Ghana calls for calm."),
    ]
    path = tmp_path / "dated.csv"
    pd.DataFrame(rows, columns=["ref", "country", "iso", "published", "body"]).to_csv(path, index=False)
    return path


def test_the_table_has_exactly_the_columns_of_the_issue_and_spans_into_the_texts(capsys, dated):
    status, out, err = run(capsys, "adoption", str(dated), "--columns", COLUMNS, "--phrase", PHRASE)
    assert status == 0
    table = list(csv.DictReader(io.StringIO(out)))
    assert list(table[0]) == ["actor", "actor_id", "first_year", "doc_id", "start", "end", "n_uses", "adopted"]
    assert [(r["actor"], r["first_year"], r["doc_id"], r["adopted"]) for r in table] == [
        ("Norway", "2020", "a1", "True"), ("Chile", "2021", "b2", "True"), ("Ghana", "", "", "False")]
    texts = {d.id: d.text for d in read_corpus(dated, columns=dict(p.split("=") for p in COLUMNS.split(",")))}
    for row in table[:2]:
        assert texts[row["doc_id"]][int(row["start"]):int(row["end"])].startswith("in all its forms")
    assert err == "adoption: 2 of 3 actors used it; median adoption year 2021 (2020 to open)\n"


def test_dates_give_first_time_and_the_curve_steps_on_dates(capsys, dated):
    status, out, err = run(capsys, "adoption", str(dated), "--columns", COLUMNS, "--phrase", PHRASE,
                           "--time", "date", "--format", "jsonl")
    assert status == 0
    rows = pd.read_json(io.StringIO(out), lines=True, dtype=False)
    assert list(rows.columns)[2] == "first_time"
    assert rows["first_time"].tolist()[:2] == ["2020-01-05", "2021-06-30"]
    status, out, err = run(capsys, "adoption", str(dated), "--columns", COLUMNS, "--phrase", PHRASE,
                           "--time", "date", "--curve")
    assert status == 0
    curve = pd.read_csv(io.StringIO(out))
    assert list(curve.columns) == ["group", "time", "n_at_risk", "n_entered", "n_adopted", "n_censored",
                                   "n_adopters", "adopted_share", "ci_lower", "ci_upper"]
    # Norway adopts on its first day, alone at risk: the estimate of not adopting falls to 0 and stays there
    # (the pathology of delayed entry with a risk set of one); Chile adopts with Chile and Ghana at risk
    steps = curve[curve["n_adopted"] > 0][["time", "n_at_risk", "adopted_share"]].values.tolist()
    assert steps == [["2020-01-05", 1, 1.0], ["2021-06-30", 2, 1.0]]
    assert "median adoption date 2020-01-05" in err


def test_groups_from_a_file_add_a_column_and_one_curve_each(capsys, dated, tmp_path):
    groups = tmp_path / "groups.csv"
    groups.write_text("actor_id,group\nNOR,North\nGHA,South\nCHL,South\n", encoding="utf-8")
    status, out, err = run(capsys, "adoption", str(dated), "--columns", COLUMNS, "--phrase", PHRASE,
                           "--groups", str(groups))
    assert status == 0
    table = pd.read_csv(io.StringIO(out))
    assert dict(zip(table["actor_id"], table["group"])) == {"NOR": "North", "CHL": "South", "GHA": "South"}
    # North's one actor adopts: the share is 1 and its band undefined (infinite variance), so no interval
    assert err.splitlines() == ["adoption: North: 1 of 1 actors used it; median adoption year 2020 (open to open)",
                                "adoption: South: 1 of 2 actors used it; median adoption year 2021 (2021 to open)"]


@pytest.mark.parametrize("content, message", [
    ("actor_id,bloc\nNOR,North\n", "expected the columns actor_id (or actor) and group, found actor_id, bloc"),
    ("actor_id,group\nNOR,North\nNOR,South\n", "'NOR' is given a group twice"),
    ("actor_id,group\nNOR,\n", "an empty actor_id or group"),
])
def test_a_bad_groups_file_is_one_line_naming_the_file_and_line_and_nothing_is_written(capsys, dated, tmp_path,
                                                                                         content, message):
    groups = tmp_path / "groups.csv"
    groups.write_text(content, encoding="utf-8")
    output = tmp_path / "out.csv"
    status, out, err = run(capsys, "adoption", str(dated), "--columns", COLUMNS, "--phrase", PHRASE,
                           "--groups", str(groups), "--output", str(output))
    assert status == 1 and out == "" and not output.exists()
    assert err.startswith(f"condemn: error: {groups}:") and err.endswith(f"{message}\n") and err.count("\n") == 1


def test_a_corpus_without_actors_or_without_times_says_which_is_missing(capsys, tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "one.txt").write_text("We condemn terrorism in all its forms and manifestations.", encoding="utf-8")
    status, out, err = run(capsys, "adoption", str(texts), "--phrase", PHRASE)
    assert status == 1 and out == ""
    assert "adoption needs the actor of each statement (actor)" in err and err.count("\n") == 1
    table = tmp_path / "undated.csv"
    table.write_text("ref,country,body\nx,Norway,We condemn it.\n", encoding="utf-8")
    status, out, err = run(capsys, "adoption", str(table), "--columns", "id=ref,text=body,actor=country",
                           "--phrase", "condemn*")
    assert status == 1 and out == ""
    assert "adoption needs the time of each statement (year)" in err and err.count("\n") == 1


def test_an_unknown_formula_id_is_refused_with_the_ids_of_the_lexicon(capsys, dated):
    status, out, err = run(capsys, "adoption", str(dated), "--columns", COLUMNS, "--formula", "all_forms/nope")
    assert status == 2 and out == ""
    assert "all_forms/nope" in err and "such as 'accountability'" in err


@pytest.mark.ungdc
def test_un_speeches_by_regional_group_on_two_processes_give_the_same_tables(capsys, ungdc_sample):
    argv = ["adoption", str(ungdc_sample), "--formula", "all_forms/full", "--formula", "all_forms/full_wherever",
            "--groups", "regional"]
    status, one, err = run(capsys, *argv)
    assert status == 0
    status, two, _ = run(capsys, *argv, "--jobs", "2")
    assert status == 0 and one == two
    table = pd.read_csv(io.StringIO(one), keep_default_na=False)
    assert list(table.columns) == ["actor", "actor_id", "first_year", "doc_id", "start", "end", "n_uses", "adopted",
                                   "group"]
    assert {int(y) for y in table["first_year"][table["adopted"]]} <= {1960, 1975, 1995, 2001, 2024}
    assert table.loc[table["actor_id"] == "GHA", "group"].tolist() == ["African"]
    assert any(line.startswith("adoption: African: ") for line in err.splitlines())
    status, curve, _ = run(capsys, *argv, "--curve")
    curve_table = pd.read_csv(io.StringIO(curve))
    assert set(curve_table["group"]) >= {"African", "Asia-Pacific", "Western European and others"}
    assert (curve_table["adopted_share"].between(0, 1)).all()
