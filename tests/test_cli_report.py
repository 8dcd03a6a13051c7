"""The command line on a researcher's own data: the report's --name, and hits left in no statement said on stderr."""

import io

import pandas as pd

from toolkit.cli import main

from .paths import DATA

OWN = str(DATA / "own" / "statements.csv")
OWN_COLUMNS = "id=ref,actor=country,actor_id=iso3,year=session_year,text=statement"


def test_report_titles_name_the_corpus_as_given_with_name_or_by_its_file_name(tmp_path, capsys):
    named, plain = tmp_path / "named", tmp_path / "plain"
    assert main(["report", "--corpus", OWN, "--columns", OWN_COLUMNS, "--no-ungdc", "--quiet", "--name",
                 "UN excerpts", "--out", str(named)]) == 0
    assert main(["report", "--corpus", OWN, "--columns", OWN_COLUMNS, "--no-ungdc", "--quiet",
                 "--out", str(plain)]) == 0
    assert "(UN excerpts)" in (named / "report.html").read_text()
    assert "Formula hits by actor and family (UN excerpts)" in (named / "01-actor-family-heatmap.svg").read_text()
    assert "(statements.csv)" in (plain / "report.html").read_text()


def test_count_with_attribution_keeps_every_hit_of_a_table_with_an_actor_column(capsys):
    assert main(["count", OWN, "--columns", OWN_COLUMNS, "--by", "actor", "--level", "family"]) == 0
    plain = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert main(["count", OWN, "--columns", OWN_COLUMNS, "--by", "actor", "--level", "family", "--attribute"]) == 0
    captured = capsys.readouterr()
    attributed = pd.read_csv(io.StringIO(captured.out))
    assert attributed["n_matches"].sum() == plain["n_matches"].sum() == 36  # 17 when the rows were split again
    assert "outside every statement" not in captured.err


def test_count_and_kwic_with_attribution_say_on_stderr_how_many_hits_lie_outside_every_statement(capsys):
    article = str(DATA / "articles" / "others.txt")
    assert main(["count", article, "--attribute", "--phrase", "attack*", "--phrase", "victim*"]) == 0
    err = capsys.readouterr().err
    assert err == ("condemn: 1 hit of the lexicon lies outside every statement (text no actor was found to say); the "
                   "output counts only what actors said (condemn attribute lists the statements)\n")
    assert main(["kwic", article, "--attribute", "--phrase", "attack*"]) == 0
    assert "1 hit of the lexicon lies outside every statement" in capsys.readouterr().err
    assert main(["count", article, "--phrase", "attack*"]) == 0  # without attribution, nothing is outside
    assert capsys.readouterr().err == ""
