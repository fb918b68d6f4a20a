"""The places package's import graph: no module imports one that imports it back (issue 10: the
gazetteer's reader and its builder each stand on `names` and `index_file`, not on each other)."""

from __future__ import annotations

import ast
from pathlib import Path

import sortie.geodata.places

PACKAGE = "sortie.geodata.places"


def imports_of(path: Path) -> set[str]:
    """The modules of this package that `path` imports, at module level or inside a function."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(PACKAGE + "."):
            out.add(node.module.removeprefix(PACKAGE + "."))
    return out


def test_no_import_cycle_among_the_places_modules() -> None:
    folder = Path(sortie.geodata.places.__file__).parent
    graph = {p.stem: imports_of(p) for p in folder.glob("*.py") if p.stem != "__init__"}
    assert graph["gazetteer"] >= {"names", "index_file"} and "gazetteer" not in graph["build"]
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join((*path, module))
        if module in done:
            return
        for imported in sorted(graph[module]):
            visit(imported, (*path, module))
        done.add(module)

    for module in sorted(graph):
        visit(module, ())
