"""The report on a researcher's own data: every hit counted, and notes, numbers and names that tell the truth."""

import json
import re

import pandas as pd
import pytest

from toolkit import report
from toolkit.formulae.lexicon import Lexicon
from toolkit.formulae.match import find_matches
from toolkit.io import read_corpus, read_texts
from toolkit.report.html import PageContent, html_table, render_page
from toolkit.report.tables import dispersion_table
from toolkit.text.corpus import Corpus, Document

from ..paths import DATA, ROOT

OWN = DATA / "own" / "statements.csv"
OWN_COLUMNS = {"id": "ref", "actor": "country", "actor_id": "iso3", "year": "session_year", "text": "statement"}


@pytest.fixture(scope="module")
def own_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("own")
    lines: list[str] = []
    report.build_report(OWN, out, attribute=True, columns=OWN_COLUMNS, ungdc=False, log=lines.append)
    return out, lines


def test_a_report_with_attribution_on_a_table_with_an_actor_column_counts_every_hit(own_report):
    out, lines = own_report
    hits = find_matches(read_corpus(OWN, columns=OWN_COLUMNS)).table
    heatmap = pd.read_csv(out / "01-actor-family-heatmap.csv")
    bars = pd.read_csv(out / "02-formula-hits-by-formulaicity.csv")
    # the rows were split again by the news-article attribution: 17 of the 36 hits were left
    assert heatmap["n_matches"].sum() == bars["n_matches"].sum() == len(hits) == 36
    assert set(heatmap["actor"]) == set(read_corpus(OWN, columns=OWN_COLUMNS).to_frame()["actor"])
    page = (out / "report.html").read_text()
    assert "outside every statement" not in page and not any("outside every statement" in line for line in lines)


def test_a_report_of_a_news_article_says_how_many_hits_lie_outside_every_statement(tmp_path):
    article = DATA / "articles" / "others.txt"
    lexicon = Lexicon.from_phrases(["attack*", "victim*"])
    lines: list[str] = []
    report.build_report(article, tmp_path, attribute=True, lexicon=lexicon, ungdc=False, log=lines.append)
    corpus = read_texts(article)
    found, content = report.report_figures(corpus, lexicon=lexicon, attribute=True)
    # counted apart: every hit of the whole text, less those some actor's statement holds
    attributed = report.build.attribute_statements(corpus, report.build.default_gazetteer())
    expected = len(find_matches(corpus, lexicon).table) - len(find_matches(attributed.corpus, lexicon).document_hits())
    assert content.hits_outside == expected == 1
    said = [line for line in lines if "outside every statement" in line]
    assert said == ["report: 1 hit of the lexicon lies outside every statement (text of a news article that no actor "
                    "was found to say, such as the reporter's own words); the figures count only what actors said "
                    "(toolkit.attribution.hits_outside_statements lists them)."]
    assert "1 hit of the lexicon lies outside every statement" in (tmp_path / "report.html").read_text()


def test_the_heatmap_never_shows_actors_without_hits_in_place_of_others_and_its_note_says_so():
    docs = [Document("a", "We condemn it. We condemn it.", actor="Aland"),
            Document("b", "We condemn it.", actor="Bria")]
    docs += [Document(k, "We regret nothing here.", actor=name) for k, name in (("c", "Cora"), ("d", "Dora"),
                                                                                  ("e", "Esta"))]
    found, _ = report.report_figures(Corpus(docs), lexicon=Lexicon.from_phrases(["condemn*"]), top_actors=3)
    heatmap = {f.name: f for f in found}["01-actor-family-heatmap"]
    assert heatmap.table["actor"].tolist() == ["Aland", "Bria"]  # not Cora, whose 0 hits are Dora's and Esta's
    assert heatmap.table.attrs == {"n_actors": 5, "left_out": 3, "left_out_without_hits": 3, "tied": False}
    note = heatmap.figure._supxlabel.get_text()
    assert note.startswith("3 actors without hits are left out (5 in all")
    assert "the 2 actors with the most hits" in heatmap.caption
    found, _ = report.report_figures(Corpus(docs), lexicon=Lexicon.from_phrases(["condemn*"]), top_actors=1)
    note = {f.name: f for f in found}["01-actor-family-heatmap"].figure._supxlabel.get_text()
    assert note.startswith("1 actor with fewer hits and 3 actors without hits are left out (5 in all")


def test_the_page_prints_years_as_years_and_missing_codes_blank():
    table = pd.DataFrame({"actor": ["Nepal", "unresolved"], "actor_id": ["NPL", None], "median_year": [2007.0, 2006.5],
                          "first_year": pd.array([2001, None], dtype="Int64"), "share": [0.123456, 2345.6]})
    page = html_table(table)
    assert "<td>2007</td>" in page and "<td>2006.5</td>" in page and "<td>2001</td>" in page
    assert "None" not in page and "e+03" not in page and "&lt;NA&gt;" not in page and "nan" not in page
    assert "<td>0.123</td>" in page and "<td>2346</td>" in page


def test_the_report_page_of_own_statements_shows_the_clusters_years_as_years(own_report):
    out, _ = own_report
    page = (out / "report.html").read_text()
    assert not re.search(r"\d\.\d+e\+0\d", page) and ">None<" not in page
    clusters = re.search(r"The clusters and what defines them.*?</table>", page, re.S)
    assert clusters is not None and re.search(r"<td>20[01]\d(\.5)?</td>", clusters.group())


def test_a_figure_left_out_is_said_on_the_page_where_it_would_be_and_why():
    corpus = read_corpus(OWN, columns=OWN_COLUMNS)
    found, content = report.report_figures(Corpus(corpus.documents[:1]))
    assert [spec.name for spec, _ in content.omitted] == ["03-statement-similarity", "04-statement-map",
                                                          "08-discovered-formulae"]
    reason = {spec.number: why for spec, why in content.omitted}[8]
    assert reason == ("no sentence holds a condemnation cue of the speakers' own (the intensity scale's cues of "
                      "level 2 and above), so there is nothing to contrast")
    files = {f"{f.name}.png": b"\x89PNG" for f in found}
    page = render_page(found, files, content, [])
    section = re.search(r"<section id='08-discovered-formulae'>.*?</section>", page)
    assert section is not None and "was left out" in section.group() and "nothing to contrast" in section.group()
    assert page.index("id='05-formula-dispersion'") < page.index("id='08-discovered-formulae'") < \
        page.index("id='09-intensity-by-actor'")
    assert "<a href='#08-discovered-formulae'>Figure 8 (08-discovered-formulae)</a>: left out" in page


def test_dispersion_rows_are_labelled_by_the_actor_not_the_statement_id(tmp_path):
    table = tmp_path / "statements_renamed.csv"
    pd.read_csv(OWN).drop(columns="ref").head(5).to_csv(table, index=False)
    corpus = read_corpus(table, columns={k: v for k, v in OWN_COLUMNS.items() if k != "id"})
    assert corpus.documents[0].id == "statements_renamed:1"
    lexicon = Lexicon.from_phrases(["the terrorist attacks", "condolences"] + ["in the strongest terms"])
    rows = dispersion_table(find_matches(corpus, lexicon), corpus, lexicon)
    assert rows.attrs["form"] == "documents"
    labels = dict(zip(rows["doc_id"], rows["doc_label"]))
    assert labels == {doc.id: doc.actor for doc in corpus.documents if doc.id in labels}
    found, _ = report.report_figures(corpus, lexicon=lexicon)
    figure = {f.name: f for f in found}["05-formula-dispersion"]
    ticks = [t.get_text() for t in figure.figure.axes[0].get_yticklabels()]
    assert ticks and not any("statements_renamed" in t for t in ticks) and "Luxembourg" in ticks


def test_two_documents_of_one_actor_are_told_apart_by_year():
    docs = [Document("x1", "in all its forms", actor="Chad", year=2001),
            Document("x2", "in all its forms", actor="Chad", year=2002), Document("n", "in all its forms")]
    lexicon = Lexicon.from_phrases(["in all its forms"])
    rows = dispersion_table(find_matches(docs, lexicon), docs, lexicon)
    assert dict(zip(rows["doc_id"], rows["doc_label"])) == {"x1": "Chad 2001", "x2": "Chad 2002", "n": "n"}


def test_notebook_05_points_at_the_table_a_report_figure_carries():
    cells = json.loads((ROOT / "notebooks" / "05-your-corpus.ipynb").read_text())["cells"]
    prose = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert 'tables[""]' not in prose and "`figure.table`" in prose
    corpus = read_corpus(OWN, columns=OWN_COLUMNS)
    found, _ = report.report_figures(corpus)
    assert all(isinstance(f.table, pd.DataFrame) for f in found)  # what `figure.table` names in the notebook's loop
    assert PageContent().omitted == []
