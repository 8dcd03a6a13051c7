import dataclasses
import datetime as dt

import pandas as pd
import pytest

from toolkit.errors import InputError, ParameterError
from toolkit.text.corpus import Corpus, Document, Statement, document_from_record, parse_date

ARTICLE = "Norway said it “condemns the attack”. Canada conveyed condolences."


def attributed_document() -> Document:
    first, second = ARTICLE.index("Norway"), ARTICLE.index("Canada")
    return Document(
        "art1", ARTICLE, source="news/art1.txt", year=2025,
        statements=(
            Statement("art1:1", "art1", ARTICLE[first:second - 1], first, second - 1, actor="Norway", actor_id="NOR"),
            Statement("art1:2", "art1", ARTICLE[second:], second, len(ARTICLE), actor="Canada", actor_id="CAN"),
        ),
    )


def test_document_without_statements_gets_one_statement_covering_its_text():
    doc = Document("d", "We condemn it.", actor="Norway", actor_id="NOR", date=dt.date(2025, 3, 1))
    (st,) = doc.statements
    assert (st.id, st.doc_id, st.start, st.end, st.text) == ("d", "d", 0, 14, "We condemn it.")
    assert (st.actor, st.actor_id, st.year) == ("Norway", "NOR", 2025)
    assert st.text is doc.text  # the whole text is shared, not copied


def test_statement_text_must_be_the_documents_verbatim_span():
    with pytest.raises(ParameterError, match=r"^The 'statements' parameter of Document must be a tuple of Statement "
                       r"of this document, .* Got the statement 's', whose text is not document 'a' characters "
                       r"\[0, 5\) instead\.$"):
        Document("a", "Hello world", statements=(Statement("s", "a", "hello", 0, 5),))
    with pytest.raises(ParameterError, match=r"^The 'end' parameter of Statement must be start \+ len\(text\) = 5, "
                       r"so that the text fits the span \[start, end\)\. Got 4 for the statement 's' instead\.$"):
        Statement("s", "a", "Hello", 0, 4)


@pytest.mark.parametrize("arguments, message", [
    (("", "a", "x", 0, 1), "The 'id' parameter of Statement must be a non-empty str. Got '' instead."),
    (("s", "a", b"x", 0, 1), "The 'text' parameter of Statement must be a str. Got bytes for the statement 's' "
                             "instead."),
    (("s", "a", "x", -1, 0), "The 'start' parameter of Statement must be an int >= 0. Got -1 for the statement 's' "
                             "instead."),
    (("s", "a", "x", 0, 1.0), "The 'end' parameter of Statement must be start + len(text) = 1, so that the text fits "
                              "the span [start, end). Got 1.0 for the statement 's' instead."),
])
def test_a_bad_statement_is_refused_with_the_parameter_named(arguments, message):
    with pytest.raises(ParameterError) as caught:
        Statement(*arguments)
    assert str(caught.value) == message


def test_a_documents_statements_must_be_its_own_with_distinct_ids():
    def statement(id_, doc_id="a"):
        return Statement(id_, doc_id, "Hello", 0, 5)

    with pytest.raises(ParameterError, match=r"^The 'statements' parameter of Document .* Got an item of type str in "
                       r"the document 'a' instead\.$"):
        Document("a", "Hello", statements=("Hello",))  # type: ignore[arg-type]  # the wrong type is what is tested
    with pytest.raises(ParameterError, match=r"Got the statement 's', which names the document 'b', in the document "
                       r"'a' instead\.$"):
        Document("a", "Hello", statements=(statement("s", "b"),))
    with pytest.raises(ParameterError, match=r"Got the statement id 's' twice in the document 'a' instead\.$"):
        Document("a", "Hello", statements=(statement("s"), statement("s")))
    with pytest.raises(ParameterError, match=r"^The 'id' parameter of Document must be a non-empty str\. Got None "
                       r"instead\.$"):
        Document(None, "Hello")  # type: ignore[arg-type]  # the wrong type is what is tested


def test_model_objects_are_frozen():
    doc = attributed_document()
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.text = "x"  # type: ignore[misc]  # assigning to a frozen field is what is tested
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.statements[0].actor = "x"  # type: ignore[misc]  # assigning to a frozen field is what is tested
    with pytest.raises(TypeError):
        doc.meta["k"] = "v"  # type: ignore[index]  # the metadata is a read-only mapping, as tested


def test_year_follows_date_and_a_contradiction_is_refused():
    assert Document("a", "x", date=dt.date(2001, 9, 12)).year == 2001
    with pytest.raises(ParameterError, match=r"^The 'year' parameter of Document must be None or the year of the date "
                       r"\(2001\)\. Got 2002 with the date 2001-09-12 instead\.$"):
        Document("a", "x", date=dt.date(2001, 9, 12), year=2002)
    with pytest.raises(ParameterError, match=r"^The 'year' parameter of Statement must be an int or None\. "
                       r"Got '2001' instead\.$"):
        Statement("s", "a", "x", 0, 1, year="2001")  # type: ignore[arg-type]  # the wrong type is what is tested
    with pytest.raises(ParameterError, match=r"^The 'date' parameter of Document must be a datetime\.date or None\. "
                       r"Got str instead\.$"):
        Document("a", "x", date="2001-09-12")  # type: ignore[arg-type]  # the wrong type is what is tested


def test_corpus_refuses_duplicate_document_and_statement_ids():
    with pytest.raises(InputError, match="duplicate document id 'a'"):
        Corpus((Document("a", "x"), Document("a", "y")))
    doc_b = Document("b", "Hello", statements=(Statement("a", "b", "Hello", 0, 5),))
    with pytest.raises(InputError, match="duplicate statement id 'a'"):
        Corpus((Document("a", "x"), doc_b))


def test_corpus_refuses_a_single_string_or_document_and_items_that_are_not_documents():
    with pytest.raises(ParameterError, match=r"^The 'texts' parameter of Corpus\.from_texts must be an iterable of str "
                       r"\(wrap a single text in a list\)\. Got a single str instead\.$"):
        Corpus.from_texts("We condemn the attack.")
    with pytest.raises(ParameterError, match=r"^The 'documents' parameter of Corpus must be an iterable of Document\. "
                       r"Got a single Document instead\.$"):
        Corpus(Document("a", "x"))  # type: ignore[arg-type]  # the wrong type is what is tested
    with pytest.raises(ParameterError, match=r"^The 'documents' parameter of Corpus must be an iterable of Document\. "
                       r"Got an item of type str instead\.$"):
        Corpus(["We condemn the attack."])  # type: ignore[list-item]  # the wrong type is what is tested


def test_corpus_from_texts_takes_one_id_per_text():
    assert [d.id for d in Corpus.from_texts(["x", "y"], ids=["a", "b"])] == ["a", "b"]
    with pytest.raises(ParameterError, match=r"^The 'ids' parameter of Corpus\.from_texts must be one id per text "
                       r"\(2\)\. Got 1 ids instead\.$"):
        Corpus.from_texts(["x", "y"], ids=["a"])


def test_corpus_from_frame_refuses_what_is_not_a_table_of_statements():
    with pytest.raises(ParameterError, match=r"^The 'statements' parameter of Corpus\.from_frame must be a pandas "
                       r"DataFrame\. Got list instead\.$"):
        Corpus.from_frame([{"text": "x"}])
    documents = Corpus((attributed_document(),)).to_frame("documents")
    with pytest.raises(ParameterError, match=r"^The 'statements' parameter of Corpus\.from_frame must be a table with "
                       r"the columns statement_id, doc_id, start and end when documents= is given\. Got a table "
                       r"without start, end instead\.$"):
        Corpus.from_frame(pd.DataFrame({"statement_id": ["s"], "doc_id": ["art1"]}), documents=documents)


def test_to_frame_has_one_row_per_statement_with_spans_and_metadata():
    doc = attributed_document()
    other = Document("u1", "Speech text.", actor="PAK", actor_id="PAK", year=2024, meta={"session": 79})
    frame = Corpus((doc, other)).to_frame()
    assert list(frame.columns[:10]) == ["statement_id", "doc_id", "actor", "actor_id", "date", "year", "source",
                                        "start", "end", "text"]
    assert frame["statement_id"].tolist() == ["art1:1", "art1:2", "u1"]
    assert frame["session"].tolist()[2] == 79
    for row in frame.itertuples():
        source_text = ARTICLE if row.doc_id == "art1" else "Speech text."
        assert source_text[row.start:row.end] == row.text
    documents = Corpus((doc, other)).to_frame("documents")
    assert documents["doc_id"].tolist() == ["art1", "u1"]
    assert documents["text"].tolist()[0] == ARTICLE


def test_frames_round_trip_through_from_frame():
    corpus = Corpus((attributed_document(), Document("u1", "Speech.", year=2024, date=None, meta={"session": 79})))
    rebuilt = Corpus.from_frame(corpus.to_frame(), documents=corpus.to_frame("documents"))
    assert rebuilt.statements == corpus.statements
    assert [(d.id, d.text, d.source, d.year, dict(d.meta)) for d in rebuilt] == \
           [(d.id, d.text, d.source, d.year, dict(d.meta)) for d in corpus]


def test_from_frame_without_documents_treats_each_row_as_a_document():
    frame = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "text": ["We condemn it.", "", "Solidarity.", " \n\t"],
                          "actor": ["Norway", "Chad", None, "Peru"], "year": [2020, 2021, None, 2022],
                          "outlet": ["x", "y", "z", "w"]})
    corpus = Corpus.from_frame(frame)
    assert [d.id for d in corpus] == ["a", "c"]
    assert [(s.source, s.reason) for s in corpus.skipped] == [("DataFrame:2", "empty text"),
                                                              ("DataFrame:4", "empty text")]
    assert corpus.document("a").meta["outlet"] == "x"
    assert corpus.document("a").year == 2020 and corpus.document("c").year is None


def test_from_frame_without_documents_refuses_documents_of_several_statements():
    frame = Corpus((attributed_document(),)).to_frame()
    with pytest.raises(InputError, match="pass documents="):
        Corpus.from_frame(frame)


def test_from_frame_detects_statement_text_that_is_not_its_documents_span():
    corpus = Corpus((attributed_document(),))
    statements = corpus.to_frame()
    statements.loc[0, "text"] = "Norway said something else"
    with pytest.raises(InputError, match="statements:1: text differs"):
        Corpus.from_frame(statements, documents=corpus.to_frame("documents"))


@pytest.mark.parametrize("value, expected", [
    ("2025-03-14", (dt.date(2025, 3, 14), 2025)),
    ("2025-03-14T09:30:00Z", (dt.date(2025, 3, 14), 2025)),
    ("2025-03", (None, 2025)),
    ("1946", (None, 1946)),
    (dt.date(1999, 1, 2), (dt.date(1999, 1, 2), 1999)),
    (pd.Timestamp("2001-09-11"), (dt.date(2001, 9, 11), 2001)),
    ("", (None, None)),
    (float("nan"), (None, None)),
])
def test_parse_date_reads_iso_forms(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["14/03/2025", "March 2025", "2025-13-01", "2025-02-30"])
def test_parse_date_refuses_ambiguous_or_impossible_dates(value):
    with pytest.raises(InputError, match="cannot read date"):
        parse_date(value)


def test_record_errors_name_the_source_and_line():
    with pytest.raises(InputError, match=r"^t\.csv:7: cannot read date '12/03/2020'"):
        document_from_record({"text": "x", "date": "12/03/2020"}, default_id="r", source="t.csv", line=7)
    with pytest.raises(InputError, match=r"^t\.csv:3: missing column 'body' for 'text' \(columns: 'text'\)"):
        document_from_record({"text": "x"}, columns={"text": "body"}, default_id="r", source="t.csv", line=3)
