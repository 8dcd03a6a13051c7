"""The tables of the figures choose their form from their size: top actors, actors instead of statements, documents."""

import numpy as np
import pandas as pd
import pytest

from toolkit.analysis.cluster import cluster_statements
from toolkit.analysis.reuse import find_reuse, reuse_shares
from toolkit.errors import ParameterError
from toolkit.formulae.lexicon import Lexicon, default_lexicon
from toolkit.formulae.match import find_matches
from toolkit.io import read_ungdc
from toolkit.report import tables as T
from toolkit.text.corpus import Corpus, Document, Statement

from ..paths import DATA

LEXICON = Lexicon.from_phrases(["condemn*", "deepest condolences", "in all its forms"])
TOPICS = ["the bombing of the market", "the attack on the school", "the raid on the convoy", "the blast at the port"]


def _document(k: int, actors: list[str | None], words: str) -> Document:
    """One news text whose sentences are statements of the given actors (None: a speaker left unresolved)."""
    sentences = [f"{words} number {k}.{j} we condemn and send our deepest condolences." for j in range(len(actors))]
    text = " ".join(sentences)
    statements, start = [], 0
    for j, (actor, sentence) in enumerate(zip(actors, sentences), start=1):
        statements.append(Statement(f"d{k}:{j}", f"d{k}", sentence, start, start + len(sentence), actor=actor,
                                    actor_id=actor[:3].upper() if actor else None))
        start += len(sentence) + 1
    return Document(f"d{k}", text, statements=tuple(statements))


@pytest.fixture(scope="module")
def news():
    """12 texts, 36 actors with 2 or 4 hits each and 3 statements by unresolved speakers: 51 statements."""
    documents = []
    for k in range(12):
        actors = [f"Country {(k * 3 + j) % 36:02d}" for j in range(4)] + ([None] if k % 4 == 0 else [])
        documents.append(_document(k, actors, TOPICS[k % 4]))
    return Corpus(tuple(documents))


@pytest.fixture(scope="module")
def matches(news):
    return find_matches(news, LEXICON)


def test_the_heatmap_keeps_the_actors_with_most_hits_and_pools_the_unresolved_last(matches):
    table = T.heatmap_table(matches, LEXICON, top_actors=10)
    actors = table["actor"].drop_duplicates().tolist()
    assert len(actors) == 11 and actors[-1] == "unresolved"
    totals = table.groupby("actor", sort=False)["n_matches"].sum()
    assert list(totals.iloc[:10]) == sorted(totals.iloc[:10], reverse=True)
    assert table.attrs == {"n_actors": 36, "left_out": 26, "left_out_without_hits": 0, "tied": True}
    assert totals["unresolved"] == 3 * 2  # three unresolved statements, two hits each
    bars = T.formulaicity_table(matches, top_actors=10)
    assert bars["actor"].tolist()[-1] == "unresolved" and len(bars) == 11 and bars.attrs["left_out"] == 26


def test_statements_above_the_threshold_become_actors_with_their_mean_features(news, matches):
    clustering = cluster_statements(news, matches=matches, n_clusters=3, n_runs=0)
    assert len(clustering.assignments) > T.STATEMENT_LEVEL_MAX
    similarity = T.similarity_table(clustering)
    assert similarity.attrs["unit"] == "actor" and list(similarity.columns[:4]) == ["actor", "label", "cluster",
                                                                                      "n_statements"]
    assert similarity["n_statements"].sum() == len(clustering.assignments)
    assert "unresolved (3)" in similarity["label"].tolist()
    matrix = similarity.iloc[:, 4:].to_numpy()
    assert np.allclose(matrix, matrix.T) and np.allclose(np.diag(matrix), 1)
    assert similarity["cluster"].is_monotonic_increasing
    statements = T.similarity_table(clustering, unit="statement")
    assert statements.attrs["unit"] == "statement" and len(statements) == len(clustering.assignments)
    mapped = T.map_table(clustering)
    assert mapped["labelled"].all() and len(mapped) == len(similarity)
    # an actor sits at the mean of its statements on the statements' map
    points = clustering.map().assign(actor=lambda t: t["actor"].fillna("unresolved")).groupby("actor")[["x", "y"]]
    one = mapped.iloc[0]
    assert one["x"] == pytest.approx(points.mean().loc[one["actor"], "x"])


def test_above_the_label_limit_only_each_clusters_medoid_is_named(news, matches, monkeypatch):
    clustering = cluster_statements(news, matches=matches, n_clusters=3, n_runs=0)
    monkeypatch.setattr(T, "LABEL_ALL_MAX", 5)
    mapped = T.map_table(clustering)
    assert mapped["labelled"].sum() == mapped["cluster"].nunique() == 3
    assert mapped[mapped["labelled"]]["cluster"].is_unique


def test_several_documents_give_one_dispersion_row_per_document_most_hits_first(news, matches):
    table = T.dispersion_table(matches, news, LEXICON, max_documents=5)
    assert table.attrs == {"form": "documents", "n_documents": 12, "left_out": 7}
    order = table["doc_id"].drop_duplicates().tolist()
    hits = table.groupby("doc_id").size()
    assert len(order) == 5 and list(hits[order]) == sorted(hits[order], reverse=True)
    assert table["position"].between(0, 1).all()
    assert (table["position"] == table["doc_start"] / table["doc_length"]).all()
    one = T.dispersion_table(find_matches(Corpus((news.documents[0],)), LEXICON), news, LEXICON)
    assert one.attrs["form"] == "families" and "position" not in one


@pytest.fixture(scope="module")
def un_mini():
    """Three real UN General Debate speeches (Norway 1946, the European Union and Pakistan 2024), matched."""
    corpus = read_ungdc(DATA / "ungdc_mini")
    return find_matches(corpus, default_lexicon())


def test_rates_of_chosen_actors_by_name_or_code_count_each_actors_own_speeches_in_the_order_given(un_mini):
    table = T.rates_table(un_mini, default_lexicon(), ["all_forms", "condemnation"],
                          actors=["Pakistan", "NOR", "European Union"])
    assert list(table.columns) == ["family", "label", "actor", "actor_id", "year", "n_matches", "n_statements",
                                   "n_tokens", "rate_per_1000000"]
    rows = table[["family", "actor", "actor_id", "year", "n_matches", "n_statements"]].values.tolist()
    assert rows == [
        ["all_forms", "Pakistan", "PAK", 2024, 0, 1], ["all_forms", "Norway", "NOR", 1946, 1, 1],
        ["all_forms", "European Union", "EU", 2024, 1, 1],
        ["condemnation", "Pakistan", "PAK", 2024, 0, 1], ["condemnation", "Norway", "NOR", 1946, 1, 1],
        ["condemnation", "European Union", "EU", 2024, 1, 1],
    ]
    # each actor's own words, not the year's: Pakistan and the EU spoke in the same year
    words = un_mini.statements.set_index("actor")["n_tokens"]
    assert table[table["family"] == "all_forms"]["n_tokens"].tolist() == [
        words["Pakistan"], words["Norway"], words["European Union"]]
    whole = T.rates_table(un_mini, default_lexicon(), ["all_forms"])
    assert whole[whole["year"] == 2024]["n_statements"].tolist() == [2]


@pytest.mark.parametrize("actors, message", [
    ("Norway", r"The 'actors' parameter of rates_table must be an iterable of str \(wrap a single text in a list\)"
               r"\. Got a single str instead\."),
    (["Norway", "Atlantis"], r"must be actors of the matches' statements, each by name or code\. Got 'Atlantis', "
                             r"which no statement has instead\."),
    (["Norway", "NOR"], r"must be distinct actors\. Got 'Norway' and 'NOR', the same actor instead\."),
])
def test_rates_refuse_a_single_string_an_unknown_actor_and_one_actor_twice(un_mini, actors, message):
    with pytest.raises(ParameterError, match=message):
        T.rates_table(un_mini, default_lexicon(), ["all_forms"], actors=actors)


def test_the_un_tables_carry_the_matches_they_derive_from(un_mini):
    corpus = read_ungdc(DATA / "ungdc_mini")
    un = T.un_tables(corpus, un_mini, default_lexicon())
    assert un.matches is un_mini


def test_a_passage_recurring_as_overlapping_windows_shows_once_and_distinct_phrases_stay():
    import pandas as pd

    title = ("convention against torture and other cruel inhuman or degrading treatment or punishment").split()
    windows = [" ".join(title[k:k + 8]) for k in range(len(title) - 7)]
    ranked = pd.DataFrame({"ngram": [windows[2], "we strongly condemn", windows[0], windows[1],
                                     "strongly condemn the heinous attack", windows[3], "the heinous attack on"]})
    kept = T.unchained(ranked)["ngram"].tolist()
    # one window of the title, by its rank; phrases sharing fewer than 3 words, or under half the shorter, stay
    assert kept == [windows[2], "we strongly condemn", "strongly condemn the heinous attack"]
    # with least=4 the three words "the heinous attack" are too short an overlap: both phrases stay
    assert T.unchained(ranked, least=4)["ngram"].tolist() == [*kept, "the heinous attack on"]
    # windows 0 and 5 of a longer passage share 3 of 8 words only, but the windows between link them
    longer = [*title, "and", "its", "optional", "protocol"]
    spans = [" ".join(longer[k:k + 8]) for k in range(len(longer) - 7)]
    assert T.unchained(pd.DataFrame({"ngram": [spans[5], spans[0]]}))["ngram"].tolist() == [spans[5], spans[0]]
    linked = pd.DataFrame({"ngram": [spans[5], spans[3], spans[0]]})
    assert T.unchained(linked)["ngram"].tolist() == [spans[5]]


def _speech(doc_id: str, actor: str, code: str, year: int, text: str) -> Document:
    return Document(doc_id, text, actor=actor, actor_id=code, year=year)


PASSAGE = " ".join(f"word{k}" for k in range(40))
OTHER_PASSAGE = " ".join(f"term{k}" for k in range(30))


@pytest.fixture(scope="module")
def reused():
    """Norway's 2001 passage taken by Chad (2003) and Chad's own 2005 speech; Peru takes another of Chad's."""
    corpus = Corpus((
        _speech("n1", "Norway", "NOR", 2001, f"Opening words. {PASSAGE}. Closing words of Norway."),
        _speech("c1", "Chad", "TCD", 2003, f"We said: {PASSAGE}! And {OTHER_PASSAGE}."),
        _speech("c2", "Chad", "TCD", 2005, f"Again we say {OTHER_PASSAGE}; nothing more."),
        _speech("p1", "Peru", "PER", 2005, f"Peru quotes {OTHER_PASSAGE} and stops."),
        _speech("s1", "Sweden", "SWE", 2003, f"Sweden too: {PASSAGE}."),
    ))
    return corpus, find_reuse(corpus)


def test_the_reuse_matrix_counts_forward_words_between_actors_and_leaves_an_actors_own_reuse_blank(reused):
    corpus, passages = reused
    table = T.reuse_table(passages, corpus)
    pairs = table[table["panel"] == "pairs"].set_index(["source", "target"])["n_words"]
    forward = passages[passages["direction"] == "forward"]
    # Norway lends its 40 words to Chad and Sweden (2003); Chad's 30 go to Peru, and to Chad itself in 2005
    assert pairs[("NOR", "TCD")] == pairs[("NOR", "SWE")] == 40 and pairs[("TCD", "PER")] == 30
    assert pd.isna(pairs[("TCD", "TCD")]) and pairs[("TCD", "NOR")] == 0
    # Chad and Sweden speak in one year: their shared passage has no direction and is not borrowing
    assert (passages["direction"] == "undirected").any() and pairs[("TCD", "SWE")] == pairs[("SWE", "TCD")] == 0
    assert table.attrs["n_words"] == forward.loc[forward["source_actor"] != forward["target_actor"], "n_words"].sum()
    # ranked by words lent and borrowed: Norway 80, Chad 70, Sweden 40, Peru 30
    assert list(dict.fromkeys(pairs.index.get_level_values("source"))) == ["NOR", "TCD", "SWE", "PER"]
    years = table[table["panel"] == "years"].set_index("year")
    shares = reuse_shares(passages, corpus)
    assert years.loc[2005, "n_documents"] == 2
    assert years.loc[2005, "self_share"] == pytest.approx(shares[shares["year"] == 2005]["self_share"].mean())
    assert years.loc[2005, "self_share"] > 0 and years.loc[2001, "reused_share"] == 0


def test_the_actors_beyond_the_top_are_pooled_as_other_and_a_corpus_without_years_counts_every_passage(reused):
    corpus, passages = reused
    table = T.reuse_table(passages, corpus, top_actors=2)
    pairs = table[table["panel"] == "pairs"].set_index(["source", "target"])["n_words"]
    assert list(dict.fromkeys(pairs.index.get_level_values("source"))) == ["NOR", "TCD", T.OTHER_ACTORS]
    assert pairs[("TCD", T.OTHER_ACTORS)] == 30 and pairs[("NOR", T.OTHER_ACTORS)] == 40
    assert table.attrs["left_out"] == 2 and table.attrs["n_actors"] == 4
    undated = Corpus(tuple(Document(d.id, d.text, actor=d.actor, actor_id=d.actor_id) for d in corpus))
    found = find_reuse(undated)
    plain = T.reuse_table(found, undated)
    assert not plain.attrs["directed"] and (plain["panel"] == "pairs").all()
    assert plain.attrs["n_passages"] == (found["source_actor"] != found["target_actor"]).sum() > 0
