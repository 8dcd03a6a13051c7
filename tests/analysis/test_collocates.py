"""Collocates: counts against a plain reference count, measures against NLTK's, windows and nodes."""

from __future__ import annotations

import importlib
import math
import re
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.metrics import BigramAssocMeasures

from toolkit.analysis.collocates import COLLOCATE_COLUMNS, association_scores, collocates
from toolkit.errors import ParameterError
from toolkit.formulae.lexicon import default_lexicon
from toolkit.formulae.match import find_matches
from toolkit.formulae.pattern import PatternError
from toolkit.io import read_corpus, read_texts, read_ungdc
from toolkit.text.corpus import Corpus
from toolkit.text.tokenized import WordTally, count_words, tokenize_corpus
from toolkit.text.tokens import split_tokens

from ..paths import DATA, SEED


def own_statements() -> Corpus:
    return read_corpus(DATA / "own" / "statements.csv", columns={
        "id": "ref", "actor": "country", "actor_id": "iso3", "year": "session_year", "text": "statement"})


REAL = {"seed": lambda: read_texts(SEED), "own": own_statements, "ungdc_mini": lambda: read_ungdc(DATA / "ungdc_mini")}


@pytest.fixture(scope="module", params=sorted(REAL))
def real(request) -> Corpus:
    return REAL[request.param]()


def test_columns_and_measures_equal_nltk_on_the_same_contingency_counts_on_real_text(real):
    n_total = int(tokenize_corpus(real).tokens.size)
    table = collocates(real, "condemn*|terror*", window=5, min_count=1)
    assert list(table.columns) == COLLOCATE_COLUMNS and len(table) >= 10
    for row in table.itertuples():
        marginals = (row.n_together, (row.n_window, row.n_collocate), n_total)
        g2 = BigramAssocMeasures.likelihood_ratio(*marginals)
        expected = row.n_window * row.n_collocate / n_total
        assert abs(row.log_likelihood) == pytest.approx(g2, rel=1e-9, abs=1e-9)
        assert math.copysign(1, row.log_likelihood) == (1 if row.n_together >= expected or g2 == 0 else -1)
        assert row.mi == pytest.approx(BigramAssocMeasures.pmi(*marginals), rel=1e-12, abs=1e-12)
        assert row.t_score == pytest.approx(BigramAssocMeasures.student_t(*marginals), rel=1e-12, abs=1e-12)
        assert row.log_dice == pytest.approx(14 + math.log2(2 * row.n_together / (row.n_node + row.n_collocate)))
        # a valid 2x2 table: no negative cell
        assert 0 < row.n_together <= min(row.n_window, row.n_collocate)
        assert row.n_window + row.n_collocate - row.n_together <= n_total


@pytest.mark.parametrize("characters", [1, 3_000])
def test_statements_indexed_in_small_batches_give_the_same_table_and_the_frequencies_of_count_words(
        real, characters, monkeypatch):
    module = importlib.import_module("toolkit.analysis.collocates")  # the module (the package exports the function)

    whole = collocates(real, "condemn*|terror*", window=5, min_count=1)
    node = module.resolve_node("condemn*|terror*", False, owner="t")[0]
    tally = WordTally(statements=False)
    near = module.node_windows(real, node, tally=tally)
    counts, expected = tally.counts(), count_words(real)
    assert counts.words == expected.words and counts.frequency.tolist() == expected.frequency.tolist()
    assert counts.n_tokens == expected.n_tokens and not counts.statements.any()  # frequencies only
    monkeypatch.setattr(module, "_BATCH_CHARACTERS", characters)  # every statement alone, or a few together
    assert collocates(real, "condemn*|terror*", window=5, min_count=1).equals(whole)
    again = module.node_windows(real, node)
    assert again.words == near.words and again.n_together.tolist() == near.n_together.tolist()


def test_rows_are_sorted_by_the_measure_then_collocate_and_keep_min_count():
    corpus = read_ungdc(DATA / "ungdc_mini")
    for measure in ("log_likelihood", "mi", "t_score", "log_dice"):
        table = collocates(corpus, "condemn*", measure=measure, min_count=2)
        keys = list(zip(-table[measure], table["collocate"]))
        assert keys == sorted(keys) and table["n_together"].min() >= 2


def test_tokens_of_the_tokenised_corpus_line_up_with_the_matches_token_offsets():
    corpus = own_statements()
    tc = tokenize_corpus(corpus)
    matches = find_matches(corpus)
    row = {sid: k for k, sid in enumerate(tc.statements["statement_id"])}
    assert len(matches.table) > 20
    for hit in matches.table.itertuples():
        at = tc.bounds[row[hit.statement_id]]
        words = [tc.vocabulary[i] for i in tc.tokens[at + hit.token_start:at + hit.token_end]]
        assert words == [w.lower() for w in split_tokens(hit.matched_text)[0]]


def test_a_window_never_crosses_a_sentence_end():
    corpus = Corpus.from_texts(["Before words here. We condemn it. After words there."] * 3)
    table = collocates(corpus, "condemn", window=5, min_count=1)
    assert sorted(table["collocate"]) == ["it", "we"]
    assert table.set_index("collocate")["n_left"].to_dict() == {"we": 3, "it": 0}


def test_punctuation_takes_no_place_in_a_window():
    corpus = Corpus.from_texts(["Alpha, -- beta; ( condemn ) -- gamma: delta"])
    table = collocates(corpus, "condemn", window=2, min_count=1).set_index("collocate")
    assert sorted(table.index) == ["alpha", "beta", "delta", "gamma"]


def test_collocates_without_a_letter_are_listed_only_with_numbers_but_always_take_their_places():
    corpus = Corpus.from_texts(["Resolution 1762 we condemn in 2008 firmly. We condemn 1762 acts."])
    listed = collocates(corpus, "condemn", window=2, min_count=1)
    every = collocates(corpus, "condemn", window=2, min_count=1, numbers=True)
    assert set(every["collocate"]) - set(listed["collocate"]) == {"1762", "2008"}
    assert listed["n_window"].iloc[0] == every["n_window"].iloc[0] == 4 + 3  # the numbers still fill their places
    kept = every[every["collocate"].isin(listed["collocate"])].reset_index(drop=True)
    assert kept.equals(listed)


def test_left_and_right_windows_are_counted_apart_and_each_side_alone():
    corpus = own_statements()
    both = collocates(corpus, "terrorism", window=4, min_count=1).set_index("collocate")
    left = collocates(corpus, "terrorism", window=4, min_count=1, side="left").set_index("collocate")
    right = collocates(corpus, "terrorism", window=4, min_count=1, side="right").set_index("collocate")
    assert (left["n_right"] == 0).all() and (right["n_left"] == 0).all()
    assert left["n_together"].equals(both.loc[left.index, "n_left"])
    assert right["n_together"].equals(both.loc[right.index, "n_right"])
    assert both.loc["forms", "n_right"] == 3 and both.loc["forms", "n_left"] == 0  # "terrorism in all its forms"


def test_a_multi_word_node_and_its_formula_id_give_the_same_collocates_without_the_nodes_own_words():
    corpus = read_ungdc(DATA / "ungdc_mini")
    hits = find_matches(corpus, default_lexicon().select(["all_forms"])).table
    family = collocates(corpus, "all_forms", min_count=1)
    assert len(hits) == 2 and family["n_node"].iloc[0] == 2
    full = collocates(corpus, "all_forms/full", min_count=1)
    pattern = collocates(corpus, "in all its forms and manifestations", min_count=1, lexicon=False)
    assert full["n_node"].iloc[0] == 1 and full.equals(pattern)
    # the node's own words are not collocates: "manifestations" occurs only inside the node
    assert "manifestations" not in set(full["collocate"]) and "manifestations" not in set(family["collocate"])
    assert sorted(full["collocate"]) == ["condemns", "european", "terrorism", "the", "union"]


def test_tokens_of_other_node_occurrences_are_not_collocates():
    corpus = Corpus.from_texts(["We condemn and condemn again the attack."])
    table = collocates(corpus, "condemn", window=3, min_count=1).set_index("collocate")
    assert "condemn" not in table.index
    assert table.loc["and", "n_together"] == 1  # one position, in two windows, counted once
    assert table.loc["and", "n_left"] == 1 and table.loc["and", "n_right"] == 1
    assert table["n_window"].iloc[0] == 5  # we, and, again, the, attack: each once


@pytest.mark.parametrize(("options", "match"), [
    ({"node": "all_forms/no_such_variant"}, r"The 'node' parameter of collocates must be a formula id"),
    ({"node": "condemn", "window": 0}, r"The 'window' parameter of collocates must be an int >= 1. Got 0"),
    ({"node": "condemn", "measure": "dice"}, r"The 'measure' parameter of collocates"),
    ({"node": "condemn", "side": "up"}, r"The 'side' parameter of collocates"),
    ({"node": "condemn", "min_count": 0}, r"The 'min_count' parameter of collocates"),
    ({"node": 3}, r"The 'node' parameter of collocates must be a word"),
])
def test_bad_options_are_refused_with_the_one_template(options, match):
    with pytest.raises(ParameterError, match=match):
        collocates(Corpus.from_texts(["We condemn it."]), **options)


def test_a_bad_pattern_and_a_single_text_are_refused():
    with pytest.raises(PatternError, match="bad pattern"):
        collocates(Corpus.from_texts(["We condemn it."]), "_ condemn")
    with pytest.raises(ParameterError, match="Got a single str"):
        collocates("We condemn it.", "condemn")  # type: ignore[arg-type]  # refused on purpose


def test_association_scores_broadcast_and_sign_the_log_likelihood():
    scores = association_scores(np.array([1, 20]), 100, np.array([50, 50]), 1000, n_node=10)
    assert scores["log_likelihood"][0] < 0 < scores["log_likelihood"][1]  # 1 < 5 expected < 20


# ---------------------------------------------------------------------------
# Counts against a plain Python count on random corpora
# ---------------------------------------------------------------------------
WORDS = ["alpha", "beta", "gamma", "delta", "node", "link"]


def reference_counts(texts: list[str], node: list[str], window: int) -> tuple[Counter, Counter, Counter, int, int]:
    """n_together, n_left, n_right, n_window and n_node counted position by position, sentence by sentence."""
    together: Counter[str] = Counter()
    left: Counter[str] = Counter()
    right: Counter[str] = Counter()
    n_window = n_node = 0
    for text in texts:
        for sentence in text.split(". "):
            words = re.findall(r"\w+", sentence.lower())
            spans, i = [], 0
            while i + len(node) <= len(words):
                if words[i:i + len(node)] == node:
                    spans.append((i, i + len(node)))
                    i += len(node)
                else:
                    i += 1
            inside = {p for a, b in spans for p in range(a, b)}
            lefts = {p for a, _ in spans for p in range(max(a - window, 0), a)} - inside
            rights = {p for _, b in spans for p in range(b, min(b + window, len(words)))} - inside
            n_node += len(spans)
            n_window += len(lefts | rights)
            together.update(words[p] for p in lefts | rights)
            left.update(words[p] for p in lefts)
            right.update(words[p] for p in rights)
    return together, left, right, n_window, n_node


sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)
texts = st.lists(st.lists(sentences, min_size=1, max_size=4).map(". ".join), min_size=1, max_size=5)


@settings(max_examples=60, deadline=None)
@given(texts=texts, node=st.sampled_from([["node"], ["node", "link"], ["alpha", "alpha"]]),
       window=st.integers(1, 4))
def test_counts_equal_a_plain_reference_count_on_random_corpora(texts, node, window):
    table = collocates(Corpus.from_texts(texts), " ".join(node), window=window, min_count=1, lexicon=False)
    together, left, right, n_window, n_node = reference_counts(texts, node, window)
    got = table.set_index("collocate")
    assert got["n_together"].to_dict() == dict(together)
    assert {w: n for w, n in got["n_left"].items() if n} == dict(left)
    assert {w: n for w, n in got["n_right"].items() if n} == dict(right)
    frequency = Counter(w for text in texts for w in re.findall(r"\w+", text.lower()))
    assert got["n_collocate"].to_dict() == {w: frequency[w] for w in together}
    if len(table):
        assert table["n_window"].iloc[0] == n_window and table["n_node"].iloc[0] == n_node
