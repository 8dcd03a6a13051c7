"""The n-gram engine of discovery (toolkit.analysis.ngrams), part by part, on small invented corpora.

Each count is checked against a plain count: every n-gram of every sentence
of every statement as a tuple of words, its places, statements and actors
in Python sets.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.analysis.ngrams import (
    Assigner,
    LevelCounts,
    NgramPartition,
    actor_codes,
    merge_level,
    merge_words,
)
from toolkit.text.corpus import Corpus, Document, Statement
from toolkit.text.tokenized import TokenizedCorpus, tokenize_corpus

Gram = tuple[str, ...]
#: frequency, statement range, actor range
Counts = tuple[int, int, int]

SPEECHES = (
    Document("a1", "We condemn the attack. The attack was cowardly.", actor="Chad"),
    Document("b1", "We condemn the attack on the border post!", actor="Peru"),
    Document("a2", "The attack was cowardly. We condemn the attack", actor="Chad"),
    Document("c1", "Condemn the attack, we say. We condemn it.", actor="Fiji"),
    Document("x1", "We condemn the attack."),  # no actor
)


# ---------------------------------------------------------------------------
# A plain count, and a small coordinator that drives one partition level by level
# ---------------------------------------------------------------------------
def plain_counts(tc: TokenizedCorpus, max_n: int) -> dict[Gram, Counts]:
    """Every n-gram up to ``max_n`` words inside one sentence of one statement, counted with sets."""
    places: dict[Gram, set[tuple[int, int]]] = defaultdict(set)
    for k, (ids, sentence) in enumerate(zip(tc.ids, tc.sentences)):
        words = [tc.vocabulary[i] for i in ids.tolist()]
        for n in range(1, max_n + 1):
            for i in range(len(words) - n + 1):
                if sentence[i] == sentence[i + n - 1]:
                    places[tuple(words[i:i + n])].add((k, i))
    actor = [a if isinstance(a, str) else b if isinstance(b, str) else None
             for a, b in zip(tc.statements["actor_id"], tc.statements["actor"])]
    return {gram: (len(found), len({k for k, _ in found}), len({actor[k] for k, _ in found} - {None}))
            for gram, found in places.items()}


def passing(counts: dict[Gram, Counts], n: int, minimum: Counts) -> dict[Gram, Counts]:
    """The n-grams of length ``n`` whose frequency, statement range and actor range reach ``minimum``."""
    return {g: c for g, c in counts.items() if len(g) == n and all(x >= m for x, m in zip(c, minimum))}


def run_levels(part: NgramPartition, max_n: int, minimum: Counts = (1, 1, 0)) -> dict[int, dict[Gram, Counts]]:
    """Drive one partition as the coordinator does: the survivors of each level, decoded to words by their keys.

    Level 1 ranks the surviving words; the key of an (n + 1)-gram is (rank of its first n words) x size + (rank
    of its last n words), so the n-gram of each key is the prefix's words and the suffix's last word.
    """
    def passed(frequency: np.ndarray, statements: np.ndarray, actors: np.ndarray) -> np.ndarray:
        return (frequency >= minimum[0]) & (statements >= minimum[1]) & (actors >= minimum[2])

    words = part.words()
    survivors = np.flatnonzero(passed(words.frequency, words.statements, words.actors))
    grams: list[Gram] = [(words.words[i],) for i in survivors.tolist()]
    found = {1: {g: (int(words.frequency[i]), int(words.statements[i]), int(words.actors[i]))
                 for g, i in zip(grams, survivors.tolist())}}
    rank = np.full(len(words.words), -1, dtype=np.int32)
    rank[survivors] = np.arange(survivors.size, dtype=np.int32)
    level: LevelCounts | None = part.begin(rank, len(grams))
    for n in range(2, max_n + 1):
        assert level is not None
        ok = passed(level.frequency, level.statements, level.actors)
        keys, size = level.keys[ok], len(grams)
        assert (np.diff(level.keys) > 0).all(), "keys come sorted, each once"
        prefix, suffix = keys // size, keys % size
        assert all(grams[p][1:] == grams[s][:-1] for p, s in zip(prefix.tolist(), suffix.tolist())), \
            "the prefix and the suffix of a key overlap in n - 2 words"
        grams = [grams[p] + grams[s][-1:] for p, s in zip(prefix.tolist(), suffix.tolist())]
        found[n] = {g: (int(f), int(s), int(a)) for g, f, s, a in
                    zip(grams, level.frequency[ok], level.statements[ok], level.actors[ok])}
        last = n == max_n or keys.size == 0
        level = part.advance(np.where(ok, np.cumsum(ok) - 1, -1), keys.size, None, last)
        if last:
            break
    return found


def partition(documents: Sequence[Document], **kwargs) -> tuple[NgramPartition, TokenizedCorpus]:
    tc = tokenize_corpus(Corpus(tuple(documents)))
    return NgramPartition(tc, actor_codes(tc.statements), np.arange(len(tc)), **kwargs), tc


# ---------------------------------------------------------------------------
# Actor codes
# ---------------------------------------------------------------------------
def test_actor_codes_prefer_the_actor_id_number_by_first_appearance_and_mark_no_actor():
    statements = pd.DataFrame({"actor": ["France", "Chad", None, "French Republic", "Chad", "FRA"],
                               "actor_id": ["FRA", None, None, "FRA", None, None]})
    codes = actor_codes(statements)
    # "France" and "French Republic" share the id FRA; an actor named like an id is the same key
    assert codes.tolist() == [0, 1, -1, 0, 1, 0] and codes.dtype == np.int64


# ---------------------------------------------------------------------------
# The Assigner: partitions of documents
# ---------------------------------------------------------------------------
def doc(doc_id: str, size: int, actor: str | None = None) -> Document:
    return Document(doc_id, "x" * size, actor=actor)


def test_an_actor_goes_where_the_fewest_characters_are_and_its_documents_follow_it():
    assigner = Assigner(2)
    parts = [assigner.assign(d)[0] for d in (doc("a1", 100, "A"), doc("b1", 10, "B"), doc("c1", 5, "C"),
                                            doc("a2", 1, "A"), doc("d1", 20, "D"), doc("x1", 7), doc("b2", 500, "B"))]
    # A opens on the empty partition 0; B and C go to partition 1 (10, then 15 characters against 100); A's
    # second document follows A; D goes to 1 (15 < 101); a document without actor goes to the smaller (1: 35)
    assert parts == [0, 1, 1, 0, 1, 1, 1]
    assert assigner.sizes == [101, 542]
    assert assigner.shared.tolist() == []


def test_statements_get_the_corpus_actor_codes_and_their_number_in_corpus_order():
    documents = [doc("a1", 5, "A"), doc("x1", 5),
                 Document("m1", "Chad and Peru condemned it.", statements=(
                     Statement("m1:1", "m1", "Chad", 0, 4, actor="Chad"),
                     Statement("m1:2", "m1", "Peru", 9, 13, actor="Peru", actor_id="PER"),
                     Statement("m1:3", "m1", "condemned", 14, 23, actor="A"))),
                 doc("p1", 5, "PER")]
    assigner = Assigner(3)
    assigned = [assigner.assign(d) for d in documents]
    assert [codes for _, codes, _ in assigned] == [[0], [-1], [1, 2, 0], [2]]
    assert [numbers for _, _, numbers in assigned] == [[0], [1], [2, 3, 4], [5]]
    tc = tokenize_corpus(Corpus(tuple(documents)))
    assert [c for _, codes, _ in assigned for c in codes] == actor_codes(tc.statements).tolist()


def test_an_actor_reported_in_a_document_of_another_partition_is_shared():
    assigner = Assigner(2)
    assigner.assign(doc("a1", 50, "A"))  # A lives in partition 0
    assigner.assign(doc("b1", 10, "B"))  # B lives in partition 1
    both = Document("ab", "A and B condemned it.", statements=(Statement("ab:1", "ab", "A and B", 0, 7, actor="A"),
                                                                  Statement("ab:2", "ab", "B", 6, 7, actor="B")))
    part, codes, _ = assigner.assign(both)
    assert (part, codes) == (0, [0, 1])  # the document follows its first actor
    assert assigner.shared.tolist() == [1]  # B's statements are now in both partitions


@settings(max_examples=50)
@given(st.lists(st.tuples(st.integers(1, 60), st.sampled_from(["A", "B", "C", "D", "E", None])), min_size=1,
                max_size=40), st.integers(1, 4))
def test_the_partitions_keep_each_actor_together_and_a_new_actor_goes_to_the_smallest(documents, parts):
    assigner = Assigner(parts)
    home: dict[str, int] = {}
    for k, (size, actor) in enumerate(documents):
        before = list(assigner.sizes)
        part = assigner.assign(doc(f"d{k}", size, actor))[0]
        if actor is None or actor not in home:  # a new actor, or no actor: the (first) smallest partition
            assert part == before.index(min(before))
        if actor is not None:
            assert home.setdefault(actor, part) == part  # an actor's documents in one partition
        assert assigner.sizes[part] == before[part] + size
    assert sum(assigner.sizes) == sum(size for size, _ in documents)
    assert assigner.shared.size == 0  # one actor a document: nothing shared


# ---------------------------------------------------------------------------
# NgramPartition: counts per level
# ---------------------------------------------------------------------------
def test_words_have_their_frequency_statement_range_and_actor_range():
    part, tc = partition(SPEECHES)
    words = part.words()
    counted = dict(zip(words.words, zip(words.frequency.tolist(), words.statements.tolist(),
                                        words.actors.tolist())))
    assert counted["attack"] == (7, 5, 3)  # the document without actor counts for no actor
    assert counted["cowardly"] == (2, 2, 1)
    assert counted["we"] == (6, 5, 3)
    assert {(w,): c for w, c in counted.items()} == passing(plain_counts(tc, 1), 1, (1, 1, 0))
    assert words.unigrams.tolist() == words.frequency.tolist()  # no overlapping statements: every place once


def test_each_level_counts_what_a_plain_count_of_word_tuples_counts():
    part, tc = partition(SPEECHES)
    found = run_levels(part, 5)
    plain = plain_counts(tc, 5)
    for n in range(1, 6):
        assert found[n] == passing(plain, n, (1, 1, 0)), n
    assert found[3][("we", "condemn", "the")] == (4, 4, 2)  # the fourth statement has no actor
    assert found[4][("the", "attack", "was", "cowardly")] == (2, 2, 1)


def test_an_ngram_never_crosses_a_sentence_end_or_a_statement_end():
    text = "Peace now. Peace now! Peace now"
    documents = (Document("d", text, statements=(Statement("d:1", "d", "Peace now.", 0, 10, actor="A"),
                                                 Statement("d:2", "d", text[11:], 11, len(text), actor="B"))),
                 Document("e", "now peace", actor="C"))
    found = run_levels(partition(documents)[0], 3)
    assert found[2] == {("peace", "now"): (3, 2, 2), ("now", "peace"): (1, 1, 1)}  # only inside "now peace"
    assert found[3] == {}


def test_a_place_shared_by_overlapping_statements_is_one_occurrence_but_counts_for_each_statement_and_actor():
    text = "Chad and Peru condemned the raid. Mali condemned the raid."
    shared = text.index("Mali")
    documents = (Document("d", text, statements=(
        Statement("d:1", "d", text[:shared - 1], 0, shared - 1, actor="Chad"),
        Statement("d:2", "d", text[:shared - 1], 0, shared - 1, actor="Peru"),
        Statement("d:3", "d", text[shared:], shared, len(text), actor="Mali"))),)
    found = run_levels(partition(documents)[0], 3)
    assert found[3][("condemned", "the", "raid")] == (2, 3, 3)
    words = partition(documents)[0].words()
    raid = words.words.index("raid")
    assert (int(words.frequency[raid]), int(words.unigrams[raid])) == (2, 3)  # unigrams: every statement's


def test_apriori_pruning_keeps_exactly_what_a_plain_count_keeps():
    part, tc = partition(SPEECHES)
    minimum = (2, 2, 2)
    found = run_levels(part, 5, minimum)
    plain = plain_counts(tc, 5)
    for n in range(1, 6):
        assert found.get(n, {}) == passing(plain, n, minimum), n
    assert set(found[3]) == {("we", "condemn", "the"), ("condemn", "the", "attack")}
    assert ("the", "attack", "was") not in found[3]  # one actor only


WORDS = ["we", "condemn", "the", "attack", "in", "all", "its", "forms"]
SEPARATORS = [" "] * 5 + [", ", ". ", "! ", "\n\n"]


@st.composite
def speeches(draw) -> list[Document]:
    """A few documents of a few words, sentence ends included, each of one actor or none."""
    documents = []
    for d in range(draw(st.integers(1, 6))):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=20))
        separators = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(words), max_size=len(words)))
        actor = draw(st.sampled_from(["A", "B", "C", None]))
        documents.append(Document(f"d{d}", "".join(w + s for w, s in zip(words, separators)), actor=actor))
    return documents


@settings(max_examples=60)
@given(speeches(), st.tuples(st.integers(1, 3), st.integers(1, 3), st.integers(0, 2)))
def test_apriori_pruning_equals_the_plain_count_on_random_corpora(documents, minimum):
    part, tc = partition(documents)
    found = run_levels(part, 4, minimum)
    plain = plain_counts(tc, 4)
    for n in range(1, 5):
        assert found.get(n, {}) == passing(plain, n, minimum), n


def test_keys_are_exact_integers_one_per_distinct_ngram():
    # many distinct words: keys of a level are prefix rank x size + suffix rank, never a hash that could collide
    documents = [Document(f"d{k}", " ".join(f"w{(k * 7 + i) % 97}" for i in range(60))) for k in range(20)]
    part, tc = partition(documents)
    words = part.words()
    rank = np.arange(len(words.words), dtype=np.int32)
    level = part.begin(rank, len(words.words))
    plain = plain_counts(tc, 2)
    assert level.keys.size == len(passing(plain, 2, (1, 1, 0))) == np.unique(level.keys).size
    first, second = divmod(level.keys, len(words.words))
    pairs = {(words.words[a], words.words[b]) for a, b in zip(first.tolist(), second.tolist())}
    assert pairs == set(passing(plain, 2, (1, 1, 0)))
    assert level.keys.dtype == np.int64


# ---------------------------------------------------------------------------
# Several partitions: counts summed
# ---------------------------------------------------------------------------
def split(documents: Sequence[Document], parts: int) -> tuple[list[NgramPartition], int]:
    """The documents in ``parts`` partitions, as the Assigner gives them out."""
    assigner = Assigner(parts)
    shares: list[tuple[list[Document], list[int], list[int]]] = [([], [], []) for _ in range(parts)]
    for d in documents:
        part, codes, numbers = assigner.assign(d)
        shares[part][0].append(d)
        shares[part][1].extend(codes)
        shares[part][2].extend(numbers)
    return [NgramPartition(tokenize_corpus(Corpus(tuple(docs))), codes, numbers, shared=assigner.shared)
            for docs, codes, numbers in shares if docs], len(assigner.codes)


def test_counts_of_partitions_sum_to_the_counts_of_the_whole_with_a_shared_actor_counted_once():
    both = Document("ab", "Chad and Peru: we condemn the attack.", statements=(
        Statement("ab:1", "ab", "Chad and Peru: we condemn the attack.", 0, 37, actor="Chad"),
        Statement("ab:2", "ab", "we condemn the attack.", 15, 37, actor="Peru")))
    documents = [*SPEECHES, both]
    parts, n_actors = split(documents, 3)
    assert len(parts) == 3 and all(p.shared[1] and not p.shared[0] for p in parts)  # Peru (1) is in two
    words, summed, where = merge_words([p.words() for p in parts], n_actors)
    whole, _ = partition(documents)
    alone = whole.words()
    index = {w: k for k, w in enumerate(words)}
    for name in ("frequency", "statements", "actors", "unigrams"):
        assert dict(zip(words, summed[name].tolist())) == dict(zip(alone.words, getattr(alone, name).tolist())), name
    # level 2: every pair of words, counted in each partition and summed, against the whole counted at once
    size = len(words)
    merged, _ = merge_level([p.begin(w.astype(np.int32), size) for p, w in zip(parts, where)], n_actors)
    single = whole.begin(np.array([index[w] for w in alone.words], dtype=np.int32), size)
    assert merged.keys.tolist() == single.keys.tolist()
    for name in ("frequency", "statements", "actors"):
        assert getattr(merged, name).tolist() == getattr(single, name).tolist(), name
    key = index["condemn"] * size + index["the"]
    at = int(np.searchsorted(merged.keys, key))
    # places: a1, b1, a2, c1, x1 and one in "ab" shared by two statements; actors Chad, Peru (in two
    # partitions, once), Fiji
    assert (int(merged.frequency[at]), int(merged.statements[at]), int(merged.actors[at])) == (6, 7, 3)


def test_one_partition_is_merged_as_it_is():
    part, _ = partition(SPEECHES)
    counts = part.words()
    words, summed, where = merge_words([counts], 3)
    assert words == counts.words and summed["frequency"] is counts.frequency
    assert where[0].tolist() == list(range(len(words)))


# ---------------------------------------------------------------------------
# After the levels: pairs for the association measure, and first occurrences
# ---------------------------------------------------------------------------
def test_pair_counts_cross_sentence_ends_but_not_statements():
    documents = (Document("d1", "peace now. war", actor="A"), Document("d2", "later peace now", actor="B"))
    part, _ = partition(documents)
    words = part.words()
    size = len(words.words)
    part.begin(np.arange(size, dtype=np.int32), size)
    code = {w: k for k, w in enumerate(words.words)}

    def pair(a: str, b: str) -> int:
        return code[a] * size + code[b]

    bigrams = np.array([pair("peace", "now"), pair("now", "war"), pair("war", "later"), pair("now", "peace")])
    skips = np.array([pair("peace", "war"), pair("now", "later"), pair("later", "now")])
    one, two = part.pair_counts(size, (bigrams, skips))
    assert one.tolist() == [2, 1, 0, 0]  # "now. war" across the sentence end; "war later" across documents: no
    assert two.tolist() == [1, 0, 1]


def test_the_example_of_a_candidate_is_its_first_occurrence_by_year_then_corpus_order():
    documents = (Document("late", "We condemn the attack.", actor="A", year=2001),
                 Document("early", "They condemn the attack too.", actor="B", year=1990),
                 Document("undated", "Condemn the attack.", actor="C"))
    part, tc = partition(documents)
    words = part.words()
    size = len(words.words)
    level = part.begin(np.arange(size, dtype=np.int32), size)
    pair = words.words.index("condemn") * size + words.words.index("the")
    ranks = np.arange(level.keys.size)
    chosen = level.keys == pair
    part.advance(ranks, level.keys.size, chosen, last=True)
    found = part.examples({2: np.flatnonzero(chosen)})[2]
    statement_id, start, end, text, year, actor, context, offset = found["rows"][0]
    assert (statement_id, text, year, actor) == ("early", "condemn the", 1990, "B")  # not the first in the corpus
    assert documents[1].text[start:end] == text
    assert context[offset:offset + len(text)] == text
    assert found["year"].tolist() == [1990]


@pytest.mark.parametrize("parts", [1, 2, 3])
def test_statements_without_tokens_and_empty_partitions_count_nothing(parts):
    documents = [Document("e", "   "), Document("f", "peace now", actor="A"), Document("g", "peace now", actor="B")]
    split_parts, n_actors = split(documents, parts)
    words, summed, _ = merge_words([p.words() for p in split_parts], n_actors)
    assert dict(zip(words, summed["frequency"].tolist())) == {"peace": 2, "now": 2}
    assert dict(zip(words, summed["actors"].tolist())) == {"peace": 2, "now": 2}
