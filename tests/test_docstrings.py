"""Every public function says what it takes and what it gives: numpydoc Parameters and Returns sections."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest

import toolkit

SECTION = re.compile(r"^\s*(?P<name>Parameters|Returns|Yields|Raises|Examples)\n\s*-{3,}\s*$", re.M)


def public_functions() -> list[tuple[str, object]]:
    """Every function named in the ``__all__`` of a module of the toolkit, and every public method of a class
    named there, once (where it is defined)."""
    found: dict[str, object] = {}
    for info in pkgutil.walk_packages(toolkit.__path__, "toolkit."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if not getattr(value, "__module__", "").startswith("toolkit"):
                continue
            if inspect.isfunction(value):
                found.setdefault(f"{value.__module__}.{value.__qualname__}", value)
            elif inspect.isclass(value):
                for attribute, member in vars(value).items():
                    if inspect.isfunction(member) and not attribute.startswith("_"):
                        found.setdefault(f"{value.__module__}.{member.__qualname__}", member)
    return sorted(found.items())


def missing_sections(function) -> list[str]:
    """The sections a function's docstring lacks: Parameters when it takes any, Returns (or Yields) unless it
    returns None."""
    doc = inspect.getdoc(function) or ""
    sections = {m["name"] for m in SECTION.finditer(doc)}
    wanted = []
    signature = inspect.signature(function)
    if any(p.name not in ("self", "cls") for p in signature.parameters.values()):
        wanted.append("Parameters")
    returns = signature.return_annotation
    if returns not in (None, "None") and not (sections & {"Returns", "Yields"}):
        wanted.append("Returns")
    return [name for name in wanted if name not in sections]


@pytest.mark.parametrize("name, function", public_functions(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_public_function_has_a_numpydoc_docstring(name, function):
    assert inspect.getdoc(function), f"{name} has no docstring"
    assert missing_sections(function) == [], f"{name}'s docstring lacks {missing_sections(function)}"


def test_the_check_catches_a_docstring_without_its_sections():
    def bare(x: int) -> int:
        """Double it."""
        return 2 * x

    def documented(x: int) -> int:
        """Double it.

        Parameters
        ----------
        x : int
            A number.

        Returns
        -------
        int
            Twice ``x``.
        """
        return 2 * x

    def nothing() -> None:
        """Do nothing."""

    assert missing_sections(bare) == ["Parameters", "Returns"]
    assert missing_sections(documented) == [] and missing_sections(nothing) == []
    assert len(public_functions()) > 100
