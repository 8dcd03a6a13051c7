"""The layering of ARCHITECTURE.md, checked on the source so it stays true as the code grows.

Every module of ``toolkit/`` belongs to a unit (a top-level module or a
sub-package) with a layer; imports go to the same layer or below, and no
layer imports an edge (``io``, ``backends``, ``cli``), except the report,
which reads and writes through ``io``, and :mod:`toolkit.io.shipped`, through
which every layer reads the shipped data files (word lists are data, never
literals in a module). Only ``toolkit/io/`` opens files or reads the
environment. No module imports a private name of another unit; only
:mod:`toolkit.validation` builds a ``ParameterError``; no module holds a
literal list of more than :data:`MAX_LITERAL_WORDS` strings; no function is
longer than :data:`MAX_FUNCTION_LINES` lines unless a comment at its top
says why it must stay whole. The checks are functions of a module's source,
and each is also run on a small module written to break it, so that none of
them can pass by accident.
"""

from __future__ import annotations

import ast
import re
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
#: Modules of an edge that every layer may import: the shipped data files, read through io.
SHARED_EDGE_MODULES = {"toolkit.io.shipped"}
#: A literal list, tuple or set of more strings than this is a word list, which belongs in toolkit/data/.
MAX_LITERAL_WORDS = 15
#: A function longer than this must say at its top (a comment) why it stays whole.
MAX_FUNCTION_LINES = 80
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
    return {name.split(".")[1] for name in imported_modules(module, text)}


def imported_modules(module: str, text: str) -> set[str]:
    """The toolkit modules (or packages) a module imports, as dotted names (``toolkit.io.shipped``)."""
    package = ["toolkit", *Path(module).parent.parts]
    found: set[str] = set()
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
            found.update(".".join(name) for name in names if len(name) > 1)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("toolkit."))
    return found


def layer_violations(module: str, text: str) -> list[str]:
    unit = unit_of(module)
    own = LAYERS[unit]
    if own is None:
        return []
    layer_of = {name: layer for name, layer in LAYERS.items() if layer is not None}
    problems = []
    shared = {name for name in imported_modules(module, text) if name in SHARED_EDGE_MODULES}
    others = {name.split(".")[1] for name in imported_modules(module, text) - shared}
    for target in sorted(others - {unit}):
        if target not in LAYERS:
            problems.append(f"{module} imports toolkit.{target}, which has no layer")
        elif LAYERS[target] is None and target not in EDGES_ALLOWED.get(unit, set()):
            problems.append(f"{module} (layer {own}) imports the edge {target}")
        elif target in layer_of and layer_of[target] > own:
            problems.append(f"{module} (layer {own}) imports {target} (layer {layer_of[target]})")
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
    found: set[str] = set()
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
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("__name__ == '__main__'", "TYPE_CHECKING",
                                                                   "not TYPE_CHECKING"):
            # a lazy module's __getattr__ (PEP 562), hidden from type checkers, defines a function and nothing else
            assert all(isinstance(n, ast.FunctionDef) for n in node.body) or "not" not in ast.unparse(node.test), \
                f"{module}:{node.lineno} runs code at import"
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


def private_imports(module: str, text: str) -> list[str]:
    """Private names (``_x``) a module imports from another unit of the toolkit."""
    unit = unit_of(module)
    package = ["toolkit", *Path(module).parent.parts]
    problems = []
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            target = package[: len(package) - (node.level - 1)] + (node.module.split(".") if node.module else [])
        elif node.module and node.module.split(".")[0] == "toolkit":
            target = node.module.split(".")
        else:
            continue
        other = len(target) > 1 and target[1] != unit
        for alias in node.names:
            if other and alias.name.startswith("_") and not alias.name.startswith("__"):
                problems.append(f"{module}:{node.lineno} imports the private {alias.name} of {'.'.join(target)}")
    return problems


def parameter_errors_built(module: str, text: str) -> list[str]:
    """Places outside validation.py that build a ParameterError themselves instead of through a check helper."""
    if module == "validation.py":
        return []
    return [f"{module}:{node.lineno} builds a ParameterError; use toolkit.validation's helpers"
            for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.Call) and (getattr(node.func, "id", None) == "ParameterError"
                                               or getattr(node.func, "attr", None) == "ParameterError")]


def literal_word_lists(module: str, text: str) -> list[str]:
    """Literal lists, tuples or sets of more than MAX_LITERAL_WORDS strings, and long strings split into words.

    A dictionary that maps words to words (``{"say": "said"}``) counts its entries. Names are not words:
    ``__all__``, the column lists of tables (``*_COLUMNS``) and a lazy package's table of its names
    (``_MODULES``) are left alone.
    """
    tree = ast.parse(text)
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(getattr(t, "id", "") in ("__all__", "_MODULES") or getattr(t, "id", "").endswith("_COLUMNS")
                   for t in targets):
                names.add(id(node.value))
    problems = []
    for node in ast.walk(tree):
        if id(node) in names:
            continue
        if isinstance(node, ast.Dict):
            pairs = [(k, v) for k, v in zip(node.keys, node.values) if all(
                isinstance(e, ast.Constant) and isinstance(e.value, str) and _WORD.fullmatch(e.value) for e in (k, v))]
            if len(pairs) > MAX_LITERAL_WORDS:
                problems.append(f"{module}:{node.lineno} holds a literal dictionary of {len(pairs)} words")
        elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            strings = [e for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(strings) > MAX_LITERAL_WORDS:
                problems.append(f"{module}:{node.lineno} holds a literal list of {len(strings)} strings")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            words = node.value.split()
            if len(words) > MAX_LITERAL_WORDS and all(_WORD.fullmatch(w) for w in words):
                problems.append(f"{module}:{node.lineno} holds a literal string of {len(words)} words")
    return problems


#: A lower-case word, as word lists hold them (a sentence of prose has capitals or punctuation).
_WORD = re.compile(r"[a-z\u00e0-\u00ff][a-z\u00e0-\u00ff'\u2019-]*")


def long_functions(module: str, text: str) -> list[str]:
    """Functions longer than MAX_FUNCTION_LINES lines of code without a comment at their top saying why.

    The lines counted are the signature and the body; the docstring is not code a reader holds in mind
    (the numpydoc sections of a public function would otherwise count against it).
    """
    lines = text.splitlines()
    problems = []
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        first = node.body[0]
        documented = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
            and isinstance(first.value.value, str)
        docstring = (first.end_lineno or first.lineno) - first.lineno + 1 if documented else 0
        length = (node.end_lineno or node.lineno) - node.lineno + 1 - docstring
        if length <= MAX_FUNCTION_LINES:
            continue
        after_docstring = node.body[1] if documented and len(node.body) > 1 else first
        start = (first.end_lineno or first.lineno) if after_docstring is not first else node.lineno
        head = lines[start:after_docstring.lineno - 1]
        if not any(line.strip().startswith("# whole:") for line in head):
            problems.append(f"{module}:{node.lineno} {node.name} has {length} lines (at most "
                            f"{MAX_FUNCTION_LINES}, or a '# whole:' comment at its top saying why)")
    return problems


@pytest.mark.parametrize("module", modules())
def test_no_module_imports_a_private_name_of_another_unit(module):
    assert private_imports(module, source(module)) == []


@pytest.mark.parametrize("module", modules())
def test_only_validation_builds_parameter_errors(module):
    assert parameter_errors_built(module, source(module)) == []


@pytest.mark.parametrize("module", modules())
def test_word_lists_are_data_not_literals(module):
    assert literal_word_lists(module, source(module)) == []


@pytest.mark.parametrize("module", modules())
def test_functions_stay_short_enough_to_hold_in_mind(module):
    assert long_functions(module, source(module)) == []


def test_the_new_checks_catch_what_they_are_for():
    assert private_imports("analysis/intensity.py", "from ..formulae.lexicon import _Reader\n") == [
        "analysis/intensity.py:1 imports the private _Reader of toolkit.formulae.lexicon"]
    assert private_imports("formulae/match.py", "from .lexicon import _check_id\n") == []
    assert parameter_errors_built("formulae/kwic.py", "raise ParameterError('x')\n") == [
        "formulae/kwic.py:1 builds a ParameterError; use toolkit.validation's helpers"]
    assert parameter_errors_built("validation.py", "raise ParameterError('x')\n") == []
    many = ", ".join(f"'w{k}'" for k in range(16))
    assert literal_word_lists("text/tokens.py", f"WORDS = frozenset({{{many}}})\n") == [
        "text/tokens.py:1 holds a literal list of 16 strings"]
    words = " ".join("abcdefghijklmnopq")
    assert literal_word_lists("text/tokens.py", f"W = _words('{words}')\n") == [
        "text/tokens.py:1 holds a literal string of 17 words"]
    assert literal_word_lists("text/tokens.py", f"raise ValueError('The {words}.')\n") == []
    assert literal_word_lists("text/tokens.py", f"__all__ = [{many}]\nX_COLUMNS = [{many}]\n") == []
    pairs = ", ".join(f"'{a}': '{a}ed'" for a in words.split())
    assert literal_word_lists("attribution/words.py", f"IRREGULAR = {{{pairs}}}\n") == [
        "attribution/words.py:1 holds a literal dictionary of 17 words"]
    assert literal_word_lists("report/figures.py", "STYLE = {" + ", ".join(f"'font.w{k}': {k}" for k in range(20))
                              + "}\n") == []
    body = "".join(f"    x = {k}\n" for k in range(MAX_FUNCTION_LINES))
    assert long_functions("a.py", f"def f():\n{body}") == [
        f"a.py:1 f has {MAX_FUNCTION_LINES + 1} lines (at most {MAX_FUNCTION_LINES}, or a '# whole:' comment at its "
        "top saying why)"]
    assert long_functions("a.py", f"def f():\n    \"\"\"Doc.\"\"\"\n    # whole: one pass\n{body}") == []
    docstring = "    \"\"\"Doc.\n" + "    more\n" * 30 + "    \"\"\"\n"
    assert long_functions("a.py", f"def f():\n{docstring}" + "".join(f"    x = {k}\n" for k in range(70))) == []
    assert layer_violations("text/tokens.py", "from ..io.shipped import word_list\n") == []
    assert layer_violations("text/tokens.py", "from ..io.data import function_words\n") == [
        "text/tokens.py (layer 1) imports the edge io"]
