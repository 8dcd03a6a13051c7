"""The layering of ARCHITECTURE.md, checked on the source so it stays true as the code grows."""

import ast

import pytest

from .paths import ROOT

PACKAGE = ROOT / "toolkit"

#: Layer of every module; imports go to the same layer or below. ``None`` is the edge
#: (I/O, command line, report, parallel back ends), which may import anything
#: and which nothing below it may import.
LAYERS = {
    "errors": 0, "corpus": 0, "resources": 0,
    "normalize": 1, "tokens": 1, "lexicon": 1,
    "match": 2, "kwic": 2, "counts": 2, "features": 2, "attribution": 2, "actors": 2, "summary": 2,
    "discover": 3, "cluster": 3,
    "figures": 4,
    "io": None, "report": None, "cli": None, "scale": None, "__init__": None, "__main__": None,
}
ONLY_IN = {"matplotlib": {"figures"}, "dask": {"scale"}, "distributed": {"scale"}}


def modules():
    return sorted(p.stem for p in PACKAGE.glob("*.py"))


def tree(name):
    return ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))


def toolkit_imports(name):
    found = set()
    for node in ast.walk(tree(name)):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module:
                found.add(node.module.split(".")[0])
            elif node.level == 1:
                found.update(alias.name for alias in node.names)
            elif node.module and node.module.split(".")[0] == "toolkit":
                parts = node.module.split(".")
                found.update([parts[1]] if len(parts) > 1 else [a.name for a in node.names])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("toolkit."))
    return found


def external_imports(name):
    found = set()
    for node in ast.walk(tree(name)):
        if isinstance(node, ast.Import):
            found.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_every_module_has_a_layer():
    assert set(modules()) <= set(LAYERS), f"give these modules a layer: {set(modules()) - set(LAYERS)}"


@pytest.mark.parametrize("name", [m for m in modules() if LAYERS.get(m) is not None])
def test_imports_go_downward_only(name):
    for target in toolkit_imports(name):
        assert LAYERS[target] is not None, f"{name} (layer {LAYERS[name]}) imports the edge module {target}"
        assert LAYERS[target] <= LAYERS[name], f"{name} (layer {LAYERS[name]}) imports {target} (layer {LAYERS[target]})"


@pytest.mark.parametrize("name", modules())
def test_heavy_dependencies_stay_in_their_module(name):
    for library, owners in ONLY_IN.items():
        if library in external_imports(name):
            assert name in owners, f"{library} is imported by {name}; only {owners} may"


@pytest.mark.parametrize("name", [m for m in modules() if m != "io"])
def test_only_io_opens_files_or_reads_the_environment(name):
    for node in ast.walk(tree(name)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id != "open", f"{name}:{node.lineno} calls open()"
        if isinstance(node, ast.Attribute):
            assert node.attr not in {"environ", "getenv", "read_text", "read_bytes", "write_text", "write_bytes"}, \
                f"{name}:{node.lineno} uses .{node.attr}"


@pytest.mark.parametrize("name", [m for m in modules() if m != "cli"])
def test_the_core_returns_values_instead_of_printing(name):
    for node in ast.walk(tree(name)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id != "print", f"{name}:{node.lineno} prints"


@pytest.mark.parametrize("name", [m for m in modules() if m != "__main__"])
def test_no_side_effects_at_import(name):
    body = tree(name).body
    for i, node in enumerate(body):
        if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            continue
        if i == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the docstring
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            assert all(isinstance(t, ast.Name) for t in targets), \
                f"{name}:{node.lineno} assigns into another object at import"
            continue
        if isinstance(node, ast.If) and ast.unparse(node.test) == "__name__ == '__main__'":
            continue
        pytest.fail(f"{name}:{node.lineno} runs code at import: {ast.unparse(node)[:60]}")
