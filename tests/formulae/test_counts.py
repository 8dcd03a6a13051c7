import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from toolkit.errors import ParameterError
from toolkit.formulae.counts import add_rates, count_matches, statement_matrix, sum_counts
from toolkit.formulae.features import FormulaVectorizer
from toolkit.formulae.lexicon import Lexicon
from toolkit.formulae.match import Matches, find_matches
from toolkit.io import default_lexicon, read_table, read_ungdc
from toolkit.text.corpus import Corpus, Document

from ..paths import DATA

CORPUS = Corpus([
    Document("n1", "Norway condemns the attack. We condemn terrorism.", actor="Norway", year=2020),
    Document("n2", "Norway expresses solidarity.", actor="Norway", year=2021),
    Document("c1", "Chile condemns it.", actor="Chile", year=2020),
    Document("x1", "No actor here.", year=None),
])
LEXICON = Lexicon.from_phrases(["condemn*", "solidarity"])


@pytest.fixture(scope="module")
def matches():
    return find_matches(CORPUS, LEXICON)


def test_counts_by_actor_keep_numerators_denominators_and_zero_rows(matches):
    counts = count_matches(matches, by="actor")
    assert list(counts.columns) == ["actor", "family", "formula", "family_label", "formula_label", "n_matches",
                                    "n_statements", "n_tokens", "rate_per_1000"]
    # statements without an actor are one group, "unresolved", last
    assert counts["actor"].tolist()[-2:] == ["unresolved"] * 2 and counts["actor"].notna().all()
    shown = counts.replace({"actor": {"unresolved": "-"}})[["actor", "formula", "n_matches", "n_statements",
                                                             "n_tokens"]]
    assert shown.values.tolist() == [
        ["Chile", "condemn*", 1, 1, 3],
        ["Chile", "solidarity", 0, 1, 3],
        ["Norway", "condemn*", 2, 2, 10],
        ["Norway", "solidarity", 1, 2, 10],
        ["-", "condemn*", 0, 1, 3],
        ["-", "solidarity", 0, 1, 3],
    ]
    assert counts["rate_per_1000"].tolist() == pytest.approx([1000 / 3, 0, 200, 100, 0, 0])


def test_counts_by_actor_and_year_and_by_document(matches):
    by_actor_year = count_matches(matches, by="actor,year", rates=False)
    condemn = by_actor_year[by_actor_year.formula == "condemn*"].fillna({"actor": "-", "year": 0})
    assert condemn[["actor", "year", "n_matches"]].values.tolist() == [
        ["Chile", 2020, 1], ["Norway", 2020, 2], ["Norway", 2021, 0], ["unresolved", 0, 0]]
    assert "rate_per_1000" not in by_actor_year
    by_doc = count_matches(matches, by="doc")
    assert by_doc["doc_id"].unique().tolist() == ["c1", "n1", "n2", "x1"]
    assert by_doc.n_matches.sum() == len(matches) == 4


def test_family_level_sums_variants():
    corpus = Corpus.from_texts(["Terrorism in all its forms and manifestations and in all its forms."])
    counts = count_matches(find_matches(corpus, default_lexicon().select(["all_forms"])), level="family")
    assert counts[["formula", "n_matches"]].values.tolist() == [["all_forms", 2]]
    per_variant = count_matches(find_matches(corpus, default_lexicon().select(["all_forms"])))
    by_formula = per_variant.set_index("formula")
    assert by_formula.loc[["all_forms/full", "all_forms/truncated"], "n_matches"].tolist() == [1, 1]


def test_regrouping_sums_counts_and_refuses_rates(matches):
    fine = count_matches(matches, by="doc_id,actor", rates=False)
    coarse = sum_counts(fine, by="actor")
    direct = count_matches(matches, by="actor")
    pd.testing.assert_frame_equal(coarse.reset_index(drop=True), direct, check_dtype=False)
    with pytest.raises(ParameterError, match=r"^The 'counts' parameter of sum_counts must be a table of counts without "
                       r"rates: .* then add the rates last with add_rates\. Got a table of rates \('rate_per_1000'\) "
                       r"instead\.$"):
        sum_counts(count_matches(matches, by="doc_id,actor"), by="actor")


def test_grouping_by_intensity_without_the_column_points_to_with_intensity(matches):
    with pytest.raises(ParameterError, match=r"^The 'matches' parameter of count_matches must be a Matches whose "
                       r"statements have the column 'intensity' to group by; for by=\"intensity\", add it with "
                       r"toolkit\.analysis\.intensity\.with_intensity\(matches, score_intensity\(matches, "
                       r"corpus\)\)\. Got statements without it instead\.$"):
        count_matches(matches, by="intensity")


def test_a_matches_table_naming_statements_it_does_not_hold_is_refused(matches):
    stray = Matches(matches.table, matches.statements.iloc[1:], matches.formulae, matches.skipped)
    first = matches.statements["statement_id"].iloc[0]
    assert first in set(matches.table["statement_id"])
    with pytest.raises(ParameterError, match=rf"^The 'matches' parameter of statement_matrix must be a Matches whose "
                       rf"hits name only its own statements and formulae\. Got a hit of the statement '{first}', "
                       rf"which it does not hold instead\.$"):
        statement_matrix(stray)


def test_rates_are_nan_without_tokens_and_bad_parameters_are_refused(matches):
    rated = add_rates(pd.DataFrame({"n_matches": [0, 2], "n_tokens": [0, 4]}), per=100)
    assert np.isnan(rated["rate_per_100"][0]) and rated["rate_per_100"][1] == 50
    message = (r"^The 'by' parameter of count_matches must be a grouping \(doc, .*, source, decade, years:N\) or a "
               r"column of the statements \(none in these data\)\. Got 'country' instead\.$")
    with pytest.raises(ParameterError, match=message):
        count_matches(matches, by="country")
    with pytest.raises(ParameterError, match="The 'level' parameter"):
        count_matches(matches, level="variant")


def test_the_vectorizer_gives_the_counts_by_document():
    vectorizer = FormulaVectorizer(LEXICON)
    matrix = vectorizer.fit_transform(CORPUS)
    assert matrix.shape == (4, 2) and matrix.dtype == np.int64
    assert vectorizer.get_feature_names_out().tolist() == ["condemn*", "solidarity"]
    counts = count_matches(find_matches(CORPUS, LEXICON), by="doc", rates=False)
    expected = counts.pivot(index="doc_id", columns="formula", values="n_matches").loc[[d.id for d in CORPUS]]
    assert matrix.toarray().tolist() == expected[["condemn*", "solidarity"]].values.tolist()
    families = FormulaVectorizer(default_lexicon(), level="family").fit(["x"])
    assert "all_forms" in families.get_feature_names_out()
    assert [f.id for f in clone(vectorizer).get_params()["lexicon"].formulae] == ["condemn*", "solidarity"]
    with pytest.raises(ParameterError, match="single str"):
        vectorizer.transform("one text")



def test_the_vectorizer_counts_the_default_lexicon_when_given_none_and_refuses_no_lexicon():
    default = FormulaVectorizer().fit(["x"])
    assert default.lexicon is None and default.lexicon_.name == "default"
    assert default.get_feature_names_out().tolist() == [f.id for f in default_lexicon().formulae]
    text = ["We condemn terrorism in all its forms and manifestations."]
    assert (default.transform(text) != FormulaVectorizer(default_lexicon()).fit_transform(text)).nnz == 0
    with pytest.raises(ParameterError, match=r"^The 'lexicon' parameter of FormulaVectorizer must be a Lexicon or None "
                       r"\(the default lexicon\)\. Got False instead\.$"):
        FormulaVectorizer(False).fit(["x"])  # type: ignore[arg-type]  # a vectorizer of formulae needs a lexicon
    with pytest.raises(ParameterError, match=r"Got str instead\.$"):
        FormulaVectorizer("condemn*").fit(["x"])  # type: ignore[arg-type]  # the wrong type is what is tested


def test_the_unresolved_group_stays_last_when_batches_are_summed(matches):
    """count_parallel sums per-batch counts: "unresolved" must not sort among the actors' names."""
    halves = [count_matches(matches, by="actor", rates=False)] * 2
    summed = sum_counts(pd.concat(halves, ignore_index=True), by="actor")
    assert summed["actor"].drop_duplicates().tolist() == ["Chile", "Norway", "unresolved"]
    assert summed["n_matches"].sum() == 2 * count_matches(matches, by="actor")["n_matches"].sum()
    # a user's table may spell actors in lower case: "wfp" sorts after "unresolved" as text, yet comes first
    extra = Corpus([*CORPUS.documents, Document("w1", "The WFP condemns.", actor="wfp", year=2020)])
    counts = count_matches(find_matches(extra, LEXICON), by="actor", rates=False)
    assert counts["actor"].drop_duplicates().tolist() == ["Chile", "Norway", "wfp", "unresolved"]
    summed = sum_counts(pd.concat([counts, counts], ignore_index=True), by="actor")
    assert summed["actor"].drop_duplicates().tolist() == ["Chile", "Norway", "wfp", "unresolved"]



def table_with_blocs(folder):
    """The real statements of tests/data/tables/statements.csv with a column of the user's own, ``bloc``."""
    rows = pd.read_csv(DATA / "tables" / "statements.csv")
    rows["bloc"] = rows["iso"].map({"CAN": "G7", "EU": "EU", "QAT": "OIC"})  # Sweden's row has no bloc
    path = folder / "blocs.csv"
    rows.to_csv(path, index=False)
    return read_table(path, columns={"id": "ref", "text": "body", "actor": "country", "actor_id": "iso",
                                     "date": "published"})


def test_counts_group_by_a_column_of_the_users_table_and_by_decade(tmp_path):
    corpus = table_with_blocs(tmp_path)
    matches = find_matches(corpus, default_lexicon())
    by_bloc = count_matches(matches, by="bloc", level="family", rates=False)
    condolence = by_bloc[by_bloc["family"] == "condolence"]
    assert condolence[["bloc", "n_matches", "n_statements"]].values.tolist() == [["EU", 1, 1], ["G7", 1, 1],
                                                                                  ["OIC", 0, 1]]
    assert by_bloc["n_matches"].sum() == len(matches)
    by_actor_decade = count_matches(matches, by="actor,decade", level="family")
    assert list(by_actor_decade.columns[:3]) == ["actor", "decade", "family"]
    assert set(by_actor_decade["decade"]) == {2020} and str(by_actor_decade["decade"].dtype) == "Int64"
    assert by_actor_decade["n_matches"].sum() == len(matches)
    # the bins of sum_counts come from the year of a finer table, and the labels are kept
    by_year = count_matches(matches, by="bloc,year", rates=False)
    summed = sum_counts(by_year, by="bloc,years:5", rates=False)
    assert list(summed.columns[:6]) == ["bloc", "years_5", "family", "formula", "family_label", "formula_label"]
    direct = count_matches(matches, by="bloc,years:5", rates=False)
    pd.testing.assert_frame_equal(summed, direct)


def test_the_un_corpus_counts_by_its_session_and_decade():
    matches = find_matches(read_ungdc(DATA / "ungdc_mini"), default_lexicon())
    counts = count_matches(matches, by="session,decade", level="family", rates=False)
    groups = counts.drop_duplicates(["session", "decade"])[["session", "decade", "n_statements"]]
    assert groups.values.tolist() == [[1, 1940, 1], [79, 2020, 2]]
    with pytest.raises(ParameterError, match=r"or a column of the statements \(session\)\. Got 'sesion' instead"):
        count_matches(matches, by="sesion")


def test_count_rows_name_the_formula_by_the_lexicons_label_and_the_variants_wording():
    lexicon = default_lexicon().select(["all_forms", "condolence"])
    corpus = Corpus.from_texts(["Terrorism in all its forms and manifestations. Our deepest condolences."])
    counts = count_matches(find_matches(corpus, lexicon), rates=False)
    assert list(counts.columns[:5]) == ["doc_id", "family", "formula", "family_label", "formula_label"]
    for family in lexicon.families:
        for formula in family.formulae:
            row = counts[counts["formula"] == formula.id].iloc[0]
            assert row["family_label"] == family.label and row["formula_label"] == " ; ".join(formula.pattern_texts)
    families = count_matches(find_matches(corpus, lexicon), level="family")
    assert families[["formula", "family_label", "formula_label"]].values.tolist() == [
        [f.id, f.label, f.label] for f in lexicon.families]
    empty = count_matches(find_matches([], lexicon), by="actor")
    assert list(empty.columns[:5]) == ["actor", "family", "formula", "family_label", "formula_label"]
