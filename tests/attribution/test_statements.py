import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.attribution import ATTRIBUTION_COLUMNS, attribute_statements, evaluate_attribution
from toolkit.attribution.parse import load_pipeline
from toolkit.errors import MissingDependency, ParameterError
from toolkit.formulae.counts import count_matches
from toolkit.formulae.lexicon import Lexicon
from toolkit.formulae.match import find_matches
from toolkit.io import default_gazetteer, read_statement_table, read_texts
from toolkit.text.corpus import UNRESOLVED, Document

from ..paths import DATA, ROOT, SEED

GOLD = ROOT / "corpora" / "seed_statements.gold.jsonl"
SEED_ACTORS = {"PAK", "CHN", "OIC", "EU", "FRA", "RUS", "AZE", "CAN", "MDV", "SWE", "GBR", "SAU", "TUR", "QAT", "NOR",
               "ARE", "USA"}


@pytest.fixture(scope="module")
def gazetteer():
    return default_gazetteer()


@pytest.fixture(scope="module")
def seed(gazetteer):
    return attribute_statements(read_texts(SEED), gazetteer)


def test_every_actor_of_the_seed_is_found_and_nothing_else(seed):
    table = seed.table
    assert list(table.columns) == ATTRIBUTION_COLUMNS
    assert set(table["actor_id"]) == SEED_ACTORS
    assert not table["actor_id"].isin(["IND", "REUTERS"]).any()
    assert table["actor_type"].isin(["state", "international_organization"]).all()


def quote_owner(table, quote):
    rows = table[table["content"].str.contains(quote, regex=False)]
    return rows["actor_id"].tolist()


def test_every_quote_is_owned_by_its_speaker(seed):
    table = seed.table
    assert quote_owner(table, "India is behind these attacks") == ["PAK"]
    assert quote_owner(table, "We hope those responsible") == ["RUS"]
    assert quote_owner(table, "Our deepest condolences") == ["EU"]
    assert quote_owner(table, "China firmly opposes") == ["CHN"]
    assert quote_owner(table, "In total, 177 terrorists") == ["PAK"]
    pakistan = table[table.actor_id == "PAK"]["speaker"].tolist()
    assert "Interior Minister Mohsin Naqvi" in pakistan and "the interior minister" in pakistan and "Naqvi" in pakistan


def test_lists_give_one_statement_per_actor_with_its_own_span(seed):
    text = seed.corpus.documents[0].text
    listed = seed.table[seed.table.cue == "denounced"]
    assert listed["actor_id"].tolist() == ["GBR", "SAU", "TUR", "QAT", "NOR", "ARE", "USA"]
    for row in listed.itertuples():
        assert text[row.start:row.end].startswith(row.speaker)
        assert text[row.start:row.end].endswith("the Balochistan attacks.")


def test_the_statements_are_spans_of_the_document_and_count_per_actor(seed):
    doc = seed.corpus.documents[0]
    for statement, row in zip(doc.statements, seed.table.itertuples()):
        assert doc.text[statement.start:statement.end] == statement.text
        assert (statement.start, statement.end) == (row.start, row.end)
        assert statement.actor_id == row.actor_id
    counts = count_matches(find_matches(seed.corpus, Lexicon.from_phrases(["in all its forms"])), by="actor")
    per_actor = dict(zip(counts["actor"], counts["n_matches"]))
    assert {a: n for a, n in per_actor.items() if n} == {"Organisation of Islamic Cooperation": 1,
                                                         "European Union": 1, "France": 1, "Russia": 1,
                                                         "Azerbaijan": 1}


def test_the_seed_scores_perfectly_against_its_hand_annotated_gold(seed):
    gold = read_statement_table(GOLD)
    assert list(gold.columns) == ATTRIBUTION_COLUMNS
    text = SEED.read_text(encoding="utf-8")
    for row in gold.itertuples():
        assert row.content in text[row.start:row.end], row.statement_id
    scores = evaluate_attribution(seed.table, gold)
    assert (scores["actor_precision"], scores["actor_recall"], scores["actor_f1"]) == (1.0, 1.0, 1.0)
    assert scores["quote_owner_accuracy"] == 1.0 and scores["quotes_gold"] >= 10


def test_the_evaluation_counts_wrong_and_missing_actors_and_quote_owners():
    gold = pd.DataFrame({"doc_id": ["d"] * 3, "actor_id": ["FRA", "RUS", "EU"], "start": [0, 10, 20],
                         "end": [9, 19, 29], "quoted": [True, True, False]})
    predicted = pd.DataFrame({"doc_id": ["d"] * 2, "actor_id": ["FRA", "IND"], "start": [0, 10], "end": [9, 19],
                              "quoted": [True, True]})
    scores = evaluate_attribution(predicted, gold)
    assert (scores["actor_precision"], scores["actor_recall"]) == (0.5, pytest.approx(1 / 3))
    assert scores["quote_owner_accuracy"] == 0.5
    with pytest.raises(ParameterError, match=r"^The 'predicted' parameter of evaluate_attribution must be a table "
                                             r"with the column 'actor_id'\. Got a table without it instead\.$"):
        evaluate_attribution(predicted.drop(columns="actor_id"), gold)
    with pytest.raises(ParameterError, match="The 'truth' parameter of evaluate_attribution must be a table"):
        evaluate_attribution(predicted, gold.drop(columns="quoted"))


def test_the_old_gold_keyword_still_works_with_a_future_warning_naming_truth():
    truth = pd.DataFrame({"doc_id": ["d", "d"], "actor_id": ["FRA", "RUS"], "start": [0, 10], "end": [9, 19],
                          "quoted": [True, False]})
    predicted = truth.assign(actor_id=["FRA", "IND"])
    with pytest.warns(FutureWarning, match="The 'gold' parameter of evaluate_attribution was renamed 'truth'"):
        old = evaluate_attribution(predicted, gold=truth)  # type: ignore[call-arg]
    assert old == evaluate_attribution(predicted, truth=truth) == evaluate_attribution(predicted, truth)
    assert (old["actor_precision"], old["actor_recall"], old["quote_owner_accuracy"]) == (0.5, 0.5, 1.0)
    with pytest.raises(ParameterError, match="The 'gold' parameter of evaluate_attribution must be left out when "
                                             "'truth' is given"):
        evaluate_attribution(predicted, truth=truth, gold=truth)  # type: ignore[call-arg]


ARTICLES = {
    # a quote followed by "said the ministry", and a quote continuing in the next sentence
    "inverted": [("KEN", "Kenya's foreign ministry", "condemned", False),
                 ("KEN", "the ministry", "said", True), ("KEN", "the ministry", None, True),
                 ("KEN", "Police", "said", False)],
    # "According to X, ..." and officials with no dateline to say whose they are
    "according": [("EGY", "the Egyptian Foreign Ministry", "According to", False),
                  ("JOR", "Jordan", "condemned", False), (None, "Officials", "said", False)],
    # statements under headings; "it" inside reported speech is not a new speaker
    "headings": [("UNSG", "Secretary-General António Guterres", "said", False),
                 ("DEU", "The German Foreign Office", "said", True)],
    # a list ending in "and other countries"
    "others": [("IDN", "Indonesia", "expressed", False), ("MYS", "Malaysia", "expressed", False)],
    # a person speaking for an organisation, a repeated surname, a parenthetical clause
    "person_for_org": [("EU", "EU foreign policy chief Kaja Kallas", "said", True), ("EU", "Kallas", "added", False),
                       ("QAT", "Qatar", "reaffirmed", False), ("QAT", "the Qatari statement", "said", True),
                       ("QAT", "the Qatari statement", None, True)],
}


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_hand_written_articles_in_other_shapes(gazetteer, name):
    result = attribute_statements(read_texts(DATA / "articles" / f"{name}.txt"), gazetteer)
    table = result.table.astype(object).where(result.table.notna(), None)
    found = [(r.actor_id, r.speaker, r.cue, r.quoted) for r in table.itertuples()]
    assert found == ARTICLES[name]
    unresolved = table[table.actor_id.isna()]
    assert (unresolved["actor_type"] == "unknown").all() and (unresolved["actor"] == UNRESOLVED).all()


def test_unpaired_quotes_and_texts_without_statements_do_not_fail(gazetteer):
    docs = [Document("a", "“We condemn this attack, the minister said. Nothing else."),
            Document("b", "The weather was mild. Markets closed higher."),
            Document("c", 'He said "it was wrong. '), Document("d", "\n\n")]
    result = attribute_statements(docs, gazetteer)
    assert set(result.table["doc_id"]) <= {"a", "c"}
    assert [len(d.statements) for d in result.corpus.documents][1] == 0


def test_bad_arguments_are_refused(gazetteer):
    with pytest.raises(ParameterError, match="single str"):
        attribute_statements("France said so.", gazetteer)  # type: ignore[arg-type]
    with pytest.raises(ParameterError, match="must be a Gazetteer"):
        attribute_statements([Document("a", "x")], {"FRA": "France"})  # type: ignore[arg-type]
    with pytest.raises(ParameterError, match=r"^The 'pipeline' parameter of attribute_statements must be the name of "
                                             r"an installed spaCy pipeline, or None\. Got 3 instead\.$"):
        attribute_statements([Document("a", "x")], gazetteer, pipeline=3)  # type: ignore[arg-type]
    with pytest.raises(ParameterError, match=r"^The 'name' parameter of load_pipeline must be the name of an "
                                             r"installed spaCy pipeline, or None\. Got \['x'\] instead\.$"):
        load_pipeline(["x"])  # type: ignore[arg-type]
    with pytest.raises(MissingDependency, match="no_such_pipeline"):
        load_pipeline("no_such_pipeline")


FRAGMENTS = ["France", "the Chinese Embassy", "Canada, Chile and Peru", " said", " condemned", " it", " “", "”", '"',
             ", ", ". ", "\n", "the attack", "According to Reuters,", " he", "Interior Minister Ali Khan", " while",
             " also", "(EU)", "’s", "!", " the embassy said."]


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join))
def test_attribution_never_fails_and_its_spans_are_always_valid(text):
    gazetteer = default_gazetteer()
    result = attribute_statements([Document("d", text)] if text else [], gazetteer)
    for doc in result.corpus.documents:
        for statement in doc.statements:
            assert doc.text[statement.start:statement.end] == statement.text
            assert 0 <= statement.start <= statement.end <= len(doc.text)
    assert all(a is None or a != a or a in gazetteer.entities for a in result.table["actor_id"])


# ---------------------------------------------------------------------------
# An actor given by the user is authoritative; hits left in no statement are counted
# ---------------------------------------------------------------------------
OWN = DATA / "own" / "statements.csv"
OWN_COLUMNS = {"id": "ref", "actor": "country", "actor_id": "iso3", "year": "session_year", "text": "statement"}


def test_rows_of_a_table_with_an_actor_column_pass_through_attribution_with_every_hit(gazetteer, monkeypatch):
    from toolkit.attribution import parse as parse_module
    from toolkit.attribution import statements as statements_module
    from toolkit.io import read_corpus

    corpus = read_corpus(OWN, columns=OWN_COLUMNS)
    calls = []

    def parse(*args, **kwargs):
        calls.append(args)
        return parse_module.parse_paragraphs(*args, **kwargs)

    monkeypatch.setattr(statements_module, "parse_paragraphs", parse)
    found = attribute_statements(corpus, gazetteer)
    assert calls == []  # not one row is parsed
    assert found.corpus.documents == corpus.documents
    # 17 family hits were left after the rows were split again by the news-article attribution; all 36 stay
    before = count_matches(find_matches(corpus), by="actor", level="family")
    after = count_matches(find_matches(found.corpus), by="actor", level="family")
    assert before["n_matches"].sum() == after["n_matches"].sum() == 36
    pd.testing.assert_frame_equal(before, after)
    table = found.table
    assert list(table.columns) == ATTRIBUTION_COLUMNS and len(table) == len(corpus) == 14
    first = table.iloc[0].to_dict()
    doc = corpus.documents[0]
    assert first == {"doc_id": doc.id, "statement_id": doc.id, "actor": "Marshall Islands", "actor_id": "MHL",
                     "actor_type": "state", "speaker": "Marshall Islands", "cue": None, "content": doc.text,
                     "quoted": False, "start": 0, "end": len(doc.text)}


def test_only_the_documents_without_an_actor_are_split_in_a_mixed_corpus(gazetteer):
    article = Document("a", "Canada condemned the attack. Sweden conveyed condolences.")
    row = Document("r", "Norway condemns the attack.", actor="Norway", actor_id="NOR")
    blank = Document("b", "Canada condemned the attack.", actor="  ")  # a blank cell is no actor
    found = attribute_statements([article, row, blank], gazetteer)
    assert found.table[["doc_id", "actor_id", "cue"]].fillna("").values.tolist() == [
        ["a", "CAN", "condemned"], ["a", "SWE", "conveyed"], ["r", "NOR", ""], ["b", "CAN", "condemned"]]
    assert found.corpus.documents[1] is row


def test_hits_outside_statements_are_the_reporters_words_of_a_news_article(gazetteer):
    from toolkit.attribution import hits_outside_statements

    corpus = read_texts(DATA / "articles" / "others.txt")
    text = corpus.documents[0].text
    found = attribute_statements(corpus, gazetteer)
    lexicon = Lexicon.from_phrases(["attack*", "victim*"])
    outside = hits_outside_statements(corpus, found, lexicon)
    # "The attack was the deadliest in the region this year." is the reporter's: no statement holds it
    start = text.index("The attack") + len("The ")
    assert outside[["doc_start", "doc_end", "matched_text"]].values.tolist() == [[start, start + 6, "attack"]]
    whole = len(find_matches(corpus, lexicon).table)
    counted = len(find_matches(found.corpus, lexicon).document_hits())
    assert whole - counted == len(outside) == 1
    # a table of statements with an actor column leaves nothing outside
    assert hits_outside_statements([Document("r", text, actor="Chad")], [Document("r", text, actor="Chad")],
                                   lexicon).empty
