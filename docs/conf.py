"""Sphinx configuration of the API reference and guide (``make docs``; offline, no intersphinx)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit.version import __version__  # noqa: E402

project = "condemnation-toolkit"
author = "the condemnation-toolkit developers"
copyright = "the condemnation-toolkit developers"
release = version = __version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.viewcode",
    "numpydoc",
    "myst_parser",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
templates_path = ["_templates"]
root_doc = "index"

# The API pages are generated from the docstrings (autosummary), from each module's __all__.
autosummary_generate = True
autosummary_ignore_module_all = True  # every module of a package; its own public names (not the imported ones)
autodoc_default_options = {"members": True, "member-order": "bysource"}
autodoc_typehints = "none"  # the numpydoc sections state the types
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False

# Markdown guide pages: the README's sections. Links to files of the repository stay as written.
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence"]
suppress_warnings: list[str] = []

html_theme = "alabaster"


# -- One page per module of the package, written before autosummary runs -------------------------------------------
# autosummary cannot give a module its own page when its package re-exports a function of the same name
# (toolkit.formulae.kwic is both), so the module pages are written here, each listing what the module defines.
def _module_page(name: str) -> str:
    import importlib
    import inspect

    module = importlib.import_module(name)
    names = list(getattr(module, "__all__", [n for n in vars(module) if not n.startswith("_")]))
    own = [n for n in names if getattr(getattr(module, n, None), "__module__", None) == name]
    kinds = {"Functions": [n for n in own if inspect.isfunction(getattr(module, n))],
             "Classes": [n for n in own if inspect.isclass(getattr(module, n))
                         and not issubclass(getattr(module, n), BaseException)],
             "Exceptions": [n for n in own if inspect.isclass(getattr(module, n))
                            and issubclass(getattr(module, n), BaseException)]}
    lines = [name, "=" * len(name), "", f".. automodule:: {name}", "   :no-members:", "",
             f".. currentmodule:: {name}", ""]
    for title, members in kinds.items():
        if members:
            template = "" if title == "Functions" else "   :template: autosummary/class.rst\n"
            lines += [f".. rubric:: {title}", "", ".. autosummary::", "   :toctree: ../generated", template]
            lines += [f"   {member}" for member in members] + [""]
    return "\n".join(lines) + "\n"


def _write_module_pages(source: Path) -> None:
    import pkgutil

    import toolkit

    folder = source / "reference"
    folder.mkdir(exist_ok=True)
    for info in pkgutil.walk_packages(toolkit.__path__, "toolkit."):
        if info.ispkg or info.name in ("toolkit.__main__", "toolkit.version"):
            continue
        page = folder / f"{info.name}.rst"
        text = _module_page(info.name)
        if not page.exists() or page.read_text(encoding="utf-8") != text:
            page.write_text(text, encoding="utf-8")


_write_module_pages(Path(__file__).resolve().parent)  # before Sphinx looks for the source files
html_title = f"condemnation-toolkit {__version__}"
html_static_path: list[str] = []
