"""The layers of src/dvc_validate: a module imports only from its own layer or below.

The order is the flow of the tool (README, "How it is built"): the model and the
plain helpers at the bottom; readers, the rule pack and the engine (what a rule is,
the registry, selection); the configuration and the suppressions, which name rules;
extraction; the checks; the table path and the reporters; the fixer; the library
API; and the front ends (serve, the pytest plugin, docgen, the CLI) at the top. Every import counts, the
lazy ones inside functions too: a lazy import still ties a lower layer to a higher one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "dvc_validate"

#: Lowest first; a unit is a top-level module or package of dvc_validate.
LAYERS: tuple[frozenset[str], ...] = tuple(
    frozenset(units.split())
    for units in (
        "__version__ errors vn _safeio _yamlsafe names casebook",
        "model",
        "readers pack engine",
        "config suppress",
        "extract",
        "checks portal",
        "tables schemas batch report",
        "fix",
        "api",
        "serve pytest_plugin docgen",
        "cli",
        "__init__ __main__",
    )
)

#: Imports that run against the layers today, each one named with where it goes
#: (none left: issue 12 removed the last). A new violation fails; one removed from
#: the code must be removed from here too.
KNOWN_VIOLATIONS: frozenset[tuple[str, str]] = frozenset()

#: Stages that see only the model, never a sibling stage: checks know the Report,
#: not how it was read or extracted (README: "Checks know the model, not files").
STAGE_ONLY_MODEL: dict[str, frozenset[str]] = {
    "checks": frozenset({"readers", "extract"}),
}

#: Crossings of the stages known today, each one named with where it goes (none left).
KNOWN_STAGE_VIOLATIONS: frozenset[tuple[str, str]] = frozenset()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(["dvc_validate", *parts])


def _imports(path: Path) -> set[str]:
    """Every dvc_validate module ``path`` imports, absolute, at any depth of the file."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if node.module:
                found.add(target)
            else:  # from . import x: x is a module (or a name) of the package
                found.update(f"{target}.{a.name}" for a in node.names)
    return {m for m in found if m == "dvc_validate" or m.startswith("dvc_validate.")}


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _layer(unit: str) -> int:
    for i, units in enumerate(LAYERS):
        if unit in units:
            return i
    raise AssertionError(f"dvc_validate.{unit} is in no layer: add it to LAYERS")


def _all_imports() -> list[tuple[str, str]]:
    return sorted(
        (_module_name(p), target)
        for p in SRC.rglob("*.py")
        for target in _imports(p)
        if _unit(target) != _unit(_module_name(p))
    )


def _upward(edges: list[tuple[str, str]]) -> set[tuple[str, str]]:
    return {(a, b) for a, b in edges if _layer(_unit(a)) < _layer(_unit(b))}


def _stage_crossings(edges: list[tuple[str, str]]) -> set[tuple[str, str]]:
    return {(a, b) for a, b in edges if _unit(b) in STAGE_ONLY_MODEL.get(_unit(a), frozenset())}


def test_every_module_is_in_a_layer() -> None:
    units = {_unit(_module_name(p)) for p in SRC.rglob("*.py")}
    for unit in units:
        _layer(unit)


def test_no_import_runs_up_the_layers() -> None:
    upward = _upward(_all_imports())
    assert sorted(upward - KNOWN_VIOLATIONS) == [], "a lower layer imports a higher one"
    assert sorted(KNOWN_VIOLATIONS - upward) == [], "fixed: remove it from KNOWN_VIOLATIONS"


def test_checks_see_only_the_model() -> None:
    crossings = _stage_crossings(_all_imports())
    assert sorted(crossings - KNOWN_STAGE_VIOLATIONS) == []
    assert sorted(KNOWN_STAGE_VIOLATIONS - crossings) == []


@pytest.mark.parametrize(
    ("source", "importer", "expected"),
    [
        ("from ..api import lint_file\n", "fix/apply.py", {"dvc_validate.api"}),
        ("def f():\n    from ...api import x\n", "fix/sub/m.py", {"dvc_validate.api"}),
        ("from . import lint\n", "cli/__init__.py", {"dvc_validate.cli.lint"}),
        ("import dvc_validate.api as a\n", "model/x.py", {"dvc_validate.api"}),
        ("import os\nfrom typing import Any\n", "model/x.py", set()),
    ],
)
def test_imports_are_resolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str, importer: str, expected: set[str]
) -> None:
    """The parser the test relies on: relative, lazy and absolute imports all resolve."""
    monkeypatch.setattr(f"{__name__}.SRC", tmp_path)
    path = tmp_path / importer
    path.parent.mkdir(parents=True)
    path.write_text(source, encoding="utf-8")
    assert _imports(path) == expected


def test_an_upward_import_is_caught() -> None:
    edges = [("dvc_validate.model.report", "dvc_validate.api")]
    assert _upward(edges) == set(edges)
    assert _upward([("dvc_validate.api", "dvc_validate.model.report")]) == set()
