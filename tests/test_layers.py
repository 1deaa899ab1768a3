"""The tree shows the design: medlint's layers import only downward, and nothing imports in a
circle.

Layers, lowest first: model < text < knowledge < analysis < checks < engine < outputs. A module
may import its own layer and the layers below it, never a layer above (lazy imports inside
functions and ``TYPE_CHECKING`` imports count too: they are dependencies all the same). The root
``medlint/__init__.py`` holds only ``__version__`` (and the distribution's name) and the lazy
library API: it imports nothing at module level, so any layer may read ``medlint.__version__``. Read from the source with
``ast``; nothing is imported.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

LAYERS = ("model", "text", "knowledge", "analysis", "checks", "engine", "outputs")
PACKAGE = REPO / "medlint"


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()


def _target(name: str) -> str:
    """The module an imported name lives in: the longest known module prefix of ``name``."""
    while name not in MODULES:
        name = name.rpartition(".")[0]
    return name


def _package_of(module: str, path: Path) -> str:
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


def _imports(module: str, path: Path) -> list[tuple[str, int, bool]]:
    """(imported medlint module, line, at module level) for every import in ``module``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = set(map(id, tree.body))
    out = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = _package_of(module, path).split(".")
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            names = [f"{base}.{a.name}" for a in node.names]
        for name in names:
            if name == "medlint" or name.startswith("medlint."):
                out.append((_target(name), node.lineno, id(node) in top))
    return out


GRAPH = {m: _imports(m, p) for m, p in MODULES.items()}


def _layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 else None


def test_every_module_is_in_a_layer():
    assert {m.split(".")[1] for m in MODULES if m != "medlint"} == set(LAYERS)


def test_the_root_holds_only_metadata_and_the_lazy_api():
    """At module level: no import of medlint, constants made of literals (``__version__``, the
    distribution name), and the functions of ``__all__``, which import the engine when called."""
    assert [(m, line) for m, line, top in GRAPH["medlint"] if top] == []
    tree = ast.parse(MODULES["medlint"].read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
            assert not any(isinstance(n, ast.Call) for n in ast.walk(node.value)), ast.unparse(node)
            assert {n.id for n in ast.walk(node.value) if isinstance(n, ast.Name)} <= names, ast.unparse(node)
    functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    api = next(ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "__all__")
    assert "__version__" in names and functions == set(api) - {"__version__"}


def test_layers_import_only_downward():
    wrong = []
    for module, imports in GRAPH.items():
        if module == "medlint":
            continue  # the lazy library API, inside functions
        here = _layer(module)
        for target, line, _ in imports:
            there = _layer(target)
            if there is not None and there > here:
                wrong.append(f"{MODULES[module].relative_to(REPO)}:{line}: {LAYERS[here]} imports {target} ({LAYERS[there]})")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles():
    """Depth-first search over module-level imports (a lazy import inside a function runs after
    both modules have loaded, and a ``TYPE_CHECKING`` one never runs, so neither can close a
    circle at import time)."""
    edges = {m: sorted({t for t, _, top in imports if top and t != m}) for m, imports in GRAPH.items()}
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    cycles = []

    def visit(module, path):
        state[module] = 1
        for nxt in edges.get(module, ()):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join(path[path.index(nxt) :] + [nxt]))
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert not cycles, "\n".join(cycles)


def test_the_checker_sees_a_violation(tmp_path):
    """The parser above finds relative and absolute imports (a checker that sees nothing passes
    everything)."""
    assert "medlint.model.diagnostics" in {t for t, _, _ in GRAPH["medlint.engine.suppressions"]}
    fake = tmp_path / "fake.py"
    fake.write_text("from ..engine import runner\nimport medlint.outputs.cli\n", encoding="utf-8")
    MODULES["medlint.model.fake"] = fake
    try:
        found = {t for t, _, _ in _imports("medlint.model.fake", fake)}
    finally:
        del MODULES["medlint.model.fake"]
    assert found == {"medlint.engine.runner", "medlint.outputs.cli"}


def test_every_module_of_the_checkout_is_in_the_installed_package():
    """The wheel lists its packages by hand (pyproject.toml): a new subpackage left off that
    list would be missing from every install, and its checks would silently never run."""
    import importlib.util

    missing = [name for name in MODULES if importlib.util.find_spec(name) is None]
    assert missing == [], f"not installed (add the package to pyproject.toml's packages): {missing}"
