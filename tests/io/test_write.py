import json
import sys

import numpy as np
import pandas as pd
import pytest

from toolkit import write_table
from toolkit.errors import InputError, MissingDependency, ParameterError
from toolkit.io import lists_as_text, render_table, stata_names, table_format


def _mixed():
    """A table with every kind of column a toolkit table has: ints, nullable ints, floats, booleans, text, None."""
    return pd.DataFrame({
        "actor": ["Norway", "Chad", None],
        "year": [2024, 2023, 2022],
        "n_statements": pd.array([3, pd.NA, 1], dtype="Int64"),
        "share": [2 / 3, 0.25, float("nan")],
        "negated": [True, False, False],
        "text": ["condemns “in the strongest terms”", "déplore", "x" * 3000],
    })


def _intensity():
    """The shape of `condemn intensity`'s table: list-valued evidence spans, one statement without any."""
    return pd.DataFrame({
        "statement_id": ["s1", "s2"],
        "level": [5, 0],
        "evidence": [["strongly condemns", "cowardly"], []],
        "evidence_spans": [[(10, 27), (33, 41)], []],
    })


def _read(path, fmt):
    if fmt == "csv":
        return pd.read_csv(path, keep_default_na=False, na_values=[""])
    if fmt == "tsv":
        return pd.read_csv(path, sep="\t", keep_default_na=False, na_values=[""])
    if fmt == "jsonl":
        return pd.read_json(path, lines=True)
    if fmt == "parquet":
        return pd.read_parquet(path)
    return pd.read_stata(path)


EXTENSIONS = {"csv": ".csv", "tsv": ".tsv", "jsonl": ".jsonl", "parquet": ".parquet", "stata": ".dta"}


@pytest.mark.parametrize("fmt", list(EXTENSIONS))
def test_every_format_reads_back_with_pandas_with_the_same_values(tmp_path, fmt):
    table = _mixed()
    path = tmp_path / f"table{EXTENSIONS[fmt]}"
    write_table(table, path)
    back = _read(path, fmt)
    assert list(back.columns) == list(table.columns)
    assert back["year"].tolist() == [2024, 2023, 2022]
    assert back["n_statements"].iloc[[0, 2]].tolist() == [3, 1] and pd.isna(back["n_statements"].iloc[1])
    assert back["share"].iloc[:2].tolist() == [0.666667, 0.25] and pd.isna(back["share"].iloc[2])  # rounded as CSV
    assert [bool(v) for v in back["negated"]] == [True, False, False]
    assert back["text"].tolist() == table["text"].tolist()  # non-ASCII and a strL-long text kept whole
    missing = back["actor"].iloc[2]
    assert back["actor"].iloc[:2].tolist() == ["Norway", "Chad"]
    assert (missing == "") if fmt == "stata" else pd.isna(missing)  # Stata has no missing string: empty


@pytest.mark.parametrize("fmt", ["csv", "tsv", "parquet", "stata"])
def test_list_valued_columns_are_text_spans_as_start_end_pairs(tmp_path, fmt):
    path = tmp_path / f"intensity{EXTENSIONS[fmt]}"
    write_table(_intensity(), path)
    back = _read(path, fmt).fillna("")
    assert back["evidence_spans"].tolist() == ["10-27;33-41", ""]
    assert back["evidence"].tolist() == ["strongly condemns;cowardly", ""]
    assert back["level"].tolist() == [5, 0]


def test_jsonl_keeps_list_valued_columns_as_json_arrays(tmp_path):
    write_table(_intensity(), tmp_path / "intensity.jsonl")
    rows = [json.loads(line) for line in (tmp_path / "intensity.jsonl").read_text().splitlines()]
    assert rows[0]["evidence_spans"] == [[10, 27], [33, 41]] and rows[1]["evidence_spans"] == []
    assert rows[0]["evidence"] == ["strongly condemns", "cowardly"]


def test_the_terminal_table_shows_spans_as_text():
    assert "10-27;33-41" in render_table(_intensity(), "table")


def test_lists_as_text_leaves_a_table_without_lists_as_it_is():
    table = pd.DataFrame({"a": ["x", None], "b": [1, 2]})
    assert lists_as_text(table) is table


def test_lists_of_numpy_ints_are_spans_too():
    table = pd.DataFrame({"spans": [[(np.int64(1), np.int64(4))]]})
    assert lists_as_text(table)["spans"].tolist() == ["1-4"]


def test_a_format_that_disagrees_with_the_extension_is_refused_naming_both(tmp_path):
    with pytest.raises(ParameterError, match=r"'fmt' parameter of write_table must be 'jsonl', the format of path "
                                             r".*x\.jsonl.*change fmt to 'jsonl' or leave it out, or change path to "
                                             r"end in \.csv\)\. Got 'csv' instead"):
        write_table(pd.DataFrame({"a": [1]}), tmp_path / "x.jsonl", fmt="csv")
    assert not list(tmp_path.iterdir())


def test_an_agreeing_format_and_dta_as_a_name_of_stata_are_accepted(tmp_path):
    write_table(pd.DataFrame({"a": [1]}), tmp_path / "x.dta", fmt="dta")
    write_table(pd.DataFrame({"a": [1]}), tmp_path / "x.csv", fmt="csv")
    assert pd.read_stata(tmp_path / "x.dta")["a"].tolist() == [1]


def test_an_unknown_extension_needs_a_format(tmp_path):
    with pytest.raises(ParameterError, match=r"'path' parameter of write_table must be a name ending in \.csv, "
                                             r"\.tsv, \.jsonl, \.txt, \.parquet, \.dta, unless fmt is given"):
        write_table(pd.DataFrame({"a": [1]}), tmp_path / "x.xlsx")
    write_table(pd.DataFrame({"a": [1]}), tmp_path / "x.data", fmt="tsv")
    assert (tmp_path / "x.data").read_text() == "a\n1\n"


@pytest.mark.parametrize("fmt", ["parquet", "stata"])
def test_binary_formats_cannot_be_rendered_for_the_terminal(fmt):
    with pytest.raises(ParameterError, match=rf"must be a text format .* {fmt} is binary, write it to a file"):
        render_table(pd.DataFrame({"a": [1]}), fmt)
    with pytest.raises(ParameterError, match=r"'--format' parameter of condemn count .*--output"):
        table_format(None, fmt, owner="condemn count", path_name="--output", fmt_name="--format")


def test_stata_names_are_valid_and_the_original_name_is_the_label(tmp_path):
    table = pd.DataFrame({"n matches": [1], "1990s": [2], "long": [3], "rate_per_1000_tokens_of_the_statements": [0.5],
                          "année": ["x"]})
    write_table(table, tmp_path / "t.dta")
    with pd.api.typing.StataReader(tmp_path / "t.dta") as reader:
        labels = reader.variable_labels()
        back = reader.read()
    assert list(back.columns) == ["n_matches", "_1990s", "_long", "rate_per_1000_tokens_of_the_stat", "ann_e"]
    assert labels == {s: o for o, s in zip(table.columns, back.columns)}


def test_column_names_that_become_the_same_stata_name_are_refused(tmp_path):
    with pytest.raises(ParameterError, match=r"column names stay distinct as Stata names\. "
                                             r"Got 'n matches' and 'n-matches', both 'n_matches' instead"):
        write_table(pd.DataFrame({"n matches": [1], "n-matches": [2]}), tmp_path / "t.dta")
    assert not list(tmp_path.iterdir())
    assert stata_names(["str12", "strong"]) == {"str12": "_str12", "strong": "strong"}


@pytest.mark.parametrize("name", ["t.parquet", "t.dta"])
def test_binary_files_are_written_atomically_and_the_same_table_gives_the_same_bytes(tmp_path, name):
    write_table(_mixed(), tmp_path / name)
    first = (tmp_path / name).read_bytes()
    write_table(_mixed(), tmp_path / name)
    assert (tmp_path / name).read_bytes() == first
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temporary file left


def test_a_column_stata_cannot_store_is_refused_and_the_previous_file_stays(tmp_path):
    path = tmp_path / "t.dta"
    write_table(pd.DataFrame({"a": [1]}), path)
    before = path.read_bytes()
    with pytest.raises(ParameterError, match=r"must be a table Stata can store\. Got .*complex128 not supported"):
        write_table(pd.DataFrame({"a": [complex(1, 2)]}), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["t.dta"]


def test_a_column_parquet_cannot_store_is_a_parameter_error_not_pyarrows(tmp_path):
    with pytest.raises(ParameterError, match=r"must be a table Parquet can store\. Got .*"):
        write_table(pd.DataFrame({"a": [{}]}), tmp_path / "t.parquet")  # an empty struct: pyarrow has no type
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name, method", [("t.parquet", "to_parquet"), ("t.dta", "to_stata")])
def test_a_write_that_fails_halfway_leaves_the_previous_file_and_no_partial_output(tmp_path, monkeypatch, name,
                                                                                    method):
    path = tmp_path / name
    write_table(pd.DataFrame({"a": [1]}), path)
    before = path.read_bytes()

    def half(self, handle, **options):
        handle.write(b"PAR1 half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, method, half)
    with pytest.raises(InputError, match=r"t\.(parquet|dta): cannot write: No space left on device"):
        write_table(pd.DataFrame({"a": [2]}), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_a_missing_folder_is_an_input_error_for_binary_files_too(tmp_path):
    with pytest.raises(InputError, match="the folder to write into does not exist"):
        write_table(pd.DataFrame({"a": [1]}), tmp_path / "no" / "t.parquet")


def test_parquet_without_pyarrow_is_a_missing_install_with_the_pip_hint(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    with pytest.raises(MissingDependency, match=r"Parquet output needs 'pyarrow'.*pip install "
                                                r"'condemnation-toolkit\[parquet\]'") as caught:
        write_table(pd.DataFrame({"a": [1]}), tmp_path / "t.parquet")
    assert caught.value.exit_code == 3
    assert not list(tmp_path.iterdir())
