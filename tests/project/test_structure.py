"""The house's layering (issue #18): apps import each other one way only,
`common/` sits below every app, and the project package (`newsroom/`:
settings, URLs, WSGI) imports no domain model.

Read from the source with `ast`: the imports a module runs when it is
imported (its top level). An import inside a function runs later, when
every module is loaded, and is how a model module reaches a service above
it without a loop; the graph of top-level imports must have none.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.project.procs import ROOT

pytestmark = pytest.mark.any_database

PACKAGES = sorted(
    path.parent.name
    for path in ROOT.glob("*/__init__.py")
    if path.parent.name not in {"tests", "bench", "node_modules"}
)


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = modules()


def top_level_imports(name: str, path: Path) -> set[str]:
    """The project's modules `name` imports at its top level."""
    is_package = path.name == "__init__.py"
    imported = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                if not is_package:
                    base.pop()
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            submodules = [f"{module}.{alias.name}" for alias in node.names]
            named = [m for m in submodules if m in MODULES]
            # `from package import module` imports the module; `from module
            # import name` the module itself.
            imported.update(named or [module])
    return {target for target in imported if target in MODULES}


def package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {package: set() for package in PACKAGES}
    for name, path in MODULES.items():
        source = name.split(".")[0]
        for target in top_level_imports(name, path):
            if target.split(".")[0] != source:
                graph[source].add(target.split(".")[0])
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_checker_sees_a_loop():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_apps_import_each_other_one_way_only():
    graph = package_graph()
    assert graph["articles"], "the graph came out empty: the reader is broken"
    assert cycles(graph) == []


def test_no_module_imports_itself_in_a_loop():
    graph = {name: top_level_imports(name, path) for name, path in MODULES.items()}
    assert cycles(graph) == []


def test_common_sits_below_every_app():
    assert package_graph()["common"] == set()


def test_the_project_package_imports_no_domain_model():
    models = {name for name in MODULES if name.endswith(".models")}
    offending = {
        name: sorted(top_level_imports(name, path) & models)
        for name, path in MODULES.items()
        if name.split(".")[0] == "newsroom"
    }
    assert {name: found for name, found in offending.items() if found} == {}
