import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.analysis.cluster import CLUSTER_COLUMNS
from toolkit.cli import main

from .paths import DATA, ROOT, SEED


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_info_json_on_the_seed(capsys):
    status, out, err = run(capsys, "info", str(SEED), "--format", "json")
    assert status == 0 and err == ""
    info = json.loads(out)
    assert {k: info[k] for k in ("documents", "statements", "tokens", "years", "actors", "skipped")} == {
        "documents": 1, "statements": 1, "tokens": 531, "years": {"min": None, "max": None}, "actors": 0,
        "skipped": [],
    }


def test_info_table_lists_skipped_files_with_reasons(capsys):
    status, out, _ = run(capsys, "info", str(DATA / "texts"))
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["documents", "4"]
    assert "skipped     4" in out
    assert "macOS AppleDouble file, not a document" in out
    assert str(DATA / "texts" / "._curly.txt") in out


def test_info_combines_several_paths_and_reads_tables_with_a_mapping(capsys):
    status, out, _ = run(capsys, "info", str(SEED), str(DATA / "tables" / "statements.csv"),
                         "--columns", "id=ref,text=body,actor=country,date=published", "--format", "json")
    info = json.loads(out)
    assert status == 0
    assert (info["documents"], info["actors"], info["years"]) == (4, 3, {"min": 2025, "max": 2025})
    assert info["skipped"] == [{"source": f"{DATA / 'tables' / 'statements.csv'}:5", "reason": "empty text"}]


def test_bad_input_is_one_line_on_stderr_with_status_1_and_no_output(capsys, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok\n\xff\n")
    status, out, err = run(capsys, "info", str(SEED), str(bad))
    assert (status, out) == (1, "")
    assert err == (f"condemn: error: {bad}:2: byte 3: invalid UTF-8 (byte 0xff); the file must be UTF-8 "
                   "(--encoding-errors replace to carry on)\n")


def test_usage_errors_exit_2_with_one_line(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["info"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1
    status, out, err = run(capsys, "info", str(DATA / "tables" / "plain.csv"), "--columns", "body=text")
    assert (status, out) == (2, "")
    assert "unknown field(s) 'body'" in err


def test_python_dash_m_and_the_console_script_run_the_same_command():
    script = Path(sys.executable).with_name("condemn")
    for command in ([sys.executable, "-m", "toolkit"], [str(script)]):
        done = subprocess.run([*command, "info", str(SEED), "--format", "json"], capture_output=True, text=True,
                              cwd=ROOT, check=True)
        assert json.loads(done.stdout)["tokens"] == 531


@pytest.mark.ungdc
def test_info_on_the_real_archive_reports_10952_documents(ungdc_path):
    done = subprocess.run([sys.executable, "-m", "toolkit", "info", str(ungdc_path), "--format", "json"],
                          capture_output=True, text=True, check=True)
    info = json.loads(done.stdout)
    assert info["documents"] == info["statements"] == 10952
    assert info["years"] == {"min": 1946, "max": 2024}
    assert info["actors"] == 200
    assert info["skipped_by_reason"]["macOS AppleDouble file, not a document"] == 11040
    assert all(item["reason"] for item in info["skipped"])


def read_csv(text):
    import io

    import pandas as pd

    return pd.read_csv(io.StringIO(text), keep_default_na=False)


def test_count_csv_on_the_seed_has_the_contract_columns_and_the_known_counts(capsys):
    phrases = ["in all its forms and manifestations", "in all its forms", "support _{0,3} pakistan", "condemn*"]
    args = ["count", str(SEED)] + [a for p in phrases for a in ("--phrase", p)]
    status, out, err = run(capsys, *args)
    assert status == 0 and err == ""
    table = read_csv(out)
    assert list(table.columns) == ["doc_id", "family", "formula", "family_label", "formula_label", "n_matches",
                                   "n_statements", "n_tokens", "rate_per_1000"]
    assert dict(zip(table.formula, table.n_matches)) == dict(zip(phrases, [3, 5, 1, 3]))
    assert set(table.n_tokens) == {531}
    assert table.rate_per_1000.tolist() == pytest.approx([3000 / 531, 5000 / 531, 1000 / 531, 3000 / 531])


def test_count_with_the_default_lexicon_by_year_and_as_jsonl(capsys):
    status, out, _ = run(capsys, "count", str(SEED), "--by", "year", "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    forms = {r["formula"]: r["n_matches"] for r in rows if r["family"] == "all_forms"}
    assert status == 0 and forms["all_forms/full"] == 3 and forms["all_forms/truncated"] == 2
    assert all(r["year"] is None for r in rows)  # the seed has no date: one group, missing year
    status, out, _ = run(capsys, "count", str(SEED), "--level", "family", "--format", "table")
    assert status == 0 and out.splitlines()[0].split()[:3] == ["doc_id", "family", "formula"]


def test_count_by_actor_on_a_table_corpus_with_a_user_lexicon(capsys, tmp_path):
    lexicon = tmp_path / "mine.yaml"
    lexicon.write_text("families:\n  - id: grief\n    label: Grief\n    canonical: condolences\n"
                       "    variants: {condolence: condolence*, solidarity: solidarity}\n", encoding="utf-8")
    status, out, _ = run(capsys, "count", str(DATA / "tables" / "statements.csv"), "--lexicon", str(lexicon),
                         "--columns", "id=ref,text=body,actor=country", "--by", "actor")
    table = read_csv(out)
    assert status == 0 and table.columns[0] == "actor" and set(table.formula) == {"grief/condolence",
                                                                                 "grief/solidarity"}
    assert (table.groupby("actor").size() == 2).all()  # zero rows are present


def test_kwic_shows_each_hit_of_a_formula_or_phrase_in_context(capsys):
    status, out, _ = run(capsys, "kwic", str(SEED), "--formula", "all_forms/truncated", "--window", "3")
    lines = out.splitlines()
    assert status == 0 and len(lines) == 2
    assert lines[0].endswith("unequivocally rejects terrorism [in all its forms] and stands with")
    status, out, _ = run(capsys, "kwic", str(SEED), "--phrase", "brought to justice", "--format", "csv",
                         "--window", "10", "--unit", "characters")
    table = read_csv(out)
    assert table[["left", "matched_text", "right"]].values.tolist() == [["ified and ", "brought to justice",
                                                                         ",” the Rus"]]


def test_count_and_kwic_errors_are_one_line_with_the_right_status(capsys, tmp_path):
    status, out, err = run(capsys, "count", str(SEED), "--phrase", "in all [its forms")
    assert (status, out) == (2, "")
    assert err == "condemn: error: bad pattern 'in all [its forms' at position 8: '[' is never closed\n"
    bad = tmp_path / "bad.yaml"
    bad.write_text("families:\n  - id: a\n    label: A\n    canonical: a\n    variants: {v: 'x _'}\n")
    status, out, err = run(capsys, "count", str(SEED), "--lexicon", str(bad))
    assert (status, out) == (1, "") and err.startswith(f"condemn: error: {bad}:5:22: bad pattern 'x _'")
    status, out, err = run(capsys, "kwic", str(SEED), "--formula", "no_such_family")
    assert (status, out) == (2, "") and "Got 'no_such_family' instead" in err
    with pytest.raises(SystemExit) as exit_info:
        main(["kwic", str(SEED)])  # needs --phrase or --formula
    assert exit_info.value.code == 2
    capsys.readouterr()


def test_output_files_are_written_only_on_success(capsys, tmp_path):
    target = tmp_path / "counts.csv"
    status, out, _ = run(capsys, "count", str(SEED), "--phrase", "condemn*", "--output", str(target))
    assert status == 0 and out == "" and read_csv(target.read_text()).n_matches.tolist() == [3]
    before = target.read_bytes()
    status, _, _ = run(capsys, "count", str(SEED), "--phrase", "a _", "--output", str(target))
    assert status == 2 and target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["counts.csv"]


def test_attribute_prints_one_statement_per_actor_and_count_can_attribute_first(capsys):
    status, out, _ = run(capsys, "attribute", str(SEED), "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and len({r["actor_id"] for r in rows}) == 17
    assert set(rows[0]) == {"doc_id", "statement_id", "actor", "actor_id", "actor_type", "speaker", "cue", "content",
                            "quoted", "start", "end"}
    status, out, _ = run(capsys, "count", str(SEED), "--attribute", "--by", "actor", "--phrase", "condolence*")
    table = read_csv(out)
    assert status == 0 and dict(zip(table.actor, table.n_matches)) == {
        **dict.fromkeys(table.actor, 0), "China": 1, "European Union": 1, "Canada": 1, "Maldives": 1, "Sweden": 1}
    assert len(table) == 17


def test_discover_and_cluster_from_the_command_line(capsys):
    status, out, _ = run(capsys, "discover", str(SEED), "--attribute", "--min-actors", "3", "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and rows and all(r["n_actors"] >= 3 for r in rows)
    forms = [r for r in rows if r["ngram"] == "terrorism in all its forms"]
    assert forms and forms[0]["lexicon_formula"] == "all_forms/full"
    status, out, _ = run(capsys, "cluster", str(SEED), "--attribute", "--format", "csv", "--n-clusters", "4",
                         "--method", "kmeans")
    table = read_csv(out)
    assert status == 0 and list(table.columns) == CLUSTER_COLUMNS
    assert table["size"].sum() == 27 and len(table) == 4 and table["stability"].between(0, 1).all()
    status, out, _ = run(capsys, "cluster", str(SEED), "--attribute", "--statements", "--format", "csv")
    assert status == 0 and len(read_csv(out)) == 27
    status, _, err = run(capsys, "discover", str(SEED), "--min-n", "1")
    assert status == 2 and "The 'min_n' parameter of discover_formulae must be an int >= 2" in err


def test_count_by_actor_pools_the_unresolved_speakers_in_one_last_group(tmp_path, capsys):
    text = tmp_path / "round-up.txt"
    text.write_text('France condemned the attack in the strongest terms.\n\n"This cowardly attack will not go '
                    'unpunished," a spokesman said.\n\nWitnesses said they condemned the violence.\n', encoding="utf-8")
    status, out, _ = run(capsys, "count", str(text), "--attribute", "--by", "actor", "--level", "family",
                         "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0 and [r["actor"] for r in rows][-1] == "unresolved"
    assert list(dict.fromkeys(r["actor"] for r in rows)) == ["France", "unresolved"]  # not "a spokesman"
    unresolved = [r for r in rows if r["actor"] == "unresolved"]
    assert unresolved[0]["n_statements"] == "2"


def test_intensity_from_the_command_line_per_statement_and_per_actor(capsys):
    status, out, _ = run(capsys, "intensity", str(SEED), "--attribute", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0 and len(rows) == 27
    eu = [r for r in rows if r["actor"] == "European Union" and r["level"] == "3"]
    assert eu and eu[0]["evidence"] == "condemned" and eu[0]["label"].startswith("condemns: ")
    status, out, _ = run(capsys, "intensity", str(SEED), "--attribute", "--by", "actor", "--format", "csv")
    table = {r["actor"]: r for r in csv.DictReader(io.StringIO(out))}
    assert status == 0 and table["China"]["n_level_3"] == "1" and table["China"]["n_statements"] == "2"
    assert sum(int(r["n_statements"]) for r in table.values()) == 27


def test_intensity_says_on_stderr_whether_it_read_on_the_parse_or_by_the_rules(capsys):
    pytest.importorskip("spacy")
    status, out, err = run(capsys, "intensity", str(SEED), "--attribute", "--parse", "yes", "--format", "csv")
    assert status == 0 and err.startswith("intensity: read on the dependency parse (en_core_web_sm")
    assert len(err.splitlines()) == 1
    status, rules, err = run(capsys, "intensity", str(SEED), "--attribute", "--parse", "no", "--format", "csv")
    assert status == 0 and err == "intensity: rules without the parse (asked for)\n"
    assert len(list(csv.DictReader(io.StringIO(rules)))) == len(list(csv.DictReader(io.StringIO(out)))) == 27


def test_count_by_an_unknown_grouping_lists_the_columns_of_the_data_read(capsys):
    # intensity levels are not a column of the data read: the message lists what --by may name, nothing else
    assert main(["count", str(SEED), "--by", "intensity"]) == 2
    err = capsys.readouterr().err
    assert "The '--by' parameter of condemn count must be a grouping (doc, " in err
    assert "or a column of the statements (none in these data). Got 'intensity' instead." in err
    assert "condemn intensity --by" not in err and len(err.splitlines()) == 1


# --- one set of options, with one meaning, on every command ------------------------------------------------------
def _commands() -> dict:
    import argparse

    from toolkit.cli import build_parser

    parser = build_parser()
    choices = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    return {name: {flag for action in sub._actions for flag in action.option_strings} | (
        {"PATH"} if any(a.dest == "paths" and not a.option_strings for a in sub._actions) else set())
        for name, sub in choices.items()}


def test_every_command_that_reads_a_corpus_takes_the_same_reading_options():
    from toolkit.cli import READING_OPTIONS

    commands = _commands()
    readers = {name for name, flags in commands.items() if "PATH" in flags or "--corpus" in flags}
    assert readers == set(commands)  # every command reads a corpus
    for name in readers:
        wanted = set(READING_OPTIONS) - ({"--attribute"} if name == "attribute" else set())
        assert wanted <= commands[name], f"condemn {name} lacks {sorted(wanted - commands[name])}"
        if name != "attribute":
            assert "--no-attribute" in commands[name]  # the same switch, off by default everywhere


def test_every_corpus_scale_command_takes_the_same_backend_options():
    from toolkit.cli import BACKEND_OPTIONS, CORPUS_SCALE_COMMANDS

    commands = _commands()
    for name in CORPUS_SCALE_COMMANDS:
        assert set(BACKEND_OPTIONS) <= commands[name], f"condemn {name} lacks {set(BACKEND_OPTIONS) - commands[name]}"
    for name, flags in commands.items():  # a command with one of them has them all, and is named corpus-scale
        if flags & set(BACKEND_OPTIONS):
            assert set(BACKEND_OPTIONS) <= flags and name in CORPUS_SCALE_COMMANDS, f"condemn {name} lacks some"


def test_the_parser_walk_catches_a_command_without_the_shared_options(monkeypatch):
    import toolkit.cli as cli

    monkeypatch.setattr(cli, "_add_backend_arguments", lambda parser: None)
    with pytest.raises(AssertionError, match="condemn count lacks"):
        test_every_corpus_scale_command_takes_the_same_backend_options()
    monkeypatch.undo()
    monkeypatch.setattr(cli, "READING_OPTIONS", (*cli.READING_OPTIONS, "--no-such-option"))
    with pytest.raises(AssertionError, match="lacks"):
        test_every_command_that_reads_a_corpus_takes_the_same_reading_options()


def test_the_report_reads_a_table_with_its_own_column_names(tmp_path, capsys):
    out = tmp_path / "report"
    status, printed, err = run(capsys, "report", "--corpus", str(DATA / "tables" / "statements.csv"), "--columns",
                               "id=ref,text=body,actor=country,actor_id=iso", "--no-ungdc", "--out", str(out))
    assert status == 0, err
    from toolkit import count_matches, default_lexicon, find_matches, read_table

    heatmap = read_csv((out / "01-actor-family-heatmap.csv").read_text(encoding="utf-8"))
    assert set(heatmap["actor"]) == {"Canada", "European Union", "Qatar"}  # one statement per row, not re-split
    rows = read_table(DATA / "tables" / "statements.csv",
                      columns={"id": "ref", "text": "body", "actor": "country", "actor_id": "iso"})
    counts = count_matches(find_matches(rows, default_lexicon()), by="actor", level="family")
    assert heatmap.groupby("actor")["n_matches"].sum().to_dict() == counts.groupby("actor")["n_matches"].sum().to_dict()
    assert heatmap["n_matches"].sum() >= 6
    assert "(--no-ungdc)" in (out / "report.html").read_text(encoding="utf-8")


def test_the_reading_options_mean_the_same_on_every_command(capsys):
    table = str(DATA / "tables" / "statements.csv")
    mapping = "id=ref,text=body,actor=country"
    for command in (["count", "--phrase", "condolence*", "--by", "actor"], ["intensity", "--by", "actor"],
                    ["kwic", "--phrase", "condolence*"], ["info"]):
        name, *options = command
        status, out, err = run(capsys, name, table, "--columns", mapping, *options)
        assert status == 0, (command, err)
        assert "European Union" in out or name == "info"
        status, _, err = run(capsys, name, table, *options)  # without the mapping the table has no 'text'
        assert status == 1 and "text" in err


def test_a_scheduler_is_refused_without_the_dask_backend_on_every_corpus_scale_command(capsys):
    for name, options in (("count", []), ("kwic", ["--phrase", "x"]), ("discover", []), ("attribute", []),
                          ("intensity", [])):
        status, out, err = run(capsys, name, str(SEED), *options, "--scheduler", "tcp://127.0.0.1:9")
        assert (status, out) == (2, ""), name
        assert err == ("condemn: error: The '--scheduler' parameter of condemn "
                       f"{name} must be given only with --backend dask (it is a Dask cluster's). "
                       "Got 'tcp://127.0.0.1:9' instead.\n")


def test_the_attribution_switch_uses_the_named_pipeline_on_every_command(capsys):
    for command in (["count", "--phrase", "x"], ["kwic", "--phrase", "x"], ["intensity"], ["info"],
                    ["discover"], ["attribute"]):
        name, *options = command
        switch = [] if name == "attribute" else ["--attribute"]
        status, out, err = run(capsys, name, str(SEED), *options, *switch, "--pipeline", "no_such_pipeline")
        assert (status, out) == (3, ""), (name, err)
        assert "no_such_pipeline" in err and err.count("\n") == 1


# --- output files: the format of the extension, as write_table writes it ---------------------------------------
STATEMENTS = ["--columns", "id=ref,text=body,actor=country,date=published"]


def statements(command, *options):
    return [command, str(DATA / "tables" / "statements.csv"), *STATEMENTS, *options]


def test_intensity_by_year_to_a_csv_file_is_a_csv_pandas_reads(capsys, tmp_path):
    import pandas as pd

    target = tmp_path / "results.csv"
    status, out, _ = run(capsys, *statements("intensity", "--by", "year", "-o", str(target)))
    table = pd.read_csv(target)
    assert (status, out) == (0, "")
    assert list(table.columns) == ["year", "n_statements", *(f"n_level_{k}" for k in range(6)),
                                   *(f"share_level_{k}" for k in range(6)), "max_level", "mean_level"]
    assert table["year"].tolist() == [2025] and table["n_statements"].tolist() == [3]


def test_count_to_a_jsonl_file_writes_json_lines_and_tsv_tab_separated(capsys, tmp_path):
    import pandas as pd

    families = ["--by", "actor", "--level", "family"]
    status, _, _ = run(capsys, *statements("count", *families, "-o", str(tmp_path / "c.jsonl")))
    rows = [json.loads(line) for line in (tmp_path / "c.jsonl").read_text(encoding="utf-8").splitlines()]
    assert status == 0 and {"actor", "family", "n_matches", "rate_per_1000"} <= set(rows[0])
    status, _, _ = run(capsys, *statements("count", *families, "-o", str(tmp_path / "c.tsv")))
    tsv = pd.read_csv(tmp_path / "c.tsv", sep="\t")
    assert status == 0 and tsv.to_dict("records") == rows


@pytest.mark.parametrize("name", ["i.parquet", "i.dta"])
def test_intensity_to_parquet_and_stata_reads_back_with_the_spans_as_text(capsys, tmp_path, name):
    import pandas as pd

    status, out, _ = run(capsys, *statements("intensity", "-o", str(tmp_path / name)))
    table = pd.read_parquet(tmp_path / name) if name.endswith(".parquet") else pd.read_stata(tmp_path / name)
    csv_status, csv_out, _ = run(capsys, *statements("intensity", "--format", "csv"))
    expected = read_csv(csv_out)
    assert (status, out, csv_status) == (0, "", 0)
    assert list(table.columns) == list(expected.columns)
    assert table["evidence_spans"].fillna("").tolist() == expected["evidence_spans"].tolist()
    assert "8-21;22-29" in table["evidence_spans"].tolist()  # the EU's "unequivocally rejects"
    assert table["level"].tolist() == expected["level"].tolist()


def test_a_format_that_disagrees_with_the_output_file_is_refused_and_nothing_is_written(capsys, tmp_path):
    status, out, err = run(capsys, *statements("count", "--format", "csv", "-o", str(tmp_path / "x.jsonl")))
    assert (status, out) == (2, "") and err.count("\n") == 1
    assert "'--format' parameter of condemn count must be 'jsonl', the format of --output" in err
    assert "change --format to 'jsonl' or leave it out, or change --output to end in .csv" in err
    assert list(tmp_path.iterdir()) == []


def test_a_binary_format_needs_an_output_file_and_an_unknown_extension_a_format(capsys, tmp_path):
    status, out, err = run(capsys, *statements("count", "--format", "parquet"))
    assert (status, out) == (2, "") and "parquet is binary, write it to a file with --output" in err
    status, _, err = run(capsys, *statements("count", "-o", str(tmp_path / "counts.xlsx")))
    assert status == 2 and "must be a name ending in .csv, .tsv, .jsonl, .txt, .parquet, .dta" in err
    status, _, _ = run(capsys, *statements("count", "--format", "csv", "-o", str(tmp_path / "counts.data")))
    assert status == 0 and (tmp_path / "counts.data").read_text(encoding="utf-8").startswith("doc_id,family,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["counts.data"]


def test_a_txt_output_holds_what_the_terminal_shows(capsys, tmp_path):
    starts = {"kwic": "s4 Qatar 2025", "cluster": "# kmeans on words features", "count": "doc_id  family"}
    for command in (statements("kwic", "--phrase", "condemn*"), statements("cluster", "--n-clusters", "2"),
                    statements("count")):
        status, shown, _ = run(capsys, *command, "--format", "table")
        status_file, _, _ = run(capsys, *command, "-o", str(tmp_path / "out.txt"))
        assert (status, status_file) == (0, 0) and shown.startswith(starts[command[0]]), shown[:80]
        assert (tmp_path / "out.txt").read_text(encoding="utf-8") == shown, command[0]
