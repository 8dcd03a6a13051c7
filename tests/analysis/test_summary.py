from toolkit import iter_corpus, read_texts, summarize_corpus

from ..paths import DATA, SEED


def test_summary_of_the_seed_article():
    summary = summarize_corpus(read_texts(SEED))
    assert (summary.documents, summary.statements, summary.tokens) == (1, 1, 531)
    assert summary.characters == len(SEED.read_bytes().decode("utf-8")) == 3708
    assert (summary.year_min, summary.year_max, summary.actors, summary.skipped) == (None, None, 0, ())


def test_summary_of_a_stream_collects_what_was_skipped_after_reading():
    summary = summarize_corpus(iter_corpus(DATA / "ungdc_mini"))
    assert (summary.documents, summary.year_min, summary.year_max, summary.actors) == (3, 1946, 2024, 3)
    record = summary.to_dict()
    assert record["n_skipped"] == len(record["skipped"]) == 5
    assert record["skipped_by_reason"]["macOS AppleDouble file, not a document"] == 2
