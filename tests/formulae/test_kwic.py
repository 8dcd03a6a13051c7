import pytest

from toolkit.errors import ParameterError
from toolkit.formulae.kwic import KWIC_COLUMNS, format_kwic, kwic
from toolkit.formulae.lexicon import Lexicon
from toolkit.formulae.match import find_matches
from toolkit.io import read_texts
from toolkit.text.corpus import Corpus

from ..paths import SEED


def test_kwic_lines_are_slices_of_the_document_around_each_stored_span():
    corpus = read_texts(SEED)
    matches = find_matches(corpus, Lexicon.from_phrases(["in all [of] its forms"]))
    lines = kwic(matches, corpus, window=3)
    assert list(lines.columns) == KWIC_COLUMNS and len(lines) == 5
    text = corpus.documents[0].text
    for row in lines.itertuples():
        whole = row.left + row.matched_text + row.right
        start = row.doc_start - len(row.left)
        assert text[start:start + len(whole)] == whole
    assert lines["left"].iloc[1] == "unequivocally rejects terrorism "
    assert lines["right"].iloc[1] == " and stands with"


def test_kwic_windows_in_characters_and_at_the_edges_of_a_text():
    corpus = Corpus.from_texts(["Condemn it. We condemn\nit."])
    matches = find_matches(corpus, Lexicon.from_phrases(["condemn"]))
    tokens = kwic(matches, corpus, window=2)
    assert tokens[["left", "matched_text", "right"]].values.tolist() == [
        ["", "Condemn", " it. We"], ["it. We ", "condemn", "\nit"]]
    chars = kwic(matches, corpus, window=4, unit="characters")
    assert chars[["left", "right"]].values.tolist() == [["", " it."], [" We ", "\nit."]]
    assert format_kwic(tokens).splitlines()[1].endswith("it. We [condemn] it")
    assert kwic(matches, corpus, window=0)["left"].tolist() == ["", ""]


def test_kwic_refuses_bad_parameters():
    corpus = Corpus.from_texts(["We condemn it."])
    matches = find_matches(corpus, Lexicon.from_phrases(["condemn"]))
    with pytest.raises(ParameterError, match=r"The 'window' parameter of kwic must be an int >= 0. Got -3 instead."):
        kwic(matches, corpus, window=-3)
    with pytest.raises(ParameterError, match="'unit'"):
        kwic(matches, corpus, unit="words")
    with pytest.raises(ParameterError, match=r"^The 'corpus' parameter of kwic must be the corpus the matches were "
                       r"found in\. Got a corpus without the document 'text1' of the matches instead\.$"):
        kwic(matches, {"other": "x"})


def test_kwic_lines_name_the_formula_by_the_lexicons_label_and_the_variants_wording():
    from toolkit.io import default_lexicon

    corpus = read_texts(SEED)
    lexicon = default_lexicon()
    lines = kwic(find_matches(corpus, lexicon).select("all_forms"), corpus, window=3)
    at = KWIC_COLUMNS.index("formula")
    assert KWIC_COLUMNS[at:at + 3] == ["formula", "family_label", "formula_label"]
    family = next(f for f in lexicon.families if f.id == "all_forms")
    wording = {f.id: " ; ".join(f.pattern_texts) for f in family.formulae}
    assert len(lines) >= 3 and set(lines["family_label"]) == {family.label}
    assert lines["formula_label"].tolist() == [wording[f] for f in lines["formula"]]
    assert "in all [of] its|their forms and manifestations" in set(lines["formula_label"])
