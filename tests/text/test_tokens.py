import re
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.io import iter_corpus
from toolkit.text import tokens
from toolkit.text.normalize import normalize
from toolkit.text.tokens import count_tokens, folded_token_spans, split_tokens, token_spans, word_tokenizer

from ..paths import SEED


@pytest.mark.parametrize("text, expected", [
    ("In all its forms and manifestations.", ["In", "all", "its", "forms", "and", "manifestations"]),
    ("Pakistan’s “firm support”", ["Pakistan", "s", "firm", "support"]),
    ("self-determination, Secretary-General", ["self", "determination", "Secretary", "General"]),
    ("177 terrorists; 1,000 or 2.5 million; G20 and COVID-19", ["177", "terrorists", "1,000", "or", "2.5", "million",
                                                                 "G20", "and", "COVID", "19"]),
    ("Türkiye and Côte d’Ivoire", ["Türkiye", "and", "Côte", "d", "Ivoire"]),
    ("snake_case __ ...", ["snake", "case"]),
])
def test_tokens_are_runs_of_letters_and_digits(text, expected):
    assert [text[a:b] for a, b in token_spans(text)] == expected
    assert count_tokens(text) == len(expected)


def test_token_spans_point_into_the_original_text_after_folding():
    text = "“TERRORISM in all its\r\n  forms”"
    assert [text[a:b] for a, b in token_spans(text)] == ["TERRORISM", "in", "all", "its", "forms"]


def test_the_tokenizer_is_nltks_regexp_tokenizer():
    from nltk.tokenize import RegexpTokenizer

    assert isinstance(word_tokenizer(), RegexpTokenizer)
    assert word_tokenizer()._pattern == tokens.TOKEN_PATTERN


def test_seed_article_token_count_equals_an_independent_count():
    text = SEED.read_text(encoding="utf-8")
    independent = len(re.findall(r"\d+(?:[.,]\d+)+|[^\W_]+", text))
    assert count_tokens(text) == independent == 531


def test_a_very_long_text_is_tokenised_whole():
    text = "We condemn terrorism in all its forms and manifestations. " * 20000
    assert count_tokens(text) == len(token_spans(text)) == 180000


def nltk_spans(folded):
    return list(word_tokenizer().span_tokenize(folded))


def toolkit_spans(folded):
    starts, ends = folded_token_spans(folded)
    return list(zip(starts.tolist(), ends.tolist()))


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300))
def test_tokens_equal_nltks_regexp_tokenizer_on_any_text(text):
    folded = normalize(text).text
    assert toolkit_spans(folded) == nltk_spans(folded)
    assert count_tokens(text) == len(word_tokenizer().tokenize(folded))


def test_tokens_equal_nltks_on_real_text_with_accents_and_combining_marks():
    text = SEED.read_text(encoding="utf-8") + " President Béji Caïd Essebsi; ½ Ⅻ x² ‿ İstanbul"
    folded = normalize(text).text
    assert not folded.isascii()
    assert toolkit_spans(folded) == nltk_spans(folded)
    ascii_only = normalize(SEED.read_text(encoding="utf-8").replace("Türkiye", "Turkey")).text
    assert ascii_only.isascii() and toolkit_spans(ascii_only) == nltk_spans(ascii_only)


@pytest.mark.ungdc
def test_tokens_equal_nltks_on_a_sample_of_the_un_corpus(ungdc_path):
    for n, doc in enumerate(iter_corpus(ungdc_path)):
        if n % 50 == 0:
            folded = normalize(doc.text).text
            assert toolkit_spans(folded) == nltk_spans(folded), doc.id
        if n > 3000:
            break


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200))
def test_the_fast_fold_finds_the_same_tokens_as_full_normalisation(text):
    from toolkit.text.normalize import fold_for_tokens
    from toolkit.text.tokens import split_tokens

    fast, full = fold_for_tokens(text), normalize(text)
    fast_tokens, fast_starts, fast_ends = split_tokens(fast.text)
    full_tokens, full_starts, full_ends = split_tokens(full.text)
    assert fast_tokens == full_tokens
    for a, b in ((fast, (fast_starts, fast_ends)), (full, (full_starts, full_ends))):
        starts, ends = a.spans_to_original(*b)
        assert all(0 <= s < e <= len(text) for s, e in zip(starts.tolist(), ends.tolist()))
    assert fast.spans_to_original(fast_starts, fast_ends)[0].tolist() == \
        full.spans_to_original(full_starts, full_ends)[0].tolist()


def test_sentence_breaks_follow_stops_blank_lines_and_abbreviations():
    from toolkit.text.tokens import sentence_breaks, split_tokens

    text = "Mr. Guterres spoke. The U.S. agreed! “Why?” she asked…\r\n\r\nNo. 5 is next; etc. and 1945. Then"
    tokens, starts, ends = split_tokens(text.casefold())
    assert [tokens[k] for k in sentence_breaks(text, tokens, starts, ends)] == ["the", "why", "she", "no", "then"]


def test_a_modifier_letter_apostrophe_is_folded_the_same_way_by_both_folds():
    text = "Pakistanʼs ʼ"
    assert [text[a:b] for a, b in token_spans(text)] == ["Pakistan", "s"]
    assert count_tokens(text) == 2


NUMBERY = st.lists(st.sampled_from(list("01a9.,. _-’é\n") + ["1,000", "2.5", "x1", "ß", "\u00ad", "١"]),
                   max_size=60).map("".join)


@given(st.one_of(NUMBERY, st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200)))
def test_the_token_index_finds_the_tokens_of_token_spans(text):
    from toolkit.text.tokens import index_tokens

    index = index_tokens(text)
    if index is None:  # the text needs the full fold: a character whose folding changes the tokens
        assert normalize(text).text != text.casefold() or any(not c.isascii() for c in text)
        return
    assert list(zip(index.starts.tolist(), index.ends.tolist())) == token_spans(text)
    assert len(index) == count_tokens(text)


@given(st.lists(st.one_of(NUMBERY, st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]),
                                            max_size=50)), max_size=6))
def test_a_batch_indexes_each_text_as_it_would_be_alone(texts):
    from toolkit.text.tokens import index_batch, index_tokens

    batch = index_batch(texts)
    for k, text in enumerate(texts):
        alone, together = index_tokens(text), batch.index(k)
        assert (alone is None) == (together is None)
        if alone is not None:
            assert together is not None
            assert alone.starts.tolist() == together.starts.tolist() and alone.ends.tolist() == together.ends.tolist()
            assert alone.engine == together.engine


@pytest.mark.ungdc
def test_the_token_index_equals_token_spans_on_a_sample_of_the_un_corpus(ungdc_path):
    from toolkit.text.tokens import index_tokens

    indexed = 0
    for n, doc in enumerate(iter_corpus(ungdc_path)):
        if n % 20:
            continue
        index = index_tokens(doc.text)
        if index is not None:
            indexed += 1
            assert list(zip(index.starts.tolist(), index.ends.tolist())) == token_spans(doc.text), doc.id
    assert indexed >= 500


def test_abbreviations_are_data_read_on_first_use():
    from toolkit.io.shipped import shipped_text
    from toolkit.text.tokens import abbreviations

    listed = {line.strip() for line in shipped_text("abbreviations.txt").splitlines()
              if line.strip() and not line.startswith("#")}
    assert abbreviations() == listed and len(listed) == 78
    assert {"mr", "no", "art", "etc", "sept"} <= abbreviations()
    assert all(word.isalnum() and word == word.lower() and count_tokens(word) == 1 for word in abbreviations())
    fresh = subprocess.run([sys.executable, "-c", "import toolkit.text.tokenized as t, toolkit.text.tokens as k; "
                            "print(k.abbreviations.cache_info().currsize, t._abbreviation_keys.cache_info().currsize)"],
                           capture_output=True, text=True, check=True)
    assert fresh.stdout.split() == ["0", "0"]  # nothing read at import


def test_the_old_abbreviations_constant_still_works_with_a_future_warning():
    from toolkit.text.tokens import abbreviations

    with pytest.warns(FutureWarning, match=r"ABBREVIATIONS was replaced by the function abbreviations\(\)"):
        old = tokens.ABBREVIATIONS
    assert old == abbreviations()
    with pytest.raises(AttributeError, match="no attribute 'NOT_A_NAME'"):
        tokens.NOT_A_NAME  # noqa: B018


def test_a_full_stop_after_an_abbreviation_or_a_single_letter_ends_no_sentence():
    from toolkit.text.tokens import ends_sentence, sentence_breaks

    for text in ("Mr. Guterres", "Art. 51", "No. 5", "Sept. 11", "J. Smith", "etc. and"):
        words, starts, ends = split_tokens(text.casefold())
        assert not ends_sentence(text, int(ends[0]), int(starts[1]), words[0]), text
        assert sentence_breaks(text, words, starts, ends) == [], text
    for text in ("Guterres. He", "5. Then", "attacks. Mr"):
        words, starts, ends = split_tokens(text.casefold())
        assert ends_sentence(text, int(ends[0]), int(starts[1]), words[0]), text
