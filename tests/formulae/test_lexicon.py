import pytest

from toolkit.errors import InputError, ParameterError
from toolkit.formulae.lexicon import Family, Formula, Lexicon, compile_pattern, parse_lexicon
from toolkit.formulae.match import find_matches
from toolkit.io import default_lexicon, read_lexicon
from toolkit.text.corpus import Corpus

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
    with pytest.raises(ParameterError, match=r"^The 'ids' parameter of Lexicon\.select must be ids of formulae or "
                       r"families of the lexicon 'default' \(such as 'accountability', .*, \.\.\.\)\. Got 'nope' "
                       r"instead\.$"):
        lexicon.select(["nope"])
    assert lexicon.family("all_forms").id == "all_forms"
    with pytest.raises(ParameterError, match=r"^The 'family_id' parameter of Lexicon\.family must be the id of a "
                       r"family of the lexicon 'phrases' \(such as 'a'\)\. Got 'all_forms' instead\.$"):
        Lexicon.from_phrases(["a"]).family("all_forms")


def test_ad_hoc_phrases_are_formulae_named_by_their_text_and_clashes_are_refused():
    lexicon = Lexicon.from_phrases(["in all its forms", "condemn*"])
    assert [(f.id, f.family) for f in lexicon.formulae] == [("in all its forms",) * 2, ("condemn*",) * 2]
    with pytest.raises(ParameterError, match=r"^The 'families' parameter of Lexicon must be families whose ids, and "
                       r"the ids of their formulae, are distinct\. Got 'a' as the id of two families instead\.$"):
        Lexicon.from_phrases(["a", "a"])
    pattern = compile_pattern("a")
    one = Family("one", "One", "a", (Formula("two", "one", "v", (pattern,)),))
    two = Family("two", "Two", "a", (Formula("two/v", "two", "v", (pattern,)),))
    with pytest.raises(ParameterError, match=r"Got 'two' as the id of a family and of a formula of another family "
                       r"instead\.$"):
        Lexicon([one, two])
    with pytest.raises(ParameterError, match=r"^The 'phrases' parameter of Lexicon\.from_phrases must be an iterable "
                       r"of patterns \(wrap a single pattern in a list\)\. Got a single str instead\.$"):
        Lexicon.from_phrases("in all its forms")
