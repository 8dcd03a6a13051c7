"""One set of parameter checks, one message template, one vocabulary across the API."""

import pytest

import toolkit
import toolkit.report
from toolkit import Corpus, Document, Lexicon, find_matches
from toolkit.errors import ParameterError
from toolkit.validation import (
    GROUPINGS,
    check_by,
    check_choice,
    check_corpus,
    check_int,
    check_jobs,
    check_level,
    check_number,
    check_random_state,
    check_texts,
)

TEMPLATE = r"^The '{name}' parameter of {owner} must be {expected}\. Got {got} instead\.$"


def test_ints_are_checked_with_their_bounds_and_bools_are_not_ints():
    assert check_int(0, "window", owner="kwic", low=0) == 0
    for bad in (-1, True, 2.0, "3"):
        with pytest.raises(ParameterError, match=r"^The 'window' parameter of kwic must be an int >= 0\. Got "):
            check_int(bad, "window", owner="kwic", low=0)
    with pytest.raises(ParameterError, match=r"must be an int in \[1, 8\] or None"):
        check_int(9, "max_n", owner="f", low=1, high=8, allow_none=True)
    assert check_int(None, "top", owner="f", low=1, allow_none=True) is None


def test_numbers_are_checked_within_their_interval():
    assert check_number(1, "absorb", owner="f", low=0, high=1, low_open=True) == 1.0
    with pytest.raises(ParameterError, match=r"must be a number in \(0, 1\]\. Got 0 instead"):
        check_number(0, "absorb", owner="f", low=0, high=1, low_open=True)
    with pytest.raises(ParameterError, match="Got nan instead"):
        check_number(float("nan"), "x", owner="f", low=0, high=1)


def test_choices_list_what_is_allowed():
    with pytest.raises(ParameterError, match=r"^The 'unit' parameter of kwic must be one of 'tokens', 'characters'\. "
                                             r"Got 'words' instead\.$"):
        check_choice("words", "unit", owner="kwic", choices=("tokens", "characters"))


def test_a_single_text_or_document_is_refused_where_a_corpus_is_expected():
    for single in ("We condemn it.", b"bytes", Document("d", "x"), Document("d", "x").statements[0]):
        with pytest.raises(ParameterError, match="must be a Corpus or an iterable of Document. Got a single"):
            check_corpus(single, owner="find_matches")
    with pytest.raises(ParameterError, match="Got int instead"):
        check_corpus(3, owner="find_matches")
    documents = [Document("d", "x")]
    assert check_corpus(documents, owner="find_matches") is documents


def test_texts_must_be_a_list_of_strings():
    assert check_texts(("a", "b"), owner="f") == ["a", "b"]
    with pytest.raises(ParameterError, match="Got an item of type int instead"):
        check_texts(["a", 1], owner="f")


def test_by_means_the_same_columns_everywhere():
    assert GROUPINGS["actor"] == ("actor",)
    assert check_by("actor", owner="count_matches") == ["actor"]
    assert check_by(["statement", "doc"], owner="f") == ["doc_id", "statement_id"]
    assert check_by("year, actor_id", owner="f") == ["year", "actor_id"]
    with pytest.raises(ParameterError, match="Got 'actor' instead"):
        check_by("actor", owner="f", allowed=("doc", "year"))
    with pytest.raises(ParameterError, match="Got 3 instead"):
        check_by(3, owner="f")


def test_level_is_formula_or_family_only():
    assert check_level("formula", owner="f") == "formula"
    with pytest.raises(ParameterError, match=r"The 'level' parameter of f must be one of 'formula', 'family'"):
        check_level("statements", owner="f")


def test_jobs_and_random_state():
    assert check_jobs(None, owner="f") is None and check_jobs(2, owner="f") == 2
    with pytest.raises(ParameterError, match=r"^The 'jobs' parameter of f must be an int >= 1 or None\. Got 0"):
        check_jobs(0, owner="f")
    with pytest.raises(ParameterError, match=r"^The 'random_state' parameter of f must be an int >= 0\. Got -1"):
        check_random_state(-1, owner="f")


def test_the_api_speaks_one_vocabulary():
    """jobs, never n_workers; level only for formula or family; rows for the rows of a corpus table."""
    import inspect

    from toolkit.backends import dask, parallel

    for module in (parallel, dask):
        for name in module.__all__:
            function = getattr(module, name)
            if callable(function) and not isinstance(function, type):
                parameters = inspect.signature(function).parameters
                assert "n_workers" not in parameters and "n_jobs" not in parameters, name
    assert "level" not in inspect.signature(Corpus.to_frame).parameters
    corpus = Corpus.from_texts(["We condemn it."])
    assert list(corpus.to_frame(rows="documents").columns)[:2] == ["doc_id", "actor"]
    matches = find_matches(corpus, Lexicon.from_phrases(["condemn"]))
    assert toolkit.count_matches(matches, by="actor", level="family")["n_matches"].tolist() == [1]


# --- one argument order, and renamed arguments that keep working for one release ---------------------------------
def test_a_check_called_with_name_and_value_swapped_fails_instead_of_garbling_its_message():
    with pytest.raises(TypeError, match=r"check helpers take \(value, name, \*, owner=...\)"):
        check_int("window", 3, owner="kwic")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        check_int(3, "window", "kwic")  # type: ignore[call-arg]  # owner is keyword-only


def test_every_check_helper_takes_value_then_name_then_owner_by_keyword():
    import inspect

    from toolkit import validation

    for name in validation.__all__:
        helper = getattr(validation, name)
        if not (callable(helper) and name.startswith("check_")):
            continue
        parameters = list(inspect.signature(helper).parameters.values())
        assert [p.name for p in parameters[:2]] == ["value", "name"], name
        owner = inspect.signature(helper).parameters["owner"]
        assert owner.kind is inspect.Parameter.KEYWORD_ONLY, name


def test_a_renamed_keyword_warns_naming_the_new_one_and_still_works():
    from toolkit.validation import renamed

    @renamed(gold="truth")
    def score(predicted, truth=None, **renamed_keywords):  # the decorator takes the old name out of the keywords
        return truth

    with pytest.warns(FutureWarning, match=r"^The 'gold' parameter of .*score was renamed 'truth' in 0\.2\.0; "
                                           r"the old name stops working in 0\.3\.$"):
        assert score(1, gold=2) == 2
    with pytest.raises(ParameterError, match="The 'gold' parameter of .*score must be left out when 'truth' is given"):
        score(1, gold=2, truth=3)


@pytest.mark.parametrize("call, new", [
    (lambda: check_by("level", owner="count_matches"), "'intensity'"),
    (lambda: Lexicon.from_phrases(["a"]).formulas, "'formulae'"),
    (lambda: toolkit.report.TREND_FAMILIES, "TREND_TAG"),  # type: ignore[attr-defined]  # a name of 0.1
])
def test_the_renamed_names_of_this_release_warn_and_still_work(call, new):
    with pytest.warns(FutureWarning, match=new):
        assert call() is not None


def test_the_renamed_values_warn_and_give_the_new_value():
    from toolkit.validation import renamed_value

    with pytest.warns(FutureWarning, match="The value 'formulas' of the 'features' parameter of f was renamed "
                                           "'formulae'"):
        assert renamed_value("formulas", "features", owner="f", renames={"formulas": "formulae"}) == "formulae"
    assert renamed_value("words", "features", owner="f", renames={"formulas": "formulae"}) == "words"
    with pytest.warns(FutureWarning):
        assert check_by("actor,level", owner="count_matches") == ["actor", "intensity"]
