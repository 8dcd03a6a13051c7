"""The word lists of attribution are data: toolkit/data/attribution_words.yaml, read on first use."""

import subprocess
import sys
from dataclasses import fields

import pytest

from toolkit.attribution import words
from toolkit.attribution.words import AttributionWords, attribution_words
from toolkit.errors import InputError
from toolkit.io import shipped

from ..paths import ROOT

FILE = shipped.DATA / "attribution_words.yaml"


def test_every_list_of_the_file_loads_non_empty_and_in_lower_case():
    lists = shipped.word_lists("attribution_words")
    listed = [f.name for f in fields(AttributionWords) if f.name not in ("reporting_forms", "source_nouns")]
    assert list(lists) == listed  # the file's order is the class's
    for name, found in lists.items():
        assert found, name
        assert all(w and w == w.lower() and w == w.strip() for w in found), name
    loaded = attribution_words()
    assert loaded is attribution_words()  # read once
    assert all(getattr(loaded, f.name) for f in fields(AttributionWords))


def test_each_list_has_a_comment_above_it_saying_what_it_is_for():
    lines = FILE.read_text(encoding="utf-8").splitlines()
    for name in shipped.word_lists("attribution_words"):
        at = next(k for k, line in enumerate(lines) if line.startswith(f"{name}:"))
        assert lines[at - 1].startswith("# "), name


def test_the_reporting_forms_are_derived_from_the_lemmas_with_their_irregular_forms():
    lists = attribution_words()
    assert {"condemn", "condemns", "condemned", "condemning"} <= lists.reporting_forms
    assert {"deny", "denies", "denied", "denying", "express", "expresses", "voicing"} <= lists.reporting_forms
    assert {"said", "told", "spoke", "spoken", "wrote", "written", "sent"} <= lists.reporting_forms
    assert "condemnation" not in lists.reporting_forms
    assert lists.irregular_forms["say"] == ("said",)
    assert lists.source_nouns == lists.statement_nouns | {"source", "sources"}


def test_the_constants_of_earlier_releases_still_work_with_a_future_warning():
    with pytest.warns(FutureWarning, match=r"REPORTING_LEMMAS was replaced by attribution_words\(\).reporting_lemmas"):
        old = words.REPORTING_LEMMAS
    assert old == attribution_words().reporting_lemmas
    with pytest.warns(FutureWarning, match="source_nouns"):
        assert words.SOURCE_NOUNS == attribution_words().source_nouns
    with pytest.raises(AttributeError, match="NO_SUCH_LIST"):
        words.NO_SUCH_LIST  # noqa: B018


def test_no_module_of_attribution_reads_the_lists_at_import():
    code = ("import toolkit.attribution, toolkit.attribution.layout, toolkit.attribution.speakers\n"
            "from toolkit.io import shipped\n"
            "from toolkit.attribution.words import attribution_words\n"
            "print(shipped.word_lists.cache_info().currsize, attribution_words.cache_info().currsize)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0", "0"]


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of the shipped data folder that a test may spoil; the readers' caches are emptied around it."""
    monkeypatch.setattr(shipped, "DATA", tmp_path)
    shipped.shipped_text.cache_clear()
    shipped.word_lists.cache_clear()
    yield tmp_path
    shipped.shipped_text.cache_clear()
    shipped.word_lists.cache_clear()


def read_spoiled(folder, old, new):
    text = FILE.read_text(encoding="utf-8")
    assert old in text
    (folder / "attribution_words.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[:text.index(old)].count("\n") + 1
    return line, attribution_words.__wrapped__  # the reader itself, not the cached lists of the real file


def test_a_word_in_capitals_is_an_error_naming_the_file_and_the_line_of_its_list(data_copy):
    line, read = read_spoiled(data_copy, "media_words: news agency", "media_words: news Agency")
    with pytest.raises(InputError, match=rf"attribution_words\.yaml:{line}: the list 'media_words' must hold "
                                         r"lower-case words; got 'Agency'"):
        read()


def test_broken_yaml_is_an_error_naming_the_file_and_line(data_copy):
    line, read = read_spoiled(data_copy, "epithets: neighbouring", "epithets: [neighbouring")
    with pytest.raises(InputError, match=r"attribution_words\.yaml:\d+: not valid YAML") as caught:
        read()
    assert caught.value.line >= line


def test_an_unknown_or_missing_list_is_an_error_naming_the_file(data_copy):
    line, read = read_spoiled(data_copy, "months:", "weeks:")
    with pytest.raises(InputError, match=rf"attribution_words\.yaml:{line}: unknown list 'weeks'; the lists of "
                                         r"attribution are reporting_lemmas, "):
        read()
    shipped.shipped_text.cache_clear()
    shipped.word_lists.cache_clear()
    _, read = read_spoiled(data_copy, "first_person: we i\n", "")
    with pytest.raises(InputError, match=r"attribution_words\.yaml: the list 'first_person' is missing"):
        read()


@pytest.mark.parametrize("entry", ["tall told", "tell", "say spoke"])
def test_an_irregular_form_of_no_reporting_verb_or_given_twice_is_an_error_naming_its_line(data_copy, entry):
    line, read = read_spoiled(data_copy, "  - tell told", f"  - {entry}")
    with pytest.raises(InputError, match=rf"attribution_words\.yaml:{line}: an irregular form is a reporting verb "
                                         rf"given once, then its forms \('say said'\); got '{entry}'"):
        read()
