import unicodedata

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from toolkit.text.normalize import fold, normalize
from toolkit.text.tokens import folded_token_spans

PHRASE = ["in", "all", "its", "forms", "and", "manifestations"]
SEPARATORS = [" ", "  ", "\n", "\r\n", "\t", "\u00a0", " \n ", "\u2028", "\x0c", "\u202f", " \u200b "]


def original_of(text, start, end, dehyphenate=False):
    folded = normalize(text, dehyphenate=dehyphenate)
    a, b = folded.span_to_original(start, end)
    return text[a:b]


@pytest.mark.parametrize("text, folded", [
    ("“Condemns” in the ‘strongest’ terms", "\"condemns\" in the 'strongest' terms"),
    ("Pakistan’s «firm» support", "pakistan's \"firm\" support"),
    ("2014–2016 — a decade\u2212long", "2014-2016 - a decade-long"),
    ("deepest\u00a0condolences\u202fto all", "deepest condolences to all"),
    ("in all its\r\nforms\tand\x0cmanifestations\u2028today", "in all its forms and manifestations today"),
    ("a   b \n\n c", "a b c"),
    ("zero\u200bwidth and soft\u00adhyphen", "zerowidth and softhyphen"),
    ("", ""),
])
def test_folding_of_typography(text, folded):
    assert normalize(text).text == folded


def test_word_hyphenated_across_a_line_break_keeps_its_hyphen_by_default():
    text = "the right of self-\n   determination and manifes-\r\ntations"
    assert normalize(text).text == "the right of self-determination and manifes-tations"
    assert normalize(text, dehyphenate=True).text == "the right of selfdetermination and manifestations"


def test_dehyphenated_word_maps_back_to_both_halves():
    text = "terrorism in all its forms and manifes-\ntations."
    folded = normalize(text, dehyphenate=True)
    start = folded.text.index("manifestations")
    assert original_of(text, start, start + len("manifestations"), dehyphenate=True) == "manifes-\ntations"


def test_soft_hyphen_at_a_line_break_joins_the_word():
    assert normalize("manifes\u00ad\ntations").text == "manifestations"


def test_a_dash_between_words_is_not_a_hyphenated_word():
    assert normalize("peace -\nand security").text == "peace - and security"
    assert normalize("1990-\n1995").text == "1990-1995"


def test_span_maps_back_across_collapsed_whitespace_and_quotes():
    text = "It “unequivocally rejects terrorism in all its\r\n   forms” and more."
    folded = normalize(text)
    start = folded.text.index("terrorism")
    end = folded.text.index("forms") + len("forms")
    assert original_of(text, start, end) == "terrorism in all its\r\n   forms"


def test_case_folding_that_changes_length_maps_back_to_whole_characters():
    text = "STRAẞE and Straße, ﬂag, İstanbul"
    folded = normalize(text)
    assert folded.text == "strasse and strasse, flag, i̇stanbul"
    for word, original in [("strasse", "STRAẞE"), ("flag", "ﬂag"), ("i̇stanbul", "İstanbul")]:
        start = folded.text.index(word)
        assert original_of(text, start, start + len(word)) == original
    # the second "strasse" ends inside the expansion of ß: the whole ß is kept
    second = folded.text.index("strasse", 5)
    assert original_of(text, second, second + 6) == "Straß"


def test_decomposed_characters_are_composed_and_map_back_to_every_code_point():
    text = "President Béji Cai\u0308d Essebsi"
    folded = normalize(text)
    assert "caïd" in folded.text
    start = folded.text.index("caïd")
    assert original_of(text, start, start + 4) == "Cai\u0308d"
    assert original_of(text, start + 2, start + 3) == "i\u0308"


def test_fold_of_a_short_string():
    assert fold("  Türkiye’s\n") == " türkiye's "


def test_original_text_is_never_modified():
    text = "“A”\r\n  b"
    copy = str(text)
    normalize(text)
    assert text == copy


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------
TEXTS = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
        st.sampled_from(list(" \n\r\t\u00a0\u00ad\u200b\u2019\u201c\u201d\u2014-ßİﬂ\u0308\u0301e")),
    ),
    max_size=200,
)


@given(TEXTS, st.booleans())
def test_every_folded_position_maps_into_the_original(text, dehyphenate):
    folded = normalize(text, dehyphenate=dehyphenate)
    n = len(folded.text)
    mapped = folded.to_original(np.arange(n + 1))
    assert mapped[n] == len(text)
    if n:
        assert 0 <= mapped[:n].min() and mapped[:n].max() < len(text)
        assert (np.diff(mapped) >= 0).all()


@given(TEXTS)
def test_every_folded_character_comes_from_its_original(text):
    folded = normalize(text)
    for i, char in enumerate(folded.text):
        a, b = folded.span_to_original(i, i + 1)
        source = text[a:b]
        assert 0 < b - a
        if char == " ":
            assert source[0].isspace() or source[0] in "\u00ad\u200b\u200c\u200d\u2060\ufeff"
        elif char in "-'\"":
            assert not source[0].isalnum()
        else:
            assert char in unicodedata.normalize("NFC", unicodedata.normalize("NFC", source).casefold())


@given(TEXTS)
def test_each_token_folds_from_the_original_it_maps_to(text):
    folded = normalize(text)
    starts, ends = folded_token_spans(folded.text)
    for s, e in zip(starts.tolist(), ends.tolist()):
        a, b = folded.span_to_original(s, e)
        assert fold(text[a:b]) == folded.text[s:e]


@given(TEXTS)
def test_folding_is_idempotent(text):
    once = normalize(text).text
    assert normalize(once).text == once


@given(
    st.lists(st.sampled_from(SEPARATORS), min_size=len(PHRASE) - 1, max_size=len(PHRASE) - 1),
    st.sampled_from(["", "“", "\"", "‘", "("]),
    st.sampled_from(["", "”", "\"", "’", ")", "."]),
    st.text(alphabet="abc ,.\n", max_size=20),
    st.lists(st.booleans(), min_size=len(PHRASE), max_size=len(PHRASE)),
)
def test_a_phrase_typed_any_way_folds_to_one_form_and_maps_back_exactly(seps, opening, closing, context, upper):
    words = [w.upper() if u else w for w, u in zip(PHRASE, upper)]
    inserted = words[0] + "".join(sep + w for sep, w in zip(seps, words[1:]))
    assume(not context.endswith(tuple("abc")))
    text = f"{context} {opening}{inserted}{closing} {context}"
    folded = normalize(text)
    canonical = " ".join(PHRASE)
    start = folded.text.index(canonical)
    assert original_of(text, start, start + len(canonical)) == inserted
