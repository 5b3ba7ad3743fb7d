"""dvc.yaml declares every module each stage imports, so editing one re-runs the stage.

Imports are read from the source (``ast``), lazy ones inside functions included, and
followed transitively from the stage's module and the CLI that runs it. A module is
covered when dvc.yaml lists it, or a folder holding it, among the stage's deps.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PACKAGE = "corpus_mining"


def _module_file(name: str) -> Path | None:
    base = SRC / Path(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imported(file: Path, *, top_level: bool = False) -> set[str]:
    """Project modules imported in ``file`` (``from a import b`` may name a module).

    Anywhere in the file, lazy imports inside functions included; or, with ``top_level``,
    only those the module runs on import (the CLI imports each stage lazily, in its command).
    """
    names: set[str] = set()
    tree = ast.parse(file.read_text(encoding="utf-8"))
    for node in tree.body if top_level else ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names if alias.name.startswith(PACKAGE)}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(PACKAGE):
            module = str(node.module)
            names.add(module)
            names |= {f"{module}.{alias.name}" for alias in node.names}
    return {name for name in names if _module_file(name) is not None}


def _closure(*start: str) -> set[Path]:
    """Files of ``start`` and of every project module they import, with their packages."""
    seen: set[str] = set()
    todo = list(start)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        parts = name.split(".")
        todo.extend(".".join(parts[:i]) for i in range(1, len(parts)))  # parent packages
        file = _module_file(name)
        if file is not None and name != f"{PACKAGE}.cli":
            todo.extend(_imported(file) - seen)
    return {file for name in seen if (file := _module_file(name)) is not None}


def _stages() -> dict[str, list[str]]:
    spec = yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))
    return {name: stage.get("deps", []) for name, stage in spec["stages"].items()}


def _covered(file: Path, deps: list[str]) -> bool:
    relative = file.relative_to(ROOT)
    return any(
        relative == Path(dep) or Path(dep) in relative.parents
        for dep in deps
        if dep.startswith("src/")
    )


@pytest.mark.parametrize("stage", sorted(_stages()))
def test_every_imported_module_is_a_declared_dependency(stage):
    deps = _stages()[stage]
    cli = _imported(SRC / PACKAGE / "cli.py", top_level=True)
    modules = _closure(f"{PACKAGE}.stages.{stage}", f"{PACKAGE}.cli", *cli)
    missing = sorted(str(f.relative_to(ROOT)) for f in modules if not _covered(f, deps))
    assert not missing, f"dvc.yaml stage {stage!r} misses code deps: {missing}"


def test_the_walker_follows_lazy_and_transitive_imports():
    files = {f.relative_to(SRC).as_posix() for f in _closure(f"{PACKAGE}.stages.topics")}
    # Imported inside a factory function of topics/embedders.py (lazy), and by config.
    assert "corpus_mining/topics/use_multilingual.py" in files
    assert "corpus_mining/errors.py" in files and "corpus_mining/__init__.py" in files
