"""The layering of ARCHITECTURE.md, checked on the source so it stays true as the code grows.

Every module of ``toolkit/`` belongs to a unit (a top-level module or a
sub-package) with a layer; imports go to the same layer or below, and no
layer imports an edge (``io``, ``backends``, ``cli``), except the report,
which reads and writes through ``io``. Only ``toolkit/io/`` opens files or
reads the environment. The checks are functions of a module's source, and
each is also run on a small module written to break it, so that none of
them can pass by accident.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .paths import ROOT

PACKAGE = ROOT / "toolkit"

#: Layer of every unit; ``None`` is the edge, which may import anything.
LAYERS: dict[str, int | None] = {
    "errors": 0, "validation": 0, "version": 0,
    "text": 1,
    "formulae": 2, "attribution": 2,
    "analysis": 3,
    "report": 4,
    "io": None, "backends": None, "cli": None, "__main__": None, "__init__": None,
}
#: The edges a layer may use: the report reads its corpora and writes its files through io.
EDGES_ALLOWED = {"report": {"io"}}
#: Heavy or optional libraries and the only modules that may import them.
ONLY_IN = {
    "matplotlib": {"report/figures.py"},
    "dask": {"backends/dask.py"},
    "distributed": {"backends/dask.py"},
    "spacy": {"attribution/parse.py"},
}
#: Modules of the standard library that exist to touch files.
FILE_MODULES = {"tarfile", "tempfile", "shutil", "gzip", "zipfile", "glob", "fileinput", "zlib"}
#: Calls that open, read, write or remove files, or read the environment.
FILE_ATTRIBUTES = {
    "open", "read_text", "read_bytes", "write_text", "write_bytes", "mkdir", "unlink", "rmdir", "touch",
    "environ", "getenv", "read_csv", "read_json", "read_excel", "read_parquet", "read_table", "read_pickle",
    "to_pickle", "to_parquet", "to_excel", "loadtxt", "savetxt", "fromfile", "tofile",
}


def modules() -> list[str]:
    """Every module as a path relative to ``toolkit/`` (``formulae/match.py``)."""
    return sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py"))


def unit_of(module: str) -> str:
    first = module.split("/")[0]
    return first[:-3] if first.endswith(".py") else first


def source(module: str) -> str:
    return (PACKAGE / module).read_text(encoding="utf-8")


def imported_units(module: str, text: str) -> set[str]:
    """The toolkit units a module imports (relative or absolute imports)."""
    package = ["toolkit", *Path(module).parent.parts]
    found = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = base + (node.module.split(".") if node.module else [])
                names = [target] if node.module or len(target) > 1 else [target + [a.name] for a in node.names]
            elif node.module and node.module.split(".")[0] == "toolkit":
                target = node.module.split(".")
                names = [target] if len(target) > 1 else [target + [a.name] for a in node.names]
            else:
                continue
            found.update(name[1] for name in names if len(name) > 1)
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("toolkit."))
    return found


def layer_violations(module: str, text: str) -> list[str]:
    unit = unit_of(module)
    own = LAYERS[unit]
    if own is None:
        return []
    problems = []
    for target in sorted(imported_units(module, text) - {unit}):
        if target not in LAYERS:
            problems.append(f"{module} imports toolkit.{target}, which has no layer")
        elif LAYERS[target] is None and target not in EDGES_ALLOWED.get(unit, set()):
            problems.append(f"{module} (layer {own}) imports the edge {target}")
        elif LAYERS[target] is not None and LAYERS[target] > own:
            problems.append(f"{module} (layer {own}) imports {target} (layer {LAYERS[target]})")
    return problems


def file_violations(module: str, text: str) -> list[str]:
    if module.startswith("io/"):
        return []
    problems = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "open":
            problems.append(f"{module}:{node.lineno} calls open()")
        elif isinstance(node, ast.Attribute) and node.attr in FILE_ATTRIBUTES:
            problems.append(f"{module}:{node.lineno} uses .{node.attr}")
        elif isinstance(node, ast.Import):
            problems += [f"{module}:{node.lineno} imports {a.name}" for a in node.names
                         if a.name.split(".")[0] in FILE_MODULES]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            if node.module.split(".")[0] in FILE_MODULES:
                problems.append(f"{module}:{node.lineno} imports {node.module}")
            if node.module == "os":
                problems += [f"{module}:{node.lineno} imports os.{a.name}" for a in node.names
                             if a.name in FILE_ATTRIBUTES]
    return problems


def external_imports(text: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            found.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_every_unit_has_a_layer():
    units = {unit_of(m) for m in modules()}
    assert units <= set(LAYERS), f"give these a layer: {units - set(LAYERS)}"
    assert {"text", "formulae", "attribution", "analysis", "io", "report", "backends"} <= units


@pytest.mark.parametrize("module", modules())
def test_imports_go_downward_only(module):
    assert layer_violations(module, source(module)) == []


@pytest.mark.parametrize("module", modules())
def test_only_io_opens_files_or_reads_the_environment(module):
    assert file_violations(module, source(module)) == []


@pytest.mark.parametrize("module", modules())
def test_heavy_dependencies_stay_in_their_module(module):
    for library, owners in ONLY_IN.items():
        if library in external_imports(source(module)):
            assert module in owners, f"{library} is imported by {module}; only {owners} may"


@pytest.mark.parametrize("module", [m for m in modules() if m != "cli.py"])
def test_the_core_returns_values_instead_of_printing(module):
    for node in ast.walk(ast.parse(source(module))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id != "print", f"{module}:{node.lineno} prints"


@pytest.mark.parametrize("module", [m for m in modules() if m != "__main__.py"])
def test_no_side_effects_at_import(module):
    body = ast.parse(source(module)).body
    for i, node in enumerate(body):
        if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            continue
        if i == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the docstring
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            assert all(isinstance(t, ast.Name) for t in targets), \
                f"{module}:{node.lineno} assigns into another object at import"
            continue
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("__name__ == '__main__'", "TYPE_CHECKING"):
            continue
        pytest.fail(f"{module}:{node.lineno} runs code at import: {ast.unparse(node)[:60]}")


# --- the checks themselves catch what they are for ----------------------------
def test_an_upward_import_is_caught():
    assert layer_violations("formulae/match.py", "from ..report.tables import heatmap_table\n") == [
        "formulae/match.py (layer 2) imports report (layer 4)"]
    assert layer_violations("text/corpus.py", "from toolkit.analysis import discover\n") == [
        "text/corpus.py (layer 1) imports analysis (layer 3)"]
    assert layer_violations("analysis/discover.py", "from .. import io\n") == [
        "analysis/discover.py (layer 3) imports the edge io"]
    assert layer_violations("report/build.py", "from ..io.write import write_files\n") == []
    downward = "from ..text.tokens import split_tokens\nfrom .lexicon import X\n"
    assert layer_violations("formulae/match.py", downward) == []


def test_a_file_opened_outside_io_is_caught():
    assert file_violations("analysis/discover.py", "def f(p):\n    return open(p).read()\n") == [
        "analysis/discover.py:2 calls open()"]
    assert file_violations("report/build.py", "import tarfile\n") == ["report/build.py:1 imports tarfile"]
    assert file_violations("formulae/match.py", "import os\nx = os.environ['A']\n") == [
        "formulae/match.py:2 uses .environ"]
    assert file_violations("analysis/cluster.py", "def f(p):\n    return p.read_text()\n") == [
        "analysis/cluster.py:2 uses .read_text"]
    assert file_violations("io/readers.py", "def f(p):\n    return open(p).read()\n") == []
