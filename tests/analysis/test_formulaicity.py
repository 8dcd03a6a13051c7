from typing import Any

import pytest

from toolkit.analysis.discover import discover_formulae, promote_formulae
from toolkit.analysis.formulaicity import covered_tokens, formulaicity
from toolkit.errors import ParameterError
from toolkit.formulae.lexicon import Lexicon
from toolkit.formulae.match import find_matches
from toolkit.text.corpus import Corpus, Document

from .test_discover import SPEECHES


def test_formulaicity_is_the_share_of_tokens_covered():
    matches = find_matches(SPEECHES, Lexicon.from_phrases(["in all its forms and manifestations"]))
    discovered = find_matches(SPEECHES, promote_formulae(discover_formulae(SPEECHES, min_actors=2), lexicon=False))
    per_statement = formulaicity(matches, discovered=discovered)
    a1 = per_statement.set_index("statement_id").loc["a1"]
    assert (a1.n_tokens, a1.lexicon_tokens, a1.discovered_tokens) == (13, 6, 7)
    assert a1.lexicon_share == pytest.approx(6 / 13)
    per_actor = formulaicity(matches, by="actor").set_index("actor")
    assert per_actor.loc["A", "n_tokens"] == 13 + 11 and per_actor.loc["A", "lexicon_tokens"] == 12
    assert per_actor.loc["A", "n_statements"] == 2
    assert per_actor.loc["A", "lexicon_share"] == pytest.approx(12 / 24)
    assert per_actor.loc["D", "lexicon_share"] == 0


def test_a_token_covered_by_several_hits_counts_once():
    corpus = Corpus((Document("d", "We condemn terrorism in all its forms. Again: all its forms."),))
    found = find_matches(corpus, Lexicon.from_phrases(["in all its forms", "all its forms", "terrorism in", "again"]))
    # "terrorism in all its forms" (5 tokens) and "again all its forms" (4): 9 of 11, whatever the overlaps
    assert covered_tokens(found).tolist() == [9]
    assert formulaicity(found).lexicon_share.iloc[0] == pytest.approx(9 / 11)


def test_formulaicity_comes_from_the_matches_table_only():
    corpus = Corpus((Document("d", "We condemn it."),))
    found = find_matches(corpus, Lexicon.from_phrases(["condemn"]))
    emptied = type(found)(found.table.iloc[0:0], found.statements, found.formulae)
    assert formulaicity(emptied).lexicon_tokens.tolist() == [0]
    assert formulaicity(found).lexicon_tokens.tolist() == [1]


def test_bad_arguments_are_refused():
    a_corpus: Any = SPEECHES
    with pytest.raises(ParameterError, match="The 'matches' parameter of formulaicity must be a Matches"):
        formulaicity(a_corpus)
    matches = find_matches(SPEECHES, Lexicon.from_phrases(["we"]))
    with pytest.raises(ParameterError, match="The 'by' parameter of formulaicity"):
        formulaicity(matches, by="country")
    other = find_matches(Corpus((Document("x", "we"),)), Lexicon.from_phrases(["we"]))
    with pytest.raises(ParameterError, match="The 'discovered' parameter of formulaicity must be found in the "
                                             "statements of the matches .*Got matches found in other statements"):
        formulaicity(matches, discovered=other)
    with pytest.raises(ParameterError, match="The 'discovered' parameter of formulaicity must be a Matches or None. "
                                             "Got DataFrame instead."):
        formulaicity(matches, discovered=matches.table)
