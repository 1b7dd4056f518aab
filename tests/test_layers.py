"""The package's layers import one way, and no module imports another that imports it back.

Every `import geo...` and `from geo... import` counts, at module level or inside a
function: a lazy import is still a dependency.  The flow is cli -> run -> (output,
incidents) -> places -> gazetteer, with read beside them and the shared root modules
(errors, models, atomic, paths, distance) under everything.
"""

from __future__ import annotations

import ast
from pathlib import Path

GEO = Path(__file__).resolve().parent.parent / "geo"

# What each layer may import besides itself; "root" is the shared modules in geo/.
ALLOWED = {
    "root": {"root"},
    "read": {"root"},
    "gazetteer": {"root"},
    "places": {"root", "gazetteer", "read"},
    "incidents": {"root", "places", "gazetteer", "read"},
    "output": {"root", "incidents"},
    "run": {"root", "output", "incidents", "places", "gazetteer", "read"},
    "cli": {"root", "run", "output", "incidents", "places", "gazetteer", "read"},
}
# Root modules that are not shared building blocks: the entry point, a re-export kept
# for users' code, and the package's notebook functions (loaded on first use).
ROOT_EXCEPTIONS = {"geo.__main__": {"cli"}, "geo.geopy_geocoder": {"gazetteer"},
                   "geo": {"output", "gazetteer"}}


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(GEO.rglob("*.py")):
        parts = list(path.relative_to(GEO.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _imports(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Each module's geo modules (the longest existing prefix of what it names)."""

    def known(name: str) -> str | None:
        parts = name.split(".")
        while parts and ".".join(parts) not in modules:
            parts.pop()
        return ".".join(parts) or None

    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(known(a.name) for a in node.names if a.name.split(".")[0] == "geo")
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(up + ([node.module] if node.module else []))
                if base.split(".")[0] == "geo":
                    found.update(known(f"{base}.{a.name}") for a in node.names)
        found.discard(None)
        found.discard(name)
        graph[name] = found
    return graph


def _layer(module: str, modules: dict[str, Path]) -> str:
    parts = module.split(".")
    if len(parts) > 1 and (GEO / parts[1]).is_dir():
        return parts[1]
    return "root"


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan, iterative)."""
    index, low, on, stack, found, counter = {}, {}, set(), [], [], [0]
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on.add(start)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph.get(w, ())))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    found.append(sorted(comp))
    return found


def test_no_module_imports_one_that_imports_it_back():
    assert _cycles(_imports(_modules())) == []


def test_layers_import_one_way():
    modules = _modules()
    wrong = []
    for name, targets in _imports(modules).items():
        layer = _layer(name, modules)
        allowed = ALLOWED[layer] | ROOT_EXCEPTIONS.get(name, set()) | {layer}
        wrong += [f"{name} -> {t}" for t in sorted(targets)
                  if _layer(t, modules) not in allowed]
    assert wrong == []


def test_layer_graph_has_no_cycles():
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, targets in _imports(modules).items():
        a = name if _layer(name, modules) == "root" else _layer(name, modules)
        for t in targets:
            b = t if _layer(t, modules) == "root" else _layer(t, modules)
            if a != b:
                graph.setdefault(a, set()).add(b)
                graph.setdefault(b, set())
    assert _cycles(graph) == []
