"""`make docs` builds, warning-free, an HTML reference of every public name and the guide, offline."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from .paths import ROOT
from .test_docstrings import public_functions


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    pytest.importorskip("sphinx", reason="the docs extra is not installed (make installs it)")
    source = tmp_path_factory.mktemp("docs") / "docs"
    shutil.copytree(ROOT / "docs", source, ignore=shutil.ignore_patterns("_build", "generated", "reference"))
    for entry in ROOT.iterdir():  # the package beside docs/, and the files the guide links to
        if entry.name not in ("docs", ".git", ".venv"):
            (source.parent / entry.name).symlink_to(entry)
    out = source / "_build" / "html"
    done = subprocess.run([sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", str(source),
                           str(out)], capture_output=True, text=True, cwd=source.parent)
    assert done.returncode == 0, done.stderr[-3000:]
    return out


def test_the_reference_has_a_page_for_every_public_function(site):
    """A function has a page of its own; a method is on its class's page, under its own anchor."""
    pages = {p.stem: p for p in (site / "generated").glob("*.html")}
    missing = []
    for name, function in public_functions():
        owner = name.rsplit(".", 1)[0]
        if "." in getattr(function, "__qualname__", ""):  # a method: on the page of its class
            page = pages.get(owner)
            if page is None or f'id="{name}"' not in page.read_text(encoding="utf-8"):
                missing.append(name)
        elif name not in pages:
            missing.append(name)
    assert missing == [], f"no reference for {missing[:10]}"


def test_the_guide_pages_are_built_and_linked_from_the_index(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    for page in sorted((ROOT / "docs" / "guide").glob("*.md")):
        assert (site / "guide" / f"{page.stem}.html").is_file(), page.name
        assert f"guide/{page.stem}.html" in index, page.name


def test_the_make_target_builds_the_docs_with_warnings_as_errors():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "sphinx-build -W" in makefile and "docs:" in makefile
