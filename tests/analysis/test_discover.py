import re

import numpy as np
import pandas as pd
import pytest

from toolkit.analysis.discover import DISCOVERY_COLUMNS, discover_formulae, promote_formulae
from toolkit.attribution import attribute_statements
from toolkit.errors import ParameterError
from toolkit.formulae.lexicon import Lexicon
from toolkit.formulae.match import find_matches
from toolkit.io import default_gazetteer, default_lexicon, read_texts
from toolkit.text.corpus import Corpus, Document, Statement
from toolkit.text.tokenized import tokenize_corpus

from ..paths import SEED

SPEECHES = Corpus([
    Document("a1", "We condemn terrorism in all its forms and manifestations. The weather is fine.", actor="A",
             year=1990),
    Document("b1", "Terrorism in all its forms and manifestations must end. We like tea.", actor="B", year=1985),
    Document("c1", "Terrorism in all its forms and manifestations is a threat. Bread is good.", actor="C", year=1995),
    Document("a2", "We reject terrorism in all its forms and manifestations. Rain fell.", actor="A", year=2000),
    Document("d1", "The peaceful settlement of disputes. The peaceful settlement of disputes.", actor="D", year=2001),
])


def test_recurring_ngrams_are_found_with_their_ranges_first_use_and_example():
    table = discover_formulae(SPEECHES, min_actors=2)
    assert list(table.columns) == DISCOVERY_COLUMNS
    top = table.iloc[0]
    assert top.ngram == "terrorism in all its forms and manifestations"
    assert (top.n, top.frequency, top.n_statements, top.n_actors) == (7, 4, 4, 3)
    assert (top.first_year, top.first_actor) == (1985, "B")  # first by year, not by corpus order
    assert top.example_statement == "b1"
    assert SPEECHES.document("b1").text[top.example_start:top.example_end] == top.example_text
    assert top.example_text == "Terrorism in all its forms and manifestations"
    # the nested n-grams it accounts for are merged into it, and counted
    assert top.absorbed >= 5 and not (table.ngram == "in all its forms").any()
    # one actor repeating itself is not a formula by range
    assert not table.ngram.str.contains("peaceful settlement").any()
    one_speaker = discover_formulae(SPEECHES, min_actors=1, min_statements=1).ngram.tolist()
    assert "the peaceful settlement of disputes" in one_speaker


def test_ngrams_never_cross_a_sentence_end_and_frequencies_equal_a_naive_count():
    table = discover_formulae(SPEECHES, min_actors=1, min_statements=1, min_cohesion=0, absorb=1.0, top=None)
    assert not table.ngram.str.contains("manifestations we").any()
    texts = [d.text.lower() for d in SPEECHES]
    for row in table.itertuples():
        words = row.ngram.split()
        regex = r"(?<![^\W_])" + r"[^\w.!?]+".join(map(re.escape, words)) + r"(?![^\W_])"
        assert row.frequency == sum(len(re.findall(regex, t)) for t in texts), row.ngram


def test_association_scores_candidates_are_marked_when_the_lexicon_has_them_and_promoted():
    table = discover_formulae(SPEECHES, min_n=3, max_n=3, min_actors=2, absorb=1.0, lexicon=default_lexicon())
    assert table.association.notna().all() and (table.association > 0).all()
    full = discover_formulae(SPEECHES, min_actors=2, lexicon=default_lexicon())
    assert full.iloc[0].lexicon_formula == "all_forms/full" and full.iloc[0].in_lexicon
    promoted = promote_formulae(full.head(1), family="found")
    assert [f.id for f in promoted.formulas] == ["found/terrorism_in_all_its_forms_and_manifestations"]
    assert len(find_matches(SPEECHES, promoted)) == 4
    combined = promote_formulae(full.head(1), lexicon=Lexicon.from_phrases(["condemn*"]))
    assert len(combined.families) == 2


def test_discovery_on_the_seed_article_is_reproducible():
    corpus = attribute_statements(read_texts(SEED), default_gazetteer()).corpus
    first = discover_formulae(corpus, lexicon=default_lexicon())
    pd.testing.assert_frame_equal(first, discover_formulae(corpus, lexicon=default_lexicon()))
    forms = first[first.ngram == "terrorism in all its forms"].iloc[0]
    assert forms.n_actors == 5 and forms.lexicon_formula == "all_forms/truncated"


def test_words_shared_by_overlapping_statements_are_one_occurrence():
    text = ("Chad and Peru condemned the raid on the border post. "
            "Mali condemned the raid on the border post. Fiji condemned the raid on the border post.")
    shared = text.index("Mali")
    doc = Document("d", text, statements=(
        Statement("d:1", "d", text[:shared - 1], 0, shared - 1, actor="Chad"),
        Statement("d:2", "d", text[:shared - 1], 0, shared - 1, actor="Peru"),
        Statement("d:3", "d", text[shared:], shared, len(text), actor="Mali"),
    ))
    found = discover_formulae([doc], min_n=3, max_n=7, min_actors=2, min_statements=2)
    top = found.iloc[0]
    # The sentence of Chad and Peru is one place in the text: with Mali's two sentences, three occurrences.
    assert (top.ngram, top.frequency, top.n_statements, top.n_actors) == (
        "condemned the raid on the border post", 3, 3, 3)
    alone = discover_formulae([Document("d", text[:shared - 1], statements=doc.statements[:2])],
                              min_n=3, max_n=7, min_actors=2, min_statements=2, min_frequency=2)
    assert alone.empty  # one sentence said by two actors does not recur


def test_bad_parameters_are_refused():
    with pytest.raises(ParameterError, match="The 'min_n' parameter of discover_formulae must be an int >= 2"):
        discover_formulae(SPEECHES, min_n=1)
    with pytest.raises(ParameterError, match="'max_n'"):
        discover_formulae(SPEECHES, min_n=5, max_n=4)
    with pytest.raises(ParameterError, match="single str"):
        tokenize_corpus("text")
    assert discover_formulae(Corpus([Document("x", "one two")])).empty


@pytest.mark.ungdc
def test_discovery_on_the_un_corpus_finds_known_un_formulae_among_its_top_candidates(ungdc_path):
    from toolkit.io import iter_corpus

    tc = tokenize_corpus(iter_corpus(ungdc_path))
    table = discover_formulae(tc, min_n=4, max_n=6, min_actors=50, top=None, lexicon=default_lexicon())
    ranks = {}
    for phrase in ("in all its forms and manifestations", "international peace and security",
                   "the peaceful settlement of disputes"):
        row = table[table.ngram == phrase]
        assert len(row) == 1, phrase
        same_length = table[table.n == row.n.iloc[0]].reset_index(drop=True)
        ranks[phrase] = int(np.flatnonzero(same_length.ngram == phrase)[0])
        assert row.in_lexicon.iloc[0], phrase
    # among the top candidates of their length by actor range (the UN's ceremonial phrases, "election
    # as president of the general assembly", come first)
    for phrase, rank in ranks.items():
        n = len(phrase.split())
        assert rank < 0.15 * (table.n == n).sum(), (phrase, rank)
    row = table[table.ngram == "in all its forms and manifestations"].iloc[0]
    assert row.frequency == 341 and row.n_actors >= 100
