"""The examples of the README and of the guide pages are run, so they cannot drift from what the toolkit does."""

import doctest
import os
import re
import shlex
import subprocess
import sys

import pytest

from .paths import ROOT, SHARED

README = ROOT / "README.md"
GUIDE = sorted((ROOT / "docs" / "guide").glob("*.md"))
PAGES = [README, *GUIDE]
CONSOLE = re.compile(r"```console\n\$ (?P<command>.+?)\n(?P<output>.*?)```", re.S)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_python_examples(page, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(str(page), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_the_pages_hold_enough_python_examples_to_matter():
    attempted = sum(len(doctest.DocTestParser().get_examples(p.read_text(encoding="utf-8"))) for p in PAGES)
    assert attempted >= 30


def console_examples():
    return [pytest.param(m["command"], m["output"], id=f"{page.name}: {m['command'][:50]}")
            for page in PAGES for m in CONSOLE.finditer(page.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("command, expected", console_examples())
def test_console_examples(command, expected):
    argv = shlex.split(command)
    assert argv[0] == "condemn"
    if any("../shared" in arg for arg in argv) and not SHARED.exists():
        pytest.skip("the example reads ../shared, which is absent")
    done = subprocess.run([sys.executable, "-m", "toolkit", *argv[1:]], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "120"})
    assert done.returncode == 0, done.stderr
    checker = doctest.OutputChecker()
    assert checker.check_output(expected, done.stdout, doctest.ELLIPSIS), done.stdout


def test_the_guide_links_resolve():
    for page in PAGES:
        for target in re.findall(r"\]\((?!https?:)([^)#]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).exists(), f"{page.name} links to {target}, which does not exist"
