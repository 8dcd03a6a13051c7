"""The pattern language, behaviour by behaviour: what a compiled pattern holds, what it matches, what it refuses."""

from __future__ import annotations

import re

import pytest

from toolkit.errors import ParameterError
from toolkit.formulae.pattern import MAX_GAP, Pattern, PatternError, TokenTest, compile_pattern
from toolkit.text.normalize import fold, fold_for_tokens
from toolkit.text.tokens import count_tokens, split_tokens, token_spans


def tokens(text: str) -> list[str]:
    """The folded tokens of a text, as the matcher sees them."""
    return split_tokens(fold_for_tokens(text).text)[0]


def found(pattern: str, text: str) -> list[str]:
    """The matches of ``pattern`` in ``text``, each as its tokens joined by spaces."""
    words = tokens(text)
    return [" ".join(words[a:b]) for a, b in compile_pattern(pattern).finditer(words)]


def spans(pattern: str, text: str) -> list[str]:
    """The matches of ``pattern`` in ``text`` as verbatim slices of the text."""
    places = token_spans(text)
    return [text[places[a][0]:places[b - 1][1]] for a, b in compile_pattern(pattern).finditer(tokens(text))]


@pytest.mark.parametrize("pattern, text, expected", [
    ("condemn*", "condemn condemns condemned condemning condemnation contempt",
     ["condemn", "condemns", "condemned", "condemning", "condemnation"]),
    ("organi*ers", "organizers organisers organs", ["organizers", "organisers"]),
    ("heinous|cowardly|barbaric", "a cowardly and barbaric act, heinous", ["cowardly", "barbaric", "heinous"]),
    ("in all [of] its forms", "in all of its forms; in all its forms", ["in all of its forms", "in all its forms"]),
    ("in the strongest [possible] terms", "in the strongest possible terms", ["in the strongest possible terms"]),
    ("[our] deepest condolences", "our deepest condolences, deepest condolences",
     ["our deepest condolences", "deepest condolences"]),
    ("support _{0,3} pakistan", "support Pakistan; support for brave Pakistan; support a b c d pakistan",
     ["support pakistan", "support for brave pakistan"]),
    ("bring|brought _{0,12} to justice", "bring the perpetrators of this crime to justice",
     ["bring the perpetrators of this crime to justice"]),
    ("the _{2} council", "the security council, the un security council", ["the un security council"]),
    ("self-determination", "self determination and self-determination", ["self determination", "self determination"]),
    ("Pakistan’s", "Pakistan's people", ["pakistan s"]),
    ("counterterrorism|counter-terrorism", "counter-terrorism and counterterrorism",
     ["counter terrorism", "counterterrorism"]),
    ("1,000 times", "1,000 times", ["1,000 times"]),
    ("TERRORISM", "terrorism Terrorism", ["terrorism", "terrorism"]),
])
def test_the_pattern_language_at_a_glance(pattern, text, expected):
    assert found(pattern, text) == expected


# --- words -----------------------------------------------------------------
def test_a_word_matches_its_token_in_any_case_and_keeps_the_pattern_as_written():
    pattern = compile_pattern("Condemn")
    assert isinstance(pattern, Pattern)
    assert pattern.text == "Condemn"
    assert (pattern.min_tokens, pattern.max_tokens) == (1, 1)
    assert [test.literals for test in pattern.first_tests()] == [frozenset({"condemn"})]
    assert found("Condemn", "We CONDEMN, condemn and Condemn; we condemned.") == ["condemn"] * 3


def test_a_row_of_words_matches_through_any_separator_but_not_across_a_missing_word():
    assert spans("in all its forms", "in all\r\n its “forms”, in all of its forms") == ["in all\r\n its “forms"]
    assert pattern_kinds("in all its forms") == (True, True)
    assert compile_pattern("in all its forms").required_words() == [frozenset({w}) for w in ("in", "all", "its",
                                                                                            "forms")]


def pattern_kinds(text: str) -> tuple[bool, bool]:
    pattern = compile_pattern(text)
    return pattern.fixed, pattern.literal


# --- globs -----------------------------------------------------------------
def test_a_glob_stands_for_any_letters_or_digits_within_one_token():
    assert found("condemn*", "condemn condemns condemned condemnation contempt con-demn") == [
        "condemn", "condemns", "condemned", "condemnation"]
    assert found("organi*ers", "organizers organisers organs organi-sers") == ["organizers", "organisers"]
    assert found("condemn*", "condemn-ation") == ["condemn"]  # a hyphen ends the token, and the glob with it


def test_a_glob_is_no_literal_word_and_no_required_word():
    pattern = compile_pattern("strongly condemn*")
    assert pattern_kinds("strongly condemn*") == (True, False)
    assert pattern.required_words() == [frozenset({"strongly"})]
    second = pattern.second_test()
    assert second is not None and second("condemnation") and not second("strongly")


# --- alternatives ----------------------------------------------------------
def test_alternatives_of_one_token_are_one_test_of_several_words():
    pattern = compile_pattern("heinous|cowardly|barbaric")
    assert (pattern.min_tokens, pattern.max_tokens) == (1, 1)
    assert [test.literals for test in pattern.first_tests()] == [frozenset({"heinous", "cowardly", "barbaric"})]
    assert found("heinous|cowardly|barbaric", "a cowardly and barbaric act, heinous") == [
        "cowardly", "barbaric", "heinous"]


def test_alternatives_of_several_tokens_are_tried_longest_first():
    assert found("a|a-b", "a b") == ["a b"]
    assert found("a|a-b c", "a b c, a c, a b") == ["a b c", "a c"]
    pattern = compile_pattern("x a|a-b-c y")
    assert (pattern.min_tokens, pattern.max_tokens) == (3, 5)
    assert found("counterterrorism|counter-terrorism", "counter-terrorism and counterterrorism") == [
        "counter terrorism", "counterterrorism"]


# --- optional words --------------------------------------------------------
def test_optional_words_are_taken_when_present():
    pattern = compile_pattern("in all [of] its forms")
    assert (pattern.min_tokens, pattern.max_tokens) == (4, 5)
    assert pattern_kinds("in all [of] its forms") == (False, False)
    assert found("in all [of] its forms", "in all of its forms; in all its forms; in all of forms") == [
        "in all of its forms", "in all its forms"]
    assert found("in the strongest [possible] terms", "in the strongest possible terms") == [
        "in the strongest possible terms"]


def test_an_optional_group_of_several_words_is_all_or_nothing():
    assert found("condemn [of the] attack", "condemn of the attack, condemn attack, condemn the attack") == [
        "condemn of the attack", "condemn attack"]


def test_an_optional_word_is_given_back_when_the_rest_needs_it():
    assert list(compile_pattern("in [all] all").finditer(tokens("in all all"))) == [(0, 3)]
    assert list(compile_pattern("in [all] all").finditer(tokens("in all"))) == [(0, 2)]


def test_an_optional_word_at_the_start_can_begin_a_match():
    pattern = compile_pattern("[our] deepest condolences")
    assert {word for test in pattern.first_tests() for word in test.literals} == {"our", "deepest"}
    assert pattern.second_test() is None
    assert found("[our] deepest condolences", "our deepest condolences, deepest condolences") == [
        "our deepest condolences", "deepest condolences"]


# --- gaps ------------------------------------------------------------------
def test_a_gap_is_any_one_token():
    pattern = compile_pattern("the _ council")
    assert (pattern.min_tokens, pattern.max_tokens) == (3, 3)
    assert not pattern.fixed
    assert found("the _ council", "the council, the security council, the un security council") == [
        "the security council"]


def test_a_gap_of_a_range_takes_as_few_tokens_as_it_can():
    pattern = compile_pattern("support _{0,3} pakistan")
    assert (pattern.min_tokens, pattern.max_tokens) == (2, 5)
    assert found("support _{0,3} pakistan", "support pakistan; support for brave pakistan; support a b c d pakistan"
                 ) == ["support pakistan", "support for brave pakistan"]
    assert list(pattern.finditer(tokens("support pakistan and pakistan"))) == [(0, 2)]


def test_a_gap_of_an_exact_count_takes_exactly_that_many_tokens():
    pattern = compile_pattern("the _{2} council")
    assert (pattern.min_tokens, pattern.max_tokens) == (4, 4)
    assert found("the _{2} council", "the security council, the un security council, the a b c council") == [
        "the un security council"]


def test_the_largest_gap_is_max_gap_tokens():
    pattern = compile_pattern(f"bring _{{0,{MAX_GAP}}} justice")
    assert pattern.max_tokens == MAX_GAP + 2
    assert found(f"bring _{{0,{MAX_GAP}}} justice", "bring " + "x " * MAX_GAP + "justice") != []
    assert found(f"bring _{{0,{MAX_GAP}}} justice", "bring " + "x " * (MAX_GAP + 1) + "justice") == []


# --- pattern words split into tokens like the text -------------------------
@pytest.mark.parametrize("word", ["self-determination", "Pakistan’s", "Pakistan's", "1,000", "2.5", "COVID-19",
                                  "Côte d’Ivoire", "U.S.", "«forms»"])
def test_a_pattern_word_splits_into_the_tokens_the_text_has(word):
    pattern = compile_pattern(word)
    assert pattern.min_tokens == pattern.max_tokens == count_tokens(word)
    assert found(word, f"before {word} after") == [" ".join(tokens(word))]


def test_punctuation_inside_a_word_matches_whatever_separates_the_tokens_of_the_text():
    assert found("self-determination", "self determination and self-determination and self–\ndetermination") == [
        "self determination"] * 3
    assert found("Pakistan’s", "Pakistan's people, Pakistan’s people") == ["pakistan s"] * 2
    assert found("1,000 times", "1,000 times but not 1 000 times") == ["1,000 times"]


def test_an_alternative_with_punctuation_becomes_a_row_of_tokens():
    pattern = compile_pattern("counterterrorism|counter-terrorism")
    assert (pattern.min_tokens, pattern.max_tokens) == (1, 2)
    assert not pattern.fixed


# --- the prefilter expression ----------------------------------------------
@pytest.mark.parametrize("pattern, expression", [
    ("condemn", "(?:condemn)"),
    ("heinous|cowardly", "(?:cowardly|heinous)"),
    ("condemn*", r"(?:condemn[0-9A-Za-z\x80-\xff]*)"),
    ("Türkiye", r"(?:t[\x80-\xff]+rkiye)"),
    ("self-determination", "(?:self)[^0-9A-Za-z]+(?:determination)"),
    ("1,000 times", "(?:1,000)[^0-9A-Za-z]*(?:times)"),
    ("[the] attack", "(?:(?:the)[^0-9A-Za-z]*)?(?:attack)"),
    ("in all [of] its", "(?:in)[^0-9A-Za-z]+(?:all)(?:[^0-9A-Za-z]+(?:of))?[^0-9A-Za-z]+(?:its)"),
    ("support _{0,3} pakistan",
     r"(?:support)(?:[^0-9A-Za-z]+[0-9A-Za-z.,\x80-\xff]+){0,3}[^0-9A-Za-z]*(?:pakistan)"),
])
def test_the_prefilter_expression_reads_bytes_with_separators_and_non_ascii_relaxed(pattern, expression):
    assert compile_pattern(pattern).prefilter_expression() == expression


@pytest.mark.parametrize("pattern, text", [
    ("in all [of] its forms", "Terrorism in all its\nforms; “in ALL of its forms”"),
    ("support _{0,3} pakistan", "support for brave Pakistan, support 1,000 Pakistan"),
    ("Türkiye|Côte-d’Ivoire", "TÜRKIYE and Côte d'Ivoire"),
    ("condemn* [the] attack*", "condemning the attacks, condemns attack"),
    ("a|a-b c", "A-b c; a c"),
])
def test_every_match_is_a_match_of_the_prefilter_expression(pattern, text):
    expression = re.compile(compile_pattern(pattern).prefilter_expression().encode("ascii"), re.IGNORECASE)
    matched = spans(pattern, text)
    assert len(matched) == 2
    for span in matched:
        assert expression.fullmatch(span.encode("utf-8")), span


def test_a_text_the_prefilter_expression_does_not_match_holds_no_match():
    expression = re.compile(compile_pattern("in all its forms").prefilter_expression().encode(), re.IGNORECASE)
    assert expression.search(b"in all forms of its") is None
    assert found("in all its forms", "in all forms of its") == []


def test_only_a_fixed_pattern_without_digits_has_an_exact_expression():
    assert compile_pattern("in all its forms").exact_expression() == r"(?:in)[\W_]+(?:all)[\W_]+(?:its)[\W_]+(?:forms)"
    assert compile_pattern("condemn*").exact_expression() == r"(?:condemn[^\W_]*)"
    for pattern in ("in all [of] its forms", "the _ council", "1,000 times", "a|a-b"):
        assert compile_pattern(pattern).exact_expression() is None, pattern


# --- token tests -----------------------------------------------------------
def test_a_token_test_knows_literals_and_globs():
    test = TokenTest(["condemn*", "deplore"], "condemn*|deplore")
    assert test.literals == frozenset({"deplore"}) and test.glob is not None
    assert [test(token) for token in ("condemn", "condemnation", "deplore", "deplores", "contempt")] == [
        True, True, True, False, False]
    assert repr(test) == "<condemn*|deplore>"


# --- bad patterns ----------------------------------------------------------
@pytest.mark.parametrize("pattern, position, problem", [
    ("in all [its forms", 8, "'[' is never closed"),
    ("in all its] forms", 11, "']' without '['"),
    ("in [all [its]] forms", 9, "'[' inside '[...]': optional words do not nest"),
    ("a [ b", 4, "'[' must be followed by a word"),
    ("a [] b", 3, "'[]' holds no word"),
    ("a b[c] d", 4, "brackets go around whole words: '[of]', '[of the]'"),
    ("a||b", 3, "empty alternative in '|'"),
    ("|a", 1, "empty alternative in '|'"),
    ("a|_ b", 3, "a gap '_' cannot be an alternative or sit inside '[...]'"),
    ("a [_] b", 4, "a gap '_' cannot be an alternative or sit inside '[...]'"),
    ("condemn _{3,1} x", 9, "gap _{3,1}: the minimum 3 exceeds the maximum 1"),
    ("a _{0,51} b", 3, f"gap _{{0,51}}: at most {MAX_GAP} tokens"),
    ("a _{0} b", 3, "gap _{0} matches nothing"),
    ("_ a", 1, "a pattern cannot begin with a gap"),
    ("_{0,3} a", 1, "a pattern cannot begin with a gap"),
    ("a _{0,3}", 8, "a pattern cannot end with a gap"),
    ("a _  ", 3, "a pattern cannot end with a gap"),
    ("a _ _ b", 5, "two gaps in a row: write one gap"),
    ("a _x b", 3, "'_x' is not a word or a gap ('_', '_{N}' or '_{M,N}')"),
    ("a {b} c", 3, "'{b}' is not a word or a gap ('_', '_{N}' or '_{M,N}')"),
    ("a * b", 3, "'*' must stand inside a word with letters or digits; use '_' for any one token"),
    ("condemn**", 8, "'**' is one '*' written twice"),
    ("a ... b", 3, "'...' has no letters or digits"),
    ("[a] [b]", 1, "every word is optional: a pattern needs a word outside '[...]'"),
    ("[in all its forms]", 1, "every word is optional: a pattern needs a word outside '[...]'"),
    ("", 1, "the pattern is empty"),
    ("   ", 1, "the pattern is empty"),
])
def test_a_bad_pattern_is_refused_naming_the_pattern_the_position_and_the_problem(pattern, position, problem):
    with pytest.raises(PatternError) as caught:
        compile_pattern(pattern)
    error = caught.value
    message = f"bad pattern {pattern!r} at position {position}: {problem}"
    assert str(error) == " ".join(message.split())  # an error prints on one line, its white space collapsed
    assert (error.pattern, error.position + 1, error.problem) == (pattern, position, problem)
    assert isinstance(error, ParameterError) and error.exit_code == 2


@pytest.mark.parametrize("value, got", [(3, "int"), (None, "NoneType"), (["a"], "list"), (b"a", "bytes")])
def test_a_pattern_that_is_not_a_str_is_refused_as_a_parameter(value, got):
    with pytest.raises(ParameterError) as caught:
        compile_pattern(value)
    assert not isinstance(caught.value, PatternError)
    assert str(caught.value) == f"The 'pattern' parameter of compile_pattern must be a str. Got {got} instead."


def test_folding_makes_pattern_words_match_like_text_words():
    assert fold("TÜRKIYE’S") == "türkiye's"
    assert found("TÜRKIYE’S", "Türkiye's position") == ["türkiye s"]
