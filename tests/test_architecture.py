"""Dependencies point one way: web -> content -> engine; the engine uses the standard library only."""

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "veileder"


def imported_modules(folder: Path) -> dict[str, set[str]]:
    """Top-level module names imported by each file under `folder` (veileder's own as 'veileder.x')."""
    found: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
        found[str(path.relative_to(PACKAGE.parent))] = {_top(name) for name in names}
    return found


def _top(name: str) -> str:
    parts = name.split(".")
    return ".".join(parts[:2]) if parts[0] == "veileder" else parts[0]


def test_the_engine_imports_only_the_standard_library_and_itself():
    allowed = set(sys.stdlib_module_names) | {"__future__", "veileder.engine"}
    offenders = {
        path: sorted(names - allowed) for path, names in imported_modules(PACKAGE / "engine").items() if names - allowed
    }
    assert offenders == {}


@pytest.mark.parametrize("forbidden", ["flask", "wtforms", "yaml", "markdown_it", "flask_babel"])
def test_the_engine_never_imports_frameworks_or_parsers(forbidden):
    assert all(forbidden not in names for names in imported_modules(PACKAGE / "engine").values())


def test_content_does_not_import_the_web_layer_or_flask():
    for path, names in imported_modules(PACKAGE / "content").items():
        assert not names & {"flask", "flask_babel", "wtforms", "veileder.web"}, path
