"""Sphinx configuration of the API reference and guide (``make docs``; offline, no intersphinx)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit.version import __version__  # noqa: E402

project = "condemnation-toolkit"
author = "the condemnation-toolkit developers"
copyright = "the condemnation-toolkit developers"  # noqa: A001
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
suppress_warnings = ["myst.xref_missing", "myst.header"]

html_theme = "alabaster"
html_title = f"condemnation-toolkit {__version__}"
html_static_path: list[str] = []
