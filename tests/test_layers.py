"""The layers of docs/architecture.md, checked on every import statement (lazy ones inside functions too)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# package -> the packages it must never import
FORBIDDEN = {
    "transforms": {"flows", "dateline", "dashboards", "evaluation", "bench"},
    "flows": {"dateline", "dashboards", "evaluation", "bench"},
    "dashboards": {"dateline", "evaluation", "bench"},
    "dateline": {"dashboards"},
}


def imported_packages(path: Path) -> set[tuple[str, int]]:
    """The top-level package of every absolute import in a file, with its line."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {(alias.name.split(".")[0], node.lineno) for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add((node.module.split(".")[0], node.lineno))
    return found


def leaks(package: str) -> list[str]:
    """`file:line imports X` for each forbidden import in a package."""
    out = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for name, line in sorted(imported_packages(path)):
            if name in FORBIDDEN[package]:
                out.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    return out


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_the_layers_below(package):
    assert leaks(package) == []


def test_the_checker_sees_lazy_imports(tmp_path):
    module = tmp_path / "lazy.py"
    module.write_text("def f():\n    from dateline.output import cell_text\n    import flows.lake\n")
    assert imported_packages(module) == {("dateline", 2), ("flows", 3)}


def test_html_export_is_rendered_outside_the_cli_and_the_dashboard():
    assert (ROOT / "transforms" / "static_html.py").is_file()
    assert not (ROOT / "dashboards" / "static_html.py").exists()
    export = {name for name, _ in imported_packages(ROOT / "dateline" / "commands" / "export.py")}
    assert "transforms" in export and "dashboards" not in export


def test_no_module_imports_a_private_name_of_the_merge_package():
    private = []
    for package in ("transforms", "flows", "dateline", "dashboards", "evaluation", "bench", "tests"):
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(("transforms.merge", "transforms.merging")):
                    private += [f"{path.relative_to(ROOT)}: {a.name}" for a in node.names if a.name.startswith("_")]
    assert private == []
