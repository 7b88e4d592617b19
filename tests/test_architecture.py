"""The package reads one way (docs/architecture.rst): no import circle among its modules, none
over 350 lines, and no import inside a function but the two the architecture page names."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "sphinx_msp_glossary"
MODULES = {path.stem: path for path in PACKAGE.glob("*.py")}
#: (module, function) of the imports that may stand in a function, each for its stated reason.
FUNCTION_IMPORTS = {("__init__", "setup"), ("external", "resolve_external")}


def own_imports(tree: ast.AST) -> set[str]:
    """Modules of the package that a module imports, at any level of its code."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found.add(node.module.split(".")[0] if node.module else "__init__")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sphinx_msp_glossary"):
            found.add(node.module.split(".")[1] if "." in node.module else "__init__")
    return found


def graph() -> dict[str, set[str]]:
    return {name: own_imports(ast.parse(path.read_text("utf-8"))) for name, path in MODULES.items()}


def test_no_import_circle():
    edges = graph()
    # __init__ imports the feature modules in setup() only; cli imports it for the version
    edges["__init__"] = edges["__init__"] - {"cli"}
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        for imported in sorted(edges.get(module, ())):
            assert imported not in path, "import circle: " + " -> ".join([*path, imported])
            if imported not in done:
                visit(imported, [*path, imported])
        done.add(module)

    for module in sorted(edges):
        visit(module, [module])


def test_no_module_over_350_lines():
    lengths = {name: len(path.read_text("utf-8").splitlines()) for name, path in MODULES.items()}
    assert {name: n for name, n in lengths.items() if n > 350} == {}


def test_imports_in_functions_are_only_the_documented_ones():
    found = set()
    for name, path in MODULES.items():
        for function in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.walk(function)):
                    found.add((name, function.name))
    assert found <= FUNCTION_IMPORTS, found - FUNCTION_IMPORTS


def test_architecture_page_names_every_module():
    page = (PACKAGE.parent / "docs" / "architecture.rst").read_text("utf-8")
    missing = [name for name in MODULES if name not in ("__init__", "__main__") and f"``{name}``" not in page]
    assert missing == []
