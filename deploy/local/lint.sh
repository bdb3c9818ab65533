#!/usr/bin/env bash
# What `make lint` runs, and the first phase of `make test` (deploy/local/test.sh): ruff's checks,
# ruff's formatting (checked, never rewritten) and mypy --strict over every distribution's sources.
#
#   deploy/local/lint.sh        (VENV=dir picks another virtual environment; default: .venv)
#
# Every step runs even when an earlier one finds something, so one run lists all findings; the
# script exits non-zero if any step did.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO"
VENV=${VENV:-.venv}

failed=()
run() {
  local name=$1
  shift
  echo "lint.sh: $name" >&2
  "$@" || failed+=("$name")
}
run "ruff check" "$VENV/bin/ruff" check .
run "ruff format --check" "$VENV/bin/ruff" format --check .
run "mypy --strict" "$VENV/bin/mypy" contracts/src libs/eventcore/src services/*/src deploy/embedded/src

if ((${#failed[@]} > 0)); then
  echo "lint.sh: error: findings from: ${failed[*]} ('ruff check --fix .' and 'ruff format .' fix many)" >&2
  exit 1
fi
echo "lint.sh: clean" >&2
