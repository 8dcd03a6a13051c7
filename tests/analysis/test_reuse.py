"""find_reuse: a copied passage is found with exact spans, a text is not compared with itself, order does not matter."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit import Corpus, Document
from toolkit.analysis.reuse import REUSE_COLUMNS, align_region, chain_seeds, find_reuse, seed_pairs, shingles

WORDS = ("peace security development cooperation nations people region council assembly rights law justice "
         "support efforts international community climate change economic social progress future children women "
         "health education water energy trade debt poverty conflict dialogue stability sovereignty resolution "
         "agenda summit report committee programme action crisis").split()


def prose(rng: np.random.Generator, words: int) -> str:
    """Invented text: random words, a sentence every 12 words."""
    chosen = rng.choice(WORDS, size=words)
    sentences = [" ".join(chosen[i:i + 12]).capitalize() + "." for i in range(0, words, 12)]
    return " ".join(sentences)


def corpus_with_copy(seed: int, words: int = 40) -> tuple[Corpus, str]:
    rng = np.random.default_rng(seed)
    passage = "We reaffirm that the protection of refugees and the return of displaced persons in safety and " \
              "dignity must remain at the heart of the work of this Organization and of its Member States " \
              "without exception or delay"
    passage = " ".join(passage.split()[:words])
    source = Document("A_2000", prose(rng, 300) + " " + passage + ". " + prose(rng, 200), actor="A", year=2000)
    target = Document("B_2003", prose(rng, 150) + " " + passage + ". " + prose(rng, 250), actor="B", year=2003)
    other = Document("C_2001", prose(rng, 400), actor="C", year=2001)
    return Corpus((source, other, target)), passage


def test_a_passage_copied_verbatim_is_found_with_its_exact_spans_in_both_texts():
    corpus, passage = corpus_with_copy(0)
    table = find_reuse(corpus)
    assert list(table.columns) == REUSE_COLUMNS
    texts = {d.id: d.text for d in corpus}
    copied = table[(table.source_doc == "A_2000") & (table.target_doc == "B_2003")]
    assert len(copied) == 1
    row = copied.iloc[0]
    assert texts["A_2000"][row.source_start:row.source_end] == passage
    assert texts["B_2003"][row.target_start:row.target_end] == passage
    assert row.identity == 1.0 and row.direction == "forward" and row.n_words == len(passage.split())


def test_a_text_is_never_compared_with_itself_even_when_it_repeats_a_passage():
    _, passage = corpus_with_copy(1)
    twice = Document("A", passage + ". And again: " + passage + ".", actor="A", year=2000)
    assert find_reuse(Corpus((twice,)), min_words=10).empty


@settings(max_examples=6, deadline=None)
@given(st.permutations([0, 1, 2]), st.integers(0, 1000))
def test_the_passages_do_not_depend_on_the_order_of_the_documents(order, seed):
    corpus, _ = corpus_with_copy(seed)
    shuffled = Corpus(tuple(corpus.documents[k] for k in order))
    key = ["source_doc", "source_start", "target_doc", "target_start"]
    first = find_reuse(corpus).sort_values(key).reset_index(drop=True)
    second = find_reuse(shuffled).sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(first, second)


def test_the_steps_on_a_small_example():
    h, unit, position = shingles(np.array([1, 2, 3, 4, 9, 1, 2, 3, 4]), np.array([0, 4, 9]), 3)
    seeds = seed_pairs(h, unit, position, np.array([0, 1]))
    assert sorted(seeds.tolist()) == [[0, 0, 1, 1], [0, 1, 1, 2]]  # in hash order
    assert chain_seeds(seeds, gap=3, min_shared=2).tolist() == [[0, 0, 1, 1, 1, 2]]
    assert align_region(np.array([1, 2, 3, 4]), np.array([9, 1, 2, 3, 4])) == (0, 4, 1, 5, 4, 4, 8)


def test_the_shares_count_the_words_borrowed_from_others_and_taken_from_oneself():
    from toolkit.analysis.reuse import reuse_shares

    corpus, passage = corpus_with_copy(3)
    again = Document("B_2005", corpus.documents[2].text, actor="B", year=2005)  # B repeats its own speech
    whole = Corpus((*corpus.documents, again))
    table = find_reuse(whole)
    shares = reuse_shares(table, whole).set_index("doc_id")
    words = len(passage.split())
    assert shares.loc["B_2003", "borrowed_words"] == words and shares.loc["B_2003", "self_words"] == 0
    # B_2005 takes the passage from A (borrowed) and the rest of its text from B_2003 (its own)
    assert shares.loc["B_2005", "borrowed_words"] == words
    assert shares.loc["B_2005", "self_words"] == shares.loc["B_2005", "n_words"] - words
    assert shares.loc["A_2000", "reused_share"] == 0.0


def test_a_long_copy_with_more_distinct_words_than_symbols_aligns_whole():
    # 400 distinct words share 251 symbols; the gap character of parasail's traceback is never a word's symbol
    ids = np.random.default_rng(0).integers(0, 400, 2000)
    assert align_region(ids, ids) == (0, 2000, 0, 2000, 2000, 2000, 4000)


def test_two_processes_and_a_dask_cluster_give_the_same_table():
    from toolkit.backends.parallel import reuse_parallel

    corpus, _ = corpus_with_copy(5)
    again = Document("D_2009", corpus.documents[0].text[:1500], actor="D", year=2009)
    whole = Corpus((*corpus.documents, again))
    one = find_reuse(whole, partitions=3)
    assert len(one) >= 2
    pd.testing.assert_frame_equal(reuse_parallel(whole, jobs=2, partitions=3), one)
    pd.testing.assert_frame_equal(reuse_parallel(whole, jobs=2, backend="dask", partitions=3), one)


def test_a_passage_the_target_holds_twice_is_found_at_both_places():
    corpus, passage = corpus_with_copy(7)
    rng = np.random.default_rng(70)  # not the seed of the corpus's prose
    text = prose(rng, 100) + " " + passage + ". " + prose(rng, 120) + " " + passage + ". " + prose(rng, 80)
    twice = Document("E_2010", text, actor="E", year=2010)
    table = find_reuse(Corpus((corpus.documents[0], twice)))
    spans = sorted(zip(table.target_start, table.target_end))
    first = text.index(passage)
    assert spans == [(first, first + len(passage)), (text.index(passage, first + 1),
                                                     text.index(passage, first + 1) + len(passage))]
    assert all(text[s:e] == passage for s, e in spans)


def test_pairs_between_actors_and_within_one_actor_split_the_table():
    corpus, _ = corpus_with_copy(3)
    again = Document("B_2005", corpus.documents[2].text, actor="B", year=2005)
    whole = Corpus((*corpus.documents, again))
    every = find_reuse(whole)
    between = find_reuse(whole, pairs="between_actors")
    within = find_reuse(whole, pairs="within_actor")
    assert len(between) and len(within) and len(between) + len(within) == len(every)
    assert (between.source_actor != between.target_actor).all()
    assert (within.source_actor == within.target_actor).all() and set(within.source_actor) == {"B"}


def test_two_statements_of_one_round_up_are_compared_unless_they_overlap():
    from toolkit import Statement

    _, passage = corpus_with_copy(9)
    first = f"Qatar said: {passage}."
    second = f"Bahrain said: {passage}."
    text = first + " " + second
    spans = {"q": (0, len(first), "Qatar"), "b": (len(first) + 1, len(text), "Bahrain"), "both": (0, len(text), "Oman")}
    statements = tuple(Statement(key, "r", text[s:e], s, e, actor=actor) for key, (s, e, actor) in spans.items())
    doc = Document("r", text, statements=statements, year=2020)
    table = find_reuse(Corpus((doc,)), min_words=10)
    pairs = set(zip(table.source_actor, table.target_actor))
    assert pairs == {("Qatar", "Bahrain")}  # Oman's statement overlaps both: never compared with them
    row = table.iloc[0]
    assert text[row.source_start:row.source_end] == "said: " + passage == text[row.target_start:row.target_end]
    assert row.direction == "undirected"


def test_the_earlier_date_is_the_source_and_one_day_is_undirected():
    import datetime

    _, passage = corpus_with_copy(11)
    rng = np.random.default_rng(110)
    day = datetime.date(2021, 5, 3)
    texts = [prose(rng, 100) + " " + passage + ". " + prose(rng, 100) for _ in range(3)]
    docs = (Document("late", texts[0], actor="X", date=day + datetime.timedelta(days=2)),
            Document("early", texts[1], actor="Y", date=day),
            Document("same_day", texts[2], actor="Z", date=day))
    table = find_reuse(Corpus(docs)).set_index(["source_doc", "target_doc"])["direction"].to_dict()
    assert table == {("early", "late"): "forward", ("same_day", "late"): "forward",
                     ("early", "same_day"): "undirected"}


def test_the_shares_of_two_statements_of_one_document_go_to_their_own_actors():
    from toolkit import Statement
    from toolkit.analysis.reuse import reuse_shares

    corpus, passage = corpus_with_copy(13)
    source = Document("Q_2000", corpus.documents[0].text, actor="Qatar", year=2000)  # Qatar repeats itself
    said = f"Qatar said: {passage}."
    text = said + " Oman said that it stood with the victims and their families in this hour."
    statements = (Statement("q", "r", said, 0, len(said), actor="Qatar", year=2020),
                  Statement("o", "r", text[len(said) + 1:], len(said) + 1, len(text), actor="Oman", year=2020))
    roundup = Corpus((source, Document("r", text, statements=statements, year=2020)))
    shares = reuse_shares(find_reuse(roundup), roundup).query("doc_id == 'r'").set_index("actor")
    assert shares.loc["Qatar", ["borrowed_words", "self_words"]].tolist() == [0, len(passage.split())]
    assert shares.loc["Oman", ["borrowed_words", "self_words"]].tolist() == [0, 0]
