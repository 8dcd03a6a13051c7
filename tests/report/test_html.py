"""The report page: self-contained, escaped, and laid out from the registry's entries."""

from __future__ import annotations

import re

import pandas as pd

from toolkit.report.html import PageContent, html_table, kwic_html, render_page
from toolkit.report.registry import BuiltFigure, Drawing, Figure


def _built(number: int, page_table, *, key_heading=None, key=None) -> BuiltFigure:
    spec = Figure(number, f"thing-{number}", "Title of {what}", "Caption <b>{what}</b>.", "s", "f", "corpus", "r",
                  page_table=page_table, key_heading=key_heading)
    table = pd.DataFrame({"actor": ["A & B"], "share": [0.123456]})
    return BuiltFigure(spec, Drawing(None, table, {"what": f"figure {number}"}, key_table=key))


def test_a_table_shows_its_first_rows_with_three_digits_and_blank_missing_values():
    table = pd.DataFrame({"year": pd.array([2001, None] * 15, dtype="Int64"), "rate": [1 / 3] * 30})
    page = html_table(table, rows=4)
    assert page.count("<tr") == 5 and "0.333" in page and "0.3333" not in page
    assert "&lt;NA&gt;" not in page and "<NA>" not in page
    assert "The first 4 of 30 rows; all are in the CSV." in page
    assert "The first" not in html_table(table, rows=30)


def test_kwic_lines_are_escaped_with_the_hit_marked_and_whitespace_collapsed():
    lines = pd.DataFrame({"doc_id": ["d<1>"], "actor": ["X"], "year": [2001], "left": ["a  <b>\nc"],
                          "matched_text": ["in all\nits forms"], "right": [" & more"]})
    page = kwic_html(lines)
    assert "<mark>in all its forms</mark>" in page and "a &lt;b&gt; c" in page and "&amp; more" in page
    assert "d&lt;1&gt; X 2001" in page


def test_the_page_lays_out_each_figure_as_its_registry_entry_says():
    clusters = pd.DataFrame({"cluster": [0], "size": [3]})
    figures = [_built(1, "table"), _built(2, "key", key_heading="The clusters", key=clusters), _built(3, None)]
    files = {f"{f.name}.png": b"\x89PNG" for f in figures}
    content = PageContent(notes=["Figure 4 (04-x) was left out: <no actors>."],
                          attribution=pd.DataFrame({"statement_id": ["d:1"], "actor": ["France"], "cue": ["said"]}),
                          kwic=pd.DataFrame({"doc_id": ["d"], "left": ["we condemn"], "matched_text": ["terrorism"],
                                             "right": ["."]}), kwic_label="In all its forms")
    page = render_page(figures, files, content, [("seeds", "ab" * 32)])
    sections = re.findall(r"<section id='([^']+)'>(.*?)</section>", page, re.S)
    assert [name for name, _ in sections] == ["01-thing-1", "02-thing-2", "03-thing-3"]
    first, second, third = (body for _, body in sections)
    assert "<h2>Title of figure 1</h2>" in first and "Caption &lt;b&gt;figure 1&lt;/b&gt;." in first
    assert "A &amp; B" in first and "0.123" in first  # the table it plots
    assert "<h3>The clusters</h3>" in second and "A &amp; B" not in second  # its key table instead
    assert "<table" not in third  # nothing beside it
    assert "01-thing-1.csv" in first and "data:image/png;base64," in first
    assert "was left out: &lt;no actors&gt;." in page
    assert "<h2>Statements by actor</h2>" in page and "France" in page
    assert "In context: every hit of \u201cin all its forms\u201d" in page
    assert "<code>" + "ab" * 32 + "</code>" in page
    assert not re.search(r"(src|href)=['\"](https?:)?//", page)
