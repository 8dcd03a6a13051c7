"""The project's promises to a new user: layout, seed, two-command README, Makefile, CI."""

import hashlib
import subprocess

import pytest

from .paths import ROOT, SEED, SHARED

SEED_SHA256 = "613ad2705b8bb097d09841d5bd6ed2308e14456b23c8cfb8502db28ef585d348"


def test_the_fixed_layout_exists():
    for folder in ("toolkit", "notebooks", "corpora", "figures", "tests", "seeds"):
        assert (ROOT / folder).is_dir(), folder
    for path in ("setup.cfg", "pyproject.toml", "Makefile", "README.md", ".ci/run", "corpora/README.md"):
        assert (ROOT / path).is_file(), path


def test_pyproject_holds_only_the_build_system():
    text = (ROOT / "pyproject.toml").read_text()
    assert "[build-system]" in text and "[project]" not in text


def test_the_seed_article_is_byte_for_byte_the_shared_one():
    data = SEED.read_bytes()
    assert hashlib.sha256(data).hexdigest() == SEED_SHA256
    shared = SHARED / "seeds" / SEED.name
    if shared.exists():
        assert data == shared.read_bytes()


def test_the_readme_opens_with_the_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    before, first_block = text.split("```")[:2]
    assert "make" not in before
    commands = [line.strip() for line in first_block.splitlines()[1:] if line.strip() and not line.startswith("#")]
    assert commands == ["make report", "make test"]


def test_ci_runs_make_lint_then_make_test_and_nothing_cleverer():
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    assert [line for line in lines if line.startswith("make")] == ["make lint", "make test"]
    assert lines[-1] == "make test"


def test_make_help_documents_every_target():
    done = subprocess.run(["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True,
                          check=True)
    for target in ("report", "test", "lint", "docs", "bench", "venv", "constraints", "clean"):
        assert any(line.split()[:1] == [target] for line in done.stdout.splitlines()), target


@pytest.mark.parametrize("target", ["report", "test", "lint", "docs", "bench"])
def test_make_targets_resolve(target):
    done = subprocess.run(["make", "--dry-run", "--no-print-directory", target], cwd=ROOT, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    assert ".venv/bin/" in done.stdout


def test_the_environment_is_pinned_and_make_installs_with_the_pins():
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"constraints.txt pins exact versions: {line!r}"
            pins[name.lower().replace("_", "-")] = version
    for library in ("numpy", "scipy", "pandas", "scikit-learn", "matplotlib", "nltk", "ruff", "mypy"):
        assert library in pins, library
    assert "--constraint constraints.txt" in (ROOT / "Makefile").read_text()


def test_the_installed_versions_are_the_pinned_ones():
    """figures/ is rebuilt and compared byte for byte by the tests: only with the pinned versions."""
    from importlib.metadata import version

    pins = dict(line.split("==") for line in (ROOT / "constraints.txt").read_text().splitlines()
                if "==" in line and not line.startswith("#"))
    for library in ("numpy", "scipy", "pandas", "scikit-learn", "matplotlib"):
        assert version(library) == pins[library], f"{library} {version(library)} is installed, not {pins[library]}"
