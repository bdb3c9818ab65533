"""The domain is plain Python: its modules import only the standard library and each other."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import oneoffice.documents.domain as domain

DOMAIN = Path(domain.__file__).parent


def _imported_modules(source: Path) -> set[str]:
    """Top-level names of the absolute imports in ``source`` (relative ones stay in the package)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_domain_modules_import_only_the_standard_library() -> None:
    modules = sorted(DOMAIN.rglob("*.py"))
    outside = {
        f"{path.relative_to(DOMAIN)}: {name}"
        for path in modules
        for name in _imported_modules(path)
        if name.split(".")[0] not in sys.stdlib_module_names and name != "__future__"
    }

    assert len(modules) > 1
    assert outside == set(), "the domain imports a framework or another package"


def test_importing_the_domain_loads_no_framework() -> None:
    probe = (
        "import sys, pkgutil, importlib, oneoffice.documents.domain as d\n"
        "for m in pkgutil.iter_modules(d.__path__): importlib.import_module(f'{d.__name__}.{m.name}')\n"
        "print(' '.join(sorted(n for n in ('pydantic', 'sqlalchemy', 'grpc', 'faststream', "
        "'oneoffice.contracts', 'oneoffice.eventcore') if n in sys.modules)))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)

    assert loaded.stdout.strip() == ""
