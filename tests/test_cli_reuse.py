"""``condemn reuse``: the passages one speech takes from another, on invented speeches with a planted passage."""

from __future__ import annotations

import csv
import io
import random

import pandas as pd
import pytest

from toolkit import read_corpus
from toolkit.analysis.reuse import REUSE_COLUMNS, SHARE_COLUMNS
from toolkit.cli import main

#: The planted passage (43 words): Norway says it in 2000, and it comes back in Norway's and Chile's 2001 speeches.
PASSAGE = ("We condemn terrorism in all its forms and manifestations, and we call upon every Member State to join "
           "the conventions against the financing of terror, to share what its police know across borders, and to "
           "bring before a court of law all those who plan, pay for or carry out these crimes.")
#: Where each speech of the invented archive holds the passage (None: not at all), by (folder, file).
SPEECHES = {("Session 55 - 2000", "NOR_55_2000"): 120, ("Session 56 - 2001", "NOR_56_2001"): 60,
            ("Session 56 - 2001", "CHL_56_2001"): 200, ("Session 56 - 2001", "GHA_56_2001"): None}


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def filler(rng: random.Random, words: int) -> str:
    """Invented words of three syllables (125,000 possible): no five of them in a row recur by chance."""
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    sentences = []
    while words > 0:
        size = min(words, rng.randint(8, 16))
        sentence = " ".join("".join(rng.choice(syllables) for _ in range(3)) for _ in range(size))
        sentences.append(sentence.capitalize() + ".")
        words -= size
    return " ".join(sentences)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """Four speeches in the UN General Debate Corpus's layout (actor and year from the file names)."""
    root = tmp_path_factory.mktemp("reuse") / "TXT"
    rng = random.Random(27)
    for (session, name), at in SPEECHES.items():
        (root / session).mkdir(parents=True, exist_ok=True)
        before, after = filler(rng, at or 150), filler(rng, 150)
        text = f"{before} {PASSAGE} {after}" if at is not None else f"{before} {after}"
        (root / session / f"{name}.txt").write_text(text, encoding="utf-8")
    return root.parent


@pytest.fixture(scope="module")
def texts(archive):
    return {doc.id: doc.text for doc in read_corpus(archive)}


def passages(out: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(out), keep_default_na=False)


def test_the_planted_passage_is_found_with_spans_that_slice_it_from_both_speeches(capsys, archive, texts):
    status, out, err = run(capsys, "reuse", str(archive))
    assert status == 0, err
    table = passages(out)
    assert list(table.columns) == [*REUSE_COLUMNS, "formulae"]
    found = {(r.source_doc, r.target_doc): r for r in table.itertuples()}
    assert set(found) == {("NOR_55_2000", "NOR_56_2001"), ("NOR_55_2000", "CHL_56_2001"),
                          ("CHL_56_2001", "NOR_56_2001")}
    for row in table.itertuples():
        # the passage from its first word to its last (the full stop after it is no word)
        assert texts[row.source_doc][row.source_start:row.source_end] == PASSAGE[:-1]
        assert texts[row.target_doc][row.target_start:row.target_end] == PASSAGE[:-1]
        assert row.identity == 1.0 and row.n_words >= 40
        assert "all_forms/full" in row.formulae.split(";")  # the lexicon's formula inside the passage
    # the 2000 speech is the source of both 2001 copies; the two copies of one year are undirected
    assert found["NOR_55_2000", "NOR_56_2001"].direction == "forward"
    assert found["NOR_55_2000", "CHL_56_2001"].direction == "forward"
    assert found["CHL_56_2001", "NOR_56_2001"].direction == "undirected"
    assert set(table["cluster"]) == {0} and set(table["cluster_source"]) == {"NOR_55_2000"}
    assert found["NOR_55_2000", "CHL_56_2001"].target_actor == "Chile"
    assert err == ("reuse: 3 passages (2 forward, 1 undirected) in 3 of 4 documents; 0 shingles in more than 50 "
                   "statements left out\n")


def test_between_actors_and_within_actor_split_the_passages(capsys, archive):
    everything = passages(run(capsys, "reuse", str(archive))[1])
    status, out, err = run(capsys, "reuse", str(archive), "--between-actors")
    assert status == 0
    between = passages(out)
    assert sorted(zip(between["source_actor"], between["target_actor"])) == [("Chile", "Norway"), ("Norway", "Chile")]
    assert err.startswith("reuse: 2 passages (1 forward, 1 undirected) in 3 of 4 documents;")
    status, out, err = run(capsys, "reuse", str(archive), "--within-actor")
    assert status == 0
    within = passages(out)
    assert within[["source_doc", "target_doc"]].values.tolist() == [["NOR_55_2000", "NOR_56_2001"]]
    assert err.startswith("reuse: 1 passage (1 forward, 0 undirected) in 2 of 4 documents;")
    columns = ["source_doc", "source_start", "target_doc", "target_start"]
    assert sorted(map(tuple, pd.concat([between, within])[columns].values.tolist())) == sorted(
        map(tuple, everything[columns].values.tolist()))


@pytest.fixture(scope="module")
def cluster():
    """One Dask cluster of two worker processes for every run (a temporary cluster a run costs seconds to start)."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as running:
        yield running


def test_two_processes_and_a_dask_cluster_print_the_same_passages_and_shares(capsys, archive, cluster):
    for options in ([], ["--shares"]):
        status, one, err = run(capsys, "reuse", str(archive), *options)
        assert status == 0 and one.count("\n") > 3
        assert run(capsys, "reuse", str(archive), *options, "--jobs", "2") == (0, one, err)
        on_dask = ["--backend", "dask", "--scheduler", cluster.scheduler_address]
        assert run(capsys, "reuse", str(archive), *options, *on_dask) == (0, one, err)


def test_shares_count_the_borrowed_and_the_self_reused_words_of_each_speech(capsys, archive):
    table = passages(run(capsys, "reuse", str(archive))[1])
    status, out, err = run(capsys, "reuse", str(archive), "--shares")
    assert status == 0 and err.startswith("reuse: 3 passages")
    shares = pd.read_csv(io.StringIO(out)).set_index("doc_id")
    assert ["doc_id", *shares.columns] == SHARE_COLUMNS
    words = table["n_words"].iloc[0]
    # Chile borrows Norway's passage of 2000; Norway reuses its own; the 2000 speech and Ghana's borrow nothing
    assert shares.loc["CHL_56_2001", ["borrowed_words", "self_words"]].tolist() == [words, 0]
    assert shares.loc["NOR_56_2001", ["borrowed_words", "self_words"]].tolist() == [0, words]
    assert shares.loc[["NOR_55_2000", "GHA_56_2001"], ["borrowed_words", "self_words"]].values.sum() == 0
    chile = shares.loc["CHL_56_2001"]
    assert chile["reused_share"] == pytest.approx(words / chile["n_words"], abs=1e-6)  # six digits in CSV


def test_a_table_with_its_own_columns_gives_the_same_passages_written_to_a_file(capsys, archive, texts, tmp_path):
    rows = [(doc, doc[:3], int(doc[-4:]), text) for doc, text in texts.items()]
    source = tmp_path / "speeches.csv"
    pd.DataFrame(rows, columns=["ref", "country", "session_year", "body"]).to_csv(source, index=False)
    output = tmp_path / "passages.jsonl"
    status, out, err = run(capsys, "reuse", str(source), "--columns", "id=ref,actor=country,year=session_year,"
                           "text=body", "-o", str(output), "--min-words", "40")
    assert (status, out) == (0, "") and err.startswith("reuse: 3 passages")
    written = pd.read_json(output, lines=True, dtype=False)
    assert list(written.columns) == [*REUSE_COLUMNS, "formulae"]
    assert {(r.source_doc, r.target_doc) for r in written.itertuples()} == {
        ("NOR_55_2000", "NOR_56_2001"), ("NOR_55_2000", "CHL_56_2001"), ("CHL_56_2001", "NOR_56_2001")}
    assert set(written["source_actor"]) | set(written["target_actor"]) == {"NOR", "CHL"}


def test_a_passage_shorter_than_min_words_is_not_listed(capsys, archive):
    status, out, err = run(capsys, "reuse", str(archive), "--min-words", "60")
    assert status == 0 and list(csv.reader(io.StringIO(out))) == [[*REUSE_COLUMNS, "formulae"]]
    assert err.startswith("reuse: 0 passages (0 forward, 0 undirected) in 0 of 4 documents;")


@pytest.mark.parametrize("options, message", [
    (["--min-words", "0"], "condemn reuse: error: argument --min-words: expected a number >= 1, got 0"),
    (["--n", "1"], "condemn: error: The '--n' parameter of condemn reuse must be an int in [2, 8]. Got 1 instead."),
    (["--n", "9"], "condemn: error: The '--n' parameter of condemn reuse must be an int in [2, 8]. Got 9 instead."),
    (["--max-df", "1"], "condemn: error: The '--max-df' parameter of condemn reuse must be an int >= 2. "
                        "Got 1 instead."),
    (["--within-actor", "--between-actors"],
     "condemn reuse: error: argument --between-actors: not allowed with argument --within-actor"),
    (["--scheduler", "tcp://127.0.0.1:9"], "condemn: error: The '--scheduler' parameter of condemn reuse must be "
                                           "given only with --backend dask (it is a Dask cluster's). Got "
                                           "'tcp://127.0.0.1:9' instead."),
])
def test_a_bad_option_is_one_line_with_status_2_and_nothing_is_written(capsys, archive, tmp_path, options, message):
    output = tmp_path / "passages.csv"
    try:
        status, out, err = run(capsys, "reuse", str(archive), *options, "-o", str(output))
    except SystemExit as stop:  # argparse's refusals
        status = stop.code
        out, err = capsys.readouterr()
    assert (status, out) == (2, "") and not output.exists()
    assert err == message + "\n"
