"""House rule: only microshort/ui/ and microshort/app.py may import Reflex."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "microshort"
ALLOWED = ("ui/", "app.py")


def imports_reflex(source: str) -> bool:
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import) and any(
            alias.name.split(".")[0] == "reflex" for alias in node.names
        ):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "reflex":
            return True
    return False


def reflex_importers(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if relative.startswith(ALLOWED):
            continue
        if imports_reflex(path.read_text()):
            found.append(relative)
    return found


def test_domain_code_does_not_import_reflex() -> None:
    assert reflex_importers(PACKAGE) == []


def test_the_check_catches_an_offending_module(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "service.py").write_text("def f():\n    import reflex as rx\n")
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "page.py").write_text("import reflex as rx\n")
    (tmp_path / "payments.py").write_text("from reflex.state import State\n")
    assert reflex_importers(tmp_path) == ["content/service.py", "payments.py"]
