"""The report: every figure beside its table, reproducible to the byte, written all at once."""

import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

from toolkit import report
from toolkit.attribution import attribute_statements
from toolkit.cli import main
from toolkit.formulae.match import find_matches
from toolkit.io import default_gazetteer, default_lexicon, read_texts

from ..conftest import SAMPLE_YEARS
from ..paths import DATA, ROOT, SEED

SEED_FIGURES = [f.name for f in report.FIGURES if f.needs == "corpus"]
UN_FIGURES = [f.name for f in report.FIGURES if f.needs == "ungdc"]


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="session")
def seed_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "figures"
    report.build_report([SEED.parent], out, attribute=True)
    return out


def test_each_figure_is_written_as_png_svg_and_the_csv_it_plots(seed_report):
    names = {p.name for p in seed_report.iterdir()}
    for figure in SEED_FIGURES:
        assert {f"{figure}.png", f"{figure}.svg", f"{figure}.csv"} <= names
    assert not any(n.startswith(tuple(UN_FIGURES)) for n in names)
    page = (seed_report / "report.html").read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") == len(SEED_FIGURES)
    assert "not found, so they were skipped" in page
    assert not re.search(r"(src|href)=['\"](https?:)?//", page)  # nothing fetched from the network


def test_the_heatmap_table_is_the_count_of_the_matches_of_the_attributed_seed(seed_report):
    table = pd.read_csv(seed_report / "01-actor-family-heatmap.csv")
    statements = attribute_statements(read_texts(SEED), default_gazetteer()).corpus
    matches = find_matches(statements, default_lexicon())
    expected = matches.table.groupby(["actor", "family"]).size()
    got = table[table.n_matches > 0].set_index(["actor", "family"])["n_matches"].sort_index()
    pd.testing.assert_series_equal(got, expected.sort_index(), check_names=False)


def test_every_hit_of_the_dispersion_table_points_into_the_seed_text(seed_report):
    table = pd.read_csv(seed_report / "05-formula-dispersion.csv")
    text = read_texts(SEED).documents[0].text
    assert len(table) > 10
    assert all(text[a:b] == hit for a, b, hit in zip(table.doc_start, table.doc_end, table.matched_text))
    assert (table.doc_length == len(text)).all()


def test_the_similarity_table_is_symmetric_and_in_cluster_order(seed_report):
    table = pd.read_csv(seed_report / "03-statement-similarity.csv")
    matrix = table.drop(columns=["statement_id", "label", "cluster"])
    assert list(matrix.columns) == list(table.statement_id)
    assert (abs(matrix.to_numpy() - matrix.to_numpy().T) < 1e-9).all()
    assert table["cluster"].is_monotonic_increasing


@pytest.mark.ungdc
def test_building_twice_gives_byte_identical_files(tmp_path, ungdc_sample):
    first, second = tmp_path / "a", tmp_path / "b"
    report.build_report([SEED.parent], first, ungdc=ungdc_sample, attribute=True)
    report.build_report([SEED.parent], second, ungdc=ungdc_sample, attribute=True)
    assert digests(first) == digests(second)
    assert {f"{name}.png" for name in UN_FIGURES} <= set(digests(first))
    rates = pd.read_csv(first / "06-ungdc-formula-rates.csv")
    assert sorted(rates.year.unique()) == [int(y) for y in SAMPLE_YEARS]
    speeches = rates.drop_duplicates("year").n_statements.sum()
    assert speeches == sum(1 for _ in ungdc_sample.rglob("*.txt"))


def test_a_failed_build_leaves_the_previous_report_in_place(tmp_path, monkeypatch):
    out = tmp_path / "figures"
    report.build_report([SEED.parent], out, attribute=True)
    before = digests(out)
    calls = {"n": 0}
    real = report.figure_bytes

    def failing(fig, fmt="png", **kwargs):
        calls["n"] += 1
        if calls["n"] == 5:
            raise RuntimeError("disk on fire")
        return real(fig, fmt, **kwargs)

    monkeypatch.setattr("toolkit.report.build.figure_bytes", failing)
    (out / "keep.txt").write_text("mine")
    with pytest.raises(RuntimeError):
        report.build_report([SEED.parent], out, attribute=True)
    assert digests(out) == dict(before, **{"keep.txt": hashlib.sha256(b"mine").hexdigest()})
    assert [p.name for p in tmp_path.iterdir()] == ["figures"]  # no temporary folder left behind


def test_the_command_line_builds_the_report_and_prints_what_it_wrote(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["report", "--corpus", str(SEED.parent), "--attribute", "--out", str(out), "--no-ungdc"]) == 0
    captured = capsys.readouterr()
    assert sorted(Path(line).name for line in captured.out.split()) == sorted(p.name for p in out.iterdir())
    assert "figures 6, 7 and 10-13 (the UN General Debate Corpus) are skipped, as asked" in captured.err
    assert "were not asked for (--no-ungdc)" in (out / "report.html").read_text(encoding="utf-8")


def test_bad_input_to_the_report_is_one_line_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["report", "--corpus", str(tmp_path / "missing"), "--out", str(out), "--no-ungdc"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing" in err and "Traceback" not in err
    assert not out.exists()
    assert main(["report", "--corpus", str(SEED.parent), "--out", str(out), "--ungdc", str(tmp_path / "nope")]) == 1
    assert not out.exists()


def test_the_figures_folder_of_the_repository_holds_the_current_seed_tables(seed_report):
    for figure in SEED_FIGURES:
        committed = ROOT / "figures" / f"{figure}.csv"
        assert committed.read_bytes() == (seed_report / f"{figure}.csv").read_bytes(), \
            f"figures/{figure}.csv is out of date: run `make report`"


@pytest.mark.ungdc
def test_the_figures_folder_holds_the_current_un_corpus_tables(tmp_path, ungdc_path):
    out = tmp_path / "figures"
    report.build_report([SEED.parent], out, ungdc=ungdc_path, attribute=True)
    for figure in UN_FIGURES:
        assert (ROOT / "figures" / f"{figure}.csv").read_bytes() == (out / f"{figure}.csv").read_bytes(), \
            f"figures/{figure}.csv is out of date: run `make report`"
    rates = pd.read_csv(out / "06-ungdc-formula-rates.csv")
    assert rates.drop_duplicates("year").n_statements.sum() == 10952
    assert rates.year.min() == 1946 and rates.year.max() == 2024
    heads = pd.read_csv(out / "07-ungdc-formula-heads.csv")
    by_head = heads.groupby("head").n_matches.sum()
    assert by_head.idxmax() == "terrorism"
    colonial = heads[heads["head"] == "colonialism"].set_index("decade").n_matches
    assert colonial.idxmax() == 1960
    # The page names its inputs by file name and hash, so the committed page is this one, byte for byte
    # (when the corpus is the archive as published, whose name the committed page shows).
    if ungdc_path.name == "UNGDC_1946-2024.tgz":
        assert (out / "report.html").read_bytes() == (ROOT / "figures" / "report.html").read_bytes(), \
            "figures/report.html is out of date: run `make report`"


def test_a_lexicon_without_the_tagged_families_leaves_out_their_figures_with_a_note(tmp_path):
    from toolkit.formulae.lexicon import Lexicon

    lines: list[str] = []
    out = tmp_path / "figures"
    report.build_report([SEED.parent], out, ungdc=DATA / "ungdc_mini", attribute=True,
                        lexicon=Lexicon.from_phrases(["condemn*", "solidarity"]), log=lines.append)
    names = {p.name for p in out.iterdir()}
    rates, heads, intensity, *_ = UN_FIGURES
    assert "01-actor-family-heatmap.csv" in names and f"{intensity}.csv" in names  # the scale needs no family
    assert not any(n.startswith((rates, heads)) for n in names)
    page = (out / "report.html").read_text(encoding="utf-8")
    assert f"Figure 6 ({rates}) was left out: the lexicon has no family tagged \u201ctrend\u201d (tags: [trend] in " \
           "a lexicon file)." in page
    assert f"Figure 7 ({heads}) was left out: the lexicon has no family tagged \u201cheads\u201d" in page
    assert any(f"Figure 6 ({rates}) was left out" in line for line in lines)


def test_a_corpus_without_actors_leaves_out_the_figures_by_actor_and_says_how_to_get_them(tmp_path):
    out = tmp_path / "figures"
    report.build_report([SEED.parent], out, ungdc=False)  # one article, not attributed: no actor
    page = (out / "report.html").read_text(encoding="utf-8")
    for name in ("01-actor-family-heatmap", "02-formula-hits-by-formulaicity", "09-intensity-by-actor"):
        assert not (out / f"{name}.csv").exists()
        assert f"({name}) was left out: no statement has an actor: split news articles into statements by actor " \
               "first (condemn report --attribute; attribute=True in Python)" in page
    assert (out / "05-formula-dispersion.csv").exists()


#: Another BLAS kernel than the one the processor would choose (OpenBLAS reads OPENBLAS_CORETYPE).
OTHER_KERNEL = {"x86_64": "Prescott", "AMD64": "Prescott", "aarch64": "ARMV8", "arm64": "ARMV8"}
BUILD = ("import sys; from toolkit.report import build_report; "
         "build_report([sys.argv[1]], sys.argv[2], attribute=True)")


def test_the_seed_tables_and_figures_are_the_same_whatever_the_blas_kernel_and_threads(tmp_path):
    """Machines differ in their BLAS kernels, which differ in the last bits of every float: nothing written may."""
    import os
    import platform
    import subprocess
    import sys

    base = {k: v for k, v in os.environ.items() if not k.startswith(("OPENBLAS_", "OMP_", "MKL_"))}
    runs = {"default": dict(base, OPENBLAS_NUM_THREADS="2"),
            "other": dict(base, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")}
    kernel = OTHER_KERNEL.get(platform.machine())
    if kernel:
        runs["other"]["OPENBLAS_CORETYPE"] = kernel
    for name, env in runs.items():
        subprocess.run([sys.executable, "-c", BUILD, str(SEED.parent), str(tmp_path / name)], env=env, check=True,
                       capture_output=True)
    assert digests(tmp_path / "default") == digests(tmp_path / "other")
    for figure in SEED_FIGURES:  # and the committed tables are those of any machine
        assert (tmp_path / "other" / f"{figure}.csv").read_bytes() == (ROOT / "figures" / f"{figure}.csv").read_bytes()


def test_bytes_read_as_replacement_characters_are_said_on_the_page_and_on_stderr(tmp_path, capsys):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED.read_bytes().replace(b"Pakistan", b"Pak\xffistan", 2))
    out = tmp_path / "out"
    status = main(["report", "--corpus", str(folder), "--encoding-errors", "replace", "--no-ungdc", "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 0
    note = ("Reading the corpus replaced 2 invalid UTF-8 bytes with U+FFFD in 1 file(s) (--encoding-errors replace); "
            "first: a.txt (2).")
    assert note in (out / "report.html").read_text(encoding="utf-8") and note in err


def test_the_figures_left_out_are_said_when_the_report_is_drawn_in_python():
    from toolkit.io import read_corpus

    _, content = report.report_figures(read_corpus(SEED.parent))
    assert any(note.startswith("Figures 6, 7 and 10-13 are of the UN General Debate Corpus, which was not given")
               for note in content.notes)
    assert any("(01-actor-family-heatmap) was left out: no statement has an actor" in note for note in content.notes)
