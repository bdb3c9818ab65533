"""Lint is part of the test: `make test` runs deploy/local/lint.sh first and stops on any finding."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
LINT = REPO / "deploy" / "local" / "lint.sh"


def _fake_venv(tmp_path: Path, exit_codes: dict[str, int]) -> Path:
    """A virtual environment whose ruff and mypy only record their call and exit as told."""
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    for tool, code in exit_codes.items():
        script = bin_dir / tool
        script.write_text(f'#!/usr/bin/env bash\necho "{tool} $1" >> "{tmp_path}/calls"\nexit {code}\n')
        script.chmod(0o755)
    return bin_dir.parent


def _lint(venv: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(LINT)], env={"PATH": "/usr/bin:/bin", "VENV": str(venv)}, capture_output=True, text=True
    )


def test_a_clean_tree_passes(tmp_path: Path) -> None:
    result = _lint(_fake_venv(tmp_path, {"ruff": 0, "mypy": 0}))

    assert result.returncode == 0, result.stderr
    calls = (tmp_path / "calls").read_text().splitlines()
    assert calls == ["ruff check", "ruff format", "mypy contracts/src"]


@pytest.mark.parametrize(("ruff", "mypy"), [(1, 0), (0, 1)], ids=["ruff-finding", "mypy-finding"])
def test_any_finding_fails_after_every_step_has_run(tmp_path: Path, ruff: int, mypy: int) -> None:
    result = _lint(_fake_venv(tmp_path, {"ruff": ruff, "mypy": mypy}))

    assert result.returncode == 1
    assert len((tmp_path / "calls").read_text().splitlines()) == 3
    assert "findings from:" in result.stderr


def test_make_test_lints_first_and_make_lint_runs_the_same_script() -> None:
    test_sh = (REPO / "deploy" / "local" / "test.sh").read_text()
    phases = [line.split('"')[1] for line in test_sh.splitlines() if line.startswith("phase ")]
    assert phases[0] == "lint"
    lint_phase = test_sh.split('phase "lint"', 1)[1].split("phase ", 1)[0]
    assert "deploy/local/lint.sh" in lint_phase and "die" in lint_phase
    makefile = (REPO / "Makefile").read_text()
    recipe = makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert "bash deploy/local/lint.sh" in recipe
