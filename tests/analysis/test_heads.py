"""The word a formula is attached to: the nearest content word before each hit, in its sentence."""

import pytest

from toolkit.analysis import heads
from toolkit.analysis.heads import head_words
from toolkit.errors import ParameterError
from toolkit.formulae.lexicon import Lexicon
from toolkit.formulae.match import find_matches
from toolkit.io import function_words
from toolkit.text.corpus import Corpus, Document

FORMS = Lexicon.from_phrases(["in all its forms"])


def heads_of(*texts: str, max_skip: int = 3) -> list[str]:
    corpus = Corpus(tuple(Document(f"d{k}", text) for k, text in enumerate(texts)))
    return head_words(find_matches(corpus, FORMS), corpus, max_skip=max_skip)["head"].tolist()


def test_the_head_is_the_nearest_word_before_the_hit_with_function_words_passed_over():
    assert heads_of("We reject terrorism in all its forms.", "Terrorism, and all extremism, in all its forms.",
                    "All of those in all its forms.") == ["terrorism", "extremism", ""]  # "All of those": no head


def test_pronouns_are_function_words_of_the_one_list_and_are_passed_over():
    # "it" and "them" were heads with the module's own short list; the toolkit's one list passes them over
    assert heads_of("We must combat it in all its forms.", "We fight them in all its forms.") == ["combat", "fight"]


def test_every_word_of_the_shipped_list_is_passed_over():
    words = sorted(w for w in function_words() if " " not in w)
    assert {"it", "including", "also", "well", "the"} <= set(words)
    assert heads_of(*(f"Colonialism {word} in all its forms." for word in words)) == ["colonialism"] * len(words)


def test_the_head_is_among_the_max_skip_plus_two_words_before_the_hit_and_never_past_a_sentence_end():
    text = "We fight each and every one of them in all its forms."  # six function words between
    assert heads_of(text) == heads_of(text, max_skip=4) == [""]
    assert heads_of(text, max_skip=5) == heads_of(text, max_skip=9) == ["fight"]
    assert heads_of("Acts of extremism of all of them in all its forms.") == ["extremism"]  # four, with max_skip=3
    assert heads_of("We reject terrorism. In all its forms, it is a crime.") == [""]


def test_the_head_span_points_into_the_document():
    corpus = Corpus((Document("d", "Peace. We condemn Terrorism, in all its forms."),))
    table = head_words(find_matches(corpus, FORMS), corpus)
    row = table.iloc[0]
    assert (row["head"], corpus.document("d").text[row["head_start"]:row["head_end"]]) == ("terrorism", "Terrorism")
    no_head = head_words(find_matches(Corpus((Document("e", "In all its forms."),)), FORMS),
                         Corpus((Document("e", "In all its forms."),)))
    assert no_head[["head", "head_start", "head_end"]].values.tolist() == [["", -1, -1]]


def test_bad_arguments_are_refused():
    corpus = Corpus((Document("d", "Terrorism in all its forms."),))
    with pytest.raises(ParameterError, match="The 'max_skip' parameter of head_words must be an int >= 0"):
        head_words(find_matches(corpus, FORMS), corpus, max_skip=-1)


def test_the_old_function_words_constant_is_the_one_list_with_a_warning():
    with pytest.warns(FutureWarning, match=r"replaced by the toolkit.s one list of function words, "
                                           r"toolkit\.io\.function_words\(\)"):
        old = heads.FUNCTION_WORDS
    assert old == function_words()
    with pytest.raises(AttributeError):
        heads.NO_SUCH_NAME  # noqa: B018
