"""Attribution on the back ends: an actor given with a document is kept, and hits left in no statement are counted."""

import pandas as pd

from toolkit.backends import OUTSIDE_ATTR, attribute_parallel, count_parallel, kwic_parallel
from toolkit.formulae.lexicon import Lexicon
from toolkit.io import read_corpus, read_texts

from ..paths import DATA

OWN_COLUMNS = {"id": "ref", "actor": "country", "actor_id": "iso3", "year": "session_year", "text": "statement"}


def own():
    return read_corpus(DATA / "own" / "statements.csv", columns=OWN_COLUMNS)


def test_count_with_attribution_keeps_every_hit_of_a_table_with_an_actor_column_in_worker_processes():
    plain = count_parallel(own(), by="actor", level="family")
    attributed = count_parallel(own(), by="actor", level="family", attribute=True, jobs=2)
    assert attributed["n_matches"].sum() == plain["n_matches"].sum() == 36  # 17 when the rows were split again
    pd.testing.assert_frame_equal(attributed, plain, check_like=False)
    assert attributed.attrs[OUTSIDE_ATTR] == 0 and OUTSIDE_ATTR not in plain.attrs


def test_attribute_parallel_passes_rows_with_an_actor_through_with_one_statement_each():
    table = attribute_parallel(own(), jobs=2).table
    corpus = own()
    assert table["statement_id"].tolist() == [doc.id for doc in corpus.documents]
    assert table["speaker"].tolist() == [doc.actor for doc in corpus.documents]
    assert table["cue"].isna().all() and not table["quoted"].any()


def test_count_and_kwic_with_attribution_say_how_many_hits_lie_outside_every_statement():
    lexicon = Lexicon.from_phrases(["attack*", "victim*"])
    article = DATA / "articles" / "others.txt"
    counts = count_parallel(read_texts(article), lexicon, by="actor", attribute=True)
    assert counts.attrs[OUTSIDE_ATTR] == 1  # "The attack was the deadliest ...": the reporter's words
    assert counts["n_matches"].sum() == 2  # "victims", said by Indonesia and by Malaysia
    lines = kwic_parallel(read_texts(article), lexicon, formulae=["attack*"], attribute=True)
    assert lines.attrs[OUTSIDE_ATTR] == 1 and lines.empty
    lines = kwic_parallel(read_texts(article), lexicon, formulae=["victim*"], attribute=True)
    assert lines.attrs[OUTSIDE_ATTR] == 0 and len(lines) == 2
