import re
from typing import Any

import numpy as np
import pandas as pd
import pytest

from toolkit.analysis.cluster import CLUSTER_COLUMNS, cluster_statements, compare_features, evaluate_clusters
from toolkit.attribution import attribute_statements
from toolkit.errors import InputError, ParameterError
from toolkit.formulae.match import find_matches
from toolkit.io import default_gazetteer, default_lexicon, read_texts
from toolkit.text.corpus import Corpus, Document

from ..paths import SEED


@pytest.fixture(scope="module")
def seed():
    return attribute_statements(read_texts(SEED), default_gazetteer()).corpus


@pytest.mark.parametrize("method", ["agglomerative", "kmeans", "hdbscan"])
def test_clustering_the_seed_statements_is_reproducible_and_labelled(seed, method):
    first = cluster_statements(seed, lexicon=default_lexicon(), method=method, min_cluster_size=3)
    again = cluster_statements(seed, lexicon=default_lexicon(), method=method, min_cluster_size=3)
    pd.testing.assert_frame_equal(first.assignments, again.assignments)
    pd.testing.assert_frame_equal(first.clusters, again.clusters)
    assert len(first.assignments) == len(seed.statements) == 27
    assert first.clusters["size"].sum() == 27
    assert 0.5 <= first.stability <= 1.0 and first.stability == again.stability
    labelled = first.clusters[first.clusters.cluster >= 0]
    assert (labelled["formulae"] != "").sum() >= len(labelled) / 2


def test_the_formulae_that_define_the_seed_clusters(seed):
    result = cluster_statements(seed, lexicon=default_lexicon())
    by_statement = result.assignments.set_index("statement_id")["cluster"]
    table = attribute_statements(read_texts(SEED), default_gazetteer()).table.set_index("statement_id")
    listed = table[table.cue == "denounced"].index
    assert by_statement[listed].nunique() == 1  # the seven states that "similarly denounced" group together
    forms = result.clusters.set_index("cluster").loc[by_statement[table[table.actor_id == "OIC"].index[0]]]
    assert "all_forms" in forms["formulae"].split(", ") and "forms" in forms["terms"]
    assert result.linkage is None
    tree = cluster_statements(seed, lexicon=default_lexicon(), method="agglomerative").linkage
    assert tree is not None and tree.shape == (26, 4)
    assert max(result.silhouette, key=lambda k: result.silhouette[k]) == result.clusters.cluster.max() + 1
    similarity = result.similarity()
    assert similarity.shape == (27, 27) and np.allclose(np.diag(similarity), 1)


@pytest.mark.parametrize("features", ["words", "characters", "tfidf", "formulae", "combined"])
def test_each_feature_set_and_a_fixed_number_of_clusters(seed, features):
    result = cluster_statements(seed, features=features, lexicon=default_lexicon(), n_clusters=4, method="kmeans",
                                n_runs=0)
    assert sorted(result.assignments.cluster.unique()) == [0, 1, 2, 3]
    assert np.isnan(result.stability) and result.features == features


def test_words_alone_need_no_lexicon_and_each_cluster_says_how_stable_it_is(seed):
    result = cluster_statements(seed, n_clusters=3, n_runs=4, lexicon=False)
    table = result.clusters
    assert list(table.columns) == CLUSTER_COLUMNS == ["cluster", "size", "stability", "n_actors", "actors",
                                                      "first_year", "median_year", "last_year", "formulae", "terms"]
    assert table["size"].sum() == 27 and (table["formulae"] == "").all() and (table["terms"] != "").all()
    assert table["stability"].between(0, 1).all() and table["n_actors"].ge(1).all()
    assert table["first_year"].isna().all()  # the seed article has no date


def test_without_a_lexicon_the_default_lexicon_describes_the_clusters_of_the_same_assignments(seed):
    default = cluster_statements(seed, n_clusters=3, n_runs=0)
    given = cluster_statements(seed, n_clusters=3, n_runs=0, lexicon=default_lexicon())
    none = cluster_statements(seed, n_clusters=3, n_runs=0, lexicon=False)
    pd.testing.assert_frame_equal(default.clusters, given.clusters)
    pd.testing.assert_frame_equal(default.assignments, none.assignments)  # the words features, whatever the lexicon
    assert (default.clusters["formulae"] != "").any() and (none.clusters["formulae"] == "").all()
    a_path: Any = "lexicon.yaml"
    with pytest.raises(ParameterError, match="The 'lexicon' parameter of cluster_statements must be a Lexicon"):
        cluster_statements(seed, lexicon=a_path)


def test_formulas_is_the_old_name_of_the_formulae_features_and_block(seed):
    matches = find_matches(seed, default_lexicon())
    new = cluster_statements(seed, features="formulae", matches=matches, n_clusters=3, n_runs=0)
    with pytest.warns(FutureWarning, match="'formulas' of the 'features' parameter of cluster_statements was renamed"):
        old = cluster_statements(seed, features="formulas", matches=matches, n_clusters=3, n_runs=0)
    pd.testing.assert_frame_equal(old.assignments, new.assignments)
    assert old.features == new.features == "formulae"
    with pytest.warns(FutureWarning, match="renamed 'formulae'"):
        weighted = cluster_statements(seed, features="combined", matches=matches, n_clusters=3, n_runs=0,
                                      weights={"words": 2, "formulas": 3})
    renamed = cluster_statements(seed, features="combined", matches=matches, n_clusters=3, n_runs=0,
                                 weights={"words": 2, "formulae": 3})
    pd.testing.assert_frame_equal(weighted.assignments, renamed.assignments)
    with pytest.warns(FutureWarning, match="'formulas' of the 'features' parameter of compare_features"):
        compared = compare_features(seed, features=["formulas"], matches=matches, n_clusters=3, n_runs=0)
    assert compared["features"].tolist() == ["formulae"]


def test_blocks_are_weighted_to_unit_total_variance_before_their_weights():
    from scipy import sparse

    from toolkit.analysis.vectors import StatementVectors, combine

    rng = np.random.default_rng(0)
    wide = sparse.random(40, 300, density=0.05, random_state=1, format="csr", dtype=np.float32)
    narrow = sparse.csr_matrix(rng.random((40, 3)).astype(np.float32) * 50)
    vectors = StatementVectors({"words": wide, "formulae": narrow}, np.array([]), np.array([]))
    for weights in ({"words": 1, "formulae": 1}, {"words": 3, "formulae": 1}):
        both = combine(vectors, weights).toarray()
        shares = [both[:, :300].var(axis=0).sum(), both[:, 300:].var(axis=0).sum()]
        assert np.allclose(shares, [weights["words"], weights["formulae"]], rtol=1e-4)
    assert combine(vectors, {"words": 1}).shape == (40, 300)
    with pytest.warns(FutureWarning, match="'formulas' of the 'weights' parameter of combine was renamed 'formulae'"):
        old = combine(vectors, {"words": 3, "formulas": 1})
    assert (old != combine(vectors, {"words": 3, "formulae": 1})).nnz == 0
    with pytest.raises(ParameterError, match=re.escape("The 'weights' parameter of combine must be a weight above 0 "
                                                       "for at least one block")):
        combine(vectors, {"words": 0})
    with pytest.raises(ParameterError, match=re.escape("The 'weights' parameter of combine must be a dict of weights "
                                                       "of the blocks 'words', 'characters', 'formulae'. Got a weight "
                                                       "for 'bigrams' instead.")):
        combine(vectors, {"bigrams": 1})


def test_clusters_are_evaluated_against_a_known_grouping():
    assert evaluate_clusters([0, 0, 1, 1], ["a", "a", "b", "b"]) == {"ari": 1.0, "nmi": 1.0, "n": 4}
    scores = evaluate_clusters([0, 1, 0, 1, 2], ["a", "a", "b", "b", None])
    assert scores["n"] == 4 and scores["ari"] < 0.5
    with pytest.raises(ParameterError, match=re.escape("The 'truth' parameter of evaluate_clusters must be one known "
                                                       "group per label (3). Got 2 known groups instead.")):
        evaluate_clusters([0, 1, 2], ["a", "b"])
    with pytest.raises(ParameterError, match="The 'labels' parameter of evaluate_clusters must be a sequence of "
                                             "labels. Got a single str instead."):
        evaluate_clusters("0011", ["a", "a", "b", "b"])


def test_bad_parameters_are_refused(seed):
    with pytest.raises(ParameterError, match="The 'method' parameter of cluster_statements must be one of"):
        cluster_statements(seed, method="dbscan", lexicon=default_lexicon())
    with pytest.raises(ParameterError, match=re.escape("The 'lexicon' parameter of cluster_statements must be a "
                                                       "Lexicon, or None (the default lexicon), for the formula "
                                                       "features (or pass matches=find_matches(corpus, lexicon)). "
                                                       "Got False (no lexicon) instead.")):
        cluster_statements(seed, features="combined", lexicon=False)
    with pytest.raises(ParameterError, match=re.escape("The 'weights' parameter of cluster_statements must be a dict "
                                                       "of weights of the blocks 'words'. Got a weight for "
                                                       "'formulae' instead.")):
        cluster_statements(seed, weights={"formulae": 2})
    with pytest.raises(ParameterError, match=re.escape("The \"weights['words']\" parameter of cluster_statements "
                                                       "must be a number in [0, inf]. Got -1 instead.")):
        cluster_statements(seed, weights={"words": -1})
    with pytest.raises(InputError, match="at least 3 statements"):
        cluster_statements(Corpus((Document("a", "x"),)), features="tfidf")
    with pytest.raises(ParameterError, match="The 'random_state' parameter of cluster_statements must be an int >= 0"):
        cluster_statements(seed, features="tfidf", random_state=-1)
    other = find_matches(Corpus((Document("z", "We condemn it. Again. And again."),)), default_lexicon())
    with pytest.raises(ParameterError, match="The 'matches' parameter of cluster_statements must be the matches of "
                                             "the corpus .*Got matches found in other statements instead"):
        cluster_statements(seed, matches=other)


def test_compare_features_agrees_with_each_clustering_and_scores_known_groupings(seed):
    matches = find_matches(seed, default_lexicon())
    words = cluster_statements(seed, matches=matches, n_runs=3)
    combined = cluster_statements(seed, features="combined", matches=matches, n_runs=3)
    pakistan = (words.assignments["actor_id"] == "PAK").tolist()
    table = compare_features(seed, features=["words", "combined"], matches=matches, n_runs=3,
                             truth={"words": words.assignments["cluster"].tolist(), "pakistan": pakistan})
    assert list(table.columns) == ["features", "n_clusters", "stability", "weakest_cluster", "silhouette",
                                   "ari_words", "ari_pakistan"]
    rows = table.set_index("features")
    for name, result in (("words", words), ("combined", combined)):
        assert rows.loc[name, "n_clusters"] == result.clusters["cluster"].nunique()
        assert rows.loc[name, "stability"] == result.stability
        assert rows.loc[name, "weakest_cluster"] == result.clusters["stability"].min()
        assert rows.loc[name, "silhouette"] == pytest.approx(result.silhouette[rows.loc[name, "n_clusters"]])
    assert rows.loc["words", "ari_words"] == 1.0  # the words clustering against itself
    assert rows.loc["combined", "ari_words"] < 1.0
    assert rows.loc["words", "ari_pakistan"] == evaluate_clusters(words.assignments["cluster"], pakistan)["ari"]


def test_compare_features_refuses_bad_requests(seed):
    with pytest.raises(ParameterError, match=re.escape("The \"truth['decade']\" parameter of compare_features must "
                                                       "be one label per statement (27). Got 2 labels instead.")):
        compare_features(seed, features=["words"], truth={"decade": [1990, 2000]})
    with pytest.raises(ParameterError, match="The 'lexicon' parameter of compare_features must be a Lexicon, or None"):
        compare_features(seed, features=["formulae"], lexicon=False)
    with pytest.raises(ParameterError, match="The 'features' parameter of compare_features must be at least one "
                                             "feature-set name among 'words', .* Got none instead"):
        compare_features(seed, features=[])
    with pytest.raises(ParameterError, match="The 'features' parameter of compare_features must be one of 'words'"):
        compare_features(seed, features=["bigrams"])
    a_list: Any = [1, 2]
    with pytest.raises(ParameterError, match="The 'truth' parameter of compare_features must be a dict .* Got list"):
        compare_features(seed, features=["words"], truth=a_list)
