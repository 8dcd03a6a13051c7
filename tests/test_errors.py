# This module hands public functions the wrong types on purpose, to check that they refuse them with one line:
# mypy: disable-error-code="arg-type, list-item, call-overload, call-arg, operator, union-attr"
import pytest

from toolkit.errors import ClusterUnavailable, InputError, MissingDependency, ParameterError, SetupError, ToolkitError
from toolkit.validation import check_parameter


def test_input_error_names_file_line_and_column():
    err = InputError("missing field 'actor'", source="corpora/x.jsonl", line=41, column=7)
    assert str(err) == "corpora/x.jsonl:41:7: missing field 'actor'"
    assert err.exit_code == 1


def test_input_error_message_is_always_one_line():
    err = InputError("bad\nthing\r\nhere", source="a.csv")
    assert str(err) == "a.csv: bad thing here"
    assert "\n" not in str(ToolkitError("two\nlines"))


def test_input_error_with_byte_offset():
    assert str(InputError("invalid UTF-8", source="a.txt", line=2, offset=17)) == "a.txt:2: byte 17: invalid UTF-8"


def test_parameter_error_uses_the_one_template_and_exit_status_2():
    template = r"^The 'window' parameter of kwic must be an int >= 0\. Got -3 instead\.$"
    with pytest.raises(ParameterError, match=template):
        check_parameter(-3, "window", owner="kwic", expected="an int >= 0", ok=False)
    assert ParameterError("x").exit_code == 2
    assert issubclass(ParameterError, ValueError) and issubclass(ParameterError, TypeError)


def test_what_the_environment_lacks_exits_3():
    assert SetupError("x").exit_code == 3
    missing = MissingDependency("the Dask back end", "dask", "condemnation-toolkit[dask]")
    assert isinstance(missing, SetupError) and missing.exit_code == 3
    assert str(missing) == ("the Dask back end needs 'dask', which is not installed: "
                            "pip install 'condemnation-toolkit[dask]'")
    assert ClusterUnavailable("cannot reach").exit_code == 3


def test_an_input_error_is_placed_once():
    err = InputError("cannot read date 'x'")
    assert str(err.at("t.csv", 4)) == "t.csv:4: cannot read date 'x'"
    placed = InputError("bad", source="a.csv", line=2)
    assert placed.at("b.csv", 9) is placed


# --- nothing but ToolkitError escapes a public function on bad input ------------------------------------------
def _bad_calls():
    import pandas as pd

    import toolkit as tk
    from toolkit.analysis.cluster import cluster_statements
    from toolkit.formulae.features import FormulaVectorizer
    from toolkit.text.corpus import parse_date

    corpus = tk.Corpus.from_texts(["We condemn it.", "We regret it.", "We deplore it."])
    lexicon = tk.Lexicon.from_phrases(["condemn"])
    matches = tk.find_matches(corpus, lexicon)
    gazetteer = tk.default_gazetteer()
    return [
        ("read_corpus(None)", lambda: tk.read_corpus(None)),
        ("read_corpus(3)", lambda: tk.read_corpus(3)),
        ("read_texts(missing)", lambda: tk.read_texts("no/such/folder")),
        ("read_table(columns=str)", lambda: tk.read_table("x.csv", columns="text=body")),
        ("iter_corpus(encoding)", lambda: tk.iter_corpus("x.txt", encoding_errors="ignore")),
        ("read_lexicon(None)", lambda: tk.read_lexicon(None)),
        ("normalize(None)", lambda: tk.normalize(None)),
        ("count_tokens(3)", lambda: tk.count_tokens(3)),
        ("token_spans(b'')", lambda: tk.token_spans(b"x")),
        ("compile_pattern(3)", lambda: tk.compile_pattern(3)),
        ("compile_pattern('[x')", lambda: tk.compile_pattern("[x")),
        ("Lexicon.from_phrases(str)", lambda: tk.Lexicon.from_phrases("condemn")),
        ("Lexicon.from_phrases([3])", lambda: tk.Lexicon.from_phrases([3])),
        ("Statement(id=None)", lambda: tk.Statement(None, "d", "x", 0, 1)),
        ("Statement(start='0')", lambda: tk.Statement("s", "d", "x", "0", 1)),
        ("Document(id=3)", lambda: tk.Document(3, "x")),
        ("Document(text=None)", lambda: tk.Document("d", None)),
        ("Document(year='x')", lambda: tk.Document("d", "x", year="1990")),
        ("Corpus(['x'])", lambda: tk.Corpus(["x"])),
        ("Corpus.from_texts(str)", lambda: tk.Corpus.from_texts("x")),
        ("Corpus.from_frame(None)", lambda: tk.Corpus.from_frame(None)),
        ("Corpus.to_frame('rows')", lambda: corpus.to_frame("statement")),
        ("parse_date(3.5)", lambda: parse_date(3.5)),
        ("find_matches(str)", lambda: tk.find_matches("We condemn it.", lexicon)),
        ("find_matches(lexicon=str)", lambda: tk.find_matches(corpus, "condemn")),
        ("find_matches(3)", lambda: tk.find_matches(3, lexicon)),
        ("count_matches(None)", lambda: tk.count_matches(None)),
        ("count_matches(by=3)", lambda: tk.count_matches(matches, by=3)),
        ("add_rates(None)", lambda: tk.add_rates(None)),
        ("sum_counts(rates)", lambda: tk.sum_counts(tk.count_matches(matches), by="doc")),
        ("kwic(None)", lambda: tk.kwic(None, corpus)),
        ("kwic(corpus=3)", lambda: tk.kwic(matches, 3)),
        ("kwic(window=-1)", lambda: tk.kwic(matches, corpus, window=-1)),
        ("head_words(None)", lambda: tk.head_words(None, corpus)),
        ("attribute_statements(str)", lambda: tk.attribute_statements("text", gazetteer)),
        ("attribute_statements(gazetteer=None)", lambda: tk.attribute_statements(corpus, None)),
        ("Gazetteer([3])", lambda: tk.Gazetteer([3])),
        ("evaluate_attribution(None)", lambda: tk.evaluate_attribution(None, None)),
        ("discover_formulae(str)", lambda: tk.discover_formulae("text")),
        ("discover_formulae(min_n='3')", lambda: tk.discover_formulae(corpus, min_n="3")),
        ("discover_formulae(lexicon=str)", lambda: tk.discover_formulae(corpus, lexicon="x")),
        ("promote_formulae(None)", lambda: tk.promote_formulae(None)),
        ("promote_formulae(no ngram)", lambda: tk.promote_formulae(pd.DataFrame({"x": [1]}))),
        ("formulaicity(None)", lambda: tk.formulaicity(None)),
        ("summarize_corpus(str)", lambda: tk.summarize_corpus("text")),
        ("tokenize_corpus(3)", lambda: tk.tokenize_corpus(3)),
        ("cluster_statements(str)", lambda: cluster_statements("text", features="tfidf")),
        ("cluster_statements(n_clusters=0)", lambda: cluster_statements(corpus, n_clusters=0, features="tfidf")),
        ("cluster_statements(2 statements)", lambda: cluster_statements(corpus.documents[:2], features="tfidf")),
        ("FormulaVectorizer(False)", lambda: FormulaVectorizer(False).fit_transform(["a"])),
        ("FormulaVectorizer(str)", lambda: FormulaVectorizer(lexicon).fit_transform("a")),
        ("write_table(None)", lambda: tk.write_table(None, "x.csv")),
        ("write_table(folder missing)", lambda: tk.write_table(pd.DataFrame({"a": [1]}), "no/such/x.csv")),
        ("evaluate_clusters(None)", lambda: tk.evaluate_clusters(None, [1])),
        ("Matches.select(missing)", lambda: matches.select(["nope"])),
        ("Lexicon.select(missing)", lambda: lexicon.select(["nope"])),
    ]


@pytest.mark.parametrize("name, call", _bad_calls(), ids=[name for name, _ in _bad_calls()])
def test_bad_input_to_a_public_function_raises_a_toolkit_error_only(name, call, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ToolkitError):
        call()
