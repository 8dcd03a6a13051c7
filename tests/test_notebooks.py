"""The research notebooks: all present, narrative and toolkit calls only, saved clean, and they run.

Each notebook is executed from a fresh kernel in memory (never saved), with
the kernel's working folder set to ``notebooks/`` as in Jupyter; the file on
disk must be byte for byte the same afterwards. The UN notebooks (4, 7, 8 and 9) need
the UN General Debate Corpus, and notebook 9 the development news set as well; each is skipped, with
the reason, when what it reads is absent.
"""

from __future__ import annotations

import re

import nbclient
import nbformat
import pytest

from .conftest import ungdc_location
from .paths import ROOT, SHARED

NOTEBOOKS = ROOT / "notebooks"
EXPECTED = [
    "01-seed-article.ipynb",
    "02-formula-counts.ipynb",
    "03-discovery-and-clustering.ipynb",
    "04-ungdc-trends.ipynb",
    "05-your-corpus.ipynb",
    "06-intensity.ipynb",
    "07-compare.ipynb",
    "08-adoption.ipynb",
    "09-reuse.ipynb",
]
ALL = sorted(NOTEBOOKS.glob("*.ipynb"))
UNGDC_NOTEBOOKS = {"04-ungdc-trends", "07-compare", "08-adoption", "09-reuse"}  # they read the UN corpus
NEWS_DEV = SHARED / "corpora" / "news-dev"
NEWS_NOTEBOOKS = {"09-reuse"}  # they read the development news set in place

DEF = re.compile(r"^\s*(async\s+)?def\s")
CLASS = re.compile(r"^\s*class\s")
DOWNLOAD = re.compile(r"\bdownload\w*\s*\(")  # NLTK data, datasets: nothing is fetched at run time


def _code_cells(path):
    nb = nbformat.read(str(path), as_version=4)
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def _params(paths):
    marks = []
    for path in paths:
        extra = [pytest.mark.ungdc] if path.stem in UNGDC_NOTEBOOKS else []
        marks.append(pytest.param(path, id=path.stem, marks=extra))
    return marks


def test_notebooks_are_numbered_and_all_present():
    present = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
    missing = [name for name in EXPECTED if name not in present]
    assert not missing, f"missing notebooks: {missing}"
    for name in present:
        assert re.fullmatch(r"\d\d-[a-z0-9-]+\.ipynb", name), f"{name} is not numbered NN-name.ipynb"


@pytest.mark.parametrize("path", _params(ALL))
def test_code_cells_call_the_toolkit_only(path):
    for k, cell in enumerate(_code_cells(path)):
        for line in cell.source.splitlines():
            assert not DEF.match(line), f"{path.name}, code cell {k}: defines a function: {line!r}"
            assert not CLASS.match(line), f"{path.name}, code cell {k}: defines a class: {line!r}"
        assert "open(" not in cell.source, f"{path.name}, code cell {k}: opens a file"
        assert not DOWNLOAD.search(cell.source), f"{path.name}, code cell {k}: downloads data at run time"
        assert "pyplot" not in cell.source, f"{path.name}, code cell {k}: draws with pyplot, not toolkit.report.figures"


@pytest.mark.parametrize("path", _params(ALL))
def test_saved_with_outputs_cleared(path):
    nb = nbformat.read(str(path), as_version=4)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3", f"{path.name}: kernelspec is not python3"
    for k, cell in enumerate(cell for cell in nb.cells if cell.cell_type == "code"):
        assert cell.outputs == [], f"{path.name}, code cell {k}: outputs not cleared"
        assert cell.execution_count is None, f"{path.name}, code cell {k}: execution count not cleared"
    markdown = sum(len(c.source) for c in nb.cells if c.cell_type == "markdown")
    code = sum(len(c.source) for c in nb.cells if c.cell_type == "code")
    assert markdown > code, f"{path.name}: more code than narrative"


@pytest.mark.parametrize("path", _params(ALL))
def test_notebook_runs_from_a_fresh_kernel(path, monkeypatch):
    if path.stem in NEWS_NOTEBOOKS and not (NEWS_DEV / "texts").is_dir():
        pytest.skip(f"the development news set is absent ({NEWS_DEV / 'texts'})")
    if path.stem in UNGDC_NOTEBOOKS:
        location = ungdc_location()
        if location is None or not location.exists():
            where = f" (TOOLKIT_UNGDC names {location}, which does not exist)" if location is not None else ""
            pytest.skip(f"the UN General Debate Corpus is absent{where}: set TOOLKIT_UNGDC or place it at "
                        "../shared/corpora/UNGDC_1946-2024.tgz")
        monkeypatch.setenv("TOOLKIT_UNGDC", str(location))  # the kernel inherits the environment
    before = path.read_bytes()
    nb = nbformat.reads(before.decode("utf-8"), as_version=4)
    client = nbclient.NotebookClient(nb, timeout=900, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()  # raises CellExecutionError, with the cell and the traceback, on any error
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("output_type") == "error"]
    assert not errors, f"{path.name}: {errors[0].get('ename')}: {errors[0].get('evalue')}"
    assert path.read_bytes() == before, f"{path.name} was changed on disk by running it"


def test_the_corpus_notebook_runs_on_the_news_folder_with_one_changed_cell():
    """Notebook 5 on the development news set, read in place: only the CORPUS line of the parameter cell changes."""
    news = NEWS_DEV / "texts"
    if not news.is_dir():
        pytest.skip(f"the development news set is absent ({news})")
    nb = nbformat.read(str(NOTEBOOKS / "05-your-corpus.ipynb"), as_version=4)
    parameters = next(cell for cell in nb.cells if cell.cell_type == "code")
    assert 'CORPUS = "../seeds"' in parameters.source
    parameters.source = parameters.source.replace('CORPUS = "../seeds"',
                                                  'CORPUS = "../../shared/corpora/news-dev/texts"')
    client = nbclient.NotebookClient(nb, timeout=900, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "01-actor-family-heatmap" in printed and "unresolved" in printed
    assert "one row for each document with hits" in printed  # the dispersion plot of several articles
