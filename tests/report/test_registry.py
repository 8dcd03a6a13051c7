"""The figures are a registry: the page, the command line, the notes and the README derive from it."""

from __future__ import annotations

import ast
import inspect
import re
import string

import pytest

from toolkit.cli import build_parser
from toolkit.report import recipes
from toolkit.report.registry import FIGURES, NEEDS, PAGE_TABLES, Figure, figure_named, figure_table, numbers

from ..paths import ROOT


def test_each_figure_has_a_unique_number_and_name_in_order():
    assert [f.number for f in FIGURES] == sorted({f.number for f in FIGURES})
    assert len({f.name for f in FIGURES}) == len(FIGURES)
    for f in FIGURES:
        assert re.fullmatch(r"\d\d-[a-z0-9-]+", f.name) and f.needs in NEEDS and f.page_table in PAGE_TABLES
        assert figure_named(f.name) is f
    with pytest.raises(KeyError):
        figure_named("99-no-such-figure")


def test_every_recipe_is_registered_once_and_every_registered_recipe_exists():
    public = {name for name in recipes.__all__ if inspect.isfunction(getattr(recipes, name))}
    assert sorted(f.recipe for f in FIGURES) == sorted(public)
    for f in FIGURES:
        assert list(inspect.signature(getattr(recipes, f.recipe)).parameters) == ["inputs"]


def test_titles_and_captions_name_only_fields_that_their_recipe_fills(seed_drawn):
    """Every {field} of a template is filled by the drawing (built on the attributed seed)."""
    for built in seed_drawn:
        for template in (built.spec.title, built.spec.caption):
            fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
            assert fields <= set(built.drawing.fields), built.name
        assert "{" not in built.title + built.caption


@pytest.fixture(scope="module")
def seed_drawn():
    from toolkit.io import read_corpus
    from toolkit.report.build import report_figures
    from toolkit.text.corpus import Corpus, Document

    from ..paths import SEED

    found, content = report_figures(read_corpus(SEED.parent), attribute=True)
    # every corpus figure is drawn on the seed; figure 8 as candidates (none significant), and with significant
    # phrases on statements of 30 actors who condemn alike: both fillings of its caption are checked
    assert content.omitted == []
    assert [f.name for f in found] == [f.name for f in FIGURES if f.needs == "corpus"]
    alike = Corpus([Document(f"d{k}", "We strongly condemn the heinous attack on the embassy. The talks go on. We met "
                                      f"the minister on day {k}.", actor=f"A{k}") for k in range(30)])
    drawn, _ = report_figures(alike)
    characteristic = [f for f in drawn if f.spec.number == 8]
    assert characteristic and characteristic[0].table["ngram"].tolist() == [
        "strongly condemn the heinous attack on the embassy"]
    return found + characteristic


def test_numbers_are_written_as_a_reader_writes_them():
    def fig(n: int) -> Figure:
        return Figure(n, "x", "t", "c", "s", "f", "corpus", "r")

    assert numbers([fig(1), fig(2), fig(3), fig(5)]) == "1-3 and 5"
    assert numbers([fig(6), fig(7), fig(10)]) == "6, 7 and 10"
    assert numbers(f for f in FIGURES if f.needs == "ungdc") == "6, 7 and 10-13"
    assert numbers([fig(4)]) == "4"
    assert numbers([fig(1), fig(2)]) == "1 and 2"


def test_the_guide_figure_table_is_the_registry():
    guide = (ROOT / "docs" / "guide" / "report.md").read_text(encoding="utf-8")
    assert figure_table() in guide, "docs/guide/report.md's figure table differs from registry.figure_table()"


def test_the_command_line_help_names_the_figures_from_the_registry():
    import argparse

    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    report = commands.choices["report"]
    helps = " ".join(a.help or "" for a in report._actions) + (report.description or "")
    un = numbers(f for f in FIGURES if f.needs == "ungdc")
    assert f"figures {un}" in helps and "Figures " + numbers(f for f in FIGURES if f.needs == "corpus") in helps


def _digits_of_names(text: str) -> list[int]:
    """Lines where code tests a figure by the digits of its name ("03", "03-...")."""
    tree = ast.parse(text)
    specs = {id(c) for node in ast.walk(tree) if isinstance(node, ast.FormattedValue) and node.format_spec
             for c in ast.walk(node.format_spec)}  # f"{x:10}" is a width, not a name
    found = []
    for node in ast.walk(tree):
        if id(node) not in specs and isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and re.fullmatch(r"\d\d(-[a-z-]*)?", node.value):
            found.append(node.lineno)
    return found


def test_no_code_recognises_a_figure_by_the_digits_of_its_name():
    for path in (ROOT / "toolkit").rglob("*.py"):
        assert _digits_of_names(path.read_text(encoding="utf-8")) == [], path
    assert _digits_of_names("if name.startswith('03'):\n    pass\n") == [1]
