"""Export the JSON Schema of every contract event to contracts/schemas/events.

export_schemas.py              write <event_type>.v<schema_version>.json per event, drop stale files
export_schemas.py --out DIR    write into DIR instead
export_schemas.py --check      compare with the files; exit 1 listing any difference
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from oneoffice.contracts.events import ALL_EVENTS
from oneoffice.contracts.json_schemas import render, schema_filename

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "schemas" / "events"


def expected_files() -> dict[str, str]:
    return {schema_filename(cls): render(cls) for cls in sorted(ALL_EVENTS, key=schema_filename)}


def existing_files(out: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.json"))} if out.is_dir() else {}


def differences(expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    lines = [f"differs: {name}" for name in expected if name in actual and actual[name] != expected[name]]
    lines += [f"missing: {name}" for name in expected if name not in actual]
    lines += [f"stale:   {name}" for name in actual if name not in expected]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="compare with --out instead of writing it")
    args = parser.parse_args(argv)
    expected = expected_files()
    actual = existing_files(args.out)
    if args.check:
        problems = differences(expected, actual)
        for line in problems:
            print(line)
        if problems:
            print(f"event schemas in {args.out} are out of date: run export_schemas.py", file=sys.stderr)
            return 1
        print(f"event schemas in {args.out} are up to date")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in expected.items():
        if actual.get(name) != text:
            (args.out / name).write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote   {args.out / name}")
    for name in actual.keys() - expected.keys():
        (args.out / name).unlink()
        print(f"removed {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
