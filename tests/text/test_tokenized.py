"""Token ids, sentence numbers and spans of a tokenised corpus equal those the token functions give, text by text."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.io import read_texts
from toolkit.text import tokenized
from toolkit.text.corpus import Corpus
from toolkit.text.normalize import fold_for_tokens
from toolkit.text.tokenized import TokenizedCorpus, tokenize_corpus
from toolkit.text.tokens import sentence_breaks, split_tokens, token_spans

from ..paths import SEED

PIECES = ["We", "condemn", "counterterrorism", "Internationalisation", "Manifestations",
          "Mr.", "U.S.", "No.", "5", "1,000.5", "attacks", "«forms»", "’s", "self-", "war",
          " ", " ", " ", ". ", "! ", "? ", "… ", ".” ", ",\n", "\n", "\n\n", "\r\n\r\n", " \n \n", "TERRORISM\n\n",
          "a", "é", "\u00ad", "ß"]


def expected_statement(text):
    """Tokens, spans and sentence numbers of one text, from the token functions alone."""
    tokens = split_tokens(fold_for_tokens(text).text)[0]
    spans = token_spans(text)
    breaks = set(sentence_breaks(text, tokens, [a for a, _ in spans], [b for _, b in spans]))
    return tokens, spans, [sum(b <= k for b in breaks) for k in range(len(tokens))]


ANY = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=3)


@settings(max_examples=300)
@given(st.lists(st.lists(st.sampled_from(PIECES) | ANY, max_size=40).map("".join), min_size=1, max_size=5))
def test_ids_sentences_and_spans_equal_those_of_the_token_functions(texts):
    tc = tokenize_corpus(Corpus.from_texts(texts))
    words: dict[str, int] = {}
    for k, text in enumerate(texts):
        tokens, spans, sentences = expected_statement(text)
        ids = [words.setdefault(t, len(words)) for t in tokens]  # rank of first appearance
        assert tc.ids[k].tolist() == ids
        assert tc.sentences[k].tolist() == sentences
        starts, ends = tc.spans(k)
        assert list(zip(starts.tolist(), ends.tolist())) == spans
        for first in range(0, len(tokens), 3):  # a few tokens at a time: only their sentences tokenised again
            last = min(first + 4, len(tokens))
            starts, ends = tc.spans(k, first, last)
            assert list(zip(starts.tolist(), ends.tolist())) == spans[first:last]
    assert tc.vocabulary == list(words)


def test_ids_are_ranks_of_first_appearance_across_chunks(monkeypatch):
    monkeypatch.setattr(tokenized, "_BATCH_CHARACTERS", 30)  # many batches given ids apart
    texts = ["We condemn the attack.", "The attack we condemn", "in all its forms", "and we condemn it"] * 3
    tc = tokenize_corpus(Corpus.from_texts(texts))
    words: dict[str, int] = {}
    expected = [words.setdefault(t, len(words)) for text in texts for t in split_tokens(text.casefold())[0]]
    assert tc.tokens.tolist() == expected and tc.vocabulary == list(words)
    assert tc.bounds.tolist() == np.cumsum([0] + [len(split_tokens(t.casefold())[0]) for t in texts]).tolist()


def test_batches_tokenised_apart_and_joined_equal_the_whole():
    corpus = read_texts(SEED)
    texts = [corpus.documents[0].text[i:i + 700] for i in range(0, 3500, 700)] + [""]
    whole = tokenize_corpus(Corpus.from_texts(texts))
    parts = TokenizedCorpus.concat([tokenize_corpus(Corpus.from_texts(texts[:2], ids=["t0", "t1"])),
                                    tokenize_corpus(Corpus.from_texts(texts[2:], ids=[f"t{i}" for i in range(2, 6)]))])
    assert parts.vocabulary == whole.vocabulary
    for name in ("tokens", "bounds", "breaks", "sentence_starts", "offsets", "overlapping"):
        assert np.array_equal(getattr(parts, name), getattr(whole, name)), name
    assert parts.texts == whole.texts and len(parts) == 6
    assert parts.spans(3, 2, 5)[0].tolist() == whole.spans(3)[0][2:5].tolist()


def test_a_single_text_is_refused():
    with pytest.raises(Exception, match="single str"):
        tokenize_corpus("We condemn it.")  # type: ignore[arg-type]  # the wrong type is what is tested


def test_abbreviations_of_any_length_are_read_from_the_list_given(monkeypatch):
    """The packed fast path knows abbreviations of up to 16 letters; longer or non-ASCII ones take the slow path."""
    from toolkit.text import tokens

    listed = frozenset({"mr", "manifestations", "internationalisation", "café", "attacked"})
    monkeypatch.setattr(tokens, "abbreviations", lambda: listed)
    monkeypatch.setattr(tokenized, "abbreviations", lambda: listed)
    tokenized._abbreviation_keys.cache_clear()
    try:
        texts = ["Mr. Smith. Manifestations. Counterterrorism. Attacked. Internationalisation. Café. End",
                 "all manifestations. of it. attacked. them"]
        tc = tokenize_corpus(Corpus.from_texts(texts))
        for k, text in enumerate(texts):
            assert tc.sentences[k].tolist() == expected_statement(text)[2]
        assert tc.sentences[0].tolist() == [0, 0, 1, 1, 2, 2, 2, 2]
        assert tc.sentences[1].tolist() == [0, 0, 0, 0, 1, 1]
    finally:
        tokenized._abbreviation_keys.cache_clear()


@settings(max_examples=200)
@given(st.lists(st.lists(st.sampled_from(PIECES) | ANY, max_size=40).map("".join), min_size=1, max_size=5))
def test_count_words_equals_the_tokens_of_tokenize_corpus_counted_with_or_without_statements(texts):
    from collections import Counter

    from toolkit.text.tokenized import count_words

    tc = tokenize_corpus(Corpus.from_texts(texts))
    words = [[tc.vocabulary[i] for i in ids.tolist()] for ids in tc.ids]
    frequency = Counter(w for statement in words for w in statement)
    statements = Counter(w for statement in words for w in set(statement))
    counts = count_words(Corpus.from_texts(texts))
    assert counts.words == sorted(frequency)
    assert counts.frequency.tolist() == [frequency[w] for w in counts.words]
    assert counts.statements.tolist() == [statements[w] for w in counts.words]
    assert (counts.n_tokens, counts.n_statements) == (tc.tokens.size, len(texts))
    alone = count_words(Corpus.from_texts(texts), statements=False)  # frequencies only: statements left at 0
    assert (alone.words, alone.frequency.tolist()) == (counts.words, counts.frequency.tolist())
    assert not alone.statements.any() and (alone.n_tokens, alone.n_statements) == (tc.tokens.size, len(texts))


@settings(max_examples=200)
@given(st.lists(st.lists(st.sampled_from(PIECES) | ANY, max_size=40).map("".join), min_size=1, max_size=4),
       st.data())
def test_tokenize_regions_and_one_index_give_the_tokens_and_sentence_starts_of_the_whole_texts(texts, data):
    from toolkit.text.tokenized import IndexedBatch, tokenize_regions

    tc = tokenize_corpus(Corpus.from_texts(texts))
    regions, expected_words, expected_breaks = [], [], []
    for k in range(len(texts)):
        n = int(tc.bounds[k + 1] - tc.bounds[k])
        if not n:
            continue
        first = data.draw(st.integers(0, n - 1))
        last = data.draw(st.integers(first + 1, n))
        regions.append((k, first, last))
        expected_words += [tc.vocabulary[i] for i in tc.ids[k][first:last].tolist()]
        breaks = tc.breaks[tc.bounds[k] + first:tc.bounds[k] + last].copy()
        breaks[0] = True
        expected_breaks += breaks.tolist()
    for vocabulary, ids, breaks in (tokenize_regions(texts, np.array(regions, dtype=np.int64).reshape(-1, 3)),
                                    IndexedBatch.of(texts).region_tokens(np.array(regions, dtype=np.int64))):
        assert [vocabulary[i] for i in ids.tolist()] == expected_words
        assert breaks.tolist() == expected_breaks
