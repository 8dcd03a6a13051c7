"""One resolver for ``by``: groupings, time bins from the year, and the columns the reader kept."""

import pandas as pd
import pytest

from toolkit.errors import ParameterError
from toolkit.io import read_table, read_ungdc
from toolkit.text.groups import bin_column, group_columns, group_names, grouping_error, metadata_names

from ..paths import DATA

COLUMNS = {"id": "ref", "text": "body", "actor": "country", "actor_id": "iso", "date": "published"}


@pytest.fixture(scope="module")
def statements():
    """The statements of a real table: its own column ``outlet`` is kept as metadata."""
    return read_table(DATA / "tables" / "statements.csv", columns=COLUMNS).to_frame()


def test_a_grouping_stands_for_its_columns_and_a_column_of_the_data_for_itself(statements):
    frame, columns = group_columns(statements, "statement, outlet, actor", owner="count_matches")
    assert columns == ["doc_id", "statement_id", "outlet", "actor"]
    assert frame is statements  # nothing derived: no copy


def test_decade_is_the_first_year_of_the_decade_as_a_nullable_int():
    frame = pd.DataFrame({"year": pd.array([1946, 1999, 2000, None], dtype="Int64")})
    binned, columns = group_columns(frame, "decade", owner="count_matches")
    assert columns == ["decade"] and str(binned["decade"].dtype) == "Int64"
    assert binned["decade"].tolist()[:3] == [1940, 1990, 2000] and binned["decade"].isna().tolist()[3]
    assert "decade" not in frame  # the caller's frame is left alone


def test_a_bin_width_is_aligned_on_multiples_of_the_width():
    frame = pd.DataFrame({"year": pd.array([1993, 1995, 1997, 2001], dtype="Int64")})
    binned, columns = group_columns(frame, ["years:5"], owner="count_matches")
    assert columns == ["years_5"] and binned["years_5"].tolist() == [1990, 1995, 1995, 2000]
    assert group_columns(frame, "years:10", owner="f")[0]["years_10"].tolist() == [1990, 1990, 1990, 2000]
    assert bin_column("years:5") == "years_5" and bin_column("decade") == "decade" and bin_column("actor") is None


def test_a_column_named_as_a_bin_is_used_as_it_is():
    """A counts table already grouped by decade has the column and no year: sum_counts groups by it."""
    counts = pd.DataFrame({"decade": [1990, 2000], "n_matches": [1, 2]})
    frame, columns = group_columns(counts, "decade", owner="sum_counts", of="counts")
    assert columns == ["decade"] and frame is counts


def test_the_years_of_the_un_corpus_bin_into_decades():
    frame = read_ungdc(DATA / "ungdc_mini").to_frame()
    binned, columns = group_columns(frame, "session,decade", owner="count_matches")
    assert columns == ["session", "decade"]
    assert binned[["doc_id", "session", "decade"]].values.tolist() == [
        ["NOR_01_1946", 1, 1940], ["EU_79_2024", 79, 2020], ["PAK_79_2024", 79, 2020]]


def test_an_unknown_name_lists_the_groupings_and_the_columns_of_the_data_sorted(statements):
    data = statements.assign(bloc="G7")
    expected = ("The 'by' parameter of count_matches must be a grouping (doc, document, statement, actor, actor_id, "
                "year, date, doc_id, statement_id, source, decade, years:N) or a column of the statements "
                "(bloc, end, outlet, start, text). Got 'blok' instead.")
    with pytest.raises(ParameterError) as refused:
        group_columns(data, "actor,blok", owner="count_matches")
    assert str(refused.value) == expected
    with pytest.raises(ParameterError, match=r"column of the statements \(bloc, outlet\)\. Got 'blok'"):
        group_columns(data, "blok", owner="count_matches", metadata=["outlet", "bloc"])
    # a column the caller does not offer as a group is refused too
    with pytest.raises(ParameterError, match="Got 'text' instead"):
        group_columns(data, "text", owner="count_matches", metadata=["outlet", "bloc"])


def test_intensity_is_listed_only_when_the_data_have_the_levels():
    assert "intensity" not in str(grouping_error("x", owner="f", columns=[]))
    assert "source, intensity, decade" in str(grouping_error("x", owner="f", columns=[], intensity=True))
    with pytest.raises(ParameterError, match=r"statement_id, source, intensity, decade, years:N\)"):
        group_columns(pd.DataFrame({"intensity": [1]}), "levels", owner="count_matches")


def test_bad_names_and_bins_are_refused():
    with pytest.raises(ParameterError, match=r"must be a bin width years:N with N an int >= 1 .* Got 'years:0'"):
        group_names("years:0", owner="count_matches")
    with pytest.raises(ParameterError, match=r"Got 'years:five' instead"):
        group_names("years:five", owner="count_matches")
    with pytest.raises(ParameterError, match=r"must be a grouping, a time bin or a column .* Got int instead"):
        group_names(3, owner="count_matches")
    with pytest.raises(ParameterError, match="at least one grouping"):
        group_names([], owner="count_matches")
    with pytest.raises(ParameterError, match=r"derived from 'year'.* Got 'decade' for counts without a 'year'"):
        group_columns(pd.DataFrame({"actor": ["a"]}), "decade", owner="sum_counts", of="counts")


def test_names_are_kept_in_order_without_repeats_and_the_old_level_warns():
    assert group_names(["actor", "decade", "actor"], owner="f") == ["actor", "decade"]
    assert metadata_names(["actor", "bloc", "decade", "years:3", "intensity"]) == ["bloc"]
    with pytest.warns(FutureWarning, match="'intensity'"):
        assert group_names("actor,level", owner="count_matches") == ["actor", "intensity"]
