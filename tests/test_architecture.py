"""Dependencies point one way: web -> content -> engine; the engine uses the standard library only."""

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "veileder"


def imported_modules(folder: Path, root: Path = PACKAGE.parent) -> dict[str, set[str]]:
    """Top-level module names imported by each file under `folder` (veileder's own as 'veileder.x').

    Relative imports (`from ..web import views`) are resolved against the file's own package, so
    they cannot slip past the rules below.
    """
    found: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        names: set[str] = set()
        package = list(path.relative_to(root).parts[:-1])  # the package the file belongs to
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                names.update(_absolute(node, package))
        found[str(path.relative_to(root))] = {_top(name) for name in names}
    return found


def _absolute(node: ast.ImportFrom, package: list[str]) -> set[str]:
    if node.level == 0:
        return {node.module or ""}
    base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
    if node.module:
        return {".".join([*base, node.module])}
    return {".".join([*base, alias.name]) for alias in node.names}


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


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("from ..web import views\n", "veileder.web"),
        ("from ..web.views import site\n", "veileder.web"),
        ("from . import model\n", "veileder.engine"),
        ("from .. import web\n", "veileder.web"),
        ("import flask\n", "flask"),
    ],
)
def test_relative_imports_are_seen_as_the_modules_they_name(tmp_path, source, found):
    engine = tmp_path / "veileder" / "engine"
    engine.mkdir(parents=True)
    (engine / "sneaky.py").write_text(source)
    assert imported_modules(engine, tmp_path) == {"veileder/engine/sneaky.py": {found}}
