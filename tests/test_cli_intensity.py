"""`condemn intensity`: the scores, and the intensity table by any columns of the scores (the CLI's own tests are
in test_cli.py)."""

import argparse
import csv
import io

import pandas as pd

from toolkit.analysis.intensity import default_intensity_scale, intensity_table, score_intensity
from toolkit.cli import build_parser, main
from toolkit.formulae.match import find_matches
from toolkit.io import read_corpus

from .paths import DATA, SEED

MAPPING = "id=ref,text=body,actor=country,actor_id=iso"


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def rows(out: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(out)))


def test_intensity_by_several_columns_prints_the_intensity_table(capsys):
    status, out, err = run(capsys, "intensity", str(SEED), "--attribute", "--by", "actor_type,actor", "--format",
                           "csv")
    table = rows(out)
    assert status == 0 and err.startswith("intensity: read on the dependency parse (en_core_web_sm") and \
        err.count("\n") == 1  # one line says how the cues were read
    assert list(table[0])[:4] == ["actor_type", "actor", "n_statements", "n_level_0"]
    assert list(table[0])[-2:] == ["max_level", "mean_level"] and "share_level_5" in table[0]
    china = next(r for r in table if r["actor"] == "China")
    assert (china["actor_type"], china["n_statements"], china["n_level_3"], china["max_level"]) == \
        ("state", "2", "1", "3")
    assert [r["actor_type"] for r in table] == sorted(r["actor_type"] for r in table)
    assert sum(int(r["n_statements"]) for r in table) == 27


def test_intensity_by_a_column_of_the_data_read_and_by_decade(tmp_path, capsys):
    frame = pd.read_csv(DATA / "tables" / "statements.csv")
    path = tmp_path / "mine.csv"
    frame.assign(bloc=["north", "europe", "europe", "gulf"], year=[2009, 2015, 2015, 2024]).to_csv(path, index=False)
    status, out, _ = run(capsys, "intensity", str(path), "--columns", MAPPING, "--by", "decade,bloc", "--format",
                         "csv")
    assert status == 0
    assert [(r["decade"], r["bloc"], r["n_statements"], r["max_level"]) for r in rows(out)] == [
        ("2000", "north", "1", "1"), ("2010", "europe", "1", "3"), ("2020", "gulf", "1", "3")]
    corpus = read_corpus(path, columns=dict(pair.split("=") for pair in MAPPING.split(",")))
    expected = intensity_table(score_intensity(find_matches(corpus, default_intensity_scale().lexicon), corpus),
                               by="decade,bloc")
    assert [int(r["n_level_3"]) for r in rows(out)] == expected["n_level_3"].tolist()


def test_intensity_by_a_column_the_data_lacks_is_refused_naming_the_columns_it_has(capsys):
    status, out, err = run(capsys, "intensity", str(DATA / "tables" / "statements.csv"), "--columns", MAPPING,
                           "--by", "bloc")
    assert (status, out) == (2, "") and err.count("\n") == 1
    assert "Got 'bloc' instead" in err and "actor_type" in err and "outlet" in err and "decade" in err


def test_the_scores_on_the_command_line_carry_actor_type_and_metadata(capsys):
    status, out, _ = run(capsys, "intensity", str(DATA / "tables" / "statements.csv"), "--columns", MAPPING,
                         "--format", "csv")
    table = rows(out)
    assert status == 0 and [(r["actor_id"], r["actor_type"], r["outlet"]) for r in table] == [
        ("CAN", "state", "Test Wire"), ("EU", "international_organization", "Test Wire"), ("QAT", "state", "Test Wire")]
    assert table[1]["evidence_spans"] and ";" not in table[1]["evidence_spans"].strip("0123456789-;")


def test_the_help_of_intensity_states_the_rule_of_each_level():
    parser = build_parser()
    command = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices["intensity"]
    text = " ".join(command.format_help().split())
    scale = default_intensity_scale()
    for level, (label, _) in scale.levels.items():
        assert f"{level} {label}" in text
    assert "in the strongest terms" in text and "two intensifiers" in text
