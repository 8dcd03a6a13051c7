import pytest

from toolkit.errors import InputError, ParameterError
from toolkit.formulae.lexicon import Lexicon, PatternError, compile_pattern, parse_lexicon
from toolkit.formulae.match import find_matches
from toolkit.io import default_lexicon, read_lexicon
from toolkit.text.corpus import Corpus
from toolkit.text.tokens import split_tokens


def tokens(text):
    return split_tokens(text.casefold())[0]


def matches(pattern, text):
    words = tokens(text)
    return [" ".join(words[a:b]) for a, b in compile_pattern(pattern).finditer(words)]


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
    ("_ backed militants", "indian backed militants", None),
    ("the _{2} council", "the security council, the un security council", ["the un security council"]),
    ("self-determination", "self determination and self-determination", ["self determination", "self determination"]),
    ("Pakistan’s", "Pakistan's people", ["pakistan s"]),
    ("counterterrorism|counter-terrorism", "counter-terrorism and counterterrorism",
     ["counter terrorism", "counterterrorism"]),
    ("1,000 times", "1,000 times", ["1,000 times"]),
    ("TERRORISM", "terrorism Terrorism", ["terrorism", "terrorism"]),
])
def test_the_pattern_language(pattern, text, expected):
    if expected is None:
        with pytest.raises(PatternError, match="cannot begin with a gap"):
            compile_pattern(pattern)
    else:
        assert matches(pattern, text) == expected


def test_a_gap_takes_as_few_tokens_as_it_can_and_an_optional_word_is_taken_when_present():
    words = tokens("support pakistan and pakistan")
    assert list(compile_pattern("support _{0,3} pakistan").finditer(words)) == [(0, 2)]
    assert list(compile_pattern("in [all] all").finditer(tokens("in all all"))) == [(0, 3)]
    # The optional word is given back when the rest needs it.
    assert list(compile_pattern("in [all] all").finditer(tokens("in all"))) == [(0, 2)]


@pytest.mark.parametrize("pattern, position, problem", [
    ("in all [its forms", 8, "'[' is never closed"),
    ("in all its] forms", 11, "']' without '['"),
    ("in [all [its]] forms", 9, "do not nest"),
    ("a||b", 3, "empty alternative"),
    ("|a", 1, "empty alternative"),
    ("condemn _{3,1} x", 9, "the minimum 3 exceeds the maximum 1"),
    ("a _{0,99} b", 3, "at most 50 tokens"),
    ("a _{0} b", 3, "matches nothing"),
    ("_ a", 1, "cannot begin with a gap"),
    ("a _{0,3}", 8, "cannot end with a gap"),
    ("a _ _ b", 5, "two gaps in a row"),
    ("a _x b", 3, "is not a word or a gap"),
    ("a [_] b", 4, "cannot be an alternative or sit inside"),
    ("a * b", 3, "'*' must stand inside a word"),
    ("a ... b", 3, "has no letters or digits"),
    ("[a] [b]", 1, "every word is optional"),
    ("", 1, "the pattern is empty"),
    ("a [] b", 3, "holds no word"),
    ("a b[c] d", 4, "brackets go around whole words"),
])
def test_bad_patterns_name_the_pattern_and_the_position(pattern, position, problem):
    with pytest.raises(PatternError, match=r"bad pattern .* at position (\d+): .*") as caught:
        compile_pattern(pattern)
    assert caught.value.position + 1 == position, str(caught.value)
    assert problem in str(caught.value)
    assert str(caught.value).startswith(f"bad pattern {pattern!r} at position {position}: ")
    assert caught.value.exit_code == 2


LEXICON = """\
# a comment
families:
  - id: forms            # trailing comment
    label: In all its forms
    canonical: terrorism in all its forms and manifestations
    example: combat terrorism in all its forms and manifestations
    variants:
      full: in all [of] its forms and manifestations
      truncated: in all [of] its forms
  - id: outrage
    label: Outrage
    canonical: heinous act
    variants:
      adjectives:
        - heinous|cowardly
        - barbaric
"""


def test_a_lexicon_file_is_parsed_with_families_variants_and_pattern_lists(tmp_path):
    path = tmp_path / "lex.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    lexicon = read_lexicon(path)
    assert [f.id for f in lexicon.formulae] == ["forms/full", "forms/truncated", "outrage/adjectives"]
    assert lexicon.formulae[2].pattern_texts == ("heinous|cowardly", "barbaric")
    assert lexicon.family("forms").example == "combat terrorism in all its forms and manifestations"
    assert parse_lexicon(lexicon.to_yaml()).to_frame().equals(lexicon.to_frame())


@pytest.mark.parametrize("text, where, problem", [
    ("families:\n  - id: a\n    label: A\n    canonical: a\n    variants:\n      v: in all [its\n",
     "6:17", "bad pattern 'in all [its' at position 8: '[' is never closed"),
    ("families:\n  - id: a\n    label: A\n    canonical: a\n    variants:\n      v: 'a _{9,1} b'\n",
     "6:13", "the minimum 9 exceeds the maximum 1"),
    ("families:\n  - id: a\n    label: A\n    variants: {v: x}\n", "2:5", "a family is missing 'canonical'"),
    ("families:\n  - id: a\n    label: A\n    canonical: a\n    colour: red\n    variants: {v: x}\n",
     "5:5", "unknown key 'colour'"),
    ("families:\n  - id: a b\n    label: A\n    canonical: a\n    variants: {v: x}\n", "2:9", "family id 'a b'"),
    ("families:\n  - id: a\n    label: A\n    canonical: a\n    variants: {v: x}\n"
     "  - id: a\n    label: B\n    canonical: b\n    variants: {v: y}\n", "6:5", "'a' is defined twice"),
    ("families:\n  - id: a\n    label: A\n    canonical: a\n    variants: {v: x, v: y}\n", "5:22", "'v' appears twice"),
    ("families:\n  - id: a\n    label: [A\n", "4:1", "invalid YAML"),
    ("families: []\n", "1:11", "'families' must be a non-empty list"),
    ("famlies: x\n", "1:1", "unknown key 'famlies'"),
])
def test_lexicon_errors_name_the_file_line_and_column(tmp_path, text, where, problem):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_lexicon(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{where}: "), message
    assert problem in message
    assert caught.value.exit_code == 1


def test_an_empty_or_missing_lexicon_file_is_an_error(tmp_path):
    (tmp_path / "empty.yaml").write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError, match="empty.yaml: the lexicon file is empty"):
        read_lexicon(tmp_path / "empty.yaml")
    with pytest.raises(InputError, match="nope.yaml: no such lexicon file"):
        read_lexicon(tmp_path / "nope.yaml")


def test_the_default_lexicon_is_large_and_complete():
    lexicon = default_lexicon()
    assert len(lexicon.families) >= 12
    assert sum(len(f.patterns) for f in lexicon.formulae) >= 80
    for family in ("all_forms", "condemnation", "intensity", "condolence", "solidarity", "recovery",
                   "accountability", "blame", "evaluative", "unjustifiable", "peace_security", "support_cooperation"):
        assert lexicon.family(family).label
    forms = lexicon.family("all_forms")
    assert {"full", "truncated", "forms_wherever", "all_forms_of_terrorism"} <= {f.variant for f in forms.formulae}
    for variant in ("strongest_terms", "strongly", "unequivocally", "firmly", "categorically"):
        assert f"intensity/{variant}" in {f.id for f in lexicon.formulae}


def test_every_default_family_matches_its_own_example():
    lexicon = default_lexicon()
    for family in lexicon.families:
        assert family.example and family.canonical and family.label, family.id
        found = find_matches(Corpus.from_texts([family.example]), lexicon.select([family.id]))
        assert len(found) >= 1, f"{family.id}: its example {family.example!r} is not matched"


def test_select_returns_whole_families_and_refuses_unknown_ids():
    lexicon = default_lexicon()
    assert {f.family for f in lexicon.select(["all_forms/truncated"]).formulae} == {"all_forms"}
    with pytest.raises(ParameterError, match="no formula or family 'nope'"):
        lexicon.select(["nope"])


def test_ad_hoc_phrases_are_formulae_named_by_their_text_and_clashes_are_refused():
    lexicon = Lexicon.from_phrases(["in all its forms", "condemn*"])
    assert [(f.id, f.family) for f in lexicon.formulae] == [("in all its forms",) * 2, ("condemn*",) * 2]
    with pytest.raises(ParameterError, match="names two families"):
        Lexicon.from_phrases(["a", "a"])
    with pytest.raises(ParameterError, match="single str"):
        Lexicon.from_phrases("in all its forms")
