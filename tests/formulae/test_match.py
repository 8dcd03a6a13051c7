import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.errors import ParameterError
from toolkit.formulae.lexicon import Lexicon
from toolkit.formulae.match import MATCH_COLUMNS, Matcher, find_matches
from toolkit.io import default_lexicon, read_texts
from toolkit.text.corpus import Corpus, Document, Statement

from ..paths import SEED

SEED_COUNTS = {
    "in all its forms and manifestations": 3,
    "in all its forms": 5,
    "in all [of] its forms": 5,
    "all forms of terrorism": 1,
    "condemn*": 3,
    "condolence*": 3,
    "solidarity": 4,
    "brought to justice": 1,
    "speedy recovery": 1,
    "support _{0,3} pakistan": 1,
}


@pytest.fixture(scope="module")
def seed():
    return read_texts(SEED)


def assert_spans_are_exact(matches, corpus):
    for row in matches.table.itertuples():
        doc = corpus.document(row.doc_id)
        statement = next(s for s in doc.statements if s.id == row.statement_id)
        assert statement.text[row.start:row.end] == row.matched_text
        assert doc.text[row.doc_start:row.doc_end] == row.matched_text


def test_each_ad_hoc_phrase_counts_all_its_occurrences_in_the_seed(seed):
    matches = find_matches(seed, Lexicon.from_phrases(list(SEED_COUNTS)))
    counts = matches.table["formula"].value_counts().to_dict()
    assert {p: counts.get(p, 0) for p in SEED_COUNTS} == SEED_COUNTS
    assert list(matches.table.columns) == MATCH_COLUMNS
    assert_spans_are_exact(matches, seed)


def test_the_default_lexicon_counts_truncated_and_full_forms_apart_on_the_seed(seed):
    matches = find_matches(seed, default_lexicon()).table
    text = seed.documents[0].text
    forms = matches[matches["family"] == "all_forms"]
    by_variant = forms.groupby("variant")["doc_start"].apply(list).to_dict()
    assert len(by_variant["truncated"]) == 2 and len(by_variant["full"]) == 3

    def speaker(position):  # the last actor named before a hit in its paragraph, or None
        before = text[text.rfind("\n", 0, position) + 1:position]
        named = [n for n in ("European Union", "France", "OIC", "Russian", "Azerbaijan", "China") if n in before]
        return max(named, key=before.rfind) if named else None

    assert sorted(speaker(p) for p in by_variant["truncated"]) == ["European Union", "France"]
    assert sorted(speaker(p) for p in by_variant["full"]) == ["Azerbaijan", "OIC", "Russian"]
    assert forms["variant"].tolist().count("all_forms_of_terrorism") == 1
    assert_spans_are_exact(find_matches(seed, default_lexicon()), seed)


def test_longest_variant_wins_within_a_family_but_families_overlap():
    lexicon = Lexicon.from_phrases(["condemn*"]) + default_lexicon().select(["all_forms", "intensity"])
    corpus = Corpus.from_texts(["We strongly condemn terrorism in all its forms and manifestations."])
    table = find_matches(corpus, lexicon).table
    assert table[["formula", "matched_text"]].values.tolist() == [
        ["intensity/strongly", "strongly condemn"],
        ["condemn*", "condemn"],
        ["all_forms/full", "in all its forms and manifestations"],
    ]


@pytest.mark.parametrize("text", [
    "terrorism in all its\nforms and manifestations",
    "terrorism in all its\r\nforms and\u00a0manifestations",
    "terrorism IN ALL ITS FORMS AND MANIFESTATIONS",
    "terrorism “in all its forms” and “manifestations”",
    "terrorism in all its forms, and manifestations",
    "terrorism in\u2009all its forms and mani\u200bfestations",
    "terrorism in all its forms and manifes\u00ad\ntations",
])
def test_matching_crosses_whitespace_quotes_and_punctuation_and_keeps_exact_spans(text):
    corpus = Corpus.from_texts([text])
    matches = find_matches(corpus, Lexicon.from_phrases(["in all its forms and manifestations"]))
    assert len(matches) == 1
    assert_spans_are_exact(matches, corpus)
    row = matches.table.iloc[0]
    assert text[row.start:row.end].startswith(text[text.lower().index("in")])


def test_a_match_never_crosses_the_end_of_a_sentence():
    lexicon = Lexicon.from_phrases(["support _{0,3} pakistan", "in all its forms [and manifestations]"])
    texts = ["We offer support. Pakistan is safe.", "We offer support!\n\nPakistan", "They support U.S. and Pakistan.",
             "Support Mr. Khan of Pakistan.", "in all its forms. And manifestations"]
    table = find_matches(Corpus.from_texts(texts), lexicon).table
    assert table[["doc_id", "matched_text"]].values.tolist() == [
        ["text3", "support U.S. and Pakistan"],
        ["text4", "Support Mr. Khan of Pakistan"],
        ["text5", "in all its forms"],
    ]


def test_dehyphenation_joins_words_broken_across_lines_when_asked():
    corpus = Corpus.from_texts(["terrorism in all its forms and manifes-\ntations"])
    lexicon = Lexicon.from_phrases(["in all its forms and manifestations"])
    assert len(find_matches(corpus, lexicon)) == 0
    found = find_matches(corpus, lexicon, dehyphenate=True)
    assert found.table["matched_text"].tolist() == ["in all its forms and manifes-\ntations"]


def test_each_statement_is_searched_and_offsets_point_into_statement_and_document():
    text = "Canada and Sweden conveyed condolences. Chile said nothing."
    doc = Document("d", text, statements=(
        Statement("d-1", "d", text[0:39], 0, 39, actor="Canada"),
        Statement("d-2", "d", text[11:39], 11, 39, actor="Sweden"),
        Statement("d-3", "d", text[40:], 40, len(text), actor="Chile"),
    ))
    matches = find_matches(Corpus([doc]), Lexicon.from_phrases(["condolence*"]))
    assert matches.table[["actor", "start", "doc_start"]].values.tolist() == [["Canada", 27, 27], ["Sweden", 16, 27]]
    assert matches.statements[["statement_id", "n_tokens"]].values.tolist() == [["d-1", 5], ["d-2", 3], ["d-3", 3]]
    assert_spans_are_exact(matches, Corpus([doc]))


def test_non_ascii_text_with_length_changing_case_folding_keeps_spans():
    text = "Die STRAẞE: İstanbul condemns “terrorism in all its forms”."
    corpus = Corpus.from_texts([text])
    matches = find_matches(corpus, Lexicon.from_phrases(["condemn*", "in all its forms", "straße", "i̇stanbul"]))
    assert matches.table["matched_text"].tolist() == ["STRAẞE", "İstanbul", "condemns", "in all its forms"]
    assert_spans_are_exact(matches, corpus)


def test_bad_arguments_are_refused():
    with pytest.raises(ParameterError, match="single str"):
        find_matches("some text", Lexicon.from_phrases(["a"]))
    with pytest.raises(ParameterError, match="must be a Lexicon"):
        Matcher(["a"])


def naive_count(phrase_words, text):
    """Count a literal phrase by the definition: consecutive tokens within one sentence."""
    regex = r"(?<![^\W_])" + r"(?:[\W_]+)".join(re.escape(w) for w in phrase_words) + r"(?![^\W_])"
    separators_ok = 0
    for m in re.finditer(regex, text, flags=re.IGNORECASE):
        if not re.search(r"[.!?]['\"’”]*\s|\n[^\S\n]*\n", m.group()):
            separators_ok += 1
    return separators_ok


SEPARATORS = st.sampled_from([" ", "  ", "\n", "\r\n", "\t", "\u00a0", " “", "” ", " '", ", ", " - ", " — ", "\n\n"])
NOISE = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)


@given(st.lists(SEPARATORS, min_size=5, max_size=5), NOISE, NOISE, st.sampled_from([str.lower, str.upper, str.title]))
def test_a_phrase_is_found_through_any_separators_and_case(separators, before, after, case):
    words = ["in", "all", "its", "forms", "and", "manifestations"]
    phrase = words[0] + "".join(sep + case(w) for sep, w in zip(separators, words[1:]))
    text = f"{before} {phrase} {after}"
    corpus = Corpus.from_texts([text])
    matches = find_matches(corpus, Lexicon.from_phrases(["in all its forms and manifestations"]))
    assert_spans_are_exact(matches, corpus)
    expected = 0 if "\n\n" in separators else 1
    assert (matches.table["matched_text"] == phrase).sum() == expected


@given(st.lists(st.sampled_from(list("ab .,!\n“”'’-") + ["ab ", "ba ", ". ", "\n\n"]), max_size=60).map("".join))
def test_counts_equal_a_naive_reference_and_spans_are_valid_on_random_text(text):
    corpus = Corpus.from_texts([text]) if text.strip() else Corpus([])
    if not len(corpus.documents):
        return
    matches = find_matches(corpus, Lexicon.from_phrases(["ab ba"]))
    assert_spans_are_exact(matches, corpus)
    assert len(matches) == naive_count(["ab", "ba"], text)


def independent_counts_by_year(archive, regex):
    """Read the archive with tarfile alone and count a regular expression per year."""
    import tarfile
    from collections import Counter

    counts = Counter()
    name = re.compile(r".*/Session \d+ - (\d{4})/[A-Z]{2,4}_\d+_\d{4}\.txt")
    with tarfile.open(archive, "r|gz") as tar:
        for member in tar:
            found = name.fullmatch(member.name)
            if member.isfile() and found and not member.name.rsplit("/", 1)[-1].startswith("._"):
                text = tar.extractfile(member).read().decode("utf-8-sig")
                counts[int(found.group(1))] += len(regex.findall(text))
    return counts


@pytest.mark.ungdc
def test_counts_by_year_on_the_un_corpus_equal_an_independent_regular_expression(ungdc_path):
    from toolkit.formulae.counts import count_matches
    from toolkit.io import iter_corpus

    if not str(ungdc_path).endswith(".tgz"):
        pytest.skip("the independent count reads the .tgz archive")
    phrase = "in all its forms and manifestations"
    matches = find_matches(iter_corpus(ungdc_path), Lexicon.from_phrases([phrase]))
    by_year = count_matches(matches, by="year")
    regex = re.compile(r"\s+".join(phrase.split()), re.IGNORECASE)
    expected = independent_counts_by_year(ungdc_path, regex)
    assert dict(zip(by_year["year"], by_year["n_matches"])) == {year: expected.get(year, 0) for year in by_year["year"]}
    assert by_year["n_matches"].sum() == 341 and len(by_year) == 79
    across_lines = matches.table["matched_text"].str.contains("\n").sum()
    assert 100 <= across_lines <= 120  # about a third of the hits are broken across lines
    assert matches.statements["n_tokens"].sum() == 32_235_403
