"""Export the contracts' JSON Schemas and AsyncAPI document to contracts/schemas.

- ``events/<event_type>.v<schema_version>.json``: the payload of every contract event;
- ``envelope.v1.json``: what a Kafka message carries (the envelope), each payload referenced by type;
- ``asyncapi.json``: every topic (each service's events and dead letters), keys, headers, messages.

export_schemas.py              write the files, drop stale ones
export_schemas.py --out DIR    write into DIR instead (DIR/events/…, DIR/envelope.v1.json, …)
export_schemas.py --check      compare with the files; exit 1 listing any difference
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from oneoffice.contracts.asyncapi import ASYNCAPI_FILENAME, asyncapi_document
from oneoffice.contracts.envelope_schema import ENVELOPE_FILENAME, EVENTS_FOLDER, envelope_json_schema
from oneoffice.contracts.events import ALL_EVENTS, documents, reporting, staff
from oneoffice.contracts.json_schemas import render, schema_filename

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "schemas"
# Each publishing service and the events its topic carries.
TOPICS = {"documents": documents.EVENTS, "staff": staff.EVENTS, "reporting": reporting.EVENTS}


def _text(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def expected_files() -> dict[str, str]:
    """Every exported file by its path relative to the output folder."""
    files = {
        f"{EVENTS_FOLDER}/{schema_filename(cls)}": render(cls)
        for cls in sorted(ALL_EVENTS, key=schema_filename)
    }
    files[ENVELOPE_FILENAME] = _text(envelope_json_schema(ALL_EVENTS))
    files[ASYNCAPI_FILENAME] = _text(asyncapi_document(TOPICS))
    return files


def existing_files(out: Path) -> dict[str, str]:
    if not out.is_dir():
        return {}
    paths = [*out.glob("*.json"), *(out / EVENTS_FOLDER).glob("*.json")]
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in sorted(paths)}


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
            print(f"schemas in {args.out} are out of date: run export_schemas.py", file=sys.stderr)
            return 1
        print(f"schemas in {args.out} are up to date")
        return 0
    (args.out / EVENTS_FOLDER).mkdir(parents=True, exist_ok=True)
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
