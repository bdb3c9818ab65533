"""The accounts domain is plain Python: it imports only the standard library and itself (no pwdlib)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import oneoffice.staff.domain as domain

DOMAIN = Path(domain.__file__).parent


def test_staff_domain_modules_import_only_the_standard_library() -> None:
    modules = sorted(DOMAIN.rglob("*.py"))
    outside = set()
    for path in modules:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            outside.update(
                f"{path.name}: {name}"
                for name in names
                if name.split(".")[0] not in sys.stdlib_module_names and name != "__future__"
            )

    assert len(modules) > 1
    assert outside == set()
