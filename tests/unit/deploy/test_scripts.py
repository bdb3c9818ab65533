"""The shell scripts behind `make test` and CI parse, fail fast, and are wired to each other."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
# The scripts this part of the repository owns: local infrastructure, compose helpers, the CI entry.
SCRIPTS = sorted(
    [
        *(REPO / "deploy" / "local").rglob("*.sh"),
        *(REPO / "deploy" / "compose").rglob("*.sh"),
        REPO / ".ci" / "run",
    ]
)


def script_id(path: Path) -> str:
    return str(path.relative_to(REPO))


def test_the_expected_scripts_exist() -> None:
    names = {script_id(p) for p in SCRIPTS}
    for name in ["kafka.sh", "postgres.sh", "with-infra.sh", "test.sh"]:
        assert f"deploy/local/{name}" in names
    assert ".ci/run" in names


@pytest.mark.parametrize("script", SCRIPTS, ids=script_id)
def test_script_is_valid_bash(script: Path) -> None:
    result = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("script", SCRIPTS, ids=script_id)
def test_script_stops_at_the_first_error(script: Path) -> None:
    lines = script.read_text().splitlines()
    assert lines[0] == "#!/usr/bin/env bash"
    assert "set -euo pipefail" in lines


def test_ci_entry_point_is_executable_and_runs_make_test() -> None:
    ci = REPO / ".ci" / "run"
    assert os.access(ci, os.X_OK), ".ci/run must be executable"
    lines = [line.strip() for line in ci.read_text().splitlines()]
    commands = [line for line in lines if line and not line.startswith("#")]
    assert commands[-1] == "make test"


def test_make_test_runs_the_local_test_script() -> None:
    makefile = (REPO / "Makefile").read_text()
    recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "bash deploy/local/test.sh" in recipe


@pytest.mark.parametrize(
    "args",
    [[], ["both"], ["both", "true"], ["redis", "--", "true"], ["kafka", "--"]],
    ids=["nothing", "no-separator", "missing-separator", "unknown-piece", "no-command"],
)
def test_with_infra_rejects_bad_usage_without_starting_anything(args: list[str]) -> None:
    result = subprocess.run(
        ["bash", str(REPO / "deploy" / "local" / "with-infra.sh"), *args],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert "usage:" in result.stderr


@pytest.mark.parametrize("script", ["kafka.sh", "postgres.sh"])
def test_infra_scripts_reject_unknown_subcommands(script: str) -> None:
    result = subprocess.run(
        ["bash", str(REPO / "deploy" / "local" / script), "restart-everything"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert "usage:" in result.stderr
