"""Shared fixtures: paths to the test data, the seed, and the UN General Debate Corpus."""

from __future__ import annotations

import os
import tarfile
from pathlib import Path

import pytest
from hypothesis import settings

from .paths import DATA, UNGDC_DEFAULT

# Property tests run the same examples on every machine, so CI is repeatable;
# HYPOTHESIS_PROFILE=explore searches afresh and longer.
settings.register_profile("repeatable", derandomize=True, deadline=None, max_examples=200)
settings.register_profile("explore", deadline=None, max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


def ungdc_location() -> Path | None:
    named = os.environ.get("TOOLKIT_UNGDC")
    if named:
        return Path(named)
    return UNGDC_DEFAULT if UNGDC_DEFAULT.exists() else None


@pytest.fixture(scope="session")
def ungdc_path() -> Path:
    path = ungdc_location()
    if path is None or not path.exists():
        pytest.skip(
            "the UN General Debate Corpus is absent: set TOOLKIT_UNGDC or place it at "
            f"{UNGDC_DEFAULT}"
        )
    return path


@pytest.fixture
def data() -> Path:
    return DATA


#: The sessions of the UN corpus sample: a few hundred speeches from four decades.
SAMPLE_YEARS = ("1960", "1975", "1995", "2001", "2024")  # 1995 and 2001: the two decades of figure 11


@pytest.fixture(scope="session")
def ungdc_sample(ungdc_path, tmp_path_factory) -> Path:
    """The speeches of a few sessions, extracted into the layout users download."""
    root = tmp_path_factory.mktemp("ungdc") / "TXT"
    with tarfile.open(ungdc_path) as tar:
        for member in tar:
            name = member.name
            if member.isfile() and "/._" not in name and any(f" - {y}/" in name for y in SAMPLE_YEARS):
                target = root / Path(*Path(name).parts[-2:])
                target.parent.mkdir(parents=True, exist_ok=True)
                data = tar.extractfile(member)
                assert data is not None  # a regular file
                target.write_bytes(data.read())
    return root
