"""The house drawn from the imports: each floor imports only the floors below it (the layers
in pyproject.toml), and no two modules import each other, however indirectly."""

from pathlib import Path

import grimp
from importlinter import configuration
from importlinter.application.use_cases import lint_imports

PROJECT = Path(__file__).resolve().parent.parent


def test_each_floor_imports_only_the_floors_below_it(capsys):
    configuration.configure()
    kept = lint_imports(str(PROJECT / "pyproject.toml"), cache_dir=None, no_logo=True)
    assert kept, capsys.readouterr().out


def cycles(imports: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import one another (strongly connected, Tarjan's method)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in imports[module]:
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while (member := stack.pop()) != module:
                group.append(member)
            if group:
                found.append(sorted([module, *group]))

    for module in sorted(imports):
        if module not in index:
            visit(module)
    return found


def test_cycles_finds_a_loop_through_three_modules():
    loop = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(loop) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_itself_through_others():
    graph = grimp.build_graph("insideout")
    modules = {m for m in graph.modules if ".tests" not in m and ".migrations" not in m}
    imports = {m: graph.find_modules_directly_imported_by(m) & modules for m in modules}
    assert cycles(imports) == []
