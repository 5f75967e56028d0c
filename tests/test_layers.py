"""The code's layers, stated once: every import points down or sideways, none points up, and no
two modules import each other, even from inside a function.

A new module must be given its layer here; the test names any module that has none. Imports under
`if TYPE_CHECKING:` are for the type checker only and do not count.
"""

import ast
import fnmatch
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Bottom first. A module may import its own layer and those below it.
LAYERS: list[tuple[str, list[str]]] = [
    ("text and messages", ["models.text", "models.i18n", "models.articles"]),
    ("shared types and errors", ["models.errors", "models.base"]),
    (
        "rules and formats that need no database",
        [
            "models.workdays",
            "models.legal_limits",
            "models.legal_clock",
            "models.legal_checks",
            "models.crime_categories",
            "models.exchange",
            "models.exchange.*",
            "models.documents",
            "models.documents.*",
        ],
    ),
    (
        "the engine, and searching by words",
        ["models.db", "models.settings", "models.search", "models.watch"],
    ),
    ("what a kind is", ["models.kinds"]),
    (
        "tables, one module per kind",
        [
            "models.units",
            "models.localities",
            "models.links",
            "models.campaigns",
            "models.tips",
            "models.cases",
            "models.suspects",
            "models.awards",
            "models.operators",
            "models.calendar_days",
            "models.clock_decisions",
            "models.investigations",
            "models.reviews",
            "models.regulations",
            "models.stations",
            "models.changelog",
            "models.shares",
        ],
    ),
    ("every kind by name, and the columns of their tables", ["models.registry", "models.tabular"]),
    ("who may see and change what", ["models.access", "models.access.*"]),
    (
        "the write path and the logs",
        ["models.records", "models.bulk", "models.audit", "models.accesslog"],
    ),
    (
        "what the records are used for",
        [
            "models.report",
            "models.report_units",
            "models.report_records",
            "models.review_figures",
            "models.review_detail",
            "models.station_trust",
            "models.report_document",
            "models.award_document",
            "models.listing",
            "models.paging",
            "models.detail",
            "models.choices",
            "models.workflow",
            "models.csvio",
            "models.due",
            "models.demo",
            "models.restore",
            "models.registers",
            "models.registers.*",
        ],
    ),
    ("the models package", ["models"]),
    (
        "the station server (no Textual)",
        ["tui", "tui.messages", "tui.station", "tui.station.*"],
    ),
    (
        "what screens share",
        ["tui.columns", "tui.forms", "tui.format", "tui.context", "tui.base", "tui.colours"],
    ),
    ("widgets", ["tui.widgets", "tui.widgets.*"]),
    ("screens and panes", ["tui.screens", "tui.screens.*", "tui.panes", "tui.panes.*"]),
    ("the app", ["tui.editing", "tui.app"]),
    (
        "the command line, and a station session",
        ["tui.cli", "tui.cli.*", "tui.__main__", "tui.session"],
    ),
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _sources() -> dict[str, Path]:
    found = {}
    for package in ("models", "tui"):
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                found[_module_name(path)] = path
    return found


MODULES = _sources()


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(module: str) -> set[str]:
    """The project's modules that `module` imports, anywhere in it."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for otherwise in node.orelse:
                visit(otherwise)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in MODULES else base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return {name for name in found if name in MODULES}


def _layer(module: str) -> int | None:
    for index, (_, patterns) in enumerate(LAYERS):
        if any(fnmatch.fnmatchcase(module, pattern) for pattern in patterns):
            return index
    return None


def test_every_module_has_a_layer() -> None:
    assert sorted(module for module in MODULES if _layer(module) is None) == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_layer_above_its_own(module: str) -> None:
    own = _layer(module)
    assert own is not None
    upward = sorted(
        f"{module} ({LAYERS[own][0]}) imports {other} ({LAYERS[layer][0]})"
        for other in _imports(module)
        if (layer := _layer(other)) is not None and layer > own
    )
    assert upward == []


def test_no_modules_import_each_other() -> None:
    graph = {module: _imports(module) - {module} for module in MODULES}
    # A package imports its own modules to hand their names on; that is no loop.
    for module in graph:
        graph[module] = {other for other in graph[module] if not other.startswith(f"{module}.")}
    loops = []
    state: dict[str, int] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for other in sorted(graph[module]):
            if state.get(other) == 1:
                loops.append(" -> ".join([*path[path.index(other) :], other]))
            elif other not in state:
                visit(other, [*path, other])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert loops == []


def test_the_layers_hold_the_models_apart_from_the_interface() -> None:
    """models/ never imports tui/ (nor Textual: tests/test_import_hygiene.py runs it)."""
    models_layers = {
        index for index, (_, patterns) in enumerate(LAYERS) if patterns[0].startswith("models")
    }
    tui_layers = {index for index in range(len(LAYERS)) if index not in models_layers}
    assert max(models_layers) < min(tui_layers)
