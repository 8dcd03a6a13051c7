"""The README's examples are run, so they cannot drift from what the toolkit does."""

import doctest
import os
import re
import shlex
import subprocess
import sys

import pytest

from .paths import ROOT, SHARED

README = ROOT / "README.md"
CONSOLE = re.compile(r"```console\n\$ (?P<command>.+?)\n(?P<output>.*?)```", re.S)


def test_python_examples(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(str(README), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 10 and result.failed == 0


def console_examples():
    return [pytest.param(m["command"], m["output"], id=m["command"][:60])
            for m in CONSOLE.finditer(README.read_text(encoding="utf-8"))]


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
