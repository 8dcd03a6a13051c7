import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.errors import ParameterError
from toolkit.formulae.lexicon import Lexicon
from toolkit.formulae.match import MATCH_COLUMNS, Matcher, find_matches, iter_statement_matches
from toolkit.io import default_lexicon, read_texts
from toolkit.text.corpus import Corpus, Document, Statement

from ..paths import DATA, SEED

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
        find_matches("some text", Lexicon.from_phrases(["a"]))  # type: ignore[arg-type]  # the wrong type is tested
    with pytest.raises(ParameterError, match=r"^The 'lexicon' parameter of Matcher must be a Lexicon or None \(the "
                       r"default lexicon\)\. Got list instead\.$"):
        Matcher(["a"])  # type: ignore[arg-type]  # the wrong type is what is tested
    with pytest.raises(ParameterError, match=r"^The 'lexicon' parameter of find_matches must be a Lexicon, a Matcher "
                       r"or None \(the default lexicon\)\. Got False instead\.$"):
        find_matches(Corpus.from_texts(["x"]), False)  # type: ignore[arg-type]  # matching needs a lexicon
    with pytest.raises(ParameterError, match=r"^The 'lexicon' parameter of Matcher must be a Lexicon holding at least "
                       r"one formula\. Got <Lexicon 'lexicon': 0 families, 0 formulae, 0 patterns> instead\.$"):
        Matcher(Lexicon([]))


def test_no_lexicon_given_means_the_default_lexicon():
    corpus = Corpus.from_texts(["We condemn terrorism in all its forms and manifestations."])
    default = find_matches(corpus, default_lexicon())
    assert len(default) > 0
    for found in (find_matches(corpus), find_matches(corpus, None),
                  find_matches(corpus, Matcher()), find_matches(corpus, Matcher(None))):
        assert found.table.equals(default.table) and found.formulae.equals(default.formulae)
    assert [m.hits for m in iter_statement_matches(corpus)] == [m.hits for m in iter_statement_matches(corpus,
                                                                                                      default_lexicon())]


def test_selecting_matches_refuses_ids_that_are_not_among_them():
    matches = find_matches(Corpus.from_texts(["We condemn it."]), Lexicon.from_phrases(["condemn", "solidarity"]))
    assert matches.select("condemn").table["formula"].tolist() == ["condemn"]
    with pytest.raises(ParameterError, match=r"^The 'ids' parameter of Matches\.select must be ids of formulae or "
                       r"families among the matches\. Got 'nope' instead\.$"):
        matches.select(["condemn", "nope"])


def naive_count(phrase_words, text):
    """Count a literal phrase by the definition: consecutive tokens within one sentence.

    A sentence ends at . ! ? followed by whitespace, and at a blank line after a
    heading: a line of at most ten tokens that is the text's first or follows a
    blank line.
    """
    regex = r"(?<![^\W_])" + r"(?:[\W_]+)".join(re.escape(w) for w in phrase_words) + r"(?![^\W_])"
    separators_ok = 0
    for m in re.finditer(regex, text, flags=re.IGNORECASE):
        if re.search(r"[.!?]['\"’”]*\s", m.group()):
            continue
        headings = 0
        for blank in re.finditer(r"\n[^\S\n]*\n", m.group()):
            at = m.start() + blank.start()
            line_start = text.rfind("\n", 0, at) + 1
            alone = not text[:line_start].strip() or re.search(r"\n[^\S\n]*\n$", text[:line_start])
            headings += bool(alone) and len(re.findall(r"[^\W_]+", text[line_start:at])) <= 10
        separators_ok += headings == 0
    return separators_ok


SEPARATORS = st.sampled_from([" ", "  ", "\n", "\r\n", "\t", "\u00a0", " “", "” ", " '", ", ", " - ", " — ", "\n\n"])
NOISE = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20)


@given(st.lists(SEPARATORS, min_size=5, max_size=5), NOISE, NOISE, st.sampled_from([str.lower, str.upper, str.title]))
def test_a_phrase_is_found_through_any_separators_and_case(separators, before, after, case):
    words = ["in", "all", "its", "forms", "and", "manifestations"]
    phrase = words[0] + "".join(sep + case(w) for sep, w in zip(separators, words[1:]))
    text = f"{before}\nThe delegation said today that the whole world must fight against terrorism {phrase} {after}"
    corpus = Corpus.from_texts([text])
    matches = find_matches(corpus, Lexicon.from_phrases(["in all its forms and manifestations"]))
    assert_spans_are_exact(matches, corpus)
    # a page break inside the sentence ends nothing; words standing alone between two blank lines are a heading
    expected = 0 if separators.count("\n\n") >= 2 else 1
    assert (matches.table["matched_text"] == phrase).sum() == expected


@given(st.lists(st.sampled_from(list("ab .,!\n“”'’-") + ["ab ", "ba ", ". ", "\n\n"]), max_size=60).map("".join))
def test_counts_equal_a_naive_reference_and_spans_are_valid_on_random_text(text):
    corpus = Corpus.from_texts([text]) if text.strip() else Corpus([])
    if not len(corpus.documents):
        return
    matches = find_matches(corpus, Lexicon.from_phrases(["ab ba"]))
    assert_spans_are_exact(matches, corpus)
    assert len(matches) == naive_count(["ab", "ba"], text)


def independent_counts_by_year(archive, regexes):
    """Read the archive with tarfile alone and count regular expressions per year (one Counter each)."""
    import tarfile
    from collections import Counter

    counts: list[Counter[int]] = [Counter() for _ in regexes]
    name = re.compile(r".*/Session \d+ - (\d{4})/[A-Z]{2,4}_\d+_\d{4}\.txt")
    with tarfile.open(archive, "r|gz") as tar:
        for member in tar:
            found = name.fullmatch(member.name)
            if member.isfile() and found and not member.name.rsplit("/", 1)[-1].startswith("._"):
                extracted = tar.extractfile(member)
                assert extracted is not None  # a regular file
                text = extracted.read().decode("utf-8-sig")
                for regex, counter in zip(regexes, counts):
                    counter[int(found.group(1))] += len(regex.findall(text))
    return counts


@pytest.mark.ungdc
def test_counts_by_year_on_the_un_corpus_equal_an_independent_regular_expression(ungdc_path):
    from toolkit.formulae.counts import count_matches
    from toolkit.io import iter_corpus

    if not str(ungdc_path).endswith(".tgz"):
        pytest.skip("the independent count reads the .tgz archive")
    full, peace = "in all its forms and manifestations", "international peace and security"
    matches = find_matches(iter_corpus(ungdc_path), Lexicon.from_phrases([full, peace]))
    # whitespace between the words; for the second, any whitespace or punctuation, page breaks (blank lines)
    # included, but no sentence end
    separator = r"(?:(?![.!?\u2026])[\W_])+"
    regexes = [re.compile(r"\s+".join(full.split()), re.IGNORECASE),
               re.compile(r"(?<![^\W_])" + separator.join(peace.split()) + r"(?![^\W_])", re.IGNORECASE)]
    expected_full, expected_peace = independent_counts_by_year(ungdc_path, regexes)
    for phrase, expected in ((full, expected_full), (peace, expected_peace)):
        by_year = count_matches(matches.select(phrase), by="year")
        assert dict(zip(by_year["year"], by_year["n_matches"])) == \
            {year: expected.get(year, 0) for year in by_year["year"]}, phrase
        assert len(by_year) == 79
    texts = matches.table["matched_text"]
    assert (matches.table["formula"] == full).sum() == 341 and (matches.table["formula"] == peace).sum() == 8370
    assert 100 <= texts[matches.table["formula"] == full].str.contains("\n").sum() <= 120  # a third across lines
    assert texts.str.contains(r"\n[^\S\n]*\n").sum() == 3  # across a page break: GHA_47_1992, DZA_47_1992, ...
    assert matches.statements["n_tokens"].sum() == 32_235_403


PIECES = st.sampled_from(["in", "all", "its", "forms", "and", "manifestations", "terrorism", "condemn", "condemned",
                          "strongly", "the", "attack", "1,000", "2.5", "of", "rejects", "within", "İn", "Straße",
                          "é", "’s", "ALL", "Forms"])
GLUE = st.sampled_from([" ", "  ", "\n", "\n\n", ". ", ", ", "“", "” ", " — ", "\u00a0", "-", "_", "", "! ", "…\n"])
TEXTS = st.lists(st.tuples(PIECES, GLUE), max_size=40).map(lambda parts: "".join(a + b for a, b in parts))
PATTERNS = st.lists(st.sampled_from([
    "in all [of] its|their forms", "in all its forms and manifestations", "condemn*", "strongly condemn*",
    "condemn* _{0,2} strongly", "reject* _{0,6} terrorism", "[the] attack", "all forms", "1,000", "forms and",
    "terrorism in all", "the attack|attacks", "its forms|form",
]), min_size=1, max_size=5, unique=True)


@given(st.lists(TEXTS, min_size=1, max_size=4), PATTERNS)
def test_the_prefiltered_engine_finds_exactly_what_reading_every_token_finds(texts, patterns):
    from toolkit.formulae.scan import hyperscan_available

    if not hyperscan_available():
        pytest.skip("hyperscan is not installed: the matcher reads every token")
    matcher = Matcher(Lexicon.from_phrases(patterns))
    assert matcher.prefilter is not None
    assert matcher.match_texts(texts) == [matcher._match_all(text) for text in texts]


@pytest.mark.ungdc
def test_the_prefiltered_engine_equals_reading_every_token_on_a_sample_of_the_un_corpus(ungdc_path):
    from toolkit.formulae.scan import hyperscan_available
    from toolkit.io import default_lexicon, iter_corpus

    if not hyperscan_available():
        pytest.skip("hyperscan is not installed: the matcher reads every token")
    texts = [doc.text for k, doc in enumerate(iter_corpus(ungdc_path)) if k % 40 == 0]
    matcher = Matcher(default_lexicon())
    found = matcher.match_texts(texts)
    assert found == [matcher._match_all(text) for text in texts]
    assert sum(len(hits) for _, hits in found) > 1000


def test_a_stream_is_read_ahead_and_its_errors_reach_the_caller_in_order():
    from toolkit.errors import InputError
    from toolkit.text.corpus import Document

    def stream(fail: bool):
        for k in range(5):
            yield Document(f"d{k}", "We condemn terrorism in all its forms. " * 30000)  # a batch each
        if fail:
            raise InputError("unreadable archive: truncated", source="corpus.tgz")

    lexicon = Lexicon.from_phrases(["in all its forms"])
    assert len(find_matches(stream(False), lexicon)) == 5 * 30000
    with pytest.raises(InputError, match="corpus.tgz: unreadable archive"):
        find_matches(stream(True), lexicon)
    partial = iter_statement_matches(stream(True), lexicon)
    assert next(partial).statement.doc_id == "d0"  # stopping early leaves no reader behind
    partial.close()


TABLE_COLUMNS = {"id": "ref", "text": "body", "actor": "country", "actor_id": "iso", "date": "published"}


def test_the_statements_carry_their_documents_metadata_after_the_statement_columns(tmp_path):
    from toolkit.formulae.match import STATEMENT_COLUMNS
    from toolkit.io import read_table, read_ungdc

    # a table's own columns (one of them named like a statement column), sorted as Corpus.to_frame sorts them
    rows = pd.read_csv(DATA / "tables" / "statements.csv").assign(source="wire", bloc=["G7", "EU", None, "OIC"])
    rows.to_csv(tmp_path / "t.csv", index=False)
    corpus = read_table(tmp_path / "t.csv", columns=TABLE_COLUMNS)
    statements = find_matches(corpus, default_lexicon()).statements
    assert list(statements.columns) == STATEMENT_COLUMNS + ["bloc", "meta_source", "outlet"]
    assert statements["bloc"].tolist() == ["G7", "EU", "OIC"] and set(statements["outlet"]) == {"Test Wire"}
    assert statements["source"].str.startswith(str(tmp_path)).all()  # the file, not the table's own column
    # the UN corpus's session, an int column
    un = find_matches(read_ungdc(DATA / "ungdc_mini"), default_lexicon()).statements
    assert un["session"].tolist() == [1, 79, 79] and str(un["session"].dtype) == "int64"
    # a corpus without metadata has the statement columns only
    assert list(find_matches(read_texts(SEED), default_lexicon()).statements.columns) == STATEMENT_COLUMNS


def test_hits_join_the_metadata_of_their_statements():
    from toolkit.io import read_ungdc

    matches = find_matches(read_ungdc(DATA / "ungdc_mini"), default_lexicon())
    assert list(matches.table.columns) == MATCH_COLUMNS  # the table itself is unchanged
    hits = matches.hits()
    assert list(hits.columns) == MATCH_COLUMNS + ["date", "source", "session"] and len(hits) == len(matches)
    sessions = dict(zip(matches.statements["statement_id"], matches.statements["session"]))
    assert hits["session"].tolist() == [sessions[s] for s in hits["statement_id"]]
    pd.testing.assert_frame_equal(hits[MATCH_COLUMNS], matches.table)


def test_select_filters_statements_by_their_columns_and_keeps_the_subsets_denominators(tmp_path):
    from toolkit.formulae.counts import count_matches
    from toolkit.io import read_table

    rows = pd.read_csv(DATA / "tables" / "statements.csv").assign(bloc=["G7", "EU", None, "OIC"])
    rows.to_csv(tmp_path / "t.csv", index=False)
    matches = find_matches(read_table(tmp_path / "t.csv", columns=TABLE_COLUMNS), default_lexicon())
    eu = matches.select(actor="European Union")
    assert eu.statements["actor"].tolist() == ["European Union"] and set(eu.table["actor"]) == {"European Union"}
    assert len(eu) == (matches.table["actor"] == "European Union").sum() > 0
    blocs = matches.select(bloc=["EU", "OIC"])
    assert blocs.statements["doc_id"].tolist() == ["s2", "s4"]
    assert count_matches(blocs, by="bloc")["n_tokens"].unique().tolist() == \
        matches.statements.set_index("bloc").loc[["EU", "OIC"], "n_tokens"].tolist()
    assert matches.select(year=range(2001, 2011)).statements.empty
    assert len(matches.select(year=range(2020, 2030)).statements) == 3
    both = matches.select("condolence", bloc={"EU", "G7"})
    assert set(both.table["family"]) == {"condolence"} and set(both.table["doc_id"]) == {"s1", "s2"}
    assert set(both.formulae["family"]) == {"condolence"}
    with pytest.raises(ParameterError, match=r"^The '\*\*columns' parameter of Matches\.select must be filters on "
                                             r"columns of the statements \(actor, actor_id, bloc, .*\)\. Got 'blok'"):
        matches.select(blok="EU")


def test_select_by_actor_none_or_unresolved_keeps_the_statements_without_an_actor():
    corpus = Corpus([Document("a", "We condemn it.", actor="Norway"), Document("b", "They condemn it.")])
    matches = find_matches(corpus, Lexicon.from_phrases(["condemn"]))
    assert matches.select(actor="unresolved").statements["doc_id"].tolist() == ["b"]
    assert matches.select(actor=[None, "Norway"]).statements["doc_id"].tolist() == ["a", "b"]
