import io
import re
from collections import defaultdict
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.analysis.discover import (
    DISCOVERY_COLUMNS,
    LocalPartitions,
    _trigram_cells,
    _trigram_marginals,
    check_discovery_options,
    discover_formulae,
    discovery_table,
    maximal_formulae,
    promote_formulae,
)
from toolkit.analysis.ngrams import Assigner, NgramPartition
from toolkit.attribution import attribute_statements
from toolkit.errors import ParameterError
from toolkit.formulae.lexicon import Lexicon
from toolkit.formulae.match import find_matches
from toolkit.io import default_gazetteer, default_lexicon, function_words, read_texts
from toolkit.text.corpus import Corpus, Document, Statement
from toolkit.text.normalize import fold_for_tokens
from toolkit.text.tokenized import tokenize_corpus
from toolkit.text.tokens import sentence_breaks, split_tokens, token_spans

from ..paths import SEED

SPEECHES = Corpus((
    Document("a1", "We condemn terrorism in all its forms and manifestations. The weather is fine.", actor="A",
             year=1990),
    Document("b1", "Terrorism in all its forms and manifestations must end. We like tea.", actor="B", year=1985),
    Document("c1", "Terrorism in all its forms and manifestations is a threat. Bread is good.", actor="C", year=1995),
    Document("a2", "We reject terrorism in all its forms and manifestations. Rain fell.", actor="A", year=2000),
    Document("d1", "The peaceful settlement of disputes. The peaceful settlement of disputes.", actor="D", year=2001),
))


def test_recurring_ngrams_are_found_with_their_ranges_first_use_and_example():
    table = discover_formulae(SPEECHES, min_actors=2)
    assert list(table.columns) == DISCOVERY_COLUMNS
    top = table.iloc[0]
    assert top.ngram == "terrorism in all its forms and manifestations"
    assert (top.n, top.frequency, top.n_statements, top.n_actors) == (7, 4, 4, 3)
    assert (top.first_year, top.first_actor) == (1985, "B")  # first by year, not by corpus order
    assert top.example_statement == "b1"
    assert SPEECHES.document("b1").text[top.example_start:top.example_end] == top.example_text
    assert top.example_text == "Terrorism in all its forms and manifestations"
    # the nested n-grams it accounts for are merged into it, and counted
    assert top.absorbed >= 5 and not (table.ngram == "in all its forms").any()
    # one actor repeating itself is not a formula by range
    assert not table.ngram.str.contains("peaceful settlement").any()
    one_speaker = discover_formulae(SPEECHES, min_actors=1, min_statements=1).ngram.tolist()
    assert "the peaceful settlement of disputes" in one_speaker


def test_ngrams_never_cross_a_sentence_end_and_frequencies_equal_a_naive_count():
    table = discover_formulae(SPEECHES, min_actors=1, min_statements=1, min_cohesion=0, absorb=1.0, top=None)
    assert not table.ngram.str.contains("manifestations we").any()
    texts = [d.text.lower() for d in SPEECHES]
    for row in table.itertuples():
        words = row.ngram.split()
        regex = r"(?<![^\W_])" + r"[^\w.!?]+".join(map(re.escape, words)) + r"(?![^\W_])"
        assert row.frequency == sum(len(re.findall(regex, t)) for t in texts), row.ngram


def test_association_scores_candidates_are_marked_when_the_lexicon_has_them_and_promoted():
    table = discover_formulae(SPEECHES, min_n=3, max_n=3, min_actors=2, absorb=1.0, lexicon=default_lexicon())
    assert table.association.notna().all() and (table.association > 0).all()
    full = discover_formulae(SPEECHES, min_actors=2, lexicon=default_lexicon())
    assert full.iloc[0].lexicon_formula == "all_forms/full" and full.iloc[0].in_lexicon
    promoted = promote_formulae(full.head(1), family="found", lexicon=False)
    assert [f.id for f in promoted.formulae] == ["found/terrorism_in_all_its_forms_and_manifestations"]
    assert len(find_matches(SPEECHES, promoted)) == 4
    combined = promote_formulae(full.head(1), lexicon=Lexicon.from_phrases(["condemn*"]))
    assert len(combined.families) == 2


def test_promoted_formulae_join_the_default_lexicon_unless_told_no_lexicon():
    table = pd.DataFrame({"ngram": ["the raid on the border post", "in the strongest terms"]})
    default = promote_formulae(table)
    assert [f.id for f in default.families] == [f.id for f in default_lexicon().families] + ["discovered"]
    alone = promote_formulae(table, lexicon=False)
    assert [f.id for f in alone.families] == ["discovered"] and alone.name == "discovered"
    assert [f.id for f in alone.formulae] == ["discovered/the_raid_on_the_border_post",
                                              "discovered/in_the_strongest_terms"]
    with pytest.raises(ParameterError, match="The 'candidates' parameter of promote_formulae must be a table of at "
                                             "least one candidate. Got an empty table instead."):
        promote_formulae(table.iloc[0:0])
    with pytest.raises(ParameterError, match="The 'lexicon' parameter of promote_formulae must be a Lexicon, None "
                                             "\\(the default lexicon\\) or False \\(no lexicon\\). Got True instead."):
        promote_formulae(table, lexicon=True)


def test_discovery_on_the_seed_article_is_reproducible():
    corpus = attribute_statements(read_texts(SEED), default_gazetteer()).corpus
    first = discover_formulae(corpus, lexicon=default_lexicon())
    pd.testing.assert_frame_equal(first, discover_formulae(corpus, lexicon=default_lexicon()))
    forms = first[first.ngram == "terrorism in all its forms"].iloc[0]
    # matched in context: the first example is the full formula ("... and manifestations")
    assert forms.n_actors == 5 and forms.lexicon_formula == "all_forms/full"


def test_words_shared_by_overlapping_statements_are_one_occurrence():
    text = ("Chad and Peru condemned the raid on the border post. "
            "Mali condemned the raid on the border post. Fiji condemned the raid on the border post.")
    shared = text.index("Mali")
    doc = Document("d", text, statements=(
        Statement("d:1", "d", text[:shared - 1], 0, shared - 1, actor="Chad"),
        Statement("d:2", "d", text[:shared - 1], 0, shared - 1, actor="Peru"),
        Statement("d:3", "d", text[shared:], shared, len(text), actor="Mali"),
    ))
    found = discover_formulae([doc], min_n=3, max_n=7, min_actors=2, min_statements=2)
    top = found.iloc[0]
    # The sentence of Chad and Peru is one place in the text: with Mali's two sentences, three occurrences.
    assert (top.ngram, top.frequency, top.n_statements, top.n_actors) == (
        "condemned the raid on the border post", 3, 3, 3)
    alone = discover_formulae([Document("d", text[:shared - 1], statements=doc.statements[:2])],
                              min_n=3, max_n=7, min_actors=2, min_statements=2, min_frequency=2)
    assert alone.empty  # one sentence said by two actors does not recur


def test_bad_parameters_are_refused():
    with pytest.raises(ParameterError, match="The 'min_n' parameter of discover_formulae must be an int >= 2"):
        discover_formulae(SPEECHES, min_n=1)
    with pytest.raises(ParameterError, match="'max_n'"):
        discover_formulae(SPEECHES, min_n=5, max_n=4)
    a_path: Any = "lexicon.yaml"
    with pytest.raises(ParameterError, match="The 'lexicon' parameter of discover_formulae must be a Lexicon, None"):
        discover_formulae(SPEECHES, lexicon=a_path)
    with pytest.raises(ParameterError, match="The 'options' parameter of discover_formulae must be names among "
                                             "'min_n', .*'lexicon'. Got 'min_actor', 'n' instead."):
        check_discovery_options({"min_actor": 2, "n": 3, "top": 5}, owner="discover_formulae")
    one_text: Any = "text"
    with pytest.raises(ParameterError, match="single str"):
        tokenize_corpus(one_text)
    assert discover_formulae(Corpus((Document("x", "one two"),))).empty


def test_checked_options_resolve_the_lexicon_and_check_again_unchanged():
    checked = check_discovery_options({"top": 5}, owner="discover_formulae")
    assert isinstance(checked["lexicon"], Lexicon) and checked["lexicon"].name == "default"  # None: the default
    assert check_discovery_options(checked, owner="discover_formulae") == checked
    none = check_discovery_options({"lexicon": False}, owner="discover_formulae")
    assert none["lexicon"] is False and check_discovery_options(none, owner="discover_formulae")["lexicon"] is False


@pytest.mark.ungdc
def test_discovery_on_the_un_corpus_finds_known_un_formulae_among_its_top_candidates(ungdc_path):
    from toolkit.io import iter_corpus

    tc = tokenize_corpus(iter_corpus(ungdc_path))
    table = discover_formulae(tc, min_n=4, max_n=6, min_actors=50, top=None, lexicon=default_lexicon())
    ranks = {}
    for phrase in ("in all its forms and manifestations", "international peace and security",
                   "the peaceful settlement of disputes"):
        row = table[table.ngram == phrase]
        assert len(row) == 1, phrase
        same_length = table[table.n == row.n.iloc[0]].reset_index(drop=True)
        ranks[phrase] = int(np.flatnonzero(same_length.ngram == phrase)[0])
        assert row.in_lexicon.iloc[0], phrase
    # among the top candidates of their length by actor range (the UN's ceremonial phrases, "election
    # as president of the general assembly", come first)
    for phrase, rank in ranks.items():
        n = len(phrase.split())
        assert rank < 0.15 * (table.n == n).sum(), (phrase, rank)
    row = table[table.ngram == "in all its forms and manifestations"].iloc[0]
    assert row.frequency == 341 and row.n_actors >= 100
    # the default lengths, 20 actors at least: the formula, its range, and no fragment that a longer row
    # accounts for
    table = discover_formulae(tc, min_actors=20)
    row = table[table.ngram == "in all its forms and manifestations"].iloc[0]
    assert (row.n, row.frequency) == (6, 341) and 100 <= row.n_actors <= 150 and row.n_statements <= 341
    assert (table.groupby("n").size() == 1000).all()
    frequency = dict(zip(table.ngram, table.frequency))
    for long in table.ngram[table.n > 3]:
        words = long.split()
        for m in range(3, len(words)):
            for i in range(len(words) - m + 1):
                short = " ".join(words[i:i + m])
                assert frequency.get(short, np.inf) * 0.9 > frequency[long], (short, long)


# ---------------------------------------------------------------------------
# A reference: every n-gram of every sentence as a tuple, places and ranges as Python sets
# ---------------------------------------------------------------------------
def occurrences_of(documents, max_n):
    """Each statement's tokens and spans, and where each n-gram (a tuple) occurs: (statement, token) pairs."""
    statements = []
    for doc in documents:
        for statement in doc.statements:
            text = statement.text
            tokens = split_tokens(fold_for_tokens(text).text)[0]
            spans = token_spans(text)
            breaks = set(sentence_breaks(text, tokens, [a for a, _ in spans], [b for _, b in spans]))
            sentence = np.cumsum([k in breaks for k in range(len(tokens))]).tolist()
            statements.append((statement, tokens, spans, sentence))
    found = defaultdict(set)
    for k, (_, tokens, _, sentence) in enumerate(statements):
        for n in range(1, max_n + 1):
            for i in range(len(tokens) - n + 1):
                if sentence[i] == sentence[i + n - 1]:
                    found[tuple(tokens[i:i + n])].add((k, i))
    return statements, found


def word_and_pair_counts(statements) -> tuple[dict[str, int], dict[tuple[int, str, str], int]]:
    """Each word's count, and each pair's at a gap of 1 and 2 words, over the statements' tokens."""
    unigrams: dict[str, int] = defaultdict(int)
    pairs: dict[tuple[int, str, str], int] = defaultdict(int)
    for _, tokens, _, _ in statements:
        for i, t in enumerate(tokens):
            unigrams[t] += 1
            for gap in (1, 2):
                if i + gap < len(tokens):
                    pairs[gap, t, tokens[i + gap]] += 1
    return unigrams, pairs


def reference_discovery(documents, *, min_n=3, max_n=8, min_statements=2, min_actors=2, min_frequency=2, top=1000,
                        min_cohesion=0.3, absorb=0.9):
    """discover_formulae the slow, obvious way, as its docstring describes it."""
    from nltk.metrics.association import TrigramAssocMeasures

    statements, found = occurrences_of(documents, max_n)

    def place(k, i):  # one place in the document, however many statements share it
        st, _, spans, _ = statements[k]
        return st.doc_id, st.start + spans[i][0]

    def actor(k):
        st = statements[k][0]
        return st.actor_id if st.actor_id is not None else st.actor

    freq = {g: len({place(k, i) for k, i in o}) for g, o in found.items()}
    n_statements = {g: len({k for k, _ in o}) for g, o in found.items()}
    n_actors = {g: len({actor(k) for k, _ in o} - {None}) for g, o in found.items()}
    cohesion = {g: freq[g] / max(freq[g[:-1]], freq[g[1:]]) for g in found if len(g) >= max(min_n, 2)}
    candidates = {g for g in cohesion if len(g) >= min_n and freq[g] >= min_frequency
                  and n_statements[g] >= min_statements and n_actors[g] >= min_actors and cohesion[g] >= min_cohesion}
    starting = defaultdict(list)  # (statement, token) -> lengths of the candidates starting there
    for g in candidates:
        for k, i in found[g]:
            starting[k, i].append(len(g))

    def covered(g):  # its places inside a longer candidate, in any statement having it there
        n = len(g)
        return len({place(k, i) for k, i in found[g]
                    if any(j + m >= i + n and m > n for j in range(i + 1) for m in starting.get((k, j), ()))})

    kept: set[tuple[str, ...]] = set()
    absorbed: dict[tuple[str, ...], int] = defaultdict(int)
    for n in range(max_n, min_n - 1, -1):
        for g in [g for g in candidates if len(g) == n]:
            containers = [c for c in kept if any(c[j:j + n] == g for j in range(len(c) - n + 1))]
            if containers and covered(g) >= absorb * freq[g]:
                absorbed[min(containers, key=lambda c: (-freq[c], -len(c), c))] += 1
            else:
                kept.add(g)
    chosen = []
    for n in range(min_n, max_n + 1):
        ranked = sorted((g for g in kept if len(g) == n), key=lambda g: (-n_actors[g], -n_statements[g], -freq[g], g))
        chosen += ranked if top is None else ranked[:top]
    unigrams, pairs = word_and_pair_counts(statements)
    rows = []
    for g in chosen:
        k, i = min(found[g], key=lambda o: (statements[o[0]][0].year or 10 ** 9, o))
        st, _, spans, _ = statements[k]
        start, end = spans[i][0], spans[i + len(g) - 1][1]
        association = np.nan
        if len(g) == 3:
            a, b, c = g
            cells = _trigram_cells(freq[g], (pairs[1, a, b], pairs[2, a, c], pairs[1, b, c]),
                                   (unigrams[a], unigrams[b], unigrams[c]), sum(unigrams.values()))
            association = TrigramAssocMeasures.likelihood_ratio(*_trigram_marginals(cells))
        rows.append({"ngram": " ".join(g), "n": len(g), "frequency": freq[g], "n_statements": n_statements[g],
                     "n_actors": n_actors[g], "cohesion": cohesion[g], "first_year": st.year, "first_actor": actor(k),
                     "absorbed": absorbed[g], "association": association, "example_statement": st.id,
                     "example_start": start, "example_end": end, "example_text": st.text[start:end]})
    return pd.DataFrame(rows, columns=[c for c in DISCOVERY_COLUMNS if c not in ("in_lexicon", "lexicon_formula")])


def assert_same_as_reference(documents, **options):
    got = discover_formulae(documents, lexicon=False, **options)  # the counts; marking is tested on its own
    expected = reference_discovery(documents, **options)
    columns = list(expected.columns)
    got = got[columns].sort_values(["n", "ngram"]).reset_index(drop=True)
    expected = expected.sort_values(["n", "ngram"]).reset_index(drop=True)
    expected["first_year"] = expected["first_year"].astype("Int64")
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    return got


WORDS = ["we", "condemn", "the", "attack", "in", "all", "its", "forms", "and", "peace"]
SEPARATORS = [" "] * 6 + [", ", ". ", "! ", "\n", "\n\n", " Mr. ", "-"]


@st.composite
def speeches(draw):
    """A few documents of a few words, sentence ends included, some with overlapping statements of several actors."""
    documents = []
    for d in range(draw(st.integers(1, 6))):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
        separators = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(words), max_size=len(words)))
        text = "".join(w + s for w, s in zip(words, separators))
        year = draw(st.none() | st.integers(1990, 1992))
        actors = draw(st.lists(st.sampled_from(["A", "B", "C", None]), min_size=1, max_size=3))
        if len(actors) == 1:
            documents.append(Document(f"d{d}", text, actor=actors[0], year=year))
            continue
        statements = []
        for k, actor in enumerate(actors):
            a, b = sorted(draw(st.tuples(st.integers(0, len(text)), st.integers(0, len(text)))))
            statements.append(Statement(f"d{d}:{k}", f"d{d}", text[a:b], a, b, actor=actor, year=year))
        documents.append(Document(f"d{d}", text, year=year, statements=tuple(statements)))
    return documents


@settings(max_examples=150)
@given(speeches(), st.fixed_dictionaries({
    "min_n": st.integers(2, 3), "max_n": st.integers(3, 5), "min_actors": st.integers(0, 2),
    "min_statements": st.integers(1, 2), "min_frequency": st.integers(1, 2), "top": st.none() | st.integers(1, 3),
    "min_cohesion": st.sampled_from([0, 0.3]), "absorb": st.sampled_from([0.5, 0.9, 1.0])}))
def test_discovery_equals_a_plain_count_of_token_tuples_on_random_corpora(documents, options):
    assert_same_as_reference(documents, **options)


def test_discovery_of_the_seed_article_equals_the_plain_count():
    corpus = attribute_statements(read_texts(SEED), default_gazetteer()).corpus
    assert len(assert_same_as_reference(corpus)) >= 5
    every = assert_same_as_reference(corpus, min_n=2, min_actors=1, min_statements=1, min_cohesion=0, top=None)
    assert len(every) > 10 and (every.absorbed > 0).sum() > 5


def test_merged_candidates_on_the_seed_are_maximal():
    corpus = attribute_statements(read_texts(SEED), default_gazetteer()).corpus
    absorb = 0.9
    table = discover_formulae(corpus, lexicon=default_lexicon(), absorb=absorb)
    statements, found = occurrences_of(corpus, 8)
    grams = [tuple(g.split()) for g in table.ngram]
    for short in grams:
        for long in grams:
            if len(long) <= len(short) or not any(long[j:j + len(short)] == short for j in range(len(long))):
                continue
            # the occurrences of the short one that lie inside the long one
            inside = {(k, i) for k, i in found[short] for j in range(len(long) - len(short) + 1)
                      if (k, i - j) in found[long] and long[j:j + len(short)] == short}
            assert len(inside) < absorb * len(found[short]), (short, long)
    # the absorbed ones are counted where they went, and the fragments of the longest phrase are not rows
    assert table.absorbed.sum() > 5
    assert "in all its forms" not in table.ngram.tolist()


def discover_in_partitions(documents, parts, **options):
    """Discovery with the documents cut into ``parts`` partitions in this process, as worker processes cut them."""
    assigner = Assigner(parts)
    shares: list[tuple[list[Document], list[int], list[int]]] = [([], [], []) for _ in range(parts)]
    for doc in documents:
        part, codes, numbers = assigner.assign(doc)
        shares[part][0].append(doc)
        shares[part][1].extend(codes)
        shares[part][2].extend(numbers)
    partitions = [NgramPartition(tokenize_corpus(docs), codes, numbers, shared=assigner.shared)
                  for docs, codes, numbers in shares]
    return discovery_table(LocalPartitions(partitions), len(assigner.codes),
                           check_discovery_options(options, owner="test"))


@settings(max_examples=100)
@given(speeches(), st.integers(2, 4), st.fixed_dictionaries({
    "min_n": st.integers(2, 3), "max_n": st.integers(3, 5), "min_actors": st.integers(0, 2),
    "min_frequency": st.integers(1, 2), "top": st.none() | st.integers(1, 3), "absorb": st.sampled_from([0.5, 0.9])}))
def test_partial_counts_of_partitions_sum_to_the_single_partition_table(documents, parts, options):
    pd.testing.assert_frame_equal(discover_in_partitions(documents, parts, lexicon=False, **options),
                                  discover_formulae(documents, lexicon=False, **options))


def test_partitions_mark_the_lexicon_as_one_partition_does():
    documents = list(attribute_statements(read_texts(SEED), default_gazetteer()).corpus)
    pd.testing.assert_frame_equal(discover_in_partitions(documents, 3), discover_formulae(documents))


def test_a_candidate_is_in_the_lexicon_when_a_formula_matches_inside_its_example():
    """Decided in the text: the condemnation family's "condemned" lies inside "condemned the attack"."""
    corpus = Corpus((Document("a", "Norway condemned the attack on Monday.", actor="Norway"),
                     Document("b", "Chile condemned the attack at once.", actor="Chile")))
    found = discover_formulae(corpus, min_actors=2, lexicon=default_lexicon())
    row = found[found.ngram == "condemned the attack"].iloc[0]
    assert row.in_lexicon and row.lexicon_formula.startswith("condemnation/")
    assert not discover_formulae(corpus, min_actors=2, lexicon=Lexicon.from_phrases(["solidarity"])).in_lexicon.any()
    # no lexicon given: the default lexicon marks them; lexicon=False: nothing is marked, all else the same
    pd.testing.assert_frame_equal(discover_formulae(corpus, min_actors=2), found)
    unmarked = discover_formulae(corpus, min_actors=2, lexicon=False)
    assert not unmarked.in_lexicon.any() and unmarked.lexicon_formula.isna().all()
    columns = [c for c in DISCOVERY_COLUMNS if c not in ("in_lexicon", "lexicon_formula")]
    pd.testing.assert_frame_equal(unmarked[columns], found[columns])


def test_maximal_formulae_leave_out_nested_and_function_word_fragments():
    words = function_words()
    grams = ["terrorism in all its forms", "condolences to the", "terrorism in all its forms and",
             "the families of the victims", "deepest condolences to the families", "condemned in the strongest",
             "condemned in the strongest terms"]
    table = pd.DataFrame({"ngram": grams, "frequency": [5, 9, 4, 6, 3, 4, 3]})
    kept = maximal_formulae(table, function_words=words)["ngram"].tolist()
    # 4 of the 5 uses of "terrorism in all its forms" are inside the longer one, which ends with "and" but
    # is covered by no phrase bounded by content words; "condolences to the" has one content word;
    # "the families of the victims" is kept: no content-bounded phrase covers it
    assert kept == ["terrorism in all its forms and", "the families of the victims",
                    "deepest condolences to the families", "condemned in the strongest terms"]
    assert maximal_formulae(table, function_words=words, top=2)["ngram"].tolist() == kept[:2]
    assert maximal_formulae(table, cover=1.0)["ngram"].tolist()[:2] == ["terrorism in all its forms",
                                                                        "condolences to the"]
    with pytest.raises(ParameterError, match="cover"):
        maximal_formulae(table, cover=0)
    cold = pd.DataFrame({"ngram": ["the cold war", "of the cold war", "the end of the cold war"],
                         "frequency": [10, 6, 4]})
    # "of the cold war" is "the cold war" cut at a function word; the longer phrase holds 4 of its 6 uses (< 3/4)
    assert maximal_formulae(cold, function_words=words)["ngram"].tolist() == ["the cold war", "the end of the cold war"]


# -- discovery by contrast ------------------------------------------------------------------------------
OWN_MAPPING = {"id": "ref", "actor": "country", "actor_id": "iso3", "year": "session_year", "text": "statement"}


def _own():
    from toolkit.io import read_corpus

    from ..paths import DATA
    return read_corpus(DATA / "own" / "statements.csv", columns=OWN_MAPPING)


def _plain_count(corpus, ngram: str) -> int:
    """Occurrences of an n-gram counted with split_tokens and sentence_breaks, sentence by sentence."""
    wanted, found = ngram.split(), 0
    for statement in corpus.statements:
        folded = fold_for_tokens(statement.text)
        tokens, starts, ends = split_tokens(folded.text)
        if not folded.is_identity:
            starts, ends = folded.spans_to_original(starts, ends)
        cuts = [0, *sentence_breaks(statement.text, tokens, starts, ends), len(tokens)]
        for a, b in zip(cuts[:-1], cuts[1:]):
            sentence = tokens[a:b]
            found += sum(sentence[i:i + len(wanted)] == wanted for i in range(len(sentence) - len(wanted) + 1))
    return found


def test_contrast_counts_each_candidate_in_the_reference_as_a_plain_sentence_by_sentence_count():
    from toolkit.analysis.intensity import condemnation_sentences
    target, reference = condemnation_sentences(_own())
    found = discover_formulae(target, reference=reference, min_actors=2, lexicon=False)
    assert len(found) >= 5
    assert found["n_reference"].tolist() == [_plain_count(reference, g) for g in found["ngram"]]
    assert found["frequency"].tolist() == [_plain_count(target, g) for g in found["ngram"]]


def test_contrast_columns_are_keynesss_statistics_of_the_counts_and_the_token_totals():
    from toolkit.analysis.discover import CONTRAST_COLUMNS
    from toolkit.analysis.intensity import condemnation_sentences
    from toolkit.analysis.keyness import log_likelihood, log_ratio, significant
    target, reference = condemnation_sentences(_own())
    found = discover_formulae(target, reference=reference, min_actors=2, lexicon=False)
    assert list(found.columns) == DISCOVERY_COLUMNS + CONTRAST_COLUMNS
    totals = [sum(len(split_tokens(fold_for_tokens(st.text).text)[0]) for st in c.statements)
              for c in (target, reference)]
    g2, p = log_likelihood(found["frequency"], found["n_reference"], *totals)
    assert np.allclose(found["log_likelihood"], g2) and np.allclose(found["p_value"], p)
    assert np.allclose(found["log_ratio"], log_ratio(found["frequency"], found["n_reference"], *totals))
    assert found["significant"].tolist() == significant(found["p_value"]).tolist()
    # "in the strongest terms": three condemnations of three actors, never outside a condemnation
    top = found.iloc[0]
    assert (top["ngram"], top["frequency"], top["n_actors"], top["n_reference"]) == ("in the strongest terms", 3, 3, 0)


def test_contrast_ranks_the_significant_candidates_first_by_log_ratio():
    target = Corpus([Document(f"t{k}", "We condemn the heinous attack. The talks go on.", actor=f"A{k}")
                     for k in range(30)])
    reference = Corpus([Document(f"r{k}", "The talks go on. The talks go on. We met.", actor=f"B{k}")
                        for k in range(30)])
    found = discover_formulae(target, reference=reference, min_actors=2, min_n=2, lexicon=False)
    assert found["ngram"].tolist()[0] == "we condemn the heinous attack"
    assert found["significant"].tolist() == [True, True]
    assert found["log_ratio"].iloc[0] > 0 > found["log_ratio"].iloc[1]  # the talks: the reference's
    assert found["ngram"].iloc[1] == "the talks go on"


def test_contrast_with_a_mask_of_statements_equals_the_contrast_with_the_two_parts_as_corpora():
    corpus = _own()
    years = np.array([st.year for st in corpus.statements])
    by_mask = discover_formulae(corpus, reference=years < 2010, min_actors=2, lexicon=False, min_n=2)
    late = Corpus([d for d in corpus if d.year >= 2010])
    early = Corpus([d for d in corpus if d.year < 2010])
    by_corpora = discover_formulae(late, reference=early, min_actors=2, lexicon=False, min_n=2)
    assert len(by_mask) > 0
    pd.testing.assert_frame_equal(by_mask, by_corpora)


def test_contrast_refuses_a_mask_of_the_wrong_length_and_a_mask_over_a_tokenized_corpus():
    n = len(SPEECHES.statements)
    with pytest.raises(ParameterError, match=f"one entry per statement \\({n}\\).*Got a mask of 2 entries"):
        discover_formulae(SPEECHES, reference=np.array([True, False]))
    with pytest.raises(ParameterError, match="'corpus' parameter of discover_formulae must be a Corpus or documents"):
        discover_formulae(tokenize_corpus(SPEECHES), reference=np.arange(n) % 2 == 0)


def test_ngram_counts_count_a_place_shared_by_overlapping_statements_once_as_discovery_does():
    from toolkit.analysis.discover import ngram_counts
    corpus = attribute_statements(read_texts(SEED), default_gazetteer()).corpus
    found = discover_formulae(corpus, min_actors=2, lexicon=False)
    counts, _ = ngram_counts(tokenize_corpus(corpus), found["ngram"].tolist())
    assert counts.tolist() == found["frequency"].tolist()


def test_condemn_discover_contrast_prints_the_contrast_of_condemnation_sentences_python_gives(capsys):
    from toolkit.analysis.intensity import condemnation_sentences
    from toolkit.cli import main

    from ..paths import DATA
    columns = ",".join(f"{field}={column}" for field, column in OWN_MAPPING.items())
    status = main(["discover", str(DATA / "own" / "statements.csv"), "--columns", columns, "--contrast"])
    out, err = capsys.readouterr()
    assert status == 0 and err == ""
    table = pd.read_csv(io.StringIO(out), keep_default_na=False)
    target, other = condemnation_sentences(_own())
    expected = discover_formulae(target, reference=other)
    assert table["ngram"].tolist() == expected["ngram"].tolist()
    assert table["n_reference"].tolist() == expected["n_reference"].tolist()
    assert np.allclose(table["log_ratio"], expected["log_ratio"], atol=1e-3)
    assert table["ngram"].iloc[0] == "in the strongest terms"
